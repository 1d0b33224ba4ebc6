"""How well a treaty's text is known (``certainty:``): said in every answer under a treaty whose text
is not published, and absent from answers under published texts."""

from __future__ import annotations

import json

import pytest

import pact
from pact.cli import main
from pact.model import TextCertainty

from .conftest import SCENARIOS

SAUDI = SCENARIOS / "saudi-pakistan-attack-on-forces-2025.yaml"
KOREA = SCENARIOS / "us-korea-yeonpyeong-and-cheonan-2010.yaml"


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main([*argv, "--backend", "reference"] if argv[0] == "run" else list(argv)) == 0
    return capsys.readouterr().out


def test_the_bundled_treaties_say_how_their_text_is_known(rules: pact.Rulebook) -> None:
    certainty = {t.treaty: t.certainty for t in rules.treaties}
    assert certainty["saudi-pakistan"] is TextCertainty.press_report
    assert certainty["sadc"] is certainty["russia-belarus"] is TextCertainty.official_summary
    assert certainty["us-korea"] is certainty["nato"] is TextCertainty.published
    assert not [t.treaty for t in rules.treaties if t.notes and "Text certainty:" in t.notes]


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_duties_carry_the_certainty_of_their_treaty(rules: pact.Rulebook, backend: str) -> None:
    if backend == "durable":
        pytest.importorskip("pact.backends.durable.backend", reason="durable-rules does not import on this Python")
    result = pact.Engine(rules, backend=backend).evaluate(pact.load_scenario(SAUDI))
    by_treaty = {o.treaty: o.certainty for o in result.obligations}
    assert by_treaty["saudi-pakistan"] is TextCertainty.press_report
    assert by_treaty["arab-league"] is None  # published: nothing to say


def test_json_adds_the_field_only_where_the_text_is_not_published(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(_out(capsys, "run", str(SAUDI), "-f", "json"))
    assert {o["treaty"]: o.get("certainty") for o in data["obligations"]} == {
        "saudi-pakistan": "press_report",
        "arab-league": None,
    }
    assert all("certainty" not in o for o in data["obligations"] if o["treaty"] == "arab-league")
    assert "certainty" not in _out(capsys, "run", str(KOREA), "-f", "json")
    schema = json.loads(_out(capsys, "schema", "result"))
    assert "certainty" in schema["$defs"]["Obligation"]["properties"]


def test_table_explain_and_html_say_it_in_words(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")  # no folded cells
    table = " ".join(_out(capsys, "run", str(SAUDI), "--treaty", "saudi-pakistan").split())
    assert "text unpublished: as the press reports it" in table
    explained = " ".join(_out(capsys, "explain", str(SAUDI), "--treaty", "saudi-pakistan", "--state", "SAU").split())
    heading = "Saudi Arabia under Saudi–Pakistani agreement, event punjab (Pakistan attacked): obligated"
    assert f"{heading} (text unpublished" in explained
    french = " ".join(_out(capsys, "run", str(SAUDI), "--treaty", "saudi-pakistan", "--lang", "fr").split())
    assert "texte non publié : tel que la presse le rapporte" in french
    html = _out(capsys, "run", str(SAUDI), "--treaty", "saudi-pakistan", "-f", "html")
    assert html.count("text unpublished: as the press reports it") >= 2  # the table and the explanations
    assert "text unpublished" not in _out(capsys, "run", str(KOREA))


def test_an_expectation_may_name_the_certainty(engine: pact.Engine) -> None:
    scenario = pact.load_scenario(SAUDI)
    assert pact.mismatches(scenario, engine.evaluate(scenario)) == []
    wrong = scenario.model_copy(
        update={
            "expect": scenario.expect.model_copy(
                update={
                    "obligated": tuple(
                        e.model_copy(update={"certainty": TextCertainty.published}) for e in scenario.expect.obligated
                    )
                }
            )
        }
    )
    assert len(pact.mismatches(wrong, engine.evaluate(scenario))) == 2


def test_the_treaties_in_force_say_how_their_text_is_known(capsys: pytest.CaptureFixture[str]) -> None:
    listed = _out(capsys, "treaties", "--date", "2025-10-01", "--state", "PAK")
    assert "in force since 17 September 2025; 2 parties; text unpublished: as the press reports it" in listed
    found = json.loads(_out(capsys, "treaties", "--date", "2025-10-01", "--state", "PAK", "--format", "json"))
    assert [(t["treaty"], t["certainty"]) for t in found["treaties"]] == [("saudi-pakistan", "press_report")]
    assert "text unpublished" not in _out(capsys, "treaties", "--date", "2025-10-01", "--state", "USA")
