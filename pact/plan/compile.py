"""Rulebook → plan: a backend-neutral, deterministic form of the rules, and the facts of events.

A plan is what both backends run. Each clause (each dated version of a clause) becomes a list of
*conditions* on one event (``pact.plan.conditions``); a clause fires for an event when every condition
holds. Its *bearer tests* then decide, state by state, who bears the duty (the engine runs them,
the same way for every backend). Geography lives in ``pact.plan.places``.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from pact.core.cache import Memo
from pact.core.days import FOREVER, day, iso, until
from pact.model import (
    AttackerCondition,
    AttackerMemberOf,
    AttackerOutside,
    Bearers,
    Clause,
    ClauseVersion,
    EventType,
    Means,
    ObligationKind,
    Origin,
    RequestBy,
    RequestTo,
    Rulebook,
    Scenario,
    Target,
    TextCertainty,
    Toward,
    Treaty,
    VictimMemberOf,
)
from pact.model import DecidedBy as DecidedByRule
from pact.model.result import Commitment
from pact.model.trace import StepValue
from pact.plan.conditions import (
    AgainstIn,
    AmongAttackers,
    AttackerAmong,
    AttackerIs,
    AttackerMember,
    BearerTest,
    Condition,
    DecidedBy,
    Determined,
    EventTypeIn,
    ListedBearer,
    LocationIn,
    NamedCondition,
    NotAttacker,
    NotSuspended,
    NotVictim,
    OnVictimTerritory,
    PartyOnDay,
    Requested,
    RequestedBearer,
    Settled,
    TreatyApplies,
    VersionApplies,
    VictimMember,
    VictimParty,
    VictimWithin,
)
from pact.plan.facts import EventFacts, facts_of
from pact.plan.places import Places
from pact.plan.view import Standing, Suspension

# --- clauses and the plan --------------------------------------------------------------------


def all_hold(tests: Iterable[BearerTest], state: str, facts: EventFacts, plan: Plan) -> bool | None:
    """Whether ``state`` passes every test: False at the first that fails, None when none fails but
    unknown facts decide one."""
    found: bool | None = True
    for test in tests:
        holds = test.holds(facts, plan, state)
        if holds is False:
            return False
        if holds is None:
            found = None
    return found


@dataclass(frozen=True)
class ClausePlan:
    key: str  # "treaty/clause", or "treaty/clause@N" for the N-th version of a clause: unique in a plan
    treaty: str
    clause: str
    article: str
    kind: ObligationKind
    means: Means
    qualification: str | None
    conditions: tuple[Condition, ...]
    bearers: Bearers | tuple[str, ...]
    bearer_tests: tuple[BearerTest, ...]
    toward: Toward = Toward.victim
    certainty: TextCertainty | None = None  # how the treaty's text is known, when it is not published
    sources: tuple[str | None, ...] = field(default=(), compare=False, repr=False)  # FILE:LINE of each condition
    bearer_sources: tuple[str | None, ...] = field(default=(), compare=False, repr=False)  # ... and of each bearer test

    def status(self, facts: EventFacts, plan: Plan) -> bool | None:
        """Whether the clause applies to the event: True, False, or None when unknown facts decide."""
        found: bool | None = True
        for condition in self.conditions:
            holds = condition.holds(facts, plan)
            if holds is False:
                return False
            if holds is None:
                found = None
        return found

    def may_apply_to(self, event_type: EventType) -> bool:
        """False when the clause's own event-type test fails for this type (a determination may settle it)."""
        return all(event_type in c.types for c in self.conditions if isinstance(c, EventTypeIn))

    def binds(self, state: str, facts: EventFacts, plan: Plan) -> bool | None:
        """Whether ``state`` bears the duty once the clause applies (None when unknown facts decide)."""
        return all_hold(self.bearer_tests, state, facts, plan)

    def day_bearers(self, plan: Plan, when: int) -> frozenset[str]:
        """Every state that may bear the duty and passes the bearer tests that depend only on the day."""
        everyone = (*plan.members_ever(self.treaty), *(self.bearers if isinstance(self.bearers, tuple) else ()))
        # a party that may have left (a notice received on an unknown day) stays: its duty is undetermined
        return frozenset(s for s in everyone if all(t.holds_on(plan, s, when) is not False for t in self.day_tests))

    @cached_property
    def day_tests(self) -> tuple[PartyOnDay | ListedBearer, ...]:
        return tuple(t for t in self.bearer_tests if isinstance(t, PartyOnDay | ListedBearer))

    @cached_property
    def event_tests(self) -> tuple[BearerTest, ...]:
        return tuple(t for t in self.bearer_tests if not isinstance(t, PartyOnDay | ListedBearer))

    def binds_by_event(self, state: str, facts: EventFacts, plan: Plan) -> bool | None:
        """``binds`` for a state that passes the day's tests (``Plan.period_bearers``): only the tests
        on the event remain, and whether the state may have left by the day (``Standing.unsure``)."""
        found = all_hold(self.event_tests, state, facts, plan)
        if found and (self.treaty, state) in plan.doubtful:
            standing = plan.standing(self.treaty, state, facts.day)
            return None if standing is not None and standing.unsure(facts.day) else found
        return found

    @cached_property
    def commitment(self) -> Commitment:
        """The clause named for a reader (in conflicts): the same for every state and event."""
        return Commitment.model_construct(treaty=self.treaty, clause=self.clause, article=self.article, kind=self.kind)

    def may_bind(self, plan: Plan) -> tuple[str, ...]:
        """Every state the clause could bind for some event: its candidates for any event are among them."""
        return tuple(self.bearers) if isinstance(self.bearers, tuple) else plan.members_ever(self.treaty)

    def candidates(self, facts: EventFacts, plan: Plan) -> tuple[str, ...]:
        """Every state the clause could bind for this event, before testing each one."""
        if self.bearers is Bearers.other_parties:
            return plan.members_ever(self.treaty)
        if self.bearers is Bearers.attacking_parties:
            return tuple(s for s in facts.attackers if s in plan.members_ever(self.treaty))
        return tuple(self.bearers)

    def owed_to(self, facts: EventFacts, plan: Plan) -> tuple[str, ...]:
        """Toward whom the duty runs: the victim, or each attacking party (offense pledges)."""
        if self.toward is Toward.victim:
            return (facts.target,)
        return tuple(s for s in facts.attackers if plan.standing(self.treaty, s, facts.day))

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


