"""The review queue through the API and the pages, against a real database: an accepted pledge becomes a ledger
entry, an accepted policy statement becomes a scenario proposal that changes nothing until a coordinator approves
it, a rejection keeps the proposal with its reason, a merge adds the document to an existing entry, and every
refusal has the one error shape.

A light service of its own (no plan, no sweep): the example scenario, a coordinator and a donor, and the
proposals ingested from one short text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from allyplan import example_path
from allyplan.ingest import ingest_text
from allyplan.web import create_app
from tests.web.conftest import PASSWORD, ck, login

TEXT = ("KYIV - Slovakia will send humanitarian aid only, the government said on Monday. "
        "Germany will deliver 4 more IRIS-T SLM systems to Ukraine, the ministry announced.")


@dataclass
class Desk:
    client: TestClient
    tokens: dict[str, str]
    existing: int  # DE's 2 IRIS-T SLM, already in the ledger

    def api(self, who: str, method: str, path: str, **kw: Any) -> Any:
        return self.client.request(method, "/api/v1" + path, headers={"Authorization": f"Bearer {self.tokens[who]}"},
                                   **kw)

    def ingest(self, url: str) -> dict[str, int]:
        """The text's proposals, stored anew: {'pledge': id, 'policy': id}."""
        r = ingest_text(f"{TEXT} Filed from {url}.", url)  # a document of its own (the same text is stored once)
        doc, records = r.for_ledger()
        doc.update(url=url, title="Aid news", published="2026-11-20")
        svc = self.client.app.state.service  # type: ignore[attr-defined]
        stored = svc.ledger.propose(doc, records, who="coord")
        return {svc.ledger.proposal(p)["kind"]: p for p in stored.proposals}


@pytest.fixture(scope="module")
def desk(service_db: str) -> Iterator[Desk]:
    app = create_app(service_db, secret="test-secret")
    svc = app.state.service
    for name, role, party in (("coord", "coordinator", None), ("de", "donor", "DE"), ("view", "viewer", None)):
        app.state.accounts.add(name, role, PASSWORD, party)
    svc.store.import_path(example_path(), who="coord")
    existing = svc.ledger.add(donor="DE", item="iris-t-slm", quantity=2, announced="2026-10-01", who="coord",
                              source="https://example.org/de")
    with TestClient(app) as client:
        tokens = {n: app.state.accounts.new_token(n, "tests") for n in ("coord", "de", "view")}
        yield Desk(client, tokens, int(getattr(existing, "entry", existing)))
    if app.state.watch is not None:
        app.state.watch.close()
    svc.engine.dispose()


def error_of(r: Any, status: int, code: str) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    return str(body["error"]["message"])


def test_an_accepted_pledge_becomes_a_ledger_entry(desk: Desk) -> None:
    p = desk.ingest("https://example.org/a")
    pending = [x["id"] for x in desk.api("coord", "GET", "/proposals").json()]
    assert p["pledge"] in pending and p["policy"] in pending
    shown = desk.api("coord", "GET", f"/proposals/{p['pledge']}").json()
    assert shown["kind"] == "pledge" and shown["donor"] == "DE" and shown["item"] == "iris-t-slm"
    assert desk.existing in [e["entry"] for e in shown["similar_entries"]]  # the entry it may re-state is offered
    r = desk.api("coord", "POST", f"/proposals/{p['pledge']}/accept", json={"edits": {"quantity": "3"}})
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["proposal"] == p["pledge"] and out["entry"] and out["scenario_proposal"] is None
    entry = desk.api("coord", "GET", f"/ledger/entries/{out['entry']}").json()["entry"]
    assert entry["donor"] == "DE" and entry["item"] == "iris-t-slm" and float(entry["quantity"]) == 3  # the edit
    assert p["pledge"] in [x["id"] for x in desk.api("coord", "GET", "/proposals?review=accepted").json()]
    assert p["pledge"] not in [x["id"] for x in desk.api("coord", "GET", "/proposals").json()]
    # a proposal is decided once
    r = desk.api("coord", "POST", f"/proposals/{p['pledge']}/accept", json={})
    error_of(r, 422, "invalid_input")
    assert r.json()["error"]["details"][0]["message"] == (f"proposal {p['pledge']} is already accepted "
                                                          f"(entry {out['entry']})")


def test_an_accepted_policy_waits_for_a_coordinator_before_it_changes_the_scenario(desk: Desk) -> None:
    p = desk.ingest("https://example.org/b")
    before = [r for r in desk.api("coord", "GET", "/scenario/tables/policies").json()["rows"]
              if r["data"]["party"] == "SK"]
    out = desk.api("coord", "POST", f"/proposals/{p['policy']}/accept", json={}).json()
    change = out["scenario_proposal"]
    assert change and out["entry"] in (None, 0, "")
    waiting = desk.api("coord", "GET", "/scenario/changes?state=proposed").json()
    assert change in [c["id"] for c in waiting]
    now = [r for r in desk.api("coord", "GET", "/scenario/tables/policies").json()["rows"]
           if r["data"]["party"] == "SK"]
    assert now == before  # not applied silently
    # a donor liaison may not approve it; the coordinator does, and the rule is then in the scenario
    error_of(desk.api("de", "POST", f"/scenario/changes/{change}/approve", json={"why": "x"}), 403, "forbidden")
    r = desk.api("coord", "POST", f"/scenario/changes/{change}/approve", json={"why": "confirmed by SK's MoD"})
    assert r.status_code == 200, r.text
    assert r.json()["approved"] is True and r.json()["rowid"]
    rows = [r["data"] for r in desk.api("coord", "GET", "/scenario/tables/policies").json()["rows"]]
    added = [d for d in rows if d["party"] == "SK" and d["rule"] == "no-military-aid"]
    assert len(added) == 1 and f"ingested proposal {p['policy']}" in added[0]["source"]
    error_of(desk.api("coord", "POST", f"/scenario/changes/{change}/approve", json={}), 400, "refused")


