"""The MkDocs plugin: a thin adapter from MkDocs' events to the core.

``on_pre_build`` loads and checks the journeys (before MkDocs empties the
site folder, so a failed build leaves the last good site); ``on_files`` adds
the generated pages; ``on_nav`` puts them in journey order; ``on_serve``
watches the journey files.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import posixpath
import re
from dataclasses import replace
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from learning_journeys.model.journey import Journey
from learning_journeys.plugin.background_workbooks import BackgroundWorkbooks
from learning_journeys.plugin.page_language import theme_texts
from learning_journeys.plugin.preview import (
    BuiltPage,
    FoldersAside,
    InPlaceFile,
    MemoryBytecodeCache,
    PageStore,
    SearchStore,
    built_page,
    search_entries,
    site_signature,
    watch_saves,
)
from learning_journeys.site.assets import asset_files
from learning_journeys.site.incremental import SiteBuild, SiteCache, build_preview
from learning_journeys.site.labels import labels_for
from learning_journeys.site.learner_path import learner_path
from learning_journeys.site.page_plan import Uris
from learning_journeys.site.pages import NavNode, PageSpec, RenderOptions, SitePlan
from learning_journeys.site.sanitize import SafeLinksExtension, encode_path, theme_title
from learning_journeys.site.schema_reference import with_reference_page
from learning_journeys.site.table_cards import TableCardsExtension
from learning_journeys.site.workbook import WorkbookError, Workbooks
from learning_journeys.validation.loading import LoadResult
from learning_journeys.validation.reporting import format_text

log = get_plugin_logger(__name__)
# Material's partials that speak the page's language (see theme/partials/language.html).
THEME_OVERRIDES = Path(__file__).resolve().parent / "theme"
_HTML_LANG = re.compile(r'<html lang="[^"]*"')
_HEADERLINK = re.compile(r'(<a class="headerlink" href="[^"]*")( title="Permanent link")?(?! tabindex)')

# Markdown extensions the generated pages are written for (all ship with
# MkDocs or Material); added when a site does not list them itself.
REQUIRED_EXTENSIONS = (
    "tables",
    "attr_list",
    "md_in_html",
    "admonition",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tilde",
)


class _PluginConfig(base.Config):
    journeys_dir = c.Dir(exists=True, default="journeys")
    """Folder with the journey files (*.yaml), relative to mkdocs.yml."""
    prefix = c.Type(str, default="journeys")
    """Where the generated pages go in the site: `journeys/` by default, `""` for the site root."""
    templates_dir = c.Optional(c.Dir(exists=True))
    """A folder of templates that override the built-in ones by file name."""
    strict = c.Type(bool, default=False)
    """Treat journey warnings as errors."""
    sanitize = c.Type(bool, default=True)
    """Strip scripts, event handlers and javascript: links from authors' Markdown. Turn off only
    for a site that fully trusts every author."""
    nav_title = c.Optional(c.Type(str))
    """Title of the journeys section in the navigation (default: "Learning journeys" in the
    site's language)."""
    language = c.Optional(c.Type(str))
    """Language of the site's own labels (default: the theme's language)."""
    workbook = c.Type(bool, default=False)
    """A PDF workbook per journey, linked from its overview (needs WeasyPrint:
    `pip install mkdocs-learning-journeys[workbook]`)."""
    drafts = c.Choice(("show", "preview", "hide"), default="show")
    """Journeys with `status: draft` (or no status): `show` them like the others (with a "draft"
    badge), show them only under `mkdocs serve` (`preview`: left out of `mkdocs build`), or `hide`
    them. Left out means out of the catalogue, the navigation, the pages and the calendars."""
    schema_reference = c.Type(bool, default=False)
    """Add a page with the reference of the journey format (every field, in the site's language)."""


class LearningJourneysPlugin(BasePlugin[_PluginConfig]):
    """Generates a learning site from journey YAML files."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self._workbooks = Workbooks()  # kept across the rebuilds of `mkdocs serve`
        self._later = BackgroundWorkbooks(self._workbooks)
        self._waiting_workbooks: list[tuple[str, str]] = []
        self._serving = False
        self._result: LoadResult | None = None
        self._plan: SitePlan | None = None
        self._generated: dict[str, Any] = {}
        self._specs: dict[str, PageSpec] = {}
        self._scopes: _NavScopes | None = None
        self._edit_uris: dict[str, str] = {}
        self._extra: list[tuple[str, str | bytes]] = []
        self._languages: dict[str, str | None] = {}
        self._folders = ""
        # Kept through all rebuilds of one `mkdocs serve` (see preview.py).
        self._cache = SiteCache()
        self._store = PageStore()
        self._build: SiteBuild | None = None
        self._signature = ""
        self._bytecode = MemoryBytecodeCache()
        self._search = SearchStore()
        self._kept: set[str] = set()
        self._aside = FoldersAside()
        self._watcher: Any = None  # the journeys folder's watcher under `mkdocs serve`
        self._in_place: set[str] = set()  # folders of journeys put back whole after this build
        self._folder_depth = 1  # how many folders a journey's folder path has (the prefix's and its own)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._serving = command == "serve"
        if self._serving:
            self._later.stop()  # that of an earlier server in this process, if any
            self._later = BackgroundWorkbooks(self._workbooks)

    def on_shutdown(self) -> None:
        self._later.stop()
        self._aside.discard()
        if self._watcher is not None:
            self._watcher.stop()

    def on_build_error(self, *, error: Exception) -> None:
        self._later.failed()
        self._aside.discard()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # One plugin object lives through all rebuilds of `mkdocs serve`.
        self._result = None
        self._plan = None
        self._build = None
        self._generated = {}
        self._specs = {}
        self._scopes = None
        self._edit_uris = {}
        self._extra = []
        self._waiting_workbooks = []
        self._languages = {}
        self._folders = ""
        self._in_place = set()
        if config.theme.name == "material" and str(THEME_OVERRIDES) not in config.theme.dirs:
            # After the site's own overrides (custom_dir), before Material's templates.
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_OVERRIDES))
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.markdown_extensions.append(TableCardsExtension())
        if self.config.sanitize:
            config.markdown_extensions.append(SafeLinksExtension())
        for uri in (a.uri for a in asset_files() if a.linked):
            if uri.endswith(".css") and uri not in config.extra_css:
                config.extra_css.append(uri)
            elif uri.endswith(".js") and uri not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(uri)
        return config

    def _site_language(self, config: MkDocsConfig) -> str | None:
        return self.config.language or config.theme.get("language")

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self._serving:
            self._later.building()
        journeys_dir = Path(self.config.journeys_dir)
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        result = self._cache.load([journeys_dir], base=base)
        self._result = result
        # Design advice is for `journeys validate` (where --strict fails on it): a build says it
        # in passing and never stops for it, so that `mkdocs build --strict` builds any valid journey.
        for advice in (d for d in result.diagnostics if d.is_advice):
            log.info(format_text([advice]))
        checked = [d for d in result.diagnostics if not d.is_advice]
        problems = [d for d in checked if d.is_error or self.config.strict]
        warnings = [d for d in checked if not (d.is_error or self.config.strict)]
        for w in warnings:
            log.warning(format_text([w]))
        if problems:
            summary = f"{len(problems)} problem(s) in the journey files:\n{format_text(problems)}"
            if not self._serving:
                # Raised before MkDocs empties site/, so the last good site stays.
                raise PluginError(summary)
            # The preview stays up: the other journeys build, these show their problems. Under
            # `mkdocs serve --strict` an error would fail the rebuild, and the server would then
            # hold every request until the next good one: the pages say it instead.
            log.log(logging.INFO if config.strict else logging.ERROR, summary)
        options = RenderOptions(
            prefix=self.config.prefix,
            site_language=self._site_language(config),
            sanitize=self.config.sanitize,
            template_dirs=(Path(self.config.templates_dir),) if self.config.templates_dir else (),
            nav_title=self.config.nav_title,
            workbook=self.config.workbook,
        )
        hide_drafts = self.config.drafts == "hide" or (self.config.drafts == "preview" and not self._serving)
        # Everything the site needs is made and checked here, before MkDocs empties site/:
        # a build either completes or fails with a message and leaves the last good site.
        try:
            self._build = build_preview(self._cache, result, problems, options, base, hide_drafts)
            self._plan = self._build.plan
            if self.config.schema_reference:
                self._plan = with_reference_page(self._plan, options.prefix, options.site_language)
                self._build = _with_reference_key(self._build, self._plan)
            self._edit_uris = _edit_uris(self._plan, Path(config.docs_dir), self._build.lines)
            self._extra = [(a.uri, a.content) for a in asset_files()]
            self._extra += list(self._plan.extra_files)  # each journey's data for the catalogue
            # DTSTAMP and SEQUENCE: SOURCE_DATE_EPOCH when set (reproducible builds), else the
            # time the journey was rendered.
            self._extra += list(self._build.calendars)
            if options.workbook:
                shown = {p.journey_id for p in self._plan.pages}
                journeys = [j for j in result.journeys if j.id in shown]
                self._extra += self._workbook_files(journeys, options, bool(config.strict))
        except Exception as err:  # noqa: BLE001 - shown as a build error, not a traceback
            raise PluginError(
                f"learning-journeys could not render the pages: {type(err).__name__}: {err}"
            ) from err
        if self._build.hidden_drafts:
            log.info("Drafts left out of the site: " + ", ".join(self._build.hidden_drafts))
        if self._serving and self._cache.rendered:
            log.info(f"Journeys rendered again: {len(self._cache.rendered)} of {len(result.files)}")
        _check_clashes(
            [p.uri for p in self._plan.pages] + [uri for uri, _ in self._extra], Path(config.docs_dir)
        )
        if self._serving:
            # Before MkDocs empties site/: the folders of journeys whose pages will be kept
            # (as far as the last build can tell) go aside, and come back after the build.
            unchanged = self._unchanged_folders(lambda uri, key: self._store.get(uri, key + self._signature))
            self._aside.move_aside(config.site_dir, unchanged)

    def _workbook_files(
        self, journeys: list[Journey], options: RenderOptions, config_strict: bool
    ) -> list[tuple[str, bytes]]:
        if not self._serving:
            # Laid out here with the pages: a workbook that fails stops the build before site/ is emptied.
            return self._workbooks.files(journeys, options)
        # The preview does not wait for WeasyPrint: changed workbooks are laid out after the build.
        try:
            files, self._waiting_workbooks = self._workbooks.files_for_now(journeys, options)
        except WorkbookError as err:
            # No WeasyPrint or Pango here: the preview goes on without workbooks (a build stops).
            level = logging.INFO if config_strict else logging.WARNING
            log.log(level, f"learning-journeys: the preview has no PDF workbooks: {err}")
            files, self._waiting_workbooks = [], []
        return files

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._drop_sources(files)
        if self._plan is None:
            return files
        kept = self._kept_pages(files, config)
        self._kept = set(kept)
        self._in_place = self._aside.keep_only(self._unchanged_folders(lambda uri, _key: kept.get(uri)))
        self._folder_depth = Uris(self.config.prefix).folder("x").count("/") + 1
        for page in self._plan.pages:
            self._specs[page.uri] = page
            if page.uri in kept:
                self._add_built(files, config, page, kept[page.uri])
                continue
            file = self._add(files, config, page.uri, page.markdown, in_nav=page.in_nav)
            if page.uri in self._edit_uris:
                file.edit_uri = self._edit_uris[page.uri]
        for uri, content in self._extra:
            if self._is_in_place(uri):
                in_place = InPlaceFile.generated(config, uri, content=content)
                files.append(in_place)
                self._generated[uri] = in_place
            else:
                self._add(files, config, uri, content)
        return files

    def _unchanged_folders(self, kept_html: Any) -> list[str]:
        """The folders of the journeys all of whose pages ``kept_html(uri, key)`` has HTML for."""
        if self._build is None or self._plan is None:
            return []
        pages: dict[str, list[str]] = {}
        for page in self._plan.pages:
            if page.journey_id:
                pages.setdefault(page.journey_id, []).append(page.uri)
        keys = self._build.page_keys
        uris = Uris(self.config.prefix)
        return [
            uris.folder(journey_id)
            for journey_id, own in pages.items()
            if all(uri in keys and kept_html(uri, keys[uri]) is not None for uri in own)
        ]

    def _is_in_place(self, uri: str) -> bool:
        """Whether ``uri`` lies in the folder of a journey put back whole after this build."""
        if not self._in_place:
            return False
        parts = uri.split("/")
        depth = self._folder_depth  # the prefix's folders and the journey's
        return len(parts) > depth and "/".join(parts[:depth]) in self._in_place

    def _kept_pages(self, files: Files, config: MkDocsConfig) -> dict[str, str]:
        """Under `mkdocs serve`: the HTML of pages whose journey and site did not change since it was made."""
        if not self._serving or self._build is None:
            return {}
        ours = [p.uri for p in self._plan.pages] if self._plan else []
        self._signature = site_signature(config, files, ours)
        self._store.keep_only(self._build.page_keys)
        kept = {}
        for uri, key in self._build.page_keys.items():
            html = self._store.get(uri, key + self._signature)
            if html is not None:
                kept[uri] = html
        return kept

    def _add_built(self, files: Files, config: MkDocsConfig, page: PageSpec, html: str) -> None:
        if _file(files, page.uri) is not None:
            self._add(files, config, page.uri, page.markdown)  # raises the clash error
        inclusion = InclusionLevel.NOT_IN_NAV if config.nav or not page.in_nav else InclusionLevel.INCLUDED
        file = built_page(config, page.uri, html, inclusion, in_place=self._is_in_place(page.uri))
        files.append(file)
        self._generated[page.uri] = file

    def _add(
        self, files: Files, config: MkDocsConfig, uri: str, content: str | bytes, in_nav: bool = True
    ) -> File:
        existing = _file(files, uri)
        if existing is not None:
            raise PluginError(
                f"learning-journeys wants to generate '{uri}', but the site already has that file."
                " Set the plugin's `prefix` option to put the journeys elsewhere."
            )
        # With a `nav:` of the site's own, MkDocs would call our pages omitted from it before
        # `on_nav` places them (a warning, so `--strict` fails).
        # Pages kept out of the learner's navigation (run sheets) say so, or MkDocs would warn.
        inclusion = InclusionLevel.NOT_IN_NAV if config.nav or not in_nav else InclusionLevel.INCLUDED
        file = File.generated(config, uri, content=content, inclusion=inclusion)
        files.append(file)
        self._generated[uri] = file
        return file

    def _drop_sources(self, files: Files) -> None:
        """Journey sources inside docs_dir are inputs, not pages or downloads."""
        if self._result is None:
            return
        sources = {str(f.path.resolve()) for f in self._result.files}
        for r in self._result.files:
            sources.update(str(p) for p in r.content_files)
        journeys_dir = Path(self.config.journeys_dir).resolve()
        for file in list(files):
            if not file.abs_src_path:
                continue
            try:
                path = Path(file.abs_src_path).resolve()
            except (OSError, RuntimeError):  # a symlink loop: not one of ours
                continue
            if str(path) in sources or (
                path.suffix in (".yaml", ".yml") and path.is_relative_to(journeys_dir)
            ):
                files.remove(file)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        ours = set(self._generated)
        if not ours:
            return nav
        if self._plan is None:
            section_items: list[Any] = [
                f.page for uri, f in self._generated.items() if uri.endswith(".md") and f.page
            ]
        else:
            section_items = [_to_structure(self._plan.nav, files)]
        items, position = _without(nav.items, ours)
        if position is None:
            position = len(items)
        wrapped = bool(items) or not (section_items and isinstance(section_items[0], Section))
        if not wrapped:
            # A site without its own pages gets the journeys at the top level.
            section_items = section_items[0].children
        items[position:position] = section_items
        navigation = _navigation(items)
        if self._plan is not None:
            holder: Any = section_items[0] if wrapped else navigation
            self._scopes = _NavScopes(holder, "children" if wrapped else "items", self._plan.nav)
            self._scopes.translate(self._plan, self._site_language(config), self.config.nav_title, wrapped)
            self._follow_learner_paths(files)
            self._reference_after_catalogue(files)
        site = self._site_language(config)
        self._folders = json.dumps(
            {"": site or "", **{f.url: s.language for s in self._specs.values() if s.kind == "journey" and s.language
                                for f in [self._generated.get(s.uri)] if f is not None}},
            separators=(",", ":"),
        )
        self._languages = {p.url: getattr(self._specs.get(p.file.src_uri), "language", None) or site for p in navigation.pages}
        return navigation

    def _reference_after_catalogue(self, files: Files) -> None:
        """The reference's footer leads back to the catalogue, not into the last journey."""
        if self._plan is None:
            return
        by_kind = {p.kind: _file(files, p.uri) for p in self._plan.pages if p.kind in ("catalogue", "reference")}
        reference, catalogue = by_kind.get("reference"), by_kind.get("catalogue")
        if reference is not None and reference.page is not None:
            reference.page.previous_page = catalogue.page if catalogue is not None else None
            reference.page.next_page = None

    def _follow_learner_paths(self, files: Files) -> None:
        """Previous and next on a journey's pages follow the learner's path and stay in the journey."""
        if self._result is None:
            return
        uris = Uris(self.config.prefix)
        for journey in self._result.journeys:
            path = [_file(files, uri) for uri in learner_path(journey, uris)]
            pages = [f.page for f in path if f is not None and f.page is not None]
            on_path = {id(p) for p in pages}
            for spec in self._specs.values():
                if spec.journey_id != journey.id:  # looked up only for its own pages: 100 journeys, 1,600 pages
                    continue
                file = _file(files, spec.uri)
                if file is not None and file.page is not None:
                    if id(file.page) not in on_path:  # agenda, manager's page: reached from the overview
                        file.page.previous_page = file.page.next_page = None
            for index, page in enumerate(pages):
                page.previous_page = pages[index - 1] if index > 0 else None
                page.next_page = pages[index + 1] if index + 1 < len(pages) else None

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # Material renders the whole navigation into every page; a journey's pages show
        # only their own journey, so the cost per page stays flat as journeys are added.
        spec = self._specs.get(page.file.src_uri)
        if self._scopes is not None and spec is not None and spec.journey_id:
            self._scopes.narrow(spec.journey_id)
        elif self._scopes is not None and spec is not None and spec.kind == "reference":
            # The format's reference is not about any journey: its navigation holds the site's
            # own pages and the catalogue, so it stays the same while journeys change.
            self._scopes.to_shared()
        page.meta["lj_theme"] = theme_texts(
            spec.language if spec is not None else None, self._site_language(config), config.theme.dirs
        )
        return context

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Under `mkdocs serve`, the problems of a journey file on top of its pages."""
        overlay = self._build.overlays.get(page.file.src_uri) if self._build is not None else None
        return overlay + html if overlay else html

    # Priority: last, so that the HTML kept for the next rebuild of `mkdocs serve` is the
    # page as written, after every other plugin.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = self._finish_page(output, page, config)
        if self._serving and self._build is not None:
            key = self._build.page_keys.get(page.file.src_uri)
            if key is not None:
                self._store.put(page.file.src_uri, key + self._signature, output)
        return output

    def _finish_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """A journey's own language on <html>, and its JSON-LD in <head>.

        In <head> the JSON-LD survives Material's instant navigation, which
        re-runs scripts in the content as JavaScript.
        """
        if self._scopes is not None:
            self._scopes.restore()
        spec = self._specs.get(page.file.src_uri)
        output = _quiet_permalinks(output, labels_for(spec.language if spec else None, self._site_language(config)))
        if self._folders:
            # Where each journey's pages start and their language, for links the script sees
            # (search results): one in another language loads its page whole.
            meta = f'<meta name="lj-languages" content="{escape(self._folders)}">\n'
            output = output.replace("</head>", meta + "</head>", 1)
        if spec is None:
            return output
        if spec.language and config.theme.name != "material":  # Material's is set by theme/
            output = _HTML_LANG.sub(f'<html lang="{escape(spec.language)}"', output, count=1)
        output = _mark_other_languages(output, page.url, spec.language or self._site_language(config), self._languages)
        if spec.jsonld:
            script = f'<script type="application/ld+json">{spec.jsonld}</script>\n'
            output = output.replace("</head>", script + "</head>", 1)
        return output

    # Priority: before the search plugins write their index.
    @event_priority(50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Under `mkdocs serve`, the folders of unchanged journeys go back in place, and pages
        kept as HTML keep their entries in the search index."""
        self._aside.put_back()
        if self._serving:
            self._later.built(config.site_dir, self._waiting_workbooks, strict=bool(config.strict))
        index = search_entries(config) if self._serving and self._build is not None else None
        if index is None or self._build is None:
            return
        keys = {uri: key + self._signature for uri, key in self._build.page_keys.items()}
        urls = {uri: self._generated[uri].url for uri in keys if uri in self._generated}
        rendered = {uri: key for uri, key in keys.items() if uri not in self._kept}
        kept = {uri: key for uri, key in keys.items() if uri in self._kept}
        self._search.carry_over(index, rendered, kept, urls)

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        # The "not found" page links to the catalogue rather than to every page of every
        # journey: rendering a navigation of 1,600 pages costs seconds on every rebuild.
        if template_name == "404.html" and self._scopes is not None:
            setattr(self._scopes.holder, self._scopes.attribute, self._scopes.shared)
        return context

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if self._scopes is not None:
            self._scopes.restore()
        return output_content

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # MkDocs makes a new theme environment for every build, which compiles the theme's
        # templates again: under `mkdocs serve`, the compiled code is kept between rebuilds.
        if self._serving and env.bytecode_cache is None:
            env.bytecode_cache = self._bytecode
        return env

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        journeys = os.path.abspath(self.config.journeys_dir)
        docs = os.path.abspath(config.docs_dir)
        inside_docs = journeys != docs and Path(journeys).is_relative_to(docs)
        # The journeys folder by the system's file events where it can: a save is rebuilt at once.
        # Inside the docs folder MkDocs polls it anyway, and two watchers would rebuild twice.
        self._watcher = None if inside_docs else watch_saves(server, journeys)
        if self._watcher is None:
            server.watch(journeys)
        elif journeys == docs:
            server.unwatch(docs)  # the docs folder is the journeys folder: watched by events now
        if self.config.templates_dir:
            server.watch(str(Path(self.config.templates_dir).resolve()))
        return server


class _NavScopes:
    """Swaps the journeys' part of the navigation for one journey while a page renders."""

    def __init__(self, holder: Any, attribute: str, plan_nav: NavNode) -> None:
        self.holder = holder
        self.attribute = attribute
        self.full: list[Any] = list(getattr(holder, attribute))
        # The holder's items stand in the order of the plan's children.
        pairs = list(zip(plan_nav.children, self.full[-len(plan_nav.children) :], strict=True))
        shared = [item for node, item in pairs if node.journey_id is None]
        others = self.full[: len(self.full) - len(plan_nav.children)]
        self.scoped = {node.journey_id: others + shared + [item] for node, item in pairs if node.journey_id}
        self.shared = others + shared

        self.titles: dict[str, list[tuple[Any, str]]] = {}
        self.own_titles: list[tuple[Any, str]] = []

    def translate(self, plan: SitePlan, site_language: str | None, nav_title: str | None, wrapped: bool) -> None:
        """The shared items' titles ("Overview", the section) in each journey's language."""
        uri = next((p.uri for p in plan.pages if p.kind == "catalogue"), None)
        catalogue = [
            item for node, item in zip(plan.nav.children, self.full[-len(plan.nav.children) :], strict=True)
            if node.journey_id is None and node.uri == uri
        ]
        languages = {p.journey_id: p.language for p in plan.pages if p.journey_id}
        for journey_id, language in languages.items():
            labels = labels_for(language, site_language)
            titles = [(item, labels("overview")) for item in catalogue]
            if wrapped and not nav_title:
                titles.append((self.holder, labels("journeys")))
            self.titles[journey_id] = titles

    def to_shared(self) -> None:
        setattr(self.holder, self.attribute, self.shared)

    def narrow(self, journey_id: str) -> None:
        if journey_id in self.scoped:
            setattr(self.holder, self.attribute, self.scoped[journey_id])
        self.own_titles = [(item, item.title) for item, _ in self.titles.get(journey_id, [])]
        for item, title in self.titles.get(journey_id, []):
            item.title = title

    def restore(self) -> None:
        setattr(self.holder, self.attribute, self.full)
        for item, title in self.own_titles:
            item.title = title
        self.own_titles = []


def _to_structure(node: NavNode, files: Files) -> Any:
    if node.uri is not None and not node.children:
        file = _file(files, node.uri)
        if isinstance(file, BuiltPage):  # a page kept from the previous build of `mkdocs serve`
            return Link(theme_title(node.title), file.url)
        if file is None or file.page is None:
            return Link(theme_title(node.title), node.uri)
        # Themes print nav titles unescaped (MkDocs' Jinja has autoescape off).
        file.page.title = theme_title(node.title)  # type: ignore[misc]
        return file.page
    children = [_to_structure(child, files) for child in node.children]
    return Section(theme_title(node.title), children)


def _with_reference_key(build: SiteBuild, plan: SitePlan) -> SiteBuild:
    """The format reference as a page the preview keeps while its text is the same: it shows no
    journey (see ``to_shared``), so nothing else of it changes with them."""
    keys = dict(build.page_keys)
    # Besides its text, every page carries where each journey starts and its language (for search).
    journeys = [f"{p.uri}:{p.language}" for p in plan.pages if p.kind == "journey"]
    for page in plan.pages:
        if page.kind == "reference":
            text = "\n".join([page.markdown, *journeys])
            keys[page.uri] = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return replace(build, page_keys=keys)


def _file(files: Files, uri: str) -> File | None:
    """The file at ``uri``, a posix path as the plan writes them: looked up without parsing it
    as a path, which on a hundred journeys' thousands of files is a good part of a rebuild."""
    return files.src_uris.get(uri)


def _without(items: list[Any], ours: set[str]) -> tuple[list[Any], int | None]:
    """The nav minus our pages (and sections left empty), and where the first one stood."""
    kept: list[Any] = []
    position = None
    for item in items:
        if isinstance(item, Page) and item.file.src_uri in ours:
            position = len(kept) if position is None else position
            continue
        if isinstance(item, Section):
            children, inner = _without(item.children, ours)
            if inner is not None and position is None:
                position = len(kept)
            if not children:
                continue
            item.children = children
        kept.append(item)
    return kept, position


def _navigation(items: list[Any]) -> Navigation:
    pages: list[Page] = []

    def walk(children: list[Any], parent: Section | None) -> None:
        for child in children:
            child.parent = parent
            if isinstance(child, Page):
                pages.append(child)
            elif isinstance(child, Section):
                walk(child.children, child)

    walk(items, None)
    for previous, following in zip(pages, pages[1:], strict=False):
        previous.next_page = following
        following.previous_page = previous
    if pages:
        pages[0].previous_page = None
        pages[-1].next_page = None
    return Navigation(items, pages)


def _edit_uris(plan: SitePlan, docs_dir: Path, lines: dict[str, int]) -> dict[str, str]:
    """What "edit this page" opens per page: the YAML (or Markdown) file at the page's line.

    File names come from authors: encoded, a quote in one cannot leave the theme's
    ``href`` (Material prints the edit URL unescaped).
    """
    out: dict[str, str] = {}
    for page in plan.pages:
        if page.source is None:
            continue
        edit = encode_path(Path(os.path.relpath(page.source, docs_dir)).as_posix())
        line = lines.get(page.uri)
        out[page.uri] = f"{edit}#L{line}" if line else edit
    return out


def _check_clashes(uris: list[str], docs_dir: Path) -> None:
    """Refuse, before the site folder is touched, a generated file that another file claims."""
    seen: set[str] = set()
    folders: dict[str, bool] = {}  # whether the docs folder has this folder: most have none of ours
    for uri in uris:
        if uri in seen:
            raise PluginError(f"learning-journeys would generate '{uri}' twice; please report this.")
        seen.add(uri)
        folder = posixpath.dirname(uri)
        if folder not in folders:
            folders[folder] = (docs_dir / folder).is_dir()
        if folders[folder] and (docs_dir / uri).exists():
            raise PluginError(
                f"learning-journeys wants to generate '{uri}', but the site already has that file"
                f" in {docs_dir}. Set the plugin's `prefix` option to put the journeys elsewhere."
            )


_LINK = re.compile(r'<a\s[^>]*?href="([^"#][^"]*)"[^>]*>')


def _mark_other_languages(html: str, page_url: str, language: str | None, languages: dict[str, str | None]) -> str:
    """Links to a page in another language say so (``hreflang``) and load it whole.

    Material's instant navigation keeps the header, the search and ``<html lang>`` of the
    page it comes from; it leaves links with a ``target`` to the browser.
    """
    here = "http://site/" + page_url

    def mark(match: re.Match[str]) -> str:
        tag = match.group(0)
        target = urljoin(here, unescape(match.group(1)))
        if not target.startswith("http://site/") or " target=" in tag or " hreflang=" in tag:
            return tag
        other = languages.get(target[len("http://site/") :].split("#")[0].split("?")[0])
        if not other or not language or other.lower() == language.lower():
            return tag
        # A link in the navigation or the footer reads its page's title: in that page's language.
        named = re.search(r'class="md-(?:nav|footer)__link\b', tag) is not None
        lang = f' lang="{escape(other)}"' if named and " lang=" not in tag else ""
        return f'{tag[:-1]} hreflang="{escape(other)}"{lang} target="_self">'

    return _LINK.sub(mark, html)


def _quiet_permalinks(html: str, labels: Any) -> str:
    """Permalink anchors ("¶" after each heading) out of the tab order, titled in the page's language.

    They added some eight Tab stops per page before a learner reached a control; they stay
    for the mouse. Python-Markdown's default title is English whatever the page's language.
    """
    title = escape(labels("permalink"))
    return _HEADERLINK.sub(lambda m: f'{m[1]} title="{title}" tabindex="-1"' if m[2] else f'{m[1]} tabindex="-1"', html)
