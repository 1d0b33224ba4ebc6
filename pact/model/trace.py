"""Reasons as data: each condition a clause tests leaves a *step*, and words are made from steps.

A step says which test was made (a stable name), whether it held (``None`` when a fact it needs
is unknown), the values it compared — the scenario's and the rule's — and where the rule says it
(the article, and the ``FILE:LINE`` of the YAML node). Renderers turn steps into words in any
language; the steps, not the words, are the data (as openfisca's tracer records a tree that
several views read).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import Field, PlainSerializer

from pact.model.base import Value

StepValue = str | int | bool | None | list[str]
"""What a step may record: text, numbers, flags, lists of codes; dates as ``YYYY-MM-DD``."""


class Test(StrEnum):
    """The stable names of the tests pact makes; words for each live in ``pact.words``."""

    # whether the clause applies to the event (the same for every state)
    in_force = "in_force"
    version = "version"
    event_type = "event_type"
    against = "against"
    victim_party = "victim_party"
    victim_in_region = "victim_in_region"
    victim_member = "victim_member"
    attacker = "attacker"
    attacker_among = "attacker_among"
    attacker_member = "attacker_member"
    location = "location"
    on_victim_territory = "on_victim_territory"
    requested = "requested"
    determination = "determination"
    decided_by = "decided_by"
    condition = "condition"
    # whether this state bears the duty the clause imposes
    not_victim = "not_victim"
    not_attacker = "not_attacker"
    among_attackers = "among_attackers"
    listed_bearer = "listed_bearer"
    party_on_day = "party_on_day"
    not_suspended = "not_suspended"
    requested_bearer = "requested_bearer"


DECISIVE_ORDER: tuple[Test, ...] = (
    # a treaty out of force, or a state out of it, settles everything ...
    Test.in_force,
    Test.version,
    Test.party_on_day,
    Test.victim_party,
    Test.victim_member,
    Test.not_victim,
    Test.not_attacker,
    Test.among_attackers,
    Test.listed_bearer,
    Test.not_suspended,
    # ... then where and against whom the clause applies ...
    Test.victim_in_region,
    Test.location,
    Test.on_victim_territory,
    Test.against,
    Test.attacker,
    Test.attacker_among,
    Test.attacker_member,
    Test.requested,
    Test.requested_bearer,
    Test.determination,
    Test.decided_by,
    Test.condition,
    # ... and last what kind of event it covers.
    Test.event_type,
)
"""Which failed test is named first when several would each have to change: membership, then the
clause's scope, then the event type."""

_RANK = {test: i for i, test in enumerate(DECISIVE_ORDER)}


class Step(Value):
    """One test a clause made for one event (and, for bearer tests, one state)."""

    test: Test = Field(description="Which test: a stable name (see pact.model.trace.Test).")
    holds: bool | None = Field(description="Whether it held; null when a fact it needs is unknown.")
    values: dict[str, StepValue] = Field(
        default_factory=dict, description="The values compared: the scenario's and the rule's."
    )
    treaty: str = Field(description="The treaty whose clause made the test.")
    clause: str = Field(description="The clause id.")
    article: str = Field(description="The article the clause encodes.")
    source: str | None = Field(
        default=None, description="Where the rule says it: FILE:LINE of the YAML node (rules/NAME.yaml when bundled)."
    )

    def __hash__(self) -> int:  # values is a dict; the rest identifies a step well enough
        return hash((self.test, self.holds, self.treaty, self.clause, self.source))

    def value(self, name: str) -> Any:
        return self.values.get(name)


def failed(steps: Iterable[Step]) -> list[Step]:
    return [s for s in steps if s.holds is False]


def decisive(steps: Sequence[Step]) -> Step | None:
    """The failed test that, alone, would have to change for a duty to arise (see ``nearest_failure``)."""
    return nearest_failure((failed(run) for run in _clause_runs(steps)), lambda s: s.test)


F = TypeVar("F")


def nearest_failure(by_clause: Iterable[Sequence[F]], test_of: Callable[[F], Test]) -> F | None:
    """Of the failed tests of each clause, the one that alone would have to change for a duty to arise.

    Each dated version of a clause is a clause apart; the clause with the fewest failed tests is the
    nearest to binding, and among its failures the one earliest in ``DECISIVE_ORDER`` is named. A
    clause that only the attacking parties bear (a pledge to refrain from force) comes after every
    other for a state that did not attack: it would bind the state only were the state the aggressor,
    which is no reason a reader asks about. ``test_of`` reads an item's test, so that the engine can
    choose among failures before it makes their steps.
    """
    runs = [run for run in by_clause if run]
    if not runs:
        return None

    def distance(run: Sequence[F]) -> tuple[bool, int, int]:
        tests = [test_of(f) for f in run]
        return Test.among_attackers in tests, len(tests), min(_RANK[t] for t in tests)

    return min(min(runs, key=distance), key=lambda f: _RANK[test_of(f)])


def _clause_runs(steps: Sequence[Step]) -> list[list[Step]]:
    """The steps of each clause in turn: every clause (every version of one) starts with its in_force test,
    so two versions of a clause, which share its id, are told apart."""
    runs: list[list[Step]] = []
    for step in steps:
        if not runs or step.test is Test.in_force or step.clause != runs[-1][0].clause:
            runs.append([])
        runs[-1].append(step)
    return runs


class Trace(Sequence[Step]):
    """The steps of a decision, made when first read.

    A result names every party a treaty does not bind for an event, each with its decisive reason;
    the whole tree of tests behind it is made only when something reads it (the JSON contract,
    ``because``, an HTML report), so that a table pays for the reasons it shows. Equal to the tuple
    of its steps; pickled as that tuple.
    """

    __slots__ = ("_make", "_steps")

    def __init__(self, make: Callable[[], Iterable[Step]]) -> None:
        self._make: Callable[[], Iterable[Step]] | None = make
        self._steps: tuple[Step, ...] = ()

    @property
    def steps(self) -> tuple[Step, ...]:
        if self._make is not None:
            self._steps, self._make = tuple(self._make()), None
        return self._steps

    def __getitem__(self, index):  # type: ignore[override]
        return self.steps[index]

    def __len__(self) -> int:
        return len(self.steps)

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def __eq__(self, other: object) -> bool:
        return self.steps == (other.steps if isinstance(other, Trace) else other)

    def __hash__(self) -> int:
        return hash(self.steps)

    def __repr__(self) -> str:
        return repr(self.steps)

    def __reduce__(self) -> tuple[type, tuple[tuple[Step, ...]]]:
        return tuple, (self.steps,)


Steps = Annotated[tuple[Step, ...], PlainSerializer(tuple, return_type=tuple[Step, ...])]
"""A field of steps: a tuple when validated, a ``Trace`` when the engine made it lazily; either is
written out as the tuple of its steps."""


def of_the_day(decisive: Step | None) -> bool:
    """Whether a party not obligated was one that day, of a treaty in force: not when what decides is
    that the treaty was not yet (or no longer) in force, or the state not yet (or no longer) a party."""
    if decisive is None or decisive.holds is not False:
        return True
    if decisive.test is Test.in_force:
        return False
    return not (decisive.test is Test.party_on_day and decisive.value("membership") in ("not_yet", "no_longer"))
