"""Static checks of a rule set: references across files, periods, duplicates, dead clauses.

Every finding is a ``RuleError`` whose message starts with a stable code (``PACT101`` …),
documented with an example and a fix in docs/checks.md. The loader raises the first finding, so
``pact run`` refuses defective rules with one line; ``pact check`` reports every one of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from datetime import date

from pact.codes import is_area
from pact.errors import RuleError, did_you_mean
from pact.model import AttackerCondition, Bearers, Clause, ClauseVersion, Geography, Party, Rulebook, Treaty
from pact.source import Path_, SourceMap
from pact.states import registry

CODES = {
    "PACT101": "membership ends before it starts",
    "PACT102": "memberships of one state overlap",
    "PACT103": "status period ends before it starts",
    "PACT104": "entry into force before signature",
    "PACT105": "treaty ends before it enters into force",
    "PACT106": "party is not a state for all of its membership",
    "PACT107": "party joins before the treaty was signed",
    "PACT111": "duplicate id",
    "PACT112": "periods of one territory overlap",
    "PACT121": "unknown region",
    "PACT122": "unknown area",
    "PACT123": "regions include each other in a cycle",
    "PACT124": "region contains nothing",
    "PACT125": "region rule names an unknown treaty",
    "PACT131": "suspension names a non-party",
    "PACT132": "listed bearer is not a party",
    "PACT133": "listed bearer can be the victim",
    "PACT141": "clause can never bind anyone",
    "PACT142": "versions of one clause overlap",
}

WARNINGS = frozenset({"PACT133"})
"""Codes that ``pact check`` reports but the loader accepts: the rules run, perhaps not as meant."""


def code_of(problem: RuleError) -> str | None:
    """The PACT code a finding's message starts with, if any."""
    head = problem.message.split(" ", 1)[0]
    return head if head in CODES else None


def is_warning(problem: RuleError) -> bool:
    return code_of(problem) in WARNINGS


Loaded = tuple[Treaty, SourceMap]
LoadedGeography = tuple[Geography, SourceMap]


def finding(source: SourceMap, path: Path_, code: str, detail: str = "", suggestion: str | None = None) -> RuleError:
    message = f"{code} {CODES[code]}" + (f": {detail}" if detail else "")
    return source.error(RuleError, path, message, suggestion)  # type: ignore[return-value]


def static_findings(treaties: list[Loaded], geographies: list[LoadedGeography]) -> Iterator[RuleError]:
    """Every static defect of a rule set, in file order."""
    yield from _duplicates((t.treaty, s, ("treaty",)) for t, s in treaties)
    yield from _duplicates((r.id, s, ("regions", i, "id")) for g, s in geographies for i, r in enumerate(g.regions))
    yield from _territories(geographies)
    yield from _duplicates((a.id, s, ("areas", i, "id")) for g, s in geographies for i, a in enumerate(g.areas))
    regions = {r.id for g, _ in geographies for r in g.regions}
    treaty_ids = {t.treaty for t, _ in treaties}
    for geography, source in geographies:
        yield from _geography(geography, source, regions, treaty_ids)
    yield from _cycles(geographies)
    for treaty, source in treaties:
        yield from _treaty(treaty, source, regions)


def _duplicates(items: Iterable[tuple[str, SourceMap, Path_]]) -> Iterator[RuleError]:
    seen: dict[str, tuple[SourceMap, Path_]] = {}
    for name, source, path in items:
        if name in seen:
            first, at = seen[name]
            where = f"on line {first.line(at)}" if first.file == source.file else f"in {first.file}:{first.line(at)}"
            yield finding(source, path, "PACT111", f"{name!r} is defined twice (also {where})")
        else:
            seen[name] = source, path


def _known_region(ref: str, regions: set[str], source: SourceMap, path: Path_) -> Iterator[RuleError]:
    if ref not in regions:
        yield finding(source, path, "PACT121", repr(ref), did_you_mean(ref, regions))


def _territories(geographies: list[LoadedGeography]) -> Iterator[RuleError]:
    """Two entries for one code may say whose it was only over periods that do not overlap."""
    seen: dict[str, list[tuple[date, date, SourceMap, Path_]]] = {}
    for geography, source in geographies:
        for i, territory in enumerate(geography.territories):
            start, end = territory.start or date.min, territory.until or date.max
            path = ("territories", i, "code")
            for other_start, other_end, other, at in seen.get(territory.code, []):
                if start < other_end and other_start < end:
                    where = f"line {other.line(at)}" if other.file == source.file else f"{other.file}:{other.line(at)}"
                    yield finding(source, path, "PACT112", f"{territory.code} (also at {where})")
            seen.setdefault(territory.code, []).append((start, end, source, path))


