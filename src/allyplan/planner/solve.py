"""Stage 4: pass the model to HiGHS as CSR arrays and solve it."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import highspy
import numpy as np

from allyplan.planner.constraints import ACCOUNTING_ROWS
from allyplan.planner.improve import Neighbourhood
from allyplan.planner.model import Model

__all__ = ["SolveStatus", "SolveProgress", "SolveResult", "solve_model", "write_model"]


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
    phase: str = ""


@dataclass
class SolveResult:
    status: SolveStatus
    objective: float
    bound: float
    gap: float
    seconds: float
    values: np.ndarray
    highs_status: str
    work: dict[str, int] = field(default_factory=dict)  # HiGHS's own deterministic work counts
    steps: dict[str, float] = field(default_factory=dict)  # wall seconds of each step (lp, dive, whole, ...)


_banner_shown = False

#: HiGHS's simplex scaling: 4 scales rows and columns by their largest value (HiGHS's default, 2, equilibrates).
#: Measured on the generated cases (seed 0), the LP relaxation's dual simplex iterations, default -> 4: 2,761 ->
#: 2,514 at 1/8, 3,198 -> 2,777 at 1/4, 11,789 -> 10,955 at 1/2, 35,100 -> 28,506 at 1x (7.2-7.7 -> 4.6-5.0 CPU s,
#: load 5-7); the same optimum. No scaling (0): 30,288 at 1x; the other strategies: as the default.
SIMPLEX_SCALE = 4


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
    # highspy keeps the locks that say "a solve is running" on the class, shared by every instance: one run left
    # behind (it did not stop when cancelled) would make every later instance refuse to start ("Solver is already
    # running"). Each instance gets its own.
    h._Highs__solver_stopped = threading.RLock()
    h._Highs__solver_started = threading.Lock()
    # HiGHS keeps the user interrupt that stopped one run for every later run of the instance: after the dive's
    # re-solve was cut at its deadline, the whole-unit LP stopped at once, "interrupted", 0 iterations (at 1x
    # whenever the dive ran out of time). Each run is interrupted only when that run is cancelled.
    def interrupt_only_if_cancelled(e: Any) -> None:
        e.data_in.user_interrupt = bool(h._Highs__solver_should_stop)

    for event in (h.cbSimplexInterrupt, h.cbIpmInterrupt, h.cbMipInterrupt):
        event.subscribe(interrupt_only_if_cancelled)
    h.setOptionValue("output_flag", False)
    h.setOptionValue("simplex_scale_strategy", SIMPLEX_SCALE)
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


def _run(h: highspy.Highs, deadline: float | None = None, grace: float = 2.0) -> bool:
    """Run HiGHS in its own thread, so that Ctrl-C is heard at once and ``deadline`` (a ``perf_counter`` time)
    is kept even where HiGHS's own time limit is checked too rarely (its MIP presolve and root node): the solve is
    cancelled (HiGHS polls for that within milliseconds in most phases) and, on Ctrl-C, KeyboardInterrupt raised
    again once it stopped. Returns False when HiGHS has not stopped ``grace`` seconds after being cancelled: it is
    then left to finish in its (daemon) thread, and ``h`` must not be used again."""
    return _run_all([h], deadline, grace)[0]


def _run_all(hs: list[highspy.Highs], deadline: float | None = None, grace: float = 2.0,
             lag: float | None = None) -> list[bool]:
    """:func:`_run` for several instances at once, each in its own thread (HiGHS's simplex and most of its
    branch and bound use one core: two sub-MIPs side by side use both cores of a two-core machine). ``lag``: once
    the first instance has finished, the others get at most as long again as it took, and at least ``lag``
    seconds (a core left idle waiting for a slow sub-MIP is time the next round could use; the first is never cut
    short for the others). Returns, per instance, whether it stopped."""
    threads = []
    for h in hs:
        h.HandleUserInterrupt = True
        threads.append(h.startSolve())
    running = list(range(len(hs)))
    stopped = [True] * len(hs)
    cancelled = float("inf")
    began = time.perf_counter()
    try:
        while running:
            running = [i for i in running if not hs[i].wait(0.05 / len(running))[0]]
            now = time.perf_counter()
            if lag is not None and running and running[0] != 0:
                until = now + max(lag, now - began)
                deadline = until if deadline is None else min(deadline, until)
                lag = None
            if running and deadline is not None and now > deadline and cancelled == float("inf"):
                for i in running:
                    hs[i].cancelSolve()
                cancelled = now
            elif running and now > cancelled + grace:
                for i in running:
                    stopped[i] = False
                break
    except KeyboardInterrupt:
        for h in hs:
            h.cancelSolve()
        for t in threads:
            t.join(1.0)  # HiGHS stops within milliseconds in most phases; never wait longer than this
        raise
    for i, t in enumerate(threads):
        if stopped[i]:
            t.join()
    return stopped


class _Abandoned(Exception):
    """HiGHS did not stop when asked; its instance is left behind."""


class _OutOfTime(Exception):
    """The dive's deadline came: it ends with the last feasible solution it had."""


