"""From files on disk to validated journeys and every problem found on the way.

This is what ``journeys validate`` and the MkDocs plugin both call. A file
with errors yields no journey but all its diagnostics; a bug in our own code
becomes one ``LJ900`` diagnostic instead of a traceback.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from learning_journeys.model.building import journey_from_data
from learning_journeys.model.journey import Journey
from learning_journeys.validation import (
    design_lint,
    field_rules,
    order_rules,
    references,
    rules,
    schema_check,
)
from learning_journeys.validation.diagnostics import Diagnostic, PendingDiagnostic, Severity, display_path
from learning_journeys.validation.schema_source import SLUG
from learning_journeys.validation.yaml_loader import (
    MAX_FILE_BYTES,
    SourceMap,
    load_yaml_bytes,
    resolve_pending,
)

JOURNEY_SUFFIXES = (".yaml", ".yml")
_SLUG = re.compile(SLUG)


@dataclass(frozen=True)
class FileResult:
    """One journey file: its journey (None if it has errors) and its problems."""

    path: Path
    journey: Journey | None
    diagnostics: tuple[Diagnostic, ...]
    content_files: tuple[Path, ...] = ()


@dataclass(frozen=True)
class LoadResult:
    """All journey files of a run."""

    files: tuple[FileResult, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def journeys(self) -> tuple[Journey, ...]:
        return tuple(f.journey for f in self.files if f.journey is not None)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors


def project_root(path: Path) -> Path:
    """The folder content files must stay in: the nearest one up with mkdocs.yml or .git.

    The same for a file and for its folder, so that `journeys validate x.yaml`
    (as pre-commit runs it) agrees with `journeys validate journeys/`. Without
    either marker: the working directory if the path is inside it, else the
    path's own folder.
    """
    start = (path if path.is_dir() else path.parent).resolve()
    for folder in (start, *start.parents):
        if (folder / "mkdocs.yml").is_file() or (folder / ".git").exists():
            return folder
    cwd = Path.cwd().resolve()
    return cwd if start.is_relative_to(cwd) else start


def find_journey_files(
    paths: Sequence[Path], base: Path | None = None
) -> tuple[list[tuple[Path, Path]], list[Diagnostic]]:
    """Journey files under ``paths`` (each once) with the root their content files must stay in.

    Symlinked folders are not entered, so a folder linked into itself is no loop; a journey
    file that cannot be opened (a symlink loop, a broken link, a pipe) is reported, not skipped.
    """
    found: list[tuple[Path, Path]] = []
    seen: set[Path] = set()
    problems: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            files = _files_in_folder(path)
        elif path.is_file():
            files = [path]
        else:
            problems.append(_unusable(path, str(path)))
            continue
        root = project_root(path)
        for file in files:
            real = _real_path(file)
            if real is None or not real.is_file():  # a symlink loop, a link to nothing, a pipe
                problems.append(
                    _unusable(
                        file, os.path.normpath(os.path.join(display_path(file.parent, base), file.name))
                    )
                )
            elif real not in seen:
                seen.add(real)
                found.append((file, root))
    return found, list(dict.fromkeys(problems))  # a file reached twice is reported once


def _files_in_folder(folder: Path) -> list[Path]:
    """The ``*.yaml`` and ``*.yml`` names under ``folder``; hidden ones and symlinked folders left out."""
    files: list[Path] = []
    for here, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".") and not os.path.islink(os.path.join(here, d))]
        files += [Path(here, n) for n in names if n.endswith(JOURNEY_SUFFIXES) and not n.startswith(".")]
    return sorted(files)


def _real_path(path: Path) -> Path | None:
    """``path`` with every symlink resolved, or None when that goes round in a loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # Python < 3.13 raises RuntimeError for a loop
        return None


def _unusable(path: Path, shown: str) -> Diagnostic:
    """Why ``path`` is neither a folder nor a journey file that can be read."""
    if not os.path.lexists(path):
        return Diagnostic(shown, 0, 0, "LJ001", "no such file or folder", hint="check the path")
    try:
        mode = path.stat().st_mode
    except OSError as err:
        hint: str | None = "fix or remove the symlink"
        if err.errno == errno.ELOOP:
            reason = "the symlink leads round in a loop"
        elif path.is_symlink():
            reason = f"the symlink points at `{os.readlink(path)}`, which does not exist"
        else:
            reason, hint = _os_reason(err), None
        return Diagnostic(shown, 0, 0, "LJ001", f"cannot read: {reason}", hint=hint)
    what = "folder" if stat.S_ISDIR(mode) else "pipe, socket or device"
    hint = "journey files are ordinary YAML files"
    return Diagnostic(shown, 0, 0, "LJ001", f"cannot read: this is a {what}, not a file", hint=hint)


