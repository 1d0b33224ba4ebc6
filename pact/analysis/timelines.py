"""Who owes a state what, and what it owes whom, over time: spans computed from the rules' change days.

Only the treaties under which a duty can involve STATE count (those it is or was a party of, and
those protecting a region it lies in). The window is cut at every day on which one of their rules
starts or stops applying (``Plan.change_days`` of their plan); between two cuts every answer is the
same, so one representative day per period is evaluated through the engine, never a sample of
days. The question asked on that day:

- STATE is attacked on its territory (one event per event type asked for) by ``by`` and asks every
  treaty and every state for help: who owes it a duty?
- each state that could be owed something by STATE (a party, past or present, of a treaty STATE
  is or was a party of, or a state in a region a clause of such a treaty protects) is attacked the
  same way: what does STATE owe it?

``by`` defaults to each target's *bystander* of the day: the first state, alphabetically, bound by no
treaty that day (``pact.analysis.baseline.bystander``, as ``pact dyads`` and ``pact sweep`` name
it). Only states that exist on a day are asked about. Consecutive periods with the same duties
are merged into spans.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import Field

from pact.analysis.baseline import bystander, first_day, statehood_of, states_on
from pact.core.codes import is_alpha3
from pact.core.days import check_window
from pact.core.errors import InputError
from pact.evaluation.batch import chunks
from pact.evaluation.engine import Engine
from pact.model import EventType, ObligationKind, Scenario, Value
from pact.model.result import Obligation
from pact.plan.compile import Plan
from pact.plan.conditions import EventTypeIn, VictimWithin
from pact.plan.narrowing import narrowed

MAX_EVENTS = 100
"""Events per scenario (the scenario contract's limit): more partners are split across scenarios."""


class Span(Value):
    """``bearer`` owes ``toward`` duties under ``treaty`` over [start, until)."""

    bearer: str
    toward: str
    treaty: str
    articles: tuple[str, ...] = Field(description="The articles of the clauses that bind, sorted.")
    kinds: tuple[ObligationKind, ...] = Field(description="The kinds of duty, sorted.")
    events: tuple[EventType, ...] = Field(description="The event types that give rise to them.")
    start: date
    until: date = Field(description="The first day the span no longer holds, or the window's end.")


class Period(Value):
    """A stretch of days on which no rule changes: [start, until)."""

    start: date
    until: date


class Timeline(Value):
    state: str
    start: date
    end: date
    events: tuple[EventType, ...]
    attacker: str | None = Field(
        description="The state that attacks in every question asked; null: each target's bystander of the day "
        "(the first state bound by no treaty that day, pact.analysis.baseline.bystander)."
    )
    periods: tuple[Period, ...]
    spans: tuple[Span, ...]

    def owed_to_state(self) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if s.toward == self.state)

    def owed_by_state(self) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if s.bearer == self.state)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.model_dump(mode="json"), indent=indent, ensure_ascii=False)


def timeline(
    engine: Engine,
    state: str,
    start: date | None = None,
    end: date | None = None,
    events: Sequence[EventType] = tuple(EventType),
    by: str | None = None,
) -> Timeline:
    """The duties owed to ``state`` and owed by it over [start, end), period by period.

    ``start`` defaults to the first day both a rule applies and ``state`` exists, ``end`` to today;
    ``by`` to each target's bystander of the day (``pact.analysis.baseline.bystander``).
    """
    days = engine.plan.change_days
    start = start or _first_day(state, date.fromordinal(days[0]) if days else date.today())
    end = end or date.today()
    check_window(start, end)
    for code, field in ((state, "state"), (by, "by")):
        territory = engine.rulebook.territory(code, end) if code else None
        if territory is not None:
            sovereign = territory.sovereign
            raise InputError(f"{code} is a territory of {sovereign}: name {sovereign}", field=field)
    if by == state:
        raise InputError(f"{state} cannot attack itself", field="by")
    narrow = Engine(narrowed(engine.rulebook, _concerned(engine.plan, state)), backend=engine.backend)
    plan = narrow.plan
    changes = {*plan.change_days, *statehood_of(state)}
    cuts = [start.toordinal(), *sorted(d for d in changes if start.toordinal() < d < end.toordinal())]
    periods = [Period(start=date.fromordinal(a), until=date.fromordinal(b)) for a, b in _pairs(cuts, end)]
    covered = {t for clause in plan.clauses for c in clause.conditions if isinstance(c, EventTypeIn) for t in c.types}
    asked = [t for t in events if t in covered]
    protected = _protected(plan, state)
    held = [_duties(narrow, engine, state, protected, by, asked, p.start) for p in periods]
    return Timeline(
        state=state,
        start=start,
        end=end,
        events=tuple(events),
        attacker=by,
        periods=tuple(periods),
        spans=tuple(_spans(periods, held)),
    )


def _first_day(state: str, rules_start: date) -> date:
    """The first day on which a rule applies and ``state`` exists."""
    existed = first_day(state)
    return max(rules_start, existed) if existed is not None else rules_start


