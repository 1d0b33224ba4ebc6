"""Rule sets in layers: directories laid over the bundled library, later definitions replacing earlier ones."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

import pact
from pact.cli import main
from pact.load.loader import load_rule_file

from .conftest import FIXTURES, ROOT, SCENARIOS

LAYERS = FIXTURES / "layers"
NEW_TREATY = LAYERS / "sahel-pact"
NATO = LAYERS / "nato-amended"
REGION = LAYERS / "aes-area-with-chad"


def attack(target: str, day: str) -> pact.Scenario:
    return pact.Scenario.model_validate(
        {"scenario": "t", "date": day, "events": [{"type": "armed_attack", "target": target}]}
    )


def duties(rules: pact.Rulebook, scenario: pact.Scenario) -> set[tuple[str, str, str]]:
    result = pact.Engine(rules, backend="reference").evaluate(scenario, full=False)
    return {(o.state, o.treaty, o.toward) for o in result.obligations}


def test_a_full_copy_of_the_library_gives_the_same_rulebook(tmp_path: Path, rules: pact.Rulebook) -> None:
    """GIVEN a directory holding a copy of the bundled rules (the old use of --rules) THEN the same treaties
    and geography, nothing noted as replaced, and every value cited from the copy."""
    copy = shutil.copytree(ROOT / "rules", tmp_path / "my-rules")
    layered = pact.load_rules(copy)
    assert layered.treaties == rules.treaties
    assert layered.geography == rules.geography
    assert layered.replaced == ()
    assert {Path(o.file).parent for o in layered.origins} == {copy}


def test_a_layer_with_one_new_treaty_adds_it_to_the_bundled_ones(rules: pact.Rulebook) -> None:
    """GIVEN a directory holding only one new treaty THEN one run gives obligations under it and a bundled one."""
    layered = pact.load_rules(NEW_TREATY)
    assert {t.treaty for t in layered.treaties} == {t.treaty for t in rules.treaties} | {"sahel-pact"}
    found = duties(layered, attack("NER", "2024-10-01"))
    assert {("TCD", "sahel-pact", "NER"), ("MLI", "aes", "NER"), ("BFA", "aes", "NER")} <= found
    assert layered.replaced == ()


def test_a_layer_that_redefines_a_treaty_replaces_it_and_says_where(rules: pact.Rulebook) -> None:
    layered = pact.load_rules(NATO)
    assert layered.treaty("nato") == load_rule_file(NATO / "nato.yaml")[0]
    assert [(r.kind, r.id, r.was, r.by) for r in layered.replaced] == [
        ("treaty", "nato", "rules/nato.yaml:1", f"{NATO / 'nato.yaml'}:1")
    ]
    # Sweden is a party from 2023 in the amended treaty, and only USA and NOR are bound besides it
    assert {d for d in duties(layered, attack("SWE", "2023-06-01")) if d[1] == "nato"} == {
        ("USA", "nato", "SWE"),
        ("NOR", "nato", "SWE"),
    }


def test_explanations_of_a_replaced_treaty_cite_the_layer_file() -> None:
    layered = pact.load_rules(NATO)
    result = pact.Engine(layered, backend="reference").evaluate(attack("SWE", "2023-06-01"))
    usa = next(o for o in result.obligations if (o.state, o.treaty) == ("USA", "nato"))
    sources = {s.source for s in usa.trace if s.source}
    assert sources and all(s.startswith(f"{NATO / 'nato.yaml'}:") for s in sources), sources
    lines = (NATO / "nato.yaml").read_text().splitlines()
    scope = next(s.source for s in usa.trace if s.test.value == "location")
    assert "scope:" in lines[int(scope.rsplit(":", 1)[1]) - 1]


def test_a_region_is_replaced_alone_and_the_rest_of_its_file_keeps_its_lines(rules: pact.Rulebook) -> None:
    """GIVEN a layer redefining the aes-area region THEN that region is replaced, every other definition of
    the bundled file stays, and each one's FILE:LINE still points at its own id."""
    layered = pact.load_rules(REGION)
    assert layered.regions()["aes-area"].include == ("MLI", "BFA", "NER", "TCD")
    assert set(layered.regions()) == set(rules.regions())
    today = date.today()
    assert layered.aliases() == rules.aliases() and layered.sovereigns(today) == rules.sovereigns(today)
    assert [(r.kind, r.id) for r in layered.replaced] == [("region", "aes-area")]
    for geography in layered.geography:
        origin = layered.origin(f"geography:{geography.geography}")
        assert origin is not None
        text = Path(ROOT / origin.file if origin.file.startswith("rules/") else origin.file).read_text()
        for i, region in enumerate(geography.regions):
            line = int(origin.at(("regions", i, "id")).rsplit(":", 1)[1])
            assert f"id: {region.id}" in text.splitlines()[line - 1]


