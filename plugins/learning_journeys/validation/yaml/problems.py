"""Problems met while reading a YAML file, before they are tied to a file name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from learning_journeys.validation.diagnostics import Diagnostic, Severity


def position(mark: Any) -> tuple[int, int]:
    """1-based line and column of a PyYAML mark (1, 1 without one)."""
    if mark is None:
        return (1, 1)
    return (mark.line + 1, mark.column + 1)


def line_col(data: bytes | str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in bytes or text."""
    before = data[:offset]
    newline = b"\n" if isinstance(before, bytes) else "\n"
    line = before.count(newline) + 1  # type: ignore[arg-type]
    last = before.rfind(newline)  # type: ignore[arg-type]
    return line, offset - last


@dataclass(frozen=True)
class Problem:
    """One problem with its place in the file."""

    code: str
    message: str
    line: int = 1
    column: int = 1
    hint: str | None = None
    severity: Severity = Severity.ERROR

    @classmethod
    def at(cls, mark: Any, code: str, message: str, hint: str | None = None) -> Problem:
        line, column = position(mark)
        return cls(code, message, line, column, hint)

    def in_file(self, file: str) -> Diagnostic:
        return Diagnostic(file, self.line, self.column, self.code, self.message, self.severity, self.hint)


class Refusal(Exception):
    """A problem that ends the reading of a file: none of its data is used."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem
