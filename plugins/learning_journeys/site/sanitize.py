"""Making author text safe to put into a page.

Two kinds of fields: plain text (titles, names) is shown exactly as typed,
never as Markdown or HTML; Markdown fields keep their Markdown and harmless
HTML, but lose scripts, event handlers and ``javascript:`` links. The HTML is
cleaned by nh3 (the Ammonia sanitizer); Markdown's own link syntax, which no
HTML sanitizer sees, is checked here for its URL scheme.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from urllib.parse import quote

import nh3
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE
from markupsafe import escape

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

_ALLOWED_TAGS = set(nh3.ALLOWED_TAGS) | {"details", "summary", "mark", "kbd", "figure", "figcaption"}
_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"title", "lang", "dir"},
    "details": {"open"},
}

# Every character that Markdown (or an extension such as attr_list, tables or
# emoji) could read as syntax, written as a character reference instead.
_MD_SPECIAL = {c: f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|<>&\"':~=^$@"}
_MD_TRANS = str.maketrans(_MD_SPECIAL)

# `{ ... }` on one line, innermost: linear time however many braces an author types.
_BRACES = re.compile(r"\{[^{}\n]*\}")
_URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


def plain_text(value: object) -> str:
    """Author text shown as text: no Markdown, no HTML, one line."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return text.translate(_MD_TRANS)


def theme_title(value: str) -> str:
    """A title for the theme's navigation and <title>.

    Themes print nav titles raw, and Material's <title> runs them through
    ``striptags``, which turns ``&lt;`` back into ``<``: no escaping survives
    both. So angle brackets become look-alike quotation marks, and the rest is
    escaped once.
    """
    text = " ".join(str(value).split()).replace("<", "\u2039").replace(">", "\u203a")
    return str(escape(text))


def is_safe_url(url: str) -> bool:
    """True for relative URLs and http(s)/mailto/tel; false for javascript:, data: and the like."""
    compact = _INVISIBLE.sub("", url)
    match = _SCHEME.match(compact)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


# Characters a URL keeps as they are; every other one is percent-encoded, so that a URL
# cannot end a Markdown link target (`)`), open an attribute list (`{`) or an attribute (`"`).
_URL_SAFE = ":/?#@!$&*+,;=%~-._"


def safe_url(url: str | None) -> str:
    """The URL, encoded so it stays one link target, if its scheme is safe; else ``#``."""
    if not url or not is_safe_url(url):
        return "#"
    return quote(url, safe=_URL_SAFE)


def encode_path(path: str) -> str:
    """A file path from an author, as a URL path: quotes and spaces cannot leave an attribute."""
    return quote(path, safe="/-._~")


def clean_markdown(source: str | None, sanitize: bool = True) -> str:
    """Markdown with harmless HTML only; ``sanitize=False`` trusts the author fully.

    Links written in Markdown syntax are checked after rendering, by
    :class:`SafeLinksExtension`: Markdown accepts spaces, newlines and character
    references inside a link target, which no pattern over the source catches.
    """
    if not source:
        return ""
    if not sanitize:
        return source
    cleaned = nh3.clean(
        source,
        tags=_ALLOWED_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=set(SAFE_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # nh3 writes text as HTML, so Markdown's blockquote marker comes back as
    # "&gt;"; a lone ">" can open no tag ("<" stays escaped), so restore it.
    cleaned = cleaned.replace("&gt;", ">")
    # attr_list would turn `{ onclick="..." }` into an attribute.
    return _BRACES.sub(lambda m: "&#123;" + m.group(0)[1:] if "=" in m.group(0) else m.group(0), cleaned)


class _SafeLinks(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                if lowered.startswith("on"):
                    del element.attrib[name]
                elif lowered in _URL_ATTRIBUTES:
                    value = html.unescape(element.attrib[name].replace(AMP_SUBSTITUTE, "&"))
                    if not is_safe_url(value):
                        element.attrib[name] = "#"


class SafeLinksExtension(Extension):
    """Python-Markdown extension: no ``javascript:``/``data:`` links, no ``on*`` attributes."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        # After inline links (20) and attr_list (8), before prettify.
        md.treeprocessors.register(_SafeLinks(md), "learning_journeys_safe_links", 1)
