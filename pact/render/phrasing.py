"""Steps and results into words, in any language pact has a catalogue for.

A step (``pact.model.trace.Step``) is data; ``message`` picks which sentence of a catalogue
describes it and with which values, ``phrase`` fills it in. The ``because`` lists of the result
contract are made here too (``reasons``), at the edge: results hold steps, never sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import singledispatch
from typing import Any

from pact.evaluation.expectations import (
    ConflictsDiffer,
    Expected,
    Mismatch,
    MissingDuty,
    MissingUndetermined,
    UnwantedDuty,
)
from pact.model.result import Commitment, Conflict, ConflictKind, NonObligation, Obligation, Undetermined
from pact.model.trace import Step, Test, failed
from pact.render.reader import Place, Reader
from pact.words import DEFAULT_LANGUAGE, Words, term

Values = Mapping[str, Any]
Chooser = Callable[[Values, bool | None], tuple[str, dict[str, Any]]]
"""Which variant of a test's message describes a step, and the values it adds or rewords."""

Audience = Reader | str
"""Whom words are for: a ``Reader``, or a language (codes and ISO dates, as in the JSON contract)."""


def reader_of(audience: Audience) -> Reader:
    return audience if isinstance(audience, Reader) else Reader(audience)


def phrase(step: Step, audience: Audience = DEFAULT_LANGUAGE, **instead: Any) -> str:
    """The step in words: what was tested, and what the scenario and the rule said (``instead``
    replaces values, e.g. ``state=Words("each")`` for a reason shared by several states)."""
    words = message(step)
    return reader_of(audience).say(words.key, **(words.params | instead))


def brief(step: Step, audience: Audience = DEFAULT_LANGUAGE) -> str:
    """A held step in a few words, for a table cell (``short.TEST`` in the catalogue)."""
    reader, words = reader_of(audience), message(step)
    if words.key == "settled":  # the test in a few words, then the determination that settled it
        short = reader.say(f"short.{step.test.value}", **words.params["test"].params)
        return reader.say("settled", **(words.params | {"test": short}))
    return reader.say(f"short.{step.test.value}", **words.params)


def message(step: Step) -> Words:
    """The catalogue message that describes ``step``, with the values to fill it in."""
    choose = _VARIANTS.get(step.test, _held_or_failed)
    variant, added = choose(step.values, step.holds)
    if step.holds is None:
        variant = "unknown"
    values = {name: _worded(name, value) for name, value in (step.values | added).items()}
    if "place" in values:  # a code, or an area's id, and its name: worded as one, for each reader
        comma = step.test is Test.on_victim_territory and variant == "held"
        at = values.pop("at", None)
        values["place"] = Place(values["place"], values.pop("place_name", None), comma=comma, at=at)
    words = Words(f"{step.test.value}.{variant}", values)
    if "settled_by" in values:  # the facts alone failed the test; a treaty body's determination settled it
        words = Words("settled", {"treaty": values["settled_treaty"], "findings": values["settled_by"], "test": words})
    return words


_VOCABULARY = {
    "type": "type",
    "covers": "attackers",
    "against": "target",
    "kind": "kind",
    "status": "status",
    "findings": "finding",
    "made": "finding",
    "settled_by": "finding",
}
"""Values that are words of pact's vocabulary, by the name they have in a step."""


def _worded(name: str, value: Any) -> Any:
    vocabulary = _VOCABULARY.get(name)
    if vocabulary is None:
        return value
    if isinstance(value, str):
        return term(vocabulary, value)
    if isinstance(value, list):
        return [term(vocabulary, v) for v in value]
    return value


# --- which variant of a test's message describes a step ------------------------------------------


def _held_or_failed(values: Values, holds: bool | None) -> tuple[str, dict[str, Any]]:
    return ("held" if holds else "failed"), {}


def _in_force(values: Values, holds: bool | None) -> tuple[str, dict[str, Any]]:
    if holds or "settled_by" in values:
        return "held", {}
    return ("not_yet" if values["date"] < values["from"] else "ended"), {}


