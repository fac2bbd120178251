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
from sqlalchemy import and_, func, select

from allyplan.ledger import models as m
from allyplan.ledger.db import reading
from allyplan.ledger.queries import valid_at
from allyplan.ledger.store import Ledger

__all__ = ["Baseline", "ledger_baseline", "with_ledger"]


@dataclass
class Baseline:
    pledges: pd.DataFrame
    holdings: pd.DataFrame
    notes: list[str] = field(default_factory=list)


def ledger_baseline(ledger: Ledger, recipient: str, start: str, items: set[str],
                    as_of: date | None = None) -> Baseline:
    """Pledges and holdings (as scenario tables of strings) from the ledger's counted entries for ``recipient``.

    Aggregated in the database (a million entries never become a data frame): the open remainder of committed
    pledges by donor, item and expected month (one pledge row each, its source naming the entries), and what was
    delivered by item.
    """
    s = m.states.c
    base = [valid_at(as_of), s.counted.is_(True), s.recipient == recipient, s.status.in_(["committed", "delivered"])]
    known = sorted(items)
    unit = and_(s.item.is_not(None), s.quantity.is_not(None))
    catalog = s.item.in_(known)
    remaining = s.quantity - s.delivered
    notes: list[str] = []
    with reading(ledger.engine) as conn:
        month = func.to_char(s.expected, "YYYY-MM") if conn.dialect.name == "postgresql" else \
            func.substr(s.expected, 1, 7)
        no_unit = conn.execute(select(func.count()).where(*base, ~unit)).scalar_one()
        outside = conn.execute(select(s.item, func.count()).where(*base, unit, ~catalog).group_by(s.item)
                               .order_by(s.item)).all()
        open_ = conn.execute(
            select(s.donor, s.item, month.label("month"), func.sum(remaining), func.count(), func.min(s.entry))
            .where(*base, unit, catalog, s.status == "committed", remaining > 1e-9)
            .group_by(s.donor, s.item, month)).all()
        got = conn.execute(select(s.item, func.sum(s.delivered)).where(*base, unit, catalog, s.delivered > 0)
                           .group_by(s.item).order_by(s.item)).all()
    if no_unit:
        notes.append(f"{no_unit} ledger entries pledge a value or category only, not units of an item; "
                     "the planner cannot count them")
    if outside:
        notes.append(f"{sum(int(n) for _, n in outside)} ledger entries are for items not in the scenario's catalog "
                     f"({', '.join(str(i) for i, _ in outside[:8])}); they are left out")
    rows: dict[tuple[str, str, str], list[float]] = {}  # a month before the start counts from the start
    for donor, item, mon, qty, n, first in open_:
        key = (str(donor), str(item), max(str(mon), start) if mon else start)
        acc = rows.setdefault(key, [0.0, 0.0, float(first)])
        acc[0] += float(qty)
        acc[1] += int(n)
        acc[2] = min(acc[2], float(first))
    pledges = pd.DataFrame(
        [{"donor": d, "item": i, "quantity": f"{q:g}", "month": mon, "status": "committed",
          "source": f"ledger entry {int(first)}" + (f" and {int(n) - 1} more" if n > 1 else "")}
         for (d, i, mon), (q, n, first) in sorted(rows.items())],
        columns=["donor", "item", "quantity", "month", "status", "source"])
    holdings = pd.DataFrame({"item": [str(i) for i, _ in got], "quantity": [f"{float(q):g}" for _, q in got],
                             "source": "delivered according to the ledger"}, columns=["item", "quantity", "source"])
    return Baseline(pledges, holdings, notes)


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
