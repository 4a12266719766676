"""From a file's bytes to text: size, encoding, NUL bytes and pasted line separators."""

from __future__ import annotations

import re

from learning_journeys.validation.diagnostics import Severity
from learning_journeys.validation.yaml.limits import MAX_FILE_BYTES
from learning_journeys.validation.yaml.problems import Problem, Refusal, line_col

# YAML 1.1 (PyYAML) reads these as line breaks, YAML 1.2 and editors do not:
# pasted from a word processor, they would shift every line number after them.
_UNICODE_BREAKS = {0x85: " ", 0x2028: " ", 0x2029: " "}
_UNICODE_BREAK = re.compile("[\x85\u2028\u2029]")


def decode_journey_bytes(raw: bytes) -> tuple[str, list[Problem]]:
    """The text of a journey file and warnings about it; raises :class:`Refusal` for unreadable bytes."""
    _refuse_oversized(raw)
    _refuse_utf16(raw)
    _refuse_nul(raw)
    return _read_line_separators_as_spaces(_decode_utf8(raw))


def _refuse_oversized(raw: bytes) -> None:
    if len(raw) > MAX_FILE_BYTES:
        raise Refusal(
            Problem(
                "LJ002",
                f"file is {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}",
                hint="move long texts into Markdown files next to the journey (content_file)",
            )
        )


def _refuse_utf16(raw: bytes) -> None:
    has_bom = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    # ASCII text in UTF-16 without a byte order mark: every other byte is zero
    zero_every_other = len(raw) > 3 and (raw[1] == raw[3] == 0 or raw[0] == raw[2] == 0)
    if has_bom or zero_every_other:
        raise Refusal(
            Problem(
                "LJ003",
                'file is UTF-16 (what Notepad calls "Unicode"), not UTF-8',
                hint="save it again as UTF-8",
            )
        )


def _refuse_nul(raw: bytes) -> None:
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, column = line_col(raw, nul)
        raise Refusal(Problem("LJ003", "file holds a NUL byte; is it a binary file?", line, column))


def _decode_utf8(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, column = line_col(raw, err.start)
        raise Refusal(
            Problem(
                "LJ003",
                f"invalid UTF-8 (byte 0x{raw[err.start]:02x})",
                line,
                column,
                hint="save the file as UTF-8 in your editor",
            )
        ) from None


def _read_line_separators_as_spaces(text: str) -> tuple[str, list[Problem]]:
    """Replace U+0085, U+2028 and U+2029 by spaces, with a warning at each."""
    if not any(chr(code) in text for code in _UNICODE_BREAKS):
        return text, []
    warnings = []
    for match in _UNICODE_BREAK.finditer(text):
        line, column = line_col(text, match.start())
        warnings.append(
            Problem(
                "LJ003",
                f"invisible line separator U+{ord(match.group()):04X}, read as a space",
                line,
                column,
                hint="it usually comes with text pasted from a word processor: remove it",
                severity=Severity.WARNING,
            )
        )
    return text.translate(_UNICODE_BREAKS), warnings
