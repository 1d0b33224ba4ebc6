"""Each known crash and trap of durable-rules 2.0.28, pinned (see pact/backends/durable.py)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import pact
from pact.backends.reference import ReferenceBackend
from pact.compile import compile_rulebook
from pact.engine import evaluate_plan

durable = pytest.importorskip("pact.backends.durable", reason="durable-rules does not import on this Python")


def scenario(date: str, *events: dict[str, object]) -> pact.Scenario:
    return pact.Scenario.model_validate({"scenario": "t", "date": date, "events": list(events)})


NIGER_ATTACKED = scenario("2023-10-01", {"type": "armed_attack", "target": "NER", "by": ["NGA"]})
NOTHING_FIRES = scenario("1950-01-01", {"type": "armed_threat", "target": "NER"})


@pytest.fixture(scope="module")
def plan(rules: pact.Rulebook):
    return compile_rulebook(rules)


def test_sessions_with_no_obligation_are_deleted_without_crashing(plan) -> None:
    """Deleting a session in which no action completed segfaults: a sentinel rule always fires."""
    backend = durable.DurableBackend()
    for _ in range(50):
        assert backend.fired(plan, plan.facts(NOTHING_FIRES)) == set()


def test_more_sessions_than_durable_keeps_alive(plan) -> None:
    """Over 1024 live sessions crash the engine: every session is deleted after its evaluation."""
    backend = durable.DurableBackend()
    for _ in range(1100):
        backend.fired(plan, plan.facts(NIGER_ATTACKED))
    ruleset = durable._RULESETS[plan.fingerprint]
    assert ruleset.sessions == {}


def test_no_empty_batch_is_ever_asserted(monkeypatch: pytest.MonkeyPatch, plan) -> None:
    """assert_facts([]) segfaults: memberships or attackers may be absent, so empty batches are skipped."""
    host = durable._host()
    batches: list[int] = []
    real = host.assert_facts
    monkeypatch.setattr(host, "assert_facts", lambda name, facts: batches.append(len(facts)) or real(name, facts))
    durable.DurableBackend().fired(plan, plan.facts(NOTHING_FIRES))  # no attackers at all
    assert batches and 0 not in batches


def test_one_host_and_no_timer_threads(plan) -> None:
    """A Host per evaluation leaks two timer threads each; their dispatching races the caller."""
    durable.DurableBackend().fired(plan, plan.facts(NIGER_ATTACKED))
    before = threading.active_count()
    for _ in range(20):
        pact.Engine(pact.load_rules(), backend="durable").evaluate(NIGER_ATTACKED)
    assert threading.active_count() == before
    assert not any(
        t.name.startswith("Thread-") and t.daemon for t in threading.enumerate() if t is not threading.main_thread()
    )


def test_a_plan_is_registered_once_however_many_engines(rules: pact.Rulebook) -> None:
    """Registering a ruleset name twice raises, and set_rulesets mutates its argument."""
    first = pact.Engine(rules, backend="durable").evaluate(NIGER_ATTACKED)
    second = pact.Engine(rules, backend="durable").evaluate(NIGER_ATTACKED)
    assert first == second


def test_two_clauses_fire_for_one_event(plan) -> None:
    """Posted events are consumed by the first rule: pact asserts facts, so every clause sees them."""
    intra = scenario("2024-03-01", {"type": "armed_attack", "target": "NER", "by": ["MLI"]})
    fired = durable.DurableBackend().fired(plan, plan.facts(intra))
    assert {("aes/collective-defence", "e1"), ("aes/non-aggression", "e1")} <= fired


def test_non_party_condition_is_not_silently_skipped(rules: pact.Rulebook) -> None:
    """With $not and dist on, 'unless the attacker is a party' was skipped; pact uses defeater rules."""
    ecowas_members_attack = [
        c for t in rules.treaties for c in t.clauses if c.trigger.attacker in ("non_party", "non_party_state")
    ]
    assert ecowas_members_attack, "the bundled rules should exercise a non-party condition"
    plan = compile_rulebook(rules)
    for attacker in ("NGA", "SEN", "BEN", "USA", "RUS", "FRA", "ARM", "AZE"):
        for target in ("NER", "SEN", "USA", "ARM", "AZE", "FRA"):
            if attacker == target:
                continue
            case = scenario(
                "2023-10-01",
                {"type": "armed_attack", "target": target, "by": [attacker], "requested_from": ["ecowas", "csto"]},
            )
            facts = plan.facts(case)
            assert durable.DurableBackend().fired(plan, facts) == ReferenceBackend().fired(plan, facts)


def test_events_on_one_event_id_property_join_correctly(plan) -> None:
    """durable treats an 'id' property as its own: joins on it silently fail, so pact never uses it."""
    two = scenario(
        "2024-03-01",
        {"id": "first", "type": "armed_attack", "target": "NER", "by": ["MLI"]},
        {"id": "second", "type": "armed_attack", "target": "MLI", "by": ["NER"]},
    )
    facts = plan.facts(two)
    assert durable.DurableBackend().fired(plan, facts) == ReferenceBackend().fired(plan, facts)


def test_an_exception_in_an_action_surfaces(monkeypatch: pytest.MonkeyPatch, plan) -> None:
    """durable swallows exceptions raised in actions into the session state; pact re-raises them."""
    ruleset = durable._RULESETS.get(plan.fingerprint) or durable._Ruleset(plan)
    durable._RULESETS[plan.fingerprint] = ruleset

    class Broken(dict):
        def __missing__(self, key: str) -> None:
            raise RuntimeError("boom")

    monkeypatch.setattr(ruleset, "sessions", Broken())
    with pytest.raises(pact.EngineError, match="boom"):
        durable.DurableBackend().fired(plan, plan.facts(NIGER_ATTACKED))


def test_concurrent_callers_are_serialised(plan) -> None:
    """Several threads in one Host segfault it: a lock serialises them, and answers stay right."""
    expected = ReferenceBackend().fired(plan, plan.facts(NIGER_ATTACKED))
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda _: durable.DurableBackend().fired(plan, plan.facts(NIGER_ATTACKED)), range(120)))
    assert all(a == expected for a in answers)


def test_results_equal_the_reference_on_every_bundled_scenario(rules: pact.Rulebook) -> None:
    from .conftest import SCENARIOS

    plan = compile_rulebook(rules)
    for file in sorted(SCENARIOS.glob("*.yaml")):
        case = pact.load_scenario(file, rules)
        assert evaluate_plan(plan, case, durable.DurableBackend()) == evaluate_plan(plan, case, ReferenceBackend()), (
            file.name
        )


def test_a_hash_collision_between_distinct_facts_is_retried_under_a_new_session(
    monkeypatch: pytest.MonkeyPatch, plan
) -> None:
    """Found by the benchmark: in session 15215 two distinct facts of this scenario share a 32-bit
    hash and durable refuses one as a duplicate; pact reruns the session under a fresh sid."""
    import itertools

    collides = pact.Scenario.model_validate(
        {
            "scenario": "s2",
            "date": "2014-09-24",
            "events": [
                {"type": "terrorist_attack", "target": "CIV", "by": ["CHL", "SEN"], "requested_from": ["nato"]},
                {
                    "type": "armed_rebellion",
                    "target": "UZB",
                    "location": "BRA",
                    "by": ["TGO", "DEU"],
                    "requested_from": ["anzus"],
                },
                {"type": "armed_attack", "target": "PRT", "by": ["DOM", "NLD"], "requested_from": ["nato", "eu"]},
            ],
        }
    )
    monkeypatch.setattr(durable, "_SESSIONS", itertools.count(15215))
    facts = plan.facts(collides)
    assert durable.DurableBackend().fired(plan, facts) == ReferenceBackend().fired(plan, facts)
