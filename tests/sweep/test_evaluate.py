"""Fixed evaluation: one plan's deliveries under a draw, with answers worked out by hand."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allyplan.sweep.evaluate import FixedEvaluator, outcomes, plan_matrices
from allyplan.sweep.uncertainty import Draw, compile_factors, default_spec, draw_batch, nominal
from tests.conftest import ITEMS, make
from tests.sweep.conftest import tiny

COLS = ["donor", "item", "source", "fund", "ship_month", "arrive_month", "quantity", "value_eur", "need"]


def tiny_plan() -> tuple[pd.DataFrame, pd.DataFrame]:
    """By hand: A's 10 from stock arrive in month 1, line L makes 4 a month in months 0-3, A's pledge of 4 arrives
    in month 1: 30 in service in month 3, the due month."""
    rows = [["A", "gen", "stock", "", 0, 1, 10, 0, "power"]]
    rows += [["A", "gen", "L", "F", m, m, 4, 0, "power"] for m in range(4)]
    base = pd.DataFrame([["pledge:committed", "A", "gen", 1, 4, "power"]],
                        columns=["origin", "donor", "item", "arrive_month", "quantity", "need"])
    return pd.DataFrame(rows, columns=COLS), base


def evaluate(change: dict[str, list[float]]) -> Any:
    s = tiny()
    f = compile_factors(s, default_spec())
    ev = FixedEvaluator(s, f, *tiny_plan())
    d = nominal(f)
    for k, v in change.items():
        getattr(d, k)[0] = v
    return ev.run(d)


@pytest.mark.parametrize(("change", "met", "unmet", "loss"), [
    ({}, 3, 0, 0.0),
    ({"donor_delay": [2, 0]}, 3, 0, 0.0),  # arrives in month 3: the slip is absorbed
    ({"donor_delay": [3, 0]}, 4, 0, 3 * 100 * 14 / 30),  # 16 in service in month 3: 14 short for a month
    ({"line_capacity": [0.5]}, -1, 1, 3 * (1000 * 1 / 30 + 100 * (6 + 4 + 1) / 30)),  # 2.5 a month, backlog
    ({"line_delay": [2]}, 5, 0, 3 * 100 * (6 + 1) / 30),  # starts in month 2, catches up by month 5
    ({"pledge_comes": [0, 1]}, -1, 4, 3 * (1000 * 4 / 30 + 100 * 12 / 30)),  # the fixed plan never used B's
    ({"need_demand": [1.1]}, -1, 3, 3 * (1000 * 3 / 30 + 100 * 9 / 30)),
])
def test_slips_by_hand(change: dict[str, list[float]], met: int, unmet: float, loss: float) -> None:
    o = evaluate(change)
    assert o.met_month[0, 0] == met
    assert o.unmet[0, 0] == pytest.approx(unmet)
    assert o.loss[0, 0] == pytest.approx(loss)
    assert o.on_time[0, 0] == (met == 3)


def test_an_interceptor_counts_only_once_its_platform_is_in_service() -> None:
    items = [dict(i) for i in ITEMS]
    s = make({"items": items,
              "stocks": [{"donor": "A", "item": "sys", "quantity": 1, "lead_months": 0},
                         {"donor": "B", "item": "msl", "quantity": 10, "lead_months": 0}],
              "needs": [{"id": "ad", "kind": "hold", "quantity": 1, "due": "2027-01", "accepts": "sys:1"},
                        {"id": "ammo", "kind": "flow", "per_month": 2, "from": "2027-01", "to": "2027-05",
                         "accepts": "msl:1"}]})
    f = compile_factors(s, default_spec())
    dl = pd.DataFrame([["A", "sys", "stock", "", 0, 0, 1, 0, "ad"], ["B", "msl", "stock", "", 0, 0, 10, 0, "ammo"]],
                      columns=COLS)
    ev = FixedEvaluator(s, f, dl, pd.DataFrame(columns=["origin", "donor", "item", "arrive_month", "quantity",
                                                        "need"]))
    d = nominal(f)
    assert ev.run(d).unmet[0].tolist() == [0, 0]
    d.donor_delay[0, f.donors.index("A")] = 2
    o = ev.run(d)
    assert o.unmet[0].tolist() == [0, 4]  # months 0 and 1 of the window pass without a launcher
    assert o.met_month[0].tolist() == [2, 2]


def test_nominal_evaluation_is_the_plan_itself(example) -> None:  # type: ignore[no-untyped-def]
    s, p = example
    f = compile_factors(s, default_spec())
    ev = FixedEvaluator(s, f, p.deliveries, p.baseline)
    o = ev.run(nominal(f))
    held, covered = plan_matrices(ev.info, p.coverage)
    Qd, rd = ev.info.demand(nominal(f))
    q = outcomes(ev.info, Qd, rd, held, covered)
    assert np.array_equal(o.unmet, q.unmet) and np.array_equal(o.met_month, q.met_month)
    assert o.loss.sum() == pytest.approx(p.terms["unmet"] + p.terms["late"])
    cov = p.coverage.set_index(["need", "month"])
    last = cov.xs(s.horizon - 1, level="month")
    hold = s.needs[s.needs["kind"] == "hold"]["id"]
    assert o.unmet[0, hold.index].tolist() == pytest.approx(last.loc[hold, "short"].tolist())


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**31), sample=st.integers(0, 10**6))
def test_slips_never_help_a_fixed_plan(example, seed: int, sample: int) -> None:  # type: ignore[no-untyped-def]
    """With demand as stated, delays, shortfalls and pledges falling through can only add loss to every need, and
    never bring a hold need's month met forward. (A flow need's month met can move forward: stock that arrives
    late is consumed late, so the last months of a window may be covered where they were not.)"""
    s, p = example
    f = compile_factors(s, default_spec())
    ev = FixedEvaluator(s, f, p.deliveries, p.baseline)
    d: Draw = draw_batch(f, seed, range(sample, sample + 4))
    d.need_demand[:] = 1.0
    base = ev.run(nominal(f))
    o = ev.run(d)
    assert (o.loss >= base.loss - 1e-9).all()
    assert (o.unmet >= base.unmet - 1e-9).all()
    hold = ev.info.hold[None, :]
    later = (o.met_month == -1) | (base.met_month >= 0) & (o.met_month >= base.met_month)
    assert (later | ~hold).all()


def test_sensitivities_name_the_factor_that_hurts() -> None:
    s = tiny()
    f = compile_factors(s, default_spec())
    ev = FixedEvaluator(s, f, *tiny_plan())
    d = nominal(f, 2)
    d.donor_delay[0] = [3, 0]  # sample 0: A three months late
    d.pledge_comes[1] = [0, 0]  # sample 1: A's pledge falls through
    sens = ev.sensitivities(d)
    got = {(r.sample, r.kind, r.factor): r.delta for r in sens.itertuples()}
    assert got == pytest.approx({(0, "donor", "A"): 140.0, (1, "pledge", "A/gen/2027-02"): 520.0})
