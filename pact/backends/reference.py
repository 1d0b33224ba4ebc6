"""The reference backend: the plan's own meaning, evaluated directly in Python (the oracle)."""

from __future__ import annotations

from pact.backends import Firing
from pact.plan.compile import Plan
from pact.plan.facts import EventFacts


class ReferenceBackend:
    name = "reference"

    def fired(self, plan: Plan, facts: tuple[EventFacts, ...]) -> set[Firing]:
        return {(c.key, f.id) for f in facts for c in plan.clauses_for(f.type) if c.status(f, plan) is True}

    def possibly_fired(self, plan: Plan, facts: tuple[EventFacts, ...]) -> set[Firing]:
        return {(c.key, f.id) for f in facts for c in plan.clauses_for(f.type) if c.status(f, plan) is not False}
