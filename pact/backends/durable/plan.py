"""A plan as durable-rules rulesets: its clauses as rules, packed into shards that fit the C core.

Each clause becomes a rule over an *event* fact, joined where the clause asks to facts about that
event: *protected* (the victim is a party in good standing of a treaty), *party* (an attacker is a
party of a treaty), *bearer* (an attacker is a party in good standing), *attacker* (a state among
the attackers), *place* (the event took place in a region), *within* (the victim lies in a region),
*asked* / *asked_party* (a treaty was asked for help, by the victim / by a party), *found* (a treaty
body made a finding about the event), *settled* (the event settles a named condition).
Memberships, places and requests are worked out before they are asserted, for the day of the
scenario, so every fact has a fixed shape of at most ten properties and every join compares for
equality. A condition that only an absence satisfies ("the attacker is not a party") becomes a
second rule, a *defeater*; a clause fires for an event when one of its rules fired and none of that
rule's defeaters did. A disjunction (named attackers, regions of a scope, a test or the
determination that settles it) becomes one rule per alternative.

Unknown facts (three-valued conditions) run as two worlds of the same rules: in the *pessimistic*
world a test on an unknown fact fails (no joined fact, a value no test names), in the *optimistic*
world it holds (joined facts for every alternative the rules name, a wildcard value every test
admits). A clause fires when it fires in the pessimistic world, and possibly fires when it fires in
the optimistic one.

Every rule tests the victim first (``target`` among the states the clause protects), and every
pattern of a joined fact tests its treaty, state or region before its join: these equalities
*index* the network, so a fact walks only the rules that admit its own value. The rules are then
packed, in plan order, into *shards*: rulesets that each fit the C core's limits as
``durable_limits`` counts them (stack entries for the worst value of each index, patterns ending at
one node, tests hanging below one node, rules). The bundled rules make one shard; 1,000 generated
treaties make a handful.

A rule too big for an empty shard (none is, with the conditions there are today) or a pattern
durable would mis-evaluate makes the plan :class:`Unholdable`: the backend then runs the reference
backend and says which limit was in the way. Every kind of condition has its translation here
(``TRANSLATIONS``); tests/test_conditions.py fails when one lacks it.

Pure Python: it imports nothing of durable (the host runs the shards).
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pycountry

from pact.backends.durable.limits import Budget, Demand, Load, Usage, check_rule
from pact.core.states import registry
from pact.model import AttackerCondition, RequestBy, Target
from pact.plan.compile import ClausePlan, Plan
from pact.plan.conditions import (
    AgainstIn,
    AttackerAmong,
    AttackerIs,
    Condition,
    Determined,
    EventTypeIn,
    LocationIn,
    NamedCondition,
    OnVictimTerritory,
    Requested,
    Settled,
    TreatyApplies,
    VersionApplies,
    VictimParty,
    VictimWithin,
    requester_may_ask,
)
from pact.plan.facts import EventFacts

STATES = tuple(sorted({c.alpha_3 for c in pycountry.countries} | set(registry())))
"""Every state a victim can be: ISO 3166-1 codes and the former states of pact's registry."""

EVENT, ATTACKER, PROTECTED, PARTY, BEARER, PLACE, WITHIN = (
    "event",
    "attacker",
    "protected",
    "party",
    "bearer",
    "place",
    "within",
)
ASKED, ASKED_PARTY, FOUND, SETTLED = "asked", "asked_party", "found", "settled"
"""The kinds of fact a rule reads."""

ANY, NONE = "*", "?"
"""The value of an unknown fact in the optimistic world (every test admits it) and in the
pessimistic one (no test admits it)."""

SESSION, NEVER = "session", "never"
OPENED = "opened"
"""The rule every session fires once when it opens: deleting a session in which no action ever
started frees an uninitialised pointer (state.c, deleteStateNode) and segfaults."""

