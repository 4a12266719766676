"""Material's own texts in the language of each page, not only the site's.

Material prints its texts (search, table of contents, skip link, footer, edit link) from
``theme.language`` for the whole site. The plugin's ``theme/partials/language.html`` reads
what :func:`theme_texts` puts in the page's meta instead, so an English journey on a Dutch
site gets English texts, and ``<html lang>`` says ``nl-BE`` where the journey does.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from learning_journeys.site.labels import labels_for


def material_language(language: str | None, theme_dirs: Sequence[str]) -> str | None:
    """The name of Material's language file for ``language`` (``nl-BE`` has ``nl``), if there is one."""
    if not language:
        return None
    base = language.split("-")[0].lower()
    for name in (language, base):
        if any((Path(d) / "partials" / "languages" / f"{name}.html").is_file() for d in theme_dirs):
            return name
    return None


def theme_texts(page_language: str | None, site_language: str | None, theme_dirs: Sequence[str]) -> dict[str, Any]:
    """What the theme overrides need for a page: its language, Material's texts and ours."""
    language = page_language or site_language
    labels = labels_for(language, site_language)
    base = (language or "").split("-")[0].lower()
    foreign = bool(page_language) and base != (site_language or "").split("-")[0].lower()
    return {
        "language": page_language,
        "texts": material_language(page_language, theme_dirs),
        "made_with": labels("made_with"),
        # The site's own names for the colour toggle are in the site's language.
        "palette": {"dark": labels("palette_dark"), "light": labels("palette_light")} if foreign else None,
    }
