"""Stage 6: explain every shortfall (DESIGN.md rule 10).

For a need short in a month, every source of every item it accepts is examined in the final plan: a stock
(donor, item) or a production line. Each source is stopped by one limit: a red line, a donor's policy, a
platform not yet in service, a lead time, a readiness floor, a line's capacity or a fund's money. The shortfall
is put down to the limit whose relief would close it most cheaply, in this order of preference: a quantity
limit (floor, capacity, funds; the smallest relief in EUR), then a lead time, a missing platform, a policy, a
red line. The relief says what relaxing that limit by how much would close the gap, assuming the extra supply
goes to this need.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from allyplan.months import month_label, month_number
from allyplan.planner.inputs import PlanInputs, map_values
from allyplan.planner.results import first_in_service

__all__ = ["explain_shortfalls", "SHORTFALL_COLUMNS"]

SHORTFALL_COLUMNS = ["need", "month", "short", "reason", "limit", "relief", "item", "source"]
_ORDER = {"floor": 0, "capacity": 0, "funds": 0, "lead time": 1, "platform": 2, "policy": 3, "red line": 4,
          "stock used up": 5, "whole units": 5, "priority": 6, "not optimal": 6}


def _sources(d: PlanInputs, deliveries: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """Every source of every item with its state in the final plan."""
    T = d.scenario.horizon
    st = d.stocks
    used = deliveries[deliveries["source"] == "stock"].groupby(["donor", "item"])["quantity"].sum()
    stock = pd.DataFrame({
        "item": st["item"], "source": "stock of " + st["donor"], "donor": st["donor"], "kind": "stock",
        "blocked": st["blocked"], "earliest": st["available_from"] + st["lead_months"],
        "spare": st["releasable"] - pd.Series(list(zip(st["donor"], st["item"], strict=True))).map(used).fillna(0.0),
        "floor": st["floor"], "unit_eur": st["unit_value_eur"], "lead": st["lead_months"], "line": "",
        "fund_spare": np.inf, "fund": "",
    })
    pr = d.scenario.production
    arcs = d.arcs
    free = arcs[arcs["blocked"] == ""]
    spent = deliveries[deliveries["fund"] != ""].groupby("fund")["value_eur"].sum()
    free = free.assign(left=free["amount_eur"] - map_values(free["fund"], spent).fillna(0.0))
    fund_left = free.groupby("line")["left"].sum()
    richest = free.sort_values("left", ascending=False).drop_duplicates("line").set_index("line")["fund"]
    why_blocked = arcs[arcs["blocked"] != ""].drop_duplicates("line").set_index("line")["blocked"]
    blocked = map_values(pr["line"], why_blocked).astype(object)
    blocked = blocked.where(blocked.notna(), "no fund may buy from it").where(~pr["line"].isin(free["line"]), "")
    line = pd.DataFrame({
        "item": pr["item"], "source": "line " + pr["line"], "donor": "", "kind": "line", "blocked": blocked,
        "earliest": pr["from"] + pr["lead_months"], "spare": np.nan, "floor": 0.0, "unit_eur": pr["unit_cost_eur"],
        "lead": pr["lead_months"], "line": pr["line"], "fund_spare": map_values(pr["line"], fund_left).fillna(0.0),
        "fund": map_values(pr["line"], richest).astype(object).where(lambda f: f.notna(), ""),
    })
    # Spare capacity by arrival month, cumulated: what a line could still bring by month t. "funded" counts
    # only months in which a fund that may buy from the line is open.
    cap = d.capacity.merge(pr[["line", "lead_months"]], on="line")
    made = deliveries[deliveries["fund"] != ""].groupby(["source", "ship_month"])["quantity"].sum()
    cap["spare"] = cap["capacity"] - pd.Series(list(zip(cap["line"], cap["month"], strict=True))).map(made).fillna(0.0)
    cap["arrive"] = cap["month"] + cap["lead_months"]
    windows = free.groupby("line").agg(f_from=("f_from", "min"), f_to=("f_to", "max"))
    cap = cap.join(windows, on="line")
    funded = (cap["month"] >= cap["f_from"]) & (cap["month"] <= cap["f_to"])
    pos = pd.Series(np.arange(len(pr)), index=pr["line"])
    ok = cap["arrive"] <= T - 1
    spare = {}
    for name, mask in (("all", ok), ("funded", ok & funded)):
        grid = np.zeros((len(pr), T + 1))
        np.add.at(grid, (map_values(cap.loc[mask, "line"], pos).to_numpy(dtype=np.int64),
                         cap.loc[mask, "arrive"].to_numpy(dtype=np.int64)), cap.loc[mask, "spare"].to_numpy())
        spare[name] = np.cumsum(grid, axis=1)
    line["fund_to"] = map_values(line["line"], windows["f_to"]).fillna(-1).astype(int)
    sources = pd.concat([stock, line], ignore_index=True)
    sources["line_pos"] = map_values(sources["line"], pos).fillna(-1).astype(int)
    return sources, spare


def explain_shortfalls(d: PlanInputs, coverage: pd.DataFrame, deliveries: pd.DataFrame,
                       optimal: bool = True) -> pd.DataFrame:
    """One row per need and month with a shortfall: the binding limit and what relaxing it would close the gap."""
    short = coverage.loc[coverage["short"] > 1e-9, ["need", "month", "short"]].reset_index(drop=True)
    short["row"] = np.arange(len(short))
    if short.empty:
        return pd.DataFrame(columns=SHORTFALL_COLUMNS)
    start = month_number(d.scenario.config.start)
    cache: dict[int, str] = {}

    def label(offset: int) -> str:  # one label per distinct month, not per row (a plan has hundreds of thousands)
        o = int(offset)
        if o not in cache:
            cache[o] = month_label(start + o)
        return cache[o]
    src, line_spare = _sources(d, deliveries)
    src["fund_to"] = src["fund_to"].fillna(-1).astype(int)
    cand = short.merge(d.accepts, on="need").merge(src, on="item")
    if cand.empty:
        return _no_source(d, short.assign(reason=np.nan, limit="", relief="", item="", source=""))
    cand["units"] = np.ceil(cand["short"] / cand["factor"] - 1e-9)
    req = map_values(cand["item"], d.items["requires"]).fillna("")
    svc = first_in_service(d, deliveries.rename(columns={"arrive_month": "month"}))
    p_month = map_values(req, svc).fillna(d.scenario.horizon + 1).where(req != "", 0).astype(int)
    lp = cand["line_pos"].to_numpy()
    t = cand["month"].to_numpy(dtype=np.int64)
    cand.loc[cand["kind"] == "line", "spare"] = line_spare["funded"][lp[lp >= 0], t[lp >= 0]]
    unfunded = np.zeros(len(cand))
    unfunded[lp >= 0] = line_spare["all"][lp[lp >= 0], t[lp >= 0]] - line_spare["funded"][lp[lp >= 0], t[lp >= 0]]

    reason = np.full(len(cand), "not optimal", dtype=object)
    limit = np.full(len(cand), "", dtype=object)
    relief = np.full(len(cand), "", dtype=object)
    cost = np.zeros(len(cand))
    units = cand["units"].to_numpy()
    spare = cand["spare"].to_numpy(dtype=float)
    whole = (spare > 1e-9) & (cand["short"].to_numpy() < cand["factor"].to_numpy() - 1e-9)
    reason[whole] = "whole units"
    limit[whole] = "less than one unit of the item is missing"
    relief[whole] = "none: plans ship whole units"

    def put(mask: np.ndarray, r: str, lim: pd.Series | np.ndarray, rel: pd.Series | np.ndarray,
            eur: np.ndarray | float = 0.0) -> None:
        todo = mask & np.isin(reason, ["not optimal", "whole units"])
        reason[todo] = r
        limit[todo] = np.asarray(lim, dtype=object)[todo]
        relief[todo] = np.asarray(rel, dtype=object)[todo]
        cost[todo] = np.broadcast_to(np.asarray(eur, dtype=float), todo.shape)[todo]

    item = cand["item"]
    src_s = cand["source"]
    blocked = cand["blocked"].to_numpy(dtype=str)
    is_red = np.char.startswith(blocked, "red line")
    put(is_red, "red line", cand["blocked"], "the coalition red line keeps " + item + " out")
    put(blocked != "", "policy", cand["blocked"] + " (" + src_s + ")",
        "lifting it would allow " + cand["units"].astype(int).astype(str) + " " + item)
    late = cand["earliest"].to_numpy() > t
    months_sooner = (cand["earliest"].to_numpy() - t).astype(int).astype(str)
    put(late, "lead time", src_s + " brings " + item + " in service no earlier than " + cand["earliest"].map(label),
        "arriving " + months_sooner + " month(s) sooner")
    no_pf = p_month.to_numpy() > t
    put(no_pf, "platform", req + " not in service by " + cand["month"].map(label),
        "a " + req + " in service by " + cand["month"].map(label))
    stock = (cand["kind"] == "stock").to_numpy()
    exhausted = spare < 1 - 1e-9
    floor_units = np.minimum(units, cand["floor"].to_numpy())
    put(stock & exhausted & (floor_units < 1), "stock used up",
        "all of " + cand["donor"] + "'s " + item + " above its floor is planned",
        np.full(len(cand), "none from this stock", dtype=object))
    put(stock & exhausted, "floor",
        cand["donor"] + " keeps " + cand["floor"].map("{:g}".format) + " " + item + " at home (readiness floor)",
        "lowering the floor by " + floor_units.astype(int).astype(str) + " closes "
        + np.where(floor_units >= units, "it", "part of it"),
        floor_units * cand["unit_eur"].to_numpy())
    line = ~stock
    closes = np.ones(len(cand))
    closes[stock] = np.minimum(1.0, floor_units[stock] / np.maximum(units[stock], 1))
    per_month = np.ceil(units / np.maximum(t - cand["earliest"].to_numpy() + 1, 1)).astype(int)
    need_eur = units * cand["unit_eur"].to_numpy()
    window = line & exhausted & (unfunded >= 1 - 1e-9)
    last_ship = pd.Series(t - cand["lead"].to_numpy()).map(label)
    payer = pd.Series(np.where(cand["fund"] != "", "fund " + cand["fund"], "a fund that may buy from it"))
    put(window, "funds", "no fund may pay " + cand["line"] + " after " + cand["fund_to"].map(label),
        "keeping " + payer + " open until " + last_ship, need_eur)
    put(line & exhausted, "capacity", cand["source"] + " has no spare output arriving by " + cand["month"].map(label),
        "+" + pd.Series(per_month).astype(str) + " a month on " + cand["line"],
        need_eur)
    broke = line & (cand["fund_spare"].to_numpy(dtype=float) < need_eur - 1e-6)
    put(broke, "funds", "funds that may buy from " + cand["line"] + " are spent",
        "+EUR " + pd.Series(np.nan_to_num(np.ceil(need_eur - cand["fund_spare"].to_numpy(dtype=float).clip(min=0)),
                                          posinf=0.0, neginf=0.0)).map("{:,.0f}".format)
        + np.where(cand["fund"] != "", " to fund " + cand["fund"], " in a fund that may buy from it"),
        need_eur)
    if optimal:
        put(np.isin(reason, ["not optimal"]), "priority",
            np.full(len(cand), "spare supply went to needs of higher priority or to earlier months", dtype=object),
            np.full(len(cand), "more supply of the item", dtype=object))
    else:
        put(np.isin(reason, ["not optimal"]), "not optimal",
            np.full(len(cand), "the solve stopped before proving the plan optimal", dtype=object),
            np.full(len(cand), "a longer --time-limit or a larger --gap", dtype=object))

    cand["reason"], cand["limit"], cand["relief"], cand["cost"] = reason, limit, relief, cost
    cand["rank"] = cand["reason"].map(_ORDER)
    cand["partial"] = closes < 1 - 1e-9
    best = cand.sort_values(["row", "rank", "partial", "cost", "earliest"]).drop_duplicates("row").set_index("row")
    return _no_source(d, short.join(best[["reason", "limit", "relief", "item", "source"]], on="row"))


def _no_source(d: PlanInputs, out: pd.DataFrame) -> pd.DataFrame:
    """Shortfalls no source could close: no donor holds or produces any item the need accepts."""
    out = out.astype({"reason": object, "limit": object, "relief": object})
    nosrc = out["reason"].isna()
    accepted = d.accepts.groupby("need")["item"].agg(lambda s: ", ".join(s))
    out.loc[nosrc, "reason"] = "no source"
    out.loc[nosrc, "limit"] = "no donor holds or produces " + out.loc[nosrc, "need"].map(accepted)
    out.loc[nosrc, "relief"] = "a stock or production line of " + out.loc[nosrc, "need"].map(accepted)
    out[["item", "source"]] = out[["item", "source"]].fillna("")
    return out[SHORTFALL_COLUMNS]
