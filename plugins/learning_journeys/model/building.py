"""Between the model and plain data: build a :class:`Journey` from schema-valid
data, and write one back as data (for round trips and JSON export).

Building assumes the data already passed the JSON Schema; it never sees raw
author mistakes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from learning_journeys.model.durations import humanize, parse_duration
from learning_journeys.model.journey import (
    PHASE_KEYS,
    Activity,
    AgendaItem,
    Assignment,
    Choice,
    Coaching,
    Cohort,
    Community,
    Evaluation,
    EvaluationLevel,
    Feedback,
    Goal,
    Intervision,
    Journey,
    MicroModule,
    Objective,
    Phase,
    Question,
    Reflection,
    Resource,
    Session,
    SessionOverride,
    Workshop,
)

ACTIVITY_CLASSES: dict[str, type[Activity]] = {
    "micro-module": MicroModule,
    "workshop": Workshop,
    "reflection": Reflection,
    "intervision": Intervision,
    "coaching": Coaching,
    "assignment": Assignment,
    "resource": Resource,
    "community": Community,
}

# YAML keys whose model field has another name.
_RENAMED = {"sessions": "session_list"}


def _session(d: dict[str, Any]) -> Session:
    # JSON Schema counts 3.0 as an integer; keep it one.
    kwargs: dict[str, Any] = {k: int(v) if k == "day" else v for k, v in d.items()}
    return Session(**kwargs)


def _activity(d: dict[str, Any], content_loader: Any = None) -> Activity:
    cls = ACTIVITY_CLASSES[d["type"]]
    kwargs: dict[str, Any] = {}
    for key, value in d.items():
        if key == "duration":
            kwargs["duration_minutes"] = parse_duration(value)
        elif key in ("objectives", "prerequisites", "prework", "prompts"):
            kwargs[key] = tuple(value)
        elif key == "sessions":
            kwargs["session_list"] = tuple(_session(s) for s in value)
        elif key == "agenda":
            kwargs[key] = tuple(AgendaItem(**item) for item in value)
        elif key == "questions":
            kwargs[key] = tuple(
                Question(q["question"], tuple(Choice(**c) for c in q["choices"])) for q in value
            )
        elif key == "feedback":
            kwargs[key] = Feedback(value["from"], value.get("request"))
        elif key in ("week", "group_size"):
            kwargs[key] = int(value)
        elif key in ("description", "booking", "task", "content") and value is None:
            kwargs[key] = ""
        else:
            kwargs[key] = value
    if cls is MicroModule and d.get("content_file") and content_loader is not None:
        kwargs["content"] = content_loader(d["content_file"]) or ""
    return cls(**kwargs)


def journey_from_data(data: dict[str, Any], source: Path, content_loader: Any = None) -> Journey:
    """A Journey from schema-valid data; ``content_loader(rel_path)`` reads content files."""
    phases = []
    for key in PHASE_KEYS:
        p = data["phases"].get(key) or {}
        phases.append(
            Phase(
                key=key,
                title=p.get("title"),
                intro=p.get("intro") or "",
                activities=tuple(_activity(a, content_loader) for a in p.get("activities") or ()),
            )
        )
    evaluation = None
    if data.get("evaluation"):
        evaluation = Evaluation(**{k: EvaluationLevel(**v) for k, v in data["evaluation"].items() if v})
    cohorts = tuple(
        Cohort(
            id=c["id"],
            start=c["start"],
            title=c.get("title"),
            timezone=c.get("timezone", "Europe/Amsterdam"),
            sessions=tuple(
                (sid, SessionOverride(**(o or {}))) for sid, o in (c.get("sessions") or {}).items()
            ),
        )
        for c in data.get("cohorts") or ()
    )
    return Journey(
        id=data.get("id") or source.stem,
        title=data["title"],
        source=source,
        summary=data.get("summary") or "",
        description=data.get("description") or "",
        language=data.get("language"),
        audience=data.get("audience"),
        owner=data.get("owner"),
        status=data.get("status", "draft"),
        version=data.get("version"),
        goals=tuple(Goal(**g) for g in data.get("goals") or ()),
        objectives=tuple(
            Objective(
                id=o["id"],
                title=o["title"],
                supports=tuple(o.get("supports") or ()),
                level=o.get("level"),
            )
            for o in data.get("objectives") or ()
        ),
        evaluation=evaluation,
        phases=tuple(phases),
        cohorts=cohorts,
    )


def _clean(value: Any) -> Any:
    """Drop empty and default values so written data stays as short as an author's."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v not in (None, "", (), [], {}, False)}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def _dataclass_data(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in obj.__dataclass_fields__:
        value = getattr(obj, name)
        key = next((k for k, v in _RENAMED.items() if v == name), name)
        if hasattr(value, "__dataclass_fields__"):
            value = _dataclass_data(value)
        elif isinstance(value, tuple):
            value = [_dataclass_data(v) if hasattr(v, "__dataclass_fields__") else v for v in value]
        out[key] = value
    return out


def activity_to_data(activity: Activity, inline_content: bool = False) -> dict[str, Any]:
    data = _dataclass_data(activity)
    minutes = data.pop("duration_minutes")
    if minutes is not None:
        data["duration"] = humanize(minutes, "h", "m").replace(" ", "")
    if "feedback" in data and data["feedback"]:
        fb = data["feedback"]
        data["feedback"] = {"from": fb["source"], "request": fb["request"]}
    if isinstance(activity, MicroModule) and activity.content_file and not inline_content:
        data.pop("content", None)
    # keep `correct: false` on choices: it is required
    ordered: dict[str, Any] = {k: data[k] for k in ("id", "title", "type") if k in data}
    ordered.update(data)
    cleaned = _clean(ordered)
    if isinstance(activity, MicroModule) and activity.questions:
        cleaned["questions"] = [
            {
                "question": q.question,
                "choices": [
                    _clean({"text": c.text, "explanation": c.explanation}) | {"correct": c.correct}
                    for c in q.choices
                ],
            }
            for q in activity.questions
        ]
    if activity.optional:
        cleaned["optional"] = True
    return cleaned


def journey_to_data(journey: Journey) -> dict[str, Any]:
    """Plain data that validates against the schema and builds the same Journey again."""
    data: dict[str, Any] = {
        "id": journey.id,
        "title": journey.title,
        "summary": journey.summary,
        "description": journey.description,
        "language": journey.language,
        "audience": journey.audience,
        "owner": journey.owner,
        "status": journey.status,
        "version": journey.version,
        "goals": [_dataclass_data(g) for g in journey.goals],
        "objectives": [_dataclass_data(o) for o in journey.objectives],
    }
    if journey.evaluation:
        data["evaluation"] = {name: _dataclass_data(level) for name, level in journey.evaluation.levels()}
    out = _clean(data)
    out["phases"] = {}
    for p in journey.phases:
        phase = _clean({"title": p.title, "intro": p.intro})
        if p.activities:
            # activity_to_data is clean already; cleaning again would drop `correct: false`
            phase["activities"] = [activity_to_data(a) for a in p.activities]
        out["phases"][p.key] = phase
    if journey.cohorts:
        out["cohorts"] = [
            _clean(
                {
                    "id": c.id,
                    "title": c.title,
                    "start": c.start,
                    "timezone": c.timezone,
                    "sessions": {sid: _clean(_dataclass_data(o)) for sid, o in c.sessions},
                }
            )
            for c in journey.cohorts
        ]
    return out
