"""Locks a forked child finds free.

A fork copies every lock in the state other threads left it, and no thread of the child will ever
release one held elsewhere: the child of a process evaluating in two threads (a server, a test, a
notebook with a progress thread) would hang on its first evaluation. Every lock pact keeps across
calls comes from ``fork_safe_lock`` and is released in the child.

They are plain ``threading.Lock`` objects, used only as ``with lock:``, so that taking one stays a
single call into C: a lock wrapped in Python could be taken and then lose its release to a Ctrl-C
raised between the two lines of a Python ``__enter__``. pact never forks while it holds one of them
itself (they guard dictionary updates and packing), so whichever is held at a fork, another thread holds.
"""

from __future__ import annotations

import os
import threading
import weakref

_LOCKS: weakref.WeakSet[threading.Lock] = weakref.WeakSet()


def fork_safe_lock() -> threading.Lock:
    """A new lock that a forked child finds free."""
    lock = threading.Lock()
    _LOCKS.add(lock)
    return lock


def _freed_in_child() -> None:
    for lock in list(_LOCKS):
        if lock.locked():
            lock.release()


os.register_at_fork(after_in_child=_freed_in_child)
