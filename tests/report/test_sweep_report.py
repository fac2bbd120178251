"""The sweep's page and the robust plan's page, rendered from hand-made results: the figures on the cards are the
summary's, names and table cells are escaped, a chart per category appears only where a slip hurts, and an empty
sweep still renders."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pandas as pd
import pytest

from allyplan import plan
from allyplan.report.sweep_report import fan_figure, render_robust_report, render_sweep_report, tornado_figure
from allyplan.scenario import Scenario
from allyplan.sweep.results import SweepTables, coverage_fan, sensitivity_table
from allyplan.sweep.robust import RobustResult
from allyplan.sweep.saa import FirstMonth
from tests.conftest import ITEMS, make


def scenario(name: str = "test") -> Scenario:
    s = make({"items": [dict(i) for i in ITEMS],
              "stocks": [{"donor": "A", "item": "gen", "quantity": 10, "lead_months": 0}],
              "needs": [{"id": "power", "kind": "hold", "quantity": 5, "accepts": "gen"},
                        {"id": "ad", "kind": "hold", "quantity": 1, "accepts": "sys"}]}, horizon=3)
    return dataclasses.replace(s, config=s.config.model_copy(update={"name": name}))


def sweep_tables(samples: int = 4, hurt: str = "power") -> SweepTables:
    cov = [{"sample": k, "need": n, "month": m, "covered": min(1.0, 0.25 * (k + m))}
           for k in range(samples) for n in ("power", "ad") for m in range(3)]
    sens = [{"sample": k, "kind": "donor", "factor": "A", "need": hurt, "delta": 2.0} for k in range(samples)]
    return SweepTables(outcomes=pd.DataFrame({"sample": range(samples)}), coverage=pd.DataFrame(cov),
                       sensitivity=pd.DataFrame(sens, columns=["sample", "kind", "factor", "need", "delta"]),
                       draws=pd.DataFrame(), sensitivity_samples=samples)


SUMMARY = {"done": 3, "samples": 4, "seed": 7, "mode": "replan", "p_all_needs_on_time": 0.5,
           "loss": {"p10": 0.0, "p50": 12.25, "p90": 1234.5}, "nominal_loss": 3.0}


def cards(page: str) -> dict[str, str]:
    return dict(re.findall(r'<div class="card">([^<]+)<b>([^<]*)</b></div>', page))


def test_cards_show_the_summary_figures() -> None:
    page = render_sweep_report(scenario(), sweep_tables(), SUMMARY, pd.DataFrame({"need": ["power"]}))
    assert cards(page) == {"Samples": "3 of 4", "All needs on time": "50% of samples", "Loss, median": "12.2",
                           "Loss, 90th percentile": "1,234.5", "Loss of the plan as planned": "3.0"}
    assert "3 of 4 samples · re-planned for each draw · seed 7" in page
    assert "nominal plan (planned once, before the draws)" in page
    assert page.count("<script") >= 1 and "plotly" in page.lower()  # charts inline, the page works offline


def test_a_fixed_plan_sweep_says_so() -> None:
    summary = {**SUMMARY, "mode": "fixed"}
    del summary["nominal_loss"]
    page = render_sweep_report(scenario(), sweep_tables(), summary, pd.DataFrame())
    assert "one plan re-evaluated under each draw (--fixed)" in page and "Measured on the fixed plan." in page
    assert "Loss of the plan as planned" not in cards(page)


def test_names_and_cells_are_escaped_and_numbers_formatted() -> None:
    needs = pd.DataFrame({"need": ["<b>power</b>"], "unmet_mean": [1234.4], "p_on_time": [0.25],
                          "small": [0.5]})
    page = render_sweep_report(scenario("<script>alert(1)</script>"), sweep_tables(), SUMMARY, needs)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<td>&lt;b&gt;power&lt;/b&gt;</td>" in page
    assert '<td class="num">1,234</td>' in page and '<td class="num">0.25</td>' in page
    assert '<td class="num">0.5</td>' in page


def test_a_tornado_per_category_only_where_a_slip_hurts() -> None:
    page = render_sweep_report(scenario(), sweep_tables(hurt="power"), SUMMARY, pd.DataFrame())
    assert "<h3>All needs</h3>" in page
    assert "<h3>Needs for energy (power)</h3>" in page
    assert "Needs for air-defence" not in page  # A's delay adds nothing to the air-defence need
    page = render_sweep_report(scenario(), sweep_tables(hurt="ad"), SUMMARY, pd.DataFrame())
    assert "<h3>Needs for air-defence (ad)</h3>" in page and "Needs for energy" not in page


def test_an_empty_sweep_still_renders_with_its_charts_library() -> None:
    empty = SweepTables(outcomes=pd.DataFrame(), coverage=pd.DataFrame(), sensitivity=pd.DataFrame(),
                        draws=pd.DataFrame(), sensitivity_samples=0)
    page = render_sweep_report(scenario(), empty, {}, pd.DataFrame())
    assert "<p>No samples yet.</p>" in page and "<h3>" not in page
    assert cards(page)["Samples"] == "0 of 0" and cards(page)["All needs on time"] == "none yet"
    # no figure is printed as 'nan': a loss not measured yet says so
    assert cards(page)["Loss, median"] == "none yet" and cards(page)["Loss, 90th percentile"] == "none yet"
    assert "plotly" in page.lower()


def test_the_fan_has_one_panel_per_need_in_scenario_order_with_median_percent() -> None:
    s = scenario()
    fig = fan_figure(s, coverage_fan(sweep_tables()))
    assert [a.text for a in fig.layout.annotations] == ["power", "ad"]
    medians = [tr for tr in fig.data if tr.line.color == "#0969da"]
    assert len(medians) == 2 and len(fig.data) == 2 * 5  # two bands (two traces each) and the median per need
    # need 'power', sample k covers min(1, 0.25 (k + m)): the median over k = 0..3 in month 0 is 0.375 -> 37.5 %
    assert list(medians[0].x) == ["2027-01", "2027-02", "2027-03"]
    assert medians[0].y[0] == pytest.approx(37.5) and medians[0].y[2] == pytest.approx(87.5)


def test_the_tornado_puts_the_largest_mean_on_top() -> None:
    sens = pd.DataFrame({"kind": ["line", "donor"], "factor": ["L", "A"], "mean": [5.0, 1.0], "p10": [1.0, 0.0],
                         "p50": [4.0, 1.0], "p90": [9.0, 0.0], "p_hurts": [1.0, 0.5]})
    fig = tornado_figure(sens)
    bars = fig.data[0]
    assert list(bars.y) == ["donor: A", "line: L"]  # drawn bottom-up: the largest mean last, on top
    assert list(bars.base) == [0.0, 1.0] and list(bars.x) == pytest.approx([1e-9, 8.0])  # p90 - p10, never 0 wide
    assert list(fig.data[1].x) == [1.0, 5.0]
    assert len(tornado_figure(sensitivity_table(sweep_tables()), top=1).data[0].y) == 1


def test_robust_page_compares_the_candidates() -> None:
    s = scenario("<i>coalition</i>")
    p = plan(s)
    comparison = pd.DataFrame({"candidate": ["nominal", "buffered-0.8"], "loss_mean": [10.0, 2.5]})
    fm = FirstMonth({("A", "gen"): 5}, {("L", "F", "msl"): 3}, frozenset({"sys"}))
    r = RobustResult(plan=p, chosen="buffered-0.8", candidates={"nominal": p, "buffered-0.8": p},
                     comparison=comparison, losses={"nominal": np.array([10.0, 10.0]),
                                                    "buffered-0.8": np.array([2.0, 3.0])},
                     first_months={"nominal": FirstMonth(), "buffered-0.8": fm})
    page = render_robust_report(s, r)
    assert "&lt;i&gt;coalition&lt;/i&gt; — robust plan" in page
    assert "Chosen: <b>buffered-0.8</b> (least mean loss, fixed)" in page
    assert "under the\nsame 2 draws" in page
    assert "re-planned</b>" not in page and "sample-average plan (its first month" not in page
    # the first months side by side: a decision one candidate does not take is 0 for it
    rows = re.findall(r"<tr>(<td>.*?)</tr>", page.split("First month of each candidate")[1])
    cells = [re.findall(r"<td[^>]*>([^<]*)</td>", row) for row in rows]
    assert ["stock", "A", "", "gen", "0", "5"] in cells
    assert ["order", "L", "F", "msl", "0", "3"] in cells
    assert ["new platform", "", "", "sys", "0", "1"] in cells


def test_robust_page_with_replanning_has_both_panels() -> None:
    s = scenario()
    p = plan(s)
    r = RobustResult(plan=p, chosen="nominal", candidates={"nominal": p},
                     comparison=pd.DataFrame({"candidate": ["nominal"]}), losses={"nominal": np.array([1.0])},
                     replan_losses={"nominal": np.array([0.5])}, criterion="replan")
    page = render_robust_report(s, r)
    assert "(least mean loss, re-planned)" in page and "<b>re-planned</b>" in page
    assert "re-planned after the first month" in page
