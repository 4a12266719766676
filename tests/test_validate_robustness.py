"""Hundreds of randomly damaged journeys (fixed seed): the validator answers each one quickly
with diagnostics, never with an exception, an internal error or a traceback."""

from __future__ import annotations

import random
import re
import shutil
import time
from pathlib import Path

import pytest
from learning_journeys.model.durations import DURATION_PATTERN, parse_duration
from learning_journeys.validation import field_rules, order_rules, references, schema_check
from learning_journeys.validation.diagnostics import CODES
from learning_journeys.validation.loading import load_journeys
from learning_journeys.validation.yaml_loader import load_yaml_bytes
from validation_helpers import CASES, SMALL_JOURNEY

SEED = 20270301
MUTANTS = 300
# Characters that mean something to YAML, and some that mean trouble to a reader.
SPECIAL = list(b":-[]{}&*!|>'\"%@`#,?\t\n\r ") + [0x00, 0x07, 0x85, 0xC3, 0xE2, 0xFF]


def _delete_line(lines: list[bytes], rnd: random.Random) -> None:
    if lines:
        del lines[rnd.randrange(len(lines))]


def _duplicate_line(lines: list[bytes], rnd: random.Random) -> None:
    if lines:
        i = rnd.randrange(len(lines))
        lines.insert(rnd.randrange(len(lines) + 1), lines[i])


def _swap_lines(lines: list[bytes], rnd: random.Random) -> None:
    if len(lines) > 1:
        i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]


def _indent(lines: list[bytes], rnd: random.Random) -> None:
    if lines:
        i = rnd.randrange(len(lines))
        line = lines[i]
        choice = rnd.randrange(4)
        if choice == 0:
            lines[i] = b" " * rnd.randint(1, 4) + line
        elif choice == 1:
            lines[i] = line[rnd.randint(1, 4) :] if line.startswith(b" ") else line
        elif choice == 2:
            lines[i] = b"\t" + line.lstrip(b" ")
        else:
            lines[i] = line.lstrip(b" ")


def _insert_bytes(lines: list[bytes], rnd: random.Random) -> None:
    if lines:
        i = rnd.randrange(len(lines))
        pool = SPECIAL if rnd.random() < 0.7 else list(range(256))
        noise = bytes(rnd.choice(pool) for _ in range(rnd.randint(1, 4)))
        at = rnd.randint(0, len(lines[i]))
        lines[i] = lines[i][:at] + noise + lines[i][at:]


def _truncate(lines: list[bytes], rnd: random.Random) -> None:
    if lines:
        i = rnd.randrange(len(lines))
        lines[i] = lines[i][: rnd.randint(0, len(lines[i]))]
        del lines[i + 1 :]


MUTATIONS = [
    _delete_line,
    _duplicate_line,
    _swap_lines,
    _indent,
    _indent,
    _insert_bytes,
    _insert_bytes,
    _truncate,
]


def mutants(source: bytes, count: int, seed: int) -> list[bytes]:
    rnd = random.Random(seed)
    out = []
    for _ in range(count):
        lines = source.split(b"\n")
        for _ in range(rnd.randint(1, 3)):
            rnd.choice(MUTATIONS)(lines, rnd)
        out.append(b"\n".join(lines))
    return out


@pytest.fixture(scope="module")
def sources() -> list[bytes]:
    return [(CASES / "valid" / "full-journey.yaml").read_bytes(), SMALL_JOURNEY.encode()]


def test_mutants_are_really_different(sources: list[bytes]) -> None:
    batch = mutants(sources[0], 50, SEED)
    assert len(set(batch)) > 45
    assert sources[0] not in batch
    assert mutants(sources[0], 5, SEED) == batch[:5]  # the seed makes failures reproducible


