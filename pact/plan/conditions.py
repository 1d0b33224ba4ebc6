"""The tests a clause makes: on the event (does the clause apply?) and on each state (does it bear the duty?).

Each test is plain frozen data with its meaning (``holds``) and the values a reader needs to check
it (``values``: the scenario's and the rule's) side by side, so that an explanation, in whatever
words, can never drift from the semantics. ``holds`` is three-valued: ``None`` when a fact it needs
is unknown (``by: unknown``, ``location: unknown`` …); the fact's name is the test's ``needs``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pact.core.days import iso, until
from pact.model import AttackerCondition, EventType, Finding, ObligationKind, RequestBy, Target
from pact.model.trace import StepValue, Test
from pact.plan.facts import EventFacts
from pact.plan.view import PlanView, Standing

# --- whether the clause applies to the event -----------------------------------------------------


@dataclass(frozen=True)
class TreatyApplies:
    test: ClassVar[Test] = Test.in_force
    needs: ClassVar[str | None] = None
    treaty: str
    start: int
    end: int

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        return self.start <= facts.day < self.end

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        return {"treaty": self.treaty, "date": iso(facts.day), "from": iso(self.start), "until": until(self.end)}


@dataclass(frozen=True)
class VersionApplies:
    """The clause's wording applies on the day: one version of a clause that changed over time."""

    test: ClassVar[Test] = Test.version
    needs: ClassVar[str | None] = None
    start: int
    end: int
    instrument: str

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        return self.start <= facts.day < self.end

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        return {
            "date": iso(facts.day),
            "from": iso(self.start),
            "until": until(self.end),
            "instrument": self.instrument,
        }


@dataclass(frozen=True)
class EventTypeIn:
    test: ClassVar[Test] = Test.event_type
    needs: ClassVar[str | None] = None
    types: frozenset[EventType]

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        return facts.type in self.types

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        return {"type": facts.type.value, "covered": sorted(t.value for t in self.types)}


@dataclass(frozen=True)
class AgainstIn:
    test: ClassVar[Test] = Test.against
    needs: ClassVar[str | None] = "against"
    targets: frozenset[Target]

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        if facts.against is None:
            return True if self.targets >= set(Target) else None
        return facts.against in self.targets

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        against = facts.against.value if facts.against else None
        return {"victim": facts.target, "against": against, "covered": sorted(self.targets)}


@dataclass(frozen=True)
class VictimParty:
    test: ClassVar[Test] = Test.victim_party
    needs: ClassVar[str | None] = "notice"  # undecided only when a notice was received on an unknown day
    treaty: str

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        return victim_protected(self.treaty, facts, plan)

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        return {"victim": facts.target, **plan.membership(self.treaty, facts.target, facts.day)}


def victim_protected(treaty: str, facts: EventFacts, plan: PlanView) -> bool | None:
    """The victim is a member of ``treaty`` on the day, in no status period that leaves it unprotected
    (None: it may have left, by a notice received on an unknown day)."""
    return _member(plan.standing(treaty, facts.target, facts.day), facts.day, protected=True)


def _member(standing: Standing | None, when: int, *, protected: bool) -> bool | None:
    """A membership on the day that is protected (else: that bears duties); None when it may have ended."""
    if standing is None or not (standing.protected if protected else standing.bears):
        return False
    return None if standing.unsure(when) else True


@dataclass(frozen=True)
class VictimMember:
    """The victim is a member in good standing of another instrument on the day: a protocol that
    protects the "Member States" of its community protects members that are not its parties."""

    test: ClassVar[Test] = Test.victim_member
    needs: ClassVar[str | None] = "notice"
    instrument: str

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        return victim_protected(self.instrument, facts, plan)

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        return {"victim": facts.target, **plan.membership(self.instrument, facts.target, facts.day)}


