"""The registry of states: who was a state, from when to when, under which code.

One row per state in ``pact/data/states.csv``: ISO 3166-1 alpha-3 codes for today's states, ISO
3166-3 codes for former states that have one (SUN, CSK, DDR, YUG, SCG, VDR, YMD), and pact's own
X-prefixed codes (ISO's user-assigned range) for the rest. ``pact/data/cow.csv`` maps Correlates of
War country codes, and ``pact/data/gw.csv`` Gleditsch & Ward codes, period by period, to these codes;
``to_cow``/``to_gw`` and ``from_cow``/``from_gw`` map each way by date. Sources and decisions: docs/states.md.

Periods follow pact's convention for ``left`` and ``terminated``: a state exists from its ``start``
(None: already sovereign before 1816) up to the day before its ``end``, the first day it is no
longer a state (None: it still is). Dependent territories are not states and have no row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache
from importlib import resources

from pact.core.errors import PactError
from pact.words import Words


class Kind(StrEnum):
    iso3166_1 = "iso3166-1"  # a current ISO 3166-1 alpha-3 code
    iso3166_3 = "iso3166-3"  # the alpha-3 code of a former country in ISO 3166-3
    pact = "pact"  # pact's own code in ISO's user-assigned range X..


@dataclass(frozen=True)
class Interruption:
    """A period in which the state did not exist, its territory being part of another state."""

    start: date
    end: date  # the first day it is a state again
    part_of: str


@dataclass(frozen=True)
class Statehood:
    code: str
    name: str
    kind: Kind
    start: date | None  # None: sovereign before 1816
    end: date | None  # the first day it is no longer a state; None: it still is
    interruptions: tuple[Interruption, ...]
    predecessors: tuple[str, ...]  # the states whose territory it took over at its start
    successors: tuple[str, ...]  # the states that took over its territory at its end
    cow: tuple[int, ...]
    withdrawn_codes: tuple[str, ...]  # ISO 3166-3 codes this code replaced when the state was renamed
    source: str
    notes: str

    def on(self, day: date) -> bool:
        """Whether this was a state on ``day``."""
        return self.absence(day) is None

    def absence(self, day: date) -> Words | None:
        """Why this was not a state on ``day``, as words (``pact.words``); None when it was."""
        if self.start and day < self.start:
            if self.predecessors:
                return Words(
                    "state.not_yet_under",
                    {"state": self.code, "date": day, "start": self.start, "owners": _owners(self.predecessors)},
                )
            return Words("state.not_yet", {"state": self.code, "date": day, "start": self.start})
        if self.end and day >= self.end:
            values = {"state": self.code, "date": day, "period": self.period()}
            if self.successors:
                return Words("state.no_longer_succeeded", values | {"successors": ", ".join(self.successors)})
            return Words("state.no_longer", values)
        gap = next((g for g in self.interruptions if g.start <= day < g.end), None)
        if gap:
            return Words(
                "state.interrupted",
                {"state": self.code, "date": day, "start": gap.start, "end": gap.end, "part_of": gap.part_of},
            )
        return None

    def period(self) -> Words:
        """When this was a state, as words: ``from 1960-08-03``, ``… until it ceased on 1991-12-26``."""
        since = Words("state.from", {"start": self.start}) if self.start else Words("state.from_before_1816")
        return Words("state.ceased", {"since": since, "end": self.end}) if self.end else since


def _owners(codes: tuple[str, ...]) -> Words | str:
    names = list(codes)
    return names[0] if len(names) == 1 else Words("and", {"first": ", ".join(names[:-1]), "last": names[-1]})


class Scheme(StrEnum):
    """How a table names states: by pact's registry codes, or by the numbers of a state-system list."""

    iso = "iso"  # pact's registry codes: ISO 3166 alpha-3, and pact's own X.. codes
    cow = "cow"  # Correlates of War country codes (pact/data/cow.csv)
    gw = "gw"  # Gleditsch & Ward codes (pact/data/gw.csv)


