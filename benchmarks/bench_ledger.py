"""Ledger benchmark: import a million pledge events into SQLite and PostgreSQL, then time the reports.

For each database, on this machine:
  1. ``allyplan ledger import`` of a generated CSV of N pledges (one ``add`` event each; a third of them with
     deliveries recorded), in a fresh process, as a user runs it: wall time, events per second, peak memory;
  2. the same import again (a re-import changes nothing), and a newer release of the file with 5% of the rows
     revised (recorded as ``update`` events);
  3. the reports, as library calls on the filled ledger: by donor, category, item and month, as of a month's end
     and since/until whole months (read from the monthly rollups), as of and since a day inside a month (a scan
     of the states), one entry as of a date, and one entry's history.
Targets (issue 3): import >= 50,000 events/s into SQLite; every report < 1 s at 1,000,000 events.

With ``--kiel-rows N`` it instead generates a workbook of N rows in the Kiel tracker's current layout (sheet
"Bilateral Assistance, MAIN DATA", the tracker's columns) and, for each database, times a bare insert of the same
rows (sqlite3 ``executemany`` into a table of text columns; PostgreSQL ``COPY``) beside ``allyplan ledger import
--preset kiel`` of the workbook in a fresh process (wall time, rows per second, peak memory). Targets (issue 14):
within 3x of the bare insert, at least 100,000 rows/s on SQLite, at most 500 MB for 1M rows.
The data are synthetic (illustrative); figures are measured in the same run.

    python benchmarks/bench_ledger.py [--rows 1000000] [--postgres postgresql://postgres@127.0.0.1/test]
    python benchmarks/bench_ledger.py --kiel-rows 400000 [--postgres ...]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pandas as pd

DONORS = ["US", "DE", "GB", "FR", "IT", "CA", "ES", "NL", "PL", "SE", "NO", "DK", "RO", "BE", "FI", "CZ", "EE",
          "LV", "LT", "PT", "GR", "SK", "SI", "HR", "BG", "LU", "IS", "AL", "ME", "MK"]
ITEMS = ["patriot", "pac-3-mse", "pac-2-gem-t", "nasams", "aim-120-amraam", "iris-t-slm", "iris-t-slm-missile",
         "samp-t", "aster-30", "gepard", "ammo-35mm-gepard", "mistral", "stinger", "leopard-1a5", "leopard-2a4",
         "leopard-2a6", "shell-155mm", "pzh-2000", "caesar", "generator", "transformer", "medical-kit"]


def make_file(path: Path, n: int, seed: int = 0, revise: float = 0.0) -> Path:
    rng = np.random.default_rng(seed)
    q = rng.integers(1, 50, n)
    delivered = np.where(rng.random(n) < 1 / 3, rng.integers(0, 50, n) % (q + 1), 0)
    days = pd.Timestamp("2022-02-24") + pd.to_timedelta(rng.integers(0, 1700, n), unit="D")
    df = pd.DataFrame({"key": [f"k{i}" for i in range(n)], "donor": np.array(DONORS)[rng.integers(0, len(DONORS), n)],
                       "item": np.array(ITEMS)[rng.integers(0, len(ITEMS), n)], "quantity": q, "delivered": delivered,
                       "announced": days.strftime("%Y-%m-%d"),
                       "status": np.where(delivered == q, "delivered", "committed")})
    if revise:
        rng2 = np.random.default_rng(seed + 1)
        sel = rng2.random(n) < revise
        df.loc[sel, "quantity"] = df.loc[sel, "quantity"] + 1
        df.loc[sel, "status"] = "committed"
    df.to_csv(path, index=False)
    return path


KIEL_COLUMNS = ["", "activity_id", "sub_activity_id", "donor", "announcement_date", "month", "month_exists_dummy",
                "aid_type_general", "aid_type_specific", "measure", "reporting_currency", "source_reported_value",
                "explanation", "item", "item_type", "item_numb", "item_numb_deliv", "item_price_USD",
                "item_value_estimate_USD", "tot_activity_value_EUR", "tot_sub_activity_value_EUR",
                "tot_sub_activity_value_EUR_redistr", "tot_value_deliv_EUR", "Source of Aid 1", "Source of Aid 2",
                "Source of Aid 3"]
KIEL_DONORS = ["Germany", "United States", "United Kingdom", "France", "Italy", "Canada", "Spain", "Netherlands",
               "Poland", "Sweden", "Norway", "Denmark", "EU (Commission and Council)", "Turkiye", "AUS",
               "European Peace Facility"]


def kiel_columns(n: int, seed: int = 0) -> list[np.ndarray]:
    """N rows in the current layout, a column at a time (text): allocations per sub-activity, commitments at the
    activity level, a few undated rows and corrections, "." for unknown (illustrative figures)."""
    rng = np.random.default_rng(seed)
    month = rng.integers(0, 52, n)
    day = pd.Timestamp("2021-12-01") + pd.to_timedelta(month * 30 + rng.integers(0, 28, n), unit="D")
    commitment = rng.random(n) < 0.2
    value = np.round(rng.lognormal(16, 2, n), 2) * np.where(rng.random(n) < 0.01, -1, 1)
    count = rng.integers(1, 100, n)
    i = np.arange(n)

    def const(v: str) -> np.ndarray:
        return np.full(n, v, dtype=object)

    def text(a: np.ndarray) -> np.ndarray:
        return a.astype(str).astype(object)

    v = np.char.mod("%.2f", value).astype(object)
    donors = np.array(KIEL_DONORS, dtype=object)
    return [const(""), "A" + text(i // 3), text(i % 3 + 1), donors[i % len(KIEL_DONORS)],
            np.where(month > 0, day.strftime("%Y-%m-%d").to_numpy(dtype=object), "."), text(month),
            np.where(month > 0, "1", "0").astype(object),
            np.array(["Military", "Financial", "Humanitarian "], dtype=object)[i % 3], const("Weapons and equipment"),
            np.where(commitment, "Commitment", "Allocation").astype(object), const("EUR"), v, const("Package"),
            np.where(i % 7 == 0, "IRIS-T SLM", ".").astype(object), const("Air defence"),
            np.where(i % 5 != 0, text(count), "undisclosed").astype(object), const("."), const("."), const("."), v,
            np.where(commitment, "0", v).astype(object), v, const("."), "https://example.org/" + text(i),
            const("."), const(".")]


def kiel_rows(n: int, seed: int = 0) -> list[list[str]]:
    """N rows in the current layout (see :func:`kiel_columns`), one list of text cells per row."""
    return [list(r) for r in zip(*kiel_columns(n, seed), strict=True)]


def kiel_workbook(path: Path, rows: list[list[str]]) -> Path:
    """The rows on the main-data sheet of a workbook laid out like a release, as openpyxl's write-only mode writes
    it (every cell an inline string), the sheet's XML written a block of rows at a time with numpy (openpyxl
    takes about 2 ms a row: 35 minutes for a million rows on a loaded machine)."""
    import zipfile
    from xml.sax.saxutils import escape

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for name in ("ReadMe", "Updates and Corrections"):
        wb.create_sheet(name).append(["Illustrative benchmark data"])
    ws = wb.create_sheet("Bilateral Assistance, MAIN DATA")
    ws.append(KIEL_COLUMNS)
    tmp = path.with_suffix(".tmp.xlsx")
    wb.save(tmp)
    part = "xl/worksheets/sheet3.xml"
    letters = [chr(65 + i) for i in range(len(KIEL_COLUMNS))]
    with zipfile.ZipFile(tmp) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != part:
                out.writestr(info, src.read(info.filename))
                continue
            head, tail = src.read(part).decode().split("</sheetData>")
            with out.open(part, "w") as f:
                f.write(head.encode())
                for start in range(0, len(rows), 50_000):
                    block = rows[start:start + 50_000]
                    nums = np.arange(start + 2, start + 2 + len(block)).astype(str).astype(object)
                    xml = '<row r="' + nums + '">'
                    for j, cells in enumerate(zip(*block, strict=True)):
                        c = np.array([escape(x) for x in cells], dtype=object)
                        xml = xml + np.where(c == "", '<c r="' + letters[j] + nums + '" t="inlineStr"></c>',
                                             '<c r="' + letters[j] + nums + '" t="inlineStr"><is><t>' + c
                                             + "</t></is></c>")
                    f.write(("".join(xml + "</row>")).encode())
                f.write(("</sheetData>" + tail).encode())
    tmp.unlink()
    return path


def bare_insert(url: str, rows: list[list[str]]) -> float:
    """Seconds to insert ``rows`` as they are (text columns, no checks) with the driver's fastest bulk path."""
    cols = ", ".join(f"c{i} TEXT" for i in range(len(KIEL_COLUMNS)))
    if url.startswith("sqlite"):
        import sqlite3

        con = sqlite3.connect(url.split(":///", 1)[1])
        con.execute(f"CREATE TABLE bare ({cols})")
        t0 = time.perf_counter()
        con.executemany(f"INSERT INTO bare VALUES ({', '.join('?' * len(KIEL_COLUMNS))})", rows)
        con.commit()
        wall = time.perf_counter() - t0
        con.close()
        return wall
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database,
                         options=str(u.query.get("options", ""))) as con, con.cursor() as cur:
        cur.execute(f"CREATE TABLE bare ({cols})")
        t0 = time.perf_counter()
        with cur.copy("COPY bare FROM STDIN") as cp:
            for r in rows:
                cp.write_row(r)
        con.commit()
        return time.perf_counter() - t0


