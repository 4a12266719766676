"""Safe, strict YAML loading for journey files: the public names of :mod:`learning_journeys.validation.yaml`."""

from learning_journeys.validation.yaml import (
    MAX_DEPTH,
    MAX_EXPANDED_NODES,
    MAX_FILE_BYTES,
    LoadedYaml,
    SourceMap,
    load_yaml_bytes,
    resolve_pending,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_EXPANDED_NODES",
    "MAX_FILE_BYTES",
    "LoadedYaml",
    "SourceMap",
    "load_yaml_bytes",
    "resolve_pending",
]
