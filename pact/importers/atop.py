"""ATOP 4.01 → pact treaties: one ``Treaty`` per alliance, members and duties as ATOP codes them.

Each member-phase row of ATOP's member-level file becomes a membership (``parties``) and the
duties it bears: one clause per phase, obligation and set of conditions, borne by every member of
the phase (``other_parties``) or by the members listed (asymmetric alliances, where members'
obligations differ). Mapping decisions, each documented in docs/atop.md:

- Dates. ``joined`` is the entry date, ``left`` the exit date (ATOP moves members from one phase
  to the next on the exit date, so it is the first day of the new phase). A missing day is read to
  keep only days surely inside the membership: an entry in a month of unknown day counts from the
  month's last day, an exit from its first. A membership coded to end on or before it starts lasts
  one day. Year 0 for the exit (in effect at the end of ATOP's coverage, 2016) means no end.
- States. COW codes are mapped with ``pact.core.states`` period by period (a row of code 365 running
  through 30 December 1922 is Russia, then the USSR); days on which the code's state was not a
  state in pact's registry are cut from the membership, each cut recorded (``Adjustment``).
- Obligations. ``defense`` is owed to a member attacked on its territory by a state; ``offense``
  to a member that attacks (``toward: attacker``); ``neutral`` to a member attacked (and, unless
  ``neucoatt``, to a member that attacks); ``nonagg`` binds a member that attacks another;
  ``consul`` is owed to a member attacked or threatened. A pledge coded for some members of a phase
  only is borne by those members (``bearers: [..]``) and protects the members it can protect: every
  member of the phase when two or more bear it, the others when one does (a geography region).
- Conditions. A specific adversary becomes the named threat states (``statthr1``/``statthr2``;
  the attacker for pledges to a member attacked, the victim for pledges to a member attacking);
  consultation on request becomes a request to the treaty or the bearer by any party; every other
  condition (location, specific conflict, number of adversaries, demands, non-provocation, or an
  adversary ATOP does not name as a state) becomes a named condition the rules cannot test, so a
  duty that depends on it is undetermined unless a scenario settles it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from itertools import pairwise
from pathlib import Path

from pact.core.errors import DatasetError
from pact.core.states import CodeError, Scheme, from_cow, is_state_on, periods, statehood
from pact.importers.atop_data import (
    CONDITIONAL,
    CONDITIONS,
    COVERAGE_ENDS,
    KINDS,
    AllianceRow,
    MemberRow,
    day_after,
    read_alliances,
    read_members,
)
from pact.model import (
    AttackerCondition,
    Bearers,
    Clause,
    ClauseVersion,
    DatedPlace,
    Duty,
    Geography,
    Means,
    ObligationKind,
    Party,
    Region,
    Request,
    RequestBy,
    RequestTo,
    Source,
    Toward,
    Treaty,
    Trigger,
    VictimInRegion,
)

CITATION = (
    "Alliance Treaty Obligations and Provisions (ATOP) dataset, version 4.01 (member-level and alliance-level "
    "files). Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. 2002. "
    '"Alliance Treaty Obligations and Provisions, 1815-1944." International Interactions 28: 237-260.'
)
URL = "http://www.atopdata.org/"
NON_PROVOCATION = "atop-non-provocation"
"""The one named condition shared by every alliance: the member attacked did not provoke the attack."""

_UNRESOLVED = {
    "coloc": "location",
    "cocon": "specific-conflict",
    "conum": "number-of-adversaries",
    "codem": "demands",
    "coadv": "specific-adversary",
}
"""Conditions ATOP records without their terms, by the suffix of their variable: named per alliance."""

_WHAT = {
    "location": "the conflict takes place where the treaty says (ATOP records that the pledge is limited to a "
    "location, not which)",
    "specific-conflict": "the conflict is the specific conflict the treaty names",
    "number-of-adversaries": "the number of adversaries is what the treaty requires",
    "demands": "the adversary has refused the demands the treaty names",
    "specific-adversary": "the adversary is the one the treaty names (ATOP names no state that pact can test on "
    "the day)",
    "condition": "the unnamed condition ATOP codes holds",
    "non-provocation": "the member attacked did not provoke the attack",
}

_MEANS = {
    "defense": Means.armed_force,
    "offense": Means.join_offensive,
    "neutral": Means.neutrality,
    "nonagg": Means.refrain_from_force,
    "consul": Means.consultation,
}
_KIND = {
    "defense": ObligationKind.defense,
    "offense": ObligationKind.offense,
    "neutral": ObligationKind.neutrality,
    "nonagg": ObligationKind.non_aggression,
    "consul": ObligationKind.consultation,
}
_PROMISE = {
    "defense": "active military support to {partners} attacked by a state",
    "offense": "to take part in the military action of {partners} that attack",
    "neutral": "neutrality toward {partners} in a conflict",
    "nonagg": "not to attack {partners}",
    "consul": "consultation with {partners} attacked or threatened",
}


class Side(StrEnum):
    """Which partner a pledge is owed to: one that is attacked, or one that attacks."""

    attacked = "attacked"
    attacking = "attacking"


@dataclass(frozen=True)
class Pledge:
    """One obligation of one member-phase row, with what conditions it: rows with equal pledges share a clause."""

    variable: str  # defense, offense, neutral, nonagg or consul
    side: Side
    conditions: tuple[str, ...]  # named conditions the rules cannot test
    adversaries: tuple[str, ...]  # the named threat states; () for any
    on_request: bool
    coded: tuple[str, ...]  # the variables coded 1 it comes from

    def unnamed(self, atopid: int) -> Pledge:
        """The pledge once its named adversaries no longer stand for a state: an open condition instead."""
        open_condition = condition_name(atopid, "defcoadv")
        return replace(self, adversaries=(), conditions=tuple(dict.fromkeys((*self.conditions, open_condition))))

    @property
    def name(self) -> str:
        base = {"neutral": "neutrality", "nonagg": "non-aggression", "consul": "consultation"}.get(
            self.variable, self.variable
        )
        return f"{base}-when-attacking" if self.variable == "neutral" and self.side is Side.attacking else base


@dataclass(frozen=True)
class Piece:
    """Part of one row's membership: under one registry code, on days when that code was a state."""

    row: MemberRow
    state: str
    joined: date
    left: date | None


