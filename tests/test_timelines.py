"""``pact timeline`` and ``pact treaties``: periods from the rules' change days, a table, JSON and a picture."""

from __future__ import annotations

import json
import re
import shutil
import struct
from datetime import date
from pathlib import Path

import pytest

import pact
from pact.analysis.baseline import bystander, states_on
from pact.cli import main
from pact.model.lexicon import RuleWords
from pact.render.reader import Reader
from pact.render.timeline import size, svg

WINDOW = (date(2015, 1, 1), date(2026, 1, 1))


@pytest.fixture(scope="module")
def niger(engine: pact.Engine) -> pact.Timeline:
    return pact.timeline(engine, "NER", *WINDOW)


def spans(t: pact.Timeline, treaty: str, bearer: str, toward: str) -> list[tuple[date, date]]:
    return [(s.start, s.until) for s in t.spans if (s.treaty, s.bearer, s.toward) == (treaty, bearer, toward)]


def test_niger_ecowas_ends_with_the_2025_exit(niger: pact.Timeline) -> None:
    # Niger owed its ECOWAS partners assistance until it left, and they owed it theirs: suspended from
    # the Community's bodies on 10 December 2023, it stayed a Member State the protocol protects
    assert spans(niger, "ecowas", "NER", "NGA") == [(WINDOW[0], date(2025, 1, 29))]
    assert spans(niger, "ecowas", "NGA", "NER") == [(WINDOW[0], date(2025, 1, 29))]


def test_niger_g5_sahel_ends_with_its_withdrawal_before_the_dissolution(
    niger: pact.Timeline, engine: pact.Engine
) -> None:
    assert spans(niger, "g5-sahel", "TCD", "NER") == [(WINDOW[0], date(2023, 11, 29))]
    chad = pact.timeline(engine, "TCD", *WINDOW, events=[pact.EventType.terrorist_attack])
    assert spans(chad, "g5-sahel", "MRT", "TCD") == [(WINDOW[0], date(2023, 12, 6))]  # the dissolution


def test_niger_aes_from_september_2023(niger: pact.Timeline) -> None:
    for other in ("MLI", "BFA"):
        assert spans(niger, "aes", other, "NER") == [(date(2023, 9, 16), WINDOW[1])]
        assert spans(niger, "aes", "NER", other) == [(date(2023, 9, 16), WINDOW[1])]
    aes = next(s for s in niger.spans if (s.treaty, s.bearer) == ("aes", "MLI"))
    assert aes.articles == ("Article 4", "Article 5", "Article 6")


def test_periods_are_the_rules_change_days_and_nothing_else(niger: pact.Timeline, engine: pact.Engine) -> None:
    """GIVEN Niger's treaties (the AES Charter and Confederation, both ECOWAS protocols and the
    Community whose members the 1981 protocol protects, G5 Sahel) THEN the periods are cut exactly at
    the days their rules change, and never elsewhere."""
    cuts = [p.start.toordinal() for p in niger.periods[1:]]
    concerned = {"aes", "aes-confederation", "ecowas", "ecowas-community", "ecowas-nap", "g5-sahel"}
    assert {t.treaty for t in engine.rulebook.treaties if "NER" in {p.state for p in t.parties}} == concerned
    theirs = pact.Engine(
        engine.rulebook.model_copy(update={"treaties": [t for t in engine.rulebook.treaties if t.treaty in concerned]})
    ).plan.change_days
    assert cuts == [d for d in theirs if WINDOW[0].toordinal() < d < WINDOW[1].toordinal()]
    assert set(cuts) <= set(engine.plan.change_days)
    assert date(2025, 1, 29).toordinal() in cuts and date(2024, 3, 7).toordinal() not in cuts  # not Sweden's NATO day
    assert niger.periods[0].start == WINDOW[0] and niger.periods[-1].until == WINDOW[1]
    assert all(a.until == b.start for a, b in zip(niger.periods, niger.periods[1:], strict=False))
    for span in niger.spans:  # every span starts and ends on a period boundary
        assert span.start in {p.start for p in niger.periods} and span.until in {p.until for p in niger.periods}