NUMBERED = {Scheme.cow: ("cow.csv", "ccode", "COW country code"), Scheme.gw: ("gw.csv", "gwcode", "G&W code")}
"""Each numbered scheme's file, its number column, and how a message names one of its numbers."""


@dataclass(frozen=True)
class CodePeriod:
    """A COW or G&W number's meaning for a span of days ([start, end), None = open)."""

    number: int
    start: date | None
    end: date | None
    code: str | None  # None: no state in pact's registry for this number in this span
    note: str

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Numbered:
    """A registry state's number in a scheme over [start, end) (None: open); ``number`` None: it has none."""

    start: date | None
    end: date | None
    number: int | None


class CodeError(PactError, LookupError):
    """A COW or G&W number that names no state of pact's registry on a day, or a state with no number on a day."""

    def __init__(self, scheme: Scheme, value: int | str, day: date, reason: str) -> None:
        self.scheme = scheme
        self.value = value
        self.day = day
        self.reason = reason
        what = f"{NUMBERED[scheme][2]} {value}" if isinstance(value, int) else str(value)
        super().__init__(f"{what} on {day}: {reason}")


def _data(name: str) -> Iterator[dict[str, str]]:
    with resources.files("pact").joinpath("data", name).open(encoding="utf-8", newline="") as file:
        yield from csv.DictReader(file)


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _codes(text: str) -> tuple[str, ...]:
    return tuple(text.split(";")) if text else ()


def _interruption(text: str) -> Interruption:
    span, part_of = text.split(":")
    start, end = span.split("..")
    return Interruption(date.fromisoformat(start), date.fromisoformat(end), part_of)


@cache
def registry() -> dict[str, Statehood]:
    """Every state in pact's registry, by code (read once, on first use)."""
    return {
        row["code"]: Statehood(
            code=row["code"],
            name=row["name"],
            kind=Kind(row["kind"]),
            start=_day(row["from"]),
            end=_day(row["to"]),
            interruptions=tuple(_interruption(g) for g in _codes(row["interrupted"])),
            predecessors=_codes(row["predecessors"]),
            successors=_codes(row["successors"]),
            cow=tuple(int(c) for c in _codes(row["cow"])),
            withdrawn_codes=_codes(row["withdrawn_codes"]),
            source=row["source"],
            notes=row["notes"],
        )
        for row in _data("states.csv")
    }


@cache
def periods(scheme: Scheme) -> dict[int, tuple[CodePeriod, ...]]:
    """Each number's periods in a numbered scheme, in the order of its file (``pact/data/cow.csv``, ``gw.csv``)."""
    name, column, _ = NUMBERED[scheme]
    found: dict[int, list[CodePeriod]] = {}
    for row in _data(name):
        number = int(row[column])
        period = CodePeriod(number, _day(row["from"]), _day(row["to"]), row["code"] or None, row["note"])
        found.setdefault(number, []).append(period)
    return {number: tuple(items) for number, items in found.items()}


@cache
def withdrawn() -> dict[str, str]:
    """Each ISO 3166-3 code withdrawn on a renaming, mapped to the code the state has now (HVO -> BFA)."""
    return {old: s.code for s in registry().values() for old in s.withdrawn_codes}


def is_state_code(code: str) -> bool:
    """Whether ``code`` is a state of the registry (at some time); territories are not."""
    return code in registry()


def statehood(code: str) -> Statehood:
    """The statehood of ``code``; KeyError for a code that was never a state."""
    return registry()[code]


def is_state_on(code: str, day: date) -> bool:
    state = registry().get(code)
    return state is not None and state.on(day)