@dataclass(frozen=True)
class Adjustment:
    """A change from ATOP's coding that pact's rules require, with the row it concerns and why."""

    atopid: int
    where: str  # FILE:LINE of the row, or of the alliance
    what: str

    def render(self) -> str:
        return f"{self.where}: {self.what}"


@dataclass(frozen=True)
class ImportedAlliance:
    """One alliance as pact rules: the treaty, the regions its asymmetric clauses need, and the adjustments made."""

    atopid: int
    treaty: Treaty
    geography: Geography | None
    adjustments: tuple[Adjustment, ...]


def treaty_id(atopid: int) -> str:
    return f"atop-{atopid}"


def membership(row: MemberRow) -> tuple[date, date | None]:
    """[joined, left) of a row, by the date rules of the module docstring."""
    joined = row.entry.last()
    left = row.exit.first() if row.exit is not None else None
    if left is not None and left <= joined:
        left = day_after(joined)
    return joined, left


# --- states ---------------------------------------------------------------------------------------


def _statehood_spans(code: str, start: date, end: date) -> list[tuple[date, date]]:
    """The parts of [start, end) in which ``code`` was a state."""
    state = statehood(code)
    spans = [(max(start, state.start or date.min), min(end, state.end or date.max))]
    for gap in state.interruptions:
        spans = [piece for a, b in spans for piece in ((a, min(b, gap.start)), (max(a, gap.end), b))]
    return [(a, b) for a, b in spans if a < b]


