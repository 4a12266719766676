"""From two revision names and the journeys' paths to a plan: what ``journeys diff`` runs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from learning_journeys.review.changes import Plan
from learning_journeys.review.journey_diff import plan
from learning_journeys.review.revisions import (
    RevisionError,
    load_snapshot,
    repository_paths,
    repository_root,
    resolve_revision,
)


def compare(
    base: str, head: str | None, paths: Sequence[Path], cwd: Path | None = None, language: str | None = None
) -> Plan:
    """The plan from ``base`` to ``head`` (None: the work tree) for the journeys under ``paths``.

    Raises :class:`RevisionError` for a usage error: no repository, an unknown revision, a path
    outside the repository or without journey files on either side.
    """
    root = repository_root(cwd or Path.cwd())
    before_rev, after_rev = resolve_revision(root, base), resolve_revision(root, head)
    inside = repository_paths(root, [p if p.is_absolute() else (cwd or Path.cwd()) / p for p in paths])
    before = load_snapshot(root, before_rev, inside)
    after = load_snapshot(root, after_rev, inside)
    if not before.files and not after.files:
        shown = ", ".join(str(p) for p in paths)
        raise RevisionError(f"no journey files (*.yaml, *.yml) under {shown} in {base} or {after_rev.label}")
    return plan(before, after, root, language)
