"""What every human-readable format shows, decided once: titles, the short "because" of a duty,
non-obligations grouped by their decisive reason, conflicts in words. Formats only lay it out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pact.evaluation.explanation import Explanation
from pact.model import UNKNOWN, Event, Scenario, TextCertainty
from pact.model.result import Commitment, NonObligation, Obligation, Result, Undetermined
from pact.model.trace import Step, Test
from pact.model.whatif import describe
from pact.render.phrasing import brief, cited, phrase, reasons
from pact.words import Words, say, term

if TYPE_CHECKING:
    from pact.evaluation.answers import Answer

SALIENT = (
    Test.requested_bearer,
    Test.requested,
    Test.location,
    Test.victim_in_region,
    Test.attacker_among,
    Test.attacker,
    Test.among_attackers,
    Test.victim_party,
    Test.victim_member,
)
"""The tests that say why a duty arose, in the order a reader wants them; the others (in force, a
party, not the victim …) hold for every duty and tell nothing in a table."""


def title(scenario: Scenario, language: str) -> str:
    return say(language, "report.title", scenario=scenario.title or scenario.scenario, date=scenario.date.isoformat())


def event_lines(scenario: Scenario, language: str) -> list[str]:
    """Each event in one line (what, against whom, where, by whom, who was asked), then each
    determination of a treaty body and each assumption the rules were changed by."""
    lines = [_event_line(event, language) for event in scenario.events]
    lines += [
        say(
            language,
            "report.determination",
            treaty=d.treaty,
            date=d.date.isoformat(),
            finding=term("finding", d.finding.value),
        )
        + (f" ({d.event})" if d.event else "")
        for d in scenario.determinations
    ]
    if scenario.assume:
        lines.append(say(language, "report.assuming", changes=[describe(change) for change in scenario.assume]))
    return lines


def _event_line(event: Event, language: str) -> str:
    text = say(language, "report.event", event=event.id, type=term("type", event.type.value), target=event.target)
    if event.location == UNKNOWN:
        text += say(language, "report.event_at_unknown")
    elif event.place not in (event.target, None):
        text += say(language, "report.event_at", place=event.place)
    if event.at is not None:
        text += say(language, "report.event_at", place=f"{event.at.lat}, {event.at.lon}")
    attackers = [*event.attackers, *([event.by_non_state] if event.by_non_state else [])]
    if event.by == UNKNOWN:
        text += say(language, "report.event_by_unknown")
    elif attackers:
        text += say(language, "report.event_by", attackers=attackers)
    if event.requested_from == UNKNOWN:
        text += say(language, "report.event_asked_unknown", target=event.target)
    elif event.requested_from:
        asked = [r.to if r.by in (None, event.target) else f"{r.to} ({r.by})" for r in event.requests()]
        text += say(language, "report.event_asked", target=event.target, asked=asked)
    return text


def because(obligation: Obligation, language: str) -> str:
    """Why a duty arose, in a few words: the telling conditions that held, and how the text is known
    when it is not published."""
    by_test = {step.test: step for step in obligation.trace if step.holds}
    telling = (brief(by_test[t], language) for t in SALIENT if t in by_test and _telling(by_test[t]))
    return joined((*telling, *certainty(obligation.certainty, language)), language)


def certainty(known: TextCertainty | None, language: str) -> tuple[str, ...]:
    """How a treaty's text is known, in words, when it is not published (else nothing)."""
    return (say(language, f"certainty.{known.value}"),) if known else ()


def joined(items: Iterable[str], language: str) -> str:
    """Items in a row, as the language separates them (``;`` in English, `` ;`` in French)."""
    return say(language, "sep").join(items)


def pair(name: str, value: str, language: str) -> str:
    """``name: value``, with the language's colon."""
    return say(language, "pair", name=name, value=value)


def _telling(step: Step) -> bool:
    if step.test is Test.location:
        return bool(step.value("inside"))  # "on its own territory" tells nothing
    return step.test is not Test.attacker or step.value("covers") != "any"


