"""Checking loaded data against the JSON Schema.

Two paths: a compiled validator (jsonschema-rs) answers "valid?" for the
common clean file in microseconds; only a file that fails is checked again
with the reference implementation (jsonschema), whose errors we turn into
messages an author understands, with a hint where we can guess the fix.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import jsonschema_rs

if TYPE_CHECKING:
    import jsonschema

from learning_journeys.model.activity_types import ACTIVITY_TYPES
from learning_journeys.package_data import schema_path
from learning_journeys.validation import hints
from learning_journeys.validation import schema_source as src
from learning_journeys.validation.diagnostics import JsonPath, PendingDiagnostic


@lru_cache(maxsize=1)
def journey_schema() -> dict[str, Any]:
    """The journey schema as shipped in the package."""
    return json.loads(schema_path().read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _fast_validator() -> Any:
    return jsonschema_rs.validator_for(journey_schema())


@lru_cache(maxsize=1)
def _precise_validator() -> Any:
    # Imported only for files with schema errors: a clean run does not pay for it.
    import jsonschema

    return jsonschema.Draft202012Validator(journey_schema())


@lru_cache(maxsize=1)
def _untyped_validator() -> Any:
    """Checks the fields of activities whose ``type`` is missing or unknown.

    The journey schema chooses an activity's fields by its type, so an activity of type
    `werkvorm` would have none checked: a wrong type word would hide a wrong time in the same
    activity. Here such an activity is checked against every field any type has (whose
    definition all types share); its unknown keys are left alone, as they depend on the type.
    """
    import jsonschema

    defs = journey_schema()["$defs"]
    fields: dict[str, list[Any]] = {}
    for name in ACTIVITY_TYPES:
        for key, sub in defs[name.replace("-", "_")].get("properties", {}).items():
            fields.setdefault(key, []).append(sub)
    shared = {key: subs[0] for key, subs in fields.items() if all(s == subs[0] for s in subs)}
    common = {k: v for k, v in defs["activityBase"]["properties"].items() if k != "type"}
    known_type = {"properties": {"type": {"enum": list(ACTIVITY_TYPES)}}, "required": ["type"]}
    activity = {"if": {"not": known_type}, "then": {"properties": common | shared}}
    phase = {"properties": {"activities": {"items": activity}}}
    schema = {"$defs": defs, "properties": {"phases": {"properties": dict.fromkeys(src.PHASES, phase)}}}
    return jsonschema.Draft202012Validator(schema)


def is_valid(data: Any) -> bool:
    """Fast yes/no (compiled validator)."""
    try:
        return bool(_fast_validator().is_valid(data))
    except Exception:  # noqa: BLE001 - the precise path below will explain the problem
        return False


# Nobody reads more; and the hints (did-you-mean lookups) are not free.
MAX_PROBLEMS_PER_FILE = 200


def schema_problems(data: Any) -> list[PendingDiagnostic]:
    """Every schema problem in ``data``, as readable messages with JSON paths."""
    found: list[PendingDiagnostic] = []
    errors = list(_precise_validator().iter_errors(data)) + list(_untyped_validator().iter_errors(data))
    paths_with_errors = {tuple(e.absolute_path) for e in errors}
    for error in errors:
        found.extend(_explain(error, paths_with_errors))
        if len(found) > MAX_PROBLEMS_PER_FILE:
            break
    unique: dict[tuple[JsonPath, str, str], PendingDiagnostic] = {}
    for d in found:
        unique.setdefault((d.path, d.code, d.message), d)
    out = list(unique.values())
    if len(out) > MAX_PROBLEMS_PER_FILE:
        out = out[:MAX_PROBLEMS_PER_FILE]
        out.append(
            PendingDiagnostic(
                (),
                "LJ107",
                f"more than {MAX_PROBLEMS_PER_FILE} schema problems: only the first are listed",
                hint="fix these and check again; is this really a journey file?",
            )
        )
    return out


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        return journey_schema()["$defs"][ref.rsplit("/", 1)[1]]
    return schema


def allowed_keys(schema: dict[str, Any]) -> list[str]:
    """Keys a mapping may have under ``schema``, following local ``$ref``s."""
    keys: list[str] = []
    seen = 0
    while schema and seen < 8:
        keys.extend(k for k in schema.get("properties", {}) if k not in keys)
        nxt = _resolve(schema)
        if nxt is schema:
            break
        schema = nxt
        seen += 1
    return keys


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_EXPECTED = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping (key: value lines)",
}

CONTENT_FILE_PATTERN = ACTIVITY_TYPES["micro-module"].field("content_file").schema["pattern"]
_PATTERN_HELP = {
    src.SLUG: (
        "ids use lowercase letters, digits and hyphens, and start and end with a letter or digit",
        "for example `intake-gesprek`",
    ),
    src.DATE: ("dates are written YYYY-MM-DD", "for example `2027-03-01`"),
    src.TIME: ("times are written HH:MM on a 24-hour clock", "for example `09:30`"),
    src.LANG: ("a language is a BCP 47 code", "for example `nl`, `en` or `nl-BE`"),
    src.URL: (
        "a link must start with https://, http:// or mailto:",
        "other schemes (javascript:, data:, file:) are refused",
    ),
    src.DURATION_PATTERN: (
        "a duration is written like 15m, 1h30m, 2h, 1d or PT1H30M",
        "for example `duration: 45m`",
    ),
    CONTENT_FILE_PATTERN: (
        "a content file is a Markdown file ending in .md or .markdown",
        "for example `content/intro.md`, relative to this journey file",
    ),
}


def _explain(
    error: jsonschema.ValidationError, paths_with_errors: set[tuple[Any, ...]]
) -> list[PendingDiagnostic]:
    """One jsonschema error as problems an author understands (several for unknown keys)."""
    path: JsonPath = tuple(error.absolute_path)
    where = _describe(path)
    if error.validator in ("additionalProperties", "unevaluatedProperties") and isinstance(
        error.instance, dict
    ):
        return _unknown_keys(error, path, where, paths_with_errors)
    if error.validator in ("anyOf", "oneOf") and error.context:
        # One value of several allowed forms (a text or a list): explain the closest form.
        from jsonschema.exceptions import best_match

        # The form the value has says more than a list it could have been.
        fitting = [e for e in error.context if e.validator != "type"]
        closest = best_match(fitting or error.context)
        if closest is not None and closest.validator != error.validator:
            return _explain(closest, paths_with_errors)
    explain = _EXPLAINERS.get(str(error.validator), _schema_violation)
    return [explain(error, path, where)]


def _unknown_keys(
    error: jsonschema.ValidationError, path: JsonPath, where: str, paths_with_errors: set[tuple[Any, ...]]
) -> list[PendingDiagnostic]:
    """Each key the schema does not know, at the key, unless a problem below it says more."""
    allowed = allowed_keys(error.schema)
    out = []
    for key in error.instance:
        if key in allowed or (path + (key,)) in paths_with_errors:
            continue
        hint = _key_hint(key, allowed, error.instance)
        out.append(
            PendingDiagnostic(path + (key,), "LJ100", f"unknown key `{key}`{where}", hint=hint, at_key=True)
        )
        if len(out) > MAX_PROBLEMS_PER_FILE:
            break
    return out


def _missing_key(error: jsonschema.ValidationError, path: JsonPath, where: str) -> PendingDiagnostic:
    missing = error.message.split("'")[1] if "'" in error.message else str(error.validator_value)
    hint = _missing_key_hint(missing, error.instance, error.schema)
    return PendingDiagnostic(
        path, "LJ101", f"missing required key `{missing}`{where}", hint=hint, at_key=bool(path)
    )


def _missing_key_hint(missing: str, instance: Any, schema: dict[str, Any]) -> str | None:
    """A misspelt or Dutch key written instead, or the values the missing key can take."""
    if not isinstance(instance, dict):
        return None
    # A misspelt `type` is never reported as unknown: no activity branch applies without it.
    written = [k for k in instance if isinstance(k, str) and k != missing]
    close = difflib.get_close_matches(missing, written, n=1, cutoff=0.6)
    if close:
        return f"is `{close[0]}` a misspelling of `{missing}`?"
    dutch = [k for k in written if hints.key_for(k, [missing])]
    if dutch:
        return f"write `{missing}` instead of `{dutch[0]}`"
    options = schema.get("properties", {}).get(missing, {}).get("enum")
    return f"add `{missing}:` with one of: " + ", ".join(options) if options else None


def _wrong_type(error: jsonschema.ValidationError, path: JsonPath, where: str) -> PendingDiagnostic:
    expected = error.validator_value
    wanted = _EXPECTED.get(expected, str(expected)) if isinstance(expected, str) else "/".join(expected)
    return PendingDiagnostic(
        path,
        "LJ102",
        f"expected {wanted}, found {_type_name(error.instance)}{where}",
        hint=_type_hint(path, error.instance, expected),
    )


def _value_not_allowed(error: jsonschema.ValidationError, path: JsonPath, where: str) -> PendingDiagnostic:
    hint = _enum_hint(path, error.instance, [str(v) for v in error.validator_value])
    return PendingDiagnostic(path, "LJ103", f"`{error.instance}` is not allowed{where}", hint=hint)


def _wrong_form(error: jsonschema.ValidationError, path: JsonPath, where: str) -> PendingDiagnostic:
    """A value (or a key, under propertyNames) that does not match its pattern."""
    instance = error.instance
    is_link = bool(path) and path[-1] in ("url", "booking_url") and isinstance(instance, str)
    code = "LJ214" if is_link else "LJ104"
    problem, hint = _PATTERN_HELP.get(error.validator_value, ("the value has the wrong form", None))
    is_key = "propertyNames" in error.relative_schema_path
    hint = _pattern_hint(None if is_key else path[-1:], instance, error.validator_value) or hint
    message = f"`{_short(instance)}`{where}: {problem}"
    if is_key and isinstance(instance, str):
        # jsonschema reports a bad key at its mapping: point at the key itself
        return PendingDiagnostic(path + (instance,), code, message, hint=hint, at_key=True)
    return PendingDiagnostic(path, code, message, hint=hint)


def _bad_key_name(error: jsonschema.ValidationError, path: JsonPath, where: str) -> PendingDiagnostic:
    return PendingDiagnostic(path, "LJ104", f"{error.message}{where}")


def _empty_text(error: jsonschema.ValidationError, path: JsonPath, where: str) -> PendingDiagnostic:
    return PendingDiagnostic(path, "LJ104", f"empty text{where}", hint="write something, or remove the key")


def _out_of_range(error: jsonschema.ValidationError, path: JsonPath, where: str) -> PendingDiagnostic:
    bound = "at least" if "inimum" in str(error.validator) else "at most"
    return PendingDiagnostic(
        path, "LJ105", f"{error.instance} is out of range{where}: {bound} {error.validator_value}"
    )


def _wrong_list_length(error: jsonschema.ValidationError, path: JsonPath, where: str) -> PendingDiagnostic:
    bound = "at least" if error.validator == "minItems" else "at most"
    items = "item" if error.validator_value == 1 else "items"
    return PendingDiagnostic(path, "LJ106", f"list needs {bound} {error.validator_value} {items}{where}")


def _repeated_item(error: jsonschema.ValidationError, path: JsonPath, where: str) -> PendingDiagnostic:
    return PendingDiagnostic(path, "LJ103", f"an item is listed twice{where}", hint="remove the repeat")


def _schema_violation(error: jsonschema.ValidationError, path: JsonPath, where: str) -> PendingDiagnostic:
    """Keywords the schema does not use (yet): jsonschema's own message."""
    return PendingDiagnostic(path, "LJ107", f"{error.message}{where}")


