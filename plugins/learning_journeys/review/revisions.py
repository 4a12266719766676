"""The journeys of one revision: a git commit read with ``git ls-tree`` and ``git show``, or the work tree.

A revision's files are copied into a temporary folder and checked there exactly as
``journeys validate`` checks them; the author's work tree and index are never touched.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from learning_journeys.validation.loading import (
    JOURNEY_SUFFIXES,
    FileResult,
    find_journey_files,
    load_journey_file,
)
from learning_journeys.validation.yaml_loader import load_yaml_bytes

WORK_TREE = "working tree"


class RevisionError(Exception):
    """A revision or path that cannot be read: a usage error, said in one line."""


@dataclass(frozen=True)
class Revision:
    """What the user named (``HEAD~1``) and the commit it is; no commit for the work tree."""

    label: str
    commit: str | None


@dataclass(frozen=True)
class Snapshot:
    """Every journey file of one revision under the paths asked for, checked."""

    revision: Revision
    files: tuple[FileResult, ...]


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    return subprocess.run(["git", *args], cwd=root, capture_output=True, env=env, check=False)


def repository_root(start: Path) -> Path:
    """The top folder of the git work tree ``start`` is in."""
    try:
        done = _git(start, "rev-parse", "--show-toplevel")
    except FileNotFoundError as err:
        raise RevisionError("git is not installed (journeys diff reads revisions with git)") from err
    if done.returncode != 0:
        raise RevisionError(f"{start.resolve()} is not inside a git repository")
    return Path(done.stdout.decode().strip()).resolve()


def resolve_revision(root: Path, name: str | None) -> Revision:
    """The commit ``name`` stands for; None is the work tree."""
    if name is None:
        return Revision(WORK_TREE, None)
    if not name or name.startswith("-"):
        raise RevisionError(f"`{name}` is not a revision")
    done = _git(root, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    if done.returncode != 0:
        shallow = _git(root, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
        hint = " (this clone is shallow: fetch it first, e.g. `git fetch origin main`)" if shallow else ""
        raise RevisionError(
            f"unknown revision `{name}`: name a commit, branch or tag (e.g. HEAD~1, main, origin/main){hint}"
        )
    return Revision(name, done.stdout.decode().strip())


def repository_paths(root: Path, paths: Sequence[Path]) -> list[str]:
    """``paths`` (relative to the working directory) as paths inside the repository."""
    out = []
    for path in paths:
        try:
            relative = path.resolve().relative_to(root)
        except ValueError as err:
            raise RevisionError(f"{path} is outside the git repository at {root}") from err
        out.append(relative.as_posix() if relative.parts else ".")
    return out


def load_snapshot(root: Path, revision: Revision, paths: Sequence[str]) -> Snapshot:
    """Check every journey file of ``revision`` under ``paths`` (repository paths)."""
    if revision.commit is None:
        return Snapshot(revision, _load_work_tree(root, paths))
    with tempfile.TemporaryDirectory(prefix="journeys-diff-") as folder:
        copy = Path(folder)
        files = [f for f in _tree_files(root, revision.commit, paths) if _is_journey_file(f)]
        for name in files:
            _export(root, revision.commit, name, copy)
            _export_content_files(root, revision.commit, name, copy)
        results = tuple(load_journey_file(copy / name, copy, copy) for name in files)
    return Snapshot(revision, tuple(_renamed(r, root / f) for r, f in zip(results, files, strict=True)))


def _load_work_tree(root: Path, paths: Sequence[str]) -> tuple[FileResult, ...]:
    existing = [root / p for p in paths if os.path.lexists(root / p)]
    found, _problems = find_journey_files(existing, root)
    return tuple(load_journey_file(file, project, root) for file, project in found)


def _renamed(result: FileResult, path: Path) -> FileResult:
    """A result from the temporary copy, with the file's path in the repository."""
    return FileResult(path, result.journey, result.diagnostics, ())


def _tree_files(root: Path, commit: str, paths: Sequence[str]) -> list[str]:
    """Regular files (no symlinks, no submodules) of ``commit`` under ``paths``."""
    done = _git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *paths)
    if done.returncode != 0:
        raise RevisionError(f"cannot list the files of {commit[:12]}: {done.stderr.decode().strip()}")
    out = []
    for entry in done.stdout.decode("utf-8", "surrogateescape").split("\0"):
        meta, _tab, name = entry.partition("\t")
        if name and meta.split(" ")[0] in ("100644", "100755"):
            out.append(name)
    return sorted(out)


def _is_journey_file(name: str) -> bool:
    """As ``journeys validate`` chooses in a folder: ``*.yaml``/``*.yml``, nothing hidden."""
    parts = PurePosixPath(name).parts
    return name.endswith(JOURNEY_SUFFIXES) and not any(p.startswith(".") for p in parts)


def _export(root: Path, commit: str, name: str, copy: Path) -> bool:
    done = _git(root, "show", f"{commit}:{name}")
    if done.returncode != 0:
        return False
    target = copy / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(done.stdout)
    return True


def _export_content_files(root: Path, commit: str, name: str, copy: Path) -> None:
    """The Markdown files a journey names, so that it is checked with its content as it was."""
    loaded = load_yaml_bytes((copy / name).read_bytes(), name)
    if not isinstance(loaded.data, dict):
        return
    phases = loaded.data.get("phases")
    for phase in phases.values() if isinstance(phases, dict) else ():
        activities = phase.get("activities") if isinstance(phase, dict) else None
        for activity in activities if isinstance(activities, list) else ():
            rel = activity.get("content_file") if isinstance(activity, dict) else None
            if isinstance(rel, str) and rel:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), rel))
                if target != ".." and not target.startswith("../") and not posixpath.isabs(target):
                    _export(root, commit, target, copy)
