"""Start-up benchmark: how long the commands a new user types first take, each in a fresh process.

Measures (median and best of N runs, wall time, this machine): ``allyplan --help``, ``allyplan --version``,
``allyplan ledger --help``, ``allyplan plan --help``, and ``allyplan plan`` of the shipped example end to end; and
the modules ``import allyplan.cli`` pulls in that it could do without (pandas, SQLAlchemy, numpy, HiGHS).
Targets (issue 9 and 10): ``--help`` well under 1 s; ``plan`` of the example under 1.5 s.

    python benchmarks/bench_cli.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = ("pandas", "sqlalchemy", "numpy", "highspy", "scipy", "lingua", "trafilatura")


def timed(args: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    times = []
    for _ in range(runs + 1):  # the first run warms the file cache and is not counted
        t0 = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
        times.append(time.perf_counter() - t0)
    counted = times[1:]
    return statistics.median(counted), min(counted)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    a = ap.parse_args()
    exe = [sys.executable, "-m", "allyplan"]
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{a.runs} runs each after one warm-up (wall seconds)")
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        subprocess.run([*exe, "examples", "tour"], check=True, stdout=subprocess.DEVNULL, cwd=cwd)
        cases = [("allyplan --help", ["--help"]), ("allyplan --version", ["--version"]),
                 ("allyplan ledger --help", ["ledger", "--help"]), ("allyplan plan --help", ["plan", "--help"]),
                 ("allyplan plan (the example)", ["plan", "tour/winter-air-defence", "--quiet"]),
                 ("python -c pass (interpreter alone)", None)]
        for label, args in cases:
            cmd = [*exe, *args] if args is not None else [sys.executable, "-c", "pass"]
            med, best = timed(cmd, a.runs, cwd)
            print(f"  {label:<36} median {med:6.3f} s   best {best:6.3f} s")
    code = f"import sys, allyplan.cli; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    print(f"heavy modules loaded by `import allyplan.cli`: {', '.join(loaded) or 'none'}")


if __name__ == "__main__":
    main()
