"""The sample-average (two-stage stochastic) plan: first-month decisions shared by every draw, the rest decided
per draw, minimising the mean over the draws of the planner's objective.

First stage (decided now, the same in every draw), the decisions of month 0 of the horizon:

- units each donor ships from stock in month 0, per (donor, item): in a draw in which the donor is ``delta``
  months late they arrive ``delta`` months later (on the superset model of :mod:`allyplan.planner.resolve`, whose
  stock shipments are indexed by arrival, that is the column of nominal month ``delta``);
- units each fund orders in month 0 from a production line that runs from month 0 as stated, per (line, fund,
  item): made in month 0 where the draw's line runs then (exactly that much is made then), else in the first
  month the draw's line runs (at least that much is made then: the order is served first);
- new platform types introduced (a yes/no per platform type), if the scenario can introduce any.

Second stage (recourse): everything else, per draw, on that draw's superset model (its bounds, right-hand sides
and weights, :meth:`~allyplan.planner.resolve.Replanner.model`). Units the first month ships that a draw's needs
cannot use (a demand below the stated one) may go unused in that draw; the planner's own model, which allows no
unused shipment, would otherwise forbid shipping more than the least demanding draw can use. One more copy of
the model, with the scenario as stated and no weight in the objective, keeps the first month one that can be
completed into a plan of the stated scenario.

:func:`saa_first_month` stacks one block per draw (``scipy.sparse.block_diag``) with the non-anticipativity rows
tying each block's month-0 columns to shared columns, and solves with HiGHS either the whole MILP
(``exact=True``: one integer model the size of a plan's times the draws; practical for small cases) or its LP
relaxation, whose first month is rounded to whole units (to the nearest where the stacked LP stays feasible, else
down; new platform types up) and each draw re-planned with that first month fixed (an SAA heuristic: the first
month is the LP's, rounded, not proven the MILP's best).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import highspy
import numpy as np
import pandas as pd
import scipy.sparse as sp

from allyplan.errors import AllyplanError
from allyplan.planner import Plan, build_model, lumpy_columns
from allyplan.planner.explain import explain_shortfalls
from allyplan.planner.model import INF
from allyplan.planner.objective import plan_objective
from allyplan.planner.resolve import DrawValues, Replan, Replanner
from allyplan.planner.results import assign_results, whole_solution
from allyplan.planner.rounding import make_up_filter
from allyplan.planner.solve import SolveResult, SolveStatus, _highs, solve_model
from allyplan.scenario import Scenario
from allyplan.sweep.replan import draw_values, replanner_for
from allyplan.sweep.uncertainty import Draw, Factors, nominal

__all__ = ["FirstMonth", "FirstMonthKeys", "SaaResult", "first_month_keys", "saa_first_month",
           "replan_with_first_month", "plan_with_first_month"]


@dataclass(frozen=True)
class FirstMonth:
    """The decisions of month 0: units shipped from stock per (donor, item), units ordered per (line, fund, item)
    from lines that run from month 0, and the new platform types introduced. Keys not listed are 0."""

    stock: dict[tuple[str, str], int] = field(default_factory=dict)
    buy: dict[tuple[str, str, str], int] = field(default_factory=dict)
    new: frozenset[str] = frozenset()

    @classmethod
    def of_plan(cls, p: Plan) -> FirstMonth:
        """The month-0 decisions of a plan's tables."""
        dl = p.deliveries
        first = dl[dl["ship_month"] == 0]
        st = first[first["source"] == "stock"].groupby(["donor", "item"])["quantity"].sum()
        bu = first[first["source"] != "stock"].groupby(["source", "fund", "item"])["quantity"].sum()
        platforms = set(p.scenario.items.loc[p.scenario.items["platform"], "id"])
        held = set(p.scenario.holdings.loc[p.scenario.holdings["quantity"] > 0, "item"])
        new = frozenset(str(x) for x in set(dl["item"]) & platforms - held - set(p.baseline["item"]))
        return cls({(str(a), str(b)): round(float(q)) for (a, b), q in st.items() if q > 0},
                   {(str(a), str(b), str(c)): round(float(q)) for (a, b, c), q in bu.items() if q > 0}, new)

    def table(self) -> pd.DataFrame:
        """One row per decision: kind (stock, order, new platform), who, item, units."""
        rows = ([{"kind": "stock", "source": d, "fund": "", "item": i, "units": q} for (d, i), q in
                 sorted(self.stock.items())]
                + [{"kind": "order", "source": ln, "fund": fd, "item": i, "units": q} for (ln, fd, i), q in
                   sorted(self.buy.items())]
                + [{"kind": "new platform", "source": "", "fund": "", "item": p, "units": 1} for p in sorted(self.new)])
        return pd.DataFrame(rows, columns=["kind", "source", "fund", "item", "units"])


