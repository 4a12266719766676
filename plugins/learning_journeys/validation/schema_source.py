"""The source of ``schemas/journey.schema.json``.

Written as Python so that every property is forced to carry a title, a
description an author can read in an editor's hover, and examples. Run
``python -m learning_journeys.schema_source`` after a change; a test keeps the
JSON file and this source in step.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from learning_journeys.model.activity_types import ACTIVITY_TYPES as _SPECS
from learning_journeys.model.activity_types import COMMON_FIELDS, ActivityType
from learning_journeys.model.durations import DURATION_PATTERN
from learning_journeys.model.schema_parts import (
    id_list,
    lint_codes,
    markdown,
    obj,
    prop,
    ref,
    slug,
    text,
    url,
)
from learning_journeys.model.vocabulary import DATE, LANG, MODALITIES, PHASE_KEYS, SLUG, TIME, TIMEZONE, URL
from learning_journeys.validation.schema_nl import add_dutch

SCHEMA_ID = "https://mkdocs-learning-journeys.invalid/schemas/journey.schema.json"

# Re-exported for the checks and hints that speak of them.
__all__ = [
    "ACTIVITY_TYPES",
    "DATE",
    "DURATION_PATTERN",
    "LANG",
    "MODALITIES",
    "PHASES",
    "SLUG",
    "TIME",
    "URL",
    "build_schema",
]
ACTIVITY_TYPES = tuple(_SPECS)
PHASES = PHASE_KEYS

URL_PROP = url()

SESSION = obj(
    {
        "id": slug(
            "Session id",
            "Stable id of this session, unique in the journey; cohorts use it to set the real"
            " date, place and facilitator.",
            ["kickoff-dag-1"],
        ),
        "title": text("Session title", "Name of this session when an activity has several.", ["Dag 1"]),
        "day": prop(
            "Day",
            "Day of the journey on which the session takes place: day 1 is the cohort's start"
            " date. With the activity's `week`, day 1 is the first day of that week (so a cycle"
            " of sessions can run on into later weeks: day 15 is two weeks on).",
            [3],
            type="integer",
            minimum=1,
            maximum=730,
        ),
        "start": text(
            "Start time",
            "Local start time (HH:MM, 24-hour clock), in the cohort's time zone.",
            ["09:00"],
            pattern=TIME,
        ),
        "end": text("End time", "Local end time (HH:MM, 24-hour clock).", ["12:30"], pattern=TIME),
        "location": text(
            "Location",
            "Where the session takes place (room, building, city).",
            ["Leercentrum Utrecht, zaal 2"],
        ),
        "url": URL_PROP,
        "facilitator": text(
            "Facilitator", "Who leads this session (begeleider, trainer).", ["Marieke de Vries"]
        ),
        "repeat": obj(
            {
                "every": text(
                    "Every",
                    "How often it meets: `1w` every week, `6w` every six weeks, `14d` every fourteen days.",
                    ["6w", "4w", "14d"],
                    pattern=r"^[1-9][0-9]{0,2}[dw]$",
                ),
                "count": prop(
                    "Number of meetings",
                    "How many meetings in all, the first included.",
                    [8],
                    type="integer",
                    minimum=1,
                    maximum=100,
                ),
                "until_day": prop(
                    "Until day",
                    "No meeting after this day of the journey (day 1 is the cohort's start).",
                    [365],
                    type="integer",
                    minimum=1,
                    maximum=800,
                ),
            },
            required=["every"],
            title="Repeat",
            description="Makes the session a series: the same meeting every N days or weeks, a number of"
            " times (`count`) or until a day (`until_day`). Each meeting gets the id `SESSION-1`,"
            " `SESSION-2`, ...: cohorts and groups move, re-place or cancel one by that id.",
            examples=[{"every": "6w", "count": 8}],
        ),
        "timezone": text(
            "Fixed time zone",
            "Set it when the clock time is fixed in one zone for every cohort (one joint call at 16:00"
            " Amsterdam time is 10:00 in New York, 11:00 in the weeks daylight saving differs). Without"
            " it, times are local to each cohort.",
            ["Europe/Amsterdam"],
            pattern=TIMEZONE,
        ),
    },
    required=["id"],
    title="Session",
    description="One dated meeting (or a series of them) of a workshop, intervision group or coaching. Times are relative to the cohort start; a cohort can override them.",
)

QUESTION = obj(
    {
        "question": text(
            "Question", "The question, Markdown allowed.", ["Wat is het doel van een open vraag?"]
        ),
        "choices": prop(
            "Choices",
            "Possible answers; at least one is correct. Each explains why it is (not) right.",
            [
                [
                    {
                        "text": "Het gesprek sturen",
                        "correct": False,
                        "explanation": "Een open vraag geeft de klant ruimte.",
                    },
                    {
                        "text": "De klant laten vertellen",
                        "correct": True,
                        "explanation": "Juist: zo hoor je wat de klant echt nodig heeft.",
                    },
                ]
            ],
            type="array",
            minItems=2,
            maxItems=8,
            items=obj(
                {
                    "text": text(
                        "Choice", "The answer as the learner sees it.", ["De klant laten vertellen"]
                    ),
                    "correct": prop("Correct", "Whether this choice is right.", [True], type="boolean"),
                    "explanation": text(
                        "Explanation",
                        "Shown after the learner picks this choice: why it is right or wrong.",
                        ["Juist: zo hoor je wat de klant echt nodig heeft."],
                    ),
                },
                required=["text", "correct"],
            ),
        ),
    },
    required=["question", "choices"],
    title="Question",
    description="A knowledge check question, as in Microsoft Learn's module quizzes.",
)


def _activity_base() -> dict[str, Any]:
    """The fields every activity has, from the specification."""
    properties = {f.key: dict(f.schema) for f in COMMON_FIELDS}
    properties["type"] |= {"examples": list(ACTIVITY_TYPES), "enum": list(ACTIVITY_TYPES)}
    required = [f.key for f in COMMON_FIELDS if f.required]
    return {"type": "object", "properties": properties, "required": required}


def _activity_def(spec: ActivityType) -> dict[str, Any]:
    definition: dict[str, Any] = {
        "title": spec.title,
        "description": spec.description,
        "$ref": "#/$defs/activityBase",
        "properties": {f.key: f.schema for f in spec.fields},
        "unevaluatedProperties": False,
    }
    required = [f.key for f in spec.fields if f.required]
    if required:
        definition["required"] = required
    return definition


def activity_defs() -> dict[str, Any]:
    """``activityBase``, one definition per activity type, and ``activity`` choosing by ``type``."""
    base = _activity_base()
    defs: dict[str, Any] = {"activityBase": base}
    branches = []
    for spec in _SPECS.values():
        name = spec.name.replace("-", "_")
        defs[name] = _activity_def(spec)
        branches.append(
            {
                "if": {"properties": {"type": {"const": spec.name}}, "required": ["type"]},
                "then": {"$ref": f"#/$defs/{name}"},
            }
        )
    defs["activity"] = {
        "title": "Activity",
        "description": "One step of a phase. `type` decides which fields apply.",
        "type": "object",
        "required": ["id", "title", "type"],
        "properties": {"type": base["properties"]["type"]},
        "allOf": branches,
    }
    return defs


PHASE = obj(
    {
        "title": text(
            "Phase title",
            "Overrides the default name (Preparation, Learning, Application).",
            ["Voorbereiding"],
        ),
        "intro": markdown(
            "Introduction", "What this phase is for, shown on the phase page.", ["In de voorbereiding ..."]
        ),
        "activities": prop(
            "Activities",
            "The activities of this phase, in the order learners take them.",
            [[{"id": "intake", "title": "Intake", "type": "coaching"}]],
            type="array",
            items={"$ref": "#/$defs/activity"},
        ),
    },
    title="Phase",
    description="One of the three learning phases.",
)

EVAL_LEVEL = obj(
    {
        "method": text("Method", "How this level is measured.", ["Korte vragenlijst na de workshop"]),
        "when": text("When", "When it is measured.", ["Direct na de workshop"]),
    },
    required=["method"],
    title="Evaluation level",
    description="How one Kirkpatrick level is measured.",
)

COHORT_SESSION = obj(
    {
        "date": text(
            "Date",
            "Real date of this session (YYYY-MM-DD), overriding the day in the design.",
            ["2027-03-04"],
            pattern=DATE,
        ),
        "start": text("Start time", "Local start time (HH:MM).", ["09:30"], pattern=TIME),
        "end": text("End time", "Local end time (HH:MM).", ["12:30"], pattern=TIME),
        "location": text(
            "Location", "Where this cohort meets for this session.", ["Amsterdam, Foppingadreef"]
        ),
        "url": URL_PROP,
        "facilitator": text("Facilitator", "Who leads this session for this cohort.", ["Ahmed Benali"]),
        "title": text(
            "Session title", "Name of the session for this cohort, when it differs.", ["Dag 2 (middag)"]
        ),
        "cancelled": prop(
            "Cancelled",
            "True when this meeting does not take place for this cohort or group.",
            [True],
            type="boolean",
        ),
    },
    title="Session override",
    description="What is different for this cohort's run of one session.",
)

GROUP = obj(
    {
        "id": slug("Group id", "Stable id of the group within the journey.", ["groep-a"]),
        "title": text("Group title", "Name of the group as learners see it.", ["Groep A"]),
        "facilitator": text("Facilitator", "Who leads the group's meetings.", ["Ahmed Benali"]),
        "location": text("Location", "Where the group meets.", ["Utrecht, zaal 4"]),
        "url": URL_PROP,
        "start": text("Start time", "The group's start time (HH:MM).", ["15:00"], pattern=TIME),
        "end": text("End time", "The group's end time (HH:MM).", ["17:00"], pattern=TIME),
        "shift_days": prop(
            "Days later",
            "The group meets this many days after (or, negative, before) the design's day.",
            [1, 2],
            type="integer",
            minimum=-30,
            maximum=30,
        ),
        "sessions": prop(
            "Meeting overrides",
            "Per session or meeting id: what is different for this group (a date, a room) or `cancelled: true`.",
            [{"intervisie-3": {"date": "2027-05-12"}}],
            type="object",
            propertyNames={"pattern": SLUG},
            additionalProperties={"$ref": "#/$defs/cohortSession"},
        ),
    },
    required=["id"],
    title="Group",
    description="A group within a cohort that meets on its own.",
)

COHORT = obj(
    {
        "id": slug("Cohort id", "Stable id of this run of the journey.", ["voorjaar-2027"]),
        "title": text("Cohort title", "Name of the run as learners see it.", ["Voorjaar 2027"]),
        "start": text(
            "Start date",
            "First day of the journey for this cohort (YYYY-MM-DD).",
            ["2027-03-01"],
            pattern=DATE,
        ),
        "timezone": text(
            "Time zone",
            "IANA time zone of the sessions' times.",
            ["Europe/Amsterdam"],
            pattern=TIMEZONE,
        ),
        "sessions": prop(
            "Session overrides",
            "Per session id (or meeting id of a series, `intervisie-3`): the real date, times, place or"
            " facilitator for this cohort, or `cancelled: true`.",
            [{"kickoff-dag-1": {"date": "2027-03-03", "location": "Utrecht"}}],
            type="object",
            propertyNames={"pattern": SLUG},
            additionalProperties={"$ref": "#/$defs/cohortSession"},
        ),
        "capacity": prop(
            "Capacity", "How many learners the cohort takes.", [16], type="integer", minimum=1, maximum=10000
        ),
        "enrolment_deadline": text(
            "Enrolment deadline", "Last day to enrol (YYYY-MM-DD).", ["2027-02-15"], pattern=DATE
        ),
        "groups": prop(
            "Groups",
            "Groups within the cohort (intervision group A, B, C). Activities with `per_group: true` meet"
            " per group, with the group's place, time, facilitator and dates; a learner picks their group"
            " once on the site.",
            [[{"id": "groep-a", "title": "Groep A", "location": "Utrecht", "facilitator": "Ahmed Benali"}]],
            type="array",
            items={"$ref": "#/$defs/group"},
        ),
    },
    required=["id", "start"],
    title="Cohort",
    description="One run of the journey (schema.org CourseInstance) with a start date and time zone.",
)


def build_schema() -> dict[str, Any]:
    """The whole JSON Schema (2020-12) of a journey file."""
    defs = {
        "session": SESSION,
        "question": QUESTION,
        "phase": PHASE,
        "evaluationLevel": EVAL_LEVEL,
        "cohort": COHORT,
        "cohortSession": COHORT_SESSION,
        "group": GROUP,
        **activity_defs(),
    }
    properties = {
        "id": slug(
            "Journey id",
            "URL-safe id of the journey (lowercase letters, digits, hyphens). Default: the file name.",
            ["vakmanschap-accountmanagers"],
        ),
        "title": text(
            "Title", "Name of the journey (schema.org Course name).", ["Vakmanschap voor accountmanagers"]
        ),
        "summary": text(
            "Summary",
            "One or two sentences for the catalogue.",
            ["Sterker in klantgesprekken in tien weken."],
        ),
        "description": markdown(
            "Description", "Longer introduction on the journey overview.", ["Dit traject ..."]
        ),
        "language": text(
            "Language",
            "BCP 47 language code of the journey's texts; chooses the labels of the generated pages.",
            ["nl", "en", "nl-BE"],
            pattern=LANG,
        ),
        "audience": text("Audience", "Who the journey is for.", ["Accountmanagers zakelijke markt"]),
        "owner": text("Owner", "The person or team who owns the journey.", ["L&D Zakelijk"]),
        "status": prop(
            "Status",
            "Where the design stands: draft, review or published.",
            ["draft", "published"],
            enum=["draft", "review", "published"],
        ),
        "version": text("Version", 'Version of the design, as text (quote it: "1.10").', ["1.2"]),
        "goals": prop(
            "Organisational goals",
            "The business goals behind the journey, each with the KPI that shows impact.",
            [[{"id": "nps", "title": "Tevredener klanten", "kpi": "NPS zakelijke klanten"}]],
            type="array",
            items=obj(
                {
                    "id": slug("Goal id", "Stable id of the goal.", ["klanttevredenheid"]),
                    "title": text("Goal", "The organisational goal.", ["Hogere klanttevredenheid"]),
                    "kpi": text(
                        "KPI", "The key performance indicator that shows progress.", ["NPS zakelijke klanten"]
                    ),
                    "target": text("Target", "The target value and term.", ["+10 punten binnen 12 maanden"]),
                    "description": markdown(
                        "Description", "Background of the goal.", ["Uit de klantreis blijkt ..."]
                    ),
                },
                required=["id", "title"],
            ),
        ),
        "objectives": prop(
            "Learning objectives",
            "What learners can do after the journey, each supporting one or more goals.",
            [[{"id": "open-vragen", "title": "Stelt open vragen", "supports": ["nps"]}]],
            type="array",
            items=obj(
                {
                    "id": slug("Objective id", "Stable id of the objective.", ["vraag-achter-de-vraag"]),
                    "title": text(
                        "Objective",
                        "The objective as observable behaviour.",
                        ["Je achterhaalt de vraag achter de vraag van de klant"],
                    ),
                    "supports": id_list(
                        "Supports goals", "Ids of the goals this objective supports.", [["klanttevredenheid"]]
                    ),
                    "level": prop(
                        "Level",
                        "Bloom's level of the objective.",
                        ["apply"],
                        enum=["remember", "understand", "apply", "analyse", "evaluate", "create"],
                    ),
                },
                required=["id", "title"],
            ),
        ),
        "evaluation": obj(
            {
                level: ref("evaluationLevel", title, desc, [{"method": "...", "when": "..."}])
                for level, title, desc in (
                    ("reaction", "Reaction", "Kirkpatrick level 1: how learners experienced it."),
                    ("learning", "Learning", "Kirkpatrick level 2: what they learned."),
                    ("behaviour", "Behaviour", "Kirkpatrick level 3: what they do differently at work."),
                    ("results", "Results", "Kirkpatrick level 4: the effect on the organisational goals."),
                )
            },
            title="Evaluation plan",
            description="How the journey's effect is measured, per Kirkpatrick level.",
            examples=[{"reaction": {"method": "Vragenlijst", "when": "Na elke workshop"}}],
        ),
        "phases": obj(
            {
                "pre": ref(
                    "phase", "Preparation", "Before the learning phase (voorbereiding).", [{"activities": []}]
                ),
                "learn": ref("phase", "Learning", "The learning phase (leerfase).", [{"activities": []}]),
                "post": ref(
                    "phase", "Application", "Applying it at work (toepassing).", [{"activities": []}]
                ),
            },
            required=list(PHASE_KEYS),
            title="Phases",
            description="The three learning phases: pre, learn and post.",
            examples=[{"pre": {"activities": []}, "learn": {"activities": []}, "post": {"activities": []}}],
        ),
        "cohorts": prop(
            "Cohorts",
            "Runs of the journey, each with a start date; they give the sessions real dates.",
            [[{"id": "voorjaar-2027", "start": "2027-03-01", "timezone": "Europe/Amsterdam"}]],
            type="array",
            items={"$ref": "#/$defs/cohort"},
        ),
        "ignore_lint": lint_codes(
            "Design advice to skip",
            "Design advice (warnings LJ301-LJ312) that does not apply to this journey on purpose:"
            " `journeys validate` no longer gives it anywhere in the journey. Say why in a comment.",
            [["LJ303"]],
        ),
    }
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Learning journey",
        "description": "A blended learning journey: goals, objectives and three phases of activities.",
        "type": "object",
        "required": ["title", "phases"],
        "properties": properties,
        "additionalProperties": False,
        "$defs": defs,
    }
    return add_dutch(schema)


def render() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover
    target = Path(__file__).resolve().parents[3] / "schemas" / "journey.schema.json"
    target.write_text(render(), encoding="utf-8")
    print(target)