def load_journeys(paths: Sequence[Path], base: Path | None = None, today: date | None = None) -> LoadResult:
    """Load and check every journey file under ``paths``; never raises for bad input.

    ``today`` is the day the design lint calls a meeting past (default: :func:`design_lint.lint_today`).
    """
    files, problems = find_journey_files(paths, base)
    results = [load_journey_file(file, root, base, today) for file, root in files]
    diagnostics = [*problems, *(d for r in results for d in r.diagnostics)]
    diagnostics.extend(_duplicate_journey_ids(results, base))
    diagnostics.sort(key=Diagnostic.sort_key)
    return LoadResult(tuple(results), tuple(diagnostics))


@dataclass(frozen=True)
class CheckReport:
    """What ``journeys validate`` reports: how many files, and their problems."""

    file_count: int
    diagnostics: tuple[Diagnostic, ...]


def check_journeys(paths: Sequence[Path], base: Path | None = None, today: date | None = None) -> CheckReport:
    """The same diagnostics as :func:`load_journeys`, keeping no journey once it is checked.

    A thousand journeys held at once cost the memory, and the collector's time, of a
    thousand models; a report needs only each file's problems and its journey id.
    """
    files, problems = find_journey_files(paths, base)
    diagnostics = list(problems)
    ids: list[tuple[str, Path]] = []
    for file, root in files:
        result = load_journey_file(file, root, base, today)
        diagnostics.extend(result.diagnostics)
        if result.journey is not None:
            ids.append((result.journey.id, file))
    diagnostics.extend(_duplicate_ids(ids, base))
    diagnostics.sort(key=Diagnostic.sort_key)
    return CheckReport(len(files), tuple(diagnostics))


def _duplicate_journey_ids(results: Iterable[FileResult], base: Path | None) -> list[Diagnostic]:
    return _duplicate_ids(((r.journey.id, r.path) for r in results if r.journey is not None), base)


def _duplicate_ids(ids: Iterable[tuple[str, Path]], base: Path | None) -> list[Diagnostic]:
    """LJ212 for every journey whose id an earlier file already has."""
    seen: dict[str, Path] = {}
    out = []
    for journey_id, path in ids:
        first = seen.setdefault(journey_id, path)
        if first != path:
            out.append(
                Diagnostic(
                    display_path(path, base),
                    1,
                    1,
                    "LJ212",
                    f"journey id `{journey_id}` is also used by {display_path(first, base)}",
                    hint="give each journey its own `id`",
                )
            )
    return out


def load_journey_file(
    path: Path, root: Path, base: Path | None = None, today: date | None = None
) -> FileResult:
    """One file, fully checked. ``root`` bounds where its content files may be."""
    shown = display_path(path, base)
    try:
        return _load(path, root, shown, today)
    except Exception as err:  # noqa: BLE001 - a bug of ours must not become a traceback
        message = f"internal error while checking this file: {type(err).__name__}: {err}"
        return FileResult(
            path,
            None,
            (Diagnostic(shown, 1, 1, "LJ900", message, hint="please report this with the file attached"),),
        )


