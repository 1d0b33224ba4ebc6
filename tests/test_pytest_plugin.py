"""The pytest plugin: scenario files with an ``expect:`` block collected as test items."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import pact

from .conftest import FIXTURES, ROOT

pytest_plugins = ["pytester"]

NIGER = (ROOT / "scenarios" / "aes-niger-attacked.yaml").read_text()
WRONG = """\
scenario: niger-wrong
date: 2023-10-01
events:
  - type: armed_attack
    target: NER
    by: [NGA]
expect:
  obligated:
    - {state: SEN, treaty: aes, toward: NER}
  not_obligated:
    - {state: MLI, treaty: aes}
"""
BAD = """\
scenario: niger-typo
date: 2023-10-01
events:
  - type: armed_attack
    target: NE
expect:
  obligated: []
"""
REFERENCE = "--pact-backend=reference"
LAYERS = FIXTURES / "layers"


def write(pytester: pytest.Pytester, **files: str) -> None:
    """Write ``name=text`` files under the pytester directory (``__`` in a name is a ``/``)."""
    for name, text in files.items():
        path = pytester.path / (name.replace("__", "/") + ".yaml")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_passing_scenario_passes_when_enabled_in_the_ini_file(pytester: pytest.Pytester) -> None:
    """GIVEN `pact_scenarios = true` in pyproject.toml WHEN pytest runs THEN the scenario is one passing item."""
    pytester.makepyprojecttoml('[tool.pytest.ini_options]\npact_scenarios = true\npact_backend = "reference"\n')
    write(pytester, scenarios__niger=NIGER)
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*scenarios/niger.yaml::aes-niger-attacked PASSED*"])


def test_wrong_expectation_fails_with_one_line_per_mismatch(pytester: pytest.Pytester) -> None:
    """GIVEN an expect: block the result contradicts THEN the report names file, scenario and each mismatch."""
    write(pytester, niger=NIGER, wrong=WRONG)
    result = pytester.runpytest("--pact-scenarios", REFERENCE)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ niger-wrong _*",
            "wrong.yaml: scenario niger-wrong",
            "  expected obligated: SEN under aes, toward NER; got no such obligation",
            "  expected not obligated: MLI under aes; got defense toward NER under Article 6 "
            "(collective-defence) for event e1",
            "*short test summary*",
        ],
        consecutive=True,
    )
    assert "Traceback" not in result.stdout.str()
    assert "pytest_plugin.py" not in result.stdout.str()


def test_bad_scenario_file_fails_with_the_one_line_error(pytester: pytest.Pytester) -> None:
    """GIVEN a scenario with a bad state code THEN its item fails with FILE:LINE: field: message, and nothing else."""
    write(pytester, typo=BAD)
    result = pytester.runpytest("--pact-scenarios", REFERENCE)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*_ niger-typo _*",
            "typo.yaml:5: events[0].target: unknown ISO 3166-1 alpha-3 code 'NE' (did you mean 'NER'?)",
            "*short test summary*",
        ],
        consecutive=True,
    )
    assert "Traceback" not in result.stdout.str()


def test_malformed_yaml_scenario_is_collected_and_fails_with_one_line(pytester: pytest.Pytester) -> None:
    write(pytester, broken="scenario: broken\nevents: [\nexpect:\n  obligated: []\n")
    result = pytester.runpytest("--pact-scenarios", REFERENCE)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["broken.yaml:*: malformed YAML: *"])
    assert "Traceback" not in result.stdout.str()


def test_plugin_is_off_unless_asked_for(pytester: pytest.Pytester) -> None:
    """GIVEN scenario files and no flag or ini option THEN pytest collects nothing from them."""
    write(pytester, niger=NIGER, wrong=WRONG)
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.NO_TESTS_COLLECTED
    assert "pact:" not in result.stdout.str()


def test_files_that_are_not_checked_scenarios_are_ignored(pytester: pytest.Pytester) -> None:
    """GIVEN YAML without both top-level scenario: and expect: keys THEN it is not collected, nor an error."""
    unchecked = NIGER.split("expect:")[0]
    write(
        pytester,
        niger=NIGER,
        unchecked=unchecked,
        config="name: app\nexpect: nothing\n",
        nested="jobs:\n  scenario: x\n  expect: y\n",
        malformed="key: [unclosed\n",
        rules__aes=(ROOT / "rules" / "aes.yaml").read_text(),
    )
    (pytester.path / "data.yml").write_bytes(b"\xff\xfe not text")
    result = pytester.runpytest("--pact-scenarios", REFERENCE, "--collect-only", "-q")
    assert result.ret == pytest.ExitCode.OK
    assert result.stdout.lines[0] == "niger.yaml::aes-niger-attacked"
    result.stdout.fnmatch_lines(["1 test collected*"])


def test_item_is_named_after_the_scenario_id(pytester: pytest.Pytester) -> None:
    write(pytester, a=NIGER, b="'scenario': \"quoted-id\"  # a comment\r\nexpect: {}\r\n")
    (pytester.path / "c.yml").write_text(WRONG)
    result = pytester.runpytest("--pact-scenarios", REFERENCE, "--collect-only", "-q")
    assert result.stdout.lines[:3] == ["a.yaml::aes-niger-attacked", "b.yaml::quoted-id", "c.yml::niger-wrong"]


@pytest.fixture
def small_rules(pytester: pytest.Pytester) -> Path:
    """A rules directory holding only the AES treaty and the base geography."""
    folder = pytester.mkdir("my_rules")
    for name in ("aes.yaml", "geography.yaml"):
        shutil.copy(ROOT / "rules" / name, folder / name)
    return folder


def test_custom_rules_directory(pytester: pytest.Pytester, small_rules: Path) -> None:
    """GIVEN --pact-rules with AES only and --pact-no-bundled THEN AES scenarios pass and one naming ECOWAS
    is refused as bad input."""
    ecowas = NIGER.replace("aes-niger-attacked", "ecowas-check") + "    - {state: SEN, treaty: ecowas}\n"
    write(pytester, niger=NIGER, ecowas=ecowas)
    result = pytester.runpytest("--pact-scenarios", REFERENCE, f"--pact-rules={small_rules.name}", "--pact-no-bundled")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["ecowas.yaml:*: expect.not_obligated?2?.treaty: unknown treaty 'ecowas'"])
    result.stdout.fnmatch_lines([f"pact: scenario files as tests; rules: *{small_rules.name}; backend: reference"])


def test_rules_directory_in_the_ini_file_is_relative_to_it(pytester: pytest.Pytester, small_rules: Path) -> None:
    pytester.makeini(f"[pytest]\npact_scenarios = true\npact_rules = {small_rules.name}\npact_backend = reference\n")
    write(pytester, sub__niger=NIGER)
    result = pytester.runpytest(pytester.path / "sub")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines([f"*rules: bundled + {small_rules}; backend: reference"])


def test_rules_layers_over_the_bundled_rules(pytester: pytest.Pytester) -> None:
    """GIVEN two --pact-rules layers, one a new treaty THEN scenarios may name it and the bundled treaties."""
    both = NIGER.replace("aes-niger-attacked", "both").replace(
        "    - {state: BFA, treaty: aes, toward: NER, clause: collective-defence}\n",
        "    - {state: BFA, treaty: aes, toward: NER, clause: collective-defence}\n"
        "    - {state: TCD, treaty: sahel-pact, toward: NER}\n",
    )
    both = both.replace("date: 2023-10-01", "date: 2024-10-01")
    write(pytester, both=both)
    layers = [f"--pact-rules={LAYERS / name}" for name in ("aes-area-with-chad", "sahel-pact")]
    result = pytester.runpytest("--pact-scenarios", REFERENCE, *layers)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*rules: bundled + *aes-area-with-chad + *sahel-pact; backend: reference"])


def test_bad_rules_fail_each_item_with_one_line(pytester: pytest.Pytester, small_rules: Path) -> None:
    aes = small_rules / "aes.yaml"
    aes.write_text(aes.read_text().replace("in_force:", "in_forse:", 1))
    write(pytester, niger=NIGER, wrong=WRONG)
    result = pytester.runpytest("--pact-scenarios", REFERENCE, f"--pact-rules={small_rules.name}")
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["pact: cannot load rules: my_rules/aes.yaml:*: unknown key 'in_forse'*"] * 2)
    assert "Traceback" not in result.stdout.str()


def test_rules_are_loaded_once_per_session(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    load_rules = pact.load_rules
    monkeypatch.setattr(
        pact,
        "load_rules",
        lambda *layers, bundled=True: calls.append((layers, bundled)) or load_rules(*layers, bundled=bundled),
    )
    write(pytester, a=NIGER, b=NIGER.replace("aes-niger-attacked", "again"), c=WRONG)
    pytester.runpytest("--pact-scenarios", REFERENCE).assert_outcomes(passed=2, failed=1)
    assert calls == [((), True)]


def test_unknown_backend_in_the_ini_file_is_a_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\npact_scenarios = true\npact_backend = fast\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*pact_backend must be one of auto, durable, reference, not 'fast'*"])


def test_installed_entry_point_in_a_fresh_process(pytester: pytest.Pytester) -> None:
    """GIVEN a new pytest process (the pytest11 entry point, the default backend) THEN it runs the scenarios."""
    pytester.makepyprojecttoml("[tool.pytest.ini_options]\npact_scenarios = true\n")
    write(pytester, niger=NIGER, wrong=WRONG)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*pact: scenario files as tests; rules: bundled; backend: auto*"])
    assert "Traceback" not in result.stdout.str()


def test_every_problem_of_a_bad_scenario_is_one_line(pytester: pytest.Pytester) -> None:
    bad = NIGER.replace("target: NER", "target: NE").replace("type: armed_attack", "type: invasion")
    write(pytester, bad=bad)
    result = pytester.runpytest("--pact-scenarios", REFERENCE)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["bad.yaml:*: events[[]0[]].type: unknown value 'invasion'*", "bad.yaml:*: events[[]0[]].target: *'NE'*"]
    )
    assert "Traceback" not in result.stdout.str()
