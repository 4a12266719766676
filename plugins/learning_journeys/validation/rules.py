"""Checks the schema cannot express: ids, references, order, time and plausibility.

They run on the model of a schema-valid journey and report by JSON path, so
that the line lookup is paid only when something is found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from learning_journeys.model.journey import PHASE_KEYS, Assignment, Coaching, Journey, MicroModule
from learning_journeys.validation.diagnostics import JsonPath, PendingDiagnostic, Severity
from learning_journeys.validation.hints import BARE_HOST
from learning_journeys.validation.schema_source import SLUG

_SLUG = re.compile(SLUG)

# A micro-module is short by definition; anything longer is a design smell.
MICRO_MODULE_MAX_MINUTES = 60
# Nobody spends more than five working days on one activity.
ACTIVITY_MAX_MINUTES = 5 * 8 * 60


def activity_paths(journey: Journey) -> dict[str, JsonPath]:
    """JSON path of every activity, by id (first one wins for duplicates)."""
    out: dict[str, JsonPath] = {}
    for phase in journey.phases:
        for i, activity in enumerate(phase.activities):
            out.setdefault(activity.id, ("phases", phase.key, "activities", i))
    return out


def check_journey(journey: Journey) -> list[PendingDiagnostic]:
    """All meaning-level problems of one journey."""
    found: list[PendingDiagnostic] = []
    found += _prerequisite_order(journey)
    found += _sessions(journey)
    found += _durations(journey)
    found += _questions(journey)
    found += _coverage(journey)
    found += _cohorts(journey)
    found += _links_without_scheme(journey)
    return found


def _dupes(items: Iterable[tuple[str, JsonPath]], what: str) -> list[PendingDiagnostic]:
    seen: dict[str, JsonPath] = {}
    out = []
    for ident, path in items:
        if ident in seen:
            out.append(
                PendingDiagnostic(
                    path + ("id",),
                    "LJ200",
                    f"{what} id `{ident}` is used twice",
                    hint="ids must be unique within a journey: rename one",
                )
            )
        else:
            seen[ident] = path
    return out


def _unknown(ref: str, known: Iterable[str], path: JsonPath, what: str) -> PendingDiagnostic:
    import difflib

    close = difflib.get_close_matches(ref, list(known), n=1, cutoff=0.6)
    article = "an" if what[0] in "aeiou" else "a"
    hint = f"did you mean `{close[0]}`?" if close else f"define {article} {what} with id `{ref}` first"
    return PendingDiagnostic(path, "LJ201", f"unknown {what} `{ref}`", hint=hint)


def _items(value: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mappings of a list, with their index (anything else is the schema's business)."""
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _ids(value: Any) -> list[tuple[int, str]]:
    """Well-formed id references of a list (a malformed one is already a schema error)."""
    if not isinstance(value, list):
        return []
    return [(k, ref) for k, ref in enumerate(value) if isinstance(ref, str) and _SLUG.match(ref)]