@dataclass
class SaaResult:
    """The sample-average first month and what it cost to find.

    ``objective``: the mean over the draws of the planner's objective with that first month (the MILP's value, or,
    for the LP relaxation, the mean of the draws re-planned with the rounded first month); ``lp_bound``: the LP
    relaxation's value (a lower bound on the SAA's optimum); ``per_draw``: each draw's objective.
    """

    first: FirstMonth
    objective: float
    lp_bound: float
    per_draw: np.ndarray
    method: str
    seconds: dict[str, float]
    size: dict[str, int]
    status: str


@dataclass(frozen=True)
class FirstMonthKeys:
    """The first-stage decisions of one scenario, in a fixed order, and where they sit in the superset model."""

    stock: list[tuple[str, str]]
    buy: list[tuple[str, str, str]]
    new: list[str]
    stock_cols: list[np.ndarray]  # per stock key: superset stock columns (all months)
    buy_cols: list[np.ndarray]  # per buy key: superset buy columns (all months)
    buy_line: np.ndarray  # per buy key: the line's position
    new_cols: np.ndarray
    balance: np.ndarray  # per superset column: its balance row (stock and buy columns), else -1

    @property
    def n(self) -> int:
        return len(self.stock) + len(self.buy) + len(self.new)


def first_month_keys(rp: Replanner) -> FirstMonthKeys:
    """The first-month decisions of a re-planner's scenario and where they sit in its model (made once, passed to
    :func:`replan_with_first_month` for many draws)."""
    m = rp.m
    sv, bv = m.vars["stock"], m.vars["buy"]
    avail = rp.sv_avail
    st = sv[avail <= 0]  # stocks that can leave in month 0 (when no delay closes them)
    stock = sorted({(str(d), str(i)) for d, i in zip(st["donor"], st["item"], strict=True)})
    key_of = pd.Series(list(zip(sv["donor"].astype(str), sv["item"].astype(str), strict=True)))
    stock_cols = [sv["col"].to_numpy()[(key_of == k).to_numpy()] for k in stock]
    runs = rp.pr_from <= 0
    b0 = bv[(bv["month"] == 0).to_numpy() & runs[rp.bv_line]]
    buy = sorted({(str(a), str(b), str(c)) for a, b, c in zip(b0["line"], b0["fund"], b0["item"], strict=True)})
    bkey = pd.Series(list(zip(bv["line"].astype(str), bv["fund"].astype(str), bv["item"].astype(str), strict=True)))
    buy_cols = [bv["col"].to_numpy()[(bkey == k).to_numpy()] for k in buy]
    buy_line = np.array([int(rp.line_pos[k[0]]) for k in buy], dtype=np.int64)
    new = [str(p) for p in m.vars["new"]["platform"]]
    return FirstMonthKeys(stock, buy, new, stock_cols, buy_cols, buy_line, rp.new_col.copy(), _balance_rows(rp))


