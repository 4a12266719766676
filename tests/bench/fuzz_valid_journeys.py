"""Fuzz: generate valid journeys and check that every one of them builds.

Run by hand (not by pytest)::

    .venv/bin/python tests/bench/fuzz_valid_journeys.py                # 10,000 journeys
    .venv/bin/python tests/bench/fuzz_valid_journeys.py -n 500 --seed 7 --workers 2
    .venv/bin/python tests/bench/fuzz_valid_journeys.py --keep tests/bench/out/valid

The journeys come from the strategies in ``tests/journey_strategies.py`` (the same ones the
property test uses): every activity type, cohorts, sessions, knowledge checks, content files,
hostile text, extreme dates, days and weeks. Each is written as YAML to a folder of its own,
validated with ``load_journeys``, and when it has no errors, turned into pages (with JSON-LD)
and calendar files, which are read back. The report counts how many validated and how many
built, and lists every distinct internal error, crash and hang with the smallest reproducer
found (shrunk by deleting and shortening parts of the journey while the same failure stays).
Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from journey_strategies import (  # noqa: E402
    GeneratedJourney,
    Outcome,
    check_journey,
    crash_key,
    journeys,
    signature,
)

HANG_SECONDS = 30
SLOW_SECONDS = 5
SHOWN = 3000  # characters of a reproducer printed (all of it with --keep)


@dataclass
class Report:
    generated: int = 0
    validated: int = 0
    built: int = 0
    rejected: Counter[str] = field(default_factory=Counter)  # error codes of journeys that did not validate
    crashes: dict[str, tuple[int, GeneratedJourney, str]] = field(
        default_factory=dict
    )  # key: (size, journey, text)
    counts: Counter[str] = field(default_factory=Counter)
    samples_rejected: dict[str, tuple[str, GeneratedJourney]] = field(
        default_factory=dict
    )  # code: error, journey
    slow: list[tuple[float, GeneratedJourney]] = field(default_factory=list)

    def add(self, journey: GeneratedJourney, outcome: Outcome, seconds: float = 0.0) -> None:
        self.generated += 1
        if seconds > SLOW_SECONDS:
            self.slow = sorted([*self.slow, (seconds, journey)], key=lambda x: -x[0])[:3]
        self.validated += outcome.validated
        self.built += outcome.built
        if not outcome.validated and outcome.crash is None:
            self.rejected.update(outcome.codes)
            for code in outcome.codes:
                error = next(e for e in outcome.errors if f" {code} " in e)
                self.samples_rejected.setdefault(code, (error, journey))
        if outcome.crash is None and seconds > HANG_SECONDS:  # the alarm went off where it was ignored
            outcome.crash, outcome.where = f"Hang: {seconds:.0f} s", "hang"
            outcome.signature = f"more than {HANG_SECONDS} s"
        if outcome.crash is not None:
            key = crash_key(outcome)
            self.counts[key] += 1
            size = len(journey.yaml()) + sum(len(t) for t in journey.files.values())
            if key not in self.crashes or size < self.crashes[key][0]:
                self.crashes[key] = (size, journey, outcome.crash)

    def merge(self, other: Report) -> None:
        self.generated += other.generated
        self.validated += other.validated
        self.built += other.built
        self.rejected.update(other.rejected)
        self.slow = sorted([*self.slow, *other.slow], key=lambda x: -x[0])[:3]
        self.counts.update(other.counts)
        for code, sample in other.samples_rejected.items():
            self.samples_rejected.setdefault(code, sample)
        for key, entry in other.crashes.items():
            if key not in self.crashes or entry[0] < self.crashes[key][0]:
                self.crashes[key] = entry


class Hang(BaseException):
    """Raised by the alarm; a BaseException, so that no `except Exception` in our code takes it
    for an ordinary error."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang(f"no answer within {HANG_SECONDS} s")


def run_one(journey: GeneratedJourney, folder: Path) -> Outcome:
    """Check one journey in an emptied ``folder``; a hang becomes a crash like any other."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    journey.write(folder)
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_SECONDS)
    try:
        return check_journey(folder)
    except Hang as err:
        where = signature(err).replace("Hang in ", "")
        crash = f"Hang: {err}\n" + "".join(traceback.format_exception(err))
        return Outcome([], [], crash=crash, where="hang", signature=f"more than {HANG_SECONDS} s in {where}")
    finally:
        signal.alarm(0)


def worker(args: tuple[int, int, int]) -> Report:
    index, count, base_seed = args
    report = Report()
    folder = Path(tempfile.mkdtemp(prefix=f"lj-fuzz-{index}-"))

    @seed(base_seed * 1000 + index)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(st.one_of(journeys(), journeys(extreme_dates=True)))
    def explore(journey: GeneratedJourney) -> None:
        start = time.monotonic()
        outcome = run_one(journey, folder / "j")
        report.add(journey, outcome, time.monotonic() - start)

    try:
        explore()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return report


# --------------------------------------------------------------------------------------------
# Shrinking a reproducer
# --------------------------------------------------------------------------------------------


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in nested data, deepest last."""
    out = [path]
    if isinstance(value, dict):
        for key, sub in value.items():
            out += _paths(sub, path + (key,))
    elif isinstance(value, list):
        for i, sub in enumerate(value):
            out += _paths(sub, path + (i,))
    return out


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _copy(journey: GeneratedJourney) -> GeneratedJourney:
    import copy

    return copy.deepcopy(journey)


