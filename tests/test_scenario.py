"""Loading and validating scenarios: every problem reported at once, naming file, row and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from allyplan import AllyplanError, ScenarioError, example_path, load_scenario
from allyplan.scenario import write_template


@pytest.fixture
def scenario_dir(tmp_path: Path) -> Path:
    d = tmp_path / "s"
    shutil.copytree(example_path(), d)
    return d


def edit(path: Path, row: int, field: str, value: str) -> None:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[row, field] = value
    df.to_csv(path, index=False)


def problems(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as e:
        load_scenario(path)
    return [str(p) for p in e.value.problems]


def test_example_loads_with_months_as_offsets() -> None:
    s = load_scenario(example_path())
    assert s.config.start == "2026-12" and s.horizon == 24
    assert s.label(0) == "2026-12" and s.label(1) == "2027-01"
    assert set(s.accepts.columns) == {"need", "item", "factor"}
    assert (s.items.set_index("id").loc["patriot", ["platform", "integral"]] == [True, True]).all()


def test_every_problem_at_once_with_file_row_field(scenario_dir: Path) -> None:
    edit(scenario_dir / "stocks.csv", 0, "quantity", "-3")
    edit(scenario_dir / "stocks.csv", 1, "item", "patriot-xl")
    edit(scenario_dir / "stocks.csv", 2, "floor", "99")
    edit(scenario_dir / "needs.csv", 0, "accepts", "")
    edit(scenario_dir / "needs.csv", 1, "due", "2027-13")
    found = problems(scenario_dir)
    stocks = str(scenario_dir / "stocks.csv")
    needs = str(scenario_dir / "needs.csv")
    assert f"{stocks}, row 2, field 'quantity': '-3' is below the minimum 0. Give a value of at least 0" in found
    assert any(p.startswith(f"{stocks}, row 3, field 'item': unknown item 'patriot-xl'") for p in found)
    assert any(p.startswith(f"{stocks}, row 4, field 'floor'") and "above the quantity" in p for p in found)
    assert any(p.startswith(f"{needs}, row 2, field 'accepts': the need accepts nothing") for p in found)
    assert any(p.startswith(f"{needs}, row 3, field 'due': '2027-13' is not a month") and "YYYY-MM" in p
               for p in found)


def test_missing_file_unknown_party_and_column(scenario_dir: Path) -> None:
    (scenario_dir / "items.csv").unlink()
    found = problems(scenario_dir)
    assert any("items.csv: missing. Create it with the header: id,name" in p for p in found)


def test_unknown_party_and_column_typo(scenario_dir: Path) -> None:
    edit(scenario_dir / "policies.csv", 0, "party", "XX")
    df = pd.read_csv(scenario_dir / "funds.csv", dtype=str, keep_default_na=False)
    df.rename(columns={"amount_eur": "amount"}).to_csv(scenario_dir / "funds.csv", index=False)
    found = problems(scenario_dir)
    assert any("policies.csv, row 2, field 'party': unknown party 'XX'" in p for p in found)
    assert any("funds.csv, row 1, field 'amount': unknown column; did you mean 'amount_eur'?" in p for p in found)
    assert not any("missing column" in p for p in found)


def test_bad_yaml_and_missing_folder(tmp_path: Path, scenario_dir: Path) -> None:
    assert "no such file or folder" in problems(tmp_path / "nowhere")[0]
    (scenario_dir / "scenario.yaml").write_text("name: x\nstart: 2026-13\nhorizon_months: 0\nrecipient: UA\n")
    found = problems(scenario_dir)
    assert any("field 'start'" in p for p in found) and any("field 'horizon_months'" in p for p in found)


def test_xlsx_round_trip_and_malformed_xlsx(tmp_path: Path) -> None:
    src = example_path()
    book = tmp_path / "book.xlsx"
    cfg = load_scenario(src).config
    with pd.ExcelWriter(book) as xw:
        rows = [("name", cfg.name), ("start", cfg.start), ("horizon_months", cfg.horizon_months),
                ("recipient", cfg.recipient), ("weights.unmet", 1000)]
        pd.DataFrame(rows, columns=["field", "value"]).to_excel(xw, sheet_name="scenario", index=False)
        for f in sorted(src.glob("*.csv")):
            pd.read_csv(f, dtype=str, keep_default_na=False).to_excel(xw, sheet_name=f.stem, index=False)
    s = load_scenario(book)
    assert len(s.needs) == len(load_scenario(src).needs)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not a workbook")
    found = problems(bad)
    assert "cannot be read as an .xlsx workbook" in found[0]


def test_init_writes_every_table_with_its_header(tmp_path: Path) -> None:
    d = write_template(tmp_path / "new")
    assert (d / "stocks.csv").read_text().startswith("donor,item,quantity,floor")
    assert "horizon_months: 24" in (d / "scenario.yaml").read_text()
    with pytest.raises(AllyplanError, match="already holds a scenario"):
        write_template(d)  # never overwrites


def test_semicolon_csv_saved_by_excel_in_a_french_or_german_locale(scenario_dir: Path) -> None:
    """Excel in fr/de locales writes `;` between fields and `,` as the decimal mark; both are read."""
    want = load_scenario(scenario_dir)
    for name in ("stocks.csv", "production.csv", "funds.csv"):
        df = pd.read_csv(scenario_dir / name, dtype=str, keep_default_na=False)
        df.to_csv(scenario_dir / name, index=False, sep=";")
    prod = pd.read_csv(scenario_dir / "production.csv", dtype=str, keep_default_na=False, sep=";")
    prod.loc[0, "unit_cost_eur"] = f"{float(prod.loc[0, 'unit_cost_eur']):,.1f}".replace(",", " ").replace(".", ",")
    prod.to_csv(scenario_dir / "production.csv", index=False, sep=";")
    got = load_scenario(scenario_dir)
    pd.testing.assert_frame_equal(got.stocks, want.stocks)
    pd.testing.assert_frame_equal(got.production, want.production)
    pd.testing.assert_frame_equal(got.funds, want.funds)


def test_a_misspelt_header_says_did_you_mean_and_nothing_else(scenario_dir: Path) -> None:
    f = scenario_dir / "production.csv"
    f.write_text(f.read_text().replace("per_month", "per_mnth", 1))
    assert problems(scenario_dir) == [
        f"{f}, row 1, field 'per_mnth': unknown column; did you mean 'per_month'?. Rename it to per_month"
    ]


def test_a_bad_start_month_is_explained_in_words(scenario_dir: Path) -> None:
    f = scenario_dir / "scenario.yaml"
    f.write_text(f.read_text().replace("start: \"2026-12\"", "start: \"2026-13\""))
    [msg] = problems(scenario_dir)
    assert "'2026-13' is not a month" in msg and "Write months as YYYY-MM, e.g. 2026-12" in msg
    assert "pattern" not in msg and "^" not in msg


def test_no_message_points_outside_the_package(scenario_dir: Path) -> None:
    edit(scenario_dir / "stocks.csv", 0, "item", "pac-3-msx")
    [msg] = problems(scenario_dir)
    assert "unknown item 'pac-3-msx'" in msg and "shared/" not in msg and "allyplan ledger catalog" in msg
