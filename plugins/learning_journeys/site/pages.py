"""Rendering journeys into Markdown pages with Jinja2 templates.

Plain Python: a list of journeys in, a :class:`SitePlan` (pages as Markdown,
navigation, extra files) out. The MkDocs plugin only hands these to MkDocs, so
the pages could move to another generator.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache, lru_cache
from importlib import util as importlib_util
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from learning_journeys.model.activity_types import ACTIVITY_TYPES
from learning_journeys.model.durations import humanize
from learning_journeys.model.journey import PHASE_KEYS, Activity, Journey, Phase
from learning_journeys.package_data import templates_dir
from learning_journeys.site.calendars import calendar_uri
from learning_journeys.site.jsonld import journey_jsonld
from learning_journeys.site.labels import Labels, labels_for
from learning_journeys.site.sanitize import clean_markdown, plain_text, safe_url
from learning_journeys.site.schedule import cohort_sessions
from learning_journeys.site.stats import JourneyStats, journey_stats


@dataclass(frozen=True)
class RenderOptions:
    """What the generated site looks like; the plugin fills it from its config."""

    prefix: str = "journeys"
    site_language: str | None = None
    sanitize: bool = True
    template_dirs: tuple[Path, ...] = ()
    nav_title: str | None = None


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

    def phase(self, j: Journey, key: str) -> str:
        return self._join(j.id, key, "index.md")

    def activity(self, j: Journey, phase_key: str, activity: Activity) -> str:
        return self._join(j.id, phase_key, f"{activity.id}.md")

    def agenda(self, j: Journey, cohort_id: str) -> str:
        return self._join(j.id, "agenda", f"{cohort_id}.md")


@cache
def _material_icons_dir() -> Path | None:
    spec = importlib_util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "templates" / ".icons" / "material"
    return path if path.is_dir() else None


@cache
def icon(name: str) -> Markup:
    """An inline Material Design icon (no web font, no request), or nothing if unavailable."""
    folder = _material_icons_dir()
    if folder is None or not (folder / f"{name}.svg").is_file():
        return Markup("")
    svg = (folder / f"{name}.svg").read_text(encoding="utf-8")
    return Markup(f'<span class="lj-icon" aria-hidden="true">{svg}</span>')


@lru_cache(maxsize=8)
def make_environment(options: RenderOptions) -> Environment:
    """The Jinja2 environment: a site's own template folder first, then ours.

    Cached: compiling the templates costs more than rendering a small site, and
    Jinja reloads a template whose file changed (``mkdocs serve`` with overrides).
    """
    loaders = [FileSystemLoader(str(d)) for d in options.template_dirs]
    loaders.append(FileSystemLoader(str(templates_dir())))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["t"] = lambda v: Markup(plain_text(v))
    env.filters["md"] = lambda v: Markup(clean_markdown(v, options.sanitize))
    env.filters["url"] = lambda v: Markup(escape(safe_url(v)))
    env.filters["attr"] = lambda v: escape(" ".join(str(v).split()) if v is not None else "")
    env.filters["indent_md"] = _indent_md
    env.globals["icon"] = icon
    env.globals["activity_types"] = ACTIVITY_TYPES
    env.globals["leader_label"] = _leader_label
    env.globals["calendar_uri"] = lambda *ids: calendar_uri(options.prefix, *ids)
    return env


def _leader_label(activity: Activity) -> str:
    """The label of who leads ``activity``: "facilitator", "coach", as its type names the role."""
    leader = ACTIVITY_TYPES[activity.type].leader
    return leader.label or leader.key if leader is not None else "facilitator"


def _indent_md(value: Markup | str, width: int = 4) -> Markup:
    """Indent Markdown to sit inside an admonition or a list item."""
    pad = " " * width
    lines = str(value).splitlines()
    return Markup("\n".join((pad + line) if line.strip() else "" for line in lines))


class _PageContext:
    """Helpers every template gets: labels, links relative to the current page, durations."""

    def __init__(self, uri: str, labels: Labels) -> None:
        self.uri = uri
        self.labels = labels

    def link(self, target: str) -> str:
        return posixpath.relpath(target, posixpath.dirname(self.uri) or ".")

    def date(self, day: date | None) -> Markup:
        """``wo 3 mrt 2027``: a weekday helps learners more than an ISO date; the ISO date stays
        machine-readable in ``datetime``."""
        if day is None:
            return Markup(escape(self.labels("tba")))
        weekdays = self.labels("weekdays").split()
        months = self.labels("months").split()
        text = f"{weekdays[day.weekday()]} {day.day} {months[day.month - 1]} {day.year}"
        return Markup(f'<time datetime="{day.isoformat()}">{escape(text)}</time>')

    def session_title(self, title: str | None, activity: Activity, number: int) -> str:
        """A session's own title, else one a learner can read: never its id."""
        if title:
            return title
        if len(activity.sessions) == 1:
            return activity.title
        return f"{self.labels('session')} {number}"

    def language_name(self, code: str | None) -> str:
        if not code:
            return ""
        name = self.labels(f"lang_{code}")
        return code if name == f"lang_{code}" else name

    def duration(self, minutes: int | None) -> str:
        if not minutes:
            return "–"
        return humanize(minutes, self.labels("hours"), self.labels("minutes"))


