"""How long `pact run` takes to start and answer, beside an empty Python. Run by hand:

    python benchmarks/startup.py [--runs 7] [--scenario scenarios/aes-niger-attacked.yaml]

Each run starts, one after the other so that the load of a shared machine falls on all alike,
``python -c pass`` and ``python -m pact run SCENARIO --backend B`` for each backend this Python has
(the kernel's CPU seconds of each child, user + system), and prints the medians and the median of
each run's ratio to ``python -c pass``: the issue's goal is ``pact run`` within 30x of it on the
default backend. Python writes its bytecode caches on the first run, which is not counted.
Nothing here is asserted by a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

from pact.backends import backend_names

ROOT = Path(__file__).resolve().parent.parent


def cpu_seconds(argv: list[str]) -> float:
    """User + system CPU seconds of one run of ``argv``, as the kernel accounts the finished child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scenario", default="scenarios/aes-niger-attacked.yaml")
    options = parser.parse_args()
    commands = {"python -c pass": [sys.executable, "-c", "pass"]}
    for backend in (b for b in backend_names() if b != "auto"):
        commands[f"pact run --backend {backend}"] = [
            *(sys.executable, "-m", "pact", "run", options.scenario, "--backend", backend)
        ]
    for argv in commands.values():  # bytecode caches written, files in the page cache
        cpu_seconds(argv)
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(options.runs):
        for name, argv in commands.items():
            seconds[name].append(cpu_seconds(argv))
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {options.runs} runs; CPU seconds")
    empty = seconds["python -c pass"]
    for name, values in seconds.items():
        ratios = [value / max(base, 1e-3) for value, base in zip(values, empty, strict=True)]
        print(
            f"{name:<32} {statistics.median(values):6.3f} s (min {min(values):.3f}, max {max(values):.3f})"
            f"  {statistics.median(ratios):5.1f}x python -c pass"
        )


if __name__ == "__main__":
    main()
