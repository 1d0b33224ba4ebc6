"""Days as integers (proleptic Gregorian ordinals), which compare and hash fast and exactly."""

from __future__ import annotations

from datetime import date

from pact.core.errors import InputError

FOREVER = date.max.toordinal() + 1
"""The exclusive end of a period that has not ended."""


def day(d: date | None, default: int = FOREVER) -> int:
    """A date as an ordinal; ``None`` (no end, or no start) as ``default``."""
    return d.toordinal() if d is not None else default


def iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat() if ordinal < FOREVER else "open-ended"


def until(ordinal: int) -> str | None:
    """The exclusive end of a period as a date, or None when it has not ended."""
    return iso(ordinal) if ordinal < FOREVER else None


def check_window(start: date, end: date) -> None:
    """Refuse a window [start, end) that holds no day (the one-line error names the field ``to``)."""
    if end <= start:
        raise InputError(f"the window ends ({end}) before it starts ({start})", field="to")
