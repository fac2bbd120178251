"""Money is exact: Decimal amounts stored as whole cents on both databases, converted to EUR in Decimal arithmetic
and rounded once, reports whose totals are the sum of their parts to the cent, and a migration (0007) that turns
an existing ledger's floats into cents without breaking its hash chain."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from allyplan.cli import app
from allyplan.ledger import Ledger, LedgerInputError
from allyplan.ledger.money import cents_column, cents_list, from_cents, to_cents, to_decimal

runner = CliRunner()
CENT = Decimal("0.01")


def test_amounts_are_read_as_written_and_rounded_half_to_even_once() -> None:
    assert to_decimal(53280611.22) == Decimal("53280611.22")  # a float's shortest repr is the text it came from
    assert [to_decimal(v) for v in ("0.125", "0.135", "-0.125", 2.675)] == [
        Decimal("0.12"), Decimal("0.14"), Decimal("-0.12"), Decimal("2.68")]  # 2.675 as written, not 2.67499...
    assert to_cents("999999999999999.99") == 99999999999999999  # beyond a float's 15-16 digits
    assert from_cents(5) == Decimal("0.05") and from_cents(Decimal(12345)) == Decimal("123.45")
    assert to_decimal(None) is None and to_decimal(float("nan")) is None and to_decimal("") is None
    for bad in ("inf", float("inf"), "abc", True):
        with pytest.raises(ValueError):
            to_decimal(bad)


@given(st.lists(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2,
                            allow_nan=False, allow_infinity=False), min_size=1, max_size=50))
def test_the_fast_float_path_gives_the_same_cents_as_decimal_arithmetic(values: list[Decimal]) -> None:
    floats = [float(v) for v in values]  # what an import parses: each value's nearest float
    want = [int(v.scaleb(2)) for v in values]
    assert cents_list(pd.Series(floats).to_numpy()) == want
    assert cents_column(pd.Series(floats).to_numpy()).tolist() == [float(c) for c in want]


@given(st.lists(st.none() | st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2,
                                        allow_nan=False, allow_infinity=False), min_size=1, max_size=50))
def test_cents_of_floats_with_missing_values(values: list[Decimal | None]) -> None:
    """A column mostly missing (a tracker's delivered values): None where missing, exact cents elsewhere."""
    floats = np.array([float("nan") if v is None else float(v) for v in values])
    assert cents_list(floats) == [None if v is None else int(v.scaleb(2)) for v in values]


def test_values_are_stored_exactly_beyond_what_a_float_holds(ledger: Ledger) -> None:
    """Before: every amount was a float (999999999999999.99 JPY became 1e15; 0.10 + 0.20 delivered became
    0.30000000000000004, shown in history as written by the float)."""
    big = ledger.add(donor="DE", category="financial", value="999999999999999.99", currency="JPY",
                     announced="2025-06-12")
    assert ledger.entry(big).value == Decimal("999999999999999.99")
    assert ledger.entries(ids=[big]).iloc[0]["value"] == Decimal("999999999999999.99")
    small = ledger.add(donor="DE", category="financial", value="1.00", announced="2025-06-12")
    ledger.deliver(small, 0, value="0.10", at="2025-07-01")
    ledger.deliver(small, 0, value=Decimal("0.20"), at="2025-07-02")
    s = ledger.entry(small)
    assert s.delivered_value == Decimal("0.30") and isinstance(s.delivered_value, Decimal)
    assert [e.data.get("value") for e in ledger.history(small)[1:]] == ["0.10", "0.20"]  # as written
    row = ledger.entries(ids=[small]).iloc[0]
    assert (row["delivered_value"], row["delivered_value_eur"]) == (Decimal("0.30"), Decimal("0.30"))
    assert ledger.verify().ok


def test_money_is_whole_cents_in_the_database(db_url: str) -> None:
    with Ledger(db_url) as led:
        n = led.add(donor="DE", category="financial", value="53280611.22", announced="2025-06-12")
        engine = create_engine(db_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as c:
        raw = c.execute(text("SELECT value, value_eur FROM states WHERE entry = :n"), {"n": n}).one()
        summed = c.execute(text("SELECT sum(value_eur) FROM rollups")).scalar_one()
    engine.dispose()
    assert (int(raw[0]), int(raw[1]), int(summed)) == (5328061122, 5328061122, 5328061122)


def test_a_conversion_is_decimal_arithmetic_rounded_once(ledger: Ledger, tmp_path: Path) -> None:
    f = tmp_path / "eurofxref-hist.csv"
    f.write_text("Date,USD,GBP,\n2025-03-03,1.0321,0.82845,\n")
    ledger.import_rates(f)
    usd = ledger.add(donor="US", category="energy", value="1000000.01", currency="USD", announced="2025-03-05")
    gbp = ledger.add(donor="GB", category="energy", value="333.33", currency="GBP", announced="2025-03-05")
    hrk = ledger.add(donor="HR", category="energy", value="7534.50", currency="HRK", announced="2025-03-05")
    e = ledger.entries().set_index("entry")
    assert e.loc[usd, "value_eur"] == (Decimal("1000000.01") / Decimal("1.0321")).quantize(CENT, ROUND_HALF_EVEN)
    assert e.loc[gbp, "value_eur"] == (Decimal("333.33") / Decimal("0.82845")).quantize(CENT, ROUND_HALF_EVEN)
    assert e.loc[hrk, "value_eur"] == Decimal("1000.00")  # the fixed rate 7.53450
    ledger.deliver(usd, 0, value="500000.00", at="2025-04-01")
    assert ledger.entries(ids=[usd]).iloc[0]["delivered_value_eur"] == Decimal("484449.18")  # 484449.1813...


def test_pro_rata_and_catalog_values_are_exact(ledger: Ledger) -> None:
    n = ledger.add(donor="DE", category="air defence", quantity=3, value="100.00", announced="2025-01-10")
    ledger.deliver(n, 1, at="2025-02-01")
    assert ledger.entries(ids=[n]).iloc[0]["delivered_value_eur"] == Decimal("33.33")
    ledger.deliver(n, 1, at="2025-02-02")
    assert ledger.entries(ids=[n]).iloc[0]["delivered_value_eur"] == Decimal("66.67")
    ledger.deliver(n, 1, at="2025-02-03")
    assert ledger.entries(ids=[n]).iloc[0]["delivered_value_eur"] == Decimal("100.00")


def test_reports_in_every_format_show_exact_values(db_url: str, tmp_path: Path) -> None:
    with Ledger(db_url) as led:
        for v, c in (("0.10", "energy"), ("0.20", "military"), ("53280611.22", "financial")):
            led.add(donor="DE", category=c, value=v, announced="2025-01-10")
    got = runner.invoke(app, ["ledger", "report", "--format", "json", "--db", db_url])
    assert got.exit_code == 0, got.output
    assert '"pledged_eur": 53280611.52' in got.output  # an exact JSON number, not a string or a float's residue
    got = runner.invoke(app, ["ledger", "report", "--format", "csv", "--db", db_url])
    assert "53280611.52" in got.output
    got = runner.invoke(app, ["ledger", "list", "--format", "json", "--db", db_url])
    assert [r["value"] for r in json.loads(got.output)] == [0.1, 0.2, 53280611.22]
    got = runner.invoke(app, ["ledger", "report", "--format", "xlsx", "--out", str(tmp_path / "r.xlsx"),
                              "--db", db_url])
    assert got.exit_code == 0, got.output
    cells = pd.read_excel(tmp_path / "r.xlsx", engine="openpyxl")
    assert cells["pledged_eur"].tolist() == [53280611.52, 53280611.52]
    got = runner.invoke(app, ["ledger", "deliver", "1", "--value", "inf", "--db", db_url])
    assert got.exit_code == 2 and "not a finite number" in got.output


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.sampled_from(["DE", "FR", "PL", "US"]),
                               st.sampled_from(["EUR", "USD", "GBP", "HRK", "JPY"]),
                               st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5e9"), places=2),
                               st.dates(min_value=pd.Timestamp("2025-01-01").date(),
                                        max_value=pd.Timestamp("2025-12-31").date()),
                               st.sampled_from(["committed", "delivered", "considering"])),
                     min_size=1, max_size=12))
