"""Why a state is or is not obligated: for each (state, treaty, event), every clause's steps.

A result (``pact.model.result``) says who owes what; an explanation shows the reasoning behind one
decision, clause by clause: the tests that decide whether the clause applies to the event (the
same for every state), then the tests that decide whether this state bears its duty. A clause
binds when all of them hold; a failed one is marked, and the *decisive* one — the failed test
that alone would have to change — is named, per clause and for the treaty as a whole.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from pact.core.codes import alpha3_hint, is_alpha3
from pact.core.errors import InputError, did_you_mean
from pact.evaluation.engine import Engine, bearer_steps, considered, engaged, trigger_steps
from pact.evaluation.readings import compare, concerning
from pact.model import ObligationKind, Scenario, TextCertainty, Value
from pact.model.result import ReadingDifference
from pact.model.trace import Step, decisive
from pact.plan.compile import ClausePlan, Plan
from pact.plan.facts import EventFacts
from pact.words import Words


class ClauseExplanation(Value):
    """One clause of a treaty, tested for one event and one state."""

    treaty: str = Field(description="The treaty id.")
    clause: str = Field(description="The clause id.")
    article: str = Field(description="The article the clause encodes.")
    kind: ObligationKind = Field(description="The kind of duty the clause imposes.")
    binds: bool = Field(description="Whether the clause binds the state: every test held.")
    trigger: tuple[Step, ...] = Field(description="Whether the clause applies to the event (the same for every state).")
    bearer: tuple[Step, ...] = Field(description="Whether the state bears the duty the clause imposes.")
    decisive: Step | None = Field(default=None, description="The failed test that alone would have to change.")

    @property
    def steps(self) -> tuple[Step, ...]:
        return (*self.trigger, *self.bearer)


class Explanation(Value):
    """Whether one state owes anything under one treaty for one event, clause by clause."""

    state: str = Field(description="The state (ISO 3166-1 alpha-3).")
    treaty: str = Field(description="The treaty id.")
    event: str = Field(description="The scenario event's id.")
    toward: str = Field(description="The victim of the event.")
    obligated: bool = Field(description="Whether some clause of the treaty binds the state.")
    clauses: tuple[ClauseExplanation, ...] = Field(description="Every clause of the treaty, in the rules' order.")
    decisive: Step | None = Field(
        default=None, description="When not obligated: the failed test that alone would have to change."
    )
    certainty: TextCertainty | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="How the treaty's text is known when it is not published (official_summary, press_report).",
    )
    readings: tuple[ReadingDifference, ...] = Field(
        default=(),
        exclude_if=lambda v: not v,
        description="Readings of contested points under which this state's duties here differ, with their sources.",
    )


MAX_CLAUSES = 10_000
"""Clause trees the CLI explains at once (the bundled scenarios need at most 2,456): past it, a
scenario at the limits (100 events of 16 attackers) would print tens of megabytes."""


def explain(
    engine: Engine,
    scenario: Scenario,
    *,
    state: str | None = None,
    treaty: str | None = None,
    event: str | None = None,
    limit: int | None = None,
) -> tuple[Explanation, ...]:
    """Explain each (state, treaty, event) asked; without filters, every state the events concern.

    A treaty asked for is explained even when the events do not concern it, and a state asked for
    under every treaty the events concern that could bind it. Unknown treaty or event ids are
    ``InputError``s, with the nearest known id as a suggestion; so is a question whose answer would
    hold more than ``limit`` clause trees, refused before any is made.
    """
    prepared = engine.prepared(scenario)
    plan, facts = prepared.plan, prepared.facts
    check_filters(plan, state=state, treaty=treaty)
    _known("event", event, [f.id for f in facts], Words("explain.in_scenario", {"scenario": scenario.scenario}))
    asked = [
        (happened, name, who)
        for happened in facts
        if event in (None, happened.id)
        for name in ((treaty,) if treaty is not None else engaged(plan, happened))
        for who in _states(plan, name, happened, state, asked_treaty=treaty is not None)
    ]
    clauses = sum(len(plan.clauses_of(name)) for _, name, _ in asked)
    if limit is not None and clauses > limit:
        values = {"scenario": scenario.scenario, "clauses": clauses, "items": len(asked), "limit": limit}
        raise InputError(Words("explain.too_large", values))
    triggers: dict[tuple[str, str], tuple[Step, ...]] = {}  # the same for every state: made once
    made = tuple(_explanation(plan, who, name, happened, triggers) for happened, name, who in asked)
    if not engine.rulebook.contested() or not made:
        return made
    differences = compare(engine, scenario, engine.evaluate_as_read(scenario))
    return tuple(_with(e, tuple(concerning(differences, e.state, e.treaty, e.event))) for e in made)


def _with(item: Explanation, differences: tuple[ReadingDifference, ...]) -> Explanation:
    return item.model_copy(update={"readings": differences}) if differences else item


def check_filters(plan: Plan, *, state: str | None = None, treaty: str | None = None) -> None:
    """Refuse a state code or a treaty id the rules do not know: a typo would otherwise read as an
    answer ("no state is obligated"), with the nearest known code or id as a suggestion."""
    if state is not None and not is_alpha3(state):
        words = Words("iso.unknown_alpha3", {"code": state})
        raise InputError(words, field="--state", suggestion=alpha3_hint(state))
    _known("treaty", treaty, plan.treaties, Words("explain.in_rules"))


def _known(what: str, value: str | None, known: list[str] | tuple[str, ...], where: Words) -> None:
    if value is not None and value not in known:
        words = Words(f"explain.no_{what}", {"value": value, "where": where})
        raise InputError(words, field=f"--{what}", suggestion=did_you_mean(value, known))


def _states(plan: Plan, treaty: str, facts: EventFacts, state: str | None, *, asked_treaty: bool) -> Iterator[str]:
    candidates = considered(plan, treaty)
    if state is None:
        yield from candidates
    elif asked_treaty or state in candidates:
        yield state


def _explanation(
    plan: Plan, state: str, treaty: str, facts: EventFacts, triggers: dict[tuple[str, str], tuple[Step, ...]]
) -> Explanation:
    clauses = tuple(
        _clause(plan, clause, facts, state, _trigger(plan, clause, facts, triggers))
        for clause in plan.clauses_of(treaty)
    )
    obligated = any(c.binds for c in clauses)
    return Explanation(
        state=state,
        treaty=treaty,
        event=facts.id,
        toward=facts.target,
        obligated=obligated,
        clauses=clauses,
        decisive=None if obligated else decisive([s for c in clauses for s in c.steps]),
        certainty=next((c.certainty for c in plan.clauses_of(treaty)), None),
    )


def _trigger(
    plan: Plan, clause: ClausePlan, facts: EventFacts, made: dict[tuple[str, str], tuple[Step, ...]]
) -> tuple[Step, ...]:
    key = (clause.key, facts.id)
    if key not in made:
        made[key] = tuple(trigger_steps(plan, clause, facts))
    return made[key]


def _clause(
    plan: Plan, clause: ClausePlan, facts: EventFacts, state: str, trigger: tuple[Step, ...]
) -> ClauseExplanation:
    bearer = tuple(bearer_steps(plan, clause, facts, state))
    binds = all(step.holds for step in (*trigger, *bearer))
    return ClauseExplanation(
        treaty=clause.treaty,
        clause=clause.clause,
        article=clause.article,
        kind=clause.kind,
        binds=binds,
        trigger=trigger,
        bearer=bearer,
        decisive=None if binds else decisive([*trigger, *bearer]),
    )