def test_layers_apply_in_order(tmp_path: Path) -> None:
    """GIVEN the same treaty in two layers THEN the later one wins, and each replacement is recorded."""
    later = tmp_path / "later"
    later.mkdir()
    (later / "nato.yaml").write_text(
        (NATO / "nato.yaml").read_text().replace("Article 5 (as amended)", "Article 5 bis")
    )
    layered = pact.load_rules(NATO, later)
    assert layered.treaty("nato").clauses[0].article == "Article 5 bis"
    assert [r.by.split(":")[0] for r in layered.replaced] == [str(NATO / "nato.yaml"), str(later / "nato.yaml")]


def test_without_the_bundled_library_only_the_layers_count() -> None:
    alone = pact.load_rules(NEW_TREATY, REGION, bundled=False)
    assert [t.treaty for t in alone.treaties] == ["sahel-pact"]
    with pytest.raises(pact.RuleError, match="no rules"):
        pact.load_rules(bundled=False)


def test_a_layer_is_checked_with_the_whole(tmp_path: Path) -> None:
    """GIVEN a layer naming a region no layer defines THEN the static check refuses it at its line."""
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "t.yaml").write_text((NEW_TREATY / "sahel-pact.yaml").read_text().replace("[aes-area]", "[aes-aera]"))
    with pytest.raises(pact.RuleError) as caught:
        pact.load_rules(bad)
    assert caught.value.render().startswith(f"{bad / 't.yaml'}:19: clauses[0].trigger.scope.regions[0]: PACT121")
    assert "did you mean 'aes-area'" in caught.value.render()


def test_two_definitions_in_one_layer_remain_an_error(tmp_path: Path) -> None:
    twice = shutil.copytree(NATO, tmp_path / "twice")
    shutil.copy(NATO / "nato.yaml", twice / "nato-again.yaml")
    with pytest.raises(pact.RuleError, match="PACT111"):
        pact.load_rules(twice)


def test_cli_rules_are_layered_and_a_replacement_noted_once(capsys: pytest.CaptureFixture[str]) -> None:
    sweden = str(SCENARIOS / "nato-sweden-before-accession.yaml")
    other = str(SCENARIOS / "aes-niger-attacked.yaml")
    code = main(
        ["run", "--backend", "reference", "-f", "json", "--rules", str(NATO), "--rules", str(NEW_TREATY), sweden, other]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert err.splitlines() == [f"pact: note: treaty 'nato' of rules/nato.yaml:1 is replaced by {NATO / 'nato.yaml'}:1"]
    assert '"treaty": "nato"' in out


def test_cli_no_bundled_names_what_is_missing(capsys: pytest.CaptureFixture[str]) -> None:
    only = ["--no-bundled", "--rules", str(NEW_TREATY), "--rules", str(REGION)]
    code = main(["run", *only, str(SCENARIOS / "aes-niger-attacked.yaml")])
    _, err = capsys.readouterr()
    assert code == 2
    lines = err.splitlines()
    assert lines[0].endswith("expect.obligated[0].treaty: unknown treaty 'aes'")
    assert all(line.endswith("unknown treaty 'aes'") for line in lines)