@dataclass(frozen=True)
class VictimWithin:
    """The victim is one of the states a region holds (e.g. the American States)."""

    test: ClassVar[Test] = Test.victim_in_region
    needs: ClassVar[str | None] = None
    region: str

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        return self.region in facts.target_regions

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        return {"victim": facts.target, "region": self.region, "region_title": plan.places.region_titles[self.region]}


@dataclass(frozen=True)
class AttackerIs:
    test: ClassVar[Test] = Test.attacker
    needs: ClassVar[str | None] = "by"
    treaty: str
    condition: AttackerCondition

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        if self.condition is AttackerCondition.any:
            return True
        if not facts.attackers_known:
            return None
        by_state, parties = bool(facts.attackers), self._parties(facts, plan)
        match self.condition:
            case AttackerCondition.state:
                return by_state
            case AttackerCondition.non_party:
                return not parties
            case AttackerCondition.non_party_state:
                return by_state and not parties
            case AttackerCondition.party:
                return any(plan.standing(self.treaty, s, facts.day).bears for s in parties)  # type: ignore[union-attr]
        return None

    def _parties(self, facts: EventFacts, plan: PlanView) -> list[str]:
        return [s for s in facts.attackers if plan.standing(self.treaty, s, facts.day)]

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        return {
            "covers": self.condition.value,
            "attackers": list(facts.attackers),
            "non_state": facts.non_state,
            "treaty": self.treaty,
            "parties": self._parties(facts, plan),
        }


@dataclass(frozen=True)
class AttackerAmong:
    test: ClassVar[Test] = Test.attacker_among
    needs: ClassVar[str | None] = "by"
    states: frozenset[str]

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        if any(s in self.states for s in facts.attackers):
            return True
        return False if facts.attackers_known else None

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        return {"attackers": list(facts.attackers), "non_state": facts.non_state, "named": sorted(self.states)}


@dataclass(frozen=True)
class AttackerMember:
    """Whether the attackers are members of an instrument on the day, whatever their standing:
    ``inside``, one of them is (a conflict between a community's Member States); otherwise a state
    attacked and none of them is (aggression from outside the community)."""

    test: ClassVar[Test] = Test.attacker_member
    needs: ClassVar[str | None] = "by"
    instrument: str
    inside: bool

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        members = self._members(facts, plan)
        if self.inside:
            return True if members else (False if facts.attackers_known else None)
        if not facts.attackers_known:
            return None
        return bool(facts.attackers) and not members

    def _members(self, facts: EventFacts, plan: PlanView) -> list[str]:
        return [s for s in facts.attackers if plan.standing(self.instrument, s, facts.day) is not None]

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        return {
            "covers": "member" if self.inside else "outside",
            "attackers": list(facts.attackers),
            "non_state": facts.non_state,
            "instrument": self.instrument,
            "members": self._members(facts, plan),
            "date": iso(facts.day),
        }


@dataclass(frozen=True)
class LocationIn:
    test: ClassVar[Test] = Test.location
    needs: ClassVar[str | None] = "location"
    regions: frozenset[str]
    victim_territory: bool

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        if self.regions & facts.place_regions or (self.victim_territory and facts.on_target_territory):
            return True
        return None if not facts.location_known else False

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        inside = sorted(self.regions & facts.place_regions)
        titles = plan.places.region_titles
        values: dict[str, StepValue] = {
            "place": facts.place,
            "place_name": plan.places.name(facts.place) if facts.place else None,
            "victim": facts.target,
            "regions": sorted(self.regions),
            "region_titles": [titles[r] for r in sorted(self.regions)],
            "victim_territory": self.victim_territory,
            "inside": titles[inside[0]] if inside else None,
            "on_victim_territory": facts.on_target_territory,
        }
        if facts.place is None and facts.point is not None:  # a bare point: named by its coordinates
            values["at"] = f"{facts.point[0]}, {facts.point[1]}"
        return values