def bench_kiel(name: str, url: str, book: Path, rows: list[list[str]], bare_url: str) -> dict[str, object]:
    env = {**os.environ, "ALLYPLAN_DATABASE_URL": url, "ALLYPLAN_USER": "bench"}
    bare = bare_insert(bare_url, rows)
    cpu: list[float] = []
    wall, peak = run([sys.executable, "-m", "allyplan", "ledger", "import", str(book), "--preset", "kiel",
                      "--date", "2026-05-01"], env, cpu)
    n = len(rows)
    return {"database": name, "rows": n, "bare_insert_s": round(bare, 2), "bare_rows_per_s": round(n / bare),
            "import_s": round(wall, 2), "import_cpu_s": round(cpu[0], 2), "import_rows_per_s": round(n / wall),
            "x_bare": round(wall / bare, 1), "peak_rss_mb": round(peak),
            "load_avg": open("/proc/loadavg").read().split()[0]}


#: Runs a command as its child and prints that child's exit code, CPU seconds and peak memory (KB). A child
#: forked by this benchmark, which holds the generated rows, would start with the benchmark's memory as its peak
#: (Linux keeps the high-water mark of the memory a process had before ``exec``); one forked by this small
#: process starts from this process's few MB, as one started from a shell does.
_MEASURE = """
import json, os, subprocess, sys
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, r = os.wait4(p.pid, 0)
print(json.dumps([os.waitstatus_to_exitcode(status), r.ru_utime + r.ru_stime, r.ru_maxrss]))
"""


