"""The loaded whole: every treaty and geography file, with where each value came from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from pydantic import (
    Field,
)

from pact.core.cache import BoundedCache
from pact.core.errors import InputError, did_you_mean
from pact.core.source import SourceMap
from pact.model.base import Value
from pact.model.geography import Area, Geography, Region, Territory
from pact.model.rules import Contested, Treaty
from pact.words import Words

# --- the loaded whole ------------------------------------------------------------------------


LoadedTreaty = tuple[Treaty, SourceMap]
"""A treaty as read from its file, with where each of its values stands."""
LoadedGeography = tuple[Geography, SourceMap]
"""A geography file as read, with where each of its values stands."""


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


class Variant(Value):
    """A treaty with contested points as one combination of its readings has it."""

    readings: frozenset[str]
    """The reading of each of its contested points."""
    treaty: Treaty
    origin: Origin | None = Field(default=None, repr=False)


class Rulebook(Value):
    """Every treaty and every geography file of the rules, layer over layer (``pact.load_rules``).

    Rulebooks the loader builds are cross-checked (``pact.validate.static``), know where each value came
    from (``origins``) and which definitions a later layer replaced (``replaced``); rulebooks built
    in memory have no origins, so their explanations cite articles but no FILE:LINE.
    """

    treaties: tuple[Treaty, ...]
    geography: tuple[Geography, ...] = ()
    origins: tuple[Origin, ...] = Field(default=(), repr=False)
    replaced: tuple[Replacement, ...] = Field(default=(), repr=False)
    variants: tuple[Variant, ...] = Field(default=(), repr=False)
    """Each treaty with contested points as every combination of its readings has it (the defaults too)."""
    chosen: tuple[str, ...] = ()
    """The readings in force other than the defaults (``read_as``)."""

    def origin(self, key: str) -> Origin | None:
        return next((o for o in self.origins if o.key == key), None)

    def contested(self) -> dict[str, tuple[Treaty, Contested]]:
        """Every contested point of the rules, by its name, with its treaty (as the readings in force have
        it; one dict per tuple of treaties, shared: read it, do not change it)."""
        key = ("contested", id(self.treaties))
        return _DERIVED.get(
            key, lambda: (self.treaties, {point.id: (t, point) for t in self.treaties for point in t.contested})
        )[1]

    def reading_in_force(self, point: Contested) -> str:
        """The reading of ``point`` these rules follow: the chosen one, else the default."""
        return next((r.id for r in point.readings if r.id in self.chosen), point.default)

    def read_as(self, readings: Iterable[str]) -> Rulebook:
        """These rules under the named readings, each replacing the reading in force of its point.

        Raises ``InputError`` (field ``reading``) for a name no point has, or two readings of one point."""
        names = tuple(readings)
        return self._as(self.readings_with(names)) if names else self

    def readings_with(self, readings: Iterable[str]) -> frozenset[str]:
        """The readings these rules would follow with ``readings`` chosen, each replacing the reading
        in force of its point (``read_as`` without making the rules).

        Raises ``InputError`` (field ``reading``) for a name no point has, or two readings of one point."""
        names = tuple(dict.fromkeys(readings))
        points = {r.id: point for _, point in self.contested().values() for r in point.readings}
        chosen = {points[name].id: name for name in self.chosen}
        named: dict[str, str] = {}
        for name in names:
            if name not in points:
                raise InputError(
                    Words("readings.unknown", {"reading": name, "known": ", ".join(sorted(points)) or "-"}),
                    field="reading",
                    suggestion=did_you_mean(name, points),
                )
            point = points[name].id
            if point in named:
                words = Words("readings.clash", {"point": point, "first": named[point], "second": name})
                raise InputError(words, field="reading")
            named[point] = chosen[point] = name
        return frozenset(chosen.values())

    def _as(self, chosen: frozenset[str]) -> Rulebook:
        treaties, origins = list(self.treaties), {o.key: o for o in self.origins}
        for i, treaty in enumerate(treaties):
            if treaty.contested:
                wanted = frozenset(
                    next((r.id for r in p.readings if r.id in chosen), p.default) for p in treaty.contested
                )
                found = next(
                    (v for v in self.variants if v.treaty.treaty == treaty.treaty and v.readings == wanted), None
                )
                if found is None:
                    raise ValueError(f"{treaty.treaty}: no variant for {sorted(wanted)} (rules built in memory)")
                treaties[i] = found.treaty
                if found.origin is not None:
                    origins[treaty.treaty] = found.origin
        defaults = {p.default for _, p in self.contested().values()}
        update = {
            "treaties": tuple(treaties),
            "origins": tuple(origins.values()),
            "chosen": tuple(sorted(chosen - defaults)),
        }
        return self.model_copy(update=update)

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
        entries = _DERIVED.get(
            ("territories", id(self.geography)), lambda: (self.geography, _territories(self.geography))
        )
        return next((t for t in entries[1].get(code, ()) if (t.start or date.min) <= on < (t.until or date.max)), None)

    def condition_names(self) -> frozenset[str]:
        """The names of the conditions clauses leave to scenarios (``trigger.conditions``)."""
        key = ("conditions", id(self.treaties))
        return _DERIVED.get(key, lambda: (self.treaties, _condition_names(self.treaties)))[1]

    def areas(self) -> dict[str, Area]:
        """Every area by id (one dict per geography, shared: read it, do not change it)."""
        key = ("areas", id(self.geography))
        return _DERIVED.get(key, lambda: (self.geography, {a.id: a for g in self.geography for a in g.areas}))[1]

    def treaty_ids(self) -> frozenset[str]:
        key = ("treaty ids", id(self.treaties))
        return _DERIVED.get(key, lambda: (self.treaties, frozenset(t.treaty for t in self.treaties)))[1]

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


_DERIVED: BoundedCache[tuple[str, int], tuple[Any, Any]] = BoundedCache(64)
"""Indexes derived from a rulebook's treaties or geography, by the identity of the tuple they come
from (kept beside it, so the identity is never reused): rulebooks narrowed or changed by
``model_copy`` share the parts they did not change, and so their indexes."""


def _territories(geography: tuple[Geography, ...]) -> dict[str, tuple[Territory, ...]]:
    """The territory entries by code, in the order of the files (the first that covers a day decides)."""
    found: dict[str, list[Territory]] = {}
    for t in (t for g in geography for t in g.territories):
        found.setdefault(t.code, []).append(t)
    return {code: tuple(entries) for code, entries in found.items()}


def _condition_names(treaties: tuple[Treaty, ...]) -> frozenset[str]:
    return frozenset(
        name
        for t in treaties
        for c in t.clauses
        for v in (c, *c.versions)
        if v.trigger
        for name in v.trigger.conditions
    )
