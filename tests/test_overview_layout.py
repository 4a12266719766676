"""The journey overview is built for the learner: their information first, objectives once, the
designer's information in a block of its own at the end; the catalogue states what a learner
weighs when choosing (length, mix of modalities, when it starts), also without script."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from learning_journeys.model.journey import Journey
from learning_journeys.site.labels import Labels, labels_for
from learning_journeys.site.pages import PageSpec, RenderOptions, build_site
from learning_journeys.site.sanitize import plain_text
from learning_journeys.validation.loading import load_journeys

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site() -> tuple[list[Journey], dict[str, PageSpec]]:
    result = load_journeys([REPO / "journeys"], base=REPO)
    assert result.ok
    plan = build_site(result.journeys, RenderOptions(prefix="", site_language="nl"))
    return list(result.journeys), {p.uri: p for p in plan.pages}


def _parts(markdown: str) -> tuple[str, str]:
    """The learner's part of an overview and the designer's block."""
    start = markdown.index('<div class="lj-designer" markdown>')
    end = markdown.index("</div>", start)
    return markdown[:start] + markdown[end:], markdown[start:end]


def test_objectives_are_listed_once_for_the_learner(site: tuple[list[Journey], dict[str, PageSpec]]) -> None:
    journeys, pages = site
    for journey in journeys:
        learner, _designer = _parts(pages[f"{journey.id}/index.md"].markdown)
        for objective in journey.objectives:
            shown = learner.count(f"- {_escaped(objective.title)}\n")
            assert shown == 1, f"{journey.id}: objective {objective.id} shown {shown} times"


def test_learner_sections_come_first_in_order_and_designer_information_last(
    site: tuple[list[Journey], dict[str, PageSpec]],
) -> None:
    journeys, pages = site
    for journey in journeys:
        labels = labels_for(journey.language, "nl")

        def L(key: str, labels: Labels = labels) -> str:  # noqa: N802 - as the templates call it
            return _escaped(labels(key))

        markdown = pages[f"{journey.id}/index.md"].markdown
        headings = [m.group(1) for m in re.finditer(r"^## (.+)$", markdown, re.M)]
        wanted = [L("why_for_me"), L("when"), L("prepare"), L("js_record_heading"), L("timeline")]
        present = [h for h in headings if h in wanted]
        assert present == [w for w in wanted if w in present], f"{journey.id}: {headings}"
        assert L("js_record_heading") in present
        state = markdown.index('<div class="lj-journey"')
        assert state < markdown.index(f"## {L('why_for_me')}") if journey.objectives else True
        learner, designer = _parts(markdown)
        assert markdown.index('<div class="lj-record"') < markdown.index('<div class="lj-designer"')
        assert f'??? info "{L("for_designers")}"' in designer, "a closed block, titled for designers"
        for key in ("owner", "version", "evaluation", "kpi"):
            assert f"**{L(key)}" not in learner, f"{journey.id}: {key} among the learner's information"
        if journey.owner:
            assert f"**{L('owner')}:**" in designer
        if journey.evaluation and journey.evaluation.levels():
            assert f"**{L('evaluation')}**" in designer
        if journey.objectives:
            assert f"**{L('alignment')}**" in designer


def test_catalogue_states_length_mix_and_starts(site: tuple[list[Journey], dict[str, PageSpec]]) -> None:
    journeys, pages = site
    catalogue = pages["index.md"].markdown
    site_labels = labels_for("nl", None)
    for journey in journeys:
        card = catalogue[catalogue.index(f"]({journey.id}/index.md)") :]
        card = card[: card.index("lj-catalogue-progress")]
        assert f"{_escaped(site_labels('modality_mix'))}: " in card, journey.id
        for cohort in journey.cohorts:
            assert f'data-lj-start="{cohort.start}"' in card, (journey.id, cohort.id)
    assert catalogue.count('class="lj-catalogue-progress"') == len(journeys)
    assert 'id="lj-labels"' in catalogue, "the script's labels, for progress and continue"


def test_each_journeys_data_for_the_catalogue_is_a_file_next_to_its_overview() -> None:
    """The catalogue holds cards only; the script fetches a started journey's data from
    JOURNEY/journey.json: the activities with their pages, and the meetings of every cohort."""
    result = load_journeys([REPO / "journeys"], base=REPO)
    plan = build_site(result.journeys, RenderOptions(prefix="", site_language="nl"))
    files = dict(plan.extra_files)
    assert sorted(files) == sorted(f"{j.id}/journey.json" for j in result.journeys)
    catalogue = next(p for p in plan.pages if p.kind == "catalogue").markdown
    assert "lj-catalogue-data" not in catalogue and len(catalogue) < 60_000
    for journey in result.journeys:
        data = json.loads(files[f"{journey.id}/journey.json"])
        assert data["id"] == journey.id
        assert [a["path"] for a in data["activities"]] == [f"{p.key}/{a.id}" for p, a in journey.activities()]
        assert {m["cohort"] for m in data["meetings"]} <= {c.id for c in journey.cohorts}


def test_feedback_request_has_no_date_placeholder(site: tuple[list[Journey], dict[str, PageSpec]]) -> None:
    """`{start}` becomes the cohort's start date (the script fills in the learner's own)."""
    _journeys, pages = site
    for page in pages.values():
        assert "{start}" not in page.markdown, page.uri
    request = [p for p in pages.values() if 'class="lj-feedback-request"' in p.markdown]
    assert request
    for page in request:
        assert "[date]" not in page.markdown and "{start}" not in page.markdown, page.uri
    hybrid = pages["leading-hybrid-teams/pre/learning-goal.md"].markdown
    assert 'class="lj-start-date"' in hybrid and "data-lj-starts=" in hybrid
    assert 'journey on <span class="lj-start-date"' in hybrid, "the space before the date stays"


def _escaped(text: str) -> str:
    return plain_text(text)
