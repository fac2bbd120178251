"""The HTML report's text, without a browser (tests/report/test_report_browser.py opens it in Chromium)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from allyplan import plan
from allyplan.report.html_report import provenance
from tests.conftest import make


def test_provenance_names_the_ledger_without_its_password(items: list[dict[str, Any]]) -> None:
    p = plan(make({"items": items, "needs": [{"id": "n", "kind": "hold", "quantity": 1, "accepts": "gen:1"}]}))
    when = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    got = dict(provenance(p, ledger="postgresql://cell:s3cret@db.example/ledger", ledger_as_of="2026-11-30",
                          generated=when))
    assert got["Ledger"] == "postgresql://cell:***@db.example/ledger, as of 2026-11-30"
    assert got["Generated"] == "2026-12-01 09:30 UTC" and got["allyplan"][:1].isdigit()
    assert dict(provenance(p))["Ledger"].startswith("not used")