def pieces(row: MemberRow) -> tuple[list[Piece], list[Adjustment]]:
    """A row's membership under pact's codes, cut to the days each code was a state, and what was cut."""
    joined, left = membership(row)
    end = left or date.max
    try:
        from_cow(row.ccode, joined)
    except CodeError as error:
        raise DatasetError(str(error), file=row.file, line=row.line, field="member") from None
    found: list[Piece] = []
    cuts: list[Adjustment] = []
    for period in periods(Scheme.cow)[row.ccode]:
        start, stop = max(joined, period.start or date.min), min(end, period.end or date.max)
        if start >= stop:
            continue
        if period.code is None:
            message = f"COW country code {row.ccode} names no state of pact's registry from {start}: {period.note}"
            raise DatasetError(message, file=row.file, line=row.line, field="member")
        kept = _statehood_spans(period.code, start, stop)
        found += [Piece(row, period.code, a, None if b == date.max else b) for a, b in kept]
        for a, b in _missing(start, stop, kept):
            reason = statehood(period.code).absence(a).said()  # type: ignore[union-attr]  # a missing day has a reason
            until = "" if b == date.max else f" to {b}"
            cuts.append(
                Adjustment(row.atopid, row.where, f"membership of {period.code} from {a}{until} left out: {reason}")
            )
    return found, cuts


def _missing(start: date, stop: date, kept: list[tuple[date, date]]) -> Iterator[tuple[date, date]]:
    edges = [start, *(d for span in kept for d in span), stop]
    for a, b in zip(edges[::2], edges[1::2], strict=True):
        if a < b:
            yield a, b


def named_threats(row: MemberRow, on: date) -> tuple[str, ...] | None:
    """The named threat states, or None when ATOP names none, or one that was not a state on the day."""
    codes: list[str] = []
    for ccode in row.threats:
        try:
            code = from_cow(ccode, on)
        except CodeError:
            return None
        if not is_state_on(code, on):
            return None
        codes.append(code)
    return tuple(dict.fromkeys(codes)) or None


def adversaries_lapse(states: tuple[str, ...], start: date) -> date | None:
    """The first day after ``start`` on which one of the named threat states is no longer a state, if any."""
    ends = []
    for code in states:
        state = statehood(code)
        ends += [state.end] if state.end and state.end > start else []
        ends += [gap.start for gap in state.interruptions if gap.start > start]
    return min(ends, default=None)


# --- pledges --------------------------------------------------------------------------------------


def condition_name(atopid: int, variable: str) -> str:
    """The named condition standing for a condition variable ATOP records without its terms."""
    if variable.endswith("conpr"):
        return NON_PROVOCATION
    if variable in CONDITIONAL.values():
        return f"atop-{atopid}-condition"
    return f"atop-{atopid}-{_UNRESOLVED[variable[3:]]}"


def pledges(row: MemberRow, start: date) -> Iterator[Pledge]:
    """The obligations one row codes, each with its conditions mapped."""
    for variable in KINDS:
        if not row.has(variable):
            continue
        coded = [v for v in CONDITIONS[variable] if row.has(v)]
        summary = CONDITIONAL.get(variable)
        if summary and row.has(summary) and not coded:
            coded = [summary]  # conditional, on a condition ATOP does not name
        names: list[str] = []
        adversaries: tuple[str, ...] = ()
        for condition in coded:
            if condition.endswith("coadv") and (named := named_threats(row, start)):
                adversaries = named
            elif condition not in ("neucoatt", "concoreq"):
                names.append(condition_name(row.atopid, condition))
        if variable == "offense":
            sides = [Side.attacking]
        elif variable == "neutral" and "neucoatt" not in coded:
            sides = [Side.attacked, Side.attacking]
        else:
            sides = [Side.attacked]
        for side in sides:
            yield Pledge(
                variable=variable,
                side=side,
                conditions=tuple(dict.fromkeys(names)),
                adversaries=adversaries,
                on_request="concoreq" in coded,
                coded=(variable, *([summary] if summary and row.has(summary) else []), *coded),
            )


# --- one alliance ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Phase:
    number: int
    rows: tuple[MemberRow, ...]
    start: date
    end: date | None
    parallel: bool  # another phase runs over some of the same days (successor states' treaties)


