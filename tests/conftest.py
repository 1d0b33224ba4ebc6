from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import pact
import pact.render

# Bounded in CI; `HYPOTHESIS_PROFILE=deep pytest` for a local soak.
settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent

ATOP_MEMBERS = "atop4_01_member_level.csv"
ATOP_DATA: Path | None = next(
    (
        Path(place)
        for place in (os.environ.get("PACT_ATOP_DATA"), ROOT.parent / "shared/data/atop", "/work/shared/data/atop")
        if place and (Path(place) / ATOP_MEMBERS).is_file()
    ),
    None,
)
"""ATOP 4.01's files ($PACT_ATOP_DATA, ../shared/data/atop beside the repository, where CI has them, or
/work/shared/data/atop); None where they are not: ATOP is not redistributable (docs/atop.md)."""
SCENARIOS = ROOT / "scenarios"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def sigint_as_usual() -> None:
    """For ``preexec_fn``: a runner started in the background may ignore SIGINT, and children inherit
    that; a child that ignores it cannot be interrupted by the tests of Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def pact_process(argv: list[str], **env: str) -> subprocess.Popen[str]:
    """``python -m pact ARGV`` started in the repository (``env`` added to the environment), its stderr
    kept as text, SIGINT as usual."""
    return subprocess.Popen(
        [sys.executable, "-m", "pact", *argv],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | env,
        preexec_fn=sigint_as_usual,
    )


@pytest.fixture(scope="session", autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The rulebooks commands store (``pact.load.stored``) go to a directory of the test run's, never
    to the user's cache; the processes the tests start inherit it."""
    patch = pytest.MonkeyPatch()
    patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def rules() -> pact.Rulebook:
    return pact.load_rules()


@pytest.fixture(scope="session")
def engine(rules: pact.Rulebook) -> pact.Engine:
    return pact.Engine(rules, backend="reference")


@pytest.fixture(scope="session")
def answers(rules: pact.Rulebook, engine: pact.Engine) -> dict[str, pact.render.Answer]:
    """Every bundled scenario evaluated and explained once (reference backend), by file stem."""
    from pact.evaluation.answers import answer

    return {
        file.stem: answer(engine, pact.load_scenario(file, rules), explained=True)
        for file in sorted(SCENARIOS.glob("*.yaml"))
    }


@pytest.fixture(scope="module")
def chromium() -> str:
    """Chromium's command: skipped where it is missing, unless PACT_REQUIRE_CHROMIUM is set (then failed)."""
    found = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
    if found is None:
        if os.environ.get("PACT_REQUIRE_CHROMIUM"):
            pytest.fail("PACT_REQUIRE_CHROMIUM is set but Chromium is not installed (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium); PACT_REQUIRE_CHROMIUM=1 makes this fail")
    return found
