"""Nothing lost: two writers at once, and a process killed in the middle of an import."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, text

from allyplan.ledger import Ledger

WRITER = textwrap.dedent("""
    import sys
    from allyplan.ledger import Ledger, LedgerBusy
    url, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ok = busy = 0
    with Ledger(url) as led:
        for i in range(n):
            try:
                led.add(donor="DE", item="patriot", quantity=1, announced="2025-01-01", description=f"{name}-{i}",
                        who=name)
                e = led.entries(limit=1)
                led.deliver(int(e["entry"].iloc[0]), 0, at="2025-02-01", who=name)
                ok += 1
            except LedgerBusy as err:
                assert "try again" in str(err) or "run the command again" in str(err)
                busy += 1
    print(ok, busy)
""")


def test_two_writers_at_once_both_succeed(db_url: str, tmp_path: Path) -> None:
    Ledger(db_url).close()  # create the schema first, as a deployed ledger would have it
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    procs = [subprocess.Popen([sys.executable, str(script), db_url, name, "25"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    results = [p.communicate(timeout=300) for p in procs]
    for p, (_out, err) in zip(procs, results, strict=True):
        assert p.returncode == 0, err
    oks = [int(out.split()[0]) for out, _ in results]
    with Ledger(db_url) as led:
        df = led.entries()
        assert len(df) == sum(oks) and df["entry"].is_unique
        assert led.count()["events"] == 2 * sum(oks)
    assert sum(oks) == 50  # with a 30 s busy timeout neither writer had to give up


def _big_file(path: Path, rows: int) -> Path:
    with path.open("w") as f:
        f.write("donor,item,quantity,announced,key\n")
        for i in range(rows):
            f.write(f"DE,patriot,{i % 7 + 1},2025-{i % 12 + 1:02d}-01,k{i}\n")
    return path


def _writing(db_url: str, tmp_path: Path) -> bool:
    if db_url.startswith("sqlite"):
        wal = Path(db_url.split(":///", 1)[1] + "-wal")
        try:
            return wal.stat().st_size > 4_000_000
        except FileNotFoundError:  # not yet created, or removed when a connection closed
            return False
    eng = create_engine(db_url)
    try:
        with eng.connect() as c:
            return bool(c.execute(text("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' "
                                       "AND query LIKE 'COPY %'")).scalar())
    finally:
        eng.dispose()


def test_killed_import_leaves_the_ledger_as_before(db_url: str, tmp_path: Path) -> None:
    with Ledger(db_url) as led:
        led.add(donor="FR", item="samp-t", quantity=1, announced="2025-01-01")
        before = led.count()
        report_before = led.report()
    big = _big_file(tmp_path / "big.csv", 60_000)
    env = {**os.environ, "ALLYPLAN_DATABASE_URL": db_url}
    proc = subprocess.Popen([sys.executable, "-m", "allyplan", "ledger", "import", str(big)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    caught = False
    while time.monotonic() < deadline and proc.poll() is None:
        if _writing(db_url, tmp_path):
            proc.send_signal(signal.SIGKILL)
            caught = True
            break
        time.sleep(0.01)
    proc.wait(timeout=60)
    if not caught:
        pytest.fail(f"the import finished before it could be killed mid-write (exit {proc.returncode})")
    if not db_url.startswith("sqlite"):
        time.sleep(0.5)  # let the server notice the dropped connection and roll back
    with Ledger(db_url) as led:
        assert led.count() == before
        pd.testing.assert_frame_equal(led.report(), report_before)
        r = led.import_file(big)  # and the same import, run again, goes through
        assert len(r.added) == 60_000
