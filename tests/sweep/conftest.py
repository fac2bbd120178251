"""Small scenarios whose answers under a draw are known by hand, and the example's nominal plan."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from allyplan import example_path, load_scenario
from allyplan.planner import Plan, plan
from allyplan.scenario import Scenario
from tests.conftest import ITEMS, make


@cache
def tiny() -> Scenario:
    """Donor A ships 10 generators from stock (lead 1); line L makes 5 a month from 2027-01 (lead 0), paid by A's
    fund; A has committed 4 generators for 2027-02 and B considers 3 for 2027-03. The need: 30 generators in
    service by 2027-04. Built once: callers must not change it."""
    tables: dict[str, Any] = {
        "items": [dict(i) for i in ITEMS],
        "stocks": [{"donor": "A", "item": "gen", "quantity": 10, "floor": 0, "lead_months": 1}],
        "production": [{"line": "L", "producer": "A", "item": "gen", "from": "2027-01", "to": "2027-06",
                        "per_month": 5, "unit_cost_eur": 1000, "lead_months": 0}],
        "funds": [{"fund": "F", "donor": "A", "amount_eur": 1e9}],
        "pledges": [{"donor": "A", "item": "gen", "quantity": 4, "month": "2027-02", "status": "committed"},
                    {"donor": "B", "item": "gen", "quantity": 3, "month": "2027-03", "status": "considering"}],
        "needs": [{"id": "power", "kind": "hold", "quantity": 30, "due": "2027-04", "accepts": "gen:1",
                   "priority": 3}],
    }
    return make(tables)


@pytest.fixture(scope="session")
def example() -> tuple[Scenario, Plan]:
    s = load_scenario(example_path())
    return s, plan(s)
