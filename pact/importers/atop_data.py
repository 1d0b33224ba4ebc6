"""The ATOP files as typed rows: the member-level file (one row per member and phase) and the alliance-level file.

Only the variables pact uses are read; a missing column or a value that is not a whole number is bad
input, reported as ``FILE:LINE: column: what is wrong``. Dates are kept as ATOP writes them (a day
may be missing; year 0 means "no exit by the end of ATOP's coverage"): what a partial date means for
a membership is decided by the importer (``pact.importers.atop``), not here.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from pact.core.errors import DatasetError
from pact.load.files import MAX_DATASET_BYTES, read_csv
from pact.words import Words

KINDS = ("defense", "offense", "neutral", "nonagg", "consul")
"""ATOP's five obligation types, as its variables name them."""

CONDITIONS = {
    "defense": ("defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr"),
    "offense": ("offcoadv", "offcoloc", "offcocon", "offconum", "offcodem"),
    "neutral": ("neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem", "neuconpr", "neucoatt"),
    "nonagg": (),
    "consul": ("concoadv", "concoloc", "concocon", "concoreq"),
}
"""The condition variables of each obligation type (1: the obligation holds only under that condition)."""

CONDITIONAL = {"defense": "defcon", "offense": "offcon", "neutral": "neucon", "consul": "concon"}
"""The variable saying that an obligation type is conditional at all."""

FLAGS = (
    *KINDS,
    *(v for variables in CONDITIONS.values() for v in variables),
    *CONDITIONAL.values(),
    "asymm",
    "obvary",
    "bilat",
    "ineffect",
)
"""Every 0/1 variable pact reads."""


@dataclass(frozen=True)
class AtopDate:
    """A date as ATOP codes it: the day may be unknown (blank)."""

    year: int
    month: int
    day: int | None

    def first(self) -> date:
        """The earliest day it can stand for."""
        return date(self.year, self.month, self.day or 1)

    def last(self) -> date:
        """The latest day it can stand for."""
        return date(self.year, self.month, self.day or calendar.monthrange(self.year, self.month)[1])

    @property
    def exact(self) -> bool:
        return self.day is not None

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-" + (f"{self.day:02d}" if self.day else "??")


@dataclass(frozen=True, eq=False)
class MemberRow:
    """One row of the member-level file: one member of one alliance in one phase (each row is itself: no two
    rows are equal, and a row hashes fast as a key)."""

    file: str
    line: int
    atopid: int
    ccode: int  # the member's Correlates of War country code
    phase: int  # 0 when the alliance has a single phase
    entry: AtopDate
    exit: AtopDate | None  # None: still a member at the end of ATOP's coverage
    coded: frozenset[str]  # the 0/1 variables coded 1 (defense, defcoloc, asymm, ...)
    threats: tuple[int, ...]  # statthr1, statthr2: COW codes of the states named as the threat

    def has(self, variable: str) -> bool:
        return variable in self.coded

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class AllianceRow:
    """One row of the alliance-level file."""

    file: str
    line: int
    atopid: int
    begin: AtopDate
    end: AtopDate | None
    in_effect: bool  # in effect at the end of ATOP's coverage


COVERAGE_ENDS = date(2016, 12, 31)
"""The last day ATOP 4.01 observes: an alliance "in effect" was in effect on it."""


def day_after(d: date) -> date:
    return d + timedelta(days=1)


