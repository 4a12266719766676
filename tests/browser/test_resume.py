"""Resume and time left in a real Chromium: the overview opens with the learner's state, "mark as
done" for the next activity is a few Tabs away, the catalogue shows progress and "continue", a
passed knowledge check completes a micro-module, and the record downloads as print-friendly HTML."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import (
    EN,
    NL,
    dutch_journey,
    english_journey,
    first,
    journeys,
    label,
    label_start,
    seed,
    stored,
    url,
    visit,
)
from learning_journeys.model.durations import humanize
from learning_journeys.model.journey import Activity, Journey
from playwright.sync_api import expect

E = english_journey()
J = dutch_journey()


def _suggest(journey: Journey, done: set[str]) -> Activity:
    """The script's suggestion without a cohort: the first required activity not done, or the first
    unfinished prerequisite it waits for."""
    activities = [a for _p, a in journey.activities()]
    wanted = next(a for a in activities if a.id not in done and not a.optional)
    for _ in activities:
        waiting = next((p for p in wanted.prerequisites if p not in done), None)
        if waiting is None:
            break
        wanted = journey.activity(waiting)
    return wanted


def _left(journey: Journey, done: set[str], labels: Any) -> str:
    minutes = sum(a.duration_minutes or 0 for _p, a in journey.activities() if not a.optional and a.id not in done)
    return label(labels, "js_time_left", time=humanize(minutes, labels("hours"), labels("minutes")))


# What the keyboard is on: whether it can be seen, and whether its focus can.
FOCUS = """(() => {
    const e = document.activeElement;
    if (!e || e === document.body) return { tag: "body", visible: false, indicator: false };
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    const visible = r.width > 0 && r.height > 0 && s.visibility !== "hidden" && !e.closest("[hidden]")
        && e.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
    const skip = e.classList.contains("md-skip");  // Material's skip link shows only while focused
    return { tag: e.tagName, text: (e.textContent || "").trim().slice(0, 60), cls: e.className,
             visible, indicator: outline || s.boxShadow !== "none" || skip, skip,
             mark: e.classList.contains("lj-next__done") };
})()"""


@pytest.mark.parametrize("width", [1280, 360])
def test_keyboard_reaches_mark_done_of_the_next_activity_within_ten_tabs(new_context: Any, width: int) -> None:
    page = new_context(viewport={"width": width, "height": 900}).new_page()
    visit(page, url(E))
    nxt = _suggest(E, set())
    expect(page.locator(".lj-next__done")).to_have_text(label(EN, "js_mark_next_done", title=nxt.title))
    stops = []
    for tab in range(1, 11):
        page.keyboard.press("Tab")
        page.wait_for_timeout(250)  # Material's skip link fades in
        info = page.evaluate(FOCUS)
        stops.append(f"{info['tag']} {info.get('text', '')!r}")
        assert info["visible"], f"Tab {tab} put the focus on something hidden: {stops}"
        assert info["indicator"], f"Tab {tab}: the focus cannot be seen on {info}"
        if info["skip"]:
            page.keyboard.press("Enter")
            page.wait_for_function("location.hash !== ''")
            page.wait_for_timeout(300)  # Material handles the jump to the content
        if info["mark"]:
            break
    else:
        raise AssertionError(f"10 Tabs did not reach 'mark as done' of the next activity: {stops}")

    page.keyboard.press("Enter")
    expect(page.locator(".lj-journey .lj-progress__text")).to_have_text(
        label(EN, "js_progress_count", done=1, total=len(list(E.activities())))
    )
    assert stored(page, E.id)[nxt.id]["done"]
    # The focus stays on "mark as done", now for the activity after it, and can be seen there.
    after = _suggest(E, {nxt.id})
    expect(page.locator(".lj-next__done")).to_be_focused()
    expect(page.locator(".lj-next__done")).to_have_text(label(EN, "js_mark_next_done", title=after.title))
    assert page.evaluate(FOCUS)["indicator"]


def test_three_done_time_left_goes_down_catalogue_shows_progress_and_continue(page: Any) -> None:
    total = len(list(E.activities()))
    done: set[str] = set()
    visit(page, url(E))
    time_left = page.locator(".lj-journey .lj-time-left")
    expect(time_left).to_have_text(_left(E, done, EN))
    optional = next(a for _p, a in E.activities() if a.optional)
    seed(page, E.id, {optional.id: {"done": "2027-04-01T10:00:00.000Z"}})
    page.reload(wait_until="domcontentloaded")
    expect(time_left).to_have_text(_left(E, done, EN))  # an optional activity done changes nothing
    done.add(optional.id)
    total_done = 1

    # One from the overview ...
    one = _suggest(E, done)
    page.locator(".lj-next__done").click()
    done.add(one.id)
    total_done += 1
    expect(time_left).to_have_text(_left(E, done, EN))

    # ... two on their own pages, with the button at the end of the content.
    for _ in range(2):
        nxt = _suggest(E, done)
        visit(page, url(E, nxt))
        end = page.locator(".lj-done-end__button")
        expect(end).to_have_text(EN("js_done_end"))
        content_end = page.evaluate(
            "document.querySelector('.lj-done-end').getBoundingClientRect().top"
            " > document.querySelector('.lj-done').getBoundingClientRect().top"
        )
        assert content_end, "the second 'mark as done' is not at the end of the content"
        end.click()
        expect(page.locator(".lj-done__status")).to_contain_text(label_start(EN, "js_done_on"))
        expect(page.locator(".lj-done-end__status")).to_contain_text(label_start(EN, "js_done_on"))
        done.add(nxt.id)
        total_done += 1

    visit(page, url(E))
    expect(time_left).to_have_text(_left(E, done, EN))
    expect(page.locator(".lj-journey .lj-progress__text")).to_have_text(
        label(EN, "js_progress_count", done=total_done, total=total)
    )
    assert total_done == 4, "three marked done, and the optional one"

    # The catalogue (in the site's language) shows the progress, and "continue" goes on from there.
    page.goto("/", wait_until="domcontentloaded")  # a page in another language loads whole
    card = page.locator(f'.lj-catalogue__state[data-lj-for="{E.id}"]')
    expect(card.locator(".lj-progress__text")).to_have_text(
        label(NL, "js_progress_count", done=total_done, total=total)
    )
    expect(card.locator(".lj-time-left")).to_have_text(_left(E, done, NL))
    for other in journeys().values():
        if other.id != E.id:
            expect(page.locator(f'.lj-catalogue__state[data-lj-for="{other.id}"]')).to_be_hidden()
    wanted = _suggest(E, done)
    link = card.get_by_role("link", name=label(NL, "js_continue", title=wanted.title))
    link.click()
    page.wait_for_url(re.compile(re.escape(url(E, wanted)) + r"(#.*)?$"))
    expect(page.locator("h1")).to_contain_text(wanted.title)

    # Back on the overview, "continue" goes to the page the learner left off on (not done yet).
    visit(page, url(E))
    expect(page.locator(".lj-continue__link")).to_have_text(label(EN, "js_continue", title=wanted.title))


def test_the_catalogue_fetches_the_data_of_started_journeys_only(page: Any) -> None:
    """The catalogue holds no journey's data: a learner who started one journey makes the browser
    fetch that journey's data (JOURNEY/journey.json, from the site itself) and no other."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if request.url.endswith(".json") else None)
    page.goto("/", wait_until="load")
    expect(page.locator(".lj-catalogue-progress").first).to_be_attached()
    assert not [u for u in fetched if u.endswith("/journey.json")], "nothing started: nothing fetched"
    html_size = len(page.content())
    assert html_size < 200_000, html_size

    opened = next(a for _p, a in E.activities())
    page.goto(url(E, opened), wait_until="domcontentloaded")  # the learner opens an activity: started
    expect(page.locator("h1")).to_contain_text(opened.title)
    fetched.clear()
    page.goto("/", wait_until="domcontentloaded")
    card = page.locator(f'.lj-catalogue__state[data-lj-for="{E.id}"]')
    expect(card.locator(".lj-continue__link, .lj-progress__text").first).to_be_visible()
    data = [u for u in fetched if u.endswith("/journey.json")]
    assert [u.rsplit("/", 2)[-2] for u in data] == [E.id]


