"""Re-check a plan against the planning rules, independently of the model code.

It reads only the scenario and the plan's tables (as written to disk), and checks each rule of DESIGN.md's
"Planning semantics" directly, row by row where that is clearest. Use it on any plan, from allyplan or not.

>>> from allyplan import example_path, load_scenario, plan
>>> s = load_scenario(example_path())
>>> verify_plan(s, plan(s)).ok
True
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from allyplan.errors import AllyplanError
from allyplan.months import month_number
from allyplan.parties import blocked_by, release_share
from allyplan.plan_files import read_plan_tables
from allyplan.planner import Plan
from allyplan.scenario import Scenario

__all__ = ["Violation", "VerifyReport", "verify_plan", "verify_plan_dir"]

EPS = 1e-6


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


@dataclass
class VerifyReport:
    violations: list[Violation] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.violations

    def add(self, rule: str, message: str) -> None:
        self.violations.append(Violation(rule, message))


def _offsets(s: Scenario, labels: pd.Series, where: str = "", column: str = "") -> np.ndarray:
    """Month offsets of ``YYYY-MM`` labels; an :class:`AllyplanError` naming ``where`` (a file), the row and the
    column of one that is not a month."""
    start = s.start
    out = np.zeros(len(labels), dtype=int)
    for i, x in enumerate(labels):
        try:
            out[i] = month_number(str(x)) - start
        except ValueError:
            raise AllyplanError(f"{where}, row {i + 2}, field '{column}': {str(x)!r} is not a month. Write months "
                                "as YYYY-MM, e.g. 2027-01") from None
    return out


def verify_plan_dir(s: Scenario, directory: str | Path) -> VerifyReport:
    """Verify the plan written in ``directory`` against scenario ``s``."""
    t = read_plan_tables(directory)
    for name, cols in (("deliveries", ["ship_month", "arrive_month"]), ("baseline", ["arrive_month"]),
                       ("coverage", ["month"]), ("shortfalls", ["month"])):
        for c in cols:
            t[name][c] = _offsets(s, t[name][c], str(Path(directory) / f"{name}.csv"), c) if len(t[name]) \
                else t[name][c]
    return _verify(s, t)


def verify_plan(s: Scenario, p: Plan) -> VerifyReport:
    """Verify an in-memory plan (months as offsets)."""
    return _verify(s, {"deliveries": p.deliveries, "baseline": p.baseline, "coverage": p.coverage,
                       "shortfalls": p.shortfalls, "burden": p.burden})


def _verify(s: Scenario, t: dict[str, pd.DataFrame]) -> VerifyReport:
    rep = VerifyReport()
    dl, bl = t["deliveries"].copy(), t["baseline"].copy()
    dl["fund"] = dl["fund"].fillna("").astype(str)
    T = s.horizon
    items = s.items.set_index("id")
    rep.checked = {"deliveries": len(dl), "baseline": len(bl), "coverage": len(t["coverage"])}

    # Whole units and sane months.
    for name, df in (("deliveries", dl), ("baseline", bl)):
        frac = df[(df["quantity"] % 1).abs() > EPS]
        for r in frac.itertuples():
            rep.add("whole units", f"{name} row {r.Index + 2}: {r.quantity} {r.item} is not a whole number")
        neg = df[df["quantity"] <= 0]
        for r in neg.itertuples():
            rep.add("whole units", f"{name} row {r.Index + 2}: quantity {r.quantity} is not positive")
    late = dl[(dl["arrive_month"] > T - 1) | (dl["ship_month"] < 0)]
    for r in late.itertuples():
        rep.add("horizon", f"delivery of {r.item} ships {r.ship_month} / arrives {r.arrive_month}, outside the plan")

    # Rule 1: floors, release shares, what is already owed; rule 4: lead times and availability.
    st = s.stocks.set_index(["donor", "item"])
    owed = s.pledges[s.pledges["status"] == "committed"].groupby(["donor", "item"])["quantity"].sum()
    from_stock = dl[dl["source"] == "stock"]
    for (donor, item), q in from_stock.groupby(["donor", "item"])["quantity"].sum().items():
        if (donor, item) not in st.index:
            rep.add("1 floor", f"{donor} ships {q:g} {item} from a stock it does not hold")
            continue
        row = st.loc[(donor, item)]
        share = release_share(s, [donor])[0]
        limit = min(row["quantity"] - row["floor"], share * row["quantity"]) - owed.get((donor, item), 0.0)
        if q > limit + EPS:
            rep.add("1 floor", f"{donor} releases {q:g} {item}, above quantity {row['quantity']:g} - floor "
                               f"{row['floor']:g} (share {share:g}, owed {owed.get((donor, item), 0.0):g})")
    for r in from_stock.itertuples():
        if (r.donor, r.item) in st.index:
            row = st.loc[(r.donor, r.item)]
            if r.ship_month < row["available_from"]:
                rep.add("4 lead time", f"{r.donor} ships {r.item} in month {r.ship_month}, before it is available")
            if r.arrive_month != r.ship_month + row["lead_months"]:
                rep.add("4 lead time", f"{r.donor} {r.item}: arrives {r.arrive_month}, not ship + {row['lead_months']}")

    # Rule 2: policies and red lines, for the donor of a stock and every member of a paying fund.
    members = s.funds.groupby("fund")["donor"].apply(list).to_dict()
    senders = pd.DataFrame(
        [(r.donor, r.item) for r in from_stock.itertuples()]
        + [(m, r.item) for r in dl[dl["fund"] != ""].itertuples() for m in members.get(r.fund, [])],
        columns=["party", "item"])
    if len(senders):
        why = blocked_by(s, senders["party"], senders["item"])
        for (party, item), w in zip(senders.itertuples(index=False), why, strict=True):
            if w:
                rep.add("2 policy", f"{party} takes part in sending {item}, which {w} forbids")

    # Every delivery comes from a donor's stock (and no fund pays for it) or from a production line a fund pays.
    for r in dl[(dl["source"] == "stock") != (dl["fund"] == "")].itertuples():
        what = "from stock but paid by fund " + r.fund if r.source == "stock" else f"from {r.source} with no fund"
        rep.add("3 funds", f"deliveries row {r.Index + 2}: {r.quantity:g} {r.item} {what}: a delivery comes from a "
                           "stock (no fund) or from a production line paid by a fund")

    # Rule 3: production capacity per month, fund amounts, windows and allowed lines.
    pr = s.production.set_index("line")
    bought = dl[(dl["fund"] != "") & (dl["source"] != "stock")]
    for (line, month), q in bought.groupby(["source", "ship_month"])["quantity"].sum().items():
        if line not in pr.index:
            rep.add("3 capacity", f"unknown production line {line}")
            continue
        L = pr.loc[line]
        cap = L["per_month"] + L["ramp_per_month"] * (month - L["from"]) if L["from"] <= month <= L["to"] else 0.0
        if q > cap + EPS:
            rep.add("3 capacity", f"line {line} delivers {q:g} in month {month}, capacity {cap:g}")
    for r in bought.itertuples():
        if r.source in pr.index and r.arrive_month != r.ship_month + pr.loc[r.source, "lead_months"]:
            rep.add("4 lead time", f"line {r.source}: arrives {r.arrive_month}, not ship + lead")
    spend: dict[str, float] = defaultdict(float)
    for r in bought.itertuples():
        if r.source in pr.index:
            spend[r.fund] += r.quantity * pr.loc[r.source, "unit_cost_eur"]
    fu = s.funds.groupby("fund").agg(amount=("amount_eur", "sum"), f_from=("from", "min"), f_to=("to", "max"),
                                     lines=("lines", "first"))
    for fund, eur in spend.items():
        if fund not in fu.index:
            rep.add("3 funds", f"unknown fund {fund}")
        elif eur > fu.loc[fund, "amount"] * (1 + 1e-9) + 1:
            rep.add("3 funds", f"fund {fund} spends EUR {eur:,.0f}, above its EUR {fu.loc[fund, 'amount']:,.0f}")
    for r in bought.itertuples():
        if r.fund in fu.index:
            f = fu.loc[r.fund]
            allowed = {x.strip() for x in str(f["lines"]).split(";") if x.strip()}
            if allowed and r.source not in allowed:
                rep.add("3 funds", f"fund {r.fund} may not buy from line {r.source}")
            if not f["f_from"] <= r.ship_month <= f["f_to"]:
                rep.add("3 funds", f"fund {r.fund} pays in month {r.ship_month}, outside its window")

    # Rules 5-6: every unit serves a need that accepts it, and no need is filled beyond its quantity.
    acc = s.accepts.set_index(["need", "item"])["factor"]
    nd = s.needs.set_index("id")
    filled: dict[str, float] = defaultdict(float)
    for name, df in (("deliveries", dl), ("baseline", bl)):
        for r in df.itertuples():
            if (r.need, r.item) not in acc.index:
                rep.add("6 no duplication", f"{name}: {r.quantity:g} {r.item} serve no need that accepts it "
                                            f"(need '{r.need}')")
                continue
            filled[r.need] += r.quantity * acc[(r.need, r.item)]
            if nd.at[r.need, "kind"] == "flow" and r.arrive_month > nd.at[r.need, "to"]:
                rep.add("6 no duplication", f"{name}: {r.item} arrives after flow need {r.need} ends")
    for need, units in filled.items():
        if units > nd.at[need, "quantity"] + EPS:
            rep.add("6 no duplication", f"need {need} is filled with {units:g}, above its {nd.at[need, 'quantity']:g}")
    base = s.holdings.assign(month=0, origin="holding")[["item", "month", "quantity"]]
    counted = s.pledges[s.pledges["status"].isin(["committed", "delivered"])]
    base = pd.concat([base, counted.assign(month=counted["month"].clip(lower=0))[["item", "month", "quantity"]]])
    have = base.groupby(["item", "month"])["quantity"].sum()
    for (item, month), q in bl.groupby(["item", "arrive_month"])["quantity"].sum().items():
        if q > have.get((item, month), 0.0) + EPS:
            rep.add("6 no duplication", f"baseline uses {q:g} {item} in month {month}, more than held or pledged")

    # Rule 7: an item that requires a platform arrives only when the recipient has that platform.
    held = s.holdings.groupby("item")["quantity"].sum()
    arrivals = pd.concat([dl[["item", "arrive_month", "quantity"]],
                          counted.assign(arrive_month=counted["month"].clip(lower=0))[["item", "arrive_month",
                                                                                          "quantity"]]])
    first = arrivals[arrivals["quantity"] >= 1].groupby("item")["arrive_month"].min()
    for name, df in (("deliveries", dl), ("baseline", bl)):
        for r in df.itertuples():
            p = items.at[r.item, "requires"] if r.item in items.index else ""
            if not p or held.get(p, 0.0) > 0:
                continue
            if r.arrive_month < first.get(p, T + 1):
                rep.add("7 platform", f"{name}: {r.item} arrives in month {r.arrive_month} but no {p} is in service")

    # Coverage as written must match the deliveries, and every shortfall must be explained (rule 10).
    cov = t["coverage"]
    inflows: defaultdict[str, np.ndarray] = defaultdict(lambda: np.zeros(T))
    for df in (dl, bl):
        for r in df.itertuples():
            if (r.need, r.item) in acc.index and 0 <= r.arrive_month < T:
                inflows[r.need][r.arrive_month] += r.quantity * acc[(r.need, r.item)]
    for need, n in nd.iterrows():
        inflow = inflows[need]
        rows = cov[cov["need"] == need].set_index("month")
        if n["kind"] == "hold":
            held_n = np.cumsum(inflow)
            expect = {m: max(0.0, (n["quantity"] if m >= n["due"] else 0.0) - held_n[m]) for m in range(T)}
        else:
            inv, expect = 0.0, {}
            for m in range(T):
                inv += inflow[m]
                if n["from"] <= m <= n["to"]:
                    use = min(inv, n["per_month"])
                    expect[m] = n["per_month"] - use
                    inv -= use
        for m, short in expect.items():
            got = rows["short"].get(m, np.nan)
            if not abs(got - short) <= 1e-4 * max(1.0, short):
                rep.add("coverage", f"need {need} month {m}: coverage says short {got}, deliveries give {short:g}")
    sf = t["shortfalls"]
    explained = set(zip(sf["need"], sf["month"], strict=True)) if len(sf) else set()
    blank = sf[(sf["reason"].astype(str) == "") | (sf["relief"].astype(str) == "")] if len(sf) else sf
    for r in blank.itertuples():
        rep.add("10 explain", f"shortfall of {r.need} in month {r.month} has no reason or relief")
    for r in cov[cov["short"] > EPS].itertuples():
        if (r.need, r.month) not in explained:
            rep.add("10 explain", f"need {r.need} is short {r.short:g} in month {r.month} with no explanation")
    return rep
