"""pact: who must respond when a state is attacked, under which treaty clause, and why.

The Python API in a nutshell::

    import pact
    rules = pact.load_rules()                       # the bundled treaties, or load_rules("my/rules")
    scenario = pact.load_scenario("scenarios/aes-niger-attacked.yaml", rules)
    result = pact.Engine(rules).evaluate(scenario)  # compile once, evaluate many
    result.to_json(); result.rows()                 # the JSON contract; flat rows for pandas

The names below are imported on first use, so that ``import pact`` (and the ``pact`` command
starting up) costs nothing until they are needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what editors and type checkers see; at run time __getattr__ imports on demand
    from pact.engine import Engine, evaluate
    from pact.errors import EngineError, InputError, PactError, RuleError, ScenarioError
    from pact.expectations import mismatches
    from pact.loader import bundled_rules_dir, load_rules, load_scenario, scenario_from_dict
    from pact.model import Event, EventType, Rulebook, Scenario, Target
    from pact.result import Conflict, NonObligation, Obligation, Result

_HOMES = {
    "pact.engine": ("Engine", "evaluate"),
    "pact.errors": ("EngineError", "InputError", "PactError", "RuleError", "ScenarioError"),
    "pact.expectations": ("mismatches",),
    "pact.loader": ("bundled_rules_dir", "load_rules", "load_scenario", "scenario_from_dict"),
    "pact.model": ("Event", "EventType", "Rulebook", "Scenario", "Target"),
    "pact.result": ("Conflict", "NonObligation", "Obligation", "Result"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [  # the same names as _HOMES (a test keeps them so); a literal, for tools that read it
    "Conflict",
    "Engine",
    "EngineError",
    "Event",
    "EventType",
    "InputError",
    "NonObligation",
    "Obligation",
    "PactError",
    "Result",
    "RuleError",
    "Rulebook",
    "Scenario",
    "ScenarioError",
    "Target",
    "bundled_rules_dir",
    "evaluate",
    "load_rules",
    "load_scenario",
    "mismatches",
    "scenario_from_dict",
]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'pact' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value  # found once, then an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
