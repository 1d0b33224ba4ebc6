"""pact: who must respond when a state is attacked, under which treaty clause, and why.

The Python API in a nutshell::

    import pact
    rules = pact.load_rules()                       # the bundled treaties; load_rules("my/rules") layers over them
    scenario = pact.load_scenario("scenarios/aes-niger-attacked.yaml", rules)
    engine = pact.Engine(rules)                     # compile once, evaluate many
    result = engine.evaluate(scenario)
    pact.to_json(result); pact.rows(result)         # the JSON contract; flat rows (pact.to_pandas: a DataFrame)
    pact.explain(engine, scenario, state="MLI")     # why (not), clause by clause, as data
    pact.dyads(engine, start, end, "year", codes="cow", shape="peacesciencer").to_pandas()

Inside IPython or Jupyter, ``import pact`` gives results, answers, explanations, timelines and tables
an HTML display (``pact.render.notebook``); ``%load_ext pact`` does the same by hand.

The names below are imported on first use, so that ``import pact`` (and the ``pact`` command
starting up) costs nothing until they are needed.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what editors and type checkers see; at run time __getattr__ imports on demand
    from pact.analysis.differences import Diff, diff
    from pact.analysis.inforce import InForce, treaties_in_force
    from pact.analysis.research import dyads, sweep
    from pact.analysis.timelines import Timeline, timeline
    from pact.core.errors import EngineError, InputError, PactError, RuleError, ScenarioError
    from pact.core.states import from_cow, from_gw, to_cow, to_gw
    from pact.evaluation.batch import evaluate_many
    from pact.evaluation.engine import Engine, evaluate
    from pact.evaluation.expectations import mismatches
    from pact.evaluation.explanation import ClauseExplanation, Explanation, explain
    from pact.load.layers import bundled_rules_dir
    from pact.load.loader import load_rules, load_scenario, scenario_from_dict
    from pact.model import Assumption, Event, EventType, Replacement, Rulebook, Scenario, Target
    from pact.model.result import Conflict, NonObligation, Obligation, Result, Undetermined
    from pact.model.whatif import assume
    from pact.render.data import rows, to_dict, to_json, to_pandas

_HOMES = {
    "pact.model.whatif": ("assume",),
    "pact.analysis.differences": (
        "Diff",
        "diff",
    ),
    "pact.evaluation.batch": ("evaluate_many",),
    "pact.evaluation.engine": (
        "Engine",
        "evaluate",
    ),
    "pact.core.errors": (
        "EngineError",
        "InputError",
        "PactError",
        "RuleError",
        "ScenarioError",
    ),
    "pact.core.states": (
        "from_cow",
        "from_gw",
        "to_cow",
        "to_gw",
    ),
    "pact.evaluation.expectations": ("mismatches",),
    "pact.evaluation.explanation": (
        "ClauseExplanation",
        "Explanation",
        "explain",
    ),
    "pact.analysis.research": (
        "dyads",
        "sweep",
    ),
    "pact.analysis.inforce": (
        "InForce",
        "treaties_in_force",
    ),
    "pact.load.layers": ("bundled_rules_dir",),
    "pact.load.loader": (
        "load_rules",
        "load_scenario",
        "scenario_from_dict",
    ),
    "pact.model": (
        "Assumption",
        "Event",
        "EventType",
        "Replacement",
        "Rulebook",
        "Scenario",
        "Target",
    ),
    "pact.render.data": (
        "rows",
        "to_dict",
        "to_json",
        "to_pandas",
    ),
    "pact.model.result": (
        "Conflict",
        "NonObligation",
        "Obligation",
        "Result",
        "Undetermined",
    ),
    "pact.analysis.timelines": (
        "Timeline",
        "timeline",
    ),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [  # the same names as _HOMES (a test keeps them so); a literal, for tools that read it
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
    "dyads",
    "evaluate",
    "evaluate_many",
    "explain",
    "from_cow",
    "from_gw",
    "load_rules",
    "load_scenario",
    "mismatches",
    "rows",
    "scenario_from_dict",
    "sweep",
    "timeline",
    "to_cow",
    "to_dict",
    "to_gw",
    "to_json",
    "to_pandas",
    "treaties_in_force",
]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module 'pact' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME[name]), name)
    globals()[name] = value  # found once, then an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


_DISPLAYS = {
    ("pact.model.result", "Result"): "result_html",
    ("pact.evaluation.answers", "Answer"): "answer_html",
    ("pact.evaluation.explanation", "Explanation"): "explanation_html",
    ("pact.analysis.timelines", "Timeline"): "timeline_html",
    ("pact.analysis.table", "Table"): "table_html",
}
"""The HTML display of each type (by module and name), a function of ``pact.render.notebook``."""


def load_ipython_extension(shell: Any) -> None:
    """``%load_ext pact``: HTML displays for pact's types in this IPython shell, registered by the types'
    names, so that nothing is imported before a value of one of them is shown."""
    html = shell.display_formatter.formatters["text/html"]
    for (module, name), function in _DISPLAYS.items():
        html.for_type_by_name(module, name, _shown_by(function))


def _shown_by(function: str) -> Any:
    def shown(value: Any) -> str:
        return getattr(importlib.import_module("pact.render.notebook"), function)(value)

    return shown


def _in_a_notebook() -> None:
    """Inside IPython (a Jupyter kernel), give its shell the HTML displays on import; elsewhere do nothing
    (IPython is looked for only among the modules already imported)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    if shell is not None:
        load_ipython_extension(shell)


_in_a_notebook()
