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

from learning_journeys.model.journey import PHASE_KEYS
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


def _unknown_cohort_sessions(parts: _Parts) -> list[PendingDiagnostic]:
    """A cohort overrides a session that no activity has."""
    known = _ids(parts.sessions)
    out = []
    for path, cohort in parts.cohorts:
        overrides = cohort.get("sessions")
        if not isinstance(overrides, dict):
            continue
        for sid in overrides:
            if isinstance(sid, str) and _SLUG.match(sid) and sid not in known:
                out.append(_unknown(sid, known, path + ("sessions", sid), "session"))
    return out
