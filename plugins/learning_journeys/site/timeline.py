"""When things happen: the overview's week-by-week timeline, the weeks of an activity as
dates per cohort, a cohort's agenda rows (meetings, open periods, deadlines) and what a
manager does when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from learning_journeys.model.journey import Activity, Cohort, Journey, Occurrence, Phase
from learning_journeys.model.schedule import ScheduledSession

TimelineItem = tuple[Phase, Activity, Occurrence | None]


def occurrence_week(activity: Activity, occurrence: Occurrence) -> int | None:
    """The design's week of one meeting: its day counted from the activity's week (or the start)."""
    if occurrence.day is None:
        return activity.week
    return (activity.week if activity.week is not None else 1) + (occurrence.day - 1) // 7


def timeline(journey: Journey) -> list[tuple[int | None, list[TimelineItem]]]:
    """Activities grouped by week (None: no week given), weeks ascending; an activity with a
    series of meetings is listed in the week of each of its meetings."""
    # An activity without a week stays where the designer put it: after the one before it.
    placed: list[tuple[int, int, int, int | None, Phase, Activity, Occurrence | None]] = []
    current = 0
    for order, (phase, activity) in enumerate(journey.activities()):
        if activity.week is not None:
            current = activity.week
        series = [o for o in activity.occurrences() if o.number is not None]
        if not series:
            placed.append((current, order, 0, activity.week, phase, activity, None))
            continue
        for n, occurrence in enumerate(series):
            week = occurrence_week(activity, occurrence)
            placed.append(
                (week if week is not None else current, order, n, week, phase, activity, occurrence)
            )
    placed.sort(key=lambda item: (item[0], item[1], item[2]))
    rows: list[tuple[int | None, list[TimelineItem]]] = []
    for _sort_week, _order, _n, week, phase, activity, meeting in placed:
        if rows and week is not None and rows[-1][0] == week:
            rows[-1][1].append((phase, activity, meeting))
        else:
            rows.append((week, [(phase, activity, meeting)]))
    return rows


def week_span(cohort: Cohort, week: int) -> tuple[date, date] | tuple[None, None]:
    """The first and last day of a week of the journey for ``cohort`` (week 0: the week before);
    none for a cohort at an end of the calendar (the pages say "to be announced")."""
    try:
        first = cohort.start_date + timedelta(weeks=week - 1)
        return first, first + timedelta(days=6)
    except OverflowError:
        return None, None


@dataclass(frozen=True)
class ActivityDates:
    """When an activity is on for one cohort: its week (or open period) and its deadline."""

    first: date | None  # first day of its week, or of its open period
    last: date | None  # last day of that week or period
    due: date | None  # the end of its due week

    @property
    def period(self) -> bool:
        return self.first is not None and self.last is not None


def last_week(activity: Activity) -> int | None:
    """The last week an activity is on: its `until_week`, or the week of its last meeting."""
    weeks = [w for o in activity.occurrences() if (w := occurrence_week(activity, o)) is not None]
    if activity.until_week is not None:
        weeks.append(activity.until_week)
    if activity.week is not None:
        weeks.append(activity.week)
    return max(weeks, default=None)


def activity_dates(activity: Activity, cohort: Cohort) -> ActivityDates:
    """The dates of an activity's weeks for ``cohort``: from its week to its `until_week` or
    the week of its last meeting, and the end of its `due_week`."""
    first: date | None = None
    last: date | None = None
    due: date | None = None
    if activity.week is not None:
        first, last = week_span(cohort, activity.week)
        end = last_week(activity)
        if end is not None and end != activity.week:
            last = week_span(cohort, end)[1]
    if activity.due_week is not None:
        due = week_span(cohort, activity.due_week)[1]
    return ActivityDates(first, last, due)


@dataclass(frozen=True)
class AgendaRow:
    """One row of a cohort's agenda: a meeting, an open period or a deadline."""

    kind: str  # "meeting", "open" or "due"
    day: date | None
    phase: Phase
    activity: Activity
    meeting: ScheduledSession | None = None
    until: date | None = None  # the last day of an open period


def cohort_agenda(journey: Journey, cohort: Cohort, sessions: list[ScheduledSession]) -> list[AgendaRow]:
    """A cohort's agenda in date order: every meeting (per group), every open period
    (`week`..`until_week`) and every deadline (the end of `due_week`); undated ones last."""
    rows = [AgendaRow("meeting", s.day, s.phase, s.activity, s) for s in sessions]
    for phase, activity in journey.activities():
        dates = activity_dates(activity, cohort)
        if activity.until_week is not None and dates.first is not None:
            rows.append(AgendaRow("open", dates.first, phase, activity, until=dates.last))
        if dates.due is not None:
            rows.append(AgendaRow("due", dates.due, phase, activity))
    order = {id(row): n for n, row in enumerate(rows)}

    def key(row: AgendaRow) -> tuple[bool, date, str, int]:
        start = row.meeting.start.strftime("%H:%M") if row.meeting and row.meeting.start else ""
        # On one day: an open period first, then meetings by time, a deadline last.
        rank = {"open": "", "meeting": start or "00:00", "due": "~"}[row.kind]
        return (row.day is None, row.day or date.min, rank, order[id(row)])

    return sorted(rows, key=key)


@dataclass(frozen=True)
class ManagerItem:
    """An activity in which the learner's manager has a part: a note for them, a request
    for their feedback, a portfolio to discuss with them."""

    week: int | None
    phase: Phase
    activity: Activity
    note: bool = False
    feedback: bool = False
    portfolio: bool = False


def manager_items(journey: Journey) -> list[ManagerItem]:
    """What the manager does, in week order (undated ones last, in journey order). Feedback and
    a portfolio conversation come at the end of an activity's period; a note at its start."""
    items = []
    for phase, activity in journey.activities():
        feedback = getattr(activity, "feedback", None)
        item = ManagerItem(
            activity.week,
            phase,
            activity,
            note=bool(activity.manager_note.strip()),
            feedback=feedback is not None and "manager" in feedback.sources,
            portfolio=getattr(activity, "discuss_with", None) == "manager",
        )
        if item.feedback or item.portfolio:
            week = activity.due_week or activity.until_week or activity.week
            item = ManagerItem(week, phase, activity, item.note, item.feedback, item.portfolio)
        if item.note or item.feedback or item.portfolio:
            items.append(item)
    return sorted(items, key=lambda i: (i.week is None, i.week or 0))
