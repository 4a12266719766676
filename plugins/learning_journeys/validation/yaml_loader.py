"""Safe, strict YAML loading for journey files.

PyYAML follows YAML 1.1 and is lenient in ways that lose an author's work
without a word: ``no`` becomes ``False``, ``2026-03-01`` a date, ``1:30`` the
number 90, a repeated key silently keeps the last value. This loader reads
YAML with the C parser when it is there, resolves plain scalars the way YAML
1.2's core schema does (and editors do), refuses what a journey never needs
(Python tags, several documents, alias bombs, absurd nesting) and turns every
problem into a :class:`~learning_journeys.diagnostics.Diagnostic` with a line
and column instead of an exception.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from typing import Any, ClassVar

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from learning_journeys.validation.diagnostics import Diagnostic, JsonPath, PendingDiagnostic, Severity

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_EXPANDED_NODES = 100_000

try:
    # the stubs import CParser into yaml.cyaml without re-exporting it
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]

    _HAS_C = True
except ImportError:  # pragma: no cover - libyaml ships in PyYAML's wheels
    _HAS_C = False

# A cheap upper bound for flow nesting: only when a file has more brackets
# than this do we count its real depth (the C composer recurses and would
# crash the interpreter on a file of 100,000 '[').
_BRACKET_BUDGET = 256
# 32 levels of compact block nesting on one line: `- - -`, `? ? ?`, `- ? -`,
# also with anchors or tags between them (`- &a - !t -`). Block nesting across
# lines needs one more space of indentation per level, which the file size caps.
_COMPACT_LEVEL = rb"[-?:](?:[ \t]+[&!][^ \t\r\n]*)*[ \t]+"
_DEEP_DASHES = re.compile(_COMPACT_LEVEL + rb"(?:" + _COMPACT_LEVEL + rb"){31}")
# YAML 1.1 (PyYAML) reads these as line breaks, YAML 1.2 and editors do not:
# pasted from a word processor, they would shift every line number after them.
_UNICODE_BREAKS = {0x85: " ", 0x2028: " ", 0x2029: " "}
# Anchors are rare in journeys; only files that define one are checked for
# alias expansion. An anchor is `&` and a name, after a space, a line break,
# the start of the file or `[ { , : ?` (flow context: `{"a":&x 1}`, `[?&x a]`).
# The last bytes of U+0085, U+2028, U+2029 and the BOM stand in for the line
# breaks and the byte order mark libyaml also accepts there; catching a few
# more `&` than needed only costs the (cheap) expansion count.
_BEFORE_ANCHOR = frozenset(b" \t\n\r\x0b\x0c[{,:?\x85\xa8\xa9\xbf")


def _core_schema_resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    """Implicit resolvers of YAML 1.2's core schema: no dates, no sexagesimal, no yes/no."""
    table: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}

    def add(tag: str, regexp: re.Pattern[str], first: str) -> None:
        for ch in first:
            table.setdefault(ch, []).append((tag, regexp))

    add(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        "tTfF",
    )
    add(
        "tag:yaml.org,2002:int",
        re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
        "-+0123456789",
    )
    add(
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+.0123456789",
    )
    add("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN\x00")
    table.setdefault(None, []).append(("tag:yaml.org,2002:null", re.compile(r"^$")))
    return table


_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class _Problem(Exception):
    """Raised inside construction for a problem that ends the file's reading."""

    def __init__(self, diagnostic: PendingDiagnostic, mark: Any) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.mark = mark


class _NotPlain(Exception):
    """The fast construction met something it leaves to PyYAML's constructor."""


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_PLAIN_SCALAR_TAGS = (
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
)


