"""The greedy plan: a whole solution of the model that keeps every rule, and the plan when the solver runs out of
time before its LP relaxation is done."""

from __future__ import annotations

from typing import Any

import highspy
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allyplan import plan
from allyplan.generate import generate_scenario
from allyplan.planner import SolveStatus, build_model
from allyplan.planner import solve as solve_module
from allyplan.planner.greedy import greedy_solution, row_violation
from allyplan.planner.objective import plan_objective
from allyplan.planner.results import assign_results
from allyplan.verify import verify_plan
from tests.conftest import make


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(donors=st.integers(1, 6), items=st.integers(2, 25), needs=st.integers(1, 20), months=st.integers(1, 12),
       seed=st.integers(0, 10_000))
def test_the_greedy_plan_is_a_whole_solution_of_the_model(donors: int, items: int, needs: int, months: int,
                                                          seed: int) -> None:
    s = generate_scenario(donors=donors, items=items, needs=needs, months=months, seed=seed)
    m, d = build_model(s)
    x = greedy_solution(m, d)
    _, _, integral, _, _ = m.bounds()
    assert row_violation(m, x) <= 1e-6
    assert np.all(x[integral] == np.round(x[integral]))
    tables = assign_results(m, d, x)
    terms = plan_objective(d, tables["coverage"], tables["deliveries"], tables["burden"])
    model = float(m.full_cost() @ x + m.offset)
    assert abs(terms["total"] - model) <= 1e-6 * max(1.0, abs(model))


def _lp_never_done(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every HiGHS run is cancelled at once, as when the deadline comes before the LP relaxation is solved."""
    real_run = solve_module._run

    def cancelled(h: highspy.Highs, deadline: float | None = None, grace: float = 2.0) -> bool:
        h.setOptionValue("time_limit", 1e-6)
        return real_run(h, deadline, grace)

    monkeypatch.setattr(solve_module, "_run", cancelled)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), needs=st.integers(1, 30))
def test_a_plan_always_exists_and_verifies_when_the_lp_is_not_done(monkeypatch: pytest.MonkeyPatch, seed: int,
                                                                   needs: int) -> None:
    # The planner used to write an empty plan (status no_solution) when the deadline came before the LP
    # relaxation was solved; now the greedy plan is written, and it keeps every rule.
    s = generate_scenario(donors=4, items=20, needs=needs, months=12, seed=seed)
    with monkeypatch.context() as mp:
        _lp_never_done(mp)
        p = plan(s, time_limit=30)
    assert p.method.startswith("greedy plan")
    # Feasible; proven optimal only when nothing can be done better than the trivial bound (nothing to plan).
    assert p.status is SolveStatus.FEASIBLE or (p.status is SolveStatus.OPTIMAL and p.objective <= p.bound + 1e-9)
    report = verify_plan(s, p)
    assert report.ok, report.violations
    assert abs(p.objective - p.model_objective) <= 1e-6 * max(1.0, abs(p.objective))
    assert p.bound <= p.objective


def test_the_fallback_plan_delivers(monkeypatch: pytest.MonkeyPatch) -> None:
    s = generate_scenario(donors=6, items=40, needs=40, months=18, seed=4)
    _lp_never_done(monkeypatch)
    p = plan(s, time_limit=30)
    assert p.status is SolveStatus.FEASIBLE and len(p.deliveries) > 0
    assert (p.coverage["covered"] > 0).any()
    assert verify_plan(s, p).ok


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), limit=st.sampled_from([0.001, 0.01, 0.05, 0.2]))
def test_a_plan_exists_and_verifies_with_a_tiny_time_limit(seed: int, limit: float) -> None:
    s = generate_scenario(donors=5, items=30, needs=25, months=12, seed=seed)
    p = plan(s, time_limit=limit)
    assert p.status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)
    report = verify_plan(s, p)
    assert report.ok, report.violations
    assert p.objective >= p.bound - 1e-6 * max(1.0, abs(p.bound))


def test_a_platform_shipped_for_a_later_need_lets_the_first_need_use_what_requires_it(
        items: list[dict[str, Any]]) -> None:
    # The interceptor need comes first (priority 5) but its interceptors require a system the recipient does not
    # operate; the system is shipped for the system need (priority 1), arriving in month 2. The second pass
    # gives the interceptors from month 2 on, never before (rule 7).
    s = make({"items": items,
              "stocks": [{"donor": "A", "item": "msl", "quantity": 10, "lead_months": 0},
                         {"donor": "B", "item": "sys", "quantity": 1, "lead_months": 2}],
              "needs": [{"id": "int", "kind": "hold", "quantity": 6, "due": "2027-01", "accepts": "msl:1",
                         "priority": 5},
                        {"id": "sys", "kind": "hold", "quantity": 1, "due": "2027-01", "accepts": "sys:1",
                         "priority": 1}]})
    m, d = build_model(s)
    x = greedy_solution(m, d)
    assert row_violation(m, x) <= 1e-6
    tables = assign_results(m, d, x)
    dl = tables["deliveries"]
    assert dl.loc[dl["item"] == "sys", "arrive_month"].tolist() == [2]
    assert dl.loc[dl["item"] == "msl", "quantity"].sum() == 6
    assert dl.loc[dl["item"] == "msl", "arrive_month"].min() >= 2
    # x holds the new-platform binary the shipment implies: the model's objective counts it.
    assert x[m.vars["new"]["col"].to_numpy()].tolist() == [1.0]
