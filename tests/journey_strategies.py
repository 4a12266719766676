"""Hypothesis strategies for valid journeys, and the check that every valid journey builds.

The activity types and their fields are read from the shipped JSON Schema, so a new type
or field is generated without a change here: fields this module knows by name get values
that also pass the meaning-level checks (references, order, times, dates); any other field
gets a value drawn from its schema. Sessions become series now and then, cohorts get groups
when an activity meets per group, and cohorts and groups move, retime and cancel meetings.
Text is hostile where the schema allows it: newlines, quotes, HTML, Markdown and
attribute-list syntax, very long strings, any Unicode.

Used by ``tests/test_valid_journeys_build.py`` (some seventy examples, fixed seed) and
``tests/bench/fuzz_valid_journeys.py`` (ten thousand, by hand).
"""

from __future__ import annotations

import json
import re
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import available_timezones

import yaml
from hypothesis import strategies as st

PHASES = ("pre", "learn", "post")
PREFIX = "journeys"
READ_BACK = 12  # calendar files per journey parsed again

# Ids a check refuses in some places: an activity `index` (its page would be its phase's).
RESERVED_IDS = frozenset({"index"})

Draw = Callable[[st.SearchStrategy[Any]], Any]


# --------------------------------------------------------------------------------------------
# The schema
# --------------------------------------------------------------------------------------------


@cache
def schema() -> dict[str, Any]:
    """The schema of the package under test (the one its validator uses)."""
    from learning_journeys.package_data import schema_path

    return json.loads(schema_path().read_text(encoding="utf-8"))


def resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return schema()["$defs"][ref.rsplit("/", 1)[1]]
    return node


def activity_types() -> list[str]:
    """Every activity type the schema allows."""
    return list(schema()["$defs"]["activity"]["properties"]["type"]["enum"])


@cache
def activity_fields(type_name: str) -> tuple[dict[str, dict[str, Any]], frozenset[str]]:
    """The properties an activity of ``type_name`` may have, and those it must have."""
    activity = schema()["$defs"]["activity"]
    definition: dict[str, Any] | None = None
    for branch in activity.get("allOf", []):
        const = branch.get("if", {}).get("properties", {}).get("type", {}).get("const")
        if const == type_name:
            definition = resolve(branch["then"])
    if definition is None:  # another layout: the def named after the type
        definition = schema()["$defs"][type_name.replace("-", "_")]
    properties: dict[str, dict[str, Any]] = {}
    required: set[str] = set(activity.get("required", []))
    node: dict[str, Any] | None = definition
    for _ in range(8):  # the type's own fields, then those of its base
        if node is None:
            break
        for key, sub in node.get("properties", {}).items():
            properties.setdefault(key, sub)
        required |= set(node.get("required", []))
        nxt = resolve(node) if "$ref" in node else None
        node = nxt if nxt is not node else None
    return properties, frozenset(required)


def _pattern(name: str) -> str | None:
    """A pattern of the format, from wherever it lives now."""
    try:
        from learning_journeys.validation import schema_source
    except ImportError:  # pragma: no cover - moved
        return None
    value = getattr(schema_source, name, None)
    return value if isinstance(value, str) else None


# --------------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------------

MARKER = "lj-marker"
# Characters that make the loader warn: line separators (read as spaces), and `#`, which a
# value folded over several lines by the YAML writer can start a line with (a `#` after a space
# in a quoted value that spans lines is taken for a comment: a known false warning).
QUIET_LESS = "\x85\u2028\u2029#"
# Each is harmless in a valid journey and must stay harmless in every output format.
HOSTILE = (
    "\n",
    "\r",
    "\r\n",
    "\n\n",
    "\t",
    '"',
    "'",
    "`",
    "\\",
    "<",
    ">",
    "&",
    "&amp;",
    "&#60;",
    f"<script>{MARKER}()</script>",
    f'<img src=x onerror="{MARKER}()">',
    f'<a href="javascript:{MARKER}()">x</a>',
    "<!--",
    "-->",
    "</textarea>",
    "{: onclick=x }",
    "{: .c #i data-x=y }",
    "{:",
    "}",
    "](",
    f"[x](javascript:{MARKER}())",
    "[x](www.example.nl)",
    "[x]: https://example.org",
    "![i](https://example.org/i.png)",
    "](https://example.org){: onclick=x }",
    "{{ x }}",
    "{% raw %}",
    "{#",
    "${x}",
    "%s",
    "---",
    "***",
    "```",
    "~~~",
    "    code",
    "# ",
    "- ",
    "1. ",
    "> ",
    "| a | b |",
    "!!! note",
    ":smile:",
    "\u00a0",
    "\u200b",
    "\u2028",
    "\u2029",
    "\u202e",
    "\ufeff",
    "\x85",
    "\x00",
    "\x1b[31m",
    "ß",
    "İ",
    "ﬁ",
    "ǅ",
    "日本語",
    "עברית",
    "😀",
    "👩🏽‍💻",
    "e\u0301",
    "BEGIN:VEVENT",
    "END:VCALENDAR",
    ";",
    ",",
    ":",
    "#",
    "*",
    "_",
    "@",
    "%",
    "?",
    "|",
    "\\n",
)


