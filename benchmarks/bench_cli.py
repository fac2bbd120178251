"""Start-up benchmark: how long the commands a new user types first take, each in a fresh process.

Measures (median and best of N runs, this machine): ``allyplan --help``, ``allyplan --version``,
``allyplan ledger --help``, ``allyplan plan --help``, and ``allyplan plan`` of the shipped example end to end, each
as wall time and as the CPU time of the process (user + system; on a machine shared with other work the CPU time
moves much less than the wall time); and the modules ``import allyplan.cli`` pulls in that it could do without
(pandas, SQLAlchemy, numpy, HiGHS). Targets (issue 9 and 10): ``--help`` well under 1 s; ``plan`` of the example
under 1.5 s.

``--write-case DIR`` (a scenario folder, e.g. one from ``allyplan generate``) also plans it in-process with
``--time-limit`` and times writing its plan folder (CSV tables, ask sheets, plan.xlsx, report.html), best of N,
wall and CPU. Target (issue 10): under 1.5 s for the large case.

``--against SRC`` (another checkout's ``src`` folder) also runs ``allyplan plan`` of the example alternately with
this checkout's and that one's code, in the same run: on a shared machine the load moves both alike, so the
difference of their CPU times is the figure to trust.

    python benchmarks/bench_cli.py [--runs 7] [--write-case big --time-limit 30] [--against ../main/src]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("pandas", "sqlalchemy", "numpy", "highspy", "scipy", "lingua", "trafilatura")
#: This checkout's sources: every command below runs them, not whatever allyplan the interpreter has installed (a
#: git worktree's benchmark had timed the main checkout's code, installed in editable mode, against itself).
SRC = Path(__file__).resolve().parents[1] / "src"
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])])}


def timed(args: list[str], runs: int, cwd: Path) -> tuple[float, float, float]:
    """Median and best wall seconds, and median CPU seconds (user + system) of the process."""
    times, cpu = [], []
    for _ in range(runs + 1):  # the first run warms the file cache and is not counted
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=ENV)
        times.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(times[1:]), min(times[1:]), statistics.median(cpu[1:])


def compare(against: Path, runs: int, cwd: Path) -> None:
    """``allyplan plan`` of the example, this checkout's code and ``against``'s alternately: median and best wall
    and CPU seconds of each, and the median difference of CPU seconds between neighbouring runs."""
    cmd = [sys.executable, "-m", "allyplan", "plan", "tour/winter-air-defence", "--out", "cmp-plan"]
    # no bytecode written (into the other checkout either), so both compile their own modules alike every run
    here = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(SRC)}
    there = {**here, "PYTHONPATH": str(against.resolve())}
    got: dict[str, list[tuple[float, float]]] = {"this checkout": [], str(against): []}
    for i in range(runs + 1):
        for label, env in (("this checkout", here), (str(against), there)):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd, env=env)
            wall = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if i:  # the first round warms the file cache
                got[label].append((wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime))
    for label, xs in got.items():
        walls, cpus = [w for w, _ in xs], [c for _, c in xs]
        print(f"  plan of the example, {label:<24} wall median {statistics.median(walls):6.3f} s best "
              f"{min(walls):6.3f} s   CPU median {statistics.median(cpus):6.3f} s best {min(cpus):6.3f} s")
    a, b = got.values()
    print(f"  CPU saved by this checkout, median of {runs} neighbouring pairs: "
          f"{statistics.median(y[1] - x[1] for x, y in zip(a, b, strict=True)):+.3f} s")


def time_writing(case: Path, runs: int, time_limit: float) -> None:
    """Plan ``case`` once, then write its plan folder ``runs`` times: best wall and CPU seconds of writing."""
    from allyplan import load_scenario
    from allyplan.plan_files import write_plan
    from allyplan.planner import plan

    p = plan(load_scenario(case), time_limit=time_limit)
    walls, cpus = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            c0, t0 = time.process_time(), time.perf_counter()
            write_plan(p, Path(tmp) / "plan")
            walls.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
    print(f"writing the plan folder of {case} ({len(p.deliveries):,} deliveries, {len(p.scenario.needs):,} needs, "
          f"status {p.status.value}): best {min(walls):.3f} s wall, {min(cpus):.3f} s CPU; median "
          f"{statistics.median(walls):.3f} s wall; load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--write-case", type=Path, help="also time writing the plan folder of this scenario")
    ap.add_argument("--time-limit", type=float, default=30.0, help="with --write-case: the planner's limit")
    ap.add_argument("--against", type=Path, help="another checkout's src folder to compare `plan` of the example with")
    a = ap.parse_args()
    exe = [sys.executable, "-m", "allyplan"]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{a.runs} runs each after one warm-up; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        subprocess.run([*exe, "examples", "tour"], check=True, stdout=subprocess.DEVNULL, cwd=cwd, env=ENV)
        cases = [("allyplan --help", ["--help"]), ("allyplan --version", ["--version"]),
                 ("allyplan ledger --help", ["ledger", "--help"]), ("allyplan plan --help", ["plan", "--help"]),
                 ("allyplan plan (the example)", ["plan", "tour/winter-air-defence", "--quiet"]),
                 ("python -c pass (interpreter alone)", None)]
        for label, args in cases:
            cmd = [*exe, *args] if args is not None else [sys.executable, "-c", "pass"]
            med, best, cpu = timed(cmd, a.runs, cwd)
            print(f"  {label:<36} median {med:6.3f} s   best {best:6.3f} s   CPU {cpu:6.3f} s")
        if a.against is not None:
            compare(a.against, a.runs, cwd)
    code = f"import sys, allyplan.cli; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                            env=ENV).stdout.split()
    print(f"heavy modules loaded by `import allyplan.cli`: {', '.join(loaded) or 'none'}")
    if a.write_case is not None:
        time_writing(a.write_case, a.runs, a.time_limit)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