#: The whole-unit step's time, kept back from the dive: this share of the LP relaxation's time plus this much.
WHOLE_SHARE, WHOLE_FIXED = 0.15, 0.3
#: The dive's last step (every column rounded down, the LP re-solved until nothing is fractional; up to four
#: re-solves) is taken only when twice the time of the re-solve before it is at most this share of the dive's time
#: left. It was taken when four times the LP relaxation's time was left: at 1x that step took 1.5-2.2 s and the plan
#: was better without it (10 s: 2.8% against 1.35%), but at 1/2, where it takes 0.3 s and makes the whole-unit plan
#: 1.7% from the bound instead of 7%, it depended on how fast the LP had been: `allyplan plan --time-limit 10` at
#: 1/2 ended 4.1%, 0.43%, 0.39%, 0.54%, 3.8% (LP 0.9-1.8 s, the machine shared); with this rule 0.43% in three
#: runs (the accounting rows kept, see ACCOUNTING_LATER_COLS). Models that defer their accounting rows (1x) never
#: take it: there it took 1.3-1.8 s (four re-solves; the rule's estimate is 0.6 s) for a whole-unit plan 6.91% from
#: the bound instead of 7.21%, and the run ended 2.78% against 2.33% without it (the neighbourhoods' time).
SETTLE_SHARE = 0.25
#: Models with at least this many columns solve their LP relaxation and the dive without the accounting rows (the
#: burden's: a donor's value over everything it sends, 150 dense rows at 1x), which are put back for the whole-unit
#: step. Measured at 1x (136,996 columns): the LP relaxation 2.3-2.7 s instead of 3.7-4.3 s, its optimum 15 lower (of
#: 1,051,055: a relaxation's optimum still bounds every plan); `allyplan plan --time-limit 10` 2.50%, 2.17%, 2.50%
#: against 3.03%, 3.03%, 2.62% (pairs in turn). Smaller models keep them: the dive makes a better plan with them, and
#: their LP is quick; at 1/2 (58,656 columns) 0.43% in three runs with them against 0.52-0.59% without, at 1/4
#: 0.186% against 0.19%. Putting them back and re-solving the relaxation warm took longer than solving with them
#: (8,239 iterations, 4.3-5.1 s at 1x).
ACCOUNTING_LATER_COLS = 100_000
#: A neighbourhood frees at most this share of the integer columns (measured at 1/8 and 1/4: 0.05 and 0.1 did
#: about as well, 0.2 and more left sub-MIPs HiGHS could not finish in their time).
NEIGHBOURHOOD_SHARE = 0.1
#: ... and at first at most this many (then more while they are solved quickly, fewer when cut off).
NEIGHBOURHOOD_START = 1000
#: Neighbourhoods solved side by side: once the first is done, the others get as long again as it took, and at
#: least this many seconds.
NEIGHBOURHOOD_LAG = 0.25
#: Neighbourhoods a round solves side by side, per core (threads of their own: more than the cores), and at most.
#: More in a round cover more of the needs the plan loses, for the same cost of choosing and putting them together,
#: and the lag above cuts the slowest. Measured at 1x on two cores (the solve given 8 s, four runs each): 2 a round
#: ended 1.66-2.25% from the bound (mean 1.89%), 4 1.27-1.55% (1.35%), 6 0.96-1.61% (1.23%), 8 (two runs)
#: 1.08-1.26%; six run two at a time 1.15 and 1.33%, all six at once 1.02 and 1.03%.
#: On a small model a round's fixed costs are small and its sub-MIPs quick: one a core (the example solved 0.07 s
#: slower with six, 1/8 and 1/4 ended as close to the bound either way; 1/2, 28,822 integers: 0.374% against 0.432%).
NEIGHBOURHOODS_PER_CORE, NEIGHBOURHOODS_MOST, NEIGHBOURHOODS_MANY_FROM = 3, 8, 20_000
#: ... and only while at least this many seconds are left: at 1x with 0.4-1.1 s for the search (the solve given 4.5 s)
#: one round of six ended 6.6-6.8% from the bound, one of two 3.6%.
NEIGHBOURHOODS_MANY_LEAST = 2.0
#: No round of neighbourhoods starts with less than this many seconds left.
ROUND_LEAST = 0.5
#: Seconds branch and bound over the whole model is waited for once cancelled at the deadline, before it is left
#: behind (measured at 1/4 with 4.2 s left: its root node ran 2 s past the deadline, the wait's whole length).
BB_GRACE = 0.3
#: The neighbourhood search stops after this many rounds in a row that found nothing better, or nothing that closed at
#: least NEIGHBOURHOOD_PROGRESS of the gap to the bound: near the optimum the rest of the gap is the bound's, and
#: branch and bound's root node (cuts) is what closes it (at 1/4, measured: neighbourhoods taking 8 units off a
#: plan 1,570 from the bound kept the search going 21 rounds, and branch and bound, left 1 s, raised no bound;
#: after 12 rounds it had 4 s and raised the bound by 1,211, gap 0.19% -> 0.03%).
NEIGHBOURHOOD_STALL = 8
NEIGHBOURHOOD_PROGRESS = 0.01
#: A plan within the requested gap but not at the bound is polished by a short branch and bound to this gap, when
#: the LP relaxation was quick (at most POLISH_LP seconds) and time remains: a plan short of one unit it could send
#: is within 1e-4 of the optimum but reads as a mistake (the example's 604,999 of 605,000 shells).
POLISH_GAP, POLISH_LP = 1e-9, 0.5


def write_model(m: Model, path: str | os.PathLike[str]) -> None:
    """Write the model, exactly as :func:`solve_model` passes it to HiGHS (integer columns marked), to an MPS
    (``.mps``) or CPLEX LP (``.lp``) file, for another solver."""
    lp, integral = _lp(m)
    lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in integral]
    h = _highs(lp, 1.0, 1e-4, None)
    if h.writeModel(str(path)) == highspy.HighsStatus.kError:
        raise OSError(f"HiGHS could not write the model to {path}")


