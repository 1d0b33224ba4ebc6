"""Finding and reading the user's files, safely: the only module that opens them.

A size from ``stat`` is no bound (it says 0 for ``/dev/zero``, a pipe or a ``/proc`` file), so
every read stops after the limit in bytes actually read; anything but a regular file is refused
(opening a FIFO would wait for a writer for ever, so it is opened without waiting and refused);
directories are walked following links but entering each directory once, so a link loop ends.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from pact.core.errors import InputError
from pact.words import Words

MAX_FILE_BYTES = 1_000_000
"""Bytes pact reads from one file at most."""

YAML_SUFFIXES = (".yaml", ".yml")

_KINDS = (
    (stat.S_ISDIR, "directory"),
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISCHR, "character_device"),
    (stat.S_ISBLK, "block_device"),
    (stat.S_ISSOCK, "socket"),
)

_REASONS = frozenset({"ENOENT", "EACCES", "ENOTDIR", "EISDIR", "ELOOP", "ENAMETOOLONG"})
"""System errors worded by the catalogues (``os.ENOENT`` …); any other keeps the system's words."""


def _why(exc: OSError | ValueError) -> Words:
    """The system's reason, as the rest of a pact line: ``no such file or directory``."""
    name = errno.errorcode.get(exc.errno or 0) if isinstance(exc, OSError) else None
    if name in _REASONS:
        return Words(f"os.{name}")
    reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
    return Words("os.other", {"reason": reason[:1].lower() + reason[1:]})


def _kind_of(mode: int) -> Words:
    return Words(f"file.{next((name for test, name in _KINDS if test(mode)), 'irregular')}")


def read_bytes(path: Path | str, kind: type[InputError], limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; anything else is refused as ``kind``."""
    data = read_head(path, kind, limit + 1, refuse_over=limit)
    if len(data) > limit:
        raise kind(Words("file.too_big", {"limit": limit}), file=path)
    return data


def read_head(path: Path | str, kind: type[InputError], size: int, refuse_over: int | None = None) -> bytes:
    """The first ``size`` bytes of a regular file (all of it if shorter); anything else is refused.

    With ``refuse_over``, a file whose size is already known to be larger is refused unread.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        raise kind(_why(exc), file=path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise kind(Words("file.not_regular", {"kind": _kind_of(info.st_mode)}), file=path)
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
        raise kind(Words("file.unreadable", {"why": _why(exc)}), file=path) from None
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
        raise kind(missing or _why(exc), file=path) from None
    except (OSError, ValueError) as exc:
        raise kind(_why(exc), file=path) from None


def _entries(folder: Path, kind: type[InputError]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError as exc:
        raise kind(Words("file.unreadable_directory", {"why": _why(exc)}), file=folder) from None


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
