"""What a clause's tests may ask of the rules: memberships and suspensions on a day, regions, places.

``PlanView`` is the part of a compiled plan (``pact.plan.compile.Plan``) that conditions and event
facts read; naming it here lets them depend on this interface rather than on the compiler, which
depends on them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from pact.core.cache import Memo
from pact.model import Doubt
from pact.model.trace import StepValue
from pact.plan.places import Places


@dataclass(frozen=True)
class Standing:
    """A state's membership of a treaty over [start, end), with what it may do in that span."""

    treaty: str
    state: str
    start: int
    end: int
    bears: bool
    protected: bool
    status: str = "member"
    source: str | None = field(default=None, compare=False, repr=False)  # FILE:LINE of the party's entry
    suspended_from: frozenset[str] = frozenset()  # the bodies it may not sit in over the span
    doubt: Doubt | None = None  # a notice received on an unknown day: the span may end sooner

    def covers(self, when: int) -> bool:
        return self.start <= when < self.end

    def unsure(self, when: int) -> bool:
        """Whether, on a day it covers, the state may already have left (its notice may have taken effect)."""
        return self.doubt is not None and self.doubt.earliest.toordinal() <= when


@dataclass(frozen=True)
class Suspension:
    """Duties one party suspended toward one other party, in one direction, over [start, end)."""

    treaty: str
    bearer: str
    toward: str
    start: int
    end: int
    source: str | None = field(default=None, compare=False, repr=False)

    def covers(self, when: int) -> bool:
        return self.start <= when < self.end


class PlanView(Protocol):
    """The questions a test asks of the rules (a ``Plan`` answers them)."""

    places: Places
    memo: Memo  # answers kept per plan, by name (``plan.memo("name", size).get(key, make)``)

    def membership_period(self, treaty: str, when: int) -> int: ...

    def members_ever(self, treaty: str) -> tuple[str, ...]: ...

    def standing(self, treaty: str, state: str, when: int) -> Standing | None: ...

    def in_doubt(self, state: str, when: int) -> bool: ...

    def suspension(self, treaty: str, bearer: str, toward: str, when: int) -> Suspension | None: ...

    def membership(self, treaty: str, state: str, when: int) -> dict[str, StepValue]: ...

    def regions_of(self, place: str, when: int) -> frozenset[str]: ...
