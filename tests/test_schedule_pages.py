"""Pages of a year-long journey, from a real build: the agenda per cohort (every meeting of
every group with its local date and time, cancelled and moved meetings, open periods and
deadlines, capacity and enrolment deadline), meetings on activity pages, dates per cohort on
phase and activity pages, the timeline, the manager's page and the JSON-LD events."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from schedule_helpers import build_year
from site_helpers import html, jsonld

J = "journeys/year-programme"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        return build_year(tmp_path_factory.mktemp("year"), mp)


def _rows(page: str) -> list[str]:
    """The agenda's table rows, tags stripped to their text (attributes of the row kept)."""
    rows = re.findall(r"<tr([^>]*)>(.*?)</tr>", page, re.S)
    return [attrs + " | " + re.sub(r"<[^>]+>", " ", body) for attrs, body in rows[1:]]


def _text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def _row(rows: list[str], *needles: str) -> str:
    found = [r for r in rows if all(n in " ".join(r.split()) for n in needles)]
    assert len(found) == 1, (needles, found)
    return " ".join(found[0].split())


def test_the_agenda_lists_every_meeting_of_every_group_with_its_local_time(site: Path) -> None:
    rows = _rows(html(site, f"{J}/agenda/ams/index.html"))
    meetings = [r for r in rows if "lj-agenda-meeting" in r]
    assert len(meetings) == 3 * 8 + 12 + 10
    assert len([r for r in meetings if 'data-lj-group="b"' in r]) == 8
    assert len([r for r in meetings if "data-lj-group" not in r]) == 12 + 10
    row = _row(rows, 'data-lj-group="a"', "meeting 2/8")
    assert "Wed, Apr 14, 2027" in row and "14:00–16:00" in row and "Room A" in row and "Ann" in row
    row = _row(rows, 'data-lj-group="b"', "meeting 1/8")  # a day later
    assert "Thu, Mar 4, 2027" in row and "Room B" in row and "Bob" in row
    row = _row(rows, 'data-lj-group="c"', "meeting 1/8")  # online at its own time
    assert "Wed, Mar 3, 2027" in row and "10:00–12:00" in row and "Join online" in row
    # Across the change to summer time (28 March) the local time stays.
    assert "09:00–10:00" in _row(rows, "Coaching hour", "meeting 1/12")
    assert "09:00–10:00" in _row(rows, "Coaching hour", "meeting 2/12")
    assert "Wed, Apr 7, 2027" in _row(rows, "Coaching hour", "meeting 2/12")


def test_the_agenda_marks_cancelled_and_moved_meetings(site: Path) -> None:
    page = html(site, f"{J}/agenda/ams/index.html")
    rows = _rows(page)
    cancelled = _row(rows, 'data-lj-group="c"', "meeting 2/8")
    assert "lj-cancelled" in cancelled and "Cancelled" in cancelled and "Remove from calendar" in cancelled
    assert "Cancelled" not in _row(rows, 'data-lj-group="a"', "meeting 2/8")
    moved = _row(rows, "Coaching hour", "meeting 3/12")
    assert "Moved" in moved and "Tue, May 4, 2027" in moved and "13:00–14:00" in moved
    assert 'href="../../calendar/ams/c/ivs-2.ics"' in page


def test_the_agenda_has_capacity_enrolment_deadlines_and_open_periods(site: Path) -> None:
    page = html(site, f"{J}/agenda/ams/index.html")
    assert "<strong>Places:</strong> 18" in page
    assert re.search(r"Enrol by:</strong> <time datetime=\"2027-02-15\">", page)
    rows = _rows(page)
    due = _row(rows, "lj-agenda-due", "Write up a case")
    assert "Due" in due and "Sun, Apr 11, 2027" in due  # the end of week 6
    period = _row(rows, "lj-agenda-open", "Your portfolio")
    assert "Mon, Mar 1, 2027" in period and "Sun, Jan 30, 2028" in period  # weeks 1 to 48
    # In date order: the deadline after the meetings of its week, before the next week's.
    texts = [" ".join(r.split()) for r in rows]
    assert texts.index(due) > texts.index(_row(rows, "Joint call", "meeting 6/10"))
    # The group calendars, each marked with its group for the browser script.
    for group in "abc":
        assert (
            f'data-lj-group="{group}"><a class="lj-ics" download href="../../calendar/ams.{group}.ics"'
            in page
        )


def test_a_call_fixed_in_amsterdam_is_at_new_york_time_on_the_new_york_agenda(site: Path) -> None:
    rows = _rows(html(site, f"{J}/agenda/nyc/index.html"))
    times = {n: _row(rows, "Joint call", f"meeting {n}/10") for n in range(1, 6)}
    assert "Mon, Mar 1, 2027" in times[1] and "10:00–11:00" in times[1]
    assert "Mon, Mar 15, 2027" in times[3] and "11:00–12:00" in times[3]  # US summer time, EU not yet
    assert "Mon, Mar 22, 2027" in times[4] and "11:00–12:00" in times[4]
    assert "Mon, Mar 29, 2027" in times[5] and "10:00–11:00" in times[5]
    # A cohort without groups meets as a whole.
    assert not [r for r in rows if "data-lj-group" in r]


def test_an_activity_page_lists_each_groups_meetings_per_cohort(site: Path) -> None:
    page = html(site, f"{J}/learn/intervision/index.html")
    ams = page[page.index('sessions" data-lj-cohort="ams"') : page.index('sessions" data-lj-cohort="nyc"')]
    rows = _rows(ams)
    assert len(rows) == 3 * 8
    row = _row(rows, 'data-lj-group="c"', "meeting 8/8")
    assert "Cas" in row and "Join online" in row
    assert "Cancelled" in _row(rows, 'data-lj-group="c"', "meeting 2/8")
    # The role label comes from the type: a coaching page names the coach.
    coaching = html(site, f"{J}/learn/coaching/index.html")
    assert "<th>Coach</th>" in coaching and "Pool of coaches" in coaching


