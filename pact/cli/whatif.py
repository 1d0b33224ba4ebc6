"""Hypotheticals and orientation: ``diff``, ``timeline``, ``treaties``."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from pydantic import TypeAdapter, ValidationError

from pact.analysis.differences import diff as compare
from pact.analysis.differences import matched_events
from pact.analysis.inforce import contested_points, treaties_in_force
from pact.analysis.timelines import timeline as compute_timeline
from pact.cli.app import (
    DEFAULT_BACKEND,
    BackendOption,
    LanguageOption,
    NoBundledOption,
    ReadingOption,
    RulesOption,
    command,
    load_rulebook,
)
from pact.core.codes import Alpha3
from pact.core.errors import InputError, ScenarioError
from pact.evaluation.engine import Engine
from pact.io.picture import write_picture
from pact.load.files import named_file
from pact.load.loader import load_scenario
from pact.model import EventType, Rulebook, Scenario
from pact.model.lexicon import RuleWords
from pact.model.result import Result
from pact.render import diff as diff_render
from pact.render import inforce
from pact.render import timeline as timeline_render
from pact.render.reader import Reader
from pact.words import DEFAULT_LANGUAGE

_ALPHA3 = TypeAdapter(Alpha3)


class DiffFormat(StrEnum):
    table = "table"
    json = "json"
    mermaid = "mermaid"


class ListingFormat(StrEnum):
    table = "table"
    json = "json"


ListingFormatOption = Annotated[ListingFormat, typer.Option("--format", "-f", help="Output format.")]


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date: write it as YYYY-MM-DD") from None


def _state(text: str) -> str:
    try:
        return _ALPHA3.validate_python(text)
    except ValidationError as error:
        raise typer.BadParameter(error.errors()[0]["msg"].removeprefix("Value error, ")) from None


def _maybe_state(text: str | None) -> str | None:
    return _state(text) if text else None


RulesA = Annotated[list[Path] | None, typer.Option("--rules-a", help="Rules layered for side a (repeatable).")]
RulesB = Annotated[list[Path] | None, typer.Option("--rules-b", help="Rules layered for side b (repeatable).")]


@command
def diff(
    files: Annotated[list[str], typer.Argument(help="One scenario file, or two (a, then b).")],
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    reading: ReadingOption = None,
    rules_a: RulesA = None,
    rules_b: RulesB = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = DiffFormat.table,
    lang: LanguageOption = DEFAULT_LANGUAGE,
    backend: BackendOption = DEFAULT_BACKEND,
) -> None:
    """Duties gained, lost and changed between two scenarios, or one scenario under two rule sets.

    With one file and no --rules-a/--rules-b: the scenario without its assume: block (a) against
    the scenario as written (b), i.e. what its assumptions change.
    """
    if len(files) > 2:
        raise InputError("diff compares two sides: give one or two scenario files")
    base = list(rules or [])
    engine_a = _engine([*base, *(rules_a or [])], no_bundled, backend, reading)
    engine_b = (
        engine_a if not (rules_a or rules_b) else _engine([*base, *(rules_b or [])], no_bundled, backend, reading)
    )
    scenario_a = load_scenario(named_file(files[0], ScenarioError), engine_a.rulebook)
    scenario_b = load_scenario(named_file(files[-1], ScenarioError), engine_b.rulebook)
    who = Reader(lang, RuleWords.of(engine_b.rulebook), names=True)
    labels = [f"{files[0]}", f"{files[-1]}"]
    if len(files) == 1 and engine_a is engine_b:
        if not scenario_a.assume:
            raise InputError("one scenario without assume: has nothing to compare: give two files, or --rules-a/-b")
        scenario_a = scenario_a.model_copy(update={"assume": ()})
        labels = [who.say("diff.without", file=files[0]), who.say("diff.with", file=files[0])]
    elif engine_a is not engine_b:
        labels = [
            who.say("diff.under", file=labels[0], rules=_layers(base, rules_a, who)),
            who.say("diff.under", file=labels[1], rules=_layers(base, rules_b, who)),
        ]
    events = matched_events(scenario_a, scenario_b)
    found = compare(_lean(engine_a, scenario_a), _lean(engine_b, scenario_b), *labels, events=events)
    if format is DiffFormat.json:
        typer.echo(found.to_json())
    elif format is DiffFormat.mermaid:
        typer.echo(diff_render.mermaid(found, who))
    else:
        typer.echo(diff_render.table(found, who))


def _engine(layers: list[Path], no_bundled: bool, backend: str, readings: list[str] | None) -> Engine:
    return Engine(load_rulebook(layers, no_bundled, readings), backend=backend)


def _lean(engine: Engine, scenario: Scenario) -> Result:
    return engine.evaluate(scenario, full=False)


def _layers(base: list[Path], extra: list[Path] | None, who: Reader) -> str:
    named = [*base, *(extra or [])]
    return " + ".join(map(str, named)) if named else who.say("diff.bundled")


@command
def timeline(
    state: Annotated[str, typer.Argument(help="The state (ISO 3166-1 alpha-3).", callback=_state)],
    start: Annotated[
        str | None,
        typer.Option("--from", callback=_day, help="First day, YYYY-MM-DD (default: the first day any rule applies)."),
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", callback=_day, help="Day after the last, YYYY-MM-DD (default: today).")
    ] = None,
    event: Annotated[
        list[EventType] | None, typer.Option("--event", help="Event types to ask about (repeatable; default: all).")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(callback=_maybe_state, help="The attacking state (default: a state party to no treaty)."),
    ] = None,
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    reading: ReadingOption = None,
    format: ListingFormatOption = ListingFormat.table,
    out: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Also draw the timeline: FILE.svg, or FILE.png (needs Chromium)."),
    ] = None,
    lang: LanguageOption = DEFAULT_LANGUAGE,
    backend: BackendOption = DEFAULT_BACKEND,
) -> None:
    """Who owes STATE a duty and to whom STATE owes one, as periods between the days the rules change."""
    engine = Engine(load_rulebook(rules, no_bundled, reading), backend=backend)
    found = compute_timeline(engine, state, start, end, tuple(event or EventType), by=by)  # type: ignore[arg-type]
    who = Reader(lang, RuleWords.of(engine.rulebook), names=True)
    typer.echo(found.to_json() if format is ListingFormat.json else timeline_render.table(found, who))
    if out is not None:
        picture = timeline_render.svg(found, who)
        write_picture(picture, out, *timeline_render.size(picture))


@command
def treaties(
    day: Annotated[
        str | None, typer.Option("--date", callback=_day, help="The day, YYYY-MM-DD (default: today).")
    ] = None,
    state: Annotated[
        str | None, typer.Option(callback=_maybe_state, help="Only the treaties this state is a party of.")
    ] = None,
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    reading: ReadingOption = None,
    format: ListingFormatOption = ListingFormat.table,
    lang: LanguageOption = DEFAULT_LANGUAGE,
) -> None:
    """Which treaties are in force on a day, and their parties with their standing."""
    rulebook: Rulebook = load_rulebook(rules, no_bundled, reading)
    when: date = day or date.today()  # type: ignore[assignment]
    found = treaties_in_force(rulebook, when, state)
    if format is ListingFormat.json:
        typer.echo(inforce.as_json(found, when))
    else:
        typer.echo(inforce.table(found, when, Reader(lang, RuleWords.of(rulebook), names=True)))


@command
def readings(
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    reading: ReadingOption = None,
    format: ListingFormatOption = ListingFormat.table,
    lang: LanguageOption = DEFAULT_LANGUAGE,
) -> None:
    """The contested points of the rules: each reading, with its source, and the one followed."""
    rulebook: Rulebook = load_rulebook(rules, no_bundled, reading)
    points = contested_points(rulebook)
    if format is ListingFormat.json:
        typer.echo(json.dumps([p.model_dump(mode="json") for p in points], indent=2, ensure_ascii=False))
    else:
        typer.echo(inforce.contested_text(points, Reader(lang, RuleWords.of(rulebook), names=True)))
