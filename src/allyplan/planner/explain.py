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

from collections.abc import Callable
from typing import Any

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

    # Each rule below marks the candidates it explains (reason, cost); the texts (limit, relief) are made only for
    # the one candidate kept per shortfall, at the end: on a large plan most candidates are never shown.
    reason = np.full(len(cand), "not optimal", dtype=object)
    rule = np.full(len(cand), -1, dtype=np.int64)
    texts: list[Callable[[pd.DataFrame, np.ndarray], tuple[Any, Any]]] = []
    cost = np.zeros(len(cand))
    units = cand["units"].to_numpy()
    spare = cand["spare"].to_numpy(dtype=float)

    def put(mask: np.ndarray, r: str, text: Callable[[pd.DataFrame, np.ndarray], tuple[Any, Any]],
            eur: np.ndarray | float = 0.0) -> None:
        """``text(c, at)``: limit and relief of the candidates ``c`` (rows ``at`` of ``cand``)."""
        todo = mask & np.isin(reason, ["not optimal", "whole units"])
        reason[todo] = r
        rule[todo] = len(texts)
        texts.append(text)
        cost[todo] = np.broadcast_to(np.asarray(eur, dtype=float), todo.shape)[todo]

    put(np.zeros(len(cand), dtype=bool), "not optimal", lambda c, at: ("", ""))  # rule 0: never chosen by a mask
    whole = (spare > 1e-9) & (cand["short"].to_numpy() < cand["factor"].to_numpy() - 1e-9)
    put(whole, "whole units", lambda c, at: ("less than one unit of the item is missing",
                                             "none: plans ship whole units"))

    blocked = cand["blocked"].to_numpy(dtype=str)
    is_red = np.char.startswith(blocked, "red line")
    put(is_red, "red line", lambda c, at: (c["blocked"], "the coalition red line keeps " + c["item"] + " out"))
    put(blocked != "", "policy", lambda c, at: (
        c["blocked"] + " (" + c["source"] + ")",
        "lifting it would allow " + c["units"].astype(int).astype(str) + " " + c["item"]))
    late = cand["earliest"].to_numpy() > t
    put(late, "lead time", lambda c, at: (
        c["source"] + " brings " + c["item"] + " in service no earlier than " + c["earliest"].map(label),
        "arriving " + (c["earliest"].to_numpy() - t[at]).astype(int).astype(str) + " month(s) sooner"))
    no_pf = p_month.to_numpy() > t
    req_s = req.to_numpy(dtype=object)
    put(no_pf, "platform", lambda c, at: (req_s[at] + " not in service by " + c["month"].map(label).to_numpy(),
                                          "a " + req_s[at] + " in service by " + c["month"].map(label).to_numpy()))
    stock = (cand["kind"] == "stock").to_numpy()
    exhausted = spare < 1 - 1e-9
    floor_units = np.minimum(units, cand["floor"].to_numpy())
    put(stock & exhausted & (floor_units < 1), "stock used up", lambda c, at: (
        "all of " + c["donor"] + "'s " + c["item"] + " above its floor is planned", "none from this stock"))
    put(stock & exhausted, "floor", lambda c, at: (
        c["donor"] + " keeps " + c["floor"].map("{:g}".format) + " " + c["item"] + " at home (readiness floor)",
        "lowering the floor by " + floor_units[at].astype(int).astype(str) + " closes "
        + np.where(floor_units[at] >= units[at], "it", "part of it")),
        floor_units * cand["unit_eur"].to_numpy())
    line = ~stock
    closes = np.ones(len(cand))
    closes[stock] = np.minimum(1.0, floor_units[stock] / np.maximum(units[stock], 1))
    per_month = np.ceil(units / np.maximum(t - cand["earliest"].to_numpy() + 1, 1)).astype(int)
    need_eur = units * cand["unit_eur"].to_numpy()
    window = line & exhausted & (unfunded >= 1 - 1e-9)
    lead = cand["lead"].to_numpy()
    put(window, "funds", lambda c, at: (
        "no fund may pay " + c["line"] + " after " + c["fund_to"].map(label),
        "keeping " + np.where(c["fund"] != "", "fund " + c["fund"], "a fund that may buy from it") + " open until "
        + pd.Series(t[at] - lead[at]).map(label).to_numpy()), need_eur)
    put(line & exhausted, "capacity", lambda c, at: (
        c["source"] + " has no spare output arriving by " + c["month"].map(label),
        "+" + per_month[at].astype(str) + " a month on " + c["line"]), need_eur)
    fund_spare = cand["fund_spare"].to_numpy(dtype=float)
    broke = line & (fund_spare < need_eur - 1e-6)
    put(broke, "funds", lambda c, at: (
        "funds that may buy from " + c["line"] + " are spent",
        "+EUR " + pd.Series(np.nan_to_num(np.ceil(need_eur[at] - fund_spare[at].clip(min=0)), posinf=0.0,
                                          neginf=0.0)).map("{:,.0f}".format).to_numpy()
        + np.where(c["fund"] != "", " to fund " + c["fund"], " in a fund that may buy from it")), need_eur)
    if optimal:
        put(np.isin(reason, ["not optimal"]), "priority", lambda c, at: (
            "spare supply went to needs of higher priority or to earlier months", "more supply of the item"))
    else:
        put(np.isin(reason, ["not optimal"]), "not optimal", lambda c, at: (
            "the solve stopped before proving the plan optimal", "a longer --time-limit or a larger --gap"))

    cand["reason"], cand["cost"], cand["rule"] = reason, cost, rule
    cand["rank"] = cand["reason"].map(_ORDER)
    cand["partial"] = closes < 1 - 1e-9
    cand["at"] = np.arange(len(cand))
    best = cand.sort_values(["row", "rank", "partial", "cost", "earliest"]).drop_duplicates("row").set_index("row")
    limit = np.full(len(best), "", dtype=object)
    relief = np.full(len(best), "", dtype=object)
    chosen = best["rule"].to_numpy()
    at_all = best["at"].to_numpy()
    for r in np.unique(chosen):
        if r < 0:
            continue
        k = np.flatnonzero(chosen == r)
        lim, rel = texts[r](cand.iloc[at_all[k]], at_all[k])
        limit[k] = np.broadcast_to(np.asarray(lim, dtype=object), k.shape)
        relief[k] = np.broadcast_to(np.asarray(rel, dtype=object), k.shape)
    best["limit"], best["relief"] = limit, relief
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
