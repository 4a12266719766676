"""A plan for the terminal: ``+`` added, ``-`` removed, ``~`` changed, ``!`` look at this."""

from __future__ import annotations

from learning_journeys.review.changes import Plan
from learning_journeys.review.outline import Code, Line, Part, comparing, outline, summary

_SIGNS = {"added": "+", "removed": "-", "changed": "~", "warning": "!", "unreadable": "!", None: " "}


def _parts(parts: tuple[Part, ...]) -> str:
    return "".join(p.value if isinstance(p, Code) else p for p in parts)


def _lines(line: Line, depth: int) -> list[str]:
    out = [f"{'  ' * depth}{_SIGNS[line.kind]} {_parts(line.parts)}".rstrip()]
    for child in line.children:
        out += _lines(child, depth + 2)
    return out


def render_text(plan: Plan) -> str:
    """The summary first, then per journey its sections, indented."""
    out = [summary(plan), _parts(comparing(plan))]
    for journey in outline(plan):
        out += ["", f"{_SIGNS[journey.kind]} {_parts(journey.heading)}", f"  {_parts(journey.subtitle)}"]
        for section in journey.sections:
            out.append(f"  {section.title}")
            for line in section.lines:
                out += _lines(line, 2)
    return "\n".join(out) + "\n"
