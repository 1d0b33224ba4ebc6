"""Evaluation: scenario + plan → obligations, the states not obligated and why, and conflicts.

Backends decide which clauses fire for which events; everything after that — who bears each
fired duty, why the others do not, which states are bound to both sides — is worked out here,
once, in the same way whichever backend ran.
"""

from __future__ import annotations

from collections.abc import Iterator

from pact.backends import AUTO, Backend, Firing, backend_named
from pact.compile import ClausePlan, EventFacts, Plan, VictimInRegion, compile_rulebook, iso
from pact.loader import check_scenario
from pact.model import Bearers, ObligationKind, Rulebook, Scenario
from pact.result import Conflict, NonObligation, Obligation, Result

_BINDING = (ObligationKind.defense, ObligationKind.non_aggression)


class Engine:
    """Rules compiled once, evaluated many times: build one and call ``evaluate`` per scenario.

    ``backend`` is a backend instance (anything with ``fired(plan, facts)``) or the name of a
    registered one (``auto``, ``durable``, ``reference``; see ``pact.backends``).
    """

    def __init__(self, rules: Rulebook, backend: Backend | str = AUTO) -> None:
        self.rulebook = rules
        self.plan = compile_rulebook(rules)
        self.backend: Backend = backend_named(backend) if isinstance(backend, str) else backend

    def evaluate(self, scenario: Scenario) -> Result:
        check_scenario(scenario, self.rulebook)
        return evaluate_plan(self.plan, scenario, self.backend)


def evaluate(scenario: Scenario, rules: Rulebook, backend: Backend | str = AUTO) -> Result:
    """Evaluate one scenario on ``rules`` (compiles them: for many scenarios, build an Engine once)."""
    return Engine(rules, backend).evaluate(scenario)


def evaluate_plan(plan: Plan, scenario: Scenario, backend: Backend) -> Result:
    facts = plan.facts(scenario)
    fired = backend.fired(plan, facts)
    obligations = sorted(_obligations(plan, facts, fired), key=_order(facts))
    return Result(
        scenario=scenario.scenario,
        date=scenario.date,
        obligations=tuple(obligations),
        conflicts=tuple(_conflicts(plan, facts, obligations)),
        not_obligated=tuple(_not_obligated(plan, facts, fired, obligations)),
    )


def _order(facts: tuple[EventFacts, ...]):
    position = {f.id: i for i, f in enumerate(facts)}
    return lambda o: (position[o.event], o.treaty, o.clause, o.state)


# --- who bears a fired duty ------------------------------------------------------------------


def candidates(plan: Plan, clause: ClausePlan, facts: EventFacts) -> tuple[str, ...]:
    """Every state the clause could bind for this event, before checking each one."""
    if clause.bearers is Bearers.other_parties:
        return plan.members_ever(clause.treaty)
    if clause.bearers is Bearers.attacking_parties:
        return tuple(s for s in facts.attackers if s in plan.members_ever(clause.treaty))
    return tuple(clause.bearers)


def exclusion(plan: Plan, clause: ClausePlan, facts: EventFacts, state: str) -> str | None:
    """Why ``state`` does not bear a duty the clause imposes for this event, or None if it does."""
    if state == facts.target:
        return f"{state} is the victim"
    if state in facts.attackers and clause.bearers is not Bearers.attacking_parties:
        return f"{state} is an attacker, and owes no {clause.kind.value} to its own victim"
    standing = plan.standing(clause.treaty, state, facts.day)
    if standing is None or not standing.bears:
        return f"{state} {plan.why_not_member(clause.treaty, state, facts.day)}"
    suspended = plan.suspended_toward(clause.treaty, state, facts.target, facts.day)
    if suspended:
        return f"{state} suspended its {clause.treaty} obligations toward {facts.target} from {iso(suspended[0])}"
    asked_treaty = clause.request_to_treaty and clause.treaty in facts.requested
    if clause.request_to_bearer and state not in facts.requested and not asked_treaty:
        asked = f"{state} or {clause.treaty}" if clause.request_to_treaty else state
        return f"{facts.target} did not ask {asked} for assistance"
    return None


def _bearer_reasons(plan: Plan, clause: ClausePlan, facts: EventFacts, state: str) -> list[str]:
    standing = plan.standing(clause.treaty, state, facts.day)
    assert standing is not None
    reasons = [
        f"{state} was a party of {clause.treaty} in good standing on {iso(facts.day)} (from {iso(standing.start)})"
    ]
    if clause.bearers is Bearers.attacking_parties:
        reasons.append(f"{state} is among the attackers, and the clause binds attacking parties")
    else:
        reasons.append(f"{state} is neither the victim nor an attacker")
    if clause.request_to_bearer:
        reasons.append(f"{facts.target} asked {state if state in facts.requested else clause.treaty} for assistance")
    return reasons


