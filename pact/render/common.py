"""What every human-readable format shows, decided once: titles, the short "because" of a duty,
non-obligations grouped by their decisive reason, conflicts in words. Formats only lay it out.

Everything here is for people: states, treaties and days are named (``Reader(names=True)``), in the
reader's language; the codes stay in the JSON and CSV contracts and in the pictures' tooltips.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pact.evaluation.explanation import ClauseExplanation, Explanation
from pact.model import UNKNOWN, Event, Scenario, TextCertainty
from pact.model.result import Commitment, NonObligation, Obligation, ReadingDifference, Result, Undetermined
from pact.model.trace import Step, Test, of_the_day
from pact.model.whatif import describe
from pact.render.phrasing import brief, cited, phrase, reasons
from pact.render.reader import Place, Reader, alphabetical
from pact.words import Words, say, term

if TYPE_CHECKING:
    from pact.evaluation.answers import Answer
    from pact.render import Options

SALIENT = (
    Test.requested_bearer,
    Test.requested,
    Test.location,
    Test.victim_in_region,
    Test.attacker_among,
    Test.attacker_member,
    Test.attacker,
    Test.among_attackers,
    Test.victim_party,
    Test.victim_member,
)
"""The tests that say why a duty arose, in the order a reader wants them; the others (in force, a
party, not the victim …) hold for every duty and tell nothing in a table."""


def short_article(article: str) -> str:
    """An article without a remark in brackets: ``Article 5 (with Article 6(1))`` → ``Article 5``; a
    bracket that numbers a paragraph (``3(1) and (3)``, « 4 a) ») is kept."""
    remark = re.search(r"\s\((?=[a-z])", article)
    if remark is None:
        return article
    depth, end = 0, len(article)
    for i in range(remark.start() + 1, len(article)):
        depth += {"(": 1, ")": -1}.get(article[i], 0)
        if depth == 0:
            end = i + 1
            break
    return (article[: remark.start()] + article[end:]).strip()


def reader(answer: Answer, options: Options) -> Reader:
    """The reader of a human format: names in the options' language, with the rules' own words."""
    return Reader(options.language, answer.words, names=True)


def title(scenario: Scenario, reader: Reader) -> str:
    """The scenario's title in the reader's language (made from its events where it has none in that
    language), with its day written out unless the title already says it."""
    day = reader.date(scenario.date)
    given = dict(scenario.titles, en=scenario.title)
    named = given.get(reader.language) or _made(scenario, reader)
    return named if day in named else reader.say("report.title", scenario=named, date=day)


def _made(scenario: Scenario, reader: Reader) -> str:
    made = joined((reader.say(w.key, **w.params) for w in map(_what, scenario.events)), reader)
    return made[:1].upper() + made[1:]


def _what(event: Event) -> Words:
    attackers = [*event.attackers, *([event.by_non_state] if event.by_non_state else [])]
    key = "report.what_by" if attackers and event.by != UNKNOWN else "report.what"
    return Words(key, {"type": term("type", event.type.value), "target": event.target, "attackers": attackers})


def event_lines(scenario: Scenario, reader: Reader) -> list[str]:
    """Each event in one line (what, against whom, where, by whom, who was asked), then each
    determination of a treaty body and each assumption the rules were changed by."""
    lines = [_event_line(event, reader) for event in scenario.events]
    lines += [
        reader.say(
            "report.determination",
            treaty=d.treaty,
            date=d.date,
            finding=term("finding", d.finding.value),
        )
        + (f" ({d.event})" if d.event else "")
        for d in scenario.determinations
    ]
    if scenario.assume:
        lines.append(reader.say("report.assuming", changes=[describe(change) for change in scenario.assume]))
    return lines


def _event_line(event: Event, reader: Reader) -> str:
    text = reader.say("report.event", event=event.id, type=term("type", event.type.value), target=event.target)
    if event.location == UNKNOWN:
        text += reader.say("report.event_at_unknown")
    elif event.place not in (event.target, None):
        text += reader.say("report.event_at", place=Place(event.place, None))
    if event.at is not None:
        text += reader.say("report.event_at", place=f"{event.at.lat}, {event.at.lon}")
    attackers = [*event.attackers, *([event.by_non_state] if event.by_non_state else [])]
    if event.by == UNKNOWN:
        text += reader.say("report.event_by_unknown")
    elif attackers:
        text += reader.say("report.event_by", attackers=reader.states(attackers))
    if event.requested_from == UNKNOWN:
        text += reader.say("report.event_asked_unknown", target=event.target)
    elif event.requested_from:
        asked = [
            reader.value(r.to) if r.by in (None, event.target) else f"{reader.value(r.to)} ({reader.value(r.by)})"
            for r in event.requests()
        ]
        text += reader.say("report.event_asked", target=event.target, asked=asked)
    return text


def because(obligation: Obligation, reader: Reader) -> str:
    """Why a duty arose, in a few words: the telling conditions that held, and how the text is known
    when it is not published."""
    by_test = {step.test: step for step in obligation.trace if step.holds}
    telling = (brief(by_test[t], reader) for t in SALIENT if t in by_test and _telling(by_test[t]))
    return joined((*telling, *certainty(obligation.certainty, reader.language)), reader)


def certainty(known: TextCertainty | None, language: str) -> tuple[str, ...]:
    """How a treaty's text is known, in words, when it is not published (else nothing)."""
    return (say(language, f"certainty.{known.value}"),) if known else ()


