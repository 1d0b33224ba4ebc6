"""Rulebook → plan: a backend-neutral, deterministic form of the rules, and the facts of events.

A plan is what both backends run. Each clause becomes a list of *conditions* on one event; a
clause fires for an event when every condition holds. Its *bearer tests* then decide, state by
state, who bears the duty (the engine runs them, the same way for every backend).
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import ClassVar

from pact.codes import ancestry, code_name, country_of, is_area
from pact.model import (
    AttackerCondition,
    Bearers,
    EventType,
    Means,
    ObligationKind,
    Origin,
    RequestTo,
    Rulebook,
    Scenario,
    Target,
    Treaty,
)
from pact.trace import StepValue, Test

FOREVER = date.max.toordinal() + 1
"""The exclusive end of a period that has not ended."""


def day(d: date | None, default: int = FOREVER) -> int:
    return d.toordinal() if d is not None else default


def iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat() if ordinal < FOREVER else "open-ended"


def until(ordinal: int) -> str | None:
    """The exclusive end of a period as a date, or None when it has not ended."""
    return iso(ordinal) if ordinal < FOREVER else None


@dataclass(frozen=True)
class Standing:
    """A state's membership of a treaty over [start, end), with what it may do in that span."""

    treaty: str
    state: str
    start: int
    end: int
    bears: bool
    protected: bool
    status: str = "member"
    source: str | None = field(default=None, compare=False)  # FILE:LINE of the party's entry

    def covers(self, when: int) -> bool:
        return self.start <= when < self.end


@dataclass(frozen=True)
class EventFacts:
    """One scenario event with everything a condition may ask already worked out."""

    id: str
    type: EventType
    against: Target
    target: str
    place: str
    place_sovereign: str
    day: int
    attackers: tuple[str, ...]
    non_state: str | None
    place_regions: frozenset[str]
    target_regions: frozenset[str]
    requested: frozenset[str]

    @property
    def on_target_territory(self) -> bool:
        return self.place_sovereign == self.target


# --- conditions ------------------------------------------------------------------------------
#
# Each condition is plain frozen data with its meaning (``holds``) and the values a reader needs
# to check it (``values``: the scenario's and the rule's) side by side, so that an explanation,
# in whatever words, can never drift from the semantics. ``holds`` answers None when a fact it
# needs is unknown.


@dataclass(frozen=True)
class InForce:
    test: ClassVar[Test] = Test.in_force
    treaty: str
    start: int
    end: int

    def holds(self, facts: EventFacts, plan: Plan) -> bool | None:
        return self.start <= facts.day < self.end

    def values(self, facts: EventFacts, plan: Plan) -> dict[str, StepValue]:
        return {"treaty": self.treaty, "date": iso(facts.day), "from": iso(self.start), "until": until(self.end)}


@dataclass(frozen=True)
class EventTypeIn:
    test: ClassVar[Test] = Test.event_type
    types: frozenset[EventType]

    def holds(self, facts: EventFacts, plan: Plan) -> bool | None:
        return facts.type in self.types

    def values(self, facts: EventFacts, plan: Plan) -> dict[str, StepValue]:
        return {"type": facts.type.value, "covered": sorted(t.value for t in self.types)}


@dataclass(frozen=True)
class AgainstIn:
    test: ClassVar[Test] = Test.against
    targets: frozenset[Target]

    def holds(self, facts: EventFacts, plan: Plan) -> bool | None:
        return facts.against in self.targets

    def values(self, facts: EventFacts, plan: Plan) -> dict[str, StepValue]:
        return {"victim": facts.target, "against": facts.against.value, "covered": sorted(self.targets)}


@dataclass(frozen=True)
class VictimParty:
    test: ClassVar[Test] = Test.victim_party
    treaty: str

    def holds(self, facts: EventFacts, plan: Plan) -> bool | None:
        standing = plan.standing(self.treaty, facts.target, facts.day)
        return standing is not None and standing.protected

    def values(self, facts: EventFacts, plan: Plan) -> dict[str, StepValue]:
        return {"victim": facts.target, **plan.membership(self.treaty, facts.target, facts.day)}


@dataclass(frozen=True)
class VictimWithin:
    """The victim is one of the states a region holds (e.g. the American States)."""

    test: ClassVar[Test] = Test.victim_in_region
    region: str

    def holds(self, facts: EventFacts, plan: Plan) -> bool | None:
        return self.region in facts.target_regions

    def values(self, facts: EventFacts, plan: Plan) -> dict[str, StepValue]:
        return {"victim": facts.target, "region": self.region, "region_title": plan.region_titles[self.region]}


