"""``assume:``: each kind of change, applied to a copy of the rules for one scenario only.

Bad assumptions are bad-input fixtures (``fixtures/invalid/scenarios/assume_*.yaml``, in test_bad_input).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import pact
from pact.cli import main
from pact.core.states import is_state_on
from pact.model.whatif import describe

from .conftest import SCENARIOS


def scenario(day: str, events: list[dict[str, Any]], assume: list[dict[str, Any]] | None = None) -> pact.Scenario:
    return pact.Scenario.model_validate({"scenario": "t", "date": day, "events": events, "assume": assume or []})


def duties(engine: pact.Engine, s: pact.Scenario, treaty: str) -> set[tuple[str, str]]:
    return {(o.state, o.toward) for o in engine.evaluate(s, full=False).obligations if o.treaty == treaty}


def both(engine: pact.Engine, day: str, events: list[dict[str, Any]], change: dict[str, Any], treaty: str):
    """The duties under ``treaty`` without, then with, the change."""
    return duties(engine, scenario(day, events), treaty), duties(engine, scenario(day, events, [change]), treaty)


def test_joins(engine: pact.Engine) -> None:
    before, after = both(
        engine,
        "2025-03-01",
        [{"type": "armed_attack", "target": "TCD"}],
        {"treaty": "aes", "state": "TCD", "joins": "2025-01-01"},
        "aes",
    )
    assert before == set() and after == {("MLI", "TCD"), ("BFA", "TCD"), ("NER", "TCD")}


def test_joins_only_from_its_day(engine: pact.Engine) -> None:
    change = {"treaty": "aes", "state": "TCD", "joins": "2025-01-01"}
    assert duties(engine, scenario("2024-12-31", [{"type": "armed_attack", "target": "TCD"}], [change]), "aes") == set()


def test_joins_earlier_than_recorded_brings_the_accession_forward(engine: pact.Engine, rules: pact.Rulebook) -> None:
    change = {"treaty": "nato", "state": "SWE", "joins": "2023-04-04"}
    before, after = both(engine, "2023-06-01", [{"type": "armed_attack", "target": "SWE"}], change, "nato")
    assert before == set() and len(after) == 31
    assumed = pact.assume(rules, scenario("2023-06-01", [{"type": "armed_attack", "target": "SWE"}], [change]).assume)
    sweden = [p for p in assumed.treaty("nato").parties if p.state == "SWE"]
    assert [(str(p.joined), p.left) for p in sweden] == [("2023-04-04", None)]


def test_leaves(engine: pact.Engine) -> None:
    attack = [{"type": "armed_attack", "target": "BEN", "by": ["BFA"], "requested_from": ["ecowas"]}]
    before, after = both(
        engine, "2024-06-01", attack, {"treaty": "ecowas", "state": "NER", "leaves": "2024-01-01"}, "ecowas"
    )
    assert ("NER", "BEN") in before and ("NER", "BEN") not in after and ("NGA", "BEN") in after


def test_leaves_later_than_recorded(engine: pact.Engine) -> None:
    """GIVEN a recorded exit on 2025-01-29 WHEN NER is assumed to leave on 2025-07-01 THEN it is bound in June."""
    attack = [{"type": "armed_attack", "target": "BEN", "by": ["BFA"], "requested_from": ["ecowas"]}]
    before, after = both(
        engine, "2025-06-01", attack, {"treaty": "ecowas", "state": "NER", "leaves": "2025-07-01"}, "ecowas"
    )
    assert ("NER", "BEN") not in before and ("NER", "BEN") in after


def test_stays(engine: pact.Engine) -> None:
    attack = [{"type": "armed_attack", "target": "BEN", "by": ["BFA"], "requested_from": ["ecowas"]}]
    before, after = both(engine, "2025-06-01", attack, {"treaty": "ecowas", "state": "NER", "stays": "true"}, "ecowas")
    assert ("NER", "BEN") not in before and ("NER", "BEN") in after


def test_suspends_toward(engine: pact.Engine) -> None:
    attack = [{"type": "armed_attack", "target": "NOR"}]
    change = {"treaty": "nato", "state": "USA", "suspends_toward": "NOR", "from": "2020-01-01"}
    before, after = both(engine, "2021-01-01", attack, change, "nato")
    assert ("USA", "NOR") in before and ("USA", "NOR") not in after and ("CAN", "NOR") in after


def test_suspends_toward_until(engine: pact.Engine) -> None:
    change = {"treaty": "nato", "state": "USA", "suspends_toward": "NOR", "from": "2020-01-01", "until": "2021-01-01"}
    assert ("USA", "NOR") in duties(
        engine, scenario("2021-01-01", [{"type": "armed_attack", "target": "NOR"}], [change]), "nato"
    )


@pytest.mark.parametrize(
    ("lifted", "day", "bound"),
    [(None, "1990-01-01", True), ("1995-01-01", "1990-01-01", False), ("1995-01-01", "1996-01-01", True)],
)
def test_lifts_suspension_toward(engine: pact.Engine, lifted: str | None, day: str, bound: bool) -> None:
    """The US suspended its ANZUS duties toward New Zealand from 1986: lifted from the start, or from 1995."""
    change = {"treaty": "anzus", "state": "USA", "lifts_suspension_toward": "NZL"} | (
        {"from": lifted} if lifted else {}
    )
    before, after = both(engine, day, [{"type": "armed_attack", "target": "NZL"}], change, "anzus")
    assert ("USA", "NZL") not in before
    assert (("USA", "NZL") in after) is bound


def test_ends(engine: pact.Engine) -> None:
    before, after = both(
        engine,
        "2021-01-01",
        [{"type": "armed_attack", "target": "NOR"}],
        {"treaty": "nato", "ends": "2020-01-01"},
        "nato",
    )
    assert before and not after


def test_in_force(engine: pact.Engine) -> None:
    """ECOWAS's 1981 protocol applied from signature instead of September 1986."""
    attack = [{"type": "armed_attack", "target": "BEN", "by": ["CMR"], "requested_from": ["ecowas"]}]
    before, after = both(engine, "1985-01-01", attack, {"treaty": "ecowas", "in_force": "1981-05-29"}, "ecowas")
    assert not before and ("NGA", "BEN") in after


