"""What an evaluation returns: typed values that dump to the public JSON contract and to rows.

Reasons are data: each obligation and non-obligation carries its ``trace`` of steps
(``pact.trace.Step``); ``because`` — a public contract, a list of sentences — is rendered from
them (in English unless a language is asked for), never stored as the data itself.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_serializer

from pact.model import Assumption, Means, ObligationKind
from pact.trace import Step, failed
from pact.words import DEFAULT_LANGUAGE, Words, phrase, say, term


class _Value(BaseModel):
    # "ignore": a result read back from its own JSON carries the rendered ``because`` lists
    model_config = ConfigDict(frozen=True, extra="ignore")


class Obligation(_Value):
    """A duty one state owes toward the victim of one event, under one clause of one treaty."""

    state: str = Field(description="Who owes the duty (ISO 3166-1 alpha-3).")
    treaty: str = Field(description="The treaty id.")
    clause: str = Field(description="The clause id within the treaty.")
    article: str = Field(description="The article the clause encodes.")
    kind: ObligationKind = Field(description="What kind of duty: defense, consultation, non_aggression, neutrality.")
    means: Means = Field(description="The means the clause names.")
    toward: str = Field(description="To whom the duty is owed (the victim).")
    event: str = Field(description="The id of the scenario event that gives rise to it.")
    qualification: str | None = Field(default=None, description="Wording of the treaty that limits the duty.")
    trace: tuple[Step, ...] = Field(default=(), description="Every test that held, as data (full results only).")

    @computed_field(description="The trace in words: the conditions that held, one sentence each.")  # type: ignore[prop-decorator]
    @property
    def because(self) -> list[str]:
        return self.reasons()

    def reasons(self, language: str = DEFAULT_LANGUAGE) -> list[str]:
        return [phrase(s, language) for s in self.trace]


class NonObligation(_Value):
    """A party of a treaty that owes nothing under it for an event, and why not."""

    state: str = Field(description="The state that owes nothing under this treaty for this event.")
    treaty: str = Field(description="The treaty id.")
    event: str = Field(description="The id of the scenario event.")
    trace: tuple[Step, ...] = Field(default=(), description="Every test made for every clause of the treaty, as data.")
    decisive: Step | None = Field(
        default=None,
        description="The failed test that, alone, would have to change (membership before scope before event type).",
    )

    @computed_field(description="The decisive reason first, then each clause's failed tests, in words.")  # type: ignore[prop-decorator]
    @property
    def because(self) -> list[str]:
        return self.reasons()

    def reasons(self, language: str = DEFAULT_LANGUAGE) -> list[str]:
        clauses: dict[str, list[Step]] = {}
        for step in failed(self.trace):
            clauses.setdefault(step.clause, []).append(step)
        first = [_cited(self.decisive.article, [self.decisive], language)] if self.decisive else []
        rest = [_cited(steps[0].article, steps, language) for steps in clauses.values()]
        return list(dict.fromkeys([*first, *rest]))


def _cited(article: str, steps: list[Step], language: str) -> str:
    """``Article: reason; reason`` in the reader's language (its colon, its separator)."""
    reasons = say(language, "sep").join(phrase(s, language) for s in steps)
    return say(language, "cited", article=article, reason=reasons)


class Undetermined(_Value):
    """A duty that arises or not depending on facts the scenario marks unknown (or conditions it leaves open)."""

    state: str = Field(description="Who would owe the duty.")
    treaty: str
    clause: str
    article: str
    kind: ObligationKind
    means: Means
    toward: str = Field(description="To whom it would be owed.")
    event: str
    deciding: tuple[str, ...] = Field(
        description="The unknown facts it hinges on: scenario fields (by, location, against, requested_from) or "
        "the names of conditions the rules cannot test."
    )
    trace: tuple[Step, ...] = Field(default=(), description="Every test made; the undecided ones have holds: null.")

    @computed_field(description="What is not known, and what was, in words.")  # type: ignore[prop-decorator]
    @property
    def because(self) -> list[str]:
        return self.reasons()

    def reasons(self, language: str = DEFAULT_LANGUAGE) -> list[str]:
        unknown = [s for s in self.trace if s.holds is None]
        return [phrase(s, language) for s in (*unknown, *(s for s in self.trace if s.holds))]


