"""Stage 2: define the constraints, each block in one vectorised step (see DESIGN.md, "Planning semantics").

Money in the fund and burden rows is in EUR m, to keep the matrix well scaled.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from allyplan.planner.inputs import PlanInputs, map_values
from allyplan.planner.model import INF, Model

__all__ = ["ACCOUNTING_ROWS", "define_constraints", "lookup"]

MN = 1e6  # burden values are in EUR m, to keep the matrix well scaled
#: Blocks whose rows only account for what the integer columns decide (each donor's value and its departure from its
#: GDP share, continuous columns): two neighbourhoods may both touch them, as an LP over both sets them again.
ACCOUNTING_ROWS = ("burden", "fair_over", "fair_under")


def lookup(frame: pd.DataFrame, keys: pd.DataFrame, what: str = "col") -> np.ndarray:
    """Positions (``col`` or ``row``) in ``frame`` of each row of ``keys`` (matched on its columns); -1 where
    there is none."""
    on = list(keys.columns)
    if frame.empty or keys.empty:
        return np.full(len(keys), -1, dtype=np.int64)
    hit = keys.merge(frame[[*on, what]], on=on, how="left")[what]
    return hit.fillna(-1).to_numpy(dtype=np.int64)


def _group(frame: pd.DataFrame, by: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """Distinct groups of ``frame`` by ``by`` and each row's group number."""
    codes = frame.groupby(by, sort=False).ngroup().to_numpy()
    return frame[by].drop_duplicates().reset_index(drop=True), codes


def _supply(m: Model) -> pd.DataFrame:
    """Every plan supply variable with its item and arrival month."""
    return pd.concat([m.vars["stock"][["item", "arrive", "col"]], m.vars["buy"][["item", "arrive", "col"]]],
                     ignore_index=True).rename(columns={"arrive": "month"})


def define_stock_constraints(m: Model, d: PlanInputs) -> None:
    """Rule 1: a donor releases at most quantity - floor (and its release share, less what it already owes)."""
    v = m.vars["stock"]
    groups, r = _group(v, ["k"])
    limit = d.stocks["releasable"].to_numpy()[groups["k"].to_numpy()]
    m.add_constraints("stock_total", groups, r, v["col"].to_numpy(), np.ones(len(v)), -INF, limit)


def define_production_constraints(m: Model, d: PlanInputs) -> None:
    """Rule 3: a line never makes more than its capacity in a month; funds pay at unit cost within their amount."""
    v = m.vars["buy"]
    groups, r = _group(v, ["line", "month"])
    cap = lookup(d.capacity, groups, "capacity")
    m.add_constraints("line_capacity", groups, r, v["col"].to_numpy(), np.ones(len(v)), -INF, cap)
    funds, r = _group(v, ["fund"])
    amount = d.arcs.drop_duplicates("fund").set_index("fund")["amount_eur"]
    cost = map_values(v["line"], d.arcs.drop_duplicates("line").set_index("line")["unit_cost_eur"]).to_numpy()
    m.add_constraints("fund_budget", funds, r, v["col"].to_numpy(), cost / MN, -INF,
                      map_values(funds["fund"], amount).to_numpy() / MN)


def define_balance_constraints(m: Model, d: PlanInputs) -> None:
    """Rule 6: every unit the plan delivers serves a need; existing pledges and holdings may serve too."""
    a, s = m.vars["alloc"], _supply(m)
    both = pd.concat([a[["item", "month", "col"]].assign(c=1.0), s.assign(c=-1.0)], ignore_index=True)
    groups, r = _group(both, ["item", "month"])
    base = d.baseline.groupby(["item", "month"], as_index=False)["quantity"].sum().rename(
        columns={"quantity": "base"})
    upper = groups.merge(base, on=["item", "month"], how="left")["base"].fillna(0.0).to_numpy()
    m.add_constraints("balance", groups, r, both["col"].to_numpy(), both["c"].to_numpy(), 0.0, upper)