def joined(items: Iterable[str], reader: Reader) -> str:
    """Items in a row, as the language separates them (``;`` in English, `` ;`` in French)."""
    return reader.say("sep").join(items)


def pair(name: str, value: str, reader: Reader) -> str:
    """``name: value``, with the language's colon."""
    return reader.say("pair", name=name, value=value)


def _telling(step: Step) -> bool:
    if step.test is Test.location:
        return bool(step.value("inside"))  # "on its own territory" tells nothing
    return step.test is not Test.attacker or step.value("covers") != "any"


def duty(obligation: Obligation | Undetermined, reader: Reader) -> str:
    """The kind of duty, with the means the clause names when they say more than the kind."""
    kind = reader.say(f"kind.{obligation.kind.value}")
    means = reader.say(f"means.{obligation.means.value}")
    return kind if means == kind else reader.say("report.duty", kind=kind, means=means)


def commitments(items: Iterable[Commitment], reader: Reader) -> str:
    return joined((f"{reader.treaty(c.treaty)} {reader.article(c.treaty, c.article)}" for c in items), reader)


@dataclass(frozen=True)
class Group:
    """Parties of one treaty that owe nothing for one event, for the same decisive reason."""

    treaty: str
    event: str
    states: tuple[str, ...]
    decisive: Step | None
    first: NonObligation  # whose reasons stand for the group's when there is no decisive step

    def reason(self, reader: Reader) -> str:
        if self.decisive is None:
            return next(iter(reasons(self.first, reader)), "")
        if len(self.states) > 1:
            return cited([self.decisive], reader, state=Words("each"))
        return cited([self.decisive], reader)

    def states_text(self, reader: Reader) -> str:
        if len(self.states) == 1:
            return reader.state(self.states[0])
        named = ", ".join(sorted((reader.state(s) for s in self.states), key=alphabetical))
        return reader.say("report.states", states=named, count=len(self.states))


def groups(not_obligated: Sequence[NonObligation]) -> list[Group]:
    """Non-obligations grouped by treaty, event and decisive reason (the same once the state's own
    code is left out), in the result's order."""
    found: dict[tuple[Any, ...], list[NonObligation]] = {}
    for item in not_obligated:
        found.setdefault(_group_key(item), []).append(item)
    return [
        Group(
            treaty=items[0].treaty,
            event=items[0].event,
            states=tuple(i.state for i in items),
            decisive=items[0].decisive,
            first=items[0],
        )
        for items in found.values()
    ]


def _group_key(item: NonObligation) -> tuple[Any, ...]:
    step = item.decisive
    if step is None:
        return (item.treaty, item.event, item.state)
    values = tuple(sorted((k, repr(v)) for k, v in step.values.items() if k != "state"))
    return (item.treaty, item.event, step.clause, step.test, step.holds, values)


