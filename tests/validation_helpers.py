"""Shared helpers for the validator tests: case files, expectations, loading."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from learning_journeys.validation.diagnostics import CODES, Diagnostic
from learning_journeys.validation.loading import LoadResult, load_journeys

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
CASES = TESTS / "cases"
VALID_CASES = sorted((CASES / "valid").glob("*.yaml"))
INVALID_CASES = sorted((CASES / "invalid").glob("*.yaml"))

# `# expect: LJ007 12 14`, `# expect-warning: LJ209 5`, `# hint: LJ100 9 did you mean`
_DIRECTIVE = re.compile(r"^#\s*(expect|expect-warning|hint|message):\s*(.*)$")
_CODE_LINES = re.compile(r"^(LJ\d{3})((?:\s+\d+)+)\s*$")
_CODE_LINE_TEXT = re.compile(r"^(LJ\d{3})\s+(\d+)\s+(.+)$")

Pair = tuple[str, int]


@dataclass
class Expectations:
    """What a case file says its diagnostics must be."""

    errors: Counter[Pair] = field(default_factory=Counter)
    warnings: Counter[Pair] = field(default_factory=Counter)
    # (code, line, text that the hint or message must contain)
    hints: list[tuple[str, int, str]] = field(default_factory=list)
    messages: list[tuple[str, int, str]] = field(default_factory=list)


def parse_expectations(text: str) -> Expectations:
    """Read the directives from the comment lines at the top of a case file."""
    found = Expectations()
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _DIRECTIVE.match(line)
        if not match:
            if re.match(r"^#\s*(expect|hint|message)\b", line):
                raise ValueError(f"malformed directive: {line!r}")
            continue
        kind, rest = match.groups()
        if kind in ("expect", "expect-warning"):
            spec = _CODE_LINES.match(rest)
            if not spec:
                raise ValueError(f"expected `CODE LINE [LINE...]` in {line!r}")
            code = spec.group(1)
            if code not in CODES:
                raise ValueError(f"unknown code {code} in {line!r}")
            target = found.errors if kind == "expect" else found.warnings
            for number in spec.group(2).split():
                target[(code, int(number))] += 1
        else:
            spec = _CODE_LINE_TEXT.match(rest)
            if not spec:
                raise ValueError(f"expected `CODE LINE text` in {line!r}")
            entry = (spec.group(1), int(spec.group(2)), spec.group(3).strip())
            (found.hints if kind == "hint" else found.messages).append(entry)
    return found


def load_one(path: Path) -> LoadResult:
    """Load one file, reported relative to its folder."""
    return load_journeys([path], base=path.parent)


def pairs(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...], errors: bool = True) -> Counter[Pair]:
    """(code, line) of every error (or every warning)."""
    return Counter((d.code, d.line) for d in diagnostics if d.is_error == errors)


def show(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> str:
    """Diagnostics as text, for assertion messages."""
    return "\n".join(
        f"{d.line}:{d.column} {d.severity.value} {d.code} {d.message} | {d.hint}" for d in diagnostics
    )


def find(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...], code: str, line: int) -> list[Diagnostic]:
    return [d for d in diagnostics if d.code == code and d.line == line]


def line_of(text: str, needle: str) -> int:
    """1-based line of the only line containing ``needle``."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) == 1, f"{needle!r} found on lines {hits}"
    return hits[0]


SMALL_JOURNEY = """\
id: small
title: Small journey
goals:
  - id: nps
    title: Happier customers
    kpi: Net Promoter Score
objectives:
  - id: listen
    title: You listen first
    supports: [nps]
phases:
  pre:
    activities:
      - id: intro
        title: Introduction
        type: micro-module
        duration: 15m
        objectives: [listen]
        content: |
          ## Listen first
  learn:
    activities:
      - id: workshop
        title: Workshop
        type: workshop
        duration: 3h
        prerequisites: [intro]
        prework: [intro]
        objectives: [listen]
        sessions:
          - id: day-1
            day: 3
            start: "09:00"
            end: "12:00"
  post:
    activities:
      - {id: looking-back, title: Looking back, type: reflection, prompts: [What went well?], feedback: {from: manager}}
cohorts:
  - id: spring
    start: "2027-03-01"
    timezone: Europe/Amsterdam
"""