def _phases(rows: list[MemberRow]) -> list[_Phase]:
    grouped: dict[int, list[MemberRow]] = defaultdict(list)
    for row in rows:
        grouped[row.phase].append(row)
    spans = {}
    for number, members in grouped.items():
        dates = [membership(r) for r in members]
        ends = [left for _, left in dates]
        spans[number] = (min(j for j, _ in dates), None if None in ends else max(e for e in ends if e))

    def overlaps(a: int, b: int) -> bool:
        (s1, e1), (s2, e2) = spans[a], spans[b]
        return s1 < (e2 or date.max) and s2 < (e1 or date.max)

    return [
        _Phase(n, tuple(grouped[n]), *spans[n], parallel=any(overlaps(n, m) for m in grouped if m != n))
        for n in sorted(grouped)
    ]


def _parties(found: list[Piece]) -> list[Party]:
    """Pieces of one state merged where they touch or overlap (phases follow one another; parallel phases overlap)."""
    by_state: dict[str, list[Piece]] = defaultdict(list)
    for piece in found:
        by_state[piece.state].append(piece)
    parties = []
    for state, items in by_state.items():
        items.sort(key=lambda p: p.joined)
        runs: list[list[Piece]] = [[items[0]]]
        for piece in items[1:]:
            reach = max((p.left or date.max) for p in runs[-1])
            if piece.joined <= reach:
                runs[-1].append(piece)
            else:
                runs.append([piece])
        for run in runs:
            lefts = [p.left for p in run]
            rows = ", ".join(dict.fromkeys(f"line {p.row.line} (phase {p.row.phase})" for p in run))
            parties.append(
                Party(
                    state=state,
                    joined=run[0].joined,
                    left=None if None in lefts else max(d for d in lefts if d),
                    source=Source(citation=f"ATOP 4.01 member-level file, {rows}"),
                )
            )
    return sorted(parties, key=lambda p: (p.joined, p.state))


