"""``pact explain``: why each state is or is not obligated, clause by clause."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer

from pact.cli.app import (
    DEFAULT_BACKEND,
    AllOption,
    BackendOption,
    LanguageOption,
    NoBundledOption,
    OutOption,
    ReadingOption,
    RulesOption,
    command,
    load_good_inputs,
    of_file,
    terminal,
    write,
)
from pact.evaluation.engine import Engine
from pact.evaluation.explanation import MAX_CLAUSES
from pact.evaluation.explanation import explain as explained
from pact.model.lexicon import RuleWords
from pact.render import Options
from pact.render.common import of_the_day
from pact.render.reader import Reader
from pact.render.terminal import explanations
from pact.words import DEFAULT_LANGUAGE


class ExplainFormat(StrEnum):
    text = "text"
    json = "json"


@command
def explain(
    file: Annotated[str, typer.Argument(help="A scenario file.")],
    state: Annotated[str | None, typer.Option(metavar="XXX", help="Only this state (alpha-3).")] = None,
    treaty: Annotated[
        str | None, typer.Option(metavar="ID", help="Only this treaty (even one the events do not concern).")
    ] = None,
    event: Annotated[str | None, typer.Option(metavar="ID", help="Only this event of the scenario.")] = None,
    every: AllOption = False,
    format: Annotated[ExplainFormat, typer.Option("--format", "-f", help="text (a tree) or json.")] = "text",
    lang: LanguageOption = DEFAULT_LANGUAGE,
    out: OutOption = None,
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    reading: ReadingOption = None,
    backend: BackendOption = DEFAULT_BACKEND,
) -> None:
    """Why a state is or is not obligated, clause by clause.

    For each (state, treaty, event) asked — without filters, every state the events concern —
    every clause's tests as a tree, each citing its article and FILE:LINE; failed tests and the
    decisive one are marked.
    """
    inputs = load_good_inputs(rules, [file], no_bundled, reading)
    engine = Engine(inputs.rulebook, backend=backend)
    items = []
    for path, scenario in inputs.scenarios:
        with of_file(path):
            items += explained(engine, scenario, state=state, treaty=treaty, event=event, limit=MAX_CLAUSES)
    if format is ExplainFormat.json:
        write(json.dumps([e.model_dump(mode="json") for e in items], indent=2, ensure_ascii=False), out)
        return
    if not (every or state):  # the parties of other days, unless asked for
        items = [e for e in items if e.obligated or of_the_day(e.decisive)]
    who = Reader(lang, RuleWords.of(inputs.rulebook), names=True)
    if not items:
        write(who.say("explain.none", state=state) if state else who.say("explain.nothing"), out)
    else:
        width, color = terminal(out)
        write(explanations(items, Options(language=lang, width=width, color=color), who), out)
