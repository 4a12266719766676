"""The learner's companion in a real Chromium: progress, journal, knowledge checks, record."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from browser_helpers import (
    EN,
    NL,
    dutch_journey,
    english_journey,
    first,
    label,
    label_start,
    mark_no_reload,
    phase_url,
    seed,
    still_same_document,
    stored,
    url,
    visit,
)
from playwright.sync_api import expect

J = dutch_journey()
MICRO = first(J, "micro-module", lambda a: len(a.questions) >= 2)
REFLECTION = first(J, "reflection", lambda a: a.feedback is not None and a.feedback.request)
ASSIGNMENT = first(J, "assignment")
IDS = [a.id for _p, a in J.activities()]


def _phase_of(activity_id: str) -> Any:
    return next(p for p, a in J.activities() if a.id == activity_id)


# ------------------------------------------------------------------------------ progress


def test_mark_done_persists_across_reload_and_instant_navigation(page: Any) -> None:
    phase = _phase_of(MICRO.id)
    visit(page, url(J, MICRO))
    expect(page.locator(".lj-done__status")).to_have_text(NL("js_not_done"))
    page.get_by_role("button", name=NL("js_mark_done")).click()
    expect(page.locator(".lj-done__status")).to_contain_text(label_start(NL, "js_done_on"))
    assert stored(page, J.id)[MICRO.id]["done"]

    page.reload(wait_until="domcontentloaded")
    expect(page.get_by_role("button", name=NL("js_mark_undone"))).to_be_visible()

    # To the phase page through Material's instant navigation (no page load).
    mark_no_reload(page)
    page.locator(".lj-breadcrumb a").nth(1).click()
    page.wait_for_url(re.compile(re.escape(phase_url(J, phase.key)) + r"(#.*)?$"))
    total = len(phase.activities)
    expect(page.locator(".lj-progress__text")).to_have_text(
        label(NL, "js_phase_progress", done=1, total=total)
    )
    expect(page.locator(f'.lj-card-title[data-lj-activity="{MICRO.id}"] + .lj-badge')).to_have_text(
        re.compile(NL("js_done_badge"))
    )
    assert still_same_document(page), "the phase page was loaded, not swapped by instant navigation"

    # On to the overview, still without a page load.
    page.locator(".lj-breadcrumb a").first.click()
    page.wait_for_url(re.compile(re.escape(url(J)) + r"(#.*)?$"))
    expect(page.locator(".lj-journey .lj-progress__text")).to_have_text(
        label(NL, "js_progress_count", done=1, total=len(IDS))
    )
    expect(page.locator(f'article a[data-lj-activity="{MICRO.id}"] + .lj-badge')).to_be_visible()
    expect(page.locator("progress").first).to_have_attribute("value", "1")
    assert still_same_document(page)

    # And back to the activity: the button says it is done; undo works.
    page.locator(f'article a[data-lj-activity="{MICRO.id}"]').click()
    page.wait_for_url(re.compile(re.escape(url(J, MICRO)) + r"(#.*)?$"))
    page.get_by_role("button", name=NL("js_mark_undone")).click()
    expect(page.locator(".lj-done__status")).to_have_text(NL("js_not_done"))
    assert still_same_document(page)
    assert MICRO.id not in stored(page, J.id)


def _next_title(page: Any) -> str:
    return page.locator(".lj-next a").inner_text()


def test_overview_suggests_the_next_activity(page: Any) -> None:
    visit(page, url(J))
    activities = [a for _p, a in J.activities()]
    expect(page.locator(".lj-next a")).to_have_text(activities[0].title)
    href = page.locator(".lj-next a").get_attribute("href") or ""
    assert href.endswith(url(J, activities[0]))
    # The learner works in another tab; this one follows through storage events.
    other = page.context.new_page()
    other.goto(url(J), wait_until="domcontentloaded")

    # Records are keyed by journey and activity id: after a re-publication, an entry for a
    # removed activity (or a damaged one) does no harm.
    seed(
        other,
        J.id,
        {"removed-activity": {"done": "2027-04-01T10:00:00.000Z"}, IDS[1]: {"done": "2027-04-02"}},
    )
    other.evaluate(
        "([key]) => localStorage.setItem(key, '{broken')", [f"learning-journeys:v1:{J.id}:{IDS[2]}"]
    )
    expect(page.locator(".lj-journey .lj-progress__text")).to_have_text(
        label(NL, "js_progress_count", done=1, total=len(IDS))
    )
    expect(page.locator(".lj-next a")).to_have_text(activities[0].title)

    # Everything before the post phase done: the optional activity that opens it is skipped.
    post = next(p for p in J.phases if p.key == "post")
    assert post.activities[0].optional, "the example's post phase no longer opens with an optional activity"
    earlier = [a.id for p, a in J.activities() if p.key != "post"]
    seed(other, J.id, {i: {"done": "2027-04-01T10:00:00.000Z"} for i in earlier})
    wanted = next(a for a in post.activities if not a.optional)
    assert not set(wanted.prerequisites) - set(earlier), "the suggestion must have its prerequisites done"
    expect(page.locator(".lj-next a")).to_have_text(wanted.title)

    # An activity and its prerequisite both open: the prerequisite comes first.
    blocked = next(a for _p, a in J.activities() if a.prerequisites and not a.optional)
    other.evaluate("localStorage.clear()")
    seed(
        other,
        J.id,
        {
            i: {"done": "2027-04-01T10:00:00.000Z"}
            for i in IDS
            if i not in (blocked.id, *blocked.prerequisites)
        },
    )
    expect(page.locator(".lj-next a")).to_have_text(J.activity(blocked.prerequisites[0]).title)

    # All done.
    seed(other, J.id, {i: {"done": "2027-04-01T10:00:00.000Z"} for i in IDS})
    expect(page.locator(".lj-next")).to_contain_text(NL("js_next_all_done"))
    expect(page.locator(".lj-journey .lj-progress__text")).to_have_text(
        label(NL, "js_progress_count", done=len(IDS), total=len(IDS))
    )


# ------------------------------------------------------------------------------- journal


def test_reflection_saves_while_typing_and_survives_navigation(page: Any) -> None:
    visit(page, url(J, REFLECTION))
    field = page.get_by_label(REFLECTION.prompts[0], exact=True)
    expect(field).to_be_editable()
    status = page.locator(f"#{field.get_attribute('aria-describedby')}")
    expect(status).to_have_text(NL("js_autosave"))
    field.press_sequentially("Ik hoorde dat de klant wil groeien.")
    expect(status).to_contain_text(label_start(NL, "js_saved"))
    second = page.get_by_label(REFLECTION.prompts[1], exact=True)
    second.fill("Toen ik de offerte al\nin gedachten had.")

    mark_no_reload(page)
    page.locator(".md-footer__link--prev").click()
    page.wait_for_url(lambda u: url(J, REFLECTION) not in u)
    page.go_back(wait_until="domcontentloaded")
    page.wait_for_url(re.compile(re.escape(url(J, REFLECTION)) + r"(#.*)?$"))
    expect(page.get_by_label(REFLECTION.prompts[0], exact=True)).to_have_value(
        "Ik hoorde dat de klant wil groeien."
    )
    expect(page.get_by_label(REFLECTION.prompts[1], exact=True)).to_have_value(
        "Toen ik de offerte al\nin gedachten had."
    )
    assert still_same_document(page)

    page.reload(wait_until="domcontentloaded")
    expect(page.get_by_label(REFLECTION.prompts[0], exact=True)).to_have_value(
        "Ik hoorde dat de klant wil groeien."
    )
    record = stored(page, J.id)[REFLECTION.id]
    assert record["reflections"]["0"]["prompt"] == REFLECTION.prompts[0]

    # Emptying a field removes the entry.
    page.get_by_label(REFLECTION.prompts[0], exact=True).fill("")
    assert "0" not in stored(page, J.id)[REFLECTION.id]["reflections"]


def test_feedback_request_is_ready_to_copy(new_context: Any) -> None:
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    visit(page, url(J, REFLECTION))
    page.get_by_role("button", name=NL("js_copy_request")).click()
    expect(page.locator(".lj-copy__status")).to_have_text(NL("js_copied"))
    copied = page.evaluate("navigator.clipboard.readText()")
    assert REFLECTION.feedback.request.splitlines()[0].strip() in copied


def test_assignment_evidence_notes_are_kept(page: Any) -> None:
    visit(page, url(J, ASSIGNMENT))
    page.get_by_label(NL("js_evidence_label"), exact=True).fill("Gespreksplan staat in OneDrive/portfolio.")
    page.reload(wait_until="domcontentloaded")
    expect(page.get_by_label(NL("js_evidence_label"), exact=True)).to_have_value(
        "Gespreksplan staat in OneDrive/portfolio."
    )


# ------------------------------------------------------------------------ knowledge check


def test_knowledge_check_gives_feedback_and_remembers(page: Any) -> None:
    question = MICRO.questions[0]
    wrong = next(c for c in question.choices if not c.correct and c.explanation)
    right = next(c for c in question.choices if c.correct)
    visit(page, url(J, MICRO))
    block = page.locator(".lj-question").first
    group = block.get_by_role("group", name=re.compile(re.escape(question.question[:30])))
    expect(group).to_be_visible()
    # Nothing gives the answer away before a choice: no marker in the page, the answers block hidden.
    assert page.locator("[data-lj-correct]").count() == 0
    expect(block.locator("details")).to_be_hidden()

    block.get_by_role("button", name=NL("js_check")).click()
    expect(block.locator(".lj-q__feedback")).to_have_text(NL("js_choose_first"))

    block.get_by_label(wrong.text, exact=True).check()
    block.get_by_role("button", name=NL("js_check")).click()
    feedback = block.locator(".lj-q__feedback")
    expect(feedback).to_contain_text(NL("js_wrong"))
    expect(feedback).to_contain_text(wrong.explanation[-40:])
    assert right.explanation[-40:] not in feedback.inner_text()
    expect(block.locator("details")).to_be_hidden()
    expect(page.locator(".lj-quiz__score")).to_have_text(
        label(NL, "js_quiz_score", right=0, total=len(MICRO.questions))
    )

    block.get_by_role("button", name=NL("js_try_again")).click()
    expect(block.get_by_label(wrong.text, exact=True)).not_to_be_checked()
    expect(feedback).to_be_empty()

    block.get_by_label(right.text, exact=True).check()
    block.get_by_role("button", name=NL("js_check")).click()
    expect(feedback).to_contain_text(NL("js_right"))
    expect(feedback).to_contain_text(right.explanation[-40:])
    # The right answer found: the full explanations may be read now.
    expect(block.locator("details")).to_be_visible()
    expect(page.locator(".lj-quiz__score")).to_have_text(
        label(NL, "js_quiz_score", right=1, total=len(MICRO.questions))
    )

    page.reload(wait_until="domcontentloaded")
    block = page.locator(".lj-question").first
    expect(block.get_by_label(right.text, exact=True)).to_be_checked()
    expect(block.locator(".lj-q__feedback")).to_contain_text(NL("js_right"))
    record = stored(page, J.id)[MICRO.id]["quiz"]["0"]
    assert record["correct"] is True and record["choice"] == question.choices.index(right)


def test_knowledge_check_reads_sensibly_without_javascript(new_context: Any) -> None:
    page = new_context(java_script_enabled=False).new_page()
    visit(page, url(J, MICRO))
    question = MICRO.questions[0]
    block = page.locator(".lj-question").first
    expect(block).to_contain_text(question.question)
    for choice in question.choices:
        expect(block.locator(".lj-choice", has_text=choice.text)).to_be_visible()
    details = block.locator("details")
    expect(details).not_to_have_attribute("open", re.compile(".*"))
    right = next(c for c in question.choices if c.correct)
    # The explanation is in the closed block: read after a click, not before.
    expect(details.locator(".lj-explanation").first).to_be_hidden()
    details.locator("summary").click()
    expect(details).to_contain_text(right.explanation[-40:])


# ------------------------------------------------------------------------ journey record


def _fill_a_journey(page: Any) -> dict[str, str]:
    typed = {
        "reflection": "Ik hoorde dat de ondernemer eigenlijk wil overnemen.",
        "evidence": "Gespreksplan en observatieformulier in mijn map 'portfolio'.",
    }
    visit(page, url(J, MICRO))
    right = next(c for c in MICRO.questions[0].choices if c.correct)
    page.locator(".lj-question").first.get_by_label(right.text, exact=True).check()
    page.locator(".lj-question").first.get_by_role("button", name=NL("js_check")).click()
    visit(page, url(J, REFLECTION))
    page.get_by_label(REFLECTION.prompts[0], exact=True).fill(typed["reflection"])
    page.get_by_role("button", name=NL("js_mark_done")).click()
    visit(page, url(J, ASSIGNMENT))
    page.get_by_label(NL("js_evidence_label"), exact=True).fill(typed["evidence"])
    return typed


def _download(page: Any, name: str) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=name).click()
    return Path(info.value.path())


def test_export_holds_what_was_typed_and_import_restores_it(new_context: Any, tmp_path: Path) -> None:
    page = new_context().new_page()
    typed = _fill_a_journey(page)
    visit(page, url(J))
    expect(page.get_by_role("heading", name=NL("js_record_heading"))).to_be_visible()

    markdown = _download(page, NL("js_download_md")).read_text(encoding="utf-8")
    assert markdown.startswith(f"# {NL('js_md_title')}: {J.title}")
    assert typed["reflection"] in markdown and typed["evidence"] in markdown
    assert REFLECTION.prompts[0] in markdown
    assert f"- [x] {REFLECTION.title}" in markdown
    assert label_start(NL, "js_done_on") in markdown
    assert label(NL, "js_quiz_score", right=1, total=1) in markdown

    exported = _download(page, NL("js_download_json"))
    record = json.loads(exported.read_text(encoding="utf-8"))
    assert record["format"] == "mkdocs-learning-journeys/journey-record" and record["version"] == 1
    assert record["journey"]["id"] == J.id
    assert record["activities"][REFLECTION.id]["reflections"]["0"]["text"] == typed["reflection"]
    assert record["activities"][REFLECTION.id]["done"]
    assert record["activities"][ASSIGNMENT.id]["evidence"]["text"] == typed["evidence"]
    assert record["activities"][MICRO.id]["quiz"]["0"]["correct"] is True

    # Another browser (a fresh profile): import restores it all.
    other = new_context().new_page()
    visit(other, url(J))
    expect(other.locator(".lj-journey .lj-progress__text")).to_have_text(
        label(NL, "js_progress_count", done=0, total=len(IDS))
    )
    other.get_by_label(NL("js_import_label")).set_input_files(exported)
    expect(other.locator(".lj-record__status")).to_have_text(label(NL, "js_import_done", count=3))
    expect(other.locator(".lj-journey .lj-progress__text")).to_have_text(
        label(NL, "js_progress_count", done=1, total=len(IDS))
    )
    visit(other, url(J, REFLECTION))
    expect(other.get_by_label(REFLECTION.prompts[0], exact=True)).to_have_value(typed["reflection"])
    expect(other.get_by_role("button", name=NL("js_mark_undone"))).to_be_visible()
    visit(other, url(J, ASSIGNMENT))
    expect(other.get_by_label(NL("js_evidence_label"), exact=True)).to_have_value(typed["evidence"])

    # Import never overwrites silently: the learner chooses, and cancel changes nothing.
    other.get_by_label(NL("js_evidence_label"), exact=True).fill("Nieuwer, op dit apparaat geschreven.")
    visit(other, url(J))
    importer = other.get_by_label(NL("js_import_label"))
    importer.set_input_files(exported)
    confirm = other.get_by_role("group", name=re.compile(re.escape(label_start(NL, "js_import_confirm"))))
    expect(confirm).to_be_visible()
    expect(other.get_by_role("button", name=NL("js_import_merge"))).to_be_focused()
    assert stored(other, J.id)[ASSIGNMENT.id]["evidence"]["text"] == "Nieuwer, op dit apparaat geschreven."
    other.get_by_role("button", name=NL("js_cancel")).click()
    expect(other.locator(".lj-record__status")).to_have_text(NL("js_import_cancelled"))
    assert stored(other, J.id)[ASSIGNMENT.id]["evidence"]["text"] == "Nieuwer, op dit apparaat geschreven."

    importer.set_input_files(exported)
    other.get_by_role("button", name=NL("js_import_merge")).click()
    expect(other.locator(".lj-record__status")).to_have_text(label(NL, "js_import_done", count=3))
    assert stored(other, J.id)[ASSIGNMENT.id]["evidence"]["text"] == "Nieuwer, op dit apparaat geschreven."

    importer.set_input_files(exported)
    other.get_by_role("button", name=NL("js_import_replace")).click()
    expect(other.locator(".lj-record__status")).to_have_text(label(NL, "js_import_done", count=3))
    assert stored(other, J.id)[ASSIGNMENT.id]["evidence"]["text"] == typed["evidence"]


def test_import_rejects_files_that_are_not_a_record_of_this_journey(page: Any) -> None:
    visit(page, url(J))
    seed(page, J.id, {IDS[0]: {"done": "2027-04-01T10:00:00.000Z"}})
    page.reload(wait_until="domcontentloaded")
    before = stored(page, J.id)
    good = {
        "format": "mkdocs-learning-journeys/journey-record",
        "version": 1,
        "exported": "2027-04-02T10:00:00.000Z",
        "journey": {"id": J.id, "title": J.title},
        "activities": {IDS[1]: {"done": "2027-04-02T10:00:00.000Z"}},
    }
    other_journey = {**good, "journey": {"id": "another-journey", "title": "Another journey"}}
    damaged = {**good, "activities": {REFLECTION.id: {"reflections": {"0": {"text": 42, "saved": "x"}}}}}
    cases = [
        (b"this is not JSON", NL("js_import_not_json")),
        (json.dumps({"hello": "world"}).encode(), NL("js_import_not_record")),
        (json.dumps(other_journey).encode(), label(NL, "js_import_other_journey", journey="Another journey")),
        (json.dumps(damaged).encode(), label_start(NL, "js_import_bad_entry")),
    ]
    importer = page.get_by_label(NL("js_import_label"))
    for content, message in cases:
        importer.set_input_files({"name": "record.json", "mimeType": "application/json", "buffer": content})
        expect(page.locator(".lj-record__status")).to_contain_text(label_start(NL, "js_import_invalid"))
        expect(page.locator(".lj-record__status")).to_contain_text(message)
        assert stored(page, J.id) == before


def test_clear_my_data_asks_first(page: Any) -> None:
    visit(page, url(J))
    seed(page, J.id, {i: {"done": "2027-04-01T10:00:00.000Z"} for i in IDS[:3]})
    page.reload(wait_until="domcontentloaded")
    page.get_by_role("button", name=NL("js_clear")).click()
    confirm = page.get_by_role("group", name=re.compile(re.escape(NL("js_clear_confirm")[:30])))
    expect(confirm).to_be_visible()
    expect(page.get_by_role("button", name=NL("js_cancel"))).to_be_focused()
    assert len(stored(page, J.id)) == 3
    page.get_by_role("button", name=NL("js_cancel")).click()
    expect(confirm).to_be_hidden()
    assert len(stored(page, J.id)) == 3

    page.get_by_role("button", name=NL("js_clear")).click()
    page.get_by_role("button", name=NL("js_clear_yes")).click()
    expect(page.locator(".lj-record__status")).to_have_text(NL("js_cleared"))
    assert stored(page, J.id) == {}
    expect(page.locator(".lj-journey .lj-progress__text")).to_have_text(
        label(NL, "js_progress_count", done=0, total=len(IDS))
    )


# --------------------------------------------------------------- limits and atomic import

TEXT_LIMIT = 100_000  # LIMITS.text in learning-journeys-record.js


def _limit_message(page: Any) -> str:
    """What the learner is told at the text limit (the limit as a Dutch page writes it)."""
    carried = page.evaluate(
        "() => JSON.parse(document.getElementById('lj-labels').dataset.ljJson).js_text_too_long || null"
    )
    if carried is None:  # the page does not carry the label: the script's own words name the limit too
        return "100.000"
    return label(NL, "js_text_too_long", max="100.000")


def test_text_over_the_limit_is_cut_and_the_rest_of_the_record_kept(page: Any) -> None:
    # A reflection over the limit once made the whole record read as empty: the next
    # keystroke then saved that emptiness over the done mark and the other reflection.
    visit(page, url(J, REFLECTION))
    saved = "2027-04-01T10:00:00.000Z"
    long_text = "x" * (TEXT_LIMIT + 1)
    seed(
        page,
        J.id,
        {
            REFLECTION.id: {
                "done": saved,
                "reflections": {
                    "0": {"text": long_text, "saved": saved, "prompt": REFLECTION.prompts[0]},
                    "1": {"text": "Mijn tweede antwoord.", "saved": saved, "prompt": REFLECTION.prompts[1]},
                },
            }
        },
    )
    page.reload(wait_until="domcontentloaded")
    expect(page.get_by_role("button", name=NL("js_mark_undone"))).to_be_visible()
    second = page.get_by_label(REFLECTION.prompts[1], exact=True)
    expect(second).to_have_value("Mijn tweede antwoord.")
    second.press("End")
    second.press_sequentially(" Meer.")
    record = stored(page, J.id)[REFLECTION.id]
    assert record["done"] == saved
    assert record["reflections"]["1"]["text"] == "Mijn tweede antwoord. Meer."
    assert record["reflections"]["0"]["text"] == long_text[:TEXT_LIMIT]

    # Writing keeps to the limit reading uses, and the learner is told.
    first_field = page.get_by_label(REFLECTION.prompts[0], exact=True)
    assert first_field.get_attribute("maxlength") == str(TEXT_LIMIT)
    status = page.locator(f"#{first_field.get_attribute('aria-describedby')}")
    expect(status).to_contain_text(_limit_message(page))
    first_field.fill("y" * (TEXT_LIMIT + 50))  # set by script: past what maxlength lets a learner type
    expect(status).to_contain_text(_limit_message(page))
    assert stored(page, J.id)[REFLECTION.id]["reflections"]["0"]["text"] == "y" * TEXT_LIMIT
    expect(first_field).to_have_value("y" * TEXT_LIMIT)
    page.reload(wait_until="domcontentloaded")
    expect(page.get_by_label(REFLECTION.prompts[0], exact=True)).to_have_value("y" * TEXT_LIMIT)
    expect(page.get_by_role("button", name=NL("js_mark_undone"))).to_be_visible()


# Storage with room for `window.__ljLimit` characters (keys and values), once that is set.
LIMITED_STORAGE = """(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
        if (typeof window.__ljLimit === "number") {
            let used = 0;
            for (let i = 0; i < this.length; i += 1) {
                const other = this.key(i);
                if (other !== key) used += other.length + (this.getItem(other) || "").length;
            }
            if (used + key.length + String(value).length > window.__ljLimit) {
                throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
            }
        }
        return setItem.call(this, key, value);
    };
})();"""


def test_import_is_all_or_nothing_and_only_for_this_journeys_activities(new_context: Any) -> None:
    context = new_context()
    context.add_init_script(LIMITED_STORAGE)
    page = context.new_page()
    visit(page, url(J))
    mine = {
        IDS[0]: {"done": "2027-04-01T10:00:00.000Z"},
        ASSIGNMENT.id: {"evidence": {"text": "Op dit apparaat.", "saved": "2027-04-01T10:00:00.000Z"}},
    }
    seed(page, J.id, mine)
    page.reload(wait_until="domcontentloaded")
    before = stored(page, J.id)
    activities = {
        IDS[1]: {"done": "2027-04-02T10:00:00.000Z"},
        IDS[2]: {"done": "2027-04-02T10:00:00.000Z"},
        "removed-activity": {"done": "2027-04-02T10:00:00.000Z"},
        REFLECTION.id: {
            "reflections": {
                "0": {
                    "text": "z" * 5000,
                    "saved": "2027-04-02T10:00:00.000Z",
                    "prompt": REFLECTION.prompts[0],
                }
            }
        },
    }
    content = json.dumps(
        {
            "format": "mkdocs-learning-journeys/journey-record",
            "version": 1,
            "exported": "2027-04-02T10:00:00.000Z",
            "journey": {"id": J.id, "title": J.title},
            "activities": activities,
        }
    ).encode()
    file = {"name": "record.json", "mimeType": "application/json", "buffer": content}
    importer = page.get_by_label(NL("js_import_label"))
    status = page.locator(".lj-record__status")

    # Room for the small entries, not for the long reflection: storage refuses halfway.
    page.evaluate("used => { window.__ljLimit = used + 400; }", page.evaluate(USED_CHARACTERS))
    for choice in ("js_import_merge", "js_import_replace"):
        importer.set_input_files(file)
        page.get_by_role("button", name=NL(choice)).click()
        expect(status).to_have_text(f"{NL('js_storage_error')} {NL('js_import_cancelled')}")
        expect(page.get_by_role("alert")).to_have_text(NL("js_storage_error"))
        assert stored(page, J.id) == before, f"{choice}: a failed import changed what was stored"
        expect(page.locator(".lj-journey .lj-progress__text")).to_have_text(
            label(NL, "js_progress_count", done=1, total=len(IDS))
        )

    # With room, all of it is imported, except the activity this journey does not have.
    page.evaluate("window.__ljLimit = undefined")
    importer.set_input_files(file)
    page.get_by_role("button", name=NL("js_import_merge")).click()
    expect(status).to_contain_text(label(NL, "js_import_done", count=3))
    expect(status).to_contain_text("removed-activity")
    after = stored(page, J.id)
    assert "removed-activity" not in after
    assert set(after) == {IDS[0], IDS[1], IDS[2], ASSIGNMENT.id, REFLECTION.id}
    assert after[ASSIGNMENT.id] == mine[ASSIGNMENT.id]
    assert after[REFLECTION.id]["reflections"]["0"]["text"] == "z" * 5000


USED_CHARACTERS = """(() => {
    let used = 0;
    for (let i = 0; i < localStorage.length; i += 1) {
        const key = localStorage.key(i);
        used += key.length + (localStorage.getItem(key) || "").length;
    }
    return used;
})()"""


# --------------------------------------------------------------- failures and languages


def test_storage_that_refuses_is_reported_politely(new_context: Any) -> None:
    context = new_context()
    context.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    visit(page, url(J, REFLECTION))
    field = page.get_by_label(REFLECTION.prompts[0], exact=True)
    field.fill("Dit kan niet worden bewaard.")
    expect(page.get_by_role("alert")).to_have_text(NL("js_storage_error"))
    expect(page.locator(f"#{field.get_attribute('aria-describedby')}")).to_have_text(NL("js_not_saved"))
    page.get_by_role("button", name=NL("js_mark_done")).click()
    expect(page.get_by_role("alert")).to_have_count(1)
    assert not errors


def test_english_journey_speaks_english(page: Any) -> None:
    e = english_journey()
    activity = next(a for _p, a in e.activities())
    visit(page, url(e, activity))
    expect(page.get_by_role("button", name=EN("js_mark_done"))).to_be_visible()
    visit(page, url(e))
    expect(page.get_by_role("heading", name=EN("js_progress_heading"))).to_be_visible()
    expect(page.get_by_role("button", name=EN("js_download_md"))).to_be_visible()


def test_controls_work_with_the_keyboard_alone(page: Any) -> None:
    visit(page, url(J, MICRO))

    def tab_to(predicate: str, limit: int = 120) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(
                f"(() => {{ const e = document.activeElement; return !!e && ({predicate}); }})()"
            ):
                return
        raise AssertionError(f"Tab never reached {predicate}")

    def outline() -> str:
        return page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return s.outlineStyle === 'none' ? '' : s.outlineStyle + ' ' + s.outlineWidth; })()"
        )

    # From the last link before each control, Tab reaches it (and Enter/Space work it);
    # the script adds the button, so wait for it before starting to count on a busy machine.
    expect(page.locator(".lj-done__button").first).to_be_visible()
    page.locator(".lj-breadcrumb a").last.focus()
    tab_to("e.classList.contains('lj-done__button')", limit=3)
    assert outline(), "the focused button shows no focus outline"
    page.keyboard.press("Enter")
    expect(page.locator(".lj-done__status")).to_contain_text(label_start(NL, "js_done_on"))

    page.locator(".lj-quiz").locator("xpath=preceding::a[1]").focus()
    tab_to("e.type === 'radio'", limit=3)
    assert outline(), "the focused choice shows no focus outline"
    page.keyboard.press("Space")
    tab_to(f"e.textContent === {json.dumps(NL('js_check'))}")
    page.keyboard.press("Enter")
    expect(page.locator(".lj-question").first.locator(".lj-q__feedback")).not_to_be_empty()
    expect(page.locator(".lj-question").first.get_by_role("button", name=NL("js_try_again"))).to_be_focused()