def solve_model(m: Model, *, time_limit: float = 60.0, gap: float = 1e-4, threads: int | None = None,
                progress: Callable[[SolveProgress], None] | None = None,
                up_filter: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray] | None = None,
                make_whole: Callable[[np.ndarray], np.ndarray] | None = None,
                lumpy: np.ndarray | None = None,
                neighbourhood: Neighbourhood | None = None,
                polish: bool = True, fallback: Callable[[], np.ndarray] | None = None) -> SolveResult:
    """Solve with HiGHS; ``gap`` is the relative MIP gap at which to stop, ``time_limit`` in seconds of wall
    time for the whole solve; ``polish``: close a gap already within ``gap`` when that is quick (see POLISH_GAP;
    sweeps, which compare thousands of plans within the gap, leave it off).

    A MILP is solved in steps, each only if the last left the gap open and time remains:
    1. the LP relaxation, whose optimum bounds every plan from below;
    2. a rounding dive (:func:`_dive`): shipments of ``lumpy`` items rounded (up where ``up_filter`` finds room
       for the extra units), re-solving the LP warm-started in between;
    3. a whole-unit plan: ``make_whole`` turns the dive's solution into whole shipments and allocations, and the
       LP is re-solved with every integer column fixed there, so the plan is a solution of the model (time for
       this step is kept back from the dive's);
    4. a neighbourhood search (fix-and-optimise): rounds of small MIPs over the integer columns
       ``neighbourhood(plan, LP solution, most)`` frees (:mod:`allyplan.planner.improve`: the needs the plan
       loses against the LP relaxation, with their items), every other column fixed at the plan (a model of the
       free columns and the rows they touch: :func:`_restrict`), each started from the plan; the size adapts
       (larger while they solve quickly, smaller when cut off), and it stops after ``NEIGHBOURHOOD_STALL``
       rounds without a better plan. Without ``neighbourhood``: one MIP over what rounding decided (the integer
       columns where the plan and the dive's solution disagree);
    5. branch and bound over the whole model, started from the best plan (``setSolution``), for the time that
       remains (only if at least twice the LP's time is left: it has to solve its own root LP first).
    Integer columns of the solution returned are whole whenever a whole plan was found. ``fallback``: a whole
    solution of the model made without the solver (:func:`allyplan.planner.greedy.greedy_solution`), returned
    when the LP relaxation is not done before the deadline or no whole plan was made, so that a plan always
    exists. Ctrl-C stops HiGHS within moments and raises KeyboardInterrupt.
    """
    started = time.perf_counter()
    deadline = started + time_limit
    lp, integral = _lp(m)

    def report(phase: str, value: float, bound: float) -> None:
        if progress is not None:
            progress(SolveProgress(time.perf_counter() - started, value, bound, _gap(value, bound), phase))

    # The accounting rows are dense (a donor's value over all it sends) and slow every simplex iteration; on a
    # large model the LP relaxation and the dive go without them (a relaxation still: its optimum bounds every
    # plan), and they are put back before the whole-unit step, which sets the plan's continuous columns.
    accounting = m.row_mask(*ACCOUNTING_ROWS)
    later = (np.flatnonzero(accounting).astype(np.int32) if m.n_cols >= ACCOUNTING_LATER_COLS and make_whole is not None
             else None)
    if later is not None:
        row_lb, row_ub = np.asarray(lp.row_lower_, dtype=float), np.asarray(lp.row_upper_, dtype=float)
        lp.row_lower_, lp.row_upper_ = np.where(accounting, -np.inf, row_lb), np.where(accounting, np.inf, row_ub)
        h = _highs(lp, time_limit, gap, threads)
        lp.row_lower_, lp.row_upper_ = row_lb, row_ub
    else:
        h = _highs(lp, time_limit, gap, threads)
    report("LP relaxation", float("nan"), float("nan"))
    if not _run(h, deadline):
        if fallback is not None:
            return _fallback(m, fallback, started, "the LP relaxation was not done in time")
        return SolveResult(SolveStatus.NO_SOLUTION, float("nan"), float("nan"), float("nan"),
                           time.perf_counter() - started, np.zeros(m.n_cols), "time limit (LP relaxation)")
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal and fallback is not None:
        ended = h.getModelStatus()
        why = ("the LP relaxation was not done in time" if ended in (highspy.HighsModelStatus.kTimeLimit,
                                                                     highspy.HighsModelStatus.kInterrupt)
               else f"the LP relaxation ended {h.modelStatusToString(ended)}")
        return _fallback(m, fallback, started, why)
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal or not integral.any():
        return _result(h, started, None)
    bound = float(h.getInfo().objective_function_value)
    lp_seconds = time.perf_counter() - started
    steps = {"lp": lp_seconds}
    work = {"lp_iterations": int(h.getInfo().simplex_iteration_count)}
    report("rounding", float("nan"), bound)
    ships = np.flatnonzero(integral & ~m.family_mask("alloc") & ~m.family_mask("new") & (lumpy if lumpy is not None
                                                                                         else True))
    best = [np.asarray(h.getSolution().col_value, dtype=float)]
    relaxed = best[0]
    usable = True
    # The whole-unit step after the dive gets its time before the deadline: making the solution whole (Python)
    # and one LP with every integer fixed took 0.10 of the LP's time at 1x and 0.5 at 1/8 (fixed costs), measured.
    # When less than that is left, the dive gets none (it used to get half: at 1x with 0.9 s left after the LP,
    # the dive took 0.45 s and the whole-unit LP was then cut off, measured).
    reserve = min(WHOLE_SHARE * lp_seconds + WHOLE_FIXED, max(deadline - time.perf_counter(), 0.0))
    try:
        _dive(h, ships, m.ub_array()[ships], eager=m.platform_ids()[ships] >= 0, deadline=deadline - reserve,
              up_filter=up_filter, best=best, settle=SETTLE_SHARE if later is None else False)
    except _OutOfTime:
        pass  # best[0] holds the dive's last feasible solution
    except _Abandoned:
        usable = False
    incumbent = best[0]
    cols = np.flatnonzero(integral)
    steps["dive"] = time.perf_counter() - started - lp_seconds
    made: dict[bool, _Links] = {}

    def links(aside: bool = False) -> _Links:
        """The sub-models' links, made once (``aside``: with the accounting rows aside, for :func:`_blocked`)."""
        if aside not in made:
            made[aside] = _Links(m.matrix(), integral, accounting if aside else None)
        return made[aside]

    # Always made whole, so that the plan written is a solution of the model rather than a rounding of one. The
    # LP that sets the continuous columns for those integers may run a tenth of the LP's time past the deadline;
    # should even that not do, the whole integers are returned with the dive's continuous values and no
    # objective (NaN: what those say is not the plan's worth; the plan's tables and objective come from the
    # integers alone). When the dive had no time for a single re-solve, its first
    # round's rounding is made without one (measured at 1x: a plan 8.8% from the bound instead of 20.6% made
    # from the LP relaxation itself, for 0.45 s); should those units leave the model infeasible, the LP
    # relaxation's solution is made whole instead.
    starts = [incumbent]
    if incumbent is relaxed and up_filter is not None and usable:
        starts.insert(0, _round_once(relaxed, ships, m.platform_ids()[ships] >= 0, up_filter))
    dived = incumbent
    consistent = True  # the incumbent's continuous columns are the best for its integers (its value is its worth)
    if make_whole is not None and usable:
        for start in starts:
            dived = start
            whole = np.round(make_whole(start)[cols])
            until = deadline + 0.1 * lp_seconds
            if later is not None:
                # The relaxation's basis knows nothing of the accounting rows: an LP of the continuous columns
                # alone, solved afresh, is quicker than a warm re-solve with them put back (1x: 0.29-0.36 s against
                # 0.62-1.16 s, the same plan to the cent)
                ended, x = _fixed_lp(m, lp, integral, start, whole, until, threads, links())
            else:
                h.changeColsBounds(len(cols), cols.astype(np.int32), whole, whole)
                h.setOptionValue("time_limit", h.getRunTime() + max(until - time.perf_counter(), 0.01))
                ended = h.getModelStatus() if _run(h, until) else highspy.HighsModelStatus.kInterrupt
                x = np.asarray(h.getSolution().col_value, dtype=float)
            if ended == highspy.HighsModelStatus.kOptimal:
                incumbent = x
            elif ended == highspy.HighsModelStatus.kInfeasible and start is not starts[-1]:
                continue
            else:
                incumbent = start.copy()
                consistent = False
            incumbent[cols] = whole
            break
        steps["whole"] = time.perf_counter() - started - lp_seconds - steps["dive"]
    is_whole = bool(np.all(np.abs(incumbent[cols] - np.round(incumbent[cols])) <= 1e-6))
    method = "rounded LP relaxation"
    if not is_whole and fallback is not None:  # HiGHS left behind in the dive: the greedy plan is whole
        incumbent, is_whole, consistent = fallback(), True, True
        method = "greedy plan (the rounding dive did not finish)"
    value = float(m.full_cost() @ incumbent + m.offset)
    if not consistent:
        report("rounding", float("nan"), bound)
        return SolveResult(SolveStatus.FEASIBLE, float("nan"), bound, float("nan"), time.perf_counter() - started,
                           incumbent, method + " (whole units; the LP for the rest did not finish)", work, steps)

    report("rounding", value, bound)

    lp.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous for i in integral]

    cost = m.full_cost()

    def begin(free: np.ndarray | None, seconds: float, phase: str, mip_gap: float = gap
              ) -> tuple[highspy.Highs, Callable[[bool], np.ndarray | None]]:
        """Set up HiGHS's branch and bound from the incumbent, over the whole model (``free`` None) or over the
        columns ``free`` with every other column fixed at the incumbent (a model of those columns and the rows
        they touch only). Returns its instance, to be run, and a function that, given whether the run stopped,
        returns the best solution it found that is better than the incumbent (None if none). Every improving
        solution HiGHS reports is kept as it comes, so what it found is used even when it is cancelled at the
        deadline or does not stop when asked."""
        if free is None:
            sub, where = lp, np.arange(m.n_cols)
        else:
            sub, where = _restrict(m, lp, integral, free, incumbent, links())
        hm = _highs(sub, seconds, mip_gap, threads)
        if is_whole:
            _start_from(hm, incumbent[where], whole_model=free is None)
        found: list[Any] = [None, value - 1e-9]
        base = incumbent

        def full(x: np.ndarray) -> np.ndarray:
            out = base.copy()
            out[where] = x
            return out

        def improved(e: Any) -> None:
            out = e.data_out
            x = np.asarray(out.mip_solution, dtype=float)
            if len(x) == len(where):
                x = full(x)
                v = float(cost @ x + m.offset)
                if v < found[1]:
                    found[0], found[1] = x, v
            report(phase, out.objective_function_value, max(out.mip_dual_bound, bound))
        hm.cbMipImprovingSolution.subscribe(improved)
        if free is None:  # the whole model: its dual bound bounds every plan, even from a run cut short
            def dual(e: Any) -> None:
                b = float(e.data_out.mip_dual_bound)
                if np.isfinite(b) and b > raised[0]:
                    raised[0] = b
            hm.cbMipInterrupt.subscribe(dual)

        def finish(stopped: bool) -> np.ndarray | None:
            if stopped:
                sol = hm.getSolution()
                if sol.value_valid:
                    x = full(np.asarray(sol.col_value, dtype=float))
                    if float(cost @ x + m.offset) < found[1]:
                        found[0] = x
            return found[0]

        return hm, finish

    def mip(free: np.ndarray | None, seconds: float, phase: str, mip_gap: float = gap,
            grace: float = 2.0) -> tuple[highspy.Highs | None, np.ndarray | None]:
        """Run :func:`begin`'s branch and bound; returns its instance (None if HiGHS did not stop within
        ``grace`` seconds of being cancelled at the end of ``seconds``) and the best solution it found that is
        better than the incumbent (None if none)."""
        hm, finish = begin(free, seconds, phase, mip_gap)
        report(phase, value, bound)
        stopped = _run(hm, time.perf_counter() + seconds, grace)
        return (hm if stopped else None), finish(stopped)

    raised = [-np.inf]  # the best dual bound branch and bound over the whole model reported as it ran
    rounds = stalled = 0
    most = max(int(min(NEIGHBOURHOOD_SHARE * len(cols), NEIGHBOURHOOD_START)), 1)
    workers = 1 if neighbourhood is None else _workers(threads, len(cols))
    few = 1 if neighbourhood is None else _workers(threads)  # one a core
    while is_whole and _gap(value, bound) > gap and stalled < NEIGHBOURHOOD_STALL:
        left = deadline - time.perf_counter()
        if left < ROUND_LEAST:
            break
        frees: list[np.ndarray] = []
        # many side by side share the cores: with little time left each would get too little of one to finish
        for _ in range(workers if left >= NEIGHBOURHOODS_MANY_LEAST else few):
            fixed = np.zeros(m.n_cols, dtype=bool)
            fixed[cols] = True
            if rounds == 0 and neighbourhood is None:  # what rounding decided (the dive and the plan disagree there)
                fixed[cols] = np.abs(dived[cols] - incumbent[cols]) <= 1e-6
            if neighbourhood is not None:
                blocked = _blocked(frees, m.matrix(), integral, accounting, links(aside=True)) if frees else None
                fixed &= ~neighbourhood(incumbent, relaxed, most, blocked)
            if fixed[cols].all():
                break
            frees.append(~fixed & integral)
        if not frees:
            break
        seconds = min(left, max(0.25 * left, lp_seconds))
        t_round = time.perf_counter()
        started_mips = [begin(f, seconds, "neighbourhood search") for f in frees]
        report("neighbourhood search", value, bound)
        # setting up the sub-MIPs takes time of its own (six at 1x: 0.3-0.5 s), which must not carry the round past
        # the deadline (a run ended 10.26 s)
        ends = min(time.perf_counter() + seconds, deadline)
        # The last round (no other starts after it) is left behind as branch and bound is: a sub-MIP busy in its
        # presolve or root node heard its cancel 1.2 s late at 1x (the run 1.4 s over its limit), measured.
        last = ends >= deadline - ROUND_LEAST
        stopped = _run_all([hm for hm, _ in started_mips], ends, grace=BB_GRACE if last else 2.0,
                           lag=NEIGHBOURHOOD_LAG)
        found = [finish(ok) for (_, finish), ok in zip(started_mips, stopped, strict=True)]
        rounds += 1
        stalled += 1
        # Adaptive size: neighbourhoods solved in well under their time may grow, one cut off must shrink.
        solved = [ok and hm.getModelStatus() == highspy.HighsModelStatus.kOptimal
                  for (hm, _), ok in zip(started_mips, stopped, strict=True)]
        if all(solved):
            if time.perf_counter() - t_round < 0.25 * seconds:
                most = int(most * 1.5)
        else:
            most = max(int(most * 0.5), 1)
        work["rins_nodes"] = work.get("rins_nodes", 0) + sum(
            int(hm.getInfo().mip_node_count) for (hm, _), ok in zip(started_mips, stopped, strict=True) if ok)
        # the LP putting them together may run a tenth of the LP relaxation's time past the deadline, as the
        # whole-unit step's may (at 1x 0.09 s for six neighbourhoods)
        better = _combine(m, lp, integral, incumbent, frees, found, cost, threads, links(),
                          until=max(deadline, time.perf_counter()) + 0.1 * lp_seconds)
        if better is not None:
            before = value
            incumbent = better
            incumbent[cols] = np.round(incumbent[cols])
            value = float(cost @ incumbent + m.offset)
            method = "rounded LP relaxation and neighbourhood search"
            if before - value >= NEIGHBOURHOOD_PROGRESS * (before - bound):
                stalled = 0
        if neighbourhood is None:
            break
    work["neighbourhoods"] = rounds
    steps["neighbourhoods"] = time.perf_counter() - started - sum(steps.values())

    rel = _gap(value, bound)
    left = deadline - time.perf_counter()
    if polish and is_whole and POLISH_GAP < rel <= gap and lp_seconds <= POLISH_LP and left >= 4 * lp_seconds + 0.5:
        _, better = mip(None, min(left, 4 * lp_seconds + 0.5), "polish", POLISH_GAP)
        if better is not None:
            incumbent = better
            incumbent[cols] = np.round(incumbent[cols])
            value = float(cost @ incumbent + m.offset)
            method += "; polished by branch and bound"
        rel = _gap(value, bound)
        left = deadline - time.perf_counter()
    if (rel <= gap and is_whole) or left < 2 * lp_seconds:  # branch and bound needs at least its root LP
        return SolveResult(SolveStatus.OPTIMAL if rel <= gap and is_whole else SolveStatus.FEASIBLE, value, bound,
                           rel, time.perf_counter() - started, incumbent, method, work, steps)

    # HiGHS's root node on a large model may not stop when asked: it is left behind after BB_GRACE seconds (the
    # run's wall time is the user's), keeping the dual bound it had reported by then.
    hm, better = mip(None, left, "branch and bound", grace=BB_GRACE)
    if better is not None:
        incumbent = better
        incumbent[cols] = np.round(incumbent[cols])
        value = float(cost @ incumbent + m.offset)
        method += "; branch and bound"
    if hm is None:
        best_bound = max(bound, raised[0])
        rel = _gap(value, best_bound)
        return SolveResult(SolveStatus.OPTIMAL if rel <= gap and is_whole else SolveStatus.FEASIBLE, value,
                           best_bound, rel, time.perf_counter() - started, incumbent,
                           method + " (it did not stop in time)", work, steps)
    res = _result(hm, started, bound)
    work.update(mip_nodes=int(hm.getInfo().mip_node_count))
    # Keep the best plan, with the bound branch and bound raised.
    best_bound = max(bound, res.bound, raised[0]) if np.isfinite(res.bound) else max(bound, raised[0])
    rel = _gap(value, best_bound)
    return SolveResult(SolveStatus.OPTIMAL if rel <= gap and is_whole else SolveStatus.FEASIBLE, value,
                       best_bound, rel, time.perf_counter() - started, incumbent,
                       method + ": " + res.highs_status, work, steps)


