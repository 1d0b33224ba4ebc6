"""Scenario files: a day, its events, treaty bodies' determinations, and what the result should be."""

from __future__ import annotations

import re
from typing import Any

from pydantic import (
    Field,
    field_validator,
    model_validator,
)

from pact.core.codes import Alpha3, PlaceCode
from pact.core.errors import invalid
from pact.model.assumption import Assumption
from pact.model.base import MAX_ATTACKERS, Day, Slug, Translated, Value, is_slug, problem_at
from pact.model.rules import Source
from pact.model.vocabulary import UNKNOWN, EventType, Finding, ObligationKind, Target, TextCertainty, Unknown
from pact.words import Words

# --- scenarios -------------------------------------------------------------------------------

_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class Point(Value):
    lat: float = Field(ge=-90, le=90)
    """Latitude in degrees (north positive)."""
    lon: float = Field(ge=-180, le=180)
    """Longitude in degrees (east positive)."""


class RequestMade(Value):
    """A request for help, naming who asked: ``{treaty: nato, by: POL}`` or ``{state: USA, by: JPN}``."""

    treaty: Slug | None = None
    """The treaty whose organisation was asked."""
    state: Alpha3 | None = None
    """The state that was asked."""
    by: Alpha3 | None = Field(default=None, description="Who asked (default: the state attacked).")

    @model_validator(mode="after")
    def _one_addressee(self) -> RequestMade:
        if (self.treaty is None) == (self.state is None):
            raise invalid(Words("model.request_empty"))
        return self

    @property
    def to(self) -> str:
        return self.treaty or self.state or ""


class Event(Value):
    """One thing that happened on the scenario's date: who was struck, where, by whom, and who was asked for help."""

    id: str | None = Field(default=None, pattern=_TOKEN.pattern)
    """A name for the event (default e1, e2, … in order)."""
    type: EventType
    """What happened: armed_attack, armed_rebellion, terrorist_attack or armed_threat."""
    target: Alpha3
    """The state attacked (ISO 3166-1 alpha-3, e.g. NER)."""
    location: PlaceCode | None = None
    """Where it happened (default: the target): an alpha-3 code, an ISO 3166-2 code (US-HI), an area
    id, or ``unknown``."""
    at: Point | None = None
    """A point (lat, lon), for events at sea or in the air: it lies in the areas whose zones hold it."""
    against: Unknown | Target = Target.territory
    """What was struck: territory (default), forces, vessels or aircraft; or ``unknown``."""
    by: Unknown | tuple[Alpha3, ...] = Field(default=(), max_length=MAX_ATTACKERS)
    """The attacking states (alpha-3 codes), or ``unknown``; a group that is not a state goes in by_non_state."""
    by_non_state: str | None = Field(default=None, min_length=1, max_length=200)
    """A named non-state attacker, e.g. an armed group."""
    requested_from: Unknown | tuple[str | RequestMade, ...] = ()
    """Treaty ids or states the target asked for help (``{treaty: nato, by: POL}`` when another state
    asked), or ``unknown``."""
    conditions: dict[Slug, bool] = {}
    """Named conditions of clauses (``trigger.conditions``) that this event settles."""

    @field_validator("by", "requested_from")
    @classmethod
    def _no_repeats(cls, values: Any) -> Any:
        if values == UNKNOWN:
            return values
        seen: set[object] = set()  # not ``values[:i]``: requested_from has no length limit
        for i, value in enumerate(values):
            if value in seen:
                raise problem_at((i,), Words("model.listed_twice", {"value": repr(getattr(value, "to", value))}))
            seen.add(value)
        return values

    @model_validator(mode="after")
    def _not_self_attack(self) -> Event:
        if self.target in self.attackers:
            at = ("by", self.attackers.index(self.target))
            raise problem_at(at, Words("model.attacks_itself", {"state": self.target}))
        return self

    @property
    def attackers(self) -> tuple[str, ...]:
        """The attacking states named (none when ``by: unknown``)."""
        return () if self.by == UNKNOWN else self.by  # type: ignore[return-value]

    @property
    def place(self) -> str | None:
        """Where it happened: the location, else the target; None when the location is unknown."""
        if self.location == UNKNOWN:
            return None
        return self.location or (None if self.at is not None else self.target)

    def requests(self) -> tuple[RequestMade, ...]:
        """Every request made, as (addressee, requester) with the target as default requester."""
        if self.requested_from == UNKNOWN:
            return ()
        made = []
        for entry in self.requested_from:
            if isinstance(entry, str):
                entry = RequestMade(treaty=entry, by=self.target) if is_slug(entry) else RequestMade(state=entry)
            made.append(entry if entry.by else entry.model_copy(update={"by": self.target}))
        return tuple(made)


