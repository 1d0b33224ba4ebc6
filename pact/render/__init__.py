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

from pact.evaluation.engine import Engine
from pact.evaluation.explanation import Explanation, explain
from pact.model import Scenario
from pact.model.result import Result
from pact.words import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Answer:
    """One scenario's answers: its result and, when a format shows them, the explanations."""

    scenario: Scenario
    result: Result
    explanations: tuple[Explanation, ...] = ()


@dataclass(frozen=True)
class Options:
    """How to render: in which language, how wide (terminal columns), with colour or not."""

    language: str = DEFAULT_LANGUAGE
    width: int = 80
    color: bool = False


Renderer = Callable[[Sequence[Answer], Options], str | bytes]


@dataclass(frozen=True)
class Format:
    name: str
    render: Renderer
    explained: bool = False  # whether the format shows explanations (they cost a little to make)


_FORMATS: dict[str, Format] = {}
_BUILTIN = ("pact.render.terminal", "pact.render.data", "pact.render.graph", "pact.render.report")
_loaded = False


def _builtins() -> None:
    """Register the built-in formats, once, before any other (so that another can replace them)."""
    global _loaded
    if not _loaded:
        _loaded = True
        for module in _BUILTIN:  # each registers its formats when imported
            import_module(module)


def register_format(name: str, render: Renderer, *, explained: bool = False) -> None:
    """Make ``render`` the format ``name`` (``pact run --format NAME``), replacing any format of
    that name; ``explained`` when it shows explanations (the CLI then makes them)."""
    _builtins()
    _FORMATS[name] = Format(name, render, explained)


def formats() -> dict[str, Format]:
    """Every registered format, by name."""
    _builtins()
    return dict(_FORMATS)


def render(name: str, answers: Sequence[Answer], options: Options | None = None) -> str | bytes:
    """``answers`` in format ``name``."""
    return formats()[name].render(answers, options or Options())


def answer(
    engine: Engine,
    scenario: Scenario,
    *,
    state: str | None = None,
    treaty: str | None = None,
    explained: bool = False,
) -> Answer:
    """Evaluate ``scenario``, keep what concerns ``state`` and ``treaty`` (when given), and explain
    every decision kept when ``explained``."""
    result = select(engine.evaluate(scenario), state=state, treaty=treaty)
    explanations = explain(engine, scenario, state=state, treaty=treaty) if explained else ()
    return Answer(scenario, result, tuple(e for e in explanations if _kept(result, e)))


def _kept(result: Result, explanation: Explanation) -> bool:
    """Whether an explanation is of a decision the result shows (a treaty asked for that the
    events do not concern is explained, but has no rows)."""
    key = (explanation.state, explanation.treaty, explanation.event)
    return any((d.state, d.treaty, d.event) == key for d in (*result.obligations, *result.not_obligated))


def select(result: Result, *, state: str | None = None, treaty: str | None = None) -> Result:
    """The part of a result that concerns one state (what it owes or not, its conflicts) and one
    treaty (its duties and non-duties, the conflicts it takes part in)."""

    def kept(item_state: str, treaties: set[str]) -> bool:
        return state in (None, item_state) and (treaty is None or treaty in treaties)

    return result.model_copy(
        update={
            "obligations": tuple(o for o in result.obligations if kept(o.state, {o.treaty})),
            "not_obligated": tuple(n for n in result.not_obligated if kept(n.state, {n.treaty})),
            "conflicts": tuple(
                c for c in result.conflicts if kept(c.state, {x.treaty for x in (*c.owes, *c.bound_by)})
            ),
        }
    )
