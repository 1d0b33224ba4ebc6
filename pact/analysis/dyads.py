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

import bisect
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum
from functools import cache
from typing import NamedTuple, TypeVar

from pydantic import ValidationError

from pact.analysis.baseline import bystanders, cut_days, states_on
from pact.backends import Backend
from pact.core.codes import is_alpha3
from pact.core.collector import relaxed_gc
from pact.core.days import check_window
from pact.core.errors import InputError, ScenarioError, did_you_mean
from pact.evaluation.batch import chunks
from pact.evaluation.engine import Engine, evaluate_plan
from pact.model import Bearers, Event, EventType, ObligationKind, Scenario, Toward
from pact.plan.compile import ClausePlan, Plan, all_hold, compile_rulebook
from pact.plan.conditions import (
    AgainstIn,
    AmongAttackers,
    AttackerAmong,
    AttackerIs,
    AttackerMember,
    BearerTest,
    Condition,
    DecidedBy,
    Determined,
    EventTypeIn,
    ListedBearer,
    LocationIn,
    NamedCondition,
    NotAttacker,
    NotSuspended,
    NotVictim,
    OnVictimTerritory,
    PartyOnDay,
    Requested,
    RequestedBearer,
    Settled,
    TreatyApplies,
    VersionApplies,
    VictimMember,
    VictimParty,
    VictimWithin,
)
from pact.plan.facts import EventFacts
from pact.plan.narrowing import Narrowing
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
        return dict(zip(_names(every), self.row(every), strict=True))

    def row(self, every: Every) -> tuple[object, ...]:
        """``record``'s values alone, in the order of ``columns(every)``."""
        if every is Every.change:
            period: tuple[object, ...] = (self.start, self.until)
        elif every is Every.year:
            period = (self.start.year,)
        elif every is Every.month:
            period = (f"{self.start.year:04d}-{self.start.month:02d}",)
        else:
            period = (self.start,)
        return (
            self.state,
            self.toward,
            *period,
            *_kind_columns(self.kinds),
            ";".join(self.treaties),
            ";".join(self.clauses),
        )


@cache
def _kind_columns(kinds: frozenset[ObligationKind]) -> tuple[int, ...]:
    return tuple(int(k in kinds) for k in KINDS)


@cache
def _names(every: Every) -> tuple[str, ...]:
    return tuple(columns(every))


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
    changes: dict[tuple[str, str], list[tuple[date, Owed | None]]] = {}  # only the days a pair's duties change
    with relaxed_gc():  # the walk makes many small objects and no cycle among them
        answers = PeriodAnswers(engine, baseline)
        for done, day in enumerate(cuts, 1):
            for pair, owed in answers.advance(day).items():
                changes.setdefault(pair, []).append((day, owed))
            progress(done, len(cuts))
    for pair in sorted(changes):
        spans = _spans(pair, changes[pair], end)
        yield from spans if every is Every.change else _steps(spans, every, start, end)


Held = dict[tuple[str, str], Owed]
Pair = tuple[str, str]
Item = tuple[ObligationKind, str]
"""A duty of a dyad: its kind and its clause ("treaty/clause")."""
Contribution = tuple[Pair, Item]
DyadDuty = tuple[str, str, ObligationKind, str]
"""(state, toward, kind, "treaty/clause")."""
T = TypeVar("T")


class Question(NamedTuple):
    """One event of the baseline: ``target`` attacked by ``by``; ``bearer_attacks``: only the duties
    the attacker bears count (the non-aggression side)."""

    target: str
    kind: EventType
    by: tuple[str, ...]
    bearer_attacks: bool


class Reads(Enum):
    """What a test reads of a dyad question, besides the day and the event type."""

    nothing = "nothing"
    target = "target"
    attackers = "attackers"
    bearer = "bearer"


