"""Which treaties are in force on a day, and who their parties are, with their standing (for orientation)."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from pact.core.days import FOREVER
from pact.model import Rulebook, TextCertainty, Value
from pact.model.rules import Contested
from pact.plan.compile import compile_rulebook
from pact.plan.view import Standing


class PartyStanding(Value):
    state: str
    status: str = Field(description="member, or the status of a period out of good standing (suspended, frozen).")
    since: date = Field(description="The first day of this standing.")
    until: date | None = Field(description="The first day it no longer holds, or null.")
    bears_duties: bool
    protected: bool
    may_have_left: tuple[date, date] | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="When its notice of withdrawal was received on an unknown day and may already have taken "
        "effect: the earliest and the latest day it leaves (absent otherwise).",
    )


class InForce(Value):
    treaty: str
    title: str
    in_force: date
    terminated: date | None
    certainty: TextCertainty = Field(
        description="How the treaty's text is known: published, official_summary, press_report."
    )
    parties: tuple[PartyStanding, ...]


def treaties_in_force(rules: Rulebook, day: date, state: str | None = None) -> tuple[InForce, ...]:
    """The treaties that apply on ``day`` (only those ``state`` is a party of, when given), with their parties."""
    plan, when = compile_rulebook(rules), day.toordinal()
    found = []
    for treaty in sorted(rules.treaties, key=lambda t: t.treaty):
        if not (treaty.in_force <= day < (treaty.terminated or date.max)):
            continue
        standings = [s for s in (plan.standing(treaty.treaty, p, when) for p in plan.members_ever(treaty.treaty)) if s]
        if state is not None and state not in {s.state for s in standings}:
            continue
        found.append(
            InForce(
                treaty=treaty.treaty,
                title=treaty.title,
                in_force=treaty.in_force,
                terminated=treaty.terminated,
                certainty=treaty.certainty,
                parties=tuple(_standing(s, when) for s in standings),
            )
        )
    return tuple(found)


def _standing(s: Standing, when: int) -> PartyStanding:
    return PartyStanding(
        state=s.state,
        status=s.status,
        since=date.fromordinal(s.start),
        until=date.fromordinal(s.end) if s.end < FOREVER else None,
        bears_duties=s.bears,
        protected=s.protected,
        may_have_left=(s.doubt.earliest, s.doubt.latest) if s.doubt is not None and s.unsure(when) else None,
    )


class ContestedPoint(Value):
    """A contested point of the rules, with the reading they follow (``pact readings``)."""

    treaty: str
    point: Contested
    followed: str = Field(description="The reading followed: the default, or the one chosen.")


def contested_points(rules: Rulebook) -> tuple[ContestedPoint, ...]:
    """Every contested point of the rules, in the order of their treaties."""
    return tuple(
        ContestedPoint(treaty=t.treaty, point=p, followed=rules.reading_in_force(p))
        for t, p in rules.contested().values()
    )
