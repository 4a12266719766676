"""Checks of a journey that runs for months: series, groups, periods, cohorts' planning.

The schema says each field is well-formed; these say the whole can happen: a
series that ends before it starts, a group that meets in nothing, a deadline
before the activity opens, a reflection after an activity without meetings.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from learning_journeys.model.journey import Activity, Journey, Reflection, Session
from learning_journeys.validation.diagnostics import JsonPath, PendingDiagnostic, Severity

ActivityAt = tuple[JsonPath, Activity]


def check_planning(journey: Journey) -> list[PendingDiagnostic]:
    """Every planning problem of one journey."""
    found: list[PendingDiagnostic] = []
    found += _series(journey)
    found += _periods(journey)
    found += _reflections_after(journey)
    found += _groups_without_activities(journey)
    found += _enrolment(journey)
    found += _copied_reflections(journey)
    return found


def _activities(j: Journey) -> Iterator[ActivityAt]:
    for p in j.phases:
        for i, a in enumerate(p.activities):
            yield ("phases", p.key, "activities", i), a


def _sessions(j: Journey) -> Iterator[tuple[JsonPath, Session]]:
    for path, a in _activities(j):
        for k, s in enumerate(a.sessions):
            yield path + ("sessions", k), s


def _series(j: Journey) -> list[PendingDiagnostic]:
    """A repeat says how long it runs (a count or an end day, not both) and ends after it starts."""
    out = []
    for path, s in _sessions(j):
        if s.repeat is None:
            continue
        where = path + ("repeat",)
        if s.repeat.count is None and s.repeat.until_day is None:
            out.append(
                PendingDiagnostic(
                    where,
                    "LJ215",
                    f"series `{s.id}` does not say how long it runs",
                    hint="add `count: 8` (the number of meetings) or `until_day: 365`",
                )
            )
        elif s.repeat.count is not None and s.repeat.until_day is not None:
            out.append(
                PendingDiagnostic(
                    where,
                    "LJ215",
                    f"series `{s.id}` has both `count` and `until_day`",
                    hint="keep one of the two",
                )
            )
        elif s.repeat.until_day is not None and s.repeat.until_day < (s.day or 1):
            out.append(
                PendingDiagnostic(
                    where + ("until_day",),
                    "LJ215",
                    f"series `{s.id}` ends (day {s.repeat.until_day}) before it starts (day {s.day or 1})",
                    hint="`until_day` is the last day of the journey with a meeting",
                )
            )
    return out


def _periods(j: Journey) -> list[PendingDiagnostic]:
    """`until_week` and `due_week` come on or after the week the activity opens."""
    out = []
    for path, a in _activities(j):
        opens = a.week if a.week is not None else 1
        for key, week in (("until_week", a.until_week), ("due_week", a.due_week)):
            if week is not None and week < opens:
                out.append(
                    PendingDiagnostic(
                        path + (key,),
                        "LJ216",
                        f"`{a.id}` opens in week {opens} but `{key}` is week {week}",
                        hint="the period runs from `week` up to and including this week",
                    )
                )
    return out


def _reflections_after(j: Journey) -> list[PendingDiagnostic]:
    """`after` names an activity that has meetings to reflect on."""
    by_id = {a.id: a for _p, a in _activities(j)}
    out = []
    for path, a in _activities(j):
        if isinstance(a, Reflection) and a.after in by_id and not by_id[a.after].sessions:
            out.append(
                PendingDiagnostic(
                    path + ("after",),
                    "LJ217",
                    f"`{a.after}` has no meetings to reflect after",
                    hint="name an activity with `sessions` (an intervision group, coaching), or drop `after`",
                )
            )
    return out


def _groups_without_activities(j: Journey) -> list[PendingDiagnostic]:
    """Groups mean something only for activities that meet per group."""
    if any(a.per_group for _p, a in _activities(j)):
        return []
    return [
        PendingDiagnostic(
            ("cohorts", i, "groups"),
            "LJ218",
            f"cohort `{c.id}` has groups, but no activity meets per group",
            hint="set `per_group: true` on the activities the groups meet in (the intervision)",
        )
        for i, c in enumerate(j.cohorts)
        if c.groups
    ]


def _enrolment(j: Journey) -> list[PendingDiagnostic]:
    out = []
    for i, c in enumerate(j.cohorts):
        if not c.enrolment_deadline:
            continue
        try:
            closes, starts = date.fromisoformat(c.enrolment_deadline), date.fromisoformat(c.start)
        except ValueError:
            continue  # not a real date: reported with the cohort's dates
        if closes > starts:
            out.append(
                PendingDiagnostic(
                    ("cohorts", i, "enrolment_deadline"),
                    "LJ219",
                    f"enrolment for `{c.id}` closes ({closes}) after the cohort starts ({starts})",
                    Severity.WARNING,
                    hint="close enrolment on or before the start date",
                )
            )
    return out


def _copied_reflections(j: Journey) -> list[PendingDiagnostic]:
    """The same reflection written out once per meeting: say it once, after the series."""
    seen: dict[tuple[str, ...], str] = {}
    series = next((a.id for _p, a in _activities(j) if len(a.occurrences()) > 1), None)
    out = []
    for path, a in _activities(j):
        if not isinstance(a, Reflection) or a.after or not a.prompts:
            continue
        first = seen.setdefault(a.prompts, a.id)
        if first != a.id:
            after = (
                f"`after: {series}`" if series else "`after:` and the id of the activity with the meetings"
            )
            out.append(
                PendingDiagnostic(
                    path,
                    "LJ220",
                    f"`{a.id}` repeats the prompts of `{first}`",
                    Severity.WARNING,
                    hint=f"write the reflection once, with {after}: it then follows every meeting",
                )
            )
    return out
