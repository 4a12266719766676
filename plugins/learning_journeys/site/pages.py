"""Rendering journeys into Markdown pages with Jinja2 templates.

Plain Python: a list of journeys in, a :class:`SitePlan` (pages as Markdown,
navigation, extra files) out. The MkDocs plugin only hands these to MkDocs, so
the pages could move to another generator.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from learning_journeys.model.journey import PHASE_KEYS, Activity, Cohort, Journey, Phase
from learning_journeys.model.schedule import ScheduledSession, cohort_sessions
from learning_journeys.model.stats import JourneyStats, journey_stats
from learning_journeys.site import runsheet
from learning_journeys.site.jsonld import journey_jsonld
from learning_journeys.site.labels import Labels, labels_for
from learning_journeys.site.page_plan import NavNode, PageSpec, RenderOptions, SitePlan, Uris
from learning_journeys.site.sanitize import plain_text
from learning_journeys.site.templates import icon, make_environment, render
from learning_journeys.site.timeline import (
    activity_dates,
    cohort_agenda,
    last_week,
    manager_items,
    timeline,
    week_span,
)

__all__ = [
    "NavNode",
    "PageSpec",
    "RenderOptions",
    "SitePlan",
    "CatalogueFacts",
    "assemble_site",
    "build_site",
    "catalogue_facts",
    "icon",
    "journey_pages",
    "problems_page",
]


def build_site(journeys: Sequence[Journey], options: RenderOptions | None = None) -> SitePlan:
    """Every page and the navigation for ``journeys``, in catalogue order."""
    options = options or RenderOptions()
    return assemble_site(journeys, {j.id: journey_pages(j, options) for j in journeys}, options)


def journey_pages(journey: Journey, options: RenderOptions) -> tuple[list[PageSpec], NavNode]:
    """The pages of one journey and its part of the navigation: all that a change to its file touches."""
    env = make_environment(options)
    ctx = _JourneyContext.of(env, Uris(options.prefix), journey, journey_stats(journey), options)
    return _journey_pages(ctx)


def assemble_site(
    journeys: Sequence[Journey],
    parts: Mapping[str, tuple[Sequence[PageSpec], NavNode]],
    options: RenderOptions,
    facts: Mapping[str, CatalogueFacts] | None = None,
) -> SitePlan:
    """The catalogue of ``journeys`` and their rendered ``parts`` (by journey id) as one site.

    The catalogue is the only page that lists journeys, so it is all that is rendered
    again when the parts come from a cache; ``facts`` (by journey id) saves working out
    each journey's statistics and schedules again.
    """
    env = make_environment(options)
    uris = Uris(options.prefix)
    site_labels = labels_for(options.site_language, None)
    ordered = sorted(journeys, key=lambda j: (j.title.lower(), j.id))
    known = facts or {}
    facts = {j.id: known[j.id] if j.id in known else catalogue_facts(j, options) for j in ordered}
    catalogue = PageSpec(
        uris.catalogue(),
        options.nav_title or site_labels("journeys"),
        render(
            env,
            "catalogue.md.j2",
            uris.catalogue(),
            site_labels,
            journeys=ordered,
            cards={j: f.card for j, f in facts.items()},
            # What the cards are made of, for a site's own catalogue template.
            stats={j: f.stats for j, f in facts.items()},
            uris=uris,
            labels_for=lambda j: labels_for(j.language, options.site_language),
            schedules={j: f.schedules for j, f in facts.items()},
        ),
        "catalogue",
    )
    pages = [catalogue]
    nav_children = [NavNode(site_labels("overview"), catalogue.uri)]
    for journey in ordered:
        own_pages, own_nav = parts[journey.id]
        pages.extend(own_pages)
        nav_children.append(own_nav)
    nav = NavNode(options.nav_title or site_labels("journeys"), None, tuple(nav_children))
    data = tuple((uris.journey_data(j), str(facts[j.id].data).encode("utf-8")) for j in ordered)
    return SitePlan(tuple(pages), nav, data)


@dataclass(frozen=True)
class CatalogueFacts:
    """What the catalogue shows of one journey: its card, and its data for the script (a file of
    its own), rendered once per version of the journey (a preview renders the catalogue on every save)."""

    stats: JourneyStats
    schedules: dict[str, list[ScheduledSession]]
    card: Markup
    data: Markup


def catalogue_facts(journey: Journey, options: RenderOptions) -> CatalogueFacts:
    env = make_environment(options)
    uris = Uris(options.prefix)
    site_labels = labels_for(options.site_language, None)
    stats = journey_stats(journey)
    schedules = {c.id: cohort_sessions(journey, c) for c in journey.cohorts}
    card = render(
        env, "partials/catalogue_card.md.j2", uris.catalogue(), site_labels, j=journey, stats=stats, uris=uris
    )
    data = render(
        env,
        "partials/catalogue_data.j2",
        uris.catalogue(),
        site_labels,
        j=journey,
        schedules=schedules,
        journey_labels=labels_for(journey.language, options.site_language),
    )
    return CatalogueFacts(stats, schedules, Markup(card), Markup(data))  # noqa: S704 - our own output


@dataclass(frozen=True)
class _JourneyContext:
    """What every page of one journey is rendered with."""

    env: Environment
    uris: Uris
    journey: Journey
    labels: Labels
    common: dict[str, Any]
    schedules: dict[str, list[ScheduledSession]]
    language: str | None  # of the pages: the journey's, else the site's

    @classmethod
    def of(
        cls, env: Environment, uris: Uris, journey: Journey, stats: JourneyStats, options: RenderOptions
    ) -> _JourneyContext:
        schedules = {c.id: cohort_sessions(journey, c) for c in journey.cohorts}
        common = {
            "journey": journey,
            "stats": stats,
            "uris": uris,
            "activity_uri": {a.id: uris.activity(journey, p.key, a) for p, a in journey.activities()},
            "schedules": schedules,
            "activity_dates": activity_dates,
            "week_span": week_span,
            "last_week": last_week,
            "PHASE_KEYS": PHASE_KEYS,
            "run_sheet_uri": {
                a.id: uris.run_sheet(journey, a)
                for _p, a in journey.activities()
                if runsheet.has_run_sheet(a)
            },
            "cohort_leaders": runsheet.cohort_leaders,
            "workbook_uri": uris.workbook(journey) if options.workbook else None,
        }
        labels = labels_for(journey.language, options.site_language)
        return cls(env, uris, journey, labels, common, schedules, journey.language or options.site_language)

    def page(self, template: str, uri: str, **context: Any) -> str:
        return render(self.env, template, uri, self.labels, **self.common, **context)


def _journey_pages(ctx: _JourneyContext) -> tuple[list[PageSpec], NavNode]:
    """The overview, phase, activity, manager's and agenda pages of one journey, and its navigation."""
    journey = ctx.journey
    overview = _overview_page(ctx)
    pages = [overview]
    nav: list[NavNode] = [NavNode(journey.title, overview.uri)]
    order = list(journey.activities())
    for phase in journey.phases:
        phase_pages, phase_nav = _phase_pages(ctx, phase, order)
        pages += phase_pages
        nav.append(phase_nav)
    pages += [_run_sheet_page(ctx, phase, a) for phase, a in order if runsheet.has_run_sheet(a)]
    manager = _manager_page(ctx)
    pages.append(manager)
    nav.append(NavNode(manager.title, manager.uri))
    if journey.cohorts:
        agendas = [_agenda_page(ctx, cohort) for cohort in journey.cohorts]
        pages += agendas
        nav.append(NavNode(ctx.labels("agenda"), None, tuple(NavNode(p.title, p.uri) for p in agendas)))
    jsonld = _script_json(journey_jsonld(journey, ctx.schedules))
    pages = [replace(p, language=ctx.language, jsonld=jsonld if p.kind == "journey" else None) for p in pages]
    return pages, NavNode(journey.title, None, tuple(nav), journey.id)


