"""A journey's workbook as a PDF: the whole journey on paper, with room to write.

Rendered from our own HTML template (Jinja, autoescaped) and laid out by WeasyPrint at
build time. The PDF loads nothing: no fonts or images from the web (system fonts only),
and a URL fetcher that refuses every address, so a build makes no request elsewhere.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import nh3
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markdown import Markdown
from markupsafe import Markup

from learning_journeys.model.journey import Activity, Cohort, Journey
from learning_journeys.model.schedule import ScheduledSession, cohort_sessions
from learning_journeys.model.stats import JourneyStats, journey_stats
from learning_journeys.package_data import templates_dir
from learning_journeys.site.incremental import templates_signature
from learning_journeys.site.labels import Labels, labels_for
from learning_journeys.site.page_plan import RenderOptions, Uris
from learning_journeys.site.sanitize import SafeLinksExtension, clean_markdown, safe_url
from learning_journeys.site.templates import PageContext
from learning_journeys.site.timeline import ActivityDates, activity_dates

TEMPLATE = "workbook.html.j2"
PLACEHOLDER = "workbook_being_made.html.j2"


class WorkbookError(Exception):
    """The workbook could not be made (WeasyPrint or its system libraries missing)."""


@dataclass(frozen=True)
class CohortDates:
    """When one activity happens for one cohort: its meetings, else its weeks and deadline."""

    cohort: Cohort
    meetings: tuple[ScheduledSession, ...]
    weeks: ActivityDates


@lru_cache(maxsize=4)
def _environment(template_dirs: tuple[Path, ...]) -> Environment:
    loaders = [FileSystemLoader(str(d)) for d in template_dirs]
    loaders.append(FileSystemLoader(str(templates_dir())))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["url"] = safe_url
    return env


def _markdown_html(sanitize: bool) -> Any:
    """Authors' Markdown as HTML, cleaned like the pages' (and once more as HTML)."""

    def convert(source: str | None) -> Markup:
        if not source:
            return Markup("")
        md = Markdown(extensions=["tables", "attr_list", SafeLinksExtension()])
        rendered = md.convert(clean_markdown(source, sanitize))
        return Markup(nh3.clean(rendered) if sanitize else rendered)

    return convert


def cohort_dates(
    journey: Journey, activity: Activity, schedules: dict[str, list[ScheduledSession]]
) -> list[CohortDates]:
    """Per cohort, the activity's meetings that take place (else its weeks)."""
    out = []
    for cohort in journey.cohorts:
        meetings = tuple(
            s for s in schedules.get(cohort.id, []) if s.activity.id == activity.id and not s.cancelled
        )
        out.append(CohortDates(cohort, meetings, activity_dates(activity, cohort)))
    return out


def workbook_html(
    journey: Journey,
    labels: Labels,
    stats: JourneyStats,
    schedules: dict[str, list[ScheduledSession]],
    *,
    language: str | None = None,
    sanitize: bool = True,
    template_dirs: Sequence[Path] = (),
) -> str:
    """The workbook of ``journey`` as one HTML document."""
    page = PageContext("", labels)
    return (
        _environment(tuple(template_dirs))
        .get_template(TEMPLATE)
        .render(
            journey=journey,
            stats=stats,
            L=labels,
            language=language or journey.language or labels.language,
            md=_markdown_html(sanitize),
            date=page.date,
            times=page.times,
            duration=page.duration,
            dates_of=lambda a: cohort_dates(journey, a, schedules),
        )
    )


_REFUSED = "the workbook loads no resources"


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The workbook's URL fetcher: it loads nothing, so building it requests nothing."""
    raise ValueError(f"{_REFUSED} ({url[:80]})")


def _quiet_refusals(record: logging.LogRecord) -> bool:
    """WeasyPrint logs each refused image as an error: it is what we asked for."""
    return _REFUSED not in record.getMessage()


