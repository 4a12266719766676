"""Small builders for JSON Schema fragments that always carry their documentation.

Every property gets a title, a description an author can read in an editor's
hover, and examples; these helpers make that impossible to forget.
"""

from __future__ import annotations

from typing import Any

from learning_journeys.model.vocabulary import LINT_CODES, SLUG, URL


def prop(title: str, description: str, examples: list[Any], **schema: Any) -> dict[str, Any]:
    """A property: title, description and examples are not optional."""
    return {"title": title, "description": description, "examples": examples, **schema}


def text(title: str, description: str, examples: list[Any], **extra: Any) -> dict[str, Any]:
    return prop(title, description, examples, type="string", minLength=1, **extra)


def markdown(title: str, description: str, examples: list[Any]) -> dict[str, Any]:
    return prop(title, description + " Markdown.", examples, type="string")


def slug(title: str, description: str, examples: list[str]) -> dict[str, Any]:
    return prop(title, description, examples, type="string", pattern=SLUG)


def id_list(title: str, description: str, examples: list[Any]) -> dict[str, Any]:
    return prop(
        title,
        description,
        examples,
        type="array",
        items={"type": "string", "pattern": SLUG},
        uniqueItems=True,
    )


def lint_codes(title: str, description: str, examples: list[Any]) -> dict[str, Any]:
    """A list of design lint codes to switch off."""
    return prop(
        title, description, examples, type="array", items={"enum": list(LINT_CODES)}, uniqueItems=True
    )


def ref(name: str, title: str, description: str, examples: list[Any]) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}", "title": title, "description": description, "examples": examples}


def obj(properties: dict[str, Any], required: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        out["required"] = required
    out.update(extra)
    return out


def url(title: str = "Link", description: str = "", examples: list[Any] | None = None) -> dict[str, Any]:
    return text(
        title,
        description
        or "A web address (http, https or mailto). Other schemes such as javascript: are refused.",
        examples or ["https://intranet.example.com/leren/gesprekstechniek"],
        pattern=URL,
    )