def test_report_totals_are_the_sum_of_the_states_to_the_cent(ledger: Ledger, tmp_path: Path,
                                                             rows: list[tuple[str, str, Decimal, object, str]]
                                                             ) -> None:
    """Random entries in several currencies (added to what earlier examples wrote): every report's total, from the
    rollups or from a scan, now or as of a date, equals the sum of its rows and the sum of the entries' EUR values,
    exactly; and each entry's EUR value is its amount divided by the rate, rounded once."""
    rates = tmp_path / "eurofxref-hist.csv"
    if not rates.exists():
        rates.write_text("Date,USD,GBP,JPY,\n2024-12-31,1.0389,0.82918,163.06,\n2025-06-30,1.1720,0.85555,169.0,\n")
        ledger.import_rates(rates)
    for donor, cur, value, day, status in rows:
        ledger.add(donor=donor, category="financial", value=str(value), currency=cur, announced=str(day),
                   status=status)
    e = ledger.entries()
    counted = e[e["status"].isin(["committed", "delivered"]) & e["counted"]]
    for r in e.itertuples():
        rate = {"EUR": Decimal(1), "HRK": Decimal("7.53450")}.get(r.currency) or {
            "USD": (Decimal("1.0389"), Decimal("1.1720")), "GBP": (Decimal("0.82918"), Decimal("0.85555")),
            "JPY": (Decimal("163.06"), Decimal("169.0"))}[r.currency][str(r.announced) >= "2025-06-30"]
        assert r.value_eur == (r.value / rate).quantize(CENT, ROUND_HALF_EVEN)
    want = sum(counted["value_eur"], Decimal(0))
    for by in ("donor", "month", "measure"):
        for use in (None, False):
            rep = ledger.report(by, use_rollups=use)
            total = rep.iloc[-1]
            assert total["pledged_eur"] == want == sum(rep.iloc[:-1]["pledged_eur"], Decimal(0))
            assert all(isinstance(v, Decimal) for v in rep["pledged_eur"])
    mid = ledger.report("donor", as_of="2025-06-15").iloc[-1]["pledged_eur"]
    assert mid == sum(ledger.entries(as_of="2025-06-15").query(
        "status in ['committed', 'delivered'] and counted")["value_eur"], Decimal(0))
    assert mid == ledger.report("donor", as_of="2025-06-15", use_rollups=False).iloc[-1]["pledged_eur"]


