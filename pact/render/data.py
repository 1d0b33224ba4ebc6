"""For programs: the JSON result contract (``json``, ``jsonl``) and flat rows (``csv``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence

from pact.render import Answer, Options, register_format
from pact.render.common import because, cited, commitments, joined, pair
from pact.result import Result

CSV_COLUMNS = (
    "record",
    "scenario",
    "date",
    "event",
    "state",
    "treaty",
    "clause",
    "article",
    "kind",
    "means",
    "toward",
    "against",
    "reason",
    "decisive_test",
    "source",
    "qualification",
    "because",
)
"""One row per obligation, non-obligation and conflict; ``record`` says which. ``reason`` is the
short "because" of a duty, the decisive reason of a non-obligation, the two sides of a conflict."""


def as_json(answers: Sequence[Answer], options: Options) -> str:
    """One scenario: exactly one JSON object. Several: a JSON array of them."""
    if len(answers) == 1:
        return answers[0].result.to_json(language=options.language)
    return json.dumps([a.result.to_dict(options.language) for a in answers], indent=2, ensure_ascii=False)


def as_jsonl(answers: Sequence[Answer], options: Options) -> str:
    """One compact JSON object per scenario, one per line."""
    return "\n".join(a.result.to_json(indent=None, language=options.language) for a in answers)


def as_csv(answers: Sequence[Answer], options: Options) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for answer in answers:
        writer.writerows(rows(answer.result, options.language))
    return out.getvalue()


def rows(result: Result, language: str) -> Iterator[dict[str, str]]:
    base = {"scenario": result.scenario, "date": result.date.isoformat()}
    for o in result.obligations:
        yield base | {
            "record": "obligation",
            "event": o.event,
            "state": o.state,
            "treaty": o.treaty,
            "clause": o.clause,
            "article": o.article,
            "kind": o.kind.value,
            "means": o.means.value,
            "toward": o.toward,
            "reason": because(o, language),
            "qualification": o.qualification or "",
            "because": "; ".join(o.reasons(language)),
        }
    for n in result.not_obligated:
        step = n.decisive
        yield base | {
            "record": "not_obligated",
            "event": n.event,
            "state": n.state,
            "treaty": n.treaty,
            "clause": step.clause if step else "",
            "article": step.article if step else "",
            "reason": cited(step, language) if step else "",
            "decisive_test": step.test.value if step else "",
            "source": (step.source or "") if step else "",
            "because": "; ".join(n.reasons(language)),
        }
    for c in result.conflicts:
        reasons = c.reasons(language)
        sides = (
            pair(c.toward, commitments(c.owes, language), language),
            pair(c.against, commitments(c.bound_by, language), language),
        )
        yield base | {
            "record": "conflict",
            "event": c.event,
            "state": c.state,
            "toward": c.toward,
            "against": c.against,
            "reason": joined(sides, language),
            "because": "; ".join(reasons),
        }


register_format("json", as_json)
register_format("jsonl", as_jsonl)
register_format("csv", as_csv)
