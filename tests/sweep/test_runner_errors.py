"""A sweep folder that cannot be started or resumed says why and what to do: too few samples, a folder already
in use, no sweep there, a sweep of another version or another scenario, a scheduler address that is not one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from allyplan import plan
from allyplan.errors import AllyplanError
from allyplan.sweep import default_spec, open_sweep, prepare_sweep
from allyplan.sweep.runner import MANIFEST, VERSION, _workers_of, check_scheduler
from tests.sweep.conftest import tiny


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A prepared (not yet run) sweep of the tiny scenario, re-evaluating its plan."""
    s = tiny()
    out = tmp_path_factory.mktemp("sweeps") / "a"
    prepare_sweep(out, s, default_spec(), samples=4, seed=1, fixed=plan(s), chunk_size=2)
    return out


def test_the_folder_records_what_is_needed_to_resume(started: Path) -> None:
    m = json.loads((started / MANIFEST).read_text())
    assert m["version"] == VERSION and m["samples"] == 4 and m["seed"] == 1 and m["mode"] == "fixed"
    assert m["chunk_size"] == 2 and m["plan"] == "plan object"
    again = open_sweep(started, tiny())
    assert (again.samples, again.seed, again.fixed, again.chunk_size) == (4, 1, True, 2)


def test_too_few_samples_and_a_used_folder_are_refused(started: Path, tmp_path: Path) -> None:
    with pytest.raises(AllyplanError, match="--samples 0: give at least 1 sample"):
        prepare_sweep(tmp_path / "new", tiny(), default_spec(), samples=0)
    assert not (tmp_path / "new").exists()
    with pytest.raises(AllyplanError, match=f"{started} is not empty: give a new folder to --out, or --resume "
                                            f"{started} to continue the sweep there"):
        prepare_sweep(started, tiny(), default_spec(), samples=2, fixed=plan(tiny()))
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(AllyplanError, match="is not empty"):
        prepare_sweep(f, tiny(), default_spec(), samples=2, fixed=plan(tiny()))


def test_resuming_what_is_not_a_sweep_of_this_scenario(started: Path, tmp_path: Path) -> None:
    with pytest.raises(AllyplanError, match=f"{tmp_path} holds no sweep \\(sweep.json missing or unreadable\\)"):
        open_sweep(tmp_path, tiny())
    other = tmp_path / "other"
    other.mkdir()
    m = json.loads((started / MANIFEST).read_text())
    (other / MANIFEST).write_text(json.dumps({**m, "version": VERSION + 1}))
    with pytest.raises(AllyplanError, match=f"sweep.json is version {VERSION + 1}, this allyplan reads {VERSION}"):
        open_sweep(other, tiny())
    (other / MANIFEST).write_text(json.dumps({**m, "scenario": ""}))
    with pytest.raises(AllyplanError, match=r"does not say where the scenario is: resume it from the library with "
                                            r"open_sweep\(out, scenario\)"):
        open_sweep(other)
    from tests.conftest import ITEMS, make

    changed = make({"items": [dict(i) for i in ITEMS],
                    "needs": [{"id": "power", "kind": "hold", "quantity": 31, "due": "2027-04", "accepts": "gen:1"}]})
    with pytest.raises(AllyplanError, match=f"changed since the sweep in {started} started; start a new sweep"):
        open_sweep(started, changed)


@pytest.mark.parametrize("scheduler", ["local:0", "local:x", "local:", "local:-2"])
def test_a_local_scheduler_needs_a_whole_number_of_workers(scheduler: str) -> None:
    with pytest.raises(AllyplanError, match=f"--scheduler {scheduler}: give local:N with N a whole number"):
        _workers_of(scheduler)


def test_scheduler_addresses() -> None:
    assert _workers_of("local:3") == 3
    check_scheduler(None)
    check_scheduler("tcp://127.0.0.1:8786")
    with pytest.raises(AllyplanError, match=r"--scheduler 127\.0\.0\.1:8786: give tcp://HOST:PORT of a running Dask "
                                            "scheduler, or local:N"):
        check_scheduler("127.0.0.1:8786")
    with pytest.raises(AllyplanError, match="--scheduler local:zero"):
        check_scheduler("local:zero")
