"""Building Python data from composed YAML nodes, strictly.

PyYAML's SafeConstructor keeps the last of two equal keys, reads keys that are
numbers or lists, expands merge keys (YAML 1.1) and fails with a KeyError on
``!!bool x``. Ours records duplicate and non-text keys as problems, refuses
merge keys, Python and custom tags, and values that do not fit their explicit
tag, each at its line and column.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any, ClassVar

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from learning_journeys.validation.yaml.core_schema import (
    BOOL,
    FLOAT,
    INT,
    MAP,
    NULL,
    SCALAR_PATTERNS,
    SEQ,
    STR,
)
from learning_journeys.validation.yaml.limits import MAX_DEPTH, refuse_deep_node_tree, too_deep
from learning_journeys.validation.yaml.problems import Problem, Refusal

_PLAIN_SCALAR_TAGS = (INT, FLOAT, BOOL, NULL)
# What each tag's value is, for messages.
_TAG_VALUES = {
    STR: "text",
    INT: "a whole number",
    FLOAT: "a number",
    BOOL: "true or false",
    NULL: "empty (null)",
    MAP: "a mapping",
    SEQ: "a list",
}
_TAG_EXAMPLES = {INT: "`12`", FLOAT: "`1.5`", BOOL: "`true` or `false`", NULL: "nothing, or `~`"}
_NODE_KINDS = {ScalarNode: "a single value", SequenceNode: "a list", MappingNode: "a mapping"}
_MERGE_KEY = "<<"


class _NotPlain(Exception):
    """The fast construction met something it leaves to PyYAML's constructor."""


class StrictConstructor(SafeConstructor):
    """SafeConstructor that records duplicate and non-text keys instead of losing them.

    ``findings`` are the problems that do not stop the reading; when
    ``data_incomplete`` is set, the data lacks something the author wrote (a
    merge key) and must not be checked any further.
    """

    yaml_constructors: ClassVar[dict[Any, Callable[..., Any]]] = {}
    yaml_multi_constructors: ClassVar[dict[str | None, Any]] = {}

    def __init__(self) -> None:
        SafeConstructor.__init__(self)
        self.findings: list[Problem] = []
        self.data_incomplete = False

    def construct_document(self, node: Node) -> Any:
        """The document's data: a fast path for plain files, PyYAML's own for the rest.

        Most journey files hold only text keys, mappings, lists and the five
        scalar types: :meth:`_construct_plain` builds those in one loop,
        without PyYAML's per-node dispatch and generators (half the
        construction time). Anything else (a tag, a duplicate, non-text or
        merge key) makes it give up, and the file is built again the careful
        way, which reports the problem: same data, same problems, same order.
        """
        try:
            return self._construct_plain(node)
        except _NotPlain:
            refuse_deep_node_tree(node)  # the fast path checks depth as it goes; this one cannot
            return super().construct_document(node)

    def _construct_plain(self, root: Node) -> Any:
        scalars = {tag: self.yaml_constructors[tag] for tag in _PLAIN_SCALAR_TAGS}
        built: dict[Node, Any] = {}  # containers by node: aliases share them, as in PyYAML
        # Containers are filled first in, first out, the order in which
        # construct_document runs its generators. Level by level, so the first
        # container found too deep is the first one in the document.
        todo: deque[tuple[Node, Any, int]] = deque()

        def build(node: Node, depth: int) -> Any:
            kind = type(node)
            if kind is ScalarNode:
                if node.tag == STR:
                    return node.value
                constructor = scalars.get(node.tag)
                if constructor is None:
                    raise _NotPlain
                return constructor(self, node)
            data = built.get(node)
            if data is not None:
                return data
            if kind is MappingNode and node.tag == MAP:
                data = {}
            elif kind is SequenceNode and node.tag == SEQ:
                data = []
            else:
                raise _NotPlain
            if depth > MAX_DEPTH:
                raise Refusal(too_deep(node.start_mark))
            built[node] = data
            todo.append((node, data, depth))
            return data

        data = build(root, 1)
        while todo:
            node, container, depth = todo.popleft()
            if type(container) is list:
                container.extend([build(child, depth + 1) for child in node.value])
                continue
            for key_node, value_node in node.value:
                key = key_node.value
                if (
                    type(key_node) is not ScalarNode
                    or key_node.tag != STR
                    or key in container
                    or key == _MERGE_KEY
                ):
                    raise _NotPlain
                container[key] = build(value_node, depth + 1)
        return data

    def construct_undefined(self, node: Node) -> Any:
        raise Refusal(
            Problem.at(
                node.start_mark,
                "LJ008",
                f"the tag {node.tag!r} is not allowed in a journey file",
                hint="remove the tag; journey files hold plain text, numbers, lists and mappings",
            )
        )

    def construct_sequence(self, node: Node, deep: bool = False) -> list[Any]:
        refuse_unfitting_node(node, SequenceNode)
        return [self.construct_object(child, deep=deep) for child in node.value]

    def construct_mapping(self, node: Node, deep: bool = False) -> dict[Any, Any]:  # type: ignore[override]
        refuse_unfitting_node(node, MappingNode)
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if _is_merge_key(key_node):
                self._note_merge_key(key_node)
                continue
            key = self._text_key(key_node, deep)
            if key in mapping:
                self._note_duplicate_key(key, key_node)
                continue  # keep the first value, as the author most likely meant
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping

    def _text_key(self, key_node: Node, deep: bool) -> str:
        """The key as text; a key YAML reads as a number or true/false is noted and kept as written."""
        key = self.construct_object(key_node, deep=deep)
        if isinstance(key, str):
            return key
        if isinstance(key, (list, dict)):
            raise Refusal(
                Problem.at(key_node.start_mark, "LJ011", "a key must be text, not a list or mapping")
            )
        self.findings.append(
            Problem.at(
                key_node.start_mark,
                "LJ011",
                f"the key {key_node.value!r} is read as {_kind(key)}, not text",
                hint=f'quote it: "{key_node.value}":',
            )
        )
        return str(key_node.value)

    def _note_duplicate_key(self, key: str, key_node: Node) -> None:
        self.findings.append(
            Problem.at(
                key_node.start_mark,
                "LJ007",
                f"duplicate key {key!r}: YAML would silently keep only the last value",
                hint=(
                    "a new item of a list starts with `- `, e.g. `- id: ...`"
                    if key == "id"
                    else "remove or rename one of the two"
                ),
            )
        )

    def _note_merge_key(self, key_node: Node) -> None:
        self.data_incomplete = True
        self.findings.append(
            Problem.at(
                key_node.start_mark,
                "LJ013",
                "the merge key `<<` is not supported: the keys it refers to are not copied here",
                hint="write the keys out in this mapping instead of `<<: *name`",
            )
        )


