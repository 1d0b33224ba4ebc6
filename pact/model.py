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

from pact.core.codes import Alpha3, LocationCode, PlaceCode
from pact.core.errors import invalid
from pact.words import Words

_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=_SLUG, max_length=64)]
"""A lower-case id such as ``aes`` or ``nato-art6``."""


def is_slug(text: str) -> bool:
    return re.match(_SLUG, text) is not None


MAX_ATTACKERS = 16
"""Attacking states one event may name; the durable backend gives each a fixed slot."""

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits: \d also matches "٢٠٢٣"


def _iso_day(value: Any) -> date:
    """Read a day written YYYY-MM-DD; a number is refused rather than read as a Unix timestamp."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise invalid(Words("date.not_a_date", {"value": repr(value)}))
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        reason = _DATE_REASONS.get(str(exc), str(exc))
        raise invalid(Words("date.not_real", {"value": value, "reason": reason})) from None


_DATE_REASONS = {
    "day is out of range for month": Words("date.day_out_of_range"),
    "month must be in 1..12": Words("date.month_out_of_range"),
}
"""Python's reasons for refusing a day, worded by the catalogues (any other stays as Python says it)."""


Day = Annotated[date, BeforeValidator(_iso_day)]
"""A calendar day, written ``2023-09-16`` in YAML."""


def problem_at(at: tuple[str | int, ...], message: Words) -> PydanticCustomError:
    """A validation error about the item at ``at`` below the value being validated, so the loader can name its line."""
    return invalid(message, at=at)


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
    """What a clause makes a bearer owe: defence, offense, consultation, refraining from force, or neutrality."""

    defense = "defense"  # assist the victim
    offense = "offense"  # join a partner's military offensive (toward: attacker)
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
    join_offensive = "join_offensive"  # take part in the partner's military action


class AttackerCondition(StrEnum):
    """Who must have attacked for a clause to apply."""

    any = "any"  # anyone, states and non-state groups alike
    state = "state"  # at least one attacking state
    non_party = "non_party"  # no attacking state is a party of the treaty on the date
    non_party_state = "non_party_state"  # both of the above
    party = "party"  # at least one attacking state is a party in good standing (offense pledges)


class Bearers(StrEnum):
    """Which parties bear a clause's duty."""

    other_parties = "other_parties"  # every party in good standing but the victim and attackers
    attacking_parties = "attacking_parties"  # parties among the attackers (non-aggression)


class RequestTo(StrEnum):
    """Whom the victim must have asked for help for a clause to apply."""

    treaty = "treaty"  # the treaty's organisation was asked (requested_from names the treaty)
    bearer = "bearer"  # this bearer state itself was asked


class RequestBy(StrEnum):
    """Who may make the request a clause needs."""

    victim = "victim"  # the state attacked (the default, and the only reading before requesters existed)
    party = "party"  # any party in good standing (NATO Art 4: "in the opinion of any of them")


class Finding(StrEnum):
    """What a treaty body may determine about an event."""

    armed_attack = "armed_attack"  # the event is an armed attack in the treaty's sense
    attack_on_all = "attack_on_all"  # the attack is to be regarded as against all parties
    invoked = "invoked"  # the clause was invoked and the body accepted it


class Toward(StrEnum):
    """To whom a duty is owed."""

    victim = "victim"  # the state attacked
    attacker = "attacker"  # each attacking party (offense pledges)


UNKNOWN = "unknown"
"""A scenario fact nobody knows: duties that hinge on it are reported as undetermined."""

Unknown = Literal["unknown"]


class Source(Value):
    """Where a fact comes from: a citation a reader can find, and a link where there is one."""

    citation: str = Field(min_length=3)
    """The instrument, article or publication, as a reader would cite it."""
    url: str | None = None
    """A link to the text cited."""


class Dated(Value):
    """Days over which something holds: from ``from`` (or always) to the day before ``until`` (or for ever)."""

    start: Day | None = Field(default=None, alias="from")
    """The first day it holds (none: always before)."""
    until: Day | None = None
    """The first day it no longer holds (none: still)."""

    @model_validator(mode="after")
    def _ordered(self) -> Dated:
        if self.start is not None and self.until is not None and self.until <= self.start:
            raise problem_at(("until",), Words("model.period_ends_before", {"until": self.until, "start": self.start}))
        return self


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


