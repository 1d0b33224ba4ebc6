"""Messages in any language pact has a catalogue for: the ground floor of the package.

Catalogues (``en.py``, ``fr.py`` …) map message keys to ``str.format`` templates and are complete:
a test fails when one lacks a key another has. ``Words`` is a message to be worded later, in the
reader's language; what chooses the words for a step of a trace is ``pact.render.phrasing``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from types import ModuleType
from typing import Any

DEFAULT_LANGUAGE = "en"
LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class Words:
    """A message to be worded in the reader's language: a catalogue key and its values."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def said(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The message in ``language``, filled in."""
        return say(language, self.key, **self.params)


def catalogue(language: str) -> Mapping[str, str]:
    """The message templates of ``language`` (``en``, ``fr``)."""
    if language not in LANGUAGES:
        raise ValueError(f"no messages in {language!r}; pact speaks {', '.join(LANGUAGES)}")
    return _module(language).MESSAGES


@cache
def _module(language: str) -> ModuleType:  # the module, not its messages: a test may replace those
    return import_module(f"pact.words.{language}")


def say(language: str, key: str, /, **params: Any) -> str:
    """The message ``key`` of ``language``, filled in; lists are joined with commas. A message with
    plural forms (``KEY#one``, ``KEY#other`` …) takes the form its ``count`` asks for in the language."""
    messages = catalogue(language)
    if key not in messages and f"{key}#other" in messages:
        key = _plural(messages, key, language, params["count"])
    if key not in messages:  # a vocabulary word the catalogue does not know: shown as it is
        return key.split(".", 1)[-1].replace("_", " ")
    return messages[key].format(**{k: _shown(language, v) for k, v in params.items()})


def _plural(messages: Mapping[str, str], key: str, language: str, count: int) -> str:
    from pact.words.locale import plural_form

    form = f"{key}#{plural_form(language, count)}"
    return form if form in messages else f"{key}#other"


def state_name(code: str, language: str) -> str:
    """A state's name for a reader: pact's own where CLDR has none or one a reader does not expect
    (``name.CODE`` in the catalogue), else CLDR's; the code itself when neither knows it."""
    from pact.words.locale import territory_name

    return catalogue(language).get(f"name.{code}") or territory_name(code, language) or code


def term(vocabulary: str, value: str) -> Words:
    """A word of pact's vocabulary (an event type, a target, a status …), to be translated."""
    return Words(f"{vocabulary}.{value}")


def _shown(language: str, value: Any) -> str:
    if isinstance(value, Words):
        return value.said(language)
    if isinstance(value, list | tuple):
        return ", ".join(_shown(language, v) for v in value) if value else say(language, "none")
    return str(value)
