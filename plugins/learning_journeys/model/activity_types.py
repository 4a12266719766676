"""One specification per activity type: the single place that says what a type is.

The JSON Schema's ``$defs``, building the model from data and writing it back,
which fields are Markdown or links, who leads the activity, whether it has
sessions, its icon, template and labels, and its schema.org mapping are all
derived from :data:`ACTIVITY_TYPES`. Adding a type is one entry here, one
template in ``site_templates/types/`` and its labels; ``tests/test_activity_types.py``
fails while any of those is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum
from functools import cached_property
from typing import Any

from learning_journeys.model.durations import DURATION_PATTERN
from learning_journeys.model.journey import (
    Activity,
    Assignment,
    Coaching,
    Community,
    Intervision,
    MicroModule,
    Portfolio,
    Reflection,
    Resource,
    Workshop,
)
from learning_journeys.model.schema_parts import id_list, lint_codes, markdown, obj, prop, slug, text, url
from learning_journeys.model.vocabulary import MODALITIES, TIME


class Kind(Enum):
    """How a field's value is read into the model, written back and shown."""

    TEXT = "text"  # plain text, shown exactly as typed
    MARKDOWN = "markdown"  # Markdown, sanitised; "" when absent
    URL = "url"  # a link, scheme-checked
    CHOICE = "choice"  # one of the schema's enum; shown through a label
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DURATION = "duration"  # `1h30m` in YAML, minutes in the model
    IDS = "ids"  # ids of other activities or objectives
    TEXTS = "texts"  # a list of plain texts
    SESSIONS = "sessions"
    AGENDA = "agenda"
    QUESTIONS = "questions"
    FEEDBACK = "feedback"
    CONTENT_FILE = "content_file"  # a Markdown file whose text fills `content`


@dataclass(frozen=True)
class Field:
    """One YAML key of an activity and everything that follows from it."""

    key: str
    kind: Kind
    schema: dict[str, Any]
    attribute: str = ""  # the model attribute, when it is not the key
    required: bool = False
    references: str | None = None  # for IDS: "activity" or "objective"
    label_prefix: str | None = None  # for CHOICE: labels are `prefix + value`
    label: str | None = None  # the label key of the field's name on pages

    @property
    def attr(self) -> str:
        return self.attribute or self.key


@dataclass(frozen=True)
class ActivityType:
    """An activity type: its schema, model class, page, labels and schema.org mapping."""

    name: str
    model: type[Activity]
    title: str
    description: str
    fields: tuple[Field, ...]
    icon: str  # a Material Design icon name
    schema_org: str  # schema.org ``learningResourceType``
    words: str = ""  # what Dutch (and English) authors write for the type

    @property
    def label_key(self) -> str:
        return f"type_{self.name}"

    @property
    def template(self) -> str:
        return f"types/{self.name}.md.j2"

    @property
    def leader(self) -> Field | None:
        """The field that names who leads the activity, if the type has one."""
        return next((f for f in self.fields if f.attr == "leader"), None)

    @property
    def has_sessions(self) -> bool:
        return any(f.kind is Kind.SESSIONS for f in self.fields)

    @cached_property
    def by_key(self) -> dict[str, Field]:
        """Every field of the type, common ones included, by YAML key."""
        return {f.key: f for f in (*COMMON_FIELDS, *self.fields)}

    def find(self, key: str) -> Field | None:
        """The field for a YAML key, if the type has it."""
        return self.by_key.get(key)

    def field(self, key: str) -> Field:
        """The field for a YAML key the type is known to have."""
        found = self.find(key)
        if found is None:
            raise KeyError(f"{self.name} has no field {key!r}")
        return found

    def all_fields(self) -> tuple[Field, ...]:
        return (*COMMON_FIELDS, *self.fields)


