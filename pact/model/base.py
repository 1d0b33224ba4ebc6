"""The frozen base of every model, ids, days and the helpers validators share."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
)
from pydantic_core import PydanticCustomError

from pact.core.errors import invalid
from pact.words import Words

_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=_SLUG, max_length=64)]
"""A lower-case id such as ``aes`` or ``nato-art6``."""


def is_slug(text: str) -> bool:
    return re.match(_SLUG, text) is not None


MAX_ATTACKERS = 16
"""Attacking states one event may name; the durable backend gives each a fixed slot."""

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits: \d also matches "٢٠٢٣"


def _iso_day(value: Any) -> date:
    """Read a day written YYYY-MM-DD; a number is refused rather than read as a Unix timestamp."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DAY.fullmatch(value):
        raise invalid(Words("date.not_a_date", {"value": repr(value)}))
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        reason = _DATE_REASONS.get(str(exc), str(exc))
        raise invalid(Words("date.not_real", {"value": value, "reason": reason})) from None


_DATE_REASONS = {
    "day is out of range for month": Words("date.day_out_of_range"),
    "month must be in 1..12": Words("date.month_out_of_range"),
}
"""Python's reasons for refusing a day, worded by the catalogues (any other stays as Python says it)."""


Day = Annotated[date, BeforeValidator(_iso_day)]
"""A calendar day, written ``2023-09-16`` in YAML."""


def problem_at(at: tuple[str | int, ...], message: Words) -> PydanticCustomError:
    """A validation error about the item at ``at`` below the value being validated, so the loader can name its line."""
    return invalid(message, at=at)


class Value(BaseModel):
    # Attribute docstrings become field descriptions in the JSON Schemas (``pact schema …``), so
    # that editors show them on hover.
    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


Translated = Literal["fr"]
"""A language a rule file gives its words in besides English (``translations: {fr: …}``): each of
pact's languages but English (``pact.words.LANGUAGES``)."""
