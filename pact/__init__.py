"""pact: who must respond when a state is attacked, under which treaty clause, and why.

The Python API in a nutshell::

    import pact
    rules = pact.load_rules()                       # the bundled treaties; load_rules("my/rules") layers over them
    scenario = pact.load_scenario("scenarios/aes-niger-attacked.yaml", rules)
    engine = pact.Engine(rules)                     # compile once, evaluate many
    result = engine.evaluate(scenario)
    result.to_json(); result.rows()                 # the JSON contract; flat rows for pandas
    pact.explain(engine, scenario, state="MLI")     # why (not), clause by clause, as data
"""

from pact.assumptions import assume
from pact.differences import Diff, diff
from pact.engine import Engine, evaluate
from pact.errors import EngineError, InputError, PactError, RuleError, ScenarioError
from pact.expectations import mismatches
from pact.explanation import ClauseExplanation, Explanation, explain
from pact.inforce import InForce, treaties_in_force
from pact.layers import bundled_rules_dir
from pact.loader import load_rules, load_scenario
from pact.model import Assumption, Event, EventType, Replacement, Rulebook, Scenario, Target
from pact.result import Conflict, NonObligation, Obligation, Result, Undetermined
from pact.timelines import Timeline, timeline

__all__ = [
    "Assumption",
    "ClauseExplanation",
    "Conflict",
    "Diff",
    "Engine",
    "EngineError",
    "Event",
    "EventType",
    "Explanation",
    "InForce",
    "InputError",
    "NonObligation",
    "Obligation",
    "PactError",
    "Replacement",
    "Result",
    "RuleError",
    "Rulebook",
    "Scenario",
    "ScenarioError",
    "Target",
    "Timeline",
    "Undetermined",
    "assume",
    "bundled_rules_dir",
    "diff",
    "evaluate",
    "explain",
    "load_rules",
    "load_scenario",
    "mismatches",
    "timeline",
    "treaties_in_force",
]
