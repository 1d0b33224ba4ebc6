"""Full results now beside the version before issue 19's work, in paired runs. Run by hand:

    python benchmarks/before.py [--before 5081739] [--scenarios 300] [--runs 7]

Checks the ``--before`` revision out into a temporary git worktree, then runs, in turn, a child
process of each version that loads its own bundled rules, draws ``--scenarios`` random scenarios
with its own ``benchmarks/scale.py`` (``valid_scenarios``), evaluates one untimed (durable-rules
packs its rules), then the rest through ``Engine.evaluate`` (full results: traces, every party not
obligated, and now the other readings of contested points) and prints the CPU seconds of that loop.
Each backend is measured ``--runs`` times, now and before taking turns, and the ratio is taken pair
by pair: the issue's goal is full results 5x faster than before. The two versions answer on their
own rules (the library grew between them), so the workloads are alike, not identical. Nothing here is
asserted by a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import sys, time
root, backend, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path[:0] = [root, root + "/benchmarks"]
import pact
from scale import valid_scenarios
rules = pact.load_rules()
scenarios = valid_scenarios(rules, count + 1)
engine = pact.Engine(rules, backend=backend)
engine.evaluate(scenarios[0])
start = time.process_time()
for scenario in scenarios[1:]:
    engine.evaluate(scenario)
print(len(scenarios) - 1, time.process_time() - start)
"""


def rate(root: Path, backend: str, count: int) -> float:
    """Full results a CPU second, in a child process of the version at ``root``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(root), backend, str(count)],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        env=env,
    )
    evaluated, seconds = done.stdout.split()
    return int(evaluated) / float(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="5081739", help="the revision to compare with (issue 19's 'before')")
    parser.add_argument("--scenarios", type=int, default=300)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / "before"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(before), options.before], cwd=ROOT, check=True)
        try:
            compare(before, options.scenarios, options.runs)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=ROOT, check=True)


def compare(before: Path, count: int, runs: int) -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {runs} pairs of {count} scenarios")
    for backend in ("reference", "durable"):
        try:
            pairs = [(rate(ROOT, backend, count), rate(before, backend, count)) for _ in range(runs)]
        except subprocess.CalledProcessError as failed:
            print(f"  {backend:<10} not measured: {failed.stderr.strip().splitlines()[-1]}")
            continue
        ratios = sorted(now / then for now, then in pairs)
        now, then = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
        print(
            f"  {backend:<10} now {now:6.0f} scen/s, before {then:5.0f}: "
            f"{statistics.median(ratios):.2f}x (pairs {ratios[0]:.2f}-{ratios[-1]:.2f})"
        )


if __name__ == "__main__":
    main()
