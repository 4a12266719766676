"""A plan as an outline of lines, shared by the Markdown and the text format so that both say
the same things in the same words; each only decides how a line and an id look."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from learning_journeys.review.changes import (
    ActivityChange,
    Change,
    ItemChange,
    JourneyDiff,
    JourneyKind,
    Kind,
    MeetingChange,
    Minutes,
    Plan,
    Problem,
)
from learning_journeys.review.revisions import WORK_TREE
from learning_journeys.review.wording import Words, words_for


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


_KINDS: tuple[Kind, ...] = ("added", "changed", "removed")
_JOURNEY_KINDS: tuple[JourneyKind, ...] = ("changed", "added", "removed", "unreadable")


def summary(plan: Plan) -> str:
    """``Plan: 2 added, 3 changed, 1 removed`` (activities), and what happened to whole journeys."""
    w = words_for(plan.language)
    if not plan.has_changes:
        n = plan.compared
        return w("no_changes_1") if n == 1 else w("no_changes", n=n)
    counts = ", ".join(f"{plan.count(k)} {w(k)}" for k in _KINDS)
    journeys = [f"{plan.journeys_by_kind(k)} {w(k)}" for k in _JOURNEY_KINDS if plan.journeys_by_kind(k)]
    return w("plan", counts=counts, journeys=", ".join(journeys))


def _revision(label: str, w: Words) -> str:
    return w("work_tree") if label == WORK_TREE else label


def _fill(template: str, **codes: str) -> tuple[Part, ...]:
    """A sentence whose ``{placeholders}`` are ids or revisions, shown as code."""
    out: list[Part] = []
    for piece in re.split(r"(\{\w+\})", template):
        name = re.fullmatch(r"\{(\w+)\}", piece)
        if name:
            out.append(Code(codes[name.group(1)]))
        elif piece:
            out.append(piece)
    return tuple(out)


def comparing(plan: Plan) -> tuple[Part, ...]:
    w = words_for(plan.language)
    return _fill(w.template("comparing"), base=_revision(plan.base, w), head=_revision(plan.head, w))


def outline(plan: Plan) -> list[JourneyOutline]:
    """Every journey that changed, in order of id."""
    w = words_for(plan.language)
    return [_journey(j, w) for j in plan.journeys if j.kind != "unchanged"]


def _journey(j: JourneyDiff, w: Words) -> JourneyOutline:
    heading = (j.title, " (", Code(j.id), ")")
    files = [f for f in (j.file_before, j.file_after) if f]
    subtitle: list[Part] = [w(j.kind), " · ", Code(files[-1])]
    if j.kind != "unreadable":
        subtitle.append(" · " + ", ".join(f"{j.count(k)} {w(k)}" for k in _KINDS))
    sections = [
        Section(w("s_problems"), tuple(_problem(p, w) for p in j.problems)),
        Section(w("s_journey"), tuple(_change(c, w) for c in j.changes)),
        Section(w("s_activities"), tuple(_activity(a, w) for a in j.activities if j.kind == "changed")),
        Section(w("s_dates"), tuple(_meeting(m, w) for m in j.meetings)),
        Section(w("s_objectives"), tuple(_item(i, w) for i in j.objectives)),
        Section(w("s_goals"), tuple(_item(i, w) for i in j.goals)),
        Section(w("s_cohorts"), tuple(_item(i, w) for i in j.cohorts)),
        Section(w("s_time"), _time(j, w)),
        Section(w("s_coverage"), tuple(_coverage(j, w))),
    ]
    return JourneyOutline(j.kind, heading, tuple(subtitle), tuple(s for s in sections if s.lines))


def _problem(p: Problem, w: Words) -> Line:
    where = f"{p.file}:{p.line}:{p.column}" if p.line else p.file
    return Line(
        (w("at"), Code(_revision(p.revision, w)), ": ", Code(where), f" {p.code} {p.message}"), "warning"
    )


def _value(text: str | None) -> str:
    return "—" if text is None else text


def _change(c: Change, w: Words) -> Line:
    if c.before is None and c.after is None:
        return Line((w("field_changed", field=c.field),), "changed")
    if c.field in ("id", "file"):
        return Line((f"{c.field}: ", Code(_value(c.before)), " → ", Code(_value(c.after))), "changed")
    return Line((f"{c.field}: {_value(c.before)} → {_value(c.after)}",), "changed")


def _activity(a: ActivityChange, w: Words) -> Line:
    parts: tuple[Part, ...] = (Code(a.id), f": {a.title} ({a.type}, {a.phase})")
    children = []
    for c in a.changes:
        if c.field == "id":
            children.append(
                Line(
                    ("id: ", Code(_value(c.before)), " → ", Code(_value(c.after)), f": {w('progress_note')}"),
                    "warning",
                )
            )
        else:
            children.append(_change(c, w))
    return Line(parts, a.kind, tuple(children))


def _meeting(m: MeetingChange, w: Words) -> Line:
    who = m.cohort + (f" {m.group}" if m.group else "")
    head: tuple[Part, ...] = (f"{who}: ", Code(m.activity), f" {m.meeting} ")
    if m.kind == "changed":
        return Line((*head, f"{m.before} → {m.after}"), "changed")
    return Line((*head, f"{w(m.kind)} {_value(m.after or m.before)}"), m.kind)


def _item(i: ItemChange, w: Words) -> Line:
    return Line((Code(i.id), f": {i.title}"), i.kind, tuple(_change(c, w) for c in i.changes))


def _figure(m: Minutes, w: Words) -> Line:
    key = w("total") if m.key == "total" else m.key  # the others are phase keys and modalities, as in YAML
    return Line((f"{key}: {_value(w.minutes(m.before))} → {_value(w.minutes(m.after))}",))


def _time(j: JourneyDiff, w: Words) -> tuple[Line, ...]:
    if j.time is None:
        return ()
    if j.kind in ("added", "removed"):
        return (_figure(j.time.total, w),)
    lines = [_figure(m, w) for m in (*j.time.phases, *j.time.modalities)]
    return (*lines, _figure(j.time.total, w))


def _coverage(j: JourneyDiff, w: Words) -> Iterable[Line]:
    for c in j.coverage:
        parts: list[Part] = [
            Code(c.objective),
            f": {c.title}: {w('activities_count', before=c.before, after=c.after)}",
        ]
        for word, ids in (("gains", c.gained), ("loses", c.lost)):
            if ids:
                parts.append(f"; {w(word)} ")
                for n, i in enumerate(ids):
                    parts += ([", "] if n else []) + [Code(i)]
        if c.after == 0:
            parts.append(f"; {w('unserved')}")
        yield Line(tuple(parts), "warning" if c.after == 0 else None)
