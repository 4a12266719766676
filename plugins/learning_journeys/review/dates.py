"""Dates in a plan as the journey's own pages write them: ``wo 17 mrt 2027``, ``Wed, Mar 17, 2027``.

The same CLDR skeleton as the site's ``format_day`` (Babel), held here because a review of a
change does not load the site; a test keeps the two equal. Pages have labels in English and
Dutch only, and show a journey in another language with English ones: so does the plan.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_skeleton

DAY_SKELETON = "yMMMEd"  # as site/templates.py
DAY_IN_YEAR_SKELETON = "MMMEd"  # both sides of a change in the same year: "wo 17 mrt → do 18 mrt"
LANGUAGES = ("en", "nl")


def base_language(language: str | None) -> str:
    """``nl-BE`` → ``nl``; a language the pages have no labels in → English."""
    base = (language or "en").split("-")[0].lower()
    return base if base in LANGUAGES else "en"


def day_text(day: date, language: str | None, with_year: bool = True) -> str:
    """The day with its weekday in the journey's language, with or without the year."""
    skeleton = DAY_SKELETON if with_year else DAY_IN_YEAR_SKELETON
    return str(format_skeleton(skeleton, day, locale=base_language(language)))
