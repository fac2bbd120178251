"""The uncertainty file: parsing, messages, per-sample draws and what a draw does to a scenario."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allyplan.errors import AllyplanError
from allyplan.sweep.uncertainty import (
    Draw,
    apply_draw,
    compile_factors,
    default_spec,
    draw,
    draw_batch,
    load_spec,
    nominal,
    parse_spec,
)
from tests.sweep.conftest import tiny


def test_default_file_parses_and_binds_to_the_example(example) -> None:  # type: ignore[no-untyped-def]
    s, _ = example
    f = compile_factors(s, default_spec())
    assert len(f.lines) == len(s.production) and len(f.needs) == len(s.needs)
    assert set(f.pledge_status) == {"committed", "considering"}  # delivered pledges are not uncertain
    assert all(d is not None for d in f.dists["line_capacity"])


def test_a_sample_is_the_same_whichever_batch_draws_it() -> None:
    f = compile_factors(tiny(), default_spec())
    whole = draw_batch(f, 11, range(10))
    part = draw_batch(f, 11, range(6, 10))
    for a, b in zip(whole.arrays(), part.arrays(), strict=True):
        assert np.array_equal(a[6:], b)
    other_seed = draw_batch(f, 12, range(10))
    assert not np.array_equal(whole.line_capacity, other_seed.line_capacity)


@pytest.mark.parametrize(("body", "expected"), [
    ("line_delay:\n  default: {dist: gamma, k: 1}", "line_delay.default: unknown distribution 'gamma'. Use one of"),
    ("line_delay:\n  default: {dist: triangular, low: 2, mode: 1, high: 6}", "low <= mode <= high"),
    ("donor_delay:\n  default: {dist: uniform, low: -1, high: 2}", "it can draw -1, below 0"),
    ("pledge_fall:\n  committed: {dist: bernoulli, p: 1.5}", "p 1.5 is not a probability"),
    ("pledge_fall:\n  committed: {dist: uniform, low: 0, high: 1}", "Write {dist: bernoulli, p: 0.1}"),
    ("need_demand:\n  default: {dist: discrete, values: [1, 2], probs: [0.5]}", "same length"),
    ("need_demand:\n  default: {dist: lognormal, median: 1}", "missing sigma"),
    ("slips: {}", "unknown section(s) slips"),
    ("line_delay:\n  nowhere: {dist: bernoulli, p: 0.5}", "'nowhere' is not a line of scenario 'test'. Known: L"),
    ("pledge_fall:\n  A/gen/2030-01: {dist: bernoulli, p: 0.5}", "pledges are named DONOR/ITEM/YYYY-MM"),
])
def test_bad_files_say_where_and_how_to_fix(tmp_path: Path, body: str, expected: str) -> None:
    p = tmp_path / "u.yaml"
    p.write_text(body)
    with pytest.raises(AllyplanError) as e:
        compile_factors(tiny(), load_spec(p))
    assert str(p) in str(e.value) and expected in str(e.value)


def test_unreadable_and_invalid_yaml(tmp_path: Path) -> None:
    with pytest.raises(AllyplanError, match="cannot read the uncertainty file"):
        load_spec(tmp_path / "missing.yaml")
    (tmp_path / "bad.yaml").write_text("line_delay: [unclosed")
    with pytest.raises(AllyplanError, match="not valid YAML"):
        load_spec(tmp_path / "bad.yaml")


DISTS = st.one_of(
    st.tuples(st.floats(0, 10), st.floats(0, 10)).map(
        lambda t: {"dist": "uniform", "low": min(t), "high": max(t)}),
    st.tuples(st.floats(0, 10), st.floats(0, 10), st.floats(0, 10)).map(
        lambda t: {"dist": "triangular", "low": sorted(t)[0], "mode": sorted(t)[1], "high": sorted(t)[2]}),
    st.tuples(st.floats(0.1, 5), st.floats(0, 1)).map(lambda t: {"dist": "lognormal", "median": t[0], "sigma": t[1]}),
    st.lists(st.integers(0, 12), min_size=1, max_size=5).map(
        lambda v: {"dist": "discrete", "values": v, "probs": [1 / len(v)] * len(v)}),
)


@settings(max_examples=40, deadline=None)
@given(delay=DISTS, cap=DISTS, seed=st.integers(0, 2**32 - 1))
def test_draws_stay_in_each_distributions_support(delay: dict, cap: dict, seed: int) -> None:  # type: ignore[type-arg]
    spec = parse_spec({"line_delay": {"default": delay}, "line_capacity": {"default": cap},
                       "donor_delay": {"A": delay}})
    f = compile_factors(tiny(), spec)
    d = draw_batch(f, seed, range(5))
    lo, hi = spec.sections["line_capacity"]["default"].support()
    assert ((d.line_capacity >= lo - 1e-9) & (d.line_capacity <= hi + 1e-9)).all()
    dlo, dhi = spec.sections["line_delay"]["default"].support()
    assert (d.line_delay == np.floor(d.line_delay)).all()  # whole months
    assert ((d.line_delay >= np.floor(dlo + 0.5)) & (d.line_delay <= np.floor(dhi + 0.5))).all()


def test_what_a_draw_does_to_the_scenario() -> None:
    s = tiny()
    f = compile_factors(s, default_spec())
    assert f.donors == ("A", "B") and f.pledge_names == ("A/gen/2027-02", "B/gen/2027-03")
    d = nominal(f)
    d.donor_delay[0] = [2, 1]
    d.line_delay[0] = [1]
    d.line_capacity[0] = [0.5]
    d.need_demand[0] = [1.1]
    d.pledge_comes[0] = [0, 1]  # A's committed pledge falls through; B's considered one comes
    t = apply_draw(s, f, d)
    assert t.stocks["lead_months"].tolist() == [3]
    assert t.production[["from", "per_month"]].values.tolist() == [[1, 2.5]]
    assert t.needs["quantity"].tolist() == [33.0]
    assert t.pledges[["donor", "month", "status"]].values.tolist() == [["B", 3, "committed"]]
    assert s.pledges["status"].tolist() == ["committed", "considering"]  # the scenario itself is untouched


def test_nominal_draw_keeps_the_planners_view() -> None:
    f = compile_factors(tiny(), default_spec())
    d = nominal(f)
    assert isinstance(d, Draw) and d.pledge_comes.tolist() == [[1.0, 0.0]]
    one = draw(f, 0, 0)
    assert one.donor_delay.shape == (1, 2)