class Determination(Value):
    """A finding of the treaty's own body that the clause needs, or that settles some of its conditions.

    ``required``: the clause applies only once a determination with one of ``findings`` was made
    for the event (on or before the scenario's date). ``settles``: such a determination makes
    these tests hold although the facts alone would fail them (e.g. a non-state attack counted as
    an armed attack for that treaty).
    """

    findings: tuple[Finding, ...] = Field(min_length=1)
    """The findings that count: armed_attack, attack_on_all, invoked."""
    required: bool = False
    """Whether the clause applies only once such a finding was made."""
    settles: tuple[Literal["event_type", "attacker", "against", "location", "requested"], ...] = ()
    """The tests such a finding makes hold although the facts alone fail them."""
    notes: str | None = None
    """Doubts and readings, in words."""

    @model_validator(mode="after")
    def _does_something(self) -> Determination:
        if not self.required and not self.settles:
            raise invalid(Words("model.determination_empty"))
        return self


class Scope(Value):
    """Where the event must happen: in one of the regions, or on the victim's own territory."""

    regions: tuple[Slug, ...] = ()
    """Regions (ids from a geography file) the event's location may lie in."""
    victim_territory: bool = False
    """Whether an event on the victim's own territory is covered too."""

    @model_validator(mode="after")
    def _not_empty(self) -> Scope:
        if not self.regions and not self.victim_territory:
            raise invalid(Words("model.scope_empty"))
        return self


class Request(Value):
    """A clause that applies only when the victim asked for help."""

    to: tuple[RequestTo, ...] = Field(min_length=1)
    """Whom the request must be made to: the treaty (its organisation), the bearer itself, or either."""
    by: RequestBy = RequestBy.victim
    """Who may make it: the victim (default) or any party in good standing."""


class Trigger(Value):
    """The conditions under which a clause applies to an event."""

    events: tuple[EventType, ...] = Field(min_length=1)
    """The event types that can trigger the clause."""
    victim: Literal["party", "any"] | VictimInRegion = "party"
    """``party``: the victim is a party in good standing; ``any``: any state (offense pledges);
    ``{region: ID}``: any state whose territory lies there."""
    attacker: AttackerCondition | tuple[Alpha3, ...] = AttackerCondition.any
    """Who must have attacked: any, state, non_party, non_party_state, or a list of alpha-3 codes."""
    against: tuple[Target, ...] = (Target.territory,)
    """What the event must strike: territory, forces, vessels or aircraft."""
    scope: Scope | None = None
    """Where the event must happen; absent: anywhere."""
    request: Request | None = None
    """Whether the victim must have asked for help, and whom."""
    determination: Determination | None = None
    """A finding of the treaty's body the clause needs, or that settles some of its tests."""
    conditions: tuple[Slug, ...] = ()
    """Named conditions the rules cannot test (e.g. non-provocation): a duty that depends on one is
    undetermined unless the scenario's event settles it (``events[].conditions``)."""


class Duty(Value):
    """What a clause makes its bearers owe: its ``obligation:`` block."""

    kind: ObligationKind
    """defense, consultation, non_aggression or neutrality."""
    means: Means
    """The means the clause names, in the treaty's own terms."""
    bearers: Bearers | tuple[Alpha3, ...] = Bearers.other_parties
    """Who owes it: other_parties, attacking_parties, or a list of alpha-3 codes of parties."""
    toward: Toward = Toward.victim
    """To whom the duty is owed: the victim (default), or each attacking party (offense pledges)."""
    qualification: str | None = None  # wording that limits the duty, kept rather than dropped
    """Wording that limits the duty, kept as the treaty says it."""


