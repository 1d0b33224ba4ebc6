"""pact: who must respond when a state is attacked, under which treaty clause, and why.

The Python API in a nutshell::

    import pact
    rules = pact.load_rules()                       # the bundled treaties, or load_rules("my/rules")
    scenario = pact.load_scenario("scenarios/aes-niger-attacked.yaml", rules)
    engine = pact.Engine(rules)                     # compile once, evaluate many
    result = engine.evaluate(scenario)
    result.to_json(); result.rows()                 # the JSON contract; flat rows for pandas
    pact.explain(engine, scenario, state="MLI")     # why (not), clause by clause, as data
"""

from pact.engine import Engine, evaluate
from pact.errors import EngineError, InputError, PactError, RuleError, ScenarioError
from pact.expectations import mismatches
from pact.explanation import ClauseExplanation, Explanation, explain
from pact.loader import bundled_rules_dir, load_rules, load_scenario
from pact.model import Event, EventType, Rulebook, Scenario, Target
from pact.result import Conflict, NonObligation, Obligation, Result

__all__ = [
    "ClauseExplanation",
    "Conflict",
    "Engine",
    "EngineError",
    "Event",
    "EventType",
    "Explanation",
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
    "explain",
    "load_rules",
    "load_scenario",
    "mismatches",
]
