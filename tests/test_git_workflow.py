"""The git workflow, ready to copy: every `run:` step of .github/workflows/journeys.yml works, and
the pre-commit hook runs `journeys validate` on a journeys folder.

The workflow's commands are not repeated here: they are read from the workflow file and run as
GitHub would (bash -eo pipefail), in a clone with a pull request's change, in a fresh virtual
environment installed by the workflow's own install step. Only `gh` is a stand-in that records
what would be posted. So the workflow cannot drift from commands that work.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_helpers import SMALL_JOURNEY

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github/workflows/journeys.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Tester",
    "GIT_AUTHOR_EMAIL": "tester@example.com",
    "GIT_COMMITTER_NAME": "Tester",
    "GIT_COMMITTER_EMAIL": "tester@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
}
# What GitHub fills in for the expressions the workflow uses; a new one must be added here.
CONTEXT = {
    "github.base_ref": "main",
    "github.token": "ghs_not_a_real_token",
    "github.repository": "example/journeys",
    "github.event.pull_request.number": "7",
}
# A stand-in for the GitHub CLI and the pull request's comments (a JSON file, as GitHub's API
# lists them): `gh api` lists them through the real jq, or updates one; `gh pr comment` adds one.
# Each call's arguments and GH_ variables are kept.
GH_STUB = """#!/usr/bin/env python3
import json, os, subprocess, sys
log = os.environ["GH_STUB_LOG"]
args = sys.argv[1:]
with open(os.path.join(log, "calls"), "a") as calls:
    calls.write(json.dumps(args) + "\\n")
with open(os.path.join(log, "env"), "w") as env:
    env.write("".join(f"{k}={v}\\n" for k, v in sorted(os.environ.items()) if k.startswith("GH_")))
path = os.path.join(log, "comments.json")
comments = json.load(open(path)) if os.path.exists(path) else []
def option(name):
    return args[args.index(name) + 1]
if args[:2] == ["pr", "comment"]:
    body = open(option("--body-file")).read()
    comments.append({"id": 1000 + len(comments), "user": {"login": "github-actions[bot]"}, "body": body})
elif args[0] == "api" and "PATCH" in args:
    comment_id = int(next(a for a in args if "/issues/comments/" in a).rsplit("/", 1)[1])
    field = option("-F")
    assert field.startswith("body=@"), field
    body = open(field[len("body=@"):]).read()
    next(c for c in comments if c["id"] == comment_id)["body"] = body
elif args[0] == "api":
    assert args[args.index("--paginate") + 1].endswith("/issues/7/comments"), args
    sys.stdout.write(subprocess.run(["jq", "-r", option("--jq")], input=json.dumps(comments),
                                    capture_output=True, text=True, check=True).stdout)
else:
    sys.exit("gh stand-in: not a call the workflow makes: " + " ".join(args))
