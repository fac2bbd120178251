"""The relief a shortfall names really closes it: relax that limit by that much, plan again, and the gap is gone."""

from __future__ import annotations

import re
from typing import Any

from allyplan import plan
from tests.conftest import make


def need(**kw: Any) -> dict[str, Any]:
    return {"id": "n", "kind": "hold", "accepts": "gen:1", "due": "2027-03", **kw}


def test_floor_relief_closes_the_gap(items: list[dict[str, Any]]) -> None:
    def scenario(floor: int) -> Any:
        return make({"items": items,
                     "stocks": [{"donor": "A", "item": "gen", "quantity": 20, "floor": floor, "lead_months": 0}],
                     "needs": [need(quantity=15)]})

    first = plan(scenario(12))
    row = first.shortfalls.iloc[-1]
    assert row["reason"] == "floor"
    lower = int(re.search(r"lowering the floor by (\d+)", row["relief"]).group(1))  # type: ignore[union-attr]
    assert lower == 7
    assert plan(scenario(12 - lower)).shortfalls.empty


def test_capacity_relief_closes_the_gap(items: list[dict[str, Any]]) -> None:
    def scenario(per_month: int) -> Any:
        return make({"items": items,
                     "production": [{"line": "L", "producer": "A", "item": "gen", "per_month": per_month,
                                     "unit_cost_eur": 1, "lead_months": 0}],
                     "funds": [{"fund": "f", "donor": "A", "amount_eur": 1e9}],
                     "needs": [need(quantity=12, due="2027-03")]})

    first = plan(scenario(2))
    due = first.shortfalls[first.shortfalls["month"] == 2].iloc[0]
    assert due["reason"] == "capacity"
    extra = int(re.search(r"\+(\d+) a month", due["relief"]).group(1))  # type: ignore[union-attr]
    again = plan(scenario(2 + extra))
    assert again.shortfalls[again.shortfalls["month"] >= 2].empty


def test_funds_relief_closes_the_gap(items: list[dict[str, Any]]) -> None:
    def scenario(amount: float) -> Any:
        return make({"items": items,
                     "production": [{"line": "L", "producer": "A", "item": "gen", "per_month": 10,
                                     "unit_cost_eur": 1000, "lead_months": 0}],
                     "funds": [{"fund": "f", "donor": "A", "amount_eur": amount}],
                     "needs": [need(quantity=8)]})

    first = plan(scenario(5000))
    row = first.shortfalls.iloc[-1]
    assert row["reason"] == "funds"
    eur = float(re.search(r"\+EUR ([\d,]+)", row["relief"]).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert eur == 3000
    assert plan(scenario(5000 + eur)).shortfalls.empty


def test_lead_time_relief_closes_the_gap(items: list[dict[str, Any]]) -> None:
    def scenario(lead: int) -> Any:
        return make({"items": items,
                     "stocks": [{"donor": "A", "item": "gen", "quantity": 5, "lead_months": lead}],
                     "needs": [need(quantity=5, due="2027-02")]})

    first = plan(scenario(3))
    row = first.shortfalls.iloc[0]
    assert row["reason"] == "lead time" and row["month"] == 1
    sooner = int(re.search(r"arriving (\d+) month", row["relief"]).group(1))  # type: ignore[union-attr]
    again = plan(scenario(3 - sooner))
    assert again.shortfalls[again.shortfalls["month"] <= 1].empty
