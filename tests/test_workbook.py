"""The PDF workbook: made at build time with WeasyPrint when the plugin's `workbook` is on, linked
from the overview, listing every activity; it requests nothing, and a failure keeps the last site."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort, PluginError

from tests.site_helpers import SMALL_JOURNEY, html, make_project, run_build

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")

from learning_journeys.site import workbook as workbook_module  # noqa: E402

JOURNEY = SMALL_JOURNEY.format(id="small", title="Small journey", language="en").replace(
    "summary: A small journey for tests.",
    "summary: A small journey for tests.\n"
    "description: |\n  A picture from elsewhere: ![chart](https://example.org/chart.png)\n"
    "  and <script>alert(1)</script> that never runs.",
)


def _pdf_text(path: Path) -> tuple[Any, str]:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return reader, "\n".join(page.extract_text() or "" for page in reader.pages)


def _outline(reader: Any) -> list[str]:
    titles: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workbook")
    run_build(make_project(root, {"small.yaml": JOURNEY}, {"workbook": True}))
    return root / "site"


def test_the_workbook_lists_every_activity_with_its_dates(built: Path) -> None:
    pdf = built / "journeys/small/small.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    reader, text = _pdf_text(pdf)
    flat = " ".join(text.split())
    for title in ("Introduction", "Workshop", "Reflect"):
        assert title in _outline(reader), f"{title} is not in the PDF's outline"
        assert title in flat
    assert "Small journey" in flat and "WORKBOOK" in flat.upper()
    assert "You find bugs early" in flat  # the objectives
    assert "What did you learn?" in flat  # a reflection prompt, with room to write
    assert re.search(r"Spring: [^ ]+ ?(3 Mar|Mar 3),? 2027 09:00–12:00, Room 1", flat)  # the workshop's meeting
    assert "alert(1)" not in flat


def test_the_overview_links_to_the_workbook(built: Path) -> None:
    page = html(built, "journeys/small/index.html")
    assert re.search(r'<a[^>]+href="small\.pdf"[^>]*download', page) or re.search(
        r'<a[^>]+download[^>]+href="small\.pdf"', page
    )


def test_without_the_option_there_is_no_workbook(tmp_path: Path) -> None:
    run_build(make_project(tmp_path, {"small.yaml": JOURNEY}))
    assert not (tmp_path / "site/journeys/small/small.pdf").exists()
    assert "small.pdf" not in html(tmp_path / "site", "journeys/small/index.html")


def test_the_workbook_requests_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    asked: list[str] = []
    refuse = workbook_module._refuse

    def recording(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        asked.append(url)
        return refuse(url, *args, **kwargs)

    monkeypatch.setattr(workbook_module, "_refuse", recording)
    # A journey of its own: an unchanged workbook is kept from an earlier build, unmade.
    journey = JOURNEY.replace("Small journey", "Requests nothing")
    run_build(make_project(tmp_path, {"small.yaml": journey}, {"workbook": True}))
    assert "https://example.org/chart.png" in asked  # asked for, refused, and the PDF made anyway
    assert (tmp_path / "site/journeys/small/small.pdf").stat().st_size > 1000
    with pytest.raises(ValueError):
        refuse("https://example.org/chart.png")


def test_a_failing_workbook_keeps_the_last_good_site(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = make_project(tmp_path, {"small.yaml": JOURNEY}, {"workbook": True})
    run_build(config)
    before = html(tmp_path / "site", "journeys/small/index.html")

    def broken(html_text: str) -> bytes:
        raise workbook_module.WorkbookError("the workbook needs WeasyPrint")

    monkeypatch.setattr(workbook_module, "workbook_pdf", broken)
    (tmp_path / "journeys/small.yaml").write_text(JOURNEY.replace("Small journey", "Renamed"), encoding="utf-8")
    with caplog.at_level("ERROR"), pytest.raises((PluginError, Abort)):
        run_build(config)
    assert "the workbook needs WeasyPrint" in caplog.text
    assert html(tmp_path / "site", "journeys/small/index.html") == before


def _journeys(tmp_path: Path, *texts: str) -> list[Any]:
    from learning_journeys.validation.loading import load_journeys

    tmp_path.mkdir(parents=True, exist_ok=True)

    for n, text in enumerate(texts):
        (tmp_path / f"j{n}.yaml").write_text(text, encoding="utf-8")
    result = load_journeys([tmp_path])
    assert not [d for d in result.diagnostics if d.is_error], result.diagnostics
    return list(result.journeys)


def _options() -> Any:
    from learning_journeys.site.pages import RenderOptions

    return RenderOptions(prefix="journeys", site_language="en", workbook=True)


def test_the_preview_takes_a_workbook_it_has_not_laid_out_yet_without_waiting(tmp_path: Path) -> None:
    """Under `mkdocs serve` no build waits for WeasyPrint: a changed workbook keeps its previous
    PDF until the new one is added, a new one has a stand-in that says it is being made."""
    books = workbook_module.Workbooks()
    (first,) = _journeys(tmp_path / "a", JOURNEY)
    files, waiting = books.files_for_now([first], _options())
    [(uri, stand_in)] = files
    assert uri == "journeys/small/small.pdf"
    assert "being made" in " ".join(pypdf.PdfReader(io.BytesIO(stand_in)).pages[0].extract_text().split())
    [(waiting_uri, html_text)] = waiting
    assert waiting_uri == uri and "Small journey" in html_text
    laid_out = workbook_module.workbook_pdf(html_text)
    books.add(uri, html_text, laid_out)
    assert books.is_current(html_text)
    assert books.files_for_now([first], _options()) == ([(uri, laid_out)], [])

    (renamed,) = _journeys(tmp_path / "b", JOURNEY.replace("Small journey", "Renamed journey"))
    files, waiting = books.files_for_now([renamed], _options())
    assert files == [(uri, laid_out)]  # the previous PDF until the new one is laid out
    assert [u for u, _ in waiting] == [uri] and "Renamed journey" in waiting[0][1]
    assert not books.is_current(html_text)


def test_an_unchanged_journeys_workbook_html_is_not_rendered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendering the HTML of every workbook takes seconds in a catalogue of 100: on a save of one
    journey, the others (the same objects, from the preview's cache) keep theirs."""
    books = workbook_module.Workbooks()
    journeys = _journeys(tmp_path, JOURNEY, JOURNEY.replace("id: small", "id: other"))
    rendered: list[str] = []
    real = workbook_module.workbook_html

    def counting(journey: Any, *args: Any, **kwargs: Any) -> str:
        rendered.append(journey.id)
        return real(journey, *args, **kwargs)

    monkeypatch.setattr(workbook_module, "workbook_html", counting)
    first = books.documents(journeys, _options())
    assert sorted(rendered) == ["other", "small"]
    rendered.clear()
    (changed,) = _journeys(tmp_path / "c", JOURNEY.replace("Small journey", "Changed"))
    again = books.documents([changed, journeys[1]], _options())
    assert rendered == ["small"]  # a new object: rendered; the other kept
    assert again[1] == first[1] and "Changed" in again[0][1]


