"""A sweep's results: its chunks gathered into ``sweep.parquet`` and summarised per need and per factor.

- ``sweep.parquet``: one row per sample and need (required, unmet, met_month as an offset from the scenario's
  start, on_time, loss, the status of the sample's plan);
- ``needs.csv``: per need, percentiles of unmet quantity and of the month it is met, and the probability it is
  met by its due month;
- ``sensitivity.csv``: donors, lines, pledges and needs ranked by the loss (priority-weighted unmet and late
  need) their draw alone causes, with its spread over the samples;
- ``summary.json`` and ``sweep.html`` (fan and tornado charts).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from allyplan.scenario import Scenario
from allyplan.sweep.evaluate import Outcomes
from allyplan.sweep.uncertainty import nominal

if TYPE_CHECKING:
    from allyplan.sweep.runner import SweepSetup

__all__ = ["SweepTables", "load_tables", "need_table", "sensitivity_table", "need_groups", "coverage_fan",
           "finish_sweep"]

PCT = (10, 50, 90)


@dataclass
class SweepTables:
    """The gathered chunks of a sweep folder."""

    outcomes: pd.DataFrame
    coverage: pd.DataFrame
    sensitivity: pd.DataFrame
    draws: pd.DataFrame
    sensitivity_samples: int = 0

    @property
    def samples(self) -> int:
        return int(self.outcomes["sample"].nunique()) if len(self.outcomes) else 0


def load_tables(out: str | Path, sensitivity_limit: int | None = None) -> SweepTables:
    """Read every finished chunk of a sweep folder, in sample order. Sensitivities were measured on the samples
    below ``sensitivity_limit`` (default: as the folder's ``sweep.json`` says)."""
    if sensitivity_limit is None:
        sensitivity_limit = int(json.loads((Path(out) / "sweep.json").read_text(encoding="utf-8"))[
            "sensitivity_samples"])
    chunks = sorted(p for p in (Path(out) / "chunks").glob("c*") if p.is_dir())
    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in ("outcomes", "coverage", "sensitivity", "draws")}
    for c in chunks:
        for k in parts:
            parts[k].append(pd.read_parquet(c / f"{k}.parquet"))
    cat = {k: (pd.concat(v, ignore_index=True) if v else pd.DataFrame()) for k, v in parts.items()}
    keys = {"outcomes": ["sample"], "coverage": ["sample", "month"], "sensitivity": ["sample", "kind", "factor"],
            "draws": ["sample"]}
    for k, by in keys.items():
        if len(cat[k]):
            cat[k] = cat[k].sort_values(by, kind="stable").reset_index(drop=True)
    if len(cat["draws"]):  # one column per factor, in the order drawn
        order = list(dict.fromkeys(cat["draws"]["factor"]))
        cat["draws"] = cat["draws"].pivot(index="sample", columns="factor", values="value")[order].reset_index()
        cat["draws"].columns.name = None
    n_sens = int((cat["outcomes"]["sample"].drop_duplicates() < sensitivity_limit).sum()) if len(cat["outcomes"]) \
        else 0
    return SweepTables(**cat, sensitivity_samples=n_sens)


def _label(s: Scenario, m: float) -> str:
    return "never" if not np.isfinite(m) else s.label(int(m))


def need_table(s: Scenario, t: SweepTables, planned: Outcomes | None = None) -> pd.DataFrame:
    """Per need: required, unmet percentiles, probability of being met by the due month, met-month percentiles
    (a need never met counts as later than any month); with ``planned`` (the evaluated plan's outcomes under
    the nominal draw), the unmet quantity and month met as planned."""
    o = t.outcomes
    nd = s.needs.set_index("id")
    rows = []
    pos = {n: i for i, n in enumerate(s.needs["id"])}
    for need, g in o.groupby("need", sort=False):
        met = g["met_month"].astype("Float64").fillna(np.inf).to_numpy(dtype=float)
        un = g["unmet"].to_numpy(dtype=float)
        due = nd.at[need, "due"] if nd.at[need, "kind"] == "hold" else nd.at[need, "from"]
        rows.append({"need": need, "kind": nd.at[need, "kind"], "priority": float(nd.at[need, "priority"]),
                     "due": s.label(int(due)), "required_p50": float(np.median(g["required"])),
                     **{f"unmet_p{q}": float(np.percentile(un, q)) for q in PCT},
                     "unmet_mean": float(un.mean()), "p_on_time": float(g["on_time"].mean()),
                     **{f"met_p{q}": _label(s, float(np.percentile(met, q, method="higher"))) for q in PCT},
                     "loss_mean": float(g["loss"].mean())})
        if planned is not None:
            m = int(planned.met_month[0, pos[str(need)]])
            rows[-1].update({"unmet_planned": float(planned.unmet[0, pos[str(need)]]),
                             "met_planned": s.label(m) if m >= 0 else "never"})
    return pd.DataFrame(rows)


