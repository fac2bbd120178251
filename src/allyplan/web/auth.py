"""Accounts, passwords (argon2), sessions, API tokens and the login rate limit.

There is no default account and no default password: ``allyplan users add NAME --role coordinator`` creates the
first coordinator.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, Select, bindparam, delete, func, insert, select, update

from allyplan import service_tables as t
from allyplan.access import ROLES, Principal
from allyplan.errors import AllyplanError
from allyplan.ledger.db import reading, writing
from allyplan.ledger.write import _now

__all__ = ["Accounts", "User", "LoginRefused", "TooManyAttempts", "SESSION_HOURS", "MAX_FAILURES",
           "FAILURE_WINDOW", "MIN_PASSWORD"]

SESSION_HOURS = 12
MAX_FAILURES = 5  # failed logins for one name (or 4x that from one address) within the window before a pause
FAILURE_WINDOW = timedelta(minutes=15)
MIN_PASSWORD = 10
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,79}$")
_hasher = PasswordHasher()
_DUMMY = _hasher.hash("a password no one has")


class LoginRefused(AllyplanError):
    """Wrong name or password (the message does not say which)."""


class TooManyAttempts(AllyplanError):
    """Too many failed logins recently; wait and try again."""


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    party: str | None
    created: datetime
    disabled: datetime | None

    @property
    def principal(self) -> Principal:
        return Principal(self.name, self.role, self.party)


def _user(x: object) -> User:
    return User(int(x.id), x.name, x.role, x.party, x.created, x.disabled)  # type: ignore[attr-defined]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Accounts:
    """The accounts of one service database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # the per-request look-ups: one statement each, in autocommit on PostgreSQL (no BEGIN and COMMIT round
        # trips), built once (SQLAlchemy then neither builds nor keys it again)
        self._quick = engine.execution_options(isolation_level="AUTOCOMMIT") \
            if engine.dialect.name == "postgresql" else engine
        self._statements: dict[tuple[str, tuple[int, ...]], Select[Any]] = {}

    def _lookup(self, kind: str, extra: Sequence[Any]) -> Select[Any]:
        key = (kind, tuple(id(c) for c in extra))
        q = self._statements.get(key)
        if q is None:
            u = t.users.c
            if kind == "session":
                s = t.web_sessions.c
                q = select(t.users, s.csrf, *extra).join(t.web_sessions, s.user_id == u.id).where(
                    s.id == bindparam("key"), s.expires > bindparam("now"), u.disabled.is_(None))
            else:
                k = t.api_tokens.c
                q = select(t.users, *extra).join(t.api_tokens, k.user_id == u.id).where(
                    k.digest == bindparam("key"), k.revoked.is_(None), u.disabled.is_(None))
            self._statements[key] = q
        return q

    def add(self, name: str, role: str, password: str, party: str | None = None) -> User:
        """Create an account. A donor or recipient liaison speaks for one party; a coordinator or viewer for none."""
        if not _NAME.match(name):
            raise AllyplanError(f"user name {name!r} is not allowed: use 1-80 letters, digits, '.', '_', '-' or '@', "
                                "starting with a letter or digit")
        if role not in ROLES:
            raise AllyplanError(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
        party = (party or "").strip().upper() or None
        if role in ("donor", "recipient") and not party:
            raise AllyplanError(f"a {role} account speaks for one party: give --party CODE (e.g. --party DE)")
        if role in ("coordinator", "viewer") and party:
            raise AllyplanError(f"a {role} account speaks for no single party: leave out --party")
        _check_password(password)
        with writing(self.engine) as conn:
            if conn.execute(select(t.users.c.id).where(t.users.c.name == name)).first() is not None:
                raise AllyplanError(f"user {name!r} exists already; choose another name or `allyplan users "
                                    "password` to change its password")
            conn.execute(insert(t.users).values(name=name, role=role, party=party,
                                                password_hash=_hasher.hash(password), created=_now()))
        return self.get(name)

    def get(self, name: str) -> User:
        with reading(self.engine) as conn:
            x = conn.execute(select(t.users).where(t.users.c.name == name)).first()
        if x is None:
            raise AllyplanError(f"no user {name!r}; `allyplan users list` shows them")
        return _user(x)

    def list(self) -> list[User]:
        with reading(self.engine) as conn:
            return [_user(x) for x in conn.execute(select(t.users).order_by(t.users.c.name))]

    def count(self, role: str | None = None) -> int:
        q = select(func.count()).select_from(t.users).where(t.users.c.disabled.is_(None))
        if role:
            q = q.where(t.users.c.role == role)
        with reading(self.engine) as conn:
            return int(conn.execute(q).scalar_one())

    def set_password(self, name: str, password: str) -> None:
        _check_password(password)
        user = self.get(name)
        with writing(self.engine) as conn:
            conn.execute(update(t.users).where(t.users.c.id == user.id).values(password_hash=_hasher.hash(password)))
            conn.execute(delete(t.web_sessions).where(t.web_sessions.c.user_id == user.id))

    def disable(self, name: str) -> None:
        """Disable an account: its sessions end and its tokens stop working (its record stays)."""
        user = self.get(name)
        with writing(self.engine) as conn:
            conn.execute(update(t.users).where(t.users.c.id == user.id).values(disabled=_now()))
            conn.execute(delete(t.web_sessions).where(t.web_sessions.c.user_id == user.id))

    # -- logging in ----------------------------------------------------------------------------------------------
    def login(self, name: str, password: str, address: str) -> User:
        """Check a name and password; failed attempts are counted and, past the limit, refused for a while."""
        since = _now() - FAILURE_WINDOW
        a = t.login_attempts.c
        with reading(self.engine) as conn:
            by_name = conn.execute(select(func.count()).where(a.name == name[:80], a.at > since)).scalar_one()
            by_addr = conn.execute(select(func.count()).where(a.address == address[:64], a.at > since)).scalar_one()
            x = conn.execute(select(t.users).where(t.users.c.name == name[:80])).first()
        if by_name >= MAX_FAILURES or by_addr >= 4 * MAX_FAILURES:
            raise TooManyAttempts(f"too many failed logins in the last {FAILURE_WINDOW.seconds // 60} minutes; "
                                  "wait a quarter of an hour, or ask a coordinator to reset the password")
        ok = False
        try:
            ok = _hasher.verify(x.password_hash if x is not None else _DUMMY, password)  # same time either way
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok or x is None or x.disabled is not None:
            with writing(self.engine) as conn:
                conn.execute(insert(t.login_attempts).values(name=name[:80], address=address[:64], at=_now()))
            raise LoginRefused("wrong user name or password; check both and try again")
        return _user(x)

    def new_session(self, user: User) -> tuple[str, str]:
        """A new session: (session id, CSRF token)."""
        sid, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = _now()
        with writing(self.engine) as conn:
            conn.execute(delete(t.web_sessions).where(t.web_sessions.c.expires < now))
            conn.execute(insert(t.web_sessions).values(id=sid, user_id=user.id, csrf=csrf, created=now,
                                                       expires=now + timedelta(hours=SESSION_HOURS)))
        return sid, csrf

    def session(self, sid: str) -> tuple[User, str] | None:
        """The user and CSRF token of a live session."""
        found = self.session_and(sid)
        return None if found is None else (found[0], found[1])

    def session_and(self, sid: str, extra: Sequence[Any] = ()) -> tuple[User, str, tuple[Any, ...]] | None:
        """The user and CSRF token of a live session, and ``extra`` columns (scalar subqueries, such as the
        service's data marks) read in the same query: one round trip to the database."""
        with reading(self._quick) as conn:
            x = conn.execute(self._lookup("session", extra), {"key": sid, "now": _now()}).first()
        return None if x is None else (_user(x), str(x.csrf), tuple(x[len(x) - len(extra):]))

    def end_session(self, sid: str) -> None:
        with writing(self.engine) as conn:
            conn.execute(delete(t.web_sessions).where(t.web_sessions.c.id == sid))

    # -- API tokens ----------------------------------------------------------------------------------------------
    def new_token(self, name: str, label: str = "") -> str:
        """A new API token for a user; it is shown once and stored only as a hash."""
        user = self.get(name)
        token = "ap_" + secrets.token_urlsafe(32)
        with writing(self.engine) as conn:
            conn.execute(insert(t.api_tokens).values(user_id=user.id, digest=_digest(token), label=label[:200],
                                                     created=_now()))
        return token

    def token_user(self, token: str) -> User | None:
        found = self.token_user_and(token)
        return None if found is None else found[0]

    def token_user_and(self, token: str, extra: Sequence[Any] = ()) -> tuple[User, tuple[Any, ...]] | None:
        """The user of a valid API token, and ``extra`` columns read in the same query (see :meth:`session_and`)."""
        with reading(self._quick) as conn:
            x = conn.execute(self._lookup("token", extra), {"key": _digest(token)}).first()
        return None if x is None else (_user(x), tuple(x[len(x) - len(extra):]))


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AllyplanError(f"the password is too short: give at least {MIN_PASSWORD} characters")
