"""Dyad tables in the shapes researchers already use, and what made them.

``dyads`` builds on ``pact.analysis.dyads.dyads``: the stretches in which a directed dyad's
duties do not change are cut where a state's number changes in the scheme asked (``codes``: pact's
own codes, COW or G&W numbers, ``pact.core.states``), then gathered into days, months or years.
Two shapes:

- ``pact``: the dyad table of ``pact dyads`` (``state``, ``toward``, the period, a 0/1 column per
  kind of duty, ``treaties``, ``clauses``), with the states as the scheme numbers them;
- ``peacesciencer``: peacesciencer's dyad-year frame with ``add_atop_alliance()``'s columns:
  ``ccode1, ccode2, year`` (``gwcode1, gwcode2`` for G&W, ``state1, state2`` for pact's codes),
  ``atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul``, then pact's own:
  ``treaties``, ``clauses`` and (COW, G&W) ``state1, state2``, pact's codes behind the numbers.
  ``ccode1`` owes ``ccode2``, as ATOP's directed dyads have it. With ``all_dyads``, every directed
  dyad of the state system each year (the registry's states, ``pact.analysis.baseline.states_on``),
  with zeros where nothing is owed.

Coverage: the days the rules are taken to speak for (default: the window). Dyads are computed only
on covered days of the window; a year the coverage does not wholly hold has missing values (None)
instead of zeros — a duty seen on a covered day of it still counts 1 — so that a year past a rule
set's coverage (ATOP 4.01 ends in 2016) is not read as a year without alliances.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from importlib import metadata
from itertools import groupby
from operator import attrgetter
from typing import Any

from pact.analysis.baseline import statehood_days, states_on
from pact.analysis.dyads import KINDS, Baseline, Dyad, Every
from pact.analysis.dyads import dyads as spans_of
from pact.analysis.sweep import COLUMNS, Grid
from pact.analysis.sweep import sweep as sweep_chunks
from pact.analysis.table import Columns, ColumnType, Table, typed
from pact.core.days import check_window
from pact.core.errors import InputError
from pact.core.states import Scheme, number_on, numbering, periods
from pact.evaluation.engine import Engine
from pact.model import ObligationKind, Rulebook

DISTRIBUTION = "pact-treaties"


class Shape(StrEnum):
    pact = "pact"
    peacesciencer = "peacesciencer"


ATOP_COLUMNS = {
    ObligationKind.defense: "atop_defense",
    ObligationKind.offense: "atop_offense",
    ObligationKind.neutrality: "atop_neutral",
    ObligationKind.non_aggression: "atop_nonagg",
    ObligationKind.consultation: "atop_consul",
}
"""peacesciencer's ``add_atop_alliance()`` column of each kind of duty."""

KEYS = {Scheme.cow: ("ccode1", "ccode2"), Scheme.gw: ("gwcode1", "gwcode2"), Scheme.iso: ("state1", "state2")}
"""The key columns of a peacesciencer-shaped frame, by scheme (peacesciencer's own names for COW and G&W)."""


@dataclass(frozen=True)
class Provenance:
    """What made a table: pact's version, the rules (``rules``: a fingerprint of every treaty and geography
    file's content, whatever the files are called), and what was asked."""

    pact: str
    rules: str
    treaties: tuple[str, ...]
    asked: Mapping[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"pact": self.pact, "rules": self.rules, "treaties": list(self.treaties), **self.asked}


def provenance(rulebook: Rulebook, asked: Mapping[str, Any]) -> Provenance:
    return Provenance(
        pact_version(), rules_fingerprint(rulebook), tuple(sorted(t.treaty for t in rulebook.treaties)), asked
    )


def rules_fingerprint(rulebook: Rulebook) -> str:
    """``sha256:`` and the hash of the rules' content as canonical JSON: the same for the same rules wherever
    they are read from; any change to a treaty or geography file's meaning changes it."""
    content = {
        "treaties": sorted((t.model_dump(mode="json") for t in rulebook.treaties), key=lambda t: t["treaty"]),
        "geography": [g.model_dump(mode="json") for g in rulebook.geography],
    }
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def pact_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown (not installed: run from a source tree)"


@dataclass(frozen=True)
class Coded:
    """A stretch [start, until) in which ``first`` owes ``second`` the same duties, named in a scheme; ``states``:
    pact's codes behind the two numbers."""

    first: int | str
    second: int | str
    start: date
    until: date
    kinds: frozenset[ObligationKind]
    clauses: frozenset[str]
    states: tuple[str, str]