class _StrictConstructor(SafeConstructor):  # noqa: B903
    """SafeConstructor that records duplicate and non-text keys instead of losing them."""

    yaml_constructors = {
        tag: fn for tag, fn in SafeConstructor.yaml_constructors.items() if tag in _ALLOWED_TAGS
    }
    yaml_multi_constructors: ClassVar[dict[str | None, Any]] = {}

    def construct_document(self, node: Node) -> Any:
        """The document's data: a fast path for plain files, PyYAML's own for the rest.

        Most journey files hold only text keys, mappings, lists and the five
        scalar types: :meth:`_construct_plain` builds those in one loop,
        without PyYAML's per-node dispatch and generators (half the
        construction time). Anything else (a tag, a duplicate or non-text
        key) makes it give up, and the file is built again the careful way,
        which reports the problem: same data, same diagnostics, same order.
        """
        try:
            return self._construct_plain(node)
        except _NotPlain:
            return super().construct_document(node)

    def _construct_plain(self, root: Node) -> Any:
        scalars = {tag: self.yaml_constructors[tag] for tag in _PLAIN_SCALAR_TAGS}
        built: dict[Node, Any] = {}  # containers by node: aliases share them, as in PyYAML
        # Containers are filled first in, first out, the order in which
        # construct_document runs its generators.
        todo: deque[tuple[Node, Any]] = deque()

        def build(node: Node) -> Any:
            kind = type(node)
            if kind is ScalarNode:
                if node.tag == _STR:
                    return node.value
                constructor = scalars.get(node.tag)
                if constructor is None:
                    raise _NotPlain
                return constructor(self, node)
            data = built.get(node)
            if data is not None:
                return data
            if kind is MappingNode and node.tag == _MAP:
                data = {}
            elif kind is SequenceNode and node.tag == _SEQ:
                data = []
            else:
                raise _NotPlain
            built[node] = data
            todo.append((node, data))
            return data

        data = build(root)
        while todo:
            node, container = todo.popleft()
            if type(container) is list:
                container.extend([build(child) for child in node.value])
                continue
            for key_node, value_node in node.value:
                if type(key_node) is not ScalarNode or key_node.tag != _STR or key_node.value in container:
                    raise _NotPlain
                container[key_node.value] = build(value_node)
        return data

    def construct_undefined(self, node: Node) -> Any:
        raise _Problem(
            PendingDiagnostic(
                (),
                "LJ008",
                f"the tag {node.tag!r} is not allowed in a journey file",
                hint="remove the tag; journey files hold plain text, numbers, lists and mappings",
            ),
            node.start_mark,
        )

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, MappingNode):
            raise ConstructorError(None, None, "expected a mapping", node.start_mark)
        mapping: dict[Any, Any] = {}
        found: list[tuple[PendingDiagnostic, Any]] = self.__dict__.setdefault("found", [])
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                if isinstance(key, (list, dict)):
                    raise _Problem(
                        PendingDiagnostic((), "LJ011", "a key must be text, not a list or mapping"),
                        key_node.start_mark,
                    )
                found.append(
                    (
                        PendingDiagnostic(
                            (),
                            "LJ011",
                            f"the key {key_node.value!r} is read as {_kind(key)}, not text",
                            hint=f'quote it: "{key_node.value}":',
                        ),
                        key_node.start_mark,
                    )
                )
                key = str(key_node.value)
            if key in mapping:
                found.append(
                    (
                        PendingDiagnostic(
                            (),
                            "LJ007",
                            f"duplicate key {key!r}: YAML would silently keep only the last value",
                            hint=(
                                "a new item of a list starts with `- `, e.g. `- id: ...`"
                                if key == "id"
                                else "remove or rename one of the two"
                            ),
                        ),
                        key_node.start_mark,
                    )
                )
                continue  # keep the first value, as the author most likely meant
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _construct_int(loader: SafeConstructor, node: ScalarNode) -> int:
    """Integers as YAML 1.2 reads them: `09` is nine (YAML 1.1 would try octal and fail)."""
    value = str(loader.construct_scalar(node)).replace("_", "")
    sign = -1 if value.startswith("-") else 1
    digits = value.lstrip("+-")
    try:
        if digits.startswith("0o"):
            return sign * int(digits[2:], 8)
        if digits.startswith("0x"):
            return sign * int(digits[2:], 16)
        return sign * int(digits)
    except ValueError:
        raise ConstructorError(None, None, f"{value!r} is not a whole number", node.start_mark) from None


_StrictConstructor.yaml_constructors["tag:yaml.org,2002:int"] = _construct_int
_StrictConstructor.yaml_constructors[None] = _StrictConstructor.construct_undefined  # type: ignore[index]


