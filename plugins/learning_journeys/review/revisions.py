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
    """The journey files of one revision that were read, checked as ``journeys validate`` checks them."""

    revision: Revision
    files: tuple[FileResult, ...]


def _git(root: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    return subprocess.run(["git", *args], cwd=root, input=stdin, capture_output=True, env=env, check=False)


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


@dataclass(frozen=True)
class Listing:
    """The journey files of one revision under the paths: repository path → git blob id.

    Equal blob ids are equal bytes, so a file that did not change is known without reading it.
    """

    revision: Revision
    blobs: dict[str, str]
    projects: dict[str, Path]  # work tree only: the folder each file's content files must stay in


def list_journeys(root: Path, revision: Revision, paths: Sequence[str]) -> Listing:
    """The journey files of ``revision`` under ``paths``, each with its blob id."""
    if revision.commit is not None:
        blobs = {n: b for n, b in _tree_blobs(root, revision.commit, paths).items() if is_journey_file(n)}
        return Listing(revision, blobs, {})
    existing = [root / p for p in paths if os.path.lexists(root / p)]
    found, _problems = find_journey_files(existing, root)
    names = [file.resolve().relative_to(root).as_posix() for file, _project in found]
    return Listing(
        revision,
        dict(zip(names, _hash_files(root, names), strict=True)),
        {n: project for n, (_file, project) in zip(names, found, strict=True)},
    )


def changed_files(root: Path, before: Revision, after: Revision) -> set[str]:
    """Every file that differs between the two revisions (untracked ones too, for the work tree)."""
    args = ["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", str(before.commit)]
    if after.commit is not None:
        args.append(after.commit)
    out = set(_names(_git(root, *args).stdout))
    if after.commit is None:
        out |= set(_names(_git(root, "ls-files", "-z", "--others", "--exclude-standard").stdout))
    return out


def load_snapshot(root: Path, listing: Listing, names: Sequence[str]) -> Snapshot:
    """Check the journey files ``names`` of a listing, as ``journeys validate`` would."""
    revision = listing.revision
    if revision.commit is None:
        results = [load_journey_file(root / n, listing.projects[n], root) for n in names]
        return Snapshot(revision, tuple(results))
    with tempfile.TemporaryDirectory(prefix="journeys-diff-") as folder:
        copy = Path(folder)
        _write(copy, read_blobs(root, {n: listing.blobs[n] for n in names}))
        wanted = {c for n in names for c in _content_files(copy, n)}
        _write(copy, read_blobs(root, {c: f"{revision.commit}:{c}" for c in wanted}))
        results = [load_journey_file(copy / name, copy, copy) for name in names]
    return Snapshot(revision, tuple(_renamed(r, root / n) for r, n in zip(results, names, strict=True)))


def _renamed(result: FileResult, path: Path) -> FileResult:
    """A result from the temporary copy, with the file's path in the repository."""
    return FileResult(path, result.journey, result.diagnostics, ())


def _names(output: bytes) -> list[str]:
    return [n for n in output.decode("utf-8", "surrogateescape").split("\0") if n]


def _tree_blobs(root: Path, commit: str, paths: Sequence[str]) -> dict[str, str]:
    """Regular files (no symlinks, no submodules) of ``commit`` under ``paths``, with their blob ids."""
    done = _git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *paths)
    if done.returncode != 0:
        raise RevisionError(f"cannot list the files of {commit[:12]}: {done.stderr.decode().strip()}")
    out = {}
    for entry in _names(done.stdout):
        meta, _tab, name = entry.partition("\t")
        mode, _kind, blob = meta.split(" ")
        if mode in ("100644", "100755"):
            out[name] = blob
    return out


def _hash_files(root: Path, names: Sequence[str]) -> list[str]:
    """The blob ids git would give these work-tree files (its filters applied), in one call."""
    if not names:
        return []
    listed = "".join(f"{n}\n" for n in names).encode("utf-8", "surrogateescape")
    done = _git(root, "hash-object", "--stdin-paths", stdin=listed)
    blobs = done.stdout.decode().split()
    if done.returncode != 0 or len(blobs) != len(names):  # a name with a line break: no id, so always read
        return [f"unknown:{n}" for n in names]
    return blobs


def read_blobs(root: Path, objects: dict[str, str]) -> dict[str, bytes]:
    """The bytes of many objects (blob ids or ``COMMIT:path``) in one ``git cat-file --batch``."""
    names = [n for n, o in objects.items() if "\n" not in o]
    if not names:
        return {}
    request = "".join(f"{objects[n]}\n" for n in names).encode("utf-8", "surrogateescape")
    output = _git(root, "cat-file", "--batch", stdin=request).stdout
    out, at = {}, 0
    for name in names:
        end = output.index(b"\n", at)
        header = output[at:end].split(b" ")
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":  # "missing", or not a file
            continue
        size = int(header[2])
        out[name] = output[at : at + size]
        at += size + 1
    return out


def _write(copy: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def is_journey_file(name: str) -> bool:
    """As ``journeys validate`` chooses in a folder: ``*.yaml``/``*.yml``, nothing hidden."""
    parts = PurePosixPath(name).parts
    return name.endswith(JOURNEY_SUFFIXES) and not any(p.startswith(".") for p in parts)


def _content_files(copy: Path, name: str) -> list[str]:
    """The repository paths of the Markdown files a journey names, so that it is checked with its
    content as it was at that revision."""
    loaded = load_yaml_bytes((copy / name).read_bytes(), name) if (copy / name).is_file() else None
    if loaded is None or not isinstance(loaded.data, dict):
        return []
    out = []
    phases = loaded.data.get("phases")
    for phase in phases.values() if isinstance(phases, dict) else ():
        activities = phase.get("activities") if isinstance(phase, dict) else None
        for activity in activities if isinstance(activities, list) else ():
            rel = activity.get("content_file") if isinstance(activity, dict) else None
            if isinstance(rel, str) and rel:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), rel))
                if target != ".." and not target.startswith("../") and not posixpath.isabs(target):
                    out.append(target)
    return out
