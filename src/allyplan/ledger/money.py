"""Money as exact :class:`~decimal.Decimal` amounts, stored as whole cents.

Every money column of the ledger is :class:`Money`: a ``BIGINT`` of cents on SQLite and PostgreSQL alike (SQLite has
no exact decimal type, but its integer ``SUM`` is exact and raises on overflow; PostgreSQL sums ``BIGINT`` as
``NUMERIC``), and a ``Decimal`` with two places in Python. An amount is rounded to cents once, half to even, from
the text as written: a float is read through its shortest ``repr`` (the text it was parsed from, for any number of
up to 15 significant digits), a ``Decimal`` or text as it is.

The limits of :mod:`allyplan.ledger.checks` keep every sum in range: a value is at most 10^15 in its currency
(10^17 cents) and EUR 10^12 after conversion (10^14 cents), so the largest ``BIGINT`` (about 9.2 x 10^18 cents)
holds the sum of 92,000 values at the EUR limit; the Kiel tracker's total for all donors since 2022 (about
EUR 3.6 x 10^11) is 250,000 times below it. A sum beyond it is an error on both databases, never a wrong figure.

>>> to_decimal(53280611.22), to_decimal("0.125"), to_decimal(Decimal("0.135"))
(Decimal('53280611.22'), Decimal('0.12'), Decimal('0.14'))
>>> to_cents(1e15), from_cents(5328061122)
(100000000000000000, Decimal('53280611.22'))
>>> cents_column(np.array([0.1, 0.125, np.nan, 2.5])).tolist()
[10.0, 12.0, nan, 250.0]
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

import numpy as np
from sqlalchemy import BigInteger, Dialect
from sqlalchemy.types import TypeDecorator

__all__ = ["Money", "CENT", "to_decimal", "to_cents", "from_cents", "cents_column", "cents_list", "exact_rate",
           "MAX_CENTS"]

CENT = Decimal("0.01")
#: The largest number of cents a ``BIGINT`` holds.
MAX_CENTS = 2**63 - 1
#: Whole numbers of cents a float holds exactly (a fast path reads these without a Decimal).
_EXACT = 2.0**53


def to_decimal(v: Any) -> Decimal | None:
    """``v`` as a Decimal rounded to cents (half to even); None for None, NaN, NA or empty text.

    Raises ValueError for what is not a finite number."""
    if v is None or v is np.nan:
        return None
    if isinstance(v, Decimal):
        d = v
    elif isinstance(v, (bool, np.bool_)):
        raise ValueError(f"{v!r} is not an amount")
    elif isinstance(v, (int, np.integer)):
        return Decimal(int(v)).quantize(CENT)
    elif isinstance(v, (float, np.floating)):
        f = float(v)
        if math.isnan(f):
            return None
        d = Decimal(repr(f))
    elif isinstance(v, str):
        if not v.strip():
            return None
        try:
            d = Decimal(v.strip())
        except InvalidOperation:
            raise ValueError(f"{v!r} is not a number") from None
    else:
        try:
            import pandas as pd

            if v is pd.NA:
                return None
        except ImportError:  # pragma: no cover
            pass
        raise ValueError(f"{v!r} is not an amount")
    if d.is_nan():
        return None
    if not d.is_finite():
        raise ValueError(f"{v!r} is not a finite number")
    if d.adjusted() >= 24:  # far beyond any limit (the checks refuse it): too long to keep cents of
        return d
    return d.quantize(CENT, rounding=ROUND_HALF_EVEN)


def to_cents(v: Any) -> int | None:
    """``v`` in whole cents (rounded half to even), None where missing."""
    d = to_decimal(v)
    return None if d is None else int(d.scaleb(2))


def from_cents(c: Any) -> Decimal | None:
    """Cents (an int, or the Decimal PostgreSQL gives for a ``SUM``) as a Decimal amount with two places."""
    if c is None:
        return None
    return Decimal(int(c)).scaleb(-2)


def cents_column(values: Any) -> np.ndarray:
    """Cents (whole numbers as floats, NaN where missing or not finite) for a column of amounts, for arithmetic in
    EUR (exact below 2^53 cents, about EUR 9 x 10^13, far above any value the checks let through).

    Floats that are whole cents are read at C speed; the rest (more decimals, Decimals, text) one by one."""
    a = np.asarray(values)
    if a.dtype.kind in "iu":
        return a.astype(float) * 100.0
    if a.dtype.kind == "f":
        with np.errstate(invalid="ignore", over="ignore"):
            c = np.rint(a * 100.0)
            fast = np.isfinite(c) & (np.abs(c) < _EXACT) & (c / 100.0 == a)
        out = np.where(fast, c, np.nan)
        slow = np.flatnonzero(~fast & np.isfinite(a))
        for j in slow.tolist():  # beyond 10^20 (refused by the checks) an approximation is enough to say so
            with np.errstate(over="ignore"):
                out[j] = float(to_cents(float(a[j])) or 0) if abs(a[j]) < 1e20 else a[j] * 100.0
        return out
    out = np.full(len(a), np.nan)
    for i, v in enumerate(a.tolist()):
        try:
            c2 = to_cents(v)
        except ValueError:
            continue
        if c2 is not None:
            out[i] = float(c2) if abs(c2) < 10**22 else float("inf") if c2 > 0 else float("-inf")
    return out


def cents_list(values: Iterable[Any]) -> list[int | None]:
    """Whole cents as Python ints (None where missing) for the database, exact at any size a ``BIGINT`` holds."""
    a = np.asarray(values if isinstance(values, np.ndarray) else list(values))
    if a.dtype.kind == "f":
        with np.errstate(invalid="ignore", over="ignore"):
            c = np.rint(a * 100.0)
            fast = np.isfinite(c) & (np.abs(c) < _EXACT) & (c / 100.0 == a)
        if fast.all():
            return list(c.astype(np.int64).tolist())
        ci = np.where(fast, c, 0).astype(np.int64).tolist()
        missing = np.isnan(a)
        if (fast | missing).all():  # whole cents or missing (a delivered value mostly is): no call per value
            return [None if m else i for i, m in zip(ci, missing.tolist(), strict=True)]
        return [ci[i] if fast[i] else to_cents(float(a[i])) for i in range(len(a))]
    return [to_cents(v) for v in a.tolist()]


def exact_rate(r: float | Decimal | str) -> Decimal:
    """A rate as published (units of a currency per euro): a float read through its shortest ``repr``."""
    d = r if isinstance(r, Decimal) else Decimal(repr(float(r))) if isinstance(r, float) else Decimal(str(r))
    return d


class Money(TypeDecorator[Decimal]):
    """An exact amount: ``BIGINT`` cents in the database, a two-place :class:`~decimal.Decimal` in Python.

    Binds a Decimal, int, float (through its ``repr``) or numeric text, rounded half to even to cents; refuses what
    is not finite or beyond a ``BIGINT``."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        c = to_cents(value)
        if c is not None and abs(c) > MAX_CENTS:
            raise ValueError(f"{value!r} is beyond the largest amount the ledger stores (about 9.2 x 10^16)")
        return c

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return from_cents(value)

    def process_literal_param(self, value: Any, dialect: Dialect) -> str:
        c = to_cents(value)
        return "NULL" if c is None else str(c)

    @property
    def python_type(self) -> type[Decimal]:
        return Decimal
