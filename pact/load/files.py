"""Finding and reading the user's files, safely: the only module that opens them (rule and scenario
files, and the datasets importers read).

A size from ``stat`` is no bound (it says 0 for ``/dev/zero``, a pipe or a ``/proc`` file), so
every read stops after the limit in bytes actually read; anything but a regular file is refused
(opening a FIFO would wait for a writer for ever, so it is opened without waiting and refused);
directories are walked following links but entering each directory once, so a link loop ends.
A CSV dataset is read within limits on its rows, its columns and the length of a field, so that
what a file of the allowed size holds cannot take memory without bound either.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from pact.core.errors import InputError
from pact.core.system import kind_of, os_reason
from pact.words import Words

MAX_FILE_BYTES = 1_000_000
"""Bytes pact reads from one rule or scenario file at most."""

MAX_DATASET_BYTES = 16_000_000
"""Bytes pact reads from one dataset file at most unless told otherwise (``--max-bytes``); ATOP 4.01's
largest file has 543,083."""

MAX_CSV_ROWS = 200_000
"""Rows a CSV dataset may hold, its header aside (ATOP 4.01's member-level file has 2,398)."""

MAX_CSV_COLUMNS = 1_000
"""Columns a row of a CSV dataset may have (ATOP 4.01's alliance-level file has 141)."""

MAX_CSV_FIELD = 10_000
"""Characters one field of a CSV dataset may hold (ATOP 4.01's longest has 9)."""

YAML_SUFFIXES = (".yaml", ".yml")


def read_bytes(path: Path | str, kind: type[InputError], limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is refused as ``kind``."""
    data = read_head(path, kind, limit + 1, refuse_over=limit)
    if len(data) > limit:
        raise kind(Words("file.too_big", {"limit": limit}), file=path)
    return data


def read_text(path: Path | str, kind: type[InputError], limit: int = MAX_FILE_BYTES) -> str:
    """The text of a regular UTF-8 file of at most ``limit`` bytes."""
    raw = read_bytes(path, kind, limit)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise kind(Words("file.not_utf8", {"byte": f"{raw[exc.start]:#04x}"}), file=path, line=line) from None


def read_csv(
    path: Path | str, kind: type[InputError], limit: int = MAX_DATASET_BYTES
) -> Iterator[tuple[int, list[str]]]:
    """Each row of a CSV file (UTF-8, a leading byte-order mark allowed), header first, with the line
    it ends on; blank lines are skipped. Past a limit (bytes, rows, columns, a field's length) the
    file is refused at the row that breaks it."""
    text = read_text(path, kind, limit).removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = 0
    try:
        for row in reader:
            if not row:
                continue
            rows += 1
            if rows > MAX_CSV_ROWS + 1:  # the header is not counted
                raise kind(Words("csv.rows", {"limit": MAX_CSV_ROWS}), file=path, line=reader.line_num)
            if len(row) > MAX_CSV_COLUMNS:
                words = Words("csv.columns", {"count": len(row), "limit": MAX_CSV_COLUMNS})
                raise kind(words, file=path, line=reader.line_num)
            if any(len(field) > MAX_CSV_FIELD for field in row):
                raise kind(Words("csv.field", {"limit": MAX_CSV_FIELD}), file=path, line=reader.line_num)
            yield reader.line_num, row
    except csv.Error as exc:  # a field past the csv module's own limit, a NUL byte, a stray quote …
        too_long = str(exc).startswith("field larger than field limit")
        words = Words("csv.field", {"limit": MAX_CSV_FIELD}) if too_long else Words("csv.malformed", {"why": str(exc)})
        raise kind(words, file=path, line=reader.line_num) from None


def read_head(path: Path | str, kind: type[InputError], size: int, refuse_over: int | None = None) -> bytes:
    """The first ``size`` bytes of a regular file (all of it if shorter); anything else is refused.

    With ``refuse_over``, a file whose size is already known to be larger is refused unread.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        raise kind(os_reason(exc), file=path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise kind(Words("file.not_regular", {"kind": kind_of(info.st_mode)}), file=path)
        if refuse_over is not None and info.st_size > refuse_over:
            raise kind(Words("file.size", {"size": info.st_size, "limit": refuse_over}), file=path)
        chunks, got = [], 0
        while got < size:
            chunk = os.read(fd, size - got)
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
    except OSError as exc:
        raise kind(Words("file.unreadable", {"why": os_reason(exc)}), file=path) from None
    finally:
        os.close(fd)
    return b"".join(chunks)


def yaml_files(paths: Sequence[str], kind: type[InputError]) -> list[Path]:
    """The files named, and the ``*.yaml``/``*.yml`` files found below the directories named.

    Paths are kept as the user typed them: ``x.yaml/`` is an error (not a directory), which a
    ``Path`` would silently read as ``x.yaml``. A directory holding no YAML file is an error too.
    """
    found: list[Path] = []
    for path in paths:
        if stat.S_ISDIR(_stat(path, kind).st_mode):
            inside = _walk(Path(path), kind)
            if not inside:
                raise kind(Words("file.no_yaml"), file=path)
            found += inside
        else:
            found.append(Path(path))
    return found


def named_file(path: str, kind: type[InputError]) -> Path:
    """A file named on the command line, as typed: ``x.yaml/`` is refused (not a directory), where a
    ``Path`` would silently read ``x.yaml``; what the name leads to is checked when it is read."""
    _stat(path, kind)
    return Path(path)


def rule_files(folder: Path | str, kind: type[InputError]) -> list[Path]:
    """The YAML files directly inside a rules directory: ``*.yaml`` first, then ``*.yml``, each sorted."""
    if not stat.S_ISDIR(_stat(folder, kind, missing=Words("file.no_rules_directory")).st_mode):
        raise kind(Words("file.rules_not_directory"), file=folder)
    names = [entry.name for entry in _entries(Path(folder), kind)]
    return [Path(folder) / name for suffix in YAML_SUFFIXES for name in sorted(names) if name.endswith(suffix)]


def _stat(path: Path | str, kind: type[InputError], missing: Words | None = None) -> os.stat_result:
    try:
        return os.stat(path)
    except FileNotFoundError as exc:
        raise kind(missing or os_reason(exc), file=path) from None
    except (OSError, ValueError) as exc:
        raise kind(os_reason(exc), file=path) from None


def _entries(folder: Path, kind: type[InputError]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError as exc:
        raise kind(Words("file.unreadable_directory", {"why": os_reason(exc)}), file=folder) from None


def _walk(top: Path, kind: type[InputError]) -> list[Path]:
    """YAML files below ``top``, sorted; links are followed but each directory is entered once."""
    entered: set[tuple[int, int]] = set()
    found: list[Path] = []
    pending = [top]
    while pending:
        folder = pending.pop()
        try:
            info = os.stat(folder)
        except OSError:
            continue  # a link that broke while walking: nothing below it to read
        if (info.st_dev, info.st_ino) in entered:
            continue
        entered.add((info.st_dev, info.st_ino))
        for entry in _entries(folder, kind):
            if _is_dir(entry):
                pending.append(Path(entry.path))
            elif entry.name.endswith(YAML_SUFFIXES):
                found.append(Path(entry.path))  # the reader refuses it if it is no regular file
    return sorted(found)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False
