"""`allyplan users` and `allyplan scenario`: thin over the library, errors exit 2 with a message."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from allyplan import example_path
from allyplan.cli import app
from allyplan.cli_web import scenario_app, users_app

runner = CliRunner()


def test_users_and_scenario_commands(tmp_path: Path) -> None:
    db = str(tmp_path / "svc.db")
    r = runner.invoke(app, ["users", "list", "--db", db])
    assert r.exit_code == 0 and "No accounts yet" in r.output
    r = runner.invoke(app, ["users", "add", "cell", "--role", "coordinator", "--db", db], input="short\nshort\n")
    assert r.exit_code == 2 and "too short" in r.output
    r = runner.invoke(app, ["users", "add", "cell", "--role", "coordinator", "--password", "a long password",
                            "--db", db])
    assert r.exit_code == 0 and "Added cell (coordinator)" in r.output
    r = runner.invoke(app, ["users", "add", "de", "--role", "donor", "--password", "a long password", "--db", db])
    assert r.exit_code == 2 and "--party" in r.output and "Traceback" not in r.output
    r = runner.invoke(app, ["users", "add", "cell", "--role", "viewer", "--password", "a long password", "--db", db])
    assert r.exit_code == 2 and "exists already" in r.output
    r = runner.invoke(app, ["users", "add", "x", "--role", "admin", "--password", "a long password", "--db", db])
    assert r.exit_code == 2 and "unknown role 'admin'" in r.output
    assert runner.invoke(app, ["users", "token", "cell", "--db", db]).output.startswith("ap_")
    assert runner.invoke(app, ["users", "password", "cell", "--password", "another password", "--db", db]).exit_code \
        == 0
    assert runner.invoke(app, ["users", "disable", "cell", "--db", db]).exit_code == 0
    assert "disabled" in runner.invoke(app, ["users", "list", "--db", db]).output

    r = runner.invoke(app, ["scenario", "history", "--db", db])
    assert r.exit_code == 2 and "scenario import" in r.output
    r = runner.invoke(app, ["scenario", "import", str(example_path()), "--db", db, "--why", "first"])
    assert r.exit_code == 0 and "Imported" in r.output
    r = runner.invoke(app, ["scenario", "import", str(tmp_path / "nosuch"), "--db", db])
    assert r.exit_code == 2 and "no such file or folder" in r.output
    r = runner.invoke(app, ["scenario", "export", str(tmp_path / "out.xlsx"), "--db", db])
    assert r.exit_code == 0 and (tmp_path / "out.xlsx").stat().st_size > 5000
    assert runner.invoke(app, ["check", str(tmp_path / "out.xlsx")]).exit_code == 0
    r = runner.invoke(app, ["scenario", "export", str(tmp_path / "old"), "--as-of", "1", "--db", db])
    assert r.exit_code == 0 and (tmp_path / "old" / "stocks.csv").exists()
    assert "import" in runner.invoke(app, ["scenario", "history", "--db", db]).output


def test_every_service_command_is_documented() -> None:
    doc = (Path(__file__).parents[2] / "docs" / "service.md").read_text()
    for sub, group in (("users", users_app), ("scenario", scenario_app)):
        for cmd in group.registered_commands:
            assert f"allyplan {sub} {cmd.name}" in doc, f"`allyplan {sub} {cmd.name}` is not in docs/service.md"
    for opt in ("--db", "--host", "--port", "--workers", "--web-processes", "--secure-cookies", "ALLYPLAN_SECRET",
                "ALLYPLAN_PASSWORD"):
        assert opt in doc
