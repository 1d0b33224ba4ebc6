"""What a reader (a journalist in Niamey, an analyst after 11 September) was misled by (issue 20): a typo
that looked like an answer, a diff that lost and gained the same duty, parties of other eras listed
as "not obligated", a suspended party "in good standing", "1 parties", a spelling-only "did you mean"."""

from __future__ import annotations

import json
from datetime import date

import pytest

import pact
from pact.analysis.differences import diff, matched_events
from pact.cli import main
from pact.evaluation.answers import Answer
from pact.render import Options, render

from .conftest import SCENARIOS

AES_2023 = str(SCENARIOS / "aes-niger-attacked.yaml")
AES_2025 = str(SCENARIOS / "aes-niger-attacked-2025.yaml")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--backend", "reference"])
    out, err = capsys.readouterr()
    return code, out, err


# --- 1. the timeline's default window starts when the state first existed ----------------------


def test_a_timeline_without_from_starts_when_the_state_first_existed(engine: pact.Engine) -> None:
    """Niger became a state on 3 August 1960; the rules start in 1815: the default window starts in 1960,
    and no question is asked about a day when Niger was not a state."""
    found = pact.timeline(engine, "NER", end=date(1962, 1, 1))
    assert found.start == date(1960, 8, 3)


# --- 2. an unknown --state or --treaty is bad input, not an empty answer -----------------------


@pytest.mark.parametrize(
    ("command", "option", "words"),
    [
        ("run", ["--state", "SNE"], "--state: unknown ISO 3166-1 alpha-3 code 'SNE' (did you mean 'SEN'?)"),
        ("run", ["--treaty", "aess"], "--treaty: no treaty 'aess' in the rules (did you mean 'aes'?)"),
        ("explain", ["--state", "SNE"], "--state: unknown ISO 3166-1 alpha-3 code 'SNE' (did you mean 'SEN'?)"),
    ],
)
def test_an_unknown_filter_is_bad_input(
    capsys: pytest.CaptureFixture[str], command: str, option: list[str], words: str
) -> None:
    code, out, err = run(capsys, command, AES_2023, *option)
    assert (code, out) == (2, "")
    assert words in err


def test_an_unknown_filter_is_told_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "run", AES_2023, "--treaty", "aess", "--lang", "fr")
    assert code == 2 and "aucun traité 'aess'" in err and "(vouliez-vous dire 'aes' ?)" in err


# --- 3. diff matches events by what happened, not by their ids ---------------------------------


def test_diff_matches_the_same_event_under_another_id(engine: pact.Engine, rules: pact.Rulebook) -> None:
    """Both files attack Niger by Nigeria (ids e1 and attack): the AES duties are kept, not lost and gained."""
    a, b = (pact.load_scenario(f, rules) for f in (AES_2023, AES_2025))
    found = diff(engine.evaluate(a, full=False), engine.evaluate(b, full=False), events=matched_events(a, b))
    kept = {(d.state, d.treaty, d.toward) for d in found.kept}
    assert {("BFA", "aes", "NER"), ("MLI", "aes", "NER")} <= kept
    assert not {(d.state, d.treaty) for d in found.gained} & {("BFA", "aes"), ("MLI", "aes")}
    assert ("NGA", "ecowas-nap") in {(d.state, d.treaty) for d in found.lost}  # Niger left ECOWAS in 2025


def test_events_that_differ_are_not_matched(rules: pact.Rulebook) -> None:
    a = pact.load_scenario(AES_2023, rules)
    b = a.model_copy(update={"events": (a.events[0].model_copy(update={"id": "x", "by": ("BEN",)}),)})
    assert matched_events(a, b) == {}
    assert matched_events(a, a) == {"e1": "e1"}