def _geography(geography: Geography, source: SourceMap, regions: set[str], treaties: set[str]) -> Iterator[RuleError]:
    areas = {a.id for a in geography.areas}
    for i, region in enumerate(geography.regions):
        for j, ref in enumerate(region.include_regions):
            yield from _known_region(ref, regions, source, ("regions", i, "include_regions", j))
        for key in ("include", "exclude"):
            for j, entry in enumerate(getattr(region, key)):
                place = entry if isinstance(entry, str) else entry.place
                if is_area(place) and place not in areas:
                    yield finding(source, ("regions", i, key, j), "PACT122", repr(place), did_you_mean(place, areas))
        for j, treaty in enumerate(region.include_parties):
            if treaty not in treaties:
                path = ("regions", i, "include_parties", j)
                yield finding(source, path, "PACT125", repr(treaty), did_you_mean(treaty, treaties))
        if not (region.include or region.include_regions or region.include_parties or region.administered_by):
            yield finding(source, ("regions", i, "id"), "PACT124", f"{region.id!r} includes no place and no region")


def _cycles(geographies: list[LoadedGeography]) -> Iterator[RuleError]:
    known = {r.id for g, _ in geographies for r in g.regions}
    closed = {r.id: r for g, _ in geographies for r in g.regions if set(r.include_regions) <= known}
    cycle = Rulebook(treaties=(), geography=tuple(g for g, _ in geographies)).region_cycle() if closed else []
    if cycle:
        source, i, region = next((s, i, r) for g, s in geographies for i, r in enumerate(g.regions) if r.id == cycle[0])
        where = ("regions", i, "include_regions", region.include_regions.index(cycle[1]))
        yield finding(source, where, "PACT123", " -> ".join(cycle))


def _treaty(treaty: Treaty, source: SourceMap, regions: set[str]) -> Iterator[RuleError]:
    yield from _duplicates((c.id, source, ("clauses", i, "id")) for i, c in enumerate(treaty.clauses))
    if treaty.in_force < treaty.signed:
        yield finding(source, ("in_force",), "PACT104", f"in force {treaty.in_force}, signed {treaty.signed}")
    if treaty.terminated and treaty.terminated <= treaty.in_force:
        yield finding(source, ("terminated",), "PACT105", f"terminated {treaty.terminated}, in force {treaty.in_force}")
    yield from _periods(treaty, source)
    yield from _statehood(treaty, source)
    parties = {p.state for p in treaty.parties}
    for i, suspension in enumerate(treaty.suspensions):
        for key in ("bearer", "toward"):
            state = getattr(suspension, key)
            if state not in parties:
                yield finding(source, ("suspensions", i, key), "PACT131", f"{state} is not a party of {treaty.treaty}")
    for i, clause in enumerate(treaty.clauses):
        for at, version in _wordings(clause, ("clauses", i)):
            yield from _wording(treaty, version, at, parties, regions, source)
        yield from _versions(clause, ("clauses", i), source)
    for i, j, state in listed_victims(treaty):
        detail = f"{state} is also a party the clause protects, and pact never binds a victim toward itself"
        path = ("clauses", i, "obligation", "bearers", j)
        yield finding(source, path, "PACT133", detail, "bearers: other_parties")
    for i, clause in enumerate(treaty.clauses):
        dead = _never_binds(treaty, i)
        if dead:
            yield finding(source, ("clauses", i, "id"), "PACT141", f"{clause.id}: {dead}")


def _wordings(clause: Clause, at: Path_) -> Iterator[tuple[Path_, Clause | ClauseVersion]]:
    """The clause, and each version of it, with where each stands in the file."""
    yield at, clause
    for n, version in enumerate(clause.versions):
        yield (*at, "versions", n), version


def _wording(
    treaty: Treaty, version: Clause | ClauseVersion, at: Path_, parties: set[str], regions: set[str], source: SourceMap
) -> Iterator[RuleError]:
    """Regions and listed bearers the clause (or one version of it) names must exist."""
    trigger = version.trigger
    if trigger is not None:
        for j, ref in enumerate(trigger.scope.regions if trigger.scope else ()):
            yield from _known_region(ref, regions, source, (*at, "trigger", "scope", "regions", j))
        if not isinstance(trigger.victim, str):
            yield from _known_region(trigger.victim.region, regions, source, (*at, "trigger", "victim", "region"))
    bearers = version.obligation.bearers if version.obligation else ()
    for j, state in enumerate(bearers if isinstance(bearers, tuple) else ()):
        if state not in parties:
            path = (*at, "obligation", "bearers", j)
            yield finding(source, path, "PACT132", f"{state} is not a party of {treaty.treaty}")