@dataclass(frozen=True, eq=False)
class Plan:
    """A compiled rulebook. Two plans of the same rules are equal in meaning (see ``fingerprint``)."""

    treaties: tuple[str, ...]
    clauses: tuple[ClausePlan, ...]
    standings: tuple[Standing, ...]
    suspensions: tuple[Suspension, ...]
    places: Places
    party_sources: dict[str, str | None] = field(default_factory=dict)
    memo: Memo = field(default_factory=Memo, compare=False, repr=False)
    """What has been worked out about these rules, by purpose (the regions of a place in a period …)."""

    @cached_property
    def fingerprint(self) -> str:
        """Identifies the plan's meaning; equal plans share one durable ruleset."""
        text = repr((self.treaties, self.clauses, self.standings, self.suspensions, self.places.fingerprint))
        return hashlib.sha256(text.encode()).hexdigest()[:24]

    @cached_property
    def _standing_index(self) -> dict[tuple[str, str], tuple[Standing, ...]]:
        index: dict[tuple[str, str], list[Standing]] = {}
        for s in self.standings:
            index.setdefault((s.treaty, s.state), []).append(s)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def _standing_starts(self) -> dict[tuple[str, str], tuple[tuple[int, ...], tuple[Standing, ...]]]:
        """Each (treaty, state)'s spans sorted by start, with their starts, for a bisect; spans that
        overlap (rules the static checks refuse, PACT102) are left out and scanned in order instead."""
        found = {}
        for key, spans in self._standing_index.items():
            ordered = tuple(sorted(spans, key=lambda s: s.start))
            if all(a.end <= b.start for a, b in itertools.pairwise(ordered)):
                found[key] = (tuple(s.start for s in ordered), ordered)
        return found

    def standing(self, treaty: str, state: str, when: int) -> Standing | None:
        entry = self._standing_starts.get((treaty, state))
        if entry is None:
            return next((s for s in self._standing_index.get((treaty, state), ()) if s.covers(when)), None)
        starts, spans = entry
        i = bisect.bisect_right(starts, when) - 1
        return spans[i] if i >= 0 and when < spans[i].end else None

    @cached_property
    def doubtful(self) -> frozenset[tuple[str, str]]:
        """The (treaty, state) memberships that a notice received on an unknown day may have ended."""
        return frozenset((s.treaty, s.state) for s in self.standings if s.doubt is not None)

    def in_doubt(self, state: str, when: int) -> bool:
        """Whether it is unknown if ``state`` is still a party of some treaty on the day."""
        return any(
            (s := self.standing(t, state, when)) is not None and s.unsure(when)
            for t in self.treaties_of(state)
            if (t, state) in self.doubtful
        )

    def is_party(self, treaty: str, state: str, when: int) -> bool:
        return self.standing(treaty, state, when) is not None

    @cached_property
    def _members(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, set[str]] = {t: set() for t in self.treaties}
        for s in self.standings:
            found[s.treaty].add(s.state)
        return {t: tuple(sorted(states)) for t, states in found.items()}

    @cached_property
    def _clauses_by_treaty(self) -> dict[str, tuple[ClausePlan, ...]]:
        return {t: tuple(c for c in self.clauses if c.treaty == t) for t in self.treaties}

    @cached_property
    def clause_by_key(self) -> dict[str, ClausePlan]:
        return {c.key: c for c in self.clauses}

    @cached_property
    def _treaties_of(self) -> dict[str, tuple[str, ...]]:
        found: dict[str, list[str]] = {}
        for treaty in self.treaties:
            for state in self.members_ever(treaty):
                found.setdefault(state, []).append(treaty)
        return {state: tuple(treaties) for state, treaties in found.items()}

    def treaties_of(self, state: str) -> tuple[str, ...]:
        """Every treaty ``state`` is or was a party of, in the plan's order."""
        return self._treaties_of.get(state, ())

    @cached_property
    def _clauses_by_type(self) -> dict[EventType, tuple[ClausePlan, ...]]:
        return {t: tuple(c for c in self.clauses if c.may_apply_to(t)) for t in EventType}

    def clauses_for(self, event_type: EventType, target: str | None = None) -> tuple[ClausePlan, ...]:
        """The clauses that can apply to an event of this type (the others fail on its type) against
        ``target`` (the others protect only victims ``target`` never is, on any day)."""
        typed = self._clauses_by_type[event_type]
        if target is None:
            return typed
        return self.memo("clauses", 50_000).get(
            (event_type, target), lambda: tuple(c for c in typed if self._may_protect(c, target))
        )

    def _may_protect(self, clause: ClausePlan, target: str) -> bool:
        """False when a condition of the clause fails for this victim on every day (a bare one: a
        determination may settle a test the facts fail)."""
        for condition in clause.conditions:
            if isinstance(condition, VictimParty) and target not in self.members_ever(condition.treaty):
                return False
            if isinstance(condition, VictimMember) and target not in self.members_ever(condition.instrument):
                return False
            if isinstance(condition, VictimWithin) and not self.places.may_hold(
                condition.region, target, self.members_ever
            ):
                return False
        return True

    def period_bearers(self, clause: ClausePlan, when: int) -> frozenset[str]:
        """The states that pass the clause's bearer tests that depend only on the day (a party in
        good standing, a listed bearer): worked out once per period between changes of the memberships
        they read, not per event."""
        key = (
            clause.key,
            *(self.membership_period(t.treaty, when) for t in clause.day_tests if isinstance(t, PartyOnDay)),
        )
        return self.memo("bearers", 200_000).get(key, lambda: clause.day_bearers(self, when))

    def members_ever(self, treaty: str) -> tuple[str, ...]:
        """Every state that is or was a party of ``treaty``, sorted."""
        return self._members.get(treaty, ())

    def clauses_of(self, treaty: str) -> tuple[ClausePlan, ...]:
        return self._clauses_by_treaty.get(treaty, ())

    def communities(self, treaty: str) -> frozenset[str]:
        """The instruments whose members some clause of ``treaty`` protects (``victim: {member_of: …}``)."""
        return self._communities.get(treaty, frozenset())

    @cached_property
    def _communities(self) -> dict[str, frozenset[str]]:
        found: dict[str, set[str]] = {}
        for clause in self.clauses:
            for c in clause.conditions:
                if isinstance(c, VictimMember):
                    found.setdefault(clause.treaty, set()).add(c.instrument)
        return {treaty: frozenset(instruments) for treaty, instruments in found.items()}

    @cached_property
    def _suspension_index(self) -> dict[tuple[str, str, str], tuple[Suspension, ...]]:
        index: dict[tuple[str, str, str], list[Suspension]] = {}
        for s in self.suspensions:
            index.setdefault((s.treaty, s.bearer, s.toward), []).append(s)
        return {k: tuple(v) for k, v in index.items()}

    def suspension(self, treaty: str, bearer: str, toward: str, when: int) -> Suspension | None:
        return next((s for s in self._suspension_index.get((treaty, bearer, toward), ()) if s.covers(when)), None)

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
                **_doubt_values(now, when),
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

    @cached_property
    def has_named_conditions(self) -> bool:
        """Whether some clause depends on a condition only a scenario can settle (so may be undetermined)."""
        return any(isinstance(c, NamedCondition) for clause in self.clauses for c in clause.conditions)

    @cached_property
    def change_days(self) -> tuple[int, ...]:
        """Every day on which some rule starts or stops applying, sorted (ordinals).

        Between two consecutive change days every answer pact gives is the same (for scenarios
        that name the same events), so sweeps, timelines and dyad tables evaluate one day per
        period instead of every day.
        """
        days = {d for treaty_days in self._membership_days.values() for d in treaty_days}
        days |= {d for s in self.suspensions for d in (s.start, s.end)}
        days |= {
            d
            for c in self.clauses
            for cond in c.conditions
            if isinstance(cond, TreatyApplies | VersionApplies)
            for d in (cond.start, cond.end)
        }
        days |= self.places.change_days()
        return tuple(sorted(d for d in days if d < FOREVER))

    def period_of(self, when: int) -> int:
        """Which period between change days ``when`` falls in (0 before the first change)."""
        return bisect.bisect_right(self.change_days, when)

    def membership_period(self, treaty: str, when: int) -> int:
        """Which period between the days ``treaty``'s memberships change ``when`` falls in: all through
        one, every state is a party of it or not alike (finer periods than ``period_of``'s, for any treaty)."""
        return bisect.bisect_right(self._membership_days.get(treaty, ()), when)

    @cached_property
    def _membership_days(self) -> dict[str, tuple[int, ...]]:
        """Each treaty's days on which a membership starts, ends or may end (a notice's earliest day)."""
        days: dict[str, set[int]] = {}
        for s in self.standings:
            days.setdefault(s.treaty, set()).update((s.start, s.end))
            if s.doubt is not None:
                days[s.treaty].add(s.doubt.earliest.toordinal())
        return {treaty: tuple(sorted(found)) for treaty, found in days.items()}

    def regions_of(self, place: str, when: int) -> frozenset[str]:
        """The regions ``place`` lies in on the day."""
        cuts, found = self._regions_over_time(place)
        return found[bisect.bisect_right(cuts, when)]

    def regions_ever(self, place: str) -> frozenset[str]:
        """The regions ``place`` lies in on some day."""
        return frozenset().union(*self._regions_over_time(place)[1])

    def _regions_over_time(self, place: str) -> tuple[list[int], tuple[frozenset[str], ...]]:
        """The days on which the regions of ``place`` may change, and its regions before the first
        and from each: worked out once per place, on the days that concern it, not on every change
        day of the rules."""

        def make() -> tuple[list[int], tuple[frozenset[str], ...]]:
            chain = self.places.chain(place)
            cuts = self.places.cuts(chain, self._spans_of)
            days = [cuts[0] - 1 if cuts else 1, *cuts]
            found = tuple(self.places.regions_of(place, d, lambda t, s, d=d: self.is_party(t, s, d)) for d in days)
            return cuts, found

        return self.memo("regions", 50_000).get(place, make)

    def _spans_of(self, treaty: str, state: str) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in self._standing_index.get((treaty, state), ())]

    def facts(self, scenario: Scenario) -> tuple[EventFacts, ...]:
        """Each event of the scenario with what its tests ask worked out for the day (``pact.plan.facts``)."""
        return facts_of(self, scenario)


