"""Shared helpers for tests that run real ``mkdocs build``s on temporary projects."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

SMALL_JOURNEY = """\
id: {id}
title: {title}
summary: A small journey for tests.
language: {language}
audience: Testers
owner: L&D
status: published
version: "1.10"
goals:
  - id: quality
    title: Better quality
    kpi: Defects per release
objectives:
  - id: find-bugs
    title: You find bugs early
    supports: [quality]
phases:
  pre:
    activities:
      - id: intro
        title: Introduction
        type: micro-module
        duration: 15m
        modality: online
        objectives: [find-bugs]
        content: |
          Read **this** first.
        questions:
          - question: What is a bug?
            choices:
              - text: A feature
                correct: false
                explanation: Not quite.
              - text: An error
                correct: true
                explanation: Right.
  learn:
    activities:
      - id: workshop
        title: Workshop
        type: workshop
        duration: 3h
        modality: classroom
        objectives: [find-bugs]
        prerequisites: [intro]
        prework: [intro]
        sessions:
          - id: ws-1
            day: 3
            start: "09:00"
            end: "12:00"
            location: Room 1
            facilitator: Ann
  post:
    activities:
      - id: reflect
        title: Reflect
        type: reflection
        duration: 20m
        objectives: [find-bugs]
        prompts:
          - What did you learn?
cohorts:
  - id: spring
    title: Spring
    start: "2027-03-01"
    timezone: Europe/Amsterdam
"""

MKDOCS_YML = """\
site_name: Test site
site_url: https://example.org/
repo_url: https://github.com/example/repo
edit_uri: edit/main/docs/
theme:
  name: material
  language: {language}
  font: false
  features: [navigation.indexes, navigation.prune, content.action.edit]
plugins:
  - learning-journeys:
{plugin_options}
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
"""


def make_project(
    root: Path,
    journeys: dict[str, str] | None = None,
    plugin_options: dict[str, Any] | None = None,
    language: str = "en",
) -> Path:
    """A project folder with docs/, journeys/ and mkdocs.yml; returns the config path."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "docs" / "about.md").write_text("# About\n\nHand-written page.\n", encoding="utf-8")
    jdir = root / "journeys"
    jdir.mkdir(exist_ok=True)
    if journeys is None:
        journeys = {"small.yaml": SMALL_JOURNEY.format(id="small", title="Small journey", language="en")}
    for name, text in journeys.items():
        (jdir / name).write_text(text, encoding="utf-8")
    options = {"journeys_dir": "journeys", **(plugin_options or {})}
    lines = "\n".join(f"      {k}: {json.dumps(v)}" for k, v in options.items())
    config = root / "mkdocs.yml"
    config.write_text(MKDOCS_YML.format(language=language, plugin_options=lines), encoding="utf-8")
    return config


def run_build(config_path: Path, strict: bool = True, serve: bool = False) -> Any:
    """A real MkDocs build; returns the loaded config (site_dir is <project>/site)."""
    config = load_config(str(config_path), strict=strict)
    if serve:
        config.plugins.on_startup(command="serve", dirty=False)
    else:
        config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return config


def html(site: Path, uri: str) -> str:
    return (site / uri).read_text(encoding="utf-8")


def jsonld(page_html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)
    assert match, "no JSON-LD in page"
    return json.loads(match.group(1))


def dedent(text: str) -> str:
    return textwrap.dedent(text)
