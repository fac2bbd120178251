"""Stage 4: pass the model to HiGHS as CSR arrays and solve it."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

import highspy
import numpy as np

from allyplan.planner.model import Model

__all__ = ["SolveStatus", "SolveProgress", "SolveResult", "solve_model"]


class SolveStatus(str, Enum):
    """How the solve ended."""

    OPTIMAL = "optimal"  # proven optimal within the requested gap
    FEASIBLE = "feasible"  # a plan, stopped by the time limit before the gap was closed
    NO_SOLUTION = "no_solution"  # stopped before any plan was found
    ERROR = "error"


@dataclass(frozen=True)
class SolveProgress:
    """A progress report while HiGHS works on a MILP."""

    seconds: float
    objective: float
    bound: float
    gap: float


@dataclass
class SolveResult:
    status: SolveStatus
    objective: float
    bound: float
    gap: float
    seconds: float
    values: np.ndarray
    highs_status: str


_banner_shown = False


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """HiGHS prints a banner on stdout when the first instance is made; keep the CLI's output clean."""
    global _banner_shown
    if _banner_shown:
        yield
        return
    _banner_shown = True
    try:
        fd = os.dup(1)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(fd, 1)
        os.close(fd)


def _highs(lp: highspy.HighsLp, time_limit: float, gap: float, threads: int | None) -> highspy.Highs:
    with _quiet_stdout():
        h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", max(float(time_limit), 0.01))
    h.setOptionValue("mip_rel_gap", float(gap))
    if threads:
        h.setOptionValue("threads", int(threads))
    h.passModel(lp)
    return h


def _lp(m: Model) -> tuple[highspy.HighsLp, np.ndarray]:
    A = m.matrix()
    col_lb, col_ub, integral, row_lb, row_ub = m.bounds()
    lp = highspy.HighsLp()
    lp.num_col_ = m.n_cols
    lp.num_row_ = m.n_rows
    lp.col_cost_ = m.full_cost()
    lp.col_lower_ = col_lb
    lp.col_upper_ = col_ub
    lp.row_lower_ = row_lb
    lp.row_upper_ = row_ub
    lp.offset_ = m.offset
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = A.indptr.astype(np.int32)
    lp.a_matrix_.index_ = A.indices.astype(np.int32)
    lp.a_matrix_.value_ = A.data
    return lp, integral


def solve_model(m: Model, *, time_limit: float = 60.0, gap: float = 1e-4, threads: int | None = None,
                progress: Callable[[SolveProgress], None] | None = None,
                up_filter: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray] | None = None) -> SolveResult:
    """Solve with HiGHS; ``gap`` is the relative MIP gap at which to stop, ``time_limit`` in seconds.

    A MILP is solved in up to three steps, each only if the last left the gap open:
    1. the LP relaxation, whose optimum bounds every plan from below;
    2. a rounded plan from :func:`_dive`: lumpy shipments rounded up where ``up_filter`` finds room for the
       extra units, down otherwise, re-solving the LP warm-started in between; rounding down is always
       feasible, because every supply limit is an upper bound and unmet need is a variable;
    3. branch and bound, started from that plan, for the time that remains (only if at least twice the LP's
       time is left: it has to solve its own root LP first).
    The gap reported is always proven: (plan - bound) / plan.
    """
    started = time.perf_counter()
    lp, integral = _lp(m)
    if not integral.any():
        h = _highs(lp, time_limit, gap, threads)
        h.run()
        return _result(h, started, None)

    h = _highs(lp, time_limit, gap, threads)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return _result(h, started, None)
    bound = float(h.getInfo().objective_function_value)
    lp_seconds = time.perf_counter() - started
    ships = np.flatnonzero(integral & ~m.family_mask("alloc") & ~m.family_mask("new"))
    incumbent = _dive(h, ships, m.ub_array()[ships], eager=m.platform_ids()[ships] >= 0,
                      deadline=started + time_limit, up_filter=up_filter)
    value = float(m.full_cost() @ incumbent + m.offset)
    rel = _gap(value, bound)
    if progress is not None:
        progress(SolveProgress(time.perf_counter() - started, value, bound, rel))
    whole = bool(np.all(np.abs(incumbent[integral] - np.round(incumbent[integral])) <= 1e-6))
    left = time_limit - (time.perf_counter() - started)
    if (rel <= gap and whole) or left < 2 * lp_seconds:  # branch and bound needs at least its root LP
        return SolveResult(SolveStatus.OPTIMAL if rel <= gap and whole else SolveStatus.FEASIBLE, value, bound,
                           rel, time.perf_counter() - started, np.asarray(incumbent), "rounded LP relaxation")

    lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in integral]
    h = _highs(lp, left, gap, threads)
    if whole:
        sol = highspy.HighsSolution()
        sol.col_value = list(np.where(integral & ~m.family_mask("alloc"), np.round(incumbent), incumbent))
        h.setSolution(sol)
    if progress is not None:
        def report(e: Any) -> None:
            out = e.data_out
            progress(SolveProgress(time.perf_counter() - started, out.objective_function_value,
                                   max(out.mip_dual_bound, bound), out.mip_gap))
        h.cbMipImprovingSolution.subscribe(report)
        h.cbMipLogging.subscribe(report)
    h.run()
    res = _result(h, started, bound)
    if not np.isfinite(res.objective) or (whole and res.objective > value):
        # Branch and bound found nothing (better) in the time left: keep the rounded plan.
        best_bound = max(bound, res.bound) if np.isfinite(res.bound) else bound
        rel = _gap(value, best_bound)
        return SolveResult(SolveStatus.OPTIMAL if rel <= gap else SolveStatus.FEASIBLE, value, best_bound, rel,
                           time.perf_counter() - started, incumbent, "rounded LP relaxation; " + res.highs_status)
    return res


