"""The Kiel preset on the tracker's two real layouts (fixtures in ``data/examples/ledger``, see their README):
sheets, the month offset, measures, spellings, codes, currencies, corrections and the quirks read with warnings."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from allyplan.ledger import Ledger, LedgerInputError

EXAMPLES = Path(__file__).parents[2] / "src" / "allyplan" / "data" / "examples" / "ledger"
CURRENT_SHEETS = ["ReadMe", "Updates and Corrections", "Bilateral Assistance, MAIN DATA", "Country Summary (€)"]
SHEETS_2022 = ["ReadMe", "Bilateral assistance, MAIN DATA", "Multilateral assistance"]


def workbook(fixture: str, path: Path, sheets: list[str], drop: set[str] = frozenset()) -> Path:
    """The fixture's rows on the main-data sheet of a workbook laid out like the release (``drop``: keys left out,
    as a newer release would)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name in sheets:
        ws = wb.create_sheet(name)
        if "main data" in name.lower():
            with (EXAMPLES / fixture).open(encoding="utf-8") as f:
                for row in csv.reader(f):
                    if not (set(row[:2]) & drop):
                        ws.append(row)
        else:
            ws.append(["Kiel Institute for the World Economy - Ukraine Support Tracker"])
            ws.append(["Read me first"])
    wb.save(path)
    return path


@pytest.fixture
def current(tmp_path: Path) -> Path:
    return workbook("kiel-current-layout.csv", tmp_path / "Ukraine_Support_Tracker_Release_28.xlsx", CURRENT_SHEETS)


def test_current_layout_finds_the_main_sheet_and_reads_every_quirk(ledger: Ledger, current: Path) -> None:
    r = ledger.import_file(current, preset="kiel", at="2026-05-01")
    assert (r.layout, r.rows, len(r.added)) == ("current", 10, 10)
    e = ledger.entries().set_index("key")
    # month counts from December 2021: 46 is October 2025 (the row has no announcement_date)
    assert str(e.loc["kiel:C2/1", "announced"]) == "2025-10-01"
    # Commitment rows carry tot_sub_activity_value_EUR = 0 and their value at the activity level
    eu = e.loc["kiel:C3/1"]
    assert (eu["donor"], eu["measure"], eu["value"], eu["value_eur"]) == ("EU", "commitment", 50e9, 50e9)
    assert e.loc["kiel:C1/1", "measure"] == "allocation"
    # spellings and codes: Turkiye, AUS, the European Peace Facility
    assert (e.loc["kiel:C4/1", "donor"], e.loc["kiel:C5/1", "donor"], e.loc["kiel:C8/1", "donor"]) == \
        ("TR", "AU", "EPF")
    # a row without a date: kept, dated by the release, flagged
    tr = e.loc["kiel:C4/1"]
    assert str(tr["announced"]) == "2026-05-01" and "undated" in tr["description"]
    assert tr["category"] == "humanitarian"  # "Humanitarian " with its trailing space
    # HRK at its fixed conversion rate (7.53450 per euro)
    hr = e.loc["kiel:C6/1"]
    assert (hr["currency"], hr["value"], round(hr["value_eur"], 2)) == ("HRK", 7534500.0, 1_000_000.0)
    # a currency left as "." is unknown, never EUR: kept, not valued
    pl = e.loc["kiel:C10/1"]
    assert pl["currency"] == "XXX" and pd.isna(pl["value_eur"])
    # a correction: negative, imported as a negative adjustment, added up by reports
    assert e.loc["kiel:C7/1", "value"] == Decimal("-53280611.22")  # [money, issue 14] exact
    # a count written as a word: unknown, the text kept
    au = e.loc["kiel:C5/1"]
    assert pd.isna(au["quantity"]) and "undisclosed" in au["description"]
    # neither count nor value: kept, unvalued
    assert pd.isna(e.loc["kiel:C9/1", "value_eur"])
    # delivered in full by count, the delivered value left "." stays unknown (not filled in pro rata)
    epf = e.loc["kiel:C8/1"]
    assert epf["status"] == "delivered" and pd.isna(epf["delivered_value_eur"])
    # "Military" and "military" are one category
    assert set(e["category"]) >= {"military"} and "Military" not in set(e["category"])
    warned = {(w.row, w.field) for w in r.warnings}
    assert {(5, "announced"), (6, "quantity"), (8, "value"), (10, "value"), (11, "currency")} <= warned
    rep = ledger.report("measure").set_index("measure")
    assert rep.loc["commitment", "pledged_eur"] == 50e9
    allocated = Decimal(280_000_000 + 88_000_000 + 5_000_000 + 1_000_000 + 1_000_000 + 500_000_000) \
        - Decimal("53280611.22")
    assert rep.loc["allocation", "pledged_eur"] == allocated  # [money, issue 14] exact, to the cent
    # reports show what was delivered at a value the tracker leaves unknown, from the rollups and from a scan
    for rollups in (None, False):
        by_donor = ledger.report("donor", use_rollups=rollups).set_index("donor")
        assert by_donor.loc["EPF", "delivered_unknown"] == 1 and by_donor.loc["EPF", "delivered_eur"] == 0
    hist = ledger.history(int(e.loc["kiel:C7/1", "entry"]))
    assert hist[0].data["value"] == -53280611.22


