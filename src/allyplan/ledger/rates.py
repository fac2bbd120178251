"""Exchange rates from the ECB's reference-rate CSV files.

Two layouts are read: the wide one of ``eurofxref-hist.csv`` (``Date,USD,JPY,...``, one row per day, ``N/A``
where there is no rate) and the long one of the ECB Data Portal (columns ``TIME_PERIOD``, ``OBS_VALUE`` and
``CURRENCY``, or a series key such as ``EXR.D.USD.EUR.SP00.A``). Rates are units of the currency per euro.

>>> import io
>>> parse_ecb(io.StringIO("Date,USD,JPY,\\n2025-06-30,1.1720,N/A,\\n"), "eurofxref-hist.csv")
  currency         day   rate
0      USD  2025-06-30  1.172
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

import pandas as pd
from sqlalchemy import Connection, delete, insert

from allyplan.errors import Problem
from allyplan.ledger import models as m
from allyplan.ledger.checks import LedgerInputError, parse_dates

__all__ = ["parse_ecb", "read_rates", "store_rates"]


def parse_ecb(source: str | Path | IO[str], name: str) -> pd.DataFrame:
    """``currency, day, rate`` rows from an ECB CSV (either layout)."""
    try:
        raw = pd.read_csv(source, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as e:
        raise LedgerInputError([Problem(name, None, None, f"cannot read the rates file: {e}",
                                        "Use the ECB's eurofxref-hist.csv or a Data Portal CSV export")]) from None
    raw.columns = [c.strip() for c in raw.columns]
    raw = raw.loc[:, [c for c in raw.columns if c and not c.startswith("Unnamed")]]
    if "TIME_PERIOD" in raw.columns and "OBS_VALUE" in raw.columns:
        if "CURRENCY" in raw.columns:
            cur = raw["CURRENCY"]
        else:
            key = next((c for c in raw.columns if c.upper() in ("KEY", "SERIES_KEY")), None)
            if key is None:
                raise LedgerInputError([Problem(name, 1, "CURRENCY", "no CURRENCY or KEY column",
                                                "Export the series with its CURRENCY column")])
            cur = raw[key].str.extract(r"EXR\.\w\.(\w{3})\.EUR", expand=False)
        long = pd.DataFrame({"currency": cur, "day": raw["TIME_PERIOD"], "rate": raw["OBS_VALUE"]})
    elif raw.columns.size and raw.columns[0].lower() == "date":
        long = raw.melt(id_vars=raw.columns[0], var_name="currency", value_name="rate").rename(
            columns={raw.columns[0]: "day"})
    else:
        raise LedgerInputError([Problem(name, 1, None, "not an ECB reference-rate file",
                                        "Expected a 'Date,USD,JPY,...' header (eurofxref-hist.csv) or the Data "
                                        "Portal's TIME_PERIOD and OBS_VALUE columns")])
    long["row"] = long.index % max(len(raw), 1) + 2
    long = long[~long["rate"].astype(str).str.strip().isin(["", "N/A", "NaN", "-"])].copy()
    days = parse_dates(long["day"])
    rates = pd.to_numeric(long["rate"], errors="coerce")
    problems = [Problem(name, int(r), "day", f"{d!r} is not a date", "Dates are YYYY-MM-DD")
                for r, d in zip(long["row"][days.isna()], long["day"][days.isna()], strict=True)]
    problems += [Problem(name, int(r), str(c), f"{v!r} is not a positive rate", "Rates are numbers above 0")
                 for r, c, v, ok in zip(long["row"], long["currency"], long["rate"], rates > 0, strict=True) if not ok]
    bad_cur = ~long["currency"].astype(str).str.fullmatch(r"[A-Z]{3}")
    problems += [Problem(name, 1, str(c), f"{c!r} is not a currency code", "Use ISO 4217 codes such as USD")
                 for c in long["currency"][bad_cur].unique()]
    if problems:
        raise LedgerInputError(problems)
    out = pd.DataFrame({"currency": long["currency"].to_numpy(), "day": days.to_numpy(), "rate": rates.to_numpy()})
    return out.drop_duplicates(["currency", "day"], keep="last").reset_index(drop=True)


def read_rates(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise LedgerInputError([Problem(path.name, None, None, "no such file", f"Check the path {path}")])
    return parse_ecb(path, path.name)


def store_rates(conn: Connection, df: pd.DataFrame) -> int:
    """Add or replace rates (a published reference rate does not change; a re-import is a no-op)."""
    for cur, g in df.groupby("currency"):
        days = [pd.Timestamp(d).date() for d in g["day"]]
        for i in range(0, len(days), 500):
            conn.execute(delete(m.rates).where(m.rates.c.currency == cur, m.rates.c.day.in_(days[i:i + 500])))
    conn.execute(insert(m.rates), [{"currency": c, "day": pd.Timestamp(d).date(), "rate": float(r)}
                                   for c, d, r in zip(df["currency"], df["day"], df["rate"], strict=True)])
    return len(df)