def test_clause_off(engine: pact.Engine) -> None:
    attack = [{"type": "armed_attack", "target": "NOR", "requested_from": ["nato"]}]
    change = {"treaty": "nato", "clause": "art5-territory", "off": "true"}
    s = scenario("2021-01-01", attack, [change])
    clauses = {o.clause for o in engine.evaluate(s, full=False).obligations if o.treaty == "nato"}
    assert "art5-territory" not in clauses and "art4-consultation" in clauses


def test_clause_off_keeps_the_other_clauses_cited_at_their_lines(engine: pact.Engine) -> None:
    """GIVEN art5-territory (the first clause) off THEN the explanations of art4 still cite art4's lines."""
    attack = [{"type": "armed_attack", "target": "NOR", "requested_from": ["nato"]}]
    s = scenario("2021-01-01", attack, [{"treaty": "nato", "clause": "art5-territory", "off": "true"}])
    duty = next(o for o in engine.evaluate(s).obligations if o.clause == "art4-consultation")
    event_type = next(step for step in duty.trace if step.test.value == "event_type")
    assert event_type.source is not None
    line = int(event_type.source.rsplit(":", 1)[1])
    rules = (SCENARIOS.parent / "rules" / "nato.yaml").read_text().splitlines()
    assert "events:" in rules[line - 1]
    assert "art4-consultation" in "\n".join(rules[line - 12 : line])