@dataclass(frozen=True)
class AttackerIs:
    test: ClassVar[Test] = Test.attacker
    treaty: str
    condition: AttackerCondition

    def holds(self, facts: EventFacts, plan: Plan) -> bool | None:
        by_state = bool(facts.attackers)
        no_party = not self._parties(facts, plan)
        match self.condition:
            case AttackerCondition.state:
                return by_state
            case AttackerCondition.non_party:
                return no_party
            case AttackerCondition.non_party_state:
                return by_state and no_party
        return True

    def _parties(self, facts: EventFacts, plan: Plan) -> list[str]:
        return [s for s in facts.attackers if plan.standing(self.treaty, s, facts.day)]

    def values(self, facts: EventFacts, plan: Plan) -> dict[str, StepValue]:
        return {
            "condition": self.condition.value,
            "attackers": list(facts.attackers),
            "non_state": facts.non_state,
            "treaty": self.treaty,
            "parties": self._parties(facts, plan),
        }


@dataclass(frozen=True)
class AttackerAmong:
    test: ClassVar[Test] = Test.attacker_among
    states: frozenset[str]

    def holds(self, facts: EventFacts, plan: Plan) -> bool | None:
        return any(s in self.states for s in facts.attackers)

    def values(self, facts: EventFacts, plan: Plan) -> dict[str, StepValue]:
        return {"attackers": list(facts.attackers), "non_state": facts.non_state, "named": sorted(self.states)}


@dataclass(frozen=True)
class LocationIn:
    test: ClassVar[Test] = Test.location
    regions: frozenset[str]
    victim_territory: bool

    def holds(self, facts: EventFacts, plan: Plan) -> bool | None:
        return bool(self.regions & facts.place_regions) or (self.victim_territory and facts.on_target_territory)

    def values(self, facts: EventFacts, plan: Plan) -> dict[str, StepValue]:
        inside = sorted(self.regions & facts.place_regions)
        return {
            "place": facts.place,
            "place_name": plan.place_name(facts.place),
            "victim": facts.target,
            "regions": sorted(self.regions),
            "region_titles": [plan.region_titles[r] for r in sorted(self.regions)],
            "victim_territory": self.victim_territory,
            "inside": plan.region_titles[inside[0]] if inside else None,
            "on_victim_territory": facts.on_target_territory,
        }


@dataclass(frozen=True)
class RequestedFromTreaty:
    test: ClassVar[Test] = Test.requested
    treaty: str

    def holds(self, facts: EventFacts, plan: Plan) -> bool | None:
        return self.treaty in facts.requested

    def values(self, facts: EventFacts, plan: Plan) -> dict[str, StepValue]:
        return {"victim": facts.target, "treaty": self.treaty, "asked": sorted(facts.requested)}


Condition = (
    InForce
    | EventTypeIn
    | AgainstIn
    | VictimParty
    | VictimWithin
    | AttackerIs
    | AttackerAmong
    | LocationIn
    | RequestedFromTreaty
)
"""A test on one event that decides, with the others of its clause, whether the clause applies."""


# --- bearer tests: does this state bear the duty a clause imposes? ------------------------------


@dataclass(frozen=True)
class PartyOnDay:
    test: ClassVar[Test] = Test.party_on_day
    treaty: str

    def holds(self, facts: EventFacts, plan: Plan, state: str) -> bool | None:
        standing = plan.standing(self.treaty, state, facts.day)
        return standing is not None and standing.bears

    def values(self, facts: EventFacts, plan: Plan, state: str) -> dict[str, StepValue]:
        return {"state": state, **plan.membership(self.treaty, state, facts.day)}


@dataclass(frozen=True)
class NotVictim:
    test: ClassVar[Test] = Test.not_victim

    def holds(self, facts: EventFacts, plan: Plan, state: str) -> bool | None:
        return state != facts.target

    def values(self, facts: EventFacts, plan: Plan, state: str) -> dict[str, StepValue]:
        return {"state": state, "victim": facts.target}


