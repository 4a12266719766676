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
