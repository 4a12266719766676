"""Real-browser fixtures: the example site built once, served on 127.0.0.1, and Chromium.

Playwright cannot download browsers here, so the tests drive an installed Chromium
(Debian's ``/usr/bin/chromium``, or the one named in ``CHROMIUM``). Without one the
tests skip with a loud reason, except when ``REQUIRE_BROWSER=1`` (CI), where a missing
browser or axe-core is a failure. axe-core comes from npm: ``AXE_CORE_JS`` names its
``axe.min.js`` (``.ci/run`` installs it in ``.ci/tools``).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NoReturn

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_CONFIG = REPO / "mkdocs.yml"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # No host name resolves except the test server's address: a request that tries to leave
    # fails in the network stack (the tests still see and report it). Unlike request
    # interception, this keeps the HTTP cache, which keeps the tests fast.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
AXE_CANDIDATES = (
    REPO / ".ci" / "tools" / "node_modules" / "axe-core" / "axe.min.js",
    REPO / "node_modules" / "axe-core" / "axe.min.js",
    REPO.parent / "node_tools" / "node_modules" / "axe-core" / "axe.min.js",
)


def _required() -> bool:
    return os.environ.get("REQUIRE_BROWSER") == "1"


def _missing(what: str, tests: str = "BROWSER TESTS") -> NoReturn:
    """Fail under REQUIRE_BROWSER=1, otherwise skip, and say so where it cannot be missed."""
    message = f"{tests} NOT RUN: {what}"
    if _required():
        pytest.fail(f"{message} (REQUIRE_BROWSER=1)", pytrace=False)
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


def find_chromium() -> str | None:
    """``CHROMIUM`` if set (and nothing else), otherwise Debian's chromium or one on the PATH."""
    explicit = os.environ.get("CHROMIUM")
    candidates: list[str | None] = [explicit]
    if not explicit:
        candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        candidates += [shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def find_axe() -> Path | None:
    explicit = os.environ.get("AXE_CORE_JS")
    if explicit:
        return Path(explicit) if Path(explicit).is_file() else None
    return next((p for p in AXE_CANDIDATES if p.is_file()), None)


# ----------------------------------------------------------------------------- the site


def _test_config(tmp: Path, site_url: str, journeys_dir: Path | None = None) -> Path:
    """The example site's config, with Material's instant navigation on, served at ``site_url``.

    The companion script must work with instant navigation (issue 4, point 7), which the
    example site may not switch on. Material only navigates instantly to links it finds in
    the sitemap, after rebasing the sitemap's URLs on the page's scheme and host but not
    its port: so ``site_url`` is the test server's own address. Paths are made absolute.
    """
    config = yaml.safe_load(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    features = config.setdefault("theme", {}).setdefault("features", [])
    if "navigation.instant" not in features:
        features.append("navigation.instant")
    config["site_url"] = site_url
    base = EXAMPLE_CONFIG.parent
    config["docs_dir"] = str((base / config.get("docs_dir", "docs")).resolve())
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "learning-journeys" in plugin:
            options = plugin["learning-journeys"] or {}
            options["journeys_dir"] = str(
                journeys_dir or (base / options.get("journeys_dir", "journeys")).resolve()
            )
            plugin["learning-journeys"] = options
    path = tmp / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature of the base class
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser drops connections it no longer needs when a test moves on.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def served() -> Iterator[tuple[Path, str]]:
    """The example site, built once with ``mkdocs build --strict`` and served on 127.0.0.1."""
    yield from _serve()


# A journey of the tests' own that runs for months: a series in groups, a reflection after every
# meeting, prior learning, a portfolio (the example journeys change with the examples' needs).
MONTHS_JOURNEYS = Path(__file__).resolve().parent / "fixtures" / "journeys"


@pytest.fixture(scope="session")
def served_months() -> Iterator[tuple[Path, str]]:
    """The site of the journeys in ``fixtures/journeys``, built and served like the example site."""
    yield from _serve(MONTHS_JOURNEYS)


def _serve(journeys_dir: Path | None = None) -> Iterator[tuple[Path, str]]:
    """Build a site with ``mkdocs build --strict`` and serve it on 127.0.0.1.

    The server binds its (free) port first, since the build needs the address. A private
    temporary folder, not pytest's: other pytest runs on the machine may prune those.
    """
    tmp = Path(tempfile.mkdtemp(prefix="lj-browser-"))
    site = tmp / "site"
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        config = _test_config(tmp, base_url + "/", journeys_dir)
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
            cwd=REPO,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            check=False,
        )
        assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield site, base_url
        server.shutdown()
    finally:
        server.server_close()
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def site_dir(served: tuple[Path, str]) -> Path:
    return served[0]


@pytest.fixture(scope="session")
def base_url(served: tuple[Path, str]) -> str:
    return served[1]


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = find_chromium()
    if executable is None:
        where = (
            f"CHROMIUM={os.environ['CHROMIUM']} is not an executable"
            if os.environ.get("CHROMIUM")
            else "no Chromium found"
        )
        _missing(f"{where} (install Debian's chromium, or set CHROMIUM=/path/to/chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed (pip install '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = find_axe()
    if path is None:
        _missing(
            "axe-core not found: `npm install --prefix .ci/tools axe-core@4` or set "
            "AXE_CORE_JS=/path/to/axe.min.js",
            tests="ACCESSIBILITY TEST",
        )
    return path.read_text(encoding="utf-8")


# Material itself asks the GitHub API for the stars and forks of the header's repository
# link (repo_url). Page scripts cannot prevent it: Material starts the request while its
# bundle loads. It is collected apart, so that one test reports it and the others test
# the companion script; see test_site.py::test_theme_makes_no_request_outside_the_site.
THEME_REQUEST = re.compile(r"^https://api\.github\.com/(repos|users)/")


@dataclass
class Traffic:
    """Every request the browser made, so a test can prove none left 127.0.0.1."""

    origin: str
    outside: list[str] = field(default_factory=list)
    theme: list[str] = field(default_factory=list)

    def check(self, url: str) -> bool:
        local = url.startswith(self.origin + "/") or url == self.origin or url.startswith(("blob:", "data:"))
        if not local:
            (self.theme if THEME_REQUEST.match(url) else self.outside).append(url)
        return local


@pytest.fixture
def traffic(base_url: str) -> Traffic:
    return Traffic(base_url)


# Material's search builds its index in a worker on every page load: the costliest part
# of a load, and of no use to a test that does not search. Tests that search, or that
# look at the whole page, ask for a context with search=True.
NO_SEARCH_WORKER = """(() => {
    const RealWorker = window.Worker;
    window.Worker = function (url, options) {
        if (!String(url).includes("/workers/search.")) return new RealWorker(url, options);
        return { postMessage() {}, addEventListener() {}, removeEventListener() {}, terminate() {} };
    };
})();"""


@pytest.fixture
def new_context(browser: Any, base_url: str, traffic: Traffic) -> Iterator[Any]:
    """A factory of fresh browser contexts (a fresh profile: empty localStorage).

    Every request is checked; the test fails at the end if one went elsewhere than the
    test server (the browser cannot reach other hosts, see CHROMIUM_ARGS).
    """
    contexts: list[Any] = []

    def make(search: bool = False, **options: Any) -> Any:
        options.setdefault("locale", "nl-NL")
        options.setdefault("timezone_id", "Europe/Amsterdam")
        options.setdefault("accept_downloads", True)
        context = browser.new_context(base_url=base_url, **options)
        context.set_default_timeout(5000)
        context.on("request", lambda request: traffic.check(request.url))
        if not search:
            context.add_init_script(NO_SEARCH_WORKER)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not traffic.outside, f"requests left 127.0.0.1: {traffic.outside}"


@pytest.fixture
def page(new_context: Any) -> Any:
    return new_context().new_page()
