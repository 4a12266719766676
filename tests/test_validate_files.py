"""Checks that need a folder of files: content files, symlinks, journey ids across files."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from learning_journeys.validation.loading import check_journeys, load_journeys
from validation_helpers import SMALL_JOURNEY, line_of, pairs, show

MODULE = """\
id: {id}
title: Content files
phases:
  pre:
    activities:
      - id: module
        title: Module
        type: micro-module
        content_file: {content_file}
  learn: {{}}
  post: {{}}
ignore_lint: [LJ302, LJ303]  # about files, not about design
"""


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with journeys/, a content file inside it and a secret outside it."""
    write(tmp_path / "journeys/content/intro.md", "## Intro\n\nInside the journeys folder.\n")
    write(tmp_path / "secret.md", "outside the journeys folder\n")
    write(tmp_path / "journeys-secret/notes.md", "a sibling folder whose name starts the same\n")
    return tmp_path


def module_journey(project: Path, content_file: str, name: str = "module.yaml") -> Path:
    return write(project / "journeys" / name, MODULE.format(id="module", content_file=content_file))


def test_content_file_inside_the_folder_is_read_into_the_module(project: Path) -> None:
    module_journey(project, "content/intro.md")
    result = load_journeys([project / "journeys"], base=project)
    assert result.diagnostics == (), show(result.diagnostics)
    (journey,) = result.journeys
    activity = journey.phases[0].activities[0]
    assert activity.content == "## Intro\n\nInside the journeys folder.\n"
    assert activity.content_file == "content/intro.md"
    assert result.files[0].content_files == ((project / "journeys/content/intro.md").resolve(),)


@pytest.mark.parametrize(
    ("content_file", "message"),
    [
        ("content/missing.md", "not found"),
        ("../secret.md", "outside the project"),
        ("../../secret.md", "outside the project"),
        ("content/../../secret.md", "outside the project"),
        ("../journeys-secret/notes.md", "outside the project"),
    ],
)
def test_content_file_missing_or_escaping_is_reported_at_its_line(
    project: Path, content_file: str, message: str
) -> None:
    path = module_journey(project, content_file)
    result = load_journeys([project / "journeys"], base=project)
    assert pairs(result.diagnostics) == {("LJ206", line_of(path.read_text(), "content_file:")): 1}
    assert message in result.diagnostics[0].message
    assert result.journeys == ()


def test_content_file_escaping_through_a_symlink_is_refused(project: Path) -> None:
    os.symlink(project / "secret.md", project / "journeys/content/link.md")
    path = module_journey(project, "content/link.md")
    result = load_journeys([project / "journeys"], base=project)
    assert pairs(result.diagnostics) == {("LJ206", line_of(path.read_text(), "content_file:")): 1}
    assert "outside" in result.diagnostics[0].message


def test_content_file_escaping_through_a_symlinked_folder_is_refused(project: Path) -> None:
    os.symlink(project, project / "journeys/content/up", target_is_directory=True)
    module_journey(project, "content/up/secret.md")
    result = load_journeys([project / "journeys"], base=project)
    assert [d.code for d in result.diagnostics] == ["LJ206"]


def test_symlink_that_stays_inside_the_folder_is_fine(project: Path) -> None:
    os.symlink(project / "journeys/content/intro.md", project / "journeys/content/alias.md")
    module_journey(project, "content/alias.md")
    result = load_journeys([project / "journeys"], base=project)
    assert result.diagnostics == (), show(result.diagnostics)


@pytest.mark.parametrize(
    ("raw", "message"),
    [(b"caf\xe9\n", "not valid UTF-8"), (b"bin\x00ary", "too large or not text")],
    ids=["latin-1", "nul"],
)
def test_content_file_that_is_not_text_is_reported(project: Path, raw: bytes, message: str) -> None:
    write(project / "journeys/content/bad.md", raw)
    module_journey(project, "content/bad.md")
    result = load_journeys([project / "journeys"], base=project)
    assert [d.code for d in result.diagnostics] == ["LJ206"]
    assert message in result.diagnostics[0].message


def test_validating_one_file_agrees_with_validating_its_folder(project: Path) -> None:
    write(project / "mkdocs.yml", "site_name: x\n")  # marks the project
    path = write(
        project / "journeys/team/module.yaml", MODULE.format(id="module", content_file="../content/intro.md")
    )
    assert load_journeys([project / "journeys"], base=project).diagnostics == ()
    assert load_journeys([path], base=project).diagnostics == ()