# How each schema keyword's errors are explained.
_EXPLAINERS: dict[str, Callable[[jsonschema.ValidationError, JsonPath, str], PendingDiagnostic]] = {
    "required": _missing_key,
    "type": _wrong_type,
    "enum": _value_not_allowed,
    "pattern": _wrong_form,
    "propertyNames": _bad_key_name,
    "minLength": _empty_text,
    "minimum": _out_of_range,
    "maximum": _out_of_range,
    "exclusiveMinimum": _out_of_range,
    "exclusiveMaximum": _out_of_range,
    "minItems": _wrong_list_length,
    "maxItems": _wrong_list_length,
    "uniqueItems": _repeated_item,
}


def _enum_hint(path: JsonPath, instance: Any, options: list[str]) -> str:
    if hints.has_curly_quotes(instance):
        return hints.curly_quotes_hint(path[-1] if path else None, instance)
    word = str(instance).strip().lower()
    words = {"type": hints.ACTIVITY_TYPE_WORDS, "modality": hints.MODALITY_WORDS}.get(
        str(path[-1:] and path[-1]), {}
    )
    meant = words.get(word)
    close = (
        [meant] if meant in options else difflib.get_close_matches(str(instance), options, n=1, cutoff=0.5)
    )
    return f"did you mean `{close[0]}`?" if close else "choose one of: " + ", ".join(options)