def test_catalogue_shows_the_static_facts_without_script(new_context: Any) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/", wait_until="domcontentloaded")
    cards = page.locator(".lj-catalogue > ul > li")
    expect(cards).to_have_count(len(journeys()))
    for j in journeys().values():
        card = page.locator(".lj-catalogue > ul > li", has=page.locator(f'[data-lj-journey="{j.id}"]'))
        expect(card).to_contain_text(f"{NL('modality_mix')}: ")
        expect(card).to_contain_text(f"{NL('total_time')}: ")
        if j.cohorts:
            expect(card.locator("time").first).to_be_visible()


def test_a_passed_knowledge_check_completes_the_micro_module(page: Any) -> None:
    micro = first(J, "micro-module", lambda a: len(a.questions) >= 2)
    visit(page, url(J, micro))
    questions = page.locator(".lj-question")

    def answer(index: int, right: bool) -> None:
        choices = micro.questions[index].choices
        pick = next(i for i, c in enumerate(choices) if c.correct is right)
        questions.nth(index).locator("input[type=radio]").nth(pick).check()
        questions.nth(index).get_by_role("button", name=NL("js_check")).click()

    answer(0, right=False)
    for index in range(1, len(micro.questions)):
        answer(index, right=True)
    expect(page.locator(".lj-done__status")).to_have_text(NL("js_not_done"))
    assert "done" not in stored(page, J.id).get(micro.id, {}), "a wrong answer left: not passed"

    questions.nth(0).get_by_role("button", name=NL("js_try_again")).click()
    answer(0, right=True)
    expect(page.locator(".lj-done__status")).to_contain_text(label_start(NL, "js_done_on"))
    expect(page.locator(".lj-quiz__score")).to_contain_text(NL("js_quiz_passed"))
    assert stored(page, J.id)[micro.id]["done"]


