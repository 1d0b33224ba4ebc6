"""``pact import``: datasets written by others, imported as rule files (``pact import atop``)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from pact.cli.app import FAILED, LanguageOption, app, guarded, progress_bar
from pact.core.errors import DatasetError
from pact.importers.atop import AtopFiles, ImportedAlliance, import_alliance
from pact.importers.writer import write_rules
from pact.load.files import MAX_DATASET_BYTES, named_file
from pact.validate.static import check_rulebook
from pact.words import DEFAULT_LANGUAGE, say

import_app = typer.Typer(help="Import a dataset as pact rule files.", no_args_is_help=True)
app.add_typer(import_app, name="import")


def _atopids(values: list[str]) -> list[int]:
    """``--only 3180 --only 3375,3220``: every id given, in order."""
    ids = []
    for value in values:
        for part in value.split(","):
            if not part.strip().isdigit():
                raise typer.BadParameter(f"{part.strip()!r} is not an ATOP alliance id (a number such as 3180)")
            ids.append(int(part))
    return ids


def _import(files: AtopFiles, atopids: list[int]) -> list[ImportedAlliance]:
    """Every alliance asked for, with a progress bar on a terminal."""
    imported = []
    with progress_bar("importing ATOP", "alliances", wanted=True) as show:
        for atopid in atopids:
            imported.append(import_alliance(files, atopid))
            show(len(imported), len(atopids))
    return imported


def atop(
    members: Annotated[str, typer.Option("--members", help="ATOP's member-level CSV (atop4_01_member_level.csv).")],
    alliances: Annotated[
        str, typer.Option("--alliances", help="ATOP's alliance-level CSV (atop4_01_alliance_level.csv).")
    ],
    out: Annotated[Path, typer.Option("--out", help="The directory to write the rule files to (created).")],
    only: Annotated[
        list[str] | None, typer.Option("--only", help="Import only these alliances (ATOP ids; repeat, or 3180,3375).")
    ] = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="The largest file read, in bytes (a larger one is refused).")
    ] = MAX_DATASET_BYTES,
    lang: LanguageOption = DEFAULT_LANGUAGE,
) -> None:
    """Import the ATOP alliance dataset: one treaty file per alliance (treaty id atop-ATOPID).

    Members with their entry and exit dates per phase, each member's obligations, and ATOP's
    conditions (named adversaries, requests; the rest as named conditions a scenario may settle).
    The files are checked before they are written, and each is written whole or not at all.
    docs/atop.md says what is mapped and how.
    """
    started = time.perf_counter()
    wanted = _atopids(only or [])  # a mistyped id is told before the files are read
    files = AtopFiles.read(named_file(members, DatasetError), named_file(alliances, DatasetError), max_bytes)
    imported = _import(files, files.selected(wanted))
    geographies = [i.geography for i in imported if i.geography is not None]
    findings = check_rulebook([i.treaty for i in imported], geographies)
    if findings:  # a bug in the importer, not in the data: show it rather than write bad rules
        for finding in findings:
            typer.echo(finding.render(), err=True)
        raise typer.Exit(FAILED)
    written = write_rules([*(i.treaty for i in imported), *geographies], out)
    adjusted = sum(len(i.adjustments) for i in imported)
    seconds = f"{time.perf_counter() - started:.1f}"
    counts = {"treaties": len(imported), "geographies": len(geographies), "files": len(written)}
    typer.echo(say(lang, "import.done", out=out, seconds=seconds, adjusted=adjusted, **counts))


import_app.command("atop")(guarded(atop))
