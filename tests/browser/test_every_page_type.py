"""Every page type at 360 and 1280 px, light and dark, in Chromium: what a learner on a phone or a
laptop gets.

Per page: no sideways scrolling (and no table that scrolls inside itself at 360 px), no axe-core
violation of serious or critical impact, no text in the other language (our labels and Material's
language files for ``nl`` and ``en``), no console error; the ``traffic`` fixture fails the test for
any request off the test server. One page load per combination: the tour goes on with Material's
instant navigation, which keeps axe-core and the listeners.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import INSTANT_GOTO, dutch_journey, english_journey, journeys, url
from learning_journeys.model.journey import Journey

SITE_NAME = "Leertrajecten"  # the example site's name: a name, like a journey's title, not a label
LOCALES = Path(__file__).resolve().parents[2] / "plugins" / "learning_journeys" / "site" / "locales"
WIDTHS = (360, 1280)
SCHEMES = ("light", "dark")


def _journey_pages(j: Journey) -> list[tuple[str, str]]:
    pages = [("overview", url(j))] + [(f"phase {p.key}", f"/{j.id}/{p.key}/") for p in j.phases]
    seen: set[str] = set()
    for _phase, activity in j.activities():
        if activity.type not in seen:
            seen.add(activity.type)
            pages.append((activity.type, url(j, activity)))
    pages.append(("agenda", f"/{j.id}/agenda/{j.cohorts[0].id}/"))
    pages.append(("manager", f"/{j.id}/manager/"))
    led = next((a for _p, a in j.activities() if a.type in ("workshop", "intervision")), None)
    if led is not None:  # the facilitator's run sheet, outside the learner's navigation
        pages.append(("run sheet", f"/{j.id}/facilitator/{led.id}/"))
    return [(f"{j.language} {kind}", path) for kind, path in pages]


@cache
def page_types() -> list[tuple[str, str]]:
    """The catalogue, and every page type of a Dutch and an English journey (each activity type)."""
    flemish = next(j for j in journeys().values() if j.language == "nl-BE")
    return (
        [("catalogue", "/")]
        + _journey_pages(dutch_journey())
        + _journey_pages(english_journey())
        + [("nl-BE overview", url(flemish))]
    )


# ------------------------------------------------------------------ the other language's texts


def _material_texts(language: str) -> dict[str, str]:
    import material

    path = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{language}.html"
    return dict(re.findall(r'^\s*"([^"]+)":\s*"([^"]*)"', path.read_text(encoding="utf-8"), re.M))


def _ours(language: str) -> dict[str, str]:
    return json.loads((LOCALES / f"{language}.json").read_text(encoding="utf-8"))


def _pattern(text: str) -> str:
    """A label as a whole-text pattern: placeholders ({title}, Material's #) match anything."""
    parts = re.split(r"\{\w+\}|#", " ".join(text.split()))
    return r"\s*".join(re.escape(p.strip()) for p in parts).replace(r"\s*\s*", r"\s*")


# Texts of the other language from elsewhere: Material's footer line, the example site's names for
# its colour toggle (mkdocs.yml), the browser's own file picker.
MORE_FOREIGN = {
    "nl": ["Made with", "Choose File", "No file chosen", "Dark mode", "Light mode", "Permanent link"],
    "en": ["Gemaakt met", "Donkere modus", "Lichte modus", "Bestand kiezen", "Geen bestand gekozen"],
}


@cache
def foreign_texts(language: str) -> tuple[re.Pattern[str], list[str]]:
    """Texts of the other language that this language does not share, as one pattern."""
    other = "en" if language == "nl" else "nl"
    own = set(_ours(language).values()) | set(_material_texts(language).values())
    theirs = set(_ours(other).values()) | set(_material_texts(other).values())
    lists = {_ours(other).get("weekdays"), _ours(other).get("months")}  # word lists, not texts
    foreign = sorted(t for t in theirs - own if len(t) > 2 and t not in lists) + MORE_FOREIGN[language]
    return re.compile("|".join(f"(?:{_pattern(t)})" for t in foreign)), foreign


# Dates written the other language's way: "Nov 30, 2026" on a Dutch page, "30 nov. 2026" on an English one.
FOREIGN_DATE = {
    "nl": re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}|\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b"),
    "en": re.compile(r"\b\d{1,2} (jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\.? \d{4}|\b(ma|di|wo|do|vr|za|zo)\b \d"),
}

TEXTS = """() => {
    const lang = (document.documentElement.lang || "").split("-")[0];
    const texts = [];
    const ownLanguage = (node) => {
        const marked = node.closest("[lang]");
        return !marked || marked === document.documentElement || marked.lang.split("-")[0] === lang;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (!parent || parent.closest("script, style, template, svg")) continue;
        const text = n.textContent.replace(/\\s+/g, " ").trim();
        if (text && ownLanguage(parent)) texts.push(text);
    }
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt], [data-md-tooltip]")) {
        if (!ownLanguage(el)) continue;
        for (const name of ["aria-label", "title", "placeholder", "alt"]) {
            const value = el.getAttribute(name);
            if (value) texts.push(value.replace(/\\s+/g, " ").trim());
        }
    }
    const config = document.getElementById("__config");
    if (config) texts.push(...Object.values(JSON.parse(config.textContent).translations || {}));
    return { lang: document.documentElement.lang, texts, title: document.title };
}"""


