"""Where each value of a loaded file stood, so that any later check can point at its line."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pact.core.errors import InputError
from pact.words import Words

Path_ = tuple[str | int, ...]
"""A path into loaded data: keys and list indexes, e.g. ("parties", 2, "left")."""


@dataclass
class SourceMap:
    """The lines of a file's values; data built in memory has no file and no lines."""

    file: Path | None
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int | None:
        """The line of the value at ``path``, or of the nearest value around it that has one."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None

    def error(
        self,
        kind: type[InputError],
        path: Path_,
        message: str | Words,
        suggestion: str | None = None,
        code: str | None = None,
    ) -> InputError:
        field = dotted(path) or None
        return kind(message, file=self.file, line=self.line(path), field=field, suggestion=suggestion, code=code)


def dotted(path: Iterable[str | int]) -> str:
    """``("events", 0, "target")`` as ``events[0].target``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def remapped(lines: dict[Path_, int], key: str, kept: Mapping[str | int, str | int]) -> dict[Path_, int]:
    """The lines of a file's data once the items under ``key`` are renumbered (old → new in ``kept``);
    items missing from ``kept`` are dropped, with everything below them."""
    out: dict[Path_, int] = {}
    for path, line in lines.items():
        if len(path) < 2 or path[0] != key:
            out[path] = line
        elif path[1] in kept:
            out[(key, kept[path[1]], *path[2:])] = line
    return out
