"""`journeys diff BASE [HEAD]` on real git repositories: the plan a reviewer reads.

The golden files in tests/data/diff/ are the expected plans for the change from base.yaml to
head.yaml. After a deliberate change of the plan's wording, rewrite them with
`JOURNEYS_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_journey_diff.py` and review
their diff like code.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from learning_journeys.cli.commands import cli
from learning_journeys.review.dates import day_text
from learning_journeys.review.plan_markdown import code, escape
from learning_journeys.review.wording import catalogue_keys

DATA = Path(__file__).resolve().parent / "data" / "diff"
FILE = "journeys/klantgesprekken.yaml"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Tester",
    "GIT_AUTHOR_EMAIL": "tester@example.com",
    "GIT_COMMITTER_NAME": "Tester",
    "GIT_COMMITTER_EMAIL": "tester@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}


class Repo:
    """A git repository in a temporary folder, committed to as an author would."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        env = {**os.environ, **GIT_ENV, "HOME": str(self.root)}
        done = subprocess.run(["git", *args], cwd=self.root, capture_output=True, text=True, env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """The example journey at HEAD~1 and the reviewed change at HEAD; the work tree clean."""
    r = Repo(tmp_path / "repo")
    r.write(FILE, (DATA / "base.yaml").read_text(encoding="utf-8"))
    r.commit("Klantgesprekken")
    r.write(FILE, (DATA / "head.yaml").read_text(encoding="utf-8"))
    r.commit("Klantgesprekken: move, retype, rename, re-time, re-date")
    monkeypatch.chdir(r.root)
    return r


def diff(*args: str, language: str | None = "en") -> Result:
    """`journeys diff ARGS`, in English unless ``language`` says otherwise (None: the journeys')."""
    options = ["--language", language] if language else []
    return CliRunner().invoke(cli, ["diff", *args, *options], catch_exceptions=False)


def check_golden(name: str, actual: str) -> None:
    golden = DATA / name
    if os.environ.get("JOURNEYS_UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fmt", "language", "golden"),
    [
        ("markdown", None, "plan.md"),  # a Dutch journey: the plan is in Dutch
        ("text", None, "plan.txt"),
        ("json", None, "plan.json"),
        ("markdown", "en", "plan.en.md"),
        ("text", "en", "plan.en.txt"),
    ],
)
def test_a_reviewed_change_gives_the_expected_plan(
    repo: Repo, fmt: str, language: str | None, golden: str
) -> None:
    result = diff("HEAD~1", "HEAD", "--format", fmt, language=language)
    assert result.exit_code == 0, result.output
    check_golden(golden, result.output)


def test_markdown_in_the_journeys_language_is_the_default(repo: Repo) -> None:
    result = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD"], catch_exceptions=False)
    assert result.output == (DATA / "plan.md").read_text(encoding="utf-8")
    assert result.output.startswith(
        "**Plan: 0 toegevoegd, 5 gewijzigd, 0 verwijderd · leertrajecten: 1 gewijzigd**"
    )


def test_the_plan_names_each_kind_of_change(repo: Repo) -> None:
    text = diff("HEAD~1", "HEAD", "--format", "text").output
    lines = [line.strip() for line in text.splitlines()]
    assert lines[0] == "Plan: 0 added, 5 changed, 0 removed · journeys: 1 changed"
    assert "~ phase: learn → post" in lines  # rollenspel moved
    assert "~ type: coaching → workshop" in lines  # intake retyped
    assert "~ title: De vraag achter de vraag → Doorvragen, de vraag achter de vraag" in lines
    assert "~ duration: 15 min → 25 min" in lines
    assert "~ position: 3 → 1" in lines  # intake now first in its phase
    assert any(
        line.startswith("! id: reflectie → terugblik: learners' saved progress stays under the old id")
        for line in lines
    )
    # Dates in the journey's language, per cohort, the year left out where both share it.
    assert "~ voorjaar-2027: workshop oefendag wo 17 mrt 09:00–17:00 → do 18 mrt 09:00–17:00" in lines
    assert "~ najaar-2027: workshop oefendag wo 22 sep 09:00–17:00 → do 23 sep 09:00–17:00" in lines
    assert "learn: 9 h → 8 h" in lines and "post: 20 min → 1 h 20 min" in lines
    assert "doorvragen: Je achterhaalt de vraag achter de vraag: 3 → 4 activities; gains rollenspel" in lines


