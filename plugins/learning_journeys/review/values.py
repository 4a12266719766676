"""One field before → after, as the plan writes it: short values in full, lists of ids joined,
long texts only as "changed" (their words are in the YAML diff)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields

from learning_journeys.review.changes import Change
from learning_journeys.review.wording import Words

_SHORT = 80  # a text up to this long is shown before → after; a longer one only as "changed"


def field_changes(old: object, new: object, words: Words, skip: Iterable[str] = ()) -> list[Change]:
    """Every field of ``new`` that ``old`` has too and that differs: values when they are short,
    ids when they are lists of things with ids, else only that it changed. Fields added to the
    model later are compared without a change here."""
    skipped = set(skip)
    out = []
    for f in fields(new):  # type: ignore[arg-type]
        if f.name in skipped or not hasattr(old, f.name):
            continue
        x, y = getattr(old, f.name), getattr(new, f.name)
        if x == y:
            continue
        if isinstance(x, tuple) and isinstance(y, tuple):
            x, y = _listed(x), _listed(y)
        if is_short(x) and is_short(y) and text_of(x, words) != text_of(y, words):
            out.append(Change(f.name, text_of(x, words), text_of(y, words)))
        else:
            out.append(Change(f.name))
    return out


def _listed(values: tuple[object, ...]) -> object:
    """A list of texts, or of things with ids, as ``a, b``; anything else as it is."""
    if all(isinstance(v, str) for v in values):
        return ids_text(values)  # type: ignore[arg-type]
    if all(hasattr(v, "id") for v in values):
        return ids_text(v.id for v in values)  # type: ignore[attr-defined]
    return values


def is_short(value: object) -> bool:
    if isinstance(value, str):
        return len(value) <= _SHORT and "\n" not in value
    return value is None or isinstance(value, (int, bool))


def text_of(value: object, words: Words) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return words.yes_no(value)
    return str(value)


def ids_text(values: Iterable[str]) -> str | None:
    return ", ".join(values) or None
