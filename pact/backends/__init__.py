"""Backends run a compiled plan: for each clause and event, does the clause fire?

Both answer the same question with the same meaning; the durable one through a Rete network,
the reference one in plain Python. Bearers are expanded by the engine, not by backends, so that
a clause fires once per event rather than once per obligated state.
"""

from __future__ import annotations

import warnings
from functools import cache
from typing import Literal, Protocol

from pact.compile import EventFacts, Plan

Firing = tuple[str, str]
"""(clause key, event id): this clause's trigger held for this event."""

BackendName = Literal["auto", "durable", "reference"]


class Backend(Protocol):
    name: str

    def fired(self, plan: Plan, facts: tuple[EventFacts, ...]) -> set[Firing]: ...


class BackendFallbackWarning(UserWarning):
    """durable-rules could not be imported, so the reference backend runs instead."""


class ReferenceBackend:
    """The oracle: the plan's own meaning, evaluated directly."""

    name = "reference"

    def fired(self, plan: Plan, facts: tuple[EventFacts, ...]) -> set[Firing]:
        return {(c.key, f.id) for f in facts for c in plan.clauses if c.fires(f, plan)}


@cache
def get_backend(name: BackendName = "auto") -> Backend:
    """The backend called ``name``; ``auto`` is durable-rules where it imports, else reference.

    Cached, so the fallback warning is given once per process.
    """
    if name == "reference":
        return ReferenceBackend()
    try:
        from pact.backends.durable import DurableBackend
    except ImportError as exc:
        if name == "durable":
            raise
        warnings.warn(
            f"durable-rules is not available here ({exc}); using the reference backend",
            BackendFallbackWarning,
            stacklevel=2,
        )
        return ReferenceBackend()
    return DurableBackend()
