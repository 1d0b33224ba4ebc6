"""`pact check`: clean rules pass; each planted defect is named and reproduced by a scenario file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pact.check import CODES, check_rulebook
from pact.cli import main
from pact.errors import RuleError
from pact.loader import load_rules
from pact.model import Treaty

from .conftest import FIXTURES, ROOT

DEFECTS = FIXTURES / "check"


def check(capsys: pytest.CaptureFixture[str], rules: Path | None, out: Path, examples: int = 80) -> tuple[int, str]:
    argv = ["check", "--examples", str(examples), "--save-failures", str(out)]
    code = main([*argv, "--rules", str(rules), "--no-bundled"] if rules else argv)
    return code, capsys.readouterr().out


def reproduce(capsys: pytest.CaptureFixture[str], rules: Path, scenario: Path) -> tuple[int, str]:
    code = main(["test", "--rules", str(rules), "--no-bundled", str(scenario)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_bundled_rules_are_clean_and_every_property_ran(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out = check(capsys, None, tmp_path)
    assert code == 0, out
    ran = [line for line in out.splitlines() if line.startswith("ok ")]
    assert len(ran) >= 7 and all(" 80 examples " in line for line in ran)
    assert out.strip().splitlines()[-1].startswith("0 static findings;")
    assert not list(tmp_path.iterdir())


def test_a_clean_symmetric_treaty_passes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out = check(capsys, DEFECTS / "clean", tmp_path)
    assert code == 0, out


@pytest.mark.parametrize(
    ("defect", "named", "written"),
    [
        ("inverted_period", "PACT101 membership ends before it starts", "static-findings.yaml"),
        ("party_outside_statehood", "PACT106 party is not a state for all of its membership", "static-findings.yaml"),
        ("region_unknown_code", "unknown ISO 3166-1 alpha-3 code 'BFO'", "static-findings.yaml"),
        ("bearers_include_victim", "PACT133 listed bearer can be the victim", "PACT133-trio-relief-NER.yaml"),
        ("asymmetric_copy", "FAIL parties-alike", "parties-alike.yaml"),
    ],
)
def test_a_planted_defect_is_named_and_reproduced(
    defect: str, named: str, written: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rules = DEFECTS / defect
    code, out = check(capsys, rules, tmp_path)
    assert code == 1
    assert named in out
    scenario = tmp_path / written
    assert scenario.is_file(), out
    assert f"reproduce: pact test --rules {rules} --no-bundled {scenario}" in out
    code, shown = reproduce(capsys, rules, scenario)
    assert code in (1, 2), shown  # a failed expectation, or the static error itself
    assert (named.split(" ")[0] in shown) if code == 2 else ("FAIL" in shown)


def test_each_party_outside_its_statehood_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """GIVEN memberships before a state existed or after it ceased WHEN checked THEN each is a PACT106 finding."""
    code, out = check(capsys, DEFECTS / "party_outside_statehood", tmp_path)
    assert code == 1
    findings = [line for line in out.splitlines() if "PACT106" in line]
    assert len(findings) == 4, out
    assert "parties[1].state: PACT106" in findings[0] and "SUN never left" in findings[0]
    assert "until it ceased on 1991-12-26" in findings[0]
    assert "parties[3].left: PACT106" in findings[1] and "CSK left 1995-01-01" in findings[1]
    assert "parties[4].joined: PACT106" in findings[2] and "from 1973-07-10" in findings[2]
    assert "parties[5].state: PACT106" in findings[3] and "between 1940-06-17 and 1991-09-06" in findings[3]


def test_the_same_seed_finds_the_same_counterexample(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rules = DEFECTS / "asymmetric_copy"
    check(capsys, rules, tmp_path / "one")
    check(capsys, rules, tmp_path / "two")
    assert (tmp_path / "one" / "parties-alike.yaml").read_text() == (
        tmp_path / "two" / "parties-alike.yaml"
    ).read_text()


def test_every_code_is_documented() -> None:
    docs = (ROOT / "docs" / "checks.md").read_text()
    missing = [code for code in CODES if f"## {code}" not in docs]
    assert not missing, f"codes without a section in docs/checks.md: {missing}"


def test_a_region_holding_a_place_over_a_period_passes_the_static_checks(tmp_path: Path) -> None:
    """GIVEN a region including a place from a date (a DatedPlace) WHEN the rules load THEN the static checks
    accept it (they once crashed reading such a place as a code)."""
    (tmp_path / "geography.yaml").write_text(
        "geography: dated\nsource: {citation: made up for a test}\nregions:\n"
        "  - id: later-france\n    title: France from 1950\n    source: {citation: made up}\n"
        "    include:\n      - {place: FRA, from: 1950-01-01}\n      - {place: unknown-sea, from: 1950-01-01}\n"
    )
    with pytest.raises(RuleError, match="PACT122 unknown area: 'unknown-sea'"):
        load_rules(tmp_path, bundled=False)


def test_check_rulebook_runs_the_static_checks_on_models_built_in_memory() -> None:
    """GIVEN treaty models an importer built, one with a membership ending before it starts WHEN checked THEN
    the finding names the treaty and the field, with no file behind it."""
    treaty = Treaty.model_validate(
        {
            "treaty": "made-up",
            "title": "Made up",
            "signed": "2000-01-01",
            "in_force": "2000-01-01",
            "source": {"citation": "made up for a test"},
            "parties": [
                {"state": "NER", "joined": "2000-01-01"},
                {"state": "MLI", "joined": "2000-01-01", "left": "1999-01-01"},
            ],
            "clauses": [
                {
                    "id": "defence",
                    "article": "Article 1",
                    "text": "An attack on one is an attack on all.",
                    "trigger": {"events": ["armed_attack"]},
                    "obligation": {"kind": "defense", "means": "armed_force"},
                }
            ],
        }
    )
    findings = check_rulebook([treaty])
    assert [f.render() for f in findings][:1] == [
        "<treaty made-up>:1: parties[1].left: PACT101 membership ends before it starts: MLI left 1999-01-01, "
        "joined 2000-01-01"
    ]