def test_2022_layout_with_its_sheet_name_dates_and_packages(ledger: Ledger, tmp_path: Path) -> None:
    book = workbook("kiel-2022-layout.csv", tmp_path / "Ukraine_Support_Tracker_Nov2022.xlsx", SHEETS_2022)
    r = ledger.import_file(book, preset="kiel", at="2022-12-06")
    assert (r.layout, r.rows, len(r.added)) == ("2022", 7, 7)
    e = ledger.entries().set_index("key")
    de = e.loc["kiel2022:1"]  # "until 7/27/2022": the date, month first, with the qualifier in the note
    assert str(de["announced"]) == "2022-07-27" and "until" in de["description"]
    # package 2 is repeated on its three items: one package, its items as parts
    parts = e.loc[["kiel2022:2#1", "kiel2022:2#2", "kiel2022:2#3"]]
    assert list(parts["quantity"].fillna(-1)) == [72, 144000, -1] and (parts["donor"] == "US").all()
    assert "dozens" in parts.loc["kiel2022:2#3", "description"]
    hr = e.loc["kiel2022:3"]
    assert (hr["currency"], round(hr["value_eur"], 2)) == ("HRK", 1_000_000.0)
    assert e.loc["kiel2022:4", "donor"] == "TR" and (e["measure"] == "commitment").all()
    # with --sheet, named in another case
    again = ledger.import_file(book, preset="kiel", sheet="bilateral ASSISTANCE, main data", at="2022-12-06")
    assert again.already_imported is None and again.revised == [] and again.unchanged == 7
    # a release in the current layout keys its rows anew: it revises, and finds absent, only its own layout's
    current = workbook("kiel-current-layout.csv", tmp_path / "Release_28.xlsx", CURRENT_SHEETS)
    assert ledger.import_file(current, preset="kiel", at="2026-05-01").absent == []


