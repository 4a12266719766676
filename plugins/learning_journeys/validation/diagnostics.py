"""Problems found in journey files, each pointing at a file, line and column.

Every check in the project reports through :class:`Diagnostic` so that the CLI,
the MkDocs plugin and CI annotations all say the same thing in the same words.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path

from learning_journeys.model.vocabulary import LINT_CODES

JsonPath = tuple[str | int, ...]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


# Stable codes: documented in the README, used by editors, CI and tests.
CODES: dict[str, str] = {
    # reading the file
    "LJ001": "file cannot be read",
    "LJ002": "file is too large",
    "LJ003": "file is not valid UTF-8 or holds a NUL byte",
    "LJ004": "YAML syntax error",
    "LJ005": "more than one YAML document in a file",
    "LJ006": "the top level is not a mapping",
    "LJ007": "duplicate key",
    "LJ008": "tag not allowed",
    "LJ009": "anchors and aliases expand too far",
    "LJ010": "nesting too deep",
    "LJ011": "key is not text",
    "LJ012": "a `#` inside a value starts a comment",
    "LJ013": "merge key `<<` not supported",
    "LJ014": "value does not fit its tag",
    # schema
    "LJ100": "unknown key",
    "LJ101": "required key missing",
    "LJ102": "wrong type",
    "LJ103": "value not allowed",
    "LJ104": "value has the wrong form",
    "LJ105": "value out of range",
    "LJ106": "list too short or too long",
    "LJ107": "schema violation",
    # meaning
    "LJ200": "duplicate id",
    "LJ201": "reference to an unknown id",
    "LJ202": "prerequisites form a cycle",
    "LJ203": "prerequisite in a later phase",
    "LJ204": "session ends before it starts",
    "LJ205": "duration not plausible",
    "LJ206": "content file not found or outside the project",
    "LJ207": "invalid date or time zone",
    "LJ208": "knowledge check question has no correct choice",
    "LJ209": "objective served by no activity",
    "LJ210": "goal supported by no objective",
    "LJ211": "journey id does not match the rules",
    "LJ212": "duplicate journey id across files",
    "LJ213": "prerequisite is listed or planned after the activity that needs it",
    "LJ214": "unsafe link, or a link without https://",
    "LJ215": "a series that cannot run as written",
    "LJ216": "a period or deadline before the activity opens",
    "LJ217": "a reflection after an activity without meetings",
    "LJ218": "groups that meet in no activity",
    "LJ219": "enrolment closes after the cohort starts",
    "LJ220": "the same reflection written out once per meeting",
    "LJ221": "an id the site needs for a page of its own",
    "LJ222": "a language the pages have no labels in",
    # design lint: advice from the articles behind the project; warnings a journey or an
    # activity can switch off with `ignore_lint` (the why of each is in design_lint.py)
    "LJ301": "a workshop, intervision or assignment with no reflection after it",
    "LJ302": "the journey never asks for feedback",
    "LJ303": "the post phase is empty: nothing carries the learning into the job",
    "LJ304": "an objective that is never practised, checked or reflected on",
    "LJ305": "a goal without a KPI",
    "LJ306": "a micro-module longer than 15 minutes",
    "LJ307": "a workshop without pre-work",
    "LJ308": "every activity in one modality",
    "LJ309": "a meeting dated in the past in a published journey",
    "LJ310": "an image without alt text",
    "LJ311": "a link whose text does not say where it goes",
    "LJ312": "a heading level skipped",
    # our own failures
    "LJ900": "internal error",
}


@dataclass(frozen=True)
class Diagnostic:
    """One problem in one file. ``line`` and ``column`` are 1-based; 0 means unknown."""

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_advice(self) -> bool:
        """Design advice (the design lint): for `journeys validate`, not a reason to stop a build."""
        return self.code in LINT_CODES

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)


@dataclass(frozen=True)
class PendingDiagnostic:
    """A problem known by its place in the data, before its line is looked up.

    Locating a JSON path in the YAML source needs a second, slower parse; only
    files that have problems pay for it.
    """

    path: JsonPath
    code: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str | None = None
    # Point at the key itself rather than its value (for unknown keys).
    at_key: bool = False
    # A line of a multi-line text (1-based): pointed at itself when the text is a literal block (`|`).
    text_line: int | None = None


def display_path(path: Path, base: Path | None = None) -> str:
    """A path as the author knows it: relative to the working directory when possible."""
    real, folder = _real_path(path).parts, _real_folder(os.path.join(os.getcwd(), base or os.curdir)).parts
    if real[: len(folder)] != folder:
        return str(path)
    return str(Path(*real[len(folder) :]))


def _real_path(path: Path) -> Path:
    """``path`` with its symlinks resolved, its folder's looked up once per run."""
    if os.path.islink(path):
        return Path(os.path.realpath(path))
    return _real_folder(os.path.join(os.getcwd(), path.parent)) / path.name


@lru_cache(maxsize=64)
def _real_folder(folder: str) -> Path:
    """The folder (from the root) with its symlinks resolved: once per run, not per file shown."""
    return Path(os.path.realpath(folder))
