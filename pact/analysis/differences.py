"""What changes between two results: duties gained, lost and changed (kind, means or article).

Duties are matched by (event, bearer, victim, treaty, clause): the same clause binding the same
state toward the same victim of the same event. Two scenarios name their events as they like (``e1``
here, ``attack`` there): events are the same when what happened is the same (``matched_events``).
``pact.render.diff`` draws them for people.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from pydantic import Field

from pact.model import Event, Means, ObligationKind, Scenario, Value
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


def matched_events(a: Scenario, b: Scenario) -> dict[str, str]:
    """Each event of ``a`` that happens in ``b`` too, by id in ``a``, with its id in ``b``: the same type,
    against the same target and the same part of it, by the same attackers, at the same place, whatever
    the ids (the first match each, in order). Who was asked for help and which conditions were settled
    are circumstances of the event that a diff compares, not what tells two events apart."""
    unmatched = {event.id: _happened(event) for event in b.events}
    found: dict[str, str] = {}
    for event in a.events:
        same = next((id for id, happened in unmatched.items() if happened == _happened(event)), None)
        if same is not None:
            found[event.id] = same
            del unmatched[same]
    return found


def _happened(event: Event) -> str:
    return json.dumps(event.model_dump(mode="json", exclude={"id", "requested_from", "conditions"}), sort_keys=True)


def diff(
    a: Result,
    b: Result,
    a_label: str | None = None,
    b_label: str | None = None,
    *,
    events: Mapping[str, str] | None = None,
) -> Diff:
    """The duties of ``b`` compared with those of ``a``. ``events`` maps each event id of ``a`` to the
    id of the same event in ``b`` (``matched_events``); an event of ``a`` it leaves out happens in ``a``
    only. Without it, events are matched by id."""
    rename = (lambda id: id) if events is None else (lambda id: events.get(id, f"{id}\0a"))
    before = {(rename(d.event), *d.key[1:]): d for d in map(_duty, a.obligations)}
    after = {d.key: d for d in map(_duty, b.obligations)}
    ties_a = {t.model_copy(update={"event": rename(t.event)}): t for t in _ties(a)}
    ties_b = _ties(b)
    return Diff(
        a=a_label or f"{a.scenario} on {a.date}",
        b=b_label or f"{b.scenario} on {b.date}",
        gained=tuple(d for k, d in after.items() if k not in before),
        lost=tuple(d for k, d in before.items() if k not in after),
        changed=tuple(
            Change(before=before[k], after=d) for k, d in after.items() if k in before and not _same(before[k], d)
        ),
        kept=tuple(d for k, d in after.items() if k in before and _same(before[k], d)),
        conflicts_gained=tuple(t for t in ties_b if t not in ties_a),
        conflicts_lost=tuple(t for renamed, t in ties_a.items() if renamed not in ties_b),
    )


def _same(before: DiffedDuty, after: DiffedDuty) -> bool:
    """The same terms (kind, means, article), whatever the event's id on each side."""
    return before.model_copy(update={"event": after.event}) == after


def _ties(result: Result) -> tuple[Tie, ...]:
    return tuple(Tie(state=c.state, event=c.event, toward=c.toward, against=c.against) for c in result.conflicts)


def _duty(obligation: Obligation) -> DiffedDuty:
    return DiffedDuty.model_validate(obligation.model_dump(include=set(DiffedDuty.model_fields)))
