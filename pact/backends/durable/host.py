"""What pact keeps inside durable-rules' C core, for one process: live rulesets and their sessions.

pact drives the C core (``durable_rules_engine``) directly rather than through durable's Python
``Host``: that Host starts two timer threads that race the caller and segfault it, and routes every
rule firing through Python closures, JSON state updates and clock reads (about 40 µs each). Here a
firing is read straight from the core's action queue, and no thread is started.

What the C core forces, and how it is held here:

- **It is not re-entrant**, and an evaluation is a sequence of calls (assert, read the
  firings): one lock per host serialises evaluations. The core never releases the GIL, so threads
  would gain nothing from finer locking.
- **Rulesets are process-wide and big**: every node of the network takes 1.3 KB and every node
  with successors a 2 KB table; handles come from a table of 131,072. A host keeps rulesets of at
  most ``max_rules`` rules live, keyed by their content (reloading the same rules reuses them),
  and deletes the least recently used ones (``delete_ruleset``), so memory stays bounded however
  many rule sets a process loads. The shards of the plan being run are never deleted to make room
  for each other: a plan bigger than the bound keeps all its shards live (creating a shard costs a
  thousand evaluations; deleting and recreating them in turn made every evaluation of 1,000
  treaties cost seconds), so the bound is ``max_rules`` or the largest plan run, whichever is more.
- **Sessions cannot always be deleted** (deleting one in which no action ever started frees an
  uninitialised pointer): each opens with a rule that fires at once.
- **Facts are never retracted**: retracting a fact that a completed action had matched reads, and
  may write, past the message slots of that action's freed frame (``deleteMessageFromFrame``
  walks a stale location, seen under valgrind and as a segfault in about half the runs of
  ``pact dyads`` 1949-2025 in one environment; tests/test_durable_no_retract.py). Every rule of a
  pact ruleset matches one fact, so a fact left in a session never fires again: a session takes
  the facts of ``session_runs`` evaluations, each stamped with its run so that no fact repeats
  one of an earlier run, and is then replaced by a new one, the previous one deleted
  (``delete_state`` frees a session's pools without walking frames). Each live ruleset keeps at
  most one session, of bounded size; opening a session per evaluation instead made matching 2 to
  3 times slower (docs/performance.md).
- **Facts are told apart by a 32-bit hash of their content**, sid included (upstream #376): two
  distinct facts can collide and one is refused as already observed. The session is then deleted
  and the evaluation rerun under a new sid, which rehashes every fact.
- **fork()**: a child inherits the lock in whatever state another thread left it, and the core's
  memory with it. Hosts register with ``os.register_at_fork``: a fork waits until no evaluation is
  under way, and the child starts with a free lock and consistent rulesets. The backend's other
  locks (its packed plans, every cache) come from ``fork_safe_lock``: the child finds them free.
- **Ctrl-C** lands between two calls into the core. During an evaluation, the session is deleted
  and ``KeyboardInterrupt`` propagates; while a ruleset or a session is being created (where a
  half-made one could be neither used nor deleted) it is held back until creation is done.

The host is explicit: ``DurableHost.shared()`` is the one the durable backend uses by default, and
a backend can be given another (tests do).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

import durable  # noqa: F401  the durable-rules package: where it cannot import, neither can its C core
import durable_rules_engine as core

from pact.backends.durable.limits import ERROR_NAMES
from pact.core.errors import EngineError

DEFAULT_MAX_RULES = 4096
"""Rules a host keeps live, over all its rulesets: each costs about 70 KB with its share of the
session (measured on 1,000 generated treaties: 3,900 rules, 260 MB), so about 300 MB at most."""

SESSION_RUNS = 128
"""Evaluations one session takes before it is replaced. Opening a session costs a few evaluations'
worth (the core clears memory for every rule), and each fact a session keeps makes the next
assertion a little slower: matching on the bundled rules ran at 4,270 scenarios/s
with 1 evaluation a session, 8,216 with 32, 8,152 with 128, 7,061 with 256 and 5,506 with 1,024 (one
run, load 12; 415 treaties: 291/s with 1, 1,169 with 16, about 1,400 from 32 to 256)."""

ATTEMPTS = 3
"""Evaluations run under a new sid after a hash collision before giving up (one in ~15,000 collides)."""

_OK, _NOT_HANDLED, _OBSERVED = 0, 1, 2
_SID_NOT_FOUND = 309


class Ruleset(Protocol):
    """What a host needs of a ruleset: a content key, its definition and size, its session's opening fact."""

    @property
    def key(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def size(self) -> int: ...

    def opening(self, sid: str) -> dict[str, Any]: ...


Match = tuple[str, dict[str, Any]]
"""A firing: the rule's name, and the facts it matched by alias."""


@dataclass
class _Session:
    sid: str
    offset: int  # the core's index of the session's state
    runs: int = 0  # evaluations it has taken


@dataclass
class _Live:
    handle: int
    size: int  # rules
    session: _Session | None = None


class DurableHost:
    """Live durable rulesets (of at most ``max_rules`` rules in all), at most one session each, behind one lock."""

    _shared: ClassVar[DurableHost | None] = None

    def __init__(self, max_rules: int = DEFAULT_MAX_RULES, session_runs: int = SESSION_RUNS) -> None:
        self.max_rules = max_rules
        self.session_runs = session_runs
        self.live_rules = 0
        self._lock = threading.RLock()
        self._live: OrderedDict[str, _Live] = OrderedDict()
        self._sids = itertools.count(1)
        _FORK_SAFE.add(self)

    @classmethod
    def shared(cls) -> DurableHost:
        """The process's host, created on first use: the one durable backends use by default."""
        if cls._shared is None:
            cls._shared = cls()
        return cls._shared

    def __len__(self) -> int:
        return len(self._live)

    def run(
        self, ruleset: Ruleset, facts: Callable[[str, int], list[dict[str, Any]]], kept: Collection[str] = ()
    ) -> list[Match]:
        """Assert ``facts(sid, run)`` in the ruleset's session, and return every rule firing they
        cause. ``run`` numbers the evaluations of the session: the facts must carry it, so that they
        never repeat a fact of an earlier run. Nothing is ever retracted; a full session, or one
        left half-way by an error, is replaced (see the module's docstring). ``kept`` are the keys
        of rulesets that must stay live to make room for this one (the other shards of its plan)."""
        with self._lock:
            live = self._ruleset(ruleset, kept)
            for _ in range(ATTEMPTS):
                try:
                    session = live.session
                    if session is None or session.runs >= self.session_runs:
                        session = self._open(live, ruleset)
                    session.runs += 1
                    matches = self._evaluate(live.handle, session, facts(session.sid, session.runs))
                except _Collision:
                    self._discard(live)
                    continue
                except BaseException as error:
                    self._discard(live)
                    if isinstance(error, core.error):
                        raise _engine_error(error) from error
                    raise
                return matches
            raise EngineError(f"durable-rules refused distinct facts as duplicates {ATTEMPTS} times in a row")

    def clear(self) -> None:
        """Delete every live ruleset and its session."""
        with self._lock:
            while self._live:
                self._evict(next(iter(self._live)))

    def sessions(self, ruleset: Ruleset) -> list[str]:
        """The sids of the ruleset's sessions the host keeps and the core still has (at most one)."""
        with self._lock:
            live = self._live.get(ruleset.key)
            session = live.session if live else None
            return [session.sid] if session and self.alive(ruleset, session.sid) else []

    def alive(self, ruleset: Ruleset, sid: str) -> bool:
        """Whether the C core still holds a session ``sid`` of this ruleset."""
        with self._lock:
            live = self._live.get(ruleset.key)
            if live is None:
                return False
            try:
                core.get_state(live.handle, sid)
            except core.error as error:
                if _code(error) == _SID_NOT_FOUND:
                    return False
                raise
            return True

    # Rulesets -------------------------------------------------------------------------------

    def _ruleset(self, ruleset: Ruleset, kept: Collection[str]) -> _Live:
        live = self._live.get(ruleset.key)
        if live is not None:
            self._live.move_to_end(ruleset.key)
            return live
        while self.live_rules + ruleset.size > self.max_rules:
            evicted = next((key for key in self._live if key not in kept), None)
            if evicted is None:  # only the plan's own shards are live: it runs with all of them, over the bound
                break
            self._evict(evicted)
        with _interrupts_held():
            try:
                handle = core.create_ruleset(ruleset.key, ruleset.text)
            except core.error as error:
                raise _engine_error(error) from error
            live = self._live[ruleset.key] = _Live(handle, ruleset.size)
            self.live_rules += live.size
        return live

    def _evict(self, key: str) -> None:
        live = self._live[key]
        self._discard(live)
        with _interrupts_held():
            core.delete_ruleset(live.handle)
            del self._live[key]
            self.live_rules -= live.size

    # Sessions -------------------------------------------------------------------------------

    def _open(self, live: _Live, ruleset: Ruleset) -> _Session:
        """Delete the ruleset's session, if any, and open a new one."""
        self._discard(live)
        sid = str(next(self._sids))
        with _interrupts_held():
            code, offset = core.assert_fact(live.handle, json.dumps(ruleset.opening(sid)))
            if code != _OK:
                raise EngineError(f"durable-rules refused a session's opening fact (code {code})")
            _drain(live.handle, offset)  # the opening rule fires: from now on the session can be deleted
            live.session = _Session(sid, offset)
        return live.session

    @staticmethod
    def _discard(live: _Live) -> None:
        """Delete the ruleset's session, if any (its opening rule has fired, so this is safe)."""
        if live.session is None:
            return
        try:
            core.delete_state(live.handle, live.session.sid)
        except core.error as error:
            if _code(error) != _SID_NOT_FOUND:  # deleted already, by an interrupted discard
                raise
        live.session = None

    @staticmethod
    def _evaluate(handle: int, session: _Session, facts: list[dict[str, Any]]) -> list[Match]:
        text = json.dumps(facts, separators=(",", ":"))  # never an empty list: asserting [] segfaults
        code, _ = core.assert_facts(handle, text)
        if code == _OBSERVED:
            raise _Collision
        if code != _OK:
            raise EngineError(f"durable-rules left a fact unhandled (code {code}): a bug in pact's rules")
        return _drain(handle, session.offset)  # no retract_facts: the session is replaced instead


class _Collision(Exception):
    """Two distinct facts of one session share a hash; a new sid rehashes them all."""


def _drain(handle: int, offset: int) -> list[Match]:
    """Every firing queued in the session: start each action, read it, complete it."""
    matches = []
    started = core.start_action_for_state(handle, offset)
    message = started[1] if started else None
    while message:
        ((rule, matched),) = json.loads(message).items()
        matches.append((rule, matched))
        message = core.complete_and_start_action(handle, offset)
    return matches


def _code(error: BaseException) -> int | None:
    found = re.search(r"error code: (\d+)", str(error))
    return int(found.group(1)) if found else None


def _engine_error(error: BaseException) -> EngineError:
    """A refusal of the C core, which pact's capacity checks should have prevented: a bug in pact."""
    code = _code(error)
    name = ERROR_NAMES.get(code, "an error") if code is not None else "an error"
    return EngineError(f"durable-rules failed: {error} ({name}); this is a bug in pact, please report it")


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C back until the block is done; only the main thread ever gets KeyboardInterrupt."""
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or previous is None:
        yield
        return
    held: list[int] = []
    signal.signal(signal.SIGINT, lambda signum, frame: held.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if held:
            signal.raise_signal(signal.SIGINT)


_FORK_SAFE: weakref.WeakSet[DurableHost] = weakref.WeakSet()
_HELD_OVER_FORK: list[DurableHost] = []  # the hosts whose locks the fork under way holds


def _before_fork() -> None:
    _HELD_OVER_FORK[:] = list(_FORK_SAFE)
    for host in _HELD_OVER_FORK:
        host._lock.acquire()


def _after_fork_in_parent() -> None:
    for host in _HELD_OVER_FORK:
        host._lock.release()
    _HELD_OVER_FORK.clear()


def _after_fork_in_child() -> None:
    for host in _HELD_OVER_FORK:
        host._lock = threading.RLock()
    _HELD_OVER_FORK.clear()


os.register_at_fork(before=_before_fork, after_in_parent=_after_fork_in_parent, after_in_child=_after_fork_in_child)
