"""The facilitator's run sheet: a page per workshop and intervision, out of the learner's
navigation, with the agenda at each meeting's clock times; and who leads an activity, per cohort."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from learning_journeys.model.journey import AgendaItem
from learning_journeys.site.pages import RenderOptions, build_site
from learning_journeys.site.runsheet import agenda_rows
from learning_journeys.validation.loading import load_journeys

from tests.site_helpers import html, make_project, run_build

JOURNEY = """\
id: runs
title: Run sheets
language: {language}
objectives:
  - {{id: listen, title: You listen}}
phases:
  pre:
    activities:
      - {{id: reading, title: Read this first, type: resource, duration: 10m, objectives: [listen]}}
  learn:
    activities:
      - id: workshop
        title: Practice day
        type: workshop
        facilitator: Ann Example
        duration: 3h
        objectives: [listen]
        prework: [reading]
        sessions:
          - {{id: day-1, title: Morning, day: 3, start: "09:00", end: "12:00", location: Room 1}}
          - {{id: day-2, title: Afternoon, day: 4, start: "13:00", end: "15:00", location: Room 2}}
        agenda:
          - {{time: "09:00", topic: Welcome, session: day-1}}
          - {{time: "09:45", minutes: 60, topic: Role play, session: day-1}}
          - {{minutes: 30, topic: What you will try, session: day-1}}
          - {{minutes: 20, topic: Looking back, session: day-2}}
          - {{minutes: 40, topic: Second round, session: day-2}}
      - id: peers
        title: Peer group
        type: intervision
        per_group: true
        duration: 4h
        objectives: [listen]
        prerequisites: [workshop]
        sessions:
          - {{id: meet, day: 10, start: "14:00", end: "16:00", repeat: {{every: 14d, count: 2}}}}
        agenda:
          - {{minutes: 10, topic: Check-in}}
          - {{minutes: 100, topic: Two cases}}
  post:
    activities:
      - id: reflect
        title: Looking back
        type: reflection
        after: peers
        objectives: [listen]
        prompts: [What did the group ask you?]
        feedback: {{from: manager}}
cohorts:
  - id: spring
    title: Spring
    start: "2027-03-01"
    groups:
      - {{id: a, title: Group A, facilitator: Chris Group}}
      - {{id: b, title: Group B, start: "15:00", end: "17:00"}}
  - id: autumn
    title: Autumn
    start: "2027-09-06"
    capacity: 12
    sessions:
      day-1: {{facilitator: Bob Other, start: "10:00", end: "13:00", location: Room 9}}
