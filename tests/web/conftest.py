"""A service over a fresh database (SQLite, and PostgreSQL when ALLYPLAN_TEST_POSTGRES_URL is set) with the example
scenario, one account per role, a finished plan and pending proposals.

Donor NL's stocks get figures that appear nowhere else, so a test can search every response for them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from allyplan import example_path
from allyplan.ingest import ingest_text
from allyplan.jobs import JobQueue
from allyplan.web import create_app
from allyplan.web.auth import Accounts
from tests.databases import BACKENDS, database

PASSWORD = "correct horse battery"
USERS = {"coord": ("coordinator", None), "de": ("donor", "DE"), "nl": ("donor", "NL"), "ua": ("recipient", "UA"),
         "view": ("viewer", None)}
#: NL's stock rows (item -> quantity, floor): figures no other response has any reason to contain.
SECRET_STOCKS = {"patriot": ("7331", "7329"), "pac-2-gem-t": ("48611", "48593")}
TEXT = ("KYIV - Slovakia will send humanitarian aid only, the government said on Monday. "
        "Germany will deliver 4 more IRIS-T SLM systems to Ukraine, the ministry announced.")


@pytest.fixture(scope="module", params=BACKENDS)
def service_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A fresh, empty database URL on each backend (one per test module)."""
    with database(request.param, tmp_path_factory.mktemp("svc"), prefix="w") as url:
        yield url


@dataclass
class World:
    url: str
    client: TestClient
    tokens: dict[str, str]
    plan: int
    proposals: list[int]
    scenario: Path
    cookies: dict[str, dict[str, str]] = field(default_factory=dict)
    sweep: int = 0  # a finished sweep job (8 samples of the plan, re-evaluated)

    def api(self, who: str, method: str, path: str, **kw: object) -> object:
        headers = {"Authorization": f"Bearer {self.tokens[who]}"}
        return self.client.request(method, path, headers=headers, **kw)  # type: ignore[arg-type]


def secret_scenario(tmp: Path) -> Path:
    """The example scenario with NL's stocks set to :data:`SECRET_STOCKS`."""
    import shutil

    import pandas as pd

    d = tmp / "scenario"
    shutil.copytree(example_path(), d)
    st = pd.read_csv(d / "stocks.csv", dtype=str, keep_default_na=False)
    for item, (q, f) in SECRET_STOCKS.items():
        m = (st["donor"] == "NL") & (st["item"] == item)
        assert m.sum() == 1
        st.loc[m, ["quantity", "floor"]] = [q, f]
    st.to_csv(d / "stocks.csv", index=False)
    return d


def login(client: TestClient, name: str, password: str = PASSWORD) -> dict[str, str]:
    """Log in through the form, as a browser does; returns the session cookie."""
    client.cookies.clear()
    r = client.get("/login")
    token = r.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    r = client.post("/login", data={"name": name, "password": password, "csrf": token, "next": "/"},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    cookies = dict(client.cookies)
    client.cookies.clear()
    return cookies


def ck(cookies: dict[str, str]) -> dict[str, str]:
    """The Cookie header for a session (the client itself keeps no cookies between users)."""
    return {"cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}


def csrf_of(client: TestClient, cookies: dict[str, str]) -> str:
    r = client.get("/tokens", headers=ck(cookies))
    return r.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]


@pytest.fixture(scope="module")
def world(service_db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    app = create_app(service_db, secret="test-secret")
    svc = app.state.service
    accounts: Accounts = app.state.accounts
    for name, (role, party) in USERS.items():
        accounts.add(name, role, PASSWORD, party)
    scen = secret_scenario(tmp_path_factory.mktemp("scen"))
    svc.store.import_path(scen, who="coord")
    r = ingest_text(TEXT, "https://example.org/kyiv")
    doc, records = r.for_ledger()
    doc.update(url="https://example.org/kyiv", title="Aid news", published="2026-11-20")
    stored = svc.ledger.propose(doc, records, who="coord")
    svc.ledger.add(donor="DE", item="iris-t-slm", quantity=2, announced="2026-10-01", who="coord",
                   source="https://example.org/de")
    jobs: JobQueue = svc.jobs
    job = jobs.enqueue_plan(who="coord", use_ledger=False)
    assert jobs.run_next("test")
    assert jobs.get(job).state == "done", jobs.get(job).error
    sweep = jobs.enqueue_sweep(who="coord", samples=8, seed=1, fixed_plan=job)
    assert jobs.run_next("test")
    assert jobs.get(sweep).state == "done", jobs.get(sweep).error
    with TestClient(app) as client:
        tokens = {n: accounts.new_token(n, "tests") for n in USERS}
        yield World(service_db, client, tokens, job, stored.proposals, scen, sweep=sweep)
    if app.state.watch is not None:
        app.state.watch.close()
    svc.engine.dispose()
