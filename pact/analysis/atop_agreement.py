"""Does pact, over the imported rules, say what ATOP's own coding says?

ATOP's member-level file is read here a second time, on its own terms (rows, phases, 0/1
variables, dates as coded), independently of how ``pact.importers.atop`` maps it to clauses,
regions, versions and parties (only the named threat states are read with the importer's own
``named_threats``: which state a COW code is, is the registry's answer, not a mapping decision);
pact's side is computed through the public engine. Two comparisons:

- **Triples.** For an alliance, a member X and a day inside X's membership, X is attacked on its
  territory by a state that is a member of none of X's alliances that day. ATOP's coding says,
  for every other member B of the same phase: B owes X defense if B is a member that day and
  codes ``defense = 1`` with no condition; if B's defense is conditional only on a specific
  adversary that ATOP names, B owes nothing to a victim of another state (and owes defense when
  the attacker is that adversary: a second scenario attacks X with it); any other condition leaves
  B's duty undetermined. A member outside its dates owes nothing. pact must give the same verdict.
- **Dyad-years.** A directed dyad (A, B) has a defense pledge in a year when, on some day of it,
  A and B are members of one alliance (the same phase) with a defense obligation: ``alliance``
  when any member of the phase codes defense, ``member`` when A itself does. pact's side, either
  the defense column of a yearly ``pact dyads`` table (``compare_dyad_table``), or (``compare_dyads``)
  on each day of the year on which some rule changes, each party B attacked (by a bystander, and by
  each adversary a defense clause names), every state owing B defense, or a defense duty left
  undetermined, pledging defense to B. ``MissingDyads`` classes what pact lacks.

Days ATOP leaves unknown (an entry or exit with no day) are never sampled; a member that was not a
state in pact's registry on the day (docs/states.md) is counted in a class of its own.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

from pact.analysis.dyads import Dyad
from pact.core.states import from_cow, is_state_on, registry
from pact.evaluation.engine import Engine
from pact.importers.atop import NON_PROVOCATION, condition_name, named_threats, treaty_id
from pact.importers.atop_data import CONDITIONAL, CONDITIONS, COVERAGE_ENDS, MemberRow
from pact.model import Event, ObligationKind, Scenario
from pact.model.result import Result

MAX_EVENTS = 100
"""Events per scenario (the scenario format's limit)."""


@cache
def _sorted_states() -> list[str]:
    """Every state of pact's registry, alphabetically: bystanders are chosen in this order."""
    return sorted(registry())


class Verdict(StrEnum):
    obligated = "obligated"
    undetermined = "undetermined"
    none = "none"  # owes no defense under this alliance


_RANK = {Verdict.none: 0, Verdict.undetermined: 1, Verdict.obligated: 2}


# --- ATOP's dates, read on their own terms -----------------------------------------------------------


@dataclass(frozen=True)
class _Dates:
    """A row's dates as ATOP codes them, worked out once: (earliest, latest) day each may stand for."""

    entry: tuple[date, date]
    exit: tuple[date, date] | None  # None: no exit by the end of ATOP's coverage
    one_day: bool  # coded to end on or before it starts: it lasts its first day


@cache
def _dates(row: MemberRow) -> _Dates:
    entry = (row.entry.first(), row.entry.last())
    leave = (row.exit.first(), row.exit.last()) if row.exit is not None else None
    one_day = leave is not None and row.exit.exact and row.entry.exact and leave[0] <= entry[0]  # type: ignore[union-attr]
    return _Dates(entry, leave, one_day)


def in_effect(row: MemberRow, day: date) -> bool | None:
    """Whether the row's membership covers the day; None when the day falls in a month ATOP left without a day.

    The exit date is the first day no longer a member (the next phase starts on it); a membership
    coded to end on or before it starts lasts its first day.
    """
    dates = _dates(row)
    if dates.one_day:
        return day == dates.entry[0]
    if day < dates.entry[0] or (dates.exit is not None and day >= dates.exit[1]):
        return False
    # a missing day: the member is surely in on the month's last day of entry, surely out on that of exit
    unsure = day < dates.entry[1] or (dates.exit is not None and dates.exit[0] <= day)
    return None if unsure else True


@cache
def sure_days(row: MemberRow) -> tuple[date, date] | None:
    """[first, last] days surely inside the membership (None if there are none)."""
    dates = _dates(row)
    if dates.one_day:
        return dates.entry[0], dates.entry[0]
    first, last = dates.entry[1], COVERAGE_ENDS if dates.exit is None else dates.exit[0] - timedelta(days=1)
    return (first, last) if first <= last else None


def code_on(row: MemberRow, day: date) -> str:
    """The member's registry code on the day; outside its membership, its code on the nearest day inside."""
    span = sure_days(row)
    if span is not None:
        day = min(max(day, span[0]), span[1])
    return from_cow(row.ccode, day)


def _still_states(codes: tuple[str, ...], start: date, day: date) -> bool:
    """Whether each named threat state has been a state without a break from the alliance's first day to ``day``."""
    for code in codes:
        state = registry()[code]
        if (state.end and start < state.end <= day) or any(start < g.start <= day for g in state.interruptions):
            return False
    return True


# --- what ATOP says of one bearer -----------------------------------------------------------------


@dataclass(frozen=True)
class Expectation:
    verdict: Verdict
    conditions: tuple[str, ...] = ()  # the named conditions an undetermined duty hinges on
    unconditional: bool = False


def expected(row: MemberRow, day: date, attacker: str, start: date) -> Expectation:
    """ATOP's answer for one bearer row: does it owe defense to a fellow member attacked by ``attacker``?"""
    if not row.has("defense"):
        return Expectation(Verdict.none)
    coded = [v for v in CONDITIONS["defense"] if row.has(v)]
    if row.has(CONDITIONAL["defense"]) and not coded:
        coded = [CONDITIONAL["defense"]]
    if not coded:
        return Expectation(Verdict.obligated, unconditional=True)
    open_conditions = []
    for variable in coded:
        threats = named_threats(row, start) if variable == "defcoadv" else None
        if threats and _still_states(threats, start, day):
            if attacker not in threats:
                return Expectation(Verdict.none)
        else:
            open_conditions.append(condition_name(row.atopid, variable))
    if open_conditions:
        return Expectation(Verdict.undetermined, tuple(dict.fromkeys(open_conditions)))
    return Expectation(Verdict.obligated)


# --- triples -----------------------------------------------------------------------------------------


class Outcome(StrEnum):
    """How one (alliance, victim, bearer, day) comparison came out."""

    agree = "agree"
    bearer_not_a_state = "bearer not a state in pact's registry that day"
    disagree = "disagree"


@dataclass(frozen=True)
class Comparison:
    atopid: int
    victim: str
    bearer: str
    day: date
    attacker: str
    expected: Expectation
    got: Verdict
    deciding: tuple[str, ...]
    outcome: Outcome

    def render(self) -> str:
        return (
            f"alliance {self.atopid}, {self.day}: {self.victim} attacked by {self.attacker}: {self.bearer} "
            f"ATOP {self.expected.verdict.value}{list(self.expected.conditions) or ''}, "
            f"pact {self.got.value}{list(self.deciding) or ''}"
        )


@dataclass
class Agreement:
    """Every comparison made, and what was left out (and why)."""

    comparisons: list[Comparison] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def count(self, outcome: Outcome) -> int:
        return sum(c.outcome is outcome for c in self.comparisons)

    @property
    def rate(self) -> float:
        """Agreement over every comparison (a bearer that was not a state counts against it)."""
        return self.count(Outcome.agree) / len(self.comparisons) if self.comparisons else 1.0

    def unconditional(self) -> list[Comparison]:
        """Comparisons where ATOP codes an unconditional defense obligation in force that day."""
        return [c for c in self.comparisons if c.expected.unconditional]

    def unconditional_rate(self, *, states_only: bool = True) -> float:
        """Agreement on unconditional defense (by default over bearers that were states that day)."""
        found = [c for c in self.unconditional() if not (states_only and c.outcome is Outcome.bearer_not_a_state)]
        return sum(c.outcome is Outcome.agree for c in found) / len(found) if found else 1.0

    def table(self) -> Counter[tuple[str, str]]:
        """(ATOP's verdict, pact's verdict) → how many."""
        return Counter((c.expected.verdict.value, c.got.value) for c in self.comparisons)


@dataclass(frozen=True)
class _Case:
    """One victim attacked on one day: the bearers it is compared on, by alliance."""

    atopid: int
    victim: str
    day: date
    attacker: str
    bearers: tuple[tuple[str, Expectation], ...]


class Sampler:
    """The (alliance, member, day) triples to compare, drawn from ATOP's rows with a fixed seed."""

    def __init__(self, rows: list[MemberRow], *, seed: int = 0, inside: int = 2, boundaries: bool = True) -> None:
        self.rows = rows
        self.random = random.Random(seed)
        self.inside = inside
        self.boundaries = boundaries
        self.by_alliance: dict[int, list[MemberRow]] = defaultdict(list)
        for row in rows:
            self.by_alliance[row.atopid].append(row)
        self.start = {a: min(r.entry.first() for r in rs) for a, rs in self.by_alliance.items()}
        self.threats = {
            a: {t for r in rs for t in (named_threats(r, self.start[a]) or ())} for a, rs in self.by_alliance.items()
        }
        self._members_on: dict[date, tuple[dict[str, set[str]], dict[str, set[str]]]] = {}

    def days(self, atopid: int) -> list[date]:
        """Days to compare an alliance on: for each member, its first and last sure days, the middle and
        ``inside`` more at random; with ``boundaries``, also the day before each entry and each exit day
        (the first day out), so that members just outside their dates are compared too."""
        picked: set[date] = set()
        for row in self.by_alliance[atopid]:
            span = sure_days(row)
            if span is None:
                continue
            first, last = span
            picked |= {first, last, first + timedelta(days=(last - first).days // 2)}
            picked |= {first + timedelta(days=self.random.randint(0, (last - first).days)) for _ in range(self.inside)}
            if self.boundaries:
                picked.add(first - timedelta(days=1))
                if row.exit is not None:
                    picked.add(last + timedelta(days=1))
        return sorted(d for d in picked if d <= COVERAGE_ENDS)

    def allies(self, day: date) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """For each state, the states it shares an alliance with on the day, and the threats those alliances
        name (days ATOP leaves unknown counted in)."""
        if day not in self._members_on:
            together: dict[str, set[str]] = defaultdict(set)
            named: dict[str, set[str]] = defaultdict(set)
            for atopid, rows in self.by_alliance.items():
                codes = {code_on(r, day) for r in rows if in_effect(r, day) is not False}
                for code in codes:
                    together[code] |= codes - {code}
                    named[code] |= self.threats[atopid]
            self._members_on[day] = (together, named)
        return self._members_on[day]

    def bystander(self, victim: str, day: date) -> str | None:
        """The first state (alphabetically) alive on the day that shares no alliance with the victim and is
        named as no threat by its alliances."""
        together, named = self.allies(day)
        excluded = together.get(victim, set()) | named.get(victim, set()) | {victim}
        return next((s for s in _sorted_states() if s not in excluded and is_state_on(s, day)), None)

    def cases(self, skipped: Counter[str]) -> Iterator[_Case]:
        """Every member of every alliance attacked on each of the alliance's days on which it is surely a member."""
        for atopid, rows in self.by_alliance.items():
            for day in self.days(atopid):
                for victim_row in rows:
                    if in_effect(victim_row, day):
                        yield from self._cases_on(atopid, rows, victim_row, day, skipped)

    def _cases_on(
        self, atopid: int, rows: list[MemberRow], victim_row: MemberRow, day: date, skipped: Counter[str]
    ) -> Iterator[_Case]:
        victim = code_on(victim_row, day)
        if not is_state_on(victim, day):
            skipped["victim not a state in pact's registry that day"] += 1
            return
        others = [r for r in rows if r.phase == victim_row.phase and r.ccode != victim_row.ccode]
        if any(in_effect(r, day) is None for r in others):
            skipped["a member's entry or exit that day has no day in ATOP"] += 1
            return
        attackers = [self.bystander(victim, day)]
        threats = named_threats(victim_row, self.start[atopid]) or ()
        allies = self.allies(day)[0].get(victim, set())
        attackers += [t for t in threats if t != victim and is_state_on(t, day) and t not in allies]
        for attacker in filter(None, dict.fromkeys(attackers)):
            bearers: dict[str, list[Expectation]] = defaultdict(list)
            for row in others:
                if in_effect(row, day):
                    bearers[code_on(row, day)].append(expected(row, day, attacker, self.start[atopid]))
                else:
                    bearers[code_on(row, day)].append(Expectation(Verdict.none))
            yield _Case(atopid, victim, day, attacker, tuple((b, _best(e)) for b, e in bearers.items() if b != victim))


def _best(expectations: list[Expectation]) -> Expectation:
    """A bearer in two rows on one day (parallel phases): its strongest expectation."""
    return max(expectations, key=lambda e: (_RANK[e.verdict], e.unconditional))


def _scenario(day: date, cases: list[_Case], n: int) -> Scenario:
    events = [Event(id=f"e{i}", type="armed_attack", target=c.victim, by=(c.attacker,)) for i, c in enumerate(cases, 1)]
    return Scenario(scenario=f"atop-agreement-{day}-{n}", date=day, events=tuple(events))


def _verdicts(result: Result, event: str, treaty: str) -> dict[str, tuple[Verdict, tuple[str, ...]]]:
    """Each state's verdict on defense for one event under one treaty, with what an undetermined duty hinges on."""
    deciding: dict[str, set[str]] = defaultdict(set)
    for duty in result.undetermined:
        if duty.event == event and duty.treaty == treaty and duty.kind is ObligationKind.defense:
            deciding[duty.state] |= set(duty.deciding)
    found = {state: (Verdict.undetermined, tuple(sorted(names))) for state, names in deciding.items()}
    for duty in result.obligations:
        if duty.event == event and duty.treaty == treaty and duty.kind is ObligationKind.defense:
            found[duty.state] = (Verdict.obligated, ())
    return found


def compare_triples(engine: Engine | Callable[[int], Engine], sampler: Sampler) -> Agreement:
    """Every sampled triple evaluated through the engine (of the imported rules, or of each alliance's
    own treaty: ``engine(atopid)``) and compared with ATOP's coding."""
    engine_for = engine if callable(engine) and not isinstance(engine, Engine) else (lambda _: engine)
    agreement = Agreement()
    grouped: dict[tuple[int, date], list[_Case]] = defaultdict(list)
    engines: dict[int, Engine] = {}
    for case in sampler.cases(agreement.skipped):
        chosen = engine_for(case.atopid)
        engines[id(chosen)] = chosen
        grouped[(id(chosen), case.day)].append(case)
    for (key, day), cases in sorted(grouped.items(), key=lambda item: item[0][1]):
        for n in range(0, len(cases), MAX_EVENTS):
            chunk = cases[n : n + MAX_EVENTS]
            result = engines[key].evaluate(_scenario(day, chunk, n), full=False)
            for i, case in enumerate(chunk, 1):
                agreement.comparisons += _compared(case, _verdicts(result, f"e{i}", treaty_id(case.atopid)))
    return agreement


def _compared(case: _Case, got: dict[str, tuple[Verdict, tuple[str, ...]]]) -> Iterator[Comparison]:
    for bearer, wanted in case.bearers:
        verdict, deciding = got.get(bearer, (Verdict.none, ()))
        outcome = _outcome(wanted, verdict, deciding, bearer, case.day)
        yield Comparison(case.atopid, case.victim, bearer, case.day, case.attacker, wanted, verdict, deciding, outcome)


def _outcome(wanted: Expectation, got: Verdict, deciding: tuple[str, ...], bearer: str, day: date) -> Outcome:
    if got is wanted.verdict and (got is not Verdict.undetermined or set(deciding) == set(wanted.conditions)):
        return Outcome.agree
    if wanted.verdict is not Verdict.none and got is Verdict.none and not is_state_on(bearer, day):
        return Outcome.bearer_not_a_state
    return Outcome.disagree


# --- dyad-years ----------------------------------------------------------------------------------------


class Pledge(StrEnum):
    """Which reference table: an alliance with defense, or a member that itself pledges defense."""

    alliance = "alliance"
    member = "member"


DyadYear = tuple[str, str, int]
"""(A, B, year): A pledges defense to B in that year."""


def reference_dyads(rows: list[MemberRow], pledge: Pledge, years: Iterable[int] | None = None) -> set[DyadYear]:
    """The directed dyad-years of ATOP's member-level file (see the module docstring), in pact's state codes."""
    wanted = set(years) if years is not None else None
    phases: dict[tuple[int, int], list[MemberRow]] = defaultdict(list)
    for row in rows:
        phases[(row.atopid, row.phase)].append(row)
    found: set[DyadYear] = set()
    for members in phases.values():
        if not any(r.has("defense") for r in members):
            continue
        for a in members:
            if pledge is Pledge.member and not a.has("defense"):
                continue
            for b in members:
                if a.ccode != b.ccode:
                    found |= _dyad_years(a, b, wanted)
    return found


def _dyad_years(a: MemberRow, b: MemberRow, wanted: set[int] | None) -> set[DyadYear]:
    spans = [s for s in (sure_days(a), sure_days(b)) if s is not None]
    if len(spans) < 2:
        return set()
    first, last = max(spans[0][0], spans[1][0]), min(spans[0][1], spans[1][1])
    out: set[DyadYear] = set()
    for year in range(first.year, last.year + 1):
        if wanted is not None and year not in wanted:
            continue
        # a code that changes within the year (Russia to the USSR) gives a dyad under each code
        days = {max(first, date(year, 1, 1)), min(last, date(year, 12, 31))}
        out |= {(code_on(a, d), code_on(b, d), year) for d in days}
    return out


def change_days_in(engine: Engine, year: int) -> list[date]:
    """The first day of the year and every day in it on which some rule starts or stops applying."""
    start, end = date(year, 1, 1).toordinal(), date(year + 1, 1, 1).toordinal()
    return [date.fromordinal(d) for d in sorted({start, *(d for d in engine.plan.change_days if start <= d < end)})]


def pact_dyads(engine: Engine, year: int) -> set[DyadYear]:
    """Directed dyads (A, B, year) in which pact, over the imported rules, has A owe B defense (or leave it
    undetermined) on some day of the year when B is attacked by a bystander or by a named adversary."""
    plan = engine.plan
    named: dict[str, set[str]] = defaultdict(set)
    for treaty in engine.rulebook.treaties:
        for clause in treaty.clauses:
            if clause.obligation.kind is ObligationKind.defense and isinstance(clause.trigger.attacker, tuple):
                named[treaty.treaty] |= set(clause.trigger.attacker)
    found: set[DyadYear] = set()
    for day in change_days_in(engine, year):
        when = day.toordinal()
        parties: dict[str, set[str]] = defaultdict(set)
        for standing in plan.standings:
            if standing.covers(when):
                parties[standing.state].add(standing.treaty)
        outsider = next((s for s in _sorted_states() if s not in parties and is_state_on(s, day)), None)
        if outsider is None:  # every state is in some alliance: no attacker is outside them all
            raise ValueError(f"no state outside every alliance on {day}")
        events = []
        for victim in sorted(parties):
            if not is_state_on(victim, day):
                continue
            threats = {t for treaty in parties[victim] for t in named.get(treaty, ())}
            events += [(victim, a) for a in sorted({outsider, *threats} - {victim}) if is_state_on(a, day)]
        for n in range(0, len(events), MAX_EVENTS):
            chunk = events[n : n + MAX_EVENTS]
            scenario = Scenario(
                scenario=f"atop-dyads-{day}-{n}",
                date=day,
                events=tuple(
                    Event(id=f"e{i}", type="armed_attack", target=v, by=(a,)) for i, (v, a) in enumerate(chunk, 1)
                ),
            )
            result = engine.evaluate(scenario, full=False)
            duties = [*result.obligations, *result.undetermined]
            found |= {(d.state, d.toward, year) for d in duties if d.kind is ObligationKind.defense}
    return found


@dataclass(frozen=True)
class DyadComparison:
    years: tuple[int, ...]
    pledge: Pledge
    reference: frozenset[DyadYear]
    pact: frozenset[DyadYear]

    @property
    def both(self) -> frozenset[DyadYear]:
        return self.reference & self.pact

    @property
    def only_reference(self) -> frozenset[DyadYear]:
        return self.reference - self.pact

    @property
    def only_pact(self) -> frozenset[DyadYear]:
        return self.pact - self.reference

    @property
    def rate(self) -> float:
        union = self.reference | self.pact
        return len(self.both) / len(union) if union else 1.0


def compare_dyads(engine: Engine, rows: list[MemberRow], years: Iterable[int]) -> dict[Pledge, DyadComparison]:
    """pact's dyad-years over the chosen years, against both reference tables."""
    chosen = tuple(sorted(set(years)))
    ours = frozenset(d for year in chosen for d in pact_dyads(engine, year))
    return _against_references(rows, chosen, ours)


def compare_dyad_table(
    table: Iterable[Dyad], rows: list[MemberRow], years: Iterable[int]
) -> dict[Pledge, DyadComparison]:
    """The defense column of a yearly ``pact dyads`` table (``pact.analysis.dyads.dyads(..., Every.year)``) over the
    chosen years, against both reference tables."""
    chosen = tuple(sorted(set(years)))
    ours = frozenset(
        (d.state, d.toward, d.start.year) for d in table if ObligationKind.defense in d.kinds and d.start.year in chosen
    )
    return _against_references(rows, chosen, ours)


def _against_references(
    rows: list[MemberRow], years: tuple[int, ...], ours: frozenset[DyadYear]
) -> dict[Pledge, DyadComparison]:
    return {
        pledge: DyadComparison(years, pledge, frozenset(reference_dyads(rows, pledge, years)), ours)
        for pledge in Pledge
    }


class DyadClass(StrEnum):
    """Why a dyad-year is in the reference table and not in pact's."""

    not_a_state = "a side was not a state in pact's registry while both were members"
    asymmetric = "the alliance has defense, but A itself does not pledge it (asymmetric alliance)"
    own_adversaries = "A's defense is conditional on adversaries ATOP names, and it names only A and B themselves"
    conditional = (
        "A pledges B defense only under a condition ATOP codes (an adversary, a location, a conflict …), "
        "which the baseline of `pact dyads` does not meet"
    )
    unexplained = "unexplained"


class MissingDyads:
    """Why each dyad-year of a reference table that pact does not give is missing (``explain``).

    ``conditional_counted``: whether pact's side counts a pledge made under conditions (a duty left
    undetermined, or one owed against a named adversary), as ``compare_dyads`` and ``pact dyads
    --attacker adversaries --undetermined`` do; when not (the plain baseline of ``pact dyads``: an
    attack by a bystander, determined duties only), such a pledge is of class ``conditional``.
    """

    def __init__(self, rows: list[MemberRow], *, conditional_counted: bool = True) -> None:
        self.conditional_counted = conditional_counted
        phases: dict[tuple[int, int], list[MemberRow]] = defaultdict(list)
        self._begun: dict[int, date] = {}
        for row in rows:
            phases[(row.atopid, row.phase)].append(row)
            self._begun[row.atopid] = min(self._begun.get(row.atopid, date.max), row.entry.first())
        self._phases = [members for members in phases.values() if any(r.has("defense") for r in members)]

    def explain(self, dyad: DyadYear, pledge: Pledge) -> DyadClass:
        a, b, year = dyad
        start, end = date(year, 1, 1), date(year, 12, 31)
        explained: set[DyadClass] = set()
        for members in self._phases:
            for ra in (r for r in members if _named(r, a, start, end)):
                for rb in (r for r in members if _named(r, b, start, end) and r.ccode != ra.ccode):
                    if not ra.has("defense"):  # no pledge of A's here; for the alliance table, maybe asymmetric
                        continue
                    threats = named_threats(ra, self._begun[ra.atopid]) if ra.has("defcoadv") else None
                    if threats and set(threats) <= {a, b}:
                        # B is protected only against A, and A never defends B against itself (Locarno, 2130)
                        explained.add(DyadClass.own_adversaries)
                    elif not self.conditional_counted and _conditional(ra):
                        explained.add(DyadClass.conditional)
                    elif _both_states(ra, rb, a, b, start, end):
                        return DyadClass.unexplained
                    else:
                        explained.add(DyadClass.not_a_state)
        if pledge is Pledge.alliance and not explained:
            return DyadClass.asymmetric
        return min(explained, key=list(DyadClass).index, default=DyadClass.unexplained)


def _conditional(row: MemberRow) -> bool:
    return row.has(CONDITIONAL["defense"]) or any(row.has(v) for v in CONDITIONS["defense"])


def _named(row: MemberRow, code: str, start: date, end: date) -> bool:
    span = sure_days(row)
    return span is not None and span[0] <= end and start <= span[1] and code in {code_on(row, start), code_on(row, end)}


def _both_states(ra: MemberRow, rb: MemberRow, a: str, b: str, start: date, end: date) -> bool:
    """Whether, on some day of [start, end] on which both rows are in effect, both codes were states."""
    spans = [sure_days(ra), sure_days(rb)]
    first = max(start, *(s[0] for s in spans if s))
    last = min(end, *(s[1] for s in spans if s))
    edges = sorted({first, last, *_statehood_edges(a, first, last), *_statehood_edges(b, first, last)})
    return any(is_state_on(a, d) and is_state_on(b, d) for d in edges if first <= d <= last)


def _statehood_edges(code: str, first: date, last: date) -> set[date]:
    state = registry().get(code)
    if state is None:
        return set()
    days = {state.start, state.end, *(g.start for g in state.interruptions), *(g.end for g in state.interruptions)}
    return {d for d in days if d is not None and first <= d <= last}


__all__ = [
    "NON_PROVOCATION",
    "Agreement",
    "Comparison",
    "DyadClass",
    "DyadComparison",
    "Expectation",
    "MissingDyads",
    "Outcome",
    "Pledge",
    "Sampler",
    "Verdict",
    "compare_dyad_table",
    "compare_dyads",
    "compare_triples",
    "expected",
    "in_effect",
    "reference_dyads",
]
