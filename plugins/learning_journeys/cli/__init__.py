"""The ``journeys`` command, a thin adapter over validation (and site generation)."""

from learning_journeys.cli.commands import cli, main

__all__ = ["cli", "main"]
