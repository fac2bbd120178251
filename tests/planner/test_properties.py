"""Rules that must hold for every plan: random generated scenarios, checked by the independent verifier."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allyplan import plan
from allyplan.generate import generate_scenario
from allyplan.verify import verify_plan


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(donors=st.integers(1, 6), items=st.integers(2, 25), needs=st.integers(1, 20), months=st.integers(1, 9),
       seed=st.integers(0, 10_000))
def test_every_plan_keeps_every_rule(donors: int, items: int, needs: int, months: int, seed: int) -> None:
    s = generate_scenario(donors=donors, items=items, needs=needs, months=months, seed=seed)
    p = plan(s, time_limit=20)
    report = verify_plan(s, p)
    assert report.ok, report.violations
    # Whole units, and every shortfall explained with a limit and a relief.
    assert (p.deliveries["quantity"] % 1 == 0).all()
    short = p.coverage[p.coverage["short"] > 1e-9]
    assert len(short) == len(p.shortfalls)
    assert (p.shortfalls["reason"] != "").all() and (p.shortfalls["relief"] != "").all()
    # The plan's objective is never below the solver's proven bound.
    assert p.objective >= p.bound - 1e-6 * max(1.0, abs(p.bound))


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_generator_is_deterministic(seed: int) -> None:
    a = generate_scenario(donors=3, items=10, needs=5, months=6, seed=seed)
    b = generate_scenario(donors=3, items=10, needs=5, months=6, seed=seed)
    assert a.stocks.equals(b.stocks) and a.needs.equals(b.needs) and a.accepts.equals(b.accepts)
