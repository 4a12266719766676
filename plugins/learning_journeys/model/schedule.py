"""Turning a design's relative timings into real dates per cohort (and group).

A session says "day 3, 09:00" (or "week 2, day 1", or "every six weeks, eight
times"); a cohort says "starts on 2027-03-01 in Europe/Amsterdam" and may move,
re-place or cancel a meeting; a group within the cohort may meet a day later, in
its own room, with its own facilitator. The result is what a learner's agenda
and calendar need: one :class:`ScheduledSession` per meeting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from learning_journeys.model.journey import (
    Activity,
    Cohort,
    Group,
    Journey,
    Occurrence,
    Phase,
    Session,
    SessionOverride,
)


@dataclass(frozen=True)
class ScheduledSession:
    """One meeting of one cohort (and group), with its real date and place."""

    journey_id: str
    cohort_id: str
    phase: Phase
    activity: Activity
    session: Session
    day: date | None
    start: datetime | None
    end: datetime | None
    location: str | None
    url: str | None
    facilitator: str | None
    title: str | None = None
    occurrence: Occurrence | None = None
    group: Group | None = None
    cancelled: bool = False
    moved: bool = False  # a cohort or group changed the design's date or time

    @property
    def meeting_id(self) -> str:
        """The meeting's id: the session's, or `SERIES-N` for a meeting of a series."""
        return self.occurrence.id if self.occurrence else self.session.id

    @property
    def uid(self) -> str:
        """Stable across rebuilds: journey, cohort, group and meeting ids only."""
        group = f"{self.group.id}." if self.group else ""
        return f"{self.journey_id}.{self.cohort_id}.{group}{self.meeting_id}@learning-journeys"


def session_day(cohort_start: date, activity: Activity, day: int | None) -> date | None:
    """The date of a meeting from its day (and the activity's week), or None when not planned."""
    if day is None:
        if activity.week is None:
            return None
        return cohort_start + timedelta(weeks=activity.week - 1)
    if activity.week is not None:
        return cohort_start + timedelta(weeks=activity.week - 1, days=day - 1)
    return cohort_start + timedelta(days=day - 1)


def _at(day: date | None, hhmm: str | None, zone: ZoneInfo, shown_in: ZoneInfo) -> datetime | None:
    """The clock time ``hhmm`` of ``zone`` on ``day``, as the time of ``shown_in``."""
    if day is None or not hhmm:
        return None
    hours, minutes = (int(x) for x in hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=zone).astimezone(shown_in)


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


@dataclass(frozen=True)
class _Changes:
    """The overrides that apply to one meeting, most specific first."""

    layers: tuple[SessionOverride, ...]

    @classmethod
    def of(cls, cohort: Cohort, group: Group | None, occurrence: Occurrence) -> _Changes:
        ids = [occurrence.id] if occurrence.id == occurrence.series else [occurrence.id, occurrence.series]
        found = []
        for holder in ((group,) if group else ()) + (cohort,):
            found += [o for sid in ids if (o := holder.override_for(sid)) is not None]  # type: ignore[union-attr]
        return cls(tuple(found))

    def get(self, name: str) -> str | None:
        return _first(*(getattr(o, name) for o in self.layers))

    @property
    def cancelled(self) -> bool:
        return any(o.cancelled for o in self.layers)


def _meeting(
    journey: Journey,
    cohort: Cohort,
    phase: Phase,
    activity: Activity,
    session: Session,
    occurrence: Occurrence,
    group: Group | None,
) -> ScheduledSession:
    shown_in = ZoneInfo(cohort.timezone)
    clock_zone = ZoneInfo(session.timezone) if session.timezone else shown_in
    changes = _Changes.of(cohort, group, occurrence)
    day = session_day(cohort.start_date, activity, occurrence.day)
    if day is not None and group is not None:
        day += timedelta(days=group.shift_days)
    moved_date = changes.get("date")
    if moved_date:
        day = date.fromisoformat(moved_date)
    start = _first(changes.get("start"), group.start if group else None, session.start)
    end = _first(changes.get("end"), group.end if group else None, session.end)
    leader = group.facilitator if group else None
    starts = _at(day, start, clock_zone, shown_in)
    return ScheduledSession(
        journey_id=journey.id,
        cohort_id=cohort.id,
        phase=phase,
        activity=activity,
        session=session,
        day=starts.date() if starts else day,  # a call fixed in another zone may fall on another date
        start=starts,
        end=_at(day, end, clock_zone, shown_in),
        location=_first(changes.get("location"), group.location if group else None, session.location),
        url=_first(changes.get("url"), group.url if group else None, session.url),
        facilitator=_first(changes.get("facilitator"), leader, session.facilitator, activity.leader),
        title=_first(changes.get("title"), session.title),
        occurrence=occurrence if occurrence.number is not None else None,
        group=group,
        cancelled=changes.cancelled,
        moved=bool(moved_date or changes.get("start") or changes.get("end")),
    )


def may_meet_before(journey: Journey, cohort: Cohort, day: date) -> bool:
    """Whether any meeting of ``cohort`` may fall before ``day``: a bound found without expanding
    any series, so that a check of past dates expands them only for a cohort that may have one."""
    # A group may meet days earlier; a clock time in another zone can move a date by two days.
    margin = timedelta(days=2 - min((0, *(g.shift_days for g in cohort.groups))))
    try:
        latest_safe = day + margin
        for _phase, activity in journey.activities():
            for session in activity.sessions:
                first = session.day if session.repeat is None else (session.day or 1)
                planned = session_day(cohort.start_date, activity, first)
                if planned is not None and planned < latest_safe:
                    return True
        overrides = (*cohort.sessions, *(o for g in cohort.groups for o in g.sessions))
        return any(o.date and date.fromisoformat(o.date) < latest_safe for _sid, o in overrides)
    except (OverflowError, ValueError):
        return True


def cohort_sessions(journey: Journey, cohort: Cohort) -> list[ScheduledSession]:
    """Every meeting of the journey for one cohort, in journey order: per group where the activity
    meets per group, each series expanded into its meetings."""
    out = []
    for phase, activity in journey.activities():
        groups: tuple[Group | None, ...] = (None,)
        if activity.per_group and cohort.groups:
            groups = cohort.groups
        for session in activity.sessions:
            for group in groups:
                for occurrence in session.occurrences():
                    out.append(_meeting(journey, cohort, phase, activity, session, occurrence, group))
    return out
