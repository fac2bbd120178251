"""The service's plan and sweep jobs without HTTP, on a real database: each action on a job in a state that does
not allow it is refused with the status and words a caller acts on, and a service with no scenario yet says so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from allyplan import example_path
from allyplan.access import Principal
from allyplan.web import create_app
from allyplan.web.errors import ApiError
from allyplan.web.service import Service

COORD = Principal("coord", "coordinator")
DE = Principal("de", "donor", "DE")
UA = Principal("ua", "recipient", "UA")


@pytest.fixture(scope="module")
def svc(service_db: str) -> Iterator[Service]:
    app = create_app(service_db, secret="s")
    service: Service = app.state.service
    service.store.import_path(example_path(), who="coord")
    yield service
    if app.state.watch is not None:
        app.state.watch.close()
    service.engine.dispose()


def refused(call: object, *args: object, **kw: object) -> ApiError:
    with pytest.raises(ApiError) as e:
        call(*args, **kw)  # type: ignore[operator]
    return e.value


def test_a_queued_plan_has_no_tables_ask_sheet_or_plan_yet(svc: Service) -> None:
    j = svc.run_plan(COORD, time_limit=5, gap=1e-3, use_ledger=False)
    assert j["state"] == "queued" and j["params"]["time_limit"] == 5.0
    e = refused(svc.ask_sheet, COORD, j["id"], "DE")
    assert (e.status, e.code, e.message) == (409, "not_ready", f"plan {j['id']} is queued; an ask sheet exists once "
                                                               "it is done")
    e = refused(svc.plan_object, COORD, j["id"])
    assert (e.status, e.code) == (409, "not_ready")
    assert refused(svc.plan_object, UA, j["id"]).status == 403  # every table of a plan is the coordinator's
    assert refused(svc.ask_sheet, DE, j["id"], "NL").status == 403  # another donor's asks
    # the recipient sees the job, without its settings
    assert svc.plan_job(UA, j["id"])["params"] == {}
    e = refused(svc.job_action, COORD, j["id"], "publish")
    assert (e.status, e.code) == (400, "refused") and "only a finished plan can be published" in e.message
    e = refused(svc.job_action, COORD, j["id"], "explode")
    assert (e.status, e.message) == (404, "action 'explode' does not exist or is not visible to your account; "
                                          "check the id")
    assert refused(svc.job_action, UA, j["id"], "cancel").status == 403
    assert svc.job_action(COORD, j["id"], "cancel")["state"] == "cancelled"
    e = refused(svc.job_action, COORD, j["id"], "cancel")
    assert e.status == 400 and "only a queued or running job can be cancelled" in e.message


def test_a_finished_plan_serves_its_plan_and_asks(svc: Service) -> None:
    j = svc.run_plan(COORD, time_limit=20, gap=1e-3, use_ledger=False)["id"]
    while svc.jobs.run_next("test"):
        pass
    p = svc.plan_object(COORD, j)
    asks = svc.ask_sheet(DE, j, "DE")
    mine = p.deliveries[(p.deliveries["donor"] == "DE") & (p.deliveries["source"] == "stock")]
    stock_asks = [a for a in asks["asks"] if a["source"] == "stock"]
    assert asks["party"] == "DE" and asks["plan"] == j and len(mine) > 0
    # what DE is asked to send from its own stock is what the plan ships from DE's stock, unit for unit
    assert sum(float(a["quantity"]) for a in stock_asks) == pytest.approx(float(mine["quantity"].sum()))
    assert {a["paid_by"] for a in stock_asks} == {"own stock"}
    assert svc.job_action(COORD, j, "publish")["published"] is not None
    again = svc.job_action(COORD, j, "rerun")
    assert again["id"] != j and again["state"] == "queued"
    svc.job_action(COORD, again["id"], "cancel")


def test_sweep_requests_out_of_range_are_invalid_input(svc: Service) -> None:
    e = refused(svc.run_sweep, COORD, samples=5, fixed_plan=999_999)
    assert (e.status, e.code) == (422, "invalid_input")
    assert e.message.startswith("no job 999999") and e.message.endswith("give the id of a finished plan as fixed_plan")
    e = refused(svc.run_sweep, COORD, samples=0)
    assert (e.status, e.message) == (422, "samples 0: give 1 to 20000 samples")
    assert refused(svc.run_sweep, DE, samples=5).status == 403


def test_a_queued_sweep_has_no_tables_and_can_be_cancelled_once(svc: Service) -> None:
    s = svc.run_sweep(COORD, samples=3, seed=2)
    assert s["state"] == "queued" and s["params"]["samples"] == 3
    viewed = svc.sweep_job(UA, s["id"])
    assert set(viewed["params"]) == {"samples", "seed"}  # the recipient does not see the uncertainty file
    e = refused(svc.sweep_tables, COORD, s["id"])
    assert (e.status, e.message) == (409, f"sweep {s['id']} is queued; its tables exist once it is done")
    assert refused(svc.sweep_action, UA, s["id"], "cancel").status == 403
    assert refused(svc.sweep_action, COORD, s["id"], "pause").status == 404
    e = refused(svc.sweep_action, COORD, s["id"], "rerun")
    assert e.status == 400 and "still queued; wait for it or cancel it first" in e.message
    assert svc.sweep_action(COORD, s["id"], "cancel")["state"] == "cancelled"
    again = svc.sweep_action(COORD, s["id"], "rerun")
    assert again["id"] != s["id"] and again["params"]["samples"] == 3
    svc.sweep_action(COORD, again["id"], "cancel")
    # a plan id is not a sweep, and a sweep id is not a plan
    assert refused(svc.sweep_job, COORD, svc.jobs.list(1)[0].id).status == 404
    assert refused(svc.plan_job, COORD, s["id"]).status == 404


def test_a_service_without_a_scenario_says_what_to_do(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "empty.db"), secret="s")
    empty: Service = app.state.service
    try:
        assert empty.table(COORD, "stocks")["rows"] == []
        e = refused(empty.export_scenario, COORD)
        assert (e.status, e.code) == (404, "not_found") and "scenario import" in e.message
        e = refused(empty.run_plan, COORD, time_limit=5, gap=1e-3, use_ledger=False)
        assert (e.status, e.code) == (400, "refused") and e.message.startswith("there is no scenario to plan")
        e = refused(empty.add_row, COORD, "holdings", {"item": "patriot", "quantity": "1"})
        assert e.status == 404 and "scenario import" in e.message
        assert refused(empty.export_scenario, DE).status == 403
        assert empty.marks() is not None
    finally:
        empty.engine.dispose()
