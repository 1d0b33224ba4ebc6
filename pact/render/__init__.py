"""Results for people and programs, as one registry of formats.

A format is one function, ``(answers, options) -> str | bytes``, registered by name with
``register_format``; the CLI's ``--format`` choices are this registry's names. Renderers read
answers — results, the scenarios they answer and, for the formats that show them, explanations —
and return text: no I/O, no rules files, and the engine never imports them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module

from pact.evaluation.answers import Answer
from pact.words import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Options:
    """How to render: in which language, how wide (terminal columns), with colour or not, and whether
    to list the parties not obligated of other days too (``--all``: not yet or no longer parties)."""

    language: str = DEFAULT_LANGUAGE
    width: int = 80
    color: bool = False
    every_party: bool = False


Renderer = Callable[[Sequence[Answer], Options], str | bytes]


@dataclass(frozen=True)
class Format:
    name: str
    render: Renderer
    explained: bool = False  # whether the format shows explanations (they cost a little to make)
    picture: bool = False  # an SVG picture, which --out FILE.png renders through Chromium


@dataclass(frozen=True)
class _Builtin:
    """A built-in format's function, imported when first called: a command pays only for the formats
    it uses (``pact run`` for its table, not for the HTML report, the graphs or the map)."""

    module: str
    function: str

    def __call__(self, answers: Sequence[Answer], options: Options) -> str | bytes:
        render: Renderer = getattr(import_module(f"pact.render.{self.module}"), self.function)
        return render(answers, options)


_FORMATS: dict[str, Format] = {
    "table": Format("table", _Builtin("terminal", "tables")),
    "json": Format("json", _Builtin("data", "as_json")),
    "jsonl": Format("jsonl", _Builtin("data", "as_jsonl")),
    "csv": Format("csv", _Builtin("data", "as_csv")),
    "mermaid": Format("mermaid", _Builtin("graph", "mermaid")),
    "dot": Format("dot", _Builtin("graph", "dot")),
    "markdown": Format("markdown", _Builtin("report", "markdown"), explained=True),
    "html": Format("html", _Builtin("report", "html"), explained=True),
    "map": Format("map", _Builtin("maps", "maps"), picture=True),
}
"""Every format by name: the built-in ones, then those registered (which may replace them)."""


def register_format(name: str, render: Renderer, *, explained: bool = False, picture: bool = False) -> None:
    """Make ``render`` the format ``name`` (``pact run --format NAME``), replacing any format of
    that name; ``explained`` when it shows explanations (the CLI then makes them), ``picture`` when it
    draws an SVG picture (``--out FILE.png`` renders it)."""
    _FORMATS[name] = Format(name, render, explained, picture)


def formats() -> dict[str, Format]:
    """Every registered format, by name."""
    return dict(_FORMATS)


def render(name: str, answers: Sequence[Answer], options: Options | None = None) -> str | bytes:
    """``answers`` in format ``name``."""
    return formats()[name].render(answers, options or Options())
