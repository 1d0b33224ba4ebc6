"""Rulebook → plan: a backend-neutral, deterministic form of the rules, and the facts of events.

A plan is what both backends run. Each clause becomes a list of *conditions* on one event; a
clause fires for an event when every condition holds, and then its bearers are expanded by the
engine. Conditions are plain frozen data with their meaning (``holds``) and their wording for a
reader (``reason``) side by side, so the explanation can never drift from the semantics.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from pact.codes import ancestry, country_of, is_area
from pact.model import (
    AttackerCondition,
    Bearers,
    EventType,
    Means,
    ObligationKind,
    RequestTo,
    Rulebook,
    Scenario,
    Target,
    Treaty,
)

FOREVER = date.max.toordinal() + 1
"""The exclusive end of a period that has not ended."""


def day(d: date | None, default: int = FOREVER) -> int:
    return d.toordinal() if d is not None else default


def iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat() if ordinal < FOREVER else "open-ended"


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

    @property
    def attacker_words(self) -> str:
        names = list(self.attackers) + ([self.non_state] if self.non_state else [])
        return ", ".join(names) if names else "an unnamed attacker"


# --- conditions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class InForce:
    treaty: str
    start: int
    end: int

    def holds(self, facts: EventFacts, plan: Plan) -> bool:
        return self.start <= facts.day < self.end

    def reason(self, facts: EventFacts, plan: Plan, held: bool) -> str:
        if held:
            return f"{self.treaty} was in force on {iso(facts.day)} (from {iso(self.start)})"
        if facts.day < self.start:
            return f"{self.treaty} was not yet in force on {iso(facts.day)} (in force from {iso(self.start)})"
        return f"{self.treaty} was no longer in force on {iso(facts.day)} (ended {iso(self.end)})"


@dataclass(frozen=True)
class EventTypeIn:
    types: frozenset[EventType]

    def holds(self, facts: EventFacts, plan: Plan) -> bool:
        return facts.type in self.types

    def reason(self, facts: EventFacts, plan: Plan, held: bool) -> str:
        words = facts.type.value.replace("_", " ")
        covered = ", ".join(sorted(t.value.replace("_", " ") for t in self.types))
        return f"the event is an {words}" if held else f"the event is an {words}, and the clause covers only: {covered}"


@dataclass(frozen=True)
class AgainstIn:
    targets: frozenset[Target]

    def holds(self, facts: EventFacts, plan: Plan) -> bool:
        return facts.against in self.targets

    def reason(self, facts: EventFacts, plan: Plan, held: bool) -> str:
        what = f"it struck {facts.target}'s {facts.against.value}"
        return what if held else f"{what}, and the clause covers only: {', '.join(sorted(self.targets))}"


@dataclass(frozen=True)
class VictimParty:
    treaty: str

    def holds(self, facts: EventFacts, plan: Plan) -> bool:
        standing = plan.standing(self.treaty, facts.target, facts.day)
        return standing is not None and standing.protected

    def reason(self, facts: EventFacts, plan: Plan, held: bool) -> str:
        if held:
            standing = plan.standing(self.treaty, facts.target, facts.day)
            assert standing is not None
            return (
                f"the victim {facts.target} was a party of {self.treaty} in good standing (from {iso(standing.start)})"
            )
        return f"the victim {facts.target} {plan.why_not_member(self.treaty, facts.target, facts.day)}"


@dataclass(frozen=True)
class VictimInRegion:
    region: str

    def holds(self, facts: EventFacts, plan: Plan) -> bool:
        return self.region in facts.target_regions

    def reason(self, facts: EventFacts, plan: Plan, held: bool) -> str:
        return f"the victim {facts.target} is {'' if held else 'not '}one of the {plan.region_titles[self.region]}"


@dataclass(frozen=True)
class AttackerIs:
    treaty: str
    condition: AttackerCondition

    def holds(self, facts: EventFacts, plan: Plan) -> bool:
        by_state = bool(facts.attackers)
        no_party = not any(plan.standing(self.treaty, s, facts.day) for s in facts.attackers)
        match self.condition:
            case AttackerCondition.any:
                return True
            case AttackerCondition.state:
                return by_state
            case AttackerCondition.non_party:
                return no_party
            case AttackerCondition.non_party_state:
                return by_state and no_party

    def reason(self, facts: EventFacts, plan: Plan, held: bool) -> str:
        if held:
            return f"the attacker ({facts.attacker_words}) is of a kind the clause covers ({self.condition.value})"
        if self.condition in (AttackerCondition.state, AttackerCondition.non_party_state) and not facts.attackers:
            return f"the clause covers only attacks by a state, and {facts.attacker_words} is not a state"
        parties = [s for s in facts.attackers if plan.standing(self.treaty, s, facts.day)]
        return (
            f"the attacker {', '.join(parties)} is itself a party of {self.treaty}, "
            "and the clause covers only non-parties"
        )


@dataclass(frozen=True)
class AttackerAmong:
    states: frozenset[str]

    def holds(self, facts: EventFacts, plan: Plan) -> bool:
        return any(s in self.states for s in facts.attackers)

    def reason(self, facts: EventFacts, plan: Plan, held: bool) -> str:
        named = ", ".join(sorted(self.states))
        verb = "is" if held else "is not"
        return f"the attacker ({facts.attacker_words}) {verb} among the states the clause names ({named})"


@dataclass(frozen=True)
class LocationIn:
    regions: frozenset[str]
    victim_territory: bool

    def holds(self, facts: EventFacts, plan: Plan) -> bool:
        return bool(self.regions & facts.place_regions) or (self.victim_territory and facts.on_target_territory)

    def reason(self, facts: EventFacts, plan: Plan, held: bool) -> str:
        inside = sorted(self.regions & facts.place_regions)
        if inside:
            return f"the event took place at {facts.place}, within the {plan.region_titles[inside[0]]}"
        if held:
            return f"the event took place at {facts.place}, on {facts.target}'s own territory"
        areas = [plan.region_titles[r] for r in sorted(self.regions)]
        if self.victim_territory:
            areas.append(f"{facts.target}'s own territory")
        return f"the event took place at {facts.place}, outside the clause's scope ({'; '.join(areas)})"


@dataclass(frozen=True)
class RequestedFromTreaty:
    treaty: str

    def holds(self, facts: EventFacts, plan: Plan) -> bool:
        return self.treaty in facts.requested

    def reason(self, facts: EventFacts, plan: Plan, held: bool) -> str:
        return f"{facts.target} {'asked' if held else 'did not ask'} {self.treaty} for assistance"


Condition = (
    InForce
    | EventTypeIn
    | AgainstIn
    | VictimParty
    | VictimInRegion
    | AttackerIs
    | AttackerAmong
    | LocationIn
    | RequestedFromTreaty
)


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
    request_to_bearer: bool  # the victim must have asked the bearer itself (or the treaty, if allowed)
    request_to_treaty: bool

    def fires(self, facts: EventFacts, plan: Plan) -> bool:
        return all(c.holds(facts, plan) for c in self.conditions)


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
class Plan:
    treaties: tuple[str, ...]
    treaty_titles: dict[str, str] = field(hash=False, compare=False)
    clauses: tuple[ClausePlan, ...]
    standings: tuple[Standing, ...]
    pair_suspensions: tuple[tuple[str, str, str, int, int], ...]  # treaty, bearer, toward, start, end
    regions: tuple[RegionPlan, ...]
    sovereigns: dict[str, str] = field(hash=False, compare=False)
    aliases: dict[str, str] = field(hash=False, compare=False)

    @cached_property
    def fingerprint(self) -> str:
        """Identifies the plan's meaning; equal plans share one durable ruleset."""
        text = repr(
            (
                self.treaties,
                self.clauses,
                self.standings,
                self.pair_suspensions,
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

    def members_ever(self, treaty: str) -> tuple[str, ...]:
        """Every state that is or was a party of ``treaty``, sorted."""
        return self._members.get(treaty, ())

    def clauses_of(self, treaty: str) -> tuple[ClausePlan, ...]:
        return self._clauses_by_treaty.get(treaty, ())

    def suspended_toward(self, treaty: str, bearer: str, toward: str, when: int) -> tuple[int, int] | None:
        for t, b, v, start, end in self.pair_suspensions:
            if (t, b, v) == (treaty, bearer, toward) and start <= when < end:
                return start, end
        return None

    def why_not_member(self, treaty: str, state: str, when: int) -> str:
        """Why ``state`` is not a party in good standing of ``treaty`` on the day."""
        spans = self._standing_index.get((treaty, state), ())
        now = self.standing(treaty, state, when)
        if now is not None:
            return f"was {now.status} in {treaty} on {iso(when)} (from {iso(now.start)} to {iso(now.end)})"
        if not spans:
            return f"is not a party of {treaty}"
        before = [s for s in spans if s.start > when]
        if before and len(before) == len(spans):
            return f"was not yet a party of {treaty} on {iso(when)} (joined {iso(min(s.start for s in spans))})"
        last = max((s for s in spans if s.end <= when), key=lambda s: s.end)
        return f"was no longer a party of {treaty} on {iso(when)} (left {iso(last.end)})"

    def location_chain(self, place: str) -> tuple[str, ...]:
        return (place,) if is_area(place) else ancestry(self.aliases.get(place, place))

    def sovereign_of(self, place: str) -> str:
        """The state whose territory ``place`` is ("" for a named area such as a sea)."""
        if is_area(place):
            return ""
        country = country_of(self.aliases.get(place, place))
        return self.sovereigns.get(country, country)

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
    return Plan(
        treaties=tuple(t.treaty for t in treaties),
        treaty_titles={t.treaty: t.title for t in treaties},
        clauses=tuple(c for t in treaties for c in _clauses(t)),
        standings=tuple(s for t in treaties for s in _standings(t)),
        pair_suspensions=tuple(
            (t.treaty, s.bearer, s.toward, day(s.start), day(s.until)) for t in treaties for s in t.suspensions
        ),
        regions=_regions(rulebook),
        sovereigns=rulebook.sovereigns(),
        aliases=rulebook.aliases(),
    )


def _clauses(treaty: Treaty) -> Iterator[ClausePlan]:
    for clause in treaty.clauses:
        trigger, duty = clause.trigger, clause.obligation
        asks = set(trigger.request.to) if trigger.request else set()
        conditions: list[Condition] = [
            InForce(treaty.treaty, day(treaty.in_force), day(treaty.terminated)),
            EventTypeIn(frozenset(trigger.events)),
            AgainstIn(frozenset(trigger.against)),
        ]
        if trigger.victim == "party":
            conditions.append(VictimParty(treaty.treaty))
        else:
            conditions.append(VictimInRegion(trigger.victim.region))
        if isinstance(trigger.attacker, tuple):
            conditions.append(AttackerAmong(frozenset(trigger.attacker)))
        elif trigger.attacker is not AttackerCondition.any:
            conditions.append(AttackerIs(treaty.treaty, trigger.attacker))
        if trigger.scope:
            conditions.append(LocationIn(frozenset(trigger.scope.regions), trigger.scope.victim_territory))
        if asks == {RequestTo.treaty}:
            conditions.append(RequestedFromTreaty(treaty.treaty))
        yield ClausePlan(
            key=f"{treaty.treaty}/{clause.id}",
            treaty=treaty.treaty,
            clause=clause.id,
            article=clause.article,
            kind=duty.kind,
            means=duty.means,
            qualification=duty.qualification,
            conditions=tuple(conditions),
            bearers=duty.bearers,
            request_to_bearer=RequestTo.bearer in asks,
            request_to_treaty=RequestTo.treaty in asks,
        )


def _standings(treaty: Treaty) -> Iterator[Standing]:
    """Each party's membership, cut at its status periods, within the treaty's time in force."""
    opens, closes = day(treaty.in_force), day(treaty.terminated)
    for party in treaty.parties:
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
