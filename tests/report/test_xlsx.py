"""The workbook writer: what is written is what a spreadsheet reads back, with either reader pandas uses."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from allyplan.report.xlsx import column_letter, write_xlsx


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 51, 52, 701, 702)] == \
        ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]


def test_values_read_back_as_written(tmp_path: Path) -> None:
    df = pd.DataFrame({
        "int": [1, -2, 3_000_000_000],
        "float": [1.5, np.nan, 1e-5],
        "text": ["x & y", "=1+1", None],
        "mixed": pd.Series([7, "a\x01b", 2.5], dtype=object),
        "flag": [True, False, True],
        "inf": [np.inf, 0.1, -np.inf],
    })
    path = tmp_path / "t.xlsx"
    write_xlsx(path, {"one": df, "no rows": df.iloc[:0], "a&b <c>": pd.DataFrame()})
    ws = load_workbook(path)["one"]
    assert [c.value for c in ws[1]] == ["int", "float", "text", "mixed", "flag", "inf"]
    assert [c.value for c in ws[2]] == [1, 1.5, "x & y", 7, True, None]
    # a text that looks like a formula stays text; characters XML cannot hold are dropped; NaN is an empty cell
    assert [c.value for c in ws[3]] == [-2, None, "=1+1", "ab", False, 0.1]
    assert [c.data_type for c in ws[3]][2] == "s"
    assert [c.value for c in ws[4]] == [3_000_000_000, 1e-5, None, 2.5, True, None]
    assert ws.freeze_panes == "A2"
    for engine in ("openpyxl", "calamine"):
        book = pd.read_excel(path, sheet_name=None, engine=engine)
        assert list(book) == ["one", "no rows", "a&b <c>"]
        assert book["no rows"].columns.tolist() == df.columns.tolist() and book["no rows"].empty
        assert book["one"]["float"].tolist()[::2] == [1.5, 1e-5]


@pytest.mark.parametrize("name", ["", "a" * 32, "a/b", "x[1]"])
def test_bad_sheet_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="sheet name"):
        write_xlsx(tmp_path / "t.xlsx", {name: pd.DataFrame({"a": [1]})})


def test_sheet_names_differing_only_in_case_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unique"):
        write_xlsx(tmp_path / "t.xlsx", {"Ask": pd.DataFrame(), "ask": pd.DataFrame()})


_TEXT = st.text(st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFF), max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(_TEXT, min_size=1, max_size=8),
       numbers=st.lists(st.floats(allow_nan=False, allow_infinity=False, width=64), min_size=1, max_size=8))
def test_any_text_and_number_round_trips(tmp_path: Path, texts: list[str], numbers: list[float]) -> None:
    n = max(len(texts), len(numbers))
    df = pd.DataFrame({"t": (texts * n)[:n], "x": (numbers * n)[:n]})
    path = tmp_path / "p.xlsx"
    write_xlsx(path, {"s": df})
    ws = load_workbook(path)["s"]
    got = [(r[0].value, r[1].value) for r in ws.iter_rows(min_row=2, max_row=n + 1)]
    legal = ["".join(ch for ch in t if ch in "\t\n\r" or ord(ch) >= 0x20) for t in df["t"]]
    assert [g[0] for g in got] == legal
    assert [g[1] for g in got] == df["x"].tolist()
