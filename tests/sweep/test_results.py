"""A sweep's summary tables on hand-made sample tables whose percentiles are worked out by hand: the per-need
table, the sensitivity ranking (a factor that adds nothing in a sample counts as 0 there), the coverage fan,
the needs grouped by category, and reading a sweep folder's chunks back in sample order."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allyplan.sweep.results import SweepTables, coverage_fan, load_tables, need_groups, need_table, sensitivity_table
from tests.conftest import ITEMS, make
from tests.sweep.conftest import tiny


def tables(outcomes: list[dict[str, object]] | None = None, coverage: list[dict[str, object]] | None = None,
           sensitivity: list[dict[str, object]] | None = None, sensitivity_samples: int = 0) -> SweepTables:
    return SweepTables(
        outcomes=pd.DataFrame(outcomes or [], columns=["sample", "need", "required", "unmet", "met_month",
                                                       "on_time", "loss", "plan"]),
        coverage=pd.DataFrame(coverage or [], columns=["sample", "need", "month", "covered"]),
        sensitivity=pd.DataFrame(sensitivity or [], columns=["sample", "kind", "factor", "need", "delta"]),
        draws=pd.DataFrame(), sensitivity_samples=sensitivity_samples)


# -- the sensitivity ranking ----------------------------------------------------------------------------------------
SENS = [
    # line L's slip adds 5 (need n1) + 3 (need n2) in sample 0 and nothing elsewhere
    {"sample": 0, "kind": "line", "factor": "L", "need": "n1", "delta": 5.0},
    {"sample": 0, "kind": "line", "factor": "L", "need": "n2", "delta": 3.0},
    # donor A's delay adds 1 in every sample, all of it to n2
    *({"sample": k, "kind": "donor", "factor": "A", "need": "n2", "delta": 1.0} for k in range(4)),
]


def test_sensitivity_counts_samples_where_a_factor_adds_nothing_as_zero() -> None:
    out = sensitivity_table(tables(sensitivity=SENS, sensitivity_samples=4)).set_index("factor")
    assert out.index.tolist() == ["L", "A"]  # largest mean first
    # L: [8, 0, 0, 0] -> mean 2; p90 by linear interpolation between the 3rd (0) and 4th (8) value: 0.7 * 8
    assert out.loc["L", ["mean", "p10", "p50", "p90", "p_hurts"]].tolist() == pytest.approx([2.0, 0, 0, 5.6, 0.25])
    assert out.loc["A", ["mean", "p10", "p50", "p90", "p_hurts"]].tolist() == pytest.approx([1.0, 1, 1, 1, 1.0])
    assert out.loc["L", "kind"] == "line" and out.loc["A", "kind"] == "donor"


def test_sensitivity_over_some_needs_only_counts_their_losses() -> None:
    out = sensitivity_table(tables(sensitivity=SENS, sensitivity_samples=4), ["n1"])
    assert out[["factor", "mean", "p_hurts"]].values.tolist() == [["L", 1.25, 0.25]]  # A never touches n1
    both = sensitivity_table(tables(sensitivity=SENS, sensitivity_samples=4), ["n2"]).set_index("factor")
    assert both.loc["L", "mean"] == pytest.approx(0.75) and both.loc["A", "mean"] == pytest.approx(1.0)
    assert both.index.tolist() == ["A", "L"]


def test_no_sensitivity_samples_gives_an_empty_ranking_with_its_columns() -> None:
    for t in (tables(sensitivity=SENS, sensitivity_samples=0), tables(sensitivity_samples=5)):
        out = sensitivity_table(t)
        assert out.empty and out.columns.tolist() == ["kind", "factor", "mean", "p10", "p50", "p90", "p_hurts"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.sampled_from(["A", "B", "L"]), st.sampled_from(["n1", "n2"]),
                          st.floats(0, 1e6, allow_nan=False)), min_size=1, max_size=30),
       st.integers(8, 12))
def test_sensitivity_mean_is_the_total_over_the_samples(rows: list[tuple[int, str, str, float]], S: int) -> None:
    """Whatever the deltas, a factor's mean is its total loss divided by the samples measured, its percentiles are
    ordered, and the ranking is by mean."""
    sens = [{"sample": k, "kind": "donor", "factor": f, "need": n, "delta": d} for k, f, n, d in rows]
    out = sensitivity_table(tables(sensitivity=sens, sensitivity_samples=S)).set_index("factor")
    df = pd.DataFrame(sens)
    for f, total in df.groupby("factor")["delta"].sum().items():
        assert out.loc[f, "mean"] == pytest.approx(total / S, rel=1e-9, abs=1e-9)
        assert out.loc[f, "p10"] <= out.loc[f, "p50"] + 1e-9 <= out.loc[f, "p90"] + 2e-9
        hurt = df[(df["factor"] == f)].groupby("sample")["delta"].sum()
        assert out.loc[f, "p_hurts"] == pytest.approx((hurt > 1e-9).sum() / S)
    assert out["mean"].is_monotonic_decreasing


# -- the coverage fan ---------------------------------------------------------------------------------------------
def test_the_fan_gives_each_quantile_of_the_share_covered() -> None:
    cov = [{"sample": k, "need": "n", "month": 0, "covered": c} for k, c in enumerate([0.0, 0.25, 0.5, 0.75, 1.0])]
    cov += [{"sample": k, "need": "n", "month": 1, "covered": 1.0} for k in range(5)]
    fan = coverage_fan(tables(coverage=cov)).set_index("month")
    assert fan.columns.tolist() == ["need", "q10", "q25", "q50", "q75", "q90"]
    assert fan.loc[0, ["q10", "q25", "q50", "q75", "q90"]].tolist() == pytest.approx([0.1, 0.25, 0.5, 0.75, 0.9])
    assert fan.loc[1, ["q10", "q90"]].tolist() == [1.0, 1.0]
    odd = coverage_fan(tables(coverage=cov), quantiles=(0.5,))
    assert odd.columns.tolist() == ["need", "month", "q50"]


def test_an_empty_fan_still_has_its_columns() -> None:
    fan = coverage_fan(tables())
    assert fan.empty and fan.columns.tolist() == ["need", "month", "q10", "q25", "q50", "q75", "q90"]


# -- the per-need table ---------------------------------------------------------------------------------------------
def test_need_table_percentiles_and_the_month_a_need_is_met() -> None:
    s = tiny()  # one hold need, 'power': 30 generators due 2027-04 (offset 3)
    out = [{"sample": k, "need": "power", "required": 30.0, "unmet": u, "met_month": m, "on_time": ok, "loss": x,
            "plan": "optimal"}
           for k, (u, m, ok, x) in enumerate([(0.0, 2, True, 0.0), (0.0, 3, True, 0.0), (10.0, None, False, 30.0),
                                              (0.0, 5, False, 6.0)])]
    t = tables(outcomes=out)
    row = need_table(s, t).set_index("need").loc["power"]
    assert row["kind"] == "hold" and row["due"] == "2027-04" and row["priority"] == 3.0
    assert row["required_p50"] == 30.0
    assert row["p_on_time"] == 0.5 and row["unmet_mean"] == 2.5 and row["loss_mean"] == 9.0
    assert [row["unmet_p10"], row["unmet_p50"]] == [0.0, 0.0] and row["unmet_p90"] == pytest.approx(7.0)
    # months met, a never-met sample counting as later than any month: [2, 3, 5, never]; the percentile is the
    # next month up (a need is not met 'by 2027-04.7')
    assert [row["met_p10"], row["met_p50"], row["met_p90"]] == ["2027-04", "2027-06", "never"]
    assert "unmet_planned" not in row.index
    assert t.samples == 4


def test_need_table_of_a_flow_need_is_due_when_its_window_opens() -> None:
    s = make({"items": [dict(i) for i in ITEMS],
              "needs": [{"id": "ammo", "kind": "flow", "per_month": 2, "from": "2027-02", "to": "2027-04",
                         "accepts": "gen"}]})
    out = [{"sample": 0, "need": "ammo", "required": 6.0, "unmet": 6.0, "met_month": None, "on_time": False,
            "loss": 6.0, "plan": "optimal"}]
    row = need_table(s, tables(outcomes=out)).iloc[0]
    assert row["due"] == "2027-02" and row["met_p50"] == "never" and row["p_on_time"] == 0.0


def test_need_groups_follow_the_categories_of_accepted_items() -> None:
    s = make({"items": [dict(i) for i in ITEMS],
              "needs": [{"id": "ad", "kind": "hold", "quantity": 1, "accepts": "sys;alt"},
                        {"id": "power", "kind": "hold", "quantity": 5, "accepts": "gen"},
                        {"id": "mixed", "kind": "hold", "quantity": 5, "accepts": "gen:1;msl:0.5"}]})
    assert need_groups(s) == {"air-defence": ["ad", "mixed"], "energy": ["mixed", "power"]}


# -- reading a sweep folder -----------------------------------------------------------------------------------------
def _chunk(folder: Path, name: str, samples: list[int]) -> None:
    c = folder / "chunks" / name
    c.mkdir(parents=True)
    pd.DataFrame({"sample": samples, "need": "n", "required": 1.0, "unmet": 0.0, "met_month": 0, "on_time": True,
                  "loss": [float(k) for k in samples], "plan": "optimal"}).to_parquet(c / "outcomes.parquet")
    pd.DataFrame({"sample": samples, "need": "n", "month": 0, "covered": 1.0}).to_parquet(c / "coverage.parquet")
    pd.DataFrame({"sample": samples, "kind": "donor", "factor": "A", "need": "n",
                  "delta": 1.0}).to_parquet(c / "sensitivity.parquet")
    pd.DataFrame([{"sample": k, "factor": f, "value": 10 * k + i} for k in samples
                  for i, f in enumerate(["delay:B", "delay:A"])]).to_parquet(c / "draws.parquet")


def test_chunks_are_read_back_in_sample_order(tmp_path: Path) -> None:
    _chunk(tmp_path, "c00001", [3, 2])
    _chunk(tmp_path, "c00000", [1, 0])
    (tmp_path / "chunks" / "stray.txt").write_text("not a chunk")  # files among the chunks are not chunks
    (tmp_path / "sweep.json").write_text(json.dumps({"sensitivity_samples": 3}))
    t = load_tables(tmp_path)
    assert t.outcomes["sample"].tolist() == [0, 1, 2, 3] and t.samples == 4
    assert t.outcomes["loss"].tolist() == [0.0, 1.0, 2.0, 3.0]
    assert t.sensitivity_samples == 3  # samples 0, 1 and 2 were measured for sensitivity
    # the draws: one column per factor, in the order drawn, one row per sample
    assert t.draws.columns.tolist() == ["sample", "delay:B", "delay:A"]
    assert t.draws.values.tolist() == [[0, 0, 1], [1, 10, 11], [2, 20, 21], [3, 30, 31]]
    assert load_tables(tmp_path, sensitivity_limit=10).sensitivity_samples == 4


def test_a_sweep_with_no_finished_chunk_reads_as_empty(tmp_path: Path) -> None:
    (tmp_path / "chunks").mkdir()
    t = load_tables(tmp_path, sensitivity_limit=5)
    assert t.samples == 0 and t.sensitivity_samples == 0 and t.outcomes.empty and t.draws.empty
