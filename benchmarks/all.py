"""Every row of the speed table of docs/performance.md, in one command. Run by hand:

    python benchmarks/all.py [--quick] [--atop DIR]

Runs each benchmark of this folder in turn, each printing pact beside its peer or floor measured in
the same run (paired runs of whole commands, or one process), with the ratios:

- ``scale.py``: lean and full batches on both backends, the naive durable-rules peer and the
  dict-and-set floor on the same random scenarios; the bundled dyad table; sweeps;
- ``durable_sizes.py``: durable-rules beside the reference backend on the bundled rules and at 10,
  30, 115, 415 and 1,015 generated treaties: start (packing), memory, lean cost per scenario (the
  small sizes show that its cost is per evaluation, not per rule: docs/performance.md);
- ``dyads.py``: ``pact dyads`` over ATOP 1815-2016 yearly beside the pandas floor
  (``atop_floor.py``), and the bundled 1949-2025 table, as whole processes;
- ``startup.py``: ``pact run`` beside ``python -c pass``;
- ``before.py``: full results beside the version before issue 19's work (5081739), in paired runs.

``--quick`` runs smaller workloads (minutes rather than an hour; ratios noisier). ATOP's files are
looked for as ``benchmarks/atop.py`` does, or given with ``--atop``; without them the ATOP row is
skipped and says so. The machine is shared: the load average is printed before each benchmark.
Nothing here is asserted by a test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmarks(quick: bool, atop: Path | None) -> list[list[str]]:
    """Each benchmark's command line, full size or ``quick``."""
    data = ["--data", str(atop)] if atop else []
    if quick:
        return [
            ["scale.py", "--scenarios", "500", "--repeats", "3", "--days", "5", "--runs", "1"],
            ["durable_sizes.py", "--sizes", "bundled,115,415", "--scenarios", "50", "--repeats", "2"],
            ["dyads.py", "--runs", "1", *data],
            ["startup.py", "--runs", "5"],
            ["before.py", "--runs", "3", "--scenarios", "150"],
        ]
    return [
        ["scale.py", "--scenarios", "15000", "--repeats", "3"],
        ["durable_sizes.py", "--sizes", "bundled,10,30,115,415,1015"],
        ["dyads.py", "--runs", "3", *data],
        ["startup.py", "--runs", "9"],
        ["before.py", "--runs", "7"],
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller workloads, for a first look")
    parser.add_argument("--atop", type=Path, default=None, help="folder with ATOP 4.01's CSV files")
    options = parser.parse_args()
    failed = []
    for script, *argv in benchmarks(options.quick, options.atop):
        print(f"\n=== {script} {' '.join(argv)}  (load average {os.getloadavg()[0]:.1f})", flush=True)
        if subprocess.run([sys.executable, str(HERE / script), *argv], check=False).returncode != 0:
            failed.append(script)
    if failed:
        raise SystemExit(f"failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