def workbook_pdf(html: str) -> bytes:
    """The PDF of a workbook's HTML, laid out by WeasyPrint with system fonts only."""
    try:
        # Optional: only sites with `workbook: true` need it.
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as err:  # OSError: Pango and friends are missing
        raise WorkbookError(
            "the workbook needs WeasyPrint and its system libraries (Pango):"
            f" pip install 'mkdocs-learning-journeys[workbook]' ({type(err).__name__}: {err})"
        ) from err

    class NoRequests(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            return _refuse(url)

    weasy_log = logging.getLogger("weasyprint")
    if _quiet_refusals not in weasy_log.filters:
        weasy_log.addFilter(_quiet_refusals)
    pdf = HTML(string=html, url_fetcher=NoRequests(), base_url=None).write_pdf()
    if pdf is None:  # only when writing to a target, which we do not
        raise WorkbookError("WeasyPrint returned no PDF")
    return bytes(pdf)


def placeholder_html(labels: Labels, language: str) -> str:
    """A one-page stand-in for a workbook that is still being laid out (``mkdocs serve``)."""
    return _environment(()).get_template(PLACEHOLDER).render(L=labels, language=language)


class Workbooks:
    """Every journey's workbook, where the overview links to it.

    Laying out a PDF takes seconds; the HTML takes milliseconds. A workbook whose HTML has
    not changed is kept from the last build (``mkdocs serve`` rebuilds on every save).
    """

    def __init__(self) -> None:
        self._made: dict[str, bytes] = {}  # a workbook's HTML: its PDF
        self._last: dict[str, bytes] = {}  # a workbook's URI: the PDF it had last
        self._placeholders: dict[str, bytes] = {}  # a language: its stand-in PDF
        self._wanted: set[str] = set()  # the HTML of the last build's workbooks
        self._html: dict[int, tuple[Journey, str, str]] = {}  # id(journey): it, its key, its HTML

    def documents(self, journeys: Sequence[Journey], options: RenderOptions) -> list[tuple[str, str]]:
        """Each journey's workbook as (URI, HTML): what decides whether its PDF changed.

        The HTML of a journey that is the same object as in the last call, with the same
        options and templates, is kept: rendering it for every journey of a large catalogue on
        every save of one would take seconds."""
        uris = Uris(options.prefix)
        key = "\n".join([repr(options), *templates_signature(options)])
        kept, self._html = self._html, {}
        out = []
        for journey in journeys:
            earlier = kept.get(id(journey))
            if earlier is not None and earlier[0] is journey and earlier[1] == key:
                html = earlier[2]
            else:
                html = workbook_html(
                    journey,
                    labels_for(journey.language, options.site_language),
                    journey_stats(journey),
                    {c.id: cohort_sessions(journey, c) for c in journey.cohorts},
                    language=journey.language or options.site_language,
                    sanitize=options.sanitize,
                    template_dirs=options.template_dirs,
                )
            self._html[id(journey)] = (journey, key, html)
            out.append((uris.workbook(journey), html))
        return out

    def files(self, journeys: Sequence[Journey], options: RenderOptions) -> list[tuple[str, bytes]]:
        """Every workbook as a PDF, laid out now where its HTML changed."""
        documents = self.documents(journeys, options)
        for uri, html in documents:
            self.add(uri, html, self._made.get(html) or workbook_pdf(html))
        out = [(uri, self._made[html]) for uri, html in documents]
        self._forget_all_but(documents)
        return out

    def files_for_now(
        self, journeys: Sequence[Journey], options: RenderOptions
    ) -> tuple[list[tuple[str, bytes]], list[tuple[str, str]]]:
        """The workbooks without waiting for any layout: each one's PDF if its HTML is laid out,
        else the PDF it had last, else a stand-in that says it is being made; and the
        (URI, HTML) of those still to lay out."""
        out, waiting = [], []
        documents = self.documents(journeys, options)
        for journey, (uri, html) in zip(journeys, documents, strict=True):
            pdf = self._made.get(html)
            if pdf is None:
                waiting.append((uri, html))
                pdf = self._last.get(uri) or self._placeholder(journey.language, options.site_language)
            out.append((uri, pdf))
        self._forget_all_but(documents)
        return out, waiting

    def add(self, uri: str, html: str, pdf: bytes) -> None:
        """The PDF laid out for ``html``, the workbook at ``uri``."""
        self._made[html] = pdf
        self._last[uri] = pdf

    def is_current(self, html: str) -> bool:
        """Whether ``html`` is a workbook of the last build (and not replaced since)."""
        return html in self._wanted

    def _forget_all_but(self, documents: list[tuple[str, str]]) -> None:
        """Keeps only what the workbooks of this build, (URI, HTML), may need again."""
        self._wanted = {html for _, html in documents}
        uris = {uri for uri, _ in documents}
        self._made = {html: pdf for html, pdf in self._made.items() if html in self._wanted}
        self._last = {uri: pdf for uri, pdf in self._last.items() if uri in uris}

    def _placeholder(self, language: str | None, site_language: str | None) -> bytes:
        labels = labels_for(language, site_language)
        if labels.language not in self._placeholders:
            self._placeholders[labels.language] = workbook_pdf(placeholder_html(labels, labels.language))
        return self._placeholders[labels.language]