def test_the_json_carries_the_same_facts_as_the_text(repo: Repo) -> None:
    data = json.loads(diff("HEAD~1", "HEAD", "--format", "json").output)
    text = diff("HEAD~1", "HEAD", "--format", "text").output
    assert text.splitlines()[0] == data["summary"]["text"]
    assert data["summary"]["activities"] == {"added": 0, "changed": 5, "removed": 0}
    (journey,) = data["journeys"]
    seen = 0
    for activity in journey["activities"]:
        assert f"{activity['id']}: {activity['title']} ({activity['type']}, {activity['phase']})" in text
        for change in activity["changes"]:
            before, after = change["before"] or "—", change["after"] or "—"
            assert f"{change['field']}: {before} → {after}" in text
            seen += 1
    for meeting in journey["meetings"]:
        assert (
            f"{meeting['cohort']}: {meeting['activity']} {meeting['meeting']} {meeting['before']} → {meeting['after']}"
            in text
        )
        seen += 1
    for figure in journey["time"]["phases"] + journey["time"]["modalities"]:
        assert f"{figure['key']}: " in text
        seen += 1
    assert seen == 14
    renamed = [a for a in journey["activities"] if a["old_id"]]
    assert [(a["old_id"], a["id"]) for a in renamed] == [("reflectie", "terugblik")]


def _plan_after_edit(repo: Repo, old: str, new: str) -> dict[str, Any]:
    """The JSON plan of the work tree with ``old`` replaced by ``new`` in the journey."""
    text = (repo.root / FILE).read_text(encoding="utf-8")
    assert old in text
    repo.write(FILE, text.replace(old, new))
    return json.loads(diff("HEAD", "--format", "json").output)


def test_an_id_changed_with_its_title_is_still_called_out(repo: Repo) -> None:
    """Learners' progress is kept under an activity's id: a new id and a new title at once, on an
    activity whose other fields stayed, is the same activity with a new id, not one removed and
    one added (which would hide that learners lose their progress)."""
    data = _plan_after_edit(
        repo,
        "- id: rollenspel\n        title: Rollenspel met een collega",
        "- id: oefengesprek\n        title: Oefengesprek met een collega",
    )
    assert data["summary"]["activities"] == {"added": 0, "changed": 1, "removed": 0}
    (journey,) = data["journeys"]
    (activity,) = journey["activities"]
    assert (activity["old_id"], activity["id"]) == ("rollenspel", "oefengesprek")
    assert {c["field"] for c in activity["changes"]} == {"id", "title"}
    assert "! id: rollenspel → oefengesprek" in diff("HEAD", "--format", "text").output


def test_a_new_activity_in_place_of_another_is_added_and_removed(repo: Repo) -> None:
    """The same type in the same phase is not enough: a different activity is a different one."""
    text = (repo.root / FILE).read_text(encoding="utf-8")
    old = text[text.index("      - id: rollenspel") : text.index("      - id: terugblik")]
    new = (
        "      - id: klantbezoek\n        title: Ga mee op klantbezoek\n        type: assignment\n"
        "        task: Loop een dag mee met een accountmanager.\n        duration: 4h\n"
        "        modality: on-the-job\n        objectives: [doorvragen]\n"
    )
    data = _plan_after_edit(repo, old, new)
    assert data["summary"]["activities"] == {"added": 1, "changed": 0, "removed": 1}


