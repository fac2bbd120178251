"""Which integer columns a fix-and-optimise step frees: the needs a whole-unit plan loses against the LP
relaxation, with every item that could serve them.

A whole-unit plan made by rounding loses need in a few places: a hold need for 7 equivalents filled 4 x 0.9 +
2 x 1.4 where 3 x 0.9 + 3 x 1.4 holds more, a flow need whose interceptors went to another need, a platform
rounded away. The losses are local: the needs whose shortfall costs more in the plan than in the LP relaxation,
the items they accept, and the other needs those items serve. :func:`make_neighbourhood` returns a function that
marks those columns (allocations of the items, to any need; the items' shipments and those of the platforms they
require; the new-platform binaries of those platforms); the solver keeps every other integer column at the
plan's value and lets HiGHS re-decide the marked ones, starting from the plan (a sub-MIP far smaller than the
model, so its branch and bound is quick).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from allyplan.planner.inputs import PlanInputs
from allyplan.planner.model import Model

__all__ = ["Neighbourhood", "make_neighbourhood", "need_losses"]

#: (the plan, the LP relaxation's solution, most integer columns to free, columns not to free or None) -> mask over
#: the columns to free
Neighbourhood = Callable[[np.ndarray, np.ndarray, int, np.ndarray | None], np.ndarray]


def need_losses(m: Model, plan: np.ndarray, relaxed: np.ndarray) -> pd.Series:
    """Per need, how much more its shortfall costs in ``plan`` than in ``relaxed`` (needs that lose only),
    largest first."""
    sh = m.vars["short"]
    cols = sh["col"].to_numpy()
    cost = m.full_cost()[cols]
    loss = pd.Series(cost * (plan[cols] - relaxed[cols])).groupby(sh["need"].to_numpy()).sum()
    return loss[loss > 1e-6].sort_values(ascending=False, kind="stable")


def make_neighbourhood(m: Model, d: PlanInputs) -> Neighbourhood:
    """The neighbourhood function for the model ``m`` of the inputs ``d`` (see the module's docstring)."""
    al = m.vars["alloc"]
    supply = pd.concat([m.vars["stock"][["item", "col"]], m.vars["buy"][["item", "col"]]], ignore_index=True)
    requires = d.items["requires"].fillna("")
    new = m.vars["new"]
    alloc_cols = al.groupby("item")["col"].apply(np.asarray)
    supply_cols = supply.groupby("item")["col"].apply(np.asarray)
    new_col = dict(zip(new["platform"], new["col"].to_numpy(), strict=True))
    items_of_need = d.accepts.groupby("need")["item"].apply(list)
    empty = np.zeros(0, dtype=np.int64)

    def item_columns(item: str) -> np.ndarray:
        """Allocations and shipments of ``item`` and of the platform it requires, and their new-platform
        binaries."""
        platform = str(requires.get(item, "") or "")
        both = [item, platform] if platform else [item]
        parts = [alloc_cols.get(item, empty)]
        parts += [supply_cols.get(i, empty) for i in both]
        parts.append(np.array([new_col[i] for i in both if i in new_col], dtype=np.int64))
        return np.unique(np.concatenate(parts).astype(np.int64))

    # Each item's columns, made once: a round asks for hundreds of needs' columns (0.1 s a round at 1x when
    # they were made from the tables each time, as long as the sub-MIP of 1,000 columns itself).
    by_item = {str(i): item_columns(str(i)) for i in d.accepts["item"].unique()}
    tried: set[str] = set()

    def free(plan: np.ndarray, relaxed: np.ndarray, most: int, blocked: np.ndarray | None = None) -> np.ndarray:
        """Columns to free for the needs that lose most and were not tried yet in this pass (a pass tries each
        losing need once; then the next pass begins); a need with a column in ``blocked`` is left for a later
        round (not marked tried)."""
        mask = np.zeros(m.n_cols, dtype=bool)
        items: set[str] = set()
        count = 0
        losses = need_losses(m, plan, relaxed).index
        if not set(losses) - tried:
            tried.clear()  # every losing need was tried: start another pass from the plan as it now is
        for need in losses:
            if need in tried:
                continue
            more = set(items_of_need.get(need, [])) - items
            cols = np.unique(np.concatenate([by_item[i] for i in more])) if more else empty
            if blocked is not None and blocked[cols].any():
                continue
            cols = cols[~mask[cols]]
            if count + len(cols) > most and count:
                continue  # too large for what is left: smaller groups further down may still fit
            mask[cols] = True
            count += len(cols)
            items |= more
            tried.add(need)
        return mask

    return free
