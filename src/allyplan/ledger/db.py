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
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.pool import NullPool

from allyplan.errors import AllyplanError

__all__ = ["LedgerError", "LedgerBusy", "LedgerMissing", "default_path", "resolve_url", "make_engine", "migrate",
           "writing", "reading", "needs_migration", "exists", "MIGRATIONS", "Waiting"]

#: Folder of the Alembic migrations shipped with allyplan.
MIGRATIONS = Path(str(files("allyplan") / "ledger" / "migrations"))
BUSY_SECONDS = 30.0
#: The PostgreSQL advisory lock a writer holds: one per schema, so ledgers in other schemas never wait for it.
PG_LOCK = "7262911, hashtext(current_schema())"


class LedgerError(AllyplanError):
    """A change the ledger refuses; nothing was written."""


class LedgerBusy(LedgerError):
    """Another process held the ledger's write lock for longer than the timeout. Retrying is safe."""


class LedgerMissing(LedgerError):
    """A command that only reads was pointed at a ledger that does not exist (it is not created)."""


#: Called with a message when a write must wait for another writer's lock (before it waits).
Waiting = Callable[[str], None]


def default_path() -> Path:
    """``$XDG_DATA_HOME/allyplan/ledger.db`` (``~/.local/share/allyplan/ledger.db`` when unset)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "allyplan" / "ledger.db"


def resolve_url(db: str | Path | None = None) -> str:
    """The database URL: ``db`` (a URL or a SQLite path), else ``$ALLYPLAN_DATABASE_URL``, else the default file."""
    if db is not None and not str(db).strip():
        raise LedgerError("--db is empty: give a SQLite file path or a database URL (or leave --db out to use "
                          "$ALLYPLAN_DATABASE_URL or the default ledger)")
    value = str(db) if db is not None else os.environ.get("ALLYPLAN_DATABASE_URL") or ""
    if not value.strip():
        value = str(default_path())
    if "://" not in value:
        path = Path(value).expanduser().resolve()
        return f"sqlite:///{path}"
    for plain in ("postgresql://", "postgres://"):
        if value.startswith(plain):
            return "postgresql+psycopg://" + value[len(plain):]
    return value


def _sqlite_path(url: str) -> str:
    return url.split(":///", 1)[1].split("?", 1)[0] if ":///" in url else ""


def _read_only_folder(path: str) -> bool:
    """An existing SQLite file that cannot be written where it lies (a read-only folder or file)."""
    p = Path(path)
    return p.is_file() and not (os.access(p.parent, os.W_OK) and os.access(p, os.W_OK))


def make_engine(url: str, create: bool = True) -> Engine:
    """An engine for ``url``, set up for the ledger's transactions (``create=False``: never make a folder)."""
    if url.startswith("sqlite"):
        path = _sqlite_path(url)
        if create and path and path != ":memory:":
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise LedgerError(f"cannot create the folder of the ledger file {path}: {e.strerror}. "
                                  "Pass --db with a writable path") from None
        ms = int(BUSY_SECONDS * 1000)
        if path and _read_only_folder(path):
            # a ledger someone may read but not write (a read-only folder or file): WAL needs to write its -shm
            # file even to read, so open it as immutable; nothing can write it from here anyway
            uri = f"file:{path}?immutable=1"
            engine = create_engine(url, poolclass=NullPool, execution_options={"read_only": True},
                                   creator=lambda: sqlite3.connect(uri, uri=True, timeout=BUSY_SECONDS))
        else:
            engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": BUSY_SECONDS})

        @event.listens_for(engine, "connect")
        def _connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (below)
            cur = dbapi_conn.cursor()
            if not engine.get_execution_options().get("read_only"):
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute(f"PRAGMA busy_timeout={ms}")
            cur.execute("PRAGMA cache_size=-262144")  # up to 256 MB of pages: big imports stay off the disk
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            opts = conn.get_execution_options()
            if not opts.get("write"):
                conn.exec_driver_sql("BEGIN")  # a read: WAL readers see the last commit and never wait
                return
            raw: Any = conn.connection.driver_connection
            raw.execute("PRAGMA busy_timeout=0")
            try:
                try:
                    raw.execute("BEGIN IMMEDIATE")
                except sqlite3.OperationalError as e:
                    if "locked" not in str(e) and "busy" not in str(e):
                        raise
                    if (waiting := opts.get("waiting")) is not None:
                        waiting(f"another process is writing to the ledger; waiting up to {BUSY_SECONDS:.0f} s "
                                "for it to finish")
                    raw.execute(f"PRAGMA busy_timeout={ms}")
                    try:
                        raw.execute("BEGIN IMMEDIATE")
                    except sqlite3.OperationalError as e2:
                        if "locked" in str(e2) or "busy" in str(e2):
                            raise LedgerBusy(_BUSY) from None
                        raise
            finally:
                raw.execute(f"PRAGMA busy_timeout={ms}")

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


