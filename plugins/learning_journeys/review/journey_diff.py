"""Compare the journeys of two revisions: journeys by id, and within a journey activities,
objectives, goals and cohorts by id, so that a reviewer reads what a change means rather
than which YAML lines moved.

A removed and an added activity with the same title are one activity whose id changed:
that is called out, because learners' saved progress is kept under the old id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path

from learning_journeys.model.durations import humanize
from learning_journeys.model.journey import Activity, Journey, Session
from learning_journeys.model.stats import journey_stats
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
from learning_journeys.validation.loading import FileResult

# Fields of an activity compared one by one; every other field is compared as a whole.
_OWN_FIELDS = {
    "id", "title", "type", "duration_minutes", "modality", "objectives", "prerequisites", "optional",
    "week", "until_week", "due_week", "leader", "sessions", "per_group",
}  # fmt: skip
_SHORT = 80  # a text up to this long is shown before → after; a longer one only as "changed"


@dataclass(frozen=True)
class _Placed:
    """An activity where it stands: its phase and its index in that phase."""

    phase: str
    index: int
    activity: Activity


def plan(before: Snapshot, after: Snapshot, root: Path) -> Plan:
    """The review of everything under the paths, from ``before`` to ``after``."""
    old, new = _by_id(before.files), _by_id(after.files)
    old_bad, new_bad = _unreadable(before.files, root), _unreadable(after.files, root)
    out: list[JourneyDiff] = []
    for jid in sorted(old.keys() | new.keys()):
        b, a = old.get(jid), new.get(jid)
        if b is not None and a is not None:
            out.append(diff_journeys(b.journey, a.journey, _shown(b, root), _shown(a, root)))  # type: ignore[arg-type]
        elif a is not None and (bad := old_bad.pop(_shown(a, root), None)):
            out.append(_unreadable_diff(a.journey, bad, before.revision.label, _shown(a, root)))  # type: ignore[arg-type]
        elif b is not None and (bad := new_bad.pop(_shown(b, root), None)):
            out.append(_unreadable_diff(b.journey, bad, after.revision.label, _shown(b, root)))  # type: ignore[arg-type]
        elif a is not None:
            out.append(_whole(a.journey, "added", _shown(a, root)))  # type: ignore[arg-type]
        elif b is not None:
            out.append(_whole(b.journey, "removed", _shown(b, root)))  # type: ignore[arg-type]
    for label, bad_files in ((before.revision.label, old_bad), (after.revision.label, new_bad)):
        for file, result in sorted(bad_files.items()):
            problems = _problems(result, label)
            out.append(JourneyDiff(Path(file).stem, file, "unreadable", None, file, file, problems=problems))
    return Plan(before.revision.label, after.revision.label, tuple(out))


def _by_id(files: Iterable[FileResult]) -> dict[str, FileResult]:
    found: dict[str, FileResult] = {}
    for f in files:
        if f.journey is not None:
            found.setdefault(f.journey.id, f)
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


def diff_journeys(before: Journey, after: Journey, file_before: str, file_after: str) -> JourneyDiff:
    """Every change from ``before`` to ``after``, one journey matched by id."""
    renames = _renamed_ids(before, after)
    activities = _activity_changes(before, after, renames)
    own = _journey_fields(before, after)
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
        meetings=meeting_changes(before, after, renames, common),
        objectives=_items(before.objectives, after.objectives),
        goals=_items(before.goals, after.goals),
        cohorts=_items(before.cohorts, after.cohorts),
        time=_time(before, after),
        coverage=_coverage(before, after, renames),
    )
    if not (
        diff.changes or diff.activities or diff.meetings or diff.objectives or diff.goals or diff.cohorts
    ):
        return JourneyDiff(after.id, after.title, "unchanged", after.language, file_before, file_after)
    return diff


def _renamed_ids(before: Journey, after: Journey) -> dict[str, str]:
    """Old id → new id for a removed and an added activity of the same title (and type, if one is)."""
    old = {a.id: a for _p, a in before.activities()}
    new = {a.id: a for _p, a in after.activities()}
    removed = [old[i] for i in old if i not in new]
    added = [new[i] for i in new if i not in old]
    renames: dict[str, str] = {}
    for same_type in (True, False):
        for r in removed:
            if r.id in renames:
                continue
            match = next(
                (
                    a
                    for a in added
                    if a.id not in renames.values()
                    and _same_title(a, r)
                    and (a.type == r.type or not same_type)
                ),
                None,
            )
            if match is not None:
                renames[r.id] = match.id
    return renames


def _same_title(a: Activity, b: Activity) -> bool:
    return " ".join(a.title.split()).casefold() == " ".join(b.title.split()).casefold()


def _placed(journey: Journey, renames: dict[str, str] | None = None) -> dict[str, _Placed]:
    renames = renames or {}
    return {
        renames.get(a.id, a.id): _Placed(p.key, i, a)
        for p in journey.phases
        for i, a in enumerate(p.activities)
    }


def _activity_changes(before: Journey, after: Journey, renames: dict[str, str]) -> tuple[ActivityChange, ...]:
    old, new = _placed(before, renames), _placed(after)
    reordered = _reordered(old, new)
    out: list[ActivityChange] = []
    for aid, now in new.items():
        a = now.activity
        was = old.get(aid)
        if was is None:
            out.append(ActivityChange(aid, "added", a.title, a.type, now.phase))
            continue
        changes = _changes(was, now, aid in reordered, renames)
        if changes:
            old_id = was.activity.id if was.activity.id != aid else None
            out.append(ActivityChange(aid, "changed", a.title, a.type, now.phase, changes, old_id))
    for aid, was in old.items():
        if aid not in new:
            b = was.activity
            out.append(ActivityChange(b.id, "removed", b.title, b.type, was.phase))
    return tuple(out)


def _reordered(old: dict[str, _Placed], new: dict[str, _Placed]) -> set[str]:
    """Activities that changed places within their phase, beyond what additions and removals shift:
    those outside the longest run that kept its order."""
    out: set[str] = set()
    for phase in {p.phase for p in new.values()}:
        stayed = sorted(
            (i for i, p in new.items() if p.phase == phase and i in old and old[i].phase == phase),
            key=lambda i: new[i].index,
        )
        kept = _longest_increasing([old[i].index for i in stayed])
        out |= {i for n, i in enumerate(stayed) if n not in kept}
    return out


def _longest_increasing(values: Sequence[int]) -> set[int]:
    """Positions of a longest strictly increasing subsequence of ``values`` (quadratic: phases are short)."""
    if not values:
        return set()
    best = [1] * len(values)
    prev = [-1] * len(values)
    for i in range(len(values)):
        for j in range(i):
            if values[j] < values[i] and best[j] + 1 > best[i]:
                best[i], prev[i] = best[j] + 1, j
    i = max(range(len(values)), key=lambda k: best[k])
    out = set()
    while i != -1:
        out.add(i)
        i = prev[i]
    return out


def _changes(was: _Placed, now: _Placed, reordered: bool, renames: dict[str, str]) -> tuple[Change, ...]:
    b, a = was.activity, now.activity
    out = []
    if b.id != a.id:
        out.append(Change("id", b.id, a.id))
    pairs = [
        ("title", b.title, a.title),
        ("type", b.type, a.type),
        ("phase", was.phase, now.phase),
        ("position", str(was.index + 1), str(now.index + 1)) if reordered else ("position", None, None),
        ("duration", _minutes(b.duration_minutes), _minutes(a.duration_minutes)),
        ("modality", b.modality, a.modality),
        ("optional", _yes_no(b.optional), _yes_no(a.optional)),
        ("week", _text(b.week), _text(a.week)),
        ("until_week", _text(b.until_week), _text(a.until_week)),
        ("due_week", _text(b.due_week), _text(a.due_week)),
        ("leader", b.leader, a.leader),
        ("per_group", _yes_no(b.per_group), _yes_no(a.per_group)),
        ("objectives", _ids(b.objectives), _ids(a.objectives)),
        ("prerequisites", _ids(renames.get(i, i) for i in b.prerequisites), _ids(a.prerequisites)),
    ]
    out += [Change(name, x, y) for name, x, y in pairs if x != y]
    out += _session_changes(b.sessions, a.sessions)
    out += _other_fields(b, a, renames)
    return tuple(out)


def _session_changes(before: tuple[Session, ...], after: tuple[Session, ...]) -> list[Change]:
    old = {s.id: _session_text(s) for s in before}
    new = {s.id: _session_text(s) for s in after}
    return [
        Change(f"session {sid}", old.get(sid), new.get(sid))
        for sid in [*new, *(i for i in old if i not in new)]
        if old.get(sid) != new.get(sid)
    ]


def _session_text(s: Session) -> str:
    """A session as the design says it: ``day 10, 09:00–17:00, Utrecht, every 6 weeks ×8``."""
    parts = [f"day {s.day}" if s.day is not None else "no day"]
    if s.start:
        parts.append(s.start + (f"–{s.end}" if s.end else ""))
    if s.timezone:
        parts.append(s.timezone)
    parts += [v for v in (s.location, s.url, s.facilitator, s.title) if v]
    if s.repeat is not None:
        r = s.repeat
        every = f"{r.every_days // 7} weeks" if r.every_days % 7 == 0 else f"{r.every_days} days"
        parts.append(f"every {every}" + (f" ×{r.count}" if r.count else f" until day {r.until_day}"))
    return ", ".join(parts)


def _other_fields(b: Activity, a: Activity, renames: dict[str, str]) -> list[Change]:
    """The fields of the activity's type (content, prompts, agenda, ...); those of a type it no
    longer has are left out (its retyping says enough)."""
    follows = getattr(b, "after", None)  # a reflection after an activity whose id changed
    if isinstance(follows, str) and follows in renames:
        b = replace(b, after=renames[follows])  # type: ignore[call-arg]
    return _field_changes(b, a, _OWN_FIELDS)


def _field_changes(old: object, new: object, skip: Iterable[str] = ()) -> list[Change]:
    """Every field of ``new`` that ``old`` has too and that differs: values when they are short,
    ids when they are lists of things with ids, else only that it changed. Fields added to the
    model later are compared without a change here."""
    skipped = set(skip)
    out = []
    for f in fields(new):  # type: ignore[arg-type]
        if f.name in skipped or not hasattr(old, f.name):
            continue
        x, y = getattr(old, f.name), getattr(new, f.name)
        if x == y:
            continue
        if isinstance(x, tuple) and isinstance(y, tuple):
            x, y = _listed(x), _listed(y)
        if _short(x) and _short(y) and _text(x) != _text(y):
            out.append(Change(f.name, _text(x), _text(y)))
        else:
            out.append(Change(f.name))
    return out


def _listed(values: tuple[object, ...]) -> object:
    """A list of texts, or of things with ids, as ``a, b``; anything else as it is."""
    if all(isinstance(v, str) for v in values):
        return _ids(values)  # type: ignore[arg-type]
    if all(hasattr(v, "id") for v in values):
        return _ids(v.id for v in values)  # type: ignore[attr-defined]
    return values


def _short(value: object) -> bool:
    if isinstance(value, str):
        return len(value) <= _SHORT and "\n" not in value
    return value is None or isinstance(value, (int, bool))


def _text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return _yes_no(value)
    return str(value)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _minutes(value: int | None) -> str | None:
    return None if value is None else humanize(value)


def _ids(values: Iterable[str]) -> str | None:
    return ", ".join(values) or None


_ITEMS = ("source", "phases", "goals", "objectives", "cohorts")


def _journey_fields(before: Journey, after: Journey) -> tuple[Change, ...]:
    out = _field_changes(before, after, _ITEMS)
    for p_before, p_after in zip(before.phases, after.phases, strict=False):
        out += [
            Change(f"phase {p_after.key} {c.field}", c.before, c.after)
            for c in _field_changes(p_before, p_after, ("key", "activities"))
        ]
    return tuple(out)


def _items(before: Sequence[object], after: Sequence[object]) -> tuple[ItemChange, ...]:
    """Objectives, goals or cohorts matched by id, compared field by field."""
    old = {getattr(x, "id"): x for x in before}  # noqa: B009
    new = {getattr(x, "id"): x for x in after}  # noqa: B009
    out = []
    for iid, item in new.items():
        if iid not in old:
            out.append(ItemChange(iid, "added", _title(item)))
        elif changes := _field_changes(old[iid], item, ("id",)):
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
