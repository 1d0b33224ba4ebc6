"""Where an event happened, and what that place was on the day: whose, which regions, which zones.

A place is an ISO 3166-1 alpha-3 code, an ISO 3166-2 subdivision, or a named area (a sea). Its
*chain* is the code, its parent subdivisions, then its country (``ES-TF → ES-CN → ESP``); the most
specific code in the chain that a rule mentions decides. What a place *is* changes over time —
Algeria was French until 3 July 1962, Okinawa was administered by the United States until 15 May
1972, the Czech lands entered NATO's Article 6 area with the Czech Republic's accession — so every
answer here is for a day. A point (``at: {lat, lon}``) lies in the areas whose zones contain it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from pact.core.codes import ancestry, code_name, country_of, is_area
from pact.core.days import FOREVER, day
from pact.model import DatedPlace, Point, Region, Rulebook, Zone

Span = tuple[int, int]
"""[start, end) in day ordinals."""

ALWAYS: tuple[Span, ...] = ((0, FOREVER),)


def covers(spans: Iterable[Span], when: int) -> bool:
    return any(start <= when < end for start, end in spans)


@dataclass(frozen=True)
class TerritorySpan:
    """Who a place belonged to, and who administered it, over [start, end)."""

    code: str
    sovereign: str
    administrator: str
    start: int
    end: int


@dataclass(frozen=True)
class RegionPlan:
    """A region flattened: the codes it holds and excludes (with their periods) and its rules."""

    id: str
    title: str
    include: Mapping[str, tuple[Span, ...]] = field(hash=False)
    exclude: Mapping[str, tuple[Span, ...]] = field(hash=False)
    parties_of: tuple[str, ...] = ()  # the territory of these treaties' parties on the day
    administered_by: tuple[str, ...] = ()  # places these states administer on the day

    def __hash__(self) -> int:
        return hash(self.id)

    def holds(self, chain: tuple[str, ...], when: int, places: Places, is_party: Callable[[str, str], bool]) -> bool:
        """Whether the place whose chain is given lies in the region on the day."""
        for code in chain:
            if covers(self.exclude.get(code, ()), when):
                return False
            if covers(self.include.get(code, ()), when):
                return True
        country = chain[-1]
        if any(is_party(treaty, country) for treaty in self.parties_of):
            return True
        return bool(self.administered_by) and places.administrator(chain, when) in self.administered_by


@dataclass(frozen=True)
class ZonePlan:
    """An area's zone on a Mercator chart, where rhumb lines are straight (see ``pact.model.Zone``)."""

    area: str
    corners: tuple[tuple[float, float], ...]  # (x, y): unwrapped longitude, Mercator ordinate
    north_of: float | None
    south_of: float | None

    @cached_property
    def _shape(self):  # shapely is imported only when some event is a point
        from shapely.geometry import Polygon

        return Polygon(self.corners) if self.corners else None

    def contains(self, point: Point) -> bool:
        if self.north_of is not None and point.lat < self.north_of:
            return False
        if self.south_of is not None and point.lat > self.south_of:
            return False
        if self._shape is None:
            return True
        from shapely.geometry import Point as ShapelyPoint

        y = _mercator(point.lat)
        return any(self._shape.covers(ShapelyPoint(point.lon + turn, y)) for turn in (-360.0, 0.0, 360.0))


_POLE = 89.9999
"""Latitudes are clipped here: the Mercator ordinate of a pole is infinite."""


