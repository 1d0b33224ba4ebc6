"""Scenarios per second each backend evaluates on the bundled rules. Run by hand:

    python benchmarks/throughput.py [--scenarios 2000] [--repeats 5]

Two figures per backend: the trigger matching alone (what the backend does), and the whole
evaluation (matching + bearers + reasons for the states not obligated + conflicts). Scenarios
are drawn at random, with a fixed seed, from the bundled rules: dates 1945-2030, 1-3 events,
random targets, attackers, locations and requests. The median of the repeats is printed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from functools import partial

import pact
from pact.backends import backend_named
from pact.evaluation.engine import evaluate_plan
from pact.plan.compile import compile_rulebook


def draw_scenarios(rules: pact.Rulebook, count: int, seed: int = 7) -> list[pact.Scenario]:
    rng = random.Random(seed)
    states = sorted({p.state for t in rules.treaties for p in t.parties})
    treaties = [t.treaty for t in rules.treaties]
    places = [*states, "US-HI", "US-AK", "ES-CN", "ES-CE", "GUM", "FLK", "JP-47"]
    drawn = []
    for n in range(count):
        events = []
        for i in range(rng.randint(1, 3)):
            target = rng.choice(states)
            events.append(
                {
                    "id": f"e{i + 1}",
                    "type": rng.choice(list(pact.EventType)).value,
                    "target": target,
                    "location": rng.choice([target, target, rng.choice(places)]),
                    "by": rng.sample([s for s in states if s != target], rng.randint(0, 2)),
                    "requested_from": rng.sample(treaties, rng.randint(0, 2)),
                }
            )
        when = date(1945, 1, 1) + timedelta(days=rng.randint(0, 85 * 365))
        drawn.append(pact.Scenario.model_validate({"scenario": f"s{n}", "date": when, "events": events}))
    return drawn


def per_second(work, items: list, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for item in items:
            work(item)
        times.append(time.perf_counter() - start)
    return len(items) / statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    rules = pact.load_rules()
    plan = compile_rulebook(rules)
    scenarios = draw_scenarios(rules, args.scenarios)
    facts = [plan.facts(s) for s in scenarios]
    print(
        f"python {sys.version.split()[0]}; {len(rules.treaties)} treaties, {len(plan.clauses)} clauses, "
        f"{len(plan.standings)} membership spans; {len(scenarios)} scenarios, median of {args.repeats}"
    )
    print(f"{'backend':<10} {'matching only':>15} {'whole evaluation':>18}   (scenarios/second)")
    for name in ("reference", "durable"):
        try:
            backend = backend_named(name)
        except ImportError:
            print(f"{name:<10} {'not available on this Python':>34}")
            continue
        backend.fired(plan, facts[0])  # registers the durable ruleset outside the timing
        matching = per_second(partial(backend.fired, plan), facts, args.repeats)
        whole = per_second(lambda s, b=backend: evaluate_plan(plan, s, b), scenarios, args.repeats)
        print(f"{name:<10} {matching:>15,.0f} {whole:>18,.0f}")


if __name__ == "__main__":
    main()
