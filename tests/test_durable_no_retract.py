"""durable-rules 2.0.28 corrupts memory when a fact that a completed action matched is retracted:
completing an action frees its frame but leaves the frame in its facts' locations, still marked as
dispatching, so retracting facts of that frame walks past its message slots
(``deleteMessageFromFrame``), reading and possibly writing whatever lies beyond. Seen as a segfault
in about half the runs of ``pact dyads --from 1949-01-01 --to 2025-12-31`` in one environment,
never in another (the heap's layout decides), and on every evaluation under valgrind. pact never
retracts: a session takes the facts of many evaluations, each stamped with its run, and is then
replaced by a new one, the previous one deleted (pact/backends/durable/host.py)."""

from __future__ import annotations

import pytest

import pact
from pact.backends.reference import ReferenceBackend
from pact.plan.compile import compile_rulebook

durable = pytest.importorskip("pact.backends.durable.backend", reason="durable-rules does not import on this Python")
from pact.backends.durable import host as durable_host  # noqa: E402


def scenario(date: str, *events: dict[str, object]) -> pact.Scenario:
    return pact.Scenario.model_validate({"scenario": "t", "date": date, "events": list(events)})


SCENARIOS = [
    scenario("2023-10-01", {"type": "armed_attack", "target": "NER", "by": ["NGA"]}),
    scenario("1950-01-01", {"type": "armed_threat", "target": "NER"}),
    scenario(
        "2024-03-01",
        {"type": "armed_attack", "target": "NER", "by": ["MLI"]},
        {"type": "armed_attack", "target": "FRA"},
    ),
    scenario("2024-03-01", {"type": "armed_attack", "target": "EST"}),  # attackers unknown: both worlds
]


def test_no_fact_is_ever_retracted_and_one_session_stays_live(monkeypatch: pytest.MonkeyPatch, rules) -> None:
    """GIVEN sessions that take 10 evaluations each WHEN the same 4 scenarios are evaluated 3 times
    THEN no fact is retracted, the answers are the reference's, no evaluation is refused as a
    repeat (its facts carry their run), and only the last session of each shard is live."""
    plan = compile_rulebook(rules)
    host = durable_host.DurableHost(session_runs=10)
    retracted: list[str] = []
    for name in ("retract_fact", "retract_facts"):
        monkeypatch.setattr(durable_host.core, name, lambda *args, name=name: retracted.append(name))
    backend = durable.DurableBackend(host)
    try:
        for _ in range(3):
            for s in SCENARIOS:
                facts = plan.facts(s)
                reference = ReferenceBackend()
                assert backend.fired(plan, facts) == reference.fired(plan, facts)
                assert backend.possibly_fired(plan, facts) == reference.possibly_fired(plan, facts)
        assert retracted == []
        for shard in backend.packed(plan).shards:
            assert host.sessions(shard) == ["2"]  # 12 evaluations, 10 a session: the first one deleted
            assert not host.alive(shard, "1")
    finally:
        host.clear()
