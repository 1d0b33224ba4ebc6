"""The dyad oracle: what a dyad table must hold for one treaty on one day, found the slow way."""

from __future__ import annotations

from datetime import date

import pact
from pact.analysis.baseline import bystander, states_on
from pact.analysis.dyads import Attacker, Baseline, Dyad
from pact.backends.reference import ReferenceBackend
from pact.evaluation.engine import evaluate_plan
from pact.model import Bearers
from pact.plan.conditions import VictimWithin

PLAIN = Baseline()
"""``pact dyads``' default question."""
Owed = dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]]


def brute_force(engine: pact.Engine, treaty: str, day: date, baseline: Baseline = PLAIN) -> Owed:
    """The duties under ``treaty`` on ``day``, one scenario per question, each evaluated on its own
    (no batch, no answers kept between days): each state it could protect (its parties, the states
    of a region a clause protects) attacked by its bystander (and, for ``Attacker.adversaries``, by
    each state some version of a clause names as the attacker, read from the treaty file); and,
    when a clause binds attacking parties, each party attacking each other. Undetermined duties
    count when the baseline says so."""
    plan, states = engine.plan, states_on(engine, day)
    parties = [s for s in plan.members_ever(treaty) if s in states and plan.standing(treaty, s, day.toordinal())]
    protected = {
        c.region for clause in plan.clauses_of(treaty) for c in clause.conditions if isinstance(c, VictimWithin)
    }
    when = day.toordinal()
    towards = [s for s in states if s in plan.members_ever(treaty) or protected & plan.regions_of(s, when)]
    found: dict[tuple[str, str], set[tuple[str, str]]] = {}

    def ask(target: str, by: str | None, attacker_only: bool) -> None:
        event = {"type": "armed_attack", "target": target, "by": [by] if by else []}
        scenario = pact.Scenario.model_validate({"scenario": "day", "date": day, "events": [event]})
        result = evaluate_plan(plan, scenario, ReferenceBackend(), full=False)
        for o in (*result.obligations, *(result.undetermined if baseline.undetermined else ())):
            if o.treaty == treaty and attacker_only == (o.state == by):
                found.setdefault((o.state, o.toward), set()).add((o.kind.value, f"{o.treaty}/{o.clause}"))

    binds_attackers = any(c.bearers is Bearers.attacking_parties for c in plan.clauses_of(treaty))
    (rules,) = (t for t in engine.rulebook.treaties if t.treaty == treaty)
    triggers = [t for c in rules.clauses for t in (c.trigger, *(v.trigger for v in c.versions)) if t is not None]
    named = {s for t in triggers if isinstance(t.attacker, tuple) for s in t.attacker}
    for target in towards:
        default = bystander(plan, target, day, states)
        ask(target, default, attacker_only=False)
        for adversary in sorted(named) if baseline.attacker is Attacker.adversaries else ():
            if adversary not in (target, default) and adversary in states:
                ask(target, adversary, attacker_only=False)
        for state in parties if binds_attackers else ():
            if state != target:
                ask(target, state, attacker_only=True)
    return {pair: (frozenset(k for k, _ in v), frozenset(c for _, c in v)) for pair, v in found.items()}


def from_table(engine: pact.Engine, table: list[Dyad], treaty: str, day: date) -> Owed:
    """The table's rows on ``day``, cut down to the clauses of ``treaty``."""
    kind_of = {c.key.split("@")[0]: c.kind.value for c in engine.plan.clauses}
    found = {}
    for d in table:
        mine = frozenset(c for c in d.clauses if c.startswith(f"{treaty}/"))
        if d.start <= day < d.until and mine:
            found[d.state, d.toward] = (frozenset(kind_of[c] for c in mine), mine)
    return found
