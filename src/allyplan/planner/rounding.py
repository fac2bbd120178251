"""Which fractional shipments may be rounded up without breaking a limit: the planner's knowledge the rounding
dive in :mod:`allyplan.planner.solve` uses to choose round-ups that keep the plan feasible.

A unit rounded up must fit under its stock's releasable quantity, its line's capacity that month, its fund's
money, and in the room left in a need that accepts it (rule 6). Checking these before re-solving keeps most
rounding rounds feasible, so the dive converges in a few warm-started LP solves.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from allyplan.planner.inputs import PlanInputs
from allyplan.planner.model import Model

__all__ = ["UpFilter", "make_up_filter"]

#: (full solution, candidate columns, how far each is from its next whole value) -> mask of those that fit
UpFilter = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def make_up_filter(m: Model, d: PlanInputs) -> UpFilter:
    """A filter over candidate round-ups for the model ``m``."""
    st, bu, al = m.vars["stock"], m.vars["buy"], m.vars["alloc"]
    releasable = d.stocks["releasable"].to_numpy()
    cap = d.capacity.set_index(["line", "month"])["capacity"]
    amount = d.arcs.drop_duplicates("fund").set_index("fund")["amount_eur"]
    unit_cost = d.arcs.drop_duplicates("line").set_index("line")["unit_cost_eur"]
    nd = d.needs.set_index("id")
    # Per supply column: what it draws on. Stock columns: their stock; buy columns: their line-month and fund.
    col_kind: dict[int, tuple[str, object, object, float]] = {}
    for c, k in zip(st["col"].to_numpy(), st["k"].to_numpy(), strict=True):
        col_kind[int(c)] = ("stock", int(k), None, 0.0)
    for c, ln, mo, fu in zip(bu["col"].to_numpy(), bu["line"], bu["month"], bu["fund"], strict=True):
        col_kind[int(c)] = ("buy", (ln, int(mo)), fu, float(unit_cost[ln]))
    items = pd.concat([st[["col", "item", "arrive"]], bu[["col", "item", "arrive"]]]).set_index("col")
    acc = d.accepts.merge(nd[["kind", "to"]], left_on="need", right_index=True)
    by_item = {i: g[["need", "factor", "kind", "to"]].to_numpy() for i, g in acc.groupby("item")}

    supply_cols = np.r_[st["col"].to_numpy(), bu["col"].to_numpy()]
    whole_alloc = al["col"].to_numpy()

    def fits(x: np.ndarray, cand: np.ndarray, delta: np.ndarray) -> np.ndarray:
        # Judge against the round's other outcome: every other fractional shipment (and the whole-unit
        # allocations they feed) rounded down; a round-up then brings whole units on top of that.
        x = x.copy()
        for c in (supply_cols, whole_alloc):
            x[c] = np.floor(x[c] + 1e-6)
        delta = np.ceil(x[cand] + delta - 1e-6) - x[cand]
        stock_slack = releasable - np.bincount(st["k"].to_numpy(), weights=x[st["col"].to_numpy()],
                                               minlength=len(releasable))
        made = pd.Series(x[bu["col"].to_numpy()], index=pd.MultiIndex.from_frame(bu[["line", "month"]]))
        line_slack = (cap - made.groupby(level=[0, 1]).sum().reindex(cap.index, fill_value=0.0)).to_dict()
        spent = pd.Series(x[bu["col"].to_numpy()] * bu["line"].map(unit_cost).to_numpy()).groupby(
            bu["fund"].to_numpy()).sum()
        fund_slack = (amount - spent.reindex(amount.index, fill_value=0.0)).to_dict()
        filled = pd.Series(x[al["col"].to_numpy()] * al["factor"].to_numpy()).groupby(al["need"].to_numpy()).sum()
        room = (nd["Q"] - filled.reindex(nd.index, fill_value=0.0)).to_dict()
        ok = np.zeros(len(cand), dtype=bool)
        for j in np.argsort(-delta, kind="stable"):
            c, dq = int(cand[j]), float(delta[j])
            kind, key, fund, cost = col_kind[c]
            if kind == "stock":
                if stock_slack[key] < dq - 1e-9:
                    continue
            elif line_slack.get(key, 0.0) < dq - 1e-9 or fund_slack.get(fund, 0.0) < dq * cost - 1e-6:
                continue
            item, arrive = items.at[c, "item"], int(items.at[c, "arrive"])
            best, best_room, best_factor = None, 0.0, 1.0
            for need, factor, nkind, to in by_item.get(item, ()):
                if nkind == "flow" and arrive > to:
                    continue
                r = room[need] / factor
                if r > best_room:
                    best, best_room, best_factor = need, r, factor
            if best is None or best_room < dq - 1e-9:
                continue
            ok[j] = True
            room[best] -= dq * best_factor
            if kind == "stock":
                stock_slack[key] -= dq
            else:
                line_slack[key] -= dq
                fund_slack[fund] -= dq * cost
        return ok

    return fits
