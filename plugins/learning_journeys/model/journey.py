"""The journey model: typed, frozen dataclasses that the rest of the code works with.

Field meanings follow schema.org where they fit (``Course``, ``CourseInstance``,
``EducationEvent``, ``LearningResource``) so that exports are a mapping, not a
redesign: ``duration`` is ``timeRequired``, an activity's ``objectives`` are what
it ``teaches``, ``prerequisites`` are ``coursePrerequisites``, ``modality`` is
``courseMode``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from learning_journeys.model.vocabulary import DEFAULT_TIMEZONE, PHASE_KEYS, PhaseKey

__all__ = ["PHASE_KEYS", "PhaseKey"]  # re-exported: where the model's users look for them


@dataclass(frozen=True)
class Goal:
    """An organisational goal and the KPI that shows the business impact."""

    id: str
    title: str
    kpi: str | None = None
    target: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Objective:
    """A learning objective, linked to the goals it supports."""

    id: str
    title: str
    supports: tuple[str, ...] = ()
    level: str | None = None


@dataclass(frozen=True)
class EvaluationLevel:
    method: str
    when: str | None = None


@dataclass(frozen=True)
class Evaluation:
    """The Kirkpatrick levels: reaction, learning, behaviour, results."""

    reaction: EvaluationLevel | None = None
    learning: EvaluationLevel | None = None
    behaviour: EvaluationLevel | None = None
    results: EvaluationLevel | None = None

    def levels(self) -> list[tuple[str, EvaluationLevel]]:
        pairs = [
            ("reaction", self.reaction),
            ("learning", self.learning),
            ("behaviour", self.behaviour),
            ("results", self.results),
        ]
        return [(name, level) for name, level in pairs if level is not None]

    def numbered_levels(self) -> list[tuple[int, str, EvaluationLevel]]:
        """The planned levels with Kirkpatrick's own numbers (behaviour is 3 even without 2)."""
        names = ("reaction", "learning", "behaviour", "results")
        return [(names.index(name) + 1, name, level) for name, level in self.levels()]


# A series stops here whatever its `count` or `until_day` says: a year of weekly meetings fits.
MAX_OCCURRENCES = 100


@dataclass(frozen=True)
class Repeat:
    """How a session recurs: every N days, a number of times or until a day of the journey."""

    every_days: int
    count: int | None = None
    until_day: int | None = None


@dataclass(frozen=True)
class Occurrence:
    """One meeting of a session: the session itself, or the n-th of its series."""

    id: str  # the session's id, or `SERIES-N` in a series (stable: learners' progress is kept by it)
    series: str  # the session's id
    number: int | None  # 1, 2, ... in a series; None for a single meeting
    day: int | None  # as Session.day: day 1 is the first day of the activity's week, or of the journey


@dataclass(frozen=True)
class Session:
    """A meeting, timed relative to the journey start (day 1 = the cohort's start date).

    With ``repeat`` it is a series (an intervision group every six weeks); with
    ``timezone`` its clock time is fixed in that zone (one joint call for cohorts in
    Amsterdam and New York), else it is local to each cohort.
    """

    id: str
    title: str | None = None
    day: int | None = None
    start: str | None = None
    end: str | None = None
    location: str | None = None
    url: str | None = None
    facilitator: str | None = None
    repeat: Repeat | None = None
    timezone: str | None = None

    def occurrences(self) -> tuple[Occurrence, ...]:
        """The meetings of this session, with ids derived from its own."""
        if self.repeat is None:
            return (Occurrence(self.id, self.id, None, self.day),)
        first = self.day or 1
        out = []
        for n in range(MAX_OCCURRENCES):
            day = first + n * self.repeat.every_days
            if self.repeat.count is not None and n >= self.repeat.count:
                break
            if self.repeat.until_day is not None and day > self.repeat.until_day:
                break
            out.append(Occurrence(f"{self.id}-{n + 1}", self.id, n + 1, day))
        return tuple(out)


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool
    explanation: str = ""


@dataclass(frozen=True)
class Question:
    question: str
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class AgendaItem:
    """One item of a meeting's programme: a clock time as designed, or a length in minutes
    from which the facilitator's run sheet counts clock times from each meeting's real start."""

    topic: str
    time: str | None = None
    minutes: int | None = None
    session: str | None = None  # the session it belongs to; every session when None


@dataclass(frozen=True)
class Feedback:
    """Whom the learner asks for feedback (one or several), and a request to copy."""

    sources: tuple[str, ...]
    request: str | None = None

    @property
    def source(self) -> str:
        return self.sources[0]