def test_without_cohorts_a_series_reads_as_the_design_says_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from learning_journeys.site.pages import RenderOptions, build_site
    from learning_journeys.validation.loading import load_journeys
    from schedule_helpers import YEAR_JOURNEY

    text = YEAR_JOURNEY[: YEAR_JOURNEY.index("cohorts:")]
    (tmp_path / "year.yaml").write_text(text, encoding="utf-8")
    result = load_journeys([tmp_path])
    assert result.ok, result.diagnostics
    pages = {p.uri: p.markdown for p in build_site(result.journeys, RenderOptions()).pages}
    assert "| every 6 weeks, 8 times, from day 3 |" in pages["journeys/year-programme/learn/intervision.md"]
    assert "| every week, 10 times, from day 1 |" in pages["journeys/year-programme/learn/joint-call.md"]
    assert "16&#58;00–17&#58;00 (Europe/Amsterdam)" in pages["journeys/year-programme/learn/joint-call.md"]


def test_phase_and_activity_pages_show_dates_per_cohort(site: Path) -> None:
    phase = html(site, f"{J}/post/index.html")
    when = re.findall(r'<span class="lj-when" data-lj-cohort="(\w+)">(.*?)</span>', phase)
    texts = {(cohort, _text(body)) for cohort, body in when}
    assert ("ams", "Amsterdam 2027: Mon, Mar 22, 2027 – Sun, Mar 28, 2027 · Due Sun, Apr 11, 2027") in texts
    assert ("ams", "Amsterdam 2027: Mon, Mar 1, 2027 – Sun, Jan 30, 2028") in texts
    activity = html(site, f"{J}/learn/intervision/index.html")
    assert "Week 1–43" in activity  # a series: from its week to the week of its last meeting
    intake = html(site, f"{J}/pre/intake/index.html")
    assert "Week 0" in intake and "Mon, Feb 22, 2027" in intake  # the week before the start


def test_the_timeline_lists_every_meeting_of_a_series_in_its_week(site: Path) -> None:
    page = html(site, f"{J}/index.html")
    timeline = page[page.index('id="timeline"') :]
    for n in range(1, 9):
        assert f"Intervision</a> · meeting {n}/8" in timeline
    # Meeting 2 is six weeks after meeting 1: in week 7, dated per cohort.
    week7 = re.search(r"<td[^>]*>7 <span(.*?)</tr>", timeline, re.S)
    assert week7 and "meeting 2/8" in week7.group(1) and "Mon, Apr 12, 2027" in week7.group(1)


def test_the_manager_page_says_what_the_manager_does_when(site: Path) -> None:
    page = html(site, f"{J}/manager/index.html")
    headings = [_text(h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.S)]
    assert headings[:3] == [
        "Week 0 · Intake with your manager",
        "Week 2 · After each intervision",
        "Week 48 · Your portfolio",
    ]
    assert "Plan half an hour with your employee" in page
    assert "Your employee asks you for feedback</strong> (they also ask: a peer)" in page
    assert "Could you tell me what you noticed?" in page
    assert "Discuss the portfolio with your employee" in page
    assert re.search(r'data-lj-cohort="nyc">New York 2027: <time datetime="2028-01-24">', page)
    # In the journey's navigation, after the phases.
    overview = html(site, f"{J}/index.html")
    assert re.search(
        r'<a href="manager/" class="md-nav__link">\s*<span class="md-ellipsis">\s*For managers', overview
    )


def test_a_dutch_journey_has_a_dutch_manager_page(site: Path) -> None:
    from learning_journeys.site.pages import RenderOptions, build_site
    from learning_journeys.validation.loading import load_journeys

    root = Path(__file__).resolve().parents[1] / "journeys"
    plan = build_site(load_journeys([root]).journeys, RenderOptions(prefix=""))
    page = next(p for p in plan.pages if p.uri == "vakmanschap-accountmanagers/manager.md")
    assert page.title == "Voor leidinggevenden" and page.kind == "manager"
    assert "Bespreek het portfolio met je medewerker" in page.markdown


def test_jsonld_has_an_event_per_meeting_with_its_groups_place_and_status(site: Path) -> None:
    data = jsonld(html(site, f"{J}/index.html"))
    ams = next(i for i in data["hasCourseInstance"] if i["identifier"] == "ams")
    events = {e["identifier"]: e for e in ams["subEvent"]}
    assert len(events) == 3 * 8 + 12 + 10
    assert events["b.ivs-1"]["location"] == {"@type": "Place", "name": "Room B"}
    assert events["c.ivs-1"]["location"]["@type"] == "VirtualLocation"
    assert events["c.ivs-2"]["eventStatus"] == "https://schema.org/EventCancelled"
    assert events["coach-3"]["eventStatus"] == "https://schema.org/EventRescheduled"
    assert events["coach-1"]["eventStatus"] == "https://schema.org/EventScheduled"
    assert events["a.ivs-1"]["startDate"] == "2027-03-03T14:00:00+01:00"
    nyc = next(i for i in data["hasCourseInstance"] if i["identifier"] == "nyc")
    calls = {e["identifier"]: e["startDate"] for e in nyc["subEvent"] if e["identifier"].startswith("call-")}
    assert calls["call-3"] == "2027-03-15T11:00:00-04:00"
