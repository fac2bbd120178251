"""Planner benchmark: `allyplan plan` end to end against scenario size, beside HiGHS alone and a greedy plan.

In one run, on this machine:
  1. the shipped example, end to end;
  2. generated cases from 1/16 to 2x the large case (1x = 50 donors x 500 items x 1,000 needs x 36 months,
     seed 0), each `allyplan plan --time-limit T` in a fresh process (T is the whole run's wall time): wall
     time (median of --repeat runs), peak memory, status, proven gap, HiGHS's own work (simplex iterations,
     nodes), and `allyplan verify` on the plan written;
  3. HiGHS alone on the same model, exported to MPS, with the same time budget T: its best plan, bound, gap;
  4. a greedy plan as a spreadsheet would make it (needs by priority, then the cheapest compatible releasable
     source first: holdings and pledges, donor stock, then production a fund may buy), keeping every rule and
     checked by the verifier: its priority-weighted unmet need against allyplan's (sum over needs of priority x
     fraction of the need unmet at the end), and the least any plan keeping the rules can have (an LP bound).
Targets (issue 10): large case <= 10 s end to end with a proven gap <= 1%, peak <= 1 GB; 1/8, 1/4, 1/2 proven
optimal (gap <= 1e-4) in <= 5 s each.

    python benchmarks/bench_planner.py [--time-limit 10] [--repeat 3] [--sizes 0.0625,0.125,...]
                                       [--json out.json] [--svg chart.svg]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

SIZES = [1 / 16, 1 / 8, 1 / 4, 1 / 2, 1.0, 2.0]
HIGHS_ALONE = """
import json, sys, time, highspy
t0 = time.perf_counter()
h = highspy.Highs(); h.setOptionValue("output_flag", False)
h.readModel(sys.argv[1]); h.setOptionValue("time_limit", float(sys.argv[2])); h.setOptionValue("mip_rel_gap", 1e-4)
h.run(); i = h.getInfo(); ok = i.primal_solution_status == 2
print(json.dumps({"wall_s": time.perf_counter() - t0, "status": h.modelStatusToString(h.getModelStatus()),
                  "objective": i.objective_function_value if ok else None, "bound": i.mip_dual_bound,
                  "gap": i.mip_gap if ok else None, "nodes": i.mip_node_count}))
"""


def run(args: list[str]) -> tuple[float, float]:
    """Run a command; return (wall seconds, peak RSS of that child in MB)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(args)} failed")
    return wall, usage.ru_maxrss / 1024.0


def dims(f: float) -> dict[str, int]:
    return {"donors": max(2, round(50 * f)), "items": max(8, round(500 * f)), "needs": max(8, round(1000 * f)),
            "months": 36}


def num(v: float | None) -> str:
    return "none" if v is None or not np.isfinite(v) else f"{v:,.1f}"


def pct(v: float | None) -> str:
    return "-" if v is None or not np.isfinite(v) else f"{v:.3%}"


def label(f: float) -> str:
    return f"1/{round(1 / f)}" if f < 1 else f"{f:g}x"


def unmet_of(scenario: Any, cov: pd.DataFrame) -> float:
    """Priority-weighted unmet need of a plan's coverage table: sum over needs of priority x the fraction of the
    need unmet (a hold need's shortfall in the last month; a flow need's unmet consumption over its window). This
    is the planner's unmet term (``weights.unmet`` apart)."""
    nd = scenario.needs.set_index("id")
    last = cov.groupby("need")["month"].transform("max") == cov["month"]
    hold = cov["need"].map(nd["kind"]) == "hold"
    short = cov[(hold & last) | ~hold].groupby("need")["short"].sum()
    return float((short / nd["quantity"].astype(float).reindex(short.index) * nd["priority"].reindex(
        short.index)).sum())


