"""The durable-rules backend: the only module that imports ``durable``.

Each clause becomes one Rete rule over an *event* fact and, where the clause asks about
membership, *standing* facts. Known crashes and traps of durable-rules 2.0.28 are avoided by
construction (each pinned by a test in tests/test_durable_backend.py):

- one Host per process, created lazily, its two timer threads never multiplied;
- one ruleset per distinct plan (rulesets cannot be removed), built from a fresh dict each time
  because ``set_rulesets`` mutates its argument;
- events are asserted as *facts* (posted events are consumed by the first rule that fires);
- ``dist: 0`` on every rule, or a ``$not`` pattern would be silently skipped;
- a rule matching every event, so that no asserted fact goes unhandled (an unhandled fact in a
  batch raises after storing the rest) and so that an action has always completed before the
  session is deleted (deleting a session in which nothing fired segfaults);
- never an empty batch; every session deleted in ``finally`` (over 1024 live sessions crash);
- all values are strings or integers (days since year 1), so comparisons are exact;
- exceptions inside actions are caught and re-raised here, not left in the session state;
- one lock around the Host: concurrent callers segfault it.
"""

from __future__ import annotations

import itertools
import threading
import warnings
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
from pact.model import MAX_ATTACKERS, AttackerCondition

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from durable import engine as durable_engine

warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"durable\..*")

_LOCK = threading.RLock()
_HOST: Any = None
_RULESETS: dict[str, _Ruleset] = {}
_SESSIONS = itertools.count(1)
NO_ATTACKER = ""


def _host() -> Any:
    global _HOST
    if _HOST is None:
        _HOST = durable_engine.Host()
    return _HOST


class DurableBackend:
    name = "durable"

    def fired(self, plan: Plan, facts: tuple[EventFacts, ...]) -> set[Firing]:
        with _LOCK:
            ruleset = _RULESETS.get(plan.fingerprint)
            if ruleset is None:
                ruleset = _RULESETS[plan.fingerprint] = _Ruleset(plan)
            return ruleset.run(facts)


