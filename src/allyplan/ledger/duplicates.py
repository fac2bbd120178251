"""Likely duplicates: the same pledge announced again.

A new entry is a likely duplicate of the latest earlier entry with the same donor, recipient and item (or, for
value-only pledges, category) when the two were announced within :data:`WINDOW_DAYS` of each other and their
quantities (or values) overlap by at least :data:`MIN_OVERLAP`, or when its text says it was announced before and
the earlier one is at most :data:`TEXT_WINDOW_DAYS` older. Entries of one keyed source (a Kiel release, a file
with an id column) are not compared with each other: such a source lists each pledge once.

>>> bool(REANNOUNCED.search("Berlin hatte die Lieferung bereits angekündigt"))
True
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = ["REANNOUNCED", "WINDOW_DAYS", "TEXT_WINDOW_DAYS", "MIN_OVERLAP", "likely_duplicates"]

WINDOW_DAYS = 45
TEXT_WINDOW_DAYS = 365
MIN_OVERLAP = 0.5

#: Phrases saying a pledge was announced before, in the coalition's main languages.
REANNOUNCED = re.compile(
    r"previously (?:announced|pledged|promised)|already (?:been )?(?:announced|pledged|promised)|"
    r"announced (?:earlier|before|last (?:week|month|year))|re-?announc|reaffirm|"
    r"bereits (?:angekündigt|zugesagt|versprochen)|schon (?:angekündigt|zugesagt)|"
    r"déjà (?:annoncé|promis)|précédemment annoncé|annoncé(?:e|es|s)? précédemment|"
    r"già annunciat|ya anunciad|anteriormente anunciad|wcześniej (?:zapowiedzian|ogłoszon)|eerder aangekondigd|"
    r"раніше (?:оголошен|анонсован|обіцян)|вже (?:оголошен|анонсован)|ранее (?:объявлен|анонсирован)",
    re.IGNORECASE,
)

_COLS = ["entry", "donor", "recipient", "item", "category", "quantity", "value", "announced", "description", "key"]


def _overlap(a: pd.Series, b: pd.Series) -> pd.Series:
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    return (hi > 0) & (lo / hi.where(hi > 0) >= MIN_OVERLAP)


def likely_duplicates(new: pd.DataFrame, existing: pd.DataFrame) -> pd.Series:
    """For each row of ``new``: the entry it likely duplicates (from ``existing`` or earlier in ``new``), or NA."""
    if new.empty:
        return pd.Series([], dtype="Int64")
    keys = new["key"].to_numpy(dtype=object)
    if existing.empty and len(keys) and all(isinstance(k, str) for k in keys):
        spaces = {k.split(":", 1)[0] if ":" in k else "" for k in keys}
        if len(spaces) == 1:  # one keyed source into an empty ledger: nothing to compare with
            return pd.Series(pd.NA, index=new["entry"].to_numpy(), dtype="Int64")
    a = pd.concat([existing[_COLS].assign(is_new=False, dup=existing.get("duplicate_of")),
                   new[_COLS].assign(is_new=True, dup=pd.NA)], ignore_index=True)
    a["what"] = [i if isinstance(i, str) else f"cat:{c}" for i, c in zip(a["item"], a["category"], strict=True)]
    a["day"] = pd.to_datetime(a["announced"])
    a["ns"] = [(k.split(":", 1)[0] if ":" in k else "") if isinstance(k, str) else None for k in a["key"]]
    group = ["donor", "recipient", "what"]
    a = a.sort_values([*group, "day", "entry"], kind="stable")
    prev = a.groupby(group, sort=False, dropna=False)[["entry", "day", "quantity", "value", "ns", "dup"]].shift(1)
    has_prev = prev["entry"].notna()
    gap = (a["day"] - prev["day"]).dt.days
    same_source = a["ns"].notna() & prev["ns"].notna() & (a["ns"] == prev["ns"])
    close = (gap <= WINDOW_DAYS) & (_overlap(a["quantity"].astype(float), prev["quantity"].astype(float))
                                    | (a["quantity"].isna() & prev["quantity"].isna()
                                       & _overlap(a["value"].astype(float), prev["value"].astype(float))))
    said = pd.Series([isinstance(d, str) and REANNOUNCED.search(d) is not None for d in a["description"]],
                     index=a.index) & (gap <= TEXT_WINDOW_DAYS)
    hit = a["is_new"] & has_prev & ~same_source & (close | said)
    target = prev["dup"].where(prev["dup"].notna(), prev["entry"])
    result = pd.Series(pd.NA, index=a.index, dtype="Int64")
    result[hit] = target[hit].astype("int64")
    out = result[a["is_new"]]
    out.index = a.loc[a["is_new"], "entry"].to_numpy()
    return out.reindex(new["entry"].to_numpy())
