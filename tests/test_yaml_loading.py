"""YAML that PyYAML reads without complaint but that would not mean what the author wrote:
merge keys, a comma inside `{ }`, a standard tag on a value that does not fit it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from learning_journeys.validation.loading import load_journeys
from learning_journeys.validation.yaml.core_schema import CoreSchemaResolver
from learning_journeys.validation.yaml_loader import load_yaml_bytes
from validation_helpers import SMALL_JOURNEY, show
from yaml.nodes import ScalarNode
from yaml.resolver import BaseResolver


def found(raw: bytes) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in load_yaml_bytes(raw, "x.yaml").diagnostics]


# --- merge keys ------------------------------------------------------------------------------


def test_every_merge_key_is_reported_at_its_key_and_nothing_else() -> None:
    raw = b"base: &b {title: T}\na:\n  <<: *b\n  id: a\nb: {<<: *b, id: b}\n"
    result = load_yaml_bytes(raw, "x.yaml")
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("LJ013", 3, 3), ("LJ013", 5, 5)]
    assert "write the keys out" in (result.diagnostics[0].hint or "")
    assert result.data is None  # its keys are missing: no "missing required key" to follow


def test_a_merge_key_in_a_journey_gives_no_missing_key_errors(tmp_path: Path) -> None:
    text = SMALL_JOURNEY.replace(
        "        duration: 3h\n", "        duration: 3h\n      - <<: *ws\n        id: w2\n"
    )
    text = text.replace("      - id: workshop\n", "      - &ws\n        id: workshop\n")
    path = tmp_path / "j.yaml"
    path.write_text(text, encoding="utf-8")
    diagnostics = load_journeys([path], base=tmp_path).diagnostics
    assert [d.code for d in diagnostics] == ["LJ013"], show(diagnostics)


def test_a_quoted_merge_key_is_just_text() -> None:
    result = load_yaml_bytes(b'a: {"<<": x}\n', "x.yaml")
    assert result.diagnostics == []
    assert result.data == {"a": {"<<": "x"}}


# --- a comma inside { } --------------------------------------------------------------------------


def _unknown_key_hint(tmp_path: Path, reaction: str) -> str:
    path = tmp_path / "j.yaml"
    path.write_text(SMALL_JOURNEY + f"evaluation:\n  reaction: {reaction}\n", encoding="utf-8")
    diagnostics = load_journeys([path], base=tmp_path).diagnostics
    (d,) = [d for d in diagnostics if d.code == "LJ100"]
    return d.hint or ""


@pytest.mark.parametrize(
    ("reaction", "meant"),
    [
        ("{ method: Survey, measured by L&D }", '`method: "Survey, measured by L&D"`'),
        ("{method: Enquête,gemeten door L&D}", '`method: "Enquête,gemeten door L&D"`'),
        ('{ method: Survey,  and "so" on }', '`method: "Survey,  and \\"so\\" on"`'),
    ],
)
def test_a_comma_that_split_a_value_is_named_with_the_quoted_value(
    tmp_path: Path, reaction: str, meant: str
) -> None:
    hint = _unknown_key_hint(tmp_path, reaction)
    assert "comma" in hint and hint.endswith(meant), hint


def test_a_comma_after_a_quoted_value_is_named_without_a_fix(tmp_path: Path) -> None:
    hint = _unknown_key_hint(tmp_path, '{ method: "Survey", measured by L&D }')
    assert "comma" in hint and "in quotes" in hint and "`method:" not in hint, hint


@pytest.mark.parametrize(
    "reaction", ["{ method: Survey, methode: x }", "{ method: Survey, methode: }", "{ methode }"]
)
def test_unknown_keys_written_with_a_colon_or_first_keep_their_hint(tmp_path: Path, reaction: str) -> None:
    assert "comma" not in _unknown_key_hint(tmp_path, reaction)


# --- explicit tags --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("!!bool x", "`true` or `false`"),
        ("!!bool yes", "`true` or `false`"),
        ("!!float x", "`1.5`"),
        ("!!float 1:30", "`1.5`"),
        ("!!int 1.5", "`12`"),
        ("!!int soon", "`12`"),
        ("!!null x", "`~`"),
    ],
)
def test_a_tag_on_text_that_does_not_fit_it_is_a_located_error(value: str, hint: str) -> None:
    result = load_yaml_bytes(f"id: x\ntitle: {value}\n".encode(), "x.yaml")
    (d,) = result.diagnostics
    assert (d.code, d.line, d.column) == ("LJ014", 2, 8)
    tag = value.split()[0]
    assert f"`{tag}`" in d.message
    assert d.hint is not None and f"remove `{tag}`" in d.hint and hint in d.hint
    assert result.data is None


@pytest.mark.parametrize("value", ["!!str [a]", "!!int [1]", "!!map x", "!!seq {a: b}", "!!bool {a: b}"])
def test_a_tag_on_the_wrong_kind_of_node_is_a_located_error(value: str) -> None:
    assert found(f"id: x\ntitle: {value}\n".encode()) == [("LJ014", 2, 8)]


def test_a_tag_on_text_is_not_an_internal_error_in_a_journey(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_text(SMALL_JOURNEY.replace("title: Small journey", "title: !!float Small"), encoding="utf-8")
    assert [d.code for d in load_journeys([path], base=tmp_path).diagnostics] == ["LJ014"]


@pytest.mark.parametrize(
    ("value", "loaded"),
    [
        ("!!float 5", 5.0),
        ("!!float -.inf", float("-inf")),
        ("!!float '1e3'", 1000.0),
        ("!!bool true", True),
        ("!!bool 'False'", False),
        ("!!null ~", None),
        ("!!null", None),
        ("!!int 0x1f", 31),
        ("!!int 0o17", 15),
        ("!!str 5", "5"),
        ("!!seq [a]", ["a"]),
        ("!!map {a: 1}", {"a": 1}),
    ],
)
def test_a_tag_on_a_value_that_fits_it_is_fine(value: str, loaded: object) -> None:
    result = load_yaml_bytes(f"x: {value}\n".encode(), "x.yaml")
    assert result.diagnostics == []
    assert result.data == {"x": loaded}
    assert type(result.data["x"]) is type(loaded)


@pytest.mark.parametrize("tag", ["", "!!int "])
def test_a_number_with_too_many_digits_is_a_located_error(tag: str) -> None:
    assert found(f"id: x\nweek: {tag}{'9' * 5000}\n".encode()) == [("LJ004", 2, 7)]


@settings(max_examples=500, deadline=None, derandomize=True)
@given(
    st.one_of(
        st.text(max_size=12),
        st.from_regex(r"[-+.~0-9a-zA-Z_:]{0,8}", fullmatch=True),
        st.sampled_from(
            ["", "~", "null", "True", "FALSE", "0o17", "0x1F", "-.inf", ".NaN", "1e3", "+12", "no", "\x00"]
        ),
    )
)
def test_a_plain_scalar_resolves_as_pyyamls_own_resolver_does_with_the_core_schema(value: str) -> None:
    """The resolver skips the patterns for text that starts with a letter no type starts with;
    it answers as PyYAML's resolver does with the same table of patterns."""
    resolver = CoreSchemaResolver()
    expected = BaseResolver.resolve(resolver, ScalarNode, value, (True, False))
    assert resolver.resolve(ScalarNode, value, (True, False)) == expected
    assert resolver.resolve(ScalarNode, value, (False, True)) == BaseResolver.resolve(
        resolver, ScalarNode, value, (False, True)
    )
