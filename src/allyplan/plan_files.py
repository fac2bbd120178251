"""A plan on disk: ``deliveries.csv``, ``baseline.csv``, ``coverage.csv``, ``shortfalls.csv``, ``burden.csv``,
``summary.json``, ``asks/KEY.csv`` (one ask sheet per donor or pooled fund), ``plan.xlsx`` (the needs, the plan's
tables and every ask sheet) and ``report.html`` in one folder, written all at once or not at all. The folder and
its files get the user's umask."""

from __future__ import annotations

import json
import math
import re
import shutil
import time
import uuid
from pathlib import Path

import numpy as np
import pandas as pd

from allyplan.errors import AllyplanError
from allyplan.planner import Plan

__all__ = ["write_plan", "read_plan_tables", "check_out_dir", "write_asks", "write_workbook", "PLAN_TABLES",
           "PLAN_COLUMNS"]

PLAN_TABLES = ("deliveries", "baseline", "coverage", "shortfalls", "burden")


def write_plan(p: Plan, out: str | Path, *, report: bool = True, workbook: bool = True,
               extra_timings: dict[str, float] | None = None, ledger: str | None = None,
               ledger_as_of: str | None = None, needs: pd.DataFrame | None = None,
               shortfalls: pd.DataFrame | None = None) -> Path:
    """Write the plan's files into ``out``, replacing an earlier plan there only once every file is written.

    ``report`` and ``workbook`` say whether to write ``report.html`` and ``plan.xlsx``; ``ledger`` and
    ``ledger_as_of`` (the ledger the pledges came from, and the date it was read as of) are shown in the report.
    ``needs`` and ``shortfalls`` (:func:`~allyplan.report.stats.need_summary` and
    :func:`~allyplan.report.stats.shortfall_summary` of ``p``) are made here unless the caller already has them.
    """
    from allyplan.report.asks import ask_sheets
    from allyplan.report.html_report import render_report
    from allyplan.report.stats import need_summary, shortfall_summary

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
        asks = ask_sheets(p)  # made once for the ask sheets, the workbook and the report
        needs = need_summary(p) if needs is None else needs
        write_asks(asks, tmp / "asks")
        if workbook:
            write_workbook(p, tmp / "plan.xlsx", asks, needs,
                           shortfall_summary(p) if shortfalls is None else shortfalls)
        if report:
            html = render_report(p, asks=asks, needs=needs, ledger=ledger, ledger_as_of=ledger_as_of)
            (tmp / "report.html").write_text(html, encoding="utf-8")
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


def _file_name(key: str) -> str:
    """A donor code or fund id made safe as a file name."""
    return re.sub(r"[^\w.-]", "_", key) or "_"


def write_asks(asks: dict[str, pd.DataFrame], folder: Path) -> None:
    """One ``KEY.csv`` per donor or pooled fund in ``folder`` (readable headers, months as YYYY-MM)."""
    from allyplan.report.labels import readable_columns

    folder.mkdir()
    for key, t in asks.items():
        readable_columns(t).to_csv(folder / f"{_file_name(key)}.csv", index=False, float_format="%.15g")


def write_workbook(p: Plan, path: Path, asks: dict[str, pd.DataFrame], needs: pd.DataFrame | None = None,
                   shortfalls: pd.DataFrame | None = None) -> None:
    """``plan.xlsx``: a sheet of needs in plain words, one per plan table, and one per donor or pooled fund
    (``needs``: :func:`~allyplan.report.stats.need_summary` and ``shortfalls``:
    :func:`~allyplan.report.stats.shortfall_summary`, if already made)."""
    from allyplan.report.labels import readable_columns
    from allyplan.report.stats import coverage_matrix, need_summary, shortfall_summary
    from allyplan.report.xlsx import write_xlsx

    needs = (need_summary(p) if needs is None else needs).drop(columns=["main_reason"])
    short = shortfall_summary(p) if shortfalls is None else shortfalls
    sheets = {"needs": readable_columns(needs), "why short": readable_columns(short)}
    sheets.update({name: p.table(name) for name in PLAN_TABLES})
    # coverage as a need-by-month grid of the share covered (a row per need, as a spreadsheet reader wants it; the
    # long table, a row per need and month, is coverage.csv), in the order of the needs sheet
    sheets["coverage"] = coverage_matrix(p, needs["need"]).round(1).rename_axis("need").reset_index()
    used = set(sheets)
    for key, t in asks.items():
        name = re.sub(r"[\[\]:*?/\\]", "_", f"ask {key}")[:31]
        while name.lower() in {u.lower() for u in used}:
            name = name[:28] + f"~{len(used) % 100:02d}"
        used.add(name)
        sheets[name] = readable_columns(t)
    write_xlsx(path, sheets)  # whole columns at a time: the large case's workbook in a fraction of a second


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


#: The columns each plan table must have (as ``allyplan plan`` writes them), and which of them hold numbers.
PLAN_COLUMNS: dict[str, tuple[str, ...]] = {
    "deliveries": ("donor", "item", "source", "fund", "ship_month", "arrive_month", "quantity", "value_eur", "need"),
    "baseline": ("origin", "donor", "item", "arrive_month", "quantity", "need"),
    "coverage": ("need", "month", "required", "covered", "short", "held"),
    "shortfalls": ("need", "month", "short", "reason", "limit", "relief"),
    "burden": ("donor", "value_eur", "share", "gdp_share", "pct_gdp"),
}
_NUMBERS = {"quantity", "value_eur", "required", "covered", "short", "held", "share", "gdp_share", "pct_gdp"}


def read_plan_tables(directory: str | Path) -> dict[str, pd.DataFrame]:
    """Read a plan folder's CSV tables (as written: months as YYYY-MM). Raises :class:`AllyplanError` naming the
    file, row and column when a table lacks a column or a number is not one."""
    d = Path(directory)
    if not d.is_dir():
        raise AllyplanError(f"{d} is not a folder. Give the folder `allyplan plan` wrote (by default SCENARIO/plan)")
    missing = [n for n in PLAN_TABLES if not (d / f"{n}.csv").is_file()]
    if missing:
        raise AllyplanError(f"{d} is not a plan folder: missing {', '.join(m + '.csv' for m in missing)}. "
                            "Give the folder `allyplan plan` wrote (by default SCENARIO/plan)")
    out = {}
    for n in PLAN_TABLES:
        f = d / f"{n}.csv"
        try:
            t = pd.read_csv(f, dtype={"donor": str, "fund": str, "need": str, "source": str}, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
            raise AllyplanError(f"{f} cannot be read as a plan table ({str(e).strip()}). Write the plan again with "
                                "`allyplan plan`") from None
        lacking = [c for c in PLAN_COLUMNS[n] if c not in t.columns]
        if lacking:
            raise AllyplanError(f"{f}: missing column{'s' if len(lacking) > 1 else ''} {', '.join(lacking)}. The "
                                f"header must name: {','.join(PLAN_COLUMNS[n])}")
        for c in _NUMBERS.intersection(t.columns):
            if not pd.api.types.is_numeric_dtype(t[c]):
                text = t[c].astype(str).str.strip()
                num = pd.to_numeric(text.where(text != ""), errors="coerce")
                bad = np.flatnonzero((text != "").to_numpy() & num.isna().to_numpy())
                if len(bad):
                    raise AllyplanError(f"{f}, row {int(bad[0]) + 2}, field '{c}': {text.iloc[bad[0]]!r} is not a "
                                        "number. Write a plain number, e.g. 12")
                t[c] = num.astype(float)
        out[n] = t
    return out