def _common_fields() -> tuple[Field, ...]:
    return (
        Field(
            "id",
            Kind.TEXT,
            slug(
                "Activity id",
                "Stable id, unique in the journey: used in page addresses and to keep a learner's"
                " progress when the journey is republished. Change it only when the activity"
                " really changes.",
                ["intake-gesprek"],
            ),
            required=True,
        ),
        Field(
            "title",
            Kind.TEXT,
            text(
                "Title",
                "Name of the activity as learners see it.",
                ["Micromodule 1: de klantvraag achter de vraag"],
            ),
            required=True,
        ),
        Field(
            "type",
            Kind.CHOICE,
            prop(
                "Activity type",
                "What kind of activity this is; decides which other fields apply.",
                [],  # filled with the type names below
            ),
            required=True,
            label_prefix="type_",
        ),
        Field(
            "description",
            Kind.MARKDOWN,
            markdown(
                "Description",
                "What the activity is about and why it matters to the learner.",
                ["In deze module ontdek je ..."],
            ),
        ),
        Field(
            "duration",
            Kind.DURATION,
            text(
                "Duration",
                "Time a learner spends, as `15m`, `1h30m`, `2h`, `1d` (a working day of 8 hours)"
                " or ISO 8601 `PT1H30M` (schema.org timeRequired).",
                ["15m", "1h30m", "PT2H"],
                pattern=DURATION_PATTERN,
            ),
            attribute="duration_minutes",
        ),
        Field(
            "modality",
            Kind.CHOICE,
            prop(
                "Modality",
                "How and where it happens (schema.org courseMode): "
                + ", ".join(list(MODALITIES)[:-1])
                + f" or {list(MODALITIES)[-1]}.",
                ["online", "classroom"],
                enum=list(MODALITIES),
            ),
            label_prefix="modality_",
        ),
        Field(
            "objectives",
            Kind.IDS,
            id_list(
                "Objectives served",
                "Ids of the learning objectives this activity serves (schema.org teaches).",
                [["vraag-achter-de-vraag"]],
            ),
            references="objective",
        ),
        Field(
            "prerequisites",
            Kind.IDS,
            id_list(
                "Prerequisites",
                "Ids of activities to finish first (schema.org coursePrerequisites). They must be in"
                " the same or an earlier phase.",
                [["micromodule-1"]],
            ),
            references="activity",
        ),
        Field(
            "optional",
            Kind.BOOLEAN,
            prop("Optional", "True when the learner may skip this activity.", [False], type="boolean"),
        ),
        Field(
            "week",
            Kind.INTEGER,
            prop(
                "Week",
                "Week of the journey in which the activity is planned (or opens); week 1 starts on the"
                " cohort's start date. Week 0 is the week before the start (an intake, pre-work),"
                " -1 the week before that.",
                [1, 2, 0],
                type="integer",
                minimum=-12,
                maximum=104,
            ),
        ),
        Field(
            "until_week",
            Kind.INTEGER,
            prop(
                "Open until week",
                "For an activity that runs over a period: the last week it is open (with `week` as the"
                " first). A year-long assignment: `week: 1`, `until_week: 52`.",
                [8, 52],
                type="integer",
                minimum=-12,
                maximum=104,
            ),
        ),
        Field(
            "due_week",
            Kind.INTEGER,
            prop(
                "Due in week",
                "The week by whose end the activity must be done; the agenda shows it as a deadline.",
                [6],
                type="integer",
                minimum=-12,
                maximum=104,
            ),
        ),
        Field(
            "prior_learning",
            Kind.TEXT,
            text(
                "Prior learning",
                'Lets a learner who can already show what this activity teaches mark it "I can already'
                ' show this" with evidence instead of doing it (recognition of prior learning, EVC):'
                " say what evidence counts. It counts for progress and shows in the portfolio.",
                ["Een verslag van een klantgesprek waarin je doorvraagt, met feedback van je leidinggevende"],
            ),
        ),
        Field(
            "manager_note",
            Kind.MARKDOWN,
            markdown(
                "Note for the manager",
                "What the learner's manager does around this activity: what to discuss, when, what to"
                " look for. Gathered on the journey's page for managers.",
                ["Bespreek na de workshop welk klantgesprek je medewerker gaat voorbereiden."],
            ),
        ),
        Field(
            "ignore_lint",
            Kind.TEXTS,
            lint_codes(
                "Design advice to skip",
                "Design advice (warnings LJ301-LJ312) that does not apply to this activity on purpose:"
                " `journeys validate` no longer gives it here. Say why in a comment.",
                [["LJ307"]],
            ),
        ),
    )


