"""Recording, revising, delivering, cancelling, merging, reading back; bad input writes nothing."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest

from allyplan.ledger import Ledger, LedgerInputError


def test_add_deliver_history_and_as_of(ledger: Ledger) -> None:
    n = ledger.add(donor="Germany", item="IRIS-T SLM", quantity=4, announced="2025-06-12", sources="https://a",
                   who="alice", why="press release")
    s = ledger.entry(n)
    assert (s.donor, s.item, s.category, s.status, s.delivered) == ("DE", "iris-t-slm", "air-defence", "committed", 0)
    ledger.deliver(n, 1, at="2025-08-01", who="bob")
    ledger.update(n, quantity=6, at="2025-09-01", why="second tranche", source="https://b")
    ledger.deliver(n, 5, at="2025-12-01")
    assert ledger.entry(n).status == "delivered"
    hist = ledger.history(n)
    assert [e.action for e in hist] == ["add", "deliver", "update", "deliver"]
    assert hist[0].who == "alice" and hist[0].why == "press release" and hist[1].who == "bob"
    assert ledger.entry(n).sources == "https://a;https://b"
    assert ledger.entry(n, as_of="2025-07-01").delivered == 0
    assert ledger.entry(n, as_of="2025-08-15").delivered == 1
    assert ledger.entry(n, as_of="2025-09-01").quantity == 6
    assert ledger.entry(n, as_of="2025-06-30").quantity == 4
    # the derived table agrees with the replay at every date
    for d in ("2025-06-12", "2025-08-01", "2025-10-01", "2026-01-01"):
        row = ledger.entries(d).set_index("entry").loc[n]
        s = ledger.entry(n, as_of=d)
        assert (row["quantity"], row["delivered"], row["status"]) == (s.quantity, s.delivered, s.status)
    with pytest.raises(LedgerInputError, match="did not exist"):
        ledger.entry(n, as_of="2025-01-01")


def test_a_late_recorded_delivery_lands_at_its_date(ledger: Ledger) -> None:
    n = ledger.add(donor="NL", item="pac-2-gem-t", quantity=20, announced="2025-01-10")
    ledger.update(n, expected="2025-06", at="2025-05-01")
    ledger.deliver(n, 10, at="2025-03-01")  # recorded after the update, dated before it
    assert ledger.entry(n, as_of="2025-04-01").delivered == 10
    assert ledger.entry(n, as_of="2025-02-01").delivered == 0


@pytest.mark.parametrize(("fields", "field", "message"), [
    ({"donor": "Atlantis"}, "donor", "unknown party"),
    ({"item": "death-star"}, "item", "unknown item"),
    ({"quantity": -3}, "quantity", "negative quantity"),
    ({"announced": "3rd of June"}, "announced", "not a date in a known format"),
    ({"currency": "XYZ", "value": 5}, "currency", "unknown currency"),
    ({"status": "rumoured"}, "status", "unknown status"),
])
def test_bad_input_is_refused_and_writes_nothing(ledger: Ledger, fields: dict[str, object], field: str,
                                                 message: str) -> None:
    base: dict[str, object] = {"donor": "DE", "item": "patriot", "quantity": 1, "announced": "2025-01-01"}
    before = ledger.count()
    with pytest.raises(LedgerInputError) as e:
        ledger.add(**{**base, **fields})
    assert any(p.field == field and message in p.message for p in e.value.problems), e.value.problems
    assert all(p.fix for p in e.value.problems)
    assert ledger.count() == before


def test_delivery_above_the_pledge_needs_a_revision(ledger: Ledger) -> None:
    n = ledger.add(donor="DE", item="patriot", quantity=2, announced="2025-01-01")
    ledger.deliver(n, 1, at="2025-02-01")
    before = ledger.count()
    with pytest.raises(LedgerInputError, match="above the pledged quantity"):
        ledger.deliver(n, 2, at="2025-03-01")
    with pytest.raises(LedgerInputError, match="above the pledged quantity"):
        ledger.update(n, quantity=0.5, at="2025-03-01")
    with pytest.raises(LedgerInputError, match="before entry"):
        ledger.deliver(n, 1, at="2024-12-01")
    assert ledger.count() == before
    ledger.update(n, quantity=3, at="2025-03-01")
    assert ledger.deliver(n, 2, at="2025-03-02").status == "delivered"


def test_cancel_keeps_the_entry_and_refuses_deliveries(ledger: Ledger) -> None:
    n = ledger.add(donor="IT", item="samp-t", quantity=1, announced="2025-01-01", status="considering")
    with pytest.raises(LedgerInputError, match="no reason"):
        ledger.cancel(n, why=" ")
    ledger.cancel(n, why="withdrawn by the government", at="2025-04-01")
    assert ledger.entry(n).status == "cancelled"
    assert ledger.entry(n, as_of="2025-03-01").status == "considering"
    with pytest.raises(LedgerInputError, match="cancelled"):
        ledger.deliver(n, 1, at="2025-05-01")
    with pytest.raises(LedgerInputError, match="already cancelled"):
        ledger.cancel(n, why="again", at="2025-05-01")
    with pytest.raises(LedgerInputError, match="no entry 999"):
        ledger.deliver(999, 1)


def test_reannouncement_is_flagged_not_counted_and_merged_with_history(ledger: Ledger) -> None:
    a = ledger.add(donor="DE", item="iris-t-slm", quantity=2, announced="2025-06-12", sources="https://first")
    b = ledger.add(donor="DE", item="iris-t-slm", quantity=2, announced="2025-07-01", sources="https://second")
    far = ledger.add(donor="DE", item="iris-t-slm", quantity=2, announced="2026-03-01")
    said = ledger.add(donor="DE", item="iris-t-slm", quantity=2, announced="2026-09-01",
                      description="Berlin hatte die Systeme bereits angekündigt")
    other = ledger.add(donor="DE", item="iris-t-slm", quantity=12, announced="2026-09-10")
    assert ledger.entry(b).duplicate_of == a
    assert ledger.entry(far).duplicate_of is None
    assert ledger.entry(said).duplicate_of == far
    assert ledger.entry(other).duplicate_of is None  # 12 does not overlap 2
    rep = ledger.report().set_index("donor")
    assert rep.loc["DE", "pledges"] == 3  # a, far, other; b and said wait for a decision
    assert set(ledger.duplicates()["entry"]) == {b, said}
    ledger.merge(b, a, why="same pledge")
    ledger.update(said, duplicate_of=None, why="a new tranche")
    assert ledger.entry(a).sources == "https://first;https://second"
    assert ledger.entry(b).merged_into == a
    assert [e.action for e in ledger.history(b)] == ["add", "merge"]
    assert [e.action for e in ledger.history(a)] == ["add", "absorb"]
    assert ledger.duplicates().empty
    assert ledger.report().set_index("donor").loc["DE", "pledges"] == 4
    with pytest.raises(LedgerInputError, match="merged into"):
        ledger.deliver(b, 1)
    with pytest.raises(LedgerInputError, match="itself"):
        ledger.merge(a, a)


def test_report_totals_shares_and_filters(ledger: Ledger) -> None:
    # patriot 1e9 and nasams 1.5e8 a unit in the bundled catalog (illustrative)
    ledger.add(donor="DE", item="patriot", quantity=2, announced="2025-01-15")
    n = ledger.add(donor="US", item="nasams", quantity=4, announced="2025-02-10")
    ledger.deliver(n, 1, at="2025-03-01")
    ledger.add(donor="US", category="energy", value=50e6, announced="2025-02-20", status="delivered")
    ledger.add(donor="FR", item="samp-t", quantity=1, announced="2025-03-01", status="considering")
    rep = ledger.report("donor").set_index("donor")
    assert rep.loc["DE", "pledged_eur"] == 2e9 and rep.loc["DE", "delivered_eur"] == 0
    assert rep.loc["US", "pledged_eur"] == 4 * 150e6 + 50e6
    assert rep.loc["US", "delivered_eur"] == 150e6 + 50e6
    assert rep.loc["US", "delivered"] == 1 and rep.loc["US", "pledges"] == 2
    assert math.isclose(rep.loc["US", "delivered_share"], 200 / 650)
    assert math.isclose(rep.loc["DE", "pct_gdp"], 100 * 2e9 / 4400e9)  # bundled GDP: DE 4400 EUR bn
    assert "FR" not in rep.index  # considering is not pledged
    assert rep.loc["total", "pledged_eur"] == 2e9 + 650e6
    with_fr = ledger.report("donor", statuses=["considering"]).set_index("donor")
    assert list(with_fr.index) == ["FR", "total"]
    by_month = ledger.report("month").set_index("month")
    assert list(by_month.index) == ["2025-01", "2025-02", "total"]
    by_cat = ledger.report("category").set_index("category")
    assert by_cat.loc["energy", "pledged_eur"] == 50e6
    assert ledger.report("item", since="2025-02-01", until="2025-02-15").iloc[0]["item"] == "nasams"
    as_of = ledger.report("donor", as_of="2025-02-15").set_index("donor")
    assert as_of.loc["US", "pledged_eur"] == 600e6 and as_of.loc["US", "delivered_eur"] == 0


def test_rates_value_foreign_currencies(ledger: Ledger, tmp_path) -> None:  # type: ignore[no-untyped-def]
    n = ledger.add(donor="US", category="energy", value=125e6, currency="USD", announced="2025-03-05")
    assert ledger.report().set_index("donor").loc["US", "unvalued"] == 1
    f = tmp_path / "eurofxref-hist.csv"
    f.write_text("Date,USD,JPY,\n2025-03-04,1.30,N/A,\n2025-03-03,1.25,160.1,\n2025-03-06,1.50,161,\n")
    assert ledger.import_rates(f) == (5, 1)
    rep = ledger.report().set_index("donor")
    assert rep.loc["US", "pledged_eur"] == Decimal("96153846.15")  # 125e6 / 1.30: the latest rate on or before 5 March
    assert ledger.import_rates(f) == (5, 0)  # again: nothing to revalue
    ledger.deliver(n, value=62.5e6, at="2025-04-01")
    assert ledger.report().set_index("donor").loc["US", "delivered_eur"] == Decimal("48076923.08")  # 62.5e6 / 1.30


def test_merge_needs_a_live_entry_to_keep(ledger: Ledger) -> None:
    a = ledger.add(donor="DE", item="patriot", quantity=1, announced="2025-01-01")
    b = ledger.add(donor="FR", item="samp-t", quantity=1, announced="2025-02-01")
    c = ledger.add(donor="IT", item="samp-t", quantity=1, announced="2025-03-01")
    ledger.merge(b, a)
    before = ledger.count()
    with pytest.raises(LedgerInputError, match=f"entry {b} was itself merged into {a}"):
        ledger.merge(c, b)
    with pytest.raises(LedgerInputError, match="there is no entry 999"):
        ledger.merge(c, 999)
    assert ledger.count() == before


def test_corrects_names_an_entry_by_its_number(ledger: Ledger) -> None:
    first = ledger.add(donor="DE", item="patriot", quantity=1, announced="2025-01-01")
    fix = ledger.add(donor="DE", item="patriot", quantity=1, announced="2025-01-02", corrects=str(first),
                     description="a correction")
    assert ledger.entry(fix).corrects == first and ledger.verify().ok
    with pytest.raises(LedgerInputError) as e:
        ledger.add(donor="DE", item="patriot", quantity=1, announced="2025-01-02", corrects="the first one")
    assert e.value.problems[0].field == "corrects" and "not an entry id" in e.value.problems[0].message
