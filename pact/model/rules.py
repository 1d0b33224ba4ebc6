"""Treaty files: treaties, their parties and clauses, each clause's trigger, duty and dated versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from pact.core.codes import Alpha3
from pact.core.errors import invalid
from pact.model.base import Day, Period, Slug, Translated, Value, after, problem_at
from pact.model.vocabulary import (
    AttackerCondition,
    Bearers,
    EventType,
    Finding,
    Means,
    ObligationKind,
    RequestBy,
    RequestTo,
    Target,
    TextCertainty,
    Toward,
)
from pact.words import Words


class TreatyWords(Value):
    """A treaty's names in another language (``translations: {fr: {name: CEDEAO, title: …}}``)."""

    name: str | None = Field(default=None, min_length=1)
    """Its short name, as the press writes it (CEDEAO, OTAN)."""
    title: str | None = Field(default=None, min_length=1)
    """The instrument's name, in its official wording where there is one."""


class ClauseWords(Value):
    """A clause's words in another language: its article as the text numbers it, and its title."""

    article: str | None = Field(default=None, min_length=1)
    """The article, as in ``article`` (Article 6; « Article 4 a) »)."""
    title: str | None = Field(default=None, min_length=1)
    """The clause's title, as in ``title``."""


class VersionWords(Value):
    """A clause version's words in another language."""

    article: str | None = Field(default=None, min_length=1)
    """The article as this version numbers it, when it gives one."""
    instrument: str | None = Field(default=None, min_length=1)
    """The instrument that made this wording, when it names one."""


class VersionLabels(Value):
    """A dated version's words: in each other language, its article and the instrument that made it."""

    translations: dict[Translated, VersionWords] = {}
    """By language (``fr``)."""


class ClauseLabels(Value):
    """A clause's words: its title in English, and its article and title in each other language."""

    title: str | None = Field(default=None, min_length=1)
    """What the clause is about, in a few words (Collective defence)."""
    translations: dict[Translated, ClauseWords] = {}
    """By language (``fr``): the article as the treaty numbers it there, and the title."""
    versions: dict[Day, VersionLabels] = {}
    """Each dated version's words, by the day it starts (its ``from``)."""


class ReadingWords(Value):
    """A reading of a contested point in another language."""

    says: str = Field(min_length=3)
    """What the reading holds, as in ``says``."""


class ReadingLabels(Value):
    """A reading's words in each other language."""

    translations: dict[Translated, ReadingWords] = {}
    """By language (``fr``)."""


class BodyLabels(Value):
    """A body of an instrument (its Authority, its councils): its name in English and in other languages."""

    name: str = Field(min_length=1)
    """Its name in English, as the text gives it (the Authority of Heads of State and Government)."""
    translations: dict[Translated, str] = {}
    """Its name by language (``fr``)."""


class TreatyLabels(Value):
    """A treaty's words for readers: its short name, its clauses' titles, and everything in other languages."""

    name: str | None = Field(default=None, min_length=1)
    """Its short name (NATO, ECOWAS); none: the id in capitals."""
    translations: dict[Translated, TreatyWords] = {}
    """By language (``fr``): its short name and title there."""
    clauses: dict[Slug, ClauseLabels] = {}
    """Each clause's words, by clause id."""
    readings: dict[Slug, ReadingLabels] = {}
    """Each reading's words (``contested:``), by reading id."""
    bodies: dict[Slug, BodyLabels] = {}
    """The instrument's bodies that status periods (``suspended_from``) and duties (``decided_by``) name, by id."""


class Source(Value):
    """Where a fact comes from: a citation a reader can find, and a link where there is one."""

    citation: str = Field(min_length=3)
    """The instrument, article or publication, as a reader would cite it."""
    url: str | None = None
    """A link to the text cited."""


class Dated(Value):
    """Days over which something holds: from ``from`` (or always) to the day before ``until`` (or for ever)."""

    start: Day | None = Field(default=None, alias="from")
    """The first day it holds (none: always before)."""
    until: Day | None = None
    """The first day it no longer holds (none: still)."""

    @model_validator(mode="after")
    def _ordered(self) -> Dated:
        if self.start is not None and self.until is not None and self.until <= self.start:
            raise problem_at(("until",), Words("model.period_ends_before", {"until": self.until, "start": self.start}))
        return self


