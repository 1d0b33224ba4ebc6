"""The typer application every command module registers on, and what they share.

Errors are rendered here, once: bad input prints ``FILE:LINE: field: what is wrong`` and exits 2.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer

from pact.backends import AUTO, backend_names
from pact.errors import InputError, PactError
from pact.loader import load_rules, load_scenario
from pact.model import Rulebook, Scenario
from pact.words import LANGUAGES

OK, FAILED, BAD_INPUT = 0, 1, 2

app = typer.Typer(
    help="pact: who must respond when a state is attacked, under which treaty clause, and why.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def guarded(function: Callable[..., None]) -> Callable[..., None]:
    """The command with its pact errors printed on one line and exit 2, never a traceback."""

    @wraps(function)
    def run(*args: Any, **kwargs: Any) -> None:
        try:
            function(*args, **kwargs)
        except PactError as error:
            typer.echo(error.render() if isinstance(error, InputError) else f"pact: {error}", err=True)
            raise typer.Exit(BAD_INPUT) from None

    return run


def command(function: Callable[..., None]) -> Callable[..., None]:
    """Register a command of ``app`` (see ``guarded``)."""
    return app.command()(guarded(function))


def _known_backend(name: str) -> str:
    if name not in backend_names():
        raise typer.BadParameter(f"{name!r} is not one of {', '.join(backend_names())}")
    return name


RulesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules",
        help="A rules directory laid over the bundled rules (repeat to add layers, in order); "
        "a treaty it defines replaces one of the same id.",
    ),
]
NoBundledOption = Annotated[
    bool, typer.Option("--no-bundled", help="Start from no rules: use only the --rules directories.")
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


# Error lines are English for now; the language is an option of every command that shows
# reasons, so that errors can follow it once their messages are in the catalogues.
LanguageOption = Annotated[
    str,
    typer.Option(
        "--lang",
        envvar="PACT_LANG",
        callback=_known_language,
        help=f"Language of reasons, headers and reports: {' | '.join(LANGUAGES)}.",
    ),
]
OutOption = Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of the terminal.")]


def write(text: str | bytes, out: Path | None) -> None:
    """Print the rendered text, or write it to ``out``."""
    if out is None:
        typer.echo(text)
    elif isinstance(text, bytes):
        out.write_bytes(text)
    else:
        out.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def terminal(out: Path | None) -> tuple[int, bool]:
    """The width to render for (``COLUMNS``, else the terminal's, else 80) and whether to colour."""
    width = shutil.get_terminal_size((80, 24)).columns
    color = out is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return max(width, 20), color


def load_rulebook(rules: list[Path] | None, no_bundled: bool = False) -> Rulebook:
    """The rules, layer over layer; each definition a later layer replaced is noted once on stderr."""
    rulebook = load_rules(*(rules or ()), bundled=not no_bundled)
    for replaced in rulebook.replaced:
        typer.echo(f"pact: note: {replaced.render()}", err=True)
    return rulebook


def load_inputs(
    rules: list[Path] | None, files: list[Path], no_bundled: bool = False
) -> tuple[Rulebook, list[tuple[Path, Scenario]]]:
    """The rules and every scenario, all checked before any evaluation (so bad input is one line)."""
    rulebook = load_rulebook(rules, no_bundled)
    return rulebook, [(file, load_scenario(file, rulebook)) for file in scenario_files(files)]


def scenario_files(paths: list[Path]) -> Iterator[Path]:
    """The YAML files named, directories searched for ``*.yaml``/``*.yml``."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))
        elif path.exists():
            yield path
        else:
            raise InputError("no such file or directory", file=path)
