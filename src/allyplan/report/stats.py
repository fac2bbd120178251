"""One statistics layer: DataFrames that feed the CLI tables, the HTML report and (later) the web pages."""

from __future__ import annotations

import numpy as np
import pandas as pd

from allyplan.planner import Plan

__all__ = ["need_summary", "shortfall_summary", "deliveries_by_month", "coverage_matrix"]


def need_summary(p: Plan) -> pd.DataFrame:
    """Per need: required, covered (at the end for hold needs, in total for flow needs), short, the month it is
    first fully met, and the main reason for what is short.

    >>> from allyplan import example_path, load_scenario, plan
    >>> need_summary(plan(load_scenario(example_path()))).columns.tolist()[:4]
    ['need', 'description', 'kind', 'priority']
    """
    s = p.scenario
    cov = p.coverage
    nd = s.needs.set_index("id")
    hold_final = cov[cov["month"] == s.horizon - 1].set_index("need")
    totals = cov.groupby("need")[["required", "covered", "short"]].sum()
    out = nd[["description", "kind", "priority"]].copy()
    out["required"] = np.where(out["kind"] == "hold", nd["quantity"], totals["required"].reindex(nd.index))
    out["covered"] = np.where(out["kind"] == "hold", hold_final["covered"].reindex(nd.index),
                              totals["covered"].reindex(nd.index))
    out["covered"] = out["covered"].fillna(0.0)
    out["short"] = (out["required"] - out["covered"]).clip(lower=0.0).round(6)
    out["covered_pct"] = np.where(out["required"] > 0, 100.0 * out["covered"] / out["required"], 100.0)
    short = cov[cov["short"] > 1e-9].groupby("need")["month"].agg(["size", "max"]).reindex(nd.index)
    out["short_months"] = short["size"].fillna(0).astype(int)
    after = (short["max"] + 1).fillna(-1).astype(int)
    labels = pd.Series(s.labels(after.clip(lower=0)), index=nd.index)
    out["met_by"] = np.where(after < 0, "on time", np.where(after >= s.horizon, "never", labels))
    main = (p.shortfalls.groupby(["need", "reason"]).size().rename("n").reset_index()
            .sort_values(["need", "n"], ascending=[True, False]).drop_duplicates("need").set_index("need")["reason"])
    out["main_reason"] = main.reindex(nd.index).fillna("")
    out = out.reset_index().rename(columns={"id": "need"})
    return out.sort_values(["priority", "need"], ascending=[False, True]).reset_index(drop=True)


def shortfall_summary(p: Plan) -> pd.DataFrame:
    """Shortfalls grouped by need and limit: months affected, first month, largest shortfall, the relief."""
    sf = p.shortfalls
    if sf.empty:
        return pd.DataFrame(columns=["need", "reason", "limit", "relief", "months", "first", "max_short"])
    g = sf.groupby(["need", "reason", "limit"], sort=False)
    out = g.agg(relief=("relief", "first"), months=("month", "size"), first=("month", "min"),
                max_short=("short", "max")).reset_index()
    out["first"] = p.scenario.labels(out["first"])
    return out


def deliveries_by_month(p: Plan) -> pd.DataFrame:
    """Value delivered by arrival month and category (EUR)."""
    dl = p.deliveries.assign(category=p.deliveries["item"].map(p.scenario.items.set_index("id")["category"]))
    t = dl.pivot_table(index="arrive_month", columns="category", values="value_eur", aggfunc="sum", fill_value=0.0)
    t = t.reindex(range(p.scenario.horizon), fill_value=0.0)
    t.index = p.scenario.labels(t.index)
    return t


def coverage_matrix(p: Plan) -> pd.DataFrame:
    """Share of each need covered, by month (needs as rows, YYYY-MM months as columns); NaN before a need is due."""
    c = p.coverage.assign(pct=np.where(p.coverage["required"] > 0,
                                       100.0 * p.coverage["covered"] / p.coverage["required"].where(
                                           p.coverage["required"] > 0, 1.0), np.nan))
    t = c.pivot_table(index="need", columns="month", values="pct", aggfunc="first")
    t = t.reindex(columns=range(p.scenario.horizon))
    order = need_summary(p)["need"]
    t = t.reindex(order)
    t.columns = p.scenario.labels(t.columns)
    return t
