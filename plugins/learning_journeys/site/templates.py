"""The Jinja2 environment of the page templates and the helpers every template gets.

Autoescaping is on and every author value goes through a filter that says what
it is: ``t`` plain text, ``md`` sanitised Markdown, ``url`` a checked link,
``attr`` an attribute value.
"""

from __future__ import annotations

import posixpath
from datetime import date, datetime
from functools import cache, lru_cache
from importlib import util as importlib_util
from pathlib import Path
from typing import Any

from babel.dates import format_skeleton
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from learning_journeys.model.activity_types import ACTIVITY_TYPES
from learning_journeys.model.durations import humanize
from learning_journeys.model.journey import Activity, Session
from learning_journeys.package_data import templates_dir
from learning_journeys.site.calendars import calendar_uri, groups_with_meetings
from learning_journeys.site.labels import Labels
from learning_journeys.site.page_plan import RenderOptions
from learning_journeys.site.sanitize import clean_markdown, plain_text, safe_url

Day = date  # for annotations inside PageContext, whose method `date` shadows the type


@cache
def _material_icons_dir() -> Path | None:
    spec = importlib_util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "templates" / ".icons" / "material"
    return path if path.is_dir() else None


@cache
@lru_cache(maxsize=64)
def icon(name: str) -> Markup:
    """An inline Material Design icon (no web font, no request), or nothing if unavailable.
    Read once per process: a journey's pages show the same few icons hundreds of times."""
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
    env.filters["as_date"] = date.fromisoformat
    env.globals["icon"] = icon
    env.globals["activity_types"] = ACTIVITY_TYPES
    env.globals["leader_label"] = _leader_label
    env.globals["series_size"] = lambda a, o: sum(1 for x in a.occurrences() if x.series == o.series)
    env.globals["calendar_uri"] = lambda *ids: calendar_uri(options.prefix, *ids)
    env.globals["groups_with_meetings"] = groups_with_meetings
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


# A day as the script writes it: Intl.DateTimeFormat(lang, DAY_FORMAT) in assets/learning-journeys.js
# gives the same text from the same CLDR data ("di 20 apr 2027", "Tue, Apr 20, 2027").
DAY_SKELETON = "yMMMEd"


def format_day(day: date, language: str) -> str:
    """A day with its weekday in ``language`` (Babel, CLDR), as the learner's script writes it too."""
    return str(format_skeleton(DAY_SKELETON, day, locale=language.replace("-", "_")))


class PageContext:
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
        text = format_day(day, self.labels.language)
        return Markup(f'<time datetime="{day.isoformat()}">{escape(text)}</time>')

    def dates(self, first: Day | None, last: Day | None) -> Markup:
        """A period, ``ma 15 mrt 2027 – zo 21 mrt 2027``, or one date when it is one day."""
        if first is None or last is None or first == last:
            return self.date(first)
        return Markup(f"{self.date(first)} – {self.date(last)}")

    def times(self, start: datetime | None, end: datetime | None) -> str:
        """``09:00–12:00`` (clock times as shown in the cohort's zone), or nothing."""
        if start is None:
            return ""
        return start.strftime("%H:%M") + (end.strftime("–%H:%M") if end is not None else "")

    def repeat_text(self, session: Session) -> str:
        """A series as the design says it: "every 6 weeks, 8 times, from day 8"."""
        repeat = session.repeat
        if repeat is None:
            return f"{self.labels('day')} {session.day}" if session.day else ""
        every = repeat.every_days
        unit = f"{every // 7} {self.labels('weeks')}" if every % 7 == 0 else f"{every} {self.labels('days')}"
        if every == 7:
            unit = self.labels("week").lower()
        parts = [f"{self.labels('every')} {unit}"]
        if repeat.count is not None:
            parts.append(f"{repeat.count} {self.labels('times')}")
        if repeat.until_day is not None:
            parts.append(f"{self.labels('until_day')} {repeat.until_day}")
        parts.append(f"{self.labels('from_day')} {session.day or 1}")
        return ", ".join(parts)

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
        return self.labels.get(f"lang_{code}") or code

    def duration(self, minutes: int | None) -> str:
        if not minutes:
            return "–"
        return humanize(minutes, self.labels("hours"), self.labels("minutes"))


def render(env: Environment, template: str, uri: str, labels: Labels, **context: Any) -> str:
    page = PageContext(uri, labels)
    return env.get_template(template).render(
        page=page,
        L=labels,
        link=page.link,
        duration=page.duration,
        date=page.date,
        language_name=page.language_name,
        session_title=page.session_title,
        dates=page.dates,
        times=page.times,
        repeat_text=page.repeat_text,
        **context,
    )
