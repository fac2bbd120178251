"""Re-planning many variants of one scenario without building the model again (uncertainty sweeps).

A draw of an uncertainty sweep changes numbers, not the shape of the problem: a donor's delay, a line's late
start and capacity, a need's demand and a pledge that falls through or comes move only bounds, right-hand sides,
objective weights and two families of big-M coefficients, once the model is a *superset* of every draw's model:

- stock shipments are indexed by their arrival month: a donor ``delta`` months late ships the same arrival
  ``delta`` months earlier, so a shipment that would have to leave before the stock is available gets an upper
  bound of 0 (delays are at least 0 and at most the largest value the uncertainty file allows);
- production lines keep every month of their nominal run; a later start or a lower capacity lowers the bounds;
- allocations exist for every month any open pledge could land in (every delay), forced to 0 by their balance
  row where nothing arrives in a draw;
- stocks may release what they could with no committed pledge owed; a draw's owed pledges lower the bound;
- a "new platform" variable exists for every platform a draw could introduce; where the draw's pledges bring
  that platform anyway it costs nothing (the draw's own model has no such variable).

:class:`Replanner` builds that model once and, per draw, derives the draw's bounds in numpy and solves with
:func:`~allyplan.planner.solve.solve_model` (the same steps as :func:`~allyplan.planner.plan`: LP relaxation,
rounding dive, whole-unit plan, neighbourhood search, branch and bound). It returns only what a sweep needs:
the objective and each need's units in service and consumed per month, not the plan's tables and explanations.
A draw outside the superset (a negative delay, a delay beyond the file's range) is planned in full instead.
A test checks, for random draws, that the objective equals ``plan(apply_draw(...))``'s within the MIP gap.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from allyplan.planner.constraints import define_constraints
from allyplan.planner.inputs import PlanInputs, map_values, prepare
from allyplan.planner.model import INF, Model
from allyplan.planner.objective import define_objective
from allyplan.planner.resolve_whole import DrawArrays, WholeMaker
from allyplan.planner.results import whole_solution
from allyplan.planner.rounding import make_up_filter
from allyplan.planner.solve import SolveStatus, solve_model
from allyplan.planner.variables import (
    define_alloc_variables,
    define_burden_variables,
    define_buy_variables,
    define_need_variables,
    define_platform_variables,
    define_stock_variables,
)
from allyplan.scenario import Scenario

__all__ = ["DrawValues", "Replan", "Replanner"]


@dataclass(frozen=True)
class DrawValues:
    """One draw's factor values, aligned with the scenario's tables.

    - ``donor_delay``: months late, per donor code (donors not named are on time);
    - ``line_delay`` / ``line_capacity``: per row of ``scenario.production``;
    - ``need_demand``: factor per row of ``scenario.needs``;
    - ``pledge_comes``: per row of ``scenario.pledges``, whether it comes (delivered pledges always do).
    """

    donor_delay: dict[str, float]
    line_delay: np.ndarray
    line_capacity: np.ndarray
    need_demand: np.ndarray
    pledge_comes: np.ndarray


@dataclass
class Replan:
    """What a sweep keeps of one re-plan: per need (scenario order) and month, the units in service (``held``:
    a hold need's level, a flow need's stock) and consumed (``covered``, flow needs); the objective and status."""

    status: SolveStatus
    objective: float
    bound: float
    held: np.ndarray
    covered: np.ndarray
    fast: bool
    seconds: float
    #: the solution vector on the superset model (empty when the draw was planned in full)
    values: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0))


def _as_float(x: object) -> np.ndarray:
    return np.asarray(x, dtype=float)


def _positions(keys: pd.Series | np.ndarray, pos: pd.Series | dict[str, int]) -> np.ndarray:
    """The position of each key in ``pos`` (ids to positions; every key is there), as int64 whatever the keys'
    string type (:func:`~allyplan.planner.inputs.map_values`)."""
    return map_values(pd.Series(keys, dtype=object), pos).to_numpy(dtype=np.int64)


class Replanner:
    """Re-plans draws of one scenario on one model built once (see the module's docstring).

    ``max_delay``: per donor code, the longest delay a draw may bring (months; a longer one is planned in full);
    ``open_pledges``: row positions in ``scenario.pledges`` of the pledges a draw may drop or add (the others
    are counted as the scenario says).
    """

    def __init__(self, s: Scenario, max_delay: dict[str, int], open_pledges: list[int]) -> None:
        self.s = s
        T = s.horizon
        self.max_delay = {k: int(v) for k, v in max_delay.items()}
        pl = s.pledges.reset_index(drop=True)
        self.open = np.zeros(len(pl), dtype=bool)
        self.open[list(open_pledges)] = True
        self.open &= (pl["status"] != "delivered").to_numpy()
        # The superset scenario: no pledge owed (stocks at their most releasable), and every pledge that may come
        # at every month it may land in, as delivered (so that allocations exist there). Platforms a draw may
        # introduce are decided on the pledges that always come.
        always = pl[pl["status"].isin(["committed", "delivered"]) & ~self.open]
        copies = [pl[pl["status"] == "delivered"]]
        maybe = pl[self.open | (pl["status"] == "committed").to_numpy()]
        for shift in range(max(self.max_delay.values(), default=0) + 1):
            room = maybe["donor"].map(self.max_delay).fillna(0).to_numpy() >= shift
            moved = maybe[room].assign(month=maybe["month"][room] + shift, status="delivered")
            copies.append(moved)
        sup = dataclasses.replace(s, pledges=pd.concat(copies, ignore_index=True))
        dsup = prepare(sup)
        dmin = prepare(dataclasses.replace(s, pledges=always.reset_index(drop=True)))
        m = Model()
        define_stock_variables(m, dsup)
        define_buy_variables(m, dsup)
        define_alloc_variables(m, dsup)
        define_need_variables(m, dsup)
        define_platform_variables(m, dmin)
        define_burden_variables(m, dsup)
        define_constraints(m, dsup)
        define_objective(m, dsup)
        self.m, self.dsup = m, dsup
        self.nominal = prepare(s)
        lb, ub, integral, row_lb, row_ub = m.bounds()
        self.lb, self.ub, self.integral, self.row_lb, self.row_ub = lb, ub, integral, row_lb, row_ub
        self.A = m.matrix()
        self.cost = m.full_cost().copy()
        from allyplan.planner import lumpy_columns

        self.lumpy = lumpy_columns(m, dsup)

        # --- static arrays for the per-draw bounds -------------------------------------------------------------
        st = s.stocks.reset_index(drop=True)
        self.stock_base = dsup.stocks["releasable"].to_numpy(dtype=float)  # releasable with nothing owed
        sv = m.vars["stock"]
        self.sv_k = sv["k"].to_numpy(dtype=np.int64)
        self.sv_month = sv["month"].to_numpy(dtype=np.int64)
        self.sv_avail = st["available_from"].to_numpy(dtype=np.int64)[self.sv_k]
        self.sv_donor = sv["donor"].to_numpy(dtype=object)
        self.sv_col = sv["col"].to_numpy(dtype=np.int64)
        self.sv_item = sv["item"].to_numpy(dtype=object)
        self.sv_arrive = sv["arrive"].to_numpy(dtype=np.int64)

        pr = s.production.reset_index(drop=True)
        self.line_pos = pd.Series(np.arange(len(pr)), index=pr["line"])
        bv = m.vars["buy"]
        self.bv_line = _positions(bv["line"], self.line_pos)
        self.bv_month = bv["month"].to_numpy(dtype=np.int64)
        self.bv_col = bv["col"].to_numpy(dtype=np.int64)
        self.bv_item = bv["item"].to_numpy(dtype=object)
        self.bv_arrive = bv["arrive"].to_numpy(dtype=np.int64)
        self.pr_from = pr["from"].to_numpy(dtype=float)
        self.pr_to = pr["to"].to_numpy(dtype=float)
        self.pr_pm = pr["per_month"].to_numpy(dtype=float)
        self.pr_ramp = pr["ramp_per_month"].to_numpy(dtype=float)
        cap = dsup.capacity
        self.cap_line = _positions(cap["line"], self.line_pos)
        self.cap_month = cap["month"].to_numpy(dtype=np.int64)
        # Every (line, month) a draw could make something in must be a month of the nominal run.
        self.cap_grid = np.zeros((len(pr), T), dtype=bool)
        self.cap_grid[self.cap_line, self.cap_month] = True

        nd = s.needs.reset_index(drop=True)
        self.need_pos = pd.Series(np.arange(len(nd)), index=nd["id"])
        self.n_hold = (nd["kind"] == "hold").to_numpy()
        self.n_q = nd["quantity"].to_numpy(dtype=float)
        self.n_pm = nd["per_month"].to_numpy(dtype=float)
        self.n_span = (nd["to"] - nd["from"] + 1).clip(lower=0).to_numpy(dtype=float)
        self.n_from = nd["from"].to_numpy(dtype=np.int64)
        self.n_to = nd["to"].to_numpy(dtype=np.int64)
        self.n_due = nd["due"].to_numpy(dtype=np.int64)
        self.n_prio = nd["priority"].to_numpy(dtype=float)

        av = m.vars["alloc"]
        self.av_need = _positions(av["need"], self.need_pos)
        self.av_item = av["item"].to_numpy(dtype=object)
        self.av_month = av["month"].to_numpy(dtype=np.int64)
        self.av_factor = av["factor"].to_numpy(dtype=float)
        self.av_col = av["col"].to_numpy(dtype=np.int64)
        req = av["item"].map(dsup.items["requires"]).fillna("").to_numpy(dtype=object)
        self.av_req = req
        items = sorted(set(av["item"]) | set(sv["item"]) | set(bv["item"]) | set(s.items["id"]))
        self.item_pos = {it: i for i, it in enumerate(items)}
        self.n_items = len(items)
        self.av_item_i = _positions(self.av_item, self.item_pos)
        self.sv_item_i = _positions(self.sv_item, self.item_pos)
        self.bv_item_i = _positions(self.bv_item, self.item_pos)
        self.av_req_i = np.array([self.item_pos.get(r, -1) if r else -1 for r in req], dtype=np.int64)
        self.operated_mask = np.zeros(self.n_items, dtype=bool)
        for p in dsup.operated:
            if p in self.item_pos:
                self.operated_mask[self.item_pos[p]] = True

        lv = m.vars["level"]
        self.lv_need = _positions(lv["need"], self.need_pos)
        self.lv_month = lv["month"].to_numpy(dtype=np.int64)
        self.lv_col = lv["col"].to_numpy(dtype=np.int64)
        sh = m.vars["short"]
        self.sh_need = _positions(sh["need"], self.need_pos)
        self.sh_month = sh["month"].to_numpy(dtype=np.int64)
        self.sh_col = sh["col"].to_numpy(dtype=np.int64)

        rows = m.rows
        self.r_stock = rows["stock_total"]["row"].to_numpy(dtype=np.int64)
        self.r_stock_k = rows["stock_total"]["k"].to_numpy(dtype=np.int64)
        lc = rows["line_capacity"]
        self.r_line = lc["row"].to_numpy(dtype=np.int64)
        self.r_line_l = _positions(lc["line"], self.line_pos)
        self.r_line_m = lc["month"].to_numpy(dtype=np.int64)
        bal = rows["balance"]
        self.r_bal = bal["row"].to_numpy(dtype=np.int64)
        self.r_bal_item = _positions(bal["item"], self.item_pos)
        self.r_bal_month = bal["month"].to_numpy(dtype=np.int64)
        lvr = rows["level"]
        self.r_lvl = lvr["row"].to_numpy(dtype=np.int64)
        self.r_lvl_need = _positions(lvr["need"], self.need_pos)
        self.r_lvl_month = lvr["month"].to_numpy(dtype=np.int64)
        hs = rows["hold_short"]
        self.r_hs = hs["row"].to_numpy(dtype=np.int64)
        self.r_hs_need = _positions(hs["need"], self.need_pos)
        fc = rows["flow_cap"]
        self.r_fc = fc["row"].to_numpy(dtype=np.int64)
        self.r_fc_need = _positions(fc["need"], self.need_pos)
        pc = rows["platform_cum"]
        self.r_pc = pc["row"].to_numpy(dtype=np.int64)
        self.r_pc_item = _positions(pc["platform"], self.item_pos)
        self.r_pc_month = pc["month"].to_numpy(dtype=np.int64)

        # Big-M coefficients: platform_link (cum column of each row) and new_platform (new column of each row).
        cum = m.vars["cum"]
        pl_rows = rows["platform_link"]["row"].to_numpy(dtype=np.int64)
        self.link_pos = self._entries(pl_rows, cum["col"].to_numpy(dtype=np.int64))
        self.link_item = _positions(cum["platform"], self.item_pos)
        self.link_month = cum["month"].to_numpy(dtype=np.int64)
        # Which alloc columns each link row sums (as the planner: items requiring the platform, same month).
        self.av_link_row = np.full(len(av), -1, dtype=np.int64)
        cum_index = {(p, int(mo)): i for i, (p, mo) in enumerate(zip(cum["platform"], cum["month"], strict=True))}
        for j, (r, mo) in enumerate(zip(req, self.av_month, strict=True)):
            if r:
                self.av_link_row[j] = cum_index.get((r, int(mo)), -1)
        new = m.vars["new"]
        self.new_col = new["col"].to_numpy(dtype=np.int64)
        self.new_item = _positions(new["platform"], self.item_pos)
        if len(new):
            nr = rows["new_platform"]["row"].to_numpy(dtype=np.int64)
            self.new_pos = self._entries(nr, self.new_col)
        else:
            self.new_pos = np.zeros(0, dtype=np.int64)
        w = s.config.weights
        self.w_late, self.w_unmet, self.w_new = float(w.late), float(w.unmet), float(w.new_platform)

        self.holdings = s.holdings[["item", "quantity"]].reset_index(drop=True)
        self.pledges = pl
        self.h_item = _positions(self.holdings["item"], self.item_pos)
        self.h_q = self.holdings["quantity"].to_numpy(dtype=float)
        self.pl_item = _positions(pl["item"], self.item_pos)
        self.pl_q = pl["quantity"].to_numpy(dtype=float)
        self.pl_month = pl["month"].to_numpy(dtype=np.int64)
        self.pl_donor = pl["donor"].astype(str).tolist()
        self.pl_moving = (pl["status"] != "delivered").to_numpy()
        # counted when they come: committed and delivered ones, and one under consideration that comes in a draw
        self.pl_countable = (pl["status"].isin(["committed", "delivered"]).to_numpy()
                             | (self.open & (pl["status"] == "considering").to_numpy()))
        # which pledges each stock owes (same donor and item)
        self.pl_owes = ((st["donor"].to_numpy()[:, None] == pl["donor"].to_numpy()[None, :])
                        & (st["item"].to_numpy()[:, None] == pl["item"].to_numpy()[None, :])).astype(float)

        self.whole_maker = self._whole_maker()

    def _whole_maker(self) -> WholeMaker:
        s, m, d = self.s, self.m, self.dsup
        ids = s.needs["id"].astype(str).to_numpy()
        rank = np.empty(len(ids), dtype=np.int64)
        rank[np.argsort(ids, kind="stable")] = np.arange(len(ids))
        requires = d.items["requires"].fillna("")
        item_requires = np.full(self.n_items, -1, dtype=np.int64)
        for it, i in self.item_pos.items():
            r = requires.get(it, "")
            if isinstance(r, str) and r:
                item_requires[i] = self.item_pos.get(r, -1)
        bv = m.vars["buy"]
        group = pd.MultiIndex.from_frame(bv[["line", "fund"]]).factorize()[0].astype(np.int64)
        funds = pd.Index(sorted(set(d.arcs["fund"])))
        amount = d.arcs.drop_duplicates("fund").set_index("fund")["amount_eur"].reindex(funds).to_numpy(dtype=float)
        unit_cost = bv["line"].map(d.arcs.drop_duplicates("line").set_index("line")["unit_cost_eur"]).to_numpy(
            dtype=float)
        acc = d.accepts
        return WholeMaker(
            T=s.horizon, n_items=self.n_items, need_rank=rank, need_prio=self.n_prio, need_flow=~self.n_hold,
            need_to=self.n_to, item_requires=item_requires, operated=self.operated_mask,
            sv_col=self.sv_col, sv_k=self.sv_k, sv_month=self.sv_month, sv_item=self.sv_item_i,
            sv_arrive=self.sv_arrive, bv_col=self.bv_col, bv_group=group,
            bv_lm=self.bv_line * s.horizon + self.bv_month,
            bv_line=self.bv_line, bv_month=self.bv_month, bv_item=self.bv_item_i, bv_arrive=self.bv_arrive,
            bv_fund=funds.get_indexer(bv["fund"]).astype(np.int64), unit_cost=unit_cost, fund_amount=amount,
            av_col=self.av_col, av_need=self.av_need, av_item=self.av_item_i, av_month=self.av_month,
            av_factor=self.av_factor, acc_need=_positions(acc["need"], self.need_pos),
            acc_item=_positions(acc["item"], self.item_pos),
            acc_factor=acc["factor"].to_numpy(dtype=float), new_col=self.new_col, new_item=self.new_item,
            n_stocks=len(s.stocks))

    def _entries(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Positions in the CSR data array of the entries (rows[i], cols[i])."""
        A = self.A
        out = np.empty(len(rows), dtype=np.int64)
        for i, (r, c) in enumerate(zip(rows, cols, strict=True)):
            lo, hi = A.indptr[r], A.indptr[r + 1]
            hit = np.flatnonzero(A.indices[lo:hi] == c)
            out[i] = lo + hit[0]
        return out

    # --- one draw -----------------------------------------------------------------------------------------------

    def covers(self, v: DrawValues) -> bool:
        """Whether the draw fits the superset model (else it is planned in full)."""
        delays = [float(x) for x in v.donor_delay.values()]
        if any(x < 0 or x != np.floor(x) for x in delays):
            return False
        if any(float(x) > self.max_delay.get(d, 0) for d, x in v.donor_delay.items()):
            return False
        if np.any(v.line_delay < 0) or np.any(v.line_capacity < 0):
            return False
        cap = self._capacity(v)
        return not np.any((cap > 0) & ~self.cap_grid)

    def _capacity(self, v: DrawValues) -> np.ndarray:
        """(lines, months) capacity as ``prepare`` computes it for the draw's scenario."""
        T = self.s.horizon
        t = np.arange(T)[None, :]
        start = (self.pr_from + v.line_delay).astype(int)[:, None]
        c = v.line_capacity[:, None]
        cap = self.pr_pm[:, None] * c + self.pr_ramp[:, None] * c * (t - start)
        run = (t >= start) & (t <= self.pr_to[:, None])
        return np.where(run & (cap > 0), cap, 0.0)

    def numbers(self, v: DrawValues) -> tuple[DrawArrays, dict[str, np.ndarray]]:
        """The draw's numbers (as ``prepare(apply_draw(...))`` computes them), in numpy: what each stock may
        release, each line's capacity by month, each need's quantity and use a month, and the baseline (holdings
        and counted pledges, in the planner's order) as arrays and as (item, month) totals."""
        T = self.s.horizon
        comes = np.where(self.open, v.pledge_comes > 0.5, True) & self.pl_countable
        delay = np.array([float(v.donor_delay.get(dn, 0.0)) for dn in self.pl_donor]) if len(self.pl_donor) else \
            np.zeros(0)
        month = self.pl_month + np.where(self.pl_moving, delay, 0.0).astype(np.int64)
        # committed after the draw (what stocks owe): every counted pledge not yet delivered
        owed_here = self.pl_owes @ np.where(comes & self.pl_moving, self.pl_q, 0.0)
        releasable = np.maximum(0.0, self.stock_base - owed_here)
        b_item = np.r_[self.h_item, self.pl_item[comes]]
        b_month = np.r_[np.zeros(len(self.h_item), dtype=np.int64), np.maximum(month[comes], 0)]
        b_q = np.r_[self.h_q, self.pl_q[comes]]
        keep = (b_q > 0) & (b_month < T)
        b_item, b_month, b_q = b_item[keep], b_month[keep], b_q[keep]
        capg = self._capacity(v)
        dem = v.need_demand
        flow = ~self.n_hold
        per_month = np.where(flow, np.floor(self.n_pm * dem + 0.5), self.n_pm)
        quantity = np.where(flow, per_month * self.n_span, np.floor(self.n_q * dem + 0.5))
        base = np.zeros((self.n_items, T))
        np.add.at(base, (b_item, b_month), b_q)
        arrays = DrawArrays(releasable, capg, quantity.astype(float), b_item, b_month, b_q)
        return arrays, {"releasable": releasable, "cap": capg, "Q": quantity.astype(float),
                        "r": per_month.astype(float), "base": base, "comes": comes, "month": month,
                        "owed": owed_here}

    def inputs(self, v: DrawValues) -> PlanInputs:
        """The draw's planning inputs as ``prepare(apply_draw(...))`` has them, on the superset's rows (what the
        planner's own whole-unit step and round-up filter read)."""
        arrays, a = self.numbers(v)
        return self._inputs(arrays, a)

    def _inputs(self, arrays: DrawArrays, a: dict[str, np.ndarray]) -> PlanInputs:
        pl = self.pledges
        comes = a["comes"]
        stocks = self.dsup.stocks.copy()
        stocks["releasable"] = arrays.releasable
        stocks["owed"] = a["owed"]
        bl_pl = pd.DataFrame({"origin": np.where(self.pl_moving[comes], "pledge:committed", "pledge:delivered"),
                              "donor": pl["donor"].to_numpy()[comes], "item": pl["item"].to_numpy()[comes],
                              "month": np.maximum(a["month"][comes], 0), "quantity": pl["quantity"].to_numpy()[comes]})
        bl_h = pd.DataFrame({"origin": "holding", "donor": "", "item": self.holdings["item"], "month": 0,
                             "quantity": self.holdings["quantity"]})
        baseline = pd.concat([bl_h, bl_pl], ignore_index=True)
        baseline = baseline[(baseline["quantity"] > 0) & (baseline["month"] < self.s.horizon)].reset_index(drop=True)
        baseline["month"] = baseline["month"].astype(int)
        capacity = self.dsup.capacity.copy()
        capacity["capacity"] = arrays.cap[self.cap_line, self.cap_month]
        needs = self.nominal.needs.copy()
        needs["quantity"] = arrays.Q
        needs["per_month"] = a["r"]
        needs["Q"] = arrays.Q
        needs["r"] = a["r"]
        return dataclasses.replace(self.nominal, stocks=stocks, capacity=capacity, baseline=baseline, needs=needs)

    def model(self, v: DrawValues, with_inputs: bool = True) -> tuple[Model, PlanInputs | None, DrawArrays]:
        """The superset model with the draw's bounds, costs and coefficients, the draw's planning inputs (None
        unless ``with_inputs``) and the arrays :class:`~allyplan.planner.resolve_whole.WholeMaker` reads."""
        arrays, a = self.numbers(v)
        d = self._inputs(arrays, a) if with_inputs else None
        T = self.s.horizon
        lb, ub = self.lb.copy(), self.ub.copy()
        row_lb, row_ub = self.row_lb.copy(), self.row_ub.copy()
        cost = self.cost.copy()
        Q, r, base = a["Q"], a["r"], a["base"]
        # Stock shipments (by arrival month): the donor's delay moves the first arrival later.
        delay = np.array([float(v.donor_delay.get(x, 0.0)) for x in self.sv_donor]) if len(self.sv_donor) else \
            np.zeros(0)
        rel = a["releasable"]
        s_ok = (self.sv_month >= self.sv_avail + delay) & (rel[self.sv_k] >= 1e-9)
        ub[self.sv_col] = np.where(s_ok, np.floor(rel[self.sv_k] + 1e-9), 0.0)
        row_ub[self.r_stock] = rel[self.r_stock_k]
        cap = a["cap"]
        b_cap = cap[self.bv_line, self.bv_month]
        b_ok = b_cap > 0
        ub[self.bv_col] = np.where(b_ok, np.floor(b_cap + 1e-9), 0.0)
        # (the planner's row bound is the capacity cut to a whole number)
        row_ub[self.r_line] = np.trunc(cap[self.r_line_l, self.r_line_m])
        # Allocations exist where something can arrive (a shipment or the baseline) and the platform is reachable.
        arrive = base > 0
        arrive[self.sv_item_i[s_ok], self.sv_arrive[s_ok]] = True
        arrive[self.bv_item_i[b_ok], self.bv_arrive[b_ok]] = True
        reach = self.operated_mask.copy()
        reach[np.unique(self.sv_item_i[s_ok])] = True
        reach[np.unique(self.bv_item_i[b_ok])] = True
        reach[(base > 0).any(axis=1)] = True
        a_ok = arrive[self.av_item_i, self.av_month] & ((self.av_req_i < 0) | reach[np.maximum(self.av_req_i, 0)])
        a_ub = np.where(a_ok, np.floor(Q[self.av_need] / self.av_factor + 1e-9), 0.0)
        ub[self.av_col] = a_ub
        hold = self.n_hold
        ub[self.lv_col] = np.where(hold[self.lv_need], Q[self.lv_need], INF)
        ub[self.sh_col] = np.where(hold[self.sh_need], Q[self.sh_need], r[self.sh_need])
        # Rows.
        row_ub[self.r_bal] = base[self.r_bal_item, self.r_bal_month]
        active = (~hold[self.r_lvl_need]) & (self.r_lvl_month >= self.n_from[self.r_lvl_need]) & (
            self.r_lvl_month <= self.n_to[self.r_lvl_need])
        rhs = -np.where(active, r[self.r_lvl_need], 0.0)
        row_lb[self.r_lvl] = rhs
        row_ub[self.r_lvl] = rhs
        row_lb[self.r_hs] = Q[self.r_hs_need]
        row_ub[self.r_fc] = Q[self.r_fc_need]
        pc = base[self.r_pc_item, self.r_pc_month]
        row_lb[self.r_pc] = pc
        row_ub[self.r_pc] = pc
        # Coefficients: the platform link's big-M (what the requiring allocations could bring) and each new
        # platform's most useful units.
        A = self.A.copy()
        if len(self.link_pos):
            linked = self.av_link_row >= 0
            big_m = np.bincount(self.av_link_row[linked], weights=a_ub[linked], minlength=len(self.link_pos))
            A.data[self.link_pos] = -np.maximum(big_m, 1.0)
        if len(self.new_pos):
            pairs = pd.DataFrame({"need": self.av_need[a_ok], "item": self.av_item_i[a_ok],
                                  "factor": self.av_factor[a_ok]}).drop_duplicates(["need", "item"])
            u_item = np.bincount(pairs["item"].to_numpy(dtype=np.int64),
                                 weights=Q[pairs["need"].to_numpy(dtype=np.int64)] / pairs["factor"].to_numpy(),
                                 minlength=self.n_items)
            u = np.ceil(u_item[self.new_item] - 1e-9)
            A.data[self.new_pos] = -np.maximum(u, 1.0)
            # A platform the draw's pledges bring is not new: no variable in the draw's model, so no cost here.
            in_base = np.asarray((base > 0).any(axis=1))[self.new_item]
            cost[self.new_col] = np.where(in_base, 0.0, self.w_new)
        # Objective weights of shortfalls: per whole need as the draw states it.
        sn = self.sh_need
        prio = self.n_prio[sn]
        per_month = np.where(hold[sn], Q[sn], r[sn])
        late = self.w_late * prio / np.maximum(per_month, 1e-9)
        final = np.where(hold[sn], self.sh_month == T - 1, True)
        unmet = np.where(final, self.w_unmet * prio / np.maximum(Q[sn], 1e-9), 0.0)
        cost[self.sh_col] = late + unmet
        m = dataclasses.replace(self.m, lb=[lb], ub=[ub], integral=[self.integral], row_lb=[row_lb],
                                row_ub=[row_ub], cost=cost, _matrix=A)
        return m, d, arrays

    def replan(self, v: DrawValues, *, time_limit: float = 10.0, gap: float = 1e-4, threads: int = 1,
               numpy_steps: bool = True) -> Replan:
        """Plan one draw: on the superset model when it covers the draw, else in full. ``numpy_steps``: the
        whole-unit step and round-up filter of :mod:`allyplan.planner.resolve_whole` (False: the planner's own,
        on tables; the same results, slower)."""
        t0 = time.perf_counter()
        if not self.covers(v):
            return self._full(v, time_limit, gap, threads, t0)
        m, d, a = self.model(v, with_inputs=not numpy_steps)
        if numpy_steps:
            wm = self.whole_maker
            res = solve_model(m, time_limit=time_limit, gap=gap, threads=threads, polish=False,
                              up_filter=wm.up_filter(a), make_whole=lambda x: wm.whole(x, a), lumpy=self.lumpy)
        else:
            assert d is not None
            pd_ = d
            res = solve_model(m, time_limit=time_limit, gap=gap, threads=threads, polish=False,
                              up_filter=make_up_filter(m, pd_), make_whole=lambda x: whole_solution(m, pd_, x),
                              lumpy=self.lumpy)
        held, covered = self.coverage(res.values, a.Q, self._r(v))
        return Replan(res.status, res.objective, res.bound, held, covered, True, time.perf_counter() - t0,
                      res.values)

    def _r(self, v: DrawValues) -> np.ndarray:
        return np.where(self.n_hold, self.n_pm, np.floor(self.n_pm * v.need_demand + 0.5)).astype(float)

    def coverage(self, x: np.ndarray, Q: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(held, covered), shape (needs, months), from a solution, as the plan's coverage table has them: units
        allocated to each need arrive in their month; a hold need holds them all from then on, a flow need uses
        up to its month's use of what has arrived and not been used (the model may leave a flow need short in
        one month rather than another at the same cost; the table, and so this, uses units as they come)."""
        T = self.s.horizon
        N = len(self.n_hold)
        inflow = np.zeros((N, T))
        units = np.round(np.maximum(x[self.av_col], 0.0), 6) * self.av_factor
        np.add.at(inflow, (self.av_need, self.av_month), units)
        t = np.arange(T)
        active = (~self.n_hold)[:, None] & (t[None, :] >= self.n_from[:, None]) & (t[None, :] <= self.n_to[:, None])
        held = np.cumsum(inflow, axis=1)
        covered = np.zeros((N, T))
        stock = np.zeros((N, T))
        inv = np.zeros(N)
        for m in range(T):
            avail = inv + inflow[:, m]
            covered[:, m] = np.minimum(avail, np.where(active[:, m], r, 0.0))
            inv = avail - covered[:, m]
            stock[:, m] = inv
        req = np.where(t[None, :] >= self.n_due[:, None], Q[:, None], 0.0)
        covered = np.where(self.n_hold[:, None], np.minimum(held, req), covered)
        # (a flow need's table rows are its window's months only)
        return np.where(self.n_hold[:, None], held, np.where(active, stock, 0.0)), covered

    def _full(self, v: DrawValues, time_limit: float, gap: float, threads: int, t0: float) -> Replan:
        from allyplan.planner import plan
        from allyplan.sweep.evaluate import NeedInfo, plan_matrices

        p = plan(self.scenario_of(v), time_limit=time_limit, gap=gap, threads=threads)
        held, covered = plan_matrices(NeedInfo.of(self.s), p.coverage)
        return Replan(p.status, p.objective, p.bound, held[0], covered[0], False, time.perf_counter() - t0)

    def scenario_of(self, v: DrawValues) -> Scenario:
        """The draw's scenario (as :func:`allyplan.sweep.uncertainty.apply_draw` makes it)."""
        s = self.s
        st = s.stocks.copy()
        st["lead_months"] = (st["lead_months"].to_numpy() + st["donor"].map(v.donor_delay).astype(float).fillna(
            0.0).to_numpy()).astype(int)
        pr = s.production.copy()
        pr["from"] = (pr["from"] + v.line_delay).astype(int)
        pr["per_month"] = pr["per_month"] * v.line_capacity
        pr["ramp_per_month"] = pr["ramp_per_month"] * v.line_capacity
        pl = self.pledges.copy()
        keep = np.where(self.open, v.pledge_comes > 0.5, True)
        pl = pl[keep].copy()
        moving = (pl["status"] != "delivered").to_numpy()
        shift = pl["donor"].map(v.donor_delay).astype(float).fillna(0.0).to_numpy()
        pl["month"] = (pl["month"].to_numpy() + np.where(moving, shift, 0.0)).astype(int)
        pl.loc[pl["status"] == "considering", "status"] = "committed"
        nd = s.needs.copy()
        flow = ~self.n_hold
        nd["per_month"] = np.where(flow, np.floor(self.n_pm * v.need_demand + 0.5), nd["per_month"])
        nd["quantity"] = np.where(flow, nd["per_month"].to_numpy() * self.n_span,
                                  np.floor(self.n_q * v.need_demand + 0.5))
        return dataclasses.replace(s, stocks=st, production=pr, pledges=pl.reset_index(drop=True), needs=nd)
