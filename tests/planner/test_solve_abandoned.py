"""A branch and bound that does not stop when asked still hands over the plans it found."""

from __future__ import annotations

import time
from typing import Any

import highspy
import pytest

from allyplan.generate import generate_scenario
from allyplan.planner import build_model, lumpy_columns
from allyplan.planner import solve as solve_module
from allyplan.planner.results import whole_solution
from allyplan.planner.rounding import make_up_filter


def test_plans_found_by_a_mip_that_did_not_stop_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    # On this case the rounding's whole-unit plan is worth 74,576.9 and the optimum 74,336.9 (found by the
    # neighbourhood search and branch and bound). Here every MIP run finishes but reports that it did not stop
    # when asked (as HiGHS's presolve does on large cases): its instance is then unusable, but the plans it
    # reported on the way are sound and must be kept. Before, the rounding's plan was returned.
    real_run = solve_module._run

    def stubborn(h: highspy.Highs, deadline: float | None = None, grace: float = 2.0) -> bool:
        done = real_run(h, None, grace)
        is_mip = any(t == highspy.HighsVarType.kInteger for t in h.getLp().integrality_)
        return done and not is_mip

    monkeypatch.setattr(solve_module, "_run", stubborn)
    s = generate_scenario(donors=4, items=30, needs=30, months=8, seed=2)
    m, d = build_model(s)
    phases: list[Any] = []
    r = solve_module.solve_model(m, time_limit=30, progress=phases.append, up_filter=make_up_filter(m, d),
                                 make_whole=lambda x: whole_solution(m, d, x), lumpy=lumpy_columns(m, d))
    rounded = [p.objective for p in phases if p.phase == "rounding"][-1]
    assert rounded > 74_550
    assert r.objective < 74_400
    # The plan is a solution of the model: whole units, and its value is the model's.
    cols = (m.bounds()[2]).nonzero()[0]
    assert (abs(r.values[cols] - r.values[cols].round()) <= 1e-9).all()
    assert abs(float(m.full_cost() @ r.values + m.offset) - r.objective) <= 1e-6 * r.objective


def test_the_plan_is_made_whole_even_when_the_dive_ends_past_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    # The dive can end after the deadline (its last LP re-solve is allowed to finish); its solution still has
    # fractional allocations. It used to be returned as it was, and the results stage rounded it (losing need,
    # and the plan was no longer the model's solution); it is now made whole first.
    real_dive = solve_module._dive

    def slow_dive(*args: Any, **kw: Any) -> Any:
        out = real_dive(*args, **kw)
        while time.perf_counter() < kw["deadline"] + 0.05:
            time.sleep(0.05)
        return out

    monkeypatch.setattr(solve_module, "_dive", slow_dive)
    s = generate_scenario(donors=4, items=30, needs=30, months=8, seed=2)
    m, d = build_model(s)
    r = solve_module.solve_model(m, time_limit=1.0, up_filter=make_up_filter(m, d),
                                 make_whole=lambda x: whole_solution(m, d, x), lumpy=lumpy_columns(m, d))
    cols = (m.bounds()[2]).nonzero()[0]
    assert (abs(r.values[cols] - r.values[cols].round()) <= 1e-9).all()
    assert abs(float(m.full_cost() @ r.values + m.offset) - r.objective) <= 1e-6 * r.objective
    assert r.status.value in ("optimal", "feasible")
