"""The ``journeys`` command: validate journeys, compare two revisions, start a new one, show the schema."""

from __future__ import annotations

import gc
import json
import os
import re
import sys
from pathlib import Path

import click

from learning_journeys import __version__
from learning_journeys.package_data import schema_path
from learning_journeys.validation.diagnostics import Severity
from learning_journeys.validation.loading import check_journeys
from learning_journeys.validation.reporting import format_github, format_json, format_text, summary
from learning_journeys.validation.schema_source import LANG, SLUG
from learning_journeys.validation.yaml_loader import load_yaml_bytes

DEFAULT_DIR = Path("journeys")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="journeys")
def cli() -> None:
    """Design blended learning journeys in YAML and check them."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text for people, github for pull-request annotations, json for tools.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check journey files (or folders of them; default: journeys/).

    Exit status: 0 no errors, 1 problems found, 2 usage error.
    """
    targets = list(paths) or [DEFAULT_DIR]
    missing = [str(p) for p in targets if not os.path.lexists(p)]
    if missing and not paths:
        raise click.UsageError(
            f"there is no {DEFAULT_DIR}/ folder here: name the journey files or folders to check"
        )
    if missing:
        raise click.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="PATHS")
    report = check_journeys(targets)
    diagnostics = list(report.diagnostics)
    if strict:
        diagnostics = [_as_error(d) for d in diagnostics]
    files = report.file_count
    if fmt == "json":
        click.echo(format_json(diagnostics, files))
    elif fmt == "github":
        if diagnostics:
            click.echo(format_github(diagnostics))
        click.echo(summary(diagnostics, files), err=True)
    else:
        if diagnostics:
            click.echo(format_text(diagnostics, color=_color()))
        click.echo(summary(diagnostics, files), err=bool(diagnostics))
    if files == 0 and not diagnostics:
        click.echo("no journey files (*.yaml, *.yml) found", err=True)
        sys.exit(1)
    sys.exit(1 if any(d.is_error for d in diagnostics) else 0)


def _as_error(d):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(d, severity=Severity.ERROR)


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


@cli.command()
@click.argument("journey_id")
@click.option("--title", help="Title of the journey (default: made from the id).")
@click.option(
    "--language",
    "-l",
    default="nl",
    show_default=True,
    help="Language of the journey (BCP 47); the new file is written in nl or en.",
)
@click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_DIR,
    show_default=True,
    help="Folder to write the journey into.",
)
def new(journey_id: str, title: str | None, language: str, directory: Path) -> None:
    """Write a new, valid, commented journey file JOURNEY_ID.yaml to start from."""
    if not re.match(SLUG, journey_id):
        raise click.BadParameter(
            "use lowercase letters, digits and hyphens, e.g. `onboarding-2027`", param_hint="JOURNEY_ID"
        )
    if not re.match(LANG, language):
        raise click.BadParameter("use a BCP 47 code such as `nl`, `en` or `nl-BE`", param_hint="--language")
    target = directory / f"{journey_id}.yaml"
    if target.exists():
        raise click.UsageError(f"{target} already exists; choose another id or remove the file")
    from learning_journeys.cli.scaffold import LANGUAGES, new_journey_yaml  # Jinja2: only `new` pays for it

    text = new_journey_yaml(
        journey_id,
        _yaml_text(title or journey_id.replace("-", " ").capitalize()),
        language,
        _local_schema(directory),
        str(target),
    )
    directory.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    click.echo(f"wrote {target}")
    _note_untranslated(language, LANGUAGES)


def _note_untranslated(language: str, scaffolds: tuple[str, ...]) -> None:
    """Tell an author of another language what stays English, rather than leaving it to surprise."""
    base = language.split("-")[0].lower()
    if base in scaffolds:
        return
    click.echo(
        f"note: there is no `{base}` version of the new journey: its comments and example texts are"
        f" English, to translate (written in: {', '.join(scaffolds)})",
        err=True,
    )
    from learning_journeys.site.labels import labels_for

    if labels_for(language, None).language != base:
        click.echo(
            f"note: the site has no `{base}` labels either: this journey's pages show their headings"
            " and buttons in the site's theme language, or else in English",
            err=True,
        )


