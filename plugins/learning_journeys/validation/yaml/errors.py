"""PyYAML's exceptions turned into problems an author understands, with a hint where we can guess the fix."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.reader import ReaderError

from learning_journeys.validation.yaml.limits import is_nesting_error, too_deep_in
from learning_journeys.validation.yaml.problems import Problem, line_col, position

# Words of libyaml's messages, and what to tell the author about them.
_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "a value with `: ` in it needs quotes, or check the indentation of this line",
    ),
    ("could not find expected ':'", "check the indentation of this line and the one before"),
    ("expected <block end>", "check the indentation of this line and the one before"),
    (
        "did not find expected '-' indicator",
        "items of a list start with `- `, each at the same indentation: check this line",
    ),
    ("did not find expected key", "text that starts with a quote must end with it: quote the whole value"),
)


def problem_for(err: yaml.YAMLError, text: str) -> Problem:
    """The problem an exception of PyYAML's stands for, at its place in ``text``."""
    if is_nesting_error(err):
        return too_deep_in(text, err)
    if isinstance(err, ComposerError) and "single document" in str(err):
        return Problem.at(
            err.problem_mark,
            "LJ005",
            "more than one YAML document in this file (a second `---`)",
            hint="keep one journey per file",
        )
    if isinstance(err, ReaderError):
        line, column = line_col(text, err.position)
        return Problem(
            "LJ003",
            f"control character U+{err.character:04X} is not allowed in YAML",
            line,
            column,
            hint="remove the invisible character (often pasted in from a word processor)",
        )
    if isinstance(err, ConstructorError):
        return Problem.at(
            err.problem_mark,
            "LJ014",
            " ".join(p for p in (err.context, err.problem) if p) or "the value does not fit its tag",
            hint="remove the tag",
        )
    if isinstance(err, yaml.MarkedYAMLError):
        return syntax_problem(err, text)
    return Problem("LJ004", str(err))


def syntax_problem(err: yaml.MarkedYAMLError, text: str) -> Problem:
    """A YAML syntax error, worded for authors."""
    mark = err.problem_mark or err.context_mark
    message = " ".join(p for p in (err.context, err.problem) if p) or "YAML syntax error"
    hint: str | None
    if _char_at(text, mark) == "\t" or "tab" in message:
        message, hint = "a tab character cannot indent YAML", "indent with spaces, not tabs"
    else:
        hint = _syntax_hint(message, err, mark, text)
    hint = _non_breaking_space_hint(text, mark) or hint
    line, column = position(mark)
    return Problem("LJ004", f"YAML syntax: {message}", line, column, hint)


def _syntax_hint(message: str, err: yaml.MarkedYAMLError, mark: Any, text: str) -> str | None:
    opened = err.context_mark
    if "did not find expected key" in message and opened is not None and _starts_its_line(text, mark):
        above = _indent_above(text, mark.line)
        if above is not None and mark.column != above:  # a key out of line, not text after a quote
            return (
                f"this line is indented {mark.column} spaces and the line above {above}:"
                " the keys of one mapping stand at the same indentation"
            )
    for words, hint in _SYNTAX_HINTS:
        if words in message:
            return hint
    if "flow" in message and opened is not None and opened is not mark:
        return f"the bracket opened at line {opened.line + 1}, column {opened.column + 1} is not closed"
    return None


def _non_breaking_space_hint(text: str, mark: Any) -> str | None:
    """Point at a non-breaking space on the error's line or the one before: it looks like a space."""
    if mark is None:
        return None
    lines = text.split("\n")
    for number in (mark.line - 1, mark.line):
        if 0 <= number < len(lines) and "\u00a0" in lines[number]:
            column = lines[number].index("\u00a0") + 1
            return (
                f"line {number + 1}, column {column} holds an invisible non-breaking space:"
                " replace it with a normal space"
            )
    return None


def _indent_above(text: str, line: int) -> int | None:
    """The indentation of the nearest line above ``line`` that holds more than a comment."""
    lines = text.split("\n")
    for above in reversed(lines[: min(line, len(lines))]):
        content = above.lstrip()
        if content and not content.startswith("#"):
            if content.startswith("- "):  # a list item: its key stands after the dash
                content = content.lstrip("- ")
            return len(above) - len(content)
    return None


def _starts_its_line(text: str, mark: Any) -> bool:
    """Whether only spaces stand before ``mark`` on its line."""
    if mark is None:
        return False
    lines = text.split("\n")
    return mark.line < len(lines) and not lines[mark.line][: mark.column].strip()


def _char_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = text.split("\n")
    if mark.line < len(lines) and mark.column < len(lines[mark.line]):
        return lines[mark.line][mark.column]
    return ""
