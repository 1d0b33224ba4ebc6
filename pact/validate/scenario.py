"""Whether a scenario fits the rules it is evaluated on: the checks no single file can make.

A scenario file is valid on its own (``pact.model.scenario``); these checks hold it against a
rulebook: the treaties, areas, conditions and events it names exist, what it names as a state was
one on its date, and its assumptions are changes the rules can take. Every problem is told, with
the field path (and FILE:LINE when the scenario came from a file).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from pathlib import Path

from pact.core.codes import alpha3_hint, is_alpha3, is_area, location_hint
from pact.core.errors import InputError, ScenarioError, did_you_mean, first_of
from pact.core.source import SourceMap
from pact.core.states import absence, stand_in
from pact.model import UNKNOWN, Assumption, Rulebook, Scenario, Territory
from pact.model.whatif import assume
from pact.words import Words

Assumed = Callable[[tuple[str, ...], tuple[Assumption, ...], SourceMap], Rulebook]
"""The rules read as a scenario's readings, with its changes applied (``rules_for``; an engine keeps them)."""


def rules_for(
    rulebook: Rulebook, readings: tuple[str, ...], changes: tuple[Assumption, ...], source: SourceMap | None = None
) -> Rulebook:
    """The rules a scenario is evaluated on: as its readings have them, then with its ``assume:`` changes."""
    return assume(rulebook.read_as(readings), changes, source)


def check_scenario(
    scenario: Scenario, rulebook: Rulebook, source: SourceMap | None = None, *, assumed: Assumed | None = None
) -> None:
    """Refuse a scenario that names treaties, areas, conditions or events the rulebook or scenario
    lacks, names as a state what was not one on its date, or assumes a change the rules cannot take;
    every problem is told, the first raised carrying the rest. ``assumed`` applies the changes (by
    default afresh; an engine passes its own, which keeps them for its plans)."""
    source = source or SourceMap(Path(f"<scenario {scenario.scenario}>"))
    problems = list(_scenario_problems(scenario, rulebook, source, assumed or partial(rules_for, rulebook)))
    if problems:
        raise first_of(problems)


def _scenario_problems(
    scenario: Scenario, rulebook: Rulebook, source: SourceMap, assumed: Assumed
) -> Iterator[InputError]:
    unread = list(_readings(scenario, rulebook, source))
    yield from unread
    try:
        if not unread:  # changes are checked on the rules as the scenario's readings have them
            assumed(scenario.readings, scenario.assume, source)
    except InputError as error:
        yield from error.problems
    treaties = rulebook.treaty_ids()
    yield from _event_problems(scenario, rulebook, treaties, source)
    yield from _determination_problems(scenario, treaties, source)
    yield from _condition_problems(scenario, rulebook, source)
    yield from _statehood_problems(scenario, rulebook, source)
    yield from _expectation_problems(scenario, treaties, source)


def _readings(scenario: Scenario, rulebook: Rulebook, source: SourceMap) -> Iterator[InputError]:
    """A reading no contested point has, or a second reading of one point."""
    good: list[str] = []
    for i, name in enumerate(scenario.readings):
        try:
            rulebook.readings_with([*good, name])
        except InputError as error:
            yield source.error(ScenarioError, ("readings", i), error.words or error.message, error.suggestion)
        else:
            good.append(name)


def _event_problems(
    scenario: Scenario, rulebook: Rulebook, treaties: frozenset[str], source: SourceMap
) -> Iterator[InputError]:
    areas = rulebook.areas()
    for i, event in enumerate(scenario.events):
        location = event.location
        if location and location != UNKNOWN and is_area(location) and location not in areas:
            hint = did_you_mean(location, areas) or location_hint(location)
            words = Words("input.unknown_area", {"area": location})
            yield source.error(ScenarioError, ("events", i, "location"), words, hint)
        territory = rulebook.territory(event.target, scenario.date)
        if territory is not None and len(event.target) == 3:
            yield source.error(
                ScenarioError,
                ("events", i, "target"),
                Words(
                    "scenario.territory_target",
                    {
                        "target": event.target,
                        "whose": _whose(territory, scenario.date),
                        "sovereign": territory.sovereign,
                    },
                ),
            )
        if event.requested_from != UNKNOWN:
            for j, asked in enumerate(event.requested_from):
                to = asked if isinstance(asked, str) else asked.to
                if to not in treaties and not is_alpha3(to):
                    yield source.error(
                        ScenarioError,
                        ("events", i, "requested_from", j),
                        Words("scenario.not_treaty_nor_state", {"name": to}),
                        _treaty_hint(to, treaties) or alpha3_hint(to),
                    )


