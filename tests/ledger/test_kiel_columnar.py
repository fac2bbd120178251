"""The columnar sheet reader (calamine through fastexcel, a block of rows at a time) gives the cells the streamed
reader gives, block boundaries anywhere; a sheet it cannot cut falls back to the streamed reader; the read-ahead
thread hands on its errors and stops when the import stops early."""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from allyplan.ledger import imports as imp
from allyplan.ledger.xlsx_columns import iter_column_blocks, supported
from allyplan.ledger.xlsx_stream import iter_blocks
from tests.ledger.test_kiel_stream import EXTRA, SHEET, _book

pytestmark = pytest.mark.skipif(not supported(), reason="fastexcel/pyarrow not installed")


def _columnar(path: Path, sheet: str, after: int, cols: list[int], **kw: int) -> tuple[np.ndarray, np.ndarray]:
    rows, cells = [], []
    for r, cs in iter_column_blocks(path, sheet, after, cols, **kw):
        rows.append(r)
        cells.append(np.column_stack([c.fill_null("").to_numpy(zero_copy_only=False) for c in cs]))
    r_all, c_all = np.concatenate(rows), np.concatenate(cells)
    full = (c_all != "").any(axis=1)
    return r_all[full], c_all[full]


def _streamed(path: Path, sheet: str, after: int, cols: list[int]) -> tuple[np.ndarray, np.ndarray]:
    rows, cells = [], []
    width = max(cols) + 1
    for r, c in iter_blocks(path, sheet):
        if c.shape[1] < width:
            c = np.hstack([c, np.full((len(c), width - c.shape[1]), "", dtype=object)])
        rows.append(r)
        cells.append(c[:, cols])
    r_all, c_all = np.concatenate(rows), np.concatenate(cells)
    keep = (r_all > after) & (c_all != "").any(axis=1)
    return r_all[keep], c_all[keep]


def _cells_book(path: Path) -> Path:
    wb = Workbook()
    wb.active.title = "ReadMe"
    ws = wb.create_sheet("Data")
    ws.append(["a title row above the header"])
    ws.append(["", "id", " name ", "value", "when", "count", "note"])
    ws.append([None, 1, "  Germany", 53280611.22, datetime(2025, 6, 12), 12.0, "a & b <c>"])
    ws.append([])
    ws.append([None, 2.0, "France", -250000.5, "2025-06-12", "undisclosed", None])
    ws.append([None, "K3", "Poland", "300.50", datetime(2024, 1, 31, 13, 5), -3, "  "])
    for i in range(40):  # enough rows for several blocks of a few rows
        ws.append([None, f"A{i}", "Norway" if i % 2 else "", i * 1.5, None, i, "x" * (i % 7)])
    ws.cell(row=60, column=9, value="beyond the header")  # a cell in a column not read
    path = path / "cells.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("rows,size", [(3, 1 << 20), (1000, 300), (7, 2000), (25_000, 4 << 20)])
def test_columnar_cells_are_the_streamed_cells_whatever_the_blocks(tmp_path: Path, rows: int, size: int) -> None:
    book = _cells_book(tmp_path)
    cols = [1, 2, 3, 4, 5, 6]
    got_rows, got = _columnar(book, "Data", 2, cols, rows=rows, size=size)
    want_rows, want = _streamed(book, "Data", 2, cols)
    assert got_rows.tolist() == want_rows.tolist()
    assert got.tolist() == want.tolist()
    assert got[0].tolist() == ["1", "Germany", "53280611.22", "2025-06-12", "12", "a & b <c>"]
    assert got[2].tolist() == ["K3", "Poland", "300.50", "2024-01-31", "-3", ""]


def test_the_kiel_fixture_read_columnar_is_read_table_s(tmp_path: Path) -> None:
    """The chunks of the main-data sheet read columnar, put together, are what read_table gives."""
    book = _book(tmp_path / "Release_28.xlsx", EXTRA)
    whole, _ = imp.read_table(book, None, imp.PRESETS["kiel"])
    stream = imp._kiel_stream(book, None, 4, datetime(2026, 5, 1).date())
    assert stream is not None and stream.sheet == SHEET
    parts = pd.concat(list(stream.frames(columnar=True)), ignore_index=True)
    named = [c for c in whole.columns if c != ""]
    pd.testing.assert_frame_equal(parts[named], whole[named])
    # only the columns the preset reads, the same rows
    reads = pd.concat(list(stream.frames(reads=imp.KIEL_READS, columnar=True)), ignore_index=True)
    assert "aid_type_specific" not in reads.columns and "Source of Aid 1" in reads.columns
    pd.testing.assert_frame_equal(reads, whole[list(reads.columns)])


def _unnumbered(src: Path, dst: Path) -> Path:
    """``src`` with its rows' numbers taken out of the main-data sheet (valid: rows then follow one another)."""
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = z.read(info.filename)
            if info.filename == "xl/worksheets/sheet2.xml":
                import re

                data = re.sub(rb'<row r="\d+"', b"<row", data)
                data = re.sub(rb'<c r="[A-Z]+\d+"', b"<c", data)
            out.writestr(info, data)
    return dst


def test_a_sheet_whose_rows_are_not_numbered_is_read_streamed(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    book = _unnumbered(_book(tmp_path / "Release_28.xlsx", EXTRA), tmp_path / "Release_28u.xlsx")
    whole, _ = imp.read_table(book, None, imp.PRESETS["kiel"])
    stream = imp._kiel_stream(book, None, 4, datetime(2026, 5, 1).date())
    assert stream is not None
    used: list[str] = []
    blocks = imp._Stream.blocks
    monkeypatch.setattr(imp._Stream, "blocks", lambda self, *a: used.append("streamed") or blocks(self, *a))
    parts = pd.concat(list(stream.frames(columnar=True)), ignore_index=True)
    assert used == ["streamed"]
    named = [c for c in whole.columns if c != ""]
    pd.testing.assert_frame_equal(parts[named], whole[named])


def test_read_ahead_hands_on_errors_and_stops_when_left() -> None:
    def failing() -> Iterator[int]:
        yield 1
        raise ValueError("a damaged block")

    got = []
    with pytest.raises(ValueError, match="a damaged block"):
        for x in imp._ahead(failing()):
            got.append(x)
    assert got == [1]

    made: list[int] = []

    def endless() -> Iterator[int]:
        i = 0
        while True:
            made.append(i)
            yield i
            i += 1

    it = imp._ahead(endless())
    assert [next(it), next(it)] == [0, 1]
    it.close()  # the import stopped (a repeated id, a problem): the thread ends, having made at most two more
    assert not any(t.name == "xlsx-read-ahead" and t.is_alive() for t in threading.enumerate())
    assert len(made) <= 4
