"""A plan on disk: ``deliveries.csv``, ``baseline.csv``, ``coverage.csv``, ``shortfalls.csv``, ``burden.csv``,
``summary.json`` and ``report.html`` in one folder, written all at once or not at all."""

from __future__ import annotations

import json
import math
import shutil
import time
import uuid
from pathlib import Path

import numpy as np
import pandas as pd

from allyplan.errors import AllyplanError
from allyplan.planner import Plan

__all__ = ["write_plan", "read_plan_tables", "check_out_dir", "PLAN_TABLES"]

PLAN_TABLES = ("deliveries", "baseline", "coverage", "shortfalls", "burden")


def write_plan(p: Plan, out: str | Path, *, report: bool = True, extra_timings: dict[str, float] | None = None
               ) -> Path:
    """Write the plan's files into ``out``, replacing an earlier plan there only once every file is written."""
    from allyplan.report.html_report import render_report

    out = Path(out)
    check_out_dir(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    # mkdir (not mkdtemp, which makes a private 0700 folder) so that the folder gets the user's umask like its
    # files: a colleague or a web server can read report.html where the user's umask lets them.
    tmp = out.parent / f".{out.name}-{uuid.uuid4().hex[:12]}"
    tmp.mkdir()
    try:
        for name in PLAN_TABLES:
            p.table(name).to_csv(tmp / f"{name}.csv", index=False, float_format="%.15g")
        if report:
            (tmp / "report.html").write_text(render_report(p), encoding="utf-8")
        summary = p.summary()
        summary["timings_s"].update({k: round(v, 4) for k, v in (extra_timings or {}).items()})
        summary["timings_s"]["write"] = round(time.perf_counter() - t0, 4)
        (tmp / "summary.json").write_text(json.dumps(_finite(summary), indent=2) + "\n", encoding="utf-8")
        if out.exists():
            old = out.with_name(f".{out.name}-old")
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
            tmp.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def check_out_dir(out: Path) -> None:
    """Refuse, before any work is done, a plan folder that cannot be written."""
    if out.exists() and not out.is_dir():
        raise AllyplanError(f"{out} is a file: give --out a folder (it is created if missing)")
    if out.is_dir() and any(out.iterdir()) and not (out / "summary.json").exists():
        raise AllyplanError(f"{out} exists and is not a plan folder: choose another --out or empty it")


def _finite(v: object) -> object:
    """JSON has no NaN or infinity: write them as null."""
    if isinstance(v, dict):
        return {k: _finite(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_finite(x) for x in v]
    if isinstance(v, float | np.floating):
        return float(v) if math.isfinite(v) else None
    if isinstance(v, np.integer):
        return int(v)
    return v


def read_plan_tables(directory: str | Path) -> dict[str, pd.DataFrame]:
    """Read a plan folder's CSV tables (as written: months as YYYY-MM)."""
    d = Path(directory)
    missing = [n for n in PLAN_TABLES if not (d / f"{n}.csv").exists()]
    if missing:
        raise AllyplanError(f"{d} is not a plan folder: missing {', '.join(m + '.csv' for m in missing)}. "
                            "Give the folder `allyplan plan` wrote (by default SCENARIO/plan)")
    return {n: pd.read_csv(d / f"{n}.csv", dtype={"donor": str, "fund": str, "need": str, "source": str},
                           keep_default_na=False) for n in PLAN_TABLES}
