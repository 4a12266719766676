"""The overview as a printed handout (Chromium's own PDF, A4, print media), the learner's reflections
on paper when they choose, the PDF workbook linked from the overview, and the facilitator's run sheet."""

from __future__ import annotations

import io
import re
import urllib.request
from typing import Any
from urllib.parse import urljoin

import pytest
from browser_helpers import EN, NL, journey, journeys, seed, url
from learning_journeys.model.journey import Journey, Reflection
from learning_journeys.site.labels import labels_for
from learning_journeys.site.templates import PageContext
from playwright.sync_api import expect

pypdf = pytest.importorskip("pypdf")

FAST = "domcontentloaded"


def _printed(page: Any) -> tuple[list[str], bytes]:
    """The page as Chromium prints it on A4: the text of each page, and the PDF."""
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    page.emulate_media(media="screen")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join((p.extract_text() or "").split()) for p in reader.pages], pdf


def _outline(items: list[Any]) -> list[str]:
    """Every title of a PDF's outline (bookmarks), at any depth."""
    return [t for item in items for t in (_outline(item) if isinstance(item, list) else [item.title])]


def _date_text(j: Journey, day: Any) -> str:
    """A date as the pages write it in the journey's language (without the <time> element)."""
    return re.sub(r"<[^>]+>", "", str(PageContext("", labels_for(j.language, "nl")).date(day)))


@pytest.mark.parametrize("journey_id", sorted(journeys()))
def test_each_overview_prints_on_at_most_three_pages_with_dates(page: Any, journey_id: str) -> None:
    j = journey(journey_id)
    page.goto(url(j), wait_until=FAST)
    expect(page.locator(".lj-journey .lj-progress__text")).to_be_visible()
    texts, _pdf = _printed(page)
    assert len(texts) <= 3, f"{journey_id} prints on {len(texts)} A4 pages"
    # No page left nearly blank before the last (the handout once had a blank third page).
    assert all(len(t) > 400 for t in texts[:-1]), [len(t) for t in texts]
    printed = " ".join(texts)
    for cohort in j.cohorts:
        assert _date_text(j, cohort.start_date) in printed, f"{cohort.id}'s start date is not printed"
    # What to prepare and the objectives are on paper; buttons and the designer's block are not.
    for _phase, activity in j.activities():
        if _phase.key == "pre":
            assert activity.title in printed
    for objective in j.objectives:
        assert " ".join(objective.title.split()) in printed
    labels = labels_for(j.language, "nl")
    assert labels("for_designers") not in printed
    assert labels("print_reflections") not in printed


def test_the_learners_cohort_alone_is_printed_once_chosen(page: Any) -> None:
    j = journey("vakmanschap-accountmanagers")
    mine, other = j.cohorts[0], j.cohorts[1]
    page.goto(url(j), wait_until=FAST)
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [f"learning-journeys:v1:{j.id}:@cohort", f'{{"cohort": "{mine.id}"}}'],
    )
    page.reload(wait_until=FAST)
    expect(page.locator(f'.lj-cohort-when[data-lj-cohort="{other.id}"]')).to_be_hidden()
    texts, _pdf = _printed(page)
    printed = " ".join(texts)
    assert _date_text(j, mine.start_date) in printed
    assert (other.title or other.id) not in printed
    assert len(texts) <= 3


def test_links_that_leave_the_site_print_their_address(page: Any) -> None:
    j = journey("vakmanschap-accountmanagers")
    resource = next(a for _p, a in j.activities() if a.type == "resource" and getattr(a, "url", None))
    page.goto(url(j, resource), wait_until=FAST)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    external = page.locator('article a[href^="http"]').first
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert resource.url in after or external.get_attribute("href") in after
    page.goto(url(j), wait_until=FAST)
    page.emulate_media(media="print")
    # Material's instant navigation makes links within the site absolute: the script tells them apart.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    internal = page.locator('article a[href*="/pre/"]').first
    assert internal.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")


def test_the_learner_chooses_to_print_their_reflections(page: Any) -> None:
    j = journey("vakmanschap-accountmanagers")
    reflection = next(a for _p, a in j.activities() if isinstance(a, Reflection) and not a.after)
    written = "Ik vroeg twee keer door en hoorde waar het echt om ging."
    page.goto(url(j), wait_until=FAST)
    seed(page, j.id, {reflection.id: {"reflections": {"0": {
        "text": written, "saved": "2027-04-01T10:00:00.000Z", "prompt": reflection.prompts[0]}}}})
    page.reload(wait_until=FAST)
    box = page.get_by_label(NL("print_reflections"))
    expect(box).to_be_visible()
    before, _pdf = _printed(page)
    assert written not in " ".join(before)  # not unless asked
    box.check()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    with_reflections, _pdf = _printed(page)
    assert written in " ".join(with_reflections)
    assert written not in " ".join(with_reflections[: len(before)])  # on pages of its own, after the handout
    expect(page.locator(".lj-print-reflections")).to_be_hidden()  # never on screen
    box.uncheck()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert written not in " ".join(_printed(page)[0])


@pytest.mark.parametrize("journey_id", sorted(journeys()))
def test_the_overview_links_to_a_workbook_that_lists_every_activity(
    page: Any, base_url: str, journey_id: str
) -> None:
    j = journey(journey_id)
    page.goto(url(j), wait_until=FAST)
    labels = labels_for(j.language, "nl")
    link = page.get_by_role("link", name=re.compile(re.escape(labels("workbook_link"))))
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    assert href and href.endswith(".pdf") and link.get_attribute("download") is not None
    address = urljoin(page.url, href)
    assert address.startswith(base_url)
    with urllib.request.urlopen(address, timeout=20) as response:  # noqa: S310 - the test server
        assert response.headers["Content-Type"] == "application/pdf"
        reader = pypdf.PdfReader(io.BytesIO(response.read()))
    text = " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())
    outline = _outline(reader.outline)
    for _phase, activity in j.activities():
        title = " ".join(activity.title.split())
        assert title in outline, f"{title} is not in the workbook's outline"
        assert title in text


@pytest.mark.parametrize(("journey_id", "labels"), [("vakmanschap-accountmanagers", NL), ("leading-hybrid-teams", EN)])
def test_the_run_sheet_prints_without_the_learners_chrome(page: Any, journey_id: str, labels: Any) -> None:
    j = journey(journey_id)
    workshop = next(a for _p, a in j.activities() if a.type == "workshop" and a.sessions and getattr(a, "agenda", ()))
    page.goto(url(j, workshop), wait_until=FAST)
    page.get_by_role("link", name=labels("for_facilitator")).click()
    expect(page.locator("h1")).to_contain_text(labels("run_sheet"))
    texts, _pdf = _printed(page)
    printed = " ".join(texts)
    assert labels("prework_to_check") in printed
    for cohort in j.cohorts:
        assert (cohort.title or cohort.id) in printed
    assert "Made with" not in printed and labels("for_facilitator") not in printed