def _key_hint(key: str, allowed: list[str], written: dict[str, Any]) -> str:
    meant = hints.key_for(key, allowed, written)
    if meant:
        return f"did you mean `{meant}`?"
    # 0.75: close enough for typos (`titel`, `duraton`), not for `colour` → `cohorts`
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.75)
    return f"did you mean `{close[0]}`?" if close else "allowed here: " + ", ".join(allowed)


# Patterns whose wrong values we can often turn into the right one.
_FIXES = {
    src.DATE: (hints.fixed_date, "write `{fixed}`"),
    src.TIME: (hints.fixed_time, "write `{fixed}`"),
    src.DURATION_PATTERN: (hints.fixed_duration, "write `{fixed}`"),
    src.URL: (hints.fixed_url, "add {added} in front: `{fixed}`"),
}


def _pattern_hint(last: JsonPath | None, instance: Any, pattern: str) -> str | None:
    if not isinstance(instance, str):
        return None
    if hints.has_curly_quotes(instance, anywhere=True):
        return hints.curly_quotes_hint(last[0] if last else None, instance)
    fix, template = _FIXES.get(pattern, (None, ""))
    fixed = fix(instance) if fix else None
    return template.format(fixed=fixed, added=fixed[: len(fixed) - len(instance.strip())]) if fixed else None


