"""ISO 3166 codes, checked against pycountry rather than a hand-written list."""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated

import pycountry
from pydantic import AfterValidator

from pact.errors import did_you_mean


@cache
def _alpha3() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries)


@cache
def _alpha2_to_alpha3() -> dict[str, str]:
    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


@cache
def _names_to_alpha3() -> dict[str, str]:
    return {c.name.casefold(): c.alpha_3 for c in pycountry.countries}


def is_alpha3(code: str) -> bool:
    return code in _alpha3()


def is_subdivision(code: str) -> bool:
    return "-" in code and pycountry.subdivisions.get(code=code) is not None


def alpha3_hint(code: str) -> str | None:
    """What the writer of an unknown country code most likely meant."""
    text = code.strip()
    if text.upper() in _alpha2_to_alpha3():
        return _alpha2_to_alpha3()[text.upper()]
    if text.upper() in _alpha3():
        return text.upper()
    if text.casefold() in _names_to_alpha3():
        return _names_to_alpha3()[text.casefold()]
    return did_you_mean(text.upper(), _alpha3())


def _check_alpha3(code: str) -> str:
    if not is_alpha3(code):
        hint = alpha3_hint(code)
        suffix = f" (did you mean {hint!r}?)" if hint else ""
        raise ValueError(f"unknown ISO 3166-1 alpha-3 code {code!r}{suffix}")
    return code


def _check_location(code: str) -> str:
    if is_alpha3(code) or is_subdivision(code):
        return code
    if "-" in code:
        country = code.split("-", 1)[0]
        known = [s.code for s in pycountry.subdivisions.get(country_code=country) or []]
        hint = did_you_mean(code.upper(), known)
        suffix = f" (did you mean {hint!r}?)" if hint else ""
        raise ValueError(f"unknown ISO 3166-2 subdivision code {code!r}{suffix}")
    return _check_alpha3(code)


_AREA = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def is_area(code: str) -> bool:
    """A named area that is no ISO code (a sea, say): lower-case, defined in a geography file."""
    return bool(_AREA.match(code))


def _check_place(code: str) -> str:
    return code if is_area(code) else _check_location(code)


Alpha3 = Annotated[str, AfterValidator(_check_alpha3)]
"""A state or territory as an ISO 3166-1 alpha-3 code, e.g. ``NER``."""

LocationCode = Annotated[str, AfterValidator(_check_location)]
"""An ISO 3166-1 alpha-3 code or an ISO 3166-2 subdivision code, e.g. ``US-HI``."""

PlaceCode = Annotated[str, AfterValidator(_check_place)]
"""A location code, or the id of a named area such as ``mediterranean-sea`` (checked by the loader)."""


def country_of(code: str) -> str:
    """The alpha-3 code of the country an ISO code lies in (itself for an alpha-3 code)."""
    if is_alpha3(code):
        return code
    return _alpha2_to_alpha3()[code.split("-", 1)[0]]


def ancestry(code: str) -> tuple[str, ...]:
    """The code, its parent subdivisions, then its country: most specific first."""
    chain = [code]
    while not is_alpha3(chain[-1]):
        sub = pycountry.subdivisions.get(code=chain[-1])
        parent = getattr(sub, "parent_code", None)
        chain.append(parent if parent else country_of(chain[-1]))
    return tuple(chain)
