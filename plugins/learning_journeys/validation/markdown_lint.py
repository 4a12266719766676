"""Accessibility of the Markdown authors write: images without alt text, links that do not say
where they go, skipped heading levels.

The text is parsed with markdown-it-py (CommonMark) rather than read with patterns: an image
inside a code span, or a `#` in a code block, is no image or heading. The site renders with
Python-Markdown, whose extensions (admonitions, attribute lists) are plain text here, which
these three checks do not depend on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from learning_journeys.model.journey import Journey
from learning_journeys.validation.diagnostics import JsonPath
from learning_journeys.validation.rules import markdown_fields

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Link texts that say nothing about where the link goes, in the languages journeys are written in.
VAGUE_LINK_TEXTS = frozenset(
    {
        "click here",
        "here",
        "this link",
        "link",
        "read more",
        "more",
        "klik hier",
        "hier",
        "deze link",
        "lees meer",
        "meer",
        "klik",
    }
)
_URL_TEXT = re.compile(r"^(?:https?://|mailto:|www\.)\S+$", re.IGNORECASE)
# What a problem with a link or image needs: an image with nothing between its brackets, or a
# word every vague link text ends with, or the start of an address (searched with code marks
# removed and case folded, as the link's text is compared).
_EMPTY_ALT = re.compile(r"!\[\s*\]")
_VAGUE_OR_BARE = re.compile(
    "|".join(
        sorted({re.escape(t.split()[-1]) for t in VAGUE_LINK_TEXTS}) + [r"https?://", "mailto:", r"www\."]
    )
)
# A line that may be a heading (ATX, also in a quote or list item, or a setext underline), with
# its level: the number of `#`, or the underline's `=` (1) or `-` (2).
_MAY_BE_HEADING = re.compile(r"^[ \t>*+\-\d.)]*(#{1,6})(?:[ \t]|$)|^[ \t>]*(=+|-+)[ \t]*$", re.M)


@dataclass(frozen=True)
class MarkdownProblem:
    """One problem in one Markdown field: where, which code, what and how to fix it."""

    path: JsonPath
    code: str
    message: str
    fix: str
    text_line: int | None = None  # the line in a text written in the journey file


@cache
def _parser(inline: bool) -> MarkdownIt:
    """CommonMark without the rules these checks never look at (emphasis, entities, raw HTML).

    Without ``inline`` only the blocks are parsed: enough for headings, and half the work.
    Imported here: most runs parse no text, and the import costs as much as fifty files.
    """
    from markdown_it import MarkdownIt
    parser = MarkdownIt("commonmark").disable(["emphasis", "entity", "html_inline", "html_block"])
    return parser if inline else parser.disable("inline")


def markdown_problems(journey: Journey) -> list[MarkdownProblem]:
    """Every accessibility problem in the journey's Markdown, content files included."""
    return [
        MarkdownProblem(path, code, message + _place(where, line), fix, None if where else line)
        for path, text, where in markdown_fields(journey)
        if text
        for code, message, fix, line in text_problems(text)
    ]


def text_problems(text: str) -> list[tuple[str, str, str, int | None]]:
    """The problems in one Markdown text, as (code, message, fix, line).

    The text is parsed only when it may hold a problem: most hold none of the marks one needs.
    """
    links = _may_have_link_problems(text)
    if not links and not _may_skip_a_level(text):
        return []
    return list(_problems(_parser(links).parse(text)))


def _may_have_link_problems(text: str) -> bool:
    """Whether ``text`` may hold an image without alt text or a vague or bare link text."""
    if "[" not in text and "<" not in text:
        return False
    return bool(_EMPTY_ALT.search(text) or _VAGUE_OR_BARE.search(text.replace("`", "").casefold()))


def _may_skip_a_level(text: str) -> bool:
    """Whether the heading levels in ``text`` may skip one: only if a line that may be a heading
    goes more than one level deeper than an earlier one (real headings are among those lines)."""
    if "#" not in text and "\n" not in text:  # no ATX heading, and no line to underline
        return False
    highest = 7
    for found in _MAY_BE_HEADING.finditer(text):
        level = len(found[1]) if found[1] else (1 if found[2][0] == "=" else 2)
        if level > highest + 1:
            return True
        highest = min(highest, level)
    return False


def _place(where: str, line: int | None) -> str:
    """`` in `content/x.md` (line 12)``: the line is worth saying only in a file of its own."""
    return f"{where} (line {line})" if where and line else where


def _problems(tokens: list[Token]) -> Iterator[tuple[str, str, str, int | None]]:
    yield from _skipped_headings(tokens)
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        line = block.map[0] + 1 if block.map else None
        yield from _images(block.children, line)
        yield from _links(block.children, line)


def _skipped_headings(tokens: list[Token]) -> Iterator[tuple[str, str, str, int | None]]:
    previous = 0
    for token in tokens:
        if token.type != "heading_open":
            continue
        level = int(token.tag[1])
        if previous and level > previous + 1:
            line = token.map[0] + 1 if token.map else None
            yield (
                "LJ312",
                f"heading level {level} follows level {previous}",
                f"make it a level {previous + 1} heading ({'#' * (previous + 1)})",
                line,
            )
        previous = level


def _images(children: list[Token], line: int | None) -> Iterator[tuple[str, str, str, int | None]]:
    for token in children:
        if token.type == "image" and not token.content.strip():
            src = str(token.attrs.get("src", ""))
            yield (
                "LJ310",
                f"image `{src}` has no alt text",
                f"say what the image shows between the brackets: `![what it shows]({src})`",
                line,
            )


def _links(children: list[Token], line: int | None) -> Iterator[tuple[str, str, str, int | None]]:
    text: list[str] | None = None
    for token in children:
        if token.type == "link_open":
            text = []
        elif token.type == "link_close" and text is not None:
            words = "".join(text).strip()
            label = words.casefold().strip(" .:!→>»*_")  # *emphasis* is not parsed
            if label in VAGUE_LINK_TEXTS:
                yield (
                    "LJ311",
                    f"link text `{words}` does not say where the link goes",
                    "name the destination: `[the enrolment form](https://...)`",
                    line,
                )
            elif _URL_TEXT.match(words):
                yield (
                    "LJ311",
                    f"link text `{words}` is a bare address",
                    "name the destination: `[the enrolment form](https://...)`",
                    line,
                )
            text = None
        elif text is not None and token.type in ("text", "code_inline"):
            text.append(token.content)
        elif text is not None and token.type == "image":
            text.append(token.content)
