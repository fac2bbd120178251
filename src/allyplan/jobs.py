"""Plan jobs: a queue whose state lives in the database, worked off by worker processes, never inside a request.

A job is ``queued``, then ``running`` (with its stage and the solver's progress), then ``done``, ``failed`` or
``cancelled``. A worker claims the oldest queued job, runs it in a child process it can stop, writes the progress
the planner reports, and stops the child when a user cancels. When the service starts, jobs left ``running`` by a
stopped service are marked ``failed`` (:func:`mark_interrupted`); :func:`rerun` queues one again.

>>> import tempfile, os
>>> from allyplan import example_path
>>> from allyplan.scenario_store import ScenarioStore
>>> st = ScenarioStore(os.path.join(tempfile.mkdtemp(), "s.db"))
>>> _ = st.import_path(example_path(), who="doc")
>>> q = JobQueue(engine=st.engine)
>>> job = q.enqueue_plan(who="doc", use_ledger=False)
>>> q.run_next("doctest")
True
>>> q.get(job).state, q.plan(job).status.value
('done', 'optimal')
>>> st.close()
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import signal
import socket
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlalchemy import Engine, func, insert, select, update

from allyplan import service_tables as t
from allyplan.errors import AllyplanError
from allyplan.ledger.db import make_engine, migrate, reading, resolve_url, writing
from allyplan.ledger.write import _now

if TYPE_CHECKING:
    from allyplan.planner import Plan
    from allyplan.scenario import Scenario

__all__ = ["Job", "JobQueue", "JobNotFound", "Prepared", "prepare", "WorkerPool", "worker_main", "plan_to_blob",
           "plan_from_blob", "SWEEP_TABLES", "MAX_SWEEP_SAMPLES", "sweep_to_blob", "sweep_from_blob"]

POLL_SECONDS = 0.1
#: How often an idle worker checks whether the current scenario (with and without the ledger) is prepared.
PREPARE_SECONDS = 1.0
PLAN_TABLES = ("deliveries", "baseline", "coverage", "shortfalls", "burden")
#: A sweep job's stored tables: per need (unmet percentiles, P(met by due month)), the sensitivity ranking, and
#: the coverage quantiles per need and month (the fan chart).
SWEEP_TABLES = ("needs", "sensitivity", "fan")
MAX_SWEEP_SAMPLES = 20000
#: An uncertainty file sent with a sweep job is at most this many characters.
MAX_UNCERTAINTY_CHARS = 200_000
#: A running sweep stops between chunks when cancelled; a worker stops it outright if it has not after this long.
SWEEP_CANCEL_GRACE = 120.0


class JobNotFound(AllyplanError):
    """No job with that id."""


@dataclass(frozen=True)
class Job:
    id: int
    kind: str
    state: str
    params: dict[str, Any]
    scenario_change: int | None
    created: datetime
    created_by: str
    started: datetime | None
    finished: datetime | None
    progress: dict[str, Any]
    fraction: float | None
    cancel_requested: datetime | None
    error: str | None
    published: datetime | None

    def to_dict(self) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in self.__dataclass_fields__}
        for k in ("created", "started", "finished", "cancel_requested", "published"):
            d[k] = None if d[k] is None else d[k].isoformat(timespec="seconds") + "Z"
        return d


_JOB_COLS = [c for c in t.jobs.c if c.name != "result"]


def _job(x: Any) -> Job:
    return Job(int(x.id), x.kind, x.state, json.loads(x.params), x.scenario_change, x.created, x.created_by,
               x.started, x.finished, json.loads(x.progress) if x.progress else {}, x.fraction, x.cancel_requested,
               x.error, x.published)


class JobQueue:
    """The job queue of one database."""

    def __init__(self, db: str | Path | None = None, *, engine: Engine | None = None, url: str | None = None) -> None:
        """A queue on ``db``, or on an open ``engine`` whose database URL is ``url`` (an engine's own URL lacks the
        connection options, such as a PostgreSQL search path, that a worker's connections need too)."""
        if engine is None:
            url = resolve_url(db)
            engine = make_engine(url)
            migrate(engine)
        self.engine = engine
        self.url = url or engine.url.render_as_string(hide_password=False)
        self._plans: dict[int, Plan] = {}  # a finished job's plan never changes: keep the last few

    # -- the queue -----------------------------------------------------------------------------------------------
    def enqueue_plan(self, *, who: str, time_limit: float = 60.0, gap: float = 1e-4, use_ledger: bool = True,
                     as_of: str | None = None) -> int:
        """Queue a plan of the database's current scenario (with the ledger's pledges as baseline)."""
        params = {"time_limit": float(time_limit), "gap": float(gap), "use_ledger": bool(use_ledger), "as_of": as_of}
        return self._enqueue("plan", params, who)

    def enqueue_sweep(self, *, who: str, samples: int = 100, seed: int = 0, uncertainty: str | None = None,
                      fixed_plan: int | None = None, use_ledger: bool = True, time_limit: float = 10.0,
                      chunk_size: int | None = None) -> int:
        """Queue an uncertainty sweep: ``samples`` draws from ``uncertainty`` (the text of an uncertainty file;
        None: the shipped default), re-planning the database's current scenario for each draw, or (``fixed_plan``,
        the id of a finished plan job) re-evaluating that plan under each draw. ``chunk_size``: samples between
        progress reports and cancel checks (default as ``allyplan sweep``)."""
        import yaml

        from allyplan.sweep.uncertainty import parse_spec

        if not 1 <= int(samples) <= MAX_SWEEP_SAMPLES:
            raise AllyplanError(f"samples {samples}: give 1 to {MAX_SWEEP_SAMPLES} samples")
        if not 0 <= int(seed) < 2**63:
            raise AllyplanError(f"seed {seed}: give a whole number from 0 to 2**63 - 1")
        if not 0.1 <= float(time_limit) <= 3600:
            raise AllyplanError(f"time_limit {time_limit}: give 0.1 to 3600 seconds per re-plan")
        if uncertainty is not None:
            if len(uncertainty) > MAX_UNCERTAINTY_CHARS:
                raise AllyplanError(f"the uncertainty file has {len(uncertainty):,} characters; at most "
                                    f"{MAX_UNCERTAINTY_CHARS:,} are taken")
            try:
                parse_spec(yaml.safe_load(uncertainty), "uncertainty file", uncertainty)
            except AllyplanError:
                raise
            except Exception as e:  # YAML errors, and whatever odd structure a parser trips on
                raise AllyplanError(f"the uncertainty file is not valid ({type(e).__name__}: {str(e)[:200]}); "
                                    "compare with the file `allyplan init` writes") from None
        if chunk_size is not None and not 1 <= int(chunk_size) <= 1000:
            raise AllyplanError(f"chunk_size {chunk_size}: give 1 to 1000 samples per chunk")
        if fixed_plan is not None:
            j = self.get(int(fixed_plan))
            if j.kind != "plan" or j.state != "done":
                raise AllyplanError(f"fixed_plan {fixed_plan} is a {j.state} {j.kind} job; give the id of a finished "
                                    "plan (GET /api/v1/plans)")
        params = {"samples": int(samples), "seed": int(seed), "uncertainty": uncertainty,
                  "fixed_plan": None if fixed_plan is None else int(fixed_plan), "use_ledger": bool(use_ledger),
                  "time_limit": float(time_limit), "chunk_size": None if chunk_size is None else int(chunk_size)}
        return self._enqueue("sweep", params, who)

    def _enqueue(self, kind: str, params: Mapping[str, Any], who: str) -> int:
        """Queue a job of ``kind`` on the database's current scenario; its id."""
        from allyplan.scenario_store import _latest

        with writing(self.engine) as conn:
            change = _latest(conn)
            if change is None:
                raise AllyplanError(f"there is no scenario to {kind}: import one first "
                                    "(`allyplan scenario import DIR`)")
            res = conn.execute(insert(t.jobs).values(kind=kind, state="queued", params=json.dumps(params),
                                                     scenario_change=change, created=_now(), created_by=who,
                                                     progress=json.dumps({"stage": "queued"}))
                               .returning(t.jobs.c.id))
            return int(res.scalar_one())

    def get(self, job_id: int) -> Job:
        with reading(self.engine) as conn:
            x = conn.execute(select(*_JOB_COLS).where(t.jobs.c.id == job_id)).first()
        if x is None:
            raise JobNotFound(f"no job {job_id}; list the jobs on the Plans page or GET /api/v1/plans")
        return _job(x)

    def list(self, limit: int = 50, *, published_only: bool = False, kind: str = "plan") -> list[Job]:
        """The newest jobs of one kind (``plan`` or ``sweep``)."""
        q = select(*_JOB_COLS).where(t.jobs.c.kind == kind).order_by(t.jobs.c.id.desc()).limit(limit)
        if published_only:
            q = q.where(t.jobs.c.published.is_not(None))
        with reading(self.engine) as conn:
            return [_job(x) for x in conn.execute(q)]

    def latest_done(self, *, published_only: bool = False) -> Job | None:
        q = (select(*_JOB_COLS).where(t.jobs.c.state == "done", t.jobs.c.kind == "plan")
             .order_by(t.jobs.c.id.desc()).limit(1))
        if published_only:
            q = q.where(t.jobs.c.published.is_not(None))
        with reading(self.engine) as conn:
            x = conn.execute(q).first()
        return None if x is None else _job(x)

    def cancel(self, job_id: int) -> Job:
        """Cancel a queued job at once, or ask the worker running it to stop (it does within a fraction of a second)."""
        j = self.get(job_id)
        if j.state not in ("queued", "running"):
            raise AllyplanError(f"job {job_id} is {j.state}; only a queued or running job can be cancelled")
        with writing(self.engine) as conn:
            c = t.jobs.c
            conn.execute(update(t.jobs).where(c.id == job_id, c.state == "queued").values(
                state="cancelled", finished=_now(), cancel_requested=_now(),
                progress=json.dumps({"stage": "cancelled"})))
            conn.execute(update(t.jobs).where(c.id == job_id, c.state == "running").values(cancel_requested=_now()))
        return self.get(job_id)

    def rerun(self, job_id: int, *, who: str) -> int:
        """Queue a finished, failed or cancelled job again, with the same settings and the current scenario."""
        j = self.get(job_id)
        if j.state in ("queued", "running"):
            raise AllyplanError(f"job {job_id} is still {j.state}; wait for it or cancel it first")
        if j.kind == "sweep":
            return self.enqueue_sweep(who=who, **j.params)
        return self.enqueue_plan(who=who, **j.params)

    def publish(self, job_id: int, published: bool = True) -> Job:
        j = self.get(job_id)
        if j.state != "done" or j.kind != "plan":
            raise AllyplanError(f"job {job_id} is a {j.state} {j.kind}; only a finished plan can be published")
        with writing(self.engine) as conn:
            conn.execute(update(t.jobs).where(t.jobs.c.id == job_id).values(published=_now() if published else None))
        return self.get(job_id)

    def mark_interrupted(self) -> int:
        """Mark jobs left running by a stopped service as failed (run at start, before any worker); returns how many."""
        with writing(self.engine) as conn:
            res = conn.execute(update(t.jobs).where(t.jobs.c.state == "running").values(
                state="failed", finished=_now(), error="interrupted: the service stopped while this job ran. "
                                                       "Run it again (Re-run on its page)"))
            return int(res.rowcount or 0)

    def counts(self) -> dict[str, int]:
        with reading(self.engine) as conn:
            rows = conn.execute(select(t.jobs.c.state, func.count()).group_by(t.jobs.c.state)).all()
        return {str(s): int(n) for s, n in rows}

    # -- results -------------------------------------------------------------------------------------------------
    def plan(self, job_id: int) -> Plan:
        """The finished plan of a job (rebuilt from the stored scenario and tables)."""
        if job_id in self._plans:
            return self._plans[job_id]
        with reading(self.engine) as conn:
            x = conn.execute(select(t.jobs.c.state, t.jobs.c.kind, t.jobs.c.result)
                             .where(t.jobs.c.id == job_id)).first()
        if x is None or x.kind != "plan":
            raise JobNotFound(f"no plan job {job_id}")
        if x.state != "done" or x.result is None:
            raise AllyplanError(f"job {job_id} is {x.state}: it has no plan yet")
        p = plan_from_blob(x.result)
        if len(self._plans) >= 8:
            self._plans.pop(next(iter(self._plans)))
        self._plans[job_id] = p
        return p

    def sweep(self, job_id: int) -> dict[str, Any]:
        """The stored result of a sweep job (done, or cancelled with the samples done by then): ``summary`` and
        the :data:`SWEEP_TABLES` as data frames."""
        with reading(self.engine) as conn:
            x = conn.execute(select(t.jobs.c.state, t.jobs.c.kind, t.jobs.c.result)
                             .where(t.jobs.c.id == job_id)).first()
        if x is None or x.kind != "sweep":
            raise JobNotFound(f"no sweep job {job_id}")
        if x.result is None:
            raise AllyplanError(f"sweep {job_id} is {x.state}: it has no results yet")
        return sweep_from_blob(x.result)

    # -- the worker side -----------------------------------------------------------------------------------------
    def claim(self, worker: str) -> Job | None:
        """Take the oldest queued job (no two workers take the same one)."""
        c = t.jobs.c
        with writing(self.engine) as conn:
            x = conn.execute(select(c.id).where(c.state == "queued").order_by(c.id).limit(1)).first()
            if x is None:
                return None
            res = conn.execute(update(t.jobs).where(c.id == x.id, c.state == "queued").values(
                state="running", started=_now(), worker=worker, progress=json.dumps({"stage": "starting"})))
            if not res.rowcount:
                return None
        return self.get(int(x.id))

    def set_progress(self, job_id: int, progress: Mapping[str, Any], fraction: float | None = None) -> None:
        with writing(self.engine) as conn:
            conn.execute(update(t.jobs).where(t.jobs.c.id == job_id, t.jobs.c.state == "running").values(
                progress=json.dumps(dict(progress), default=float), fraction=fraction))

    def finish(self, job_id: int, state: str, *, result: bytes | None = None, error: str | None = None,
               progress: Mapping[str, Any] | None = None) -> None:
        with writing(self.engine) as conn:
            conn.execute(update(t.jobs).where(t.jobs.c.id == job_id, t.jobs.c.state == "running").values(
                state=state, finished=_now(), result=result, error=error, fraction=1.0 if state == "done" else None,
                progress=json.dumps(dict(progress or {"stage": state}), default=float)))

    def cancel_requested(self, job_id: int) -> bool:
        with reading(self.engine) as conn:
            v = conn.execute(select(t.jobs.c.cancel_requested).where(t.jobs.c.id == job_id)).scalar_one_or_none()
        return v is not None

    def prepare_key(self, change: int | None, params: Mapping[str, Any]) -> tuple[Any, ...]:
        """What a plan's loaded scenario depends on: the scenario change, and with the ledger as baseline the
        ledger's marks (:func:`~allyplan.ledger.queries.ledger_marks`; one small query)."""
        from allyplan.ledger.queries import ledger_marks

        use = bool(params.get("use_ledger", True))
        mark: tuple[Any, ...] = ()
        if use:
            with reading(self.engine) as conn:
                mark = tuple(conn.execute(select(*ledger_marks())).one())
        return (change, use, params.get("as_of"), *mark)

    def run_next(self, worker: str, *, in_child: bool = False,
                 prepared: dict[tuple[Any, ...], Prepared] | None = None) -> bool:
        """Claim and run one job (in this process, or in a child process that a cancel stops); False if none.
        ``prepared``: scenarios a worker loaded and checked while idle, by :meth:`prepare_key` (a forked child
        inherits them and starts solving at once)."""
        job = self.claim(worker)
        if job is None:
            return False
        ready = None
        if prepared:
            try:
                ready = prepared.get(self.prepare_key(job.scenario_change, job.params))
            except Exception:  # the job loads its scenario itself, and reports what is wrong with it
                ready = None
        sweep = job.kind == "sweep"
        if not in_child:
            (_run_sweep_job if sweep else _run_plan_job)(self, job, ready)
            return True
        ctx = mp.get_context("fork")
        # A sweep's child starts the sweep's solver process itself: a daemon process may not have children.
        child = ctx.Process(target=_child, args=(self.url, job.id, ready), daemon=not sweep)
        child.start()
        asked: float | None = None
        while child.is_alive():
            child.join(POLL_SECONDS)
            if child.is_alive() and sweep:
                # A sweep stops by itself between chunks when cancelled, keeping what is done; stop it outright
                # only if it does not within the grace time.
                if asked is None and self.cancel_requested(job.id):
                    asked = time.monotonic()
                if asked is None or time.monotonic() - asked < SWEEP_CANCEL_GRACE:
                    continue
            if child.is_alive() and self.cancel_requested(job.id):
                child.terminate()
                child.join(5)
                self.finish(job.id, "cancelled", progress={"stage": "cancelled"})
                return True
        if self.get(job.id).state == "running":  # the child died without saying why (killed, out of memory)
            self.finish(job.id, "failed", error=f"the worker process ended unexpectedly (exit code {child.exitcode}); "
                                                "run the job again")
        return True


def _child(url: str, job_id: int, ready: Prepared | None = None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    engine = make_engine(url)
    q = JobQueue(engine=engine, url=url)
    try:
        job = q.get(job_id)
        if job.kind == "sweep":
            _forget_forkserver()
            _run_sweep_job(q, job, ready)
        else:
            _run_plan_job(q, job, ready)
    finally:
        engine.dispose()


def _forget_forkserver() -> None:
    """In a forked child: forget a forkserver the parent started (it is no child of this process, so asking after
    it fails with ECHILD); the sweep's solver process then comes from a forkserver of this process's own."""
    from multiprocessing import forkserver

    fs: Any = getattr(forkserver, "_forkserver", None)
    if fs is not None and getattr(fs, "_forkserver_pid", None) is not None:
        fs._forkserver_pid = fs._forkserver_address = fs._forkserver_alive_fd = None


@dataclass
class Prepared:
    """A plan's scenario loaded from the database (with the ledger as baseline if asked) and checked."""

    key: tuple[Any, ...]
    config: dict[str, Any]
    raw: dict[str, pd.DataFrame]
    notes: list[str]
    scenario: Scenario


def prepare(q: JobQueue, change: int | None, params: Mapping[str, Any]) -> Prepared:
    """Load and check the scenario of ``change`` for a plan with ``params`` (``use_ledger``, ``as_of``)."""
    from allyplan.scenario import build_scenario
    from allyplan.scenario_store import ScenarioStore

    key = q.prepare_key(change, params)
    config, raw = ScenarioStore(engine=q.engine).raw(change)
    notes: list[str] = []
    if params.get("use_ledger", True):
        from allyplan.ledger.baseline import with_ledger
        from allyplan.ledger.store import Ledger, as_date

        with Ledger(q.url) as led:
            raw, notes = with_ledger(config, raw, led, as_date(params.get("as_of"), "as_of", "plan job"))
    s = build_scenario(config, raw, {n: n for n in raw}, origin=f"database, change {change}")
    return Prepared(key, config, raw, notes, s)


def _run_plan_job(q: JobQueue, job: Job, ready: Prepared | None = None) -> None:
    from allyplan.planner import SolveProgress, plan

    p = job.params
    try:
        if ready is None:
            q.set_progress(job.id, {"stage": "loading the scenario"}, 0.05)
            ready = prepare(q, job.scenario_change, p)
        config, raw, notes, s = ready.config, ready.raw, ready.notes, ready.scenario
        q.set_progress(job.id, {"stage": "building and solving the model", "notes": notes}, 0.2)
        last = [0.0]

        def progress(pr: SolveProgress) -> None:
            now = time.monotonic()
            if now - last[0] < 0.25:
                return
            last[0] = now
            q.set_progress(job.id, {"stage": "solving", "seconds": pr.seconds, "objective": pr.objective,
                                    "bound": pr.bound, "gap": pr.gap, "notes": notes},
                           min(0.9, 0.2 + 0.7 * pr.seconds / max(float(p.get("time_limit", 60.0)), 1e-3)))

        result = plan(s, time_limit=float(p.get("time_limit", 60.0)), gap=float(p.get("gap", 1e-4)),
                      progress=progress)
        q.set_progress(job.id, {"stage": "storing the plan", "notes": notes}, 0.95)
        q.finish(job.id, "done", result=plan_to_blob(result, config, raw),
                 progress={"stage": "done", "status": result.status.value, "notes": notes,
                           "solve_seconds": result.timings.get("solve", 0.0)})
    except Exception as e:  # a job fails with its reason; the worker goes on with the next one
        msg = str(e) if isinstance(e, AllyplanError) else f"{type(e).__name__}: {e}"
        q.finish(job.id, "failed", error=msg, progress={"stage": "failed"})


def _run_sweep_job(q: JobQueue, job: Job, ready: Prepared | None = None) -> None:
    """Run a sweep job with the library's :func:`~allyplan.sweep.runner.run_sweep` in a folder of its own (one
    solver process when re-planning), reporting samples done, rate and time left, stopping between chunks when
    cancelled (the samples done are kept, and stored), and storing the summary tables in the job's result."""
    import shutil
    import tempfile

    import yaml

    from allyplan.sweep.runner import SweepProgress, prepare_sweep, run_sweep
    from allyplan.sweep.uncertainty import default_spec, parse_spec

    p = job.params
    work = Path(tempfile.mkdtemp(prefix=f"allyplan-sweep-{job.id}-"))
    try:
        q.set_progress(job.id, {"stage": "loading the scenario"}, 0.02)
        text = p.get("uncertainty")
        spec = default_spec() if text is None else parse_spec(yaml.safe_load(text), "uncertainty file", text)
        fixed: Any = None
        if p.get("fixed_plan") is not None:
            fixed = q.plan(int(p["fixed_plan"]))
            scenario = fixed.scenario
        else:
            if ready is None or ready.key != q.prepare_key(job.scenario_change, p):
                ready = prepare(q, job.scenario_change, p)
            scenario = ready.scenario
        q.set_progress(job.id, {"stage": "planning the nominal plan" if fixed is None else "preparing"}, 0.05)
        setup = prepare_sweep(work / "sweep", scenario, spec, samples=int(p["samples"]), seed=int(p["seed"]),
                              fixed=fixed, time_limit=float(p.get("time_limit", 10.0)),
                              chunk_size=p.get("chunk_size"))
        def progress(pr: SweepProgress) -> None:  # once per chunk (one small write)
            q.set_progress(job.id, {"stage": "sampling", "done": pr.done, "total": pr.total, "seconds": pr.seconds,
                                    "rate": pr.rate, "eta": pr.eta}, 0.05 + 0.9 * pr.done / max(pr.total, 1))

        # A worker stopped with the service leaves this child behind: it stops too, between chunks, and the sweep
        # fails as interrupted (as a restart would mark it), instead of running on unwatched.
        parent = os.getppid()

        def stop() -> bool:
            return os.getppid() != parent or q.cancel_requested(job.id)

        res = run_sweep(setup, workers=1, progress=progress, cancel=stop)
        if os.getppid() != parent and not res.complete:
            q.finish(job.id, "failed", error="interrupted: the service stopped while this sweep ran. Run it again "
                                             "(Re-run on its page)", progress={"stage": "failed", "done": res.done})
            return
        blob = sweep_to_blob(setup.out, scenario)
        state = "done" if res.complete else "cancelled"
        q.finish(job.id, state, result=blob,
                 progress={"stage": state, "done": res.done, "total": res.total, "seconds": res.seconds,
                           "rate": res.done / res.seconds if res.seconds > 0 else 0.0, "engine": res.engine})
    except Exception as e:  # a job fails with its reason; the worker goes on with the next one
        msg = str(e) if isinstance(e, AllyplanError) else f"{type(e).__name__}: {e}"
        q.finish(job.id, "failed", error=msg, progress={"stage": "failed"})
    finally:
        shutil.rmtree(work, ignore_errors=True)


def sweep_to_blob(out: Path, scenario: Scenario) -> bytes:
    """A finished (or stopped) sweep folder's results as compressed JSON: ``summary.json``, the per-need table,
    the sensitivity ranking and the coverage quantiles (the same tables ``allyplan sweep`` writes)."""
    from allyplan.sweep.results import coverage_fan, load_tables

    fan = coverage_fan(load_tables(out))
    fan["month"] = scenario.labels(fan["month"])
    tables = {"needs": pd.read_csv(out / "needs.csv") if (out / "needs.csv").stat().st_size > 1 else pd.DataFrame(),
              "sensitivity": pd.read_csv(out / "sensitivity.csv"), "fan": fan}
    doc = {"summary": json.loads((out / "summary.json").read_text(encoding="utf-8")),
           "tables": {n: df.to_dict("split") for n, df in tables.items()}}
    return zlib.compress(json.dumps(doc, default=_json_default).encode("utf-8"), 6)


def sweep_from_blob(blob: bytes) -> dict[str, Any]:
    doc = json.loads(zlib.decompress(blob))
    out: dict[str, Any] = {"summary": doc["summary"]}
    for n, v in doc["tables"].items():
        out[n] = pd.DataFrame(v["data"], columns=v["columns"])
    return out


def plan_to_blob(p: Plan, config: Mapping[str, Any], raw: Mapping[str, pd.DataFrame]) -> bytes:
    """A plan as compressed JSON: the scenario it was made from (string tables) and its own tables and figures."""
    doc = {
        "config": dict(config),
        "raw": {k: v.astype(str).to_dict("split") for k, v in raw.items()},
        "status": p.status.value, "objective": p.objective, "bound": p.bound, "gap": p.gap,
        "terms": p.terms, "timings": p.timings, "size": p.size,
        "tables": {n: {"split": getattr(p, n).to_dict("split"), "dtypes": getattr(p, n).dtypes.astype(str).to_dict()}
                   for n in PLAN_TABLES},
    }
    return zlib.compress(json.dumps(doc, default=_json_default).encode("utf-8"), 6)


def _json_default(v: object) -> object:
    if hasattr(v, "item"):
        return v.item()
    return str(v)


def plan_from_blob(blob: bytes) -> Plan:
    from allyplan.planner import Plan, SolveStatus
    from allyplan.scenario import build_scenario

    doc = json.loads(zlib.decompress(blob))
    raw = {k: pd.DataFrame(v["data"], columns=v["columns"], dtype=str) for k, v in doc["raw"].items()}
    s = build_scenario(doc["config"], raw, origin="stored plan")
    tables = {}
    for n, v in doc["tables"].items():
        df = pd.DataFrame(v["split"]["data"], columns=v["split"]["columns"])
        tables[n] = df.astype({k: d for k, d in v["dtypes"].items() if k in df.columns})
    return Plan(scenario=s, status=SolveStatus(doc["status"]), objective=doc["objective"], bound=doc["bound"],
                gap=doc["gap"], terms=doc["terms"], timings=doc["timings"], size=doc["size"], **tables)


# -- worker processes ----------------------------------------------------------------------------------------------
def worker_main(url: str, stop: Any = None, idle: float = POLL_SECONDS) -> None:
    """A worker process: run queued jobs one after another until ``stop`` (an Event) is set."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the service stops its workers itself
    import allyplan.planner  # noqa: F401  (loaded once here, so a forked job starts at once)

    engine = make_engine(url)
    q = JobQueue(engine=engine, url=url)
    name = f"{socket.gethostname()}:{os.getpid()}"
    ready: dict[tuple[Any, ...], Prepared] = {}
    checked = 0.0
    try:
        while stop is None or not stop.is_set():
            if q.run_next(name, in_child=True, prepared=ready):
                continue
            if time.monotonic() - checked > PREPARE_SECONDS:
                checked = time.monotonic()
                prepare_current(q, ready)
            time.sleep(idle)
    finally:
        engine.dispose()


def prepare_current(q: JobQueue, ready: dict[tuple[Any, ...], Prepared], keep: int = 4) -> None:
    """Load and check the current scenario, with and without the ledger as baseline, unless ``ready`` has it:
    an idle worker does this so that a plan queued next starts solving at once. What fails to load is left for
    the job to report."""
    from allyplan.scenario_store import _latest

    with reading(q.engine) as conn:
        change = _latest(conn)
    if change is None:
        return
    for use in (True, False):
        params = {"use_ledger": use, "as_of": None}
        try:
            if q.prepare_key(change, params) in ready:
                continue
            got = prepare(q, change, params)
        except Exception:
            continue
        ready[got.key] = got
        while len(ready) > keep:
            ready.pop(next(iter(ready)))


class WorkerPool:
    """``n`` worker processes for one database, started and stopped together."""

    def __init__(self, url: str, n: int = 1) -> None:
        self.url, self.n = url, n
        ctx = mp.get_context("spawn")
        self._stop = ctx.Event()
        self._procs = [ctx.Process(target=worker_main, args=(url, self._stop), daemon=False,
                                   name=f"allyplan-worker-{i}") for i in range(n)]

    def start(self) -> WorkerPool:
        for p in self._procs:
            p.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        for p in self._procs:
            p.join(timeout)
            if p.is_alive():
                p.terminate()
                p.join(2)

    def __enter__(self) -> WorkerPool:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
