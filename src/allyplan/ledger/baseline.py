"""The ledger as the planner's baseline: committed pledges not yet delivered become fixed supply (the scenario's
``pledges`` table) and what was delivered becomes the recipient's holdings, so a plan only fills what remains.

``allyplan plan SCENARIO --ledger URL`` uses :func:`with_ledger`: the ledger replaces the scenario's own
``pledges.csv``, and its deliveries are added to ``holdings.csv`` (which should then hold only what the recipient
had before the ledger's records begin).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from allyplan.ledger.store import Ledger

__all__ = ["Baseline", "ledger_baseline", "with_ledger"]


@dataclass
class Baseline:
    pledges: pd.DataFrame
    holdings: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def ledger_baseline(ledger: Ledger, recipient: str, start: str, items: set[str],
                    as_of: date | None = None) -> Baseline:
    """Pledges and holdings (as scenario tables of strings) from the ledger's counted entries for ``recipient``."""
    e = ledger.entries(as_of)
    e = e[e["counted"].astype(bool) & e["recipient"].eq(recipient) & e["status"].isin(["committed", "delivered"])]
    notes: list[str] = []
    unit = e[e["item"].notna() & e["quantity"].notna()]
    if len(e) > len(unit):
        notes.append(f"{len(e) - len(unit)} ledger entries pledge a value or category only, not units of an item; "
                     "the planner cannot count them")
    outside = unit[~unit["item"].isin(items)]
    if len(outside):
        notes.append(f"{len(outside)} ledger entries are for items not in the scenario's catalog "
                     f"({', '.join(sorted(outside['item'].unique())[:8])}); they are left out")
    unit = unit[unit["item"].isin(items)]
    remaining = (unit["quantity"].astype(float) - unit["delivered"].astype(float)).clip(lower=0)
    open_ = unit[(unit["status"] == "committed") & (remaining > 1e-9)]
    month = open_["expected"].map(lambda d: d.strftime("%Y-%m") if isinstance(d, date) else start)
    month = month.where(month >= start, start)
    pledges = pd.DataFrame({"donor": open_["donor"], "item": open_["item"],
                            "quantity": remaining[open_.index].map(lambda v: f"{v:g}"), "month": month,
                            "status": "committed", "source": "ledger entry " + open_["entry"].astype(str)})
    got = unit[unit["delivered"].astype(float) > 0].groupby("item")["delivered"].sum()
    holdings = pd.DataFrame({"item": got.index, "quantity": got.map(lambda v: f"{v:g}").to_numpy(),
                             "source": "delivered according to the ledger"})
    return Baseline(pledges.reset_index(drop=True), holdings.reset_index(drop=True), notes)


def with_ledger(config: dict[str, Any], raw: dict[str, pd.DataFrame], ledger: Ledger,
                as_of: date | None = None) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """Scenario tables (strings) with the ledger as pledges and the ledger's deliveries added to holdings."""
    items = set(raw["items"]["id"].str.strip()) if "items" in raw else set()
    b = ledger_baseline(ledger, str(config.get("recipient", "UA")), str(config.get("start", "")), items, as_of)
    out = dict(raw)
    notes = list(b.notes)
    if "pledges" in raw and len(raw["pledges"]):
        notes.append(f"the scenario's own pledges.csv ({len(raw['pledges'])} rows) is replaced by the ledger")
    out["pledges"] = b.pledges
    held = raw.get("holdings", pd.DataFrame(columns=["item", "quantity", "source"]))
    out["holdings"] = pd.concat([held, b.holdings], ignore_index=True).fillna("")
    if len(b.holdings):
        both = pd.concat([held.assign(q=pd.to_numeric(held.get("quantity"), errors="coerce")),
                          b.holdings.assign(q=pd.to_numeric(b.holdings["quantity"]))])
        summed = both.groupby("item", as_index=False)["q"].sum()
        src = both.groupby("item")["source"].agg(lambda s: "; ".join(x for x in s if x))
        out["holdings"] = pd.DataFrame({"item": summed["item"], "quantity": summed["q"].map(lambda v: f"{v:g}"),
                                        "source": summed["item"].map(src).to_numpy()})
    parties = raw["parties"]
    missing = sorted(set(b.pledges["donor"]) - set(parties["code"].str.strip()))
    if missing:
        ref = ledger.reference()
        names = dict(zip(ref.parties["code"], ref.parties["name"], strict=True))
        gdp = ref.gdp()
        extra = pd.DataFrame({"code": missing, "name": [names.get(c, c) for c in missing],
                              "gdp_eur_bn": [f"{gdp.get(c, 0.0):g}" for c in missing],
                              "source": "added from the ledger"})
        out["parties"] = pd.concat([parties, extra], ignore_index=True).fillna("")
        notes.append(f"donors pledging in the ledger but not in parties.csv were added: {', '.join(missing)}")
    return out, notes
