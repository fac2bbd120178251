"""Neighbourhoods solved side by side (one per core) and put together."""

from __future__ import annotations

import time

import highspy
import numpy as np
import pytest

from allyplan.generate import generate_scenario
from allyplan.planner import build_model
from allyplan.planner.constraints import ACCOUNTING_ROWS
from allyplan.planner.improve import make_neighbourhood
from allyplan.planner.model import Model
from allyplan.planner.results import whole_solution
from allyplan.planner.solve import _blocked, _combine, _highs, _lp, _restrict, _run, _run_all, _workers


def _whole_plan(m: Model, lp: highspy.HighsLp, integral: np.ndarray, d: object) -> tuple[np.ndarray, np.ndarray]:
    """The LP relaxation's solution and a whole-unit solution of the model made from it."""
    h = _highs(lp, 60.0, 1e-4, 1)
    assert _run(h)
    relaxed = np.asarray(h.getSolution().col_value, dtype=float)
    plan = whole_solution(m, d, relaxed)  # type: ignore[arg-type]
    cols = np.flatnonzero(integral)
    h.changeColsBounds(len(cols), cols.astype(np.int32), plan[cols], plan[cols])
    assert _run(h)
    return relaxed, np.asarray(h.getSolution().col_value, dtype=float)


def _feasible(m: Model, x: np.ndarray, tol: float = 1e-6) -> bool:
    col_lb, col_ub, integral, row_lb, row_ub = m.bounds()
    act = m.matrix() @ x
    whole = np.abs(x[integral] - np.round(x[integral])) <= tol
    return bool(np.all(x >= col_lb - tol) and np.all(x <= col_ub + tol) and np.all(act >= row_lb - tol)
                and np.all(act <= row_ub + tol) and whole.all())


def test_two_runs_side_by_side_both_finish_and_a_deadline_stops_both() -> None:
    s = generate_scenario(donors=4, items=30, needs=30, months=8, seed=1)
    m, _ = build_model(s)
    lp, integral = _lp(m)
    lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in integral]
    alone = _highs(lp, 60.0, 1e-4, 1)
    assert _run(alone)
    hs = [_highs(lp, 60.0, 1e-4, 1) for _ in range(2)]
    assert _run_all(hs) == [True, True]
    for h in hs:
        assert h.getInfo().objective_function_value == pytest.approx(alone.getInfo().objective_function_value,
                                                                     rel=1e-4)
    big = generate_scenario(donors=10, items=120, needs=200, months=24, seed=0)
    mb, _ = build_model(big)
    lpb, integral_b = _lp(mb)
    lpb.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous
                        for i in integral_b]
    hs = [_highs(lpb, 600.0, 0.0, 1) for _ in range(2)]
    t0 = time.perf_counter()
    assert _run_all(hs, time.perf_counter() + 0.3) == [True, True]
    assert time.perf_counter() - t0 < 2.5
    assert all(h.getModelStatus() == highspy.HighsModelStatus.kInterrupt for h in hs)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_independent_neighbourhoods_share_no_row_but_accounting_rows(seed: int) -> None:
    s = generate_scenario(donors=8, items=80, needs=120, months=12, seed=seed)
    m, d = build_model(s)
    lp, integral = _lp(m)
    relaxed, plan = _whole_plan(m, lp, integral, d)
    nb = make_neighbourhood(m, d)
    accounting = m.row_mask(*ACCOUNTING_ROWS)
    first = nb(plan, relaxed, 60, None) & integral
    blocked = _blocked([first], m.matrix(), integral, accounting)
    second = nb(plan, relaxed, 60, blocked)
    assert first.any() and second.any()
    assert not (first & second).any()
    # The rows of each sub-model (its columns and the continuous columns linked to them, as _restrict takes them):
    # the second's integer columns touch none of the first's, accounting rows aside.
    A = m.matrix()
    At = A.T.tocsr()
    _, where = _restrict(m, lp, integral, first, plan)
    rows_first = np.zeros(m.n_rows, dtype=bool)
    rows_first[At[where].indices] = True
    rows_second = np.zeros(m.n_rows, dtype=bool)
    rows_second[At[np.flatnonzero(second)].indices] = True
    assert not (rows_first & rows_second & ~accounting).any()