READS: dict[type, Reads] = {
    TreatyApplies: Reads.nothing,
    VersionApplies: Reads.nothing,
    EventTypeIn: Reads.nothing,
    AgainstIn: Reads.nothing,
    Determined: Reads.nothing,  # the findings made: a dyad question makes none
    NamedCondition: Reads.nothing,  # the conditions a scenario settles: a dyad question settles none
    VictimParty: Reads.target,
    VictimWithin: Reads.target,
    VictimMember: Reads.target,
    OnVictimTerritory: Reads.target,
    LocationIn: Reads.target,
    Requested: Reads.target,
    AttackerIs: Reads.attackers,
    AttackerAmong: Reads.attackers,
    AttackerMember: Reads.attackers,
    DecidedBy: Reads.target,  # it always holds; what its step says depends on the victim
    PartyOnDay: Reads.bearer,
    ListedBearer: Reads.bearer,
    NotVictim: Reads.target,
    NotSuspended: Reads.target,
    RequestedBearer: Reads.target,
    NotAttacker: Reads.attackers,
    AmongAttackers: Reads.attackers,
}
"""What each kind of test reads: questions that agree on it get the same answer from the test, so it is
asked once for all of them. A clause with a test not listed here (a kind added since) is decided by the
engine, question by question (``_through_engine``)."""


def _reads(test: Condition | BearerTest) -> Reads | None:
    # a determination settles nothing in a dyad question (it makes none): a settled test reads what its own test reads
    return READS.get(type(test.inner if isinstance(test, Settled) else test))


@dataclass(frozen=True)
class _Tests:
    """A clause's tests sorted by what they read (``READS``)."""

    clause: ClausePlan
    name: str  # "treaty/clause"
    event: tuple[Condition, ...]
    target: tuple[Condition, ...]
    attackers: tuple[Condition, ...]
    bearer: tuple[BearerTest, ...]
    bearer_target: tuple[BearerTest, ...]  # but NotVictim
    bearer_attackers: tuple[BearerTest, ...]
    spares_victim: bool  # a NotVictim test: the victim bears none of the clause's duty (read inline: the usual test)

    @classmethod
    def of(cls, clause: ClausePlan) -> _Tests | None:
        """None when a test reads something ``READS`` does not know."""
        conditions = _sorted(clause.conditions, (Reads.nothing, Reads.target, Reads.attackers))
        bearer = _sorted(clause.bearer_tests, (Reads.bearer, Reads.target, Reads.attackers))
        if conditions is None or bearer is None:
            return None
        on_bearer, on_target, on_attackers = bearer
        others = tuple(t for t in on_target if not isinstance(t, NotVictim))
        spares = len(others) < len(on_target)
        return cls(clause, f"{clause.treaty}/{clause.clause}", *conditions, on_bearer, others, on_attackers, spares)


def _sorted(tests: Sequence[T], order: tuple[Reads, ...]) -> list[tuple[T, ...]] | None:
    """The tests that read each of ``order``, in turn; None when one reads something else."""
    reads = [_reads(t) for t in tests]  # type: ignore[arg-type]
    if any(r not in order for r in reads):
        return None
    return [tuple(t for t, r in zip(tests, reads, strict=True) if r is wanted) for wanted in order]


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
    tests: tuple[_Tests, ...] | None  # None: a clause's tests are not all in ``READS``
    members: frozenset[str]  # its parties at any time

    @classmethod
    def of(cls, engine: Engine, treaty: str, narrowing: Narrowing) -> _TreatyQuestions:
        clauses = engine.plan.clauses_of(treaty)
        tests = [(c, {type(t) for t in c.conditions}) for c in clauses]
        sorted_tests = [_Tests.of(c) for c in clauses]
        return cls(
            treaty=treaty,
            plan=compile_rulebook(narrowing((treaty,))),
            backend=engine.backend,
            protected=frozenset(t.region for c in clauses for t in c.conditions if isinstance(t, VictimWithin)),
            anyone=any(not kinds & {VictimParty, VictimWithin} for _, kinds in tests),
            binds_attackers=any(c.bearers is Bearers.attacking_parties for c in clauses),
            adversaries=tuple(
                sorted({s for c in clauses for t in c.conditions for s in _named_attackers(t, engine.plan)})
            ),
            tests=None if None in sorted_tests else tuple(t for t in sorted_tests if t is not None),
            members=frozenset(engine.plan.members_ever(treaty)),
        )

    @property
    def near(self) -> frozenset[str]:
        """The states whose coming and going can change its questions, beyond those of a region it protects."""
        return self.members | set(self.adversaries)

    @property
    def everywhere(self) -> bool:
        """Whether any state may be one it protects."""
        return self.anyone or bool(self.protected)

    def attackers(
        self, target: str, bystander: tuple[str, ...], existing: AbstractSet[str], baseline: Baseline
    ) -> tuple[tuple[str, ...], ...]:
        """Who attacks ``target`` in the questions asked of it, one tuple per question."""
        if baseline.attacker is not Attacker.adversaries:
            return (bystander,)
        named = [(a,) for a in self.adversaries if a != target and a in existing and (a,) != bystander]
        return (bystander, *named)

    def targets(self, states: Sequence[str], existing: AbstractSet[str], inside: Callable[[str], bool]) -> list[str]:
        """The states one of its clauses could protect, in the order of ``states`` (sorted; ``existing``: the
        same as a set; ``inside``: whether a state lies in a region a clause protects)."""
        if self.anyone:
            return list(states)
        if not self.protected:  # no region to look up: working out each state's regions is most of the cost
            return sorted(self.members & existing)
        return [s for s in states if s in self.members or inside(s)]