def test_feedback_request_says_the_learners_start_date(page: Any) -> None:
    reflection = first(E, "reflection", lambda a: a.feedback is not None and "{start}" in (a.feedback.request or ""))
    visit(page, url(E, reflection))
    request = page.locator(".lj-feedback-request")
    expect(request.locator(".lj-start-date")).to_have_text(EN("start_of_your_cohort"))
    cohort = E.cohorts[0]
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [f"learning-journeys:v1:{E.id}:@cohort", f'{{"cohort": "{cohort.id}"}}'],
    )
    page.reload(wait_until="domcontentloaded")
    expect(request.locator(f'.lj-start-date time[datetime="{cohort.start}"]')).to_be_visible()
    text = request.inner_text()
    assert re.search(r" on \w{3}, \w{3} \d{1,2}, \d{4}\.", text), f"the date reads as part of the sentence: {text}"
    assert "[date]" not in text and "{start}" not in text and EN("start_of_your_cohort") not in text


@pytest.mark.parametrize("journey", [J, E], ids=lambda j: j.id)
def test_record_is_near_the_top_on_a_phone(new_context: Any, journey: Journey) -> None:
    """It was about 7,000 px down at 390 px wide."""
    page = new_context(viewport={"width": 360, "height": 780}).new_page()
    visit(page, url(journey))
    expect(page.locator(".lj-record .lj-record__box")).to_be_visible()
    top = page.evaluate("document.querySelector('.lj-record').getBoundingClientRect().top + scrollY")
    assert top < 4500, f"the record starts {top:.0f} px down"


def test_record_downloads_as_html_a_manager_can_read(page: Any, tmp_path: Path) -> None:
    reflection = first(J, "reflection", lambda a: bool(a.objectives) and not getattr(a, "after", None))
    objective = next(o for o in J.objectives if o.id == reflection.objectives[0])
    cohort = J.cohorts[0]
    visit(page, url(J, reflection))
    page.get_by_label(reflection.prompts[0], exact=True).fill("Ik <b>vroeg</b> door & luisterde.\n\nDaarna vatte ik samen.")
    visit(page, url(J))
    page.get_by_label(NL("js_cohort_label"), exact=True).select_option(cohort.id)
    page.get_by_label(NL("js_learner_label")).fill("Anna <i>de Vries</i>")
    with page.expect_download() as info:
        page.get_by_role("button", name=NL("js_download_html")).click()
    download = info.value
    assert download.suggested_filename.endswith(".html")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    html = path.read_text(encoding="utf-8")

    assert html.startswith("<!DOCTYPE html>\n<html lang=\"nl\">")
    assert "Anna &#60;i&#62;de Vries&#60;/i&#62;" in html
    assert (cohort.title or cohort.id) in html
    heading = html.index(f"<h3>{_html(objective.title)}</h3>")
    entry = html.index("Ik &#60;b&#62;vroeg&#60;/b&#62; door &#38; luisterde.</p><p>Daarna vatte ik samen.")
    assert heading < entry, "the reflection sits under the objective its activity serves"
    assert label_start(NL, "js_md_exported") in html
    months = "jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec"
    assert re.search(rf"\b\d{{1,2}} ({months})\.? \d{{4}}", html), "dates in the journey's language (Dutch)"
    for outside in ("<script", "<link", "<img", "src=", "http://", "https://", "@import", "url("):
        assert outside not in html, f"the file would load or run something: {outside}"
    # Printing needs nothing else: the style is in the file.
    assert "<style>" in html and "@media print" in html


def _html(text: str) -> str:
    return "".join(f"&#{ord(c)};" if c in "&<>\"'" else c for c in text)
