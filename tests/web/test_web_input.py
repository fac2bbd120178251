"""Bad input through the service: refused or resolved with a clear message, nothing half-written; logins,
sessions and CSRF."""

from __future__ import annotations

import io
import zipfile

from allyplan.web.auth import MAX_FAILURES
from tests.web.conftest import PASSWORD, World, ck, csrf_of, login


def _stock(w: World, donor: str, item: str):  # type: ignore[no-untyped-def]
    svc = w.client.app.state.service  # type: ignore[attr-defined]
    return next(r for r in svc.store.rows("stocks") if r.data["donor"] == donor and r.data["item"] == item)


def test_two_users_editing_the_same_row(world: World) -> None:
    r = _stock(world, "DE", "gepard")
    path = f"/api/v1/scenario/tables/stocks/{r.rowid}"
    first = world.api("de", "PUT", path, json={"data": {**r.data, "quantity": "16"}, "version": r.version})
    assert first.status_code == 200  # type: ignore[attr-defined]
    second = world.api("coord", "PUT", path, json={"data": {**r.data, "quantity": "17"}, "version": r.version})
    assert second.status_code == 409  # type: ignore[attr-defined]
    err = second.json()["error"]  # type: ignore[attr-defined]
    assert err["code"] == "conflict" and "changed by de" in err["message"] and "Reload" in err["message"]
    assert _stock(world, "DE", "gepard").data["quantity"] == "16"


def test_sql_and_html_in_every_text_field(world: World) -> None:
    nasty = "<script>alert('x')</script>'; DROP TABLE svc_users; --"
    r = _stock(world, "DE", "iris-t-slm")
    data = {**r.data, "source": nasty}
    ok = world.api("de", "PUT", f"/api/v1/scenario/tables/stocks/{r.rowid}",
                   json={"data": data, "version": r.version, "why": nasty})
    assert ok.status_code == 200  # type: ignore[attr-defined]
    for field in ("donor", "item", "quantity", "floor", "available_from", "lead_months"):
        cur = _stock(world, "DE", "iris-t-slm")
        bad = world.api("de", "PUT", f"/api/v1/scenario/tables/stocks/{r.rowid}",
                        json={"data": {**cur.data, field: nasty}, "version": cur.version})
        assert bad.status_code in (403, 422), (field, bad.text)  # type: ignore[attr-defined]
        assert _stock(world, "DE", "iris-t-slm") == cur
    cookies = login(world.client, "de")
    page = world.client.get("/scenario/stocks", headers=ck(cookies)).text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    hist = world.client.get(f"/scenario/stocks/{r.rowid}/history", headers=ck(cookies)).text
    assert "<script>alert" not in hist and hist.count("&lt;script&gt;") >= 2
    assert world.api("coord", "GET", "/api/v1/me").status_code == 200  # type: ignore[attr-defined]  # users intact
    nul = world.api("de", "PUT", f"/api/v1/scenario/tables/stocks/{r.rowid}",
                    json={"data": {**r.data, "source": "a\x00b"}, "version": 1})
    assert nul.status_code == 422  # type: ignore[attr-defined]


def test_a_nul_in_a_query_parameter_is_refused(world: World) -> None:
    """Found by the fuzz test with random inputs: DELETE ...?why=%00 raised a ValueError, answered as a 500."""
    r = _stock(world, "DE", "gepard")
    bad = world.api("de", "DELETE", f"/api/v1/scenario/tables/stocks/{r.rowid}?version={r.version}&why=a%00b")
    assert bad.status_code == 422, bad.text  # type: ignore[attr-defined]
    err = bad.json()["error"]  # type: ignore[attr-defined]
    assert err["code"] == "invalid_input" and err["details"][0]["where"] == "query.why"
    assert _stock(world, "DE", "gepard") == r  # nothing deleted


