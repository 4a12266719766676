"""The `journeys` command: exit codes, the three output formats, `new` and `schema`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from learning_journeys.cli import cli
from learning_journeys.package_data import schema_path
from learning_journeys.validation.diagnostics import Diagnostic, Severity
from learning_journeys.validation.loading import load_journeys
from learning_journeys.validation.reporting import format_github, format_text
from validation_helpers import SMALL_JOURNEY, line_of, show

BROKEN = SMALL_JOURNEY.replace("title: Small journey\n", "titel: Small journey\n")
TEXT_LINE = re.compile(
    r"^(?P<file>[^\s:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning) (?P<code>LJ\d{3}) (?P<msg>.+)$"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory; file names in output are relative to it."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_clean_journey_exits_0(folder: Path) -> None:
    (folder / "small.yaml").write_text(SMALL_JOURNEY, encoding="utf-8")
    result = run("validate", "small.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == "1 journey file checked: no problems\n"


def test_default_folder_is_journeys(folder: Path) -> None:
    (folder / "journeys").mkdir()
    (folder / "journeys/small.yaml").write_text(SMALL_JOURNEY, encoding="utf-8")
    assert run("validate").exit_code == 0
    (folder / "journeys/broken.yaml").write_text(BROKEN.replace("id: small", "id: broken"), encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 1
    assert "journeys/broken.yaml:2:1: error LJ100 unknown key `titel`" in result.stdout


def test_problems_exit_1_in_the_text_format(folder: Path) -> None:
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    result = run("validate", "broken.yaml")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines == [
        "broken.yaml:1:1: error LJ101 missing required key `title`",
        "    hint: is `titel` a misspelling of `title`?",
        "broken.yaml:2:1: error LJ100 unknown key `titel`",
        "    hint: did you mean `title`?",
    ]
    for line in lines[::2]:
        assert TEXT_LINE.match(line), line
    assert result.stderr == "1 journey file checked: 2 error(s), 0 warning(s)\n"


def test_warnings_alone_exit_0_unless_strict(folder: Path) -> None:
    text = SMALL_JOURNEY.replace("objectives: [listen]\n        content", "content")
    text = text.replace("    supports: [nps]\n", "    supports: [nps]\n  - id: unused\n    title: Unused\n")
    (folder / "warn.yaml").write_text(text, encoding="utf-8")
    result = run("validate", "warn.yaml")
    assert result.exit_code == 0, result.output
    assert f"warn.yaml:{line_of(text, 'id: unused')}:5: warning LJ209 " in result.stdout
    strict = run("validate", "--strict", "warn.yaml")
    assert strict.exit_code == 1
    assert "error LJ209" in strict.stdout


def test_missing_path_is_a_usage_error(folder: Path) -> None:
    (folder / "small.yaml").write_text(SMALL_JOURNEY, encoding="utf-8")
    result = run("validate", "small.yaml", "nowhere.yaml", "nor/here")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage:" in result.stderr
    assert "no such file or folder: nowhere.yaml, nor/here" in result.stderr


def test_missing_default_folder_is_a_usage_error(folder: Path) -> None:
    result = run("validate")
    assert result.exit_code == 2
    assert "there is no journeys/ folder here" in result.stderr


def test_unreadable_path_exits_1_with_its_name(folder: Path) -> None:
    os.symlink("loop.yaml", folder / "loop.yaml")
    result = run("validate", "loop.yaml")
    assert result.exit_code == 1
    # no line in a file to point at: no `:0:0`, which editors would take for a position
    assert (
        result.stdout.splitlines()[0]
        == "loop.yaml: error LJ001 cannot read: the symlink leads round in a loop"
    )


def test_text_format_leaves_out_an_unknown_position() -> None:
    diagnostics = [
        Diagnostic("x.yaml", 0, 0, "LJ001", "cannot read", hint="check the path"),
        Diagnostic("y.yaml", 3, 7, "LJ100", "unknown key `a`"),
    ]
    assert format_text(diagnostics).splitlines() == [
        "x.yaml: error LJ001 cannot read",
        "    hint: check the path",
        "y.yaml:3:7: error LJ100 unknown key `a`",
    ]


def test_folder_without_journeys_exits_1(folder: Path) -> None:
    (folder / "empty").mkdir()
    result = run("validate", "empty")
    assert result.exit_code == 1
    assert "no journey files" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--format", "xml", "x.yaml"],
        ["validate", "--no-such-option"],
        ["no-such-command"],
        ["new"],
    ],
)
def test_usage_errors_exit_2(folder: Path, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr


def test_json_format(folder: Path) -> None:
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (folder / "small.yaml").write_text(SMALL_JOURNEY, encoding="utf-8")
    result = run("validate", "--format", "json", "broken.yaml", "small.yaml")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["files_checked"] == 2
    assert report["errors"] == 2 and report["warnings"] == 0
    assert [(d["file"], d["line"], d["column"], d["code"], d["severity"]) for d in report["diagnostics"]] == [
        ("broken.yaml", 1, 1, "LJ101", "error"),
        ("broken.yaml", 2, 1, "LJ100", "error"),
    ]
    assert report["diagnostics"][1]["message"] == "unknown key `titel`"
    assert report["diagnostics"][1]["hint"] == "did you mean `title`?"


def test_json_format_when_clean(folder: Path) -> None:
    (folder / "small.yaml").write_text(SMALL_JOURNEY, encoding="utf-8")
    result = run("validate", "--format", "json", "small.yaml")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"files_checked": 1, "errors": 0, "warnings": 0, "diagnostics": []}


def test_github_format(folder: Path) -> None:
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    result = run("validate", "--format", "github", "broken.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=broken.yaml,line=1,col=1,title=LJ101::missing required key `title`"
        "%0Ahint: is `titel` a misspelling of `title`?",
        "::error file=broken.yaml,line=2,col=1,title=LJ100::unknown key `titel`%0Ahint: did you mean `title`?",
    ]


def test_github_format_escapes_data_and_properties() -> None:
    diagnostics = [
        Diagnostic("dir,x/50%:a.yaml", 3, 7, "LJ100", "unknown key `100%`\nsecond\rline", hint="a: b, c"),
        Diagnostic("x.yaml", 0, 0, "LJ001", "cannot read", Severity.WARNING),
    ]
    assert format_github(diagnostics).splitlines() == [
        "::error file=dir%2Cx/50%25%3Aa.yaml,line=3,col=7,title=LJ100::"
        "unknown key `100%25`%0Asecond%0Dline%0Ahint: a: b, c",
        "::warning file=x.yaml,title=LJ001::cannot read",
    ]


def test_github_format_end_to_end_with_awkward_names(folder: Path) -> None:
    name = "50%,a:b.yaml"
    (folder / name).write_text(SMALL_JOURNEY + '"100%\\nx": 1\n', encoding="utf-8")
    result = run("validate", "--format", "github", name)
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith("::error file=50%25%2Ca%3Ab.yaml,line=")
    assert "::unknown key `100%25%0Ax`" in line
    assert "\n" not in line


# --- journeys new ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en", "nl-BE"])
def test_new_writes_a_journey_that_validates_clean(folder: Path, language: str) -> None:
    result = run("new", "onboarding-2027", "--language", language)
    assert result.exit_code == 0, result.output
    target = folder / "journeys" / "onboarding-2027.yaml"
    assert result.stdout.splitlines()[-1] == f"wrote {Path('journeys') / 'onboarding-2027.yaml'}"
    loaded = load_journeys([target])
    assert loaded.diagnostics == (), show(loaded.diagnostics)
    (journey,) = loaded.journeys
    assert journey.id == "onboarding-2027"
    assert journey.title == "Onboarding 2027"
    assert journey.language == language
    assert run("validate", str(target)).exit_code == 0


@pytest.mark.parametrize(
    "title",
    [
        "Vakmanschap: klantgesprekken",
        "#1 training",
        "true",
        "2027",
        "no",
        '"Quoted" \\ back',
        "[beta] x",
        " padded ",
    ],
)
def test_new_keeps_any_title_as_text(folder: Path, title: str) -> None:
    result = run("new", "x", "--dir", ".", "--title", title)
    assert result.exit_code == 0, result.output
    loaded = load_journeys([folder / "x.yaml"])
    assert loaded.diagnostics == (), show(loaded.diagnostics)
    assert loaded.journeys[0].title == title


@pytest.mark.parametrize(
    ("directory", "schema_line"),
    [
        ("journeys", "../schemas/journey.schema.json"),
        (".", "schemas/journey.schema.json"),
        ("journeys/team/a", "../../../schemas/journey.schema.json"),
    ],
)
def test_new_writes_the_schema_next_to_the_journeys(folder: Path, directory: str, schema_line: str) -> None:
    """The `$schema=` line must work on every colleague's checkout: a relative path to a
    committed copy of the schema, never this machine's installed package."""
    result = run("new", "x", "--dir", directory)
    assert result.exit_code == 0, result.output
    local = folder / "schemas" / "journey.schema.json"
    assert local.read_bytes() == schema_path().read_bytes()
    assert result.stdout.splitlines()[0] == (
        f"wrote {Path('schemas') / 'journey.schema.json'} (for editor completion; commit it)"
    )
    first = (folder / directory / "x.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={schema_line}"
    assert (folder / directory / schema_line).resolve() == local.resolve()
    assert "file:" not in first


def test_new_keeps_an_existing_schema(folder: Path) -> None:
    (folder / "schemas").mkdir()
    (folder / "schemas" / "journey.schema.json").write_text("{}", encoding="utf-8")
    result = run("new", "x")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {Path('journeys') / 'x.yaml'}\n"
    assert (folder / "schemas" / "journey.schema.json").read_text(encoding="utf-8") == "{}"


def test_new_explains_day_with_week(folder: Path) -> None:
    assert run("new", "x", "--dir", ".").exit_code == 0
    text = (folder / "x.yaml").read_text(encoding="utf-8")
    assert "day 1 is the cohort's start date; with `week`, day 1 is the first day of that week" in text


@pytest.mark.parametrize("language", ["nl", "en", "nl-BE", "en-GB"])
def test_new_in_a_language_of_its_own_says_nothing_more(folder: Path, language: str) -> None:
    result = run("new", "x", "--dir", ".", "--language", language)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_new_in_another_language_says_what_stays_english(folder: Path) -> None:
    result = run("new", "x", "--dir", ".", "--language", "de")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "wrote x.yaml"
    notes = result.stderr.splitlines()
    assert len(notes) == 2, result.stderr
    assert notes[0].startswith("note: there is no `de` version of the new journey")
    assert "English" in notes[0] and "en, nl" in notes[0]
    assert notes[1].startswith("note: the site has no `de` labels either")
    text = (folder / "x.yaml").read_text(encoding="utf-8")
    assert "language: de\n" in text and "Write the module's content here" in text
    loaded = load_journeys([folder / "x.yaml"])
    # Only the warning that the site has no `de` labels; the journey itself is fine.
    assert [d.code for d in loaded.diagnostics] == ["LJ222"], show(loaded.diagnostics)
    assert loaded.journeys[0].language == "de"


def test_new_refuses_to_overwrite(folder: Path) -> None:
    assert run("new", "mine", "--dir", "here").exit_code == 0
    target = folder / "here" / "mine.yaml"
    target.write_text("# my work\n", encoding="utf-8")
    result = run("new", "mine", "--dir", "here")
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "# my work\n"


@pytest.mark.parametrize("bad_id", ["Onboarding", "on_boarding", "-x", "x-", "a b", "../escape", "a" * 65])
def test_new_refuses_a_bad_id(folder: Path, bad_id: str) -> None:
    result = run("new", bad_id, "--dir", ".")
    assert result.exit_code == 2
    assert "JOURNEY_ID" in result.stderr
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("language", ["english", "NL", "x: y", ""])
def test_new_refuses_a_bad_language(folder: Path, language: str) -> None:
    result = run("new", "x", "--dir", ".", "--language", language)
    assert result.exit_code == 2
    assert "--language" in result.stderr
    assert list(folder.iterdir()) == []


# --- journeys schema ------------------------------------------------------------------------------


def test_schema_prints_the_schema_as_json() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Learning journey"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_path_prints_an_existing_file() -> None:
    result = run("schema", "--path")
    assert result.exit_code == 0
    path = Path(result.stdout.strip())
    assert path.is_file()
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(run("schema").stdout)


# --- the real console script --------------------------------------------------------------------


def _console_script() -> str:
    found = Path(sys.executable).with_name("journeys")
    return str(found) if found.exists() else shutil.which("journeys") or "journeys"


HOSTILE = {
    "brackets.yaml": b"[" * 100_000,
    "python-tag.yaml": b"title: !!python/object/apply:os.system [echo pwned]\n",
    "utf16.yaml": "title: x\n".encode("utf-16"),
    "latin1.yaml": "title: café\n".encode("latin-1"),
    "alias-bomb.yaml": b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + b"".join(
        b"%c: &%c [" % (98 + i, 98 + i) + b", ".join([b"*%c" % (97 + i)] * 10) + b"]\n" for i in range(8)
    ),
    "two-documents.yaml": b"title: a\n---\ntitle: b\n",
    "bad-references.yaml": b"id: bad-references\ntitle: x\nphases: {pre: {activities: "
    b"[{id: a, title: a, type: resource, prerequisites: [a, b]}]}, learn: {}, post: {}}\n",
}


def test_console_script_on_hostile_files_prints_no_traceback(tmp_path: Path) -> None:
    for name, raw in HOSTILE.items():
        (tmp_path / name).write_bytes(raw)
    done = subprocess.run(
        [_console_script(), "validate", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output
    assert "LJ900" not in output
    reported = set(re.findall(r"^(\S+\.yaml):\d+:\d+: error LJ\d{3} ", done.stdout, re.M))
    assert reported == set(HOSTILE), output
    assert f"{len(HOSTILE)} journey files checked" in done.stderr


# --- our own bugs ------------------------------------------------------------------------------------


def test_a_bug_in_a_check_becomes_lj900_not_a_traceback(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(journey: object) -> list[object]:
        raise RuntimeError("boom")

    monkeypatch.setattr("learning_journeys.validation.rules.check_journey", broken)
    (folder / "small.yaml").write_text(SMALL_JOURNEY, encoding="utf-8")
    (folder / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    result = run("validate", ".")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-2:] == [
        "small.yaml:1:1: error LJ900 internal error while checking this file: RuntimeError: boom",
        "    hint: please report this with the file attached",
    ]
    # The other file is still checked.
    assert "broken.yaml:2:1: error LJ100 unknown key `titel`" in result.stdout


def test_main_turns_an_unexpected_exception_into_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from learning_journeys.cli import commands as cli_module

    def broken(paths: object) -> None:
        raise OSError("disk on fire")

    monkeypatch.setattr(cli_module, "check_journeys", broken)
    monkeypatch.setattr(cli_module, "_collect_garbage_less_often", lambda: None)  # not in pytest's process
    (tmp_path / "x.yaml").write_text(SMALL_JOURNEY, encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["journeys", "validate", str(tmp_path / "x.yaml")])
    with pytest.raises(SystemExit) as exit_info:
        cli_module.main()
    assert exit_info.value.code == 1
    captured = capsys.readouterr()
    assert captured.err == "journeys: internal error: OSError: disk on fire\n"
    assert "Traceback" not in captured.out + captured.err
