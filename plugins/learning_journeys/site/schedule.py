"""Moved to :mod:`learning_journeys.model.schedule` (the review of a change needs it without the site);
kept so that imports from here keep working."""

from learning_journeys.model.schedule import *  # noqa: F403
