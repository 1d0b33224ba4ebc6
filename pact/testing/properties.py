"""``pact check``: is a rule set coherent? Static findings, then properties searched with hypothesis.

Static findings come from ``pact.validate.static`` (stable codes, docs/checks.md). Properties are run over
scenarios drawn from the loaded rules; a failing example is shrunk by hypothesis and written as a
ready-to-run scenario file whose ``expect:`` block is the expectation that failed, so that
``pact test --rules DIR FILE`` (or ``pact run``) reproduces it.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.errors import NoSuchExample

from pact.backends import Backend, backend_named
from pact.backends.reference import ReferenceBackend
from pact.core.errors import BackendUnavailable, EngineError, InputError, first_of, in_file_order
from pact.core.output import write_files
from pact.core.states import is_state_on
from pact.evaluation.engine import evaluate_plan
from pact.load.layers import rules_options
from pact.load.loader import RulesReading, dump_yaml, read_rules
from pact.model import UNKNOWN, Event, ObligationKind, RequestMade, Rulebook, Scenario
from pact.model.result import ConflictKind, Obligation, Result
from pact.plan.compile import ClausePlan, Plan, compile_rulebook
from pact.testing.strategies import scenarios
from pact.validate.static import listed_victims

Expectation = dict[str, list[dict[str, str]]]


@dataclass(frozen=True)
class Counterexample:
    """A shrunk scenario that breaks a property, with the expectation it breaks."""

    message: str
    scenario: Scenario
    expect: Expectation


@dataclass
class PropertyRun:
    name: str
    description: str
    examples: int = 0
    failure: Counterexample | None = None
    saved: Path | None = None
    skipped: str | None = None  # why it could not run (it then neither holds nor fails)


@dataclass
class FailureFolder:
    """Where scenario files are written: the folder the user named, or a temporary one made on
    first use (so that nothing is written into the current directory unasked)."""

    asked: Path | None
    made: Path | None = None

    @property
    def path(self) -> Path:
        if self.asked is not None:
            return self.asked
        if self.made is None:
            self.made = Path(tempfile.mkdtemp(prefix="pact-check-"))
        return self.made


@dataclass
class CheckReport:
    layers: tuple[Path, ...]  # the rules directories laid over the bundled library (or over nothing)
    bundled: bool
    findings: list[InputError] = field(default_factory=list)
    properties: list[PropertyRun] = field(default_factory=list)
    skipped: str | None = None  # why the properties did not run
    reproductions: list[Path] = field(default_factory=list)  # scenario files for the findings
    temporary: Path | None = None  # the temporary folder files were written to, if any

    @property
    def ok(self) -> bool:
        return not self.findings and not self.skipped and all(p.failure is None for p in self.properties)


# --- properties -------------------------------------------------------------------------------

Check = Callable[[Plan, Scenario, Result], Counterexample | None]


_KEYS = ("state", "treaty", "toward", "clause", "event")


def _row(o: Obligation, *keys: str) -> dict[str, str]:
    return o.model_dump(mode="json", include=set(keys or _KEYS))


def _forbidden(
    scenario: Scenario, duties: list[Obligation], describe: Callable[[Obligation], str]
) -> Counterexample | None:
    """A counterexample from the first duty that must not exist, expecting it gone."""
    if not duties:
        return None
    return Counterexample(describe(duties[0]), scenario, {"not_obligated": [_row(duties[0])]})


def no_self_obligation(plan: Plan, scenario: Scenario, result: Result) -> Counterexample | None:
    bad = [o for o in result.obligations if o.state == o.toward]
    return _forbidden(scenario, bad, lambda o: f"{o.state} owes {o.kind.value} to itself under {o.treaty} {o.article}")


def no_attacker_defends_its_victim(plan: Plan, scenario: Scenario, result: Result) -> Counterexample | None:
    attackers = {e.id: set(e.attackers) for e in scenario.events}
    bad = [o for o in result.obligations if o.kind is ObligationKind.defense and o.state in attackers[o.event]]
    return _forbidden(
        scenario, bad, lambda o: f"{o.state} attacks {o.toward} yet owes it defense under {o.treaty} {o.article}"
    )


def no_contradiction(plan: Plan, scenario: Scenario, result: Result) -> Counterexample | None:
    """No state owes, for one event, defense to a victim and neutrality in the same war."""
    torn = {(c.state, c.event) for c in result.conflicts if c.kind is ConflictKind.defense_and_neutrality}
    bad = [o for o in result.obligations if (o.state, o.event) in torn and o.kind is ObligationKind.neutrality]
    return _forbidden(
        scenario,
        bad,
        lambda o: (
            f"{o.state} owes {o.toward} neutrality under {o.treaty} {o.article} while owing defense for the same event"
        ),
    )


def duties_only_from_members_in_force(plan: Plan, scenario: Scenario, result: Result) -> Counterexample | None:
    day = scenario.date.toordinal()
    for o in result.obligations:
        standing = plan.standing(o.treaty, o.state, day)
        if standing is None or not standing.bears:
            return Counterexample(
                f"{o.state} owes {o.kind.value} under {o.treaty} {o.article} on {scenario.date} without being "
                "a party in good standing of a treaty in force",
                scenario,
                {"not_obligated": [_row(o, "state", "treaty", "clause", "event")]},
            )
    return None


def _symmetric(clause: ClausePlan, rulebook: Rulebook) -> bool:
    """A clause whose trigger names no state and no place: every party should be treated alike."""
    treaty = rulebook.treaty(clause.treaty)
    found = next(c for c in treaty.clauses if c.id == clause.clause)
    triggers = [found.trigger, *(v.trigger for v in found.versions if v.trigger)]
    return all(
        trigger.victim == "party"
        and not isinstance(trigger.attacker, tuple)
        and not (trigger.scope and trigger.scope.regions)
        for trigger in triggers
    )


def _swap(scenario: Scenario, plan: Plan, a: str, b: str) -> Scenario:
    """The scenario with states ``a`` and ``b`` exchanged wherever they appear."""
    swap = {a: b, b: a}

    when = scenario.date.toordinal()

    def place(code: str | None) -> str | None:
        if code is None or code == UNKNOWN:
            return code
        return swap.get(plan.places.sovereign(code, when), code)

    def request(entry: str | RequestMade) -> str | RequestMade:
        if isinstance(entry, str):
            return swap.get(entry, entry)
        moved = {k: swap.get(v, v) for k, v in (("state", entry.state), ("by", entry.by)) if v}
        return entry.model_copy(update=moved)

    events = [
        e.model_copy(
            update={
                "target": swap.get(e.target, e.target),
                "location": place(e.location),
                "by": e.by if e.by == UNKNOWN else tuple(swap.get(s, s) for s in e.by),
                "requested_from": e.requested_from
                if e.requested_from == UNKNOWN
                else tuple(request(r) for r in e.requested_from),
            }
        )
        for e in scenario.events
    ]
    return scenario.model_copy(update={"events": tuple(events)})


def _symmetric_cases(rulebook: Rulebook, plan: Plan) -> st.SearchStrategy[tuple[Scenario, str, str, str]]:
    """(scenario, treaty, a, b): two parties with the same standing on the day, to exchange."""

    @st.composite
    def cases(draw: st.DrawFn) -> tuple[Scenario, str, str, str]:
        scenario = draw(scenarios(rulebook))
        day = scenario.date.toordinal()
        treaty = draw(st.sampled_from([t.treaty for t in rulebook.treaties]))
        suspended = {s for x in plan.suspensions if x.treaty == treaty for s in (x.bearer, x.toward)}
        alike: dict[tuple[bool, bool], list[str]] = {}
        for state in plan.members_ever(treaty):
            standing = plan.standing(treaty, state, day)
            if standing and state not in suspended:
                alike.setdefault((standing.bears, standing.protected), []).append(state)
        pairs = [(x, y) for group in alike.values() for x in group for y in group if x < y]
        if not pairs:
            return scenario, treaty, "", ""
        a, b = draw(st.sampled_from(pairs))
        victims = sorted({s for group in alike.values() for s in group if is_state_on(s, scenario.date)})
        clauses = [c for c in plan.clauses_of(treaty) if _symmetric(c, rulebook)]
        if victims and clauses and draw(st.booleans()):
            scenario = draw(_attack_on(scenario, rulebook, draw(st.sampled_from(clauses)), victims))
        return scenario, treaty, a, b

    return cases()


@st.composite
def _attack_on(
    draw: st.DrawFn, scenario: Scenario, rulebook: Rulebook, clause: ClausePlan, victims: list[str]
) -> Scenario:
    """``scenario`` with one more event, on a party of the day, that the symmetric clause covers: the
    random events alone seldom meet a clause with every fact it asks for known."""
    trigger = next(c for c in rulebook.treaty(clause.treaty).clauses if c.id == clause.clause).trigger
    target = draw(st.sampled_from(victims))
    event = Event(
        id=f"e{len(scenario.events) + 1}",
        type=draw(st.sampled_from(trigger.events)),
        target=target,
        location=target,
        against=draw(st.sampled_from(trigger.against)),
    )
    return scenario.model_copy(update={"events": (*scenario.events, event)})


def parties_are_treated_alike(rulebook: Rulebook, plan: Plan, backend) -> Callable[[tuple], Counterexample | None]:
    def check(case: tuple[Scenario, str, str, str]) -> Counterexample | None:
        scenario, treaty, a, b = case
        if not a:
            return None
        symmetric = {c.clause for c in plan.clauses_of(treaty) if _symmetric(c, rulebook)}
        swap = {a: b, b: a}

        def duties(result: Result) -> set[tuple[str, str, str, str]]:
            return {
                (o.state, o.clause, o.toward, o.event)
                for o in result.obligations
                if o.treaty == treaty and o.clause in symmetric
            }

        before = duties(evaluate_plan(plan, scenario, backend))
        swapped = _swap(scenario, plan, a, b)
        after = duties(evaluate_plan(plan, swapped, backend))
        expected = {(swap.get(s, s), c, swap.get(v, v), e) for s, c, v, e in before}
        if after == expected:
            return None
        missing, extra = sorted(expected - after), sorted(after - expected)
        first = (missing or extra)[0]
        verb = "loses" if missing else "gains"
        return Counterexample(
            f"exchanging {a} and {b} in {treaty}: {first[0]} {verb} {first[1]} toward {first[2]}",
            swapped,
            {
                "obligated": [
                    {"state": s, "treaty": treaty, "clause": c, "toward": v, "event": e} for s, c, v, e in missing
                ],
                "not_obligated": [
                    {"state": s, "treaty": treaty, "clause": c, "toward": v, "event": e} for s, c, v, e in extra
                ],
            },
        )

    return check


def _as_expectation(result: Result, lost: set[Obligation] | None = None) -> Expectation:
    keep = result.obligations if lost is None else [o for o in result.obligations if o in lost]
    return {"obligated": [_row(o) for o in keep]}


def event_order_does_not_matter(plan: Plan, backend) -> Callable[[Scenario], Counterexample | None]:
    def check(scenario: Scenario) -> Counterexample | None:
        if len(scenario.events) < 2:
            return None
        reordered = scenario.model_copy(update={"events": scenario.events[::-1]})
        one, two = evaluate_plan(plan, scenario, backend), evaluate_plan(plan, reordered, backend)
        if set(one.obligations) == set(two.obligations) and set(one.conflicts) == set(two.conflicts):
            return None
        return Counterexample("reversing the events changes the result", reordered, _as_expectation(one))

    return check


def rule_file_order_does_not_matter(
    rulebook: Rulebook, plan: Plan, backend
) -> Callable[[Scenario], Counterexample | None]:
    flipped = compile_rulebook(
        rulebook.model_copy(update={"treaties": rulebook.treaties[::-1], "geography": rulebook.geography[::-1]})
    )

    def check(scenario: Scenario) -> Counterexample | None:
        one, two = evaluate_plan(plan, scenario, backend), evaluate_plan(flipped, scenario, backend)
        if one == two:
            return None
        return Counterexample(
            "reading the rule files in reverse order changes the result", scenario, _as_expectation(one)
        )

    return check


def unrelated_event_keeps_duties(plan: Plan, backend) -> Callable[[tuple], Counterexample | None]:
    def check(case: tuple[Scenario, Scenario]) -> Counterexample | None:
        scenario, extra = case
        event = extra.events[0].model_copy(update={"id": "unrelated"})
        bigger = scenario.model_copy(update={"events": (*scenario.events, event)})
        before = set(evaluate_plan(plan, scenario, backend).obligations)
        after = set(evaluate_plan(plan, bigger, backend).obligations)
        lost = before - after
        if not lost:
            return None
        o = next(iter(lost))
        return Counterexample(
            f"adding an unrelated event removes {o.state}'s {o.kind.value} toward {o.toward} under {o.treaty}",
            bigger,
            {"obligated": [_row(x) for x in sorted(lost, key=str)]},
        )

    return check


def second_backend(plan: Plan, rulebook: Rulebook, chosen: Backend) -> Backend | str:
    """The backend to compare the chosen one with, or why there is none.

    Any other backend is compared with the reference one; the reference one with durable-rules,
    where it is installed and can run the plan.
    """
    if chosen.name != "reference":
        return ReferenceBackend()
    try:
        durable = backend_named("durable")
    except BackendUnavailable as why:
        return f"durable-rules is not available here ({why.__cause__})"
    try:
        durable.fired(plan, plan.facts(_probe(rulebook)))
    except Exception as exc:  # durable-rules raises untyped errors of its own for plans beyond its limits
        return f"durable-rules cannot run these rules ({type(exc).__name__}: {str(exc)[:200]})"
    return durable


def backends_agree(plan: Plan, chosen: Backend, other: Backend) -> Callable[[Scenario], Counterexample | None]:
    reference, tried = (other, chosen) if other.name == "reference" else (chosen, other)
    rerun = f"run it with --backend {tried.name}"

    def check(scenario: Scenario) -> Counterexample | None:
        expected = evaluate_plan(plan, scenario, reference)
        try:
            got = evaluate_plan(plan, scenario, tried)
        except EngineError as failed:
            return Counterexample(f"the {tried.name} backend fails ({rerun}): {failed}", scenario, {})
        if got == expected:
            return None
        expect = _as_expectation(expected)
        expect["not_obligated"] = [_row(o) for o in sorted(set(got.obligations) - set(expected.obligations), key=str)]
        return Counterexample(f"the {chosen.name} and {other.name} backends disagree ({rerun})", scenario, expect)

    return check


def _probe(rulebook: Rulebook) -> Scenario:
    """A scenario every rule set can evaluate: its first treaty's first party attacked on entry into force."""
    treaty = rulebook.treaties[0]
    event = {"type": "armed_attack", "target": treaty.parties[0].state}
    return Scenario.model_validate({"scenario": "probe", "date": treaty.in_force, "events": [event]})