def _named_attackers(condition: Condition, plan: Plan) -> frozenset[str]:
    """The states a clause's condition names as the attacker (through a determination that may settle it):
    those it lists, or the members ever of the instrument an attacker must be a member of."""
    inner = condition.inner if isinstance(condition, Settled) else condition
    if isinstance(inner, AttackerMember) and inner.inside:
        return frozenset(plan.members_ever(inner.instrument))
    return inner.states if isinstance(inner, AttackerAmong) else frozenset()


class _Decider:
    """Decides one treaty's questions in one period of its plan.

    Each test is asked once for all the questions that agree on what it reads (``READS``): the
    event's tests once per event type, a target's once per target, the attackers' once per attackers,
    a bearer's once per bearer and attackers; only the tests on a bearer and the target are asked per
    pair. The facts of each target and of each set of attackers are worked out once, by the plan, from
    the same events the engine would be given (``_event``). What it decides is what ``evaluate_plan``
    decides (tests/test_dyads.py compares both, question by question).
    """

    def __init__(self, treaty: _TreatyQuestions, day: date, baseline: Baseline, events: dict[tuple, Event]) -> None:
        self.treaty, self.day, self.baseline, self.events = treaty, day, baseline, events
        self._targets: dict[tuple[str, EventType], EventFacts] = {}
        self._attacks: dict[tuple[tuple[str, ...], EventType], EventFacts] = {}
        self._held: dict[tuple, bool | None] = {}
        self._bearers: dict[tuple, list[tuple[str, bool | None]]] = {}
        self._victims: dict[tuple[int, EventType], dict[str, tuple[bool | None, EventFacts, tuple[str, ...]]]] = {}

    def decide(self, questions: list[Question]) -> dict[tuple[str, bool], set[Contribution]]:
        """The duties under the treaty the questions give rise to, as (pair, (kind, clause)), by the
        questions' (target, bearer_attacks)."""
        found: dict[tuple[str, bool], set[Contribution]] = {
            key: set() for key in dict.fromkeys((q.target, q.bearer_attacks) for q in questions)
        }
        if self.treaty.tests is None:
            self._through_engine(questions, found)
            return found
        self._learn(questions)
        groups: dict[tuple[tuple[str, ...], EventType, bool], list[str]] = {}
        for q in questions:
            groups.setdefault((q.by, q.kind, q.bearer_attacks), []).append(q.target)
        for group, targets in groups.items():
            for i, tests in enumerate(self.treaty.tests):
                self._clause(i, tests, group, targets, found)
        return found

    def _clause(
        self,
        i: int,
        tests: _Tests,
        group: tuple[tuple[str, ...], EventType, bool],
        targets: list[str],
        found: dict[tuple[str, bool], set[Contribution]],
    ) -> None:
        by, kind, bearer_attacks = group
        plan, attack, clause = self.treaty.plan, self._attacks[by, kind], tests.clause
        head = _and(self._once((i, kind), tests.event, attack), self._once((i, kind, by), tests.attackers, attack))
        bearers = self._bearing(i, tests, group, attack) if head is not False else []
        if not bearers:
            return
        toward_victim, undetermined = clause.toward is Toward.victim, self.baseline.undetermined
        towards = () if toward_victim else clause.owed_to(attack, plan)
        duty, victims = (clause.kind, tests.name), self._victims.setdefault((i, kind), {})
        for target in targets:
            victim = victims.get(target)
            if victim is None:
                victim = victims[target] = self._victim(tests, self._targets[target, kind])
            held, facts, owed = victim
            status = _and(head, held)
            if status is False:
                continue
            bucket = found[target, bearer_attacks]
            for state, binds in bearers:
                if state == target and tests.spares_victim:
                    continue
                if tests.bearer_target:  # most clauses test nothing else of a bearer toward the target
                    binds = _and(binds, all_hold(tests.bearer_target, state, facts, plan))
                if binds is False or not (undetermined or (status and binds)):
                    continue
                for toward in owed if toward_victim else towards:
                    if toward != state:
                        bucket.add(((state, toward), duty))

    def _victim(self, tests: _Tests, facts: EventFacts) -> tuple[bool | None, EventFacts, tuple[str, ...]]:
        """What the clause's tests on the target found, its facts, and whom a duty toward the victim is owed."""
        plan = self.treaty.plan
        return _holds(tests.target, facts, plan), facts, tests.clause.owed_to(facts, plan)

    def _once(self, key: tuple, tests: tuple[Condition, ...], facts: EventFacts) -> bool | None:
        if not tests:
            return True
        found = self._held.get(key, _UNASKED)
        if found is _UNASKED:
            found = self._held[key] = _holds(tests, facts, self.treaty.plan)
        return found  # type: ignore[return-value]

    def _bearing(
        self, i: int, tests: _Tests, group: tuple[tuple[str, ...], EventType, bool], attack: EventFacts
    ) -> list[tuple[str, bool | None]]:
        """The states that may bear the clause's duty whoever the target, with what their own tests found."""
        key = (i, *group)
        found = self._bearers.get(key)
        if found is None:
            by, _, bearer_attacks = group
            plan, found = self.treaty.plan, []
            candidates = tests.clause.candidates(attack, plan)
            # only the side of the question the table counts: the attackers' duties, or the others'
            for state in [s for s in by if s in candidates] if bearer_attacks else candidates:
                if state in by and not bearer_attacks:
                    continue
                binds = _and(
                    all_hold(tests.bearer, state, attack, plan), all_hold(tests.bearer_attackers, state, attack, plan)
                )
                if binds is not False:
                    found.append((state, binds))
            self._bearers[key] = found
        return found

    def _learn(self, questions: list[Question]) -> None:
        """The facts of the targets and attackers not met before, from one scenario of their events."""
        targets = [k for k in dict.fromkeys((q.target, q.kind) for q in questions) if k not in self._targets]
        attacks: dict[tuple[tuple[str, ...], EventType], Question] = {}
        for q in questions:
            if (q.by, q.kind) not in self._attacks:
                attacks.setdefault((q.by, q.kind), q)
        asked = [Question(t, k, (), False) for t, k in targets] + list(attacks.values())
        if not asked:
            return
        events = tuple(self._event(q) for q in asked)
        facts = self.treaty.plan.facts(Scenario.model_construct(scenario="dyads", date=self.day, events=events))
        self._targets.update(zip(targets, facts, strict=False))
        self._attacks.update(zip(attacks, facts[len(targets) :], strict=True))

    def _event(self, question: Question) -> Event:
        """The question's event, the same object for every treaty that asks the same (its facts are the plan's)."""
        values = _event(self.treaty.plan, question, self.baseline)
        key = tuple(values.values())
        found = self.events.get(key)
        if found is None:
            found = self.events[key] = Event.model_construct(id="dyad", **values)
        return found

    def _through_engine(self, questions: list[Question], found: dict[tuple[str, bool], set[Contribution]]) -> None:
        for q, duties in zip(questions, _answers(self.treaty, self.day, questions, self.baseline), strict=True):
            found[q.target, q.bearer_attacks].update(((s, t), (k, c)) for s, t, k, c in duties)


