"""A Kiel workbook read, checked and written in chunks gives exactly the ledger that reading it whole gives (both
backends), still all or nothing; the streamed sheet reader gives the cells calamine gives."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import select

from allyplan.ledger import Ledger, LedgerInputError
from allyplan.ledger import imports as imp
from allyplan.ledger import models as m
from allyplan.ledger.xlsx_stream import XlsxError, iter_blocks, iter_rows, sheet_names
from tests.databases import BACKENDS, database
from tests.ledger.test_kiel_releases import package_row

EXAMPLES = Path(__file__).parents[2] / "src" / "allyplan" / "data" / "examples" / "ledger"
SHEET = "Bilateral Assistance, MAIN DATA"


def _book(path: Path, extra: list[list[str]] = (), drop: set[str] = frozenset(),  # type: ignore[assignment]
          change: dict[str, str] | None = None) -> Path:
    """The current-layout fixture's rows, then ``extra`` rows (activity, sub-activity, donor, EUR value), on the
    main-data sheet of a workbook laid out like a release."""
    with (EXAMPLES / "kiel-current-layout.csv").open(encoding="utf-8") as f:
        table = list(csv.reader(f))
    header = table[0]
    col = {c: i for i, c in enumerate(header)}
    wb = Workbook()
    wb.active.title = "ReadMe"
    wb.active.append(["Kiel Institute for the World Economy - Ukraine Support Tracker"])
    ws = wb.create_sheet(SHEET)
    ws.append(header)
    for row in table[1:]:
        if row[1] in drop:
            continue
        if change and row[1] in change:
            row = list(row)
            row[col["tot_sub_activity_value_EUR"]] = change[row[1]]
        ws.append(row)
    for act, sub, donor, value in extra:
        ws.append(package_row(header, act, sub, donor, value))
    wb.save(path)
    return path


# a correction and a package whose rows fall in different chunks of 2 or 3 rows, and a negative adjustment
EXTRA = [["K1", "1", "Germany", "1000000.00"], ["K3", "1", "Poland", "300"], ["K1", "1", "Germany", "-250000.50"],
         ["K2", "1", "Norway", "-53280611.22"], ["K3", "1", "Poland", "200"], ["K3", "1", "Poland", "-100"]]


def _events(led: Ledger) -> list[tuple[Any, ...]]:
    e = m.events.c
    with led.engine.connect() as conn:
        rows = conn.execute(select(e.entry, e.seq, e.action, e.at, e.who, e.why, e.source, e.data)
                            .order_by(e.entry, e.seq)).all()
    return [tuple(r) for r in rows]


def _result(r: imp.ImportResult) -> tuple[Any, ...]:
    return (r.rows, r.added, sorted(r.revised), r.unchanged, r.absent, r.layout,
            sorted((w.row or 0, w.field or "", w.message) for w in r.warnings))


def _imports(url: str, books: list[tuple[Path, str]], chunk: int, monkeypatch: pytest.MonkeyPatch) \
        -> tuple[list[tuple[Any, ...]], pd.DataFrame, list[tuple[Any, ...]], pd.DataFrame]:
    monkeypatch.setattr(imp, "CHUNK_ROWS", chunk)
    monkeypatch.setattr(imp, "STREAM_BYTES", 0)  # these small books are streamed too
    with Ledger(url) as led:
        results = [_result(led.import_file(b, preset="kiel", at=at)) for b, at in books]
        assert led.verify().ok
        return results, led.entries(), _events(led), led.report("donor")


@pytest.mark.parametrize("backend", BACKENDS)
def test_chunked_import_gives_the_same_ledger_as_a_whole_read(backend: str, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    first = _book(tmp_path / "Release_28.xlsx", EXTRA)
    # a newer release: one row left out (absent), one value revised, a row added
    newer = _book(tmp_path / "Release_29.xlsx", [*EXTRA, ["K4", "2", "France", "42"]], drop={"C9"},
                  change={"C1": "290000000"})
    books = [(first, "2026-05-01"), (newer, "2026-07-01")]
    read_whole = imp.prepare_import
    out = {}
    for chunk in (0, 2, 3):
        if chunk:  # read in chunks: the whole-file reader is not used
            monkeypatch.setattr(imp, "prepare_import", lambda *a, **k: pytest.fail("read whole"))
        else:
            monkeypatch.setattr(imp, "prepare_import", read_whole)
        (tmp_path / f"db{chunk}").mkdir()
        with database(backend, tmp_path / f"db{chunk}", prefix=f"s{chunk}") as url:
            out[chunk] = _imports(url, books, chunk, monkeypatch)
    whole = out[0]
    assert whole[0][0][1] and whole[0][1][4], "the scenario adds entries, and finds one absent"
    for chunk in (2, 3):
        results, entries, events, report = out[chunk]
        assert results == whole[0]
        pd.testing.assert_frame_equal(entries, whole[1])
        assert events == whole[2]
        pd.testing.assert_frame_equal(report, whole[3])


def test_a_correction_listed_before_what_it_corrects_is_read_whole(ledger: Ledger, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    book = _book(tmp_path / "Release_28.xlsx", [["K1", "1", "Germany", "-250000.50"],
                                                 *[[f"P{i}", "1", "Poland", "1"] for i in range(5)],
                                                 ["K1", "1", "Germany", "1000000.00"]])
    monkeypatch.setattr(imp, "CHUNK_ROWS", 2)
    monkeypatch.setattr(imp, "STREAM_BYTES", 0)
    ledger.import_file(book, preset="kiel", at="2026-05-01")
    e = ledger.entries().set_index("key")
    assert e.loc["kiel:K1/1#correction1", "corrects"] == e.loc["kiel:K1/1", "entry"]


def test_a_problem_in_the_last_chunk_keeps_nothing_and_every_problem_is_reported(
        ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # K5/1 twice is a package (K5/1#1, K5/1#2); the id "K5/1#2" of its own collides with its second part
    rows = [["K5", "1", "Germany", "1"], *[[f"P{i}", "1", "Poland", "1"] for i in range(5)],
            ["K5", "1", "Germany", "2"], ["K5/1#2", "", "Germany", "3"], ["K6", "1", "Atlantis", "4"]]
    book = _book(tmp_path / "Release_28.xlsx", rows)
    problems = {}
    monkeypatch.setattr(imp, "STREAM_BYTES", 0)
    for chunk in (0, 2):
        monkeypatch.setattr(imp, "CHUNK_ROWS", chunk)
        with pytest.raises(LedgerInputError) as err:
            ledger.import_file(book, preset="kiel", at="2026-05-01")
        problems[chunk] = sorted((p.row or 0, p.field or "", p.message) for p in err.value.problems)
        assert len(ledger.entries()) == 0  # nothing kept, though the first chunks were written
    assert problems[2] == problems[0]
    fields = {(f, "more than one row" in msg) for _, f, msg in problems[0]}
    assert ("key", True) in fields and any("Atlantis" in msg for *_, msg in problems[0])


def test_streamed_cells_are_the_cells_read_whole(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "ReadMe"
    ws = wb.create_sheet("Data")
    ws.append(["id", " name ", "value", "when", "flag", "", "note"])
    ws.append([1, "  Germany", 53280611.22, datetime(2025, 6, 12), True, None, "=not a formula"])
    ws.append([])
    ws.append([2.0, "France", -1e20, "2025-06-12", False, None, None])
    ws.cell(row=6, column=9, value="far")  # a gap of a row and of columns
    path = tmp_path / "cells.xlsx"
    wb.save(path)
    assert sheet_names(path) == ["ReadMe", "Data"]
    streamed = [r for block in iter_rows(path, "Data", chunk=2) for r in block]
    wb_rows = imp._pick_sheet(path, "Data", ())[1]
    whole = [[v for v in r] for r in wb_rows.itertuples(index=False)]
    width = max(len(r) for r in whole)
    assert len(streamed) == len(whole) == 6
    assert [[*r, *[""] * (width - len(r))] for r in streamed] == whole
    assert streamed[1][:5] == ["1", "Germany", "53280611.22", "2025-06-12", "True"]
    # the fast scan gives the same cells (rows that have cells), and only the columns asked for
    blocks = [(int(n), list(r)) for rows, cells in iter_blocks(path, "Data", read=64)
              for n, r in zip(rows, cells, strict=True)]
    assert [n for n, _ in blocks] == [1, 2, 4, 6]
    assert [r + [""] * (width - len(r)) for _, r in blocks] == [whole[n - 1] for n, _ in blocks]
    only = [[v for v in r] for _, cells in iter_blocks(path, "Data", only=[1, 8]) for r in cells]
    only = [r[:max((i + 1 for i, v in enumerate(r) if v), default=0)] for r in only]
    assert only == [["", "name"], ["", "Germany"], ["", "France"], ["", "", "", "", "", "", "", "", "far"]]
    with pytest.raises(XlsxError):
        list(iter_rows(path, "Nope"))
    (tmp_path / "bad.xlsx").write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(XlsxError):
        sheet_names(tmp_path / "bad.xlsx")


def test_a_large_streamed_sheet_matches_read_table(tmp_path: Path) -> None:
    """The chunks of the main-data sheet, put together, are what read_table gives for the whole sheet."""
    book = _book(tmp_path / "Release_28.xlsx", EXTRA)
    whole, _ = imp.read_table(book, None, imp.PRESETS["kiel"])
    stream = imp._kiel_stream(book, None, 4, datetime(2026, 5, 1).date())
    assert stream is not None and stream.sheet == SHEET
    parts = pd.concat(list(stream.frames()), ignore_index=True)
    named = [c for c in whole.columns if c != ""]
    pd.testing.assert_frame_equal(parts[named], whole[named])


def test_a_workbook_of_a_release_s_size_is_read_whole_and_a_large_one_streamed(ledger: Ledger, tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    book = _book(tmp_path / "Release_28.xlsx", EXTRA)
    streamed: list[Path] = []
    stream = imp._kiel_stream
    monkeypatch.setattr(imp, "_kiel_stream", lambda p, *a: streamed.append(p) or stream(p, *a))
    ledger.import_file(book, preset="kiel", at="2026-05-01")
    assert streamed == []  # far below STREAM_BYTES: read whole
    newer = _book(tmp_path / "Release_29.xlsx", [*EXTRA, ["K4", "2", "France", "42"]])
    monkeypatch.setattr(imp, "STREAM_BYTES", min(book.stat().st_size, newer.stat().st_size))
    ledger.import_file(newer, preset="kiel", at="2026-07-01")
    assert streamed == [newer]


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[list[int] | None]:
    """The sheet reads of an import (the columns each read asked for)."""
    calls: list[list[int] | None] = []
    blocks = imp.iter_blocks

    def counted(*a: Any, **k: Any) -> Any:
        calls.append(k.get("only"))
        return blocks(*a, **k)

    monkeypatch.setattr(imp, "iter_blocks", counted)
    return calls


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_file_whose_ids_do_not_repeat_across_chunks_is_read_once(backend: str, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # a package (K3/1 twice) and a correction (K1/1) kept within one chunk of 3 rows
    extra = [["K1", "1", "Germany", "1000000.00"], ["K1", "1", "Germany", "-250000.50"], ["X1", "1", "Poland", "5"],
             ["K3", "1", "Poland", "300"], ["K3", "1", "Poland", "200"], ["X2", "1", "Poland", "5"]]
    rows = len(pd.read_csv(EXAMPLES / "kiel-current-layout.csv"))
    pad = [[f"P{i}", "1", "Poland", "1"] for i in range((3 - rows % 3) % 3)]  # K1 starts a chunk
    book = _book(tmp_path / "Release_28.xlsx", [*pad, *extra])
    out = {}
    for chunk in (0, 3):
        calls = _reads(monkeypatch)
        (tmp_path / f"db{chunk}").mkdir()
        with database(backend, tmp_path / f"db{chunk}", prefix=f"o{chunk}") as url:
            out[chunk] = _imports(url, [(book, "2026-05-01")], chunk, monkeypatch)
        if chunk:
            assert calls == [None], "one pass over the sheet, no first pass over the ids"
    assert out[3][0] == out[0][0]
    pd.testing.assert_frame_equal(out[3][1], out[0][1])
    assert out[3][2] == out[0][2]
    e = out[3][1].set_index("key")
    assert e.loc["kiel:K1/1#correction1", "corrects"] == e.loc["kiel:K1/1", "entry"]
    assert {"kiel:K3/1#1", "kiel:K3/1#2"} <= set(e.index)


def test_an_id_repeated_across_chunks_undoes_the_single_pass_and_reads_again(ledger: Ledger, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    book = _book(tmp_path / "Release_28.xlsx", EXTRA)
    monkeypatch.setattr(imp, "STREAM_BYTES", 0)
    monkeypatch.setattr(imp, "CHUNK_ROWS", 2)
    calls = _reads(monkeypatch)
    r = ledger.import_file(book, preset="kiel", at="2026-05-01")
    assert calls[0] is None and calls[1] is not None and calls[2] is None  # single pass, first pass, second pass
    assert len(r.added) == len(ledger.entries()) == r.rows - 0  # nothing of the undone pass is left
    assert ledger.verify().ok
    keys = ledger.entries()["key"].tolist()
    assert len(keys) == len(set(keys)) and "kiel:K1/1#correction1" in keys


def test_rollups_of_a_chunked_import_are_those_rebuilt_from_the_states(ledger: Ledger, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from allyplan.ledger.rollups import rebuild_rollups

    book = _book(tmp_path / "Release_28.xlsx", EXTRA)
    monkeypatch.setattr(imp, "STREAM_BYTES", 0)
    monkeypatch.setattr(imp, "CHUNK_ROWS", 1)  # more chunks than the 8 whose rollups are kept apart
    ledger.import_file(book, preset="kiel", at="2026-05-01")
    key = [*m.ROLLUP_KEY]

    def rollups() -> pd.DataFrame:
        with ledger.engine.connect() as conn:
            df = pd.DataFrame([tuple(r) for r in conn.execute(select(m.rollups))],
                              columns=[c.name for c in m.rollups.columns])
        return df.drop(columns=[c for c in df.columns if c not in (*key, "n", "value_eur", "delivered_eur",
                                                                     "unvalued", "delivered_unknown")]) \
            .sort_values(key).reset_index(drop=True)

    written = rollups()
    assert len(written) > 0
    with ledger.engine.begin() as conn:
        rebuild_rollups(conn)
    pd.testing.assert_frame_equal(written, rollups(), check_dtype=False)


@settings(deadline=None)  # the machine is shared: no time limit per example
@given(st.lists(st.lists(st.integers(0, 2**64 - 1) | st.integers(0, 20), max_size=30), max_size=12),
       st.lists(st.integers(0, 2**64 - 1) | st.integers(0, 20), max_size=30))
def test_the_hash_set_holds_what_was_added(parts: list[list[int]], probe: list[int]) -> None:
    s = imp._HashSet()
    for p in parts:
        s.add(np.array(p, dtype=np.uint64))
    every = {x for p in parts for x in p}
    assert s.contains(np.array(probe, dtype=np.uint64)).tolist() == [x in every for x in probe]
    assert sorted(set(s.values().tolist())) == sorted(every)


def test_a_block_s_rows_are_numbered_once_per_row_in_or_out_of_order() -> None:
    """Row numbers are read where they change; rows out of order (no spreadsheet writes them so, but the format
    allows it) are still put in order."""
    from allyplan.ledger import xlsx_stream as xs

    def cells(xml: str) -> tuple[list[int], list[list[str]]]:
        rows, out = xs._typed_block(xs._CELL.findall(xml), np.array([], dtype=object), set(), {})
        return rows.tolist(), out.tolist()

    inline = '<c r="{0}" t="inlineStr"><is><t>{1}</t></is></c>'
    ordered = ('<row r="1">' + inline.format("A1", "a") + '<c r="B1"><v>2</v></c></row><row r="4">'
               + inline.format("B4", "b") + "</row>")
    assert cells(ordered) == ([1, 4], [["a", "2"], ["", "b"]])
    shuffled = ('<row r="7">' + inline.format("A7", "late") + '</row><row r="2"><c r="A2"><v>1.5</v></c>'
                + inline.format("C2", "x") + "</row>")
    assert cells(shuffled) == ([2, 7], [["1.5", "", "x"], ["late", "", ""]])


def test_rich_text_is_not_a_cell_without_a_reference() -> None:
    from allyplan.ledger.xlsx_stream import _odd

    rich = '<c r="A1" t="inlineStr"><is><r><rPr><color rgb="FFFF0000"/><charset val="1"/></rPr><t>red</t></r></is></c>'
    assert not _odd(rich)
    assert _odd('<c r="A1"><v>1</v></c><c><v>2</v></c>')
    assert _odd('<c s="1" r="A1"><v>1</v></c>')
