"""The durable-rules backend: a plan's clauses as Rete rules, run by durable-rules' C core.

Three modules hold it up: ``durable_plan`` turns a plan into rules and packs them into shards
(rulesets) that fit the C core's limits, listed with their sources in ``durable_limits``;
``durable_host`` keeps the live rulesets and their sessions and is the only module that imports
durable. A plan no shard can hold (none today: see ``durable_plan``) runs on the reference backend,
with a ``BackendFallbackWarning`` naming the limit in the way.

The crashes and traps of durable-rules 2.0.28 are avoided by construction; each is pinned by a
test in tests/test_durable_backend.py or tests/test_durable_limits.py:

- no rule set is too big: facts carry at most 253 properties, no fact can fill the matching
  stack, no alpha node gets more than 64 rules (``durable_limits`` says where each limit comes
  from and what it did when reached);
- the Host's timer threads are never started (pact drives the C core itself), and one lock per
  host serialises evaluations;
- rulesets are deleted when more than ``max_rulesets`` are live, so memory stays bounded however
  many rule sets a process loads;
- events are asserted as *facts* (posted events are consumed by the first rule that fires), and
  never retracted (retracting a fact a completed action matched overruns a freed frame): a session
  takes the facts of many evaluations, each stamped with its run, and is then replaced;
- every session opens with a rule that fires at once (deleting a session in which no action ever
  started segfaults), and a session left half-way is deleted;
- every asserted fact reaches some rule (an unhandled fact in a batch hides other refusals), and a
  batch is never empty (asserting [] segfaults);
- a hash collision between two distinct facts (upstream #376) reruns the evaluation under a new sid;
- no fact carries an ``id`` property (durable's own fact identity, silently breaking joins on it):
  the event id travels as ``event``;
- joins compare for equality only: a join comparing with ``$lt``/``$lte``/``$gt`` against another
  fact's property reads uninitialised memory in the C core; so memberships are chosen for the day
  before they are asserted, and the only order comparisons are against constants;
- no ``$not`` patterns: negation is expressed by defeater rules;
- all values are strings or integers (days since year 1), so comparisons are exact;
- fork() waits for evaluations in other threads to finish, and Ctrl-C surfaces as
  ``KeyboardInterrupt`` with no session left behind.
"""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass
from functools import partial

from pact.backends import BackendFallbackWarning, Firing
from pact.backends.durable.host import DurableHost
from pact.backends.durable.limits import Budget
from pact.backends.durable.plan import FULL, OPTIMISTIC, PESSIMISTIC, DurablePlan, Unholdable, pack
from pact.backends.reference import ReferenceBackend
from pact.core.locks import fork_safe_lock
from pact.plan.compile import Plan
from pact.plan.facts import EventFacts

PLANS_KEPT = 8
"""Packed plans a backend remembers (an engine uses one; a test may alternate between a few)."""


@dataclass(frozen=True, eq=False)
class Worlds:
    """What one run found for ``facts``: the clauses that fire, and those that possibly fire."""

    plan: Plan
    facts: tuple[EventFacts, ...]
    fired: set[Firing]
    possibly: set[Firing]


class DurableBackend:
    """Runs plans on durable-rules, in the rulesets of ``host`` (by default the process's own),
    packed into shards that fit ``budget`` (by default every limit of the C core)."""

    name = "durable"

    def __init__(self, host: DurableHost | None = None, budget: Budget = FULL) -> None:
        self.host = host if host is not None else DurableHost.shared()
        self.budget = budget  # less than FULL only to test sharding on small rule sets
        self._packed: list[tuple[Plan, DurablePlan | Unholdable]] = []  # the last PLANS_KEPT, the latest last
        self._packing = fork_safe_lock()
        self._last = threading.local()  # each thread's last run: engines are shared by threads

    def fired(self, plan: Plan, facts: tuple[EventFacts, ...]) -> set[Firing]:
        found = self._worlds(plan, facts)
        return found.fired if isinstance(found, Worlds) else ReferenceBackend().fired(plan, facts)

    def possibly_fired(self, plan: Plan, facts: tuple[EventFacts, ...]) -> set[Firing]:
        found = self._worlds(plan, facts)
        return found.possibly if isinstance(found, Worlds) else ReferenceBackend().possibly_fired(plan, facts)

    def _worlds(self, plan: Plan, facts: tuple[EventFacts, ...]) -> Worlds | Unholdable:
        """Both worlds' firings, from one session run per shard: the engine asks ``fired`` then
        ``possibly_fired`` for the same facts, so the second question is answered from the run
        the first one made (kept per thread, for that very ``facts`` object only)."""
        last: Worlds | None = getattr(self._last, "worlds", None)
        if last is not None and last.facts is facts and last.plan is plan:
            self._last.worlds = None
            return last
        packed = self.packed(plan)
        if isinstance(packed, Unholdable):
            return packed
        found = self._run(packed, plan, facts)
        self._last.worlds = found
        return found

    def _run(self, packed: DurablePlan, plan: Plan, facts: tuple[EventFacts, ...]) -> Worlds:
        fired: dict[tuple[str, str], list[tuple[str, ...]]] = {}  # (clause, tagged event) -> each rule's guards
        defeated: set[tuple[str, str]] = set()  # (defeater rule, tagged event)
        for shard in packed.shards:
            events = shard.concerned(facts)
            if not events:
                continue
            for name, matched in self.host.run(shard, partial(shard.facts, events), packed.keys):
                rule, event = shard.outcomes[name], matched["e"]["event"]
                if rule.defeats:
                    defeated.add((rule.name, event))
                else:
                    fired.setdefault((rule.clause, event), []).append(rule.guards)
        held = [
            (clause, event)
            for (clause, event), guarded in fired.items()
            if any(all((guard, event) not in defeated for guard in guards) for guards in guarded)
        ]
        return Worlds(
            plan,
            facts,
            fired={(clause, event[1:]) for clause, event in held if event[0] != OPTIMISTIC},
            possibly={(clause, event[1:]) for clause, event in held if event[0] != PESSIMISTIC},
        )

    def packed(self, plan: Plan) -> DurablePlan | Unholdable:
        """The plan in shards, or why durable cannot hold it (told once, as a warning). Equal plans
        share one packing. A plan is told from those packed before by its outline, and by its
        fingerprint only where an earlier plan has the same outline: a fingerprint costs about as
        much as packing a small plan, and the plans of one run (the rules, and the rules narrowed
        for each other reading) have outlines of their own."""
        with self._packing:  # one packing at a time: a plan is packed once however many threads ask
            for i, (other, found) in enumerate(self._packed):
                if other is plan or (_outline(other) == _outline(plan) and other.fingerprint == plan.fingerprint):
                    self._packed.append(self._packed.pop(i))
                    return found
            found = self._pack(plan)
            self._packed = [*self._packed[1 - PLANS_KEPT :], (plan, found)]
            return found

    def _pack(self, plan: Plan) -> DurablePlan | Unholdable:
        found: DurablePlan | Unholdable
        try:
            found = pack(plan, self.budget)
        except Unholdable as reason:
            found = reason
            warnings.warn(
                f"durable-rules cannot hold these rules: {reason.limit}; using the reference backend",
                BackendFallbackWarning,
                stacklevel=4,
            )
        return found


def _outline(plan: Plan) -> tuple[object, ...]:
    """What equal plans share and most unequal ones do not: their treaties and how many clauses,
    memberships and suspensions they hold (each part of the fingerprint)."""
    return plan.treaties, len(plan.clauses), len(plan.standings), len(plan.suspensions)
