"""Small hand-made scenarios whose right answer is known."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from allyplan.scenario import Scenario, build_scenario


def make(tables: dict[str, list[dict[str, Any]]], *, horizon: int = 6, start: str = "2027-01",
         red_lines: list[str] | None = None, **weights: float) -> Scenario:
    """A scenario from rows; parties default to a recipient UA and donors A, B (GDP 100 each)."""
    raw = {k: pd.DataFrame(v).astype(str).replace({"nan": "", "None": ""}) for k, v in tables.items()}
    raw.setdefault("parties", pd.DataFrame({"code": ["UA", "A", "B"], "name": ["Recipient", "A", "B"],
                                            "gdp_eur_bn": ["10", "100", "100"]}))
    config = {"name": "test", "start": start, "horizon_months": horizon, "recipient": "UA",
              "red_lines": red_lines or [], "weights": weights}
    return build_scenario(config, raw, origin="test")


ITEMS = [
    {"id": "sys", "name": "system", "category": "air-defence", "kind": "system", "lethal": "true",
     "unit_value_eur": "100000000"},
    {"id": "alt", "name": "other system", "category": "air-defence", "kind": "system", "lethal": "true",
     "unit_value_eur": "100000000"},
    {"id": "msl", "name": "interceptor", "category": "air-defence", "kind": "interceptor", "lethal": "true",
     "unit_value_eur": "1000000", "requires": "sys"},
    {"id": "gen", "name": "generator", "category": "energy", "kind": "equipment", "lethal": "false",
     "unit_value_eur": "10000"},
    {"id": "lrs", "name": "strike missile", "category": "long-range-strike", "kind": "missile", "lethal": "true",
     "unit_value_eur": "1000000", "tags": "long-range"},
]


@pytest.fixture
def items() -> list[dict[str, Any]]:
    return [dict(i) for i in ITEMS]
