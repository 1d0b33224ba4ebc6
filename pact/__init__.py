"""pact: who must respond when a state is attacked, under which treaty clause, and why.

The Python API in a nutshell::

    import pact
    rules = pact.load_rules()                       # the bundled treaties, or load_rules("my/rules")
    scenario = pact.load_scenario("scenarios/aes-niger-attacked.yaml", rules)
    result = pact.Engine(rules).evaluate(scenario)  # compile once, evaluate many
    result.to_json(); result.rows()                 # the JSON contract; flat rows for pandas
"""

from pact.engine import Engine, evaluate
from pact.errors import EngineError, InputError, PactError, RuleError, ScenarioError
from pact.expectations import mismatches
from pact.layers import bundled_rules_dir
from pact.loader import load_rules, load_scenario
from pact.model import Event, EventType, Rulebook, Scenario, Target
from pact.result import Conflict, NonObligation, Obligation, Result

__all__ = [
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
]
