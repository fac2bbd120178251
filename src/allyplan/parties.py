"""Parties and their policies: which party may send which item, and why not.

>>> from allyplan import example_path, load_scenario
>>> s = load_scenario(example_path())
>>> blocked_by(s, ["TR", "DE"], ["patriot", "patriot"]).tolist()
['policy: TR non-lethal-only', '']
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from allyplan.scenario import Scenario

__all__ = ["blocked_by", "red_line_of", "release_share", "item_tags"]


def item_tags(s: Scenario) -> pd.DataFrame:
    """Long table (item, tag) of every item's tags."""
    t = s.items[["id", "tags"]].assign(tag=s.items["tags"].str.split(";")).explode("tag")
    t["tag"] = t["tag"].fillna("").str.strip()
    return t.loc[t["tag"] != "", ["id", "tag"]].rename(columns={"id": "item"}).reset_index(drop=True)


def red_line_of(s: Scenario, items: Sequence[str] | pd.Series) -> np.ndarray:
    """For each item, the coalition red line it crosses (``"red line: X"``), or ``""``."""
    items = pd.Series(list(items), dtype=str)
    out = np.full(len(items), "", dtype=object)
    if not s.config.red_lines:
        return out
    cat = items.map(s.items.set_index("id")["category"]).fillna("")
    tags = item_tags(s)
    for red in reversed(s.config.red_lines):  # the first red line listed wins
        hit_tag = items.isin(tags.loc[tags["tag"] == red, "item"])
        hit = (cat == red) | hit_tag | (items == red)
        out[hit.to_numpy()] = f"red line: {red}"
    return out


def blocked_by(s: Scenario, parties: Sequence[str] | pd.Series, items: Sequence[str] | pd.Series) -> np.ndarray:
    """For each (party, item) pair, the first rule that forbids the party to send the item, or ``""``.

    Red lines come first, then the party's own policies in the order of ``policies.csv``.
    """
    pairs = pd.DataFrame({"party": list(parties), "item": list(items)})
    pairs["pos"] = np.arange(len(pairs))
    out = red_line_of(s, pairs["item"])
    pol = s.policies.reset_index(drop=True)
    pol = pol[pol["rule"] != "max-release-share"].assign(order=lambda d: np.arange(len(d)))
    if pol.empty or pairs.empty:
        return out
    info = s.items.set_index("id")[["category", "lethal"]]
    m = pairs.merge(pol, on="party", how="inner")
    m = m.join(info, on="item")
    tags = item_tags(s)
    has_tag = pd.Series(list(zip(m["item"], m["value"], strict=True))).isin(
        set(zip(tags["item"], tags["tag"], strict=True))).to_numpy()
    rule = m["rule"].to_numpy()
    hit = (
        (rule == "no-military-aid")
        | ((rule == "non-lethal-only") & m["lethal"].fillna(False).to_numpy(dtype=bool))
        | ((rule == "forbid-category") & (m["category"] == m["value"]).to_numpy())
        | ((rule == "forbid-item") & (m["item"] == m["value"]).to_numpy())
        | ((rule == "forbid-tag") & has_tag)
    )
    m = m[hit].sort_values(["pos", "order"]).drop_duplicates("pos")
    text = "policy: " + m["party"] + " " + m["rule"] + np.where(m["value"] != "", " " + m["value"], "")
    free = out[m["pos"].to_numpy()] == ""
    out[m["pos"].to_numpy()[free]] = text.to_numpy()[free]
    return out


def release_share(s: Scenario, parties: Sequence[str] | pd.Series) -> np.ndarray:
    """For each party, the largest share of a stock it may release (1.0 without a max-release-share rule)."""
    pol = s.policies[s.policies["rule"] == "max-release-share"]
    share = pd.to_numeric(pol["value"]).groupby(pol["party"]).min()
    return pd.Series(list(parties), dtype=object).map(share).fillna(1.0).to_numpy(dtype=float)  # object: see map_values
