"""Service benchmark: the real `allyplan serve` on PostgreSQL with a million ledger events, under concurrent clients.

On this machine, in one run:
  1. a fresh PostgreSQL schema gets N ledger events (``Ledger.import_file`` of a generated file of N pledges, as
     ``benchmarks/bench_ledger.py`` makes it; synthetic, illustrative), then ANALYZE (what autovacuum does a minute
     after a bulk load), the example scenario and an account;
  2. ``allyplan serve`` starts in its own process (uvicorn, one plan worker process);
  3. C concurrent clients (kept-alive HTTP/1.1 connections written by hand on asyncio streams in this process, on
     loopback, no pause between requests) call the dashboard, ledger pages and their API calls for S seconds, each
     client going round the six addresses; latency percentiles and errors are reported per address and overall,
     with the processor time per request of the service's processes, of its PostgreSQL backends and of this load
     generator (from /proc, the idle service's own use taken off): a figure that other work on the machine
     inflates far less than latencies;
  4. plan jobs of the example scenario: time from POST /api/v1/plans to the job's state being done (polled every
     20 ms); the median of R runs, and the processor time per job. (Without the ledger as baseline: the synthetic
     million pledges would make the plan another, far larger problem than the example scenario.)
Steps 2-4 run once for each number of web processes asked for (default: 1, then 2).
Targets (issue 11): p95 < 100 ms and p99 < 300 ms with no errors at 50 clients for 60 s over 1,000,000 events;
a plan job of the example scenario done within 3 s of being queued.

    python benchmarks/bench_service.py [--events 1000000] [--clients 50] [--seconds 60] [--plans 5]
        [--web-processes 1,2] [--postgres postgresql://postgres@127.0.0.1:5432/test] [--json out.json]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import numpy as np
from sqlalchemy import create_engine, text

from allyplan import example_path
from allyplan.ledger import Ledger
from allyplan.ledger.db import make_engine
from allyplan.scenario_store import ScenarioStore
from allyplan.web.auth import Accounts

PASSWORD = "benchmark password"
PAGES = ["/", "/ledger", "/ledger?donor=DE&status=committed"]
API = ["/api/v1/dashboard", "/api/v1/ledger/entries", "/api/v1/ledger/entries?donor=DE&status=committed"]


def _pg(base: str) -> str:
    return base.replace("postgresql://", "postgresql+psycopg://", 1) if base.startswith("postgresql://") else base


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fill(url: str, events: int, tmp: Path) -> dict[str, float]:
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_ledger import make_file  # the ledger benchmark's generated pledges

    t0 = time.perf_counter()
    with Ledger(url) as led:
        led.import_file(make_file(tmp / "pledges.csv", events))
        counted = led.count()
        with led.engine.begin() as conn:  # table statistics, as autovacuum gathers them a minute after a bulk load
            for table in ("events", "states", "rollups"):
                conn.execute(text(f"ANALYZE {table}"))
    t1 = time.perf_counter()
    st = ScenarioStore(url)
    st.import_path(example_path(), who="bench")
    st.close()
    engine = make_engine(url)
    acc = Accounts(engine)
    acc.add("cell", "coordinator", PASSWORD)
    token = acc.new_token("cell", "bench")
    engine.dispose()
    return {"events": counted["events"], "entries": counted["entries"], "fill_s": t1 - t0, "token": token}  # type: ignore


def login(base: str) -> str:
    with httpx.Client(base_url=base) as c:
        r = c.get("/login")
        csrf = r.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
        r = c.post("/login", data={"name": "cell", "password": PASSWORD, "csrf": csrf})
        return str(c.cookies["allyplan_session"])


async def _get(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    """One GET on a kept-alive connection: its status (the body read and dropped)."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    fields = {k.strip().lower(): v.strip() for k, _, v in (x.partition(b":") for x in lines[1:] if x)}
    if b"content-length" in fields:
        await reader.readexactly(int(fields[b"content-length"]))
    elif fields.get(b"transfer-encoding", b"").lower() == b"chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip().split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    if fields.get(b"connection", b"").lower() == b"close":
        raise ConnectionResetError("the service closed the connection")
    return status


