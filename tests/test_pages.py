"""Site generation without MkDocs: what the pages say, from small journeys."""

from __future__ import annotations

from pathlib import Path

from learning_journeys.site.pages import RenderOptions, build_site
from learning_journeys.validation.loading import load_journeys
from site_helpers import make_project, run_build

COACHING_WITHOUT_COHORTS = """\
id: coached
title: Coached
phases:
  pre: {}
  learn:
    activities:
      - id: coaching
        title: Coaching hour
        type: coaching
        coach: Pool of coaches
        sessions:
          - id: c-1
            day: 3
            start: "09:00"
          - id: c-2
            day: 10
            start: "09:00"
  post: {}
"""


def _pages(tmp_path: Path, text: str) -> dict[str, str]:
    (tmp_path / "j.yaml").write_text(text, encoding="utf-8")
    result = load_journeys([tmp_path / "j.yaml"])
    assert result.ok, result.diagnostics
    plan = build_site(result.journeys, RenderOptions(prefix=""))
    return {p.uri: p.markdown for p in plan.pages}


def test_coaching_sessions_without_cohorts_show_the_coach(tmp_path: Path) -> None:
    page = _pages(tmp_path, COACHING_WITHOUT_COHORTS)["coached/learn/coaching.md"]
    assert "Pool of coaches" in page
    assert "| Coach |" in page  # the role as coaching names it, not "Facilitator"


def test_coaching_sessions_without_cohorts_build(tmp_path: Path) -> None:
    config = make_project(tmp_path, {"coached.yaml": COACHING_WITHOUT_COHORTS})
    run_build(config)
    assert (tmp_path / "site/journeys/coached/learn/coaching/index.html").is_file()


def test_sessions_without_a_title_never_show_their_id(tmp_path: Path) -> None:
    page = _pages(tmp_path, COACHING_WITHOUT_COHORTS)["coached/learn/coaching.md"]
    assert "| c-1 |" not in page and "| c-2 |" not in page
    assert "Session 1" in page and "Session 2" in page


def test_a_single_untitled_session_takes_the_activity_title(tmp_path: Path) -> None:
    text = (
        COACHING_WITHOUT_COHORTS.replace(
            '          - id: c-2\n            day: 10\n            start: "09:00"\n', ""
        )
        + 'cohorts:\n  - { id: spring, start: "2027-03-01" }\n'
    )
    pages = _pages(tmp_path, text)
    assert "markdown>c-1</td>" not in pages["coached/learn/coaching.md"]
    assert 'data-label="Session" markdown>Coaching hour</td>' in pages["coached/learn/coaching.md"]


def test_evaluation_levels_keep_kirkpatricks_numbers(tmp_path: Path) -> None:
    text = COACHING_WITHOUT_COHORTS + (
        "evaluation:\n"
        "  reaction: { method: Survey }\n"
        "  behaviour: { method: Observation }\n"
        "  results: { method: KPI }\n"
    )
    page = _pages(tmp_path, text)["coached/index.md"]
    assert "| 1. Reaction |" in page
    assert "| 3. Behaviour |" in page
    assert "| 4. Results |" in page
    assert "| 2. Behaviour |" not in page


def test_a_year_long_journey_counts_its_weeks_to_the_last_meeting_or_deadline(tmp_path: Path) -> None:
    text = COACHING_WITHOUT_COHORTS.replace(
        '          - id: c-1\n            day: 3\n            start: "09:00"\n',
        '          - id: c-1\n            day: 3\n            start: "09:00"\n'
        "            repeat: { every: 4w, count: 12 }\n",
    ).replace("          - id: c-2\n            day: 10\n", "          - id: c-2\n            day: 12\n")
    page = _pages(tmp_path, text)["coached/index.md"]
    assert "· 45 weeks" in page  # meeting 12 on day 3 + 11 x 28 = day 311, in week 45
