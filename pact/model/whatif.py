"""Assumptions: a scenario's one-line changes to the rules (``assume:``), applied to a copy of the rulebook.

Each change is checked against the rules as the changes before it left them, so that a problem is
reported on the scenario's own line (``assume[i].field``), never later as a defect of the rules.
The rulebook itself is never changed: models are frozen, and each change makes a copy.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pact.core.codes import is_area
from pact.core.errors import ScenarioError, did_you_mean
from pact.core.source import SourceMap, remapped
from pact.model import (
    Assumption,
    ClauseOff,
    Ends,
    EntersIntoForce,
    Joins,
    Leaves,
    LiftsSuspension,
    Origin,
    PairSuspension,
    Party,
    Region,
    RegionAdds,
    RegionRemoves,
    Rulebook,
    Source,
    Stays,
    SuspendsToward,
    Treaty,
)
from pact.words import Words


def assume(rulebook: Rulebook, changes: Sequence[Assumption], source: SourceMap | None = None) -> Rulebook:
    """The rulebook with every change applied in order; a bad change raises ``ScenarioError`` at its line."""
    source = source or SourceMap(Path("<assumptions>"))
    for i, change in enumerate(changes):
        rulebook = _Change(rulebook, source, i).apply(change)
    return rulebook


def describe(change: Assumption) -> Words:
    """One change, to be worded in the reader's language (``assume.*`` in the catalogues)."""
    match change:
        case Joins():
            return Words("assume.joins", {"state": change.state, "treaty": change.treaty, "date": change.joins})
        case Leaves():
            return Words("assume.leaves", {"state": change.state, "treaty": change.treaty, "date": change.leaves})
        case Stays():
            return Words("assume.stays", {"state": change.state, "treaty": change.treaty})
        case SuspendsToward():
            key = "assume.suspends_until" if change.until else "assume.suspends"
            toward = {"toward": change.suspends_toward, "start": change.start, "until": change.until}
            return Words(key, {"state": change.state, "treaty": change.treaty, **toward})
        case LiftsSuspension():
            key = "assume.lifts_from" if change.start else "assume.lifts"
            toward = {"toward": change.lifts_suspension_toward, "start": change.start}
            return Words(key, {"state": change.state, "treaty": change.treaty, **toward})
        case Ends():
            return Words("assume.ends", {"treaty": change.treaty, "date": change.ends})
        case EntersIntoForce():
            return Words("assume.in_force", {"treaty": change.treaty, "date": change.in_force})
        case ClauseOff():
            return Words("assume.clause_off", {"treaty": change.treaty, "clause": change.clause})
        case RegionAdds():
            return Words("assume.region_adds", {"region": change.region, "place": change.adds})
        case RegionRemoves():
            return Words("assume.region_removes", {"region": change.region, "place": change.removes})