def _doubt_values(standing: Standing, when: int) -> dict[str, StepValue]:
    """What a reader needs to know of a notice received on an unknown day, on a day it leaves membership open."""
    doubt = standing.doubt
    if doubt is None or not standing.unsure(when):
        return {}
    return {
        "received_from": doubt.received_from.isoformat(),
        "received_until": doubt.received_until.isoformat(),
        "left_from": doubt.earliest.isoformat(),
        "left_by": doubt.latest.isoformat(),
    }


def compile_rulebook(rulebook: Rulebook) -> Plan:
    """Turn a checked rulebook into a plan. Pure and deterministic: same rules, same plan."""
    treaties = sorted(rulebook.treaties, key=lambda t: t.treaty)
    origins = {t.treaty: rulebook.origin(t.treaty) for t in treaties}
    bodies = _bodies(treaties)
    return Plan(
        treaties=tuple(t.treaty for t in treaties),
        clauses=tuple(c for t in treaties for c in _clauses(t, origins[t.treaty], bodies)),
        standings=tuple(s for t in treaties for s in _standings(t, origins[t.treaty])),
        suspensions=tuple(
            Suspension(
                t.treaty, s.bearer, s.toward, day(s.start), day(s.until), _at(origins[t.treaty], "suspensions", j)
            )
            for t in treaties
            for j, s in enumerate(t.suspensions)
        ),
        places=Places(rulebook),
        party_sources={t.treaty: _at(origins[t.treaty], "parties") for t in treaties},
    )


