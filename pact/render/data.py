"""For programs: the JSON result contract (``json``, ``jsonl``) and flat rows (``csv``).

``to_dict``, ``to_json``, ``rows`` and ``to_pandas`` are also the Python API's (``pact.to_json(result)``
…): a result holds steps, and its words — each item's ``because`` — are made here. ``rows`` and
``--format csv`` are one schema, ``CSV_COLUMNS`` (docs/tables.md): ``rows`` gives the values typed
(``date`` a date, a missing value None), the CSV writes them as text (None empty). A CSV cell that
a spreadsheet would run as a formula (text from a rule file starting with ``=`` …) starts with ``'``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from pact.analysis.table import Table, typed
from pact.core.output import csv_cell
from pact.evaluation.answers import Answer
from pact.model.result import Conflict, NonObligation, Obligation, Result, Undetermined
from pact.render import Options
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
    "deciding",
)
"""One row per obligation, undetermined duty, non-obligation and conflict; ``record`` says which.
``reason`` is the short "because" of a duty, the decisive reason of a non-obligation, the two sides
of a conflict; ``deciding``, of an undetermined duty, the unknown facts or conditions it hinges on."""

RESULT_COLUMNS = typed(
    dict.fromkeys(CSV_COLUMNS, str) | {"date": date},
    ("record", "scenario", "event", "state", "treaty", "clause", "kind", "means", "toward", "against", "decisive_test"),
)
"""The columns of ``rows`` with their types, for pandas and Parquet (``pact.analysis.table``)."""


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


def rows(result: Result, language: str = DEFAULT_LANGUAGE) -> list[dict[str, Any]]:
    """One flat row per decision (``CSV_COLUMNS``, the schema of ``--format csv``): ready for pandas."""
    return list(_records(result, language))


def to_pandas(result: Result, language: str = DEFAULT_LANGUAGE) -> Any:
    """The rows of a result as a ``pandas.DataFrame`` with the types of ``RESULT_COLUMNS``
    (``pip install 'pact-treaties[pandas]'``)."""
    return result_table(result, language).to_pandas()


def result_table(result: Result, language: str = DEFAULT_LANGUAGE) -> Table:
    """The rows of a result as a table (``pact.analysis.table.Table``)."""
    return Table(RESULT_COLUMNS, [tuple(r.values()) for r in _records(result, language)])


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
        for row in csv_rows(answer.result, options.language):
            writer.writerow({key: csv_cell(value) for key, value in row.items()})
    return out.getvalue()


def csv_rows(result: Result, language: str) -> Iterator[dict[str, Any]]:
    """The rows of ``rows``, as the CSV writes them (a missing value empty)."""
    for record in _records(result, language):
        yield {k: "" if v is None else v for k, v in record.items()}


def _records(result: Result, language: str) -> Iterator[dict[str, Any]]:
    for part in (
        (_obligation(o, language) for o in result.obligations),
        (_undetermined(u, language) for u in result.undetermined),
        (_not_obligated(n, language) for n in result.not_obligated),
        (_conflict(c, language) for c in result.conflicts),
    ):
        for fields in part:
            yield dict.fromkeys(CSV_COLUMNS) | {"scenario": result.scenario, "date": result.date} | fields


def _obligation(o: Obligation, language: str) -> dict[str, Any]:
    return {
        "record": "obligation",
        **_duty(o),
        "reason": because(o, Reader(language)),  # codes and ISO dates, as in the JSON contract
        "qualification": o.qualification,
        "because": "; ".join(reasons(o, language)),
    }


def _duty(d: Obligation | Undetermined) -> dict[str, Any]:
    return {
        "event": d.event,
        "state": d.state,
        "treaty": d.treaty,
        "clause": d.clause,
        "article": d.article,
        "kind": d.kind.value,
        "means": d.means.value,
        "toward": d.toward,
    }


def _undetermined(u: Undetermined, language: str) -> dict[str, Any]:
    return {
        "record": "undetermined",
        **_duty(u),
        "because": "; ".join(reasons(u, language)),
        "deciding": ";".join(u.deciding),
    }


def _not_obligated(n: NonObligation, language: str) -> dict[str, Any]:
    step = n.decisive
    decisive = (
        {
            "clause": step.clause,
            "article": step.article,
            "reason": cited([step], language),
            "decisive_test": step.test.value,
            "source": step.source,
        }
        if step
        else {}
    )
    return {
        "record": "not_obligated",
        "event": n.event,
        "state": n.state,
        "treaty": n.treaty,
        **decisive,
        "because": "; ".join(reasons(n, language)),
    }


def _conflict(c: Conflict, language: str) -> dict[str, Any]:
    codes = Reader(language)  # a table for programs: codes and ISO dates, as in the JSON contract
    sides = (
        pair(c.toward, commitments(c.owes, codes), codes),
        pair(c.against, commitments(c.bound_by, codes), codes),
    )
    return {
        "record": "conflict",
        "event": c.event,
        "state": c.state,
        "toward": c.toward,
        "against": c.against,
        "reason": joined(sides, codes),
        "because": "; ".join(reasons(c, language)),
    }
