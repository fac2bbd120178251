"""The scenario in the database: import and export, edits with who and when, any past state, refusals that write
nothing, two users editing the same row, and uploads that must be refused."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from allyplan import example_path, load_scenario
from allyplan.errors import AllyplanError, ScenarioError
from allyplan.scenario_store import MAX_UPLOAD_BYTES, EditConflict, NoScenario, ScenarioStore, import_upload


@pytest.fixture
def store(service_db: str) -> Iterator[ScenarioStore]:
    st = ScenarioStore(service_db)
    # the module-scoped database is shared: start each test from the example scenario
    st.import_path(example_path(), who="setup")
    yield st
    st.close()


def _row(st: ScenarioStore, donor: str, item: str):  # type: ignore[no-untyped-def]
    return next(r for r in st.rows("stocks") if r.data["donor"] == donor and r.data["item"] == item)


def test_import_and_export_round_trip(store: ScenarioStore, tmp_path: Path) -> None:
    folder = store.export(tmp_path / "out")
    book = store.export(tmp_path / "out.xlsx")
    a, b, c = load_scenario(example_path()), load_scenario(folder), load_scenario(book)
    for name in ("stocks", "needs", "funds", "policies", "pledges"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_dtype=False)
        pd.testing.assert_frame_equal(getattr(a, name), getattr(c, name), check_dtype=False)
    assert a.config == b.config == c.config
    change = store.import_path(book, who="coord")
    assert store.changes(1)[0].id == change and store.changes(1)[0].who == "coord"
    with pytest.raises(AllyplanError, match="already holds a scenario"):
        store.export(tmp_path / "out")


def test_edits_keep_every_past_state(store: ScenarioStore) -> None:
    r = _row(store, "DE", "patriot")
    before = store.latest_change()
    e1 = store.edit_row("stocks", r.rowid, {**r.data, "floor": "7"}, version=r.version, who="de-liaison", why="x")
    e2 = store.edit_row("stocks", r.rowid, {**r.data, "floor": "8"}, version=e1.version, who="de-liaison")
    assert store.row("stocks", r.rowid).data["floor"] == "8"  # type: ignore[union-attr]
    assert store.row("stocks", r.rowid, as_of=e1.version).data["floor"] == "7"  # type: ignore[union-attr]
    assert store.row("stocks", r.rowid, as_of=before).data["floor"] == "6"  # type: ignore[union-attr]
    assert store.scenario(as_of=before).stocks.set_index(["donor", "item"]).loc[("DE", "patriot"), "floor"] == 6
    hist = store.history("stocks", r.rowid)
    assert [h[0].action for h in hist][-2:] == ["edit", "edit"] and hist[-1][0].who == "de-liaison"
    deleted = store.delete_row("stocks", r.rowid, version=e2.version, who="coord")
    assert store.row("stocks", r.rowid) is None and store.history("stocks", r.rowid)[-1][1] is None
    assert store.row("stocks", r.rowid, as_of=deleted - 1) is not None


def test_a_change_that_fails_the_checks_writes_nothing(store: ScenarioStore) -> None:
    r = _row(store, "DE", "patriot")
    n = len(store.changes(1000))
    with pytest.raises(ScenarioError) as e:
        store.edit_row("stocks", r.rowid, {**r.data, "floor": "99"}, version=r.version, who="x")
    assert "floor 99.0 is above the quantity held" in str(e.value) and f"row id {r.rowid}" in str(e.value)
    with pytest.raises(ScenarioError, match="unknown item 'nosuch'"):
        store.add_row("stocks", {"donor": "DE", "item": "nosuch", "quantity": "1"}, who="x")
    with pytest.raises(ScenarioError, match="duplicate donor/item"):
        store.add_row("stocks", {"donor": "DE", "item": "patriot", "quantity": "1"}, who="x")
    with pytest.raises(ScenarioError, match="unknown field"):
        store.add_row("stocks", {"donor": "DE", "colour": "red"}, who="x")
    with pytest.raises(ScenarioError, match="is not a number"):
        store.add_row("stocks", {"donor": "DE", "item": "gepard", "quantity": "lots"}, who="x")
    # a whole import that fails leaves the scenario as it was
    bad = pd.read_csv(example_path() / "needs.csv", dtype=str, keep_default_na=False)
    folder = Path(store.export(Path(pytest.importorskip("tempfile").mkdtemp()) / "s"))
    bad.loc[0, "kind"] = "sometimes"
    bad.to_csv(folder / "needs.csv", index=False)
    with pytest.raises(ScenarioError, match="'sometimes' is not one of the choices"):
        store.import_path(folder, who="x")
    assert len(store.changes(1000)) == n and _row(store, "DE", "patriot") == r


def test_two_users_editing_the_same_row(store: ScenarioStore) -> None:
    r = _row(store, "FR", "samp-t")
    store.edit_row("stocks", r.rowid, {**r.data, "quantity": "6"}, version=r.version, who="alice")
    with pytest.raises(EditConflict, match=r"changed by alice at .* Reload the row"):
        store.edit_row("stocks", r.rowid, {**r.data, "quantity": "7"}, version=r.version, who="bob")
    with pytest.raises(EditConflict):
        store.delete_row("stocks", r.rowid, version=r.version, who="bob")
    assert _row(store, "FR", "samp-t").data["quantity"] == "6"


def test_sql_and_html_are_kept_as_text(store: ScenarioStore) -> None:
    nasty = "'); DROP TABLE svc_scenario_rows; -- <script>alert(1)</script>"
    r = _row(store, "DE", "gepard")
    store.edit_row("stocks", r.rowid, {**r.data, "source": nasty}, version=r.version, who="x")
    assert _row(store, "DE", "gepard").data["source"] == nasty and len(store.rows("stocks")) > 10


def test_proposed_rows_wait_for_a_decision(store: ScenarioStore) -> None:
    n = len(store.rows("policies"))
    c = store.propose_row("policies", {"party": "PL", "rule": "non-lethal-only"}, who="rev", why="statement")
    assert len(store.rows("policies")) == n and store.changes(1000, "proposed")[0].id == c
    store.decide(c, approve=True, who="coord")
    assert len(store.rows("policies")) == n + 1
    with pytest.raises(AllyplanError, match="not a proposal waiting"):
        store.decide(c, approve=False, who="coord")
    bad = store.propose_row("policies", {"party": "XX", "rule": "non-lethal-only"}, who="rev", why="statement")
    with pytest.raises(ScenarioError, match="unknown party 'XX'"):
        store.decide(bad, approve=True, who="coord")
    assert store.changes(1000, "proposed")[0].id == bad  # still waiting, nothing written


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_uploads(store: ScenarioStore) -> None:
    good = {f"scen/{p.name}": p.read_bytes() for p in example_path().iterdir()}
    change = import_upload(store, "scen.zip", _zip(good), who="coord")
    assert store.latest_change() == change
    refusals = {
        "outside": (_zip({**good, "../evil.csv": b"x"}), "outside the scenario folder"),
        "absolute": (_zip({**good, "/etc/evil.csv": b"x"}), "outside the scenario folder"),
        "two": (_zip({**good, "b/scenario.yaml": b"name: x"}), "exactly one scenario.yaml"),
        "notzip": (b"this is not a zip", "not a valid zip file"),
        "big": (b"PK" + b"0" * (MAX_UPLOAD_BYTES + 1), "largest upload accepted"),
    }
    for name, (content, msg) in refusals.items():
        with pytest.raises(AllyplanError, match=msg):
            import_upload(store, f"{name}.zip", content, who="coord")
    with pytest.raises(AllyplanError, match=r"not an \.xlsx workbook"):
        import_upload(store, "book.xlsx", b"<html>", who="coord")
    with pytest.raises(AllyplanError, match=r"upload a \.zip"):
        import_upload(store, "scen.tar", b"x", who="coord")
    broken = dict(good)
    broken["scen/stocks.csv"] = b"donor,item,quantity\nDE,patriot,-3\n"
    with pytest.raises(ScenarioError) as e:
        import_upload(store, "broken.zip", _zip(broken), who="coord")
    assert "broken.zip" in str(e.value) and "below the minimum" in str(e.value)
    assert store.latest_change() == change


def test_an_empty_database_says_what_to_do(tmp_path: Path) -> None:
    st = ScenarioStore(tmp_path / "empty.db")
    with pytest.raises(NoScenario, match="scenario import"):
        st.scenario()
    st.close()