class _CoreResolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema resolution."""

    yaml_implicit_resolvers = _core_schema_resolvers()

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # BaseResolver.resolve gives the same answers (there are no path
        # resolvers), but builds a new list for every scalar; the composer
        # calls this for every node of the file.
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _RESOLVERS_BY_FIRST.get(value[:1], _ANY_FIRST):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        if kind is SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        if kind is MappingNode:
            return self.DEFAULT_MAPPING_TAG
        return None


# What BaseResolver.resolve tries for a scalar, by its first character: the
# resolvers for that character, then the ones for any (key None).
_ANY_FIRST = _CoreResolver.yaml_implicit_resolvers.get(None, [])
_RESOLVERS_BY_FIRST = {
    first: resolvers + _ANY_FIRST
    for first, resolvers in _CoreResolver.yaml_implicit_resolvers.items()
    if first is not None
}

if _HAS_C:

    class _Loader(_Parser, _StrictConstructor, _CoreResolver):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            _StrictConstructor.__init__(self)
            _CoreResolver.__init__(self)

else:  # pragma: no cover - libyaml is present in every supported wheel

    class _Loader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        _StrictConstructor,
        _CoreResolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            _StrictConstructor.__init__(self)
            _CoreResolver.__init__(self)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "empty (null)"
    if isinstance(value, (int, float)):
        return "a number"
    return type(value).__name__


@dataclass
class LoadedYaml:
    """What reading one file gave: its data (None when unusable) and its problems."""

    file: str
    text: str | None
    data: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(d.is_error for d in self.diagnostics)


def _line_col(data: bytes | str, offset: int) -> tuple[int, int]:
    before = data[:offset]
    nl = b"\n" if isinstance(before, bytes) else "\n"
    line = before.count(nl) + 1  # type: ignore[arg-type]
    last = before.rfind(nl)  # type: ignore[arg-type]
    return line, offset - last


def load_yaml_bytes(raw: bytes, file: str) -> LoadedYaml:
    """Read one journey file's bytes: never raises, never hangs on hostile input."""
    result = LoadedYaml(file=file, text=None)

    def fail(code: str, message: str, line: int = 1, col: int = 1, hint: str | None = None) -> LoadedYaml:
        result.diagnostics.append(Diagnostic(file, line, col, code, message, hint=hint))
        return result

    if len(raw) > MAX_FILE_BYTES:
        return fail(
            "LJ002",
            f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}",
            hint="move long texts into Markdown files next to the journey (content_file)",
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(raw) > 3 and (raw[1] == raw[3] == 0 or raw[0] == raw[2] == 0)
    ):
        return fail(
            "LJ003",
            'file is UTF-16 (what Notepad calls "Unicode"), not UTF-8',
            hint="save it again as UTF-8",
        )
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(raw, nul)
        return fail("LJ003", "file holds a NUL byte; is it a binary file?", line, col)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, col = _line_col(raw, err.start)
        return fail(
            "LJ003",
            f"invalid UTF-8 (byte 0x{raw[err.start]:02x})",
            line,
            col,
            hint="save the file as UTF-8 in your editor",
        )
    if any(chr(code) in text for code in _UNICODE_BREAKS):
        for match in re.finditer("[\x85\u2028\u2029]", text):
            line, col = _line_col(text, match.start())
            result.diagnostics.append(
                Diagnostic(
                    file,
                    line,
                    col,
                    "LJ003",
                    f"invisible line separator U+{ord(match.group()):04X}, read as a space",
                    Severity.WARNING,
                    hint="it usually comes with text pasted from a word processor: remove it",
                )
            )
        text = text.translate(_UNICODE_BREAKS)
    result.text = text

    depth_problem = _check_depth(raw, text)
    if depth_problem:
        return fail("LJ010", *depth_problem)

    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            return fail(
                "LJ006",
                "the file is empty",
                hint="start from `journeys new ID`, which writes a commented example",
            )
        if _may_define_anchor(raw):
            expanded = _expanded_size(node)
            if expanded > MAX_EXPANDED_NODES:
                return fail(
                    "LJ009",
                    f"anchors and aliases expand to more than {MAX_EXPANDED_NODES:,} values",
                    node.start_mark.line + 1,
                    node.start_mark.column + 1,
                    hint="write the values out instead of reusing them through aliases",
                )
        if not isinstance(node, MappingNode):
            return fail(
                "LJ006",
                "the top level of a journey file must be a mapping (key: value lines)",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
                hint="a journey starts with lines such as `id: my-journey` and `title: ...`",
            )
        data = loader.construct_document(node)
    except _Problem as problem:
        mark = problem.mark
        d = problem.diagnostic
        return fail(d.code, d.message, mark.line + 1, mark.column + 1, d.hint)
    except yaml.composer.ComposerError as err:
        if "single document" in str(err):
            mark = err.problem_mark
            return fail(
                "LJ005",
                "more than one YAML document in this file (a second `---`)",
                mark.line + 1 if mark else 1,
                mark.column + 1 if mark else 1,
                hint="keep one journey per file",
            )
        return _syntax_error(result, err)
    except yaml.reader.ReaderError as err:
        line, col = _line_col(text, err.position)
        return fail(
            "LJ003",
            f"control character U+{err.character:04X} is not allowed in YAML",
            line,
            col,
            hint="remove the invisible character (often pasted in from a word processor)",
        )
    except yaml.MarkedYAMLError as err:
        return _syntax_error(result, err)
    except yaml.YAMLError as err:
        return fail("LJ004", str(err))
    except RecursionError:
        return fail("LJ010", f"nesting deeper than {MAX_DEPTH} levels")
    finally:
        if loader is not None:
            loader.dispose()

    for pending, mark in loader.__dict__.get("found", []):
        result.diagnostics.append(
            Diagnostic(
                file,
                mark.line + 1,
                mark.column + 1,
                pending.code,
                pending.message,
                pending.severity,
                pending.hint,
            )
        )
    result.diagnostics.extend(_comments_inside_values(file, text))
    result.data = data
    return result


