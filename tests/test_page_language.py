"""One language per page and one way through a journey, in a real build and in the parts behind it.

Material's texts follow the journey's language, <html lang> says the journey's code, dates are
written as the browser's Intl writes them, previous/next follow the learner's path and stay in
the journey, tables carry their column names for cards on a phone.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import markdown
import pytest
from learning_journeys.model.journey import Activity
from learning_journeys.model.vocabulary import PAGE_LANGUAGES
from learning_journeys.plugin.mkdocs_plugin import THEME_OVERRIDES, _mark_other_languages
from learning_journeys.plugin.page_language import material_language
from learning_journeys.site.learner_path import calendar_order
from learning_journeys.site.table_cards import TableCardsExtension
from learning_journeys.site.templates import format_day
from site_helpers import SMALL_JOURNEY, html, make_project, run_build

LOCALES = Path(__file__).resolve().parents[1] / "plugins" / "learning_journeys" / "site" / "locales"
DUTCH = SMALL_JOURNEY.format(id="klein", title="Klein traject", language="nl")
ENGLISH = SMALL_JOURNEY.format(id="small", title="Small journey", language="en")
FLEMISH = SMALL_JOURNEY.format(id="vlaams", title="Vlaams traject", language="nl-BE")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Dutch site with a Dutch, a Flemish and an English journey."""
    root = tmp_path_factory.mktemp("languages")
    config = make_project(
        root, {"klein.yaml": DUTCH, "small.yaml": ENGLISH, "vlaams.yaml": FLEMISH}, language="nl"
    )
    text = config.read_text(encoding="utf-8").replace(
        "features: [", "palette:\n    - scheme: default\n      toggle: {icon: material/weather-night, name: Donkere modus}\n"
        "    - scheme: slate\n      toggle: {icon: material/weather-sunny, name: Lichte modus}\n  features: [navigation.footer, "
    )
    config.write_text(text.replace("plugins:\n", "plugins:\n  - search\n"), encoding="utf-8")
    run_build(config, strict=False)
    return root / "site"


def _visible(page: str) -> str:
    """The page's texts and attribute values, without scripts and tags."""
    page = re.sub(r"<script\b.*?</script>|<svg\b.*?</svg>", " ", page, flags=re.S)
    return page


# ------------------------------------------------------------------------ Material's texts


def test_an_english_journey_on_a_dutch_site_gets_materials_english(site: Path) -> None:
    page = html(site, "journeys/small/index.html")
    assert '<html lang="en"' in page
    for english in ('placeholder="Search"', "Skip to content", "Table of contents", "Made with", 'title="Dark mode"'):
        assert english in page, english
    for dutch in ("Zoeken", "Ga naar inhoud", "Inhoudsopgave", "Gemaakt met", "Donkere modus", "Wijzig deze pagina"):
        assert dutch not in _visible(page), dutch
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.S)[1])
    assert config["translations"]["search.result.none"] == "No matching documents"


def test_a_dutch_journey_and_the_catalogue_speak_dutch(site: Path) -> None:
    for uri in ("journeys/klein/index.html", "journeys/index.html"):
        page = html(site, uri)
        assert '<html lang="nl"' in page
        assert 'placeholder="Zoeken"' in page and "Gemaakt met" in page, uri
        assert "Made with" not in page and "Table of contents" not in page, uri
        # The site's own names for the colour toggle stay on pages in the site's language.
        assert 'title="Donkere modus"' in page


def test_a_flemish_journey_says_nl_be_with_materials_dutch(site: Path) -> None:
    page = html(site, "journeys/vlaams/index.html")
    assert '<html lang="nl-BE"' in page
    assert 'placeholder="Zoeken"' in page


def test_the_navigations_shared_items_follow_the_journeys_language(site: Path) -> None:
    page = html(site, "journeys/small/index.html")
    assert "Overzicht" not in page and "Leertrajecten" not in page
    assert re.search(r">\s*Learning journeys\s*<", page)
    # and back in Dutch on the Flemish journey's pages, rendered after it
    assert re.search(r">\s*Leertrajecten\s*<", html(site, "journeys/vlaams/index.html"))


def test_a_link_to_a_page_in_another_language_loads_it_whole() -> None:
    languages = {"": "nl", "small/": "en", "klein/": "nl"}
    out = _mark_other_languages(
        '<a href="../../small/" class="x">E</a> <a href="../../klein/">D</a> <a href="#top">T</a>', "klein/pre/", "nl", languages
    )
    assert '<a href="../../small/" class="x" hreflang="en" target="_self">' in out
    assert '<a href="../../klein/">' in out and '<a href="#top">' in out


def test_material_language_files_are_found_for_regions() -> None:
    dirs = [str(THEME_OVERRIDES), str(Path(__import__("material").__file__).parent / "templates")]
    assert material_language("nl-BE", dirs) == "nl"
    assert material_language("pt-BR", dirs) == "pt-BR"
    assert material_language("en", dirs) == "en"
    assert material_language("xx", dirs) is None


# ------------------------------------------------------------------------------- labels