def check_ids_and_references(data: Any) -> list[PendingDiagnostic]:
    """Duplicate ids and references to unknown ids, on the loaded data itself.

    These run even when the file breaks the schema elsewhere, so that a typo
    in one activity does not hide a wrong reference in another.
    """
    if not isinstance(data, dict):
        return []
    goals = _items(data.get("goals"))
    objectives = _items(data.get("objectives"))
    phases = data.get("phases")
    if not isinstance(phases, dict):
        phases = {}
    activities: list[tuple[JsonPath, dict[str, Any]]] = []
    for key in PHASE_KEYS:
        phase = phases.get(key)
        if isinstance(phase, dict):
            activities += [(("phases", key, "activities", i), a) for i, a in _items(phase.get("activities"))]

    def ident(item: dict[str, Any]) -> str | None:
        return item["id"] if isinstance(item.get("id"), str) else None

    out = _dupes(((gid, ("goals", i)) for i, g in goals if (gid := ident(g))), "goal")
    out += _dupes(((oid, ("objectives", i)) for i, o in objectives if (oid := ident(o))), "objective")
    out += _dupes(((aid, path) for path, a in activities if (aid := ident(a))), "activity")
    sessions = [
        (ident(s), path + ("sessions", k)) for path, a in activities for k, s in _items(a.get("sessions"))
    ]
    out += _dupes(((sid, path) for sid, path in sessions if sid), "session")
    cohorts = _items(data.get("cohorts"))
    out += _dupes(((cid, ("cohorts", i)) for i, c in cohorts if (cid := ident(c))), "cohort")

    goal_ids = {gid for _i, g in goals if (gid := ident(g)) is not None}
    objective_ids = {oid for _i, o in objectives if (oid := ident(o)) is not None}
    activity_ids = {aid for _p, a in activities if (aid := ident(a)) is not None}
    session_ids = {sid for sid, _p in sessions if sid is not None}
    for i, o in objectives:
        for k, ref in _ids(o.get("supports")):
            if ref not in goal_ids:
                out.append(_unknown(ref, goal_ids, ("objectives", i, "supports", k), "goal"))
    for path, a in activities:
        for k, ref in _ids(a.get("objectives")):
            if ref not in objective_ids:
                out.append(_unknown(ref, objective_ids, path + ("objectives", k), "objective"))
        for k, ref in _ids(a.get("prerequisites")):
            if ref not in activity_ids:
                out.append(_unknown(ref, activity_ids, path + ("prerequisites", k), "activity"))
            elif ref == ident(a):
                out.append(
                    PendingDiagnostic(
                        path + ("prerequisites", k), "LJ202", f"`{ref}` lists itself as a prerequisite"
                    )
                )
        for k, ref in _ids(a.get("prework")):
            if ref not in activity_ids:
                out.append(_unknown(ref, activity_ids, path + ("prework", k), "activity"))
    for i, c in cohorts:
        overrides = c.get("sessions")
        if isinstance(overrides, dict):
            for sid in overrides:
                if isinstance(sid, str) and _SLUG.match(sid) and sid not in session_ids:
                    out.append(_unknown(sid, session_ids, ("cohorts", i, "sessions", sid), "session"))
    return out


def _prerequisite_order(j: Journey) -> list[PendingDiagnostic]:
    out = []
    phase_of: dict[str, int] = {}
    position: dict[str, int] = {}
    week_of: dict[str, int | None] = {}
    for n, (p, a) in enumerate(j.activities()):
        phase_of.setdefault(a.id, PHASE_KEYS.index(p.key))
        position.setdefault(a.id, n)
        week_of.setdefault(a.id, a.week)
    paths = activity_paths(j)
    for p in j.phases:
        for i, a in enumerate(p.activities):
            for k, ref in enumerate(a.prerequisites):
                if ref not in phase_of or ref == a.id:
                    continue
                path = ("phases", p.key, "activities", i, "prerequisites", k)
                if phase_of[ref] > PHASE_KEYS.index(p.key):
                    out.append(
                        PendingDiagnostic(
                            path,
                            "LJ203",
                            f"prerequisite `{ref}` is in a later phase ({PHASE_KEYS[phase_of[ref]]}) than `{a.id}` ({p.key})",
                            hint="move one of them, or drop the prerequisite",
                        )
                    )
                elif a.week and (week_of[ref] or 0) > a.week:
                    out.append(
                        PendingDiagnostic(
                            path,
                            "LJ213",
                            f"prerequisite `{ref}` is planned in week {week_of[ref]}, after `{a.id}` (week {a.week})",
                            Severity.WARNING,
                            hint="plan the prerequisite in the same or an earlier week, or drop it",
                        )
                    )
                elif position[ref] > position[a.id]:
                    out.append(
                        PendingDiagnostic(
                            path,
                            "LJ213",
                            f"prerequisite `{ref}` comes after `{a.id}` in the phase",
                            Severity.WARNING,
                            hint="learners follow the list in order: move the prerequisite up",
                        )
                    )
    out += _prework_order(j, phase_of)
    out += _cycles(j, paths)
    return out


