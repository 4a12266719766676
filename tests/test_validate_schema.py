"""The JSON Schema: valid 2020-12, generated from schema_source, documented for editors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from learning_journeys.package_data import schema_path
from learning_journeys.validation import schema_source
from validation_helpers import REPO

REPO_SCHEMA = REPO / "schemas" / "journey.schema.json"


def load_schema() -> dict[str, Any]:
    return json.loads(REPO_SCHEMA.read_text(encoding="utf-8"))


def properties(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property schema, by JSON pointer; skips `if` conditions, which only test values."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "if":
                continue
            if key == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    yield f"{path}/properties/{name}", sub
            yield from properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from properties(value, f"{path}/{i}")


def test_schema_passes_the_2020_12_metaschema() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_file_is_what_schema_source_renders() -> None:
    # If this fails: python -m learning_journeys.schema_source
    assert REPO_SCHEMA.read_text(encoding="utf-8") == schema_source.render()


def test_shipped_schema_is_the_repository_schema() -> None:
    assert schema_path().read_text(encoding="utf-8") == schema_source.render()


def test_walk_finds_the_properties() -> None:
    found = dict(properties(load_schema()))
    assert "#/properties/title" in found
    assert "#/$defs/session/properties/start" in found
    assert "#/$defs/micro_module/properties/content_file" in found
    assert len(found) > 80


@pytest.mark.parametrize(
    "prop", [pytest.param(prop, id=pointer) for pointer, prop in properties(load_schema())]
)
def test_every_property_has_title_description_and_examples(prop: dict[str, Any]) -> None:
    assert isinstance(prop.get("title"), str) and prop["title"].strip()
    assert isinstance(prop.get("description"), str) and len(prop["description"]) >= 10
    assert isinstance(prop.get("examples"), list) and prop["examples"]


# Examples an editor offers that the schema itself refuses (in schema_source.py, not ours to edit).
_INVALID_EXAMPLES: dict[str, str] = {}


def _examples() -> list[Any]:
    params = []
    for pointer, prop in properties(load_schema()):
        for n, example in enumerate(prop.get("examples", [])):
            marks = []
            if pointer in _INVALID_EXAMPLES:
                marks = [pytest.mark.xfail(reason=_INVALID_EXAMPLES[pointer], strict=True)]
            params.append(pytest.param(prop, example, id=f"{pointer}[{n}]", marks=marks))
    return params


@pytest.mark.parametrize(("prop", "example"), _examples())
def test_every_example_is_valid_for_its_property(prop: dict[str, Any], example: Any) -> None:
    schema = {**{k: v for k, v in prop.items() if k != "examples"}, "$defs": load_schema()["$defs"]}
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(example)]
    assert not errors, f"{example!r}: {errors}"
