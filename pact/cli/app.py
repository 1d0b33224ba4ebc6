"""The typer application every command module registers on, and what they share.

Errors are rendered here, once: each problem of bad input prints ``FILE:LINE: field: what is
wrong`` on its own line, and the command exits 2.
"""

from __future__ import annotations

import os
import platform
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any

import typer

from pact.backends import AUTO, backend_named, backend_names
from pact.cli import stopped
from pact.core.errors import BackendUnavailable, InputError, PactError, ScenarioError, rendered
from pact.core.output import write_file
from pact.load.files import yaml_files
from pact.load.loader import load_scenario
from pact.load.stored import stored_rules
from pact.model import Rulebook, Scenario
from pact.words import DEFAULT_LANGUAGE, LANGUAGES

OK, FAILED, BAD_INPUT = 0, 1, 2

DISTRIBUTION = "pact-treaties"
"""pact's name on the package index; ``pact`` there is another project (README, "Which pact")."""

app = typer.Typer(
    help="pact: who must respond when a state is attacked, under which treaty clause, and why.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def version_text() -> str:
    """Which pact this is: name, version, what it does, the Python it runs on, what ``auto`` picks."""
    try:
        auto = backend_named("durable").name + f" (durable-rules {metadata.version('durable-rules')})"
    except BackendUnavailable as why:
        auto = f"reference (durable-rules does not import here: {why.__cause__})"
    try:
        version = metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        version = "(not installed: run from a source tree)"
    return (
        f"{DISTRIBUTION} {version}: treaty-obligation rules engine "
        "(who must respond when a state is attacked, under which clause, and why); imported as pact\n"
        f"Python {platform.python_version()}; --backend auto uses {auto}"
    )


def _show_version(asked: bool) -> None:
    if asked:
        typer.echo(version_text())
        raise typer.Exit(OK)


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Say which pact this is, and exit."),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read and check the rule files anew, not the rulebook an earlier run kept (also PACT_NO_CACHE=1).",
        ),
    ] = False,
) -> None:
    """pact: who must respond when a state is attacked, under which treaty clause, and why."""
    _kept_rules.set(not no_cache)  # set on every command, so that one run in a process does not decide the next


def plain_help(command: Any) -> Any:
    """The click command tree with each parameter shown in --help by a plain metavar (``XXX``, ``DATE``,
    ``table|json``, ``FILE...``), where typer would show Python's types (``<bool>``, ``<list[str]>``,
    ``{state}``): a reader of the help needs what to type, not how pact stores it."""
    for sub in getattr(command, "commands", {}).values():
        plain_help(sub)
    helped = command.get_help_option

    def help_option(ctx: Any) -> Any:
        found = helped(ctx)
        if found is not None:
            found.metavar = ""
        return found

    command.get_help_option = help_option
    for param in command.params:
        if param.param_type_name == "argument":
            shown = param.metavar or (param.name or "value").upper()  # its choices are in its help
            param.metavar = shown
            param.display_type_rich = lambda ctx: None  # the name column says it already
            suffix = "..." if param.nargs != 1 else ""
            usage = f"{shown}{suffix}" if param.required else f"[{shown}]{suffix}"
            param._usage_display_name = lambda usage=usage: usage
        else:
            param.metavar = _metavar(param)
    return command


_METAVARS = {"start": "DATE", "end": "DATE", "day": "DATE", "by": "XXX", "rules_a": "DIR", "rules_b": "DIR"}
"""What to type for the options whose name does not say it."""


def _metavar(param: Any) -> str:
    if param.metavar is not None:
        return param.metavar
    if param.name in _METAVARS:
        return _METAVARS[param.name]
    if getattr(param, "is_flag", False):
        return ""
    described = getattr(param, "type_descriptor", None)  # typer's own parameters (0.2x); click's have a type
    choices = described.choices if described is not None and described.is_choice else getattr(param, "type", None)
    choices = getattr(choices, "choices", choices) if not isinstance(choices, list | tuple) else choices
    if isinstance(choices, list | tuple) and choices:
        return "|".join(str(getattr(c, "value", c)) for c in choices)
    annotation = described.annotation if described is not None else None
    if described is not None and (described.is_ranged or annotation is int):
        return "N"
    if described is not None and described.is_path:
        return "FILE"
    return (param.name or "value").upper()


