"""End to end: the real `allyplan serve` (uvicorn, a worker process) on a real PostgreSQL, driven by Debian's
Chromium through Playwright. Log in as each role, import the example scenario, edit a floor as a donor, run a plan
and watch its progress, see the charts render, open an ask sheet, review a proposal. Screenshots of the main pages
go to $ALLYPLAN_ARTEFACTS (default: the test's temporary folder)."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from allyplan import example_path
from tests.databases import PG, database
from tests.web.conftest import PASSWORD, TEXT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)"),
    pytest.mark.skipif(not PG, reason="set ALLYPLAN_TEST_POSTGRES_URL: the end-to-end test runs on PostgreSQL"),
]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "allyplan", *args], capture_output=True, text=True, timeout=120,
                          check=False)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    with database("postgresql", tmp_path_factory.mktemp("e2e"), prefix="e") as url:
        yield from _serve(url, tmp_path_factory)


def _serve(url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    port = _free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    proc = None
    try:
        r = _cli("users", "add", "cell", "--role", "coordinator", "--password", PASSWORD, "--db", url)
        assert r.returncode == 0, r.stderr
        from allyplan.ledger.db import make_engine
        from allyplan.web.auth import Accounts

        accounts_engine = make_engine(url)
        for name, role, party in (("de", "donor", "DE"), ("ua", "recipient", "UA"), ("press", "viewer", None)):
            Accounts(accounts_engine).add(name, role, PASSWORD, party)
        accounts_engine.dispose()
        with log.open("w") as fh:
            proc = subprocess.Popen([sys.executable, "-m", "allyplan", "serve", "--db", url, "--port", str(port),
                                     "--workers", "1"], stdout=fh, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if httpx.get(base + "/login", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise AssertionError("the service did not start:\n" + log.read_text())
        yield base, url
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(20)


def _zip_example(tmp: Path) -> Path:
    p = tmp / "winter-air-defence.zip"
    with zipfile.ZipFile(p, "w") as z:
        for f in example_path().iterdir():
            z.write(f, f"winter-air-defence/{f.name}")
    return p


def test_the_service_in_a_browser(server: tuple[str, str], tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    base, url = server
    shots = Path(os.environ.get("ALLYPLAN_ARTEFACTS") or tmp_path) / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    outside: list[str] = []
    errors: list[str] = []

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)

        def session(name: str):  # type: ignore[no-untyped-def]
            ctx = browser.new_context(viewport={"width": 1280, "height": 900})
            ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else (
                outside.append(route.request.url), route.abort()))
            page = ctx.new_page()
            page.on("pageerror", lambda e: errors.append(f"{name}: {e}"))
            page.goto(base + "/")
            expect(page).to_have_url(f"{base}/login?next=/")
            page.fill("input[name=name]", name)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            expect(page.locator("header .who")).to_contain_text(name)
            return page

        # the coordinator imports the example scenario
        cell = session("cell")
        cell.screenshot(path=str(shots / "dashboard-empty.png"))
        expect(cell.locator("#no-pledges")).to_be_visible()  # an empty ledger: a note, not bare axes
        expect(cell.locator("#chart-pledged")).to_have_count(0)
        cell.goto(base + "/scenario")
        cell.set_input_files("input[type=file]", str(_zip_example(tmp_path)))
        cell.click("text=Import (replaces the scenario)")
        expect(cell.locator("#message")).to_contain_text("Imported as change")

        # a donor edits a floor of its own stock and sees only its own rows
        de = session("de")
        de.goto(base + "/scenario/stocks")
        rows = de.locator("#rows tr[data-rowid]")
        assert rows.count() == 9  # DE's nine stock rows, no one else's
        row = de.locator("#rows tr[data-rowid]", has=de.locator("input[value=patriot]"))
        row.locator("input[name=f_floor]").fill("5")
        row.locator("input[name=why]").fill("two units back from maintenance")
        row.locator("button", has_text="Save").click()
        expect(de.locator("#rows tr[data-rowid]", has=de.locator("input[value=patriot]"))
               .locator("input[name=f_floor]")).to_have_value("5")
        expect(de.locator("#totals")).to_be_visible()
        de.screenshot(path=str(shots / "donor-stocks.png"), full_page=True)
        de.locator("#rows tr[data-rowid]", has=de.locator("input[value=patriot]")).locator("text=history").click()
        expect(de.locator("#history tr")).to_have_count(3)  # header, the import, the edit
        expect(de.locator("#history")).to_contain_text("two units back from maintenance")

        # the coordinator runs a plan and watches its progress until it is done
        cell.goto(base + "/plans")
        cell.click("#run-plan button[type=submit]")
        expect(cell.locator("h1")).to_contain_text("Plan #")
        cell.screenshot(path=str(shots / "plan-running.png"))
        expect(cell.locator("h1 small")).to_have_text("done", timeout=60_000)
        cell.wait_for_selector("#chart-coverage[data-rendered='1'] .main-svg", timeout=20_000)
        assert cell.locator(".js-plotly-plot").count() == 3
        expect(cell.locator("#table-coverage")).to_be_visible()
        cell.screenshot(path=str(shots / "plan.png"), full_page=True)
        plan_url = cell.url
        csv = cell.request.get(plan_url + "/tables/deliveries.csv")
        assert csv.ok and csv.text().startswith("donor,")

        # the coordinator runs an uncertainty sweep (8 draws, re-planned by a worker) and sees its charts
        cell.goto(base + "/sweeps")
        cell.fill("#run-sweep input[name=samples]", "8")
        cell.click("#run-sweep button[type=submit]")
        expect(cell.locator("h1")).to_contain_text("Sweep #")
        expect(cell.locator("h1 small")).to_have_text("done", timeout=120_000)
        cell.wait_for_selector("#chart-fan[data-rendered='1'] .main-svg", timeout=20_000)
        cell.wait_for_selector("#chart-tornado[data-rendered='1'] .main-svg", timeout=20_000)
        expect(cell.locator("#sweep-summary")).to_contain_text("8 of 8 samples")
        expect(cell.locator("#table-needs")).to_be_visible()
        cell.screenshot(path=str(shots / "sweep.png"), full_page=True)

        # the donor opens its ask sheet; it sees coverage but not the deliveries of others
        de.goto(plan_url)
        expect(de.locator("#table-coverage")).to_be_visible()
        assert de.locator("#table-deliveries").count() == 0
        de.click("#my-asks")
        expect(de.locator("h1")).to_contain_text("Ask sheet: DE")
        assert de.locator("#asks tr").count() > 1
        de.screenshot(path=str(shots / "ask-sheet.png"), full_page=True)

        # the coordinator reviews an ingested proposal: a policy statement becomes a proposed scenario row
        from allyplan.ingest import ingest_text
        from allyplan.ledger import Ledger

        doc, records = ingest_text(TEXT, "https://example.org/kyiv").for_ledger()
        doc.update(url="https://example.org/kyiv", title="Aid news", published="2026-11-20")
        with Ledger(url) as led:
            stored = led.propose(doc, records, who="ingest")
            kinds = {p: led.proposal(p)["kind"] for p in stored.proposals}
        policy = next(p for p, k in kinds.items() if k == "policy")
        cell.goto(base + "/review")
        cell.screenshot(path=str(shots / "review.png"), full_page=True)
        cell.click(f"#proposals a[href='/review/{policy}']")
        expect(cell.locator("#evidence")).to_contain_text("humanitarian")
        cell.click("#accept button[type=submit]")
        expect(cell.locator("#message")).to_contain_text("proposed to the scenario")
        cell.goto(base + "/scenario")
        expect(cell.locator("#proposed")).to_contain_text("no-military-aid")
        cell.locator("#proposed button", has_text="Approve").first.click()
        cell.goto(base + "/scenario/policies")
        expect(cell.locator("#rows input[value=no-military-aid]")).to_have_count(1)

        # the recipient sees needs but not stocks; the viewer sees the dashboard
        ua = session("ua")
        ua.goto(base + "/scenario/needs")
        expect(ua.locator("#rows input[value=area-air-defence]")).to_have_count(1)
        ua.goto(base + "/scenario/stocks")
        expect(ua.locator("#error")).to_have_attribute("data-code", "not_found")
        # a pledge entered from another process (as `allyplan ledger add` would): the service hears of it through
        # the database's notice, even for the coordinator's session whose dashboard it has kept
        from allyplan.ledger import Ledger

        with Ledger(url) as led:
            led.add(donor="DE", item="iris-t-slm", quantity=2, announced="2026-10-01", who="cli",
                    source="https://example.org/de")
        press = session("press")
        press.wait_for_selector("#chart-pledged[data-rendered='1'] .main-svg", timeout=20_000)
        cell.goto(base + "/")
        cell.wait_for_selector("#chart-pledged[data-rendered='1'] .main-svg", timeout=20_000)
        cell.wait_for_selector("#chart-coverage[data-rendered='1'] .main-svg", timeout=20_000)
        cell.screenshot(path=str(shots / "dashboard.png"), full_page=True)
        browser.close()

    assert not outside, f"pages asked for something outside the service: {outside[:5]}"
    assert not errors, errors
    assert (shots / "plan.png").stat().st_size > 20_000
    # the whole plan as a workbook, over the API with a token
    from allyplan.ledger.db import make_engine
    from allyplan.web.auth import Accounts

    engine = make_engine(url)
    token = Accounts(engine).new_token("cell", "e2e")
    engine.dispose()
    jobs = httpx.get(base + "/api/v1/plans", headers={"Authorization": f"Bearer {token}"}).json()
    r = httpx.get(f"{base}/api/v1/plans/{jobs[0]['id']}/plan.xlsx", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200
    sheets = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    assert any("sheet" in s for s in sheets)
