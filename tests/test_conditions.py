"""Every kind of condition has all its faces: a stable test name with a decisive rank, words in
every catalogue, a durable translation, and strategies that draw rules using it.

A condition's meaning (``holds``) and what a reader needs to check it (``values``) live on its
class in pact/plan/conditions.py; these tests fail when a new kind lacks any other face, so that
a missing translation is a red test, never a silent fallback at run time.
"""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import HealthCheck, find, given, reject, settings
from hypothesis import strategies as st

import pact
from pact.backends.durable.plan import TRANSLATIONS
from pact.core.errors import ScenarioError
from pact.evaluation.engine import considered
from pact.model import Rulebook, trace
from pact.model.trace import DECISIVE_ORDER, decisive
from pact.plan.compile import compile_rulebook
from pact.plan.conditions import BearerTest, Condition, NamedCondition, Settled
from pact.testing import rulebooks, scenarios
from pact.words import LANGUAGES, catalogue

CONDITIONS = get_args(Condition)
BEARER_TESTS = get_args(BearerTest)
NAMED_TESTS = [kind for kind in (*CONDITIONS, *BEARER_TESTS) if kind is not Settled]  # Settled wears its inner test's


def test_every_test_has_one_decisive_rank() -> None:
    assert sorted(DECISIVE_ORDER) == sorted(trace.Test)


@pytest.mark.parametrize("kind", NAMED_TESTS, ids=lambda k: k.__name__)
def test_every_condition_names_a_test(kind: type) -> None:
    assert isinstance(kind.test, trace.Test)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", NAMED_TESTS, ids=lambda k: k.__name__)
def test_every_condition_has_words(kind: type, language: str) -> None:
    """Sentences for what the test found (which variants, pact.render.phrasing chooses), what held in a
    table cell, and what was not known where a fact may be unknown. tests/test_words.py checks that
    every step of every bundled scenario finds its sentence."""
    words = catalogue(language)
    test = kind.test.value
    assert any(key.startswith(f"{test}.") and key != f"{test}.unknown" for key in words)
    assert f"short.{test}" in words
    if kind.needs is not None or kind is NamedCondition:
        assert f"{test}.unknown" in words


@pytest.mark.parametrize("kind", CONDITIONS, ids=lambda k: k.__name__)
def test_every_condition_has_a_durable_translation(kind: type) -> None:
    assert kind in TRANSLATIONS


def test_a_condition_without_translation_is_an_error_not_a_fallback() -> None:
    from pact.backends.durable.plan import _Translator

    class Unheard:
        pass

    with pytest.raises(TypeError, match="no translation for the condition Unheard"):
        _Translator(compile_rulebook(find(rulebooks(), lambda _: True))).translate(Unheard())  # type: ignore[arg-type]


def _kinds(rulebook) -> set[type]:
    found: set[type] = set()
    for clause in compile_rulebook(rulebook).clauses:
        found |= {type(t) for t in clause.bearer_tests}
        for condition in clause.conditions:
            found.add(type(condition))
            if isinstance(condition, Settled):
                found |= {type(condition.inner), type(condition.by)}
    return found


def test_the_strategies_draw_rules_with_every_condition() -> None:
    """pact.testing.rulebooks() (what the agreement properties run on) uses every kind of test."""
    seen: set[type] = set()

    @settings(max_examples=60, database=None, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
    @given(rulebooks())
    def draw(rulebook: Rulebook) -> None:
        seen.update(_kinds(rulebook))

    draw()
    assert sorted(k.__name__ for k in {*CONDITIONS, *BEARER_TESTS} - seen) == []


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_who_fails_a_bearer_test_is_who_fails_it_asked_one_by_one(data: st.DataObject) -> None:
    """GIVEN generated rules and a scenario on them WHEN a bearer test is asked at once which states
    fail it (``failing``, what a result's reasons are chosen from) THEN they are exactly the states
    whose ``holds`` is False, one by one (an unknown is no failure); and every party not obligated
    carries as decisive reason the one its whole trace gives."""
    rulebook = data.draw(rulebooks())
    engine = pact.Engine(rulebook, backend="reference")
    scenario = data.draw(scenarios(rulebook))
    try:
        prepared = engine.prepared(scenario)
    except ScenarioError:
        reject()
    plan = prepared.plan
    for facts in prepared.facts:
        for treaty in plan.treaties:
            states = considered(plan, treaty)
            for test in {t for c in plan.clauses_of(treaty) for t in c.bearer_tests}:
                expected = {s for s in states if test.holds(facts, plan, s) is False}
                assert test.failing(facts, plan, frozenset(states)) == expected, test
    for item in engine.evaluate(scenario, full=True).not_obligated:
        assert item.decisive == decisive(item.trace)