_UNASKED = object()


def _holds(tests: tuple[Condition, ...], facts: EventFacts, plan: Plan) -> bool | None:
    """Whether every test holds: False when one fails, None when none fails and one is undecided."""
    found: bool | None = True
    for test in tests:
        holds = test.holds(facts, plan)
        if holds is False:
            return False
        if holds is None:
            found = None
    return found


def _and(first: bool | None, second: bool | None) -> bool | None:
    if first is False or second is False:
        return False
    return None if first is None or second is None else True


@dataclass
class _Walked:
    """Where the walk left one treaty: its period, parties, targets and each target's attackers; what
    holds through the period (the parties in standing, the states in the regions it protects, facts and
    answers)."""

    treaty: _TreatyQuestions
    day: date  # the first day of the period the walk met
    period: int
    decider: _Decider
    standing: tuple[str, ...]  # its parties in standing, whether or not they exist
    regions: dict[str, bool] = field(default_factory=dict)
    parties: list[str] = field(default_factory=list)
    attackers: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # each target's, on the day
    attacked: dict[tuple[str, tuple[tuple[str, ...], ...]], frozenset[Contribution]] = field(default_factory=dict)
    """The duties toward a target attacked by each of its attackers in turn."""
    attacking: dict[str, frozenset[Contribution]] = field(default_factory=dict)
    """The duties the parties (those of ``parties``) bear when they attack a target."""

    @classmethod
    def of(cls, treaty: _TreatyQuestions, day: date, decider: _Decider) -> _Walked:
        plan, name, when = treaty.plan, treaty.treaty, day.toordinal()
        standing = tuple(s for s in plan.members_ever(name) if plan.standing(name, s, when))
        return cls(treaty, day, plan.period_of(when), decider, standing)

    def inside(self, state: str) -> bool:
        """Whether ``state`` lies in a region the treaty protects, through the period."""
        found = self.regions.get(state)
        if found is None:
            found = self.regions[state] = bool(
                self.treaty.protected & self.treaty.plan.regions_of(state, self.day.toordinal())
            )
        return found


