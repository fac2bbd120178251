"""The HTML report in a real browser: it opens offline, draws its three charts and shows the plan's tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from allyplan import example_path, load_scenario, plan
from allyplan.plan_files import write_plan

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_report_renders_charts_and_tables_offline(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    out = write_plan(plan(load_scenario(example_path())), tmp_path / "plan")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:")
                   else route.continue_())  # offline: the report must need nothing from the network
        page.goto((out / "report.html").as_uri())
        page.wait_for_selector(".plotly .main-svg", timeout=15_000)
        assert page.locator(".js-plotly-plot").count() == 3
        assert page.locator("text=Why needs remain short").count() == 1
        assert page.locator("td", has_text="area-air-defence").count() >= 1
        page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        browser.close()
    assert not errors, errors
    assert (tmp_path / "report.png").stat().st_size > 10_000
