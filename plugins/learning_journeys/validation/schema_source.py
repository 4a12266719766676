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

from learning_journeys.model.durations import DURATION_PATTERN

SCHEMA_ID = "https://mkdocs-learning-journeys.invalid/schemas/journey.schema.json"

SLUG = r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$"
DATE = r"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"
TIME = r"^(?:[01]?[0-9]|2[0-3]):[0-5][0-9]$"
LANG = r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$"
URL = r"^(?:https?://|mailto:)[^\s]+$"

ACTIVITY_TYPES = (
    "micro-module",
    "workshop",
    "reflection",
    "intervision",
    "coaching",
    "assignment",
    "resource",
    "community",
)
MODALITIES = (
    "online",
    "classroom",
    "virtual-classroom",
    "on-the-job",
    "at-home",
    "blended",
)
PHASES = ("pre", "learn", "post")


def prop(title: str, description: str, examples: list[Any], **schema: Any) -> dict[str, Any]:
    """A property: title, description and examples are not optional."""
    return {"title": title, "description": description, "examples": examples, **schema}


def text(title: str, description: str, examples: list[Any], **extra: Any) -> dict[str, Any]:
    return prop(title, description, examples, type="string", minLength=1, **extra)


def markdown(title: str, description: str, examples: list[Any]) -> dict[str, Any]:
    return prop(title, description + " Markdown.", examples, type="string")


def slug(title: str, description: str, examples: list[str]) -> dict[str, Any]:
    return prop(title, description, examples, type="string", pattern=SLUG)


def id_list(title: str, description: str, examples: list[Any]) -> dict[str, Any]:
    return prop(
        title,
        description,
        examples,
        type="array",
        items={"type": "string", "pattern": SLUG},
        uniqueItems=True,
    )


def ref(name: str, title: str, description: str, examples: list[Any]) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}", "title": title, "description": description, "examples": examples}


def obj(properties: dict[str, Any], required: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        out["required"] = required
    out.update(extra)
    return out


URL_PROP = text(
    "Link",
    "A web address (http, https or mailto). Other schemes such as javascript: are refused.",
    ["https://intranet.example.com/leren/gesprekstechniek"],
    pattern=URL,
)

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
    },
    required=["id"],
    title="Session",
    description="One dated meeting of a workshop, intervision group or coaching. Times are relative to the cohort start; a cohort can override them.",
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

ACTIVITY_BASE: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": slug(
            "Activity id",
            "Stable id, unique in the journey: used in page addresses and to keep a learner's"
            " progress when the journey is republished. Change it only when the activity"
            " really changes.",
            ["intake-gesprek"],
        ),
        "title": text(
            "Title",
            "Name of the activity as learners see it.",
            ["Micromodule 1: de klantvraag achter de vraag"],
        ),
        "type": prop(
            "Activity type",
            "What kind of activity this is; decides which other fields apply.",
            list(ACTIVITY_TYPES),
            enum=list(ACTIVITY_TYPES),
        ),
        "description": markdown(
            "Description",
            "What the activity is about and why it matters to the learner.",
            ["In deze module ontdek je ..."],
        ),
        "duration": text(
            "Duration",
            "Time a learner spends, as `15m`, `1h30m`, `2h`, `1d` (a working day of 8 hours)"
            " or ISO 8601 `PT1H30M` (schema.org timeRequired).",
            ["15m", "1h30m", "PT2H"],
            pattern=DURATION_PATTERN,
        ),
        "modality": prop(
            "Modality",
            "How and where it happens (schema.org courseMode): online, classroom,"
            " virtual-classroom, on-the-job, at-home or blended.",
            ["online", "classroom"],
            enum=list(MODALITIES),
        ),
        "objectives": id_list(
            "Objectives served",
            "Ids of the learning objectives this activity serves (schema.org teaches).",
            [["vraag-achter-de-vraag"]],
        ),
        "prerequisites": id_list(
            "Prerequisites",
            "Ids of activities to finish first (schema.org coursePrerequisites). They must be in"
            " the same or an earlier phase.",
            [["micromodule-1"]],
        ),
        "optional": prop(
            "Optional", "True when the learner may skip this activity.", [False], type="boolean"
        ),
        "week": prop(
            "Week",
            "Week of the journey in which the activity is planned; week 1 starts on the cohort's start date.",
            [1, 2],
            type="integer",
            minimum=1,
            maximum=104,
        ),
    },
    "required": ["id", "title", "type"],
}

