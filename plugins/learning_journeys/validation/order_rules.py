"""The order of prerequisites and pre-work: no cycles, nothing needed that comes later.

Checked on the loaded data itself, like ids and references, so that they run when the schema
fails elsewhere in the file. A reference that is malformed or unknown is skipped here: the
schema or :mod:`references` reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from learning_journeys.model.journey import PHASE_KEYS
from learning_journeys.model.vocabulary import SLUG
from learning_journeys.validation.diagnostics import JsonPath, PendingDiagnostic, Severity

_SLUG = re.compile(SLUG)


@dataclass(frozen=True)
class _Activity:
    """What the order checks need of one activity, read defensively from the data."""

    path: JsonPath
    phase: int  # index in PHASE_KEYS
    position: int  # in journey order
    id: str
    week: int | None
    prerequisites: tuple[tuple[int, str], ...]
    prework: tuple[tuple[int, str], ...]


def check_order(data: Any) -> list[PendingDiagnostic]:
    """Prerequisites and pre-work in a later phase (or week, or further down), and cycles."""
    activities = _activities(data)
    first: dict[str, _Activity] = {}
    for a in activities:
        first.setdefault(a.id, a)
    return _prerequisites(activities, first) + _prework(activities, first) + _cycles(activities, first)


def _activities(data: Any) -> list[_Activity]:
    phases = data.get("phases") if isinstance(data, dict) else None
    out: list[_Activity] = []
    for n, key in enumerate(PHASE_KEYS):
        phase = phases.get(key) if isinstance(phases, dict) else None
        items = phase.get("activities") if isinstance(phase, dict) else None
        for i, a in enumerate(items if isinstance(items, list) else ()):
            if isinstance(a, dict) and isinstance(a.get("id"), str):
                week = a.get("week")
                out.append(
                    _Activity(
                        ("phases", key, "activities", i),
                        n,
                        len(out),
                        a["id"],
                        week if isinstance(week, int) and not isinstance(week, bool) else None,
                        _refs(a.get("prerequisites")),
                        _refs(a.get("prework")),
                    )
                )
    return out


def _refs(value: Any) -> tuple[tuple[int, str], ...]:
    if not isinstance(value, list):
        return ()
    return tuple((k, r) for k, r in enumerate(value) if isinstance(r, str) and _SLUG.match(r))


def _prerequisites(activities: list[_Activity], first: dict[str, _Activity]) -> list[PendingDiagnostic]:
    out = []
    for a in activities:
        for k, ref in a.prerequisites:
            needed = first.get(ref)
            if needed is None or ref == a.id:
                continue
            path = a.path + ("prerequisites", k)
            if needed.phase > a.phase:
                out.append(
                    PendingDiagnostic(
                        path,
                        "LJ203",
                        f"prerequisite `{ref}` is in a later phase ({PHASE_KEYS[needed.phase]}) than `{a.id}`"
                        f" ({PHASE_KEYS[a.phase]})",
                        hint="move one of them, or drop the prerequisite",
                    )
                )
            elif a.week and (needed.week or 0) > a.week:
                out.append(
                    PendingDiagnostic(
                        path,
                        "LJ213",
                        f"prerequisite `{ref}` is planned in week {needed.week}, after `{a.id}` (week {a.week})",
                        Severity.WARNING,
                        hint="plan the prerequisite in the same or an earlier week, or drop it",
                    )
                )
            elif needed.position > first[a.id].position:
                out.append(
                    PendingDiagnostic(
                        path,
                        "LJ213",
                        f"prerequisite `{ref}` comes after `{a.id}` in the phase",
                        Severity.WARNING,
                        hint="learners follow the list in order: move the prerequisite up",
                    )
                )
    return out


def _prework(activities: list[_Activity], first: dict[str, _Activity]) -> list[PendingDiagnostic]:
    """Pre-work must be something a learner can do before the workshop: not in a later phase."""
    return [
        PendingDiagnostic(
            a.path + ("prework", k),
            "LJ203",
            f"pre-work `{ref}` is in a later phase ({PHASE_KEYS[first[ref].phase]}) than `{a.id}`",
            hint="pre-work belongs in the same or an earlier phase",
        )
        for a in activities
        for k, ref in a.prework
        if ref in first and first[ref].phase > a.phase
    ]


def _cycles(activities: list[_Activity], first: dict[str, _Activity]) -> list[PendingDiagnostic]:
    # A duplicate id is reported by `references`; its last definition's prerequisites count here.
    graph = {a.id: [r for _k, r in a.prerequisites if r != a.id] for a in activities}
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    reported: set[frozenset[str]] = set()
    out = []
    for start in graph:
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        trail: list[str] = []
        while stack:
            node, idx = stack.pop()
            if idx == 0:
                state[node] = 1
                trail.append(node)
            deps = graph.get(node, [])
            if idx < len(deps):
                stack.append((node, idx + 1))
                nxt = deps[idx]
                if state.get(nxt) == 1:
                    cycle = trail[trail.index(nxt) :]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        out.append(
                            PendingDiagnostic(
                                first[cycle[0]].path + ("prerequisites",),
                                "LJ202",
                                "prerequisites form a cycle: " + " → ".join(cycle + [cycle[0]]),
                                hint="no learner could ever start these: break the cycle",
                            )
                        )
                elif nxt in graph and not state.get(nxt):
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                trail.pop()
    return out