@cache
def hostile_text(
    min_size: int = 1, allow_nul: bool = True, quiet: bool = False, longest: int = 10_000
) -> st.SearchStrategy[str]:
    """Text a schema `string` accepts, built from trouble. ``quiet``: nothing a check warns about
    (a link without https://, a line separator that the loader reads as a space)."""
    unwanted = ("" if allow_nul else "\x00") + (QUIET_LESS if quiet else "")
    hostile = tuple(h for h in HOSTILE if not any(c in h for c in unwanted) and not (quiet and "www." in h))
    pieces = st.one_of(
        st.sampled_from(hostile),
        st.text(
            st.characters(blacklist_categories=("Cs",), blacklist_characters=unwanted),
            min_size=1,
            max_size=12,
        ),
        st.sampled_from(("Workshop", "Leren", "Feedback", "Klantgesprek", " ", "x")),
    )
    short = st.lists(pieces, min_size=1, max_size=6).map("".join)
    long = st.builds(lambda s, n: (s * n)[:longest], short, st.integers(100, 2_000))
    text = st.one_of(*[short] * 9, long)
    return text.filter(lambda s: len(s) >= min_size) if min_size else st.one_of(st.just(""), text)


@cache
def slugs() -> st.SearchStrategy[str]:
    edge = st.sampled_from(
        ("a", "0", "a-b", "x" * 64, "9" * 64, "a" + "-" * 62 + "z", "con", "nul", "index", "agenda")
        + ("calendar", "pre", "learn", "post", "assets", "search", "sitemap", "404", "journeys")
    )
    return st.one_of(edge, st.from_regex(r"\A[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?\Z"))


@cache
def urls() -> st.SearchStrategy[str]:
    tails = st.one_of(
        st.sampled_from(
            (
                "",
                "/",
                "/a?b=c&d=e",
                "/<script>",
                '/"onmouseover="x',
                "/'x'",
                "/](x)",
                "/{:x}",
                "/%0A%0D",
                "/#frag",
                "/" + "a" * 3000,
                "/日本",
                "/a\u200bb",
            )
        ),
        st.text(st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")), max_size=20).filter(
            lambda t: not any(ch.isspace() for ch in t)
        ),
    )
    base = st.sampled_from(("https://example.org", "http://example.org", "https://x", "mailto:a@example.org"))
    return st.builds(lambda b, t: b + t, base, tails)


@cache
def durations(short: bool = False) -> st.SearchStrategy[str]:
    """Valid and non-zero (a zero duration is an error); ``short``: at most an hour, which no
    check warns about."""
    if short:
        return st.one_of(
            st.integers(1, 60).map(lambda m: f"{m}m"),
            st.sampled_from(("1h", "PT1H", "PT60M", "1 m", "60min", "PT1M")),
        )
    n = st.one_of(st.integers(1, 120), st.sampled_from((1, 99999)))
    human = st.builds(
        lambda d, h, m, sp: sp.join(
            x for x in ((f"{d}d" if d else ""), (f"{h}h" if h else ""), (f"{m}m" if m else "")) if x
        ),
        st.one_of(st.just(0), n),
        st.one_of(st.just(0), n),
        st.one_of(st.just(0), n),
        st.sampled_from(("", " ")),
    )
    iso = st.builds(
        lambda d, h, m: (
            "P"
            + (f"{d}D" if d else "")
            + ("T" if h or m else "")
            + (f"{h}H" if h else "")
            + (f"{m}M" if m else "")
        ),
        st.one_of(st.just(0), n),
        st.one_of(st.just(0), n),
        st.one_of(st.just(0), n),
    )
    return st.one_of(human, iso, st.sampled_from(("15m", "1h30m", "1 d", "2h 5min", "PT99999M"))).filter(
        lambda t: t not in ("", "P") and any(ch.isdigit() and ch != "0" for ch in t)
    )