def test_the_default_attacker_is_party_to_no_treaty(niger: pact.Timeline, engine: pact.Engine) -> None:
    """Without ``by``, each question's attacker is the bystander of its day (pact.analysis.baseline):
    a state that day, party that day to no treaty."""
    assert niger.attacker is None
    for period in niger.periods:
        states = states_on(engine, period.start)
        found = bystander(engine.plan, "NER", period.start, states)
        assert found in states
        assert not [t for t in engine.plan.treaties if engine.plan.standing(t, found, period.start.toordinal())]


def test_a_named_attacker_and_one_event_type(engine: pact.Engine) -> None:
    """GIVEN Benin attacks, armed attacks only THEN Benin owes Niger non-aggression (1978) while both are parties."""
    t = pact.timeline(engine, "NER", *WINDOW, events=[pact.EventType.armed_attack], by="BEN")
    assert spans(t, "ecowas-nap", "BEN", "NER") == [(WINDOW[0], date(2025, 1, 29))]
    assert not [s for s in t.spans if s.treaty == "g5-sahel"]  # it answers terrorist attacks only


def test_the_picture(niger: pact.Timeline, engine: pact.Engine) -> None:
    document = svg(niger, Reader("en", RuleWords.of(engine.rulebook), names=True))
    width, height = size(document)
    rows = len({s.bearer for s in niger.owed_to_state()}) + len({s.toward for s in niger.owed_by_state()})
    assert width == 1100 and height > rows * 20
    assert ">AES Article 4, Article 5, Article 6</text>" in document
    assert ">ECOWAS Article 4(b), Articles 2 and 3</text>" in document
    assert ">Burkina Faso</text>" in document and ">Côte d’Ivoire</text>" in document
    # the kind of duty: defence solid, consultation (G5 Sahel) light
    assert 'class="bar strong"' in document and 'class="bar light"' in document
    assert re.search(r'class="bar light"[^>]*data-treaty="g5-sahel"', document)
    french = svg(niger, Reader("fr", RuleWords.of(engine.rulebook), names=True))
    assert ">CEDEAO Article 4 b), Articles 2 et 3</text>" in french and "1er janvier 2015" in french


@pytest.mark.skipif(shutil.which("chromium") is None, reason="PNG is drawn by Chromium, not installed here")
def test_cli_draws_a_png_of_the_declared_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ner.png"
    argv = [
        "timeline",
        "NER",
        "--from",
        "2015-01-01",
        "--to",
        "2026-01-01",
        "--backend",
        "reference",
        "--out",
        str(out),
    ]
    assert main(argv) == 0, capsys.readouterr().err
    header = out.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == size(
        svg(
            pact.timeline(pact.Engine(pact.load_rules(), "reference"), "NER", *WINDOW),
            Reader("en", RuleWords.of(pact.load_rules()), names=True),
        )
    )


