"""The problems of a journey file, shown on its own pages while a preview server runs.

Like Vite's error overlay: per problem the file, line and column, the message, the
offending line of the source with a marker under the column, and the hint; above
them a line saying whether the page shows the last good version or none at all.
Everything that comes from a file (messages quote the author's values) is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from learning_journeys.site.labels import Labels
from learning_journeys.site.sanitize import plain_text
from learning_journeys.validation.diagnostics import Diagnostic

CONTEXT_BEFORE = 2
MAX_LINE = 400  # characters of a source line shown; a marker further on points at the cut


def overlay_html(
    problems: Sequence[Diagnostic], sources: dict[str, str | None], labels: Labels, state: str
) -> str:
    """The block shown at the top of a page; ``state`` is "stale" (last good content shown),
    "missing" (the journey never built) or "site" (the catalogue, for every broken file).

    ``sources`` maps a diagnostic's file to the file's text (None when it cannot be read).
    """
    titles = {
        "stale": labels("problem_overlay_stale"),
        "missing": labels("problem_overlay_missing"),
        "site": labels("problem_overlay_site"),
    }
    title = titles[state]
    intro = labels("problem_overlay_fix")
    items = "".join(_item(d, sources.get(d.file), labels) for d in problems)
    return (
        f'<aside class="lj-problems" aria-labelledby="lj-problems-title" data-lj-problems="{state}">'
        f'<p class="lj-problems__title" id="lj-problems-title"><strong>{escape(title)}</strong></p>'
        f'<p class="lj-problems__intro">{escape(intro)}</p>'
        f'<ol class="lj-problems__list">{items}</ol></aside>\n'
    )


def _item(d: Diagnostic, text: str | None, labels: Labels) -> str:
    where = (
        d.file if d.line <= 0 else f"{d.file}:{d.line}:{d.column}" if d.column > 0 else f"{d.file}:{d.line}"
    )
    severity = labels("problem_error") if d.is_error else labels("problem_warning")
    parts = [
        f'<p class="lj-problems__where"><code>{escape(where)}</code> '
        f'<span class="lj-problems__code">{escape(severity)} {escape(d.code)}</span></p>',
        f'<p class="lj-problems__message">{escape(d.message)}</p>',
    ]
    frame = code_frame(text, d.line, d.column) if text is not None else None
    if frame:
        label = labels("problem_source").format(line=d.line)
        parts.append(
            f'<pre class="lj-problems__frame" tabindex="0" aria-label="{escape(label)}"><code>{frame}</code></pre>'
        )
    if d.hint:
        parts.append(
            f'<p class="lj-problems__hint"><strong>{escape(labels("problem_hint"))}:</strong> {escape(d.hint)}</p>'
        )
    return f'<li class="lj-problems__item">{"".join(parts)}</li>'


def code_frame(text: str, line: int, column: int) -> Markup | None:
    """Escaped lines up to ``line`` with their numbers, and a ``^`` under ``column``; None if out of range."""
    lines = text.splitlines()
    if line <= 0 or line > len(lines):
        return None
    first = max(1, line - CONTEXT_BEFORE)
    width = len(str(line))
    rows = []
    for number in range(first, line + 1):
        source = lines[number - 1].expandtabs(4)[:MAX_LINE]
        mark = ">" if number == line else " "
        cls = ' class="lj-problems__line"' if number == line else ""
        rows.append(f"<span{cls}>{mark} {number:>{width}} | {escape(source)}</span>")
    if column > 0:
        offset = min(column - 1, MAX_LINE)
        rows.append(f'<span class="lj-problems__marker">  {" " * width} | {" " * offset}^</span>')
    return Markup("\n".join(rows))


def missing_page(title: str) -> str:
    """The Markdown of a journey that never built: its title (as text); the overlay says the rest."""
    return f"# {plain_text(title)}\n"
