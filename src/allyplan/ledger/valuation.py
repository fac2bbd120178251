"""Values in EUR: the reported value converted at the reference rate of the announcement date, or else the
catalog's unit value times the quantity. Deliveries are valued the same way, pro rata to the pledge.

>>> import pandas as pd
>>> r = Rates.from_frame(pd.DataFrame({"currency": ["USD"], "day": ["2025-01-02"], "rate": [1.25]}))
>>> r.to_eur(pd.Series([125.0]), pd.Series(["USD"]), pd.Series(["2025-03-01"])).tolist()
[100.0]
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sqlalchemy import Connection, select

from allyplan.ledger import models as m
from allyplan.ledger.reference import FIXED_EUR_RATES, Reference

__all__ = ["Rates", "value_columns", "load_rates"]


@dataclass
class Rates:
    """Reference rates per currency: ``rate`` units of the currency per euro, by day."""

    days: dict[str, np.ndarray] = field(default_factory=dict)
    values: dict[str, np.ndarray] = field(default_factory=dict)
    #: where to read a currency's rates the first time it is needed (None: only what is loaded)
    conn: Connection | None = None

    @classmethod
    def from_frame(cls, df: pd.DataFrame) -> Rates:
        r = cls()
        for cur, g in df.sort_values(["currency", "day"]).groupby("currency"):
            r.days[str(cur)] = pd.to_datetime(g["day"]).to_numpy(dtype="datetime64[D]")
            r.values[str(cur)] = g["rate"].to_numpy(dtype=float)
        return r

    def to_eur(self, amount: pd.Series, currency: pd.Series, day: pd.Series) -> np.ndarray:
        """``amount`` in EUR at the latest rate on or before ``day`` (NaN where no rate is known)."""
        out = np.full(len(amount), np.nan)
        a = amount.to_numpy(dtype=float, na_value=np.nan)
        cur = currency.to_numpy(dtype=object)
        eur = cur == "EUR"
        out[eur] = a[eur]
        if (~eur).any():
            days = pd.to_datetime(day, errors="coerce").to_numpy(dtype="datetime64[D]")
            for c in set(cur[~eur]):
                sel = np.flatnonzero(cur == c)
                if c not in self.days and self.conn is not None:
                    self._load(str(c))
                if c not in self.days:
                    if c in FIXED_EUR_RATES:  # a currency the euro replaced: its fixed conversion rate, any day
                        out[sel] = a[sel] / FIXED_EUR_RATES[c]
                    continue
                pos = np.searchsorted(self.days[c], days[sel], side="right") - 1
                ok = pos >= 0
                out[sel[ok]] = a[sel[ok]] / self.values[c][pos[ok]]
        return out


    def _load(self, currency: str) -> None:
        assert self.conn is not None
        q = select(m.rates.c.day, m.rates.c.rate).where(m.rates.c.currency == currency).order_by(m.rates.c.day)
        rows = self.conn.execute(q).all()
        if rows:
            self.days[currency] = pd.to_datetime([r[0] for r in rows]).to_numpy(dtype="datetime64[D]")
            self.values[currency] = np.array([r[1] for r in rows], dtype=float)


def load_rates(conn: Connection) -> Rates:
    """The ledger's rates, each currency read on first use (a write in euros reads none)."""
    return Rates(conn=conn)


def value_columns(df: pd.DataFrame, ref: Reference, rates: Rates) -> tuple[np.ndarray, np.ndarray]:
    """``(value_eur, delivered_value_eur)`` for entry states (NaN where an entry cannot be valued)."""
    qty = df["quantity"].to_numpy(dtype=float, na_value=np.nan)
    dlv = df["delivered"].to_numpy(dtype=float, na_value=np.nan)
    reported = rates.to_eur(df["value"], df["currency"], df["announced"])
    has_value = df["value"].notna().to_numpy()
    catalog = qty * ref.unit_values(df["item"])
    value_eur = np.where(has_value, reported, catalog)
    dv_reported = rates.to_eur(df["delivered_value"], df["currency"], df["announced"])
    with np.errstate(divide="ignore", invalid="ignore"):
        pro_rata = np.where(qty > 0, value_eur * dlv / qty, np.where(df["status"].eq("delivered"), value_eur, 0.0))
    delivered = np.where(df["delivered_value"].notna().to_numpy(), dv_reported,
                         np.where(has_value | np.isnan(qty), pro_rata, dlv * ref.unit_values(df["item"])))
    if "measure" in df.columns:  # a tracker's entry: a delivered value it leaves unknown stays unknown
        tracked = df["measure"].notna().to_numpy() & df["delivered_value"].isna().to_numpy()
        nothing = (np.nan_to_num(dlv) == 0) & ~df["status"].eq("delivered").to_numpy()
        delivered = np.where(tracked, np.where(nothing, 0.0, np.nan), delivered)
    return value_eur, delivered
