"""Reading scenario files as people save them: a workbook's scenario sheet (weights, red lines), a workbook or
folder missing a part, a scenario.yaml that is not a mapping or has a misspelt field, a file that is neither a
folder nor a workbook, tab- and semicolon-separated files with continental numbers. Every problem names the
file (and sheet, row, field) and says what to do."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allyplan import ScenarioError, example_path, load_scenario
from allyplan.scenario import config_yaml, read_raw, sniff_delimiter, write_scenario
from allyplan.scenario_store import workbook_bytes
from allyplan.schema import TABLES


@pytest.fixture
def scenario_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(example_path(), tmp_path / "s"))


def problems(path: Path) -> list[str]:
    with pytest.raises(ScenarioError) as e:
        load_scenario(path)
    return [str(p) for p in e.value.problems]


def test_a_workbook_carries_weights_and_red_lines(tmp_path: Path) -> None:
    config, raw, _ = read_raw(example_path())
    config = {**config, "red_lines": ["winter"], "weights": {"unmet": 123.0, "new_platform": 7.5}}
    book = tmp_path / "b.xlsx"
    book.write_bytes(workbook_bytes(config, raw))
    s = load_scenario(book)
    assert s.config.red_lines == ["winter"]
    assert s.config.weights.unmet == 123.0 and s.config.weights.new_platform == 7.5
    want = load_scenario(example_path())
    for name in ("stocks", "needs", "accepts", "production", "funds", "policies", "pledges"):
        pd.testing.assert_frame_equal(getattr(s, name), getattr(want, name), check_dtype=False)
    sheets = pd.read_excel(book, sheet_name=None, dtype=str, keep_default_na=False)
    fields = dict(zip(sheets["scenario"]["field"], sheets["scenario"]["value"], strict=True))
    assert fields["red_lines"] == "winter" and fields["weights.unmet"] == "123.0"
    assert set(sheets) == {"scenario", *TABLES}


def test_a_workbook_is_read_with_a_named_engine_and_no_warning(tmp_path: Path) -> None:
    # pandas 3.1 warns that its default xlsx reader will change (openpyxl -> calamine, which types cells
    # differently): the scenario reader names its engine, so a pandas upgrade cannot change what a workbook says
    config, raw, _ = read_raw(example_path())
    book = tmp_path / "b.xlsx"
    book.write_bytes(workbook_bytes(config, raw))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = load_scenario(book)
    assert len(s.needs) == len(load_scenario(example_path()).needs)


def test_a_workbook_missing_its_scenario_sheet_or_a_table_says_which(tmp_path: Path) -> None:
    raw = read_raw(example_path())[1]
    book = tmp_path / "b.xlsx"
    with pd.ExcelWriter(book) as xw:
        pd.DataFrame({"name": ["x"]}).to_excel(xw, sheet_name="scenario", index=False)  # no field,value columns
        for name in ("parties", "items", "needs"):
            raw[name].to_excel(xw, sheet_name=name, index=False)
    found = problems(book)
    sheet = next(p for p in found if "[scenario]" in p)
    assert sheet.startswith(f"{book}[scenario]: missing sheet 'scenario' with columns field,value")
    assert "weights as weights.unmet, red_lines separated by ;" in sheet
    missing = {p.split("]")[0].split("[")[1] for p in found if p != sheet}
    assert missing == {t.name for t in TABLES.values() if t.required} - {"parties", "items", "needs"}
    stocks = next(p for p in found if "[stocks]" in p)
    assert f"Add a sheet named stocks with the columns: {','.join(TABLES['stocks'].columns)}" in stocks


def test_blank_rows_of_the_scenario_sheet_are_skipped(tmp_path: Path) -> None:
    config, raw, _ = read_raw(example_path())
    book = tmp_path / "b.xlsx"
    book.write_bytes(workbook_bytes(config, raw))
    sheets = pd.read_excel(book, sheet_name=None, dtype=str, keep_default_na=False)
    sc = pd.concat([pd.DataFrame({"field": ["", "  "], "value": ["", "ignored"]}), sheets["scenario"]])
    with pd.ExcelWriter(book) as xw:
        sc.to_excel(xw, sheet_name="scenario", index=False)
        for name in TABLES:
            sheets[name].to_excel(xw, sheet_name=name, index=False)
    assert load_scenario(book).config == load_scenario(example_path()).config


def test_a_file_that_is_neither_folder_nor_workbook(tmp_path: Path) -> None:
    f = tmp_path / "stocks.csv"
    f.write_text("donor,item\n")
    assert problems(f) == [f"{f}: is neither a scenario folder nor an .xlsx workbook. Give a folder with "
                           "scenario.yaml and the CSV tables, or an .xlsx workbook"]


@pytest.mark.parametrize("text", ["- name: x\n- start: 2027-01\n", "just words\n", "42\n"])
def test_a_scenario_yaml_that_is_not_a_mapping(scenario_dir: Path, text: str) -> None:
    (scenario_dir / "scenario.yaml").write_text(text)
    found = problems(scenario_dir)
    assert found[0].startswith(f"{scenario_dir / 'scenario.yaml'}: is not valid YAML (expected a mapping of keys "
                               "to values). Compare it with the file `allyplan init` writes")


def test_a_missing_scenario_yaml_says_how_to_make_one(scenario_dir: Path) -> None:
    (scenario_dir / "scenario.yaml").unlink()
    found = problems(scenario_dir)
    assert found[0] == (f"{scenario_dir / 'scenario.yaml'}: missing. Every scenario folder needs scenario.yaml; "
                        "`allyplan init DIR` writes one")


def test_a_misspelt_scenario_field_gets_a_suggestion(scenario_dir: Path) -> None:
    f = scenario_dir / "scenario.yaml"
    f.write_text(f.read_text() + "recipeint: UA\ncolour: blue\n")
    found = " | ".join(problems(scenario_dir))
    assert "field 'recipeint': unknown field; did you mean 'recipient'?" in found
    assert "field 'colour': unknown field. Fields of scenario.yaml: name, start, horizon_months" in found


def test_an_unknown_column_with_no_near_name_lists_the_columns(scenario_dir: Path) -> None:
    f = scenario_dir / "stocks.csv"
    df = pd.read_csv(f, dtype=str, keep_default_na=False).assign(remarks="x")
    df.to_csv(f, index=False)
    assert problems(scenario_dir) == [
        f"{f}, row 1, field 'remarks': unknown column. Columns of stocks.csv are: "
        f"{','.join(TABLES['stocks'].columns)}; remove or rename it"]


def test_tab_separated_files_with_continental_numbers(scenario_dir: Path) -> None:
    want = load_scenario(scenario_dir)
    f = scenario_dir / "funds.csv"
    df = pd.read_csv(f, dtype=str, keep_default_na=False)
    amount = float(df.loc[0, "amount_eur"])
    df.loc[0, "amount_eur"] = f"{amount:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")  # 1.500.000,00
    df.to_csv(f, index=False, sep="\t")
    assert sniff_delimiter(f) == "\t"
    got = load_scenario(scenario_dir)
    pd.testing.assert_frame_equal(got.funds, want.funds)


@pytest.mark.parametrize(("header", "sep"), [("donor,item,quantity", ","), ("donor;item;quantity", ";"),
                                             ("donor\titem\tquantity", "\t"), ("donor", ","), ("", ",")])
def test_sniff_delimiter_reads_the_header(tmp_path: Path, header: str, sep: str) -> None:
    f = tmp_path / "t.csv"
    f.write_text(header + "\nDE,patriot,2\n", encoding="utf-8")
    assert sniff_delimiter(f) == sep


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**12), st.integers(0, 99))
def test_continental_numbers_read_as_the_same_number(whole: int, cents: int) -> None:
    """Whatever the amount, '1.234.567,89' in a semicolon file is read as 1234567.89."""
    from allyplan.scenario import _decimal_commas

    text = f"{whole:,}".replace(",", ".") + f",{cents:02d}"
    df = _decimal_commas(pd.DataFrame({"fund": ["f"], "donor": ["A"], "amount_eur": [text]}), TABLES["funds"])
    assert float(df.loc[0, "amount_eur"]) == pytest.approx(whole + cents / 100, rel=1e-12)


def test_a_written_scenario_reads_back(tmp_path: Path) -> None:
    s = load_scenario(example_path())
    raw = read_raw(example_path())[1]
    d = write_scenario(tmp_path / "copy", s.config, raw)
    again = load_scenario(d)
    assert again.config == s.config
    for name in ("stocks", "needs", "pledges"):
        pd.testing.assert_frame_equal(getattr(again, name), getattr(s, name))
    assert "horizon_months: " in config_yaml(s.config) and f"name: {s.config.name}" in config_yaml(s.config)
