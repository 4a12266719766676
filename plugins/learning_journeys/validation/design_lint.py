"""Design lint: warnings where a journey departs from the advice in the articles behind it.

Each warning says why in one line and names its source: one of the Dutch articles on
corporate learning the project grew from (``/work/shared/seeds``, listed in the README)
or, for the Markdown checks, WCAG 2.2. A journey or an activity that departs from the
advice on purpose lists the code in ``ignore_lint``; the warning then stays away there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime

from learning_journeys.model.journey import Activity, Journey, MicroModule, Portfolio, Reflection
from learning_journeys.model.schedule import cohort_sessions, may_meet_before
from learning_journeys.validation.diagnostics import JsonPath, PendingDiagnostic, Severity
from learning_journeys.validation.markdown_lint import markdown_problems

# Why each piece of advice holds, with its source (the README lists the articles).
WHY: dict[str, str] = {
    "LJ301": "fewer than half of high-impact interventions make time for reflection, where nine in ten"
    " should (002_66e57ff382403c04.txt)",
    "LJ302": "reflection goes with asking for and giving feedback, which happens in only 45% of cases"
    " (002_66e57ff382403c04.txt)",
    "LJ303": "a journey has three phases, pre, learn and post; after the learning phase learners apply it"
    " together, with coaching and a community (002_66e57ff382403c04.txt)",
    "LJ304": "learners show that they perform better, not what they learned (003_41363870d726c95c.txt)",
    "LJ305": "measurement and KPIs are needed to show the value of learning for the business"
    " (000_396c1b40a917a69d.txt)",
    "LJ306": "micro-modules alternate with the formal parts, in the flow of work (000_396c1b40a917a69d.txt)",
    "LJ307": "learn the theory at home and use the classroom for practice and collaboration"
    " (004_466e0b013920b874.txt)",
    "LJ308": "a mix of home, online and classroom gives better results and less time away from work"
    " (004_466e0b013920b874.txt)",
    "LJ309": "learners plan by the dates of a published journey; a date that has passed misleads them",
    "LJ310": "a screen reader reads the alt text instead of the image (WCAG 2.2, 1.1.1 Non-text Content)",
    "LJ311": "a link's text says where it goes, also read out of context (WCAG 2.2, 2.4.4 Link Purpose)",
    "LJ312": "screen reader users move through a page by its heading levels"
    " (WCAG 2.2, 1.3.1 Info and Relationships)",
}

# Activities where learners practise, whose lessons a reflection afterwards makes stick.
PRACTICE_TYPES = frozenset({"workshop", "intervision", "assignment"})
# Activities where an objective is practised, checked or reflected on (not only read about).
APPLYING_TYPES = frozenset({"workshop", "intervision", "coaching", "assignment", "portfolio", "reflection"})
# A micro-module fits between two pieces of work.
MICRO_MODULE_MINUTES = 15
# LJ205 already warns about micro-modules longer than this.
MICRO_MODULE_LONG = 60


def lint_today() -> date:
    """Today for the lint: the day of ``SOURCE_DATE_EPOCH`` when set (a reproducible build), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return date.today()


def lint_journey(journey: Journey, today: date | None = None) -> list[PendingDiagnostic]:
    """Every piece of design advice for ``journey``, less what it or its activities switch off."""
    today = today or lint_today()
    found = [
        *_practice_without_reflection(journey),
        *_no_feedback(journey),
        *_empty_post_phase(journey),
        *_objectives_never_applied(journey),
        *_goals_without_kpi(journey),
        *_long_micro_modules(journey),
        *_workshops_without_prework(journey),
        *_one_modality(journey),
        *_past_meetings(journey, today),
        *(
            _warning(m.path, m.code, m.message, m.fix, text_line=m.text_line)
            for m in markdown_problems(journey)
        ),
    ]
    ignored = _ignored_by_activity(journey)
    return [
        d
        for d in found
        if d.code not in journey.ignore_lint and d.code not in ignored.get(_activity_path(d.path), ())
    ]


def _warning(
    path: JsonPath, code: str, message: str, fix: str, at_key: bool = False, text_line: int | None = None
) -> PendingDiagnostic:
    hint = f"{fix}. Why: {WHY[code]}"
    return PendingDiagnostic(path, code, message, Severity.WARNING, hint, at_key, text_line)


def _activities(j: Journey) -> Iterator[tuple[JsonPath, Activity]]:
    for p in j.phases:
        for i, a in enumerate(p.activities):
            yield ("phases", p.key, "activities", i), a


def _activity_path(path: JsonPath) -> JsonPath:
    return path[:4] if path[:1] == ("phases",) and len(path) >= 4 else ()


def _ignored_by_activity(j: Journey) -> dict[JsonPath, tuple[str, ...]]:
    return {path: a.ignore_lint for path, a in _activities(j) if a.ignore_lint}


