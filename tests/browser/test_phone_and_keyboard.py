"""On a phone and with the keyboard: the drawer, permalinks, touch targets, the file picker, progress
in the navigation and in dark mode. Each test failed before its fix."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

from browser_helpers import EN, NL, dutch_journey, english_journey, first, label, seed, url
from playwright.sync_api import expect

J = dutch_journey()
PHONE = {"width": 360, "height": 800}
FOCUSED = """() => { const e = document.activeElement; const box = e.getBoundingClientRect();
    return { text: (e.textContent || "").trim().slice(0, 60), drawer: !!e.closest(".md-sidebar--primary"),
             seen: box.width > 0 && box.right > 0 && box.left < innerWidth && getComputedStyle(e).visibility !== "hidden",
             done: e.classList.contains("lj-done__button") }; }"""


def _phone(new_context: Any, **options: Any) -> Any:
    return new_context(viewport=PHONE, has_touch=True, is_mobile=True, **options).new_page()


def test_the_closed_drawer_is_out_of_the_tab_order_and_its_button_opens_it(new_context: Any) -> None:
    page = _phone(new_context)
    page.goto(url(J, first(J, "micro-module")), wait_until="domcontentloaded")
    expect(page.locator(".lj-done__button")).to_be_visible()
    stops = []
    for _ in range(12):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(FOCUSED))
        if stops[-1]["done"]:
            break
    assert not [s for s in stops if s["drawer"]], f"Tab went into the closed drawer: {stops}"
    # "Mark as done" within a few stops (it took 28, through the drawer and the permalinks).
    assert stops[-1]["done"], stops
    assert len(stops) <= 10, [s["text"] for s in stops]

    menu = page.get_by_role("button", name="Navigatie")  # Material's own name for its navigation
    menu.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#__drawer")).to_be_checked()
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.wait_for_function("document.activeElement.closest('.md-sidebar--primary') !== null")
    assert page.evaluate(FOCUSED)["seen"]
    page.keyboard.press("Escape")
    expect(page.locator("#__drawer")).not_to_be_checked()
    expect(menu).to_be_focused()


def test_permalinks_are_out_of_the_tab_order_and_titled_in_the_pages_language(site_dir: Path) -> None:
    for journey, title in ((J, "Vaste link naar dit deel"), (english_journey(), "Permanent link")):
        html = (site_dir / journey.id / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<a class="headerlink"[^>]*>', html)
        assert links
        assert all('tabindex="-1"' in link and f'title="{title}"' in link for link in links), links[:2]


def test_touch_targets_are_44_pixels_on_a_phone(new_context: Any) -> None:
    page = _phone(new_context)
    small = []
    for path in (url(J), url(J, first(J, "micro-module")), url(J, first(J, "reflection"))):
        page.goto(path, wait_until="domcontentloaded")
        expect(page.locator("[data-lj-ready]").first).to_be_attached()
        small += page.evaluate("""() => [...document.querySelectorAll(
                ".md-typeset .md-button, .lj-companion button, .lj-companion select, .lj-companion input[type=checkbox]")]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.textContent.trim().slice(0, 30) || e.type, e.getBoundingClientRect()])
            .filter(([, box]) => box.height < 43.5)
            .map(([name, box]) => `${location.pathname} ${name}: ${Math.round(box.width)}x${Math.round(box.height)}`)""")
    assert not [s for s in small if "checkbox" not in s], small
    # Tick boxes are drawn at 1.4rem, with their label the target: at least 24 px (WCAG 2.5.8).
    assert not [s for s in small if "checkbox" in s and int(s.rsplit("x", 1)[1]) < 22], small


def test_the_file_picker_speaks_the_pages_language(new_context: Any, tmp_path: Path) -> None:
    """The browser's own "Choose File / No file chosen" is replaced by a button and a status of ours."""
    for journey, labels in ((J, NL), (english_journey(), EN)):
        page = new_context().new_page()
        page.goto(url(journey), wait_until="domcontentloaded")
        choose = page.get_by_role("button", name=labels("js_import_choose"))
        expect(choose).to_be_visible()
        expect(page.locator(".lj-import__file")).to_have_text(labels("js_import_none"))
        picker = page.locator(".lj-import input[type=file]")
        box = picker.bounding_box()
        assert box is None or (box["width"] <= 1 and box["height"] <= 1), box
        assert picker.get_attribute("tabindex") == "-1"
        with page.expect_file_chooser() as chooser:
            choose.click()
        record = tmp_path / "record.json"
        record.write_text("not json", encoding="utf-8")
        chooser.value.set_files(str(record))
        expect(page.locator(".lj-import__file")).to_have_text("record.json")
        # The label still names the (hidden) input, for assistive technology and the tests.
        expect(page.get_by_label(labels("js_import_label"))).to_have_count(1)


PIXEL = """async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const canvas = Object.assign(document.createElement("canvas"), { width: img.width, height: img.height });
    const g = canvas.getContext("2d");
    g.drawImage(img, 0, 0);
    return [...g.getImageData(img.width - 4, Math.floor(img.height / 2), 1, 1).data].slice(0, 3);
}"""


def test_an_empty_progress_bar_is_not_white_in_dark_mode(new_context: Any) -> None:
    page = new_context(color_scheme="dark").new_page()
    page.goto(url(J), wait_until="domcontentloaded")
    bar = page.locator(".lj-journey progress").first
    expect(bar).to_be_visible()
    assert bar.evaluate("b => b.value") == 0
    shot = "data:image/png;base64," + base64.b64encode(bar.screenshot()).decode()
    red, green, blue = page.evaluate(PIXEL, shot)
    assert max(red, green, blue) < 160, f"the empty part of the bar is light ({red}, {green}, {blue}): 0% looks full"


def test_the_navigation_ticks_done_activities_and_counts_per_phase(new_context: Any) -> None:
    page = new_context().new_page()
    pre = J.phases[0]
    done = [a.id for a in pre.activities[:2]]
    page.goto(f"/{J.id}/pre/", wait_until="domcontentloaded")
    seed(page, J.id, {a: {"done": "2027-03-02T10:00:00Z"} for a in done})
    page.reload(wait_until="domcontentloaded")
    nav = page.locator(".md-nav--primary")
    expect(nav.locator(".lj-nav-done")).to_have_count(2)
    for activity in pre.activities[:2]:
        link = nav.locator(f'a.md-nav__link[href$="{activity.id}/"]')
        # Said in words, not only by the tick.
        expect(link).to_contain_text(f"({NL('js_nav_done')})")
    phase = nav.locator(f'a.md-nav__link[href$="/{J.id}/pre/"], a.md-nav__link[href="./"]')
    expect(phase).to_contain_text(f"2/{len(pre.activities)}")
    expect(phase).to_contain_text(label(NL, "js_nav_phase", done=2, total=len(pre.activities)))
    # Marking one more done updates the navigation at once.
    page.goto(url(J, pre.activities[2]), wait_until="domcontentloaded")
    page.locator(".lj-done__button").first.click()
    expect(page.locator(".md-nav--primary .lj-nav-done")).to_have_count(3)
