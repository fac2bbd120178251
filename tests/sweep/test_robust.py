"""Robust planning: buffered candidates, compared with the nominal plan under the same draws."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from allyplan import example_path
from allyplan.cli import app
from allyplan.sweep.robust import buffered_draw, robust_plan
from allyplan.sweep.uncertainty import compile_factors, parse_spec
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
    r = robust_plan(tiny(), parse_spec(SPEC), samples=12, quantiles=(0.9,))
    c = r.comparison.set_index("candidate")
    assert list(c.index) == ["nominal", "buffered q90"]
    assert r.chosen == c["loss_mean"].idxmin() and c.loc[r.chosen, "chosen"]
    for name, loss in r.losses.items():
        assert len(loss) == 12 and c.loc[name, "loss_mean"] == pytest.approx(float(np.mean(loss)))
    # The buffer plans for 2 months of delay and 18% more demand: it is never worse here.
    assert c.loc["buffered q90", "loss_mean"] <= c.loc["nominal", "loss_mean"]


def test_plan_robust_writes_the_comparison(tmp_path: Path) -> None:
    (tmp_path / "u.yaml").write_text("need_demand:\n  flow: {dist: lognormal, median: 1, sigma: 0.2}\n")
    r = CliRunner().invoke(app, ["plan", str(example_path()), "--robust", str(tmp_path / "u.yaml"), "--samples",
                                 "5", "--out", str(tmp_path / "p"), "--no-report"])
    assert r.exit_code == 0, r.output
    assert "Candidate plans under the same 5 draws" in r.output and "buffered q90" in r.output
    assert (tmp_path / "p" / "robust.csv").exists() and "robust plan" in (tmp_path / "p" / "robust.html").read_text()