def test_damaged_journeys_never_break_the_validator(
    tmp_path: Path, sources: list[bytes], capfd: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(CASES / "valid" / "content", tmp_path / "content")
    outcomes = {"clean": 0, "errors": 0}
    slowest = 0.0
    for n, raw in enumerate(mutants(sources[0], MUTANTS, SEED) + mutants(sources[1], MUTANTS // 3, SEED + 1)):
        path = tmp_path / "full-journey.yaml"
        path.write_bytes(raw)
        start = time.perf_counter()
        result = load_journeys([path], base=tmp_path)
        slowest = max(slowest, time.perf_counter() - start)
        context = f"mutant {n}:\n{raw.decode('utf-8', 'replace')}"
        assert not [d for d in result.diagnostics if d.code == "LJ900"], context
        # A syntax error at the end of a file without a final newline points one line past it.
        lines = raw.count(b"\n") + 2
        for d in result.diagnostics:
            assert d.code in CODES, context
            assert 1 <= d.line <= lines and d.column >= 1, (d, context)
            assert d.message, context
        assert (result.journeys != ()) == (not result.errors), context
        outcomes["errors" if result.errors else "clean"] += 1

        # The fast validator and the precise one agree on whatever data could be read.
        loaded = load_yaml_bytes(raw, "x.yaml")
        if loaded.data is not None:
            precise = not any(True for _ in schema_check._precise_validator().iter_errors(loaded.data))
            assert schema_check.is_valid(loaded.data) == precise, context
    captured = capfd.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert slowest < 1.0
    # Both outcomes occur: the mutations are neither all harmless nor all fatal.
    assert outcomes["errors"] > MUTANTS // 2 and outcomes["clean"] > 5, outcomes


# --- values at the edge of what Python can hold --------------------------------------------------

DURATION_JOURNEY = """\
id: long-numbers
title: Long numbers
phases:
  pre:
    activities:
      - id: a
        title: A
        type: resource
        duration: {duration}
  learn: {{}}
  post: {{}}
"""


@pytest.mark.parametrize("digits", [6, 400, 4301, 5000])
def test_durations_of_absurd_length_are_never_read_as_numbers(digits: int) -> None:
    assert parse_duration("9" * digits + "m") is None
    assert parse_duration("PT" + "9" * digits + "M") is None
    assert not re.match(DURATION_PATTERN, "9" * digits + "m")


@pytest.mark.parametrize("duration", ["99999m", "99999d 99999h 99999m", "PT99999H99999M"])
def test_the_longest_durations_still_read(duration: str) -> None:
    assert parse_duration(duration) is not None
    assert re.match(DURATION_PATTERN, duration)


@pytest.mark.parametrize("digits", [6, 400, 5000])
def test_a_duration_with_too_many_digits_is_a_located_error(tmp_path: Path, digits: int) -> None:
    path = tmp_path / "long-numbers.yaml"
    path.write_text(DURATION_JOURNEY.format(duration="9" * digits + "m"), encoding="utf-8")
    result = load_journeys([path], base=tmp_path)
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [("LJ104", 9, 19)], result.diagnostics


# --- time zones ----------------------------------------------------------------------------------------

ZONE_JOURNEY = """\
id: zones
title: Zones
phases: {{pre: {{}}, learn: {{}}, post: {{}}}}
cohorts:
  - id: spring
    start: "2027-03-01"
    timezone: {zone}
ignore_lint: [LJ302, LJ303]  # about time zones, not about design
"""


def zone_diagnostics(tmp_path: Path, zone: str) -> list[tuple[str, int, str | None]]:
    path = tmp_path / "zones.yaml"
    path.write_text(ZONE_JOURNEY.format(zone=zone), encoding="utf-8")
    return [(d.code, d.line, d.hint) for d in load_journeys([path], base=tmp_path).diagnostics]


@pytest.mark.parametrize(
    ("zone", "meant"),
    [
        ("America/NewYork", "America/New_York"),
        ("america/new_york", "America/New_York"),
        ("Europe/Amsterdm", "Europe/Amsterdam"),
        ("Europa/Amsterdam", "Europe/Amsterdam"),
        ("Amsterdam", "Europe/Amsterdam"),
        ("Brussel", "Europe/Brussels"),
        ("US/NewYork", "America/New_York"),
        ("Asia/Kolkatta", "Asia/Kolkata"),
    ],
)
def test_an_unknown_time_zone_suggests_the_closest_iana_name(tmp_path: Path, zone: str, meant: str) -> None:
    assert zone_diagnostics(tmp_path, zone) == [("LJ207", 7, f"did you mean `{meant}`?")]


@pytest.mark.parametrize("zone", ["CEST", "PST", "Etc/UTC+1", "Etc/GMT+14"])
def test_abbreviations_and_offsets_get_advice_not_a_lookalike(tmp_path: Path, zone: str) -> None:
    ((code, line, hint),) = zone_diagnostics(tmp_path, zone)
    assert (code, line) == ("LJ207", 7)
    assert hint is not None and "summer time" in hint and "Europe/Amsterdam" in hint


@pytest.mark.parametrize("zone", ["Europe/Utrecht", "Mars/Olympus_Mons"])
def test_a_zone_like_nothing_gets_examples(tmp_path: Path, zone: str) -> None:
    ((code, line, hint),) = zone_diagnostics(tmp_path, zone)
    assert (code, line) == ("LJ207", 7)
    assert hint is not None and "Europe/Amsterdam" in hint and "did you mean" not in hint


@pytest.mark.parametrize(
    "zone", ["America", "Etc", "localtime", "posixrules", "right/UTC", "posix/Europe/Paris"]
)
def test_folders_and_files_of_the_zoneinfo_folder_are_no_time_zones(tmp_path: Path, zone: str) -> None:
    """`America` is a folder of zones (reading it raised IsADirectoryError); `localtime` is whatever
    the building machine is set to."""
    assert [(code, line) for code, line, _hint in zone_diagnostics(tmp_path, zone)] == [("LJ207", 7)]


@pytest.mark.parametrize("zone", ["Europe/Amsterdam", "UTC", "America/Argentina/Buenos_Aires", "Etc/GMT-14"])
def test_iana_zones_are_fine(tmp_path: Path, zone: str) -> None:
    assert zone_diagnostics(tmp_path, zone) == []


# --- ids and references on data of any shape ------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "text",
        {"phases": []},
        {"phases": {"pre": [], "learn": None, "post": {"activities": {"id": "a"}}}},
        {"goals": "x", "objectives": [None, 1, {"id": 2, "supports": "g"}]},
        {"phases": {"pre": {"activities": [{"id": "a", "sessions": [None, {"id": ["s"]}]}]}}},
        {"cohorts": [{"id": "c", "sessions": []}, {"sessions": {1: {}, "x y": {}}}]},
    ],
)
def test_ids_and_references_are_checked_on_data_of_any_shape(data: object) -> None:
    assert references.check_ids_and_references(data) == []


def test_every_kind_of_id_problem_is_found_at_its_place() -> None:
    data = {
        "goals": [{"id": "g"}, {"id": "g"}],
        "objectives": [{"id": "o", "supports": ["g", "h"]}],
        "phases": {
            "pre": {"activities": [{"id": "a", "prerequisites": ["a", "b"], "objectives": ["p"]}]},
            "learn": {"activities": [{"id": "w", "prework": ["x"], "sessions": [{"id": "s"}, {"id": "s"}]}]},
        },
        "cohorts": [{"id": "c", "sessions": {"t": {}}}, {"id": "c"}],
    }
    found = sorted((d.code, d.path) for d in references.check_ids_and_references(data))
    assert found == [
        ("LJ200", ("cohorts", 1, "id")),
        ("LJ200", ("goals", 1, "id")),
        ("LJ200", ("phases", "learn", "activities", 0, "sessions", 1, "id")),
        ("LJ201", ("cohorts", 0, "sessions", "t")),
        ("LJ201", ("objectives", 0, "supports", 1)),
        ("LJ201", ("phases", "learn", "activities", 0, "prework", 0)),
        ("LJ201", ("phases", "pre", "activities", 0, "objectives", 0)),
        ("LJ201", ("phases", "pre", "activities", 0, "prerequisites", 1)),
        ("LJ202", ("phases", "pre", "activities", 0, "prerequisites", 0)),
    ]


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"phases": {"pre": {"activities": [None, {"duration": 15}, {"sessions": {"start": "09:00"}}]}}},
        {"cohorts": [{"start": 20270301, "timezone": ["x"], "sessions": {"a": None, 1: {"date": 3}}}]},
        {"cohorts": [{"groups": [None, {"sessions": []}]}, "x"]},
        {"cohorts": [{"start": "2027-13-45", "timezone": "GMT+1", "sessions": {"s": {"start": "9.30"}}}]},
    ],
)
def test_fields_are_checked_on_data_of_any_shape(data: object) -> None:
    """Only well-formed values are checked: anything else is the schema's error, said once."""
    assert field_rules.check_fields(data) == []
    assert order_rules.check_order(data) == []