#: HiGHS's presolve rules left off for a branch and bound over the whole model started from a plan
#: (``presolve_rule_off``, a bit per rule): parallel rows and columns (bit 13). With it, HiGHS 1.16 carries the
#: start into the presolved model at a worse value (1/8: a plan worth 373,280 became 379,680 there, 6,400 more),
#: then takes its own 378,046 for better and returns it: the plan given was lost. Without the rule the start is
#: kept and the presolved model is about as small (1,374 rows against 1,356; root bound 373,075 either way).
#: Sub-MIPs keep every rule: they solve at the root and were slower without it (measured at 1/2, 8 sub-MIPs).
START_PRESOLVE_RULES_OFF = 1 << 13


def _start_from(h: highspy.Highs, x: np.ndarray, whole_model: bool) -> None:
    """Give HiGHS's branch and bound ``x`` (a whole solution of its model) to start from."""
    if whole_model:
        h.setOptionValue("presolve_rule_off", START_PRESOLVE_RULES_OFF)
    sol = highspy.HighsSolution()
    sol.col_value = list(x)
    h.setSolution(sol)


def _fallback(m: Model, fallback: Callable[[], np.ndarray], started: float, why: str) -> SolveResult:
    """The fallback plan as the result, with the only bound known without the LP: every column at its cheaper
    bound."""
    x = fallback()
    cost = m.full_cost()
    col_lb, col_ub, _, _, _ = m.bounds()
    with np.errstate(invalid="ignore"):
        bound = float(np.sum(np.where(cost > 0, cost * col_lb, np.where(cost < 0, cost * col_ub, 0.0))) + m.offset)
    value = float(cost @ x + m.offset)
    return SolveResult(SolveStatus.FEASIBLE, value, bound, _gap(value, bound), time.perf_counter() - started, x,
                       f"greedy plan ({why})")


