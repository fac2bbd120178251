"""Change notices from PostgreSQL, so that a web process need not ask the database on every request.

Triggers on the tables the hot answers depend on (the ledger's events and reference, the review queue, the scenario's
change record, plan jobs) and on the accounts, sessions and tokens send a notice (``NOTIFY``) when a statement
changes them, from whichever process made the change (a web process, a plan worker, the command line). Each web
process listens (:class:`Watch`) and counts the notices: its :class:`Memo` of who a session or token is and of the
data marks is good while the count has not moved. A request whose answer is in the response cache is then answered
with no query at all; any change read by a notice makes the next request read both again.

What this does not see at once: a notice arrives a moment after its commit (a few milliseconds; longer on a busy
machine), so a change made through *another* process may be missed by a request in that moment. A change made
through this process is seen at once (see ``app._Guard``). While the listening connection is down, nothing is kept:
every request reads the database, as on SQLite.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Hashable
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import NullPool

__all__ = ["WATCHED", "JOB_COLUMNS", "channel", "install", "Watch", "Memo"]

#: Tables whose every change is told (statement-level triggers).
WATCHED = ("events", "parties", "items", "rates", "proposals", "svc_scenario_changes", "svc_users", "svc_sessions",
           "svc_api_tokens")
#: Plan jobs are updated with their progress many times a second while one runs: only a change of these is told.
JOB_COLUMNS = ("state", "published")
_LOCK = 0x616C6C79  # an advisory lock key for installing the triggers (not the ledger's writer lock)
_FUNCTION = "allyplan_notify_marks"
_TRIGGER = "allyplan_marks"


def channel(schema: str) -> str:
    """The notice channel of one schema (a channel is database-wide; several schemas may share a database)."""
    return f"allyplan_marks_{schema}"[:63]


def install(engine: Engine) -> str:
    """Create the notifying function and triggers in the engine's current schema if missing (PostgreSQL only; run
    by each web process at start, under an advisory lock, so several starting at once do it once). Returns the
    channel to listen on."""
    with engine.begin() as conn:
        conn.execute(text(f"SELECT pg_advisory_xact_lock({_LOCK})"))
        schema = str(conn.execute(text("SELECT current_schema()")).scalar_one())
        ch = channel(schema)
        conn.execute(text(f"CREATE OR REPLACE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                          f"BEGIN PERFORM pg_notify('{ch}', TG_TABLE_NAME); RETURN NULL; END $$"))
        have = set(conn.execute(text(
            "SELECT c.relname || '.' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
            "AND t.tgname LIKE 'allyplan_marks%'")).scalars())
        for table in WATCHED:
            if f"{table}.{_TRIGGER}" not in have:
                conn.execute(text(f"CREATE TRIGGER {_TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                                  f"FOR EACH STATEMENT EXECUTE FUNCTION {_FUNCTION}()"))
        if f"svc_jobs.{_TRIGGER}" not in have:
            conn.execute(text(f"CREATE TRIGGER {_TRIGGER} AFTER INSERT OR DELETE OR TRUNCATE ON svc_jobs "
                              f"FOR EACH STATEMENT EXECUTE FUNCTION {_FUNCTION}()"))
        if f"svc_jobs.{_TRIGGER}_row" not in have:
            changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in JOB_COLUMNS)
            conn.execute(text(f"CREATE TRIGGER {_TRIGGER}_row AFTER UPDATE ON svc_jobs FOR EACH ROW "
                              f"WHEN ({changed}) EXECUTE FUNCTION {_FUNCTION}()"))
    return ch


class Watch:
    """Listens for the notices of one channel in a thread of its own; ``generation`` moves at each notice (and at
    each reconnection, when notices may have been missed). ``live`` is false while the connection is down."""

    def __init__(self, url: Any, ch: str, *, retry: float = 1.0) -> None:
        self.channel, self.retry = ch, retry
        self.generation = 0
        self.live = False
        self.notices = 0
        self._engine = create_engine(url, poolclass=NullPool)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._conn: Any = None
        self._thread = threading.Thread(target=self._run, name="allyplan-watch", daemon=True)
        self._thread.start()

    def bump(self) -> None:
        """Something may have changed: what was kept is stale."""
        with self._lock:
            self.generation += 1

    def wait_live(self, seconds: float = 10.0) -> bool:
        """Wait until listening (for tests and start-up); whether it is."""
        end = threading.Event()
        for _ in range(int(seconds / 0.01)):
            if self.live or self._stop.is_set():
                break
            end.wait(0.01)
        return self.live

    def _run(self) -> None:
        while not self._stop.is_set():
            raw = None
            try:
                raw = self._engine.raw_connection()
                conn = raw.driver_connection
                conn.autocommit = True  # type: ignore[union-attr]
                conn.execute(f'LISTEN "{self.channel}"')  # type: ignore[union-attr]
                self._conn = conn
                self.bump()  # notices before LISTEN were not heard
                self.live = True
                while not self._stop.is_set():
                    for _ in conn.notifies(timeout=0.5):  # type: ignore[union-attr]
                        self.notices += 1
                        self.bump()
            except Exception:  # the database went away: keep nothing until listening again
                self.live = False
                self.bump()
                self._stop.wait(self.retry)
            finally:
                self.live = False
                self._conn = None
                if raw is not None:
                    with contextlib.suppress(Exception):
                        raw.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._engine.dispose()


class Memo:
    """Who a session or token is and the data marks, as read at a :class:`Watch` generation: good until the
    generation moves (and a session until it expires). At most ``size`` credentials are kept."""

    def __init__(self, watch: Watch, size: int = 10_000) -> None:
        self.watch, self.size = watch, size
        self._who: dict[Hashable, tuple[int, Any, datetime | None]] = {}
        self._marks: tuple[int, Any] | None = None

    def generation(self) -> int | None:
        """The generation to read at (before the query), or None when nothing may be kept."""
        w = self.watch
        return w.generation if w.live else None

    def get(self, credential: Hashable, now: datetime) -> tuple[Any, Any] | None:
        """(who, marks) kept for ``credential``, if still good."""
        w = self.watch
        if not w.live:
            return None
        g, m = w.generation, self._marks
        if m is None or m[0] != g:
            return None
        e = self._who.get(credential)
        if e is None or e[0] != g or (e[2] is not None and e[2] <= now):
            return None
        return e[1], m[1]

    def put(self, generation: int | None, credential: Hashable, who: Any, marks: Any,
            expires: datetime | None) -> None:
        """Keep what a query read, as of ``generation`` (read before the query: a notice during it makes it stale)."""
        if generation is None:
            return
        if len(self._who) >= self.size:
            self._who.clear()
        self._who[credential] = (generation, who, expires)
        self._marks = (generation, marks)
