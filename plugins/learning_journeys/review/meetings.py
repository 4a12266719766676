"""Meetings per cohort before → after: the real dates learners see, in the journey's language.

Only activities, cohorts and groups on both sides are compared: the meetings of an activity
that is added or removed are implied by it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from learning_journeys.model.journey import Cohort, Journey
from learning_journeys.model.schedule import ScheduledSession, cohort_sessions
from learning_journeys.review.changes import MeetingChange
from learning_journeys.review.dates import day_text
from learning_journeys.review.wording import Words

_Key = tuple[str | None, str, str]  # group, activity, meeting


@dataclass(frozen=True)
class _Moment:
    day: date | None
    start: str | None
    end: str | None
    location: str | None
    cancelled: bool
    iso: str | None  # when it starts, for tools


def _moment(s: ScheduledSession) -> _Moment:
    return _Moment(
        s.day,
        s.start.strftime("%H:%M") if s.start else None,
        s.end.strftime("%H:%M") if s.end else None,
        s.location,
        s.cancelled,
        s.start.isoformat() if s.start else s.day.isoformat() if s.day else None,
    )


def meeting_changes(
    before: Journey, after: Journey, renames: dict[str, str], common: set[str], words: Words
) -> tuple[MeetingChange, ...]:
    """Every meeting of a cohort on both sides that moved, was added, removed or cancelled."""
    old_cohorts = {c.id: c for c in before.cohorts}
    out: list[MeetingChange] = []
    for cohort in after.cohorts:
        if cohort.id in old_cohorts:
            out += _cohort(before, after, old_cohorts[cohort.id], cohort, renames, common, words)
    return tuple(out)


def _cohort(
    before: Journey,
    after: Journey,
    old: Cohort,
    new: Cohort,
    renames: dict[str, str],
    common: set[str],
    words: Words,
) -> list[MeetingChange]:
    groups = {g.id for g in old.groups} & {g.id for g in new.groups}
    was = _meetings(before, old, renames, common, groups)
    now = _meetings(after, new, {}, common, groups)
    out = []
    language = after.language
    for key in [*now, *(k for k in was if k not in now)]:
        b, a = was.get(key), now.get(key)
        if b == a:
            continue
        kind = "changed" if b and a else ("added" if a else "removed")
        texts = _texts(b, a, language, words)
        starts = (b.iso if b else None, a.iso if a else None)
        out.append(MeetingChange(new.id, key[0], key[1], key[2], kind, *texts, *starts))  # type: ignore[arg-type]
    return out


def _meetings(
    journey: Journey, cohort: Cohort, renames: dict[str, str], common: set[str], groups: set[str]
) -> dict[_Key, _Moment]:
    out = {}
    for s in cohort_sessions(journey, cohort):
        activity = renames.get(s.activity.id, s.activity.id)
        group = s.group.id if s.group else None
        if activity in common and (group is None or group in groups):
            out[(group, activity, s.meeting_id)] = _moment(s)
    return out


def _texts(
    b: _Moment | None, a: _Moment | None, language: str | None, words: Words
) -> tuple[str | None, str | None]:
    """Both sides in the same words, with only what tells them apart beyond date and time:
    the year when it differs, the place when it changed."""
    years = {m.day.year for m in (b, a) if m is not None and m.day is not None}
    with_year = len(years) > 1 or b is None or a is None
    with_place = b is not None and a is not None and b.location != a.location
    return (
        _text(b, language, with_year, with_place, words) if b else None,
        _text(a, language, with_year, with_place, words) if a else None,
    )


def _text(m: _Moment, language: str | None, with_year: bool, with_place: bool, words: Words) -> str:
    """Weekday and month in the journey's own language, the rest in the plan's."""
    parts = [day_text(m.day, language, with_year) if m.day else words("no_date")]
    if m.start:
        parts.append(m.start + (f"–{m.end}" if m.end else ""))
    if with_place:
        parts.append(m.location or words("no_place"))
    if m.cancelled:
        parts.append(words("cancelled"))
    return " ".join(parts)
