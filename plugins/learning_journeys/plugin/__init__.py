"""The ``learning-journeys`` MkDocs plugin, a thin adapter over site generation."""

from learning_journeys.plugin.mkdocs_plugin import LearningJourneysPlugin

__all__ = ["LearningJourneysPlugin"]
