"""A plan as a pull-request comment: the summary first, a heading per journey, lists.

Authors' words are escaped: a title can never become a link, an image or HTML in the comment.
"""

from __future__ import annotations

import re

from learning_journeys.review.changes import Plan
from learning_journeys.review.outline import Code, Line, Part, comparing, outline, summary
from learning_journeys.review.wording import Words, words_for

MARKER = "<!-- journeys diff -->"  # lets a workflow find and update its earlier comment
FOLD_AFTER = 12  # a longer section is folded, so that the comment stays readable
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def escape(text: str) -> str:
    """Text that Markdown shows as it is (GitHub's renderer included)."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def code(text: str) -> str:
    """An inline code span that holds any text, backticks included."""
    text = " ".join(text.split())
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _parts(parts: tuple[Part, ...]) -> str:
    return "".join(code(p.value) if isinstance(p, Code) else escape(p) for p in parts)


def _lines(line: Line, depth: int, w: Words) -> list[str]:
    word = {"added": w("added"), "removed": w("removed"), "warning": w("check")}.get(line.kind or "")
    out = [f"{'  ' * depth}- {f'**{word}** ' if word else ''}{_parts(line.parts)}"]
    for child in line.children:
        out += _lines(child, depth + 1, w)
    return out


def render_markdown(plan: Plan) -> str:
    w = words_for(plan.language)
    out = [f"**{escape(summary(plan))}**", "", _parts(comparing(plan))]
    for journey in outline(plan):
        out += ["", f"## {_parts(journey.heading)}", "", _parts(journey.subtitle)]
        for section in journey.sections:
            out += ["", f"### {section.title}", ""]
            items = [text for line in section.lines for text in _lines(line, 0, w)]
            if len(section.lines) > FOLD_AFTER:  # a moved cohort start moves every meeting
                items = [
                    f"<details><summary>{w('show_all', n=len(section.lines))}</summary>",
                    "",
                    *items,
                    "",
                    "</details>",
                ]
            out += items
    out += ["", MARKER]
    return "\n".join(out) + "\n"