class _Unreadable(Exception):
    """A file we will not read: too large, or no regular file (a pipe would block forever)."""

    def __init__(self, message: str, size: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.size = size


def _read_regular_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    Opened without blocking and checked on the open file, so that a named pipe or a
    device never hangs the validator and a file swapped after a check is still caught.
    Raises :class:`_Unreadable` for what we refuse and ``OSError`` for what the system refuses.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
    except OSError:
        os.close(fd)
        raise
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _Unreadable("is a folder, not a file")
        raise _Unreadable("is not a regular file (a pipe, socket or device)")
    try:
        if info.st_size > limit:
            raise _Unreadable(f"is {info.st_size:,} bytes; the limit is {limit:,}", info.st_size)
        raw = _read_all(fd, info.st_size, limit + 1)
    finally:
        os.close(fd)
    if len(raw) > limit:  # it grew while we read it
        raise _Unreadable(f"is more than {limit:,} bytes", len(raw))
    return raw


def _read_all(fd: int, expected: int, most: int) -> bytes:
    """Up to ``most`` bytes from ``fd``, in one read when the file is as large as it said."""
    parts = [os.read(fd, min(expected + 1, most))]
    got = len(parts[0])
    while parts[-1] and got < most:
        parts.append(os.read(fd, most - got))
        got += len(parts[-1])
    return b"".join(parts)


def _os_reason(err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "a symlink loop"
    return err.strerror or type(err).__name__


def _load(path: Path, root: Path, shown: str, today: date | None = None) -> FileResult:
    try:
        raw = _read_regular_file(path)
    except _Unreadable as err:
        if err.size is not None:  # refused before reading it into memory
            message = f"file {err.message}"
            hint = "move long texts into Markdown files next to the journey (content_file)"
            return FileResult(path, None, (Diagnostic(shown, 1, 1, "LJ002", message, hint=hint),))
        return FileResult(path, None, (Diagnostic(shown, 0, 0, "LJ001", f"cannot read: this {err.message}"),))
    except OSError as err:
        return FileResult(path, None, (Diagnostic(shown, 0, 0, "LJ001", f"cannot read: {_os_reason(err)}"),))
    loaded = load_yaml_bytes(raw, shown)
    diagnostics = list(loaded.diagnostics)
    if loaded.data is None:
        return FileResult(path, None, tuple(diagnostics))

    data: dict[str, Any] = loaded.data
    pending: list[PendingDiagnostic] = []
    if not schema_check.is_valid(data):
        pending.extend(schema_check.schema_problems(data))
    schema_ok = not pending
    # Also when the schema failed: a typo in one place must not hide a wrong id or an
    # impossible date in another.
    pending.extend(references.check_ids_and_references(data))
    pending.extend(field_rules.check_fields(data))
    pending.extend(order_rules.check_order(data))
    journey = None
    content_files: list[Path] = []
    if schema_ok:
        if "id" not in data and not _SLUG.match(path.stem):
            pending.append(
                PendingDiagnostic(
                    (),
                    "LJ211",
                    f"the file name `{path.stem}` cannot be the journey id",
                    hint="add an `id:` of lowercase letters, digits and hyphens, or rename the file",
                )
            )
        contents = _read_content_files(data, path, root, pending, content_files)
        journey = journey_from_data(data, path, contents.get)
        pending.extend(rules.check_journey(journey))
        if not any(d.is_error for d in diagnostics) and not any(
            p.severity is Severity.ERROR for p in pending
        ):
            # Design advice is for a journey that is otherwise right: on a broken one it is noise.
            pending.extend(design_lint.lint_journey(journey, today))

    smap = SourceMap(loaded.text) if pending and loaded.text is not None else None
    diagnostics.extend(resolve_pending(shown, loaded.text, pending, smap))
    if any(d.is_error for d in diagnostics):
        journey = None
    return FileResult(path, journey, tuple(diagnostics), tuple(content_files))


def _read_content_files(
    data: dict[str, Any], path: Path, root: Path, pending: list[PendingDiagnostic], used: list[Path]
) -> dict[str, str]:
    """Read every ``content_file``, refusing any that escapes ``root`` (also through symlinks)."""
    out: dict[str, str] = {}
    root_real: Path | None = None  # resolved on the first content file: most journeys have none
    for key, phase in (data.get("phases") or {}).items():
        for i, activity in enumerate((phase or {}).get("activities") or ()):
            rel = activity.get("content_file")
            if not rel:
                continue
            where = ("phases", key, "activities", i, "content_file")
            if activity.get("content"):
                pending.append(
                    PendingDiagnostic(
                        where,
                        "LJ206",
                        f"`{activity['id']}` has both `content` and `content_file`",
                        hint="keep one of the two",
                    )
                )
                continue
            if root_real is None:
                root_real = root.resolve()
            read = _content_file(path.parent / rel, root_real)
            if isinstance(read, str):
                message, _bar, hint = read.partition("|")
                pending.append(
                    PendingDiagnostic(where, "LJ206", f"content file `{rel}` {message}", hint=hint or None)
                )
            else:
                used.append(read[0])
                out[rel] = read[1]
    return out


def _content_file(path: Path, root_real: Path) -> tuple[Path, str] | str:
    """The resolved path and text of a content file, or why it cannot be used (`message|hint`)."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # Python < 3.13 raises RuntimeError for a loop
        return "leads round in a symlink loop|point the symlink at the Markdown file itself"
    if not target.is_relative_to(root_real):
        return "is outside the project|keep content files inside the project (the folder with mkdocs.yml or .git)"
    try:
        raw = _read_regular_file(target)
    except _Unreadable as err:
        return err.message if err.size is None else "is too large or not text"
    except (FileNotFoundError, NotADirectoryError):
        return "not found|check the path; it is relative to the journey file"
    except OSError as err:
        return f"cannot be read: {_os_reason(err)}"
    if b"\0" in raw:
        return "is too large or not text"
    try:
        return target, raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "is not valid UTF-8"