# ` #` starts a comment in YAML, so `title: Intervisie #2` is just "Intervisie".
# Authors write comments as `# text`; a `#` glued to what follows is most likely
# part of the value.
_LINE_PREFIX = re.compile(r"^([ \t]*)((?:-[ \t]+)*)((?:[\w-]+:[ \t]+)?)(.*)$")
_GLUED = re.compile(r"[ \t](#[^\s#].*)$")
_BLOCK_START = re.compile(r"(?::|^[ \t]*-)[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$")


def _comments_inside_values(file: str, text: str) -> list[Diagnostic]:
    if not re.search(r"[ \t]#[^\s#]", text):
        return []
    out = []
    block_indent: int | None = None  # inside a `|` or `>` block: its lines are text
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue
            block_indent = None
        if _BLOCK_START.search(line):
            block_indent = indent
            continue
        parts = _LINE_PREFIX.match(line)
        if parts is None:
            continue
        value = parts.group(4)
        if not value or value[0] in "\"'|>&*!#[{":
            continue
        glued = _GLUED.search(value)
        if glued is None:
            continue
        column = len(line) - len(value) + glued.start(1) + 1
        fixed = parts.group(1) + parts.group(2) + parts.group(3) + '"' + value.strip() + '"'
        out.append(
            Diagnostic(
                file,
                number,
                column,
                "LJ012",
                f"`{glued.group(1)[:40]}` is read as a comment, not as part of the value",
                Severity.WARNING,
                hint=f"put the value in quotes if the `#` belongs to it: {fixed.strip()}",
            )
        )
    return out