def test_a_file_that_is_not_the_main_data_is_refused_listing_its_columns_once(ledger: Ledger,
                                                                             tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "ReadMe"
    wb.active.append(["Kiel Institute"])
    wb.save(tmp_path / "readme-only.xlsx")
    with pytest.raises(LedgerInputError) as e:
        ledger.import_file(tmp_path / "readme-only.xlsx", preset="kiel")
    assert len(e.value.problems) == 1 and "ReadMe" in e.value.problems[0].fix
    with pytest.raises(LedgerInputError) as e:
        ledger.import_file(tmp_path / "readme-only.xlsx", preset="kiel", sheet="ReadMe")
    assert len(e.value.problems) == 1 and e.value.problems[0].fix.count("The file's columns are") == 1


def test_a_newer_release_revises_and_lists_what_it_no_longer_contains(ledger: Ledger, current: Path,
                                                                      tmp_path: Path) -> None:
    ledger.import_file(current, preset="kiel", at="2026-05-01")
    newer = workbook("kiel-current-layout.csv", tmp_path / "Release_29.xlsx", CURRENT_SHEETS, drop={"C9"})
    r = ledger.import_file(newer, preset="kiel", at="2026-07-01")
    dk = int(ledger.entries().set_index("key").loc["kiel:C9/1", "entry"])
    # the undated row keeps the date of the release that first listed it: nothing to revise but the flag
    assert r.absent == [dk] and r.revised == [dk] and r.unchanged == 9
    assert ledger.entry(dk).absent_from == "Release_29" and ledger.entry(dk, as_of="2026-06-01").absent_from is None
    again = workbook("kiel-current-layout.csv", tmp_path / "Release_30.xlsx", CURRENT_SHEETS)
    r = ledger.import_file(again, preset="kiel", at="2026-09-01")
    assert r.absent == [] and r.revised == [dk] and ledger.entry(dk).absent_from is None


def test_as_of_states_what_the_releases_known_then_stated(ledger: Ledger, tmp_path: Path) -> None:
    first = workbook("kiel-current-layout.csv", tmp_path / "Release_28.xlsx", CURRENT_SHEETS, drop={"C1"})
    ledger.import_file(first, preset="kiel", at="2026-05-01")
    ledger.import_file(workbook("kiel-current-layout.csv", tmp_path / "Release_29.xlsx", CURRENT_SHEETS),
                       preset="kiel", at="2026-07-01")
    # C1 (EUR 280 m, announced 2025-06-12) was first listed by Release 29: between the releases, Release 28 holds
    between = ledger.report("measure", as_of="2026-06-15").set_index("measure")
    now = ledger.report("measure").set_index("measure")
    assert now.loc["allocation", "pledged_eur"] - between.loc["allocation", "pledged_eur"] == 280_000_000
    assert ledger.report("measure", as_of="2026-04-30").iloc[-1]["pledges"] == 0  # before any release


def _rows_book(path: Path, rows: list[list[str]]) -> Path:
    """A current-layout workbook of ``rows`` (activity, sub-activity, donor, value in EUR)."""
    with (EXAMPLES / "kiel-current-layout.csv").open(encoding="utf-8") as f:
        header = next(csv.reader(f))
    wb = Workbook()
    wb.remove(wb.active)
    ws = wb.create_sheet("Bilateral Assistance, MAIN DATA")
    ws.append(header)
    for act, sub, donor, value in rows:
        ws.append(package_row(header, act, sub, donor, value))
    wb.save(path)
    return path


def package_row(header: list[str], act: str, sub: str, donor: str, value: str) -> list[str]:
    """One allocation row of the current layout ("." where the tracker leaves a field unknown)."""
    col = {c: i for i, c in enumerate(header)}
    r = ["."] * len(header)
    r[0] = ""
    for c, v in (("activity_id", act), ("sub_activity_id", sub), ("donor", donor),
                 ("announcement_date", "2025-03-10"), ("month", "40"), ("aid_type_general", "Military"),
                 ("measure", "Allocation"), ("reporting_currency", "EUR"), ("explanation", "Package"),
                 ("tot_activity_value_EUR", value), ("tot_sub_activity_value_EUR", value)):
        r[col[c]] = v
    return r


def test_a_negative_row_on_the_id_of_another_row_corrects_that_entry(ledger: Ledger, tmp_path: Path) -> None:
    book = _rows_book(tmp_path / "Release_29.xlsx", [
        ["K1", "1", "Germany", "1000000.00"], ["K1", "1", "Germany", "-250000.50"],  # a correction of K1/1
        ["K2", "1", "Norway", "-53280611.22"],  # a negative row on an id of its own: a negative adjustment
        ["K3", "1", "Poland", "300"], ["K3", "1", "Poland", "200"], ["K3", "1", "Poland", "-100"],  # a package
    ])
    r = ledger.import_file(book, preset="kiel", at="2026-05-01")
    e = ledger.entries().set_index("key")
    assert sorted(e.index) == ["kiel:K1/1", "kiel:K1/1#correction1", "kiel:K2/1", "kiel:K3/1#1", "kiel:K3/1#2",
                               "kiel:K3/1#3"]
    fix = e.loc["kiel:K1/1#correction1"]
    assert fix["corrects"] == e.loc["kiel:K1/1", "entry"] and fix["value"] == Decimal("-250000.50")  # [money]
    assert "correction of K1/1" in fix["description"]
    assert e["corrects"].notna().sum() == 1  # the adjustment and the package's rows correct nothing
    warned = {(w.row, w.field): w.message for w in r.warnings}
    assert "of row 2" in warned[(3, "value")] and "negative adjustment" in warned[(4, "value")]
    # reports add corrections and adjustments up as the tracker does: K1 nets 749,999.50
    by_donor = ledger.report("donor").set_index("donor")
    assert by_donor.loc["DE", "pledged_eur"] == Decimal("749999.50")  # [money, issue 14] exact
    assert by_donor.loc["NO", "pledged_eur"] == Decimal("-53280611.22")
    assert ledger.history(int(fix["entry"]))[0].data["corrects"] == int(e.loc["kiel:K1/1", "entry"])
    assert ledger.verify().ok
    # a newer release that adds a correction of an entry a release listed before names that entry
    newer = _rows_book(tmp_path / "Release_30.xlsx", [
        ["K1", "1", "Germany", "1000000.00"], ["K1", "1", "Germany", "-250000.50"],
        ["K2", "1", "Norway", "-53280611.22"], ["K2", "1", "Norway", "60000000"],
        ["K3", "1", "Poland", "300"], ["K3", "1", "Poland", "200"], ["K3", "1", "Poland", "-100"],
    ])
    ledger.import_file(newer, preset="kiel", at="2026-07-01")
    e = ledger.entries().set_index("key")
    assert e.loc["kiel:K2/1#correction1", "corrects"] == e.loc["kiel:K2/1", "entry"]
