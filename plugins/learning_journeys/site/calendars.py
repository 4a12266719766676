"""iCalendar files for dated sessions, built with the icalendar library.

One ``.ics`` per session and one per cohort, with stable UIDs (journey,
cohort and session ids) so that re-importing updates events instead of
duplicating them, and times in the cohort's own time zone.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone
from functools import cache

from icalendar import Calendar, Event, Timezone

from learning_journeys.model.journey import Journey
from learning_journeys.site.labels import labels_for
from learning_journeys.site.schedule import ScheduledSession, cohort_sessions

PRODID = "-//mkdocs-learning-journeys//EN"


def _one_line(text: str) -> str:
    """Author text for a one-line property: line breaks (CR, LF, U+2028) become spaces."""
    return " ".join(text.split())


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _one_line(name))
    return cal


@cache
def _vtimezone(tzid: str) -> Timezone:
    """The VTIMEZONE component of a zone, computed once per build process."""
    return Timezone.from_tzid(tzid)


def _event(journey: Journey, s: ScheduledSession, stamp: datetime) -> Event | None:
    if s.day is None:
        return None
    event = Event()
    event.add("uid", s.uid)
    event.add("dtstamp", stamp)
    title = s.activity.title if not s.title else f"{s.activity.title}: {s.title}"
    event.add("summary", _one_line(f"{title} ({journey.title})"))
    if s.start is not None:
        event.add("dtstart", s.start)
        event.add("dtend", s.end if s.end is not None else s.start + timedelta(hours=1))
    else:
        event.add("dtstart", s.day)
        event.add("dtend", s.day + timedelta(days=1))
    if s.location:
        event.add("location", _one_line(s.location))
    if s.url:
        event.add("url", s.url)
    facilitator = labels_for(journey.language, None)("facilitator")
    details = [
        _one_line(line) for line in (s.facilitator and f"{facilitator}: {s.facilitator}", s.url) if line
    ]
    if details:
        event.add("description", "\n".join(details))
    return event


def session_calendar(journey: Journey, sessions: Iterable[ScheduledSession], name: str) -> bytes:
    """An .ics file with ``sessions`` (those without a date are left out)."""
    cal = _calendar(name)
    # A fixed stamp keeps rebuilds byte-identical: the cohort's design is the source of truth.
    stamp = datetime(2000, 1, 1, tzinfo=timezone.utc)
    zones: set[str] = set()
    events = []
    for s in sessions:
        event = _event(journey, s, stamp)
        if event is not None:
            events.append(event)
            if s.start is not None and s.start.tzinfo is not None:
                zones.add(str(s.start.tzinfo))
    for tzid in sorted(zones):
        cal.add_component(_vtimezone(tzid))
    for event in events:
        cal.add_component(event)
    return cal.to_ical()


def calendar_uri(
    prefix: str, journey_id: str, cohort_id: str, meeting_id: str | None = None, group_id: str | None = None
) -> str:
    """``calendar/COHORT.ics`` for a cohort, ``calendar/COHORT/MEETING.ics`` for one meeting
    (``calendar/COHORT/GROUP/MEETING.ics`` for a group's).

    A folder per cohort: joined with a hyphen, cohort `a-s1` and cohort `a`'s session `s1`
    would share one name.
    """
    if meeting_id is None:
        parts: tuple[str, ...] = (cohort_id + ".ics",)
    else:
        parts = (cohort_id, *((group_id,) if group_id else ()), meeting_id + ".ics")
    return posixpath.join(*(p for p in (prefix.strip("/"), journey_id, "calendar", *parts) if p))


def calendar_files(journeys: Iterable[Journey], prefix: str) -> Iterator[tuple[str, bytes]]:
    """(site path, content) of every calendar file of every journey."""
    for journey in journeys:
        for cohort in journey.cohorts:
            sessions = [s for s in cohort_sessions(journey, cohort) if s.day is not None]
            if not sessions:
                continue
            name = f"{journey.title} – {cohort.title or cohort.id}"
            yield calendar_uri(prefix, journey.id, cohort.id), session_calendar(journey, sessions, name)
            for s in sessions:
                yield (
                    calendar_uri(
                        prefix, journey.id, cohort.id, s.meeting_id, s.group.id if s.group else None
                    ),
                    session_calendar(journey, [s], name),
                )