def test_the_workbook_process_lays_out_and_starts_again_after_a_crash() -> None:
    from learning_journeys.site.workbook_process import WorkbookProcess

    worker = WorkbookProcess()
    try:
        pdf = worker.lay_out("<html><title>T</title><body><h1>Laid out elsewhere</h1></body></html>")
        assert "Laid out elsewhere" in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert worker._process is not None
        worker._process.kill()  # as if it crashed on a workbook
        worker._process.wait()
        with pytest.raises(RuntimeError, match="stopped while laying it out"):
            worker.lay_out("<p>the one it crashed on</p>")
        pdf = worker.lay_out("<html><body><h1>The next one</h1></body></html>")
        assert "The next one" in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    finally:
        worker.close()


@pytest.mark.parametrize("interpreter", ["/nonexistent/python", "/bin/true"])
def test_a_workbook_process_that_cannot_run_says_so(monkeypatch: pytest.MonkeyPatch, interpreter: str) -> None:
    """The preview then lays workbooks out in its own process (it cannot start one, or the one
    it starts ends before its first answer)."""
    import sys

    from learning_journeys.site.workbook_process import WorkbookProcess, WorkerUnavailable

    monkeypatch.setattr(sys, "executable", interpreter)
    worker = WorkbookProcess()
    try:
        with pytest.raises(WorkerUnavailable):
            worker.lay_out("<p>x</p>")
    finally:
        worker.close()


