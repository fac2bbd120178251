"""The response cache of the hot addresses (dashboard, ledger pages and their API calls): an answer is served again
only while nothing it depends on has changed, and only to the account it was made for."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from allyplan import example_path
from allyplan.web import create_app
from tests.web.conftest import PASSWORD, ck, login

USERS = {"coord": ("coordinator", None), "de": ("donor", "DE"), "view": ("viewer", None)}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    a = create_app(str(tmp_path_factory.mktemp("cache") / "s.db"), secret="s")
    for name, (role, party) in USERS.items():
        a.state.accounts.add(name, role, PASSWORD, party)
    a.state.service.store.import_path(example_path(), who="coord")
    a.state.tokens = {n: a.state.accounts.new_token(n) for n in USERS}
    yield a
    a.state.service.engine.dispose()


def get(c: TestClient, app: Any, who: str, path: str) -> Any:
    r = c.get(path, headers={"Authorization": f"Bearer {app.state.tokens[who]}"})
    assert r.status_code == 200, r.text
    return r.json()


def test_a_ledger_change_is_seen_at_once(app: Any) -> None:
    svc = app.state.service
    with TestClient(app) as c:
        before = get(c, app, "de", "/api/v1/ledger/entries?donor=DE")
        hits = svc.responses.hits
        assert get(c, app, "de", "/api/v1/ledger/entries?donor=DE") == before
        assert svc.responses.hits == hits + 1  # served again: nothing changed
        entry = svc.ledger.add(donor="DE", item="iris-t-slm", quantity=3, announced="2026-10-01", who="coord",
                               source="https://example.org/de")
        after = get(c, app, "de", "/api/v1/ledger/entries?donor=DE")
        assert [e["entry"] for e in after["entries"]] == [entry] + [e["entry"] for e in before["entries"]]
        dash = get(c, app, "de", "/api/v1/dashboard")
        assert any(r["donor"] == "DE" and r["pledged_eur"] > 0 for r in dash["pledged_delivered"])
        cookies = login(c, "de")
        page = c.get("/ledger", headers=ck(cookies)).text
        assert f">{entry}<" in page or f"/ledger/{entry}" in page
        svc.ledger.deliver(entry, 3, who="coord", source="https://example.org/de")
        again = c.get("/ledger", headers=ck(cookies)).text
        assert again != page  # the delivery shows


def test_each_account_gets_its_own_answer(app: Any) -> None:
    with TestClient(app) as c:
        for who, (role, _party) in USERS.items():
            d = get(c, app, who, "/api/v1/dashboard")
            assert d["user"]["name"] == who and d["user"]["role"] == role
            assert (d["open_proposals"] is not None) == (who == "coord")
        pages = {who: c.get("/", headers=ck(login(c, who))).text for who in USERS}
        for who, text in pages.items():  # the page names its own user and carries its own session's CSRF token
            assert all((f"{o} · " in text) == (o == who) for o in USERS), who


def test_a_plan_published_shows_on_the_viewers_dashboard(app: Any) -> None:
    svc = app.state.service
    with TestClient(app) as c:
        assert get(c, app, "view", "/api/v1/dashboard")["plan"] is None
        job = svc.jobs.enqueue_plan(who="coord", use_ledger=False)
        assert svc.jobs.run_next("test")
        assert get(c, app, "coord", "/api/v1/dashboard")["plan"]["id"] == job
        assert get(c, app, "view", "/api/v1/dashboard")["plan"] is None  # not published yet
        svc.jobs.publish(job)
        assert get(c, app, "view", "/api/v1/dashboard")["plan"]["id"] == job
        svc.jobs.publish(job, False)
        assert get(c, app, "view", "/api/v1/dashboard")["plan"] is None


def test_the_cache_keeps_a_bounded_number_of_answers(tmp_path: Path) -> None:
    from allyplan.web.service import ResponseCache

    cache = ResponseCache(size=3)
    made: list[int] = []
    for i in [1, 2, 3, 1, 4, 5, 1]:
        cache.get(i, lambda i=i: made.append(i) or str(i).encode())  # type: ignore[misc]
    assert made == [1, 2, 3, 4, 5] and len(cache._d) == 3  # 1 kept while in use; 2 and 3 dropped


def test_an_answer_from_the_cache_is_the_routed_answer_and_ends_with_the_account(app: Any) -> None:
    """The second GET is answered before routing (the fast path): same status, body and headers as the first; once
    the account is disabled neither its token nor its session gets the kept answer."""
    svc, accounts = app.state.service, app.state.accounts
    accounts.add("brief", "viewer", PASSWORD)
    token = accounts.new_token("brief")
    with TestClient(app) as c:
        cookies = login(c, "brief")
        for path, headers in (("/api/v1/dashboard", {"Authorization": f"Bearer {token}"}),
                              ("/ledger?page=1", ck(cookies))):
            first = c.get(path, headers=headers)
            hits = svc.responses.hits
            second = c.get(path, headers=headers)
            assert svc.responses.hits == hits + 1
            assert first.status_code == 200
            assert (second.status_code, second.content) == (first.status_code, first.content)
            assert {k: v for k, v in second.headers.items() if k != "date"} == \
                   {k: v for k, v in first.headers.items() if k != "date"}
        accounts.disable("brief")
        assert c.get("/api/v1/dashboard", headers={"Authorization": f"Bearer {token}"}).status_code == 401
        r = c.get("/ledger?page=1", headers=ck(cookies), follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_a_revised_reference_figure_is_seen_at_once(app: Any, tmp_path: Path) -> None:
    """A reference import revalues entries without a ledger event: a unit value revised in the catalog (the same
    number of items) must not leave the old EUR values in the cache."""
    import pandas as pd

    from allyplan.ledger.reference import REFERENCE_DIR

    svc = app.state.service
    svc.ledger.add(donor="DE", item="iris-t-slm", quantity=2, announced="2026-10-02", who="coord",
                   source="https://example.org/de")
    items = pd.read_csv(REFERENCE_DIR / "items.csv", dtype=str, keep_default_na=False)
    items.loc[items["id"] == "iris-t-slm", "unit_value_eur"] = "280000000"
    revised = tmp_path / "items.csv"
    items.to_csv(revised, index=False)
    with TestClient(app) as c:
        before = get(c, app, "coord", "/api/v1/dashboard")
        assert before["pledged_delivered"]
        hits = svc.responses.hits
        assert get(c, app, "coord", "/api/v1/dashboard") == before
        assert svc.responses.hits == hits + 1
        svc.ledger.import_reference("items", revised)
        try:
            after = get(c, app, "coord", "/api/v1/dashboard")
            assert after["pledged_delivered"] != before["pledged_delivered"]  # revalued, not the cached answer
        finally:
            svc.ledger.import_reference("items", REFERENCE_DIR / "items.csv")


def test_an_unchanged_answer_is_not_sent_again(app: Any) -> None:
    """A client that sends the entity tag it got (If-None-Match) gets 304 and no body while nothing changed, and
    the new answer with a new tag once something did."""
    svc = app.state.service
    h = {"Authorization": f"Bearer {app.state.tokens['de']}"}
    with TestClient(app) as c:
        first = c.get("/api/v1/ledger/entries?donor=DE", headers=h)
        tag = first.headers["etag"]
        assert first.headers["cache-control"] == "private, no-cache"
        again = c.get("/api/v1/ledger/entries?donor=DE", headers={**h, "If-None-Match": tag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
        other = c.get("/api/v1/ledger/entries?donor=DE", headers={**h, "If-None-Match": '"something else"'})
        assert other.status_code == 200 and other.content == first.content
        svc.ledger.add(donor="DE", item="iris-t-slm", quantity=1, announced="2026-10-02", who="coord",
                       source="https://example.org/de")
        changed = c.get("/api/v1/ledger/entries?donor=DE", headers={**h, "If-None-Match": tag})
        assert changed.status_code == 200 and changed.headers["etag"] != tag and changed.content != first.content
