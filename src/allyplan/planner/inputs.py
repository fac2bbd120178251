"""Derived planning inputs: what each stock may release, what each line can make each month, which fund may buy
from which line, what existing pledges and holdings bring, and which platforms the recipient operates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from allyplan.parties import blocked_by, release_share
from allyplan.scenario import Scenario

__all__ = ["PlanInputs", "prepare", "map_values"]


def map_values(keys: pd.Series, table: pd.Series | Mapping[Any, Any]) -> pd.Series:
    """``table``'s value for each key (NaN where it has none), typed as ``table``'s values whatever the keys' type.

    ``keys.map(table)`` types an empty result by the keys: with pandas backing strings by Arrow (pyarrow
    installed), an empty column of ids maps to an empty *string* column, and comparing it with numbers fails.
    """
    t = table if isinstance(table, pd.Series) else pd.Series(table, dtype=None if table else float)
    return pd.Series(t.reindex(keys.to_numpy(dtype=object)).to_numpy(), index=keys.index, name=t.name)


@dataclass
class PlanInputs:
    """Tables the model stages read; built once by :func:`prepare`.

    - ``stocks``: one row per stock with ``releasable`` units and ``blocked`` (the rule forbidding it, or "").
    - ``capacity``: (line, month, capacity).
    - ``arcs``: (line, fund) pairs a fund may buy from, with ``blocked``.
    - ``baseline``: holdings and counted pledges, one row each: (origin, donor, item, month, quantity).
    - ``needs``: needs with ``Q`` (total units of need) and ``r`` (units a month for flow needs).
    - ``operated``: platform items the recipient has in service at the start.
    - ``last_useful``: per item, the last month an arrival can still serve a need.
    """

    scenario: Scenario
    stocks: pd.DataFrame
    capacity: pd.DataFrame
    arcs: pd.DataFrame
    fund_members: pd.DataFrame
    baseline: pd.DataFrame
    needs: pd.DataFrame
    accepts: pd.DataFrame
    items: pd.DataFrame
    operated: set[str]
    last_useful: pd.Series


def prepare(s: Scenario) -> PlanInputs:
    """Compute the derived inputs of a scenario (vectorised over whole tables)."""
    T = s.horizon
    items = s.items.set_index("id")
    pl = s.pledges
    counted = pl[pl["status"].isin(["committed", "delivered"])]
    # Stock still owed on committed pledges is no longer free to plan again.
    owed = counted[counted["status"] == "committed"].groupby(["donor", "item"])["quantity"].sum()
    st = s.stocks.copy()
    share = release_share(s, st["donor"])
    owed_here = pd.Series(list(zip(st["donor"], st["item"], strict=True))).map(owed).fillna(0.0).to_numpy()
    st["owed"] = owed_here
    st["releasable"] = np.maximum(
        0.0, np.minimum(st["quantity"] - st["floor"], share * st["quantity"]) - owed_here)
    st["share_limit"] = share < 1.0
    st["blocked"] = blocked_by(s, st["donor"], st["item"])
    st["unit_value_eur"] = map_values(st["item"], items["unit_value_eur"]).to_numpy()

    pr = s.production
    months = np.arange(T)
    cap = pr.loc[pr.index.repeat(T), ["line", "item", "from", "to", "per_month", "ramp_per_month"]].copy()
    cap["month"] = np.tile(months, len(pr))
    cap = cap[(cap["month"] >= cap["from"]) & (cap["month"] <= cap["to"])]
    cap["capacity"] = cap["per_month"] + cap["ramp_per_month"] * (cap["month"] - cap["from"])
    cap = cap.loc[cap["capacity"] > 0, ["line", "item", "month", "capacity"]].reset_index(drop=True)

    fu = s.funds
    members = fu[["fund", "donor", "amount_eur"]].copy()
    members["weight"] = members["amount_eur"] / members.groupby("fund")["amount_eur"].transform("sum").where(
        lambda x: x > 0, 1.0)
    fund = fu.groupby("fund", sort=False).agg(amount_eur=("amount_eur", "sum"), f_from=("from", "min"),
                                             f_to=("to", "max"), lines=("lines", "first")).reset_index()
    arcs = fund.merge(pr[["line", "item", "from", "to", "unit_cost_eur", "lead_months"]], how="cross")
    allowed_lines = arcs["lines"].str.split(";").map(lambda xs: {x.strip() for x in xs if x.strip()})
    ok = [not allowed or ln in allowed for allowed, ln in zip(allowed_lines, arcs["line"], strict=True)]
    arcs = arcs[np.asarray(ok, dtype=bool)].reset_index(drop=True)
    # A pooled fund buys nothing any of its members' policies forbid.
    fm = arcs[["fund", "item"]].merge(members[["fund", "donor"]], on="fund")
    fm["blocked"] = blocked_by(s, fm["donor"], fm["item"])
    fm = fm[fm["blocked"] != ""].drop_duplicates(["fund", "item"]).set_index(["fund", "item"])["blocked"]
    arcs["blocked"] = pd.Series(list(zip(arcs["fund"], arcs["item"], strict=True)), dtype=object).map(fm).astype(
        object).where(lambda x: x.notna(), "").to_numpy()
    arcs = arcs.drop(columns=["lines"])

    rows = [
        pd.DataFrame({"origin": "holding", "donor": "", "item": s.holdings["item"], "month": 0,
                      "quantity": s.holdings["quantity"]}),
        pd.DataFrame({"origin": "pledge:" + counted["status"], "donor": counted["donor"], "item": counted["item"],
                      "month": counted["month"].clip(lower=0), "quantity": counted["quantity"]}),
    ]
    baseline = pd.concat(rows, ignore_index=True)
    baseline = baseline[(baseline["quantity"] > 0) & (baseline["month"] < T)].reset_index(drop=True)
    baseline["month"] = baseline["month"].astype(int)

    needs = s.needs.copy()
    needs["Q"] = needs["quantity"].astype(float)
    needs["r"] = needs["per_month"].astype(float)
    acc = s.accepts.merge(needs[["id", "kind", "to"]], left_on="need", right_on="id").drop(columns="id")
    acc["last"] = np.where(acc["kind"] == "flow", acc["to"], T - 1)
    last_useful = acc.groupby("item")["last"].max()
    held = s.holdings.groupby("item")["quantity"].sum()
    operated = set(held[held > 0].index) & set(s.items.loc[s.items["platform"], "id"])
    return PlanInputs(scenario=s, stocks=st, capacity=cap, arcs=arcs, fund_members=members, baseline=baseline,
                      needs=needs, accepts=acc.drop(columns=["kind", "to", "last"]), items=items,
                      operated=operated, last_useful=last_useful)
