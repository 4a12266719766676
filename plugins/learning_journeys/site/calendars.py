"""iCalendar files for dated meetings, built with the icalendar library.

One ``.ics`` per meeting (every meeting of a series, per group where the
activity meets per group), one per cohort with all its meetings, and one per
group of a cohort with the cohort's plenary meetings and that group's: what a
learner in that group imports. Every meeting is its own event with a stable UID
(journey, cohort, group and meeting ids), so re-importing updates events instead
of duplicating them; times are in the cohort's own time zone.

A cancelled meeting stays in the files with ``STATUS:CANCELLED``, so that a
calendar app that imported it removes it. ``DTSTAMP`` is the build's stamp
(``SOURCE_DATE_EPOCH`` when set, as reproducible builds do, else the build time),
and ``SEQUENCE`` grows with it, so a calendar app takes a rebuilt, rescheduled
meeting as the newer version of the event.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, timedelta, timezone
from functools import cache

from icalendar import Calendar, Event, Timezone

from learning_journeys.model.journey import Cohort, Group, Journey
from learning_journeys.model.schedule import ScheduledSession, cohort_sessions
from learning_journeys.site.labels import labels_for

PRODID = "-//mkdocs-learning-journeys//EN"
_SEQUENCE_EPOCH = datetime(2020, 1, 1, tzinfo=timezone.utc)


def calendar_stamp(environ: Mapping[str, str] | None = None) -> datetime:
    """The stamp of this build: ``SOURCE_DATE_EPOCH`` (seconds, UTC) when set, else now."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


def sequence_of(stamp: datetime) -> int:
    """The event revision for a build at ``stamp``: minutes since 2020, so a later build is newer."""
    return max(0, int((stamp - _SEQUENCE_EPOCH).total_seconds()) // 60)


def _one_line(text: str) -> str:
    """Author text for a one-line property: line breaks (CR, LF, U+2028) become spaces."""
    return " ".join(text.split())


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _one_line(name))
    return cal


def _vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE component of a zone for the years of a calendar's meetings, within the
    library's default range (1970 to 2038): that whole range would be most of every meeting's file."""
    first = min(max(first_year, 1970), 2037)
    return _vtimezone_for(tzid, first, min(max(last_year + 1, first + 1), 2038))


@cache
def _vtimezone_for(tzid: str, first_year: int, end_year: int) -> Timezone:
    """Computed once per build process."""
    return Timezone.from_tzid(tzid, first_date=date(first_year, 1, 1), last_date=date(end_year, 1, 1))


def _summary(journey: Journey, s: ScheduledSession) -> str:
    title = s.activity.title if not s.title else f"{s.activity.title}: {s.title}"
    if s.occurrence is not None and s.occurrence.number is not None:
        title += f" {s.occurrence.number}/{len(s.session.occurrences())}"
    if s.group is not None:
        title += f" · {s.group.title or s.group.id}"
    return _one_line(f"{title} ({journey.title})")


def _event(journey: Journey, s: ScheduledSession, stamp: datetime) -> Event | None:
    if s.day is None:
        return None
    event = Event()
    event.add("uid", s.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", sequence_of(stamp))
    event.add("summary", _summary(journey, s))
    if s.start is not None:
        event.add("dtstart", s.start)
        event.add("dtend", s.end if s.end is not None and s.end > s.start else s.start + timedelta(hours=1))
    else:
        event.add("dtstart", s.day)
        event.add("dtend", s.day + timedelta(days=1))
    event.add("status", "CANCELLED" if s.cancelled else "CONFIRMED")
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


def session_calendar(
    journey: Journey, sessions: Iterable[ScheduledSession], name: str, stamp: datetime | None = None
) -> bytes:
    """An .ics file with ``sessions`` (those without a date are left out)."""
    stamp = stamp or calendar_stamp()
    cal = _calendar(name)
    zones: set[str] = set()
    events = []
    years: list[int] = []
    for s in sessions:
        event = _event(journey, s, stamp)
        if event is not None:
            events.append(event)
            if s.start is not None and s.start.tzinfo is not None:
                zones.add(str(s.start.tzinfo))
                years.append(s.start.year)
    for tzid in sorted(zones):
        cal.add_component(_vtimezone(tzid, min(years), max(years)))
    for event in events:
        cal.add_component(event)
    return cal.to_ical()


def calendar_uri(
    prefix: str,
    journey_id: str,
    cohort_id: str,
    meeting_id: str | None = None,
    group_id: str | None = None,
) -> str:
    """Where a calendar file lives, under ``JOURNEY/calendar/``:

    - ``COHORT.ics``: every meeting of a cohort;
    - ``COHORT.GROUP.ics``: a group's calendar (the cohort's plenary meetings and the group's);
    - ``COHORT/MEETING.ics``: one meeting; ``COHORT/GROUP/MEETING.ics``: one meeting of a group.

    Ids are slugs, without dots: a name with two dots is never a cohort's or a meeting's,
    and a folder per cohort keeps cohort `a-s1` apart from cohort `a`'s session `s1`.
    """
    if meeting_id is None:
        parts: tuple[str, ...] = (".".join((cohort_id, *((group_id,) if group_id else ()), "ics")),)
    else:
        parts = (cohort_id, *((group_id,) if group_id else ()), meeting_id + ".ics")
    return posixpath.join(*(p for p in (prefix.strip("/"), journey_id, "calendar", *parts) if p))


def group_sessions(sessions: Iterable[ScheduledSession], group: Group) -> list[ScheduledSession]:
    """What a learner in ``group`` attends: the plenary meetings and their own group's."""
    return [s for s in sessions if s.group is None or s.group.id == group.id]


def groups_with_meetings(sessions: Iterable[ScheduledSession], groups: Iterable[Group]) -> list[Group]:
    """The groups that get a calendar: those with a dated meeting, their own or a plenary one.

    A session without a day may be dated for one group only (a group's own `date`); the other
    groups then have nothing to put in a calendar, and get neither the file nor its link.
    """
    dated = [s for s in sessions if s.day is not None]
    return [g for g in groups if group_sessions(dated, g)]


def _cohort_name(journey: Journey, cohort: Cohort, group: Group | None = None) -> str:
    name = f"{journey.title} – {cohort.title or cohort.id}"
    return f"{name} – {group.title or group.id}" if group is not None else name


def calendar_files(
    journeys: Iterable[Journey], prefix: str, stamp: datetime | None = None
) -> Iterator[tuple[str, bytes]]:
    """(site path, content) of every calendar file of every journey, stamped with ``stamp``
    (default: :func:`calendar_stamp`)."""
    stamp = stamp or calendar_stamp()
    for journey in journeys:
        for cohort in journey.cohorts:
            sessions = [s for s in cohort_sessions(journey, cohort) if s.day is not None]
            if not sessions:
                continue
            name = _cohort_name(journey, cohort)
            yield (
                calendar_uri(prefix, journey.id, cohort.id),
                session_calendar(journey, sessions, name, stamp),
            )
            for group in groups_with_meetings(sessions, cohort.groups):
                yield (
                    calendar_uri(prefix, journey.id, cohort.id, None, group.id),
                    session_calendar(
                        journey, group_sessions(sessions, group), _cohort_name(journey, cohort, group), stamp
                    ),
                )
            for s in sessions:
                yield (
                    calendar_uri(
                        prefix, journey.id, cohort.id, s.meeting_id, s.group.id if s.group else None
                    ),
                    session_calendar(journey, [s], name, stamp),
                )
