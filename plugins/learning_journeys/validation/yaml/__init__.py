"""Safe, strict YAML loading for journey files.

PyYAML follows YAML 1.1 and is lenient in ways that lose an author's work
without a word: ``no`` becomes ``False``, ``2026-03-01`` a date, ``1:30`` the
number 90, a repeated key silently keeps the last value. This package reads
YAML with the C parser when it is there, resolves plain scalars the way YAML
1.2's core schema does (and editors do), refuses what a journey never needs
(Python tags, merge keys, several documents, alias bombs, absurd nesting) and
turns every problem into a :class:`~learning_journeys.validation.diagnostics.Diagnostic`
with a line and column instead of an exception.

- ``load``: :func:`load_yaml_bytes`, from bytes to data and problems
- ``decoding``: size, encoding, NUL bytes, pasted line separators
- ``limits``: nesting depth, alias expansion, file size
- ``core_schema``: how plain values resolve (YAML 1.2)
- ``constructor``: building the data strictly (keys, tags)
- ``pyyaml_loader``: the PyYAML loader class made of the above
- ``errors``: PyYAML's exceptions as problems with hints
- ``glued_comments``: the warning for `#` glued to text
- ``source_map``: lines and columns of problems found in the data
"""

from learning_journeys.validation.yaml.limits import MAX_DEPTH, MAX_EXPANDED_NODES, MAX_FILE_BYTES
from learning_journeys.validation.yaml.load import LoadedYaml, load_yaml_bytes
from learning_journeys.validation.yaml.source_map import SourceMap, resolve_pending

__all__ = [
    "MAX_DEPTH",
    "MAX_EXPANDED_NODES",
    "MAX_FILE_BYTES",
    "LoadedYaml",
    "SourceMap",
    "load_yaml_bytes",
    "resolve_pending",
]