@cache
def dates(extreme: bool = False) -> st.SearchStrategy[str]:
    """Real dates in the years journeys are planned in (1900-2199), the edges included; with
    ``extreme``, now and then one at an end of the calendar, which may be refused."""
    edge = st.sampled_from(("1900-01-01", "2199-12-31", "2024-02-29", "2027-03-01", "2038-01-19"))
    planned = st.one_of(edge, st.dates(date(1900, 1, 1), date(2199, 12, 31)).map(date.isoformat))
    if not extreme:
        return planned
    ends = st.sampled_from(("0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01", "9999-01-01"))
    return st.one_of(*[planned] * 3, ends)


@cache
def times(after: int = -1, last: int = 24 * 60 - 1) -> st.SearchStrategy[tuple[int, str]]:
    """Minutes after midnight (after ``after``), and as an author writes them (`9:05`, `09:05`)."""
    return st.builds(
        lambda m, short: (m, f"{m // 60}:{m % 60:02d}" if short else f"{m // 60:02d}:{m % 60:02d}"),
        st.one_of(st.integers(after + 1, last), st.sampled_from((after + 1, last))),
        st.booleans(),
    )


@cache
def _zones() -> tuple[str, ...]:
    """IANA zones the schema's pattern lets through (it keeps out the likes of `EST5EDT`)."""
    pattern = re.compile(schema()["$defs"]["cohort"]["properties"]["timezone"].get("pattern", ""))
    return tuple(sorted(z for z in available_timezones() - {"localtime", "posixrules"} if pattern.search(z)))


@cache
def timezones() -> st.SearchStrategy[str]:
    edge = st.sampled_from(
        (
            "Europe/Amsterdam",
            "UTC",
            "Pacific/Kiritimati",
            "Pacific/Pago_Pago",
            "Australia/Lord_Howe",
            "Asia/Kathmandu",
            "America/St_Johns",
            "Antarctica/Troll",
            "Etc/GMT-14",
            "Etc/GMT+12",
            "Factory",
            "EST5EDT",
        )
    )
    return st.one_of(edge.filter(lambda z: z in _zones()), st.sampled_from(_zones()))


# Languages the pages have labels for: any other is a warning (LJ222), which a quiet journey has none of.
LABELLED_LANGUAGES = st.sampled_from(("nl", "en", "nl-BE", "en-GB"))


@cache
def languages() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(("nl", "en", "nl-BE", "en-GB", "de", "fr", "fy", "zzz", "sr-Latn-RS")),
        st.from_regex(r"\A[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,2}\Z"),
    )


def from_schema(
    node: dict[str, Any], draw: Draw, depth: int = 0, text: Callable[[int], str] | None = None
) -> Any:
    """A value for a field this module does not know by name, drawn from its schema; ``text``
    makes free text (default: hostile)."""
    text = text or (lambda min_size: draw(hostile_text(min_size)))
    node = resolve(node)
    for alternatives in ("anyOf", "oneOf"):
        if alternatives in node:
            branch = draw(st.sampled_from(node[alternatives]))
            rest = {k: v for k, v in node.items() if k != alternatives}
            return from_schema({**rest, **resolve(branch)}, draw, depth, text)
    if "enum" in node:
        return draw(st.sampled_from(node["enum"]))
    if "const" in node:
        return node["const"]
    kind = node.get("type")
    if kind == "string":
        pattern = node.get("pattern")
        if pattern is None:
            return text(node.get("minLength", 0))
        if pattern == _pattern("URL"):
            return draw(urls())
        if pattern == _pattern("TIME"):
            return draw(times())[1]
        if pattern == _pattern("DATE"):
            return draw(dates())
        if pattern == _pattern("SLUG"):
            return draw(slugs())
        if pattern == _pattern("DURATION_PATTERN"):
            return draw(durations())
        return draw(st.from_regex(pattern, fullmatch=True).filter(lambda s: "\x00" not in s))
    if kind == "integer":
        lo, hi = node.get("minimum", -(2**31)), node.get("maximum", 2**31)
        return draw(st.one_of(st.just(lo), st.just(hi), st.integers(lo, hi)))
    if kind == "number":
        return draw(
            st.floats(node.get("minimum"), node.get("maximum"), allow_nan=False, allow_infinity=False)
        )
    if kind == "boolean":
        return draw(st.booleans())
    if kind == "array":
        items = node.get("items", {"type": "string"})
        low = node.get("minItems", 0)
        high = min(node.get("maxItems", low + 3), low + 3)
        values: list[Any] = []
        for _ in range(draw(st.integers(low, high)) if depth < 4 else low):
            value = from_schema(items, draw, depth + 1, text)
            if not node.get("uniqueItems") or value not in values:
                values.append(value)
        return values
    if kind == "object" or "properties" in node:
        out: dict[str, Any] = {}
        required = set(node.get("required", []))
        for key, sub in node.get("properties", {}).items():
            if key in required or (depth < 4 and draw(st.booleans())):
                out[key] = from_schema(sub, draw, depth + 1, text)
        return out
    return text(1)


