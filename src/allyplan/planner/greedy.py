"""A greedy whole-unit plan, as a coordination cell's spreadsheet would make it, that keeps every rule.

Needs are served in order of priority (then due month); each takes, for each item it accepts (cheapest first),
whole units from what already arrives (holdings and pledges), then from donors' releasable stock, then from
production lines a fund may pay for, earliest arrival first, while the need has room (rule 6). It keeps what the
model keeps: a stock's releasable quantity and its first shipping month, a line's capacity month by month, a fund's
money and window, lead times, a flow need's window, a hold need's quantity in whole units, and an item that
requires a platform only from the month a unit of that platform is in service (two passes over the needs, so that
a platform shipped for a need served later still lets the first pass's needs use what requires it).

:func:`greedy_solution` returns the plan as a solution of the model (every column, continuous ones included, so
the objective is the model's): the planner's plan when its LP relaxation is not done before the deadline, and a
start for HiGHS. It is fast (one pass over the needs' accepted items and their sources, no solver).
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from allyplan.planner.constraints import MN
from allyplan.planner.inputs import PlanInputs, map_values
from allyplan.planner.model import Model

__all__ = ["greedy_solution", "row_violation"]


def row_violation(m: Model, x: np.ndarray) -> float:
    """The largest amount by which ``x`` breaks a row or a column bound of ``m`` (0.0 when it keeps them all)."""
    col_lb, col_ub, _, row_lb, row_ub = m.bounds()
    ax = m.matrix() @ x
    worst = [np.maximum(col_lb - x, 0.0), np.maximum(x - col_ub, 0.0), np.maximum(row_lb - ax, 0.0),
             np.maximum(ax - row_ub, 0.0)]
    return float(max((w.max() if len(w) else 0.0) for w in worst))


def greedy_solution(m: Model, d: PlanInputs) -> np.ndarray:
    """The greedy plan (see the module's docstring) as a full solution vector of ``m``: whole shipments and
    allocations, and the needs' levels and shortfalls, platforms, new-platform binaries, burden values and
    pattern weights they imply."""
    x = np.zeros(m.n_cols)
    T = d.scenario.horizon
    nd = d.needs.set_index("id")
    items = d.items
    value = items["unit_value_eur"].to_dict()
    requires = items["requires"].fillna("").to_dict()
    alloc = m.vars["alloc"]
    alloc_col = dict(zip(zip(alloc["need"], alloc["item"], alloc["month"].to_numpy().tolist(), strict=True),
                         alloc["col"].to_numpy().tolist(), strict=True))
    last = {n: (int(nd.at[n, "to"]) if k == "flow" else T - 1) for n, k in nd["kind"].items()}
    lv_ub = m.vars["level"].assign(ub=m.ub[list(m.vars).index("level")]).groupby("need")["ub"].max()
    room0 = {n: (float(nd.at[n, "Q"]) if nd.at[n, "kind"] == "flow" else float(lv_ub.get(n, 0.0)))
             for n in nd.index}

    # Sources per item, earliest arrival first. Baseline: units arriving each month, still free.
    base_left: dict[tuple[str, int], float] = defaultdict(float)
    for it, mo, q in zip(d.baseline["item"], d.baseline["month"].to_numpy().tolist(), d.baseline["quantity"],
                         strict=True):
        base_left[(it, int(mo))] += float(q)
    base_months: dict[str, list[int]] = defaultdict(list)
    for it, mo in sorted(base_left):
        base_months[it].append(mo)
    st = m.vars["stock"]
    releasable = np.floor(d.stocks["releasable"].to_numpy() + 1e-9)
    stock_left = dict(enumerate(releasable.tolist()))
    stock_vars: dict[str, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for it, k, arr, c in sorted(zip(st["item"], st["k"].to_numpy().tolist(), st["arrive"].to_numpy().tolist(),
                                    st["col"].to_numpy().tolist(), strict=True), key=lambda r: (r[0], r[2])):
        stock_vars[it][k].append((arr, c))
    bu = m.vars["buy"]
    cap_left = {(ln, int(mo)): float(np.floor(c + 1e-9)) for ln, mo, c in
                zip(d.capacity["line"], d.capacity["month"], d.capacity["capacity"], strict=True)}
    arcs = d.arcs.drop_duplicates("line").set_index("line")
    unit_cost = arcs["unit_cost_eur"].to_dict()
    money_left = d.arcs.drop_duplicates("fund").set_index("fund")["amount_eur"].astype(float).to_dict()
    buy_vars: dict[str, list[tuple[int, str, int, str, int]]] = defaultdict(list)
    for it, arr, ln, mo, fu, c in zip(bu["item"], bu["arrive"].to_numpy().tolist(), bu["line"],
                                      bu["month"].to_numpy().tolist(), bu["fund"], bu["col"].to_numpy().tolist(),
                                      strict=True):
        buy_vars[it].append((arr, ln, mo, fu, c))
    for v in buy_vars.values():
        v.sort(key=lambda r: (r[0], r[2]))

    # Platforms: the first month a unit is in service (operated ones from the start).
    in_service: dict[str, float] = {p: 0.0 for p in d.operated}
    for it, mo in base_left:
        in_service[it] = min(in_service.get(it, np.inf), float(mo))

    fill: dict[str, float] = defaultdict(float)
    acc = d.accepts.assign(v=map_values(d.accepts["item"], items["unit_value_eur"]).to_numpy(dtype=float))
    accepted = {n: list(zip(g["item"], g["factor"].astype(float), strict=True))
                for n, g in acc.sort_values(["v", "item"], kind="stable").groupby("need", sort=False)}
    order = nd.assign(_n=nd.index).sort_values(["priority", "due", "_n"], ascending=[False, True, True]).index

    def give(need: str, item: str, month: int, q: float) -> bool:
        c = alloc_col.get((need, item, month))
        if c is None:
            return False
        x[c] += q
        return True

    for _ in range(2):
        for n in order:
            for it, f in accepted.get(n, []):
                room = room0[n] - fill[n]
                want = np.floor(room / f + 1e-9)
                if want < 1:
                    continue
                p = requires.get(it, "")
                first = in_service.get(p, np.inf) if p else 0.0
                if not np.isfinite(first):
                    continue
                lo, hi = int(np.ceil(first)), last[n]
                # What already arrives (holdings, pledges).
                for mo in base_months.get(it, []):
                    if want < 1 or mo > hi:
                        break
                    if mo < lo:
                        continue
                    q = min(want, np.floor(base_left[(it, mo)] + 1e-9))
                    if q >= 1 and give(n, it, mo, q):
                        base_left[(it, mo)] -= q
                        want -= q
                # Donors' releasable stock, each at its earliest useful month.
                for k, vs in stock_vars.get(it, {}).items():
                    if want < 1:
                        break
                    q = min(want, stock_left[k])
                    if q < 1:
                        continue
                    for arr, c in vs:
                        if lo <= arr <= hi and give(n, it, arr, q):
                            x[c] += q
                            stock_left[k] -= q
                            want -= q
                            break
                # Production a fund may pay for, earliest first.
                for arr, ln, mo, fu, c in buy_vars.get(it, []):
                    if want < 1 or arr > hi:
                        break
                    if arr < lo:
                        continue
                    cost = float(unit_cost[ln])
                    afford = np.floor(money_left[fu] / cost * (1 - 1e-12)) if cost > 0 else want
                    q = min(want, cap_left.get((ln, mo), 0.0), afford)
                    if q >= 1 and give(n, it, arr, q):
                        x[c] += q
                        cap_left[(ln, mo)] -= q
                        money_left[fu] -= q * cost
                        want -= q
                got = np.floor(room / f + 1e-9) - want
                if got > 0:
                    fill[n] += got * f
        # Platforms shipped in this pass are in service from their arrival, for the next pass.
        for fam in ("stock", "buy"):
            v = m.vars[fam]
            shipped = x[v["col"].to_numpy()] >= 1
            for it, arr in zip(v["item"][shipped], v["arrive"][shipped].to_numpy().tolist(), strict=True):
                in_service[it] = min(in_service.get(it, np.inf), float(arr))
    _complete(m, d, x, value)
    return x


def _complete(m: Model, d: PlanInputs, x: np.ndarray, value: dict[str, float]) -> None:
    """Set the continuous columns (and the new-platform binaries and pattern weights) that the whole shipments
    and allocations in ``x`` imply, in place."""
    T = d.scenario.horizon
    nd = d.needs.reset_index(drop=True)
    pos = pd.Series(np.arange(len(nd)), index=nd["id"])
    a = m.vars["alloc"]
    inflow = np.zeros((len(nd), T))
    np.add.at(inflow, (map_values(a["need"], pos).to_numpy(dtype=np.int64), a["month"].to_numpy(dtype=np.int64)),
              a["factor"].to_numpy(dtype=float) * x[a["col"].to_numpy()])
    hold = (nd["kind"] == "hold").to_numpy()
    Q = nd["Q"].to_numpy(dtype=float)
    r = nd["r"].to_numpy(dtype=float)
    months = np.arange(T)
    active = (~hold[:, None]) & (months[None, :] >= nd["from"].to_numpy()[:, None]) & (
        months[None, :] <= nd["to"].to_numpy()[:, None])
    level = np.cumsum(inflow, axis=1)
    short = np.where(hold[:, None], np.maximum(Q[:, None] - level, 0.0), 0.0)
    inv = np.zeros(len(nd))
    for t in range(T):  # flow needs: consume up to r from the inventory, the rest is short
        avail = inv + inflow[:, t]
        need = np.where(active[:, t], r, 0.0)
        s = np.maximum(need - avail, 0.0)
        inv = np.where(hold, 0.0, avail - (need - s))
        short[:, t] = np.where(hold, short[:, t], s)
        level[:, t] = np.where(hold, level[:, t], inv)
    lv = m.vars["level"]
    li = map_values(lv["need"], pos).to_numpy(dtype=np.int64)
    x[lv["col"].to_numpy()] = level[li, lv["month"].to_numpy(dtype=np.int64)]
    sh = m.vars["short"]
    si = map_values(sh["need"], pos).to_numpy(dtype=np.int64)
    x[sh["col"].to_numpy()] = short[si, sh["month"].to_numpy(dtype=np.int64)]

    # Platforms received by each month (baseline and plan), and new platform types.
    supply = pd.concat([m.vars["stock"][["item", "arrive", "col"]], m.vars["buy"][["item", "arrive", "col"]]])
    supply = supply.assign(q=x[supply["col"].to_numpy()])
    cum = m.vars["cum"]
    if len(cum):
        arr = pd.concat([supply.rename(columns={"arrive": "month"})[["item", "month", "q"]],
                         d.baseline[["item", "month", "quantity"]].rename(columns={"quantity": "q"})])
        arr = arr[arr["item"].isin(set(cum["platform"]))].groupby(["item", "month"])["q"].sum()
        per = pd.Series(list(zip(cum["platform"], cum["month"], strict=True))).map(arr).fillna(0.0).to_numpy()
        x[cum["col"].to_numpy()] = pd.Series(per).groupby(cum["platform"].to_numpy()).cumsum().to_numpy()
    new = m.vars["new"]
    if len(new):
        shipped = set(supply.loc[supply["q"] >= 1, "item"])
        x[new["col"].to_numpy()] = new["platform"].isin(shipped).to_numpy(dtype=float)

    # Burden: each donor's value (EUR m) and its departure from its GDP share.
    val, dev = m.vars["value"], m.vars["dev"]
    st = m.vars["stock"]
    vd = pd.Series(x[st["col"].to_numpy()] * map_values(st["item"], pd.Series(value)).to_numpy(dtype=float) / MN)
    v = vd.groupby(st["donor"].to_numpy()).sum()
    bu = m.vars["buy"].merge(d.fund_members[["fund", "donor", "weight"]], on="fund")
    if len(bu):
        cost = map_values(bu["line"], d.arcs.drop_duplicates("line").set_index("line")["unit_cost_eur"])
        paid = pd.Series(x[bu["col"].to_numpy()] * cost.to_numpy(dtype=float) / MN * bu["weight"].to_numpy())
        v = v.add(paid.groupby(bu["donor"].to_numpy()).sum(), fill_value=0.0)
    vv = map_values(val["donor"], v).fillna(0.0).to_numpy(dtype=float)
    x[val["col"].to_numpy()] = vv
    gdp = val["gdp_eur_bn"].to_numpy(dtype=float)
    g = gdp / gdp.sum() if gdp.sum() > 0 else np.full(len(val), 1.0 / max(len(val), 1))
    x[dev["col"].to_numpy()] = np.abs(vv - g * vv.sum())

    # Pattern weights (see strengthen.add_pattern_hulls): the need's whole-unit totals lie under one of its
    # maximal patterns; that pattern's weight is 1.
    pat = m.vars.get("pattern")
    if pat is not None and len(pat):
        totals = pd.Series(x[a["col"].to_numpy()]).groupby([a["need"].to_numpy(), a["item"].to_numpy()]).sum()
        for need, g_ in pat.groupby("need", sort=False):
            got = [float(totals.get((need, it), 0.0)) for it in g_["items"].iloc[0]]
            for c, p in zip(g_["col"].to_numpy().tolist(), g_["counts"], strict=True):
                if all(gv <= pv + 1e-9 for gv, pv in zip(got, p, strict=True)):
                    x[c] = 1.0
                    break
