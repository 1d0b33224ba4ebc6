"""The rule language and the scenario contract, as frozen pydantic models.

Unknown keys are rejected everywhere, so a misspelt key is an error, never a silent default.
Cross-references between files (a clause naming a region, a scenario naming a treaty) are
checked by the loader, which knows every file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)
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
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- rules -----------------------------------------------------------------------------------


class EventType(StrEnum):
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
    any = "any"  # anyone, states and non-state groups alike
    state = "state"  # at least one attacking state
    non_party = "non_party"  # no attacking state is a party of the treaty on the date
    non_party_state = "non_party_state"  # both of the above


class Bearers(StrEnum):
    other_parties = "other_parties"  # every party in good standing but the victim and attackers
    attacking_parties = "attacking_parties"  # parties among the attackers (non-aggression)


class RequestTo(StrEnum):
    treaty = "treaty"  # the victim asked the treaty's organisation (requested_from names the treaty)
    bearer = "bearer"  # the victim asked this bearer state itself


class Source(Value):
    citation: str = Field(min_length=3)
    url: str | None = None


class StatusPeriod(Value):
    """A period in which a member is not in good standing (e.g. suspended)."""

    status: Literal["suspended", "frozen"]
    start: Day = Field(alias="from")
    until: Day | None = None
    bears_duties: bool = False
    protected: bool = False
    source: Source | None = None
    notes: str | None = None


class Party(Value):
    state: Alpha3
    joined: Day
    left: Day | None = None  # the first day the state is no longer a party
    source: Source | None = None
    status: tuple[StatusPeriod, ...] = ()
    notes: str | None = None


class PairSuspension(Value):
    """Duties one party suspended toward one other party, in one direction (ANZUS 1986)."""

    bearer: Alpha3
    toward: Alpha3
    start: Day = Field(alias="from")
    until: Day | None = None
    source: Source
    notes: str | None = None


class VictimInRegion(Value):
    region: Slug


class Scope(Value):
    """Where the event must happen: in one of the regions, or on the victim's own territory."""

    regions: tuple[Slug, ...] = ()
    victim_territory: bool = False

    @model_validator(mode="after")
    def _not_empty(self) -> Scope:
        if not self.regions and not self.victim_territory:
            raise ValueError("a scope needs regions, victim_territory: true, or both")
        return self


class Request(Value):
    to: tuple[RequestTo, ...] = Field(min_length=1)


class Trigger(Value):
    events: tuple[EventType, ...] = Field(min_length=1)
    victim: Literal["party"] | VictimInRegion = "party"
    attacker: AttackerCondition | tuple[Alpha3, ...] = AttackerCondition.any
    against: tuple[Target, ...] = (Target.territory,)
    scope: Scope | None = None
    request: Request | None = None


class Obligation(Value):
    kind: ObligationKind
    means: Means
    bearers: Bearers | tuple[Alpha3, ...] = Bearers.other_parties
    toward: Literal["victim"] = "victim"
    qualification: str | None = None  # wording that limits the duty, kept rather than dropped


class Clause(Value):
    id: Slug
    article: str = Field(min_length=1)
    text: str = Field(min_length=1)
    trigger: Trigger
    obligation: Obligation
    notes: str | None = None


class Treaty(Value):
    treaty: Slug
    title: str
    signed: Day
    in_force: Day
    terminated: Day | None = None
    source: Source
    notes: str | None = None
    parties: tuple[Party, ...] = Field(min_length=1)
    suspensions: tuple[PairSuspension, ...] = ()
    clauses: tuple[Clause, ...] = Field(min_length=1)


class Territory(Value):
    """An area with its own alpha-3 code that belongs to another state (e.g. GUM to USA)."""

    code: Alpha3
    sovereign: Alpha3
    notes: str | None = None


class Area(Value):
    """A place with no ISO code, such as a sea, that events may name as their location."""

    id: Slug
    title: str
    notes: str | None = None


