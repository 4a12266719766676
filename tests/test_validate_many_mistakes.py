"""One file with many different mistakes: every one is reported, in one run, on its own line.

Each expected problem is marked at the end of its line: ``# <- LJ100`` (errors) or
``# <- warning LJ209``. Checks run in stages (reading, schema, meaning; ids, references,
dates, times, time zones and durations are checked whatever the schema says, the other
meaning checks need a schema-valid file), so there is one file per stage, each with every
mistake its stage can report, and a new author's draft that mixes them all.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from learning_journeys.cli import cli
from learning_journeys.validation.loading import load_journeys
from validation_helpers import TESTS, find, line_of, pairs, show

# A Dutch first draft with a dozen typical mistakes of schema and meaning mixed.
DUTCH_DRAFT = TESTS / "data" / "mistakes" / "eerste-concept.yaml"

SCHEMA_MISTAKES = """\
id: Many_Mistakes  # <- LJ104 LJ101
titel: Many mistakes  # <- LJ100
summary: One
summary: Two  # <- LJ007
version: 2.0  # <- LJ102
status: done  # <- LJ103
goals:
  - id: nps
    title: NPS
    kpi: [a, b]  # <- LJ102
objectives:
  - {id: listen, title: Listen, supports: [nps], level: expert}  # <- LJ103
phases:  # <- LJ101
  pre:
    activities:
      - id: intro
        title: Intro
        type: micro-module
        duration: 15 min utes  # <- LJ104
        optional: yes  # <- LJ102
        questions:
          - question: One choice only
            choices:
              - {text: A, correct: true}  # <- LJ106
      - id: article
        title: Article
        type: resource
        url: javascript:alert(1)  # <- LJ214
        kind: blog  # <- LJ103
      - id: workshop
        title: Workshop
        type: workshop
        week: -13  # <- LJ105
        prompts: [Why?]  # <- LJ100
        sessions:
          - id: day-1
            start: "9:75"  # <- LJ104
            day: 1000  # <- LJ105
      - id: no-type  # <- LJ101
        title: Without a type
  learn: {}
cohorts:
  - id: spring
    start: "2027-03-01"
    sessions:
      1: {location: Utrecht}  # <- LJ011 LJ201
"""

MEANING_MISTAKES = """\
id: many-meaning-mistakes
title: Many mistakes of meaning
title: Again  # <- LJ007
goals:
  - {id: nps, title: NPS}
  - {id: nps, title: NPS again}  # <- LJ200
  - {id: revenue, title: Revenue}  # <- warning LJ210
objectives:
  - {id: listen, title: Listen, supports: [nps, npz]}  # <- LJ201
  - {id: unused, title: Unused, supports: [nps]}  # <- warning LJ209
phases:
  pre:
    activities:
      - id: intro
        title: Intro
        type: micro-module
        duration: 2h  # <- warning LJ205
        objectives: [listen, speak]  # <- LJ201
        prerequisites: [practise]  # <- LJ203
        content_file: content/missing.md  # <- LJ206
        questions:
          - question: Nothing is right  # <- LJ208
            choices:
              - {text: A, correct: false}
              - {text: B, correct: false}
      - id: reading
        title: Reading
        type: resource
        duration: 0m  # <- LJ205
        prerequisites: [later-reading]  # <- warning LJ213
      - id: later-reading
        title: Later reading
        type: resource
  learn:
    activities:
      - id: practise
        title: Practise
        type: workshop
        duration: 9d  # <- warning LJ205
        prerequisites: [cycle-b]  # <- LJ202 warning LJ213
        prework: [nothing-here]  # <- LJ201
        sessions:
          - {id: day-1, start: "13:00", end: "12:00"}  # <- LJ204
      - id: cycle-b
        title: Cycle B
        type: resource
        prerequisites: [practise]
      - id: intro  # <- LJ200
        title: Intro again
        type: resource
  post: {}
cohorts:
  - id: spring
    start: "2027-02-29"  # <- LJ207
    timezone: Europe/Amsterdm  # <- LJ207
    sessions:
      day-2: {location: Utrecht}  # <- LJ201