def build_site(journeys: Sequence[Journey], options: RenderOptions | None = None) -> SitePlan:
    """Every page and the navigation for ``journeys``, in catalogue order."""
    options = options or RenderOptions()
    env = make_environment(options)
    uris = Uris(options.prefix)
    site_labels = labels_for(options.site_language, None)
    ordered = sorted(journeys, key=lambda j: (j.title.lower(), j.id))
    pages: list[PageSpec] = []
    nav_children: list[NavNode] = []

    catalogue_uri = uris.catalogue()
    stats = {j.id: journey_stats(j) for j in ordered}
    pages.append(
        PageSpec(
            catalogue_uri,
            options.nav_title or site_labels("journeys"),
            _render(
                env,
                "catalogue.md.j2",
                catalogue_uri,
                site_labels,
                journeys=ordered,
                stats=stats,
                uris=uris,
                labels_for=lambda j: labels_for(j.language, options.site_language),
            ),
            "catalogue",
        )
    )
    nav_children.append(NavNode(site_labels("overview"), catalogue_uri))
    for journey in ordered:
        journey_pages, journey_nav = _journey_pages(env, uris, journey, stats[journey.id], options)
        pages.extend(journey_pages)
        nav_children.append(journey_nav)
    nav = NavNode(options.nav_title or site_labels("journeys"), None, tuple(nav_children))
    return SitePlan(tuple(pages), nav)