class _Change:
    """One change, with where it stands in the scenario for errors and citations."""

    def __init__(self, rulebook: Rulebook, source: SourceMap, index: int) -> None:
        self.rulebook, self.source, self.index = rulebook, source, index

    def fail(self, field: str, message: Words, hint: str | None = None) -> ScenarioError:
        return self.source.error(ScenarioError, ("assume", self.index, field), message, hint)  # type: ignore[return-value]

    @property
    def cited(self) -> Source:
        return Source(citation=f"assumed in {self.source.file}:{self.source.line(('assume', self.index))}")

    def apply(self, change: Assumption) -> Rulebook:
        if isinstance(change, RegionAdds | RegionRemoves):
            return self._region(change)
        treaty = self._treaty(change.treaty)
        match change:
            case Joins():
                return self._joins(treaty, change)
            case Leaves():
                return self._leaves(treaty, change)
            case Stays():
                return self._stays(treaty, change)
            case SuspendsToward():
                return self._suspends(treaty, change)
            case LiftsSuspension():
                return self._lifts(treaty, change)
            case Ends():
                return self._ends(treaty, change)
            case EntersIntoForce():
                return self._in_force(treaty, change)
            case ClauseOff():
                return self._clause_off(treaty, change)
        raise AssertionError(change)  # every kind is matched above

    # --- finding what a change names --------------------------------------------------------

    def _treaty(self, name: str) -> Treaty:
        known = {t.treaty: t for t in self.rulebook.treaties}
        if name not in known:
            raise self.fail("treaty", Words("input.unknown_treaty", {"treaty": name}), did_you_mean(name, known))
        return known[name]

    def _memberships(self, treaty: Treaty, state: str, field: str = "state") -> list[int]:
        found = [i for i, p in enumerate(treaty.parties) if p.state == state]
        if not found:
            parties = {p.state for p in treaty.parties}
            words = Words("check.not_party", {"state": state, "treaty": treaty.treaty})
            raise self.fail(field, words, did_you_mean(state, parties))
        return found

    def _replace(self, treaty: Treaty, update: dict, renumbered: tuple[str, dict[int, int]] | None = None) -> Rulebook:
        """The rulebook with ``treaty`` changed; ``renumbered`` keeps its FILE:LINE citations right
        when items of one of its lists are removed."""
        changed = treaty.model_copy(update=update)
        origins = self.rulebook.origins
        if renumbered is not None:
            key, kept = renumbered
            origins = tuple(_renumber(o, key, kept) if o.key == treaty.treaty else o for o in origins)
        treaties = tuple(changed if t.treaty == treaty.treaty else t for t in self.rulebook.treaties)
        return self.rulebook.model_copy(update={"treaties": treaties, "origins": origins})

    def _party(self, treaty: Treaty, index: int, **update: object) -> Rulebook:
        parties = list(treaty.parties)
        parties[index] = parties[index].model_copy(update=update)
        return self._replace(treaty, {"parties": tuple(parties)})

    # --- memberships -------------------------------------------------------------------------

    def _joins(self, treaty: Treaty, change: Joins) -> Rulebook:
        if treaty.terminated and change.joins >= treaty.terminated:
            raise self.fail("joins", Words("assume.ended", {"treaty": treaty.treaty, "date": treaty.terminated}))
        mine = [i for i, p in enumerate(treaty.parties) if p.state == change.state]
        for i in mine:
            party = treaty.parties[i]
            if party.joined <= change.joins < (party.left or date.max):
                values = {"state": change.state, "treaty": treaty.treaty, "joined": party.joined, "left": party.left}
                raise self.fail("state", Words("assume.party_until" if party.left else "assume.party_since", values))
        later = [i for i in mine if treaty.parties[i].joined > change.joins]
        if later:  # an accession brought forward: the next recorded membership starts earlier
            return self._party(treaty, min(later, key=lambda i: treaty.parties[i].joined), joined=change.joins)
        party = Party(state=change.state, joined=change.joins, source=self.cited)
        return self._replace(treaty, {"parties": (*treaty.parties, party)})

    def _leaves(self, treaty: Treaty, change: Leaves) -> Rulebook:
        found = self._memberships(treaty, change.state)
        before = [i for i in found if treaty.parties[i].joined < change.leaves]
        if not before:
            first = min(treaty.parties[i].joined for i in found)
            raise self.fail(
                "leaves", Words("assume.joins_only", {"state": change.state, "treaty": treaty.treaty, "date": first})
            )
        index = max(before, key=lambda i: treaty.parties[i].joined)
        return self._party(treaty, index, left=change.leaves)

    def _stays(self, treaty: Treaty, change: Stays) -> Rulebook:
        found = self._memberships(treaty, change.state)
        index = max(found, key=lambda i: treaty.parties[i].joined)
        if treaty.parties[index].left is None:
            raise self.fail("stays", Words("assume.no_exit", {"state": change.state, "treaty": treaty.treaty}))
        return self._party(treaty, index, left=None)

    # --- suspensions between two parties ------------------------------------------------------

    def _suspends(self, treaty: Treaty, change: SuspendsToward) -> Rulebook:
        self._memberships(treaty, change.state)
        self._memberships(treaty, change.suspends_toward, "suspends_toward")
        if change.suspends_toward == change.state:
            raise self.fail("suspends_toward", Words("assume.toward_itself", {"state": change.state}))
        if change.until is not None and change.until <= change.start:
            raise self.fail("until", Words("assume.ends_before", {"until": change.until, "start": change.start}))
        added = PairSuspension.model_validate(
            {"bearer": change.state, "toward": change.suspends_toward, "from": change.start, "until": change.until}
            | {"source": self.cited}
        )
        return self._replace(treaty, {"suspensions": (*treaty.suspensions, added)})

    def _lifts(self, treaty: Treaty, change: LiftsSuspension) -> Rulebook:
        pair = (change.state, change.lifts_suspension_toward)
        found = [i for i, s in enumerate(treaty.suspensions) if (s.bearer, s.toward) == pair]
        if not found:
            values = {"state": change.state, "toward": pair[1], "treaty": treaty.treaty}
            raise self.fail("lifts_suspension_toward", Words("assume.no_suspension", values))
        lifted = change.start or date.min
        ongoing = [i for i in found if (treaty.suspensions[i].until or date.max) > lifted]
        if not ongoing:
            values = {"state": change.state, "toward": pair[1], "date": lifted}
            raise self.fail("from", Words("assume.suspension_ended", values))
        kept, suspensions = {}, []
        for i, s in enumerate(treaty.suspensions):
            if i in ongoing and s.start >= lifted:
                continue  # it would only begin once lifted: it never happens
            kept[i] = len(suspensions)
            suspensions.append(s.model_copy(update={"until": lifted}) if i in ongoing else s)
        return self._replace(treaty, {"suspensions": tuple(suspensions)}, ("suspensions", kept))

    # --- the treaty's time in force and its clauses -------------------------------------------

    def _ends(self, treaty: Treaty, change: Ends) -> Rulebook:
        if change.ends <= treaty.in_force:
            raise self.fail("ends", Words("assume.applies_only", {"treaty": treaty.treaty, "date": treaty.in_force}))
        return self._replace(treaty, {"terminated": change.ends})

    def _in_force(self, treaty: Treaty, change: EntersIntoForce) -> Rulebook:
        if change.in_force < treaty.signed:
            raise self.fail("in_force", Words("assume.signed_only", {"treaty": treaty.treaty, "date": treaty.signed}))
        if treaty.terminated and change.in_force >= treaty.terminated:
            raise self.fail("in_force", Words("assume.ended", {"treaty": treaty.treaty, "date": treaty.terminated}))
        return self._replace(treaty, {"in_force": change.in_force})

    def _clause_off(self, treaty: Treaty, change: ClauseOff) -> Rulebook:
        ids = [c.id for c in treaty.clauses]
        if change.clause not in ids:
            message = Words("assume.no_clause", {"treaty": treaty.treaty, "clause": change.clause})
            raise self.fail("clause", message, did_you_mean(change.clause, ids))
        kept = {old: new for new, old in enumerate(i for i, c in enumerate(ids) if c != change.clause)}
        clauses = tuple(treaty.clauses[old] for old in kept)
        return self._replace(treaty, {"clauses": clauses}, ("clauses", kept))

    # --- regions --------------------------------------------------------------------------------

    def _region(self, change: RegionAdds | RegionRemoves) -> Rulebook:
        regions = self.rulebook.regions()
        if change.region not in regions:
            words = Words("assume.unknown_region", {"region": change.region})
            raise self.fail("region", words, did_you_mean(change.region, regions))
        adds = isinstance(change, RegionAdds)
        field, code = ("adds", change.adds) if isinstance(change, RegionAdds) else ("removes", change.removes)
        areas = self.rulebook.areas()
        if is_area(code) and code not in areas:
            raise self.fail(field, Words("input.unknown_area", {"area": code}), did_you_mean(code, areas))
        region = regions[change.region]
        listed, other = (region.include, region.exclude) if adds else (region.exclude, region.include)
        if code in listed and code not in other:
            key = "assume.already_included" if adds else "assume.already_excluded"
            raise self.fail(field, Words(key, {"place": code, "region": region.id}))
        listed = (*listed, code) if code not in listed else listed
        other = tuple(c for c in other if c != code)
        include, exclude = (listed, other) if adds else (other, listed)
        return self._with_region(region.model_copy(update={"include": include, "exclude": exclude}))

    def _with_region(self, region: Region) -> Rulebook:
        geography = tuple(
            g.model_copy(update={"regions": tuple(region if r.id == region.id else r for r in g.regions)})
            for g in self.rulebook.geography
        )
        return self.rulebook.model_copy(update={"geography": geography})


def _renumber(origin: Origin, key: str, kept: dict[int, int]) -> Origin:
    lines = remapped(dict(origin.lines), key, kept)
    return Origin(key=origin.key, file=origin.file, lines=tuple(lines.items()))
