"""Benchmark: the plugin's site build against the same pages written as plain Markdown.

Run by hand (not a test):  .venv/bin/python tests/bench/bench_site.py [N ...]

For each N (default 10 and 100) it generates N synthetic journeys (16 pages each:
overview, three phases, eleven activities, one agenda), then builds

  (a) a site with the learning-journeys plugin, and
  (b) the very pages the plugin generates, written to docs/ as plain Markdown with the
      same navigation and the same theme settings, without the plugin,

and prints both times, their ratio, and the time per page. Targets: (a) within 1.1x of
(b), and the per-page time at N=100 within 1.3x of N=10. Compare ratios from one run:
shared machines are noisy.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from learning_journeys.site.pages import NavNode, RenderOptions, build_site
from learning_journeys.validation.loading import load_journeys
from mkdocs.commands.build import build
from mkdocs.config import load_config

THEME = """\
site_name: Bench
theme:
  name: material
  font: false
  features: [navigation.indexes, navigation.prune, navigation.footer]
markdown_extensions:
  - tables
  - attr_list
  - md_in_html
  - admonition
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.tilde
"""

TYPES = ["micro-module", "workshop", "reflection", "intervision", "coaching", "assignment", "resource"]


def journey_yaml(n: int) -> str:
    activities = {"pre": [], "learn": [], "post": []}
    for i in range(11):
        phase = ("pre", "learn", "post")[min(i // 4, 2)]
        kind = TYPES[i % len(TYPES)]
        a = {
            "id": f"a{i}",
            "title": f"Activity {i} of journey {n}",
            "type": kind,
            "duration": "30m",
            "modality": "online",
            "week": 1 + i,
            "description": "Some **Markdown** text with a [link](https://example.org/).\n\n- one\n- two\n",
        }
        if kind == "micro-module":
            a["content"] = "## Content\n\n" + "A paragraph of content. " * 20
            a["questions"] = [
                {
                    "question": "Pick one",
                    "choices": [
                        {"text": "Right", "correct": True, "explanation": "Yes."},
                        {"text": "Wrong", "correct": False, "explanation": "No."},
                    ],
                }
            ]
        elif kind in ("workshop", "intervision"):
            a["sessions"] = [{"id": f"s{i}", "day": 2, "start": "09:00", "end": "12:00", "location": "Room"}]
        elif kind == "reflection":
            a["prompts"] = ["What went well?", "What will you change?"]
        elif kind == "assignment":
            a["task"] = "Do it at work."
        activities[phase].append(a)
    data = {
        "id": f"journey-{n:03d}",
        "title": f"Journey {n:03d}",
        "summary": "A synthetic journey.",
        "language": "en",
        "goals": [{"id": "g", "title": "Goal", "kpi": "KPI"}],
        "objectives": [{"id": "o", "title": "Objective", "supports": ["g"]}],
        "phases": {k: {"activities": v} for k, v in activities.items()},
        "cohorts": [{"id": "c1", "start": "2027-03-01", "timezone": "Europe/Amsterdam"}],
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def nav_yaml(node: NavNode) -> object:
    if node.uri is not None and not node.children:
        return {node.title: node.uri}
    return {node.title: [nav_yaml(c) for c in node.children]}


def timed_build(config_file: Path) -> float:
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    start = time.perf_counter()
    build(config)
    return time.perf_counter() - start


def setup(root: Path, n: int) -> tuple[Path, Path, int]:
    plugin_root = root / "plugin"
    (plugin_root / "journeys").mkdir(parents=True)
    (plugin_root / "docs").mkdir()
    for i in range(n):
        (plugin_root / "journeys" / f"journey-{i:03d}.yaml").write_text(journey_yaml(i), encoding="utf-8")
    (plugin_root / "mkdocs.yml").write_text(
        THEME + "plugins:\n  - learning-journeys:\n      journeys_dir: journeys\n", encoding="utf-8"
    )

    result = load_journeys([plugin_root / "journeys"])
    assert result.ok, [str(d) for d in result.errors[:5]]
    plan = build_site(result.journeys, RenderOptions())
    plain_root = root / "plain"
    docs = plain_root / "docs"
    for page in plan.pages:
        target = docs / page.uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    # the same stylesheet and script the plugin adds, and the calendar files it links to
    from learning_journeys.site.assets import asset_files
    from learning_journeys.site.calendars import calendar_files

    extra = THEME + "extra_css: []\nextra_javascript: []\n"
    for asset in asset_files():
        (docs / asset.uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / asset.uri).write_bytes(asset.content)
        if not asset.linked:  # loaded by the page script itself
            continue
        extra = extra.replace(
            "extra_css: []" if asset.uri.endswith(".css") else "extra_javascript: []",
            ("extra_css: [" if asset.uri.endswith(".css") else "extra_javascript: [") + asset.uri + "]",
        )
    for uri, content in calendar_files(result.journeys, "journeys"):
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_bytes(content)
    nav = yaml.safe_dump({"nav": [nav_yaml(plan.nav)]}, sort_keys=False, allow_unicode=True)
    (plain_root / "mkdocs.yml").write_text(extra + nav, encoding="utf-8")
    return plugin_root / "mkdocs.yml", plain_root / "mkdocs.yml", len(plan.pages)


def main(sizes: list[int], repeat: int = 3) -> None:
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            plugin_cfg, plain_cfg, pages = setup(Path(tmp), n)
            timed_build(plugin_cfg)  # warm caches (templates, icons, theme)
            plugin_times, plain_times = [], []
            for _ in range(repeat):
                # interleave, so that noise on a shared machine hits both alike
                plugin_times.append(timed_build(plugin_cfg))
                plain_times.append(timed_build(plain_cfg))
            a, b = statistics.median(plugin_times), statistics.median(plain_times)
            rows.append((n, pages, a, b))
            shutil.rmtree(Path(tmp) / "plugin" / "site", ignore_errors=True)
    print(
        f"{'N':>5} {'pages':>6} {'plugin s':>9} {'plain s':>8} {'ratio':>6} {'ms/page plugin':>15} {'ms/page plain':>14}"
    )
    for n, pages, a, b in rows:
        print(
            f"{n:>5} {pages:>6} {a:>9.2f} {b:>8.2f} {a / b:>6.2f} {1000 * a / pages:>15.1f} {1000 * b / pages:>14.1f}"
        )
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        growth = (last[2] / last[1]) / (first[2] / first[1])
        print(f"per-page time, plugin, N={last[0]} vs N={first[0]}: {growth:.2f}x")


if __name__ == "__main__":
    import logging

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    main([int(a) for a in sys.argv[1:]] or [10, 100])