# --------------------------------------------------------------------------------------------
# Journeys
# --------------------------------------------------------------------------------------------


@dataclass(repr=False)
class GeneratedJourney:
    """A journey as data, the content files it needs, and how to write it."""

    data: dict[str, Any]
    files: dict[str, str] = field(default_factory=dict)
    file_stem: str = "journey"
    block_style: bool = True
    width: int = 80

    def yaml(self) -> str:
        return dump_yaml(self.data, self.block_style, self.width)

    def __repr__(self) -> str:  # Hypothesis prints it; the YAML is in the failure message
        activities = sum(len(p.get("activities", ())) for p in self.data["phases"].values())
        return f"<journey {self.file_stem}: {activities} activities, {len(self.yaml()):,} bytes of YAML>"

    def write(self, folder: Path) -> Path:
        """The journey file and its content files in ``folder`` (which the caller empties)."""
        for rel, text in self.files.items():
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="")
        path = folder / f"{self.file_stem}.yaml"
        path.write_text(self.yaml(), encoding="utf-8", newline="")
        return path


class _Journey:
    """Everything one journey is drawn with: the draw function, the flavour, and what is known
    so far (ids in use, objectives, earlier activities, sessions and their times, content files)."""

    def __init__(self, draw: Draw, extreme_dates: bool, quiet: bool, longest: int) -> None:
        self.draw = draw
        self.longest = longest
        self.extreme_dates = extreme_dates
        self.quiet = quiet
        self.used: set[str] = set()
        self.objectives: list[str] = []
        self.activities: list[str] = []
        self.sessions: dict[str, tuple[int | None, int | None]] = {}  # id: (start, end) in minutes
        self.meetings: set[str] = set()  # ids of the meetings of series (`SERIES-1`, ...)
        self.with_sessions: list[str] = []  # activities with meetings, for a reflection's `after`
        self.per_group = False  # an activity meets per group: cohorts may have groups
        self.files: dict[str, str] = {}

    def new_id(self) -> str:
        """Ids need only be unique per kind; sharing none is simplest and still tries every form."""
        ident = self.draw(slugs())
        if ident in self.used or ident in self.meetings or ident in RESERVED_IDS:
            ident = f"n{len(self.used)}x"  # no `-N` at the end: never a meeting's id
        self.used.add(ident)
        return ident

    def text(self, min_size: int = 1) -> str:
        return self.draw(hostile_text(min_size, quiet=self.quiet, longest=self.longest))

    def date(self) -> str:
        return self.draw(dates(self.extreme_dates))

    def maybe(self, out: dict[str, Any], key: str, value: Callable[[], Any]) -> None:
        if self.draw(st.booleans()):
            out[key] = value()

    def subset(self, items: list[str], limit: int = 3) -> list[str]:
        if not items:
            return []
        return self.draw(st.lists(st.sampled_from(items), unique=True, max_size=min(limit, len(items))))

    def from_schema(self, node: dict[str, Any]) -> Any:
        return from_schema(node, self.draw, text=self.text)


def _sessions(j: _Journey) -> list[dict[str, Any]]:
    out = []
    for _ in range(j.draw(st.integers(0, 3))):
        session: dict[str, Any] = {"id": j.new_id()}
        j.maybe(session, "title", j.text)
        j.maybe(session, "day", lambda: j.draw(st.one_of(st.sampled_from((1, 730)), st.integers(1, 730))))
        start = end = None
        if j.draw(st.booleans()):
            start, session["start"] = j.draw(times(last=24 * 60 - 2))
        if j.draw(st.booleans()):
            end, session["end"] = j.draw(times(after=-1 if start is None else start))
        j.maybe(session, "location", j.text)
        j.maybe(session, "url", lambda: j.draw(urls()))
        j.maybe(session, "facilitator", j.text)
        if "timezone" in _session_fields():
            j.maybe(session, "timezone", lambda: j.draw(timezones()))
        meetings = _series(j, session) if "repeat" in _session_fields() else set()
        j.sessions[session["id"]] = (start, end)
        for meeting in meetings:  # a cohort may move or cancel one meeting of a series
            j.sessions[meeting] = (start, end)
        out.append(session)
    return out


