"""Named readings of contested points: declared in a treaty file, chosen per command or scenario,
and compared side by side in every full result."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

import pact
from pact.cli import main
from pact.core.errors import InputError, RuleError, ScenarioError
from pact.evaluation import readings
from pact.evaluation.explanation import explain
from pact.load.loader import load_rules, load_scenario, scenario_from_dict
from pact.testing import scenarios

from .conftest import SCENARIOS

COLOMBIA_2020 = SCENARIOS / "rio-venezuela-readings-2020.yaml"
RIO_POINT = "venezuela-2019-return"


def _venezuela(rules: pact.Rulebook) -> list[tuple[object, object]]:
    return [(p.joined, p.left) for p in rules.treaty("rio").parties if p.state == "VEN"]


def test_a_reading_replaces_the_treaty_as_it_has_it(rules: pact.Rulebook) -> None:
    assert _venezuela(rules) == [(date(1947, 9, 2), date(2015, 7, 14))]
    returned = rules.read_as(["venezuela-returned"])
    assert _venezuela(returned) == [(date(1947, 9, 2), date(2015, 7, 14)), (date(2019, 9, 11), None)]
    assert returned.chosen == ("venezuela-returned",)
    assert returned.read_as(["venezuela-not-returned"]).treaty("rio") == rules.treaty("rio")
    assert rules.read_as([]) is rules


def test_the_origins_follow_the_reading(rules: pact.Rulebook) -> None:
    """An explanation cites FILE:LINE: under a reading, the lines of the file as that reading has it."""
    returned = rules.read_as(["venezuela-returned"])
    second = next(i for i, p in enumerate(returned.treaty("rio").parties) if p.state == "VEN" and p.left is None)
    line = int(returned.origin("rio").at(("parties", second, "joined")).rsplit(":", 1)[1])
    text = (Path(pact.__file__).resolve().parents[1] / "rules" / "rio.yaml").read_text().splitlines()
    assert text[line - 1].strip() == "joined: 2019-09-11"


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (["venezuela-return"], "no contested point has a reading 'venezuela-return'"),
        (["venezuela-returned", "venezuela-not-returned"], r"are two readings of one point \(venezuela-2019-return\)"),
    ],
)
def test_a_bad_choice_of_readings_is_one_error(rules: pact.Rulebook, names: list[str], message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        rules.read_as(names)
    assert caught.value.field == "reading"


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_a_result_shows_the_other_reading_with_its_source(rules: pact.Rulebook, backend: str) -> None:
    if backend == "durable":
        pytest.importorskip("durable", reason="durable-rules does not import on this Python")
    engine = pact.Engine(rules, backend=backend)
    result = engine.evaluate(pact.load_scenario(COLOMBIA_2020, rules))
    (difference,) = result.readings
    assert (difference.point, difference.followed.id, difference.other.id) == (
        RIO_POINT,
        "venezuela-not-returned",
        "venezuela-returned",
    )
    assert "CP/RES. 1137" in difference.other.source.citation
    assert {(o.state, o.clause) for o in difference.only_other} == {
        ("VEN", "art-3-1-reciprocal-assistance"),
        ("VEN", "art-6-consultation"),
    }
    assert difference.only_followed == () and result.read_as == ()
    assert not any(o.state == "VEN" for o in result.obligations)


def test_a_chosen_reading_is_followed_and_the_default_compared(rules: pact.Rulebook) -> None:
    engine = pact.Engine(rules.read_as(["venezuela-returned"]), backend="reference")
    result = engine.evaluate(pact.load_scenario(COLOMBIA_2020, rules))
    assert result.read_as == ("venezuela-returned",)
    assert {o.clause for o in result.obligations if o.state == "VEN"} == {
        "art-3-1-reciprocal-assistance",
        "art-6-consultation",
    }
    (difference,) = result.readings
    assert difference.followed.id == "venezuela-returned" and len(difference.only_followed) == 2
    assert all(not o.trace for o in difference.only_followed)  # the duties are named, their traces are above


def test_json_names_readings_only_where_they_change_the_answer(rules: pact.Rulebook) -> None:
    engine = pact.Engine(rules, backend="reference")
    with_point = json.loads(pact.to_json(engine.evaluate(pact.load_scenario(COLOMBIA_2020, rules))))
    assert with_point["readings"][0]["other"]["id"] == "venezuela-returned" and "read_as" not in with_point
    untouched = json.loads(pact.to_json(engine.evaluate(pact.load_scenario(SCENARIOS / "aes-niger-attacked.yaml"))))
    assert "readings" not in untouched and "read_as" not in untouched


def test_a_scenario_may_follow_a_reading_and_names_a_wrong_one(rules: pact.Rulebook) -> None:
    data = {
        "scenario": "s",
        "date": "2020-06-01",
        "readings": ["venezuela-returnd"],
        "events": [{"type": "armed_attack", "target": "COL", "by": ["RUS"]}],
    }
    with pytest.raises(ScenarioError) as caught:
        pact.Engine(rules, backend="reference").evaluate(scenario_from_dict(data, rules))
    assert caught.value.field == "readings[0]" and caught.value.suggestion == "venezuela-returned"


def test_explain_says_which_reading_binds_the_state(rules: pact.Rulebook) -> None:
    engine = pact.Engine(rules, backend="reference")
    (item,) = explain(engine, pact.load_scenario(COLOMBIA_2020, rules), state="VEN", treaty="rio")
    (difference,) = item.readings
    assert difference.other.id == "venezuela-returned" and len(difference.only_other) == 2


def test_the_cli_follows_a_reading_and_refuses_an_unknown_one(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["run", "--backend", "reference", "-f", "json", str(COLOMBIA_2020)]
    assert main([*argv, "--reading", "venezuela-returned"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["read_as"] == ["venezuela-returned"]
    assert any(o["state"] == "VEN" for o in out["obligations"])
    assert main([*argv, "--reading", "venezuela"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "reading: no contested point has a reading 'venezuela'" in err[0]


def test_pact_readings_lists_every_point_with_the_reading_followed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["readings", "--reading", "albania-bound-until-1975"]) == 0
    out = capsys.readouterr().out
    assert "● albania-bound-until-1975 — followed here" in out and "○ albania-out-1968" in out
    assert "● venezuela-not-returned" in out and "manila-treaty-after-1977" in out


# --- the rule file ------------------------------------------------------------------------------

TREATY = """\
treaty: pact-test
title: A test treaty
signed: 2000-01-01
in_force: 2000-01-01
source: {{citation: A test source}}
parties:
  - {{state: FRA, joined: 2000-01-01}}
  - state: DEU
    joined: 2000-01-01
    left: {left}
  - {{state: ITA, joined: 2010-01-01, reading: {item}}}
