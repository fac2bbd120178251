"""A plan on disk: written all at once, read back as written, and folders that cannot hold a plan refused
before any work is done."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from allyplan import AllyplanError, plan
from allyplan.plan_files import (
    PLAN_COLUMNS,
    PLAN_TABLES,
    _file_name,
    _finite,
    check_out_dir,
    read_plan_tables,
    write_plan,
)
from tests.conftest import make


@pytest.fixture(scope="module")
def small_plan() -> Any:
    items = [{"id": "gen", "name": "generator", "category": "energy", "kind": "equipment", "lethal": "false",
              "unit_value_eur": "10000"}]
    return plan(make({"items": items,
                      "stocks": [{"donor": "A", "item": "gen", "quantity": 10, "floor": 2, "lead_months": 1}],
                      "needs": [{"id": "n", "kind": "hold", "quantity": 12, "due": "2027-03", "accepts": "gen:1"}]}))


def test_read_back_what_was_written(tmp_path: Path, small_plan: Any) -> None:
    out = write_plan(small_plan, tmp_path / "plan", report=False, workbook=False)
    assert sorted(f.name for f in out.iterdir()) == ["asks", "baseline.csv", "burden.csv", "coverage.csv",
                                                     "deliveries.csv", "shortfalls.csv", "summary.json"]
    t = read_plan_tables(out)
    assert set(t) == set(PLAN_TABLES)
    for name, cols in PLAN_COLUMNS.items():
        assert set(cols) <= set(t[name].columns)
    d = t["deliveries"]
    assert d[["donor", "item", "source", "fund", "need"]].values.tolist() == [["A", "gen", "stock", "", "n"]]
    ship, arrive = d.at[0, "ship_month"], d.at[0, "arrive_month"]  # months as YYYY-MM, one month of lead time
    assert arrive <= "2027-03" and (ship, arrive) in [("2027-01", "2027-02"), ("2027-02", "2027-03")]
    assert d["quantity"].tolist() == [8] and d["value_eur"].tolist() == [80000]
    assert t["coverage"].query("month == '2027-06'")["short"].tolist() == [4]  # 12 needed, 8 releasable
    summary = json.loads((out / "summary.json").read_text())
    assert summary["deliveries"] == 1 and set(summary["timings_s"]) >= {"build", "solve", "write"}


def test_an_earlier_plan_is_replaced_whole(tmp_path: Path, small_plan: Any) -> None:
    out = write_plan(small_plan, tmp_path / "plan", report=False, workbook=False)
    (out / "old-note.txt").write_text("from the earlier plan")
    write_plan(small_plan, out, report=False, workbook=False)
    assert not (out / "old-note.txt").exists()
    assert [x.name for x in tmp_path.iterdir()] == ["plan"]  # no temporary or old folder left behind


def test_folders_that_cannot_hold_a_plan_are_refused(tmp_path: Path, small_plan: Any) -> None:
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(AllyplanError, match="is a file: give --out a folder"):
        check_out_dir(f)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "thesis.docx").write_text("keep me")
    with pytest.raises(AllyplanError, match="exists and is not a plan folder: choose another --out or empty it"):
        write_plan(small_plan, busy)
    assert [x.name for x in busy.iterdir()] == ["thesis.docx"]
    check_out_dir(tmp_path / "new")  # a folder that does not exist yet is fine
    (tmp_path / "empty").mkdir()
    check_out_dir(tmp_path / "empty")


def test_json_has_no_nan_or_infinity() -> None:
    got = _finite({"a": float("nan"), "b": [np.float64(1.5), np.inf, np.int64(3)], "c": (2.0, -math.inf), "d": "x"})
    assert got == {"a": None, "b": [1.5, None, 3], "c": [2.0, None], "d": "x"}
    assert json.dumps(got, allow_nan=False)


@pytest.mark.parametrize(("key", "name"), [("DE", "DE"), ("pool-1", "pool-1"), ("a/b c", "a_b_c"), ("", "_"),
                                           ("..", ".."), ("fund:x", "fund_x")])
def test_ask_sheet_file_names_are_safe(key: str, name: str) -> None:
    assert _file_name(key) == name
    assert "/" not in _file_name(key)


def test_a_number_column_with_blanks_reads_as_numbers(tmp_path: Path, small_plan: Any) -> None:
    out = write_plan(small_plan, tmp_path / "plan", report=False, workbook=False)
    b = pd.read_csv(out / "burden.csv", dtype=str, keep_default_na=False)
    b.loc[0, "gdp_share"] = ""
    b.to_csv(out / "burden.csv", index=False)
    t = read_plan_tables(out)["burden"]
    assert t["gdp_share"].dtype == float and math.isnan(t["gdp_share"].iloc[0])
