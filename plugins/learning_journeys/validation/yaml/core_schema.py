"""How plain scalars resolve: YAML 1.2's core schema, as editors read YAML.

PyYAML follows YAML 1.1, where ``no`` is false, ``2026-03-01`` a date and
``1:30`` the number 90. The core schema knows only true/false, integers,
floats and null; everything else is text.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
MAP = "tag:yaml.org,2002:map"
SEQ = "tag:yaml.org,2002:seq"

# What the text of a value of each scalar type looks like, in resolution order.
SCALAR_PATTERNS: dict[str, re.Pattern[str]] = {
    BOOL: re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    INT: re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    FLOAT: re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    NULL: re.compile(r"^(?:~|null|Null|NULL|)$"),
}
# The characters a value of each type can start with (PyYAML's resolver index).
_FIRST_CHARACTERS = {BOOL: "tTfF", INT: "-+0123456789", FLOAT: "-+.0123456789", NULL: "~nN\x00"}


def _implicit_resolvers() -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    """PyYAML's table of implicit resolvers by first character, for the core schema."""
    table: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}
    for tag, pattern in SCALAR_PATTERNS.items():
        for first in _FIRST_CHARACTERS[tag]:
            table.setdefault(first, []).append((tag, pattern))
    table.setdefault(None, []).append((NULL, re.compile(r"^$")))
    return table


class CoreSchemaResolver(BaseResolver):
    """YAML 1.2 core schema resolution."""

    yaml_implicit_resolvers = _implicit_resolvers()

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        # BaseResolver.resolve gives the same answers (there are no path
        # resolvers), but builds a new list for every scalar; the composer
        # calls this for every node of the file.
        if kind is ScalarNode:
            if implicit[0]:
                resolvers = _RESOLVERS_BY_FIRST.get(value[:1])
                if resolvers is None:  # most text: only the empty string is anything but text
                    return NULL if not value else self.DEFAULT_SCALAR_TAG
                for tag, regexp in resolvers:
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        if kind is SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        if kind is MappingNode:
            return self.DEFAULT_MAPPING_TAG
        return None


# What BaseResolver.resolve tries for a scalar, by its first character: the
# resolvers for that character, then the ones for any (key None).
_ANY_FIRST = CoreSchemaResolver.yaml_implicit_resolvers.get(None, [])
_RESOLVERS_BY_FIRST = {
    first: resolvers + _ANY_FIRST
    for first, resolvers in CoreSchemaResolver.yaml_implicit_resolvers.items()
    if first is not None
}
