"""Robust planning: buffered candidates, compared with the nominal plan under the same draws."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from allyplan import example_path
from allyplan.cli import app
from allyplan.errors import AllyplanError
from allyplan.sweep.robust import TRAINING, buffered_draw, robust_plan
from allyplan.sweep.saa import FirstMonth
from allyplan.sweep.uncertainty import compile_factors, draw_batch, parse_spec
from tests.sweep.conftest import tiny

SPEC = {"donor_delay": {"default": {"dist": "discrete", "values": [0, 2], "probs": [0.5, 0.5]}},
        "need_demand": {"default": {"dist": "uniform", "low": 1.0, "high": 1.2}},
        "pledge_fall": {"committed": {"dist": "bernoulli", "p": 0.3}, "considering": {"dist": "bernoulli", "p": 0.2}}}


def test_buffered_draw_takes_pessimistic_quantiles() -> None:
    f = compile_factors(tiny(), parse_spec(SPEC))
    d = buffered_draw(f, 0.9)
    assert d.donor_delay.tolist() == [[2.0, 2.0]]
    assert d.need_demand[0, 0] == pytest.approx(1.18, abs=0.01)
    assert d.pledge_comes.tolist() == [[0.0, 0.0]]  # comes with 0.7 < 0.9; considering never counts
    assert buffered_draw(f, 0.6).pledge_comes.tolist() == [[1.0, 0.0]]


def test_robust_plan_keeps_the_candidate_with_least_mean_loss() -> None:
    r = robust_plan(tiny(), parse_spec(SPEC), samples=12, quantiles=(0.9,), saa=False, replan=False)
    c = r.comparison.set_index("candidate")
    assert list(c.index) == ["nominal", "buffered q90"] and r.criterion == "fixed"
    assert r.chosen == c["loss_mean"].idxmin() and c.loc[r.chosen, "chosen"]
    for name, loss in r.losses.items():
        assert len(loss) == 12 and c.loc[name, "loss_mean"] == pytest.approx(float(np.mean(loss)))
    # The buffer plans for 2 months of delay and 18% more demand: it is never worse here.
    assert c.loc["buffered q90", "loss_mean"] <= c.loc["nominal", "loss_mean"]


def test_the_sample_average_candidate_is_compared_on_independent_draws() -> None:
    """Two donors, one of whom slips 3 months half the time: the nominal plan ships from the cheaper, unreliable
    one in month 0; the sample-average plan from the reliable one, and it does best when re-planned."""
    from tests.sweep.test_saa import SLIPS, two_donors

    s = two_donors()
    r = robust_plan(s, SLIPS, samples=16, quantiles=())
    c = r.comparison.set_index("candidate")
    assert list(c.index) == ["nominal", "sample-average"] and r.criterion == "replan"
    assert r.first_months["nominal"].stock == {("A", "gen"): 10}
    assert r.first_months["sample-average"].stock == {("B", "gen"): 10}
    assert r.chosen == "sample-average" == c["replan_loss_mean"].idxmin()
    assert c.loc["sample-average", "replan_loss_mean"] == 0 < c.loc["nominal", "replan_loss_mean"]
    assert c.loc["sample-average", "replan_share_on_time"] == 1.0
    for name, loss in r.replan_losses.items():
        assert len(loss) == 16 and c.loc[name, "replan_loss_mean"] == pytest.approx(float(np.mean(loss)))
    # its plan of the stated scenario keeps that first month
    assert FirstMonth.of_plan(r.plan) == r.first_months["sample-average"]
    # the evaluation draws are not the sample-average plan's: those are other streams of the seed
    f = compile_factors(s, SLIPS)
    ev, own = draw_batch(f, 0, range(16)), draw_batch(f, 0, range(TRAINING, TRAINING + 16))
    assert not np.array_equal(ev.donor_delay, own.donor_delay)


def test_robust_results_are_identical_for_a_seed() -> None:
    a = robust_plan(tiny(), parse_spec(SPEC), samples=6, quantiles=(0.75,), seed=3)
    b = robust_plan(tiny(), parse_spec(SPEC), samples=6, quantiles=(0.75,), seed=3)
    cols = [c for c in a.comparison.columns if "seconds" not in c]
    pd.testing.assert_frame_equal(a.comparison[cols], b.comparison[cols])
    assert a.first_months == b.first_months and a.chosen == b.chosen


def test_a_bad_criterion_is_refused() -> None:
    with pytest.raises(AllyplanError, match="criterion 'best'"):
        robust_plan(tiny(), parse_spec(SPEC), samples=2, criterion="best")
    with pytest.raises(AllyplanError, match="needs the re-planning evaluation"):
        robust_plan(tiny(), parse_spec(SPEC), samples=2, replan=False, criterion="replan")


def test_plan_robust_writes_the_comparison(tmp_path: Path) -> None:
    (tmp_path / "u.yaml").write_text("need_demand:\n  flow: {dist: lognormal, median: 1, sigma: 0.2}\n")
    r = CliRunner().invoke(app, ["plan", str(example_path()), "--robust", str(tmp_path / "u.yaml"), "--samples",
                                 "5", "--out", str(tmp_path / "p"), "--no-report"])
    assert r.exit_code == 0, r.output
    assert "Candidate plans under the same 5 draws" in r.output and "buffered q90" in r.output
    assert "sample-average" in r.output and "Chosen:" in r.output
    comparison = pd.read_csv(tmp_path / "p" / "robust.csv")
    assert list(comparison["candidate"]) == ["nominal", "buffered q60", "buffered q75", "buffered q90",
                                             "sample-average"]
    assert comparison["chosen"].sum() == 1
    chosen = comparison.loc[comparison["chosen"], "candidate"].iloc[0]
    assert chosen == comparison.sort_values("replan_loss_mean", kind="stable")["candidate"].iloc[0]
    firsts = pd.read_csv(tmp_path / "p" / "robust-first-month.csv", keep_default_na=False)
    assert set(firsts["candidate"]) <= set(comparison["candidate"]) and len(firsts)
    page = (tmp_path / "p" / "robust.html").read_text()
    assert "robust plan" in page and "re-planned after the first month" in page and "First month" in page
