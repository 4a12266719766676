"""schema.org JSON-LD for a journey: Course, a CourseInstance per cohort, an
EducationEvent per dated meeting (every meeting of a series, per group; a cancelled one with
``eventStatus`` EventCancelled, a moved one EventRescheduled), ``timeRequired`` in ISO 8601.

Search engines and LMS importers read it; the model's field names were chosen
so that this is a mapping, not a translation.
"""

from __future__ import annotations

from typing import Any

from learning_journeys.model.activity_types import ACTIVITY_TYPES
from learning_journeys.model.durations import to_iso
from learning_journeys.model.journey import Journey
from learning_journeys.model.schedule import ScheduledSession
from learning_journeys.model.vocabulary import MODALITIES


def journey_jsonld(journey: Journey, schedules: dict[str, list[ScheduledSession]]) -> dict[str, Any]:
    """The JSON-LD document embedded in a journey's overview page."""
    modes = sorted({MODALITIES[a.modality].course_mode for _p, a in journey.activities() if a.modality})
    course: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Course",
        "identifier": journey.id,
        "name": journey.title,
        "description": journey.summary or None,
        "inLanguage": journey.language,
        "audience": {"@type": "Audience", "audienceType": journey.audience} if journey.audience else None,
        "provider": {"@type": "Organization", "name": journey.owner} if journey.owner else None,
        "version": journey.version,
        "timeRequired": to_iso(journey.duration_minutes) if journey.duration_minutes else None,
        "teaches": [o.title for o in journey.objectives] or None,
        "educationalCredentialAwarded": None,
        "hasPart": [
            {
                "@type": "LearningResource",
                "identifier": a.id,
                "name": a.title,
                "learningResourceType": a.type,
                "additionalType": ACTIVITY_TYPES[a.type].schema_org,
                "timeRequired": to_iso(a.duration_minutes) if a.duration_minutes else None,
                "teaches": list(a.objectives) or None,
                "coursePrerequisites": list(a.prerequisites) or None,
                "isAccessibleForFree": None,
            }
            for _p, a in journey.activities()
        ],
        "hasCourseInstance": [],
    }
    for cohort in journey.cohorts:
        instance: dict[str, Any] = {
            "@type": "CourseInstance",
            "identifier": cohort.id,
            "name": cohort.title or cohort.id,
            "startDate": cohort.start,
            "courseMode": modes or None,
            "subEvent": [],
        }
        for s in schedules.get(cohort.id, []):
            if s.day is None:
                continue
            event: dict[str, Any] = {
                "@type": "EducationEvent",
                "identifier": f"{s.group.id}.{s.meeting_id}" if s.group else s.meeting_id,
                "name": _event_name(s),
                "eventStatus": _STATUS["cancelled" if s.cancelled else "moved" if s.moved else "scheduled"],
                "startDate": (s.start or s.day).isoformat(),
                "endDate": s.end.isoformat() if s.end else None,
                "location": _location(s),
                "organizer": {"@type": "Person", "name": s.facilitator} if s.facilitator else None,
            }
            instance["subEvent"].append(_compact(event))
        course["hasCourseInstance"].append(_compact(instance))
    return _compact(course)


_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "moved": "https://schema.org/EventRescheduled",
}


def _event_name(s: ScheduledSession) -> str:
    name = s.title or s.activity.title
    if s.occurrence is not None and s.occurrence.number is not None:
        name += f" {s.occurrence.number}"
    return f"{name} ({s.group.title or s.group.id})" if s.group else name


def _location(s: ScheduledSession) -> Any:
    if s.url:
        return {"@type": "VirtualLocation", "url": s.url}
    if s.location:
        return {"@type": "Place", "name": s.location}
    return None


def _compact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value
