"""Real `mkdocs build`s of temporary projects with the learning-journeys plugin."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort, PluginError
from site_helpers import SMALL_JOURNEY, html, jsonld, make_project, run_build

ACTIVITY_PAGES = ["pre/intro", "learn/workshop", "post/reflect"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    root = tmp_path_factory.mktemp("site")
    config = run_build(make_project(root))
    return root / "site", config


def test_every_page_is_generated(built: tuple[Path, object]) -> None:
    site, _ = built
    assert (site / "journeys/index.html").is_file()
    assert (site / "journeys/small/index.html").is_file()
    for phase in ("pre", "learn", "post"):
        assert (site / f"journeys/small/{phase}/index.html").is_file()
    for page in ACTIVITY_PAGES:
        assert (site / f"journeys/small/{page}/index.html").is_file()
    assert (site / "journeys/small/agenda/spring/index.html").is_file()
    # Hand-written pages are kept.
    assert (site / "about/index.html").is_file()


def test_nothing_is_written_into_the_source_folders(built: tuple[Path, object]) -> None:
    site, _ = built
    root = site.parent
    assert sorted(p.name for p in (root / "docs").iterdir()) == ["about.md"]
    assert sorted(p.name for p in (root / "journeys").iterdir()) == ["small.yaml"]


def test_navigation_follows_the_journey(built: tuple[Path, object]) -> None:
    site, _ = built
    page = html(site, "journeys/small/learn/workshop/index.html")
    nav = page[page.index('<nav class="md-nav md-nav--primary"') :]
    titles = [t.strip() for t in re.findall(r'md-ellipsis">\s*([^<]+?)\s*<', nav)]
    # navigation.prune: only the current section is expanded
    wanted = ["Small journey", "Preparation", "Learning", "Workshop", "Application", "Agenda"]
    seen = [t for t in titles if t in wanted]
    assert [t for i, t in enumerate(seen) if t not in seen[:i]] == wanted
    # One previous/next: Material's footer, on the learner's path (tests/test_page_language.py)
    assert "lj-prevnext" not in page


def test_catalogue_lists_journey_with_time_and_count(built: tuple[Path, object]) -> None:
    site, _ = built
    page = html(site, "journeys/index.html")
    assert "Small journey" in page
    assert "3 h 35 min" in page
    assert "3 activities" in page


def test_overview_has_goals_timeline_and_totals(built: tuple[Path, object]) -> None:
    site, _ = built
    page = html(site, "journeys/small/index.html")
    assert "Better quality" in page and "Defects per release" in page
    assert "You find bugs early" in page
    assert "Time per phase" in page and "Time per modality" in page
    assert "Classroom" in page and "3 h" in page


def test_activity_pages_show_their_type(built: tuple[Path, object]) -> None:
    site, _ = built
    workshop = html(site, "journeys/small/learn/workshop/index.html")
    # day 3 of a cohort starting 2027-03-01, with its weekday for learners
    assert '<time datetime="2027-03-03">Wed, Mar 3, 2027</time>' in workshop
    assert "09:00–12:00" in workshop and "Room 1" in workshop and "Ann" in workshop
    assert "Before the workshop" in workshop
    module = html(site, "journeys/small/pre/intro/index.html")
    assert "<strong>this</strong>" in module and "What is a bug?" in module
    reflect = html(site, "journeys/small/post/reflect/index.html")
    assert "What did you learn?" in reflect


def test_agenda_has_real_dates_per_cohort(built: tuple[Path, object]) -> None:
    site, _ = built
    page = html(site, "journeys/small/agenda/spring/index.html")
    assert "2027-03-03" in page and "09:00–12:00" in page
    assert "Europe/Amsterdam" in page


def test_edit_link_points_at_the_yaml_line(built: tuple[Path, object]) -> None:
    site, _ = built
    page = html(site, "journeys/small/learn/workshop/index.html")
    match = re.search(r'href="([^"]*small\.yaml[^"]*)"', page)
    assert match, "no edit link to the journey file"
    url = match.group(1)
    assert url.startswith("https://github.com/example/repo/edit/main/journeys/small.yaml#L")
    line = int(url.rsplit("#L", 1)[1])
    assert SMALL_JOURNEY.splitlines()[line - 1].strip() == "- id: workshop"


def test_json_ld_describes_course_cohorts_and_sessions(built: tuple[Path, object]) -> None:
    site, _ = built
    data = jsonld(html(site, "journeys/small/index.html"))
    assert data["@type"] == "Course"
    assert data["timeRequired"] == "PT3H35M"
    (instance,) = data["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance" and instance["startDate"] == "2027-03-01"
    (event,) = instance["subEvent"]
    assert event["@type"] == "EducationEvent"
    assert event["startDate"] == "2027-03-03T09:00:00+01:00"
    assert event["location"] == {"@type": "Place", "name": "Room 1"}


def test_calendar_files_are_published(built: tuple[Path, object]) -> None:
    from icalendar import Calendar

    site, _ = built
    cal = Calendar.from_ical((site / "journeys/small/calendar/spring.ics").read_bytes())
    (event,) = cal.walk("VEVENT")
    assert str(event["uid"]) == "small.spring.ws-1@learning-journeys"
    assert event.decoded("dtstart").isoformat() == "2027-03-03T09:00:00+01:00"


def test_invalid_journey_fails_cleanly_and_keeps_the_last_site(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = make_project(tmp_path)
    run_build(config)
    index = tmp_path / "site/journeys/small/index.html"
    before = index.read_text(encoding="utf-8")
    broken = SMALL_JOURNEY.format(id="small", title="Small journey", language="en").replace(
        "        duration: 3h\n", "        duration: 3 hours\n        titel: x\n"
    )
    (tmp_path / "journeys/small.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises((PluginError, Abort)):
        run_build(config)
    message = caplog.text
    assert "journeys/small.yaml:42:19: error LJ104" in message
    assert "journeys/small.yaml:43:9: error LJ100 unknown key `titel`" in message
    assert "Traceback" not in message
    assert index.read_text(encoding="utf-8") == before


def test_serve_survives_errors_and_shows_them(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    (tmp_path / "journeys/small.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    run_build(config, strict=False, serve=True)
    page = html(tmp_path / "site", "journeys/index.html")
    assert "<code>journeys/small.yaml:2:1</code>" in page and "LJ004" in page
    # the journey that never built has a page at its address that shows the problem
    assert "LJ004" in html(tmp_path / "site", "journeys/small/index.html")
    # fixing the file recovers
    (tmp_path / "journeys/small.yaml").write_text(
        SMALL_JOURNEY.format(id="small", title="Fixed", language="en"), encoding="utf-8"
    )
    run_build(config, strict=False, serve=True)
    assert "Fixed" in html(tmp_path / "site", "journeys/small/index.html")


def test_a_journey_edit_is_picked_up_by_a_rebuild(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    path = make_project(tmp_path)
    config = load_config(str(path), strict=True)
    build(config)
    journey = tmp_path / "journeys/small.yaml"
    journey.write_text(journey.read_text(encoding="utf-8").replace("title: Reflect", "title: Look back"))
    build(config)  # the same plugin object, as in `mkdocs serve`
    assert "Look back" in html(tmp_path / "site", "journeys/small/post/reflect/index.html")


HOSTILE = {
    "title": "<script>alert('title')</script> [x](javascript:alert(1))",
    "summary": '<img src=x onerror="alert(2)">',
    "content": (
        'Hello <script>alert(3)</script> <b onclick="alert(4)">bold</b>\n\n'
        "[click](javascript:alert(5)) [ok](https://example.org/)\n\n"
        '<a href="javascript:alert(6)">a</a> ![i](jav&#x61;script:alert(7))\n\n'
        'para\n{: onmouseover="alert(8)" }\n'
    ),
}


def _hostile_journey() -> str:
    text = SMALL_JOURNEY.format(
        id="small", title="'" + HOSTILE["title"].replace("'", "''") + "'", language="en"
    )
    text = text.replace("summary: A small journey for tests.", "summary: '" + HOSTILE["summary"] + "'")
    body = "\n".join("          " + line for line in HOSTILE["content"].splitlines())
    return text.replace("          Read **this** first.", body)


def test_hostile_text_is_shown_as_text_never_run(tmp_path: Path) -> None:
    config = make_project(tmp_path, {"small.yaml": _hostile_journey()})
    run_build(config)
    site = tmp_path / "site"
    for uri in ("journeys/index.html", "journeys/small/index.html", "journeys/small/pre/intro/index.html"):
        page = html(site, uri)
        assert "<script>alert" not in page
        content = page.split('<div class="md-content"', 1)[1].split("</article>")[0]
        # JSON-LD holds the text as JSON string data, escaped for <script>; see the JSON-LD test
        content = re.sub(r'<script type="application/ld\+json">.*?</script>', "", content, flags=re.S)
        assert not re.search(r"<[^>]*\son\w+=", content)
        assert not re.search(r"(href|src)\s*=\s*[\"']?\s*(javascript|data):", page, re.I)
        assert "<script>alert" not in page
    module = html(site, "journeys/small/pre/intro/index.html")
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in module or "&#60;script&#62;" in module
    assert "<b>bold</b>" in module  # harmless HTML stays
    assert 'href="https://example.org/"' in module
    overview = html(site, "journeys/small/index.html")
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', overview, re.S).group(1)
    assert "<" not in script  # cannot close the element or open a comment
    assert jsonld(overview)["name"] == HOSTILE["title"]


def test_sanitizing_can_be_switched_off_for_trusted_authors(tmp_path: Path) -> None:
    config = make_project(tmp_path, {"small.yaml": _hostile_journey()}, {"sanitize": False})
    run_build(config, strict=False)  # MkDocs itself warns about the javascript: links
    module = html(tmp_path / "site", "journeys/small/pre/intro/index.html")
    assert 'onclick="alert(4)"' in module
    # Titles are text either way.
    assert "<script>alert('title')" not in module


def test_template_override_from_the_sites_folder(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    (overrides / "types").mkdir(parents=True)
    (overrides / "types" / "reflection.md.j2").write_text(
        "Our own reflection layout for {{ activity.title|t }}.\n", encoding="utf-8"
    )
    config = make_project(tmp_path, plugin_options={"templates_dir": "overrides"})
    run_build(config)
    page = html(tmp_path / "site", "journeys/small/post/reflect/index.html")
    assert "Our own reflection layout for Reflect." in page
    # other templates are still the built-in ones
    assert "What is a bug?" in html(tmp_path / "site", "journeys/small/pre/intro/index.html")


def test_dutch_journey_gets_dutch_labels(tmp_path: Path) -> None:
    journey = SMALL_JOURNEY.format(id="klein", title="Klein traject", language="nl")
    config = make_project(tmp_path, {"klein.yaml": journey})
    run_build(config)
    page = html(tmp_path / "site", "journeys/klein/index.html")
    assert "Voorbereiding" in page and "Tijd per fase" in page
    assert "Preparation" not in page


def test_prefix_option_moves_the_pages(tmp_path: Path) -> None:
    config = make_project(tmp_path, plugin_options={"prefix": "leren"})
    run_build(config)
    assert (tmp_path / "site/leren/small/pre/intro/index.html").is_file()


def test_clash_with_an_existing_page_is_a_clear_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = make_project(tmp_path)
    (tmp_path / "docs/journeys").mkdir()
    (tmp_path / "docs/journeys/index.md").write_text("# Mine\n", encoding="utf-8")
    with pytest.raises((PluginError, Abort)):
        run_build(config)
    assert "wants to generate 'journeys/index.md'" in caplog.text and "`prefix`" in caplog.text


def test_missing_journeys_dir_is_a_config_error(tmp_path: Path) -> None:
    from mkdocs.config.base import ValidationError
    from mkdocs.exceptions import ConfigurationError

    config = make_project(tmp_path, plugin_options={"journeys_dir": "nope"})
    with pytest.raises((ConfigurationError, ValidationError, Abort)):
        run_build(config)


def test_page_language_and_json_ld_in_head(tmp_path: Path) -> None:
    journeys = {
        "klein.yaml": SMALL_JOURNEY.format(id="klein", title="Klein traject", language="nl"),
        "small.yaml": SMALL_JOURNEY.format(id="small", title="Small journey", language="en"),
    }
    config = make_project(tmp_path, journeys, language="nl")
    run_build(config)
    site = tmp_path / "site"
    assert '<html lang="en"' in html(site, "journeys/small/pre/intro/index.html")
    assert '<html lang="nl"' in html(site, "journeys/klein/pre/intro/index.html")
    overview = html(site, "journeys/small/index.html")
    head = overview.split("</head>", 1)[0]
    assert 'type="application/ld+json"' in head  # survives instant navigation
    assert jsonld(overview)["inLanguage"] == "en"


def test_edit_link_of_a_module_with_a_content_file_opens_the_markdown(tmp_path: Path) -> None:
    journey = SMALL_JOURNEY.format(id="small", title="Small journey", language="en").replace(
        "        content: |\n          Read **this** first.\n", "        content_file: content/intro.md\n"
    )
    config = make_project(tmp_path, {"small.yaml": journey})
    (tmp_path / "journeys/content").mkdir()
    (tmp_path / "journeys/content/intro.md").write_text("From the **file**.\n", encoding="utf-8")
    run_build(config)
    page = html(tmp_path / "site", "journeys/small/pre/intro/index.html")
    assert "From the <strong>file</strong>." in page
    assert 'href="https://github.com/example/repo/edit/main/journeys/content/intro.md"' in page


@pytest.mark.parametrize("with_own_pages", [True, False])
def test_a_journeys_pages_show_only_their_own_journey_in_the_navigation(
    tmp_path: Path, with_own_pages: bool
) -> None:
    journeys = {
        "alpha.yaml": SMALL_JOURNEY.format(id="alpha", title="Alpha journey", language="en"),
        "beta.yaml": SMALL_JOURNEY.format(id="beta", title="Beta journey", language="en"),
    }
    config = make_project(tmp_path, journeys)
    if not with_own_pages:
        (tmp_path / "docs/about.md").unlink()
    run_build(config)
    site = tmp_path / "site"

    alpha = html(site, "journeys/alpha/learn/workshop/index.html")
    primary = alpha[alpha.index('<nav class="md-nav md-nav--primary"') :].split('<div class="md-content"')[0]
    assert "Alpha journey" in primary and "Beta journey" not in primary
    assert ("About" in primary) is with_own_pages
    catalogue = html(site, "journeys/index.html")
    primary = catalogue[catalogue.index('<nav class="md-nav md-nav--primary"') :].split(
        '<div class="md-content"'
    )[0]
    assert "Alpha journey" in primary and "Beta journey" in primary
