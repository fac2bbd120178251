"""The ledger as a plan's baseline, aggregated in the database: a small hand-made ledger with known answers."""

from __future__ import annotations

from pathlib import Path

from allyplan.ledger import Ledger
from allyplan.ledger.baseline import ledger_baseline


def test_the_baseline_sums_open_pledges_and_deliveries(tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.db") as led:
        a = led.add(donor="DE", recipient="UA", item="iris-t-slm", quantity=4, announced="2026-01-10",
                    expected="2026-03-15", who="t", source="s")
        led.add(donor="DE", recipient="UA", item="iris-t-slm", quantity=2, announced="2025-06-11",
                expected="2026-03-01", who="t", source="s")  # same donor, item and month: summed with a
        led.deliver(a, 1, who="t", source="s")  # 3 of a remain open; 1 is held
        led.add(donor="FR", recipient="UA", item="iris-t-slm", quantity=5, announced="2026-01-12",
                expected="2025-12-01", who="t", source="s")  # expected before the start: from the start
        led.add(donor="NL", recipient="UA", item="patriot", quantity=1, announced="2026-01-12", who="t",
                source="s")  # no expected date: the start month
        done = led.add(donor="PL", recipient="UA", item="patriot", quantity=2, announced="2026-01-12", who="t",
                       source="s")
        led.deliver(done, 2, who="t", source="s")  # fully delivered: held, not open
        led.add(donor="DE", recipient="UA", item="pac-2-gem-t", quantity=9, announced="2026-01-12", who="t",
                source="s")  # not in the catalog given
        led.add(donor="DE", recipient="UA", category="ammunition", value=1e6, currency="EUR",
                announced="2026-01-12", who="t", source="s")  # a value only
        led.add(donor="DE", recipient="UA", item="patriot", quantity=7, status="considering",
                announced="2026-01-12", who="t", source="s")  # not made: left out
        led.add(donor="DE", recipient="MD", item="patriot", quantity=7, announced="2026-01-12", who="t",
                source="s")  # another recipient
        b = ledger_baseline(led, "UA", "2026-01", {"iris-t-slm", "patriot"})
    got = {(r.donor, r.item, r.month): (r.quantity, r.source) for r in b.pledges.itertuples()}
    assert got == {("DE", "iris-t-slm", "2026-03"): ("5", f"ledger entry {a} and 1 more"),
                   ("FR", "iris-t-slm", "2026-01"): ("5", f"ledger entry {a + 2}"),
                   ("NL", "patriot", "2026-01"): ("1", f"ledger entry {a + 3}")}
    assert set(b.pledges["status"]) == {"committed"}
    assert dict(zip(b.holdings["item"], b.holdings["quantity"], strict=True)) == {"iris-t-slm": "1", "patriot": "2"}
    assert any("1 ledger entries pledge a value" in n for n in b.notes)
    assert any("1 ledger entries are for items not in the scenario's catalog (pac-2-gem-t)" in n for n in b.notes)
