"""Test sessions: the suite on every supported interpreter found here, and the linter.

    python3 -m pip install nox && python3 -m nox        # what README and CI run

Python 3.11 runs on durable-rules; Python 3.13 runs the reference-backend fallback, since
durable-rules does not import there. An interpreter that is not installed is skipped.
"""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.error_on_missing_interpreters = False
nox.options.download_python = "never"
nox.options.sessions = ["tests", "no-compiler", "lint"]

PYTHONS = ["3.11", "3.13"]


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The whole suite against pact installed from this tree (as a user would get it), with the
    parquet and dask extras so that the Parquet tables and the Dask example are tested too."""
    session.install(".[test,parquet,dask]")
    # one pytest worker per core (pytest-xdist): CI has two
    session.run("python", "-m", "pytest", "-q", "-n", "auto", "--durations=15", *session.posargs)
    session.run("python", "-m", "pact", "test", "scenarios")


@nox.session(python=PYTHONS[0], name="no-compiler")
def no_compiler(session: nox.Session) -> None:
    """The README's quick start where no C compiler works: pact installs without durable-rules
    (hatch_build.py leaves it out) and answers on the reference backend."""
    # CC=false: no compiler. PIP_NO_CACHE_DIR: pip would otherwise reuse a durable-rules wheel it
    # built earlier on this machine, and the install would prove nothing.
    session.install(".", env={"CC": "false", "PIP_NO_CACHE_DIR": "1"})
    absent = "import importlib.util, sys; sys.exit(importlib.util.find_spec('durable') is not None)"
    session.run("python", "-c", absent)
    session.run("python", "-m", "pact", "run", "scenarios/aes-niger-attacked.yaml")


@nox.session(python=PYTHONS[0])
def lint(session: nox.Session) -> None:
    """ruff, and the import-linter contracts of pyproject.toml (the pipeline's layers, one way)."""
    session.install("ruff", "import-linter>=2.1")
    session.run("ruff", "check", "pact", "tests", "benchmarks", "fuzz", "noxfile.py", "hatch_build.py")
    session.run("ruff", "format", "--check", "pact", "tests", "benchmarks", "fuzz", "noxfile.py", "hatch_build.py")
    session.run("lint-imports", env={"PYTHONPATH": "."})  # reads the source tree; pact need not be installed