class DeterminationMade(Value):
    """A decision of a treaty's body about an event: ``{treaty: rio, date: 2001-09-21, finding: attack_on_all}``."""

    treaty: Slug
    """The treaty whose body decided."""
    date: Day
    """The day of the decision (it counts from then on)."""
    finding: Finding
    """What it found: armed_attack, attack_on_all or invoked."""
    event: str | None = Field(default=None, description="The event it concerns (default: every event).")
    source: Source | None = None
    """Where the decision is recorded."""
    notes: str | None = None
    """Doubts and readings, in words."""


class ExpectedObligation(Value):
    """An obligation ``pact test`` expects: it passes when some obligation has every field given."""

    state: Alpha3
    """The state that owes it (alpha-3)."""
    treaty: Slug
    """The treaty id."""
    toward: Alpha3 | None = None
    """The state it is owed to (alpha-3)."""
    clause: Slug | None = None
    """The clause id."""
    kind: ObligationKind | None = None
    """defense, consultation, non_aggression or neutrality."""
    event: str | None = None
    """The event id."""
    certainty: TextCertainty | None = None
    """How the treaty's text is known: published, official_summary or press_report."""


class ExpectedNonObligation(Value):
    """An obligation ``pact test`` expects not to exist: it passes when no obligation has every field given."""

    state: Alpha3
    """The state that must owe nothing (alpha-3)."""
    treaty: Slug
    """The treaty id."""
    toward: Alpha3 | None = None
    """The state it would be owed to (alpha-3)."""
    clause: Slug | None = None
    """The clause id."""
    event: str | None = None
    """The event id."""


class ExpectedUndetermined(Value):
    state: Alpha3
    """Who would owe the duty."""
    treaty: Slug
    """Under which treaty."""
    toward: Alpha3 | None = None
    """To whom, when given."""
    clause: Slug | None = None
    """Under which clause, when given."""
    event: str | None = None
    """For which event, when given."""
    deciding: tuple[str, ...] | None = Field(default=None, description="The unknown facts it hinges on, exactly.")
    certainty: TextCertainty | None = None
    """How the treaty's text is known: published, official_summary or press_report."""


class Expect(Value):
    """What ``pact test`` checks the result against."""

    obligated: tuple[ExpectedObligation, ...] = ()
    """Obligations that must be in the result."""
    not_obligated: tuple[ExpectedNonObligation, ...] = ()
    """Obligations that must not be in the result."""
    undetermined: tuple[ExpectedUndetermined, ...] = ()
    """Duties that must come back undetermined (hinging on unknown facts)."""
    conflicts: tuple[Alpha3, ...] | None = None  # the states in conflict, when given
    """The exact set of states reported as bound to both sides, when given."""


class Scenario(Value):
    """A scenario file: a date, the events of that day, and optionally what the result should be.

    Build one from data with ``pact.scenario_from_dict`` (errors are ``ScenarioError`` with field
    paths) or from a file with ``pact.load_scenario``.
    """

    scenario: str = Field(pattern=_TOKEN.pattern)
    """The scenario's id: 1 to 64 letters, digits, '_', '.' and '-'."""
    title: str | None = None
    """A title for people."""
    titles: dict[Translated, str] = {}
    """The title in each other language pact speaks; a report in a language without one makes its
    title from the events."""
    date: Day
    """The day the rules are applied on (YYYY-MM-DD)."""
    events: tuple[Event, ...] = Field(min_length=1, max_length=100)
    """What happened that day: 1 to 100 events."""
    determinations: tuple[DeterminationMade, ...] = ()
    """Decisions of treaty bodies about the events (e.g. the North Atlantic Council's of 2 October 2001)."""
    readings: tuple[Slug, ...] = Field(default=(), max_length=100)
    """Readings of contested points to evaluate under instead of the defaults (a treaty file's ``contested:``)."""
    assume: tuple[Assumption, ...] = Field(default=(), max_length=100)
    """Changes to the rules for this scenario only (``pact.model.whatif``)."""
    expect: Expect | None = None
    """What the result should be, checked by ``pact test``."""
    notes: str | None = None
    """Notes on the case, in words."""
    sources: tuple[Source, ...] = ()
    """Sources for a historical case."""

    @model_validator(mode="after")
    def _number_events(self) -> Scenario:
        """Give unnamed events the ids ``e1, e2, …`` and reject duplicates."""
        named = [e.id or f"e{i}" for i, e in enumerate(self.events, start=1)]
        again = next((i for i, n in enumerate(named) if n in named[:i]), None)
        if again is not None:
            at = ("events", again, "id") if self.events[again].id else ("events", again)
            raise problem_at(at, Words("model.event_id_twice", {"event": named[again]}))
        events = tuple(e if e.id else e.model_copy(update={"id": n}) for e, n in zip(self.events, named, strict=True))
        object.__setattr__(self, "events", events)
        return self