def _result_property(check: Check, plan: Plan, backend) -> Callable[[Scenario], Counterexample | None]:
    return lambda scenario: check(plan, scenario, evaluate_plan(plan, scenario, backend))


REBUILD_BUDGET = 20.0
"""Seconds the chosen backend may have taken to build the rules for ``rule-file-order`` to build them
a second time (read in reverse order). durable-rules takes about 2 minutes for 2,000 treaties: past
the budget the property is not run on it, and says why."""


def properties(
    rulebook: Rulebook, plan: Plan, backend: Backend, built_in: float = 0.0
) -> Iterator[tuple[str, str, st.SearchStrategy, Callable | str]]:
    """(name, description, strategy, check) for every property pact checks; the check is the
    reason it cannot run instead, when it cannot. ``built_in``: the seconds the backend took to
    build these rules (``REBUILD_BUDGET``)."""
    drawn = scenarios(rulebook)
    yield (
        "no-self-obligation",
        "no state is obligated toward itself",
        drawn,
        _result_property(no_self_obligation, plan, backend),
    )
    yield (
        "no-attacker-defense",
        "no attacker owes defense to its own victim",
        drawn,
        _result_property(no_attacker_defends_its_victim, plan, backend),
    )
    yield (
        "no-contradiction",
        "no state owes both defense and neutrality for one event",
        drawn,
        _result_property(no_contradiction, plan, backend),
    )
    yield (
        "members-in-force",
        "every duty comes from a treaty in force and a party in good standing on the day",
        drawn,
        _result_property(duties_only_from_members_in_force, plan, backend),
    )
    yield (
        "parties-alike",
        "exchanging two parties of a symmetric clause exchanges its duties",
        _symmetric_cases(rulebook, plan),
        parties_are_treated_alike(rulebook, plan, backend),
    )
    yield (
        "event-order",
        "the result does not depend on the order of events",
        drawn,
        event_order_does_not_matter(plan, backend),
    )
    yield (
        "rule-file-order",
        "the result does not depend on the order of rule files",
        drawn,
        rule_file_order_does_not_matter(rulebook, plan, backend)
        if built_in <= REBUILD_BUDGET
        else f"building these rules took the {backend.name} backend {built_in:.0f} s, and reading them in reverse "
        "order would build them again (--backend reference checks it in seconds)",
    )
    yield (
        "unrelated-event",
        "adding an event never removes a duty owed for another event",
        st.tuples(drawn, scenarios(rulebook, max_events=1)),
        unrelated_event_keeps_duties(plan, backend),
    )
    other = second_backend(plan, rulebook, backend)
    if isinstance(other, str):
        yield "backends-agree", "the durable and reference backends give the same result", drawn, other
    else:
        description = f"the {backend.name} and {other.name} backends give the same result"
        yield "backends-agree", description, drawn, backends_agree(plan, backend, other)


