"""Robust planning: choose, among the nominal plan and plans buffered against pessimistic quantiles of the
uncertainty, the one that does best over the same sampled draws.

A buffered plan at quantile q is planned on the scenario in which every donor's delay and every need's demand
is at its q-quantile, pledges under consideration do not count, and a committed pledge counts only if it comes
with probability at least q: it ships earlier and more. Production lines keep their stated start and capacity:
a plan that assumed less of them would order less, and a slipping line delivers its orders late, not never.
Each candidate's deliveries are then re-evaluated (numpy, no re-planning) under the
same ``samples`` draws, and the candidate with the least mean loss (priority-weighted unmet and late need) is
chosen. A buffered plan may send more than a need states: that is its buffer.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from allyplan.planner import Plan, plan
from allyplan.scenario import Scenario
from allyplan.sweep.evaluate import FixedEvaluator
from allyplan.sweep.uncertainty import Draw, Factors, UncertaintySpec, apply_draw, compile_factors, draw_batch, nominal

__all__ = ["RobustResult", "buffered_draw", "robust_plan", "QUANTILES"]

QUANTILES = (0.6, 0.75, 0.9)


@dataclass
class RobustResult:
    """The chosen plan, every candidate's plan and how each fares over the same draws (``comparison``: one row
    per candidate with mean and percentiles of loss, the probability every need is met on time, the loss as
    planned, and the seconds its planning took)."""

    plan: Plan
    chosen: str
    candidates: dict[str, Plan]
    comparison: pd.DataFrame
    losses: dict[str, np.ndarray]


def buffered_draw(f: Factors, q: float) -> Draw:
    """The pessimistic draw at quantile ``q`` (donors' delays and demand high, doubtful pledges out)."""
    d = nominal(f)

    def quant(sec: str, qq: float) -> np.ndarray | None:
        dists = f.dists[sec]
        if not dists:
            return None
        return np.array([dist.quantile(qq) if dist is not None else np.nan for dist in dists])

    for sec, name, qq, whole in (("donor_delay", "donor_delay", q, True), ("need_demand", "need_demand", q, False)):
        v = quant(sec, qq)
        if v is not None:
            row = getattr(d, name)[0]
            have = ~np.isnan(v)
            row[have] = np.floor(v[have] + 0.5) if whole else v[have]
    fall = [dist.p("p") if dist is not None else 0.0 for dist in f.dists["pledge_fall"]]
    d.pledge_comes[0] = [1.0 if st == "committed" and 1 - p >= q else 0.0
                         for st, p in zip(f.pledge_status, fall, strict=True)]
    return d


def _rebased(s: Scenario, f: Factors, p: Plan, buffer: Draw) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A buffered plan's tables with arrivals as they would be without the buffer's delays (what the draws then
    delay again)."""
    delay = dict(zip(f.donors, buffer.donor_delay[0].tolist(), strict=True))

    def shift(df: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
        back = np.array([delay.get(str(x), 0.0) for x in df["donor"]], dtype=float)
        return (df["arrive_month"].to_numpy(dtype=float) - np.where(rows, back, 0.0)).astype(np.int64)

    dl = p.deliveries.copy()
    dl["arrive_month"] = shift(dl, (dl["source"] == "stock").to_numpy())
    bl = p.baseline.copy()
    bl["arrive_month"] = np.maximum(shift(bl, (bl["origin"] == "pledge:committed").to_numpy()), 0)
    return dl, bl


def robust_plan(s: Scenario, spec: UncertaintySpec, *, samples: int = 50, seed: int = 0,
                quantiles: tuple[float, ...] = QUANTILES, time_limit: float = 60.0, gap: float = 1e-4,
                threads: int | None = None) -> RobustResult:
    """Plan the nominal scenario and buffered ones, evaluate each over the same ``samples`` draws, keep the best."""
    f = compile_factors(s, spec)
    draws = draw_batch(f, seed, range(samples))
    rows = []
    plans: dict[str, Plan] = {}
    losses: dict[str, np.ndarray] = {}
    for q in (None, *quantiles):
        name = "nominal" if q is None else f"buffered q{round(100 * q)}"
        t0 = time.perf_counter()
        if q is None:
            p = plan(s, time_limit=time_limit, gap=gap, threads=threads)
            dl, bl = p.deliveries, p.baseline
        else:
            buffer = buffered_draw(f, q)
            p = plan(apply_draw(s, f, buffer), time_limit=time_limit, gap=gap, threads=threads)
            dl, bl = _rebased(s, f, p, buffer)
        seconds = time.perf_counter() - t0
        plans[name] = p
        ev = FixedEvaluator(s, f, dl, bl)
        o = ev.run(draws)
        loss = losses[name] = o.loss.sum(1)
        rows.append({"candidate": name, "loss_mean": float(loss.mean()),
                     **{f"loss_p{k}": float(np.percentile(loss, k)) for k in (10, 50, 90)},
                     "p_all_on_time": float(o.on_time.all(1).mean()),
                     "loss_as_planned": float(ev.run(nominal(f)).loss.sum()),
                     "units": float(p.deliveries["quantity"].sum()),
                     "value_eur": float(p.deliveries["value_eur"].sum()),
                     "plan_seconds": seconds})
    comparison = pd.DataFrame(rows)
    best = str(comparison.sort_values("loss_mean", kind="stable")["candidate"].iloc[0])
    comparison["chosen"] = comparison["candidate"] == best
    return RobustResult(plans[best], best, plans, comparison, losses)
