"""The learner's browser script: its Node unit tests, its type check, and how it is published.

The record logic is an ES module (``learning-journeys-record.js``) with unit tests in
``tests/js`` run by ``node --test``; both script files are type-checked by TypeScript
(``tsc --noEmit -p tests/js/tsconfig.json``, from npm in ``.ci/tools``). Without Node or
TypeScript those tests skip with a loud reason, except when ``REQUIRE_BROWSER=1`` (CI),
where they fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import warnings
from pathlib import Path
from typing import NoReturn

import pytest
from learning_journeys.site.assets import ASSET_PREFIX, asset_files

REPO = Path(__file__).resolve().parents[1]
JS_TESTS = REPO / "tests" / "js"
TSCONFIG = JS_TESTS / "tsconfig.json"
TSC_CANDIDATES = (
    REPO / ".ci" / "tools" / "node_modules" / "typescript" / "bin" / "tsc",
    REPO / "node_modules" / "typescript" / "bin" / "tsc",
)
PAGE_SCRIPT = f"{ASSET_PREFIX}/learning-journeys.js"
RECORD_MODULE = f"{ASSET_PREFIX}/learning-journeys-record.js"


def _missing(what: str) -> NoReturn:
    message = f"BROWSER SCRIPT CHECKS NOT RUN: {what}"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{message} (REQUIRE_BROWSER=1)", pytrace=False)
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        _missing("Node.js is not installed (it runs tests/js and TypeScript)")
    return node


def _tsc() -> Path:
    found = next((p for p in TSC_CANDIDATES if p.is_file()), None)
    if found is None:
        _missing("TypeScript not found: `npm install --prefix .ci/tools typescript@5`")
    return found


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=300, check=False)


def test_node_unit_tests_pass() -> None:
    node = _node()
    files = sorted(JS_TESTS.glob("*.test.mjs"))
    assert len(files) >= 3, f"the unit tests of the record module are missing: {files}"
    result = _run([node, "--test", *(str(f.relative_to(REPO)) for f in files)])
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"node --test failed:\n{output[-8000:]}"
    assert "# fail 0" in output, output[-2000:]


def test_scripts_type_check() -> None:
    node = _node()
    tsc = _tsc()
    result = _run([node, str(tsc), "--noEmit", "-p", str(TSCONFIG.relative_to(REPO))])
    assert result.returncode == 0, f"tsc --noEmit reported:\n{result.stdout}{result.stderr}"


def test_script_files_check_their_types() -> None:
    for asset in asset_files():
        if asset.uri.endswith(".js"):
            assert asset.content.startswith(b"// @ts-check\n"), f"{asset.uri} is not type-checked"


def test_pages_load_the_script_and_it_imports_the_module() -> None:
    """The record module is published with the site, but pages link only the classic script."""
    assets = {a.uri: a for a in asset_files()}
    assert PAGE_SCRIPT in assets and RECORD_MODULE in assets
    assert assets[PAGE_SCRIPT].linked and not assets[RECORD_MODULE].linked
    assert all(a.linked for a in assets.values() if a.uri.endswith(".css"))
    assert b"learning-journeys-record.js" in assets[PAGE_SCRIPT].content
    # A classic script: an import or export statement would break it in the page.
    for line in assets[PAGE_SCRIPT].content.decode("utf-8").splitlines():
        assert not line.startswith(("import ", "export ")), line


def test_plugin_adds_only_the_page_script(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(
        "site_name: t\nplugins:\n  - learning-journeys:\n      journeys_dir: docs\n", encoding="utf-8"
    )
    config = load_config(str(config_file))
    config = config.plugins.on_config(config)
    scripts = [str(s) for s in config.extra_javascript]
    assert scripts == [PAGE_SCRIPT]
    assert f"{ASSET_PREFIX}/learning-journeys.css" in config.extra_css
