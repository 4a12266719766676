"""Duplicate ids and references to unknown ids, checked on the loaded data itself.

These run even when the file breaks the schema elsewhere, so that a typo in one
activity does not hide a wrong reference in another. Anything that is not the
expected shape is skipped: the schema check reports it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from learning_journeys.model.journey import MAX_OCCURRENCES, PHASE_KEYS
from learning_journeys.validation.diagnostics import JsonPath, PendingDiagnostic
from learning_journeys.validation.schema_source import SLUG

_SLUG = re.compile(SLUG)

Located = tuple[JsonPath, dict[str, Any]]


@dataclass(frozen=True)
class _Parts:
    """The id-carrying mappings of a journey, each with its JSON path."""

    goals: list[Located]
    objectives: list[Located]
    activities: list[Located]
    sessions: list[Located]
    cohorts: list[Located]


def check_ids_and_references(data: Any) -> list[PendingDiagnostic]:
    """Every duplicate id and every reference to an id that is not defined."""
    if not isinstance(data, dict):
        return []
    parts = _parts(data)
    return (
        _duplicate_ids(parts)
        + _unknown_goals(parts)
        + _unknown_objectives(parts)
        + _unknown_or_own_prerequisites(parts)
        + _unknown_prework(parts)
        + _unknown_cohort_sessions(parts)
        + _unknown_references(parts.activities, "evidence_for", _ids(parts.objectives), "objective")
        + _unknown_after(parts)
        + _unknown_agenda_sessions(parts)
        + _duplicate_groups(parts)
        + _sessions_named_like_meetings(parts)
        + _reserved_activity_ids(parts)
    )


def _parts(data: dict[str, Any]) -> _Parts:
    phases = data.get("phases")
    activities: list[Located] = []
    for key in PHASE_KEYS:
        phase = phases.get(key) if isinstance(phases, dict) else None
        if isinstance(phase, dict):
            activities += _mappings(phase.get("activities"), ("phases", key, "activities"))
    sessions = [s for path, a in activities for s in _mappings(a.get("sessions"), path + ("sessions",))]
    return _Parts(
        goals=_mappings(data.get("goals"), ("goals",)),
        objectives=_mappings(data.get("objectives"), ("objectives",)),
        activities=activities,
        sessions=sessions,
        cohorts=_mappings(data.get("cohorts"), ("cohorts",)),
    )


def _mappings(value: Any, path: JsonPath) -> list[Located]:
    """The mappings of a list, each with its path (anything else is the schema's business)."""
    if not isinstance(value, list):
        return []
    return [(path + (i,), item) for i, item in enumerate(value) if isinstance(item, dict)]


def _id(item: dict[str, Any]) -> str | None:
    return item["id"] if isinstance(item.get("id"), str) else None


def _ids(items: Iterable[Located]) -> set[str]:
    return {ident for _path, item in items if (ident := _id(item)) is not None}


def _references(value: Any) -> list[tuple[int, str]]:
    """Well-formed ids of a list of references (a malformed one is already a schema error)."""
    if not isinstance(value, list):
        return []
    return [(k, ref) for k, ref in enumerate(value) if isinstance(ref, str) and _SLUG.match(ref)]


def _duplicate_ids(parts: _Parts) -> list[PendingDiagnostic]:
    out: list[PendingDiagnostic] = []
    for what, items in (
        ("goal", parts.goals),
        ("objective", parts.objectives),
        ("activity", parts.activities),
        ("session", parts.sessions),
        ("cohort", parts.cohorts),
    ):
        out += _duplicates(items, what)
    return out


def _duplicates(items: list[Located], what: str) -> list[PendingDiagnostic]:
    seen: set[str] = set()
    out = []
    for path, item in items:
        ident = _id(item)
        if ident is None:
            continue
        if ident in seen:
            out.append(
                PendingDiagnostic(
                    path + ("id",),
                    "LJ200",
                    f"{what} id `{ident}` is used twice",
                    hint="ids must be unique within a journey: rename one",
                )
            )
        seen.add(ident)
    return out


def _unknown(ref: str, known: Iterable[str], path: JsonPath, what: str) -> PendingDiagnostic:
    close = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.6)
    article = "an" if what[0] in "aeiou" else "a"
    hint = f"did you mean `{close[0]}`?" if close else f"define {article} {what} with id `{ref}` first"
    return PendingDiagnostic(path, "LJ201", f"unknown {what} `{ref}`", hint=hint)


def _unknown_references(
    items: list[Located], key: str, known: set[str], what: str
) -> list[PendingDiagnostic]:
    """References under ``key`` of each item that name no ``what`` in ``known``."""
    return [
        _unknown(ref, known, path + (key, k), what)
        for path, item in items
        for k, ref in _references(item.get(key))
        if ref not in known
    ]


def _unknown_goals(parts: _Parts) -> list[PendingDiagnostic]:
    """An objective `supports` a goal that is not defined."""
    return _unknown_references(parts.objectives, "supports", _ids(parts.goals), "goal")


def _unknown_objectives(parts: _Parts) -> list[PendingDiagnostic]:
    """An activity serves an objective that is not defined."""
    return _unknown_references(parts.activities, "objectives", _ids(parts.objectives), "objective")


def _unknown_or_own_prerequisites(parts: _Parts) -> list[PendingDiagnostic]:
    """A prerequisite that is not an activity, or the activity itself."""
    out = _unknown_references(parts.activities, "prerequisites", _ids(parts.activities), "activity")
    for path, activity in parts.activities:
        for k, ref in _references(activity.get("prerequisites")):
            if ref == _id(activity):
                out.append(
                    PendingDiagnostic(
                        path + ("prerequisites", k), "LJ202", f"`{ref}` lists itself as a prerequisite"
                    )
                )
    return out


