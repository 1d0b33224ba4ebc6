"""The C core's limits, pinned against the installed durable-rules, and pact's count of them.

Each limit in pact/backends/durable/limits.py is checked twice: the core fails just past it (in a
subprocess where it crashes or hangs), and pact's model of the network counts a ruleset at the
limit exactly as the core does, so that packing to the model never reaches a failure.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import dataclass, replace
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pact
from pact.backends.durable import plan as durable_plan
from pact.backends.durable.limits import (
    MAX_FACT_PROPERTIES,
    MAX_STACK_SIZE,
    Budget,
    Demand,
    Load,
    check_rule,
    name_hash,
)
from pact.backends.durable.plan import EVENT_PROPERTIES, Names, Unholdable, pack
from pact.plan.compile import compile_rulebook
from pact.testing import rulebooks, scenarios

from .conftest import SCENARIOS

try:
    import durable_rules_engine  # noqa: F401

    CORE = True
except ImportError:
    CORE = False
needs_core = pytest.mark.skipif(not CORE, reason="durable-rules does not import on this Python")


def core(script: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``script`` against the C core in a fresh process (it may crash or hang there)."""
    prelude = "import json, durable_rules_engine as d\n"
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(script)], capture_output=True, text=True, timeout=timeout
    )


# --- fact properties (MAX_OBJECT_PROPERTIES, state.h) -------------------------------------------

PROPERTIES = """
    h = d.create_ruleset("r", json.dumps({"h": {"all": [{"x": {"kind": "f"}}, {"n": {"kind": "no"}}]},
                                          "o": {"all": [{"s": {"kind": "s"}}]}}))
    code, offset = d.assert_fact(h, json.dumps({"sid": "1", "kind": "s"}))
    d.start_action_for_state(h, offset); d.complete_and_start_action(h, offset)
    fact = {"sid": "1", "kind": "f", **{f"q{i}": i for i in range(N - 2)}}
    code, offset = d.assert_facts(h, json.dumps([fact]))
    print(code, offset, len(json.loads(d.get_facts(h, "1"))))
"""


@needs_core
def test_a_fact_of_253_properties_is_stored_and_one_of_254_is_lost() -> None:
    """Issue 12: a treaty and 122 regions (254 event properties) crashed `pact run`; 121 worked."""
    fits = core(PROPERTIES.replace("N", str(MAX_FACT_PROPERTIES)))
    assert fits.returncode == 0, fits.stderr
    assert fits.stdout.split() == ["0", "1", "2"]  # stored in session 1, beside the session fact
    over = core(PROPERTIES.replace("N", str(MAX_FACT_PROPERTIES + 1)))
    assert over.returncode == 0, over.stderr
    code, offset, stored = over.stdout.split()
    assert (code, stored) == ("0", "1") and offset != "1"  # "accepted", not stored, a garbage session offset


def test_every_fact_pact_asserts_fits_and_its_names_hash_apart(rules: pact.Rulebook) -> None:
    plan = compile_rulebook(rules)
    shard = pack(plan).shards[0]
    case = pact.Scenario.model_validate(
        {
            "scenario": "all-kinds",
            "date": "2020-01-01",
            "events": [
                {"type": "armed_attack", "target": "USA", "location": "US-HI", "by": ["RUS", "CHN"]},
                {"type": "armed_attack", "target": "NER", "by": ["NGA", "SEN"], "requested_from": ["ecowas"]},
                # an unknown attacker may be a Community member (ECOWAS Art 4(a)): attacker=* when optimistic
                {"type": "armed_attack", "target": "GHA", "by": "unknown"},
            ],
        }
    )
    facts = shard.facts(plan.facts(case), "1", 1)  # both worlds: the events leave the named conditions unsettled
    assert len(facts) == 6 and {f["kind"] for f in facts} == {"event"}
    carried = {name.split("=")[0] for fact in facts for name in fact if "=" in name}
    assert carried == {"attacker", "protected", "party", "place", "within", "asked", "settled"}
    for fact in facts:
        assert set(EVENT_PROPERTIES) <= set(fact)
        assert "id" not in fact and len(fact) <= MAX_FACT_PROPERTIES
        names = {*fact, "id"}
        assert len({name_hash(n) for n in names}) == len(names)
    assert name_hash("id") == 926444256 and name_hash("sid") == 3593476751  # HASH_ID, HASH_SID in state.h


