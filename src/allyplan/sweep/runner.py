"""Run a sweep: samples in chunks, in this process, on local worker processes or on a Dask cluster.

A sweep lives in one folder: ``sweep.json`` (what is being run), ``uncertainty.yaml`` (a copy of the spec),
``plan-deliveries.parquet`` / ``plan-baseline.parquet`` (the plan evaluated under each draw: the fixed plan,
or the nominal plan whose sensitivities a re-planning sweep reports) and ``chunks/`` (one folder per finished
chunk, renamed into place whole). A chunk is the unit of work: a chunk whose worker dies is run again, an
interrupted sweep keeps its finished chunks, and :func:`run_sweep` on the same folder runs only the missing
ones. Each sample is drawn from its own generator (seed, sample index), so results for a seed are the same on
any engine and any number of workers.

The job queue of the service calls it the same way as the CLI::

    setup = prepare_sweep(out, scenario, spec, samples=1000, seed=0)
    result = run_sweep(setup, progress=job.report, cancel=job.cancelled)
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from allyplan.errors import AllyplanError
from allyplan.scenario import Scenario, load_scenario
from allyplan.sweep.evaluate import FixedEvaluator, outcomes, plan_matrices
from allyplan.sweep.uncertainty import (
    Draw,
    Factors,
    UncertaintySpec,
    apply_draw,
    compile_factors,
    draw_batch,
    parse_spec,
)

__all__ = ["SweepSetup", "SweepProgress", "SweepResult", "SweepTask", "prepare_sweep", "open_sweep", "run_sweep",
           "run_chunk", "chunk_ranges", "check_scheduler", "done_chunks", "scenario_digest"]

MANIFEST = "sweep.json"
VERSION = 1


@dataclass
class SweepTask:
    """Everything a worker needs for any chunk: sent with the tasks, nothing read from a shared disk."""

    scenario: Scenario
    factors: Factors
    evaluator: FixedEvaluator
    seed: int
    fixed: bool
    time_limit: float
    sensitivity_samples: int = 200
    #: re-plan each draw on one superset model per worker (:mod:`allyplan.planner.resolve`); False: a full
    #: ``plan()`` per draw, as before
    fast: bool = True

    def __getstate__(self) -> dict[str, Any]:
        # The re-planner (built where the task runs) is not sent along.
        return {k: v for k, v in self.__dict__.items() if k != "_replanner"}

    def replanner(self) -> Any:
        """This process's re-planner of the scenario (built on first use)."""
        rp = self.__dict__.get("_replanner")
        if rp is None:
            from allyplan.sweep.replan import replanner_for

            rp = self.__dict__["_replanner"] = replanner_for(self.scenario, self.factors)
        return rp


