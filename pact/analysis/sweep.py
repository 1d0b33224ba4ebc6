"""Scenario grids: targets × attackers × event types × dates, each point one scenario of one event.

A grid is plain data (``Grid``) so that it travels to worker processes as it is: each worker
enumerates the points of the days it is given and evaluates them on its own engine (built once
per process, ``pact.evaluation.batch.worker_engine``), so no scenario is pickled. The engine keeps lean
answers per change period, so a day-by-day sweep costs about the number of rule changes times
the points per day, plus the building of each scenario and row.

Points, per day: each target (``all``: every state that day; ``parties:TREATY``: the treaty's
parties that day; or the codes listed, on the days they are states) × each attacker (``none``:
no attacking state; ``non-party``: the bystander of ``pact.analysis.baseline``; or each code
listed, on the days it is a state and is not the target) × each event type. Each point's target
is attacked on its territory and asks nobody for help.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from pact.analysis.baseline import bystander, states_on
from pact.core.cache import BoundedCache
from pact.core.days import check_window
from pact.core.errors import InputError
from pact.core.states import is_state_code
from pact.evaluation.batch import EngineRecipe, evaluate_many, in_order, worker_engine
from pact.evaluation.engine import Engine
from pact.model import Event, EventType, Scenario
from pact.model.result import Result

NONE, NON_PARTY, ALL, PARTIES = "none", "non-party", "all", "parties:"
POINTS_PER_TASK = 2_000
"""About how many scenarios one task sent to an executor holds."""


class Interval(StrEnum):
    day = "1d"
    month = "1m"
    year = "1y"


@dataclass(frozen=True)
class Grid:
    """Which scenarios a sweep evaluates (see the module's docstring)."""

    start: date
    end: date  # exclusive
    step: Interval = Interval.day
    targets: str | tuple[str, ...] = ALL  # ALL, "parties:TREATY", or codes
    by: str | tuple[str, ...] = NON_PARTY  # NONE, NON_PARTY, or codes
    types: tuple[EventType, ...] = (EventType.armed_attack,)

    def days(self) -> list[date]:
        """The days of the window, one per step, counted from ``start`` (31 Jan + 1m = 28/29 Feb)."""
        found: list[date] = []
        while (day := _shifted(self.start, len(found), self.step)) < self.end:
            found.append(day)
        return found


@dataclass(frozen=True, slots=True)
class GridPoint:
    day: date
    type: EventType
    target: str
    by: str | None  # None: no attacking state

    @property
    def id(self) -> str:
        return f"{self.day.isoformat()}-{self.type.value}-{self.target}-{self.by or NONE}"


class Row(NamedTuple):
    """One duty (``record``: obligation or undetermined) or conflict of one point, flat: a tuple, so
    that it travels between processes and into a table cheaply."""

    date: date
    type: str
    target: str
    by: str
    record: str
    state: str
    treaty: str
    clause: str
    article: str
    kind: str
    means: str
    toward: str
    against: str


COLUMNS: dict[str, type] = {name: date if name == "date" else str for name in Row._fields}
"""The columns of a sweep's table, with their types."""


def check_grid(engine: Engine, grid: Grid) -> None:
    """Refuse an empty window, an unknown treaty, or a code that is no state at any time."""
    check_window(grid.start, grid.end)
    if isinstance(grid.targets, str) and grid.targets.startswith(PARTIES):
        treaty = grid.targets.removeprefix(PARTIES)
        if treaty not in engine.plan.treaties:
            raise InputError(f"unknown treaty {treaty!r}", field="targets")
    for field, codes in (("targets", grid.targets), ("by", grid.by)):
        for code in codes if isinstance(codes, tuple) else ():
            if not is_state_code(code):
                raise InputError(f"{code!r} is not a state in pact's registry (docs/states.md)", field=field)


def points_on(engine: Engine, grid: Grid, day: date) -> list[GridPoint]:
    """The grid's points on one day, in a fixed order: target, attacker, event type."""
    states = states_on(engine, day)
    existing = set(states)
    found = []
    for target in _targets(engine, grid, day, states):
        if grid.by == NONE:
            attackers: list[str | None] = [None]
        elif grid.by == NON_PARTY:
            attackers = [bystander(engine.plan, target, day, states)]
        else:
            attackers = [s for s in grid.by if s in existing and s != target]
        found += [GridPoint(day, kind, target, by) for by in attackers for kind in grid.types]
    return found


def _targets(engine: Engine, grid: Grid, day: date, states: list[str]) -> list[str]:
    if grid.targets == ALL:
        return states
    existing = set(states)
    if isinstance(grid.targets, str):
        plan, when, treaty = engine.plan, day.toordinal(), grid.targets.removeprefix(PARTIES)
        return [s for s in plan.members_ever(treaty) if s in existing and plan.standing(treaty, s, when)]
    return [s for s in grid.targets if s in existing]


def count(engine: Engine, grid: Grid) -> int:
    """How many scenarios the grid holds (without choosing each point's attacker)."""
    total = 0
    for day in grid.days():
        states = states_on(engine, day)
        targets = _targets(engine, grid, day, states)
        if isinstance(grid.by, tuple):
            listed = [s for s in grid.by if s in set(states)]
            total += sum(len(listed) - (t in listed) for t in targets) * len(grid.types)
        else:
            total += len(targets) * len(grid.types)
    return total


def scenario(point: GridPoint) -> Scenario:
    """The point as a scenario. Its values are codes and types already checked, so it is built
    without validating them again; the engine still checks it against the rules and the registry."""
    template = _TEMPLATES.get((point.type, point.target, point.by), lambda: _template(point))
    return template.model_copy(update={"scenario": point.id, "date": point.day})


def _template(point: GridPoint) -> Scenario:
    by = (point.by,) if point.by else ()
    event = Event.model_construct(id="e1", type=point.type, target=point.target, by=by)
    return Scenario.model_construct(scenario="", date=point.day, events=(event,))


_TEMPLATES: BoundedCache[tuple[EventType, str, str | None], Scenario] = BoundedCache(100_000)
"""One scenario per (type, target, attacker), copied for each day: building one costs ten copies.
Held by the process, as ``batch``'s engines are: each worker builds its own points' scenarios."""


def rows(point: GridPoint, result: Result) -> list[Row]:
    """The lean result of one point as flat rows: its duties, undetermined duties and conflicts."""
    by = point.by or ""
    head = (point.day, point.type.value, point.target, by)
    # kinds and means are StrEnums: already their text (``.value`` would cost a descriptor call each)
    found = [
        Row(*head, "obligation", o.state, o.treaty, o.clause, o.article, o.kind, o.means, o.toward, "")
        for o in result.obligations
    ]
    found += [
        Row(*head, "undetermined", u.state, u.treaty, u.clause, u.article, u.kind, u.means, u.toward, "")
        for u in result.undetermined
    ]
    found += [Row(*head, "conflict", c.state, "", "", "", "", "", c.toward, c.against) for c in result.conflicts]
    return found


@dataclass(frozen=True)
class Done:
    """A stretch of the sweep: how many scenarios it evaluated, and their rows (or, when the sweep was
    given an ``encode``, the rows encoded, and how many there were)."""

    scenarios: int
    rows: list[Row]
    encoded: object = None
    count: int = 0


Encode = Callable[[list[Row]], object]


def _days_task(engine: Engine, grid: Grid, days: list[date], encode: Encode | None = None) -> Done:
    points = [p for day in days for p in points_on(engine, grid, day)]
    results = evaluate_many(engine, (scenario(p) for p in points))
    found = [row for p, r in zip(points, results, strict=True) for row in rows(p, r)]
    if encode is None:
        return Done(len(points), found, count=len(found))
    return Done(len(points), [], encode(found), len(found))


def _remote_task(recipe: EngineRecipe, grid: Grid, days: list[date], encode: Encode | None) -> Done:
    return _days_task(worker_engine(recipe), grid, days, encode)


def sweep(engine: Engine, grid: Grid, executor: Executor | None = None, encode: Encode | None = None) -> Iterator[Done]:
    """The grid's scenarios evaluated in order, a stretch of days at a time.

    ``executor``: any ``concurrent.futures.Executor`` (a process pool, a Dask cluster's
    ``Client.get_executor()``); each task is a stretch of days, enumerated by the worker.
    ``encode`` (picklable, e.g. a ``pact.io.tables.Encoder``): each stretch's rows are encoded where
    they are computed, so that workers send one string or table instead of many rows.
    """
    check_grid(engine, grid)
    tasks = _stretches(grid.days(), lambda day: len(points_on(engine, grid, day)))
    if executor is None:
        for days in tasks:
            yield _days_task(engine, grid, days, encode)
        return
    recipe = EngineRecipe.of(engine)
    yield from in_order(executor, _remote_task, ((recipe, grid, days, encode) for days in tasks))


def _stretches(days: list[date], size: Callable[[date], int]) -> Iterator[list[date]]:
    """Consecutive days holding about ``POINTS_PER_TASK`` points each (the points of a day are
    counted on its first day of each month only: their number changes slowly)."""
    per_day = 1
    stretch: list[date] = []
    for day in days:
        if not stretch or day.day == 1:
            per_day = max(size(day), 1)
        stretch.append(day)
        if len(stretch) * per_day >= POINTS_PER_TASK:
            yield stretch
            stretch = []
    if stretch:
        yield stretch


def _shifted(start: date, steps: int, step: Interval) -> date:
    if step is Interval.day:
        return date.fromordinal(start.toordinal() + steps)
    months = steps * (12 if step is Interval.year else 1) + start.month - 1
    year, month = start.year + months // 12, months % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))
