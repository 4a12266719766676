"""A journey that runs for months, in Chromium: the learner's cohort and group, "mark as done" per
meeting, a reflection after every meeting, prior learning, the portfolio and "next" on the calendar.

The site is built from ``fixtures/journeys`` (see ``served_months``): a recurring intervision in
two groups (group B meets a day later and skips meeting 3), a workshop in week 4, an assignment in
week 5 and a follow-up in week 10 listed before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from browser_helpers import NL, label, stored
from playwright.sync_api import expect
from test_site import AXE_RUN

JOURNEY = "intervisiejaar"
OVERVIEW = f"/{JOURNEY}/"
INTERVISION = f"/{JOURNEY}/post/intervisie/"
JOURNAL = f"/{JOURNEY}/post/na-intervisie/"
ASSIGNMENT = f"/{JOURNEY}/learn/opdracht/"
PORTFOLIO = f"/{JOURNEY}/post/portfolio/"
TODAY = "2027-05-01T10:00:00"  # after meetings 1 and 2 of group B, before meeting 4
ACTIVITIES = 7


@pytest.fixture
def months_page(browser: Any, served_months: tuple[Any, str]) -> Iterator[Any]:
    """A fresh profile on the months site, with the clock on ``TODAY`` in Amsterdam."""
    base_url = served_months[1]
    outside: list[str] = []
    context = browser.new_context(base_url=base_url, locale="nl-NL", timezone_id="Europe/Amsterdam")
    context.set_default_timeout(5000)
    context.on(
        "request", lambda r: None if r.url.startswith((base_url, "blob:", "data:")) else outside.append(r.url)
    )
    page = context.new_page()
    page.clock.set_fixed_time(TODAY)
    yield page
    context.close()
    assert not outside, f"requests left 127.0.0.1: {outside}"


def _open(page: Any, path: str) -> None:
    page.goto(path, wait_until="domcontentloaded")
    expect(page.locator("[data-lj-ready]").first).to_be_attached()


def _choose(page: Any, cohort: str, group: str | None = None) -> None:
    page.get_by_role("combobox", name=NL("js_cohort_label")).select_option(cohort)
    if group:
        page.get_by_role("combobox", name=NL("js_group_label")).select_option(group)


def _meeting(number: int) -> str:
    return label(NL, "js_meeting", number=number)


def _others_hidden(page: Any, cohort: str, group: str) -> None:
    for node in page.locator("[data-lj-cohort], [data-lj-group]").all():
        other = node.get_attribute("data-lj-cohort") not in (None, cohort) or node.get_attribute(
            "data-lj-group"
        ) not in (None, group)
        assert node.evaluate("n => n.hidden") == other, node.evaluate("n => n.outerHTML.slice(0, 200)")


def test_choose_group_mark_meetings_reflect_and_reload(months_page: Any) -> None:
    page = months_page
    _open(page, OVERVIEW)
    # No choice yet: nothing hidden, an invitation to choose.
    expect(page.locator(".lj-choice__prompt")).to_have_text(NL("js_choose_prompt"))
    assert page.locator("[data-lj-filtered]").count() == 0
    expect(page.get_by_role("combobox", name=NL("js_group_label"))).to_be_hidden()

    # With the keyboard: focus the cohort, pick with the arrow keys; the focus stays.
    cohort = page.get_by_role("combobox", name=NL("js_cohort_label"))
    cohort.focus()
    page.keyboard.press("ArrowDown")
    expect(cohort).to_have_value("voorjaar-2027")
    expect(cohort).to_be_focused()
    _choose(page, "voorjaar-2027", "groep-b")
    expect(page.locator(".lj-choice__prompt")).to_be_hidden()
    _others_hidden(page, "voorjaar-2027", "groep-b")
    # Kept beside the activities' entries, under a key no activity id can have.
    assert stored(page, JOURNEY) == {"@cohort": {"cohort": "voorjaar-2027", "group": "groep-b"}}

    # Two meetings of group B marked done; meeting 3 is cancelled for group B.
    _open(page, INTERVISION)
    _others_hidden(page, "voorjaar-2027", "groep-b")
    meetings = page.locator(".lj-meetings")
    expect(meetings.locator("li")).to_have_count(4)
    expect(meetings.locator("li.is-cancelled")).to_contain_text(_meeting(3))
    expect(meetings.locator("li").first).to_contain_text("9 mrt 2027")  # group B: a day later than A
    page.get_by_label(_meeting(1), exact=False).check()
    page.get_by_label(_meeting(2), exact=False).check()
    expect(page.locator(".lj-done__status")).to_have_text(label(NL, "js_meetings_count", done=2, total=3))
    record = stored(page, JOURNEY)["intervisie"]
    assert sorted(record["meetings"]) == ["intervisie-1", "intervisie-2"] and "done" not in record

    # The journal: one entry per meeting of group B (not the cancelled one), the newest past one open.
    _open(page, JOURNAL)
    entries = page.locator(".lj-journal__entry")
    expect(entries).to_have_count(3)
    expect(entries.first).to_have_attribute("data-lj-meeting", "intervisie-2")
    expect(entries.first).to_have_attribute("open", "")
    expect(entries.first.locator("summary")).to_contain_text(
        label(NL, "js_journal_after", meeting=_meeting(2))
    )
    expect(entries.first.locator("summary")).to_contain_text("20 apr 2027")
    entries.first.locator("textarea").first.fill("Hoe ik beter doorvraag.")
    expect(entries.first.locator(".lj-saved").first).not_to_have_text(NL("js_autosave"))

    page.reload(wait_until="domcontentloaded")
    entry = page.locator('.lj-journal__entry[data-lj-meeting="intervisie-2"]')
    expect(entry.locator("textarea").first).to_have_value("Hoe ik beter doorvraag.")
    assert (
        page.locator('.lj-journal__entry[data-lj-meeting="intervisie-1"] textarea').first.input_value() == ""
    )

    _open(page, INTERVISION)
    expect(page.get_by_label(_meeting(1), exact=False)).to_be_checked()
    expect(page.get_by_label(_meeting(2), exact=False)).to_be_checked()
    expect(page.get_by_label(_meeting(4), exact=False)).not_to_be_checked()

    _open(page, OVERVIEW)
    expect(page.get_by_role("combobox", name=NL("js_group_label"))).to_have_value("groep-b")
    expect(page.locator(".lj-journey .lj-progress__text")).to_have_text(
        label(NL, "js_progress_count", done=0, total=ACTIVITIES)
    )
    expect(page.locator(".lj-meetings-progress")).to_have_text(
        label(NL, "js_meetings_count", done=2, total=3)
    )
    expect(page.locator(".lj-next a")).to_have_text("Intakegesprek")  # week 0: before the start


def test_next_follows_the_calendar(months_page: Any) -> None:
    """After the week-4 workshop: the week-5 assignment, before the week-10 follow-up listed first."""
    page = months_page
    _open(page, OVERVIEW)
    done = {"done": "2027-04-01T10:00:00.000Z"}
    page.evaluate(
        """([prefix, ids, record]) => ids.forEach(id => localStorage.setItem(prefix + id, JSON.stringify(record)))""",
        [f"learning-journeys:v1:{JOURNEY}:", ["intake", "workshop", "portfolio"], done],
    )
    meetings = {"meetings": {"intervisie-1": done["done"], "intervisie-2": done["done"]}}
    page.evaluate(
        """([key, record]) => localStorage.setItem(key, JSON.stringify(record))""",
        [f"learning-journeys:v1:{JOURNEY}:intervisie", meetings],
    )
    page.reload(wait_until="domcontentloaded")
    expect(page.locator(".lj-next a")).to_have_text("Terugkomdag")  # no cohort: the journey's order
    _choose(page, "voorjaar-2027", "groep-a")
    expect(page.locator(".lj-next a")).to_have_text("Feedback in de praktijk")
    expect(page.locator(".lj-next")).to_contain_text("4 apr 2027")
    # Then the follow-up in week 10, before meeting 3 of group A.
    page.evaluate(
        """([key, record]) => localStorage.setItem(key, JSON.stringify(record))""",
        [f"learning-journeys:v1:{JOURNEY}:opdracht", done],
    )
    page.reload(wait_until="domcontentloaded")
    expect(page.locator(".lj-next a")).to_have_text("Terugkomdag")
    expect(page.locator(".lj-next")).to_contain_text("3 mei 2027")


def test_prior_learning_and_portfolio_go_into_the_export(months_page: Any) -> None:
    page = months_page
    _open(page, ASSIGNMENT)
    prior = page.get_by_role("button", name=NL("js_prior_button"))
    expect(prior).to_have_attribute("aria-expanded", "false")
    prior.click()
    field = page.get_by_label(NL("js_prior_label"))
    expect(field).to_be_focused()
    hint = page.locator(".lj-prior .lj-hint")
    expect(hint).to_contain_text("certificaat")
    assert hint.get_attribute("id") in (field.get_attribute("aria-describedby") or "").split()
    field.fill("Certificaat Feedback geven, 2025.")
    expect(page.locator(".lj-done__status")).to_contain_text(NL("js_prior_recognised"))

    _open(page, PORTFOLIO)
    page.get_by_label(label(NL, "js_portfolio_label", objective="Je geeft bruikbare feedback")).fill(
        "Gesprek met collega Sam over zijn presentatie."
    )

    _open(page, OVERVIEW)
    expect(page.locator(".lj-journey .lj-progress__text")).to_have_text(
        label(NL, "js_progress_count", done=1, total=ACTIVITIES)
    )
    _choose(page, "najaar-2027")
    with page.expect_download() as info:
        page.locator(".lj-export-md").click()
    markdown = open(info.value.path(), encoding="utf-8").read()
    section = markdown.split(f"## {NL('js_md_objectives')}", 1)[1]
    feedback = section.split("### Je geeft bruikbare feedback", 1)[1].split("### ", 1)[0]
    assert "Gesprek met collega Sam" in feedback
    assert NL("js_prior_recognised") in section and "Certificaat Feedback geven" in section
    with page.expect_download() as info:
        page.locator(".lj-export-json").click()
    exported = open(info.value.path(), encoding="utf-8").read()
    assert '"choice": {\n    "cohort": "najaar-2027"\n  }' in exported


def test_axe_finds_no_serious_violation_on_the_months_pages(months_page: Any, axe_source: str) -> None:
    page = months_page
    problems: list[str] = []
    _open(page, OVERVIEW)
    _choose(page, "voorjaar-2027", "groep-a")
    for path in (OVERVIEW, INTERVISION, JOURNAL, ASSIGNMENT, PORTFOLIO):
        _open(page, path)
        if path == INTERVISION:
            page.get_by_label(_meeting(1), exact=False).check()
        if path == ASSIGNMENT:
            page.get_by_role("button", name=NL("js_prior_button")).click()
        page.add_script_tag(content=axe_source)
        problems += [f"{path}: {p}" for p in page.evaluate(AXE_RUN, ["default", None])]
    assert not problems, "axe-core found serious or critical violations:\n  " + "\n  ".join(problems)


def test_the_agenda_shows_the_learners_group_and_leaves_other_cohorts_whole(months_page: Any) -> None:
    page = months_page
    _open(page, "/intervisiejaar/")
    _choose(page, "voorjaar-2027", "groep-b")
    page.goto("/intervisiejaar/agenda/voorjaar-2027/", wait_until="domcontentloaded")
    expect(page.locator("[data-lj-filtered]").first).to_be_attached()
    rows = page.locator("[data-lj-group]")
    assert rows.count() > 0
    for node in rows.all():
        other = node.get_attribute("data-lj-group") != "groep-b"
        assert node.evaluate("n => n.hidden") == other, node.evaluate("n => n.outerHTML.slice(0, 200)")
    # Another cohort's agenda stays whole: its groups are not the learner's to filter.
    page.goto("/intervisiejaar/agenda/najaar-2027/", wait_until="networkidle")
    page.wait_for_timeout(300)  # the script has run: nothing to wait for when it hides nothing
    assert page.locator("[data-lj-filtered]").count() == 0
