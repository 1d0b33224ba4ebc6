"""The rule language and the scenario contract, as frozen pydantic models.

Unknown keys are rejected everywhere, so a misspelt key is an error, never a silent default.
Cross-references between files (a clause naming a region, a scenario naming a treaty) are
checked by the loader, which knows every file.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from pact.codes import Alpha3, LocationCode, PlaceCode

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)]
"""A lower-case id such as ``aes`` or ``nato-art6``."""

MAX_ATTACKERS = 16
"""Attacking states one event may name; the durable backend gives each a fixed slot."""

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits: \d also matches "٢٠٢٣"


def _iso_day(value: Any) -> date:
    """Read a day written YYYY-MM-DD; a number is refused rather than read as a Unix timestamp."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise ValueError(f"{value!r} is not a date: write it as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{value} is not a real date: {exc}") from None


Day = Annotated[date, BeforeValidator(_iso_day)]
"""A calendar day, written ``2023-09-16`` in YAML."""


def problem_at(at: tuple[str | int, ...], message: str) -> PydanticCustomError:
    """A validation error about the item at ``at`` below the value being validated, so the loader can name its line."""
    return PydanticCustomError("value_error", message, {"at": at})


class Value(BaseModel):
    # Attribute docstrings become field descriptions in the JSON Schemas (``pact schema …``), so
    # that editors show them on hover.
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


# --- rules -----------------------------------------------------------------------------------


class EventType(StrEnum):
    """What happened: an armed attack, an armed rebellion, a terrorist attack, or a threat of armed attack."""

    armed_attack = "armed_attack"
    armed_rebellion = "armed_rebellion"
    terrorist_attack = "terrorist_attack"
    armed_threat = "armed_threat"


class Target(StrEnum):
    """What an event strikes: the state's territory, or its forces, vessels or aircraft."""

    territory = "territory"
    forces = "forces"
    vessels = "vessels"
    aircraft = "aircraft"


class ObligationKind(StrEnum):
    """What a clause makes a bearer owe: defence, consultation, refraining from force, or neutrality."""

    defense = "defense"
    consultation = "consultation"
    non_aggression = "non_aggression"
    neutrality = "neutrality"


class Means(StrEnum):
    """The means a clause names, in the treaty's own terms."""

    armed_force = "armed_force"  # assistance "including the use of armed force"
    all_means_in_their_power = "all_means_in_their_power"
    action_deemed_necessary = "action_deemed_necessary"
    military_and_other_assistance = "military_and_other_assistance"
    necessary_assistance_including_military = "necessary_assistance_including_military"
    mutual_aid_and_assistance = "mutual_aid_and_assistance"
    assistance = "assistance"
    act_to_meet_common_danger = "act_to_meet_common_danger"
    peaceful_means_then_force = "peaceful_means_then_force"
    combat_terrorism = "combat_terrorism"
    consultation = "consultation"
    refrain_from_force = "refrain_from_force"
    neutrality = "neutrality"


class AttackerCondition(StrEnum):
    """Who must have attacked for a clause to apply."""

    any = "any"  # anyone, states and non-state groups alike
    state = "state"  # at least one attacking state
    non_party = "non_party"  # no attacking state is a party of the treaty on the date
    non_party_state = "non_party_state"  # both of the above


class Bearers(StrEnum):
    """Which parties bear a clause's duty."""

    other_parties = "other_parties"  # every party in good standing but the victim and attackers
    attacking_parties = "attacking_parties"  # parties among the attackers (non-aggression)


class RequestTo(StrEnum):
    """Whom the victim must have asked for help for a clause to apply."""

    treaty = "treaty"  # the victim asked the treaty's organisation (requested_from names the treaty)
    bearer = "bearer"  # the victim asked this bearer state itself


class Source(Value):
    """Where a fact comes from: a citation a reader can find, and a link where there is one."""

    citation: str = Field(min_length=3)
    """The instrument, article or publication, as a reader would cite it."""
    url: str | None = None
    """A link to the text cited."""


