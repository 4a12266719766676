"""``journeys new``: a valid, commented journey file to start from."""

from __future__ import annotations

from jinja2 import Environment, StrictUndefined

_TEMPLATE = """\
# yaml-language-server: $schema={{ schema }}
# A blended learning journey in three phases: pre, learn, post.
# Check it with `journeys validate {{ filename }}`; build the site with `mkdocs serve`.
id: {{ id }}
title: {{ title }}
summary: {{ t.summary }}
language: {{ lang }}
audience: {{ t.audience }}
owner: {{ t.owner }}
status: draft          # draft, review or published
version: "0.1"         # quoted, so 0.10 stays 0.10

# Why the organisation invests: each goal with the KPI that shows impact.
goals:
  - id: {{ t.goal_id }}
    title: {{ t.goal }}
    kpi: {{ t.kpi }}

# What learners can do afterwards; `supports` links them to goals.
objectives:
  - id: {{ t.objective_id }}
    title: {{ t.objective }}
    supports: [{{ t.goal_id }}]

evaluation:
  reaction: { method: {{ t.reaction }} }
  behaviour: { method: {{ t.behaviour }} }

phases:
  pre:
    intro: {{ t.pre_intro }}
    activities:
      - id: {{ t.module_id }}
        title: {{ t.module }}
        type: micro-module
        duration: 15m           # 15m, 1h30m, 2h or PT1H30M
        modality: online
        objectives: [{{ t.objective_id }}]
        content: |
          {{ t.module_content }}
  learn:
    activities:
      - id: workshop
        title: Workshop
        type: workshop
        duration: 3h
        modality: classroom
        objectives: [{{ t.objective_id }}]
        prework: [{{ t.module_id }}]   # theory at home, the classroom for practice
        sessions:
          - id: workshop-1
            # day 1 is the cohort's start date; with `week`, day 1 is the first day of that week
            day: 8
            start: "09:00"
            end: "12:00"
            location: {{ t.location }}
  post:
    activities:
      - id: {{ t.reflection_id }}
        title: {{ t.reflection }}
        type: reflection
        duration: 20m
        prompts:
          - {{ t.prompt }}
        feedback: { from: manager }   # or peer, coach, client, team; a list for several

# Runs of the journey: they turn `day` and times into real dates.
cohorts:
  - id: {{ t.cohort_id }}
    start: "2027-03-01"
    timezone: Europe/Amsterdam
"""

_TEXTS = {
    "en": {
        "summary": "What this journey changes, in one sentence.",
        "audience": "Who the journey is for",
        "owner": "L&D team",
        "goal_id": "customer-satisfaction",
        "goal": "Higher customer satisfaction",
        "kpi": "Net Promoter Score",
        "objective_id": "ask-open-questions",
        "objective": "You ask open questions to find the need behind a request",
        "reaction": "Short survey after the workshop",
        "behaviour": "Observation by the manager after six weeks",
        "pre_intro": "Prepare at home, at your own pace.",
        "module_id": "introduction",
        "module": "Introduction",
        "module_content": "Write the module's content here, in Markdown.",
        "location": "Training centre, room 1",
        "reflection_id": "reflection",
        "reflection": "Reflection",
        "prompt": "What will you do differently in your next conversation?",
        "cohort_id": "spring-2027",
    },
    "nl": {
        "summary": "Wat dit traject verandert, in één zin.",
        "audience": "Voor wie het traject is",
        "owner": "L&D-team",
        "goal_id": "klanttevredenheid",
        "goal": "Hogere klanttevredenheid",
        "kpi": "Net Promoter Score",
        "objective_id": "open-vragen",
        "objective": "Je stelt open vragen om de vraag achter de vraag te vinden",
        "reaction": "Korte vragenlijst na de workshop",
        "behaviour": "Observatie door de leidinggevende na zes weken",
        "pre_intro": "Bereid je thuis voor, in je eigen tempo.",
        "module_id": "introductie",
        "module": "Introductie",
        "module_content": "Schrijf hier de inhoud van de module, in Markdown.",
        "location": "Leercentrum, zaal 1",
        "reflection_id": "reflectie",
        "reflection": "Reflectie",
        "prompt": "Wat doe je anders in je volgende gesprek?",
        "cohort_id": "voorjaar-2027",
    },
}


# The languages the new file's comments and example texts are written in.
LANGUAGES = tuple(sorted(_TEXTS))


def new_journey_yaml(journey_id: str, title: str, language: str, schema: str, filename: str) -> str:
    """The text of a new journey file; in English for a language without texts in :data:`_TEXTS`."""
    texts = _TEXTS.get(language.split("-")[0].lower(), _TEXTS["en"])
    env = Environment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    return env.from_string(_TEMPLATE).render(
        id=journey_id, title=title, lang=language, t=texts, schema=schema, filename=filename
    )