class ClauseVersion(Value):
    """The clause as one instrument worded it, over a period; it replaces the fields it gives."""

    start: Day = Field(alias="from")
    """The first day this wording applies."""
    until: Day | None = None
    """The first day it no longer applies (none: still)."""
    instrument: str | None = Field(
        default=None, description="The instrument that made this wording, named briefly (default: the source)."
    )
    source: Source
    """The instrument that made this wording, cited."""
    article: str | None = None
    """The article as this instrument numbers it (default: the clause's)."""
    text: str | None = None
    """This wording, quoted or paraphrased (default: the clause's)."""
    trigger: Trigger | None = None
    """When this wording applies (default: the clause's trigger)."""
    obligation: Duty | None = None
    """What this wording makes the bearers owe (default: the clause's)."""
    notes: str | None = None
    """Doubts and readings, in words."""

    @model_validator(mode="after")
    def _ordered(self) -> ClauseVersion:
        if self.until is not None and self.until <= self.start:
            raise problem_at(("until",), Words("model.version_ends_before", {"until": self.until, "start": self.start}))
        return self


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
    obligation: Duty
    """What it makes its bearers owe."""
    versions: tuple[ClauseVersion, ...] = ()
    """Dated versions of the clause (e.g. before and after an amending protocol). When given, the
    clause applies only within their periods, each version replacing the fields it gives."""
    notes: str | None = None
    """Doubts and readings, in words."""

    def as_of(self, version: ClauseVersion | None) -> Clause:
        """The clause with ``version``'s fields in place of its own."""
        if version is None:
            return self
        given = {k: getattr(version, k) for k in ("article", "text", "trigger", "obligation") if getattr(version, k)}
        return self.model_copy(update=given)


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
    """A place that belongs to, or is administered by, a state other than its ISO country.

    An alpha-3 territory (``GUM`` to USA), or any ISO code over a period (``DZA`` French until
    1962-07-03; ``JP-47`` Japanese but administered by the United States until 1972-05-15).
    """

    code: LocationCode
    """The place: an alpha-3 code of its own (GUM) or an ISO 3166-2 subdivision (JP-47)."""
    sovereign: Alpha3
    """The state it belonged to (alpha-3)."""
    administrator: Alpha3 | None = None
    """Who administered it, when not the sovereign (the United States in Okinawa until 1972)."""
    start: Day | None = Field(default=None, alias="from")
    """The first day this was so (none: always)."""
    until: Day | None = None
    """The first day it no longer was (none: still)."""
    source: Source | None = None
    """Where the dates come from."""
    notes: str | None = None
    """Doubts and readings, in words."""


class Zone(Value):
    """Where an area lies on the globe, for events given as a point (``at: {lat, lon}``).

    ``boundary`` lists the corners as ``[lat, lon]`` pairs in order; each edge is a rhumb line
    (straight on a Mercator chart), as treaties draw such lines; ``north_of``/``south_of`` cut the
    area at a latitude. A point on the boundary is inside.
    """

    boundary: tuple[tuple[float, float], ...] = Field(default=(), description="Corners as [lat, lon] pairs.")
    north_of: float | None = Field(default=None, ge=-90, le=90)
    """Only points at or north of this latitude."""
    south_of: float | None = Field(default=None, ge=-90, le=90)
    """Only points at or south of this latitude."""

    @model_validator(mode="after")
    def _shape(self) -> Zone:
        if self.boundary and len(self.boundary) < 3:
            raise problem_at(("boundary",), Words("model.boundary_corners"))
        for i, (lat, _) in enumerate(self.boundary):
            if not -90 <= lat <= 90:
                raise problem_at(("boundary", i), Words("model.latitude", {"lat": lat}))
        if not self.boundary and self.north_of is None and self.south_of is None:
            raise invalid(Words("model.zone_empty"))
        return self


class Area(Value):
    """A place with no ISO code, such as a sea, that events may name as their location."""

    id: Slug
    """The area's id, used as an event location and in regions (lower-case, e.g. mediterranean-sea)."""
    title: str
    """The area's name."""
    zone: Zone | None = None
    """Where it lies on the globe, for events given as a point (``at: {lat, lon}``)."""
    notes: str | None = None
    """Doubts and readings, in words."""


class DatedPlace(Dated):
    """A place a region holds only over a period (e.g. the Algerian departments until 1962-07-03)."""

    place: PlaceCode
    """The place: an alpha-3 code, an ISO 3166-2 code or an area id."""


class Region(Value):
    """A named set of places that clauses refer to; the most specific code in a location's chain decides."""

    id: Slug
    """The region's id, as clauses name it (lower-case)."""
    title: str
    """The region's name."""
    source: Source
    """Where the region's extent comes from."""
    include: tuple[PlaceCode | DatedPlace, ...] = ()
    """Alpha-3 codes, ISO 3166-2 codes and area ids inside the region, each perhaps only over a period."""
    include_regions: tuple[Slug, ...] = ()
    """Other regions whose places are inside this one too."""
    include_parties: tuple[Slug, ...] = ()
    """Treaties whose parties' own territory (their alpha-3 code) the region holds, on each day."""
    administered_by: tuple[Alpha3, ...] = ()
    """States whose administered territory the region holds, on each day (``pact.places``)."""
    exclude: tuple[LocationCode | DatedPlace, ...] = ()
    """Codes carved out of what is included (e.g. ``US-HI`` out of ``USA``), each perhaps only over a period."""
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