async def load(base: str, token: str, session: str, clients: int, seconds: float) -> dict[str, list[tuple[float, int]]]:
    """``clients`` connections, each sending its next request as soon as the last is answered, for ``seconds``.

    The requests are written by hand on kept-alive HTTP/1.1 connections (asyncio streams): a full client library
    (httpx) took 2-6 ms of processor time per request on the cores the service was measured on, more than the
    service itself."""
    results: dict[str, list[tuple[float, int]]] = {u: [] for u in PAGES + API}
    host, port = base.removeprefix("http://").split(":")
    reqs = {u: (f"GET {u} HTTP/1.1\r\nHost: {host}:{port}\r\n" + (
        f"Authorization: Bearer {token}\r\n" if u.startswith("/api/") else f"Cookie: allyplan_session={session}\r\n")
        + "\r\n").encode() for u in PAGES + API}
    end = time.perf_counter() + seconds

    async def client(i: int) -> None:
        k = i
        conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        while time.perf_counter() < end:
            u = (PAGES + API)[k % 6]
            k += 1
            t = time.perf_counter()
            try:
                if conn is None:
                    conn = await asyncio.wait_for(asyncio.open_connection(host, int(port)), 30)
                status = await asyncio.wait_for(_get(*conn, reqs[u]), 30)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
                status = 0
                if conn is not None:
                    conn[1].close()
                conn = None
            results[u].append((time.perf_counter() - t, status))
        if conn is not None:
            conn[1].close()

    await asyncio.gather(*(client(i) for i in range(clients)))
    return results


def plan_latency(base: str, token: str, use_ledger: bool, runs: int) -> list[float]:
    out = []
    h = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=h, timeout=60) as c:
        for _ in range(runs):
            t0 = time.perf_counter()
            job = c.post("/api/v1/plans", json={"use_ledger": use_ledger}).json()
            while True:
                j = c.get(f"/api/v1/plans/{job['id']}").json()
                if j["state"] not in ("queued", "running"):
                    break
                time.sleep(0.02)
            if j["state"] != "done":
                raise SystemExit(f"plan job {job['id']} ended {j['state']}: {j.get('error')}")
            out.append(time.perf_counter() - t0)
    return out


_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
APP_NAME = "allyplan-bench"
PREPARE_WAIT = 3.0