def _workers(threads: int | None, integers: int = 0) -> int:
    """How many neighbourhoods a round solves side by side: one for each core this process may run on (or each of
    ``threads``), NEIGHBOURHOODS_PER_CORE for each on a model of at least NEIGHBOURHOODS_MANY_FROM ``integers``
    columns, at most NEIGHBOURHOODS_MOST; one where there is one core (or one thread)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    n = max(1, threads or cores)
    per_core = NEIGHBOURHOODS_PER_CORE if integers >= NEIGHBOURHOODS_MANY_FROM else 1
    return 1 if n == 1 else min(per_core * n, NEIGHBOURHOODS_MOST)


class _Links:
    """Which continuous columns and rows a sub-model over some columns takes with them, found once for a model: the
    connected components of the graph whose nodes are the rows (but ``skip``) and the continuous columns, joined
    where a column has an entry in a row (integer columns link nothing: a sub-model fixes or frees them). The
    columns and rows a set of columns pulls in are then the components of the rows it touches, a lookup (1x: 3 ms
    against 40 ms for a walk row by row, asked four to six times a round of the neighbourhood search)."""

    def __init__(self, A: Any, integral: np.ndarray, skip: np.ndarray | None = None) -> None:
        from scipy.sparse import coo_matrix
        from scipy.sparse.csgraph import connected_components

        self.A, self.At = A, A.T.tocsr()
        self.integral, self.skip = integral, skip
        n_rows, n_cols = A.shape
        coo = A.tocoo()
        keep = ~integral[coo.col] if skip is None else ~integral[coo.col] & ~skip[coo.row]
        n = n_rows + n_cols
        graph = coo_matrix((np.ones(int(keep.sum()), dtype=np.int8), (coo.row[keep], n_rows + coo.col[keep])),
                           shape=(n, n))
        self.count, labels = connected_components(graph, directed=False)
        self.row_label, self.col_label = labels[:n_rows], labels[n_rows:]

    def closure(self, start: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The columns ``start`` and the continuous columns linked to them through rows, transitively (a need's
        levels month after month, the burden's values), and the rows these touch (but ``skip``)."""
        touched = np.unique(self.At[np.flatnonzero(start)].indices)
        if self.skip is not None:
            touched = touched[~self.skip[touched]]
        hit = np.zeros(self.count, dtype=bool)
        hit[self.row_label[touched]] = True
        hit[self.col_label[start & ~self.integral]] = True
        cols = start | (~self.integral & hit[self.col_label])
        rows = hit[self.row_label]
        if self.skip is not None:
            rows &= ~self.skip
        return cols, rows