class StatusPeriod(Value):
    """A period in which a member is not in good standing (e.g. suspended)."""

    status: Literal["suspended", "frozen"]
    """What kind of period this is."""
    start: Day = Field(alias="from")
    """The first day of the period (YYYY-MM-DD; written from:)."""
    until: Day | None = None
    """The first day it no longer applies, if it ended."""
    bears_duties: bool = False
    """Whether the member still bears duties during the period."""
    protected: bool = False
    """Whether the other parties still owe the member protection during the period."""
    source: Source | None = None
    """Where the period is recorded."""
    notes: str | None = None
    """Doubts and readings, in words."""


class Party(Value):
    """A state's membership of a treaty, from the day it joined to the day it left."""

    state: Alpha3
    """The state (ISO 3166-1 alpha-3)."""
    joined: Day
    """The first day the state is a party (YYYY-MM-DD)."""
    left: Day | None = None  # the first day the state is no longer a party
    """The first day the state is no longer a party, if it left."""
    source: Source | None = None
    """Where this membership is recorded."""
    status: tuple[StatusPeriod, ...] = ()
    """Periods in which the state was not in good standing."""
    notes: str | None = None
    """Doubts and readings about this membership, in words."""


class PairSuspension(Value):
    """Duties one party suspended toward one other party, in one direction (ANZUS 1986)."""

    bearer: Alpha3
    """The party whose duties are suspended (alpha-3)."""
    toward: Alpha3
    """The party they are no longer owed to (alpha-3)."""
    start: Day = Field(alias="from")
    """The first day of the suspension (YYYY-MM-DD; written from:)."""
    until: Day | None = None
    """The first day it no longer applies, if it ended."""
    source: Source
    """Where the suspension is recorded."""
    notes: str | None = None
    """Doubts and readings, in words."""


class VictimInRegion(Value):
    """A clause that protects any state whose territory lies in a region, party or not."""

    region: Slug
    """The region (an id from a geography file) the victim's territory must lie in."""


class Scope(Value):
    """Where the event must happen: in one of the regions, or on the victim's own territory."""

    regions: tuple[Slug, ...] = ()
    """Regions (ids from a geography file) the event's location may lie in."""
    victim_territory: bool = False
    """Whether an event on the victim's own territory is covered too."""

    @model_validator(mode="after")
    def _not_empty(self) -> Scope:
        if not self.regions and not self.victim_territory:
            raise ValueError("a scope needs regions, victim_territory: true, or both")
        return self


class Request(Value):
    """A clause that applies only when the victim asked for help."""

    to: tuple[RequestTo, ...] = Field(min_length=1)
    """Whom the victim must have asked: the treaty (its organisation), the bearer itself, or either."""


class Trigger(Value):
    """The conditions under which a clause applies to an event."""

    events: tuple[EventType, ...] = Field(min_length=1)
    """The event types that can trigger the clause."""
    victim: Literal["party"] | VictimInRegion = "party"
    """``party``: the victim is a party in good standing; ``{region: ID}``: any state whose territory lies there."""
    attacker: AttackerCondition | tuple[Alpha3, ...] = AttackerCondition.any
    """Who must have attacked: any, state, non_party, non_party_state, or a list of alpha-3 codes."""
    against: tuple[Target, ...] = (Target.territory,)
    """What the event must strike: territory, forces, vessels or aircraft."""
    scope: Scope | None = None
    """Where the event must happen; absent: anywhere."""
    request: Request | None = None
    """Whether the victim must have asked for help, and whom."""


class Obligation(Value):
    """What a clause makes its bearers owe the victim."""

    kind: ObligationKind
    """defense, consultation, non_aggression or neutrality."""
    means: Means
    """The means the clause names, in the treaty's own terms."""
    bearers: Bearers | tuple[Alpha3, ...] = Bearers.other_parties
    """Who owes it: other_parties, attacking_parties, or a list of alpha-3 codes of parties."""
    toward: Literal["victim"] = "victim"
    """To whom the duty is owed (always the victim)."""
    qualification: str | None = None  # wording that limits the duty, kept rather than dropped
    """Wording that limits the duty, kept as the treaty says it."""


