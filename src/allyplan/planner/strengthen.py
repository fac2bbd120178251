"""A stronger formulation of hold needs whose items' equivalence factors do not add up to the need.

A hold need for ``Q`` system equivalents is filled by whole units, each counting its item's factor, and never
beyond ``Q`` (rule 6). With factors that do not divide ``Q`` the most any plan can hold is less than ``Q``: a need
for 1 that accepts only an item counting 0.6 holds at most 0.6 (two units would be 1.2), one for 2 accepting
factors 1.4 and 1.3 at most 1.4. The LP relaxation fills such a need exactly with fractions of units (1.67 units
of 0.6), so its bound is far below any whole-unit plan, and rounding its solution loses the need altogether.

:func:`tighten_hold_levels` caps each hold need's level (units in service) at the largest sum of whole units'
factors that does not exceed ``Q``: every whole-unit plan satisfies it, so no plan is cut off, and the LP
relaxation can no longer promise what whole units cannot deliver. The other functions add rows of the same
kind (each valid for every whole-unit plan); :func:`strengthen` applies them all and is part of ``build_model``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from allyplan.planner.inputs import PlanInputs, map_values
from allyplan.planner.model import Model

__all__ = ["achievable", "tighten_hold_levels", "add_item_caps", "add_new_platform_caps", "add_cover_caps",
           "add_pattern_hulls", "add_platform_link_caps", "add_fund_line_caps", "item_supply", "maximal_patterns",
           "strengthen"]

#: Needs whose sums would take more than this many distinct values are left as they are (no tightening).
MAX_SUMS = 20_000


def achievable(q: float, factors: list[float], digits: int = 9) -> float:
    """The largest sum of whole multiples of ``factors`` that is at most ``q`` (``q`` itself when the sums
    become too many to enumerate, which is then always a safe answer).

    >>> achievable(1.0, [0.6])
    0.6
    >>> achievable(2.0, [1.4, 1.3])
    1.4
    >>> achievable(2.0, [1.4, 1.0])
    2.0
    """
    fs = sorted({round(f, digits) for f in factors if f > 0 and f <= q + 1e-9})
    if not fs:
        return 0.0
    tol = 1e-9 * max(1.0, q)
    if any(abs(q / f - round(q / f)) <= tol for f in fs):
        return q
    sums = {0.0}
    frontier = [0.0]
    while frontier:
        nxt = []
        for s in frontier:
            for f in fs:
                t = round(s + f, digits)
                if t <= q + tol and t not in sums:
                    sums.add(t)
                    nxt.append(t)
        if len(sums) > MAX_SUMS:
            return q
        frontier = nxt
    best = max(sums)
    return q if best >= q - tol else best


def tighten_hold_levels(m: Model, d: PlanInputs) -> int:
    """Cap the ``level`` columns of hold needs at what whole units can hold (see the module's docstring), in
    place. Returns how many needs were tightened."""
    if "level" not in m.vars or "alloc" not in m.vars:
        return 0
    a = m.vars["alloc"]
    nd = d.needs.set_index("id")
    hold = nd.index[nd["kind"] == "hold"]
    factors = a[a["need"].isin(hold)].groupby("need")["factor"].unique()
    cap = pd.Series({n: achievable(float(nd.at[n, "Q"]), [float(f) for f in fs]) for n, fs in factors.items()},
                    dtype=float)
    # A hold need no item can serve holds nothing; its level is 0 anyway (no alloc columns).
    lower = cap[cap < nd.loc[cap.index, "Q"] - 1e-9]
    if lower.empty:
        return 0
    lv = m.vars["level"]
    fam = list(m.vars).index("level")
    hit = lv["need"].isin(lower.index).to_numpy()
    ub = m.ub[fam]
    ub[hit] = np.minimum(ub[hit], map_values(lv.loc[hit, "need"], lower).to_numpy(dtype=float))
    return len(lower)


def add_item_caps(m: Model, d: PlanInputs, most: float = 1000.0) -> int:
    """Add, for each (need, item) whose factor does not divide the need, the row "units of the item given to
    the need over all months <= floor(Q / factor)" (a Chvatal-Gomory cut of the need's cap ``sum factor x units
    <= Q``; each month's column already has that upper bound, but not their sum). Only where ``Q / factor`` is
    below ``most`` (above, the cut removes a negligible share). Returns how many rows were added."""
    if "alloc" not in m.vars:
        return 0
    a = m.vars["alloc"]
    q = map_values(a["need"], d.needs.set_index("id")["Q"]).to_numpy(dtype=float)
    ratio = q / a["factor"].to_numpy(dtype=float)
    cap = np.floor(ratio + 1e-9)
    cut = (ratio - cap > 1e-9) & (ratio < most)
    sel = a[cut]
    if sel.empty:
        return 0
    groups = sel[["need", "item"]].drop_duplicates().reset_index(drop=True)
    r = sel.groupby(["need", "item"], sort=False).ngroup().to_numpy()
    first = pd.Series(cap[cut]).groupby(r).first().to_numpy()
    m.add_constraints("alloc_item_cap", groups, r, sel["col"].to_numpy(), np.ones(len(sel)), -np.inf, first)
    return len(groups)


def add_new_platform_caps(m: Model, d: PlanInputs) -> int:
    """Add, for each new platform type, "units of it shipped <= U x new" with U the most whole units its needs
    can take (the sum over needs of floor(Q / factor)); the model's own row rounds the sum of the fractions up
    instead, which lets the LP relaxation pay for a fraction of the new type; U is at most the units of it any
    plan can have (:func:`item_supply`). And, for each need it may serve, "units given to the need <= the most
    that need can take x new". Returns how many rows were added."""
    new = m.vars.get("new")
    if new is None or new.empty:
        return 0
    a = m.vars["alloc"]
    pa = a[a["item"].isin(set(new["platform"]))].drop_duplicates(["need", "item"])
    q = map_values(pa["need"], d.needs.set_index("id")["Q"]).to_numpy(dtype=float)
    per_need = np.floor(q / pa["factor"].to_numpy(dtype=float) + 1e-9)
    supply = item_supply(m, d)
    avail = map_values(pa["item"], supply).fillna(0.0).to_numpy(dtype=float)
    most = pd.Series(per_need).groupby(pa["item"].to_numpy()).sum()
    u = np.maximum(np.minimum(map_values(new["platform"], most).fillna(0.0).to_numpy(dtype=float),
                              map_values(new["platform"], supply).fillna(0.0).to_numpy(dtype=float)), 1.0)
    pos = pd.Series(np.arange(len(new)), index=new["platform"].to_numpy())
    sup = pd.concat([m.vars[f][["item", "col"]] for f in ("stock", "buy") if f in m.vars])
    sup = sup[sup["item"].isin(pos.index)]
    m.add_constraints("new_platform_cap", new[["platform"]], np.r_[map_values(sup["item"], pos).to_numpy(),
                                                                   np.arange(len(new))],
                      np.r_[sup["col"].to_numpy(), new["col"].to_numpy()], np.r_[np.ones(len(sup)), -u],
                      -np.inf, 0.0)
    # Per need: "units of the platform given to the need <= min(floor(Q / factor), units that exist) x new"
    # (every unit of a new type is shipped by the plan: none is held or pledged).
    al = a[a["item"].isin(set(new["platform"]))]
    pair = al.groupby(["need", "item"], sort=False).ngroup().to_numpy()
    keys = al[["need", "item"]].drop_duplicates().reset_index(drop=True)
    cap = pd.Series(np.maximum(np.minimum(per_need, avail), 1.0), index=pd.MultiIndex.from_frame(
        pa[["need", "item"]])).reindex(pd.MultiIndex.from_frame(keys)).to_numpy(dtype=float)
    newcol = map_values(keys["item"], pd.Series(new["col"].to_numpy(), index=new["platform"].to_numpy()))
    m.add_constraints("new_platform_need_cap", keys, np.r_[pair, np.arange(len(keys))],
                      np.r_[al["col"].to_numpy(), newcol.to_numpy(dtype=np.int64)],
                      np.r_[np.ones(len(al)), -cap], -np.inf, 0.0)
    return len(new) + len(keys)


def add_platform_link_caps(m: Model, d: PlanInputs) -> int:
    """Add, for each item that requires a platform the recipient does not operate yet and each month it can
    arrive, "units of it given to needs that month <= M x units of the platform in service" with M the most
    units of it that can arrive that month (what arrives from holdings and pledges, every stock's releasable
    units, every line's capacity) or its needs can take, whichever is less. The model's own row has one M for
    all such items together (the needs' total), which lets the LP relaxation bring 3 interceptors with 2% of a
    launcher. Returns how many rows were added."""
    cum = m.vars.get("cum")
    if cum is None or cum.empty:
        return 0
    a = m.vars["alloc"]
    req = map_values(a["item"], d.items["requires"]).fillna("")
    # In a whole-unit plan a platform in service counts at least 1 (a part of a unit held is not in service, but
    # would count here: such platforms keep the model's row only).
    base = d.baseline[d.baseline["item"].isin(set(cum["platform"]))]
    whole = set(cum["platform"]) - set(base.loc[(base["quantity"] % 1).abs() > 1e-9, "item"])
    ta = a[req.isin(whole).to_numpy()].assign(platform=req[req.isin(whole)])
    if ta.empty:
        return 0
    ub = m.ub_array()
    ta = ta.assign(ub=ub[ta["col"].to_numpy()])
    keys = ta[["item", "month", "platform"]].drop_duplicates().reset_index(drop=True)
    r = ta.groupby(["item", "month"], sort=False).ngroup().to_numpy()
    need_most = ta.groupby(["item", "month"], sort=False)["ub"].sum().to_numpy()
    arrive = [d.baseline.groupby(["item", "month"])["quantity"].sum().pipe(np.floor)]
    st = m.vars.get("stock")
    if st is not None and len(st):
        arrive.append(pd.Series(ub[st["col"].to_numpy()], index=pd.MultiIndex.from_arrays(
            [st["item"].to_numpy(), st["arrive"].to_numpy()])).groupby(level=[0, 1]).sum())
    bu = m.vars.get("buy")
    if bu is not None and len(bu):
        lm = bu.drop_duplicates(["line", "month"])
        per = d.capacity.set_index(["line", "month"])["capacity"].reindex(
            pd.MultiIndex.from_frame(lm[["line", "month"]])).to_numpy(dtype=float)
        arrive.append(pd.Series(np.floor(per + 1e-9), index=pd.MultiIndex.from_arrays(
            [lm["item"].to_numpy(), lm["arrive"].to_numpy()])).groupby(level=[0, 1]).sum())
    came = pd.concat(arrive).groupby(level=[0, 1]).sum()
    can = came.reindex(pd.MultiIndex.from_frame(keys[["item", "month"]])).fillna(0.0).to_numpy(dtype=float)
    big = np.maximum(np.minimum(need_most, can), 1.0)
    cum_col = pd.Series(cum["col"].to_numpy(), index=pd.MultiIndex.from_frame(cum[["platform", "month"]])).reindex(
        pd.MultiIndex.from_frame(keys[["platform", "month"]])).to_numpy()
    m.add_constraints("platform_link_item", keys[["item", "month"]], np.r_[r, np.arange(len(keys))],
                      np.r_[ta["col"].to_numpy(), cum_col.astype(np.int64)], np.r_[np.ones(len(ta)), -big],
                      -np.inf, 0.0)
    # Over the whole horizon: units of the item given to needs <= (the units of it that exist, or its needs'
    # total, whichever is less) x units of the platform in service at the end (the month rows above let half a
    # launcher bring that many in each month).
    T = d.scenario.horizon
    items_ = keys[["item", "platform"]].drop_duplicates().reset_index(drop=True)
    ri = ta.groupby("item", sort=False).ngroup().to_numpy()
    tot = np.minimum(ta.groupby("item", sort=False)["ub"].sum().to_numpy(),
                     map_values(items_["item"], item_supply(m, d)).fillna(0.0).to_numpy(dtype=float))
    end_col = pd.Series(cum["col"].to_numpy(), index=pd.MultiIndex.from_frame(cum[["platform", "month"]])).reindex(
        pd.MultiIndex.from_arrays([items_["platform"].to_numpy(), np.full(len(items_), T - 1)])).to_numpy()
    m.add_constraints("platform_link_total", items_[["item"]], np.r_[ri, np.arange(len(items_))],
                      np.r_[ta["col"].to_numpy(), end_col.astype(np.int64)],
                      np.r_[np.ones(len(ta)), -np.maximum(tot, 1.0)], -np.inf, 0.0)
    return len(keys) + len(items_)


def add_fund_line_caps(m: Model, d: PlanInputs) -> int:
    """Add, for each fund and line it may buy from whose units its whole amount cannot pay many times over,
    "units of the line the fund buys, over all months <= floor(amount / unit cost)" (a Chvatal-Gomory cut of the
    fund's row: the LP relaxation buys 0.23 of a system with money left over). Only where the floor is below
    the line's own capacity over those months. Returns how many rows were added."""
    bu = m.vars.get("buy")
    if bu is None or bu.empty:
        return 0
    amount = d.arcs.drop_duplicates("fund").set_index("fund")["amount_eur"].astype(float)
    cost = d.arcs.drop_duplicates("line").set_index("line")["unit_cost_eur"].astype(float)
    keys = bu[["fund", "line"]].drop_duplicates().reset_index(drop=True)
    a_ = map_values(keys["fund"], amount).to_numpy(dtype=float)
    c_ = map_values(keys["line"], cost).to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        most = np.where(c_ > 0, np.floor(a_ / np.where(c_ > 0, c_, 1.0) * (1 + 1e-12)), np.inf)
    r = bu.groupby(["fund", "line"], sort=False).ngroup().to_numpy()
    room = pd.Series(m.ub_array()[bu["col"].to_numpy()]).groupby(r).sum().to_numpy()
    keep = most < room
    if not keep.any():
        return 0
    renum = np.cumsum(keep) - 1
    sel = keep[r]
    m.add_constraints("fund_line_cap", keys[keep], renum[r[sel]], bu["col"].to_numpy()[sel], np.ones(int(sel.sum())),
                      -np.inf, most[keep])
    return int(keep.sum())


def add_cover_caps(m: Model, d: PlanInputs, most: int = 8) -> int:
    """Add, for each hold need and k = 1..``most``, the row "units of the items counting more than Q / (k + 1)
    given to the need, over all items and months, <= k": any k + 1 of them would hold more than Q (rule 6).
    The need's own cap only says their factors add up to at most Q, which the LP relaxation meets with
    fractions of units of two items (a need for 2 filled with 1 unit counting 1.4 and 0.46 of one counting
    1.3, where whole units hold 1.4 at most). A row is added only where it is not implied by the need's cap or
    by the row for k - 1. Returns how many rows were added."""
    if "alloc" not in m.vars:
        return 0
    a = m.vars["alloc"]
    nd = d.needs.set_index("id")
    a = a[a["need"].map(nd["kind"]).to_numpy() == "hold"]
    q = map_values(a["need"], nd["Q"]).to_numpy(dtype=float)
    f = a["factor"].to_numpy(dtype=float)
    frames, rows, cols, caps = [], [], [], []
    n_rows = 0
    prev_size = pd.Series(0, index=pd.Index(a["need"].unique()))
    for k in range(1, most + 1):
        inside = f > q / (k + 1) + 1e-9
        sel = a[inside]
        if sel.empty:
            continue
        g = sel.groupby("need")
        size = g["col"].size()
        implied = (map_values(sel["need"], nd["Q"]) / sel["factor"]).groupby(sel["need"]).max() <= k + 1e-9
        grew = size > prev_size.reindex(size.index, fill_value=0)
        keep = size.index[grew & ~implied]
        prev_size = size.reindex(prev_size.index, fill_value=0)
        sel = sel[sel["need"].isin(keep)]
        if sel.empty:
            continue
        pos = pd.Series(np.arange(len(keep)) + n_rows, index=keep)
        frames.append(pd.DataFrame({"need": keep, "k": k}))
        rows.append(map_values(sel["need"], pos).to_numpy())
        cols.append(sel["col"].to_numpy())
        caps.append(np.full(len(keep), float(k)))
        n_rows += len(keep)
    if not n_rows:
        return 0
    m.add_constraints("alloc_cover_cap", pd.concat(frames, ignore_index=True), np.concatenate(rows),
                      np.concatenate(cols), np.ones(sum(len(c) for c in cols)), -np.inf, np.concatenate(caps))
    return n_rows


def strengthen(m: Model, d: PlanInputs) -> dict[str, int]:
    """Every strengthening above, in place; what each did."""
    return {"hold_levels_capped": tighten_hold_levels(m, d), "item_caps": add_item_caps(m, d),
            "new_platform_caps": add_new_platform_caps(m, d), "platform_link_caps": add_platform_link_caps(m, d),
            "fund_line_caps": add_fund_line_caps(m, d), "cover_caps": add_cover_caps(m, d),
            "pattern_hulls": add_pattern_hulls(m, d)}


def item_supply(m: Model, d: PlanInputs) -> pd.Series:
    """The most whole units of each item any plan can have: what already arrives (holdings and counted pledges)
    plus what the plan can ship (every stock's releasable units, every line's capacity in each month a fund may
    buy from it)."""
    parts = [d.baseline.groupby("item")["quantity"].sum().pipe(np.floor)]
    st = m.vars.get("stock")
    if st is not None and len(st):
        k = st.drop_duplicates("k")
        parts.append(pd.Series(np.floor(d.stocks["releasable"].to_numpy()[k["k"].to_numpy()] + 1e-9),
                               index=k["item"].to_numpy()).groupby(level=0).sum())
    bu = m.vars.get("buy")
    if bu is not None and len(bu):
        lm = bu.drop_duplicates(["line", "month"])
        cap = d.capacity.set_index(["line", "month"])["capacity"]
        per = cap.reindex(pd.MultiIndex.from_frame(lm[["line", "month"]])).to_numpy(dtype=float)
        parts.append(pd.Series(np.floor(per + 1e-9), index=lm["item"].to_numpy()).groupby(level=0).sum())
    return pd.concat(parts).groupby(level=0).sum() if parts else pd.Series(dtype=float)


def maximal_patterns(q: float, fs: list[float], limit: int,
                     caps: list[float] | None = None) -> list[tuple[int, ...]] | None:
    """Every maximal multiset of whole units (counts per factor) whose factors add up to at most ``q``, each
    count at most its ``caps`` entry (the most units of that item any plan can have); None when there are more
    than ``limit``.

    >>> maximal_patterns(2.0, [1.2, 1.0], 10)
    [(1, 0), (0, 2)]
    >>> maximal_patterns(2.0, [1.2, 1.0], 10, caps=[1, 1])
    [(1, 0), (0, 1)]
    """
    tol = 1e-9 * max(1.0, q)
    n = len(fs)
    top = [float("inf")] * n if caps is None else [float(c) for c in caps]
    if n == 1:
        most = int(min(q / fs[0] + 1e-9, top[0]))
        if limit < 1:
            return None
        return [(most,)] if most * fs[0] + fs[0] > q + tol or most >= top[0] else []
    out: list[tuple[int, ...]] = []
    leaves = 0
    f_a, f_b, top_a, top_b = fs[-2], fs[-1], top[-2], top[-1]

    # A maximal filling has the last item at the most that fits; the others take every count, the second last as
    # a whole array at once (this ran 0.6 s of a 1.4 s model build at 1x as a recursion to every filling). There is
    # no filling to find once more than ``50 * limit`` were looked at or more than ``limit`` found.
    def walk(i: int, used: float, counts: list[int]) -> bool:
        nonlocal leaves
        if i < n - 2:
            for k in range(int(min((q - used) / fs[i] + 1e-9, top[i])), -1, -1):
                counts.append(k)
                ok = walk(i + 1, used + k * fs[i], counts)
                counts.pop()
                if not ok:
                    return False
            return True
        most = int(min((q - used) / f_a + 1e-9, top_a))
        leaves += most + 1
        if leaves > 50 * limit:
            return False
        ks = np.arange(most, -1, -1)
        used_a = used + ks * f_a
        kb = np.trunc(np.minimum((q - used_a) / f_b + 1e-9, top_b))
        used_b = used_a + kb * f_b
        full = ((used_b + f_a > q + tol) | (ks >= top_a)) & ((used_b + f_b > q + tol) | (kb >= top_b))
        for j, c in enumerate(counts):
            if c < top[j]:
                full &= used_b + fs[j] > q + tol
        if len(out) + int(full.sum()) > limit:
            return False
        out.extend((*counts, int(a), int(b)) for a, b in zip(ks[full].tolist(), kb[full].tolist(), strict=True))
        return True

    return out if walk(0, 0.0, []) else None


def add_pattern_hulls(m: Model, d: PlanInputs, limit: int = 200) -> int:
    """For needs served by two or more items, the convex hull of the whole-unit totals (an extended
    formulation): the units of each item over all months (a flow need's window) are at most a convex
    combination of the need's maximal whole-unit fillings (patterns), one ``pattern`` column each, their weights
    adding up to at most 1. A need for 2 that the LP fills with one unit counting 1.2 and 0.8 of one counting
    1.0 (1.2 + 1.0 over-fills it) then holds at most 2 units counting 1.0, or 1 counting 1.2. Only for needs
    with at most ``limit`` patterns.

    Patterns count at most the units of each item any plan can bring (:func:`item_supply`): a need for 10
    accepting an item counting 1.0 and one counting 1.1 of which 3 exist then holds 9.9 only as (10, 0) or
    (6, 3), not as a mix of (10, 0) and (0, 9), which let the LP keep a third of a unit back for another need.
    A flow need's consumption over its window is at most what its units hold, so the hull bounds its unmet
    consumption too (a need for 55 accepting units counting 1.3, and 1.0 of which few exist, leaves 0.4 short
    whatever the plan). Each ``pattern`` column carries its need's ``items`` and the pattern's ``counts`` (so
    that a whole-unit plan can find the pattern its totals lie under). Returns how many needs got it."""
    if "alloc" not in m.vars:
        return 0
    a = m.vars["alloc"]
    nd = d.needs.set_index("id")
    most = item_supply(m, d)
    rows_idx: list[dict[str, object]] = []
    r_list: list[np.ndarray] = []
    c_list: list[np.ndarray] = []
    v_list: list[np.ndarray] = []
    lam: list[dict[str, object]] = []
    lam_rows: list[tuple[int, int, float]] = []  # (row, pattern number, coefficient)
    q_of = nd["Q"].astype(float).to_dict()
    cap_of = most.to_dict()
    pairs_all = a[["need", "item", "factor"]].drop_duplicates(["need", "item"])
    many = pairs_all["need"].duplicated(keep=False).to_numpy()
    served: dict[str, list[tuple[str, float]]] = {}
    for need, item, f in zip(pairs_all["need"][many], pairs_all["item"][many],
                             pairs_all["factor"][many].to_numpy(dtype=float).tolist(), strict=True):
        served.setdefault(need, []).append((item, f))
    where = a.groupby(["need", "item"], sort=False).indices if served else {}
    all_cols = a["col"].to_numpy()
    for need, pairs in served.items():
        items_ = tuple(i for i, _ in pairs)
        pats = maximal_patterns(q_of[need], [f for _, f in pairs], limit,
                                caps=[float(cap_of.get(i, 0.0)) for i in items_])
        if pats is None:
            continue
        base = len(rows_idx)
        rows_idx.append({"need": need, "item": ""})
        first = len(lam)
        for p in pats:
            lam.append({"need": need, "pattern": len(lam) - first, "items": items_, "counts": p})
            lam_rows.append((base, len(lam) - 1, 1.0))
        for j, item in enumerate(items_):
            row = len(rows_idx)
            rows_idx.append({"need": need, "item": item})
            cols = all_cols[where[(need, item)]]
            r_list.append(np.full(len(cols), row))
            c_list.append(cols)
            v_list.append(np.ones(len(cols)))
            for k, p in enumerate(pats):
                if p[j]:
                    lam_rows.append((row, first + k, -float(p[j])))
    if not rows_idx:
        return 0
    fam = m.add_variables("pattern", pd.DataFrame(lam), ub=1.0)
    lr = np.array(lam_rows)
    rows = np.r_[np.concatenate(r_list), lr[:, 0].astype(np.int64)]
    cols = np.r_[np.concatenate(c_list), fam["col"].to_numpy()[lr[:, 1].astype(np.int64)]]
    vals = np.r_[np.concatenate(v_list), lr[:, 2]]
    idx = pd.DataFrame(rows_idx)
    upper = np.where(idx["item"] == "", 1.0, 0.0)
    m.add_constraints("pattern_hull", idx, rows, cols, vals, -np.inf, upper)
    return int((idx["item"] == "").sum())