def define_need_constraints(m: Model, d: PlanInputs) -> None:
    """Rule 5: hold needs count units in service; flow needs consume r a month from an inventory."""
    lv, sh, a = m.vars["level"], m.vars["short"], m.vars["alloc"]
    nd = d.needs.set_index("id")
    n = len(lv)
    rows = [np.arange(n)]
    cols = [lv["col"].to_numpy()]
    coef = [np.ones(n)]
    prev = lookup(lv, lv[["need"]].assign(month=lv["month"] - 1))
    has = prev >= 0
    rows.append(np.flatnonzero(has))
    cols.append(prev[has])
    coef.append(-np.ones(has.sum()))
    ar = lookup(lv.assign(row=np.arange(n)), a[["need", "month"]], "row")
    rows.append(ar)
    cols.append(a["col"].to_numpy())
    coef.append(-a["factor"].to_numpy())
    kind = map_values(lv["need"], nd["kind"]).to_numpy()
    flow_sh = sh[map_values(sh["need"], nd["kind"]).to_numpy() == "flow"]
    sr = lookup(lv.assign(row=np.arange(n)), flow_sh[["need", "month"]], "row")
    rows.append(sr)
    cols.append(flow_sh["col"].to_numpy())
    coef.append(-np.ones(len(flow_sh)))
    f_from = map_values(lv["need"], nd["from"]).to_numpy()
    f_to = map_values(lv["need"], nd["to"]).to_numpy()
    active = (kind == "flow") & (lv["month"].to_numpy() >= f_from) & (lv["month"].to_numpy() <= f_to)
    rhs = -np.where(active, map_values(lv["need"], nd["r"]).to_numpy(), 0.0)
    m.add_constraints("level", lv[["need", "month"]], np.concatenate(rows), np.concatenate(cols),
                      np.concatenate(coef), rhs, rhs)

    hold_sh = sh[map_values(sh["need"], nd["kind"]).to_numpy() == "hold"].reset_index(drop=True)
    k = len(hold_sh)
    lvc = lookup(lv, hold_sh[["need", "month"]])
    m.add_constraints("hold_short", hold_sh[["need", "month"]], np.r_[np.arange(k), np.arange(k)],
                      np.r_[hold_sh["col"].to_numpy(), lvc], np.ones(2 * k),
                      map_values(hold_sh["need"], nd["Q"]).to_numpy(), INF)

    # No duplication for flow needs (hold needs are capped by their level's upper bound).
    fa = a[map_values(a["need"], nd["kind"]).to_numpy() == "flow"]
    groups, r = _group(fa, ["need"])
    m.add_constraints("flow_cap", groups, r, fa["col"].to_numpy(), fa["factor"].to_numpy(), -INF,
                      map_values(groups["need"], nd["Q"]).to_numpy())


