"""Bounded caches, one policy for all: least recently used out first.

Every cache in pact is a ``BoundedCache`` held by the object whose lifetime it shares (a plan keeps
what it worked out about its own rules, an engine its answers), so that dropping the owner drops
the cache, and no cache grows without bound however long a process runs.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from pact.core.locks import fork_safe_lock

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """At most ``size`` values by key; the least recently used goes first when a new one comes."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: OrderedDict[K, V] = OrderedDict()
        self._lock = fork_safe_lock()  # engines are shared by threads (a server's requests)

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for ``key``, or ``make()`` kept for next time."""
        with self._lock:
            try:
                self._values.move_to_end(key)  # a hit, most often: one lookup to find it, one to read it
            except KeyError:
                pass
            else:
                return self._values[key]
        value = make()  # outside the lock: making may take long, and two threads making the same value is harmless
        self.put(key, value)
        return value

    def find(self, key: K) -> V | None:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            return None

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.size:
                self._values.popitem(last=False)

    def __len__(self) -> int:
        return len(self._values)


class Memo:
    """An owner's caches, one per purpose, each bounded (``plan.memo("regions", 100_000)``)."""

    def __init__(self) -> None:
        self._caches: dict[str, BoundedCache] = {}
        self._lock = fork_safe_lock()

    def __call__(self, purpose: str, size: int) -> BoundedCache:
        found = self._caches.get(purpose)  # made once, then only read: no lock needed to find it
        if found is not None:
            return found
        with self._lock:
            found = self._caches.get(purpose)
            if found is None:
                found = self._caches[purpose] = BoundedCache(size)
            return found
