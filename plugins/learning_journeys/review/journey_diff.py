"""Compare the journeys of two revisions: journeys by id, and within a journey activities,
objectives, goals and cohorts by id, so that a reviewer reads what a change means rather
than which YAML lines moved.

Activities are compared in :mod:`learning_journeys.review.activities`, meetings per cohort
in :mod:`learning_journeys.review.meetings`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from learning_journeys.model.journey import Journey
from learning_journeys.model.stats import journey_stats
from learning_journeys.review.activities import activity_changes, renamed_ids
from learning_journeys.review.changes import (
    ActivityChange,
    Change,
    Coverage,
    ItemChange,
    JourneyDiff,
    Minutes,
    Plan,
    Problem,
    TimeEffect,
)
from learning_journeys.review.meetings import meeting_changes
from learning_journeys.review.revisions import Snapshot
from learning_journeys.review.values import field_changes
from learning_journeys.review.wording import Words, shared_language, words_for
from learning_journeys.validation.loading import FileResult


def plan(
    before: Snapshot, after: Snapshot, root: Path, language: str | None = None, unchanged: int = 0
) -> Plan:
    """The review of everything under the paths, from ``before`` to ``after``, in ``language``
    (by default the one the journeys share, else English)."""
    old, new = _by_id(before.files, root), _by_id(after.files, root)
    journeys = [j for j, _f in (*new.values(), *old.values())]
    words = words_for(language or shared_language(j.language for j in journeys))
    old_bad, new_bad = _unreadable(before.files, root), _unreadable(after.files, root)
    out: list[JourneyDiff] = []
    for jid in sorted(old.keys() | new.keys()):
        b, a = old.get(jid), new.get(jid)
        if b is not None and a is not None:
            out.append(_compared(b[0], a[0], b[1], a[1], words, after.revision.label))
        elif a is not None and (bad := old_bad.pop(a[1], None)):
            out.append(_unreadable_diff(a[0], bad, before.revision.label, a[1]))
        elif b is not None and (bad := new_bad.pop(b[1], None)):
            out.append(_unreadable_diff(b[0], bad, after.revision.label, b[1]))
        elif a is not None:
            out.append(_whole(a[0], "added", a[1]))
        elif b is not None:
            out.append(_whole(b[0], "removed", b[1]))
    for label, bad_files in ((before.revision.label, old_bad), (after.revision.label, new_bad)):
        for file, result in sorted(bad_files.items()):
            problems = _problems(result, label)
            out.append(JourneyDiff(Path(file).stem, file, "unreadable", None, file, file, problems=problems))
    return Plan(before.revision.label, after.revision.label, tuple(out), words.language, unchanged)


def _by_id(files: Iterable[FileResult], root: Path) -> dict[str, tuple[Journey, str]]:
    """Each journey that loaded, with its file as the repository names it; the first of an id wins."""
    found: dict[str, tuple[Journey, str]] = {}
    for f in files:
        if f.journey is not None:
            found.setdefault(f.journey.id, (f.journey, _shown(f, root)))
    return found


def _unreadable(files: Iterable[FileResult], root: Path) -> dict[str, FileResult]:
    return {_shown(f, root): f for f in files if f.journey is None}


def _shown(result: FileResult, root: Path) -> str:
    try:
        return result.path.resolve().relative_to(root).as_posix()
    except ValueError:
        return result.path.as_posix()


def _problems(result: FileResult, revision: str) -> tuple[Problem, ...]:
    errors = [d for d in result.diagnostics if d.is_error] or list(result.diagnostics)
    return tuple(Problem(revision, d.file, d.line, d.column, d.code, d.message) for d in errors)


def _unreadable_diff(journey: Journey, bad: FileResult, label: str, file: str) -> JourneyDiff:
    """A journey that does not load on one side: no comparison, its problems instead."""
    return JourneyDiff(
        journey.id,
        journey.title,
        "unreadable",
        journey.language,
        file,
        file,
        problems=_problems(bad, label),
    )


def _whole(journey: Journey, kind: str, file: str) -> JourneyDiff:
    """A journey added or removed as a whole: each of its activities counts as added or removed."""
    activities = tuple(
        ActivityChange(a.id, kind, a.title, a.type, p.key)  # type: ignore[arg-type]
        for p, a in journey.activities()
    )
    added = kind == "added"
    stats = journey_stats(journey)
    minutes = Minutes("total", None if added else stats.total_minutes, stats.total_minutes if added else None)
    return JourneyDiff(
        journey.id,
        journey.title,
        kind,  # type: ignore[arg-type]
        journey.language,
        None if added else file,
        file if added else None,
        activities=activities,
        time=TimeEffect(minutes, (), ()),
    )


def _compared(
    before: Journey, after: Journey, file_before: str, file_after: str, words: Words, label: str
) -> JourneyDiff:
    """One journey compared; a bug of ours in it becomes an LJ900 problem of that journey only."""
    try:
        return diff_journeys(before, after, file_before, file_after, words)
    except Exception as err:  # noqa: BLE001 - the other journeys' plan still stands
        message = (
            f"internal error while comparing this journey: {type(err).__name__}: {err} (please report it)"
        )
        problem = Problem(label, file_after, 0, 0, "LJ900", message)
        return JourneyDiff(
            after.id, after.title, "unreadable", after.language, file_before, file_after, problems=(problem,)
        )


def diff_journeys(
    before: Journey, after: Journey, file_before: str, file_after: str, words: Words
) -> JourneyDiff:
    """Every change from ``before`` to ``after``, one journey matched by id."""
    renames = renamed_ids(before, after)
    activities = activity_changes(before, after, renames, words)
    own = _journey_fields(before, after, words)
    if file_before != file_after:
        own = (Change("file", file_before, file_after), *own)
    common = {a.id for _p, a in after.activities()} & (
        {renames.get(a.id, a.id) for _p, a in before.activities()}
    )
    diff = JourneyDiff(
        after.id,
        after.title,
        "changed",
        after.language,
        file_before,
        file_after,
        changes=own,
        activities=activities,
        meetings=meeting_changes(before, after, renames, common, words),
        objectives=_items(before.objectives, after.objectives, words),
        goals=_items(before.goals, after.goals, words),
        cohorts=_items(before.cohorts, after.cohorts, words),
        time=_time(before, after),
        coverage=_coverage(before, after, renames),
    )
    if not (
        diff.changes or diff.activities or diff.meetings or diff.objectives or diff.goals or diff.cohorts
    ):
        return JourneyDiff(after.id, after.title, "unchanged", after.language, file_before, file_after)
    return diff


_ITEMS = ("source", "phases", "goals", "objectives", "cohorts")


def _journey_fields(before: Journey, after: Journey, words: Words) -> tuple[Change, ...]:
    out = field_changes(before, after, words, _ITEMS)
    for p_before, p_after in zip(before.phases, after.phases, strict=False):
        out += [
            Change(f"phase {p_after.key} {c.field}", c.before, c.after)
            for c in field_changes(p_before, p_after, words, ("key", "activities"))
        ]
    return tuple(out)


def _items(before: Sequence[object], after: Sequence[object], words: Words) -> tuple[ItemChange, ...]:
    """Objectives, goals or cohorts matched by id, compared field by field."""
    old = {getattr(x, "id"): x for x in before}  # noqa: B009
    new = {getattr(x, "id"): x for x in after}  # noqa: B009
    out = []
    for iid, item in new.items():
        if iid not in old:
            out.append(ItemChange(iid, "added", _title(item)))
        elif changes := field_changes(old[iid], item, words, ("id",)):
            out.append(ItemChange(iid, "changed", _title(item), tuple(changes)))
    out += [ItemChange(iid, "removed", _title(item)) for iid, item in old.items() if iid not in new]
    return tuple(out)


def _title(item: object) -> str:
    return str(getattr(item, "title", None) or getattr(item, "id"))  # noqa: B009


def _time(before: Journey, after: Journey) -> TimeEffect | None:
    """Time per phase and per modality before → after, where it changed; None when nothing did."""
    b, a = journey_stats(before), journey_stats(after)
    total = Minutes("total", b.total_minutes, a.total_minutes)
    phases = _figures({k: m for k, m, _n in b.per_phase}, {k: m for k, m, _n in a.per_phase})
    modalities = _figures(dict(b.per_modality), dict(a.per_modality))
    if not phases and not modalities and total.before == total.after:
        return None
    return TimeEffect(total, phases, modalities)


def _figures(before: dict[str, int], after: dict[str, int]) -> tuple[Minutes, ...]:
    keys = [*after, *(k for k in before if k not in after)]
    return tuple(Minutes(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k))


def _coverage(before: Journey, after: Journey, renames: dict[str, str]) -> tuple[Coverage, ...]:
    """Objectives served by other activities than before (an objective no activity serves stands out)."""
    out = []
    for objective in after.objectives:
        was = [renames.get(a.id, a.id) for _p, a in before.activities() if objective.id in a.objectives]
        now = [a.id for _p, a in after.activities() if objective.id in a.objectives]
        gained = tuple(i for i in now if i not in was)
        lost = tuple(i for i in was if i not in now)
        if gained or lost:
            out.append(Coverage(objective.id, objective.title, gained, lost, len(was), len(now)))
    return tuple(out)
