"""Reading one journey file's bytes into data, with every problem at its line and column."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node

from learning_journeys.validation.diagnostics import Diagnostic
from learning_journeys.validation.yaml.decoding import decode_journey_bytes
from learning_journeys.validation.yaml.errors import problem_for
from learning_journeys.validation.yaml.glued_comments import glued_comment_warnings
from learning_journeys.validation.yaml.limits import (
    may_define_anchor,
    refuse_absurd_nesting,
    refuse_alias_bomb,
    refuse_deep_node_tree,
    too_deep,
)
from learning_journeys.validation.yaml.problems import Problem, Refusal
from learning_journeys.validation.yaml.pyyaml_loader import JourneyYamlLoader


@dataclass
class LoadedYaml:
    """What reading one file gave: its data (None when unusable) and its problems."""

    file: str
    text: str | None
    data: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None and not any(d.is_error for d in self.diagnostics)

    def report(self, problems: list[Problem]) -> LoadedYaml:
        self.diagnostics.extend(p.in_file(self.file) for p in problems)
        return self


def load_yaml_bytes(raw: bytes, file: str) -> LoadedYaml:
    """Read one journey file's bytes: never raises, never hangs on hostile input."""
    result = LoadedYaml(file=file, text=None)
    try:
        text, warnings = decode_journey_bytes(raw)
    except Refusal as refusal:
        return result.report([refusal.problem])
    result.text = text
    try:
        refuse_absurd_nesting(raw, text)
        data, findings, complete = _compose_and_build(raw, text)
    except Refusal as refusal:
        return result.report([*warnings, refusal.problem])
    result.report([*warnings, *findings])
    result.diagnostics.extend(glued_comment_warnings(file, text))
    result.data = data if complete else None
    return result


def _compose_and_build(raw: bytes, text: str) -> tuple[Any, list[Problem], bool]:
    """The data, the problems that did not stop the reading, and whether the data is complete."""
    loader = JourneyYamlLoader(text)
    try:
        root = _single_node(loader)
        refuse_alias_bomb(raw, root)  # first: the depth check follows aliases
        if may_define_anchor(raw):
            # an alias can put a shallow collection deep; construction meets it only once
            refuse_deep_node_tree(root)
        _refuse_non_mapping(root)
        data = loader.construct_document(root)
    except yaml.YAMLError as err:
        raise Refusal(problem_for(err, text)) from None
    except RecursionError:
        raise Refusal(too_deep()) from None
    finally:
        loader.dispose()
    return data, loader.findings, not loader.data_incomplete


def _single_node(loader: JourneyYamlLoader) -> Node:
    node = loader.get_single_node()
    if node is None:
        raise Refusal(
            Problem(
                "LJ006",
                "the file is empty",
                hint="start from `journeys new ID`, which writes a commented example",
            )
        )
    return node


def _refuse_non_mapping(root: Node) -> None:
    if not isinstance(root, MappingNode):
        raise Refusal(
            Problem.at(
                root.start_mark,
                "LJ006",
                "the top level of a journey file must be a mapping (key: value lines)",
                hint="a journey starts with lines such as `id: my-journey` and `title: ...`",
            )
        )
