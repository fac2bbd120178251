"""Re-planning on the superset model (planner/resolve.py) gives what planning each draw in full gives."""

from __future__ import annotations

import dataclasses
from functools import cache

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allyplan.generate import generate_scenario
from allyplan.planner import plan
from allyplan.planner.resolve import Replanner
from allyplan.planner.results import assign_results, whole_solution
from allyplan.planner.rounding import make_up_filter
from allyplan.planner.solve import _highs, _lp
from allyplan.scenario import Scenario
from allyplan.sweep import compile_factors, default_spec, prepare_sweep, run_sweep
from allyplan.sweep.evaluate import NeedInfo, plan_matrices
from allyplan.sweep.replan import draw_values, replanner_for
from allyplan.sweep.uncertainty import Factors, apply_draw, draw_batch
from tests.sweep.conftest import tiny

# Both plans are proven optimal within the planner's relative gap (1e-4): their objectives are that close.
GAP = 2e-4


@cache
def example_replanner() -> tuple[Scenario, Factors, Replanner]:
    from allyplan import example_path, load_scenario

    s = load_scenario(example_path())
    f = compile_factors(s, default_spec())
    return s, f, replanner_for(s, f)


@cache
def platform_replanner() -> tuple[Scenario, Factors, Replanner]:
    """A generated scenario with platforms the recipient does not operate (cum rows) and new platform types."""
    s = generate_scenario(donors=6, items=25, needs=20, months=12, seed=3)
    f = compile_factors(s, default_spec())
    rp = replanner_for(s, f)
    assert len(rp.m.vars["cum"]) and len(rp.m.vars["new"]) and len(f.pledges)
    return s, f, rp


def _same_as_full(s: Scenario, f: Factors, rp: Replanner, seed: int, j: int) -> None:
    d = draw_batch(f, seed, range(j, j + 1))
    r = rp.replan(draw_values(s, f, d, 0))
    p = plan(apply_draw(s, f, d), threads=1)
    assert r.fast
    assert r.status == p.status
    assert r.objective == pytest.approx(p.objective, rel=GAP)
    # Coverage is read off the solution as the plan's tables would have it.
    m, dd, _ = rp.model(draw_values(s, f, d, 0))
    held, covered = plan_matrices(NeedInfo.of(s), assign_results(m, dd, r.values)["coverage"])
    np.testing.assert_allclose(r.held, held[0], atol=1e-6)
    np.testing.assert_allclose(r.covered, covered[0], atol=1e-6)


@pytest.mark.parametrize("j", [0, 1, 2])
def test_replan_equals_plan_of_the_draw_on_the_example(j: int) -> None:
    s, f, rp = example_replanner()
    _same_as_full(s, f, rp, 5, j)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000))
def test_replan_equals_plan_of_the_draw_with_platforms(seed: int) -> None:
    s, f, rp = platform_replanner()
    _same_as_full(s, f, rp, seed, 0)


def test_superset_model_has_the_draws_lp_relaxation() -> None:
    """The superset model with a draw's bounds is the draw's own model: the same LP optimum."""
    from allyplan.planner import build_model

    s, f, rp = example_replanner()
    d = draw_batch(f, 9, range(3))
    for j in range(3):
        m, _, _ = rp.model(draw_values(s, f, d, j))
        full, _ = build_model(apply_draw(s, f, d.row(j)))
        values = []
        for model in (m, full):
            lp, _ = _lp(model)
            h = _highs(lp, 30.0, 1e-4, 1)
            h.run()
            values.append(h.getInfo().objective_function_value)
        assert values[0] == pytest.approx(values[1], rel=1e-9)


def test_numpy_steps_are_the_planners_steps() -> None:
    """The whole-unit step and round-up filter in numpy give exactly what the planner's own (pandas) give."""
    s, f, rp = platform_replanner()
    rng = np.random.default_rng(1)
    d = draw_batch(f, 4, range(3))
    for j in range(3):
        m, dd, a = rp.model(draw_values(s, f, d, j))
        lp, _ = _lp(m)
        h = _highs(lp, 30.0, 1e-4, 1)
        h.run()
        x0 = np.asarray(h.getSolution().col_value, dtype=float)
        for x in (x0, x0 + rng.uniform(0.0, 0.9, len(x0)) * (rng.random(len(x0)) < 0.3)):
            np.testing.assert_array_equal(rp.whole_maker.whole(x, a), whole_solution(m, dd, x))
            cand = np.r_[rp.sv_col, rp.bv_col]
            cand = cand[np.abs(x[cand] - np.round(x[cand])) > 1e-6]
            delta = np.ceil(x[cand]) - x[cand]
            np.testing.assert_array_equal(rp.whole_maker.up_filter(a)(x, cand, delta),
                                          make_up_filter(m, dd)(x, cand, delta))


def test_a_draw_outside_the_superset_is_planned_in_full() -> None:
    """An early delivery (negative delay) has arrivals the superset model lacks: that draw is planned in full."""
    s, f, rp = example_replanner()
    v = draw_values(s, f, draw_batch(f, 0, range(1)), 0)
    donor = next(iter(v.donor_delay))
    early = dataclasses.replace(v, donor_delay={**v.donor_delay, donor: -1.0})
    assert not rp.covers(early)
    r = rp.replan(early)
    p = plan(rp.scenario_of(early), threads=1)
    assert not r.fast and r.objective == pytest.approx(p.objective, rel=1e-12)


def test_sweep_fast_and_full_replanning_agree(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = tiny()
    out = {}
    for fast in (True, False):
        setup = prepare_sweep(tmp_path / str(fast), s, default_spec(), samples=6, seed=3, chunk_size=3)
        setup.task.fast = fast
        assert run_sweep(setup, workers=1).complete
        out[fast] = pd.read_parquet(tmp_path / str(fast) / "sweep.parquet")
    pd.testing.assert_frame_equal(out[True], out[False])
