"""What every analysis over time assumes, defined once: which states exist on a day, who the default
attacker is, the days on which answers can change, and the rules a set of treaties depends on.

``pact dyads``, ``pact sweep`` and ``pact timeline`` ask the same kind of question — a state is
attacked on its territory on a day — of many states and days; they name the same attacker for the
same target and day (``bystander``) and cut time at the same days (``cut_days``), so that their
tables agree (tests/test_baseline.py).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from datetime import date
from functools import cache

from pact.core.states import registry
from pact.evaluation.engine import Engine
from pact.model import Rulebook
from pact.plan.compile import Plan


def states_on(engine: Engine, day: date) -> list[str]:
    """The codes that are states on ``day`` (and that the rules do not list as a territory then), sorted.

    Worked out once per stretch of days in which neither the registry nor the rules' territories change.
    """
    rules, plan, when = engine.rulebook, engine.plan, day.toordinal()
    listed = plan.memo("territory days", 1).get(plan.fingerprint, lambda: _territory_days(rules))
    return plan.memo("states", 10_000).get(
        (plan.fingerprint, bisect.bisect_right(statehood_days(), when), bisect.bisect_right(listed, when)),
        lambda: [c for c, s in sorted(registry().items()) if s.on(day) and rules.territory(c, day) is None],
    )


def _territory_days(rules: Rulebook) -> tuple[int, ...]:
    """The days on which the rules start or stop listing some place as a territory, sorted."""
    spans = (d for g in rules.geography for t in g.territories for d in (t.start, t.until) if d is not None)
    return tuple(sorted({d.toordinal() for d in spans}))


def bystander(plan: Plan, target: str, day: date, states: Sequence[str]) -> str | None:
    """The default attacker of ``target`` on ``day``: the first of ``states`` (the sorted codes of the
    states on the day) that is a party that day of no treaty in the rules; failing that, of none of
    ``target``'s treaties; None when every state is a party of one of them."""
    return _bystander(plan, target, day, states, _free(plan, day, states))


def bystanders(plan: Plan, day: date, states: Sequence[str]) -> dict[str, str | None]:
    """``bystander`` of each of ``states`` on ``day``, worked out together."""
    free = _free(plan, day, states)
    if len(free) == 2:  # the usual case: the first free state, or the second for the first itself
        first, second = free
        return {target: first for target in states} | {first: second}
    return {target: _bystander(plan, target, day, states, free) for target in states}


def _free(plan: Plan, day: date, states: Sequence[str]) -> tuple[str, ...]:
    return plan.memo("bystanders", 10_000).get((*_stretch(plan, day), len(states)), lambda: _unbound(plan, day, states))


def _bystander(plan: Plan, target: str, day: date, states: Sequence[str], free: tuple[str, ...]) -> str | None:
    found = next((s for s in free if s != target), None)
    if found is not None:
        return found
    when = day.toordinal()
    mine = [t for t in plan.treaties_of(target) if plan.standing(t, target, when)]
    return next((s for s in states if s != target and not any(plan.standing(t, s, when) for t in mine)), None)


def _unbound(plan: Plan, day: date, states: Sequence[str]) -> tuple[str, ...]:
    """The first two states bound by no treaty on the day (the second for when the first is the target)."""
    when = day.toordinal()
    unbound = (s for s in states if not any(plan.standing(t, s, when) for t in plan.treaties_of(s)))
    return tuple(itertools.islice(unbound, 2))


def cut_days(plan: Plan, start: date, end: date) -> list[date]:
    """The days inside (start, end) on which a rule, or the set of states, changes, sorted."""
    days = set(plan.change_days) | set(statehood_days())
    return [date.fromordinal(d) for d in sorted(days) if start.toordinal() < d < end.toordinal()]


def _stretch(plan: Plan, day: date) -> tuple[str, int, int]:
    """Identifies the stretch of days around ``day`` in which neither the registry nor the rules change."""
    when = day.toordinal()
    return (plan.fingerprint, bisect.bisect_right(statehood_days(), when), plan.period_of(when))


@cache
def statehood_days() -> tuple[int, ...]:
    """Every day on which some state of the registry comes into or goes out of existence."""
    return tuple(sorted({d for code in registry() for d in statehood_of(code)}))


def statehood_of(code: str) -> frozenset[int]:
    """The days on which ``code`` comes into or goes out of existence as a state (none if unknown)."""
    state = registry().get(code)
    if state is None:
        return frozenset()
    days = {d.toordinal() for d in (state.start, state.end) if d is not None}
    days |= {d.toordinal() for gap in state.interruptions for d in (gap.start, gap.end)}
    return frozenset(days)


def first_day(state: str) -> date | None:
    """The day ``state`` first existed, by the registry (None for a code it does not know)."""
    found = registry().get(state)
    return found.start if found is not None else None
