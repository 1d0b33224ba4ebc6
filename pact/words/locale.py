"""What the Unicode CLDR knows of a language, through Babel: names of countries, dates written out,
plural forms and lists; pact's catalogues add only what CLDR lacks (docs/words.md says which is which).

Babel is imported here only, when words for people are made (its import and its locale data cost
about a tenth of a second): ``pact run --format json`` and every error line never load it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from babel import Locale

PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")
"""CLDR's plural categories: a catalogue key ``KEY#one``, ``KEY#other`` … holds a message's forms."""

_DATE_LOCALE = {"en": "en_GB"}
"""Dates in English as in the rules and the scenarios' titles: 1 October 2023 (CLDR's en: October 1, 2023)."""

_ALPHA2 = {"XKX": "XK"}
"""Codes of the registry with no ISO 3166-1 alpha-2 code that CLDR names nonetheless (XK: Kosovo,
user-assigned, as the European Commission and the IMF use it)."""


@cache
def _locale(language: str) -> Locale:
    from babel import Locale

    return Locale.parse(language)


def plural_form(language: str, count: int) -> str:
    """The CLDR plural category of ``count`` in ``language`` (``one``, ``other`` …)."""
    return _locale(language).plural_form(count)


def territory_name(code: str, language: str) -> str | None:
    """CLDR's name of the country with ISO 3166-1 alpha-3 ``code`` (or XKX), None when it has none (former states)."""
    alpha2 = _ALPHA2.get(code) or _alpha2().get(code)
    return _locale(language).territories.get(alpha2) if alpha2 else None


@cache
def _alpha2() -> dict[str, str]:
    import pycountry

    return {c.alpha_3: c.alpha_2 for c in pycountry.countries}


def long_date(day: date, language: str) -> str:
    """``day`` written out as the language writes dates in prose: 1 October 2023, 1er octobre 2023.

    CLDR has no ordinal for the first of the month in French (« 1er octobre »): the day is written
    with the ordinal suffix there, as French typography requires.
    """
    locale = _locale(_DATE_LOCALE.get(language, language))
    pattern = locale.date_formats["long"].pattern
    if locale.language == "fr" and day.day == 1:
        pattern = pattern.replace("d ", "d'er' ", 1)
    from babel.dates import format_date

    return format_date(day, pattern, locale=locale)


def listed(items: Sequence[str], language: str, style: Literal["standard", "or"] = "standard") -> str:
    """Items as the language lists them in prose: Mali and Burkina Faso; Mali et Burkina Faso."""
    if len(items) < 2:
        return "".join(items)
    from babel.lists import format_list

    return format_list(list(items), style=style, locale=_locale(language))
