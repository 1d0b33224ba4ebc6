"""The rules and their one compiled engine, shared by every request, and the work done for them:
each job runs in a worker thread, one at a time (the engine's caches are not made for threads, and
the work is CPU-bound, so a lock costs nothing in throughput), within the time limit."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any, TypeVar

import anyio

from pact.analysis.research import rules_fingerprint
from pact.analysis.timelines import timeline
from pact.core.errors import InputError
from pact.core.locks import fork_safe_lock
from pact.core.states import registry
from pact.evaluation.engine import Engine
from pact.load.loader import load_rules
from pact.model.lexicon import RuleWords
from pact.serve.guard import from_input_error, refuse
from pact.serve.pages import party_states
from pact.serve.settings import Settings

T = TypeVar("T")
TIMELINES = 64
"""Timelines a server keeps, by state, window and attacker."""


class Service:
    """What the server knows: the operator's rules, compiled once, and the limits of a request."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.rulebook = load_rules(*settings.rules, bundled=settings.bundled).read_as(settings.readings)
        self.engine = Engine(self.rulebook, backend=settings.backend)
        self.fingerprint = rules_fingerprint(self.rulebook)
        self.words = RuleWords.of(self.rulebook)  # treaty names and titles for the pages
        self.states = party_states(self.rulebook, {code: s.name for code, s in registry().items()})
        # A state's timeline over decades takes seconds, and is the same for every visitor on one day.
        self.timeline = lru_cache(TIMELINES)(partial(timeline, self.engine))
        self._lock = fork_safe_lock()
        # One job at a time holds the engine (the lock); waiting for it in the event loop, rather than in
        # a pool of blocked threads, keeps one worker thread busy instead of forty, each with its own
        # malloc arena. The lock stays: an abandoned job still runs, and frees the limiter when abandoned.
        self._limiter = anyio.CapacityLimiter(1)

    async def run(self, job: Callable[[], T]) -> T:
        """``job()`` in a worker thread, alone on the engine; bad input it meets is refused (422), and
        a job slower than the limit is abandoned to finish on its own (503)."""
        seconds = self.settings.limits.evaluation_seconds
        try:
            with anyio.fail_after(seconds):
                return await anyio.to_thread.run_sync(self._alone, job, abandon_on_cancel=True, limiter=self._limiter)
        except TimeoutError:
            raise refuse(503, "timeout", "serve.timeout", seconds=seconds) from None
        except InputError as error:
            raise from_input_error(error) from None

    def _alone(self, job: Callable[[], T]) -> T:
        with self._lock:
            return job()


def scenario_hash(data: Any) -> str:
    """A short hash of a scenario's data, for the decision log (the same data, the same hash)."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
