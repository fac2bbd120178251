"""Terminal tables never cut a number, identifier or date: a property over random tables and terminal widths."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from allyplan.output import Column, TableData, emit

KINDS = st.sampled_from(["id", "number", "date", "text"])
HEADERS = st.sampled_from(["need", "delivered", "value EUR", "status", "pledged EUR m", "% of GDP", "met by", "qty"])
CELL = {"id": st.from_regex(r"[a-z]{2,10}(-[a-z0-9]{2,8}){0,2}", fullmatch=True),
        "number": st.integers(0, 10**9).map(lambda n: f"{n:,}"),
        "date": st.dates().map(str),
        "text": st.lists(st.from_regex(r"[A-Za-z]{1,9}", fullmatch=True), min_size=1, max_size=12).map(" ".join)}


@st.composite
def tables(draw: st.DrawFn) -> tuple[TableData, int]:
    cols = [Column(draw(HEADERS), draw(KINDS), optional=draw(st.booleans())) for _ in range(draw(st.integers(1, 8)))]
    rows = [[draw(CELL[c.kind]) for c in cols] for _ in range(draw(st.integers(1, 6)))]
    # the narrowest terminal the columns that must stay can fit in: values whole, headers wrapped to 4 characters
    fixed = sum(max(max(len(r[i]) for r in rows), min(len(c.header), 4)) + 3
                for i, c in enumerate(cols) if c.kind != "text" and not c.optional)
    text = sum(12 + 3 for c in cols if c.kind == "text" and not c.optional)
    width = draw(st.integers(min(max(fixed + text + 1, 20), 200), 200))
    return TableData("t", cols, rows), width


@settings(max_examples=150, deadline=None)
@given(tables())
def test_no_number_id_or_date_is_ever_cut(case: tuple[TableData, int]) -> None:
    data, width = case
    con = Console(width=width, file=io.StringIO(), color_system=None, record=True)
    emit(data, console=con)
    text = con.export_text()
    assert max(len(line) for line in text.splitlines()) <= width
    for r in data.rows:
        for c, cell in zip(data.columns, r, strict=True):
            if not c.optional and c.kind != "text":
                assert cell in text, f"{cell!r} ({c.kind}) is cut at width {width}:\n{text}"


def test_long_tables_say_how_many_more_and_where() -> None:
    data = TableData("t", [Column("n", "number")], [[str(i)] for i in range(50)], limit=10, more_in="plan/x.csv")
    con = Console(width=80, file=io.StringIO(), color_system=None, record=True)
    emit(data, console=con)
    assert "… and 40 more in plan/x.csv" in con.export_text()


def test_csv_and_json_carry_every_row_and_column(capsys: object) -> None:
    data = TableData("t", [Column("need", "id"), Column("note", "text", optional=True)],
                     [["a", "x y"], ["b", "z"]], limit=1)
    emit(data, "csv")
    emit(data, "json")
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert out.startswith("need,note\na,x y\nb,z\n")
    assert json.loads(out.split("\n", 3)[3]) == [{"need": "a", "note": "x y"}, {"need": "b", "note": "z"}]


def test_optional_columns_go_first_on_a_narrow_terminal_and_are_named() -> None:
    data = TableData("t", [Column("need", "id"), Column("priority", "number", optional=True),
                           Column("covered", "number"), Column("main limit", "id", optional=True)],
                     [["area-air-defence", "5", "21", "floor-of-a-very-long-donor-name"]])
    con = Console(width=50, file=io.StringIO(), color_system=None, record=True)
    emit(data, console=con)
    text = " ".join(con.export_text().split())
    assert "area-air-defence" in text and "priority" in text and "floor-of-a-very-long-donor-name" not in text
    assert "(not shown at this width: main limit; use --format csv for every column)" in text


def test_records_are_what_csv_and_json_print(capsys: object) -> None:
    data = TableData("t", [Column("covered %", "number", key="covered_pct")], [["84"]],
                     records=[{"covered_pct": 84.2, "extra": "kept"}])
    emit(data, "csv")
    emit(data, "json")
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert out.startswith("covered_pct,extra\n84.2,kept\n")
    assert json.loads(out.split("\n", 2)[2]) == [{"covered_pct": 84.2, "extra": "kept"}]


def test_an_unknown_format_names_the_ones_there_are() -> None:
    import pytest

    with pytest.raises(ValueError, match="unknown format 'xml'; use one of table, csv, json"):
        emit(TableData("t", [Column("a")], [["1"]]), "xml")
