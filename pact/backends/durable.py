"""The durable-rules backend: the only module that imports ``durable``.

Each session holds the world on the scenario's day: its *events*, their *attacker* facts, and
the *memberships* of its victims and attackers that hold on that day (``party`` for any member,
``protected`` for a member in good standing). Each clause becomes one Rete rule over an event
fact, joined where the clause asks to a protected membership (is the victim a party in good
standing?) and to attacker facts (is an attacker among the states the clause names?). A clause
that requires the attacker not to be a party gets a second rule, its *defeater*, which fires when
an attacker is a party on the day; a clause fires for an event when its rule fired and its
defeater did not.

Known crashes and traps of durable-rules 2.0.28 are avoided by construction, each pinned by a
test in tests/test_durable_backend.py:

- one Host per process, created lazily, and without its two background timer threads: they
  dispatch every ruleset concurrently with the caller and segfault it at random (pact uses no
  durable timers and no deferred actions, so nothing needs dispatching);
- one ruleset per distinct plan (rulesets cannot be removed), built from a fresh dict each time
  because ``set_rulesets`` mutates its argument;
- events are asserted as *facts* (posted events are consumed by the first rule that fires);
- no ``$not`` patterns and no large ``$or`` expansions: rules with many negated or
  disjunctive patterns crashed the C core on generated rule sets; negation is expressed by the
  defeater rules instead, and ``dist: 0`` is set on every rule all the same;
- every session opens with a sentinel fact whose rule fires at once, so an action has always
  completed before the session is deleted (deleting a session in which nothing fired segfaults);
- every asserted fact passes the constant tests of some pattern (an unhandled fact in a batch
  raises after storing the rest): rules see every event and attacker fact, and membership facts
  are asserted only for treaties and in the shapes (``party``, ``protected``) the rules test;
- never an empty batch; every session deleted in ``finally`` (over 1024 live sessions crash);
- facts are told apart by a 32-bit hash of their content, sid included, so two distinct facts of
  one session can collide and be refused as duplicates (upstream #376; seen here once in about
  15,000 sessions): the session is then deleted and run again under a new sid;
- no fact carries an ``id`` property (durable's own fact identity, silently breaking joins on
  it): the event id travels as ``event``;
- joins compare for equality only: a join comparing with ``$lt``/``$lte``/``$gt`` against
  another fact's property reads uninitialised memory in the C core (seen under valgrind, and
  as random segfaults); so memberships are chosen for the day before they are asserted, and
  the only order comparisons are against constants (the treaty's dates);
- all values are strings or integers (days since year 1), so comparisons are exact;
- exceptions inside actions are caught and re-raised here, not left in the session state;
- one lock around the Host: concurrent callers would race inside its C core.
"""

from __future__ import annotations

import itertools
import threading
import warnings
from collections import defaultdict
from typing import Any

from pact.backends import Firing
from pact.compile import Plan
from pact.conditions import (
    AgainstIn,
    AttackerAmong,
    AttackerIs,
    Condition,
    Determined,
    EventFacts,
    EventTypeIn,
    LocationIn,
    NamedCondition,
    OnVictimTerritory,
    Requested,
    Settled,
    TreatyApplies,
    VersionApplies,
    VictimParty,
    VictimWithin,
    requester_may_ask,
)
from pact.errors import EngineError
from pact.model import AttackerCondition, RequestBy, Target

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from durable import engine as durable_engine

warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"durable\..*")

_LOCK = threading.RLock()
_HOST: Any = None
_RULESETS: dict[str, _Ruleset] = {}
_SESSIONS = itertools.count(1)
_ATTEMPTS = 3
_NON_PARTY = (AttackerCondition.non_party, AttackerCondition.non_party_state)
_BY_STATE = (AttackerCondition.state, AttackerCondition.non_party_state)


class _Host(durable_engine.Host):  # type: ignore[misc]
    def _run(self) -> None:
        """Start no timer threads (see the module docstring)."""


def _host() -> Any:
    global _HOST
    if _HOST is None:
        _HOST = _Host()
    return _HOST


class DurableBackend:
    name = "durable"

    def fired(self, plan: Plan, facts: tuple[EventFacts, ...]) -> set[Firing]:
        return self._run(plan, facts, optimistic=False)

    def possibly_fired(self, plan: Plan, facts: tuple[EventFacts, ...]) -> set[Firing]:
        return self._run(plan, facts, optimistic=True)

    def _run(self, plan: Plan, facts: tuple[EventFacts, ...], optimistic: bool) -> set[Firing]:
        with _LOCK:
            ruleset = _RULESETS.get(plan.fingerprint)
            if ruleset is None:
                ruleset = _RULESETS[plan.fingerprint] = _Ruleset(plan)
            return ruleset.run(facts, optimistic)


