"""Checks of single fields on the loaded data: dates, clock times, time zones and durations.

They read the data itself, not the model, so that they run when the schema fails
elsewhere in the file: an impossible date must not wait until a misspelt key is
fixed. A value checked here is one the schema accepts in form (a malformed one is the
schema's error, and reported only there); anything of another shape is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from learning_journeys.model.durations import DURATION_PATTERN, parse_duration
from learning_journeys.model.journey import PHASE_KEYS
from learning_journeys.model.vocabulary import DATE, TIME, TIMEZONE, WORKDAY_MINUTES
from learning_journeys.validation.diagnostics import JsonPath, PendingDiagnostic, Severity
from learning_journeys.validation.time_zones import timezone_problem

_DATE, _TIME, _TIMEZONE = re.compile(DATE), re.compile(TIME), re.compile(TIMEZONE)
_DURATION = re.compile(DURATION_PATTERN)

# A micro-module is short by definition; anything longer is a design smell.
MICRO_MODULE_MAX_MINUTES = 60
# Nobody spends more than five working days on one activity.
ACTIVITY_MAX_MINUTES = 5 * WORKDAY_MINUTES
# A journey's dates, with up to 104 weeks and 730 days on top, stay in a range every
# calendar, date library and learner's browser handles.
FIRST_YEAR, LAST_YEAR = 1900, 2199

Located = tuple[JsonPath, dict[str, Any]]


def check_fields(data: Any) -> list[PendingDiagnostic]:
    """Every problem of a well-formed date, time, time zone or duration in ``data``."""
    if not isinstance(data, dict):
        return []
    return _dates(data) + _time_zones(data) + _session_times(data) + _durations(data)


def _mappings(value: Any, path: JsonPath) -> list[Located]:
    if not isinstance(value, list):
        return []
    return [(path + (i,), item) for i, item in enumerate(value) if isinstance(item, dict)]


def _activities(data: dict[str, Any]) -> list[Located]:
    phases = data.get("phases")
    out: list[Located] = []
    for key in PHASE_KEYS:
        phase = phases.get(key) if isinstance(phases, dict) else None
        if isinstance(phase, dict):
            out += _mappings(phase.get("activities"), ("phases", key, "activities"))
    return out


def _sessions(data: dict[str, Any]) -> list[Located]:
    return [s for path, a in _activities(data) for s in _mappings(a.get("sessions"), path + ("sessions",))]


def _overrides(holder: dict[str, Any], path: JsonPath) -> Iterator[tuple[JsonPath, str, dict[str, Any]]]:
    """A cohort's or group's session overrides, each with its path and session id."""
    sessions = holder.get("sessions")
    if isinstance(sessions, dict):
        for sid, override in sessions.items():
            if isinstance(override, dict):
                yield path + ("sessions", sid), str(sid), override


def _text(item: dict[str, Any], key: str, form: re.Pattern[str]) -> str | None:
    """``item[key]`` when it is text of the form the schema asks for."""
    value = item.get(key)
    return value if isinstance(value, str) and form.match(value) else None


def _dated(data: dict[str, Any]) -> Iterator[tuple[JsonPath, str]]:
    """Every well-formed date of the journey with its path."""
    for path, cohort in _mappings(data.get("cohorts"), ("cohorts",)):
        for key in ("start", "enrolment_deadline"):
            if value := _text(cohort, key, _DATE):
                yield path + (key,), value
        holders = [(path, cohort), *_mappings(cohort.get("groups"), path + ("groups",))]
        for where, holder in holders:
            for opath, _sid, override in _overrides(holder, where):
                if value := _text(override, "date", _DATE):
                    yield opath + ("date",), value


def _dates(data: dict[str, Any]) -> list[PendingDiagnostic]:
    """Real dates (no 30 February) between 1900 and 2199 (a typo such as 9999 breaks calendars)."""
    out = []
    for path, value in _dated(data):
        try:
            date.fromisoformat(value)
        except ValueError:
            out.append(PendingDiagnostic(path, "LJ207", f"`{value}` is not a real date"))
            continue
        if not FIRST_YEAR <= int(value[:4]) <= LAST_YEAR:
            message = f"`{value}` is outside the years {FIRST_YEAR}–{LAST_YEAR} that journeys are planned in"
            out.append(PendingDiagnostic(path, "LJ207", message, hint="check the year"))
    return out


def _time_zones(data: dict[str, Any]) -> list[PendingDiagnostic]:
    """Cohorts' and fixed sessions' time zones are IANA names."""
    zoned = _mappings(data.get("cohorts"), ("cohorts",)) + _sessions(data)
    return [
        problem
        for path, item in zoned
        if (name := _text(item, "timezone", _TIMEZONE))
        and (problem := timezone_problem(path + ("timezone",), name))
    ]


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _ends_before_start(path: JsonPath, sid: str, start: str, end: str) -> PendingDiagnostic:
    return PendingDiagnostic(
        path, "LJ204", f"session `{sid}` ends ({end}) before or when it starts ({start})"
    )


def _session_times(data: dict[str, Any]) -> list[PendingDiagnostic]:
    """A session, and a cohort's run of it, ends after it starts."""
    out = []
    designed: dict[str, dict[str, Any]] = {}
    for path, s in _sessions(data):
        if isinstance(s.get("id"), str):
            designed.setdefault(s["id"], s)
        start, end = _text(s, "start", _TIME), _text(s, "end", _TIME)
        if start and end and _minutes(end) <= _minutes(start):
            out.append(_ends_before_start(path + ("end",), str(s.get("id")), start, end))
    for path, cohort in _mappings(data.get("cohorts"), ("cohorts",)):
        for opath, sid, o in _overrides(cohort, path):
            # An override may change only one end of the session: check the times that apply.
            design = designed.get(sid, {})
            start = _text(o, "start", _TIME) or (None if "start" in o else _text(design, "start", _TIME))
            end = _text(o, "end", _TIME) or (None if "end" in o else _text(design, "end", _TIME))
            if start and end and _minutes(end) <= _minutes(start):
                out.append(_ends_before_start(opath + ("end" if "end" in o else "start",), sid, start, end))
    return out


def _durations(data: dict[str, Any]) -> list[PendingDiagnostic]:
    """No zero durations; warnings for more than five working days and for long micro-modules."""
    out = []
    for path, a in _activities(data):
        text = _text(a, "duration", _DURATION)
        minutes = parse_duration(text) if text else None
        if minutes is None:
            continue
        where, name = path + ("duration",), a.get("id")
        if minutes <= 0:
            out.append(PendingDiagnostic(where, "LJ205", f"duration of `{name}` is zero", hint="e.g. `15m`"))
        elif minutes > ACTIVITY_MAX_MINUTES:
            out.append(
                PendingDiagnostic(
                    where,
                    "LJ205",
                    f"duration of `{name}` is {minutes // 60} hours: more than five working days",
                    Severity.WARNING,
                    hint="check the unit (m = minutes, h = hours, d = working days of 8 hours)",
                )
            )
        elif a.get("type") == "micro-module" and minutes > MICRO_MODULE_MAX_MINUTES:
            out.append(
                PendingDiagnostic(
                    where,
                    "LJ205",
                    f"micro-module `{name}` takes {minutes} minutes; micro-modules are short",
                    Severity.WARNING,
                    hint=f"keep it under {MICRO_MODULE_MAX_MINUTES} minutes, or split it",
                )
            )
    return out
