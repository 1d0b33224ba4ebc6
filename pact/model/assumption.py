"""What-if changes to the rules for one scenario (``assume:``): one model per kind of change."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    Discriminator,
    Field,
    Tag,
)

from pact.core.codes import Alpha3, PlaceCode
from pact.core.errors import invalid
from pact.model.base import Day, Slug, Value
from pact.words import Words

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