def _cpu_of(pid: int) -> float:
    """User + system seconds of one process and of its children that have ended and been waited for (a plan job's
    child process); 0 if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return sum(int(x) for x in fields[11:15]) / _TICK


def _tree(pid: int) -> list[int]:
    """A process and all its descendants (Linux /proc)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        for task in Path(f"/proc/{p}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo += [int(x) for x in (task / "children").read_text().split()]
    return out


def _backends(url: str) -> list[int]:
    """The PostgreSQL server processes serving the benchmark's service (its connections' application_name)."""
    eng = create_engine(url.split("?", 1)[0])
    try:
        with eng.connect() as c:
            return [int(x) for x in c.execute(text("SELECT pid FROM pg_stat_activity WHERE application_name = :a"),
                                              {"a": APP_NAME}).scalars()]
    finally:
        eng.dispose()


class CpuMeter:
    """Processor seconds used by the service's processes, its PostgreSQL backends and this load generator.

    Backends come and go (the pool's overflow connections close when returned), so a thread samples them every
    half second: a backend counts from its first sample, or from zero if it started after the meter did."""

    def __init__(self, serve_pid: int, url: str) -> None:
        import threading

        self.pid, self.url = serve_pid, url
        self._first: dict[int, float] = {}
        self._last: dict[int, float] = {}
        self._started = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        while not self._started:
            time.sleep(0.01)

    def _sample(self) -> None:
        while True:
            for pid in _backends(self.url):
                cpu = _cpu_of(pid)
                self._first.setdefault(pid, cpu if not self._started else 0.0)
                self._last[pid] = cpu
            self._started = True
            if self._stop.wait(0.5):
                return

    def postgres(self) -> float:
        return sum(self._last[p] - self._first[p] for p in self._last)

    def read(self) -> dict[str, float]:
        return {"service": sum(_cpu_of(p) for p in _tree(self.pid)), "postgres": self.postgres(),
                "client": time.process_time()}

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


def cpu_per_request(before: dict[str, float], after: dict[str, float], idle_rate: dict[str, float], wall: float,
                    requests: int) -> dict[str, float]:
    """Milliseconds of processor time per request: (used during the load - idle use over as long) / requests.
    PostgreSQL's share counts only backends alive at both readings (new ones from their start): approximate."""
    n = max(requests, 1)
    return {k: round(1000 * max(0.0, after[k] - before[k] - idle_rate.get(k, 0.0) * wall) / n, 3) for k in after}


def pct(xs: list[float], q: float) -> float:
    return float(np.percentile(np.array(xs) * 1000, q)) if xs else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--plans", type=int, default=5)
    ap.add_argument("--postgres", default=os.environ.get("ALLYPLAN_TEST_POSTGRES_URL",
                                                         "postgresql://postgres@127.0.0.1:5432/test"))
    ap.add_argument("--web-processes", type=lambda v: [int(x) for x in v.split(",")], default=[1, 2],
                    help="comma-separated: run the load once with each number of web processes (default 1,2)")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(_pg(a.postgres))
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in a.postgres else "?"
    url = _pg(a.postgres) + sep + "options=" + quote(f"-csearch_path={schema}")
    report: dict[str, object] = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                    "note": "shared with other work while measured; the load generator runs on the same cores"},
        "clients": a.clients, "seconds": a.seconds, "runs": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            print(f"filling {a.events:,} ledger events into PostgreSQL schema {schema} ...", flush=True)
            filled = fill(url, a.events, Path(tmp))
            report.update(events=filled["events"], entries=filled["entries"], fill_s=round(float(filled["fill_s"]), 1))
            print(f"  {filled['events']:,} events, {filled['entries']:,} entries in {filled['fill_s']:.1f} s",
                  flush=True)
            for n in a.web_processes:
                run = measure(url, str(filled["token"]), n, a, Path(tmp))
                report["runs"].append(run)  # type: ignore[attr-defined]
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
    if a.json:
        a.json.write_text(json.dumps(report, indent=2, default=float) + "\n")