json.dump(comments, open(path, "w"))
"""
OTHER_COMMENTS = [
    {"id": 1, "user": {"login": "a-reviewer"}, "body": "> Plan: 1 changed <!-- journeys diff -->\nOK!"},
    {"id": 2, "user": {"login": "github-actions[bot]"}, "body": "Coverage: 93%"},
]
CHANGED_JOURNEY = "journeys/vakmanschap-accountmanagers.yaml"


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True
    )
    return done.stdout


def _workflow() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # PyYAML reads the key `on` as true (YAML 1.1); GitHub reads it as "on".
    if True in data:
        data["on"] = data.pop(True)
    return data


def _expand(text: str) -> str:
    """The workflow's ${{ ... }} expressions, as GitHub would fill them in for a pull request."""

    def value(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        if expression not in CONTEXT:
            pytest.fail(f"the workflow uses ${{{{ {expression} }}}}: give it a value in CONTEXT")
        return CONTEXT[expression]

    return re.sub(r"\$\{\{(.*?)\}\}", value, text)


def _run_steps(job: str) -> list[dict[str, Any]]:
    return [step for step in _workflow()["jobs"][job]["steps"] if "run" in step]


# ---------------------------------------------------------------- the workflow's shape


def test_triggers_and_minimal_permissions() -> None:
    workflow = _workflow()
    assert set(workflow["on"]) == {"pull_request", "push"}
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {}, "nothing by default; each job asks for what it needs"
    review, publish = workflow["jobs"]["review"], workflow["jobs"]["publish"]
    assert review["if"] == "github.event_name == 'pull_request'"
    assert review["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert publish["if"] == "github.event_name == 'push'"
    assert publish["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert publish["environment"]["name"] == "github-pages"


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    lines = [line.strip() for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    for line in lines:
        assert re.fullmatch(r"(- )?uses: actions/[a-z-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line
    used = {re.search(r"actions/([a-z-]+)@", line).group(1) for line in lines}  # type: ignore[union-attr]
    assert used == {"checkout", "setup-python", "upload-pages-artifact", "deploy-pages"}


def test_the_review_checks_out_the_history_the_diff_reads() -> None:
    checkout = _workflow()["jobs"]["review"]["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0


def test_the_published_site_is_built_by_commands_the_review_also_runs() -> None:
    """So running the review job's steps here tests the publishing job's too."""
    review = [step["run"] for step in _run_steps("review")]
    publish = [step["run"] for step in _run_steps("publish")]
    assert publish == review[: len(publish)]
    upload = next(s for s in _workflow()["jobs"]["publish"]["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    site_dir = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).get("site_dir", "site")
    assert upload["with"]["path"] == site_dir


# ---------------------------------------------------------------- every step, run


@dataclass(frozen=True)
class StepRun:
    name: str
    command: str
    returncode: int
    output: str


@dataclass(frozen=True)
class PullRequest:
    checkout: Path
    steps: list[StepRun]
    gh_log: Path
    env: dict[str, str]


def _pull_request_checkout(root: Path) -> Path:
    """A clone of this repository where a branch changes a journey, as actions/checkout leaves it."""
    checkout = root / "checkout"
    _git("clone", "--quiet", "--no-hardlinks", str(ROOT), str(checkout), cwd=root)
    # The pull request's base is what was cloned, whatever this repository's branch (or a
    # detached HEAD) is called: origin/<base_ref> points at it, as in a pull request's checkout.
    _git("update-ref", f"refs/remotes/origin/{CONTEXT['github.base_ref']}", "HEAD", cwd=checkout)
    _git("checkout", "--quiet", "-B", "change", cwd=checkout)
    path = checkout / CHANGED_JOURNEY
    text = path.read_text(encoding="utf-8")
    changed = re.sub(r"(\n\s+duration: )15m\n", r"\g<1>25m\n", text, count=1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    _git("commit", "--quiet", "-am", "Longer first module", cwd=checkout)
    return checkout


def _environment(root: Path) -> tuple[dict[str, str], Path]:
    """A fresh virtual environment (the workflow installs into it) and the gh stand-in, first on PATH."""
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    stub_dir = root / "bin"
    stub_dir.mkdir()
    (stub_dir / "gh").write_text(GH_STUB, encoding="utf-8")
    (stub_dir / "gh").chmod(0o755)
    gh_log = root / "gh-log"
    gh_log.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env.update(GIT_ENV)
    env["PATH"] = os.pathsep.join([str(env_dir / "bin"), str(stub_dir), env.get("PATH", "")])
    env["GH_STUB_LOG"] = str(gh_log)
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env, gh_log


def _run(step: dict[str, Any], env: dict[str, str], cwd: Path) -> StepRun:
    command = _expand(step["run"])
    step_env = {**env, **{k: _expand(str(v)) for k, v in (step.get("env") or {}).items()}}
    # GitHub's default shell for `run:` on Linux.
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
        cwd=cwd,
        env=step_env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    return StepRun(step.get("name", command), command, done.returncode, done.stdout + done.stderr)


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory: pytest.TempPathFactory) -> PullRequest:
    root = tmp_path_factory.mktemp("workflow")
    checkout = _pull_request_checkout(root)
    env, gh_log = _environment(root)
    # Already on the pull request: a reviewer quoting an old plan, and another workflow's comment.
    (gh_log / "comments.json").write_text(json.dumps(OTHER_COMMENTS), encoding="utf-8")
    runs = []
    for step in _run_steps("review"):
        runs.append(_run(step, env, checkout))
        if runs[-1].returncode != 0:
            break
    return PullRequest(checkout, runs, gh_log, env)


def test_every_run_step_of_the_review_succeeds(pull_request: PullRequest) -> None:
    for run in pull_request.steps:
        assert run.returncode == 0, f"step {run.name!r} failed: {run.command}\n{run.output[-3000:]}"
    names = [step.get("name") for step in _run_steps("review")]
    assert [run.name for run in pull_request.steps] == names


def test_the_install_step_made_the_commands_of_the_lock(pull_request: PullRequest) -> None:
    bin_dir = Path(pull_request.env["PATH"].split(os.pathsep)[0])
    for command in ("journeys", "mkdocs"):
        assert (bin_dir / command).is_file()
    assert shutil.which("journeys", path=pull_request.env["PATH"]) == str(bin_dir / "journeys")


def test_the_site_is_built_where_the_pages_artifact_is_uploaded_from(pull_request: PullRequest) -> None:
    site = pull_request.checkout / "site"
    assert (site / "index.html").is_file()
    assert (site / "vakmanschap-accountmanagers/index.html").is_file()


def _comments(pull_request: PullRequest) -> list[dict[str, Any]]:
    return json.loads((pull_request.gh_log / "comments.json").read_text(encoding="utf-8"))


def _plan(pull_request: PullRequest) -> str:
    return subprocess.run(
        ["journeys", "diff", "origin/main", "HEAD", "--format", "markdown"],
        cwd=pull_request.checkout,
        env=pull_request.env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_plan_of_the_change_is_posted_on_the_pull_request(pull_request: PullRequest) -> None:
    comments = _comments(pull_request)
    assert comments[:2] == OTHER_COMMENTS, "the reviewer's and the other workflow's comments stay"
    (posted,) = comments[2:]
    assert posted["body"] == _plan(pull_request)
    assert "25" in posted["body"], "the plan names the new duration"
    gh_env = (pull_request.gh_log / "env").read_text(encoding="utf-8")
    assert "GH_TOKEN=ghs_not_a_real_token" in gh_env and "GH_REPO=example/journeys" in gh_env


def test_a_second_push_updates_the_plans_comment(pull_request: PullRequest, tmp_path: Path) -> None:
    """Found by its marker among the workflow's own comments: one plan per pull request."""
    step = next(s for s in _run_steps("review") if "gh pr comment" in s["run"])
    checkout = tmp_path / "second-push"
    shutil.copytree(pull_request.checkout, checkout, symlinks=True)
    (checkout / "journeys-diff.md").write_text("Plan after a second push\n<!-- journeys diff -->\n", encoding="utf-8")
    before = _comments(pull_request)
    run = _run(step, pull_request.env, checkout)
    assert run.returncode == 0, run.output
    after = _comments(pull_request)
    assert len(after) == len(before)
    assert after[-1] == {**before[-1], "body": "Plan after a second push\n<!-- journeys diff -->\n"}
    assert after[:-1] == before[:-1]
    (pull_request.gh_log / "comments.json").write_text(json.dumps(before), encoding="utf-8")


def test_the_validate_step_fails_the_job_and_annotates_a_broken_journey(pull_request: PullRequest) -> None:
    step = next(s for s in _run_steps("review") if "journeys validate" in s["run"])
    broken = pull_request.checkout / "journeys/broken.yaml"
    broken.write_text(SMALL_JOURNEY.format(id="broken", title="Broken", language="en").replace(
        "type: workshop", "type: worshop"
    ), encoding="utf-8")
    try:
        run = _run(step, pull_request.env, pull_request.checkout)
    finally:
        broken.unlink()
    assert run.returncode == 1
    assert re.search(r"^::error file=journeys/broken\.yaml,line=\d+,", run.output, re.M), run.output


# ---------------------------------------------------------------- the pre-commit hook


def _hook_repository(root: Path) -> Path:
    """This repository at HEAD with the hook definition as it is in the work tree, committed."""
    clone = root / "mkdocs-learning-journeys"
    _git("clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone), cwd=root)
    shutil.copyfile(HOOKS, clone / ".pre-commit-hooks.yaml")
    if _git("status", "--porcelain", cwd=clone):
        _git("commit", "--quiet", "-am", "Hook definition as in the work tree", cwd=clone)
    return clone


def _journeys_repository(root: Path) -> Path:
    repo = root / "our-journeys"
    (repo / "journeys").mkdir(parents=True)
    _git("init", "--quiet", str(repo), cwd=root)
    (repo / "journeys/small.yaml").write_text(
        SMALL_JOURNEY.format(id="small", title="Small journey", language="en"), encoding="utf-8"
    )
    (repo / "journeys/broken.yaml").write_text(
        SMALL_JOURNEY.format(id="broken", title="Broken", language="en").replace("duration: 3h", "duration: 1,5 uur"),
        encoding="utf-8",
    )
    (repo / "settings.yaml").write_text("not: [a, journey\n", encoding="utf-8")
    _git("add", ".", cwd=repo)
    _git("commit", "--quiet", "-m", "journeys", cwd=repo)
    return repo


def test_pre_commit_try_repo_runs_the_hook_on_a_journeys_folder(tmp_path: Path) -> None:
    hook_repo = _hook_repository(tmp_path)
    repo = _journeys_repository(tmp_path)
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1"}
    env.pop("VIRTUAL_ENV", None)

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "journeys-validate", "--files", *files],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )

    valid = try_repo("journeys/small.yaml")
    assert valid.returncode == 0, valid.stdout + valid.stderr
    assert re.search(r"^journeys validate\.+Passed$", valid.stdout, re.M), valid.stdout

    invalid = try_repo("journeys/small.yaml", "journeys/broken.yaml")
    assert invalid.returncode == 1, invalid.stdout + invalid.stderr
    assert re.search(r"^journeys validate\.+Failed$", invalid.stdout, re.M), invalid.stdout
    assert re.search(r"journeys/broken\.yaml:\d+:\d+: error LJ\d+", invalid.stdout), invalid.stdout
    assert not re.search(r"small\.yaml:\d+:\d+: error", invalid.stdout), invalid.stdout

    # Only journey files: another YAML file of the repository is not the hook's business.
    other = try_repo("settings.yaml")
    assert other.returncode == 0
    assert re.search(r"^journeys validate\.+\(no files to check\)Skipped$", other.stdout, re.M), other.stdout


def test_a_deployment_is_never_cancelled_halfway() -> None:
    concurrency = _workflow()["concurrency"]
    assert concurrency["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
