"""Benchmark: from saving one journey to its changed page over HTTP, under a real `mkdocs serve`.

Run by hand (not a test):  .venv/bin/python tests/bench/bench_serve_rebuild.py [-n 100] [-r 3]

In a temporary project with the example site's mkdocs.yml and N journeys made from the
example journeys (new ids and titles), it

  1. times a full `mkdocs build` (a subprocess, as an author runs it);
  2. starts `mkdocs serve` on a free port and waits for its first build;
  3. R times: saves one journey with a changed activity title and times until that
     activity's page, fetched over HTTP from the server, shows the new title;
  4. the same once for a page of a journey next to it, unchanged, which must still answer.

With workbooks on (as in the example site) it also times, per save, until the journey's PDF
workbook shows the new title: it is laid out after the page is written.

It prints the times, the median save-to-page time and the ratio of the full build to it.
The target: at most 2 s from save to page for N=100. The plugin watches the journeys folder
through the system's file events; MkDocs then waits 0.1 s for more changes.

The plugin renders every journey again when a template changes: on a machine where the
templates are being edited, run it from a copy of the code, e.g.
``git archive HEAD | tar -x -C /tmp/lj && cd /tmp/lj && PYTHONPATH=plugins
/path/to/.venv/bin/python tests/bench/bench_serve_rebuild.py``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def make_project(root: Path, n: int) -> list[Path]:
    """N journeys from the examples, each with its own id and title, and the example mkdocs.yml."""
    journeys = root / "journeys"
    journeys.mkdir(parents=True)
    shutil.copytree(REPO / "journeys" / "content", journeys / "content")
    examples = sorted((REPO / "journeys").glob("*.yaml"))
    files = []
    for i in range(n):
        source = examples[i % len(examples)]
        text = source.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^id: (\S+)", lambda m, i=i: f"id: {m.group(1)}-{i:03d}", text, count=1)
        text = re.sub(r"(?m)^title: (.+)$", lambda m, i=i: f"title: {m.group(1)} {i:03d}", text, count=1)
        path = journeys / f"{source.stem}-{i:03d}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return files


def first_activity(path: Path) -> tuple[str, str, str, str]:
    """(journey id, phase, activity id, the activity's title line) of the first activity in the file."""
    text = path.read_text(encoding="utf-8")
    journey_id = re.search(r"(?m)^id: (\S+)", text).group(1)  # type: ignore[union-attr]
    phases = text[text.index("\nphases:") :]
    phase = re.search(r"(?m)^  (pre|learn|post):", phases).group(1)  # type: ignore[union-attr]
    activity = re.search(r"(?m)^ +- id: (\S+)\n +title: (.+)$", phases)
    assert activity is not None, path
    return journey_id, phase, activity.group(1), activity.group(0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 120) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(url: str, text: str, limit: float, log: Path) -> float:
    """Seconds until the page at ``url`` contains ``text``; fails after ``limit`` seconds."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        status, body = fetch(url)
        if status == 200 and text in body:
            return time.perf_counter() - start
        time.sleep(0.02)
    tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:])
    raise SystemExit(f"{url} did not show {text!r} within {limit:.0f} s; the server said:\n{tail}")


def pdf_text(url: str) -> str:
    """The text of the PDF at ``url`` ("" while it cannot be read)."""
    import io

    import pypdf

    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            reader = pypdf.PdfReader(io.BytesIO(response.read()))
        return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())
    except Exception:  # noqa: BLE001 - not there yet, or written meanwhile: look again
        return ""


def wait_for_pdf(url: str, text: str, limit: float) -> float:
    """Seconds until the PDF at ``url`` contains ``text``."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if text in pdf_text(url):
            return time.perf_counter() - start
        time.sleep(0.1)
    raise SystemExit(f"{url} did not show {text!r} within {limit:.0f} s")


def full_build(root: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(root / "out"),
        ],
        cwd=root,
        env=ENV,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100, help="journeys (default 100)")
    parser.add_argument("-r", type=int, default=3, help="saves to time (default 3)")
    parser.add_argument(
        "--no-workbook", action="store_true", help="without the PDF workbooks (about 1.5 s CPU a journey)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lj-bench-serve-") as tmp:
        root = Path(tmp)
        files = make_project(root, args.n)
        if args.no_workbook:
            config = root / "mkdocs.yml"
            config.write_text(re.sub(r"(?m)^(\s*)workbook: true", r"\1workbook: false", config.read_text()))
        build_time = full_build(root)
        pages = sum(1 for _ in (root / "out").rglob("index.html"))
        print(f"journeys: {args.n}, pages: {pages}")
        print(f"full mkdocs build: {build_time:.2f} s")

        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        log = open(root / "serve.log", "w", encoding="utf-8")  # noqa: SIM115 - closed below
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "-a",
                f"127.0.0.1:{port}",
                "-f",
                str(root / "mkdocs.yml"),
            ],
            cwd=root,
            env=ENV,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            start = time.perf_counter()
            target = files[len(files) // 2]
            journey_id, phase, activity_id, title_line = first_activity(target)
            url = f"{base}{journey_id}/{phase}/{activity_id}/"
            wait_for(url, "</html>", 1800, root / "serve.log")
            print(f"mkdocs serve, first build: {time.perf_counter() - start:.2f} s")
            times, workbooks = [], []
            for round_ in range(1, args.r + 1):
                marker = f"Bench change {round_} {time.time_ns()}"
                text = target.read_text(encoding="utf-8")
                new_line = re.sub(r"title: .+$", f"title: {marker}", title_line)
                target.write_text(text.replace(title_line, new_line, 1), encoding="utf-8")
                title_line = new_line
                saved = time.perf_counter()
                wait_for(url, marker, 1800, root / "serve.log")
                times.append(time.perf_counter() - saved)
                print(f"save {round_}: page changed after {times[-1]:.2f} s")
                if not args.no_workbook:
                    # Laid out after the page is written; waited for, so each save starts alike.
                    pdf = f"{base}{journey_id}/{journey_id}.pdf"
                    workbooks.append(wait_for_pdf(pdf, marker, 1800) + times[-1])
                    print(f"save {round_}: its workbook changed after {workbooks[-1]:.2f} s")
                time.sleep(1.0)  # let the watcher settle between saves
            other_id, other_phase, other_activity, _ = first_activity(files[len(files) // 2 + 1])
            status, _body = fetch(f"{base}{other_id}/{other_phase}/{other_activity}/")
            print(f"an unchanged journey's page after the saves: HTTP {status}")
            median = statistics.median(times)
            print(f"save to page, median of {len(times)}: {median:.2f} s (target: at most 2 s)")
            print(f"full build / save to page: {build_time / median:.1f}x")
            if workbooks:
                print(f"save to workbook (PDF), median: {statistics.median(workbooks):.2f} s")
            served = (root / "serve.log").read_text(encoding="utf-8", errors="replace")
            rebuilt = re.findall(r"Journeys rendered again: (\d+) of (\d+)", served)
            if rebuilt:
                print(
                    f"journeys rendered per build (first build, then each save): {', '.join(a for a, _ in rebuilt)}"
                )
            builds = re.findall(r"Documentation built in ([\d.]+) seconds", served)
            if builds:
                print(f"MkDocs build time per build (first build, then each save): {', '.join(builds)} s")
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


if __name__ == "__main__":
    main()
