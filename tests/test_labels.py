"""Page labels: every key used is defined in every locale, and every key defined is used.

Keys are used in four places, and this test reads all of them:

- the templates: ``L('key')``, and ``L('prefix_' ~ value)`` for a family of keys;
- the ``keys`` list in ``partials/companion_labels.md.j2``, the labels the browser
  script gets; the script (``site/assets/*.js``) must read exactly those;
- the Python code: ``labels("key")``, ``labels(f"prefix_{value}")`` and ``labels.get(...)``;
- the activity-type specification: ``Field.label`` and a type's leader label.

A family (``type_*``, ``modality_*``, ...) is expanded from the specification that
holds its values, never from a list here: adding an activity type, a modality or an
enum value without its labels fails this test. A family this test does not know
fails it too, with the place it is used.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import cast

import pytest
from jinja2 import nodes
from learning_journeys.model.activity_types import ACTIVITY_TYPES, Kind
from learning_journeys.model.journey import PHASE_KEYS, Activity, Evaluation, Journey, Phase
from learning_journeys.model.stats import journey_stats
from learning_journeys.model.vocabulary import LANG, MODALITIES
from learning_journeys.package_data import templates_dir
from learning_journeys.site import labels as labels_module
from learning_journeys.site.labels import Labels
from learning_journeys.site.pages import RenderOptions, build_site
from learning_journeys.site.templates import make_environment
from learning_journeys.validation.loading import load_journeys
from learning_journeys.validation.schema_check import journey_schema

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "plugins/learning_journeys"
LOCALES_DIR = PACKAGE / "site/locales"
ASSETS_DIR = PACKAGE / "site/assets"
COMPANION_TEMPLATE = "partials/companion_labels.md.j2"
LOCALES = sorted(p.stem for p in LOCALES_DIR.glob("*.json"))


def _catalogue(language: str) -> dict[str, str]:
    return json.loads((LOCALES_DIR / f"{language}.json").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- families


def _choice_families() -> dict[str, set[str]]:
    """``label_prefix`` + enum value of every choice field of every activity type."""
    families: dict[str, set[str]] = {}
    for spec in ACTIVITY_TYPES.values():
        for field in spec.all_fields():
            if field.kind is not Kind.CHOICE or not field.label_prefix:
                continue
            if field.key == "type":  # its enum is the list of types, added by the schema
                values = list(ACTIVITY_TYPES)
            else:
                values = field.schema["enum"]
            families.setdefault(f"{field.label_prefix}*", set()).update(
                field.label_prefix + v for v in values
            )
    return families


def _no_modality_keys() -> set[str]:
    """What the overview's time per modality calls activities without a modality."""
    activity = Activity(id="a", title="A", type="resource", duration_minutes=10)
    journey = Journey(
        id="j", title="J", source=Path("j.yaml"), phases=(Phase("pre", activities=(activity,)),)
    )
    return {f"modality_{key}" for key, _minutes in journey_stats(journey).per_modality}


def _feedback_sources() -> list[str]:
    from learning_journeys.model.activity_types import FEEDBACK_SOURCES

    return list(FEEDBACK_SOURCES)


def families() -> dict[str, set[str]]:
    """Every family of label keys: its pattern (``*`` for the value) and its keys."""
    found = _choice_families()
    found["type_*"] |= {spec.label_key for spec in ACTIVITY_TYPES.values()}
    found["modality_*"] |= {m.label_key for m in MODALITIES.values()} | _no_modality_keys()
    found["phase_*"] = {f"phase_{key}" for key in PHASE_KEYS}
    found["phase_*_intro"] = {f"phase_{key}_intro" for key in PHASE_KEYS}
    found["status_*"] = {f"status_{s}" for s in journey_schema()["properties"]["status"]["enum"]}
    found["eval_*"] = {f"eval_{f.name}" for f in fields(Evaluation)}
    found["from_*"] = {f"from_{source}" for source in _feedback_sources()}
    # A language's name: every language the site has labels in must be named; more
    # names (`lang_fr`) are an open table that `language_name` looks up, see OPEN_FAMILIES.
    found["lang_*"] = {f"lang_{code}" for code in LOCALES}
    return found


# Families whose defined keys count as used even beyond the specification's values.
OPEN_FAMILIES = {"lang_*": re.compile(r"^lang_" + LANG.lstrip("^"))}


def _leader_labels() -> set[str]:
    """``L(leader_label(activity))`` in the sessions table, for every activity type."""
    leader_label = cast(Callable[[Activity], str], make_environment(RenderOptions()).globals["leader_label"])
    return {leader_label(Activity(id="a", title="A", type=name)) for name in ACTIVITY_TYPES}


def _specification_labels() -> set[str]:
    return {f.label for spec in ACTIVITY_TYPES.values() for f in spec.all_fields() if f.label}


# ---------------------------------------------------------------- uses