COLLIDING = ("r5416", "r580100")
"""Two region ids whose keyed names ``within=…`` hash alike (found by search)."""


def test_keyed_names_that_would_hash_alike_are_salted_apart() -> None:
    """A fact's properties are looked up by the hash of their name: two names of one fact that hash
    alike would read each other's values. The second of two colliding names is salted."""
    assert name_hash(f"within={COLLIDING[0]}") == name_hash(f"within={COLLIDING[1]}")
    names = Names()
    first, second = (names.register("within", region) for region in COLLIDING)
    assert first == f"within={COLLIDING[0]}" and second.endswith(f"={COLLIDING[1]}")
    assert name_hash(first) != name_hash(second)
    assert names.register("within", COLLIDING[1]) == second  # registered once


@needs_core
def test_a_victim_in_two_regions_whose_names_collide_is_in_both() -> None:
    """GIVEN two regions whose keyed names collide, both holding FRA, and a clause for each WHEN
    FRA is attacked THEN both clauses fire on durable, as on the reference backend."""
    from pact.backends.durable.backend import DurableBackend
    from pact.backends.reference import ReferenceBackend

    source = {"citation": "generated for a test"}
    regions = [{"id": r, "title": r, "source": source, "include": ["FRA"]} for r in COLLIDING]
    clauses = [
        {
            "id": f"in-{r}",
            "article": "Article 1",
            "text": "generated",
            "trigger": {"events": ["armed_attack"], "victim": {"region": r}},
            "obligation": {"kind": "defense", "means": "armed_force"},
        }
        for r in COLLIDING
    ]
    treaty = {
        "treaty": "pair",
        "title": "pair",
        "signed": "2000-01-01",
        "in_force": "2000-01-01",
        "source": source,
        "parties": [{"state": s, "joined": "2000-01-01"} for s in ("FRA", "DEU")],
        "clauses": clauses,
    }
    rulebook = pact.Rulebook.model_validate(
        {"treaties": [treaty], "geography": [{"geography": "pair", "source": source, "regions": regions}]}
    )
    plan = compile_rulebook(rulebook)
    case = pact.Scenario.model_validate(
        {"scenario": "fra", "date": "2020-01-01", "events": [{"type": "armed_attack", "target": "FRA"}]}
    )
    facts = plan.facts(case)
    fired = DurableBackend().fired(plan, facts)
    assert fired == ReferenceBackend().fired(plan, facts) == {(f"pair/in-{r}", "e1") for r in COLLIDING}


# --- the matching stack (MAX_STACK_SIZE, events.c) ----------------------------------------------


def chain(rules: int, keyed: bool) -> dict[str, Any]:
    """``rules`` rules that one fact passes at once: each tests day >= i (or, keyed, target == t_i
    then day >= i). A second pattern that never matches keeps them from firing."""

    def test(i: int) -> dict[str, Any]:
        first = [{"target": f"t{i}"}] if keyed else []
        return {"$and": [{"kind": "f"}, *first, {"$gte": {"day": i}}]}

    return {f"r{i}": {"all": [{"e": test(i)}, {"n": {"kind": "no"}}], "dist": 0} for i in range(rules)}


def stack_of(rules: dict[str, Any]) -> int:
    return Demand.of(("f", rule["all"][0]["e"]) for rule in rules.values()).usage().stack["f"]


