"""Blended learning journeys in YAML, validated and published as a MkDocs site."""

__version__ = "0.1.0"
