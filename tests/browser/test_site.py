"""The built example site in Chromium: calendars, requests, accessibility (axe-core) and print."""

from __future__ import annotations

import re
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from browser_helpers import (
    INSTANT_GOTO,
    NL,
    dutch_journey,
    journeys,
    label,
    mark_no_reload,
    still_same_document,
    url,
)
from icalendar import Calendar
from playwright.sync_api import expect

J = dutch_journey()
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
FAST = "domcontentloaded"


# ------------------------------------------------------------------------------ calendars


def _calendar(base_url: str, path: str) -> Calendar:
    with urllib.request.urlopen(f"{base_url}{path}", timeout=10) as response:  # noqa: S310 - the test server
        assert response.status == 200
        return Calendar.from_ical(response.read())


def _events(calendar: Calendar) -> dict[str, Any]:
    return {str(e["uid"]).split(".")[-1].split("@")[0]: e for e in calendar.walk("VEVENT")}


def test_calendar_links_work_and_files_parse(site_dir: Path, base_url: str) -> None:
    links = set()
    for page in site_dir.glob("*/agenda/*/index.html"):
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'<a[^>]*class="[^"]*\blj-ics\b[^"]*"[^>]*href="([^"]+)"', html) + re.findall(
            r'<a[^>]*href="([^"]+)"[^>]*class="[^"]*\blj-ics\b', html
        ):
            links.add((page.parent.relative_to(site_dir).as_posix(), href))
    assert len(links) > 10
    for folder, href in sorted(links):
        target = (Path("/") / folder / href).resolve().as_posix()
        calendar = _calendar(base_url, target)
        events = list(calendar.walk("VEVENT"))
        assert events, target
        for event in events:
            start = event.decoded("dtstart")
            assert isinstance(start, datetime) and start.tzinfo is not None, target
            assert event.decoded("dtend") > start


def test_calendar_times_follow_the_cohort_and_its_time_zone(base_url: str) -> None:
    spring = _events(_calendar(base_url, f"/{J.id}/calendar/voorjaar-2027.ics"))
    autumn = _events(_calendar(base_url, f"/{J.id}/calendar/najaar-2027.ics"))
    # Workshop in week 5, day 2 of a cohort starting Monday 2027-03-01: Tuesday 30 March,
    # two days after the switch to summer time (UTC+2).
    day1 = spring["workshop-dag-1"]
    assert day1.decoded("dtstart") == datetime(2027, 3, 30, 9, 0, tzinfo=AMSTERDAM)
    assert day1.decoded("dtend") == datetime(2027, 3, 30, 16, 30, tzinfo=AMSTERDAM)
    assert day1.decoded("dtstart").utcoffset().total_seconds() == 2 * 3600
    # The cohort moved meeting 3 off a public holiday.
    assert spring["intervisie-3"].decoded("dtstart") == datetime(2027, 5, 12, 15, 0, tzinfo=AMSTERDAM)
    # The autumn cohort (from 2027-09-06) overrides the times of workshop day 2 (day 4 of week 5).
    day2 = autumn["workshop-dag-2"]
    assert day2.decoded("dtstart") == datetime(2027, 10, 7, 13, 0, tzinfo=AMSTERDAM)
    assert day2.decoded("dtend") == datetime(2027, 10, 7, 16, 30, tzinfo=AMSTERDAM)
    assert "Eindhoven" in str(day2["location"])
    single = _events(_calendar(base_url, f"/{J.id}/calendar/voorjaar-2027/workshop-dag-1.ics"))
    assert list(single) == ["workshop-dag-1"]
    assert single["workshop-dag-1"].decoded("dtstart") == day1.decoded("dtstart")


# ------------------------------------------------------------------------------- requests


def test_search_and_navigation_stay_on_the_site(new_context: Any, traffic: Any) -> None:
    """Search (its worker and index) and instant navigation: all on 127.0.0.1."""
    page = new_context(search=True).new_page()
    page.goto(url(J), wait_until=FAST)
    page.locator(".md-search__input").fill("klantgesprek")
    # The worker builds the index first: give it time on a busy machine.
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=20000)
    page.keyboard.press("Escape")
    mark_no_reload(page)
    page.locator("article a[data-lj-activity]").first.click()
    page.wait_for_url(re.compile(r"/pre/[^/]+/(#.*)?$"))
    assert still_same_document(page)
    expect(page.locator(".lj-done__button")).to_be_visible()
    # The fixture fails the test if any request went elsewhere.
    assert not traffic.outside


def test_theme_makes_no_request_outside_the_site(page: Any, traffic: Any) -> None:
    """Material asks the GitHub API for the repository's stars and forks (repo_url).

    A page script cannot prevent it (Material starts the request while its bundle loads),
    so the site has to: e.g. a theme override of ``partials/source.html`` without
    ``data-md-component="source"``, or no ``repo_url``.
    """
    page.goto(url(J), wait_until="load")
    page.wait_for_timeout(300)
    assert not traffic.theme, (
        "Material's header asked the GitHub API for repository facts: "
        f'{traffic.theme}. Override partials/source.html (without data-md-component="source") '
        "or drop repo_url."
    )