class PeriodAnswers:
    """What each treaty contributes to the table on the day last asked, carried from one day to the next.

    A treaty is asked again only where something its answers depend on changed: its own rules (a
    new period of its narrowed plan: all its questions), the states that exist (when that changes
    its parties or the states it could protect: the questions of its parties attacking), the
    attackers of one of its targets (its bystander, a named adversary coming into existence: that
    target's questions). The same question in the same period has the same answer, whatever else
    changed in between; a period left behind never comes back (days are asked in order), so its
    answers are dropped and memory stays that of one period per treaty however long the window.
    """

    def __init__(self, engine: Engine, baseline: Baseline = Baseline()) -> None:
        self.engine, self.baseline = engine, baseline
        narrowing = Narrowing(engine.rulebook)
        self.treaties = [_TreatyQuestions.of(engine, t, narrowing) for t in engine.plan.treaties]
        self._near: dict[str, list[int]] = {}
        for i, treaty in enumerate(self.treaties):
            for state in treaty.near:
                self._near.setdefault(state, []).append(i)
        self._everywhere = [i for i, t in enumerate(self.treaties) if t.everywhere]
        self._changes = sorted((d, i) for i, t in enumerate(self.treaties) for d in t.plan.change_days)
        self._change_days = [d for d, _ in self._changes]
        self._reset()

    def _reset(self) -> None:
        self._when: int | None = None
        self._states: frozenset[str] = frozenset()
        self._by: dict[str, tuple[str, ...]] = {}
        self._walked: list[_Walked | None] = [None for _ in self.treaties]
        self._parts: dict[tuple[int, str], frozenset[Contribution]] = {}
        self._events: dict[tuple, Event] = {}  # each question's event, shared by the treaties asking it
        self._count: dict[Pair, dict[Item, int]] = {}
        self.held: Held = {}

    def advance(self, day: date) -> dict[Pair, Owed | None]:
        """Move to ``day`` (a later day than the last, else start again): the pairs whose duties changed,
        with their duties now (None: none)."""
        when = day.toordinal()
        if self._when is not None and when < self._when:
            self._reset()
        states = states_on(self.engine, day)
        existing = frozenset(states)
        by = _attackers(self.engine.plan, day, states, self.baseline)
        came = existing ^ self._states  # come into or gone out of existence
        moved = {t for t, b in by.items() if self._by.get(t) != b}  # attacked by another state
        if self._when is None:
            rebuilt, retargeted = set(range(len(self.treaties))), set()
        else:
            lo, hi = bisect.bisect_right(self._change_days, self._when), bisect.bisect_right(self._change_days, when)
            rebuilt = {i for _, i in self._changes[lo:hi]} | self._naming(came)
            retargeted = self._naming(moved) - rebuilt
        dirty: set[Pair] = set()
        for i in sorted(rebuilt):
            self._refresh(i, day, states, existing, by, dirty)
        for i in sorted(retargeted):
            self._reattack(i, moved, existing, by, dirty)
        self._when, self._states, self._by = when, existing, by
        return self._settle(dirty)

    def _naming(self, states: set[str]) -> set[int]:
        """The treaties whose questions may name one of ``states``."""
        found = {i for state in states for i in self._near.get(state, ())}
        return found | set(self._everywhere) if states else found

    def _refresh(
        self,
        i: int,
        day: date,
        states: list[str],
        existing: frozenset[str],
        by: Mapping[str, tuple[str, ...]],
        dirty: set[Pair],
    ) -> None:
        """Ask again what changed for treaty ``i``: each target whose questions are not those of the last day."""
        treaty, walked = self.treaties[i], self._walked[i]
        before = walked.attackers if walked is not None else {}
        stale = walked is None or treaty.plan.period_of(day.toordinal()) != walked.period
        if walked is None or stale:
            decider = _Decider(treaty, day, self.baseline, self._events)
            self._walked[i] = walked = _Walked.of(treaty, day, decider)
        parties = [s for s in walked.standing if s in existing]
        if parties != walked.parties:
            walked.parties, walked.attacking = parties, {}
            stale = stale or treaty.binds_attackers
        # a duty is borne by a party in standing: with none that day, nothing to ask
        targets = treaty.targets(states, existing, walked.inside) if parties else []
        walked.attackers = {t: treaty.attackers(t, by[t], existing, self.baseline) for t in targets}
        for gone in before.keys() - walked.attackers.keys():
            self._put((i, gone), frozenset(), dirty)
        self._answer(i, [t for t in targets if stale or before.get(t) != walked.attackers[t]], dirty)

    def _reattack(
        self, i: int, moved: set[str], existing: frozenset[str], by: Mapping[str, tuple[str, ...]], dirty: set[Pair]
    ) -> None:
        """Ask again what treaty ``i`` answers for its targets attacked by another state than on the last day."""
        treaty, walked = self.treaties[i], self._walked[i]
        changed = []
        for target in moved & walked.attackers.keys() if walked is not None else ():
            attackers = treaty.attackers(target, by[target], existing, self.baseline)
            if attackers != walked.attackers[target]:
                walked.attackers[target] = attackers
                changed.append(target)
        self._answer(i, changed, dirty)

    def _answer(self, i: int, targets: list[str], dirty: set[Pair]) -> None:
        """What treaty ``i`` now contributes toward each of ``targets``."""
        treaty, walked = self.treaties[i], self._walked[i]
        if not targets or walked is None:
            return
        self._ask(treaty, walked, targets)
        for target in targets:
            found = walked.attacked[target, walked.attackers[target]] | walked.attacking.get(target, frozenset())
            self._put((i, target), found, dirty)

    def _ask(self, treaty: _TreatyQuestions, walked: _Walked, targets: list[str]) -> None:
        """Decide, in one go, the questions of ``targets`` not yet asked in the period: each attacked by each
        of its attackers, and (where a clause binds attacking parties) by each party."""
        kinds, questions = self.baseline.events, []
        for target in targets:
            attackers = walked.attackers[target]
            if (target, attackers) not in walked.attacked:
                questions += [Question(target, kind, by, False) for by in attackers for kind in kinds]
            if treaty.binds_attackers and target not in walked.attacking:
                questions += [
                    Question(target, kind, (p,), True) for p in walked.parties if p != target for kind in kinds
                ]
        found = walked.decider.decide(questions) if questions else {}
        for target in targets:
            walked.attacked.setdefault((target, walked.attackers[target]), frozenset(found.get((target, False), ())))
            if treaty.binds_attackers:
                walked.attacking.setdefault(target, frozenset(found.get((target, True), ())))

    def _put(self, key: tuple[int, str], new: frozenset[Contribution], dirty: set[Pair]) -> None:
        """Replace what one part of a treaty's questions contributes, counting each duty of each pair."""
        old = self._parts.get(key, frozenset())
        if new == old:
            return
        for pair, item in old - new:
            counts = self._count[pair]
            counts[item] -= 1
            if not counts[item]:
                del counts[item]
                dirty.add(pair)
        for pair, item in new - old:
            counts = self._count.setdefault(pair, {})
            counts[item] = counts.get(item, 0) + 1
            dirty.add(pair)
        if new:
            self._parts[key] = new
        else:
            self._parts.pop(key, None)

    def _settle(self, dirty: set[Pair]) -> dict[Pair, Owed | None]:
        changes: dict[Pair, Owed | None] = {}
        for pair in dirty:
            items = self._count.get(pair)
            owed = Owed(frozenset(k for k, _ in items), frozenset(c for _, c in items)) if items else None
            if not items:
                self._count.pop(pair, None)
            if owed != self.held.get(pair):
                changes[pair] = owed
                if owed is None:
                    del self.held[pair]
                else:
                    self.held[pair] = owed
        return changes