class Region(Value):
    id: Slug
    title: str
    source: Source
    include: tuple[PlaceCode, ...] = ()
    include_regions: tuple[Slug, ...] = ()
    exclude: tuple[LocationCode, ...] = ()
    notes: str | None = None


class Geography(Value):
    """Named regions and territories, kept as data beside the treaties."""

    geography: Slug
    source: Source
    territories: tuple[Territory, ...] = ()
    aliases: dict[LocationCode, Alpha3] = {}  # ISO 3166-2 codes that name an alpha-3 territory
    areas: tuple[Area, ...] = ()
    regions: tuple[Region, ...] = ()


# --- scenarios -------------------------------------------------------------------------------

_TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class Event(Value):
    id: str | None = Field(default=None, pattern=_TOKEN.pattern)
    type: EventType
    target: Alpha3
    location: PlaceCode | None = None
    against: Target = Target.territory
    by: tuple[Alpha3, ...] = Field(default=(), max_length=MAX_ATTACKERS)
    by_non_state: str | None = Field(default=None, min_length=1, max_length=200)
    requested_from: tuple[str, ...] = ()

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
    state: Alpha3
    treaty: Slug
    toward: Alpha3 | None = None
    clause: Slug | None = None
    kind: ObligationKind | None = None
    event: str | None = None


class ExpectedNonObligation(Value):
    state: Alpha3
    treaty: Slug
    toward: Alpha3 | None = None
    clause: Slug | None = None
    event: str | None = None


class Expect(Value):
    obligated: tuple[ExpectedObligation, ...] = ()
    not_obligated: tuple[ExpectedNonObligation, ...] = ()
    conflicts: tuple[Alpha3, ...] | None = None  # the states in conflict, when given


# --- assumptions: one-line changes to the rules, for one scenario only -------------------------


def _only_true(value: bool) -> bool:
    if not value:
        raise ValueError("only true is meaningful here: leave the assumption out instead")
    return value


Yes = Annotated[bool, AfterValidator(_only_true)]
"""A flag that can only be set (``stays: true``, ``off: true``)."""


class Joins(Value):
    """The state becomes a party on that day (a hypothetical accession)."""

    treaty: Slug
    state: Alpha3
    joins: Day


class Leaves(Value):
    """The state's membership ends on that day (the first day it is no longer a party)."""

    treaty: Slug
    state: Alpha3
    leaves: Day


class Stays(Value):
    """The state's recorded exit never happens."""

    treaty: Slug
    state: Alpha3
    stays: Yes


class SuspendsToward(Value):
    """The state's duties toward one other party are suspended (one direction, as ANZUS 1986)."""

    treaty: Slug
    state: Alpha3
    suspends_toward: Alpha3
    start: Day = Field(alias="from")
    until: Day | None = None


class LiftsSuspension(Value):
    """A recorded suspension toward one party ends on ``from`` (or never happened, without ``from``)."""

    treaty: Slug
    state: Alpha3
    lifts_suspension_toward: Alpha3
    start: Day | None = Field(default=None, alias="from")


class Ends(Value):
    """The treaty stops applying on that day (the first day it no longer applies)."""

    treaty: Slug
    ends: Day


class EntersIntoForce(Value):
    """The treaty applies from that day."""

    treaty: Slug
    in_force: Day


class ClauseOff(Value):
    """The clause is not applied."""

    treaty: Slug
    clause: Slug
    off: Yes


class RegionAdds(Value):
    """The place belongs to the region (its own entry wins over any exclusion)."""

    region: Slug
    adds: PlaceCode


class RegionRemoves(Value):
    """The place is outside the region."""

    region: Slug
    removes: PlaceCode


ASSUMPTION_KEYS = {
    "joins": Joins,
    "leaves": Leaves,
    "stays": Stays,
    "suspends_toward": SuspendsToward,
    "lifts_suspension_toward": LiftsSuspension,
    "ends": Ends,
    "in_force": EntersIntoForce,
    "off": ClauseOff,
    "adds": RegionAdds,
    "removes": RegionRemoves,
}


