"""A treaty file with contested points, read as each combination of its readings has it.

A file declares its contested points (``contested:``, each with its readings and a default) and
marks what differs in two forms, which this module resolves before pydantic sees the data:

- a list item holding ``reading: NAME`` (or a list of names) is there only under those readings;
- a value ``{by_reading: {NAME: value, ...}}`` is the value under each reading of one point, every
  reading named; null there means none: the key is left out, or the list item is not there.

Each combination of readings gives plain data and a line map, so that a mistake in a value that
only one reading holds is still reported at its own line.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pact.core.errors import RuleError
from pact.core.source import Path_, SourceMap
from pact.model import Treaty, Value
from pact.model.rules import Contested
from pact.words import Words

ITEM_KEY = "reading"
"""The key of a list item that is there only under some readings."""
CHOICE_KEY = "by_reading"
"""The one key of a value that differs by reading."""
MAX_COMBINATIONS = 64
"""Combinations of readings one file may ask pact to read it as (each is validated)."""

Assignment = frozenset[str]
"""One reading of each contested point of a file."""


def marked(data: Any) -> bool:
    """Whether a file's data uses readings at all (most do not, and are read as they are)."""
    return isinstance(data, dict) and "contested" in data


def combinations(points: Sequence[Contested], source: SourceMap) -> list[Assignment]:
    """Every combination of the points' readings, the defaults first."""
    default = frozenset(p.default for p in points)
    every = [frozenset(combo) for combo in itertools.product(*([r.id for r in p.readings] for p in points))]
    if len(every) > MAX_COMBINATIONS:
        words = Words("readings.too_many", {"count": len(every), "most": MAX_COMBINATIONS})
        raise source.error(RuleError, ("contested",), words)
    return [default, *(combo for combo in every if combo != default)]


def resolved(data: Any, points: Sequence[Contested], chosen: Assignment, source: SourceMap) -> tuple[Any, SourceMap]:
    """The file's data under ``chosen`` (one reading per point), with the lines of what it kept."""
    of_point = {r.id: p for p in points for r in p.readings}
    lines: dict[Path_, int] = {}
    walk = _Walk(of_point, chosen, source, lines)
    body = {k: v for k, v in data.items() if k != "contested"}
    out = walk.value(body, (), ())
    out["contested"] = data["contested"]
    lines.update({path: line for path, line in source.lines.items() if path[:1] == ("contested",)})
    return out, SourceMap(source.file, lines)


def _chosen_among(value: Any) -> bool:
    return isinstance(value, dict) and CHOICE_KEY in value


class _Walk:
    """One pass over a file's data, choosing each marked value by the readings in force."""

    def __init__(self, of_point: Mapping[str, Contested], chosen: Assignment, source: SourceMap, lines: dict) -> None:
        self.of_point, self.chosen, self.source, self.lines = of_point, chosen, source, lines

    def value(self, data: Any, old: Path_, new: Path_) -> Any:
        if old in self.source.lines:
            self.lines[new] = self.source.lines[old]
        if isinstance(data, dict) and CHOICE_KEY in data:
            name, value = self._choice(data, old)
            return self.value(value, (*old, CHOICE_KEY, name), new) if value is not None else None
        if isinstance(data, dict):
            made = {key: self.value(v, (*old, key), (*new, key)) for key, v in data.items()}
            return {key: v for key, v in made.items() if v is not None or not _chosen_among(data[key])}
        if isinstance(data, list):
            return list(self._items(data, old, new))
        return data

    def _items(self, data: list, old: Path_, new: Path_) -> Iterator[Any]:
        kept = 0
        for i, item in enumerate(data):
            if isinstance(item, dict) and ITEM_KEY in item:
                if not self._there(item[ITEM_KEY], (*old, i, ITEM_KEY)):
                    continue
                item = {k: v for k, v in item.items() if k != ITEM_KEY}
            value = self.value(item, (*old, i), (*new, kept))
            if value is None and _chosen_among(item):
                continue  # no item under this reading
            yield value
            kept += 1

    def _there(self, names: Any, at: Path_) -> bool:
        """Whether a list item marked ``reading:`` is there under the readings in force."""
        names = names if isinstance(names, list) else [names]
        for name in names:
            if not isinstance(name, str) or name not in self.of_point:
                raise self._unknown(name, at)
        return any(name in self.chosen for name in names)

    def _choice(self, data: dict, at: Path_) -> tuple[str, Any]:
        """The reading in force among a ``by_reading`` value's, and its value."""
        if len(data) != 1 or not isinstance(data[CHOICE_KEY], dict):
            raise self.source.error(RuleError, at, Words("readings.choice_shape"))
        options = data[CHOICE_KEY]
        for name in options:
            if name not in self.of_point:
                raise self._unknown(name, (*at, CHOICE_KEY, name))
        points = {self.of_point[name].id for name in options}
        point = self.of_point[next(iter(options))]
        missing = [r.id for r in point.readings if r.id not in options]
        if len(points) > 1 or missing:
            words = Words(
                "readings.choice_cover", {"point": point.id, "readings": ", ".join(r.id for r in point.readings)}
            )
            raise self.source.error(RuleError, (*at, CHOICE_KEY), words)
        name = next(name for name in options if name in self.chosen)
        return name, options[name]

    def _unknown(self, name: object, at: Path_) -> RuleError:
        known = ", ".join(sorted(self.of_point)) or "-"
        return self.source.error(RuleError, at, Words("readings.unknown", {"reading": name, "known": known}))


def treaty_readings(data: Any, source: SourceMap, validate: Any) -> list[tuple[Assignment, Treaty, SourceMap]]:
    """The treaty under every combination of its readings, the defaults first, each with its lines.

    ``validate(model, data, source)`` is the loader's validation (it words pydantic's errors)."""
    points = validate(_Points, {"contested": data["contested"]}, source).contested
    made = []
    for chosen in combinations(points, source):
        body, lines = resolved(data, points, chosen, source)
        made.append((chosen, validate(Treaty, body, lines), lines))
    return made


class _Points(Value):
    contested: tuple[Contested, ...]
