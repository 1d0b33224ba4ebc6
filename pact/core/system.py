"""What the operating system answers, in pact's words: why a file could not be read or written, and
what a path is when it is not a regular file."""

from __future__ import annotations

import errno
import stat

from pact.words import Words

_KINDS = (
    (stat.S_ISDIR, "directory"),
    (stat.S_ISFIFO, "fifo"),
    (stat.S_ISCHR, "character_device"),
    (stat.S_ISBLK, "block_device"),
    (stat.S_ISSOCK, "socket"),
)

_REASONS = frozenset(
    {
        "ENOENT",
        "EACCES",
        "EPERM",
        "ENOTDIR",
        "EISDIR",
        "ELOOP",
        "ENAMETOOLONG",
        "ENOSPC",
        "EDQUOT",
        "EROFS",
        "EFBIG",
        "EIO",
        "EEXIST",
        "EBUSY",
        "ETXTBSY",
    }
)
"""System errors worded by the catalogues (``os.ENOENT`` …); any other keeps the system's words."""


def os_reason(exc: OSError | ValueError) -> Words:
    """The system's reason, as the rest of a pact line: ``no such file or directory``."""
    name = errno.errorcode.get(exc.errno or 0) if isinstance(exc, OSError) else None
    if name in _REASONS:
        return Words(f"os.{name}")
    reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc) or type(exc).__name__
    return Words("os.other", {"reason": reason[:1].lower() + reason[1:]})


def kind_of(mode: int) -> Words:
    """What a file that is not a regular one is, in words (``a named pipe``)."""
    return Words(f"file.{next((name for test, name in _KINDS if test(mode)), 'irregular')}")
