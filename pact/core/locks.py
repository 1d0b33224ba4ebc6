"""Locks a forked child finds free.

A fork copies every lock in the state other threads left it, and no thread of the child will ever
release one held elsewhere: the child of a process evaluating in two threads (a server, a test, a
notebook with a progress thread) would hang on its first evaluation. Every lock pact keeps across
calls is a ``ForkSafeLock``, replaced by a free one in the child.
"""

from __future__ import annotations

import os
import threading
import weakref
from types import TracebackType


class ForkSafeLock:
    """A ``threading.Lock`` that a forked child finds free; used as ``with lock:``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        _ALL.add(self)

    def __enter__(self) -> bool:
        return self._lock.acquire()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self._lock.release()

    def locked(self) -> bool:
        return self._lock.locked()


_ALL: weakref.WeakSet[ForkSafeLock] = weakref.WeakSet()


def _freed_in_child() -> None:
    for lock in list(_ALL):
        lock._lock = threading.Lock()


os.register_at_fork(after_in_child=_freed_in_child)
