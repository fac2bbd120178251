"""Stage 5: turn the solution back into tables, in whole units.

Bulk items solved as continuous are rounded down; every delivered unit is then assigned to the need it serves
by matching, within each (item, arrival month), the plan's units and the baseline's (holdings and pledges)
against the needs' allocations. A planned unit that no need takes after rounding is not shipped. Coverage is
recomputed from these whole-unit assignments, so what the tables say is what the plan does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from allyplan.planner.inputs import PlanInputs, map_values
from allyplan.planner.model import Model

__all__ = ["assign_results", "is_whole", "whole_solution", "interval_match", "coverage_table", "burden_table",
           "first_in_service"]

DELIVERY_COLUMNS = ["donor", "item", "source", "fund", "ship_month", "arrive_month", "quantity", "value_eur",
                    "need"]
BASELINE_COLUMNS = ["origin", "donor", "item", "arrive_month", "quantity", "need"]


def _whole_cumulative(values: np.ndarray, groups: pd.DataFrame, months: np.ndarray) -> np.ndarray:
    """Whole units month by month, rounding each group's cumulative total down: a source shipping 0.4 a month
    ships 1 in every second or third month instead of never. Totals never exceed the solution's."""
    order = np.lexsort((months, *[groups[c].to_numpy() for c in reversed(groups.columns)]))
    v = values[order]
    key = groups.iloc[order].reset_index(drop=True)
    cum = pd.Series(v).groupby([key[c] for c in key.columns], sort=False).cumsum().to_numpy()
    whole = np.floor(cum + 1e-6)
    first = ~key.duplicated().to_numpy()
    out = np.empty_like(values)
    out[order] = whole - np.where(first, 0.0, np.r_[0.0, whole[:-1]])
    return np.maximum(out, 0.0)


