"""The reference backend: the plan's own meaning, evaluated directly in Python (the oracle)."""

from __future__ import annotations

import threading

from pact.backends import Firing
from pact.plan.compile import Plan
from pact.plan.facts import EventFacts


class ReferenceBackend:
    """Each clause that can apply to an event (``Plan.clauses_for`` its type and victim) decided once:
    ``fired`` and ``possibly_fired`` of the same facts share one pass."""

    name = "reference"

    def __init__(self) -> None:
        self._last = threading.local()  # the engine asks both of the same facts, in turn, per thread

    def fired(self, plan: Plan, facts: tuple[EventFacts, ...]) -> set[Firing]:
        return self._decided(plan, facts)[0]

    def possibly_fired(self, plan: Plan, facts: tuple[EventFacts, ...]) -> set[Firing]:
        return self._decided(plan, facts)[1]

    def _decided(self, plan: Plan, facts: tuple[EventFacts, ...]) -> tuple[set[Firing], set[Firing]]:
        last = getattr(self._last, "value", None)
        if last is not None and last[0] is plan and last[1] is facts:
            return last[2]
        fired, possible = set(), set()
        for f in facts:
            for clause in plan.clauses_for(f.type, f.target):
                status = clause.status(f, plan)
                if status is not False:
                    possible.add((clause.key, f.id))
                    if status:
                        fired.add((clause.key, f.id))
        self._last.value = (plan, facts, (fired, possible))
        return fired, possible
