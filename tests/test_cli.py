"""The allyplan command: outputs, messages and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from allyplan import example_path
from allyplan.cli import app

runner = CliRunner()


def test_plan_example_writes_every_table(tmp_path: Path) -> None:
    r = runner.invoke(app, ["plan", str(example_path()), "--out", str(tmp_path / "p")])
    assert r.exit_code == 0, r.output
    assert "needs fully met" in r.output and "proven optimal" in r.output
    p = tmp_path / "p"
    cols = {
        "deliveries": ["donor", "item", "source", "fund", "ship_month", "arrive_month", "quantity", "value_eur",
                       "need"],
        "coverage": ["need", "month", "required", "covered", "short"],
        "shortfalls": ["need", "month", "short", "reason", "limit", "relief"],
        "burden": ["donor", "value_eur", "share", "gdp_share", "pct_gdp"],
    }
    for name, want in cols.items():
        got = list(pd.read_csv(p / f"{name}.csv", nrows=1).columns)
        assert got[: len(want)] == want or set(want) <= set(got), (name, got)
    summary = json.loads((p / "summary.json").read_text())
    assert summary["status"] == "optimal" and summary["gap"] <= 1e-4
    assert {"load", "build", "solve", "write"} <= set(summary["timings_s"])
    html = (p / "report.html").read_text()
    assert "Plotly.newPlot" in html and "Why needs remain short" in html
    d = pd.read_csv(p / "deliveries.csv", keep_default_na=False)
    assert not ((d["donor"] == "TR") & (d["item"].isin(["shell-155mm", "leopard-2a4"]))).any()
    r = runner.invoke(app, ["verify", str(example_path()), str(p)])
    assert r.exit_code == 0, r.output


def test_plan_without_argument_runs_the_shipped_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["plan", "--quiet", "--no-report"])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "plan" / "deliveries.csv").exists()


def test_bad_scenario_exits_2_with_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    d = tmp_path / "s"
    shutil.copytree(example_path(), d)
    stocks = pd.read_csv(d / "stocks.csv", dtype=str, keep_default_na=False)
    stocks.loc[0, "quantity"] = "-1"
    stocks.loc[1, "donor"] = "ZZ"
    stocks.to_csv(d / "stocks.csv", index=False)
    for cmd in (["check", str(d)], ["plan", str(d)]):
        r = runner.invoke(app, cmd)
        assert r.exit_code == 2
        assert "3 problems" in r.output and "above the quantity" in r.output
        assert "row 2, field 'quantity'" in r.output and "unknown party 'ZZ'" in r.output
        assert "Traceback" not in r.output
    assert not (d / "plan").exists()


def test_init_check_generate_plan_verify(tmp_path: Path) -> None:
    r = runner.invoke(app, ["init", str(tmp_path / "empty")])
    assert r.exit_code == 0 and (tmp_path / "empty" / "needs.csv").exists()
    r = runner.invoke(app, ["init", str(tmp_path / "empty")])
    assert r.exit_code == 2 and "already holds a scenario" in r.output
    g = tmp_path / "g"
    r = runner.invoke(app, ["generate", str(g), "--donors", "4", "--items", "20", "--needs", "15", "--months", "8",
                            "--seed", "3"])
    assert r.exit_code == 0, r.output
    assert runner.invoke(app, ["check", str(g)]).exit_code == 0
    r = runner.invoke(app, ["plan", str(g), "--quiet"])
    assert r.exit_code == 0, r.output
    assert runner.invoke(app, ["verify", str(g), str(g / "plan")]).exit_code == 0
    r = runner.invoke(app, ["verify", str(g), str(tmp_path)])
    assert r.exit_code == 2 and "is not a plan folder" in r.output
    (tmp_path / "afile").write_text("x")
    r = runner.invoke(app, ["plan", str(g), "--out", str(tmp_path / "afile")])
    assert r.exit_code == 2 and "is a file" in r.output
    r = runner.invoke(app, ["plan", str(g), "--out", str(g)])  # a folder holding other things
    assert r.exit_code == 2 and "is not a plan folder" in r.output and (g / "needs.csv").exists()


def test_every_command_and_field_is_documented() -> None:
    root = Path(__file__).parents[1]
    readme = (root / "README.md").read_text() + "".join(p.read_text() for p in sorted((root / "docs").glob("*.md")))
    for cmd in app.registered_commands:
        assert f"allyplan {cmd.name}" in readme, f"`allyplan {cmd.name}` is not in the README"
    from allyplan.cli_ledger import ledger_app

    for cmd in ledger_app.registered_commands:
        assert f"allyplan ledger {cmd.name}" in readme, f"`allyplan ledger {cmd.name}` is not in the README"
    for env in ("ALLYPLAN_DATABASE_URL", "ALLYPLAN_USER", "ALLYPLAN_TEST_POSTGRES_URL"):
        assert env in readme, f"the setting {env} is not in the README"
    from allyplan.schema import fields_markdown

    assert fields_markdown() in (root / "docs" / "fields.md").read_text(), \
        "docs/fields.md is stale: paste `allyplan fields` into it"


def test_plan_refuses_a_ledger_that_does_not_exist(tmp_path: Path) -> None:
    """Before 0.4 a mistyped --ledger path made an empty ledger, dropped the scenario's pledges and exited 0."""
    missing = tmp_path / "no-such-ledger.db"
    r = runner.invoke(app, ["plan", "--ledger", str(missing), "--out", str(tmp_path / "plan")])
    assert r.exit_code == 2, r.output
    assert str(missing) in r.output and not missing.exists() and not (tmp_path / "plan").exists()
    # the message names the option this command has (plan has --ledger, not --db)
    assert "Point --ledger" in " ".join(r.output.split()), r.output


