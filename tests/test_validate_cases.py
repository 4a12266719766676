"""Case files as data: tests/cases/valid must load clean, tests/cases/invalid must report
exactly the (code, line) pairs their header comments declare."""

from __future__ import annotations

import pytest
from learning_journeys.model.vocabulary import LINT_CODES
from learning_journeys.validation.diagnostics import CODES, Diagnostic
from validation_helpers import (
    INVALID_CASES,
    VALID_CASES,
    Expectations,
    find,
    load_one,
    pairs,
    parse_expectations,
    show,
)


def checked(diagnostics: tuple[Diagnostic, ...], expected: Expectations) -> tuple[Diagnostic, ...]:
    """What a case is checked on: a case that declares no design lint code is checked without
    the design lint (its advice on a minimal journey is beside the case's point)."""
    declared = {code for code, _line in expected.errors + expected.warnings}
    if declared & set(LINT_CODES):
        return diagnostics
    return tuple(d for d in diagnostics if d.code not in LINT_CODES)


def test_there_are_cases() -> None:
    assert len(VALID_CASES) >= 3
    assert len(INVALID_CASES) >= 25


@pytest.mark.parametrize("path", VALID_CASES, ids=lambda p: p.name)
def test_valid_case_loads_clean(path) -> None:
    expected = parse_expectations(path.read_text(encoding="utf-8"))
    assert not expected.errors, "a valid case cannot expect errors"
    result = load_one(path)
    assert not result.errors, show(result.diagnostics)
    diagnostics = checked(result.diagnostics, expected)
    assert pairs(diagnostics, errors=False) == expected.warnings, show(diagnostics)
    assert len(result.journeys) == 1


@pytest.mark.parametrize("path", INVALID_CASES, ids=lambda p: p.name)
def test_invalid_case_reports_what_it_declares(path) -> None:
    expected = parse_expectations(path.read_text(encoding="utf-8"))
    assert expected.errors or expected.warnings, f"{path.name} declares no `# expect:`"
    result = load_one(path)
    diagnostics = checked(result.diagnostics, expected)
    assert pairs(diagnostics) == expected.errors, show(diagnostics)
    assert pairs(diagnostics, errors=False) == expected.warnings, show(diagnostics)
    for d in diagnostics:
        assert d.file == path.name
        assert d.code in CODES
        assert d.line >= 1 and d.column >= 1, d
        assert d.message.strip()
    for code, line, text in expected.hints:
        hints = [d.hint or "" for d in find(diagnostics, code, line)]
        assert any(text in h for h in hints), f"{code} at line {line}: no hint with {text!r} in {hints}"
    for code, line, text in expected.messages:
        messages = [d.message for d in find(diagnostics, code, line)]
        assert any(text in m for m in messages), f"{code} at {line}: no message with {text!r} in {messages}"
    if expected.errors:
        # A file with errors yields no journey for the site.
        assert result.journeys == ()


def test_expectation_parser_reads_codes_lines_and_hints() -> None:
    parsed = parse_expectations(
        "# A case.\n"
        "# expect: LJ007 12 14\n"
        "# expect: LJ201 8 8\n"
        "# expect-warning: LJ209 5\n"
        "# hint: LJ100 9 did you mean `title`?\n"
        "# message: LJ201 8 unknown goal\n"
        "id: x\n"
        "# expect: LJ999 1\n"  # below the header: ignored
    )
    assert parsed.errors == {("LJ007", 12): 1, ("LJ007", 14): 1, ("LJ201", 8): 2}
    assert parsed.warnings == {("LJ209", 5): 1}
    assert parsed.hints == [("LJ100", 9, "did you mean `title`?")]
    assert parsed.messages == [("LJ201", 8, "unknown goal")]


@pytest.mark.parametrize(
    "header",
    ["# expect: LJ007", "# expect: LJ999 3", "# expect LJ007 3", "# hint: LJ100 did you mean"],
)
def test_expectation_parser_refuses_malformed_directives(header: str) -> None:
    with pytest.raises(ValueError):
        parse_expectations(header + "\nid: x\n")


# Codes whose inputs are generated in Python (too big, binary, or several files) or that
# no input should reach; every other code needs a case file.
NOT_IN_CASE_FILES = {
    "LJ001": "test_validate_files.py (missing path)",
    "LJ002": "test_validate_hostile.py (generated big file)",
    "LJ003": "test_validate_hostile.py (binary bytes)",
    "LJ010": "test_validate_hostile.py (generated nesting)",
    "LJ107": "fallback for schema keywords the schema does not use",
    "LJ212": "test_validate_files.py (two files)",
    "LJ900": "test_validate_cli.py (internal errors)",
}


def test_every_code_has_a_case_file() -> None:
    declared = set()
    for path in INVALID_CASES:
        expected = parse_expectations(path.read_text(encoding="utf-8"))
        declared |= {code for code, _line in expected.errors + expected.warnings}
    assert set(CODES) - declared == set(NOT_IN_CASE_FILES)
