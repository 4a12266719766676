"""Every valid journey builds: generated journeys (every activity type, cohorts, sessions,
knowledge checks, content files, hostile text, extreme dates, days and weeks) pass
``journeys validate``, and then become pages, JSON-LD and calendar files without an
exception; a few also go through a real ``mkdocs build --strict``.

The strategies are in ``journey_strategies.py``; ``tests/bench/fuzz_valid_journeys.py`` runs
the same check on ten thousand journeys. A failure prints the journey as YAML.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from journey_strategies import (
    MARKER,
    GeneratedJourney,
    activity_types,
    check_journey,
    describe,
    journeys,
)
from site_helpers import make_project, run_build

# Texts of up to 10,000 characters are for the fuzzer (tests/bench/fuzz_valid_journeys.py): a
# long title is in every calendar event, and building those is what takes the time here.
LONGEST = 1_000
SETTINGS = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    """One folder per module: Hypothesis runs many examples per test, and tmp_path is per test."""
    folder = Path(tempfile.mkdtemp(prefix="lj-valid-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


@settings(SETTINGS, max_examples=50)
@given(journey=journeys(longest=LONGEST))
def test_every_generated_journey_validates_and_builds(scratch: Path, journey: GeneratedJourney) -> None:
    journey.write(fresh(scratch / "j"))
    outcome = check_journey(scratch / "j")
    assert outcome.crash is None, f"{outcome.crash}\n{describe(journey)}"
    # The strategies make only valid journeys; an error here is a check refusing a valid journey
    # or a strategy that lags behind a new rule (tests/journey_strategies.py).
    assert outcome.validated, "\n".join(outcome.errors) + "\n" + describe(journey)
    assert outcome.built


@settings(SETTINGS, max_examples=20)
@given(journey=journeys(extreme_dates=True, longest=LONGEST))
def test_dates_at_the_ends_of_the_calendar_are_refused_or_build(
    scratch: Path, journey: GeneratedJourney
) -> None:
    journey.write(fresh(scratch / "e"))
    outcome = check_journey(scratch / "e")
    assert outcome.crash is None, f"{outcome.crash}\n{describe(journey)}"
    assert outcome.validated == outcome.built
    assert set(outcome.codes) <= {"LJ207"}, "\n".join(outcome.errors) + "\n" + describe(journey)


class _Attributes(HTMLParser):
    """Every way a marker from the journey text could run as script in a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = dict(attrs).get("type") or "text/javascript"
        self.in_script = tag == "script" and ("javascript" in kind or kind == "module")
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") and MARKER in value:
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and value.startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "action", "formaction") and value.startswith("data:"):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and MARKER in data:
            self.found.append(f"<script>{data[:80]}")


@settings(SETTINGS, max_examples=4, phases=[Phase.explicit, Phase.generate])  # a build is too slow to shrink
@given(journey=journeys(every_type=True, quiet=True, longest=LONGEST))
def test_a_sample_builds_with_mkdocs_strict(
    tmp_path_factory: pytest.TempPathFactory, journey: GeneratedJourney
) -> None:
    root = tmp_path_factory.mktemp("mkdocs")
    config = make_project(root, journeys={})
    journey.write(root / "journeys")
    try:
        run_build(config, strict=True)
    except (Exception, SystemExit) as err:  # MkDocs' Abort is a SystemExit
        raise AssertionError(f"{type(err).__name__}: {err}\n{describe(journey)}") from err
    pages = sorted((root / "site" / "journeys").rglob("*.html"))
    assert len(pages) > len(activity_types())
    for page in pages:
        parser = _Attributes()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], f"{page}: {parser.found}\n{describe(journey)}"
    shutil.rmtree(root, ignore_errors=True)