def _month0(rp: Replanner, keys: FirstMonthKeys, v: DrawValues, cap: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Per key, the draw's superset columns that carry the month-0 decision, and whether the tie is an
    equality (True) or a lower bound (a delayed line: at least the order is made in its first month)."""
    cols: list[np.ndarray] = []
    equal: list[bool] = []
    mcol = np.full(rp.m.n_cols, -1, dtype=np.int64)
    mcol[rp.sv_col] = rp.sv_month
    mcol[rp.bv_col] = rp.bv_month
    for k, c in zip(keys.stock, keys.stock_cols, strict=True):
        delay = round(float(v.donor_delay.get(k[0], 0.0)))
        cols.append(c[mcol[c] == delay])
        equal.append(True)
    first_run = np.where((cap > 0).any(axis=1), (cap > 0).argmax(axis=1), -1)
    for line, c in zip(keys.buy_line, keys.buy_cols, strict=True):
        t = int(first_run[line])
        cols.append(c[mcol[c] == t] if t >= 0 else c[:0])
        equal.append(t <= 0)
    for c in keys.new_cols:
        cols.append(np.array([c], dtype=np.int64))
        equal.append(True)
    return cols, np.array(equal, dtype=bool)


def _balance_rows(rp: Replanner) -> np.ndarray:
    """For every superset column, its balance row (stock and buy columns), else -1."""
    out = np.full(rp.m.n_cols, -1, dtype=np.int64)
    where = {(int(i), int(t)): int(r) for r, i, t in zip(rp.r_bal, rp.r_bal_item, rp.r_bal_month, strict=True)}
    for cols, items, months in ((rp.sv_col, rp.sv_item_i, rp.sv_arrive), (rp.bv_col, rp.bv_item_i, rp.bv_arrive)):
        out[cols] = [where.get((int(i), int(t)), -1) for i, t in zip(items, months, strict=True)]
    return out


def saa_first_month(s: Scenario, f: Factors, draws: Draw, *, exact: bool = False, time_limit: float = 60.0,
                    gap: float = 1e-4, threads: int | None = None, replanner: Replanner | None = None,
                    progress: Callable[[str], None] | None = None) -> SaaResult:
    """The first month that minimises the mean over ``draws`` of the planner's objective, the rest re-planned
    per draw (see the module's docstring). ``exact``: solve the stacked MILP (else its LP relaxation, rounded, and
    each draw re-planned with that first month). ``threads``: HiGHS's threads for every solve (None: its default;
    HiGHS keeps the count of a process's first solve: use the count the process's other plans use)."""
    if len(draws) == 0:
        raise AllyplanError("the sample-average plan needs at least one draw: give --samples 1 or more")
    say = progress or (lambda _msg: None)
    t0 = time.perf_counter()
    rp = replanner or replanner_for(s, f)
    keys = first_month_keys(rp)
    bal = keys.balance
    S = len(draws)
    values = [draw_values(s, f, draws, j) for j in range(S)]
    for j, v in enumerate(values):
        if not rp.covers(v):
            raise AllyplanError(f"draw {j} lies outside the model built for the uncertainty file (a delay beyond its "
                                "range): the sample-average plan cannot use it")
    nom = draw_values(s, f, nominal(f))
    blocks: list[sp.csr_matrix] = []
    lbs, ubs, ints, rlbs, rubs, costs = [], [], [], [], [], []
    tie_r: list[np.ndarray] = []
    tie_c: list[np.ndarray] = []
    tie_ub: list[np.ndarray] = []
    n = rp.m.n_cols
    nk = keys.n
    extra: list[tuple[int, np.ndarray, np.ndarray]] = []  # (block, balance rows, first-stage cols) for discards
    for b, (v, weight) in enumerate([*((x, 1.0 / S) for x in values), (nom, 0.0)]):
        m, _, arrays = rp.model(v, with_inputs=False)
        lb, ub, integral, row_lb, row_ub = m.bounds()
        blocks.append(m.matrix())
        lbs.append(lb)
        ubs.append(ub)
        ints.append(integral)
        rlbs.append(row_lb)
        rubs.append(row_ub)
        costs.append(m.full_cost() * weight)
        cols, equal = _month0(rp, keys, v, arrays.cap)
        r = np.concatenate([np.full(len(c), i, dtype=np.int64) for i, c in enumerate(cols)]) if cols else \
            np.zeros(0, dtype=np.int64)
        c = np.concatenate(cols).astype(np.int64) if cols else np.zeros(0, dtype=np.int64)
        tie_r.append(r + b * nk)
        tie_c.append(c + b * n)
        tie_ub.append(np.where(equal, 0.0, INF))
        if weight > 0:  # the stated scenario's copy may not leave first-month units unused
            supply = c[bal[c] >= 0]
            extra.append((b, bal[supply], supply))
    B = len(blocks)
    A = sp.block_diag(blocks, format="csr")
    nrow_blocks = A.shape[0]
    # Discard columns: first-month units a draw's needs cannot use may stay unused (one per block and balance row).
    d_rows, d_cols, d_vals = [], [], []
    cap_rows, cap_cols, cap_vals = [], [], []
    nd = 0
    ncap = 0
    row_off = np.cumsum([0] + [blk.shape[0] for blk in blocks])
    for b, rows, supply in extra:
        for r in np.unique(rows):
            d_rows.append(row_off[b] + r)
            d_cols.append(nd)
            d_vals.append(1.0)
            mine = supply[rows == r]
            cap_rows += [ncap] * (1 + len(mine))
            cap_cols += [B * n + nd, *(b * n + mine).tolist()]
            cap_vals += [1.0, *([-1.0] * len(mine))]
            nd += 1
            ncap += 1
    n_all = B * n + nd + nk
    z0 = B * n + nd
    # Non-anticipativity: sum of a block's month-0 columns of a key minus the shared column, = 0 (or >= 0).
    tr = np.concatenate(tie_r)
    tc = np.concatenate(tie_c)
    tie_rows = B * nk
    T_tie = sp.csr_matrix((np.r_[np.ones(len(tr)), -np.ones(tie_rows)],
                           (np.r_[tr, np.arange(tie_rows)], np.r_[tc, z0 + np.tile(np.arange(nk), B)])),
                          shape=(tie_rows, n_all))
    D = sp.csr_matrix((d_vals, (d_rows, d_cols)), shape=(nrow_blocks, nd))
    top = sp.hstack([A, D, sp.csr_matrix((nrow_blocks, nk))], format="csr")
    Cap = sp.csr_matrix((cap_vals, (cap_rows, cap_cols)), shape=(ncap, n_all))
    M = sp.vstack([top, T_tie, Cap], format="csr")
    z_ub = np.r_[[np.inf] * (len(keys.stock) + len(keys.buy)), [1.0] * len(keys.new)]
    col_lb = np.r_[np.concatenate(lbs), np.zeros(nd), np.zeros(nk)]
    col_ub = np.r_[np.concatenate(ubs), np.full(nd, INF), z_ub]
    integral = np.r_[np.concatenate(ints), np.zeros(nd, dtype=bool), np.ones(nk, dtype=bool)]
    row_lb = np.r_[np.concatenate(rlbs), np.zeros(tie_rows), np.full(ncap, -INF)]
    row_ub = np.r_[np.concatenate(rubs), np.concatenate(tie_ub), np.zeros(ncap)]
    cost = np.r_[np.concatenate(costs), np.zeros(nd + nk)]
    size = {"draws": S, "blocks": B, "variables": int(n_all), "constraints": int(M.shape[0]), "nonzeros": int(M.nnz),
            "integers": int(integral.sum()), "first_month_decisions": nk}
    t_build = time.perf_counter() - t0
    say(f"Sample-average model built: {S} draws, {n_all:,} variables; solving its "
        f"{'MILP' if exact else 'LP relaxation'}…")

    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = int(n_all), int(M.shape[0])
    lp.col_cost_, lp.col_lower_, lp.col_upper_ = cost, col_lb, col_ub
    lp.row_lower_, lp.row_upper_ = row_lb, row_ub
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = M.indptr.astype(np.int32)
    lp.a_matrix_.index_ = M.indices.astype(np.int32)
    lp.a_matrix_.value_ = M.data
    if exact:
        lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous
                           for i in integral]
    h = _highs(lp, time_limit, gap, threads)  # the planner's own set-up (quiet, its own run locks)
    if h.run() == highspy.HighsStatus.kError:
        raise AllyplanError(_refused(threads))
    t_solve = time.perf_counter() - t0 - t_build
    status = h.modelStatusToString(h.getModelStatus())
    sol = h.getSolution()
    if not sol.value_valid:
        raise AllyplanError(f"the sample-average model found no solution ({status}) within {time_limit:g} s: give "
                            "a longer --time-limit or fewer --samples")
    x = np.asarray(sol.col_value, dtype=float)
    info = h.getInfo()
    z = x[z0:]
    n_st, n_bu = len(keys.stock), len(keys.buy)
    if exact:
        whole = np.round(z)
        lp_bound = float(info.mip_dual_bound)
    else:
        lp_bound = float(info.objective_function_value)
        whole = _rounded(h, z0, z, n_st + n_bu)
    first = FirstMonth({k: int(q) for k, q in zip(keys.stock, whole[:n_st], strict=True) if q > 0},
                       {k: int(q) for k, q in zip(keys.buy, whole[n_st:n_st + n_bu], strict=True) if q > 0},
                       frozenset(p for p, q in zip(keys.new, whole[n_st + n_bu:], strict=True) if q > 0.5))
    seconds = {"build": t_build, "solve": t_solve}
    if exact:
        per = np.array([float(costs[b] @ x[b * n:(b + 1) * n]) * S for b in range(S)])
        objective = float(info.objective_function_value)
        method = "sample-average MILP"
    else:
        say(f"Re-planning the {S} draws with the sample-average first month fixed…")
        t1 = time.perf_counter()
        per = np.array([replan_with_first_month(rp, v, first, time_limit=time_limit, gap=gap, threads=threads,
                                                keys=keys).objective for v in values])
        seconds["replan"] = time.perf_counter() - t1
        objective = float(per.mean())
        method = "sample-average LP relaxation, first month rounded, each draw re-planned with it fixed"
    seconds["total"] = time.perf_counter() - t0
    return SaaResult(first, objective, lp_bound, per, method, seconds, size, status)


def _refused(threads: int | None) -> str:
    return (f"HiGHS refused to solve with threads={threads}: it keeps the thread count of a process's first solve. "
            "Pass the same threads as the process's other plans (None: HiGHS's default), or use a new process")


def _rounded(h: highspy.Highs, z0: int, z: np.ndarray, units: int) -> np.ndarray:
    """Whole first-month decisions from the LP relaxation's: each to the nearest whole unit (new platform types
    up) if the stacked LP stays feasible with them fixed (one warm-started re-solve), else each rounded down
    (always feasible: unmet need is a variable and a first month shipping less leaves more for later)."""
    up = np.ceil(z[units:] - 1e-6)
    idx = np.arange(z0, z0 + len(z), dtype=np.int32)
    for whole in (np.r_[np.floor(z[:units] + 0.5), up], np.r_[np.floor(z[:units] + 1e-6), up]):
        h.changeColsBounds(len(idx), idx, whole, whole)
        h.run()
        if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
            return whole
    raise AllyplanError("the sample-average first month, rounded down to whole units, left a draw with no plan: "
                        "report this scenario as a bug")


def _fixings(rp: Replanner, keys: FirstMonthKeys, v: DrawValues, cap: np.ndarray, ub: np.ndarray, first: FirstMonth
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(columns, lower, upper) that put a first month into a draw's superset model: every month-0 column at the
    first month's value (0 where it decides nothing), spread over a key's columns in order and cut to what the
    draw allows (a donor whose stock the draw leaves smaller ships less); a delayed line makes at least the order
    in its first month."""
    cols, equal = _month0(rp, keys, v, cap)
    want = ([float(first.stock.get(k, 0)) for k in keys.stock] + [float(first.buy.get(k, 0)) for k in keys.buy]
            + [1.0 if p in first.new else 0.0 for p in keys.new])
    out_c, out_lo, out_hi = [], [], []
    for c, q, eq in zip(cols, want, equal, strict=True):
        left = q
        for col in c:
            put = min(left, ub[col])
            out_c.append(col)
            out_lo.append(put)
            out_hi.append(put if eq else ub[col])
            left -= put
    return np.array(out_c, dtype=np.int64), np.array(out_lo), np.array(out_hi)


