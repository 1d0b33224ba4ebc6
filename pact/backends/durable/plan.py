"""A plan as durable-rules rulesets: each clause as rules over one fact per event, packed into
shards that fit the C core.

Everything a clause asks about an event is worked out in Python for the day of the scenario and
carried by the event's fact itself, as *keyed properties*: a name that holds a key, and a value that
repeats it (``durable_limits.keyed``). ``protected=T``: the victim is a party in good standing of T;
``party=T``: an attacker is a party of T; ``bearer=T``: an attacker is a party that bears duties;
``attacker=S``: S is among the attackers; ``place=R``: the event took place in region R;
``within=R``: the victim lies in R; ``asked=T`` / ``asked_party=T``: T was asked for help, by the
victim / by a party; ``found=T/F``: T's body found F about the event; ``settled=N``: the event
settles the named condition N. A rule is one pattern: the keyed names the clause needs, then tests
of the event's own values (type, day, what was struck …), all comparing with constants. A rule that
admits only some victims (the parties of a treaty, the states of a region: its *index*) is led by
the keyed name that says so, its *anchor* (``protected=T``, ``within=R``), which only the events of
those victims ever carry. A condition that only an absence satisfies ("the attacker is not a
party") becomes a second rule, a *defeater*, led by the same anchor; a clause fires for an event
when one of its rules fired and none of that rule's defeaters did. A disjunction (named attackers,
regions of a scope, a test or the determination that settles it) becomes one rule per alternative.

Why one fact, and keyed names: durable's alpha network finds the tests below a node by a hash of the
property name only, and evaluates every test on a name the fact carries (``durable_limits.KEYED``);
an equality on a value is evaluated against every value a ruleset names, a keyed name only where the
event carries it. And each fact asserted costs parsing, hashing and storing in the core, and each
join a beta node: facts of their own for memberships, places and requests, joined to the event,
made the 145 bundled scenarios assert a median of 9 facts a session run (up to 104), in two runs
(one per world), where they now assert a median of 2 (up to 9) in one. An event carries only the
keyed properties that some rule admitting its victim tests, so its size is bounded per victim, and
packing keeps it under the core's limit (``durable_limits``, properties per fact).

Why anchors, and not the victim first: every property of a fact probes the table of tests below
each node the fact reaches, and the probe walks the table from one of its first 32 slots to the
first free one (events.c, handleAlpha; ``HASH_MASK`` 0x1F), so a node's cost grows with the tests
below it. Led by the victim, the event's node had one test per victim some rule admits (146 on the
bundled rules), and a victim's rules one disjunction node each; led by anchors, it has one test per
treaty or region the rules index by (24 on the bundled rules), and the rules of one treaty share
their nodes.

Unknown facts (three-valued conditions) run as two worlds of the same rules: in the *pessimistic*
world a test on an unknown fact fails (no keyed name, a value no test names), in the *optimistic*
world it holds (every keyed name the rules ask about, a wildcard value every test admits). A clause
fires when it fires in the pessimistic world, and possibly fires when it fires in the optimistic
one. Both worlds share one session run: an event whose facts the shard's rules read are all known is
asserted once, tagged as standing for both worlds; any other event twice, a copy per world, each
tagged (the tag leads its ``event`` property).

Rules are packed, in plan order, into *shards*: rulesets that each fit the C core's limits as
``durable_limits`` counts them (stack entries for the worst victim on the network the rules make,
``durable_network``; patterns ending at one node, tests hanging below one node, rules, properties
of one event fact). The bundled rules make one shard; 1,015 generated treaties two. A shard is run
only for the events whose victims some rule of it admits.

A rule too big for an empty shard (none is, with the conditions there are today) makes the plan
:class:`Unholdable`: the backend then runs the reference backend and says which limit was in the
way. Every kind of condition has its translation here (``TRANSLATIONS``); tests/test_conditions.py
fails when one lacks it.

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

from pact.backends.durable.limits import Budget, Demand, Load, Usage, check_rule, keyed_as, name_hash
from pact.core.codes import alpha3_codes
from pact.model import AttackerCondition, RequestBy, Target
from pact.plan.compile import ClausePlan, Plan
from pact.plan.conditions import (
    AgainstIn,
    AttackerAmong,
    AttackerIs,
    AttackerMember,
    Condition,
    DecidedBy,
    Determined,
    EventTypeIn,
    LocationIn,
    NamedCondition,
    OnVictimTerritory,
    Requested,
    Settled,
    TreatyApplies,
    VersionApplies,
    VictimMember,
    VictimParty,
    VictimWithin,
    requester_may_ask,
)
from pact.plan.facts import EventFacts
from pact.plan.places import RegionPlan

STATES = tuple(sorted(alpha3_codes()))
"""Every state a victim can be: ISO 3166-1 codes and the former states of pact's registry."""

