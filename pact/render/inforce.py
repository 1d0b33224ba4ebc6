"""Treaties in force on a day, for people (a table) and programs (JSON): ``pact treaties``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from pact.analysis.inforce import InForce, PartyStanding
from pact.model import TextCertainty
from pact.render.common import certainty
from pact.words import DEFAULT_LANGUAGE


def as_json(found: Sequence[InForce], day: date) -> str:
    return json.dumps(
        {"date": day.isoformat(), "treaties": [t.model_dump(mode="json") for t in found]}, indent=2, ensure_ascii=False
    )


def table(found: Sequence[InForce], day: date) -> str:
    out = [f"Treaties in force on {day} ({len(found)}):" if found else f"No treaty in force on {day}."]
    for t in found:
        known = certainty(None if t.certainty is TextCertainty.published else t.certainty, DEFAULT_LANGUAGE)
        facts = "; ".join((f"in force since {t.in_force}", f"{len(t.parties)} parties", *known))
        out += ["", f"  {t.treaty}: {t.title}", f"    {facts}"]
        out.append("    " + ", ".join(_party(p) for p in t.parties))
    return "\n".join(out)


def _party(p: PartyStanding) -> str:
    if p.status == "member":
        return p.state
    duties = "bound" if p.bears_duties else "not bound"
    protection = "protected" if p.protected else "not protected"
    return f"{p.state} ({p.status} since {p.since}: {duties}, {protection})"