@dataclass(frozen=True)
class OnVictimTerritory:
    """An attack on territory falls on the victim's own territory (or territory it administers)."""

    test: ClassVar[Test] = Test.on_victim_territory
    needs: ClassVar[str | None] = "location"

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        return facts.territory_ok

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        place = facts.place
        return {
            "victim": facts.target,
            "against": facts.against.value if facts.against else None,
            "place": place,
            "place_name": plan.places.name(place) if place else None,
            "sovereign": plan.places.sovereign(place, facts.day) if place else None,
            "date": iso(facts.day),
        }


@dataclass(frozen=True)
class Requested:
    """The treaty's organisation was asked for help, by the victim or (where the clause allows) any party."""

    test: ClassVar[Test] = Test.requested
    needs: ClassVar[str | None] = "requested_from"
    treaty: str
    by: RequestBy

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        if facts.requests is None:
            return None
        return any(
            r.to == self.treaty and requester_may_ask(self.by, r.by, self.treaty, facts, plan) for r in facts.requests
        )

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        return {"victim": facts.target, "treaty": self.treaty, "by": self.by.value, "asked": facts.asked()}


def requester_may_ask(rule: RequestBy, requester: str, treaty: str, facts: EventFacts, plan: PlanView) -> bool:
    if rule is RequestBy.victim:
        return requester == facts.target
    standing = plan.standing(treaty, requester, facts.day)
    return standing is not None and standing.bears


@dataclass(frozen=True)
class Determined:
    """The treaty's body made one of these findings about the event, on or before the day."""

    test: ClassVar[Test] = Test.determination
    needs: ClassVar[str | None] = None
    treaty: str
    findings: frozenset[Finding]

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        return any((self.treaty, f) in facts.findings for f in self.findings)

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        made = sorted(f.value for t, f in facts.findings if t == self.treaty)
        return {"treaty": self.treaty, "findings": sorted(f.value for f in self.findings), "made": made}


@dataclass(frozen=True)
class DecidedBy:
    """The duty waits on a decision of a named body (the ECOWAS Authority decides on assistance).

    Not a test the event can fail: a reason the answer gives, with whether the victim may sit in
    that body on the day. A member suspended from it is still protected where its status says so,
    but the assistance waits on a decision taken without it.
    """

    test: ClassVar[Test] = Test.decided_by
    needs: ClassVar[str | None] = None
    instrument: str
    body: str
    name: str
    """The body's name in English, as the instrument's words give it."""

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        return True

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        standing = plan.standing(self.instrument, facts.target, facts.day)
        values: dict[str, StepValue] = {
            "victim": facts.target,
            "instrument": self.instrument,
            "body": self.name,
            "date": iso(facts.day),
            "member": standing is not None,
            "suspended": standing is not None and self.body in standing.suspended_from,
        }
        if values["suspended"]:
            values |= {"from": iso(standing.start), "until": until(standing.end)}  # type: ignore[union-attr]
        return values


@dataclass(frozen=True)
class Settled:
    """A test that a determination of the treaty's body settles when the facts alone fail it."""

    inner: Condition
    by: Determined

    @property
    def test(self) -> Test:  # type: ignore[override]
        return self.inner.test

    @property
    def needs(self) -> str | None:  # type: ignore[override]
        return self.inner.needs

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        found = self.inner.holds(facts, plan)
        return True if found is not True and self.by.holds(facts, plan) else found

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        values = self.inner.values(facts, plan)
        if self.inner.holds(facts, plan) is not True and self.by.holds(facts, plan):
            values["settled_by"] = self.by.values(facts, plan)["made"]  # type: ignore[assignment]
            values["settled_treaty"] = self.by.treaty
        return values


