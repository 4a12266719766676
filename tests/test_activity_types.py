"""The activity-type specification is complete: every consumer finds what it needs.

Adding a type is one entry in ``model/activity_types.py``, one template and its
labels; these tests fail while any of those is missing.
"""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import pytest
from learning_journeys.model.activity_types import ACTIVITY_TYPES, COMMON_FIELDS, Kind, own_attributes
from learning_journeys.model.journey import Activity
from learning_journeys.model.vocabulary import MODALITIES
from learning_journeys.package_data import templates_dir
from learning_journeys.site.pages import icon
from learning_journeys.validation.schema_check import journey_schema

LOCALES = sorted(
    (Path(__file__).resolve().parents[1] / "plugins/learning_journeys/site/locales").glob("*.json")
)
TYPES = sorted(ACTIVITY_TYPES)


def _catalogue(path: Path) -> dict[str, str]:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", TYPES)
def test_the_model_class_has_exactly_the_fields_of_the_specification(name: str) -> None:
    spec = ACTIVITY_TYPES[name]
    declared = {f.attr for f in spec.fields}
    base = {f.name for f in fields(Activity)}
    assert own_attributes(spec.model) <= declared, "a model attribute no field fills"
    assert declared <= base | own_attributes(spec.model), "a field without a model attribute"
    assert {f.attr for f in COMMON_FIELDS} <= base


@pytest.mark.parametrize("name", TYPES)
def test_the_schema_has_the_type_and_its_fields(name: str) -> None:
    schema = journey_schema()
    spec = ACTIVITY_TYPES[name]
    definition = schema["$defs"][name.replace("-", "_")]
    assert set(definition["properties"]) == {f.key for f in spec.fields}
    assert name in schema["$defs"]["activityBase"]["properties"]["type"]["enum"]
    for field in spec.all_fields():
        documented = field.schema
        assert documented.get("title") and documented.get("description"), field.key


@pytest.mark.parametrize("name", TYPES)
def test_the_type_has_a_template_an_icon_and_labels(name: str) -> None:
    spec = ACTIVITY_TYPES[name]
    assert (templates_dir() / spec.template).is_file()
    assert "<svg" in icon(spec.icon), f"no Material icon {spec.icon!r}"
    assert spec.schema_org in {"LearningResource", "EducationEvent"}
    assert spec.words, "the Dutch words authors use for the type, for hints"
    for path in LOCALES:
        labels = _catalogue(path)
        assert spec.label_key in labels, f"{path.name} lacks {spec.label_key}"
        for field in spec.all_fields():
            if field.label:
                assert field.label in labels, f"{path.name} lacks {field.label}"
            if field.kind is Kind.CHOICE and field.label_prefix and "enum" in field.schema:
                for value in field.schema["enum"]:
                    assert field.label_prefix + value in labels, (
                        f"{path.name} lacks {field.label_prefix}{value}"
                    )


@pytest.mark.parametrize("name", TYPES)
def test_a_type_with_sessions_has_a_leader(name: str) -> None:
    spec = ACTIVITY_TYPES[name]
    if spec.has_sessions:
        assert spec.leader is not None, "schedules and calendars name who leads a session"


def test_every_modality_has_a_label_and_a_course_mode() -> None:
    for path in LOCALES:
        labels = _catalogue(path)
        for modality in MODALITIES.values():
            assert modality.label_key in labels
            assert modality.course_mode in {"online", "onsite", "blended"}
