"""pact at scale, measured in one run on one workload. Run by hand:

    python benchmarks/scale.py [--scenarios 2000] [--repeats 5] [--days 20] [--runs 3] [--million]

Prints, each a median of repeats (the machine is shared: quote medians, and the spread):

1. batch evaluation of the same random scenarios (benchmarks/throughput.py's draw: dates
   1945-2030, 1-3 events, random targets, attackers, locations, requests), one core: pact lean
   and full on durable-rules and on the reference backend; the peer a user would write from
   durable-rules' own docs (one rule per obligation, a fresh session per scenario); and a
   hand-written dict-and-set evaluator, the floor for Python. The peer and the floor know only
   the simplest clause semantics (event type, victim a party in good standing, bearers the other
   parties in good standing, neither victim nor attacker), so they do less than pact;
2. ``pact dyads`` over 1949-2025, every change, as a whole command (time, peak memory), against
   the same answers by brute force: evaluating every day (extrapolated from ``--days`` random
   days, each state attacked by its bystander, one scenario each, no answers kept);
3. ``pact sweep --jobs 1`` and ``--jobs 2`` on one year of every state, daily, as whole commands;
4. with ``--million``: a sweep of about a million scenarios (every state, daily, 1950-1979),
   its time and peak memory.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from throughput import draw_scenarios

import pact
from pact.analysis.baseline import bystander, states_on
from pact.backends.reference import ReferenceBackend
from pact.core.states import is_state_on
from pact.evaluation.engine import evaluate_plan
from pact.model import Bearers, Toward
from pact.plan.compile import Plan
from pact.plan.conditions import VictimParty

Duty = tuple[str, str, str, str]  # (bearer, clause key, toward, event)


def per_second(
    work: Callable[[object], object], count: int, repeats: int, setup: Callable[[], object] = lambda: None
) -> tuple[float, float, float]:
    """Scenarios per second of ``work(setup())`` (setup not timed): lowest, median, highest."""
    times = []
    for _ in range(repeats):
        prepared = setup()
        start = time.perf_counter()
        work(prepared)
        times.append(time.perf_counter() - start)
    rates = sorted(count / t for t in times)
    return rates[0], statistics.median(rates), rates[-1]


# --- the floor: dicts and sets ------------------------------------------------------------------


class DictFloor:
    """The simplest clause semantics in plain Python: indexes built once, one pass per event."""

    def __init__(self, plan: Plan) -> None:
        self.clauses = [c for c in plan.clauses if _simple(c)]
        self.spans: dict[tuple[str, str], list[tuple[int, int, bool, bool]]] = {}
        for s in plan.standings:
            self.spans.setdefault((s.treaty, s.state), []).append((s.start, s.end, s.bears, s.protected))
        self.members = {t: plan.members_ever(t) for t in plan.treaties}
        self.types = {c.key: c.conditions[0] for c in self.clauses}

    def _standing(self, treaty: str, state: str, day: int) -> tuple[bool, bool] | None:
        for start, end, bears, protected in self.spans.get((treaty, state), ()):
            if start <= day < end:
                return bears, protected
        return None

    def evaluate(self, scenario: pact.Scenario) -> list[Duty]:
        day = scenario.date.toordinal()
        found = []
        for event in scenario.events:
            attackers = set(event.attackers)
            for clause in self.clauses:
                if event.type not in _types(clause):
                    continue
                victim = self._standing(clause.treaty, event.target, day)
                if not (victim and victim[1]):
                    continue
                for state in self.members[clause.treaty]:
                    if state == event.target or state in attackers:
                        continue
                    bearer = self._standing(clause.treaty, state, day)
                    if bearer and bearer[0]:
                        found.append((state, clause.key, event.target, event.id or ""))
        return found


def _simple(clause) -> bool:
    return (
        clause.bearers is Bearers.other_parties
        and clause.toward is Toward.victim
        and any(isinstance(c, VictimParty) for c in clause.conditions)
    )


def _types(clause) -> frozenset:
    from pact.plan.conditions import EventTypeIn

    return next((c.types for c in clause.conditions if isinstance(c, EventTypeIn)), frozenset())


# --- the peer: durable-rules as its docs teach --------------------------------------------------


class NaiveDurable:
    """One rule per obligation clause, firing once per obligated state (each bearer's membership is a
    fact the rule joins), memberships of the day asserted as facts, a fresh session per scenario.
    durable's Host is used without its timer threads, the one change needed to avoid its known random
    crash (see pact/backends/durable/backend.py)."""

    def __init__(self, plan: Plan) -> None:
        from durable import engine

        class Host(engine.Host):
            def _run(self) -> None:
                pass

        self.host = Host()
        self.plan = plan
        self.found: list[Duty] = []
        self.name = f"naive_{os.getpid()}_{id(self)}"
        self.treaties = sorted({c.treaty for c in plan.clauses if _simple(c)})
        rules: dict[str, dict] = {"opened": {"all": [{"s": {"kind": "session"}}], "run": lambda c: None}}
        for clause in (c for c in plan.clauses if _simple(c)):
            types = [{"type": t.value} for t in sorted(_types(clause))]
            rules[clause.key] = {
                "all": [
                    {"e": {"$and": [{"kind": "event"}, types[0] if len(types) == 1 else {"$or": types}]}},
                    {"v": {"$and": [{"kind": "protected"}, {"treaty": clause.treaty}, {"state": {"e": "target"}}]}},
                    {"b": {"$and": [{"kind": "bears"}, {"treaty": clause.treaty}]}},
                ],
                "dist": 0,
                "run": self._action(clause.key),
            }
        self.host.set_rulesets({self.name: rules})
        self.sessions = 0

    def _action(self, key: str):
        def run(c) -> None:
            state = c.b["state"]
            if state != c.e["target"] and state not in c.e["attackers"].split(","):
                self.found.append((state, key, c.e["target"], c.e["event"]))

        return run

    def evaluate(self, scenario: pact.Scenario) -> list[Duty]:
        self.found = []
        self.sessions += 1
        sid = str(self.sessions)
        day = scenario.date.toordinal()
        facts = [
            {"sid": sid, "kind": kind, "treaty": s.treaty, "state": s.state}
            for s in self.plan.standings
            if s.treaty in self.treaties and s.start <= day < s.end
            for kind, holds in (("protected", s.protected), ("bears", s.bears))
            if holds
        ]
        facts += [
            {
                "sid": sid,
                "kind": "event",
                "event": e.id or "",
                "target": e.target,
                "type": e.type.value,
                "attackers": ",".join(e.attackers),
            }
            for e in scenario.events
        ]
        try:
            self.host.assert_fact(self.name, {"sid": sid, "kind": "session"})
            self.host.assert_facts(self.name, facts)
        finally:
            self.host.delete_state(self.name, sid)
        return self.found


# --- whole commands ---------------------------------------------------------------------------


_REPORTING = """
import atexit, runpy, sys
target = sys.argv.pop(1)
def _peak():
    with open('/proc/self/status') as status, open(target, 'w') as out:
        out.write(next(line.split()[1] for line in status if line.startswith('VmHWM')))