def _overview_page(ctx: _JourneyContext) -> PageSpec:
    uri = ctx.uris.journey(ctx.journey)
    markdown = ctx.page("journey.md.j2", uri, timeline=timeline(ctx.journey))
    return PageSpec(uri, ctx.journey.title, markdown, "journey", ctx.journey.id, ctx.journey.source)


def _phase_pages(
    ctx: _JourneyContext, phase: Phase, order: list[tuple[Phase, Activity]]
) -> tuple[list[PageSpec], NavNode]:
    """A phase's page and its activities' pages, with the phase's part of the navigation."""
    journey = ctx.journey
    uri = ctx.uris.phase(journey, phase.key)
    title = phase.title or ctx.labels(f"phase_{phase.key}")
    markdown = ctx.page("phase.md.j2", uri, phase=phase, phase_title=title)
    pages = [PageSpec(uri, title, markdown, "phase", journey.id, journey.source, ("phases", phase.key))]
    pages += [_activity_page(ctx, phase, title, index, order) for index in range(len(phase.activities))]
    children = [NavNode(p.title, p.uri) for p in pages]
    return pages, NavNode(title, None, tuple(children))


def _activity_page(
    ctx: _JourneyContext, phase: Phase, phase_title: str, index: int, order: list[tuple[Phase, Activity]]
) -> PageSpec:
    journey = ctx.journey
    activity = phase.activities[index]
    uri = ctx.common["activity_uri"][activity.id]
    position = order.index((phase, activity))
    markdown = ctx.page(
        "activity.md.j2",
        uri,
        phase=phase,
        phase_title=phase_title,
        activity=activity,
        previous=order[position - 1] if position > 0 else None,
        following=order[position + 1] if position + 1 < len(order) else None,
        sessions_by_cohort={
            cid: [s for s in sched if s.activity.id == activity.id] for cid, sched in ctx.schedules.items()
        },
    )
    path = ("phases", phase.key, "activities", index)
    return PageSpec(
        uri, activity.title, markdown, "activity", journey.id, *_edit_target(journey, activity, path)
    )


