"""Many scenarios on one compiled rulebook: in this process, or spread over any ``Executor``.

``evaluate_many(engine, scenarios)`` is the entry point (``pact.evaluate_many``). With an executor
(a ``ProcessPoolExecutor``, or a Dask cluster through ``distributed.Client(...).get_executor()``),
scenarios travel in chunks, a bounded number of chunks at a time, and results come back in the
order the scenarios were given. The engine travels as its rules, pickled once; each worker process
compiles them once and keeps the engine for every later chunk (``worker_engine``), so the cost of
a chunk is its scenarios.
"""

from __future__ import annotations

import hashlib
import itertools
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from functools import cached_property
from typing import TypeVar

from pact.core.collector import relaxed_gc
from pact.evaluation.engine import Engine
from pact.model import Rulebook, Scenario
from pact.model.result import Result

CHUNK = 500
"""Scenarios per task sent to an executor."""
IN_FLIGHT = 8
"""Tasks submitted ahead of the one whose results are awaited: bounds memory, keeps workers busy."""

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class EngineRecipe:
    """What a worker needs to rebuild an engine: its rules, pickled once, and its backend's name."""

    rules: bytes
    backend: str

    @classmethod
    def of(cls, engine: Engine) -> EngineRecipe:
        return cls(pickle.dumps(engine.rulebook, protocol=pickle.HIGHEST_PROTOCOL), engine.backend.name)

    @cached_property
    def key(self) -> str:
        return hashlib.sha256(self.rules).hexdigest() + "/" + self.backend


_ENGINES: dict[str, Engine] = {}
"""The engines a worker process has built, by recipe: one per rule set, however many chunks."""


def worker_engine(recipe: EngineRecipe) -> Engine:
    """The engine a recipe describes, built once per process."""
    engine = _ENGINES.get(recipe.key)
    if engine is None:
        rules: Rulebook = pickle.loads(recipe.rules)
        engine = _ENGINES[recipe.key] = Engine(rules, backend=recipe.backend)
    return engine


def _evaluate_chunk(recipe: EngineRecipe, scenarios: list[Scenario], full: bool) -> list[Result]:
    engine = worker_engine(recipe)
    return [engine.evaluate(s, full=full) for s in scenarios]


def evaluate_many(
    engine: Engine, scenarios: Iterable[Scenario], *, full: bool = False, executor: Executor | None = None
) -> Iterator[Result]:
    """Evaluate scenarios in order, one result each, as they come (lean unless ``full``).

    ``executor``: anything with the ``concurrent.futures.Executor`` interface (a process pool,
    ``distributed.Client(...).get_executor()``) to spread the work; scenarios travel in chunks
    and each worker process compiles the rules once.
    """
    if executor is None:
        with relaxed_gc():
            for scenario in scenarios:
                yield engine.evaluate(scenario, full=full)
        return
    recipe = EngineRecipe.of(engine)
    calls = ((recipe, chunk, full) for chunk in chunks(scenarios, CHUNK))
    for results in in_order(executor, _evaluate_chunk, calls):
        yield from results


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def in_order(executor: Executor, work: Callable[..., R], calls: Iterable[tuple], ahead: int = IN_FLIGHT) -> Iterator[R]:
    """``work(*arguments)`` for each tuple of arguments, on the executor, at most ``ahead`` pending;
    answers in order. Pending calls are cancelled when the caller stops early (Ctrl-C, an error)."""
    pending: deque[Future[R]] = deque()
    try:
        for arguments in calls:
            pending.append(executor.submit(work, *arguments))
            if len(pending) >= ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()