def _bodies(treaties: list[Treaty]) -> dict[tuple[str, str], str]:
    """Each body's name in English, by its instrument and id (``decided_by`` names it in a step)."""
    return {(t.treaty, id): b.name for t in treaties for id, b in t.words.bodies.items()}


def _at(origin: Origin | None, *path: str | int) -> str | None:
    return origin.at(path) if origin is not None else None


def _clauses(treaty: Treaty, origin: Origin | None, bodies: dict[tuple[str, str], str]) -> Iterator[ClausePlan]:
    for i, clause in enumerate(treaty.clauses):
        for n, version in enumerate(clause.versions or (None,)):
            key = f"{treaty.treaty}/{clause.id}" + (f"@{n + 1}" if version is not None else "")
            where = (
                ("clauses", i, "versions", clause.versions.index(version)) if version is not None else ("clauses", i)
            )
            yield _clause_plan(treaty, clause.as_of(version), version, key, where, origin, bodies)


def _clause_plan(
    treaty: Treaty,
    clause: Clause,
    version: ClauseVersion | None,
    key: str,
    where: tuple,
    origin: Origin | None,
    bodies: dict[tuple[str, str], str],
) -> ClausePlan:
    trigger, duty = clause.trigger, clause.obligation
    at_trigger = (*where, "trigger") if version is not None and version.trigger else ("clauses", where[1], "trigger")
    conditions = list(_conditions(treaty, clause, version, where, at_trigger))
    at_duty = (
        (*where, "obligation") if version is not None and version.obligation else ("clauses", where[1], "obligation")
    )
    if duty.decided_by is not None:
        conditions.append((_decided_by(treaty.treaty, duty.decided_by, bodies), (*at_duty, "decided_by")))
    asks = set(trigger.request.to) if trigger.request else set()
    by = trigger.request.by if trigger.request else RequestBy.victim
    bearer_tests = tuple(_bearer_tests(treaty, duty.kind, duty.bearers, duty.toward, asks, by))
    return ClausePlan(
        key=key,
        treaty=treaty.treaty,
        clause=clause.id,
        article=clause.article,
        kind=duty.kind,
        means=duty.means,
        qualification=duty.qualification,
        conditions=tuple(c for c, _ in conditions),
        bearers=duty.bearers,
        bearer_tests=bearer_tests,
        toward=duty.toward,
        certainty=None if treaty.certainty is TextCertainty.published else treaty.certainty,
        sources=tuple(_at(origin, *path) for _, path in conditions),
        bearer_sources=tuple(
            _at(origin, *at_trigger, "request") if isinstance(t, RequestedBearer) else _at(origin, *at_duty, "bearers")
            for t in bearer_tests
        ),
    )


