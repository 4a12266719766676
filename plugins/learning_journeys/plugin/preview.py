"""What `mkdocs serve` keeps between rebuilds, so that saving one journey answers fast.

MkDocs renders every page again on every rebuild: Markdown, then the theme's template,
then the search index. With a hundred journeys that is well over a thousand pages,
and most of the time of a rebuild. The plugin keeps the HTML each page of a journey
had in the previous build, and while neither the journey nor the site around it
changed it hands MkDocs that HTML as a file to copy instead of a page to render.

The pages MkDocs still renders are those of the journeys that changed, of journeys
with problems (they show them), the catalogue (it lists every journey) and the site's
own pages. Kept pages keep their entries in the search index (Material's or MkDocs'
search); in the navigation of the rendered pages they are links rather than pages, and
Material's sitemap of the preview leaves them out. The folder of a journey whose pages are
all kept is moved aside before MkDocs empties the site folder and put back after the build,
rather than written again file by file. `mkdocs build` never uses any of it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel


class BuiltPage(File):
    """A page of an unchanged journey as the HTML of an earlier build: MkDocs copies it,
    unless its journey's folder is put back whole after the build (``in_place``)."""

    in_place = False

    def is_documentation_page(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        if not self.in_place:
            super().copy_file(dirty)


class InPlaceFile(File):
    """A generated file of an unchanged journey (a calendar, a workbook) that is already in
    its journey's folder, which is put back whole after the build: MkDocs writes nothing."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def built_page(
    config: MkDocsConfig, uri: str, html: str, inclusion: InclusionLevel, in_place: bool = False
) -> BuiltPage:
    """A file at ``uri`` (``x/y.md``) that is written where that page would be, with ``html``.

    Links to ``x/y.md`` from rendered pages still find it, and get its URL.
    """
    as_page = File.generated(config, uri, content="")
    file = BuiltPage.generated(config, uri, content=html, inclusion=inclusion)
    file.dest_uri = as_page.dest_uri
    assert isinstance(file, BuiltPage)  # File.generated makes an object of the class it is called on
    file.in_place = in_place
    return file


class FoldersAside:
    """The output folders of unchanged journeys, moved out of the site folder before MkDocs
    empties it and moved back after the build.

    Two renames per journey instead of writing its pages and calendars again, and deleting
    them first: with a hundred journeys that is thousands of files, most of a rebuild.
    The place aside is next to the site folder, on the same file system, not served.
    """

    def __init__(self) -> None:
        self.site_dir: Path | None = None
        self.aside: dict[str, Path] = {}  # folder in the site (posix) -> where it is now

    def _place(self) -> Path:
        assert self.site_dir is not None
        return self.site_dir.with_name(self.site_dir.name + ".unchanged")

    def move_aside(self, site_dir: str, folders: Iterable[str]) -> None:
        """Move each of ``folders`` (relative to ``site_dir``) that exists out of the way."""
        self.discard()
        self.site_dir = Path(site_dir)
        place = self._place()
        try:
            place.mkdir()
        except OSError:
            return  # nothing moved: the build writes every file as usual
        for number, folder in enumerate(folders):
            source = self.site_dir / folder
            if not folder or not source.is_dir() or source.is_symlink():
                continue
            try:
                os.rename(source, place / str(number))
            except OSError:
                continue
            self.aside[folder] = place / str(number)

    def keep_only(self, folders: Iterable[str]) -> set[str]:
        """Forget the folders aside that are not in ``folders``; the ones that stay aside."""
        wanted = set(folders)
        for folder in [f for f in self.aside if f not in wanted]:
            shutil.rmtree(self.aside.pop(folder), ignore_errors=True)
        return set(self.aside)

    def put_back(self) -> None:
        """Every folder aside back in its place; what the build wrote there too stays."""
        if self.site_dir is None:
            return
        for folder, where in self.aside.items():
            _move(where, self.site_dir / folder)
        self.aside.clear()
        self.discard()

    def discard(self) -> None:
        self.aside.clear()
        if self.site_dir is not None:
            shutil.rmtree(self._place(), ignore_errors=True)


def _move(source: Path, target: Path) -> None:
    """``source`` to ``target``, merged into what is there already (which stays)."""
    if target.is_dir() and not target.is_symlink() and source.is_dir():
        if not any(target.iterdir()):
            target.rmdir()
        else:
            for entry in source.iterdir():
                _move(entry, target / entry.name)
            return
    if os.path.lexists(target):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(source, target)
    except OSError:
        pass  # the page is written by the next build that renders it


@dataclass
class PageStore:
    """The HTML of each journey page from earlier builds, with the key it was built for."""

    html: dict[str, tuple[str, str]] = field(default_factory=dict)

    def get(self, uri: str, key: str) -> str | None:
        kept = self.html.get(uri)
        return kept[1] if kept is not None and kept[0] == key else None

    def put(self, uri: str, key: str, html: str) -> None:
        self.html[uri] = (key, html)

    def keep_only(self, uris: Iterable[str]) -> None:
        wanted = set(uris)
        for uri in [u for u in self.html if u not in wanted]:
            del self.html[uri]


def site_signature(config: MkDocsConfig, files: Files, ours: Iterable[str]) -> str:
    """What every page's HTML depends on besides its own journey: the configuration (theme,
    plugins, Markdown extensions, options) and the site's own pages (the navigation)."""
    # MkDocs keeps one plugin object per process: another project's pages must never match.
    parts: list[str] = [str(config.config_file_path), config.docs_dir, config.site_dir]
    if config.config_file_path:
        try:
            parts.append(hashlib.sha256(Path(config.config_file_path).read_bytes()).hexdigest())
        except OSError:
            parts.append("unreadable")
    skip = set(ours)
    for file in files.documentation_pages():
        if file.src_uri in skip:
            continue
        stamp = ""
        if file.abs_src_path:
            try:
                stamp = str(Path(file.abs_src_path).stat().st_mtime_ns)
            except OSError:
                stamp = "gone"
        parts.append(f"{file.src_uri}:{stamp}")
    for folder in config.theme.dirs[:1] if config.theme.custom_dir else ():
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                parts.append(f"{path}:{path.stat().st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory; Jinja checks each against its source's checksum."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


def search_entries(config: MkDocsConfig) -> list[dict[str, Any]] | None:
    """The entries of the site's search index while it is being built (Material's search, or
    MkDocs' own), or None without a search plugin of a known kind."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        for name in ("entries", "_entries"):  # Material's SearchIndex, MkDocs' SearchIndex
            entries = getattr(index, name, None)
            if isinstance(entries, list):
                return entries
    return None


@dataclass
class SearchStore:
    """The search entries of each journey page, so that pages kept as HTML stay searchable."""

    entries: dict[str, tuple[str, list[dict[str, Any]]]] = field(default_factory=dict)

    def carry_over(
        self,
        index: list[dict[str, Any]],
        rendered: dict[str, str],
        kept: dict[str, str],
        urls: dict[str, str],
    ) -> None:
        """Remember the entries of ``rendered`` pages ({uri: key}) and add those of ``kept`` ones."""
        by_url: dict[str, list[dict[str, Any]]] = {}
        for entry in index:
            by_url.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(entry)
        for uri, key in rendered.items():
            self.entries[uri] = (key, by_url.get(urls.get(uri, ""), []))
        for uri, key in kept.items():
            stored = self.entries.get(uri)
            if stored is not None and stored[0] == key:
                index.extend(stored[1])


# What a save does to a file; reading one (our own loader does) opens and closes it unwritten.
_SAVE_EVENTS = frozenset({"created", "modified", "deleted", "moved", "closed"})


def watch_saves(server: Any, folder: str) -> Any | None:
    """Under `mkdocs serve`: ``folder`` watched through the system's file events (inotify,
    FSEvents, ReadDirectoryChangesW), so that a save starts the rebuild at once instead of at
    MkDocs' next look at the folder (it polls every half second). The observer, or None where
    the system has no such events or the server is not MkDocs' own (the caller then polls)."""
    found = getattr(server, "_rebuild_cond", None)
    if found is None or not hasattr(server, "_want_rebuild"):
        return None
    condition: Any = found
    try:
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer
    except ImportError:
        return None

    class _Saved(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.is_directory or event.event_type not in _SAVE_EVENTS:
                return
            with condition:  # as MkDocs' own watcher does
                server._want_rebuild = True
                condition.notify_all()

    observer = Observer()
    try:
        observer.schedule(_Saved(), folder, recursive=True)
        observer.start()
    except (OSError, RuntimeError):
        return None
    return observer

