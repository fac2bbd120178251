"""Per-donor ask sheets: what each donor (or pooled fund) is asked to send, item by item and month by month, from
stock or from which production line, paid by which fund, and why it rather than another source.

A purchase paid by a fund with one member is asked of that donor; one paid by a pooled fund is asked of the fund
(its members are named in its summary), never split into donors.

>>> from allyplan import example_path, load_scenario, plan
>>> sheets = ask_sheets(plan(load_scenario(example_path())))
>>> sheets["DE"].columns.tolist()[:4]
['item', 'item_name', 'quantity', 'ship_month']
>>> "purl" in sheets and "NL" not in set(sheets["purl"]["source"])
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from allyplan.planner import Plan
from allyplan.planner.inputs import map_values, prepare
from allyplan.report.stats import fmt_eur, fmt_quantity

__all__ = ["ask_sheets", "ask_summaries", "askers", "ASK_COLUMNS"]

ASK_COLUMNS = ["item", "item_name", "quantity", "ship_month", "in_service", "source", "paid_by", "value_eur", "need",
               "why"]
_MAX_NAMES = 4
# What stops another source, said of one source / of several.
_STATES = {
    "late": ("arrives too late", "arrive too late"),
    "floor": ("has nothing more to release above its readiness floor",
              "have nothing more to release above their readiness floors"),
    "capacity": ("is at capacity", "are at capacity"),
    "money": ("has no money left in the funds that may buy from it",
              "have no money left in the funds that may buy from them"),
    "spare": ("has spare too", "have spare too"),
}
_SPARE_WHY = ": the plan's objective (burden sharing against GDP, least stock drawn down) preferred this source"


def _pooled(p: Plan) -> pd.Series:
    """Members of each pooled fund (more than one donor) with their share, e.g. ``NL 25 %, DE 25 %`` (largest
    share first, ties in the order of ``funds.csv``). Plain Python: a pandas group-by-apply cost ~10 ms a call
    and the report asks for this four times."""
    f = p.scenario.funds
    rows = list(zip(f["fund"].tolist(), f["donor"].tolist(), f["amount_eur"].tolist(), strict=True))
    total: dict[str, float] = {}
    members: dict[str, set[str]] = {}
    for fund, donor, amount in rows:
        total[fund] = total.get(fund, 0.0) + amount
        members.setdefault(fund, set()).add(donor)
    shares = [(fund, donor, 100.0 * amount / total[fund] if total[fund] > 0 else 0.0)
              for fund, donor, amount in rows if len(members[fund]) > 1]
    text: dict[str, list[str]] = {}
    for fund, donor, share in sorted(shares, key=lambda r: -r[2]):  # stable: ties keep the file's order
        text.setdefault(fund, []).append(f"{donor} {share:.0f} %")
    return pd.Series({fund: ", ".join(parts) for fund, parts in text.items()}, dtype=object)


def askers(p: Plan) -> pd.DataFrame:
    """Who is asked for something: ``key`` (a donor's code or a pooled fund's id, as in ``deliveries.donor``),
    ``kind`` (donor / pooled fund), ``name`` and, for a pooled fund, its ``members`` with their shares."""
    keys = pd.unique(p.deliveries["donor"].astype(str))
    pooled = _pooled(p)
    names = p.scenario.parties.set_index("code")["name"]
    rows = [{"key": k, "kind": "pooled fund" if k in pooled.index else "donor",
             "name": f"fund {k}" if k in pooled.index else str(names.get(k, k)),
             "members": str(pooled.get(k, ""))} for k in keys]
    out = pd.DataFrame(rows, columns=["key", "kind", "name", "members"])
    return out.sort_values(["kind", "key"]).reset_index(drop=True)


def _sources(p: Plan) -> pd.DataFrame:
    """Every stock and production line of every item, with its state in the plan: ``blocked`` (the rule that
    forbids it, or ""), ``earliest`` (first month it can bring the item in service) and ``exhausted`` (why it
    has nothing more to give, or "")."""
    s = p.scenario
    d = p.inputs if p.inputs is not None else prepare(s)
    dl = p.deliveries
    st = d.stocks
    used = dl[dl["source"] == "stock"].groupby(["donor", "item"])["quantity"].sum()
    spare = st["releasable"].to_numpy() - pd.Series(list(zip(st["donor"], st["item"], strict=True))).map(
        used).fillna(0.0).to_numpy()
    stocks = pd.DataFrame({
        "item": st["item"].to_numpy(), "name": st["donor"].to_numpy(), "kind": "stock", "source": "stock",
        "donor": st["donor"].to_numpy(), "blocked": st["blocked"].to_numpy(),
        "earliest": (st["available_from"] + st["lead_months"]).to_numpy(),
        "exhausted": np.where(spare < 1 - 1e-9, "floor", ""),
    })
    pr = s.production
    arcs = d.arcs
    free = arcs[arcs["blocked"] == ""]
    spent = dl[dl["fund"] != ""].groupby("fund")["value_eur"].sum()
    free = free.assign(left=free["amount_eur"] - map_values(free["fund"], spent).fillna(0.0))
    money = (free["left"] >= free["unit_cost_eur"] - 1e-6).groupby(free["line"]).any()
    made = dl[dl["fund"] != ""].groupby("source")["quantity"].sum()
    room = d.capacity.groupby("line")["capacity"].sum() - made.reindex(d.capacity["line"].unique()).fillna(0.0)
    why_blocked = arcs[arcs["blocked"] != ""].drop_duplicates("line").set_index("line")["blocked"]
    blocked = map_values(pr["line"], why_blocked).astype(object).where(lambda b: b.notna(), "no fund may buy from it")
    blocked = blocked.where(~pr["line"].isin(free["line"]), "")
    at_cap = map_values(pr["line"], room).fillna(0.0).to_numpy() < 1 - 1e-9
    broke = ~map_values(pr["line"], money).fillna(False).astype(bool).to_numpy()
    lines = pd.DataFrame({
        "item": pr["item"].to_numpy(), "name": ("line " + pr["line"]).to_numpy(), "kind": "line",
        "source": pr["line"].to_numpy(), "donor": "", "blocked": blocked.to_numpy(),
        "earliest": (pr["from"] + pr["lead_months"]).to_numpy(),
        "exhausted": np.where(at_cap, "capacity", np.where(broke, "money", "")),
    })
    return pd.concat([stocks, lines], ignore_index=True)


def _names(xs: pd.Series) -> str:
    u = list(dict.fromkeys(xs))
    more = len(u) - _MAX_NAMES
    return ", ".join(u[:_MAX_NAMES]) + (f" and {more} more" if more > 0 else "")


def _why(p: Plan, asks: pd.DataFrame) -> pd.Series:
    """For each (key, need, item, source) group of ``asks``: one sentence on the other sources of what the need
    accepts, and what stops each of them (the binding alternatives)."""
    groups = asks.groupby(["donor", "need", "item", "source"], as_index=False)["arrive_month"].min()
    groups["g"] = np.arange(len(groups))
    alt = groups.merge(p.scenario.accepts[["need", "item"]].rename(columns={"item": "alt_item"}), on="need")
    alt = alt.merge(_sources(p).rename(columns={"item": "alt_item", "source": "alt_source", "donor": "alt_donor"}),
                    on="alt_item")
    own = (alt["alt_item"] == alt["item"]) & np.where(alt["kind"] == "stock", (alt["alt_source"] == alt["source"])
                                                      & (alt["alt_donor"] == alt["donor"]),
                                                      alt["alt_source"] == alt["source"])
    alt = alt[~own]
    # "policy: D38 non-lethal-only" -> "policy: non-lethal-only", so that donors with the same rule share a clause
    rule = [b.replace(f" {d} ", " ", 1) if d else b for b, d in zip(alt["blocked"], alt["alt_donor"], strict=True)]
    state = np.select(
        [alt["blocked"] != "", alt["earliest"] > alt["arrive_month"], alt["exhausted"] != ""],
        ["may not send it (" + pd.Series(rule, index=alt.index, dtype=object) + ")", "late", alt["exhausted"]],
        default="spare")
    # per (group, state): the sources' names in order of appearance (plain Python: a pandas aggregation with a
    # Python function per group took most of the ask sheets' time on the large case)
    names: dict[tuple[int, str], dict[str, None]] = {}
    for g, st, name in zip(alt["g"].tolist(), state.tolist(), alt["name"].tolist(), strict=True):
        names.setdefault((g, st), {})[name] = None
    clauses: dict[int, list[tuple[int, str, str]]] = {}
    for (g, st), seen in names.items():
        u = list(seen)
        more = len(u) - _MAX_NAMES
        listed = ", ".join(u[:_MAX_NAMES]) + (f" and {more} more" if more > 0 else "")
        verb = _STATES[st][len(u) > 1] if st in _STATES else st
        clauses.setdefault(g, []).append((int(st == "spare"), st, f"{listed} {verb}"
                                          + (_SPARE_WHY if st == "spare" else "")))
    joined = pd.Series({g: "; ".join(t for _, _, t in sorted(cs)) for g, cs in clauses.items()}, dtype=object)
    label = pd.Series(p.scenario.labels(groups["arrive_month"]), index=groups["g"])
    only = "the only source in the scenario of what this need accepts"
    out = groups["g"].map(joined).astype(object).fillna(only)
    out = np.where(out == only, out, "other sources by " + groups["g"].map(label) + ": " + out)
    key = pd.MultiIndex.from_frame(groups[["donor", "need", "item", "source"]])
    return pd.Series(out, index=key)


def ask_sheets(p: Plan) -> dict[str, pd.DataFrame]:
    """For each donor or pooled fund asked for anything (see :func:`askers`), its asks: one row per item, ship
    month, source and need, with :data:`ASK_COLUMNS` (months as ``YYYY-MM``)."""
    s = p.scenario
    dl = p.deliveries
    if dl.empty:
        return {}
    names = s.items.set_index("id")["name"]
    pooled = _pooled(p)
    producer = s.production.set_index("line")["producer"]
    why = _why(p, dl)
    rows = pd.DataFrame({
        "key": dl["donor"].astype(str), "item": dl["item"], "item_name": dl["item"].map(names).fillna(dl["item"]),
        "quantity": dl["quantity"], "ship": dl["ship_month"], "arrive": dl["arrive_month"],
        "source": np.where(dl["source"] == "stock", "stock",
                           "line " + dl["source"] + " (" + dl["source"].map(producer).astype(object).fillna("?") + ")"),
        "paid_by": np.where(dl["fund"] == "", "own stock",
                            "fund " + dl["fund"] + np.where(dl["fund"].isin(pooled.index), " (pooled)", "")),
        "value_eur": dl["value_eur"], "need": dl["need"],
        "why": why.reindex(pd.MultiIndex.from_frame(dl[["donor", "need", "item", "source"]])).to_numpy(),
    }).sort_values(["key", "ship", "item", "need"])
    rows["ship_month"] = s.labels(rows["ship"])
    rows["in_service"] = s.labels(rows["arrive"])
    return {str(k): g[ASK_COLUMNS].reset_index(drop=True) for k, g in rows.groupby("key", sort=True)}


def _descending(values: list[float]) -> list[int]:
    """Positions of ``values`` from largest to smallest, ties in the order pandas' ``sort_values(ascending=False)``
    gives them."""
    v = np.asarray(values, dtype=float)
    rev = np.arange(len(v))[::-1]
    order: list[int] = rev[v[::-1].argsort(kind="quicksort")][::-1].tolist()
    return order


def ask_summaries(p: Plan, sheets: dict[str, pd.DataFrame] | None = None) -> dict[str, str]:
    """One paragraph per donor or pooled fund: what it is asked for in all, when, from where, paid how."""
    sheets = ask_sheets(p) if sheets is None else sheets
    who = askers(p).set_index("key")
    kinds, names, members = who["kind"].to_dict(), who["name"].to_dict(), who["members"].to_dict()
    funds = p.scenario.funds
    pooled = set(_pooled(p).index)
    pays_into: dict[str, set[str]] = {}
    for donor, fund in zip(funds["donor"].tolist(), funds["fund"].tolist(), strict=True):
        pays_into.setdefault(donor, set()).add(fund)
    out = {}
    for key, t in sheets.items():  # plain lists: pandas per sheet cost more than the text itself
        cols = t.to_dict("list")  # every column at once: a column at a time costs pandas' per-call overhead
        item_names, quantity, ship = cols["item_name"], cols["quantity"], cols["ship_month"]
        source, paid_by, value = cols["source"], cols["paid_by"], cols["value_eur"]
        totals: dict[str, float] = {}
        for n, q in zip(item_names, quantity, strict=True):
            totals[n] = totals.get(n, 0.0) + q
        kinds_of_item = list(totals)
        order = _descending([totals[n] for n in kinds_of_item])
        listed = ", ".join(f"{fmt_quantity(totals[kinds_of_item[i]])} {kinds_of_item[i]}" for i in order[:5])
        if len(order) > 5:
            listed += f" and {len(order) - 5} more item types"
        pooled_fund = kinds[key] == "pooled fund"
        head = f"{names[key]} (pooled: {members[key]})" if pooled_fund else f"{names[key]} ({key})"
        first, last = min(ship), max(ship)
        text = (f"{head} is asked for {listed}, worth {fmt_eur(float(np.sum(value)))}, shipping "
                + (f"in {first}" if first == last else f"from {first} to {last}"))
        stock = [x == "stock" for x in source]
        pieces = []
        if any(stock):
            pieces.append(f"{fmt_eur(float(np.sum([v for v, k in zip(value, stock, strict=True) if k])))} from "
                          "its own stock")
        if not all(stock):
            bought = [i for i, k in enumerate(stock) if not k]
            lines = _names(pd.Series([source[i].split(" ")[1] for i in bought], dtype=object))
            payers = _names(pd.Series([paid_by[i].replace(" (pooled)", "") for i in bought], dtype=object))
            pieces.append(f"{fmt_eur(float(np.sum([value[i] for i in bought])))} made by {lines}, paid by {payers}")
        text += ": " + " and ".join(pieces) + "."
        if not pooled_fund:
            mine = sorted(pays_into.get(key, set()) & pooled)
            if mine:
                text += (f" It also pays into pooled fund{'s' if len(mine) > 1 else ''} {', '.join(mine)}, whose "
                         "purchases are asked of the fund.")
        out[key] = text
    return out
