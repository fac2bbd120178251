"""The statistics layer on small scenarios whose right answer is known."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from allyplan import plan
from allyplan.report.stats import (
    NEVER,
    NOT_IN_HORIZON,
    ON_TIME,
    arrivals_by_need,
    coverage_by_priority,
    coverage_matrix,
    deliveries_by_month,
    fmt_eur,
    fmt_pct,
    fmt_quantity,
    need_summary,
    shortfall_summary,
    with_item_names,
)
from tests.conftest import make


def _summary(items: list[dict[str, Any]], stocks: list[dict[str, Any]], needs: list[dict[str, Any]],
             horizon: int = 6) -> Any:
    p = plan(make({"items": items, "stocks": stocks, "needs": needs}, horizon=horizon))
    return p, need_summary(p).set_index("need")


def test_met_by_says_when_a_need_is_met_or_that_it_is_not(items: list[dict[str, Any]]) -> None:
    stocks = [{"donor": "A", "item": "gen", "quantity": 40, "lead_months": 0},
              {"donor": "B", "item": "sys", "quantity": 2, "lead_months": 2},
              {"donor": "A", "item": "alt", "quantity": 1, "lead_months": 0}]
    needs = [
        # flow: 30 a month over 2027-01..2027-03, only 40 in all: short up to the window's end
        {"id": "ammo", "kind": "flow", "per_month": 30, "from": "2027-01", "to": "2027-03", "accepts": "gen:1"},
        # hold: 2 systems due 2027-01, they arrive 2027-03 (two months late) and stay
        {"id": "late", "kind": "hold", "quantity": 2, "due": "2027-01", "accepts": "sys:1"},
        # hold: 3 wanted, 1 exists anywhere: still short at the end of the plan
        {"id": "short", "kind": "hold", "quantity": 3, "due": "2027-02", "accepts": "alt:1"},
    ]
    _, ns = _summary(items, stocks, needs)
    assert ns.at["ammo", "met_by"] == NEVER
    assert ns.at["ammo", "covered_pct"] == pytest.approx(100 * 40 / 90)
    assert ns.at["late", "met_by"] == "2027-03"
    assert ns.at["short", "met_by"] == NOT_IN_HORIZON
    assert ns.at["short", "in_words"].startswith("1 of 3 in service by 2027-02; 2 short")
    assert "Still 2 short at the end of the plan (2027-06)" in ns.at["short", "in_words"]
    assert "All 2 in service by 2027-03." in ns.at["late", "in_words"]
    assert ns.at["ammo", "in_words"].startswith("40 of 90 over 2027-01 to 2027-03 (44 %); short in")


def test_a_flow_need_short_early_is_met_from_the_month_after(items: list[dict[str, Any]]) -> None:
    stocks = [{"donor": "A", "item": "gen", "quantity": 100, "lead_months": 1}]
    needs = [{"id": "ammo", "kind": "flow", "per_month": 10, "from": "2027-01", "to": "2027-04",
              "accepts": "gen:1"},
             {"id": "fine", "kind": "hold", "quantity": 5, "due": "2027-03", "accepts": "gen:1"}]
    _, ns = _summary(items, stocks, needs)
    assert ns.at["ammo", "met_by"] == "2027-02"  # the first month cannot be reached (lead time 1)
    assert ns.at["fine", "met_by"] == ON_TIME
    assert ns.at["fine", "in_words"] == "5 of 5 in service by 2027-03, as required."
    assert "every month covered from 2027-02" in ns.at["ammo", "in_words"]


def test_texts_use_item_names_not_ids(items: list[dict[str, Any]]) -> None:
    stocks = [{"donor": "A", "item": "sys", "quantity": 10, "floor": 7, "lead_months": 0}]
    p, ns = _summary(items, stocks, [{"id": "n", "kind": "hold", "quantity": 5, "due": "2027-01",
                                      "accepts": "sys:1"}])
    assert ns.at["n", "in_words"] == ("3 of 5 in service by 2027-01; 2 short: A keeps 7 system at home "
                                      "(readiness floor). Still 2 short at the end of the plan (2027-06).")
    assert "A keeps 7 system at home" in shortfall_summary(p)["limit"].iloc[0]


def test_coverage_by_priority_averages_needs_not_units(items: list[dict[str, Any]]) -> None:
    stocks = [{"donor": "A", "item": "gen", "quantity": 1000, "lead_months": 0}]
    needs = [{"id": "big", "kind": "hold", "quantity": 1000, "due": "2027-01", "accepts": "gen:1", "priority": 2},
             {"id": "unmet", "kind": "hold", "quantity": 1, "due": "2027-01", "accepts": "alt:1", "priority": 2}]
    p, _ = _summary(items, stocks, needs, horizon=2)
    t = coverage_by_priority(p)
    assert list(t.index) == ["priority 2 (2 needs)"]
    assert t.iloc[0].tolist() == pytest.approx([50.0, 50.0])  # not 1000 / 1001



@given(st.floats(0, 100, allow_nan=False))
def test_a_share_short_of_all_never_reads_100(pct: float) -> None:
    text = fmt_pct(pct)
    assert text.endswith(" %")
    assert (text == "100 %") == (pct >= 100 - 1e-9)
    assert abs(int(text[:-2]) - pct) <= 1 or pct > 99


@given(st.floats(-1e13, 1e13, allow_nan=False))
def test_money_reads_in_the_right_unit(v: float) -> None:
    text = fmt_eur(v)
    number = float(text.split()[1].replace(",", ""))
    unit = text.split()[-1]
    scale, rounding = {"bn": (1e9, 0.005e9), "m": (1e6, 0.05e6)}.get(unit, (1.0, 0.5))
    assert text.startswith("EUR ") and abs(number * scale - v) <= rounding * 1.0001
    assert (unit == "bn") == (abs(v) >= 1e9) and (unit == "m") == (1e6 <= abs(v) < 1e9)


@pytest.mark.parametrize(("v", "text"), [(0, "0"), (1440000.0, "1,440,000"), (2.5, "2.5"), (2.04, "2.0"),
                                         (-3.0, "-3"), (0.9999999999, "1")])
def test_quantities(v: float, text: str) -> None:
    assert fmt_quantity(v) == text


def test_item_ids_become_names_but_not_inside_longer_tokens(items: list[dict[str, Any]]) -> None:
    s = make({"items": items})
    texts = pd.Series(["stock of sys used up", "line sys-camden at capacity", "msl and lrs; 12000 short in 2027-01",
                       "alt"])
    assert with_item_names(s, texts).tolist() == [
        "stock of system used up", "line sys-camden at capacity",
        "interceptor and strike missile; 12,000 short in 2027-01", "other system"]
    assert with_item_names(s, pd.Series([], dtype=object)).tolist() == []


def test_month_tables_of_a_known_plan(items: list[dict[str, Any]]) -> None:
    p = plan(make({"items": items,
                   "stocks": [{"donor": "A", "item": "gen", "quantity": 5, "lead_months": 0}],
                   "needs": [{"id": "g", "kind": "hold", "quantity": 5, "due": "2027-02", "accepts": "gen:1"},
                             {"id": "s", "kind": "hold", "quantity": 1, "due": "2027-01", "accepts": "sys:1"}]},
                  horizon=3))
    by_month = deliveries_by_month(p)
    assert by_month.index.tolist() == ["2027-01", "2027-02", "2027-03"]
    assert by_month["energy"].sum() == 5 * 10000
    m = coverage_matrix(p)
    assert m.columns.tolist() == ["2027-01", "2027-02", "2027-03"] and m.index.tolist() == ["g", "s"]
    assert m.loc["s"].tolist() == [0.0, 0.0, 0.0]  # nothing can send a system
    assert m.loc["g", "2027-03"] == 100.0
    a = arrivals_by_need(p)
    assert a["units"].sum() == 5 and set(a["origin"]) == {"plan"} and (a["need"] == "g").all()
    assert a["what"].str.contains("generator from A").all()
    sf = shortfall_summary(p)
    assert sf["need"].unique().tolist() == ["s"] and sf["months"].sum() == 3 and sf["first"].iloc[0] == "2027-01"