def need_groups(s: Scenario) -> dict[str, list[str]]:
    """Needs by the category of the items they accept (a need accepting several categories is in each)."""
    cat = s.items.set_index("id")["category"]
    acc = s.accepts.assign(category=s.accepts["item"].map(cat))
    return {str(c): sorted(set(g["need"])) for c, g in acc.groupby("category", sort=True)}


def sensitivity_table(t: SweepTables, needs: list[str] | None = None) -> pd.DataFrame:
    """Factors ranked by the mean loss their draw alone adds (over the needs given, default all), with the
    10th / 50th / 90th percentiles over samples and the share of samples in which they add any."""
    sens = t.sensitivity
    S = t.sensitivity_samples
    cols = ["kind", "factor", "mean", "p10", "p50", "p90", "p_hurts"]
    if S == 0 or sens.empty:
        return pd.DataFrame(columns=cols)
    if needs is not None:
        sens = sens[sens["need"].isin(needs)]
    per = sens.groupby(["kind", "factor", "sample"], sort=False)["delta"].sum().reset_index()
    rows = []
    for (kind, factor), g in per.groupby(["kind", "factor"], sort=False):
        v = np.zeros(S)
        v[: len(g)] = g["delta"].to_numpy()
        rows.append({"kind": kind, "factor": factor, "mean": float(v.mean()),
                     **{f"p{q}": float(np.percentile(v, q)) for q in PCT}, "p_hurts": float((v > 1e-9).mean())})
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["mean", "p90"], ascending=False, kind="stable").reset_index(drop=True)


def coverage_fan(t: SweepTables, quantiles: tuple[float, ...] = (0.1, 0.25, 0.5, 0.75, 0.9)) -> pd.DataFrame:
    """Per need and month, quantiles of the share covered over the samples (columns q10, q25, ...)."""
    c = t.coverage
    if c.empty:
        return pd.DataFrame(columns=["need", "month", *[f"q{int(q * 100)}" for q in quantiles]])
    g = c.groupby(["need", "month"], sort=False)["covered"]
    out = g.quantile(list(quantiles)).unstack()
    out.columns = [f"q{round(q * 100)}" for q in out.columns]
    return out.reset_index()


def _summary(setup: SweepSetup, t: SweepTables, engine: str, seconds: float) -> dict[str, Any]:
    loss = t.outcomes.groupby("sample")["loss"].sum().to_numpy() if len(t.outcomes) else np.zeros(0)
    all_on_time = t.outcomes.groupby("sample")["on_time"].all().to_numpy() if len(t.outcomes) else np.zeros(0)
    m = setup.manifest
    return {**m, "done": t.samples, "complete": t.samples == setup.samples, "engine": engine,
            "seconds_this_run": round(seconds, 3),
            "loss": {f"p{q}": float(np.percentile(loss, q)) for q in PCT} if len(loss) else {},
            "loss_mean": float(loss.mean()) if len(loss) else None,
            "p_all_needs_on_time": float(all_on_time.mean()) if len(loss) else None,
            "plan_status": t.outcomes.drop_duplicates("sample")["plan"].value_counts().to_dict()
            if len(t.outcomes) else {}}


def finish_sweep(setup: SweepSetup, *, engine: str = "", seconds: float = 0.0) -> dict[str, Any]:
    """Gather the finished chunks and write ``sweep.parquet``, ``needs.csv``, ``sensitivity.csv``,
    ``summary.json`` and ``sweep.html`` (each replaced whole). Returns the summary."""
    from allyplan.report.sweep_report import render_sweep_report

    out = setup.out
    t = load_tables(out, setup.task.sensitivity_samples)
    s = setup.scenario
    summary = _summary(setup, t, engine, seconds)
    planned = setup.task.evaluator.run(nominal(setup.task.factors))
    summary["nominal_loss"] = float(planned.loss.sum())
    needs = need_table(s, t, planned) if len(t.outcomes) else pd.DataFrame()
    sens = sensitivity_table(t)
    files = {
        "sweep.parquet": lambda p: t.outcomes.to_parquet(p, index=False),
        "draws.parquet": lambda p: t.draws.to_parquet(p, index=False),
        "needs.csv": lambda p: needs.to_csv(p, index=False, float_format="%.6g"),
        "sensitivity.csv": lambda p: sens.to_csv(p, index=False, float_format="%.6g"),
        "summary.json": lambda p: p.write_text(json.dumps(summary, indent=2, default=str) + "\n", encoding="utf-8"),
        "sweep.html": lambda p: p.write_text(render_sweep_report(s, t, summary, needs), encoding="utf-8"),
    }
    for name, write in files.items():
        tmp = out / f".{name}.tmp"
        write(tmp)
        tmp.replace(out / name)
    return summary