def _is_merge_key(node: Node) -> bool:
    """A plain `<<` key, which YAML 1.1 reads as "copy the keys of this mapping" (a quoted one is text)."""
    return type(node) is ScalarNode and node.value == _MERGE_KEY and not node.style


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "empty (null)"
    if isinstance(value, (int, float)):
        return "a number"
    return type(value).__name__


def _tag_name(tag: str) -> str:
    return "!!" + tag.rsplit(":", 1)[-1]


def refuse_unfitting_node(node: Node, kind: type[Node]) -> None:
    """Refuse a standard tag on the wrong kind of node: `!!str [a]`, `!!map x`."""
    if not isinstance(node, kind):
        raise Refusal(
            Problem.at(
                node.start_mark,
                "LJ014",
                f"the tag `{_tag_name(node.tag)}` is for {_TAG_VALUES.get(node.tag, 'another kind of value')}, "
                f"not {_NODE_KINDS.get(type(node), 'this value')}",
                hint=f"remove `{_tag_name(node.tag)}`",
            )
        )


def scalar_text(node: Node) -> str:
    """The text of a scalar whose explicit tag it must fit (`!!bool x` does not)."""
    refuse_unfitting_node(node, ScalarNode)
    pattern = SCALAR_PATTERNS.get(node.tag)
    if pattern is not None and not pattern.match(node.value):
        name = _tag_name(node.tag)
        raise Refusal(
            Problem.at(
                node.start_mark,
                "LJ014",
                f"{node.value!r} is not {_TAG_VALUES[node.tag]}, as its tag `{name}` requires",
                hint=f"remove `{name}` to keep the text as written, or write {_TAG_EXAMPLES[node.tag]}",
            )
        )
    return str(node.value)


def construct_str(_constructor: SafeConstructor, node: Node) -> str:
    return scalar_text(node)


def construct_int(_constructor: SafeConstructor, node: Node) -> int:
    """Integers as YAML 1.2 reads them: `09` is nine (YAML 1.1 would try octal and fail)."""
    value = scalar_text(node)
    sign = -1 if value.startswith("-") else 1
    digits = value.lstrip("+-")
    if digits.startswith("0o"):
        return sign * int(digits[2:], 8)
    if digits.startswith("0x"):
        return sign * int(digits[2:], 16)
    try:
        return sign * int(digits)
    except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
        raise Refusal(
            Problem.at(
                node.start_mark,
                "LJ004",
                f"a number of {len(digits):,} digits is too long to read",
                hint="quote it to keep it as text",
            )
        ) from None


def construct_float(_constructor: SafeConstructor, node: Node) -> float:
    value = scalar_text(node).lower()
    if value.endswith(".nan"):
        return float("nan")
    if value.endswith(".inf"):
        return float("-inf") if value.startswith("-") else float("inf")
    return float(value)


def construct_bool(_constructor: SafeConstructor, node: Node) -> bool:
    return scalar_text(node).lower() == "true"


def construct_null(_constructor: SafeConstructor, node: Node) -> None:
    scalar_text(node)
    return None


StrictConstructor.yaml_constructors = {
    STR: construct_str,
    INT: construct_int,
    FLOAT: construct_float,
    BOOL: construct_bool,
    NULL: construct_null,
    MAP: SafeConstructor.construct_yaml_map,
    SEQ: SafeConstructor.construct_yaml_seq,
    None: StrictConstructor.construct_undefined,
}
