"""Tables written as they are computed: CSV, Parquet or JSON lines, chosen by the file's suffix.

Rows go to the file batch by batch, so a table larger than memory can be written, and a writer
closed early (Ctrl-C) leaves a valid file of the rows written so far: CSV and JSON lines are
flushed per batch; a Parquet file gets its footer when the writer closes. Parquet needs pyarrow
(``pip install 'pact[parquet]'``), imported only here and only when a Parquet file is asked for.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from pact.errors import InputError, PactError

SUFFIXES = (".csv", ".parquet", ".jsonl")

Column = type[str] | type[int] | type[date]
"""The type of a column's values (None is allowed in any column)."""


class MissingExtra(PactError):
    """An optional dependency pact needs for what was asked is not installed."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        self.package, self.extra = package, extra
        super().__init__(f"{purpose} needs {package}: pip install 'pact[{extra}]'")


class TableWriter:
    """Write rows of the given columns to ``path``; use as a context manager."""

    def __init__(self, path: Path, columns: Mapping[str, Column]) -> None:
        if path.suffix not in SUFFIXES:
            raise InputError(f"write to {' | '.join(SUFFIXES)}, not {path.suffix or 'no suffix'}", field="out")
        self.path, self.columns, self.rows = path, dict(columns), 0
        self._parquet: Any = None
        self._schema: Any = None
        self._file: IO[str] | None = None
        if path.suffix == ".parquet":
            self._open_parquet()
        else:
            self._file = path.open("w", encoding="utf-8", newline="")
            if path.suffix == ".csv":
                self._csv = csv.DictWriter(self._file, fieldnames=list(self.columns), lineterminator="\n")
                self._csv.writeheader()

    def _open_parquet(self) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise MissingExtra("pyarrow", "parquet", "writing Parquet") from None
        types = {str: pa.string(), int: pa.int64(), date: pa.date32()}
        self._schema = pa.schema([(name, types[kind]) for name, kind in self.columns.items()])
        self._parquet = pq.ParquetWriter(self.path, self._schema)

    def write(self, rows: Iterable[Mapping[str, object]]) -> None:
        """Append a batch of rows (each a mapping of column to value) and make it durable."""
        batch = list(rows)
        if self._parquet is not None:
            if batch:
                import pyarrow as pa

                self._parquet.write_table(pa.Table.from_pylist(batch, schema=self._schema))
        elif self._file is not None:
            if self.path.suffix == ".csv":
                self._csv.writerows(batch)
            else:
                self._file.writelines(json.dumps(row, default=str, ensure_ascii=False) + "\n" for row in batch)
            self._file.flush()
        self.rows += len(batch)

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