def _assumption_kind(value: Any) -> str | None:
    """The kind of change an assumption makes: the first of its keys that names one."""
    if isinstance(value, BaseModel):
        return f"change:{type(value).__name__}"
    keys = value if isinstance(value, dict) else {}
    kind = next((k for k in ASSUMPTION_KEYS if k in keys), None)
    return f"change:{ASSUMPTION_KEYS[kind].__name__}" if kind else None


Assumption = Annotated[
    Annotated[Joins, Tag("change:Joins")]
    | Annotated[Leaves, Tag("change:Leaves")]
    | Annotated[Stays, Tag("change:Stays")]
    | Annotated[SuspendsToward, Tag("change:SuspendsToward")]
    | Annotated[LiftsSuspension, Tag("change:LiftsSuspension")]
    | Annotated[Ends, Tag("change:Ends")]
    | Annotated[EntersIntoForce, Tag("change:EntersIntoForce")]
    | Annotated[ClauseOff, Tag("change:ClauseOff")]
    | Annotated[RegionAdds, Tag("change:RegionAdds")]
    | Annotated[RegionRemoves, Tag("change:RegionRemoves")],
    Discriminator(
        _assumption_kind,
        custom_error_type="assumption_kind",
        custom_error_message=f"an assumption needs one of the keys {', '.join(ASSUMPTION_KEYS)}",
    ),
]
"""One change to the rules that a scenario assumes (README, "Scenario format": ``assume:``)."""


class Scenario(Value):
    scenario: str = Field(pattern=_TOKEN.pattern)
    title: str | None = None
    date: Day
    events: tuple[Event, ...] = Field(min_length=1, max_length=100)
    assume: tuple[Assumption, ...] = Field(default=(), max_length=100)
    expect: Expect | None = None
    notes: str | None = None
    sources: tuple[Source, ...] = ()

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


@dataclass(frozen=True)
class Replacement:
    """A definition a later rules layer replaced: what (``treaty``, ``region`` …), its id, and where each stands."""

    kind: str
    id: str
    was: str  # FILE:LINE of the earlier definition
    by: str  # FILE:LINE of the later one

    def render(self) -> str:
        return f"{self.kind} {self.id!r} of {self.was} is replaced by {self.by}"


@dataclass(frozen=True)
class Origin:
    """Where a rule file's values stand: the file as the user named it and the line of each value.

    ``key`` is the treaty id (or ``geography:ID``); ``lines`` maps each path into the file's data
    (keys and list indexes, e.g. ``("clauses", 2, "trigger", "scope")``) to its line.
    """

    key: str
    file: str
    lines: tuple[tuple[tuple[str | int, ...], int], ...]

    @cached_property
    def _index(self) -> dict[tuple[str | int, ...], int]:
        return dict(self.lines)

    def at(self, path: tuple[str | int, ...]) -> str:
        """``FILE:LINE`` of the value at ``path``, or of its nearest enclosing value."""
        for end in range(len(path), -1, -1):
            if path[:end] in self._index:
                return f"{self.file}:{self._index[path[:end]]}"
        return f"{self.file}:1"


class Rulebook(Value):
    """Every treaty and every geography file of the rules, layer over layer (``pact.load_rules``).

    Rulebooks the loader builds are cross-checked (``pact.check``), know where each value came
    from (``origins``) and which definitions a later layer replaced (``replaced``); rulebooks built
    in memory have no origins, so their explanations cite articles but no FILE:LINE.
    """

    treaties: tuple[Treaty, ...]
    geography: tuple[Geography, ...] = ()
    origins: tuple[Origin, ...] = Field(default=(), repr=False)
    replaced: tuple[Replacement, ...] = Field(default=(), repr=False)

    def origin(self, key: str) -> Origin | None:
        return next((o for o in self.origins if o.key == key), None)

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
