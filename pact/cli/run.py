"""Commands that evaluate scenarios and read files: ``run``, ``test``, ``validate``, ``schema``."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from functools import cache, partial
from pathlib import Path
from typing import Annotated

import typer

from pact.cli.app import (
    BAD_INPUT,
    DEFAULT_BACKEND,
    FAILED,
    AllOption,
    BackendOption,
    LanguageOption,
    NoBundledOption,
    OutOption,
    ReadingOption,
    RulesOption,
    StateFilter,
    TreatyFilter,
    command,
    load_good_inputs,
    load_inputs,
    load_rulebook,
    of_file,
    show,
    terminal,
    warn,
    write,
)
from pact.core.errors import InputError
from pact.evaluation.answers import answer
from pact.evaluation.engine import Engine
from pact.evaluation.expectations import mismatches
from pact.evaluation.explanation import MAX_CLAUSES
from pact.load.files import yaml_files
from pact.load.loader import load_rule_file, load_rules, load_scenario, read_yaml
from pact.model import Geography, Rulebook, Scenario, Treaty
from pact.render import Options, formats, render
from pact.render.phrasing import mismatch_line
from pact.validate.static import missing_words
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
    files: Annotated[list[str], typer.Argument(metavar="FILE", help="Scenario files or directories.")],
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    reading: ReadingOption = None,
    format: Annotated[
        str, typer.Option("--format", "-f", callback=_known_format, help=f"Output format: {' | '.join(formats())}.")
    ] = "table",
    state: StateFilter = None,
    treaty: TreatyFilter = None,
    every: AllOption = False,
    lang: LanguageOption = DEFAULT_LANGUAGE,
    out: OutOption = None,
    backend: BackendOption = DEFAULT_BACKEND,
) -> None:
    """Evaluate scenarios: who is obligated, under which clause, why; who is not and why not."""
    inputs = load_good_inputs(rules, files, no_bundled, reading)
    engine = Engine(inputs.rulebook, backend=backend)
    chosen = formats()[format]
    answers = []
    for path, scenario in inputs.scenarios:
        with of_file(path):
            answers.append(
                answer(engine, scenario, state=state, treaty=treaty, explained=chosen.explained, limit=MAX_CLAUSES)
            )
    width, color = terminal(out)
    shown = render(format, answers, Options(language=lang, width=width, color=color, every_party=every))
    if chosen.picture and out is not None:
        _write_picture(str(shown), out)
    else:
        write(shown, out)


@command
def test(
    paths: Annotated[
        list[str] | None,
        typer.Argument(metavar="PATH", help="Scenario files or directories (default: scenarios/)."),
    ] = None,
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    reading: ReadingOption = None,
    backend: BackendOption = DEFAULT_BACKEND,
    lang: LanguageOption = DEFAULT_LANGUAGE,
) -> None:
    """Check every scenario's expect: block; exit 1 on any mismatch, 2 if a file is bad input.

    A bad scenario file is reported and the others still run.
    """
    inputs = load_inputs(rules, paths or ["scenarios"], no_bundled, reading)
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
            typer.echo(f"FAIL {file}: {scenario.scenario}: {mismatch_line(problem)}")
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
    no_bundled: NoBundledOption = False,
    lang: LanguageOption = DEFAULT_LANGUAGE,
) -> None:
    """Validate rule and scenario files without running them; exit 2 if any is bad.

    A rule file is checked with the rest of its directory (regions, duplicates, cycles), that
    directory laid over the rules given (by default the bundled ones), each directory once however
    many of its files are named; anything that is not a treaty or geography file is checked as a
    scenario.
    """
    known_rules = cache(partial(_rules_or_error, rules, no_bundled))
    checked: set[Path] = set()  # rule directories already laid over the rules and cross-checked
    bad = 0
    for file in yaml_files(files, InputError):
        try:
            missing = []
            if _is_rule_file(file):
                missing = missing_words(*load_rule_file(file))
                if file.parent not in checked:
                    checked.add(file.parent)
                    load_rules(*(rules or ()), file.parent, bundled=not no_bundled)
            else:
                _check_scenario(file, known_rules)
        except InputError as error:
            show(error)
            bad += 1
        else:
            for words in missing:  # told of a file that is right, so that its mistakes are never buried
                warn(words)
            typer.echo(f"ok {file}")
    if bad:
        raise typer.Exit(BAD_INPUT)


def _check_scenario(file: Path, known_rules: Callable[[], Rulebook | InputError]) -> None:
    """A scenario file's own mistakes come first, as they need no rules (even where there are none);
    where the rules load, those mistakes are worded with the areas and treaties they define to
    suggest from. Bad rules are told once and stop the command (not once per scenario file)."""
    try:
        load_scenario(file)
    except InputError:
        rulebook = known_rules()
        if isinstance(rulebook, Rulebook):
            load_scenario(file, rulebook)
        raise
    rulebook = known_rules()
    if isinstance(rulebook, InputError):
        show(rulebook)
        raise typer.Exit(BAD_INPUT)
    load_scenario(file, rulebook)


def _rules_or_error(rules: list[str] | None, no_bundled: bool) -> Rulebook | InputError:
    try:
        return load_rulebook(rules, no_bundled)
    except InputError as error:
        return error


def _is_rule_file(file: Path) -> bool:
    """Whether a file's top level names a treaty or a geography (one that cannot be read is not)."""
    try:
        data, _ = read_yaml(file, InputError)
    except InputError:
        return False  # read again as a scenario, which reports why it cannot be read
    return isinstance(data, dict) and ("treaty" in data or "geography" in data)


def _write_picture(svg: str, out: Path) -> None:
    """The map as PNG or SVG; imported here, as only ``--format map --out FILE`` draws one."""
    from pact.io.picture import write_picture
    from pact.render.worldmap import size

    write_picture(svg, out, *size(svg))


@command
def schema(
    what: Annotated[Schema, typer.Argument(help="Which file format: treaty | geography | scenario | result.")],
) -> None:
    """Print the JSON Schema of a file format (for editors and other tools)."""
    if what is Schema.result:  # a result is read as pact writes it
        from pact.render.data import result_schema  # the one use of the data formats' module here

        found = result_schema()
    else:
        found = {Schema.treaty: Treaty, Schema.geography: Geography, Schema.scenario: Scenario}[
            what
        ].model_json_schema()
    typer.echo(json.dumps(found, indent=2))
