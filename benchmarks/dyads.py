"""`pact dyads` beside its floor, as whole processes measured by the kernel. Run by hand:

    python benchmarks/dyads.py [--runs 3] [--data DIR] [--before DIR] [--backend NAME] [--skip-atop] [--skip-bundled]

In each run, one command after the other, so that the load of a shared machine falls on all alike:

- ATOP 1815-2016, yearly: the floor (benchmarks/atop_floor.py: a pandas self-merge of ATOP's member
  file by alliance and year) and ``pact dyads --every year`` over the rules ``pact import atop``
  writes (imported once, into a temporary directory, before the runs);
- the bundled rules, 1949-2025: ``pact dyads --every change``.

Each command runs under ``/usr/bin/time -v``: CPU seconds (user + system) and peak resident memory of
its process, as the kernel accounts them. Prints every run, the medians, and the ratio of pact to the
floor within each run (docs/performance.md). ``--before DIR`` also runs pact from another checkout
(``PYTHONPATH=DIR``, e.g. ``git archive`` of an earlier commit), paired in the same way, and checks that
both write the same file byte for byte.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from atop_floor import ALLIANCES, MEMBERS, atop_dir

ROOT = Path(__file__).resolve().parent.parent
FLOOR = Path(__file__).resolve().parent / "atop_floor.py"


@dataclass(frozen=True)
class Measured:
    cpu: float  # user + system seconds
    wall: float
    peak: float  # MB


def measured(argv: list[str], pythonpath: Path | None = None) -> Measured:
    """Run ``python ARGV`` under /usr/bin/time -v (in ``pythonpath``, if given: ``python -m`` looks in the
    working directory before PYTHONPATH); fail loudly if it fails."""
    env = dict(os.environ, PYTHONPATH=str(pythonpath)) if pythonpath else None
    command = ["/usr/bin/time", "-v", sys.executable, *argv]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=pythonpath, check=False)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(argv)}\n{done.stderr[-800:]}")
    report = dict(line.strip().rsplit(": ", 1) for line in done.stderr.splitlines() if ": " in line)
    clock = report["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")
    wall = sum(float(part) * 60**i for i, part in enumerate(reversed(clock)))
    return Measured(
        cpu=float(report["User time (seconds)"]) + float(report["System time (seconds)"]),
        wall=wall,
        peak=int(report["Maximum resident set size (kbytes)"]) / 1024,
    )


def dyads_argv(out: Path, backend: str, rules: Path | None, *window: str) -> list[str]:
    argv = ["-m", "pact", "dyads", *window, "--no-progress", "--backend", backend, "--out", str(out)]
    return [*argv, "--no-bundled", "--rules", str(rules)] if rules else argv


def line(name: str, m: Measured) -> str:
    return f"  {name:<34} {m.cpu:7.2f} s CPU {m.wall:7.1f} s wall {m.peak:7.0f} MB"


def median_line(name: str, runs: list[Measured]) -> str:
    cpu = [m.cpu for m in runs]
    return (
        f"  {name:<34} CPU median {statistics.median(cpu):6.2f} s (min {min(cpu):.2f}, max {max(cpu):.2f}), "
        f"peak median {statistics.median(m.peak for m in runs):.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--before", type=Path, default=None, help="another checkout of pact to run beside this one")
    parser.add_argument("--backend", default="auto")
    parser.add_argument("--skip-atop", action="store_true")
    parser.add_argument("--skip-bundled", action="store_true")
    args = parser.parse_args()
    data = args.data or atop_dir()
    if data is None and not args.skip_atop:
        raise SystemExit("ATOP 4.01 not found: give --data DIR or --skip-atop (see docs/atop.md)")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f} at the start")
    with tempfile.TemporaryDirectory(prefix="pact-dyads-") as tmp:
        work = Path(tmp)
        commands: dict[str, tuple[list[str], Path | None]] = {}
        if not args.skip_atop:
            rules = work / "atop-rules"
            imported = ["-m", "pact", "import", "atop", "--members", str(data / MEMBERS)]
            measured([*imported, "--alliances", str(data / ALLIANCES), "--out", str(rules)], ROOT)
            window = ("--from", "1815-01-01", "--to", "2017-01-01", "--every", "year")
            commands["floor"] = ([str(FLOOR), "--data", str(data), "--out", str(work / "floor.csv")], None)
            for name, path in (("pact", ROOT), ("before", args.before)):
                if path is not None:
                    out = work / f"{name}-atop.csv"
                    commands[f"{name} dyads ATOP yearly"] = (dyads_argv(out, args.backend, rules, *window), path)
        if not args.skip_bundled:
            window = ("--from", "1949-01-01", "--to", "2026-01-01", "--every", "change")
            for name, path in (("pact", ROOT), ("before", args.before)):
                if path is not None:
                    out = work / f"{name}-bundled.csv"
                    commands[f"{name} dyads bundled change"] = (dyads_argv(out, args.backend, None, *window), path)
        runs: dict[str, list[Measured]] = {name: [] for name in commands}
        for n in range(1, args.runs + 1):
            print(f"run {n} (load {os.getloadavg()[0]:.1f})", flush=True)
            for name, (argv, path) in commands.items():
                runs[name].append(measured(argv, path))
                print(line(name, runs[name][-1]), flush=True)
            if "floor" in runs:
                print(f"  ratio pact/floor (CPU) {runs['pact dyads ATOP yearly'][-1].cpu / runs['floor'][-1].cpu:.1f}")
        print(f"medians of {args.runs} runs (load {os.getloadavg()[0]:.1f} at the end)")
        for name, measures in runs.items():
            print(median_line(name, measures))
        if "floor" in runs:
            ratios = [p.cpu / f.cpu for p, f in zip(runs["pact dyads ATOP yearly"], runs["floor"], strict=True)]
            print(f"  ratio pact/floor (CPU), each run: {', '.join(f'{r:.1f}' for r in ratios)}")
        if args.before is not None:
            for kind in ("atop", "bundled"):
                mine, theirs = work / f"pact-{kind}.csv", work / f"before-{kind}.csv"
                if mine.exists():
                    same = "the same file" if filecmp.cmp(mine, theirs, shallow=False) else "DIFFERENT files"
                    print(f"  {kind}: this checkout and --before write {same}")


if __name__ == "__main__":
    main()