class StatusPeriod(Value):
    """A period in which a member is not in good standing (e.g. suspended)."""

    status: Literal["suspended", "frozen"]
    """What kind of period this is."""
    start: Day = Field(alias="from")
    """The first day of the period (YYYY-MM-DD; written from:)."""
    until: Day | None = None
    """The first day it no longer applies, if it ended."""
    bears_duties: bool = False
    """Whether the member still bears duties during the period."""
    protected: bool = False
    """Whether the other parties still owe the member protection during the period."""
    suspended_from: tuple[Slug, ...] = ()
    """The bodies of the instrument the member may not sit in during the period (ids its
    ``words.bodies`` names: ``[authority, council-of-ministers]``); a clause whose duty waits on a
    decision of one of them says so (``obligation.decided_by``)."""
    source: Source | None = None
    """Where the period is recorded."""
    notes: str | None = None
    """Doubts and readings, in words."""


def _two_days(value: object) -> object:
    if isinstance(value, list | tuple) and len(value) != 2:
        raise invalid(Words("model.notice_window_two_days", {"count": len(value)}))
    return value


class Receipt(Value):
    """A day of receipt known only within bounds: some day from the first to the last, both included
    (``received: {between: [2012-06-05, 2013-07-14]}``)."""

    between: Annotated[tuple[Day, Day], BeforeValidator(_two_days)]
    """The earliest and the latest day the depositary may have received the notice."""

    @model_validator(mode="after")
    def _ordered(self) -> Receipt:
        first, last = self.between
        if last < first:
            raise problem_at(("between",), Words("model.notice_window_inverted", {"first": first, "last": last}))
        return self


def _receipt_form(value: object) -> str:
    return "window" if isinstance(value, dict | Receipt) else "day"


class Notice(Value):
    """A notice of withdrawal (denunciation): the party leaves a fixed period after the depositary
    received it (Rio Art 25, Manila Treaty Art X, ECOWAS Revised Treaty Art 91)."""

    received: Annotated[Annotated[Day, Tag("day")] | Annotated[Receipt, Tag("window")], Discriminator(_receipt_form)]
    """The day the depositary received the notice (YYYY-MM-DD), or, when it is not known, the days
    it fell between (``{between: [FIRST, LAST]}``): the party then leaves on a day known only within
    bounds, and on the days between them whether it is still a party is unknown."""
    effect: Period | None = None
    """How long after receipt it takes effect (ISO 8601: P2Y, P6M …); absent: the treaty's ``notice_period``."""
    source: Source | None = None
    """Where the notice is recorded."""

    def takes_effect(self, period: str) -> Day:
        """The first day the party is no longer a party (for a notice received on an unknown day, the
        first day it is surely no longer one)."""
        return self.window(period)[1]

    def window(self, period: str) -> tuple[Day, Day]:
        """The earliest and the latest first day without membership (the same day when receipt is known)."""
        first, last = self.received.between if isinstance(self.received, Receipt) else (self.received,) * 2
        return after(first, self.effect or period), after(last, self.effect or period)


class Party(Value):
    """A state's membership of a treaty, from the day it joined to the day it left."""

    state: Alpha3
    """The state (ISO 3166-1 alpha-3)."""
    joined: Day
    """The first day the state is a party (YYYY-MM-DD)."""
    left: Day | None = None  # the first day the state is no longer a party
    """The first day the state is no longer a party, if it left."""
    source: Source | None = None
    """Where this membership is recorded."""
    status: tuple[StatusPeriod, ...] = ()
    """Periods in which the state was not in good standing."""
    notice: Notice | None = None
    """Its notice of withdrawal: ``left`` is then derived (the notice's receipt plus its period), or checked."""
    notes: str | None = None
    """Doubts and readings about this membership, in words."""

    def with_notice(self, period: str | None, at: tuple[str | int, ...]) -> Party:
        """The membership with ``left`` derived from its notice (``period``: the treaty's); a ``left``
        that differs from it, or a notice with no period anywhere, is an error at ``at``."""
        if self.notice is None:
            return self
        if self.notice.effect is None and period is None:
            raise problem_at((*at, "notice", "effect"), Words("model.notice_without_period"))
        effect = self.notice.takes_effect(period or "")
        if self.left is not None and self.left != effect:
            words = Words("model.notice_left_differs", {"left": self.left, "effect": effect})
            raise problem_at((*at, "left"), words)
        return self.model_copy(update={"left": effect})

    def doubt(self, period: str | None) -> Doubt | None:
        """When its notice was received on an unknown day: the days on which it may or may not still be a party."""
        if self.notice is None or not isinstance(self.notice.received, Receipt):
            return None
        earliest, latest = self.notice.window(period or "")
        if self.left != latest:  # an assumption (leaves, stays) has settled the day it leaves
            return None
        first, last = self.notice.received.between
        return (
            Doubt(received_from=first, received_until=last, earliest=earliest, latest=latest)
            if earliest < latest
            else None
        )