ClickError: type[Exception] = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
"""click's base error, for usage mistakes (typer uses click itself or a copy of it, by version)."""


def usage_line(error: Any) -> str | None:
    """A usage mistake (unknown option, bad value, missing argument) as one line, or None when
    click has already shown what to do (the help, for ``pact`` alone)."""
    message = " ".join(error.format_message().replace("Value error, ", "").split()).rstrip(".")
    if not message:
        return None
    context = getattr(error, "ctx", None)
    where = context.command_path if context is not None else "pact"
    return f"{where}: {message} (see {where} --help)"


_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)
"""The language of the running command's --lang, in which its errors are shown."""


def show(error: InputError) -> None:
    """Every problem of one bad input, one line each (at most MAX_PROBLEMS, then how many more),
    in the language of the command's --lang."""
    for line in rendered(error, language=_language.get()):
        typer.echo(line, err=True)


def warn(problem: InputError) -> None:
    """A problem that does not stop the command, on one line: ``pact: warning: FILE:LINE: …``."""
    typer.echo(f"pact: warning: {problem.render(_language.get())}", err=True)


def guarded(function: Callable[..., None]) -> Callable[..., None]:
    """The command with its pact errors printed one line each and exit 2, never a traceback."""

    @wraps(function)
    def run(*args: Any, **kwargs: Any) -> None:
        _language.set(kwargs.get("lang", DEFAULT_LANGUAGE))
        try:
            function(*args, **kwargs)
        except PactError as error:
            if stopped():  # an error the interrupt caused (a backend's action cut short …): told as the interrupt
                raise KeyboardInterrupt from None
            if isinstance(error, InputError):
                show(error)
            else:
                typer.echo(f"pact: {error}", err=True)
            raise typer.Exit(BAD_INPUT) from None

    return run


def command(function: Callable[..., None]) -> Callable[..., None]:
    """Register a command of ``app`` (see ``guarded``)."""
    return app.command()(guarded(function))


def _known_backend(name: str) -> str:
    if name not in backend_names():
        raise typer.BadParameter(f"{name!r} is not one of {', '.join(backend_names())}")
    return name


# Paths stay text until pact checks them: a Path would read "x.yaml/" as "x.yaml", and typer's own
# checks print a boxed error of several lines instead of pact's one line.
RulesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--rules",
        metavar="DIR",
        help="A rules directory laid over the bundled rules (repeat to add layers, in order); "
        "a treaty it defines replaces one of the same id.",
    ),
]
NoBundledOption = Annotated[
    bool, typer.Option("--no-bundled", help="Start from no rules: use only the --rules directories.")
]
ReadingOption = Annotated[
    list[str] | None,
    typer.Option(
        "--reading",
        metavar="NAME",
        help="Follow this reading of a contested point instead of its default (repeat for several points; "
        "pact readings lists them).",
    ),
]
BackendOption = Annotated[
    str,
    typer.Option(
        callback=_known_backend,
        help=f"Engine backend: {' | '.join(backend_names())}; auto = durable-rules where available.",
    ),
]
DEFAULT_BACKEND = AUTO


def _known_language(name: str) -> str:
    if name not in LANGUAGES:
        raise typer.BadParameter(f"{name!r} is not one of {', '.join(LANGUAGES)}")
    return name


