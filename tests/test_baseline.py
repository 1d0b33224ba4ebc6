"""The analyses over time share one baseline: the same states on a day, the same default attacker,
so ``pact timeline`` and ``pact dyads`` tell the same duties on every day the rules change."""

from __future__ import annotations

from datetime import date

import pytest

import pact
from pact.analysis.baseline import bystander, states_on
from pact.analysis.dyads import Baseline, Every, dyads
from pact.analysis.timelines import timeline
from pact.model import EventType, ObligationKind

START, END = date(1990, 1, 1), date(2026, 1, 1)
ASKED_OF_THE_VICTIM = frozenset(ObligationKind) - {ObligationKind.non_aggression}
"""A timeline asks only what is owed when a state is attacked by a bystander; dyads also ask the
attacking parties' pledges to refrain from force, so those are left out of the comparison."""


@pytest.fixture(scope="module")
def engine() -> pact.Engine:
    return pact.Engine(pact.load_rules(), backend="reference")


@pytest.fixture(scope="module")
def table(engine: pact.Engine) -> list:
    return list(dyads(engine, START, END, Every.change, Baseline(requested=("ALL",))))


def _from_dyads(table: list, state: str, day: date) -> dict[tuple[str, str], frozenset]:
    found = {}
    for d in table:
        if state in (d.state, d.toward) and d.start <= day < d.until and d.kinds & ASKED_OF_THE_VICTIM:
            found[(d.state, d.toward)] = frozenset(d.kinds & ASKED_OF_THE_VICTIM)
    return found


def _from_timeline(found, day: date) -> dict[tuple[str, str], frozenset]:
    pairs: dict[tuple[str, str], set] = {}
    for span in found.spans:
        if span.start <= day < span.until:
            pairs.setdefault((span.bearer, span.toward), set()).update(set(span.kinds) & ASKED_OF_THE_VICTIM)
    return {pair: frozenset(kinds) for pair, kinds in pairs.items() if kinds}


@pytest.mark.parametrize("state", ["NER", "POL", "ARM", "VEN"])
def test_timeline_and_dyads_agree_on_every_change_day(engine: pact.Engine, table: list, state: str) -> None:
    found = timeline(engine, state, START, END, events=[EventType.armed_attack])
    assert len(found.periods) > 3
    for period in found.periods:
        assert _from_timeline(found, period.start) == _from_dyads(table, state, period.start), period.start


def test_the_default_attacker_exists_on_the_day_and_is_bound_by_nothing(engine: pact.Engine) -> None:
    for day in (date(1950, 1, 1), date(1991, 12, 26), date(2024, 1, 1)):
        states = states_on(engine, day)
        for target in ("NER", "POL", "USA"):
            if target in states:
                found = bystander(engine.plan, target, day, states)
                assert found in states and found != target
                assert not [
                    t for t in engine.plan.treaties_of(found) if engine.plan.standing(t, found, day.toordinal())
                ]


def test_a_timeline_starts_when_its_state_first_existed(engine: pact.Engine) -> None:
    """Niger became a state on 3 August 1960: before, no question can be asked of it."""
    found = timeline(engine, "NER", end=date(1961, 1, 1))
    assert found.start == date(1960, 8, 3)
