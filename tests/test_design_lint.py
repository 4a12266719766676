"""Design lint: each code fires on a crafted weak journey (tests/cases/invalid/lint-*.yaml), stays
quiet on the examples and on a journey that follows the advice, and can be switched off per
journey and per activity; `journeys validate --strict` fails on it."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from learning_journeys.cli import cli
from learning_journeys.model.building import journey_from_data
from learning_journeys.model.schedule import cohort_sessions, may_meet_before
from learning_journeys.model.vocabulary import LINT_CODES
from learning_journeys.validation import design_lint, markdown_lint
from learning_journeys.validation.diagnostics import CODES
from learning_journeys.validation.loading import load_journeys
from validation_helpers import CASES, REPO, show

LINT_CASES = sorted((CASES / "invalid").glob("lint-*.yaml"))
CLEAN = CASES / "valid" / "lint-clean.yaml"
# A day before every example's first meeting, so the examples are checked as they will be published.
BEFORE_THE_EXAMPLES = date(2027, 1, 15)
_SOURCE = re.compile(r"\((?:[0-9]{3}_[0-9a-f]{16}\.txt|WCAG 2\.2, [0-9.]+ [A-Z][\w -]+)\)$")


def lint_codes(diagnostics: Any) -> list[str]:
    return [d.code for d in diagnostics if d.code in LINT_CODES]


def case_code(path: Path) -> str:
    match = re.search(r"^# expect-warning: (LJ3\d\d)", path.read_text(encoding="utf-8"), re.M)
    assert match, path.name
    return match.group(1)


def test_every_lint_code_is_documented_with_a_why_that_names_its_source() -> None:
    assert set(LINT_CODES) <= set(CODES)
    assert set(design_lint.WHY) == set(LINT_CODES)
    for code, why in design_lint.WHY.items():
        assert "\n" not in why and len(why) < 160, code
        if code != "LJ309":  # a past date needs no article: the journey's own status says it
            assert _SOURCE.search(why), f"{code}: {why}"


def test_every_lint_code_has_a_case_that_fires_it() -> None:
    assert sorted(case_code(p) for p in LINT_CASES) == sorted(LINT_CODES)


@pytest.mark.parametrize("path", LINT_CASES, ids=lambda p: p.name)
def test_each_case_fires_only_its_own_code(path: Path) -> None:
    result = load_journeys([path], base=path.parent)
    assert set(lint_codes(result.diagnostics)) == {case_code(path)}, show(result.diagnostics)
    assert not result.errors
    for d in result.diagnostics:
        assert d.hint and "Why: " in d.hint, d


def test_a_journey_that_follows_the_advice_gets_none() -> None:
    result = load_journeys([CLEAN], base=CLEAN.parent, today=date(2030, 1, 1))
    assert result.diagnostics == (), show(result.diagnostics)


def test_the_examples_follow_the_advice() -> None:
    result = load_journeys([REPO / "journeys"], base=REPO, today=BEFORE_THE_EXAMPLES)
    assert len(result.journeys) >= 4
    assert result.diagnostics == (), show(result.diagnostics)


def test_the_examples_follow_the_advice_today_too() -> None:
    """The example site builds on any day: its cohorts are in the future, or the journey says so."""
    result = load_journeys([REPO / "journeys"], base=REPO)
    assert lint_codes(result.diagnostics) in ([], ["LJ309"] * len(lint_codes(result.diagnostics)))


# --- switching advice off ------------------------------------------------------------------------


def _data(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _lint(data: dict[str, Any], tmp_path: Path, today: date | None = None) -> list[str]:
    """Lint codes for ``data`` written as a journey file and checked as `journeys validate` does."""
    path = tmp_path / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = load_journeys([path], base=tmp_path, today=today)
    assert not result.errors, show(result.diagnostics)
    return lint_codes(result.diagnostics)


@pytest.mark.parametrize("path", LINT_CASES, ids=lambda p: p.name)
def test_a_journey_switches_advice_off(path: Path, tmp_path: Path) -> None:
    data = _data(path)
    code = case_code(path)
    assert _lint(data, tmp_path) == [code] * len(_lint(data, tmp_path))
    data["ignore_lint"] = [code]
    assert _lint(data, tmp_path) == []


@pytest.mark.parametrize("path", LINT_CASES, ids=lambda p: p.name)
def test_an_activity_switches_off_what_is_said_about_it(path: Path, tmp_path: Path) -> None:
    """Advice about one activity goes when that activity ignores it; advice about the whole
    journey stays whatever an activity says."""
    data = _data(path)
    code = case_code(path)
    found = design_lint.lint_journey(journey_from_data(data, path), date.today())
    places = {d.path[:4] for d in found if d.code == code}
    on_activities = all(p[:1] == ("phases",) and len(p) == 4 for p in places)
    if code == "LJ309":  # about a cohort's meetings: the activities that meet can opt out
        places = {("phases", "learn", "activities", 0)}
        on_activities = True
    for place in places if on_activities else [("phases", "learn", "activities", 0)]:
        _, phase, _, index = place
        data["phases"][phase]["activities"][index]["ignore_lint"] = [code]
    expected = [] if on_activities else [code] * len(places)
    assert _lint(data, tmp_path) == expected


def test_other_codes_stay_when_one_is_switched_off(tmp_path: Path) -> None:
    data = _data(CASES / "invalid" / "lint-goal-without-kpi.yaml")
    data["phases"]["learn"]["activities"][0].pop("prework")
    data["ignore_lint"] = ["LJ305"]
    assert _lint(data, tmp_path) == ["LJ307"]


# --- dates, drafts, Markdown ---------------------------------------------------------------------


def test_past_meetings_count_from_the_day_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _data(CASES / "invalid" / "lint-past-meetings.yaml")  # day-1 is on 2020-03-04
    assert _lint(data, tmp_path, today=date(2020, 3, 4)) == []
    assert _lint(data, tmp_path, today=date(2020, 3, 5)) == ["LJ309"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1583280000")  # 2020-03-04 00:00 UTC: a reproducible build
    assert design_lint.lint_today() == date(2020, 3, 4)
    assert _lint(data, tmp_path) == []


def test_a_draft_may_have_dates_in_the_past(tmp_path: Path) -> None:
    data = _data(CASES / "invalid" / "lint-past-meetings.yaml")
    data["status"] = "draft"
    assert _lint(data, tmp_path) == []


def test_cancelled_meetings_are_no_past_meetings(tmp_path: Path) -> None:
    data = _data(CASES / "invalid" / "lint-past-meetings.yaml")
    data["cohorts"][0]["sessions"] = {"day-1": {"cancelled": True}}
    assert _lint(data, tmp_path) == []


MARKDOWN_FILE = """\
# Luisteren

