"""The schema is the one place fields are declared: templates, validation and the docs follow it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from allyplan import ScenarioError, load_scenario
from allyplan.scenario import ScenarioConfig, Weights, build_scenario, write_template
from allyplan.schema import (
    CONFIG_FIELDS,
    ITEM_KINDS,
    LEDGER,
    POLICY_RULES,
    RATES,
    TABLES,
    fields_markdown,
    template_csv,
)


def test_every_table_is_consistent() -> None:
    for name, t in TABLES.items():
        assert t.name == name and t.filename == f"{name}.csv"
        assert len(set(t.columns)) == len(t.columns), f"{name} declares a column twice"
        assert set(t.key) <= set(t.columns), f"{name}'s key names a column it does not have"
        for f in t.fields:
            assert f.description, f"{name}.{f.name} has no description"
            assert (f.type == "choice") == bool(f.choices), f"{name}.{f.name}: choices go with type choice"
            if not f.required and f.type in ("float", "int") and f.default is not None:
                assert f.minimum is None or float(f.default) >= f.minimum  # type: ignore[arg-type]
    assert set(TABLES["items"].field("kind").choices) == set(ITEM_KINDS)
    assert set(TABLES["policies"].field("rule").choices) == set(POLICY_RULES)


def test_field_lookup_names_the_fields_on_a_miss() -> None:
    assert TABLES["stocks"].field("floor").unit == "units"
    with pytest.raises(KeyError, match="table 'stocks' has no field 'flor'; fields are donor, item, quantity"):
        TABLES["stocks"].field("flor")


def test_template_header_is_the_schema() -> None:
    for name, t in TABLES.items():
        assert template_csv(name) == ",".join(t.columns) + "\n"


def test_config_defaults_come_from_the_schema() -> None:
    defaults = {f.name.split(".", 1)[1]: f.default for f in CONFIG_FIELDS if f.name.startswith("weights.")}
    assert Weights().model_dump() == defaults
    assert set(ScenarioConfig.model_fields) == {f.name.split(".")[0] for f in CONFIG_FIELDS}


def test_docs_table_lists_every_field_once_per_table() -> None:
    md = fields_markdown()
    for t in [*TABLES.values(), LEDGER, RATES]:
        for f in t.fields:
            assert f"| `{f.name}` |" in md, f"{t.name}.{f.name} is missing from the fields table"
    for f in CONFIG_FIELDS:
        assert f"| `{f.name}` |" in md
    assert md.count("#### `stocks.csv`") == 1 and "#### `policies.csv` (optional)" in md
    for rule in POLICY_RULES:
        assert f"- `{rule}`:" in md


def test_the_template_is_a_scenario_once_the_recipient_is_named(tmp_path: Path) -> None:
    """The files `allyplan init` writes have exactly the schema's headers: the only problem with them is that
    the recipient is not yet in parties.csv (and needs nothing), never a header."""
    d = write_template(tmp_path / "new", start="2027-04", recipient="UA")
    with pytest.raises(ScenarioError) as e:
        load_scenario(d)
    assert [(p.field, p.message) for p in e.value.problems] == [("recipient", "'UA' is not in parties.csv")]
    (d / "parties.csv").write_text(template_csv("parties") + "UA,Ukraine,175,\n", encoding="utf-8")
    s = load_scenario(d)
    assert s.config.start == "2027-04" and s.horizon == 24 and len(s.needs) == 0
    for t in TABLES.values():
        assert pd.read_csv(d / t.filename).columns.tolist() == t.columns


def test_every_required_column_is_checked() -> None:
    """Each required column, left out of its table, is named as missing (and nothing else is said of that
    table's rows)."""
    for name, t in TABLES.items():
        for f in t.fields:
            if not f.required:
                continue
            raw = {name: pd.DataFrame({c: ["x"] for c in t.columns if c != f.name})}
            raw["parties"] = raw.get("parties", pd.DataFrame({"code": ["UA"], "name": ["U"], "gdp_eur_bn": ["1"]}))
            with pytest.raises(ScenarioError) as e:
                build_scenario({"name": "t", "start": "2027-01", "horizon_months": 3, "recipient": "UA"}, raw)
            mine = [p for p in e.value.problems if p.file == name]
            assert any(p.row == 1 and p.message.startswith("missing column") and f.name in (p.field or "")
                       for p in mine), (name, f.name, [str(p) for p in mine])
            assert all(p.row == 1 for p in mine), [str(p) for p in mine]
