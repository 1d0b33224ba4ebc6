"""Treaties in force on a day (``pact treaties``): for people, a table named for the reader
(``pact.render.reader``); for programs, JSON with codes. No I/O here."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from pact.analysis.inforce import ContestedPoint, InForce, PartyStanding
from pact.model import TextCertainty
from pact.render.common import certainty
from pact.render.reader import Reader
from pact.words import Words


def as_json(found: Sequence[InForce], day: date) -> str:
    return json.dumps(
        {"date": day.isoformat(), "treaties": [t.model_dump(mode="json") for t in found]}, indent=2, ensure_ascii=False
    )


def table(found: Sequence[InForce], day: date, who: Reader) -> str:
    out = [who.say("treaties.head", date=day, count=len(found)) if found else who.say("treaties.none", date=day)]
    for t in found:
        known = certainty(None if t.certainty is TextCertainty.published else t.certainty, who.language)
        since = who.say("treaties.since", date=t.in_force, count=len(t.parties))
        out += ["", f"  {who.treaty(t.treaty)}: {who.treaty_title(t.treaty)}", "    " + "; ".join((since, *known))]
        out.append("    " + ", ".join(_party(p, who) for p in t.parties))
    return "\n".join(out)


def _party(p: PartyStanding, who: Reader) -> str:
    said = _standing(p, who)
    if p.may_have_left is None:
        return said
    earliest, latest = p.may_have_left
    return who.say("treaties.may_have_left", party=said, earliest=earliest, latest=latest)


def _standing(p: PartyStanding, who: Reader) -> str:
    if p.status == "member":
        return who.state(p.state)
    return who.say(
        "treaties.standing",
        state=p.state,
        status=Words(f"status.{p.status}"),
        since=p.since,
        duties=Words("treaties.bound" if p.bears_duties else "treaties.not_bound"),
        protection=Words("treaties.protected" if p.protected else "treaties.not_protected"),
    )


def contested_text(points: Sequence[ContestedPoint], who: Reader) -> str:
    """Each contested point: its question, then each reading with its source, the followed one marked."""
    if not points:
        return who.say("readings.none")
    out: list[str] = []
    for p in points:
        out += ["", f"{who.treaty(p.treaty)} · {p.point.id}: {p.point.question}"]
        for r in p.point.readings:
            mark = "●" if r.id == p.followed else "○"
            followed = who.say("readings.followed") if r.id == p.followed else ""
            out.append(f"  {mark} {r.id}{followed}: {who.reading(r.id, r.says)}")
            out.append(f"      {r.source.citation}" + (f" <{r.source.url}>" if r.source.url else ""))
    return "\n".join(out[1:])