atexit.register(_peak)
runpy.run_module('pact', run_name='__main__', alter_sys=True)
"""
"""Runs pact and writes its own peak resident memory (VmHWM, kB) on exit: the kernel's ``ru_maxrss`` of a
child counts the memory of the process it was forked from, this benchmark's own."""


def whole(argv: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall seconds and peak memory (MB, the main process; workers are separate) of each run of
    ``python -m pact ARGV``."""
    walls, peaks = [], []
    for _ in range(runs):
        with tempfile.NamedTemporaryFile("r") as peak:
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", _REPORTING, peak.name, *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            walls.append(time.perf_counter() - start)
            if done.returncode != 0:
                raise SystemExit(f"failed: pact {' '.join(argv)}: {done.stderr.decode()[-500:]}")
            peaks.append(int(peak.read()) / 1024)
    return walls, peaks


def spread(values: list[float], unit: str, digits: int = 1) -> str:
    return f"{statistics.median(values):.{digits}f} {unit} (min {min(values):.{digits}f}, max {max(values):.{digits}f})"


def brute_force_day(plan: Plan, engine: pact.Engine, day: date) -> int:
    """Every state attacked by its bystander on ``day``, one scenario each, nothing kept between them."""
    states = states_on(engine, day)
    backend = ReferenceBackend()
    for target in states:
        by = bystander(plan, target, day, states)
        event = {"type": "armed_attack", "target": target, "by": [by] if by else []}
        scenario = pact.Scenario.model_validate({"scenario": "day", "date": day, "events": [event]})
        evaluate_plan(plan, scenario, backend, full=False)
    return len(states)


def valid_scenarios(rules: pact.Rulebook, count: int, seed: int = 7) -> list[pact.Scenario]:
    """throughput.py's random scenarios, keeping those whose targets and attackers are states on the day."""
    drawn = draw_scenarios(rules, count * 3, seed)
    alive = [s for s in drawn if all(is_state_on(c, s.date) for e in s.events for c in (e.target, *e.attackers))]
    return alive[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--days", type=int, default=20, help="days evaluated to extrapolate the brute force")
    parser.add_argument("--runs", type=int, default=3, help="runs of each whole command")
    parser.add_argument("--million", action="store_true", help="also sweep about a million scenarios")
    args = parser.parse_args()

    rules = pact.load_rules()
    scenarios = valid_scenarios(rules, args.scenarios)
    n = len(scenarios)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; {n} scenarios")
    print("\n1. batch evaluation, one core (scenarios/s: median, min-max)")
    for name in ("durable", "reference"):
        try:
            pact.Engine(rules, backend=name).evaluate(scenarios[0])  # registers the durable ruleset, untimed
        except ImportError:
            print(f"  pact {name:<10} not available on this Python")
            continue
        for full in (False, True):
            # a fresh engine each time: answers kept from an earlier repeat would be measured otherwise
            low, mid, high = per_second(
                lambda e, f=full: list(pact.evaluate_many(e, scenarios, full=f)),
                n,
                args.repeats,
                setup=lambda b=name: pact.Engine(rules, backend=b),
            )
            kind = "full" if full else "lean"
            print(f"  pact {name:<10} {kind}  {mid:>9,.0f}   ({low:,.0f}-{high:,.0f})")
    plan = pact.Engine(rules, backend="reference").plan
    try:
        naive = NaiveDurable(plan)
        low, mid, high = per_second(lambda _: [naive.evaluate(s) for s in scenarios], n, max(1, args.repeats // 2))
        print(
            f"  naive durable-rules   {mid:>9,.0f}   ({low:,.0f}-{high:,.0f})   one rule per obligation, fresh sessions"
        )
    except ImportError:
        print("  naive durable-rules   not available on this Python")
    floor = DictFloor(plan)
    low, mid, high = per_second(lambda _: [floor.evaluate(s) for s in scenarios], n, args.repeats)
    print(f"  dict-and-set floor    {mid:>9,.0f}   ({low:,.0f}-{high:,.0f})   simplest clause semantics")

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        print("\n2. dyad table, all states 1949-2025, every change (whole command)")
        walls, peaks = whole(
            [
                "dyads",
                "--from",
                "1949-01-01",
                "--to",
                "2026-01-01",
                "--every",
                "change",
                "--backend",
                "reference",
                "--out",
                str(out / "dyads.csv"),
            ],
            args.runs,
        )
        print(f"  pact dyads --every change   {spread(walls, 's')}, peak {spread(peaks, 'MB', 0)}")
        engine = pact.Engine(rules, backend="reference")
        rng = random.Random(3)
        first, last = date(1949, 1, 1), date(2025, 12, 31)
        days = [first + timedelta(days=rng.randint(0, (last - first).days)) for _ in range(args.days)]
        start = time.perf_counter()
        asked = sum(brute_force_day(engine.plan, engine, d) for d in days)
        per_day = (time.perf_counter() - start) / len(days)
        total = (last - first).days + 1
        print(
            f"  brute force, every day      {per_day * total:,.0f} s extrapolated ({per_day:.2f} s a day over "
            f"{len(days)} random days, {asked / len(days):.0f} scenarios a day, {total:,} days; defence side only)"
        )

        print("\n3. sweep of every state, daily, 2000 (whole command)")
        sweep = ["sweep", "--from", "2000-01-01", "--to", "2001-01-01", "--backend", "reference"]
        timings = {}
        for jobs in ("1", "2"):
            walls, peaks = whole([*sweep, "--jobs", jobs, "--out", str(out / f"sweep{jobs}.csv")], args.runs)
            timings[jobs] = walls
            print(f"  --jobs {jobs}   {spread(walls, 's')}, peak {spread(peaks, 'MB', 0)} (largest process)")
        ratios = [a / b for a, b in zip(timings["1"], timings["2"], strict=True)]
        print(f"  speed-up --jobs 2 / --jobs 1: {spread(ratios, 'x', 2)}")
        rows = sum(1 for _ in (out / "sweep1.csv").open()) - 1
        print(f"  {rows:,} rows")

        if args.million:
            print("\n4. about a million scenarios: every state, daily, 1950-1979 (whole command)")
            walls, peaks = whole(
                [
                    "sweep",
                    "--from",
                    "1950-01-01",
                    "--to",
                    "1980-01-01",
                    "--backend",
                    "reference",
                    "--out",
                    str(out / "million.csv"),
                ],
                1,
            )
            print(f"  {spread(walls, 's')}, peak {spread(peaks, 'MB', 0)}")


if __name__ == "__main__":
    main()