# -------------------------------------------------------------------------- accessibility


def _page_types() -> list[tuple[str, str]]:
    """One page of every kind the plugin generates, and every activity type."""
    pages = [("catalogue", "/"), ("overview", url(J)), ("phase", f"/{J.id}/pre/")]
    seen: set[str] = set()
    for j in journeys().values():
        for _phase, activity in j.activities():
            if activity.type not in seen:
                seen.add(activity.type)
                pages.append((activity.type, url(j, activity)))
    cohort = J.cohorts[0].id
    pages.append(("agenda", f"/{J.id}/agenda/{cohort}/"))
    pages.append(("manager", f"/{J.id}/manager/"))
    return pages


def _prepare(page: Any, kind: str) -> None:
    """Show the states a learner sees, not only the first view."""
    if kind == "micro-module":
        question = page.locator(".lj-question").first
        question.locator("input[type=radio]").first.check()
        question.locator(".lj-q__actions .md-button--primary").click()
    elif kind == "reflection":
        page.locator(".lj-textarea").first.fill("Wat ik leerde.")
    elif kind == "overview":
        page.locator(".lj-clear").click()
    elif kind in ("workshop", "coaching", "resource", "community", "intervision", "assignment"):
        meetings = page.locator(".lj-meetings:not([hidden]) input[type=checkbox]")
        if meetings.count():  # several meetings: one tick box each instead of one button
            meetings.first.check()
        else:
            page.locator(".lj-done__button").click()


AXE_RUN = """async ([scheme, rules]) => {
    document.body.setAttribute("data-md-color-scheme", scheme);
    const options = { resultTypes: ["violations"] };
    if (rules) options.runOnly = { type: "rule", values: rules };
    const result = await axe.run(document, options);
    return result.violations
        .filter(v => v.impact === "serious" || v.impact === "critical")
        .map(v => `[${scheme}] ${v.id} (${v.impact}): ${v.help}\\n      ` + v.nodes.slice(0, 5)
            .map(n => n.target.join(" ") + " " + (n.failureSummary || "").replace(/\\s+/g, " ")).join("\\n      "));
}"""
# Only these rules depend on the colour scheme; the others run once, on the default scheme.
SCHEME_RULES = ["color-contrast", "link-in-text-block"]


NO_TRANSITIONS = """() => {
    const style = document.createElement("style");
    style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
    document.documentElement.append(style);
}"""


def _language(path: str) -> str:
    """The language of a page of the example site: its journey's, else the site's."""
    journey = journeys().get(path.strip("/").split("/")[0])
    return journey.language if journey is not None and journey.language else "nl"


def test_axe_finds_no_serious_violation_on_any_page_type(new_context: Any, axe_source: str) -> None:
    """axe-core on one page of every kind, in both colour schemes, with the companion's widgets in use.

    One page load: axe is injected once and the tour continues with Material's instant
    navigation, which keeps the window (and axe) and swaps the page.
    """
    page = new_context(search=True).new_page()
    pages = _page_types()
    assert pages[0] == ("catalogue", "/")
    page.goto("/", wait_until=FAST)
    page.add_script_tag(content=axe_source)
    # Material fades colours; a scheme switch must not be judged mid-transition.
    page.evaluate(NO_TRANSITIONS)
    problems: list[str] = []
    for kind, path in pages:
        if path != "/" and _language(path) != page.evaluate("document.documentElement.lang"):
            # A page in another language is loaded whole (Material would keep the other's header).
            page.goto(path, wait_until=FAST)
            page.add_script_tag(content=axe_source)
            page.evaluate(NO_TRANSITIONS)
        elif path != "/":
            page.evaluate(INSTANT_GOTO, path)
        assert page.evaluate("location.pathname") == path
        _prepare(page, kind)
        found = page.evaluate(AXE_RUN, ["default", None]) + page.evaluate(AXE_RUN, ["slate", SCHEME_RULES])
        problems += [f"{kind} {path}: {p}" for p in found]
    assert not problems, "axe-core found serious or critical violations:\n  " + "\n  ".join(problems)


# ---------------------------------------------------------------------------------- print


def test_overview_prints_as_a_clean_handout(new_context: Any) -> None:
    page = new_context(color_scheme="dark").new_page()
    page.goto(url(J), wait_until=FAST)
    # A learner who prefers dark gets Material's dark scheme, and the companion works in it.
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator(".lj-journey .lj-progress__text")).to_have_text(
        label(NL, "js_progress_count", done=0, total=len(list(J.activities())))
    )
    expect(page.locator(".lj-record__box")).to_be_visible()
    page.emulate_media(media="print")
    for chrome in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-footer",
        ".lj-record__box",
        ".md-content__button",
    ):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("article table").first).to_be_visible()
    expect(page.locator(".lj-journey .lj-progress__text")).to_be_visible()
    # Dark mode on screen, black on white on paper.
    color = page.evaluate("getComputedStyle(document.querySelector('article p')).color")
    channels = [int(c) for c in re.findall(r"\d+", color)[:3]]
    assert max(channels) < 80, f"printed text colour {color} is not dark"
    assert len(page.pdf(format="A4")) > 10_000