SESSIONS = prop(
    "Sessions",
    "Meetings with a day and time relative to the start; cohorts turn them into real dates.",
    [[{"id": "dag-1", "day": 3, "start": "09:00", "end": "12:30", "location": "Utrecht"}]],
    type="array",
    items={"$ref": "#/$defs/session"},
)
FACILITATOR = text(
    "Facilitator", "Who leads the activity (begeleider, trainer, coach).", ["Marieke de Vries"]
)

ACTIVITY_FIELDS: dict[str, tuple[str, str, dict[str, Any], list[str]]] = {
    "micro-module": (
        "Micro-module",
        "A short self-paced module (microlearning), with content inline or from a Markdown file and an optional knowledge check.",
        {
            "content": markdown(
                "Content", "The module's content, inline.", ["## De vraag achter de vraag\n..."]
            ),
            "content_file": text(
                "Content file",
                "A Markdown file with the content, relative to this journey file; it must stay inside the journeys folder.",
                ["content/vraag-achter-de-vraag.md"],
                pattern=r"^[^\x00]+\.(?:md|markdown)$",
            ),
            "questions": prop(
                "Knowledge check",
                "Short questions the learner answers in the page.",
                [
                    [
                        {
                            "question": "Wat doe je eerst?",
                            "choices": [
                                {"text": "Doorvragen", "correct": True},
                                {"text": "Een offerte sturen", "correct": False},
                            ],
                        }
                    ]
                ],
                type="array",
                maxItems=20,
                items={"$ref": "#/$defs/question"},
            ),
        },
        [],
    ),
    "workshop": (
        "Workshop",
        "A classroom or virtual session led by a facilitator (klassikaal).",
        {
            "facilitator": FACILITATOR,
            "sessions": SESSIONS,
            "agenda": prop(
                "Agenda",
                "The programme, item by item.",
                [[{"time": "09:00", "topic": "Welkom en verwachtingen"}]],
                type="array",
                items=obj(
                    {
                        "time": text("Time", "Start time of the item (HH:MM).", ["09:00"], pattern=TIME),
                        "topic": text("Topic", "What happens.", ["Oefenen met een acteur"]),
                    },
                    required=["topic"],
                ),
            ),
            "prework": id_list(
                "Pre-work", "Ids of activities to complete before the workshop.", [["micromodule-1"]]
            ),
        },
        [],
    ),
    "reflection": (
        "Reflection checkpoint",
        "A moment to reflect (reflectiemoment), with prompts the learner answers in a personal journal.",
        {
            "prompts": prop(
                "Prompts",
                "Questions the learner reflects on; each gets its own text box.",
                [["Wat ging goed in je laatste klantgesprek?"]],
                type="array",
                minItems=1,
                items={"type": "string", "minLength": 1},
            ),
            "feedback": obj(
                {
                    "from": prop(
                        "Ask feedback from",
                        "Who the learner asks for feedback.",
                        ["peer", "manager", "team"],
                        enum=["peer", "manager", "coach", "client", "team"],
                    ),
                    "request": text(
                        "Request text",
                        "A ready-to-copy request the learner can send.",
                        ["Wil je me feedback geven op mijn laatste klantgesprek?"],
                    ),
                },
                required=["from"],
                title="Feedback",
                description="Ask someone for feedback as part of this reflection.",
                examples=[{"from": "manager", "request": "..."}],
            ),
        },
        ["prompts"],
    ),
    "intervision": (
        "Intervision",
        "A peer consultation group (intervisie) that meets several times.",
        {
            "method": text("Method", "The intervision method used.", ["incidentmethode", "roddelmethode"]),
            "group_size": prop(
                "Group size", "Number of participants per group.", [6], type="integer", minimum=2, maximum=20
            ),
            "facilitator": FACILITATOR,
            "sessions": SESSIONS,
        },
        [],
    ),
    "coaching": (
        "Coaching",
        "One-to-one coaching, planned or on demand (a coaching hour right before a hard conversation).",
        {
            "format": prop(
                "Format",
                "`one-to-one` for planned sessions, `group` for team or group coaching, `on-demand`"
                " for a coaching hour the learner books when needed.",
                ["on-demand"],
                enum=["one-to-one", "group", "on-demand"],
            ),
            "coach": text("Coach", "Who coaches (a name or a pool).", ["Pool externe coaches"]),
            "booking": markdown(
                "How to book", "How the learner books a session.", ["Boek via de coachpool op het intranet."]
            ),
            "booking_url": URL_PROP,
            "sessions": SESSIONS,
        },
        [],
    ),
    "assignment": (
        "On-the-job assignment",
        "A task in the learner's own work (werkend leren), with a deliverable and evidence for the portfolio.",
        {
            "task": markdown(
                "Task",
                "What the learner does at work.",
                ["Voer een klantgesprek met de vraag-achter-de-vraag techniek."],
            ),
            "deliverable": text(
                "Deliverable",
                "What the learner hands in or shows.",
                ["Een gespreksverslag van een halve pagina"],
            ),
            "checked_by": text(
                "Checked by", "Who looks at the result and gives feedback.", ["je leidinggevende"]
            ),
            "evidence": text(
                "Portfolio evidence",
                "What the learner keeps in their own portfolio to show performance.",
                ["Verslag plus de feedback van je leidinggevende"],
            ),
        },
        ["task"],
    ),
    "resource": (
        "Resource",
        "Something to read, watch or follow: an article, video, e-learning or book.",
        {
            "kind": prop(
                "Kind",
                "What sort of resource this is.",
                ["article"],
                enum=["article", "video", "e-learning", "book", "podcast", "link", "tool"],
            ),
            "url": URL_PROP,
            "author": text("Author", "Who made it.", ["Jane Hart"]),
        },
        [],
    ),
    "community": (
        "Community",
        "A social space where learners meet, ask and share across all phases.",
        {
            "platform": text("Platform", "Where the community lives.", ["Teams-kanaal #vakmanschap"]),
            "url": URL_PROP,
        },
        [],
    ),
}


