"""``allyplan ledger ...`` and ``allyplan plan --ledger``: outputs, files, messages and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from allyplan import example_path
from allyplan.cli import app
from allyplan.ledger import Ledger

runner = CliRunner()


def ok(*args: str) -> str:
    r = runner.invoke(app, list(args))
    assert r.exit_code == 0, r.output
    return r.output


def test_record_revise_deliver_cancel_and_read_back(db_url: str) -> None:
    db = ["--db", db_url]
    assert "Recorded entry 1" in ok("ledger", "add", "--donor", "Germany", "--item", "IRIS-T SLM", "--quantity", "4",
                                    "--announced", "2025-06-12", "--source", "https://www.bmvg.de/x", *db)
    out = ok("ledger", "add", "--donor", "DE", "--item", "iris-t-slm", "--quantity", "4", "--announced",
             "2025-06-20", *db)
    assert "Likely a re-announcement of entry 1" in out
    ok("ledger", "merge", "2", "1", *db)
    ok("ledger", "deliver", "1", "1", "--date", "2025-08-01", *db)
    ok("ledger", "update", "1", "--quantity", "5", "--why", "second tranche", "--date", "2025-09-01", *db)
    ok("ledger", "add", "--donor", "IT", "--item", "samp-t", "--quantity", "1", "--announced", "2025-07-01",
       "--status", "considering", *db)
    ok("ledger", "cancel", "3", "--why", "withdrawn", "--date", "2025-10-01", *db)
    hist = ok("ledger", "history", "1", *db)
    assert "second tranche" in hist and "absorb" in hist and "deliver" in hist
    assert "quantity" in ok("ledger", "show", "1", "--as-of", "2025-08-15", *db)
    assert "merged into 1" in ok("ledger", "list", *db)
    csv_out = ok("ledger", "report", "--format", "csv", *db)
    rep = pd.read_csv(pd.io.common.StringIO(csv_out))
    assert list(rep["donor"]) == ["DE", "total"] and rep.loc[0, "pledges"] == 1
    data = json.loads(ok("ledger", "report", "--by", "month", "--format", "json", "--status", "committed",
                         "--status", "cancelled", *db))
    assert [d["month"] for d in data] == ["2025-06", "2025-07", "total"]
    assert "Pledged and delivered by category" in ok("ledger", "report", "--by", "category", *db)


def test_report_files(db_url: str, tmp_path: Path) -> None:
    db = ["--db", db_url]
    ok("ledger", "add", "--donor", "US", "--item", "nasams", "--quantity", "2", "--announced", "2025-01-05", *db)
    ok("ledger", "report", "--format", "xlsx", "--out", str(tmp_path / "r.xlsx"), *db)
    assert pd.read_excel(tmp_path / "r.xlsx")["donor"].tolist() == ["US", "total"]
    ok("ledger", "report", "--format", "json", "--out", str(tmp_path / "r.json"), *db)
    assert json.loads((tmp_path / "r.json").read_text())[0]["pledged_eur"] == 300e6


def test_errors_exit_2_with_a_message(db_url: str, tmp_path: Path) -> None:
    db = ["--db", db_url]
    cases = [
        (["ledger", "add", "--donor", "XX", "--item", "patriot", "--quantity", "1", "--announced", "2025-01-01"],
         "unknown party 'XX'"),
        (["ledger", "add", "--donor", "DE", "--item", "patriot", "--quantity", "1", "--announced", "soon"],
         "not a date in a known format"),
        (["ledger", "deliver", "7", "1"], "there is no entry 7"),
        (["ledger", "report", "--by", "colour"], "cannot report by 'colour'"),
        (["ledger", "report", "--format", "xlsx"], "give the file with --out"),
        (["ledger", "import", str(tmp_path / "none.csv")], "no such file"),
        (["ledger", "rates", str(tmp_path / "none.csv")], "no such file"),
    ]
    for args, message in cases:
        r = runner.invoke(app, [*args, *db])
        assert r.exit_code == 2, (args, r.output)
        assert message in r.output and "Traceback" not in r.output, (args, r.output)
    assert Ledger(db_url).count() == {"entries": 0, "events": 0}


def test_import_rates_catalog_and_parties(db_url: str, tmp_path: Path) -> None:
    db = ["--db", db_url]
    f = tmp_path / "p.csv"
    f.write_text("land;waffe;stueck;datum\nDeutschland;Patriot;1;12.06.2025\nFrankreich;SAMP/T;1;01.07.2025\n",
                 encoding="utf-8")
    bad = runner.invoke(app, ["ledger", "import", str(f), "--map", "donor=land,item=waffe,quantity=stueck,"
                              "announced=datum", *db])
    assert bad.exit_code == 2 and "unknown party 'Deutschland'" in bad.output  # names in English or codes
    f.write_text("land;waffe;stueck;datum\nDE;Patriot;1;12.06.2025\nFR;SAMP/T;1;01.07.2025\n", encoding="utf-8")
    out = ok("ledger", "import", str(f), "--map", "donor=land,item=waffe,quantity=stueck,announced=datum", *db)
    assert "2 new entries" in out
    assert "already imported" in ok("ledger", "import", str(f), "--map",
                                    "donor=land,item=waffe,quantity=stueck,announced=datum", *db)
    rates = tmp_path / "eurofxref-hist.csv"
    rates.write_text("Date,USD,GBP,\n2025-01-02,1.04,0.83,\n")
    assert "Imported 2 rates" in ok("ledger", "rates", str(rates), *db)
    items = tmp_path / "items.csv"
    items.write_text("id,name,category,kind,lethal,unit_value_eur,aliases\n"
                     "skynex,Skynex system,air-defence,system,true,200000000,Skynex\n")
    ok("ledger", "catalog", "--import", str(items), *db)
    assert "skynex" in ok("ledger", "catalog", *db)
    parties = tmp_path / "parties.csv"
    parties.write_text("code,name,gdp_eur_bn\nFR,France,3000\n")
    ok("ledger", "parties", "--import", str(parties), *db)
    assert "3,000" in ok("ledger", "parties", *db) or "3000" in ok("ledger", "parties", *db)


def test_plan_with_the_ledger_as_baseline(db_url: str, tmp_path: Path) -> None:
    with Ledger(db_url) as led:
        led.add(donor="US", item="pac-3-mse", quantity=20, announced="2026-06-01", expected="2027-02")
        n = led.add(donor="NL", item="pac-2-gem-t", quantity=20, announced="2026-01-10")
        led.deliver(n, 20, at="2026-03-01")
        led.add(donor="IT", item="samp-t", quantity=1, announced="2026-05-01", status="considering")
    out = tmp_path / "plan"
    r = runner.invoke(app, ["plan", str(example_path()), "--ledger", db_url, "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "replaced by the ledger" in r.output
    base = pd.read_csv(out / "baseline.csv", keep_default_na=False)
    pledged = base[base["origin"].str.startswith("pledge")]
    assert set(zip(pledged["donor"], pledged["item"], strict=True)) == {("US", "pac-3-mse")}
    assert pledged["quantity"].sum() == 20
    held = base[(base["origin"] == "holding") & (base["item"] == "pac-2-gem-t")]
    assert held["quantity"].sum() > 0
