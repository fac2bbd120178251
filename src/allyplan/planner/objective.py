"""Stage 3: the objective, in order of precedence (DESIGN.md rule 9).

1. priority-weighted unmet need (``weights.unmet`` per whole need left short at the end) and lateness
   (``weights.late`` per whole need short for a month after it is due);
2. new platform types (``weights.new_platform`` each);
3. fair burden sharing (``weights.fairness`` per EUR bn a donor departs from its GDP share);
4. value drawn from donor stocks (``weights.drawdown`` per EUR bn).

Shortfalls are measured as fractions of each need, so a need for 7 batteries and one for 100,000 shells weigh
the same at the same priority. The default weights keep each tier far above the next for any shortfall of a
whole unit of a lumpy item.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from allyplan.planner.inputs import PlanInputs, map_values
from allyplan.planner.model import Model

__all__ = ["define_objective", "plan_objective"]

BN = 1e9
DEV_PER_BN = 1e3  # the burden rows measure value in EUR m


def define_objective(m: Model, d: PlanInputs) -> None:
    w = d.scenario.config.weights
    T = d.scenario.horizon
    nd = d.needs.set_index("id")
    sh = m.vars["short"]
    prio = map_values(sh["need"], nd["priority"]).to_numpy(dtype=float)
    hold = map_values(sh["need"], nd["kind"]).to_numpy() == "hold"
    q = map_values(sh["need"], nd["Q"]).to_numpy(dtype=float)
    r = map_values(sh["need"], nd["r"]).to_numpy(dtype=float)
    per_month = np.where(hold, q, r)
    late = w.late * prio / np.maximum(per_month, 1e-9)
    # Unmet at the end: a hold need's shortfall in the last month; a flow need's total unmet consumption.
    final = np.where(hold, sh["month"].to_numpy() == T - 1, True)
    unmet = np.where(final, w.unmet * prio / np.maximum(q, 1e-9), 0.0)
    m.set_cost(sh["col"].to_numpy(), late + unmet)
    m.set_cost(m.vars["new"]["col"].to_numpy(), np.full(len(m.vars["new"]), w.new_platform))
    m.set_cost(m.vars["dev"]["col"].to_numpy(), np.full(len(m.vars["dev"]), w.fairness / DEV_PER_BN))
    st = m.vars["stock"]
    m.set_cost(st["col"].to_numpy(), w.drawdown * map_values(st["item"], d.items["unit_value_eur"]).to_numpy() / BN)
    m.full_cost()


def plan_objective(d: PlanInputs, coverage: pd.DataFrame, deliveries: pd.DataFrame, burden: pd.DataFrame
                   ) -> dict[str, float]:
    """The objective of a plan in whole units, term by term, computed from its tables (as the model would)."""
    w = d.scenario.config.weights
    T = d.scenario.horizon
    nd = d.needs.set_index("id")
    c = coverage[coverage["short"] > 0]
    prio = map_values(c["need"], nd["priority"]).to_numpy(dtype=float)
    hold = map_values(c["need"], nd["kind"]).to_numpy() == "hold"
    q = map_values(c["need"], nd["Q"]).to_numpy(dtype=float)
    r = map_values(c["need"], nd["r"]).to_numpy(dtype=float)
    short = c["short"].to_numpy(dtype=float)
    late = float((w.late * prio * short / np.maximum(np.where(hold, q, r), 1e-9)).sum())
    final = np.where(hold, c["month"].to_numpy() == T - 1, True)
    unmet = float((w.unmet * prio * short * final / np.maximum(q, 1e-9)).sum())
    platforms = set(d.items.index[d.items["platform"]])
    new = (set(deliveries["item"]) & platforms) - d.operated - set(d.baseline["item"])
    total = burden["value_eur"].sum()
    dev = float((burden["value_eur"] - burden["gdp_share"] * total).abs().sum())
    stock = deliveries[deliveries["source"] == "stock"]
    drawn = float(stock["value_eur"].sum())
    terms = {"unmet": unmet, "late": late, "new_platform": w.new_platform * len(new),
             "fairness": w.fairness * dev / BN, "drawdown": w.drawdown * drawn / BN}
    terms["total"] = sum(terms.values())
    return terms
