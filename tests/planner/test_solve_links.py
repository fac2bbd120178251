"""The sub-models' links found once per model (:class:`allyplan.planner.solve._Links`): the same columns and rows as
a walk through the rows, for any set of columns, with rows left aside or not."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from allyplan.generate import generate_scenario
from allyplan.planner import build_model
from allyplan.planner.constraints import ACCOUNTING_ROWS
from allyplan.planner.solve import _blocked, _Links


def _walk(A: Any, integral: np.ndarray, start: np.ndarray, skip: np.ndarray | None = None
          ) -> tuple[np.ndarray, np.ndarray]:
    """The definition, row by row: the rows ``start`` touches (but ``skip``), the continuous columns in them, their
    rows, and so on until nothing is added."""
    At = A.T.tocsr()
    cols = start.copy()
    rows = np.zeros(A.shape[0], dtype=bool)
    frontier = np.flatnonzero(cols)
    while len(frontier):
        new = np.unique(At[frontier].indices)
        new = new[~rows[new]] if skip is None else new[~rows[new] & ~skip[new]]
        rows[new] = True
        linked = np.unique(A[new].indices)
        frontier = linked[~integral[linked] & ~cols[linked]]
        cols[frontier] = True
    return cols, rows


@st.composite
def _cases(draw: st.DrawFn) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray, np.ndarray | None]:
    n_rows = draw(st.integers(1, 12))
    n_cols = draw(st.integers(1, 15))
    cells = draw(st.lists(st.tuples(st.integers(0, n_rows - 1), st.integers(0, n_cols - 1),
                                    st.sampled_from([-2.0, -1.0, 0.5, 1.0, 3.0])), max_size=40))
    r = np.array([c[0] for c in cells], dtype=np.int64)
    c = np.array([c[1] for c in cells], dtype=np.int64)
    v = np.array([c[2] for c in cells], dtype=float)
    A = sp.csr_matrix((v, (r, c)), shape=(n_rows, n_cols))
    A.sum_duplicates()
    integral = np.array(draw(st.lists(st.booleans(), min_size=n_cols, max_size=n_cols)), dtype=bool)
    start = np.array(draw(st.lists(st.booleans(), min_size=n_cols, max_size=n_cols)), dtype=bool)
    skip = (np.array(draw(st.lists(st.booleans(), min_size=n_rows, max_size=n_rows)), dtype=bool)
            if draw(st.booleans()) else None)
    return A, integral, start, skip


@settings(max_examples=300, deadline=None)
@given(_cases())
def test_the_closure_is_the_walk_through_the_rows(case: tuple[sp.csr_matrix, np.ndarray, np.ndarray,
                                                              np.ndarray | None]) -> None:
    A, integral, start, skip = case
    cols, rows = _Links(A, integral, skip).closure(start)
    want_cols, want_rows = _walk(A, integral, start, skip)
    assert np.array_equal(cols, want_cols)
    assert np.array_equal(rows, want_rows)


def test_a_level_chain_is_followed_to_its_end_and_an_integer_column_stops_it() -> None:
    # rows: level_t = level_{t-1} + alloc_t (continuous levels 0..3, integer allocations 4..7); row 4 ties the
    # allocation of month 0 to another need's level (column 8) through an integer column only
    A = sp.csr_matrix(np.array([
        [1, 0, 0, 0, -1, 0, 0, 0, 0],
        [-1, 1, 0, 0, 0, -1, 0, 0, 0],
        [0, -1, 1, 0, 0, 0, -1, 0, 0],
        [0, 0, -1, 1, 0, 0, 0, -1, 0],
        [0, 0, 0, 0, 1, 0, 0, 0, 1],
    ], dtype=float))
    integral = np.array([False] * 4 + [True] * 4 + [False])
    start = np.zeros(9, dtype=bool)
    start[6] = True  # the allocation of month 2
    cols, rows = _Links(A, integral).closure(start)
    assert np.flatnonzero(cols).tolist() == [0, 1, 2, 3, 6]  # the whole chain, not the other allocations
    assert np.flatnonzero(rows).tolist() == [0, 1, 2, 3]
    start[:] = False
    start[4] = True  # month 0's allocation also reaches the other need's level through row 4
    cols, rows = _Links(A, integral).closure(start)
    assert np.flatnonzero(cols).tolist() == [0, 1, 2, 3, 4, 8]
    assert rows.all()


def test_on_a_generated_model_the_closures_and_the_blocked_columns_are_the_walks() -> None:
    m, _ = build_model(generate_scenario(donors=5, items=40, needs=60, months=12, seed=3))
    A = m.matrix()
    _, _, integral, _, _ = m.bounds()
    accounting = m.row_mask(*ACCOUNTING_ROWS)
    rng = np.random.default_rng(0)
    links, aside = _Links(A, integral), _Links(A, integral, accounting)
    for _ in range(5):
        start = np.zeros(m.n_cols, dtype=bool)
        start[rng.choice(np.flatnonzero(integral), 20, replace=False)] = True
        for got, want in ((links.closure(start), _walk(A, integral, start)),
                          (aside.closure(start), _walk(A, integral, start, accounting))):
            assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])
        # blocked: the sub-model's columns and every column with a nonzero in its rows (accounting rows aside)
        cols, rows = _walk(A, integral, start, accounting)
        want = cols | ((abs(A.T.tocsr()) @ rows.astype(float)) > 0)
        assert np.array_equal(_blocked([start], A, integral, accounting, aside), want)
        assert np.array_equal(_blocked([start], A, integral, accounting), want)
