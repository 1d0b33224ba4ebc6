"""Where durable-rules cannot be imported (Python 3.13), pact warns once and runs the reference backend."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

import pact
from pact.backends import BackendFallbackWarning, backend_named

from .conftest import SCENARIOS


@pytest.fixture
def durable_missing(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "pact.backends.durable.backend", None)  # makes the import fail
    monkeypatch.setattr("pact.backends._FALLBACKS_TOLD", set())


def test_auto_falls_back_with_a_warning(durable_missing: None) -> None:
    with pytest.warns(BackendFallbackWarning, match="using the reference backend") as caught:
        backend = backend_named("auto")
    assert backend.name == "reference"
    assert len(caught) == 1


def test_asking_for_durable_explicitly_fails_loudly(durable_missing: None) -> None:
    with pytest.raises(ImportError):
        backend_named("durable")


def test_the_fallback_gives_the_same_answers(durable_missing: None, rules: pact.Rulebook) -> None:
    with pytest.warns(BackendFallbackWarning):
        engine = pact.Engine(rules)
    scenario = pact.load_scenario(SCENARIOS / "aes-niger-attacked.yaml", rules)
    assert pact.mismatches(scenario, engine.evaluate(scenario)) == []


def test_auto_uses_durable_wherever_it_imports() -> None:
    importable = importlib.util.find_spec("durable") is not None and sys.version_info < (3, 13)
    assert backend_named("auto").name == ("durable" if importable else "reference")


def test_cli_prints_the_fallback_as_one_line(tmp_path) -> None:
    """Run in a subprocess where 'durable' is shadowed by a module that fails to import."""
    (tmp_path / "durable").mkdir()
    (tmp_path / "durable" / "__init__.py").write_text("raise ImportError('undefined symbol: PyEval_CallObject')\n")
    run = subprocess.run(
        [sys.executable, "-m", "pact", "run", str(SCENARIOS / "aes-niger-attacked.yaml"), "--format", "json"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": ""},
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip().count("\n") == 0
    assert run.stderr.startswith("pact: warning: durable-rules is not available here")
    assert '"state": "MLI"' in run.stdout


def test_the_cli_warns_once_however_many_engines_it_builds(tmp_path) -> None:
    """GIVEN durable-rules that cannot import WHEN one process builds several engines THEN one warning line."""
    (tmp_path / "durable").mkdir()
    (tmp_path / "durable" / "__init__.py").write_text("raise ImportError('undefined symbol: PyEval_CallObject')\n")
    code = "import pact; rules = pact.load_rules(); [pact.Engine(rules) for _ in range(3)]"
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={"PYTHONPATH": str(tmp_path), "PATH": ""}
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr.count("BackendFallbackWarning") == 1, run.stderr