@dataclass
class SweepSetup:
    """A prepared sweep folder and what it runs."""

    out: Path
    scenario: Scenario
    spec: UncertaintySpec
    samples: int
    seed: int
    fixed: bool
    chunk_size: int
    time_limit: float
    plan_from: str
    task: SweepTask

    @property
    def manifest(self) -> dict[str, Any]:
        return json.loads((self.out / MANIFEST).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class SweepProgress:
    """Samples done (this run and before), the rate of this run and the time left at that rate."""

    done: int
    total: int
    seconds: float
    rate: float
    eta: float | None


@dataclass
class SweepResult:
    out: Path
    done: int
    total: int
    seconds: float
    engine: str
    workers: int
    complete: bool
    timings: dict[str, float] = field(default_factory=dict)


def scenario_digest(s: Scenario) -> str:
    """A fingerprint of a scenario's tables, so that a resumed sweep refuses a scenario changed since."""
    h = hashlib.sha256(s.config.model_dump_json().encode())
    for name in ("parties", "items", "stocks", "production", "funds", "needs", "accepts", "policies", "holdings",
                 "pledges"):
        h.update(getattr(s, name).to_csv(index=False).encode())
    return h.hexdigest()[:16]


def _plan_tables(s: Scenario, fixed: Any, time_limit: float) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """(deliveries, baseline, where they came from) of the plan to evaluate: a plan folder, a Plan, or the
    nominal plan of the scenario (planned here)."""
    from allyplan.planner import Plan, plan

    if isinstance(fixed, str | Path):
        from allyplan.plan_files import read_plan_tables
        from allyplan.sweep.evaluate import to_offsets

        t = read_plan_tables(fixed)
        return (to_offsets(s, t["deliveries"], ["ship_month", "arrive_month"]),
                to_offsets(s, t["baseline"], ["arrive_month"]), str(fixed))
    # The caller's solver threads: HiGHS fixes its thread count for a process on first use, and a plan asking for
    # another count in that process finds no solution.
    p = fixed if isinstance(fixed, Plan) else plan(s, time_limit=time_limit)
    return p.deliveries, p.baseline, "plan object" if isinstance(fixed, Plan) else "nominal plan"


def prepare_sweep(out: str | Path, scenario: Scenario, spec: UncertaintySpec, *, samples: int, seed: int = 0,
                  fixed: Any = None, chunk_size: int | None = None, time_limit: float = 10.0,
                  sensitivity_samples: int = 200) -> SweepSetup:
    """Make a new sweep folder. ``fixed``: a plan folder or :class:`~allyplan.planner.Plan` to re-evaluate under
    each draw (no re-planning); ``None`` re-plans each draw. Sensitivities are measured on the first
    ``sensitivity_samples`` samples (each costs one evaluation per factor it touches). Refuses a folder that
    already holds files."""
    out = Path(out)
    if samples < 1:
        raise AllyplanError(f"--samples {samples}: give at least 1 sample")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise AllyplanError(f"{out} is not empty: give a new folder to --out, or --resume {out} to continue the "
                            "sweep there")
    factors = compile_factors(scenario, spec)
    deliveries, baseline, plan_from = _plan_tables(scenario, fixed, time_limit)
    is_fixed = fixed is not None
    chunk = chunk_size or (50 if is_fixed else 16)
    evaluator = FixedEvaluator(scenario, factors, deliveries, baseline)  # checks the plan before anything is written
    out.mkdir(parents=True, exist_ok=True)
    (out / "uncertainty.yaml").write_text(spec.text or yaml.safe_dump({k: {n: {"dist": d.dist, **dict(d.params)}
                                                                           for n, d in v.items()}
                                                                       for k, v in spec.sections.items()}),
                                          encoding="utf-8")
    deliveries.to_parquet(out / "plan-deliveries.parquet", index=False)
    baseline.to_parquet(out / "plan-baseline.parquet", index=False)
    manifest = {"version": VERSION, "scenario": scenario.origin, "scenario_digest": scenario_digest(scenario),
                "samples": int(samples), "seed": int(seed), "mode": "fixed" if is_fixed else "replan",
                "chunk_size": int(chunk), "time_limit": float(time_limit), "plan": plan_from,
                "sensitivity_samples": int(sensitivity_samples),
                "uncertainty": spec.source}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    task = SweepTask(scenario, factors, evaluator, int(seed), is_fixed, float(time_limit), int(sensitivity_samples))
    return SweepSetup(out, scenario, spec, int(samples), int(seed), is_fixed, int(chunk), float(time_limit),
                      plan_from, task)


def open_sweep(out: str | Path, scenario: Scenario | None = None) -> SweepSetup:
    """Re-open a sweep folder to continue it (the scenario is read again from where it was, unless given)."""
    out = Path(out)
    try:
        m = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise AllyplanError(f"{out} holds no sweep ({MANIFEST} missing or unreadable): give the folder an "
                            "earlier `allyplan sweep --out` wrote") from None
    if m.get("version") != VERSION:
        raise AllyplanError(f"{out}/{MANIFEST} is version {m.get('version')}, this allyplan reads {VERSION}")
    if scenario is None:
        if not m.get("scenario"):
            raise AllyplanError(f"{out}/{MANIFEST} does not say where the scenario is: resume it from the library "
                                "with open_sweep(out, scenario)")
        scenario = load_scenario(m["scenario"])
    if scenario_digest(scenario) != m["scenario_digest"]:
        raise AllyplanError(f"the scenario {scenario.origin or ''} changed since the sweep in {out} started; "
                            "start a new sweep (results of different scenarios cannot be mixed)")
    text = (out / "uncertainty.yaml").read_text(encoding="utf-8")
    spec = parse_spec(yaml.safe_load(text), str(out / "uncertainty.yaml"), text)
    factors = compile_factors(scenario, spec)
    dl = pd.read_parquet(out / "plan-deliveries.parquet")
    bl = pd.read_parquet(out / "plan-baseline.parquet")
    fixed = m["mode"] == "fixed"
    task = SweepTask(scenario, factors, FixedEvaluator(scenario, factors, dl, bl), int(m["seed"]), fixed,
                     float(m["time_limit"]), int(m["sensitivity_samples"]))
    return SweepSetup(out, scenario, spec, int(m["samples"]), int(m["seed"]), fixed, int(m["chunk_size"]),
                      float(m["time_limit"]), str(m["plan"]), task)


def chunk_ranges(samples: int, size: int) -> list[tuple[int, int]]:
    return [(lo, min(lo + size, samples)) for lo in range(0, samples, size)]


def _chunk_dir(out: Path, lo: int) -> Path:
    return out / "chunks" / f"c{lo:08d}"


def done_chunks(out: Path) -> set[int]:
    """First sample of every finished chunk in a sweep folder."""
    d = out / "chunks"
    return {int(p.name[1:]) for p in d.glob("c*") if p.is_dir() and p.name[1:].isdigit()} if d.exists() else set()


def _draw_table(f: Factors, d: Draw, samples: range) -> pd.DataFrame:
    """Drawn values in long form (sample, factor, value): a file format writes a few long columns much faster
    than one column per factor; :func:`~allyplan.sweep.results.load_tables` turns them wide."""
    names: list[str] = []
    values: list[np.ndarray] = []
    for name, labels, arr in (("donor_delay", f.donors, d.donor_delay), ("line_delay", f.lines, d.line_delay),
                              ("line_capacity", f.lines, d.line_capacity), ("need_demand", f.needs, d.need_demand),
                              ("pledge_comes", f.pledge_names, d.pledge_comes)):
        names += [f"{name}:{n}" for n in labels]
        values.append(arr)
    v = np.concatenate(values, axis=1) if values else np.zeros((len(d), 0))
    S, F = v.shape
    return pd.DataFrame({"sample": np.repeat(np.fromiter(samples, dtype=np.int64), F),
                         "factor": np.tile(np.array(names, dtype=object), S), "value": v.reshape(-1)})


def run_chunk(task: SweepTask, lo: int, hi: int) -> dict[str, pd.DataFrame]:
    """Samples ``lo`` to ``hi - 1``: their draws, need outcomes, coverage by month and sensitivities."""
    f, s = task.factors, task.scenario
    samples = range(lo, hi)
    d = draw_batch(f, task.seed, samples)
    info = task.evaluator.info
    status = np.full(len(d), "fixed", dtype=object)
    if task.fixed:
        res = task.evaluator.run(d)
    else:
        from allyplan.planner import plan

        Qd, rd = info.demand(d)
        held = np.zeros((len(d), len(f.needs), s.horizon))
        covered = np.zeros_like(held)
        for j in range(len(d)):
            if task.fast:
                from allyplan.sweep.replan import draw_values

                r = task.replanner().replan(draw_values(s, f, d, j), time_limit=task.time_limit, threads=1)
                held[j], covered[j] = r.held, r.covered
                status[j] = r.status.value
                continue
            p = plan(apply_draw(s, f, d.row(j)), time_limit=task.time_limit, threads=1, polish=False)
            held[j:j + 1], covered[j:j + 1] = plan_matrices(info, p.coverage)
            status[j] = p.status.value
        res = outcomes(info, Qd, rd, held, covered)
    S, N = res.unmet.shape
    met = res.met_month.reshape(-1)
    out = pd.DataFrame({
        "sample": np.repeat(np.arange(lo, hi), N), "need": np.tile(info.ids, S).astype(str),
        "required": res.required.reshape(-1), "unmet": res.unmet.reshape(-1),
        "met_month": pd.array(np.where(met >= 0, met, -1), dtype="Int64"),
        "on_time": res.on_time.reshape(-1), "loss": res.loss.reshape(-1), "plan": np.repeat(status, N).astype(str)})
    out.loc[met < 0, "met_month"] = pd.NA
    ii, nn, tt = np.nonzero(~np.isnan(res.coverage))
    cov = pd.DataFrame({"sample": (ii + lo).astype(np.int64), "need": info.ids[nn].astype(str),
                        "month": tt.astype(np.int16), "covered": res.coverage[ii, nn, tt]})
    k = max(0, min(hi, task.sensitivity_samples) - lo)
    sens = task.evaluator.sensitivities(Draw(*(a[:k] for a in d.arrays())))
    sens["sample"] = sens["sample"].to_numpy(dtype=np.int64) + lo
    sens["need"] = info.ids[sens["need"].to_numpy(dtype=np.int64)].astype(str) if len(sens) else sens["need"]
    return {"outcomes": out, "coverage": cov, "sensitivity": sens, "draws": _draw_table(f, d, samples)}


def _write_chunk(out: Path, lo: int, tables: dict[str, pd.DataFrame]) -> None:
    final = _chunk_dir(out, lo)
    tmp = final.with_name(f".tmp-{final.name}-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name, df in tables.items():
        df.to_parquet(tmp / f"{name}.parquet", index=False)
    if final.exists():  # written by an earlier, interrupted run that got as far as the rename
        shutil.rmtree(tmp)
        return
    tmp.rename(final)


# --- engines ------------------------------------------------------------------------------------------------------

_TASK: SweepTask | None = None


def _init_worker(task: SweepTask) -> None:
    global _TASK
    _TASK = task


def _pool_chunk(lo: int, hi: int) -> tuple[int, dict[str, pd.DataFrame]]:
    assert _TASK is not None
    return lo, run_chunk(_TASK, lo, hi)


def _in_process(task: SweepTask, todo: list[tuple[int, int]]) -> Iterator[tuple[int, dict[str, pd.DataFrame]]]:
    for lo, hi in todo:
        yield lo, run_chunk(task, lo, hi)


def _local_pool(task: SweepTask, todo: list[tuple[int, int]], workers: int
                ) -> Iterator[tuple[int, dict[str, pd.DataFrame]]]:
    # forkserver: workers start from a clean process (no solver threads of this one), with allyplan preloaded.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["allyplan.sweep.runner", "allyplan.planner"])
    ex = ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(task,))
    try:
        pending: set[Future[tuple[int, dict[str, pd.DataFrame]]]] = set()
        queue = list(todo)
        while queue or pending:
            while queue and len(pending) < 2 * workers:  # keep the queue short, so a cancel stops soon
                lo, hi = queue.pop(0)
                pending.add(ex.submit(_pool_chunk, lo, hi))
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                yield fut.result()
    finally:
        ex.shutdown(wait=False, cancel_futures=True)


def _dask(task: SweepTask, todo: list[tuple[int, int]], scheduler: str
          ) -> Iterator[tuple[int, dict[str, pd.DataFrame]]]:
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler.startswith("local:"):
        n = _workers_of(scheduler)
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler, timeout="30s")
    token = hashlib.sha256(f"{time.time_ns()}-{os.getpid()}".encode()).hexdigest()[:10]
    futures = []
    try:
        shared = client.scatter(task, broadcast=True, hash=False) if cluster is None else task
        futures = [client.submit(run_chunk, shared, lo, hi, key=f"allyplan-sweep-{token}-{lo}", pure=False,
                                 retries=2) for lo, hi in todo]
        for fut in as_completed(futures, loop=client.loop):
            lo = int(str(fut.key).rsplit("-", 1)[1])
            yield lo, fut.result()
    finally:
        for fut in futures:
            fut.cancel()
        client.close()
        if cluster is not None:
            cluster.close()


