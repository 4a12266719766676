"""Reading hostile or broken bytes: generated inputs too big or too odd to keep as case files.

Inputs that once crashed the interpreter run in a subprocess, so that a regression fails one
test instead of killing the whole run.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from learning_journeys.validation.loading import load_journeys
from learning_journeys.validation.yaml import limits
from learning_journeys.validation.yaml_loader import MAX_DEPTH, MAX_FILE_BYTES, SourceMap, load_yaml_bytes
from validation_helpers import CASES, SMALL_JOURNEY, pairs, show

# Runs in a fresh interpreter: read the file, print the codes and lines as JSON.
_CHILD = """
import json, sys
from learning_journeys.validation.yaml_loader import load_yaml_bytes
with open(sys.argv[1], "rb") as f:
    result = load_yaml_bytes(f.read(), "hostile.yaml")
print(json.dumps([[d.code, d.line, d.column] for d in result.diagnostics]))
"""


def load_isolated(tmp_path: Path, raw: bytes) -> list[list[object]]:
    """Diagnostics of ``raw``, read in a subprocess that may crash without taking pytest along."""
    target = tmp_path / "hostile.yaml"
    target.write_bytes(raw)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(target)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, f"interpreter died with {done.returncode}: {done.stderr[-2000:]}"
    return json.loads(done.stdout)


def codes(raw: bytes) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in load_yaml_bytes(raw, "x.yaml").diagnostics]


# --- absurd nesting -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        (b"[" * 100_000, 1),
        (b"{" * 100_000, 1),
        (b"id: deep\ntitle: " + b"[" * 100_000 + b"\n", 2),
        (b"x: " + b"[{a: " * 50_000, 1),
        (b"- " * 100_000, 1),
    ],
    ids=["brackets", "braces", "brackets-in-a-value", "mixed", "dashes"],
)
def test_absurd_flow_nesting_is_refused_without_crashing(tmp_path: Path, raw: bytes, line: int) -> None:
    found = load_isolated(tmp_path, raw)
    assert [(code, at) for code, at, _col in found] == [("LJ010", line)]


@pytest.mark.parametrize("raw", [b"? " * 100_000, b"- ? " * 50_000], ids=["explicit-keys", "dash-key"])
def test_absurd_nesting_through_explicit_keys_is_refused(tmp_path: Path, raw: bytes) -> None:
    found = load_isolated(tmp_path, raw)
    assert [code for code, _line, _col in found] == ["LJ010"]


@pytest.mark.parametrize("parser_limits_nesting", [True, False])
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"x:\n  " + b"- " * MAX_DEPTH + b"y\n", [("LJ010", 2, 3 + 2 * (MAX_DEPTH - 1))]),
        (b"x:\n  " + b"- ? " * (MAX_DEPTH // 2) + b"y\n", [("LJ010", 2, 3 + 2 * (MAX_DEPTH - 1))]),
        (b"x:\n  " + b"- " * (MAX_DEPTH - 1) + b"y\n", []),
    ],
    ids=["dashes", "dash-key", "within"],
)
def test_compact_nesting_past_our_limit_is_refused_with_or_without_libyamls_limit(
    monkeypatch: pytest.MonkeyPatch, raw: bytes, expected: list, parser_limits_nesting: bool
) -> None:
    """With a libyaml that stops deep nesting itself, the search for compact nesting is skipped
    and the constructor refuses it; without one, the search does. The problem is the same."""
    monkeypatch.setattr(limits, "_parser_limits_nesting", lambda: parser_limits_nesting)
    assert codes(raw) == expected


def test_deep_block_nesting_is_refused_at_our_limit_not_libyamls() -> None:
    # One more space per level: about 1,400 levels fit in the size limit, more than libyaml's own
    # limit (1,000 in PyYAML 6.0.4); line n opens level n.
    raw = b"a:\n" + b"".join(b" " * i + b"- \n" for i in range(1, 1400))
    assert len(raw) <= MAX_FILE_BYTES
    result = load_yaml_bytes(raw, "x.yaml")
    assert [(d.code, d.line) for d in result.diagnostics] == [("LJ010", MAX_DEPTH + 1)]
    assert result.data is None


@pytest.mark.parametrize("levels", [MAX_DEPTH, MAX_DEPTH + 1])
def test_block_nesting_counts_against_the_same_limit(levels: int) -> None:
    raw = b"a:\n" + b"".join(b" " * i + b"- \n" for i in range(1, levels))
    expected = [] if levels <= MAX_DEPTH else [("LJ010", MAX_DEPTH + 1)]
    assert [(d.code, d.line) for d in load_yaml_bytes(raw, "x.yaml").diagnostics] == expected


@pytest.mark.parametrize("levels", [MAX_DEPTH, MAX_DEPTH + 1])
def test_a_few_brackets_count_against_the_same_limit(levels: int) -> None:
    # `x: [[...]]`: the top mapping is one level, each bracket one more
    brackets = levels - 1
    raw = b"x: " + b"[" * brackets + b"]" * brackets + b"\n"
    expected = [] if levels <= MAX_DEPTH else [("LJ010", 1, 3 + MAX_DEPTH)]
    assert codes(raw) == expected


def test_nesting_within_the_limit_is_fine() -> None:
    depth = MAX_DEPTH - 2
    result = load_yaml_bytes(b"x: " + b"[" * depth + b"]" * depth + b"\n", "x.yaml")
    assert result.diagnostics == []


# --- alias bombs ------------------------------------------------------------------------------


def _laughs(levels: int, width: int) -> bytes:
    lines = [b"l0: &l0 [" + b", ".join([b"lol"] * width) + b"]"]
    for i in range(1, levels):
        lines.append(b"l%d: &l%d [" % (i, i) + b", ".join([b"*l%d" % (i - 1)] * width) + b"]")
    return b"\n".join(lines) + b"\ntitle: x\n"


@pytest.mark.parametrize(("levels", "width"), [(9, 10), (3, 1000), (30, 2)], ids=["deep", "wide", "binary"])
def test_alias_bomb_is_refused_before_it_expands(levels: int, width: int) -> None:
    start = time.perf_counter()
    result = load_yaml_bytes(_laughs(levels, width), "bomb.yaml")
    assert time.perf_counter() - start < 2.0
    assert [(d.code, d.line) for d in result.diagnostics] == [("LJ009", 1)]
    assert result.data is None


def test_a_few_aliases_are_fine() -> None:
    result = load_yaml_bytes(b"a: &a [x, y]\nb: [*a, *a]\n", "x.yaml")
    assert result.diagnostics == []
    assert result.data == {"a": ["x", "y"], "b": [["x", "y"], ["x", "y"]]}


# --- size, encoding, control characters ---------------------------------------------------------


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(SMALL_JOURNEY.encode() + b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    result = load_journeys([big], base=tmp_path)
    assert [(d.code, d.line) for d in result.diagnostics] == [("LJ002", 1)]
    assert "1,048,576" in result.diagnostics[0].message
    assert result.diagnostics[0].hint and "content_file" in result.diagnostics[0].hint


def test_file_exactly_at_the_size_limit_is_read(tmp_path: Path) -> None:
    head = SMALL_JOURNEY.encode() + b"# "
    exact = tmp_path / "small.yaml"
    exact.write_bytes(head + b"x" * (MAX_FILE_BYTES - len(head) - 1) + b"\n")
    assert exact.stat().st_size == MAX_FILE_BYTES
    result = load_journeys([exact], base=tmp_path)
    assert result.diagnostics == (), show(result.diagnostics)
    assert load_yaml_bytes(b"#" * (MAX_FILE_BYTES + 1), "x").diagnostics[0].code == "LJ002"


def test_invalid_utf8_points_at_the_byte() -> None:
    raw = b"id: x\ntitle: x\nsummary: caf\xe9 au lait\n"
    result = load_yaml_bytes(raw, "x.yaml")
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("LJ003", 3, 13)]
    assert "0xe9" in result.diagnostics[0].message
    assert "UTF-8" in (result.diagnostics[0].hint or "")


def test_nul_byte_points_at_its_line() -> None:
    assert codes(b"id: x\ntitle: x\nsummary: a\x00b\n") == [("LJ003", 3, 11)]


def test_utf16_file_is_refused() -> None:
    assert [c for c, _l, _col in codes("id: x\ntitle: x\n".encode("utf-16"))] == ["LJ003"]


@pytest.mark.parametrize("char", ["\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f"])
def test_control_characters_are_refused_at_their_place(char: str) -> None:
    raw = f"id: x\ntitle: x\nsummary: ab{char}cd\n".encode()
    result = load_yaml_bytes(raw, "x.yaml")
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("LJ003", 3, 12)]
    assert f"U+{ord(char):04X}" in result.diagnostics[0].message


def test_byte_order_mark_is_accepted() -> None:
    result = load_yaml_bytes(b"\xef\xbb\xbf" + SMALL_JOURNEY.encode(), "x.yaml")
    assert result.diagnostics == []
    assert result.data["id"] == "small"


def test_empty_file_is_reported_not_loaded_as_none() -> None:
    assert codes(b"") == [("LJ006", 1, 1)]
    assert codes(b"\n\n   \n") == [("LJ006", 1, 1)]


@pytest.mark.parametrize("char", ["\u2028", "\u0085"])
@pytest.mark.parametrize("quoted", [True, False], ids=["quoted", "plain"])
def test_unicode_line_separators_do_not_shift_line_numbers(char: str, quoted: bool) -> None:
    summary = f'"a{char}b"' if quoted else f"a{char}b"
    raw = f"id: x\ntitle: x\nsummary: {summary}\ntitel: y\n"
    result = load_yaml_bytes(raw.encode(), "x.yaml")
    assert result.data is not None, show(result.diagnostics)
    assert SourceMap(result.text or "").locate(("titel",), at_key=True) == (4, 1)


# --- YAML 1.1 surprises ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("language: no", "no"),
        ("language: NO", "NO"),
        ("x: yes", "yes"),
        ("x: on", "on"),
        ("x: off", "off"),
        ("x: y", "y"),
        ("start: 2026-03-01", "2026-03-01"),
        ("x: 2026-03-01 09:30:00", "2026-03-01 09:30:00"),
        ("x: 1:30", "1:30"),
        ("x: 09:30", "09:30"),
        ("x: 1_000", "1_000"),
        ("x: true", True),
        ("x: false", False),
        ("x: 12", 12),
        ("x: ~", None),
        ("x: .inf", float("inf")),
    ],
)
def test_plain_scalars_resolve_as_in_yaml_1_2(text: str, value: object) -> None:
    result = load_yaml_bytes(text.encode() + b"\n", "x.yaml")
    assert result.diagnostics == []
    loaded = next(iter(result.data.values()))
    assert loaded == value
    assert type(loaded) is type(value)


def test_yaml11_surprises_case_keeps_text() -> None:
    result = load_journeys([CASES / "valid" / "yaml11-surprises.yaml"])
    (journey,) = result.journeys
    assert journey.title == "no"
    assert journey.summary == "yes"
    assert journey.language == "no"
    assert journey.version == "1:30"
    assert journey.cohorts[0].start == "2027-03-01"
    assert journey.phases[0].activities[0].id == "on"


def test_version_1_10_is_an_error_whose_hint_keeps_1_10(tmp_path: Path) -> None:
    path = tmp_path / "v.yaml"
    path.write_text(SMALL_JOURNEY + "version: 1.10\n", encoding="utf-8")
    result = load_journeys([path], base=tmp_path)
    assert pairs(result.diagnostics) == {("LJ102", SMALL_JOURNEY.count("\n") + 1): 1}
    assert '"1.10"' in (result.diagnostics[0].hint or "")
    assert "1.1 " in result.diagnostics[0].message


def test_optional_yes_is_an_error_with_a_hint(tmp_path: Path) -> None:
    text = SMALL_JOURNEY.replace("        duration: 15m\n", "        duration: 15m\n        optional: yes\n")
    path = tmp_path / "o.yaml"
    path.write_text(text, encoding="utf-8")
    (d,) = load_journeys([path], base=tmp_path).diagnostics
    assert (d.code, d.line) == ("LJ102", text.splitlines().index("        optional: yes") + 1)
    assert d.hint == "write `true` or `false` (not `yes`)"


# --- speed on many problems -------------------------------------------------------------------------


def test_locating_many_keys_of_one_mapping_is_linear() -> None:
    n = 3000
    smap = SourceMap("".join(f"k{i}: v\n" for i in range(n)))
    start = time.perf_counter()
    for i in range(n):
        assert smap.locate((f"k{i}",), at_key=True) == (i + 1, 1)
    assert time.perf_counter() - start < 0.2


# --- tags and documents -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "!!python/object:os.system {}",
        "!!python/object/new:os.system [ls]",
        "!!python/name:os.system",
        "!!python/tuple [a, b]",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!!omap [a: 1]",
        "!!timestamp 2027-03-01",
        "!include other.yaml",
        "!<tag:example.com,2000:app/x> y",
    ],
)
def test_tags_outside_plain_data_are_refused_at_their_line(value: str) -> None:
    result = load_yaml_bytes(f"id: x\nsummary: {value}\ntitle: x\n".encode(), "x.yaml")
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("LJ008", 2, 10)]
    assert result.data is None


@pytest.mark.parametrize(("value", "loaded"), [("!!str 123", "123"), ("!!int '5'", 5), ("!!str yes", "yes")])
def test_standard_tags_of_plain_data_are_allowed(value: str, loaded: object) -> None:
    result = load_yaml_bytes(f"x: {value}\n".encode(), "x.yaml")
    assert result.diagnostics == []
    assert result.data == {"x": loaded}


def test_one_document_with_markers_is_fine() -> None:
    result = load_yaml_bytes(b"---\nid: x\ntitle: x\n...\n", "x.yaml")
    assert result.diagnostics == []
    assert result.data == {"id": "x", "title": "x"}


def test_second_document_is_reported_at_its_marker() -> None:
    assert codes(b"id: x\n---\nid: y\n") == [("LJ005", 2, 1)]
