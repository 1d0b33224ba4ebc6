"""Static checks of a rule set: references across files, periods, duplicates, dead clauses.

Every finding is a ``RuleError`` with a stable code in its ``code`` field (``PACT101`` …),
documented with an example and a fix in docs/checks.md; its title and detail are words of the
catalogues (``code.PACT101``, ``check.*`` in ``pact.words``), so they render in any language. The
loader raises the first finding, so ``pact run`` refuses defective rules with one line; ``pact
check`` reports every one of them.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import get_args

from pact.core.codes import is_area
from pact.core.errors import RuleError, did_you_mean
from pact.core.source import Path_, SourceMap
from pact.core.states import registry
from pact.model import (
    AttackerCondition,
    Bearers,
    Clause,
    ClauseVersion,
    Geography,
    Party,
    Rulebook,
    Treaty,
    Value,
    VictimInRegion,
    VictimMemberOf,
)
from pact.model.base import Translated
from pact.model.geography import PlaceLabels
from pact.model.rulebook import LoadedGeography, LoadedTreaty
from pact.model.rules import ClauseLabels, ReadingLabels, VersionLabels
from pact.words import Words, catalogue, term

CODES = {key.removeprefix("code."): title for key, title in catalogue("en").items() if key.startswith("code.")}
"""Every code and its English title (``code.PACTnnn`` in the catalogues)."""

WARNINGS = frozenset({"PACT133", "PACT151"})  # PACT151 only from missing_words, for pact validate
"""Codes that ``pact check`` reports but the loader accepts: the rules run, perhaps not as meant."""


def is_warning(problem: RuleError) -> bool:
    return problem.code in WARNINGS


def finding(
    source: SourceMap, path: Path_, code: str, detail: Words | None = None, suggestion: str | None = None
) -> RuleError:
    title = Words(f"code.{code}")
    words = Words("check.finding", {"title": title, "detail": detail}) if detail else title
    return source.error(RuleError, path, words, suggestion, code=code)  # type: ignore[return-value]


def _named(name: str) -> Words:
    return Words("check.name", {"name": name})


def static_findings(treaties: list[LoadedTreaty], geographies: list[LoadedGeography]) -> Iterator[RuleError]:
    """Every static defect of a rule set, in file order."""
    yield from _duplicates((t.treaty, s, ("treaty",)) for t, s in treaties)
    yield from _duplicates((r.id, s, ("regions", i, "id")) for g, s in geographies for i, r in enumerate(g.regions))
    yield from _territories(geographies)
    yield from _duplicates((a.id, s, ("areas", i, "id")) for g, s in geographies for i, a in enumerate(g.areas))
    regions = _regions(geographies)
    treaty_ids = _bodies(treaties)
    for geography, source in geographies:
        yield from _geography(geography, source, regions, treaty_ids)
    yield from _cycles(geographies)
    for treaty, source in treaties:
        yield from _treaty(treaty, source, regions, treaty_ids)


def treaty_findings(
    treaty: Treaty, source: SourceMap, treaties: list[LoadedTreaty], geographies: list[LoadedGeography]
) -> Iterator[RuleError]:
    """The static defects of one treaty among the rules: a treaty as another reading has it, checked
    without checking again what that reading does not change."""
    yield from _treaty(treaty, source, _regions(geographies), _bodies(treaties))


def _regions(geographies: list[LoadedGeography]) -> set[str]:
    return {r.id for g, _ in geographies for r in g.regions}


def _bodies(treaties: list[LoadedTreaty]) -> dict[str, frozenset[str]]:
    """Each treaty's id with the bodies it names."""
    return {t.treaty: frozenset(t.words.bodies) for t, _ in treaties}


def check_rulebook(treaties: Iterable[Treaty], geographies: Iterable[Geography] = ()) -> list[RuleError]:
    """Every static finding (errors and warnings) on models built in memory, e.g. by an importer.

    Such models have no file: each finding names ``<treaty ID>`` or ``<geography ID>`` and its field.
    """
    loaded = [(t, SourceMap(Path(f"<treaty {t.treaty}>"))) for t in treaties]
    places = [(g, SourceMap(Path(f"<geography {g.geography}>"))) for g in geographies]
    return list(static_findings(loaded, places))


def _duplicates(items: Iterable[tuple[str, SourceMap, Path_]]) -> Iterator[RuleError]:
    seen: dict[str, tuple[SourceMap, Path_]] = {}
    for name, source, path in items:
        if name in seen:
            first, at = seen[name]
            key = "check.twice_line" if first.file == source.file else "check.twice_file"
            detail = Words(key, {"name": name, "file": first.file, "line": first.line(at)})
            yield finding(source, path, "PACT111", detail)
        else:
            seen[name] = source, path


