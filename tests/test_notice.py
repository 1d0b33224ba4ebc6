"""Withdrawal by notice: ``notice: {received: DAY, effect: P2Y}`` on a membership (or the treaty's
``notice_period``) makes the party leave on the derived day, on both backends."""

from __future__ import annotations

from datetime import date

import pytest

import pact
from pact.analysis.dyads import Baseline, dyads
from pact.analysis.inforce import PartyStanding
from pact.model import Notice, Party, Rulebook, Treaty
from pact.model.base import after
from pact.render.inforce import _party
from pact.render.phrasing import reasons
from pact.render.reader import Reader

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


@pytest.fixture(params=["reference", "durable"])
def backend(request: pytest.FixtureRequest) -> str:
    if request.param == "durable":
        pytest.importorskip("pact.backends.durable.backend", reason="durable-rules does not import on this Python")
    return request.param


def _rio_party(rules: pact.Rulebook, state: str) -> tuple[Treaty, Party]:
    rio = next(t for t in rules.treaties if t.treaty == "rio")
    return rio, next(p for p in rio.parties if p.state == state)


def _pinned(rules: pact.Rulebook, backend: str, *names: str) -> None:
    """The bundled scenarios ``names`` meet their expectations on ``backend``."""
    engine = pact.Engine(rules, backend=backend)
    for name in names:
        scenario = pact.load_scenario(SCENARIOS / f"{name}.yaml")
        assert pact.mismatches(scenario, engine.evaluate(scenario)) == [], name


def test_the_day_a_party_leaves_is_derived_from_its_notice() -> None:
    received = date(2010, 3, 15)
    assert _left(Notice(received=received), "P1Y") == date(2011, 3, 15)
    assert _left(Notice(received=received, effect="P6M"), "P1Y") == date(2010, 9, 15)
    with pytest.raises(ValueError, match="notice_period"):
        _left(Notice(received=received))
    with pytest.raises(ValueError, match="is not a period"):
        Notice.model_validate({"received": "2010-03-15", "effect": "P"})


def test_a_notice_ends_duties_on_the_day_it_takes_effect(backend: str) -> None:
    engine = pact.Engine(_rules(Notice(received=date(2010, 3, 15)), "P1Y"), backend=backend)

    def bound(day: str) -> bool:
        event = {"id": "e", "type": "armed_attack", "target": "NER", "location": "NER", "by": ["NGA"]}
        scenario = pact.scenario_from_dict({"scenario": "s", "title": "t", "date": day, "events": [event]})
        return any(o.state == "MLI" for o in engine.evaluate(scenario).obligations)

    assert bound("2011-03-14") and not bound("2011-03-15")


def test_mexicos_notice_under_rio_article_25(rules: pact.Rulebook, backend: str) -> None:
    rio, mexico = _rio_party(rules, "MEX")
    assert (rio.notice_period, mexico.notice and mexico.notice.received, mexico.left) == (
        "P2Y",
        date(2002, 9, 6),
        date(2004, 9, 6),
    )
    _pinned(rules, backend, "rio-mexico-notice-last-day-2004", "rio-mexico-notice-effect-day-2004")


# --- a notice received on a day known only within bounds -----------------------------------------

WINDOW = Notice.model_validate({"received": {"between": ["2010-03-15", "2010-06-30"]}})
"""Received from 15 March to 30 June 2010: with P1Y, MLI leaves on a day from 15 March to 30 June 2011."""


def test_a_window_of_receipt_leaves_membership_open_between_the_earliest_and_latest_effect() -> None:
    mali = _rules(WINDOW, "P1Y").treaties[0].parties[1]
    assert mali.left == date(2011, 6, 30)  # surely gone from the latest day
    doubt = mali.doubt("P1Y")
    assert doubt is not None
    assert (doubt.received_from, doubt.received_until, doubt.earliest, doubt.latest) == (
        date(2010, 3, 15),
        date(2010, 6, 30),
        date(2011, 3, 15),
        date(2011, 6, 30),
    )
    one_day = Notice.model_validate({"received": {"between": ["2010-03-15", "2010-03-15"]}})
    assert _rules(one_day, "P1Y").treaties[0].parties[1].doubt("P1Y") is None  # a window of one day is a known day
    assert Party(state="MLI", joined=date(2000, 6, 1)).doubt("P1Y") is None
    with pytest.raises(ValueError, match="window ends"):
        Notice.model_validate({"received": {"between": ["2010-06-30", "2010-03-15"]}})


def _answer(engine: pact.Engine, day: str, victim: str) -> tuple[set[str], set[tuple[str, tuple[str, ...]]]]:
    """Who owes the victim a duty on ``day`` for an attack on it, and whose duty is undetermined (with what decides)."""
    event = {"id": "e", "type": "armed_attack", "target": victim, "location": victim, "by": ["NGA"]}
    result = engine.evaluate(pact.scenario_from_dict({"scenario": "s", "title": "t", "date": day, "events": [event]}))
    return {o.state for o in result.obligations}, {(u.state, u.deciding) for u in result.undetermined}


def test_duties_of_a_party_that_may_have_left_are_undetermined_only_within_the_window(backend: str) -> None:
    engine = pact.Engine(_rules(WINDOW, "P1Y"), backend=backend)
    unsure = {("MLI", ("notice",))}
    # as a bearer: MLI owes NER
    assert _answer(engine, "2011-03-14", "NER") == ({"MLI"}, set())
    assert _answer(engine, "2011-03-15", "NER") == (set(), unsure)
    assert _answer(engine, "2011-06-29", "NER") == (set(), unsure)
    assert _answer(engine, "2011-06-30", "NER") == (set(), set())
    # as a victim party: NER owes MLI, if MLI is still protected
    assert _answer(engine, "2011-03-14", "MLI") == ({"NER"}, set())
    assert _answer(engine, "2011-03-15", "MLI") == (set(), {("NER", ("notice",))})
    assert _answer(engine, "2011-06-30", "MLI") == (set(), set())