COMMON_FIELDS: tuple[Field, ...] = _common_fields()


def _leader(key: str, title: str, description: str, example: str) -> Field:
    return Field(key, Kind.TEXT, text(title, description, [example]), attribute="leader", label=key)


def _per_group() -> Field:
    return Field(
        "per_group",
        Kind.BOOLEAN,
        prop(
            "Per group",
            "True when each group of a cohort meets on its own (intervision groups A, B, C), with the"
            " group's place, time, facilitator and dates; false for one meeting of the whole cohort.",
            [True],
            type="boolean",
        ),
    )


def _sessions() -> Field:
    return Field(
        "sessions",
        Kind.SESSIONS,
        prop(
            "Sessions",
            "Meetings with a day and time relative to the start; cohorts turn them into real dates.",
            [[{"id": "dag-1", "day": 3, "start": "09:00", "end": "12:30", "location": "Utrecht"}]],
            type="array",
            items={"$ref": "#/$defs/session"},
        ),
    )


def _agenda() -> Field:
    return Field(
        "agenda",
        Kind.AGENDA,
        prop(
            "Agenda",
            "The programme, item by item: a clock time as designed (`time`) or a length (`minutes`)."
            " The facilitator's run sheet turns it into clock times from each meeting's real start;"
            " `session` ties an item to one session of several.",
            [[{"time": "09:00", "minutes": 30, "topic": "Welkom en verwachtingen", "session": "dag-1"}]],
            type="array",
            items=obj(
                {
                    "time": text("Time", "Start time of the item (HH:MM).", ["09:00"], pattern=TIME),
                    "minutes": prop(
                        "Minutes",
                        "How long the item takes; later items without a time follow it.",
                        [20],
                        type="integer",
                        minimum=1,
                        maximum=1440,
                    ),
                    "topic": text("Topic", "What happens.", ["Oefenen met een acteur"]),
                    "session": slug(
                        "Session",
                        "The id of the session this item belongs to (default: every session).",
                        ["dag-1"],
                    ),
                },
                required=["topic"],
            ),
        ),
    )


FEEDBACK_SOURCES = ("peer", "manager", "coach", "client", "team")


