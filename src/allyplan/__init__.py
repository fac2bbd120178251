"""allyplan: plan, record and explain a coalition's deliveries to a recipient at war.

>>> import allyplan
>>> p = allyplan.plan(allyplan.load_scenario(allyplan.example_path()))
>>> sorted(p.table("deliveries").columns)[:3]
['arrive_month', 'donor', 'fund']
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from allyplan.errors import AllyplanError, Problem, ScenarioError

if TYPE_CHECKING:
    from allyplan.planner import Plan, SolveStatus, plan
    from allyplan.scenario import Scenario, ScenarioConfig, load_scenario

# The planner (numpy, scipy, HiGHS) loads on first use, so that `allyplan ledger ...` starts fast.
_LAZY = {"Plan": "allyplan.planner", "SolveStatus": "allyplan.planner", "plan": "allyplan.planner",
         "Scenario": "allyplan.scenario", "ScenarioConfig": "allyplan.scenario", "load_scenario": "allyplan.scenario"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'allyplan' has no attribute {name!r}")

__all__ = [
    "AllyplanError",
    "Plan",
    "Problem",
    "Scenario",
    "ScenarioConfig",
    "ScenarioError",
    "SolveStatus",
    "example_path",
    "load_scenario",
    "plan",
]

__version__ = "0.4.0"


def example_path(name: str = "winter-air-defence") -> Path:
    """Folder of a scenario shipped with allyplan (the embedded default is ``winter-air-defence``)."""
    return Path(str(files("allyplan") / "data" / "examples" / name))
