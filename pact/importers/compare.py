"""Two codings of one treaty side by side: pact's hand-written rules and an imported record (ATOP).

Memberships are compared state by state (each state's periods of membership, statuses noted);
dates of the treaty and the duties are summarised clause by clause so that a reader can judge each
difference (docs/atop.md lists them with a judgement and a source).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pact.model import Treaty

BUNDLED_PAIRS = {
    "nato": 3180,
    "rio": 3075,
    "anzus": 3215,
    "ecowas": 3895,
    "csto": 4220,
    "china-dprk": 3445,
}
"""Bundled treaties and the ATOP alliance that codes the same instrument."""


@dataclass(frozen=True)
class Difference:
    """One thing two codings of a treaty say differently."""

    treaty: str  # the bundled treaty's id
    subject: str  # what differs: "in_force", "member USA", ...
    ours: str
    imported: str

    def render(self) -> str:
        return f"{self.treaty}: {self.subject}: pact {self.ours}; ATOP {self.imported}"


def _span(joined: date, left: date | None) -> str:
    return f"{joined}–{left}" if left else f"{joined}–"


def _spans(treaty: Treaty, state: str) -> str:
    parts = []
    for party in treaty.parties:
        if party.state == state:
            statuses = "".join(
                f" ({s.status} {_span(s.start, s.until)}{', bound' if s.bears_duties else ''})" for s in party.status
            )
            parts.append(_span(party.joined, party.left) + statuses)
    return ", ".join(parts) or "not a party"


def differences(ours: Treaty, imported: Treaty) -> list[Difference]:
    """Every difference of dates and membership between the two codings."""
    found = []
    for key in ("signed", "in_force", "terminated"):
        mine, theirs = getattr(ours, key), getattr(imported, key)
        if mine != theirs:
            found.append(Difference(ours.treaty, key, str(mine), str(theirs)))
    states = dict.fromkeys([*(p.state for p in ours.parties), *(p.state for p in imported.parties)])
    for state in states:
        mine, theirs = _spans(ours, state), _spans(imported, state)
        if mine != theirs:
            found.append(Difference(ours.treaty, f"member {state}", mine, theirs))
    if ours.suspensions:
        for s in ours.suspensions:
            found.append(
                Difference(
                    ours.treaty, f"suspension {s.bearer} toward {s.toward}", _span(s.start, s.until), "not coded"
                )
            )
    return found