@pytest.mark.parametrize("seed", [0, 2, 3])
def test_neighbourhoods_put_together_keep_every_rule_and_add_up(seed: int) -> None:
    s = generate_scenario(donors=8, items=80, needs=120, months=12, seed=seed)
    m, d = build_model(s)
    lp, integral = _lp(m)
    relaxed, plan = _whole_plan(m, lp, integral, d)
    assert _feasible(m, plan)
    cost = m.full_cost()
    value = float(cost @ plan + m.offset)
    nb = make_neighbourhood(m, d)
    accounting = m.row_mask(*ACCOUNTING_ROWS)
    lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in integral]
    frees: list[np.ndarray] = []
    for _ in range(2):
        blocked = _blocked(frees, m.matrix(), integral, accounting) if frees else None
        frees.append(nb(plan, relaxed, 80, blocked) & integral)
    found: list[np.ndarray | None] = []
    for free in frees:
        sub, where = _restrict(m, lp, integral, free, plan)
        h = _highs(sub, 60.0, 0.0, 1)
        assert _run(h)
        x = plan.copy()
        x[where] = np.asarray(h.getSolution().col_value, dtype=float)
        x[integral] = np.round(x[integral])
        found.append(x if float(cost @ x + m.offset) < value - 1e-6 else None)
    both = _combine(m, lp, integral, plan, frees, found, cost)
    gains = [value - float(cost @ x + m.offset) for x in found if x is not None]
    if not gains:
        assert both is None
        return
    assert both is not None
    assert _feasible(m, both)
    # The burden's fairness term is all two sub-models may disagree on: it is 1e-4 of the objective's scale.
    assert value - float(cost @ both + m.offset) == pytest.approx(sum(gains), rel=1e-3, abs=1e-3)
    assert value - float(cost @ both + m.offset) >= max(gains) - 1e-6


def test_a_slow_run_beside_a_quick_one_gets_as_long_again_and_no_more() -> None:
    small = generate_scenario(donors=2, items=8, needs=8, months=4, seed=0)
    big = generate_scenario(donors=10, items=120, needs=200, months=24, seed=0)
    hs = []
    for s in (small, big):
        m, _ = build_model(s)
        lp, integral = _lp(m)
        lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous
                           for i in integral]
        hs.append(_highs(lp, 600.0, 0.0, 1))
    t0 = time.perf_counter()
    assert _run_all(hs, time.perf_counter() + 60, lag=0.3) == [True, True]
    assert time.perf_counter() - t0 < 3.0  # the quick one is done in well under a second here
    assert hs[0].getModelStatus() == highspy.HighsModelStatus.kOptimal
    assert hs[1].getModelStatus() == highspy.HighsModelStatus.kInterrupt
    # The first is never cut short for the others: the slow one first runs to its deadline.
    hs = hs[::-1]
    for h in hs:
        h.clearSolver()
    t0 = time.perf_counter()
    assert _run_all(hs, time.perf_counter() + 2.0, lag=0.3) == [True, True]
    assert time.perf_counter() - t0 >= 1.9
    assert hs[1].getModelStatus() == highspy.HighsModelStatus.kOptimal


def test_three_neighbourhoods_a_round_per_core_the_process_may_use_on_a_large_model(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # A process pinned to one core (taskset, a container's CPU set) solves one neighbourhood at a time, however many
    # cores the machine has; on a large model two cores solve six side by side, and never more than eight; on a
    # small one, one a core.
    large, small = 75_000, 4_000
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0}, raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 64)
    assert _workers(None, large) == 1
    assert _workers(1, large) == 1
    assert _workers(2, large) == 6
    assert _workers(3, large) == 8
    assert _workers(3, small) == 3
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert _workers(None, large) == 6
    assert _workers(None, small) == 2
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(16)), raising=False)
    assert _workers(None, large) == 8
    assert _workers(None, small) == 8