def greedy_unmet(scenario: Any) -> tuple[float, bool]:
    """Priority-weighted unmet need of the greedy plan a spreadsheet would make (needs by priority, then due
    month; each takes whole units of its accepted items, cheapest first, from holdings and pledges, releasable
    donor stock, then production a fund may pay for, earliest arrival first), keeping every rule the planner
    keeps (:mod:`allyplan.planner.greedy`), and whether the independent verifier passes it.

    An earlier greedy here ignored platforms, line capacity month by month, fund windows and when a flow need's
    units arrive (a unit arriving in a window's last month counted against the whole window's consumption): at
    1/4 size it claimed 331 where no plan that keeps the rules can go below 387.9 (``least_unmet``)."""
    from allyplan.planner import Plan, SolveStatus, build_model
    from allyplan.planner.explain import explain_shortfalls
    from allyplan.planner.greedy import greedy_solution
    from allyplan.planner.results import assign_results
    from allyplan.verify import verify_plan

    m, d = build_model(scenario)
    t = assign_results(m, d, greedy_solution(m, d))
    shortfalls = explain_shortfalls(d, t["coverage"], t["deliveries"], optimal=False)
    p = Plan(scenario=scenario, status=SolveStatus.FEASIBLE, objective=float("nan"), bound=float("nan"),
             gap=float("nan"), deliveries=t["deliveries"], baseline=t["baseline"], coverage=t["coverage"],
             shortfalls=shortfalls, burden=t["burden"])
    return unmet_of(scenario, t["coverage"]), verify_plan(scenario, p).ok


def least_unmet(scenario: Any) -> float:
    """The least priority-weighted unmet need any plan keeping the rules can have: the LP relaxation's optimum
    with only unmet need weighted (lateness, platforms, fairness and drawdown weighted 0). A lower bound: no
    plan, greedy or not, can claim less."""
    from allyplan.planner import build_model
    from allyplan.planner.solve import _highs, _lp, _run

    cfg = scenario.config.model_copy(deep=True)
    s = dataclasses.replace(scenario, config=cfg)
    w = cfg.weights
    unit = float(w.unmet)
    w.late = w.new_platform = w.fairness = w.drawdown = 0.0
    m, _ = build_model(s)
    h = _highs(_lp(m)[0], 600.0, 1e-4, None)
    _run(h)
    return float(h.getInfo().objective_function_value) / unit


def plan_unmet(scenario: Any, out: Path) -> float:
    """allyplan's priority-weighted unmet need, from the coverage it wrote (the same measure)."""
    return unmet_of(scenario, pd.read_csv(out / "coverage.csv"))