@needs_core
def test_the_stack_holds_64_pending_tests_and_pact_counts_them_so() -> None:
    """Issue 12: 65 clauses with attacker: non_party gave `error code: 303` on an event by DZA."""
    assert stack_of(chain(MAX_STACK_SIZE, keyed=False)) == MAX_STACK_SIZE
    fact = {"sid": "1", "kind": "f", "target": "t0", "day": 10**6}
    script = f"print(d.assert_facts(d.create_ruleset('r', json.dumps(RULES)), json.dumps([{fact!r}]))[0])"
    at = core(script.replace("RULES", repr(chain(MAX_STACK_SIZE, keyed=False))))
    assert at.returncode == 0 and at.stdout.strip() == "0", at.stderr
    past = core(script.replace("RULES", repr(chain(MAX_STACK_SIZE + 1, keyed=False))))
    assert "error code: 303" in past.stderr


@needs_core
def test_a_keyed_test_spares_the_stack_as_pact_counts() -> None:
    """200 rules keyed by target: a fact walks one of them, and pact counts one entry."""
    rules = chain(200, keyed=True)
    assert stack_of(rules) == 1
    fact = {"sid": "1", "kind": "f", "target": "t7", "day": 10**6}
    run = core(f"print(d.assert_facts(d.create_ruleset('r', json.dumps({rules!r})), json.dumps([{fact!r}]))[0])")
    assert run.returncode == 0 and run.stdout.strip() == "0", run.stderr


def branches(width: int, depth: int) -> dict[str, Any]:
    """``width`` keyed names a fact may all carry, below each ``depth`` tests it may all pass."""

    def test(j: int, i: int) -> dict[str, Any]:
        return {"$and": [{"kind": "f"}, {f"p{j}": "x"}, {"$gte": {"day": i}}]}

    rules = {f"r{j}_{i}": test(j, i) for j in range(width) for i in range(depth)}
    never = {
        name: {"$and": [{"kind": "no"}, {"rule": name}]} for name in rules
    }  # a pattern each: at most 255 end at one node
    return {name: {"all": [{"e": t}, {"n": never[name]}], "dist": 0} for name, t in rules.items()}


@needs_core
def test_the_stack_holds_what_waits_while_one_branch_is_walked_and_pact_counts_it_so() -> None:
    """Depth first: the tests below one keyed name are pending while the other names wait, so 8
    names of 57 tests each hold 8 - 1 + 57 = 64 at most, not the 456 patterns the fact passes."""
    assert stack_of(branches(8, 57)) == MAX_STACK_SIZE
    assert stack_of(branches(8, 58)) == MAX_STACK_SIZE + 1
    fact = {"sid": "1", "kind": "f", "day": 10**6, **{f"p{j}": "x" for j in range(8)}}
    script = f"print(d.assert_facts(d.create_ruleset('r', json.dumps(RULES)), json.dumps([{fact!r}]))[0])"
    at = core(script.replace("RULES", repr(branches(8, 57))))
    assert at.returncode == 0 and at.stdout.strip() == "0", at.stderr
    past = core(script.replace("RULES", repr(branches(8, 58))))
    assert "error code: 303" in past.stderr


# --- ruleset size (BETA_LIST_LENGTH and NEXT_BUCKET_LENGTH, rules.h) ------------------------------


@needs_core
def test_300_rules_ending_at_one_node_cannot_be_created() -> None:
    """Issue 12: 300 treaties gave `Could not create ruleset, error code: 108` with a traceback."""
    rules = {f"r{i}": {"all": [{"e": {"kind": "f"}}, {"g": {"$and": [{"kind": "g"}, {"x": i}]}}]} for i in range(300)}
    run = core(f"d.create_ruleset('r', json.dumps({rules!r}))")
    assert "error code: 108" in run.stderr
    assert "BETA_LIST_LENGTH" in (Demand.of([("f", {"kind": "f"})] * 300, rules=300).usage().over(Budget()) or "")


