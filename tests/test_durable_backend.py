"""Each known crash and trap of durable-rules 2.0.28, pinned (see pact/backends/durable/backend.py)."""

from __future__ import annotations

import dataclasses
import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import pact
from pact.backends.reference import ReferenceBackend
from pact.core.cache import Memo
from pact.evaluation.engine import evaluate_plan
from pact.plan.compile import compile_rulebook

durable = pytest.importorskip("pact.backends.durable.backend", reason="durable-rules does not import on this Python")
from pact.backends.durable import host as durable_host  # noqa: E402


def scenario(date: str, *events: dict[str, object]) -> pact.Scenario:
    return pact.Scenario.model_validate({"scenario": "t", "date": date, "events": list(events)})


NIGER_ATTACKED = scenario("2023-10-01", {"type": "armed_attack", "target": "NER", "by": ["NGA"]})
NOTHING_FIRES = scenario("1950-01-01", {"type": "armed_threat", "target": "NER"})


@pytest.fixture(scope="module")
def plan(rules: pact.Rulebook):
    return compile_rulebook(rules)


@pytest.fixture
def host() -> durable_host.DurableHost:
    host = durable_host.DurableHost()
    yield host
    host.clear()


def test_sessions_in_which_nothing_fired_are_deleted_without_crashing(plan, host) -> None:
    """Deleting a session in which no action ever started segfaults: each opens with a rule that fires."""
    backend = durable.DurableBackend(host)
    for _ in range(50):
        assert backend.fired(plan, plan.facts(NOTHING_FIRES)) == set()
    host.clear()  # deletes the session
    assert len(host) == 0