def _journey_pages(
    env: Environment, uris: Uris, journey: Journey, stats: JourneyStats, options: RenderOptions
) -> tuple[list[PageSpec], NavNode]:
    labels = labels_for(journey.language, options.site_language)
    order = [(p, a) for p, a in journey.activities()]
    activity_uri = {a.id: uris.activity(journey, p.key, a) for p, a in order}
    schedules = {c.id: cohort_sessions(journey, c) for c in journey.cohorts}
    common: dict[str, Any] = {
        "journey": journey,
        "stats": stats,
        "uris": uris,
        "activity_uri": activity_uri,
        "schedules": schedules,
        "PHASE_KEYS": PHASE_KEYS,
    }
    pages: list[PageSpec] = []
    journey_uri = uris.journey(journey)
    jsonld = journey_jsonld(journey, schedules)
    pages.append(
        PageSpec(
            journey_uri,
            journey.title,
            _render(
                env,
                "journey.md.j2",
                journey_uri,
                labels,
                timeline=_timeline(journey),
                **common,
            ),
            "journey",
            journey.id,
            journey.source,
        )
    )
    nav: list[NavNode] = [NavNode(journey.title, journey_uri)]
    for phase in journey.phases:
        phase_uri = uris.phase(journey, phase.key)
        title = phase.title or labels(f"phase_{phase.key}")
        pages.append(
            PageSpec(
                phase_uri,
                title,
                _render(env, "phase.md.j2", phase_uri, labels, phase=phase, phase_title=title, **common),
                "phase",
                journey.id,
                journey.source,
                ("phases", phase.key),
            )
        )
        children = [NavNode(title, phase_uri)]
        for index, activity in enumerate(phase.activities):
            uri = activity_uri[activity.id]
            position = order.index((phase, activity))
            previous = order[position - 1] if position > 0 else None
            following = order[position + 1] if position + 1 < len(order) else None
            sessions_by_cohort = {
                cid: [s for s in sched if s.activity.id == activity.id] for cid, sched in schedules.items()
            }
            pages.append(
                PageSpec(
                    uri,
                    activity.title,
                    _render(
                        env,
                        "activity.md.j2",
                        uri,
                        labels,
                        phase=phase,
                        phase_title=title,
                        activity=activity,
                        previous=previous,
                        following=following,
                        sessions_by_cohort=sessions_by_cohort,
                        **common,
                    ),
                    "activity",
                    journey.id,
                    *_edit_target(journey, activity, ("phases", phase.key, "activities", index)),
                )
            )
            children.append(NavNode(activity.title, uri))
        nav.append(NavNode(title, None, tuple(children)))
    if journey.cohorts:
        agenda_nav = []
        for cohort in journey.cohorts:
            uri = uris.agenda(journey, cohort.id)
            title = cohort.title or cohort.id
            pages.append(
                PageSpec(
                    uri,
                    title,
                    _render(
                        env,
                        "agenda.md.j2",
                        uri,
                        labels,
                        cohort=cohort,
                        sessions=schedules[cohort.id],
                        **common,
                    ),
                    "agenda",
                    journey.id,
                    journey.source,
                    ("cohorts", journey.cohorts.index(cohort)),
                )
            )
            agenda_nav.append(NavNode(title, uri))
        nav.append(NavNode(labels("agenda"), None, tuple(agenda_nav)))
    language = journey.language or options.site_language
    pages = [
        replace(p, language=language, jsonld=_script_json(jsonld) if p.kind == "journey" else None)
        for p in pages
    ]
    return pages, NavNode(journey.title, None, tuple(nav), journey.id)


def _edit_target(
    journey: Journey, activity: Activity, path: tuple[str | int, ...]
) -> tuple[Path, tuple[str | int, ...] | None]:
    """What "edit this page" opens: a micro-module's Markdown file when its content lives there."""
    content_file = getattr(activity, "content_file", None)  # only micro-modules have one
    if content_file:
        return journey.source.parent / content_file, None
    return journey.source, path


def _timeline(journey: Journey) -> list[tuple[int | None, list[tuple[Phase, Activity]]]]:
    """Activities grouped by week (None: no week given), weeks ascending."""
    # An activity without a week stays where the designer put it: after the one before it.
    placed: list[tuple[int, int, int | None, Phase, Activity]] = []
    current = 0
    for order, (phase, activity) in enumerate(journey.activities()):
        if activity.week is not None:
            current = activity.week
        placed.append((current, order, activity.week, phase, activity))
    placed.sort(key=lambda item: (item[0], item[1]))
    rows: list[tuple[int | None, list[tuple[Phase, Activity]]]] = []
    for _sort_week, _order, week, phase, activity in placed:
        if rows and week is not None and rows[-1][0] == week:
            rows[-1][1].append((phase, activity))
        else:
            rows.append((week, [(phase, activity)]))
    return rows


def _script_json(data: Any) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _render(env: Environment, template: str, uri: str, labels: Labels, **context: Any) -> str:
    page = _PageContext(uri, labels)
    return env.get_template(template).render(
        page=page,
        L=labels,
        link=page.link,
        duration=page.duration,
        date=page.date,
        language_name=page.language_name,
        session_title=page.session_title,
        **context,
    )


def problems_page(diagnostics_text: str, labels: Labels) -> str:
    """The page `mkdocs serve` shows while the journeys have errors."""
    body = "\n".join("    " + line for line in diagnostics_text.splitlines())
    return (
        f"# {plain_text(labels('problems_title'))}\n\n"
        f"{plain_text(labels('problems_intro'))}\n\n"
        f"```text\n{diagnostics_text}\n```\n"
        if "```" not in diagnostics_text
        else f"# {plain_text(labels('problems_title'))}\n\n{body}\n"
    )
