"""A diff for people: a table, and a Mermaid graph in which gained edges are green, lost ones red
and dashed, changed ones orange and kept ones grey. No I/O here."""

from __future__ import annotations

from collections.abc import Sequence

from pact.analysis.differences import Diff, DiffedDuty
from pact.render.escape import mermaid_text

_COLUMNS = ("state", "treaty", "article", "kind", "means", "toward", "event")


def _rows(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    return ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in (header, *rows)]


def _cells(duty: DiffedDuty) -> tuple[str, ...]:
    return tuple(str(getattr(duty, c).value if c in ("kind", "means") else getattr(duty, c)) for c in _COLUMNS)


def table(d: Diff) -> str:
    """The changes for a reader: gained, lost, changed, each a table."""
    out = [f"a: {d.a}", f"b: {d.b}"]
    for title, duties in (("Gained", d.gained), ("Lost", d.lost)):
        out += ["", f"{title} ({len(duties)}):" if duties else f"{title}: none"]
        out += _rows(_COLUMNS, [_cells(x) for x in duties]) if duties else []
    out += ["", f"Changed ({len(d.changed)}):" if d.changed else "Changed: none"]
    if d.changed:
        header = ("state", "treaty", "clause", "toward", "event", "was", "now")
        rows = [
            (
                c.after.state,
                c.after.treaty,
                c.after.clause,
                c.after.toward,
                c.after.event,
                _terms(c.before),
                _terms(c.after),
            )
            for c in d.changed
        ]
        out += _rows(header, rows)
    for title, ties in (("Conflicts gained", d.conflicts_gained), ("Conflicts lost", d.conflicts_lost)):
        if ties:
            out += ["", f"{title} ({len(ties)}): states bound to both sides"]
            out += _rows(
                ("state", "event", "owes", "bound to"), [(t.state, t.event, t.toward, t.against) for t in ties]
            )
    out += ["", f"Kept: {len(d.kept)}"]
    return "\n".join(out)


def _terms(duty: DiffedDuty) -> str:
    return f"{duty.kind.value}, {duty.means.value}, {duty.article}"


_STYLES = {
    "gained": "stroke:#2e7d32,stroke-width:3px",
    "lost": "stroke:#c62828,stroke-width:3px,stroke-dasharray:6 4",
    "changed": "stroke:#ef6c00,stroke-width:3px",
    "kept": "stroke:#9e9e9e,stroke-width:1px",
}


def mermaid(d: Diff) -> str:
    """A Mermaid flowchart: an edge from each bearer to its victim, coloured by what happened to it."""
    edges = [("gained", x, x.article) for x in d.gained]
    edges += [("lost", x, x.article) for x in d.lost]
    edges += [("changed", c.after, f"{c.before.article} → {c.after.article}") for c in d.changed]
    edges += [("kept", x, x.article) for x in d.kept]
    lines = ["graph LR", f"  %% a: {mermaid_text(d.a)}", f"  %% b: {mermaid_text(d.b)}"]
    for status, duty, article in edges:
        label = mermaid_text(f"{duty.treaty} {article} ({status})")
        lines.append(f'  {duty.state} -->|"{label}"| {duty.toward}')
    for i, (status, _, _) in enumerate(edges):
        lines.append(f"  linkStyle {i} {_STYLES[status]}")
    return "\n".join(lines)
