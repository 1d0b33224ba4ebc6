"""Tables written as they are computed: CSV, Parquet or JSON lines, chosen by the file's suffix.

Rows go to a temporary file batch by batch, so a table larger than memory can be written; the
file takes the table's name only once every row is in (``pact.core.output``): a run that fails or is
stopped (Ctrl-C, SIGTERM, a full disk) leaves no table, or the old one untouched, never a table cut
short that looks complete. CSV cells that a spreadsheet would run as formulas are neutralised.
Parquet needs pyarrow (``pip install 'pact-treaties[parquet]'``), imported only here and only when a
Parquet file is asked for.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from pact.core.errors import InputError, PactError
from pact.core.output import Output, csv_cell, write_failed

SUFFIXES = (".csv", ".parquet", ".jsonl")

Column = type[str] | type[int] | type[date]
"""The type of a column's values (None is allowed in any column)."""


class MissingExtra(PactError):
    """An optional dependency pact needs for what was asked is not installed."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        self.package, self.extra = package, extra
        super().__init__(f"{purpose} needs {package}: pip install 'pact-treaties[{extra}]'")


@dataclass(frozen=True)
class Encoder:
    """Turns a batch of rows (tuples in the order of the columns) into what the file holds: text for
    CSV and JSON lines, an Arrow table for Parquet. Plain data, so a worker process can encode its
    own rows and send the writer one string or one table rather than many small objects."""

    suffix: str
    columns: tuple[tuple[str, Column], ...]

    def __call__(self, rows: Sequence[Sequence[object]]) -> str | Any:
        if self.suffix == ".parquet":
            return _arrow(self.columns, rows)
        out = io.StringIO()
        if self.suffix == ".csv":
            csv.writer(out, lineterminator="\n").writerows([csv_cell(v) for v in row] for row in rows)
        else:
            names = [name for name, _ in self.columns]
            out.writelines(
                json.dumps(dict(zip(names, row, strict=True)), default=str, ensure_ascii=False) + "\n" for row in rows
            )
        return out.getvalue()


def _schema(columns: tuple[tuple[str, Column], ...]) -> Any:
    try:
        import pyarrow as pa
    except ImportError:
        raise MissingExtra("pyarrow", "parquet", "writing Parquet") from None
    types = {str: pa.string(), int: pa.int64(), date: pa.date32()}
    return pa.schema([(name, types[kind]) for name, kind in columns])


def _arrow(columns: tuple[tuple[str, Column], ...], rows: Sequence[Sequence[object]]) -> Any:
    import pyarrow as pa

    schema = _schema(columns)
    values = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    return pa.Table.from_arrays([pa.array(v, type=f.type) for v, f in zip(values, schema, strict=True)], schema=schema)


class TableWriter:
    """Write rows of the given columns to ``path``; use as a context manager: the table is put in
    place when the block ends, and dropped if it raises."""

    def __init__(self, path: Path, columns: Mapping[str, Column]) -> None:
        if path.suffix not in SUFFIXES:
            raise InputError(f"write to {' | '.join(SUFFIXES)}, not {path.suffix or 'no suffix'}", field="out")
        self.path, self.rows = path, 0
        self.encoder = Encoder(path.suffix, tuple(columns.items()))
        schema = _schema(self.encoder.columns) if path.suffix == ".parquet" else None  # pyarrow missing: no file
        self._out = Output(path)
        self._parquet: Any = None
        self._file: IO[str] | None = None
        try:
            if schema is not None:
                import pyarrow.parquet as pq

                self._parquet = pq.ParquetWriter(str(self._out.path), schema)
            else:
                self._file = open(self._out.path, "w", encoding="utf-8", newline="")  # noqa: SIM115 (closed by close)
                if path.suffix == ".csv":
                    csv.writer(self._file, lineterminator="\n").writerow(columns)
        except OSError as exc:
            self._abandon()
            raise write_failed(path, exc) from None
        except BaseException:
            self._abandon()
            raise

    def write(self, rows: Iterable[Sequence[object]]) -> None:
        """Append a batch of rows (each a tuple in the order of the columns)."""
        batch = list(rows)
        if batch:
            self.write_encoded(self.encoder(batch), len(batch))

    def write_encoded(self, chunk: str | Any, rows: int) -> None:
        """Append ``rows`` rows that ``self.encoder`` (or a copy of it elsewhere) has encoded."""
        try:
            if self._parquet is not None:
                self._parquet.write_table(chunk)
            elif self._file is not None:
                self._file.write(chunk)
        except OSError as exc:
            raise write_failed(self.path, exc) from None
        self.rows += rows

    def close(self) -> None:
        """Finish the table and put it in place."""
        try:
            self._finish()
        except OSError as exc:
            self._abandon()
            raise write_failed(self.path, exc) from None
        self._out.commit()

    def _finish(self) -> None:
        if self._parquet is not None:
            writer, self._parquet = self._parquet, None
            writer.close()
        if self._file is not None:
            file, self._file = self._file, None
            file.close()

    def _abandon(self) -> None:
        """Drop the table: close what is open, whatever it says, and remove the temporary file."""
        try:
            self._finish()
        except OSError:
            pass  # a full disk fails the close too; the file goes anyway
        finally:
            self._out.discard()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if error is None:
            self.close()
        else:
            self._abandon()
