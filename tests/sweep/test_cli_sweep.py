"""``allyplan sweep``: output, messages and exit codes, Ctrl-C and --resume."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from allyplan import example_path
from allyplan.cli import app
from allyplan.plan_files import write_plan
from allyplan.sweep import load_spec, runner

cli = CliRunner()


@pytest.fixture(scope="module")
def plan_dir(example, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    _, p = example
    return write_plan(p, tmp_path_factory.mktemp("plan") / "plan", report=False)


def test_fixed_sweep_prints_needs_and_slips(plan_dir: Path, tmp_path: Path) -> None:
    r = cli.invoke(app, ["sweep", str(example_path()), "--fixed", str(plan_dir), "--samples", "20", "--out",
                         str(tmp_path / "s"), "--workers", "1", "--sensitivity-samples", "10"])
    assert r.exit_code == 0, r.output
    assert "Needs over 20 samples" in r.output and "Slips that hurt most" in r.output
    assert "area-air-defence" in r.output and "20 of 20 samples" in r.output
    for f in ("sweep.parquet", "needs.csv", "sensitivity.csv", "summary.json", "sweep.html"):
        assert (tmp_path / "s" / f).exists()


def test_ctrl_c_keeps_what_is_done_and_resume_continues(plan_dir: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    real = runner.run_chunk
    calls = []

    def interrupted(task: Any, lo: int, hi: int) -> Any:
        calls.append(lo)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(task, lo, hi)

    monkeypatch.setattr(runner, "run_chunk", interrupted)
    out = tmp_path / "s"
    args = ["sweep", str(example_path()), "--fixed", str(plan_dir), "--samples", "30", "--chunk", "10", "--out",
            str(out), "--workers", "1", "--sensitivity-samples", "10"]
    r = cli.invoke(app, args)
    assert r.exit_code == 130
    assert f"kept 20 of 30 samples in {out}/" in r.output and f"allyplan sweep --resume {out}" in r.output
    assert pd.read_parquet(out / "sweep.parquet")["sample"].nunique() == 20
    monkeypatch.setattr(runner, "run_chunk", real)
    r = cli.invoke(app, ["sweep", "--resume", str(out), "--samples", "5"])
    assert r.exit_code == 2 and "leave out --samples" in r.output
    r = cli.invoke(app, ["sweep", "--resume", str(out), "--workers", "1"])
    assert r.exit_code == 0, r.output
    assert "30 of 30 samples" in r.output
    assert pd.read_parquet(out / "sweep.parquet")["sample"].tolist() == sorted(
        pd.read_parquet(out / "sweep.parquet")["sample"].tolist())


@pytest.mark.parametrize(("args", "message"), [
    (["--uncertainty", "{tmp}/u.yaml"], "line_delay.default: unknown distribution 'normal'"),
    (["--scheduler", "somewhere"], "--scheduler somewhere: give tcp://HOST:PORT"),
    (["--scheduler", "local:zero"], "give local:N with N a whole number"),
    (["--fixed", "{tmp}"], "is not a plan folder"),
])
def test_bad_input_exits_2_with_a_message(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "u.yaml").write_text("line_delay:\n  default: {dist: normal, mean: 1}\n")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    r = cli.invoke(app, ["sweep", str(example_path()), "--samples", "2", "--out", str(tmp_path / "o"), *args])
    assert r.exit_code == 2 and message in r.output, r.output
    assert "Traceback" not in r.output


def test_a_plan_of_another_scenario_is_refused(plan_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(plan_dir, other)
    dl = pd.read_csv(other / "deliveries.csv")
    dl.loc[0, "need"] = "no-such-need"
    dl.to_csv(other / "deliveries.csv", index=False)
    r = cli.invoke(app, ["sweep", str(example_path()), "--fixed", str(other), "--samples", "2", "--out",
                         str(tmp_path / "o")])
    assert r.exit_code == 2 and "the plan's deliveries name need 'no-such-need'" in r.output, r.output
    assert not (tmp_path / "o").exists()


def test_init_writes_the_commented_uncertainty_file(tmp_path: Path) -> None:
    assert cli.invoke(app, ["init", str(tmp_path / "new")]).exit_code == 0
    text = (tmp_path / "new" / "uncertainty.yaml").read_text()
    assert "# Delivery delay in months" in text
    spec = load_spec(tmp_path / "new" / "uncertainty.yaml")
    assert spec.sections["pledge_fall"]["considering"].p("p") > spec.sections["pledge_fall"]["committed"].p("p")