def _settled_or(choose: Chooser) -> Chooser:
    """A test a determination settled is worded as the facts found it: failed."""
    return lambda values, holds: choose(values, False if "settled_by" in values else holds)


def _membership(values: Values, holds: bool | None) -> tuple[str, dict[str, Any]]:
    """Membership of a victim or a bearer: in good standing, suspended yet bound (or protected), or why not."""
    if holds:
        return ("held" if values.get("status") in (None, "member") else "held_status"), {}
    if values.get("membership") == "party":
        return ("status" if values.get("until") else "status_open"), {}
    return values.get("membership", "never"), {}


def _event_type(values: Values, holds: bool | None) -> tuple[str, dict[str, Any]]:
    return _held_or_failed(values, holds)[0], {"covered": [term("types", t) for t in values.get("covered", [])]}


def _against(values: Values, holds: bool | None) -> tuple[str, dict[str, Any]]:
    return _held_or_failed(values, holds)[0], {"covered": [term("target", t) for t in values.get("covered", [])]}


def _attacker(values: Values, holds: bool | None) -> tuple[str, dict[str, Any]]:
    named = {"attackers": _attacker_names(values)}
    if values.get("covers") == "party":
        return ("held_party" if holds else "no_party"), named
    if holds:
        return "held", named
    return ("party" if values.get("parties") else "not_state"), named


def _attacker_member(values: Values, holds: bool | None) -> tuple[str, dict[str, Any]]:
    inside = values.get("covers") == "member"
    added = {
        "attackers": _attacker_names(values),
        "side": Words(f"attacker_member.{'inside' if inside else 'outside'}"),
    }
    if inside:
        return ("held_member" if holds else "no_member"), added
    if holds:
        return "held_outside", added
    return ("member" if values.get("members") else "not_state"), added


def _decided_by(values: Values, holds: bool | None) -> tuple[str, dict[str, Any]]:
    if not values.get("suspended"):
        return ("held" if values.get("member") else "decides"), {}
    return ("waits" if values.get("until") else "waits_open"), {}


def _among(values: Values, holds: bool | None) -> tuple[str, dict[str, Any]]:
    return _held_or_failed(values, holds)[0], {"attackers": _attacker_names(values)}


def _attacker_names(values: Values) -> list[Any]:
    named = [*values.get("attackers", []), *([values["non_state"]] if values.get("non_state") else [])]
    return named or [Words("unnamed_attacker")]


def _location(values: Values, holds: bool | None) -> tuple[str, dict[str, Any]]:
    areas: list[Any] = list(values.get("region_titles", []))
    if values.get("victim_territory"):
        areas.append(Words("own_territory", {"state": values["victim"]}))
    if not holds:
        return "failed", {"areas": areas}
    return ("inside" if values.get("inside") else "own_territory"), {"areas": areas}


def _requested(values: Values, holds: bool | None) -> tuple[str, dict[str, Any]]:
    by_party = values.get("by") == "party"
    return ("held" if holds else "failed") + ("_by_party" if by_party else ""), {}


def _on_territory(values: Values, holds: bool | None) -> tuple[str, dict[str, Any]]:
    if values.get("against") not in (None, "territory"):
        return "not_territory", {}
    return _held_or_failed(values, holds)


def _requested_bearer(values: Values, holds: bool | None) -> tuple[str, dict[str, Any]]:
    if holds:
        whom = values["state"] if values["state"] in values.get("asked", []) else values["treaty"]
        return "held", {"whom": whom}
    return ("failed_or_treaty" if values.get("treaty_suffices") else "failed"), {}


_VARIANTS: dict[Test, Chooser] = {
    Test.in_force: _in_force,
    Test.version: _in_force,
    Test.event_type: _settled_or(_event_type),
    Test.against: _settled_or(_against),
    Test.victim_party: _membership,
    Test.victim_member: _membership,
    Test.party_on_day: _membership,
    Test.attacker: _settled_or(_attacker),
    Test.attacker_among: _settled_or(_among),
    Test.attacker_member: _settled_or(_attacker_member),
    Test.decided_by: _decided_by,
    Test.location: _settled_or(_location),
    Test.on_victim_territory: _settled_or(_on_territory),
    Test.requested: _settled_or(_requested),
    Test.requested_bearer: _requested_bearer,
}
"""Tests whose message has variants other than ``held``/``failed``, or values reworded for a reader."""


