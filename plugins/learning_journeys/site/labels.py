"""Page labels in Dutch and English, from message catalogues rather than templates."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DEFAULT_LANGUAGE = "en"
_DIR = Path(__file__).resolve().parent / "locales"


@cache
def _catalogue(language: str) -> dict[str, str]:
    path = _DIR / f"{language}.json"
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


class Labels:
    """Labels for one language, falling back to English for anything missing.

    A key English lacks too is a bug in a template or in the code: it raises
    :class:`KeyError` instead of showing the key on a page. ``tests/test_labels.py``
    checks that every locale has every key used.
    """

    def __init__(self, language: str | None) -> None:
        base = (language or DEFAULT_LANGUAGE).split("-")[0].lower()
        self.language = base if _catalogue(base) else DEFAULT_LANGUAGE
        self._own = _catalogue(self.language)
        self._fallback = _catalogue(DEFAULT_LANGUAGE)

    def get(self, key: str) -> str | None:
        """The label of ``key``, or None when no catalogue has it (for keys that may be absent)."""
        return self._own.get(key) or self._fallback.get(key) or None

    def __call__(self, key: str) -> str:
        label = self.get(key)
        if label is None:
            raise KeyError(f"no label {key!r} in the {self.language!r} or English catalogue")
        return label

    def __getitem__(self, key: str) -> str:
        return self(key)


def labels_for(journey_language: str | None, site_language: str | None) -> Labels:
    """The journey's own language first, then the theme's, then English."""
    for lang in (journey_language, site_language):
        if lang and _catalogue(lang.split("-")[0].lower()):
            return Labels(lang)
    return Labels(DEFAULT_LANGUAGE)
