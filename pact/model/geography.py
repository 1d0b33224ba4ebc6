"""Geography files: territories, zones, areas and regions, dated where they change."""

from __future__ import annotations

from pydantic import (
    Field,
    model_validator,
)

from pact.core.codes import Alpha3, LocationCode, PlaceCode
from pact.core.errors import invalid
from pact.model.base import Day, Slug, Translated, Value, problem_at
from pact.model.rules import Dated, Source
from pact.words import Words


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


class PlaceWords(Value):
    """An area's or a region's name in another language."""

    title: str = Field(min_length=1)
    """Its name, as in ``title``."""


class PlaceLabels(Value):
    """An area's or a region's name in each other language pact speaks."""

    translations: dict[Translated, PlaceWords] = {}
    """By language (``fr``)."""


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
    """States whose administered territory the region holds, on each day (``pact.plan.places``)."""
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
    words: dict[Slug, PlaceLabels] = {}
    """What readers see of the areas and regions in other languages, by id (kept last in a file, so
    that adding words moves no line)."""

    @model_validator(mode="after")
    def _words_name_places(self) -> Geography:
        known = {p.id for p in (*self.areas, *self.regions)}
        for id in self.words:
            if id not in known:
                raise problem_at(("words", id), Words("model.words_place", {"place": id}))
        return self