_BUSY = (f"the ledger is busy: another process held its write lock for more than {BUSY_SECONDS:.0f} s. Nothing was "
         "written; run the command again when it has finished")


def _where(engine: Engine) -> str:
    path = _sqlite_path(str(engine.url)) if engine.url.get_backend_name() == "sqlite" else ""
    return path or engine.url.render_as_string(hide_password=True)


def _busy(e: DBAPIError) -> bool:
    text_ = str(e.orig).lower()
    code = getattr(e.orig, "sqlstate", None)
    return (isinstance(e, OperationalError) and ("locked" in text_ or "busy" in text_)) \
        or code in ("40001", "40P01", "55P03")


def _refused(engine: Engine, e: DBAPIError, doing: str) -> LedgerError:
    """A clear error for a database error that retrying cannot fix."""
    msg = str(e.orig).strip().splitlines()[0] if str(e.orig).strip() else type(e.orig).__name__
    low = msg.lower()
    if isinstance(e, IntegrityError):
        if "unique" in low or "duplicate" in low:
            what = "a value that must be unique is already in the ledger"
        elif "not null" in low or "null value" in low:
            what = "a required field is empty"
        else:
            what = "a rule of the database was broken"
        return LedgerError(f"the database refused the change: {what} ({msg}). Nothing was written; running the "
                           "command again will not help: correct the input")
    if "append-only" in low:
        return LedgerError(f"the database refused the change: {msg}. The ledger's events are never changed or "
                           "deleted; record a revision instead")
    if "not a database" in low or "malformed" in low or "file is encrypted" in low:
        return LedgerError(f"{_where(engine)} is not a ledger database, or it is damaged ({msg}). Check --db; "
                           "restore the file from a backup if it was a ledger")
    if "schema" in low and ("does not exist" in low or "no schema has been selected" in low):
        return LedgerError(f"cannot {doing} the ledger at {_where(engine)}: {msg}. Check the search_path in the "
                           "URL's options (the schema must exist)")
    return LedgerError(f"cannot {doing} the ledger at {_where(engine)}: {msg}. Check --db or ALLYPLAN_DATABASE_URL")


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: all of it commits, or none of it does."""
    if engine.get_execution_options().get("read_only"):
        raise LedgerError(f"the ledger {_where(engine)} is in a read-only folder (or is a read-only file): it can "
                          "be read but not changed. Copy it somewhere writable, or ask for write access")
    try:
        connection = engine.connect()
    except DBAPIError as e:
        raise _refused(engine, e, "open") from None
    try:
        with connection as conn:
            conn = conn.execution_options(write=True)
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    # one writer at a time keeps ids, sequences, the hash chain and duplicate checks exact
                    got = conn.execute(text(f"SELECT pg_try_advisory_xact_lock({PG_LOCK})")).scalar()
                    if not got:
                        if (waiting := engine.get_execution_options().get("waiting")) is not None:
                            waiting(f"another process is writing to the ledger; waiting up to {BUSY_SECONDS:.0f} s "
                                    "for it to finish")
                        conn.execute(text(f"SELECT pg_advisory_xact_lock({PG_LOCK})"))
                yield conn
    except DBAPIError as e:
        if _busy(e):
            raise LedgerBusy(_BUSY) from None
        raise _refused(engine, e, "write to") from None
    except Exception as e:
        if not type(e).__module__.startswith("psycopg"):
            raise
        import psycopg  # a COPY on the driver's own connection raises the driver's errors, not SQLAlchemy's

        wrapped = cast(DBAPIError, DBAPIError.instance(None, None, e, psycopg.Error))
        if _busy(wrapped):
            raise LedgerBusy(_BUSY) from None
        raise _refused(engine, wrapped, "write to") from None


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A consistent snapshot for reading; takes no write lock, so it never waits for a writer."""
    try:
        with engine.connect() as conn, conn.begin():
            yield conn
    except DBAPIError as e:
        raise _refused(engine, e, "read") from None


def exists(engine: Engine) -> bool:
    """Whether a ledger is there (a SQLite file, or a database with the ledger's tables), without creating one."""
    if engine.url.get_backend_name() == "sqlite":
        path = _sqlite_path(str(engine.url))
        return bool(path) and Path(path).is_file() and Path(path).stat().st_size > 0
    with reading(engine) as conn:
        return inspect(conn).has_table("alembic_version")


def _head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return str(ScriptDirectory.from_config(cfg).get_current_head())


def needs_migration(engine: Engine) -> bool:
    """Whether the ledger's schema is older than this allyplan's (or absent): read without taking a lock."""
    with reading(engine) as conn:
        if not inspect(conn).has_table("alembic_version"):
            return True
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if version != _head():
            return True
        return conn.execute(text("SELECT code FROM parties LIMIT 1")).first() is None


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
