"""A suspension from an organisation's bodies against the treaty duty (issue 23): a suspended ECOWAS
member is still protected, and the answer says that the assistance waits on a decision of the
Authority, in which it cannot sit, from the first day of the suspension to the day it is lifted."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

import pact
from pact.model import Treaty
from pact.render.phrasing import phrase

from .conftest import SCENARIOS
from .test_scenarios import BACKENDS

SUSPENDED = {  # scenario → whether the victim is suspended from the Authority that day
    "ecowas-mali-day-before-suspension-2020": False,
    "ecowas-mali-suspended-2020": True,
    "ecowas-mali-suspension-lifted-2020": False,
    "ecowas-guinea-bissau-day-before-suspension-2025": False,
    "ecowas-guinea-bissau-suspended-2025": True,
    "ecowas-guinea-day-before-suspension-2021": False,
    "ecowas-guinea-suspended-2021": True,
    "ecowas-guinea-attacked-while-suspended": True,
    "ecowas-guinea-attacked-after-reinstatement": False,
    "ecowas-burkina-day-before-suspension-2022": False,
    "ecowas-burkina-suspended-2022": True,
    "ecowas-niger-attacked-before-suspension": False,
    "ecowas-niger-attacked-while-suspended": True,
    "ecowas-mali-day-before-suspension-2021": False,
    "ecowas-mali-suspended-2021": True,
}


@pytest.fixture(scope="module")
def rules() -> pact.Rulebook:
    return pact.load_rules()


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", sorted(SUSPENDED))
def test_the_answer_says_whether_the_victim_sits_in_the_body_that_decides(
    rules: pact.Rulebook, name: str, backend: str
) -> None:
    scenario = pact.load_scenario(SCENARIOS / f"{name}.yaml", rules)
    result = pact.Engine(rules, backend=backend).evaluate(scenario)
    duty = next(o for o in result.obligations if o.state == "NGA" and o.clause == "collective-defence")
    (step,) = [s for s in duty.trace if s.test.value == "decided_by"]
    assert step.holds is True
    assert step.values["suspended"] is SUSPENDED[name]
    assert step.values["body"] == "the Authority of Heads of State and Government"
    english, french = phrase(step, "en"), phrase(step, "fr")
    if SUSPENDED[name]:
        assert "stays protected, but action under the clause waits on a decision of" in english
        assert "cannot sit in the decision" in english
        assert "elle ne peut prendre part à cette décision" in french
    else:
        assert english.startswith("action under the clause is decided by the Authority")
        assert french.startswith("l'action prévue par la clause est décidée par")


def test_a_suspension_from_a_body_the_treaty_does_not_name_is_refused() -> None:
    party = {"state": "BEN", "joined": "2000-01-01"}
    suspended = {**party, "status": [{"status": "suspended", "from": "2001-01-01", "suspended_from": ["senate"]}]}
    treaty = {
        "treaty": "t",
        "title": "T",
        "signed": "2000-01-01",
        "in_force": "2000-01-01",
        "source": {"citation": "a source"},
        "parties": [suspended, {"state": "NGA", "joined": "2000-01-01"}],
    }
    with pytest.raises(ValidationError, match="senate"):
        Treaty.model_validate(treaty)
    named = {**treaty, "words": {"bodies": {"senate": {"name": "the Senate"}}}}
    assert Treaty.model_validate(named).parties[0].status[0].suspended_from == ("senate",)


def test_the_attacker_s_membership_of_the_community_on_the_day_decides_which_clause_applies(
    rules: pact.Rulebook,
) -> None:
    engine = pact.Engine(rules)
    clauses = {}
    for name in ("ecowas-mali-attacks-guinea-2019", "ecowas-burkina-attacks-benin-2025"):
        result = engine.evaluate(pact.load_scenario(SCENARIOS / f"{name}.yaml", rules))
        clauses[name] = {o.clause for o in result.obligations if o.state == "NGA" and o.treaty == "ecowas"}
    assert clauses == {
        "ecowas-mali-attacks-guinea-2019": {"member-conflict"},
        "ecowas-burkina-attacks-benin-2025": {"collective-defence"},
    }