def _known_region(ref: str, regions: set[str], source: SourceMap, path: Path_) -> Iterator[RuleError]:
    if ref not in regions:
        yield finding(source, path, "PACT121", _named(ref), did_you_mean(ref, regions))


def _territories(geographies: list[LoadedGeography]) -> Iterator[RuleError]:
    """Two entries for one code may say whose it was only over periods that do not overlap."""
    seen: dict[str, list[tuple[date, date, SourceMap, Path_]]] = {}
    for geography, source in geographies:
        for i, territory in enumerate(geography.territories):
            start, end = territory.start or date.min, territory.until or date.max
            path = ("territories", i, "code")
            for other_start, other_end, other, at in seen.get(territory.code, []):
                if start < other_end and other_start < end:
                    key = "check.also_line" if other.file == source.file else "check.also_file"
                    detail = Words(key, {"name": territory.code, "file": other.file, "line": other.line(at)})
                    yield finding(source, path, "PACT112", detail)
            seen.setdefault(territory.code, []).append((start, end, source, path))


def _geography(
    geography: Geography, source: SourceMap, regions: set[str], treaties: Mapping[str, frozenset[str]]
) -> Iterator[RuleError]:
    areas = {a.id for a in geography.areas}
    for i, region in enumerate(geography.regions):
        for j, ref in enumerate(region.include_regions):
            yield from _known_region(ref, regions, source, ("regions", i, "include_regions", j))
        for key in ("include", "exclude"):
            for j, entry in enumerate(getattr(region, key)):
                place = entry if isinstance(entry, str) else entry.place
                if is_area(place) and place not in areas:
                    at = ("regions", i, key, j)
                    yield finding(source, at, "PACT122", _named(place), did_you_mean(place, areas))
        for j, treaty in enumerate(region.include_parties):
            if treaty not in treaties:
                path = ("regions", i, "include_parties", j)
                yield finding(source, path, "PACT125", _named(treaty), did_you_mean(treaty, treaties))
        if not (region.include or region.include_regions or region.include_parties or region.administered_by):
            yield finding(source, ("regions", i, "id"), "PACT124", Words("check.empty_region", {"name": region.id}))


def _cycles(geographies: list[LoadedGeography]) -> Iterator[RuleError]:
    known = {r.id for g, _ in geographies for r in g.regions}
    closed = {r.id: r for g, _ in geographies for r in g.regions if set(r.include_regions) <= known}
    cycle = Rulebook(treaties=(), geography=tuple(g for g, _ in geographies)).region_cycle() if closed else []
    if cycle:
        source, i, region = next((s, i, r) for g, s in geographies for i, r in enumerate(g.regions) if r.id == cycle[0])
        where = ("regions", i, "include_regions", region.include_regions.index(cycle[1]))
        yield finding(source, where, "PACT123", Words("check.cycle", {"cycle": " -> ".join(cycle)}))


def _treaty(
    treaty: Treaty, source: SourceMap, regions: set[str], treaties: Mapping[str, frozenset[str]]
) -> Iterator[RuleError]:
    yield from _duplicates((c.id, source, ("clauses", i, "id")) for i, c in enumerate(treaty.clauses))
    if treaty.in_force < treaty.signed:
        detail = Words("check.in_force_signed", {"in_force": treaty.in_force, "signed": treaty.signed})
        yield finding(source, ("in_force",), "PACT104", detail)
    if treaty.terminated and treaty.terminated <= treaty.in_force:
        detail = Words("check.terminated_in_force", {"terminated": treaty.terminated, "in_force": treaty.in_force})
        yield finding(source, ("terminated",), "PACT105", detail)
    yield from _periods(treaty, source)
    yield from _statehood(treaty, source)
    parties = {p.state for p in treaty.parties}
    for i, suspension in enumerate(treaty.suspensions):
        for key in ("bearer", "toward"):
            state = getattr(suspension, key)
            if state not in parties:
                detail = Words("check.not_party", {"state": state, "treaty": treaty.treaty})
                yield finding(source, ("suspensions", i, key), "PACT131", detail)
    for i, clause in enumerate(treaty.clauses):
        for at, version in _wordings(clause, ("clauses", i)):
            yield from _wording(treaty, version, at, parties, (regions, treaties), source)
        yield from _versions(clause, ("clauses", i), source)
    for i, j, state in listed_victims(treaty):
        detail = Words("check.bearer_victim", {"state": state})
        path = ("clauses", i, "obligation", "bearers", j)
        yield finding(source, path, "PACT133", detail, "bearers: other_parties")
    for i, clause in enumerate(treaty.clauses):
        dead = _never_binds(treaty, i)
        if dead:
            yield finding(
                source, ("clauses", i, "id"), "PACT141", Words("check.clause", {"clause": clause.id, "why": dead})
            )