# --- journey ids across files -------------------------------------------------------------------


def test_duplicate_journey_id_across_two_files(tmp_path: Path) -> None:
    write(tmp_path / "journeys/a/small.yaml", SMALL_JOURNEY.replace("id: small\n", ""))
    write(tmp_path / "journeys/b/other.yaml", SMALL_JOURNEY)
    result = load_journeys([tmp_path / "journeys"], base=tmp_path)
    assert [(d.file, d.code, d.line) for d in result.diagnostics] == [("journeys/b/other.yaml", "LJ212", 1)]
    assert "journeys/a/small.yaml" in result.diagnostics[0].message
    assert "`small`" in result.diagnostics[0].message



def test_the_lean_check_reports_what_loading_reports(tmp_path: Path) -> None:
    """``journeys validate`` keeps no journeys in memory, and must still see every problem."""
    write(tmp_path / "journeys/a/small.yaml", SMALL_JOURNEY.replace("id: small\n", ""))
    write(tmp_path / "journeys/b/other.yaml", SMALL_JOURNEY)
    write(tmp_path / "journeys/c/broken.yaml", "id: broken\ntitle: [unclosed\n")
    loaded = load_journeys([tmp_path / "journeys"], base=tmp_path)
    checked = check_journeys([tmp_path / "journeys"], base=tmp_path)
    assert {d.code for d in checked.diagnostics} >= {"LJ212"}
    assert checked.diagnostics == loaded.diagnostics
    assert checked.file_count == len(loaded.files) == 3

def test_distinct_journey_ids_across_files_are_fine(tmp_path: Path) -> None:
    write(tmp_path / "journeys/small.yaml", SMALL_JOURNEY)
    write(tmp_path / "journeys/other.yml", SMALL_JOURNEY.replace("id: small", "id: other"))
    result = load_journeys([tmp_path / "journeys"], base=tmp_path)
    assert result.diagnostics == ()
    assert sorted(j.id for j in result.journeys) == ["other", "small"]


def test_a_file_named_twice_is_checked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "journeys/small.yaml", SMALL_JOURNEY)
    monkeypatch.chdir(tmp_path)
    result = load_journeys([Path("journeys"), (tmp_path / "journeys/small.yaml").resolve()])
    assert result.diagnostics == (), show(result.diagnostics)
    assert len(result.files) == 1


def test_file_name_is_the_id_when_it_is_valid(tmp_path: Path) -> None:
    write(tmp_path / "onboarding-2027.yaml", SMALL_JOURNEY.replace("id: small\n", ""))
    result = load_journeys([tmp_path], base=tmp_path)
    assert result.diagnostics == ()
    assert result.journeys[0].id == "onboarding-2027"


@pytest.mark.parametrize("stem", ["Onboarding", "on_boarding", "-leading", "trailing-", "a" * 65])
def test_file_name_that_is_not_a_valid_id(tmp_path: Path, stem: str) -> None:
    write(tmp_path / f"{stem}.yaml", SMALL_JOURNEY.replace("id: small\n", ""))
    result = load_journeys([tmp_path], base=tmp_path)
    assert [(d.code, d.line) for d in result.diagnostics] == [("LJ211", 1)]
    assert f"`{stem}`" in result.diagnostics[0].message


def test_any_file_name_is_fine_with_an_explicit_id(tmp_path: Path) -> None:
    write(tmp_path / "Mijn Traject (v2).yaml", SMALL_JOURNEY)
    assert load_journeys([tmp_path], base=tmp_path).diagnostics == ()


# --- finding files ------------------------------------------------------------------------------


def test_missing_path_is_reported(tmp_path: Path) -> None:
    result = load_journeys([tmp_path / "nowhere"], base=tmp_path)
    assert [d.code for d in result.diagnostics] == ["LJ001"]
    assert not result.ok


def test_hidden_files_and_other_suffixes_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / "journeys/small.yaml", SMALL_JOURNEY)
    write(tmp_path / "journeys/.draft.yaml", "broken: [\n")
    write(tmp_path / "journeys/.git/x.yaml", "broken: [\n")
    write(tmp_path / "journeys/notes.txt", "broken: [\n")
    result = load_journeys([tmp_path / "journeys"], base=tmp_path)
    assert result.diagnostics == ()
    assert [f.path.name for f in result.files] == ["small.yaml"]