def foreign_on_page(page: Any) -> list[str]:
    found = page.evaluate(TEXTS)
    language = found["lang"].split("-")[0]
    if language not in ("nl", "en"):
        return [f'<html lang="{found["lang"]}">']
    pattern, _ = foreign_texts(language)
    problems = []
    for text in found["texts"]:
        if text == SITE_NAME:
            continue
        if pattern.fullmatch(text) or FOREIGN_DATE[language].search(text):
            problems.append(repr(text[:80]))
    return sorted(set(problems))


# -------------------------------------------------------------------------------- layout

LAYOUT = """() => {
    const width = document.documentElement.clientWidth;
    const problems = [];
    if (document.documentElement.scrollWidth > width + 1) {
        problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} px in ${width} px`);
        for (const el of document.querySelectorAll("body *")) {
            const box = el.getBoundingClientRect();
            if (box.width && box.right > width + 1 && getComputedStyle(el).visibility !== "hidden"
                && !el.closest(".md-sidebar, .md-search, [hidden]")) {
                problems.push(`  ${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ends at ${Math.round(box.right)} px`);
                if (problems.length > 6) break;
            }
        }
    }
    if (width < 600) {
        for (const el of document.querySelectorAll("article table, article .md-typeset__scrollwrap, article .md-typeset__table")) {
            if (el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1) {
                problems.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} scrolls inside: ${el.scrollWidth} px in ${el.clientWidth} px`);
            }
        }
    }
    return problems;
}"""

AXE_RUN = """async (rules) => {
    const options = { resultTypes: ["violations"] };
    if (rules) options.runOnly = { type: "rule", values: rules };
    const result = await axe.run(document, options);
    return result.violations
        .filter(v => v.impact === "serious" || v.impact === "critical")
        .map(v => `${v.id} (${v.impact}): ${v.help} ` + v.nodes.slice(0, 3)
            .map(n => n.target.join(" ") + " " + (n.failureSummary || "").replace(/\\s+/g, " ")).join(" | "));
}"""
# Only these rules depend on the colour scheme; in dark the others have been run in light already.
SCHEME_RULES = ["color-contrast", "link-in-text-block"]

NO_TRANSITIONS = """() => {
    const style = document.createElement("style");
    style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
    document.head.append(style);
}"""


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type(new_context: Any, axe_source: str, width: int, scheme: str) -> None:
    context = new_context(
        search=True,
        viewport={"width": width, "height": 800},
        color_scheme="dark" if scheme == "dark" else "light",
        has_touch=width < 600,
        is_mobile=width < 600,
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    problems: list[str] = []
    language = None
    for kind, path in page_types():
        if kind.split()[0] != language:
            # A learner's click into a journey in another language loads the page (the site's
            # links there say so): Material's chrome comes in that language.
            language = kind.split()[0]
            page.goto(path, wait_until="load")
            page.add_script_tag(content=axe_source)
            page.evaluate(NO_TRANSITIONS)
            expected = "slate" if scheme == "dark" else "default"
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
        else:
            page.evaluate(INSTANT_GOTO, path)
        assert page.evaluate("location.pathname") == path
        page.wait_for_timeout(50)  # the companion script draws on document$
        found = [f"layout: {p}" for p in page.evaluate(LAYOUT)]
        found += [f"axe: {p}" for p in page.evaluate(AXE_RUN, None if scheme == "light" else SCHEME_RULES)]
        found += [f"other language: {t}" for t in foreign_on_page(page)]
        found += errors
        errors.clear()
        problems += [f"{kind} {path}: {p}" for p in found]
    assert not problems, f"{len(problems)} problem(s) at {width} px, {scheme}:\n  " + "\n  ".join(problems)


def test_a_search_result_in_another_language_loads_its_page_whole(new_context: Any) -> None:
    """Material's instant navigation would keep the English page's header, search and <html lang>
    on the Dutch page a search result opens."""
    page = new_context(search=True).new_page()
    page.goto(url(english_journey()), wait_until="domcontentloaded")
    assert page.evaluate("document.documentElement.lang") == "en"
    page.evaluate("window.__ljSameDocument = true")
    page.locator(".md-search__input").fill("klantgesprek")
    result = page.locator(f'.md-search-result__link[href*="/{dutch_journey().id}/"]').first
    result.wait_for(state="attached", timeout=40000)  # the worker builds the index first
    result.click()
    page.wait_for_url(re.compile(f"/{dutch_journey().id}/"))
    page.wait_for_load_state("domcontentloaded")
    assert page.evaluate("window.__ljSameDocument === undefined"), "the page was swapped, not loaded"
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.locator(".md-search__input").get_attribute("placeholder") == "Zoeken"
