"""Fuzz: damage the example journeys in every way an editor, a merge or a paste could, and check
that validation never fails with an internal error or hangs, and that whatever still validates
also builds.

Run by hand (not by pytest)::

    .venv/bin/python tests/bench/fuzz_mutations.py                 # 10,000 mutants
    .venv/bin/python tests/bench/fuzz_mutations.py -n 1000 --seed 7 --workers 2 --timeout 5
    .venv/bin/python tests/bench/fuzz_mutations.py --keep tests/bench/out/mutants

Each mutant is one of the journeys in ``journeys/`` and ``tests/cases/valid/`` with one to three
mutations: byte flips, deleted and inserted bytes, deleted, duplicated and swapped lines,
changed indentation, values swapped between keys, values of another type, YAML tags, anchors,
aliases and merge keys, and hostile strings. It is checked in a worker process (the content
files next to it) by ``load_journeys`` and, when it has no errors, by site generation (pages,
JSON-LD, calendar files read back). A check that takes longer than ``--timeout`` seconds is a
hang: the alarm reports where it was; a worker that does not answer even then is killed and
replaced. Every distinct failure is reduced (lines, then bytes, while the same failure stays)
and printed with its smallest reproducer. The same seed gives the same mutants. Exit status 1
when anything failed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
REPO = TESTS.parent
sys.path.insert(0, str(TESTS))

SOURCES = sorted((REPO / "journeys").glob("*.yaml")) + sorted((TESTS / "cases" / "valid").glob("*.yaml"))
CONTENT = [REPO / "journeys" / "content", TESTS / "cases" / "valid" / "content"]
SHOWN = 3000  # bytes of a reproducer printed (all of it with --keep)

# --------------------------------------------------------------------------------------------
# Mutations
# --------------------------------------------------------------------------------------------

SPECIAL = list(b":-[]{}&*!|>'\"%@`#,?\t\n\r \\") + [0x00, 0x07, 0x0B, 0x85, 0xC2, 0xC3, 0xE2, 0xEF, 0xFF]
KEY_VALUE = re.compile(rb"^(\s*(?:- )?)([A-Za-z_][\w-]*):([ \t]+)(\S.*)$")
VALUES: tuple[bytes, ...] = (
    b"[]",
    b"{}",
    b"null",
    b"~",
    b"",
    b"true",
    b"no",
    b"0",
    b"-1",
    b"1.5",
    b"1.10",
    b"0x10",
    b"0o17",
    b"1e400",
    b".inf",
    b".nan",
    b"99999999999999999999999999",
    b"9" * 5000 + b"m",
    b"2027-13-45",
    b"2027-02-30",
    b"9999-12-31",
    b"0001-01-01",
    b'"24:00"',
    b"12:30:00",
    b"[a, b]",
    b"{a: b}",
    b"[[[[[[[[[[]]]]]]]]]]",
    b"{x: {y: {z: [1, {a: [b]}]}}}",
    b"|\n  multi\n  line",
    b">-\n  folded",
    b'"\\u0000"',
    b'"\\x85\\u2028"',
    b"'it''s'",
    b'"unterminated',
    b"a: b: c",
    b"- item",
    b"? complex",
    b"=",
    b"<<",
    b"*",
    b"&",
    b"!",
    b"%YAML 1.1",
    b"---",
    b"...",
)
TAGS = (
    b"!!str ",
    b"!!int ",
    b"!!bool ",
    b"!!float ",
    b"!!null ",
    b"!!binary ",
    b"!!timestamp ",
    b"!!set ",
    b"!!omap ",
    b"!!map ",
    b"!!seq ",
    b"!x ",
    b"!<tag:yaml.org,2002:str> ",
    b"!!python/object/apply:os.system ",
    b"!!python/name:sys.exit ",
)
HOSTILE: tuple[str, ...] = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "{: onclick=alert(1) }",
    "](https://example.org){: .x }",
    "{{ 7 * 7 }}",
    "{% include 'x' %}",
    "\r\n\r\n",
    "\u2028\u2029\x85",
    "\u202e\u200b\ufeff",
    "BEGIN:VEVENT\r\nEND:VEVENT",
    "x" * 20_000,
    "{=" * 2_000,
    "[" * 5_000,
    "*_" * 5_000,
    "`" * 3_000,
    "<" * 5_000,
    "&#" * 3_000,
    "\\" * 3_000,
    "a\n" * 2_000,
    "😀" * 3_000,
)


def _line(lines: list[bytes], rnd: random.Random) -> int:
    return rnd.randrange(len(lines))


def flip_byte(lines: list[bytes], rnd: random.Random) -> None:
    i = _line(lines, rnd)
    if lines[i]:
        at = rnd.randrange(len(lines[i]))
        flipped = lines[i][at] ^ (1 << rnd.randrange(8))
        lines[i] = lines[i][:at] + bytes([flipped]) + lines[i][at + 1 :]


def delete_bytes(lines: list[bytes], rnd: random.Random) -> None:
    i = _line(lines, rnd)
    if lines[i]:
        at = rnd.randrange(len(lines[i]))
        lines[i] = lines[i][:at] + lines[i][at + rnd.randint(1, 8) :]


def insert_bytes(lines: list[bytes], rnd: random.Random) -> None:
    i = _line(lines, rnd)
    pool = SPECIAL if rnd.random() < 0.7 else list(range(256))
    noise = bytes(rnd.choice(pool) for _ in range(rnd.randint(1, 4)))
    at = rnd.randint(0, len(lines[i]))
    lines[i] = lines[i][:at] + noise + lines[i][at:]


def delete_lines(lines: list[bytes], rnd: random.Random) -> None:
    i = _line(lines, rnd)
    del lines[i : i + rnd.choice((1, 1, 1, 2, 5))]


def duplicate_lines(lines: list[bytes], rnd: random.Random) -> None:
    i = _line(lines, rnd)
    block = lines[i : i + rnd.choice((1, 1, 3, 8))]
    at = rnd.choice((i, rnd.randrange(len(lines) + 1)))
    lines[at:at] = block


def swap_lines(lines: list[bytes], rnd: random.Random) -> None:
    i, j = _line(lines, rnd), _line(lines, rnd)
    lines[i], lines[j] = lines[j], lines[i]


def reindent(lines: list[bytes], rnd: random.Random) -> None:
    i = _line(lines, rnd)
    line = lines[i]
    stripped = line.lstrip(b" ")
    choice = rnd.randrange(5)
    if choice == 0:
        lines[i] = b" " * rnd.randint(1, 4) + line
    elif choice == 1:
        lines[i] = line[rnd.randint(1, 4) :] if line.startswith(b" ") else line
    elif choice == 2:
        lines[i] = b"\t" + stripped
    elif choice == 3:
        lines[i] = stripped
    else:  # a whole block moves
        for k in range(i, min(len(lines), i + rnd.randint(2, 10))):
            lines[k] = b"  " + lines[k]


def _pairs(lines: list[bytes]) -> list[int]:
    return [i for i, line in enumerate(lines) if KEY_VALUE.match(line)]


def swap_values(lines: list[bytes], rnd: random.Random) -> None:
    found = _pairs(lines)
    if len(found) > 1:
        i, j = rnd.sample(found, 2)
        a, b = KEY_VALUE.match(lines[i]), KEY_VALUE.match(lines[j])
        assert a and b
        lines[i] = a.group(1) + a.group(2) + b":" + a.group(3) + b.group(4)
        lines[j] = b.group(1) + b.group(2) + b":" + b.group(3) + a.group(4)


def _replace_value(lines: list[bytes], rnd: random.Random, make: Any) -> None:
    found = _pairs(lines)
    if found:
        i = rnd.choice(found)
        match = KEY_VALUE.match(lines[i])
        assert match
        lines[i] = match.group(1) + match.group(2) + b":" + match.group(3) + make(match.group(4))


def change_type(lines: list[bytes], rnd: random.Random) -> None:
    _replace_value(lines, rnd, lambda _old: rnd.choice(VALUES))


def add_tag(lines: list[bytes], rnd: random.Random) -> None:
    _replace_value(lines, rnd, lambda old: rnd.choice(TAGS) + old)


def add_anchor_and_alias(lines: list[bytes], rnd: random.Random) -> None:
    found = _pairs(lines)
    if len(found) < 2:
        return
    i, j = sorted(rnd.sample(found, 2))
    a, b = KEY_VALUE.match(lines[i]), KEY_VALUE.match(lines[j])
    assert a and b
    name = rnd.choice((b"a", b"x1", b"very-long-anchor-name"))
    kind = rnd.randrange(5)
    if kind == 0:  # an alias to a value defined earlier
        lines[i] = a.group(1) + a.group(2) + b":" + a.group(3) + b"&" + name + b" " + a.group(4)
        lines[j] = b.group(1) + b.group(2) + b":" + b.group(3) + b"*" + name
    elif kind == 1:  # an alias to nothing
        lines[j] = b.group(1) + b.group(2) + b":" + b.group(3) + b"*" + name
    elif kind == 2:  # an alias before its anchor
        lines[i] = a.group(1) + a.group(2) + b":" + a.group(3) + b"*" + name
        lines[j] = b.group(1) + b.group(2) + b":" + b.group(3) + b"&" + name + b" " + b.group(4)
    elif kind == 3:  # a merge key
        indent = b" " * (len(a.group(1)) if not a.group(1).strip() else len(a.group(1)))
        lines.insert(i + 1, indent + b"<<: *" + name)
        lines[i] = a.group(1) + a.group(2) + b":" + a.group(3) + b"&" + name + b" {x: 1}"
    else:  # an anchor on a whole mapping, aliased where a list or text belongs
        lines[i] = a.group(1) + a.group(2) + b": &" + name + b" {title: x, id: y}"
        lines[j] = b.group(1) + b.group(2) + b":" + b.group(3) + b"[*" + name + b", *" + name + b"]"


def hostile_string(lines: list[bytes], rnd: random.Random) -> None:
    text = rnd.choice(HOSTILE)
    if rnd.random() < 0.5:
        text = text[: rnd.randint(1, len(text))]
    value = json.dumps(text, ensure_ascii=rnd.random() < 0.5).encode()
    _replace_value(lines, rnd, lambda _old: value)


MUTATIONS = (
    flip_byte,
    delete_bytes,
    insert_bytes,
    insert_bytes,
    delete_lines,
    duplicate_lines,
    swap_lines,
    reindent,
    reindent,
    swap_values,
    swap_values,
    change_type,
    change_type,
    change_type,
    add_tag,
    add_anchor_and_alias,
    add_anchor_and_alias,
    hostile_string,
    hostile_string,
)


def mutant(sources: list[tuple[str, bytes]], seed: int, index: int) -> tuple[str, bytes, list[str]]:
    """Mutant number ``index``: the same seed and index always give the same bytes."""
    rnd = random.Random(seed * 1_000_003 + index)
    name, raw = rnd.choice(sources)
    lines = raw.split(b"\n")
    applied = []
    for _ in range(rnd.choice((1, 1, 2, 3))):
        mutation = rnd.choice(MUTATIONS)
        if lines:
            mutation(lines, rnd)
        applied.append(mutation.__name__)
    return name, b"\n".join(lines), applied


# --------------------------------------------------------------------------------------------
# Checking, in worker processes
# --------------------------------------------------------------------------------------------


@dataclass
class Result:
    kind: str  # "built", "rejected", "failed"
    key: str = ""  # what tells failures apart
    text: str = ""  # the failure, with its traceback
    codes: tuple[str, ...] = ()


class Hang(BaseException):
    """Raised by the alarm; a BaseException, so that no `except Exception` takes it for an error."""


def _alarm(signum: int, frame: Any) -> None:
    raise Hang()


def _serve(connection: Connection, folder: str) -> None:
    """Worker process: check each mutant it is sent, in ``folder``, with the content files."""
    from journey_strategies import check_journey, crash_key, signature

    signal.signal(signal.SIGALRM, _alarm)
    root = Path(folder)
    while True:
        task = connection.recv()
        if task is None:
            return
        name, raw, timeout = task
        for old in root.glob("*.y*ml"):
            old.unlink()
        (root / name).write_bytes(raw)
        signal.alarm(timeout)
        try:
            outcome = check_journey(root)
            signal.alarm(0)
            if outcome.crash is not None:
                result = Result("failed", crash_key(outcome), outcome.crash)
            elif outcome.built:
                result = Result("built")
            else:
                result = Result("rejected", codes=tuple(outcome.codes))
        except Hang as err:
            text = f"no answer within {timeout} s\n" + "".join(traceback.format_exception(err))
            result = Result("failed", "hang: " + signature(err).replace("Hang in ", "in "), text)
        except Exception as err:  # noqa: BLE001 - a bug in the check itself is a finding too
            signal.alarm(0)
            result = Result(
                "failed", f"harness: {type(err).__name__}", "".join(traceback.format_exception(err))
            )
        connection.send(result)


class Worker:
    """A worker process with its own folder; replaced when it stops answering."""

    def __init__(self, timeout: int) -> None:
        self.timeout = timeout
        self.folder = tempfile.mkdtemp(prefix="lj-mutants-")
        (Path(self.folder) / ".git").mkdir()  # the project root: content files stay inside
        for content in CONTENT:
            shutil.copytree(content, Path(self.folder) / "content", dirs_exist_ok=True)
        self._start()

    def _start(self) -> None:
        self.connection, child = multiprocessing.Pipe()
        self.process = multiprocessing.Process(target=_serve, args=(child, self.folder), daemon=True)
        self.process.start()

    def check(self, name: str, raw: bytes) -> Result:
        self.connection.send((name, raw, self.timeout))
        if self.connection.poll(self.timeout + 15):
            return self.connection.recv()
        self.process.kill()  # deaf even to the alarm: stuck in C code
        self.process.join()
        self._start()
        return Result("failed", "hang: no answer even to the alarm", f"killed after {self.timeout + 15} s")

    def close(self) -> None:
        try:
            self.connection.send(None)
            self.process.join(5)
        finally:
            if self.process.is_alive():
                self.process.kill()
            shutil.rmtree(self.folder, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# Reducing a failure to its smallest reproducer
# --------------------------------------------------------------------------------------------


def _ddmin(parts: list[bytes], joiner: bytes, still_fails: Any, deadline: float) -> list[bytes]:
    """Delta debugging: drop chunks of ``parts`` while ``still_fails(joined)`` holds."""
    chunks = 2
    while len(parts) >= 2 and time.monotonic() < deadline:
        size = max(1, len(parts) // chunks)
        reduced = False
        for start in range(0, len(parts), size):
            candidate = parts[:start] + parts[start + size :]
            if time.monotonic() > deadline:
                break
            if candidate and still_fails(joiner.join(candidate)):
                parts = candidate
                chunks = max(chunks - 1, 2)
                reduced = True
                break
        if not reduced:
            if size == 1:
                break
            chunks = min(chunks * 2, len(parts))
    return parts


def reduce(worker: Worker, name: str, raw: bytes, key: str, budget: float) -> bytes:
    deadline = time.monotonic() + budget

    def still_fails(candidate: bytes) -> bool:
        result = worker.check(name, candidate)
        return result.kind == "failed" and result.key == key

    lines = _ddmin(raw.split(b"\n"), b"\n", still_fails, deadline)
    raw = b"\n".join(lines)
    if len(raw) < 20_000:
        raw = b"".join(_ddmin([bytes([c]) for c in raw], b"", still_fails, deadline))
    return raw


# --------------------------------------------------------------------------------------------


@dataclass
class Report:
    checked: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    smallest: dict[str, tuple[str, bytes, list[str], str]] = field(
        default_factory=dict
    )  # key: name, raw, mutations, text

    def add(self, name: str, raw: bytes, applied: list[str], result: Result) -> None:
        self.checked += 1
        self.kinds[result.kind] += 1
        if result.kind == "failed":
            self.failures[result.key] += 1
            if result.key not in self.smallest or len(raw) < len(self.smallest[result.key][1]):
                self.smallest[result.key] = (name, raw, applied, result.text)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-n", "--count", type=int, default=10_000, help="mutants to check")
    parser.add_argument("--seed", type=int, default=20270301)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=int, default=10, help="seconds before a check counts as a hang")
    parser.add_argument("--shrink-seconds", type=float, default=120, help="per distinct failure (0: off)")
    parser.add_argument("--keep", type=Path, help="write each reproducer into this folder")
    args = parser.parse_args()

    sources = [(path.name, path.read_bytes()) for path in SOURCES]
    started = time.monotonic()
    workers = [Worker(args.timeout) for _ in range(args.workers)]
    report = Report()
    try:

        def run(index: int) -> tuple[str, bytes, list[str], Result]:
            name, raw, applied = mutant(sources, args.seed, index)
            worker = workers[index % len(workers)]
            return name, raw, applied, worker.check(name, raw)

        # One thread per worker process, each taking every len(workers)-th mutant.
        def lane(offset: int) -> list[tuple[str, bytes, list[str], Result]]:
            out = []
            for index in range(offset, args.count, len(workers)):
                out.append(run(index))
                if offset == 0 and index % 500 == 0:
                    print(f"\r{index:,} checked ...", end="", file=sys.stderr, flush=True)
            return out

        with ThreadPoolExecutor(len(workers)) as pool:
            for lane_results in pool.map(lane, range(len(workers))):
                for name, raw, applied, result in lane_results:
                    report.add(name, raw, applied, result)
        print(file=sys.stderr)
        reduced: dict[str, bytes] = {}
        if args.shrink_seconds:
            for key, (name, raw, _applied, _text) in report.smallest.items():
                reduced[key] = reduce(workers[0], name, raw, key, args.shrink_seconds)
    finally:
        for worker in workers:
            worker.close()

    internal = sum(n for key, n in report.failures.items() if "LJ900" in key)
    hangs = sum(n for key, n in report.failures.items() if key.startswith("hang"))
    crashes = sum(report.failures.values()) - internal - hangs
    print(f"mutants    {report.checked:>7,}   from {len(sources)} journeys, seed {args.seed}")
    print(f"rejected   {report.kinds['rejected']:>7,}   (errors reported)")
    print(f"built      {report.kinds['built']:>7,}   (validated, then pages, JSON-LD and calendars)")
    print(
        f"internal errors (LJ900) {internal:,}, build crashes {crashes:,}, hangs (> {args.timeout} s) {hangs:,}"
    )
    print(f"time       {time.monotonic() - started:.0f} s on {len(workers)} worker(s)")
    for number, (key, (name, raw, applied, text)) in enumerate(sorted(report.smallest.items()), 1):
        small = reduced.get(key, raw)
        print(
            f"\n=== failure {number}: {key} ({report.failures[key]} mutants; first seen as {name} + {', '.join(applied)})"
        )
        print(text.strip().splitlines()[0] if text.strip() else "")
        shown = small.decode("utf-8", "backslashreplace")
        print(f"--- smallest reproducer, {len(small):,} bytes (as a Python bytes literal: {small[:200]!r})")
        print(shown if len(shown) <= SHOWN else shown[:SHOWN] + "\n[...]")
        tail = [line for line in text.splitlines() if line.startswith("  File ")][-3:]
        if tail:
            print("at:\n" + "\n".join(tail))
        if args.keep:
            target = args.keep / f"failure-{number}"
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            (target / name).write_bytes(small)
            for content in CONTENT:
                shutil.copytree(content, target / "content", dirs_exist_ok=True)
            (target / "failure.txt").write_text(f"{key}\n{text}", encoding="utf-8")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