def _dive(h: highspy.Highs, cols: np.ndarray, ub: np.ndarray, eager: np.ndarray, deadline: float,
          rounds: int = 8, passes: int = 3,
          up_filter: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray] | None = None) -> np.ndarray:
    """Make the integer columns ``cols`` whole by rounding and re-solving the LP (warm-started).

    1. A few rounds: every fractional column is rounded up (when its fraction is at least one half, or, for a
       platform other items need (``eager``), when it is positive, and when ``up_filter`` says the extra units
       fit under their limits) or down, and the LP re-solved; a round
       whose round-ups leave no feasible plan is undone, and those columns are only rounded down from then on.
    2. A few passes: the fractional columns that are not such platforms are rounded down and fixed; then the
       platforms, up from one half (if the plan stays feasible) and down otherwise.
    3. Every column is fixed at its value rounded down, and the LP re-solved once more. Rounding down is always
       feasible: supply limits are upper bounds and unmet need is a variable.
    Should a re-solve still fail, the results stage rounds what is left down and drops what it cannot use.
    Returns the last feasible solution (a re-solve that fails is undone, so there always is one: the LP
    relaxation's at worst).
    """
    idx = cols.astype(np.int32)

    def state() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        x = np.asarray(h.getSolution().col_value, dtype=float)[cols]
        part = x - np.floor(x + 1e-6)
        return x, part, part > 1e-6

    best = [np.asarray(h.getSolution().col_value, dtype=float)]

    def solve(lo: np.ndarray, hi: np.ndarray, least: float = 0.25) -> bool:
        h.changeColsBounds(len(cols), idx, lo, hi)
        # HiGHS counts its time limit over every run of this instance, so extend it by what is left.
        h.setOptionValue("time_limit", h.getRunTime() + max(deadline - time.perf_counter(), least))
        h.run()
        ok = bool(h.getModelStatus() == highspy.HighsModelStatus.kOptimal)
        if ok:
            best[0] = np.asarray(h.getSolution().col_value, dtype=float)
        return ok

    lb, hi = np.zeros(len(cols)), ub.astype(float).copy()
    down_only = np.zeros(len(cols), dtype=bool)
    for _ in range(rounds):
        x, part, frac = state()
        if not frac.any() or time.perf_counter() > deadline:
            break
        up = frac & ~down_only & ((part >= 0.5) | (eager & (part > 1e-3)))
        if up_filter is not None and up.any():
            want = np.flatnonzero(up)
            fits = up_filter(np.asarray(h.getSolution().col_value, dtype=float), cols[want],
                             np.ceil(x[want]) - x[want])
            up[want[~fits]] = False
        try_lb, try_hi = lb.copy(), hi.copy()
        try_lb[up] = np.ceil(x[up])
        try_hi[frac & ~up] = np.floor(x[frac & ~up] + 1e-6)
        if solve(try_lb, try_hi):
            lb, hi = try_lb, try_hi
        else:
            down_only |= up
            solve(lb, hi)
    for _ in range(passes):
        for platforms in (False, True):
            x, part, frac = state()
            pick = frac & (eager == platforms)
            if not pick.any() or time.perf_counter() > deadline:
                continue
            fixed = np.where(pick & platforms & (part >= 0.5), np.ceil(x), np.floor(x + 1e-6))
            try_lb, try_hi = lb.copy(), hi.copy()
            try_lb[pick] = try_hi[pick] = np.clip(fixed[pick], lb[pick], hi[pick])
            if not solve(try_lb, try_hi):
                try_lb[pick] = try_hi[pick] = np.clip(np.floor(x[pick] + 1e-6), lb[pick], hi[pick])
                if not solve(try_lb, try_hi):
                    return best[0]
            lb, hi = try_lb, try_hi
    # Last, every column at its value rounded down, all at once, so that nothing can move any more.
    x, _, frac = state()
    if frac.any():
        whole = np.clip(np.floor(x + 1e-6), lb, hi)
        solve(whole, whole, least=2.0)  # the one re-solve that must finish: it makes the plan whole
    return best[0]


def _gap(value: float, bound: float) -> float:
    if not np.isfinite(value):
        return float("inf")
    return max(0.0, (value - bound) / max(abs(value), 1e-9))


def _result(h: highspy.Highs, started: float, lp_bound: float | None) -> SolveResult:
    status = h.getModelStatus()
    info = h.getInfo()
    sol = h.getSolution()
    values = np.asarray(sol.col_value, dtype=float) if sol.value_valid else None
    if status == highspy.HighsModelStatus.kOptimal:
        st = SolveStatus.OPTIMAL
    elif values is not None and status in (highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kInterrupt,
                                           highspy.HighsModelStatus.kIterationLimit,
                                           highspy.HighsModelStatus.kSolutionLimit):
        st = SolveStatus.FEASIBLE
    elif values is None:
        st = SolveStatus.NO_SOLUTION
    else:
        st = SolveStatus.ERROR
    objective = float(info.objective_function_value) if values is not None else float("nan")
    if lp_bound is not None:
        dual = float(info.mip_dual_bound)
        bound = max(dual, lp_bound) if np.isfinite(dual) else lp_bound
        rel = _gap(objective, bound) if values is not None else float("nan")
    else:
        bound, rel = objective, 0.0
    return SolveResult(st, objective, bound, rel, time.perf_counter() - started,
                       values if values is not None else np.zeros(h.getNumCol()), h.modelStatusToString(status))
