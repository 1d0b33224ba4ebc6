"""Evaluation: scenario + plan → obligations, the states not obligated and why, and conflicts.

Backends decide which clauses fire for which events; everything after that — who bears each
fired duty, why the others do not, which states are bound to both sides — is worked out here,
once, in the same way whichever backend ran. Decisions come first and cheaply; the steps that
explain them are recorded only when a full result is asked for.
"""

from __future__ import annotations

from collections.abc import Iterator

from pact.assumptions import assume
from pact.backends import AUTO, Backend, Firing, backend_named
from pact.compile import ClausePlan, EventFacts, Plan, VictimWithin, compile_rulebook
from pact.loader import check_scenario
from pact.model import Assumption, ObligationKind, Rulebook, Scenario
from pact.result import Commitment, Conflict, NonObligation, Obligation, Result
from pact.trace import Step, decisive

_BINDING = (ObligationKind.defense, ObligationKind.non_aggression)
_ASSUMED_PLANS = 64
"""Distinct sets of assumptions whose compiled plans an engine keeps."""


class Engine:
    """Rules compiled once, evaluated many times: build one and call ``evaluate`` per scenario.

    ``backend`` is a backend instance (anything with ``fired(plan, facts)``) or the name of a
    registered one (``auto``, ``durable``, ``reference``; see ``pact.backends``).
    """

    def __init__(self, rules: Rulebook, backend: Backend | str = AUTO) -> None:
        self.rulebook = rules
        self.plan = compile_rulebook(rules)
        self.backend: Backend = backend_named(backend) if isinstance(backend, str) else backend
        self._assumed: dict[tuple[Assumption, ...], Plan] = {}

    def evaluate(self, scenario: Scenario, *, full: bool = True) -> Result:
        """Who is obligated under which clause, and why; who is not and why not; conflicts.

        The scenario is checked against the rules first (unknown treaties, territories named as
        states …: ``ScenarioError``). ``full=False`` gives the lean result: obligations and
        conflicts without their traces, and no ``not_obligated`` list.
        """
        check_scenario(scenario, self.rulebook)
        return evaluate_plan(self.plan_for(scenario.assume), scenario, self.backend, full=full)

    def plan_for(self, changes: tuple[Assumption, ...]) -> Plan:
        """The plan of the rules with a scenario's assumptions applied, compiled once per distinct set."""
        if not changes:
            return self.plan
        if changes not in self._assumed:
            if len(self._assumed) >= _ASSUMED_PLANS:
                del self._assumed[next(iter(self._assumed))]
            self._assumed[changes] = compile_rulebook(assume(self.rulebook, changes))
        return self._assumed[changes]


def evaluate(scenario: Scenario, rules: Rulebook, backend: Backend | str = AUTO) -> Result:
    """Evaluate one scenario on ``rules`` (compiles them: for many scenarios, build an Engine once)."""
    return Engine(rules, backend).evaluate(scenario)


def evaluate_plan(plan: Plan, scenario: Scenario, backend: Backend, *, full: bool = True) -> Result:
    facts = plan.facts(scenario)
    fired = backend.fired(plan, facts)
    obligations = sorted(_obligations(plan, facts, fired, full), key=_order(facts))
    return Result(
        scenario=scenario.scenario,
        date=scenario.date,
        obligations=tuple(obligations),
        conflicts=tuple(_conflicts(plan, facts, obligations)),
        not_obligated=tuple(_not_obligated(plan, facts, fired, obligations)) if full else (),
        assumptions=scenario.assume,
    )


def _order(facts: tuple[EventFacts, ...]):
    position = {f.id: i for i, f in enumerate(facts)}
    return lambda o: (position[o.event], o.treaty, o.clause, o.state)


# --- steps -----------------------------------------------------------------------------------


def trigger_steps(plan: Plan, clause: ClausePlan, facts: EventFacts) -> list[Step]:
    """What each condition of the clause found for the event."""
    return [
        _step(clause, c.test, c.holds(facts, plan), c.values(facts, plan), source)
        for c, source in zip(clause.conditions, clause.sources or [None] * len(clause.conditions), strict=True)
    ]


