"""Imports: the Kiel preset with its quirks, column mappings, idempotent re-imports, revisions from a newer
release, all-or-nothing on bad rows."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from allyplan.ledger import Ledger, LedgerInputError

KIEL_COLUMNS = ["", "activity_id", "sub_activity_id", "donor", "announcement_date", "year", "month",
                "aid_type_general", "aid_type_specific", "measure", "reporting_currency", "source_reported_value",
                "explanation", "item", "item_type", "item_numb", "item_numb_deliv", "item_price_USD",
                "item_value_estimate_USD", "tot_sub_activity_value_EUR", "tot_value_deliv_EUR", "Source of Aid 1",
                "Source of Aid 2", "Source of Aid 3"]
# A hand-made extract in the layout of the tracker's main-data sheet (figures illustrative), with its quirks: a
# blank first column, a trailing space in "Humanitarian ", "." for unknown values, month 0 for an unknown month.
KIEL_ROWS = [
    ["", "A1", "1", "Germany", "2025-06-12", "2025", "6", "Military", "Weapons", "Commitment", "EUR", ".",
     "Air defence package", "IRIS-T SLM", "Air defence", "2", ".", ".", ".", "280000000", ".",
     "https://www.bundesregierung.de/x", ".", "."],
    ["", "A2", "1", "United States", "2025-07-01", "2025", "7", "Military", "Weapons", "Allocation", "USD",
     "100000000", "Interceptors", "PAC-3 MSE missiles", "Air defence", "20", "20", ".", ".", "88000000",
     "88000000", "https://www.defense.gov/y", "https://www.state.gov/z", "."],
    ["", "A3", "1", "Norway ", ".", "2024", "0", "Humanitarian ", "Food", "Commitment", "NOK", ".",
     "Food aid", ".", ".", ".", ".", ".", ".", "5000000", ".", "https://www.regjeringen.no/w", ".", "."],
    ["", "A3", "2", "Norway", "2024-03-05", "2024", "3", "Financial", "Budget support", "Commitment", "EUR", ".",
     "Budget support", ".", ".", ".", ".", ".", ".", "1000000000", "500000000", ".", ".", "."],
]


def write_kiel(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(KIEL_COLUMNS)
        w.writerows(rows)
    return path


def test_kiel_preset_reads_the_quirks(ledger: Ledger, tmp_path: Path) -> None:
    r = ledger.import_file(write_kiel(tmp_path / "kiel.csv", KIEL_ROWS), preset="kiel", who="test", at="2026-05-01")
    assert (r.rows, len(r.added), r.revised, r.unchanged) == (4, 4, [], 0)
    e = ledger.entries().set_index("key")
    de = e.loc["kiel:A1/1"]
    assert (de["donor"], de["item"], de["quantity"], de["value"], de["status"]) == \
        ("DE", "iris-t-slm", 2, 280e6, "committed")
    us = e.loc["kiel:A2/1"]
    assert (us["donor"], us["item"], us["status"], us["delivered"]) == ("US", "pac-3-mse", "delivered", 20)
    assert us["sources"] == "https://www.defense.gov/y;https://www.state.gov/z"
    no = e.loc["kiel:A3/1"]
    assert (no["donor"], no["category"], pd.isna(no["item"])) == ("NO", "humanitarian", True)
    # month 0 and no announcement date: dated by the release (the import's date) and flagged
    assert str(no["announced"]) == "2026-05-01" and "undated in the tracker" in no["description"]
    assert any(w.row == 4 and w.field == "announced" for w in r.warnings)
    fin = e.loc["kiel:A3/2"]
    assert (fin["category"], fin["delivered_value"], fin["status"]) == ("financial", 500e6, "committed")
    rep = ledger.report("donor").set_index("donor")
    assert rep.loc["NO", "pledged_eur"] == 1.005e9 and rep.loc["NO", "delivered_eur"] == 500e6


def test_reimport_changes_nothing_and_a_newer_release_records_revisions(ledger: Ledger, tmp_path: Path) -> None:
    first = write_kiel(tmp_path / "r28.csv", KIEL_ROWS)
    ledger.import_file(first, preset="kiel", at="2026-01-15")
    before = ledger.count()
    again = ledger.import_file(first, preset="kiel")
    assert again.already_imported and ledger.count() == before
    # the same rows in another file (a fresh download): compared row by row, still nothing changes
    same = write_kiel(tmp_path / "r28-copy.csv", [*KIEL_ROWS, ["", "", "", "", "", "", "", "", "", "", "", "", "",
                                                                 "", "", "", "", "", "", "", "", "", "", ""]])
    r = ledger.import_file(same, preset="kiel")
    assert (len(r.added), r.revised, r.unchanged) == (0, [], 4) and ledger.count() == before
    newer = [list(x) for x in KIEL_ROWS]
    newer[0][16] = "2"  # Germany's two systems delivered
    newer.append(["", "A4", "1", "Canada", "2025-09-01", "2025", "9", "Military", "Weapons", "Commitment", "EUR",
                  ".", "", "NASAMS", ".", "1", ".", ".", ".", ".", ".", ".", ".", "."])
    r = ledger.import_file(write_kiel(tmp_path / "r29.csv", newer), preset="kiel", at="2026-05-01")
    assert (len(r.added), r.unchanged) == (1, 3) and len(r.revised) == 1
    de = ledger.entries().set_index("key").loc["kiel:A1/1"]
    assert (de["status"], de["delivered"]) == ("delivered", 2)
    hist = ledger.history(int(de["entry"]))
    assert [e.action for e in hist] == ["add", "update"]
    assert dict(hist[1].data) == {"status": "delivered", "delivered": 2.0}
    assert ledger.entry(int(de["entry"]), as_of="2026-04-30").delivered == 0


def test_every_bad_row_is_reported_and_nothing_is_written(ledger: Ledger, tmp_path: Path) -> None:
    rows = [list(x) for x in KIEL_ROWS]
    rows[1][3] = "Atlantis"
    rows[2][4] = "sometime in 2024"
    rows[3][15] = "twelve"
    with pytest.raises(LedgerInputError) as e:
        ledger.import_file(write_kiel(tmp_path / "bad.csv", rows), preset="kiel")
    got = {(p.file, p.row, p.field) for p in e.value.problems}
    # a count written as a word is read (unknown, the text kept) with a warning, not refused
    assert got == {("bad.csv", 3, "donor"), ("bad.csv", 4, "announced")}
    assert all(p.fix for p in e.value.problems)
    assert ledger.count() == {"entries": 0, "events": 0}


def test_kiel_workbook_with_a_title_row(ledger: Ledger, tmp_path: Path) -> None:
    df = pd.DataFrame(KIEL_ROWS, columns=KIEL_COLUMNS)
    path = tmp_path / "kiel.xlsx"
    with pd.ExcelWriter(path) as xl:
        pd.DataFrame([["Ukraine Support Tracker - main data"]]).to_excel(xl, sheet_name="Notes", header=False,
                                                                         index=False)
        title = pd.DataFrame([["Bilateral aid, one row per sub-activity"] + [""] * (len(KIEL_COLUMNS) - 1)],
                             columns=KIEL_COLUMNS)
        pd.concat([title, pd.DataFrame([KIEL_COLUMNS], columns=KIEL_COLUMNS), df]).to_excel(
            xl, sheet_name="Bilateral Assistance, MAIN DATA", header=False, index=False)
    r = ledger.import_file(path, preset="kiel")
    assert len(r.added) == 4
    assert ledger.entries().set_index("key").loc["kiel:A2/1", "item"] == "pac-3-mse"


def test_mapping_and_content_keys(ledger: Ledger, tmp_path: Path) -> None:
    path = tmp_path / "pledges.csv"
    path.write_text("country,what,qty,when,url\nGermany,Patriot,1,12.06.2025,https://a\n"
                    "France,SAMP/T,\"1\",2025-07-01,https://b\n", encoding="utf-8")
    m = {"donor": "country", "item": "what", "quantity": "qty", "announced": "when", "sources": "url"}
    r = ledger.import_file(path, mapping=m)
    assert len(r.added) == 2
    e = ledger.entries().set_index("donor")
    assert (e.loc["DE", "item"], str(e.loc["DE", "announced"])) == ("patriot", "2025-06-12")
    path.write_text(path.read_text() + "Italy,SAMP/T,1,2025-08-01,https://c\n", encoding="utf-8")
    r = ledger.import_file(path, mapping=m)
    assert (len(r.added), r.unchanged) == (1, 2)
    with pytest.raises(LedgerInputError, match="no column 'qty2'"):
        ledger.import_file(path, mapping={**m, "quantity": "qty2"})
    with pytest.raises(LedgerInputError, match="not a ledger field"):
        ledger.import_file(path, mapping={**m, "colour": "what"})
    odd = tmp_path / "odd.csv"
    odd.write_text("country,what,qty,when,url\nAtlantis,Death Star,1,2025-06-12,x\n", encoding="utf-8")
    with pytest.raises(LedgerInputError) as e:
        ledger.import_file(odd, mapping=m)
    assert {(p.row, p.field, p.message) for p in e.value.problems} == {
        (2, "donor", "unknown party 'Atlantis'"), (2, "item", "unknown item 'Death Star'")}


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"\x00\x01\x02PK\x03\x04binary", "binary"),
    (b"donor,when\nDE,2025-01-01\n", "no column for the required field 'announced'"),
])
def test_unreadable_files(ledger: Ledger, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(LedgerInputError, match=message):
        ledger.import_file(path)
    with pytest.raises(LedgerInputError, match="no such file"):
        ledger.import_file(tmp_path / "missing.csv")
    with pytest.raises(LedgerInputError, match="unsupported file type"):
        ledger.import_file(tmp_path / "x.pdf" if (tmp_path / "x.pdf").write_bytes(b"%PDF") else path)