class _Ruleset:
    """One compiled plan registered in the Host, with the session bookkeeping around it."""

    def __init__(self, plan: Plan) -> None:
        self.name = f"pact_{plan.fingerprint}"
        self.plan = plan
        self.region_slot = {r.id: i for i, r in enumerate(plan.regions)}
        self.treaty_slot = {t: i for i, t in enumerate(plan.treaties)}
        self.member_treaties = sorted({c.treaty for cl in plan.clauses for c in cl.conditions if isinstance(c, VictimParty | AttackerIs)})
        self.fired_by_session: dict[str, set[Firing]] = {}
        self.errors: list[BaseException] = []
        _host().set_rulesets({self.name: self._definition()})

    # The ruleset ------------------------------------------------------------------------

    def _definition(self) -> dict[str, Any]:
        rules: dict[str, Any] = {"seen": {"all": [{"e": {"kind": "event"}}], "run": self._action(None)}}
        for i, clause in enumerate(self.plan.clauses):
            event: list[dict[str, Any]] = [{"kind": "event"}]
            joins: list[dict[str, Any]] = []
            for condition in clause.conditions:
                event_tests, joined = self._translate(condition)
                event += event_tests
                joins += joined
            rules[f"c{i}"] = {"all": [{"e": {"$and": event}}, *joins], "dist": 0, "run": self._action(clause.key)}
        return rules

    def _translate(self, condition: Condition) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Tests on the event fact, and aliased patterns joined to it, that mean ``condition``."""
        match condition:
            case InForce(start=start, end=end):
                return [{"$gte": {"day": start}}, {"$lt": {"day": end}}], []
            case EventTypeIn(types=types):
                return [_any_of("type", sorted(types))], []
            case AgainstIn(targets=targets):
                return [_any_of("against", sorted(targets))], []
            case VictimParty(treaty=treaty):
                return [], [{"v": _standing(treaty, {"e": "target"}, protected=1)}]
            case VictimInRegion(region=region):
                return [{f"target_in_{self.region_slot[region]}": 1}], []
            case AttackerIs(treaty=treaty, condition=kind):
                tests = [{"by_state": 1}] if kind in (AttackerCondition.state, AttackerCondition.non_party_state) else []
                nots = []
                if kind in (AttackerCondition.non_party, AttackerCondition.non_party_state):
                    nots = [{f"a{k}$not": _standing(treaty, {"e": f"attacker_{k}"})} for k in range(MAX_ATTACKERS)]
                return tests, nots
            case AttackerAmong(states=states):
                slots = [{f"attacker_{k}": s} for k in range(MAX_ATTACKERS) for s in sorted(states)]
                return [{"$or": slots}], []
            case LocationIn(regions=regions, victim_territory=victim_territory):
                places = [{f"place_in_{self.region_slot[r]}": 1} for r in sorted(regions)]
                places += [{"on_target_territory": 1}] if victim_territory else []
                return [{"$or": places} if len(places) > 1 else places[0]], []
            case RequestedFromTreaty(treaty=treaty):
                return [{f"asked_{self.treaty_slot[treaty]}": 1}], []
        raise EngineError(f"durable backend cannot translate {condition!r}")

    def _action(self, key: str | None) -> Any:
        def run(c: Any) -> None:  # durable calls actions with exactly one argument
            try:
                if key is not None:
                    self.fired_by_session[c.s["sid"]].add((key, c.e["id"]))
            except BaseException as exc:  # durable would swallow it into the session state
                self.errors.append(exc)

        return run

    # Running ----------------------------------------------------------------------------

    def run(self, facts: tuple[EventFacts, ...]) -> set[Firing]:
        if not facts:
            return set()
        sid = str(next(_SESSIONS))
        self.fired_by_session[sid] = set()
        host = _host()
        try:
            standing = self._standing_facts(sid)
            if standing:
                host.assert_facts(self.name, standing)
            host.assert_facts(self.name, [self._event_fact(sid, f) for f in facts])
            if self.errors:
                raise EngineError(f"durable action failed: {self.errors[0]!r}")
            return self.fired_by_session[sid]
        finally:
            self.errors.clear()
            self.fired_by_session.pop(sid, None)
            host.delete_state(self.name, sid)

    def _standing_facts(self, sid: str) -> list[dict[str, Any]]:
        return [
            {"sid": sid, "kind": "standing", "treaty": s.treaty, "state": s.state, "start": s.start, "end": s.end, "protected": int(s.protected)}
            for s in self.plan.standings
            if s.treaty in self.member_treaties
        ]

    def _event_fact(self, sid: str, facts: EventFacts) -> dict[str, Any]:
        fact: dict[str, Any] = {
            "sid": sid,
            "kind": "event",
            "id": facts.id,
            "type": facts.type.value,
            "against": facts.against.value,
            "target": facts.target,
            "day": facts.day,
            "by_state": int(bool(facts.attackers)),
            "on_target_territory": int(facts.on_target_territory),
        }
        slots = list(facts.attackers) + [NO_ATTACKER] * (MAX_ATTACKERS - len(facts.attackers))
        fact.update({f"attacker_{k}": state for k, state in enumerate(slots)})
        fact.update({f"place_in_{self.region_slot[r]}": 1 for r in facts.place_regions})
        fact.update({f"target_in_{self.region_slot[r]}": 1 for r in facts.target_regions})
        fact.update({f"asked_{self.treaty_slot[t]}": 1 for t in facts.requested if t in self.treaty_slot})
        return fact


def _any_of(key: str, values: list[str]) -> dict[str, Any]:
    tests = [{key: v} for v in values]
    return tests[0] if len(tests) == 1 else {"$or": tests}


def _standing(treaty: str, state: dict[str, str], **extra: int) -> dict[str, Any]:
    """A standing fact of ``treaty`` for ``state`` that covers the event's day."""
    tests = [{"kind": "standing"}, {"treaty": treaty}, {"state": state}, {"$lte": {"start": {"e": "day"}}}, {"$gt": {"end": {"e": "day"}}}]
    tests += [{k: v} for k, v in extra.items()]
    return {"$and": tests}
