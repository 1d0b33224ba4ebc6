"""Steps into words, in any language pact has a catalogue for.

A step (``pact.trace.Step``) is data; this module picks which sentence of a catalogue describes
it (``message``) and fills it in. Catalogues (``en.py``, ``fr.py`` …) map message keys to
``str.format`` templates and are complete: a test fails when one lacks a key another has.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from types import ModuleType
from typing import Any

from pact.trace import Step, Test

DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class Words:
    """A message to be worded in the reader's language: a catalogue key and its values."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)


def catalogue(language: str) -> Mapping[str, str]:
    """The message templates of ``language`` (``en``, ``fr``)."""
    if language not in LANGUAGES:
        raise ValueError(f"no messages in {language!r}; pact speaks {', '.join(LANGUAGES)}")
    return _module(language).MESSAGES


@cache
def _module(language: str) -> ModuleType:  # the module, not its messages: a test may replace those
    return import_module(f"pact.words.{language}")


def say(language: str, key: str, **params: Any) -> str:
    """The message ``key`` of ``language``, filled in; lists are joined with commas."""
    messages = catalogue(language)
    if key not in messages:  # a vocabulary word the catalogue does not know: shown as it is
        return key.split(".", 1)[-1].replace("_", " ")
    return messages[key].format(**{k: _shown(language, v) for k, v in params.items()})


def phrase(step: Step, language: str = DEFAULT_LANGUAGE, **instead: Any) -> str:
    """The step in words: what was tested, and what the scenario and the rule said (``instead``
    replaces values, e.g. ``state=Words("each")`` for a reason shared by several states)."""
    words = message(step)
    return say(language, words.key, **(words.params | instead))


def brief(step: Step, language: str = DEFAULT_LANGUAGE) -> str:
    """A held step in a few words, for a table cell (``short.TEST`` in the catalogue)."""
    words = message(step)
    if words.key == "settled":  # the test in a few words, then the determination that settled it
        short = say(language, f"short.{step.test.value}", **words.params["test"].params)
        return say(language, "settled", **(words.params | {"test": short}))
    return say(language, f"short.{step.test.value}", **words.params)


def term(vocabulary: str, value: str) -> Words:
    """A word of pact's vocabulary (an event type, a target, a status …), to be translated."""
    return Words(f"{vocabulary}.{value}")


def _shown(language: str, value: Any) -> str:
    if isinstance(value, Words):
        return say(language, value.key, **value.params)
    if isinstance(value, list | tuple):
        return ", ".join(_shown(language, v) for v in value) if value else say(language, "none")
    return str(value)


# --- which message describes a step ------------------------------------------------------------


def message(step: Step) -> Words:
    """The catalogue message that describes ``step``, with the values to fill it in."""
    values = dict(step.values)
    choose = _VARIANTS.get(step.test)
    variant = choose(values, step.holds) if choose else ("held" if step.holds else "failed")  # also fills values
    if step.holds is None:
        variant = "unknown"
    for name, vocabulary in _VOCABULARY.items():
        if isinstance(values.get(name), str):
            values[name] = term(vocabulary, values[name])
        elif isinstance(values.get(name), list):
            values[name] = [term(vocabulary, v) for v in values[name]]
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


def _in_force(values: dict[str, Any], holds: bool | None) -> str:
    if holds or "settled_by" in values:
        return "held"
    return "not_yet" if values["date"] < values["from"] else "ended"


def _settled_or(choose: Callable[[dict[str, Any], bool | None], str]) -> Callable[[dict[str, Any], bool | None], str]:
    """A test a determination settled is worded as the facts found it: failed."""
    return lambda values, holds: choose(values, False if "settled_by" in values else holds)


def _membership(values: dict[str, Any], holds: bool | None) -> str:
    """Membership of a victim or a bearer: in good standing, or why not."""
    if holds:
        return "held"
    if values.get("membership") == "party":
        return "status" if values.get("until") else "status_open"
    return values.get("membership", "never")


def _event_type(values: dict[str, Any], holds: bool | None) -> str:
    values["covered"] = [term("types", t) for t in values.get("covered", [])]
    return "held" if holds else "failed"


def _against(values: dict[str, Any], holds: bool | None) -> str:
    values["covered"] = [term("target", t) for t in values.get("covered", [])]
    return "held" if holds else "failed"


def _attacker(values: dict[str, Any], holds: bool | None) -> str:
    values["attackers"] = _attacker_names(values)
    if values.get("covers") == "party":
        return "held_party" if holds else "no_party"
    if holds:
        return "held"
    return "party" if values.get("parties") else "not_state"


def _among(values: dict[str, Any], holds: bool | None) -> str:
    values["attackers"] = _attacker_names(values)
    return "held" if holds else "failed"


def _attacker_names(values: dict[str, Any]) -> list[Any]:
    named = [*values.get("attackers", []), *([values["non_state"]] if values.get("non_state") else [])]
    return named or [Words("unnamed_attacker")]


def _location(values: dict[str, Any], holds: bool | None) -> str:
    areas: list[Any] = list(values.get("region_titles", []))
    if values.get("victim_territory"):
        areas.append(Words("own_territory", {"state": values["victim"]}))
    values["areas"] = areas
    if not holds:
        return "failed"
    return "inside" if values.get("inside") else "own_territory"


def _requested(values: dict[str, Any], holds: bool | None) -> str:
    by_party = values.get("by") == "party"
    return ("held" if holds else "failed") + ("_by_party" if by_party else "")


def _on_territory(values: dict[str, Any], holds: bool | None) -> str:
    if values.get("against") not in (None, "territory"):
        return "not_territory"
    return "held" if holds else "failed"


def _condition(values: dict[str, Any], holds: bool | None) -> str:
    return "held" if holds else "failed"


def _requested_bearer(values: dict[str, Any], holds: bool | None) -> str:
    if holds:
        values["whom"] = values["state"] if values["state"] in values.get("asked", []) else values["treaty"]
        return "held"
    return "failed_or_treaty" if values.get("treaty_suffices") else "failed"


_VARIANTS: dict[Test, Callable[[dict[str, Any], bool | None], str]] = {
    Test.in_force: _in_force,
    Test.version: _in_force,
    Test.event_type: _settled_or(_event_type),
    Test.against: _settled_or(_against),
    Test.victim_party: _membership,
    Test.party_on_day: _membership,
    Test.attacker: _settled_or(_attacker),
    Test.attacker_among: _settled_or(_among),
    Test.location: _settled_or(_location),
    Test.on_victim_territory: _settled_or(_on_territory),
    Test.requested: _settled_or(_requested),
    Test.requested_bearer: _requested_bearer,
    Test.condition: _condition,
}
