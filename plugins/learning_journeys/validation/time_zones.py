"""Time zone names: which are real IANA zones, and the closest one to a misspelt name."""

from __future__ import annotations

import difflib
import re
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from learning_journeys.validation.diagnostics import JsonPath, PendingDiagnostic


def timezone_problem(path: JsonPath, name: str) -> PendingDiagnostic | None:
    """An error at ``path`` when ``name`` is no IANA time zone, with the closest one as hint."""
    if _is_iana_zone(name):
        return None
    return PendingDiagnostic(path, "LJ207", f"unknown time zone `{name}`", hint=_timezone_hint(name))


# Files of a system's zoneinfo folder that `ZoneInfo` opens but that are no IANA zone here
# or elsewhere: `localtime` is the machine's own zone.
_NOT_ZONES = frozenset({"localtime", "posixrules"})


def _is_iana_zone(name: str) -> bool:
    if name in _NOT_ZONES or name.startswith(("posix/", "right/")):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder such as `America`
        return False
    return True


def _zone_key(name: str) -> str:
    """What tells zone names apart for a reader: not case, not `_`, `-` or spaces."""
    return "".join(ch for ch in name.casefold() if ch not in "_- ")


@cache
def _iana_zones() -> dict[str, str]:
    """Every IANA time zone name, by :func:`_zone_key`."""
    from zoneinfo import available_timezones

    return {_zone_key(name): name for name in sorted(available_timezones() - _NOT_ZONES, reverse=True)}


def _timezone_hint(name: str) -> str:
    """The closest IANA name: `America/NewYork` → `America/New_York`, `Brussel` → `Europe/Brussels`.

    Case, `_` and `-` do not count; a misspelt city is looked for in its region first, then
    anywhere. Abbreviations and offsets get advice instead: `CEST` or `GMT+1` are no place.
    """

    zones = _iana_zones()
    key = _zone_key(name)
    region, _slash, city = key.rpartition("/")
    if re.fullmatch(r"[A-Z]{2,5}|(?i:(?:etc/)?(?:utc|gmt)? ?[+-] ?[0-9:]+)", name.strip()):
        return "abbreviations and offsets miss the switch to summer time: use the zone of a place, such as `Europe/Amsterdam`"
    meant = zones.get(key)
    for scope in ([region] if region else []) + [None]:
        if meant is not None:
            break
        by_city = {
            k.rpartition("/")[2]: zone for k, zone in zones.items() if scope in (None, k.rpartition("/")[0])
        }
        close = difflib.get_close_matches(city, by_city, n=1, cutoff=0.8)
        meant = by_city[close[0]] if close else None
    if meant is not None:
        return f"did you mean `{meant}`?"
    return "use an IANA name such as `Europe/Amsterdam` or `America/New_York`"