EVENT_PROPERTIES = (
    "sid",
    "kind",
    "event",
    "type",
    "against",
    "target",
    "day",
    "by_state",
    "attackers_known",
    "on_target_territory",
    "territory_ok",
)
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
    """One durable rule: when it fires for an event, ``clause`` fires unless one of the defeaters
    named in ``guards`` fired too; a rule that ``defeats`` is such a defeater."""

    name: str
    clause: str
    defeats: bool
    event: dict[str, Any] = field(compare=False)
    joins: tuple[Join, ...]
    guards: tuple[str, ...] = ()

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
        for kind in (PROTECTED, PARTY, BEARER):
            for treaty in sorted(self.keys.get(kind, ())):
                for state in self.members.get(treaty, ()):
                    index.setdefault(kind, {}).setdefault(state, []).append(treaty)
        return {kind: {s: tuple(t) for s, t in states.items()} for kind, states in index.items()}

    @cached_property
    def outcomes(self) -> dict[str, Rule]:
        """Rule name -> the rule (its clause, whether it defeats, which defeaters guard it)."""
        return {r.name: r for r in self.rules}

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

    def facts(self, events: tuple[EventFacts, ...], sid: str, optimistic: bool = False) -> list[dict[str, Any]]:
        """Every fact a session of this shard is given for these events (never an empty list).

        Memberships are chosen for the day here (a join comparing days reads uninitialised memory
        in the C core), and only those the rules join on: of the victims, and of the attackers.
        ``optimistic`` picks the world in which unknown facts hold (see the module's docstring)."""
        facts = [self._event(sid, e, optimistic) for e in events]
        day = events[0].day
        for target in sorted({e.target for e in events}):
            for treaty in self.treaties_of.get(PROTECTED, {}).get(target, ()):
                standing = self.plan.standing(treaty, target, day)
                if standing is not None and standing.protected:
                    facts.append({"sid": sid, "kind": PROTECTED, "treaty": treaty, "state": target})
        for event in events:
            facts += self._about(sid, event, day, optimistic)
        return facts

    def _event(self, sid: str, facts: EventFacts, optimistic: bool) -> dict[str, Any]:
        unknown = 1 if optimistic else 0
        territory = facts.on_target_territory
        return {
            "sid": sid,
            "kind": EVENT,
            "event": facts.id,
            "type": facts.type.value,
            "against": facts.against.value if facts.against else (ANY if optimistic else NONE),
            "target": facts.target,
            "day": facts.day,
            "by_state": int(bool(facts.attackers)) or (0 if facts.attackers_known else unknown),
            "attackers_known": int(facts.attackers_known) or unknown,
            "on_target_territory": unknown if territory is None else int(territory),
            "territory_ok": unknown if facts.territory_ok is None else int(facts.territory_ok),
        }

    def _about(self, sid: str, event: EventFacts, day: int, optimistic: bool) -> Iterator[dict[str, Any]]:
        """The facts joined to one event: its attackers and their memberships, its places, the
        victim's regions, its requests, the findings about it, the conditions it settles."""
        about = {"sid": sid, "event": event.id}
        yield from self._attackers(about, event, day, optimistic)
        places = self.keys.get(PLACE, frozenset())
        known = event.place_regions if event.location_known or not optimistic else places
        yield from ({**about, "kind": PLACE, "region": r} for r in sorted(known & places))
        within = event.target_regions & self.keys.get(WITHIN, frozenset())
        yield from ({**about, "kind": WITHIN, "region": r} for r in sorted(within))
        for kind, by in ((ASKED, RequestBy.victim), (ASKED_PARTY, RequestBy.party)):
            for treaty in sorted(self.keys.get(kind, ())):
                if self._asked(event, treaty, by, optimistic):
                    yield {**about, "kind": kind, "treaty": treaty}
        for found in sorted(self.keys.get(FOUND, ())):
            treaty, finding = found.split("/")
            if any(t == treaty and f.value == finding for t, f in event.findings):
                yield {**about, "kind": FOUND, "found": found}
        for name in sorted(self.keys.get(SETTLED, ())):
            if event.conditions.get(name, None if optimistic else False) in (True, None):
                yield {**about, "kind": SETTLED, "condition": name}

    def _attackers(
        self, about: dict[str, Any], event: EventFacts, day: int, optimistic: bool
    ) -> Iterator[dict[str, Any]]:
        """Each attacker and its memberships; in the optimistic world, an unknown attacker is a
        wildcard that is a party in good standing of every treaty the rules ask about (but never
        one that defeats a clause for non-parties)."""
        for attacker in event.attackers:
            if ATTACKER in self.kinds:
                yield {**about, "kind": ATTACKER, "state": attacker}
            for treaty in self.treaties_of.get(PARTY, {}).get(attacker, ()):
                if self.plan.standing(treaty, attacker, day) is not None:
                    yield {**about, "kind": PARTY, "treaty": treaty, "state": attacker}
            for treaty in self.treaties_of.get(BEARER, {}).get(attacker, ()):
                standing = self.plan.standing(treaty, attacker, day)
                if standing is not None and standing.bears:
                    yield {**about, "kind": BEARER, "treaty": treaty, "state": attacker}
        if optimistic and not event.attackers_known:
            if ATTACKER in self.kinds:
                yield {**about, "kind": ATTACKER, "state": ANY}
            for treaty in sorted(self.keys.get(BEARER, ())):
                yield {**about, "kind": BEARER, "treaty": treaty, "state": ANY}

    def _asked(self, event: EventFacts, treaty: str, by: RequestBy, optimistic: bool) -> bool:
        if event.requests is None:
            return optimistic
        return any(r.to == treaty and requester_may_ask(by, r.by, treaty, event, self.plan) for r in event.requests)


