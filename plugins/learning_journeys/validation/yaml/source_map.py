"""Where a problem found in the loaded data stands in the YAML source."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from learning_journeys.validation.diagnostics import Diagnostic, JsonPath, PendingDiagnostic, Severity
from learning_journeys.validation.yaml.core_schema import NULL
from learning_journeys.validation.yaml.pyyaml_loader import JourneyYamlLoader

_COLON_NEXT = re.compile(r"\s*:")
_SPACES = re.compile(" *")


@dataclass(frozen=True)
class CommaSplit:
    """A key that a comma cut off the value before it, inside `{ }`: `{ method: Survey, by L&D }`."""

    key: str
    # `method: "Survey, by L&D"`, or None when the value before is not plain text on one line
    meant: str | None


class SourceMap:
    """Finds where a JSON path of the loaded data stands in the YAML source.

    Built only for files that have problems: it composes the file a second
    time, which costs about as much as loading it.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        # per mapping node: its keys' pairs and their positions, built once
        self._keys: dict[int, dict[str, tuple[int, ScalarNode, Node]]] = {}
        self.root: Node | None = None
        try:
            loader = JourneyYamlLoader(text)
            try:
                self.root = loader.get_single_node()
            finally:
                loader.dispose()
        except (yaml.YAMLError, RecursionError):
            self.root = None

    def locate(self, path: JsonPath, at_key: bool = False) -> tuple[int, int]:
        """1-based line and column of the value at ``path`` (or of its key when ``at_key``)."""
        node = self.root
        if node is None:
            return (1, 1)
        mark = node.start_mark
        for step in path:
            key_node, value_node = self._step(node, step)
            if value_node is None:
                break
            node = value_node
            mark = key_node.start_mark if (at_key and key_node is not None) else value_node.start_mark
        return (mark.line + 1, mark.column + 1)

    def locate_in_text(self, path: JsonPath, text_line: int) -> tuple[int, int] | None:
        """Line and column of the ``text_line``-th line of a literal block (`|`) at ``path``.

        Only a literal block keeps its lines as written; in other styles lines are folded.
        """
        node = self._node(path)
        if not isinstance(node, ScalarNode) or node.style != "|":
            return None
        number = node.start_mark.line + text_line  # 0-based: the block starts on the line after `|`
        if number > node.end_mark.line:
            return None
        # Every line of the block is indented alike: as far as its first line.
        first = self._text.find("\n", node.start_mark.index) + 1
        indent = _SPACES.match(self._text, first).end() - first  # type: ignore[union-attr]
        return (number + 1, indent + 1)

    def scalar(self, path: JsonPath) -> str | None:
        """The text of the scalar at ``path`` exactly as written."""
        node = self._node(path)
        return node.value if isinstance(node, ScalarNode) else None

    def comma_split(self, path: JsonPath) -> CommaSplit | None:
        """When the key at ``path`` is an entry of a `{ }` mapping without a colon, after a comma."""
        parent = self._node(path[:-1]) if path else None
        if not isinstance(parent, MappingNode) or not parent.flow_style:
            return None
        found = self._pairs_by_key(parent).get(str(path[-1]))
        if found is None:
            return None
        i, key_node, value_node = found
        if i == 0 or not self._without_colon(key_node, value_node):
            return None
        return CommaSplit(key_node.value, self._meant(parent.value[i - 1], key_node))

    def _without_colon(self, key_node: ScalarNode, value_node: Node) -> bool:
        """A plain key with an empty value and no `:` after it: `{ a: b, c }`'s `c`."""
        return (
            not key_node.style
            and isinstance(value_node, ScalarNode)
            and value_node.tag == NULL
            and value_node.value == ""
            and not _COLON_NEXT.match(self._text, key_node.end_mark.index)
        )

    def _meant(self, before: tuple[Node, Node], key_node: ScalarNode) -> str | None:
        """`method: "Survey, by L&D"`: the value before the comma and the split-off key, in quotes."""
        previous_key, previous_value = before
        if not (isinstance(previous_key, ScalarNode) and isinstance(previous_value, ScalarNode)):
            return None
        if previous_value.style:
            return None  # quoted already: the comma was outside the quotes
        written = self._text[previous_value.start_mark.index : key_node.end_mark.index]
        if "\n" in written:
            return None
        return f"{previous_key.value}: {json.dumps(written, ensure_ascii=False)}"

    def _node(self, path: JsonPath) -> Node | None:
        node = self.root
        for step in path:
            if node is None:
                return None
            node = self._step(node, step)[1]
        return node

    def _step(self, node: Node, step: str | int) -> tuple[Node | None, Node | None]:
        if isinstance(node, MappingNode):
            _i, key_node, value_node = self._pairs_by_key(node).get(str(step), (0, None, None))
            return key_node, value_node
        if isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            return None, node.value[step]
        return None, None

    def _pairs_by_key(self, node: MappingNode) -> dict[str, tuple[int, ScalarNode, Node]]:
        """An index per mapping, built once: many problems in one mapping stay linear."""
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for i, (k, v) in enumerate(node.value):
                if isinstance(k, ScalarNode):
                    index.setdefault(k.value, (i, k, v))
            self._keys[id(node)] = index
        return index


def resolve_pending(
    file: str, text: str | None, pending: list[PendingDiagnostic], source_map: SourceMap | None = None
) -> list[Diagnostic]:
    """Give path-based problems their line and column (composing the file only if needed)."""
    if not pending:
        return []
    smap = source_map or (SourceMap(text) if text is not None else None)
    out = []
    for p in pending:
        inside = smap.locate_in_text(p.path, p.text_line) if smap and p.text_line else None
        line, col = inside or (smap.locate(p.path, p.at_key) if smap else (1, 1))
        hint = _hint_from_source(p, smap)
        out.append(Diagnostic(file, line, col, p.code, p.message, p.severity or Severity.ERROR, hint))
    return out


def _hint_from_source(p: PendingDiagnostic, smap: SourceMap | None) -> str | None:
    """The hint, completed with what the source shows: the text as written, a comma that split a value."""
    split = smap.comma_split(p.path) if smap and p.code == "LJ100" and p.at_key else None
    if split is not None:
        return _comma_split_hint(split)
    if p.hint and "{source}" in p.hint:
        return p.hint.replace("{source}", (smap.scalar(p.path) if smap else None) or "")
    return p.hint


def _comma_split_hint(split: CommaSplit) -> str:
    if split.meant is None:
        return (
            f"a comma inside `{{ }}` ends an entry, so `{split.key}` became a key of its own:"
            " put text with a comma in quotes"
        )
    return (
        f"the comma inside `{{ }}` split the text, and `{split.key}` became a key of its own:"
        f" quote the value, `{split.meant}`"
    )