@dataclass(frozen=True)
class NamedCondition:
    """A condition the rules cannot test (e.g. non-provocation): the scenario settles it, or nobody does."""

    test: ClassVar[Test] = Test.condition
    needs: ClassVar[str | None] = None
    name: str

    def holds(self, facts: EventFacts, plan: PlanView) -> bool | None:
        return facts.conditions.get(self.name)

    def values(self, facts: EventFacts, plan: PlanView) -> dict[str, StepValue]:
        return {"condition": self.name, "settled": self.name in facts.conditions}


Condition = (
    TreatyApplies
    | VersionApplies
    | EventTypeIn
    | AgainstIn
    | VictimParty
    | VictimMember
    | VictimWithin
    | AttackerIs
    | AttackerAmong
    | AttackerMember
    | LocationIn
    | OnVictimTerritory
    | Requested
    | Determined
    | DecidedBy
    | Settled
    | NamedCondition
)
"""A test on one event that decides, with the others of its clause, whether the clause applies."""


# --- whether this state bears the duty the clause imposes ---------------------------------------


@dataclass(frozen=True)
class PartyOnDay:
    test: ClassVar[Test] = Test.party_on_day
    needs: ClassVar[str | None] = "notice"  # undecided only when a notice was received on an unknown day
    treaty: str

    def holds(self, facts: EventFacts, plan: PlanView, state: str) -> bool | None:
        return self.holds_on(plan, state, facts.day)

    def holds_on(self, plan: PlanView, state: str, when: int) -> bool | None:
        """The test depends only on the day, not on the event."""
        return _member(plan.standing(self.treaty, state, when), when, protected=False)

    def failing(self, facts: EventFacts, plan: PlanView, states: frozenset[str]) -> frozenset[str]:
        return states - self.parties_on(plan, facts.day)

    def parties_on(self, plan: PlanView, when: int) -> frozenset[str]:
        """The states that do not fail the test on the day (a party, or one that may have left): the
        same all through a period between changes of the treaty's memberships, so worked out once for it."""

        def parties() -> frozenset[str]:
            return frozenset(s for s in plan.members_ever(self.treaty) if self.holds_on(plan, s, when) is not False)

        return plan.memo("parties on the day", 100_000).get(
            (self.treaty, plan.membership_period(self.treaty, when)), parties
        )

    def values(self, facts: EventFacts, plan: PlanView, state: str) -> dict[str, StepValue]:
        return {"state": state, **plan.membership(self.treaty, state, facts.day)}


@dataclass(frozen=True)
class NotVictim:
    test: ClassVar[Test] = Test.not_victim
    needs: ClassVar[str | None] = None

    def holds(self, facts: EventFacts, plan: PlanView, state: str) -> bool | None:
        return state != facts.target

    def failing(self, facts: EventFacts, plan: PlanView, states: frozenset[str]) -> frozenset[str]:
        return states & {facts.target}

    def values(self, facts: EventFacts, plan: PlanView, state: str) -> dict[str, StepValue]:
        return {"state": state, "victim": facts.target}


@dataclass(frozen=True)
class NotAttacker:
    """The bearer is not among the attackers (an unknown attacker is presumed to be none of them)."""

    test: ClassVar[Test] = Test.not_attacker
    needs: ClassVar[str | None] = None
    kind: ObligationKind

    def holds(self, facts: EventFacts, plan: PlanView, state: str) -> bool | None:
        return state not in facts.attackers

    def failing(self, facts: EventFacts, plan: PlanView, states: frozenset[str]) -> frozenset[str]:
        return states.intersection(facts.attackers)

    def values(self, facts: EventFacts, plan: PlanView, state: str) -> dict[str, StepValue]:
        return {"state": state, "victim": facts.target, "attackers": list(facts.attackers), "kind": self.kind.value}


