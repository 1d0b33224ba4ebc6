"""The ATOP import and its agreement with ATOP's own coding, timed. Run by hand:

    python benchmarks/atop.py [--data DIR] [--years 1815-2016 | --years 1914,1960,2005] [--inside N]
                              [--skip-triples] [--skip-dyads] [--skip-load] [--table]

Prints, with the seconds each step took: importing the 745 alliances and writing the files;
loading them alone and beside the bundled rules; compiling them; the (alliance, member, day)
agreement (docs/atop.md, "Agreement"), with the table of verdicts and every disagreement; and the
directed dyad-year comparison over the years asked (both reference tables, with the classes of
difference): pact's side through the engine (``compare_dyads``), or, with ``--table``, the defense
column of the yearly tables that ``pact dyads --every year`` makes over the years' whole window,
with its plain baseline and with ``--attacker adversaries --undetermined``. The
data are read from ``--data`` (default: ../shared/data/atop beside the repository, else
/work/shared/data/atop); they are not redistributable and never committed.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from atop_floor import ALLIANCES, MEMBERS, atop_dir

import pact
from pact.analysis.atop_agreement import (
    DyadClass,
    DyadComparison,
    MissingDyads,
    Outcome,
    Pledge,
    Sampler,
    compare_dyad_table,
    compare_dyads,
    compare_triples,
)
from pact.analysis.dyads import Attacker, Baseline, Every, dyads
from pact.importers.atop import ImportedAlliance, import_atop
from pact.importers.atop_data import MemberRow, read_members
from pact.importers.writer import write_rules
from pact.model import Rulebook

T = TypeVar("T")


def timed(name: str, work: Callable[[], T]) -> T:
    start = time.perf_counter()
    result = work()
    print(f"{name:<52} {time.perf_counter() - start:8.1f} s", flush=True)
    return result


def years_of(text: str) -> list[int]:
    if "-" in text:
        first, last = text.split("-")
        return list(range(int(first), int(last) + 1))
    return [int(y) for y in text.split(",")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--years", default="1914,1960,2005")
    parser.add_argument("--inside", type=int, default=0, help="random days per member, beyond first/middle/last")
    parser.add_argument("--skip-triples", action="store_true")
    parser.add_argument("--skip-dyads", action="store_true")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--table", action="store_true", help="compare the yearly table of `pact dyads` over the years")
    args = parser.parse_args()
    data = args.data or atop_dir()
    if data is None:
        raise SystemExit("ATOP 4.01 not found: give --data DIR (see docs/atop.md)")
    members, alliances = data / MEMBERS, data / ALLIANCES
    imported = timed("import 745 alliances (in memory)", lambda: list(import_atop(members, alliances)))
    out = Path(tempfile.mkdtemp(prefix="atop-rules-"))
    try:
        models = [m for i in imported for m in (i.treaty, i.geography) if m is not None]
        timed(f"write {len(models)} files", lambda: write_rules(models, out))
        if not args.skip_load:
            timed("load them alone", lambda: pact.load_rules(out, bundled=False))
            timed("load them beside the bundled rules", lambda: pact.load_rules(out))
    finally:
        shutil.rmtree(out)
    rows = read_members(members)
    whole = Rulebook(
        treaties=tuple(i.treaty for i in imported), geography=tuple(i.geography for i in imported if i.geography)
    )
    engine = timed("compile the imported rulebook", lambda: pact.Engine(whole, backend="reference"))
    if not args.skip_triples:
        triples(imported, rows, args.inside)
    if not args.skip_dyads:
        dyad_years(engine, rows, years_of(args.years), table=args.table)


def triples(imported: list[ImportedAlliance], rows: list[MemberRow], inside: int) -> None:
    by_id = {i.atopid: i for i in imported}
    engines: dict[int, pact.Engine] = {}

    def own(atopid: int) -> pact.Engine:
        if atopid not in engines:
            i = by_id[atopid]
            engines[atopid] = pact.Engine(
                Rulebook(treaties=(i.treaty,), geography=(i.geography,) if i.geography else ()), backend="reference"
            )
        return engines[atopid]

    agreement = timed(
        "agreement on (alliance, member, day) triples", lambda: compare_triples(own, Sampler(rows, inside=inside))
    )
    print(f"  comparisons {len(agreement.comparisons)}; left out {dict(agreement.skipped)}")
    print(
        f"  agreement {agreement.rate:.6f}; unconditional defense {agreement.unconditional_rate():.6f} over bearers "
        f"that were states ({agreement.unconditional_rate(states_only=False):.6f} over all, "
        f"{len(agreement.unconditional())} comparisons)"
    )
    print(f"  verdicts (ATOP, pact): {dict(agreement.table())}")
    print(f"  outcomes: {dict(Counter(c.outcome.value for c in agreement.comparisons))}")
    for comparison in (c for c in agreement.comparisons if c.outcome is not Outcome.agree):
        print(f"    {comparison.outcome.value}: {comparison.render()}")


def dyad_years(engine: pact.Engine, rows: list[MemberRow], years: list[int], *, table: bool) -> None:
    if not table:
        compared = timed(f"dyad-years over {len(years)} years (engine)", lambda: compare_dyads(engine, rows, years))
        report(compared, MissingDyads(rows))
        return
    window = (date(years[0], 1, 1), date(years[-1] + 1, 1, 1))
    for name, baseline, counted in (
        ("", Baseline(), False),
        (" --attacker adversaries --undetermined", Baseline(Attacker.adversaries, undetermined=True), True),
    ):
        found = timed(
            f"`pact dyads --every year{name}` {years[0]}-{years[-1]}",
            lambda baseline=baseline: list(dyads(engine, *window, Every.year, baseline)),
        )
        report(compare_dyad_table(found, rows, years), MissingDyads(rows, conditional_counted=counted))


def report(compared: dict[Pledge, DyadComparison], missing: MissingDyads) -> None:
    for pledge, comparison in compared.items():
        print(
            f"  {pledge.value}: reference {len(comparison.reference)}, pact {len(comparison.pact)}, both "
            f"{len(comparison.both)}, only reference {len(comparison.only_reference)}, only pact "
            f"{len(comparison.only_pact)}, agreement {comparison.rate:.6f}",
            flush=True,
        )
        classes = {d: missing.explain(d, pledge) for d in comparison.only_reference}
        print(f"    missing from pact, by class: {dict(Counter(c.name for c in classes.values()))}", flush=True)
        for dyad in sorted(d for d, c in classes.items() if c is DyadClass.unexplained)[:20]:
            print(f"    unexplained: {dyad}")
        for dyad in sorted(comparison.only_pact)[:20]:
            print(f"    only in pact: {dyad}")


if __name__ == "__main__":
    main()
