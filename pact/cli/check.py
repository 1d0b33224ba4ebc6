"""``pact check``: static findings and properties searched with hypothesis."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pact.cli.app import FAILED, BackendOption, NoBundledOption, RulesOption, command
from pact.layers import rules_options

if TYPE_CHECKING:
    from pact.consistency import PropertyRun


@command
def check(
    rules: RulesOption = None,
    no_bundled: NoBundledOption = False,
    examples: Annotated[int, typer.Option(min=1, help="Examples per property.")] = 200,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed finds the same examples.")] = 0,
    save_failures: Annotated[Path, typer.Option(help="Where counterexample scenarios are written.")] = Path(
        "pact-failures"
    ),
    backend: BackendOption = "reference",
) -> None:
    """Check a rule set: static findings (PACTnnn codes), then properties searched with hypothesis.

    Each property failure is shrunk and written as a scenario file that reproduces it. Exit 1 on
    any finding or failure.
    """
    from pact.consistency import check_rules  # hypothesis is only needed here

    where = rules_options(rules or [], not no_bundled)

    def show(run: PropertyRun) -> None:
        status = "ok  " if run.failure is None else "FAIL"
        typer.echo(f"{status} {run.name:<20} {run.examples:>6} examples  {run.description}")
        if run.failure is not None:
            typer.echo(f"     {run.failure.message}")
            typer.echo(f"     reproduce: pact test{where} {run.saved}")

    outcome = check_rules(
        rules or [],
        bundled=not no_bundled,
        examples=examples,
        seed=seed,
        save_failures=save_failures,
        backend=backend,
        progress=show,
    )
    for finding in outcome.findings:
        typer.echo(finding.render())
    for file in outcome.reproductions:
        typer.echo(f"reproduce: pact test{where} {file}")
    if outcome.skipped:
        typer.echo(f"properties not run: {outcome.skipped}")
    failed = sum(run.failure is not None for run in outcome.properties)
    typer.echo(
        f"{len(outcome.findings)} static findings; {len(outcome.properties) - failed} properties held, {failed} failed"
    )
    if not outcome.ok:
        raise typer.Exit(FAILED)