EVENT = "event"
"""The one kind of fact a session is given (besides its opening fact)."""

ATTACKER, PROTECTED, PARTY, BEARER, PLACE, WITHIN = "attacker", "protected", "party", "bearer", "place", "within"
ASKED, ASKED_PARTY, FOUND, SETTLED = "asked", "asked_party", "found", "settled"
"""The keyed properties of an event fact, by what their key names."""

VICTIM = "target"
"""What packing counts an event's demand by: it has one victim (``durable_limits``, ``own``)."""

ANY, NONE = "*", "?"
"""The value of an unknown fact in the optimistic world (every test admits it) and in the
pessimistic one (no test admits it)."""

BOTH, PESSIMISTIC, OPTIMISTIC = "=", "-", "+"
"""The world a copy of an event stands for, as the first character of its ``event`` property."""

SESSION, NEVER = "session", "never"
OPENED = "opened"
"""The rule every session fires once when it opens: deleting a session in which no action ever
started frees an uninitialised pointer (state.c, deleteStateNode) and segfaults."""

EVENT_PROPERTIES = (
    "sid",
    "kind",
    "run",
    "event",
    "type",
    "against",
    "day",
    "by_state",
    "attackers_known",
    "on_target_territory",
    "territory_ok",
)
"""What every event fact carries besides its keyed properties. No property is called ``id``:
durable takes it for the fact's own identity."""

FULL = Budget()
"""Every limit of the C core, whole: the capacity the backend packs to."""

_NON_PARTY = (AttackerCondition.non_party, AttackerCondition.non_party_state)
_BY_STATE = (AttackerCondition.state, AttackerCondition.non_party_state)

Key = tuple[str, str]
"""A keyed property: what it names (``protected``, ``place`` …) and its key (a treaty, a region …)."""

Carried = tuple[str, str]
"""A keyed property as a fact carries it: its name (``protected=nato``) and its value, the key (``nato``)."""

NamedKeys = tuple[Carried, ...]
"""The keys of one kind of keyed property, in their order, as a fact carries them."""


class Names:
    """The keyed name of each keyed property of a plan, every one hashing apart from every other
    name an event fact may carry (``durable_limits.name_hash``): where two would collide, the later
    one is salted. Filled while the plan is translated, read-only after."""

    def __init__(self) -> None:
        self._names: dict[Key, str] = {}
        self._hashes = {name_hash(n) for n in (*EVENT_PROPERTIES, "id")}

    def register(self, what: str, key: str) -> str:
        if (what, key) not in self._names:
            salt = 0
            while name_hash(name := keyed_as(what, key, salt)) in self._hashes:
                salt += 1
            self._hashes.add(name_hash(name))
            self._names[(what, key)] = name
        return self._names[(what, key)]

    def __getitem__(self, key: Key) -> str:
        return self._names[key]


class Unholdable(Exception):
    """No set of durable rulesets can hold this plan; ``limit`` says what is in the way."""

    def __init__(self, limit: str) -> None:
        self.limit = limit
        super().__init__(limit)


@dataclass(frozen=True)
class Tests:
    """What one condition asks of durable: the ``victims`` it admits (its *index*; its one keyed
    property is then carried only by their events), keyed properties the event must carry, tests
    of the event's own values, and ``unless``: keyed properties that, all carried, stop the clause
    from firing (a defeater)."""

    victims: tuple[str, ...] | None = None
    keys: tuple[Key, ...] = ()
    event: tuple[dict[str, Any], ...] = ()
    unless: tuple[Key, ...] = ()

    def __post_init__(self) -> None:
        if self.victims is not None and len(self.keys) != 1:  # a programming error: the anchor is that key
            raise TypeError(f"an index comes with the one keyed property its victims carry: {self}")


