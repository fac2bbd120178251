"""Uncertainty sweeps: draw scenarios from an uncertainty file, re-plan each draw (or re-evaluate one plan under
each, ``fixed``), in this process, on local worker processes or on a Dask cluster, and say how robust the plan is
and which commitments matter most.

>>> import tempfile
>>> from allyplan import example_path, load_scenario, plan
>>> s = load_scenario(example_path())
>>> out = tempfile.mkdtemp() + "/sweep"
>>> setup = prepare_sweep(out, s, default_spec(), samples=20, fixed=plan(s))
>>> run_sweep(setup, workers=1).complete
True
"""

from __future__ import annotations

from allyplan.sweep.evaluate import FixedEvaluator, Outcomes
from allyplan.sweep.results import SweepTables, load_tables, need_table, sensitivity_table
from allyplan.sweep.runner import (
    SweepProgress,
    SweepResult,
    SweepSetup,
    open_sweep,
    prepare_sweep,
    run_sweep,
)
from allyplan.sweep.uncertainty import (
    Draw,
    Factors,
    UncertaintySpec,
    apply_draw,
    compile_factors,
    default_spec,
    default_text,
    draw,
    load_spec,
)

__all__ = [
    "Draw",
    "Factors",
    "FixedEvaluator",
    "Outcomes",
    "SweepProgress",
    "SweepResult",
    "SweepSetup",
    "SweepTables",
    "UncertaintySpec",
    "apply_draw",
    "compile_factors",
    "default_spec",
    "default_text",
    "draw",
    "load_spec",
    "load_tables",
    "need_table",
    "open_sweep",
    "prepare_sweep",
    "run_sweep",
    "sensitivity_table",
]
