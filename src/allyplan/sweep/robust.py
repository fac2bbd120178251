"""Robust planning: choose, among the nominal plan, plans buffered against pessimistic quantiles of the
uncertainty and the sample-average (two-stage) plan, the one that does best over the same sampled draws.

A buffered plan at quantile q is planned on the scenario in which every donor's delay and every need's demand
is at its q-quantile, pledges under consideration do not count, and a committed pledge counts only if it comes
with probability at least q: it ships earlier and more. Production lines keep their stated start and capacity:
a plan that assumed less of them would order less, and a slipping line delivers its orders late, not never.

The sample-average plan (:mod:`allyplan.sweep.saa`) chooses the first month's decisions that do best on average
over its own draws when every later month is re-planned knowing the draw; the plan written is the stated
scenario's plan with that first month fixed.

Every candidate is then measured under the same ``samples`` evaluation draws, which are independent of the
sample-average plan's own draws (other streams of the same seed), in two ways:

- ``fixed``: the candidate's whole plan, its deliveries re-evaluated under each draw (numpy, no re-planning:
  what the plan can no longer deliver is replaced by nothing), as ``allyplan sweep --fixed`` does;
- ``replan``: the candidate's first month kept, every later month re-planned knowing the draw (how a plan is
  used when it is re-made each month).

The candidate with the least mean loss (priority-weighted unmet and late need) under ``criterion`` is chosen. A
buffered plan may send more than a need states: that is its buffer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from allyplan.errors import AllyplanError
from allyplan.planner import Plan, plan
from allyplan.scenario import Scenario
from allyplan.sweep.evaluate import FixedEvaluator, NeedInfo, outcomes
from allyplan.sweep.replan import draw_values, replanner_for
from allyplan.sweep.saa import (
    FirstMonth,
    SaaResult,
    first_month_keys,
    plan_with_first_month,
    replan_with_first_month,
    saa_first_month,
)
from allyplan.sweep.uncertainty import Draw, Factors, UncertaintySpec, apply_draw, compile_factors, draw_batch, nominal

__all__ = ["RobustResult", "buffered_draw", "robust_plan", "QUANTILES", "TRAINING", "CRITERIA"]

QUANTILES = (0.6, 0.75, 0.9)


#: the sample-average plan's draws are samples TRAINING, TRAINING + 1, ... of the seed: streams independent of the
#: evaluation draws (samples 0, 1, ...), so that the comparison does not reward fitting the draws it is measured on
TRAINING = 1_000_000_000
CRITERIA = ("replan", "fixed")


@dataclass
class RobustResult:
    """The chosen plan, every candidate's plan and how each fares over the same draws.

    ``comparison``: one row per candidate with, under the fixed evaluation, the mean and percentiles of loss, the
    probability every need is met on time, the share of (draw, need) pairs met on time and the loss as planned;
    under the re-planning evaluation (``replan_*``, when measured) the same with the candidate's first month kept,
    and the mean of the re-plans' objective (the planner's, each draw's needs as drawn: what the sample-average
    plan minimises; the loss weighs shortfalls against the needs as stated); the seconds making the candidate
    took (``plan_seconds``) and those its re-planning evaluation took. ``losses`` / ``replan_losses``: each
    candidate's loss per evaluation draw."""

    plan: Plan
    chosen: str
    candidates: dict[str, Plan]
    comparison: pd.DataFrame
    losses: dict[str, np.ndarray]
    replan_losses: dict[str, np.ndarray] = field(default_factory=dict)
    criterion: str = "fixed"
    saa: SaaResult | None = None
    first_months: dict[str, FirstMonth] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


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
                quantiles: tuple[float, ...] = QUANTILES, saa: bool = True, saa_samples: int | None = None,
                exact: bool = False, replan: bool = True, criterion: str | None = None, time_limit: float = 60.0,
                gap: float = 1e-4, threads: int | None = None,
                progress: Callable[[str], None] | None = None) -> RobustResult:
    """Plan the candidates (nominal, buffered at ``quantiles``, and with ``saa`` the sample-average plan over
    ``saa_samples`` draws of its own, default ``samples``; ``exact``: its MILP rather than its LP relaxation),
    measure each under the same ``samples`` evaluation draws (fixed, and with ``replan`` re-planned after the
    first month), keep the one with the least mean loss under ``criterion`` (``replan`` when measured, else
    ``fixed``). ``progress`` receives a line on each step."""
    if criterion is None:
        criterion = "replan" if replan else "fixed"
    if criterion not in CRITERIA:
        raise AllyplanError(f"criterion '{criterion}' is not one of {', '.join(CRITERIA)}: choose one of them")
    if criterion == "replan" and not replan:
        raise AllyplanError("criterion 'replan' needs the re-planning evaluation: leave replan on, or choose 'fixed'")
    say = progress or (lambda _msg: None)
    t_start = time.perf_counter()
    f = compile_factors(s, spec)
    draws = draw_batch(f, seed, range(samples))
    rows = []
    plans: dict[str, Plan] = {}
    losses: dict[str, np.ndarray] = {}
    firsts: dict[str, FirstMonth] = {}
    seconds: dict[str, float] = {}
    saa_result: SaaResult | None = None
    rp = replanner_for(s, f) if (saa or replan) else None
    names: list[tuple[str, float | None]] = [("nominal", None),
                                             *((f"buffered q{round(100 * q)}", q) for q in quantiles)]
    if saa:
        names.append(("sample-average", None))
    for name, q in names:
        say(f"Planning the {name} candidate…")
        t0 = time.perf_counter()
        if name == "sample-average":
            assert rp is not None
            n_saa = saa_samples or samples
            saa_result = saa_first_month(s, f, draw_batch(f, seed, range(TRAINING, TRAINING + n_saa)), exact=exact,
                                         time_limit=time_limit, gap=gap, threads=threads, replanner=rp,
                                         progress=say)
            p = plan_with_first_month(s, saa_result.first, time_limit=time_limit, gap=gap, threads=threads)
            dl, bl = p.deliveries, p.baseline
        elif q is None:
            p = plan(s, time_limit=time_limit, gap=gap, threads=threads)
            dl, bl = p.deliveries, p.baseline
        else:
            buffer = buffered_draw(f, q)
            p = plan(apply_draw(s, f, buffer), time_limit=time_limit, gap=gap, threads=threads)
            dl, bl = _rebased(s, f, p, buffer)
        made = time.perf_counter() - t0
        plans[name] = p
        firsts[name] = saa_result.first if name == "sample-average" and saa_result is not None else \
            FirstMonth.of_plan(p)
        ev = FixedEvaluator(s, f, dl, bl)
        o = ev.run(draws)
        loss = losses[name] = o.loss.sum(1)
        rows.append({"candidate": name, "loss_mean": float(loss.mean()),
                     **{f"loss_p{k}": float(np.percentile(loss, k)) for k in (10, 50, 90)},
                     "p_all_on_time": float(o.on_time.all(1).mean()),
                     "share_on_time": float(o.on_time.mean()),
                     "loss_as_planned": float(ev.run(nominal(f)).loss.sum()),
                     "units": float(p.deliveries["quantity"].sum()),
                     "value_eur": float(p.deliveries["value_eur"].sum()),
                     "plan_seconds": made})
    seconds["candidates"] = time.perf_counter() - t_start
    replan_losses: dict[str, np.ndarray] = {}
    if replan:
        assert rp is not None
        t1 = time.perf_counter()
        info = NeedInfo.of(s)
        Qd, rd = info.demand(draws)
        values = [draw_values(s, f, draws, j) for j in range(samples)]
        keys = first_month_keys(rp)
        for row in rows:
            name = str(row["candidate"])
            say(f"Re-planning the {samples} evaluation draws after the {name} candidate's first month…")
            t0 = time.perf_counter()
            held = np.zeros((samples, len(f.needs), s.horizon))
            covered = np.zeros_like(held)
            objective = np.zeros(samples)
            for j, v in enumerate(values):
                r = replan_with_first_month(rp, v, firsts[name], time_limit=time_limit, gap=gap, threads=threads,
                                            keys=keys)
                held[j], covered[j], objective[j] = r.held, r.covered, r.objective
            o = outcomes(info, Qd, rd, held, covered)
            loss = replan_losses[name] = o.loss.sum(1)
            row.update({"replan_loss_mean": float(loss.mean()),
                        **{f"replan_loss_p{k}": float(np.percentile(loss, k)) for k in (10, 50, 90)},
                        "replan_p_all_on_time": float(o.on_time.all(1).mean()),
                        "replan_share_on_time": float(o.on_time.mean()),
                        "replan_objective_mean": float(objective.mean()),
                        "replan_seconds": time.perf_counter() - t0})
        seconds["replan_evaluation"] = time.perf_counter() - t1
    comparison = pd.DataFrame(rows)
    key = "replan_loss_mean" if criterion == "replan" else "loss_mean"
    best = str(comparison.sort_values(key, kind="stable")["candidate"].iloc[0])
    comparison["chosen"] = comparison["candidate"] == best
    seconds["total"] = time.perf_counter() - t_start
    return RobustResult(plans[best], best, plans, comparison, losses, replan_losses, criterion, saa_result, firsts,
                        seconds)
