"""The one way through a journey that "previous" and "next" follow.

The overview, then each phase's page followed by its activities in calendar order: by the
week they start, an activity without a week where the designer put it (after the one
before it), as on the overview's timeline. Agenda, manager and facilitator pages are
off the path.
"""

from __future__ import annotations

from learning_journeys.model.journey import Activity, Journey
from learning_journeys.site.page_plan import Uris


def calendar_order(activities: tuple[Activity, ...] | list[Activity]) -> list[Activity]:
    """Activities by start week; one without a week keeps its place after the one before it."""
    placed: list[tuple[int, int, Activity]] = []
    current = -10**6
    for order, activity in enumerate(activities):
        if activity.week is not None:
            current = activity.week
        placed.append((current, order, activity))
    return [a for _week, _order, a in sorted(placed, key=lambda p: (p[0], p[1]))]


def learner_path(journey: Journey, uris: Uris) -> list[str]:
    """The pages of ``journey`` a learner goes through, in order (source URIs)."""
    path = [uris.journey(journey)]
    for phase in journey.phases:
        path.append(uris.phase(journey, phase.key))
        path += [uris.activity(journey, phase.key, a) for a in calendar_order(phase.activities)]
    return path
