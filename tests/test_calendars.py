"""Calendar files of a year-long journey, read back with a recurrence library as a calendar
app would: every meeting of a series and of a group, cancelled and moved meetings, local
times across daylight-saving changes, a call fixed in another zone, stamps and names."""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

import pytest
import recurring_ical_events
from icalendar import Calendar
from learning_journeys.site.calendars import calendar_files, calendar_stamp, calendar_uri, sequence_of
from learning_journeys.site.pages import build_site
from learning_journeys.validation.loading import load_journeys
from schedule_helpers import build_year


@pytest.fixture(scope="module")
def calendars(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        site = build_year(tmp_path_factory.mktemp("year"), mp)
    return site / "journeys/year-programme/calendar"


def _read(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def _events(path: Path) -> list[Any]:
    """Every event of a year and a half, as a calendar app expands them."""
    return list(recurring_ical_events.of(_read(path)).between(date(2026, 1, 1), date(2028, 12, 31)))


def _by_uid(path: Path) -> dict[str, Any]:
    events = _events(path)
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids)), "one event per meeting, each with its own UID"
    return dict(zip(uids, events, strict=True))


def _uid(meeting: str, cohort: str = "ams", group: str | None = None) -> str:
    return f"year-programme.{cohort}.{group + '.' if group else ''}{meeting}@learning-journeys"


def test_every_meeting_of_a_series_and_of_each_group_is_an_event(calendars: Path) -> None:
    events = _by_uid(calendars / "ams.ics")
    for group in ("a", "b", "c"):
        assert {_uid(f"ivs-{n}", group=group) for n in range(1, 9)} <= set(events)
    assert {_uid(f"coach-{n}") for n in range(1, 13)} <= set(events)
    assert {_uid(f"call-{n}") for n in range(1, 11)} <= set(events)
    assert len(events) == 3 * 8 + 12 + 10
    # Every six weeks from day 3 of week 1; group B a day later.
    first, second = events[_uid("ivs-1", group="a")], events[_uid("ivs-2", group="a")]
    assert first["DTSTART"].dt == datetime(2027, 3, 3, 14, 0, tzinfo=first["DTSTART"].dt.tzinfo)
    assert second["DTSTART"].dt.date() == date(2027, 4, 14)
    assert events[_uid("ivs-1", group="b")]["DTSTART"].dt.date() == date(2027, 3, 4)
    # A group's own time and link.
    c1 = events[_uid("ivs-1", group="c")]
    assert c1["DTSTART"].dt.time() == time(10, 0) and str(c1["URL"]) == "https://meet.example.com/c"
    assert str(events[_uid("ivs-1", group="b")]["LOCATION"]) == "Room B"


def test_a_group_calendar_has_the_plenary_meetings_and_only_that_group(calendars: Path) -> None:
    events = _by_uid(calendars / "ams.b.ics")
    assert {uid for uid in events if ".ivs-" in uid} == {_uid(f"ivs-{n}", group="b") for n in range(1, 9)}
    assert _uid("coach-1") in events and _uid("call-1") in events
    assert len(events) == 8 + 12 + 10


def test_a_cancelled_meeting_is_published_as_cancelled(calendars: Path) -> None:
    cancelled = _read(calendars / "ams/c/ivs-2.ics").walk("VEVENT")
    assert len(cancelled) == 1 and str(cancelled[0]["STATUS"]) == "CANCELLED"
    whole = {str(e["UID"]): e for e in _read(calendars / "ams.ics").walk("VEVENT")}
    assert str(whole[_uid("ivs-2", group="c")]["STATUS"]) == "CANCELLED"
    assert str(whole[_uid("ivs-2", group="a")]["STATUS"]) == "CONFIRMED"


def test_a_moved_meeting_keeps_its_uid_at_its_new_date(calendars: Path) -> None:
    events = _by_uid(calendars / "ams.ics")
    moved = events[_uid("coach-3")]
    assert moved["DTSTART"].dt.date() == date(2027, 5, 4) and moved["DTSTART"].dt.hour == 13
    assert events[_uid("coach-4")]["DTSTART"].dt.date() == date(2027, 6, 2)  # the series goes on


def test_local_times_stay_local_across_a_daylight_saving_change(calendars: Path) -> None:
    events = _by_uid(calendars / "ams.ics")
    before, after = events[_uid("coach-1")]["DTSTART"].dt, events[_uid("coach-2")]["DTSTART"].dt
    assert (before.date(), after.date()) == (date(2027, 3, 10), date(2027, 4, 7))  # EU change: 28 March
    assert before.hour == after.hour == 9
    assert before.utcoffset() != after.utcoffset()


def test_a_call_fixed_in_amsterdam_shows_new_york_time(calendars: Path) -> None:
    """16:00 in Amsterdam is 10:00 in New York, but 11:00 between the US change (14 March 2027)
    and the European one (28 March)."""
    events = _by_uid(calendars / "nyc.ics")
    hours = {}
    for n in range(1, 6):
        start = events[_uid(f"call-{n}", cohort="nyc")]["DTSTART"].dt
        assert str(start.tzinfo) in ("America/New_York", "EST", "EDT") or "New_York" in str(start.tzinfo)
        hours[start.date()] = start.hour
        utc = start.astimezone(timezone.utc)
        assert utc.hour == (15 if date(2027, 3, 1) <= start.date() < date(2027, 3, 28) else 14)
    assert hours == {
        date(2027, 3, 1): 10,
        date(2027, 3, 8): 10,
        date(2027, 3, 15): 11,
        date(2027, 3, 22): 11,
        date(2027, 3, 29): 10,
    }
    raw = (calendars / "nyc.ics").read_text(encoding="utf-8")
    assert "TZID:America/New_York" in raw