def _prework_order(j: Journey, phase_of: dict[str, int]) -> list[PendingDiagnostic]:
    """Pre-work must be something a learner can do before the workshop: not in a later phase."""
    out = []
    for p in j.phases:
        for i, a in enumerate(p.activities):
            for k, ref in enumerate(getattr(a, "prework", ())):
                if ref in phase_of and phase_of[ref] > PHASE_KEYS.index(p.key):
                    out.append(
                        PendingDiagnostic(
                            ("phases", p.key, "activities", i, "prework", k),
                            "LJ203",
                            f"pre-work `{ref}` is in a later phase ({PHASE_KEYS[phase_of[ref]]}) than `{a.id}`",
                            hint="pre-work belongs in the same or an earlier phase",
                        )
                    )
    return out


def _cycles(j: Journey, paths: dict[str, JsonPath]) -> list[PendingDiagnostic]:
    graph = {a.id: [r for r in a.prerequisites if r != a.id] for _p, a in j.activities()}
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
                        first = cycle[0]
                        out.append(
                            PendingDiagnostic(
                                paths[first] + ("prerequisites",),
                                "LJ202",
                                "prerequisites form a cycle: " + " → ".join(cycle + [first]),
                                hint="no learner could ever start these: break the cycle",
                            )
                        )
                elif nxt in graph and not state.get(nxt):
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                trail.pop()
    return out


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _sessions(j: Journey) -> list[PendingDiagnostic]:
    out = []
    for p in j.phases:
        for i, a in enumerate(p.activities):
            for k, s in enumerate(a.sessions):
                if s.start and s.end and _minutes(s.end) <= _minutes(s.start):
                    out.append(
                        PendingDiagnostic(
                            ("phases", p.key, "activities", i, "sessions", k, "end"),
                            "LJ204",
                            f"session `{s.id}` ends ({s.end}) before or when it starts ({s.start})",
                        )
                    )
    designed = {s.id: s for _p, a in j.activities() for s in a.sessions}
    for ci, c in enumerate(j.cohorts):
        for sid, o in c.sessions:
            # An override may change only one end of the session: check the times that apply.
            design = designed.get(sid)
            start = o.start or (design.start if design else None)
            end = o.end or (design.end if design else None)
            if start and end and _minutes(end) <= _minutes(start):
                out.append(
                    PendingDiagnostic(
                        ("cohorts", ci, "sessions", sid, "end" if o.end else "start"),
                        "LJ204",
                        f"session `{sid}` ends ({end}) before or when it starts ({start})",
                    )
                )
    return out


def _durations(j: Journey) -> list[PendingDiagnostic]:
    out = []
    for p in j.phases:
        for i, a in enumerate(p.activities):
            path = ("phases", p.key, "activities", i, "duration")
            minutes = a.duration_minutes
            if minutes is None:
                continue
            if minutes <= 0:
                out.append(
                    PendingDiagnostic(path, "LJ205", f"duration of `{a.id}` is zero", hint="e.g. `15m`")
                )
            elif minutes > ACTIVITY_MAX_MINUTES:
                out.append(
                    PendingDiagnostic(
                        path,
                        "LJ205",
                        f"duration of `{a.id}` is {minutes // 60} hours: more than five working days",
                        Severity.WARNING,
                        hint="check the unit (m = minutes, h = hours, d = working days of 8 hours)",
                    )
                )
            elif isinstance(a, MicroModule) and minutes > MICRO_MODULE_MAX_MINUTES:
                out.append(
                    PendingDiagnostic(
                        path,
                        "LJ205",
                        f"micro-module `{a.id}` takes {minutes} minutes; micro-modules are short",
                        Severity.WARNING,
                        hint=f"keep it under {MICRO_MODULE_MAX_MINUTES} minutes, or split it",
                    )
                )
    return out


