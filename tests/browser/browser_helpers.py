"""What the browser tests need to know about the example site, taken from its journey files."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from learning_journeys.model.journey import Activity, Journey
from learning_journeys.site.labels import Labels, labels_for
from learning_journeys.validation.loading import load_journeys

REPO = Path(__file__).resolve().parents[2]
STORAGE_PREFIX = "learning-journeys:v1:"
NL: Labels = labels_for("nl", None)
EN: Labels = labels_for("en", None)


def label(labels: Labels, key: str, **values: Any) -> str:
    """A label with its {placeholders} filled in, as the script does."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), labels(key))


def label_start(labels: Labels, key: str) -> str:
    """The fixed text before a label's first placeholder ("Afgerond op" of "Afgerond op {date}")."""
    return labels(key).split("{", 1)[0].strip()


@cache
def journeys() -> dict[str, Journey]:
    result = load_journeys([REPO / "journeys"], base=REPO)
    assert result.ok, [d.message for d in result.diagnostics if d.is_error]
    return {j.id: j for j in result.journeys}


def journey(journey_id: str) -> Journey:
    return journeys()[journey_id]


def url(j: Journey, activity: Activity | None = None) -> str:
    """The page of a journey (its overview) or of one of its activities (the site has prefix "")."""
    if activity is None:
        return f"/{j.id}/"
    phase = next(p for p, a in j.activities() if a.id == activity.id)
    return f"/{j.id}/{phase.key}/{activity.id}/"


def phase_url(j: Journey, key: str) -> str:
    return f"/{j.id}/{key}/"


def first(j: Journey, kind: str, where: Any = None) -> Activity:
    """The first activity of a type (and matching ``where``) in journey order."""
    return next(a for _p, a in j.activities() if a.type == kind and (where is None or where(a)))


def dutch_journey() -> Journey:
    """The Dutch example journey that has every activity type, a knowledge check and feedback requests."""
    return journey("vakmanschap-accountmanagers")


def english_journey() -> Journey:
    return journey("leading-hybrid-teams")


def stored(page: Any, journey_id: str) -> dict[str, Any]:
    """Everything the script keeps for a journey in this page's localStorage."""
    return page.evaluate(
        """prefix => Object.fromEntries(Object.keys(localStorage)
            .filter(k => k.startsWith(prefix))
            .map(k => [k.slice(prefix.length), JSON.parse(localStorage.getItem(k))]))""",
        f"{STORAGE_PREFIX}{journey_id}:",
    )


def seed(page: Any, journey_id: str, records: dict[str, Any]) -> None:
    """Put records into localStorage as if the learner had made them (then reload the page)."""
    page.evaluate(
        """([prefix, records]) => {
            for (const [id, record] of Object.entries(records)) localStorage.setItem(prefix + id, JSON.stringify(record));
        }""",
        [f"{STORAGE_PREFIX}{journey_id}:", records],
    )


def mark_no_reload(page: Any) -> None:
    """Flag the window: the flag survives Material's instant navigation, not a page load."""
    page.evaluate("window.__ljSameDocument = true")


def still_same_document(page: Any) -> bool:
    return bool(page.evaluate("window.__ljSameDocument === true"))


INSTANT_GOTO = """path => new Promise(resolve => {
    if (window.__ljPages === undefined) {
        window.__ljPages = 0;
        document$.subscribe(() => { window.__ljPages += 1; });
    }
    const seen = window.__ljPages;
    const link = Object.assign(document.createElement("a"), { href: path });
    document.body.append(link);
    link.click();
    link.remove();
    const wait = () => (window.__ljPages > seen ? resolve() : setTimeout(wait, 20));
    wait();
})"""


def visit(page: Any, path: str) -> None:
    """Go to a page of the site as a learner's click would: with Material's instant navigation
    once a page of the site is open (the companion script must cope with it, and it is far
    quicker than a page load), otherwise by loading it."""
    on_site = page.url.startswith("http") and page.evaluate("typeof window.document$ !== 'undefined'")
    if not on_site:
        page.goto(path, wait_until="domcontentloaded")
    elif page.evaluate("location.pathname") == path:
        page.reload(wait_until="domcontentloaded")
    else:
        page.evaluate(INSTANT_GOTO, path)
        assert page.evaluate("location.pathname") == path
