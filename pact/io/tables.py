"""Tables written as they are computed: CSV, Parquet or JSON lines, chosen by the file's suffix.

Rows go to a temporary file batch by batch, so a table larger than memory can be written; the
file takes the table's name only once every row is in (``pact.core.output``): a run that fails or is
stopped (Ctrl-C, SIGTERM, a full disk) leaves no table, or the old one untouched, never a table cut
short that looks complete. CSV cells that a spreadsheet would run as formulas are neutralised.
Parquet needs pyarrow (``pip install 'pact-treaties[parquet]'``), imported only when a Parquet file
is asked for; its columns have the types of ``pact.analysis.table`` (docs/tables.md), and a table's
provenance goes into the Parquet file's metadata, or beside any file as ``FILE.provenance.json``
(``write_provenance``, written whole or not at all too).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from pact.analysis.table import Columns, ColumnType, arrow_schema, arrow_table, typed
from pact.core.errors import InputError
from pact.core.output import FORMULA_STARTS, Output, csv_cell, write_failed, write_file

SUFFIXES = (".csv", ".parquet", ".jsonl")
PROVENANCE_COLUMNS: Columns = (("pact_version", ColumnType.category), ("rules", ColumnType.category))
"""The columns ``--provenance column`` adds to every row: pact's version and the rules' fingerprint."""

TEXTUAL = frozenset({ColumnType.text, ColumnType.category})
"""The column types whose cells are text."""


@dataclass(frozen=True)
class Encoder:
    """Turns a batch of rows (tuples in the order of the columns) into what the file holds: text for
    CSV and JSON lines, an Arrow table for Parquet. Plain data, so a worker process can encode its
    own rows and send the writer one string or one table rather than many small objects."""

    suffix: str
    columns: Columns
    constants: tuple[object, ...] = ()
    """Values of the last columns, the same in every row (a table's provenance), added to each row here."""

    @cached_property
    def textual(self) -> tuple[int, ...]:
        """Where the columns of text are: only their cells can hold what a spreadsheet runs as a formula."""
        return tuple(i for i, (_, kind) in enumerate(self.columns) if kind in TEXTUAL)

    def __call__(self, rows: Sequence[Sequence[object]]) -> str | Any:
        if self.constants:
            rows = [(*row, *self.constants) for row in rows]
        if self.suffix == ".parquet":
            return arrow_table(self.columns, rows)
        out = io.StringIO()
        if self.suffix == ".csv":
            csv.writer(out, lineterminator="\n").writerows(formula_free(rows, self.textual))
        else:
            names = [name for name, _ in self.columns]
            out.writelines(
                json.dumps(dict(zip(names, row, strict=True)), default=str, ensure_ascii=False) + "\n" for row in rows
            )
        return out.getvalue()


def formula_free(rows: Iterable[Sequence[object]], textual: Sequence[int]) -> Iterator[Sequence[object]]:
    """The rows, each cell of the ``textual`` columns made safe for a spreadsheet (``csv_cell``). The
    other columns hold numbers, flags and days, never text; a row with nothing to quote (nearly all of
    them) is passed on as it is rather than copied cell by cell (a tenth of a large dyad table's time)."""
    for row in rows:
        for i in textual:
            cell = row[i]
            if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
                yield [csv_cell(v) if j in textual else v for j, v in enumerate(row)]
                break
        else:
            yield row


class TableWriter:
    """Write rows of the given columns to ``path``; use as a context manager: the table is put in
    place when the block ends, and dropped if it raises. ``columns`` maps each name to its type (a
    ``ColumnType``, or ``str``, ``int`` or ``date``); ``provenance`` goes into a Parquet file's metadata."""

    def __init__(
        self,
        path: Path,
        columns: Mapping[str, type | ColumnType] | Columns,
        provenance: Mapping[str, Any] | None = None,
        *,
        provenance_columns: bool = False,
    ) -> None:
        if path.suffix not in SUFFIXES:
            raise InputError(f"write to {' | '.join(SUFFIXES)}, not {path.suffix or 'no suffix'}", field="out")
        self.path, self.rows = path, 0
        named = columns if isinstance(columns, tuple) else typed(columns)
        made = provenance or {}
        constants = (made.get("pact"), made.get("rules")) if provenance_columns else ()
        extra = PROVENANCE_COLUMNS if provenance_columns else ()
        self.encoder = Encoder(path.suffix, (*named, *extra), constants)
        # pyarrow missing: said before any file is made
        schema = arrow_schema(self.encoder.columns, provenance) if path.suffix == ".parquet" else None
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
                    names = [name for name, _ in self.encoder.columns]
                    csv.writer(self._file, lineterminator="\n").writerow(names)
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
        except BaseException:  # an interrupt while the last rows go out
            self._abandon()
            raise
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


def write_provenance(path: Path, provenance: Mapping[str, Any]) -> Path:
    """Write a table's provenance beside it, as ``FILE.provenance.json``; returns that path."""
    sidecar = path.with_name(path.name + ".provenance.json")
    write_file(sidecar, json.dumps(dict(provenance), indent=2, default=str, ensure_ascii=False) + "\n")
    return sidecar
