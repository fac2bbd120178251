"""One statistics layer: DataFrames that feed the CLI tables, the HTML report and (later) the web pages.

Tables here keep ids (need, item, donor) as data; text meant for people (``main_limit``, ``in_words``, the
readable ``limit`` and ``relief`` of :func:`shortfall_summary`) uses the catalog's item names.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from allyplan.planner import Plan
from allyplan.scenario import Scenario

__all__ = ["need_summary", "shortfall_summary", "deliveries_by_month", "coverage_matrix", "coverage_by_priority",
           "arrivals_by_need", "with_item_names", "fmt_quantity", "fmt_eur", "fmt_pct", "NEVER", "NOT_IN_HORIZON",
           "ON_TIME"]

ON_TIME = "on time"
NEVER = "never"
NOT_IN_HORIZON = "not within the horizon"


def fmt_quantity(v: float) -> str:
    """A quantity as people read it: whole units with thousands separators, else one decimal.

    >>> fmt_quantity(1440000.0), fmt_quantity(2.5), fmt_quantity(3.0000000001)
    ('1,440,000', '2.5', '3')
    """
    v = float(v)
    return f"{v:,.0f}" if abs(v - round(v)) < 1e-6 else f"{v:,.1f}"


def fmt_pct(v: float) -> str:
    """A share in whole percent, never rounded up to 100 % when something is missing.

    >>> fmt_pct(42.01), fmt_pct(99.6), fmt_pct(100.0)
    ('42 %', '99 %', '100 %')
    """
    v = float(v)
    return "100 %" if v >= 100 - 1e-9 else f"{min(round(v), 99):.0f} %"


def fmt_eur(v: float) -> str:
    """EUR in bn (two decimals) from EUR 1 bn, in m (one decimal) from EUR 1 m, else whole euros.

    >>> fmt_eur(3.5e9), fmt_eur(12_400_000), fmt_eur(560)
    ('EUR 3.50 bn', 'EUR 12.4 m', 'EUR 560')
    """
    v = float(v)
    if abs(v) >= 1e9:
        return f"EUR {v / 1e9:,.2f} bn"
    if abs(v) >= 1e6:
        return f"EUR {v / 1e6:,.1f} m"
    return f"EUR {v:,.0f}"


def _name_pattern(s: Scenario) -> tuple[re.Pattern[str], dict[str, str]]:
    names = dict(zip(s.items["id"], s.items["name"].where(s.items["name"] != "", s.items["id"]), strict=True))
    ids = sorted(names, key=len, reverse=True)  # longest first: pac-3-mse before a shorter id it contains
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])"), names


_BARE_NUMBER = re.compile(r"(?<![\w.,-])(\d{4,})(?![\w.,-])")


def with_item_names(s: Scenario, texts: pd.Series) -> pd.Series:
    """``texts`` with every item id written as the catalog's item name (ids inside longer tokens, such as a
    production line named after its item, are left alone) and whole numbers with thousands separators (months
    such as 2027-01 are left alone)."""
    if texts.empty:
        return texts.astype(object)
    out = texts.astype(str).str.replace(_BARE_NUMBER, lambda m: f"{int(m.group(1)):,}", regex=True)
    if s.items.empty:
        return out
    pat, names = _name_pattern(s)
    return out.str.replace(pat, lambda m: names[m.group(1)], regex=True)


def need_summary(p: Plan) -> pd.DataFrame:
    """Per need: required, covered (at the end for hold needs, in total for flow needs), short, when it is met,
    the main reason for what is short and one line in plain words.

    ``met_by`` is ``"on time"`` (never short), a ``YYYY-MM`` month (a hold need fully in service from then on; a
    flow need whose every month is covered from then to the end of its window), ``"not within the horizon"`` (a
    hold need still short in the plan's last month) or ``"never"`` (a flow need whose window ends short: the
    months it lacked are not made up).

    >>> from allyplan import example_path, load_scenario, plan
    >>> need_summary(plan(load_scenario(example_path()))).columns.tolist()[:4]
    ['need', 'description', 'kind', 'priority']
    """
    s = p.scenario
    cov = p.coverage
    nd = s.needs.set_index("id")
    hold_final = cov[cov["month"] == s.horizon - 1].set_index("need")
    totals = cov.groupby("need")[["required", "covered", "short"]].sum()
    out = nd[["description", "kind", "priority"]].copy()
    out["required"] = np.where(out["kind"] == "hold", nd["quantity"], totals["required"].reindex(nd.index))
    out["covered"] = np.where(out["kind"] == "hold", hold_final["covered"].reindex(nd.index),
                              totals["covered"].reindex(nd.index))
    out["covered"] = out["covered"].fillna(0.0)
    out["short"] = (out["required"] - out["covered"]).clip(lower=0.0).round(6)
    out["covered_pct"] = np.where(out["required"] > 0, 100.0 * out["covered"] / out["required"], 100.0)
    short = cov[cov["short"] > 1e-9].groupby("need")["month"].agg(["size", "max"]).reindex(nd.index)
    out["short_months"] = short["size"].fillna(0).astype(int)
    last_short = short["max"].fillna(-1).astype(int)
    # A need is met from the month after its last short month, if that month is still one it is measured in:
    # the plan's horizon for a hold need, the need's window for a flow need.
    end = np.where(out["kind"] == "hold", s.horizon - 1, nd["to"])
    met = last_short + 1
    labels = pd.Series(s.labels(met.clip(lower=0, upper=s.horizon - 1)), index=nd.index)
    out["met_by"] = np.where(last_short < 0, ON_TIME, np.where(
        met <= end, labels, np.where(out["kind"] == "hold", NOT_IN_HORIZON, NEVER)))
    sf = p.shortfalls
    main = (sf.groupby(["need", "reason"]).size().rename("n").reset_index()
            .sort_values(["need", "n"], ascending=[True, False]).drop_duplicates("need").set_index("need")["reason"])
    out["main_reason"] = main.reindex(nd.index).fillna("")
    first_limit = sf.merge(main.rename("main").reset_index(), on="need")
    first_limit = first_limit[first_limit["reason"] == first_limit["main"]].drop_duplicates("need")
    out["main_limit"] = with_item_names(s, first_limit.set_index("need")["limit"].reindex(nd.index).fillna(""))
    out["in_words"] = _in_words(p, out)
    out = out.reset_index().rename(columns={"id": "need"})
    return out.sort_values(["priority", "need"], ascending=[False, True]).reset_index(drop=True)


def _in_words(p: Plan, out: pd.DataFrame) -> pd.Series:
    """One sentence per need (index: need id): how much is there by when, what is short and why."""
    s = p.scenario
    nd = s.needs.set_index("id")
    cov = p.coverage
    covered = dict(zip(zip(cov["need"].tolist(), cov["month"].tolist(), strict=True), cov["covered"].tolist(),
                       strict=True))
    sf = p.shortfalls
    limit_at: dict[tuple[str, int], str] = {}
    if len(sf):
        keys = zip(sf["need"].tolist(), sf["month"].tolist(), strict=True)
        for key, text in zip(keys, with_item_names(s, sf["limit"]).tolist(), strict=True):
            limit_at.setdefault(key, text)
    end = s.label(s.horizon - 1)
    months = {m: s.label(m) for m in range(s.horizon)}

    def label(m: int) -> str:
        return months.get(m) or s.label(m)

    due_of = nd["due"].to_dict() if "due" in nd else {}
    from_of, to_of, rate_of = (nd[c].to_dict() for c in ("from", "to", "per_month"))
    words = []
    cols = ["kind", "required", "short", "met_by", "main_limit", "short_months", "covered", "covered_pct"]
    for n, kind, required, short, met_by, main_limit, short_months, cov_n, pct in zip(
            out.index.tolist(), *(out[c].tolist() for c in cols), strict=True):
        q = fmt_quantity(required)
        if kind == "hold":
            due = int(due_of[n])
            at_due = float(covered.get((n, due), 0.0))
            text = f"{fmt_quantity(at_due)} of {q} in service by {label(due)}"
            gap = float(required) - at_due
            if gap <= 1e-6:
                words.append(text + ", as required.")
                continue
            text += f"; {fmt_quantity(gap)} short"
            why = limit_at.get((n, due), main_limit)
            text += f": {why}" if why else ""
            if met_by == NOT_IN_HORIZON:
                text += f". Still {fmt_quantity(short)} short at the end of the plan ({end})."
            else:
                text += f". All {q} in service by {met_by}."
        else:
            window = f"{label(int(from_of[n]))} to {label(int(to_of[n]))}"
            rate = fmt_quantity(float(rate_of[n]))
            if short_months == 0:
                words.append(f"All {q} over {window} ({rate} a month), every month covered.")
                continue
            span = int(to_of[n]) - int(from_of[n]) + 1
            text = (f"{fmt_quantity(cov_n)} of {q} over {window} ({fmt_pct(pct)}); short in "
                    f"{short_months} of {span} months")
            text += f", every month covered from {met_by}" if met_by != NEVER else ", to the window's end"
            text += f": {main_limit}." if main_limit else "."
        words.append(text)
    return pd.Series(words, index=out.index, dtype=object)


def shortfall_summary(p: Plan, per_reason: bool = False) -> pd.DataFrame:
    """Shortfalls grouped by need and limit (or, with ``per_reason``, by need and kind of limit, showing the
    first month's limit and relief): months affected, first month, largest shortfall, the relief. ``limit`` and
    ``relief`` name items as the catalog does."""
    sf = p.shortfalls
    if sf.empty:
        return pd.DataFrame(columns=["need", "reason", "limit", "relief", "months", "first", "max_short"])
    g = sf.groupby(["need", "reason"] if per_reason else ["need", "reason", "limit"], sort=False)
    out = g.agg(**({"limit": ("limit", "first")} if per_reason else {}), relief=("relief", "first"),
                months=("month", "size"), first=("month", "min"), max_short=("short", "max")).reset_index()
    out["first"] = p.scenario.labels(out["first"])
    out["limit"] = with_item_names(p.scenario, out["limit"])
    out["relief"] = with_item_names(p.scenario, out["relief"])
    return out


def deliveries_by_month(p: Plan) -> pd.DataFrame:
    """Value delivered by arrival month and category (EUR)."""
    dl = p.deliveries.assign(category=p.deliveries["item"].map(p.scenario.items.set_index("id")["category"]))
    t = dl.pivot_table(index="arrive_month", columns="category", values="value_eur", aggfunc="sum", fill_value=0.0)
    t = t.reindex(range(p.scenario.horizon), fill_value=0.0)
    t.index = p.scenario.labels(t.index)
    return t


def coverage_matrix(p: Plan, order: pd.Series | None = None) -> pd.DataFrame:
    """Share of each need covered, by month (needs as rows, YYYY-MM months as columns); NaN before a need is due.
    Rows follow ``order`` (need ids; default: :func:`need_summary`'s order)."""
    c = p.coverage.assign(pct=np.where(p.coverage["required"] > 0,
                                       100.0 * p.coverage["covered"] / p.coverage["required"].where(
                                           p.coverage["required"] > 0, 1.0), np.nan))
    t = c.pivot_table(index="need", columns="month", values="pct", aggfunc="first")
    t = t.reindex(columns=range(p.scenario.horizon))
    t = t.reindex(need_summary(p)["need"] if order is None else order)
    t.columns = p.scenario.labels(t.columns)
    return t


def coverage_by_priority(p: Plan) -> pd.DataFrame:
    """The average share of a need covered (each need counts once, whatever its units), by priority (rows,
    highest first, labelled with the number of needs) and month (YYYY-MM columns); NaN where no need of that
    priority requires anything yet."""
    pr = p.scenario.needs.set_index("id")["priority"]
    c = p.coverage[p.coverage["required"] > 0]
    c = c.assign(priority=c["need"].map(pr), pct=100.0 * c["covered"] / c["required"])
    pct = c.pivot_table(index="priority", columns="month", values="pct", aggfunc="mean")
    pct = pct.reindex(index=sorted(pr.unique(), reverse=True), columns=range(p.scenario.horizon))
    counts = pr.value_counts()
    pct.index = [f"priority {fmt_quantity(x)} ({counts[x]:,} need{'s' if counts[x] != 1 else ''})"
                 for x in pct.index]
    pct.columns = p.scenario.labels(pct.columns)
    return pct


def arrivals_by_need(p: Plan) -> pd.DataFrame:
    """What arrives for each need, by month: planned deliveries and the baseline's counted pledges (holdings at
    the start are left out). Columns: need, month (offset), label, origin (plan / pledge), units (in the need's
    units), what (readable: quantity, item name and donor, ``; ``-separated)."""
    s = p.scenario
    names = s.items.set_index("id")["name"]
    d = p.deliveries.assign(origin="plan", month=p.deliveries["arrive_month"])
    b = p.baseline[p.baseline["origin"] != "holding"]
    b = b.assign(origin="pledge", month=b["arrive_month"])
    both = pd.concat([d[["need", "month", "origin", "donor", "item", "quantity"]],
                      b[["need", "month", "origin", "donor", "item", "quantity"]]], ignore_index=True)
    both = both[both["need"].astype(str) != ""]
    if both.empty:
        return pd.DataFrame(columns=["need", "month", "label", "origin", "units", "what"])
    factor = s.accepts.set_index(["need", "item"])["factor"]
    both["units"] = both["quantity"] * pd.Series(list(zip(both["need"], both["item"], strict=True))).map(
        factor).fillna(1.0).to_numpy()
    both["what"] = (both["quantity"].map(fmt_quantity) + " " + both["item"].map(names).fillna(both["item"])
                    + " from " + both["donor"].astype(str))
    out = both.groupby(["need", "month", "origin"], as_index=False).agg(units=("units", "sum"))
    what: dict[tuple[str, int, str], list[str]] = {}  # plain Python: a Python function per group is slow in pandas
    keys = zip(both["need"].tolist(), both["month"].tolist(), both["origin"].tolist(), strict=True)
    for key, w in zip(keys, both["what"].tolist(), strict=True):
        what.setdefault(key, []).append(w)
    out["what"] = ["; ".join(what[k]) for k in zip(out["need"].tolist(), out["month"].tolist(),
                                                   out["origin"].tolist(), strict=True)]
    out.insert(2, "label", s.labels(out["month"]))
    return out
