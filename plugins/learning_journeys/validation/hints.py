"""What an author probably meant: Dutch (and common English) words for keys and activity
types, and the corrected form of dates, times, durations, links and word-processor quotes.

Used by ``schema_check`` for its hints and by ``rules`` for links without a scheme.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from learning_journeys.model.activity_types import ACTIVITY_TYPES
from learning_journeys.model.durations import parse_duration
from learning_journeys.model.vocabulary import MODALITIES, WORKDAY_MINUTES

CURLY_QUOTES = "“”‘’„‚"


def _words(table: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """``{target: "word word"}`` → ``{word: (target, ...)}``, targets in table order."""
    out: dict[str, tuple[str, ...]] = {}
    for target, words in table.items():
        for word in words.split():
            out[word] = out.get(word, ()) + (target,)
    return out


# A word with several targets suggests the first that is allowed where it stands:
# `begeleider` is `facilitator` in a workshop and `coach` in coaching.
KEY_WORDS = _words(
    {
        "title": "titel naam name",
        "description": "omschrijving beschrijving toelichting",
        "summary": "samenvatting",
        "audience": "doelgroep",
        "owner": "eigenaar",
        "language": "taal lang",
        "version": "versie",
        "goals": "doelen doel organisatiedoelen",
        "objectives": "leerdoelen leerdoel doelen",
        "activities": "activiteiten",
        "sessions": "sessies sessie bijeenkomsten",
        "phases": "fasen fases",
        "pre": "voorbereiding",
        "learn": "leerfase",
        "post": "toepassing",
        "cohorts": "cohorten groepen",
        "type": "soort",
        "kind": "soort",
        "duration": "duur tijdsduur",
        "facilitator": "trainer begeleider docent coach",
        "coach": "begeleider trainer",
        "location": "locatie plaats",
        "day": "dag",
        "date": "datum",
        "start": "begin begintijd starttijd",
        "end": "eind einde eindtijd",
        "time": "tijd",
        "timezone": "tijdzone",
        "topic": "onderwerp",
        "agenda": "programma",
        "prework": "voorwerk voorbereiding",
        "questions": "vragen kennischeck toets quiz",
        "prompts": "vragen reflectievragen",
        "question": "vraag",
        "choices": "keuzes antwoorden",
        "text": "tekst antwoord",
        "correct": "juist goed",
        "explanation": "uitleg",
        "content": "inhoud",
        "task": "opdracht",
        "deliverable": "resultaat product",
        "evidence": "bewijs",
        "checked_by": "beoordelaar",
        "booking": "boeken reserveren",
        "url": "link website",
        "booking_url": "link website",
        "author": "auteur",
        "optional": "verplicht optioneel",
        "prerequisites": "voorkennis voorwaarden prereqs",
        "modality": "werkvorm vorm",
        "group_size": "groepsgrootte",
        "method": "methode",
        "format": "formaat",
        "supports": "ondersteunt",
        "level": "niveau",
        "evaluation": "evaluatie",
        "when": "wanneer",
        "target": "streefwaarde",
        "week": "weeknummer",
    }
)

ACTIVITY_TYPE_WORDS = {word: spec.name for spec in ACTIVITY_TYPES.values() for word in spec.words.split()}
MODALITY_WORDS = {word: m.name for m in MODALITIES.values() for word in m.words.split()}


def key_for(word: str, allowed: list[str], written: Any = ()) -> str | None:
    """The allowed key, not yet ``written``, that a (Dutch) ``word`` stands for, if we know it."""
    targets = KEY_WORDS.get(str(word).strip().lower(), ())
    return next((k for k in targets if k in allowed and k not in written), None)


def has_curly_quotes(value: Any, anywhere: bool = False) -> bool:
    if not isinstance(value, str) or not value:
        return False
    if anywhere:
        return any(c in CURLY_QUOTES for c in value)
    return value[0] in CURLY_QUOTES or value[-1] in CURLY_QUOTES


def curly_quotes_hint(key: Any, value: str) -> str:
    straight = json.dumps(value.translate({ord(c): None for c in CURLY_QUOTES}).strip(), ensure_ascii=False)
    written = f"{key}: {straight}" if isinstance(key, str) else straight
    return f"curly quotes from a word processor: use straight quotes, `{written}`"


_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")


def fixed_date(text: str) -> str | None:
    """``15-09-2027``, ``15/09/2027``, ``2027-9-15`` → ``2027-09-15`` (day first, as in Dutch)."""
    text = text.strip()
    if m := _DMY.match(text):
        day, month, year = m.groups()
    elif m := _YMD.match(text):
        year, month, day = m.groups()
    else:
        return None
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def fixed_time(text: str) -> str | None:
    """``9.30``, ``9u30``, ``9h30`` → ``09:30``."""
    m = re.match(r"^(\d{1,2})\s*[.:uh]\s*(\d{2})$", text.strip().lower())
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        return None
    return f"{int(m[1]):02d}:{m[2]}"


_UNIT_MINUTES = {
    word: minutes
    for minutes, words in (
        (WORKDAY_MINUTES, "d dag dagen day days"),
        (60, "h u uur uren hr hrs hour hours"),
        (1, "m min mins minuut minuten minute minutes"),
    )
    for word in words.split()
}
_DURATION_WORDS = {
    "uur": 60,
    "half uur": 30,
    "halfuur": 30,
    "anderhalf uur": 90,
    "kwartier": 15,
    "driekwartier": 45,
}
_DURATION_PART = r"(\d+(?:[.,]\d+)?)\s*([a-z]+)\.?\s*"


def fixed_duration(text: str) -> str | None:
    """``2 uur`` → ``2h``, ``1,5h`` → ``1h30m``, ``90 minuten`` → ``90m``, ``half uur`` → ``30m``."""
    words = " ".join(text.lower().split())
    words = words.removeprefix("een ")
    if words in _DURATION_WORDS:
        minutes, units = _DURATION_WORDS[words], {60}
    else:
        if not re.fullmatch(f"(?:{_DURATION_PART})+", words):
            return None
        parts = re.findall(_DURATION_PART, words)
        if any(u not in _UNIT_MINUTES or len(n) > 8 for n, u in parts):
            return None  # an unknown unit, or a number no duration has
        units = {_UNIT_MINUTES[u] for _n, u in parts}
        minutes = round(sum(float(n.replace(",", ".")) * _UNIT_MINUTES[u] for n, u in parts))
    if minutes <= 0:
        return None
    if units == {1}:
        out = f"{minutes}m"
    elif WORKDAY_MINUTES in units and minutes % WORKDAY_MINUTES == 0:
        out = f"{minutes // WORKDAY_MINUTES}d"
    else:
        hours, mins = divmod(minutes, 60)
        out = (f"{hours}h" if hours else "") + (f"{mins}m" if mins else "")
    return out if parse_duration(out) == minutes else None


# `www.example.nl`, `www.example.nl/x` or `teams.microsoft.com/l/...`: a host, no scheme.
BARE_HOST = re.compile(
    r"^(?:www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#]|$)|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/)", re.I
)


def fixed_url(text: str) -> str | None:
    """A link without its scheme, with it: ``https://`` for a host, ``mailto:`` for an address."""
    text = text.strip()
    if BARE_HOST.match(text):
        return "https://" + text
    if re.fullmatch(r"[^@\s/:]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+", text, re.I):
        return "mailto:" + text
    return None
