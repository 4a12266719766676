"""The week-by-week timeline of a journey's overview."""

from __future__ import annotations

from learning_journeys.model.journey import Activity, Journey, Phase


def timeline(journey: Journey) -> list[tuple[int | None, list[tuple[Phase, Activity]]]]:
    """Activities grouped by week (None: no week given), weeks ascending."""
    # An activity without a week stays where the designer put it: after the one before it.
    placed: list[tuple[int, int, int | None, Phase, Activity]] = []
    current = 0
    for order, (phase, activity) in enumerate(journey.activities()):
        if activity.week is not None:
            current = activity.week
        placed.append((current, order, activity.week, phase, activity))
    placed.sort(key=lambda item: (item[0], item[1]))
    rows: list[tuple[int | None, list[tuple[Phase, Activity]]]] = []
    for _sort_week, _order, week, phase, activity in placed:
        if rows and week is not None and rows[-1][0] == week:
            rows[-1][1].append((phase, activity))
        else:
            rows.append((week, [(phase, activity)]))
    return rows