@dataclass(frozen=True)
class NotObligated:
    """The parties not obligated that a report lists, and how many of other days it leaves out."""

    shown: tuple[NonObligation, ...]
    other_days: int


def not_obligated(result: Result, every_party: bool = False) -> NotObligated:
    """The parties of the day not obligated (all of them with ``every_party``), and how many others."""
    if every_party:
        return NotObligated(result.not_obligated, 0)
    shown = tuple(n for n in result.not_obligated if of_the_day(n.decisive))
    return NotObligated(shown, len(result.not_obligated) - len(shown))


def heading(item: Explanation, reader: Reader) -> str:
    """An explanation's first line: who, under which treaty, for which event, and the verdict."""
    verdict = reader.say("explain.obligated" if item.obligated else "explain.not_obligated")
    where = {"state": item.state, "treaty": item.treaty, "event": item.event, "toward": item.toward}
    text = reader.say("explain.title", verdict=verdict, **where)
    for known in certainty(item.certainty, reader.language):
        text = reader.say("explain.certainty", heading=text, certainty=known)
    return text


def clause_line(clause: ClauseExplanation, item: Explanation, reader: Reader) -> str:
    """Whether a clause binds the state: its article, its title, the state."""
    key = "explain.binds" if clause.binds else "explain.does_not_bind"
    article = reader.article(clause.treaty, clause.article)
    return reader.say(key, article=article, clause=reader.clause(clause.treaty, clause.clause), state=item.state)


def counts(result: Result, every_party: bool = False) -> dict[str, int]:
    """The figures of a summary, by catalogue key."""
    return {
        "report.count_obligated": len({o.state for o in result.obligations}),
        "report.count_duties": len(result.obligations),
        "report.count_conflicts": len({c.state for c in result.conflicts}),
        "report.count_not_obligated": len(not_obligated(result, every_party).shown),
    }


def multi_event(scenario: Scenario) -> bool:
    return len(scenario.events) > 1


# --- the three tables every report shows -------------------------------------------------------


