"""Between the model and plain data: build a :class:`Journey` from schema-valid
data, and write one back as data (for round trips and JSON export).

Activities are read and written field by field from their type's
specification (:mod:`learning_journeys.model.activity_types`), so a new field
or type needs no code here. Building assumes the data already passed the JSON
Schema; it never sees raw author mistakes.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from learning_journeys.model.activity_types import Field, Kind, activity_type
from learning_journeys.model.durations import humanize, parse_duration
from learning_journeys.model.journey import (
    PHASE_KEYS,
    Activity,
    AgendaItem,
    Choice,
    Cohort,
    Evaluation,
    EvaluationLevel,
    Feedback,
    Goal,
    Group,
    Journey,
    Objective,
    Phase,
    Question,
    Repeat,
    Session,
    SessionOverride,
)
from learning_journeys.model.vocabulary import DEFAULT_TIMEZONE

ContentLoader = Callable[[str], "str | None"]


def _repeat(d: dict[str, Any]) -> Repeat:
    number, unit = int(d["every"][:-1]), d["every"][-1]
    count, until = d.get("count"), d.get("until_day")
    return Repeat(
        every_days=number * (7 if unit == "w" else 1),
        count=int(count) if count is not None else None,
        until_day=int(until) if until is not None else None,
    )


def _session(d: dict[str, Any]) -> Session:
    # JSON Schema counts 3.0 as an integer; keep it one.
    kwargs: dict[str, Any] = {k: int(v) if k == "day" else v for k, v in d.items()}
    if d.get("repeat") is not None:
        kwargs["repeat"] = _repeat(d["repeat"])
    return Session(**kwargs)


def _feedback(v: dict[str, Any]) -> Feedback:
    sources = v["from"]
    return Feedback(tuple(sources) if isinstance(sources, list) else (sources,), v.get("request"))


def _question(q: dict[str, Any]) -> Question:
    return Question(q["question"], tuple(Choice(**c) for c in q["choices"]))


_READ: dict[Kind, Callable[[Any], Any]] = {
    Kind.MARKDOWN: lambda v: v or "",
    Kind.INTEGER: int,
    Kind.BOOLEAN: bool,
    Kind.DURATION: parse_duration,
    Kind.IDS: tuple,
    Kind.TEXTS: tuple,
    Kind.SESSIONS: lambda v: tuple(_session(s) for s in v),
    Kind.AGENDA: lambda v: tuple(AgendaItem(**item) for item in v),
    Kind.QUESTIONS: lambda v: tuple(_question(q) for q in v),
    Kind.FEEDBACK: _feedback,
}


def _reader(kind: Kind) -> Callable[[Any], Any]:
    """How a value of ``kind`` is read; `description:` with nothing after it is "" or None."""
    read = _READ.get(kind)
    empty = "" if kind is Kind.MARKDOWN else None
    if read is None:
        return lambda v: empty if v is None else v
    return lambda v: empty if v is None else read(v)


@cache
def _readers(type_name: str) -> dict[str, tuple[str, Callable[[Any], Any], bool]]:
    """Per YAML key of a type: its attribute, how it is read, and whether it names a content file."""
    return {
        key: (f.attr, _reader(f.kind), f.kind is Kind.CONTENT_FILE)
        for key, f in activity_type(type_name).by_key.items()
    }


def activity_from_data(d: dict[str, Any], content_loader: ContentLoader | None = None) -> Activity:
    """An activity of the type ``d["type"]`` names, each field read as its kind says."""
    readers = _readers(d["type"])
    kwargs: dict[str, Any] = {}
    for key, value in d.items():
        found = readers.get(key)
        if found is None:  # the schema allows no other keys
            continue
        attr, read, names_file = found
        kwargs[attr] = read(value)
        if names_file and value and content_loader is not None:
            kwargs["content"] = content_loader(value) or ""
    return activity_type(d["type"]).model(**kwargs)


def journey_from_data(
    data: dict[str, Any], source: Path, content_loader: ContentLoader | None = None
) -> Journey:
    """A Journey from schema-valid data; ``content_loader(rel_path)`` reads content files."""
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
        objectives=tuple(_objective(o) for o in data.get("objectives") or ()),
        evaluation=_evaluation(data.get("evaluation")),
        phases=tuple(_phase(key, data["phases"].get(key) or {}, content_loader) for key in PHASE_KEYS),
        cohorts=tuple(_cohort(c) for c in data.get("cohorts") or ()),
        ignore_lint=tuple(data.get("ignore_lint") or ()),
    )


def _objective(o: dict[str, Any]) -> Objective:
    return Objective(
        id=o["id"], title=o["title"], supports=tuple(o.get("supports") or ()), level=o.get("level")
    )


def _evaluation(data: dict[str, Any] | None) -> Evaluation | None:
    if not data:
        return None
    return Evaluation(**{k: EvaluationLevel(**v) for k, v in data.items() if v})


def _phase(key: str, p: dict[str, Any], content_loader: ContentLoader | None) -> Phase:
    activities = tuple(activity_from_data(a, content_loader) for a in p.get("activities") or ())
    return Phase(key=key, title=p.get("title"), intro=p.get("intro") or "", activities=activities)  # type: ignore[arg-type]


def _overrides(data: dict[str, Any] | None) -> tuple[tuple[str, SessionOverride], ...]:
    return tuple((sid, SessionOverride(**(o or {}))) for sid, o in (data or {}).items())


def _group(g: dict[str, Any]) -> Group:
    fields = {k: v for k, v in g.items() if k != "sessions"}
    if "shift_days" in fields:
        fields["shift_days"] = int(fields["shift_days"])
    return Group(**fields, sessions=_overrides(g.get("sessions")))


def _cohort(c: dict[str, Any]) -> Cohort:
    return Cohort(
        id=c["id"],
        start=c["start"],
        title=c.get("title"),
        timezone=c.get("timezone", DEFAULT_TIMEZONE),
        sessions=_overrides(c.get("sessions")),
        capacity=int(c["capacity"]) if c.get("capacity") is not None else None,
        enrolment_deadline=c.get("enrolment_deadline"),
        groups=tuple(_group(g) for g in c.get("groups") or ()),
    )


# -- writing back ------------------------------------------------------------


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
        if hasattr(value, "__dataclass_fields__"):
            value = _dataclass_data(value)
        elif isinstance(value, tuple):
            value = [_dataclass_data(v) if hasattr(v, "__dataclass_fields__") else v for v in value]
        out[name] = value
    return out


def _session_data(s: Session) -> dict[str, Any]:
    data = _clean(_dataclass_data(s))
    if s.repeat is not None:
        every = s.repeat.every_days
        data["repeat"] = _clean(
            {
                "every": f"{every // 7}w" if every % 7 == 0 else f"{every}d",
                "count": s.repeat.count,
                "until_day": s.repeat.until_day,
            }
        )
    return data


def _choice_data(c: Choice) -> dict[str, Any]:
    # `correct: false` stays: it is required
    return _clean({"text": c.text, "explanation": c.explanation}) | {"correct": c.correct}


_WRITE: dict[Kind, Callable[[Any], Any]] = {
    Kind.DURATION: lambda m: humanize(m, "h", "m").replace(" ", ""),
    Kind.IDS: list,
    Kind.TEXTS: list,
    Kind.SESSIONS: lambda v: [_session_data(s) for s in v],
    Kind.AGENDA: lambda v: [_clean(_dataclass_data(i)) for i in v],
    Kind.QUESTIONS: lambda v: [
        {"question": q.question, "choices": [_choice_data(c) for c in q.choices]} for q in v
    ],
    Kind.FEEDBACK: lambda fb: _clean(
        {"from": fb.sources[0] if len(fb.sources) == 1 else list(fb.sources), "request": fb.request}
    ),
}


def _field_data(activity: Activity, field: Field, inline_content: bool) -> tuple[bool, Any]:
    """Whether ``field`` is written for ``activity``, and its value as data."""
    if field.key == "content" and getattr(activity, "content_file", None) and not inline_content:
        return False, None
    value = getattr(activity, field.attr)
    empty = value is None or value is False or value == "" or value == ()
    if empty and not (field.required and value == ""):
        return False, None
    write = _WRITE.get(field.kind)
    return True, write(value) if write is not None else value


def activity_to_data(activity: Activity, inline_content: bool = False) -> dict[str, Any]:
    """Data that builds the same activity again; required fields are kept even when empty."""
    out: dict[str, Any] = {}
    for field in activity_type(activity.type).all_fields():
        keep, value = _field_data(activity, field, inline_content)
        if keep:
            out[field.key] = value
    return out


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
        "ignore_lint": list(journey.ignore_lint),
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
        out["cohorts"] = [_cohort_data(c) for c in journey.cohorts]
    return out


def _overrides_data(overrides: tuple[tuple[str, SessionOverride], ...]) -> dict[str, Any]:
    return {sid: _clean(_dataclass_data(o)) for sid, o in overrides}


def _group_data(g: Group) -> dict[str, Any]:
    data = _clean({k: v for k, v in _dataclass_data(g).items() if k != "sessions"})
    return data | _clean({"sessions": _overrides_data(g.sessions)})


def _cohort_data(c: Cohort) -> dict[str, Any]:
    return _clean(
        {
            "id": c.id,
            "title": c.title,
            "start": c.start,
            "timezone": c.timezone,
            "capacity": c.capacity,
            "enrolment_deadline": c.enrolment_deadline,
            "sessions": _overrides_data(c.sessions),
            "groups": [_group_data(g) for g in c.groups],
        }
    )