def test_non_finite_and_absurd_amounts_are_refused_with_a_message(ledger: Ledger) -> None:
    for bad in ("inf", "nan-ish", "1e400"):
        with pytest.raises(LedgerInputError) as e:
            ledger.add(donor="DE", category="x", value=bad, announced="2025-01-01")
        assert any(p.field == "value" for p in e.value.problems), e.value.problems
    with pytest.raises(LedgerInputError) as e:
        ledger.add(donor="DE", category="x", value="2e12", announced="2025-01-01")  # EUR 2 trillion
    assert "more than any pledge" in str(e.value)
    assert ledger.count()["events"] == 0


def _downgraded(db_url: str) -> None:
    """Take the ledger back to 0006 (money as floats) and put the float residue the old code stored into it."""
    from alembic import command
    from alembic.config import Config

    from allyplan.ledger.db import MIGRATIONS, make_engine, writing

    engine = make_engine(db_url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with writing(engine) as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0006")
        conn.execute(text("UPDATE states SET delivered_value = 0.30000000000000004, "
                          "delivered_value_eur = 0.30000000000000004 WHERE entry = 1 AND valid_to IS NULL"))
        conn.execute(text("UPDATE states SET value_eur = 91.02272727272727 WHERE entry = 2"))
        kind = conn.execute(text("SELECT value FROM states WHERE entry = 1 LIMIT 1")).scalar_one()
        assert isinstance(kind, float)  # the schema of 0006: floats
    engine.dispose()


def test_migration_0007_converts_a_ledger_exactly_and_it_still_verifies(db_url: str, tmp_path: Path) -> None:
    with Ledger(db_url) as led:
        n = led.add(donor="DE", category="financial", value="53280611.22", announced="2025-01-10")
        led.deliver(n, 0, value="0.10", at="2025-02-01")
        led.deliver(n, 0, value="0.20", at="2025-03-01")
        f = tmp_path / "eurofxref-hist.csv"
        f.write_text("Date,USD,\n2025-01-02,1.1,\n")
        led.import_rates(f)
        led.add(donor="US", category="financial", value=100.125, currency="USD", announced="2025-01-10")
        chain_end = led.history(n)[-1]
        last = led.verify()
    _downgraded(db_url)
    with Ledger(db_url) as led:  # migrates 0006 -> 0007
        v = led.verify()
        assert v.ok and (v.events, v.entries) == (last.events, last.entries)
        e = led.entries().set_index("entry")
        assert e.loc[n, "value"] == Decimal("53280611.22") and e.loc[n, "delivered_value"] == Decimal("0.30")
        assert e.loc[n, "delivered_value_eur"] == Decimal("0.30")
        assert e.loc[2, "value"] == Decimal("100.12")  # 100.125 as its event keeps it, half to even
        assert e.loc[2, "value_eur"] == Decimal("91.02")  # recomputed: 100.12 / 1.1, rounded once
        rep = led.report()
        assert rep.iloc[-1]["pledged_eur"] == Decimal("53280611.22") + Decimal("91.02")
        assert rep.iloc[-1]["pledged_eur"] == led.report(use_rollups=False).iloc[-1]["pledged_eur"]
        assert led.history(n)[-1] == chain_end  # the events are untouched: the same hashes, the same data
        led.deliver(n, 0, value="1.00", at="2025-04-01")
        assert led.verify().ok and led.entry(n).delivered_value == Decimal("1.30")


@given(st.lists(st.tuples(st.integers(-10**12, 10**12), st.integers(0, 10**4), st.integers(1, 10**4)),
                min_size=1, max_size=30))
def test_pro_rata_in_whole_numbers_equals_decimal_arithmetic(rows: list[tuple[int, int, int]]) -> None:
    from allyplan.ledger.valuation import _times

    cents = np.array([float(c) for c, _, _ in rows])
    num = np.array([float(n) for _, n, _ in rows])
    den = np.array([float(d) for _, _, d in rows])
    want = [float((Decimal(c) * n / d).quantize(Decimal(1), ROUND_HALF_EVEN)) for c, n, d in rows]
    assert _times(cents, num, den).tolist() == want


def test_history_shows_values_as_written(db_url: str) -> None:
    with Ledger(db_url) as led:
        led.add(donor="DE", category="financial", value="53280611.22", announced="2025-01-10")
    got = runner.invoke(app, ["ledger", "history", "1", "--db", db_url])
    assert got.exit_code == 0 and "value=53280611.22" in got.output and "e+07" not in got.output