# --- running ----------------------------------------------------------------------------------


def check_rules(
    layers: Sequence[Path] = (),
    *,
    bundled: bool = True,
    examples: int = 200,
    seed: int = 0,
    save_failures: Path | None = None,
    backend: Backend | str = "reference",
    progress: Callable[[PropertyRun], None] = lambda run: None,
    readings: Sequence[str] = (),
) -> CheckReport:
    """Run the static checks, then every property, on the rules: the bundled library (unless
    ``bundled`` is false) with each directory of ``layers`` laid over it (``pact.load_rules``),
    read as ``readings`` (of contested points; the defaults for the others).

    Scenario files reproducing failures go to ``save_failures``, or to a temporary folder made
    when the first one is written (``CheckReport.temporary``); nothing else is written anywhere.

    Rules that cannot be read (a missing directory, malformed YAML, a wrong field) are bad input,
    not findings: ``RuleError``, raised before anything is checked or written.
    """
    reading = read_rules(layers, bundled=bundled)
    unreadable = [problem for problem in reading.problems if problem.code is None]
    if unreadable:
        raise first_of(unreadable)
    report = CheckReport(layers=tuple(layers), bundled=bundled, findings=in_file_order(reading.problems))
    folder = FailureFolder(save_failures)
    rulebook = None if reading.errors else reading.rulebook().read_as(readings)
    report.reproductions = list(_reproduce_findings(report, reading, rulebook, folder))
    if rulebook is None:
        report.skipped = "the rules have static defects; fix them first"
    else:
        plan = compile_rulebook(rulebook)
        chosen = backend_named(backend) if isinstance(backend, str) else backend
        built_in = _can_run(chosen, plan, rulebook)
        with _scratch_storage():
            for name, description, strategy, check in properties(rulebook, plan, chosen, built_in):
                run = PropertyRun(name, description)
                if isinstance(check, str):
                    run.skipped = check
                else:
                    run.failure = _search(strategy, check, run, examples, seed)
                if run.failure is not None:
                    run.saved = write_counterexample(run, folder.path)
                report.properties.append(run)
                progress(run)
    report.temporary = folder.made
    return report