def define_platform_constraints(m: Model, d: PlanInputs) -> None:
    """Rules 7 and 8: items that require a platform serve only once it is in service; new platform types."""
    cum, a, s = m.vars["cum"], m.vars["alloc"], _supply(m)
    n = len(cum)
    prev = lookup(cum, cum[["platform"]].assign(month=cum["month"] - 1))
    has = prev >= 0
    sp_ = s[s["item"].isin(set(cum["platform"]))]
    sr = lookup(cum.assign(row=np.arange(n)), sp_.rename(columns={"item": "platform"})[["platform", "month"]], "row")
    base = d.baseline.groupby(["item", "month"])["quantity"].sum()
    rhs = pd.Series(list(zip(cum["platform"], cum["month"], strict=True))).map(base).fillna(0.0).to_numpy()
    m.add_constraints("platform_cum", cum[["platform", "month"]],
                      np.r_[np.arange(n), np.flatnonzero(has), sr],
                      np.r_[cum["col"].to_numpy(), prev[has], sp_["col"].to_numpy()],
                      np.r_[np.ones(n), -np.ones(has.sum()), -np.ones(len(sp_))], rhs, rhs)

    req = map_values(a["item"], d.items["requires"]).fillna("")
    ta = a[req.isin(set(cum["platform"])).to_numpy()]
    treq = map_values(ta["item"], d.items["requires"])
    ar = lookup(cum.assign(row=np.arange(n)), pd.DataFrame({"platform": treq, "month": ta["month"]}), "row")
    # Tight link: at most what the requiring items could bring to that month, nor more than their needs use.
    use = pd.DataFrame({"row": ar, "ub": m.ub_array()[ta["col"].to_numpy()]})
    big_m = use.groupby("row")["ub"].sum().reindex(np.arange(n), fill_value=0.0).to_numpy()
    m.add_constraints("platform_link", cum[["platform", "month"]], np.r_[ar, np.arange(n)],
                      np.r_[ta["col"].to_numpy(), cum["col"].to_numpy()],
                      np.r_[np.ones(len(ta)), -np.maximum(big_m, 1.0)], -INF, 0.0)

    new = m.vars["new"]
    if len(new):
        sn = s[s["item"].isin(set(new["platform"]))]
        nr = lookup(new.assign(row=np.arange(len(new))), sn.rename(columns={"item": "platform"})[["platform"]], "row")
        # U_p: the most units of p any plan could use (its needs' total), not a blind big-M.
        pa = a[a["item"].isin(set(new["platform"]))]
        q_of = d.needs.set_index("id")["Q"]
        cap = (pa.drop_duplicates(["need", "item"]).assign(u=lambda x: map_values(x["need"], q_of) / x["factor"])
               .groupby("item")["u"].sum())
        u = np.ceil(map_values(new["platform"], cap).fillna(0.0).to_numpy() - 1e-9)
        m.add_constraints("new_platform", new[["platform"]], np.r_[nr, np.arange(len(new))],
                          np.r_[sn["col"].to_numpy(), new["col"].to_numpy()],
                          np.r_[np.ones(len(sn)), -np.maximum(u, 1.0)], -INF, 0.0)


def define_burden_constraints(m: Model, d: PlanInputs) -> None:
    """Burden: the value each donor delivers (EUR m), and its departure from its share of coalition GDP."""
    val, dev = m.vars["value"], m.vars["dev"]
    nd = len(val)
    vrow = pd.Series(np.arange(nd), index=val["donor"])
    st = m.vars["stock"]
    st_val = map_values(st["item"], d.items["unit_value_eur"]).to_numpy() / MN
    bu = m.vars["buy"].merge(d.fund_members[["fund", "donor", "weight"]], on="fund")
    cost = map_values(bu["line"], d.arcs.drop_duplicates("line").set_index("line")["unit_cost_eur"]).to_numpy() / MN
    bu = bu[bu["donor"].isin(vrow.index)]
    cost = cost[bu.index.to_numpy()] if len(bu) else cost[:0]
    m.add_constraints("burden", val[["donor"]],
                      np.r_[np.arange(nd), map_values(st["donor"], vrow).to_numpy(),
                            map_values(bu["donor"], vrow).to_numpy()],
                      np.r_[val["col"].to_numpy(), st["col"].to_numpy(), bu["col"].to_numpy()],
                      np.r_[np.ones(nd), -st_val, -cost * bu["weight"].to_numpy()], 0.0, 0.0)
    gdp = val["gdp_eur_bn"].to_numpy(dtype=float)
    g = gdp / gdp.sum() if gdp.sum() > 0 else np.full(nd, 1.0 / max(nd, 1))
    # dev_d >= +-(V_d - g_d * sum V): two rows per donor, each touching every V.
    rr = np.repeat(np.arange(nd), nd)
    cc = np.tile(val["col"].to_numpy(), nd)
    gg = np.repeat(g, nd)
    own = np.tile(np.arange(nd), nd) == rr
    coef = np.where(own, 1.0, 0.0) - gg
    for sign, name in ((1.0, "fair_over"), (-1.0, "fair_under")):
        m.add_constraints(name, val[["donor"]], np.r_[np.arange(nd), rr], np.r_[dev["col"].to_numpy(), cc],
                          np.r_[np.ones(nd), -sign * coef], 0.0, INF)


def define_constraints(m: Model, d: PlanInputs) -> None:
    """Every constraint block."""
    define_stock_constraints(m, d)
    define_production_constraints(m, d)
    define_balance_constraints(m, d)
    define_need_constraints(m, d)
    define_platform_constraints(m, d)
    define_burden_constraints(m, d)
