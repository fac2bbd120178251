"""Each planning rule of DESIGN.md on a small scenario whose right answer is known."""

from __future__ import annotations

from typing import Any

import pytest

from allyplan import plan
from allyplan.verify import verify_plan
from tests.conftest import make


def planned(s: Any, **kw: Any) -> Any:
    p = plan(s, **kw)
    report = verify_plan(s, p)
    assert report.ok, report.violations
    return p


def need(id_: str, accepts: str, kind: str = "hold", **kw: Any) -> dict[str, Any]:
    return {"id": id_, "kind": kind, "accepts": accepts, **kw}


def test_floor_limits_release_and_explains_the_gap(items: list[dict[str, Any]]) -> None:
    s = make({"items": items,
              "stocks": [{"donor": "A", "item": "sys", "quantity": 10, "floor": 7, "lead_months": 0}],
              "needs": [need("n", "sys:1", quantity=5, due="2027-01")]})
    p = planned(s)
    assert p.deliveries["quantity"].sum() == 3
    sf = p.shortfalls
    assert set(sf["reason"]) == {"floor"}
    assert (sf["short"] == 2).all()
    assert "lowering the floor by 2" in sf["relief"].iloc[0]


def test_policy_and_red_line_are_never_crossed(items: list[dict[str, Any]]) -> None:
    s = make({"items": items,
              "stocks": [{"donor": "A", "item": "sys", "quantity": 5, "lead_months": 0},
                         {"donor": "B", "item": "sys", "quantity": 1, "lead_months": 0},
                         {"donor": "A", "item": "lrs", "quantity": 50, "lead_months": 0},
                         {"donor": "A", "item": "gen", "quantity": 9, "lead_months": 0}],
              "policies": [{"party": "A", "rule": "non-lethal-only"}],
              "needs": [need("ad", "sys:1", quantity=3, due="2027-01"), need("strike", "lrs:1", quantity=10),
                        need("power", "gen:1", quantity=9, due="2027-01")]},
             red_lines=["long-range"])
    p = planned(s)
    d = p.deliveries
    assert set(d.loc[d["item"] == "sys", "donor"]) == {"B"}
    assert d.loc[d["item"] == "gen", "quantity"].sum() == 9  # non-lethal still flows from A
    assert "lrs" not in set(d["item"])
    reasons = p.shortfalls.groupby("need")["reason"].first()
    assert reasons["strike"] == "red line"
    assert reasons["ad"] == "policy"


def test_production_capacity_and_funds(items: list[dict[str, Any]]) -> None:
    s = make({"items": items,
              "production": [{"line": "L", "producer": "A", "item": "gen", "from": "2027-01", "to": "2027-06",
                              "per_month": 2, "unit_cost_eur": 1000, "lead_months": 0}],
              "funds": [{"fund": "pool", "donor": "A", "amount_eur": 3000},
                        {"fund": "pool", "donor": "B", "amount_eur": 4000}],
              "needs": [need("n", "gen:1", quantity=10, due="2027-06")]})
    p = planned(s)
    d = p.deliveries
    assert d["quantity"].sum() == 7  # EUR 7,000 buys 7 at EUR 1,000
    assert d.groupby("ship_month")["quantity"].sum().max() <= 2
    assert set(p.shortfalls["reason"]) == {"funds"}
    burden = p.burden.set_index("donor")["value_eur"]
    assert burden["A"] == pytest.approx(3000) and burden["B"] == pytest.approx(4000)


def test_lead_time_delays_service(items: list[dict[str, Any]]) -> None:
    s = make({"items": items,
              "stocks": [{"donor": "A", "item": "gen", "quantity": 4, "lead_months": 3}],
              "needs": [need("n", "gen:1", quantity=4, due="2027-02")]})
    p = planned(s)
    assert (p.deliveries["arrive_month"] == p.deliveries["ship_month"] + 3).all()
    assert p.deliveries["arrive_month"].min() == 3
    short = p.shortfalls
    assert list(short["month"]) == [1, 2]
    assert set(short["reason"]) == {"lead time"}


