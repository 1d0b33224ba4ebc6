"""Soak: random scenarios on both backends, answers compared, memory sampled. Run by hand:

    python benchmarks/soak.py [--scenarios 300000] [--treaties 1000] [--atop DIR] [--whole-every 100]

Rule sets, each evaluated on ``--scenarios`` scenarios from ``pact.testing.synthetic_scenarios``
(fixed seeds): the bundled rules; ``--treaties`` generated treaties (``synthetic_rulebook``); with
``--atop DIR`` (the ATOP 4.01 CSVs, never committed), every ATOP alliance as a treaty. For each
scenario the clauses that fire on the durable backend must equal the reference backend's; every
``--whole-every``-th scenario the whole results (duties, reasons, conflicts) must be equal too.
RSS is printed every ``--every`` scenarios and at the end of each rule set. Exits 1 on any
disagreement, printing the scenario.

ATOP alliances become treaties of the same shape: their members with entry and exit dates, a
defence clause where ATOP codes ``defense``, non-aggression where ``nonagg``, consultation where
``consul`` (or where it codes none of these). ATOP names states by Correlates of War number; the
soak gives each number an ISO code by rank, so the states are stand-ins: the alliances, their sizes,
their overlaps and their dates are ATOP's.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from datetime import date
from pathlib import Path

import pact
from pact.backends import backend_named
from pact.evaluation.engine import evaluate_plan
from pact.model import Bearers, Clause, EventType, Obligation, ObligationKind, Party, Source, Treaty, Trigger
from pact.plan.compile import compile_rulebook
from pact.testing.strategies import ALL_STATES, synthetic_rulebook, synthetic_scenarios


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 1e6


def soak(name: str, rulebook: pact.Rulebook, count: int, whole_every: int, every: int) -> bool:
    started = time.perf_counter()
    plan = compile_rulebook(rulebook)
    durable, reference = backend_named("durable"), backend_named("reference")
    shards = len(durable.packed(plan).shards)  # type: ignore[attr-defined]
    print(f"{name}: {len(rulebook.treaties)} treaties, {len(plan.clauses)} clauses, {shards} durable rulesets")
    timing = {"durable": 0.0, "reference": 0.0}
    fired = 0
    done = 0
    for start in range(0, count, 10_000):
        for n, case in enumerate(synthetic_scenarios(rulebook, min(10_000, count - start), seed=start), start):
            facts = plan.facts(case)
            t0 = time.perf_counter()
            got = durable.fired(plan, facts)
            t1 = time.perf_counter()
            expected = reference.fired(plan, facts)
            timing["durable"] += t1 - t0
            timing["reference"] += time.perf_counter() - t1
            fired += len(expected)
            if got != expected or (
                n % whole_every == 0 and evaluate_plan(plan, case, durable) != evaluate_plan(plan, case, reference)
            ):
                print(f"DISAGREE on scenario {n}: {case.model_dump_json()}")
                print(f"  durable {sorted(got)}\n  reference {sorted(expected)}")
                return False
            done = n + 1
            if done % every == 0:
                print(
                    f"  {done:>9,} scenarios  RSS {rss_mb():7.1f} MB  {time.perf_counter() - started:7.0f} s",
                    flush=True,
                )
    rates = ", ".join(f"{k} {done / v:,.0f}/s" for k, v in timing.items())
    print(f"  {done:,} scenarios agree ({fired:,} firings); matching {rates}; RSS {rss_mb():.1f} MB")
    return True


def atop(folder: Path) -> pact.Rulebook:
    """ATOP 4.01 alliances as treaties (see the module docstring for what is and is not ATOP's)."""
    alliances = list(csv.DictReader((folder / "atop4_01_alliance_level.csv").open()))
    members = list(csv.DictReader((folder / "atop4_01_member_level.csv").open()))
    cow = sorted({int(m["member"]) for m in members})
    iso = dict(zip(cow, (s for s in ALL_STATES if s != "GUM"), strict=False))
    spans: dict[str, dict[str, tuple[date, date | None]]] = {}
    for m in members:
        entry = _day(m["yrent"], m["moent"], m["dayent"])
        exit_ = _day(m["yrexit"], m["moexit"], m["dayexit"]) if int(m["yrexit"] or 0) > 0 else None
        state = iso[int(m["member"])]
        first, last = spans.setdefault(m["atopid"], {}).get(state, (entry, exit_))
        ongoing = exit_ is None or last is None
        spans[m["atopid"]][state] = (min(first, entry), None if ongoing else max(last, exit_))
    treaties = []
    for a in alliances:
        begin = _day(a["begyr"], a["begmo"], a["begday"])
        end = _day(a["endyr"], a["endmo"], a["endday"]) if int(a["endyr"] or 0) > 0 else None
        parties = tuple(
            Party(state=s, joined=j, left=left if left and left > j else None)
            for s, (j, left) in sorted(spans.get(a["atopid"], {}).items())
        )
        if parties:
            treaties.append(
                Treaty(
                    treaty=f"atop-{a['atopid']}",
                    title=f"ATOP alliance {a['atopid']}",
                    signed=begin,
                    in_force=begin,
                    terminated=end if end and end > begin else None,
                    source=Source(citation=f"ATOP 4.01, atopid {a['atopid']}"),
                    parties=parties,
                    clauses=_atop_clauses(a),
                )
            )
    return pact.Rulebook(treaties=tuple(treaties))


def _day(year: str, month: str, day: str) -> date:
    month_, day_ = int(month or 0), int(day or 0)
    return date(int(year), month_ if 1 <= month_ <= 12 else 1, day_ if 1 <= day_ <= 28 else 1)


def _atop_clauses(alliance: dict[str, str]) -> tuple[Clause, ...]:
    def clause(cid: str, kind: ObligationKind, bearers: Bearers, events: tuple[EventType, ...]) -> Clause:
        trigger = Trigger(events=events, attacker="state" if bearers is Bearers.attacking_parties else "any")
        duty = Obligation(kind=kind, means="armed_force", bearers=bearers)
        return Clause(id=cid, article=cid, text=f"ATOP {cid}", trigger=trigger, obligation=duty)

    found = []
    if alliance["defense"] == "1":
        found.append(clause("defense", ObligationKind.defense, Bearers.other_parties, (EventType.armed_attack,)))
    if alliance["nonagg"] == "1":
        found.append(
            clause("nonagg", ObligationKind.non_aggression, Bearers.attacking_parties, (EventType.armed_attack,))
        )
    if alliance["consul"] == "1" or not found:
        found.append(clause("consul", ObligationKind.consultation, Bearers.other_parties, (EventType.armed_threat,)))
    return tuple(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=300_000)
    parser.add_argument("--treaties", type=int, default=1000)
    parser.add_argument("--atop", type=Path, help="folder with atop4_01_alliance_level.csv and _member_level.csv")
    parser.add_argument("--whole-every", type=int, default=100)
    parser.add_argument("--every", type=int, default=50_000)
    parser.add_argument("--only", choices=("bundled", "generated", "atop"), action="append")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}; {args.scenarios:,} scenarios per rule set; RSS {rss_mb():.1f} MB")
    sets = {"bundled": pact.load_rules, "generated": lambda: synthetic_rulebook(args.treaties)}
    if args.atop:
        sets["atop"] = lambda: atop(args.atop)
    ok = all(
        soak(name, load(), args.scenarios, args.whole_every, args.every)
        for name, load in sets.items()
        if not args.only or name in args.only
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
