"""From two revision names and the journeys' paths to a plan: what ``journeys diff`` runs."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from pathlib import Path

from learning_journeys.review.changes import Plan
from learning_journeys.review.journey_diff import plan
from learning_journeys.review.revisions import (
    Listing,
    RevisionError,
    changed_files,
    is_journey_file,
    list_journeys,
    load_snapshot,
    read_blobs,
    repository_paths,
    repository_root,
    resolve_revision,
)


def compare(
    base: str, head: str | None, paths: Sequence[Path], cwd: Path | None = None, language: str | None = None
) -> Plan:
    """The plan from ``base`` to ``head`` (None: the work tree) for the journeys under ``paths``.

    Only files that changed are checked and compared: in a catalogue of a hundred journeys a
    change to one reads one journey twice. Raises :class:`RevisionError` for a usage error: no
    repository, an unknown revision, a path outside the repository or without journey files.
    """
    here = cwd or Path.cwd()
    root = repository_root(here)
    before_rev, after_rev = resolve_revision(root, base), resolve_revision(root, head)
    inside = repository_paths(root, [p if p.is_absolute() else here / p for p in paths])
    old, new = list_journeys(root, before_rev, inside), list_journeys(root, after_rev, inside)
    if not old.blobs and not new.blobs:
        shown = ", ".join(str(p) for p in paths)
        raise RevisionError(f"no journey files (*.yaml, *.yml) under {shown} in {base} or {after_rev.label}")
    same = _unchanged(root, old, new, changed_files(root, before_rev, after_rev))
    before = load_snapshot(root, old, [n for n in old.blobs if n not in same])
    after = load_snapshot(root, new, [n for n in new.blobs if n not in same])
    return plan(before, after, root, language, unchanged=len(same))


def _unchanged(root: Path, old: Listing, new: Listing, changed: set[str]) -> set[str]:
    """Journey files with the same bytes on both sides that name no other file that changed
    (a content file): nothing about them can differ, so they are not read."""
    same = {n for n, blob in old.blobs.items() if new.blobs.get(n) == blob}
    others = {posixpath.basename(c).encode() for c in changed if not is_journey_file(c)}
    if not others or not same:
        return same
    texts = read_blobs(root, {n: old.blobs[n] for n in same})
    return {n for n in same if n in texts and not any(o in texts[n] for o in others)}