def test_flow_need_inventory_and_equivalence(items: list[dict[str, Any]]) -> None:
    s = make({"items": items,
              "production": [{"line": "L", "producer": "A", "item": "gen", "per_month": 3, "unit_cost_eur": 1,
                              "lead_months": 0}],
              "funds": [{"fund": "f", "donor": "A", "amount_eur": 1e9}],
              "needs": [need("n", "gen:2", kind="flow", per_month=5, **{"from": "2027-02", "to": "2027-04"})]})
    p = planned(s)
    # 15 units of need; each generator counts twice: 8 generators close it (16 > 15 would overfill).
    assert p.deliveries["quantity"].sum() == 7
    cov = p.coverage.set_index("month")
    assert cov["covered"].sum() == pytest.approx(14)


def test_existing_pledges_count_first(items: list[dict[str, Any]]) -> None:
    s = make({"items": items,
              "stocks": [{"donor": "A", "item": "gen", "quantity": 100, "lead_months": 0}],
              "pledges": [{"donor": "B", "item": "gen", "quantity": 6, "month": "2027-01", "status": "committed"},
                          {"donor": "B", "item": "gen", "quantity": 50, "month": "2027-01",
                           "status": "considering"}],
              "needs": [need("n", "gen:1", quantity=10, due="2027-01")]})
    p = planned(s)
    assert p.deliveries["quantity"].sum() == 4
    assert p.baseline["quantity"].sum() == 6
    assert p.shortfalls.empty


def test_interceptors_wait_for_their_platform(items: list[dict[str, Any]]) -> None:
    s = make({"items": items,
              "stocks": [{"donor": "A", "item": "sys", "quantity": 1, "available_from": "2027-03", "lead_months": 0},
                         {"donor": "B", "item": "msl", "quantity": 100, "lead_months": 0}],
              "needs": [need("platform", "sys:1", quantity=1, due="2027-03"),
                        need("missiles", "msl:1", kind="flow", per_month=10, **{"from": "2027-01",
                                                                                 "to": "2027-06"})]})
    p = planned(s)
    d = p.deliveries
    first_sys = d.loc[d["item"] == "sys", "arrive_month"].min()
    assert first_sys == 2
    assert d.loc[d["item"] == "msl", "arrive_month"].min() >= first_sys
    early = p.shortfalls[(p.shortfalls["need"] == "missiles") & (p.shortfalls["month"] < 2)]
    assert set(early["reason"]) == {"platform"}


def test_fewer_new_platform_types(items: list[dict[str, Any]]) -> None:
    s = make({"items": items,
              "holdings": [{"item": "sys", "quantity": 2}],
              "stocks": [{"donor": "A", "item": "sys", "quantity": 3, "lead_months": 0},
                         {"donor": "B", "item": "alt", "quantity": 3, "lead_months": 0}],
              "needs": [need("n", "alt:1;sys:1", quantity=5, due="2027-01")]})
    p = planned(s)
    assert set(p.deliveries["item"]) == {"sys"}  # the operated type, although both close the need


def test_priority_gets_scarce_supply_first(items: list[dict[str, Any]]) -> None:
    s = make({"items": items,
              "stocks": [{"donor": "A", "item": "gen", "quantity": 5, "lead_months": 0}],
              "needs": [need("low", "gen:1", quantity=5, due="2027-01", priority=1),
                        need("high", "gen:1", quantity=5, due="2027-01", priority=5)]})
    p = planned(s)
    got = p.deliveries.groupby("need")["quantity"].sum()
    assert got.get("high") == 5 and "low" not in got


def test_nothing_deliverable_still_explains_every_gap(items: list[dict[str, Any]]) -> None:
    s = make({"items": items, "needs": [need("n", "sys:1", quantity=2, due="2027-02")]})
    p = planned(s)
    assert p.deliveries.empty
    assert len(p.shortfalls) == 5 and set(p.shortfalls["reason"]) == {"no source"}


def test_burden_follows_gdp_when_supply_allows(items: list[dict[str, Any]]) -> None:
    s = make({"items": items,
              "stocks": [{"donor": "A", "item": "gen", "quantity": 10, "lead_months": 0},
                         {"donor": "B", "item": "gen", "quantity": 10, "lead_months": 0}],
              "needs": [need("n", "gen:1", quantity=10, due="2027-01")]})
    p = planned(s)
    got = p.deliveries.groupby("donor")["quantity"].sum()
    assert got["A"] == 5 and got["B"] == 5  # equal GDP, equal share