def _candidates(journey: GeneratedJourney) -> list[GeneratedJourney]:
    """Smaller versions of ``journey``: one part deleted, or one text or number made smaller."""
    out = []
    for path in _paths(journey.data):  # whole parts first
        if not path:
            continue
        parent_path, last = path[:-1], path[-1]
        value = _get(journey.data, path)
        smaller = _copy(journey)
        parent = _get(smaller.data, parent_path)
        del parent[last]
        out.append(smaller)
        if isinstance(value, str) and len(value) > 1:
            for shorter in (value[: len(value) // 2], value[len(value) // 2 :], "x"):
                if shorter and shorter != value:
                    candidate = _copy(journey)
                    _get(candidate.data, parent_path)[last] = shorter
                    out.append(candidate)
        if isinstance(value, int) and not isinstance(value, bool) and value > 1:
            candidate = _copy(journey)
            _get(candidate.data, parent_path)[last] = 1
            out.append(candidate)
    for rel, text in journey.files.items():
        if len(text) > 1:
            candidate = _copy(journey)
            candidate.files[rel] = text[: len(text) // 2]
            out.append(candidate)
    return out


def shrink(journey: GeneratedJourney, key: str, folder: Path, budget: float) -> GeneratedJourney:
    """The smallest journey found that still fails with ``key``, within ``budget`` seconds."""
    deadline = time.monotonic() + budget
    best = journey
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        for candidate in _candidates(best):
            if time.monotonic() > deadline:
                break
            outcome = run_one(candidate, folder)
            if outcome.crash is not None and crash_key(outcome) == key:
                best = candidate
                improved = True
                break
    return best


def _shrink_job(args: tuple[str, GeneratedJourney, float]) -> tuple[str, GeneratedJourney, str]:
    key, journey, budget = args
    folder = Path(tempfile.mkdtemp(prefix="lj-shrink-"))
    try:
        small = shrink(journey, key, folder / "j", budget)
        outcome = run_one(small, folder / "j")
        return key, small, outcome.crash or ""
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", "--count", type=int, default=10_000, help="journeys to generate")
    parser.add_argument("--seed", type=int, default=20270301)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--shrink-seconds", type=float, default=120, help="per distinct failure (0: off)")
    parser.add_argument("--keep", type=Path, help="write each reproducer into this folder")
    args = parser.parse_args()

    started = time.monotonic()
    chunks = max(args.workers * 4, 1)
    sizes = [args.count // chunks + (i < args.count % chunks) for i in range(chunks)]
    report = Report()
    with multiprocessing.Pool(args.workers) as pool:
        for part in pool.imap_unordered(worker, [(i, n, args.seed) for i, n in enumerate(sizes) if n]):
            report.merge(part)
            print(f"\r{report.generated:,} generated ...", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
        shrunk: dict[str, tuple[GeneratedJourney, str]] = {}
        if args.shrink_seconds and report.crashes:
            jobs = [(key, journey, args.shrink_seconds) for key, (_s, journey, _t) in report.crashes.items()]
            for key, journey, text in pool.imap_unordered(_shrink_job, jobs):
                shrunk[key] = (journey, text)

    hangs = sum(n for key, n in report.counts.items() if key.startswith("hang"))
    internal = sum(n for key, n in report.counts.items() if "LJ900" in key)
    crashes = sum(report.counts.values()) - hangs - internal
    print(f"generated  {report.generated:>7,}")
    print(f"validated  {report.validated:>7,}   (no errors; warnings allowed)")
    print(f"built      {report.built:>7,}   (pages, JSON-LD and calendars)")
    print(f"internal errors (LJ900) {internal:,}, build crashes {crashes:,}, hangs {hangs:,}")
    print(f"time       {time.monotonic() - started:.0f} s on {args.workers} worker(s)")
    for seconds, journey in report.slow:
        print(f"slow: {seconds:.1f} s for {journey!r}")
    if args.keep:
        for number, (seconds, journey) in enumerate(report.slow, 1):
            target = args.keep / f"slow-{number}"
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            journey.write(target)
            (target / "seconds.txt").write_text(f"{seconds:.1f}\n", encoding="utf-8")
    if report.rejected:
        print("\nerrors in generated journeys that did not validate (a generator or a validator bug):")
        for code, n in report.rejected.most_common():
            error, journey = report.samples_rejected[code]
            print(f"  {code} x{n}: {error}")
            if args.keep:
                target = args.keep / f"rejected-{code}"
                shutil.rmtree(target, ignore_errors=True)
                target.mkdir(parents=True)
                journey.write(target)
    for number, (key, (_size, journey, text)) in enumerate(sorted(report.crashes.items()), 1):
        small, small_text = shrunk.get(key, (journey, text))
        print(f"\n=== failure {number}: {key} ({report.counts[key]} journeys)")
        print(small_text.strip().splitlines()[0] if small_text.strip() else text.splitlines()[0])
        text_of_file = small.yaml()
        print(f"--- {small.file_stem}.yaml ({len(text_of_file):,} bytes)")
        print(text_of_file if len(text_of_file) <= SHOWN else text_of_file[:SHOWN] + "\n[...]")
        for rel, content in small.files.items():
            print(f"--- {rel}: {content[:SHOWN]!r}")
        tail = [line for line in (small_text or text).splitlines() if line.startswith("  File ")][-3:]
        if tail:
            print("at:\n" + "\n".join(tail))
        if args.keep:
            target = args.keep / f"failure-{number}"
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            small.write(target)
            (target / "failure.txt").write_text(small_text or text, encoding="utf-8")
    return 1 if report.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
