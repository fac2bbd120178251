"""The planner: from a scenario to a delivery plan, in stages (like PyPSA's optimisation).

``prepare`` -> ``define_variables`` -> ``define_constraints`` -> ``define_objective`` -> ``solve_model`` ->
``assign_results`` -> ``explain_shortfalls``. :func:`plan` runs them all.

>>> from allyplan import example_path, load_scenario
>>> p = plan(load_scenario(example_path()))
>>> p.status.value
'optimal'
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from allyplan.planner.constraints import define_constraints
from allyplan.planner.explain import explain_shortfalls
from allyplan.planner.greedy import greedy_solution
from allyplan.planner.improve import make_neighbourhood
from allyplan.planner.inputs import PlanInputs, map_values, prepare
from allyplan.planner.model import Model
from allyplan.planner.objective import define_objective, plan_objective
from allyplan.planner.results import assign_results, whole_solution
from allyplan.planner.rounding import make_up_filter
from allyplan.planner.solve import SolveProgress, SolveResult, SolveStatus, solve_model, write_model
from allyplan.planner.strengthen import strengthen
from allyplan.planner.variables import define_variables
from allyplan.scenario import Scenario

__all__ = ["Plan", "plan", "build_model", "write_model", "SolveStatus", "SolveProgress"]

MONTH_COLUMNS = {"deliveries": ["ship_month", "arrive_month"], "baseline": ["arrive_month"], "coverage": ["month"],
                 "shortfalls": ["month"]}


@dataclass
class Plan:
    """A delivery plan and everything said about it. Tables hold months as offsets from the scenario's start;
    :meth:`table` gives them with ``YYYY-MM`` labels."""

    scenario: Scenario
    status: SolveStatus
    objective: float
    bound: float
    gap: float
    deliveries: pd.DataFrame
    baseline: pd.DataFrame
    coverage: pd.DataFrame
    shortfalls: pd.DataFrame
    burden: pd.DataFrame
    terms: dict[str, float] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    size: dict[str, int] = field(default_factory=dict)
    #: the model's objective of the solution the tables were made from (equal to ``objective`` when it is whole)
    model_objective: float = float("nan")
    #: how the plan was found (HiGHS's status, or the rounding heuristic's)
    method: str = ""
    #: HiGHS's deterministic work: simplex iterations, branch-and-bound nodes
    work: dict[str, int] = field(default_factory=dict)
    #: the planner's prepared inputs (releasable stock, capacities, which fund may buy what), kept so that the
    #: report need not prepare them again; ``None`` for a plan made otherwise
    inputs: PlanInputs | None = field(default=None, repr=False, compare=False)

    @property
    def optimal(self) -> bool:
        return self.status is SolveStatus.OPTIMAL

    def table(self, name: str) -> pd.DataFrame:
        """A table with months written YYYY-MM, as the files show it."""
        df: pd.DataFrame = getattr(self, name).copy()
        for c in MONTH_COLUMNS.get(name, []):
            df[c] = self.scenario.labels(df[c]) if len(df) else df[c]
        return df

    def summary(self) -> dict[str, Any]:
        """Headline figures, as written to ``summary.json``."""
        cov = self.coverage
        nd = self.scenario.needs.set_index("id")
        at_end = cov[cov["month"] == self.scenario.horizon - 1].set_index("need")["covered"]
        total = cov.groupby("need")["covered"].sum()
        covered = pd.Series(np.where(nd["kind"] == "flow", total.reindex(nd.index).fillna(0.0),
                                     at_end.reindex(nd.index).fillna(0.0)), index=nd.index)
        by_need = [{"need": n, "kind": k, "priority": float(pr), "required": float(q), "covered": float(c)}
                   for n, k, pr, q, c in zip(nd.index, nd["kind"], nd["priority"], nd["quantity"], covered,
                                             strict=True)]
        return {
            "scenario": self.scenario.config.name,
            "start": self.scenario.config.start,
            "horizon_months": self.scenario.horizon,
            "status": self.status.value,
            "proven_optimal": self.optimal,
            "objective": self.objective,
            "objective_terms": self.terms,
            "bound": self.bound,
            "gap": self.gap,
            "model_objective": self.model_objective,
            "method": self.method,
            "solver_work": self.work,
            "timings_s": {k: round(v, 4) for k, v in self.timings.items()},
            "model": self.size,
            "deliveries": len(self.deliveries),
            "units_delivered": float(self.deliveries["quantity"].sum()),
            "value_eur": float(self.deliveries["value_eur"].sum()),
            "needs": len(by_need),
            "needs_fully_met": sum(1 for x in by_need if x["covered"] >= x["required"] - 1e-6),
            "shortfall_months": len(self.shortfalls),
            "coverage": by_need,
        }


def lumpy_columns(m: Model, d: PlanInputs) -> np.ndarray:
    """Mask over the columns: shipments of lumpy items (systems, vehicles, ...: the catalog's integral kinds)."""
    mask = np.zeros(m.n_cols, dtype=bool)
    for fam in ("stock", "buy"):
        v = m.vars[fam]
        mask[v["col"].to_numpy()] = map_values(v["item"], d.items["integral"]).to_numpy(dtype=bool)
    return mask


def build_model(s: Scenario, *, strengthened: bool = True) -> tuple[Model, PlanInputs]:
    """Stages 1-3: the model of a scenario, ready to solve (``strengthened=False``: without the rows and columns
    of :func:`~allyplan.planner.strengthen.strengthen`, which the caller then adds)."""
    d = prepare(s)
    m = Model()
    define_variables(m, d)
    define_constraints(m, d)
    define_objective(m, d)
    if strengthened:
        strengthen(m, d)  # cuts no whole-unit plan off: a tighter LP bound for mixed-factor needs
    return m, d


def plan(s: Scenario, *, time_limit: float = 60.0, gap: float = 1e-4, threads: int | None = None,
         progress: Callable[[SolveProgress], None] | None = None,
         model_file: str | os.PathLike[str] | None = None, polish: bool = True) -> Plan:
    """Compute a delivery plan for a scenario.

    ``time_limit`` (seconds of wall time for this whole call: build, solve, results and explanations, with time
    kept back for writing the tables) and
    ``gap`` (relative MIP gap) bound the work; when the time is up, the best plan found so far is returned.
    ``progress`` is called at each phase and while a long MILP solve runs. ``model_file`` (``.mps`` or
    ``.lp``): also write the model there, exactly as it is solved. ``polish``: close a gap already within ``gap``
    by a short branch and bound when the model is small (sweeps, comparing many plans, turn it off). The plan is
    always returned: unmet need is a variable, so no scenario is infeasible. Its tables are the solver's solution
    in whole units, so its objective is the model's objective of that solution.
    """
    t0 = time.perf_counter()
    deadline = t0 + time_limit
    m, d = build_model(s, strengthened=False)
    t_core = time.perf_counter()
    strengthen(m, d)
    if model_file is not None:
        write_model(m, model_file)
    t1 = time.perf_counter()
    # Keep back what turning the solution into tables, explaining and writing the plan folder take. Measured on
    # 2026-12-07 (the example, 1/8 and the large case, each stage's wall time in the same run): results +
    # explain + writing came to 3.8 to 5.5 times what building the model took (the smaller the case, the more
    # fixed costs such as loading the report's libraries count); writing itself is now about as long as building
    # (it was 14 times as long at 1x before plan.xlsx and report.html were made faster). Never more than half the
    # time left, so that a short limit still leaves the solver some. The measure is the model's build without its
    # strengthening (which adds rows the later stages never read: 1.0 of 1.4 s at 1x). Half a second more covers
    # the solver's last step past its deadline (0.1-0.2 s: the last neighbourhoods put together) and writing's
    # swings (at 1x 0.6-1.1 s): with a quarter, `allyplan plan --time-limit 10` at 1x ended 9.9-10.8 s.
    left = deadline - t1
    after = min(4.5 * (t_core - t0) + 0.5, 0.5 * left)
    res: SolveResult = solve_model(m, time_limit=max(left - after, 0.05), gap=gap, threads=threads,
                                   progress=progress, up_filter=make_up_filter(m, d),
                                   make_whole=lambda x: whole_solution(m, d, x), lumpy=lumpy_columns(m, d),
                                   neighbourhood=make_neighbourhood(m, d), polish=polish,
                                   fallback=lambda: greedy_solution(m, d))
    t2 = time.perf_counter()
    tables = assign_results(m, d, res.values)
    terms = plan_objective(d, tables["coverage"], tables["deliveries"], tables["burden"])
    t3 = time.perf_counter()
    # The plan's own objective, from its whole-unit tables: the model's, whenever the solution is whole.
    objective = terms["total"]
    rel_gap = max(0.0, (objective - res.bound) / max(abs(objective), 1e-9)) if np.isfinite(res.bound) else float(
        "nan")
    status = res.status
    if status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
        status = SolveStatus.OPTIMAL if rel_gap <= gap + 1e-9 else SolveStatus.FEASIBLE
    shortfalls = explain_shortfalls(d, tables["coverage"], tables["deliveries"],
                                    optimal=status is SolveStatus.OPTIMAL)
    t4 = time.perf_counter()
    A = m.matrix()
    _, _, integral, _, _ = m.bounds()
    size = {"variables": m.n_cols, "constraints": m.n_rows, "nonzeros": int(A.nnz), "integers": int(integral.sum())}
    return Plan(scenario=s, status=status, objective=objective, bound=res.bound, gap=rel_gap, terms=terms,
                deliveries=tables["deliveries"], baseline=tables["baseline"], coverage=tables["coverage"],
                shortfalls=shortfalls, burden=tables["burden"],
                timings={"build": t1 - t0, "solve": t2 - t1, "results": t3 - t2, "explain": t4 - t3,
                         **{f"solve_{k}": v for k, v in res.steps.items()}}, size=size,
                model_objective=res.objective, method=res.highs_status, work=res.work, inputs=d)