def _micro_module() -> ActivityType:
    return ActivityType(
        "micro-module",
        MicroModule,
        "Micro-module",
        "A short self-paced module (microlearning), with content inline or from a Markdown file and"
        " an optional knowledge check.",
        (
            Field(
                "content",
                Kind.MARKDOWN,
                markdown("Content", "The module's content, inline.", ["## De vraag achter de vraag\n..."]),
            ),
            Field(
                "content_file",
                Kind.CONTENT_FILE,
                text(
                    "Content file",
                    "A Markdown file with the content, relative to this journey file; it must stay"
                    " inside the journeys folder.",
                    ["content/vraag-achter-de-vraag.md"],
                    pattern=r"^[^\x00]+\.(?:md|markdown)$",
                ),
            ),
            Field(
                "questions",
                Kind.QUESTIONS,
                prop(
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
            ),
        ),
        icon="play-circle-outline",
        schema_org="LearningResource",
        words="e-learning elearning microlearning micromodule module",
    )


def _workshop() -> ActivityType:
    return ActivityType(
        "workshop",
        Workshop,
        "Workshop",
        "A classroom or virtual session led by a facilitator (klassikaal).",
        (
            _leader(
                "facilitator",
                "Facilitator",
                "Who leads the workshop (begeleider, trainer).",
                "Marieke de Vries",
            ),
            _sessions(),
            _per_group(),
            _agenda(),
            Field(
                "prework",
                Kind.IDS,
                id_list(
                    "Pre-work", "Ids of activities to complete before the workshop.", [["micromodule-1"]]
                ),
                references="activity",
            ),
        ),
        icon="school",
        schema_org="EducationEvent",
        words="klassikaal training bijeenkomst cursus webinar",
    )


def _reflection() -> ActivityType:
    feedback = obj(
        {
            "from": prop(
                "Ask feedback from",
                "Who the learner asks for feedback: one, or a list of several.",
                ["manager", ["manager", "peer"]],
                anyOf=[
                    {"type": "string", "enum": list(FEEDBACK_SOURCES)},
                    {
                        "type": "array",
                        "items": {"type": "string", "enum": list(FEEDBACK_SOURCES)},
                        "minItems": 1,
                        "uniqueItems": True,
                    },
                ],
            ),
            "request": text(
                "Request text",
                "A ready-to-copy request the learner can send. `{start}` in it becomes the start date of the"
                " learner's cohort.",
                ["Wil je me feedback geven op mijn laatste klantgesprek?"],
            ),
        },
        required=["from"],
        title="Feedback",
        description="Ask someone for feedback as part of this reflection.",
        examples=[{"from": "manager", "request": "..."}],
    )
    return ActivityType(
        "reflection",
        Reflection,
        "Reflection checkpoint",
        "A moment to reflect (reflectiemoment), with prompts the learner answers in a personal journal.",
        (
            Field(
                "prompts",
                Kind.TEXTS,
                prop(
                    "Prompts",
                    "Questions the learner reflects on; each gets its own text box.",
                    [["Wat ging goed in je laatste klantgesprek?"]],
                    type="array",
                    minItems=1,
                    items={"type": "string", "minLength": 1},
                ),
                required=True,
            ),
            Field("feedback", Kind.FEEDBACK, feedback),
            Field(
                "after",
                Kind.TEXT,
                slug(
                    "After every meeting of",
                    "The id of an activity with meetings (an intervision group, coaching): the learner"
                    " then writes one journal entry after each of its meetings, each dated. Written once,"
                    " it follows every meeting, also when a cohort moves one.",
                    ["intervisie"],
                ),
                references="activity",
            ),
        ),
        icon="head-lightbulb-outline",
        schema_org="LearningResource",
        words="reflectie reflectiemoment",
    )


def _intervision() -> ActivityType:
    return ActivityType(
        "intervision",
        Intervision,
        "Intervision",
        "A peer consultation group (intervisie) that meets several times.",
        (
            Field(
                "method",
                Kind.TEXT,
                text("Method", "The intervision method used.", ["incidentmethode", "roddelmethode"]),
                label="method_intervision",
            ),
            Field(
                "group_size",
                Kind.INTEGER,
                prop(
                    "Group size",
                    "Number of participants per group.",
                    [6],
                    type="integer",
                    minimum=2,
                    maximum=20,
                ),
            ),
            _leader(
                "facilitator",
                "Facilitator",
                "Who leads the group's meetings (begeleider).",
                "Marieke de Vries",
            ),
            _sessions(),
            _per_group(),
            _agenda(),
        ),
        icon="account-group",
        schema_org="EducationEvent",
        words="intervisie",
    )


def _coaching() -> ActivityType:
    return ActivityType(
        "coaching",
        Coaching,
        "Coaching",
        "One-to-one coaching, planned or on demand (a coaching hour right before a hard conversation).",
        (
            Field(
                "format",
                Kind.CHOICE,
                prop(
                    "Format",
                    "`one-to-one` for planned sessions, `group` for team or group coaching, `on-demand`"
                    " for a coaching hour the learner books when needed.",
                    ["on-demand"],
                    enum=["one-to-one", "group", "on-demand"],
                ),
                label_prefix="format_",
            ),
            _leader("coach", "Coach", "Who coaches (a name or a pool).", "Pool externe coaches"),
            Field(
                "booking",
                Kind.MARKDOWN,
                markdown(
                    "How to book",
                    "How the learner books a session.",
                    ["Boek via de coachpool op het intranet."],
                ),
            ),
            Field("booking_url", Kind.URL, url()),
            _sessions(),
            _per_group(),
        ),
        icon="account-voice",
        schema_org="EducationEvent",
        words="coach coachingsuur coachgesprek",
    )


def _portfolio() -> ActivityType:
    return ActivityType(
        "portfolio",
        Portfolio,
        "Portfolio",
        "The learner's own portfolio: evidence and reflections per objective, gathered in their browser and"
        " exported for a development conversation (employee-led learning).",
        (
            Field(
                "instructions",
                Kind.MARKDOWN,
                markdown(
                    "Instructions",
                    "What the learner gathers and how they prepare the conversation.",
                    ["Verzamel per leerdoel een voorbeeld uit je werk en wat je ervan leerde."],
                ),
            ),
            Field(
                "evidence_for",
                Kind.IDS,
                id_list(
                    "Evidence for objectives",
                    "Ids of the objectives the learner shows evidence for (default: all of them).",
                    [["doorvragen", "samenvatten"]],
                ),
                references="objective",
            ),
            Field(
                "discuss_with",
                Kind.CHOICE,
                prop(
                    "Discuss with",
                    "Who the learner discusses the portfolio with.",
                    ["manager"],
                    enum=["manager", "coach", "peer", "team"],
                ),
                label_prefix="from_",
            ),
        ),
        icon="briefcase-account-outline",
        schema_org="LearningResource",
        words="portfolio ontwikkelportfolio ontwikkelgesprek",
    )


def _assignment() -> ActivityType:
    return ActivityType(
        "assignment",
        Assignment,
        "On-the-job assignment",
        "A task in the learner's own work (werkend leren), with a deliverable and evidence for the portfolio.",
        (
            Field(
                "task",
                Kind.MARKDOWN,
                markdown(
                    "Task",
                    "What the learner does at work.",
                    ["Voer een klantgesprek met de vraag-achter-de-vraag techniek."],
                ),
                required=True,
            ),
            Field(
                "deliverable",
                Kind.TEXT,
                text(
                    "Deliverable",
                    "What the learner hands in or shows.",
                    ["Een gespreksverslag van een halve pagina"],
                ),
            ),
            Field(
                "checked_by",
                Kind.TEXT,
                text("Checked by", "Who looks at the result and gives feedback.", ["je leidinggevende"]),
            ),
            Field(
                "evidence",
                Kind.TEXT,
                text(
                    "Portfolio evidence",
                    "What the learner keeps in their own portfolio to show performance.",
                    ["Verslag plus de feedback van je leidinggevende"],
                ),
            ),
        ),
        icon="clipboard-check-outline",
        schema_org="LearningResource",
        words="opdracht werkplekopdracht praktijkopdracht",
    )


def _resource() -> ActivityType:
    return ActivityType(
        "resource",
        Resource,
        "Resource",
        "Something to read, watch or follow: an article, video, e-learning or book.",
        (
            Field(
                "kind",
                Kind.CHOICE,
                prop(
                    "Kind",
                    "What sort of resource this is.",
                    ["article"],
                    enum=["article", "video", "e-learning", "book", "podcast", "link", "tool"],
                ),
                label_prefix="kind_",
            ),
            Field("url", Kind.URL, url()),
            Field("author", Kind.TEXT, text("Author", "Who made it.", ["Jane Hart"])),
        ),
        icon="book-open-variant",
        schema_org="LearningResource",
        words="bron artikel boek video podcast link",
    )


def _community() -> ActivityType:
    return ActivityType(
        "community",
        Community,
        "Community",
        "A social space where learners meet, ask and share across all phases.",
        (
            Field(
                "platform",
                Kind.TEXT,
                text("Platform", "Where the community lives.", ["Teams-kanaal #vakmanschap"]),
            ),
            Field("url", Kind.URL, url()),
        ),
        icon="forum",
        schema_org="LearningResource",
        words="gemeenschap forum",
    )


ACTIVITY_TYPES: dict[str, ActivityType] = {
    t.name: t
    for t in (
        _micro_module(),
        _workshop(),
        _reflection(),
        _intervision(),
        _coaching(),
        _assignment(),
        _portfolio(),
        _resource(),
        _community(),
    )
}


def activity_type(name: str) -> ActivityType:
    """The specification of a type the schema accepted."""
    return ACTIVITY_TYPES[name]


def own_attributes(model: type[Activity]) -> set[str]:
    """The attributes a model class adds to :class:`Activity`, for the specification test."""
    base = {f.name for f in fields(Activity)}
    return {f.name for f in fields(model)} - base
