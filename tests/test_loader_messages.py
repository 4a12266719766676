"""Messages for what editors and word processors slip into YAML files."""

from __future__ import annotations

from learning_journeys.validation.yaml_loader import load_yaml_bytes


def only(raw: bytes) -> tuple[str, int, int, str, str]:
    (d,) = load_yaml_bytes(raw, "x.yaml").diagnostics
    return d.code, d.line, d.column, d.message, d.hint or ""


def test_utf16_file_is_named_as_such() -> None:
    for raw in ("id: x\n".encode("utf-16"), "id: x\n".encode("utf-16-le"), "id: x\n".encode("utf-16-be")):
        code, line, _col, message, hint = only(raw)
        assert (code, line) == ("LJ003", 1)
        assert "UTF-16" in message and "UTF-8" in hint


def test_non_breaking_space_is_pointed_out() -> None:
    code, _line, _col, _message, hint = only("id: x\nweek:\u00a05\ntitle: y\n".encode())
    assert code == "LJ004"
    assert "line 2, column 6 holds an invisible non-breaking space" in hint


def test_unclosed_bracket_says_where_it_opened() -> None:
    code, line, _col, _message, hint = only(b"id: x\ntitle: [unclosed\nsummary: y\n")
    assert code == "LJ004" and line == 3
    assert "bracket opened at line 2, column 8" in hint


def test_line_separator_is_a_warning_and_keeps_the_data() -> None:
    result = load_yaml_bytes("id: x\nsummary: a\u2028b\n".encode(), "x.yaml")
    assert result.data == {"id": "x", "summary": "a b"}
    (d,) = result.diagnostics
    assert (d.code, d.severity.value, d.line, d.column) == ("LJ003", "warning", 2, 11)


def test_numbers_with_a_leading_zero_are_decimal_as_in_yaml_1_2() -> None:
    result = load_yaml_bytes(b"day: 08\nweek: 09\nx: 0755\n", "x.yaml")
    assert result.data == {"day": 8, "week": 9, "x": 755}
    assert result.diagnostics == []


def test_an_explicit_int_tag_on_text_is_a_clear_error() -> None:
    code, line, _col, message, hint = only(b"id: x\nweek: !!int soon\n")
    assert (code, line) == ("LJ014", 2)
    assert "'soon' is not a whole number" in message
    assert "remove `!!int`" in hint


def test_a_flood_of_schema_problems_is_cut_short() -> None:
    from learning_journeys.validation.schema_check import MAX_PROBLEMS_PER_FILE, schema_problems

    data = {"title": "x", "phases": {"pre": {}, "learn": {}, "post": {}}}
    data.update({f"unknown-{n}": n for n in range(5000)})
    problems = schema_problems(data)
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert "only the first are listed" in problems[-1].message
