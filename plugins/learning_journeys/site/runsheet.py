"""The facilitator's run sheet of a workshop or intervision: what an outside facilitator who
comes for one or two meetings needs on one printable page.

Per cohort the meetings (date, time, place or link, group, leader), the agenda with clock
times counted from each meeting's real start, the pre-work to check and the reflection
prompts that follow. Plain data: the template lays it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from learning_journeys.model.journey import Activity, AgendaItem, Journey, Phase, Reflection, Session
from learning_journeys.model.schedule import ScheduledSession

# The activity types that get a run sheet: those a facilitator leads in meetings.
RUN_SHEET_TYPES = ("workshop", "intervision")


def has_run_sheet(activity: Activity) -> bool:
    return activity.type in RUN_SHEET_TYPES


@dataclass(frozen=True)
class AgendaRow:
    """One agenda item at its clock time for one meeting (None: the design gives no time)."""

    clock: str | None
    minutes: int | None
    topic: str


@dataclass(frozen=True)
class MeetingAgenda:
    """The agenda of one or more meetings that start at the same clock time."""

    meetings: tuple[ScheduledSession, ...]
    rows: tuple[AgendaRow, ...]


def _minutes_of(hhmm: str) -> int:
    hours, minutes = (int(x) for x in hhmm.split(":"))
    return hours * 60 + minutes


def _clock(minutes: int) -> str:
    minutes %= 24 * 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def items_for(activity: Activity, session_id: str | None) -> tuple[AgendaItem, ...]:
    """The agenda items of one session: those tied to it and those tied to none."""
    agenda: Sequence[AgendaItem] = getattr(activity, "agenda", ())
    return tuple(i for i in agenda if i.session is None or i.session == session_id)


def agenda_rows(items: Sequence[AgendaItem], design_start: str | None, start: str | None) -> tuple[AgendaRow, ...]:
    """Clock times for ``items`` in a meeting that starts at ``start`` (HH:MM) where the design
    said ``design_start``: a designed time moves with the meeting, an item with only a length
    follows the one before it."""
    real = _minutes_of(start) if start else None
    designed = _minutes_of(design_start) if design_start else None
    if designed is None:  # the design's first time stands for the meeting's start
        designed = next((_minutes_of(i.time) for i in items if i.time), None)
    cursor: int | None = real if real is not None else designed
    rows = []
    for item in items:
        at: int | None
        if item.time is not None:
            at = _minutes_of(item.time)
            if real is not None and designed is not None:
                at += real - designed
        else:
            at = cursor
        rows.append(AgendaRow(_clock(at) if at is not None else None, item.minutes, item.topic))
        cursor = at + item.minutes if at is not None and item.minutes else None
    return tuple(rows)


def _hhmm(moment: datetime | None) -> str | None:
    return moment.strftime("%H:%M") if moment is not None else None


def meeting_agendas(activity: Activity, meetings: Sequence[ScheduledSession]) -> list[MeetingAgenda]:
    """The agenda per meeting with its clock times; meetings with the same agenda at the same
    times (a series, groups that meet at one hour) share one."""
    if not getattr(activity, "agenda", ()):
        return []
    out: list[MeetingAgenda] = []
    index: dict[tuple[AgendaRow, ...], int] = {}
    for meeting in meetings:
        if meeting.cancelled:
            continue
        items = items_for(activity, meeting.session.id)
        if not items:
            continue
        # A meeting that starts later (a group's own time, a moved meeting, a call fixed in
        # another zone seen in the cohort's) moves its whole agenda along.
        design_start = meeting.session.start
        rows = agenda_rows(items, design_start, _hhmm(meeting.start) or design_start)
        if rows in index:
            shared = out[index[rows]]
            out[index[rows]] = MeetingAgenda((*shared.meetings, meeting), rows)
        else:
            index[rows] = len(out)
            out.append(MeetingAgenda((meeting,), rows))
    return out


def design_agenda(activity: Activity) -> list[tuple[Session | None, tuple[AgendaRow, ...]]]:
    """The agenda as designed (no cohort): per session that has items, with the design's times."""
    if not getattr(activity, "agenda", ()):
        return []
    out: list[tuple[Session | None, tuple[AgendaRow, ...]]] = []
    for session in activity.sessions:
        items = items_for(activity, session.id)
        if items:
            out.append((session, agenda_rows(items, session.start, session.start)))
    if not activity.sessions:
        out.append((None, agenda_rows(items_for(activity, None), None, None)))
    return out


def prework_to_check(journey: Journey, activity: Activity) -> list[tuple[Phase, Activity]]:
    """What learners do before it: its pre-work and prerequisites, and the pre phase before it."""
    named = set(getattr(activity, "prework", ())) | set(activity.prerequisites)
    out = []
    for phase, other in journey.activities():
        if other.id == activity.id:
            break
        if other.id in named or phase.key == "pre":
            out.append((phase, other))
    # Named ones listed later in the journey (a validation warning) still count.
    seen = {a.id for _p, a in out}
    out += [(p, a) for p, a in journey.activities() if a.id in named and a.id not in seen]
    return out


def reflections_after(journey: Journey, activity: Activity) -> list[tuple[Phase, Reflection]]:
    """The reflections that follow it: written after its meetings or requiring it; else the
    first reflection after it in the journey."""
    order = list(journey.activities())
    position = next(i for i, (_p, a) in enumerate(order) if a.id == activity.id)
    linked = [
        (p, a)
        for p, a in order
        if isinstance(a, Reflection) and (a.after == activity.id or activity.id in a.prerequisites)
    ]
    if linked:
        return linked
    following = [(p, a) for p, a in order[position + 1 :] if isinstance(a, Reflection)]
    return following[:1]


def cohort_leaders(meetings: Sequence[ScheduledSession]) -> tuple[str, ...]:
    """Who leads one cohort's meetings of an activity, each name once, in meeting order."""
    names: list[str] = []
    for meeting in meetings:
        if meeting.facilitator and not meeting.cancelled and meeting.facilitator not in names:
            names.append(meeting.facilitator)
    return tuple(names)
