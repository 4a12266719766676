"""Hints that give the author the value they meant: the word tables and the converters."""

from __future__ import annotations

from pathlib import Path

import pytest
from learning_journeys.validation import hints
from learning_journeys.validation.schema_check import allowed_keys, journey_schema
from learning_journeys.validation.schema_source import ACTIVITY_TYPES
from validation_helpers import SMALL_JOURNEY, find, line_of, load_one, show


def _all_keys(node: object) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            found |= set(node["properties"])
        for value in node.values():
            found |= _all_keys(value)
    elif isinstance(node, list):
        for value in node:
            found |= _all_keys(value)
    return found


def test_every_key_word_points_at_a_real_key() -> None:
    keys = _all_keys(journey_schema())
    assert {target for targets in hints.KEY_WORDS.values() for target in targets} <= keys


def test_every_activity_type_word_points_at_a_real_type() -> None:
    assert set(hints.ACTIVITY_TYPE_WORDS.values()) <= set(ACTIVITY_TYPES)


def test_a_key_word_suggests_only_a_key_allowed_there_and_not_written_yet() -> None:
    coaching = allowed_keys(journey_schema()["$defs"]["coaching"])
    workshop = allowed_keys(journey_schema()["$defs"]["workshop"])
    assert hints.key_for("begeleider", workshop) == "facilitator"
    assert hints.key_for("Begeleider", coaching) == "coach"
    assert hints.key_for("plaats", workshop) is None  # a workshop's location is per session
    assert hints.key_for("vragen", ["questions", "prompts"], {"questions": []}) == "prompts"


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("2 uur", "2h"),
        ("1,5h", "1h30m"),
        ("1.5h", "1h30m"),
        ("1,5 uur", "1h30m"),
        ("90 minuten", "90m"),
        ("45 min.", "45m"),
        ("half uur", "30m"),
        ("een half uur", "30m"),
        ("anderhalf uur", "1h30m"),
        ("kwartier", "15m"),
        ("een uur", "1h"),
        ("2 dagen", "2d"),
        ("1 uur 15 minuten", "1h15m"),
        ("2 Hours", "2h"),
    ],
)
def test_durations_in_words_are_converted(written: str, meant: str) -> None:
    assert hints.fixed_duration(written) == meant


@pytest.mark.parametrize("written", ["lang", "0 uur", "2 weken", "uren", "1h30", "15 min utes"])
def test_durations_we_cannot_read_get_no_guess(written: str) -> None:
    assert hints.fixed_duration(written) is None


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("15-09-2027", "2027-09-15"),
        ("15/09/2027", "2027-09-15"),
        ("15.09.2027", "2027-09-15"),
        ("1-3-2027", "2027-03-01"),
        ("2027-9-1", "2027-09-01"),
        ("2027/09/15", "2027-09-15"),
        ("31-02-2027", None),
        ("09-15-2027", None),  # American order: not a date when the day comes first
        ("15 september 2027", None),
    ],
)
def test_dates_are_converted_day_first(written: str, meant: str | None) -> None:
    assert hints.fixed_date(written) == meant


@pytest.mark.parametrize(
    ("written", "meant"),
    [("9.30", "09:30"), ("9u30", "09:30"), ("14h00", "14:00"), ("24.00", None), ("9.75", None)],
)
def test_times_are_converted(written: str, meant: str | None) -> None:
    assert hints.fixed_time(written) == meant


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("www.example.nl", "https://www.example.nl"),
        ("www.example.nl/x", "https://www.example.nl/x"),
        ("teams.microsoft.com/l/meetup-join/abc", "https://teams.microsoft.com/l/meetup-join/abc"),
        ("leren@example.nl", "mailto:leren@example.nl"),
        ("javascript:alert(1)", None),
        ("data:text/html,x", None),
        ("content/intro.md", None),
        ("intro.md", None),
    ],
)
def test_links_get_their_scheme(written: str, meant: str | None) -> None:
    assert hints.fixed_url(written) == meant


def test_a_link_without_scheme_in_a_content_file_is_reported_at_content_file(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "intro.md").write_text(
        "## Intro\n\nSee [the guide](www.example.nl/gids) and [the next page](next.md).\n", encoding="utf-8"
    )
    text = SMALL_JOURNEY.replace("content: |\n          ## Listen first", "content_file: content/intro.md")
    path = tmp_path / "small.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_one(path)
    assert not result.errors, show(result.diagnostics)
    (warning,) = find(result.diagnostics, "LJ214", line_of(text, "content_file:"))
    assert not warning.is_error
    assert "`www.example.nl/gids` in `content/intro.md`" in warning.message
    assert warning.hint == "add https:// in front: `https://www.example.nl/gids`"
    assert len(result.diagnostics) == 1, show(result.diagnostics)
