"""``allyplan serve``, ``allyplan users`` and ``allyplan scenario``: the coordination service from the command line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from allyplan.cli import _friendly, err, out
from allyplan.errors import AllyplanError

__all__ = ["serve_cmd", "users_app", "scenario_app", "register"]

users_app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                        help="Accounts of the coordination service (no account exists until you add one).")
scenario_app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                           help="Move a scenario between a folder or workbook and the service's database.")

DB = Annotated[str | None, typer.Option("--db", help="Database URL or SQLite file (default: $ALLYPLAN_DATABASE_URL, "
                                                    "else the ledger file in your data folder)")]


def _engine(db: str | None):  # type: ignore[no-untyped-def]
    from allyplan.ledger.db import make_engine, migrate, resolve_url

    engine = make_engine(resolve_url(db))
    migrate(engine)
    return engine


def _password(given: str | None) -> str:
    if given is not None:
        return given
    env = os.environ.get("ALLYPLAN_PASSWORD")
    if env:
        return env
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@_friendly
def serve_cmd(
    db: DB = None,
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on", min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(help="Plan worker processes", min=0, max=64)] = 1,
    web_processes: Annotated[int, typer.Option(help="Processes answering requests", min=1, max=64)] = 1,
    secure_cookies: Annotated[bool, typer.Option(help="Send cookies over HTTPS only (behind a TLS proxy)")] = False,
) -> None:
    """Start the coordination service (web pages and the JSON API under /api/v1/) with its plan workers."""
    import uvicorn

    from allyplan.jobs import JobQueue, WorkerPool
    from allyplan.ledger.db import resolve_url
    from allyplan.web import create_app
    from allyplan.web.auth import Accounts

    url = resolve_url(db)
    engine = _engine(db)
    try:
        n = JobQueue(engine=engine).mark_interrupted()
        if n:
            err.print(f"[yellow]note:[/] {n} plan job(s) interrupted by the last stop were marked failed; re-run them "
                      "on the Plans page", highlight=False)
        if Accounts(engine).count("coordinator") == 0:
            err.print("[yellow]No coordinator account yet.[/] Create the first one with:\n"
                      f"  allyplan users add NAME --role coordinator{' --db ' + db if db else ''}", highlight=False)
    finally:
        engine.dispose()
    pool = WorkerPool(url, workers).start() if workers else None
    try:
        out.print(f"allyplan serving {engine.url.render_as_string(hide_password=True)} on http://{host}:{port}/ "
                  f"({web_processes} web process{'es' if web_processes != 1 else ''}, {workers} plan worker"
                  f"{'s' if workers != 1 else ''})", highlight=False, soft_wrap=True)
        if web_processes == 1:
            app = create_app(url, secret=os.environ.get("ALLYPLAN_SECRET"), secure_cookies=secure_cookies)
            uvicorn.run(app, host=host, port=port, log_level="warning")
        else:  # each process builds the app from the environment, with one shared secret
            import secrets

            os.environ["ALLYPLAN_DATABASE_URL"] = url
            os.environ.setdefault("ALLYPLAN_SECRET", secrets.token_urlsafe(32))
            os.environ["ALLYPLAN_SECURE_COOKIES"] = "1" if secure_cookies else "0"
            uvicorn.run("allyplan.web.app:app_from_env", factory=True, workers=web_processes, host=host, port=port,
                        log_level="warning")
    finally:
        if pool is not None:
            pool.stop()


@users_app.command("add")
@_friendly
def users_add(
    name: Annotated[str, typer.Argument(help="User name")],
    role: Annotated[str, typer.Option(help="coordinator, donor, recipient or viewer")],
    party: Annotated[str | None, typer.Option(help="Party code a donor or recipient liaison speaks for")] = None,
    password: Annotated[str | None, typer.Option(help="Password (default: asked for, or $ALLYPLAN_PASSWORD)")] = None,
    db: DB = None,
) -> None:
    """Create an account (passwords are stored only as argon2 hashes)."""
    from allyplan.web.auth import Accounts

    engine = _engine(db)
    try:
        u = Accounts(engine).add(name, role, _password(password), party)
    finally:
        engine.dispose()
    out.print(f"Added {u.name} ({u.role}{', ' + u.party if u.party else ''}).", highlight=False)


@users_app.command("list")
@_friendly
def users_list(db: DB = None) -> None:
    """List the accounts."""
    from allyplan.web.auth import Accounts

    engine = _engine(db)
    try:
        users = Accounts(engine).list()
    finally:
        engine.dispose()
    if not users:
        out.print("No accounts yet: `allyplan users add NAME --role coordinator` creates the first.")
    for u in users:
        out.print(f"{u.name}\t{u.role}\t{u.party or ''}\t{'disabled' if u.disabled else ''}", highlight=False)


@users_app.command("password")
@_friendly
def users_password(name: Annotated[str, typer.Argument(help="User name")],
                   password: Annotated[str | None, typer.Option(help="New password (default: asked for)")] = None,
                   db: DB = None) -> None:
    """Set a new password (the account's sessions end)."""
    from allyplan.web.auth import Accounts

    engine = _engine(db)
    try:
        Accounts(engine).set_password(name, _password(password))
    finally:
        engine.dispose()
    out.print(f"Password of {name} changed.", highlight=False)


@users_app.command("disable")
@_friendly
def users_disable(name: Annotated[str, typer.Argument(help="User name")], db: DB = None) -> None:
    """Disable an account (its record and its changes stay)."""
    from allyplan.web.auth import Accounts

    engine = _engine(db)
    try:
        Accounts(engine).disable(name)
    finally:
        engine.dispose()
    out.print(f"{name} disabled.", highlight=False)


@users_app.command("token")
@_friendly
def users_token(name: Annotated[str, typer.Argument(help="User name")],
                label: Annotated[str, typer.Option(help="What the token is for")] = "", db: DB = None) -> None:
    """Create an API token for an account (printed once)."""
    from allyplan.web.auth import Accounts

    engine = _engine(db)
    try:
        token = Accounts(engine).new_token(name, label)
    finally:
        engine.dispose()
    out.print(token, highlight=False)


@scenario_app.command("import")
@_friendly
def scenario_import(source: Annotated[Path, typer.Argument(help="Scenario folder or .xlsx workbook")], db: DB = None,
                    why: Annotated[str, typer.Option(help="Why (recorded with the change)")] = "") -> None:
    """Replace the database's scenario with a folder or workbook: all of it after every check, or nothing."""
    from allyplan.ledger.store import current_user
    from allyplan.scenario_store import ScenarioStore

    st = ScenarioStore(db)
    try:
        change = st.import_path(source, who=current_user(), why=why)
        counts = {n: len(st.rows(n)) for n in ("parties", "items", "stocks", "needs")}
    finally:
        st.close()
    out.print(f"Imported {source} as change {change} (" + ", ".join(f"{v} {k}" for k, v in counts.items()) + ").",
              highlight=False, soft_wrap=True)


@scenario_app.command("export")
@_friendly
def scenario_export(target: Annotated[Path, typer.Argument(help="New folder, or a file ending in .xlsx")],
                    db: DB = None,
                    as_of: Annotated[int | None, typer.Option(help="The scenario as it was after this change")] = None
                    ) -> None:
    """Write the database's scenario (now, or as of a past change) as a folder or workbook."""
    from allyplan.scenario_store import ScenarioStore

    st = ScenarioStore(db)
    try:
        p = st.export(target, as_of)
    finally:
        st.close()
    out.print(f"Wrote the scenario to {p}", highlight=False)


@scenario_app.command("history")
@_friendly
def scenario_history(db: DB = None, limit: Annotated[int, typer.Option(
        min=1, help="How many changes to show, newest first")] = 30) -> None:
    """The newest changes to the database's scenario: who, when, what and why."""
    from allyplan.scenario_store import ScenarioStore

    st = ScenarioStore(db)
    try:
        changes = st.changes(limit)
    finally:
        st.close()
    if not changes:
        raise AllyplanError("the database holds no scenario changes yet; `allyplan scenario import DIR` adds one")
    for c in changes:
        out.print(f"{c.id}\t{c.at:%Y-%m-%d %H:%M:%S}\t{c.who}\t{c.action}\t{c.tbl or ''}\t{c.state}\t{c.why}",
                  highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    """Add ``serve``, ``users`` and ``scenario`` to the ``allyplan`` command."""
    app.command("serve")(serve_cmd)
    app.add_typer(users_app, name="users")
    app.add_typer(scenario_app, name="scenario")
