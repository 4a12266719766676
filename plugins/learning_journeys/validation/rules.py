"""Checks the schema cannot express: questions, coverage, links, languages and planning.

They run on the model of a schema-valid journey and report by JSON path, so that
the line lookup is paid only when something is found. Single fields (dates, times,
time zones, durations), ids and references, and the order of prerequisites are checked
on the data itself, in :mod:`field_rules`, :mod:`references` and :mod:`order_rules`, so
that they run also when the schema fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from learning_journeys.model.activity_types import Kind, activity_type
from learning_journeys.model.journey import Activity, Journey, MicroModule
from learning_journeys.model.vocabulary import PAGE_LANGUAGES, SLUG
from learning_journeys.validation.diagnostics import JsonPath, PendingDiagnostic, Severity
from learning_journeys.validation.hints import BARE_HOST
from learning_journeys.validation.planning_rules import check_planning

_SLUG = re.compile(SLUG)


def check_journey(journey: Journey) -> list[PendingDiagnostic]:
    """All meaning-level problems of one journey."""
    found: list[PendingDiagnostic] = []
    found += _questions(journey)
    found += _coverage(journey)
    found += check_planning(journey)
    found += _links_without_scheme(journey)
    found += _page_language(journey)
    return found


def _page_language(j: Journey) -> list[PendingDiagnostic]:
    """A journey in a language the pages have no labels in: its pages would mix languages."""
    if not j.language or j.language.split("-")[0].lower() in PAGE_LANGUAGES:
        return []
    have = ", ".join(PAGE_LANGUAGES)
    return [
        PendingDiagnostic(
            ("language",),
            "LJ222",
            f"the pages have no labels in `{j.language}`: its buttons, headings and dates would be in English",
            Severity.WARNING,
            hint=f"the pages have labels in {have} (and their regions, such as nl-BE): write the journey in"
            f" one of those, or add site/locales/{j.language.split('-')[0].lower()}.json",
        )
    ]


def _questions(j: Journey) -> list[PendingDiagnostic]:
    out = []
    for p in j.phases:
        for i, a in enumerate(p.activities):
            if isinstance(a, MicroModule):
                for q, question in enumerate(a.questions):
                    if not any(c.correct for c in question.choices):
                        out.append(
                            PendingDiagnostic(
                                ("phases", p.key, "activities", i, "questions", q),
                                "LJ208",
                                "this question has no correct choice",
                                hint="mark at least one choice `correct: true`",
                            )
                        )
    return out


def _coverage(j: Journey) -> list[PendingDiagnostic]:
    out = []
    served = {ref for _p, a in j.activities() for ref in a.objectives}
    for i, o in enumerate(j.objectives):
        if o.id not in served and any(a.objectives for _p, a in j.activities()):
            out.append(
                PendingDiagnostic(
                    ("objectives", i),
                    "LJ209",
                    f"no activity serves objective `{o.id}`",
                    Severity.WARNING,
                    hint="add it to an activity's `objectives`, or drop it",
                )
            )
    supported = {g for o in j.objectives for g in o.supports}
    for i, g in enumerate(j.goals):
        if g.id not in supported and j.objectives:
            out.append(
                PendingDiagnostic(
                    ("goals", i),
                    "LJ210",
                    f"no objective supports goal `{g.id}`",
                    Severity.WARNING,
                    hint="link an objective to it with `supports`",
                )
            )
    return out


# The target of a Markdown link or image: `[text](target "title")`.
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")


def markdown_fields(j: Journey) -> Iterator[tuple[JsonPath, str, str]]:
    """Every Markdown text with its path, and where it came from when that is not the path itself."""
    yield ("description",), j.description, ""
    for i, g in enumerate(j.goals):
        yield ("goals", i, "description"), g.description, ""
    for p in j.phases:
        yield ("phases", p.key, "intro"), p.intro, ""
        for i, a in enumerate(p.activities):
            yield from _activity_markdown(("phases", p.key, "activities", i), a)


def _activity_markdown(base: JsonPath, a: Activity) -> Iterator[tuple[JsonPath, str, str]]:
    """The Markdown fields of one activity, as its type's specification lists them."""
    content_file = getattr(a, "content_file", None)
    for key, attr, kind in _markdown_specs(a.type):
        if kind is Kind.QUESTIONS:
            for q, question in enumerate(getattr(a, attr)):
                yield base + (key, q, "question"), question.question, ""
        elif key == "content" and content_file:  # content read from a file is reported at `content_file`
            yield base + ("content_file",), getattr(a, attr), f" in `{content_file}`"
        else:
            yield base + (key,), getattr(a, attr), ""


@cache
def _markdown_specs(type_name: str) -> tuple[tuple[str, str, Kind], ...]:
    """(key, attribute, kind) of the fields of a type that hold Markdown, questions included."""
    return tuple(
        (f.key, f.attr, f.kind)
        for f in activity_type(type_name).all_fields()
        if f.kind in (Kind.MARKDOWN, Kind.QUESTIONS)
    )


def _links_without_scheme(j: Journey) -> list[PendingDiagnostic]:
    """`[x](www.example.nl)` is a link to a page of this site called www.example.nl."""
    out = []
    for path, text, where in markdown_fields(j):
        if not text or "](" not in text:
            continue
        targets = dict.fromkeys(m for m in _MARKDOWN_LINK.findall(text) if BARE_HOST.match(m))
        for target in targets:
            out.append(
                PendingDiagnostic(
                    path,
                    "LJ214",
                    f"link `{target}`{where} has no https:// in front: it would open a page of this site",
                    Severity.WARNING,
                    hint=f"add https:// in front: `https://{target}`",
                )
            )
    return out