class _Session:
    """What the actions of one session recorded."""

    def __init__(self) -> None:
        self.fired: set[Firing] = set()
        self.defeated: set[Firing] = set()
        self.settled: set[Firing] = set()  # fired through a determination: no defeater applies

    def outcome(self) -> set[Firing]:
        return (self.fired - self.defeated) | self.settled


class _Ruleset:
    """One compiled plan registered in the Host, with the session bookkeeping around it.

    Unknown facts (three-valued conditions) are run as two worlds of the same facts: in the
    *pessimistic* world a test on an unknown fact fails, in the *optimistic* one it holds. A clause
    fires when it fires in the pessimistic world, and possibly fires when it fires in the
    optimistic one; the rules are the same in both, only the facts asserted differ.
    """

    def __init__(self, plan: Plan) -> None:
        self.name = f"pact_{plan.fingerprint}"
        self.plan = plan
        self.region_slot = {r.id: i for i, r in enumerate(plan.places.regions)}
        self.treaty_slot = {t: i for i, t in enumerate(plan.treaties)}
        conditions = [_inner(c) for clause in plan.clauses for c in clause.conditions]
        self.protected_in = {c.treaty for c in conditions if isinstance(c, VictimParty)}
        self.party_in = {c.treaty for c in conditions if isinstance(c, AttackerIs) and c.condition in _NON_PARTY}
        self.bearer_in = {
            c.treaty for c in conditions if isinstance(c, AttackerIs) and c.condition is AttackerCondition.party
        }
        self.finding_slot = {
            (d.treaty, f): i
            for i, (d, f) in enumerate(
                dict.fromkeys(
                    (d, f) for clause in plan.clauses for d in _determinations(clause) for f in sorted(d.findings)
                )
            )
        }
        self.requests = sorted({(c.treaty, c.by) for c in conditions if isinstance(c, Requested)})
        self.condition_slot = {
            name: i for i, name in enumerate(sorted({c.name for c in conditions if isinstance(c, NamedCondition)}))
        }
        self.sessions: dict[str, _Session] = defaultdict(_Session)
        self.errors: list[BaseException] = []
        _host().set_rulesets({self.name: self._definition()})

    # The ruleset ------------------------------------------------------------------------

    def _definition(self) -> dict[str, Any]:
        rules: dict[str, Any] = {
            "opened": {"all": [{"s": {"kind": "session"}}], "run": self._action(None)},
            "seen": {"all": [{"e": {"kind": "event"}}], "run": self._action(None)},
            "seen_attacker": {"all": [{"a": {"kind": "attacker"}}], "run": self._action(None)},
        }
        for i, clause in enumerate(self.plan.clauses):
            variants = [(f"c{i}", False)]
            if any(isinstance(c, Settled) for c in clause.conditions):
                variants.append((f"c{i}s", True))  # a determination settles what the facts alone may not
            for name, settled in variants:
                event: list[dict[str, Any]] = [{"kind": "event"}]
                joins: list[dict[str, Any]] = []
                for condition in clause.conditions:
                    event_tests, joined = self._translate(condition, settled)
                    event += event_tests
                    joins += joined
                record = "settled" if settled else "fired"
                rules[name] = {
                    "all": [{"e": {"$and": event}}, *joins],
                    "dist": 0,
                    "run": self._action(clause.key, record),
                }
            for condition in map(_inner, clause.conditions):
                if isinstance(condition, AttackerIs) and condition.condition in _NON_PARTY:
                    rules[f"d{i}"] = {
                        "all": _defeater(condition.treaty),
                        "dist": 0,
                        "run": self._action(clause.key, "defeated"),
                    }
        return rules

    def _translate(self, condition: Condition, settled: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Tests on the event fact, and aliased patterns joined to it, that mean ``condition``.

        A non-party condition contributes only ``attackers_known`` here: its defeater rule handles
        the rest. With ``settled``, a condition a determination settles becomes that determination.
        """
        match condition:
            case Settled(inner=inner, by=by):
                return self._translate(by if settled else inner, settled)
            case TreatyApplies(start=start, end=end) | VersionApplies(start=start, end=end):
                return [{"$gte": {"day": start}}, {"$lt": {"day": end}}], []
            case EventTypeIn(types=types):
                return [_any_of("type", sorted(types))], []
            case AgainstIn(targets=targets):
                return ([] if targets >= set(Target) else [_any_of("against", [*sorted(targets), _ANY])]), []
            case VictimParty(treaty=treaty):
                return [], [{"v": _membership("protected", treaty, {"e": "target"})}]
            case VictimWithin(region=region):
                return [{f"target_in_{self.region_slot[region]}": 1}], []
            case OnVictimTerritory():
                elsewhere = _any_of("against", [*sorted(set(Target) - {Target.territory}), _ANY])
                return [{"$or": [elsewhere, {"on_target_territory": 1}]}], []
            case AttackerIs(condition=AttackerCondition.any):
                return [], []
            case AttackerIs(condition=AttackerCondition.party, treaty=treaty):
                attacker = {"pa": {"$and": [{"kind": "attacker"}, {"event": {"e": "event"}}]}}
                return [], [attacker, {"pm": _membership("bearer", treaty, {"pa": "state"})}]
            case AttackerIs(condition=kind):
                tests: list[dict[str, Any]] = [{"attackers_known": 1}]
                return tests + ([{"by_state": 1}] if kind in _BY_STATE else []), []
            case AttackerAmong(states=states):
                named = _any_of("state", [*sorted(states), _ANY])
                return [], [{"a": {"$and": [{"kind": "attacker"}, {"event": {"e": "event"}}, named]}}]
            case LocationIn(regions=regions, victim_territory=victim_territory):
                places = [{f"place_in_{self.region_slot[r]}": 1} for r in sorted(regions)]
                places += [{"on_target_territory": 1}] if victim_territory else []
                return [{"$or": places} if len(places) > 1 else places[0]], []
            case Requested(treaty=treaty, by=by):
                return [{f"asked_{self.requests.index((treaty, by))}": 1}], []
            case Determined(treaty=treaty, findings=findings):
                flags = [{f"found_{self.finding_slot[(treaty, f)]}": 1} for f in sorted(findings)]
                return [{"$or": flags} if len(flags) > 1 else flags[0]], []
            case NamedCondition(name=name):
                return [{f"condition_{self.condition_slot[name]}": 1}], []
        raise EngineError(f"durable backend cannot translate {condition!r}")

    def _action(self, key: str | None, record: str = "fired") -> Any:
        """An action that records, for the session, that the rule fired for the event."""

        def run(c: Any) -> None:  # durable calls actions with exactly one argument
            try:
                if key is not None:
                    getattr(self.sessions[c.s["sid"]], record).add((key, c.e["event"]))
            except BaseException as exc:  # durable would swallow it into the session state
                self.errors.append(exc)

        return run

    # Running ----------------------------------------------------------------------------

    def run(self, facts: tuple[EventFacts, ...], optimistic: bool) -> set[Firing]:
        if not facts:
            return set()
        for _ in range(_ATTEMPTS):
            try:
                return self._session(str(next(_SESSIONS)), facts, optimistic)
            except durable_engine.MessageObservedException:
                continue  # a 32-bit hash collision between two distinct facts: a new sid rehashes all
        raise EngineError(f"durable-rules reported duplicate facts {_ATTEMPTS} times in a row")

    def _session(self, sid: str, facts: tuple[EventFacts, ...], optimistic: bool) -> set[Firing]:
        host = _host()
        try:
            host.assert_fact(self.name, {"sid": sid, "kind": "session"})
            for batch in (
                self._membership_facts(sid, facts, optimistic),
                [self._event_fact(sid, f, optimistic) for f in facts],
                self._attacker_facts(sid, facts, optimistic),
            ):
                if batch:
                    host.assert_facts(self.name, batch)
        except durable_engine.MessageObservedException:
            raise
        except Exception as exc:  # a durable refusal here is a bug in this module, not bad input
            raise EngineError(f"durable-rules refused a fact: {type(exc).__name__}: {str(exc)[:200]}") from exc
        else:
            if self.errors:
                raise EngineError(f"durable action failed: {self.errors[0]!r}")
            return self.sessions[sid].outcome()
        finally:
            self.errors.clear()
            self.sessions.pop(sid, None)
            host.delete_state(self.name, sid)

    def _membership_facts(self, sid: str, facts: tuple[EventFacts, ...], optimistic: bool) -> list[dict[str, Any]]:
        """The memberships that hold on the day, in the shapes the rules join on.

        Only victims' and attackers' memberships are ever joined, so only theirs are asserted; in
        the optimistic world an unknown attacker is a wildcard that is a party of every treaty the
        rules ask it to be (but never one that defeats a non-party clause).
        """
        day = facts[0].day
        victims = {f.target for f in facts}
        attackers = {s for f in facts for s in f.attackers}
        found = []
        for s in self.plan.standings:
            if not s.covers(day):
                continue
            span = {"sid": sid, "treaty": s.treaty, "state": s.state}
            if s.treaty in self.party_in and s.state in attackers:
                found.append({**span, "kind": "party"})
            if s.treaty in self.bearer_in and s.bears and s.state in attackers:
                found.append({**span, "kind": "bearer"})
            if s.treaty in self.protected_in and s.protected and s.state in victims:
                found.append({**span, "kind": "protected"})
        if optimistic and any(not f.attackers_known for f in facts):
            found += [{"sid": sid, "treaty": t, "state": _ANY, "kind": "bearer"} for t in sorted(self.bearer_in)]
        return found

    def _event_fact(self, sid: str, facts: EventFacts, optimistic: bool) -> dict[str, Any]:
        """The event as one fact; where a fact is unknown, its flags say what the world assumes."""
        unknown = 1 if optimistic else 0
        regions = facts.place_regions
        fact: dict[str, Any] = {
            "sid": sid,
            "kind": "event",
            "event": facts.id,
            "type": facts.type.value,
            "against": facts.against.value if facts.against else (_ANY if optimistic else _NONE),
            "target": facts.target,
            "day": facts.day,
            "attackers_known": int(facts.attackers_known) or unknown,
            "by_state": int(bool(facts.attackers)) or (unknown if not facts.attackers_known else 0),
            "on_target_territory": unknown if facts.on_target_territory is None else int(facts.on_target_territory),
        }
        for region, slot in self.region_slot.items():
            fact[f"place_in_{slot}"] = 1 if region in regions else (0 if facts.location_known else unknown)
            fact[f"target_in_{slot}"] = int(region in facts.target_regions)
        for slot, (treaty, by) in enumerate(self.requests):
            asked = self._asked(facts, treaty, by)
            fact[f"asked_{slot}"] = unknown if asked is None else int(asked)
        for (treaty, finding), slot in self.finding_slot.items():
            fact[f"found_{slot}"] = int((treaty, finding) in facts.findings)
        for name, slot in self.condition_slot.items():
            settled = facts.conditions.get(name)
            fact[f"condition_{slot}"] = unknown if settled is None else int(settled)
        return fact

    def _asked(self, facts: EventFacts, treaty: str, by: RequestBy) -> bool | None:
        if facts.requests is None:
            return None
        return any(r.to == treaty and requester_may_ask(by, r.by, treaty, facts, self.plan) for r in facts.requests)

    @staticmethod
    def _attacker_facts(sid: str, facts: tuple[EventFacts, ...], optimistic: bool) -> list[dict[str, Any]]:
        found = [{"sid": sid, "kind": "attacker", "event": f.id, "state": s} for f in facts for s in f.attackers]
        if optimistic:
            found += [
                {"sid": sid, "kind": "attacker", "event": f.id, "state": _ANY} for f in facts if not f.attackers_known
            ]
        return found


_ANY = "*"
"""In the optimistic world, the value of an unknown fact: every test that names it holds."""
_NONE = "?"
"""In the pessimistic world, the value of an unknown fact: no test holds for it."""


def _inner(condition: Condition) -> Condition:
    return condition.inner if isinstance(condition, Settled) else condition


def _determinations(clause) -> list[Determined]:
    found = []
    for c in clause.conditions:
        if isinstance(c, Determined):
            found.append(c)
        elif isinstance(c, Settled):
            found.append(c.by)
    return found


def _any_of(key: str, values: list[str]) -> dict[str, Any]:
    tests = [{key: v} for v in values]
    return tests[0] if len(tests) == 1 else {"$or": tests}


def _membership(kind: str, treaty: str, state: dict[str, str]) -> dict[str, Any]:
    """A membership fact of ``kind`` in ``treaty`` for ``state`` (the session's day is implied)."""
    return {"$and": [{"kind": kind}, {"treaty": treaty}, {"state": state}]}


def _defeater(treaty: str) -> list[dict[str, Any]]:
    """Patterns matching an event one of whose attackers is a party of ``treaty`` on the day."""
    return [
        {"e": {"kind": "event"}},
        {"a": {"$and": [{"kind": "attacker"}, {"event": {"e": "event"}}]}},
        {"p": _membership("party", treaty, {"a": "state"})},
    ]