def _questions(j: Journey) -> list[PendingDiagnostic]:
    out = []
    for p in j.phases:
        for i, a in enumerate(p.activities):
            if isinstance(a, MicroModule):
                for q, question in enumerate(a.questions):
                    if not any(c.correct for c in question.choices):
                        out.append(
                            PendingDiagnostic(
                                ("phases", p.key, "activities", i, "questions", q),
                                "LJ208",
                                "this question has no correct choice",
                                hint="mark at least one choice `correct: true`",
                            )
                        )
    return out


def _coverage(j: Journey) -> list[PendingDiagnostic]:
    out = []
    served = {ref for _p, a in j.activities() for ref in a.objectives}
    for i, o in enumerate(j.objectives):
        if o.id not in served and any(a.objectives for _p, a in j.activities()):
            out.append(
                PendingDiagnostic(
                    ("objectives", i),
                    "LJ209",
                    f"no activity serves objective `{o.id}`",
                    Severity.WARNING,
                    hint="add it to an activity's `objectives`, or drop it",
                )
            )
    supported = {g for o in j.objectives for g in o.supports}
    for i, g in enumerate(j.goals):
        if g.id not in supported and j.objectives:
            out.append(
                PendingDiagnostic(
                    ("goals", i),
                    "LJ210",
                    f"no objective supports goal `{g.id}`",
                    Severity.WARNING,
                    hint="link an objective to it with `supports`",
                )
            )
    return out


def _cohorts(j: Journey) -> list[PendingDiagnostic]:
    out = []
    for i, c in enumerate(j.cohorts):
        try:
            date.fromisoformat(c.start)
        except ValueError:
            out.append(PendingDiagnostic(("cohorts", i, "start"), "LJ207", f"`{c.start}` is not a real date"))
        try:
            ZoneInfo(c.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            out.append(
                PendingDiagnostic(
                    ("cohorts", i, "timezone"),
                    "LJ207",
                    f"unknown time zone `{c.timezone}`",
                    hint="use an IANA name such as `Europe/Amsterdam` or `Europe/Brussels`",
                )
            )
        for sid, o in c.sessions:
            if o.date:
                try:
                    date.fromisoformat(o.date)
                except ValueError:
                    out.append(
                        PendingDiagnostic(
                            ("cohorts", i, "sessions", sid, "date"), "LJ207", f"`{o.date}` is not a real date"
                        )
                    )
    return out


# The target of a Markdown link or image: `[text](target "title")`.
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")


def _markdown_fields(j: Journey) -> Iterator[tuple[JsonPath, str, str]]:
    """Every Markdown text with its path, and where it came from when that is not the path itself."""
    yield ("description",), j.description, ""
    for i, g in enumerate(j.goals):
        yield ("goals", i, "description"), g.description, ""
    for p in j.phases:
        yield ("phases", p.key, "intro"), p.intro, ""
        for i, a in enumerate(p.activities):
            base: JsonPath = ("phases", p.key, "activities", i)
            yield base + ("description",), a.description, ""
            if isinstance(a, MicroModule):
                # content read from a file is reported at `content_file`
                key, where = (
                    ("content_file", f" in `{a.content_file}`") if a.content_file else ("content", "")
                )
                yield base + (key,), a.content, where
                for q, question in enumerate(a.questions):
                    yield base + ("questions", q, "question"), question.question, ""
            if isinstance(a, Assignment):
                yield base + ("task",), a.task, ""
            if isinstance(a, Coaching):
                yield base + ("booking",), a.booking, ""


def _links_without_scheme(j: Journey) -> list[PendingDiagnostic]:
    """`[x](www.example.nl)` is a link to a page of this site called www.example.nl."""
    out = []
    for path, text, where in _markdown_fields(j):
        targets = dict.fromkeys(m for m in _MARKDOWN_LINK.findall(text or "") if BARE_HOST.match(m))
        for target in targets:
            out.append(
                PendingDiagnostic(
                    path,
                    "LJ214",
                    f"link `{target}`{where} has no https:// in front: it would open a page of this site",
                    Severity.WARNING,
                    hint=f"add https:// in front: `https://{target}`",
                )
            )
    return out
