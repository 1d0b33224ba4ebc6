"""Datasets for research: ``dyads`` (a directed dyad table over time) and ``sweep`` (scenario grids)."""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from pact.analysis.dyads import ALL, Attacker, Baseline, Every, columns
from pact.analysis.dyads import dyads as dyad_table
from pact.analysis.sweep import COLUMNS, NON_PARTY, Grid, Interval, check_grid, count
from pact.analysis.sweep import sweep as run_sweep
from pact.cli import INTERRUPTED
from pact.cli.app import (
    DEFAULT_BACKEND,
    BackendOption,
    LanguageOption,
    NoBundledOption,
    RulesOption,
    command,
    load_rulebook,
)
from pact.core.errors import InputError
from pact.evaluation.engine import Engine
from pact.io.tables import TableWriter
from pact.model import EventType
from pact.words import DEFAULT_LANGUAGE, say

PROGRESS_FROM = 2_000
"""Sweeps of at least this many scenarios show a progress bar (on a terminal)."""


def _day(text: str, field: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{text!r} is not a date: write it as YYYY-MM-DD", field=field) from None


def _types(text: str) -> tuple[EventType, ...]:
    try:
        return tuple(EventType(t.strip()) for t in text.split(",") if t.strip())
    except ValueError:
        known = ", ".join(t.value for t in EventType)
        raise InputError(f"{text!r}: event types are {known}", field="type") from None


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in text.split(",") if c.strip())


OutFile = Annotated[Path, typer.Option("--out", "-o", help="The table to write: FILE.csv, FILE.parquet or FILE.jsonl.")]
From = Annotated[str, typer.Option("--from", help="First day (YYYY-MM-DD).")]
To = Annotated[str, typer.Option("--to", help="First day after the window (YYYY-MM-DD).")]
Types = Annotated[str, typer.Option("--type", help="Event types, comma-separated.")]
ProgressOption = Annotated[bool, typer.Option(help="Show a progress bar on long runs (on a terminal).")]


@command
def dyads(
    start: From,
    end: To,
    out: OutFile,
    every: Annotated[
        Every, typer.Option("--every", help="One row per day, month, year, or stretch without change.")
    ] = (Every.change),
    attacker: Annotated[
        Attacker,
        typer.Option(
            "--attacker",
            help="Who attacks each state: a state party to none of its treaties; that state, then each adversary "
            "a clause names; or none.",
        ),
    ] = Attacker.non_party,
    location: Annotated[
        str | None,
        typer.Option("--location", help="Where every attack happens (default: the attacked state's territory)."),
    ] = None,
    requested: Annotated[
        str | None,
        typer.Option("--requested", help=f"Whom each attacked state asks for help: treaties, states, or {ALL}."),
    ] = None,
    types: Types = EventType.armed_attack.value,
    undetermined: Annotated[
        bool, typer.Option("--undetermined", help="Count duties that hinge on conditions the rules cannot test.")
    ] = False,
    progress: ProgressOption = True,
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    lang: LanguageOption = DEFAULT_LANGUAGE,
    backend: BackendOption = DEFAULT_BACKEND,
) -> None:
    """A directed dyad table: who owes whom defence, offence, neutrality, non-aggression, consultation."""
    engine = Engine(load_rulebook(rules, no_bundled), backend=backend)
    asked = tuple(c.strip() for c in (requested or "").split(",") if c.strip())
    baseline = Baseline(
        attacker=attacker, location=location, requested=asked, events=_types(types), undetermined=undetermined
    )
    with TableWriter(out, columns(every)) as table, _bar("dyads", "change days", progress) as show:
        found = dyad_table(engine, _day(start, "from"), _day(end, "to"), every, baseline, show)
        for batch in _batches(tuple(d.record(every).values()) for d in found):
            table.write(batch)
    typer.echo(say(lang, "research.rows", rows=table.rows, out=out), err=True)


def _batches(rows: Iterator[tuple], size: int = 10_000) -> Iterator[list[tuple]]:
    batch: list[tuple] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@command
def sweep(
    start: From,
    end: To,
    out: OutFile,
    every: Annotated[Interval, typer.Option("--every", help="The step between dates.")] = Interval.day,
    targets: Annotated[
        str, typer.Option("--targets", help="all | parties:TREATY | XXX,YYY (who is attacked).")
    ] = "all",
    by: Annotated[
        str, typer.Option("--by", help="none | non-party | XXX,YYY (who attacks, one at a time).")
    ] = NON_PARTY,
    types: Types = EventType.armed_attack.value,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    progress: ProgressOption = True,
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    lang: LanguageOption = DEFAULT_LANGUAGE,
    backend: BackendOption = DEFAULT_BACKEND,
) -> None:
    """Evaluate a grid of scenarios (targets × attackers × event types × dates) into one tidy table."""
    engine = Engine(load_rulebook(rules, no_bundled), backend=backend)
    grid = Grid(
        start=_day(start, "from"),
        end=_day(end, "to"),
        step=every,
        targets=targets if targets == "all" or targets.startswith("parties:") else _codes(targets),
        by=by if by in ("none", NON_PARTY) else _codes(by),
        types=_types(types),
    )
    check_grid(engine, grid)
    total, done = count(engine, grid), 0
    bar = _bar("sweep", "scenarios", progress and total >= PROGRESS_FROM)
    with TableWriter(out, COLUMNS) as table, _workers(jobs) as executor, bar as show:
        try:
            for stretch in run_sweep(engine, grid, executor, encode=table.encoder):
                table.write_encoded(stretch.encoded, stretch.count)
                done += stretch.scenarios
                show(done, total)
        except KeyboardInterrupt:
            table.close()
            # the command's own line; pact's last line, for every command, says it was interrupted
            typer.echo(say(lang, "research.stopped", done=f"{done:,}", total=f"{total:,}", out=out), err=True)
            raise typer.Exit(INTERRUPTED) from None
    typer.echo(say(lang, "research.scenarios", done=f"{done:,}", rows=f"{table.rows:,}", out=out), err=True)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops the sweep and closes the file."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def _workers(jobs: int) -> Iterator[Executor | None]:
    if jobs == 1:
        yield None
        return
    from concurrent.futures import ProcessPoolExecutor  # imported only when workers are asked for

    executor = ProcessPoolExecutor(max_workers=jobs, initializer=_ignore_interrupts)
    try:
        yield executor
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _bar(what: str, unit: str, wanted: bool) -> Iterator[Callable[[int, int], None]]:
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