def _concerned(plan: Plan, state: str) -> set[str]:
    """The treaties under which a duty can involve ``state``: those it is or was a party of, and those
    protecting a region it lies in; other treaties' changes cut no period."""
    inside = plan.regions_ever(state)
    return {
        t
        for t in plan.treaties
        if state in plan.members_ever(t)
        or any(_victim_regions(plan, t) & inside)
        or any(state in plan.members_ever(c) for c in plan.communities(t))
    }


def _victim_regions(plan: Plan, treaty: str) -> set[str]:
    """The regions whose states a clause of ``treaty`` protects (``victim: {region: …}``)."""
    return {c.region for clause in plan.clauses_of(treaty) for c in clause.conditions if isinstance(c, VictimWithin)}


def _pairs(cuts: list[int], end: date) -> Iterator[tuple[int, int]]:
    return itertools.pairwise([*cuts, end.toordinal()])


def _protected(plan: Plan, state: str) -> set[str]:
    """The states of the regions that clauses of ``state``'s treaties protect."""
    regions = {r for t in plan.treaties if state in plan.members_ever(t) for r in _victim_regions(plan, t)}
    return {code for r in plan.places.regions if r.id in regions for code in r.include if is_alpha3(code)}


def _partners(plan: Plan, state: str, day: date, protected: set[str], existing: set[str]) -> list[str]:
    """Every state ``state`` could owe a duty to on ``day``: parties of the treaties it belongs to that
    day, and the states of the regions their clauses protect, that are states that day (a code
    that was once a territory, as the Czech lands were Czechoslovakia's, counts once it is a state)."""
    when = day.toordinal()
    mine = [t for t in plan.treaties if plan.standing(t, state, when)]
    found = {s for t in mine for s in plan.members_ever(t) if plan.standing(t, s, when)}
    found |= protected if mine else set()
    return sorted((found & existing) - {state})


@dataclass(frozen=True)
class _SpanKey:
    bearer: str
    toward: str
    treaty: str


@dataclass(frozen=True)
class _SpanDuties:
    """What one state owes another under one treaty on one day."""

    articles: frozenset[str]
    kinds: frozenset[ObligationKind]
    events: frozenset[EventType]


_DayDuties = dict[_SpanKey, _SpanDuties]


def _duties(
    engine: Engine,
    whole: Engine,
    state: str,
    protected: set[str],
    by: str | None,
    events: Sequence[EventType],
    day: date,
) -> _DayDuties:
    """What is owed to ``state`` and by it on one day, per (bearer, toward, treaty): each target is
    attacked by ``by``, or by its bystander of the day (``whole``: the engine of all the rules)."""
    existing = set(states := states_on(whole, day))
    if state not in existing:  # not a state that day: nothing is owed to it or by it
        return {}
    partners = [p for p in _partners(engine.plan, state, day, protected, existing) if p != by]

    def attackers(target: str) -> list[str]:
        found = by or bystander(whole.plan, target, day, states)
        return [found] if found else []

    asked = list(engine.plan.treaties)
    found: list[tuple[Obligation, EventType]] = []
    incoming = [(t, state, [*asked, *partners]) for t in events]
    outgoing = [(t, p, [*asked, state]) for p in partners for t in events]
    for batch in filter(None, (incoming, *chunks(outgoing, MAX_EVENTS))):
        scenario = Scenario.model_validate(
            {
                "scenario": f"timeline-{state}",
                "date": day,
                "events": [
                    {
                        "id": f"{t.value}-{target}",
                        "type": t,
                        "target": target,
                        "by": attackers(target),
                        "requested_from": ask,
                    }
                    for t, target, ask in batch
                ],
            }
        )
        types = {f"{t.value}-{target}": t for t, target, _ in batch}
        result = engine.evaluate(scenario, full=False)
        found += [(o, types[o.event]) for o in result.obligations if state in (o.state, o.toward)]
    grouped: dict[_SpanKey, list[tuple[Obligation, EventType]]] = {}
    for duty, event in found:
        grouped.setdefault(_SpanKey(duty.state, duty.toward, duty.treaty), []).append((duty, event))
    return {
        key: _SpanDuties(
            articles=frozenset(d.article for d, _ in pairs),
            kinds=frozenset(d.kind for d, _ in pairs),
            events=frozenset(e for _, e in pairs),
        )
        for key, pairs in grouped.items()
    }


def _spans(periods: list[Period], held: list[_DayDuties]) -> Iterator[Span]:
    """Consecutive periods with the same duties under one treaty, merged."""
    keys = sorted({k for h in held for k in h}, key=lambda k: (k.bearer, k.toward, k.treaty))
    for key in keys:
        i = 0
        while i < len(periods):
            value = held[i].get(key)
            j = i + 1
            while j < len(periods) and held[j].get(key) == value:
                j += 1
            if value is not None:
                yield Span(
                    bearer=key.bearer,
                    toward=key.toward,
                    treaty=key.treaty,
                    articles=tuple(sorted(value.articles)),
                    kinds=tuple(sorted(value.kinds)),
                    events=tuple(t for t in EventType if t in value.events),
                    start=periods[i].start,
                    until=periods[j - 1].until,
                )
            i = j
