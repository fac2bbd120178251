"""The issue's "Keeping figures honest" and "Releases" paragraphs, through the CLI as a user runs it, on both
databases: values as written, unknown delivered values shown as such, entries a newer release drops flagged and
listed, and ``--as-of`` between two releases giving what the release known then stated (exact amounts)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from allyplan.cli import app
from tests.ledger.test_kiel_releases import CURRENT_SHEETS, workbook

runner = CliRunner()


def ok(*args: str) -> str:
    got = runner.invoke(app, list(args))
    assert got.exit_code == 0, got.output
    return got.output


def test_releases_through_the_cli(db_url: str, tmp_path: Path) -> None:
    db = ["--db", db_url]
    first = workbook("kiel-current-layout.csv", tmp_path / "Release_28.xlsx", CURRENT_SHEETS, drop={"C1"})
    ok("ledger", "import", str(first), "--preset", "kiel", "--date", "2026-05-01", *db)
    newer = workbook("kiel-current-layout.csv", tmp_path / "Release_29.xlsx", CURRENT_SHEETS, drop={"C9"})
    said = ok("ledger", "import", str(newer), "--preset", "kiel", "--date", "2026-07-01", *db)
    assert "absent from Release_29.xlsx" in " ".join(said.split())  # listed after the import
    rows = json.loads(ok("ledger", "list", "--format", "json", "--limit", "0", *db))
    by_key = {r["key"]: r for r in rows}
    assert by_key["kiel:C9/1"]["absent_from"] == "Release_29"
    assert "absent from release Release_29" in " ".join(ok("ledger", "list", "--limit", "0", *db).split())
    # values as written (the correction of 53,280,611.22), in the list and in the history
    c7 = by_key["kiel:C7/1"]
    assert Decimal(str(c7["value"])) == Decimal("-53280611.22")
    assert "value=-53280611.22" in ok("ledger", "history", str(c7["entry"]), *db)
    # a delivered value the tracker leaves "." stays unknown, and the report says so
    assert by_key["kiel:C8/1"]["status"] == "delivered" and by_key["kiel:C8/1"]["delivered_value_eur"] is None
    report = json.loads(ok("ledger", "report", "--format", "json", *db))
    assert report[-1]["delivered_unknown"] >= 1
    # between the releases: what Release 28 stated (C1, EUR 280 m, first listed by Release 29, is not counted)
    now = json.loads(ok("ledger", "report", "--format", "json", *db))[-1]["pledged_eur"]
    between = json.loads(ok("ledger", "report", "--as-of", "2026-06-15", "--format", "json", *db))[-1]["pledged_eur"]
    assert Decimal(str(now)) - Decimal(str(between)) == 280_000_000
    assert json.loads(ok("ledger", "report", "--as-of", "2026-04-30", "--format", "json", *db))[-1]["pledges"] == 0