@pytest.mark.parametrize(
    "data",
    [
        {"phases": {"pre": {"activities": [{"id": "a", "prerequisites": "b"}, {"id": 3, "prework": [1]}]}}},
        {"phases": {"pre": {"activities": [{"id": "a", "prerequisites": ["Not An Id", None, ["b"]]}]}}},
        {
            "phases": {
                "pre": {
                    "activities": [
                        {"id": "b", "week": "2"},
                        {"id": "a", "week": True, "prerequisites": ["b"]},
                    ]
                }
            }
        },
    ],
)
def test_order_is_checked_on_data_of_any_shape(data: object) -> None:
    assert order_rules.check_order(data) == []


def test_order_is_checked_despite_a_schema_error_elsewhere() -> None:
    data = {
        "titel": "x",
        "phases": {
            "pre": {"activities": [{"id": "a", "prerequisites": ["b"]}, {"id": "c", "prework": ["d"]}]},
            "post": {"activities": [{"id": "b", "prerequisites": ["a"]}, {"id": "d"}]},
        },
    }
    found = sorted((d.code, d.path) for d in order_rules.check_order(data))
    assert found == [
        ("LJ202", ("phases", "pre", "activities", 0, "prerequisites")),
        ("LJ203", ("phases", "pre", "activities", 0, "prerequisites", 0)),
        ("LJ203", ("phases", "pre", "activities", 1, "prework", 0)),
    ]
