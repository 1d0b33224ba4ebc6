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
from pact.render import Options
from pact.render.common import (
    Rows,
    Wording,
    clause_line,
    conflict_rows,
    event_lines,
    group_rows,
    heading,
    not_obligated,
    obligation_rows,
    other_days_line,
    reader,
    reading_lines,
    reading_rows,
    reading_sources,
    reason_rows,
    title,
)
from pact.render.escape import one_line
from pact.render.reader import Reader

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.tree import Tree

MARK = {True: "✔", False: "✘", None: "?"}


def tables(answers: Sequence[Answer], options: Options) -> str:
    """Each scenario: its events, the duties with a short reason, conflicts, and the parties not
    obligated grouped by their decisive reason."""
    return _printed(options, [part for a in answers for part in _answer(a, reader(a, options), options)])


def explanations(items: Sequence[Explanation], options: Options, who: Reader) -> str:
    """Each explanation as a tree: clause by clause, the event's tests then the state's."""
    worded = Wording(who)
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


def _answer(answer: Answer, who: Reader, options: Options) -> list[RenderableType]:
    from rich.text import Text

    result, scenario = answer.result, answer.scenario
    head = Text(title(scenario, who), style="bold")
    parts: list[RenderableType] = [head, *(Text("  " + line) for line in event_lines(scenario, who)), Text("")]
    count = {"count": len(result.obligations)}
    if result.obligations:
        parts.append(_table(who.say("report.obligated", **count), who, obligation_rows(answer, who)))
    else:
        parts.append(Text(who.say("report.none_obligated")))
    if result.conflicts:
        caption = who.say("report.conflicts", count=len(result.conflicts))
        parts += [Text(""), _table(caption, who, conflict_rows(answer, who))]
    if result.readings:
        caption = who.say("report.readings", count=len(result.readings))
        changed = reading_rows(answer, who)
        parts += [Text(""), _table(caption, who, changed)] if changed.rows else [Text(""), Text(caption, style="bold")]
        reasons_changed = reason_rows(answer, who)
        if reasons_changed.rows:
            parts.append(_table(who.say("report.reading_reasons"), who, reasons_changed))
        for line in reading_sources(result, who):
            parts += [Text("  " + line.text), Text("      " + who.say("readings.source", source=line.source))]
    listed = not_obligated(result, options.every_party)
    if listed.shown:
        caption = who.say("report.not_obligated", count=len(listed.shown))
        parts += [Text(""), _table(caption, who, group_rows(answer, who, listed.shown))]
    if listed.other_days:
        parts.append(Text(other_days_line(listed.other_days, who)))
    parts.append(Text(""))
    return parts


def _table(caption: str, who: Reader, table: Rows) -> Table:
    """A rich table that fits the width: long cells fold, no column is narrower than its longest
    word (up to 16 characters), so that codes and words are not cut."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

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
            who.say(f"col.{column}"),
            overflow="fold",
            min_width=min(16, max(map(len, words))),
        )
    for row in table.rows:  # a name from a scenario (a non-state attacker) may hold a terminal escape
        drawn.add_row(*(Text(one_line(cell)) for cell in row))
    return drawn


# --- explanations ------------------------------------------------------------------------------


def _tree(item: Explanation, worded: Wording) -> RenderableType:
    from rich.tree import Tree

    tree = Tree(f"[bold]{_escaped(heading(item, worded.reader))}[/]")
    for clause in item.clauses:
        _clause(tree, clause, item, worded)
    for line in reading_lines(item.readings, worded.reader):
        node = tree.add(f"⇄ {_escaped(line.text)}")
        node.add(_escaped(worded.reader.say("readings.source", source=line.source)))
    return tree


def _clause(tree: Tree, clause: ClauseExplanation, item: Explanation, worded: Wording) -> None:
    node = tree.add(f"{MARK[clause.binds]} {_escaped(clause_line(clause, item, worded.reader))}")
    for label, steps in (
        (worded.reader.say("explain.trigger"), clause.trigger),
        (worded.reader.say("explain.bearer", state=item.state), clause.bearer),
    ):
        branch = node.add(f"[italic]{_escaped(label)}[/]")
        for step in steps:
            branch.add(_step(step, clause, item, worded))


def _step(step: Step, clause: ClauseExplanation, item: Explanation, worded: Wording) -> str:
    text = f"{MARK[step.holds]} {_escaped(worded(step))}"
    if step is clause.decisive:  # the very step: decisive() picks among the steps it is given
        marker = worded.reader.say("explain.decisive")
        text += f" [bold]◆ {marker}[/]" if step is item.decisive else f" ◇ {marker}"
    return text + (f" [dim]· {_escaped(step.source)}[/]" if step.source else "")


def _escaped(text: str) -> str:
    from rich.markup import escape

    return escape(text)
