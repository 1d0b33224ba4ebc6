"""A pytest plugin: scenario files with an ``expect:`` block become test items.

Off unless asked for, so that installing pact never changes what another project collects::

    pytest --pact-scenarios [--pact-rules DIR]… [--pact-no-bundled] [--pact-backend auto|durable|reference]

or, in ``pyproject.toml`` (``[tool.pytest.ini_options]``) or ``pytest.ini``::

    pact_scenarios = true
    pact_rules = "my/rules"        # laid over the bundled rules, relative to the ini file (a list for layers)
    pact_no_bundled = false        # true: only pact_rules
    pact_backend = "reference"

Each ``*.yaml``/``*.yml`` file whose top level has both ``scenario:`` and ``expect:`` is one
item, named after the scenario id. Rules are loaded and compiled once per session. A failure
prints the file, the scenario and one line per mismatch (``pact.mismatches``); bad input prints
one line per problem, ``FILE:LINE: field: message``; neither shows a traceback. This is the only pact
module that imports pytest; pytest loads it through the ``pytest11`` entry point.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import pact
from pact.backends import backend_names
from pact.core.errors import rendered
from pact.load.files import MAX_FILE_BYTES, read_head
from pact.render.phrasing import mismatch_line

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr, TracebackStyle

BACKENDS: tuple[str, ...] = backend_names()
_TOP_LEVEL_KEY = re.compile(rb"""^["']?(scenario|expect)["']?[ \t]*:(.*)$""", re.MULTILINE)
_ENGINE = pytest.StashKey[pact.Engine | str]()
"""The session's compiled rules, or the one-line reason they could not be loaded."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("pact", "pact scenario files")
    group.addoption(
        "--pact-scenarios",
        action="store_true",
        default=None,
        help="collect *.yaml/*.yml scenario files with an expect: block as tests (ini: pact_scenarios)",
    )
    group.addoption(
        "--pact-rules",
        metavar="DIR",
        action="append",
        help="a rules directory laid over the bundled rules (repeat to add layers, in order)",
    )
    group.addoption(
        "--pact-no-bundled", action="store_true", default=None, help="start from no rules: only the --pact-rules"
    )
    group.addoption("--pact-backend", choices=BACKENDS, help="pact backend (default: auto)")
    parser.addini("pact_scenarios", "collect pact scenario files as tests", type="bool", default=False)
    parser.addini(
        "pact_rules", "pact rules directories laid over the bundled rules, relative to the ini file", "linelist"
    )
    parser.addini("pact_no_bundled", "start from no rules: only pact_rules", type="bool", default=False)
    parser.addini("pact_backend", f"pact backend: {' | '.join(BACKENDS)}", default="auto")


def pytest_configure(config: pytest.Config) -> None:
    if _enabled(config) and _backend(config) not in BACKENDS:
        raise pytest.UsageError(f"pact_backend must be one of {', '.join(BACKENDS)}, not {_backend(config)!r}")


def pytest_report_header(config: pytest.Config) -> str | None:
    if not _enabled(config):
        return None
    layers = [*(["bundled"] if _bundled(config) else []), *map(str, _rules_dirs(config))]
    return f"pact: scenario files as tests; rules: {' + '.join(layers)}; backend: {_backend(config)}"


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ScenarioFile | None:
    wanted = file_path.suffix in (".yaml", ".yml") and _enabled(parent.config)
    return ScenarioFile.from_parent(parent, path=file_path) if wanted and _scenario_id(file_path) else None


class ScenarioFile(pytest.File):
    """A scenario file with an ``expect:`` block: one item, the scenario."""

    def collect(self) -> list[ScenarioItem]:
        return [ScenarioItem.from_parent(self, name=_scenario_id(self.path) or self.path.stem)]


class ScenarioMismatch(Exception):
    """The scenario's result differs from its ``expect:`` block."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class RulesUnavailable(Exception):
    """The session's rules could not be loaded or compiled: every scenario item fails with why."""


class ScenarioItem(pytest.Item):
    """Evaluate one scenario file on the session's rules and check its ``expect:`` block."""

    def runtest(self) -> None:
        engine = _engine(self.config)
        if isinstance(engine, str):
            raise RulesUnavailable(engine)
        scenario = pact.load_scenario(self.path, engine.rulebook)
        problems = pact.mismatches(scenario, engine.evaluate(scenario))
        if problems:
            raise ScenarioMismatch([mismatch_line(p) for p in problems])

    def repr_failure(
        self, excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None
    ) -> str | TerminalRepr:
        error = excinfo.value
        if isinstance(error, ScenarioMismatch):
            head = f"{_shown(self.config, self.path)}: scenario {self.name}"
            return "\n".join([head, *(f"  {problem}" for problem in error.problems)])
        if isinstance(error, pact.InputError):
            return _render(self.config, error)
        if isinstance(error, RulesUnavailable):
            return str(error)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, self.name


def _enabled(config: pytest.Config) -> bool:
    return bool(config.getoption("pact_scenarios") or config.getini("pact_scenarios"))


def _backend(config: pytest.Config) -> str:
    return config.getoption("pact_backend") or str(config.getini("pact_backend")).strip() or "auto"


def _rules_dirs(config: pytest.Config) -> list[Path]:
    """``--pact-rules`` (relative to where pytest was started), else ``pact_rules`` (relative to the ini file)."""
    options = config.getoption("pact_rules")
    if options:
        return [config.invocation_params.dir / option for option in options]
    base = config.inipath.parent if config.inipath else config.rootpath
    return [base / line for line in config.getini("pact_rules")]


def _bundled(config: pytest.Config) -> bool:
    return not (config.getoption("pact_no_bundled") or config.getini("pact_no_bundled"))


def _engine(config: pytest.Config) -> pact.Engine | str:
    """The rules, loaded and compiled on first use and kept for the session."""
    if _ENGINE not in config.stash:
        try:
            config.stash[_ENGINE] = pact.Engine(
                pact.load_rules(*_rules_dirs(config), bundled=_bundled(config)), backend=_backend(config)
            )
        except pact.InputError as error:
            config.stash[_ENGINE] = f"pact: cannot load rules: {_render(config, error)}"
        except ImportError as error:
            config.stash[_ENGINE] = f"pact: backend {_backend(config)!r} is not available here: {error}"
    return config.stash[_ENGINE]


def _shown(config: pytest.Config, path: Path) -> str:
    """A path as the user would type it: relative to where pytest was started, if inside it."""
    base = config.invocation_params.dir
    return str(path.relative_to(base)) if path.is_relative_to(base) else str(path)


def _render(config: pytest.Config, error: pact.InputError) -> str:
    """One line per problem, each naming its file relative to where pytest was started."""
    for problem in error.problems:
        if problem.file is not None:
            problem.file = _shown(config, Path(problem.file))
    return "\n".join(rendered(error))


def _scenario_id(file: Path) -> str | None:
    """The scenario id if the file's top level has ``scenario:`` and ``expect:`` keys, else None.

    Read cheaply (a scan for the two keys at the start of a line, no YAML parsing), so that a
    malformed scenario is still collected and fails with pact's one-line error.
    """
    try:
        head = read_head(file, pact.InputError, MAX_FILE_BYTES + 1)  # a larger file fails with pact's own message
    except pact.InputError:
        return None
    keys: dict[bytes, bytes] = {}
    for match in _TOP_LEVEL_KEY.finditer(head):
        keys.setdefault(match[1], match[2])
    if b"scenario" not in keys or b"expect" not in keys:
        return None
    value = keys[b"scenario"].split(b"#")[0].strip().strip(b"\"'").decode("utf-8", "replace")
    return value or file.stem