# What authors write for true and false, in English and Dutch.
_BOOLEAN_WORDS = {"yes", "no", "y", "n", "on", "off", "ja", "nee", "waar", "onwaar", "juist", "fout", "goed"}


def _type_hint(path: JsonPath, instance: Any, expected: Any) -> str | None:
    last = path[-1] if path else None
    unquoted = instance.strip().strip(hints.CURLY_QUOTES + "\"'") if isinstance(instance, str) else None
    written = f"{last}: {unquoted}" if isinstance(last, str) else unquoted
    if expected == "string":
        if isinstance(instance, dict) and len(instance) == 1:
            ((key, value),) = instance.items()
            quoted = json.dumps(f"{key}: {value}", ensure_ascii=False)
            example = f", {quoted}" if isinstance(value, str) else ""
            return f"a `: ` inside text makes YAML read a key: put the text in quotes{example}"
        if last == "duration" and isinstance(instance, (int, float)):
            return f"write the unit: `duration: {instance}m`"
        if isinstance(instance, float):
            return 'YAML reads this as a number (and drops trailing zeros): quote it, "{source}"'
        if isinstance(instance, (bool, int)):
            return 'quote it to keep it as text: "{source}"'
        if instance is None:
            return "write a value after the colon, or remove the key"
    if expected == "boolean" and unquoted is not None:
        if unquoted.lower() in ("true", "false"):
            return f"remove the quotes: `{last}: {unquoted.lower()}`"
        if unquoted.lower() in _BOOLEAN_WORDS:
            return f"write `true` or `false` (not `{instance}`)"
    if expected in ("integer", "number") and unquoted is not None and re.fullmatch(r"-?\d+", unquoted):
        return f"remove the quotes: `{written}`"
    if expected == "array" and isinstance(instance, str):
        return f"write a list: `[{instance}]` or one `- item` per line"
    if expected == "array" and isinstance(instance, dict):
        return "write a list: one `- ` item per line"
    if expected == "object" and instance is None:
        return "this mapping is empty: indent its keys under it, or remove it"
    return None


def _describe(path: JsonPath) -> str:
    if not path:
        return ""
    parts = []
    for step in path:
        parts.append(f"[{step}]" if isinstance(step, int) else f".{step}")
    return " at " + "".join(parts).lstrip(".")


def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
