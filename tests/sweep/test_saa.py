"""The sample-average (two-stage) plan: first-month decisions shared by every draw, the rest re-planned per draw."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allyplan.errors import AllyplanError
from allyplan.planner import plan
from allyplan.scenario import Scenario
from allyplan.sweep.replan import draw_values, replanner_for
from allyplan.sweep.saa import FirstMonth, plan_with_first_month, replan_with_first_month, saa_first_month
from allyplan.sweep.uncertainty import compile_factors, default_spec, draw_batch, nominal, parse_spec
from tests.conftest import ITEMS, make
from tests.sweep.conftest import tiny

GAP = 1e-4
#: donor A slips 3 months half the time; B never does
SLIPS = parse_spec({"donor_delay": {"A": {"dist": "discrete", "values": [0, 3], "probs": [0.5, 0.5]}}})


@cache
def two_donors() -> Scenario:
    """One need, 10 generators in service by 2027-02 (month 1); donors A and B each hold 10 (lead 1 month: only
    what leaves in month 0 is in time). A's GDP is 300 times B's, so fair burden sharing makes A the cheaper
    donor for the planner; but A slips 3 months half the time."""
    items = [dict(i, unit_value_eur="10000000") if i["id"] == "gen" else dict(i) for i in ITEMS]
    return make({
        "parties": [{"code": "UA", "name": "Recipient", "gdp_eur_bn": "10"},
                    {"code": "A", "name": "A", "gdp_eur_bn": "300"}, {"code": "B", "name": "B", "gdp_eur_bn": "1"}],
        "items": items,
        "stocks": [{"donor": "A", "item": "gen", "quantity": 10, "floor": 0, "lead_months": 1},
                   {"donor": "B", "item": "gen", "quantity": 10, "floor": 0, "lead_months": 1}],
        "needs": [{"id": "power", "kind": "hold", "quantity": 10, "due": "2027-02", "accepts": "gen:1",
                   "priority": 3}],
    })


def test_the_sample_average_plan_ships_from_the_reliable_donor() -> None:
    s = two_donors()
    f = compile_factors(s, SLIPS)
    nominal_plan = plan(s)
    assert FirstMonth.of_plan(nominal_plan).stock == {("A", "gen"): 10}  # the cheaper donor, as planned
    draws = draw_batch(f, 0, range(20))
    assert 0 < (draws.donor_delay[:, f.donors.index("A")] > 0).sum() < 20
    for exact in (True, False):
        r = saa_first_month(s, f, draws, exact=exact)
        assert r.first.stock == {("B", "gen"): 10}, exact
        assert r.first.buy == {} and r.first.new == frozenset()
        # every draw then meets the need on time: only the burden terms remain, as in the nominal plan with B
        assert r.objective == pytest.approx(float(np.mean(r.per_draw)), rel=1e-9)
        assert r.lp_bound <= r.objective * (1 + GAP) + 1e-9
    p = plan_with_first_month(s, r.first)
    assert FirstMonth.of_plan(p) == r.first
    assert p.coverage.set_index("month").loc[1, "short"] == 0


def test_a_fixed_first_month_is_kept_in_each_draw() -> None:
    s = two_donors()
    f = compile_factors(s, SLIPS)
    rp = replanner_for(s, f)
    late = nominal(f)
    late.donor_delay[0, f.donors.index("A")] = 3
    v = draw_values(s, f, late)
    from_a = replan_with_first_month(rp, v, FirstMonth({("A", "gen"): 10}))
    from_b = replan_with_first_month(rp, v, FirstMonth({("B", "gen"): 10}))
    # A's 10 arrive in month 4, three months late; B's in month 1
    assert from_a.held[0, 1] == 0 and from_a.held[0, 4] == 10
    assert from_b.held[0, 1] == 10
    assert from_a.objective > from_b.objective + 1


@pytest.mark.parametrize("case", ["tiny", "two donors", "platforms"])
def test_one_nominal_draw_gives_the_nominal_plans_objective(case: str) -> None:
    """With one draw in which nothing goes wrong, the sample-average plan is the nominal plan."""
    if case == "platforms":
        from tests.sweep.test_replan import platform_replanner

        s, f, rp = platform_replanner()
    else:
        s = tiny() if case == "tiny" else two_donors()
        f = compile_factors(s, default_spec() if case == "tiny" else SLIPS)
        rp = replanner_for(s, f)
    p = plan(s)
    r = saa_first_month(s, f, nominal(f), exact=True, replanner=rp)
    assert r.objective == pytest.approx(p.objective, rel=GAP)
    h = saa_first_month(s, f, nominal(f), exact=False, replanner=rp)
    assert h.objective >= p.objective * (1 - GAP) - 1e-6
    if case != "platforms":
        assert h.objective == pytest.approx(p.objective, rel=GAP)
    # and the stated scenario's plan with that first month is as good as the nominal plan
    q = plan_with_first_month(s, r.first)
    assert q.objective == pytest.approx(p.objective, rel=GAP)


def test_results_are_identical_for_a_seed() -> None:
    s = tiny()
    f = compile_factors(s, default_spec())
    a = saa_first_month(s, f, draw_batch(f, 5, range(6)))
    b = saa_first_month(s, f, draw_batch(f, 5, range(6)))
    assert a.first == b.first and a.objective == b.objective
    np.testing.assert_array_equal(a.per_draw, b.per_draw)


def test_no_draws_is_refused() -> None:
    s = tiny()
    f = compile_factors(s, default_spec())
    with pytest.raises(AllyplanError, match="at least one draw"):
        saa_first_month(s, f, nominal(f, 0))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), n=st.integers(1, 4))
def test_the_sample_average_is_never_below_its_lp_bound_nor_above_the_nominal_first_month(seed: int, n: int) -> None:
    """The SAA's value lies between its LP relaxation and what the nominal plan's first month gives on the same
    draws (the nominal first month is one the SAA could have chosen)."""
    s = two_donors()
    f = compile_factors(s, SLIPS)
    rp = replanner_for(s, f)
    d = draw_batch(f, seed, range(n))
    r = saa_first_month(s, f, d, exact=True, replanner=rp)
    nominal_first = FirstMonth.of_plan(plan(s))
    other = np.mean([replan_with_first_month(rp, draw_values(s, f, d, j), nominal_first).objective
                     for j in range(n)])
    assert r.lp_bound <= r.objective * (1 + GAP) + 1e-6
    assert r.objective <= other * (1 + GAP) + 1e-6


def test_first_month_table_lists_each_decision() -> None:
    fm = FirstMonth({("A", "gen"): 3}, {("L", "F", "gen"): 2}, frozenset({"sys"}))
    t = fm.table()
    rows: list[dict[str, Any]] = t.to_dict("records")
    assert rows == [{"kind": "stock", "source": "A", "fund": "", "item": "gen", "units": 3},
                    {"kind": "order", "source": "L", "fund": "F", "item": "gen", "units": 2},
                    {"kind": "new platform", "source": "", "fund": "", "item": "sys", "units": 1}]


def test_a_thread_count_highs_refuses_is_named(tmp_path: Path) -> None:
    """HiGHS keeps the thread count of a process's first solve: asking for another one was reported as 'no solution
    (Not Set) within 60 s'. Run in a new process, so that this one's count is left alone."""
    code = ("from allyplan.planner import plan\n"
            "from allyplan.sweep.saa import saa_first_month\n"
            "from allyplan.sweep.uncertainty import compile_factors, default_spec, nominal\n"
            "from tests.sweep.conftest import tiny\n"
            "from allyplan.errors import AllyplanError\n"
            "s = tiny(); f = compile_factors(s, default_spec()); plan(s, threads=2)\n"
            "print('default', saa_first_month(s, f, nominal(f)).objective > 0)\n"
            "try:\n    saa_first_month(s, f, nominal(f), threads=1)\n"
            "except AllyplanError as e:\n    print(e)\n")
    root = Path(__file__).resolve().parents[2]
    r = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=300,
                       env={**os.environ, "PYTHONPATH": str(root)})
    assert r.returncode == 0, r.stderr
    assert "default True" in r.stdout
    assert "HiGHS refused to solve with threads=1" in r.stdout and "first solve" in r.stdout
