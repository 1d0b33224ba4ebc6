"""Withdrawal by notice: ``notice: {received: DAY, effect: P2Y}`` on a membership (or the treaty's
``notice_period``) makes the party leave on the derived day, on both backends."""

from __future__ import annotations

from datetime import date

import pytest

import pact
from pact.model import Notice, Party, Rulebook, Treaty
from pact.model.base import after

from .conftest import FIXTURES, SCENARIOS


@pytest.mark.parametrize(
    ("day", "period", "effect"),
    [
        (date(2002, 9, 6), "P2Y", date(2004, 9, 6)),
        (date(2024, 2, 29), "P1Y", date(2025, 2, 28)),  # no 29 February: the month's last day
        (date(2024, 1, 31), "P1M", date(2024, 2, 29)),
        (date(2024, 11, 30), "P1Y2M", date(2026, 1, 30)),
        (date(2024, 12, 31), "P90D", date(2025, 3, 31)),
    ],
)
def test_a_period_after_a_day(day: date, period: str, effect: date) -> None:
    assert after(day, period) == effect


def _rules(notice: Notice, period: str | None = None) -> Rulebook:
    """The made-up treaty of the fixtures, with MLI's membership ended by ``notice``."""
    rules = pact.load_rules(FIXTURES / "valid" / "rules", bundled=False)
    tiny = rules.treaties[0]
    data = tiny.model_dump(by_alias=True, exclude_none=True) | {"notice_period": period}
    data["parties"] = [
        Party(state="NER", joined=date(2000, 6, 1)),
        Party(state="MLI", joined=date(2000, 6, 1), notice=notice),
    ]
    data["suspensions"] = []
    return rules.model_copy(update={"treaties": (Treaty.model_validate(data),)})


def _left(notice: Notice, period: str | None = None) -> date | None:
    return _rules(notice, period).treaties[0].parties[1].left


def test_the_day_a_party_leaves_is_derived_from_its_notice() -> None:
    received = date(2010, 3, 15)
    assert _left(Notice(received=received), "P1Y") == date(2011, 3, 15)
    assert _left(Notice(received=received, effect="P6M"), "P1Y") == date(2010, 9, 15)
    with pytest.raises(ValueError, match="notice_period"):
        _left(Notice(received=received))
    with pytest.raises(ValueError, match="is not a period"):
        Notice.model_validate({"received": "2010-03-15", "effect": "P"})


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_a_notice_ends_duties_on_the_day_it_takes_effect(backend: str) -> None:
    if backend == "durable":
        pytest.importorskip("pact.backends.durable.backend", reason="durable-rules does not import on this Python")
    engine = pact.Engine(_rules(Notice(received=date(2010, 3, 15)), "P1Y"), backend=backend)

    def bound(day: str) -> bool:
        event = {"id": "e", "type": "armed_attack", "target": "NER", "location": "NER", "by": ["NGA"]}
        scenario = pact.scenario_from_dict({"scenario": "s", "title": "t", "date": day, "events": [event]})
        return any(o.state == "MLI" for o in engine.evaluate(scenario).obligations)

    assert bound("2011-03-14") and not bound("2011-03-15")


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_mexicos_notice_under_rio_article_25(rules: pact.Rulebook, backend: str) -> None:
    if backend == "durable":
        pytest.importorskip("pact.backends.durable.backend", reason="durable-rules does not import on this Python")
    rio = next(t for t in rules.treaties if t.treaty == "rio")
    mexico = next(p for p in rio.parties if p.state == "MEX")
    assert (rio.notice_period, mexico.notice and mexico.notice.received, mexico.left) == (
        "P2Y",
        date(2002, 9, 6),
        date(2004, 9, 6),
    )
    engine = pact.Engine(rules, backend=backend)
    for name in ("rio-mexico-notice-last-day-2004", "rio-mexico-notice-effect-day-2004"):
        scenario = pact.load_scenario(SCENARIOS / f"{name}.yaml")
        assert pact.mismatches(scenario, engine.evaluate(scenario)) == [], name
