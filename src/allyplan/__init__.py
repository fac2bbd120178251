"""allyplan: plan, record and explain a coalition's deliveries to a recipient at war.

>>> import allyplan
>>> p = allyplan.plan(allyplan.load_scenario(allyplan.example_path()))
>>> sorted(p.table("deliveries").columns)[:3]
['arrive_month', 'donor', 'fund']
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from allyplan.errors import AllyplanError, Problem, ScenarioError
from allyplan.planner import Plan, SolveStatus, plan
from allyplan.scenario import Scenario, ScenarioConfig, load_scenario

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

__version__ = "0.1.0"


def example_path(name: str = "winter-air-defence") -> Path:
    """Folder of a scenario shipped with allyplan (the embedded default is ``winter-air-defence``)."""
    return Path(str(files("allyplan") / "data" / "examples" / name))