def _practice_without_reflection(j: Journey) -> list[PendingDiagnostic]:
    """A workshop, intervision or assignment with no reflection anywhere after it."""
    ordered = list(_activities(j))
    reflected_after = {a.after for _p, a in ordered if isinstance(a, Reflection) and a.after}
    out = []
    for n, (path, a) in enumerate(ordered):
        if a.type not in PRACTICE_TYPES or a.id in reflected_after:
            continue
        if not any(isinstance(later, Reflection) for _p, later in ordered[n + 1 :]):
            out.append(
                _warning(
                    path,
                    "LJ301",
                    f"no reflection after {a.type} `{a.id}`",
                    f"add a reflection after it, or one with `after: {a.id}` if it has meetings",
                )
            )
    return out


def _no_feedback(j: Journey) -> list[PendingDiagnostic]:
    if any(isinstance(a, Reflection) and a.feedback for _p, a in j.activities()):
        return []
    return [
        _warning(
            ("phases",),
            "LJ302",
            "the journey never asks for feedback",
            "give a reflection `feedback: {from: manager}` (or peer, coach, client, team)",
            at_key=True,
        )
    ]


def _empty_post_phase(j: Journey) -> list[PendingDiagnostic]:
    post = next((p for p in j.phases if p.key == "post"), None)
    if post is None or post.activities:
        return []
    return [
        _warning(
            ("phases", "post"),
            "LJ303",
            "the post phase has no activities: nothing carries the learning into the job",
            "add an assignment on the job, a reflection or coaching to the post phase",
            at_key=True,
        )
    ]


def _applies(a: Activity, objective: str) -> bool:
    """Whether ``a`` has the learner practise, check or reflect on ``objective``."""
    serves = objective in a.objectives or (isinstance(a, Portfolio) and objective in a.evidence_for)
    if not serves:
        return False
    return a.type in APPLYING_TYPES or (isinstance(a, MicroModule) and bool(a.questions))


def _objectives_never_applied(j: Journey) -> list[PendingDiagnostic]:
    activities = [a for _p, a in j.activities()]
    mapped = any(a.objectives for a in activities)
    out = []
    for i, o in enumerate(j.objectives):
        served = any(o.id in a.objectives for a in activities)
        if mapped and not served:
            continue  # LJ209 says no activity serves it
        if not any(_applies(a, o.id) for a in activities):
            what = "is only read about" if served else "is served by no activity"
            out.append(
                _warning(
                    ("objectives", i),
                    "LJ304",
                    f"objective `{o.id}` {what}: never practised, checked or reflected on",
                    "add it to the `objectives` of a workshop, assignment, reflection or a micro-module"
                    " with questions",
                )
            )
    return out


def _goals_without_kpi(j: Journey) -> list[PendingDiagnostic]:
    return [
        _warning(
            ("goals", i),
            "LJ305",
            f"goal `{g.id}` has no KPI",
            "add `kpi:` (what you measure) and `target:` (the value you aim for)",
        )
        for i, g in enumerate(j.goals)
        if not g.kpi
    ]


def _long_micro_modules(j: Journey) -> list[PendingDiagnostic]:
    return [
        _warning(
            path + ("duration",),
            "LJ306",
            f"micro-module `{a.id}` takes {a.duration_minutes} minutes",
            f"keep it to {MICRO_MODULE_MINUTES} minutes, or split it in two",
        )
        for path, a in _activities(j)
        if isinstance(a, MicroModule)
        and a.duration_minutes is not None
        and MICRO_MODULE_MINUTES < a.duration_minutes <= MICRO_MODULE_LONG
    ]


def _workshops_without_prework(j: Journey) -> list[PendingDiagnostic]:
    return [
        _warning(
            path,
            "LJ307",
            f"workshop `{a.id}` has no pre-work",
            "list the micro-modules or resources to do first in `prework`",
        )
        for path, a in _activities(j)
        if a.type == "workshop" and not getattr(a, "prework", ())
    ]


def _one_modality(j: Journey) -> list[PendingDiagnostic]:
    modalities = [a.modality for _p, a in j.activities() if a.modality]
    if len(modalities) < 2 or len(set(modalities)) > 1 or modalities[0] == "blended":
        return []
    return [
        _warning(
            ("phases",),
            "LJ308",
            f"every activity is {modalities[0]}",
            "mix home, online and classroom: theory at home or online, the classroom for practice",
            at_key=True,
        )
    ]


def _past_meetings(j: Journey, today: date) -> list[PendingDiagnostic]:
    """Meetings of a published journey's cohorts dated before today: one warning per cohort."""
    if j.status != "published":
        return []
    ignored = {a.id for _p, a in j.activities() if "LJ309" in a.ignore_lint}
    out = []
    for i, cohort in enumerate(j.cohorts):
        if not may_meet_before(j, cohort, today):
            continue
        past = [
            m
            for m in cohort_sessions(j, cohort)
            if m.day is not None and m.day < today and not m.cancelled and m.activity.id not in ignored
        ]
        if past:
            first = min(past, key=lambda m: m.day or today)
            count = "a meeting" if len(past) == 1 else f"{len(past)} meetings"
            out.append(
                _warning(
                    ("cohorts", i, "start"),
                    "LJ309",
                    f"cohort `{cohort.id}` has {count} before today ({today}), the first"
                    f" `{first.meeting_id}` on {first.day}",
                    "give the cohort new dates, remove it once it has run, or set `status: draft`",
                )
            )
    return out