def _wordings(clause: Clause, at: Path_) -> Iterator[tuple[Path_, Clause | ClauseVersion]]:
    """The clause, and each version of it, with where each stands in the file."""
    yield at, clause
    for n, version in enumerate(clause.versions):
        yield (*at, "versions", n), version


def _community(
    instrument: str | None, treaties: Mapping[str, frozenset[str]], source: SourceMap, path: Path_
) -> Iterator[RuleError]:
    """An instrument a clause names for its attackers' membership or its deciding body must exist."""
    if instrument is not None and instrument not in treaties:
        yield finding(source, path, "PACT127", _named(instrument), did_you_mean(instrument, treaties))


def _wording(
    treaty: Treaty,
    version: Clause | ClauseVersion,
    at: Path_,
    parties: set[str],
    known: tuple[set[str], Mapping[str, frozenset[str]]],
    source: SourceMap,
) -> Iterator[RuleError]:
    """Regions, instruments, bodies and listed bearers the clause (or one version of it) names must
    exist (``known``: the ids of the regions, and of the treaties with the bodies each names)."""
    trigger, (regions, treaties) = version.trigger, known
    if trigger is not None:
        for j, ref in enumerate(trigger.scope.regions if trigger.scope else ()):
            yield from _known_region(ref, regions, source, (*at, "trigger", "scope", "regions", j))
        victim = trigger.victim
        if isinstance(victim, VictimInRegion):
            yield from _known_region(victim.region, regions, source, (*at, "trigger", "victim", "region"))
        elif isinstance(victim, VictimMemberOf) and victim.member_of not in treaties:
            path = (*at, "trigger", "victim", "member_of")
            yield finding(source, path, "PACT126", _named(victim.member_of), did_you_mean(victim.member_of, treaties))
        yield from _community(trigger.attacker_instrument, treaties, source, (*at, "trigger", "attacker"))
    decided = version.obligation.decided_by if version.obligation else None
    if decided is not None:
        yield from _community(decided.of, treaties, source, (*at, "obligation", "decided_by", "of"))
        bodies = treaties.get(decided.of or treaty.treaty)
        if bodies is not None and decided.body not in bodies:
            path, named = (*at, "obligation", "decided_by", "body"), _named(decided.body)
            yield finding(source, path, "PACT128", named, did_you_mean(decided.body, bodies))
    bearers = version.obligation.bearers if version.obligation else ()
    for j, state in enumerate(bearers if isinstance(bearers, tuple) else ()):
        if state not in parties:
            path = (*at, "obligation", "bearers", j)
            yield finding(source, path, "PACT132", Words("check.not_party", {"state": state, "treaty": treaty.treaty}))


def _versions(clause: Clause, at: Path_, source: SourceMap) -> Iterator[RuleError]:
    ordered = sorted(enumerate(clause.versions), key=lambda item: item[1].start)
    for (_, earlier), (n, later) in itertools.pairwise(ordered):
        if later.start < (earlier.until or date.max):
            detail = Words("check.versions", {"clause": clause.id, "later": later.start, "earlier": earlier.start})
            yield finding(source, (*at, "versions", n, "from"), "PACT142", detail)


# --- words a reader of another language would miss (PACT151, a warning of pact validate) -------------


def missing_words(model: Treaty | Geography, source: SourceMap) -> list[RuleError]:
    """Every word a rule file leaves out in a language pact speaks (PACT151). Not a static finding: rules
    without them run and are checked alike (ATOP's, a user's own in English); ``pact validate`` tells
    them, and the bundled rules have none (tests/test_french.py)."""
    if isinstance(model, Treaty):
        return list(_untranslated(model, source))
    return list(_untranslated_places(model, source))