def _syntax_error(result: LoadedYaml, err: yaml.MarkedYAMLError) -> LoadedYaml:
    mark = err.problem_mark or err.context_mark
    message = " ".join(p for p in (err.context, err.problem) if p) or "YAML syntax error"
    hint = None
    at = _char_at(result.text, mark) if mark else ""
    if at == "\t" or "tab" in message:
        message = "a tab character cannot indent YAML"
        hint = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in message:
        hint = "a value with `: ` in it needs quotes, or check the indentation of this line"
    elif "could not find expected ':'" in message or "expected <block end>" in message:
        hint = "check the indentation of this line and the one before"
    elif "did not find expected '-' indicator" in message:
        hint = "items of a list start with `- `, each at the same indentation: check this line"
    elif "did not find expected key" in message:
        hint = "text that starts with a quote must end with it: quote the whole value"
    elif "flow" in message and err.context_mark is not None and err.context_mark is not mark:
        start = err.context_mark
        hint = f"the bracket opened at line {start.line + 1}, column {start.column + 1} is not closed"
    if mark is not None and result.text is not None:
        lines = result.text.split("\n")
        for number in (mark.line - 1, mark.line):
            if 0 <= number < len(lines) and "\u00a0" in lines[number]:
                column = lines[number].index("\u00a0") + 1
                hint = (
                    f"line {number + 1}, column {column} holds an invisible non-breaking space:"
                    " replace it with a normal space"
                )
                break
    result.diagnostics.append(
        Diagnostic(
            result.file,
            mark.line + 1 if mark else 1,
            mark.column + 1 if mark else 1,
            "LJ004",
            f"YAML syntax: {message}",
            hint=hint,
        )
    )
    return result


def _char_at(text: str | None, mark: Any) -> str:
    if text is None:
        return ""
    lines = text.split("\n")
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""


def _check_depth(raw: bytes, text: str) -> tuple[str, int, int, str] | None:
    """Refuse nesting that would crash or stall the parser, cheaply in the common case."""
    if raw.count(b"[") + raw.count(b"{") <= _BRACKET_BUDGET and not _DEEP_DASHES.search(raw):
        # Block nesting needs one more space of indentation per level and the
        # file size is capped, so only flow brackets and `- - -` can go deep.
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader if _HAS_C else yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return (
                        f"nesting deeper than {MAX_DEPTH} levels",
                        mark.line + 1 if mark else 1,
                        mark.column + 1 if mark else 1,
                        "a journey needs a handful of levels; check the brackets",
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # the real load reports the syntax error with its position
    return None


def _may_define_anchor(raw: bytes) -> bool:
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


class SourceMap:
    """Finds where a JSON path of the loaded data stands in the YAML source.

    Built only for files that have problems: it composes the file a second
    time, which costs about as much as loading it.
    """

    def __init__(self, text: str) -> None:
        self._keys: dict[int, dict[str, tuple[Node, Node]]] = {}
        self.root: Node | None = None
        try:
            loader = _Loader(text)
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

    def scalar(self, path: JsonPath) -> str | None:
        """The text of the scalar at ``path`` exactly as written."""
        node = self.root
        for step in path:
            if node is None:
                return None
            node = self._step(node, step)[1]
        return node.value if isinstance(node, ScalarNode) else None

    def _step(self, node: Node, step: str | int) -> tuple[Node | None, Node | None]:
        if isinstance(node, MappingNode):
            # An index per mapping, built once: many problems in one mapping stay linear.
            index = self._keys.get(id(node))
            if index is None:
                index = {}
                for k, v in node.value:
                    if isinstance(k, ScalarNode):
                        index.setdefault(k.value, (k, v))
                self._keys[id(node)] = index
            return index.get(str(step), (None, None))
        elif isinstance(node, SequenceNode) and isinstance(step, int):
            if 0 <= step < len(node.value):
                return None, node.value[step]
        return None, None


def resolve_pending(
    file: str, text: str | None, pending: list[PendingDiagnostic], source_map: SourceMap | None = None
) -> list[Diagnostic]:
    """Give path-based problems their line and column (composing the file only if needed)."""
    if not pending:
        return []
    smap = source_map or (SourceMap(text) if text is not None else None)
    out = []
    for p in pending:
        line, col = smap.locate(p.path, p.at_key) if smap else (1, 1)
        hint = p.hint
        if hint and "{source}" in hint:
            hint = hint.replace("{source}", (smap.scalar(p.path) if smap else None) or "")
        out.append(Diagnostic(file, line, col, p.code, p.message, p.severity or Severity.ERROR, hint))
    return out
