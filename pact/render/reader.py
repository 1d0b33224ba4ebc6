"""Whom a text is for: a language, and whether it names states, treaties and days or gives their codes.

A step records codes and ISO dates (``NER``, ``ecowas``, ``2023-10-01``); a ``Reader`` words them. The
JSON and CSV contracts keep the codes (``Reader(language)``); the formats people read — tables,
reports, pictures — name them (``Reader(language, words, names=True)``): Niger, CEDEAO, 1er octobre
2023, the article as the rule file words it in that language (``pact.model.lexicon``). Country
names, dates, plurals and lists come from CLDR (``pact.words.locale``), the rules' words from the
rule files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pact.core.codes import code_name, is_alpha3
from pact.model.lexicon import RuleWords
from pact.words import DEFAULT_LANGUAGE, Words, say, state_name

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Place:
    """Where an event took place, as a step records it: a code (or an area's id) and its English name."""

    code: str | None  # None: the event has no place by which the clause can tell (a point at sea outside every area)
    name: str | None
    comma: bool = False  # the contracts' words give it as "NER, Niger" here, "NER (Niger)" elsewhere
    at: str | None = None  # a bare point's coordinates ("lat, lon"), when the event gave them


@dataclass(frozen=True)
class Reader:
    """How to word a text: in ``language``; with names (``names``) or with codes, as the contracts do."""

    language: str = DEFAULT_LANGUAGE
    rules: RuleWords = field(default_factory=RuleWords)
    names: bool = False

    def say(self, key: str, /, **params: Any) -> str:
        """The catalogue's message ``key``, its values worded for this reader."""
        return say(self.language, key, **{name: self.value(value) for name, value in params.items()})

    def value(self, value: Any) -> Any:
        """A value of a step or a message, as this reader reads it (words inside words included)."""
        if isinstance(value, Words):
            return Words(value.key, {k: self.value(v) for k, v in value.params.items()})
        if isinstance(value, list | tuple):
            return [self.value(v) for v in value]
        if isinstance(value, Place):
            return self.place(value)
        if not self.names or not isinstance(value, str | date):
            return value
        return self._named(value)

    def _named(self, value: str | date) -> str:
        if isinstance(value, date) or _ISO_DAY.match(value):
            return self.date(value)
        if self.rules.knows_treaty(value):
            return self.treaty(value)
        if is_alpha3(value):
            return self.state(value)
        return self.rules.phrase(value, self.language)

    def state(self, code: str) -> str:
        return state_name(code, self.language) if self.names else code

    def states(self, codes: Iterable[str]) -> str:
        """States in a row, as the language lists them (Burkina Faso and Mali), or their codes."""
        shown = sorted((self.state(c) for c in codes), key=alphabetical)
        return self.listed(shown) if self.names else ", ".join(shown)

    def listed(self, items: Sequence[str]) -> str:
        from pact.words.locale import listed

        return listed(items, self.language)

    def treaty(self, treaty: str) -> str:
        return self.rules.treaty_name(treaty, self.language) if self.names else treaty

    def treaty_title(self, treaty: str) -> str:
        return self.rules.treaty_title(treaty, self.language)

    def article(self, treaty: str, article: str) -> str:
        return self.rules.article(treaty, article, self.language) if self.names else article

    def clause(self, treaty: str, clause: str) -> str:
        """A clause's title (Collective defence), or its id where the rules give none."""
        return (self.rules.clause_title(treaty, clause, self.language) if self.names else None) or clause

    def reading(self, reading: str, says: str) -> str:
        """What a reading holds (as a result cites it, in English), in the reader's language."""
        return self.rules.reading(reading, says, self.language)

    def date(self, day: date | str) -> str:
        when = day if isinstance(day, date) else date.fromisoformat(day)
        if not self.names:
            return when.isoformat()
        from pact.words.locale import long_date

        return long_date(when, self.language)

    def place(self, place: Place) -> str:
        """A place: its name for a reader (Ceuta, the Mediterranean Sea), ``CODE (name)`` for the contracts."""
        if place.code is None and place.at is not None:  # a point at sea in no named place
            return place.at
        if not self.names:  # as the contract has always worded it
            return f"{place.code}, {place.name}" if place.comma else f"{place.code} ({place.name})"
        if place.code is None:
            return self.say("place.unnamed")
        if is_alpha3(place.code):
            return self.state(place.code)
        named = self.rules.phrase(place.code, self.language)
        return named if named != place.code else _subdivision(place.code, self.language)


def alphabetical(name: str) -> str:
    """A sort key that files a name as a dictionary does: accents and case aside (Bénin before Burkina)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def _subdivision(code: str, language: str) -> str:
    """An ISO 3166-2 subdivision's name in ``language`` (pycountry's translations of ISO's names)."""
    english = code_name(code)
    if language == DEFAULT_LANGUAGE:
        return english
    import gettext

    import pycountry

    try:
        found = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return english
    return found.gettext(english)