class _Alliance:
    """Builds one alliance's treaty: its phases' clauses and the regions the asymmetric ones protect."""

    def __init__(self, alliance: AllianceRow, rows: list[MemberRow]) -> None:
        self.alliance = alliance
        self.atopid = alliance.atopid
        self.treaty = treaty_id(alliance.atopid)
        self.rows = rows
        self.pieces: dict[MemberRow, list[Piece]] = {}
        self.adjustments: list[Adjustment] = []
        for row in rows:
            self.pieces[row], cut = pieces(row)
            self.adjustments += cut
        self.regions: list[Region] = []
        self.start = min(membership(r)[0] for r in rows)

    def build(self) -> ImportedAlliance:
        found = [p for row in self.rows for p in self.pieces[row]]
        if not found:
            raise DatasetError(
                f"alliance {self.atopid}: no member was a state in pact's registry on any day of its membership",
                file=self.alliance.file,
                line=self.alliance.line,
                field="atopid",
            )
        phases = _phases(self.rows)
        clauses = [c for phase in phases for c in self._clauses(phase, versioned=len(phases) > 1)]
        treaty = Treaty(
            treaty=self.treaty,
            title=self._title(found),
            signed=self.start,
            in_force=self.start,
            terminated=self._end(),
            source=Source(citation=f"{CITATION} Alliance {self.atopid}.", url=URL),
            notes=self._notes(phases),
            parties=tuple(_parties(found)),
            clauses=tuple(clauses),
        )
        geography = (
            Geography(
                geography=f"{self.treaty}-regions",
                source=Source(citation=f"{CITATION} Alliance {self.atopid}.", url=URL),
                regions=tuple(self.regions),
            )
            if self.regions
            else None
        )
        return ImportedAlliance(self.atopid, treaty, geography, tuple(self.adjustments))

    def _end(self) -> date | None:
        if self.alliance.in_effect:
            return None
        lefts = [membership(r)[1] for r in self.rows]
        return None if None in lefts else max(d for d in lefts if d)

    def _title(self, found: list[Piece]) -> str:
        states = ", ".join(dict.fromkeys(p.state for p in sorted(found, key=lambda p: p.joined)))
        end = self._end()
        years = f"{self.start.year}–{end.year}" if end else f"{self.start.year}–"
        return f"ATOP alliance {self.atopid} ({years}): {states}"

    def _notes(self, phases: list[_Phase]) -> str:
        coded = self.rows[0]
        facts = [
            f"Imported by pact from ATOP 4.01 (alliance {self.atopid}, {len(self.rows)} member-phase rows "
            f"at lines {_lines(self.rows)} of {Path(coded.file).name}; {len(phases)} phase(s)).",
            "ATOP gives no title and no separate signature: the treaty is taken to apply from the first "
            "entry of a member.",
        ]
        if self.alliance.in_effect:
            facts.append(
                f"In effect at the end of ATOP's coverage ({COVERAGE_ENDS}): memberships with no exit are open-ended "
                "here; later exits are not recorded."
            )
        if any(r.has("asymm") for r in self.rows):
            facts.append("ATOP codes the alliance as asymmetric: members' obligations differ.")
        if any(p.parallel for p in phases):
            facts.append("Some phases run in parallel (treaties continued separately by successor states).")
        facts += [f"Adjusted: {a.render()}." for a in self.adjustments]
        return " ".join(facts)

    # -- clauses ----------------------------------------------------------------------------------

    def _clauses(self, phase: _Phase, versioned: bool) -> Iterator[Clause]:
        groups: dict[Pledge, list[MemberRow]] = {}
        for row in phase.rows:
            for pledge in pledges(row, self.start):
                groups.setdefault(pledge, []).append(row)
        used: dict[str, int] = defaultdict(int)
        for pledge, bearers in groups.items():
            used[pledge.name] += 1
            suffix = f"-{used[pledge.name]}" if used[pledge.name] > 1 else ""
            clause = self._clause(phase, pledge, bearers, f"p{phase.number}-{pledge.name}{suffix}", versioned)
            if clause is not None:
                yield clause

    def _clause(
        self, phase: _Phase, pledge: Pledge, bearer_rows: list[MemberRow], clause_id: str, versioned: bool
    ) -> Clause | None:
        bearer_states = tuple(dict.fromkeys(p.state for r in bearer_rows for p in self.pieces[r]))
        if not bearer_states:
            self.adjustments.append(
                Adjustment(self.atopid, bearer_rows[0].where, f"{clause_id} left out: none of its bearers was a state")
            )
            return None
        symmetric = len(bearer_rows) == len(phase.rows) and not phase.parallel
        protected = self._protected(phase, pledge, bearer_rows, symmetric, clause_id)
        if protected is None:
            return None
        lapse = adversaries_lapse(pledge.adversaries, self.start) if pledge.adversaries else None
        named = pledge.unnamed(self.atopid) if lapse is not None and lapse <= phase.start else pledge
        trigger = self._trigger(named, protected, bearer_states, symmetric, clause_id)
        if pledge.variable == "nonagg":
            bearers: Bearers | tuple[str, ...] = Bearers.attacking_parties
        else:
            bearers = Bearers.other_parties if symmetric else bearer_states
        article = f"ATOP {self.atopid} phase {phase.number}: {pledge.variable}" + (
            " (partner attacking)" if pledge.variable == "neutral" and pledge.side is Side.attacking else ""
        )
        if named is pledge and lapse is not None and lapse < (phase.end or date.max):
            # the named threat ceased to be a state: from then on the adversary is an open condition
            after = self._trigger(pledge.unnamed(self.atopid), protected, bearer_states, symmetric, clause_id)
            versions = (
                self._version(phase, phase.start, lapse),
                self._version(phase, lapse, phase.end, after, f"; from {lapse} a named threat was no longer a state"),
            )
        else:
            versions = (self._version(phase, phase.start, phase.end),) if versioned else ()
        return Clause(
            id=clause_id,
            article=article,
            text=self._text(named, bearer_states, symmetric),
            trigger=trigger,
            obligation=Duty(
                kind=_KIND[pledge.variable],
                means=_MEANS[pledge.variable],
                bearers=bearers,
                toward=Toward.attacker if pledge.side is Side.attacking else Toward.victim,
            ),
            versions=versions,
            notes=self._clause_notes(phase, named, bearer_rows),
        )

    def _protected(
        self, phase: _Phase, pledge: Pledge, bearer_rows: list[MemberRow], symmetric: bool, clause_id: str
    ) -> VictimInRegion | str | None:
        """Who a pledge to members attacked protects: every party, or (asymmetric) a region of members; None
        when it protects nobody. Pledges to members that attack protect no one in particular."""
        if pledge.side is Side.attacking or symmetric:
            return "party"
        region = self._protected_region(phase, bearer_rows, clause_id)
        return VictimInRegion(region=region) if region else None

    def _trigger(
        self,
        pledge: Pledge,
        protected: VictimInRegion | str,
        bearer_states: tuple[str, ...],
        symmetric: bool,
        clause_id: str,
    ) -> Trigger:
        request = Request(to=(RequestTo.treaty, RequestTo.bearer), by=RequestBy.party) if pledge.on_request else None
        if pledge.side is Side.attacking:
            victim = (
                VictimInRegion(region=self._threat_region(pledge.adversaries, clause_id))
                if pledge.adversaries
                else "any"
            )
            return Trigger(
                events=("armed_attack",),
                victim=victim,
                attacker=AttackerCondition.party,
                conditions=pledge.conditions,
            )
        if pledge.variable == "nonagg":
            attacker: AttackerCondition | tuple[str, ...] = AttackerCondition.any if symmetric else bearer_states
        else:
            attacker = pledge.adversaries or AttackerCondition.state
        events = ("armed_attack", "armed_threat") if pledge.variable == "consul" else ("armed_attack",)
        return Trigger(
            events=events,
            victim=protected,
            attacker=attacker,
            request=request,
            conditions=pledge.conditions,
        )

    def _protected_region(self, phase: _Phase, bearer_rows: list[MemberRow], clause_id: str) -> str | None:
        """A region of the members an asymmetric pledge protects: all, when two or more bear it; else the others."""
        lone = bearer_rows[0] if len(bearer_rows) == 1 else None
        places = [
            DatedPlace.model_validate({"place": p.state, "from": p.joined, "until": p.left})
            for row in phase.rows
            if row is not lone
            for p in self.pieces[row]
        ]
        if not places:
            self.adjustments.append(
                Adjustment(self.atopid, bearer_rows[0].where, f"{clause_id} left out: it protects no member")
            )
            return None
        region = f"{self.treaty}-{clause_id}-protected"
        others = "" if lone is None else f" other than {self.pieces[lone][0].state}"
        self.regions.append(
            Region(
                id=region,
                title=f"the members of ATOP {self.atopid} (phase {phase.number}){others}",
                source=Source(citation=f"ATOP 4.01 member-level file, alliance {self.atopid}, phase {phase.number}"),
                include=tuple(places),
                notes="The members an asymmetric pledge protects, each over its membership of the phase.",
            )
        )
        return region

    def _threat_region(self, states: tuple[str, ...], clause_id: str) -> str:
        region = f"{self.treaty}-{clause_id}-adversaries"
        self.regions.append(
            Region(
                id=region,
                title=f"the states ATOP {self.atopid} names as the threat ({', '.join(states)})",
                source=Source(citation=f"ATOP 4.01 alliance {self.atopid}: statthr1, statthr2"),
                include=states,
            )
        )
        return region

    def _version(
        self, phase: _Phase, start: date, end: date | None, trigger: Trigger | None = None, why: str = ""
    ) -> ClauseVersion:
        lines = _lines(phase.rows)
        citation = f"ATOP 4.01 member-level file, alliance {self.atopid}, phase {phase.number} (lines {lines})"
        return ClauseVersion.model_validate(
            {"from": start, "until": end, "source": Source(citation=citation + why), "trigger": trigger}
        )

    def _text(self, pledge: Pledge, bearers: tuple[str, ...], symmetric: bool) -> str:
        who = "Each member" if symmetric else ", ".join(bearers)
        partners = "the other members" if symmetric else "its partners"
        text = f"{who} promises {_PROMISE[pledge.variable].format(partners=partners)} (ATOP: {pledge.variable} = 1)"
        if pledge.variable == "neutral":
            text += "; here, toward a member that attacks" if pledge.side is Side.attacking else ""
        if pledge.adversaries:
            text += f"; only against {', '.join(pledge.adversaries)}, the states ATOP names as the threat"
        if pledge.on_request:
            text += "; on the request of a member"
        if pledge.conditions:
            text += "; conditional: " + "; ".join(_WHAT.get(_kind(c), c) for c in pledge.conditions)
        return text + "."

    def _clause_notes(self, phase: _Phase, pledge: Pledge, rows: list[MemberRow]) -> str:
        members = ", ".join(f"{r.ccode} (line {r.line})" for r in rows)
        coded = ", ".join(pledge.coded)
        notes = (
            f"From ATOP 4.01 alliance {self.atopid}, phase {phase.number}, members (COW) {members}: coded 1: {coded}."
        )
        if pledge.conditions:
            notes += (
                " ATOP records these conditions but not their terms, so pact cannot test them: a duty that depends on "
                "one is undetermined unless a scenario settles it (events[].conditions: "
                + ", ".join(f"{c}: true" for c in pledge.conditions)
                + ")."
            )
        return notes