@dataclass(frozen=True)
class Rule:
    """One durable rule over an event fact: when it fires for an event, ``clause`` fires unless one
    of the defeaters named in ``guards`` fired too; a rule that ``defeats`` is such a defeater."""

    name: str
    clause: str
    defeats: bool
    victims: frozenset[str] | None  # the index: None for any victim
    keys: tuple[Key, ...]  # led by the anchor when there is an index
    tests: tuple[dict[str, Any], ...] = field(compare=False)
    names: Names = field(compare=False, repr=False)
    guards: tuple[str, ...] = ()
    reach: frozenset[str] | None = None  # the victims whose events may carry the anchor: None, no anchor

    @cached_property
    def event(self) -> dict[str, Any]:
        """The rule's one pattern: the keyed names (the anchor first), the event's own values."""
        return {"$and": [{"kind": EVENT}, *({self.names[k]: k[1]} for k in self.keys), *self.tests]}

    @cached_property
    def demand(self) -> Demand:
        reach = None if self.reach is None else {self.names[self.keys[0]]: self.reach}
        return Demand.of([(EVENT, self.event)], own=VICTIM, reach=reach)

    def definition(self) -> dict[str, Any]:
        return {"all": [{"e": self.event}]}


@dataclass(frozen=True)
class Shard:
    """Rules of one plan that fit one durable ruleset, with the facts a session of it is given."""

    rules: tuple[Rule, ...]
    plan: Plan = field(compare=False, repr=False)
    names: Names = field(compare=False, repr=False)

    @cached_property
    def _tested(self) -> dict[str | None, dict[str, frozenset[str]]]:
        """Victim (None: any) -> what -> the keys its rules test."""
        found: dict[str | None, dict[str, set[str]]] = {}
        for rule in self.rules:
            for victim in rule.victims if rule.victims is not None else (None,):
                for what, key in rule.keys:
                    found.setdefault(victim, {}).setdefault(what, set()).add(key)
        return {v: {what: frozenset(keys) for what, keys in by.items()} for v, by in found.items()}

    def tested(self, victim: str) -> dict[str, NamedKeys]:
        """What -> the keys some rule admitting ``victim`` tests, named: all an event of it may carry
        (worked out once per victim: a state or a territory)."""
        found = self._tested_by_victim.get(victim)
        if found is None:
            own, anyone = self._tested.get(victim, {}), self._tested.get(None, {})
            found = {what: self._named(what, own.get(what, set()) | anyone.get(what, set())) for what in own | anyone}
            self._tested_by_victim[victim] = found
        return found

    @cached_property
    def _tested_by_victim(self) -> dict[str, dict[str, NamedKeys]]:
        return {}

    def _named(self, what: str, keys: set[str] | frozenset[str]) -> NamedKeys:
        return tuple((self.names[(what, key)], key) for key in sorted(keys))

    @cached_property
    def outcomes(self) -> dict[str, Rule]:
        """Rule name -> the rule (its clause, whether it defeats, which defeaters guard it)."""
        return {r.name: r for r in self.rules}

    @cached_property
    def text(self) -> str:
        """The ruleset definition as durable reads it: the rules, the session's opening rule, and a
        rule that never fires but *handles* every event fact (a fact that reaches no rule is
        refused, and in a batch it hides any other refusal)."""
        rules = {r.name: r.definition() for r in self.rules}
        rules[OPENED] = {"all": [{"s": {"kind": SESSION}}]}
        rules[f"handled_{EVENT}"] = {"all": [{"x": {"kind": EVENT}}, {"n": {"kind": NEVER}}]}
        return json.dumps(rules, sort_keys=True)

    @cached_property
    def usage(self) -> Usage:
        """How much of each limit of the C core the ruleset uses, its opening rule and handler included."""
        load = _loaded()
        for rule in self.rules:
            load.add(rule.demand)
        return load.after(Demand())

    @cached_property
    def size(self) -> int:
        """Rules in the ruleset, its opening rule and handler included."""
        return len(self.rules) + 2

    @cached_property
    def key(self) -> str:
        """Identifies the ruleset by content: equal shards, from any plan, share one ruleset."""
        return "pact_" + hashlib.sha256(self.text.encode()).hexdigest()[:32]

    @staticmethod
    def opening(sid: str) -> dict[str, Any]:
        return {"sid": sid, "kind": SESSION}

    @cached_property
    def victims(self) -> frozenset[str] | None:
        """The victims of the events some rule of the shard may fire for (None: any victim)."""
        found: set[str] = set()
        for rule in (r for r in self.rules if not r.defeats):  # a defeater matters only where its rule fires
            if rule.victims is None:
                return None
            found |= rule.victims
        return frozenset(found)

    def concerned(self, events: tuple[EventFacts, ...]) -> tuple[EventFacts, ...]:
        """The events some rule of the shard may fire for: the others are not asserted at all."""
        victims = self.victims
        return events if victims is None else tuple(e for e in events if e.target in victims)

    def worlds(self, event: EventFacts) -> tuple[str, ...]:
        """The copies of the event a session is given: one for both worlds when none of the facts
        its rules read is unknown, else one per world (see the module's docstring)."""
        settled = self.tested(event.target).get(SETTLED, ())
        if event.has_unknowns or any(condition not in event.conditions for _, condition in settled):
            return (PESSIMISTIC, OPTIMISTIC)
        return (BOTH,)

    def facts(self, events: tuple[EventFacts, ...], sid: str, run: int) -> list[dict[str, Any]]:
        """The facts session ``sid`` of this shard is given for these (non-empty) events in its
        evaluation ``run``: one per event and world, each tagged with its world before its id (see
        the module's docstring), and stamped with the run (a session keeps earlier runs' facts, and
        refuses a fact equal to one it has)."""
        return [self._event(sid, run, e, world) for e in events for world in self.worlds(e)]

    def _event(self, sid: str, run: int, event: EventFacts, world: str) -> dict[str, Any]:
        optimistic = world == OPTIMISTIC
        unknown = int(optimistic)
        territory = event.on_target_territory
        fact: dict[str, Any] = {
            "sid": sid,
            "kind": EVENT,
            "run": run,
            "event": world + event.id,
            "type": event.type.value,
            "against": event.against.value if event.against else (ANY if optimistic else NONE),
            "day": event.day,
            "by_state": int(bool(event.attackers)) or (0 if event.attackers_known else unknown),
            "attackers_known": int(event.attackers_known) or unknown,
            "on_target_territory": unknown if territory is None else int(territory),
            "territory_ok": unknown if event.territory_ok is None else int(event.territory_ok),
        }
        fact.update(self._carried(event, optimistic))
        return fact

    def _carried(self, event: EventFacts, optimistic: bool) -> Iterator[Carried]:
        """The keyed properties of the event that the rules admitting its victim test, for the day,
        as the fact carries them: the victim's memberships and regions, the attackers and theirs,
        the places, requests, findings and conditions settled. Memberships are chosen for the day
        here: the core compares no days but with constants."""
        tested, day, plan = self.tested(event.target), event.day, self.plan
        for name, treaty in tested.get(PROTECTED, ()):
            standing = plan.standing(treaty, event.target, day)
            if standing is not None and standing.protected and (optimistic or not standing.unsure(day)):
                yield name, treaty
        yield from self._attackers(event, tested, optimistic)
        places = tested.get(PLACE, ())
        if event.location_known or not optimistic:
            places = tuple((name, r) for name, r in places if r in event.place_regions)
        yield from places
        yield from ((name, r) for name, r in tested.get(WITHIN, ()) if r in event.target_regions)
        for what, by in ((ASKED, RequestBy.victim), (ASKED_PARTY, RequestBy.party)):
            yield from self._asked(event, tested.get(what, ()), by, optimistic)
        for name, found in tested.get(FOUND, ()):
            treaty, finding = found.split("/")
            if any(t == treaty and f.value == finding for t, f in event.findings):
                yield name, found
        for name, condition in tested.get(SETTLED, ()):
            if event.conditions.get(condition, None if optimistic else False) in (True, None):
                yield name, condition

    def _attackers(self, event: EventFacts, tested: dict[str, NamedKeys], optimistic: bool) -> Iterator[Carried]:
        """The attackers the rules name, and the treaties some attacker is a party of (``party``)
        or bears duties under (``bearer``); in the optimistic world, an unknown attacker is a
        wildcard that bears duties under every treaty the rules ask about (but is never a party
        that defeats a clause for non-parties)."""
        wildcard = optimistic and not event.attackers_known
        attackers = {*event.attackers, *((ANY,) if wildcard else ())}
        yield from ((name, s) for name, s in tested.get(ATTACKER, ()) if s in attackers)
        plan, day = self.plan, event.day
        for name, treaty in tested.get(PARTY, ()):
            if any(plan.standing(treaty, a, day) is not None for a in event.attackers):
                yield name, treaty
        for name, treaty in tested.get(BEARER, ()):
            if wildcard or any(_bears(plan.standing(treaty, a, day)) for a in event.attackers):
                yield name, treaty

    def _asked(self, event: EventFacts, treaties: NamedKeys, by: RequestBy, optimistic: bool) -> Iterator[Carried]:
        """The treaties among these that were asked for help, as ``by`` counts asking."""
        if event.requests is None:
            yield from treaties if optimistic else ()
            return
        for name, treaty in treaties:
            if any(r.to == treaty and requester_may_ask(by, r.by, treaty, event, self.plan) for r in event.requests):
                yield name, treaty


