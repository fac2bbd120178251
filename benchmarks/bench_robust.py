"""Robust-plan benchmark: the buffered choice against the sample-average (two-stage) plan, on the example scenario
with the default uncertainty file, this machine, one run (solver threads 1).

Measured in the same run:
  1. the buffered choice alone (``robust_plan(saa=False, replan=False)``: nominal and three buffered plans, each
     re-evaluated fixed under the evaluation draws): time to choose;
  2. the whole choice (``robust_plan``: the same and the sample-average plan from its LP relaxation, every
     candidate also re-planned after its first month under the evaluation draws): time to choose, and per
     candidate mean loss and P(all needs met on time) and the share of needs met on time, both evaluations;
  3. the sample-average LP heuristic alone and the sample-average MILP (``saa_first_month(exact=True)``) on the
     same draws: their time and objective, and how the MILP's first month does under the same evaluation draws.
The evaluation draws (samples 0..N-1 of the seed) are independent of the sample-average plan's own draws.
Times: wall seconds and CPU seconds of this process (the solver's thread included); the load average is printed,
since the machine may be shared.

    python benchmarks/bench_robust.py [--samples 50] [--seed 0] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path
from typing import Any


class Clock:
    """Wall and CPU seconds of a block."""

    def __enter__(self) -> Clock:
        self.w, self.c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.w, time.process_time() - self.c


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--samples", type=int, default=50)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()

    import numpy as np

    from allyplan import example_path, load_scenario
    from allyplan.sweep import FixedEvaluator, compile_factors, default_spec
    from allyplan.sweep.evaluate import NeedInfo, outcomes
    from allyplan.sweep.replan import draw_values, replanner_for
    from allyplan.sweep.robust import TRAINING, robust_plan
    from allyplan.sweep.saa import plan_with_first_month, replan_with_first_month, saa_first_month
    from allyplan.sweep.uncertainty import draw_batch

    s = load_scenario(example_path())
    spec = default_spec()
    f = compile_factors(s, spec)
    n = a.samples
    r: dict[str, Any] = {"machine": platform.platform(), "cores": os.cpu_count(), "samples": n,
                         "loadavg_before": os.getloadavg()}

    with Clock() as c1:
        buffered = robust_plan(s, spec, samples=n, seed=a.seed, saa=False, replan=False, threads=1)
    r["buffered_choice"] = {"wall_s": c1.wall, "cpu_s": c1.cpu, "chosen": buffered.chosen}
    print(f"buffered choice: {c1.wall:.1f} s wall, {c1.cpu:.1f} s CPU; chosen {buffered.chosen}", flush=True)

    with Clock() as c2:
        full = robust_plan(s, spec, samples=n, seed=a.seed, threads=1)
    assert full.saa is not None
    r["whole_choice"] = {"wall_s": c2.wall, "cpu_s": c2.cpu, "chosen": full.chosen, "seconds": full.seconds,
                         "saa_lp": {"seconds": full.saa.seconds, "size": full.saa.size,
                                    "objective": full.saa.objective, "lp_bound": full.saa.lp_bound}}
    cols = ["candidate", "loss_mean", "loss_p90", "p_all_on_time", "share_on_time", "replan_loss_mean",
            "replan_loss_p90", "replan_p_all_on_time", "replan_share_on_time", "replan_objective_mean",
            "plan_seconds", "replan_seconds", "chosen"]
    r["comparison"] = full.comparison[cols].to_dict("records")
    # Paired differences against the nominal plan over the same draws: mean and its standard error.
    paired: dict[str, dict[str, float]] = {}
    for how, losses in (("fixed", full.losses), ("replan", full.replan_losses)):
        for name, loss in losses.items():
            diff = loss - losses["nominal"]
            paired.setdefault(name, {})[how] = float(diff.mean())
            paired[name][how + "_se"] = float(diff.std(ddof=1) / np.sqrt(len(diff))) if len(diff) > 1 else 0.0
    r["paired_vs_nominal"] = paired
    print("loss minus the nominal plan's, same draws (mean ± standard error): " + "; ".join(
        f"{k}: fixed {v['fixed']:,.0f} ± {v['fixed_se']:,.0f}, re-planned {v['replan']:,.0f} ± {v['replan_se']:,.0f}"
        for k, v in paired.items()))
    print(f"whole choice: {c2.wall:.1f} s wall, {c2.cpu:.1f} s CPU; chosen {full.chosen}; {full.seconds}")
    print(full.comparison[cols].to_string(float_format=lambda x: f"{x:,.3f}"), flush=True)

    # The MILP on the same training draws as the LP heuristic's, and its first month under the same evaluation.
    training = draw_batch(f, a.seed, range(TRAINING, TRAINING + n))
    rp = replanner_for(s, f)
    with Clock() as c6:
        heuristic = saa_first_month(s, f, training, threads=1, replanner=rp)
    r["saa_lp"] = {"wall_s": c6.wall, "cpu_s": c6.cpu, "objective": heuristic.objective, "lp_bound": heuristic.lp_bound,
                   "seconds": heuristic.seconds}
    with Clock() as c3:
        exact = saa_first_month(s, f, training, exact=True, threads=1, replanner=rp, time_limit=600)
    with Clock() as c4:
        p = plan_with_first_month(s, exact.first, threads=1)
    draws = draw_batch(f, a.seed, range(n))
    o = FixedEvaluator(s, f, p.deliveries, p.baseline).run(draws)
    info = NeedInfo.of(s)
    Qd, rd = info.demand(draws)
    held = np.zeros((n, len(f.needs), s.horizon))
    covered = np.zeros_like(held)
    obj = np.zeros(n)
    with Clock() as c5:
        for j in range(n):
            rr = replan_with_first_month(rp, draw_values(s, f, draws, j), exact.first, threads=1)
            held[j], covered[j], obj[j] = rr.held, rr.covered, rr.objective
    oo = outcomes(info, Qd, rd, held, covered)
    lp_first = full.first_months["sample-average"]
    r["saa_milp"] = {"wall_s": c3.wall, "cpu_s": c3.cpu, "status": exact.status, "objective": exact.objective,
                     "bound": exact.lp_bound, "size": exact.size, "plan_wall_s": c4.wall,
                     "same_first_month_as_lp": exact.first == lp_first,
                     "fixed": {"loss_mean": float(o.loss.sum(1).mean()),
                               "p_all_on_time": float(o.on_time.all(1).mean()),
                               "share_on_time": float(o.on_time.mean())},
                     "replan": {"loss_mean": float(oo.loss.sum(1).mean()),
                                "p_all_on_time": float(oo.on_time.all(1).mean()),
                                "share_on_time": float(oo.on_time.mean()), "objective_mean": float(obj.mean()),
                                "wall_s": c5.wall}}
    print(f"SAA MILP: {c3.wall:.1f} s wall, {c3.cpu:.1f} s CPU, {exact.status}, objective {exact.objective:,.1f} "
          f"(bound {exact.lp_bound:,.1f}); LP heuristic alone: {c6.wall:.1f} s wall, {c6.cpu:.1f} s CPU, objective "
          f"{heuristic.objective:,.1f} (LP {heuristic.lp_bound:,.1f}); same first month: {exact.first == lp_first}")
    print(f"SAA MILP's first month: fixed loss {r['saa_milp']['fixed']['loss_mean']:,.1f}, re-planned loss "
          f"{r['saa_milp']['replan']['loss_mean']:,.1f}, re-planned objective {obj.mean():,.1f}")
    r["loadavg_after"] = os.getloadavg()
    print(f"load average before {r['loadavg_before']}, after {r['loadavg_after']}")
    if a.json:
        a.json.write_text(json.dumps(r, indent=2, default=str))


if __name__ == "__main__":
    main()
