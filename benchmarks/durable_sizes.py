"""durable-rules beside the reference backend, at every size, in one process. Run by hand:

    python benchmarks/durable_sizes.py [--sizes bundled,115,415,1015] [--scenarios 100] [--repeats 3] [--starts 1]

For each rule set (the bundled rules, then ``synthetic_rulebook(N)`` for each N), prints:

- *start*: building an engine and evaluating its first scenario, for the reference backend and for
  durable-rules (which packs the plan into rulesets and creates them in a fresh host), the ratio
  durable / reference, and the process's resident memory after the durable start (now and at its
  peak; sizes run in increasing order and each size's engines are dropped before the next);
- *lean*: the cost of a lean evaluation per scenario in a batch (``pact.evaluate_many(engine,
  scenarios, full=False)``, the garbage collector relaxed as in any batch), on both backends over
  the same scenarios, a fresh draw each repeat (so that no answer kept per change period is
  reused), the two backends alternating; the ratio durable / reference of each repeat. The first
  draw (*lean, first*) is printed apart from the later ones (*lean, later*): an engine keeps what
  it decides per change period (bearers, parties, ties), so its evaluations grow cheaper as a batch
  meets more periods, while durable-rules' matching costs the same for every scenario; the later
  draws are what a long batch costs, the first what a short one does;
- *matching*: the same scenarios' ``fired`` and ``possibly_fired`` alone, as the engine calls them;
- *sessions*: durable's matching when every evaluation opens a session of its own (the plain fence
  against the C core's retraction bug, ``session_runs=1``) against the default host (a session
  takes ``SESSION_RUNS`` evaluations), same facts, alternating; the ratio plain / default.

The machine is shared: quote the medians of the ratios, with the load printed at the top. Nothing
here is asserted by a test.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from scale import valid_scenarios

import pact
from pact.backends import Backend
from pact.backends.reference import ReferenceBackend
from pact.testing import synthetic_rulebook, synthetic_scenarios


def memory() -> tuple[float, float]:
    """The process's resident memory now and at its peak, MB."""
    with open("/proc/self/status") as status:
        found = {line.split(":")[0]: int(line.split()[1]) / 1024 for line in status if line.startswith("Vm")}
    return found["VmRSS"], found["VmHWM"]


def timed(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def median_spread(values: list[float], digits: int = 2) -> str:
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def rule_set(size: str) -> tuple[pact.Rulebook, Callable[[int], list[pact.Scenario]]]:
    """The rules, and a draw of their scenarios for a seed."""
    if size == "bundled":
        rules = pact.load_rules()
        return rules, lambda seed: valid_scenarios(rules, DRAW, seed)
    rules = synthetic_rulebook(int(size))
    return rules, lambda seed: synthetic_scenarios(rules, DRAW, seed=seed)


DRAW = 100  # set from --scenarios


def start(rules: pact.Rulebook, backend: Backend, first: pact.Scenario) -> tuple[float, pact.Engine]:
    engine: list[pact.Engine] = []
    seconds = timed(lambda: engine.append(pact.Engine(rules, backend=backend)) or engine[0].evaluate(first, full=False))
    return seconds, engine[0]


def durable_backend(**host: int) -> Backend:
    from pact.backends.durable.backend import DurableBackend
    from pact.backends.durable.host import DurableHost

    return DurableBackend(DurableHost(**host))


def measure(size: str, repeats: int, starts: int) -> None:
    rules, draw = rule_set(size)
    first = draw(0)[0]
    print(f"\n{size} ({len(rules.treaties)} treaties), load {os.getloadavg()[0]:.1f}")
    ratios, engines = [], {}
    for _ in range(starts):
        reference, engines["reference"] = start(rules, ReferenceBackend(), first)
        if "durable" in engines:  # a host keeps its rulesets in the C core until cleared
            engines.pop("durable").backend.host.clear()
        gc.collect()
        durable, engines["durable"] = start(rules, durable_backend(), first)
        ratios.append(durable / reference)
        now, peak = memory()
        print(
            f"  start       reference {reference:7.2f} s   durable {durable:7.2f} s   ratio {durable / reference:6.2f}"
            f"   RSS {now:,.0f} MB (peak {peak:,.0f} MB)"
        )
    if starts > 1:
        print(f"  start ratio, median of {starts}: {median_spread(ratios)}")
    lean: dict[str, list[float]] = {"reference": [], "durable": []}
    matching: dict[str, list[float]] = {"reference": [], "durable": []}
    sessions: dict[str, list[float]] = {"default": [], "plain": []}
    plain = durable_backend(session_runs=1)
    plain.fired(engines["durable"].plan, engines["durable"].plan.facts(first))  # packs, untimed
    for seed in range(1, repeats + 1):
        cases = draw(seed)
        for name in ("reference", "durable") if seed % 2 else ("durable", "reference"):
            engine = engines[name]
            lean[name].append(timed(lambda e=engine, c=cases: list(pact.evaluate_many(e, c, full=False))) / len(cases))
            facts = [engine.plan.facts(s) for s in cases]
            matching[name].append(
                timed(lambda e=engine, fs=facts: [_match(e.backend, e.plan, f) for f in fs]) / len(cases)
            )
        plan = engines["durable"].plan
        facts = [plan.facts(s) for s in cases]
        for name, backend in (("default", engines["durable"].backend), ("plain", plain))[:: 1 if seed % 2 else -1]:
            sessions[name].append(timed(lambda b=backend, p=plan, fs=facts: [_match(b, p, f) for f in fs]) / len(cases))
    first = {name: times[:1] for name, times in lean.items()}
    later = {name: times[1:] for name, times in lean.items()}
    shown = (("lean, first", first), ("lean, later", later), ("matching", matching), ("sessions", sessions))
    for label, found in shown:
        (base, base_times), (other, other_times) = found.items()
        if not base_times:  # one repeat: no later draws
            continue
        each = [o / b for o, b in zip(other_times, base_times, strict=True)]
        print(
            f"  {label:<12}  {base} {statistics.median(base_times) * 1e3:7.2f} ms   "
            f"{other} {statistics.median(other_times) * 1e3:7.2f} ms   ratio {median_spread(each)}"
            f"   per scenario, {len(each)} x {DRAW}"
        )
    engines["durable"].backend.host.clear()
    plain.host.clear()


def _match(backend: Backend, plan: pact.plan.compile.Plan, facts: tuple) -> None:
    backend.fired(plan, facts)
    if plan.has_named_conditions or any(f.has_unknowns for f in facts):
        backend.possibly_fired(plan, facts)


def main() -> None:
    global DRAW
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="bundled,115,415,1015", help="'bundled' or numbers of generated treaties")
    parser.add_argument("--scenarios", type=int, default=100, help="scenarios per repeat")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--starts", type=int, default=1, help="starts measured per size")
    args = parser.parse_args()
    DRAW = args.scenarios
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
    for size in args.sizes.split(","):
        measure(size, args.repeats, args.starts)
        gc.collect()


if __name__ == "__main__":
    main()