def _bears(standing) -> bool:
    return standing is not None and standing.bears


@dataclass(frozen=True)
class DurablePlan:
    """A plan packed into shards; every shard fits the C core's limits."""

    shards: tuple[Shard, ...]

    @cached_property
    def keys(self) -> frozenset[str]:
        """Its shards' rulesets: a host keeps them all live while the plan runs."""
        return frozenset(s.key for s in self.shards)


_OVERHEAD = Demand.of(
    [(SESSION, {"kind": SESSION}), (EVENT, {"kind": EVENT}), (NEVER, {"kind": NEVER})],
    rules=2,
    base={EVENT: len(EVENT_PROPERTIES)},
)
"""What every shard holds besides its rules: the opening rule, the event handler, and the
properties of every event fact."""


BATCH = 32
"""Rules packing tries to add at once before it adds them one by one."""


def pack(plan: Plan, budget: Budget = FULL) -> DurablePlan:
    """Translate the plan's clauses and pack their rules, in order, into shards that fit ``budget``.

    Rules are tried a batch at a time, and one by one only in a batch that does not fit whole: what
    a ruleset uses of every limit only grows as rules are added, so a batch that fits is what adding
    its rules one by one would have put there too. Raises Unholdable if some rule fits no shard at all."""
    translator = _Translator(plan)
    rules = [r for i, c in enumerate(plan.clauses) for r in translator.rules(i, c)]
    shards: list[Shard] = []
    current: list[Rule] = []
    load = _loaded()
    for start in range(0, len(rules), BATCH):
        batch = rules[start : start + BATCH]
        problems = [check_rule(rule.definition()["all"]) for rule in batch]
        whole = len(batch) > 1 and not any(problems)
        if whole and load.add_within(Demand.together(r.demand for r in batch), budget) is None:
            current += batch
            continue
        for rule, problem in zip(batch, problems, strict=True):
            if not problem:
                problem = load.add_within(rule.demand, budget)
                if problem and current:  # this shard is full: the rule starts the next one
                    shards.append(Shard(tuple(current), plan, translator.names))
                    current, load = [], _loaded()
                    problem = load.add_within(rule.demand, budget)
            if problem:
                raise Unholdable(f"clause {rule.clause} needs {problem}")
            current.append(rule)
    if current:
        shards.append(Shard(tuple(current), plan, translator.names))
    return DurablePlan(tuple(shards))


