"""`pact check`: clean rules pass; each planted defect is named and reproduced by a scenario file."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml

from pact import backends
from pact.backends.reference import ReferenceBackend
from pact.cli import main
from pact.core.errors import EngineError, RuleError
from pact.load.loader import load_rules
from pact.model import Treaty
from pact.validate.static import CODES, check_rulebook

from .conftest import FIXTURES, ROOT

DEFECTS = FIXTURES / "check"


def check(
    capsys: pytest.CaptureFixture[str], rules: Path | None, out: Path, examples: int = 80, backend: str = "reference"
) -> tuple[int, str]:
    argv = ["check", "--examples", str(examples), "--save-failures", str(out), "--backend", backend]
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
        ("bearers_include_victim", "PACT133 listed bearer can be the victim", "PACT133-trio-relief-NER.yaml"),
        ("asymmetric_copy", "FAIL parties-alike", "parties-alike.yaml"),
        ("party_before_signature", "PACT107 party joins before the treaty was signed", "static-findings.yaml"),
        ("overlapping_versions", "PACT142 versions of one clause overlap", "static-findings.yaml"),
        ("territory_overlap", "PACT112 periods of one territory overlap", "static-findings.yaml"),
        ("region_unknown_treaty", "PACT125 region rule names an unknown treaty: 'tiro'", "static-findings.yaml"),
        (
            "community_unknown_treaty",
            "PACT126 clause protects the members of an unknown treaty: 'trio-comunity'",
            "static-findings.yaml",
        ),
        (
            "attacker_unknown_treaty",
            "PACT127 clause names the members or the bodies of an unknown treaty: 'trio-comunity'",
            "static-findings.yaml",
        ),
        (
            "body_unnamed",
            "PACT128 duty waits on a body its instrument does not name: 'council'",
            "static-findings.yaml",
        ),
        ("defense_and_neutrality", "FAIL no-contradiction", "no-contradiction.yaml"),
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


def test_a_treaty_at_the_ends_of_the_calendar_is_checked(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """in_force 0001-01-01 or left 9999-12-31 raised OverflowError while drawing dates around the treaty."""
    code, out = check(capsys, DEFECTS / "extreme_dates", tmp_path, examples=30)
    assert code == 0, out
    assert out.strip().splitlines()[-1].startswith("0 static findings;")


def test_a_rules_directory_of_geography_only_is_bad_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """It crashed with hypothesis's InvalidArgument (a scenario drawn from no treaty), then was a finding (exit 1)."""
    out = tmp_path / "failures"
    code = main(
        [
            "check",
            "--no-bundled",
            "--save-failures",
            str(out),
            "--rules",
            str(FIXTURES / "invalid" / "rules" / "only_geography"),
        ]
    )
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert "no treaty in these rules" in captured.err and len(captured.err.splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize(
    ("rules", "said"),
    [
        (DEFECTS / "region_unknown_code", "unknown ISO 3166-1 alpha-3 code 'BFO'"),
        (Path("no-such-directory"), "no-such-directory: rules directory not found"),
    ],
)
def test_rules_that_cannot_be_read_are_bad_input_and_write_nothing(
    rules: Path, said: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIVEN rules pact cannot read (a wrong code, a missing directory) WHEN checked THEN exit 2 (it was 1), the
    problem on stderr, and no reproducer: a directory was written under /tmp on every such run."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    tempfile.tempdir = None  # read TMPDIR again
    try:
        code = main(["check", "--no-bundled", "--rules", str(rules), "--examples", "2"])
    finally:
        tempfile.tempdir = None
    captured = capsys.readouterr()
    assert code == 2 and captured.out == "", captured
    assert said in captured.err and "Traceback" not in captured.err
    assert list(tmp_path.iterdir()) == []


def test_check_writes_nothing_unasked(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch) -> None:
    """It wrote .hypothesis/ (with a .gitignore) and pact-failures/ into the current directory."""
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--rules", str(DEFECTS / "asymmetric_copy"), "--no-bundled", "--examples", "80"]) == 1
    out = capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []
    written = next(line for line in out.splitlines() if line.startswith("(scenario files written to "))
    folder = Path(written.removeprefix("(scenario files written to ").split(";")[0])
    assert (folder / "parties-alike.yaml").is_file() and folder.parent == Path(tempfile.gettempdir())
    shutil.rmtree(folder)


class _Failing:
    """A stand-in for durable-rules refusing a plan beyond its limits, as it does with an untyped error."""

    name = "durable"

    def fired(self, plan, facts):
        raise RuntimeError("Could not create ruleset, error code: 108")


class _Silent:
    """A stand-in durable backend that never fires: it disagrees with the reference one."""

    name = "durable"

    def fired(self, plan, facts):
        return set()

    def possibly_fired(self, plan, facts):
        return set()


class _Breaking:
    """A stand-in durable backend that runs the plan but fails on any scenario of two events or more."""

    name = "durable"

    def fired(self, plan, facts):
        self._refuse_pairs(facts)
        return ReferenceBackend().fired(plan, facts)

    def possibly_fired(self, plan, facts):
        self._refuse_pairs(facts)
        return ReferenceBackend().possibly_fired(plan, facts)

    @staticmethod
    def _refuse_pairs(facts) -> None:
        if len(facts) > 1:
            raise EngineError("durable-rules refused a fact: error code 303")


def test_a_backend_failing_on_some_scenario_is_a_shrunk_counterexample(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setitem(backends._FACTORIES, "durable", _Breaking)
    code, out = check(capsys, DEFECTS / "clean", tmp_path, examples=50)
    assert code == 1, out
    assert "the durable backend fails (run it with --backend durable): durable-rules refused a fact" in out
    shrunk = yaml.safe_load((tmp_path / "backends-agree.yaml").read_text())
    assert len(shrunk["events"]) == 2


def test_checking_the_reference_backend_survives_a_durable_that_cannot_run(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch
) -> None:
    """GIVEN durable cannot run the plan WHEN pact check --backend reference THEN every other property
    runs, and backends-agree says why it did not (it crashed pact check)."""
    monkeypatch.setitem(backends._FACTORIES, "durable", _Failing)
    code, out = check(capsys, DEFECTS / "clean", tmp_path, examples=20)
    assert code == 0, out
    assert "not run: durable-rules cannot run these rules (RuntimeError: Could not create ruleset" in out
    assert out.strip().splitlines()[-1] == "0 static findings; 8 properties held, 0 failed, 1 not run"


def test_the_chosen_backend_is_the_one_checked(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch) -> None:
    """GIVEN --backend durable THEN durable is compared with the reference backend, and a difference fails."""
    monkeypatch.setitem(backends._FACTORIES, "durable", _Silent)
    code, out = check(capsys, DEFECTS / "clean", tmp_path, examples=20, backend="durable")
    assert code == 1, out
    assert "FAIL backends-agree" in out
    assert "the durable and reference backends disagree (run it with --backend durable)" in out


def test_a_chosen_backend_that_cannot_run_the_plan_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setitem(backends._FACTORIES, "durable", _Failing)
    code = main(["check", "--rules", str(DEFECTS / "clean"), "--backend", "durable", "--save-failures", str(tmp_path)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.splitlines() == [
        "pact: the durable backend cannot run these rules: RuntimeError: Could not create ruleset, error code: 108"
    ]


def test_a_rule_set_too_large_for_durable_is_checked_on_reference(capsys: pytest.CaptureFixture[str], tmp_path):
    """350 treaties: durable-rules cannot create the ruleset (error 108); pact check --backend reference
    crashed with durable's raw error. Where durable is missing (3.13) the property says that instead."""
    rules = tmp_path / "rules"
    rules.mkdir()
    text = (DEFECTS / "clean" / "treaty.yaml").read_text()
    for i in range(350):
        (rules / f"t{i}.yaml").write_text(text.replace("treaty: trio", f"treaty: t{i}"))
    code, out = check(capsys, rules, tmp_path / "failures", examples=5)
    assert code == 0, out
    lines = out.splitlines()
    held = [line.split()[1] for line in lines if line.startswith("ok ")]
    assert len([name for name in held if name != "backends-agree"]) == 8, out
    agree = lines.index(next(line for line in lines if " backends-agree " in line))
    assert "backends-agree" in held or lines[agree + 1].startswith("     not run: durable-rules"), out


def test_save_failures_naming_a_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Writing a counterexample into --save-failures that is a file raised FileExistsError."""
    taken = tmp_path / "taken"
    taken.write_text("")
    code = main(["check", "--rules", str(DEFECTS / "asymmetric_copy"), "--save-failures", str(taken)])
    assert code == 2
    assert capsys.readouterr().err.splitlines() == [f"{taken}: cannot write: not a directory"]


def test_a_region_holding_a_place_over_a_period_passes_the_static_checks(tmp_path: Path) -> None:
    """GIVEN a region including a place from a date (a DatedPlace) WHEN the rules load THEN the static checks
    accept it (they once crashed reading such a place as a code)."""
    (tmp_path / "geography.yaml").write_text(
        "geography: dated\nsource: {citation: made up for a test}\nregions:\n"
        "  - id: later-france\n    title: France from 1950\n    source: {citation: made up}\n"
        "    include:\n      - {place: FRA, from: 1950-01-01}\n      - {place: unknown-sea, from: 1950-01-01}\n"
    )
    (tmp_path / "treaty.yaml").write_text((DEFECTS / "clean" / "treaty.yaml").read_text())
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
        "<treaty made-up>: parties[1].left: PACT101 membership ends before it starts: MLI left 1999-01-01, "
        "joined 2000-01-01"
    ]
