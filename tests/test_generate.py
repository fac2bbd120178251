"""Synthetic scenarios: the sizes asked for, the same scenario for the same seed, always valid, written so that
they load again."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allyplan import AllyplanError, load_scenario
from allyplan.generate import generate_scenario, generate_tables, write_generated


def test_sizes_and_structure() -> None:
    cfg, raw = generate_tables(donors=7, items=30, needs=25, months=10, seed=4, start="2028-03")
    assert cfg.start == "2028-03" and cfg.horizon_months == 10 and cfg.recipient == "UA"
    assert raw["parties"]["code"].tolist()[0] == "UA" and len(raw["parties"]) == 8
    assert len(raw["items"]) == 30 and raw["items"]["id"].is_unique
    assert len(raw["needs"]) == 25 and raw["needs"]["id"].is_unique
    assert set(raw["needs"]["kind"]) <= {"hold", "flow"}
    assert (raw["items"]["source"] == "illustrative").all()
    months = pd.concat([raw["production"]["from"], raw["production"]["to"], raw["stocks"]["available_from"]])
    assert months.between("2028-03", "2028-12").all()  # every month inside the horizon


def test_same_seed_same_scenario_other_seed_another() -> None:
    a = generate_tables(donors=4, items=12, needs=8, months=6, seed=11)[1]
    b = generate_tables(donors=4, items=12, needs=8, months=6, seed=11)[1]
    c = generate_tables(donors=4, items=12, needs=8, months=6, seed=12)[1]
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    assert any(not a[n].equals(c[n]) for n in a)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(donors=st.integers(1, 20), items=st.integers(1, 40), needs=st.integers(1, 30), months=st.integers(1, 30),
       seed=st.integers(0, 2**32 - 1))
def test_every_generated_scenario_is_valid(donors: int, items: int, needs: int, months: int, seed: int) -> None:
    s = generate_scenario(donors=donors, items=items, needs=needs, months=months, seed=seed)
    assert len(s.donors) == donors and len(s.items) == items and len(s.needs) == needs and s.horizon == months
    assert set(s.accepts["need"]) == set(s.needs["id"])  # every need accepts something
    assert (s.stocks["floor"] <= s.stocks["quantity"]).all()


def test_written_scenario_loads_to_the_same_tables(tmp_path: Path) -> None:
    d = write_generated(tmp_path / "g", donors=3, items=10, needs=6, months=5, seed=2)
    again = load_scenario(d)
    s = generate_scenario(donors=3, items=10, needs=6, months=5, seed=2)
    for name in ("parties", "items", "stocks", "production", "funds", "needs", "accepts", "policies", "pledges"):
        pd.testing.assert_frame_equal(getattr(again, name).reset_index(drop=True),
                                      getattr(s, name).reset_index(drop=True), check_dtype=False)


def test_bad_arguments_are_explained() -> None:
    with pytest.raises(AllyplanError, match=r"start month '27-01' is not a month: write it as YYYY-MM"):
        generate_tables(donors=2, items=3, needs=2, months=2, start="27-01")
    with pytest.raises(ValueError, match="must each be at least 1"):
        generate_tables(donors=0, items=3, needs=2, months=2)
