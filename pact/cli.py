"""The ``pact`` command: a thin layer over the Python API. The only module that imports typer.

Errors are rendered here, once: bad input prints ``FILE:LINE: field: what is wrong`` and exits 2.
"""

from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Callable, Iterator
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from pact import report
from pact.backends import BackendName
from pact.engine import Engine
from pact.errors import InputError, PactError
from pact.expectations import mismatches
from pact.loader import load_rule_file, load_rules, load_scenario, read_yaml
from pact.model import Geography, Rulebook, Scenario, Treaty
from pact.result import Result

if TYPE_CHECKING:
    from pact.consistency import PropertyRun

OK, FAILED, BAD_INPUT = 0, 1, 2

app = typer.Typer(
    help="pact: who must respond when a state is attacked, under which treaty clause, and why.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class Format(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class Backend(StrEnum):
    auto = "auto"
    durable = "durable"
    reference = "reference"


class Schema(StrEnum):
    treaty = "treaty"
    geography = "geography"
    scenario = "scenario"
    result = "result"


def command(function: Callable[..., None]) -> Callable[..., None]:
    """Register a command whose pact errors print one line and exit 2, never a traceback."""

    @wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> None:
        try:
            function(*args, **kwargs)
        except PactError as error:
            typer.echo(error.render() if isinstance(error, InputError) else f"pact: {error}", err=True)
            raise typer.Exit(BAD_INPUT) from None

    return app.command()(guarded)


RulesOption = Annotated[Path | None, typer.Option("--rules", help="Rules directory (default: the bundled rules).")]
BackendOption = Annotated[Backend, typer.Option(help="Engine backend; auto = durable-rules where available.")]


def _load(rules: Path | None, files: list[Path]) -> tuple[Rulebook, list[tuple[Path, Scenario]]]:
    """The rules and every scenario, all checked before any evaluation (so bad input is one line)."""
    rulebook = load_rules(rules)
    return rulebook, [(file, load_scenario(file, rulebook)) for file in _scenario_files(files)]


def _engine(rulebook: Rulebook, backend: Backend) -> Engine:
    name: BackendName = backend.value  # type: ignore[assignment]
    return Engine(rulebook, backend=name)


def _scenario_files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))
        elif path.exists():
            yield path
        else:
            raise InputError("no such file or directory", file=path)


@command
def run(
    files: Annotated[list[Path], typer.Argument(help="Scenario files.")],
    rules: RulesOption = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    backend: BackendOption = Backend.auto,
) -> None:
    """Evaluate scenarios: who is obligated, under which clause, why; who is not and why not."""
    rulebook, loaded = _load(rules, files)
    engine = _engine(rulebook, backend)
    results = [engine.evaluate(scenario) for _, scenario in loaded]
    if format is Format.json:
        typer.echo(report.as_json(results))
    elif format is Format.jsonl:
        typer.echo(report.as_jsonl(results))
    else:
        typer.echo("\n\n".join(report.table(r) for r in results))


@command
def test(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Scenario files or directories (default: scenarios/).")
    ] = None,
    rules: RulesOption = None,
    backend: BackendOption = Backend.auto,
) -> None:
    """Check every scenario's expect: block; exit 1 on any mismatch."""
    rulebook, loaded = _load(rules, paths or [Path("scenarios")])
    engine = _engine(rulebook, backend)
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
) -> None:
    """Validate rule and scenario files without running them.

    A rule file is checked with the rest of its directory (regions, duplicates, cycles);
    anything that is not a treaty or geography file is checked as a scenario.
    """
    rulebook: Rulebook | None = None
    for file in _scenario_files(files):
        data, _ = read_yaml(file, InputError)
        if isinstance(data, dict) and ("treaty" in data or "geography" in data):
            load_rule_file(file)
            load_rules(file.parent)
        else:
            rulebook = rulebook or load_rules(rules)
            load_scenario(file, rulebook)
        typer.echo(f"ok {file}")


@command
def check(
    rules: RulesOption = None,
    examples: Annotated[int, typer.Option(min=1, help="Examples per property.")] = 200,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed finds the same examples.")] = 0,
    save_failures: Annotated[Path, typer.Option(help="Where counterexample scenarios are written.")] = Path(
        "pact-failures"
    ),
    backend: BackendOption = Backend.reference,
) -> None:
    """Check a rule set: static findings (PACTnnn codes), then properties searched with hypothesis.

    Each property failure is shrunk and written as a scenario file that reproduces it. Exit 1 on
    any finding or failure.
    """
    from pact.consistency import check_rules  # hypothesis is only needed here

    where = f" --rules {rules}" if rules else ""

    def show(run: PropertyRun) -> None:
        status = "ok  " if run.failure is None else "FAIL"
        typer.echo(f"{status} {run.name:<20} {run.examples:>6} examples  {run.description}")
        if run.failure is not None:
            typer.echo(f"     {run.failure.message}")
            typer.echo(f"     reproduce: pact test{where} {run.saved}")

    name: BackendName = backend.value  # type: ignore[assignment]
    report = check_rules(rules, examples=examples, seed=seed, save_failures=save_failures, backend=name, progress=show)
    for finding in report.findings:
        typer.echo(finding.render())
    for file in report.reproductions:
        typer.echo(f"reproduce: pact test{where} {file}")
    if report.skipped:
        typer.echo(f"properties not run: {report.skipped}")
    failed = sum(run.failure is not None for run in report.properties)
    typer.echo(
        f"{len(report.findings)} static findings; {len(report.properties) - failed} properties held, {failed} failed"
    )
    if not report.ok:
        raise typer.Exit(FAILED)


@command
def schema(what: Annotated[Schema, typer.Argument(help="Which file format.")]) -> None:
    """Print the JSON Schema of a file format (for editors and other tools)."""
    model = {Schema.treaty: Treaty, Schema.geography: Geography, Schema.scenario: Scenario, Schema.result: Result}[what]
    typer.echo(json.dumps(model.model_json_schema(by_alias=True), indent=2))


def _one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"pact: warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code (0 ok, 1 failed expectations, 2 bad input)."""
    warnings.showwarning = _one_line_warning
    try:
        app(args=argv, prog_name="pact")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else (0 if done.code is None else BAD_INPUT)
    return OK


def entry_point() -> None:
    sys.exit(main())