@dataclass(frozen=True, kw_only=True)
class Activity:
    """What every activity has; each type adds its own fields in a subclass.

    ``leader`` is whoever leads it (a workshop's facilitator, a coach), and
    ``sessions`` its meetings: the same attributes for every type, so that
    schedules, calendars and pages never guess by type. Which YAML key fills
    them is the business of :mod:`learning_journeys.model.activity_types`.
    """

    id: str
    title: str
    type: str
    description: str = ""
    duration_minutes: int | None = None
    modality: str | None = None
    objectives: tuple[str, ...] = ()
    prerequisites: tuple[str, ...] = ()
    optional: bool = False
    week: int | None = None
    until_week: int | None = None
    due_week: int | None = None
    prior_learning: str | None = None
    manager_note: str = ""
    leader: str | None = None
    sessions: tuple[Session, ...] = ()
    per_group: bool = False
    ignore_lint: tuple[str, ...] = ()  # design lint codes that do not apply here on purpose

    def occurrences(self) -> tuple[Occurrence, ...]:
        """Every meeting of every session, series expanded, in design order."""
        return tuple(o for s in self.sessions for o in s.occurrences())


@dataclass(frozen=True, kw_only=True)
class MicroModule(Activity):
    content: str = ""
    content_file: str | None = None
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Workshop(Activity):
    agenda: tuple[AgendaItem, ...] = ()
    prework: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Reflection(Activity):
    prompts: tuple[str, ...] = ()
    feedback: Feedback | None = None
    after: str | None = None  # an activity with meetings: one journal entry after each


@dataclass(frozen=True, kw_only=True)
class Portfolio(Activity):
    instructions: str = ""
    evidence_for: tuple[str, ...] = ()
    discuss_with: str | None = None


@dataclass(frozen=True, kw_only=True)
class Intervision(Activity):
    method: str | None = None
    group_size: int | None = None
    agenda: tuple[AgendaItem, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Coaching(Activity):
    format: str | None = None
    booking: str = ""
    booking_url: str | None = None


@dataclass(frozen=True, kw_only=True)
class Assignment(Activity):
    task: str = ""
    deliverable: str | None = None
    checked_by: str | None = None
    evidence: str | None = None


@dataclass(frozen=True, kw_only=True)
class Resource(Activity):
    kind: str | None = None
    url: str | None = None
    author: str | None = None


@dataclass(frozen=True, kw_only=True)
class Community(Activity):
    platform: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Phase:
    key: PhaseKey
    title: str | None = None
    intro: str = ""
    activities: tuple[Activity, ...] = ()

    @property
    def duration_minutes(self) -> int:
        return sum(a.duration_minutes or 0 for a in self.activities)


@dataclass(frozen=True)
class SessionOverride:
    """What a cohort or group changes about one meeting, or about every meeting of a series."""

    date: str | None = None
    start: str | None = None
    end: str | None = None
    location: str | None = None
    url: str | None = None
    facilitator: str | None = None
    title: str | None = None
    cancelled: bool = False


def _override(overrides: tuple[tuple[str, SessionOverride], ...], session_id: str) -> SessionOverride | None:
    return next((o for sid, o in overrides if sid == session_id), None)


@dataclass(frozen=True)
class Group:
    """A group within a cohort (intervision group A): its own place, time, facilitator and dates."""

    id: str
    title: str | None = None
    facilitator: str | None = None
    location: str | None = None
    url: str | None = None
    start: str | None = None
    end: str | None = None
    shift_days: int = 0
    sessions: tuple[tuple[str, SessionOverride], ...] = ()

    def override_for(self, session_id: str) -> SessionOverride | None:
        return _override(self.sessions, session_id)


@dataclass(frozen=True)
class Cohort:
    """One run of the journey (schema.org CourseInstance)."""

    id: str
    start: str
    title: str | None = None
    timezone: str = DEFAULT_TIMEZONE
    sessions: tuple[tuple[str, SessionOverride], ...] = ()
    capacity: int | None = None
    enrolment_deadline: str | None = None
    groups: tuple[Group, ...] = ()

    @property
    def start_date(self) -> date:
        return date.fromisoformat(self.start)

    def override_for(self, session_id: str) -> SessionOverride | None:
        return _override(self.sessions, session_id)


@dataclass(frozen=True)
class Journey:
    """A whole journey as designed in one file (schema.org Course)."""

    id: str
    title: str
    source: Path
    summary: str = ""
    description: str = ""
    language: str | None = None
    audience: str | None = None
    owner: str | None = None
    status: str = "draft"
    version: str | None = None
    goals: tuple[Goal, ...] = ()
    objectives: tuple[Objective, ...] = ()
    evaluation: Evaluation | None = None
    phases: tuple[Phase, ...] = field(default_factory=tuple)
    cohorts: tuple[Cohort, ...] = ()
    ignore_lint: tuple[str, ...] = ()  # design lint codes that do not apply to this journey

    def activities(self) -> Iterator[tuple[Phase, Activity]]:
        """Every activity with its phase, in journey order."""
        for phase in self.phases:
            for activity in phase.activities:
                yield phase, activity

    def phase(self, key: str) -> Phase:
        for phase in self.phases:
            if phase.key == key:
                return phase
        raise KeyError(key)

    def activity(self, activity_id: str) -> Activity | None:
        for _phase, activity in self.activities():
            if activity.id == activity_id:
                return activity
        return None

    @property
    def duration_minutes(self) -> int:
        return sum(p.duration_minutes for p in self.phases)
