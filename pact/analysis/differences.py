"""What changes between two results: duties gained, lost and changed (kind, means or article).

Duties are matched by (event, bearer, victim, treaty, clause): the same clause binding the same
state toward the same victim of the same event. ``pact.render.diff`` draws them for people.
"""

from __future__ import annotations

import json

from pydantic import Field

from pact.model import Means, ObligationKind, Value
from pact.model.result import Obligation, Result


class DiffedDuty(Value):
    """One obligation, without its reasons."""

    state: str
    treaty: str
    clause: str
    article: str
    kind: ObligationKind
    means: Means
    toward: str
    event: str

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return self.event, self.state, self.toward, self.treaty, self.clause


class Change(Value):
    """A duty owed under the same clause on both sides, whose kind, means or article differs."""

    before: DiffedDuty
    after: DiffedDuty


class Tie(Value):
    """A state bound to both sides of an event: it owes ``toward`` defense and is bound to ``against``."""

    state: str
    event: str
    toward: str
    against: str


class Diff(Value):
    """Result ``b`` compared with result ``a``."""

    a: str = Field(description="What the first side is (scenario, and rules or assumptions).")
    b: str = Field(description="What the second side is.")
    gained: tuple[DiffedDuty, ...] = Field(description="Duties in b and not in a.")
    lost: tuple[DiffedDuty, ...] = Field(description="Duties in a and not in b.")
    changed: tuple[Change, ...] = Field(description="Duties under the same clause whose kind, means or article differ.")
    kept: tuple[DiffedDuty, ...] = Field(description="Duties the same on both sides.")
    conflicts_gained: tuple[Tie, ...] = Field(default=(), description="States bound to both sides in b only.")
    conflicts_lost: tuple[Tie, ...] = Field(default=(), description="States bound to both sides in a only.")

    @property
    def empty(self) -> bool:
        return not (self.gained or self.lost or self.changed or self.conflicts_gained or self.conflicts_lost)

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.model_dump(mode="json"), indent=indent, ensure_ascii=False)


def diff(a: Result, b: Result, a_label: str | None = None, b_label: str | None = None) -> Diff:
    """The duties of ``b`` compared with those of ``a``."""
    before = {d.key: d for d in map(_duty, a.obligations)}
    after = {d.key: d for d in map(_duty, b.obligations)}
    return Diff(
        a=a_label or f"{a.scenario} on {a.date}",
        b=b_label or f"{b.scenario} on {b.date}",
        gained=tuple(d for k, d in after.items() if k not in before),
        lost=tuple(d for k, d in before.items() if k not in after),
        changed=tuple(Change(before=before[k], after=d) for k, d in after.items() if k in before and before[k] != d),
        kept=tuple(d for k, d in after.items() if before.get(k) == d),
        conflicts_gained=tuple(t for t in _ties(b) if t not in _ties(a)),
        conflicts_lost=tuple(t for t in _ties(a) if t not in _ties(b)),
    )


def _ties(result: Result) -> tuple[Tie, ...]:
    return tuple(Tie(state=c.state, event=c.event, toward=c.toward, against=c.against) for c in result.conflicts)


def _duty(obligation: Obligation) -> DiffedDuty:
    return DiffedDuty.model_validate(obligation.model_dump(include=set(DiffedDuty.model_fields)))