def test_stamp_and_sequence_come_from_source_date_epoch(calendars: Path) -> None:
    event = _read(calendars / "ams/coach-1.ics").walk("VEVENT")[0]
    stamp = datetime(2027, 1, 15, 8, 0, tzinfo=timezone.utc)
    assert event["DTSTAMP"].dt == stamp
    assert int(event["SEQUENCE"]) == sequence_of(stamp) > 0


def test_a_later_build_has_a_higher_sequence() -> None:
    early = calendar_stamp({"SOURCE_DATE_EPOCH": "1800000000"})
    later = calendar_stamp({"SOURCE_DATE_EPOCH": "1800000060"})
    assert sequence_of(later) == sequence_of(early) + 1
    now = calendar_stamp({})
    assert now.tzinfo is not None and sequence_of(now) > sequence_of(
        datetime(2026, 1, 1, tzinfo=timezone.utc)
    )
    assert calendar_stamp({"SOURCE_DATE_EPOCH": "not a number"}).year >= 2026


def test_rebuilds_with_the_same_stamp_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_year(tmp_path / "one", monkeypatch) / "journeys/year-programme/calendar"
    second = build_year(tmp_path / "two", monkeypatch) / "journeys/year-programme/calendar"
    names = sorted(p.relative_to(first) for p in first.rglob("*.ics"))
    assert names == sorted(p.relative_to(second) for p in second.rglob("*.ics"))
    assert all((first / n).read_bytes() == (second / n).read_bytes() for n in names)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a group named like a meeting, a group named "groups", a cohort named like cohort + group
        (("c", None, "g1"), ("c", "g1", None)),
        (("c", "groups", None), ("c", "groups", "g1")),
        (("c-g", None, None), ("c", "g", None)),
        (("c", None, "ivs-1"), ("c", "ivs-1", None)),
        (("c", "g", "m"), ("c", None, "g")),
    ],
)
def test_calendar_names_never_collide(
    a: tuple[str, str | None, str | None], b: tuple[str, str | None, str | None]
) -> None:
    def uri(cohort: str, group: str | None, meeting: str | None) -> str:
        return calendar_uri("journeys", "j", cohort, meeting, group)

    first, second = uri(*a), uri(*b)
    assert first != second
    assert not second.startswith(first.removesuffix(".ics") + ".ics/")
    assert not first.startswith(second.removesuffix(".ics") + ".ics/")


def test_group_calendars_never_share_a_name_with_a_meeting(calendars: Path) -> None:
    files = sorted(p.relative_to(calendars).as_posix() for p in calendars.rglob("*.ics"))
    assert "ams.a.ics" in files and "ams/a/ivs-1.ics" in files and "ams/coach-1.ics" in files
    assert len(files) == len(set(files)) == 4 + 3 * 8 + 12 + 10 + 1 + 8 + 12 + 10


def test_the_time_zone_in_a_file_covers_its_meetings_years_and_gives_their_offsets(calendars: Path) -> None:
    """A calendar app that reads the file's own VTIMEZONE (not the zone's name) gets every
    meeting's offset right; the VTIMEZONE holds the meetings' years only, not 1970 to 2038."""
    calendar = _read(calendars / "ams.ics")
    (zone,) = calendar.walk("VTIMEZONE")
    from_file = zone.to_tz()
    starts = [e["DTSTART"].dt for e in calendar.walk("VEVENT") if isinstance(e["DTSTART"].dt, datetime)]
    assert starts
    for start in starts:
        local = start.replace(tzinfo=None)
        assert local.replace(tzinfo=from_file).utcoffset() == start.utcoffset(), start
    first_rule = min(c["DTSTART"].dt for c in zone.walk() if c.name in ("STANDARD", "DAYLIGHT"))
    assert first_rule.year >= min(s.year for s in starts)
    assert len(zone.to_ical().splitlines()) < 40


_ONE_GROUP_DATED = """\
id: one-group
title: One group dated
language: en
status: published
phases:
  pre: {activities: []}
  post: {activities: []}
  learn:
    activities:
      - id: ivs
        title: Intervision
        type: intervision
        duration: 2h
        per_group: true
        sessions:
          - {id: meet, start: "10:00", end: "12:00"}
cohorts:
  - id: ams
    start: "2027-03-01"
    groups:
      - {id: a}
      - id: b
        sessions:
          meet: {date: "2027-03-10"}
"""


def test_a_group_without_a_dated_meeting_gets_no_calendar_and_no_link(tmp_path: Path) -> None:
    """A session without a day, dated for one group only: the other group has nothing to put in
    a calendar, so neither an empty file nor a link to one (found by fuzzing)."""
    (tmp_path / "one-group.yaml").write_text(_ONE_GROUP_DATED, encoding="utf-8")
    result = load_journeys([tmp_path], base=tmp_path)
    assert not result.errors, result.errors
    files = dict(calendar_files(result.journeys, ""))
    assert sorted(files) == [
        "one-group/calendar/ams.b.ics",
        "one-group/calendar/ams.ics",
        "one-group/calendar/ams/b/meet.ics",
    ]
    assert all(Calendar.from_ical(content).walk("VEVENT") for content in files.values())
    agenda = {p.uri: p.markdown for p in build_site(result.journeys).pages}["journeys/one-group/agenda/ams.md"]
    assert "calendar/ams.b.ics" in agenda and "calendar/ams.a.ics" not in agenda
