"""The planner's whole-unit step and round-up filter for the re-planning model, in numpy.

:func:`allyplan.planner.results.whole_solution` and :func:`allyplan.planner.rounding.make_up_filter` work on
the tables of one plan (pandas); a sweep calls them once per draw, where they take most of a re-plan's time.
:class:`WholeMaker` does the same on arrays prepared once per model, in the same order and with the same ties,
so that a re-plan follows the same steps as :func:`allyplan.planner.plan` (a test compares both on many draws):

1. shipments: each stock's (and each line and fund's) cumulative shipments rounded down month by month, a
   line's months cut to its whole capacity;
2. allocations: each (need, item)'s cumulative allocation rounded down, the whole units left over given one at a
   time to the largest fractions (highest priority first), then to any need with room;
3. units matched to allocations first in, first out per item; a unit arriving after a flow need ends, or before
   the platform it requires is in service, is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from allyplan.planner.rounding import UpFilter

__all__ = ["WholeMaker", "DrawArrays"]


@dataclass
class DrawArrays:
    """A draw's numbers the whole-unit step reads: per stock what it may release, per (line, month) capacity,
    per need its quantity, and the baseline (item index, month, quantity)."""

    releasable: np.ndarray
    cap: np.ndarray
    Q: np.ndarray
    base_item: np.ndarray
    base_month: np.ndarray
    base_q: np.ndarray


def _group_starts(gid_sorted: np.ndarray) -> np.ndarray:
    first = np.ones(len(gid_sorted), dtype=bool)
    first[1:] = gid_sorted[1:] != gid_sorted[:-1]
    return first


def _whole_cum(v: np.ndarray, order: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Whole units per row: each group's cumulative total (in ``order``) rounded down, differenced."""
    vo = v[order]
    grp = np.cumsum(first) - 1
    cum = np.zeros(len(vo))
    if len(vo):
        # cumulative sums restarted at each group
        cs = np.cumsum(vo)
        start = (cs - vo)[first]
        cum = cs - start[grp]
    whole = np.floor(cum + 1e-6)
    prev = np.r_[0.0, whole[:-1]] if len(whole) else whole
    out = np.empty_like(v)
    out[order] = whole - np.where(first, 0.0, prev)
    return np.maximum(out, 0.0)


