"""The plan's words in English and Dutch: a Dutch team reviews its Dutch journeys in Dutch.

Ids, YAML keys (``duration``, ``phase``), phase keys, types and modalities stay as the author
writes them in the file; everything around them follows the plan's language. The words match
the site's (``site/locales``: ``u`` for hours, ``vervalt``, ``Leerdoelen``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from learning_journeys.model.durations import humanize
from learning_journeys.review.dates import base_language

_EN = {
    "hour": "h",
    "minute": "min",
    "total": "total",
    "yes": "yes",
    "no": "no",
    "day": "day {n}",
    "no_day": "no day",
    "every_week": "every week",
    "every_weeks": "every {n} weeks",
    "every_days": "every {n} days",
    "until_day": "until day {n}",
    "no_date": "no date",
    "no_place": "no place",
    "cancelled": "(cancelled)",
    "work_tree": "working tree",
    "no_changes": "No changes ({n} journeys compared).",
    "no_changes_1": "No changes (1 journey compared).",
    "plan": "Plan: {counts} · journeys: {journeys}",
    "comparing": "Comparing {base} with {head}.",
    "added": "added",
    "changed": "changed",
    "removed": "removed",
    "unreadable": "could not be read",
    "field_changed": "{field} changed",
    "at": "at ",
    "progress_note": "learners' saved progress stays under the old id and does not carry over",
    "activities_count": "{before} → {after} activities",
    "gains": "gains",
    "loses": "loses",
    "unserved": "no activity serves it any more",
    "check": "check:",
    "show_all": "Show all {n}",
    "s_problems": "Problems",
    "s_journey": "Journey",
    "s_activities": "Activities",
    "s_dates": "Dates",
    "s_objectives": "Objectives",
    "s_goals": "Goals",
    "s_cohorts": "Cohorts",
    "s_time": "Time",
    "s_coverage": "Coverage of objectives",
}

_NL = {
    "hour": "u",
    "minute": "min",
    "total": "totaal",
    "yes": "ja",
    "no": "nee",
    "day": "dag {n}",
    "no_day": "geen dag",
    "every_week": "elke week",
    "every_weeks": "elke {n} weken",
    "every_days": "elke {n} dagen",
    "until_day": "tot en met dag {n}",
    "no_date": "geen datum",
    "no_place": "geen locatie",
    "cancelled": "(vervalt)",
    "work_tree": "werkmap",
    "no_changes": "Geen wijzigingen ({n} leertrajecten vergeleken).",
    "no_changes_1": "Geen wijzigingen (1 leertraject vergeleken).",
    "plan": "Plan: {counts} · leertrajecten: {journeys}",
    "comparing": "{base} vergeleken met {head}.",
    "added": "toegevoegd",
    "changed": "gewijzigd",
    "removed": "verwijderd",
    "unreadable": "niet te lezen",
    "field_changed": "{field} gewijzigd",
    "at": "in ",
    "progress_note": "de opgeslagen voortgang van deelnemers blijft bij het oude id en gaat niet mee",
    "activities_count": "{before} → {after} activiteiten",
    "gains": "nu ook",
    "loses": "niet meer",
    "unserved": "geen activiteit werkt er nog aan",
    "check": "let op:",
    "show_all": "Toon alle {n}",
    "s_problems": "Problemen",
    "s_journey": "Leertraject",
    "s_activities": "Activiteiten",
    "s_dates": "Data",
    "s_objectives": "Leerdoelen",
    "s_goals": "Doelen",
    "s_cohorts": "Cohorten",
    "s_time": "Tijd",
    "s_coverage": "Dekking van de leerdoelen",
}

_CATALOGUES = {"en": _EN, "nl": _NL}
LANGUAGES = tuple(_CATALOGUES)


@dataclass(frozen=True)
class Words:
    """The words of one language: ``words("day", n=3)`` → ``dag 3``."""

    language: str

    def __call__(self, key: str, **values: object) -> str:
        return _CATALOGUES[self.language][key].format(**values)

    def template(self, key: str) -> str:
        """The text with its ``{placeholders}`` unfilled."""
        return _CATALOGUES[self.language][key]

    def minutes(self, minutes: int | None) -> str | None:
        return None if minutes is None else humanize(minutes, self("hour"), self("minute"))

    def yes_no(self, value: bool) -> str:
        return self("yes" if value else "no")


def words_for(language: str | None) -> Words:
    return Words(base_language(language) if base_language(language) in _CATALOGUES else "en")


def shared_language(languages: Iterable[str | None]) -> str:
    """The language all the journeys share (``nl`` and ``nl-BE`` are one), else English."""
    found = {base_language(lang) for lang in languages}
    return found.pop() if len(found) == 1 else "en"


def catalogue_keys(language: str) -> set[str]:
    """For the test that keeps both languages complete."""
    return set(_CATALOGUES[language])