def test_cli_diff_keeps_the_aes_duties(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", AES_2023, AES_2025, "--format", "json")
    data = json.loads(out)
    assert code == 0 and len(data["kept"]) == 2 and not data["gained"]


# --- 4. "not obligated" lists the parties of the day -------------------------------------------


def test_not_obligated_lists_only_the_parties_of_the_day(answers: dict[str, Answer]) -> None:
    """The Falklands, 2 April 1982: the EU did not exist; Finland joined NATO in 2023. Neither is listed;
    they are counted in one line. The JSON still lists every non-obligation."""
    falklands = answers["nato-falklands-1982"]
    table = render("table", [falklands], Options(width=200))
    assert "(28)" not in table and "Finland" not in table and "Finlande" not in table
    assert "and 47 parties of other days" in table  # 45 NATO and EU, Bahamas (Rio), Pakistan (SEATO)
    assert "Pakistan" not in table  # left SEATO in 1973
    data = json.loads(render("json", [falklands]))
    assert len(data["not_obligated"]) == len(falklands.result.not_obligated) == 91
    everyone = render("table", [falklands], Options(width=200, every_party=True))
    assert "Finland" in everyone and "parties of other days" not in everyone


def test_run_all_lists_every_party(capsys: pytest.CaptureFixture[str]) -> None:
    falklands = str(SCENARIOS / "nato-falklands-1982.yaml")
    _, some, _ = run(capsys, "run", falklands)
    _, every, _ = run(capsys, "run", falklands, "--all")
    assert "parties of other days" in some and "Finland" not in some
    assert "Finland" in every


# --- 5. a suspended party is not "in good standing" --------------------------------------------


def test_a_suspended_bearer_is_said_to_be_suspended(answers: dict[str, Answer]) -> None:
    [burkina] = [
        o for o in answers["aes-niger-attacked"].result.obligations if (o.state, o.treaty) == ("BFA", "ecowas")
    ]
    english = pact.to_dict(answers["aes-niger-attacked"].result)
    [because] = [o["because"] for o in english["obligations"] if (o["state"], o["treaty"]) == ("BFA", "ecowas")]
    said = [s for s in because if s.startswith("BFA was")]
    assert said == ["BFA was suspended in ecowas on 2023-10-01 (since 2022-01-28), and still bound by its duties"]
    assert burkina.kind.value == "consultation"


# --- 6. plurals, the graph's legend, --help ----------------------------------------------------


def test_one_party_is_one_party(answers: dict[str, Answer]) -> None:
    answer = answers["aes-niger-attacked"]
    one = answer.result.model_copy(update={"not_obligated": answer.result.not_obligated[:1]})
    single = Answer(answer.scenario, one)
    assert "Not obligated (1 party)" in render("table", [single], Options(width=120))
    assert "Sans obligation (1 partie)" in render("table", [single], Options(language="fr", width=120))


def test_the_graph_legend_explains_every_line_style(answers: dict[str, Answer]) -> None:
    page = render("html", [answers["aes-niger-attacked"]])
    for style in ("defense", "consultation", "non_aggression", "attack", "bound"):
        assert f'class="legend-line {style}"' in page, style


@pytest.mark.parametrize("command", ["run", "explain", "timeline", "diff", "treaties", "dyads", "sweep"])
def test_help_shows_no_python_types(capsys: pytest.CaptureFixture[str], command: str, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert main([command, "--help"]) == 0
    shown = capsys.readouterr().out
    assert shown.strip()
    for python in ("<bool>", "<str>", "<list[", "<path>", "{state}", "{file}", "{files}", "<int range>"):
        assert python not in shown, python


# --- 7. "did you mean" knows the codes people use ----------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("NIG", "NER"), ("NGR", "NGA"), ("BUR", "MMR"), ("SUI", "CHE"), ("GER", "DEU"), ("ENG", "GBR"), ("ROM", "ROU")],
)
def test_did_you_mean_knows_sports_and_former_codes(typed: str, meant: str) -> None:
    from pact.core.codes import alpha3_hint

    assert alpha3_hint(typed) == meant


def test_a_point_at_sea_is_named_by_its_coordinates(answers: dict[str, Answer]) -> None:
    """Issue 23: a point in no named place was worded "location None (None)" in the JSON's reasons."""
    text = render("json", [answers["anzus-vessel-pacific-point-2000"]])
    assert "None (None)" not in text
    assert "location 12.0, 114.0 is outside the clause's area" in text
    assert all("None (None)" not in render("json", [a]) for a in answers.values())