class Clause(Value):
    """One treaty clause: when it applies (trigger) and what it makes the parties owe (obligation)."""

    id: Slug
    """The clause's id, unique within its treaty (lower-case, e.g. collective-defence)."""
    article: str = Field(min_length=1)
    """The article as the treaty numbers it, e.g. ``Article 5``."""
    text: str = Field(min_length=1)
    """A short quote or paraphrase of the clause."""
    trigger: Trigger
    """When the clause applies."""
    obligation: Obligation
    """What it makes its bearers owe."""
    notes: str | None = None
    """Doubts and readings, in words."""


class Treaty(Value):
    """A treaty rule file: the instrument, its parties over time, and the clauses pact encodes."""

    treaty: Slug
    """The treaty's id (lower-case, unique, e.g. nato)."""
    title: str
    """The instrument's name."""
    signed: Day
    """The day it was signed (YYYY-MM-DD)."""
    in_force: Day
    """The first day it applies (YYYY-MM-DD)."""
    terminated: Day | None = None
    """The first day it no longer applies, if it ended."""
    source: Source
    """Where the text and the dates come from."""
    notes: str | None = None
    """Doubts and readings, in words."""
    parties: tuple[Party, ...] = Field(min_length=1)
    """Every state that is or was a party, each membership with its dates."""
    suspensions: tuple[PairSuspension, ...] = ()
    """Duties one party suspended toward one other, in one direction."""
    clauses: tuple[Clause, ...] = Field(min_length=1)
    """The clauses pact encodes."""


class Territory(Value):
    """An area with its own alpha-3 code that belongs to another state (e.g. GUM to USA)."""

    code: Alpha3
    """The territory's own alpha-3 code (e.g. GUM)."""
    sovereign: Alpha3
    """The state it belongs to (alpha-3)."""
    notes: str | None = None
    """Doubts and readings, in words."""


class Area(Value):
    """A place with no ISO code, such as a sea, that events may name as their location."""

    id: Slug
    """The area's id, used as an event location and in regions (lower-case, e.g. mediterranean-sea)."""
    title: str
    """The area's name."""
    notes: str | None = None
    """Doubts and readings, in words."""


class Region(Value):
    """A named set of places that clauses refer to; the most specific code in a location's chain decides."""

    id: Slug
    """The region's id, as clauses name it (lower-case)."""
    title: str
    """The region's name."""
    source: Source
    """Where the region's extent comes from."""
    include: tuple[PlaceCode, ...] = ()
    """Alpha-3 codes, ISO 3166-2 codes and area ids inside the region."""
    include_regions: tuple[Slug, ...] = ()
    """Other regions whose places are inside this one too."""
    exclude: tuple[LocationCode, ...] = ()
    """Codes carved out of what is included (e.g. ``US-HI`` out of ``USA``)."""
    notes: str | None = None
    """Doubts and readings, in words."""


class Geography(Value):
    """Named regions and territories, kept as data beside the treaties."""

    geography: Slug
    """The file's id (lower-case)."""
    source: Source
    """Where its regions and territories come from."""
    territories: tuple[Territory, ...] = ()
    """Areas with their own alpha-3 code that belong to another state (GUM to USA)."""
    aliases: dict[LocationCode, Alpha3] = {}  # ISO 3166-2 codes that name an alpha-3 territory
    """ISO 3166-2 codes that name an alpha-3 territory (e.g. US-GU: GUM)."""
    areas: tuple[Area, ...] = ()
    """Places with no ISO code (seas) that events may name as locations."""
    regions: tuple[Region, ...] = ()
    """Named sets of places that clauses refer to."""


# --- scenarios -------------------------------------------------------------------------------

