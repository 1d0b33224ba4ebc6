"""The Python API as a newcomer meets it: pact's own errors with field paths, names that resolve,
an import that does not pull in the property-testing machinery, help on hover."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import pact
from pact.load.loader import ID_FORMS
from pact.model import Geography, Scenario, Treaty

from .conftest import ROOT

WHAT_IF = {"scenario": "what-if", "date": "2024-03-01", "events": [{"type": "armed_attack", "target": "MLI"}]}


def with_event(**changes: object) -> dict[str, object]:
    return {**WHAT_IF, "events": [{**WHAT_IF["events"][0], **changes}]}  # type: ignore[index]


def test_a_scenario_from_a_dict_is_a_scenario(rules: pact.Rulebook) -> None:
    scenario = pact.scenario_from_dict(with_event(by=["DZA"]), rules)
    assert isinstance(scenario, pact.Scenario) and scenario.events[0].id == "e1"


def test_a_bad_dict_gives_one_scenario_error_with_its_field_path() -> None:
    """pydantic said "2 validation errors": the bad code, and a spurious "events: at least 1 item"."""
    with pytest.raises(pact.ScenarioError) as caught:
        pact.scenario_from_dict(with_event(target="NE"))
    error = caught.value
    assert len(error.problems) == 1
    assert (error.field, error.line, error.suggestion) == ("events[0].target", None, "NER")
    assert str(error) == "<input>: events[0].target: unknown ISO 3166-1 alpha-3 code 'NE' (did you mean 'NER'?)"


def test_every_problem_of_a_dict_is_told() -> None:
    data = {**with_event(target="NE", attackers=["NGA"]), "date": "2024-13-01"}
    with pytest.raises(pact.ScenarioError) as caught:
        pact.scenario_from_dict(data)
    assert sorted(p.field for p in caught.value.problems) == ["date", "events[0].attackers", "events[0].target"]


def test_a_dict_is_checked_against_the_rules_when_given(rules: pact.Rulebook) -> None:
    with pytest.raises(pact.ScenarioError, match=r"requested_from\[0\]: 'NATO' .*\(did you mean 'nato'\?\)"):
        pact.scenario_from_dict(with_event(target="POL", requested_from=["NATO"]), rules)


def test_every_exported_name_resolves() -> None:
    assert sorted(pact.__all__) == sorted(pact._HOME)
    assert all(getattr(pact, name) is not None for name in pact.__all__)
    assert set(pact.__all__) <= set(dir(pact))
    with pytest.raises(AttributeError):
        pact.no_such_name  # noqa: B018


@pytest.mark.parametrize(
    "code",
    [
        "import pact",
        "import pact; pact.load_rules(); pact.Engine",
        "from pact.cli import main; main(['run', '--backend', 'reference', 'scenarios/aes-niger-attacked.yaml'])",
    ],
)
def test_hypothesis_is_imported_only_when_checking(code: str) -> None:
    """hypothesis is a dependency now (pact check needs it) but must not slow down import pact or pact run."""
    probe = f"{code}\nimport sys\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('hypothesis', 'pytest')))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("model", [Treaty, Geography, Scenario, pact.Event])
def test_every_field_of_the_file_formats_has_a_description(model: type) -> None:
    """Editors show a schema's descriptions on hover: none may be missing."""
    schema = model.model_json_schema(by_alias=True)
    missing = [
        f"{name}.{field}"
        for name, part in [(model.__name__, schema), *schema.get("$defs", {}).items()]
        if "properties" in part
        for field, spec in part["properties"].items()
        if "description" not in spec
    ]
    assert not missing
    assert json.dumps(schema)  # and it is still plain JSON


def test_the_public_api_has_docstrings() -> None:
    names = ["Scenario", "Event", "Rulebook", "load_rules", "load_scenario", "scenario_from_dict", "mismatches"]
    assert [name for name in names if not (getattr(pact, name).__doc__ or "").strip()] == []


def _patterns(schema: object) -> set[str]:
    if isinstance(schema, dict):
        found = {schema["pattern"]} if isinstance(schema.get("pattern"), str) else set()
        return found.union(*(_patterns(v) for v in schema.values()))
    if isinstance(schema, list):
        return set().union(*(_patterns(v) for v in schema))
    return set()


def test_every_id_pattern_is_said_in_words() -> None:
    """A pattern of the models the loader cannot say in words would reach the user as a regex."""
    used = set().union(*(_patterns(m.model_json_schema()) for m in (Treaty, Geography, Scenario)))
    assert used and used <= set(ID_FORMS)
