"""A finished plan through the service: its tables as CSV and XLSX are the plan's own, each role gets the tables it
may see, and a donor's ask sheet lists exactly its deliveries with where they come from and why."""

from __future__ import annotations

import io

import pandas as pd

from tests.web.conftest import World


def test_tables_downloads_and_ask_sheet(world: World) -> None:
    svc = world.client.app.state.service  # type: ignore[attr-defined]
    plan = svc.jobs.plan(world.plan)
    r = world.api("coord", "GET", f"/api/v1/plans/{world.plan}/tables/deliveries?format=csv")
    got = pd.read_csv(io.StringIO(r.text), dtype={"fund": str}, keep_default_na=False)  # type: ignore[attr-defined]
    want = plan.table("deliveries")
    assert len(got) == len(want) > 0 and got["quantity"].sum() == want["quantity"].sum()
    book = world.api("ua", "GET", f"/api/v1/plans/{world.plan}/plan.xlsx")
    sheets = pd.read_excel(io.BytesIO(book.content), sheet_name=None)  # type: ignore[attr-defined]
    assert set(sheets) == {"coverage", "needs", "shortfalls"}
    sheets = pd.read_excel(io.BytesIO(world.api("coord", "GET", f"/api/v1/plans/{world.plan}/plan.xlsx")
                                      .content), sheet_name=None)  # type: ignore[attr-defined]
    assert set(sheets) == {"coverage", "needs", "shortfalls", "deliveries", "baseline", "burden"}

    asks = world.api("de", "GET", f"/api/v1/plans/{world.plan}/asks/DE").json()["asks"]  # type: ignore[attr-defined]
    from allyplan.report.asks import ask_sheets

    mine = ask_sheets(plan)["DE"]  # the page shows the plan report's ask sheet, row for row
    assert len(asks) == len(mine) > 0
    assert sum(a["quantity"] for a in asks) == mine["quantity"].sum()
    for a in asks:
        assert a["source"] == "stock" or a["source"].startswith("line ")
        assert a["why"] and a["need"]
    lines = [a for a in asks if a["source"].startswith("line ")]
    assert all(a["paid_by"].startswith("fund ") for a in lines)  # what a line makes is paid by a fund
    page = world.client.get(f"/plans/{world.plan}/asks/DE",
                            headers={"cookie": "; ".join(f"{k}={v}" for k, v in _login(world, "de").items())})
    assert page.status_code == 200 and page.text.count("<tr>") == len(asks) + 1


def _login(world: World, who: str) -> dict[str, str]:
    from tests.web.conftest import login

    return login(world.client, who)


def test_a_plan_job_through_the_api(world: World) -> None:
    r = world.api("coord", "POST", "/api/v1/plans", json={"time_limit": 5, "use_ledger": False})
    assert r.status_code == 202  # type: ignore[attr-defined]
    job = r.json()  # type: ignore[attr-defined]
    assert job["state"] == "queued" and job["params"]["time_limit"] == 5
    seen = world.api("de", "GET", f"/api/v1/plans/{job['id']}").json()  # type: ignore[attr-defined]
    assert seen["params"] == {} and seen["state"] == "queued"  # a donor sees the state, not the settings
    r = world.api("coord", "GET", f"/api/v1/plans/{job['id']}/tables/coverage")
    assert r.status_code == 409 and r.json()["error"]["code"] == "not_ready"  # type: ignore[attr-defined]
    assert world.api("coord", "POST", f"/api/v1/plans/{job['id']}/cancel").json()["state"] == "cancelled"  # type: ignore
    again = world.api("coord", "POST", f"/api/v1/plans/{job['id']}/rerun").json()  # type: ignore[attr-defined]
    assert again["state"] == "queued" and again["id"] != job["id"]
    world.api("coord", "POST", f"/api/v1/plans/{again['id']}/cancel")


def test_an_empty_ledger_draws_no_empty_charts() -> None:
    """With no ledger entries the dashboard drew two charts of bare axes; now it leaves them out (and says why)."""
    from allyplan.web.app import _dashboard_charts

    empty = {"plan": None, "pledged_delivered": [], "burden": []}
    assert _dashboard_charts(empty) == []
    some = {"plan": None, "pledged_delivered": [{"donor": "DE", "pledged_eur": 2e6, "delivered_eur": 1e6}],
            "burden": [{"donor": "DE", "share_of_value": 1.0, "share_of_gdp": 0.3}]}
    assert [c["id"] for c in _dashboard_charts(some)] == ["pledged", "burden"]
