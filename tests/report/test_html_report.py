"""The HTML report's text, without a browser (tests/report/test_report_browser.py opens it in Chromium)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from html import unescape
from typing import Any

import pytest

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


def test_a_ledger_address_is_shown_without_its_password() -> None:
    from allyplan.report.html_report import _without_password

    assert _without_password("/home/cell/ledger.db") == "/home/cell/ledger.db"  # a file path, as it is
    assert _without_password("sqlite:///ledger.db") == "sqlite:///ledger.db"
    assert _without_password("postgresql+psycopg://cell:pa%40ss@db:5432/l") == "postgresql+psycopg://cell:***@db:5432/l"
    assert _without_password("postgresql://db.example/ledger") == "postgresql://db.example/ledger"
    assert _without_password("not a url://at all") == "a database URL that could not be read"


def test_a_ledger_plan_without_the_ledger_named_says_so(items: list[dict[str, Any]]) -> None:
    p = plan(make({"items": items, "needs": [{"id": "n", "kind": "hold", "quantity": 1, "accepts": "gen:1"}],
                   "pledges": [{"donor": "A", "item": "gen", "quantity": 1, "month": "2027-01",
                                "status": "committed", "source": "ledger entry 12"}]}))
    assert dict(provenance(p))["Ledger"] == "a ledger, as of a date not recorded"
    assert dict(provenance(p, ledger_as_of="2026-11-01"))["Ledger"] == "a ledger, as of 2026-11-01"
    assert dict(provenance(p, ledger="ledger.db"))["Ledger"] == "ledger.db, as of the time of planning"


def test_a_failed_solve_and_an_unknown_gap_are_said_plainly(items: list[dict[str, Any]]) -> None:
    from allyplan.report.html_report import _status_text

    p = plan(make({"items": items, "needs": [{"id": "n", "kind": "hold", "quantity": 1, "accepts": "gen:1"}]}))
    assert _status_text(replace(p, status=SolveStatus.ERROR)) == "the solver failed (error): nothing is planned"
    assert _status_text(replace(p, status=SolveStatus.FEASIBLE, gap=float("inf"))) == (
        "a feasible plan, not proven optimal (the solver's time limit stopped it)")


def test_chart_data_has_no_nan_or_numpy_left() -> None:
    import json

    import numpy as np

    from allyplan.report.html_report import _js

    text = _js({"y": np.array([1.0, np.nan, np.inf, -np.inf]), "n": np.int64(4), "x": np.float32(0.5),
                "m": np.array([1, 2]), "z": np.float32("nan")})
    assert json.loads(text) == {"y": [1.0, None, None, None], "n": 4, "x": 0.5, "m": [1, 2], "z": None}
    with pytest.raises(TypeError, match="set is not JSON serialisable"):
        _js({"s": {1, 2}})
