"""On PostgreSQL a web process keeps who a credential is and the data marks until the database tells of a change
(LISTEN/NOTIFY): a hot answer from the response cache then costs no query, and a change made anywhere (another
process, the command line) is still seen, a revoked session or a disabled account still stops."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from allyplan import example_path
from allyplan.ledger import Ledger
from allyplan.web import create_app
from allyplan.web.auth import Accounts
from allyplan.web.watch import Memo
from tests.databases import PG, database
from tests.web.conftest import PASSWORD, ck, csrf_of, login

pg = pytest.mark.skipif(not PG, reason="set ALLYPLAN_TEST_POSTGRES_URL: change notices are PostgreSQL's")


class FakeWatch:
    def __init__(self) -> None:
        self.generation, self.live = 0, True


def test_memo_keeps_until_the_generation_moves_or_the_session_ends() -> None:
    w = FakeWatch()
    m = Memo(w, size=2)  # type: ignore[arg-type]
    now = datetime(2026, 12, 7, 8, 0)
    g = m.generation()
    m.put(g, ("session", "s1"), ("user", "csrf"), "marks", now + timedelta(hours=1))
    assert m.get(("session", "s1"), now) == (("user", "csrf"), "marks")
    assert m.get(("session", "s2"), now) is None
    assert m.get(("session", "s1"), now + timedelta(hours=2)) is None  # the session has ended
    w.generation += 1  # a notice
    assert m.get(("session", "s1"), now) is None
    m.put(g, ("token", "t"), ("user", None), "old marks", None)  # read before the notice: not good now
    assert m.get(("token", "t"), now) is None
    w.live = False
    m.put(m.generation(), ("token", "t"), ("user", None), "marks", None)  # nothing is kept while not listening
    w.live = True
    assert m.get(("token", "t"), now) is None
    for i in range(5):
        m.put(m.generation(), ("token", str(i)), ("user", None), "marks", None)
    assert len(m._who) <= 2


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    if not PG:
        pytest.skip("set ALLYPLAN_TEST_POSTGRES_URL: change notices are PostgreSQL's")
    with database("postgresql", tmp_path_factory.mktemp("w"), prefix="watch") as url:
        app = create_app(url, secret="s")
        for name, role, party in (("coord", "coordinator", None), ("de", "donor", "DE")):
            app.state.accounts.add(name, role, PASSWORD, party)
        app.state.service.store.import_path(example_path(), who="coord")
        app.state.tokens = {n: app.state.accounts.new_token(n) for n in ("coord", "de")}
        assert app.state.watch.wait_live()
        yield app, url
        app.state.watch.close()
        app.state.service.engine.dispose()


def queries(app: Any) -> list[str]:
    seen: list[str] = []
    event.listen(app.state.service.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    return seen


def settle(app: Any, notices: int, seconds: float = 5.0) -> None:
    """Wait until the watch has heard at least ``notices`` notices."""
    end = time.monotonic() + seconds
    while app.state.watch.notices < notices and time.monotonic() < end:
        time.sleep(0.01)
    time.sleep(0.05)


@pg
def test_a_cached_answer_costs_no_query(served: tuple[Any, str]) -> None:
    app, _ = served
    h = {"Authorization": f"Bearer {app.state.tokens['de']}"}
    with TestClient(app) as c:
        assert c.get("/api/v1/dashboard", headers=h).status_code == 200
        assert c.get("/api/v1/dashboard", headers=h).status_code == 200
        seen = queries(app)
        hits = app.state.service.responses.hits
        for _ in range(3):
            assert c.get("/api/v1/dashboard", headers=h).status_code == 200
        assert app.state.service.responses.hits == hits + 3
        assert seen == []  # neither who the token is nor the marks were read again


@pg
def test_a_change_from_another_process_is_seen(served: tuple[Any, str]) -> None:
    """A ledger entry added through another engine (as the command line or a plan worker would) reaches the
    cached ledger page through the database's notice."""
    app, url = served
    h = {"Authorization": f"Bearer {app.state.tokens['de']}"}
    with TestClient(app) as c:
        before = c.get("/api/v1/ledger/entries?donor=DE", headers=h).json()
        assert c.get("/api/v1/ledger/entries?donor=DE", headers=h).json() == before
        heard = app.state.watch.notices
        with Ledger(url) as led:
            entry = led.add(donor="DE", item="iris-t-slm", quantity=3, announced="2026-10-01", who="cli",
                            source="https://example.org/de")
        settle(app, heard + 1)
        after = c.get("/api/v1/ledger/entries?donor=DE", headers=h).json()
        assert [e["entry"] for e in after["entries"]][:1] == [entry]


@pg
def test_a_disabled_account_and_an_ended_session_stop_at_once(served: tuple[Any, str], tmp_path: Path) -> None:
    app, url = served
    from allyplan.ledger.db import make_engine

    with TestClient(app) as c:
        cookies = login(c, "coord")
        assert c.get("/", headers=ck(cookies)).status_code == 200
        assert c.get("/", headers=ck(cookies)).status_code == 200  # kept
        csrf = csrf_of(c, cookies)
        assert c.post("/logout", data={"csrf": csrf}, headers=ck(cookies), follow_redirects=False).status_code == 303
        r = c.get("/", headers=ck(cookies), follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")  # logged out: at once

        app.state.accounts.add("temp", "coordinator", PASSWORD)
        token = app.state.accounts.new_token("temp")
        h = {"Authorization": f"Bearer {token}"}
        assert c.get("/api/v1/dashboard", headers=h).status_code == 200
        assert c.get("/api/v1/dashboard", headers=h).status_code == 200
        heard = app.state.watch.notices
        engine = make_engine(url)  # another process's engine: the command line's `users disable`
        Accounts(engine).disable("temp")
        engine.dispose()
        settle(app, heard + 1)
        assert c.get("/api/v1/dashboard", headers=h).status_code == 401


@pg
def test_without_its_connection_nothing_is_kept(served: tuple[Any, str]) -> None:
    """While the listening connection is down, every request reads the database (and answers right)."""
    app, _ = served
    h = {"Authorization": f"Bearer {app.state.tokens['de']}"}
    w = app.state.watch
    with TestClient(app) as c:
        assert c.get("/api/v1/dashboard", headers=h).status_code == 200
        w.live = False  # as while reconnecting
        try:
            seen = queries(app)
            assert c.get("/api/v1/dashboard", headers=h).status_code == 200
            assert seen  # read again
        finally:
            w.live = w._conn is not None


@pg
def test_without_the_right_to_make_triggers_the_service_still_serves(served: tuple[Any, str],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """An account that may not create triggers: no change notices, every request reads the database."""
    from sqlalchemy.exc import ProgrammingError

    import allyplan.web.app as web

    _, url = served

    def refused(engine: Any) -> str:
        raise ProgrammingError("CREATE TRIGGER", {}, Exception("permission denied for schema"))

    monkeypatch.setattr(web, "install", refused)
    app = create_app(url, secret="s")
    try:
        assert app.state.watch is None
        token = app.state.accounts.new_token("de")
        with TestClient(app) as c:
            assert c.get("/api/v1/dashboard", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    finally:
        app.state.service.engine.dispose()