def test_an_activity_without_texts_is_not_matched_by_its_other_fields(repo: Repo) -> None:
    """A new id and title on an activity with nothing written in it (a tool: kind, address, time)
    could as well be another activity: it is reported as one removed and one added."""
    data = _plan_after_edit(
        repo,
        "- id: zelfscan\n        title: Zelfscan klantgesprekken",
        "- id: checklist\n        title: Checklist voor een klantgesprek",
    )
    assert data["summary"]["activities"] == {"added": 1, "changed": 0, "removed": 1}


def test_head_defaults_to_the_work_tree_and_nothing_is_checked_out(repo: Repo) -> None:
    head = (repo.root / FILE).read_text(encoding="utf-8")
    repo.write(FILE, head.replace("duration: 25m", "duration: 30m"))
    text = diff("HEAD", "--format", "text").output
    assert "Comparing HEAD with working tree." in text
    assert "~ duration: 25 min → 30 min" in text
    # The author's uncommitted work is untouched, and the index too.
    assert "duration: 30m" in (repo.root / FILE).read_text(encoding="utf-8")
    assert repo.git("status", "--porcelain") == f" M {FILE}\n"


def test_an_unchanged_repository(repo: Repo) -> None:
    for args in (("HEAD", "HEAD"), ("HEAD",)):
        result = diff(*args, "--format", "text")
        assert result.exit_code == 0
        assert result.output.splitlines()[0] == "No changes (1 journey compared)."
    data = json.loads(diff("HEAD", "--format", "json").output)
    assert data["summary"]["journeys"]["unchanged"] == 1 and data["journeys"] == []  # not even read


def test_a_change_of_comments_or_layout_only_changes_nothing(repo: Repo) -> None:
    text = (repo.root / FILE).read_text(encoding="utf-8")
    repo.write(FILE, "# Reviewed in March.\n" + text.replace("duration: 25m", "duration:   25m   # was 15m"))
    result = diff("HEAD", "--format", "json")
    data = json.loads(result.output)
    assert data["summary"]["text"] == "No changes (1 journey compared)."
    assert [(j["id"], j["kind"]) for j in data["journeys"]] == [("klantgesprekken", "unchanged")]


def test_a_journey_added_and_one_removed(repo: Repo) -> None:
    other = (DATA / "base.yaml").read_text(encoding="utf-8").replace("id: klantgesprekken", "id: onboarding")
    repo.write(
        "journeys/onboarding.yaml", other.replace("title: Sterker in het klantgesprek", "title: Onboarding")
    )
    repo.commit("Onboarding")
    (repo.root / FILE).unlink()
    repo.commit("Klantgesprekken is over")
    text = diff("HEAD~2", "HEAD", "--format", "text").output
    assert text.splitlines()[0] == "Plan: 6 added, 0 changed, 6 removed · journeys: 1 added, 1 removed"
    assert "+ Onboarding (onboarding)" in text
    assert "- Sterker in het klantgesprek (klantgesprekken)" in text
    assert "total: — → 10 h 40 min" in text and "total: 10 h 50 min → —" in text
    md = diff("HEAD~2", "HEAD").output
    assert "## Onboarding (`onboarding`)" in md and "added · `journeys/onboarding.yaml`" in md


def test_a_journey_renamed_on_disk_is_the_same_journey(repo: Repo) -> None:
    repo.git("mv", FILE, "journeys/gesprekken.yaml")
    repo.commit("rename the file")
    text = diff("HEAD~1", "HEAD", "--format", "text").output
    assert "~ file: journeys/klantgesprekken.yaml → journeys/gesprekken.yaml" in text
    assert "0 added, 0 changed, 0 removed" in text


