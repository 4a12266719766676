"""A real `mkdocs serve` in Chromium: break one journey, its page shows the problem in place and
the other journey keeps working; fix it, the page recovers (the server's live reload)."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from browser_helpers import NL

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from site_helpers import SMALL_JOURNEY, make_project  # noqa: E402

DUTCH = SMALL_JOURNEY.format(id="klein", title="Klein traject", language="nl")
ENGLISH = SMALL_JOURNEY.format(id="small", title="Small journey", language="en")
REBUILD = 180_000  # ms: a rebuild on a busy two-core machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0


@pytest.fixture
def serving() -> Iterator[tuple[Path, str]]:
    """`mkdocs serve` on a free port in a temporary project with a Dutch and an English journey."""
    with _serve({}) as served:
        yield served


@pytest.fixture
def serving_workbooks() -> Iterator[tuple[Path, str]]:
    """The same, with a PDF workbook per journey."""
    with _serve({"workbook": True}) as served:
        yield served


@contextmanager
def _serve(options: dict[str, Any]) -> Iterator[tuple[Path, str]]:
    root = Path(tempfile.mkdtemp(prefix="lj-serve-"))
    config = make_project(root, {"klein.yaml": DUTCH, "small.yaml": ENGLISH}, options)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (root / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(config)],
        cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + REBUILD / 1000
        while _status(base + "/journeys/klein/") != 200:
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(
                    "mkdocs serve did not start:\n" + (root / "serve.log").read_text(encoding="utf-8")
                )
            time.sleep(0.2)
        yield root, base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        shutil.rmtree(root, ignore_errors=True)


def _save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_a_broken_journey_shows_its_problem_in_place_and_recovers(
    serving: tuple[Path, str], browser: Any
) -> None:
    from playwright.sync_api import expect

    root, base = serving
    context = browser.new_context(base_url=base, locale="nl-NL")
    page = context.new_page()
    page.goto("/journeys/klein/learn/workshop/")
    expect(page.locator("article h1")).to_contain_text("Workshop")
    problems = page.locator(".lj-problems")
    expect(problems).to_have_count(0)
    journey = root / "journeys" / "klein.yaml"

    # A schema error: the page, reloaded by the server, keeps its content with the problem on top.
    _save(journey, DUTCH.replace("type: workshop", "type: worshop"))
    expect(problems).to_be_visible(timeout=REBUILD)
    line = next(i for i, text in enumerate(journey.read_text().splitlines(), 1) if "worshop" in text)
    expect(problems.locator(".lj-problems__where")).to_contain_text(f"klein.yaml:{line}:")
    expect(problems).to_contain_text("LJ103")
    expect(problems).to_contain_text(NL("problem_overlay_stale"))  # in the journey's language
    expect(problems.locator(".lj-problems__line")).to_contain_text("type: worshop")
    expect(problems.locator(".lj-problems__marker")).to_contain_text("^")
    expect(problems.locator(".lj-problems__hint")).to_contain_text("workshop")
    expect(page.locator("article h1")).to_contain_text("Workshop")  # the last good content

    # The other journey keeps working.
    other = context.new_page()
    response = other.goto("/journeys/small/learn/workshop/", timeout=REBUILD)
    assert response is not None and response.status == 200
    expect(other.locator("article h1")).to_contain_text("Workshop")
    expect(other.locator(".lj-problems")).to_have_count(0)

    # A YAML syntax error: the same, at the line the parser stopped.
    _save(journey, DUTCH.replace("phases:\n", "phases: [\n", 1))
    expect(problems).to_contain_text("LJ004", timeout=REBUILD)
    expect(problems.locator(".lj-problems__frame")).to_be_visible()
    expect(page.locator("article h1")).to_contain_text("Workshop")

    # Fixed: the problem goes away by itself.
    _save(journey, DUTCH.replace("title: Workshop", "title: Oefendag"))
    expect(page.locator("article h1")).to_contain_text("Oefendag", timeout=REBUILD)
    expect(problems).to_have_count(0)
    context.close()


def test_a_journey_broken_from_the_start_has_a_page_with_its_problems(
    serving: tuple[Path, str], browser: Any
) -> None:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect

    root, base = serving
    context = browser.new_context(base_url=base, locale="nl-NL")
    _save(root / "journeys" / "nieuw.yaml", "id: nieuw\ntitle: Nieuw traject\nlanguage: nl\nphases: [\n")
    deadline = time.monotonic() + REBUILD / 1000
    while _status(base + "/journeys/nieuw/") != 200:
        assert time.monotonic() < deadline, "no page for the journey that never built"
        time.sleep(0.2)
    assert _status(base + "/journeys/klein/") == 200  # the other journey keeps its pages
    # Opened once the rebuild is done: no page open before it that livereload reloads meanwhile
    # (closing a page in the middle of that reload can hang the browser's side of the test).
    page = context.new_page()
    for attempt in range(3):
        try:
            page.goto("/journeys/nieuw/", timeout=REBUILD)
            break
        except PlaywrightError as err:  # a reload after a second rebuild still aborts it
            if "ERR_ABORTED" not in str(err) or attempt == 2:
                raise
    expect(page.locator("article h1")).to_contain_text("Nieuw traject")
    expect(page.locator(".lj-problems")).to_contain_text(NL("problem_overlay_missing"))
    expect(page.locator(".lj-problems")).to_contain_text("nieuw.yaml:")
    context.close()


def test_a_save_is_rebuilt_once(serving: tuple[Path, str]) -> None:
    """The journeys folder is watched through the system's file events, not also by MkDocs'
    polling: one save is one rebuild (two would reload the learner's page twice)."""
    root, base = serving
    log = root / "serve.log"
    before = log.read_text(encoding="utf-8").count("Building documentation")
    _save(root / "journeys" / "klein.yaml", DUTCH.replace("title: Workshop", "title: Oefendag"))
    deadline = time.monotonic() + REBUILD / 1000
    while True:
        with urllib.request.urlopen(
            base + "/journeys/klein/learn/workshop/", timeout=REBUILD / 1000
        ) as response:
            if "Oefendag" in response.read().decode("utf-8"):
                break
        assert time.monotonic() < deadline, "the save was not rebuilt"
        time.sleep(0.1)
    time.sleep(2.5)  # MkDocs' polling would have noticed the save too by now, and rebuilt again
    assert log.read_text(encoding="utf-8").count("Building documentation") == before + 1


def _pdf_text(url: str) -> str:
    pypdf = pytest.importorskip("pypdf")
    with urllib.request.urlopen(url, timeout=30) as response:
        reader = pypdf.PdfReader(io.BytesIO(response.read()))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def test_a_save_shows_its_page_before_its_workbook_is_laid_out(serving_workbooks: tuple[Path, str]) -> None:
    """Under `mkdocs serve` the saved journey's pages are written first; its PDF workbook, which
    WeasyPrint takes seconds to lay out, replaces the previous one in the served site afterwards."""
    pytest.importorskip("weasyprint")
    root, base = serving_workbooks
    pdf = base + "/journeys/klein/klein.pdf"
    deadline = time.monotonic() + REBUILD / 1000
    while "Workshop" not in _pdf_text(pdf):  # the first build's stand-in, until it is laid out
        assert time.monotonic() < deadline, "the workbook was never laid out"
        time.sleep(0.2)
    log = root / "serve.log"
    before = log.read_text(encoding="utf-8")
    _save(root / "journeys" / "klein.yaml", DUTCH.replace("title: Workshop", "title: Oefendag"))
    deadline = time.monotonic() + REBUILD / 1000
    while "Oefendag" not in _pdf_text(pdf):
        assert time.monotonic() < deadline, "the saved journey's workbook was never laid out again"
        time.sleep(0.2)
    after = log.read_text(encoding="utf-8")[len(before) :]
    # The rebuild was done (and the page written) before the workbook was laid out.
    built = after.index("Documentation built")
    assert after.rindex("workbook laid out: journeys/klein/klein.pdf") > built, after
    with urllib.request.urlopen(base + "/journeys/klein/learn/workshop/", timeout=30) as response:
        assert "Oefendag" in response.read().decode("utf-8")
