"""A plan as an outline of lines, shared by the Markdown and the text format so that both say
the same things in the same words; each only decides how a line and an id look."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from learning_journeys.model.durations import humanize
from learning_journeys.review.changes import (
    ActivityChange,
    Change,
    ItemChange,
    JourneyDiff,
    MeetingChange,
    Minutes,
    Plan,
    Problem,
)


@dataclass(frozen=True)
class Code:
    """An id, a path or a revision: shown as code."""

    value: str


Part = str | Code


@dataclass(frozen=True)
class Line:
    """One fact; ``kind`` (added, removed, changed, warning) is how the formats mark it."""

    parts: tuple[Part, ...]
    kind: str | None = None
    children: tuple[Line, ...] = ()


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class JourneyOutline:
    kind: str
    heading: tuple[Part, ...]
    subtitle: tuple[Part, ...]
    sections: tuple[Section, ...]


PROGRESS_NOTE = "learners' saved progress stays under the old id and does not carry over"
_JOURNEY_WORDS = {
    "changed": "changed",
    "added": "added",
    "removed": "removed",
    "unreadable": "could not be read",
}


def summary(plan: Plan) -> str:
    """``Plan: 2 added, 3 changed, 1 removed`` (activities), and what happened to whole journeys."""
    if not plan.has_changes:
        n = len(plan.journeys)
        return f"No changes ({n} journey{'s' if n != 1 else ''} compared)."
    counts = ", ".join(f"{plan.count(k)} {k}" for k in ("added", "changed", "removed"))
    journeys = [
        f"{plan.journeys_by_kind(k)} {word}"  # type: ignore[arg-type]
        for k, word in _JOURNEY_WORDS.items()
        if plan.journeys_by_kind(k)  # type: ignore[arg-type]
    ]
    return f"Plan: {counts} · journeys: {', '.join(journeys)}"


def comparing(plan: Plan) -> tuple[Part, ...]:
    return ("Comparing ", Code(plan.base), " with ", Code(plan.head), ".")


def outline(plan: Plan) -> list[JourneyOutline]:
    """Every journey that changed, in order of id."""
    return [_journey(j) for j in plan.journeys if j.kind != "unchanged"]


def _journey(j: JourneyDiff) -> JourneyOutline:
    heading = (j.title, " (", Code(j.id), ")")
    files = [f for f in (j.file_before, j.file_after) if f]
    subtitle: list[Part] = [_JOURNEY_WORDS[j.kind], " · ", Code(files[-1])]
    if j.kind != "unreadable":
        subtitle.append(" · " + ", ".join(f"{j.count(k)} {k}" for k in ("added", "changed", "removed")))
    sections = [
        Section("Problems", tuple(_problem(p) for p in j.problems)),
        Section("Journey", tuple(_change(c) for c in j.changes)),
        Section("Activities", tuple(_activity(a) for a in j.activities if j.kind == "changed")),
        Section("Dates", tuple(_meeting(m) for m in j.meetings)),
        Section("Objectives", tuple(_item(i) for i in j.objectives)),
        Section("Goals", tuple(_item(i) for i in j.goals)),
        Section("Cohorts", tuple(_item(i) for i in j.cohorts)),
        Section("Time", _time(j)),
        Section("Coverage of objectives", tuple(_coverage(j))),
    ]
    return JourneyOutline(j.kind, heading, tuple(subtitle), tuple(s for s in sections if s.lines))


def _problem(p: Problem) -> Line:
    where = f"{p.file}:{p.line}:{p.column}" if p.line else p.file
    return Line(("at ", Code(p.revision), ": ", Code(where), f" {p.code} {p.message}"), "warning")


def _value(text: str | None) -> str:
    return "—" if text is None else text


def _change(c: Change) -> Line:
    if c.before is None and c.after is None:
        return Line((f"{c.field} changed",), "changed")
    if c.field in ("id", "file"):
        return Line((f"{c.field}: ", Code(_value(c.before)), " → ", Code(_value(c.after))), "changed")
    return Line((f"{c.field}: {_value(c.before)} → {_value(c.after)}",), "changed")


def _activity(a: ActivityChange) -> Line:
    parts: tuple[Part, ...] = (Code(a.id), f": {a.title} ({a.type}, {a.phase})")
    children = []
    for c in a.changes:
        if c.field == "id":
            children.append(
                Line(
                    ("id: ", Code(_value(c.before)), " → ", Code(_value(c.after)), f": {PROGRESS_NOTE}"),
                    "warning",
                )
            )
        else:
            children.append(_change(c))
    return Line(parts, a.kind, tuple(children))


def _meeting(m: MeetingChange) -> Line:
    who = m.cohort + (f" {m.group}" if m.group else "")
    head: tuple[Part, ...] = (f"{who}: ", Code(m.activity), f" {m.meeting} ")
    if m.kind == "changed":
        return Line((*head, f"{m.before} → {m.after}"), "changed")
    return Line((*head, f"{m.kind} {_value(m.after or m.before)}"), m.kind)


def _item(i: ItemChange) -> Line:
    return Line((Code(i.id), f": {i.title}"), i.kind, tuple(_change(c) for c in i.changes))


def _minutes(value: int | None) -> str:
    return "—" if value is None else humanize(value)


def _figure(m: Minutes) -> Line:
    return Line((f"{m.key}: {_minutes(m.before)} → {_minutes(m.after)}",))


def _time(j: JourneyDiff) -> tuple[Line, ...]:
    if j.time is None:
        return ()
    if j.kind in ("added", "removed"):
        return (_figure(j.time.total),)
    lines = [_figure(m) for m in j.time.phases]
    lines += [_figure(m) for m in j.time.modalities]
    return (*lines, _figure(j.time.total))


def _coverage(j: JourneyDiff) -> Iterable[Line]:
    for c in j.coverage:
        parts: list[Part] = [Code(c.objective), f": {c.title}: {c.before} → {c.after} activities"]
        for word, ids in (("gains", c.gained), ("loses", c.lost)):
            if ids:
                parts.append(f"; {word} ")
                for n, i in enumerate(ids):
                    parts += ([", "] if n else []) + [Code(i)]
        if c.after == 0:
            parts.append("; no activity serves it any more")
        yield Line(tuple(parts), "warning" if c.after == 0 else None)
