"""The HTML report's text, without a browser (tests/report/test_report_browser.py opens it in Chromium)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from html import unescape
from typing import Any

from allyplan import plan
from allyplan.planner import SolveStatus
from allyplan.report.html_report import provenance, render_report
from tests.conftest import make


def test_provenance_names_the_ledger_without_its_password(items: list[dict[str, Any]]) -> None:
    p = plan(make({"items": items, "needs": [{"id": "n", "kind": "hold", "quantity": 1, "accepts": "gen:1"}]}))
    when = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    got = dict(provenance(p, ledger="postgresql://cell:s3cret@db.example/ledger", ledger_as_of="2026-11-30",
                          generated=when))
    assert got["Ledger"] == "postgresql://cell:***@db.example/ledger, as of 2026-11-30"
    assert got["Generated"] == "2026-12-01 09:30 UTC" and got["allyplan"][:1].isdigit()
    assert dict(provenance(p))["Ledger"].startswith("not used")


def test_the_report_says_in_words_how_the_solve_ended(items: list[dict[str, Any]]) -> None:
    p = plan(make({"items": items,
                   "stocks": [{"donor": "A", "item": "gen", "quantity": 5, "lead_months": 0}],
                   "needs": [{"id": "n", "kind": "hold", "quantity": 9, "due": "2027-02", "accepts": "gen:1"}]}))
    assert "proven optimal" in render_report(p)
    stopped = replace(p, status=SolveStatus.FEASIBLE, gap=0.0312)
    assert "a feasible plan, not proven optimal, within 3.1% of the best possible" in render_report(stopped)
    none = replace(p, status=SolveStatus.NO_SOLUTION, deliveries=p.deliveries.iloc[:0])
    html = unescape(render_report(none))
    assert "no plan: the solver's time limit ran out" in html and "Nothing is asked of any donor." in html
