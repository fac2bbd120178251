"""The verifier catches a plan that breaks a rule, naming the rule."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from allyplan import example_path, load_scenario, plan
from allyplan.plan_files import write_plan
from allyplan.verify import verify_plan_dir


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
    rules = {v.rule for v in verify_plan_dir(s, out).violations}
    assert {"1 floor", "2 policy", "6 no duplication", "coverage"} <= rules