def absence(code: str, day: date, sovereigns: Mapping[str, str]) -> Words | None:
    """Why ``code`` was not a state on ``day`` (``sovereigns``: territories and the state each belongs to)."""
    if code in sovereigns:
        return Words("state.territory_of", {"state": code, "sovereign": sovereigns[code]})
    state = registry().get(code)
    if state is None:
        return Words("state.iso_territory", {"state": code})
    return state.absence(day)


def stand_in(code: str, day: date) -> str | None:
    """The one predecessor (or successor) of ``code`` that was a state on ``day``, to suggest in its place."""
    state = registry().get(code)
    if state is None or state.on(day):
        return None
    near = state.predecessors if state.start and day < state.start else state.successors
    alive = [other for other in near if is_state_on(other, day)]
    return alive[0] if len(alive) == 1 else None


def from_number(scheme: Scheme, number: int, day: date) -> str:
    """The registry code that ``number`` of a numbered scheme stands for on ``day``; ``CodeError`` when none."""
    found = periods(scheme).get(number)
    if found is None:
        raise CodeError(scheme, number, day, f"not a country code pact knows (see pact/data/{NUMBERED[scheme][0]})")
    period = next((p for p in found if p.covers(day)), None)
    if period is None:
        raise CodeError(scheme, number, day, f"pact/data/{NUMBERED[scheme][0]} gives this code no meaning on that day")
    if period.code is None:
        raise CodeError(scheme, number, day, f"no state in pact's registry: {period.note}")
    return period.code


def from_cow(ccode: int, day: date) -> str:
    """The registry code that COW country code ``ccode`` stands for on ``day``."""
    return from_number(Scheme.cow, ccode, day)


def from_gw(gwcode: int, day: date) -> str:
    """The registry code that Gleditsch & Ward code ``gwcode`` stands for on ``day``."""
    return from_number(Scheme.gw, gwcode, day)


@cache
def numbering(scheme: Scheme, code: str) -> tuple[Numbered, ...]:
    """The numbers a registry state has in a numbered scheme, from the first day to the last, as spans that
    cover all time (a span with ``number`` None: none). Where two numbers name the state on one day (COW's 255
    and 260 for Germany after 1990, 710 and 713 for China before 1949), the lower counts: 255, 710."""
    naming = sorted((p for items in periods(scheme).values() for p in items if p.code == code), key=lambda p: p.number)
    days = sorted({d for p in naming for d in (p.start, p.end) if d is not None})
    spans: list[Numbered] = []
    for start, end in zip([None, *days], [*days, None], strict=True):
        probe = start or (end - timedelta(days=1) if end else date.min)
        number = next((p.number for p in naming if p.covers(probe)), None)
        if spans and spans[-1].number == number:
            spans[-1] = Numbered(spans[-1].start, end, number)
        else:
            spans.append(Numbered(start, end, number))
    return tuple(spans)


def number_on(scheme: Scheme, code: str, day: date) -> int | None:
    """``code``'s number in a numbered scheme on ``day``; None when the scheme gives it none."""
    spans = numbering(scheme, code)
    return next(s.number for s in spans if (s.start is None or s.start <= day) and (s.end is None or day < s.end))


def to_number(scheme: Scheme, code: str, day: date) -> int:
    """``code``'s number in a numbered scheme on ``day``; ``CodeError`` when it has none."""
    if code not in registry():
        raise CodeError(scheme, code, day, "not a state in pact's registry (docs/states.md)")
    number = number_on(scheme, code, day)
    if number is None:
        raise CodeError(scheme, code, day, f"no {NUMBERED[scheme][2]} (docs/states.md)")
    return number


def to_cow(code: str, day: date) -> int:
    """The COW country code of registry state ``code`` on ``day`` (Germany: 260 until 1990-10-03, then 255)."""
    return to_number(Scheme.cow, code, day)


def to_gw(code: str, day: date) -> int:
    """The Gleditsch & Ward code of registry state ``code`` on ``day`` (Germany: 260 from 1949 on)."""
    return to_number(Scheme.gw, code, day)