def _whose(territory: Territory, on: date) -> Words:
    if territory.start is None and territory.until is None:
        return Words("scenario.is_territory_of", {"sovereign": territory.sovereign})
    return Words("scenario.was_territory_of", {"sovereign": territory.sovereign, "date": on})


def _determination_problems(scenario: Scenario, treaties: frozenset[str], source: SourceMap) -> Iterator[InputError]:
    events = {e.id for e in scenario.events}
    for i, made in enumerate(scenario.determinations):
        if made.treaty not in treaties:
            hint = _treaty_hint(made.treaty, treaties)
            words = Words("input.unknown_treaty", {"treaty": made.treaty})
            yield source.error(ScenarioError, ("determinations", i, "treaty"), words, hint)
        if made.event is not None and made.event not in events:
            message = Words("scenario.no_event", {"event": made.event})
            yield source.error(ScenarioError, ("determinations", i, "event"), message, did_you_mean(made.event, events))


def _condition_problems(scenario: Scenario, rulebook: Rulebook, source: SourceMap) -> Iterator[InputError]:
    """An event may settle only conditions some clause names (a typo would silently settle nothing)."""
    named = rulebook.condition_names()
    for i, event in enumerate(scenario.events):
        for name in event.conditions:
            if name not in named:
                message = Words("scenario.unknown_condition", {"condition": name})
                yield source.error(ScenarioError, ("events", i, "conditions", name), message, did_you_mean(name, named))


def _statehood_problems(scenario: Scenario, rulebook: Rulebook, source: SourceMap) -> Iterator[InputError]:
    """A target or attacker that was not a state on the scenario's date (pact.core.states)."""
    named = {e.target for e in scenario.events} | {s for e in scenario.events for s in e.attackers}
    territories = {
        code: found.sovereign for code in named if (found := rulebook.territory(code, scenario.date)) is not None
    }
    for i, event in enumerate(scenario.events):
        if event.target in territories:
            continue  # told already, with where to put it instead
        parties = [(("events", i, "target"), event.target)]
        parties += [(("events", i, "by", j), state) for j, state in enumerate(event.attackers)]
        for path, code in parties:
            problem = absence(code, scenario.date, territories)
            if problem:
                yield source.error(ScenarioError, path, problem, stand_in(code, scenario.date))


def _expectation_problems(scenario: Scenario, treaties: frozenset[str], source: SourceMap) -> Iterator[InputError]:
    if scenario.expect is None:
        return
    events = {e.id for e in scenario.events}
    for key in ("obligated", "not_obligated", "undetermined"):
        for i, item in enumerate(getattr(scenario.expect, key)):
            if item.treaty not in treaties:
                yield source.error(
                    ScenarioError,
                    ("expect", key, i, "treaty"),
                    Words("input.unknown_treaty", {"treaty": item.treaty}),
                    _treaty_hint(item.treaty, treaties),
                )
            if item.event is not None and item.event not in events:
                yield source.error(
                    ScenarioError, ("expect", key, i, "event"), Words("scenario.no_event", {"event": item.event})
                )


def _treaty_hint(word: str, treaties: frozenset[str]) -> str | None:
    """The treaty id meant: treaty ids are lower-case, so ``NATO`` means ``nato``."""
    lower = word.strip().lower()
    return lower if lower in treaties else did_you_mean(lower, treaties)
