"""Who may send what: policies and red lines on a small hand-made scenario, and their order of precedence."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from allyplan.parties import blocked_by, item_tags, red_line_of, release_share
from tests.conftest import ITEMS, make

PARTIES = [{"code": c, "name": c, "gdp_eur_bn": "10"} for c in ("UA", "A", "B", "C", "D", "E", "F", "G")]


def scenario(policies: list[dict[str, Any]], red_lines: list[str] | None = None) -> Any:
    tables: dict[str, list[dict[str, Any]]] = {"items": [dict(i) for i in ITEMS], "parties": PARTIES}
    if policies:
        tables["policies"] = policies
    return make(tables, red_lines=red_lines)


def test_each_rule_blocks_what_it_says_and_nothing_else() -> None:
    s = scenario([
        {"party": "A", "rule": "non-lethal-only", "value": ""},
        {"party": "B", "rule": "forbid-category", "value": "energy"},
        {"party": "C", "rule": "forbid-item", "value": "alt"},
        {"party": "D", "rule": "forbid-tag", "value": "long-range"},
        {"party": "E", "rule": "no-military-aid", "value": ""},
        {"party": "F", "rule": "max-release-share", "value": "0.25"},
    ])
    items = ["sys", "gen", "alt", "lrs"]
    got = {p: blocked_by(s, [p] * 4, items).tolist() for p in ("A", "B", "C", "D", "E", "F", "G")}
    assert got == {
        "A": ["policy: A non-lethal-only", "", "policy: A non-lethal-only", "policy: A non-lethal-only"],
        "B": ["", "policy: B forbid-category energy", "", ""],
        "C": ["", "", "policy: C forbid-item alt", ""],
        "D": ["", "", "", "policy: D forbid-tag long-range"],
        "E": ["policy: E no-military-aid"] * 4,
        "F": ["", "", "", ""],  # a release share limits how much, not what
        "G": ["", "", "", ""],
    }
    assert release_share(s, ["F", "A", "G"]).tolist() == [0.25, 1.0, 1.0]


def test_red_lines_come_first_then_policies_in_file_order() -> None:
    s = scenario([{"party": "A", "rule": "forbid-item", "value": "lrs"},
                  {"party": "A", "rule": "non-lethal-only", "value": ""},
                  {"party": "B", "rule": "non-lethal-only", "value": ""},
                  {"party": "B", "rule": "forbid-item", "value": "sys"}],
                 red_lines=["long-range", "energy"])
    got = blocked_by(s, ["A", "A", "B", "B", "G"], ["lrs", "sys", "sys", "gen", "gen"]).tolist()
    assert got == ["red line: long-range", "policy: A non-lethal-only", "policy: B non-lethal-only",
                   "red line: energy", "red line: energy"]
    # a red line may be a tag, a category or an item id; the first listed wins
    s2 = scenario([], red_lines=["sys", "air-defence"])
    assert red_line_of(s2, ["sys", "alt", "gen"]).tolist() == ["red line: sys", "red line: air-defence", ""]


def test_no_rules_block_nothing() -> None:
    s = scenario([])
    assert blocked_by(s, ["A", "B"], ["lrs", "sys"]).tolist() == ["", ""]
    assert blocked_by(s, [], []).tolist() == []
    assert red_line_of(s, ["sys"]).tolist() == [""]


def test_the_smallest_release_share_of_a_party_holds() -> None:
    s = scenario([{"party": "A", "rule": "max-release-share", "value": "0.5"},
                  {"party": "A", "rule": "max-release-share", "value": "0.2"}])
    assert release_share(s, ["A", "B"]).tolist() == [0.2, 1.0]


def test_item_tags_split_and_trim() -> None:
    items = [dict(i) for i in ITEMS]
    items[0]["tags"] = " long-range ; gbad;;"
    s = make({"items": items})
    t = item_tags(s)
    assert sorted(map(tuple, t.to_numpy().tolist())) == [("lrs", "long-range"), ("sys", "gbad"),
                                                         ("sys", "long-range")]


RULE_VALUES = [("non-lethal-only", ""), ("no-military-aid", ""), ("forbid-category", "energy"),
               ("forbid-category", "air-defence"), ("forbid-item", "sys"), ("forbid-item", "lrs"),
               ("forbid-tag", "long-range"), ("forbid-tag", "nothing-has-it")]


@settings(deadline=None, max_examples=60)
@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C"]), st.sampled_from(RULE_VALUES)), max_size=6),
       st.lists(st.sampled_from(["long-range", "energy", "gen", "air-defence"]), max_size=2, unique=True))
def test_blocked_means_some_rule_forbids_it(rules: list[tuple[str, tuple[str, str]]], red: list[str]) -> None:
    """Whatever the policies: a pair is blocked exactly when a red line or one of the party's rules forbids it,
    and the reason names the first (red lines first, then the party's rules in file order)."""
    pol = [{"party": p, "rule": r, "value": v} for p, (r, v) in rules]
    s = scenario(pol, red_lines=red)
    parties, items = np.repeat(["A", "B", "C", "G"], 5), np.tile(["sys", "alt", "msl", "gen", "lrs"], 4)
    info = {i["id"]: i for i in ITEMS}

    def forbids(party: str, item: str, rule: str, value: str) -> bool:
        it = info[item]
        return {"non-lethal-only": it["lethal"] == "true", "no-military-aid": True,
                "forbid-category": it["category"] == value, "forbid-item": item == value,
                "forbid-tag": value in it.get("tags", "").split(";")}[rule]

    for party, item, why in zip(parties, items, blocked_by(s, parties, items), strict=True):
        it = info[item]
        crossed = [r for r in red if r in (it["category"], item) or r in it.get("tags", "").split(";")]
        own = [(r, v) for p, r, v in ((x["party"], x["rule"], x["value"]) for x in pol)
               if p == party and forbids(party, item, r, v)]
        if crossed:
            assert why == f"red line: {crossed[0]}"
        elif own:
            r, v = own[0]
            assert why == f"policy: {party} {r}" + (f" {v}" if v else "")
        else:
            assert why == ""
