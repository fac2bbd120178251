"""The access rules on their own: the role matrix as data, and the rules that must always hold."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allyplan.access import (
    CONFIDENTIAL,
    MIN_PARTIES,
    ROLES,
    TOTALS,
    Principal,
    can,
    can_edit_row,
    can_edit_table,
    can_see_ask_sheet,
    coalition_totals,
    table_view,
    visible_rows,
)
from allyplan.schema import TABLES

COORD, DE, UA, VIEW = (Principal("c", "coordinator"), Principal("d", "donor", "DE"), Principal("u", "recipient", "UA"),
                       Principal("v", "viewer"))


def test_the_table_matrix() -> None:
    expected = {
        "coordinator": dict.fromkeys(TABLES, "all"),
        "donor": {"parties": "all", "items": "all", "stocks": "own+totals", "production": "own+totals",
                  "funds": "own+totals", "needs": "all", "policies": "own", "holdings": "all", "pledges": "public"},
        "recipient": {"parties": "all", "items": "all", "stocks": "none", "production": "none", "funds": "none",
                      "needs": "all", "policies": "none", "holdings": "all", "pledges": "public"},
        "viewer": {"parties": "none", "items": "none", "stocks": "none", "production": "none", "funds": "none",
                   "needs": "none", "policies": "none", "holdings": "none", "pledges": "public"},
    }
    for p in (COORD, DE, UA, VIEW):
        assert {t: table_view(p, t) for t in TABLES} == expected[p.role]
    assert {t for t in TABLES if can_edit_table(DE, t)} == {"stocks", "production", "funds", "policies", "pledges"}
    assert {t for t in TABLES if can_edit_table(UA, t)} == {"needs", "holdings"}
    assert not any(can_edit_table(VIEW, t) for t in TABLES)
    assert all(can_edit_table(COORD, t) for t in TABLES)


def test_rows_belong_to_their_party() -> None:
    assert can_edit_row(DE, "stocks", {"donor": "DE"}) and not can_edit_row(DE, "stocks", {"donor": "FR"})
    assert can_edit_row(DE, "production", {"producer": "DE"}) and not can_edit_row(DE, "production",
                                                                                   {"producer": "Rheinmetall"})
    assert can_edit_row(DE, "policies", {"party": "DE"}) and not can_edit_row(DE, "needs", {})
    assert not can_edit_row(Principal("x", "donor", None), "stocks", {"donor": ""})  # a donor without a party: none
    pledges = [{"donor": "FR", "status": "considering"}, {"donor": "FR", "status": "committed"},
               {"donor": "DE", "status": "considering"}]
    assert visible_rows(DE, "pledges", pledges) == pledges[1:]
    assert visible_rows(UA, "pledges", pledges) == pledges[1:2]
    assert visible_rows(VIEW, "stocks", [{"donor": "DE"}]) == []


def test_actions() -> None:
    assert [r for r in ROLES if can(Principal("x", r, "DE" if r in ("donor", "recipient") else None), "run_plan")] \
        == ["coordinator"]
    assert can(UA, "see_shortfalls") and not can(DE, "see_shortfalls") and not can(VIEW, "see_coverage")
    assert can_see_ask_sheet(DE, "DE") and not can_see_ask_sheet(DE, "FR") and can_see_ask_sheet(COORD, "FR")
    assert not can_see_ask_sheet(UA, "UA")
    with pytest.raises(ValueError, match="unknown role"):
        Principal("x", "admin")


rows = st.lists(st.fixed_dictionaries({
    "donor": st.sampled_from(["DE", "FR", "NL", "PL", "US"]), "item": st.sampled_from(["a", "b", "c"]),
    "quantity": st.integers(0, 10_000).map(str), "floor": st.integers(0, 10_000).map(str)}), max_size=30)


@settings(max_examples=300, deadline=None)
@given(rows)
def test_totals_reveal_no_single_party(data: list[dict[str, str]]) -> None:
    """A column's total is shown only when at least three other parties have a figure other than zero in it, never
    counts the viewer's own rows, and is the sum of the other parties' rows; a key is listed only with at least one
    such total, and how many parties hold a key is never told."""
    t = coalition_totals(DE, "stocks", data)
    assert list(t.columns) == ["item", "quantity", "floor"]
    listed = {r["item"]: r for r in t.to_dict("records")}
    for item in {x["item"] for x in data}:
        others = [x for x in data if x["item"] == item and x["donor"] != "DE"]
        given = {}
        for c in ("quantity", "floor"):
            nonzero = {x["donor"] for x in others if float(x[c]) != 0}
            given[c] = len(nonzero) >= MIN_PARTIES
        if not any(given.values()):
            assert item not in listed  # nothing but who holds it would show
            continue
        r = listed[item]
        for c in ("quantity", "floor"):
            if given[c]:
                assert r[c] == sum(float(x[c]) for x in others)
            else:
                assert math.isnan(r[c])
    assert set(TOTALS) <= CONFIDENTIAL
    assert coalition_totals(COORD, "stocks", data).empty and coalition_totals(UA, "stocks", data).empty


def test_zero_rows_do_not_make_a_total_of_one_party() -> None:
    """FR and PL enter rows of zero next to NL's real figures: a "total over three parties" would be NL's own
    figure, so it is withheld, and with every figure of the item withheld the item is not listed at all (it used to
    be, with "3 parties" next to the withheld figures: who holds it); an item two other parties hold is not listed."""
    data = [{"donor": "NL", "item": "a", "quantity": "7331", "floor": "7329"},
            {"donor": "FR", "item": "a", "quantity": "0", "floor": "0"},
            {"donor": "PL", "item": "a", "quantity": "0", "floor": "0"},
            {"donor": "NL", "item": "b", "quantity": "5", "floor": "1"},
            {"donor": "FR", "item": "b", "quantity": "6", "floor": "1"}]
    assert coalition_totals(DE, "stocks", data).empty
    data[1]["quantity"] = data[2]["quantity"] = "4"  # a real quantity total, floor still withheld
    t = coalition_totals(DE, "stocks", data).to_dict("records")
    assert len(t) == 1 and t[0]["item"] == "a" and "parties" not in t[0]
    assert t[0]["quantity"] == 7339 and math.isnan(t[0]["floor"])