_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class Event(Value):
    """One thing that happened on the scenario's date: who was struck, where, by whom, and who was asked for help."""

    id: str | None = Field(default=None, pattern=_TOKEN.pattern)
    """A name for the event (default e1, e2, … in order)."""
    type: EventType
    """What happened: armed_attack, armed_rebellion, terrorist_attack or armed_threat."""
    target: Alpha3
    """The state attacked (ISO 3166-1 alpha-3, e.g. NER)."""
    location: PlaceCode | None = None
    """Where it happened (default: the target): an alpha-3 code, an ISO 3166-2 code (US-HI) or an area id."""
    against: Target = Target.territory
    """What was struck: territory (default), forces, vessels or aircraft."""
    by: tuple[Alpha3, ...] = Field(default=(), max_length=MAX_ATTACKERS)
    """The attacking states (alpha-3 codes); a group that is not a state goes in by_non_state."""
    by_non_state: str | None = Field(default=None, min_length=1, max_length=200)
    """A named non-state attacker, e.g. an armed group."""
    requested_from: tuple[str, ...] = ()
    """Treaty ids or states the target asked for help."""

    @field_validator("by", "requested_from")
    @classmethod
    def _no_repeats(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        seen: set[str] = set()  # not ``values[:i]``: requested_from has no length limit
        for i, value in enumerate(values):
            if value in seen:
                raise problem_at((i,), f"{value!r} is listed twice")
            seen.add(value)
        return values

    @model_validator(mode="after")
    def _not_self_attack(self) -> Event:
        if self.target in self.by:
            raise problem_at(("by", self.by.index(self.target)), f"{self.target} cannot attack itself")
        return self

    @property
    def place(self) -> str:
        return self.location or self.target


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


class Expect(Value):
    """What ``pact test`` checks the result against."""

    obligated: tuple[ExpectedObligation, ...] = ()
    """Obligations that must be in the result."""
    not_obligated: tuple[ExpectedNonObligation, ...] = ()
    """Obligations that must not be in the result."""
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
    date: Day
    """The day the rules are applied on (YYYY-MM-DD)."""
    events: tuple[Event, ...] = Field(min_length=1, max_length=100)
    """What happened that day: 1 to 100 events."""
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
            raise problem_at(at, f"event id {named[again]!r} is used twice")
        events = tuple(e if e.id else e.model_copy(update={"id": n}) for e, n in zip(self.events, named, strict=True))
        object.__setattr__(self, "events", events)
        return self


# --- the loaded whole ------------------------------------------------------------------------


class Rulebook(Value):
    """Every treaty and every geography file of a rules directory, already cross-checked."""

    treaties: tuple[Treaty, ...]
    geography: tuple[Geography, ...] = ()

    def treaty(self, treaty_id: str) -> Treaty:
        return next(t for t in self.treaties if t.treaty == treaty_id)

    def regions(self) -> dict[str, Region]:
        return {r.id: r for g in self.geography for r in g.regions}

    def sovereigns(self) -> dict[str, str]:
        """Each territory with its own alpha-3 code, mapped to the state it belongs to."""
        return {t.code: t.sovereign for g in self.geography for t in g.territories}

    def areas(self) -> dict[str, Area]:
        return {a.id: a for g in self.geography for a in g.areas}

    def aliases(self) -> dict[str, str]:
        return {code: alpha3 for g in self.geography for code, alpha3 in g.aliases.items()}

    def region_cycle(self) -> list[str]:
        """A chain of regions that includes itself, or [] when there is none.

        A depth-first walk without recursion that visits each region once, so that a long chain of
        regions cannot exhaust the stack nor a lattice of them take exponential time.
        """
        regions = self.regions()
        done: set[str] = set()  # regions from which no cycle can be reached
        for start in regions:
            trail, subs, on_trail = [start], [iter(regions[start].include_regions)], {start}
            while trail:
                sub = next(subs[-1], None)
                if sub is None:
                    on_trail.remove(trail[-1])
                    done.add(trail.pop())
                    subs.pop()
                elif sub in on_trail:
                    return [*trail[trail.index(sub) :], sub]
                elif sub not in done and sub in regions:
                    trail.append(sub)
                    subs.append(iter(regions[sub].include_regions))
                    on_trail.add(sub)
        return []