@dataclass(frozen=True)
class NotAttacker:
    test: ClassVar[Test] = Test.not_attacker
    kind: ObligationKind

    def holds(self, facts: EventFacts, plan: Plan, state: str) -> bool | None:
        return state not in facts.attackers

    def values(self, facts: EventFacts, plan: Plan, state: str) -> dict[str, StepValue]:
        return {"state": state, "victim": facts.target, "attackers": list(facts.attackers), "kind": self.kind.value}


@dataclass(frozen=True)
class AmongAttackers:
    """The clause binds the parties that attack (non-aggression): is this state one of them?"""

    test: ClassVar[Test] = Test.among_attackers

    def holds(self, facts: EventFacts, plan: Plan, state: str) -> bool | None:
        return state in facts.attackers

    def values(self, facts: EventFacts, plan: Plan, state: str) -> dict[str, StepValue]:
        return {"state": state, "attackers": list(facts.attackers)}


@dataclass(frozen=True)
class ListedBearer:
    test: ClassVar[Test] = Test.listed_bearer
    states: tuple[str, ...]

    def holds(self, facts: EventFacts, plan: Plan, state: str) -> bool | None:
        return state in self.states

    def values(self, facts: EventFacts, plan: Plan, state: str) -> dict[str, StepValue]:
        return {"state": state, "bearers": list(self.states)}


@dataclass(frozen=True)
class NotSuspended:
    test: ClassVar[Test] = Test.not_suspended
    treaty: str

    def holds(self, facts: EventFacts, plan: Plan, state: str) -> bool | None:
        return plan.suspension(self.treaty, state, facts.target, facts.day) is None

    def values(self, facts: EventFacts, plan: Plan, state: str) -> dict[str, StepValue]:
        found = plan.suspension(self.treaty, state, facts.target, facts.day)
        values: dict[str, StepValue] = {"state": state, "toward": facts.target, "treaty": self.treaty}
        if found is not None:
            values |= {"from": iso(found.start), "until": until(found.end)}
        return values


@dataclass(frozen=True)
class RequestedBearer:
    """The victim asked this state itself (or, where the clause allows it, the treaty)."""

    test: ClassVar[Test] = Test.requested_bearer
    treaty: str
    or_treaty: bool

    def holds(self, facts: EventFacts, plan: Plan, state: str) -> bool | None:
        return state in facts.requested or (self.or_treaty and self.treaty in facts.requested)

    def values(self, facts: EventFacts, plan: Plan, state: str) -> dict[str, StepValue]:
        return {
            "state": state,
            "victim": facts.target,
            "treaty": self.treaty,
            "treaty_suffices": self.or_treaty,
            "asked": sorted(facts.requested),
        }


BearerTest = PartyOnDay | NotVictim | NotAttacker | AmongAttackers | ListedBearer | NotSuspended | RequestedBearer
"""A test on one state that decides, with the others of its clause, whether the state bears the duty."""


# --- clauses and the plan --------------------------------------------------------------------


@dataclass(frozen=True)
class ClausePlan:
    key: str  # "treaty/clause", unique in a plan
    treaty: str
    clause: str
    article: str
    kind: ObligationKind
    means: Means
    qualification: str | None
    conditions: tuple[Condition, ...]
    bearers: Bearers | tuple[str, ...]
    bearer_tests: tuple[BearerTest, ...]
    sources: tuple[str | None, ...] = field(default=(), compare=False)  # FILE:LINE of each condition
    bearer_sources: tuple[str | None, ...] = field(default=(), compare=False)  # ... and of each bearer test

    def fires(self, facts: EventFacts, plan: Plan) -> bool:
        return all(c.holds(facts, plan) for c in self.conditions)

    def binds(self, state: str, facts: EventFacts, plan: Plan) -> bool:
        return all(t.holds(facts, plan, state) for t in self.bearer_tests)

    def candidates(self, facts: EventFacts, plan: Plan) -> tuple[str, ...]:
        """Every state the clause could bind for this event, before testing each one."""
        if self.bearers is Bearers.other_parties:
            return plan.members_ever(self.treaty)
        if self.bearers is Bearers.attacking_parties:
            return tuple(s for s in facts.attackers if s in plan.members_ever(self.treaty))
        return tuple(self.bearers)

    def bearer_source(self, index: int, facts: EventFacts, plan: Plan, state: str) -> str | None:
        """Where the rules say what bearer test ``index`` checks, for this state on the day."""
        test = self.bearer_tests[index]
        if isinstance(test, PartyOnDay):
            return plan.membership_source(self.treaty, state, facts.day)
        if isinstance(test, NotSuspended):
            found = plan.suspension(self.treaty, state, facts.target, facts.day)
            if found is not None:
                return found.source
        return self.bearer_sources[index] if index < len(self.bearer_sources) else None


