"""What an evaluation returns: typed values that dump to the public JSON contract and to rows."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

from pact.model import Means, ObligationKind


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Obligation(_Value):
    state: str
    treaty: str
    clause: str
    article: str
    kind: ObligationKind
    means: Means
    toward: str
    event: str
    because: tuple[str, ...]
    qualification: str | None = None


class NonObligation(_Value):
    """A party of a treaty that owes nothing under it for an event, and why not."""

    state: str
    treaty: str
    event: str
    because: tuple[str, ...]


class Conflict(_Value):
    """A state that owes a duty toward a victim while bound by treaty to one of its attackers."""

    state: str
    event: str
    toward: str
    against: str
    because: tuple[str, ...]


class Result(_Value):
    scenario: str
    date: date
    obligations: tuple[Obligation, ...]
    conflicts: tuple[Conflict, ...]
    not_obligated: tuple[NonObligation, ...]

    def to_dict(self) -> dict[str, Any]:
        """The public result contract as plain data (see README, "Result format")."""
        return self.model_dump(mode="json")

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def rows(self) -> list[dict[str, Any]]:
        """One flat row per (state, treaty, event) decision, obligated or not: ready for pandas."""
        base = {"scenario": self.scenario, "date": self.date.isoformat()}
        rows = [
            {
                **base,
                "obligated": True,
                **o.model_dump(mode="json", exclude={"because"}),
                "because": "; ".join(o.because),
            }
            for o in self.obligations
        ]
        blank = dict.fromkeys(("clause", "article", "kind", "means", "toward", "qualification"))
        rows += [
            {
                **base,
                "obligated": False,
                **blank,
                **n.model_dump(mode="json", exclude={"because"}),
                "because": "; ".join(n.because),
            }
            for n in self.not_obligated
        ]
        return rows