def test_cli_table_json_and_svg(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["timeline", "NER", "--from", "2015-01-01", "--to", "2026-01-01", "--backend", "reference"]
    out = tmp_path / "ner.svg"
    assert main([*argv, "--out", str(out)]) == 0
    text = capsys.readouterr().out
    # Niger owes the 1981 ECOWAS protocol's defence to Cabo Verde and Mali too: Community members, not parties
    assert "Owed to Niger (18):" in text and "Niger owes (20):" in text
    assert re.search(r"Mali +ECOWAS +Article 4\(b\); Articles 2 and 3 .* 1 January 2015 +29 January 2025", text)
    assert re.search(r"Mali +AES +Article 4; Article 5; Article 6 .* 16 September 2023 +1 January 2026 \(end\)", text)
    assert out.read_text().startswith("<svg")
    assert main([*argv, "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (
        data["state"] == "NER"
        and data["attacker"] is None
        and len(data["periods"])
        == len(pact.timeline(pact.Engine(pact.load_rules(), "reference"), "NER", *WINDOW).periods)
    )


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["timeline", "NE"], "'NE'"),
        (["timeline", "NER", "--from", "2020-13-01"], "is not a date"),
        (
            ["timeline", "NER", "--from", "2020-01-01", "--to", "2019-01-01"],
            "the window ends (2019-01-01) before it starts",
        ),
        (["timeline", "NER", "--by", "NER"], "NER cannot attack itself"),
        (["timeline", "GUM", "--from", "2020-01-01"], "<input>: state: GUM is a territory of USA: name USA"),
        (["timeline", "NER", "--out", "x.gif", "--from", "2024-01-01"], "use .svg or .png"),
    ],
)
def test_cli_bad_timeline_input(argv: list[str], words: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--backend", "reference"]) == 2
    assert words in capsys.readouterr().err


def test_treaties_in_force(rules: pact.Rulebook) -> None:
    found = pact.treaties_in_force(rules, date(2024, 1, 1))
    names = [t.treaty for t in found]
    assert "g5-sahel" not in names and "aes" in names and "ecowas" in names
    ecowas = next(t for t in found if t.treaty == "ecowas")
    niger = next(p for p in ecowas.parties if p.state == "NER")
    assert (niger.status, niger.since, niger.bears_duties, niger.protected) == (
        "suspended",
        date(2023, 12, 10),
        True,
        True,
    )
    # aes-confederation applies from its signature: its entry into force is a named condition (rules notes)
    assert [t.treaty for t in pact.treaties_in_force(rules, date(2025, 3, 1), "NER")] == ["aes", "aes-confederation"]


def test_cli_treaties(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaties", "--date", "2023-11-01", "--state", "NER"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Treaties in force on 1 November 2023 (5):")  # the ECOWAS Community's membership
    assert "G5 Sahel" in out and "Mali," not in out.split("G5 Sahel:")[1].split("\n\n")[0]  # Mali had left
    assert main(["treaties", "--date", "2023-11-01", "--state", "NER", "--lang", "fr"]) == 0
    french = capsys.readouterr().out
    assert french.startswith("Traités en vigueur le 1er novembre 2023 (5) :") and "CEDEAO" in french
    assert main(["treaties", "--date", "2024-06-01", "-f", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["date"] == "2024-06-01" and "nato" in [t["treaty"] for t in data["treaties"]]


def test_a_state_party_to_no_treaty_has_an_empty_timeline(engine: pact.Engine) -> None:
    t = pact.timeline(engine, "CHE", date(2000, 1, 1), date(2001, 1, 1))
    assert t.spans == () and [(p.start, p.until) for p in t.periods] == [(date(2000, 1, 1), date(2001, 1, 1))]
    assert svg(t, Reader("en", names=True)).count("nothing in this window") == 2


def test_the_bystander_of_rules_given_alone_is_a_state(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``pact timeline NER --rules DIR --no-bundled`` took Aruba (ABW), first in the alphabet, as the
    attacker once AFG and AGO were parties, and failed "ABW is not a state"; the analyses' one baseline
    (pact.analysis.baseline.bystander) picks a state of the day."""
    (tmp_path / "first.yaml").write_text(
        "treaty: first-in-the-alphabet\ntitle: A pact whose parties come first\nsigned: 2000-01-01\n"
        "in_force: 2000-01-01\nsource: {citation: made up for this test}\nparties:\n"
        + "".join(f"  - {{state: {s}, joined: 2000-01-01}}\n" for s in ("AFG", "AGO", "NER"))
        + "clauses:\n  - id: defence\n    article: Article 1\n    text: an attack on one is an attack on all\n"
        "    trigger: {events: [armed_attack], victim: party, attacker: non_party}\n"
        "    obligation: {kind: defense, means: armed_force}\n"
    )
    argv = ["timeline", "NER", "--rules", str(tmp_path), "--no-bundled", "--backend", "reference", "-f", "json"]
    assert main(argv) == 0, capsys.readouterr().err
    found = json.loads(capsys.readouterr().out)
    owed = {(s["bearer"], s["treaty"]) for s in found["spans"] if s["toward"] == "NER"}
    assert owed == {("AFG", "first-in-the-alphabet"), ("AGO", "first-in-the-alphabet")}
    assert found["start"] == "2000-01-01"
