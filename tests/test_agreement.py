"""The durable-rules backend and the plain-Python reference backend give the same answers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pact
from pact.backends.reference import ReferenceBackend
from pact.evaluation.engine import evaluate_plan
from pact.plan.compile import Plan, compile_rulebook
from pact.testing import rulebooks, scenarios

durable = pytest.importorskip("pact.backends.durable.backend", reason="durable-rules does not import on this Python")


@st.composite
def rules_and_scenarios(draw: st.DrawFn) -> tuple[pact.Rulebook, list[pact.Scenario]]:
    rulebook = draw(rulebooks())
    return rulebook, draw(st.lists(scenarios(rulebook), min_size=1, max_size=20))


@given(rules_and_scenarios())
def test_backends_agree_on_generated_rules(case: tuple[pact.Rulebook, list[pact.Scenario]]) -> None:
    """GIVEN random rules and scenarios WHEN both backends run THEN every result is identical."""
    rulebook, cases = case
    plan = compile_rulebook(rulebook)
    for scenario in cases:
        expected = evaluate_plan(plan, scenario, ReferenceBackend())
        assert evaluate_plan(plan, scenario, durable.DurableBackend()) == expected


_PLANS: dict[tuple[str, ...], Plan] = {}
"""The bundled rules compiled once per combination of readings drawn."""


@settings(max_examples=300)
@given(st.data())
def test_backends_agree_on_bundled_rules(rules: pact.Rulebook, data: st.DataObject) -> None:
    """GIVEN the bundled treaties, each contested point read as drawn, WHEN generated scenarios run on
    both backends THEN they agree."""
    scenario = data.draw(scenarios(rules, readings=True))
    key = tuple(sorted(scenario.readings))
    if key not in _PLANS:
        _PLANS[key] = compile_rulebook(rules.read_as(key))
    plan = _PLANS[key]
    assert evaluate_plan(plan, scenario, durable.DurableBackend()) == evaluate_plan(plan, scenario, ReferenceBackend())