def measure(url: str, token: str, processes: int, a: argparse.Namespace, tmp: Path) -> dict[str, object]:
    """Start the service with ``processes`` web processes, load it, time plan jobs, stop it."""
    port = _port()
    base = f"http://127.0.0.1:{port}"
    log = tmp / f"serve-{processes}.log"
    with log.open("w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "allyplan", "serve", "--db",
                                 url + "&application_name=" + APP_NAME, "--port", str(port),
                                 "--workers", "1", "--web-processes", str(processes)], stdout=fh,
                                stderr=subprocess.STDOUT)
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/login", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("the service did not start:\n" + log.read_text())
        session = login(base)
        plan_latency(base, token, False, 1)  # a plan to show on the dashboard, and a warm worker
        asyncio.run(load(base, token, session, 5, 3.0))  # warm-up
        meter = CpuMeter(proc.pid, url)
        c0, t0 = meter.read(), time.perf_counter()
        time.sleep(5.0)  # the idle service's own use (plan workers polling the queue), taken off the figures below
        c1 = meter.read()
        idle = {k: (c1[k] - c0[k]) / (time.perf_counter() - t0) for k in c1 if k != "client"}
        t0 = time.perf_counter()
        one = asyncio.run(load(base, token, session, 1, 10.0))
        _, alone = summarise(one, time.perf_counter() - t0)
        time.sleep(0.6)  # the backends' last sample
        alone["cpu_ms"] = cpu_per_request(c1, meter.read(), idle, time.perf_counter() - t0, int(alone["requests"]))
        print(f"\n{processes} web process(es): one client alone for 10 s: {alone['requests']} requests, p50 "
              f"{alone['p50_ms']:.1f} ms, p95 {alone['p95_ms']:.1f} ms (the time one request takes to serve); "
              f"load average {_loadavg()}")
        print(f"{processes} web process(es): {a.clients} clients for {a.seconds:.0f} s ...", flush=True)
        c0, t0 = meter.read(), time.perf_counter()
        res = asyncio.run(load(base, token, session, a.clients, a.seconds))
        wall = time.perf_counter() - t0
        rows, total = summarise(res, wall)
        time.sleep(0.6)  # the backends' last sample
        total["cpu_ms"] = cpu_per_request(c0, meter.read(), idle, wall, int(total["requests"]))
        meter.close()
        total["loadavg"] = _loadavg()
        print(f"{'address':52} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
        for r in [*rows, total]:
            print(f"{r['address']:52} {r['requests']:>9,} {r['errors']:>7} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} "
                  f"{r['p99_ms']:>8.1f}")
        ok = total["p95_ms"] < 100 and total["p99_ms"] < 300 and total["errors"] == 0
        print(f"throughput {total['requests_per_s']:.0f} requests/s; targets p95 < 100 ms, p99 < 300 ms, no errors: "
              f"{'met' if ok else 'NOT met'}; load average {total['loadavg']}", flush=True)
        for label, cpu in (("one client", alone["cpu_ms"]), (f"{a.clients} clients", total["cpu_ms"])):
            print(f"processor time per request ({label}): service {cpu['service']:.2f} ms, its PostgreSQL backends "
                  f"{cpu['postgres']:.2f} ms, this load generator {cpu['client']:.2f} ms", flush=True)
        time.sleep(PREPARE_WAIT)  # the idle worker prepares the current scenario, as it would between two plans
        meter = CpuMeter(proc.pid, url)
        c0, t0 = meter.read(), time.perf_counter()
        plans = plan_latency(base, token, False, a.plans)
        wall = time.perf_counter() - t0
        time.sleep(0.6)
        plan_cpu = cpu_per_request(c0, meter.read(), idle, wall, len(plans))  # ms per job
        meter.close()
        print(f"plan job of the example scenario, queued to done: median {statistics.median(plans):.2f} s "
              f"({', '.join(f'{x:.2f}' for x in plans)}); target 3 s: "
              f"{'met' if statistics.median(plans) < 3 else 'NOT met'}; load average {_loadavg()}; processor time "
              f"per plan job: service {plan_cpu['service'] / 1000:.2f} s (worker, its job child and the polling "
              f"requests), PostgreSQL {plan_cpu['postgres'] / 1000:.2f} s", flush=True)
    finally:
        proc.terminate()
        proc.wait(30)
    return {"web_processes": processes, "one_client": alone, "by_address": rows, "all": total, "plan_s": plans,
            "plan_median_s": statistics.median(plans), "plan_cpu_ms": plan_cpu}


def summarise(res: dict[str, list[tuple[float, int]]], wall: float) -> tuple[list[dict[str, object]],
                                                                           dict[str, Any]]:
    rows: list[dict[str, object]] = []
    every: list[float] = []
    errors = 0
    for u, xs in res.items():
        lat = [x for x, _ in xs]
        bad = sum(1 for _, s in xs if s != 200)
        errors += bad
        every += lat
        rows.append({"address": u, "requests": len(xs), "errors": bad, "p50_ms": pct(lat, 50),
                     "p95_ms": pct(lat, 95), "p99_ms": pct(lat, 99)})
    total = {"address": "all", "requests": len(every), "errors": errors, "p50_ms": pct(every, 50),
             "p95_ms": pct(every, 95), "p99_ms": pct(every, 99), "requests_per_s": len(every) / wall}
    return rows, total  # type: ignore[return-value]


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


if __name__ == "__main__":
    main()
