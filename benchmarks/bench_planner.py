"""Planner benchmark: end-to-end time and peak memory of `allyplan plan`, as a user runs it.

Runs, each in a fresh process (so peak memory is the plan's alone), on this machine:
  1. the shipped example;
  2. the large generated case (50 donors x 500 items x 1,000 needs x 36 months, seed 0).
Reports wall time, the stage timings from summary.json (load, build, solve, results, explain, write), the
solver's status and proven gap, and peak resident memory. Targets (DESIGN / issue): example < 2 s end to end;
large case < 10 s end to end with < 2 GB peak, model building < 10% of the total.

    python benchmarks/bench_planner.py [--time-limit 6] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(args: list[str]) -> tuple[float, float]:
    """Run a command; return (wall seconds, peak RSS of that child in MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024.0


def case(name: str, scenario: Path, out: Path, time_limit: float) -> dict[str, object]:
    cmd = [sys.executable, "-m", "allyplan", "plan", str(scenario), "--out", str(out), "--quiet",
           "--time-limit", str(time_limit)]
    wall, peak = run(cmd)
    summary = json.loads((out / "summary.json").read_text())
    t = summary["timings_s"]
    return {"case": name, "wall_s": round(wall, 2), "peak_rss_mb": round(peak, 1), "status": summary["status"],
            "gap": summary["gap"], "timings_s": t, "model": summary["model"],
            "build_share": round(t["build"] / wall, 3), "needs_fully_met": summary["needs_fully_met"],
            "needs": summary["needs"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--time-limit", type=float, default=6.0, help="solver time limit for the large case")
    ap.add_argument("--json", type=Path, help="also write the results here")
    a = ap.parse_args()
    from allyplan import example_path

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        results.append(case("example winter-air-defence", example_path(), tmpd / "ex", 60.0))
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "allyplan", "generate", str(tmpd / "big"), "--donors", "50",
                        "--items", "500", "--needs", "1000", "--months", "36", "--seed", "0"], check=True,
                       stdout=subprocess.DEVNULL)
        gen = time.perf_counter() - t0
        big = case("large 50x500x1000x36", tmpd / "big", tmpd / "big-plan", a.time_limit)
        big["generate_s"] = round(gen, 2)
        results.append(big)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    for r in results:
        t = r["timings_s"]
        print(f"\n{r['case']}: {r['wall_s']:.2f} s end to end, peak {r['peak_rss_mb']:.0f} MB, status {r['status']}, "
              f"gap {r['gap']:.3%}, {r['needs_fully_met']}/{r['needs']} needs fully met")
        print("  " + ", ".join(f"{k} {v:.2f} s" for k, v in t.items()) + f"; build {r['build_share']:.1%} of total")
        print(f"  model: {r['model']}")
    if a.json:
        a.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