@dataclass(frozen=True)
class DurablePlan:
    """A plan packed into shards; every shard fits the C core's limits."""

    shards: tuple[Shard, ...]


_KINDS = (EVENT, ATTACKER, PROTECTED, PARTY, BEARER, PLACE, WITHIN, ASKED, ASKED_PARTY, FOUND, SETTLED)
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
        """Each region's states on some day: the victims a region condition may admit (the joined
        *within* fact decides for the day)."""
        found: dict[str, list[str]] = {}
        for state in STATES:
            for region in sorted(self.plan.regions_ever(state)):
                found.setdefault(region, []).append(state)
        return found

    def rules(self, index: int, clause: ClausePlan) -> Iterator[Rule]:
        """The clause's rules: one per combination of its conditions' alternatives, and defeaters."""
        options = [
            tuple(_realiased(t, position) for t in self.translate(c)) for position, c in enumerate(clause.conditions)
        ]
        defeaters = {
            joins: f"d{index}_{n}"
            for n, joins in enumerate(
                dict.fromkeys(t.unless for alternatives in options for t in alternatives if t.unless)
            )
        }
        combinations = list(itertools.product(*options))
        for n, combination in enumerate(combinations):
            joins = tuple(j for t in combination for j in t.joins)
            indexes = [t.index for t in combination if t.index]
            yield Rule(
                name=f"c{index}" if len(combinations) == 1 else f"c{index}_{n}",
                clause=clause.key,
                defeats=False,
                event={"$and": [{"kind": EVENT}, *indexes, *(test for t in combination for test in t.event)]},
                joins=joins,
                guards=tuple(defeaters[t.unless] for t in combination if t.unless),
            )
        for joins, name in defeaters.items():
            yield Rule(name, clause.key, True, {"kind": EVENT}, joins)

    def translate(self, condition: Condition) -> tuple[Tests, ...]:
        """The alternatives that together mean ``condition`` (usually one; none if it never holds)."""
        translation = TRANSLATIONS.get(type(condition))
        if translation is None:  # a programming error, caught by tests/test_conditions.py: never a silent fallback
            raise TypeError(f"durable-rules has no translation for the condition {type(condition).__name__}")
        return translation(self, condition)


# --- each condition as durable tests --------------------------------------------------------------

Translation = Callable[[_Translator, Any], tuple[Tests, ...]]
TRANSLATIONS: dict[type, Translation] = {}
"""Every kind of condition's durable translation, by its class (``pact.plan.conditions``)."""


def translates(*kinds: type) -> Callable[[Translation], Translation]:
    def register(translation: Translation) -> Translation:
        TRANSLATIONS.update(dict.fromkeys(kinds, translation))
        return translation

    return register


@translates(Settled)
def _settled(t: _Translator, c: Settled) -> tuple[Tests, ...]:
    """The facts, or the treaty body's determination that settles them."""
    return (*t.translate(c.inner), *t.translate(c.by))


@translates(TreatyApplies, VersionApplies)
def _dated(t: _Translator, c: TreatyApplies | VersionApplies) -> tuple[Tests, ...]:
    return (Tests(event=({"$gte": {"day": c.start}}, {"$lt": {"day": c.end}})),)


@translates(EventTypeIn)
def _event_type(t: _Translator, c: EventTypeIn) -> tuple[Tests, ...]:
    return (Tests(event=(_any_of("type", sorted(c.types)),)),)


@translates(AgainstIn)
def _against(t: _Translator, c: AgainstIn) -> tuple[Tests, ...]:
    if c.targets >= set(Target):
        return (Tests(),)
    return (Tests(event=(_any_of("against", [*sorted(c.targets), ANY]),)),)


