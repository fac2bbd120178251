"""Column headers as people read them, the same in the report, the ask sheets and plan.xlsx."""

from __future__ import annotations

import pandas as pd

from allyplan.plan_files import PLAN_COLUMNS
from allyplan.report.asks import ASK_COLUMNS
from allyplan.report.labels import COLUMN_LABELS, readable_columns


def test_known_columns_are_renamed_and_others_kept() -> None:
    df = pd.DataFrame({"need": ["n"], "covered_pct": [50.0], "my_column": [1]})
    out = readable_columns(df)
    assert out.columns.tolist() == ["Need", "Covered %", "my_column"]
    assert out.iloc[0].tolist() == ["n", 50.0, 1]
    assert df.columns.tolist() == ["need", "covered_pct", "my_column"]  # the input is left as it was


def test_every_column_a_reader_sees_has_a_label_and_no_two_share_one_in_a_sheet() -> None:
    for cols in [ASK_COLUMNS, *PLAN_COLUMNS.values()]:
        labels = [COLUMN_LABELS[c] for c in cols if c in COLUMN_LABELS]
        assert len(labels) == len(set(labels)), cols
    assert set(ASK_COLUMNS) <= set(COLUMN_LABELS)
    assert all((v and v[0].isupper()) or v[0] == "%" for v in COLUMN_LABELS.values())
