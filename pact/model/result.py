"""What an evaluation returns: typed values, reasons as data.

Each obligation and non-obligation carries its ``trace`` of steps (``pact.model.trace.Step``). The words
of the public JSON contract — each item's ``because``, a list of sentences — are made from them at
the edge, by ``pact.render.data`` (``pact.to_json``, ``pact.to_dict``, ``pact.rows``).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import ConfigDict, Field, field_serializer

from pact.model import Assumption, Means, ObligationKind, Source, TextCertainty, Value
from pact.model.trace import Step, Steps


class _Value(Value):
    # a result read back from its own JSON carries the words of ``because``, made at the edge: ignored
    model_config = ConfigDict(extra="ignore")


def _certainty() -> Any:
    # absent rather than null when the text is published, so that results under published treaties
    # read exactly as they did before the field existed
    return Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="How the treaty's text is known when it is not published: official_summary (an official "
        "summary; the text was not read) or press_report (unpublished; statements as the press reports them).",
    )


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
    certainty: TextCertainty | None = _certainty()
    trace: Steps = Field(default=(), description="Every test that held, as data (full results only).")


class NonObligation(_Value):
    """A party of a treaty that owes nothing under it for an event, and why not."""

    state: str = Field(description="The state that owes nothing under this treaty for this event.")
    treaty: str = Field(description="The treaty id.")
    event: str = Field(description="The id of the scenario event.")
    trace: Steps = Field(default=(), description="Every test made for every clause of the treaty, as data.")
    decisive: Step | None = Field(
        default=None,
        description="The failed test that, alone, would have to change (membership before scope before event type).",
    )


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
        description="The unknown facts it hinges on: scenario fields (by, location, against, requested_from), "
        "notice (a membership that a notice of withdrawal received on an unknown day leaves open) or "
        "the names of conditions the rules cannot test."
    )
    certainty: TextCertainty | None = _certainty()
    trace: tuple[Step, ...] = Field(default=(), description="Every test made; the undecided ones have holds: null.")


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


class ReadingCited(_Value):
    """A reading of a contested point, as an answer cites it."""

    id: str = Field(description="The reading's name (what --reading takes).")
    says: str = Field(description="What the reading holds.")
    source: Source = Field(description="Who reads it so.")


class ReasonChange(_Value):
    """A state that owes nothing under either reading of a point, for a different decisive reason."""

    state: str
    treaty: str
    event: str
    followed: Step | None = Field(description="The decisive failed step under the reading followed.")
    other: Step | None = Field(description="The decisive failed step under the other reading.")


class ReadingDifference(_Value):
    """A contested point whose readings give this scenario different duties."""

    point: str = Field(description="The contested point's name.")
    treaty: str = Field(description="The treaty whose file records it.")
    question: str = Field(description="The question its readings answer.")
    followed: ReadingCited = Field(description="The reading this result follows (the default, or the one chosen).")
    other: ReadingCited = Field(description="Another reading of the point.")
    only_followed: tuple[Obligation, ...] = Field(
        description="Duties of this result that do not arise under the other reading (without traces)."
    )
    only_other: tuple[Obligation, ...] = Field(
        description="Duties that arise only under the other reading (without traces)."
    )
    reasons: tuple[ReasonChange, ...] = Field(
        default=(),
        description="States not obligated under either reading whose decisive reason differs (treaties the events "
        "concern, full results only).",
    )


def _unless_empty(description: str) -> Any:
    # absent rather than empty, so that results under rules without contested points read as before
    return Field(default=(), exclude_if=lambda v: not v, description=description)


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
    read_as: tuple[str, ...] = _unless_empty("The readings of contested points followed instead of the defaults.")
    readings: tuple[ReadingDifference, ...] = _unless_empty(
        "Each contested point whose other readings change the duties, with what changes (full results only)."
    )

    @field_serializer("assumptions")
    def _as_written(self, changes: tuple[Assumption, ...]) -> list[dict[str, Any]]:
        return [c.model_dump(mode="json", by_alias=True, exclude_none=True) for c in changes]
