"""One scenario answered: its result, cut to what was asked, and the explanations a format shows.

This is what renderers read (``pact.render``): the evaluation is done here, so that a renderer
only lays out answers and never runs the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pact.evaluation.engine import Engine
from pact.evaluation.explanation import Explanation, check_filters, explain
from pact.model import Scenario
from pact.model.lexicon import RuleWords
from pact.model.result import Result


@dataclass(frozen=True)
class Answer:
    """One scenario's answers: its result and, when a format shows them, the explanations."""

    scenario: Scenario
    result: Result
    explanations: tuple[Explanation, ...] = ()
    words: RuleWords = field(default_factory=RuleWords)  # the rules' own words (treaty names …), every language


def answer(
    engine: Engine,
    scenario: Scenario,
    *,
    state: str | None = None,
    treaty: str | None = None,
    explained: bool = False,
    limit: int | None = None,
) -> Answer:
    """Evaluate ``scenario``, keep what concerns ``state`` and ``treaty`` (when given), and explain
    every decision kept when ``explained`` (at most ``limit`` clause trees: ``explain``). An unknown state
    code or treaty id is an ``InputError``."""
    check_filters(engine.plan, state=state, treaty=treaty)
    result = select(engine.evaluate(scenario), state=state, treaty=treaty)
    explanations = explain(engine, scenario, state=state, treaty=treaty, limit=limit) if explained else ()
    kept = tuple(e for e in explanations if _kept(result, e))
    words = engine.plan.memo("rule words", 1).get("", lambda: RuleWords.of(engine.rulebook))
    return Answer(scenario, result, kept, words)


def _kept(result: Result, explanation: Explanation) -> bool:
    """Whether an explanation is of a decision the result shows (a treaty asked for that the
    events do not concern is explained, but has no rows)."""
    key = (explanation.state, explanation.treaty, explanation.event)
    return any((d.state, d.treaty, d.event) == key for d in (*result.obligations, *result.not_obligated))


def select(result: Result, *, state: str | None = None, treaty: str | None = None) -> Result:
    """The part of a result that concerns one state (what it owes or not, its conflicts) and one
    treaty (its duties and non-duties, the conflicts it takes part in)."""

    def kept(item_state: str, treaties: set[str]) -> bool:
        return state in (None, item_state) and (treaty is None or treaty in treaties)

    return result.model_copy(
        update={
            "obligations": tuple(o for o in result.obligations if kept(o.state, {o.treaty})),
            "not_obligated": tuple(n for n in result.not_obligated if kept(n.state, {n.treaty})),
            "conflicts": tuple(
                c for c in result.conflicts if kept(c.state, {x.treaty for x in (*c.owes, *c.bound_by)})
            ),
        }
    )