@dataclass(frozen=True)
class RegionPlan:
    """A region flattened: the codes it includes and excludes, most specific code deciding."""

    id: str
    title: str
    include: frozenset[str]
    exclude: frozenset[str]

    def contains(self, chain: tuple[str, ...]) -> bool:
        for code in chain:
            if code in self.exclude:
                return False
            if code in self.include:
                return True
        return False


@dataclass(frozen=True)
class Suspension:
    """Duties one party suspended toward one other party, in one direction, over [start, end)."""

    treaty: str
    bearer: str
    toward: str
    start: int
    end: int
    source: str | None = field(default=None, compare=False)

    def covers(self, when: int) -> bool:
        return self.start <= when < self.end


@dataclass(frozen=True)
class Plan:
    treaties: tuple[str, ...]
    treaty_titles: dict[str, str] = field(hash=False, compare=False)
    clauses: tuple[ClausePlan, ...]
    standings: tuple[Standing, ...]
    suspensions: tuple[Suspension, ...]
    regions: tuple[RegionPlan, ...]
    sovereigns: dict[str, str] = field(hash=False, compare=False)
    aliases: dict[str, str] = field(hash=False, compare=False)
    area_titles: dict[str, str] = field(hash=False, compare=False, default_factory=dict)
    party_sources: dict[str, str | None] = field(hash=False, compare=False, default_factory=dict)

    @cached_property
    def fingerprint(self) -> str:
        """Identifies the plan's meaning; equal plans share one durable ruleset."""
        text = repr(
            (
                self.treaties,
                self.clauses,
                self.standings,
                self.suspensions,
                self.regions,
                sorted(self.sovereigns.items()),
                sorted(self.aliases.items()),
            )
        )
        return hashlib.sha256(text.encode()).hexdigest()[:24]

    @cached_property
    def region_titles(self) -> dict[str, str]:
        return {r.id: r.title for r in self.regions}

    @cached_property
    def _standing_index(self) -> dict[tuple[str, str], tuple[Standing, ...]]:
        index: dict[tuple[str, str], list[Standing]] = {}
        for s in self.standings:
            index.setdefault((s.treaty, s.state), []).append(s)
        return {k: tuple(v) for k, v in index.items()}

    def standing(self, treaty: str, state: str, when: int) -> Standing | None:
        return next((s for s in self._standing_index.get((treaty, state), ()) if s.covers(when)), None)

    @cached_property
    def _members(self) -> dict[str, tuple[str, ...]]:
        return {t: tuple(sorted({s.state for s in self.standings if s.treaty == t})) for t in self.treaties}

    @cached_property
    def _clauses_by_treaty(self) -> dict[str, tuple[ClausePlan, ...]]:
        return {t: tuple(c for c in self.clauses if c.treaty == t) for t in self.treaties}

    @cached_property
    def clause_by_key(self) -> dict[str, ClausePlan]:
        return {c.key: c for c in self.clauses}

    def members_ever(self, treaty: str) -> tuple[str, ...]:
        """Every state that is or was a party of ``treaty``, sorted."""
        return self._members.get(treaty, ())

    def clauses_of(self, treaty: str) -> tuple[ClausePlan, ...]:
        return self._clauses_by_treaty.get(treaty, ())

    def suspension(self, treaty: str, bearer: str, toward: str, when: int) -> Suspension | None:
        return next(
            (
                s
                for s in self.suspensions
                if (s.treaty, s.bearer, s.toward) == (treaty, bearer, toward) and s.covers(when)
            ),
            None,
        )

    def membership(self, treaty: str, state: str, when: int) -> dict[str, StepValue]:
        """What a reader needs to know of ``state``'s membership of ``treaty`` on the day."""
        found: dict[str, StepValue] = {"treaty": treaty, "date": iso(when)}
        now = self.standing(treaty, state, when)
        spans = self._standing_index.get((treaty, state), ())
        if now is not None:
            return found | {
                "membership": "party",
                "status": now.status,
                "from": iso(now.start),
                "until": until(now.end),
                "bears_duties": now.bears,
                "protected": now.protected,
            }
        if not spans:
            return found | {"membership": "never"}
        if all(s.start > when for s in spans):
            return found | {"membership": "not_yet", "from": iso(min(s.start for s in spans))}
        return found | {"membership": "no_longer", "until": iso(max(s.end for s in spans if s.end <= when))}

    def membership_source(self, treaty: str, state: str, when: int) -> str | None:
        """Where the rules record the membership ``membership`` describes."""
        spans = self._standing_index.get((treaty, state), ())
        now = self.standing(treaty, state, when)
        if now is not None:
            return now.source
        past = [s for s in spans if s.end <= when]
        chosen = max(past, key=lambda s: s.end) if past else min(spans, key=lambda s: s.start, default=None)
        return chosen.source if chosen is not None else self.party_sources.get(treaty)

    def location_chain(self, place: str) -> tuple[str, ...]:
        return (place,) if is_area(place) else ancestry(self.aliases.get(place, place))

    def sovereign_of(self, place: str) -> str:
        """The state whose territory ``place`` is ("" for a named area such as a sea)."""
        if is_area(place):
            return ""
        country = country_of(self.aliases.get(place, place))
        return self.sovereigns.get(country, country)

    def place_name(self, place: str) -> str:
        """A place's name for a reader: an area's title, or the ISO name of a code."""
        return self.area_titles[place] if place in self.area_titles else code_name(place)

    @cached_property
    def change_days(self) -> tuple[int, ...]:
        """Every day on which some rule starts or stops applying, sorted (ordinals).

        Between two consecutive change days every answer pact gives is the same, so sweeps,
        timelines and dyad tables evaluate one day per period instead of every day.
        """
        days = {d for s in self.standings for d in (s.start, s.end)}
        days |= {d for s in self.suspensions for d in (s.start, s.end)}
        days |= {
            d
            for c in self.clauses
            for cond in c.conditions
            if isinstance(cond, InForce)
            for d in (cond.start, cond.end)
        }
        return tuple(sorted(d for d in days if d < FOREVER))

    def regions_of(self, place: str) -> frozenset[str]:
        chain = self.location_chain(place)
        return frozenset(r.id for r in self.regions if r.contains(chain))

    def facts(self, scenario: Scenario) -> tuple[EventFacts, ...]:
        when = scenario.date.toordinal()
        return tuple(
            EventFacts(
                id=e.id or "",
                type=e.type,
                against=e.against,
                target=e.target,
                place=e.place,
                place_sovereign=self.sovereign_of(e.place),
                day=when,
                attackers=e.by,
                non_state=e.by_non_state,
                place_regions=self.regions_of(e.place),
                target_regions=self.regions_of(e.target),
                requested=frozenset(e.requested_from),
            )
            for e in scenario.events
        )


