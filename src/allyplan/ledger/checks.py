"""Reading user values (dates, numbers) and checking entry states, over whole columns at once.

Every problem names where it is (file and row, or the command), the field, what was wrong and how to fix it.

>>> parse_dates(pd.Series(["2025-06-30", "2025-07", "30.06.2025", "June 30"])).tolist()
['2025-06-30', '2025-07-01', '2025-06-30', None]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from allyplan.errors import LedgerInputError, Problem
from allyplan.ledger.reference import Reference
from allyplan.schema import PLEDGE_STATUSES

__all__ = ["LedgerInputError", "parse_dates", "parse_date", "parse_numbers", "check_states", "DATE_FORMATS",
           "MAX_AMOUNT", "MAX_EUR", "MAX_UNITS", "TEXT_LIMITS"]

#: Date formats accepted everywhere (day first where the day comes first: 30.06.2025, 30/06/2025).
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m", "%d.%m.%Y", "%d/%m/%Y", "%Y/%m/%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")
DATE_HELP = ("Write dates as YYYY-MM-DD between 1900 and 2199 (also accepted: YYYY-MM, DD.MM.YYYY, "
             "DD/MM/YYYY)")


#: The largest amount in any currency a pledge may state (10^15: beyond any budget, in any unit) and the largest
#: value in EUR (10^12: EUR 1 trillion; the Kiel tracker's total for all donors since 2022 is about EUR 360 bn).
MAX_AMOUNT = 1e15
MAX_EUR = 1e12
#: The largest number of units (10^10: ten billion rounds).
MAX_UNITS = 1e10
#: The longest text the database keeps in these fields (the same on SQLite and PostgreSQL, checked before writing).
TEXT_LIMITS: dict[str, int] = {"key": 200, "category": 64, "item": 64, "donor": 8, "recipient": 8, "status": 16,
                               "who": 200, "measure": 16, "absent_from": 200}
#: Dates the ledger accepts: from 1900 to 2199 (a date outside is a typing error, and breaks date arithmetic).
FIRST_DATE, LAST_DATE = "1900-01-01", "2199-12-31"


def parse_dates(col: pd.Series) -> pd.Series:
    """ISO date strings (or None where empty or unreadable) for a column of dates in any accepted format."""
    out = pd.Series([None] * len(col), index=col.index, dtype=object)
    present = col.notna()
    arr = col[present].to_numpy(dtype=object)
    if len(arr) and np.fromiter(map(str.__instancecheck__, arr.tolist()), bool, len(arr)).all():
        vals = list(map(str.strip, arr.tolist()))  # text, as files give it: no call per cell in Python
    else:
        if col.dtype == object:
            stamps = present & col.map(lambda v: hasattr(v, "year"))
            if stamps.any():
                out[stamps] = [pd.Timestamp(v).strftime("%Y-%m-%d") for v in col[stamps]]
                present &= ~stamps
        vals = [str(v).strip() for v in col[present].to_numpy(dtype=object)]
    text = pd.Series(vals, index=col[present].index, dtype=object)
    text = text[[v != "" for v in vals]] if len(vals) else text
    for fmt in DATE_FORMATS:
        if text.empty:
            break
        parsed = pd.to_datetime(text, format=fmt, errors="coerce")
        ok = parsed.notna()
        if fmt == "%Y-%m-%d":  # already ISO: keep the text (formatting a million dates back costs seconds)
            out[text[ok].index] = text[ok].to_numpy(dtype=object)
        else:
            out[text[ok].index] = parsed[ok].dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
        text = text[~ok]
    outside = out.notna() & ((out.astype(str) < FIRST_DATE) | (out.astype(str) > LAST_DATE))
    return out.where(~outside, None)


def parse_date(value: str, field: str, where: str) -> str:
    """One date, or a :class:`LedgerInputError` that says which formats work."""
    got = parse_dates(pd.Series([value]))[0]
    if got is None and re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", str(value).strip()):
        raise LedgerInputError([Problem(where, None, field, f"{value!r} is outside the years 1900 to 2199",
                                        "Give a date between 1900-01-01 and 2199-12-31 (check for a typing error)")])
    if got is None:
        raise LedgerInputError([Problem(where, None, field, f"{value!r} is not a date in a known format",
                                        DATE_HELP)])
    return str(got)


def parse_numbers(col: pd.Series) -> pd.Series:
    """Floats (NaN where empty) for a column of numbers; unreadable text becomes NaN and is caught by the caller.

    Plain numbers are read at C speed; only the rest go through the clean-up of thousands separators and decimal
    commas (1,234,567 / 1 234 567 / 12,5)."""
    if col.dtype.kind in "fiu":
        return col.astype(float)
    fast = pd.to_numeric(col.where(col.notna(), None), errors="coerce").astype(float)
    redo = fast.isna() & col.notna()
    if redo.any():
        text = col[redo].astype(str).str.strip().str.replace(r"[\s\u00a0\u202f']", "", regex=True)
        thousands = text.str.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?")
        text = text.where(~thousands, text.str.replace(",", "", regex=False))
        text = text.where(~text.str.fullmatch(r"-?\d+,\d+"), text.str.replace(",", ".", regex=False))
        fast[redo] = pd.to_numeric(text.replace({"": None, "nan": None, "None": None}), errors="coerce")
    return fast


def _longer(values: np.ndarray, n: int) -> np.ndarray:
    """Where a column's text is longer than ``n`` characters (what is not text: never), with ``isinstance`` and
    ``len`` mapped at C speed rather than a Python function called per cell."""
    vals = values.tolist()
    text = np.fromiter(map(str.__instancecheck__, vals), bool, len(vals))
    if text.all():
        return np.fromiter(map(len, vals), np.int64, len(vals)) > n
    out = np.zeros(len(vals), dtype=bool)
    if text.any():
        out[text] = np.fromiter(map(len, values[text].tolist()), np.int64, int(text.sum())) > n
    return out


def _worth(col: str) -> Callable[[pd.DataFrame], Iterable[str]]:
    return lambda bad: [f"worth EUR {v / 100:,.3g}, more than any pledge ever made" for v in bad[col]]


def _too_long(col: str) -> Callable[[pd.DataFrame], Iterable[str]]:
    return lambda bad: [f"{col} is {len(v)} characters long" for v in bad[col]]


def check_states(df: pd.DataFrame, ref: Reference, where: pd.Series, rows: pd.Series) -> list[Problem]:
    """Problems with entry states (one row each). ``where`` names the file or command, ``rows`` the row or None."""
    problems: list[Problem] = []

    def add(mask: np.ndarray | pd.Series, field: str, message: Callable[[pd.DataFrame], Iterable[str]] | str,
            fix: str) -> None:
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        msgs = list(message(df[mask])) if callable(message) else [message] * int(mask.sum())
        for w, r, msg in zip(where[mask], rows[mask], msgs, strict=True):
            problems.append(Problem(str(w), None if pd.isna(r) else int(r), field, str(msg), fix))

    def said(text: str, col: str) -> Callable[[pd.DataFrame], Iterable[str]]:
        return lambda bad: [f"{text} '{v}'" for v in bad[col]]

    donor_known = df["donor"].isin(ref.party_codes)
    add(df["donor"].isna() | df["donor"].eq(""), "donor", "no donor given", "Give the donor's country code, e.g. DE")
    add(df["donor"].notna() & df["donor"].ne("") & ~donor_known, "donor", said("unknown party", "donor"),
        "Use an ISO 3166-1 alpha-2 code (DE, GB, US, ...) or English country name, or EU, EIB or EPF")
    add(~df["recipient"].isin(ref.party_codes), "recipient", said("unknown party", "recipient"),
        "Use an ISO 3166-1 alpha-2 code, e.g. UA")
    add(donor_known & df["donor"].eq(df["recipient"]), "recipient", "the donor and the recipient are the same",
        "Check the donor and recipient columns")
    has_item = df["item"].notna()
    add(has_item & ~df["item"].isin(ref.item_ids), "item", said("unknown item", "item"),
        "Use a catalog id (allyplan ledger catalog lists them), or leave the item empty and give a category")
    add(~has_item & (df["category"].isna() | df["category"].eq("")), "item", "neither an item nor a category",
        "Give the item's catalog id, or a category with a value")
    qty, val = df["quantity"].astype(float), df["value"].astype(float)
    # a tracker's rows (with a measure) may be corrections (negative) or carry neither count nor value: the
    # tracker records them so, and they are imported as it states them (with a warning)
    tracked = df["measure"].notna().to_numpy() if "measure" in df.columns else np.zeros(len(df), dtype=bool)
    add(qty.isna() & val.isna() & ~tracked, "quantity", "neither a quantity nor a value",
        "Give the number of units or the value")
    add((qty < 0) & ~tracked, "quantity", said("negative quantity", "quantity"), "Quantities are 0 or more")
    add((val < 0) & ~tracked, "value", said("negative value", "value"),
        "Values are 0 or more (revise the entry to correct it)")
    for f in ("quantity", "value", "delivered", "delivered_value"):
        x = df[f].astype(float).to_numpy()
        add(np.isinf(x), f, said(f"{f} is not a finite number:", f), "Give a finite number")
        limit = MAX_UNITS if f in ("quantity", "delivered") else MAX_AMOUNT
        add(np.isfinite(x) & (np.abs(x) > limit), f, said(f"{f} is beyond any real pledge:", f),
            f"Give a {f.replace('_', ' ')} below {limit:,.0f} (check for a typing error)")
    for f in ("value_eur", "delivered_value_eur"):  # whole cents, as the write path computes them
        if f in df.columns:
            x = df[f].astype(float).to_numpy() / 100.0
            add(np.isfinite(x) & (np.abs(x) >= MAX_EUR), f.removesuffix("_eur"), _worth(f),
                f"Values are below EUR {MAX_EUR:,.0f}; check for a typing error")
    for f, n in TEXT_LIMITS.items():
        if f in df.columns:
            add(_longer(df[f].to_numpy(dtype=object), n), f, _too_long(f), f"Keep {f} to {n} characters")
    add(~df["currency"].isin(ref.currencies), "currency", said("unknown currency", "currency"),
        "Use an ISO 4217 code such as EUR, USD or GBP")
    add(~df["status"].isin(PLEDGE_STATUSES), "status", said("unknown status", "status"),
        f"Use one of {', '.join(PLEDGE_STATUSES)}")
    add(df["announced"].isna(), "announced", "no announcement date", DATE_HELP)
    dlv = df["delivered"].astype(float)
    add(dlv < 0, "delivered", said("negative delivered quantity", "delivered"), "Deliveries are 0 or more")
    over = qty.notna() & (qty >= 0) & (dlv > qty + 1e-9)
    add(over, "delivered", lambda bad: [f"delivered {d:g} is above the pledged quantity {q:g}"
                                        for d, q in zip(bad["delivered"], bad["quantity"], strict=True)],
        "Revise the pledged quantity first (allyplan ledger update ID --quantity N), or correct the delivery")
    dv = df["delivered_value"].astype(float)
    add(dv < 0, "delivered_value", "negative delivered value", "Values are 0 or more")
    value_only = qty.isna() & val.notna()
    add(value_only & (dlv > 0) & ~tracked, "delivered", lambda bad: [
        f"{d:g} units delivered on a pledge of a value only" for d in bad["delivered"]],
        "Record what a value-only pledge delivers as a value (--value)")
    over_v = val.notna() & (val > 0) & dv.notna() & (dv > val * (1 + 1e-9)) & ~tracked
    add(over_v, "delivered_value", lambda bad: [
        f"delivered value {d:,.2f} is above the pledged value {v:,.2f} ({100 * d / v:,.0f}%)"
        for d, v in zip(bad["delivered_value"], bad["value"], strict=True)],
        "Revise the pledged value first (allyplan ledger update ID --value V), or correct the delivery")
    return problems