@cache
def _session_fields() -> frozenset[str]:
    return frozenset(schema()["$defs"]["session"]["properties"])


def _series(j: _Journey, session: dict[str, Any]) -> set[str]:
    """Sometimes make ``session`` a series (`repeat`); the ids of its meetings."""
    if not j.draw(st.integers(0, 2)) == 0:
        return set()
    every = j.draw(
        st.one_of(
            st.sampled_from(("1w", "6w", "14d", "1d", "999w", "365d")),
            st.from_regex(r"\A[1-9][0-9]{0,2}[dw]\Z"),
        )
    )
    step = int(every[:-1]) * (7 if every.endswith("w") else 1)
    first = session.get("day", 1)
    # Mostly a few meetings, now and then the most there can be: each meeting is an event in
    # several calendar files, and a hundred of them make a journey slow to build.
    few = st.integers(1, 6)
    if j.draw(st.booleans()):
        count = j.draw(st.one_of(few, few, few, st.just(100)))
        repeat: dict[str, Any] = {"every": every, "count": count}
    else:
        until = j.draw(st.one_of(few.map(lambda n: min(first + (n - 1) * step, 800)), st.just(800)))
        repeat = {"every": every, "until_day": max(until, first)}
        count = (repeat["until_day"] - first) // step + 1
    meetings = {f"{session['id']}-{k}" for k in range(1, min(count, 100) + 1)}
    if meetings & j.used:  # a session is already called like one of the meetings
        return set()
    session["repeat"] = repeat
    j.meetings |= meetings
    return meetings


def _questions(j: _Journey) -> list[dict[str, Any]]:
    out = []
    for _ in range(j.draw(st.integers(1, 3))):
        count = j.draw(st.integers(2, 4))
        choices = []
        for correct in j.draw(st.lists(st.booleans(), min_size=count, max_size=count).filter(any)):
            choice: dict[str, Any] = {"text": j.text(), "correct": correct}
            j.maybe(choice, "explanation", j.text)
            choices.append(choice)
        out.append({"question": j.text(), "choices": choices})
    return out


@cache
def _path_parts() -> st.SearchStrategy[str]:
    return st.text(
        st.characters(
            whitelist_categories=("Ll", "Lu", "Nd", "Lo"),
            whitelist_characters=" -_.()'",
            max_codepoint=0x2FFF,
        ),
        min_size=1,
        max_size=12,
    ).filter(lambda p: p.strip(" .") == p and p not in (".", ".."))


def _content_file(j: _Journey) -> str:
    folders = j.draw(st.lists(_path_parts(), max_size=2))
    name = j.draw(_path_parts()) + j.draw(st.sampled_from((".md", ".markdown")))
    rel = "/".join(["content", *folders, name])
    if rel not in j.files:
        j.files[rel] = j.draw(hostile_text(0, allow_nul=False, quiet=j.quiet, longest=j.longest))
    return rel


def _activity(j: _Journey, type_name: str) -> dict[str, Any]:
    properties, required = activity_fields(type_name)
    activity: dict[str, Any] = {"id": j.new_id(), "title": j.text(), "type": type_name}
    for key, sub in properties.items():
        if key in activity or (key not in required and not j.draw(st.booleans())):
            continue
        if key == "duration":
            activity[key] = j.draw(durations(short=j.quiet))
        elif key == "objectives":
            if not j.quiet:  # quiet: no activity serves an objective, so none is left unserved
                activity[key] = j.subset(j.objectives)
        elif key in ("prerequisites", "prework"):
            activity[key] = j.subset(j.activities)  # earlier ones: no cycle, no later phase
        elif key == "week":
            if not j.quiet:  # a prerequisite planned in a later week is a warning
                activity[key] = j.draw(st.one_of(st.sampled_from((1, 104)), st.integers(1, 104)))
        elif key in ("until_week", "due_week"):
            opens = activity.get("week", 1)  # `week` comes first in the schema
            activity[key] = j.draw(st.one_of(st.sampled_from((opens, 104)), st.integers(opens, 104)))
        elif key == "evidence_for":
            activity[key] = j.subset(j.objectives)
        elif key == "after":
            if j.with_sessions:  # a reflection after an activity with meetings
                activity[key] = j.draw(st.sampled_from(j.with_sessions))
        elif key == "sessions":
            activity[key] = _sessions(j)
        elif key == "agenda":
            activity[key] = _agenda(j, j.from_schema(sub), activity.get("sessions") or [])
        elif key == "questions":
            activity[key] = _questions(j)
        elif key == "content_file":
            if "content" not in activity:
                activity[key] = _content_file(j)
        elif key == "content":
            if "content_file" not in activity:
                activity[key] = j.text(0)
        else:
            activity[key] = j.from_schema(sub)
    j.activities.append(activity["id"])
    if activity.get("sessions"):
        j.with_sessions.append(activity["id"])
    j.per_group = j.per_group or activity.get("per_group") is True
    return activity


