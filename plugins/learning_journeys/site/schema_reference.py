"""The reference of the journey format as Markdown, in Dutch or English, read from the JSON Schema.

Nothing here is written by hand per field: every section, row, type, allowed value and
example comes from ``schemas/journey.schema.json`` (its ``description`` and the Dutch
``x-description-nl`` beside it), so the page cannot say something the format does not.
Plain text in, plain Markdown out: ``journeys schema --markdown`` and the site's
reference page use the same function, and neither needs Jinja or MkDocs.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from learning_journeys.model.durations import DURATION_PATTERN
from learning_journeys.model.vocabulary import DATE, LANG, SLUG, TIME, TIMEZONE, URL
from learning_journeys.package_data import schema_path
from learning_journeys.site.labels import Labels, labels_for
from learning_journeys.site.page_plan import NavNode, PageSpec, SitePlan

# The page in the site; not a journey id's folder, which would share its address.
PAGE_NAME = "schema"

# Two patterns written out in the schema's source; should they change, the pattern itself shows.
_EVERY = r"^[1-9][0-9]{0,2}[dw]$"
_MARKDOWN_FILE = r"^[^\x00]+\.(?:md|markdown)$"
_DEF_PREFIX = "#/$defs/"
_COMMON = "activityBase"


@dataclass
class _Section:
    """One object of the format: a heading, its description and a row per field."""

    anchor: str
    node: dict[str, Any]
    path: str
    type_name: str = ""  # for an activity type: the word after `type:`
    named_by: dict[str, Any] | None = None  # the list whose items these are: its title names them

    @property
    def words(self) -> dict[str, Any]:
        """The schema node whose title and description the section shows."""
        return self.named_by if self.named_by is not None and not self.node.get("title") else self.node


class _Reader:
    """Walks the schema from its root and collects the sections in reading order."""

    def __init__(self, schema: dict[str, Any], language: str, html_anchors: bool = False) -> None:
        self.schema = schema
        self.defs: dict[str, Any] = schema.get("$defs", {})
        self.labels = Labels(language)
        self.dutch = self.labels.language == "nl"
        self.html_anchors = html_anchors
        labels = self.labels
        # Patterns of the format that have a name a reader knows; any other shows as its pattern.
        self.patterns = {
            SLUG: labels("reference_pattern_slug"),
            DATE: labels("reference_pattern_date"),
            TIME: labels("reference_pattern_time"),
            URL: labels("reference_pattern_url"),
            LANG: labels("reference_pattern_language"),
            TIMEZONE: labels("reference_pattern_timezone"),
            DURATION_PATTERN: labels("reference_pattern_duration"),
            _EVERY: labels("reference_pattern_every"),
            _MARKDOWN_FILE: labels("reference_pattern_markdown_file"),
        }
        self.simple_types = {
            "string": labels("reference_text"),
            "integer": labels("reference_integer"),
            "number": labels("reference_number"),
            "boolean": labels("reference_boolean"),
        }
        self.sections: dict[str, _Section] = {}
        self.order: list[str] = []

    # ------------------------------------------------------------ words

    def title(self, node: dict[str, Any]) -> str:
        return str((self.dutch and node.get("x-title-nl")) or node.get("title", ""))

    def description(self, node: dict[str, Any]) -> str:
        return str((self.dutch and node.get("x-description-nl")) or node.get("description", ""))

    # ------------------------------------------------------------ sections

    def add(
        self, anchor: str, node: dict[str, Any], path: str, named_by: dict[str, Any] | None = None
    ) -> str:
        """Queue a section once; its anchor either way."""
        if anchor not in self.sections:
            self.sections[anchor] = _Section(anchor, node, path, named_by=named_by)
            self.order.append(anchor)
        return anchor

    def definition(self, ref: str, path: str) -> tuple[str, dict[str, Any]]:
        """The section of a ``$defs`` entry: its anchor and schema."""
        name = ref.removeprefix(_DEF_PREFIX)
        node = self.defs[name]
        if name == _COMMON:  # the common fields are part of the activity's section
            return "activity", node
        return self.add(_anchor(name), node, path), node

    def link(self, anchor: str) -> str:
        return f"[{_cell(self.title(self.sections[anchor].words))}](#{anchor})"

    # ------------------------------------------------------------ types

    def type_of(
        self, node: dict[str, Any], anchor: str, key: str, path: str, parent: dict[str, Any] | None = None
    ) -> str:
        """What a value of ``node`` is, in words, with a link to the section of an object."""
        if "$ref" in node:
            target, _ = self.definition(node["$ref"], path)
            return self.link(target)
        if "anyOf" in node:
            kinds = [self.type_of(branch, anchor, key, path) for branch in node["anyOf"]]
            return self.labels("reference_either").format(a=kinds[0], b=" / ".join(kinds[1:]))
        kind = node.get("type")
        if kind == "array":
            item = self.type_of(node.get("items", {}), anchor, key, path + "[]", parent=node)
            return self.labels("reference_list").format(item=item)
        if kind == "object" or "properties" in node:
            return self._object_type(node, anchor, key, path, parent)
        if "enum" in node and kind is None:
            return self.labels("reference_choice")
        return self.simple_types.get(str(kind)) or self.labels("reference_text")

    def _object_type(
        self, node: dict[str, Any], anchor: str, key: str, path: str, parent: dict[str, Any] | None
    ) -> str:
        if "properties" in node:
            return self.link(self.add(f"{anchor}-{_anchor(key)}", node, path, named_by=parent))
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            return self.labels("reference_map").format(item=self.type_of(extra, anchor, key, path + ".ID"))
        return self.labels("reference_object")

    # ------------------------------------------------------------ allowed values

    def allowed(self, node: dict[str, Any]) -> str:
        """Enum, pattern, range, list length: whatever limits the value, in words."""
        parts = []
        if "enum" in node:
            parts.append(", ".join(_code(v) for v in node["enum"]))
        if "pattern" in node:
            known = self.patterns.get(node["pattern"])
            parts.append(known or self.labels("reference_pattern").format(pattern=_code(node["pattern"])))
        if "minimum" in node or "maximum" in node:
            parts.append(self._range(node.get("minimum"), node.get("maximum"), self.labels("reference_range")))
        if node.get("type") == "array":
            if "minItems" in node or "maxItems" in node:
                parts.append(self._range(node.get("minItems"), node.get("maxItems"), self.labels("reference_items")))
            if node.get("uniqueItems"):
                parts.append(self.labels("reference_unique"))
            item = node.get("items", {})
            if "$ref" not in item and "properties" not in item:
                inner = self.allowed(item)
                if inner:
                    parts.append(self.labels("reference_each").format(rule=inner))
        for branch in node.get("anyOf", ()):
            rule = self.allowed(branch)
            if rule and rule not in parts:
                parts.append(rule)
        if "propertyNames" in node:
            parts.append(self.labels("reference_keys").format(rule=self.allowed(node["propertyNames"])))
        return "; ".join(parts)

    def _range(self, low: Any, high: Any, between: str) -> str:
        if low is not None and high is not None:
            return between.format(min=low, max=high)
        if low is not None:
            return self.labels("reference_at_least").format(min=low)
        return self.labels("reference_at_most").format(max=high)


def schema_reference(
    schema: dict[str, Any], language: str = "en", level: int = 1, html_anchors: bool = False
) -> str:
    """The whole reference as Markdown; ``level`` is the depth of its top heading.

    Sections carry stable ids for links: ``{#id}`` (attr_list, as MkDocs sites have it) or,
    with ``html_anchors``, an ``<a id>`` that GitHub also keeps.

    Sections come in reading order: each object right after the field that leads to
    it (the journey, its goals, ..., phases, a phase, activities and each type, ...).
    """
    reader = _Reader(schema, language, html_anchors)
    labels = reader.labels
    reader.add("journey", schema, "")
    lines = [f"{'#' * level} {labels('reference_title')}", "", labels("reference_intro"), ""]
    done = 0
    while done < len(reader.order):
        before = len(reader.order)
        section = reader.sections[reader.order[done]]
        lines += list(_section(reader, section, "#" * (level + 1)))
        done += 1
        # What this section led to is read next, before the sections queued earlier.
        led_to = reader.order[before:]
        del reader.order[before:]
        reader.order[done:done] = led_to
    return "\n".join(lines).rstrip() + "\n"


def with_reference_page(plan: SitePlan, prefix: str, site_language: str | None) -> SitePlan:
    """``plan`` with the reference as a page (in the site's language) at the end of its navigation."""
    labels = labels_for(site_language, None)
    base = prefix.strip("/")
    uri = posixpath.join(base, f"{PAGE_NAME}.md") if base else f"{PAGE_NAME}.md"
    folder = uri.removesuffix(".md") + "/"
    if any(page.uri.startswith(folder) for page in plan.pages):
        raise ValueError(
            f"a journey with the id `{PAGE_NAME}` would have the address of the journey file reference:"
            " give the journey another id, or set `schema_reference: false`"
        )
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    title = labels("reference_nav")
    page = PageSpec(uri, title, schema_reference(schema, labels.language), "reference", language=labels.language)
    nav = replace(plan.nav, children=(*plan.nav.children, NavNode(title, uri)))
    return replace(plan, pages=(*plan.pages, page), nav=nav)


def _section(reader: _Reader, section: _Section, depth: str) -> Iterator[str]:
    labels = reader.labels
    title = _heading(reader.title(section.words))
    if section.type_name:
        title = f"{title} (`type: {section.type_name}`)"
    if reader.html_anchors:
        yield f'{depth} <a id="{section.anchor}"></a>{title}'
    else:
        yield f"{depth} {title} {{#{section.anchor}}}"
    yield ""
    if section.path:
        yield f"`{section.path}`"
        yield ""
    yield reader.description(section.words)
    yield ""
    if section.anchor == "activity":
        yield from _activity(reader, section)
        return
    if section.node.get("$ref") == _DEF_PREFIX + _COMMON:
        yield labels("reference_also_common").format(link=f"[{labels('reference_common_link')}](#activity)")
        yield ""
    yield from _table(reader, section, section.node.get("properties", {}), section.node.get("required", ()))


def _activity(reader: _Reader, section: _Section) -> Iterator[str]:
    """Activities: the types (chosen by ``type``), then the fields every type has."""
    labels = reader.labels
    types = []
    for branch in section.node.get("allOf", ()):
        name = branch["if"]["properties"]["type"]["const"]
        anchor, node = reader.definition(branch["then"]["$ref"], section.path)
        reader.sections[anchor].type_name = name
        types.append(f"[`{name}`](#{anchor}) ({_cell(reader.title(node))})")
    yield labels("reference_types").format(types=", ".join(types))
    yield ""
    yield f"{labels('reference_common')}:"
    yield ""
    base = reader.defs[_COMMON]
    yield from _table(reader, section, base.get("properties", {}), base.get("required", ()))


def _table(
    reader: _Reader, section: _Section, properties: dict[str, Any], required: Any
) -> Iterator[str]:
    labels = reader.labels
    heads = (
        labels("reference_field"),
        labels("reference_type"),
        labels("reference_allowed"),
        labels("reference_description"),
        labels("reference_example"),
    )
    yield "| " + " | ".join(heads) + " |"
    yield "|---|---|---|---|---|"
    for key, node in properties.items():
        siblings = [k for k, n in properties.items() if "$ref" in node and n.get("$ref") == node["$ref"]]
        step = "/".join(siblings) if len(siblings) > 1 else key
        path = f"{section.path}.{step}" if section.path else step
        name = f"`{key}`" + (f" ({labels('reference_required')})" if key in required else "")
        cells = (
            f"{name}<br>{_cell(reader.title(node))}",
            reader.type_of(node, section.anchor, key, path),
            _cell(reader.allowed(node)),
            _cell(reader.description(node)),
            _example(node),
        )
        yield "| " + " | ".join(cell or "–" for cell in cells) + " |"
    yield ""


def _example(node: dict[str, Any]) -> str:
    examples = node.get("examples") or []
    if not examples:
        return ""
    return _code(examples[0])


def _code(value: Any) -> str:
    """A value as YAML would show it in a line: inline code, safe in a table cell."""
    plain = isinstance(value, str) and value.strip() == value and "\n" not in value
    text = value if plain else json.dumps(value, ensure_ascii=False)
    text = text.replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _cell(text: str) -> str:
    """Text in a table cell or heading: one line, no column break."""
    return re.sub(r"\s+", " ", text).replace("|", "\\|").strip()


def _heading(text: str) -> str:
    return _cell(text).replace("#", "\\#")


def _anchor(name: str) -> str:
    """``cohortSession`` → ``cohort-session``; ``micro_module`` → ``micro-module``."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "-", name).replace("_", "-").lower()


DOCS = {"en": "journey-format.md", "nl": "journey-format.nl.md"}
GENERATED = (
    "<!-- Generated from schemas/journey.schema.json; do not edit. After a change of the schema:"
    " .venv/bin/python -m learning_journeys.site.schema_reference -->\n\n"
)


def docs_page(language: str) -> str:
    """The reference as the repository's docs/ keeps it, readable on GitHub."""
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    return GENERATED + schema_reference(schema, language, html_anchors=True)


if __name__ == "__main__":  # pragma: no cover
    from pathlib import Path

    folder = Path(__file__).resolve().parents[3] / "docs"
    folder.mkdir(exist_ok=True)
    for lang, name in DOCS.items():
        (folder / name).write_text(docs_page(lang), encoding="utf-8")
        print(folder / name)
