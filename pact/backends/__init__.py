"""Backends run a compiled plan: for each clause and event, does the clause fire?

Both answer the same question with the same meaning; the durable one through a Rete network,
the reference one in plain Python. Bearers are expanded by the engine, not by backends, so that
a clause fires once per event rather than once per obligated state.

Backends form a registry of factories, so that a new backend is one ``register_backend`` call;
an :class:`~pact.evaluation.engine.Engine` takes either a backend instance or a registered name.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Callable
from typing import Protocol

from pact.core.errors import BackendUnavailable
from pact.plan.compile import Plan
from pact.plan.facts import EventFacts

Firing = tuple[str, str]
"""(clause key, event id): this clause's trigger held for this event."""

AUTO = "auto"
"""The default: durable-rules where it imports, the reference backend elsewhere."""


class Backend(Protocol):
    """Anything that tells which clauses of a plan fire for which events.

    Conditions are three-valued (a fact may be unknown): ``fired`` gives the clauses whose every
    condition holds; ``possibly_fired`` those none of whose conditions fails (a superset: the
    difference is what unknown facts decide).
    """

    name: str

    def fired(self, plan: Plan, facts: tuple[EventFacts, ...]) -> set[Firing]: ...

    def possibly_fired(self, plan: Plan, facts: tuple[EventFacts, ...]) -> set[Firing]: ...


class BackendFallbackWarning(UserWarning):
    """durable-rules could not be imported, so the reference backend runs instead."""


_FACTORIES: dict[str, Callable[[], Backend]] = {}
_FALLBACKS_TOLD: set[str] = set()  # fallback notices already given: one per process, not per engine


def register_backend(name: str, factory: Callable[[], Backend]) -> None:
    """Make ``factory()`` available as the backend called ``name`` (on the CLI: ``--backend NAME``)."""
    _FACTORIES[name] = factory


def backend_names() -> tuple[str, ...]:
    """Every name ``backend_named`` accepts, ``auto`` first."""
    return (AUTO, *_FACTORIES)


def backend_named(name: str = AUTO) -> Backend:
    """A new backend called ``name``; ``auto`` is durable-rules where it imports, else reference.

    Asking for ``durable`` where it cannot import raises ``BackendUnavailable`` (an ImportError);
    ``auto`` warns instead, with a ``BackendFallbackWarning`` given once per process however many
    engines are built.
    """
    if name != AUTO:
        if name not in _FACTORIES:
            raise ValueError(f"unknown backend {name!r}; known: {', '.join(backend_names())}")
        try:
            return _FACTORIES[name]()
        except ImportError as exc:
            message = (
                f"the {name} backend cannot be imported here ({exc}); the reference backend gives the same answers"
            )
            raise BackendUnavailable(message) from exc
    try:
        return _FACTORIES["durable"]()
    except ImportError as exc:
        notice = f"durable-rules is not available here ({exc}); using the reference backend"
        if notice not in _FALLBACKS_TOLD:
            _FALLBACKS_TOLD.add(notice)
            warnings.warn(notice, BackendFallbackWarning, stacklevel=2)
        return _FACTORIES["reference"]()


def _reference() -> Backend:
    from pact.backends.reference import ReferenceBackend

    return ReferenceBackend()


def _durable() -> Backend:
    return importlib.import_module("pact.backends.durable.backend").DurableBackend()


register_backend("durable", _durable)
register_backend("reference", _reference)