@dataclass(frozen=True)
class Doubt:
    """A notice of withdrawal received on a day known only within bounds: the party leaves on some day
    from ``earliest`` to ``latest``, so from ``earliest`` to the day before ``latest`` whether it is
    still a party is unknown."""

    received_from: date
    received_until: date
    earliest: date
    latest: date


class PairSuspension(Value):
    """Duties one party suspended toward one other party, in one direction (ANZUS 1986)."""

    bearer: Alpha3
    """The party whose duties are suspended (alpha-3)."""
    toward: Alpha3
    """The party they are no longer owed to (alpha-3)."""
    start: Day = Field(alias="from")
    """The first day of the suspension (YYYY-MM-DD; written from:)."""
    until: Day | None = None
    """The first day it no longer applies, if it ended."""
    source: Source
    """Where the suspension is recorded."""
    notes: str | None = None
    """Doubts and readings, in words."""


class VictimInRegion(Value):
    """A clause that protects any state whose territory lies in a region, party or not."""

    region: Slug
    """The region (an id from a geography file) the victim's territory must lie in."""


class VictimMemberOf(Value):
    """A clause that protects any member in good standing of another instrument on the day (a
    community whose "Member States" a protocol protects), whether or not it is a party of this one."""

    member_of: Slug
    """The instrument (a treaty id of the rules) whose members the clause protects."""


class AttackerMemberOf(Value):
    """A clause that applies when an attacker is a member of an instrument on the day, whatever its
    standing (a conflict "between Member States" of a community)."""

    member_of: Slug
    """The instrument (a treaty id of the rules) one of the attackers must be a member of."""


class AttackerOutside(Value):
    """A clause that applies when a state attacked and no attacker is a member of an instrument on
    the day (aggression from outside a community)."""

    outside: Slug
    """The instrument (a treaty id of the rules) no attacker may be a member of."""


class DecidedBy(Value):
    """The body whose decision the duty waits on (the ECOWAS Authority decides on assistance)."""

    body: Slug
    """The body's id, as the instrument's ``words.bodies`` names it."""
    of: Slug | None = None
    """The instrument the body belongs to (a treaty id of the rules); absent: this treaty."""
    notes: str | None = None
    """Where the text gives the body the decision, doubts and readings, in words."""


class Determination(Value):
    """A finding of the treaty's own body that the clause needs, or that settles some of its conditions.

    ``required``: the clause applies only once a determination with one of ``findings`` was made
    for the event (on or before the scenario's date). ``settles``: such a determination makes
    these tests hold although the facts alone would fail them (e.g. a non-state attack counted as
    an armed attack for that treaty).
    """

    findings: tuple[Finding, ...] = Field(min_length=1)
    """The findings that count: armed_attack, attack_on_all, invoked."""
    required: bool = False
    """Whether the clause applies only once such a finding was made."""
    settles: tuple[Literal["event_type", "attacker", "against", "location", "requested"], ...] = ()
    """The tests such a finding makes hold although the facts alone fail them."""
    notes: str | None = None
    """Doubts and readings, in words."""

    @model_validator(mode="after")
    def _does_something(self) -> Determination:
        if not self.required and not self.settles:
            raise invalid(Words("model.determination_empty"))
        return self


class Scope(Value):
    """Where the event must happen: in one of the regions, or on the victim's own territory."""

    regions: tuple[Slug, ...] = ()
    """Regions (ids from a geography file) the event's location may lie in."""
    victim_territory: bool = False
    """Whether an event on the victim's own territory is covered too."""

    @model_validator(mode="after")
    def _not_empty(self) -> Scope:
        if not self.regions and not self.victim_territory:
            raise invalid(Words("model.scope_empty"))
        return self


class Request(Value):
    """A clause that applies only when the victim asked for help."""

    to: tuple[RequestTo, ...] = Field(min_length=1)
    """Whom the request must be made to: the treaty (its organisation), the bearer itself, or either."""
    by: RequestBy = RequestBy.victim
    """Who may make it: the victim (default) or any party in good standing."""


