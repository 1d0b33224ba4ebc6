"""The facts of a scenario's events, worked out once for the day so that every test reads them.

An event fact (``EventFacts``) carries what a clause's tests ask of one event: its type, target,
attackers, place and the regions these lie in on the day, the requests made, the determinations
made by the day, the conditions the scenario settles. ``None`` stands for a fact the scenario marks
unknown, which makes tests three-valued (``pact.plan.conditions``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pact.model import UNKNOWN, Event, EventType, Finding, Scenario, Target
from pact.plan.view import PlanView


@dataclass(frozen=True)
class RequestFact:
    """A request for help: made to a treaty or a state (``to``), by a state (``by``)."""

    to: str
    by: str


@dataclass(frozen=True)
class EventFacts:
    """One scenario event with everything a test may ask already worked out for its day.

    ``None`` stands for a fact the scenario marks unknown.
    """

    id: str
    type: EventType
    against: Target | None
    target: str
    place: str | None  # None: unknown, or a bare point at sea
    on_target_territory: bool | None  # the place is the target's own (or administered) territory
    day: int
    attackers: tuple[str, ...]
    attackers_known: bool
    non_state: str | None
    place_regions: frozenset[str]  # the regions the place (and the point, if given) lies in
    location_known: bool
    target_regions: frozenset[str]
    requests: frozenset[RequestFact] | None
    findings: frozenset[tuple[str, Finding]] = frozenset()  # (treaty, finding) determined by the day
    conditions: Mapping[str, bool] = field(default_factory=dict, hash=False, compare=False)
    victim_in_doubt: bool = False  # whether the victim may have left a treaty (a notice received on an unknown day)
    point: tuple[float, float] | None = None  # the event's coordinates (lat, lon), when it gives them

    @property
    def territory_ok(self) -> bool | None:
        """Whether the event struck no territory or struck the victim's own (or territory it
        administers); None when unknown facts decide."""
        if self.against is not None and self.against is not Target.territory:
            return True
        if self.on_target_territory:
            return True
        # an attack on territory elsewhere fails; an attack on what nobody knows might not be on territory
        return None if self.against is None or self.on_target_territory is None else False

    @property
    def has_unknowns(self) -> bool:
        return (
            self.against is None
            or not self.attackers_known
            or not self.location_known
            or self.requests is None
            or self.victim_in_doubt
        )

    def asked(self) -> list[str]:
        """The requests, as a reader sees them: ``nato (by POL)``."""
        return sorted(r.to if r.by == self.target else f"{r.to} (by {r.by})" for r in self.requests or ())


def facts_of(plan: PlanView, scenario: Scenario) -> tuple[EventFacts, ...]:
    """Each event of the scenario as the facts its tests read on the scenario's day."""
    when = scenario.date.toordinal()
    return tuple(_event_facts(plan, scenario, e, when) for e in scenario.events)


def _on_territory(plan: PlanView, place: str | None, event: Event, when: int) -> bool | None:
    """Whether the event happened on the target's own (or administered) territory; None if unknown."""
    if place is None:
        return False if event.at is not None and event.location is None else None
    return plan.places.is_territory_of(place, event.target, when)


def _event_facts(plan: PlanView, scenario: Scenario, event: Event, when: int) -> EventFacts:
    place = event.place
    place_regions = plan.regions_of(place, when) if place is not None else frozenset()
    if event.at is not None:
        place_regions |= {r for area in plan.places.zones_of(event.at) for r in plan.regions_of(area, when)}
    findings = frozenset(
        (d.treaty, d.finding)
        for d in scenario.determinations
        if d.date <= scenario.date and d.event in (None, event.id)
    )
    requests = (
        None
        if event.requested_from == "unknown"
        else frozenset(RequestFact(r.to, r.by or event.target) for r in event.requests())
    )
    return EventFacts(
        id=event.id or "",
        type=event.type,
        against=None if event.against == "unknown" else event.against,
        target=event.target,
        place=place,
        on_target_territory=_on_territory(plan, place, event, when),
        day=when,
        attackers=event.attackers,
        attackers_known=event.by != "unknown",
        non_state=event.by_non_state,
        place_regions=place_regions,
        location_known=event.location != UNKNOWN,
        target_regions=plan.regions_of(event.target, when),
        requests=requests,
        findings=findings,
        conditions=dict(event.conditions),
        victim_in_doubt=plan.in_doubt(event.target, when),
        point=(event.at.lat, event.at.lon) if event.at is not None else None,
    )
