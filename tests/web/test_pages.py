"""The pages' forms and guards, against a real database: uploads and edits through forms, each bad form value
refused naming the field and the value, oversized requests and NUL characters refused before any work, the
static files, where a login may send the browser next, and the application built from the environment.

A light service of its own (no plan, no sweep): the example scenario and one coordinator."""

from __future__ import annotations

import html
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from allyplan import example_path
from allyplan.web import create_app
from allyplan.web.app import app_from_env
from tests.web.conftest import PASSWORD, ck, csrf_of, login


@dataclass
class Site:
    client: TestClient
    cookies: dict[str, str]
    csrf: str

    def post(self, path: str, data: dict[str, str] | None = None, **kw: Any) -> Any:
        return self.client.post(path, data={"csrf": self.csrf, **(data or {})}, headers=ck(self.cookies),
                                follow_redirects=False, **kw)

    def get(self, path: str, **kw: Any) -> Any:
        return self.client.get(path, headers=ck(self.cookies), follow_redirects=False, **kw)


@pytest.fixture(scope="module")
def site(service_db: str) -> Iterator[Site]:
    app = create_app(service_db, secret="test-secret")
    svc = app.state.service
    app.state.accounts.add("coord", "coordinator", PASSWORD)
    svc.store.import_path(example_path(), who="coord")
    with TestClient(app) as client:
        cookies = login(client, "coord")
        yield Site(client, cookies, csrf_of(client, cookies))
    if app.state.watch is not None:
        app.state.watch.close()
    svc.engine.dispose()


def message(r: Any) -> str:
    """The message of an error answer, from the JSON body (API) or the page (HTML)."""
    if r.headers.get("content-type", "").startswith("application/json"):
        return str(r.json()["error"]["message"])
    return html.unescape(r.text)


def _zip(folder: str = "scen") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for p in example_path().iterdir():
            z.writestr(f"{folder}/{p.name}", p.read_bytes())
    return buf.getvalue()


def test_a_scenario_uploaded_through_the_page(site: Site) -> None:
    r = site.post("/scenario/import", files={"file": ("scen.zip", _zip(), "application/zip")})
    assert r.status_code == 200 and "Imported as change" in r.text and "stocks" in r.text
    r = site.post("/scenario/import")
    assert r.status_code == 422 and "choose a .zip of a scenario folder or an .xlsx workbook" in message(r)
    r = site.client.post("/scenario/import", data={"csrf": "stale"}, headers=ck(site.cookies),
                         files={"file": ("scen.zip", _zip(), "application/zip")})
    assert r.status_code == 403 and "security token is missing or old" in message(r)


def test_rows_added_edited_and_deleted_through_the_pages(site: Site) -> None:
    svc = site.client.app.state.service  # type: ignore[attr-defined]
    before = len(svc.store.rows("holdings"))
    r = site.post("/scenario/holdings/add", {"f_item": "generator", "f_quantity": "3", "why": "counted"})
    assert r.status_code == 303 and r.headers["location"] == "/scenario/holdings", message(r)[-3000:]
    rows = svc.store.rows("holdings")
    assert len(rows) == before + 1
    new = next(x for x in rows if x.data["item"] == "generator")
    r = site.post(f"/scenario/holdings/{new.rowid}/edit", {"version": str(new.version), "f_item": "generator",
                                                           "f_quantity": "4"})
    assert r.status_code == 303
    assert svc.store.row("holdings", new.rowid).data["quantity"] == "4"
    page = site.get(f"/scenario/holdings/{new.rowid}/history")
    assert page.status_code == 200 and "counted" in page.text
    # an edit made for a version that is no longer the row's is refused, naming who changed it
    r = site.post(f"/scenario/holdings/{new.rowid}/edit", {"version": str(new.version), "f_item": "generator",
                                                           "f_quantity": "5"})
    assert r.status_code == 409 and "Reload the row" in message(r)
    r = site.post(f"/scenario/holdings/{new.rowid}/delete", {"version": "soon"})
    assert r.status_code == 422 and "version must be a whole number, not 'soon'" in message(r)
    current = svc.store.row("holdings", new.rowid)
    r = site.post(f"/scenario/holdings/{new.rowid}/delete", {"version": str(current.version)})
    assert r.status_code == 303 and svc.store.row("holdings", new.rowid) is None
    assert len(svc.store.rows("holdings")) == before


def test_a_proposed_row_is_decided_through_the_page(site: Site) -> None:
    svc = site.client.app.state.service  # type: ignore[attr-defined]
    change = svc.store.propose_row("policies", {"party": "HU", "rule": "non-lethal-only", "value": ""}, who="x",
                                   why="statement")
    assert "HU" in site.get("/scenario").text
    r = site.post(f"/scenario/changes/{change}/reject", {"why": "not confirmed"})
    assert r.status_code == 303 and r.headers["location"] == "/scenario"
    assert change in [c.id for c in svc.store.changes(state="rejected")]
    r = site.post(f"/scenario/changes/{change}/approve", {})
    assert r.status_code == 400 and "not a proposal waiting" in message(r)
    assert site.post("/scenario/changes/1/maybe", {}).status_code in (404, 422)


