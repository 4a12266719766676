"""Durations as authors write them (``15m``, ``1h30m``, ``PT1H30M``) and as learners read them."""

from __future__ import annotations

import re

# At most five digits a number: 99999m is months of work already. A longer number is a
# mistake, not a duration, and past 4,300 digits Python will not even read it as a number.
MAX_DIGITS = 5
_N = f"([0-9]{{1,{MAX_DIGITS}}})"

_HUMAN = re.compile(rf"^\s*(?:{_N}\s*d)?\s*(?:{_N}\s*h)?\s*(?:{_N}\s*m(?:in)?)?\s*$", re.IGNORECASE)
_ISO = re.compile(rf"^P(?:{_N}D)?(?:T(?:{_N}H)?(?:{_N}M)?)?$", re.IGNORECASE)

# The same grammar, for the JSON Schema ``pattern`` (kept here so both agree).
_D = f"[0-9]{{1,{MAX_DIGITS}}}"
DURATION_PATTERN = (
    rf"^(?:(?=[0-9])(?:{_D} ?d ?)?(?:{_D} ?h ?)?(?:{_D} ?m(?:in)?)?"
    rf"|P(?=[0-9T])(?:{_D}D)?(?:T(?=[0-9])(?:{_D}H)?(?:{_D}M)?)?)$"
)


def parse_duration(text: str) -> int | None:
    """Minutes in ``text``, or None when it is not a duration. ``1d`` is one working day (8h)."""
    match = _HUMAN.match(text) or _ISO.match(text)
    if not match or not any(match.groups()):
        return None
    days, hours, minutes = (int(g) if g else 0 for g in match.groups())
    return days * 8 * 60 + hours * 60 + minutes


def to_iso(minutes: int) -> str:
    """ISO 8601 duration, as schema.org's ``timeRequired`` wants it."""
    hours, mins = divmod(minutes, 60)
    out = "PT"
    if hours:
        out += f"{hours}H"
    if mins or not hours:
        out += f"{mins}M"
    return out


def humanize(minutes: int, hour: str = "h", minute: str = "min") -> str:
    """``90`` → ``1 h 30 min``: short, readable in Dutch and English."""
    hours, mins = divmod(minutes, 60)
    if hours and mins:
        return f"{hours} {hour} {mins} {minute}"
    if hours:
        return f"{hours} {hour}"
    return f"{mins} {minute}"
