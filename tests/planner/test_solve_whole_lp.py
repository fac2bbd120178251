"""The whole-unit step's LP over the continuous columns alone (:func:`allyplan.planner.solve._fixed_lp`)."""

from __future__ import annotations

import time

import highspy
import numpy as np

from allyplan.planner.results import whole_solution
from allyplan.planner.solve import _fixed_lp, _run
from tests.planner.test_solve_start import dived_case


def _case() -> tuple:
    m, d, lp, integral, h, x, _ = dived_case()
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