@dataclass(frozen=True)
class Request:
    """What a dyad table asks for (see the module's docstring); checked when made."""

    start: date
    end: date
    every: Every = Every.change
    baseline: Baseline = field(default_factory=Baseline)
    codes: Scheme = Scheme.iso
    shape: Shape = Shape.pact
    all_dyads: bool = False
    coverage: tuple[date, date] | None = None

    def __post_init__(self) -> None:
        check_window(self.start, self.end)
        if self.shape is Shape.peacesciencer and self.every is not Every.year:
            raise InputError("peacesciencer's frame is a dyad-year frame: use --every year", field="every")
        if self.all_dyads and self.shape is not Shape.peacesciencer:
            message = "every dyad of the state system is written in peacesciencer's shape only"
            raise InputError(message, field="all-dyads")
        if self.coverage and self.coverage[1] <= self.coverage[0]:
            message = f"the coverage ends ({self.coverage[1]}) before it starts ({self.coverage[0]})"
            raise InputError(message, field="coverage")

    @property
    def covered(self) -> tuple[date, date] | None:
        """The days of the window the rules speak for (the coverage within the window), or None when none."""
        first, until = self.coverage or (self.start, self.end)
        first, until = max(first, self.start), min(until, self.end)
        return (first, until) if first < until else None

    def asked(self) -> dict[str, Any]:
        """The request, as provenance says it."""
        covered = self.covered
        return {
            "command": "dyads",
            "from": self.start,
            "to": self.end,
            "every": self.every.value,
            "codes": self.codes.value,
            "shape": self.shape.value,
            "all_dyads": self.all_dyads,
            "coverage": {"from": covered[0], "to": covered[1]} if covered else None,
            "baseline": _baseline(self.baseline),
        }


