"""Where the files shipped with the package live: the schema and the page templates.

In an installed package they are the subpackages ``learning_journeys.schemas``
and ``learning_journeys.site_templates`` (mapped from the repository's top-level
``schemas/`` and ``site_templates/`` folders by ``pyproject.toml``).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_REPO = Path(__file__).resolve().parents[2]


def _data_dir(subpackage: str, repo_folder: str) -> Path:
    try:
        found = Path(str(resources.files(f"learning_journeys.{subpackage}")))
        if found.is_dir():
            return found
    except (ModuleNotFoundError, TypeError):
        pass
    return _REPO / repo_folder  # running from a source checkout without installing


def schema_path() -> Path:
    """The journey JSON Schema file."""
    return _data_dir("schemas", "schemas") / "journey.schema.json"


def templates_dir() -> Path:
    """The folder of the built-in Jinja2 page templates."""
    return _data_dir("site_templates", "site_templates")


def package_dir() -> Path:
    return Path(__file__).resolve().parent
