"""Per-donor ask sheets on a small scenario whose right answer is known."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from allyplan import plan
from allyplan.plan_files import write_plan
from allyplan.report.asks import ASK_COLUMNS, ask_sheets, ask_summaries, askers
from tests.conftest import make


@pytest.fixture
def p(items: list[dict[str, Any]]) -> Any:
    return plan(make({
        "items": items,
        "stocks": [{"donor": "A", "item": "sys", "quantity": 5, "floor": 2, "lead_months": 1},
                   {"donor": "B", "item": "sys", "quantity": 5, "lead_months": 0},
                   {"donor": "A", "item": "alt", "quantity": 1, "floor": 1, "lead_months": 0}],
        "production": [{"line": "L", "producer": "B", "item": "gen", "from": "2027-01", "per_month": 10,
                        "unit_cost_eur": 1000, "lead_months": 0}],
        "funds": [{"fund": "pool", "donor": "A", "amount_eur": 30000},
                  {"fund": "pool", "donor": "B", "amount_eur": 10000}],
        "policies": [{"party": "B", "rule": "non-lethal-only"}],
        "needs": [{"id": "ad", "kind": "hold", "quantity": 3, "due": "2027-03", "accepts": "sys:1;alt:1"},
                  {"id": "power", "kind": "flow", "per_month": 10, "from": "2027-01", "to": "2027-03",
                   "accepts": "gen:1"}]}))


def test_each_donor_and_pooled_fund_gets_its_own_sheet(p: Any) -> None:
    sheets = ask_sheets(p)
    assert set(sheets) == {"A", "pool"}  # B sends nothing: its policy keeps its systems home
    a = sheets["A"]
    assert list(a.columns) == ASK_COLUMNS
    assert a["quantity"].sum() == 3 and set(a["item_name"]) == {"system"}
    assert set(a["source"]) == {"stock"} and set(a["paid_by"]) == {"own stock"}
    pool = sheets["pool"]
    assert pool["quantity"].sum() == 30 and set(pool["paid_by"]) == {"fund pool (pooled)"}
    assert set(pool["source"]) == {"line L (B)"}
    assert pool["ship_month"].tolist() == ["2027-01", "2027-02", "2027-03"]
    who = askers(p).set_index("key")
    assert who.at["pool", "kind"] == "pooled fund" and who.at["pool", "members"] == "A 75 %, B 25 %"


def test_why_names_the_binding_alternatives(p: Any) -> None:
    why = ask_sheets(p)["A"]["why"].iloc[0]
    assert "B may not send it (policy: non-lethal-only)" in why
    assert "A has nothing more to release above its readiness floor" in why  # its other item: all floor
    assert ask_sheets(p)["pool"]["why"].iloc[0] == "the only source in the scenario of what this need accepts"
    text = ask_summaries(p)
    assert text["A"].startswith("A (A) is asked for 3 system, worth EUR 300.0 m")
    assert "pays into pooled fund pool" in text["A"]
    assert text["pool"].startswith("fund pool (pooled: A 75 %, B 25 %) is asked for 30 generator")


def test_plan_folder_has_ask_files_and_a_workbook(p: Any, tmp_path: Path) -> None:
    out = write_plan(p, tmp_path / "plan", report=False)
    a = pd.read_csv(out / "asks" / "A.csv")
    assert list(a.columns[:3]) == ["Item id", "Item", "Quantity"] and a["Quantity"].sum() == 3
    assert (out / "asks" / "pool.csv").exists() and not (out / "asks" / "B.csv").exists()
    with pd.ExcelFile(out / "plan.xlsx") as xl:
        assert {"needs", "why short", "deliveries", "coverage", "burden", "ask A", "ask pool"} <= set(xl.sheet_names)
        assert pd.read_excel(xl, "ask pool")["Quantity"].sum() == 30


def test_pooled_fund_members_largest_share_first_ties_in_file_order() -> None:
    from types import SimpleNamespace

    from allyplan.report.asks import _pooled

    funds = pd.DataFrame({"fund": ["p", "solo", "p", "p", "q", "q", "z", "z"],
                          "donor": ["B", "A", "C", "A", "A", "B", "A", "B"],
                          "amount_eur": [10.0, 99.0, 30.0, 10.0, 1.0, 3.0, 0.0, 0.0]})
    fake = SimpleNamespace(scenario=SimpleNamespace(funds=funds))
    got = _pooled(fake).to_dict()  # type: ignore[arg-type]
    assert got == {"p": "C 60 %, B 20 %, A 20 %", "q": "B 75 %, A 25 %", "z": "A 0 %, B 0 %"}
    assert "solo" not in got  # a fund of one donor is that donor's own money
