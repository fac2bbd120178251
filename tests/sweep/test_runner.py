"""The sweep runner: results tables, the same results on any engine and chunking, cancel and resume."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from allyplan.errors import AllyplanError
from allyplan.planner import plan
from allyplan.sweep import default_spec, load_tables, open_sweep, prepare_sweep, run_sweep
from allyplan.sweep.runner import SweepProgress, done_chunks
from allyplan.sweep.uncertainty import apply_draw, compile_factors, draw
from tests.sweep.conftest import tiny


def same(a: Path, b: Path) -> None:
    ta, tb = load_tables(a), load_tables(b)
    for name in ("outcomes", "coverage", "sensitivity", "draws"):
        pd.testing.assert_frame_equal(getattr(ta, name), getattr(tb, name))


@pytest.fixture(scope="module")
def fixed_run(example, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    s, p = example
    out = tmp_path_factory.mktemp("fixed") / "sweep"
    setup = prepare_sweep(out, s, default_spec(), samples=60, seed=5, fixed=p, chunk_size=25,
                          sensitivity_samples=30)
    seen: list[SweepProgress] = []
    res = run_sweep(setup, workers=1, progress=seen.append)
    assert res.complete and res.done == 60 and res.engine == "in-process"
    assert [x.done for x in seen] == [0, 25, 50, 60] and seen[-1].eta == 0
    return out


def test_results_tables(fixed_run: Path, example) -> None:  # type: ignore[no-untyped-def]
    s, _ = example
    out = fixed_run
    sw = pd.read_parquet(out / "sweep.parquet")
    assert len(sw) == 60 * len(s.needs) and sw["sample"].nunique() == 60
    assert list(sw.columns) == ["sample", "need", "required", "unmet", "met_month", "on_time", "loss", "plan"]
    needs = pd.read_csv(out / "needs.csv")
    assert set(needs["need"]) == set(s.needs["id"]) and needs["p_on_time"].between(0, 1).all()
    assert (needs["unmet_p10"] <= needs["unmet_p50"]).all() and (needs["unmet_p50"] <= needs["unmet_p90"]).all()
    _, p = example
    last = p.coverage[p.coverage["month"] == s.horizon - 1].set_index("need")["short"]
    assert needs.set_index("need").at["area-air-defence", "unmet_planned"] == last["area-air-defence"]
    sens = pd.read_csv(out / "sensitivity.csv")
    assert sens["mean"].is_monotonic_decreasing and {"line", "donor", "need"} <= set(sens["kind"])
    assert load_tables(out).sensitivity["sample"].max() < 30  # measured on the first 30 samples only
    summary = json.loads((out / "summary.json").read_text())
    assert summary["complete"] and summary["done"] == 60 and summary["mode"] == "fixed"
    page = (out / "sweep.html").read_text()
    assert "Which slips hurt most" in page and "Needs for air-defence" in page
    assert "<script src=" not in page and "plotly" in page.lower()  # offline: Plotly inlined


def test_same_results_whatever_the_chunking_and_workers(fixed_run: Path, example,  # type: ignore[no-untyped-def]
                                                        tmp_path: Path) -> None:
    s, p = example
    setup = prepare_sweep(tmp_path / "b", s, default_spec(), samples=60, seed=5, fixed=p, chunk_size=7,
                          sensitivity_samples=30)
    run_sweep(setup, workers=2)
    same(fixed_run, tmp_path / "b")


def test_cancel_keeps_what_is_done_and_resume_finishes_it(fixed_run: Path, example,  # type: ignore[no-untyped-def]
                                                          tmp_path: Path) -> None:
    s, p = example
    out = tmp_path / "c"
    setup = prepare_sweep(out, s, default_spec(), samples=60, seed=5, fixed=p, chunk_size=10, sensitivity_samples=30)
    res = run_sweep(setup, workers=1, cancel=lambda: True)
    assert not res.complete and res.done == 10 and done_chunks(out) == {0}
    assert json.loads((out / "summary.json").read_text())["done"] == 10  # summaries of what is done
    assert len(pd.read_parquet(out / "sweep.parquet")) == 10 * len(s.needs)
    with pytest.raises(AllyplanError, match="is not empty"):
        prepare_sweep(out, s, default_spec(), samples=60, fixed=p)
    res = run_sweep(open_sweep(out, s), workers=1)
    assert res.complete and res.done == 60
    same(fixed_run, out)


def test_resume_refuses_a_changed_scenario(fixed_run: Path, example) -> None:  # type: ignore[no-untyped-def]
    s, _ = example
    changed = s.needs.copy()
    changed.loc[0, "priority"] = 1
    from dataclasses import replace

    with pytest.raises(AllyplanError, match="changed since the sweep"):
        open_sweep(fixed_run, replace(s, needs=changed))
    with pytest.raises(AllyplanError, match="holds no sweep"):
        open_sweep(fixed_run / "chunks")


def test_replanning_plans_each_draw(tmp_path: Path) -> None:
    """Also after this process solved with the solver's default threads: HiGHS keeps a process's first thread
    count, and a re-plan asking for one thread here found no solution (every draw 'no_solution')."""
    s = tiny()
    plan(s)
    setup = prepare_sweep(tmp_path / "r", s, default_spec(), samples=3, seed=1, chunk_size=2)
    res = run_sweep(setup, workers=1)
    assert res.complete and res.engine == "1 local process"
    sw = pd.read_parquet(tmp_path / "r" / "sweep.parquet")
    assert set(sw["plan"]) == {"optimal"}
    f = compile_factors(s, default_spec())
    for i in range(3):
        p = plan(apply_draw(s, f, draw(f, 1, i)))
        short = p.coverage.set_index("month").loc[s.horizon - 1, "short"]
        row = sw[sw["sample"] == i].iloc[0]
        assert row["unmet"] == pytest.approx(float(short)) and row["plan"] == p.status.value
