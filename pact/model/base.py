"""The frozen base of every model, ids, days and the helpers validators share."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
)
from pydantic.json_schema import DEFAULT_REF_TEMPLATE, GenerateJsonSchema, JsonSchemaMode
from pydantic.version import VERSION as PYDANTIC_VERSION
from pydantic_core import PydanticCustomError

from pact.core.errors import invalid
from pact.model.schema import Described
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

_PERIOD = re.compile(r"P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)D)?")


def _iso_period(value: Any) -> str:
    """Read a period written in ISO 8601 years, months and days, refusing any other form in words."""
    if not isinstance(value, str) or value == "P" or not _PERIOD.fullmatch(value):
        raise invalid(Words("period.not_a_period", {"value": repr(value)}))
    return value


Period = Annotated[str, BeforeValidator(_iso_period)]
"""A length of time in ISO 8601 years, months and days, e.g. ``P2Y``, ``P6M``, ``P1Y6M``, ``P90D``."""


def after(day: date, period: str) -> date:
    """The day ``period`` after ``day``: the same day of the month, years and months on, then the days
    (a day the month lacks, 29 February in a common year, falls on the month's last day)."""
    found = _PERIOD.fullmatch(_iso_period(period))
    assert found is not None
    years, months, days = (int(part or 0) for part in found.groups())
    month = day.month - 1 + months
    year, month = day.year + years + month // 12, month % 12 + 1
    last = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
    return date(year, month, min(day.day, last)) + timedelta(days=days)


def problem_at(at: tuple[str | int, ...], message: Words) -> PydanticCustomError:
    """A validation error about the item at ``at`` below the value being validated, so the loader can name its line."""
    return invalid(message, at=at)


_DEFERRED = tuple(int(part) for part in PYDANTIC_VERSION.split(".")[:2]) >= (2, 14)
"""Whether pydantic builds a model's validator on first use rather than as its class is made: building
them all took about 0.1 s of every ``pact run``, most for models it never validates (a stored rulebook is
unpickled, not checked; a run validates its scenarios and results only). From 2.14 pydantic builds a
deferred model under a lock; before, threads validating a model for the first time at once (``pact
serve``) could meet a half-built one, so with an older pydantic every model is built at import."""


V = TypeVar("V", bound=BaseModel)


def built(model: type[V], **values: object) -> V:
    """A value of ``model`` from values already typed, as the engine makes them, every field given.

    What ``model_construct`` does, without its per-field bookkeeping (a fifth of a lean evaluation):
    validating them again would only cost time, and a model first validated builds its validator (the
    trace's steps, a readings comparison: about 15 ms of every ``pact run``). tests/test_batch.py
    checks that such values equal validated ones and dump the same.
    """
    value = model.__new__(model)
    object.__setattr__(value, "__dict__", values)
    object.__setattr__(value, "__pydantic_fields_set__", set(values))
    object.__setattr__(value, "__pydantic_extra__", None)
    object.__setattr__(value, "__pydantic_private__", None)
    return value


class Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=_DEFERRED)

    @classmethod
    def model_json_schema(
        cls,
        by_alias: bool = True,
        ref_template: str = DEFAULT_REF_TEMPLATE,
        schema_generator: type[GenerateJsonSchema] = Described,
        mode: JsonSchemaMode = "validation",
        **options: Any,
    ) -> dict[str, Any]:
        """pydantic's JSON Schema, each field described by the docstring under it (``pact.model.schema``)."""
        return super().model_json_schema(by_alias, ref_template, schema_generator, mode, **options)


Translated = Literal["fr"]
"""A language a rule file gives its words in besides English (``translations: {fr: …}``): each of
pact's languages but English (``pact.words.LANGUAGES``)."""