def _versions(clause: Clause, at: Path_, source: SourceMap) -> Iterator[RuleError]:
    ordered = sorted(enumerate(clause.versions), key=lambda item: item[1].start)
    for (_, earlier), (n, later) in itertools.pairwise(ordered):
        if later.start < (earlier.until or date.max):
            detail = f"{clause.id}: a version from {later.start} starts before the one from {earlier.start} ends"
            yield finding(source, (*at, "versions", n, "from"), "PACT142", detail)


def listed_victims(treaty: Treaty) -> Iterator[tuple[int, int, str]]:
    """(clause index, bearer index, state) for each listed bearer the same clause also protects."""
    parties = {p.state for p in treaty.parties}
    for i, clause in enumerate(treaty.clauses):
        bearers = clause.obligation.bearers
        if clause.trigger.victim == "party" and isinstance(bearers, tuple):
            yield from ((i, j, state) for j, state in enumerate(bearers) if state in parties)


def _periods(treaty: Treaty, source: SourceMap) -> Iterator[RuleError]:
    spans: dict[str, list[tuple[int, Party]]] = {}
    for i, party in enumerate(treaty.parties):
        if party.left and party.left <= party.joined:
            detail = f"{party.state} left {party.left}, joined {party.joined}"
            yield finding(source, ("parties", i, "left"), "PACT101", detail)
            continue
        for j, period in enumerate(party.status):
            if period.until and period.until <= period.start:
                detail = f"{party.state} {period.status} until {period.until}, from {period.start}"
                yield finding(source, ("parties", i, "status", j, "until"), "PACT103", detail)
        if party.joined < treaty.signed:
            detail = f"{party.state} joined {party.joined}, signed {treaty.signed}"
            yield finding(source, ("parties", i, "joined"), "PACT107", detail)
        for j, other in spans.get(party.state, []):
            if party.joined < (other.left or date.max) and other.joined < (party.left or date.max):
                detail = f"{party.state} at parties[{i}] and parties[{j}]"
                yield finding(source, ("parties", i, "joined"), "PACT102", detail)
        spans.setdefault(party.state, []).append((i, party))


def _statehood(treaty: Treaty, source: SourceMap) -> Iterator[RuleError]:
    """A membership that starts before its state existed, or lasts (with the treaty) while it did not."""
    for i, party in enumerate(treaty.parties):
        state = registry().get(party.state)
        if state is None:
            continue  # a territory: not a question of statehood
        lasts = min(party.left or date.max, treaty.terminated or date.max)
        if state.start and party.joined < state.start:
            detail = f"{party.state} joined {party.joined} but was a state {state.period()}"
            yield finding(source, ("parties", i, "joined"), "PACT106", detail)
        elif state.end and lasts > state.end:
            detail = f"{party.state} {_stays(party, treaty)} but was a state {state.period()}"
            yield finding(source, ("parties", i, "left" if party.left else "state"), "PACT106", detail)
        elif gap := next((g for g in state.interruptions if party.joined < g.end and g.start < lasts), None):
            detail = f"{party.state} was not a state between {gap.start} and {gap.end} (under {gap.part_of})"
            yield finding(source, ("parties", i, "state"), "PACT106", detail)


def _stays(party: Party, treaty: Treaty) -> str:
    if party.left:
        return f"left {party.left}"
    return f"stayed until the treaty ended on {treaty.terminated}" if treaty.terminated else "never left"


def _never_binds(treaty: Treaty, index: int) -> str | None:
    """Why clause ``index`` can bind no state on any day, or None when some day it can."""
    clause = treaty.clauses[index]
    bearers, attacker = clause.obligation.bearers, clause.trigger.attacker
    if bearers is Bearers.attacking_parties and attacker in (
        AttackerCondition.non_party,
        AttackerCondition.non_party_state,
    ):
        return "it binds attacking parties but only fires when no attacker is a party"
    opens, closes = treaty.in_force, treaty.terminated or date.max
    spans = [(max(p.joined, opens), min(p.left or date.max, closes), p.state) for p in treaty.parties]
    live = [(a, b, s) for a, b, s in spans if a < b]
    if isinstance(bearers, tuple) and not [s for _, _, s in live if s in bearers]:
        return "none of its listed bearers is a party while the treaty is in force"
    if bearers is Bearers.other_parties and clause.trigger.victim == "party":
        overlapping = any(a1 < b2 and a2 < b1 and s1 != s2 for a1, b1, s1 in live for a2, b2, s2 in live)
        if not overlapping:
            return "no two parties are ever members at the same time, so no other party can owe the victim"
    return None
