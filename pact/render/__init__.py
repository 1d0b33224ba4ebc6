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


_FORMATS: dict[str, Format] = {}
_BUILTIN = ("pact.render.terminal", "pact.render.data", "pact.render.graph", "pact.render.report", "pact.render.maps")
_loaded = False


def _builtins() -> None:
    """Register the built-in formats, once, before any other (so that another can replace them)."""
    global _loaded
    if not _loaded:
        _loaded = True
        for module in _BUILTIN:  # each registers its formats when imported
            import_module(module)


def register_format(name: str, render: Renderer, *, explained: bool = False, picture: bool = False) -> None:
    """Make ``render`` the format ``name`` (``pact run --format NAME``), replacing any format of
    that name; ``explained`` when it shows explanations (the CLI then makes them), ``picture`` when it
    draws an SVG picture (``--out FILE.png`` renders it)."""
    _builtins()
    _FORMATS[name] = Format(name, render, explained, picture)


def formats() -> dict[str, Format]:
    """Every registered format, by name."""
    _builtins()
    return dict(_FORMATS)


def render(name: str, answers: Sequence[Answer], options: Options | None = None) -> str | bytes:
    """``answers`` in format ``name``."""
    return formats()[name].render(answers, options or Options())