# The language of reasons, headers and error lines: an option of every command that shows them.
LanguageOption = Annotated[
    str,
    typer.Option(
        "--lang",
        envvar="PACT_LANG",
        callback=_known_language,
        help=f"Language of reasons, headers, reports and errors: {' | '.join(LANGUAGES)}.",
    ),
]
OutOption = Annotated[
    Path | None, typer.Option("--out", "-o", metavar="FILE", help="Write to this file instead of the terminal.")
]
StateFilter = Annotated[
    str | None, typer.Option("--state", metavar="XXX", help="Only what this state owes, or why not (alpha-3).")
]
TreatyFilter = Annotated[
    str | None, typer.Option("--treaty", metavar="ID", help="Only the duties and non-duties under this treaty.")
]
AllOption = Annotated[
    bool,
    typer.Option(
        "--all",
        help="List every party not obligated, also those of other days (not yet or no longer parties, "
        "or of a treaty not in force that day).",
    ),
]


def write(text: str | bytes, out: Path | None) -> None:
    """Print the rendered text, or write it to ``out`` (whole or not at all: ``pact.core.output``)."""
    if out is None:
        typer.echo(text)
    else:
        write_file(out, text if isinstance(text, bytes) or text.endswith("\n") else text + "\n")


def terminal(out: Path | None) -> tuple[int, bool]:
    """The width to render for (``COLUMNS``, else the terminal's, else 80) and whether to colour."""
    width = shutil.get_terminal_size((80, 24)).columns
    color = out is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return max(width, 20), color


_kept_rules: ContextVar[bool] = ContextVar("kept_rules", default=True)
"""Whether commands may use the rulebook an earlier run stored (``--no-cache`` says no)."""


def load_rulebook(rules: list[str] | None, no_bundled: bool = False, readings: list[str] | None = None) -> Rulebook:
    """The rules, layer over layer (as stored by an earlier run when nothing changed since,
    ``pact.load.stored``), read as the chosen readings; each definition a later layer replaced is
    noted once on stderr."""
    rulebook = stored_rules(*(rules or ()), bundled=not no_bundled, keep=_kept_rules.get())
    for replaced in rulebook.replaced:
        typer.echo(f"pact: note: {replaced.render()}", err=True)
    return rulebook.read_as(readings or ())


@dataclass(frozen=True)
class Inputs:
    """The rules, the scenarios that loaded, and each file that did not (with all its problems)."""

    rulebook: Rulebook
    scenarios: tuple[tuple[Path, Scenario], ...]
    bad: tuple[InputError, ...]


def load_inputs(
    rules: list[str] | None, paths: list[str], no_bundled: bool = False, readings: list[str] | None = None
) -> Inputs:
    """Load the rules and every scenario named or found, going on past a bad scenario file."""
    rulebook = load_rulebook(rules, no_bundled, readings)
    scenarios: list[tuple[Path, Scenario]] = []
    bad: list[InputError] = []
    for file in yaml_files(paths, ScenarioError):
        try:
            scenarios.append((file, load_scenario(file, rulebook)))
        except InputError as error:
            bad.append(error)
    return Inputs(rulebook, tuple(scenarios), tuple(bad))


def load_good_inputs(
    rules: list[str] | None, paths: list[str], no_bundled: bool = False, readings: list[str] | None = None
) -> Inputs:
    """``load_inputs``, refusing to go on past a bad file: its errors are all there is to show."""
    inputs = load_inputs(rules, paths, no_bundled, readings)
    if inputs.bad:
        for error in inputs.bad:
            show(error)
        raise typer.Exit(BAD_INPUT)
    return inputs


@contextmanager
def of_file(path: Path) -> Iterator[None]:
    """An input error raised about the scenario read from ``path`` that names no file nor option (an
    explanation too large to show) names that file."""
    try:
        yield
    except InputError as error:
        if error.file is not None or error.field is not None:
            raise
        named = type(error)(error.words or error.message, file=path, suggestion=error.suggestion, code=error.code)
        raise named from None


@contextmanager
def progress_bar(what: str, unit: str, wanted: bool) -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar with rate and ETA on stderr, on a terminal; else nothing.

    Yields ``show(done, total)``; the bar appears at the first call.
    """
    if not (wanted and sys.stderr.isatty()):
        yield lambda done, total: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn(what),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task(what, total=None, rate="")

        def show(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)
            speed = bar.tasks[0].speed
            bar.update(task, rate=f"{speed:,.0f} {unit}/s" if speed else "")

        yield show
