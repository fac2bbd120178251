"""Months written YYYY-MM and their numbers: known answers and the round trip for every month."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allyplan.months import MONTH_RE, month_label, month_number


def test_known_months() -> None:
    assert month_number("0000-01") == 0
    assert month_number("2026-12") == 2026 * 12 + 11
    assert month_number("2027-01") - month_number("2026-12") == 1
    assert month_number(" 2027-03 ") == month_number("2027-03")  # blanks around a cell are ignored
    assert month_label(2027 * 12) == "2027-01" and month_label(2027 * 12 - 1) == "2026-12"
    assert month_label(5) == "0000-06"


@pytest.mark.parametrize("bad", ["2026-13", "2026-00", "2026-1", "26-01", "2026/01", "2026-01-05", "", "soon",
                                 "2026-1a"])
def test_what_is_not_a_month_is_refused_with_the_form_to_use(bad: str) -> None:
    with pytest.raises(ValueError, match=r"is not a month; write it as YYYY-MM, e.g. 2026-12") as e:
        month_number(bad)
    assert repr(bad) in str(e.value)
    assert not MONTH_RE.match(bad.strip())


@given(st.integers(min_value=0, max_value=9999 * 12 + 11))
def test_every_month_number_round_trips(n: int) -> None:
    label = month_label(n)
    assert MONTH_RE.match(label)
    assert month_number(label) == n


@given(st.integers(0, 9999), st.integers(1, 12), st.integers(-600, 600))
def test_offsets_are_calendar_arithmetic(year: int, month: int, k: int) -> None:
    n = month_number(f"{year:04d}-{month:02d}")
    if n + k >= 0:
        y, m = divmod(month - 1 + k, 12)
        assert month_label(n + k) == f"{year + y:04d}-{m + 1:02d}"
