"""Activities before → after, matched by id: added, removed, moved between phases, reordered,
retyped, renamed, re-timed, and an id that changed (same title, and same type if one is; or
same type and phase with most other fields unchanged)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

from learning_journeys.model.journey import Activity, Journey, Session
from learning_journeys.review.changes import ActivityChange, Change
from learning_journeys.review.values import field_changes, ids_text, text_of
from learning_journeys.review.wording import Words

# Fields of an activity compared one by one; every other field is compared as a whole.
_OWN_FIELDS = {
    "id", "title", "type", "duration_minutes", "modality", "objectives", "prerequisites", "optional",
    "week", "until_week", "due_week", "leader", "sessions", "per_group",
}  # fmt: skip


@dataclass(frozen=True)
class _Placed:
    """An activity where it stands: its phase and its index in that phase."""

    phase: str
    index: int
    activity: Activity


def renamed_ids(before: Journey, after: Journey) -> dict[str, str]:
    """Old id → new id for a removed and an added activity that are one activity: of the same
    title (and type, if one is), else of the same type and phase with the same texts and most
    other fields unchanged."""
    old = {a.id: (p.key, i, a) for p in before.phases for i, a in enumerate(p.activities)}
    new = {a.id: (p.key, i, a) for p in after.phases for i, a in enumerate(p.activities)}
    removed = [old[i][2] for i in old if i not in new]
    added = [new[i][2] for i in new if i not in old]
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
    # Both the id and the title changed: the closest pairs whose texts all stayed and whose
    # other fields mostly did.
    pairs = sorted(
        (
            (share, -abs(old[r.id][1] - new[a.id][1]), r.id, a.id)
            for r in removed
            if r.id not in renames
            for a in added
            if a.id not in renames.values() and a.type == r.type and old[r.id][0] == new[a.id][0]
            and (share := _same_share(r, a)) >= _SAME_SHARE
        ),
        reverse=True,
    )
    for *_closeness, old_id, new_id in pairs:
        if old_id not in renames and new_id not in renames.values():
            renames[old_id] = new_id
    return renames


_SAME_SHARE = 0.75  # of the fields either one sets (besides id and title), how many must be equal


def _same_share(a: Activity, b: Activity) -> float:
    """How many of the fields either activity sets (besides id, title and type) are equal in both.
    0 unless both have the same texts (description, task, prompts, ...) and at least one: without
    a text in common there is too little to tell one activity from another."""
    names = [f.name for f in fields(a) if f.name not in ("id", "title", "type")]
    set_in_either = [n for n in names if getattr(a, n) or getattr(b, n)]
    texts = [n for n in set_in_either if _is_text(getattr(a, n)) or _is_text(getattr(b, n))]
    if not texts or any(getattr(a, n) != getattr(b, n) for n in texts):
        return 0.0
    return sum(getattr(a, n) == getattr(b, n) for n in set_in_either) / len(set_in_either)


def _is_text(value: object) -> bool:
    """Words an author wrote (a sentence, or a list of them), not a name, number or keyword."""
    if isinstance(value, str):
        return len(value.split()) > 2
    return isinstance(value, tuple) and any(_is_text(v) for v in value)


def _same_title(a: Activity, b: Activity) -> bool:
    return " ".join(a.title.split()).casefold() == " ".join(b.title.split()).casefold()


def _placed(journey: Journey, renames: dict[str, str] | None = None) -> dict[str, _Placed]:
    renames = renames or {}
    return {
        renames.get(a.id, a.id): _Placed(p.key, i, a)
        for p in journey.phases
        for i, a in enumerate(p.activities)
    }


def activity_changes(
    before: Journey, after: Journey, renames: dict[str, str], words: Words
) -> tuple[ActivityChange, ...]:
    """In the order of ``after``; removed activities last, in the order they had."""
    old, new = _placed(before, renames), _placed(after)
    reordered = _reordered(old, new)
    out: list[ActivityChange] = []
    for aid, now in new.items():
        a = now.activity
        was = old.get(aid)
        if was is None:
            out.append(ActivityChange(aid, "added", a.title, a.type, now.phase))
            continue
        changes = _changes(was, now, aid in reordered, renames, words)
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


def _changes(
    was: _Placed, now: _Placed, reordered: bool, renames: dict[str, str], words: Words
) -> tuple[Change, ...]:
    b, a = was.activity, now.activity
    out = []
    if b.id != a.id:
        out.append(Change("id", b.id, a.id))
    pairs = [
        ("title", b.title, a.title),
        ("type", b.type, a.type),
        ("phase", was.phase, now.phase),
        ("position", str(was.index + 1), str(now.index + 1)) if reordered else ("position", None, None),
        ("duration", words.minutes(b.duration_minutes), words.minutes(a.duration_minutes)),
        ("modality", b.modality, a.modality),
        ("optional", words.yes_no(b.optional), words.yes_no(a.optional)),
        ("week", text_of(b.week, words), text_of(a.week, words)),
        ("until_week", text_of(b.until_week, words), text_of(a.until_week, words)),
        ("due_week", text_of(b.due_week, words), text_of(a.due_week, words)),
        ("leader", b.leader, a.leader),
        ("per_group", words.yes_no(b.per_group), words.yes_no(a.per_group)),
        ("objectives", ids_text(b.objectives), ids_text(a.objectives)),
        ("prerequisites", ids_text(renames.get(i, i) for i in b.prerequisites), ids_text(a.prerequisites)),
    ]
    out += [Change(name, x, y) for name, x, y in pairs if x != y]
    out += _session_changes(b.sessions, a.sessions, words)
    out += _other_fields(b, a, renames, words)
    return tuple(out)


def _session_changes(before: tuple[Session, ...], after: tuple[Session, ...], words: Words) -> list[Change]:
    old = {s.id: _session_text(s, words) for s in before}
    new = {s.id: _session_text(s, words) for s in after}
    return [
        Change(f"session {sid}", old.get(sid), new.get(sid))
        for sid in [*new, *(i for i in old if i not in new)]
        if old.get(sid) != new.get(sid)
    ]


def _session_text(s: Session, words: Words) -> str:
    """A session as the design says it: ``day 10, 09:00–17:00, Utrecht, every 6 weeks ×8``."""
    parts = [words("day", n=s.day) if s.day is not None else words("no_day")]
    if s.start:
        parts.append(s.start + (f"–{s.end}" if s.end else ""))
    if s.timezone:
        parts.append(s.timezone)
    parts += [v for v in (s.location, s.url, s.facilitator, s.title) if v]
    if s.repeat is not None:
        r = s.repeat
        if r.every_days == 7:
            every = words("every_week")
        elif r.every_days % 7 == 0:
            every = words("every_weeks", n=r.every_days // 7)
        else:
            every = words("every_days", n=r.every_days)
        parts.append(every + (f" ×{r.count}" if r.count else f", {words('until_day', n=r.until_day)}"))
    return ", ".join(parts)


def _other_fields(b: Activity, a: Activity, renames: dict[str, str], words: Words) -> list[Change]:
    """The fields of the activity's type (content, prompts, agenda, ...); those of a type it no
    longer has are left out (its retyping says enough)."""
    follows = getattr(b, "after", None)  # a reflection after an activity whose id changed
    if isinstance(follows, str) and follows in renames:
        b = replace(b, after=renames[follows])  # type: ignore[call-arg]
    return field_changes(b, a, words, _OWN_FIELDS)
