"""The stylesheet and script the generated pages use, shipped inside the package.

They are served from the site itself: no CDN, no web fonts, no request that
leaves the learner's browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ASSET_PREFIX = "assets/learning-journeys"
_DIR = Path(__file__).resolve().parent / "assets"
# The scripts a page loads. Every other .js file is an ES module one of them imports.
PAGE_SCRIPTS = frozenset({"learning-journeys.js"})


@dataclass(frozen=True)
class Asset:
    uri: str
    content: bytes
    linked: bool = True
    """Whether pages link it (a stylesheet, a page script), not a script importing it."""


@lru_cache(maxsize=1)
def asset_files() -> tuple[Asset, ...]:
    """Every asset with the site path it is published at."""
    return tuple(
        Asset(
            f"{ASSET_PREFIX}/{path.name}",
            path.read_bytes(),
            linked=path.suffix == ".css" or path.name in PAGE_SCRIPTS,
        )
        for path in sorted(_DIR.iterdir())
        if path.suffix in (".css", ".js")
    )