def test_a_scenario_that_fails_validation_is_refused_whole(world: World) -> None:
    svc = world.client.app.state.service  # type: ignore[attr-defined]
    before = svc.store.latest_change()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for f in world.scenario.iterdir():
            data = f.read_bytes()
            if f.name == "needs.csv":
                data = data.replace(b",hold,", b",sometimes,", 1)
            z.writestr(f"s/{f.name}", data)
    r = world.api("coord", "POST", "/api/v1/scenario/import", files={"file": ("s.zip", buf.getvalue())})
    assert r.status_code == 422  # type: ignore[attr-defined]
    err = r.json()["error"]  # type: ignore[attr-defined]
    assert err["code"] == "invalid_input" and "nothing was written" in err["message"]
    assert any("s.zip" in d["file"] and d["field"] == "kind" for d in err["details"])
    assert svc.store.latest_change() == before
    for name, content, code in (("s.zip", b"not a zip", 400), ("evil.zip", _traversal(), 400),
                                ("big.xlsx", b"PK" + b"0" * (20 * 1024 * 1024 + 1), 413)):
        r = world.api("coord", "POST", "/api/v1/scenario/import", files={"file": (name, content)})
        assert r.status_code == code, r.text  # type: ignore[attr-defined]
    assert svc.store.latest_change() == before


def _traversal() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("s/scenario.yaml", "name: x")
        z.writestr("../../etc/cron.d/evil", "x")
    return buf.getvalue()


def test_login_sessions_and_csrf(world: World) -> None:
    c = world.client
    c.cookies.clear()
    r = c.get("/login")
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    token = r.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    r = c.post("/login", data={"name": "de", "password": PASSWORD, "csrf": token}, follow_redirects=False)
    session = r.headers["set-cookie"].lower()
    assert r.status_code == 303 and "httponly" in session and "samesite=strict" in session
    c.cookies.clear()
    r = c.post("/login", data={"name": "de", "password": PASSWORD, "csrf": "forged"}, follow_redirects=False)
    assert r.status_code == 403
    # an API change with the session cookie needs the CSRF token as a header
    cookies = login(c, "coord")
    r = c.post("/api/v1/tokens", json={}, headers=ck(cookies))
    assert r.status_code == 403 and r.json()["error"]["code"] == "csrf"
    r = c.post("/api/v1/tokens", json={}, headers={**ck(cookies), "x-csrf-token": csrf_of(c, cookies)})
    assert r.status_code == 200
    # a forged or foreign session cookie is no session
    r = c.get("/api/v1/me", headers={"cookie": "allyplan_session=forged"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "not_authenticated"
    assert c.get("/", headers={"cookie": "allyplan_session=forged"}, follow_redirects=False).status_code == 303


def test_login_attempts_are_rate_limited(world: World) -> None:
    c = world.client
    for _ in range(MAX_FAILURES):
        c.cookies.clear()
        token = c.get("/login").text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        r = c.post("/login", data={"name": "view", "password": "wrong password", "csrf": token})
        assert r.status_code == 401 and "wrong user name or password" in r.text
    c.cookies.clear()
    token = c.get("/login").text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    r = c.post("/login", data={"name": "view", "password": PASSWORD, "csrf": token})
    assert r.status_code == 429 and "too many failed logins" in r.text
    c.cookies.clear()
    assert login(c, "ua")  # another name is not locked out


def test_pages_and_api_share_one_error_shape(world: World) -> None:
    r = world.api("de", "GET", "/api/v1/nosuch")
    assert r.status_code == 404 and set(r.json()["error"]) == {"code", "message", "details"}  # type: ignore
    r = world.api("de", "POST", "/api/v1/plans", json={"time_limit": "soon"})
    assert r.status_code == 422 and r.json()["error"]["details"][0]["where"]  # type: ignore[attr-defined]
    cookies = login(world.client, "de")
    page = world.client.get("/review", headers=ck(cookies))
    assert page.status_code == 403 and 'data-code="forbidden"' in page.text and "ask a coordinator" in page.text
    assert "https://" not in world.client.get("/", headers=ck(cookies)).text.split("<main>")[0]  # no CDN
    js = world.client.get("/static/plotly.min.js")
    assert js.status_code == 200 and len(js.content) > 1_000_000