def _loaded() -> Load:
    """A ruleset's load before its rules: the opening rule, the event handler."""
    load = Load()
    load.add(_OVERHEAD)
    return load


class _Translator:
    """Conditions into durable tests, for one plan."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.names = Names()
        self._region_states: dict[str, tuple[str, ...]] = {}  # only the regions some clause names

    @cached_property
    def members(self) -> dict[str, tuple[str, ...]]:
        """Every state that is or was a party, per treaty (Plan.members_ever, in one pass)."""
        found: dict[str, set[str]] = {}
        for standing in self.plan.standings:
            found.setdefault(standing.treaty, set()).add(standing.state)
        return {treaty: tuple(sorted(states)) for treaty, states in found.items()}

    @cached_property
    def _regions(self) -> dict[str, RegionPlan]:
        return {r.id: r for r in self.plan.places.regions}

    def region_states(self, region: str) -> tuple[str, ...]:
        """The states ``region`` may hold on some day: the victims a region condition may admit (the
        joined *within* fact decides for the day).

        Read from the region's own definition, not from its states on every change day of the plan:
        a state whose code (or the code it is an alias of) the region includes, a party ever of a
        treaty whose parties' territory it takes, a state whose administrator, on some day, is one
        the region names. Exclusions and dates are left to the *within* fact: this is a superset."""
        if region not in self._region_states:
            self._region_states[region] = self._states_in(self._regions[region])
        return self._region_states[region]

    def _states_in(self, region: RegionPlan) -> tuple[str, ...]:
        places = self.plan.places
        parties = {s for treaty in region.parties_of for s in self.members.get(treaty, ())}
        administrators = set(region.administered_by)
        found = []
        for state in STATES:
            chain = places.chain(state)
            ruled = {chain[-1], *(span.administrator for code in chain for span in places.territories.get(code, ()))}
            if any(code in region.include for code in chain) or chain[-1] in parties or ruled & administrators:
                found.append(state)
        return tuple(found)

    def rules(self, index: int, clause: ClausePlan) -> Iterator[Rule]:
        """The clause's rules: one per combination of its conditions' alternatives that admits some
        victim, led by its anchor, and a defeater per distinct anchor and ``unless``, led by the
        anchor too and admitting the victims of the rules it guards."""
        options = itertools.product(*(self.translate(c) for c in clause.conditions))
        made = [m for m in map(_Combination, options) if m.victims != frozenset()]
        defeaters: dict[tuple[Key | None, tuple[Key, ...]], list[_Combination]] = {}
        for m in made:
            for unless in m.unless:
                defeaters.setdefault((m.anchor, unless), []).append(m)
        named = {key: f"d{index}_{n}" for n, key in enumerate(defeaters)}
        for n, m in enumerate(made):
            yield self._named(
                Rule(
                    name=f"c{index}" if len(made) == 1 else f"c{index}_{n}",
                    clause=clause.key,
                    defeats=False,
                    victims=m.victims,
                    keys=m.keys,
                    tests=m.event,
                    names=self.names,
                    guards=tuple(named[(m.anchor, unless)] for unless in m.unless),
                    reach=m.reach,
                )
            )
        for (anchor, unless), guarded in defeaters.items():
            victims = [m.victims for m in guarded]
            yield self._named(
                Rule(
                    name=named[(anchor, unless)],
                    clause=clause.key,
                    defeats=True,
                    victims=None if None in victims else frozenset().union(*victims),
                    keys=(anchor, *unless) if anchor else unless,
                    tests=(),
                    names=self.names,
                    reach=guarded[0].reach,
                )
            )

    def _named(self, rule: Rule) -> Rule:
        """The rule, once every keyed name it tests has its name."""
        for key in rule.keys:
            self.names.register(*key)
        return rule

    def translate(self, condition: Condition) -> tuple[Tests, ...]:
        """The alternatives that together mean ``condition`` (usually one; none if it never holds)."""
        translation = TRANSLATIONS.get(type(condition))
        if translation is None:  # a programming error, caught by tests/test_conditions.py: never a silent fallback
            raise TypeError(f"durable-rules has no translation for the condition {type(condition).__name__}")
        return translation(self, condition)


@dataclass(frozen=True)
class _Combination:
    """One alternative of each condition of a clause: what one of its rules tests."""

    tests: tuple[Tests, ...]

    @cached_property
    def _indexed(self) -> tuple[Tests, ...]:
        return tuple(t for t in self.tests if t.victims is not None)

    @cached_property
    def victims(self) -> frozenset[str] | None:
        """The victims it admits (None: any)."""
        indexes = [frozenset(t.victims or ()) for t in self._indexed]
        return frozenset.intersection(*indexes) if indexes else None

    @property
    def anchor(self) -> Key | None:
        """The keyed property its rule is led by: one that only the events of some victims carry."""
        return self._indexed[0].keys[0] if self._indexed else None

    @property
    def reach(self) -> frozenset[str] | None:
        """The victims whose events may carry its anchor."""
        return frozenset(self._indexed[0].victims or ()) if self._indexed else None

    @property
    def keys(self) -> tuple[Key, ...]:
        return tuple(dict.fromkeys(k for t in (*self._indexed, *self.tests) for k in t.keys))

    @property
    def event(self) -> tuple[dict[str, Any], ...]:
        return tuple(test for t in self.tests for test in t.event)

    @property
    def unless(self) -> tuple[tuple[Key, ...], ...]:
        return tuple(dict.fromkeys(t.unless for t in self.tests if t.unless))


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
    # Only a state that was ever a party can be one in good standing: the index keeps the rule and
    # its keyed property off the other victims' events; the keyed property decides for the day.
    members = t.members.get(c.treaty, ())
    return (Tests(victims=members, keys=((PROTECTED, c.treaty),)),) if members else ()


@translates(VictimMember)
def _victim_member(t: _Translator, c: VictimMember) -> tuple[Tests, ...]:
    # the same keyed property as a party's: the victim's standing in the other instrument, for the day
    members = t.members.get(c.instrument, ())
    return (Tests(victims=members, keys=((PROTECTED, c.instrument),)),) if members else ()


@translates(VictimWithin)
def _victim_within(t: _Translator, c: VictimWithin) -> tuple[Tests, ...]:
    states = t.region_states(c.region)
    return (Tests(victims=states, keys=((WITHIN, c.region),)),) if states else ()


@translates(OnVictimTerritory)
def _on_victim_territory(t: _Translator, c: OnVictimTerritory) -> tuple[Tests, ...]:
    return (Tests(event=({"territory_ok": 1},)),)


@translates(AttackerIs)
def _attacker(t: _Translator, c: AttackerIs) -> tuple[Tests, ...]:
    if c.condition is AttackerCondition.any:
        return (Tests(),)
    if c.condition is AttackerCondition.party:
        return (Tests(keys=((BEARER, c.treaty),)),)
    non_party = c.condition in _NON_PARTY
    known = ({"attackers_known": 1},) if non_party else ()
    by_state = ({"by_state": 1},) if c.condition in _BY_STATE else ()
    return (Tests(event=(*known, *by_state), unless=((PARTY, c.treaty),) if non_party else ()),)


@translates(AttackerAmong)
def _attacker_among(t: _Translator, c: AttackerAmong) -> tuple[Tests, ...]:
    return tuple(Tests(keys=((ATTACKER, s),)) for s in (*sorted(c.states), ANY))


@translates(AttackerMember)
def _attacker_member(t: _Translator, c: AttackerMember) -> tuple[Tests, ...]:
    # ``party`` of an instrument: some attacker is a member of it on the day, whatever its standing
    if c.inside:  # or, in the optimistic world, an unknown attacker who may be one
        return (Tests(keys=((PARTY, c.instrument),)), Tests(keys=((ATTACKER, ANY),)))
    return (Tests(event=({"attackers_known": 1}, {"by_state": 1}), unless=((PARTY, c.instrument),)),)


@translates(DecidedBy)
def _decided_by(t: _Translator, c: DecidedBy) -> tuple[Tests, ...]:
    return (Tests(),)  # a reason the answer gives, never a test the event fails


@translates(LocationIn)
def _location(t: _Translator, c: LocationIn) -> tuple[Tests, ...]:
    inside = tuple(Tests(keys=((PLACE, r),)) for r in sorted(c.regions))
    return (*inside, Tests(event=({"on_target_territory": 1},))) if c.victim_territory else inside


@translates(Requested)
def _requested(t: _Translator, c: Requested) -> tuple[Tests, ...]:
    return (Tests(keys=((ASKED if c.by is RequestBy.victim else ASKED_PARTY, c.treaty),)),)


@translates(Determined)
def _determined(t: _Translator, c: Determined) -> tuple[Tests, ...]:
    return tuple(Tests(keys=((FOUND, key),)) for key in sorted(f"{c.treaty}/{f.value}" for f in c.findings))


@translates(NamedCondition)
def _named(t: _Translator, c: NamedCondition) -> tuple[Tests, ...]:
    return (Tests(keys=((SETTLED, c.name),)),)


def _any_of(key: str, values: list[Any] | tuple[Any, ...]) -> dict[str, Any]:
    tests = [{key: v} for v in values]
    return tests[0] if len(tests) == 1 else {"$or": tests}
