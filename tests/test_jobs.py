"""The job queue's own rules, without worker processes: a stored plan reads back as the plan that was made, a
sweep's stored tables read back whole, a sweep request outside the limits is refused naming the value, and the
state rules of cancel, re-run and publish."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from allyplan import example_path, load_scenario, plan
from allyplan.errors import AllyplanError
from allyplan.jobs import (
    MAX_SWEEP_SAMPLES,
    MAX_UNCERTAINTY_CHARS,
    PLAN_TABLES,
    Job,
    JobNotFound,
    JobQueue,
    plan_from_blob,
    plan_to_blob,
    sweep_from_blob,
)
from allyplan.scenario import read_raw
from allyplan.scenario_store import ScenarioStore
from allyplan.verify import verify_plan


@pytest.fixture(scope="module")
def example_plan() -> tuple[dict[str, object], dict[str, pd.DataFrame], object]:
    config, raw, _ = read_raw(example_path())
    return config, raw, plan(load_scenario(example_path()))


def test_a_stored_plan_reads_back_as_the_plan_that_was_made(
        example_plan: tuple[dict[str, object], dict[str, pd.DataFrame], object]) -> None:
    config, raw, p = example_plan
    back = plan_from_blob(plan_to_blob(p, config, raw))  # type: ignore[arg-type]
    for name in PLAN_TABLES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(p, name), check_dtype=True)
    assert back.status == p.status and back.objective == p.objective and back.gap == p.gap  # type: ignore[attr-defined]
    assert back.terms == p.terms and back.size == p.size  # type: ignore[attr-defined]
    # the scenario it was made from comes back too, and the plan still keeps every rule of it
    assert back.scenario.config == p.scenario.config  # type: ignore[attr-defined]
    pd.testing.assert_frame_equal(back.scenario.stocks, p.scenario.stocks)  # type: ignore[attr-defined]
    assert verify_plan(back.scenario, back).ok


def test_a_stored_plan_has_no_nan_or_numpy_left_in_its_json(
        example_plan: tuple[dict[str, object], dict[str, pd.DataFrame], object]) -> None:
    import zlib

    config, raw, p = example_plan
    doc = json.loads(zlib.decompress(plan_to_blob(p, config, raw)))  # type: ignore[arg-type]
    assert set(doc["tables"]) == set(PLAN_TABLES) and doc["status"] == p.status.value  # type: ignore[attr-defined]
    assert all(isinstance(v, str) for row in doc["raw"]["stocks"]["data"] for v in row)  # scenario kept as text


def test_a_stored_sweep_reads_back_its_tables() -> None:
    import zlib

    doc = {"summary": {"done": 2, "loss": {"p50": 1.5}},
           "tables": {"needs": pd.DataFrame({"need": ["a", "b"], "p_on_time": [0.5, 1.0]}).to_dict("split"),
                      "fan": pd.DataFrame({"need": ["a"], "month": ["2027-01"], "q50": [0.25]}).to_dict("split")}}
    out = sweep_from_blob(zlib.compress(json.dumps(doc).encode()))
    assert out["summary"] == {"done": 2, "loss": {"p50": 1.5}}
    assert out["needs"].to_dict("records") == [{"need": "a", "p_on_time": 0.5}, {"need": "b", "p_on_time": 1.0}]
    assert out["fan"].columns.tolist() == ["need", "month", "q50"]


def test_job_to_dict_writes_times_as_utc_iso_and_keeps_none() -> None:
    j = Job(3, "plan", "done", {"gap": 0.001}, 7, datetime(2027, 1, 2, 3, 4, 5, 678), "coord", None,
            datetime(2027, 1, 2, 3, 5), {"stage": "done"}, 1.0, None, None, None)
    d = j.to_dict()
    assert d["created"] == "2027-01-02T03:04:05Z" and d["finished"] == "2027-01-02T03:05:00Z"
    assert d["started"] is None and d["published"] is None and d["params"] == {"gap": 0.001}
    assert json.loads(json.dumps(d)) == d  # plain JSON


# -- the queue, on a real database -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def queue(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JobQueue]:
    st = ScenarioStore(tmp_path_factory.mktemp("jobs") / "svc.db")
    st.import_path(example_path(), who="setup")
    yield JobQueue(engine=st.engine, url=str(st.engine.url))
    st.close()


@pytest.mark.parametrize(("kw", "message"), [
    ({"samples": 0}, f"samples 0: give 1 to {MAX_SWEEP_SAMPLES} samples"),
    ({"samples": MAX_SWEEP_SAMPLES + 1}, f"samples {MAX_SWEEP_SAMPLES + 1}: give 1 to"),
    ({"seed": -1}, r"seed -1: give a whole number from 0 to 2\*\*63 - 1"),
    ({"seed": 2**63}, "seed 9223372036854775808: give a whole number"),
    ({"time_limit": 0.01}, "time_limit 0.01: give 0.1 to 3600 seconds per re-plan"),
    ({"time_limit": 4000}, "time_limit 4000: give 0.1 to 3600 seconds"),
    ({"chunk_size": 0}, "chunk_size 0: give 1 to 1000 samples per chunk"),
    ({"chunk_size": 1001}, "chunk_size 1001: give 1 to 1000"),
    ({"uncertainty": "x" * (MAX_UNCERTAINTY_CHARS + 1)},
     f"the uncertainty file has {MAX_UNCERTAINTY_CHARS + 1:,} characters; at most {MAX_UNCERTAINTY_CHARS:,}"),
    ({"uncertainty": "donors: [unclosed"},
     r"(?s)the uncertainty file is not valid \(ParserError: .*\); compare with the file `allyplan init` writes"),
    ({"fixed_plan": 999999}, "no job 999999; list the jobs"),
])
def test_a_sweep_outside_the_limits_is_refused_naming_the_value(queue: JobQueue, kw: dict[str, object],
                                                                message: str) -> None:
    before = queue.counts()
    with pytest.raises(AllyplanError, match=message):
        queue.enqueue_sweep(who="coord", **kw)  # type: ignore[arg-type]
    assert queue.counts() == before  # nothing was queued


def test_cancel_rerun_and_publish_follow_the_job_states(queue: JobQueue) -> None:
    j = queue.enqueue_plan(who="coord", time_limit=5, use_ledger=False)
    assert queue.get(j).state == "queued" and queue.get(j).created_by == "coord"
    assert queue.get(j).params == {"time_limit": 5.0, "gap": 1e-4, "use_ledger": False, "as_of": None}
    with pytest.raises(AllyplanError, match=f"job {j} is still queued; wait for it or cancel it first"):
        queue.rerun(j, who="coord")
    with pytest.raises(AllyplanError, match=f"job {j} is a queued plan; only a finished plan can be published"):
        queue.publish(j)
    with pytest.raises(AllyplanError, match=f"fixed_plan {j} is a queued plan job; give the id of a finished plan"):
        queue.enqueue_sweep(who="coord", fixed_plan=j)
    c = queue.cancel(j)
    assert c.state == "cancelled" and c.finished is not None and c.progress == {"stage": "cancelled"}
    with pytest.raises(AllyplanError, match=f"job {j} is cancelled; only a queued or running job can be cancelled"):
        queue.cancel(j)
    again = queue.rerun(j, who="other")
    assert again != j and queue.get(again).params == queue.get(j).params and queue.get(again).created_by == "other"
    assert queue.list(1)[0].id == again
    queue.cancel(again)
    with pytest.raises(JobNotFound, match="no job 0; list the jobs on the Plans page or GET /api/v1/plans"):
        queue.get(0)


def test_a_finished_plan_job_publishes_and_serves_its_plan(queue: JobQueue) -> None:
    j = queue.enqueue_plan(who="coord", use_ledger=False)
    while queue.run_next("test"):  # run in this process, no worker
        pass
    assert queue.get(j).state == "done", queue.get(j).error
    assert queue.latest_done(published_only=True) is None or queue.latest_done(published_only=True).id != j
    assert queue.publish(j).published is not None
    assert queue.latest_done(published_only=True).id == j  # type: ignore[union-attr]
    assert [x.id for x in queue.list(published_only=True)] == [j]
    assert queue.publish(j, published=False).published is None
    p = queue.plan(j)
    assert p is queue.plan(j)  # a finished plan never changes: kept after the first read
    assert verify_plan(p.scenario, p).ok and np.isfinite(p.objective)
    with pytest.raises(AllyplanError, match="only a finished plan can be published"):
        queue.publish(queue.enqueue_sweep(who="coord", samples=1, fixed_plan=j))


def test_nothing_can_be_queued_without_a_scenario(tmp_path: Path) -> None:
    q = JobQueue(tmp_path / "empty.db")
    with pytest.raises(AllyplanError, match=r"there is no scenario to plan: import one first \(`allyplan scenario "
                                            r"import DIR`\)"):
        q.enqueue_plan(who="coord")
    with pytest.raises(AllyplanError, match="there is no scenario to sweep"):
        q.enqueue_sweep(who="coord", samples=1)
    assert q.counts() == {} and q.mark_interrupted() == 0
    q.engine.dispose()