"""


def _build(tmp_path: Path, language: str = "en") -> Path:
    config = make_project(tmp_path, {"runs.yaml": JOURNEY.format(language=language)})
    run_build(config)  # strict: a page out of the navigation must not be a warning
    return tmp_path / "site"


def _text(fragment: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _article(page: str) -> str:
    return page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("runs"))


def test_clock_times_follow_the_meeting_start() -> None:
    items = (AgendaItem("Welcome", time="09:00"), AgendaItem("Cases", time="09:30", minutes=45), AgendaItem("Close"))
    assert [r.clock for r in agenda_rows(items, "09:00", "09:00")] == ["09:00", "09:30", "10:15"]
    assert [r.clock for r in agenda_rows(items, "09:00", "13:15")] == ["13:15", "13:45", "14:30"]
    only_lengths = (AgendaItem("Check-in", minutes=10), AgendaItem("Case", minutes=50), AgendaItem("End"))
    assert [r.clock for r in agenda_rows(only_lengths, None, "15:00")] == ["15:00", "15:10", "16:00"]
    assert [r.clock for r in agenda_rows(only_lengths, None, None)] == [None, None, None]


def test_each_workshop_and_intervision_has_a_run_sheet_linked_from_its_page(site: Path) -> None:
    for phase, activity in (("learn", "workshop"), ("learn", "peers")):
        page = html(site, f"journeys/runs/{phase}/{activity}/index.html")
        assert f'href="../../facilitator/{activity}/"' in page
        assert "For the facilitator" in page
        assert (site / f"journeys/runs/facilitator/{activity}/index.html").is_file()
    assert not (site / "journeys/runs/facilitator/reading/index.html").exists()


def test_the_run_sheet_is_out_of_the_learners_navigation(site: Path) -> None:
    for uri in ("journeys/runs/index.html", "journeys/runs/learn/workshop/index.html"):
        nav = html(site, uri).split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
        assert "facilitator/" not in nav


def test_the_run_sheet_has_meetings_agenda_prework_and_reflection(site: Path) -> None:
    text = _text(_article(html(site, "journeys/runs/facilitator/workshop/index.html")))
    assert "Run sheet: Practice day" in text
    # Spring as designed; autumn's morning starts at 10:00, and its agenda moves along.
    spring, autumn = text.split("Autumn", 1)
    assert "09:00 Welcome 09:45 60 min Role play 10:45 30 min What you will try" in spring
    assert "13:00 20 min Looking back 13:20 40 min Second round" in spring
    assert "10:00 Welcome 10:45 60 min Role play 11:45 30 min What you will try" in autumn
    assert "Bob Other" in autumn and "Room 9" in autumn and "Places: 12" in autumn
    assert "Pre-work to check" in text and "Read this first" in text


def test_the_intervision_run_sheet_has_each_groups_meetings_and_the_reflection_after(site: Path) -> None:
    text = _text(_article(html(site, "journeys/runs/facilitator/peers/index.html")))
    spring = text.split("Autumn", 1)[0]
    assert spring.count("Group A") >= 2 and "Chris Group" in spring
    # Group B meets at 15:00: its agenda runs from there.
    assert "14:00 10 min Check-in 14:10 100 min Two cases" in spring
    assert "15:00 10 min Check-in 15:10 100 min Two cases" in spring
    assert "Reflection prompts that follow" in text and "What did the group ask you?" in text


def test_the_run_sheet_is_in_the_journeys_language(tmp_path: Path) -> None:
    site = _build(tmp_path, "nl")
    page = html(site, "journeys/runs/facilitator/workshop/index.html")
    text = _text(_article(page))
    assert "Draaiboek: Practice day" in text and "Voorwerk om na te gaan" in text
    assert "Voor de begeleider" in _text(_article(html(site, "journeys/runs/learn/workshop/index.html")))


def test_who_leads_follows_the_cohort(site: Path) -> None:
    """Each cohort's facilitator sits in that cohort's block, which the learner's choice shows or hides:
    the first cohort's never stands for every cohort."""
    article = _article(html(site, "journeys/runs/learn/workshop/index.html"))
    leaders = re.findall(r'<p class="lj-leader" data-lj-cohort="([^"]+)">(.*?)</p>', article, re.S)
    assert {cohort: _text(body) for cohort, body in leaders} == {
        "spring": "Facilitator (Spring): Ann Example",
        "autumn": "Facilitator (Autumn): Bob Other; Ann Example",
    }
    outside = re.sub(r'<p class="lj-leader".*?</p>|<div class="lj-cohort-sessions".*?</table>', "", article, flags=re.S)
    assert "Ann Example" not in outside and "Bob Other" not in outside


def test_without_cohorts_the_run_sheet_has_the_designed_agenda_per_session(tmp_path: Path) -> None:
    text = JOURNEY.format(language="en").split("cohorts:", 1)[0].replace("per_group: true", "per_group: false")
    (tmp_path / "runs.yaml").write_text(text, encoding="utf-8")
    result = load_journeys([tmp_path])
    assert result.ok, [d.message for d in result.diagnostics]
    pages = {p.uri: p for p in build_site(result.journeys, RenderOptions()).pages}
    sheet = pages["journeys/runs/facilitator/workshop.md"]
    assert sheet.kind == "run-sheet" and not sheet.in_nav
    body = _text(sheet.markdown)
    morning, afternoon = body.split("## Agenda: Afternoon", 1)
    assert "## Agenda: Morning" in morning
    assert "09:00" in morning and "09:45" in morning and "10:45" in morning
    assert "13:00" in afternoon and "13:20" in afternoon
