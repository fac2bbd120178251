"""Values in EUR: the reported value converted at the reference rate of the announcement date, or else the
catalog's unit value times the quantity. Deliveries are valued the same way, pro rata to the pledge.

Every value is exact: amounts are whole cents, a conversion divides them by the rate as the ECB publishes it
(a ``Decimal``) and rounds to cents once, half to even; a value in EUR is taken as it is. The columns this module
returns are cents (whole numbers held in floats, exact below 2^53 cents; NaN where unknown).

>>> import pandas as pd
>>> r = Rates.from_frame(pd.DataFrame({"currency": ["USD"], "day": ["2025-01-02"], "rate": [1.0321]}))
>>> r.to_eur_cents(np.array([10000.0]), pd.Series(["USD"]), pd.Series(["2025-03-01"])).tolist()
[9689.0]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
import pandas as pd
from sqlalchemy import Connection, select

from allyplan.ledger import models as m
from allyplan.ledger.money import cents_column, exact_rate
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

    def to_eur_cents(self, cents: np.ndarray, currency: pd.Series, day: pd.Series) -> np.ndarray:
        """``cents`` of each row's currency in EUR cents at the latest rate on or before ``day`` (NaN where no rate
        is known): ``cents / rate`` in Decimal arithmetic, rounded half to even once."""
        a = np.asarray(cents, dtype=float)
        out = np.full(len(a), np.nan)
        cur = currency.to_numpy(dtype=object)
        eur = cur == "EUR"
        out[eur] = a[eur]
        if (~eur).any():
            days = pd.to_datetime(day, errors="coerce").to_numpy(dtype="datetime64[D]")
            for c in set(cur[~eur]):
                sel = np.flatnonzero((cur == c) & np.isfinite(a))
                if c not in self.days and self.conn is not None:
                    self._load(str(c))
                if c not in self.days:
                    if c in FIXED_EUR_RATES:  # a currency the euro replaced: its fixed conversion rate, any day
                        r = exact_rate(FIXED_EUR_RATES[c])
                        out[sel] = [_div(a[i], r) for i in sel]
                    continue
                pos = np.searchsorted(self.days[c], days[sel], side="right") - 1
                ok = pos >= 0
                rates = [exact_rate(float(x)) for x in self.values[c][pos[ok]]]
                out[sel[ok]] = [_div(a[i], r) for i, r in zip(sel[ok], rates, strict=True)]
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


def _div(cents: float, rate: Decimal) -> float:
    """Whole cents divided by a rate, rounded half to even once."""
    return float((Decimal(int(cents)) / rate).quantize(_ONE, rounding=ROUND_HALF_EVEN))


_ONE = Decimal(1)


def _times(cents: np.ndarray, num: np.ndarray, den: np.ndarray | None = None) -> np.ndarray:
    """``cents * num / den`` (den 1 where None), exact and rounded half to even once; NaN where any is NaN.

    Whole cents times whole numbers below 2^53 are exact in floats (the usual case); the rest go through Decimal."""
    cents, num = np.asarray(cents, dtype=float), np.asarray(num, dtype=float)
    d = np.ones(len(cents)) if den is None else np.asarray(den, dtype=float)
    out = np.full(len(cents), np.nan)
    with np.errstate(invalid="ignore", over="ignore"):
        prod = cents * num
        ok = np.isfinite(prod) & np.isfinite(d) & (d != 0)
        fast = ok & (num == np.rint(num)) & (np.abs(prod) < 2.0**53) & (d == 1)
    out[fast] = prod[fast]
    with np.errstate(invalid="ignore", over="ignore"):  # whole numbers over a positive whole divisor: int64
        whole = ok & ~fast & (num == np.rint(num)) & (d == np.rint(d)) & (d > 0) & (np.abs(prod) < 9e18)
    if whole.any():
        n = cents[whole].astype(np.int64) * num[whole].astype(np.int64)
        q_den = d[whole].astype(np.int64)
        q, r = np.floor_divide(n, q_den), np.remainder(n, q_den)
        up = (2 * r > q_den) | ((2 * r == q_den) & (q % 2 == 1))  # half to even
        out[whole] = (q + up).astype(float)
        fast = fast | whole
    for i in np.flatnonzero(ok & ~fast):
        q = Decimal(int(cents[i])) * Decimal(repr(float(num[i]))) / Decimal(repr(float(d[i])))
        out[i] = float(q.quantize(_ONE, rounding=ROUND_HALF_EVEN))
    return out


def value_columns(df: pd.DataFrame, ref: Reference, rates: Rates) -> tuple[np.ndarray, np.ndarray]:
    """``(value_eur, delivered_value_eur)`` of entry states, in whole cents (NaN where an entry cannot be
    valued)."""
    qty = df["quantity"].to_numpy(dtype=float, na_value=np.nan)
    dlv = df["delivered"].to_numpy(dtype=float, na_value=np.nan)
    reported = rates.to_eur_cents(cents_column(df["value"].to_numpy(dtype=object)
                                               if df["value"].dtype == object else df["value"].to_numpy()),
                                  df["currency"], df["announced"])
    has_value = df["value"].notna().to_numpy()
    unit = cents_column(ref.unit_values(df["item"]))
    catalog = _times(unit, qty)
    value_eur = np.where(has_value, reported, catalog)
    dv = df["delivered_value"]
    dv_reported = rates.to_eur_cents(cents_column(dv.to_numpy(dtype=object) if dv.dtype == object
                                                  else dv.to_numpy()), df["currency"], df["announced"])
    whole = np.where(df["status"].eq("delivered").to_numpy(), value_eur, 0.0)
    with np.errstate(invalid="ignore"):
        partial = (qty > 0) & (dlv != qty) & (dlv != 0)
        pro_rata = np.where(qty > 0, np.where(dlv == qty, value_eur, np.where(dlv == 0, 0.0, np.nan)), whole)
    if partial.any():
        pro_rata[partial] = _times(value_eur[partial], dlv[partial], qty[partial])
    delivered = np.where(dv.notna().to_numpy(), dv_reported,
                         np.where(has_value | np.isnan(qty), pro_rata, _times(unit, dlv)))
    if "measure" in df.columns:  # a tracker's entry: a delivered value it leaves unknown stays unknown
        tracked = df["measure"].notna().to_numpy() & df["delivered_value"].isna().to_numpy()
        nothing = (np.nan_to_num(dlv) == 0) & ~df["status"].eq("delivered").to_numpy()
        delivered = np.where(tracked, np.where(nothing, 0.0, np.nan), delivered)
    return value_eur, delivered
