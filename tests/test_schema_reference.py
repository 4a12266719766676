"""The reference of the journey format: every field documented in Dutch and English, with an
example, and the generated page (`journeys schema --markdown`, the site's page) shows all of it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from learning_journeys.cli import cli
from learning_journeys.site.schema_reference import schema_reference
from learning_journeys.validation import schema_nl
from learning_journeys.validation.schema_source import build_schema
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from site_helpers import SMALL_JOURNEY, html, make_project, run_build

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "schemas/journey.schema.json"
WHERE = "plugins/learning_journeys/validation/schema_nl.py"


def _properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property schema with its path; the `if` of the activity types only tests `type`."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _properties(item, f"{path}/{i}")
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key in ("examples", "enum", "const", "if"):
            continue
        if key == "properties" and isinstance(value, dict):
            for name, sub in value.items():
                yield f"{path}/properties/{name}", sub
                yield from _properties(sub, f"{path}/properties/{name}")
        else:
            yield from _properties(value, f"{path}/{key}")


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return build_schema()


def test_every_property_has_a_title_and_description_in_both_languages(schema: dict[str, Any]) -> None:
    missing = [
        f"{path}: {key}"
        for path, node in _properties(schema)
        for key in ("title", "description", "x-title-nl", "x-description-nl")
        if not (isinstance(node.get(key), str) and node[key].strip())
    ]
    assert not missing, (
        f"translate the English title or description in {WHERE} (keyed by the English text):\n"
        + "\n".join(missing)
    )


def test_every_property_has_an_example(schema: dict[str, Any]) -> None:
    missing = [path for path, node in _properties(schema) if not node.get("examples")]
    assert not missing, "give these properties `examples`:\n" + "\n".join(missing)


def test_every_example_is_a_value_the_property_accepts(schema: dict[str, Any]) -> None:
    """An example that the schema refuses would teach the wrong thing."""
    wrong = []
    for path, node in _properties(schema):
        validator = jsonschema.Draft202012Validator({**node, "$defs": schema["$defs"]})
        for example in node.get("examples", []):
            errors = list(validator.iter_errors(example))
            if errors:
                wrong.append(f"{path}: {example!r}: {errors[0].message}")
    assert not wrong, "\n".join(wrong)


def test_no_translation_is_left_over(schema: dict[str, Any]) -> None:
    """A Dutch text whose English key no longer exists is stale: the English changed."""
    text = json.dumps(schema, ensure_ascii=False)
    stale = [
        english
        for english in (*schema_nl.TITLES, *schema_nl.DESCRIPTIONS)
        if json.dumps(english, ensure_ascii=False) not in text
    ]
    assert not stale, f"English texts the schema no longer has; remove them from {WHERE}:\n" + "\n".join(
        stale
    )


def test_the_schema_file_is_generated_and_a_valid_2020_12_schema(schema: dict[str, Any]) -> None:
    on_disk = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert on_disk == schema, "regenerate: .venv/bin/python -m learning_journeys.validation.schema_source"
    jsonschema.Draft202012Validator.check_schema(on_disk)
    # The Dutch is beside the English, in keywords editors ignore.
    assert on_disk["x-title-nl"] == "Leertraject"
    assert on_disk["properties"]["phases"]["properties"]["learn"]["x-description-nl"] == "De leerfase."


@pytest.mark.parametrize(("language", "description_key"), [("en", "description"), ("nl", "x-description-nl")])
def test_the_reference_shows_every_field_with_its_description(
    schema: dict[str, Any], language: str, description_key: str
) -> None:
    text = schema_reference(schema, language)
    rows = {line for line in text.splitlines() if line.startswith("| `")}
    for path, node in _properties(schema):
        name = path.rsplit("/", 1)[1]
        description = re.sub(r"\s+", " ", node[description_key])
        assert any(row.startswith(f"| `{name}`") and description in row for row in rows), (path, language)


def test_the_reference_shows_types_allowed_values_and_examples(schema: dict[str, Any]) -> None:
    text = schema_reference(schema, "nl")
    assert text.startswith("# Naslag: het trajectbestand\n")
    row = next(line for line in text.splitlines() if line.startswith("| `status`"))
    assert "`draft`, `review`, `published`" in row and "| `draft` |" in row
    row = next(line for line in text.splitlines() if line.startswith("| `day`"))
    assert "geheel getal" in row and "1 tot en met 730" in row and "| `3` |" in row
    row = next(line for line in text.splitlines() if line.startswith("| `start` (verplicht)"))
    assert "een datum, JJJJ-MM-DD" in row
    assert "## Workshop (`type: workshop`) {#workshop}" in text
    assert "`phases.pre/learn/post.activities[].sessions[]`" in text
    english = schema_reference(schema, "en")
    assert "| `day`<br>Day | whole number | 1 to 730 |" in english


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_link_in_the_reference_has_its_section(schema: dict[str, Any], language: str) -> None:
    text = schema_reference(schema, language)
    anchors = set(re.findall(r"\{#([a-z0-9-]+)\}", text))
    links = set(re.findall(r"\]\(#([a-z0-9-]+)\)", text))
    assert links and links <= anchors
    # Every object of the format has its section.
    assert {"journey", "activity", "session", "cohort", "group", "workshop", "question"} <= anchors


def test_a_multi_line_example_stays_in_its_table_row(schema: dict[str, Any]) -> None:
    for line in schema_reference(schema, "en").splitlines():
        if line.startswith("| `content`"):
            assert line.endswith('| `"## De vraag achter de vraag\\n..."` |')
            return
    pytest.fail("no row for `content`")


def test_journeys_schema_markdown_prints_the_reference() -> None:
    runner = CliRunner()
    dutch = runner.invoke(cli, ["schema", "--markdown", "--language", "nl"], catch_exceptions=False)
    assert dutch.exit_code == 0
    assert dutch.output == schema_reference(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")), "nl")
    english = runner.invoke(cli, ["schema", "--markdown"], catch_exceptions=False)
    assert english.output.startswith("# Reference: the journey file\n")
    wrong = runner.invoke(cli, ["schema", "--markdown", "--language", "de"])
    assert wrong.exit_code == 2 and "'de' is not one of 'en', 'nl'" in wrong.output


def test_the_reference_needs_no_jinja_or_mkdocs() -> None:
    code = (
        "import sys\n"
        "from learning_journeys.cli import main\n"
        "sys.argv = ['journeys', 'schema', '--markdown']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in ('jinja2', 'mkdocs', 'markdown') if m in sys.modules]\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "LOADED []" in done.stderr
    assert done.stdout.startswith("# Reference: the journey file")


def test_the_site_has_the_reference_page_in_its_language(tmp_path: Path) -> None:
    journey = SMALL_JOURNEY.format(id="klein", title="Klein traject", language="nl")
    config = make_project(tmp_path, {"klein.yaml": journey}, {"schema_reference": True}, language="nl")
    config.write_text(config.read_text().replace("features: [", "features: [navigation.footer, "))
    run_build(config)  # strict: every link and anchor on the page resolves
    page = html(tmp_path / "site", "journeys/schema/index.html")
    assert '<html lang="nl"' in page
    assert "Naslag: het trajectbestand" in page
    assert '<h2 id="workshop">Workshop (<code>type: workshop</code>)' in page
    assert "Velden die elke activiteit heeft" in page
    # In the navigation, after the journeys, also on a journey's own pages.
    journey_page = html(tmp_path / "site", "journeys/klein/index.html")
    assert 'href="../schema/"' in journey_page
    # Its own navigation shows the site's pages and the catalogue, no journey; its footer leads
    # back to the catalogue: the page stays the same while journeys change.
    assert 'href="../klein/' not in page and 'href="../"' in page
    footer = page[page.index('class="md-footer__inner') :]
    assert 'href="../"' in footer and "klein" not in footer


def test_under_serve_the_reference_is_kept_while_journeys_change(tmp_path: Path) -> None:
    journey = SMALL_JOURNEY.format(id="klein", title="Klein traject", language="nl")
    config = make_project(tmp_path, {"klein.yaml": journey}, {"schema_reference": True}, language="nl")
    first = run_build(config, strict=False, serve=True)
    plugin = first.plugins["learning-journeys"]
    before = html(tmp_path / "site", "journeys/schema/index.html")
    (tmp_path / "journeys" / "klein.yaml").write_text(journey.replace("title: Workshop", "title: Oefendag"))
    build(load_config(str(config)))  # a rebuild as `mkdocs serve` runs it: the plugin object stays
    assert "journeys/schema.md" in plugin._kept  # not rendered again
    assert html(tmp_path / "site", "journeys/schema/index.html") == before
    assert "Oefendag" in html(tmp_path / "site", "journeys/klein/learn/workshop/index.html")
    # A journey in another language changes what every page says of the journeys' languages.
    english = SMALL_JOURNEY.format(id="small", title="Small journey", language="en")
    (tmp_path / "journeys" / "small.yaml").write_text(english)
    build(load_config(str(config)))
    assert "journeys/schema.md" not in plugin._kept


def test_the_reference_page_is_off_unless_asked_and_refuses_a_clashing_journey(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    run_build(make_project(tmp_path / "off"))
    assert not (tmp_path / "off/site/journeys/schema").exists()
    journey = SMALL_JOURNEY.format(id="schema", title="A journey called schema", language="en")
    config = make_project(tmp_path / "clash", {"schema.yaml": journey}, {"schema_reference": True})
    with pytest.raises(Abort):
        run_build(config)
    assert (
        "a journey with the id `schema` would have the address of the journey file reference" in caplog.text
    )


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_reference_in_docs_is_in_step_with_the_schema(language: str) -> None:
    """docs/ keeps the reference for readers of the repository (README links it), generated."""
    from learning_journeys.site.schema_reference import DOCS, docs_page

    on_disk = (ROOT / "docs" / DOCS[language]).read_text(encoding="utf-8")
    assert on_disk == docs_page(language), (
        "regenerate: .venv/bin/python -m learning_journeys.site.schema_reference"
    )
    # GitHub drops {#id}: these copies carry <a id> anchors for their links instead.
    anchors = set(re.findall(r'<a id="([a-z0-9-]+)"></a>', on_disk))
    links = set(re.findall(r"\]\(#([a-z0-9-]+)\)", on_disk))
    assert links and links <= anchors
    assert "{#" not in on_disk