def _kind(condition: str) -> str:
    if condition == NON_PROVOCATION:
        return "non-provocation"
    return condition.split("-", 2)[2]


def _lines(rows: Iterable[MemberRow]) -> str:
    """Line numbers as ranges: ``2-5, 9``."""
    numbers = sorted({r.line for r in rows})
    runs: list[list[int]] = [[numbers[0]]]
    for a, b in pairwise(numbers):
        if b == a + 1:
            runs[-1].append(b)
        else:
            runs.append([b])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


# --- the dataset ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AtopFiles:
    """The two files of the dataset, read and checked against each other."""

    members: dict[int, list[MemberRow]]
    alliances: dict[int, AllianceRow]

    @classmethod
    def read(cls, members: Path, alliances: Path) -> AtopFiles:
        rows = read_members(members)
        table = read_alliances(alliances)
        grouped: dict[int, list[MemberRow]] = defaultdict(list)
        for row in rows:
            if row.atopid not in table:
                raise DatasetError(
                    f"alliance {row.atopid} is not in {alliances}", file=row.file, line=row.line, field="atopid"
                )
            grouped[row.atopid].append(row)
        for atopid, alliance in table.items():
            if atopid not in grouped:
                raise DatasetError(
                    f"alliance {atopid} has no member in {members}", file=alliance.file, line=alliance.line
                )
        return cls(dict(grouped), table)

    def selected(self, only: Iterable[int] = ()) -> list[int]:
        """The atopids to import: ``only`` (each checked), or every alliance in file order."""
        wanted = list(dict.fromkeys(only))
        for atopid in wanted:
            if atopid not in self.alliances:
                where = next(iter(self.alliances.values())).file
                raise DatasetError(f"no alliance {atopid} in the alliance-level file", file=where, field="--only")
        return wanted or list(self.alliances)


def import_alliance(files: AtopFiles, atopid: int) -> ImportedAlliance:
    return _Alliance(files.alliances[atopid], files.members[atopid]).build()


def import_atop(members: Path, alliances: Path, only: Iterable[int] = ()) -> Iterator[ImportedAlliance]:
    """Every alliance (or those in ``only``) as pact models, in the order of the alliance-level file."""
    files = AtopFiles.read(members, alliances)
    for atopid in files.selected(only):
        yield import_alliance(files, atopid)