@dataclass(frozen=True)
class Use:
    """One place that uses a label: a literal key or a family pattern."""

    where: str
    key: str | None = None  # a literal key
    pattern: str | None = None  # a family, as ``prefix_*``
    special: str | None = None  # "companion" or "leader"


def _template_uses() -> Iterator[Use]:
    env = make_environment(RenderOptions())
    for path in sorted(templates_dir().rglob("*.j2")):
        name = path.relative_to(templates_dir()).as_posix()
        tree = env.parse(path.read_text(encoding="utf-8"))
        found = [(c.node, c.args[0], c.lineno) for c in tree.find_all(nodes.Call) if c.args]
        found += [(g.node, g.arg, g.lineno) for g in tree.find_all(nodes.Getitem)]  # L['key']
        for target, arg, lineno in found:
            if not (isinstance(target, nodes.Name) and target.name == "L"):
                continue
            where = f"{name}:{lineno}"
            if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
                yield Use(where, key=arg.value)
            elif isinstance(arg, nodes.Concat):
                parts = [n.value if isinstance(n, nodes.Const) else "*" for n in arg.nodes]
                yield Use(where, pattern="".join(parts))
            elif isinstance(arg, nodes.Call) and getattr(arg.node, "name", None) == "leader_label":
                yield Use(where, special="leader")
            elif isinstance(arg, nodes.Name) and arg.name == "key" and name == COMPANION_TEMPLATE:
                yield Use(where, special="companion")
            else:
                yield Use(where, pattern="?")


def companion_keys() -> list[str]:
    """The ``keys`` list of the companion labels partial."""
    env = make_environment(RenderOptions())
    tree = env.parse((templates_dir() / COMPANION_TEMPLATE).read_text(encoding="utf-8"))
    for node in tree.find_all(nodes.Assign):
        if isinstance(node.target, nodes.Name) and node.target.name == "keys":
            assert isinstance(node.node, nodes.List)
            return [item.value for item in node.node.items if isinstance(item, nodes.Const)]
    raise AssertionError(f"no `keys` list in {COMPANION_TEMPLATE}")


def _is_labels(node: ast.expr) -> bool:
    """``labels``, ``site_labels``, ``self.labels``, ``ctx.labels`` or ``labels_for(...)``."""
    if isinstance(node, ast.Name):
        return node.id.endswith("labels")
    if isinstance(node, ast.Attribute):
        return node.attr.endswith("labels")
    if isinstance(node, ast.Call):
        return getattr(node.func, "id", None) == "labels_for"
    return False


def _python_uses() -> Iterator[Use]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "site/labels.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            if not (
                _is_labels(func)
                or (isinstance(func, ast.Attribute) and func.attr == "get" and _is_labels(func.value))
            ):
                continue
            arg = node.args[0]
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield Use(where, key=arg.value)
            elif isinstance(arg, ast.JoinedStr):
                parts = [v.value if isinstance(v, ast.Constant) else "*" for v in arg.values]
                yield Use(where, pattern="".join(str(p) for p in parts))
            else:
                yield Use(where, pattern="?")


def uses() -> list[Use]:
    return [*_template_uses(), *_python_uses()]


def used_keys() -> set[str]:
    """Every key some page, script or message may show."""
    known = families()
    keys = _specification_labels() | set(script_keys())
    # Names of days and months for `journeys diff` (review/dates.py keeps copies, which
    # tests/test_journey_diff.py compares with these); the pages write dates with Babel.
    keys |= {"weekdays", "months"}
    for use in uses():
        if use.key is not None:
            keys.add(use.key)
        elif use.special == "companion":
            keys.update(companion_keys())
        elif use.special == "leader":
            keys.update(_leader_labels())
        elif use.pattern in known:
            keys.update(known[use.pattern])
    return keys


# ---------------------------------------------------------------- the tests


def test_every_family_used_is_known() -> None:
    known = families()
    unknown = [f"{u.where}: {u.pattern}" for u in uses() if u.pattern is not None and u.pattern not in known]
    assert not unknown, (
        "labels built from a value this test cannot expand; add the family (where its values"
        " come from) to families() in tests/test_labels.py:\n" + "\n".join(unknown)
    )


def test_the_readers_find_the_labels() -> None:
    """A guard on the parsing above: it must see the uses we know of."""
    found = uses()
    assert {"journeys", "agenda", "tba", "lang_*", "type_*", "eval_*"} <= {
        u.key or u.pattern for u in found
    }
    assert any(u.special == "companion" for u in found)
    assert "js_progress_heading" in companion_keys()


@pytest.mark.parametrize("language", LOCALES)
def test_every_key_used_is_defined(language: str) -> None:
    missing = sorted(used_keys() - set(_catalogue(language)))
    assert not missing, f"{language}.json lacks {missing}"


