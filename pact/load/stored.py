"""The validated rulebook kept between runs, so that a command need not read and check the rule files again.

Reading and validating the 28 bundled rule files is a fifth of ``pact run``; unpickling the rulebook they
make takes a few milliseconds. One file per stack of layers (``$XDG_CACHE_HOME/pact``, else
``~/.cache/pact``) holds the rulebook and the key it was made under, and is used only when that key is
today's: the content of every rule file of every layer (hashed: an edit within the same second, or one
that keeps the size, still counts), the layers as named and where they lead, the size and time of every
file of pact itself (any other version or any edit of a source checkout changes them), and the versions
of Python and of the libraries that read and check the files.

Nothing is trusted blindly: a file that is not the user's, that carries another key, that does not
unpickle or that holds anything but a rulebook is ignored and written anew. Rules with errors are never
stored (loading them raises, and does again next time), so their errors are told as always; the
definitions a later layer replaced are part of the rulebook, so their notes come out the same.
``PACT_NO_CACHE=1`` (or ``pact --no-cache``) reads the files every time, and a cache directory that
cannot be made or written is passed over in silence: the cache only ever saves time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pycountry
import pydantic
import yaml

from pact.core.errors import PactError, RuleError
from pact.core.output import write_file
from pact.load.files import read_bytes, rule_files
from pact.load.layers import rule_folders
from pact.load.loader import load_rules
from pact.model import Rulebook

FORMAT = b"pact rulebook 1\n"
"""The first bytes of a stored rulebook; a new layout of the file gets a new number."""

PACKAGE = Path(__file__).resolve().parent.parent
"""pact's own files: the code that reads and checks the rules, and the data it checks them against."""

MAX_STORED_BYTES = 64_000_000
"""The most pact reads of a stored rulebook (the bundled rules' is about 0.5 MB)."""


def stored_rules(*layers: Path | str | None, bundled: bool = True, keep: bool = True) -> Rulebook:
    """``load_rules(*layers, bundled=bundled)``, from the rulebook kept by an earlier run when its rule
    files and pact are as they were then; ``keep=False`` (or ``PACT_NO_CACHE``) reads the files anew."""
    folders = rule_folders(layers, bundled)
    key = _key(folders) if keep and not disabled() else None
    if key is None:
        return load_rules(*layers, bundled=bundled)
    file = cache_dir() / f"rules-{_digest(repr(_named(folders)).encode()).hex()[:24]}.pickle"
    found = _read(file, key)
    if found is not None:
        return found
    rulebook = load_rules(*layers, bundled=bundled)
    if _key(folders) == key:  # a file changed while it was read would be stored under its old content
        _write(file, key, rulebook)
    return rulebook


def disabled() -> bool:
    """Whether ``PACT_NO_CACHE`` asks for no stored rulebook (any value but empty or ``0``)."""
    return os.environ.get("PACT_NO_CACHE", "") not in ("", "0")


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/pact``, or ``~/.cache/pact`` when it is unset or not an absolute path."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    return (Path(base) if os.path.isabs(base) else Path.home() / ".cache") / "pact"


def _named(folders: Sequence[Path]) -> list[tuple[str, str]]:
    """Each layer as named (the rulebook cites its files so) and the directory it leads to."""
    return [(str(folder), os.path.realpath(folder)) for folder in folders]


def _key(folders: Sequence[Path]) -> bytes | None:
    """What the rulebook of these layers depends on, hashed; None when a layer cannot be read (loading
    it will say why)."""
    parts: list[object] = [FORMAT, sys.version, pydantic.VERSION, yaml.__version__, pycountry.__version__]
    parts += _named(folders)
    try:
        parts += sorted(_package_files(PACKAGE))
        for folder in folders:
            parts += [(file.name, _digest(read_bytes(file, RuleError))) for file in rule_files(folder, RuleError)]
    except (OSError, PactError):
        return None
    return _digest(repr(parts).encode())


def _package_files(folder: Path) -> Iterator[tuple[str, int, int]]:
    """Each file of pact's package: its path, size and time of last change (bytecode caches aside)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    yield from _package_files(Path(entry.path))
            else:
                info = entry.stat()
                yield entry.path, info.st_size, info.st_mtime_ns


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=32).digest()


def _read(file: Path, key: bytes) -> Rulebook | None:
    """The rulebook stored in ``file`` under ``key``, or None: missing, foreign, stale or damaged."""
    try:
        with open(file, "rb") as stream:
            if not _owned(os.fstat(stream.fileno())) or not _private(os.stat(file.parent)):
                return None
            data = stream.read(MAX_STORED_BYTES + 1)
    except OSError:
        return None
    head = FORMAT + key
    if not data.startswith(head) or len(data) > MAX_STORED_BYTES:
        return None
    try:
        found = pickle.loads(data[len(head) :])
    except Exception:  # a damaged or truncated file fails in whatever way unpickling its bytes does
        return None
    return found if isinstance(found, Rulebook) else None


def _owned(info: os.stat_result) -> bool:
    """Whether a file is the user's own: a pickle is code, and only the user's own may run."""
    user = getattr(os, "getuid", None)  # None on Windows, where the user's profile is private
    return user is None or info.st_uid == user()


def _private(info: os.stat_result) -> bool:
    """Whether a directory is the user's own and no one else may put a file in it."""
    return _owned(info) and (os.name == "nt" or not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))


def _write(file: Path, key: bytes, rulebook: Rulebook) -> None:
    """Store the rulebook for next time; a directory that cannot be made or written is no error."""
    data = FORMAT + key + pickle.dumps(rulebook, protocol=pickle.HIGHEST_PROTOCOL)
    if len(data) > MAX_STORED_BYTES:
        return  # it would never be read back
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_file(file, data, streams=False)
    except (OSError, PactError):
        pass