def _mercator(lat: float) -> float:
    lat = max(-_POLE, min(_POLE, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


@lru_cache(maxsize=256)
def zone_plan(area: str, zone: Zone) -> ZonePlan:
    """Corners in order with longitudes unwrapped, so a boundary may cross the 180th meridian.

    Kept: every plan compiled from the same geography (an engine's plans narrowed for each other
    reading of a contested point) charts the same zones, some of hundreds of corners."""
    corners: list[tuple[float, float]] = []
    for lat, lon in zone.boundary:
        if corners:
            previous = corners[-1][0]
            lon += 360.0 * round((previous - lon) / 360.0)
        corners.append((lon, _mercator(lat)))
    return ZonePlan(area, tuple(corners), zone.north_of, zone.south_of)


class Places:
    """Every geographic rule of a rulebook, answering questions about places on a day."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.aliases = rulebook.aliases()
        self.area_titles = {a: area.title for a, area in rulebook.areas().items()}
        self.territories: dict[str, tuple[TerritorySpan, ...]] = {}
        for g in rulebook.geography:
            for t in g.territories:
                span = TerritorySpan(t.code, t.sovereign, t.administrator or t.sovereign, day(t.start, 0), day(t.until))
                self.territories[t.code] = (*self.territories.get(t.code, ()), span)
        self.zones = tuple(zone_plan(a.id, a.zone) for g in rulebook.geography for a in g.areas if a.zone)
        self.regions = flatten_regions(rulebook)
        self.region_titles = {r.id: r.title for r in self.regions}

    @cached_property
    def fingerprint(self) -> str:
        """Everything that decides an answer here, as text (for the plan's fingerprint)."""
        regions = [
            (r.id, sorted(r.include.items()), sorted(r.exclude.items()), r.parties_of, r.administered_by)
            for r in self.regions
        ]
        return repr((sorted(self.aliases.items()), sorted(self.territories.items()), self.zones, regions))

    @cached_property
    def dependencies(self) -> frozenset[str]:
        """Every alpha-3 code that is, or once was, a territory of another state."""
        return frozenset(code for code in self.territories if len(code) == 3)

    def chain(self, place: str) -> tuple[str, ...]:
        return (place,) if is_area(place) else ancestry(self.aliases.get(place, place))

    def territory(self, chain: tuple[str, ...], when: int) -> TerritorySpan | None:
        """The territory entry that decides for the most specific code in the chain, if any."""
        for code in chain:
            for span in self.territories.get(code, ()):
                if span.start <= when < span.end:
                    return span
        return None

    def sovereign(self, place: str, when: int) -> str:
        """The state whose territory ``place`` was on the day ("" for a named area such as a sea)."""
        if is_area(place):
            return ""
        chain = self.chain(place)
        found = self.territory(chain, when)
        return found.sovereign if found else country_of(chain[-1])

    def is_territory_of(self, place: str, state: str, when: int) -> bool:
        """Whether ``place`` was ``state``'s own territory, or territory it administered, on the day."""
        if is_area(place):
            return False
        return state in (self.sovereign(place, when), self.administrator(self.chain(place), when))

    def administrator(self, chain: tuple[str, ...], when: int) -> str:
        found = self.territory(chain, when)
        return found.administrator if found else chain[-1]

    def name(self, place: str) -> str:
        """A place's name for a reader: an area's title, or the ISO name of a code."""
        return self.area_titles[place] if place in self.area_titles else code_name(place)

    def regions_of(self, place: str, when: int, is_party: Callable[[str, str], bool]) -> frozenset[str]:
        chain = self.chain(place)
        return frozenset(r.id for r in self.deciding(chain) if r.holds(chain, when, self, is_party))

    def deciding(self, chain: tuple[str, ...]) -> frozenset[RegionPlan]:
        """The regions that can hold a place of this chain: those whose lists name a code of it, and
        those holding places by a rule."""
        return frozenset(r for code in chain for r in self._naming.get(code, ())) | self._ruled

    def cuts(self, chain: tuple[str, ...], parties_of: Callable[[str, str], Iterable[Span]]) -> list[int]:
        """The days on which what the regions say of a place of this chain may change: the periods of
        its codes in the regions' lists, of its territory entries, and of its country's membership of
        the treaties whose parties a region holds (``parties_of(treaty, country)``), sorted."""
        days: set[int] = set()
        for region in self.deciding(chain):
            for code in chain:
                days |= {d for span in (*region.include.get(code, ()), *region.exclude.get(code, ())) for d in span}
            days |= {d for treaty in region.parties_of for span in parties_of(treaty, chain[-1]) for d in span}
        days |= {d for code in chain for s in self.territories.get(code, ()) for d in (s.start, s.end)}
        return sorted(d for d in days if 0 < d < FOREVER)

    @cached_property
    def _naming(self) -> dict[str, tuple[RegionPlan, ...]]:
        """The regions whose lists name a code (to hold it or to leave it out): only these, and the
        regions with rules, can decide for a place whose chain holds the code."""
        found: dict[str, list[RegionPlan]] = {}
        for region in self.regions:
            for code in {*region.include, *region.exclude}:
                found.setdefault(code, []).append(region)
        return {code: tuple(regions) for code, regions in found.items()}

    @cached_property
    def _ruled(self) -> frozenset[RegionPlan]:
        """The regions holding places by a rule (a treaty's parties, what some state administers)."""
        return frozenset(r for r in self.regions if r.parties_of or r.administered_by)

    def may_hold(self, region: str, state: str, members_ever: Callable[[str], Iterable[str]]) -> bool:
        """Whether ``region`` holds the state ``state`` on some day (a superset: False means never).

        ``members_ever(treaty)``: every state that is or was a party of the treaty."""
        found = self._by_id[region]
        if state in found.include:
            return True
        if any(state in members_ever(t) for t in found.parties_of):
            return True
        administered = (s.administrator for spans in self.territories.values() for s in spans if s.code == state)
        return bool(found.administered_by) and any(a in found.administered_by for a in (*administered, state))

    @cached_property
    def _by_id(self) -> dict[str, RegionPlan]:
        return {r.id: r for r in self.regions}

    def zones_of(self, point: Point) -> tuple[str, ...]:
        """The areas whose zones contain the point."""
        return tuple(z.area for z in self.zones if z.contains(point))

    def change_days(self) -> set[int]:
        """The days on which some place changes hands or some region gains or loses a place."""
        days = {d for spans in self.territories.values() for s in spans for d in (s.start, s.end)}
        for region in self.regions:
            for spans in (*region.include.values(), *region.exclude.values()):
                days |= {d for span in spans for d in span}
        return {d for d in days if 0 < d < FOREVER}


def _spans(entries: Iterable[str | DatedPlace]) -> dict[str, tuple[Span, ...]]:
    found: dict[str, tuple[Span, ...]] = {}
    for entry in entries:
        code, span = (
            (entry, ALWAYS[0]) if isinstance(entry, str) else (entry.place, (day(entry.start, 0), day(entry.until)))
        )
        found[code] = (*found.get(code, ()), span)
    return found


def flatten_regions(rulebook: Rulebook) -> tuple[RegionPlan, ...]:
    """Each region with the codes and rules of the regions it includes folded in, its own list winning.

    Sub-regions are flattened before the regions that include them, without recursion and once
    each, so long chains and lattices of regions cost linear time (the loader refuses cycles).
    """
    regions = rulebook.regions()
    flat: dict[str, RegionPlan] = {}
    for root in sorted(regions):
        stack = [root]
        while stack:
            rid = stack[-1]
            pending = [sub for sub in regions[rid].include_regions if sub not in flat]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            flat[rid] = _flattened(regions[rid], [flat[sub] for sub in regions[rid].include_regions])
    return tuple(flat[rid] for rid in sorted(regions))


def _flattened(region: Region, subs: list[RegionPlan]) -> RegionPlan:
    own = _spans(region.include)
    include, exclude = dict(own), _spans(region.exclude)
    for sub in subs:
        for code, spans in sub.include.items():
            include[code] = (*include.get(code, ()), *spans)
        for code, spans in sub.exclude.items():
            if code not in own:  # the region's own list wins over what a sub-region excludes
                exclude[code] = (*exclude.get(code, ()), *spans)
    return RegionPlan(
        id=region.id,
        title=region.title,
        include=include,
        exclude=exclude,
        parties_of=tuple(dict.fromkeys([*region.include_parties, *(t for s in subs for t in s.parties_of)])),
        administered_by=tuple(dict.fromkeys([*region.administered_by, *(a for s in subs for a in s.administered_by)])),
    )