def _unknown_prework(parts: _Parts) -> list[PendingDiagnostic]:
    """Pre-work that is not an activity."""
    return _unknown_references(parts.activities, "prework", _ids(parts.activities), "activity")


def _unknown_after(parts: _Parts) -> list[PendingDiagnostic]:
    """A reflection `after` an activity that is not defined."""
    known = _ids(parts.activities)
    return [
        _unknown(ref, known, path + ("after",), "activity")
        for path, a in parts.activities
        if isinstance(ref := a.get("after"), str) and _SLUG.match(ref) and ref not in known
    ]


def _unknown_agenda_sessions(parts: _Parts) -> list[PendingDiagnostic]:
    """An agenda item tied to a session its activity does not have."""
    out = []
    for path, activity in parts.activities:
        known = _ids(_mappings(activity.get("sessions"), path + ("sessions",)))
        for item_path, item in _mappings(activity.get("agenda"), path + ("agenda",)):
            ref = item.get("session")
            if isinstance(ref, str) and _SLUG.match(ref) and ref not in known:
                out.append(_unknown(ref, known, item_path + ("session",), "session"))
    return out


def _duplicate_groups(parts: _Parts) -> list[PendingDiagnostic]:
    out = []
    for path, cohort in parts.cohorts:
        out += _duplicates(_mappings(cohort.get("groups"), path + ("groups",)), "group")
    return out


def _sessions_named_like_meetings(parts: _Parts) -> list[PendingDiagnostic]:
    """A session whose id is also the id of a series' meeting (`intervisie-3`)."""
    meetings: dict[str, str] = {}
    for _path, session in parts.sessions:
        for meeting in _meeting_ids(session) or ():
            meetings[meeting] = _id(session) or ""
    return [
        PendingDiagnostic(
            path + ("id",),
            "LJ200",
            f"session id `{ident}` is also the id of a meeting of series `{meetings[ident]}`",
            hint="rename the session: the meetings of a series are `SERIES-1`, `SERIES-2`, ...",
        )
        for path, session in parts.sessions
        if (ident := _id(session)) in meetings
    ]


# An activity's page is PHASE/ID.md; `index` would be the phase's own page.
RESERVED_ACTIVITY_IDS = frozenset({"index"})


def _reserved_activity_ids(parts: _Parts) -> list[PendingDiagnostic]:
    return [
        PendingDiagnostic(
            path + ("id",),
            "LJ221",
            f"`{ident}` cannot be an activity id: the phase's own page has that name",
            hint=f"choose another id, such as `{ident}-activity`",
        )
        for path, activity in parts.activities
        if (ident := _id(activity)) in RESERVED_ACTIVITY_IDS
    ]


def _meeting_ids(session: dict[str, Any]) -> set[str] | None:
    """The ids of a series' meetings (`ID-1` ... `ID-N`); None when its length is not clear."""
    ident, repeat = _id(session), session.get("repeat")
    if ident is None or not isinstance(repeat, dict):
        return set()
    every, count, until = repeat.get("every"), repeat.get("count"), repeat.get("until_day")
    if not isinstance(every, str) or not re.fullmatch(r"[1-9][0-9]{0,2}[dw]", every):
        return None
    step = int(every[:-1]) * (7 if every.endswith("w") else 1)
    day = session.get("day")
    first = day if isinstance(day, int) else 1
    if isinstance(count, int) and until is None:
        n = count
    elif isinstance(until, int) and count is None:
        n = max(0, (until - first) // step + 1)
    else:
        return None  # LJ215 says what is wrong with the series
    return {f"{ident}-{k}" for k in range(1, min(n, MAX_OCCURRENCES) + 1)}


def _known_meetings(parts: _Parts) -> tuple[set[str], set[str]]:
    """Every session and meeting id, and the series whose meetings could not be counted."""
    known = _ids(parts.sessions)
    uncounted = set()
    for _path, session in parts.sessions:
        meetings = _meeting_ids(session)
        ident = _id(session)
        if meetings is None and ident is not None:
            uncounted.add(ident)
        known |= meetings or set()
    return known, uncounted


def _unknown_cohort_sessions(parts: _Parts) -> list[PendingDiagnostic]:
    """A cohort or group overrides a session or meeting that no activity has."""
    known, uncounted = _known_meetings(parts)
    out = []
    for path, cohort in parts.cohorts:
        holders = [(path, cohort), *_mappings(cohort.get("groups"), path + ("groups",))]
        for where, holder in holders:
            overrides = holder.get("sessions")
            if not isinstance(overrides, dict):
                continue
            for sid in overrides:
                if not isinstance(sid, str) or not _SLUG.match(sid) or sid in known:
                    continue
                if sid.rpartition("-")[0] in uncounted:
                    continue  # a meeting of a series whose length is itself a problem
                out.append(_unknown_meeting(sid, known, where + ("sessions", sid)))
    return out


def _unknown_meeting(sid: str, known: set[str], path: JsonPath) -> PendingDiagnostic:
    series = sid.rpartition("-")[0]
    meeting = re.compile(re.escape(series) + r"-([0-9]+)")
    numbers = sorted(int(m.group(1)) for k in known if (m := meeting.fullmatch(k)))
    if series and series in known and numbers:
        hint = f"`{series}` has meetings `{series}-1` to `{series}-{numbers[-1]}`"
        return PendingDiagnostic(path, "LJ201", f"unknown session `{sid}`", hint=hint)
    return _unknown(sid, known, path, "session")