class Trigger(Value):
    """The conditions under which a clause applies to an event."""

    events: tuple[EventType, ...] = Field(min_length=1)
    """The event types that can trigger the clause."""
    victim: Literal["party", "any"] | VictimInRegion | VictimMemberOf = "party"
    """``party``: the victim is a party in good standing; ``any``: any state (offense pledges);
    ``{region: ID}``: any state whose territory lies there; ``{member_of: ID}``: any member in good
    standing of that instrument on the day (a community), party to this treaty or not."""
    attacker: AttackerCondition | tuple[Alpha3, ...] | AttackerMemberOf | AttackerOutside = AttackerCondition.any
    """Who must have attacked: any, state, non_party, non_party_state, a list of alpha-3 codes,
    ``{member_of: ID}`` (a member of that instrument on the day) or ``{outside: ID}`` (a state, no
    attacker a member of it on the day)."""
    against: tuple[Target, ...] = (Target.territory,)
    """What the event must strike: territory, forces, vessels or aircraft."""
    scope: Scope | None = None
    """Where the event must happen; absent: anywhere."""
    request: Request | None = None
    """Whether the victim must have asked for help, and whom."""
    determination: Determination | None = None
    """A finding of the treaty's body the clause needs, or that settles some of its tests."""
    conditions: tuple[Slug, ...] = ()
    """Named conditions the rules cannot test (e.g. non-provocation): a duty that depends on one is
    undetermined unless the scenario's event settles it (``events[].conditions``)."""

    @property
    def attacker_instrument(self) -> str | None:
        """The instrument whose membership the attacker test reads (``{member_of: …}``, ``{outside: …}``)."""
        if isinstance(self.attacker, AttackerMemberOf):
            return self.attacker.member_of
        return self.attacker.outside if isinstance(self.attacker, AttackerOutside) else None


class Duty(Value):
    """What a clause makes its bearers owe: its ``obligation:`` block."""

    kind: ObligationKind
    """defense, consultation, non_aggression or neutrality."""
    means: Means
    """The means the clause names, in the treaty's own terms."""
    bearers: Bearers | tuple[Alpha3, ...] = Bearers.other_parties
    """Who owes it: other_parties, attacking_parties, or a list of alpha-3 codes of parties."""
    toward: Toward = Toward.victim
    """To whom the duty is owed: the victim (default), or each attacking party (offense pledges)."""
    qualification: str | None = None  # wording that limits the duty, kept rather than dropped
    """Wording that limits the duty, kept as the treaty says it."""
    decided_by: DecidedBy | None = None
    """The body whose decision the duty waits on; the answer says whether the victim may sit in it."""


class ClauseVersion(Value):
    """The clause as one instrument worded it, over a period; it replaces the fields it gives."""

    start: Day = Field(alias="from")
    """The first day this wording applies."""
    until: Day | None = None
    """The first day it no longer applies (none: still)."""
    instrument: str | None = Field(
        default=None, description="The instrument that made this wording, named briefly (default: the source)."
    )
    source: Source
    """The instrument that made this wording, cited."""
    article: str | None = None
    """The article as this instrument numbers it (default: the clause's)."""
    text: str | None = None
    """This wording, quoted or paraphrased (default: the clause's)."""
    trigger: Trigger | None = None
    """When this wording applies (default: the clause's trigger)."""
    obligation: Duty | None = None
    """What this wording makes the bearers owe (default: the clause's)."""
    notes: str | None = None
    """Doubts and readings, in words."""

    @model_validator(mode="after")
    def _ordered(self) -> ClauseVersion:
        if self.until is not None and self.until <= self.start:
            raise problem_at(("until",), Words("model.version_ends_before", {"until": self.until, "start": self.start}))
        return self


class Clause(Value):
    """One treaty clause: when it applies (trigger) and what it makes the parties owe (obligation)."""

    id: Slug
    """The clause's id, unique within its treaty (lower-case, e.g. collective-defence)."""
    article: str = Field(min_length=1)
    """The article as the treaty numbers it, e.g. ``Article 5``."""
    text: str = Field(min_length=1)
    """A short quote or paraphrase of the clause."""
    trigger: Trigger
    """When the clause applies."""
    obligation: Duty
    """What it makes its bearers owe."""
    versions: tuple[ClauseVersion, ...] = ()
    """Dated versions of the clause (e.g. before and after an amending protocol). When given, the
    clause applies only within their periods, each version replacing the fields it gives."""
    notes: str | None = None
    """Doubts and readings, in words."""

    def as_of(self, version: ClauseVersion | None) -> Clause:
        """The clause with ``version``'s fields in place of its own."""
        if version is None:
            return self
        given = {k: getattr(version, k) for k in ("article", "text", "trigger", "obligation") if getattr(version, k)}
        return self.model_copy(update=given)


class Reading(Value):
    """One way of reading a contested point, with who reads it so."""

    id: Slug
    """The reading's name, unique in the rules (what ``--reading NAME`` and a scenario's ``readings:`` give)."""
    says: str = Field(min_length=3)
    """What the reading holds, in a sentence."""
    source: Source
    """Who reads it so: a depositary record, a resolution, a government's statement."""
    notes: str | None = None
    """Doubts, in words."""


