"""The rules that the answers under some treaties depend on, and nothing else.

A dyad table or a timeline asks about a few treaties at a time; evaluating them on the whole rules
would walk every other treaty's change days and every region. The same dependencies tell which
treaties' answers a change to one treaty can move (``Narrowing.dependents``).
"""

from __future__ import annotations

from collections.abc import Iterable

from pact.model import Rulebook, VictimInRegion, VictimMemberOf


def narrowed(rules: Rulebook, treaties: Iterable[str]) -> Rulebook:
    """The rules the answers under ``treaties`` depend on: those treaties, the regions their clauses
    name (with the regions these include), the treaties whose parties those regions hold and the
    instruments whose members their clauses protect (``victim: {member_of: …}``). Every
    other region is left out, so that finding a state's regions costs a look at the treaties' own (the
    ATOP rules have 104 regions), and other treaties' change days are not the narrowed plan's.
    Narrowing the same rules many times: ``Narrowing``."""
    return Narrowing(rules)(treaties)


class Narrowing:
    """``narrowed`` of the same rules to one set of treaties after another, each in time proportional
    to what it keeps: the rules' treaties, regions and sources are indexed once."""

    def __init__(self, rules: Rulebook) -> None:
        self.rules = rules
        self._treaties = {t.treaty: t for t in rules.treaties}
        self._order = {t.treaty: i for i, t in enumerate(rules.treaties)}
        self._regions = rules.regions()
        self._home = {r.id: g.geography for g in rules.geography for r in g.regions}
        # each geography file without its regions, kept only when it holds something else (territories, areas, aliases)
        bare = {g.geography: g.model_copy(update={"regions": ()}) for g in rules.geography}
        self._bare = {k: g for k, g in bare.items() if g.territories or g.areas or g.aliases}
        self._origins = {o.key: o for o in rules.origins}

    def __call__(self, treaties: Iterable[str]) -> Rulebook:
        keep, named = self._needed(treaties)
        homes = {self._home[r] for r in named}
        geography = tuple(
            g.model_copy(update={"regions": tuple(r for r in g.regions if r.id in named)})
            if g.geography in homes
            else self._bare[g.geography]
            for g in self.rules.geography
            if g.geography in homes or g.geography in self._bare
        )
        kept = tuple(self._treaties[t] for t in sorted(keep, key=self._order.__getitem__))
        keys = (*(t.treaty for t in kept), *(f"geography:{g.geography}" for g in geography))
        origins = tuple(self._origins[k] for k in keys if k in self._origins)
        return self.rules.model_copy(update={"treaties": kept, "geography": geography, "origins": origins})

    def dependents(self, treaty: str) -> frozenset[str]:
        """The treaties whose answers can depend on ``treaty``'s rules, itself among them: those that
        read its members (as victims, attackers, a deciding body) or whose regions hold its parties."""
        return frozenset(t for t in self._treaties if treaty in self._needed([t])[0])

    def _needed(self, treaties: Iterable[str]) -> tuple[set[str], set[str]]:
        """The treaties and the regions the answers under ``treaties`` depend on."""
        keep = {t for t in treaties if t in self._treaties}
        triggers = [
            t
            for treaty in keep
            for c in self._treaties[treaty].clauses
            for t in (c.trigger, *(v.trigger for v in c.versions))
            if t is not None
        ]
        pending = [t.victim.region for t in triggers if isinstance(t.victim, VictimInRegion)]
        pending += [r for t in triggers if t.scope for r in t.scope.regions]
        named: set[str] = set()
        while pending:
            region = pending.pop()
            if region not in named and region in self._regions:
                named.add(region)
                pending += self._regions[region].include_regions
        keep |= {t for r in named for t in self._regions[r].include_parties if t in self._treaties}
        keep |= {t.victim.member_of for t in triggers if isinstance(t.victim, VictimMemberOf)} & self._treaties.keys()
        keep |= {t.attacker_instrument for t in triggers if t.attacker_instrument} & self._treaties.keys()
        duties = [
            d
            for treaty in keep
            for c in self._treaties[treaty].clauses
            for d in (c.obligation, *(v.obligation for v in c.versions))
            if d is not None
        ]
        keep |= {d.decided_by.of for d in duties if d.decided_by and d.decided_by.of} & self._treaties.keys()
        return keep, named
