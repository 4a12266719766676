"""Where the files shipped with the package live: the schema and the page templates.

In an installed package they are the subpackages ``learning_journeys.schemas``
and ``learning_journeys.site_templates`` (mapped from the repository's top-level
``schemas/`` and ``site_templates/`` folders by ``pyproject.toml``).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parents[1]


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / name
    if installed.is_dir():
        return installed
    return _REPO / name  # a source checkout (editable install): the top-level folder


def schema_path() -> Path:
    """The journey JSON Schema file."""
    return _data_dir("schemas") / "journey.schema.json"


def templates_dir() -> Path:
    """The folder of the built-in Jinja2 page templates."""
    return _data_dir("site_templates")
