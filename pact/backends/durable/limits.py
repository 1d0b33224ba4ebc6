"""The static limits of durable-rules' C core, and how much of each a ruleset of pact's uses.

durable-rules 2.0.28 (upstream commit 72070f4, its last release) sizes its arrays with constants
and checks some of them late or not at all: past one, it returns an error code from the middle of
an evaluation, or writes past an array and crashes. pact therefore works out, before it creates a
ruleset, how much of each limit the ruleset can use, and never creates one that could overflow.
Each constant below is copied from the file named beside it (``src/rules/`` in the upstream tree);
docs/limits.md lists what a user would have seen at each, and tests/test_durable_limits.py pins
them against the installed C core.

Pure Python: it imports nothing of durable, so the capacity of a plan can be checked anywhere.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Any

from pact.backends.durable.network import Network, Pattern, steps_of

MAX_OBJECT_PROPERTIES = 255
"""state.h: properties of one fact, counting the ``sid`` and the ``id`` the core adds to each fact.

The count is kept in an ``unsigned char``; a fact of 254 properties of its own (255 with its id)
is silently not stored, and the call returns a garbage session offset, which pact's next call
used and segfaulted on (issue 12: a treaty and 122 regions, or 245 treaties, as properties of one
event fact)."""

MAX_FACT_PROPERTIES = MAX_OBJECT_PROPERTIES - 2
"""Properties pact may put in one fact, ``sid`` included: one slot is the core's ``id``, and the
last slot can never be filled (reaching 255 is refused, and 254 of one's own crashes)."""

MAX_STACK_SIZE = 64
"""events.c: alpha nodes pending at once while one fact walks the alpha network, depth first.

Every node whose test the fact passes is pushed; past 64 the assertion fails with
``ERR_MAX_STACK_SIZE`` (303) half-way through a batch (issue 12: 65 clauses that join attackers,
or many treaties with equal dates and event types, on an event that matches all of them)."""

BETA_LIST_LENGTH = 256
"""rules.h: rule patterns that may end at one alpha node. The bound is checked only past the end of
the list: a 256th pattern leaves it with no zero terminator, and the core reads past it; 300 fail
with ``ERR_RULE_BETA_LIMIT_EXCEEDED`` (108) when the ruleset is created (issue 12: 300 treaties)."""

NEXT_LIST_LENGTH = 128
"""rules.h: disjunctions (``$or``) that may continue from one alpha node (107 past it)."""

NEXT_BUCKET_LENGTH = 512
"""rules.h: tests that may hang below one alpha node, in one open-addressed table. With 512 the
table is full: the ruleset is created, and the first fact asserted hangs in the probe for a free
slot (found here)."""

MAX_ACTIONS = 4096
"""rete.c: rules in one ruleset (106 past it)."""

MAX_SEQUENCE_EXPRESSIONS = 32
"""rete.h: join tests plus two per ``$and``/``$or`` in one pattern (113 when it reaches 32)."""

MAX_MESSAGE_FRAMES = 16
"""state.h: facts one rule may join (patterns of one rule)."""

MAX_STATE_INDEX_LENGTH = 1024
"""rete.h: live sessions of one ruleset (``MemoryError``, then a crash, past it)."""

MAX_HANDLES = 131072
"""rules.h: live rulesets in one process (``ERR_HANDLE_LIMIT_EXCEEDED``, 112, past it)."""

ERROR_NAMES = {
    101: "ERR_OUT_OF_MEMORY",
    102: "ERR_UNEXPECTED_TYPE",
    106: "ERR_RULE_LIMIT_EXCEEDED",
    107: "ERR_RULE_EXISTS_LIMIT_EXCEEDED",
    108: "ERR_RULE_BETA_LIMIT_EXCEEDED",
    111: "ERR_INVALID_HANDLE",
    112: "ERR_HANDLE_LIMIT_EXCEEDED",
    113: "ERR_EXPRESSION_LIMIT_EXCEEDED",
    302: "ERR_EVENT_MAX_PROPERTIES",
    303: "ERR_MAX_STACK_SIZE",
    309: "ERR_SID_NOT_FOUND",
    312: "ERR_OPERATION_NOT_SUPPORTED",
}
"""rules.h: the error codes pact has met or guards against, by name."""


KEYED = "="
"""Joins a property's name to a key in a *keyed name*, like ``target=NER``.

The core finds the tests below an alpha node by a hash of the property *name* alone (events.c,
handleAlpha: ``HASH_MASK`` is 0x1F, so every test on one name sits in one run of the table), and
evaluates every test on a name the fact carries: an equality on a value, ``{"treaty": "nato"}``,
is evaluated for every treaty a ruleset names, on every fact that has a treaty. A test on a keyed
name, ``{"protected=nato": "nato"}``, is evaluated only for the facts that carry that very name.
The value repeats the key, so that two names whose hashes collide still never match each other."""


def keyed_as(prop: str, key: str, salt: int = 0) -> str:
    """The keyed name saying that ``prop`` is ``key``: ``target=NER``, or, salted, ``target=1=NER``
    (a name that must hash apart from another; see ``name_hash``)."""
    return f"{prop}{KEYED}{salt}{KEYED}{key}" if salt else f"{prop}{KEYED}{key}"


def name_hash(name: str) -> int:
    """The core's key for a property name: 32-bit FNV-1a of the name as written in JSON (json.c,
    getStringAndHash). A fact's properties are looked up by it: two names of one fact that hash
    alike read each other's values."""
    value = 0x811C9DC5
    for byte in json.dumps(name)[1:-1].encode():
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value


def keyed_name(test: Any) -> str | None:
    """The keyed name ``test`` is an equality on, like ``protected=nato``, or None."""
    if isinstance(test, dict) and len(test) == 1:
        ((name, value),) = test.items()
        if isinstance(value, str) and name.endswith(f"{KEYED}{value}") and not name.startswith("$"):
            return name
    return None


def _constant(test: Any) -> bool:
    """Whether ``test`` is a plain equality with a constant, like ``{"target": "NER"}``."""
    return isinstance(test, dict) and len(test) == 1 and not isinstance(next(iter(test.values())), dict | list)


def equalities(test: Any, own: str | None = None) -> tuple[str, frozenset[Any]] | None:
    """(property, values) if ``test`` is an equality, or a disjunction of equalities, on one
    property. An equality on a keyed name of the ``own`` property (the one a fact carries one keyed
    name of at most: an event's victim) counts as one on that property: ``target=NER`` is
    ``target`` equal to ``NER``. Any other keyed name is a property of its own."""
    parts = test["$or"] if isinstance(test, dict) and list(test) == ["$or"] else [test]
    found: dict[str, set[Any]] = {}
    for part in parts:
        if not (isinstance(part, dict) and len(part) == 1):
            return None
        ((name, value),) = part.items()
        if name.startswith("$") or isinstance(value, dict | list):
            return None
        if keyed_name(part) and name.removesuffix(f"{KEYED}{value}") == own:
            name = own
        found.setdefault(name, set()).add(value)
    if len(found) != 1:
        return None
    ((name, values),) = found.items()
    return name, frozenset(values)


def expressions(test: Any) -> int:
    """Entries a pattern takes in its beta node's expression sequence (rete.c, createAlpha): one per
    join, two per ``$and`` or ``$or``."""
    if isinstance(test, dict) and len(test) == 1:
        ((key, value),) = test.items()
        if key in ("$and", "$or"):
            return 2 + sum(expressions(part) for part in value)
    return joins(test)


def joins(test: Any) -> int:
    """Tests that compare with another fact, like ``{"state": {"e": "target"}}``, in ``test``."""
    if isinstance(test, dict) and len(test) == 1:
        ((key, value),) = test.items()
        if key in ("$and", "$or"):
            return sum(joins(part) for part in value if not _constant(part))
        operand = next(iter(value.values())) if key.startswith("$") and isinstance(value, dict) else value
        return int(isinstance(operand, dict))
    return 0


@dataclass(frozen=True)
class Budget:
    """What one ruleset may use of the C core."""

    stack: int = MAX_STACK_SIZE
    patterns_per_node: int = BETA_LIST_LENGTH - 1  # the list needs its zero terminator
    tests_per_node: int = NEXT_BUCKET_LENGTH - 1  # the table needs one free slot
    rules: int = MAX_ACTIONS
    properties: int = MAX_FACT_PROPERTIES


@dataclass(frozen=True)
class Demand:
    """What some rules use of a ruleset's budget.

    Their patterns past their kind, per fact kind: the network they make says how many nodes one
    fact may hold pending while it walks them and how many tests hang below one node
    (``durable_network``). A pattern whose first test after its kind is an equality on the
    ``own`` property (a keyed name of it, like ``target=NER``), or a keyed name that only the facts
    of some own values carry (``reach``: a membership, carried by its members' events only), is
    passed by those facts only. A pattern that tests nothing but the kind ends at the kind's node,
    whose list of patterns is bounded (BETA_LIST_LENGTH); it holds no entry of its own.

    The keyed names a pattern tests are properties a fact of the kind may have to carry for it: per
    value of the fact's ``own`` property when only some values' facts pass it (``names``), else
    whatever that value (``shared_names``). A fact carries the names of the patterns its own value
    may pass, so that is what its size is counted from, besides the ``base`` properties every fact
    of the kind has."""

    patterns: Mapping[str, tuple[Pattern, ...]] = field(default_factory=dict)  # kind -> patterns past the kind
    at_kind: Mapping[str, int] = field(default_factory=dict)  # kind -> patterns that test only the kind
    rules: int = 0
    names: Mapping[str, Mapping[Any, frozenset[str]]] = field(default_factory=dict)  # kind -> own value -> names
    shared_names: Mapping[str, frozenset[str]] = field(default_factory=dict)  # kind -> names
    base: Mapping[str, int] = field(default_factory=dict)  # kind -> properties of every fact of the kind

    @staticmethod
    def of(
        patterns: Iterable[tuple[str, Any]],
        rules: int = 1,
        base: Mapping[str, int] | None = None,
        own: str | None = None,
        reach: Mapping[str, frozenset[Any]] | None = None,
    ) -> Demand:
        """The demand of ``rules`` rules made of these (fact kind, test) patterns; ``own`` is the
        property a fact carries one keyed name of at most (see ``equalities``); ``reach`` gives, for
        a keyed name, the own values whose facts may carry it (any, for a name it does not give)."""
        reach = reach or {}
        found: dict[str, list[Pattern]] = {}
        at_kind: Counter[str] = Counter()
        names: dict[str, dict[Any, frozenset[str]]] = {}
        shared: dict[str, frozenset[str]] = {}
        for kind, test in patterns:
            parts = test["$and"] if list(test) == ["$and"] else [test]
            if parts[0] != {"kind": kind}:
                raise ValueError(f"a pattern must test its kind first: {test}")
            rest = parts[1:]
            if not rest:
                at_kind[kind] += 1
                continue
            key = equalities(rest[0], own)
            by_own = key is not None and key[0] == own
            values = None  # the own values whose facts may pass its first test: None, any fact's
            if key is not None:
                values = key[1] if by_own else reach.get(key[0])
            found.setdefault(kind, []).append(Pattern(steps_of(rest), values, own))
            carried = frozenset(n for t in rest[by_own:] if (n := keyed_name(t)))  # its own value is not carried
            if values is not None:
                by_value = names.setdefault(kind, {})
                for value in values:
                    by_value[value] = by_value.get(value, frozenset()) | carried
            elif carried:
                shared[kind] = shared.get(kind, frozenset()) | carried
        kinds = {kind: tuple(p) for kind, p in found.items()}
        return Demand(kinds, dict(at_kind), rules, names, shared, dict(base or {}))

    @staticmethod
    def together(demands: Iterable[Demand]) -> Demand:
        """What these demands use, added one after another."""
        patterns: dict[str, list[Pattern]] = {}
        at_kind: Counter[str] = Counter()
        base: Counter[str] = Counter()
        names: dict[str, dict[Any, frozenset[str]]] = {}
        shared: dict[str, frozenset[str]] = {}
        rules = 0
        for demand in demands:
            for kind, found in demand.patterns.items():
                patterns.setdefault(kind, []).extend(found)
            at_kind.update(demand.at_kind)
            base.update(demand.base)
            _merge_names(names, shared, demand)
            rules += demand.rules
        kinds = {kind: tuple(p) for kind, p in patterns.items()}
        return Demand(kinds, dict(at_kind), rules, names, shared, dict(base))

    def usage(self) -> Usage:
        return Load().after(self)


def _merge_names(
    names: dict[str, dict[Any, frozenset[str]]], shared: dict[str, frozenset[str]], demand: Demand
) -> None:
    """Adds the keyed names ``demand`` may have a fact carry: per own value, and whatever the value."""
    for kind, by_value in demand.names.items():
        into = names.setdefault(kind, {})
        for value, carried in by_value.items():
            into[value] = into.get(value, frozenset()) | carried
    for kind, carried in demand.shared_names.items():
        shared[kind] = shared.get(kind, frozenset()) | carried


@dataclass(frozen=True)
class Usage:
    """How much of each limit a ruleset uses, per fact kind."""

    stack: Mapping[str, int]  # stack entries one fact may hold at once (its kind's node aside)
    tests: Mapping[str, int]  # distinct tests that may hang below one node, at most
    at_kind: Mapping[str, int]  # patterns that end at the kind's node
    rules: int
    properties: Mapping[str, int] = field(default_factory=dict)  # the most one fact of the kind may carry

    def over(self, budget: Budget) -> str | None:
        """The first limit this usage breaks, in words, or None if it fits."""
        for kind, used in sorted(self.stack.items()):
            if used > budget.stack:
                return f"{used} matching-stack entries for one {kind} fact (MAX_STACK_SIZE {MAX_STACK_SIZE}, events.c)"
        for kind, used in sorted(self.tests.items()):
            if used > budget.tests_per_node:
                return f"{used} tests below one {kind} node (NEXT_BUCKET_LENGTH {NEXT_BUCKET_LENGTH}, rules.h)"
        for kind, used in sorted(self.at_kind.items()):
            if used > budget.patterns_per_node:
                return f"{used} patterns on the {kind} node (BETA_LIST_LENGTH {BETA_LIST_LENGTH}, rules.h)"
        if self.rules > budget.rules:
            return f"{self.rules} rules in one ruleset (MAX_ACTIONS {MAX_ACTIONS}, rete.c)"
        for kind, used in sorted(self.properties.items()):
            if used > budget.properties:
                return f"{used} properties on one {kind} fact (MAX_OBJECT_PROPERTIES {MAX_OBJECT_PROPERTIES}, state.h)"
        return None


class Load:
    """The demands of the rules in one ruleset, added up one rule at a time.

    ``after`` and ``add_within`` cost the size of the rule added, not of the ruleset, so packing
    stays linear."""

    def __init__(self) -> None:
        self.networks: dict[str, Network] = {}
        self.at_kind: Counter[str] = Counter()
        self.rules = 0
        self.names: dict[str, dict[Any, frozenset[str]]] = {}
        self.shared_names: dict[str, frozenset[str]] = {}
        self.carried: dict[str, int] = {}  # kind -> the most keyed names one fact of the kind may carry
        self.base: Counter[str] = Counter()

    def after(self, demand: Demand) -> Usage:
        """The usage once ``demand`` is added (nothing is added)."""
        with self._trial(demand) as (usage, _):
            return usage

    def add_within(self, demand: Demand, budget: Budget) -> str | None:
        """Adds ``demand`` if the ruleset then fits ``budget``; else adds nothing and says the first
        limit it would break."""
        with self._trial(demand) as (usage, keep):
            problem = usage.over(budget)
            if problem is None:
                keep()
        return problem

    @contextmanager
    def _trial(self, demand: Demand) -> Iterator[tuple[Usage, Callable[[], None]]]:
        """The usage with ``demand`` added, and ``keep``, which keeps it: unless it is called, the
        networks take the demand back on leaving and nothing else is added."""
        with ExitStack() as trials:
            networks = dict(self.networks)
            keeps = []
            for kind, patterns in demand.patterns.items():
                network = networks.setdefault(kind, Network())
                keeps.append(trials.enter_context(network.trial()))
                for pattern in patterns:
                    network.add(pattern)
            base = self.base + Counter(demand.base)
            carried = self._carried(demand)
            properties = {kind: base[kind] + n for kind, n in carried.items()}
            for kind in base.keys() - properties.keys():
                properties[kind] = base[kind]
            usage = Usage(
                {kind: network.depth for kind, network in networks.items()},
                {kind: network.widest for kind, network in networks.items()},
                dict(self.at_kind + Counter(demand.at_kind)),
                self.rules + demand.rules,
                properties,
            )

            def keep() -> None:
                self.networks.update(networks)
                for kept in keeps:
                    kept()
                self.carried = carried
                self._add_besides_networks(demand)

            yield usage, keep

    def _carried(self, demand: Demand) -> dict[str, int]:
        """Per kind, the most keyed names one fact may carry once ``demand`` is added. Costs the
        own values the demand keys on, or every own value of the kind when it adds shared names."""
        carried = dict(self.carried)
        for kind in demand.names.keys() | demand.shared_names.keys():
            before, new = self.shared_names.get(kind, frozenset()), demand.shared_names.get(kind, frozenset())
            shared = before | new
            known, adding = self.names.get(kind, {}), demand.names.get(kind, {})
            values = known.keys() | adding.keys() if new - before else adding.keys()
            sizes = [len(known.get(v, frozenset()) | adding.get(v, frozenset()) | shared) for v in values]
            carried[kind] = max([carried.get(kind, 0), len(shared), *sizes])
        return carried

    def add(self, demand: Demand) -> None:
        with self._trial(demand) as (_, keep):
            keep()

    def _add_besides_networks(self, demand: Demand) -> None:
        _merge_names(self.names, self.shared_names, demand)
        self.at_kind.update(demand.at_kind)
        self.base.update(demand.base)
        self.rules += demand.rules


def check_rule(patterns: list[Any]) -> str | None:
    """The first per-rule limit these patterns break, in words, or None.

    ``patterns`` are durable's ``{alias: test}`` entries of one rule."""
    tests = [test for pattern in patterns for test in pattern.values()]
    for test in tests:
        parts = test["$and"] if list(test) == ["$and"] else [test]
        ors = [i for i, part in enumerate(parts) if list(part) == ["$or"]]
        if ors and any(joins(part) for part in parts[ors[0] + 1 :]):
            return "a join after a disjunction in one pattern, which the core does not enforce (rete.c)"
    if len(patterns) > MAX_MESSAGE_FRAMES:
        return f"{len(patterns)} patterns in one rule (MAX_MESSAGE_FRAMES {MAX_MESSAGE_FRAMES}, src/rules/state.h)"
    for test in tests:
        used = expressions(test)
        if used >= MAX_SEQUENCE_EXPRESSIONS:
            return (
                f"{used} expressions in one pattern "
                f"(MAX_SEQUENCE_EXPRESSIONS {MAX_SEQUENCE_EXPRESSIONS}, src/rules/rete.h)"
            )
    return None
