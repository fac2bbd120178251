"""The solve keeps its deadline, and a HiGHS run left behind does not stop the next one."""

from __future__ import annotations

import time

import highspy

from allyplan.generate import generate_scenario
from allyplan.planner import build_model
from allyplan.planner.solve import _highs, _lp, _run


def test_a_run_left_behind_does_not_stop_the_next_instance() -> None:
    # highspy's "solver running" locks were shared by all instances: while one run was left behind (HiGHS did
    # not stop when cancelled), every new instance raised "Solver is already running" (the large case's second
    # neighbourhood search crashed so).
    m, _ = build_model(generate_scenario(donors=6, items=60, needs=120, months=24, seed=1))
    lp, integral = _lp(m)
    lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in integral]
    busy = _highs(lp, 60.0, 0.0, 1)
    thread = busy.startSolve()
    try:
        time.sleep(0.05)
        assert busy.is_solver_running()
        small, _ = build_model(generate_scenario(donors=2, items=8, needs=8, months=6, seed=0))
        h = _highs(_lp(small)[0], 10.0, 1e-4, 1)
        assert _run(h, time.perf_counter() + 10.0)
        assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
    finally:
        busy.cancelSolve()
        thread.join(10.0)
