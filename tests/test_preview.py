"""The preview under `mkdocs serve`: what is rendered again after a save, problems shown in place,
and drafts left out of a published build. Real `mkdocs build`s, as `mkdocs serve` runs them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from learning_journeys.site.incremental import SiteCache, build_preview
from learning_journeys.site.labels import labels_for
from learning_journeys.site.page_plan import RenderOptions
from learning_journeys.site.problem_overlay import code_frame, overlay_html
from learning_journeys.validation.diagnostics import Diagnostic
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError
from site_helpers import SMALL_JOURNEY, html, make_project, run_build

DUTCH = SMALL_JOURNEY.format(id="klein", title="Klein traject", language="nl")
ENGLISH = SMALL_JOURNEY.format(id="small", title="Small journey", language="en")
SERVE_URL = "http://127.0.0.1:8000/"


def journeys_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "journeys"
    folder.mkdir()
    (folder / "small.yaml").write_text(ENGLISH, encoding="utf-8")
    (folder / "klein.yaml").write_text(DUTCH, encoding="utf-8")
    return folder


def preview(cache: SiteCache, folder: Path) -> object:
    result = cache.load([folder], base=folder.parent)
    return build_preview(cache, result, result.errors, RenderOptions(), folder.parent)


# ---------------------------------------------------------------- the cache


def test_an_unchanged_journey_is_neither_loaded_nor_rendered_again(tmp_path: Path) -> None:
    folder = journeys_dir(tmp_path)
    cache = SiteCache()
    first = preview(cache, folder)
    assert sorted(p.name for p in cache.rendered) == ["klein.yaml", "small.yaml"]

    second = preview(cache, folder)
    assert cache.loaded == [] and cache.rendered == []
    assert second.plan.pages == first.plan.pages  # type: ignore[attr-defined]

    path = folder / "small.yaml"
    path.write_text(ENGLISH.replace("title: Workshop", "title: Workshop day"), encoding="utf-8")
    third = preview(cache, folder)
    assert cache.loaded == [path] and cache.rendered == [path]
    pages = {p.uri: p for p in third.plan.pages}  # type: ignore[attr-defined]
    assert "Workshop day" in pages["journeys/small/learn/workshop.md"].markdown
    # The other journey's pages are the very objects of the earlier build.
    before = {p.uri: p for p in first.plan.pages}  # type: ignore[attr-defined]
    assert pages["journeys/klein/learn/workshop.md"] is before["journeys/klein/learn/workshop.md"]
    # The page keys say which pages may be kept as HTML: changed ones get a new key.
    assert third.page_keys["journeys/klein/index.md"] == first.page_keys["journeys/klein/index.md"]  # type: ignore[attr-defined]
    assert third.page_keys["journeys/small/index.md"] != first.page_keys["journeys/small/index.md"]  # type: ignore[attr-defined]


def test_a_changed_content_file_renders_its_journey_again(tmp_path: Path) -> None:
    folder = tmp_path / "journeys"
    folder.mkdir()
    (folder / "intro.md").write_text("First text.\n", encoding="utf-8")
    text = ENGLISH.replace(
        "        content: |\n          Read **this** first.\n", "        content_file: intro.md\n"
    )
    (folder / "small.yaml").write_text(text, encoding="utf-8")
    cache = SiteCache()
    preview(cache, folder)
    (folder / "intro.md").write_text("Second text, longer.\n", encoding="utf-8")
    build = preview(cache, folder)
    assert cache.rendered == [folder / "small.yaml"]
    page = next(p for p in build.plan.pages if p.uri.endswith("pre/intro.md"))  # type: ignore[attr-defined]
    assert "Second text" in page.markdown


def test_a_broken_file_keeps_its_last_good_pages_with_the_problem_on_top(tmp_path: Path) -> None:
    folder = journeys_dir(tmp_path)
    cache = SiteCache()
    good = preview(cache, folder)
    (folder / "klein.yaml").write_text(DUTCH.replace("type: workshop", "type: worshop"), encoding="utf-8")
    broken = preview(cache, folder)
    uris = {p.uri for p in broken.plan.pages}  # type: ignore[attr-defined]
    assert uris == {p.uri for p in good.plan.pages}  # type: ignore[attr-defined]
    overlay = broken.overlays["journeys/klein/learn/workshop.md"]  # type: ignore[attr-defined]
    assert 'data-lj-problems="stale"' in overlay
    assert "klein.yaml:" in overlay and "LJ103" in overlay and "worshop" in overlay
    assert labels_for("nl", None)("problem_overlay_stale") in overlay  # the journey's language
    assert "lj-problems__marker" in overlay
    assert not any(uri.startswith("journeys/small/") for uri in broken.overlays)  # type: ignore[attr-defined]
    assert "journeys/index.md" in broken.overlays  # type: ignore[attr-defined]
    # Pages with problems on top are rendered by every build, never kept as HTML.
    assert not any(uri.startswith("journeys/klein/") for uri in broken.page_keys)  # type: ignore[attr-defined]

    (folder / "klein.yaml").write_text(DUTCH, encoding="utf-8")
    fixed = preview(cache, folder)
    assert fixed.overlays == {}  # type: ignore[attr-defined]


def test_a_file_that_never_built_gets_a_page_at_its_address(tmp_path: Path) -> None:
    folder = journeys_dir(tmp_path)
    (folder / "new.yaml").write_text(
        "id: nieuw\ntitle: Nieuw <b>traject</b>\nlanguage: nl\nphases: [\n", "utf-8"
    )
    build = preview(SiteCache(), folder)
    page = next(p for p in build.plan.pages if p.uri == "journeys/nieuw/index.md")  # type: ignore[attr-defined]
    assert page.markdown.startswith("# Nieuw")
    assert "<b>" not in page.markdown
    overlay = build.overlays[page.uri]  # type: ignore[attr-defined]
    assert 'data-lj-problems="missing"' in overlay and "LJ004" in overlay
    assert labels_for("nl", None)("problem_overlay_missing") in overlay
    assert any(n.journey_id == "nieuw" for n in build.plan.nav.children)  # type: ignore[attr-defined]


def test_the_problem_block_escapes_everything_from_the_file() -> None:
    problem = Diagnostic(
        "j.yaml", 2, 8, "LJ103", "`<img src=x onerror=alert(1)>` is not allowed", hint="<i>hint</i>"
    )
    text = "id: x\ntype: <img src=x onerror=alert(1)>\n"
    block = overlay_html([problem], {"j.yaml": text}, labels_for("en", None), "stale")
    assert "<img" not in block and "<i>" not in block
    assert "&lt;img src=x onerror=alert(1)&gt;" in block


def test_the_marker_stands_under_the_column() -> None:
    frame = str(code_frame("a: 1\nb: 2\n  c: wrong\n", 3, 6))
    lines = [re.sub(r"<[^>]+>", "", line) for line in frame.splitlines()]
    assert lines[-2] == ">  3 |   c: wrong".replace(">  3", "> 3")
    assert lines[-1].index("^") == lines[-2].index("wrong")
    assert code_frame("a: 1\n", 7, 1) is None


# ------------------------------------------------------- real builds, as serve runs them


def serve_build(config_path: Path, first: bool = False) -> object:
    """One rebuild of `mkdocs serve`: a fresh config (MkDocs keeps the plugin object)."""
    config = load_config(str(config_path))
    if first:
        config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=SERVE_URL)
    return config


def plugin_of(config: object) -> object:
    return config.plugins["learning-journeys"]  # type: ignore[attr-defined]


def test_under_serve_a_broken_journey_leaves_the_others_and_its_last_good_pages(tmp_path: Path) -> None:
    config_path = make_project(tmp_path, {"small.yaml": ENGLISH, "klein.yaml": DUTCH})
    site = tmp_path / "site"
    serve_build(config_path, first=True)
    journey = tmp_path / "journeys" / "klein.yaml"
    journey.write_text(DUTCH.replace("title: Workshop", "titel: Workshop"), encoding="utf-8")
    serve_build(config_path)
    page = html(site, "journeys/klein/learn/workshop/index.html")
    assert "lj-problems" in page and "klein.yaml:" in page and "titel" in page
    assert "Workshop" in page  # the last good content is still there
    other = html(site, "journeys/small/learn/workshop/index.html")
    assert "lj-problems" not in other
    assert "lj-problems" in html(site, "journeys/index.html")

    journey.write_text(DUTCH, encoding="utf-8")
    serve_build(config_path)
    assert "lj-problems" not in html(site, "journeys/klein/learn/workshop/index.html")
    assert "lj-problems" not in html(site, "journeys/index.html")


def test_under_serve_pages_of_unchanged_journeys_are_copied_not_rendered(tmp_path: Path) -> None:
    config_path = make_project(tmp_path, {"small.yaml": ENGLISH, "klein.yaml": DUTCH})
    text = config_path.read_text(encoding="utf-8")
    config_path.write_text(text.replace("plugins:\n", "plugins:\n  - search\n"), encoding="utf-8")
    site = tmp_path / "site"
    serve_build(config_path, first=True)
    kept = html(site, "journeys/small/learn/workshop/index.html")
    journey = tmp_path / "journeys" / "klein.yaml"
    journey.write_text(DUTCH.replace("title: Workshop", "title: Oefendag"), encoding="utf-8")
    config = serve_build(config_path)
    plugin = plugin_of(config)
    assert [p.name for p in plugin._cache.rendered] == ["klein.yaml"]  # type: ignore[attr-defined]
    assert "Oefendag" in html(site, "journeys/klein/learn/workshop/index.html")
    assert html(site, "journeys/small/learn/workshop/index.html") == kept
    # The catalogue is rendered again and still links to the kept pages.
    catalogue = html(site, "journeys/index.html")
    assert 'href="small/"' in catalogue and 'href="klein/"' in catalogue
    # The kept pages are still found by the preview's search.
    index = json.loads(html(site, "search/search_index.json"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert {"journeys/small/learn/workshop/", "journeys/klein/learn/workshop/"} <= locations
    titles = [d["title"] for d in index["docs"] if d["location"] == "journeys/klein/learn/workshop/"]
    assert titles == ["Oefendag"]


def _files_of(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and when it was last written."""
    return {
        str(f.relative_to(folder)): (f.read_bytes(), f.stat().st_mtime_ns) for f in folder.rglob("*") if f.is_file()
    }


