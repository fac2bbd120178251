"""Plan jobs: run by real worker processes, progress written while they run, cancel, a restart marks interrupted
jobs failed, re-run, a job that fails says why."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from allyplan import example_path
from allyplan.errors import AllyplanError
from allyplan.jobs import JobNotFound, JobQueue, WorkerPool
from allyplan.scenario_store import ScenarioStore


@pytest.fixture
def queue(service_db: str) -> Iterator[JobQueue]:
    st = ScenarioStore(service_db)
    st.import_path(example_path(), who="setup")
    q = JobQueue(engine=st.engine, url=service_db)
    yield q
    st.close()


def _wait(q: JobQueue, job: int, states: tuple[str, ...], seconds: float = 60.0) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        s = q.get(job).state
        if s in states:
            return s
        time.sleep(0.05)
    raise AssertionError(f"job {job} still {q.get(job).state} after {seconds} s")


def test_worker_processes_run_queued_plans(queue: JobQueue, service_db: str) -> None:
    jobs = [queue.enqueue_plan(who="coord", use_ledger=True), queue.enqueue_plan(who="coord", use_ledger=False)]
    with WorkerPool(service_db, 2):
        for j in jobs:
            assert _wait(queue, j, ("done", "failed")) == "done", queue.get(j).error
    for j in jobs:
        got = queue.get(j)
        assert got.progress["stage"] == "done" and got.started and got.finished and got.fraction == 1.0
        p = queue.plan(j)
        assert p.status.value == "optimal" and len(p.deliveries) > 0


def test_cancel_and_rerun(queue: JobQueue, monkeypatch: pytest.MonkeyPatch) -> None:
    import allyplan.planner

    def slow(*a: object, **k: object) -> None:
        time.sleep(60)

    monkeypatch.setattr(allyplan.planner, "plan", slow)  # the forked child inherits it
    queued = queue.enqueue_plan(who="coord", use_ledger=False)
    running = queue.enqueue_plan(who="coord", use_ledger=False)
    assert queue.cancel(queued).state == "cancelled"
    t = threading.Thread(target=queue.run_next, args=("test",), kwargs={"in_child": True})
    t.start()
    _wait(queue, running, ("running",))
    time.sleep(0.5)
    t0 = time.monotonic()
    queue.cancel(running)
    t.join(20)
    assert not t.is_alive() and queue.get(running).state == "cancelled" and time.monotonic() - t0 < 10
    with pytest.raises(AllyplanError, match="only a queued or running job"):
        queue.cancel(running)
    again = queue.rerun(running, who="coord")
    assert queue.get(again).state == "queued" and queue.get(again).params == queue.get(running).params
    queue.cancel(again)


def test_a_restart_marks_interrupted_jobs_failed(queue: JobQueue) -> None:
    job = queue.enqueue_plan(who="coord", use_ledger=False)
    assert queue.claim("a worker that dies").id == job  # type: ignore[union-attr]
    assert queue.mark_interrupted() >= 1
    got = queue.get(job)
    assert got.state == "failed" and "interrupted" in (got.error or "")
    with pytest.raises(AllyplanError, match="has no plan"):
        queue.plan(job)
    again = queue.rerun(job, who="coord")
    assert queue.run_next("test") and queue.get(again).state == "done"


def test_a_failing_job_says_why(queue: JobQueue, monkeypatch: pytest.MonkeyPatch) -> None:
    import allyplan.planner

    def broken(*a: object, **k: object) -> None:
        raise AllyplanError("the solver ran out of patience")

    monkeypatch.setattr(allyplan.planner, "plan", broken)
    job = queue.enqueue_plan(who="coord", use_ledger=False)
    assert queue.run_next("test")
    assert queue.get(job).state == "failed" and queue.get(job).error == "the solver ran out of patience"
    with pytest.raises(JobNotFound):
        queue.get(10**6)


def test_an_idle_worker_prepares_the_current_scenario_and_an_edit_is_never_missed(queue: JobQueue) -> None:
    """A worker loads and checks the current scenario while idle (with and without the ledger) so that the next
    plan starts solving at once; a plan queued after an edit uses the edited scenario, never the prepared one."""
    from allyplan.jobs import prepare_current

    ready: dict[tuple[object, ...], object] = {}
    prepare_current(queue, ready)  # type: ignore[arg-type]
    assert len(ready) == 2
    first = queue.enqueue_plan(who="coord", use_ledger=False)
    job = queue.get(first)
    assert queue.prepare_key(job.scenario_change, job.params) in ready
    assert queue.run_next("test", prepared=ready)  # type: ignore[arg-type]
    assert queue.get(first).state == "done"
    store = ScenarioStore(engine=queue.engine)
    need = next(r for r in store.rows("needs"))
    store.delete_row("needs", need.rowid, version=need.version, who="coord")
    second = queue.enqueue_plan(who="coord", use_ledger=False)
    job = queue.get(second)
    assert queue.prepare_key(job.scenario_change, job.params) not in ready
    assert queue.run_next("test", prepared=ready)  # type: ignore[arg-type]
    assert queue.get(second).state == "done", queue.get(second).error
    needs = lambda j: set(queue.plan(j).scenario.needs["id"])  # noqa: E731
    assert needs(first) - needs(second) == {need.data["id"]}
