"""Datasets for research: ``dyads`` (a directed dyad table over time) and ``sweep`` (scenario grids)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from pact.analysis.dyads import ALL, Attacker, Baseline, Every
from pact.analysis.research import SWEEP_COLUMNS, Shape, provenance, sweep_asked
from pact.analysis.research import dyads as dyad_table
from pact.analysis.sweep import NON_PARTY, Grid, Interval, check_grid, count
from pact.analysis.sweep import sweep as run_sweep
from pact.cli.app import (
    DEFAULT_BACKEND,
    BackendOption,
    LanguageOption,
    NoBundledOption,
    ReadingOption,
    RulesOption,
    command,
    load_rulebook,
    progress_bar,
)
from pact.core.errors import InputError
from pact.core.states import Scheme
from pact.evaluation.engine import Engine
from pact.io.tables import TableWriter, write_provenance
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


class Made(StrEnum):
    """Where a table says what made it (pact's version, the rules' fingerprint, what was asked)."""

    sidecar = "sidecar"  # FILE.provenance.json beside the table (and a Parquet file's metadata)
    column = "column"  # the sidecar, and two columns in every row: pact_version, rules
    none = "none"  # only a Parquet file's metadata


ProvenanceOption = Annotated[
    Made,
    typer.Option(
        "--provenance",
        help="sidecar: FILE.provenance.json beside the table; column: that, and pact_version and rules columns.",
    ),
]


def _coverage(text: str | None) -> tuple[date, date] | None:
    if text is None:
        return None
    first, sep, until = text.partition("..")
    if not sep:
        raise InputError(f"{text!r}: write the coverage as FROM..TO (YYYY-MM-DD..YYYY-MM-DD)", field="coverage")
    return _day(first, "coverage"), _day(until, "coverage")


def _made(out: Path, made: Made, provenance: dict, lang: str) -> None:
    if made is not Made.none:
        typer.echo(say(lang, "research.provenance", path=write_provenance(out, provenance)), err=True)


@command
def dyads(
    start: From,
    end: To,
    out: OutFile,
    every: Annotated[
        Every | None,
        typer.Option(
            "--every",
            help="One row per day, month, year, or stretch without change (default: change; year for peacesciencer).",
        ),
    ] = None,
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
    codes: Annotated[
        Scheme, typer.Option("--codes", help="Name states by pact's codes, COW or Gleditsch-Ward numbers.")
    ] = Scheme.iso,
    shape: Annotated[
        Shape, typer.Option("--shape", help="pact's columns, or peacesciencer's dyad-year frame (atop_* columns).")
    ] = Shape.pact,
    all_dyads: Annotated[
        bool,
        typer.Option("--all-dyads", help="peacesciencer: every directed dyad of the state system each year."),
    ] = False,
    coverage: Annotated[
        str | None,
        typer.Option("--coverage", help="FROM..TO: the days the rules speak for; other years get missing values."),
    ] = None,
    made: ProvenanceOption = Made.sidecar,
    progress: ProgressOption = True,
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    reading: ReadingOption = None,
    lang: LanguageOption = DEFAULT_LANGUAGE,
    backend: BackendOption = DEFAULT_BACKEND,
) -> None:
    """A directed dyad table: who owes whom defence, offence, neutrality, non-aggression, consultation."""
    engine = Engine(load_rulebook(rules, no_bundled, reading), backend=backend)
    asked = tuple(c.strip() for c in (requested or "").split(",") if c.strip())
    baseline = Baseline(
        attacker=attacker, location=location, requested=asked, events=_types(types), undetermined=undetermined
    )
    step = every or (Every.year if shape is Shape.peacesciencer else Every.change)
    window, covered = (_day(start, "from"), _day(end, "to")), _coverage(coverage)
    with progress_bar("dyads", "change days", progress) as show:
        wanted = {"codes": codes, "shape": shape, "all_dyads": all_dyads, "coverage": covered}
        found = dyad_table(engine, *window, step, baseline, progress=show, **wanted)
    column = made is Made.column
    with TableWriter(out, found.columns, found.provenance, provenance_columns=column) as table:
        for batch in _batches(iter(found.rows)):
            table.write(batch)
    for note in found.notes:
        typer.echo(say(lang, "research.note", note=note), err=True)
    typer.echo(say(lang, "research.rows", rows=table.rows, out=out), err=True)
    _made(out, made, found.provenance, lang)


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
    made: ProvenanceOption = Made.sidecar,
    progress: ProgressOption = True,
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    reading: ReadingOption = None,
    lang: LanguageOption = DEFAULT_LANGUAGE,
    backend: BackendOption = DEFAULT_BACKEND,
) -> None:
    """Evaluate a grid of scenarios (targets × attackers × event types × dates) into one tidy table."""
    engine = Engine(load_rulebook(rules, no_bundled, reading), backend=backend)
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
    bar = progress_bar("sweep", "scenarios", progress and total >= PROGRESS_FROM)
    said = provenance(engine.rulebook, sweep_asked(grid)).as_dict()
    writer = TableWriter(out, SWEEP_COLUMNS, said, provenance_columns=made is Made.column)
    with writer as table, _workers(jobs) as executor, bar as show:
        for stretch in run_sweep(engine, grid, executor, encode=table.encoder):
            table.write_encoded(stretch.encoded, stretch.count)
            done += stretch.scenarios
            show(done, total)
    typer.echo(say(lang, "research.scenarios", done=f"{done:,}", rows=f"{table.rows:,}", out=out), err=True)
    _made(out, made, said, lang)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C and SIGTERM to the parent, which stops the sweep and drops the unfinished table."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


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