"""

_MARK = re.compile(r"#\s*<-\s*(.+)$")


def marked(text: str) -> tuple[Counter[tuple[str, int]], Counter[tuple[str, int]]]:
    """(errors, warnings) as the ``# <-`` markers in ``text`` declare them."""
    errors: Counter[tuple[str, int]] = Counter()
    warnings: Counter[tuple[str, int]] = Counter()
    for number, line in enumerate(text.splitlines(), 1):
        match = _MARK.search(line)
        if not match:
            continue
        words = match.group(1).split()
        warning = False
        for word in words:
            if word == "warning":
                warning = True
                continue
            assert re.fullmatch(r"LJ\d{3}", word), word
            (warnings if warning else errors)[(word, number)] += 1
            warning = False
    return errors, warnings


@pytest.mark.parametrize("text", [SCHEMA_MISTAKES, MEANING_MISTAKES], ids=["schema", "meaning"])
def test_every_mistake_is_reported_on_its_line(tmp_path: Path, text: str) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(text, encoding="utf-8")
    errors, warnings = marked(text)
    result = load_journeys([path], base=tmp_path)
    assert pairs(result.diagnostics) == errors, show(result.diagnostics)
    assert pairs(result.diagnostics, errors=False) == warnings, show(result.diagnostics)
    assert len({code for code, _line in errors}) >= 8


def test_the_command_prints_every_mistake_in_one_run(tmp_path: Path) -> None:
    for name, text in (("schema.yaml", SCHEMA_MISTAKES), ("meaning.yaml", MEANING_MISTAKES)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 1
    printed = set(re.findall(r"^(\S+\.yaml):(\d+):\d+: (?:error|warning) (LJ\d{3}) ", result.stdout, re.M))
    for name, text in (("schema.yaml", SCHEMA_MISTAKES), ("meaning.yaml", MEANING_MISTAKES)):
        errors, warnings = marked(text)
        for code, line in errors + warnings:
            assert (str(tmp_path / name), str(line), code) in printed, (name, code, line)


def test_a_dutch_draft_gets_every_mistake_in_one_run(tmp_path: Path) -> None:
    """Misspelt and Dutch keys, `1,5 uur`, `"10.30"`, 30 February, `America/NewYork`, an unknown
    id, a prerequisite that comes later and a Dutch type word: the schema errors do not hide the
    dates, times, time zones, references and order."""
    text = DUTCH_DRAFT.read_text(encoding="utf-8")
    errors, warnings = marked(text)
    assert sum(errors.values()) >= 12
    result = load_journeys([DUTCH_DRAFT], base=DUTCH_DRAFT.parent)
    # Each mistake once: the required `title` the misspelt `titel` stands for is said with it.
    found = pairs(result.diagnostics) - Counter({("LJ101", 2): 1})
    assert found == errors, show(result.diagnostics)
    assert pairs(result.diagnostics, errors=False) == warnings, show(result.diagnostics)
    hints = {(d.code, d.line): d.hint for d in result.diagnostics}
    assert hints[("LJ101", 2)] == "is `titel` a misspelling of `title`?"
    assert hints[("LJ104", line_of(text, "1,5 uur"))] == "write `1h30m`"
    assert hints[("LJ207", line_of(text, "America/NewYork"))] == "did you mean `America/New_York`?"
    assert hints[("LJ201", line_of(text, "micromodule-01"))] == "did you mean `micromodule-1`?"
    # a value of several allowed forms is explained by the form it has
    assert "peer, manager" in (hints[("LJ103", line_of(text, "leidinggevende"))] or "")
    # the activity with a Dutch type word still has its other fields checked
    assert find(result.diagnostics, "LJ104", line_of(text, '"10.30"'))
    assert find(result.diagnostics, "LJ103", line_of(text, "klassikaal"))


def test_the_dutch_draft_in_one_command_run() -> None:
    result = CliRunner().invoke(cli, ["validate", str(DUTCH_DRAFT)], catch_exceptions=False)
    assert result.exit_code == 1
    printed = set(re.findall(r"^\S+\.yaml:(\d+):\d+: error (LJ\d{3}) ", result.stdout, re.M))
    errors, _warnings = marked(DUTCH_DRAFT.read_text(encoding="utf-8"))
    assert {(str(line), code) for code, line in errors} <= printed