def _sessions_by_cohort(ctx: _JourneyContext, activity: Activity) -> dict[str, list[ScheduledSession]]:
    return {cid: [s for s in sched if s.activity.id == activity.id] for cid, sched in ctx.schedules.items()}


def _run_sheet_page(ctx: _JourneyContext, phase: Phase, activity: Activity) -> PageSpec:
    """The facilitator's run sheet: linked from the activity, kept out of the learner's navigation."""
    journey = ctx.journey
    uri = ctx.common["run_sheet_uri"][activity.id]
    markdown = ctx.page(
        "runsheet.md.j2",
        uri,
        phase=phase,
        phase_title=phase.title or ctx.labels(f"phase_{phase.key}"),
        activity=activity,
        sessions_by_cohort=_sessions_by_cohort(ctx, activity),
        meeting_agendas=runsheet.meeting_agendas,
        design_agenda=runsheet.design_agenda,
        prework_to_check=runsheet.prework_to_check,
        reflections_after=runsheet.reflections_after,
    )
    path = ("phases", phase.key, "activities", phase.activities.index(activity))
    title = f"{ctx.labels('run_sheet')}: {activity.title}"
    return PageSpec(uri, title, markdown, "run-sheet", journey.id, journey.source, path, in_nav=False)


def _manager_page(ctx: _JourneyContext) -> PageSpec:
    """What the learner's manager does when: notes, feedback requests, portfolio conversations."""
    journey = ctx.journey
    uri = ctx.uris.manager(journey)
    markdown = ctx.page("manager.md.j2", uri, items=manager_items(journey))
    return PageSpec(uri, ctx.labels("manager_page"), markdown, "manager", journey.id, journey.source)


def _agenda_page(ctx: _JourneyContext, cohort: Cohort) -> PageSpec:
    journey = ctx.journey
    uri = ctx.uris.agenda(journey, cohort.id)
    sessions = ctx.schedules[cohort.id]
    markdown = ctx.page(
        "agenda.md.j2", uri, cohort=cohort, sessions=sessions, rows=cohort_agenda(journey, cohort, sessions)
    )
    where = ("cohorts", journey.cohorts.index(cohort))
    return PageSpec(uri, cohort.title or cohort.id, markdown, "agenda", journey.id, journey.source, where)


def _edit_target(
    journey: Journey, activity: Activity, path: tuple[str | int, ...]
) -> tuple[Path, tuple[str | int, ...] | None]:
    """What "edit this page" opens: a micro-module's Markdown file when its content lives there."""
    content_file = getattr(activity, "content_file", None)  # only micro-modules have one
    if content_file:
        return journey.source.parent / content_file, None
    return journey.source, path


def _script_json(data: Any) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


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
