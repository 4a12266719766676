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
Material's sitemap of the preview leaves them out. `mkdocs build` never uses any of it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel


class BuiltPage(File):
    """A page of an unchanged journey as the HTML of an earlier build: MkDocs copies it."""

    def is_documentation_page(self) -> bool:
        return False


def built_page(config: MkDocsConfig, uri: str, html: str, inclusion: InclusionLevel) -> BuiltPage:
    """A file at ``uri`` (``x/y.md``) that is written where that page would be, with ``html``.

    Links to ``x/y.md`` from rendered pages still find it, and get its URL.
    """
    as_page = File.generated(config, uri, content="")
    file = BuiltPage.generated(config, uri, content=html, inclusion=inclusion)
    file.dest_uri = as_page.dest_uri
    assert isinstance(file, BuiltPage)  # File.generated makes an object of the class it is called on
    return file


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
