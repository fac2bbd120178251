"""The simplex scaling the planner asks HiGHS for changes the LP relaxation's path, not its optimum."""

from __future__ import annotations

import highspy
import pytest

from allyplan.generate import generate_scenario
from allyplan.planner import build_model
from allyplan.planner.solve import SIMPLEX_SCALE, _highs, _lp, _run


@pytest.mark.parametrize("seed", [0, 3])
def test_the_lp_relaxation_has_the_same_optimum_with_the_planners_scaling(seed: int) -> None:
    m, _ = build_model(generate_scenario(donors=6, items=40, needs=60, months=12, seed=seed))
    lp, _ = _lp(m)
    optima = {}
    for scale in (SIMPLEX_SCALE, 2):  # 2: HiGHS's default
        h = _highs(lp, 60.0, 1e-4, 1)
        assert h.getOptionValue("simplex_scale_strategy")[1] == SIMPLEX_SCALE  # every planner instance has it
        h.setOptionValue("simplex_scale_strategy", scale)
        assert _run(h)
        assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal
        optima[scale] = float(h.getInfo().objective_function_value)
    # (equal within the simplex tolerances, 1e-7: the two scalings end on different optimal vertices)
    assert optima[SIMPLEX_SCALE] == pytest.approx(optima[2], rel=1e-7)
