"""Checking a scenario's ``expect:`` block against a result: what ``pact test`` reports.

Each difference is data (``Mismatch``); ``pact.render.phrasing.mismatch_line`` words it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pact.model import ExpectedNonObligation, ExpectedObligation, ExpectedUndetermined, Scenario, TextCertainty
from pact.model.result import NonObligation, Obligation, Result, Undetermined

Expected = ExpectedObligation | ExpectedNonObligation | ExpectedUndetermined


@dataclass(frozen=True)
class MissingDuty:
    """A duty the scenario expects that the result lacks, with the party's reasons when it has some."""

    expected: ExpectedObligation
    why_not: NonObligation | None


@dataclass(frozen=True)
class UnwantedDuty:
    """A duty the scenario expects not to arise, and the first one found that matches."""

    expected: ExpectedNonObligation
    got: Obligation


@dataclass(frozen=True)
class MissingUndetermined:
    expected: ExpectedUndetermined


@dataclass(frozen=True)
class ConflictsDiffer:
    """The states bound to both sides, as expected and as found."""

    wanted: tuple[str, ...]
    got: tuple[str, ...]


Mismatch = MissingDuty | UnwantedDuty | MissingUndetermined | ConflictsDiffer


def _matches(expected: Expected, got: Obligation | Undetermined) -> bool:
    wanted = expected.model_dump(exclude_none=True)
    if "deciding" in wanted:  # the facts a duty hinges on, as a set: their order says nothing
        return set(wanted.pop("deciding")) == set(getattr(got, "deciding", ())) and _matches_all(wanted, got)
    return _matches_all(wanted, got)


def _matches_all(wanted: dict, got: Obligation | Undetermined) -> bool:
    return all(_field(got, key) == value for key, value in wanted.items())


def _field(got: Obligation | Undetermined, key: str) -> object:
    if key == "certainty":  # a result says nothing of a published text
        return got.certainty or TextCertainty.published
    return getattr(got, key)


def mismatches(scenario: Scenario, result: Result) -> list[Mismatch]:
    """Every way the result differs from what the scenario expects; empty when it passes."""
    if scenario.expect is None:
        return []
    found: list[Mismatch] = []
    for expected in scenario.expect.obligated:
        if not any(_matches(expected, o) for o in result.obligations):
            why = [n for n in result.not_obligated if (n.state, n.treaty) == (expected.state, expected.treaty)]
            found.append(MissingDuty(expected, why[0] if why else None))
    for expected in scenario.expect.not_obligated:
        hits = [o for o in result.obligations if _matches(expected, o)]
        if hits:
            found.append(UnwantedDuty(expected, hits[0]))
    for expected in scenario.expect.undetermined:
        if not any(_matches(expected, u) for u in result.undetermined):
            found.append(MissingUndetermined(expected))
    if scenario.expect.conflicts is not None:
        wanted, got_states = set(scenario.expect.conflicts), {c.state for c in result.conflicts}
        if wanted != got_states:
            found.append(ConflictsDiffer(tuple(sorted(wanted)), tuple(sorted(got_states))))
    return found