def _obligations(plan: Plan, facts: tuple[EventFacts, ...], fired: set[Firing]) -> Iterator[Obligation]:
    by_key = {c.key: c for c in plan.clauses}
    by_id = {f.id: f for f in facts}
    for key, event in fired:
        clause, event_facts = by_key[key], by_id[event]
        held = [c.reason(event_facts, plan, True) for c in clause.conditions]
        for state in candidates(plan, clause, event_facts):
            if exclusion(plan, clause, event_facts, state) is None:
                yield Obligation(
                    state=state,
                    treaty=clause.treaty,
                    clause=clause.clause,
                    article=clause.article,
                    kind=clause.kind,
                    means=clause.means,
                    toward=event_facts.target,
                    event=event,
                    because=(*held, *_bearer_reasons(plan, clause, event_facts, state)),
                    qualification=clause.qualification,
                )


# --- who is not bound, and why ---------------------------------------------------------------


def _not_obligated(
    plan: Plan, facts: tuple[EventFacts, ...], fired: set[Firing], obligations: list[Obligation]
) -> Iterator[NonObligation]:
    bound = {(o.state, o.treaty, o.event) for o in obligations}
    for event in facts:
        for treaty in filter(lambda t: _engages(plan, t, event), plan.treaties):
            # Clauses that fired come first: their reason is about the state, not the event.
            clauses = sorted(plan.clauses_of(treaty), key=lambda c: (c.key, event.id) not in fired)
            unmet = {c.key: _unmet(plan, c, event) for c in clauses if (c.key, event.id) not in fired}
            states = sorted({s for c in clauses for s in (*plan.members_ever(treaty), *candidates(plan, c, event))})
            for state in states:
                if (state, treaty, event.id) in bound:
                    continue
                reasons = [f"{c.article}: {unmet.get(c.key) or _excluded(plan, c, event, state)}" for c in clauses]
                yield NonObligation(state=state, treaty=treaty, event=event.id, because=tuple(dict.fromkeys(reasons)))


def _engages(plan: Plan, treaty: str, facts: EventFacts) -> bool:
    """Whether the event concerns the treaty at all: its victim or an attacker is or was a party,
    or the victim lies in a region a clause protects. Other treaties are not worth a reason."""
    involved = {facts.target, *facts.attackers}
    if involved & set(plan.members_ever(treaty)):
        return True
    regions = {
        c.region for clause in plan.clauses_of(treaty) for c in clause.conditions if isinstance(c, VictimInRegion)
    }
    return bool(regions & facts.target_regions)


def _unmet(plan: Plan, clause: ClausePlan, facts: EventFacts) -> str:
    """Why the clause's trigger did not hold for the event (the same for every state)."""
    failed = [c.reason(facts, plan, False) for c in clause.conditions if not c.holds(facts, plan)]
    return "; ".join(failed) or "the clause did not apply"


def _excluded(plan: Plan, clause: ClausePlan, facts: EventFacts, state: str) -> str:
    """Why a clause that fired binds every bearer but ``state``."""
    if state not in candidates(plan, clause, facts):
        return f"{state} is not among those the clause binds ({_bearer_words(clause)})"
    return exclusion(plan, clause, facts, state) or "no duty arose"


def _bearer_words(clause: ClausePlan) -> str:
    if isinstance(clause.bearers, tuple):
        return ", ".join(clause.bearers)
    return clause.bearers.value.replace("_", " ")


# --- bound to both sides ---------------------------------------------------------------------


def ties(plan: Plan, state: str, other: str, when: int) -> list[str]:
    """The binding duties (defense, non-aggression) ``state`` owed ``other`` on a day, as words."""
    found = []
    for clause in plan.clauses:
        if clause.kind not in _BINDING:
            continue
        mine, theirs = plan.standing(clause.treaty, state, when), plan.standing(clause.treaty, other, when)
        if mine and mine.bears and theirs and theirs.protected:
            found.append(f"{state} is bound to {other} by {clause.treaty} {clause.article} ({clause.kind.value})")
    return list(dict.fromkeys(found))


def _conflicts(plan: Plan, facts: tuple[EventFacts, ...], obligations: list[Obligation]) -> Iterator[Conflict]:
    by_id = {f.id: f for f in facts}
    owed: dict[tuple[str, str], list[str]] = {}
    for o in obligations:
        if o.kind is ObligationKind.defense:
            owed.setdefault((o.state, o.event), []).append(
                f"{o.state} owes {o.kind.value} to {o.toward} under {o.treaty} {o.article}"
            )
    seen = set()
    for o in obligations:
        if o.kind is not ObligationKind.defense:
            continue
        event = by_id[o.event]
        for attacker in event.attackers:
            if (o.state, o.event, attacker) in seen:
                continue
            bonds = ties(plan, o.state, attacker, event.day)
            if bonds:
                seen.add((o.state, o.event, attacker))
                because = (*owed[(o.state, o.event)], *bonds)
                yield Conflict(state=o.state, event=o.event, toward=o.toward, against=attacker, because=because)