class WholeMaker:
    """Prepared once per model: columns' keys as integer arrays (items and needs ranked as their names sort)."""

    def __init__(self, *, T: int, n_items: int, need_rank: np.ndarray, need_prio: np.ndarray, need_flow: np.ndarray,
                 need_to: np.ndarray, item_requires: np.ndarray, operated: np.ndarray,
                 sv_col: np.ndarray, sv_k: np.ndarray, sv_month: np.ndarray, sv_item: np.ndarray, sv_arrive: np.ndarray,
                 bv_col: np.ndarray, bv_group: np.ndarray, bv_lm: np.ndarray, bv_line: np.ndarray,
                 bv_month: np.ndarray, bv_item: np.ndarray, bv_arrive: np.ndarray, bv_fund: np.ndarray,
                 unit_cost: np.ndarray, fund_amount: np.ndarray,
                 av_col: np.ndarray, av_need: np.ndarray, av_item: np.ndarray, av_month: np.ndarray,
                 av_factor: np.ndarray, acc_need: np.ndarray, acc_item: np.ndarray, acc_factor: np.ndarray,
                 new_col: np.ndarray, new_item: np.ndarray, n_stocks: int) -> None:
        self.T, self.n_items = T, n_items
        self.need_rank, self.need_prio, self.need_flow, self.need_to = need_rank, need_prio, need_flow, need_to
        self.item_requires, self.operated = item_requires, operated
        self.sv_col, self.sv_k, self.sv_item, self.sv_arrive = sv_col, sv_k, sv_item, sv_arrive
        self.s_order = np.lexsort((sv_month, sv_k))
        self.s_first = _group_starts(sv_k[self.s_order])
        self.bv_col, self.bv_line, self.bv_month, self.bv_item = bv_col, bv_line, bv_month, bv_item
        self.bv_arrive, self.bv_lm, self.bv_fund = bv_arrive, bv_lm, bv_fund
        self.b_order = np.lexsort((bv_month, bv_group))
        self.b_first = _group_starts(bv_group[self.b_order])
        self.lm_order = np.argsort(bv_lm, kind="stable")
        self.lm_first = _group_starts(bv_lm[self.lm_order])
        self.unit_cost, self.fund_amount = unit_cost, fund_amount
        self.av_col, self.av_need, self.av_item, self.av_month, self.av_factor = (av_col, av_need, av_item, av_month,
                                                                                  av_factor)
        n_needs = len(need_rank)
        self.n_needs = n_needs
        # (need, item) pairs, in the order a groupby on the names sorts them
        self.av_pair = need_rank[av_need] * n_items + av_item
        self.a_col_of = np.full((n_needs, n_items, T + 1), -1, dtype=np.int64)
        self.a_col_of[av_need, av_item, av_month] = av_col
        self.acc = pd.DataFrame({"need": acc_need, "item": acc_item, "factor": acc_factor,
                                 "priority": need_prio[acc_need]})
        self.acc_by_item: dict[int, list[tuple[int, float]]] = {}
        for n, i, f in zip(acc_need, acc_item, acc_factor, strict=True):
            self.acc_by_item.setdefault(int(i), []).append((int(n), float(f)))
        self.new_col, self.new_item = new_col, new_item
        self.n_stocks = n_stocks
        self.kind_of: dict[int, tuple[int, int, float]] = {}
        for j, c in enumerate(sv_col):
            self.kind_of[int(c)] = (0, j, 0.0)
        for j, c in enumerate(bv_col):
            self.kind_of[int(c)] = (1, j, float(unit_cost[j]))
        self.col_item = np.full(int(max([*sv_col, *bv_col, *av_col, -1])) + 1, -1, dtype=np.int64)
        self.col_item[sv_col] = sv_item
        self.col_item[bv_col] = bv_item
        self.col_arrive = np.full(len(self.col_item), -1, dtype=np.int64)
        self.col_arrive[sv_col] = sv_arrive
        self.col_arrive[bv_col] = bv_arrive

    # --- step 1 and 2 -------------------------------------------------------------------------------------------

    def shipments(self, x: np.ndarray, a: DrawArrays) -> tuple[np.ndarray, np.ndarray]:
        """Whole units of each stock and buy column."""
        qs = _whole_cum(x[self.sv_col], self.s_order, self.s_first)
        qb = _whole_cum(x[self.bv_col], self.b_order, self.b_first)
        capf = np.floor(a.cap[self.bv_line, self.bv_month] + 1e-6)
        over = np.bincount(self.bv_lm, weights=qb, minlength=int(self.bv_lm.max(initial=-1)) + 1)[self.bv_lm]
        excess = np.maximum(over - capf, 0.0)
        qo = qb[self.lm_order]
        grp = np.cumsum(self.lm_first) - 1
        cs = np.cumsum(qo)
        within = cs - (cs - qo)[self.lm_first][grp] if len(qo) else qo
        before = np.empty_like(qb)
        before[self.lm_order] = within - qo
        qb = qb - np.clip(excess - before, 0.0, qb)
        return qs, qb

    def whole(self, x: np.ndarray, a: DrawArrays) -> np.ndarray:
        """As :func:`allyplan.planner.results.whole_solution` on the same model and inputs."""
        T = self.T
        qs, qb = self.shipments(x, a)
        ks, kb = qs > 0, qb > 0
        u_item = np.r_[self.sv_item[ks], self.bv_item[kb]]
        u_month = np.r_[self.sv_arrive[ks], self.bv_arrive[kb]]
        u_q = np.r_[qs[ks], qb[kb]].astype(np.int64)
        u_col = np.r_[self.sv_col[ks], self.bv_col[kb]]
        # allocations, rounded, with the leftovers topped up
        y_all = x[self.av_col]
        keep = y_all > 1e-7
        d_need, d_item, d_month = self.av_need[keep], self.av_item[keep], self.av_month[keep]
        d_factor, y = self.av_factor[keep], y_all[keep]
        d_pair = self.av_pair[keep]
        order = np.lexsort((d_month, d_pair))
        qty = _whole_cum(y, order, _group_starts(d_pair[order]))
        bq = np.floor(a.base_q + 1e-6).astype(np.int64)
        supply = np.bincount(u_item, weights=u_q, minlength=self.n_items) + np.bincount(
            a.base_item, weights=bq, minlength=self.n_items)
        has_supply = (np.bincount(u_item, minlength=self.n_items) + np.bincount(a.base_item, minlength=self.n_items)
                      ) > 0
        Q = a.Q
        pairs, inv = np.unique(d_pair, return_inverse=True)  # sorted as the names sort
        frac = np.bincount(inv, weights=y, minlength=len(pairs)) - np.bincount(inv, weights=qty, minlength=len(pairs))
        last_row = np.full(len(pairs), -1, dtype=np.int64)
        last_month = np.full(len(pairs), -1, dtype=np.int64)
        for j in range(len(d_pair)):
            p = inv[j]
            if d_month[j] > last_month[p]:
                last_month[p], last_row[p] = d_month[j], j
        fill = np.bincount(d_need, weights=qty * d_factor, minlength=self.n_needs)
        left = supply - np.bincount(d_item, weights=qty, minlength=self.n_items)
        pair_need = np.empty(len(pairs), dtype=np.int64)
        pair_need[inv] = d_need
        pair_item = pairs % self.n_items
        pair_factor = np.empty(len(pairs))
        pair_factor[inv[::-1]] = d_factor[::-1]  # the first row's factor
        cand = np.flatnonzero(frac > 1e-6)
        cand = cand[np.lexsort((-frac[cand], -self.need_prio[pair_need[cand]]))]
        for p in cand:
            n, i, f = int(pair_need[p]), int(pair_item[p]), float(pair_factor[p])
            if has_supply[i] and left[i] >= 1 and fill[n] + f <= float(Q[n]) + 1e-9:
                qty[last_row[p]] += 1
                left[i] -= 1
                fill[n] += f
        e_need: list[int] = []
        e_item: list[int] = []
        e_q: list[int] = []
        e_factor: list[float] = []
        spare = [i for i in range(self.n_items) if has_supply[i] and left[i] >= 1]
        if spare:
            acc = self.acc[self.acc["item"].isin(spare)]
            for n, i, f in acc.sort_values("priority", ascending=False)[["need", "item", "factor"]].itertuples(
                    index=False):
                room = float(Q[n]) - fill[n]
                k = int(min(left[i], np.floor(room / f + 1e-9)))
                if k >= 1:
                    e_need.append(int(n))
                    e_item.append(int(i))
                    e_q.append(k)
                    e_factor.append(float(f))
                    left[i] -= k
                    fill[n] += k * f
        dn = np.r_[d_need, np.array(e_need, dtype=np.int64)]
        di = np.r_[d_item, np.array(e_item, dtype=np.int64)]
        dm = np.r_[d_month, np.full(len(e_need), T, dtype=np.int64)]
        dq = np.r_[qty, np.array(e_q, dtype=float)].astype(np.int64)
        pos = dq > 0
        dn, di, dm, dq = dn[pos], di[pos], dm[pos], dq[pos]
        dorder = np.lexsort((self.need_rank[dn], -self.need_prio[dn], dm, di))
        dn, di, dm, dq = dn[dorder], di[dorder], dm[dorder], dq[dorder]
        # supply: plan units before the baseline in each (item, month)
        s_item = np.r_[u_item, a.base_item]
        s_month = np.r_[u_month, a.base_month]
        s_q = np.r_[u_q, bq]
        s_plan = np.r_[np.ones(len(u_q), dtype=bool), np.zeros(len(bq), dtype=bool)]
        s_ref = np.r_[np.arange(len(u_q)), np.arange(len(bq))]
        sp = s_q > 0
        s_item, s_month, s_q, s_plan, s_ref = s_item[sp], s_month[sp], s_q[sp], s_plan[sp], s_ref[sp]
        sorder = np.lexsort((~s_plan, s_month, s_item))
        s_item, s_month, s_q, s_plan, s_ref = (s_item[sorder], s_month[sorder], s_q[sorder], s_plan[sorder],
                                               s_ref[sorder])
        # first in, first out per item: supply and demand intervals laid end to end, groups ``big`` apart
        big = int(max(s_q.sum(initial=0), dq.sum(initial=0))) + 1
        s1 = np.zeros(len(s_q), dtype=np.int64)
        d1 = np.zeros(len(dq), dtype=np.int64)
        for arr, q, it in ((s1, s_q, s_item), (d1, dq, di)):
            if len(q):
                cs = np.cumsum(q)
                first = _group_starts(it)
                grp = np.cumsum(first) - 1
                arr[:] = cs - (cs - q)[first][grp] + it * big
        s0, d0 = s1 - s_q, d1 - dq
        points = np.unique(np.r_[s0, s1, d0, d1])
        lo, hi = points[:-1], points[1:]
        si = np.minimum(np.searchsorted(s1, hi, side="left"), max(len(s1) - 1, 0))
        if not len(s1):
            return self._result(x, u_col, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64),
                                np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool),
                                np.zeros(0, dtype=np.int64), u_item)
        in_s = (s0[si] <= lo) & (hi <= s1[si])
        lo, hi, si = lo[in_s], hi[in_s], si[in_s]
        did = np.full(len(hi), -1, dtype=np.int64)
        if len(d1):
            di_ = np.minimum(np.searchsorted(d1, hi, side="left"), len(d1) - 1)
            in_d = (d0[di_] <= lo) & (hi <= d1[di_])
            did[in_d] = di_[in_d]
        q = hi - lo
        ok = did >= 0
        si, did, q = si[ok], did[ok], q[ok]
        p_need, p_item, p_month = dn[did], s_item[si], s_month[si]
        late = self.need_flow[p_need] & (p_month > self.need_to[p_need])
        si, did, q, p_need, p_item, p_month = si[~late], did[~late], q[~late], p_need[~late], p_item[~late], \
            p_month[~late]
        req = self.item_requires[p_item]
        base_first = np.full(self.n_items, np.iinfo(np.int64).max, dtype=np.int64)
        whole_base = a.base_q >= 1
        np.minimum.at(base_first, a.base_item[whole_base], a.base_month[whole_base])
        while True:  # rule 7: an item serves once the platform it requires is in service
            plan_p = s_plan[si] & (q >= 1)
            first = base_first.copy()
            np.minimum.at(first, p_item[plan_p], p_month[plan_p])
            first[self.operated] = 0
            svc = np.where(req >= 0, first[np.maximum(req, 0)], 0)
            unusable = (req >= 0) & (p_month < svc)
            if not unusable.any():
                break
            k = ~unusable
            si, did, q, p_need, p_item, p_month, req = si[k], did[k], q[k], p_need[k], p_item[k], p_month[k], req[k]
        return self._result(x, u_col, si, s_ref, q, p_need, s_plan, p_month, u_item, p_item)

    def _result(self, x: np.ndarray, u_col: np.ndarray, si: np.ndarray, s_ref: np.ndarray, q: np.ndarray,
                p_need: np.ndarray, s_plan: np.ndarray, p_month: np.ndarray, u_item: np.ndarray,
                p_item: np.ndarray | None = None) -> np.ndarray:
        out = x.copy()
        out[self.sv_col] = 0.0
        out[self.bv_col] = 0.0
        out[self.av_col] = 0.0
        out[self.new_col] = 0.0
        if p_item is None or not len(si):
            return out
        is_plan = s_plan[si]
        cols = u_col[s_ref[si][is_plan]]
        np.add.at(out, cols, q[is_plan].astype(float))
        ac = self.a_col_of[p_need, p_item, p_month]
        hit = ac >= 0
        np.add.at(out, ac[hit], q[hit].astype(float))
        shipped = np.zeros(self.n_items, dtype=bool)
        shipped[p_item[is_plan & (q > 0)]] = True
        out[self.new_col] = shipped[self.new_item].astype(float)
        return out

    # --- the round-up filter ------------------------------------------------------------------------------------

    def up_filter(self, a: DrawArrays) -> UpFilter:
        """As :func:`allyplan.planner.rounding.make_up_filter` for the draw ``a``."""
        supply_cols = np.r_[self.sv_col, self.bv_col]
        n_lines, T = a.cap.shape

        def fits(x: np.ndarray, cand: np.ndarray, delta: np.ndarray) -> np.ndarray:
            x = x.copy()
            x[supply_cols] = np.floor(x[supply_cols] + 1e-6)
            x[self.av_col] = np.floor(x[self.av_col] + 1e-6)
            delta = np.ceil(x[cand] + delta - 1e-6) - x[cand]
            stock_slack = a.releasable - np.bincount(self.sv_k, weights=x[self.sv_col], minlength=self.n_stocks)
            made = np.zeros((n_lines, T))
            np.add.at(made, (self.bv_line, self.bv_month), x[self.bv_col])
            line_slack = a.cap - made
            fund_slack = self.fund_amount - np.bincount(self.bv_fund, weights=x[self.bv_col] * self.unit_cost,
                                                        minlength=len(self.fund_amount))
            room = a.Q - np.bincount(self.av_need, weights=x[self.av_col] * self.av_factor, minlength=self.n_needs)
            ok = np.zeros(len(cand), dtype=bool)
            for j in np.argsort(-delta, kind="stable"):
                c, dq = int(cand[j]), float(delta[j])
                kind, pos, cost = self.kind_of[c]
                if kind == 0:
                    k = int(self.sv_k[pos])
                    if stock_slack[k] < dq - 1e-9:
                        continue
                else:
                    ln, mo, fu = int(self.bv_line[pos]), int(self.bv_month[pos]), int(self.bv_fund[pos])
                    if line_slack[ln, mo] < dq - 1e-9 or fund_slack[fu] < dq * cost - 1e-6:
                        continue
                item, arrive = int(self.col_item[c]), int(self.col_arrive[c])
                best, best_room, best_factor = -1, 0.0, 1.0
                for need, factor in self.acc_by_item.get(item, ()):
                    if self.need_flow[need] and arrive > self.need_to[need]:
                        continue
                    r = room[need] / factor
                    if r > best_room:
                        best, best_room, best_factor = need, r, factor
                if best < 0 or best_room < dq - 1e-9:
                    continue
                ok[j] = True
                room[best] -= dq * best_factor
                if kind == 0:
                    stock_slack[k] -= dq
                else:
                    line_slack[ln, mo] -= dq
                    fund_slack[fu] -= dq * cost
            return ok

        return fits