def test_under_serve_an_unchanged_journeys_folder_is_put_back_whole_not_written_again(tmp_path: Path) -> None:
    """MkDocs empties site/ on every rebuild; an unchanged journey's folder (pages, calendars) is
    moved aside first and back after, so its thousands of files are not written again. A file
    of the site's own in that folder is written by MkDocs as usual, and both are there after."""
    config_path = make_project(tmp_path, {"small.yaml": ENGLISH, "klein.yaml": DUTCH})
    (tmp_path / "docs" / "journeys" / "small").mkdir(parents=True)
    (tmp_path / "docs" / "journeys" / "small" / "poster.txt").write_text("A poster.\n", encoding="utf-8")
    site = tmp_path / "site"
    serve_build(config_path, first=True)
    before = _files_of(site / "journeys" / "small")
    assert {"learn/workshop/index.html", "calendar/spring.ics", "poster.txt"} <= before.keys()

    journey = tmp_path / "journeys" / "klein.yaml"
    journey.write_text(DUTCH.replace("title: Workshop", "title: Oefendag"), encoding="utf-8")
    serve_build(config_path)
    after = _files_of(site / "journeys" / "small")
    assert after.keys() == before.keys()
    assert {name: content for name, (content, _) in after.items()} == {n: c for n, (c, _) in before.items()}
    written_again = {name for name in after if after[name][1] != before[name][1]}
    assert written_again == {"poster.txt"}  # MkDocs' own copy; ours were put back as they were
    assert "Oefendag" in html(site, "journeys/klein/learn/workshop/index.html")
    assert not (tmp_path / "site.unchanged").exists()

    # A change to the site around the journeys (its configuration) renders every journey again.
    config_path.write_text(config_path.read_text(encoding="utf-8").replace("Test site", "Test site 2"), encoding="utf-8")
    serve_build(config_path)
    again = _files_of(site / "journeys" / "small")
    assert "Test site 2" in again["learn/workshop/index.html"][0].decode()
    assert all(again[name][1] != after[name][1] for name in again)