def run(args: list[str], env: dict[str, str], cpu: list[float] | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of a command, its own (see :data:`_MEASURE`); its CPU seconds appended to
    ``cpu`` (they depend less on what else the machine runs than the wall time)."""
    t0 = time.perf_counter()
    got = subprocess.run([sys.executable, "-c", _MEASURE, *args], env=env, check=True, capture_output=True,
                         text=True).stdout
    wall = time.perf_counter() - t0
    code, cpu_s, peak_kb = json.loads(got)
    if code:
        raise subprocess.CalledProcessError(code, args)
    if cpu is not None:
        cpu.append(cpu_s)
    return wall, peak_kb / 1024.0


def timed(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def bench(name: str, url: str, first: Path, newer: Path, n: int) -> dict[str, object]:
    from allyplan.ledger import Ledger

    env = {**os.environ, "ALLYPLAN_DATABASE_URL": url, "ALLYPLAN_USER": "bench"}
    imp = [sys.executable, "-m", "allyplan", "ledger", "import"]
    wall, peak = run([*imp, str(first)], env)
    again, _ = run([*imp, str(first)], env)
    revise_wall, _ = run([*imp, str(newer), "--date", "2026-11-01"], env)
    out: dict[str, object] = {"database": name, "events": n, "import_s": round(wall, 2),
                              "events_per_s": round(n / wall), "peak_rss_mb": round(peak),
                              "reimport_s": round(again, 2), "revision_import_s": round(revise_wall, 2)}
    with Ledger(url) as led:
        counts = led.count()
        out["revisions"] = counts["events"] - n
        reports = {}
        for by in ("donor", "category", "item", "month"):
            reports[f"report_by_{by}_s"] = round(timed(lambda by=by: led.report(by)), 3)
        reports["report_by_donor_as_of_s"] = round(timed(lambda: led.report("donor", as_of="2024-06-30")), 3)
        reports["report_since_until_s"] = round(timed(lambda: led.report("month", since="2024-01-01",
                                                                             until="2024-12-31")), 3)
        # cuts inside a month scan the states instead of the monthly rollups
        reports["report_as_of_mid_month_s"] = round(timed(lambda: led.report("donor", as_of="2024-06-15")), 3)
        reports["report_since_mid_month_s"] = round(timed(lambda: led.report("item", since="2024-06-15")), 3)
        reports["entry_as_of_s"] = round(timed(lambda: led.entry(n // 2, as_of="2026-01-01")), 4)
        reports["history_s"] = round(timed(lambda: led.history(n // 2)), 4)
        out.update(reports)
        total = led.report("donor").iloc[-1]
        out["pledged_eur_bn"] = round(float(total["pledged_eur"]) / 1e9, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--postgres", default=os.environ.get("ALLYPLAN_TEST_POSTGRES_URL", ""),
                    help="PostgreSQL URL (default: $ALLYPLAN_TEST_POSTGRES_URL; empty: SQLite only)")
    ap.add_argument("--kiel-rows", type=int, default=0, help="benchmark a Kiel workbook of this many rows instead")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    results = kiel_main(a.kiel_rows, a.postgres) if a.kiel_rows else main_rows(a.rows, a.postgres)
    print(f"# ledger benchmark — {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")
    keys = list(results[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for r in results:
        print("| " + " | ".join(str(r.get(k, "")) for k in keys) + " |")
    if a.json:
        a.json.write_text(json.dumps(results, indent=2))


def schema_url(base: str) -> tuple[str, str]:
    """A fresh schema on the PostgreSQL server at ``base``: (its URL, its name)."""
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    from sqlalchemy import create_engine, text

    eng = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with eng.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    eng.dispose()
    sep = "&" if "?" in base else "?"
    return base + sep + "options=" + quote(f"-csearch_path={schema}"), schema


def drop_schema(base: str, schema: str) -> None:
    from sqlalchemy import create_engine, text

    eng = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
    with eng.begin() as c:
        c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    eng.dispose()


_READ = """
import json, sys, time
from pathlib import Path
book, how = Path(sys.argv[1]), sys.argv[2]
sheet = "Bilateral Assistance, MAIN DATA"
t = time.process_time()
if how == "streamed":
    from allyplan.ledger.xlsx_stream import iter_blocks
    n = sum(len(r) for r, _ in iter_blocks(book, sheet))
else:
    from python_calamine import CalamineWorkbook
    n = len(CalamineWorkbook.from_path(str(book)).get_sheet_by_name(sheet).to_python(skip_empty_area=False))
# this process's own peak (VmHWM): ru_maxrss would count the benchmark's memory, which it had before exec
peak = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM:"))
print(json.dumps([n, time.process_time() - t, peak // 1024]))
"""


def read_compare(book: Path) -> dict[str, object]:
    """Reading the main-data sheet alone, calamine (the whole sheet) against the streamed reader, alternately in
    fresh processes: CPU seconds and peak memory of each (the best of two)."""
    out: dict[str, list[tuple[float, int]]] = {"calamine": [], "streamed": []}
    for _ in range(2):
        for how in out:
            _n, cpu, mb = json.loads(subprocess.run([sys.executable, "-c", _READ, str(book), how], check=True,
                                                   capture_output=True, text=True).stdout)
            out[how].append((cpu, mb))
    return {f"read {how} (CPU s, MB)": f"{min(c for c, _ in v):.2f} s, {min(m for _, m in v)} MB"
            for how, v in out.items()}


def kiel_main(n: int, postgres: str) -> list[dict[str, object]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        t0 = time.perf_counter()
        rows = kiel_rows(n)
        book = kiel_workbook(t / "kiel.xlsx", rows)
        print(f"generated a {n:,}-row workbook in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        reading = read_compare(book)
        print(json.dumps(reading), file=sys.stderr)
        results.append(bench_kiel("sqlite", f"sqlite:///{t / 'ledger.db'}", book, rows, f"sqlite:///{t / 'bare.db'}")
                       | reading)
        print(json.dumps(results[-1]), file=sys.stderr)
        if postgres:
            url, schema = schema_url(postgres)
            bare_url, bare_schema = schema_url(postgres)
            try:
                results.append(bench_kiel("postgresql", url, book, rows, bare_url))
            finally:
                drop_schema(postgres, schema)
                drop_schema(postgres, bare_schema)
    return results


def main_rows(n: int, postgres: str) -> list[dict[str, object]]:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        t0 = time.perf_counter()
        first = make_file(t / "pledges.csv", n)
        newer = make_file(t / "pledges-newer.csv", n, revise=0.05)
        print(f"generated {n:,} rows in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        results.append(bench("sqlite", f"sqlite:///{t / 'ledger.db'}", first, newer, n))
        print(json.dumps(results[-1]), file=sys.stderr)
        if postgres:
            url, schema = schema_url(postgres)
            try:
                results.append(bench("postgresql", url, first, newer, n))
            finally:
                drop_schema(postgres, schema)
    return results


if __name__ == "__main__":
    main()
