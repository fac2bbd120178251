"""`allyplan users` and `allyplan scenario`: thin over the library, errors exit 2 with a message."""

from __future__ import annotations

from pathlib import Path

import pytest
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


class _Served:
    """What ``allyplan serve`` hands to the web server (the server itself is not started)."""

    def __init__(self) -> None:
        self.calls: list[tuple[tuple[object, ...], dict[str, object]]] = []

    def __call__(self, *args: object, **kw: object) -> None:
        self.calls.append((args, kw))


def test_serve_on_an_empty_database_says_how_to_make_the_first_account(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from fastapi import FastAPI

    served = _Served()
    monkeypatch.setattr(uvicorn, "run", served)
    db = str(tmp_path / "svc.db")
    r = runner.invoke(app, ["serve", "--db", db, "--workers", "0", "--port", "8123"])
    assert r.exit_code == 0, r.output
    assert "No coordinator account yet." in r.output
    assert f"allyplan users add NAME --role coordinator --db {db}" in r.output
    assert f"allyplan serving sqlite:///{db} on http://127.0.0.1:8123/ (1 web process, 0 plan workers)" in r.output
    (application,), kw = served.calls[0]
    assert isinstance(application, FastAPI) and kw == {"host": "127.0.0.1", "port": 8123, "log_level": "warning"}
    # once a coordinator exists, the hint is gone
    assert runner.invoke(app, ["users", "add", "cell", "--role", "coordinator", "--password", "a long password",
                               "--db", db]).exit_code == 0
    r = runner.invoke(app, ["serve", "--db", db, "--workers", "0"])
    assert r.exit_code == 0 and "No coordinator account yet" not in r.output


def test_serve_marks_jobs_left_running_as_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from sqlalchemy import update

    from allyplan import service_tables
    from allyplan.jobs import JobQueue
    from allyplan.scenario_store import ScenarioStore

    monkeypatch.setattr(uvicorn, "run", _Served())
    db = str(tmp_path / "svc.db")
    st = ScenarioStore(db)
    st.import_path(example_path(), who="setup")
    q = JobQueue(engine=st.engine)
    left = q.enqueue_plan(who="coord")
    waiting = q.enqueue_plan(who="coord")
    with st.engine.begin() as c:  # as a worker leaves it when the service is stopped mid-plan
        c.execute(update(service_tables.jobs).where(service_tables.jobs.c.id == left).values(state="running"))
    r = runner.invoke(app, ["serve", "--db", db, "--workers", "0"])
    assert r.exit_code == 0, r.output
    assert "1 plan job(s) interrupted by the last stop were marked failed; re-run them on the Plans page" in r.output
    assert q.get(left).state == "failed" and "interrupted" in str(q.get(left).error)
    assert q.get(waiting).state == "queued"  # a queued job is still to be run
    st.close()


def test_serve_with_several_web_processes_shares_one_secret(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    served = _Served()
    monkeypatch.setattr(uvicorn, "run", served)
    for k in ("ALLYPLAN_DATABASE_URL", "ALLYPLAN_SECRET", "ALLYPLAN_SECURE_COOKIES"):
        monkeypatch.delenv(k, raising=False)
    db = str(tmp_path / "svc.db")
    r = runner.invoke(app, ["serve", "--db", db, "--workers", "0", "--web-processes", "3", "--secure-cookies"])
    assert r.exit_code == 0, r.output
    assert "(3 web processes, 0 plan workers)" in r.output
    (target,), kw = served.calls[0]
    assert target == "allyplan.web.app:app_from_env" and kw["factory"] is True and kw["workers"] == 3
    import os

    assert os.environ["ALLYPLAN_DATABASE_URL"] == f"sqlite:///{db}"
    assert len(os.environ["ALLYPLAN_SECRET"]) >= 32 and os.environ["ALLYPLAN_SECURE_COOKIES"] == "1"


@pytest.mark.parametrize(("args", "bound"), [(["--port", "0"], "greater than or equal to 1"),
                                             (["--port", "70000"], "less than or equal to 65535"),
                                             (["--workers", "-1"], "greater than or equal to 0"),
                                             (["--web-processes", "0"], "greater than or equal to 1")])
def test_serve_refuses_settings_out_of_range(tmp_path: Path, args: list[str], bound: str) -> None:
    r = runner.invoke(app, ["serve", "--db", str(tmp_path / "svc.db"), *args])
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert f"Invalid value for '{args[0]}'" in r.output and bound in r.output
    assert not (tmp_path / "svc.db").exists()  # refused before anything was opened


def test_the_password_may_come_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from allyplan.web.auth import Accounts

    db = str(tmp_path / "svc.db")
    monkeypatch.setenv("ALLYPLAN_PASSWORD", "from the environment")
    r = runner.invoke(app, ["users", "add", "cell", "--role", "coordinator", "--db", db])
    assert r.exit_code == 0, r.output
    from allyplan.ledger.db import make_engine, resolve_url

    engine = make_engine(resolve_url(db))
    assert Accounts(engine).login("cell", "from the environment", "127.0.0.1").name == "cell"
    engine.dispose()