def _can_run(backend: Backend, plan: Plan, rulebook: Rulebook) -> float:
    """Refuse, in one line, a chosen backend that cannot run the plan at all; else the seconds it
    took to build the plan and answer a first question."""
    started = time.perf_counter()
    try:
        backend.fired(plan, plan.facts(_probe(rulebook)))
        return time.perf_counter() - started
    except EngineError:
        raise
    except Exception as exc:  # durable-rules raises untyped errors of its own for plans beyond its limits
        raise EngineError(f"the {backend.name} backend cannot run these rules: {type(exc).__name__}: {exc}") from exc


@contextmanager
def _scratch_storage() -> Iterator[None]:
    """Hypothesis caches what it learns under ``.hypothesis/`` in the current directory: point it at
    a temporary folder for the run, removed after, so that pact check leaves nothing behind."""
    scratch = tempfile.mkdtemp(prefix="pact-hypothesis-")
    set_hypothesis_home_dir(scratch)
    try:
        yield
    finally:
        set_hypothesis_home_dir(None)
        shutil.rmtree(scratch, ignore_errors=True)


def _search(
    strategy: st.SearchStrategy, check: Callable, run: PropertyRun, examples: int, seed: int
) -> Counterexample | None:
    found: list[Counterexample] = []

    def fails(case: object) -> bool:
        run.examples += 1
        outcome = check(case)
        if outcome is not None:
            found.append(outcome)
        return outcome is not None

    budget = settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    try:
        find(strategy, fails, settings=budget, random=random.Random(seed))
    except NoSuchExample:
        return None
    return found[-1]  # the last failure seen is the shrunk one


