"""The independent verifier: a plan that keeps every rule passes; a plan that breaks any one rule is caught,
naming the rule. Small hand-made scenario whose plan is known, tampered with one rule at a time."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from allyplan import AllyplanError, example_path, load_scenario, plan
from allyplan.plan_files import write_plan
from allyplan.scenario import Scenario
from allyplan.verify import verify_plan, verify_plan_dir
from tests.conftest import make

ITEMS = [
    {"id": "sys", "name": "system", "category": "air-defence", "kind": "system", "lethal": "true",
     "unit_value_eur": "100"},
    {"id": "msl", "name": "interceptor", "category": "air-defence", "kind": "interceptor", "lethal": "true",
     "unit_value_eur": "1", "requires": "sys"},
    {"id": "gen", "name": "generator", "category": "energy", "kind": "equipment", "lethal": "false",
     "unit_value_eur": "1"},
]
TABLES: dict[str, list[dict[str, str]]] = {
    "items": ITEMS,
    "stocks": [{"donor": "A", "item": "sys", "quantity": "4", "floor": "1", "lead_months": "1"},
               {"donor": "B", "item": "sys", "quantity": "5", "floor": "0", "lead_months": "1"},
               {"donor": "B", "item": "gen", "quantity": "10", "floor": "0", "lead_months": "1"}],
    "production": [{"line": "l1", "producer": "A", "item": "msl", "per_month": "5", "unit_cost_eur": "1",
                    "lead_months": "1"},
                   {"line": "l2", "producer": "B", "item": "msl", "per_month": "5", "unit_cost_eur": "1",
                    "lead_months": "1"}],
    "funds": [{"fund": "f", "donor": "A", "amount_eur": "100", "lines": "l1"}],
    "needs": [{"id": "n1", "kind": "hold", "quantity": "2", "due": "2027-03", "accepts": "sys:1", "priority": "5"},
              {"id": "n2", "kind": "flow", "per_month": "3", "from": "2027-04", "to": "2027-06", "accepts": "msl"},
              {"id": "n3", "kind": "hold", "quantity": "20", "accepts": "gen"}],
    "policies": [{"party": "B", "rule": "forbid-category", "value": "air-defence"}],
    "pledges": [{"donor": "A", "item": "sys", "quantity": "1", "month": "2027-01", "status": "committed"}],
}


def scenario(table: str = "", row: int = 0, **values: str) -> Scenario:
    """The scenario, with one cell of one table changed (a stricter scenario the plan was not made for)."""
    t = {k: [dict(r) for r in v] for k, v in TABLES.items()}
    if table:
        t[table][row].update(values)
    return make(t)


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = plan(scenario())
    # the plan these tests tamper with: A ships 1 sys (plus its pledge of 1), line l1 makes 4 + 5 msl paid by
    # fund f, B ships its 10 gen and n3 stays 10 short
    d = p.deliveries
    assert sorted(zip(d["item"], d["source"], d["quantity"], strict=True)) == [
        ("gen", "stock", 10), ("msl", "l1", 4), ("msl", "l1", 5), ("sys", "stock", 1)]
    return write_plan(p, tmp_path_factory.mktemp("verify") / "plan", report=False, workbook=False)


@pytest.fixture
def folder(planned: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(planned, tmp_path / "plan"))


def tamper(folder: Path, table: str, where: Callable[[pd.DataFrame], Any], **values: str) -> None:
    f = folder / f"{table}.csv"
    t = pd.read_csv(f, dtype=str, keep_default_na=False)
    rows = t.index[where(t)]
    assert len(rows), f"nothing to tamper with in {table}"
    for k, v in values.items():
        t.loc[rows, k] = v
    t.to_csv(f, index=False)


def rules(s: Scenario, folder: Path) -> set[str]:
    return {v.rule for v in verify_plan_dir(s, folder).violations}


def test_the_plan_keeps_every_rule(planned: Path) -> None:
    s = scenario()
    rep = verify_plan_dir(s, planned)
    assert rep.ok, rep.violations
    assert rep.checked == {"deliveries": 4, "baseline": 1, "coverage": 15}
    assert verify_plan(s, plan(s)).ok


SYS = lambda t: t["item"] == "sys"  # noqa: E731
MSL = lambda t: t["item"] == "msl"  # noqa: E731
GEN = lambda t: t["item"] == "gen"  # noqa: E731


@pytest.mark.parametrize(("table", "where", "values", "rule"), [
    ("deliveries", SYS, {"quantity": "3"}, "1 floor"),  # 4 held, floor 1, 1 owed: 2 may go
    ("deliveries", SYS, {"donor": "B"}, "2 policy"),  # B sends no air defence
    ("deliveries", lambda t: MSL(t) & (t["quantity"] == "5"), {"ship_month": "2027-02", "arrive_month": "2027-03"},
     "3 capacity"),  # 9 from l1 in one month, capacity 5
    ("deliveries", lambda t: MSL(t) & (t["quantity"] == "4"), {"source": "l2"}, "3 funds"),  # f buys from l1 only
    ("deliveries", MSL, {"source": "l9"}, "3 capacity"),  # no such line
    ("deliveries", GEN, {"source": "l1"}, "3 funds"),  # from a line, paid by no fund
    ("deliveries", SYS, {"fund": "f"}, "3 funds"),  # from stock, paid by a fund
    ("deliveries", SYS, {"arrive_month": "2027-04"}, "4 lead time"),  # shipped 2027-02, lead 1
    ("deliveries", SYS, {"quantity": "0.5"}, "whole units"),
    ("deliveries", SYS, {"quantity": "-1"}, "whole units"),
    ("deliveries", GEN, {"ship_month": "2027-06", "arrive_month": "2027-07"}, "horizon"),
    ("deliveries", GEN, {"need": "n1"}, "6 no duplication"),  # n1 does not accept generators
    ("deliveries", SYS, {"quantity": "2"}, "6 no duplication"),  # n1 filled with 3 of 2
    ("deliveries", GEN, {"need": "n9"}, "6 no duplication"),
    ("baseline", lambda t: t["item"] == "sys", {"quantity": "2"}, "6 no duplication"),  # 1 pledged
    ("coverage", lambda t: (t["need"] == "n3") & (t["month"] == "2027-06"), {"short": "0"}, "coverage"),
    ("shortfalls", lambda t: t["need"] == "n3", {"reason": ""}, "10 explain"),
    ("shortfalls", lambda t: t["need"] == "n3", {"need": "n1"}, "10 explain"),
])
def test_breaking_one_rule_in_the_files_is_caught(folder: Path, table: str, where: Callable[[pd.DataFrame], Any],
                                                  values: dict[str, str], rule: str) -> None:
    tamper(folder, table, where, **values)
    assert rule in rules(scenario(), folder)


@pytest.mark.parametrize(("changed", "rule"), [
    (("stocks", 0, {"floor": "3"}), "1 floor"),
    (("stocks", 0, {"available_from": "2027-04"}), "4 lead time"),
    (("stocks", 0, {"lead_months": "2"}), "4 lead time"),
    (("production", 0, {"per_month": "4"}), "3 capacity"),
    (("production", 0, {"lead_months": "0"}), "4 lead time"),
    (("funds", 0, {"amount_eur": "7"}), "3 funds"),  # spends 9 (a euro of rounding is let through)
    (("funds", 0, {"to": "2027-02"}), "3 funds"),
    (("funds", 0, {"lines": "l2"}), "3 funds"),
    (("policies", 0, {"party": "A"}), "2 policy"),
])
def test_a_plan_is_caught_against_a_stricter_scenario(planned: Path, changed: tuple[str, int, dict[str, str]],
                                                      rule: str) -> None:
    table, row, values = changed
    assert rule in rules(scenario(table, row, **values), planned)


def test_an_interceptor_before_its_launcher_is_caught(folder: Path) -> None:
    t = {k: [dict(r) for r in v] for k, v in TABLES.items() if k != "pledges"}
    s = make(t)  # no pledged system: the first arrives with the plan's delivery in 2027-03
    tamper(folder, "baseline", lambda b: b["item"] == "sys", quantity="0")  # (the pledge is gone)
    assert "7 platform" not in rules(s, folder)
    tamper(folder, "deliveries", lambda d: MSL(d) & (d["quantity"] == "4"), ship_month="2027-01",
           arrive_month="2027-02")
    assert "7 platform" in rules(s, folder)


@pytest.mark.parametrize(("table", "column", "value", "message"), [
    ("deliveries", "ship_month", "soon", r"deliveries.csv, row 2, field 'ship_month': 'soon' is not a month"),
    ("deliveries", "quantity", "lots", r"deliveries.csv, row 2, field 'quantity': 'lots' is not a number"),
    ("coverage", "short", "x", r"coverage.csv, row 2, field 'short': 'x' is not a number"),
])
def test_a_plan_file_that_cannot_be_read_is_named(folder: Path, table: str, column: str, value: str,
                                                  message: str) -> None:
    f = folder / f"{table}.csv"
    t = pd.read_csv(f, dtype=str, keep_default_na=False)
    t.loc[0, column] = value
    t.to_csv(f, index=False)
    with pytest.raises(AllyplanError, match=message):
        verify_plan_dir(scenario(), folder)


def test_a_missing_column_or_file_is_named(folder: Path) -> None:
    f = folder / "deliveries.csv"
    f.write_text(f.read_text().replace("quantity", "qty", 1))
    with pytest.raises(AllyplanError, match=r"deliveries.csv: missing column quantity. The header must name"):
        verify_plan_dir(scenario(), folder)
    (folder / "burden.csv").unlink()
    with pytest.raises(AllyplanError, match=r"is not a plan folder: missing burden.csv"):
        verify_plan_dir(scenario(), folder)
    with pytest.raises(AllyplanError, match=r"is not a folder"):
        verify_plan_dir(scenario(), folder / "coverage.csv")


def test_written_plan_verifies_and_tampering_is_caught(tmp_path: Path) -> None:
    s = load_scenario(example_path())
    out = write_plan(plan(s), tmp_path / "plan", report=False)
    assert verify_plan_dir(s, out).ok
    d = pd.read_csv(out / "deliveries.csv", dtype=str, keep_default_na=False)
    stock = d.index[(d["source"] == "stock") & (d["item"] == "patriot")][0]
    d.loc[stock, "quantity"] = "40"  # far above what the donor may release
    tr = d.index[d["source"] == "stock"][-1]
    d.loc[len(d)] = {**d.loc[tr].to_dict(), "donor": "TR", "item": "shell-155mm", "need": "artillery-shells"}
    d.to_csv(out / "deliveries.csv", index=False)
    found = {v.rule for v in verify_plan_dir(s, out).violations}
    assert {"1 floor", "2 policy", "6 no duplication", "coverage"} <= found


def messages(s: Scenario, folder: Path) -> list[str]:
    return [str(v) for v in verify_plan_dir(s, folder).violations]


def test_each_message_names_what_is_wrong(folder: Path) -> None:
    """The words of a violation, for the cases a reader must act on: a stock the donor does not hold, a fund that
    does not exist, a unit arriving after the flow need it serves has ended."""
    tamper(folder, "deliveries", GEN, donor="A")  # A holds no generators
    tamper(folder, "deliveries", lambda t: MSL(t) & (t["quantity"] == "4"), fund="g")
    found = messages(scenario(), folder)
    assert "[1 floor] A ships 10 gen from a stock it does not hold" in found
    assert "[3 funds] unknown fund g" in found
    # n2 now runs 2027-02..2027-03: the 5 interceptors arriving in 2027-04 serve a need that has ended
    late = messages(scenario("needs", 1, **{"from": "2027-02", "to": "2027-03"}), folder)
    assert "[6 no duplication] deliveries: msl arrives after flow need n2 ends" in late


def test_the_report_counts_what_it_checked(planned: Path) -> None:
    rep = verify_plan_dir(scenario(), planned)
    assert rep.ok and not rep.violations
    rep.add("x", "y")
    assert not rep.ok and str(rep.violations[0]) == "[x] y"
