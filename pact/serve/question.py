"""The page's question — the state attacked, the day, the attackers, the kind of event, where — as
the query of a URL (so that every answer has a permalink) and as the scenario it stands for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from pact.model import EventType, Target

FIELDS = ("target", "date", "type", "by", "non_state", "against", "location", "lat", "lon")
"""The query's fields, in the order of the form and of a permalink."""

SCENARIO_ID = "web-question"
"""The id of every scenario asked on the page."""

FIELD_OF = {"target": "target", "by": "by", "by_non_state": "non_state", "type": "type", "date": "date"}
FIELD_OF |= {"against": "against", "location": "location", "at": "lat", "lat": "lat", "lon": "lon"}
"""The form's field for each scenario field a problem may name (the last part of its path)."""


@dataclass(frozen=True)
class Question:
    """What the visitor asked, as typed (text, kept to be shown again in the form)."""

    values: Mapping[str, str]

    @classmethod
    def of(cls, query: Mapping[str, str], today: date) -> Question:
        kept = {name: query.get(name, "").strip() for name in FIELDS}
        kept |= {"date": kept["date"] or today.isoformat(), "type": kept["type"] or EventType.armed_attack}
        if kept["against"] == Target.territory:  # the default, left out of permalinks
            kept["against"] = ""
        return cls(kept)

    def __getitem__(self, name: str) -> str:
        return self.values.get(name, "")

    def query(self, lang: str) -> str:
        """The permalink's query: the fields given, in a fixed order, and the language."""
        return urlencode([*((n, self[n]) for n in FIELDS if self[n]), ("lang", lang)])

    def scenario(self) -> dict[str, Any]:
        """The scenario asked, as a scenario file would hold it (validated by the loader, like a file)."""
        event: dict[str, Any] = {"id": "e1", "type": self["type"], "target": self["target"].upper()}
        attackers = self["by"].replace(",", " ").upper().split()
        if attackers:
            event["by"] = attackers
        if self["non_state"]:
            event["by_non_state"] = self["non_state"]
        if self["against"]:
            event["against"] = self["against"]
        if self["location"]:
            event["location"] = self["location"]
        if self["lat"] or self["lon"]:
            event["at"] = {"lat": _number(self["lat"]), "lon": _number(self["lon"])}
        return {"scenario": SCENARIO_ID, "date": self["date"], "events": [event]}


def form_field(path: str | None) -> str | None:
    """The form's field a problem's path names (``events[0].by[1]`` → ``by``), if any."""
    if not path:
        return None
    last = path.split(".")[-1].split("[")[0]
    return FIELD_OF.get(last)


def _number(text: str) -> float | str:
    """A coordinate as a number, or as typed when it is not one (for the loader to say so)."""
    try:
        return float(text)
    except ValueError:
        return text
