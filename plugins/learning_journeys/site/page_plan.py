"""What site generation produces: pages as Markdown with their place and navigation.

Plain data, so that any generator (MkDocs today) can take the pages.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from learning_journeys.model.journey import Activity, Journey


@dataclass(frozen=True)
class RenderOptions:
    """What the generated site looks like; the plugin fills it from its config."""

    prefix: str = "journeys"
    site_language: str | None = None
    sanitize: bool = True
    template_dirs: tuple[Path, ...] = ()
    nav_title: str | None = None
    workbook: bool = False  # a PDF workbook per journey, linked from its overview


@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it goes, its nav title, its Markdown and its source."""

    uri: str
    title: str
    markdown: str
    kind: str
    journey_id: str | None = None
    source: Path | None = None
    activity_path: tuple[str | int, ...] | None = None
    # For the page's <head>: its language and schema.org JSON-LD (already escaped for <script>).
    language: str | None = None
    jsonld: str | None = None
    # False for pages linked from others but kept out of the learner's navigation (run sheets).
    in_nav: bool = True


@dataclass(frozen=True)
class NavNode:
    title: str
    uri: str | None = None
    children: tuple[NavNode, ...] = ()
    journey_id: str | None = None


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[PageSpec, ...]
    nav: NavNode
    extra_files: tuple[tuple[str, bytes], ...] = field(default_factory=tuple)


class Uris:
    """Where every page of a journey lives, relative to the docs folder."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix.strip("/")

    def _join(self, *parts: str) -> str:
        return posixpath.join(*(p for p in (self.prefix, *parts) if p))

    def catalogue(self) -> str:
        return self._join("index.md")

    def journey(self, j: Journey) -> str:
        return self._join(j.id, "index.md")

    def journey_data(self, j: Journey) -> str:
        """The journey as the catalogue's script needs it, once a learner has started it (JSON)."""
        return self._join(j.id, "journey.json")

    def folder(self, journey_id: str) -> str:
        """The folder that holds every page and file of a journey, and nothing else."""
        return self._join(journey_id)

    def phase(self, j: Journey, key: str) -> str:
        return self._join(j.id, key, "index.md")

    def activity(self, j: Journey, phase_key: str, activity: Activity) -> str:
        return self._join(j.id, phase_key, f"{activity.id}.md")

    def manager(self, j: Journey) -> str:
        return self._join(j.id, "manager.md")

    def agenda(self, j: Journey, cohort_id: str) -> str:
        return self._join(j.id, "agenda", f"{cohort_id}.md")

    def workbook(self, j: Journey) -> str:
        """The journey's PDF workbook, next to its overview."""
        return self._join(j.id, f"{j.id}.pdf")

    def run_sheet(self, j: Journey, activity: Activity) -> str:
        """The facilitator's page of a workshop or intervision (out of the learner's navigation)."""
        return self._join(j.id, "facilitator", f"{activity.id}.md")