def _reproduce_findings(
    report: CheckReport, reading: RulesReading, rulebook: Rulebook | None, folder: FailureFolder
) -> Iterator[Path]:
    """Scenario files that show each finding: a static error stops every run of these rules, so
    any valid scenario reproduces it; a listed bearer that is also a victim needs an attack on it."""
    if not report.findings:
        return
    if rulebook is None:
        if not reading.treaties:
            return
        treaty = reading.treaties[0][0]
        victim = treaty.parties[0].state
        scenario = Scenario.model_validate(
            {"scenario": "t", "date": treaty.in_force, "events": [{"type": "armed_attack", "target": victim}]}
        )
        first = report.findings[0].render()
        note = f"pact run{rules_options(report.layers, report.bundled)} on this file: {first}"
        yield _write(folder.path, "static-findings", scenario, note, {})
        return
    plan = compile_rulebook(rulebook)
    for treaty in rulebook.treaties:
        for i, _, state in listed_victims(treaty):
            clause = treaty.clauses[i]
            day = next(
                (s.start for s in plan.standings if (s.treaty, s.state) == (treaty.treaty, state) and s.protected), None
            )
            if day is None:
                continue
            scenario = Scenario.model_validate(
                {
                    "scenario": "t",
                    "date": date.fromordinal(day),
                    "events": [
                        {"type": clause.trigger.events[0], "target": state, "against": clause.trigger.against[0]}
                    ],
                }
            )
            expect = {"obligated": [{"state": state, "treaty": treaty.treaty, "clause": clause.id, "toward": state}]}
            note = f"PACT133: {state} is listed as a bearer of {treaty.treaty}/{clause.id} but is also its victim here"
            yield _write(folder.path, f"PACT133-{treaty.treaty}-{clause.id}-{state}", scenario, note, expect)


def write_counterexample(run: PropertyRun, folder: Path) -> Path:
    assert run.failure is not None
    note = f"Shrunk counterexample found by pact check ({run.description}): {run.failure.message}."
    return _write(folder, run.name, run.failure.scenario, note, run.failure.expect)


def _write(folder: Path, name: str, scenario: Scenario, note: str, expect: Expectation) -> Path:
    """A ready-to-run scenario file: the events, the note saying why, and the expectation."""
    data = scenario.model_dump(mode="json", exclude_none=True, exclude={"expect", "notes", "sources", "title"})
    data["scenario"] = f"check-{name}".lower()
    data["notes"] = note
    for event in data["events"]:
        for key, default in (("against", "territory"), ("by", []), ("requested_from", [])):
            if event.get(key) == default:
                del event[key]
    if any(expect.values()):
        data["expect"] = {k: v for k, v in expect.items() if v}
    return write_files(folder, [(f"{name}.yaml", dump_yaml(data))])[0]