def interval_match(supply: pd.DataFrame, demand: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """Match whole units of supply to demand within groups sharing ``key``, in the order given.

    ``supply`` and ``demand`` carry an integer ``quantity`` and an ``sid`` / ``did`` id. Returns pieces
    (sid, did, quantity); supply beyond the group's demand gets ``did`` -1.

    >>> s = pd.DataFrame({"g": [1, 1], "sid": [0, 1], "quantity": [3, 2]})
    >>> d = pd.DataFrame({"g": [1, 1], "did": [7, 8], "quantity": [1, 3]})
    >>> interval_match(s, d, ["g"]).values.tolist()
    [[0, 7, 1], [0, 8, 2], [1, 8, 1], [1, -1, 1]]
    """
    if supply.empty:
        return pd.DataFrame({"sid": [], "did": [], "quantity": []}, dtype=np.int64)
    codes, _ = pd.MultiIndex.from_frame(pd.concat([supply[key], demand[key]])).factorize()
    codes = codes.astype(np.int64)
    qs = supply["quantity"].to_numpy(dtype=np.int64)
    qd = demand["quantity"].to_numpy(dtype=np.int64)
    big = int(max(qs.sum(), qd.sum())) + 1

    def intervals(g: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Global [start, end) of each interval: groups laid end to end, ``big`` apart, in the given order."""
        end = pd.Series(q).groupby(g).cumsum().to_numpy() + g * big
        return end - q, end

    s0, s1 = intervals(codes[: len(supply)], qs)
    d0, d1 = intervals(codes[len(supply):], qd)
    points = np.unique(np.r_[s0, s1, d0, d1])
    lo, hi = points[:-1], points[1:]
    so, do = np.argsort(s1, kind="stable"), np.argsort(d1, kind="stable")
    si = np.minimum(np.searchsorted(s1[so], hi, side="left"), len(so) - 1)
    in_s = (s0[so][si] <= lo) & (hi <= s1[so][si])
    lo, hi, si = lo[in_s], hi[in_s], si[in_s]
    did = np.full(len(hi), -1, dtype=np.int64)
    if len(do):
        di = np.minimum(np.searchsorted(d1[do], hi, side="left"), len(do) - 1)
        in_d = (d0[do][di] <= lo) & (hi <= d1[do][di])
        did[in_d] = demand["did"].to_numpy(dtype=np.int64)[do][di[in_d]]
    pieces = pd.DataFrame({"sid": supply["sid"].to_numpy(dtype=np.int64)[so][si], "did": did, "quantity": hi - lo})
    return pieces.groupby(["sid", "did"], as_index=False, sort=False)["quantity"].sum()


def first_in_service(d: PlanInputs, arrivals: pd.DataFrame) -> pd.Series:
    """First month each item is in service: month 0 for platforms the recipient operates, else the first month
    a whole unit arrives (``arrivals``: item, month, quantity; the baseline's arrivals are added here)."""
    arr = pd.concat([arrivals[["item", "month", "quantity"]], d.baseline[["item", "month", "quantity"]]])
    first = arr[arr["quantity"] >= 1].groupby("item")["month"].min()
    for p in d.operated:
        first[p] = 0
    return first


def _deliveries(m: Model, d: PlanInputs, x: np.ndarray) -> pd.DataFrame:
    st, bu = m.vars["stock"], m.vars["buy"]
    qs = _whole_cumulative(x[st["col"].to_numpy()], st[["k"]], st["month"].to_numpy())
    qb = _whole_cumulative(x[bu["col"].to_numpy()], bu[["line", "fund"]], bu["month"].to_numpy())
    # Rule 3 on whole units: shifting a unit into a month must not take a line past that month's capacity.
    cap = pd.Series(list(zip(bu["line"], bu["month"], strict=True))).map(
        d.capacity.set_index(["line", "month"])["capacity"]).to_numpy(dtype=float)
    over = pd.Series(qb).groupby([bu["line"].to_numpy(), bu["month"].to_numpy()]).transform("sum").to_numpy()
    excess = np.maximum(over - np.floor(cap + 1e-6), 0.0)
    before = pd.Series(qb).groupby([bu["line"].to_numpy(), bu["month"].to_numpy()]).cumsum().to_numpy() - qb
    qb = qb - np.clip(excess - before, 0.0, qb)
    members = d.fund_members.groupby("fund")["donor"].agg(lambda s: s.iloc[0] if len(s) == 1 else "")
    fund_donor = map_values(bu["fund"], members)
    cost = map_values(bu["line"], d.arcs.drop_duplicates("line").set_index("line")["unit_cost_eur"])
    parts = [
        pd.DataFrame({"donor": st["donor"], "item": st["item"], "source": "stock", "fund": "",
                      "ship_month": st["month"], "arrive_month": st["arrive"], "quantity": qs,
                      "unit_eur": map_values(st["item"], d.items["unit_value_eur"]), "col": st["col"]}),
        pd.DataFrame({"donor": fund_donor.where(fund_donor != "", bu["fund"]), "item": bu["item"],
                      "source": bu["line"], "fund": bu["fund"], "ship_month": bu["month"],
                      "arrive_month": bu["arrive"], "quantity": qb, "unit_eur": cost, "col": bu["col"]}),
    ]
    out = pd.concat(parts, ignore_index=True)
    return out[out["quantity"] > 0].reset_index(drop=True)


def _top_up(d: PlanInputs, dem: pd.DataFrame, supply: pd.Series) -> pd.DataFrame:
    """Whole units of an item left over after rounding each (need, item) allocation down go, one at a time, to
    the (need, item) allocations with the largest fractions, highest priority first, then to any need that
    accepts the item, while the need has room (rule 6). Returns ``dem`` with the extra units (an extra unit of
    an allocation is added to its last month; one for a new pair comes after every month)."""
    dem = dem.copy()
    grp = dem.groupby(["need", "item"], sort=False)
    frac = (grp["y"].sum() - grp["quantity"].sum()).rename("frac")
    nd = d.needs.set_index("id")
    last_row = dem.reset_index(drop=True).assign(pos=np.arange(len(dem))).sort_values("month").groupby(
        ["need", "item"])["pos"].last()
    fill = (dem["quantity"] * dem["factor"]).groupby(dem["need"]).sum().to_dict()
    left = (supply - dem.groupby("item")["quantity"].sum().reindex(supply.index, fill_value=0)).to_dict()
    qty = dem["quantity"].to_numpy().copy()
    cand = frac[frac > 1e-6].reset_index()
    cand["priority"] = map_values(cand["need"], nd["priority"])
    factor = dem.groupby(["need", "item"])["factor"].first()
    for n, i in cand.sort_values(["priority", "frac"], ascending=[False, False])[["need", "item"]].itertuples(
            index=False):  # one pass over the fractional allocations
        f = float(factor[(n, i)])
        if left.get(i, 0) >= 1 and fill.get(n, 0.0) + f <= float(nd.at[n, "Q"]) + 1e-9:
            qty[int(last_row[(n, i)])] += 1
            left[i] -= 1
            fill[n] = fill.get(n, 0.0) + f
    dem["quantity"] = qty
    # Units still left: to any need that accepts the item and has room, highest priority first.
    spare = [i for i, q in left.items() if q >= 1]
    acc = d.accepts[d.accepts["item"].isin(spare)].assign(priority=lambda a: map_values(a["need"], nd["priority"]))
    extra = []
    for n, i, f, pr in acc.sort_values("priority", ascending=False)[["need", "item", "factor", "priority"]].itertuples(
            index=False):
        room = float(nd.at[n, "Q"]) - fill.get(n, 0.0)
        k = int(min(left[i], np.floor(room / f + 1e-9)))
        if k >= 1:
            extra.append((n, i, d.scenario.horizon, f, 0.0, pr, k))
            left[i] -= k
            fill[n] = fill.get(n, 0.0) + k * f
    if extra:
        dem = pd.concat([dem, pd.DataFrame(extra, columns=["need", "item", "month", "factor", "y", "priority",
                                                           "quantity"])], ignore_index=True)
    return dem


def _assign(m: Model, d: PlanInputs, x: np.ndarray, plan_units: pd.DataFrame, exact: bool
            ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Assign plan and baseline units to needs; returns (deliveries with need, baseline with need).

    ``exact``: the solution is whole, so each (item, arrival month)'s units go to that month's allocations
    exactly as the model made them (plan units first: the model allocates every one). Otherwise units of an
    item are matched to the needs' allocations, rounded, first in, first out: the earliest arrivals serve the
    earliest allocations. A unit that would then break a rule (arriving after a flow need ends, or before the
    platform it requires is in service) is not delivered.
    """
    a = m.vars["alloc"]
    y = x[a["col"].to_numpy()]
    keep = y > 1e-7
    dem = a.loc[keep, ["need", "item", "month", "factor"]].assign(y=y[keep]).reset_index(drop=True)
    nd = d.needs.set_index("id")
    dem["priority"] = map_values(dem["need"], nd["priority"])
    base = d.baseline.copy()
    base["quantity"] = np.floor(base["quantity"] + 1e-6).astype(np.int64)
    if exact:
        dem["quantity"] = np.round(dem["y"].to_numpy())
    else:
        dem["quantity"] = _whole_cumulative(dem["y"].to_numpy(), dem[["need", "item"]], dem["month"].to_numpy())
        supply = pd.concat([plan_units[["item", "quantity"]], base[["item", "quantity"]]]).groupby("item")[
            "quantity"].sum()
        dem = _top_up(d, dem, supply)
    dem["quantity"] = dem["quantity"].astype(np.int64)
    dem = dem[dem["quantity"] > 0].sort_values(["item", "month", "priority", "need"],
                                               ascending=[True, True, False, True]).reset_index(drop=True)
    dem["did"] = np.arange(len(dem))
    sup = pd.concat([
        plan_units.assign(kind="plan", month=plan_units["arrive_month"], ref=np.arange(len(plan_units))),
        base.assign(kind="base", ref=np.arange(len(base))),
    ], ignore_index=True)[["item", "month", "quantity", "kind", "ref"]]
    sup = sup[sup["quantity"] > 0]
    sup = sup.sort_values(["item", "month", "kind"], ascending=[True, True, False], kind="stable")
    sup = sup.reset_index(drop=True).assign(sid=lambda s: np.arange(len(s)))
    pieces = interval_match(sup, dem, ["item", "month"] if exact else ["item"])
    pieces = pieces[pieces["did"] >= 0].merge(sup[["sid", "kind", "ref", "item", "month"]], on="sid").merge(
        dem[["did", "need"]], on="did")
    late = (map_values(pieces["need"], nd["kind"]) == "flow").to_numpy() & (
        pieces["month"].to_numpy() > map_values(pieces["need"], nd["to"]).to_numpy())
    pieces = pieces[~late]
    requires = map_values(pieces["item"], d.items["requires"]).fillna("").to_numpy()
    while True:  # rule 7; ends, since every pass that does not break drops pieces
        first = first_in_service(d, pieces.loc[pieces["kind"] == "plan", ["item", "month", "quantity"]])
        in_service = pd.Series(requires).map(first).fillna(np.inf).to_numpy()
        unusable = (requires != "") & (pieces["month"].to_numpy() < in_service)
        if not unusable.any():
            break
        pieces, requires = pieces[~unusable], requires[~unusable]

    pp = pieces[pieces["kind"] == "plan"]
    dl = plan_units.iloc[pp["ref"].to_numpy()].reset_index(drop=True)
    dl["quantity"] = pp["quantity"].to_numpy()
    dl["need"] = pp["need"].to_numpy()
    dl["value_eur"] = dl["quantity"] * dl["unit_eur"]
    dl = dl.groupby([c for c in dl.columns if c not in ("quantity", "value_eur")], as_index=False, sort=False)[
        ["quantity", "value_eur"]].sum()
    dl = dl.sort_values(["ship_month", "donor", "item", "need"]).reset_index(drop=True)

    bp = pieces[pieces["kind"] == "base"]
    bl = base.iloc[bp["ref"].to_numpy()].reset_index(drop=True)
    bl["quantity"] = bp["quantity"].to_numpy()
    bl["need"] = bp["need"].to_numpy()
    bl = bl.rename(columns={"month": "arrive_month"})
    bl = bl.groupby(["origin", "donor", "item", "arrive_month", "need"], as_index=False, sort=False)["quantity"].sum()
    return dl, bl[BASELINE_COLUMNS]


def coverage_table(d: PlanInputs, deliveries: pd.DataFrame, baseline: pd.DataFrame) -> pd.DataFrame:
    """Per need and month: required, covered, short and units ``held`` (in service, or a flow need's stock).

    Hold needs: rows for every month; ``required`` is the quantity from the due month on, 0 before.
    Flow needs: rows for the months of the window; the inventory carries over.
    """
    T = d.scenario.horizon
    nd = d.needs.reset_index(drop=True)
    arr = pd.concat([deliveries[["need", "item", "arrive_month", "quantity"]],
                     baseline[["need", "item", "arrive_month", "quantity"]]])
    arr = arr.merge(d.accepts, on=["need", "item"])
    arr["units"] = arr["quantity"] * arr["factor"]
    pos = pd.Series(np.arange(len(nd)), index=nd["id"])
    inflow = np.zeros((len(nd), T))
    np.add.at(inflow, (map_values(arr["need"], pos).to_numpy(dtype=np.int64),
                       arr["arrive_month"].to_numpy(dtype=np.int64)), arr["units"].to_numpy(dtype=float))
    months = np.arange(T)
    hold = (nd["kind"] == "hold").to_numpy()
    Q = nd["Q"].to_numpy(dtype=float)
    held = np.cumsum(inflow, axis=1)
    due = nd["due"].to_numpy()[:, None]
    req_h = np.where(months[None, :] >= due, Q[:, None], 0.0)
    cov_h = np.minimum(held, req_h)
    # Flow: consume up to r from what has arrived, month by month (T steps over all needs at once).
    r = nd["r"].to_numpy(dtype=float)
    active = (months[None, :] >= nd["from"].to_numpy()[:, None]) & (months[None, :] <= nd["to"].to_numpy()[:, None])
    req_f = np.where(active, r[:, None], 0.0)
    inv = np.zeros(len(nd))
    cov_f = np.zeros((len(nd), T))
    stock_f = np.zeros((len(nd), T))
    for t in range(T):
        avail = inv + inflow[:, t]
        cov_f[:, t] = np.minimum(avail, req_f[:, t])
        inv = avail - cov_f[:, t]
        stock_f[:, t] = inv
    required = np.where(hold[:, None], req_h, req_f)
    covered = np.where(hold[:, None], cov_h, cov_f)
    in_hand = np.where(hold[:, None], held, stock_f)
    show = np.where(hold[:, None], True, active)
    ii, tt = np.nonzero(show)
    out = pd.DataFrame({"need": nd["id"].to_numpy()[ii], "month": tt, "required": required[ii, tt],
                        "covered": covered[ii, tt], "short": np.maximum(required[ii, tt] - covered[ii, tt], 0.0),
                        "held": in_hand[ii, tt]})
    out["short"] = out["short"].where(out["short"] > 1e-9, 0.0)
    return out


def burden_table(d: PlanInputs, deliveries: pd.DataFrame) -> pd.DataFrame:
    """Value each donor delivers (pooled funds split by contribution), its share, GDP share and % of GDP."""
    donors = d.scenario.donors[["code", "gdp_eur_bn"]].rename(columns={"code": "donor"})
    stock = deliveries[deliveries["source"] == "stock"].groupby("donor")["value_eur"].sum()
    bought = deliveries[deliveries["fund"] != ""].groupby("fund")["value_eur"].sum().rename("spent").reset_index()
    paid = bought.merge(d.fund_members[["fund", "donor", "weight"]], on="fund")
    paid = (paid["spent"] * paid["weight"]).groupby(paid["donor"]).sum()
    value = map_values(donors["donor"], stock).fillna(0.0) + map_values(donors["donor"], paid).fillna(0.0)
    total = value.sum()
    gdp = donors["gdp_eur_bn"].astype(float)
    out = pd.DataFrame({
        "donor": donors["donor"],
        "value_eur": value,
        "share": value / total if total > 0 else 0.0,
        "gdp_share": gdp / gdp.sum() if gdp.sum() > 0 else 0.0,
        "pct_gdp": np.where(gdp > 0, 100.0 * value / (gdp * 1e9), 0.0),
    })
    return out.sort_values("value_eur", ascending=False).reset_index(drop=True)


def is_whole(m: Model, x: np.ndarray) -> bool:
    """Whether the solution ``x`` ships and allocates whole units only (then the tables are exactly the model's
    solution)."""
    cols = np.concatenate([m.vars[f]["col"].to_numpy() for f in ("stock", "buy", "alloc")])
    return bool(np.all(np.abs(x[cols] - np.round(x[cols])) <= 1e-6))


def whole_solution(m: Model, d: PlanInputs, x: np.ndarray) -> np.ndarray:
    """A whole-unit solution near ``x``: its shipments and allocations are those of the tables rounding ``x``
    gives (every unit matched to a need that has room for it), and a new platform type is taken exactly when
    the platform is shipped. The remaining (continuous) columns are left as in ``x``, for the solver to redo."""
    units = _deliveries(m, d, x)
    dl, bl = _assign(m, d, x, units, exact=False)
    out = x.copy()
    for fam in ("stock", "buy", "alloc", "new"):
        out[m.vars[fam]["col"].to_numpy()] = 0.0
    np.add.at(out, dl["col"].to_numpy(dtype=np.int64), dl["quantity"].to_numpy(dtype=float))
    used = pd.concat([dl[["need", "item", "arrive_month", "quantity"]], bl[["need", "item", "arrive_month",
                                                                           "quantity"]]])
    used = used.groupby(["need", "item", "arrive_month"], as_index=False)["quantity"].sum().rename(
        columns={"arrive_month": "month"})
    a = m.vars["alloc"]
    hit = used.merge(a[["need", "item", "month", "col"]], on=["need", "item", "month"])
    np.add.at(out, hit["col"].to_numpy(dtype=np.int64), hit["quantity"].to_numpy(dtype=float))
    new = m.vars["new"]
    out[new["col"].to_numpy()] = new["platform"].isin(set(dl["item"])).to_numpy(dtype=float)
    return out


def assign_results(m: Model, d: PlanInputs, x: np.ndarray) -> dict[str, pd.DataFrame]:
    """Deliveries, baseline use, coverage and burden (months as offsets) from the solution vector ``x``."""
    # A solver's whole numbers are whole within its integrality tolerance (2.9999999): snap them, or rounding down
    # below would lose a unit the model counted.
    _, _, integral, _, _ = m.bounds()
    near = integral & (np.abs(x - np.round(x)) <= 1e-6)
    x = np.where(near, np.round(x), x)
    units = _deliveries(m, d, x)
    deliveries, baseline = _assign(m, d, x, units, exact=is_whole(m, x))
    deliveries = deliveries[DELIVERY_COLUMNS]
    coverage = coverage_table(d, deliveries, baseline)
    return {"deliveries": deliveries, "baseline": baseline, "coverage": coverage,
            "burden": burden_table(d, deliveries)}