@needs_core
def test_512_tests_below_one_node_hang_the_first_assertion() -> None:
    def script(tests: int) -> str:
        rules = {f"r{i}": {"all": [{"e": {"$and": [{"kind": "f"}, {"v": i}]}}]} for i in range(tests)}
        fact = {"sid": "1", "kind": "f", "v": 3}
        return f"print(d.assert_facts(d.create_ruleset('r', json.dumps({rules!r})), json.dumps([{fact!r}]))[0])"

    fits = core(script(511))
    assert fits.returncode == 0 and fits.stdout.strip() == "0", fits.stderr
    with pytest.raises(subprocess.TimeoutExpired):  # the probe for a free slot never ends
        core(script(512), timeout=10)
    demand = Demand.of([("f", {"$and": [{"kind": "f"}, {"v": i}]}) for i in range(512)], rules=512)
    assert "NEXT_BUCKET_LENGTH" in (demand.usage().over(Budget()) or "")


# --- a join after a disjunction (rete.c) --------------------------------------------------------

JOIN = """
    first = {"$or": [{"state": "X"}, {"state": "Y"}]}, {"event": {"e": "event"}}
    tests = [{"kind": "a"}, *(first if OR_FIRST else reversed(first))]
    h = d.create_ruleset("r", json.dumps({"r": {"all": [{"e": {"kind": "ev"}}, {"a": {"$and": tests}}], "dist": 0}}))
    facts = [{"sid": "1", "kind": "ev", "event": "e1"}, {"sid": "1", "kind": "ev", "event": "e2"},
             {"sid": "1", "kind": "a", "event": "e2", "state": "X"}]
    code, offset = d.assert_facts(h, json.dumps(facts))
    started = d.start_action_for_state(h, offset)
    message = started[1] if started else None
    while message:
        print(json.loads(message)["r"]["e"]["event"])
        message = d.complete_and_start_action(h, offset)
"""


@needs_core
def test_a_join_after_a_disjunction_is_not_enforced_so_pact_never_writes_one() -> None:
    """Found here: the attacker of e2 matched e1 too, when the state test came first as a $or."""
    assert core(JOIN.replace("OR_FIRST", "True")).stdout.split() == ["e2", "e1"]
    assert core(JOIN.replace("OR_FIRST", "False")).stdout.split() == ["e2"]
    broken = {"a": {"$and": [{"kind": "a"}, {"$or": [{"state": "X"}, {"state": "Y"}]}, {"event": {"e": "event"}}]}}
    assert "join after a disjunction" in (check_rule([{"e": {"kind": "ev"}}, broken]) or "")


# --- packing ------------------------------------------------------------------------------------


def test_the_bundled_rules_make_one_shard(rules: pact.Rulebook) -> None:
    """The common case stays one ruleset, so one assertion per evaluation."""
    assert len(pack(compile_rulebook(rules)).shards) == 1


@given(rulebooks(max_treaties=4), st.integers(2, 8), st.integers(len(EVENT_PROPERTIES) + 2, 20), st.data())
def test_every_shard_fits_its_budget(rulebook: pact.Rulebook, stack: int, properties: int, data: st.DataObject) -> None:
    """GIVEN random rules and a small budget WHEN packed THEN each shard fits it, every clause
    has its rules in some shard, and no event fact of a random scenario has more properties than
    the budget allows."""
    plan = compile_rulebook(rulebook)
    budget = Budget(stack=stack, properties=properties)
    try:
        packed = pack(plan, budget)
    except Unholdable as reason:
        assert (
            "MAX_STACK_SIZE" in reason.limit or "MAX_OBJECT_PROPERTIES" in reason.limit
        )  # one rule over a tiny budget
        return
    for shard in packed.shards:
        assert shard.usage.over(budget) is None
    clauses = {r.clause for s in packed.shards for r in s.rules}
    assert clauses <= {c.key for c in plan.clauses}
    facts = plan.facts(data.draw(scenarios(rulebook)))
    for shard in packed.shards:
        events = shard.concerned(facts)
        assert all(len(fact) <= properties for fact in (shard.facts(events, "1", 1) if events else []))
        for event in events:  # packing counted each rule for the victims whose events may carry its anchor
            anchored = {shard.names[r.keys[0]]: r.reach for r in shard.rules if r.reach is not None}
            for fact in shard.facts((event,), "1", 1):
                assert all(event.target in anchored[name] for name in fact.keys() & anchored.keys())


