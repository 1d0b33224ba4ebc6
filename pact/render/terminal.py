"""For a terminal: the result as tables (``table``) and explanations as trees, fitted to its width.

rich lays them out (long cells fold, columns shrink to the width asked); it is imported here only,
when a table or a tree is drawn, so that ``import pact`` stays cheap.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pact.evaluation.answers import Answer
from pact.evaluation.explanation import ClauseExplanation, Explanation
from pact.model.trace import Step
from pact.render import Options, register_format
from pact.render.common import (
    Rows,
    Wording,
    conflict_rows,
    event_lines,
    group_rows,
    heading,
    obligation_rows,
    title,
)
from pact.words import say

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.tree import Tree

MARK = {True: "✔", False: "✘", None: "?"}


def tables(answers: Sequence[Answer], options: Options) -> str:
    """Each scenario: its events, the duties with a short reason, conflicts, and the parties not
    obligated grouped by their decisive reason."""
    return _printed(options, [part for a in answers for part in _answer(a, options.language)])


def explanations(items: Sequence[Explanation], options: Options) -> str:
    """Each explanation as a tree: clause by clause, the event's tests then the state's."""
    worded = Wording(options.language)
    return _printed(options, [_tree(item, worded) for item in items])


def _printed(options: Options, parts: Sequence[RenderableType]) -> str:
    from rich.console import Console

    out = io.StringIO()
    console = Console(
        file=out,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    for part in parts:
        console.print(part)
    return _trimmed(out.getvalue())


def _trimmed(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.rstrip("\n").splitlines())


def _answer(answer: Answer, language: str) -> list[RenderableType]:
    from rich.text import Text

    result, scenario = answer.result, answer.scenario
    head = Text(title(scenario, language), style="bold")
    parts: list[RenderableType] = [head, *(Text("  " + line) for line in event_lines(scenario, language)), Text("")]
    count = {"count": len(result.obligations)}
    if result.obligations:
        parts.append(_table(say(language, "report.obligated", **count), language, obligation_rows(answer, language)))
    else:
        parts.append(Text(say(language, "report.none_obligated")))
    if result.conflicts:
        caption = say(language, "report.conflicts", count=len(result.conflicts))
        parts += [Text(""), _table(caption, language, conflict_rows(answer, language))]
    if result.not_obligated:
        caption = say(language, "report.not_obligated", count=len(result.not_obligated))
        parts += [Text(""), _table(caption, language, group_rows(answer, language))]
    parts.append(Text(""))
    return parts


def _table(caption: str, language: str, table: Rows) -> Table:
    """A rich table that fits the width: long cells fold, no column is narrower than its longest
    word (up to 16 characters), so that codes and words are not cut."""
    from rich import box
    from rich.table import Table

    drawn = Table(
        title=caption,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        collapse_padding=True,
    )
    for i, column in enumerate(table.columns):
        cells = [row[i] for row in table.rows]
        words = [w for cell in cells for w in cell.split()] or [""]
        drawn.add_column(
            say(language, f"col.{column}"),
            overflow="fold",
            min_width=min(16, max(map(len, words))),
        )
    for row in table.rows:
        drawn.add_row(*row)
    return drawn


# --- explanations ------------------------------------------------------------------------------


def _tree(item: Explanation, worded: Wording) -> RenderableType:
    from rich.tree import Tree

    tree = Tree(f"[bold]{_escaped(heading(item, worded.language))}[/]")
    for clause in item.clauses:
        _clause(tree, clause, item, worded)
    return tree


def _clause(tree: Tree, clause: ClauseExplanation, item: Explanation, worded: Wording) -> None:
    language = worded.language
    key = "explain.binds" if clause.binds else "explain.does_not_bind"
    text = say(language, key, article=clause.article, clause=clause.clause, state=item.state)
    node = tree.add(f"{MARK[clause.binds]} {_escaped(text)}")
    for label, steps in (
        (say(language, "explain.trigger"), clause.trigger),
        (say(language, "explain.bearer", state=item.state), clause.bearer),
    ):
        branch = node.add(f"[italic]{_escaped(label)}[/]")
        for step in steps:
            branch.add(_step(step, clause, item, worded))


def _step(step: Step, clause: ClauseExplanation, item: Explanation, worded: Wording) -> str:
    text = f"{MARK[step.holds]} {_escaped(worded(step))}"
    if step is clause.decisive:  # the very step: decisive() picks among the steps it is given
        marker = say(worded.language, "explain.decisive")
        text += f" [bold]◆ {marker}[/]" if step is item.decisive else f" ◇ {marker}"
    return text + (f" [dim]· {_escaped(step.source)}[/]" if step.source else "")


def _escaped(text: str) -> str:
    from rich.markup import escape

    return escape(text)


register_format("table", tables)