def bearer_steps(plan: Plan, clause: ClausePlan, facts: EventFacts, state: str) -> list[Step]:
    """What each bearer test of the clause found for ``state``."""
    return [
        _step(
            clause,
            t.test,
            t.holds(facts, plan, state),
            t.values(facts, plan, state),
            clause.bearer_source(i, facts, plan, state),
        )
        for i, t in enumerate(clause.bearer_tests)
    ]


def _step(clause: ClausePlan, test, holds, values, source: str | None) -> Step:
    return Step.model_construct(
        test=test,
        holds=holds,
        values=values,
        treaty=clause.treaty,
        clause=clause.clause,
        article=clause.article,
        source=source,
    )


# --- who bears a fired duty ------------------------------------------------------------------


def _obligations(plan: Plan, facts: tuple[EventFacts, ...], fired: set[Firing], full: bool) -> Iterator[Obligation]:
    by_id = {f.id: f for f in facts}
    for key, event in fired:
        clause, event_facts = plan.clause_by_key[key], by_id[event]
        held = trigger_steps(plan, clause, event_facts) if full else []
        for state in clause.candidates(event_facts, plan):
            if clause.binds(state, event_facts, plan):
                yield Obligation(
                    state=state,
                    treaty=clause.treaty,
                    clause=clause.clause,
                    article=clause.article,
                    kind=clause.kind,
                    means=clause.means,
                    toward=event_facts.target,
                    event=event,
                    qualification=clause.qualification,
                    trace=(*held, *bearer_steps(plan, clause, event_facts, state)) if full else (),
                )


# --- who is not bound, and why ---------------------------------------------------------------


def _not_obligated(
    plan: Plan, facts: tuple[EventFacts, ...], fired: set[Firing], obligations: list[Obligation]
) -> Iterator[NonObligation]:
    bound = {(o.state, o.treaty, o.event) for o in obligations}
    for event in facts:
        for treaty in filter(lambda t: engages(plan, t, event), plan.treaties):
            clauses = plan.clauses_of(treaty)
            applies = {c.key: trigger_steps(plan, c, event) for c in clauses}
            states = sorted({s for c in clauses for s in (*plan.members_ever(treaty), *c.candidates(event, plan))})
            for state in states:
                if (state, treaty, event.id) in bound:
                    continue
                trace = tuple(s for c in clauses for s in (*applies[c.key], *bearer_steps(plan, c, event, state)))
                yield NonObligation(state=state, treaty=treaty, event=event.id, trace=trace, decisive=decisive(trace))


def engages(plan: Plan, treaty: str, facts: EventFacts) -> bool:
    """Whether the event concerns the treaty at all: its victim or an attacker is or was a party,
    or the victim lies in a region a clause protects. Other treaties are not worth a reason."""
    involved = {facts.target, *facts.attackers}
    if involved & set(plan.members_ever(treaty)):
        return True
    regions = {c.region for clause in plan.clauses_of(treaty) for c in clause.conditions if isinstance(c, VictimWithin)}
    return bool(regions & facts.target_regions)


# --- bound to both sides ---------------------------------------------------------------------


def ties(plan: Plan, state: str, other: str, when: int) -> list[Commitment]:
    """The binding duties (defense, non-aggression) ``state`` owed ``other`` on a day."""
    found = []
    for clause in plan.clauses:
        if clause.kind not in _BINDING:
            continue
        mine, theirs = plan.standing(clause.treaty, state, when), plan.standing(clause.treaty, other, when)
        if mine and mine.bears and theirs and theirs.protected:
            found.append(commitment(clause))
    return list(dict.fromkeys(found))


def commitment(duty: ClausePlan | Obligation) -> Commitment:
    return Commitment(treaty=duty.treaty, clause=duty.clause, article=duty.article, kind=duty.kind)


def _conflicts(plan: Plan, facts: tuple[EventFacts, ...], obligations: list[Obligation]) -> Iterator[Conflict]:
    by_id = {f.id: f for f in facts}
    owed: dict[tuple[str, str], list[Commitment]] = {}
    for o in obligations:
        if o.kind is ObligationKind.defense:
            owed.setdefault((o.state, o.event), []).append(commitment(o))
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
                yield Conflict(
                    state=o.state,
                    event=o.event,
                    toward=o.toward,
                    against=attacker,
                    owes=tuple(dict.fromkeys(owed[(o.state, o.event)])),
                    bound_by=tuple(bonds),
                )
