"""The planner and the plan folder work whatever backs pandas' strings.

With pyarrow installed, pandas 3 backs ``str`` columns by Arrow, and ``Series.map`` of an *empty* column of ids
then gives an empty *string* column even when the mapping holds numbers; comparing or subtracting it fails
("Invalid comparison between dtype=str and ndarray"). Scenarios with an empty table (no production line, no stock)
hit it. The project does not install pyarrow, so the test makes ``Series.map`` refuse exactly the calls Arrow
would type wrongly: an empty string-typed column mapped through numbers. The planner looks numbers up with
:func:`allyplan.planner.inputs.map_values`, which types the result by the values.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from allyplan import example_path, load_scenario, plan
from allyplan.plan_files import write_plan
from allyplan.planner.inputs import map_values
from tests.conftest import make


def _numeric(arg: Any) -> bool:
    if isinstance(arg, pd.Series):
        return pd.api.types.is_numeric_dtype(arg.dtype) or pd.api.types.is_bool_dtype(arg.dtype)
    if isinstance(arg, dict):
        return any(isinstance(v, int | float | np.number) for v in arg.values())
    return False


@pytest.fixture
def arrow_like_map(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    original: Callable[..., pd.Series] = pd.Series.map

    def strict_map(self: pd.Series, arg: Any, na_action: Any = None, **kw: Any) -> pd.Series:
        if len(self) == 0 and pd.api.types.is_string_dtype(self.dtype) and not pd.api.types.is_object_dtype(
                self.dtype) and _numeric(arg):
            raise AssertionError("an empty string column mapped through numbers: with Arrow strings the result is "
                                 "typed str; use map_values")
        return original(self, arg, na_action=na_action, **kw)

    monkeypatch.setattr(pd.Series, "map", strict_map)
    yield


def test_map_values_types_the_result_by_the_values() -> None:
    empty = pd.Series([], dtype=pd.StringDtype("python", na_value=np.nan))
    assert map_values(empty, pd.Series({"a": 3})).dtype == np.int64
    ids = pd.Series(["b", "a", "zz"], dtype="str", index=[5, 6, 7])
    got = map_values(ids, pd.Series({"a": 1.5, "b": 2.0}))
    assert got.index.tolist() == [5, 6, 7] and got.tolist()[:2] == [2.0, 1.5] and np.isnan(got.iloc[2])
    assert map_values(ids, {"a": 1}).tolist()[1] == 1 and map_values(empty, {}).empty


def _scenarios(items: list[dict[str, Any]]) -> dict[str, Any]:
    need = {"id": "n", "kind": "hold", "quantity": 4, "due": "2027-03", "accepts": "gen:1"}
    return {
        "stock only": make({"items": items, "needs": [need],
                            "stocks": [{"donor": "A", "item": "gen", "quantity": 10, "floor": 2,
                                        "lead_months": 0}]}),
        "production only": make({"items": items, "needs": [need],
                                 "production": [{"line": "L", "producer": "A", "item": "gen", "from": "2027-01",
                                                 "to": "2027-06", "per_month": 2, "unit_cost_eur": 10,
                                                 "lead_months": 1}],
                                 "funds": [{"fund": "F", "donor": "A", "amount_eur": 1000, "from": "2027-01",
                                            "to": "2027-06", "lines": "L"}]}),
        "nothing to send": make({"items": items, "needs": [need]}),
    }


@pytest.mark.usefixtures("arrow_like_map")
@pytest.mark.parametrize("case", ["stock only", "production only", "nothing to send"])
def test_plans_with_empty_tables_under_arrow_string_semantics(case: str, items: list[dict[str, Any]],
                                                              tmp_path: Path) -> None:
    p = plan(_scenarios(items)[case], time_limit=20)
    out = write_plan(p, tmp_path / "plan")
    assert (out / "plan.xlsx").exists() and (out / "report.html").exists()
    short = p.coverage.loc[p.coverage["month"] == p.scenario.horizon - 1, "short"].sum()
    assert short == (4 if case == "nothing to send" else 0)


@pytest.mark.usefixtures("arrow_like_map")
def test_the_example_under_arrow_string_semantics(tmp_path: Path) -> None:
    p = plan(load_scenario(example_path()), time_limit=20)
    write_plan(p, tmp_path / "plan")
    assert p.status.value == "optimal"
