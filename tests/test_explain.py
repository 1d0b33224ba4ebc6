"""Explanations: they agree with the results, and name the decisive reason a reader needs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

import pact
from pact.cli import main
from pact.core.states import is_state_on, registry
from pact.evaluation.answers import Answer
from pact.evaluation.explanation import MAX_CLAUSES, ClauseExplanation, explain
from pact.model import trace
from pact.render.phrasing import phrase, reasons

from .conftest import SCENARIOS


def test_explanations_agree_with_every_bundled_result(answers: dict[str, Answer]) -> None:
    """Obligated exactly when the engine says so; a non-obligation's decisive step is the result's."""
    for name, answer in answers.items():
        explained = {(e.state, e.treaty, e.event): e for e in answer.explanations}
        obligated = {(o.state, o.treaty, o.event) for o in answer.result.obligations}
        assert {k for k, e in explained.items() if e.obligated} == obligated, name
        for item in answer.result.not_obligated:
            assert explained[(item.state, item.treaty, item.event)].decisive == item.decisive, name


def test_a_clause_binds_exactly_when_every_step_holds(answers: dict[str, Answer]) -> None:
    for answer in answers.values():
        for item in answer.explanations:
            for clause in item.clauses:
                assert clause.binds == all(step.holds for step in clause.steps)
                # a clause held up only by unknown facts (holds: null) has no failed step to name
                assert (clause.decisive is None) == all(step.holds is not False for step in clause.steps)
                assert clause.decisive is None or clause.decisive in clause.steps


# (scenario, state, treaty, event, clause or None for the treaty as a whole, English, French)
DECISIVE = [
    pytest.param(
        "nato-hawaii-and-alaska",
        "CAN",
        "nato",
        "hawaii",
        "art5-territory",
        "location US-HI (Hawaii) is outside the clause's area "
        "(territories of the NATO parties covered by Article 6(1))",
        "le lieu US-HI (Hawaii) est hors de la zone d'application de la clause "
        "(territories of the NATO parties covered by Article 6(1))",
        id="hawaii",
    ),
    pytest.param(
        "nato-canary-islands-and-ceuta",
        "BEL",
        "nato",
        "ceuta",
        None,
        "location ES-CE (Ceuta) is outside the clause's area (territories of the NATO parties covered by Article 6(1))",
        "le lieu ES-CE (Ceuta) est hors de la zone d'application de la clause "
        "(territories of the NATO parties covered by Article 6(1))",
        id="ceuta",
    ),
    pytest.param(
        "nato-falklands-1982",
        "USA",
        "nato",
        "invasion",
        None,
        "location FLK (Falkland Islands (Malvinas)) is outside the clause's area "
        "(territories of the NATO parties covered by Article 6(1))",
        "le lieu FLK (Falkland Islands (Malvinas)) est hors de la zone d'application de la clause "
        "(territories of the NATO parties covered by Article 6(1))",
        id="falklands",
    ),
    pytest.param(
        "csto-armenia-2022-without-request",
        "KAZ",
        "csto",
        "border-attack",
        "art-4-collective-defence",
        "ARM did not ask csto for assistance",
        "ARM n'a pas demandé assistance au titre du traité csto",
        id="csto-without-request",
    ),
    pytest.param(
        "aes-before-signature",
        "MLI",
        "aes",
        "e1",
        None,
        "aes was not yet in force on 2023-09-15 (in force from 2023-09-16)",
        "le traité aes n'était pas encore en vigueur le 2023-09-15 (entrée en vigueur le 2023-09-16)",
        id="pre-signature",
    ),
    pytest.param(
        "ecowas-niger-benin-exit-day",
        "BFA",
        "ecowas",
        "e2",
        None,
        "BFA was no longer a party of ecowas on 2025-01-29 (left 2025-01-29)",
        "BFA n'était plus partie au traité ecowas le 2025-01-29 (sortie le 2025-01-29)",
        id="ecowas-exit",
    ),
]


@pytest.mark.parametrize(("scenario", "state", "treaty", "event", "clause", "english", "french"), DECISIVE)
def test_the_decisive_reason(
    rules: pact.Rulebook,
    engine: pact.Engine,
    scenario: str,
    state: str,
    treaty: str,
    event: str,
    clause: str | None,
    english: str,
    french: str,
) -> None:
    loaded = pact.load_scenario(SCENARIOS / f"{scenario}.yaml", rules)
    [item] = explain(engine, loaded, state=state, treaty=treaty, event=event)
    worded = [c for c in item.clauses if c.clause == clause and _in_force(c)]
    step = item.decisive if clause is None else worded[0].decisive
    assert step is not None
    assert (phrase(step, "en"), phrase(step, "fr")) == (english, french)
    assert step.source and step.source.startswith(f"rules/{treaty}.yaml:")
    if clause is None:  # the result says the same, first
        result = pact.Engine(rules, backend="reference").evaluate(loaded)
        [found] = [n for n in result.not_obligated if (n.state, n.treaty, n.event) == (state, treaty, event)]
        assert found.decisive == step
        assert reasons(found, "fr")[0].endswith(french)


def _in_force(clause: ClauseExplanation) -> bool:
    """The clause as worded on the day: a dated version of it that applies (or a clause without versions)."""
    return all(step.holds for step in clause.trigger if step.test is trace.Test.version)


def test_filters_pick_one_decision(rules: pact.Rulebook, engine: pact.Engine) -> None:
    loaded = pact.load_scenario(SCENARIOS / "ecowas-force-enters-niger-2023.yaml", rules)
    everyone = explain(engine, loaded)
    assert len({(e.state, e.treaty) for e in everyone}) == len(everyone) > 30
    assert [(e.state, e.treaty) for e in explain(engine, loaded, state="MLI", treaty="aes")] == [("MLI", "aes")]
    assert {e.treaty for e in explain(engine, loaded, state="BFA")} == {
        "aes",
        "aes-confederation",
        "ecowas",
        "ecowas-nap",
        "g5-sahel",
    }


def test_a_treaty_asked_for_is_explained_even_when_the_events_do_not_concern_it(
    rules: pact.Rulebook, engine: pact.Engine
) -> None:
    loaded = pact.load_scenario(SCENARIOS / "aes-niger-attacked.yaml", rules)
    [item] = explain(engine, loaded, state="FRA", treaty="nato")
    assert not item.obligated and item.decisive is not None
    assert phrase(item.decisive) == "the victim NER is not a party of nato"


@pytest.mark.parametrize(("option", "value", "expected"), [("treaty", "nto", "nato"), ("event", "e11", "e1")])
def test_unknown_ids_are_bad_input(
    rules: pact.Rulebook, engine: pact.Engine, option: str, value: str, expected: str
) -> None:
    loaded = pact.load_scenario(SCENARIOS / "aes-niger-attacked.yaml", rules)
    with pytest.raises(pact.InputError) as error:
        explain(engine, loaded, **{option: value})
    assert error.value.field == f"--{option}" and error.value.suggestion == expected


def refused_past_the_cap(capsys: pytest.CaptureFixture[str], argv: list[str], cap: int) -> None:
    assert main([*argv, "--backend", "reference"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(f"{argv[-1]}: scenario '"), err  # its file named, not <input>
    assert f"pact shows at most {cap} at once" in err, err
    assert "narrow it with --state, --treaty or --event" in err


def test_an_explanation_past_the_cap_is_refused_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """F1: ``pact explain`` on a legal scenario at the documented limits (100 events of 16 attackers)
    printed nothing in 300 s and reached 745 MB (it asked for 44,228 clause trees); now it refuses
    before making any, saying how to narrow it, and a narrowed question is answered."""
    day = "2023-10-01"
    states = sorted(s for s in registry() if is_state_on(s, date.fromisoformat(day)))
    events = [
        {"id": f"e{i}", "type": "armed_attack", "target": states[i], "by": states[i + 1 : i + 17]} for i in range(100)
    ]
    scenario = tmp_path / "limits.yaml"
    scenario.write_text(yaml.safe_dump({"scenario": "limits", "date": day, "events": events}))
    refused_past_the_cap(capsys, ["explain", str(scenario)], MAX_CLAUSES)
    belgium = f"e{states.index('BEL')}"  # an attack on Belgium by the 16 states after it
    assert main(["explain", str(scenario), "--event", belgium, "--state", "CAN", "--backend", "reference"]) == 0
    assert capsys.readouterr().out.startswith(f"Canada under NATO, event {belgium} (Belgium attacked): obligated\n")


def test_a_report_past_the_cap_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An HTML report shows explanations: it keeps to the same cap (lowered here, to spare evaluating a large file)."""
    monkeypatch.setattr("pact.cli.run.MAX_CLAUSES", 5)
    refused_past_the_cap(capsys, ["run", "-f", "html", str(SCENARIOS / "nato-article4-poland-2014.yaml")], 5)


def test_every_bundled_scenario_is_explained_within_the_cap(answers: dict[str, Answer]) -> None:
    largest = max(sum(len(e.clauses) for e in a.explanations) for a in answers.values())
    assert 0 < largest <= MAX_CLAUSES / 2  # room to spare: 2,456 clause trees at most
