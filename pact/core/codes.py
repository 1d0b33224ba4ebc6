"""Country codes: ISO 3166 codes checked against pycountry, and the former states of pact's registry."""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources
from typing import Annotated

import pycountry
from pydantic import AfterValidator, ValidationInfo

from pact.core import states
from pact.core.errors import did_you_mean, invalid
from pact.words import Words


@cache
def alpha3_codes() -> frozenset[str]:
    """Current ISO 3166-1 codes (states and territories) and every state of pact's registry (SUN, XKX, ...):
    every code a party, a victim or an attacker may have."""
    return frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(states.registry())


@cache
def _iso_alpha3() -> frozenset[str]:
    """The codes ISO itself assigns (ISO 3166-1, and ISO 3166-3 for former countries): what a guess
    at a mistyped code may offer. pact's own codes (``XZZ``, Zanzibar in 1964) are read when written
    but never suggested: a reader cannot tell them from a typo's echo."""
    own = {code for code, state in states.registry().items() if state.kind is states.Kind.pact}
    return alpha3_codes() - own


@cache
def _alpha2_to_alpha3() -> dict[str, str]:
    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


@cache
def _names_to_alpha3() -> dict[str, str]:
    """Every name pycountry gives a country (``Niger``, ``Russian Federation``, ``Iran``), and the
    names of the former states of pact's registry (``Soviet Union``)."""
    names = {s.name.casefold(): s.code for s in states.registry().values()}
    return names | {
        name.casefold(): c.alpha_3
        for c in pycountry.countries
        for name in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None))
        if name
    }


@cache
def _names_to_subdivision() -> dict[str, str]:
    """Subdivision names to codes (``Hawaii`` → ``US-HI``), for names that are not ambiguous."""
    codes: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        codes.setdefault(sub.name.casefold(), set()).add(sub.code)
    return {name: next(iter(found)) for name, found in codes.items() if len(found) == 1}


_NOT_ISO = {"UK": "GBR", "EL": "GRC"}
"""Two-letter codes in common use that are not ISO 3166-1 codes of the country they name.

The European Commission writes UK for the United Kingdom (ISO: GB) and EL for Greece (ISO: GR);
ISO 3166-1 reserves UK exceptionally, at the United Kingdom's request, and does not assign it.
A close-spelling search would offer UKR (Ukraine) for UK.
"""


@cache
def _alternative_codes() -> dict[str, str]:
    """Codes people write for a state that are not its ISO code: its IOC and FIFA codes (NIG: Niger,
    GER: Germany, ENG: England, part of GBR) and ISO codes since replaced (ROM), from
    ``pact/data/alternative-codes.csv`` (docs/states.md). A spelling-only search would offer Niue for NIG."""
    text = resources.files("pact").joinpath("data", "alternative-codes.csv").read_text(encoding="utf-8")
    return {row["code"]: row["state"] for row in csv.DictReader(text.splitlines())}


def is_alpha3(code: str) -> bool:
    return code in alpha3_codes()


def is_subdivision(code: str) -> bool:
    return "-" in code and pycountry.subdivisions.get(code=code) is not None


# Cyrillic and Greek capitals that look like Latin ones, so that a pasted 'NЕR' reads as 'NER'.
_LOOKALIKES = str.maketrans("АВЕЅІЈКМНОРСТХУΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABESIJKMHOPCTXYABEZHIKMNOPTYX")


def plain_text(code: str) -> str:
    """``code`` with full-width forms, look-alike letters and invisible characters made plain."""
    text = unicodedata.normalize("NFKC", code).upper().translate(_LOOKALIKES)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()