def _agenda(j: _Journey, items: Any, sessions: list[dict[str, Any]]) -> Any:
    """An agenda from the schema whose items belong to sessions the activity has (or to all)."""
    ids = [s["id"] for s in sessions]
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and "session" in item:
            if ids:
                item["session"] = j.draw(st.sampled_from(ids))
            else:
                del item["session"]
    return items


def _override(j: _Journey, session_id: str) -> dict[str, Any]:
    override: dict[str, Any] = {}
    j.maybe(override, "date", j.date)
    design_start, design_end = j.sessions[session_id]
    start = end = None
    if j.draw(st.booleans()):
        start, override["start"] = j.draw(times())
    if j.draw(st.booleans()):
        end, override["end"] = j.draw(times())
    start = start if start is not None else design_start
    end = end if end is not None else design_end
    if start is not None and end is not None and end <= start:  # keep the design's times
        override.pop("start", None)
        override.pop("end", None)
    for key in ("location", "facilitator", "title"):
        j.maybe(override, key, j.text)
    j.maybe(override, "url", lambda: j.draw(urls()))
    if "cancelled" in _override_fields():
        j.maybe(override, "cancelled", lambda: j.draw(st.booleans()))
    return override


@cache
def _override_fields() -> frozenset[str]:
    return frozenset(schema()["$defs"]["cohortSession"]["properties"])


def _overrides(j: _Journey) -> dict[str, Any]:
    slug = re.compile(_pattern("SLUG") or ".*")  # a meeting of a series with a long id has no valid key
    return {sid: _override(j, sid) for sid in j.subset(sorted(filter(slug.match, j.sessions)), limit=4)}


def _group(j: _Journey) -> dict[str, Any]:
    group: dict[str, Any] = {"id": j.new_id()}
    for key in ("title", "facilitator", "location"):
        j.maybe(group, key, j.text)
    j.maybe(group, "url", lambda: j.draw(urls()))
    if j.draw(st.booleans()):  # both times or none: a group's times go with every meeting's
        start, group["start"] = j.draw(times(last=24 * 60 - 2))
        group["end"] = j.draw(times(after=start))[1]
    j.maybe(
        group, "shift_days", lambda: j.draw(st.one_of(st.sampled_from((-30, 0, 30)), st.integers(-30, 30)))
    )
    if overrides := _overrides(j):
        group["sessions"] = overrides
    return group


def _cohort(j: _Journey) -> dict[str, Any]:
    cohort: dict[str, Any] = {"id": j.new_id(), "start": j.date()}
    j.maybe(cohort, "title", j.text)
    j.maybe(cohort, "timezone", lambda: j.draw(timezones()))
    if overrides := _overrides(j):
        cohort["sessions"] = overrides
    properties = schema()["$defs"]["cohort"]["properties"]
    if "capacity" in properties:
        j.maybe(cohort, "capacity", lambda: j.from_schema(properties["capacity"]))
    if "enrolment_deadline" in properties and j.draw(st.booleans()):
        deadline = j.date()
        if j.quiet and deadline > cohort["start"]:  # closing after the start is a warning
            deadline = cohort["start"]
        cohort["enrolment_deadline"] = deadline
    if "groups" in properties and j.per_group and j.draw(st.booleans()):
        cohort["groups"] = [_group(j) for _ in range(j.draw(st.integers(1, 3)))]
    return cohort


