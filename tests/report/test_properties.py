"""Rules the statistics layer and the ask sheets must keep for every plan: random generated scenarios."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allyplan import plan
from allyplan.generate import generate_scenario
from allyplan.report.asks import ask_sheets, askers
from allyplan.report.stats import NEVER, NOT_IN_HORIZON, ON_TIME, fmt_pct, need_summary


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(donors=st.integers(1, 5), items=st.integers(2, 15), needs=st.integers(1, 12), months=st.integers(1, 8),
       seed=st.integers(0, 10_000))
def test_met_by_and_ask_sheets_agree_with_the_plan(donors: int, items: int, needs: int, months: int,
                                                   seed: int) -> None:
    s = generate_scenario(donors=donors, items=items, needs=needs, months=months, seed=seed)
    p = plan(s, time_limit=20)
    ns = need_summary(p).set_index("need")
    short = p.coverage[p.coverage["short"] > 1e-9].groupby("need")["month"].agg(["min", "max"])
    last = s.horizon - 1
    for n, r in ns.iterrows():
        assert r["in_words"]
        if n not in short.index:
            assert r["met_by"] == ON_TIME
            continue
        kind, end = r["kind"], (last if r["kind"] == "hold" else int(s.needs.set_index("id").at[n, "to"]))
        if short.at[n, "max"] == end:  # still short in the last month it is measured in
            assert r["met_by"] == (NOT_IN_HORIZON if kind == "hold" else NEVER)
        else:
            assert r["met_by"] == s.label(int(short.at[n, "max"]) + 1)
        if r["short"] > 1e-9:
            assert fmt_pct(r["covered_pct"]) != "100 %"
    # Every delivery is asked of exactly one donor or pooled fund, with a reason.
    sheets = ask_sheets(p)
    assert set(sheets) == set(p.deliveries["donor"].astype(str))
    assert sum(t["quantity"].sum() for t in sheets.values()) == p.deliveries["quantity"].sum()
    assert all((t["why"].str.len() > 0).all() for t in sheets.values())
    assert set(askers(p)["key"]) == set(sheets)
