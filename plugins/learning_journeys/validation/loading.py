"""From files on disk to validated journeys and every problem found on the way.

This is what ``journeys validate`` and the MkDocs plugin both call. A file
with errors yields no journey but all its diagnostics; a bug in our own code
becomes one ``LJ900`` diagnostic instead of a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from learning_journeys.model.building import journey_from_data
from learning_journeys.model.journey import Journey
from learning_journeys.validation import rules, schema_check
from learning_journeys.validation.diagnostics import Diagnostic, PendingDiagnostic, display_path
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


def find_journey_files(paths: Sequence[Path]) -> tuple[list[tuple[Path, Path]], list[Diagnostic]]:
    """Journey files under ``paths`` (each once) with the root their content files must stay in."""
    found: list[tuple[Path, Path]] = []
    seen: set[Path] = set()
    problems: list[Diagnostic] = []
    for path in paths:
        if path.is_dir():
            files = [
                f
                for f in sorted(path.rglob("*"))
                if f.suffix in JOURNEY_SUFFIXES and f.is_file() and not _hidden(f, path)
            ]
        elif path.is_file():
            files = [path]
        else:
            problems.append(
                Diagnostic(str(path), 0, 0, "LJ001", "no such file or folder", hint="check the path")
            )
            continue
        root = project_root(path)
        for file in files:
            if file.resolve() not in seen:
                seen.add(file.resolve())
                found.append((file, root))
    return found, problems


def _hidden(file: Path, base: Path) -> bool:
    return any(part.startswith(".") for part in file.relative_to(base).parts)


def load_journeys(paths: Sequence[Path], base: Path | None = None) -> LoadResult:
    """Load and check every journey file under ``paths``; never raises for bad input."""
    files, problems = find_journey_files(paths)
    results = [load_journey_file(file, root, base) for file, root in files]
    diagnostics = list(problems)
    for r in results:
        diagnostics.extend(r.diagnostics)
    diagnostics.extend(_duplicate_journey_ids(results, base))
    diagnostics.sort(key=Diagnostic.sort_key)
    return LoadResult(tuple(results), tuple(diagnostics))


def _duplicate_journey_ids(results: Iterable[FileResult], base: Path | None) -> list[Diagnostic]:
    seen: dict[str, Path] = {}
    out = []
    for r in results:
        if r.journey is None:
            continue
        first = seen.setdefault(r.journey.id, r.path)
        if first != r.path:
            out.append(
                Diagnostic(
                    display_path(r.path, base),
                    1,
                    1,
                    "LJ212",
                    f"journey id `{r.journey.id}` is also used by {display_path(first, base)}",
                    hint="give each journey its own `id`",
                )
            )
    return out


def load_journey_file(path: Path, root: Path, base: Path | None = None) -> FileResult:
    """One file, fully checked. ``root`` bounds where its content files may be."""
    shown = display_path(path, base)
    try:
        return _load(path, root, shown)
    except Exception as err:  # noqa: BLE001 - a bug of ours must not become a traceback
        message = f"internal error while checking this file: {type(err).__name__}: {err}"
        return FileResult(
            path,
            None,
            (Diagnostic(shown, 1, 1, "LJ900", message, hint="please report this with the file attached"),),
        )


def _load(path: Path, root: Path, shown: str) -> FileResult:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:  # refuse before reading it into memory
            message = f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
            hint = "move long texts into Markdown files next to the journey (content_file)"
            return FileResult(path, None, (Diagnostic(shown, 1, 1, "LJ002", message, hint=hint),))
        raw = path.read_bytes()
    except OSError as err:
        return FileResult(path, None, (Diagnostic(shown, 0, 0, "LJ001", f"cannot read: {err.strerror}"),))
    loaded = load_yaml_bytes(raw, shown)
    diagnostics = list(loaded.diagnostics)
    if loaded.data is None:
        return FileResult(path, None, tuple(diagnostics))

    data: dict[str, Any] = loaded.data
    pending: list[PendingDiagnostic] = []
    if not schema_check.is_valid(data):
        pending.extend(schema_check.schema_problems(data))
    schema_ok = not pending
    # Also when the schema failed: a typo in one place must not hide a wrong id in another.
    pending.extend(rules.check_ids_and_references(data))
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
            target = (path.parent / rel).resolve()
            if root_real is None:
                root_real = root.resolve()
            if not target.is_relative_to(root_real):
                pending.append(
                    PendingDiagnostic(
                        where,
                        "LJ206",
                        f"content file `{rel}` is outside the project",
                        hint="keep content files inside the project (the folder with mkdocs.yml or .git)",
                    )
                )
                continue
            try:
                raw = target.read_bytes()
            except OSError:
                pending.append(
                    PendingDiagnostic(
                        where,
                        "LJ206",
                        f"content file `{rel}` not found",
                        hint="check the path; it is relative to the journey file",
                    )
                )
                continue
            if len(raw) > MAX_FILE_BYTES or b"\0" in raw:
                pending.append(
                    PendingDiagnostic(where, "LJ206", f"content file `{rel}` is too large or not text")
                )
                continue
            try:
                out[rel] = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                pending.append(PendingDiagnostic(where, "LJ206", f"content file `{rel}` is not valid UTF-8"))
                continue
            used.append(target)
    return out
