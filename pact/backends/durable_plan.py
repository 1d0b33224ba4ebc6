"""A plan as durable-rules rulesets: its clauses as rules, packed into shards that fit the C core.

Each clause becomes a rule over an *event* fact, joined where the clause asks to facts about that
event: *protected* (the victim is a party in good standing of a treaty), *party* (an attacker is a
party of a treaty), *attacker* (a state among the attackers), *place* (the event took place in a
region), *asked* (the victim asked a treaty for help). Memberships, places and requests are worked
out before they are asserted, for the day of the scenario, so every fact has a fixed shape of at
most nine properties and every join compares for equality. A condition that only an absence
satisfies ("the attacker is not a party") becomes a second rule, the clause's *defeater*; a clause
fires for an event when one of its rules fired and its defeater did not. A disjunction over joined
facts (named attackers, regions of a scope) becomes one rule per alternative.

Every rule tests the victim first (``target`` among the states the clause protects), and every
pattern of a joined fact tests its treaty, state or region before its join: these equalities
*index* the network, so a fact walks only the rules that admit its own value. The rules are then
packed, in plan order, into *shards*: rulesets that each fit the C core's limits as
``durable_limits`` counts them (stack entries for the worst value of each index, patterns ending at
one node, tests hanging below one node, rules). The bundled rules make one shard; 1,000 generated
treaties make a handful.

A rule too big for an empty shard (none is, with the conditions there are today), a condition with
no durable translation, or a pattern durable would mis-evaluate, makes the plan :class:`Unholdable`:
the backend then runs the reference backend and says which limit was in the way.

Pure Python: it imports nothing of durable (the host runs the shards).
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pycountry

from pact.backends.durable_limits import Budget, Demand, Load, Usage, check_rule
from pact.compile import (
    AgainstIn,
    AttackerAmong,
    AttackerIs,
    ClausePlan,
    Condition,
    EventFacts,
    EventTypeIn,
    InForce,
    LocationIn,
    Plan,
    RequestedFromTreaty,
    VictimInRegion,
    VictimParty,
)
from pact.model import AttackerCondition

STATES = tuple(sorted(c.alpha_3 for c in pycountry.countries))
"""Every state a victim can be (an event's target is an ISO 3166-1 alpha-3 code)."""

EVENT, ATTACKER, PROTECTED, PARTY, PLACE, ASKED = "event", "attacker", "protected", "party", "place", "asked"
"""The kinds of fact a rule reads."""

SESSION, NEVER = "session", "never"
OPENED = "opened"
"""The rule every session fires once when it opens: deleting a session in which no action ever
started frees an uninitialised pointer (state.c, deleteStateNode) and segfaults."""

EVENT_PROPERTIES = ("sid", "kind", "event", "type", "against", "target", "day", "by_state", "on_target_territory")
"""What an event fact carries. No property is called ``id``: durable takes it for the fact's own
identity, and joins on it silently fail."""

FULL = Budget()
"""Every limit of the C core, whole: the capacity the backend packs to."""

_NON_PARTY = (AttackerCondition.non_party, AttackerCondition.non_party_state)
_BY_STATE = (AttackerCondition.state, AttackerCondition.non_party_state)
_SAME_EVENT = {"event": {"e": "event"}}


class Unholdable(Exception):
    """No set of durable rulesets can hold this plan; ``limit`` says what is in the way."""

    def __init__(self, limit: str) -> None:
        self.limit = limit
        super().__init__(limit)


@dataclass(frozen=True)
class Join:
    """A fact of ``kind`` joined to the event under ``alias``; ``key`` is the treaty or region whose
    facts of that kind the session must be given."""

    alias: str
    kind: str
    test: dict[str, Any] = field(compare=False)
    key: str | None = None


@dataclass(frozen=True)
class Tests:
    """What one condition asks of durable: an ``index`` (an equality on the event, tested first),
    other tests on the event fact, joined facts, and ``unless``: joins that, if they all match,
    stop the clause from firing (a defeater)."""

    index: dict[str, Any] | None = None
    event: tuple[dict[str, Any], ...] = ()
    joins: tuple[Join, ...] = ()
    unless: tuple[Join, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One durable rule: when it fires for an event, ``clause`` fires (or, if ``defeats``, cannot)."""

    name: str
    clause: str
    defeats: bool
    event: dict[str, Any] = field(compare=False)
    joins: tuple[Join, ...]

    @cached_property
    def demand(self) -> Demand:
        return Demand.of([(EVENT, self.event), *((j.kind, j.test) for j in self.joins)])

    def definition(self) -> dict[str, Any]:
        patterns = [{"e": self.event}, *({j.alias: j.test} for j in self.joins)]
        return {"all": patterns, "dist": 0}  # no fact binds two patterns of a rule: the distinct check is moot


@dataclass(frozen=True)
class Shard:
    """Rules of one plan that fit one durable ruleset, with the facts a session of it is given."""

    rules: tuple[Rule, ...]
    plan: Plan = field(compare=False, repr=False)
    members: dict[str, tuple[str, ...]] = field(compare=False, repr=False)  # treaty -> states ever parties

    @cached_property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of fact its rules read: only these are asserted."""
        return tuple(sorted({EVENT} | {j.kind for r in self.rules for j in r.joins}))

    @cached_property
    def keys(self) -> dict[str, frozenset[str]]:
        """Per kind of joined fact, the treaties or regions its rules join on."""
        found: dict[str, set[str]] = {}
        for join in (j for r in self.rules for j in r.joins if j.key is not None):
            found.setdefault(join.kind, set()).add(join.key)
        return {kind: frozenset(keys) for kind, keys in found.items()}

    @cached_property
    def treaties_of(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """Membership kind -> state -> the treaties joined on of which the state was ever a party."""
        index: dict[str, dict[str, list[str]]] = {}
        for kind in (PROTECTED, PARTY):
            for treaty in sorted(self.keys.get(kind, ())):
                for state in self.members.get(treaty, ()):
                    index.setdefault(kind, {}).setdefault(state, []).append(treaty)
        return {kind: {s: tuple(t) for s, t in states.items()} for kind, states in index.items()}

    @cached_property
    def outcomes(self) -> dict[str, tuple[str, bool]]:
        """Rule name -> (clause key, whether it defeats the clause)."""
        return {r.name: (r.clause, r.defeats) for r in self.rules}

    @cached_property
    def text(self) -> str:
        """The ruleset definition as durable reads it: the rules, the session's opening rule, and
        per fact kind a rule that never fires but *handles* every fact of the kind (a fact that
        reaches no rule is refused, and in a batch it hides any other refusal)."""
        rules = {r.name: r.definition() for r in self.rules}
        rules[OPENED] = {"all": [{"s": {"kind": SESSION}}]}
        for kind in self.kinds:
            rules[f"handled_{kind}"] = {"all": [{"x": {"kind": kind}}, {"n": {"kind": NEVER}}]}
        return json.dumps(rules, sort_keys=True)

    @cached_property
    def usage(self) -> Usage:
        """How much of each limit of the C core the ruleset uses, its opening rule and handlers included."""
        load = _loaded()
        for rule in self.rules:
            load.add(rule.demand)
        return load.after(Demand())

    @cached_property
    def size(self) -> int:
        """Rules in the ruleset, its opening rule and handlers included."""
        return len(self.rules) + 1 + len(self.kinds)

    @cached_property
    def key(self) -> str:
        """Identifies the ruleset by content: equal shards, from any plan, share one ruleset."""
        return "pact_" + hashlib.sha256(self.text.encode()).hexdigest()[:32]

    @staticmethod
    def opening(sid: str) -> dict[str, Any]:
        return {"sid": sid, "kind": SESSION}

    def facts(self, events: tuple[EventFacts, ...], sid: str) -> list[dict[str, Any]]:
        """Every fact a session of this shard is given for these events (never an empty list).

        Memberships are chosen for the day here (a join comparing days reads uninitialised memory
        in the C core), and only those the rules join on: of the victims, and of the attackers."""
        facts = [self._event(sid, e) for e in events]
        day = events[0].day
        for target in sorted({e.target for e in events}):
            for treaty in self.treaties_of.get(PROTECTED, {}).get(target, ()):
                standing = self.plan.standing(treaty, target, day)
                if standing is not None and standing.protected:
                    facts.append({"sid": sid, "kind": PROTECTED, "treaty": treaty, "state": target})
        for event in events:
            facts += self._about(sid, event, day)
        return facts

    def _event(self, sid: str, facts: EventFacts) -> dict[str, Any]:
        return {
            "sid": sid,
            "kind": EVENT,
            "event": facts.id,
            "type": facts.type.value,
            "against": facts.against.value,
            "target": facts.target,
            "day": facts.day,
            "by_state": int(bool(facts.attackers)),
            "on_target_territory": int(facts.on_target_territory),
        }

    def _about(self, sid: str, event: EventFacts, day: int) -> Iterator[dict[str, Any]]:
        """The facts joined to one event: its attackers, their memberships, its places, its requests."""
        about = {"sid": sid, "event": event.id}
        for attacker in event.attackers:
            if ATTACKER in self.kinds:
                yield {**about, "kind": ATTACKER, "state": attacker}
            for treaty in self.treaties_of.get(PARTY, {}).get(attacker, ()):
                if self.plan.standing(treaty, attacker, day) is not None:
                    yield {**about, "kind": PARTY, "treaty": treaty, "state": attacker}
        for region in sorted(event.place_regions & self.keys.get(PLACE, frozenset())):
            yield {**about, "kind": PLACE, "region": region}
        for treaty in sorted(event.requested & self.keys.get(ASKED, frozenset())):
            yield {**about, "kind": ASKED, "treaty": treaty}


@dataclass(frozen=True)
class DurablePlan:
    """A plan packed into shards; every shard fits the C core's limits."""

    shards: tuple[Shard, ...]


_KINDS = (EVENT, ATTACKER, PROTECTED, PARTY, PLACE, ASKED)
_OVERHEAD = Demand.of(
    [(SESSION, {"kind": SESSION}), *((k, {"kind": k}) for k in _KINDS), *((NEVER, {"kind": NEVER}) for _ in _KINDS)],
    rules=1 + len(_KINDS),
)
"""What every shard may hold besides its rules: the opening rule, and a handler per fact kind."""


def pack(plan: Plan, budget: Budget = FULL) -> DurablePlan:
    """Translate the plan's clauses and pack their rules, in order, into shards that fit ``budget``.

    Raises Unholdable if some rule fits no shard at all."""
    translator = _Translator(plan)
    shards: list[Shard] = []
    current: list[Rule] = []
    load = _loaded()
    for rule in (r for i, c in enumerate(plan.clauses) for r in translator.rules(i, c)):
        problem = check_rule(rule.definition()["all"]) or _EMPTY.after(rule.demand).over(budget)
        if problem:
            raise Unholdable(f"clause {rule.clause} needs {problem}")
        if current and load.after(rule.demand).over(budget):
            shards.append(Shard(tuple(current), plan, translator.members))
            current, load = [], _loaded()
        current.append(rule)
        load.add(rule.demand)
    if current:
        shards.append(Shard(tuple(current), plan, translator.members))
    return DurablePlan(tuple(shards))


def _loaded() -> Load:
    """A ruleset's load before its rules: the opening rule, and a handler per fact kind."""
    load = Load()
    load.add(_OVERHEAD)
    return load


_EMPTY = _loaded()  # never added to


class _Translator:
    """Conditions into durable tests, for one plan."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan

    @cached_property
    def members(self) -> dict[str, tuple[str, ...]]:
        """Every state that is or was a party, per treaty (Plan.members_ever, in one pass)."""
        found: dict[str, set[str]] = {}
        for standing in self.plan.standings:
            found.setdefault(standing.treaty, set()).add(standing.state)
        return {treaty: tuple(sorted(states)) for treaty, states in found.items()}

    @cached_property
    def region_states(self) -> dict[str, list[str]]:
        """Each region's states: the victims a region condition admits (a victim is an ISO state)."""
        found: dict[str, list[str]] = {}
        for state in STATES:
            for region in sorted(self.plan.regions_of(state)):
                found.setdefault(region, []).append(state)
        return found

    def rules(self, index: int, clause: ClausePlan) -> Iterator[Rule]:
        """The clause's rules: one per combination of its conditions' alternatives, and defeaters."""
        options = [self._translate(c) for c in clause.conditions]
        combinations = list(itertools.product(*options))
        for n, combination in enumerate(combinations):
            joins = tuple(j for t in combination for j in t.joins)
            if len({j.alias for j in joins}) != len(joins):
                raise Unholdable(f"clause {clause.key}: two conditions join facts under one alias")
            indexes = [t.index for t in combination if t.index]
            yield Rule(
                name=f"c{index}" if len(combinations) == 1 else f"c{index}_{n}",
                clause=clause.key,
                defeats=False,
                event={"$and": [{"kind": EVENT}, *indexes, *(test for t in combination for test in t.event)]},
                joins=joins,
            )
        defeaters = dict.fromkeys(t.unless for alternatives in options for t in alternatives if t.unless)
        for n, joins in enumerate(defeaters):
            yield Rule(f"d{index}_{n}", clause.key, True, {"kind": EVENT}, joins)

    def _translate(self, condition: Condition) -> tuple[Tests, ...]:
        """The alternatives that together mean ``condition`` (usually one; none if it never holds)."""
        match condition:
            case InForce(start=start, end=end):
                return (Tests(event=({"$gte": {"day": start}}, {"$lt": {"day": end}})),)
            case EventTypeIn(types=types):
                return (Tests(event=(_any_of("type", sorted(types)),)),)
            case AgainstIn(targets=targets):
                return (Tests(event=(_any_of("against", sorted(targets)),)),)
            case VictimParty(treaty=treaty):
                # Only a state that was ever a party can be one in good standing: the index spares
                # durable the rule for other victims; the join decides.
                members = self.members.get(treaty, ())
                protected = _fact(PROTECTED, {"treaty": treaty}, {"state": {"e": "target"}})
                join = Join("v", PROTECTED, protected, treaty)
                return (Tests(index=_any_of("target", members), joins=(join,)),) if members else ()
            case VictimInRegion(region=region):
                states = self.region_states.get(region)
                return (Tests(index=_any_of("target", states)),) if states else ()
            case AttackerIs(treaty=treaty, condition=kind):
                party = Join("p", PARTY, _fact(PARTY, {"treaty": treaty}, _SAME_EVENT), treaty)
                return (
                    Tests(
                        event=({"by_state": 1},) if kind in _BY_STATE else (),
                        unless=(party,) if kind in _NON_PARTY else (),
                    ),
                )
            case AttackerAmong(states=states):
                return tuple(
                    Tests(joins=(Join("a", ATTACKER, _fact(ATTACKER, {"state": s}, _SAME_EVENT)),))
                    for s in sorted(states)
                )
            case LocationIn(regions=regions, victim_territory=victim_territory):
                inside = tuple(
                    Tests(joins=(Join("l", PLACE, _fact(PLACE, {"region": r}, _SAME_EVENT), r),))
                    for r in sorted(regions)
                )
                return (*inside, Tests(event=({"on_target_territory": 1},))) if victim_territory else inside
            case RequestedFromTreaty(treaty=treaty):
                return (Tests(joins=(Join("q", ASKED, _fact(ASKED, {"treaty": treaty}, _SAME_EVENT), treaty),)),)
        raise Unholdable(f"durable-rules has no translation for the condition {type(condition).__name__}")


def _any_of(key: str, values: list[Any] | tuple[Any, ...]) -> dict[str, Any]:
    tests = [{key: v} for v in values]
    return tests[0] if len(tests) == 1 else {"$or": tests}


def _fact(kind: str, index: dict[str, Any], join: dict[str, Any]) -> dict[str, Any]:
    """A pattern for a fact of ``kind``: its index (an equality, tested first), then its join.

    The order matters twice: an equality ahead of the join indexes the network, and a join after a
    disjunction would not be enforced (durable_limits.check_rule)."""
    return {"$and": [{"kind": kind}, index, join]}