def test_check_is_read_only_and_says_so(tmp_path: Path) -> None:
    from allyplan.examples import copy_examples

    copy_examples(tmp_path)
    r = runner.invoke(app, ["check", str(tmp_path / "bad")])
    assert r.exit_code == 2
    assert "2 problems in the scenario; it cannot be planned until they are fixed" in r.output
    assert "nothing was written" not in r.output


def test_examples_never_overwrite(tmp_path: Path) -> None:
    assert runner.invoke(app, ["examples", str(tmp_path / "t")]).exit_code == 0
    (tmp_path / "t" / "bad.csv").write_text("mine")
    r = runner.invoke(app, ["examples", str(tmp_path / "t")])
    assert r.exit_code == 2 and "already exists" in r.output and (tmp_path / "t" / "bad.csv").read_text() == "mine"


def test_plan_prints_csv_and_json(tmp_path: Path) -> None:
    r = runner.invoke(app, ["plan", "--out", str(tmp_path / "p"), "--format", "csv"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0] == "need,priority,kind,required,covered,covered_pct,met_by,main_reason" and len(lines) == 15
    r = runner.invoke(app, ["plan", "--out", str(tmp_path / "p"), "--format", "json"])
    assert json.loads(r.output)["needs"] == 14


def test_ctrl_c_during_a_long_plan_stops_and_writes_nothing(tmp_path: Path) -> None:
    """SIGINT while a plan solves: the command stops, says nothing was written, and leaves no plan folder."""
    import signal
    import subprocess
    import sys
    import time

    from allyplan.generate import write_generated

    g = write_generated(tmp_path / "g", donors=20, items=120, needs=200, months=24, seed=3)
    proc = subprocess.Popen([sys.executable, "-m", "allyplan", "-v", "plan", str(g), "--time-limit", "120"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    seen = []
    for line in proc.stdout:  # wait until it says it is solving
        seen.append(line)
        if "building and solving" in line:
            break
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    try:
        rest, _ = proc.communicate(timeout=60)  # a correctness bound, not a speed target
        output = "".join(seen) + rest
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError("allyplan plan did not stop within 60 s of Ctrl-C") from None
    assert proc.returncode == 130, output
    assert "interrupted; nothing written" in output and "Traceback" not in output
    assert not (g / "plan").exists()


@pytest.mark.parametrize(("args", "setup", "says"), [
    (["check", "{d}"], lambda d: (d / "needs.csv").unlink() or (d / "needs.csv").mkdir(),
     "needs.csv: is a folder, not a file. Replace it with a CSV file with the header: id,"),
    (["check", "{d}"], lambda d: (d / "stocks.csv").write_text(""),
     "stocks.csv: is empty. Write a CSV file with the header: donor,item,quantity"),
    (["check", "{d}"], lambda d: (d / "parties.csv").write_bytes(b"code,name,gdp_eur_bn\nDE,K\xf6ln,1\n"),
     "parties.csv, row 2: is not UTF-8 text (byte 0xf6 cannot be read). Save it with the encoding UTF-8"),
    (["check", "{d}"], lambda d: (d / "stocks.csv").write_text("donor,item,quantity\nDE,patriot,1e400\n"),
     "stocks.csv, row 2, field 'quantity': '1e400' is not a finite number. Write a plain number in units"),
    (["plan", "{d}", "--out", "{d}/scenario.yaml"], None,
     "scenario.yaml is a file: give --out a folder"),
    (["init", "{d}/new", "--start", "2027-13"], None,
     "start month '2027-13' is not a month: write it as YYYY-MM, e.g. 2027-01"),
    (["generate", "{d}/new", "--start", "27-01", "--donors", "2", "--items", "3", "--needs", "2", "--months", "2"],
     None, "start month '27-01' is not a month: write it as YYYY-MM, e.g. 2027-01"),
    (["verify", "{d}", "{d}"], None, "is not a plan folder: missing deliveries.csv"),
])
def test_bad_input_exits_2_naming_what_to_fix(tmp_path: Path, args: list[str], setup: object, says: str) -> None:
    d = tmp_path / "s"
    shutil.copytree(example_path(), d, ignore=shutil.ignore_patterns("plan"))
    if callable(setup):
        setup(d)
    r = runner.invoke(app, [a.format(d=d) for a in args])
    assert r.exit_code == 2, r.output
    assert says in " ".join(r.output.split()), r.output
    assert ("Traceback" not in r.output and r.exception is None) or isinstance(r.exception, SystemExit)


def test_verify_names_a_bad_cell_of_a_plan_file(tmp_path: Path) -> None:
    out = tmp_path / "p"
    assert runner.invoke(app, ["plan", str(example_path()), "--out", str(out), "--quiet"]).exit_code == 0
    d = pd.read_csv(out / "deliveries.csv", dtype=str, keep_default_na=False)
    d.loc[4, "arrive_month"] = "next spring"
    d.to_csv(out / "deliveries.csv", index=False)
    r = runner.invoke(app, ["verify", str(example_path()), str(out)])
    assert r.exit_code == 2 and isinstance(r.exception, SystemExit)
    assert "deliveries.csv, row 6, field 'arrive_month': 'next spring' is not a month" in " ".join(r.output.split())


def test_planning_the_example_loads_no_library_it_does_not_use(tmp_path: Path) -> None:
    """`allyplan plan` of a scenario folder loads neither the ledger's database libraries, nor plotly, openpyxl or
    the web stack, nor the network modules xml.sax pulls in (each costs start-up time; issue 10 asks < 1.5 s)."""
    import subprocess
    import sys

    code = ("import sys\n"
            f"sys.argv = ['allyplan', 'plan', {str(example_path())!r}, '--out', {str(tmp_path / 'p')!r}, '-q']\n"
            "from allyplan.cli import app\n"
            "try:\n    app()\nexcept SystemExit:\n    pass\n"
            "heavy = ['sqlalchemy', 'alembic', 'plotly', 'openpyxl', 'jinja2', 'fastapi', 'dask', 'lingua', "
            "'trafilatura', 'urllib.request', 'http.client', 'ssl', 'xml.sax']\n"
            "print(sorted(m for m in heavy if m in sys.modules))\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip().splitlines()[-1] == "[]", r.stdout + r.stderr


def test_the_command_loads_its_libraries_without_collecting_cycles_and_leaves_callers_collector_alone(
        tmp_path: Path) -> None:
    """Collecting cycles while pandas, SciPy and HiGHS load cost 0.15 of the example plan's 1.3 CPU seconds
    (issue 10): the `allyplan` command loads them with the collector off and freezes what they made, so that no
    full collection runs in the plan of the example (there were 2 before); a program that calls the CLI in-process
    keeps its collector as it was, and nothing of it is frozen."""
    import gc
    import subprocess
    import sys

    code = ("import gc, sys\n"
            "full = []\n"
            "gc.callbacks.append(lambda phase, info: full.append(1) if phase == 'stop' and info['generation'] == 2 "
            "else None)\n"
            f"sys.argv = ['allyplan', 'plan', {str(example_path())!r}, '--out', {str(tmp_path / 'p')!r}, '-q']\n"
            "from allyplan.__main__ import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(len(full), gc.isenabled(), gc.get_freeze_count() > 100_000)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip().splitlines()[-1] == "0 True True", r.stdout + r.stderr

    frozen = gc.get_freeze_count()
    r = runner.invoke(app, ["plan", "--out", str(tmp_path / "q"), "-q"])
    assert r.exit_code == 0, r.output
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_a_greedy_plan_written_when_the_time_ran_out_says_so_and_what_to_do(monkeypatch: pytest.MonkeyPatch,
                                                                            tmp_path: Path) -> None:
    from tests.planner.test_greedy import _lp_never_done

    _lp_never_done(monkeypatch)
    r = runner.invoke(app, ["plan", "--out", str(tmp_path / "p")])
    assert r.exit_code == 0, r.output
    assert json.loads((tmp_path / "p" / "summary.json").read_text())["method"].startswith("greedy plan")
    assert "The time ran out before the planner's LP relaxation was solved: this is a greedy plan" in r.output
    assert "Give it a larger --time-limit" in r.output