def _local_schema(directory: Path) -> str:
    """The schema for the `$schema=` line, as a path relative to ``directory`` that works for
    everyone who checks out the project: written to schemas/ when it is not there yet."""
    local = Path("schemas") / "journey.schema.json"
    if not local.is_file():
        local.parent.mkdir(parents=True, exist_ok=True)
        local.write_bytes(schema_path().read_bytes())
        click.echo(f"wrote {local} (for editor completion; commit it)")
    try:
        return Path(os.path.relpath(local, directory)).as_posix()
    except ValueError:  # another drive on Windows: no relative path exists
        return local.resolve().as_uri()


def _yaml_text(value: str) -> str:
    """``value`` as it must stand after `key: ` to read back as this text: plain if it can, else quoted."""
    loaded = load_yaml_bytes(f"key: {value}\n".encode(), "--title")
    if loaded.ok and loaded.data == {"key": value}:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a double-quoted YAML scalar


@cli.command()
@click.argument("base")
@click.argument("head", required=False)
@click.option(
    "--journeys",
    "paths",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Journey file or folder to compare (repeatable; default: journeys/).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "text", "json"]),
    default="markdown",
    show_default=True,
    help="markdown for a pull-request comment, text for a terminal, json for tools.",
)
@click.option(
    "--language",
    "-l",
    type=click.Choice(["en", "nl"]),
    help="Language of the plan (default: the journeys' own, if they share one; else en).",
)
def diff(base: str, head: str | None, paths: tuple[Path, ...], fmt: str, language: str | None) -> None:
    """What changes in the journeys from git revision BASE to HEAD (default: the work tree).

    A plan a reviewer can read: per journey, activities added, removed, moved, retyped or
    renamed, dates per cohort, objectives, and the effect on time and coverage. Revisions are
    read with git, never checked out. Exit status: 0 with or without changes, 2 usage error.
    """
    from learning_journeys.review.compare import compare  # only `diff` loads the review
    from learning_journeys.review.revisions import RevisionError

    try:
        plan = compare(base, head, list(paths) or [DEFAULT_DIR], language=language)
    except RevisionError as err:
        raise click.UsageError(str(err)) from None
    if fmt == "json":
        from learning_journeys.review.plan_json import render_json as render
    elif fmt == "text":
        from learning_journeys.review.plan_text import render_text as render
    else:
        from learning_journeys.review.plan_markdown import render_markdown as render
    click.echo(render(plan), nl=False)


@cli.command()
@click.option(
    "--path", "show_path", is_flag=True, help="Print the schema's file path instead of its content."
)
@click.option(
    "--markdown",
    is_flag=True,
    help="Print a reference of every field (type, allowed values, description, example) as Markdown.",
)
@click.option(
    "--language",
    "-l",
    type=click.Choice(["en", "nl"]),
    default="en",
    show_default=True,
    help="Language of the --markdown reference.",
)
def schema(show_path: bool, markdown: bool, language: str) -> None:
    """Print the journey JSON Schema (for editors and other tools), or its reference in Markdown."""
    if show_path:
        click.echo(str(schema_path()))
    elif markdown:
        from learning_journeys.site.schema_reference import schema_reference  # only this option pays for it

        schema_data = json.loads(schema_path().read_text(encoding="utf-8"))
        click.echo(schema_reference(schema_data, language), nl=False)
    else:
        click.echo(schema_path().read_text(encoding="utf-8"), nl=False)


def main() -> None:
    """Entry point: a bug of ours prints one line, never a traceback."""
    _collect_garbage_less_often()
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # noqa: BLE001
        click.echo(f"journeys: internal error: {type(err).__name__}: {err}", err=True)
        sys.exit(1)


def _collect_garbage_less_often() -> None:
    """Tune the cycle collector for a short run that builds many small containers.

    Parsing a journey makes tens of thousands of dicts and lists, nearly all alive until
    the file is checked, so the default (a collection every 700 new containers, each one
    also walking the imported modules' objects) spends its time finding nothing to free.
    The imports are frozen out of the collector's view and collections come less often;
    a file's garbage is still collected while the next one is checked.
    """
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