def alpha3_hint(code: str) -> str | None:
    """What the writer of an unknown country code most likely meant."""
    text = plain_text(code)
    if text in _NOT_ISO:
        return _NOT_ISO[text]
    if text in _alpha2_to_alpha3():
        return _alpha2_to_alpha3()[text]
    if text in alpha3_codes():
        return text
    if text in states.withdrawn():
        return states.withdrawn()[text]
    if text in _alternative_codes():
        return _alternative_codes()[text]
    if code.strip().casefold() in _names_to_alpha3():
        return _names_to_alpha3()[code.strip().casefold()]
    if not _code_shaped(text):
        return None  # a name (Hamas, Mali-Niger) is no mistyped code
    close = difflib.get_close_matches(text, _iso_alpha3(), n=20, cutoff=0.6)
    return max(close, key=lambda candidate: _typo_rank(candidate, text), default=None)


_CODE_SHAPE = re.compile(r"^[A-Z]{2,4}$")


def _code_shaped(text: str) -> bool:
    """Two to four capital letters: what a mistyped alpha-2 or alpha-3 code looks like."""
    return bool(_CODE_SHAPE.match(text))


def _typo_rank(candidate: str, text: str) -> tuple[bool, int, int]:
    """How likely a typist meant ``candidate``: swapped letters, then letters in place, then a shared start."""
    in_place = [a == b for a, b in zip(candidate, text, strict=False)]
    shared_start = next((i for i, same in enumerate(in_place) if not same), len(in_place))
    return sorted(candidate) == sorted(text), sum(in_place), shared_start


def _check_alpha3(code: str) -> str:
    if not is_alpha3(code):
        odd = next((ch for ch in code if not ch.isascii()), None)
        if odd:  # a look-alike letter: named, since it cannot be seen
            raise invalid(
                Words("iso.unknown_alpha3_odd", {"code": code, "odd": unicodedata.name(odd, repr(odd))}),
                alpha3_hint(code),
            )
        raise invalid(Words("iso.unknown_alpha3", {"code": code}), alpha3_hint(code))
    return code


def location_hint(code: str) -> str | None:
    """The ISO code that a lower-case or look-alike spelling of a location stands for, if any."""
    text = plain_text(code)
    return text if is_alpha3(text) or is_subdivision(text) else None


def _check_location(code: str) -> str:
    if is_alpha3(code) or is_subdivision(code):
        return code
    if "-" in code:
        country = code.split("-", 1)[0]
        known = [s.code for s in pycountry.subdivisions.get(country_code=country) or []]
        raise invalid(Words("iso.unknown_subdivision", {"code": code}), did_you_mean(code.upper(), known))
    return _check_alpha3(code)


_AREA = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def is_area(code: str) -> bool:
    """A named area that is no ISO code (a sea, say): lower-case, defined in a geography file."""
    return bool(_AREA.match(code))


_SUBDIVISION_SHAPE = re.compile(r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$")


def _check_place(code: str, info: ValidationInfo) -> str:
    """A location; the areas the rules define, when the loader passes them, improve the suggestion."""
    if is_area(code):
        return code
    if _SUBDIVISION_SHAPE.match(code) or _code_shaped(plain_text(code)):
        return _check_location(code)
    if is_alpha3(code) or is_subdivision(code):
        return code
    areas = (info.context or {}).get("areas", ())
    raise invalid(Words("iso.not_a_place", {"code": code}), place_hint(code, areas))


def place_hint(text: str, areas: Iterable[str] = ()) -> str | None:
    """The area, subdivision or country a place written out in words most likely names."""
    words = text.strip().casefold()
    slug = "-".join(re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode()))
    known = list(areas)
    return (
        (slug if slug in known else did_you_mean(slug, known) if slug else None)
        or _names_to_alpha3().get(words)
        or _names_to_subdivision().get(words)
        or location_hint(text)
    )


Alpha3 = Annotated[str, AfterValidator(_check_alpha3)]
"""A state or territory as an ISO 3166-1 alpha-3 code (``NER``), or a former state of pact's registry (``SUN``)."""

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


@lru_cache(maxsize=8192)  # every step that names a place asks; ISO has about 5,300 codes
def code_name(code: str) -> str:
    """The ISO name of a country or subdivision code (the code itself if ISO has none)."""
    found = pycountry.subdivisions.get(code=code) if "-" in code else pycountry.countries.get(alpha_3=code)
    return getattr(found, "name", code)
