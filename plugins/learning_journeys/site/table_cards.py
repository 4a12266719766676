"""Tables that become labelled cards on a phone.

Each body cell gets its column's name in ``data-label`` and the table ``data-lj-cards``;
the stylesheet stacks such tables into one card per row on narrow screens, every value
with its label, instead of a table cut off at the screen's edge. Cells that name their
column already (the agenda's) keep their own.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


def _text(element: etree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


class _TableCards(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            head = table.find("thead")
            if head is None or table.get("data-lj-cards") is not None:
                continue
            names = [_text(th) for th in head.iter("th")]
            if len(names) < 2 or not any(names):
                continue
            for body in table.iter("tbody"):
                for row in body.iter("tr"):
                    for name, cell in zip(names, row.findall("td"), strict=False):
                        if cell.get("data-label") is None and name:
                            cell.set("data-label", name)
            table.set("data-lj-cards", "")


class TableCardsExtension(Extension):
    """Python-Markdown extension: column names on every table cell, for cards on a phone."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        # After the tables extension builds them; low priority runs late.
        md.treeprocessors.register(_TableCards(md), "learning_journeys_table_cards", 2)