def _goals_and_objectives(j: _Journey, data: dict[str, Any]) -> None:
    goals = []
    for _ in range(j.draw(st.integers(0, 3))):
        goal: dict[str, Any] = {"id": j.new_id(), "title": j.text()}
        j.maybe(goal, "kpi", j.text)
        j.maybe(goal, "target", j.text)
        j.maybe(goal, "description", lambda: j.text(0))
        goals.append(goal)
    if goals or j.draw(st.booleans()):
        data["goals"] = goals
    objectives = []
    goal_ids = [g["id"] for g in goals]
    for _ in range(j.draw(st.integers(0, 3))):
        objective: dict[str, Any] = {"id": j.new_id(), "title": j.text()}
        if j.quiet:  # every goal supported
            if goal_ids:
                objective["supports"] = list(goal_ids)
        else:
            j.maybe(objective, "supports", lambda: j.subset(goal_ids))
        j.maybe(objective, "level", lambda: j.draw(st.sampled_from(("remember", "apply", "create"))))
        objectives.append(objective)
    if objectives or j.draw(st.booleans()):
        data["objectives"] = objectives
    j.objectives = [o["id"] for o in objectives]


@st.composite
def journeys(
    draw: Draw,
    every_type: bool | None = None,
    extreme_dates: bool = False,
    quiet: bool = False,
    longest: int = 10_000,
) -> GeneratedJourney:
    """A journey that the schema and every meaning-level check accept.

    ``every_type``: one activity of each type at least (None: sometimes). ``extreme_dates``: now
    and then a date at the end of the calendar (0001-01-01, 9999-12-31), which the checks may
    refuse. ``quiet``: no warnings either, as ``mkdocs build --strict`` needs. ``longest``: the
    longest text (long titles end up in every calendar event, which makes journeys slow to build).
    """
    j = _Journey(draw, extreme_dates, quiet, longest)
    data: dict[str, Any] = {}
    stem = "journey"
    if draw(st.booleans()):
        data["id"] = j.new_id()
    else:  # the file name is the id
        stem = j.new_id()
    data["title"] = j.text()
    for key in ("summary", "audience", "owner", "version"):
        j.maybe(data, key, j.text)
    j.maybe(data, "description", lambda: j.text(0))
    j.maybe(data, "language", lambda: draw(LABELLED_LANGUAGES if j.quiet else languages()))
    j.maybe(data, "status", lambda: draw(st.sampled_from(("draft", "review", "published"))))
    _goals_and_objectives(j, data)
    j.maybe(data, "evaluation", lambda: j.from_schema(schema()["properties"]["evaluation"]))

    types = activity_types()
    every = draw(st.booleans()) if every_type is None else every_type
    chosen = (list(types) if every else []) + draw(
        st.lists(st.sampled_from(types), max_size=4 if every else 8)
    )
    phase_of = [(draw(st.sampled_from(PHASES)), t) for t in draw(st.permutations(chosen))]
    phases: dict[str, Any] = {}
    for phase in PHASES:
        body: dict[str, Any] = {}
        j.maybe(body, "title", j.text)
        j.maybe(body, "intro", lambda: j.text(0))
        activities = [_activity(j, t) for p, t in phase_of if p == phase]
        if activities or draw(st.booleans()):
            body["activities"] = activities
        phases[phase] = body
    data["phases"] = phases
    cohorts = [_cohort(j) for _ in range(draw(st.integers(0, 3)))]
    if cohorts or draw(st.booleans()):
        data["cohorts"] = cohorts
    return GeneratedJourney(
        data, j.files, stem, block_style=draw(st.booleans()), width=draw(st.sampled_from((80, 40, 10_000)))
    )


# --------------------------------------------------------------------------------------------
# Writing YAML that reads back as the same data
# --------------------------------------------------------------------------------------------

# Plain scalars that YAML 1.2 (which our loader follows) reads as something other than text,
# where PyYAML, a YAML 1.1 writer, would leave them plain.
_YAML12_NOT_TEXT = re.compile(
    r"~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
    r"|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    block_style = True

    def ignore_aliases(self, data: Any) -> bool:  # an author writes the list again
        return True


def _str(dumper: _Dumper, value: str) -> yaml.ScalarNode:
    style = None
    if _YAML12_NOT_TEXT.fullmatch(value) or any(c in value for c in "\x85\u2028\u2029"):
        # PyYAML takes U+0085, U+2028 and U+2029 for line breaks and writes them raw outside
        # double quotes; YAML 1.2 (and our loader) does not: escaped, they mean the same to both.
        style = '"'
    elif dumper.block_style and "\n" in value:
        style = "|"  # the emitter falls back to quotes where a block cannot hold the text
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data: Any, block_style: bool = True, width: int = 80) -> str:
    dumper = type("Dumper", (_Dumper,), {"block_style": block_style})
    header = "# yaml-language-server: $schema=../schemas/journey.schema.json\n"
    return header + yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=width)


