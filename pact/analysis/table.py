"""Tables for research as typed data: named columns, each of a type that pandas, Arrow, R and Stata read
the same way, and rows; ``to_pandas()`` and ``to_arrow()`` when those libraries are installed.

The column types, and how each is stored (docs/tables.md says the same for readers):

- ``text``: a string (``treaties``, ``clauses``);
- ``category``: a string of few distinct values: pact's state codes, treaty ids, kinds. Parquet stores
  it as a dictionary, pandas as ``category``, R's arrow reads a factor;
- ``integer``: a whole number (a year, a COW or G&W code): Parquet ``int32``, pandas ``Int32``. COW and
  G&W codes are integers, not categories, so that they join peacesciencer's numeric ``ccode1``;
- ``flag``: 0 or 1 (``atop_defense`` …): Parquet ``int8``, pandas ``Int8``;
- ``date``: a day: Parquet ``date32``, pandas ``datetime64``, R ``Date``; CSV writes ISO 8601.

Any cell may be missing (None): empty in CSV, null in Parquet, ``<NA>`` in pandas.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from pact.core.errors import MissingExtra


class ColumnType(StrEnum):
    text = "text"
    category = "category"
    integer = "integer"
    flag = "flag"
    date = "date"


Columns = tuple[tuple[str, ColumnType], ...]
"""A table's columns, in order, with their types."""

PYTHON_TYPES: dict[type, ColumnType] = {str: ColumnType.text, int: ColumnType.integer, date: ColumnType.date}
"""The column type of a plain Python type (the analyses' own column lists: ``dyads.columns``, ``sweep.COLUMNS``)."""


def typed(columns: Mapping[str, type | ColumnType], categories: Iterable[str] = ()) -> Columns:
    """Columns with their types: Python types become column types, and the columns named in ``categories``
    are categories."""
    wanted = set(categories)
    return tuple(
        (name, ColumnType.category if name in wanted else kind if isinstance(kind, ColumnType) else PYTHON_TYPES[kind])
        for name, kind in columns.items()
    )


@dataclass(frozen=True)
class Table:
    """A table: its columns and rows (tuples in the columns' order), and what made it (``provenance``, plain
    data that ``pact.analysis.research.Provenance.as_dict`` gives), and notes for the reader."""

    columns: Columns
    rows: Sequence[tuple[Any, ...]]
    provenance: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dictionaries, column by column."""
        names = self.names
        return [dict(zip(names, row, strict=True)) for row in self.rows]

    def to_arrow(self) -> Any:
        """A ``pyarrow.Table`` with the columns' types (``pip install 'pact-treaties[parquet]'``); the table's
        provenance, as JSON, is its schema's metadata under ``pact``."""
        return arrow_table(self.columns, self.rows, self.provenance)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` with the columns' types (``pip install 'pact-treaties[pandas]'``); the
        provenance is in ``frame.attrs["pact"]``."""
        try:
            import pandas
        except ImportError:
            raise MissingExtra("pandas", "pandas", "a DataFrame") from None
        frame = pandas.DataFrame.from_records(list(self.rows), columns=list(self.names))
        for name, kind in self.columns:
            frame[name] = _pandas_column(pandas, frame[name], kind)
        frame.attrs["pact"] = dict(self.provenance)
        return frame


def _pandas_column(pandas: Any, values: Any, kind: ColumnType) -> Any:
    if kind is ColumnType.category:
        return values.astype("category")
    if kind is ColumnType.integer:
        return values.astype("Int32")
    if kind is ColumnType.flag:
        return values.astype("Int8")
    if kind is ColumnType.date:
        return pandas.to_datetime(values)
    return values.astype("string")


def arrow_schema(columns: Columns, provenance: Mapping[str, Any] | None = None) -> Any:
    """The Arrow schema of a table's columns (provenance as JSON in its metadata, when given)."""
    try:
        import pyarrow as pa
    except ImportError:
        raise MissingExtra("pyarrow", "parquet", "writing Parquet") from None
    types = {
        ColumnType.text: pa.string(),
        ColumnType.category: pa.dictionary(pa.int32(), pa.string()),
        ColumnType.integer: pa.int32(),
        ColumnType.flag: pa.int8(),
        ColumnType.date: pa.date32(),
    }
    schema = pa.schema([(name, types[kind]) for name, kind in columns])
    if provenance:
        import json

        schema = schema.with_metadata({"pact": json.dumps(dict(provenance), default=str, ensure_ascii=False)})
    return schema


def arrow_table(columns: Columns, rows: Sequence[Sequence[Any]], provenance: Mapping[str, Any] | None = None) -> Any:
    """Rows (tuples in the columns' order) as a ``pyarrow.Table`` of ``arrow_schema``."""
    import pyarrow as pa

    schema = arrow_schema(columns, provenance)
    values = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    arrays = [_arrow_array(pa, v, f.type) for v, f in zip(values, schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


def _arrow_array(pa: Any, values: Sequence[Any], kind: Any) -> Any:
    if pa.types.is_dictionary(kind):
        return pa.array(values, type=pa.string()).dictionary_encode().cast(kind)
    return pa.array(values, type=kind)
