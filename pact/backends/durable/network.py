"""The alpha network of one kind of fact, as durable-rules' C core builds it, and how many of its
nodes one fact may hold pending at once while it walks it (``MAX_STACK_SIZE``).

The core (rete.c, ``createAlpha``) turns a pattern's tests into a chain of alpha nodes below the
node of its kind, sharing a node with every pattern that has the same test below the same parent
(``findAlpha``). A disjunction (``$or``) is a node of each alternative, shared as any test is, and a
*forward* node of the pattern's own, listed below each alternative, from which the rest of the
pattern goes on. A fact walks the network depth first (events.c, ``handleAlpha``): a node popped
pushes every child whose test the fact passes, and every forward node listed below it; the walk
fails past 64 pending nodes.

So the nodes one fact holds at once are, at most, those pushed below the nodes on one path from the
kind and not yet popped: below a node with children ``C`` whose own walks hold at most ``m(c)``,
``max(|C|, |C| - 1 + max m(c))``, since the children popped before the deepest one are gone and
those popped after it wait. A fact passes at most one of the equalities on one property (it has one
value), so they count once among a node's children; other tests (``$gte`` …) and forward nodes
count each. A child of the kind's node may be *restricted*: passed only by the facts of some values
of the kind's ``own`` property (an event's victim; ``Pattern.reach``), so each such value counts the
children it may pass; the worst value is the network's depth. That is a bound, reached by a fact
that passes every test it may (tests/test_durable_limits.py pins 64 and 65 against the core), and
far below the count of every pattern such a fact passes: while one branch is walked, the others
wait as one node each, however many patterns lie below them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

Test = tuple[str, str, str]
"""One test as the core keys its node: the property, the operator (``$eq`` for an equality, ``$e``
for a comparison with another fact) and the operand (``_operand``)."""

Step = tuple[Test, ...]
"""One test of a pattern, or the alternatives of a disjunction (two or more)."""


@dataclass(frozen=True)
class Pattern:
    """A pattern's tests after its kind, and who may pass its first test: the facts of some values
    of their ``own`` property (``reach``), or any fact (None). A fact has one value of its own
    property, so an equality on a keyed name of it (``target=NER``) is one on that property."""

    steps: tuple[Step, ...]
    reach: frozenset[Any] | None = None
    own: str | None = None


def steps_of(tests: list[Any]) -> tuple[Step, ...]:
    """A pattern's tests after its kind, as steps (ValueError for a shape pact never writes: a
    disjunction of anything but single tests)."""
    return tuple(tuple(_test(t) for t in test["$or"]) if list(test) == ["$or"] else (_test(test),) for test in tests)


def _test(test: Any) -> Test:
    if not (isinstance(test, dict) and len(test) == 1):
        raise ValueError(f"not a single test: {test}")
    ((key, value),) = test.items()
    if key.startswith("$"):
        if not (isinstance(value, dict) and len(value) == 1):
            raise ValueError(f"not a single test: {test}")
        ((name, operand),) = value.items()
        return name, key, _operand(operand)
    return key, "$e" if isinstance(value, dict) else "$eq", _operand(value)


def _operand(value: Any) -> str:
    """A constant as the core tells it apart: by type and value (``1`` is not ``"1"``)."""
    return repr(value) if isinstance(value, str | int | float) else json.dumps(value, sort_keys=True)


class _Node:
    """An alpha node: its children by test, the forward nodes listed below it, and what its walk
    may hold pending (``most``)."""

    __slots__ = ("children", "deepest", "forwards", "groups", "most", "others")

    def __init__(self) -> None:
        self.children: dict[Test, _Node] = {}
        self.forwards: list[_Node] = []
        self.groups: set[str] = set()  # properties some child tests an equality on: one each passes
        self.others = 0  # children that are not equalities: each may pass
        self.deepest = 0  # the most a child's own walk holds
        self.most = 0

    @property
    def width(self) -> int:
        """Children one fact may pass at once."""
        return len(self.groups) + self.others + len(self.forwards)


def _group(prop: str, operand: str, own: str | None) -> str:
    """The property an equality is on: a keyed name of the own property (``target=NER``) is one on
    that property."""
    if own is not None and prop.startswith(f"{own}=") and operand == repr(prop[len(own) + 1 :]):
        return own
    return prop


def _reach(test: Test, pattern: Pattern) -> frozenset[Any] | None:
    """The own values whose facts may pass this first test of the pattern (None: any fact's)."""
    prop, operator, operand = test
    if operator == "$eq" and pattern.own is not None and _group(prop, operand, pattern.own) == pattern.own:
        return frozenset({prop[len(pattern.own) + 1 :]})
    return pattern.reach if len(pattern.steps[0]) == 1 else None


def _most(width: int, deepest: int) -> int:
    return max(width, width - 1 + deepest) if width else 0


class Network:
    """The alpha network of one kind of fact: patterns are added, never removed; ``trial`` adds some
    and takes them back."""

    def __init__(self) -> None:
        self.top = _Node()  # the kind's node: its unrestricted children
        self.restricted: dict[Test, tuple[_Node, frozenset[Any]]] = {}
        self.passes: dict[Any, int] = {}  # own value -> restricted children its facts may pass
        self.deep: dict[Any, int] = {}  # own value -> the most one of those children's walks holds
        self.depth = 0  # the most one fact may hold pending, for the worst value
        self.widest = 0  # the most tests below one node
        self._undo: list[tuple[Any, ...]] | None = None  # while on trial: (function, *arguments) to undo each change

    @contextmanager
    def trial(self) -> Iterator[Callable[[], None]]:
        """What is added inside is taken back on leaving, unless the function given is called."""
        undo: list[tuple[Any, ...]] = []
        self._undo = undo
        try:
            yield undo.clear
        finally:
            self._undo = None
            for function, *arguments in reversed(undo):
                function(*arguments)

    def add(self, pattern: Pattern) -> None:
        if not pattern.steps:
            return  # the pattern ends at the kind's node: nothing is pushed for it
        first, rest, own = pattern.steps[0], pattern.steps[1:], pattern.own
        reaches = [_reach(test, pattern) for test in first]
        if all(reach is None for reach in reaches):
            if any(test in self.restricted for test in first):
                raise ValueError(f"a first test restricted before and not now: {first}")
            self._walk(self.top, pattern.steps, own)
            self._deeper(self.passes)
        elif any(reach is None for reach in reaches):
            raise ValueError(f"a disjunction of restricted and unrestricted first tests: {first}")
        elif len(first) == 1:
            self._restricted(first[0], reaches[0] or frozenset(), lambda node: self._walk(node, rest, own))
        else:
            forward = _Node()
            self._walk(forward, rest, own)
            for test, reach in zip(first, reaches, strict=True):
                self._restricted(test, reach or frozenset(), lambda node: self._forward(node, forward))

    def _restricted(self, test: Test, passing: frozenset[Any], grow: Callable[[_Node], None]) -> None:
        """Grows the kind's child of this test, which the facts of the ``passing`` own values pass."""
        if test in self.top.children:
            raise ValueError(f"a first test not restricted before and restricted now: {test}")
        node, reach = self.restricted.get(test, (None, frozenset()))
        node = node or _Node()
        most = node.most
        grow(node)
        values = passing | reach
        if values != reach or test not in self.restricted:  # a new child, or new values that pass it
            self._set(self.restricted, test, (node, values))
            self._widen(self.top)
            for value in values - reach:
                self._set(self.passes, value, self.passes.get(value, 0) + 1)
        elif node.most == most:
            return  # nothing any fact may hold changed
        for value in values:
            if node.most > self.deep.get(value, 0):
                self._set(self.deep, value, node.most)
        self._deeper(values)

    def _deeper(self, values: Any) -> None:
        """The depth, once the facts of these own values (and those of no restricted child) may
        hold more."""
        top, passes, deep = self.top, self.passes, self.deep
        worst = max(
            [_most(top.width, top.deepest)]
            + [_most(top.width + passes[v], max(top.deepest, deep.get(v, 0))) for v in values if v in passes]
        )
        if worst > self.depth:
            self._attr(self, "depth", worst)

    def _walk(self, node: _Node, steps: tuple[Step, ...], own: str | None) -> None:
        """Adds the steps below ``node`` and updates what every node on the way may hold."""
        if not steps:
            return
        first, rest = steps[0], steps[1:]
        if len(first) == 1:
            child = self._child(node, first[0], own)
            self._walk(child, rest, own)
            self._raise(node, child.most)
            return
        forward = _Node()
        self._walk(forward, rest, own)
        for test in first:
            child = self._child(node, test, own)
            self._forward(child, forward)
            self._raise(node, child.most)

    def _forward(self, node: _Node, forward: _Node) -> None:
        """Lists a disjunction's forward node below one of its alternatives."""
        self._set_list(node.forwards, forward)
        self._raise(node, forward.most)

    def _child(self, node: _Node, test: Test, own: str | None) -> _Node:
        child = node.children.get(test)
        if child is None:
            child = _Node()
            self._set(node.children, test, child)
            self._widen(node)
            prop, operator, operand = test
            if operator != "$eq":
                self._attr(node, "others", node.others + 1)
            elif (group := _group(prop, operand, own)) not in node.groups:
                node.groups.add(group)
                self._log(set.discard, node.groups, group)
        return child

    def _raise(self, node: _Node, deepest: int) -> None:
        if deepest > node.deepest:
            self._attr(node, "deepest", deepest)
        most = _most(node.width, node.deepest)
        if most != node.most:
            self._attr(node, "most", most)

    def _widen(self, node: _Node) -> None:
        tests = len(node.children) + (len(self.restricted) if node is self.top else 0)
        if tests > self.widest:
            self._attr(self, "widest", tests)

    # --- every change goes through here, so that a trial can take it back -------------------------

    def _log(self, *undo: Any) -> None:
        if self._undo is not None:
            self._undo.append(undo)

    def _attr(self, target: Any, name: str, value: Any) -> None:
        self._log(setattr, target, name, getattr(target, name))
        setattr(target, name, value)

    def _set(self, mapping: dict[Any, Any], key: Any, value: Any) -> None:
        if key in mapping:
            self._log(dict.__setitem__, mapping, key, mapping[key])
        else:
            self._log(dict.pop, mapping, key)
        mapping[key] = value

    def _set_list(self, items: list[_Node], item: _Node) -> None:
        items.append(item)
        self._log(list.pop, items)
