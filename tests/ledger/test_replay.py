"""The history of every entry replays to its stored state, now and at every date, on random sequences of events
(valid and invalid ones: a refused event must leave no trace)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allyplan.ledger import Ledger, LedgerInputError, replay

DONORS = ["DE", "FR", "US"]
ITEMS = ["patriot", "nasams", "iris-t-slm"]
START = date(2025, 1, 1)

day = st.integers(0, 400).map(lambda d: START + timedelta(days=d))
add = st.tuples(st.just("add"), st.sampled_from(DONORS), st.sampled_from(ITEMS), st.integers(0, 6), day,
                st.sampled_from(["considering", "committed", "delivered"]))
deliver = st.tuples(st.just("deliver"), st.integers(0, 9), st.integers(0, 4), day)
revise = st.tuples(st.just("update"), st.integers(0, 9), st.integers(0, 8), day)
cancel = st.tuples(st.just("cancel"), st.integers(0, 9), day)
merge = st.tuples(st.just("merge"), st.integers(0, 9), st.integers(0, 9), day)
commands = st.lists(st.one_of(add, deliver, revise, cancel, merge), min_size=1, max_size=14)


def _same(a: object, b: object) -> bool:
    if a is None or (isinstance(a, float) and pd.isna(a)):
        return b is None or (isinstance(b, float) and pd.isna(b))
    if isinstance(a, float) or isinstance(b, float):
        return abs(float(a) - float(b)) < 1e-9  # type: ignore[arg-type]
    return str(a) == str(b)


FIELDS = ["donor", "item", "quantity", "status", "delivered", "duplicate_of", "merged_into", "sources"]


def check_replays(led: Ledger, ids: list[int]) -> None:
    now = led.entries(ids=ids).set_index("entry")
    for n in ids:
        evs = led.history(n)
        s = replay(evs)
        for f in FIELDS:
            assert _same(getattr(s, f), now.loc[n, f]), (n, f, getattr(s, f), now.loc[n, f])
        for d in [*sorted({e.at for e in evs}), max(e.at for e in evs) + timedelta(days=1)]:
            for probe in (d, d - timedelta(days=1)):
                past = [e for e in evs if e.at <= probe]
                rows = led.entries(probe, ids=[n])
                if not past:
                    assert rows.empty
                    continue
                s = replay(past)
                row = rows.iloc[0]
                for f in FIELDS:
                    assert _same(getattr(s, f), row[f]), (n, probe, f, getattr(s, f), row[f])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cmds=commands)
def test_history_replays_to_the_stored_state(ledger: Ledger, cmds: list[tuple[object, ...]]) -> None:
    ids = apply(ledger, cmds, refused_leave_no_trace=True)
    check_replays(ledger, ids)


def apply(ledger: Ledger, cmds: list[tuple[object, ...]], refused_leave_no_trace: bool = False) -> list[int]:
    """Run random commands (some of them refused); with the flag, check a refused one wrote nothing."""
    ids: list[int] = []
    for c in cmds:
        before = ledger.count() if refused_leave_no_trace else None
        try:
            if c[0] == "add":
                _, donor, item, q, d, status = c
                ids.append(ledger.add(donor=donor, item=item, quantity=q, announced=d, status=status, who="h"))
            elif not ids:
                continue
            elif c[0] == "deliver":
                ledger.deliver(ids[int(c[1]) % len(ids)], float(c[2]), at=c[3])  # type: ignore[arg-type]
            elif c[0] == "update":
                ledger.update(ids[int(c[1]) % len(ids)], quantity=c[2], at=c[3])  # type: ignore[arg-type]
            elif c[0] == "cancel":
                ledger.cancel(ids[int(c[1]) % len(ids)], why="test", at=c[2])  # type: ignore[arg-type]
            elif c[0] == "merge":
                ledger.merge(ids[int(c[1]) % len(ids)], ids[int(c[2]) % len(ids)], at=c[3])  # type: ignore[arg-type]
        except LedgerInputError:
            assert before is None or ledger.count() == before  # a refused change leaves no trace
    return ids


MONTH_ENDS = ["2025-01-31", "2025-03-31", "2025-06-30", "2025-12-31", "2026-02-28"]
MID_MONTH = ["2025-01-01", "2025-03-15", "2025-06-29", "2026-02-10"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cmds=commands, by=st.sampled_from(["donor", "category", "item", "month", "status"]),
       as_of=st.sampled_from([None, *MONTH_ENDS, *MID_MONTH]),
       since=st.sampled_from([None, "2025-02-01", "2025-07-01", "2025-02-14", "2025-05-20"]),
       until=st.sampled_from([None, "2025-05-31", "2026-01-31", "2025-05-25", "2025-02-20"]),
       statuses=st.sampled_from([None, ["committed"], ["considering", "cancelled", "delivered"]]))
def test_monthly_rollups_give_the_same_reports_as_the_states(ledger: Ledger, cmds: list[tuple[object, ...]], by: str,
                                                               as_of: str | None, since: str | None,
                                                               until: str | None, statuses: list[str] | None) -> None:
    apply(ledger, cmds)
    kw = {"statuses": statuses, "since": since, "until": until, "as_of": as_of}
    fast = ledger.report(by, use_rollups=True, **kw)  # type: ignore[arg-type]
    scan = ledger.report(by, use_rollups=False, **kw)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(fast, scan, check_exact=False, rtol=1e-9, atol=0.01)
