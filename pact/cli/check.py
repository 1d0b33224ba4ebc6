"""``pact check``: static findings and properties searched with hypothesis."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pact.cli.app import FAILED, BackendOption, LanguageOption, NoBundledOption, ReadingOption, RulesOption, command
from pact.load.layers import rules_options
from pact.words import DEFAULT_LANGUAGE

if TYPE_CHECKING:
    from pact.testing.properties import PropertyRun


@command
def check(
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    reading: ReadingOption = None,
    examples: Annotated[int, typer.Option(min=1, help="Examples per property.")] = 200,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed finds the same examples.")] = 0,
    save_failures: Annotated[
        str | None,
        typer.Option(
            metavar="DIR", help="Where counterexample scenarios are written (default: a new temporary directory)."
        ),
    ] = None,
    backend: BackendOption = "reference",
    lang: LanguageOption = DEFAULT_LANGUAGE,
) -> None:
    """Check a rule set: static findings (PACTnnn codes), then properties searched with hypothesis.

    Each property failure is shrunk and written as a scenario file that reproduces it. Exit 1 on
    any finding or failure. Nothing is written but those files.
    """
    from pact.testing.properties import check_rules  # hypothesis is only needed here

    layers = [Path(r) for r in rules or ()]
    where = rules_options(layers, not no_bundled) + "".join(f" --reading {name}" for name in reading or ())

    def show(run: PropertyRun) -> None:
        status = "skip" if run.skipped else "ok  " if run.failure is None else "FAIL"
        typer.echo(f"{status} {run.name:<20} {run.examples:>6} examples  {run.description}")
        if run.skipped:
            typer.echo(f"     not run: {run.skipped}")
        if run.failure is not None:
            typer.echo(f"     {run.failure.message}")
            typer.echo(f"     reproduce: pact test{where} {run.saved}")

    outcome = check_rules(
        layers,
        bundled=not no_bundled,
        examples=examples,
        seed=seed,
        save_failures=Path(save_failures) if save_failures else None,
        backend=backend,
        progress=show,
        readings=tuple(reading or ()),
    )
    for finding in outcome.findings:
        typer.echo(finding.render(lang))
    for file in outcome.reproductions:
        typer.echo(f"reproduce: pact test{where} {file}")
    if outcome.skipped:
        typer.echo(f"properties not run: {outcome.skipped}")
    if outcome.temporary:
        typer.echo(f"(scenario files written to {outcome.temporary}; --save-failures DIR puts them where you choose)")
    failed = sum(run.failure is not None for run in outcome.properties)
    held = sum(run.failure is None and not run.skipped for run in outcome.properties)
    skipped = len(outcome.properties) - failed - held
    typer.echo(
        f"{len(outcome.findings)} static findings; {held} properties held, {failed} failed"
        + (f", {skipped} not run" if skipped else "")
    )
    if not outcome.ok:
        raise typer.Exit(FAILED)