def test_every_file_is_checked_even_after_a_broken_one(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", b"\xff\xfe")
    write(tmp_path / "b.yaml", "title: [\n")
    write(tmp_path / "c.yaml", SMALL_JOURNEY)
    write(tmp_path / "d.yaml", "id: d\ntitel: x\nphases: {pre: {}, learn: {}, post: {}}\n")
    result = load_journeys([tmp_path], base=tmp_path)
    assert sorted({(d.file, d.code) for d in result.diagnostics}) == [
        ("a.yaml", "LJ003"),
        ("b.yaml", "LJ004"),
        ("d.yaml", "LJ100"),
        ("d.yaml", "LJ101"),
    ]
    assert [j.id for j in result.journeys] == ["small"]


# --- files that are no ordinary files: pipes, folders, symlink loops --------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging: reading a named pipe without a writer blocks forever."""

    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@needs_fifo
def test_content_file_that_is_a_named_pipe_is_refused_without_waiting(project: Path, alarm: None) -> None:
    os.mkfifo(project / "journeys/content/pipe.md")
    path = module_journey(project, "content/pipe.md")
    result = load_journeys([project / "journeys"], base=project)
    assert pairs(result.diagnostics) == {("LJ206", line_of(path.read_text(), "content_file:")): 1}
    assert "not a regular file" in result.diagnostics[0].message


def test_content_file_that_is_a_folder_is_refused(project: Path) -> None:
    (project / "journeys/content/folder.md").mkdir()
    path = module_journey(project, "content/folder.md")
    result = load_journeys([project / "journeys"], base=project)
    assert pairs(result.diagnostics) == {("LJ206", line_of(path.read_text(), "content_file:")): 1}
    assert "is a folder, not a file" in result.diagnostics[0].message


@pytest.mark.parametrize(
    "links", [{"loop.md": "loop.md"}, {"a.md": "b.md", "b.md": "a.md"}], ids=["self", "pair"]
)
def test_content_file_in_a_symlink_loop_is_reported_at_its_line(project: Path, links: dict[str, str]) -> None:
    for name, target in links.items():
        os.symlink(target, project / "journeys/content" / name)
    path = module_journey(project, f"content/{next(iter(links))}")
    result = load_journeys([project / "journeys"], base=project)
    assert pairs(result.diagnostics) == {("LJ206", line_of(path.read_text(), "content_file:")): 1}
    assert "symlink loop" in result.diagnostics[0].message


def test_journey_files_in_a_symlink_loop_are_reported_and_the_others_checked(tmp_path: Path) -> None:
    journeys = tmp_path / "journeys"
    write(journeys / "small.yaml", SMALL_JOURNEY)
    os.symlink("b.yaml", journeys / "a.yaml")
    os.symlink("a.yaml", journeys / "b.yaml")
    os.symlink("self.yml", journeys / "self.yml")
    os.symlink("nowhere.yaml", journeys / "dangling.yaml")
    os.symlink(".", journeys / "again")  # a folder linked into itself
    os.symlink("../journeys", journeys / "up")
    result = load_journeys([journeys], base=tmp_path)
    assert [(d.file, d.line, d.code) for d in result.diagnostics] == [
        ("journeys/a.yaml", 0, "LJ001"),
        ("journeys/b.yaml", 0, "LJ001"),
        ("journeys/dangling.yaml", 0, "LJ001"),
        ("journeys/self.yml", 0, "LJ001"),
    ]
    assert "loop" in result.diagnostics[0].message
    assert "`nowhere.yaml`, which does not exist" in result.diagnostics[2].message
    assert [j.id for j in result.journeys] == ["small"]


def test_a_symlink_loop_named_as_the_path_is_reported(tmp_path: Path) -> None:
    os.symlink("loop", tmp_path / "loop")
    result = load_journeys([tmp_path / "loop"], base=tmp_path)
    assert [d.code for d in result.diagnostics] == ["LJ001"]
    assert "loop" in result.diagnostics[0].message


@needs_fifo
def test_journey_file_that_is_a_named_pipe_is_refused_without_waiting(tmp_path: Path, alarm: None) -> None:
    write(tmp_path / "small.yaml", SMALL_JOURNEY)
    os.mkfifo(tmp_path / "pipe.yaml")
    result = load_journeys([tmp_path], base=tmp_path)
    assert [(d.file, d.code) for d in result.diagnostics] == [("pipe.yaml", "LJ001")]
    assert "pipe" in result.diagnostics[0].message
    given = load_journeys([tmp_path / "pipe.yaml"], base=tmp_path)
    assert [d.code for d in given.diagnostics] == ["LJ001"]
