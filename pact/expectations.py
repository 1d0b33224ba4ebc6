"""Checking a scenario's ``expect:`` block against a result: what ``pact test`` reports."""

from __future__ import annotations

from pact.model import ExpectedNonObligation, ExpectedObligation, ExpectedUndetermined, Scenario
from pact.result import Obligation, Result, Undetermined

Expected = ExpectedObligation | ExpectedNonObligation | ExpectedUndetermined


def _matches(expected: Expected, got: Obligation | Undetermined) -> bool:
    wanted = expected.model_dump(exclude_none=True)
    if "deciding" in wanted:  # the facts a duty hinges on, as a set: their order says nothing
        return set(wanted.pop("deciding")) == set(getattr(got, "deciding", ())) and _matches_all(wanted, got)
    return _matches_all(wanted, got)


def _matches_all(wanted: dict, got: Obligation | Undetermined) -> bool:
    return all(getattr(got, key) == value for key, value in wanted.items())


def _describe(expected: Expected) -> str:
    parts = [f"{expected.state} under {expected.treaty}"]
    parts += [
        f"{key} {value}"
        for key, value in expected.model_dump(exclude_none=True).items()
        if key not in ("state", "treaty")
    ]
    return ", ".join(parts)


def mismatches(scenario: Scenario, result: Result) -> list[str]:
    """Every way the result differs from what the scenario expects; empty when it passes."""
    if scenario.expect is None:
        return []
    found: list[str] = []
    for expected in scenario.expect.obligated:
        if not any(_matches(expected, o) for o in result.obligations):
            why = [n for n in result.not_obligated if (n.state, n.treaty) == (expected.state, expected.treaty)]
            reason = f"; why not: {' | '.join(why[0].because)}" if why else ""
            found.append(f"expected obligated: {_describe(expected)}; got no such obligation{reason}")
    for expected in scenario.expect.not_obligated:
        hits = [o for o in result.obligations if _matches(expected, o)]
        if hits:
            got = hits[0]
            found.append(
                f"expected not obligated: {_describe(expected)}; got {got.kind.value} toward {got.toward} "
                f"under {got.article} ({got.clause}) for event {got.event}"
            )
    for expected in scenario.expect.undetermined:
        if not any(_matches(expected, u) for u in result.undetermined):
            found.append(f"expected undetermined: {_describe(expected)}; got no such undetermined duty")
    if scenario.expect.conflicts is not None:
        wanted, got_states = set(scenario.expect.conflicts), {c.state for c in result.conflicts}
        if wanted != got_states:
            found.append(f"expected conflicts for {sorted(wanted) or 'no state'}; got {sorted(got_states) or 'none'}")
    return found