def activity_defs() -> dict[str, Any]:
    defs: dict[str, Any] = {"activityBase": ACTIVITY_BASE}
    branches = []
    for type_name, (title, description, fields, required) in ACTIVITY_FIELDS.items():
        name = type_name.replace("-", "_")
        definition: dict[str, Any] = {
            "title": title,
            "description": description,
            "$ref": "#/$defs/activityBase",
            "properties": fields,
            "unevaluatedProperties": False,
        }
        if required:
            definition["required"] = required
        defs[name] = definition
        branches.append(
            {
                "if": {"properties": {"type": {"const": type_name}}, "required": ["type"]},
                "then": {"$ref": f"#/$defs/{name}"},
            }
        )
    defs["activity"] = {
        "title": "Activity",
        "description": "One step of a phase. `type` decides which fields apply.",
        "type": "object",
        "required": ["id", "title", "type"],
        "properties": {"type": ACTIVITY_BASE["properties"]["type"]},
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
    },
    title="Session override",
    description="What is different for this cohort's run of one session.",
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
            pattern=r"^[A-Za-z_]+(?:/[A-Za-z0-9_+-]+)*$",
        ),
        "sessions": prop(
            "Session overrides",
            "Per session id: the real date, times, place or facilitator for this cohort.",
            [{"kickoff-dag-1": {"date": "2027-03-03", "location": "Utrecht"}}],
            type="object",
            propertyNames={"pattern": SLUG},
            additionalProperties={"$ref": "#/$defs/cohortSession"},
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
            required=list(PHASES),
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
    }
    return {
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


def render() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover
    target = Path(__file__).resolve().parents[3] / "schemas" / "journey.schema.json"
    target.write_text(render(), encoding="utf-8")
    print(target)