def duty(obligation: Obligation | Undetermined, language: str) -> str:
    """The kind of duty, with the means the clause names when they say more than the kind."""
    kind = say(language, f"kind.{obligation.kind.value}")
    means = say(language, f"means.{obligation.means.value}")
    return kind if means == kind else say(language, "report.duty", kind=kind, means=means)


def commitments(items: Iterable[Commitment], language: str) -> str:
    return joined((f"{c.treaty} {c.article}" for c in items), language)


@dataclass(frozen=True)
class Group:
    """Parties of one treaty that owe nothing for one event, for the same decisive reason."""

    treaty: str
    event: str
    states: tuple[str, ...]
    decisive: Step | None
    first: NonObligation  # whose reasons stand for the group's when there is no decisive step

    def reason(self, language: str) -> str:
        if self.decisive is None:
            return next(iter(reasons(self.first, language)), "")
        if len(self.states) > 1:
            return cited([self.decisive], language, state=Words("each"))
        return cited([self.decisive], language)

    def states_text(self, language: str) -> str:
        if len(self.states) == 1:
            return self.states[0]
        return say(language, "report.states", states=", ".join(self.states), count=len(self.states))


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


def heading(item: Explanation, language: str) -> str:
    """An explanation's first line: who, under which treaty, for which event, and the verdict."""
    verdict = say(language, "explain.obligated" if item.obligated else "explain.not_obligated")
    where = {"state": item.state, "treaty": item.treaty, "event": item.event, "toward": item.toward}
    text = say(language, "explain.title", verdict=verdict, **where)
    for known in certainty(item.certainty, language):
        text = say(language, "explain.certainty", heading=text, certainty=known)
    return text


def counts(result: Result) -> dict[str, int]:
    """The figures of a summary, by catalogue key."""
    return {
        "report.count_obligated": len({o.state for o in result.obligations}),
        "report.count_duties": len(result.obligations),
        "report.count_conflicts": len({c.state for c in result.conflicts}),
        "report.count_not_obligated": len(result.not_obligated),
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


def obligation_rows(answer: Answer, language: str) -> Rows:
    return _duty_rows(answer, language, answer.result.obligations, "because", lambda o: because(o, language))


def undetermined_rows(answer: Answer, language: str) -> Rows:
    return _duty_rows(answer, language, answer.result.undetermined, "deciding", lambda u: ", ".join(u.deciding))


D = TypeVar("D", Obligation, Undetermined)


def _duty_rows(answer: Answer, language: str, duties: Iterable[D], last: str, value: Callable[[D], str]) -> Rows:
    """Duties (or duties that may be) in rows: who, under what, toward whom, and the ``last`` column."""
    columns = ("state", "treaty", "article", "duty", "toward", "event")
    return _rows(
        answer,
        (*columns, last),
        (
            dict(zip(columns, (d.state, d.treaty, d.article, duty(d, language), d.toward, d.event), strict=True))
            | {last: value(d)}
            for d in duties
        ),
    )


def conflict_rows(answer: Answer, language: str) -> Rows:
    return _rows(
        answer,
        ("state", "event", "owes", "bound_to"),
        (
            {
                "state": c.state,
                "event": c.event,
                "owes": pair(c.toward, commitments(c.owes, language), language),
                "bound_to": pair(c.against, commitments(c.bound_by, language), language),
            }
            for c in answer.result.conflicts
        ),
    )


def group_rows(answer: Answer, language: str) -> Rows:
    return _rows(
        answer,
        ("treaty", "event", "states", "why_not"),
        (
            {"treaty": g.treaty, "event": g.event, "states": g.states_text(language), "why_not": g.reason(language)}
            for g in groups(answer.result.not_obligated)
        ),
    )


class Wording:
    """Steps in words, each worded once per report: an event's tests are the same objects in every
    state's explanation. Keyed by identity, so it lives no longer than the report it serves."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._done: dict[int, str] = {}

    def __call__(self, step: Step) -> str:
        if id(step) not in self._done:
            self._done[id(step)] = phrase(step, self.language)
        return self._done[id(step)]