@pytest.mark.parametrize("language", LOCALES)
def test_every_key_defined_is_used(language: str) -> None:
    used = used_keys()
    unused = sorted(
        key
        for key in _catalogue(language)
        if key not in used and not any(p.match(key) for p in OPEN_FAMILIES.values())
    )
    assert not unused, f"{language}.json has keys nothing uses: {unused}"


@pytest.mark.parametrize("language", LOCALES)
def test_every_locale_has_the_keys_of_english(language: str) -> None:
    """English is the fallback at run time, so a key only Dutch lacks would not fail a build."""
    own, english = set(_catalogue(language)), set(_catalogue("en"))
    assert sorted(english - own) == [], f"{language}.json lacks keys English has"
    assert sorted(own - english) == [], f"{language}.json has keys English lacks"


@pytest.mark.parametrize("language", LOCALES)
def test_labels_are_not_empty_and_keep_their_placeholders(language: str) -> None:
    labels, english = _catalogue(language), _catalogue("en")
    assert not [k for k, v in labels.items() if not v.strip()], "empty labels"
    placeholder = re.compile(r"\{(\w+)\}")
    for key, text in labels.items():
        assert set(placeholder.findall(text)) == set(placeholder.findall(english.get(key, text))), key
    assert len(labels["weekdays"].split()) == 7
    assert len(labels["months"].split()) == 12


# ------------------------------------------------------ the browser script

_JS_LITERAL_KEY = re.compile(r"""\bt\(\s*(["'`])([\w.-]+)\1|\bkey:\s*(["'`])([\w.-]+)\3""")
# t(...) with anything but a literal: the script's own helpers pass a message's key on.
_JS_DYNAMIC_CALL = re.compile(r"""(?<!function )\bt\(\s*([^"'`\s)][^,)]*)""")
_JS_FORWARDED = {"key", "message.key"}


def _scripts() -> list[Path]:
    return sorted(p for p in ASSETS_DIR.rglob("*.js") if "node_modules" not in p.parts)


def script_keys() -> dict[str, list[str]]:
    """The label keys the browser script reads, with the files that read them."""
    found: dict[str, list[str]] = {}
    for path in _scripts():
        for match in _JS_LITERAL_KEY.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(2) or match.group(4), []).append(path.name)
    return found


def test_the_script_reads_labels_only_by_literal_key() -> None:
    dynamic = [
        f"{path.name}: t({m.group(1)}"
        for path in _scripts()
        for m in _JS_DYNAMIC_CALL.finditer(path.read_text(encoding="utf-8"))
        if m.group(1).strip() not in _JS_FORWARDED
    ]
    assert not dynamic, f"labels read by a computed key, which this test cannot check: {dynamic}"
    assert script_keys(), 'no t("...") found in the script: has the way it reads labels changed?'


def test_the_script_reads_only_labels_the_pages_give_it() -> None:
    listed = set(companion_keys())
    missing = {key: files for key, files in script_keys().items() if key not in listed}
    assert not missing, f"the script reads labels missing from the keys in {COMPANION_TEMPLATE}: {missing}"


def test_the_pages_give_the_script_only_labels_it_reads() -> None:
    unread = sorted(set(companion_keys()) - set(script_keys()))
    assert not unread, f"{COMPANION_TEMPLATE} sends labels the script never reads: {unread}"


# ------------------------------------------------------ missing labels at run time


@pytest.fixture
def locales(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A locales folder of the test's own; the catalogue cache is cleared around it."""
    monkeypatch.setattr(labels_module, "_DIR", tmp_path)
    labels_module._catalogue.cache_clear()
    yield tmp_path
    labels_module._catalogue.cache_clear()


def test_a_key_no_catalogue_has_is_an_error(locales: Path) -> None:
    (locales / "en.json").write_text('{"next": "Next"}', encoding="utf-8")
    (locales / "nl.json").write_text('{"next": "Volgende"}', encoding="utf-8")
    with pytest.raises(KeyError, match="nxet"):
        Labels("nl")("nxet")
    assert Labels("nl").get("nxet") is None


def test_a_key_only_dutch_lacks_falls_back_to_english(locales: Path) -> None:
    (locales / "en.json").write_text('{"next": "Next", "previous": "Previous"}', encoding="utf-8")
    (locales / "nl.json").write_text('{"next": "Volgende"}', encoding="utf-8")
    labels = Labels("nl")
    assert (labels("next"), labels("previous")) == ("Volgende", "Previous")


def test_a_language_without_a_name_shows_its_code() -> None:
    journeys = load_journeys([ROOT / "journeys"]).journeys
    renamed = [replace(journeys[0], language="pt"), *journeys[1:]]
    catalogue = build_site(renamed, RenderOptions(prefix="", site_language="nl")).pages[0]
    assert catalogue.kind == "catalogue"
    assert f"{Labels('nl')('language')}: pt<br>" in catalogue.markdown
