"""The floor a yearly ATOP dyad table is measured against: a pandas self-merge of ATOP's member file.

    python benchmarks/atop_floor.py [--data DIR] [--out FILE.csv]

Each member-phase row is spread over the years it covers (an exit year 0 is 2016, the end of ATOP's
coverage), merged with itself on (alliance, year), and every ordered pair of distinct members
becomes a directed dyad-year with ATOP's five obligation columns (1 when the bearer's row codes it,
in any alliance they share that year). It knows nothing of days, conditions, states that cease to
exist, asymmetric pledges' targets or non-aggression's direction: it is what the data cost to
shape, not the same table as ``pact dyads``. Run it beside ``pact dyads --every year`` over the
rules ``pact import atop`` writes, each under ``/usr/bin/time -v`` (docs/performance.md).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pandas

ROOT = Path(__file__).resolve().parent.parent
MEMBERS, ALLIANCES = "atop4_01_member_level.csv", "atop4_01_alliance_level.csv"
KINDS = ["defense", "offense", "neutral", "nonagg", "consul"]


def atop_dir() -> Path | None:
    """Where ATOP 4.01 is: $PACT_ATOP_DATA, ../shared/data/atop beside the repository, or /work/shared/data/atop."""
    candidates = [os.environ.get("PACT_ATOP_DATA"), ROOT.parent / "shared/data/atop", "/work/shared/data/atop"]
    return next((Path(c) for c in candidates if c and (Path(c) / MEMBERS).is_file()), None)


def dyad_years(members: Path) -> pandas.DataFrame:
    rows = pandas.read_csv(members, usecols=["atopid", "member", "yrent", "yrexit", *KINDS])
    rows["yrexit"] = rows["yrexit"].where(rows["yrexit"] > 0, 2016)
    rows["year"] = [list(range(a, b + 1)) for a, b in zip(rows["yrent"], rows["yrexit"], strict=True)]
    years = rows.explode("year").drop(columns=["yrent", "yrexit"])
    pairs = years.merge(years[["atopid", "year", "member"]], on=["atopid", "year"], suffixes=("", "_toward"))
    pairs = pairs[pairs["member"] != pairs["member_toward"]]
    return (
        pairs.groupby(["member", "member_toward", "year"], sort=True)[KINDS]
        .max()
        .reset_index()
        .rename(columns={"member": "state", "member_toward": "toward"})
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=Path("atop-floor.csv"))
    args = parser.parse_args()
    data = args.data or atop_dir()
    if data is None:
        raise SystemExit("ATOP 4.01 not found: give --data DIR (see docs/atop.md)")
    table = dyad_years(data / MEMBERS)
    table.to_csv(args.out, index=False)
    print(f"{len(table)} dyad-years written to {args.out}")


if __name__ == "__main__":
    main()
