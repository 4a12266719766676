"""Dates in a plan as the journey's own pages write them: ``di 18 mrt 2027`` in Dutch, ``Tue 18 Mar 2027``.

The names are the site's (``weekdays`` and ``months`` in ``site/locales``; a test keeps them
equal), held here because a review of a change does not load the site.
"""

from __future__ import annotations

from datetime import date

_WEEKDAYS = {"en": "Mon Tue Wed Thu Fri Sat Sun".split(), "nl": "ma di wo do vr za zo".split()}
_MONTHS = {
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
    "nl": "jan feb mrt apr mei jun jul aug sep okt nov dec".split(),
}
LANGUAGES = tuple(_WEEKDAYS)


def base_language(language: str | None) -> str:
    """``nl-BE`` → ``nl``; a language without names of its own → English."""
    base = (language or "en").split("-")[0].lower()
    return base if base in _WEEKDAYS else "en"


def day_text(day: date, language: str | None, with_year: bool = True) -> str:
    """``ma 17 mrt 2027`` (or without the year, when both sides of a change share it)."""
    lang = base_language(language)
    text = f"{_WEEKDAYS[lang][day.weekday()]} {day.day} {_MONTHS[lang][day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def names(language: str) -> tuple[list[str], list[str]]:
    """The weekday and month names of ``language`` (for the test that keeps them equal to the site's)."""
    return list(_WEEKDAYS[language]), list(_MONTHS[language])
