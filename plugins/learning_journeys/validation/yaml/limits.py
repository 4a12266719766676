"""Limits that keep hostile files from crashing or stalling the reader.

- ``MAX_FILE_BYTES``: a bigger file is refused before it is read.
- ``MAX_DEPTH``: mappings and lists nested deeper than this are refused, in
  flow (``[[[``), block (indentation) and compact (``- - -``) form alike. A
  journey needs about ten levels. libyaml has a nesting limit of its own
  (1,000 in PyYAML 6.0.4's wheels, none in older ones); when it is reached
  first, the problem is the same.
- ``MAX_EXPANDED_NODES``: anchors and aliases may not expand to more values
  than this ("billion laughs").
"""

from __future__ import annotations

import re
from functools import cache

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from learning_journeys.validation.yaml.problems import Problem, Refusal

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_EXPANDED_NODES = 100_000

try:
    _EVENT_LOADER: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml ships in PyYAML's wheels
    _EVENT_LOADER = yaml.SafeLoader

# Before composing, only a file with more brackets than this, or with deep
# compact nesting on one line, is parsed once more to count its depth: the
# composer recurses, and a libyaml without a nesting limit would crash the
# interpreter on a file of 100,000 '['.
_BRACKET_BUDGET = 256
# 32 levels of compact block nesting on one line: `- - -`, `? ? ?`, `- ? -`,
# also with anchors or tags between them (`- &a - !t -`). Block nesting across
# lines needs one more space of indentation per level, which the file size caps.
_COMPACT_LEVEL = rb"[-?:](?:[ \t]+[&!][^ \t\r\n]*)*[ \t]+"
_DEEP_DASHES = re.compile(_COMPACT_LEVEL + rb"(?:" + _COMPACT_LEVEL + rb"){31}")
# Anchors are rare in journeys; only files that define one are checked for
# alias expansion. An anchor is `&` and a name, after a space, a line break,
# the start of the file or `[ { , : ?` (flow context: `{"a":&x 1}`, `[?&x a]`).
# The last bytes of U+0085, U+2028, U+2029 and the BOM stand in for the line
# breaks and the byte order mark libyaml also accepts there; catching a few
# more `&` than needed only costs the (cheap) expansion count.
_BEFORE_ANCHOR = frozenset(b" \t\n\r\x0b\x0c[{,:?\x85\xa8\xa9\xbf")


def too_deep(mark: object = None) -> Problem:
    """The one problem for nesting too deep, wherever it was noticed."""
    return Problem.at(
        mark,
        "LJ010",
        f"nesting deeper than {MAX_DEPTH} levels",
        hint="a journey needs a handful of levels; check the brackets and the indentation",
    )


def is_nesting_error(err: yaml.YAMLError) -> bool:
    """Whether ``err`` is libyaml's own nesting limit ("exceeded maximum nesting depth")."""
    return "nesting depth" in str(getattr(err, "problem", None) or "")


def refuse_absurd_nesting(raw: bytes, text: str) -> None:
    """Refuse nesting that would crash or stall the composer, cheaply in the common case.

    Deep compact nesting is looked for only when libyaml does not stop it itself: the search
    costs as much as a tenth of reading the file, and the constructor refuses what is deeper
    than ``MAX_DEPTH`` but within libyaml's limit.
    """
    if raw.count(b"[") + raw.count(b"{") > _BRACKET_BUDGET or (
        not _parser_limits_nesting() and _DEEP_DASHES.search(raw)
    ):
        _refuse_deep_events(text)


@cache
def _parser_limits_nesting() -> bool:
    """Whether the parser refuses compact nesting a thousand levels deep by itself (asked once)."""
    try:
        for _event in yaml.parse("- " * 1001 + "x", Loader=_EVENT_LOADER):
            pass
    except yaml.YAMLError as err:
        return is_nesting_error(err)
    return False


def too_deep_in(text: str, err: yaml.YAMLError) -> Problem:
    """The problem for libyaml's own nesting limit: at the level where ours was passed, if it can tell."""
    try:
        _refuse_deep_events(text)
    except Refusal as refusal:
        return refusal.problem
    return too_deep(getattr(err, "problem_mark", None))


def _refuse_deep_events(text: str) -> None:
    """Count the depth from parser events, which stop at the first level past ``MAX_DEPTH``."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_EVENT_LOADER):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise Refusal(too_deep(event.start_mark))
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as err:
        # libyaml may have to read ahead past its own limit (`[[[...`) before the first event
        if is_nesting_error(err):
            raise Refusal(too_deep(getattr(err, "problem_mark", None))) from None
        # any other problem: the real load reports it with its position


def refuse_deep_node_tree(root: Node) -> None:
    """Refuse a document whose mappings and lists nest deeper than ``MAX_DEPTH``.

    Reports the first such collection in document order. Call it after
    :func:`refuse_alias_bomb`: it follows aliases, and only that bounds them.
    """
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise Refusal(too_deep(node.start_mark))
        if type(node) is MappingNode:
            stack.extend(
                (child, depth + 1)
                for pair in reversed(node.value)
                for child in reversed(pair)
                if type(child) is not ScalarNode
            )
        elif type(node) is SequenceNode:
            stack.extend(
                (child, depth + 1) for child in reversed(node.value) if type(child) is not ScalarNode
            )


def refuse_alias_bomb(raw: bytes, root: Node) -> None:
    """Refuse anchors and aliases that expand to more than ``MAX_EXPANDED_NODES`` values."""
    if may_define_anchor(raw) and _expanded_size(root) > MAX_EXPANDED_NODES:
        raise Refusal(
            Problem.at(
                root.start_mark,
                "LJ009",
                f"anchors and aliases expand to more than {MAX_EXPANDED_NODES:,} values",
                hint="write the values out instead of reusing them through aliases",
            )
        )


def may_define_anchor(raw: bytes) -> bool:
    """Whether ``raw`` may define an anchor: never False for a file that does.

    A loop over ``bytes.find`` (memchr) instead of a regular expression: `&` is
    rare, while a pattern that starts with a class of spaces is tried at every
    space (half a millisecond for a 12 KB file).
    """
    at = raw.find(b"&")
    while at >= 0:
        if (at == 0 or raw[at - 1] in _BEFORE_ANCHOR) and raw[at + 1 : at + 2].strip():
            return True
        at = raw.find(b"&", at + 1)
    return False


def _expanded_size(root: Node) -> int:
    """How many nodes the document holds once every alias is expanded (iterative, memoised).

    An alias inside its own anchor (``a: &a [*a]``) expands without end: it
    counts as too many rather than looping forever.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # expanding now: met again below itself means a cycle
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if children_done or not children:
            total = 1 + sum(sizes.get(id(c), 0) for c in children)
            sizes[id(node)] = min(total, MAX_EXPANDED_NODES + 1)
            open_nodes.discard(id(node))
            continue
        if id(node) in open_nodes:
            return MAX_EXPANDED_NODES + 1
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in sizes)
    return sizes[id(root)]


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []
