"""The bundled scenario files are the regression suite: every expectation holds on every backend."""

from __future__ import annotations

from pathlib import Path

import pytest

import pact

from .conftest import SCENARIOS

FILES = sorted(SCENARIOS.glob("*.yaml"))
BACKENDS: list[str] = ["reference"]
try:
    import pact.backends.durable.backend

    BACKENDS.append("durable")
except ImportError:  # Python 3.13: durable-rules does not import there
    pass


@pytest.fixture(scope="module", params=BACKENDS)
def backend_engine(request: pytest.FixtureRequest, rules: pact.Rulebook) -> pact.Engine:
    return pact.Engine(rules, backend=request.param)


def test_every_clause_is_shown_to_fire_by_a_scenario(rules: pact.Rulebook) -> None:
    """GIVEN the bundled rules THEN each clause is named in some scenario's expected obligations."""
    named = set()
    for file in FILES:
        expect = pact.load_scenario(file, rules).expect
        named |= {(item.treaty, item.clause) for item in (expect.obligated if expect else ())}
    missing = [f"{t.treaty}/{c.id}" for t in rules.treaties for c in t.clauses if (t.treaty, c.id) not in named]
    assert not missing, f"clauses no scenario expects to fire: {missing}"


@pytest.mark.parametrize("file", FILES, ids=[f.stem for f in FILES])
def test_scenario_expectations_hold(file: Path, backend_engine: pact.Engine) -> None:
    scenario = pact.load_scenario(file, backend_engine.rulebook)
    assert scenario.expect is not None, f"{file.name} has no expect: block"
    assert pact.mismatches(scenario, backend_engine.evaluate(scenario)) == []