@given(
    rulebooks(max_treaties=4),
    st.builds(
        Budget,
        stack=st.integers(2, 12),
        patterns_per_node=st.integers(1, 6),
        tests_per_node=st.integers(1, 12),
        rules=st.integers(1, 24),
        properties=st.integers(len(EVENT_PROPERTIES) + 1, 30),
    ),
    st.integers(2, 40),
)
def test_rules_packed_a_batch_at_a_time_fill_the_shards_one_by_one_would(
    rulebook: pact.Rulebook, budget: Budget, batch: int
) -> None:
    """GIVEN random rules and a small budget WHEN packed a batch of rules at a time THEN the shards
    hold the same rules as when every rule is added on its own, or the same rule is refused for the
    same reason (usage only grows as rules are added)."""
    plan = compile_rulebook(rulebook)

    def packed(size: int) -> list[list[str]] | str:
        with patch.object(durable_plan, "BATCH", size):
            try:
                shards = pack(plan, budget).shards
            except Unholdable as reason:
                return reason.limit
        assert all(shard.usage.over(budget) is None for shard in shards)
        return [[rule.name for rule in shard.rules] for shard in shards]

    assert packed(batch) == packed(1)  # a batch of one is added as every rule was before batches


def test_a_condition_without_a_durable_translation_is_a_programming_error(rules: pact.Rulebook) -> None:
    """Never a silent fallback to the reference backend: tests/test_conditions.py finds the gap first."""

    @dataclass(frozen=True)
    class Unknown:
        def holds(self, facts: object, plan: object) -> bool:
            return True

    plan = compile_rulebook(rules)
    clause = replace(plan.clauses[0], conditions=(*plan.clauses[0].conditions, Unknown()))
    odd = replace(plan, clauses=(clause, *plan.clauses[1:]))
    with pytest.raises(TypeError, match="no translation for the condition Unknown"):
        pack(odd)


@needs_core
def test_an_unholdable_plan_runs_on_the_reference_backend_with_one_notice(rules: pact.Rulebook) -> None:
    from pact.backends import BackendFallbackWarning
    from pact.backends.durable.backend import DurableBackend
    from pact.backends.reference import ReferenceBackend

    plan = compile_rulebook(rules)
    backend = DurableBackend(budget=Budget(stack=0))  # no rule fits: as if a limit were in the way
    case = pact.load_scenario(SCENARIOS / "aes-niger-attacked.yaml", rules)
    with pytest.warns(BackendFallbackWarning, match=r"cannot hold these rules: clause .*MAX_STACK_SIZE") as told:
        first = backend.fired(plan, plan.facts(case))
        second = backend.fired(plan, plan.facts(case))
    assert len(told) == 1
    assert first == second == ReferenceBackend().fired(plan, plan.facts(case))


@needs_core
@settings(max_examples=40)
@given(st.data())
def test_rules_split_over_many_shards_give_the_reference_answers(data: st.DataObject) -> None:
    """GIVEN random rules packed into shards of a few stack entries WHEN evaluated THEN the union
    over shards, defeaters included, equals the reference backend's answer."""
    from pact.backends.durable.backend import DurableBackend
    from pact.backends.reference import ReferenceBackend

    rulebook = data.draw(rulebooks(max_treaties=4))
    plan = compile_rulebook(rulebook)
    backend = DurableBackend(budget=Budget(stack=data.draw(st.integers(3, 6))))
    if isinstance(backend.packed(plan), Unholdable):
        return
    for case in data.draw(st.lists(scenarios(rulebook), min_size=1, max_size=5)):
        facts = plan.facts(case)
        assert backend.fired(plan, facts) == ReferenceBackend().fired(plan, facts)