def test_a_round_that_ends_with_the_run_waits_no_longer_than_branch_and_bound_for_a_late_sub_mip(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A sub-MIP busy in its presolve or root node heard its cancel 1.2 s late at 1x, and the round waited for it
    (up to 2 s): the run ended 1.4 s past its limit. The last round (ending less than 0.5 s before the run's
    deadline: no other could start after it) leaves such a sub-MIP behind after BB_GRACE, as branch and bound over
    the whole model is; a round cut earlier still waits for it."""
    from allyplan.planner import lumpy_columns
    from allyplan.planner import solve as solve_module
    from allyplan.planner.rounding import make_up_filter

    calls: list[tuple[float | None, float]] = []  # (deadline, grace) of each neighbourhood round
    real = solve_module._run_all

    def spy(hs: list[highspy.Highs], deadline: float | None = None, grace: float = 2.0,
            lag: float | None = None) -> list[bool]:
        if lag is not None:
            calls.append((deadline, grace))
        return real(hs, deadline, grace, lag)

    monkeypatch.setattr(solve_module, "_run_all", spy)
    monkeypatch.setattr(solve_module, "NEIGHBOURHOOD_STALL", 10**6)  # rounds until the deadline
    s = generate_scenario(donors=25, items=250, needs=500, months=36, seed=0)
    m, d = build_model(s)
    at_end: list[float] = []
    # the last round runs up to the deadline unless less than 0.5 s was left for it; longer limits for a busy machine
    # (with other work on both cores no round had started by 4.5 s)
    for limit in (3.5, 4.0, 4.5, 6.0, 8.0):
        calls.clear()
        # made before the clock starts: the run's deadline is counted from solve_model's start (making these took
        # 0.2-0.4 s, enough to put a round ending 0.5 s before the deadline inside the window below)
        up, lumpy, around = make_up_filter(m, d), lumpy_columns(m, d), make_neighbourhood(m, d)
        began = time.perf_counter()
        solve_module.solve_model(m, time_limit=limit, gap=1e-9, polish=False, up_filter=up,
                                 make_whole=lambda x: whole_solution(m, d, x), lumpy=lumpy,
                                 neighbourhood=around, threads=2)
        at_end = [g for dl, g in calls if dl is not None and dl >= began + limit - 0.45]
        before = [g for dl, g in calls if dl is not None and dl < began + limit - 0.55]
        assert all(g == 2.0 for g in before)
        if at_end:
            break
    assert at_end, "no round ran up to the deadline"
    assert all(g == solve_module.BB_GRACE for g in at_end)


@pytest.mark.parametrize(("least", "most"), [(1e9, 2), (0.0, 6)])
def test_a_round_with_little_time_left_solves_one_neighbourhood_a_core(monkeypatch: pytest.MonkeyPatch, least: float,
                                                                        most: int) -> None:
    # Six side by side share two cores: with 0.4-1.1 s left each got too little of one (at 1x, one round of six
    # ended 6.6-6.8% from the bound, one of two 3.6%). Below NEIGHBOURHOODS_MANY_LEAST seconds a round solves one a
    # core; above it, on a model of 20,000 integer columns or more, three.
    from allyplan.planner import lumpy_columns
    from allyplan.planner import solve as solve_module
    from allyplan.planner.rounding import make_up_filter

    sizes: list[int] = []
    real = solve_module._run_all

    def spy(hs: list[highspy.Highs], deadline: float | None = None, grace: float = 2.0,
            lag: float | None = None) -> list[bool]:
        if lag is not None:
            sizes.append(len(hs))
        return real(hs, deadline, grace, lag)

    monkeypatch.setattr(solve_module, "_run_all", spy)
    monkeypatch.setattr(solve_module, "NEIGHBOURHOODS_MANY_LEAST", least)
    m, d = build_model(generate_scenario(donors=25, items=250, needs=500, months=36, seed=0))
    assert int(m.bounds()[2].sum()) >= solve_module.NEIGHBOURHOODS_MANY_FROM
    solve_module.solve_model(m, time_limit=5.0, gap=1e-9, polish=False, up_filter=make_up_filter(m, d),
                             make_whole=lambda x: whole_solution(m, d, x), lumpy=lumpy_columns(m, d),
                             neighbourhood=make_neighbourhood(m, d), threads=2)
    assert sizes and max(sizes) == most