def test_an_invalid_file_at_base_is_reported_not_a_crash(repo: Repo) -> None:
    good = (repo.root / FILE).read_text(encoding="utf-8")
    repo.write(
        FILE, good.replace("type: workshop\n        duration: 45m", "type: worshop\n        duration: 45m")
    )
    repo.commit("a typo")
    repo.write(FILE, good)
    repo.commit("fixed")
    result = diff("HEAD~1", "HEAD", "--format", "text")
    assert result.exit_code == 0
    line = next(line for line in result.output.splitlines() if "LJ103" in line)
    typo_line = good.splitlines().index("        type: workshop") + 1
    assert line.strip().startswith(f"! at HEAD~1: {FILE}:{typo_line}:")
    assert "could not be read" in result.output
    data = json.loads(diff("HEAD~1", "HEAD", "--format", "json").output)
    (journey,) = data["journeys"]
    assert journey["kind"] == "unreadable"
    assert journey["problems"][0]["code"] == "LJ103" and journey["problems"][0]["line"] == typo_line


def test_a_file_that_is_no_yaml_at_head_only(repo: Repo) -> None:
    repo.write("journeys/kapot.yaml", "id: kapot\ntitle: [unclosed\n")
    lines = diff("HEAD", "--format", "text").output.splitlines()
    assert lines[0] == "Plan: 0 added, 0 changed, 0 removed · journeys: 1 could not be read"
    assert "! journeys/kapot.yaml (kapot)" in lines
    assert any(
        line.strip().startswith("! at working tree: journeys/kapot.yaml:3:1 LJ004 YAML syntax")
        for line in lines
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope",), "unknown revision `nope`"),
        (("HEAD~1", "no-such-branch"), "unknown revision `no-such-branch`"),
        (("--", "-x"), "`-x` is not a revision"),
        (("HEAD", "--journeys", "elders"), "no journey files"),
        (("HEAD", "--format", "yaml"), "Invalid value for '--format'"),
    ],
)
def test_usage_errors_exit_2_with_a_message(repo: Repo, args: tuple[str, ...], message: str) -> None:
    result = CliRunner().invoke(cli, ["diff", *args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_outside_a_repository_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = CliRunner().invoke(cli, ["diff", "HEAD"])
    assert result.exit_code == 2 and "not inside a git repository" in result.output


def test_the_command_itself_exits_2_without_a_traceback(repo: Repo) -> None:
    journeys = Path(sys.executable).parent / "journeys"
    done = subprocess.run([str(journeys), "diff", "v9"], cwd=repo.root, capture_output=True, text=True)
    assert done.returncode == 2
    assert "unknown revision `v9`" in done.stderr and "Traceback" not in done.stderr


def test_authors_words_stay_text_in_the_markdown() -> None:
    assert escape("[klik](javascript:x) <b>*vet*</b>") == r"\[klik\](javascript:x) \<b\>\*vet\*\</b\>"
    assert code("a`b") == "``a`b``"


def test_the_plans_words_exist_in_both_languages() -> None:
    assert catalogue_keys("nl") == catalogue_keys("en")


@pytest.mark.parametrize("language", ["en", "nl", "nl-BE"])
def test_dates_are_written_as_on_the_journeys_pages(language: str) -> None:
    from learning_journeys.site.labels import Labels
    from learning_journeys.site.templates import format_day

    for day in (date(2027, 3, 17), date(2027, 12, 31), date(2028, 2, 29)):
        assert day_text(day, language) == format_day(day, Labels(language).language)
    assert day_text(date(2027, 3, 17), language, with_year=False) in day_text(date(2027, 3, 17), language)


def test_diff_loads_neither_the_site_nor_jinja(repo: Repo) -> None:
    probe = (
        "import json, sys\n"
        "from learning_journeys.cli import main\n"
        "sys.argv = ['journeys', 'diff', 'HEAD~1', 'HEAD']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        "heavy = sorted({m for m in sys.modules if m.split('.')[0] in {'mkdocs', 'jinja2', 'markdown', 'nh3'}"
        " or m.startswith('learning_journeys.site')})\n"
        "print(json.dumps({'code': code, 'heavy': heavy}), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=repo.root, capture_output=True, text=True)
    assert json.loads(done.stderr.strip().splitlines()[-1]) == {"code": 0, "heavy": []}


def test_cohorts_objectives_goals_and_meetings(repo: Repo) -> None:
    text = (repo.root / FILE).read_text(encoding="utf-8")
    edits = [
        ("status: published", "status: draft"),
        ("kpi: Net Promoter Score", "kpi: Net Promoter Score na een klantgesprek"),
        ("title: Je brengt slecht nieuws helder en respectvol", "title: Je brengt slecht nieuws helder"),
        (
            "    supports: [nps]\nphases:",
            "    supports: [nps]\n  - id: samenvatten\n    title: Je vat samen\n    supports: [nps]\nphases:",
        ),
        (
            "location: Utrecht }\n",
            'location: Utrecht }\n          - { id: terugkom, day: 29, start: "13:00", repeat: { every: 2w, count: 2 } }\n',
        ),
        (
            '  - { id: voorjaar-2027, start: "2027-03-01", timezone: Europe/Amsterdam }\n',
            '  - id: voorjaar-2027\n    start: "2027-03-01"\n    timezone: Europe/Amsterdam\n'
            "    sessions: { oefendag: { cancelled: true } }\n",
        ),
        (
            '  - { id: najaar-2027, start: "2027-09-06", timezone: Europe/Amsterdam }',
            '  - { id: voorjaar-2028, start: "2028-03-06" }',
        ),
    ]
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    repo.write(FILE, text)
    lines = [line.strip() for line in diff("HEAD", "--format", "text").output.splitlines()]
    expected = [
        "~ status: published → draft",
        "~ slecht-nieuws: Je brengt slecht nieuws helder",
        "~ title: Je brengt slecht nieuws helder en respectvol → Je brengt slecht nieuws helder",
        "+ samenvatten: Je vat samen",
        "~ kpi: Net Promoter Score → Net Promoter Score na een klantgesprek",
        "+ voorjaar-2028: voorjaar-2028",
        "- najaar-2027: najaar-2027",
        "~ sessions changed",
        "~ session terugkom: — → day 29, 13:00, every 2 weeks ×2",
        "~ voorjaar-2027: workshop oefendag do 18 mrt 09:00–17:00 → do 18 mrt 09:00–17:00 (cancelled)",
        "+ voorjaar-2027: workshop terugkom-1 added ma 29 mrt 2027 13:00",
        "+ voorjaar-2027: workshop terugkom-2 added ma 12 apr 2027 13:00",
    ]
    missing = [line for line in expected if line not in lines]
    assert not missing, "\n".join(lines)
    data = json.loads(diff("HEAD", "--format", "json").output)
    (journey,) = data["journeys"]
    added = [m for m in journey["meetings"] if m["kind"] == "added"]
    assert [m["after_start"] for m in added] == ["2027-03-29T13:00:00+02:00", "2027-04-12T13:00:00+02:00"]
    cancelled = next(m for m in journey["meetings"] if m["meeting"] == "oefendag")
    assert cancelled["before_start"] == cancelled["after_start"] == "2027-03-18T09:00:00+01:00"


def test_content_files_are_read_at_each_revision(repo: Repo) -> None:
    text = (repo.root / FILE).read_text(encoding="utf-8")
    inline = "        content: Waarom de eerste vraag zelden de echte vraag is.\n"
    repo.write(FILE, text.replace(inline, "        content_file: content/vraag.md\n"))
    repo.write("journeys/content/vraag.md", "# De vraag\n\nEerste versie.\n")
    repo.commit("content in its own file")
    repo.write("journeys/content/vraag.md", "# De vraag\n\nTweede versie.\n")
    repo.commit("content reworded")
    (repo.root / "journeys/content/vraag.md").unlink()  # the work tree may lack it: revisions do not
    lines = [line.strip() for line in diff("HEAD~1", "HEAD", "--format", "text").output.splitlines()]
    assert lines[0] == "Plan: 0 added, 1 changed, 0 removed · journeys: 1 changed"
    assert "~ content changed" in lines


def test_a_shallow_clone_says_to_fetch_the_base(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone))
    monkeypatch.chdir(clone)
    result = CliRunner().invoke(cli, ["diff", "HEAD~1"])
    assert result.exit_code == 2
    assert "this clone is shallow: fetch it first" in result.output


def test_paths_are_relative_to_where_it_runs(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.write(
        "other/elders.yaml",
        (DATA / "base.yaml").read_text(encoding="utf-8").replace("id: klantgesprekken", "id: elders"),
    )
    repo.commit("a journey elsewhere")
    monkeypatch.chdir(repo.root / "journeys")
    one_file = diff("HEAD~2", "HEAD", "--journeys", "klantgesprekken.yaml", "--format", "text").output
    assert one_file.splitlines()[0] == "Plan: 0 added, 5 changed, 0 removed · journeys: 1 changed"
    both = diff("HEAD~2", "HEAD", "--journeys", ".", "--journeys", "../other", "--format", "text").output
    assert both.splitlines()[0] == "Plan: 6 added, 5 changed, 0 removed · journeys: 1 changed, 1 added"
    outside = CliRunner().invoke(cli, ["diff", "HEAD", "--journeys", "/"])
    assert outside.exit_code == 2 and "outside the git repository" in outside.output


def test_a_moved_cohort_start_folds_its_many_meetings_in_markdown(repo: Repo) -> None:
    text = (repo.root / FILE).read_text(encoding="utf-8")
    series = 'location: Utrecht }\n          - { id: terugkom, day: 29, start: "13:00", repeat: { every: 1w, count: 14 } }\n'
    repo.write(FILE, text.replace("location: Utrecht }\n", series))
    repo.commit("fourteen meetings")
    repo.write(
        FILE,
        (repo.root / FILE).read_text(encoding="utf-8").replace('start: "2027-03-01"', 'start: "2027-03-08"'),
    )
    md = diff("HEAD", language=None).output
    dates = md.split("### Data\n\n", 1)[1].split("\n\n###", 1)[0]
    assert dates.startswith(
        "<details><summary>Toon alle 15</summary>\n\n- voorjaar-2027: `workshop` oefendag"
    )
    assert dates.count("\n- ") == 15 and dates.endswith("</details>")
    assert "- voorjaar-2027: `workshop` terugkom-14 ma 28 jun 13:00 → ma 5 jul 13:00" in dates
    text_plan = diff("HEAD", "--format", "text", language="nl").output
    assert "~ start: 2027-03-01 → 2027-03-08" in text_plan and "<details>" not in text_plan


def test_a_bug_in_comparing_one_journey_leaves_the_others(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = (DATA / "base.yaml").read_text(encoding="utf-8").replace("id: klantgesprekken", "id: onboarding")
    repo.write("journeys/onboarding.yaml", other)
    repo.commit("onboarding")
    repo.write("journeys/onboarding.yaml", other.replace("duration: 20m", "duration: 30m"))
    repo.write(FILE, (repo.root / FILE).read_text(encoding="utf-8").replace("duration: 25m", "duration: 30m"))
    from learning_journeys.review import journey_diff

    real = journey_diff.meeting_changes

    def broken_for_onboarding(before: Any, after: Any, *rest: Any) -> Any:
        if after.id == "onboarding":
            raise RuntimeError("boom")
        return real(before, after, *rest)

    monkeypatch.setattr(journey_diff, "meeting_changes", broken_for_onboarding)
    lines = [line.strip() for line in diff("HEAD", "--format", "text").output.splitlines()]
    assert lines[0] == "Plan: 0 added, 1 changed, 0 removed · journeys: 1 changed, 1 could not be read"
    assert "~ duration: 25 min → 30 min" in lines
    assert any(
        "LJ900 internal error while comparing this journey: RuntimeError: boom" in line for line in lines
    )


def test_the_markdown_ends_with_a_marker_a_workflow_can_find(repo: Repo) -> None:
    assert diff("HEAD~1", "HEAD").output.endswith("\n\n<!-- journeys diff -->\n")