def compile_rulebook(rulebook: Rulebook) -> Plan:
    """Turn a checked rulebook into a plan. Pure and deterministic: same rules, same plan."""
    treaties = sorted(rulebook.treaties, key=lambda t: t.treaty)
    origins = {t.treaty: rulebook.origin(t.treaty) for t in treaties}
    return Plan(
        treaties=tuple(t.treaty for t in treaties),
        treaty_titles={t.treaty: t.title for t in treaties},
        clauses=tuple(c for t in treaties for c in _clauses(t, origins[t.treaty])),
        standings=tuple(s for t in treaties for s in _standings(t, origins[t.treaty])),
        suspensions=tuple(
            Suspension(
                t.treaty, s.bearer, s.toward, day(s.start), day(s.until), _at(origins[t.treaty], "suspensions", i)
            )
            for t in treaties
            for i, s in enumerate(t.suspensions)
        ),
        regions=_regions(rulebook),
        sovereigns=rulebook.sovereigns(),
        aliases=rulebook.aliases(),
        area_titles={a: area.title for a, area in rulebook.areas().items()},
        party_sources={t.treaty: _at(origins[t.treaty], "parties") for t in treaties},
    )


def _at(origin: Origin | None, *path: str | int) -> str | None:
    return origin.at(path) if origin is not None else None


