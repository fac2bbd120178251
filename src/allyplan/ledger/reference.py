"""What ledger entries are checked and valued against: parties (with GDP), the item catalog, currencies.

The reference tables are seeded from the data shipped with allyplan (``data/reference``: the catalog ids of
../shared/reference with illustrative unit values, and the example's parties with their GDP and its source) the
first time a ledger is opened. ``allyplan ledger catalog --import`` and ``allyplan ledger parties --import`` add or
replace rows; they are settings, not history, so changing a unit value revalues every entry that uses it.

>>> ref = Reference.bundled()
>>> ref.party_code("Germany"), ref.party_code("de"), ref.party_code("United Kingdom")
('DE', 'DE', 'GB')
>>> ref.item_id("Patriot air defence system"), ref.item_id("IRIS-T SLM"), ref.item_id("helmets")
('patriot', 'iris-t-slm', None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from importlib.resources import files
from pathlib import Path

import numpy as np
import pandas as pd
import pycountry
from sqlalchemy import Connection, delete, insert, select

from allyplan.ledger import models as m

__all__ = ["Reference", "seed", "load_reference", "read_reference", "replace_rows", "REFERENCE_DIR", "GROUP_ALIASES",
           "FIXED_EUR_RATES", "NO_CURRENCY"]

REFERENCE_DIR = Path(str(files("allyplan") / "data" / "reference"))

#: Names of institutional donors (as the Kiel tracker spells them) for the group codes.
GROUP_ALIASES: dict[str, str] = {
    "eu (commission and council)": "EU", "european union": "EU", "eu": "EU", "european commission": "EU",
    "eu institutions": "EU", "european investment bank": "EIB", "eib": "EIB",
    "european peace facility": "EPF", "epf": "EPF",
}


#: Currencies replaced by the euro, at the fixed rate of the Council decision that irrevocably set it (units per
#: euro): the tracker reports Croatian aid in HRK and Bulgarian aid in BGN.
FIXED_EUR_RATES: dict[str, float] = {
    "HRK": 7.53450, "BGN": 1.95583, "LTL": 3.45280, "LVL": 0.702804, "EEK": 15.6466, "SKK": 30.1260,
    "SIT": 239.640, "CYP": 0.585274, "MTL": 0.429300,
}
#: ISO 4217's code for "no currency": a value whose currency the source leaves unknown is kept, never valued.
NO_CURRENCY = "XXX"


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


@dataclass
class Reference:
    """Parties, items and currencies known to a ledger."""

    parties: pd.DataFrame
    items: pd.DataFrame

    @classmethod
    def bundled(cls) -> Reference:
        p = pd.read_csv(REFERENCE_DIR / "parties.csv", dtype={"code": str, "name": str, "source": str},
                        keep_default_na=False, na_values={"gdp_eur_bn": [""]})
        i = pd.read_csv(REFERENCE_DIR / "items.csv", dtype=str, keep_default_na=False)
        i["unit_value_eur"] = pd.to_numeric(i["unit_value_eur"].replace("", np.nan))
        i["lethal"] = i["lethal"].str.lower().eq("true")
        i["requires"] = i["requires"].replace("", None)
        return cls(p, i)

    @cached_property
    def party_codes(self) -> frozenset[str]:
        return frozenset(c.alpha_2 for c in pycountry.countries) | frozenset(self.parties["code"])

    @cached_property
    def currencies(self) -> frozenset[str]:
        return frozenset(c.alpha_3 for c in pycountry.currencies) | frozenset(FIXED_EUR_RATES) | {NO_CURRENCY}

    @cached_property
    def item_ids(self) -> frozenset[str]:
        return frozenset(self.items["id"])

    @cached_property
    def _party_names(self) -> dict[str, str]:
        names = dict(GROUP_ALIASES)
        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                v = getattr(c, attr, None)
                if v:
                    names[_norm(v)] = c.alpha_2
        names.update({_norm(n): c for c, n in zip(self.parties["code"], self.parties["name"], strict=True)})
        names.update({_norm(c.alpha_3): c.alpha_2 for c in pycountry.countries})  # the tracker's AUS, ...
        names.update({"turkey": "TR", "turkiye": "TR", "türkiye": "TR"})
        names.update({"russia": "RU", "south korea": "KR", "czech republic": "CZ",
                      "the netherlands": "NL", "great britain": "GB", "uk": "GB", "usa": "US", "us": "US"})
        return names

    def party_code(self, text: str) -> str | None:
        """The party code for a code or a name (None when unknown)."""
        t = text.strip()
        if t.upper() in self.party_codes:
            return t.upper()
        return self._party_names.get(_norm(t))

    @cached_property
    def _aliases(self) -> list[tuple[re.Pattern[str], str]]:
        pairs: list[tuple[str, str]] = []
        for r in self.items.itertuples():
            for a in [r.id, r.name, *str(r.aliases).split(";")]:
                if a and a.strip():
                    pairs.append((a.strip(), r.id))
        pairs.sort(key=lambda p: -len(p[0]))
        return [(re.compile(r"(?<![\w-])" + re.escape(a) + r"(?![\w-])", re.IGNORECASE), i) for a, i in pairs]

    def item_id(self, text: str) -> str | None:
        """The catalog id for an id, a name or an alias found in ``text`` (the longest alias wins)."""
        t = text.strip()
        if t in self.item_ids:
            return t
        for pat, i in self._aliases:
            if pat.search(t):
                return i
        return None

    def unit_values(self, item: pd.Series) -> np.ndarray:
        uv = dict(zip(self.items["id"], self.items["unit_value_eur"], strict=True))
        return item.map(uv).to_numpy(dtype=float, na_value=np.nan)

    def categories(self, item: pd.Series) -> pd.Series:
        return item.map(dict(zip(self.items["id"], self.items["category"], strict=True)))

    def gdp(self) -> dict[str, float]:
        g = self.parties.dropna(subset=["gdp_eur_bn"])
        return dict(zip(g["code"], g["gdp_eur_bn"].astype(float), strict=True))


def seed(conn: Connection) -> None:
    """Fill empty reference tables from the bundled data."""
    ref = Reference.bundled()
    if conn.execute(select(m.parties.c.code).limit(1)).first() is None:
        conn.execute(insert(m.parties), _records(ref.parties))
    if conn.execute(select(m.items.c.id).limit(1)).first() is None:
        conn.execute(insert(m.items), _records(ref.items))


def _records(df: pd.DataFrame) -> list[dict[str, object]]:
    return [{k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in r.items()}
            for r in df.to_dict("records")]


def load_reference(conn: Connection) -> Reference:
    p = pd.DataFrame(conn.execute(select(m.parties)).mappings().all(), columns=[c.name for c in m.parties.c])
    i = pd.DataFrame(conn.execute(select(m.items)).mappings().all(), columns=[c.name for c in m.items.c])
    p["gdp_eur_bn"] = pd.to_numeric(p["gdp_eur_bn"])
    i["unit_value_eur"] = pd.to_numeric(i["unit_value_eur"])
    return Reference(p, i)


def replace_rows(conn: Connection, table: str, df: pd.DataFrame) -> int:
    """Add or replace reference rows (by primary key)."""
    t = m.parties if table == "parties" else m.items
    key = t.c.code if table == "parties" else t.c.id
    conn.execute(delete(t).where(key.in_(list(df[key.name]))))
    conn.execute(insert(t), _records(df))
    return len(df)


def read_reference(table: str, path: Path) -> pd.DataFrame:
    """Parties or items from a CSV in the scenario format (extra columns are ignored)."""
    from allyplan.errors import Problem
    from allyplan.ledger.checks import LedgerInputError, parse_numbers

    if table not in ("parties", "items"):
        raise ValueError(table)
    if not path.exists():
        raise LedgerInputError([Problem(path.name, None, None, "no such file", f"Check the path {path}")])
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.columns = [c.strip() for c in df.columns]
    need = ["code", "name"] if table == "parties" else ["id", "name", "category", "kind", "lethal"]
    missing = [c for c in need if c not in df.columns]
    if missing:
        raise LedgerInputError([Problem(path.name, 1, c, "column missing", f"{table}.csv needs {', '.join(need)}")
                                for c in missing])
    num_col = "gdp_eur_bn" if table == "parties" else "unit_value_eur"
    nums = parse_numbers(df[num_col]) if num_col in df.columns else pd.Series([np.nan] * len(df))
    bad = [Problem(path.name, i + 2, num_col, f"{v!r} is not a number", "Write a plain number")
           for i, (v, n) in enumerate(zip(df.get(num_col, [""] * len(df)), nums, strict=True)) if v and pd.isna(n)]
    if bad:
        raise LedgerInputError(bad)
    out = pd.DataFrame({c: df[c].str.strip() for c in need})
    out[num_col] = nums.to_numpy()
    out["source"] = df["source"] if "source" in df.columns else ""
    if table == "items":
        out["lethal"] = out["lethal"].str.lower().isin(["true", "yes", "1"])
        out["requires"] = df["requires"].replace("", None) if "requires" in df.columns else None
        out["aliases"] = df["aliases"] if "aliases" in df.columns else ""
    return out