class Contested(Value):
    """A point of a treaty file that is read in more than one way: a membership, a date, a territory, a clause.

    The rest of the file says what differs: a list item with ``reading: NAME`` (or a list of names)
    is there only under those readings; a value ``{by_reading: {NAME: value, ...}}`` names the value
    under each reading of one point (null: none).
    """

    id: Slug
    """The point's name (e.g. venezuela-2019-return)."""
    question: str = Field(min_length=3)
    """The question the readings answer."""
    default: Slug
    """The reading pact follows unless told otherwise."""
    readings: tuple[Reading, ...] = Field(min_length=2)
    """Every reading of the point."""
    notes: str | None = None
    """Doubts, in words."""

    @model_validator(mode="after")
    def _default_is_a_reading(self) -> Contested:
        names = [r.id for r in self.readings]
        if self.default not in names:
            raise problem_at(("default",), Words("model.reading_default", {"reading": self.default}))
        for i, name in enumerate(names):
            if name in names[:i]:
                raise problem_at(("readings", i, "id"), Words("model.reading_twice", {"reading": name}))
        return self

    def reading(self, name: str) -> Reading | None:
        return next((r for r in self.readings if r.id == name), None)


class Treaty(Value):
    """A treaty rule file: the instrument, its parties over time, and the clauses pact encodes."""

    treaty: Slug
    """The treaty's id (lower-case, unique, e.g. nato)."""
    title: str
    """The instrument's name."""
    signed: Day
    """The day it was signed (YYYY-MM-DD)."""
    in_force: Day
    """The first day it applies (YYYY-MM-DD)."""
    terminated: Day | None = None
    """The first day it no longer applies, if it ended."""
    notice_period: Period | None = None
    """How long after the depositary receives a party's notice of withdrawal it takes effect (P1Y …)."""
    source: Source
    """Where the text and the dates come from."""
    certainty: TextCertainty = TextCertainty.published
    """How well the encoded text is known: ``published`` (the treaty's text), ``official_summary``
    (an official summary; the text was not read) or ``press_report`` (unpublished; statements as reported).
    Duties under a treaty whose text is not published say so in every answer."""
    notes: str | None = None
    """Doubts and readings, in words."""
    parties: tuple[Party, ...] = Field(min_length=1)
    """Every state that is or was a party, each membership with its dates."""
    suspensions: tuple[PairSuspension, ...] = ()
    """Duties one party suspended toward one other, in one direction."""
    clauses: tuple[Clause, ...] = ()
    """The clauses pact encodes; none for an instrument encoded only for its membership, which
    clauses of other treaties refer to (``victim: {member_of: ID}``)."""
    contested: tuple[Contested, ...] = ()
    """Points of this file read in more than one way, each reading with its source (see ``Contested``)."""
    words: TreatyLabels = Field(default_factory=TreatyLabels)
    """What readers see, in each language: names, titles, articles (kept last in a file, so that
    adding words moves no rule's line)."""

    @model_validator(mode="after")
    def _notices(self) -> Treaty:
        # a withdrawal by notice leaves on a derived day: derived once, here, so that everything
        # downstream reads ``left`` as if the file had said it
        parties = tuple(p.with_notice(self.notice_period, ("parties", i)) for i, p in enumerate(self.parties))
        if parties != self.parties:
            object.__setattr__(self, "parties", parties)
        return self

    @model_validator(mode="after")
    def _words_name_readings(self) -> Treaty:
        known = {r.id for point in self.contested for r in point.readings}
        for id in self.words.readings:
            if id not in known:
                raise problem_at(("words", "readings", id), Words("model.words_reading", {"reading": id}))
        return self

    @model_validator(mode="after")
    def _bodies_named(self) -> Treaty:
        for i, party in enumerate(self.parties):
            for j, period in enumerate(party.status):
                for k, body in enumerate(period.suspended_from):
                    if body not in self.words.bodies:
                        at = ("parties", i, "status", j, "suspended_from", k)
                        raise problem_at(at, Words("model.body_unnamed", {"body": body}))
        return self

    @model_validator(mode="after")
    def _words_name_clauses(self) -> Treaty:
        known = {c.id: c for c in self.clauses}
        for id, said in self.words.clauses.items():
            if id not in known:
                raise problem_at(("words", "clauses", id), Words("model.words_clause", {"clause": id}))
            dates = {v.start for v in known[id].versions}
            for day in said.versions:
                if day not in dates:
                    at = ("words", "clauses", id, "versions", day.isoformat())
                    raise problem_at(at, Words("model.words_version", {"clause": id, "date": day}))
        return self