# --------------------------------------------------------------------------------------------
# Validating and building
# --------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What happened to one journey: its diagnostics, whether it built, and any crash."""

    codes: list[str]
    errors: list[str]
    validated: bool = False
    built: bool = False
    crash: str | None = None  # `Type: message` plus the traceback
    where: str = ""  # the stage that failed: validate, pages, jsonld, calendars
    signature: str = ""  # what tells failures apart (see crash_key)

    @property
    def internal_errors(self) -> list[str]:
        return [e for e in self.errors if " LJ900 " in e]


def signature(err: BaseException) -> str:
    """The exception type and the last place in our code; for a failed check, what it says."""
    if isinstance(err, AssertionError):
        return "AssertionError: " + re.sub(r"[\[(`'\"].*", "", str(err)).strip()
    harness = ("fuzz_valid_journeys.py", "fuzz_mutations.py")  # where an alarm is raised
    frames = [f for f in traceback.extract_tb(err.__traceback__) if not f.filename.endswith(harness)]
    ours = [f for f in frames if "learning_journeys" in f.filename] or frames
    last = ours[-1] if ours else None
    place = f"{Path(last.filename).name}:{last.name}" if last else "?"
    return f"{type(err).__name__} in {place}"


def check_journey(folder: Path) -> Outcome:
    """Validate the journey files in ``folder`` and, when they have no errors, generate the site
    from them: pages (with their JSON-LD) and calendar files, read back to check they parse."""
    from learning_journeys.site.calendars import calendar_files
    from learning_journeys.site.pages import RenderOptions, build_site
    from learning_journeys.validation.loading import load_journeys

    result = load_journeys([folder], base=folder)
    outcome = Outcome(
        codes=sorted({d.code for d in result.diagnostics if d.is_error}),
        errors=[f"{d.file}:{d.line}:{d.column} {d.code} {d.message}" for d in result.errors],
    )
    if outcome.internal_errors:
        outcome.crash = outcome.internal_errors[0]
        outcome.where = "validate"
        reason = outcome.crash.split("internal error while checking this file: ", 1)[-1]
        outcome.signature = "LJ900 " + reason.split(":", 1)[0]
        return outcome
    if result.errors or not result.journeys:
        return outcome
    outcome.validated = True
    stage = "pages"
    try:
        plan = build_site(result.journeys, RenderOptions(prefix=PREFIX))
        uris = [page.uri for page in plan.pages]
        twice = sorted({uri for uri in uris if uris.count(uri) > 1})
        assert not twice, f"two pages at {twice}"
        stage = "jsonld"
        for page in plan.pages:
            if page.jsonld is not None:
                assert "<" not in page.jsonld, "JSON-LD could close its <script> element"
                json.loads(page.jsonld)
        stage = "calendars"
        calendars = list(calendar_files(result.journeys, PREFIX))
        _check_calendars(calendars)
        clash = set(uris) & {path for path, _content in calendars}
        assert not clash, f"a calendar file and a page at {sorted(clash)}"
    except Exception as err:  # noqa: BLE001 - every crash is a finding
        outcome.crash = f"{type(err).__name__}: {err}\n" + "".join(traceback.format_exception(err))
        outcome.where = stage
        outcome.signature = signature(err)
        return outcome
    outcome.built = True
    return outcome


def _check_calendars(files: list[tuple[str, bytes]]) -> None:
    """Unique paths; every file a calendar; the first few (the cohorts' own, with every event)
    read back with icalendar, which is slow enough that a series of meetings cannot all be."""
    from icalendar import Calendar

    paths = [path for path, _content in files]
    assert len(paths) == len(set(paths)), "two calendar files with the same path"
    for number, (path, content) in enumerate(files):
        assert content.startswith(b"BEGIN:VCALENDAR") and content.rstrip().endswith(b"END:VCALENDAR"), path
        if number >= READ_BACK:
            continue
        events = Calendar.from_ical(content).walk("VEVENT")
        assert events, f"{path}: a calendar without events"
        for event in events:
            assert event.get("dtstart") is not None, f"{path}: an event without a start"


def crash_key(outcome: Outcome) -> str:
    """What tells two failures apart: the stage, the exception type and the place in our code."""
    return f"{outcome.where}: {outcome.signature}"


def describe(journey: GeneratedJourney) -> str:
    """The journey's files, for a failure message."""
    parts = [f"--- {journey.file_stem}.yaml\n{journey.yaml()}"]
    parts += [f"--- {rel}\n{text!r}" for rel, text in journey.files.items()]
    return "\n".join(parts)
