"""The engine on the AES charter, the result contract, and invariants that must hold on any rules."""

from __future__ import annotations

import json
from datetime import date
from random import Random

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pact
from pact.render.phrasing import reasons
from pact.testing import scenarios


def attack(target: str, on: str = "2023-10-01", **event: object) -> pact.Scenario:
    return pact.Scenario.model_validate(
        {"scenario": "t", "date": on, "events": [{"type": "armed_attack", "target": target, **event}]}
    )


def obligated(result: pact.Result, treaty: str = "aes") -> set[tuple[str, str]]:
    return {(o.state, o.toward) for o in result.obligations if o.treaty == treaty}


def test_niger_attacked_obliges_mali_and_burkina(engine: pact.Engine) -> None:
    """GIVEN Niger attacked on 1 October 2023 THEN Mali and Burkina Faso owe it defence under aes."""
    result = engine.evaluate(attack("NER", by=["NGA"]))
    assert obligated(result) == {("MLI", "NER"), ("BFA", "NER")}
    duty = next(o for o in result.obligations if o.state == "MLI" and o.treaty == "aes")
    assert (duty.clause, duty.article, duty.kind.value, duty.means.value) == (
        "collective-defence",
        "Article 6",
        "defense",
        "armed_force",
    )
    assert any("in good standing" in line for line in reasons(duty))


def test_before_signature_nobody_is_obligated_and_the_reason_says_so(engine: pact.Engine) -> None:
    result = engine.evaluate(attack("NER", on="2023-09-15", by=["NGA"]))
    assert obligated(result) == set()
    why = next(n for n in result.not_obligated if n.state == "MLI" and n.treaty == "aes")
    assert any("not yet in force" in line for line in reasons(why))


def test_an_attacker_never_owes_defense_to_its_victim(engine: pact.Engine) -> None:
    result = engine.evaluate(attack("NER", on="2024-03-01", by=["MLI"]))
    assert ("BFA", "NER") in obligated(result)
    assert not [o for o in result.obligations if o.state == "MLI" and o.kind.value == "defense"]
    assert [c.state for c in result.conflicts] == ["BFA"]


def test_the_result_dumps_to_the_public_json_contract(engine: pact.Engine) -> None:
    data = json.loads(pact.to_json(engine.evaluate(attack("NER", by=["NGA"]))))
    assert list(data)[:4] == ["scenario", "date", "obligations", "conflicts"]
    assert data["date"] == "2023-10-01"
    keys = {"state", "treaty", "clause", "article", "kind", "means", "toward", "event", "because"}
    assert all(keys <= set(o) for o in data["obligations"])
    assert all(isinstance(o["because"], list) and o["because"] for o in data["obligations"])


def test_rows_are_flat_and_cover_both_decisions(engine: pact.Engine) -> None:
    rows = pact.rows(engine.evaluate(attack("NER", by=["MLI"], on="2024-03-01")))
    assert {"obligation", "not_obligated"} <= {r["record"] for r in rows}
    assert all(isinstance(v, str | date | None) for r in rows for v in r.values())


def test_unnamed_events_are_numbered() -> None:
    scenario = pact.Scenario.model_validate(
        {
            "scenario": "t",
            "date": "2024-01-01",
            "events": [{"type": "armed_attack", "target": "NER"}, {"type": "armed_threat", "target": "MLI"}],
        }
    )
    assert [e.id for e in scenario.events] == ["e1", "e2"]


def test_evaluate_accepts_a_constructed_scenario_and_checks_it(rules: pact.Rulebook) -> None:
    bad = attack("NER", requested_from=["no-such-treaty"])
    with pytest.raises(pact.ScenarioError, match="neither a treaty id nor a state code"):
        pact.evaluate(bad, rules, backend="reference")


RULES = pact.load_rules()


@given(scenarios(RULES))
def test_invariants_on_bundled_rules(scenario: pact.Scenario) -> None:
    """GIVEN any scenario THEN no state owes itself, no attacker owes defence to its victim, and
    every duty comes from a treaty in force and a party in good standing on the day."""
    result = pact.evaluate(scenario, RULES, backend="reference")
    by_event = {e.id: e for e in scenario.events}
    for duty in result.obligations:
        event = by_event[duty.event]
        assert duty.state != duty.toward
        if duty.kind.value == "defense":
            assert duty.state not in event.attackers
        treaty = RULES.treaty(duty.treaty)
        assert treaty.in_force <= scenario.date < (treaty.terminated or date.max)
        spans = [p for p in treaty.parties if p.state == duty.state]
        assert any(p.joined <= scenario.date < (p.left or date.max) for p in spans)


@given(scenarios(RULES, max_events=3), st.randoms(use_true_random=False))
def test_event_order_does_not_change_the_duties(scenario: pact.Scenario, random: Random) -> None:
    events = list(scenario.events)
    random.shuffle(events)
    shuffled = scenario.model_copy(update={"events": tuple(events)})
    one = pact.evaluate(scenario, RULES, backend="reference")
    two = pact.evaluate(shuffled, RULES, backend="reference")
    assert set(one.obligations) == set(two.obligations)
    assert set(one.conflicts) == set(two.conflicts)