def _decided_by(treaty: str, decided: DecidedByRule, bodies: dict[tuple[str, str], str]) -> DecidedBy:
    instrument = decided.of or treaty
    return DecidedBy(instrument, decided.body, bodies.get((instrument, decided.body), decided.body))


def _conditions(
    treaty: Treaty, clause: Clause, version: ClauseVersion | None, where: tuple, here: tuple
) -> Iterator[tuple[Condition, tuple]]:
    """Each condition of the clause's trigger, with the path of the YAML node that states it."""
    trigger = clause.trigger
    yield TreatyApplies(treaty.treaty, day(treaty.in_force), day(treaty.terminated)), ("in_force",)
    if version is not None:
        yield (
            VersionApplies(day(version.start), day(version.until), version.instrument or version.source.citation),
            where,
        )
    determination = trigger.determination
    decided = Determined(treaty.treaty, frozenset(determination.findings)) if determination else None
    settles = set(determination.settles) if determination else set()

    def settled(condition: Condition, test: str) -> Condition:
        return Settled(condition, decided) if decided is not None and test in settles else condition

    yield settled(EventTypeIn(frozenset(trigger.events)), "event_type"), (*here, "events")
    yield settled(AgainstIn(frozenset(trigger.against)), "against"), (*here, "against")
    if trigger.victim == "party":
        yield VictimParty(treaty.treaty), (*here, "victim")
    elif isinstance(trigger.victim, VictimMemberOf):
        yield VictimMember(trigger.victim.member_of), (*here, "victim")
    elif trigger.victim != "any":
        yield VictimWithin(trigger.victim.region), (*here, "victim")
    if Target.territory in trigger.against:
        yield settled(OnVictimTerritory(), "location"), (*here, "against")
    if isinstance(trigger.attacker, tuple):
        yield settled(AttackerAmong(frozenset(trigger.attacker)), "attacker"), (*here, "attacker")
    elif isinstance(trigger.attacker, AttackerMemberOf | AttackerOutside):
        yield settled(_attacker_member(trigger.attacker), "attacker"), (*here, "attacker")
    elif trigger.attacker is not AttackerCondition.any:
        yield settled(AttackerIs(treaty.treaty, trigger.attacker), "attacker"), (*here, "attacker")
    if trigger.scope:
        scope = LocationIn(frozenset(trigger.scope.regions), trigger.scope.victim_territory)
        yield settled(scope, "location"), (*here, "scope")
    asks = set(trigger.request.to) if trigger.request else set()
    if asks == {RequestTo.treaty}:
        yield settled(Requested(treaty.treaty, trigger.request.by), "requested"), (*here, "request")  # type: ignore[union-attr]
    if determination is not None and determination.required and decided is not None:
        yield decided, (*here, "determination")
    for name in trigger.conditions:
        yield NamedCondition(name), (*here, "conditions")


