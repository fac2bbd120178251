"""The HTML report in a real browser (Debian's Chromium), at 800 and 1400 px: it opens offline, draws each of
its charts, and no table cell is cut or runs off the page. Screenshots are kept in ``test-artifacts/report/``."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from allyplan import example_path, load_scenario, plan
from allyplan.generate import generate_scenario
from allyplan.plan_files import write_plan
from allyplan.report.html_report import MAX_NEED_ROWS_IN_CHARTS

CHROMIUM = os.environ.get("ALLYPLAN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update"]
CHARTS = ("coverage", "timeline", "months", "burden")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")

# Every cell whose content is wider than the cell, and every table box wider than the page, as text.
_CUT = """() => {
  const out = [];
  for (const el of document.querySelectorAll('td, th')) {
    if (el.scrollWidth > el.clientWidth + 1) out.push('cell: ' + el.textContent.slice(0, 60));
  }
  for (const el of document.querySelectorAll('.scroll')) {
    if (el.scrollWidth > el.clientWidth + 1) out.push('table wider than its box: ' +
      el.querySelector('th').textContent);
  }
  if (document.documentElement.scrollWidth > window.innerWidth) out.push('page scrolls sideways');
  return out;
}"""


@pytest.fixture(scope="module", params=["example", "generated"])
def report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The shipped example, and a generated case with more needs than the heat map shows one by one."""
    s = load_scenario(example_path()) if request.param == "example" else generate_scenario(
        donors=8, items=40, needs=MAX_NEED_ROWS_IN_CHARTS + 20, months=12, seed=1)
    out = write_plan(plan(s, time_limit=20), tmp_path_factory.mktemp("report") / "plan")
    return request.param, out / "report.html"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def artifacts(request: pytest.FixtureRequest) -> Path:
    d = Path(request.config.rootpath) / "test-artifacts" / "report"
    d.mkdir(parents=True, exist_ok=True)
    return d


@pytest.mark.parametrize("width", [800, 1400])
def test_report_renders_every_chart_and_no_cell_is_cut(report: tuple[str, Path], browser: Any, artifacts: Path,
                                                      width: int) -> None:
    name, path = report
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:")
               else route.continue_())  # offline: the report must need nothing from the network
    page.goto(path.as_uri())
    for details in page.locator("details").all():
        details.evaluate("d => d.open = true")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 4", timeout=20_000)
    def chart(section: str) -> Any:
        return page.locator(f"h2#{section} ~ .chart").first

    for chart_id in CHARTS:
        box = chart(chart_id).locator(".js-plotly-plot").bounding_box()
        assert box is not None and 200 <= box["width"] <= width and box["height"] >= 150, (chart_id, box)
    assert chart("coverage").locator(".heatmaplayer image").count() == 1  # the heat map is drawn
    assert chart("timeline").locator(".scatterlayer .point").count() > 30  # arrivals
    assert chart("months").locator(".bars path").count() > 10
    assert chart("burden").locator(".bars path").count() > 10
    assert page.evaluate(_CUT) == []
    rows = chart("coverage").locator(".ytick")
    if name == "example":
        assert page.locator("td", has_text="21 of 25 in service by 2027-09; 4 short: FR keeps 4 SAMP/T system").count()
        assert page.locator("summary", has_text="Germany (DE)").count() == 1
        assert rows.count() == 14  # one heat-map row per need
    else:
        labels = [r.text_content() for r in rows.all()]  # one row per priority
        assert 1 <= len(labels) <= 10 and all(x.startswith("priority ") for x in labels), labels
    shot = artifacts / f"report-{name}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    page.close()
    assert not errors, errors
    assert shot.stat().st_size > 50_000
