"""Re-planning draws fast: one superset model per worker (:class:`~allyplan.planner.resolve.Replanner`), whose
bounds each draw sets, instead of building the whole model and the plan's tables for every draw."""

from __future__ import annotations

import math

import numpy as np

from allyplan.planner.resolve import DrawValues, Replanner
from allyplan.scenario import Scenario
from allyplan.sweep.uncertainty import Draw, Factors

__all__ = ["replanner_for", "draw_values"]


def replanner_for(s: Scenario, f: Factors) -> Replanner:
    """The re-planner of a scenario for the draws of ``f``: delays up to the largest each donor's distribution
    allows (rounded as draws are, at most the horizon)."""
    longest: dict[str, int] = {}
    for donor, dist in zip(f.donors, f.dists["donor_delay"], strict=True):
        hi = 0.0 if dist is None else dist.support()[1]
        longest[donor] = int(min(math.floor(hi + 0.5), s.horizon)) if math.isfinite(hi) else s.horizon
    return Replanner(s, longest, list(f.pledges))


def draw_values(s: Scenario, f: Factors, d: Draw, j: int = 0) -> DrawValues:
    """Sample ``j`` of a batch of draws, aligned with the scenario's tables (as :func:`apply_draw` reads it)."""
    comes = np.ones(len(s.pledges))
    if len(f.pledges):
        comes[np.asarray(f.pledges, dtype=np.int64)] = d.pledge_comes[j]
    return DrawValues({k: float(v) for k, v in zip(f.donors, d.donor_delay[j], strict=True)},
                      np.asarray(d.line_delay[j], dtype=float), np.asarray(d.line_capacity[j], dtype=float),
                      np.asarray(d.need_demand[j], dtype=float), comes)
