"""The words and constants of the journey format that more than one layer needs.

Phases, modalities, id and time patterns, the working day and the default time
zone are defined once here; the schema, the checks, the pages and the JSON-LD
read them from this module instead of keeping copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PhaseKey = Literal["pre", "learn", "post"]
PHASE_KEYS: tuple[PhaseKey, ...] = ("pre", "learn", "post")

# Patterns of the format, for the JSON Schema and for checks on raw data.
SLUG = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
DATE = r"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"
TIME = r"^(?:[01]?[0-9]|2[0-3]):[0-5][0-9]$"
LANG = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
# Languages the generated pages have labels in (site/locales/*.json; tests/test_labels.py keeps
# the two lists equal). A journey in another language gets English labels, and a warning.
PAGE_LANGUAGES: tuple[str, ...] = ("en", "nl")
URL = r"^(?:https?://|mailto:)[^\s]+$"
TIMEZONE = r"^[A-Za-z_]+(?:/[A-Za-z0-9_+-]+)*$"

# `1d` in a duration: the working day L&D plans with (and counts time away from work in).
WORKDAY_MINUTES = 8 * 60
# Where the first users are; a cohort without `timezone` runs in it.
DEFAULT_TIMEZONE = "Europe/Amsterdam"

# The design lint's warnings (what each means is in validation/diagnostics.py): a journey or an
# activity that departs from the advice on purpose switches them off with `ignore_lint`.
LINT_CODES: tuple[str, ...] = (
    "LJ301", "LJ302", "LJ303", "LJ304", "LJ305", "LJ306",
    "LJ307", "LJ308", "LJ309", "LJ310", "LJ311", "LJ312",
)  # fmt: skip


@dataclass(frozen=True)
class Modality:
    """How and where an activity happens, and its schema.org ``courseMode``."""

    name: str
    course_mode: str
    words: str = ""  # what authors type for it, for did-you-mean hints

    @property
    def label_key(self) -> str:
        return f"modality_{self.name}"


MODALITIES: dict[str, Modality] = {
    m.name: m
    for m in (
        Modality("online", "online", "digitaal e-learning"),
        Modality("classroom", "onsite", "klassikaal fysiek"),
        Modality("virtual-classroom", "online", "virtueel webinar"),
        Modality("on-the-job", "onsite", "werkplek werkend-leren"),
        Modality("at-home", "online", "thuis"),
        Modality("blended", "blended", "gemengd"),
    )
}
