"""Every role against every API call and page: read and write, own party and another's. Each answer is allowed,
403, or 404 where the thing's existence is itself secret; and no response to anyone but NL's liaison and the
coordinator holds a figure of NL's stocks or floors."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.web.conftest import SECRET_STOCKS, USERS, World, ck, csrf_of, login

ROLES = list(USERS)
ALL = dict.fromkeys(ROLES, 200)
SECRET = re.compile(r"(?<![\d.])(" + "|".join(v for pair in SECRET_STOCKS.values() for v in pair) + r")(?![\d])")


def only(allowed: dict[str, int], default: int) -> dict[str, int]:
    return {r: allowed.get(r, default) for r in ROLES}


def ids(w: World) -> dict[str, Any]:
    svc = w.client.app.state.service  # type: ignore[attr-defined]
    stocks = svc.store.rows("stocks")
    row = {(r.data["donor"], r.data["item"]): r for r in stocks}
    need = svc.store.rows("needs")[0]
    entry = int(svc.ledger.entries()["entry"].iloc[0]) if len(svc.ledger.entries()) else None
    return {"nl": row[("NL", "patriot")].rowid, "de": row[("DE", "patriot")].rowid, "need": need.rowid,
            "proposal": w.proposals[0], "plan": w.plan, "entry": entry, "sweep": w.sweep}


def reads(i: dict[str, Any]) -> list[tuple[str, dict[str, int]]]:
    plan = i["plan"]
    seers = {"coord": 200, "de": 200, "nl": 200, "ua": 200}
    return [
        ("/api/v1/me", ALL), ("/api/v1/dashboard", ALL), ("/api/v1/scenario/tables", ALL),
        ("/api/v1/scenario/tables/stocks", only({"coord": 200, "de": 200, "nl": 200}, 404)),
        ("/api/v1/scenario/tables/funds", only({"coord": 200, "de": 200, "nl": 200}, 404)),
        ("/api/v1/scenario/tables/production", only({"coord": 200, "de": 200, "nl": 200}, 404)),
        ("/api/v1/scenario/tables/policies", only({"coord": 200, "de": 200, "nl": 200}, 404)),
        ("/api/v1/scenario/tables/needs", only(seers, 404)),
        ("/api/v1/scenario/tables/holdings", only(seers, 404)),
        ("/api/v1/scenario/tables/parties", only(seers, 404)),
        ("/api/v1/scenario/tables/items", only(seers, 404)),
        ("/api/v1/scenario/tables/pledges", ALL),
        ("/api/v1/scenario/tables/nosuch", only({}, 404)),
        (f"/api/v1/scenario/tables/stocks/{i['nl']}", only({"coord": 200, "nl": 200}, 404)),
        (f"/api/v1/scenario/tables/stocks/{i['nl']}/history", only({"coord": 200, "nl": 200}, 404)),
        (f"/api/v1/scenario/tables/stocks/{i['de']}", only({"coord": 200, "de": 200}, 404)),
        (f"/api/v1/scenario/tables/needs/{i['need']}/history", only(seers, 404)),
        ("/api/v1/scenario/changes", only({"coord": 200}, 403)),
        ("/api/v1/scenario/export", only({"coord": 200}, 403)),
        ("/api/v1/ledger/entries", ALL), ("/api/v1/ledger/entries?donor=DE&status=committed", ALL),
        (f"/api/v1/ledger/entries/{i['entry']}", ALL), ("/api/v1/ledger/entries/999999", only({}, 404)),
        ("/api/v1/ledger/report", ALL), ("/api/v1/ledger/report?by=item", ALL),
        ("/api/v1/proposals", only({"coord": 200}, 403)),
        (f"/api/v1/proposals/{i['proposal']}", only({"coord": 200}, 403)),
        ("/api/v1/plans", ALL),
        (f"/api/v1/plans/{plan}", only(seers, 404)),
        (f"/api/v1/plans/{plan}/tables/coverage", only(seers, 404)),
        (f"/api/v1/plans/{plan}/tables/needs", only(seers, 404)),
        (f"/api/v1/plans/{plan}/tables/shortfalls", {"coord": 200, "de": 403, "nl": 403, "ua": 200, "view": 404}),
        (f"/api/v1/plans/{plan}/tables/deliveries", {"coord": 200, "de": 403, "nl": 403, "ua": 403, "view": 404}),
        (f"/api/v1/plans/{plan}/tables/burden", {"coord": 200, "de": 403, "nl": 403, "ua": 403, "view": 404}),
        (f"/api/v1/plans/{plan}/tables/coverage?format=csv", only(seers, 404)),
        (f"/api/v1/plans/{plan}/plan.xlsx", only(seers, 404)),
        (f"/api/v1/plans/{plan}/asks/DE", only({"coord": 200, "de": 200}, 403)),
        (f"/api/v1/plans/{plan}/asks/NL", only({"coord": 200, "nl": 200}, 403)),
        ("/api/v1/plans/999999", only({}, 404)),
        (f"/api/v1/plans/{i['sweep']}", only({}, 404)),  # a sweep is no plan
        # sweeps: by the same rule as a plan's coverage (access.SWEEP_VIEWS); sweeps are never published
        ("/api/v1/sweeps", ALL),
        (f"/api/v1/sweeps/{i['sweep']}", only(seers, 404)),
        (f"/api/v1/sweeps/{i['sweep']}/tables/needs", only(seers, 404)),
        (f"/api/v1/sweeps/{i['sweep']}/tables/fan", only(seers, 404)),
        (f"/api/v1/sweeps/{i['sweep']}/tables/needs?format=csv", only(seers, 404)),
        (f"/api/v1/sweeps/{i['sweep']}/tables/sensitivity",
         {"coord": 200, "de": 403, "nl": 403, "ua": 403, "view": 404}),
        (f"/api/v1/sweeps/{i['sweep']}/tables/sensitivity?format=csv",
         {"coord": 200, "de": 403, "nl": 403, "ua": 403, "view": 404}),
        (f"/api/v1/sweeps/{i['sweep']}/tables/nosuch", only({}, 404)),
        (f"/api/v1/sweeps/{plan}", only({}, 404)),  # a plan is no sweep
        ("/api/v1/sweeps/999999", only({}, 404)),
        ("/api/v1/openapi.json", ALL),
    ]


def pages(i: dict[str, Any]) -> list[tuple[str, dict[str, int]]]:
    plan = i["plan"]
    seers = {"coord": 200, "de": 200, "nl": 200, "ua": 200}
    return [
        ("/", ALL), ("/scenario", ALL), ("/tokens", ALL), ("/ledger", ALL), ("/ledger?donor=DE", ALL),
        (f"/ledger/{i['entry']}", ALL), ("/plans", ALL),
        ("/scenario/stocks", only({"coord": 200, "de": 200, "nl": 200}, 404)),
        ("/scenario/needs", only(seers, 404)),
        ("/scenario/pledges", ALL),
        (f"/scenario/stocks/{i['nl']}/history", only({"coord": 200, "nl": 200}, 404)),
        ("/scenario/export.xlsx", only({"coord": 200}, 403)),
        ("/review", only({"coord": 200}, 403)),
        (f"/review/{i['proposal']}", only({"coord": 200}, 403)),
        (f"/plans/{plan}", only(seers, 404)),
        (f"/plans/{plan}/tables/coverage.csv", only(seers, 404)),
        (f"/plans/{plan}/tables/deliveries.csv", {"coord": 200, "de": 403, "nl": 403, "ua": 403, "view": 404}),
        (f"/plans/{plan}/plan.xlsx", only(seers, 404)),
        (f"/plans/{plan}/asks/DE", only({"coord": 200, "de": 200}, 403)),
        (f"/plans/{plan}/asks/NL", only({"coord": 200, "nl": 200}, 403)),
        ("/sweeps", ALL),
        (f"/sweeps/{i['sweep']}", only(seers, 404)),
        (f"/sweeps/{i['sweep']}/tables/needs.csv", only(seers, 404)),
        (f"/sweeps/{i['sweep']}/tables/sensitivity.csv", {"coord": 200, "de": 403, "nl": 403, "ua": 403, "view": 404}),
    ]


def _body(r: Any) -> str:
    if r.headers.get("content-type", "").startswith("application/vnd.openxmlformats"):
        import io

        import pandas as pd

        sheets = pd.read_excel(io.BytesIO(r.content), sheet_name=None, dtype=str)
        return "\n".join(df.to_csv(index=False) for df in sheets.values())
    return r.text


def _no_secret(who: str, where: str, r: Any) -> None:
    if who in ("coord", "nl"):
        return
    found = SECRET.findall(_body(r))
    assert not found, f"{who} got NL's stock figures {found} from {where}"


def test_every_role_against_every_read(world: World) -> None:
    i = ids(world)
    cookies = {who: login(world.client, who) for who in ROLES}
    wrong: list[str] = []
    for path, expect in reads(i):
        for who in ROLES:
            r = world.api(who, "GET", path)
            if r.status_code != expect[who]:  # type: ignore[attr-defined]
                wrong.append(f"API {who} GET {path}: {r.status_code} (expected {expect[who]})")  # type: ignore
            _no_secret(who, path, r)
            if r.status_code >= 400:  # type: ignore[attr-defined]
                assert set(r.json()["error"]) == {"code", "message", "details"}  # type: ignore[attr-defined]
    for path, expect in pages(i):
        for who in ROLES:
            r = world.client.get(path, headers=ck(cookies[who]), follow_redirects=False)
            if r.status_code != expect[who]:
                wrong.append(f"page {who} GET {path}: {r.status_code} (expected {expect[who]})")
            _no_secret(who, path, r)
            if r.status_code >= 400:
                assert 'id="error"' in r.text
    assert not wrong, "\n".join(wrong)


def test_every_role_against_every_write(world: World) -> None:
    i = ids(world)
    svc = world.client.app.state.service  # type: ignore[attr-defined]

    def row(table: str, rowid: int) -> Any:
        return svc.store.row(table, rowid)

    wrong: list[str] = []

    def check(who: str, method: str, path: str, expect: int, **kw: Any) -> Any:
        r = world.api(who, method, path, **kw)
        if r.status_code != expect:  # type: ignore[attr-defined]
            wrong.append(f"{who} {method} {path}: {r.status_code} (expected {expect}) {r.text[:200]}")  # type: ignore
        _no_secret(who, path, r)
        return r

    # editing a row as it is: allowed for its own party and the coordinator, secret (404) from the others
    for table, rid, expect in (("stocks", i["nl"], only({"coord": 200, "nl": 200}, 404)),
                               ("stocks", i["de"], only({"coord": 200, "de": 200}, 404)),
                               ("needs", i["need"], {"coord": 200, "ua": 200, "de": 403, "nl": 403, "view": 404})):
        for who in ROLES:
            cur = row(table, rid)
            check(who, "PUT", f"/api/v1/scenario/tables/{table}/{rid}", expect[who],
                  json={"data": cur.data, "version": cur.version, "why": "same figures"})
            check(who, "DELETE", f"/api/v1/scenario/tables/{table}/{rid}?version=1", 404 if expect[who] == 404 else
                  403 if expect[who] == 403 else 409)
    # a donor may not hand its row to another party, nor add one for another party
    cur = row("stocks", i["de"])
    check("de", "PUT", f"/api/v1/scenario/tables/stocks/{i['de']}", 403,
          json={"data": {**cur.data, "donor": "NL"}, "version": cur.version})
    new = {"donor": "NL", "item": "gepard", "quantity": "3", "floor": "0"}
    for who, expect in (("de", 403), ("ua", 404), ("view", 404)):
        check(who, "POST", "/api/v1/scenario/tables/stocks", expect, json={"data": new})
    check("ua", "POST", "/api/v1/scenario/tables/parties", 403, json={"data": {"code": "ZZ"}})
    for who in ("de", "nl", "ua", "view"):
        check(who, "POST", f"/api/v1/proposals/{i['proposal']}/reject", 403, json={"why": "no"})
        check(who, "POST", "/api/v1/plans", 403, json={})
        check(who, "POST", "/api/v1/scenario/changes/1/approve", 403, json={})
        check(who, "POST", "/api/v1/scenario/import", 403, files={"file": ("s.xlsx", b"PK", "application/zip")})
        check(who, "POST", f"/api/v1/plans/{i['plan']}/publish", 404 if who == "view" else 403)
        check(who, "POST", "/api/v1/sweeps", 403, json={"samples": 4})
        check(who, "POST", f"/api/v1/sweeps/{i['sweep']}/rerun", 404 if who == "view" else 403)
        check(who, "POST", f"/api/v1/sweeps/{i['sweep']}/cancel", 404 if who == "view" else 403)
        check(who, "POST", "/api/v1/tokens", 200, json={"label": "script"})
    # pages: forms are checked the same way, and a form without its CSRF token is refused
    cookies = login(world.client, "de")
    token = csrf_of(world.client, cookies)
    cur = row("stocks", i["nl"])
    form = {"csrf": token, "version": str(cur.version), **{f"f_{k}": v for k, v in cur.data.items()}}
    r = world.client.post(f"/scenario/stocks/{i['nl']}/edit", data=form, headers=ck(cookies))
    assert r.status_code == 404 and not SECRET.findall(r.text)
    cur = row("stocks", i["de"])
    form = {"version": str(cur.version), **{f"f_{k}": v for k, v in cur.data.items()}}
    r = world.client.post(f"/scenario/stocks/{i['de']}/edit", data=form, headers=ck(cookies))
    assert r.status_code == 403 and "csrf" in r.text
    r = world.client.post("/plans", data={"csrf": token}, headers=ck(cookies))
    assert r.status_code == 403
    assert not wrong, "\n".join(wrong)


def test_a_viewer_sees_a_published_plan(world: World) -> None:
    plan = world.plan
    assert world.api("view", "GET", f"/api/v1/plans/{plan}").status_code == 404  # type: ignore[attr-defined]
    assert world.api("coord", "POST", f"/api/v1/plans/{plan}/publish").status_code == 200  # type: ignore
    try:
        assert world.api("view", "GET", f"/api/v1/plans/{plan}").status_code == 200  # type: ignore[attr-defined]
        r = world.api("view", "GET", f"/api/v1/plans/{plan}/tables/coverage")
        assert r.status_code == 200 and len(r.json())  # type: ignore[attr-defined]
        assert world.api("view", "GET", f"/api/v1/plans/{plan}/tables/deliveries").status_code == 403  # type: ignore
        assert world.api("view", "GET", f"/api/v1/plans/{plan}/tables/shortfalls").status_code == 403  # type: ignore
    finally:
        world.api("coord", "POST", f"/api/v1/plans/{plan}/unpublish")


@pytest.mark.parametrize("who", ["de", "nl"])
def test_a_donor_sees_others_only_as_totals_over_three_parties(world: World, who: str) -> None:
    t = world.api(who, "GET", "/api/v1/scenario/tables/stocks").json()  # type: ignore[attr-defined]
    party = USERS[who][1]
    assert t["rows"] and all(r["data"]["donor"] == party for r in t["rows"])
    totals = {x["item"]: x for x in t["totals"]}
    # pac-2-gem-t is held by NL alone: DE sees neither a total of it nor how many hold it; patriot is held by DE,
    # US, NL and RO
    if who == "de":
        assert "pac-2-gem-t" not in totals
        assert totals["patriot"]["quantity"] == 15 + 7331 + 3
    for x in t["totals"]:
        assert "parties" not in x  # how many hold an item is never told
        assert any(x[c] is not None for c in ("quantity", "floor"))  # an item with every figure withheld is left out
    page = world.client.get("/scenario/stocks", headers=ck(login(world.client, who))).text
    shown = page.split('id="totals"', 1)[1]
    assert "patriot" in shown and ("pac-2-gem-t" not in shown or who == "nl")
