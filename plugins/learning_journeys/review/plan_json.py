"""A plan for tools: the same facts as the other formats, with stable keys (``format`` 1)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from learning_journeys.review.changes import Plan
from learning_journeys.review.outline import summary

FORMAT_VERSION = 1


def plan_data(plan: Plan) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION,
        "base": plan.base,
        "head": plan.head,
        "language": plan.language,
        "summary": {
            "text": summary(plan),
            "activities": {k: plan.count(k) for k in ("added", "changed", "removed")},
            "journeys": {
                k: plan.journeys_by_kind(k)
                for k in ("added", "changed", "removed", "unchanged", "unreadable")
            },
        },
        "journeys": [asdict(j) for j in plan.journeys],
    }


def render_json(plan: Plan) -> str:
    return json.dumps(plan_data(plan), indent=2, ensure_ascii=False) + "\n"
