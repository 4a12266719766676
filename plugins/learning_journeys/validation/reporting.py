"""Diagnostics as text for people, GitHub annotations for pull requests, or JSON for tools."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .diagnostics import Diagnostic


def format_text(diagnostics: Sequence[Diagnostic], color: bool = False) -> str:
    """``file:line:col: error CODE message`` (the form editors and yamllint users know)."""
    lines = []
    for d in diagnostics:
        severity = d.severity.value
        if color:
            severity = f"\x1b[{'31' if d.is_error else '33'}m{severity}\x1b[0m"
        where = f"{d.file}:{d.line}:{d.column}" if d.line else d.file  # line 0: no place in the file
        lines.append(f"{where}: {severity} {d.code} {d.message}")
        if d.hint:
            lines.append(f"    hint: {d.hint}")
    return "\n".join(lines)


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    noun = "file" if files == 1 else "files"
    if not diagnostics:
        return f"{files} journey {noun} checked: no problems"
    return f"{files} journey {noun} checked: {errors} error(s), {warnings} warning(s)"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: each problem shows on the pull request's diff."""
    lines = []
    for d in diagnostics:
        kind = "error" if d.is_error else "warning"
        props = [f"file={_escape_property(d.file)}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.column}"]
        props.append(f"title={_escape_property(d.code)}")
        message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        lines.append(f"::{kind} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(lines)


def format_json(diagnostics: Sequence[Diagnostic], files: int) -> str:
    return json.dumps(
        {
            "files_checked": files,
            "errors": sum(1 for d in diagnostics if d.is_error),
            "warnings": sum(1 for d in diagnostics if not d.is_error),
            "diagnostics": [
                {
                    "file": d.file,
                    "line": d.line,
                    "column": d.column,
                    "severity": d.severity.value,
                    "code": d.code,
                    "message": d.message,
                    "hint": d.hint,
                }
                for d in diagnostics
            ],
        },
        indent=2,
        ensure_ascii=False,
    )
