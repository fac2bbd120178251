"""The whole-unit step's LP over the continuous columns alone (:func:`allyplan.planner.solve._fixed_lp`)."""

from __future__ import annotations

import time

import highspy
import numpy as np

from allyplan.generate import generate_scenario
from allyplan.planner import build_model, lumpy_columns
from allyplan.planner.results import whole_solution
from allyplan.planner.rounding import make_up_filter
from allyplan.planner.solve import _dive, _fixed_lp, _highs, _lp, _run


def _case() -> tuple:
    s = generate_scenario(donors=5, items=40, needs=60, months=12, seed=3)
    m, d = build_model(s)
    lp, integral = _lp(m)
    h = _highs(lp, 60.0, 1e-4, 1)
    assert _run(h)
    ships = np.flatnonzero(lumpy_columns(m, d) & integral)
    x = _dive(h, ships, m.ub_array()[ships], eager=m.platform_ids()[ships] >= 0, deadline=float("inf"),
              up_filter=make_up_filter(m, d))
    cols = np.flatnonzero(integral)
    whole = np.round(whole_solution(m, d, x)[cols])
    return m, lp, integral, h, x, cols, whole


def test_the_lp_of_the_continuous_columns_gives_what_a_re_solve_with_the_integers_fixed_gives() -> None:
    m, lp, integral, h, x, cols, whole = _case()
    ended, got = _fixed_lp(m, lp, integral, x, whole, time.perf_counter() + 60.0, 1)
    assert ended == highspy.HighsModelStatus.kOptimal
    np.testing.assert_array_equal(got[cols], whole)
    h.changeColsBounds(len(cols), cols.astype(np.int32), whole, whole)
    assert _run(h) and h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    cost = m.full_cost()
    assert abs(cost @ got - h.getInfo().objective_function_value + m.offset) <= 1e-6 * abs(cost @ got + m.offset)
    # and it is a solution of the model: every row and bound holds
    col_lb, col_ub, _, row_lb, row_ub = m.bounds()
    act = m.matrix() @ got
    assert np.all(act >= row_lb - 1e-6) and np.all(act <= row_ub + 1e-6)
    assert np.all(got >= col_lb - 1e-9) and np.all(got <= col_ub + 1e-9)


def test_integers_that_break_a_row_of_integers_alone_are_infeasible() -> None:
    """Rows of integer columns alone (a stock's releasable quantity, a line's capacity) are not in the LP of the
    continuous columns; they are checked before it."""
    m, lp, integral, _, x, cols, whole = _case()
    st = m.vars["stock"]
    col = int(st["col"].iloc[0])
    too_many = whole.copy()
    too_many[np.searchsorted(cols, col)] = m.ub_array()[col] + 1e6  # far past its stock's releasable quantity
    ended, _ = _fixed_lp(m, lp, integral, x, too_many, time.perf_counter() + 60.0, 1)
    assert ended == highspy.HighsModelStatus.kInfeasible
