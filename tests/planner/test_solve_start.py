"""Branch and bound started from a plan keeps it; the dive's settling step is taken when it is cheap."""

from __future__ import annotations

from typing import Any

import highspy
import numpy as np
import pytest

from allyplan.generate import generate_scenario
from allyplan.planner import build_model, lumpy_columns
from allyplan.planner.improve import make_neighbourhood
from allyplan.planner.results import whole_solution
from allyplan.planner.rounding import make_up_filter
from allyplan.planner.solve import _dive, _highs, _lp, _run, _start_from, solve_model


def test_branch_and_bound_over_the_whole_model_keeps_the_plan_it_starts_from() -> None:
    """HiGHS 1.16's presolve (parallel columns) carried a start into the presolved model at a worse value and then
    returned its own worse plan: at 1/8 of the large case a plan worth 373,280 was given, 378,046 came back. The
    plan given must be HiGHS's incumbent from the start, whatever it finds in the time it has."""
    s = generate_scenario(donors=6, items=62, needs=125, months=36, seed=0)
    m, d = build_model(s)
    res = solve_model(m, time_limit=3.0, gap=1e-9, polish=False, up_filter=make_up_filter(m, d),
                      make_whole=lambda x: whole_solution(m, d, x), lumpy=lumpy_columns(m, d),
                      neighbourhood=make_neighbourhood(m, d))
    lp, integral = _lp(m)
    assert np.all(res.values[integral] == np.round(res.values[integral]))
    lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in integral]
    h = _highs(lp, 1.0, 1e-9, 1)
    _start_from(h, res.values, whole_model=True)
    assert _run(h)
    assert h.getInfo().objective_function_value <= res.objective + 1e-6 * abs(res.objective)


def dived_case(settle: bool | float = True) -> tuple[Any, ...]:
    """A small generated case after its LP relaxation and the rounding dive: (model, inputs, its LP, integral
    columns, the HiGHS instance, the dive's solution, the lumpy shipment columns)."""
    s = generate_scenario(donors=5, items=40, needs=60, months=12, seed=3)
    m, d = build_model(s)
    lp, integral = _lp(m)
    h = _highs(lp, 60.0, 1e-4, 1)
    assert _run(h)
    ships = np.flatnonzero(lumpy_columns(m, d) & integral)
    x = _dive(h, ships, m.ub_array()[ships], eager=m.platform_ids()[ships] >= 0,
              deadline=float("inf"), up_filter=make_up_filter(m, d),
              settle=settle)
    return m, d, lp, integral, h, x, ships


def _dived(settle: bool | float) -> tuple[np.ndarray, np.ndarray]:
    *_, x, ships = dived_case(settle)
    return x, ships


def _fractional(x: np.ndarray, cols: np.ndarray) -> int:
    v = x[cols]
    return int(np.sum(np.abs(v - np.round(v)) > 1e-6))


def test_the_settling_step_is_taken_when_its_share_of_the_time_left_allows() -> None:
    # With no deadline any share allows it: the dive ends with every lumpy shipment whole, as with settle=True.
    x_share, ships = _dived(0.25)
    x_always, _ = _dived(True)
    x_never, _ = _dived(False)
    assert _fractional(x_never, ships) > 0  # the first round alone leaves fractions on this case
    assert _fractional(x_share, ships) == _fractional(x_always, ships) == 0
    np.testing.assert_allclose(x_share, x_always)
    # a share of nothing never allows it
    x_none, _ = _dived(0.0)
    np.testing.assert_allclose(x_none, x_never)


def test_a_large_model_solved_without_its_accounting_rows_first_still_gives_a_bound_and_a_consistent_plan(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Above ACCOUNTING_LATER_COLS columns the LP relaxation and the dive leave the burden's dense rows out: the
    relaxation's optimum must still bound the model's LP optimum from below (and be close to it), and the plan
    must keep every row, those included, with its objective the model's objective of its columns."""
    from allyplan.planner import solve as solve_module

    s = generate_scenario(donors=12, items=125, needs=250, months=36, seed=2)
    m, d = build_model(s)
    monkeypatch.setattr(solve_module, "ACCOUNTING_LATER_COLS", 20_000)  # 1x's way on a case 1/4 of its size
    assert m.n_cols >= solve_module.ACCOUNTING_LATER_COLS
    lp, _ = _lp(m)
    h = _highs(lp, 60.0, 1e-4, 1)
    assert _run(h)
    lp_optimum = h.getInfo().objective_function_value
    for wide_gap in (1e-4, 0.5):  # 0.5: the whole-unit step's plan itself, no search after it
        res = solve_model(m, time_limit=4.0, gap=wide_gap, up_filter=make_up_filter(m, d),
                          make_whole=lambda x: whole_solution(m, d, x), lumpy=lumpy_columns(m, d),
                          neighbourhood=make_neighbourhood(m, d), polish=False)
        # the bound: the LP relaxation's without the rows (close to the one with them, never above it), or higher
        # where branch and bound over the whole model had time to raise it; never above a plan
        assert res.bound >= lp_optimum - 1e-3 * abs(lp_optimum)
        assert res.bound <= res.objective + 1e-6 * abs(res.objective)
        if wide_gap == 0.5:
            assert res.bound <= lp_optimum + 1e-6 * abs(lp_optimum)
        col_lb, col_ub, _, row_lb, row_ub = m.bounds()
        act = m.matrix() @ res.values
        tol = 1e-6 * np.maximum(1.0, np.abs(act))
        assert np.all(act >= row_lb - tol) and np.all(act <= row_ub + tol)
        assert np.all(res.values >= col_lb - 1e-6) and np.all(res.values <= col_ub + 1e-6)
        assert abs(res.objective - float(m.full_cost() @ res.values + m.offset)) <= 1e-6 * abs(res.objective)