@pytest.mark.parametrize(("path", "form", "said"), [
    ("/plans", {"time_limit": "fast"}, "time_limit must be a number, not 'fast'"),
    ("/plans", {"gap": "1e"}, "gap must be a number, not '1e'"),
    ("/sweeps", {"samples": "many"}, "samples must be a whole number, not 'many'"),
    ("/sweeps", {"samples": "0"}, "samples 0 is out of range"),
    ("/sweeps", {"seed": "1.5"}, "seed must be a whole number, not '1.5'"),
    ("/sweeps", {"fixed_plan": "latest"}, "fixed_plan must be a whole number, not 'latest'"),
    ("/sweeps", {"time_limit": "∞"}, "time_limit must be a number, not '∞'"),
    ("/review/1/merge", {"entry": "x" * 100}, "entry must be a whole number, not '" + "x" * 40 + "'"),
])
def test_a_bad_form_value_is_refused_naming_field_and_value(site: Site, path: str, form: dict[str, str],
                                                            said: str) -> None:
    svc = site.client.app.state.service  # type: ignore[attr-defined]
    before = svc.jobs.counts()
    r = site.post(path, form)
    assert r.status_code == 422 and said in message(r)
    assert svc.jobs.counts() == before  # nothing was queued


def test_sweep_settings_out_of_range_are_listed(site: Site) -> None:
    r = site.post("/sweeps", {"samples": "10", "time_limit": "0.001"})
    assert r.status_code == 422 and "the sweep's settings are out of range; see details" in message(r)


def test_a_plan_queued_through_the_page_opens_its_page(site: Site) -> None:
    r = site.post("/plans", {"time_limit": "5", "gap": "0.01"})
    assert r.status_code == 303 and r.headers["location"].startswith("/plans/")
    job = int(r.headers["location"].rsplit("/", 1)[1])
    page = site.get(f"/plans/{job}")
    assert page.status_code == 200 and "queued" in page.text
    r = site.post(f"/plans/{job}/cancel")
    assert r.status_code == 303
    assert site.client.app.state.service.jobs.get(job).state == "cancelled"  # type: ignore[attr-defined]


def test_a_nul_character_in_a_form_is_refused(site: Site) -> None:
    r = site.post("/tokens", {"label": "a\x00b"})
    assert r.status_code == 422 and "field 'label' contains a NUL character; remove it" in message(r)


def test_a_new_token_is_shown_once_on_its_page(site: Site) -> None:
    r = site.post("/tokens", {"label": "laptop"})
    assert r.status_code == 200
    token = r.text.split("ap_", 1)[1].split("<", 1)[0].split('"', 1)[0]
    accounts = site.client.app.state.accounts  # type: ignore[attr-defined]
    assert accounts.token_user("ap_" + token).name == "coord"
    assert "ap_" not in site.get("/tokens").text  # not shown again


def test_an_oversized_request_is_refused_before_it_is_read(site: Site) -> None:
    r = site.client.post("/api/v1/scenario/import", headers={"content-length": str(200_000_000),
                                                              **ck(site.cookies)}, content=b"x")
    assert r.status_code == 413
    assert r.json() == {"error": {"code": "payload_too_large", "details": [],
                                  "message": "the request is larger than 20 MB; send a smaller file"}}


def test_static_files(site: Site) -> None:
    r = site.client.get("/static/plotly.min.js")
    assert r.status_code == 200 and "max-age=86400" in r.headers["cache-control"] and len(r.content) > 100_000
    r = site.client.get("/static/nosuch.css")
    assert r.status_code == 404 and "file nosuch.css does not exist" in message(r)
    assert site.client.get("/static/..%2Fapp.py").status_code in (404, 422)


def test_the_needs_address_leads_to_the_needs_table(site: Site) -> None:
    r = site.get("/needs")
    assert r.status_code == 303 and r.headers["location"] == "/scenario/needs"


@pytest.mark.parametrize(("next_", "to"), [("/ledger", "/ledger"), ("//evil.example/x", "/"),
                                           ("https://evil.example/", "/"), ("/\\evil.example", "/")])
def test_a_login_sends_the_browser_only_to_a_page_of_this_site(site: Site, next_: str, to: str) -> None:
    c = site.client
    c.cookies.clear()
    page = c.get("/login", params={"next": next_})
    token = page.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    r = c.post("/login", data={"name": "coord", "password": PASSWORD, "csrf": token, "next": next_},
               follow_redirects=False)
    c.cookies.clear()
    assert r.status_code == 303 and r.headers["location"] == to


def test_a_long_ledger_filter_is_refused(site: Site) -> None:
    r = site.get("/ledger", params={"donor": "D" * 65})
    assert r.status_code == 422 and "a filter is at most 64 characters of text" in message(r)
    assert site.get("/ledger", params={"donor": "  DE  "}).status_code == 200


def test_the_application_from_the_environment(service_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALLYPLAN_DATABASE_URL", service_db)
    monkeypatch.setenv("ALLYPLAN_SECRET", "shared")
    monkeypatch.setenv("ALLYPLAN_SECURE_COOKIES", "1")
    app = app_from_env()
    try:
        with TestClient(app) as c:
            r = c.get("/login")
            assert r.status_code == 200 and "secure" in r.headers["set-cookie"].lower()
    finally:
        if app.state.watch is not None:
            app.state.watch.close()
        app.state.service.engine.dispose()
