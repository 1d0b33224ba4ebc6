"""For programs: the JSON result contract (``json``, ``jsonl``) and flat rows (``csv``).

``to_dict``, ``to_json`` and ``rows`` are also the Python API's (``pact.to_json(result)`` …): a
result holds steps, and its words — each item's ``because`` — are made here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from typing import Any

from pact.evaluation.answers import Answer
from pact.model.result import Result
from pact.render import Options, register_format
from pact.render.common import because, commitments, joined, pair
from pact.render.phrasing import cited, reasons
from pact.render.reader import Reader
from pact.words import DEFAULT_LANGUAGE

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


WORDED = ("obligations", "conflicts", "not_obligated", "undetermined")
"""The parts of a result whose items carry ``because`` in the contract."""


def to_dict(result: Result, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The public result contract as plain data: the result's fields, and after each item's own
    fields its ``because``, the item in words (``pact.render.phrasing.reasons``)."""
    data = result.model_dump(mode="json")
    for key in WORDED:
        for dumped, item in zip(data[key], getattr(result, key), strict=True):
            dumped["because"] = reasons(item, language)
    return data


def to_json(result: Result, indent: int | None = 2, language: str = DEFAULT_LANGUAGE) -> str:
    return json.dumps(to_dict(result, language), indent=indent, ensure_ascii=False)


def result_schema() -> dict[str, Any]:
    """The JSON Schema of the result contract: the result's own, with each worded item's ``because``."""
    schema = Result.model_json_schema(mode="serialization")
    for name, description in _BECAUSE.items():
        item = schema["$defs"][name]
        item["properties"]["because"] = {
            "description": description,
            "items": {"type": "string"},
            "readOnly": True,
            "title": "Because",
            "type": "array",
        }
        item["required"] = [*item.get("required", ()), "because"]
    return schema


_BECAUSE = {
    "Obligation": "The trace in words: the conditions that held, one sentence each.",
    "NonObligation": "The decisive reason first, then each clause's failed tests, in words.",
    "Undetermined": "What is not known, and what was, in words.",
    "Conflict": "The duties toward each side, in words.",
}


def rows(result: Result) -> list[dict[str, Any]]:
    """One flat row per (state, treaty, event) decision, obligated or not: ready for pandas."""
    base = {"scenario": result.scenario, "date": result.date.isoformat()}
    rows = [
        {**base, "obligated": True, **o.model_dump(mode="json", exclude={"trace"}), "because": "; ".join(reasons(o))}
        for o in result.obligations
    ]
    blank = dict.fromkeys(("clause", "article", "kind", "means", "toward", "qualification"))
    rows += [
        {
            **base,
            "obligated": False,
            **blank,
            **n.model_dump(mode="json", exclude={"trace", "decisive"}),
            "because": "; ".join(reasons(n)),
        }
        for n in result.not_obligated
    ]
    return rows


def as_json(answers: Sequence[Answer], options: Options) -> str:
    """One scenario: exactly one JSON object. Several: a JSON array of them."""
    if len(answers) == 1:
        return to_json(answers[0].result, language=options.language)
    return json.dumps([to_dict(a.result, options.language) for a in answers], indent=2, ensure_ascii=False)


def as_jsonl(answers: Sequence[Answer], options: Options) -> str:
    """One compact JSON object per scenario, one per line."""
    return "\n".join(to_json(a.result, indent=None, language=options.language) for a in answers)


def as_csv(answers: Sequence[Answer], options: Options) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for answer in answers:
        writer.writerows(csv_rows(answer.result, options.language))
    return out.getvalue()


def csv_rows(result: Result, language: str) -> Iterator[dict[str, str]]:
    codes = Reader(language)  # a table for programs: codes and ISO dates, as in the JSON contract
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
            "reason": because(o, codes),
            "qualification": o.qualification or "",
            "because": "; ".join(reasons(o, language)),
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
            "reason": cited([step], language) if step else "",
            "decisive_test": step.test.value if step else "",
            "source": (step.source or "") if step else "",
            "because": "; ".join(reasons(n, language)),
        }
    for c in result.conflicts:
        worded = reasons(c, language)
        sides = (
            pair(c.toward, commitments(c.owes, codes), codes),
            pair(c.against, commitments(c.bound_by, codes), codes),
        )
        yield base | {
            "record": "conflict",
            "event": c.event,
            "state": c.state,
            "toward": c.toward,
            "against": c.against,
            "reason": joined(sides, codes),
            "because": "; ".join(worded),
        }


register_format("json", as_json)
register_format("jsonl", as_jsonl)
register_format("csv", as_csv)
