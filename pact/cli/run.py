"""Commands that evaluate scenarios and read files: ``run``, ``test``, ``validate``, ``schema``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pact.cli.app import (
    DEFAULT_BACKEND,
    FAILED,
    BackendOption,
    LanguageOption,
    NoBundledOption,
    OutOption,
    RulesOption,
    command,
    load_inputs,
    load_rulebook,
    scenario_files,
    terminal,
    write,
)
from pact.engine import Engine
from pact.errors import InputError
from pact.expectations import mismatches
from pact.loader import load_rule_file, load_rules, load_scenario, read_yaml
from pact.model import Geography, Rulebook, Scenario, Treaty
from pact.render import Options, answer, formats, render
from pact.result import Result
from pact.words import DEFAULT_LANGUAGE


class Schema(StrEnum):
    treaty = "treaty"
    geography = "geography"
    scenario = "scenario"
    result = "result"


def _known_format(name: str) -> str:
    if name not in formats():
        raise typer.BadParameter(f"{name!r} is not one of {', '.join(formats())}")
    return name


@command
def run(
    files: Annotated[list[Path], typer.Argument(help="Scenario files.")],
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    format: Annotated[
        str, typer.Option("--format", "-f", callback=_known_format, help=f"Output format: {' | '.join(formats())}.")
    ] = "table",
    state: Annotated[str | None, typer.Option(help="Only what this state owes, or why not (alpha-3).")] = None,
    treaty: Annotated[str | None, typer.Option(help="Only the duties and non-duties under this treaty.")] = None,
    lang: LanguageOption = DEFAULT_LANGUAGE,
    out: OutOption = None,
    backend: BackendOption = DEFAULT_BACKEND,
) -> None:
    """Evaluate scenarios: who is obligated, under which clause, why; who is not and why not."""
    rulebook, loaded = load_inputs(rules, files, no_bundled)
    engine = Engine(rulebook, backend=backend)
    explained = formats()[format].explained
    answers = [answer(engine, s, state=state, treaty=treaty, explained=explained) for _, s in loaded]
    width, color = terminal(out)
    write(render(format, answers, Options(language=lang, width=width, color=color)), out)


@command
def test(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Scenario files or directories (default: scenarios/).")
    ] = None,
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    backend: BackendOption = DEFAULT_BACKEND,
) -> None:
    """Check every scenario's expect: block; exit 1 on any mismatch."""
    rulebook, loaded = load_inputs(rules, paths or [Path("scenarios")], no_bundled)
    engine = Engine(rulebook, backend=backend)
    passed = failed = unchecked = 0
    for file, scenario in loaded:
        if scenario.expect is None:
            unchecked += 1
            continue
        problems = mismatches(scenario, engine.evaluate(scenario))
        for problem in problems:
            typer.echo(f"FAIL {file}: {scenario.scenario}: {problem}")
        failed += bool(problems)
        passed += not problems
    if unchecked:
        typer.echo(f"({unchecked} scenario files have no expect: block)")
    typer.echo(f"{passed} passed, {failed} failed")
    if failed:
        raise typer.Exit(FAILED)


@command
def validate(
    files: Annotated[list[Path], typer.Argument(help="Rule or scenario files.")],
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
) -> None:
    """Validate rule and scenario files without running them.

    A rule file is checked with the rest of its directory (regions, duplicates, cycles), that
    directory laid over the rules given (by default the bundled ones); anything that is not a
    treaty or geography file is checked as a scenario.
    """
    rulebook: Rulebook | None = None
    layered: set[Path] = set()  # directories already checked whole: once each, not once per file
    for file in scenario_files(files):
        data, _ = read_yaml(file, InputError)
        if isinstance(data, dict) and ("treaty" in data or "geography" in data):
            load_rule_file(file)
            if file.parent.resolve() not in layered:
                load_rules(*(rules or ()), file.parent, bundled=not no_bundled)
                layered.add(file.parent.resolve())
        else:
            load_scenario(file)  # the file's own mistakes first: they need no rules
            rulebook = rulebook or load_rulebook(rules, no_bundled)
            load_scenario(file, rulebook)
        typer.echo(f"ok {file}")


@command
def schema(what: Annotated[Schema, typer.Argument(help="Which file format.")]) -> None:
    """Print the JSON Schema of a file format (for editors and other tools)."""
    model = {Schema.treaty: Treaty, Schema.geography: Geography, Schema.scenario: Scenario, Schema.result: Result}[what]
    mode = "serialization" if what is Schema.result else "validation"  # a result is read as pact writes it
    typer.echo(json.dumps(model.model_json_schema(by_alias=True, mode=mode), indent=2))