@translates(VictimParty)
def _victim_party(t: _Translator, c: VictimParty) -> tuple[Tests, ...]:
    # Only a state that was ever a party can be one in good standing: the index spares durable
    # the rule for other victims; the join decides.
    members = t.members.get(c.treaty, ())
    protected = _fact(PROTECTED, {"treaty": c.treaty}, {"state": {"e": "target"}})
    join = Join("v", PROTECTED, protected, c.treaty)
    return (Tests(index=_any_of("target", members), joins=(join,)),) if members else ()


@translates(VictimWithin)
def _victim_within(t: _Translator, c: VictimWithin) -> tuple[Tests, ...]:
    states = t.region_states.get(c.region)
    within = Join("w", WITHIN, _fact(WITHIN, {"region": c.region}, _SAME_EVENT), c.region)
    return (Tests(index=_any_of("target", states), joins=(within,)),) if states else ()


@translates(OnVictimTerritory)
def _on_victim_territory(t: _Translator, c: OnVictimTerritory) -> tuple[Tests, ...]:
    return (Tests(event=({"territory_ok": 1},)),)


@translates(AttackerIs)
def _attacker(t: _Translator, c: AttackerIs) -> tuple[Tests, ...]:
    if c.condition is AttackerCondition.any:
        return (Tests(),)
    if c.condition is AttackerCondition.party:
        bearer = Join("b", BEARER, _fact(BEARER, {"treaty": c.treaty}, _SAME_EVENT), c.treaty)
        return (Tests(joins=(bearer,)),)
    party = Join("p", PARTY, _fact(PARTY, {"treaty": c.treaty}, _SAME_EVENT), c.treaty)
    non_party = c.condition in _NON_PARTY
    known = ({"attackers_known": 1},) if non_party else ()
    by_state = ({"by_state": 1},) if c.condition in _BY_STATE else ()
    return (Tests(event=(*known, *by_state), unless=(party,) if non_party else ()),)


@translates(AttackerAmong)
def _attacker_among(t: _Translator, c: AttackerAmong) -> tuple[Tests, ...]:
    return tuple(
        Tests(joins=(Join("a", ATTACKER, _fact(ATTACKER, {"state": s}, _SAME_EVENT)),))
        for s in (*sorted(c.states), ANY)
    )


@translates(LocationIn)
def _location(t: _Translator, c: LocationIn) -> tuple[Tests, ...]:
    inside = tuple(
        Tests(joins=(Join("l", PLACE, _fact(PLACE, {"region": r}, _SAME_EVENT), r),)) for r in sorted(c.regions)
    )
    return (*inside, Tests(event=({"on_target_territory": 1},))) if c.victim_territory else inside


@translates(Requested)
def _requested(t: _Translator, c: Requested) -> tuple[Tests, ...]:
    kind = ASKED if c.by is RequestBy.victim else ASKED_PARTY
    return (Tests(joins=(Join("q", kind, _fact(kind, {"treaty": c.treaty}, _SAME_EVENT), c.treaty),)),)


@translates(Determined)
def _determined(t: _Translator, c: Determined) -> tuple[Tests, ...]:
    return tuple(
        Tests(joins=(Join("f", FOUND, _fact(FOUND, {"found": key}, _SAME_EVENT), key),))
        for key in sorted(f"{c.treaty}/{finding.value}" for finding in c.findings)
    )


@translates(NamedCondition)
def _named(t: _Translator, c: NamedCondition) -> tuple[Tests, ...]:
    return (Tests(joins=(Join("n", SETTLED, _fact(SETTLED, {"condition": c.name}, _SAME_EVENT), c.name),)),)


def _realiased(tests: Tests, position: int) -> Tests:
    """The tests with their joined patterns named after the condition's position in the clause, so
    that two conditions joining facts of one kind never share an alias."""

    def renamed(joins: tuple[Join, ...]) -> tuple[Join, ...]:
        return tuple(Join(f"{j.alias}{position}", j.kind, j.test, j.key) for j in joins)

    return Tests(tests.index, tests.event, renamed(tests.joins), renamed(tests.unless))


def _any_of(key: str, values: list[Any] | tuple[Any, ...]) -> dict[str, Any]:
    tests = [{key: v} for v in values]
    return tests[0] if len(tests) == 1 else {"$or": tests}


def _fact(kind: str, index: dict[str, Any], join: dict[str, Any]) -> dict[str, Any]:
    """A pattern for a fact of ``kind``: its index (an equality, tested first), then its join.

    The order matters twice: an equality ahead of the join indexes the network, and a join after a
    disjunction would not be enforced (durable_limits.check_rule)."""
    return {"$and": [{"kind": kind}, index, join]}
