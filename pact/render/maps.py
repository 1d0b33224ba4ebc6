"""The map of an answer (``--format map``, and the top of the HTML report): the state attacked, its
attackers, the states obligated coloured by their kind of duty, those bound to both sides, the
undetermined ones hatched; a title, a legend and a credit in the reader's language.

A former state (the Soviet Union, Yugoslavia …) has no outline of its own at this scale: it is drawn
on the present-day states that cover its territory on the day (``pact/data/territory-history.csv``),
and the credit line says so. Historical boundaries are not drawn (docs/words.md).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from importlib import resources

from pact.evaluation.answers import Answer
from pact.model import ObligationKind
from pact.render import Options
from pact.render.common import reader, title
from pact.render.reader import Reader
from pact.render.worldmap import HATCH, OUTLINE, Paint, size, world, world_map

ATTACKED, ATTACKER = "#c62828", "#3a3a3a"
KINDS: dict[ObligationKind, str] = {
    ObligationKind.defense: "#1f5fa8",
    ObligationKind.offense: "#b5651d",
    ObligationKind.consultation: "#9cc3e6",
    ObligationKind.neutrality: "#d9c36a",
    ObligationKind.non_aggression: "#8fb996",
}
"""A colour for each kind of duty; a state that owes several is coloured by the first in this order."""


@cache
def _history() -> tuple[tuple[str, str, date | None, date | None, str], ...]:
    text = resources.files("pact").joinpath("data", "territory-history.csv").read_text(encoding="utf-8")
    return tuple(
        (row["former"], row["present"], _day(row["from"]), _day(row["to"]), row["coverage"])
        for row in csv.DictReader(text.splitlines())
    )


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def drawn_as(code: str, day: date) -> tuple[str, ...]:
    """The outlines that stand for ``code`` on ``day``: its own, or for a former state, those of the
    present-day states that covered its territory then (wholly or in part), largest first."""
    states = world()["states"]
    if code in states:
        return (code,)
    rows = [r for r in _history() if r[0] == code and (r[2] or date.min) <= day < (r[3] or date.max)]
    found = {present for _, present, *_ in rows if present in states}
    return tuple(sorted(found, key=lambda c: -states[c]["area"]))


def answer_map(answer: Answer, who: Reader, prefix: str = "") -> str:
    """The map of one answer, as an SVG document."""
    result, scenario = answer.result, answer.scenario
    painted: dict[str, str] = {}
    for code, colour in _colours(answer):
        painted.setdefault(code, colour)
    hatched = {u.state for u in result.undetermined} - {o.state for o in result.obligations}
    both = {c.state for c in result.conflicts}
    paint, former = _on_outlines(painted, hatched, both, scenario.date, who)
    shown = {*painted.values(), *([HATCH] if hatched else []), *([OUTLINE] if both else [])}
    legend = [(colour, words) for colour, words in _legend(who) if colour in shown]
    credit = who.say("map.credit")
    if former:
        credit = who.say("map.former", states=who.listed([who.state(c) for c in former])) + " · " + credit
    return world_map(
        paint, _title(answer, who), legend, subtitle=_subtitle(answer, who), credit=credit, ids=f"{prefix}map-"
    )


def _colours(answer: Answer) -> Iterable[tuple[str, str]]:
    """Each state and its colour, the more telling first: attacked, attacker, then duties by kind (a
    state bound to both sides is outlined besides)."""
    for event in answer.scenario.events:
        yield event.target, ATTACKED
    for event in answer.scenario.events:
        yield from ((a, ATTACKER) for a in event.by)
    for kind, colour in KINDS.items():
        yield from ((o.state, colour) for o in answer.result.obligations if o.kind is kind)


def _on_outlines(
    painted: dict[str, str], hatched: set[str], both: set[str], day: date, who: Reader
) -> tuple[Paint, list[str]]:
    """The paint of today's outlines: former states on their successors' territory."""
    fills: dict[str, str] = {}
    names = {code: who.state(code) for code in world()["states"]}
    labels: list[str] = []
    former: list[str] = []
    for code in [*painted, *sorted(hatched - set(painted))]:
        outlines = drawn_as(code, day)
        if outlines and outlines != (code,):
            former.append(code)
        for outline in outlines:
            names[outline] = who.state(code) if outline != code else names[outline]
            if code in painted:
                fills.setdefault(outline, painted[code])
        labels += outlines[:1]
    marked = {outline for code in hatched for outline in drawn_as(code, day)}
    ringed = frozenset(outline for code in both for outline in drawn_as(code, day))
    return Paint(fills, frozenset(marked), names, tuple(dict.fromkeys(labels)), ringed), former


def _legend(who: Reader) -> list[tuple[str, str]]:
    entries = [(ATTACKED, who.say("map.attacked")), (ATTACKER, who.say("map.attacker"))]
    entries += [(colour, who.say(f"map.kind.{kind.value}")) for kind, colour in KINDS.items()]
    return [*entries, (OUTLINE, who.say("map.both")), (HATCH, who.say("map.undetermined"))]


def _title(answer: Answer, who: Reader) -> str:
    events = answer.scenario.events
    if len(events) != 1:
        return title(answer.scenario, who)
    event, day = events[0], who.date(answer.scenario.date)
    if event.attackers:
        return who.say("map.title_by", victim=event.target, attackers=who.states(event.attackers), date=day)
    return who.say("map.title", victim=event.target, date=day)


def _subtitle(answer: Answer, who: Reader) -> str:
    """Who owes what, kind by kind: the states named when they are few, counted when they are many."""
    parts = []
    for kind in KINDS:
        bearers = list(dict.fromkeys(o.state for o in answer.result.obligations if o.kind is kind))
        if bearers:
            named = who.states(bearers) if len(bearers) <= 4 else who.say("map.states", count=len(bearers))
            parts.append(who.say("pair", name=who.say(f"map.kind.{kind.value}"), value=named))
    return who.say("sep").join(parts) if parts else who.say("report.none_obligated")


def maps(answers: Sequence[Answer], options: Options) -> str:
    """``--format map``: one map for one scenario; for several, their maps one under the other."""
    drawn = [answer_map(a, reader(a, options), f"s{i}-") for i, a in enumerate(answers)]
    if len(drawn) == 1:
        return drawn[0]
    sizes = [size(d) for d in drawn]
    width, height = max(w for w, _ in sizes), sum(h for _, h in sizes)
    offsets = [sum(h for _, h in sizes[:i]) for i in range(len(sizes))]
    placed = [d.replace("<svg ", f'<svg y="{y}" ', 1) for d, y in zip(drawn, offsets, strict=True)]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">\n'
        + "\n".join(placed)
        + "\n</svg>"
    )
