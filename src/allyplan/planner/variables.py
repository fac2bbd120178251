"""Stage 1: define the variables, each family in one vectorised step.

Families (index columns in brackets):
- ``stock`` [donor, item, k, month, arrive]: units a donor ships from stock in a month.
- ``buy`` [line, fund, item, month, arrive]: units a fund buys from a production line in a month.
- ``alloc`` [need, item, factor, month]: units of an item arriving in a month that serve a need.
- ``level`` [need, month]: a hold need's units in service, or a flow need's inventory, at the end of a month.
- ``short`` [need, month]: a hold need's shortfall in a month from its due month, or a flow need's unmet
  consumption.
- ``cum`` [platform, month]: units of a platform the recipient has received by a month (platforms it does not
  yet operate, when another item requires them).
- ``new`` [platform]: 1 when the plan introduces a platform type the recipient does not yet operate.
- ``value`` / ``dev`` [donor]: value a donor delivers, and its departure from its GDP share.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from allyplan.planner.inputs import PlanInputs, map_values
from allyplan.planner.model import INF, Model

__all__ = ["define_variables"]


def _expand_months(df: pd.DataFrame, first: pd.Series, last: pd.Series) -> pd.DataFrame:
    """One row per (row of df, month in [first, last])."""
    n = (last - first + 1).clip(lower=0).to_numpy(dtype=np.int64)
    out = df.loc[df.index.repeat(n)].copy()
    starts = np.repeat(first.to_numpy(dtype=np.int64), n)
    within = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    out["month"] = starts + within
    return out.reset_index(drop=True)


def define_stock_variables(m: Model, d: PlanInputs) -> None:
    st = d.stocks.reset_index(drop=True).rename_axis("k").reset_index()
    last = map_values(st["item"], d.last_useful)
    ok = (st["blocked"] == "") & (st["releasable"] >= 1e-9) & last.notna()
    st = st[ok]
    last = (last[ok] - st["lead_months"]).astype(int)
    v = _expand_months(st[["k", "donor", "item", "lead_months", "releasable"]], st["available_from"], last)
    v["arrive"] = v["month"] + v["lead_months"]
    m.add_variables("stock", v[["donor", "item", "k", "month", "arrive"]],
                    ub=np.floor(v["releasable"].to_numpy() + 1e-9), integral=True)


def define_buy_variables(m: Model, d: PlanInputs) -> None:
    arcs = d.arcs[d.arcs["blocked"] == ""]
    cap = d.capacity.merge(arcs[["line", "fund", "f_from", "f_to", "lead_months"]], on="line")
    cap["arrive"] = cap["month"] + cap["lead_months"]
    last = map_values(cap["item"], d.last_useful)
    cap = cap[(cap["month"] >= cap["f_from"]) & (cap["month"] <= cap["f_to"]) & last.notna()
              & (cap["arrive"] <= last)]
    m.add_variables("buy", cap[["line", "fund", "item", "month", "arrive"]],
                    ub=np.floor(cap["capacity"].to_numpy() + 1e-9), integral=True)


def _arrival_months(m: Model, d: PlanInputs) -> pd.DataFrame:
    """(item, month) pairs where anything can arrive: a plan variable or the baseline."""
    parts = [m.vars["stock"][["item", "arrive"]], m.vars["buy"][["item", "arrive"]],
             d.baseline[["item", "month"]].rename(columns={"month": "arrive"})]
    return pd.concat(parts).drop_duplicates().rename(columns={"arrive": "month"})


def define_alloc_variables(m: Model, d: PlanInputs) -> None:
    T = d.scenario.horizon
    acc = d.accepts.merge(d.needs[["id", "kind", "to", "Q"]], left_on="need", right_on="id")
    last = pd.Series(np.where(acc["kind"] == "flow", acc["to"], T - 1), index=acc.index)
    v = _expand_months(acc[["need", "item", "factor", "Q"]], pd.Series(0, index=acc.index), last)
    v = v.merge(_arrival_months(m, d), on=["item", "month"])
    # An item that requires a platform the recipient can never have is of no use.
    req = map_values(v["item"], d.items["requires"]).fillna("")
    reachable = set(d.operated) | set(d.baseline["item"]) | set(m.vars["stock"]["item"]) | set(m.vars["buy"]["item"])
    v = v[(req == "") | req.isin(reachable)]
    m.add_variables("alloc", v[["need", "item", "factor", "month"]],
                    ub=np.floor((v["Q"] / v["factor"]).to_numpy() + 1e-9), integral=True)


def define_need_variables(m: Model, d: PlanInputs) -> None:
    T = d.scenario.horizon
    nd = d.needs
    hold = nd["kind"] == "hold"
    lv = _expand_months(nd[["id", "kind", "Q"]], pd.Series(0, index=nd.index), pd.Series(T - 1, index=nd.index))
    m.add_variables("level", lv[["id", "month"]].rename(columns={"id": "need"}),
                    ub=np.where(lv["kind"] == "hold", lv["Q"], INF))
    first = nd["due"].where(hold, nd["from"])
    last = pd.Series(np.where(hold, T - 1, nd["to"]), index=nd.index)
    sh = _expand_months(nd[["id", "kind", "Q", "r"]], first, last)
    m.add_variables("short", sh[["id", "month"]].rename(columns={"id": "need"}),
                    ub=np.where(sh["kind"] == "hold", sh["Q"], sh["r"]))


def define_platform_variables(m: Model, d: PlanInputs) -> None:
    T = d.scenario.horizon
    alloc_items = set(m.vars["alloc"]["item"])
    required = {p for p in d.items.loc[list(alloc_items), "requires"] if p}
    tracked = sorted(required - d.operated)
    idx = pd.DataFrame({"platform": np.repeat(np.array(tracked, dtype=object), T),
                        "month": np.tile(np.arange(T), len(tracked))})
    m.add_variables("cum", idx)
    planned = set(m.vars["stock"]["item"]) | set(m.vars["buy"]["item"])
    platforms = set(d.items.index[d.items["platform"]])
    new = sorted((platforms & planned & set(m.vars["alloc"]["item"])) - d.operated - set(d.baseline["item"]))
    m.add_variables("new", pd.DataFrame({"platform": pd.Series(new, dtype=object)}), ub=1.0, integral=True)


def define_burden_variables(m: Model, d: PlanInputs) -> None:
    donors = d.scenario.donors[["code", "gdp_eur_bn"]].rename(columns={"code": "donor"})
    m.add_variables("value", donors)
    m.add_variables("dev", donors[["donor"]])


def define_variables(m: Model, d: PlanInputs) -> None:
    """All variable families, in the order later stages expect."""
    define_stock_variables(m, d)
    define_buy_variables(m, d)
    define_alloc_variables(m, d)
    define_need_variables(m, d)
    define_platform_variables(m, d)
    define_burden_variables(m, d)