def replan_with_first_month(rp: Replanner, v: DrawValues, first: FirstMonth, *, time_limit: float = 10.0,
                            gap: float = 1e-4, threads: int | None = None, keys: FirstMonthKeys | None = None
                            ) -> Replan:
    """Re-plan one draw with its first month fixed (the recourse of a two-stage plan): as
    :meth:`~allyplan.planner.resolve.Replanner.replan`, with the month-0 columns fixed and the units they ship
    free to go unused where the draw's needs cannot use them."""
    t0 = time.perf_counter()
    if not rp.covers(v):
        raise AllyplanError("the draw lies outside the model built for the uncertainty file (a delay beyond its "
                            "range): it cannot be re-planned with a fixed first month")
    keys = keys or first_month_keys(rp)
    m, _, a = rp.model(v, with_inputs=False)
    lb, ub = m.lb[0].copy(), m.ub[0].copy()
    row_lb = m.row_lb[0].copy()
    cols, lo, hi = _fixings(rp, keys, v, a.cap, ub, first)
    lb[cols], ub[cols] = lo, hi
    bal = keys.balance[cols]
    ok = (bal >= 0) & (lo > 0)
    np.add.at(row_lb, bal[ok], -lo[ok])
    m = dataclasses.replace(m, lb=[lb], ub=[ub], row_lb=[row_lb])
    lumpy = rp.lumpy.copy()
    lumpy[cols] = False
    wm = rp.whole_maker
    res = solve_model(m, time_limit=time_limit, gap=gap, threads=threads, up_filter=wm.up_filter(a),
                      make_whole=_keeping(lambda x: wm.whole(x, a), cols, lo, hi), lumpy=lumpy)
    if res.status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        raise AllyplanError(f"a draw re-planned with a fixed first month found no plan ({res.highs_status}). "
                            + _refused(threads))
    held, covered = rp.coverage(res.values, a.Q, rp._r(v))
    return Replan(res.status, res.objective, res.bound, held, covered, True, time.perf_counter() - t0, res.values)