def _blocked(others: list[np.ndarray], A: Any, integral: np.ndarray, accounting: np.ndarray,
             links: _Links | None = None) -> np.ndarray:
    """The columns that share a row with the sub-models of ``others`` (their columns and the continuous columns
    linked to them, as :func:`_restrict` takes them; rows of ``accounting`` aside), and those columns: a
    neighbourhood freeing none of them can be solved beside ``others``, and what its sub-MIP decides and what
    theirs decide hold together (a need both would serve, in any month: its level carries over; a fund both would
    spend; an item's balance). ``links``: ``_Links(A, integral, accounting)``, made once for many calls."""
    if links is None:
        links = _Links(A, integral, accounting)
    start = np.logical_or.reduce(others) if others else np.zeros(A.shape[1], dtype=bool)
    cols, rows = links.closure(start)
    inside = A[np.flatnonzero(rows)]
    cols[inside.indices[inside.data != 0]] = True  # every column with an entry in those rows
    return cols


def _combine(m: Model, lp: highspy.HighsLp, integral: np.ndarray, incumbent: np.ndarray, frees: list[np.ndarray],
             found: list[np.ndarray | None], cost: np.ndarray, threads: int | None = None,
             links: _Links | None = None, until: float | None = None) -> np.ndarray | None:
    """The neighbourhoods' solutions together: each one's integer columns (the neighbourhoods free columns that
    share no row but accounting rows: :func:`_blocked`), with the continuous columns they touch set by an LP
    over them all (stopped at ``until``, a ``perf_counter`` time; ten seconds by default); the best single one
    should that LP fail. None where none improved."""
    better = [(float(cost @ x + m.offset), i) for i, x in enumerate(found) if x is not None]
    if not better:
        return None
    best_value, best = min(better)
    out: np.ndarray = found[best]  # type: ignore[assignment]
    if len(better) < 2:
        return out
    union = np.zeros(m.n_cols, dtype=bool)
    both = incumbent.copy()
    for _, i in better:
        union |= frees[i]
        both[frees[i]] = found[i][frees[i]]  # type: ignore[index]
    sub, where = _restrict(m, lp, integral, union, both, links)
    ints = np.flatnonzero(integral[where])
    lower, upper = np.asarray(sub.col_lower_, dtype=float), np.asarray(sub.col_upper_, dtype=float)
    lower[ints] = upper[ints] = np.round(both[where][ints])
    sub.col_lower_, sub.col_upper_ = lower, upper
    sub.integrality_ = []
    until = time.perf_counter() + 10.0 if until is None else until
    h = _highs(sub, max(until - time.perf_counter(), 0.01), 1e-4, threads)
    if not _run(h, until) or h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return out
    both[where] = np.asarray(h.getSolution().col_value, dtype=float)
    return both if float(cost @ both + m.offset) < best_value - 1e-9 else out

