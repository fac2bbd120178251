"""The plan folder on disk: permissions, and every file written."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from allyplan import plan
from allyplan.plan_files import write_plan
from tests.conftest import make


@pytest.fixture
def small_plan(items: list[dict[str, Any]]) -> Any:
    return plan(make({"items": items,
                      "stocks": [{"donor": "A", "item": "gen", "quantity": 10, "floor": 2, "lead_months": 0}],
                      "needs": [{"id": "n", "kind": "hold", "quantity": 9, "due": "2027-02", "accepts": "gen:1"}]}))


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_plan_folder_and_files_follow_the_umask(tmp_path: Path, small_plan: Any, umask: int) -> None:
    old = os.umask(umask)
    try:
        out = write_plan(small_plan, tmp_path / "plan")
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o777 & ~umask
    for f in out.rglob("*"):
        want = (0o777 if f.is_dir() else 0o666) & ~umask
        assert stat.S_IMODE(f.stat().st_mode) == want, f
    assert not [x for x in tmp_path.iterdir() if x.name.startswith(".")]  # no temporary folder left behind


def test_a_plan_that_delivers_nothing_still_gets_every_file(tmp_path: Path, items: list[dict[str, Any]]) -> None:
    p = plan(make({"items": items, "needs": [{"id": "n", "kind": "hold", "quantity": 3, "due": "2027-02",
                                              "accepts": "sys:1"}]}))
    assert p.deliveries.empty
    out = write_plan(p, tmp_path / "plan")
    assert list((out / "asks").iterdir()) == []
    html = (out / "report.html").read_text()
    assert "Nothing is asked of any donor." in html and "0 of 3 in service by 2027-02; 3 short" in html