def _workers_of(scheduler: str) -> int:
    try:
        n = int(scheduler.split(":", 1)[1])
        if n < 1:
            raise ValueError
    except ValueError:
        raise AllyplanError(f"--scheduler {scheduler}: give local:N with N a whole number of workers of at least 1, "
                            "or tcp://HOST:PORT of a running Dask scheduler") from None
    return n


def check_scheduler(scheduler: str | None) -> None:
    """Refuse a scheduler address that is neither ``tcp://HOST:PORT`` (or another Dask protocol) nor ``local:N``."""
    if scheduler is not None and not (scheduler.startswith("local:") or "://" in scheduler):
        raise AllyplanError(f"--scheduler {scheduler}: give tcp://HOST:PORT of a running Dask scheduler, or local:N")
    if scheduler is not None and scheduler.startswith("local:"):
        _workers_of(scheduler)


def run_sweep(setup: SweepSetup, *, scheduler: str | None = None, workers: int | None = None,
              progress: Callable[[SweepProgress], None] | None = None,
              cancel: Callable[[], bool] | None = None) -> SweepResult:
    """Run the chunks of a sweep not yet done, writing each as it finishes, then summarise.

    Engines: ``scheduler`` ``tcp://HOST:PORT`` (an existing Dask cluster) or ``local:N`` (a Dask LocalCluster of
    N workers); otherwise ``workers`` local processes (default: every core when re-planning, this process with
    a fixed plan). Re-planning never runs in this process (HiGHS keeps a process's first thread count). ``cancel``
    is asked after every chunk: when it returns True the sweep stops, keeping the chunks done (an interrupt,
    Ctrl-C, does the same and is raised again). Summaries are written for what is done either way.
    """
    from allyplan.sweep.results import finish_sweep

    check_scheduler(scheduler)
    chunks = chunk_ranges(setup.samples, setup.chunk_size)
    have = done_chunks(setup.out)
    todo = [c for c in chunks if c[0] not in have]
    before = sum(hi - lo for lo, hi in chunks if lo in have)
    # An evaluation takes milliseconds: starting worker processes costs more than it saves unless asked for.
    n_workers = workers or (1 if setup.fixed else os.cpu_count() or 1)
    if scheduler is not None:
        engine, gen = f"dask {scheduler}", _dask(setup.task, todo, scheduler)
        n_workers = _workers_of(scheduler) if scheduler.startswith("local:") else 0
    elif not todo or (setup.fixed and n_workers == 1):
        engine, gen, n_workers = "in-process", _in_process(setup.task, todo), 1
    else:
        # Re-planning always runs in fresh worker processes (one solver thread each), never in this one: HiGHS
        # keeps the thread count of a process's first solve, and this process may have solved with another.
        n_workers = min(n_workers, len(todo))
        engine = f"{n_workers} local process{'es' if n_workers > 1 else ''}"
        gen = _local_pool(setup.task, todo, n_workers)
    t0 = time.perf_counter()
    done_now = 0
    cancelled = False
    sizes = dict(chunks)
    if progress is not None:
        progress(SweepProgress(before, setup.samples, 0.0, 0.0, None))
    try:
        for lo, tables in gen:
            _write_chunk(setup.out, lo, tables)
            done_now += sizes[lo] - lo
            el = time.perf_counter() - t0
            rate = done_now / el if el > 0 else 0.0
            left = setup.samples - before - done_now
            if progress is not None:
                progress(SweepProgress(before + done_now, setup.samples, el, rate, left / rate if rate > 0 else None))
            if cancel is not None and left > 0 and cancel():
                cancelled = True
                break
    finally:
        close = getattr(gen, "close", None)
        if close is not None:
            close()
    seconds = time.perf_counter() - t0
    done = before + done_now
    finish_sweep(setup, engine=engine, seconds=seconds)
    return SweepResult(setup.out, done, setup.samples, seconds, engine, n_workers,
                       complete=not cancelled and done == setup.samples,
                       timings={"run": seconds, "per_sample": seconds / done_now if done_now else float("nan")})