def _keeping(make_whole: Callable[[np.ndarray], np.ndarray], cols: np.ndarray, lo: np.ndarray, hi: np.ndarray
             ) -> Callable[[np.ndarray], np.ndarray]:
    """A whole-unit step that leaves the fixed columns within their bounds."""

    def whole(x: np.ndarray) -> np.ndarray:
        out = make_whole(x)
        out[cols] = np.clip(np.round(out[cols]), lo, hi)
        return out

    return whole


def plan_with_first_month(s: Scenario, first: FirstMonth, *, time_limit: float = 60.0, gap: float = 1e-4,
                          threads: int | None = None) -> Plan:
    """The plan of the scenario as stated with its month-0 decisions fixed to ``first`` (the rest planned as
    :func:`~allyplan.planner.plan` would: the plan to publish now, whose later months are re-planned as the draws
    come true). The planner's own stages, with the month-0 columns' bounds set."""
    t0 = time.perf_counter()
    m, d = build_model(s)
    lb, ub, _, _, _ = m.bounds()
    sv, bv = m.vars["stock"], m.vars["buy"]
    cols_l: list[int] = []
    vals_l: list[float] = []
    s0 = sv[sv["month"] == 0]
    for (donor, item), grp in s0.groupby(["donor", "item"], sort=True):
        left = float(first.stock.get((str(donor), str(item)), 0))
        for col in grp["col"].to_numpy():
            put = min(left, ub[col])
            cols_l.append(int(col))
            vals_l.append(put)
            left -= put
    b0 = bv[bv["month"] == 0]
    for row in b0.itertuples():
        cols_l.append(int(row.col))
        vals_l.append(min(float(first.buy.get((str(row.line), str(row.fund), str(row.item)), 0)), ub[int(row.col)]))
    new = m.vars["new"]
    for row in new.itertuples():
        cols_l.append(int(row.col))
        vals_l.append(1.0 if str(row.platform) in first.new else 0.0)
    cols = np.array(cols_l, dtype=np.int64)
    vals = np.array(vals_l)
    lb[cols] = ub[cols] = vals
    m = dataclasses.replace(m, lb=[lb], ub=[ub])
    lumpy = lumpy_columns(m, d)
    lumpy[cols] = False
    t1 = time.perf_counter()
    res: SolveResult = solve_model(m, time_limit=max(time_limit - (t1 - t0), 0.05), gap=gap, threads=threads,
                                   up_filter=make_up_filter(m, d),
                                   make_whole=_keeping(lambda x: whole_solution(m, d, x), cols, vals, vals),
                                   lumpy=lumpy)
    if res.status not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        raise AllyplanError(f"the scenario as stated could not be planned with the sample-average first month "
                            f"({res.highs_status})")
    t2 = time.perf_counter()
    tables = assign_results(m, d, res.values)
    terms = plan_objective(d, tables["coverage"], tables["deliveries"], tables["burden"])
    t3 = time.perf_counter()
    objective = terms["total"]
    rel = max(0.0, (objective - res.bound) / max(abs(objective), 1e-9)) if np.isfinite(res.bound) else float("nan")
    status = SolveStatus.OPTIMAL if rel <= gap + 1e-9 else SolveStatus.FEASIBLE
    shortfalls = explain_shortfalls(d, tables["coverage"], tables["deliveries"], optimal=status is SolveStatus.OPTIMAL)
    t4 = time.perf_counter()
    A = m.matrix()
    integral = m.bounds()[2]
    size = {"variables": m.n_cols, "constraints": m.n_rows, "nonzeros": int(A.nnz), "integers": int(integral.sum())}
    return Plan(scenario=s, status=status, objective=objective, bound=res.bound, gap=rel, terms=terms,
                deliveries=tables["deliveries"], baseline=tables["baseline"], coverage=tables["coverage"],
                shortfalls=shortfalls, burden=tables["burden"],
                timings={"build": t1 - t0, "solve": t2 - t1, "results": t3 - t2, "explain": t4 - t3}, size=size,
                model_objective=res.objective, method=res.highs_status + " (first month fixed: sample-average)",
                work=res.work, inputs=d)