def test_the_undecided_step_names_the_state_the_treaty_and_both_windows() -> None:
    engine = pact.Engine(_rules(WINDOW, "P1Y"), backend="reference")
    event = {"id": "e", "type": "armed_attack", "target": "NER", "location": "NER", "by": ["NGA"]}
    scenario = pact.scenario_from_dict({"scenario": "s", "title": "t", "date": "2011-04-01", "events": [event]})
    [duty] = engine.evaluate(scenario).undetermined
    [step] = [s for s in duty.trace if s.holds is None]
    assert step.values["deciding"] == "notice"
    assert (step.values["state"], step.values["treaty"]) == ("MLI", duty.treaty)
    said = {lang: reasons(duty, lang)[0] for lang in ("en", "fr")}
    assert said["en"] == (
        f"whether MLI was still a party of {duty.treaty} on 2011-04-01 is not known: its notice of withdrawal "
        "reached the depositary on a day between 2010-03-15 and 2010-06-30, so it left on a day between "
        "2011-03-15 and 2011-06-30"
    )
    assert said["fr"].startswith(f"on ne sait pas si MLI était encore partie au traité {duty.treaty} le 2011-04-01")
    assert "entre le 2010-03-15 et le 2010-06-30" in said["fr"]


def test_venezuelas_notice_under_rio_article_25_is_known_only_within_bounds(rules: pact.Rulebook, backend: str) -> None:
    rio, venezuela = _rio_party(rules, "VEN")
    doubt = venezuela.doubt(rio.notice_period)
    assert doubt is not None and (doubt.earliest, doubt.latest, venezuela.left) == (
        date(2014, 6, 5),
        date(2015, 7, 14),
        date(2015, 7, 14),
    )
    days = ("before-window-2014", "window-opens-2014", "window-closes-2015", "after-window-2015")
    _pinned(rules, backend, *(f"rio-venezuela-notice-{when}" for when in days))


def test_generated_scenarios_reach_the_days_venezuelas_notice_leaves_undetermined(rules: pact.Rulebook) -> None:
    """The backends' agreement property on the bundled rules (tests/test_agreement.py) draws from this
    strategy: it must reach days inside a notice's window, or the property would say nothing of them."""
    from hypothesis import HealthCheck, Phase, find, settings

    from pact.testing.strategies import scenarios

    engine = pact.Engine(rules, backend="reference")

    def undecided_by_notice(scenario: pact.Scenario) -> bool:
        return any("notice" in u.deciding for u in engine.evaluate(scenario, full=False).undetermined)

    # the first such scenario is enough: no shrinking
    quick = settings(
        max_examples=5000,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    assert find(scenarios(rules), undecided_by_notice, settings=quick)


def test_pact_treaties_says_a_party_may_have_left_only_within_the_window(rules: pact.Rulebook) -> None:
    def venezuela(day: date) -> PartyStanding:
        [rio] = pact.treaties_in_force(rules, day, "VEN")
        return next(p for p in rio.parties if p.state == "VEN")

    assert venezuela(date(2014, 6, 4)).may_have_left is None
    inside = venezuela(date(2014, 6, 5))
    assert inside.may_have_left == (date(2014, 6, 5), date(2015, 7, 14))
    assert "may_have_left" not in venezuela(date(2014, 6, 4)).model_dump()  # the JSON of other days is unchanged
    assert _party(inside, Reader("en", names=True)) == (
        "Venezuela (may have left: its notice takes effect on a day from 5 June 2014 to 14 July 2015)"
    )


@pytest.mark.parametrize(
    ("change", "day"),
    [({"leaves": "2014-06-20"}, "2014-06-10"), ({"stays": True}, "2014-07-01"), ({"stays": True}, "2016-01-01")],
)
def test_an_assumption_that_settles_the_exit_settles_the_window(
    rules: pact.Rulebook, change: dict[str, object], day: str
) -> None:
    """``assume: leaves`` (or ``stays``) on a party whose notice's receipt is unknown says when it
    leaves (or that it never does): it is then a party, bound, on a day of the window (or after it)."""
    engine = pact.Engine(rules, backend="reference")
    event = {"id": "colombia", "type": "armed_attack", "target": "COL", "by": ["RUS"]}
    assume = [{"treaty": "rio", "state": "VEN", **change}]
    scenario = pact.scenario_from_dict({"scenario": "s", "date": day, "events": [event], "assume": assume})
    result = engine.evaluate(scenario, full=False)
    assert [u for u in result.undetermined if u.state == "VEN"] == []
    assert any(o.state == "VEN" for o in result.obligations)


@pytest.mark.parametrize(("counted", "until"), [(False, date(2014, 6, 5)), (True, date(2015, 7, 14))])
def test_dyads_follow_the_window(rules: pact.Rulebook, counted: bool, until: date) -> None:
    """Venezuela's Rio dyad toward Colombia ends where its duties stop being sure, or, when
    undetermined duties are counted, where they stop being possible."""
    engine = pact.Engine(rules, backend="reference")
    found = dyads(engine, date(2014, 1, 1), date(2016, 1, 1), baseline=Baseline(undetermined=counted))
    assert [(d.start, d.until) for d in found if (d.state, d.toward) == ("VEN", "COL")] == [(date(2014, 1, 1), until)]
