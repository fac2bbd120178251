"""The allyplan command on what goes wrong: a broken plan fails `verify` with exit 1 and names each rule broken, a
scenario with many problems lists them (and counts the rest), refusals exit 2 with a message and no traceback,
an interrupted plan writes nothing and exits 130; and `check` counts what a hand-made scenario holds."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from allyplan import example_path
from allyplan.cli import _elapsed, app
from allyplan.schema import TABLES

runner = CliRunner()


def tiny(folder: Path) -> Path:
    """A scenario folder: donors A and B, 3 items, 2 stocks, one need (answers checked below by hand)."""
    folder.mkdir()
    (folder / "scenario.yaml").write_text("name: tiny\nstart: 2027-01\nhorizon_months: 4\nrecipient: UA\n")
    files = {
        "parties": "code,name,gdp_eur_bn\nUA,Recipient,10\nA,A,100\nB,B,100\n",
        "items": "id,name,category,kind,lethal,unit_value_eur\nsys,system,air-defence,system,true,100\n"
                 "gen,generator,energy,equipment,false,1\nmsl,missile,air-defence,interceptor,true,1\n",
        "stocks": "donor,item,quantity,floor,lead_months\nA,gen,10,0,1\nB,sys,3,1,0\n",
        "needs": "id,kind,quantity,due,accepts\npower,hold,8,2027-03,gen\n",
        "production": "line,producer,item,per_month,unit_cost_eur\n",  # none, but the file must be there
        "funds": "fund,donor,amount_eur\n",
    }
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text)
    return folder


def test_check_counts_what_the_scenario_holds(tmp_path: Path) -> None:
    d = tiny(tmp_path / "s")
    r = runner.invoke(app, ["check", str(d)])
    assert r.exit_code == 0, r.output
    assert (f"OK: {d} — 2 donors, 3 items, 2 stocks, 0 production lines, 0 funds, 1 needs, 0 policies, 0 pledges; "
            "4 months from 2027-01.") in " ".join(r.output.split())


def test_a_plan_that_breaks_rules_fails_verify_naming_each(tmp_path: Path) -> None:
    d = tiny(tmp_path / "s")
    assert runner.invoke(app, ["plan", str(d), "--out", str(tmp_path / "p"), "--quiet", "--no-report"]).exit_code == 0
    r = runner.invoke(app, ["verify", str(d), str(tmp_path / "p")])
    assert r.exit_code == 0 and "keeps every rule (1 deliveries" in r.output
    dl = pd.read_csv(tmp_path / "p" / "deliveries.csv", dtype=str, keep_default_na=False)
    assert dl[["donor", "item", "quantity"]].values.tolist() == [["A", "gen", "8"]]
    dl.loc[0, "quantity"] = "10.5"  # fractional, beyond the need, and more than the need accepts
    dl.to_csv(tmp_path / "p" / "deliveries.csv", index=False)
    r = runner.invoke(app, ["verify", str(d), str(tmp_path / "p")])
    assert r.exit_code == 1, r.output
    assert "rule violation(s) in" in r.output and "Traceback" not in r.output
    assert "[whole units] deliveries row 2: 10.5 gen is not a whole number" in r.output
    assert "[6 no duplication] need power is filled with 10.5, above its 8" in r.output
    assert "[1 floor] A releases 10.5 gen, above quantity 10 - floor 0" in r.output


def test_a_month_that_is_not_a_month_in_a_plan_file_is_named(tmp_path: Path) -> None:
    d = tiny(tmp_path / "s")
    runner.invoke(app, ["plan", str(d), "--out", str(tmp_path / "p"), "--quiet", "--no-report"])
    cov = pd.read_csv(tmp_path / "p" / "coverage.csv", dtype=str, keep_default_na=False)
    cov.loc[2, "month"] = "March"
    cov.to_csv(tmp_path / "p" / "coverage.csv", index=False)
    r = runner.invoke(app, ["verify", str(d), str(tmp_path / "p")])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "coverage.csv, row 4, field 'month': 'March' is not a month. Write months as YYYY-MM" in \
        " ".join(r.output.split())


def test_many_problems_are_listed_up_to_200_and_the_rest_counted(tmp_path: Path) -> None:
    d = tiny(tmp_path / "s")
    rows = "".join(f"A,nosuch{k},1,0,0\n" for k in range(230))
    (d / "stocks.csv").write_text("donor,item,quantity,floor,lead_months\n" + rows)
    r = runner.invoke(app, ["check", str(d)])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "error: 230 problems in the scenario; it cannot be planned until they are fixed." in " ".join(
        r.output.split())
    assert r.output.count("unknown item 'nosuch") == 200 and "... and 30 more" in r.output
    (d / "stocks.csv").write_text("donor,item,quantity,floor,lead_months\nA,nosuch,1,0,0\n")
    r = runner.invoke(app, ["check", str(d)])
    assert "1 problem in the scenario; it cannot be planned until it is fixed." in " ".join(r.output.split())


def test_generate_will_not_write_over_a_scenario(tmp_path: Path) -> None:
    d = shutil.copytree(example_path(), tmp_path / "mine")
    before = (d / "stocks.csv").read_bytes()
    r = runner.invoke(app, ["generate", str(d), "--donors", "2", "--items", "3", "--needs", "2", "--months", "2"])
    assert r.exit_code == 2 and f"{d} already holds a scenario; choose another folder" in " ".join(r.output.split())
    assert (d / "stocks.csv").read_bytes() == before
    r = runner.invoke(app, ["generate", str(tmp_path / "g"), "--donors", "2", "--items", "3", "--needs", "2",
                            "--months", "2", "--seed", "5"])
    assert r.exit_code == 0 and "(2 donors, 3 items, 2 needs, 2 months, seed 5)" in r.output
    assert runner.invoke(app, ["check", str(tmp_path / "g")]).exit_code == 0
    r = runner.invoke(app, ["generate", str(tmp_path / "h"), "--months", "241"])
    assert r.exit_code == 2 and "--months" in r.output


def test_an_interrupted_plan_writes_nothing_and_exits_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import allyplan.planner

    def interrupted(*args: object, **kw: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(allyplan.planner, "plan", interrupted)
    d = tiny(tmp_path / "s")
    r = runner.invoke(app, ["plan", str(d), "--out", str(tmp_path / "p")])
    assert r.exit_code == 130 and f"interrupted; nothing written to {tmp_path / 'p'}" in " ".join(r.output.split())
    assert not (tmp_path / "p").exists()


def test_fields_prints_every_table_and_field() -> None:
    r = runner.invoke(app, ["fields"])
    assert r.exit_code == 0
    for name, table in TABLES.items():
        assert name in r.output
        for f in table.fields:
            assert f"`{f.name}`" in r.output or f.name in r.output


def test_elapsed_counts_from_the_process_start_for_the_allyplan_command(monkeypatch: pytest.MonkeyPatch) -> None:
    import psutil

    age = time.time() - psutil.Process().create_time()
    t0 = time.perf_counter()
    monkeypatch.setattr(sys, "argv", ["/usr/local/bin/allyplan", "plan"])
    got = _elapsed(t0)
    assert abs(got - age) < 1.0 and got > time.perf_counter() - t0  # starting Python and importing count
    monkeypatch.setattr(sys, "argv", ["python", "-c"])
    assert 0 <= _elapsed(time.perf_counter()) < 1.0  # an in-process caller: since the call