@dataclass(frozen=True)
class Rows:
    """A table: its columns (catalogue keys ``col.NAME``) and its rows of text."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _rows(answer: Answer, columns: Sequence[str], records: Iterable[dict[str, str]]) -> Rows:
    """Rows of the named columns; the event column only when the scenario has several events."""
    shown = tuple(c for c in columns if c != "event" or multi_event(answer.scenario))
    return Rows(shown, tuple(tuple(record[c] for c in shown) for record in records))


def obligation_rows(answer: Answer, reader: Reader) -> Rows:
    return _duty_rows(answer, reader, answer.result.obligations, "because", lambda o: because(o, reader))


def undetermined_rows(answer: Answer, reader: Reader) -> Rows:
    return _duty_rows(answer, reader, answer.result.undetermined, "deciding", lambda u: ", ".join(u.deciding))


D = TypeVar("D", Obligation, Undetermined)


def _duty_rows(answer: Answer, reader: Reader, duties: Iterable[D], last: str, value: Callable[[D], str]) -> Rows:
    """Duties (or duties that may be) in rows: who, under what, toward whom, and the ``last`` column."""
    return _rows(
        answer,
        ("state", "treaty", "article", "duty", "toward", "event", last),
        (
            {
                "state": reader.state(d.state),
                "treaty": reader.treaty(d.treaty),
                "article": reader.article(d.treaty, d.article),
                "duty": duty(d, reader),
                "toward": reader.state(d.toward),
                "event": d.event,
                last: value(d),
            }
            for d in duties
        ),
    )


def conflict_rows(answer: Answer, reader: Reader) -> Rows:
    return _rows(
        answer,
        ("state", "event", "owes", "bound_to"),
        (
            {
                "state": reader.state(c.state),
                "event": c.event,
                "owes": pair(reader.state(c.toward), commitments(c.owes, reader), reader),
                "bound_to": pair(reader.state(c.against), commitments(c.bound_by, reader), reader),
            }
            for c in answer.result.conflicts
        ),
    )


def reading_rows(answer: Answer, reader: Reader) -> Rows:
    """Each duty that one reading of a contested point gives and another does not."""
    return _rows(
        answer,
        ("state", "treaty", "article", "toward", "event", "under", "not_under"),
        (
            {
                "state": reader.state(o.state),
                "treaty": reader.treaty(o.treaty),
                "article": reader.article(o.treaty, o.article),
                "toward": reader.state(o.toward),
                "event": o.event,
                "under": under.id,
                "not_under": not_under.id,
            }
            for d in answer.result.readings
            for duties, under, not_under in (
                (d.only_followed, d.followed, d.other),
                (d.only_other, d.other, d.followed),
            )
            for o in duties
        ),
    )


@dataclass(frozen=True)
class Cited:
    """A sentence for the reader, and the source it rests on as the rule file quotes it (in English)."""

    text: str
    source: str


def reading_lines(differences: Iterable[ReadingDifference], reader: Reader) -> list[Cited]:
    """Each reading that gives duties another does not, in a sentence, with that reading's source."""
    return [
        Cited(
            reader.say(
                "readings.gives",
                under=under.id,
                says=reader.reading(under.id, under.says),
                not_under=not_under.id,
                articles=joined(dict.fromkeys(reader.article(o.treaty, o.article) for o in duties), reader),
            ),
            under.source.citation,
        )
        for d in differences
        for duties, under, not_under in ((d.only_followed, d.followed, d.other), (d.only_other, d.other, d.followed))
        if duties
    ] + [
        Cited(
            reader.say(
                "readings.why_not",
                reading=under.id,
                says=reader.reading(under.id, under.says),
                why=cited([step], reader),
            ),
            under.source.citation,
        )
        for d in differences
        for change in d.reasons
        for under, step in ((d.followed, change.followed), (d.other, change.other))
        if step is not None
    ]


def reason_rows(answer: Answer, reader: Reader) -> Rows:
    """Each state that owes nothing under either reading of a point, with its reason under each."""
    return _rows(
        answer,
        ("state", "treaty", "event", "reading", "why_not"),
        (
            {
                "state": reader.state(change.state),
                "treaty": reader.treaty(change.treaty),
                "event": change.event,
                "reading": reading.id,
                "why_not": cited([step], reader) if step else "",
            }
            for d in answer.result.readings
            for change in d.reasons
            for reading, step in ((d.followed, change.followed), (d.other, change.other))
        ),
    )


def reading_sources(result: Result, reader: Reader) -> list[Cited]:
    """Each reading a result's table names: what it holds and who reads it so; the one followed first."""
    cited = {c.id: c for d in result.readings for c in (d.followed, d.other)}
    followed = {d.followed.id for d in result.readings}
    return [
        Cited(
            reader.say("readings.cited", reading=c.id, says=reader.reading(c.id, c.says))
            + (reader.say("readings.followed") if c.id in followed else ""),
            c.source.citation,
        )
        for c in sorted(cited.values(), key=lambda c: c.id not in followed)
    ]


def group_rows(answer: Answer, reader: Reader, shown: Sequence[NonObligation]) -> Rows:
    return _rows(
        answer,
        ("treaty", "event", "states", "why_not"),
        (
            {
                "treaty": reader.treaty(g.treaty),
                "event": g.event,
                "states": g.states_text(reader),
                "why_not": g.reason(reader),
            }
            for g in groups(shown)
        ),
    )


def other_days_line(count: int, reader: Reader) -> str:
    """The line that counts the parties of other days a table leaves out."""
    return reader.say("report.other_days", count=count)


class Wording:
    """Steps in words, each worded once per report: an event's tests are the same objects in every
    state's explanation. Keyed by identity, so it lives no longer than the report it serves."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self._done: dict[int, str] = {}

    def __call__(self, step: Step) -> str:
        if id(step) not in self._done:
            self._done[id(step)] = phrase(step, self.reader)
        return self._done[id(step)]
