"""Loading and validating scenarios: every problem reported at once, naming file, row and field."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# ---------------------------------------------------------------------------------------------------------------
# Every validation message, on a small hand-made scenario: file (table), row, field, what and the fix.

BASE: dict[str, list[dict[str, str]]] = {
    "items": [
        {"id": "sys", "name": "system", "category": "air-defence", "kind": "system", "lethal": "true",
         "unit_value_eur": "100"},
        {"id": "msl", "name": "missile", "category": "air-defence", "kind": "interceptor", "lethal": "true",
         "unit_value_eur": "1", "requires": "sys", "tags": "gbad"},
    ],
    "stocks": [{"donor": "A", "item": "sys", "quantity": "4", "floor": "1"}],
    "production": [{"line": "l1", "producer": "A", "item": "msl", "per_month": "5", "unit_cost_eur": "1"}],
    "funds": [{"fund": "f", "donor": "A", "amount_eur": "100", "lines": "l1"}],
    "needs": [{"id": "n1", "kind": "hold", "quantity": "2", "accepts": "sys:1"},
              {"id": "n2", "kind": "flow", "per_month": "3", "from": "2027-02", "to": "2027-04", "accepts": "msl"}],
    "policies": [{"party": "B", "rule": "max-release-share", "value": "0.5"}],
}


def messages(change: dict[str, list[dict[str, str]]], **config: object) -> list[tuple[str, int | None, str | None,
                                                                                      str, str]]:
    """The problems of BASE with some tables replaced, as (table, row, field, message, fix)."""
    from tests.conftest import make

    tables = {**{k: [dict(r) for r in v] for k, v in BASE.items()}, **change}
    with pytest.raises(ScenarioError) as e:
        make(tables, **config)  # type: ignore[arg-type]
    return [(p.file, p.row, p.field, p.message, p.fix) for p in e.value.problems]


def with_row(table: str, i: int, **values: str) -> dict[str, list[dict[str, str]]]:
    rows = [dict(r) for r in BASE[table]]
    rows[i].update(values)
    return {table: rows}


def test_base_is_valid() -> None:
    from tests.conftest import make

    s = make({k: [dict(r) for r in v] for k, v in BASE.items()})
    assert s.needs.set_index("id").at["n2", "quantity"] == 9.0  # 3 a month over 3 months
    assert s.accepts["factor"].tolist() == [1.0, 1.0]


@pytest.mark.parametrize(("change", "want"), [
    (with_row("stocks", 0, quantity="lots"),
     ("stocks", 2, "quantity", "'lots' is not a number", "Write a plain number in units, e.g. 12")),
    (with_row("stocks", 0, quantity="inf"),
     ("stocks", 2, "quantity", "'inf' is not a finite number", "Write a plain number in units, e.g. 12")),
    (with_row("stocks", 0, floor="-1e999"),
     ("stocks", 2, "floor", "'-1e999' is not a finite number", "Write a plain number in units, e.g. 8")),
    (with_row("production", 0, per_month="-2"),
     ("production", 2, "per_month", "'-2' is below the minimum 0", "Give a value of at least 0")),
    (with_row("stocks", 0, lead_months="1.5"),
     ("stocks", 2, "lead_months", "'1.5' is not a whole number", "Write a whole number")),
    (with_row("stocks", 0, quantity=""),
     ("stocks", 2, "quantity", "is empty", "Give a value: units held (e.g. 12)")),
    (with_row("stocks", 0, available_from="2027-1"),
     ("stocks", 2, "available_from", "'2027-1' is not a month", "Write months as YYYY-MM, e.g. 2026-12")),
    (with_row("stocks", 0, floor="5"),
     ("stocks", 2, "floor", "floor 5.0 is above the quantity held",
      "A floor is the part of the stock kept at home: make it at most the quantity")),
    (with_row("stocks", 0, donor="UA"),
     ("stocks", 2, "donor", "'UA' is the recipient", "The recipient's own items go in holdings.csv")),
    (with_row("stocks", 0, donor="ZZ"),
     ("stocks", 2, "donor", "unknown party 'ZZ'", "Add it to parties.csv or use a code listed there")),
    (with_row("items", 1, lethal="maybe"),
     ("items", 3, "lethal", "'maybe' is not true or false", "Write true or false")),
    (with_row("items", 1, kind="rocket"),
     ("items", 3, "kind", "'rocket' is not one of the choices", "Use one of: " + ", ".join(
         ["system", "launcher", "tank", "howitzer", "vehicle", "aircraft", "equipment", "manpads", "interceptor",
          "missile", "ammunition", "supplies"]))),
    (with_row("items", 0, requires="sys"),
     ("items", 2, "requires", "'sys' requires itself", "Leave requires empty or name the platform it needs")),
    (with_row("production", 0, **{"from": "2027-05", "to": "2027-03"}),
     ("production", 2, "to", "ends (2.0) before it starts", "Make 'to' the same as or after 'from'")),
    (with_row("funds", 0, lines="l1;l9"),
     ("funds", 2, "lines", "unknown production line 'l9'", "Use line ids from production.csv, separated by ;")),
    (with_row("needs", 0, quantity=""),
     ("needs", 2, "quantity", "a hold need has no quantity", "Give the units to hold in service")),
    (with_row("needs", 1, per_month=""),
     ("needs", 3, "per_month", "a flow need has no per_month", "Give the units consumed each month")),
    (with_row("needs", 0, accepts="sys:0"),
     ("needs", 2, "accepts", "'sys:0' has no positive factor",
      "Write item:factor with a factor above 0, e.g. nasams:0.5")),
    (with_row("needs", 0, accepts="sys:x"),
     ("needs", 2, "accepts", "'sys:x' has no positive factor",
      "Write item:factor with a factor above 0, e.g. nasams:0.5")),
    (with_row("needs", 0, accepts="sys:nan"),
     ("needs", 2, "accepts", "'sys:nan' has no positive factor",
      "Write item:factor with a factor above 0, e.g. nasams:0.5")),
    (with_row("needs", 0, accepts="tank"),
     ("needs", 2, "accepts", "unknown item 'tank'", "Add it to items.csv or use an id listed there")),
    (with_row("needs", 0, accepts=" ; "),
     ("needs", 2, "accepts", "the need accepts nothing",
      "List the items that satisfy it as item:factor;item:factor, e.g. patriot:1;samp-t:1")),
    (with_row("needs", 0, accepts="sys:1;sys:2"),
     ("needs", None, "accepts", "need 'n1' lists item 'sys' twice", "List each item once")),
    (with_row("needs", 1, id="n1"),
     ("needs", 3, "id", "duplicate id 'n1'", "Each must appear once; merge the rows")),
    (with_row("policies", 0, value="1.5"),
     ("policies", 2, "value", "'1.5' is not a share in 0..1", "Write a number between 0 and 1, e.g. 0.25")),
    (with_row("policies", 0, value=""),
     ("policies", 2, "value", "rule has no value",
      "forbid-tag/-category/-item name what is forbidden; max-release-share gives a share in 0..1")),
    (with_row("policies", 0, rule="forbid-item", value="tank"),
     ("policies", 2, "value", "unknown item 'tank'",
      "Add it to items.csv or use an id listed there (`allyplan ledger catalog` lists the shipped catalog)")),
])
def test_each_problem_names_row_field_and_fix(change: dict[str, list[dict[str, str]]],
                                              want: tuple[str, int | None, str, str, str]) -> None:
    assert messages(change) == [want]


def test_unknown_red_line_lists_what_is_known() -> None:
    assert messages({}, red_lines=["long-range"]) == [
        ("scenario.yaml", None, "red_lines", "'long-range' is neither an item tag, a category nor an item id",
         "Known tags and categories: air-defence, gbad")]


def test_folder_empty_file_and_other_encodings_are_named(scenario_dir: Path) -> None:
    (scenario_dir / "needs.csv").unlink()
    (scenario_dir / "needs.csv").mkdir()
    (scenario_dir / "policies.csv").write_bytes(b"\xef\xbb\xbf\r\n")
    text = (scenario_dir / "parties.csv").read_text(encoding="utf-8").splitlines()
    text[3] = text[3].replace(text[3].split(",")[1], "Deutschl\u00e4nd")
    (scenario_dir / "parties.csv").write_bytes("\n".join(text).encode("latin-1"))
    found = problems(scenario_dir)
    assert found == [
        f"{scenario_dir / 'needs.csv'}: is a folder, not a file. Replace it with a CSV file with the header: "
        "id,description,kind,quantity,per_month,from,due,to,priority,accepts,source",
        f"{scenario_dir / 'parties.csv'}, row 4: is not UTF-8 text (byte 0xe4 cannot be read). Save it with the "
        "encoding UTF-8 (in Excel: Save As, CSV UTF-8; in LibreOffice: character set Unicode (UTF-8))",
        f"{scenario_dir / 'policies.csv'}: is empty. Write a CSV file with the header: party,rule,value,source",
    ]


def test_scenario_yaml_as_a_folder_or_in_another_encoding(scenario_dir: Path) -> None:
    cfg = scenario_dir / "scenario.yaml"
    text = cfg.read_text(encoding="utf-8")
    cfg.write_bytes(text.replace("name: winter air defence", "name: d\u00e9fense").encode("latin-1"))
    [msg] = problems(scenario_dir)
    line = 1 + text.splitlines().index("name: winter air defence")
    assert msg.startswith(f"{cfg}, row {line}: is not UTF-8 text (byte 0xe9 cannot be read)")
    cfg.unlink()
    cfg.mkdir()
    assert problems(scenario_dir) == [f"{cfg}: is a folder, not a file. Replace it with a YAML file: `allyplan "
                                      "init DIR` writes one"]


def test_init_refuses_a_start_that_is_not_a_month(tmp_path: Path) -> None:
    with pytest.raises(AllyplanError, match=r"start month '2027-13' is not a month: write it as YYYY-MM"):
        write_template(tmp_path / "x", start="2027-13")
    assert not (tmp_path / "x").exists()
    (tmp_path / "f").write_text("")
    with pytest.raises(AllyplanError, match="is a file; give the name of a folder to create"):
        write_template(tmp_path / "f")


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="0123456789.-+eE_ ,xinfa", max_size=8))
def test_a_number_cell_is_a_finite_number_or_a_problem(cell: str) -> None:
    """Whatever is typed in a number cell: the scenario loads with that finite number (or the default, when
    blank), or exactly one problem names the row and field."""
    from tests.conftest import make

    tables = {**{k: [dict(r) for r in v] for k, v in BASE.items()}, **with_row("stocks", 0, floor=cell)}
    try:
        s = make(tables)
    except ScenarioError as e:
        [p] = e.problems
        assert (p.row, p.field) == (2, "floor") and p.fix
        return
    floor = s.stocks.at[0, "floor"]
    assert math.isfinite(floor) and 0 <= floor <= 4


def test_a_row_with_extra_fields_or_an_open_quote_is_named(scenario_dir: Path) -> None:
    f = scenario_dir / "stocks.csv"
    lines = f.read_text(encoding="utf-8").splitlines()
    lines[4] += ",extra,more"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    width = len(lines[0].split(","))
    assert problems(scenario_dir) == [f"{f}, row 5: has {width + 2} fields where the header has {width}. Remove the "
                                      "extra commas, or put a value that holds a comma in double quotes"]
    f.write_text('donor,item,quantity\nDE,patriot,2\nDE,"iris-t-slm,3\nFR,samp-t,1\n', encoding="utf-8")
    assert problems(scenario_dir) == [f"{f}, row 3: opens a double quote that is never closed. Close the quote, "
                                      "or remove it"]