def _attacker_member(rule: AttackerMemberOf | AttackerOutside) -> AttackerMember:
    if isinstance(rule, AttackerMemberOf):
        return AttackerMember(rule.member_of, inside=True)
    return AttackerMember(rule.outside, inside=False)


def _bearer_tests(
    treaty: Treaty,
    kind: ObligationKind,
    bearers: Bearers | tuple[str, ...],
    toward: Toward,
    asks: set[RequestTo],
    by: RequestBy,
) -> Iterator[BearerTest]:
    yield PartyOnDay(treaty.treaty)
    yield NotVictim()
    if bearers is Bearers.attacking_parties:
        yield AmongAttackers()
    elif toward is Toward.victim:
        yield NotAttacker(kind)
    if isinstance(bearers, tuple):
        yield ListedBearer(bearers)
    if treaty.suspensions:
        yield NotSuspended(treaty.treaty)
    if RequestTo.bearer in asks:
        yield RequestedBearer(treaty.treaty, or_treaty=RequestTo.treaty in asks, by=by)


def _standings(treaty: Treaty, origin: Origin | None) -> Iterator[Standing]:
    """Each party's membership, cut at its status periods, within the treaty's time in force."""
    opens, closes = day(treaty.in_force), day(treaty.terminated)
    for i, party in enumerate(treaty.parties):
        start, end = max(day(party.joined), opens), min(day(party.left), closes)
        doubt = party.doubt(treaty.notice_period)
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
                suspended_from=frozenset(b for p in active for b in p.suspended_from),
                doubt=doubt if doubt is not None and hi > doubt.earliest.toordinal() else None,
            )