### Drie vragen

`![](not-an-image.png)` and a code block:

    ## not a heading either

![](model.png)

![Het LSD-model](model.png) [de luistergids](https://example.org/gids)
Meer? [lees meer](https://example.org) of [www.example.org](https://www.example.org).
"""


def test_markdown_in_a_content_file_is_checked_with_its_lines(tmp_path: Path) -> None:
    data = _data(CLEAN)
    intro = data["phases"]["pre"]["activities"][0]
    del intro["content"]
    intro["content_file"] = "content/luisteren.md"
    (tmp_path / "content").mkdir()
    (tmp_path / "content/luisteren.md").write_text(MARKDOWN_FILE, encoding="utf-8")
    (tmp_path / ".git").mkdir()  # the project root content files stay in
    path = tmp_path / "lint-clean.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = load_journeys([path], base=tmp_path, today=date(2027, 1, 1))
    found = [(d.code, d.message) for d in result.diagnostics]
    assert sorted(found) == [
        ("LJ310", "image `model.png` has no alt text in `content/luisteren.md` (line 9)"),
        (
            "LJ311",
            "link text `lees meer` does not say where the link goes in `content/luisteren.md` (line 11)",
        ),
        ("LJ311", "link text `www.example.org` is a bare address in `content/luisteren.md` (line 11)"),
        ("LJ312", "heading level 3 follows level 1 in `content/luisteren.md` (line 3)"),
    ], show(result.diagnostics)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "content_file" in text)
    assert {d.line for d in result.diagnostics} == {line}


# --- the command ---------------------------------------------------------------------------------


def test_strict_fails_on_advice_and_plain_validate_does_not() -> None:
    weak = str(CASES / "invalid" / "lint-workshop-without-prework.yaml")
    plain = CliRunner().invoke(cli, ["validate", weak], catch_exceptions=False)
    assert plain.exit_code == 0, plain.output
    assert "warning LJ307 workshop `workshop` has no pre-work" in plain.stdout
    assert "Why: " in plain.stdout and "004_466e0b013920b874.txt" in plain.stdout
    strict = CliRunner().invoke(cli, ["validate", "--strict", weak], catch_exceptions=False)
    assert strict.exit_code == 1, strict.output
    clean = CliRunner().invoke(cli, ["validate", "--strict", str(CLEAN)], catch_exceptions=False)
    assert clean.exit_code == 0, clean.output


def test_a_site_build_mentions_advice_and_builds_strict(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`mkdocs build --strict` stops for errors and warnings of the format, not for design advice."""
    from site_helpers import make_project, run_build

    weak = (CASES / "invalid" / "lint-workshop-without-prework.yaml").read_text(encoding="utf-8")
    config = make_project(tmp_path, {"weak.yaml": weak})
    with caplog.at_level("INFO"):
        run_build(config, strict=True)
    assert (tmp_path / "site/journeys/lint-workshop-without-prework/index.html").is_file()
    advice = [r for r in caplog.records if "LJ307" in r.getMessage()]
    assert advice and all(r.levelname == "INFO" for r in advice)


@pytest.mark.parametrize(
    ("case", "written"),
    [
        ("lint-image-without-alt.yaml", "![](listening-model.png)"),
        ("lint-skipped-heading.yaml", "#### Three questions"),
        ("lint-vague-link-text.yaml", "[Klik hier](https://example.org/meer)"),
    ],
)
def test_markdown_advice_points_at_its_line_in_a_literal_block(case: str, written: str) -> None:
    path = CASES / "invalid" / case
    lines = path.read_text(encoding="utf-8").splitlines()
    result = load_journeys([path], base=path.parent)
    for d in result.diagnostics:
        assert written in lines[d.line - 1], (d.line, lines[d.line - 1])
        line = lines[d.line - 1]
        assert d.column == len(line) - len(line.lstrip()) + 1  # where the line's text starts


def test_markdown_advice_in_a_folded_text_points_at_its_field(tmp_path: Path) -> None:
    data = _data(CLEAN)
    data["description"] = "Welkom.\n\n![](team.png)\n"
    path = tmp_path / "folded.yaml"
    text = yaml.safe_dump(data, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")
    result = load_journeys([path], base=tmp_path, today=date(2027, 1, 1))
    (found,) = result.diagnostics
    assert found.code == "LJ310"
    assert text.splitlines()[found.line - 1].startswith("description:")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("> # Titel\n>\n> ### Stap\n", [("LJ312", "heading level 3 follows level 1")]),
        ("- # Titel\n- ### Stap\n", [("LJ312", "heading level 3 follows level 1")]),
        ("Titel\n=====\n\n### Stap\n", [("LJ312", "heading level 3 follows level 1")]),
        ("# Alleen een kop, geen sprong\n\nTekst zonder tweede kop.\n", []),
        (
            "Lees [*klik hier*](https://example.org).\n",
            [("LJ311", "link text `*klik hier*` does not say where the link goes")],
        ),
    ],
)
def test_markdown_checks_find_headings_and_links_in_any_block(
    tmp_path: Path, text: str, expected: list
) -> None:
    """The checks parse only what may hold a problem: headings in quotes, list items and setext
    form, and link text in emphasis, are still found."""
    data = _data(CLEAN)
    data["phases"]["pre"]["activities"][0]["content"] = text
    path = tmp_path / "lint-clean.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = load_journeys([path], base=tmp_path, today=date(2027, 1, 1))
    assert [(d.code, d.message) for d in result.diagnostics] == expected, show(result.diagnostics)


_MARKDOWN_PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "### ",
        "#### ",
        "> ",
        "- ",
        "1. ",
        "    ",
        "```\n",
        "\n",
        "\n\n",
        "=====\n",
        "---\n",
        "Tekst",
        "kop",
        " ",
        "[",
        "]",
        "(https://example.org)",
        "![",
        "](a.png)",
        "<https://x.nl>",
        "`",
        "*",
        "\\",
        "Klik hier",
        "HIER",
        "meer",
        "lees meer",
        "link",
        "www.example.org",
        "mailto:a@b.nl",
        "&amp;",
        "<b>",
        "Ünïcode",
        "[Klik hier](https://example.org)",
        "![](a.png)",
        "![ ](b.png)",
        "[hier]",
        "[Meer](a.html)",
        "[`here`](x)",
        "[he`re`](x)",
        "[https://x.nl](https://x.nl)",
        "[![](a.png) more](x)",
        "[ ](x)",
        "\n> # Titel\n>\n> ### Stap\n",
        "\n- ## Titel\n  - #### Stap\n",
        "\nTitel\n  ---\n",
        "\n1.  Titel\n    ===\n",
    ]
)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(_MARKDOWN_PIECES, max_size=30).map("".join))
def test_markdown_checks_skip_only_texts_that_cannot_hold_a_problem(text: str) -> None:
    """Parsing only texts with the marks a problem needs finds what parsing every text finds."""
    full = list(markdown_lint._problems(markdown_lint._parser(True).parse(text)))
    assert markdown_lint.text_problems(text) == full