class _Row:
    """A CSV row with its line, whose values are read as whole numbers or reported with FILE:LINE."""

    def __init__(self, file: Path, line: int, values: dict[str, str]) -> None:
        self.file, self.line, self.values = file, line, values

    def text(self, column: str) -> str:
        if column not in self.values:
            raise DatasetError(Words("dataset.no_value", {"column": column}), file=self.file, line=self.line)
        return self.values[column].strip()

    def number(self, column: str, blank: int | None = None) -> int:
        text = self.text(column)
        if not text and blank is not None:
            return blank
        try:
            value = float(text)  # Stata exports some codes as 255.0
        except ValueError:
            words = Words("dataset.not_number", {"value": repr(text)})
            raise DatasetError(words, file=self.file, line=self.line, field=column) from None
        if not value.is_integer():
            words = Words("dataset.not_whole", {"value": repr(text)})
            raise DatasetError(words, file=self.file, line=self.line, field=column)
        return int(value)

    def flag(self, column: str) -> bool:
        value = self.number(column, blank=0)
        if value not in (0, 1):
            raise DatasetError(
                Words("dataset.not_flag", {"value": value}), file=self.file, line=self.line, field=column
            )
        return value == 1

    def date(self, year: str, month: str, day: str, *, optional: bool) -> AtopDate | None:
        y = self.number(year, blank=0)
        if y == 0 and optional:
            return None
        m, d = self.number(month, blank=0), self.number(day, blank=0)
        if y == 0 or not 1 <= m <= 12:
            words = Words("dataset.no_date", {"date": f"{y}-{m}-{d}"})
            raise DatasetError(words, file=self.file, line=self.line, field=year)
        found = AtopDate(y, m, d or None)
        try:
            found.first()
            if d:
                date(y, m, d)
        except ValueError:
            words = Words("dataset.not_real_date", {"date": found})
            raise DatasetError(words, file=self.file, line=self.line, field=day) from None
        return found


MEMBER_COLUMNS = ("atopid", "member", "phase", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit",
                  *FLAGS, "statthr1", "statthr2")  # fmt: skip
ALLIANCE_COLUMNS = ("atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "ineffect")


def _rows(path: Path, columns: tuple[str, ...], max_bytes: int) -> Iterator[_Row]:
    """The rows of an ATOP file, read through pact's input gate (regular files, within limits)."""
    rows = read_csv(path, DatasetError, max_bytes)
    _, header = next(rows, (1, []))
    missing = [c for c in columns if c not in header]
    if missing:
        raise DatasetError(Words("dataset.not_atop", {"column": missing[0]}), file=path, line=1)
    for line, values in rows:
        yield _Row(path, line, dict(zip(header, values, strict=False)))


def read_members(path: Path, max_bytes: int = MAX_DATASET_BYTES) -> list[MemberRow]:
    """Every row of ATOP's member-level file (``atop4_01_member_level.csv``)."""
    members = []
    for row in _rows(path, MEMBER_COLUMNS, max_bytes):
        entry = row.date("yrent", "moent", "dayent", optional=False)
        assert entry is not None
        members.append(
            MemberRow(
                file=str(path),
                line=row.line,
                atopid=row.number("atopid"),
                ccode=row.number("member"),
                phase=row.number("phase", blank=0),
                entry=entry,
                exit=row.date("yrexit", "moexit", "dayexit", optional=True),
                coded=frozenset(v for v in FLAGS if row.flag(v)),
                threats=tuple(c for c in (row.number("statthr1", 0), row.number("statthr2", 0)) if c),
            )
        )
    if not members:
        raise DatasetError(Words("dataset.no_members"), file=path)
    return members


def read_alliances(path: Path, max_bytes: int = MAX_DATASET_BYTES) -> dict[int, AllianceRow]:
    """Every row of ATOP's alliance-level file (``atop4_01_alliance_level.csv``), by atopid."""
    alliances: dict[int, AllianceRow] = {}
    for row in _rows(path, ALLIANCE_COLUMNS, max_bytes):
        begin = row.date("begyr", "begmo", "begday", optional=False)
        assert begin is not None
        alliance = AllianceRow(
            file=str(path),
            line=row.line,
            atopid=row.number("atopid"),
            begin=begin,
            end=row.date("endyr", "endmo", "endday", optional=True),
            in_effect=row.flag("ineffect"),
        )
        if alliance.atopid in alliances:
            words = Words("dataset.twice", {"atopid": alliance.atopid})
            raise DatasetError(words, file=path, line=row.line, field="atopid")
        alliances[alliance.atopid] = alliance
    if not alliances:
        raise DatasetError(Words("dataset.no_alliances"), file=path)
    return alliances
