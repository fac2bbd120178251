"""The model being built: variable families and constraint blocks as whole arrays.

A variable family is a DataFrame with one row per variable (its index labels: donor, item, month, ...) and a
``col`` column, its position in the flat variable vector. A constraint block adds rows at once from coordinate
arrays (row, col, coefficient). Nothing here loops over variables or constraints.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from allyplan.planner.inputs import map_values

__all__ = ["Model", "INF"]

INF = float("inf")


@dataclass
class Model:
    """Variables, constraints and objective of one plan, as flat arrays."""

    vars: dict[str, pd.DataFrame] = field(default_factory=dict)
    rows: dict[str, pd.DataFrame] = field(default_factory=dict)
    lb: list[np.ndarray] = field(default_factory=list)
    ub: list[np.ndarray] = field(default_factory=list)
    integral: list[np.ndarray] = field(default_factory=list)
    cost: np.ndarray = field(default_factory=lambda: np.zeros(0))
    _r: list[np.ndarray] = field(default_factory=list)
    _c: list[np.ndarray] = field(default_factory=list)
    _v: list[np.ndarray] = field(default_factory=list)
    row_lb: list[np.ndarray] = field(default_factory=list)
    row_ub: list[np.ndarray] = field(default_factory=list)
    _matrix: sp.csr_matrix | None = None
    n_cols: int = 0
    n_rows: int = 0
    offset: float = 0.0

    def add_variables(self, name: str, index: pd.DataFrame, lb: object = 0.0, ub: object = INF,
                      integral: object = False) -> pd.DataFrame:
        """Add one variable per row of ``index``; returns ``index`` with its ``col`` positions."""
        n = len(index)
        frame = index.reset_index(drop=True).copy()
        frame["col"] = np.arange(self.n_cols, self.n_cols + n)
        self.lb.append(np.broadcast_to(np.asarray(lb, dtype=float), (n,)).copy())
        self.ub.append(np.broadcast_to(np.asarray(ub, dtype=float), (n,)).copy())
        self.integral.append(np.broadcast_to(np.asarray(integral, dtype=bool), (n,)).copy())
        self.n_cols += n
        self.vars[name] = frame
        return frame

    def add_constraints(self, name: str, index: pd.DataFrame, rows: np.ndarray, cols: np.ndarray,
                        coefs: np.ndarray, lower: object, upper: object) -> pd.DataFrame:
        """Add one row per row of ``index``; ``rows`` index into ``index`` (0-based within this block)."""
        n = len(index)
        frame = index.reset_index(drop=True).copy()
        frame["row"] = np.arange(self.n_rows, self.n_rows + n)
        keep = np.asarray(coefs) != 0
        self._r.append(np.asarray(rows, dtype=np.int64)[keep] + self.n_rows)
        self._c.append(np.asarray(cols, dtype=np.int64)[keep])
        self._v.append(np.asarray(coefs, dtype=float)[keep])
        self.row_lb.append(np.broadcast_to(np.asarray(lower, dtype=float), (n,)).copy())
        self.row_ub.append(np.broadcast_to(np.asarray(upper, dtype=float), (n,)).copy())
        self.n_rows += n
        self.rows[name] = frame
        return frame

    def set_cost(self, cols: np.ndarray, coefs: np.ndarray) -> None:
        """Add ``coefs`` to the objective coefficients of ``cols`` (repeated columns add up)."""
        if self.cost.size < self.n_cols:
            self.cost = np.concatenate([self.cost, np.zeros(self.n_cols - self.cost.size)])
        np.add.at(self.cost, np.asarray(cols, dtype=np.int64), np.asarray(coefs, dtype=float))

    def matrix(self) -> sp.csr_matrix:
        """The constraint matrix in CSR form (duplicate entries summed), built once."""
        if self._matrix is not None and self._matrix.shape == (self.n_rows, self.n_cols):
            return self._matrix
        r = np.concatenate(self._r) if self._r else np.zeros(0, dtype=np.int64)
        c = np.concatenate(self._c) if self._c else np.zeros(0, dtype=np.int64)
        v = np.concatenate(self._v) if self._v else np.zeros(0)
        m = sp.csr_matrix((v, (r, c)), shape=(self.n_rows, self.n_cols))
        m.sum_duplicates()
        self._matrix = m
        return m

    def bounds(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(col lb, col ub, integrality, row lb, row ub) as flat arrays."""
        cat = lambda xs, dt=float: np.concatenate(xs) if xs else np.zeros(0, dtype=dt)  # noqa: E731
        return cat(self.lb), cat(self.ub), cat(self.integral, bool), cat(self.row_lb), cat(self.row_ub)

    def family_mask(self, name: str) -> np.ndarray:
        """Boolean mask over all columns: True for the columns of variable family ``name``."""
        mask = np.zeros(self.n_cols, dtype=bool)
        if name in self.vars:
            mask[self.vars[name]["col"].to_numpy()] = True
        return mask

    def row_mask(self, *names: str) -> np.ndarray:
        """Boolean mask over all rows: True for the rows of the constraint blocks ``names``."""
        mask = np.zeros(self.n_rows, dtype=bool)
        for name in names:
            if name in self.rows:
                mask[self.rows[name]["row"].to_numpy()] = True
        return mask

    def ub_array(self) -> np.ndarray:
        return np.concatenate(self.ub) if self.ub else np.zeros(0)

    def platform_ids(self) -> np.ndarray:
        """For each column, a number identifying the platform it supplies (stock and buy columns of platforms
        other items require), or -1."""
        ids = np.full(self.n_cols, -1, dtype=np.int64)
        tracked = {p: i for i, p in enumerate(sorted(set(self.vars["cum"]["platform"])))} if "cum" in self.vars else {}
        for fam in ("stock", "buy"):
            v = self.vars.get(fam)
            if v is not None and len(v):
                ids[v["col"].to_numpy()] = map_values(v["item"], tracked).fillna(-1).to_numpy(dtype=np.int64)
        return ids

    def full_cost(self) -> np.ndarray:
        if self.cost.size < self.n_cols:
            self.set_cost(np.zeros(0, dtype=np.int64), np.zeros(0))
        return self.cost