def test_region_adds(engine: pact.Engine) -> None:
    hawaii = [{"type": "armed_attack", "target": "USA", "location": "US-HI"}]
    before, after = both(engine, "2021-01-01", hawaii, {"region": "nato-art6-territory", "adds": "US-HI"}, "nato")
    assert ("CAN", "USA") not in before and ("CAN", "USA") in after


def test_region_removes(engine: pact.Engine) -> None:
    alaska = [{"type": "armed_attack", "target": "USA", "location": "US-AK"}]
    before, after = both(engine, "2021-01-01", alaska, {"region": "nato-art6-territory", "removes": "US-AK"}, "nato")
    assert ("CAN", "USA") in before and ("CAN", "USA") not in after


def test_changes_apply_in_order_and_leave_the_rules_alone(engine: pact.Engine, rules: pact.Rulebook) -> None:
    changes = [
        {"treaty": "aes", "state": "TCD", "joins": "2025-01-01"},
        {"treaty": "aes", "state": "TCD", "leaves": "2025-02-01"},
    ]
    s = scenario("2025-01-15", [{"type": "armed_attack", "target": "TCD"}], changes)
    assert ("MLI", "TCD") in duties(engine, s, "aes")
    assert ("MLI", "TCD") not in duties(engine, s.model_copy(update={"date": s.date.replace(month=3)}), "aes")
    changed = pact.assume(rules, s.assume)
    assert [p.state for p in changed.treaty("aes").parties] == ["MLI", "BFA", "NER", "TCD"]
    assert [p.state for p in rules.treaty("aes").parties] == ["MLI", "BFA", "NER"]
    assert engine.plan_for(()) is engine.plan


def test_one_plan_per_distinct_set_of_assumptions(engine: pact.Engine) -> None:
    one = scenario(
        "2025-03-01",
        [{"type": "armed_attack", "target": "TCD"}],
        [{"treaty": "aes", "state": "TCD", "joins": "2025-01-01"}],
    )
    two = scenario(
        "2025-04-01",
        [{"type": "armed_attack", "target": "NER"}],
        [{"treaty": "aes", "state": "TCD", "joins": "2025-01-01"}],
    )
    assert engine.plan_for(one.assume) is engine.plan_for(two.assume)
    assert engine.plan_for(one.assume) is not engine.plan