def dyads(
    engine: Engine,
    start: date,
    end: date,
    every: Every | str = Every.change,
    baseline: Baseline | None = None,
    *,
    codes: Scheme | str = Scheme.iso,
    shape: Shape | str = Shape.pact,
    all_dyads: bool = False,
    coverage: tuple[date, date] | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> Table:
    """The dyad table of [start, end) in the shape and scheme asked (see the module's docstring); the names of
    ``every``, ``codes`` and ``shape`` are taken as well as their values."""
    request = Request(
        start, end, Every(every), baseline or Baseline(), Scheme(codes), Shape(shape), all_dyads, coverage
    )
    covered = request.covered
    spans = spans_of(engine, *covered, Every.change, request.baseline, progress) if covered else ()
    return table(engine, request, spans)


def table(engine: Engine, request: Request, spans: Iterable[Dyad]) -> Table:
    """The table ``request`` asks for, from the dyads of its covered days (``pact.analysis.dyads.dyads`` over
    ``request.covered``, stretch by stretch: ``Every.change``)."""
    unnumbered: set[str] = set()
    coded = sorted(_coded(spans, request.codes, unnumbered), key=lambda c: (c.first, c.second, c.start))
    if request.shape is Shape.pact:
        columns, rows = _pact_shape(coded, request)
    else:
        system = _system(engine, request, unnumbered) if request.all_dyads else {}
        columns, rows = _peacesciencer(coded, system, request)
    notes = (_unnumbered_note(unnumbered, request.codes),) if unnumbered else ()
    return Table(columns, rows, provenance(engine.rulebook, request.asked()).as_dict(), notes)


def _baseline(baseline: Baseline) -> dict[str, Any]:
    found = asdict(baseline)
    found["events"] = [e.value for e in baseline.events]
    found["requested"] = list(baseline.requested)
    found["attacker"] = baseline.attacker.value
    return found


def _names(code: str, scheme: Scheme) -> Iterator[tuple[date | None, date | None, int | str | None]]:
    """A registry state's names in a scheme over time: spans (start, end, name), None where it has none."""
    if scheme is Scheme.iso:
        yield None, None, code
    else:
        yield from ((n.start, n.end, n.number) for n in numbering(scheme, code))


def _coded(spans: Iterable[Dyad], scheme: Scheme, unnumbered: set[str]) -> Iterator[Coded]:
    """Each span cut where either state's number changes; the pieces of a state without a number are left
    out (and named in ``unnumbered``)."""
    for span in spans:
        for one, a, b in _pieces(span.start, span.until, _names(span.state, scheme)):
            for other, c, d in _pieces(a, b, _names(span.toward, scheme)):
                if one is None or other is None:
                    unnumbered.update(s for s, n in ((span.state, one), (span.toward, other)) if n is None)
                    continue
                yield Coded(one, other, c, d, span.kinds, frozenset(span.clauses), (span.state, span.toward))


def _pieces(
    start: date, until: date, names: Iterable[tuple[date | None, date | None, int | str | None]]
) -> Iterator[tuple[int | str | None, date, date]]:
    """The parts of [start, until) each name covers."""
    for first, end, name in names:
        a, b = max(start, first or date.min), min(until, end or date.max)
        if a < b:
            yield name, a, b


# --- steps: days, months, years ----------------------------------------------------------------


def _steps_of(start: date, until: date, every: Every) -> range:
    """The steps [start, until) meets, numbered: the year, the month counted from year 0, or the day's ordinal."""
    last = until - timedelta(days=1)
    if every is Every.year:
        return range(start.year, last.year + 1)
    if every is Every.month:
        return range(start.year * 12 + start.month - 1, last.year * 12 + last.month)
    return range(start.toordinal(), until.toordinal())


@dataclass(slots=True)
class _Step:
    """What a dyad owes on some day of one step: the stretches that meet it (most steps meet one, whose sets
    are then used as they are)."""

    spans: list[Coded] = field(default_factory=list)

    @property
    def kinds(self) -> frozenset[ObligationKind]:
        return self.spans[0].kinds if len(self.spans) == 1 else frozenset().union(*(s.kinds for s in self.spans))

    @property
    def clauses(self) -> frozenset[str]:
        return self.spans[0].clauses if len(self.spans) == 1 else frozenset().union(*(s.clauses for s in self.spans))

    @property
    def states(self) -> tuple[set[str], set[str]]:
        return {s.states[0] for s in self.spans}, {s.states[1] for s in self.spans}


def _named(clauses: Iterable[str]) -> tuple[str, str]:
    """The ``treaties`` and ``clauses`` cells: the treaties behind the clauses, and the clauses, ``;``-joined."""
    named = sorted(clauses)
    return ";".join(sorted({c.split("/", 1)[0] for c in named})), ";".join(named)


def _flags(kinds: frozenset[ObligationKind]) -> tuple[int, ...]:
    return tuple(int(k in kinds) for k in KINDS)


def _steps(coded: list[Coded], every: Every) -> Iterator[tuple[Any, Any, int, _Step]]:
    """The stretches gathered into steps (numbered as ``_steps_of`` does), in the order of (first, second, step);
    ``coded`` is in the order of (first, second, start). One dyad's steps are held at a time."""
    for (first, second), spans in groupby(coded, key=attrgetter("first", "second")):
        steps: dict[int, _Step] = {}
        for span in spans:
            for step in _steps_of(span.start, span.until, every):
                found = steps.get(step)
                if found is None:
                    steps[step] = _Step([span])
                else:
                    found.spans.append(span)
        for step in sorted(steps):
            yield first, second, step, steps[step]


# --- pact's shape ------------------------------------------------------------------------------

PERIOD: dict[Every, Columns] = {
    Every.change: (("from", ColumnType.date), ("to", ColumnType.date)),
    Every.year: (("year", ColumnType.integer),),
    Every.month: (("month", ColumnType.category),),
    Every.day: (("date", ColumnType.date),),
}


def _pact_shape(coded: list[Coded], request: Request) -> tuple[Columns, list[tuple]]:
    every = request.every
    code = ColumnType.category if request.codes is Scheme.iso else ColumnType.integer
    columns: Columns = (
        ("state", code),
        ("toward", code),
        *PERIOD[every],
        *((k.value, ColumnType.flag) for k in KINDS),
        ("treaties", ColumnType.text),
        ("clauses", ColumnType.text),
    )
    # a row's last cells (flags, treaties, clauses) by its kinds and clauses: a few thousand sets over many rows
    tails: dict[tuple[frozenset[ObligationKind], frozenset[str]], tuple] = {}

    def row(
        first: Any, second: Any, period: tuple[Any, ...], kinds: frozenset[ObligationKind], clauses: frozenset[str]
    ) -> tuple:
        tail = tails.get((kinds, clauses))
        if tail is None:
            tail = tails[kinds, clauses] = (*_flags(kinds), *_named(clauses))
        return (first, second, *period, *tail)

    if every is Every.change:
        return columns, [row(c.first, c.second, (c.start, c.until), c.kinds, c.clauses) for c in coded]
    steps = _steps(coded, every)
    return columns, [row(first, second, _period(step, every), s.kinds, s.clauses) for first, second, step, s in steps]


def _period(step: int, every: Every) -> tuple[Any, ...]:
    if every is Every.year:
        return (step,)
    if every is Every.month:
        return (f"{step // 12:04d}-{step % 12 + 1:02d}",)
    return (date.fromordinal(step),)


# --- peacesciencer's shape ---------------------------------------------------------------------


def _peacesciencer(
    coded: list[Coded], system: Mapping[int, Mapping[Any, set[str]]], request: Request
) -> tuple[Columns, list[tuple]]:
    scheme, covered = request.codes, request.covered
    key = ColumnType.category if scheme is Scheme.iso else ColumnType.integer
    extras: Columns = () if scheme is Scheme.iso else (("state1", ColumnType.category), ("state2", ColumnType.category))
    columns: Columns = (
        (KEYS[scheme][0], key),
        (KEYS[scheme][1], key),
        ("year", ColumnType.integer),
        *((ATOP_COLUMNS[k], ColumnType.flag) for k in KINDS),
        ("treaties", ColumnType.text),
        ("clauses", ColumnType.text),
        *extras,
    )
    held = {(a, b, year): s for a, b, year, s in _steps(coded, Every.year)}
    keys = set(held)
    for year, numbers in system.items():
        keys |= {(a, b, year) for a in numbers for b in numbers if a != b}
    rows = []
    for a, b, year in sorted(keys):
        seen = _observed(year, covered)
        step = held.get((a, b, year))
        behind = _behind(system.get(year, {}), a, b, step) if extras else ()
        rows.append((a, b, year, *_atop_flags(step, seen), *_atop_reasons(step, seen), *behind))
    return columns, rows


def _behind(system: Mapping[Any, set[str]], a: Any, b: Any, step: _Step | None) -> tuple[str, str]:
    """The registry's codes behind a dyad's two numbers that year (the state system's, else the duties')."""
    seen = step.states if step else (set(), set())
    return ";".join(sorted(system.get(a) or seen[0])), ";".join(sorted(system.get(b) or seen[1]))


def _observed(year: int, covered: tuple[date, date] | None) -> bool | None:
    """True: every day of the year was looked at (in the window and covered); None: some were; False: none."""
    first, until = date(year, 1, 1), date(year + 1, 1, 1)
    if covered is None or covered[1] <= first or until <= covered[0]:
        return False
    return True if covered[0] <= first and until <= covered[1] else None


def _atop_flags(step: _Step | None, seen: bool | None) -> tuple[int | None, ...]:
    """1 where a duty was seen; 0 where none was, over a wholly observed year; else missing."""
    kinds = step.kinds if step else set()
    return tuple(1 if k in kinds else (0 if seen else None) for k in KINDS)


def _atop_reasons(step: _Step | None, seen: bool | None) -> tuple[str | None, str | None]:
    if step:
        return _named(step.clauses)
    return ("", "") if seen else (None, None)


def _system(engine: Engine, request: Request, unnumbered: set[str]) -> dict[int, dict[Any, set[str]]]:
    """Each year's state system, as the scheme numbers it: every state of the registry that existed on some
    day of the year within the window, with pact's codes behind each number."""
    start, end, scheme = request.start, request.end, request.codes
    edges = set(statehood_days())
    if scheme is not Scheme.iso:
        edges |= {d.toordinal() for ps in periods(scheme).values() for p in ps for d in (p.start, p.end) if d}
    inside = [date.fromordinal(d) for d in sorted(edges) if start.toordinal() < d < end.toordinal()]
    system: dict[int, dict[Any, set[str]]] = {}
    for day in [start, *inside, *(date(y, 1, 1) for y in range(start.year + 1, end.year + 1) if date(y, 1, 1) < end)]:
        found = system.setdefault(day.year, {})
        for code in states_on(engine, day):
            number = code if scheme is Scheme.iso else number_on(scheme, code, day)
            if number is None:
                unnumbered.add(code)
            else:
                found.setdefault(number, set()).add(code)
    return system


def _unnumbered_note(codes: set[str], scheme: Scheme) -> str:
    return f"no {scheme.value.upper()} number, so not in the table: {', '.join(sorted(codes))} (docs/states.md)"


# --- sweeps ------------------------------------------------------------------------------------

SWEEP_CATEGORIES = ("type", "target", "by", "record", "state", "treaty", "clause", "kind", "means", "toward", "against")
"""The columns of a sweep's table that hold few distinct values (codes, ids, kinds)."""
SWEEP_COLUMNS = typed(COLUMNS, SWEEP_CATEGORIES)


def sweep(engine: Engine, grid: Grid, executor: Executor | None = None) -> Table:
    """The grid's scenarios evaluated (``pact.analysis.sweep.sweep``), as one table."""
    rows = [tuple(row) for done in sweep_chunks(engine, grid, executor) for row in done.rows]
    return Table(SWEEP_COLUMNS, rows, provenance(engine.rulebook, sweep_asked(grid)).as_dict())


def sweep_asked(grid: Grid) -> dict[str, Any]:
    """A sweep's grid, as provenance says it."""
    return {
        "command": "sweep",
        "from": grid.start,
        "to": grid.end,
        "every": grid.step.value,
        "targets": grid.targets if isinstance(grid.targets, str) else list(grid.targets),
        "by": grid.by if isinstance(grid.by, str) else list(grid.by),
        "types": [t.value for t in grid.types],
    }
