"""A diff for people: a table, and a Mermaid graph in which gained edges are green, lost ones red
and dashed, changed ones orange and kept ones grey; states, treaties and articles named for the
reader (``pact.render.reader``). No I/O here."""

from __future__ import annotations

from collections.abc import Sequence

from pact.analysis.differences import Diff, DiffedDuty
from pact.render.common import short_article
from pact.render.escape import mermaid_text
from pact.render.reader import Reader

_COLUMNS = ("state", "treaty", "article", "kind", "means", "toward", "event")


def _rows(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    return ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in (header, *rows)]


def _cells(duty: DiffedDuty, who: Reader) -> tuple[str, ...]:
    return (
        who.state(duty.state),
        who.treaty(duty.treaty),
        who.article(duty.treaty, duty.article),
        who.say(f"kind.{duty.kind.value}"),
        who.say(f"means.{duty.means.value}"),
        who.state(duty.toward),
        duty.event,
    )


def _header(columns: Sequence[str], who: Reader) -> tuple[str, ...]:
    return tuple(who.say(f"diff.col.{c}") for c in columns)


def _titled(key: str, count: int, who: Reader) -> str:
    title = who.say(key)
    return who.say("diff.some", title=title, count=count) if count else who.say("diff.none", title=title)


def table(d: Diff, who: Reader) -> str:
    """The changes for a reader: gained, lost, changed, each a table."""
    out = [f"a: {d.a}", f"b: {d.b}"]
    for key, duties in (("diff.gained", d.gained), ("diff.lost", d.lost)):
        out += ["", _titled(key, len(duties), who)]
        out += _rows(_header(_COLUMNS, who), [_cells(x, who) for x in duties]) if duties else []
    out += ["", _titled("diff.changed", len(d.changed), who)]
    if d.changed:
        rows = [
            (
                who.state(c.after.state),
                who.treaty(c.after.treaty),
                who.clause(c.after.treaty, c.after.clause),
                who.state(c.after.toward),
                c.after.event,
                _terms(c.before, who),
                _terms(c.after, who),
            )
            for c in d.changed
        ]
        out += _rows(_header(("state", "treaty", "clause", "toward", "event", "was", "now"), who), rows)
    for key, ties in (("diff.conflicts_gained", d.conflicts_gained), ("diff.conflicts_lost", d.conflicts_lost)):
        if ties:
            out += ["", who.say(key, count=len(ties))]
            rows = [(who.state(t.state), t.event, who.state(t.toward), who.state(t.against)) for t in ties]
            out += _rows(_header(("state", "event", "owes", "bound_to"), who), rows)
    out += ["", who.say("diff.kept", count=len(d.kept))]
    return "\n".join(out)


def _terms(duty: DiffedDuty, who: Reader) -> str:
    kind, means = who.say(f"kind.{duty.kind.value}"), who.say(f"means.{duty.means.value}")
    return f"{kind}, {means}, {who.article(duty.treaty, duty.article)}"


_STYLES = {
    "gained": "stroke:#2e7d32,stroke-width:3px",
    "lost": "stroke:#c62828,stroke-width:3px,stroke-dasharray:6 4",
    "changed": "stroke:#ef6c00,stroke-width:3px",
    "kept": "stroke:#9e9e9e,stroke-width:1px",
}


def mermaid(d: Diff, who: Reader) -> str:
    """A Mermaid flowchart: an edge from each bearer to its victim, coloured by what happened to it."""

    def article(duty: DiffedDuty) -> str:
        return short_article(who.article(duty.treaty, duty.article))

    edges = [("gained", x, article(x)) for x in d.gained]
    edges += [("lost", x, article(x)) for x in d.lost]
    edges += [("changed", c.after, f"{article(c.before)} → {article(c.after)}") for c in d.changed]
    edges += [("kept", x, article(x)) for x in d.kept]
    lines = ["graph LR", f"  %% a: {mermaid_text(d.a)}", f"  %% b: {mermaid_text(d.b)}"]
    states = {s for _, duty, _ in edges for s in (duty.state, duty.toward)}
    lines += [f'  {s}["{mermaid_text(who.state(s))}"]' for s in sorted(states)]
    for status, duty, shown in edges:
        label = mermaid_text(f"{who.treaty(duty.treaty)} {shown} ({who.say(f'diff.status.{status}')})")
        lines.append(f'  {duty.state} -->|"{label}"| {duty.toward}')
    for i, (status, _, _) in enumerate(edges):
        lines.append(f"  linkStyle {i} {_STYLES[status]}")
    return "\n".join(lines)
