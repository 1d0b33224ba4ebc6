"""Results rendered for people (a table) and for programs (JSON, JSON lines). No I/O here."""

from __future__ import annotations

import json
from collections.abc import Sequence

from pact.assumptions import describe
from pact.result import Result


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    line = lambda cells: "  " + "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()  # noqa: E731
    return [line(header), *(line(r) for r in rows)]


def table(result: Result, why_not: bool = True) -> str:
    """A readable summary: obligations, conflicts, and (first reason) why the others are not bound."""
    out = [f"{result.scenario} on {result.date.isoformat()}", ""]
    if result.assumptions:
        out[1:1] = [f"Assuming: {'; '.join(map(describe, result.assumptions))}"]
    if result.obligations:
        out.append(f"Obligated ({len(result.obligations)}):")
        rows = [
            (o.state, o.treaty, o.article, o.kind.value, o.means.value, o.toward, o.event) for o in result.obligations
        ]
        out += _table(("state", "treaty", "article", "kind", "means", "toward", "event"), rows)
    else:
        out.append("No state is obligated.")
    if result.conflicts:
        out += ["", f"Conflicts ({len(result.conflicts)}): states bound to both sides"]
        out += _table(
            ("state", "event", "owes", "bound to"), [(c.state, c.event, c.toward, c.against) for c in result.conflicts]
        )
    if why_not and result.not_obligated:
        out += ["", f"Not obligated ({len(result.not_obligated)}):"]
        out += _table(
            ("state", "treaty", "event", "why not (first reason)"),
            [(n.state, n.treaty, n.event, n.because[0]) for n in result.not_obligated],
        )
    return "\n".join(out)


def as_json(results: Sequence[Result]) -> str:
    """One result: exactly one JSON object. Several: a JSON array of them."""
    if len(results) == 1:
        return results[0].to_json()
    return json.dumps([r.to_dict() for r in results], indent=2, ensure_ascii=False)


def as_jsonl(results: Sequence[Result]) -> str:
    """One compact JSON object per result, one per line."""
    return "\n".join(r.to_json(indent=None) for r in results)
