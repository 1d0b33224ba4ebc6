"""How long the hypotheticals take on the bundled rules. Run by hand:

    python benchmarks/whatif.py [--repeats 3] [--backend reference]

Figures: a timeline of Niger (2015-2026) and of the United States (1949-2026), all four event
types; applying and compiling a set of assumptions; loading the rules alone and with a layer.
The median of the repeats is printed.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pact
from pact.plan.compile import compile_rulebook

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--backend", default="reference")
    args = parser.parse_args()
    rules = pact.load_rules()
    engine = pact.Engine(rules, backend=args.backend)
    chad = pact.load_scenario(ROOT / "scenarios" / "aes-chad-joins-hypothetical-2025.yaml", rules)
    layer = ROOT / "tests" / "fixtures" / "layers" / "nato-amended"
    figures = {
        "timeline NER 2015-2026": lambda: pact.timeline(engine, "NER", date(2015, 1, 1), date(2026, 1, 1)),
        "timeline USA 1949-2026": lambda: pact.timeline(engine, "USA", date(1949, 1, 1), date(2026, 1, 1)),
        "assume + compile (Chad joins the AES)": lambda: compile_rulebook(pact.assume(rules, chad.assume)),
        "load the bundled rules": pact.load_rules,
        "load the bundled rules + one layer": lambda: pact.load_rules(layer),
    }
    for name, work in figures.items():
        print(f"{name:<40} {median_seconds(work, args.repeats):8.3f} s")


if __name__ == "__main__":
    main()