class Commitment(_Value):
    """A clause that binds a state, named for a reader: treaty, clause, article and kind of duty."""

    treaty: str
    clause: str
    article: str
    kind: ObligationKind


class ConflictKind(StrEnum):
    bound_to_attacker = "bound_to_attacker"  # owes defense to the victim, bound by treaty to an attacker
    defense_and_neutrality = "defense_and_neutrality"  # owes defense and neutrality for the same event


class Conflict(_Value):
    """A state bound to both sides of an event."""

    state: str = Field(description="The state bound to both sides.")
    event: str = Field(description="The id of the scenario event.")
    toward: str = Field(description="The victim it owes defense to.")
    against: str = Field(description="The attacker it is bound to (or the state its neutrality is owed to).")
    kind: ConflictKind = Field(default=ConflictKind.bound_to_attacker, description="Which two duties collide.")
    owes: tuple[Commitment, ...] = Field(default=(), description="The defense duties it owes the victim.")
    bound_by: tuple[Commitment, ...] = Field(default=(), description="The clauses that bind it to the attacker.")

    @computed_field(description="The duties toward each side, in words.")  # type: ignore[prop-decorator]
    @property
    def because(self) -> list[str]:
        return self.reasons()

    def reasons(self, language: str = DEFAULT_LANGUAGE) -> list[str]:
        owes = [say(language, "conflict.owes", state=self.state, toward=self.toward, **_named(c)) for c in self.owes]
        key = "conflict.bound" if self.kind is ConflictKind.bound_to_attacker else "conflict.neutral"
        bound = [say(language, key, state=self.state, against=self.against, **_named(c)) for c in self.bound_by]
        return [*owes, *bound]


def _named(commitment: Commitment) -> dict[str, str | Words]:
    return {"treaty": commitment.treaty, "article": commitment.article, "kind": term("kind", commitment.kind.value)}


class Result(_Value):
    """Everything one scenario gives on one rule set (see README, "Result format")."""

    scenario: str = Field(description="The scenario id.")
    date: dt.date = Field(description="The day the rules were applied on.")
    obligations: tuple[Obligation, ...] = Field(description="Every duty that arises, with its trace.")
    conflicts: tuple[Conflict, ...] = Field(
        description="States that owe defense to a victim and are bound to its attacker."
    )
    not_obligated: tuple[NonObligation, ...] = Field(
        default=(), description="Every party of a treaty the events concern that owes nothing under it, and why not."
    )
    undetermined: tuple[Undetermined, ...] = Field(
        default=(), description="Duties that hinge on facts the scenario marks unknown, with the facts named."
    )
    assumptions: tuple[Assumption, ...] = Field(
        default=(), description="The scenario's assume: changes the rules were evaluated with, as written."
    )

    @field_serializer("assumptions")
    def _as_written(self, changes: tuple[Assumption, ...]) -> list[dict[str, Any]]:
        return [c.model_dump(mode="json", by_alias=True, exclude_none=True) for c in changes]

    def to_dict(self, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
        """The public result contract as plain data, ``because`` in the given language."""
        if language == DEFAULT_LANGUAGE:
            return self.model_dump(mode="json")
        worded = ("obligations", "conflicts", "not_obligated", "undetermined")
        data = self.model_dump(mode="json", exclude={key: {"__all__": {"because"}} for key in worded})
        for key in worded:
            for dumped, item in zip(data[key], getattr(self, key), strict=True):
                dumped["because"] = item.reasons(language)
        return data

    def to_json(self, indent: int | None = 2, language: str = DEFAULT_LANGUAGE) -> str:
        return json.dumps(self.to_dict(language), indent=indent, ensure_ascii=False)

    def rows(self) -> list[dict[str, Any]]:
        """One flat row per (state, treaty, event) decision, obligated or not: ready for pandas."""
        base = {"scenario": self.scenario, "date": self.date.isoformat()}
        rows = [
            {
                **base,
                "obligated": True,
                **o.model_dump(mode="json", exclude={"because", "trace"}),
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
                **n.model_dump(mode="json", exclude={"because", "trace", "decisive"}),
                "because": "; ".join(n.because),
            }
            for n in self.not_obligated
        ]
        return rows