# Words Dutch writes as English does (loanwords, names, abbreviations).
SAME_IN_BOTH = {
    "week", "kpi", "agenda", "coach", "platform", "type_workshop", "type_coaching", "type_community",
    "type_portfolio", "modality_online", "modality_blended", "kind_video", "kind_e-learning",
    "kind_podcast", "kind_link", "kind_tool", "minutes", "agenda_open", "modality_mix", "js_record_cohort",
}  # fmt: skip


def test_dutch_labels_are_dutch() -> None:
    """A label left in English on Dutch pages ("In review" on the catalogue) is a mixed page."""
    nl = json.loads((LOCALES / "nl.json").read_text(encoding="utf-8"))
    en = json.loads((LOCALES / "en.json").read_text(encoding="utf-8"))
    same = {k for k, v in nl.items() if v == en.get(k) and "{" not in v}
    assert same <= SAME_IN_BOTH, f"Dutch labels still in English: {sorted(same - SAME_IN_BOTH)}"


def test_the_validators_list_of_page_languages_is_the_locales() -> None:
    assert sorted(PAGE_LANGUAGES) == sorted(p.stem for p in LOCALES.glob("*.json"))


# -------------------------------------------------------------------------------- dates

DAYS = [date(2027, 4, 20), date(2027, 1, 3), date(2027, 12, 31), date(2028, 2, 29)]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("language", ["nl", "nl-BE", "en"])
def test_python_writes_days_as_the_browser_does(language: str) -> None:
    """The agenda (Babel) and the script (Intl.DateTimeFormat) write a day the same way."""
    script = (
        "const [lang, ...days] = process.argv.slice(1);"
        "for (const d of days) console.log(new Intl.DateTimeFormat(lang, {weekday: 'short', day: 'numeric',"
        " month: 'short', year: 'numeric', timeZone: 'UTC'}).format(new Date(d + 'T00:00:00Z')));"
    )
    out = subprocess.run(
        ["node", "-e", script, language, *(d.isoformat() for d in DAYS)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert [format_day(d, language) for d in DAYS] == out


def test_days_on_the_pages_are_in_the_journeys_language(site: Path) -> None:
    # Workshop on day 3 of the cohort starting Monday 1 March 2027.
    assert "wo 3 mrt 2027" in html(site, "journeys/klein/learn/workshop/index.html")
    assert "Wed, Mar 3, 2027" in html(site, "journeys/small/learn/workshop/index.html")


# ------------------------------------------------------------------------ previous / next


def _footer(page: str) -> dict[str, str]:
    links = re.findall(r'class="md-footer__link md-footer__link--(prev|next)" aria-label="([^"]*)"', page)
    return dict(links)


def test_previous_and_next_follow_the_path_and_stay_in_the_journey(site: Path) -> None:
    assert _footer(html(site, "journeys/small/index.html")) == {"next": "Next: Preparation"}
    assert _footer(html(site, "journeys/small/pre/intro/index.html")) == {
        "prev": "Previous: Preparation",
        "next": "Next: Learning",
    }
    # The last activity ends the path: nothing leads into the next journey (vlaams).
    assert _footer(html(site, "journeys/small/post/reflect/index.html")) == {"prev": "Previous: Application"}
    assert _footer(html(site, "journeys/small/agenda/spring/index.html")) == {}
    # The first journey's overview does not go back into the catalogue or another journey.
    assert "prev" not in _footer(html(site, "journeys/klein/index.html"))
    # One previous/next: the footer's.
    assert "lj-prevnext" not in html(site, "journeys/small/pre/intro/index.html")


def test_footer_names_are_titles_as_text(site: Path, tmp_path: Path) -> None:
    journey = ENGLISH.replace("title: Reflect", 'title: "The Leaders\' Circle & you"')
    config = make_project(tmp_path, {"small.yaml": journey})
    run_build(config, strict=False)
    page = html(tmp_path / "site", "journeys/small/post/index.html")
    assert "The Leaders&#39; Circle &amp; you" in page
    assert "&amp;#39;" not in page


def _activity(activity_id: str, week: int | None) -> Activity:
    return Activity(id=activity_id, title=activity_id, type="resource", week=week)


def test_calendar_order_follows_weeks_and_keeps_the_designers_order_otherwise() -> None:
    activities = [_activity("a", 3), _activity("b", None), _activity("c", 1), _activity("d", 3)]
    assert [a.id for a in calendar_order(activities)] == ["c", "a", "b", "d"]
    assert [a.id for a in calendar_order([_activity("x", None), _activity("y", None)])] == ["x", "y"]


# ------------------------------------------------------------------------------ tables


def test_table_cells_carry_their_column_names() -> None:
    md = markdown.Markdown(extensions=["tables", "attr_list", "md_in_html", TableCardsExtension()])
    out = md.convert("| Fase | Tijd |\n|---|---|\n| Voorbereiding | 1 u |\n\n"
                     '<table class="lj-agenda" markdown><thead><tr><th>A</th></tr></thead>'
                     '<tbody><tr><td data-label="Eigen">x</td></tr></tbody></table>')
    assert '<table data-lj-cards="">' in out
    assert '<td data-label="Fase">Voorbereiding</td>' in out and '<td data-label="Tijd">1 u</td>' in out
    assert 'data-label="Eigen"' in out