def _fixed_lp(m: Model, lp: highspy.HighsLp, integral: np.ndarray, x: np.ndarray, whole: np.ndarray, until: float,
              threads: int | None, links: _Links | None = None) -> tuple[highspy.HighsModelStatus, np.ndarray]:
    """The best continuous columns for the integer columns fixed at ``whole`` (``x`` elsewhere): an LP over the
    continuous columns and the rows they touch (:func:`_restrict`), after checking the rows of integer columns
    alone. Returns how it ended (``kInfeasible`` if a row of integers alone is broken; ``kInterrupt`` if not done by
    ``until``) and the whole solution."""
    out = x.copy()
    out[integral] = whole
    A = m.matrix().tocoo()
    alone = np.flatnonzero(np.bincount(A.row, weights=~integral[A.col], minlength=A.shape[0]) == 0)
    if len(alone):
        act = m.matrix()[alone] @ out
        _, _, _, row_lb, row_ub = m.bounds()
        tol = 1e-6 * np.maximum(1.0, np.abs(act))
        if np.any(act < row_lb[alone] - tol) or np.any(act > row_ub[alone] + tol):
            return highspy.HighsModelStatus.kInfeasible, out
    sub, where = _restrict(m, lp, integral, ~integral, out, links)
    sub.integrality_ = []
    h = _highs(sub, max(until - time.perf_counter(), 0.01), 1e-4, threads)
    if not _run(h, until):
        return highspy.HighsModelStatus.kInterrupt, out
    if h.getModelStatus() == highspy.HighsModelStatus.kOptimal:
        out[where] = np.asarray(h.getSolution().col_value, dtype=float)
    return h.getModelStatus(), out


def _restrict(m: Model, lp: highspy.HighsLp, integral: np.ndarray, free: np.ndarray, x: np.ndarray,
              links: _Links | None = None) -> tuple[highspy.HighsLp, np.ndarray]:
    """The model over the integer columns ``free`` with every other integer column fixed at ``x``: those columns,
    the continuous columns linked to them through rows (transitively: a need's levels month after month, the
    burden's values), and the rows these touch, with what the fixed columns contribute moved into the rows'
    bounds and the objective's offset. Returns it and the positions of its columns in the model. ``links``:
    ``_Links(m.matrix(), integral)``, made once for many calls."""
    A = m.matrix()
    cols, touched = (links or _Links(A, integral)).closure(free)
    where, rows = np.flatnonzero(cols), np.flatnonzero(touched)
    fixed_x = np.where(cols, 0.0, x)
    moved = A[rows] @ fixed_x
    sub_a = A[rows][:, where].tocsr()
    col_lb, col_ub, _, row_lb, row_ub = m.bounds()
    cost = m.full_cost()
    out = highspy.HighsLp()
    out.num_col_, out.num_row_ = len(where), len(rows)
    out.col_cost_ = cost[where]
    out.col_lower_, out.col_upper_ = col_lb[where], col_ub[where]
    out.row_lower_, out.row_upper_ = row_lb[rows] - moved, row_ub[rows] - moved
    out.offset_ = m.offset + float(cost @ fixed_x)
    out.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    out.a_matrix_.start_ = sub_a.indptr.astype(np.int32)
    out.a_matrix_.index_ = sub_a.indices.astype(np.int32)
    out.a_matrix_.value_ = sub_a.data
    out.integrality_ = [highspy.HighsVarType.kInteger if i else highspy.HighsVarType.kContinuous
                        for i in integral[where]]
    return out, where