def _clauses(treaty: Treaty, origin: Origin | None) -> Iterator[ClausePlan]:
    for i, clause in enumerate(treaty.clauses):
        trigger, duty = clause.trigger, clause.obligation
        here = ("clauses", i, "trigger")
        asks = set(trigger.request.to) if trigger.request else set()
        conditions: list[tuple[Condition, tuple[str | int, ...]]] = [
            (InForce(treaty.treaty, day(treaty.in_force), day(treaty.terminated)), ("in_force",)),
            (EventTypeIn(frozenset(trigger.events)), (*here, "events")),
            (AgainstIn(frozenset(trigger.against)), (*here, "against")),
        ]
        if trigger.victim == "party":
            conditions.append((VictimParty(treaty.treaty), (*here, "victim")))
        else:
            conditions.append((VictimWithin(trigger.victim.region), (*here, "victim")))
        if isinstance(trigger.attacker, tuple):
            conditions.append((AttackerAmong(frozenset(trigger.attacker)), (*here, "attacker")))
        elif trigger.attacker is not AttackerCondition.any:
            conditions.append((AttackerIs(treaty.treaty, trigger.attacker), (*here, "attacker")))
        if trigger.scope:
            conditions.append(
                (LocationIn(frozenset(trigger.scope.regions), trigger.scope.victim_territory), (*here, "scope"))
            )
        if asks == {RequestTo.treaty}:
            conditions.append((RequestedFromTreaty(treaty.treaty), (*here, "request")))
        bearer_tests = tuple(_bearer_tests(treaty, duty.kind, duty.bearers, asks))
        duty_at = ("clauses", i, "obligation", "bearers")
        yield ClausePlan(
            key=f"{treaty.treaty}/{clause.id}",
            treaty=treaty.treaty,
            clause=clause.id,
            article=clause.article,
            kind=duty.kind,
            means=duty.means,
            qualification=duty.qualification,
            conditions=tuple(c for c, _ in conditions),
            bearers=duty.bearers,
            bearer_tests=bearer_tests,
            sources=tuple(_at(origin, *path) for _, path in conditions),
            bearer_sources=tuple(
                _at(origin, *here, "request") if isinstance(t, RequestedBearer) else _at(origin, *duty_at)
                for t in bearer_tests
            ),
        )


def _bearer_tests(
    treaty: Treaty, kind: ObligationKind, bearers: Bearers | tuple[str, ...], asks: set[RequestTo]
) -> Iterator[BearerTest]:
    yield PartyOnDay(treaty.treaty)
    yield NotVictim()
    yield AmongAttackers() if bearers is Bearers.attacking_parties else NotAttacker(kind)
    if isinstance(bearers, tuple):
        yield ListedBearer(bearers)
    if treaty.suspensions:
        yield NotSuspended(treaty.treaty)
    if RequestTo.bearer in asks:
        yield RequestedBearer(treaty.treaty, or_treaty=RequestTo.treaty in asks)


def _standings(treaty: Treaty, origin: Origin | None) -> Iterator[Standing]:
    """Each party's membership, cut at its status periods, within the treaty's time in force."""
    opens, closes = day(treaty.in_force), day(treaty.terminated)
    for i, party in enumerate(treaty.parties):
        start, end = max(day(party.joined), opens), min(day(party.left), closes)
        if start >= end:
            continue  # a membership wholly outside the treaty's time in force
        cuts = sorted({start, end} | {c for p in party.status for c in (day(p.start), day(p.until)) if start < c < end})
        for lo, hi in itertools.pairwise(cuts):
            active = [p for p in party.status if day(p.start) <= lo < day(p.until)]
            yield Standing(
                treaty=treaty.treaty,
                state=party.state,
                start=lo,
                end=hi,
                bears=all(p.bears_duties for p in active),
                protected=all(p.protected for p in active),
                status=active[0].status if active else "member",
                source=_at(origin, "parties", i),
            )


def _regions(rulebook: Rulebook) -> tuple[RegionPlan, ...]:
    """Each region with the codes of the regions it includes folded in, its own list winning.

    Sub-regions are flattened before the regions that include them, without recursion and once
    each, so long chains and lattices of regions cost linear time (the loader refuses cycles).
    """
    regions = rulebook.regions()
    flat: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for root in sorted(regions):
        stack = [root]
        while stack:
            rid = stack[-1]
            pending = [sub for sub in regions[rid].include_regions if sub not in flat]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            region = regions[rid]
            include, exclude = set(region.include), set(region.exclude)
            for sub in region.include_regions:
                include |= flat[sub][0]
                exclude |= flat[sub][1] - set(region.include)
            flat[rid] = frozenset(include), frozenset(exclude)
    return tuple(RegionPlan(rid, regions[rid].title, *flat[rid]) for rid in sorted(regions))
