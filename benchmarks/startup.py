"""How long `pact run` takes to start and answer, beside an empty Python. Run by hand:

    python benchmarks/startup.py [--runs 7] [--scenario scenarios/aes-niger-attacked.yaml]

Each run starts, one after the other so that the load of a shared machine falls on all alike,
``python -c pass`` and ``python -m pact run SCENARIO --backend B`` for each backend this Python has
(the kernel's CPU seconds of each child, user + system), then the default backend once more with
``PACT_NO_CACHE=1`` (the rule files read and checked, as on a first run or after an edit), and prints
the medians and the median of each run's ratio to ``python -c pass``: the issue's goal is ``pact run``
within 30x of it on the default backend. The first run of each, not counted, writes Python's bytecode
caches and the stored rulebook (``pact.load.stored``, in a temporary ``XDG_CACHE_HOME``).
Nothing here is asserted by a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from pact.backends import backend_named, backend_names

ROOT = Path(__file__).resolve().parent.parent


def cpu_seconds(argv: list[str], env: dict[str, str]) -> float:
    """User + system CPU seconds of one run of ``argv``, as the kernel accounts the finished child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--scenario", default="scenarios/aes-niger-attacked.yaml")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pact-startup-") as cache:
        seconds = timed(commands(options.scenario), options.runs, cache)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {options.runs} runs; CPU seconds")
    empty = seconds["python -c pass"]
    for name, values in seconds.items():
        ratios = [value / max(base, 1e-3) for value, base in zip(values, empty, strict=True)]
        print(
            f"{name:<46} {statistics.median(values):6.3f} s (min {min(values):.3f}, max {max(values):.3f})"
            f"  {statistics.median(ratios):5.1f}x python -c pass"
        )


def commands(scenario: str) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Each command timed, by name: its argv and what it adds to the environment."""
    found = {"python -c pass": ([sys.executable, "-c", "pass"], {})}
    run = [sys.executable, "-m", "pact", "run", scenario, "--backend"]
    for backend in (b for b in backend_names() if b != "auto"):
        found[f"pact run --backend {backend}"] = ([*run, backend], {})
    default = backend_named("auto").name
    found[f"pact run --backend {default}, PACT_NO_CACHE=1"] = ([*run, default], {"PACT_NO_CACHE": "1"})
    return found


def timed(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int, cache: str) -> dict[str, list[float]]:
    """Each command's CPU seconds in each run, the commands taking turns; a first run of each not counted."""
    base = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PACT_NO_CACHE")}
    base["XDG_CACHE_HOME"] = cache
    for argv, env in commands.values():  # bytecode caches and the stored rulebook written, files in the page cache
        cpu_seconds(argv, base | env)
    seconds: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (argv, env) in commands.items():
            seconds[name].append(cpu_seconds(argv, base | env))
    return seconds


if __name__ == "__main__":
    main()
