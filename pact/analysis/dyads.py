"""Directed dyads of obligation over time: who owes whom what, period by period, from the rules' change days.

A dyad (``state``, ``toward``) holds on a day when some clause binds ``state`` toward ``toward`` under
the *baseline* question, asked once per period between two change days (the rules' own, and the
days a state comes into or goes out of existence), never per day:

- ``toward`` is attacked on its territory (``location``: the same place for every target when
  given) by a *bystander* — with ``attacker="non-party"`` (the default), the first state code,
  alphabetically, that is a state that day and a party that day of no treaty in the rules (failing
  that, of none of ``toward``'s treaties) — and asks nobody for help (``requested``: treaty ids and
  state codes it asks, ``ALL`` for every treaty and every party of one). ``attacker="adversaries"``:
  the bystander, then in turn each state a clause of the treaty names as the adversary (a pledge
  against named states holds when one of them attacks). ``attacker="none"``: no state attacks (an
  attack by no named state);
- clauses that bind the attacking party itself (non-aggression pledges) are asked the other way
  round: ``state`` attacks ``toward``, for each party ``state`` of such a treaty that day and each
  state such a clause could protect; only the duties ``state`` bears count.

Only states existing on the day (``pact.core.states``) are attacked or attack. Duties that hinge on
conditions the rules cannot test are undetermined, not counted, unless ``undetermined`` asks to
count them (ATOP's dyad-years count a pledge whatever its conditions). Rows are written only for dyads
that hold: join them onto a full dyad frame and fill with 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pydantic import ValidationError

from pact.analysis.baseline import bare_geography, bystander, cut_days, narrowed, states_on
from pact.backends import Backend
from pact.core.codes import is_alpha3
from pact.core.days import check_window
from pact.core.errors import InputError, ScenarioError, did_you_mean
from pact.evaluation.batch import chunks
from pact.evaluation.engine import Engine, evaluate_plan
from pact.model import Bearers, Event, EventType, Geography, ObligationKind, Scenario
from pact.plan.compile import Plan, compile_rulebook
from pact.plan.conditions import AttackerAmong, Condition, Settled, VictimParty, VictimWithin
from pact.validate.scenario import check_scenario

MAX_EVENTS = 100
"""Events per scenario (the scenario contract's limit)."""
ALL = "ALL"
"""``requested``: the target asks every treaty and every party of one."""
KINDS = (
    ObligationKind.defense,
    ObligationKind.offense,
    ObligationKind.neutrality,
    ObligationKind.non_aggression,
    ObligationKind.consultation,
)
"""The 0/1 columns of a dyad table, in their order (peacesciencer's atop_* order, then consultation)."""


class Every(StrEnum):
    day = "day"
    month = "month"
    year = "year"
    change = "change"


class Attacker(StrEnum):
    non_party = "non-party"
    adversaries = "adversaries"  # the bystander, then each adversary a clause names, one at a time
    none = "none"


@dataclass(frozen=True)
class Baseline:
    """The question asked of every dyad (see the module's docstring)."""

    attacker: Attacker = Attacker.non_party
    location: str | None = None
    requested: tuple[str, ...] = ()
    events: tuple[EventType, ...] = (EventType.armed_attack,)
    undetermined: bool = False
    """Count duties that hinge on conditions the rules cannot test, as if they held."""


@dataclass(frozen=True)
class Owed:
    """What ``state`` owes ``toward`` on the days of one period."""

    kinds: frozenset[ObligationKind]
    clauses: frozenset[str]  # "treaty/clause"

    @property
    def treaties(self) -> tuple[str, ...]:
        return tuple(sorted({c.split("/", 1)[0] for c in self.clauses}))


@dataclass(frozen=True)
class Dyad:
    """``state`` owes ``toward`` the duties of ``kinds`` over [start, until), under ``clauses``.

    For ``Every.change`` a row is the longest stretch with the same duties; for the fixed steps it
    is one day, month or year (clipped to the window), holding when a duty held on any day of it.
    """

    state: str
    toward: str
    start: date
    until: date
    kinds: frozenset[ObligationKind]
    clauses: tuple[str, ...]
    treaties: tuple[str, ...] = field(default=())

    def record(self, every: Every) -> dict[str, object]:
        """The row as a table has it: the period's columns, a 0/1 column per kind, treaties and clauses."""
        if every is Every.change:
            period: dict[str, object] = {"from": self.start, "to": self.until}
        elif every is Every.year:
            period = {"year": self.start.year}
        elif every is Every.month:
            period = {"month": f"{self.start.year:04d}-{self.start.month:02d}"}
        else:
            period = {"date": self.start}
        kinds = {k.value: int(k in self.kinds) for k in KINDS}
        return {
            "state": self.state,
            "toward": self.toward,
            **period,
            **kinds,
            "treaties": ";".join(self.treaties),
            "clauses": ";".join(self.clauses),
        }


def columns(every: Every) -> dict[str, type]:
    """The columns of a dyad table with their types, in order."""
    period: dict[Every, dict[str, type]] = {
        Every.change: {"from": date, "to": date},
        Every.year: {"year": int},
        Every.month: {"month": str},
        Every.day: {"date": date},
    }
    return {"state": str, "toward": str, **period[every], **dict.fromkeys((k.value for k in KINDS), int)} | {
        "treaties": str,
        "clauses": str,
    }


def dyads(
    engine: Engine,
    start: date,
    end: date,
    every: Every = Every.change,
    baseline: Baseline = Baseline(),
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> Iterator[Dyad]:
    """Every dyad that holds on some day of [start, end), sorted by state, toward and start.

    The work is done before the first dyad comes, one period between change days at a time:
    ``progress(done, total)`` is told after each period.
    """
    check_window(start, end)
    _check_baseline(engine, baseline, start)
    cuts = [start, *cut_days(engine.plan, start, end)]
    answers = PeriodAnswers(engine)
    changes: dict[tuple[str, str], list[tuple[date, Owed | None]]] = {}  # only the days a pair's duties change
    before: Held = {}
    for done, day in enumerate(cuts, 1):
        held = owed_on(engine, day, baseline, answers)
        for pair in held.keys() | before.keys():
            if held.get(pair) != before.get(pair):
                changes.setdefault(pair, []).append((day, held.get(pair)))
        before = held
        progress(done, len(cuts))
    for pair in sorted(changes):
        spans = _spans(pair, changes[pair], end)
        yield from spans if every is Every.change else _steps(spans, every, start, end)


Held = dict[tuple[str, str], Owed]
DyadDuty = tuple[str, str, ObligationKind, str]
"""(state, toward, kind, "treaty/clause")."""


@dataclass(frozen=True)
class _Question:
    """One event of the baseline: ``target`` attacked by ``by``; ``bearer_attacks``: only the duties
    the attacker bears count (the non-aggression side)."""

    target: str
    kind: EventType
    by: tuple[str, ...]
    bearer_attacks: bool


@dataclass(frozen=True)
class _TreatyQuestions:
    """One treaty's share of the work: a plan of the rules narrowed to it (and the treaties whose
    parties its regions hold), whose change days are the treaty's own, so that a question is asked
    again only when something it depends on changed."""

    treaty: str
    plan: Plan
    backend: Backend
    protected: frozenset[str]  # the regions whose states a clause protects
    anyone: bool  # some clause protects any state
    binds_attackers: bool  # some clause binds the attacking parties
    adversaries: tuple[str, ...]  # the states its clauses name as the attacker, sorted

    @classmethod
    def of(cls, engine: Engine, treaty: str, bare: Mapping[str, Geography]) -> _TreatyQuestions:
        clauses = engine.plan.clauses_of(treaty)
        tests = [(c, {type(t) for t in c.conditions}) for c in clauses]
        return cls(
            treaty=treaty,
            plan=compile_rulebook(narrowed(engine.rulebook, (treaty,), bare)),
            backend=engine.backend,
            protected=frozenset(t.region for c in clauses for t in c.conditions if isinstance(t, VictimWithin)),
            anyone=any(not kinds & {VictimParty, VictimWithin} for _, kinds in tests),
            binds_attackers=any(c.bearers is Bearers.attacking_parties for c in clauses),
            adversaries=tuple(sorted({s for c in clauses for t in c.conditions for s in _named_attackers(t)})),
        )

    def attackers(
        self, target: str, bystander: tuple[str, ...], existing: set[str], baseline: Baseline
    ) -> list[tuple[str, ...]]:
        """Who attacks ``target`` in the questions asked of it, one tuple per question."""
        if baseline.attacker is not Attacker.adversaries:
            return [bystander]
        named = [(a,) for a in self.adversaries if a != target and a in existing and (a,) != bystander]
        return [bystander, *named]

    def targets(self, day: date, states: Sequence[str]) -> list[str]:
        """The states one of its clauses could protect on the day."""
        if self.anyone:
            return list(states)
        plan, when = self.plan, day.toordinal()
        members = set(plan.members_ever(self.treaty))
        if not self.protected:  # no region to look up: working out each state's regions is most of the cost
            return [s for s in states if s in members]
        return [s for s in states if s in members or self.protected & plan.regions_of(s, when)]

    def parties(self, day: date, states: Sequence[str]) -> list[str]:
        plan, when = self.plan, day.toordinal()
        existing = set(states)
        return [s for s in plan.members_ever(self.treaty) if s in existing and plan.standing(self.treaty, s, when)]


def _named_attackers(condition: Condition) -> frozenset[str]:
    """The states a clause's condition names as the attacker (through a determination that may settle it)."""
    inner = condition.inner if isinstance(condition, Settled) else condition
    return inner.states if isinstance(inner, AttackerAmong) else frozenset()


class PeriodAnswers:
    """Each treaty's answers to the questions of its current change period.

    The same question in the same period has the same answer, whatever else changed in between; a
    period left behind never comes back (days are asked in order), so its answers are dropped and
    memory stays that of one period per treaty however long the window.
    """

    def __init__(self, engine: Engine) -> None:
        bare = bare_geography(engine.rulebook)
        self.treaties = [_TreatyQuestions.of(engine, t, bare) for t in engine.plan.treaties]
        self._periods: dict[str, int] = {}
        self._answers: dict[str, dict[_Question, list[DyadDuty]]] = {}

    def of(
        self, treaty: _TreatyQuestions, day: date, questions: list[_Question], baseline: Baseline
    ) -> Iterator[DyadDuty]:
        """The duties under ``treaty`` the questions give rise to on ``day``, asking only new ones."""
        period = treaty.plan.period_of(day.toordinal())
        if self._periods.get(treaty.treaty) != period:
            self._periods[treaty.treaty], self._answers[treaty.treaty] = period, {}
        known = self._answers[treaty.treaty]
        asked = [q for q in dict.fromkeys(questions) if q not in known]
        known.update(zip(asked, _answers(treaty, day, asked, baseline), strict=True))
        for question in questions:
            yield from known[question]


def owed_on(engine: Engine, day: date, baseline: Baseline = Baseline(), answers: PeriodAnswers | None = None) -> Held:
    """What each state owes each other on ``day`` under the baseline question, by (state, toward).

    ``answers``, when days are asked in order, keeps what each treaty answered in its current period.
    """
    answers = PeriodAnswers(engine) if answers is None else answers
    plan, states = engine.plan, states_on(engine, day)
    bystanders = {t: _attackers(plan, t, day, states, baseline) for t in states}
    found: dict[tuple[str, str], list[DyadDuty]] = {}
    for treaty in answers.treaties:
        parties = treaty.parties(day, states)
        if not parties:  # a duty is borne by a party in standing: with none that day, nothing to ask
            continue
        targets, existing = treaty.targets(day, states), set(states)
        questions = [
            _Question(t, kind, by, False)
            for t in targets
            for by in treaty.attackers(t, bystanders[t], existing, baseline)
            for kind in baseline.events
        ]
        if treaty.binds_attackers:
            questions += [
                _Question(t, kind, (p,), True) for p in parties for t in targets if t != p for kind in baseline.events
            ]
        for duty in answers.of(treaty, day, questions, baseline):
            found.setdefault(duty[:2], []).append(duty)
    return {
        pair: Owed(frozenset(d[2] for d in duties), frozenset(d[3] for d in duties)) for pair, duties in found.items()
    }


def _attackers(plan: Plan, target: str, day: date, states: Sequence[str], baseline: Baseline) -> tuple[str, ...]:
    if baseline.attacker is Attacker.none:
        return ()
    found = bystander(plan, target, day, states)
    return (found,) if found is not None else ()


def _event(plan: Plan, question: _Question, baseline: Baseline) -> dict:
    return {
        "type": question.kind,
        "target": question.target,
        "location": baseline.location,
        "by": question.by,
        "requested_from": tuple(_requests(plan, baseline.requested, question.target)),
    }


def _requests(plan: Plan, asked: tuple[str, ...], target: str) -> list[str]:
    if ALL in asked:
        asked = (*plan.treaties, *sorted({s.state for s in plan.standings}))
    return [a for a in asked if a != target]


def _answers(
    treaty: _TreatyQuestions, day: date, questions: list[_Question], baseline: Baseline
) -> Iterator[list[DyadDuty]]:
    """The duties under ``treaty`` each question gives rise to on ``day``, a hundred events per scenario."""
    for n, batch in enumerate(chunks(questions, MAX_EVENTS)):
        # built from registry codes and the baseline checked once (``_check_baseline``): not validated again
        events = tuple(
            Event.model_construct(id=f"e{i}", **_event(treaty.plan, q, baseline)) for i, q in enumerate(batch)
        )
        scenario = Scenario.model_construct(scenario=f"dyads-{n}", date=day, events=events)
        found: list[list[DyadDuty]] = [[] for _ in batch]
        # straight to the plan: ``Engine.evaluate`` would check the scenario again and keep each
        # answer in its own store, beside ``PeriodAnswers``
        result = evaluate_plan(treaty.plan, scenario, treaty.backend, full=False)
        for o in (*result.obligations, *(result.undetermined if baseline.undetermined else ())):
            i = int(o.event[1:])
            if o.treaty == treaty.treaty and batch[i].bearer_attacks == (o.state in batch[i].by):
                found[i].append((o.state, o.toward, o.kind, f"{o.treaty}/{o.clause}"))
        yield from found


def _spans(pair: tuple[str, str], changes: list[tuple[date, Owed | None]], end: date) -> list[Dyad]:
    """The stretches between the days ``pair``'s duties change, each with the duties it holds."""
    bounds = [day for day, _ in changes[1:]] + [end]
    return [_dyad(pair, day, until, owed) for (day, owed), until in zip(changes, bounds, strict=True) if owed]


def _dyad(pair: tuple[str, str], start: date, until: date, owed: Owed) -> Dyad:
    return Dyad(pair[0], pair[1], start, until, owed.kinds, tuple(sorted(owed.clauses)), owed.treaties)


def _steps(spans: Iterable[Dyad], every: Every, start: date, end: date) -> Iterator[Dyad]:
    """The spans cut into days, months or years; a step holds what held on any of its days."""
    steps: dict[date, list[Dyad]] = {}
    for span in spans:
        for step in _steps_of(span.start, span.until, every):
            steps.setdefault(step, []).append(span)
    for step, within in steps.items():
        kinds = frozenset().union(*(s.kinds for s in within))
        clauses = {c for s in within for c in s.clauses}
        owed = Owed(kinds, frozenset(clauses))
        yield _dyad((within[0].state, within[0].toward), max(step, start), min(_next(step, every), end), owed)


def _steps_of(first: date, until: date, every: Every) -> Iterator[date]:
    step = _floor(first, every)
    while step < until:
        yield step
        step = _next(step, every)


def _floor(day: date, every: Every) -> date:
    if every is Every.year:
        return date(day.year, 1, 1)
    if every is Every.month:
        return date(day.year, day.month, 1)
    return day


def _next(step: date, every: Every) -> date:
    if every is Every.year:
        return date(step.year + 1, 1, 1)
    if every is Every.month:
        return date(step.year + step.month // 12, step.month % 12 + 1, 1)
    return date.fromordinal(step.toordinal() + 1)


def _check_baseline(engine: Engine, baseline: Baseline, day: date) -> None:
    """Refuse a request to something that is neither a treaty nor a state, or an unknown place."""
    treaties = set(engine.plan.treaties)
    for asked in baseline.requested:
        if asked != ALL and asked not in treaties and not is_alpha3(asked):
            hint = did_you_mean(asked, treaties)
            message = f"{asked!r} is neither a treaty id, a state code nor {ALL}"
            raise InputError(message, field="requested", suggestion=hint)
    target = states_on(engine, day)[0]
    probe = {
        "type": EventType.armed_attack,
        "target": target,
        "location": baseline.location,
        "requested_from": _requests(engine.plan, baseline.requested, target),
    }
    try:
        check_scenario(Scenario.model_validate({"scenario": "probe", "date": day, "events": [probe]}), engine.rulebook)
    except ValidationError as error:
        problem = error.errors()[0]
        field = "location" if problem["loc"][-1] == "location" else "requested"
        raise InputError(f"{problem['msg'].removeprefix('Value error, ')}", field=field) from None
    except ScenarioError as error:
        field = "location" if error.field and error.field.endswith("location") else "requested"
        raise InputError(error.message, field=field, suggestion=error.suggestion) from None
