"""Golden files: the generated Markdown of every kind of page, from the example journeys.

Review a golden diff like code. A change to a template, a label or the page code
that changes what learners read fails this test with the diff; when the change is
meant, regenerate the files and commit them with it:

    .venv/bin/python -m pytest tests/test_golden_pages.py --snapshot-update

The files are in ``tests/__snapshots__/test_golden_pages/``, one Markdown file per
page, exactly as MkDocs receives it. The example site's options are used
(``mkdocs.yml``: pages at the site root, Dutch site labels).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from learning_journeys.model.activity_types import ACTIVITY_TYPES
from learning_journeys.model.journey import Journey
from learning_journeys.site.pages import PageSpec, RenderOptions, build_site
from learning_journeys.validation.loading import load_journeys
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

ROOT = Path(__file__).resolve().parents[1]
JOURNEY = "vakmanschap-accountmanagers"  # has every activity type; its phases are snapshotted

# One activity of each type, by its page.
ACTIVITIES = {
    "micro-module": f"{JOURNEY}/pre/mm-vraag-achter-de-vraag.md",
    "workshop": f"{JOURNEY}/learn/workshop-klantgesprekken.md",
    "reflection": f"{JOURNEY}/post/reflectie-klantgesprek.md",
    "intervision": f"{JOURNEY}/learn/intervisie.md",
    "coaching": f"{JOURNEY}/post/coachingsuur.md",
    "assignment": f"{JOURNEY}/post/werkplekopdracht.md",
    "resource": f"{JOURNEY}/pre/zelfscan.md",
    "community": f"{JOURNEY}/pre/community-vakmanschap.md",
    "portfolio": f"{JOURNEY}/post/portfolio.md",
}


class MarkdownSnapshot(SingleFileSnapshotExtension):
    """A snapshot per page, as a ``.md`` file that reads (and diffs) as the page itself."""

    file_extension = "md"
    _write_mode = WriteMode.TEXT


@cache
def _examples() -> tuple[dict[str, Journey], dict[str, PageSpec]]:
    """The example journeys by id, and their pages by address."""
    result = load_journeys([ROOT / "journeys"])
    assert result.ok, result.diagnostics
    plan = build_site(result.journeys, RenderOptions(prefix="", site_language="nl"))
    return {j.id: j for j in result.journeys}, {page.uri: page for page in plan.pages}


@pytest.fixture(scope="module")
def pages() -> dict[str, PageSpec]:
    return _examples()[1]


def _chosen(pages: dict[str, PageSpec]) -> dict[str, str]:
    """Snapshot name → page: the catalogue, each overview, manager's page and agenda, one journey's phases
    and run sheets, one activity per type."""
    chosen = {"catalogue": "index.md"}
    for uri, page in pages.items():
        if page.kind == "journey":
            chosen[f"journey-{page.journey_id}"] = uri
        elif page.kind == "manager":
            chosen[f"manager-{page.journey_id}"] = uri
        elif page.kind == "agenda":
            chosen[f"agenda-{page.journey_id}-{Path(uri).stem}"] = uri
        elif page.kind == "phase" and page.journey_id == JOURNEY:
            chosen[f"phase-{JOURNEY}-{uri.split('/')[1]}"] = uri
        elif page.kind == "run-sheet" and page.journey_id == JOURNEY:
            chosen[f"run-sheet-{JOURNEY}-{Path(uri).stem}"] = uri
    for type_name, uri in ACTIVITIES.items():
        chosen[f"activity-{type_name}-{Path(uri).stem}"] = uri
    return chosen


def test_the_golden_pages_cover_every_kind_and_type(pages: dict[str, PageSpec]) -> None:
    journeys = _examples()[0]
    assert set(ACTIVITIES) == set(ACTIVITY_TYPES), "one golden activity page per activity type"
    chosen = [pages[uri] for uri in _chosen(pages).values()]
    assert {p.kind for p in chosen} == {p.kind for p in pages.values()}
    for type_name, uri in ACTIVITIES.items():
        activity = journeys[JOURNEY].activity(Path(uri).stem)
        assert activity is not None and activity.type == type_name, uri


@pytest.mark.parametrize("name", sorted(_chosen(_examples()[1])))
def test_page(name: str, pages: dict[str, PageSpec], snapshot: SnapshotAssertion) -> None:
    page = pages[_chosen(pages)[name]]
    assert page.markdown == snapshot.use_extension(MarkdownSnapshot)
