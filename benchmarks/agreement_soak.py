"""Agreement soak on random rule sets: both backends, whole results compared. Run by hand:

    python benchmarks/agreement_soak.py [--rulesets 200] [--scenarios 100] [--seed 0]

Draws ``--rulesets`` distinct rule sets from ``pact.testing.rulebooks()`` (hypothesis, a fixed seed),
checks that pact's static checks accept each (as ``pact check`` and the loader would: warnings
allowed, errors not), and evaluates ``--scenarios`` scenarios on each (``synthetic_scenarios``, fixed
seeds) on the durable and the reference backend, comparing whole results (duties, reasons,
conflicts). Exits 1 on a refused rule set or a disagreement, printing it. docs/limits.md records a run.
"""

from __future__ import annotations

import argparse
import sys
import time

from hypothesis import HealthCheck, Phase, given, seed, settings

import pact
from pact.backends import backend_named
from pact.evaluation.engine import evaluate_plan
from pact.plan.compile import compile_rulebook
from pact.testing import rulebooks
from pact.testing.strategies import synthetic_scenarios
from pact.validate.static import check_rulebook, is_warning


def drawn(count: int, start: int) -> list[pact.Rulebook]:
    """``count`` distinct rule sets from ``rulebooks()``, the same ones for the same ``start``."""
    found: dict[str, pact.Rulebook] = {}

    @seed(start)
    @settings(
        max_examples=count * 3,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(rulebooks())
    def collect(rulebook: pact.Rulebook) -> None:
        if len(found) < count:
            found.setdefault(rulebook.model_dump_json(), rulebook)

    collect()
    return list(found.values())


def refused(rulebook: pact.Rulebook) -> list[str]:
    """The static checks' errors on a rule set (warnings, which the loader accepts, left out)."""
    return [p.render() for p in check_rulebook(rulebook.treaties, rulebook.geography) if not is_warning(p)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rulesets", type=int, default=200)
    parser.add_argument("--scenarios", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started = time.perf_counter()
    books = drawn(args.rulesets, args.seed)
    print(f"{len(books)} distinct rule sets drawn in {time.perf_counter() - started:.0f} s", flush=True)
    durable, reference = backend_named("durable"), backend_named("reference")
    done = clauses = 0
    for n, rulebook in enumerate(books):
        if errors := refused(rulebook):
            print(f"rule set {n} refused by the static checks: {errors[0]}\n{rulebook.model_dump_json()}")
            return 1
        plan = compile_rulebook(rulebook)
        clauses += len(plan.clauses)
        for case in synthetic_scenarios(rulebook, args.scenarios, seed=n):
            if evaluate_plan(plan, case, durable) != evaluate_plan(plan, case, reference):
                print(f"DISAGREE, rule set {n}: {rulebook.model_dump_json()}\nscenario: {case.model_dump_json()}")
                return 1
            done += 1
        if (n + 1) % 20 == 0:
            print(f"  {n + 1:>4} rule sets, {done:,} scenarios  {time.perf_counter() - started:5.0f} s", flush=True)
    took = time.perf_counter() - started
    print(f"{len(books)} rule sets ({clauses:,} clauses), all accepted; {done:,} scenarios agree; {took:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