def test_mkdocs_build_still_fails_on_a_broken_journey(tmp_path: Path) -> None:
    broken = DUTCH.replace("type: workshop", "type: worshop")
    config_path = make_project(tmp_path, {"small.yaml": ENGLISH, "klein.yaml": broken})
    with pytest.raises((PluginError, Abort)):
        run_build(config_path, strict=False)
    assert not (tmp_path / "site").exists()


# ---------------------------------------------------------------------- drafts


DRAFT = SMALL_JOURNEY.format(id="concept", title="Concept journey", language="en").replace(
    "status: published", "status: draft"
)


@pytest.mark.parametrize(
    ("drafts", "serve", "shown"),
    [("show", False, True), ("preview", False, False), ("preview", True, True), ("hide", True, False)],
)
def test_drafts_option(tmp_path: Path, drafts: str, serve: bool, shown: bool) -> None:
    config_path = make_project(
        tmp_path, {"small.yaml": ENGLISH, "concept.yaml": DRAFT}, plugin_options={"drafts": drafts}
    )
    site = tmp_path / "site"
    if serve:
        serve_build(config_path, first=True)
    else:
        run_build(config_path, strict=False)
    assert (site / "journeys/small/index.html").is_file()
    assert (site / "journeys/concept/index.html").is_file() == shown
    assert (site / "journeys/concept/learn/workshop/index.html").is_file() == shown
    assert (site / "journeys/concept/calendar/spring.ics").is_file() == shown
    catalogue = html(site, "journeys/index.html")
    content = catalogue[catalogue.index('<article class="md-content__inner') :]
    navigation = catalogue[catalogue.index('<nav class="md-nav md-nav--primary"') :]
    assert ("Concept journey" in content) == shown
    assert ("Concept journey" in navigation) == shown
    assert ("journeys/concept/" in html(site, "sitemap.xml")) == shown
