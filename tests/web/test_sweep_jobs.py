"""Sweeps as jobs of the service's queue: a worker runs the library's ``run_sweep``, the stored result equals a
direct run with the same seed, a cancel keeps the samples done, a restart marks a running sweep failed and a re-run
works, and the API and pages show it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from allyplan.errors import AllyplanError
from allyplan.jobs import JobQueue, prepare
from allyplan.sweep import default_spec, prepare_sweep, run_sweep
from tests.web.conftest import World, ck, csrf_of, login


def _q(world: World) -> JobQueue:
    return world.client.app.state.service.jobs  # type: ignore[attr-defined,no-any-return]


def _direct(tmp: Path, scenario: Any, *, samples: int, seed: int, fixed: Any = None,
            chunk_size: int | None = None) -> dict[str, pd.DataFrame]:
    """The tables of ``run_sweep`` called directly, read as the job stores them."""
    setup = prepare_sweep(tmp, scenario, default_spec(), samples=samples, seed=seed, fixed=fixed,
                          chunk_size=chunk_size)
    assert run_sweep(setup, workers=1).complete
    return {"needs": pd.read_csv(tmp / "needs.csv"), "sensitivity": pd.read_csv(tmp / "sensitivity.csv")}


def _api_table(world: World, job: int, name: str) -> pd.DataFrame:
    r = world.api("coord", "GET", f"/api/v1/sweeps/{job}/tables/{name}")
    assert r.status_code == 200, r.text  # type: ignore[attr-defined]
    return pd.DataFrame(r.json())  # type: ignore[attr-defined]


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    assert len(a) and list(a.columns) == list(b.columns)
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_dtype=False)


def test_a_fixed_plan_sweep_job_equals_run_sweep(world: World, tmp_path: Path) -> None:
    q = _q(world)
    r = world.api("coord", "POST", "/api/v1/sweeps", json={"samples": 8, "seed": 7, "fixed_plan": world.plan})
    assert r.status_code == 202, r.text  # type: ignore[attr-defined]
    job = r.json()["id"]  # type: ignore[attr-defined]
    assert r.json()["state"] == "queued" and r.json()["kind"] == "sweep"  # type: ignore[attr-defined]
    assert q.run_next("test")
    got = world.api("coord", "GET", f"/api/v1/sweeps/{job}").json()  # type: ignore[attr-defined]
    assert got["state"] == "done", got
    assert got["progress"]["done"] == got["progress"]["total"] == 8 and got["progress"]["rate"] > 0
    assert got["summary"]["done"] == 8 and got["summary"]["complete"]
    plan = q.plan(world.plan)
    want = _direct(tmp_path / "d", plan.scenario, samples=8, seed=7, fixed=plan)
    _same(_api_table(world, job, "needs"), want["needs"])
    _same(_api_table(world, job, "sensitivity"), want["sensitivity"])
    fan = _api_table(world, job, "fan")
    assert set(fan["need"]) == set(plan.scenario.needs["id"]) and fan["month"].str.match(r"^\d{4}-\d{2}$").all()
    # another seed gives other draws: the comparison above can fail
    other = _direct(tmp_path / "o", plan.scenario, samples=8, seed=8, fixed=plan)
    assert not other["needs"].equals(want["needs"])


def test_a_worker_process_re_plans_a_sweep_like_run_sweep(world: World, tmp_path: Path) -> None:
    q = _q(world)
    job = q.enqueue_sweep(who="coord", samples=8, seed=3, use_ledger=False, time_limit=10.0)
    assert q.run_next("test", in_child=True)  # as a worker does: in a child process
    j = q.get(job)
    assert j.state == "done", j.error
    assert j.progress["done"] == 8 and j.progress["engine"] == "1 local process"
    ready = prepare(q, j.scenario_change, j.params)
    want = _direct(tmp_path / "d", ready.scenario, samples=8, seed=3)
    res = q.sweep(job)
    _same(res["needs"], want["needs"])
    _same(res["sensitivity"], want["sensitivity"])
    assert res["summary"]["mode"] == "replan"


class _CancelAfter(JobQueue):
    """A queue whose user cancels the sweep once ``after`` samples are reported done."""

    after = 5

    def set_progress(self, job_id: int, progress: Any, fraction: float | None = None) -> None:
        super().set_progress(job_id, progress, fraction)
        if progress.get("done", 0) >= self.after and self.get(job_id).state == "running":
            self.cancel(job_id)


def test_cancel_mid_sweep_keeps_the_samples_done(world: World, tmp_path: Path) -> None:
    q = _q(world)
    cq = _CancelAfter(engine=q.engine, url=q.url)
    job = cq.enqueue_sweep(who="coord", samples=20, seed=2, fixed_plan=world.plan, chunk_size=5)
    assert cq.run_next("test")
    j = cq.get(job)
    assert j.state == "cancelled" and j.progress["done"] == 5 and j.progress["total"] == 20, j
    got = world.api("coord", "GET", f"/api/v1/sweeps/{job}").json()  # type: ignore[attr-defined]
    assert got["summary"]["done"] == 5 and not got["summary"]["complete"]
    plan = q.plan(world.plan)
    # the first 5 samples of a 20-sample sweep are a 5-sample sweep's (each sample has its own generator)
    want = _direct(tmp_path / "d", plan.scenario, samples=5, seed=2, fixed=plan)
    _same(_api_table(world, job, "needs"), want["needs"])
    # the page says so
    cookies = login(world.client, "coord")
    page = world.client.get(f"/sweeps/{job}", headers=ck(cookies))
    assert page.status_code == 200 and "stopped early" in page.text and 'id="chart-fan"' in page.text


def test_cancel_of_a_queued_sweep_through_the_api(world: World) -> None:
    r = world.api("coord", "POST", "/api/v1/sweeps", json={"samples": 4, "fixed_plan": world.plan})
    job = r.json()["id"]  # type: ignore[attr-defined]
    r = world.api("coord", "POST", f"/api/v1/sweeps/{job}/cancel")
    assert r.status_code == 200 and r.json()["state"] == "cancelled"  # type: ignore[attr-defined]
    r = world.api("coord", "GET", f"/api/v1/sweeps/{job}/tables/needs")
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_ready"  # type: ignore[attr-defined]


def test_a_restart_marks_a_running_sweep_failed_and_a_rerun_works(world: World) -> None:
    q = _q(world)
    job = q.enqueue_sweep(who="coord", samples=6, seed=4, fixed_plan=world.plan)
    claimed = q.claim("doomed")
    assert claimed is not None and claimed.id == job
    assert q.mark_interrupted() == 1
    j = q.get(job)
    assert j.state == "failed" and "interrupted" in (j.error or "")
    r = world.api("coord", "POST", f"/api/v1/sweeps/{job}/rerun")
    assert r.status_code == 200, r.text  # type: ignore[attr-defined]
    again = r.json()  # type: ignore[attr-defined]
    assert again["id"] != job and again["kind"] == "sweep" and again["params"] == j.params
    assert q.run_next("test")
    assert q.get(again["id"]).state == "done"
    assert q.sweep(again["id"])["summary"]["done"] == 6


def test_a_sweep_whose_worker_is_gone_stops_and_fails_as_interrupted(world: World,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    q = _q(world)
    real = os.getppid()
    asked = {"n": 0}

    def getppid() -> int:  # the worker dies after the first chunk: this process is re-parented
        asked["n"] += 1
        return real if asked["n"] <= 1 else 1

    monkeypatch.setattr(os, "getppid", getppid)
    job = q.enqueue_sweep(who="coord", samples=20, seed=2, fixed_plan=world.plan, chunk_size=5)
    assert q.run_next("test")
    j = q.get(job)
    assert j.state == "failed" and "interrupted" in (j.error or "") and j.progress["done"] == 5, j


def test_a_failing_sweep_fails_with_its_reason(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    import allyplan.sweep.runner

    def broken(*a: Any, **k: Any) -> Any:
        raise AllyplanError("the sweep ran out of patience")

    monkeypatch.setattr(allyplan.sweep.runner, "run_sweep", broken)
    q = _q(world)
    job = q.enqueue_sweep(who="coord", samples=4, fixed_plan=world.plan)
    assert q.run_next("test")
    j = q.get(job)
    assert j.state == "failed" and j.error == "the sweep ran out of patience"
    assert world.api("de", "GET", f"/api/v1/sweeps/{job}").json()["error"] == "the sweep failed"  # type: ignore


@pytest.mark.parametrize("body, what", [
    ({"samples": 0}, "samples"),
    ({"samples": 4, "uncertainty": "delays: [unclosed"}, "not valid"),
    ({"samples": 4, "uncertainty": "nonsense_section: {}"}, "unknown section"),
    ({"samples": 4, "uncertainty": "[" * 5000}, "not valid"),
    ({"samples": 4, "fixed_plan": 999999}, "fixed_plan"),
])
def test_bad_sweep_settings_are_refused_in_the_one_error_shape(world: World, body: dict[str, Any], what: str
                                                                ) -> None:
    r = world.api("coord", "POST", "/api/v1/sweeps", json=body)
    assert r.status_code == 422, r.text  # type: ignore[attr-defined]
    err = r.json()["error"]  # type: ignore[attr-defined]
    assert set(err) == {"code", "message", "details"}
    assert what in (err["message"] + str(err["details"]))


def test_a_sweep_of_the_fixed_plan_refuses_a_sweep_id(world: World) -> None:
    r = world.api("coord", "POST", "/api/v1/sweeps", json={"samples": 4, "fixed_plan": world.sweep})
    assert r.status_code == 422 and "finished plan" in r.json()["error"]["message"]  # type: ignore[attr-defined]


def test_the_sweeps_page_runs_a_sweep(world: World) -> None:
    q = _q(world)
    cookies = login(world.client, "coord")
    page = world.client.get("/sweeps", headers=ck(cookies))
    assert page.status_code == 200 and 'id="run-sweep"' in page.text and f"#{world.sweep}" in page.text
    token = csrf_of(world.client, cookies)
    r = world.client.post("/sweeps", data={"csrf": token, "samples": "4", "seed": "9",
                                           "fixed_plan": str(world.plan), "time_limit": "10", "uncertainty": ""},
                          headers=ck(cookies), follow_redirects=False)
    assert r.status_code == 303, r.text
    job = int(r.headers["location"].rsplit("/", 1)[1])
    assert q.get(job).params["seed"] == 9 and q.get(job).params["uncertainty"] is None
    assert q.run_next("test")
    page = world.client.get(f"/sweeps/{job}", headers=ck(cookies))
    assert page.status_code == 200
    assert 'id="chart-fan"' in page.text and 'id="chart-tornado"' in page.text and 'id="table-sensitivity"' in page.text
    # a donor's liaison sees the per-need outcomes and the fan, not the sensitivity ranking
    de = login(world.client, "de")
    page = world.client.get(f"/sweeps/{job}", headers=ck(de))
    assert page.status_code == 200 and 'id="table-needs"' in page.text and 'id="chart-fan"' in page.text
    assert 'id="table-sensitivity"' not in page.text and 'id="chart-tornado"' not in page.text
    assert 'id="run-sweep"' not in world.client.get("/sweeps", headers=ck(de)).text


def test_the_dashboard_and_plans_ignore_sweeps(world: World) -> None:
    plans = world.api("coord", "GET", "/api/v1/plans").json()  # type: ignore[attr-defined]
    assert all(p["kind"] == "plan" for p in plans)
    d = world.api("coord", "GET", "/api/v1/dashboard").json()  # type: ignore[attr-defined]
    assert d["plan"] is None or _q(world).get(d["plan"]["id"]).kind == "plan"
