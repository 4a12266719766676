"""Every real journey and every valid case loads clean and survives model -> data -> model."""

from __future__ import annotations

from pathlib import Path

import pytest
from learning_journeys.model.building import journey_from_data, journey_to_data
from learning_journeys.model.journey import Journey, MicroModule
from learning_journeys.validation import schema_check
from learning_journeys.validation.loading import load_journeys
from validation_helpers import REPO, VALID_CASES, show

# Whatever journeys exist right now (others are writing them): parametrize over the folder.
JOURNEYS = sorted((REPO / "journeys").glob("*.y*ml"))
ALL = [pytest.param(p, id=f"journeys/{p.name}") for p in JOURNEYS] + [
    pytest.param(p, id=f"cases/valid/{p.name}") for p in VALID_CASES
]


def load(path: Path) -> Journey:
    # The folder, not the file: content files may sit beside the journeys (as the plugin loads them).
    result = load_journeys([path.parent], base=path.parent)
    mine = [d for d in result.diagnostics if Path(path.parent, d.file).resolve() == path.resolve()]
    assert not [d for d in mine if d.is_error], show(mine)
    (journey,) = [j for j in result.journeys if j.source.resolve() == path.resolve()]
    return journey


def read_content(journey: Journey):  # type: ignore[no-untyped-def]
    """A content loader like the one loading uses: files relative to the journey file."""
    return lambda rel: (journey.source.parent / rel).read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("path", ALL)
def test_journey_loads_without_errors(path: Path) -> None:
    journey = load(path)
    assert journey.title
    assert [p.key for p in journey.phases] == ["pre", "learn", "post"]


@pytest.mark.parametrize("path", ALL)
def test_round_trip_through_plain_data(path: Path) -> None:
    journey = load(path)
    data = journey_to_data(journey)
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in schema_check._precise_validator().iter_errors(data)
    ]
    assert not errors
    assert schema_check.is_valid(data)
    # Content from a content_file stays in its file: read it back the same way.
    again = journey_from_data(data, journey.source, read_content(journey))
    assert again == journey


def test_round_trip_keeps_what_cleaning_could_drop() -> None:
    """`correct: false` is required; `optional: true` and a content file must survive."""
    (full,) = [p for p in VALID_CASES if p.name == "full-journey.yaml"]
    journey = load(full)
    data = journey_to_data(journey)
    module = data["phases"]["pre"]["activities"][1]
    assert module["questions"][0]["choices"][0]["correct"] is False
    assert module["content_file"] == "content/micromodule-1.md"
    assert "content" not in module
    assert data["phases"]["pre"]["activities"][2]["optional"] is True
    assert data["version"] == "1.10"
    loaded = journey.phases[0].activities[1]
    assert isinstance(loaded, MicroModule) and loaded.content.startswith("## De vraag achter de vraag")


def test_the_real_journeys_folder_validates_as_a_whole() -> None:
    if not JOURNEYS:
        pytest.skip("no journeys yet")
    result = load_journeys([REPO / "journeys"], base=REPO)
    assert result.ok, show(result.errors)
    assert len(result.journeys) == len(JOURNEYS)


def test_round_trip_keeps_a_required_field_that_is_empty(tmp_path: Path) -> None:
    """`task: ""` passes the schema; written back without it, the data would not."""
    path = tmp_path / "j.yaml"
    path.write_text(
        'title: T\nphases:\n  pre: {}\n  learn:\n    activities:\n'
        '      - { id: a, title: A, type: assignment, task: "" }\n  post: {}\n',
        encoding="utf-8",
    )
    journey = load(path)
    data = journey_to_data(journey)
    assert data["phases"]["learn"]["activities"][0]["task"] == ""
    assert schema_check.is_valid(data)
    assert journey_from_data(data, path) == journey