def _round_once(x: np.ndarray, cols: np.ndarray, eager: np.ndarray,
                up_filter: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
    """``x`` with the fractional columns ``cols`` rounded as the dive's first round rounds them (up from one half,
    or from any fraction for platforms others need, where ``up_filter`` finds room; down otherwise), without
    re-solving the LP."""
    out = x.copy()
    v = x[cols]
    part = v - np.floor(v + 1e-6)
    frac = part > 1e-6
    up = frac & ((part >= 0.5) | (eager & (part > 1e-3)))
    want = np.flatnonzero(up)
    if len(want):
        up[want[~up_filter(x, cols[want], np.ceil(v[want]) - v[want])]] = False
    out[cols[up]] = np.ceil(v[up] - 1e-6)
    down = frac & ~up
    out[cols[down]] = np.floor(v[down] + 1e-6)
    return out


def _dive(h: highspy.Highs, cols: np.ndarray, ub: np.ndarray, eager: np.ndarray, deadline: float,
          rounds: int = 1, passes: int = 0,
          up_filter: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray] | None = None,
          best: list[np.ndarray] | None = None, settle: bool | float = True) -> np.ndarray:
    """Make the integer columns ``cols`` whole by rounding and re-solving the LP (warm-started).

    By default one round and no passes: measured on the generated cases (seed 0), the whole-unit plan made
    from the dive is then better than after 8 rounds and 3 passes (gap to the LP bound 0.57 -> 0.41% at 1/8,
    1.10 -> 0.62% at 1/4, 3.65 -> 3.54% at 1/2, 4.90 -> 4.31% at 1x) in 40-85% less time; the neighbourhood
    search does the rest better.

    1. ``rounds`` rounds: every fractional column is rounded up (when its fraction is at least one half, or, for a
       platform other items need (``eager``), when it is positive, and when ``up_filter`` says the extra units
       fit under their limits) or down, and the LP re-solved; a round whose round-ups leave no feasible plan is
       retried with the platforms' round-ups only, then with none, and the columns it could not round up are
       only rounded down from then on.
    2. ``passes`` passes: the fractional columns that are not such platforms are rounded down; then the platforms,
       up from one half (if the plan stays feasible) and down otherwise.
    3. (``settle``) Every column at most its value rounded down (platforms up where that stays feasible), the LP
       re-solved, until nothing is fractional. Only upper bounds move: a unit that needs a platform rounded away must be
       free to go too, and unmet need is a variable, so this is always feasible.
    Returns the last feasible solution (a re-solve that fails is undone, so there always is one: the LP
    relaxation's at worst). At ``deadline`` it raises :class:`_OutOfTime`, ``best[0]`` holding that solution.
    """
    idx = cols.astype(np.int32)
    took = [0.0]  # the last re-solve's seconds

    if best is None:
        best = [np.asarray(h.getSolution().col_value, dtype=float)]

    def state() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        x = best[0][cols]
        part = x - np.floor(x + 1e-6)
        return x, part, part > 1e-6

    def solve(lo: np.ndarray, hi: np.ndarray) -> bool:
        if time.perf_counter() >= deadline:
            raise _OutOfTime
        h.changeColsBounds(len(cols), idx, lo, hi)
        began = time.perf_counter()
        # HiGHS counts its time limit over every run of this instance, so extend it by what is left.
        h.setOptionValue("time_limit", h.getRunTime() + max(deadline - time.perf_counter(), 0.01))
        if not _run(h, deadline):
            raise _Abandoned
        took[0] = time.perf_counter() - began
        status = h.getModelStatus()
        if status in (highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kInterrupt):
            raise _OutOfTime
        ok = bool(status == highspy.HighsModelStatus.kOptimal)
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
            fits = up_filter(best[0], cols[want],
                             np.ceil(x[want]) - x[want])
            up[want[~fits]] = False
        for trial in (up, up & eager, up & False):
            try_lb, try_hi = lb.copy(), hi.copy()
            try_lb[trial] = np.ceil(x[trial] - 1e-6)
            try_hi[frac & ~trial] = np.maximum(np.floor(x[frac & ~trial] + 1e-6), lb[frac & ~trial])
            if solve(try_lb, try_hi):
                lb, hi = try_lb, try_hi
                down_only |= up & ~trial
                break
        else:
            down_only |= up
    for _ in range(passes):
        for platforms in (False, True):
            x, part, frac = state()
            pick = frac & (eager == platforms)
            if not pick.any() or time.perf_counter() > deadline:
                continue
            up = pick & platforms & (part >= 0.5)
            for trial in (up, up & False):
                try_lb, try_hi = lb.copy(), hi.copy()
                try_lb[trial] = np.minimum(np.ceil(x[trial] - 1e-6), hi[trial])
                down = pick & ~trial
                try_hi[down] = np.maximum(np.floor(x[down] + 1e-6), lb[down])
                if solve(try_lb, try_hi):
                    lb, hi = try_lb, try_hi
                    break
    # Last, every column at most its value rounded down, all at once. Only upper bounds: a unit that needs a
    # platform rounded away must be free to go too. Always feasible; repeated while the LP makes new fractions.
    if not isinstance(settle, bool):
        settle = 2.0 * took[0] <= settle * (deadline - time.perf_counter())
    for _ in range(4 if settle else 0):
        x, _, frac = state()
        if not frac.any():
            break
        # Platforms others need are taken whole where the plan stays feasible: dropping one drops its users.
        up = frac & eager & (np.ceil(x - 1e-6) <= hi)
        if up_filter is not None and up.any():
            want = np.flatnonzero(up)
            up[want[~up_filter(best[0], cols[want], np.ceil(x[want]) - x[want])]] = False
        for trial in (up, up & False):
            try_lb, try_hi = np.zeros(len(cols)), np.clip(np.floor(x + 1e-6), 0.0, hi)
            try_lb[trial] = try_hi[trial] = np.ceil(x[trial] - 1e-6)
            if solve(try_lb, try_hi):
                lb, hi = try_lb, try_hi
                break
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