def owed_on(engine: Engine, day: date, baseline: Baseline = Baseline(), answers: PeriodAnswers | None = None) -> Held:
    """What each state owes each other on ``day`` under the baseline question, by (state, toward).

    ``answers``, when days are asked in order, carries what each treaty answered from one day to the next.
    """
    answers = PeriodAnswers(engine, baseline) if answers is None else answers
    if answers.baseline != baseline:
        raise ValueError("the answers kept were asked under another baseline")
    answers.advance(day)
    return dict(answers.held)


def _attackers(plan: Plan, day: date, states: Sequence[str], baseline: Baseline) -> dict[str, tuple[str, ...]]:
    """Each state's default attacker on the day, as the attackers of a question (none with ``Attacker.none``)."""
    if baseline.attacker is Attacker.none:
        return dict.fromkeys(states, ())
    found = bystanders(plan, day, states)
    wrapped = {f: (f,) for f in set(found.values()) if f is not None} | {None: ()}  # most targets share one
    return {target: wrapped[f] for target, f in found.items()}


def _event(plan: Plan, question: Question, baseline: Baseline) -> dict:
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
    treaty: _TreatyQuestions, day: date, questions: list[Question], baseline: Baseline
) -> Iterator[list[DyadDuty]]:
    """The duties under ``treaty`` each question gives rise to on ``day``, asked of the engine a hundred events
    per scenario."""
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
    """The spans cut into days, months or years; a step holds what held on any of its days.

    The spans come in order and apart, so a step holds more than one only where one ends and the next begins.
    """
    step = following = date.min
    within: list[Dyad] = []
    for span in spans:
        first = _floor(span.start, every)
        while first < span.until:
            after = _next(first, every)
            if first != step:
                if within:
                    yield _step(within, max(step, start), min(following, end))
                step, following, within = first, after, []
            within.append(span)
            first = after
    if within:
        yield _step(within, max(step, start), min(following, end))


def _step(within: list[Dyad], start: date, until: date) -> Dyad:
    first = within[0]
    if len(within) == 1:
        return Dyad(first.state, first.toward, start, until, first.kinds, first.clauses, first.treaties)
    owed = Owed(frozenset().union(*(s.kinds for s in within)), frozenset().union(*(s.clauses for s in within)))
    return _dyad((first.state, first.toward), start, until, owed)


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