def test_the_properties_an_event_may_carry_are_counted_per_victim() -> None:
    """An event carries the keyed names of the rules that admit its victim, and of the rules that
    admit any victim; the largest such set, with the properties every event has, must fit a fact."""

    def rule(victims: list[str], *names: str) -> tuple[str, dict[str, Any]]:
        index = [{f"target={v}": v} for v in victims]
        first = [index[0] if len(index) == 1 else {"$or": index}] if index else []
        return "event", {"$and": [{"kind": "event"}, *first, *({f"place={n}": n} for n in names)]}

    def demand(*rules: tuple[str, dict[str, Any]]) -> Demand:
        return Demand.of(rules, own="target")

    load = Load()
    load.add(Demand.of([], rules=0, base={"event": 11}))
    load.add(demand(rule(["FRA"], "a", "b"), rule(["FRA", "DEU"], "b", "c"), rule(["DEU"], "d")))
    assert load.after(Demand()).properties == {"event": 11 + 3}  # FRA: a, b, c
    assert load.after(demand(rule([], "e", "f"))).properties == {"event": 11 + 5}  # and e, f, for any victim
    crowded = demand(rule(["ITA"], *(f"n{i}" for i in range(MAX_FACT_PROPERTIES - 11 + 1))))
    assert "MAX_OBJECT_PROPERTIES" in (load.after(crowded).over(Budget()) or "")


def test_keyed_names_index_only_what_a_fact_has_one_of() -> None:
    """An event has one victim (``target=…``) but may carry several memberships (``protected=…``):
    rules that start with different memberships may all hold for one event, so they add up."""
    by_victim = [("event", {"$and": [{"kind": "event"}, {f"target={v}": v}]}) for v in ("FRA", "DEU", "ITA")]
    assert Demand.of(by_victim, own="target").usage().stack == {"event": 1}
    by_treaty = [("event", {"$and": [{"kind": "event"}, {f"protected={t}": t}]}) for t in ("nato", "eu", "aes")]
    assert Demand.of(by_treaty, own="target").usage().stack == {"event": 3}


def test_a_pattern_led_by_a_membership_counts_for_its_members_only() -> None:
    """A rule led by ``protected=T`` (its anchor) is reached only by the events of T's members: the
    stack and the properties of an event are counted per victim over the memberships it may carry,
    and the table below the event's node holds one test per anchor, not one per victim."""

    def led(treaty: str, members: set[str], day: int = 1) -> Demand:
        name = f"protected={treaty}"
        pattern = {"$and": [{"kind": "event"}, {name: treaty}, {"$gte": {"day": day}}]}
        return Demand.of([("event", pattern)], own="target", reach={name: frozenset(members)})

    load = Load()
    for treaty, members in (("nato", {"FRA", "DEU"}), ("eu", {"FRA", "ITA"}), ("aes", {"MLI"})):
        load.add(led(treaty, members))
    usage = load.after(Demand())
    assert usage.stack == {"event": 2}  # FRA's events reach nato's rule and eu's
    assert usage.tests == {"event": 3}
    assert usage.properties == {"event": 2}  # protected=nato and protected=eu
    assert load.after(led("nato", {"FRA"})).stack == {"event": 2}  # the same rule again: the same nodes
    assert load.after(led("nato", {"FRA"}, day=2)).stack == {"event": 3}  # nato, eu; then nato's two rules


def test_the_stack_count_of_a_clause_follows_its_disjunctions() -> None:
    keyed = {"$and": [{"kind": "event"}, {"$or": [{"target": "A"}, {"target": "B"}]}, {"$or": [{"p": 1}, {"q": 1}]}]}
    demand = Demand.of([("event", keyed)])
    assert demand.usage().stack == {"event": 2}  # two places may both hold; the target is one value
