"""`allyplan examples DIR`: everything the tour uses, a `bad` copy with exactly its two mistakes, nothing
overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from allyplan import AllyplanError, ScenarioError, example_path, load_scenario
from allyplan.examples import BROKEN, copy_examples, examples_root


def test_copies_everything_the_tour_names(tmp_path: Path) -> None:
    written = copy_examples(tmp_path / "tour")
    names = {p.name for p in written}
    assert {"winter-air-defence", "bad", "README.md", "kiel-layout-sample.csv", "eurofxref-sample.csv",
            "seed-fr-nato-air-defence.txt", "en-uk-reannounce.html"} <= names
    assert all(p.exists() for p in written)
    readme = (tmp_path / "tour" / "README.md").read_text(encoding="utf-8")
    for p in written:
        if p.name != "README.md":
            assert f"`{p.name}" in readme, f"{p.name} is copied but the README does not say what it is for"
    assert not (tmp_path / "tour" / "winter-air-defence" / "plan").exists()  # a shipped plan folder is left out
    copied = load_scenario(tmp_path / "tour" / "winter-air-defence")
    shipped = load_scenario(example_path())
    assert copied.needs.equals(shipped.needs) and copied.stocks.equals(shipped.stocks)


def test_bad_has_exactly_the_mistakes_it_announces(tmp_path: Path) -> None:
    copy_examples(tmp_path)
    with pytest.raises(ScenarioError) as e:
        load_scenario(tmp_path / "bad")
    got = [(Path(p.file).name, p.row, p.field) for p in e.value.problems]
    assert got == [(name, row + 2, fld) for name, row, fld, _ in BROKEN]


def test_nothing_is_overwritten(tmp_path: Path) -> None:
    (tmp_path / "winter-air-defence").mkdir()
    (tmp_path / "winter-air-defence" / "mine.txt").write_text("keep")
    with pytest.raises(AllyplanError, match="winter-air-defence already exists; nothing was copied"):
        copy_examples(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["winter-air-defence"]
    assert (tmp_path / "winter-air-defence" / "mine.txt").read_text() == "keep"
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(AllyplanError, match="is a file; give a folder"):
        copy_examples(f)


def test_shipped_examples_are_where_the_package_says() -> None:
    assert (examples_root() / "winter-air-defence") == example_path()
    assert (examples_root() / "ledger").is_dir() and (examples_root() / "documents").is_dir()
