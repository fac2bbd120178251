"""Sweep benchmark: samples per second on the example scenario with the default uncertainty file, this machine.

Measured in the same run:
  1. re-planning on one worker process (one core, solver threads 1): plans per second; one re-plan on the
     superset model (planner/resolve.py, what a sweep does) against one full ``plan(apply_draw(...))`` (what it
     did before) on the same draws, in this process, alternating, with where a full plan's time goes;
  2. fixed evaluation (--fixed), in this process: evaluations per second, the evaluator alone and the whole
     sweep (draws, evaluation, tables written per chunk; sensitivities off, then on the first 200 samples);
  3. re-planning on 1 and on 2 local worker processes: the speed-up;
  4. the Dask overhead per sample: the same sweeps on a LocalCluster of one worker (cluster started before the
     clock starts) against one local worker process (re-planning) and in-process (--fixed).
Targets (issue 12): >= 10 plans/s per core re-planning, >= 200 evaluations/s per core with --fixed, near-linear
speed-up from 1 to 2 workers. Times are medians over --repeats runs; the load average is printed, since the
machine may be shared.

    python benchmarks/bench_sweep.py [--replan-samples 64] [--fixed-samples 2000] [--repeats 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any


def timed_sweep(base: Path, name: str, samples: int, *, fixed: Any = None, sens: int = 0, chunk: int | None = None,
                steady: list[float] | None = None, fast: bool = True, **engine: Any) -> float:
    """Seconds run_sweep spends running chunks (not preparing, not writing the summaries). ``steady`` receives
    the rate (samples/s) between the first and the last chunk finished, which leaves out starting workers."""
    from allyplan import example_path, load_scenario
    from allyplan.sweep import SweepProgress, default_spec, prepare_sweep, run_sweep

    s = load_scenario(example_path())
    setup = prepare_sweep(base / f"{name}-{time.time_ns()}", s, default_spec(), samples=samples, seed=1, fixed=fixed,
                          chunk_size=chunk, sensitivity_samples=sens)
    setup.task.fast = fast
    marks: list[tuple[int, float]] = []

    def seen(p: SweepProgress) -> None:
        if p.done:
            marks.append((p.done, time.perf_counter()))

    res = run_sweep(setup, progress=seen, **engine)
    assert res.complete
    if steady is not None and len(marks) >= 2:
        steady.append((marks[-1][0] - marks[0][0]) / (marks[-1][1] - marks[0][1]))
    return res.seconds


def median_of(repeats: int, fn: Any) -> float:
    return statistics.median(fn() for _ in range(repeats))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--replan-samples", type=int, default=64)
    ap.add_argument("--fixed-samples", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()

    from allyplan import example_path, load_scenario
    from allyplan.planner import plan
    from allyplan.sweep import FixedEvaluator, compile_factors, default_spec
    from allyplan.sweep.uncertainty import apply_draw, draw_batch

    s = load_scenario(example_path())
    nominal = plan(s, threads=1)
    f = compile_factors(s, default_spec())
    base = Path(tempfile.mkdtemp(prefix="bench-sweep-"))
    load_before = os.getloadavg()
    r: dict[str, Any] = {"machine": platform.platform(), "cores": os.cpu_count(), "loadavg_before": load_before}

    # 1. Re-planning, in process: the superset model against a full plan per draw, alternating on the same draws.
    from allyplan.sweep.replan import draw_values, replanner_for

    t0 = time.perf_counter()
    rp = replanner_for(s, f)
    r["replanner_setup_s"] = time.perf_counter() - t0
    draws = draw_batch(f, 1, range(a.replan_samples))
    stages: dict[str, list[float]] = {}
    walls: list[float] = []
    fast_walls: list[float] = []
    # CPU seconds of this process (the solver's thread included): less dependent on what else the machine runs
    cpu: list[float] = []
    fast_cpu: list[float] = []
    same = 0
    for i in range(len(draws)):
        c0, t0 = time.process_time(), time.perf_counter()
        fr = rp.replan(draw_values(s, f, draws, i), threads=1)
        fast_walls.append(time.perf_counter() - t0)
        fast_cpu.append(time.process_time() - c0)
        if i >= 8:
            continue
        c0, t0 = time.process_time(), time.perf_counter()
        p = plan(apply_draw(s, f, draws.row(i)), threads=1)
        walls.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        same += abs(fr.objective - p.objective) <= 2e-4 * abs(p.objective)
        for k, v in p.timings.items():
            stages.setdefault(k, []).append(v)
    r["replan_plan_s_median"] = statistics.median(walls)
    r["replan_stage_s_median"] = {k: round(statistics.median(v), 4) for k, v in stages.items()}
    r["replan_fast_s_median"] = statistics.median(fast_walls)
    r["replan_fast_plans_per_s_in_process"] = len(fast_walls) / sum(fast_walls)
    r["replan_fast_same_objective"] = f"{same}/{len(walls)}"
    r["replan_fast_cpu_s_mean"] = statistics.mean(fast_cpu)
    r["replan_full_cpu_s_mean"] = statistics.mean(cpu)
    r["replan_fast_plans_per_cpu_s"] = len(fast_cpu) / sum(fast_cpu)
    r["replan_full_plans_per_cpu_s"] = len(cpu) / sum(cpu)
    st1: list[float] = []
    t1 = median_of(a.repeats, lambda: timed_sweep(base, "replan-1", a.replan_samples, chunk=8, workers=1, steady=st1))
    r["replan_1_worker_plans_per_s"] = a.replan_samples / t1
    r["replan_1_worker_steady_plans_per_s"] = statistics.median(st1)
    n_full = min(a.replan_samples, 16)
    stf: list[float] = []
    tfull = median_of(1, lambda: timed_sweep(base, "replan-full", n_full, chunk=2, workers=1, steady=stf, fast=False))
    r["replan_full_1_worker_plans_per_s"] = n_full / tfull
    r["replan_full_1_worker_steady_plans_per_s"] = statistics.median(stf) if stf else float("nan")

    # 2. Fixed evaluation, in process.
    big = draw_batch(f, 1, range(a.fixed_samples))
    ev = FixedEvaluator(s, f, nominal.deliveries, nominal.baseline)
    te = median_of(a.repeats, lambda: _clock(lambda: ev.run(big)))
    r["fixed_evaluator_evals_per_s"] = a.fixed_samples / te
    td = median_of(a.repeats, lambda: _clock(lambda: draw_batch(f, 2, range(a.fixed_samples))))
    r["draws_per_s"] = a.fixed_samples / td
    tf = median_of(a.repeats, lambda: timed_sweep(base, "fixed", a.fixed_samples, fixed=nominal, workers=1))
    r["fixed_sweep_evals_per_s"] = a.fixed_samples / tf
    tfs = median_of(a.repeats, lambda: timed_sweep(base, "fixed-sens", a.fixed_samples, fixed=nominal, sens=200,
                                                   workers=1))
    r["fixed_sweep_with_200_sensitivities_evals_per_s"] = a.fixed_samples / tfs

    # 3. Speed-up from 1 to 2 local worker processes (re-planning).
    st2: list[float] = []
    t2 = median_of(a.repeats, lambda: timed_sweep(base, "replan-2", a.replan_samples, chunk=8, workers=2, steady=st2))
    r["replan_2_workers_plans_per_s"] = a.replan_samples / t2
    r["replan_2_workers_steady_plans_per_s"] = statistics.median(st2)
    r["speedup_1_to_2_workers"] = t1 / t2
    r["speedup_1_to_2_workers_steady"] = statistics.median(st2) / statistics.median(st1)

    # 4. Dask overhead per sample (one worker, against in process).
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        addr = cluster.scheduler_address
        tdr = median_of(a.repeats, lambda: timed_sweep(base, "dask-replan", a.replan_samples, chunk=8,
                                                       scheduler=addr))
        n_fixed = min(a.fixed_samples, 500)
        tif = median_of(a.repeats, lambda: timed_sweep(base, "inproc-fixed", n_fixed, fixed=nominal, chunk=10,
                                                       workers=1))
        tdf = median_of(a.repeats, lambda: timed_sweep(base, "dask-fixed", n_fixed, fixed=nominal, chunk=10,
                                                       scheduler=addr))
    r["dask_overhead_ms_per_sample_replan"] = 1000 * (tdr - t1) / a.replan_samples
    r["dask_overhead_ms_per_sample_fixed_chunk10"] = 1000 * (tdf - tif) / n_fixed
    r["dask_1_worker_plans_per_s"] = a.replan_samples / tdr
    r["loadavg_after"] = os.getloadavg()
    r = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()}

    print(f"machine: {r['machine']}, {r['cores']} cores, load average before {load_before[0]:.1f}, after "
          f"{r['loadavg_after'][0]:.1f} (shared machine: figures are medians of {a.repeats} runs)")
    print(f"re-planning, 1 worker process: {r['replan_1_worker_plans_per_s']:.2f} plans/s per core with worker "
          f"start-up, {r['replan_1_worker_steady_plans_per_s']:.2f} once running [target >= 10]; before (a full "
          f"plan per draw): {r['replan_full_1_worker_plans_per_s']:.2f}, "
          f"{r['replan_full_1_worker_steady_plans_per_s']:.2f} once running")
    print(f"one re-plan in process: {r['replan_fast_s_median']:.4f} s median on the superset model "
          f"({r['replan_fast_plans_per_s_in_process']:.1f} plans/s; model built once in "
          f"{r['replanner_setup_s']:.2f} s) against {r['replan_plan_s_median']:.3f} s for a full plan (stages "
          f"{r['replan_stage_s_median']}); same objective in {r['replan_fast_same_objective']} draws")
    print(f"CPU time per re-plan (this process, solver thread included; mean): "
          f"{r['replan_fast_cpu_s_mean']:.4f} s = {r['replan_fast_plans_per_cpu_s']:.1f} plans per CPU-second on "
          f"the superset model, against {r['replan_full_cpu_s_mean']:.3f} s = "
          f"{r['replan_full_plans_per_cpu_s']:.2f} for a full plan")
    print(f"re-planning, 2 local workers: {r['replan_2_workers_plans_per_s']:.2f} plans/s, "
          f"speed-up {r['speedup_1_to_2_workers']:.2f}x with worker start-up, "
          f"{r['speedup_1_to_2_workers_steady']:.2f}x once running [target near 2]")
    print(f"--fixed, evaluator alone: {r['fixed_evaluator_evals_per_s']:,.0f} evaluations/s; draws "
          f"{r['draws_per_s']:,.0f}/s; whole sweep {r['fixed_sweep_evals_per_s']:,.0f} samples/s per core, "
          f"{r['fixed_sweep_with_200_sensitivities_evals_per_s']:,.0f} with sensitivities on 200 samples "
          f"[target >= 200]")
    print(f"Dask (LocalCluster, 1 worker) overhead per sample: {r['dask_overhead_ms_per_sample_replan']:.1f} ms "
          f"re-planning (chunks of 8), {r['dask_overhead_ms_per_sample_fixed_chunk10']:.2f} ms --fixed "
          f"(chunks of 10)")
    if a.json:
        a.json.write_text(json.dumps(r, indent=2, default=list) + "\n")


def _clock(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


if __name__ == "__main__":
    main()
