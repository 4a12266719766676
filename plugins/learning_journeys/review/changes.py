"""What changed between two revisions of the journeys, as typed facts that every format renders.

Text values are already written as the plan shows them (``45 min``, ``ma 17 mrt 2027 09:00``),
so that markdown, text and JSON carry the same facts in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["added", "removed", "changed"]
JourneyKind = Literal["added", "removed", "changed", "unchanged", "unreadable"]


@dataclass(frozen=True)
class Change:
    """One attribute, before → after. Both None: a long text changed (its words are in the YAML diff)."""

    field: str
    before: str | None = None
    after: str | None = None


@dataclass(frozen=True)
class ItemChange:
    """An objective, goal or cohort added, removed or changed (matched by id)."""

    id: str
    kind: Kind
    title: str
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True)
class ActivityChange:
    """An activity added, removed or changed, matched by id; ``old_id`` when only its id changed."""

    id: str
    kind: Kind
    title: str
    type: str
    phase: str
    changes: tuple[Change, ...] = ()
    old_id: str | None = None


@dataclass(frozen=True)
class MeetingChange:
    """One meeting of one cohort (and group) that moved, was added, removed or cancelled."""

    cohort: str
    group: str | None
    activity: str
    meeting: str
    kind: Kind
    before: str | None
    after: str | None
    before_start: str | None = None  # ISO 8601: the date, or the date and time with its offset
    after_start: str | None = None


@dataclass(frozen=True)
class Minutes:
    """Time in one phase or modality (or in all), before → after; None where it did not exist."""

    key: str
    before: int | None
    after: int | None


@dataclass(frozen=True)
class TimeEffect:
    """The effect on the learner's time: the phases and modalities whose time changed, and the total."""

    total: Minutes
    phases: tuple[Minutes, ...]
    modalities: tuple[Minutes, ...]


@dataclass(frozen=True)
class Coverage:
    """An objective served by other activities than before."""

    objective: str
    title: str
    gained: tuple[str, ...]
    lost: tuple[str, ...]
    before: int
    after: int


@dataclass(frozen=True)
class Problem:
    """Why a file could not be compared: its first errors at one revision."""

    revision: str
    file: str
    line: int
    column: int
    code: str
    message: str


@dataclass(frozen=True)
class JourneyDiff:
    """Everything that changed in one journey (matched by id, or by file when it did not load)."""

    id: str
    title: str
    kind: JourneyKind
    language: str | None
    file_before: str | None
    file_after: str | None
    changes: tuple[Change, ...] = ()
    activities: tuple[ActivityChange, ...] = ()
    meetings: tuple[MeetingChange, ...] = ()
    objectives: tuple[ItemChange, ...] = ()
    goals: tuple[ItemChange, ...] = ()
    cohorts: tuple[ItemChange, ...] = ()
    time: TimeEffect | None = None
    coverage: tuple[Coverage, ...] = ()
    problems: tuple[Problem, ...] = ()

    def count(self, kind: Kind) -> int:
        return sum(1 for a in self.activities if a.kind == kind)


@dataclass(frozen=True)
class Plan:
    """The review of one change: every journey under the paths, in order of id."""

    base: str
    head: str
    journeys: tuple[JourneyDiff, ...]
    language: str = "en"  # of the plan's words; weekdays and months follow each journey's
    unchanged: int = 0  # journeys whose files did not change, so were not read

    def count(self, kind: Kind) -> int:
        """Activities added, changed or removed, over all journeys."""
        return sum(j.count(kind) for j in self.journeys)

    def journeys_by_kind(self, kind: JourneyKind) -> int:
        return sum(1 for j in self.journeys if j.kind == kind) + (
            self.unchanged if kind == "unchanged" else 0
        )

    @property
    def compared(self) -> int:
        """Every journey file under the paths, read or not."""
        return len(self.journeys) + self.unchanged

    @property
    def has_changes(self) -> bool:
        return any(j.kind != "unchanged" for j in self.journeys)