# --- the because lists of the result contract ----------------------------------------------------


@singledispatch
def reasons(item: Any, audience: Audience = DEFAULT_LANGUAGE) -> list[str]:
    """An item of a result in words, one sentence each: its ``because`` in the JSON contract."""
    raise TypeError(f"no words for {type(item).__name__}")


@reasons.register
def _obligation(item: Obligation, audience: Audience = DEFAULT_LANGUAGE) -> list[str]:
    """The conditions that held, one sentence each."""
    return [phrase(s, audience) for s in item.trace]


@reasons.register
def _non_obligation(item: NonObligation, audience: Audience = DEFAULT_LANGUAGE) -> list[str]:
    """The decisive reason first, then each clause's failed tests."""
    clauses: dict[str, list[Step]] = {}
    for step in failed(item.trace):
        clauses.setdefault(step.clause, []).append(step)
    first = [cited([item.decisive], audience)] if item.decisive else []
    rest = [cited(steps, audience) for steps in clauses.values()]
    return list(dict.fromkeys([*first, *rest]))


@reasons.register
def _undetermined(item: Undetermined, audience: Audience = DEFAULT_LANGUAGE) -> list[str]:
    """What is not known, then what was."""
    unknown = [s for s in item.trace if s.holds is None]
    return [phrase(s, audience) for s in (*unknown, *(s for s in item.trace if s.holds))]


@reasons.register
def _conflict(item: Conflict, audience: Audience = DEFAULT_LANGUAGE) -> list[str]:
    """The duties toward each side."""
    reader = reader_of(audience)
    owes = [reader.say("conflict.owes", state=item.state, toward=item.toward, **_named(c, reader)) for c in item.owes]
    key = "conflict.bound" if item.kind is ConflictKind.bound_to_attacker else "conflict.neutral"
    bound = [reader.say(key, state=item.state, against=item.against, **_named(c, reader)) for c in item.bound_by]
    return [*owes, *bound]


def cited(steps: Sequence[Step], audience: Audience, **instead: Any) -> str:
    """Steps of one clause in words after the article that requires them: ``Article: reason; reason``
    in the reader's language (its colon, its separator)."""
    reader = reader_of(audience)
    reason = reader.say("sep").join(phrase(s, reader, **instead) for s in steps)
    return reader.say("cited", article=reader.article(steps[0].treaty, steps[0].article), reason=reason)


def _named(commitment: Commitment, reader: Reader) -> dict[str, str | Words]:
    article = reader.article(commitment.treaty, commitment.article)
    return {"treaty": commitment.treaty, "article": article, "kind": term("kind", commitment.kind.value)}


# --- how a result differs from a scenario's expect: block ----------------------------------------


def mismatch_line(mismatch: Mismatch) -> str:
    """One line of ``pact test``'s report (in English: scenario authors write expectations in it)."""
    match mismatch:
        case MissingDuty(expected, why_not):
            reason = f"; why not: {' | '.join(reasons(why_not))}" if why_not else ""
            return f"expected obligated: {_expectation(expected)}; got no such obligation{reason}"
        case UnwantedDuty(expected, got):
            return (
                f"expected not obligated: {_expectation(expected)}; got {got.kind.value} toward {got.toward} "
                f"under {got.article} ({got.clause}) for event {got.event}"
            )
        case MissingUndetermined(expected):
            return f"expected undetermined: {_expectation(expected)}; got no such undetermined duty"
        case ConflictsDiffer(wanted, got_states):
            return f"expected conflicts for {sorted(wanted) or 'no state'}; got {sorted(got_states) or 'none'}"
    raise TypeError(f"not a mismatch: {mismatch!r}")


def _expectation(expected: Expected) -> str:
    parts = [f"{expected.state} under {expected.treaty}"]
    parts += [
        f"{key} {value}"
        for key, value in expected.model_dump(exclude_none=True).items()
        if key not in ("state", "treaty")
    ]
    return ", ".join(parts)
