"""Readings side by side: what a scenario's duties would be under each other reading of a contested point.

A result follows one reading of each contested point (the default, or the one chosen with
``--reading`` or a scenario's ``readings:``). For every other reading, the scenario is evaluated
again, lean, on the rules as that reading has them, and the duties that differ are recorded with both
readings and their sources (``Result.readings``), so that an answer can say "obligated under
reading A (source), not under B".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pact.model import Scenario
from pact.model.result import Obligation, ReadingCited, ReadingDifference, Result
from pact.model.rules import Contested, Reading

if TYPE_CHECKING:
    from pact.evaluation.engine import Engine


def with_readings(engine: Engine, scenario: Scenario, result: Result, *, compared: bool) -> Result:
    """``result`` with the readings it follows and, when ``compared``, what each other reading changes."""
    rules = engine.assumed(scenario.readings, ())
    if not rules.contested():
        return result
    differences = compare(engine, scenario, result.obligations) if compared else ()
    if not differences and not rules.chosen:
        return result
    return result.model_copy(update={"read_as": rules.chosen, "readings": differences})


def compare(engine: Engine, scenario: Scenario, followed: tuple[Obligation, ...]) -> tuple[ReadingDifference, ...]:
    """Each other reading of a contested point that changes ``followed``, the scenario's duties as its
    rules have them, with what it changes."""
    rules = engine.assumed(scenario.readings, ())
    ours = _keyed(followed)
    found = []
    for treaty, point in rules.contested().values():
        in_force = rules.reading_in_force(point)
        for other in point.readings:
            if other.id == in_force:
                continue
            theirs = _keyed(engine.evaluate(_as(scenario, point, other), full=False).obligations)
            if theirs.keys() != ours.keys():
                found.append(
                    ReadingDifference(
                        point=point.id,
                        treaty=treaty.treaty,
                        question=point.question,
                        followed=_cited(point.reading(in_force)),
                        other=_cited(other),
                        only_followed=tuple(_bare(o) for k, o in ours.items() if k not in theirs),
                        only_other=tuple(o for k, o in theirs.items() if k not in ours),
                    )
                )
    return tuple(found)


def concerning(
    differences: tuple[ReadingDifference, ...], state: str, treaty: str, event: str
) -> Iterator[ReadingDifference]:
    """The differences, each narrowed to the duties of ``state`` under ``treaty`` for ``event``."""

    def mine(duties: tuple[Obligation, ...]) -> tuple[Obligation, ...]:
        return tuple(o for o in duties if (o.state, o.treaty, o.event) == (state, treaty, event))

    for d in differences:
        narrowed = d.model_copy(update={"only_followed": mine(d.only_followed), "only_other": mine(d.only_other)})
        if narrowed.only_followed or narrowed.only_other:
            yield narrowed


def _as(scenario: Scenario, point: Contested, reading: Reading) -> Scenario:
    """The scenario read with ``reading`` in place of whatever it says of ``point``."""
    own = {r.id for r in point.readings}
    readings = (*(r for r in scenario.readings if r not in own), reading.id)
    return scenario.model_copy(update={"readings": readings, "expect": None})


def _keyed(obligations: tuple[Obligation, ...]) -> dict[tuple[str, str, str, str, str], Obligation]:
    return {(o.state, o.treaty, o.clause, o.event, o.toward): o for o in obligations}


def _bare(obligation: Obligation) -> Obligation:
    return obligation.model_copy(update={"trace": ()}) if obligation.trace else obligation


def _cited(reading: Reading | None) -> ReadingCited:
    assert reading is not None  # the reading in force is one of the point's (checked as the rules load)
    return ReadingCited(id=reading.id, says=reading.says, source=reading.source)