def test_sessions_do_not_pile_up(plan, host) -> None:
    """Over 1024 live sessions crash the engine: each ruleset keeps one session, replaced by a new
    one every ``session_runs`` evaluations, the previous deleted."""
    backend = durable.DurableBackend(host)
    for _ in range(1100):
        backend.fired(plan, plan.facts(NIGER_ATTACKED))
    (shard,) = backend.packed(plan).shards
    assert host.sessions(shard) == [str(-(-1100 // host.session_runs))]
    assert not host.alive(shard, "1")


def test_no_empty_batch_is_ever_asserted(monkeypatch: pytest.MonkeyPatch, plan, host) -> None:
    """assert_facts([]) segfaults: every batch holds at least the event facts."""
    sizes: list[int] = []
    real = durable_host.core.assert_facts
    monkeypatch.setattr(
        durable_host.core,
        "assert_facts",
        lambda handle, text: sizes.append(len(json.loads(text))) or real(handle, text),
    )
    durable.DurableBackend(host).fired(plan, plan.facts(NOTHING_FIRES))  # no attackers at all
    assert sizes and 0 not in sizes


def test_no_timer_threads(rules: pact.Rulebook) -> None:
    """durable's Host starts two timer threads that race the caller; pact never creates one."""
    pact.Engine(rules, backend="durable").evaluate(NIGER_ATTACKED)
    before = threading.active_count()
    for _ in range(20):
        pact.Engine(pact.load_rules(), backend="durable").evaluate(NIGER_ATTACKED)
    assert threading.active_count() == before


def test_a_plan_is_registered_once_however_many_engines(rules: pact.Rulebook, host) -> None:
    """Rulesets are keyed by content: equal rules reuse one ruleset, however often they are loaded (the
    rules under each other reading of a contested point the scenario touches are rules of their own)."""
    registered = []
    for _ in range(5):
        pact.Engine(pact.load_rules(), backend=durable.DurableBackend(host)).evaluate(NIGER_ATTACKED)
        registered.append(len(host))
    assert registered == [registered[0]] * 5


def test_rulesets_beyond_the_bound_are_deleted(plan) -> None:
    """The host keeps at most max_rules rules live: older rulesets are deleted (and come back on use)."""
    (shard,) = durable.DurableBackend().packed(plan).shards
    host = durable_host.DurableHost(max_rules=shard.size)
    backend = durable.DurableBackend(host)
    other = compile_rulebook(pact.Rulebook(treaties=pact.load_rules().treaties[:1]))
    for _ in range(3):
        assert backend.fired(plan, plan.facts(NIGER_ATTACKED)) == ReferenceBackend().fired(
            plan, plan.facts(NIGER_ATTACKED)
        )
        backend.fired(other, other.facts(NIGER_ATTACKED))
        assert len(host) == 1 and host.live_rules <= shard.size
    host.clear()


def test_two_clauses_fire_for_one_event(plan, host) -> None:
    """Posted events are consumed by the first rule: pact asserts facts, so every clause sees them."""
    intra = scenario("2024-03-01", {"type": "armed_attack", "target": "NER", "by": ["MLI"]})
    fired = durable.DurableBackend(host).fired(plan, plan.facts(intra))
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


def test_joins_keep_the_events_of_one_scenario_apart(plan) -> None:
    """durable treats an 'id' property as its own: joins on it silently fail, so pact uses 'event';
    and a join placed after a disjunction is not enforced, so pact never writes one."""
    two = scenario(
        "2024-03-01",
        {"id": "first", "type": "armed_attack", "target": "NER", "by": ["MLI"]},
        {"id": "second", "type": "armed_attack", "target": "MLI", "by": ["NER"]},
        {"id": "third", "type": "armed_attack", "target": "GHA", "by": ["USA"], "requested_from": ["ecowas"]},
    )
    facts = plan.facts(two)
    assert durable.DurableBackend().fired(plan, facts) == ReferenceBackend().fired(plan, facts)


def test_a_refusal_of_the_core_surfaces_as_an_engine_error_and_drops_the_session(
    monkeypatch: pytest.MonkeyPatch, plan, host
) -> None:
    """A refusal pact's capacity checks should have prevented is a bug in pact: EngineError, never a
    raw durable_rules_engine.error, and the half-used session is deleted."""
    backend = durable.DurableBackend(host)
    backend.fired(plan, plan.facts(NIGER_ATTACKED))
    (shard,) = backend.packed(plan).shards
    (sid,) = host.sessions(shard)

    def refuse(handle: int, text: str) -> None:
        raise durable_host.core.error("Could not assert facts, error code: 303")

    monkeypatch.setattr(durable_host.core, "assert_facts", refuse)
    with pytest.raises(pact.EngineError, match=r"error code: 303 \(ERR_MAX_STACK_SIZE\).*a bug in pact"):
        backend.fired(plan, plan.facts(NIGER_ATTACKED))
    assert not host.alive(shard, sid)


def test_a_hash_collision_reruns_the_evaluation_under_a_new_sid(monkeypatch: pytest.MonkeyPatch, plan, host) -> None:
    """Two distinct facts of one session can share durable's 32-bit hash (upstream #376; seen once
    in 15,000 sessions by the benchmark): the core then answers 'observed' (2) for a new fact. pact
    deletes the session and reruns the evaluation under a new sid, which rehashes every fact."""
    backend = durable.DurableBackend(host)
    real = durable_host.core.assert_facts
    answers = iter([2])

    def collide_once(handle: int, text: str) -> tuple[int, int]:
        code, offset = real(handle, text)
        return next(answers, code), offset

    monkeypatch.setattr(durable_host.core, "assert_facts", collide_once)
    facts = plan.facts(NIGER_ATTACKED)
    assert backend.fired(plan, facts) == ReferenceBackend().fired(plan, facts)
    (shard,) = backend.packed(plan).shards
    assert host.sessions(shard) == ["2"]  # the first session was deleted


def test_concurrent_callers_are_serialised(plan) -> None:
    """Evaluations from several threads share one host: its lock serialises them, and answers stay right."""
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


def test_equal_plans_share_one_packing_and_plans_of_one_outline_are_told_apart(rules: pact.Rulebook, host) -> None:
    """GIVEN a plan packed WHEN it, or the same rules compiled again, is asked for THEN the packing is
    reused; a plan of the same treaties and as many clauses, memberships and suspensions but another
    clause is packed on its own, and a plan of another outline never has its fingerprint worked out."""
    backend = durable.DurableBackend(host)
    plan = compile_rulebook(rules)
    packed = backend.packed(plan)
    assert backend.packed(plan) is packed and "fingerprint" not in vars(plan)  # nothing else packed: no need
    again = compile_rulebook(rules)
    assert backend.packed(again) is packed
    first = plan.clauses[0]
    other = dataclasses.replace(
        plan, clauses=(dataclasses.replace(first, article=first.article + " bis"), *plan.clauses[1:]), memo=Memo()
    )
    assert backend.packed(other) is not packed
    narrow = compile_rulebook(rules.model_copy(update={"treaties": rules.treaties[:1]}))
    backend.packed(narrow)
    assert "fingerprint" not in vars(narrow)