def case(name: str, scenario: Path, out: Path, time_limit: float, repeat: int) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "allyplan", "plan", str(scenario), "--out", str(out), "--quiet",
           "--time-limit", str(time_limit)]
    walls, peaks, gaps, statuses = [], [], [], []
    for _ in range(repeat):
        wall, peak = run(cmd)
        summary = json.loads((out / "summary.json").read_text())
        walls.append(wall)
        peaks.append(peak)
        gaps.append(float("nan") if summary["gap"] is None else summary["gap"])
        statuses.append(summary["status"])
    ok = subprocess.run([sys.executable, "-m", "allyplan", "verify", str(scenario), str(out)],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
    found = [g for g in gaps if np.isfinite(g)]  # runs that found a plan
    return {"case": name, "wall_s": round(statistics.median(walls), 2), "wall_min_s": round(min(walls), 2),
            "peak_rss_mb": round(max(peaks), 1), "status": statuses,
            "gap": round(statistics.median(found), 6) if found else None, "gaps": gaps,
            "objective": summary["objective"], "bound": summary["bound"],
            "method": summary.get("method", ""), "work": summary.get("solver_work", {}),
            "timings_s": summary["timings_s"], "model": summary["model"], "verified": ok}


def svg_chart(rows: list[dict[str, Any]], path: Path) -> None:
    """A small line chart (no plotting library): wall time and gap (%) against size, size on a log scale."""
    W, H, L, R, B, TOP = 640, 300, 60, 60, 40, 30
    xs = [np.log2(r["size"]) for r in rows]
    x0, x1 = min(xs), max(xs)
    walls = [r["wall_s"] for r in rows]
    gaps = [100 * r["gap"] if r["gap"] is not None and np.isfinite(r["gap"]) else None for r in rows]
    wmax, gmax = max(max(walls), 10.0) * 1.1, max([g for g in gaps if g is not None] + [1.0]) * 1.1

    def px(x: float) -> float:
        return L + (x - x0) / max(x1 - x0, 1e-9) * (W - L - R)

    def py(v: float, vmax: float) -> float:
        return H - B - v / vmax * (H - B - TOP)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" '
             f'font-size="11">', f'<rect width="{W}" height="{H}" fill="white"/>',
             f'<line x1="{L}" y1="{H - B}" x2="{W - R}" y2="{H - B}" stroke="black"/>',
             f'<line x1="{L}" y1="{TOP}" x2="{L}" y2="{H - B}" stroke="#1f77b4"/>',
             f'<line x1="{W - R}" y1="{TOP}" x2="{W - R}" y2="{H - B}" stroke="#d62728"/>',
             f'<text x="{L}" y="{TOP - 12}" fill="#1f77b4">wall s (end to end)</text>',
             f'<text x="{W - R}" y="{TOP - 12}" fill="#d62728" text-anchor="end">proven gap %</text>',
             f'<line x1="{L}" y1="{py(10, wmax)}" x2="{W - R}" y2="{py(10, wmax)}" stroke="#1f77b4" '
             f'stroke-dasharray="4 3"/><text x="{L + 4}" y="{py(10, wmax) - 3}" fill="#1f77b4">10 s</text>',
             f'<line x1="{L}" y1="{py(1, gmax)}" x2="{W - R}" y2="{py(1, gmax)}" stroke="#d62728" '
             f'stroke-dasharray="4 3"/><text x="{W - R - 4}" y="{py(1, gmax) - 3}" fill="#d62728" '
             f'text-anchor="end">1%</text>']
    for r, x in zip(rows, xs, strict=True):
        parts.append(f'<text x="{px(x)}" y="{H - B + 15}" text-anchor="middle">{label(r["size"])}</text>')
    for vals, vmax, colour in ((walls, wmax, "#1f77b4"), (gaps, gmax, "#d62728")):
        seen = [(x, v) for x, v in zip(xs, vals, strict=True) if v is not None]
        pts = " ".join(f"{px(x):.1f},{py(v, vmax):.1f}" for x, v in seen)
        parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2"/>')
        parts += [f'<circle cx="{px(x):.1f}" cy="{py(v, vmax):.1f}" r="3" fill="{colour}"/>' for x, v in seen]
    parts += [f'<text x="{px(x)}" y="{H - B - 6}" fill="#d62728" text-anchor="middle">no plan</text>'
              for x, g in zip(xs, gaps, strict=True) if g is None]
    for t in range(0, int(wmax) + 1, max(1, int(wmax // 5))):
        parts.append(f'<text x="{L - 5}" y="{py(t, wmax) + 4}" text-anchor="end">{t}</text>')
    step = max(gmax / 5, 0.1)
    for k in range(6):
        parts.append(f'<text x="{W - R + 5}" y="{py(k * step, gmax) + 4}">{k * step:.1f}</text>')
    parts.append(f'<text x="{(L + W - R) / 2}" y="{H - 5}" text-anchor="middle">size (1x = 50 donors, 500 items, '
                 f'1,000 needs, 36 months)</text></svg>')
    path.write_text("\n".join(parts))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--time-limit", type=float, default=10.0, help="whole-run seconds for every generated case")
    ap.add_argument("--repeat", type=int, default=3, help="runs per case (wall time and gap: median)")
    ap.add_argument("--sizes", default=",".join(f"{s:g}" for s in SIZES), help="sizes relative to the large case")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--svg", type=Path, help="write the chart of wall time and gap against size here")
    a = ap.parse_args()
    from allyplan import example_path
    from allyplan.planner import build_model, write_model
    from allyplan.scenario import load_scenario

    load0 = os.getloadavg()
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        ex = case("example winter-air-defence", example_path(), tmpd / "ex", 60.0, a.repeat)
        for f in [float(x) for x in a.sizes.split(",")]:
            g = tmpd / f"g{f:g}"
            subprocess.run([sys.executable, "-m", "allyplan", "generate", str(g), "--seed", "0",
                            *[x for k, v in dims(f).items() for x in (f"--{k}", str(v))]], check=True,
                           stdout=subprocess.DEVNULL)
            r = case(label(f), g, tmpd / f"p{f:g}", a.time_limit, a.repeat)
            r["size"] = f
            s = load_scenario(g)
            r["unmet_allyplan"] = round(plan_unmet(s, tmpd / f"p{f:g}"), 3)
            unmet, ok = greedy_unmet(s)
            r["unmet_greedy"], r["greedy_verified"] = round(unmet, 3), ok
            r["unmet_least"] = round(least_unmet(s), 3)
            if f == 1.0:
                mps = tmpd / "large.mps"
                write_model(build_model(s)[0], mps)
                res = subprocess.run([sys.executable, "-c", HIGHS_ALONE, str(mps), str(a.time_limit)], check=True,
                                     capture_output=True, text=True)
                r["highs_alone"] = json.loads(res.stdout.strip().splitlines()[-1])  # after HiGHS's banner
            results.append(r)
            print(json.dumps(r), file=sys.stderr, flush=True)  # each case as it is measured
    load1 = os.getloadavg()

    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; load average {load0[0]:.1f} at start, {load1[0]:.1f} at end "
          f"(a shared machine: wall times are noisy); {a.repeat} run(s) per case, medians")
    print(f"\n{ex['case']}: {ex['wall_s']:.2f} s end to end, peak {ex['peak_rss_mb']:.0f} MB, status "
          f"{ex['status'][0]}, gap {pct(ex['gap'])}, verify {'ok' if ex['verified'] else 'FAILED'}")
    print(f"\nallyplan plan --time-limit {a.time_limit:g} (the whole run):\n")
    print("| size | variables | integers | wall s (median / min) | peak MB | status | proven gap | LP iterations "
          "| B&B nodes | verify | unmet: allyplan / greedy / least possible |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        w = r["work"]
        print(f"| {r['case']} | {r['model']['variables']:,} | {r['model']['integers']:,} | {r['wall_s']:.2f} / "
              f"{r['wall_min_s']:.2f} | {r['peak_rss_mb']:.0f} | {', '.join(sorted(set(r['status'])))} | "
              f"{pct(r['gap'])} | {w.get('lp_iterations', '-')} | {w.get('mip_nodes', '-')} | "
              f"{'ok' if r['verified'] else 'FAILED'} | {r['unmet_allyplan']:.1f} / {r['unmet_greedy']:.1f}"
              f"{'' if r['greedy_verified'] else ' (greedy FAILED verify)'} / {r['unmet_least']:.1f} |")
    for r in results:
        if "highs_alone" in r:
            hx = r["highs_alone"]
            obj = "no plan" if hx["objective"] is None else f"plan {hx['objective']:,.1f}, gap {hx['gap']:.2%}"
            print(f"\nHiGHS alone on the exported MPS of {r['case']} (time limit {a.time_limit:g} s): "
                  f"{hx['wall_s']:.1f} s, {hx['status']}, {obj}, bound {num(hx['bound'])}, {hx['nodes']} nodes; "
                  f"allyplan: plan {r['objective']:,.1f}, bound {num(r['bound'])}, gap {pct(r['gap'])}")
    if a.svg:
        svg_chart(results, a.svg)
    if a.json:
        a.json.write_text(json.dumps({"example": ex, "cases": results, "load": [load0, load1]}, indent=2))


if __name__ == "__main__":
    main()