@pytest.mark.parametrize("shift", [0, -5])
def test_a_meeting_moved_earlier_by_its_group_and_time_zone_is_still_found_past(
    tmp_path: Path, shift: int
) -> None:
    """A group meeting days earlier, and a clock time in a zone a day ahead, move a meeting before
    its planned day; the check skips no cohort that has such a meeting before today."""
    data = _data(CLEAN)
    workshop = data["phases"]["learn"]["activities"][0]
    workshop["per_group"] = True  # below: the group meets `shift` days from the design's day
    workshop["sessions"] = [
        {"id": "day-1", "day": 3, "start": "00:30", "end": "02:00", "timezone": "Pacific/Kiritimati"}
    ]
    data["cohorts"] = [
        {
            "id": "spring",
            "start": "2027-03-01",
            "timezone": "Pacific/Pago_Pago",
            "groups": [{"id": "a", "shift_days": shift}],
        }
    ]
    path = tmp_path / "moved.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    (journey,) = load_journeys([path], base=tmp_path, today=date(2027, 1, 1)).journeys
    (meeting,) = cohort_sessions(journey, journey.cohorts[0])
    assert meeting.day == date(2027, 3, 1) + timedelta(days=shift)  # planned for 3 March, two days later
    day_after = meeting.day + timedelta(days=1)
    assert may_meet_before(journey, journey.cohorts[0], day_after)
    data["status"] = "published"
    assert _lint(data, tmp_path, today=meeting.day) == []
    assert _lint(data, tmp_path, today=day_after) == ["LJ309"]
