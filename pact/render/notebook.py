"""HTML for notebooks: results, answers, explanations, timelines and research tables, as Jupyter shows them.

The model's types cannot know how they are drawn (the render layer sits above them), so pact gives
IPython a formatter per type rather than a ``_repr_html_`` method: ``import pact`` registers them
by itself inside IPython or Jupyter (``pact.load_ipython_extension``; ``%load_ext pact`` does it by
hand), by the types' names, so that nothing here is imported before something is shown. Each piece
is the HTML report's own (``pact.render.report``), in a ``<div class="pact">`` whose style applies
to it alone, so that a notebook's page keeps its own.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from pact.analysis.table import Table
from pact.analysis.timelines import Timeline
from pact.evaluation.answers import Answer
from pact.evaluation.explanation import Explanation
from pact.model import Event, Scenario
from pact.model.result import Result
from pact.render.common import Wording
from pact.render.reader import Reader
from pact.render.report import CSS, html_answer, html_explanation
from pact.render.timeline import svg
from pact.words import DEFAULT_LANGUAGE

ROWS_SHOWN = 8
"""Rows of a table shown before "… N more rows"."""


def scoped(css: str, scope: str = ".pact") -> str:
    """The report's style sheet with every rule limited to what lies inside ``scope`` (``body`` becomes it)."""

    def rule(found: re.Match[str]) -> str:
        selectors = (s.strip() for s in found[1].split(","))
        limited = ", ".join(scope if s == "body" else f"{scope} {s}" for s in selectors)
        return f"{limited} {{{found[2]}}}"

    return re.sub(r"([^{}]+?)\s*\{([^}]*)\}", rule, css.strip())


RESEARCH_CSS = """
.research { width: auto; } .research th, .research td { white-space: nowrap; }
.wide { overflow-x: auto; max-width: 100%; }
"""
"""A research table's cells on one line each, the table scrolling sideways when it is wide."""


def _boxed(body: str) -> str:
    return f'<div class="pact"><style>{scoped(CSS + RESEARCH_CSS)}</style>{body}</div>'


def answer_html(answer: Answer, language: str = DEFAULT_LANGUAGE) -> str:
    """A scenario's answer as the HTML report shows it: events, graph, tables, explanations, notes."""
    return _boxed(html_answer(answer, Reader(language, answer.words, names=True), f"{answer.result.scenario}-"))


def result_html(result: Result, language: str = DEFAULT_LANGUAGE) -> str:
    """A result as the HTML report shows it, without what only its scenario holds (events, graph, notes):
    the summary and the tables of duties, conflicts and parties not obligated."""
    events = tuple(Event.model_construct(id=e) for e in dict.fromkeys(d.event for d in _decisions(result)))
    placeholder = Scenario.model_construct(scenario=result.scenario, date=result.date, events=events)
    # a result holds no rulebook: treaties keep their ids, states and days are named
    who = Reader(language, names=True)
    return _boxed(html_answer(Answer(placeholder, result), who, f"{result.scenario}-", bare=True))


def _decisions(result: Result) -> tuple[Any, ...]:
    return (*result.obligations, *result.not_obligated, *result.undetermined, *result.conflicts)


def explanation_html(item: Explanation, language: str = DEFAULT_LANGUAGE) -> str:
    """An explanation as the report's tree, unfolded."""
    return _boxed(html_explanation(item, Wording(Reader(language, names=True)), opened=True))


def timeline_html(timeline: Timeline, language: str = DEFAULT_LANGUAGE) -> str:
    """A timeline as its SVG picture (``pact timeline --out FILE.svg``); treaties keep their ids (a
    timeline holds no rulebook), states and days are named."""
    return _boxed(f"<figure>{svg(timeline, Reader(language, names=True))}</figure>")


def table_html(table: Table, rows: int = ROWS_SHOWN) -> str:
    """A research table's first rows, its size, what made it, and its notes."""
    head = "".join(f"<th>{escape(name)}</th>" for name in table.names)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape('' if v is None else str(v))}</td>" for v in row) + "</tr>"
        for row in table.rows[:rows]
    )
    more = len(table) - rows
    lines = [f"{len(table):,} rows × {len(table.columns)} columns" + (f" (… {more:,} more rows)" if more > 0 else "")]
    made = table.provenance
    if made:
        lines.append(f"pact {made.get('pact', '?')}, rules {made.get('rules', '?')}")
    lines += list(table.notes)
    caption = "".join(f"<p>{escape(line)}</p>" for line in lines)
    table_ = f'<table class="research"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    return _boxed(f'<div class="wide">{table_}</div>{caption}')
