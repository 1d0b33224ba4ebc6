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
from pact.compile import (
    AgainstIn,
    AttackerAmong,
    AttackerIs,
    Condition,
    EventFacts,
    EventTypeIn,
    InForce,
    LocationIn,
    Plan,
    RequestedFromTreaty,
    VictimInRegion,
    VictimParty,
)
from pact.errors import EngineError
from pact.model import AttackerCondition

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
        with _LOCK:
            ruleset = _RULESETS.get(plan.fingerprint)
            if ruleset is None:
                ruleset = _RULESETS[plan.fingerprint] = _Ruleset(plan)
            return ruleset.run(facts)


class _Session:
    """What the actions of one session recorded."""

    def __init__(self) -> None:
        self.fired: set[Firing] = set()
        self.defeated: set[Firing] = set()


class _Ruleset:
    """One compiled plan registered in the Host, with the session bookkeeping around it."""

    def __init__(self, plan: Plan) -> None:
        self.name = f"pact_{plan.fingerprint}"
        self.plan = plan
        self.region_slot = {r.id: i for i, r in enumerate(plan.regions)}
        self.treaty_slot = {t: i for i, t in enumerate(plan.treaties)}
        conditions = [c for clause in plan.clauses for c in clause.conditions]
        self.protected_in = {c.treaty for c in conditions if isinstance(c, VictimParty)}
        self.party_in = {c.treaty for c in conditions if isinstance(c, AttackerIs) and c.condition in _NON_PARTY}
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
            event: list[dict[str, Any]] = [{"kind": "event"}]
            joins: list[dict[str, Any]] = []
            for condition in clause.conditions:
                event_tests, joined = self._translate(condition)
                event += event_tests
                joins += joined
            rules[f"c{i}"] = {"all": [{"e": {"$and": event}}, *joins], "dist": 0, "run": self._action(clause.key)}
            for condition in clause.conditions:
                if isinstance(condition, AttackerIs) and condition.condition in _NON_PARTY:
                    rules[f"d{i}"] = {
                        "all": _defeater(condition.treaty),
                        "dist": 0,
                        "run": self._action(clause.key, defeats=True),
                    }
        return rules

    def _translate(self, condition: Condition) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Tests on the event fact, and aliased patterns joined to it, that mean ``condition``.

        A non-party condition contributes nothing here: its defeater rule handles it.
        """
        match condition:
            case InForce(start=start, end=end):
                return [{"$gte": {"day": start}}, {"$lt": {"day": end}}], []
            case EventTypeIn(types=types):
                return [_any_of("type", sorted(types))], []
            case AgainstIn(targets=targets):
                return [_any_of("against", sorted(targets))], []
            case VictimParty(treaty=treaty):
                return [], [{"v": _membership("protected", treaty, {"e": "target"})}]
            case VictimInRegion(region=region):
                return [{f"target_in_{self.region_slot[region]}": 1}], []
            case AttackerIs(condition=kind):
                return ([{"by_state": 1}] if kind in _BY_STATE else []), []
            case AttackerAmong(states=states):
                return [], [
                    {"a": {"$and": [{"kind": "attacker"}, {"event": {"e": "event"}}, _any_of("state", sorted(states))]}}
                ]
            case LocationIn(regions=regions, victim_territory=victim_territory):
                places = [{f"place_in_{self.region_slot[r]}": 1} for r in sorted(regions)]
                places += [{"on_target_territory": 1}] if victim_territory else []
                return [{"$or": places} if len(places) > 1 else places[0]], []
            case RequestedFromTreaty(treaty=treaty):
                return [{f"asked_{self.treaty_slot[treaty]}": 1}], []
        raise EngineError(f"durable backend cannot translate {condition!r}")

    def _action(self, key: str | None, defeats: bool = False) -> Any:
        def run(c: Any) -> None:  # durable calls actions with exactly one argument
            try:
                if key is not None:
                    session = self.sessions[c.s["sid"]]
                    (session.defeated if defeats else session.fired).add((key, c.e["event"]))
            except BaseException as exc:  # durable would swallow it into the session state
                self.errors.append(exc)

        return run

    # Running ----------------------------------------------------------------------------

    def run(self, facts: tuple[EventFacts, ...]) -> set[Firing]:
        if not facts:
            return set()
        for _ in range(_ATTEMPTS):
            try:
                return self._session(str(next(_SESSIONS)), facts)
            except durable_engine.MessageObservedException:
                continue  # a 32-bit hash collision between two distinct facts: a new sid rehashes all
        raise EngineError(f"durable-rules reported duplicate facts {_ATTEMPTS} times in a row")

    def _session(self, sid: str, facts: tuple[EventFacts, ...]) -> set[Firing]:
        host = _host()
        try:
            host.assert_fact(self.name, {"sid": sid, "kind": "session"})
            for batch in (
                self._membership_facts(sid, facts),
                self._event_facts(sid, facts),
                self._attacker_facts(sid, facts),
            ):
                if batch:
                    host.assert_facts(self.name, batch)
        except durable_engine.MessageObservedException:
            raise
        except Exception as exc:  # a durable refusal here is a bug in this module, not bad input
            raise EngineError(f"durable-rules refused a fact: {type(exc).__name__}: {str(exc)[:200]}") from exc
        else:
            if self.errors:
                if not isinstance(self.errors[0], Exception):
                    raise self.errors[0]  # Ctrl-C while an action ran: an interrupt, not an engine failure
                raise EngineError(f"durable action failed: {self.errors[0]!r}")
            session = self.sessions[sid]
            return session.fired - session.defeated
        finally:
            self.errors.clear()
            self.sessions.pop(sid, None)
            host.delete_state(self.name, sid)

    def _membership_facts(self, sid: str, facts: tuple[EventFacts, ...]) -> list[dict[str, Any]]:
        """The memberships that hold on the day, in the shapes the rules join on.

        Only victims' and attackers' memberships are ever joined, so only theirs are asserted.
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
            if s.treaty in self.protected_in and s.protected and s.state in victims:
                found.append({**span, "kind": "protected"})
        return found

    def _event_facts(self, sid: str, facts: tuple[EventFacts, ...]) -> list[dict[str, Any]]:
        return [self._event_fact(sid, f) for f in facts]

    def _event_fact(self, sid: str, facts: EventFacts) -> dict[str, Any]:
        fact: dict[str, Any] = {
            "sid": sid,
            "kind": "event",
            "event": facts.id,
            "type": facts.type.value,
            "against": facts.against.value,
            "target": facts.target,
            "day": facts.day,
            "by_state": int(bool(facts.attackers)),
            "on_target_territory": int(facts.on_target_territory),
        }
        for region, slot in self.region_slot.items():
            fact[f"place_in_{slot}"] = int(region in facts.place_regions)
            fact[f"target_in_{slot}"] = int(region in facts.target_regions)
        for treaty, slot in self.treaty_slot.items():
            fact[f"asked_{slot}"] = int(treaty in facts.requested)
        return fact

    @staticmethod
    def _attacker_facts(sid: str, facts: tuple[EventFacts, ...]) -> list[dict[str, Any]]:
        return [{"sid": sid, "kind": "attacker", "event": f.id, "state": s} for f in facts for s in f.attackers]


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