def test_the_result_records_the_assumptions_as_written(capsys: pytest.CaptureFixture[str]) -> None:
    file = SCENARIOS / "ecowas-niger-stays-hypothetical-2025.yaml"
    code = main(["run", "--backend", "reference", "-f", "json", str(file)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert json.loads(out)["assumptions"] == [
        {"treaty": "ecowas-community", "state": "NER", "stays": True},
        {"treaty": "ecowas", "state": "NER", "stays": True},
        {"treaty": "ecowas-nap", "state": "NER", "stays": True},
    ]
    code = main(["run", "--backend", "reference", "-f", "json", str(SCENARIOS / "aes-niger-attacked.yaml")])
    assert json.loads(capsys.readouterr().out)["assumptions"] == []


def test_suspension_dates_are_written_from(engine: pact.Engine) -> None:
    change = {"treaty": "nato", "state": "USA", "suspends_toward": "NOR", "from": "2020-01-01"}
    result = engine.evaluate(scenario("2021-01-01", [{"type": "armed_attack", "target": "NOR"}], [change]), full=False)
    assert pact.to_dict(result)["assumptions"] == [change]
    assert describe(result.assumptions[0]).said() == "USA suspends its nato duties toward NOR from 2020-01-01"


def test_the_table_names_the_assumptions(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", "--backend", "reference", str(SCENARIOS / "aes-chad-joins-hypothetical-2025.yaml")])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "Assuming: Chad joins AES on 1 January 2025" in out


def test_the_assumptions_are_in_the_readers_language(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    scenario_file = tmp_path / "ended.yaml"
    written = (SCENARIOS / "seato-thailand-1980.yaml").read_text(encoding="utf-8")
    scenario_file.write_text(written.replace("\nevents:", "\nassume: [{treaty: seato, ends: 1977-06-30}]\nevents:", 1))
    assert main(["run", "--backend", "reference", "--lang", "fr", str(scenario_file)]) == 0
    assert "Hypothèses : OTASE prend fin le 30 juin 1977" in capsys.readouterr().out


# --- any assumption: a result or one line ------------------------------------------------------

RULES = pact.load_rules()
STATES = ["NER", "MLI", "BFA", "TCD", "USA", "NZL", "AUS", "NOR", "SWE", "BEN", "NGA", "ARM", "JPN"]
REGIONS = ["aes-area", "nato-art6-territory", "american-states", "nowhere"]
PLACES = ["TCD", "US-HI", "US-AK", "NER", "atlantis-sea", "mediterranean-sea"]


@st.composite
def changes(draw: st.DrawFn) -> dict[str, str]:
    """One change, mostly about a real treaty and one of its parties near its own dates."""
    treaty = draw(st.sampled_from(RULES.treaties))
    name = draw(st.sampled_from([treaty.treaty] * 7 + ["aess"]))
    parties = [p.state for p in treaty.parties]
    state, other = (draw(st.sampled_from(parties) | st.sampled_from(STATES)) for _ in range(2))
    low = date(treaty.signed.year - 5, 1, 1)
    day = draw(st.dates(min_value=low, max_value=date(2030, 1, 1)).map(date.isoformat))
    later = draw(st.dates(min_value=low, max_value=date(2030, 1, 1)).map(date.isoformat))
    clause = draw(st.sampled_from([c.id for c in treaty.clauses] + ["no-such-clause"]))
    member = {"treaty": name, "state": state}
    options = [
        {"treaty": name, "state": draw(st.sampled_from(STATES)), "joins": day},
        member | {"leaves": day},
        member | {"stays": "true"},
        member | {"suspends_toward": other, "from": day} | draw(st.sampled_from([{}, {"until": later}])),
        member | {"lifts_suspension_toward": other} | draw(st.sampled_from([{}, {"from": day}])),
        {"treaty": name, "ends": day},
        {"treaty": name, "in_force": day},
        {"treaty": name, "clause": clause, "off": "true"},
        {
            "region": draw(st.sampled_from(REGIONS)),
            draw(st.sampled_from(["adds", "removes"])): draw(st.sampled_from(PLACES)),
        },
    ]
    return draw(st.sampled_from(options))


@settings(
    max_examples=max(10, settings.default.max_examples // 3),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    changes=st.lists(changes(), min_size=1, max_size=2),
    day=st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 1, 1)).map(date.isoformat),
    target=st.sampled_from(STATES),
)
def test_any_assumptions_give_a_result_or_one_line(
    engine: pact.Engine, tmp_path: Path, changes: list[dict[str, str]], day: str, target: str
) -> None:
    """GIVEN assumptions drawn from plausible and implausible values THEN either the scenario runs (with no
    state bound toward itself) or one line names the scenario file and an assume item (or the target, not
    a state on the day)."""
    file = tmp_path / "what-if.yaml"
    file.write_text(
        yaml.safe_dump(
            {
                "scenario": "what-if",
                "date": day,
                "events": [{"type": "armed_attack", "target": target}],
                "assume": changes,
            }
        )
    )
    try:
        result = engine.evaluate(pact.load_scenario(file, engine.rulebook), full=False)
    except pact.ScenarioError as error:
        event("refused")
        lines = [problem.render() for problem in error.problems]
        named = ": assume[" if is_state_on(target, date.fromisoformat(day)) else ": events[0].target: "
        assert all("\n" not in line and line.startswith(f"{file}:") for line in lines), lines
        assert any(named in line for line in lines), lines
        return
    event("ran")
    assert all(o.state != o.toward for o in result.obligations)
    assert len(result.assumptions) == len(changes)
