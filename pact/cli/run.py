"""Commands that evaluate scenarios and read files: ``run``, ``test``, ``validate``, ``schema``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pact import report
from pact.cli.app import (
    BAD_INPUT,
    DEFAULT_BACKEND,
    FAILED,
    BackendOption,
    RulesOption,
    command,
    load_inputs,
    show,
)
from pact.engine import Engine
from pact.errors import InputError
from pact.expectations import mismatches
from pact.files import yaml_files
from pact.loader import load_rule_file, load_rules, load_scenario, read_yaml
from pact.model import Geography, Rulebook, Scenario, Treaty
from pact.result import Result


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class Schema(StrEnum):
    treaty = "treaty"
    geography = "geography"
    scenario = "scenario"
    result = "result"


@command
def run(
    files: Annotated[list[str], typer.Argument(metavar="FILE", help="Scenario files or directories.")],
    rules: RulesOption = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    backend: BackendOption = DEFAULT_BACKEND,
) -> None:
    """Evaluate scenarios: who is obligated, under which clause, why; who is not and why not."""
    inputs = load_inputs(rules, files)
    if inputs.bad:  # nothing is evaluated until every file is good, so the errors are all there is
        for error in inputs.bad:
            show(error)
        raise typer.Exit(BAD_INPUT)
    engine = Engine(inputs.rulebook, backend=backend)
    results = [engine.evaluate(scenario) for _, scenario in inputs.scenarios]
    if format is Format.json:
        typer.echo(report.as_json(results))
    elif format is Format.jsonl:
        typer.echo(report.as_jsonl(results))
    else:
        typer.echo("\n\n".join(report.table(r) for r in results))


@command
def test(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", help="Scenario files or directories (default: scenarios/)."),
    ] = None,
    rules: RulesOption = None,
    backend: BackendOption = DEFAULT_BACKEND,
) -> None:
    """Check every scenario's expect: block; exit 1 on any mismatch, 2 if a file is bad input.

    A bad scenario file is reported and the others still run.
    """
    inputs = load_inputs(rules, paths or ["scenarios"])
    for error in inputs.bad:
        show(error)
    engine = Engine(inputs.rulebook, backend=backend)
    passed = failed = unchecked = 0
    for file, scenario in inputs.scenarios:
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
    if inputs.bad:
        files = "1 scenario file is" if len(inputs.bad) == 1 else f"{len(inputs.bad)} scenario files are"
        typer.echo(f"({files} bad input and did not run)")
    typer.echo(f"{passed} passed, {failed} failed")
    if inputs.bad:
        raise typer.Exit(BAD_INPUT)
    if failed:
        raise typer.Exit(FAILED)


@command
def validate(
    files: Annotated[list[str], typer.Argument(metavar="FILE", help="Rule or scenario files, or directories.")],
    rules: RulesOption = None,
) -> None:
    """Validate rule and scenario files without running them; exit 2 if any is bad.

    A rule file is checked with the rest of its directory (regions, duplicates, cycles);
    anything that is not a treaty or geography file is checked as a scenario.
    """
    rulebook: Rulebook | None = None
    bad = 0
    for file in yaml_files(files, InputError):
        rule_file = _is_rule_file(file)
        if not rule_file and rulebook is None:
            rulebook = load_rules(rules)  # bad rules stop the command: told once, not once per scenario
        try:
            if rule_file:
                load_rule_file(file)
                load_rules(file.parent)
            else:
                load_scenario(file, rulebook)
        except InputError as error:
            show(error)
            bad += 1
        else:
            typer.echo(f"ok {file}")
    if bad:
        raise typer.Exit(BAD_INPUT)


def _is_rule_file(file: Path) -> bool:
    """Whether a file's top level names a treaty or a geography (one that cannot be read is not)."""
    try:
        data, _ = read_yaml(file, InputError)
    except InputError:
        return False  # read again as a scenario, which reports why it cannot be read
    return isinstance(data, dict) and ("treaty" in data or "geography" in data)


@command
def schema(what: Annotated[Schema, typer.Argument(help="Which file format.")]) -> None:
    """Print the JSON Schema of a file format (for editors and other tools)."""
    model = {Schema.treaty: Treaty, Schema.geography: Geography, Schema.scenario: Scenario, Schema.result: Result}[what]
    typer.echo(json.dumps(model.model_json_schema(by_alias=True), indent=2))