def test_a_rejected_policy_proposal_changes_nothing(desk: Desk) -> None:
    p = desk.ingest("https://example.org/c")
    change = desk.api("coord", "POST", f"/proposals/{p['policy']}/accept", json={}).json()["scenario_proposal"]
    r = desk.api("coord", "POST", f"/scenario/changes/{change}/reject", json={"why": "misread"})
    assert r.status_code == 200 and r.json() == {"change": change, "approved": False, "rowid": None}
    assert change in [c["id"] for c in desk.api("coord", "GET", "/scenario/changes?state=rejected").json()]


def test_a_rejected_proposal_stays_with_its_reason(desk: Desk) -> None:
    p = desk.ingest("https://example.org/d")
    r = desk.api("coord", "POST", f"/proposals/{p['pledge']}/reject", json={"why": "a re-statement of the 2"})
    assert r.json() == {"proposal": p["pledge"], "review": "rejected"}
    rejected = {x["id"]: x for x in desk.api("coord", "GET", "/proposals?review=rejected").json()}
    assert p["pledge"] in rejected
    assert desk.api("coord", "GET", f"/proposals/{p['pledge']}").json()["review"] == "rejected"
    r = desk.api("coord", "POST", f"/proposals/{p['pledge']}/reject", json={"why": "again"})
    error_of(r, 422, "invalid_input")
    assert r.json()["error"]["details"][0]["message"] == f"proposal {p['pledge']} is already rejected"


def test_a_merged_proposal_becomes_a_source_of_the_entry(desk: Desk) -> None:
    p = desk.ingest("https://example.org/e")
    r = desk.api("coord", "POST", f"/proposals/{p['pledge']}/merge", json={"entry": desk.existing, "why": "same"})
    assert r.status_code == 200, r.text
    assert r.json()["review"] == "merged" and r.json()["proposal"] == p["pledge"]
    entry = desk.api("coord", "GET", f"/ledger/entries/{desk.existing}").json()
    assert "https://example.org/e" in str(entry)  # the document is now one of its sources
    assert p["pledge"] in [x["id"] for x in desk.api("coord", "GET", "/proposals?review=merged").json()]


def test_refusals_name_what_is_wrong(desk: Desk) -> None:
    msg = error_of(desk.api("coord", "GET", "/proposals/999999"), 404, "not_found")
    assert msg == "proposal 999999 does not exist or is not visible to your account; check the id"
    error_of(desk.api("coord", "POST", "/proposals/999999/accept", json={}), 404, "not_found")
    p = desk.ingest("https://example.org/f")
    for who in ("de", "view"):
        msg = error_of(desk.api(who, "POST", f"/proposals/{p['pledge']}/accept", json={}), 403, "forbidden")
        assert msg == "your account may not review ingested proposals; ask a coordinator if you need to"
        error_of(desk.api(who, "GET", "/proposals"), 403, "forbidden")
    error_of(desk.api("coord", "POST", f"/proposals/{p['pledge']}/merge", json={"entry": 0}), 422, "invalid_input")
    error_of(desk.api("coord", "GET", "/proposals?review=maybe"), 422, "invalid_input")
    # an edit that does not pass the ledger's checks writes nothing and leaves the proposal pending
    r = desk.api("coord", "POST", f"/proposals/{p['pledge']}/accept", json={"edits": {"quantity": "-4"}})
    assert r.status_code in (400, 422), r.text
    assert p["pledge"] in [x["id"] for x in desk.api("coord", "GET", "/proposals").json()]


def test_the_review_pages(desk: Desk) -> None:
    p = desk.ingest("https://example.org/g")
    cookies = login(desk.client, "coord")
    page = desk.client.get("/review", headers=ck(cookies))
    assert page.status_code == 200 and f"/review/{p['pledge']}" in page.text
    one = desk.client.get(f"/review/{p['pledge']}", headers=ck(cookies))
    assert one.status_code == 200 and "IRIS-T SLM" in one.text
    csrf = one.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    r = desk.client.post(f"/review/{p['pledge']}/accept", data={"csrf": csrf, "f_quantity": "4", "f_note": " "},
                         headers=ck(cookies))
    assert r.status_code == 200 and f"Proposal {p['pledge']} accepted as ledger entry" in r.text
    r = desk.client.post(f"/review/{p['policy']}/accept", data={"csrf": csrf}, headers=ck(cookies))
    assert "the policy is proposed to the scenario as change" in r.text
    q = desk.ingest("https://example.org/h")
    r = desk.client.post(f"/review/{q['pledge']}/merge", data={"csrf": csrf, "entry": str(desk.existing)},
                         headers=ck(cookies))
    assert f"Proposal {q['pledge']} merged into ledger entry {desk.existing}" in r.text
    r = desk.client.post(f"/review/{q['policy']}/reject", data={"csrf": csrf, "why": "dup"}, headers=ck(cookies))
    assert f"Proposal {q['policy']} rejected" in r.text
    # a form without its security token is refused, and so is an entry that is not a number
    r = desk.client.post(f"/review/{q['pledge']}/reject", data={"csrf": "old"}, headers=ck(cookies))
    assert r.status_code == 403
    z = desk.ingest("https://example.org/i")
    r = desk.client.post(f"/review/{z['pledge']}/merge", data={"csrf": csrf, "entry": "twelve"}, headers=ck(cookies))
    assert r.status_code in (400, 422) and "twelve" in r.text