clauses: []
contested:
  - id: the-point
    question: Which one?
    default: {default}
    readings:
      - {{id: one, says: The first reading., source: {{citation: Its source}}}}
      - {{id: two, says: The second reading., source: {{citation: Its source}}}}
"""


def _treaty(tmp_path: Path, **given: str) -> Path:
    values = {"left": "{by_reading: {one: 2005-01-01, two: null}}", "item": "two", "default": "one", **given}
    (tmp_path / "t.yaml").write_text(TREATY.format(**values))
    return tmp_path


def test_a_file_is_read_as_each_combination(tmp_path: Path) -> None:
    rules = load_rules(_treaty(tmp_path), bundled=False)
    one = rules.treaty("pact-test")
    two = rules.read_as(["two"]).treaty("pact-test")
    assert [(p.state, p.left) for p in one.parties] == [("FRA", None), ("DEU", date(2005, 1, 1))]
    assert [(p.state, p.left) for p in two.parties] == [("FRA", None), ("DEU", None), ("ITA", None)]


@pytest.mark.parametrize(
    ("given", "line", "field", "message"),
    [
        ({"left": "{by_reading: {one: 2005-01-01}}"}, 10, "parties[1].left.by_reading", "every reading of the-point"),
        ({"left": "{by_reading: {one: 2005-01-01, three: null}}"}, 10, "parties[1].left.by_reading.three", "'three'"),
        ({"item": "tow"}, 11, "parties[2].reading", "no contested point has a reading 'tow'"),
        ({"default": "uno"}, 16, "contested[0].default", "the default 'uno' is not one of"),
        ({"left": "{by_reading: {one: 2005-13-01, two: null}}"}, 10, "parties[1].left", "2005-13-01"),
    ],
)
def test_a_mistake_in_readings_names_its_line(tmp_path: Path, given: dict, line: int, field: str, message: str) -> None:
    with pytest.raises(RuleError) as caught:
        load_rules(_treaty(tmp_path, **given), bundled=False)
    error = caught.value
    assert (error.line, error.field) == (line, field), error.render()
    assert message in error.render()


def test_a_layer_replacing_the_treaty_takes_its_readings_with_it(tmp_path: Path) -> None:
    below, above = tmp_path / "below", tmp_path / "above"
    below.mkdir()
    above.mkdir()
    _treaty(below)
    plain = TREATY.format(left="null", item="two", default="one")
    (above / "t.yaml").write_text(plain[: plain.index("  - {state: ITA")] + "clauses: []\n")
    assert load_rules(below, bundled=False).read_as(["two"]).chosen == ("two",)
    layered = load_rules(below, above, bundled=False)
    assert layered.contested() == {} and layered.variants == ()
    with pytest.raises(InputError, match="no contested point has a reading 'two'"):
        layered.read_as(["two"])


def test_the_static_checks_run_under_every_reading(tmp_path: Path) -> None:
    """Two memberships of one state that overlap only under the second reading are still found."""
    overlapping = TREATY.replace("{{state: ITA, joined: 2010-01-01", "{{state: DEU, joined: 2003-01-01")
    (tmp_path / "t.yaml").write_text(overlapping.format(left="2005-01-01", item="two", default="one"))
    with pytest.raises(RuleError, match="PACT102 memberships of one state overlap: DEU") as caught:
        load_rules(tmp_path, bundled=False)
    assert caught.value.line == 11


def test_a_reading_that_changes_only_the_reason_is_shown(rules: pact.Rulebook) -> None:
    """An attack on Venezuela in 2020: it owes nothing under either reading, but not for one reason."""
    data = {"scenario": "s", "date": "2020-06-01", "events": [{"type": "armed_attack", "target": "VEN", "by": ["COL"]}]}
    result = pact.Engine(rules, backend="reference").evaluate(scenario_from_dict(data, rules))
    (difference,) = result.readings
    (change,) = [c for c in difference.reasons if c.state == "VEN"]
    assert (change.followed.test, change.other.test) == ("party_on_day", "not_victim")
    assert [(o.state, o.clause) for o in difference.only_other] == [("COL", "art-1-refrain-from-force")]


def _compared_on_the_whole_rules(engine: pact.Engine, scenario: pact.Scenario) -> tuple:
    """The oracle: ``compare`` as it was first written, each other reading evaluated on the whole rules
    and every treaty's answers compared."""
    result = engine.evaluate_as_read(scenario, full=True)
    rules = engine.assumed(scenario.readings, ())
    everything = frozenset(t.treaty for t in rules.treaties)
    concerned = {d.treaty for d in (*result.obligations, *result.not_obligated, *result.undetermined)}
    touched = concerned | {name for t in rules.treaties if t.treaty in concerned for name in readings._instruments(t)}
    found = []
    for treaty, point in rules.contested().values():
        if treaty.treaty not in touched:
            continue
        in_force = rules.reading_in_force(point)
        for other in (r for r in point.readings if r.id != in_force):
            theirs = engine.evaluate_as_read(readings._as(scenario, point, other), full=True)
            full = treaty.treaty in concerned
            pair = (result, theirs)
            difference = readings._difference(treaty, point, point.reading(in_force), other, pair, everything, full)
            if difference.only_followed or difference.only_other or difference.reasons:
                found.append(difference)
    return tuple(found)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_reading_is_compared_on_the_treaties_it_can_move_and_finds_what_the_whole_rules_find(
    rules: pact.Rulebook, data: st.DataObject
) -> None:
    """GIVEN a generated scenario on the bundled rules, each contested point read as drawn, WHEN its full
    result compares the other readings (on the rules narrowed to the treaties each can move) THEN it
    finds exactly what evaluating the whole rules under each other reading finds."""
    scenario = data.draw(scenarios(rules, readings=True))
    engine = _ENGINES.setdefault("reference", pact.Engine(rules, backend="reference"))
    try:
        result = engine.evaluate(scenario, full=True)
    except ScenarioError:
        reject()
    assert result.readings == _compared_on_the_whole_rules(engine, scenario)


def test_every_bundled_scenario_compares_readings_as_the_whole_rules_do(rules: pact.Rulebook) -> None:
    """The bundled scenarios include members suspended from ECOWAS, where a reading of one instrument
    (ecowas-community) moves the answers of another (the ECOWAS protocol reads its members)."""
    engine = _ENGINES.setdefault("reference", pact.Engine(rules, backend="reference"))
    compared = 0
    for file in sorted(SCENARIOS.glob("*.yaml")):
        scenario = load_scenario(file, rules)
        result = engine.evaluate(scenario, full=True)
        assert result.readings == _compared_on_the_whole_rules(engine, scenario), file.name
        compared += bool(result.readings)
    assert compared >= 20  # the comparison was not vacuous


_ENGINES: dict[str, pact.Engine] = {}