def test_a_preview_run_from_a_script_without_a_main_guard_lays_out_its_workbook(tmp_path: Path) -> None:
    """The worker runs nothing of the caller's: a script that builds as `mkdocs serve` does, with no
    `if __name__ == "__main__"`, gets its workbook (multiprocessing's spawn would run it again)."""
    import subprocess
    import sys

    config = make_project(tmp_path, {"small.yaml": JOURNEY}, {"workbook": True})
    script = tmp_path / "preview.py"
    helpers, pdf = str(Path(__file__).parent), str(tmp_path / "site/journeys/small/small.pdf")
    script.write_text(
        "import sys, time, pypdf\n"
        f"sys.path.insert(0, {helpers!r})\n"
        "from site_helpers import run_build\n"
        f"run_build({str(config)!r}, serve=True)\n"
        "for _ in range(1200):\n"
        f"    if 'Reflect' in pypdf.PdfReader({pdf!r}).pages[-1].extract_text():\n"
        "        break\n"
        "    time.sleep(0.1)\n"
        "print('built')\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("built") == 1, done.stdout  # the script ran once
    _reader, text = _pdf_text(tmp_path / "site/journeys/small/small.pdf")
    assert "Reflect" in text and "being made" not in text


def _wait_until(condition: Any, seconds: float = 120) -> None:
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_the_preview_writes_a_laid_out_workbook_between_builds_only(tmp_path: Path) -> None:
    """The worker's PDF goes into the served site when no build is under way (a build empties
    the site folder and moves journeys' folders aside): while one is, it waits for it."""
    import time

    from learning_journeys.plugin.background_workbooks import BackgroundWorkbooks

    books = workbook_module.Workbooks()
    later = BackgroundWorkbooks(books)
    site = tmp_path / "site"
    (site / "journeys/small").mkdir(parents=True)
    target = site / "journeys/small/small.pdf"
    try:
        (journey,) = _journeys(tmp_path / "a", JOURNEY)
        later.building()
        files, waiting = books.files_for_now([journey], _options())
        target.write_bytes(files[0][1])  # the stand-in, as the build writes it
        later.built(str(site), waiting)
        _wait_until(lambda: "Reflect" in _pdf_text(target)[1])

        (renamed,) = _journeys(tmp_path / "b", JOURNEY.replace("Small journey", "Renamed journey"))
        later.building()
        files, waiting = books.files_for_now([renamed], _options())
        later.built(str(site), waiting)
        later.building()  # the next build starts before the PDF is laid out, and takes long
        time.sleep(6)
        assert "Renamed journey" not in _pdf_text(target)[1]
        later.built(str(site), waiting)
        _wait_until(lambda: "Renamed journey" in _pdf_text(target)[1])
        assert [p.name for p in target.parent.iterdir()] == ["small.pdf"]  # no temporary file left
    finally:
        later.stop()


def test_the_preview_goes_on_without_workbooks_where_weasyprint_cannot_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A fresh machine without Pango: `mkdocs serve` of a site with `workbook: true` still
    previews the journeys, and says why there are no workbooks (`mkdocs build` stops on it)."""

    def missing(html_text: str) -> bytes:
        raise workbook_module.WorkbookError("the workbook needs WeasyPrint and its system libraries (Pango)")

    monkeypatch.setattr(workbook_module, "workbook_pdf", missing)
    # A journey of its own: MkDocs keeps a serving plugin, and its workbooks, within a process.
    journey = JOURNEY.replace("id: small", "id: no-pango").replace("Small journey", "No Pango")
    config = make_project(tmp_path, {"no-pango.yaml": journey}, {"workbook": True})
    with caplog.at_level("WARNING"):
        run_build(config, strict=False, serve=True)
    assert "the preview has no PDF workbooks" in caplog.text and "Pango" in caplog.text
    assert "No Pango" in html(tmp_path / "site", "journeys/no-pango/index.html")
    assert not (tmp_path / "site/journeys/no-pango/no-pango.pdf").exists()
