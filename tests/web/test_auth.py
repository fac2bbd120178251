"""Accounts on their own, against a real database (SQLite, and PostgreSQL when configured): what a name, role,
party and password must be, logging in and the pause after repeated failures, sessions, API tokens, and what
disabling an account or changing its password ends."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, select, update

from allyplan import service_tables as t
from allyplan.errors import AllyplanError
from allyplan.ledger.db import make_engine, migrate, resolve_url
from allyplan.ledger.write import _now
from allyplan.web import auth
from allyplan.web.auth import (
    FAILURE_WINDOW,
    MAX_FAILURES,
    MIN_PASSWORD,
    Accounts,
    LoginRefused,
    TooManyAttempts,
)

PASSWORD = "correct horse battery"
_n = itertools.count()


def fresh(prefix: str = "u") -> str:
    """A user name (or address) no other test in this module's shared database uses."""
    return f"{prefix}{next(_n)}"


@pytest.fixture(scope="module")
def engine(service_db: str) -> Iterator[Engine]:
    e = make_engine(resolve_url(service_db))
    migrate(e)
    yield e
    e.dispose()


@pytest.fixture
def accounts(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Accounts:
    # argon2 as in production, with its cost turned down: the rules tested here are not the hash's strength, and
    # the rate-limit tests check two dozen passwords
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    monkeypatch.setattr(auth, "_hasher", cheap)
    monkeypatch.setattr(auth, "_DUMMY", cheap.hash("a password no one has"))
    return Accounts(engine)


@pytest.mark.parametrize("name", ["", " bob", "bob smith", "-bob", "a" * 81, "bob;drop", "bøb"])
def test_a_name_that_is_not_allowed_is_refused_naming_it(accounts: Accounts, name: str) -> None:
    with pytest.raises(AllyplanError, match=f"user name {name!r} is not allowed: use 1-80 letters"):
        accounts.add(name, "viewer", PASSWORD)


def test_roles_and_parties_must_agree(accounts: Accounts) -> None:
    with pytest.raises(AllyplanError, match="unknown role 'admin': choose one of coordinator, donor, recipient, "
                                            "viewer"):
        accounts.add(fresh(), "admin", PASSWORD)
    with pytest.raises(AllyplanError, match=r"a donor account speaks for one party: give --party CODE"):
        accounts.add(fresh(), "donor", PASSWORD)
    with pytest.raises(AllyplanError, match=r"a recipient account speaks for one party"):
        accounts.add(fresh(), "recipient", PASSWORD, party="  ")
    with pytest.raises(AllyplanError, match=r"a coordinator account speaks for no single party: leave out --party"):
        accounts.add(fresh(), "coordinator", PASSWORD, party="DE")
    u = accounts.add(fresh(), "donor", PASSWORD, party=" de ")
    assert u.party == "DE" and u.role == "donor" and u.disabled is None
    assert u.principal.party == "DE" and u.principal.role == "donor" and u.principal.name == u.name


def test_a_short_password_and_a_taken_name_are_refused(accounts: Accounts) -> None:
    with pytest.raises(AllyplanError, match=f"the password is too short: give at least {MIN_PASSWORD} characters"):
        accounts.add(fresh(), "viewer", "x" * (MIN_PASSWORD - 1))
    name = fresh()
    accounts.add(name, "viewer", "x" * MIN_PASSWORD)  # exactly the minimum is enough
    with pytest.raises(AllyplanError, match=f"user '{name}' exists already"):
        accounts.add(name, "coordinator", PASSWORD)
    assert accounts.get(name).role == "viewer"  # the refused second add changed nothing
    with pytest.raises(AllyplanError, match="no user 'nobody-at-all'; `allyplan users list` shows them"):
        accounts.get("nobody-at-all")


def test_the_password_is_stored_only_as_a_hash(accounts: Accounts, engine: Engine) -> None:
    name = fresh()
    accounts.add(name, "viewer", PASSWORD)
    with engine.connect() as c:
        stored = c.execute(select(t.users.c.password_hash).where(t.users.c.name == name)).scalar_one()
    assert PASSWORD not in stored and stored.startswith("$argon2")


def test_count_and_list(accounts: Accounts) -> None:
    before, before_donors = accounts.count(), accounts.count("donor")
    a, b = fresh(), fresh()
    accounts.add(a, "donor", PASSWORD, party="PL")
    accounts.add(b, "viewer", PASSWORD)
    assert accounts.count() == before + 2 and accounts.count("donor") == before_donors + 1
    accounts.disable(a)
    assert accounts.count() == before + 1 and accounts.count("donor") == before_donors  # disabled ones don't count
    names = [u.name for u in accounts.list()]
    assert a in names and b in names and names == sorted(names)  # listed, disabled included, by name


def test_logging_in(accounts: Accounts) -> None:
    name, addr = fresh(), fresh("10.0.0.")
    accounts.add(name, "recipient", PASSWORD, party="UA")
    assert accounts.login(name, PASSWORD, addr).name == name
    # wrong password and unknown name: the same words, so a caller cannot tell which names exist
    with pytest.raises(LoginRefused) as wrong:
        accounts.login(name, PASSWORD + "!", addr)
    with pytest.raises(LoginRefused) as unknown:
        accounts.login(fresh("ghost"), PASSWORD, addr)
    assert str(wrong.value) == str(unknown.value) == "wrong user name or password; check both and try again"


def test_repeated_failures_pause_logins_for_that_name(accounts: Accounts, engine: Engine) -> None:
    name, other = fresh(), fresh()
    for n in (name, other):
        accounts.add(n, "viewer", PASSWORD)
    for _ in range(MAX_FAILURES):
        with pytest.raises(LoginRefused):
            accounts.login(name, "wrong password", fresh("a"))
    # the limit is reached: even the right password is refused for now, from any address
    with pytest.raises(TooManyAttempts, match="too many failed logins in the last 15 minutes; wait a quarter"):
        accounts.login(name, PASSWORD, fresh("a"))
    assert accounts.login(other, PASSWORD, fresh("a")).name == other  # another account is not affected
    # failures older than the window no longer count
    with engine.begin() as c:
        c.execute(update(t.login_attempts).where(t.login_attempts.c.name == name)
                  .values(at=_now() - FAILURE_WINDOW - timedelta(minutes=1)))
    assert accounts.login(name, PASSWORD, fresh("a")).name == name


def test_repeated_failures_from_one_address_pause_it(accounts: Accounts) -> None:
    addr = fresh("192.0.2.")
    target = fresh()
    accounts.add(target, "viewer", PASSWORD)
    for _ in range(4 * MAX_FAILURES):  # one failure per name: no name reaches its own limit
        with pytest.raises(LoginRefused):
            accounts.login(fresh("guess"), "wrong password", addr)
    with pytest.raises(TooManyAttempts):
        accounts.login(target, PASSWORD, addr)
    assert accounts.login(target, PASSWORD, fresh("192.0.2.")).name == target  # from elsewhere: fine


def test_sessions_live_until_they_end_or_expire(accounts: Accounts, engine: Engine) -> None:
    name = fresh()
    user = accounts.add(name, "coordinator", PASSWORD)
    sid, csrf = accounts.new_session(user)
    sid2, csrf2 = accounts.new_session(user)
    assert sid != sid2 and csrf != csrf2 and len(sid) >= 40
    found = accounts.session(sid)
    assert found is not None and found[0].name == name and found[1] == csrf
    assert accounts.session("not-a-session") is None
    accounts.end_session(sid)
    assert accounts.session(sid) is None and accounts.session(sid2) is not None  # only that one ends
    with engine.begin() as c:
        c.execute(update(t.web_sessions).where(t.web_sessions.c.id == sid2).values(expires=_now() - timedelta(1)))
    assert accounts.session(sid2) is None
    # a new session clears the expired ones away
    accounts.new_session(user)
    with engine.connect() as c:
        assert c.execute(select(t.web_sessions.c.id).where(t.web_sessions.c.id == sid2)).first() is None


def test_session_and_reads_extra_columns_in_the_same_query(accounts: Accounts) -> None:
    user = accounts.add(fresh(), "viewer", PASSWORD)
    sid, _ = accounts.new_session(user)
    found = accounts.session_and(sid, [t.web_sessions.c.created, t.web_sessions.c.expires])
    assert found is not None
    created, expires = found[2]
    assert expires - created == timedelta(hours=12)


def test_api_tokens(accounts: Accounts, engine: Engine) -> None:
    name = fresh()
    accounts.add(name, "donor", PASSWORD, party="NL")
    token = accounts.new_token(name, "ci " * 100)
    assert token.startswith("ap_") and len(token) > 40
    u = accounts.token_user(token)
    assert u is not None and u.name == name and u.party == "NL"
    assert accounts.token_user(token + "x") is None and accounts.token_user("") is None
    with engine.connect() as c:
        row = c.execute(select(t.api_tokens).where(t.api_tokens.c.label.like("ci %"))).first()
    assert row is not None and token not in (row.digest, row.label) and len(row.label) == 200  # label cut to fit
    other = accounts.new_token(name)
    with engine.begin() as c:
        c.execute(update(t.api_tokens).where(t.api_tokens.c.id == row.id).values(revoked=_now()))
    assert accounts.token_user(token) is None and accounts.token_user(other) is not None
    found = accounts.token_user_and(other, [t.api_tokens.c.label])
    assert found is not None and found[1] == ("",)
    with pytest.raises(AllyplanError, match="no user 'nobody-at-all'"):
        accounts.new_token("nobody-at-all")


def test_disabling_an_account_ends_its_sessions_tokens_and_logins(accounts: Accounts) -> None:
    name = fresh()
    user = accounts.add(name, "coordinator", PASSWORD)
    sid, _ = accounts.new_session(user)
    token = accounts.new_token(name)
    accounts.disable(name)
    assert accounts.session(sid) is None and accounts.token_user(token) is None
    assert accounts.get(name).disabled is not None  # its record stays
    with pytest.raises(LoginRefused):
        accounts.login(name, PASSWORD, fresh("a"))
    # and a session made for it afterwards is not honoured either
    assert accounts.session(accounts.new_session(user)[0]) is None


def test_a_new_password_ends_the_sessions_but_not_the_tokens(accounts: Accounts) -> None:
    name = fresh()
    user = accounts.add(name, "viewer", PASSWORD)
    sid, _ = accounts.new_session(user)
    token = accounts.new_token(name)
    with pytest.raises(AllyplanError, match="the password is too short"):
        accounts.set_password(name, "short")
    assert accounts.session(sid) is not None  # the refused change ended nothing
    accounts.set_password(name, "another long password")
    assert accounts.session(sid) is None and accounts.token_user(token) is not None
    with pytest.raises(LoginRefused):
        accounts.login(name, PASSWORD, fresh("a"))
    assert accounts.login(name, "another long password", fresh("a")).name == name
