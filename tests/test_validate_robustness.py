"""Hundreds of randomly damaged journeys (fixed seed): the validator answers each one quickly
with diagnostics, never with an exception, an internal error or a traceback."""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import pytest
from learning_journeys.validation import schema_check
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
