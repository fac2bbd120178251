"""Bad input refused with a message (never stored, never a traceback), readers that never wait for a writer,
events that cannot be rewritten and a chain that shows when they were."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from allyplan.cli import app
from allyplan.ledger import Ledger, LedgerError, LedgerInputError, LedgerMissing
from allyplan.ledger.db import PG_LOCK

runner = CliRunner()


def refused(fn: object, field: str | None = None) -> LedgerInputError:
    with pytest.raises(LedgerInputError) as e:
        fn()  # type: ignore[operator]
    assert field is None or any(p.field == field for p in e.value.problems), e.value.problems
    return e.value


def test_absurd_and_non_finite_values_are_refused(ledger: Ledger) -> None:
    value_only = ledger.add(donor="DE", category="military", value=100, announced="2025-06-12")
    units = ledger.add(donor="DE", item="iris-t-slm", quantity=2, value=1e6, announced="2025-06-12")
    e = refused(lambda: ledger.deliver(value_only, 0, value=1_000_000), "delivered_value")
    assert "1,000,000%" in str(e)
    refused(lambda: ledger.deliver(value_only, 3), "delivered")
    refused(lambda: ledger.deliver(units, 2, value=1e12))
    refused(lambda: ledger.deliver(units, 1, value=float("inf")), "value")
    refused(lambda: ledger.add(donor="DE", category="x", value=1e308, announced="2025-01-01"), "value")
    refused(lambda: ledger.add(donor="DE", category="x", value="inf", announced="2025-01-01"), "value")
    s = ledger.entry(value_only)
    assert (s.delivered, s.delivered_value) == (0.0, None)
    assert ledger.count()["events"] == 2


def test_dates_far_outside_are_refused_not_a_traceback(ledger: Ledger) -> None:
    refused(lambda: ledger.add(donor="DE", category="x", value=1, announced="0001-01-01"), "announced")
    refused(lambda: ledger.report(until="9999-12-31"), "--until")
    refused(lambda: ledger.report(as_of="9999-12-31"), "--as-of")


def test_the_same_text_limits_on_both_backends_before_writing(ledger: Ledger) -> None:
    refused(lambda: ledger.add(donor="DE", category="x", value=1, announced="2025-01-01", key="k" * 201), "key")
    refused(lambda: ledger.add(donor="DE", category="c" * 65, value=1, announced="2025-01-01"), "category")
    refused(lambda: ledger.add(donor="DE", category="x", value=1, announced="2025-01-01", who="w" * 201), "who")
    assert ledger.count()["events"] == 0


def test_a_constraint_failure_says_what_is_wrong_not_busy(ledger: Ledger) -> None:
    ledger.add(donor="DE", category="x", value=1, announced="2025-01-01", key="K1")
    with pytest.raises(LedgerError) as e:
        ledger.add(donor="DE", category="x", value=1, announced="2025-01-01", key="K1")
    assert "unique" in str(e.value) and "busy" not in str(e.value) and "will not help" in str(e.value)


def test_nul_byte_late_in_a_csv_and_encodings(ledger: Ledger, tmp_path: Path) -> None:
    late = tmp_path / "late-nul.csv"
    late.write_bytes(b"donor,announced,category,value\n" + b"DE,2025-01-01,x,1\n" * 600 + b"DE,2025-01-01,\x00,1\n")
    e = refused(lambda: ledger.import_file(late))
    assert "NUL" in str(e) and e.problems[0].row == 602
    cyr = tmp_path / "cp1251.csv"
    cyr.write_bytes("donor,announced,category,value,description\n"
                    "DE,2025-01-01,humanitarian,5,Гуманітарна допомога для Харкова та області\n"
                    "PL,2025-02-01,humanitarian,7,Медичні засоби для лікарень Києва\n".encode("cp1251"))
    r = ledger.import_file(cyr)
    assert r.encoding == "cp1251" and any("cp1251" in w.message for w in r.warnings)
    assert "Харкова" in set(ledger.entries()["description"].dropna().str.cat(sep=" ").split())
    wide = tmp_path / "utf16.csv"
    wide.write_text("donor,announced,category,value,description\nDE,2025-03-01,military,9,Flugabwehr für Kyjiw\n",
                    encoding="utf-16")
    r = ledger.import_file(wide)
    assert r.encoding == "utf-16" and len(r.added) == 1
    assert "Flugabwehr für Kyjiw" in set(ledger.entries()["description"])


def test_readers_do_not_wait_for_a_writer(db_url: str) -> None:
    Ledger(db_url).close()
    if db_url.startswith("sqlite"):
        holder = sqlite3.connect(db_url.split(":///", 1)[1], isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # a long import holds the write lock
    else:
        eng = create_engine(db_url)
        conn = eng.connect()
        conn.execute(text(f"SELECT pg_advisory_lock({PG_LOCK})"))
    try:
        t0 = time.perf_counter()
        with Ledger(db_url, create=False) as led:
            led.report()
            led.entries()
        assert time.perf_counter() - t0 < 10  # the lock wait is 30 s: a reader that queued would take that long
    finally:
        if db_url.startswith("sqlite"):
            holder.execute("ROLLBACK")
            holder.close()
        else:
            conn.execute(text(f"SELECT pg_advisory_unlock({PG_LOCK})"))
            conn.close()
            eng.dispose()


def test_a_write_that_must_wait_says_so(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    Ledger(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    told: list[str] = []

    def release(msg: str) -> None:
        told.append(msg)
        holder.execute("ROLLBACK")  # the other writer finishes while this one waits

    with Ledger(path, waiting=release) as led:
        led.add(donor="DE", category="x", value=1, announced="2025-01-01")
        assert len(told) == 1 and "waiting up to 30 s" in told[0] and led.count()["entries"] == 1
    holder.close()


def test_events_cannot_be_changed_and_the_chain_shows_tampering(ledger: Ledger) -> None:
    n = ledger.add(donor="DE", item="iris-t-slm", quantity=30, announced="2025-06-12")
    ledger.deliver(n, 12, at="2025-09-01")
    assert ledger.verify().ok
    for sql in ("UPDATE events SET data = '{}' WHERE entry = :n", "DELETE FROM events WHERE entry = :n"):
        with pytest.raises(DBAPIError, match="append-only"), ledger.engine.begin() as c:
            c.execute(text(sql), {"n": n})
    assert ledger.entry(n).delivered == 12
    # someone who can drop the trigger (the owner) rewrites a delivery: verify names the event
    with ledger.engine.begin() as c:
        if c.dialect.name == "postgresql":
            c.execute(text("ALTER TABLE events DISABLE TRIGGER events_no_change"))
        else:
            c.execute(text("DROP TRIGGER events_no_update"))
        c.execute(text("UPDATE events SET data = :d WHERE entry = :n AND seq = 2"),
                  {"d": json.dumps({"quantity": 30.0}), "n": n})
    v = ledger.verify()
    assert not v.ok and v.bad_event is not None and f"entry {n}, #2 deliver" in v.bad_event
    assert v.bad_state is not None and "delivered" in v.bad_state


def test_damaged_database_files(tmp_path: Path) -> None:
    junk = tmp_path / "random.db"
    junk.write_bytes(os.urandom(8192))
    with pytest.raises(LedgerError, match="not a ledger database"):
        Ledger(junk)
    good = tmp_path / "good.db"
    with Ledger(good) as led:
        led.add(donor="DE", category="x", value=1, announced="2025-01-01")
    (tmp_path / "cut.db").write_bytes(good.read_bytes()[:3000])
    r = runner.invoke(app, ["ledger", "report", "--db", str(tmp_path / "cut.db")])
    assert r.exit_code == 2 and "Traceback" not in r.output and "error:" in r.output


def test_a_postgresql_search_path_naming_a_missing_schema(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    bad = db_url.split("?", 1)[0] + "?options=-csearch_path%3Dno_such_schema"
    with pytest.raises(LedgerError, match=r"search_path"):
        Ledger(bad)


def test_cli_read_only_commands_never_create_a_ledger(tmp_path: Path) -> None:
    where = tmp_path / "no" / "such" / "dir" / "l.db"
    r = runner.invoke(app, ["ledger", "list", "--db", str(where)])
    assert r.exit_code == 2 and str(where) in r.output and "allyplan ledger add" in r.output
    assert not (tmp_path / "no").exists()
    r = runner.invoke(app, ["ledger", "report", "--db", ""])
    assert r.exit_code == 2 and "--db is empty" in r.output
    with pytest.raises(LedgerMissing):
        Ledger(where, create=False)
    db = ["--db", str(tmp_path / "l.db")]
    r = runner.invoke(app, ["ledger", "add", "--donor", "DE", "--category", "=cmd|' /C calc'!A0", "--value",
                            "53280611.22", "--announced", "2025-06-12", *db])
    assert r.exit_code == 0 and "Created a new ledger" in r.output
    r = runner.invoke(app, ["ledger", "add", "--donor", "DE", "--category", "x", "--value", "1", "--announced",
                            "2025-06-12", *db])
    assert "Created a new ledger" not in r.output
    assert "value=53280611.22" in runner.invoke(app, ["ledger", "history", "1", *db]).output
    r = runner.invoke(app, ["ledger", "report", "--until", "9999-12-31", *db])
    assert r.exit_code == 2 and "no report was made" in r.output and "nothing was written" not in r.output
    listed = runner.invoke(app, ["ledger", "list", "--format", "csv", *db]).output
    assert ",'=cmd|" in listed and ",=cmd" not in listed
    assert json.loads(runner.invoke(app, ["ledger", "list", "--format", "json", *db]).output)[0]["entry"] == 1
    report = tmp_path / "r.xlsx"
    runner.invoke(app, ["ledger", "report", "--by", "category", "--format", "xlsx", "--out", str(report), *db])
    cells = [c.value for row in load_workbook(report).active.iter_rows() for c in row]
    assert "'=cmd|' /c calc'!a0" in cells and not any(isinstance(c, str) and c.startswith("=") for c in cells)
    assert runner.invoke(app, ["ledger", "verify", *db]).exit_code == 0


def test_cli_every_problem_on_request(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("donor,announced,category,value\n" + "Atlantis,2025-01-01,x,1\n" * 250)
    db = ["--db", str(tmp_path / "l.db")]
    r = runner.invoke(app, ["ledger", "import", str(bad), *db])
    assert r.exit_code == 2 and "and 50 more" in r.output and "nothing was imported" in r.output
    r = runner.invoke(app, ["ledger", "import", str(bad), "--problems", "all", *db])
    assert r.output.count("unknown party") == 250
    out = tmp_path / "problems.csv"
    runner.invoke(app, ["ledger", "import", str(bad), "--problems", str(out), *db])
    assert len(out.read_text().splitlines()) == 251


def test_a_ledger_in_a_read_only_folder_can_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "l.db"
    with Ledger(path) as led:
        led.add(donor="DE", category="x", value=5, announced="2025-01-01")
    # a read-only folder (the tests run as root, whom chmod does not stop: the check is made to say so)
    monkeypatch.setattr("allyplan.ledger.db.os.access", lambda _p, mode: not mode & os.W_OK)
    for name in ("l.db-wal", "l.db-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    with Ledger(path, create=False) as led:
        assert led.report().iloc[-1]["pledged_eur"] == 5
        with pytest.raises(LedgerError, match="read-only"):
            led.add(donor="DE", category="x", value=1, announced="2025-01-01")
    assert not (tmp_path / "l.db-wal").exists()


def test_the_documented_postgresql_roles(db_url: str) -> None:
    """The application role of docs/ledger.md records and reads, and can neither change events nor drop their
    triggers."""
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    import uuid
    from urllib.parse import quote

    Ledger(db_url).close()  # the owner creates the tables
    owner = create_engine(db_url)
    with owner.connect() as c:
        schema = c.execute(text("SELECT current_schema()")).scalar()
    role = f"app_{uuid.uuid4().hex[:10]}"
    with owner.begin() as c:
        c.execute(text(f"CREATE ROLE {role} LOGIN"))
        c.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {role}"))
        c.execute(text(f"GRANT SELECT, INSERT ON events TO {role}"))
        c.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON states, rollups, counters, imports, documents, "
                       f"proposals, rates, parties, items TO {role}"))
        c.execute(text(f"GRANT SELECT ON alembic_version TO {role}"))
        c.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {role}"))
    try:
        host = db_url.split("://", 1)[1].split("@", 1)[-1].split("?", 1)[0]
        app_url = f"postgresql+psycopg://{role}@{host}?options=" + quote(f"-csearch_path={schema}")
        with Ledger(app_url, create=False) as led:
            n = led.add(donor="DE", category="x", value=5, announced="2025-01-01")
            led.deliver(n, 0, value=2, at="2025-02-01")
            assert led.entry(n).delivered_value == 2 and led.verify().ok
            for sql in ("ALTER TABLE events DISABLE TRIGGER events_no_change", "UPDATE events SET who = 'x'"):
                with pytest.raises(DBAPIError, match=r"owner|permission denied"), led.engine.begin() as c:
                    c.execute(text(sql))
    finally:
        with owner.begin() as c:
            c.execute(text(f"DROP OWNED BY {role}"))
            c.execute(text(f"DROP ROLE {role}"))
        owner.dispose()
