"""Figures about a journey: time per phase and per modality, counts.

L&D teams weigh time away from work (verletkosten) per modality; learners
want to know how long it takes.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from learning_journeys.model.journey import Activity, Journey


@dataclass(frozen=True)
class JourneyStats:
    total_minutes: int
    required_minutes: int
    activity_count: int
    per_phase: tuple[tuple[str, int, int], ...]  # phase key, minutes, activities
    per_modality: tuple[tuple[str, int], ...]  # modality (or "none"), minutes
    per_type: tuple[tuple[str, int], ...]  # activity type, count
    weeks: int | None


def _weeks(a: Activity) -> list[int]:
    """The weeks an activity is planned in: its week, its period, its deadline, its last meeting."""
    first = a.week if a.week is not None else 1
    meetings = [first + (o.day - 1) // 7 for o in a.occurrences() if o.day]
    given = [w for w in (a.week, a.until_week, a.due_week) if w is not None]
    return given + meetings


def journey_stats(journey: Journey) -> JourneyStats:
    """Totals for the overview page and the catalogue."""
    per_modality: dict[str, int] = OrderedDict()
    per_type: dict[str, int] = OrderedDict()
    required = 0
    weeks = [w for _p, a in journey.activities() for w in _weeks(a) if w > 0]
    for _phase, a in journey.activities():
        minutes = a.duration_minutes or 0
        key = a.modality or "none"
        per_modality[key] = per_modality.get(key, 0) + minutes
        per_type[a.type] = per_type.get(a.type, 0) + 1
        if not a.optional:
            required += minutes
    return JourneyStats(
        total_minutes=journey.duration_minutes,
        required_minutes=required,
        activity_count=sum(len(p.activities) for p in journey.phases),
        per_phase=tuple((p.key, p.duration_minutes, len(p.activities)) for p in journey.phases),
        per_modality=tuple(sorted(per_modality.items(), key=lambda kv: -kv[1])),
        per_type=tuple(per_type.items()),
        weeks=max(weeks) if weeks else None,
    )
