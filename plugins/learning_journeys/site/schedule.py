"""Turning a design's relative timings into real dates per cohort.

A session says "day 3, 09:00" (or "week 2, day 1"); a cohort says "starts on
2027-03-01 in Europe/Amsterdam" and may override a session's date, times,
place or facilitator. The result is what a learner's agenda and calendar need.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from learning_journeys.model.journey import Activity, Cohort, Journey, Phase, Session


@dataclass(frozen=True)
class ScheduledSession:
    """One session of one cohort, with its real date and place."""

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

    @property
    def uid(self) -> str:
        """Stable across rebuilds: journey, cohort and session ids only."""
        return f"{self.journey_id}.{self.cohort_id}.{self.session.id}@learning-journeys"


def session_day(cohort_start: date, activity: Activity, session: Session) -> date | None:
    """The date of a session from its day (and the activity's week), or None when not planned."""
    if session.day is None:
        if activity.week is None:
            return None
        return cohort_start + timedelta(weeks=activity.week - 1)
    if activity.week is not None:
        return cohort_start + timedelta(weeks=activity.week - 1, days=session.day - 1)
    return cohort_start + timedelta(days=session.day - 1)


def _at(day: date | None, hhmm: str | None, zone: ZoneInfo) -> datetime | None:
    if day is None or not hhmm:
        return None
    hours, minutes = (int(x) for x in hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=zone)


def cohort_sessions(journey: Journey, cohort: Cohort) -> list[ScheduledSession]:
    """Every session of the journey for one cohort, in journey order."""
    zone = ZoneInfo(cohort.timezone)
    start = date.fromisoformat(cohort.start)
    out = []
    for phase, activity in journey.activities():
        for session in activity.sessions:
            override = cohort.override_for(session.id)
            day = session_day(start, activity, session)
            if override and override.date:
                day = date.fromisoformat(override.date)
            start_time = (override.start if override and override.start else None) or session.start
            end_time = (override.end if override and override.end else None) or session.end
            out.append(
                ScheduledSession(
                    journey_id=journey.id,
                    cohort_id=cohort.id,
                    phase=phase,
                    activity=activity,
                    session=session,
                    day=day,
                    start=_at(day, start_time, zone),
                    end=_at(day, end_time, zone),
                    location=(override.location if override else None) or session.location,
                    url=(override.url if override else None) or session.url,
                    facilitator=(override.facilitator if override else None)
                    or session.facilitator
                    or activity.leader,
                    title=(override.title if override else None) or session.title,
                )
            )
    return out