def _untranslated(treaty: Treaty, source: SourceMap) -> Iterator[RuleError]:
    """The treaty's name and title, each clause's title and article, and each version's own article
    and instrument (a version without one is named by its source's citation), in every language."""
    words = treaty.words
    yield from _lacking(source, ("words",), "en", {"name": words.name})
    for language in get_args(Translated):
        given = _given(words.translations.get(language), "name", "title")
        yield from _lacking(source, ("words", "translations"), language, given)
    for clause in treaty.clauses:
        labels = words.clauses.get(clause.id, ClauseLabels())
        at = ("words", "clauses", clause.id)
        yield from _lacking(source, at, "en", {"title": labels.title})
        for language in get_args(Translated):
            yield from _lacking(source, at, language, _given(labels.translations.get(language), "article", "title"))
            for version in clause.versions:
                said = labels.versions.get(version.start, VersionLabels()).translations.get(language)
                asked = ["article", "instrument"] if version.article else ["instrument"]
                yield from _lacking(
                    source, (*at, "versions", version.start.isoformat()), language, _given(said, *asked)
                )
    for point in treaty.contested:
        for reading in point.readings:
            labels = words.readings.get(reading.id, ReadingLabels())
            for language in get_args(Translated):
                said = labels.translations.get(language)
                yield from _lacking(source, ("words", "readings", reading.id), language, _given(said, "says"))


def _untranslated_places(geography: Geography, source: SourceMap) -> Iterator[RuleError]:
    for key in ("areas", "regions"):
        for i, place in enumerate(getattr(geography, key)):
            for language in get_args(Translated):
                said = geography.words.get(place.id, PlaceLabels()).translations.get(language)
                yield from _lacking(source, (key, i, "title"), language, _given(said, "title"))


def _given(words: Value | None, *fields: str) -> dict[str, object]:
    return {name: getattr(words, name, None) for name in fields}


def _lacking(source: SourceMap, at: Path_, language: str, given: dict[str, object]) -> Iterator[RuleError]:
    missing = [name for name, value in given.items() if not value]
    if missing:
        detail = Words("check.untranslated", {"language": language, "fields": ", ".join(missing)})
        yield finding(source, at, "PACT151", detail)


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
            detail = Words("check.left_joined", {"state": party.state, "left": party.left, "joined": party.joined})
            yield finding(source, ("parties", i, "left"), "PACT101", detail)
            continue
        for j, period in enumerate(party.status):
            if period.until and period.until <= period.start:
                values = {"state": party.state, "status": term("status", period.status)}
                detail = Words("check.status_period", values | {"until": period.until, "start": period.start})
                yield finding(source, ("parties", i, "status", j, "until"), "PACT103", detail)
        if party.joined < treaty.signed:
            detail = Words(
                "check.joined_signed", {"state": party.state, "joined": party.joined, "signed": treaty.signed}
            )
            yield finding(source, ("parties", i, "joined"), "PACT107", detail)
        for j, other in spans.get(party.state, []):
            if party.joined < (other.left or date.max) and other.joined < (party.left or date.max):
                detail = Words("check.overlap", {"state": party.state, "i": i, "j": j})
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
            values = {"state": party.state, "joined": party.joined, "period": state.period()}
            detail = Words("check.joined_before_state", values)
            yield finding(source, ("parties", i, "joined"), "PACT106", detail)
        elif state.end and lasts > state.end:
            values = {"state": party.state, "stays": _stays(party, treaty), "period": state.period()}
            detail = Words("check.stays_after_state", values)
            yield finding(source, ("parties", i, "left" if party.left else "state"), "PACT106", detail)
        elif gap := next((g for g in state.interruptions if party.joined < g.end and g.start < lasts), None):
            values = {"state": party.state, "start": gap.start, "end": gap.end, "part_of": gap.part_of}
            detail = Words("check.gap", values)
            yield finding(source, ("parties", i, "state"), "PACT106", detail)


def _stays(party: Party, treaty: Treaty) -> Words:
    if party.left:
        return Words("check.left", {"left": party.left})
    return Words("check.stayed", {"ended": treaty.terminated}) if treaty.terminated else Words("check.never_left")


def _never_binds(treaty: Treaty, index: int) -> Words | None:
    """Why clause ``index`` can bind no state on any day, or None when some day it can."""
    clause = treaty.clauses[index]
    bearers, attacker = clause.obligation.bearers, clause.trigger.attacker
    if bearers is Bearers.attacking_parties and attacker in (
        AttackerCondition.non_party,
        AttackerCondition.non_party_state,
    ):
        return Words("check.attacking_but_non_party")
    opens, closes = treaty.in_force, treaty.terminated or date.max
    spans = [(max(p.joined, opens), min(p.left or date.max, closes), p.state) for p in treaty.parties]
    live = [(a, b, s) for a, b, s in spans if a < b]
    if isinstance(bearers, tuple) and not [s for _, _, s in live if s in bearers]:
        return Words("check.no_listed_bearer")
    if bearers is Bearers.other_parties and clause.trigger.victim == "party":
        overlapping = any(a1 < b2 and a2 < b1 and s1 != s2 for a1, b1, s1 in live for a2, b2, s2 in live)
        if not overlapping:
            return Words("check.never_together")
    return None
