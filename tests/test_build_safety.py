"""Builds that once broke: each case validated, then failed or misbehaved in `mkdocs build`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from icalendar import Calendar
from learning_journeys.validation.loading import load_journeys
from mkdocs.exceptions import Abort, PluginError
from site_helpers import SMALL_JOURNEY, html, make_project, run_build


def _small(**replacements: str) -> str:
    text = SMALL_JOURNEY.format(id="small", title="Small journey", language="en")
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    return text


def test_a_site_with_its_own_nav_builds_strict(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("plugins:", "nav:\n  - about.md\nplugins:"), encoding="utf-8")
    run_build(config)  # strict: an "omitted from nav" warning would fail it
    page = html(tmp_path / "site", "journeys/small/learn/workshop/index.html")
    assert "Workshop" in page


def test_calendar_files_of_cohorts_and_sessions_never_share_a_name(tmp_path: Path) -> None:
    text = (
        _small()
        .replace(
            "cohorts:\n",
            'cohorts:\n  - { id: spring-ws-1, start: "2027-04-01" }\n',
        )
        .replace("  - id: spring\n", "  - id: spring\n")
    )
    config = make_project(tmp_path, {"small.yaml": text})
    run_build(config)
    calendars = tmp_path / "site/journeys/small/calendar"
    whole = Calendar.from_ical((calendars / "spring-ws-1.ics").read_bytes())
    one = Calendar.from_ical((calendars / "spring/ws-1.ics").read_bytes())
    assert str(whole.walk("VEVENT")[0]["uid"]) == "small.spring-ws-1.ws-1@learning-journeys"
    assert str(one.walk("VEVENT")[0]["uid"]) == "small.spring.ws-1@learning-journeys"


@pytest.mark.parametrize("brk", ["\\n", "\\r", "\\r\\n", "\\u2028"])
def test_line_breaks_in_titles_stay_out_of_calendar_lines(tmp_path: Path, brk: str) -> None:
    text = _small(
        **{
            "title: Small journey\n": f'title: "Small{brk}journey"\n',
            "    title: Spring\n": f'    title: "Spr{brk}ing"\n',
            "        title: Workshop\n": f'        title: "Work{brk}shop"\n',
            "            location: Room 1\n": f'            location: "Room{brk}1"\n',
        }
    )
    config = make_project(tmp_path, {"small.yaml": text})
    run_build(config)
    raw = (tmp_path / "site/journeys/small/calendar/spring.ics").read_bytes()
    assert b"\r" not in raw.replace(b"\r\n", b"")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    event = Calendar.from_ical(raw).walk("VEVENT")[0]
    assert str(event["summary"]) == "Work shop (Small journey)"
    assert str(event["location"]) == "Room 1"


def test_a_url_cannot_add_attributes_to_its_link(tmp_path: Path) -> None:
    evil = "https://evil.example/){:style=position:fixed;width:100vw}"
    text = _small(**{"          - What did you learn?\n": "          - What did you learn?\n"}).replace(
        "  post:\n    activities:\n",
        f'  post:\n    activities:\n      - id: read\n        title: Read\n        type: resource\n        url: "{evil}"\n',
    )
    config = make_project(tmp_path, {"small.yaml": text})
    run_build(config)
    page = html(tmp_path / "site", "journeys/small/post/read/index.html")
    assert "position:fixed" not in page.replace("%7B:style=position:fixed", "")
    assert not re.search(r"<a[^>]*\sstyle=", page)
    assert 'href="https://evil.example/%29%7B:style=position:fixed;width:100vw%7D"' in page


def test_a_file_name_with_quotes_stays_inside_the_edit_link(tmp_path: Path) -> None:
    name = 'f" onmouseover="alert(1)" z=".yaml'
    config = make_project(tmp_path, {name: _small()})
    run_build(config)
    page = html(tmp_path / "site", "journeys/small/index.html")
    assert "onmouseover" not in page.replace("%22%20onmouseover%3D%22", "")
    assert "f%22%20onmouseover%3D%22alert%281%29%22%20z%3D%22.yaml" in page


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01"])
def test_a_cohort_out_of_any_calendar_is_an_error_not_a_crash(tmp_path: Path, start: str) -> None:
    (tmp_path / "small.yaml").write_text(
        _small(**{'start: "2027-03-01"': f'start: "{start}"'}), encoding="utf-8"
    )
    result = load_journeys([tmp_path / "small.yaml"])
    assert [(d.code, d.line) for d in result.errors] == [("LJ207", 66)]
    assert "outside the years" in result.errors[0].message


def test_a_build_that_fails_leaves_the_last_good_site(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    run_build(config)
    index = tmp_path / "site/journeys/small/index.html"
    before = index.read_text(encoding="utf-8")
    (tmp_path / "journeys/small.yaml").write_text(
        _small(**{'start: "2027-03-01"': 'start: "9999-12-31"'}), encoding="utf-8"
    )
    with pytest.raises((PluginError, Abort)):
        run_build(config)
    assert index.read_text(encoding="utf-8") == before
