"""Readings side by side: what a scenario's answer would be under each other reading of a contested point.

A result follows one reading of each contested point (the default, or the one chosen with
``--reading`` or a scenario's ``readings:``). For every other reading, the scenario is evaluated
again on the rules as that reading has them, narrowed to the treaties whose answers the reading can
move (the contested treaty and those that read its members or its parties' regions; every other
treaty answers the same under both), and what differs is recorded with both readings and
their sources (``Result.readings``): the duties that arise under one only ("obligated under reading
A (source), not under B"), and, for a treaty the events concern, the states that owe nothing under
either for a different reason (a victim under one reading, no party at all under the other).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pact.model import Scenario
from pact.model.base import built
from pact.model.result import Obligation, ReadingCited, ReadingDifference, ReasonChange, Result
from pact.model.rules import Contested, Reading, Treaty, VictimMemberOf
from pact.model.trace import Step, of_the_day
from pact.plan.narrowing import Narrowing

if TYPE_CHECKING:
    from pact.evaluation.engine import Engine


def with_readings(engine: Engine, scenario: Scenario, result: Result, *, compared: bool) -> Result:
    """``result`` with the readings it follows and, when ``compared``, what each other reading changes."""
    rules = engine.assumed(scenario.readings, ())
    if (not compared and not rules.chosen) or not rules.contested():
        return result
    differences = compare(engine, scenario, result) if compared else ()
    if not differences and not rules.chosen:
        return result
    return result.model_copy(update={"read_as": rules.chosen, "readings": differences})


def compare(engine: Engine, scenario: Scenario, result: Result) -> tuple[ReadingDifference, ...]:
    """Each other reading of a contested point that changes ``result`` (the scenario's, as its rules
    have it), with what it changes. Reasons are compared when ``result`` is a full one."""
    rules = engine.assumed(scenario.readings, ())
    concerned = {d.treaty for d in (*result.obligations, *result.not_obligated, *result.undetermined)}
    instruments = engine.plan.memo("instruments read", 256).get(
        scenario.readings, lambda: {t.treaty: _instruments(t) for t in rules.treaties}
    )
    touched = concerned.union(*(instruments.get(t, ()) for t in concerned))
    found = []
    for treaty, point in rules.contested().values():
        if result.not_obligated and treaty.treaty not in touched:
            continue  # a treaty the events do not concern, nor the treaties they concern read
        in_force = rules.reading_in_force(point)
        full = bool(result.not_obligated) and treaty.treaty in concerned
        for other in point.readings:
            if other.id != in_force:
                read = _as(scenario, point, other)
                moved = _moved(engine, scenario, read, treaty.treaty)
                theirs = engine.evaluate_as_read(read, full=full, treaties=moved)
                difference = _difference(treaty, point, point.reading(in_force), other, (result, theirs), moved, full)
                if difference.only_followed or difference.only_other or difference.reasons:
                    found.append(difference)
    return tuple(found)


def _instruments(treaty: Treaty) -> frozenset[str]:
    """The other instruments whose membership a treaty's clauses read (victims, attackers, deciding bodies)."""
    found: set[str] = set()
    for clause in treaty.clauses:
        for version in (clause, *clause.versions):
            if version.trigger is not None:
                victim = version.trigger.victim
                found |= {victim.member_of} if isinstance(victim, VictimMemberOf) else set()
                found |= {version.trigger.attacker_instrument} - {None}
            decided = version.obligation.decided_by if version.obligation is not None else None
            found |= {decided.of} if decided is not None and decided.of else set()
    return frozenset(found)


def _moved(engine: Engine, scenario: Scenario, read: Scenario, treaty: str) -> frozenset[str]:
    """The treaties whose answers a reading of ``treaty`` can move, under either reading: the other
    reading is worked out for them only (every other treaty answers the same under both). Kept on
    the engine's own plan: nothing is compiled to hold it."""

    def moved() -> frozenset[str]:
        return frozenset().union(
            *(Narrowing(engine.assumed(r, ())).dependents(treaty) for r in (scenario.readings, read.readings))
        )

    key = (scenario.readings, read.readings, treaty)
    return engine.plan.memo("moved by a reading", 256).get(key, moved)


def _difference(
    treaty: Treaty,
    point: Contested,
    followed: Reading | None,
    other: Reading,
    results: tuple[Result, Result],
    moved: frozenset[str],
    full: bool,
) -> ReadingDifference:
    ours, theirs = results
    mine, yours = _keyed(ours.obligations, moved), _keyed(theirs.obligations, moved)
    return built(
        ReadingDifference,
        point=point.id,
        treaty=treaty.treaty,
        question=point.question,
        followed=_cited(followed),
        other=_cited(other),
        only_followed=tuple(_bare(o) for k, o in mine.items() if k not in yours),
        only_other=tuple(_bare(o) for k, o in yours.items() if k not in mine),
        reasons=tuple(_reasons(ours, theirs, moved)) if full else (),
    )


def _reasons(ours: Result, theirs: Result, moved: frozenset[str]) -> Iterator[ReasonChange]:
    """The states that owe nothing under either reading, for a different decisive reason (not those that
    were no party of a treaty in force that day under either: an answer lists them only when asked),
    under the ``moved`` treaties."""
    mine = {(n.state, n.treaty, n.event): n.decisive for n in ours.not_obligated if n.treaty in moved}
    yours = {(n.state, n.treaty, n.event): n.decisive for n in theirs.not_obligated if n.treaty in moved}
    for key, step in mine.items():
        if key not in yours or not (of_the_day(step) or of_the_day(yours[key])):
            continue
        if _gist(step) != _gist(yours[key]):
            state, treaty, event = key
            yield built(ReasonChange, state=state, treaty=treaty, event=event, followed=step, other=yours[key])


def _gist(step: Step | None) -> tuple | None:
    """What a step found, whatever line of the file said it (lines differ between readings)."""
    return None if step is None else (step.test, step.holds, step.values)


def concerning(
    differences: tuple[ReadingDifference, ...], state: str, treaty: str, event: str
) -> Iterator[ReadingDifference]:
    """The differences, each narrowed to what concerns ``state`` under ``treaty`` for ``event``."""

    def mine(items: tuple) -> tuple:
        return tuple(o for o in items if (o.state, o.treaty, o.event) == (state, treaty, event))

    for d in differences:
        update = {"only_followed": mine(d.only_followed), "only_other": mine(d.only_other), "reasons": mine(d.reasons)}
        narrowed = d.model_copy(update=update)
        if narrowed.only_followed or narrowed.only_other or narrowed.reasons:
            yield narrowed


def _as(scenario: Scenario, point: Contested, reading: Reading) -> Scenario:
    """The scenario read with ``reading`` in place of whatever it says of ``point``."""
    own = {r.id for r in point.readings}
    readings = (*(r for r in scenario.readings if r not in own), reading.id)
    return scenario.model_copy(update={"readings": readings, "expect": None})


def _keyed(
    obligations: tuple[Obligation, ...], treaties: frozenset[str]
) -> dict[tuple[str, str, str, str, str], Obligation]:
    return {(o.state, o.treaty, o.clause, o.event, o.toward): o for o in obligations if o.treaty in treaties}


def _bare(obligation: Obligation) -> Obligation:
    return obligation.model_copy(update={"trace": ()}) if obligation.trace else obligation


def _cited(reading: Reading | None) -> ReadingCited:
    assert reading is not None  # the reading in force is one of the point's (checked as the rules load)
    return built(ReadingCited, id=reading.id, says=reading.says, source=reading.source)
