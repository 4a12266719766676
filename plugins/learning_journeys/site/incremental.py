"""Rebuilding only what a change touches, for a preview server that rebuilds on every save.

A :class:`SiteCache` lives as long as the server. It keeps, per journey file, the
result of loading it and the pages rendered from it, keyed on the file's bytes (and
its content files); a rebuild loads and renders again only the files that changed,
then assembles the catalogue, which lists them all. The rendered parts of the last
good version of a file stay after it breaks, so its pages can keep their content.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from learning_journeys.model.journey import Journey
from learning_journeys.model.vocabulary import SLUG
from learning_journeys.package_data import templates_dir
from learning_journeys.site.calendars import calendar_files, calendar_stamp
from learning_journeys.site.labels import labels_for
from learning_journeys.site.page_plan import NavNode, PageSpec, RenderOptions, SitePlan
from learning_journeys.site.pages import CatalogueFacts, assemble_site, catalogue_facts, journey_pages
from learning_journeys.site.problem_overlay import missing_page, overlay_html
from learning_journeys.validation.diagnostics import Diagnostic, display_path
from learning_journeys.validation.loading import (
    FileResult,
    LoadResult,
    _duplicate_journey_ids,
    find_journey_files,
    load_journey_file,
)
from learning_journeys.validation.yaml_loader import SourceMap, load_yaml_bytes

_SLUG = re.compile(SLUG)
_TOP_LEVEL = re.compile(r"^(id|title|language): *[\"']?([^\"'#\n]*?)[\"']? *(?:#.*)?$", re.M)


@dataclass(frozen=True)
class JourneyParts:
    """Everything one journey file contributes to the site, rendered once per version of it."""

    key: str
    journey: Journey
    pages: tuple[PageSpec, ...]
    nav: NavNode
    calendars: tuple[tuple[str, bytes], ...]
    # The line behind each page in the journey's YAML, for "edit this page".
    lines: dict[str, int] = field(default_factory=dict)
    # What the catalogue shows of it, worked out once.
    facts: CatalogueFacts | None = None


@dataclass
class SiteCache:
    """Loaded files and rendered journeys of earlier builds, by file path and content key."""

    loads: dict[Path, tuple[str, FileResult]] = field(default_factory=dict)
    parts: dict[Path, JourneyParts] = field(default_factory=dict)
    # What the last build did, for tests and for the log: files loaded and journeys rendered.
    loaded: list[Path] = field(default_factory=list)
    rendered: list[Path] = field(default_factory=list)

    def load(self, paths: Sequence[Path], base: Path | None = None) -> LoadResult:
        """What :func:`load_journeys` returns, loading again only files whose content changed."""
        self.loaded = []
        files, problems = find_journey_files(paths, base)
        results = [self._load_file(file, root, base) for file, root in files]
        diagnostics = list(problems)
        for r in results:
            diagnostics.extend(r.diagnostics)
        diagnostics.extend(_duplicate_journey_ids(results, base))
        diagnostics.sort(key=Diagnostic.sort_key)
        present = {r.path for r in results}
        for gone in [p for p in self.loads if p not in present]:
            del self.loads[gone]
        return LoadResult(tuple(results), tuple(diagnostics))

    def _load_file(self, path: Path, root: Path, base: Path | None) -> FileResult:
        cached = self.loads.get(path)
        key = content_key(path, cached[1].content_files if cached else ())
        if cached is not None and key is not None and cached[0] == key:
            return cached[1]
        self.loaded.append(path)
        result = load_journey_file(path, root, base)
        # A file with errors is loaded again next time: the fix may be in a file it names.
        if key is not None and result.journey is not None:
            self.loads[path] = (content_key(path, result.content_files) or key, result)
        else:
            self.loads.pop(path, None)
        return result

    def render(
        self, result: FileResult, options: RenderOptions, stamp: datetime | None = None
    ) -> JourneyParts:
        """The rendered parts of a good file: from the cache when neither it nor the options changed."""
        assert result.journey is not None
        key = self._key(result.path, options)
        cached = self.parts.get(result.path)
        if cached is not None and cached.key == key:
            return cached
        self.rendered.append(result.path)
        parts = render_parts(key, result.journey, options, stamp)
        self.parts[result.path] = parts
        return parts

    def _key(self, path: Path, options: RenderOptions) -> str:
        loaded = self.loads.get(path)
        # Not kept (unreadable a moment ago): a key no later build can match.
        content = loaded[0] if loaded else os.urandom(16).hex()
        return _digest([content, repr(options), *templates_signature(options)])

    def last_good(self, path: Path) -> JourneyParts | None:
        """The parts of the last version of ``path`` that rendered, if any."""
        return self.parts.get(path)

    def forget_missing(self, present: Iterable[Path]) -> None:
        """Drop what is kept for files that are gone."""
        keep = set(present)
        for gone in [p for p in self.parts if p not in keep]:
            del self.parts[gone]

    def start_build(self) -> None:
        self.rendered = []


def render_parts(
    key: str, journey: Journey, options: RenderOptions, stamp: datetime | None = None
) -> JourneyParts:
    """Render one journey: its pages, navigation, calendars and the source line of each page."""
    pages, nav = journey_pages(journey, options)
    calendars = tuple(calendar_files([journey], options.prefix, stamp or calendar_stamp()))
    return JourneyParts(
        key, journey, tuple(pages), nav, calendars, source_lines(pages), catalogue_facts(journey, options)
    )


def source_lines(pages: Iterable[PageSpec]) -> dict[str, int]:
    """Line of each page's part of its YAML file, for "edit this page" links."""
    out: dict[str, int] = {}
    maps: dict[Path, SourceMap | None] = {}
    for page in pages:
        if page.source is None or page.activity_path is None:
            continue
        if page.source not in maps:
            try:
                maps[page.source] = SourceMap(page.source.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                maps[page.source] = None
        smap = maps[page.source]
        if smap is not None:
            out[page.uri] = smap.locate(page.activity_path)[0]
    return out


def content_key(path: Path, content_files: Iterable[Path] = ()) -> str | None:
    """A digest of a journey file's bytes and its content files' sizes and times; None if unreadable."""
    try:
        parts = [hashlib.sha256(path.read_bytes()).hexdigest()]
        for extra in content_files:
            info = extra.stat()
            parts.append(f"{extra}:{info.st_size}:{info.st_mtime_ns}")
    except OSError:
        return None
    return _digest(parts)


def templates_signature(options: RenderOptions) -> list[str]:
    """Name, size and time of every template the pages are rendered with: an edited one renders all again."""
    out: list[str] = []
    for folder in (*options.template_dirs, templates_dir()):
        for here, _dirs, names in os.walk(folder):
            for name in sorted(names):
                try:
                    info = os.stat(os.path.join(here, name))
                except OSError:
                    continue
                out.append(f"{here}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return out


def _digest(parts: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class SiteBuild:
    """One build's site: the plan, and what a preview server needs besides."""

    plan: SitePlan
    calendars: tuple[tuple[str, bytes], ...]
    lines: dict[str, int]
    # Per page of a journey that built as it is: the key of its content. Pages without one
    # (the catalogue, pages with problems shown) are rendered by every build.
    page_keys: dict[str, str]
    # The problems block per page (HTML), for the pages of files with problems and the catalogue.
    overlays: dict[str, str]
    hidden_drafts: tuple[str, ...] = ()


def build_preview(
    cache: SiteCache,
    result: LoadResult,
    problems: Sequence[Diagnostic],
    options: RenderOptions,
    base: Path | None = None,
    hide_drafts: bool = False,
) -> SiteBuild:
    """The site for ``result``: files with ``problems`` keep their last good pages with the
    problems shown on top (or get a page that shows them), the others build as usual."""
    cache.start_build()
    cache.forget_missing(r.path for r in result.files)
    by_file: dict[str, list[Diagnostic]] = {}
    for d in problems:
        by_file.setdefault(d.file, []).append(d)
    shown_files = {display_path(r.path, base): r for r in result.files}
    parts: dict[str, JourneyParts] = {}
    overlays: dict[str, str] = {}
    broken: list[tuple[str, FileResult]] = []
    hidden: list[str] = []
    stamp = calendar_stamp()  # one DTSTAMP for the calendars this build renders
    for shown, r in shown_files.items():
        if shown in by_file or r.journey is None:
            broken.append((shown, r))
            continue
        if hide_drafts and r.journey.status == "draft":
            hidden.append(r.journey.id)
            continue
        parts[r.journey.id] = cache.render(r, options, stamp)
    page_keys = {p.uri: jp.key for jp in parts.values() for p in jp.pages}
    extra_pages: list[tuple[PageSpec, NavNode, str]] = []
    sources = {shown: _read_text(r.path) for shown, r in broken}
    for shown, r in broken:
        last = cache.last_good(r.path)
        if (
            last is not None
            and last.journey.id not in parts
            and not (hide_drafts and last.journey.status == "draft")
        ):
            parts[last.journey.id] = last
            html = overlay_html(
                by_file.get(shown, []),
                sources,
                labels_for(last.journey.language, options.site_language),
                "stale",
            )
            overlays.update({p.uri: html for p in last.pages})
            continue
        page = _missing_journey_page(r, shown, by_file.get(shown, []), sources, options)
        taken = {p.uri for jp in parts.values() for p in jp.pages} | {e[0].uri for e in extra_pages}
        if page is not None and page[0].uri not in taken:
            extra_pages.append(page)
            overlays[page[0].uri] = page[2]
    journeys = [jp.journey for jp in parts.values()]
    facts = {j: jp.facts for j, jp in parts.items() if jp.facts is not None}
    plan = assemble_site(journeys, {j: (jp.pages, jp.nav) for j, jp in parts.items()}, options, facts)
    if extra_pages:
        plan = _with_pages(plan, [(spec, nav) for spec, nav, _html in extra_pages])
    if problems:
        site_labels = labels_for(options.site_language, None)
        overlays[plan.pages[0].uri] = overlay_html(problems, sources, site_labels, "site")
    calendars = tuple(c for jp in parts.values() for c in jp.calendars)
    lines = {uri: line for jp in parts.values() for uri, line in jp.lines.items()}
    return SiteBuild(plan, calendars, lines, page_keys, overlays, tuple(sorted(hidden)))


def _missing_journey_page(
    r: FileResult,
    shown: str,
    problems: Sequence[Diagnostic],
    sources: dict[str, str | None],
    options: RenderOptions,
) -> tuple[PageSpec, NavNode, str] | None:
    """A page at the journey's address for a file that never built: its title and its problems."""
    journey_id, title, language = _what_the_file_says(r.path, sources.get(shown))
    if journey_id is None:
        return None
    # Where its overview will be once it builds (Uris.journey).
    uri = posixpath.join(*(p for p in (options.prefix.strip("/"), journey_id, "index.md") if p))
    labels = labels_for(language, options.site_language)
    spec = PageSpec(uri, title, missing_page(title), "problems", journey_id, r.path, language=language)
    nav = NavNode(title, None, (NavNode(title, uri),), journey_id)
    return spec, nav, overlay_html(problems, sources, labels, "missing")


def _what_the_file_says(path: Path, text: str | None) -> tuple[str | None, str, str | None]:
    """Id, title and language of a file that does not load, as far as it can be read.

    The id is the one a good version would have: its ``id``, else the file name.
    """
    data = None
    if text is not None:
        try:
            data = load_yaml_bytes(text.encode("utf-8"), str(path)).data
        except Exception:  # noqa: BLE001 - only a best guess for a page title
            data = None
    if not isinstance(data, dict):  # a YAML syntax error: the top-level lines, as far as they read
        data = dict(_TOP_LEVEL.findall(text or ""))
    raw_id = data.get("id")
    journey_id = raw_id if isinstance(raw_id, str) and _SLUG.fullmatch(raw_id) else path.stem
    if not _SLUG.fullmatch(journey_id):
        return None, "", None
    title = data.get("title") if isinstance(data.get("title"), str) and data.get("title") else journey_id
    language = data.get("language") if isinstance(data.get("language"), str) else None
    return journey_id, str(title), language


def _with_pages(plan: SitePlan, extra: Sequence[tuple[PageSpec, NavNode]]) -> SitePlan:
    """``plan`` with pages of journeys that never built, in title order after the catalogue."""
    children = list(plan.nav.children)
    for _spec, nav in extra:
        at = next(
            (i for i, c in enumerate(children) if c.journey_id and c.title.lower() > nav.title.lower()),
            len(children),
        )
        children.insert(at, nav)
    pages = plan.pages + tuple(spec for spec, _nav in extra)
    return SitePlan(
        pages, NavNode(plan.nav.title, plan.nav.uri, tuple(children), plan.nav.journey_id), plan.extra_files
    )


def _read_text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return None
