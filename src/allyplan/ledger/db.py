"""Where the ledger lives and how to talk to it: URL resolution, engines, migrations, transactions.

SQLite is the embedded default (WAL mode: readers never wait for the writer; writers take the lock up front with
``BEGIN IMMEDIATE`` so two writers queue instead of failing half-way). PostgreSQL works through the same URL
setting. A write that cannot get the lock in time raises :class:`LedgerBusy`, which says to try again.

>>> resolve_url("ledger.db").startswith("sqlite:///")
True
>>> resolve_url("postgresql://localhost/test")
'postgresql+psycopg://localhost/test'
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.pool import NullPool

from allyplan.errors import AllyplanError

__all__ = ["LedgerError", "LedgerBusy", "default_path", "resolve_url", "make_engine", "migrate", "writing",
           "reading", "MIGRATIONS"]

#: Folder of the Alembic migrations shipped with allyplan.
MIGRATIONS = Path(str(files("allyplan") / "ledger" / "migrations"))
BUSY_SECONDS = 30.0


class LedgerError(AllyplanError):
    """A change the ledger refuses; nothing was written."""


class LedgerBusy(LedgerError):
    """Another process holds the ledger (or wrote the same entries first). Retrying is safe."""


def default_path() -> Path:
    """``$XDG_DATA_HOME/allyplan/ledger.db`` (``~/.local/share/allyplan/ledger.db`` when unset)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "allyplan" / "ledger.db"


def resolve_url(db: str | Path | None = None) -> str:
    """The database URL: ``db`` (a URL or a SQLite path), else ``$ALLYPLAN_DATABASE_URL``, else the default file."""
    value = str(db) if db is not None else os.environ.get("ALLYPLAN_DATABASE_URL") or ""
    if not value:
        value = str(default_path())
    if "://" not in value:
        path = Path(value).expanduser().resolve()
        return f"sqlite:///{path}"
    for plain in ("postgresql://", "postgres://"):
        if value.startswith(plain):
            return "postgresql+psycopg://" + value[len(plain):]
    return value


def make_engine(url: str) -> Engine:
    """An engine for ``url``, set up for the ledger's transactions."""
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if path and path != ":memory:":
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise LedgerError(f"cannot create the folder of the ledger file {path}: {e.strerror}. "
                                  "Pass --db with a writable path") from None
        engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": BUSY_SECONDS})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute(f"PRAGMA busy_timeout={int(BUSY_SECONDS * 1000)}")
            cur.execute("PRAGMA cache_size=-262144")  # up to 256 MB of pages: big imports stay off the disk
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

        return engine
    if url.startswith("postgresql"):
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise LedgerError("a PostgreSQL ledger needs the psycopg driver: "
                              "pip install 'allyplan[postgres]'") from None
        from sqlalchemy.engine import make_url

        u = make_url(url)
        options = " ".join(x for x in (str(u.query.get("options") or ""),
                                       f"-c lock_timeout={int(BUSY_SECONDS * 1000)}") if x)
        return create_engine(u.difference_update_query(["options"]), poolclass=NullPool,
                             connect_args={"options": options})
    raise LedgerError(f"unsupported database URL {url!r}: use a SQLite file path, sqlite:///PATH or "
                      "postgresql://HOST/DB")


def _busy(e: DBAPIError) -> bool:
    text_ = str(e.orig).lower()
    code = getattr(e.orig, "sqlstate", None)
    return ("locked" in text_ or "busy" in text_ or code in ("40001", "40P01", "55P03")
            or isinstance(e, IntegrityError))


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: all of it commits, or none of it does."""
    try:
        connection = engine.connect()
    except OperationalError as e:
        raise LedgerError(f"cannot open the ledger at {engine.url.render_as_string(hide_password=True)}: "
                          f"{str(e.orig).strip()}. Check --db or ALLYPLAN_DATABASE_URL") from None
    try:
        with connection as conn:
            conn = conn.execution_options(write=True)
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    # one writer at a time keeps ids, sequences and duplicate checks simple and exact
                    conn.execute(text("SELECT pg_advisory_xact_lock(7262911)"))
                yield conn
    except (OperationalError, IntegrityError) as e:
        if _busy(e):
            raise LedgerBusy("the ledger is busy: another process was writing the same entries or held the lock "
                             f"for more than {BUSY_SECONDS:.0f} s. Nothing was written; run the command again") from e
        raise LedgerError(f"the database refused the change: {e.orig}. Nothing was written") from e


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A consistent snapshot for reading."""
    try:
        with engine.connect() as conn, conn.begin():
            yield conn
    except OperationalError as e:
        raise LedgerError(f"cannot read the ledger at {engine.url.render_as_string(hide_password=True)}: "
                          f"{e.orig}") from e


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema (creating it if empty); safe to run from several processes."""
    from alembic import command
    from alembic.config import Config
    from alembic.util.exc import CommandError

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    try:
        with writing(engine) as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except CommandError as e:
        raise LedgerError(f"the ledger's schema is not one this allyplan knows ({e}); it was probably written by a "
                          "newer allyplan: upgrade allyplan") from None
    except OperationalError as e:
        raise LedgerError(f"cannot open the ledger at {engine.url.render_as_string(hide_password=True)}: "
                          f"{e.orig}") from None
