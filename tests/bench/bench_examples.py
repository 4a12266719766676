"""Benchmark: validating copies of the example journeys against PyYAML's C loader, as whole processes.

Requirement: `journeys validate` on 1,000 copies of the example journeys costs at
most 1.3x the CPU time of a process that reads the same files and parses each
with ``yaml.load(text, Loader=yaml.CSafeLoader)``. Both are whole processes
(interpreter start and imports included), run alternately in one run, so that a
busy machine slows both alike; the best of ``--repeat`` runs counts.

Run by hand (not a timed test)::

    .venv/bin/python tests/bench/bench_examples.py             # 1000 copies, best of 5
    .venv/bin/python tests/bench/bench_examples.py -n 200 -r 3
    .venv/bin/python tests/bench/bench_examples.py -n 200 --instructions   # under valgrind

On a busy machine CPU seconds vary by 20% from run to run; ``--instructions``
counts the instructions both processes execute (valgrind's callgrind), which do not
depend on the load, as a stable stand-in for the same ratio.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGET_RATIO = 1.3

PARSE_ONLY = """
import sys
from pathlib import Path
import yaml
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


def make_copies(folder: Path, count: int) -> int:
    """``count`` journey files, copies of the examples with their own ids; their total size."""
    examples = sorted((REPO / "journeys").glob("*.yaml"))
    shutil.copytree(REPO / "journeys" / "content", folder / "content")
    size = 0
    for n in range(count):
        source = examples[n % len(examples)]
        text = source.read_text(encoding="utf-8")
        text = text.replace(f"\nid: {source.stem}\n", f"\nid: {source.stem}-{n}\n", 1)
        (folder / f"{source.stem}-{n}.yaml").write_text(text, encoding="utf-8")
        size += len(text.encode())
    return size


def child_cpu(command: list[str]) -> float:
    """CPU seconds (user + system) of one child process, run to completion."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command} failed:\n{done.stderr}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def child_instructions(command: list[str]) -> float:
    """Instructions one child process executes, counted by callgrind (in millions)."""
    valgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    done = subprocess.run(valgrind + command, capture_output=True, text=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode not in (0, 1) or not found:
        raise SystemExit(f"{command} failed under valgrind:\n{done.stderr[-2000:]}")
    return int(found.group(1)) / 1e6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=1000)
    parser.add_argument("-r", "--repeat", type=int, default=5)
    parser.add_argument("--instructions", action="store_true", help="count instructions with valgrind")
    args = parser.parse_args()
    measure, unit = (
        (child_instructions, "million instructions") if args.instructions else (child_cpu, "CPU s")
    )
    if args.instructions:
        args.repeat = 1  # the count does not vary
    journeys = Path(sys.executable).parent / "journeys"
    # Byte-compiled first, as `pip install` leaves a package: with PYTHONDONTWRITEBYTECODE set
    # (or a read-only checkout) an editable install would compile its source on every run.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO / "plugins")], check=True, capture_output=True
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "journeys"
        folder.mkdir()
        (Path(tmp) / "mkdocs.yml").write_text("site_name: bench\n", encoding="utf-8")
        size = make_copies(folder, args.count)
        parse = [sys.executable, "-c", PARSE_ONLY, str(folder)]
        validate = [str(journeys), "validate", str(folder)]
        parse_times, validate_times = [], []
        for _ in range(args.repeat):
            parse_times.append(measure(parse))
            validate_times.append(measure(validate))
    best_parse, best_validate = min(parse_times), min(validate_times)
    ratio = best_validate / best_parse
    print(f"{args.count} copies of the examples, {size / 1e6:.1f} MB, best of {args.repeat} ({unit})")
    print(f"  read + CSafeLoader parse (whole process): {best_parse:8.2f}   runs: {_runs(parse_times)}")
    print(f"  journeys validate (whole process):        {best_validate:8.2f}   runs: {_runs(validate_times)}")
    print(f"  ratio: {ratio:.2f} (target at most {TARGET_RATIO})")
    if len(parse_times) > 2:
        # Each round runs both processes one after the other: on a shared machine whose speed
        # drifts, the middle of the rounds' own ratios says more than the two best runs.
        rounds = sorted(v / p for p, v in zip(parse_times, validate_times, strict=True))
        print(f"  median of the rounds' ratios: {statistics.median(rounds):.2f} (each: {_runs(rounds)})")
    return 0 if ratio <= TARGET_RATIO else 1


def _runs(times: list[float]) -> str:
    return " ".join(f"{t:.2f}" for t in times)


if __name__ == "__main__":
    sys.exit(main())