# --- assumptions: one-line changes to the rules, for one scenario only -------------------------


def _only_true(value: bool) -> bool:
    if not value:
        raise invalid(Words("model.only_true"))
    return value


Yes = Annotated[bool, AfterValidator(_only_true)]
"""A flag that can only be set (``stays: true``, ``off: true``)."""


class Joins(Value):
    """The state becomes a party on that day (a hypothetical accession)."""

    treaty: Slug
    """The treaty it joins."""
    state: Alpha3
    """The state (alpha-3)."""
    joins: Day
    """The day it becomes a party."""


class Leaves(Value):
    """The state's membership ends on that day (the first day it is no longer a party)."""

    treaty: Slug
    """The treaty it leaves."""
    state: Alpha3
    """The state (alpha-3), a party of the treaty."""
    leaves: Day
    """The first day it is no longer a party."""


class Stays(Value):
    """The state's recorded exit never happens."""

    treaty: Slug
    """The treaty it stays in."""
    state: Alpha3
    """The state (alpha-3) whose recorded exit is cancelled."""
    stays: Yes
    """Always true."""


class SuspendsToward(Value):
    """The state's duties toward one other party are suspended (one direction, as ANZUS 1986)."""

    treaty: Slug
    """The treaty."""
    state: Alpha3
    """The party whose duties are suspended."""
    suspends_toward: Alpha3
    """The party they are no longer owed to."""
    start: Day = Field(alias="from")
    """The first day of the suspension."""
    until: Day | None = None
    """The first day it no longer applies (none: open)."""


class LiftsSuspension(Value):
    """A recorded suspension toward one party ends on ``from`` (or never happened, without ``from``)."""

    treaty: Slug
    """The treaty."""
    state: Alpha3
    """The party whose recorded suspension is lifted."""
    lifts_suspension_toward: Alpha3
    """The party the suspension was toward."""
    start: Day | None = Field(default=None, alias="from")
    """The day it is lifted (none: it never happened)."""


class Ends(Value):
    """The treaty stops applying on that day (the first day it no longer applies)."""

    treaty: Slug
    """The treaty."""
    ends: Day
    """The first day it no longer applies."""


class EntersIntoForce(Value):
    """The treaty applies from that day."""

    treaty: Slug
    """The treaty."""
    in_force: Day
    """The first day it applies."""


class ClauseOff(Value):
    """The clause is not applied."""

    treaty: Slug
    """The treaty."""
    clause: Slug
    """The clause id."""
    off: Yes
    """Always true."""


class RegionAdds(Value):
    """The place belongs to the region (its own entry wins over any exclusion)."""

    region: Slug
    """The region."""
    adds: PlaceCode
    """The place it gains."""


class RegionRemoves(Value):
    """The place is outside the region."""

    region: Slug
    """The region."""
    removes: PlaceCode
    """The place it loses."""


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
    determinations: tuple[DeterminationMade, ...] = ()
    """Decisions of treaty bodies about the events (e.g. the North Atlantic Council's of 2 October 2001)."""
    assume: tuple[Assumption, ...] = Field(default=(), max_length=100)
    """Changes to the rules for this scenario only (``pact.assumptions``)."""
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

    def sovereigns(self, on: date) -> dict[str, str]:
        """Each territory with its own alpha-3 code on the day, mapped to the state it belonged to."""
        return {
            t.code: t.sovereign
            for g in self.geography
            for t in g.territories
            if len(t.code) == 3 and (t.start or date.min) <= on < (t.until or date.max)
        }

    def territory(self, code: str, on: date) -> Territory | None:
        """The entry saying whose territory ``code`` was on the day, if it was not its own state's."""
        return next(
            (
                t
                for g in self.geography
                for t in g.territories
                if t.code == code and (t.start or date.min) <= on < (t.until or date.max)
            ),
            None,
        )

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