@dataclass(frozen=True)
class AmongAttackers:
    """The clause binds the parties that attack (non-aggression): is this state one of them?"""

    test: ClassVar[Test] = Test.among_attackers
    needs: ClassVar[str | None] = "by"

    def holds(self, facts: EventFacts, plan: PlanView, state: str) -> bool | None:
        if state in facts.attackers:
            return True
        return False if facts.attackers_known else None

    def failing(self, facts: EventFacts, plan: PlanView, states: frozenset[str]) -> frozenset[str]:
        return states.difference(facts.attackers) if facts.attackers_known else frozenset()

    def values(self, facts: EventFacts, plan: PlanView, state: str) -> dict[str, StepValue]:
        return {"state": state, "attackers": list(facts.attackers)}


@dataclass(frozen=True)
class ListedBearer:
    test: ClassVar[Test] = Test.listed_bearer
    needs: ClassVar[str | None] = None
    states: tuple[str, ...]

    def holds(self, facts: EventFacts, plan: PlanView, state: str) -> bool | None:
        return state in self.states

    def holds_on(self, plan: PlanView, state: str, when: int) -> bool:
        """The test depends only on the day (not even on it)."""
        return state in self.states

    def failing(self, facts: EventFacts, plan: PlanView, states: frozenset[str]) -> frozenset[str]:
        return states.difference(self.states)

    def values(self, facts: EventFacts, plan: PlanView, state: str) -> dict[str, StepValue]:
        return {"state": state, "bearers": list(self.states)}


@dataclass(frozen=True)
class NotSuspended:
    test: ClassVar[Test] = Test.not_suspended
    needs: ClassVar[str | None] = None
    treaty: str

    def holds(self, facts: EventFacts, plan: PlanView, state: str) -> bool | None:
        return plan.suspension(self.treaty, state, facts.target, facts.day) is None

    def failing(self, facts: EventFacts, plan: PlanView, states: frozenset[str]) -> frozenset[str]:
        return _failing(self, facts, plan, states)

    def values(self, facts: EventFacts, plan: PlanView, state: str) -> dict[str, StepValue]:
        found = plan.suspension(self.treaty, state, facts.target, facts.day)
        values: dict[str, StepValue] = {"state": state, "toward": facts.target, "treaty": self.treaty}
        if found is not None:
            values |= {"from": iso(found.start), "until": until(found.end)}
        return values


@dataclass(frozen=True)
class RequestedBearer:
    """This state itself was asked (or, where the clause allows it, the treaty)."""

    test: ClassVar[Test] = Test.requested_bearer
    needs: ClassVar[str | None] = "requested_from"
    treaty: str
    or_treaty: bool
    by: RequestBy

    def holds(self, facts: EventFacts, plan: PlanView, state: str) -> bool | None:
        if facts.requests is None:
            return None
        addressees = {state, self.treaty} if self.or_treaty else {state}
        return any(
            r.to in addressees and requester_may_ask(self.by, r.by, self.treaty, facts, plan) for r in facts.requests
        )

    def failing(self, facts: EventFacts, plan: PlanView, states: frozenset[str]) -> frozenset[str]:
        return _failing(self, facts, plan, states)

    def values(self, facts: EventFacts, plan: PlanView, state: str) -> dict[str, StepValue]:
        return {
            "state": state,
            "victim": facts.target,
            "treaty": self.treaty,
            "treaty_suffices": self.or_treaty,
            "asked": facts.asked(),
        }


def deciding(test: Condition | BearerTest) -> str | None:
    """The unknown fact that decides a test that could not be settled: a scenario field, or a condition's name."""
    return test.name if isinstance(test, NamedCondition) else test.needs


BearerTest = PartyOnDay | NotVictim | NotAttacker | AmongAttackers | ListedBearer | NotSuspended | RequestedBearer
"""A test on one state that decides, with the others of its clause, whether the state bears the duty."""


def _failing(test: BearerTest, facts: EventFacts, plan: PlanView, states: frozenset[str]) -> frozenset[str]:
    """Which of ``states`` fail ``test`` (``holds`` is False: an unknown is no failure), asked one by one."""
    return frozenset(s for s in states if test.holds(facts, plan, s) is False)
