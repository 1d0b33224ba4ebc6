"""Bad input, one fixture per mistake: each gets one line naming FILE:LINE and the field, and exit code 2.

Scenario fixtures live in ``fixtures/invalid/scenarios/<mistake>.yaml``; rule fixtures are whole rules
directories, ``fixtures/invalid/rules/<mistake>/``, since cross-file checks run on the directory. Each
rules directory is the valid one in ``fixtures/valid/rules/`` with one mistake made in it.
"""

from __future__ import annotations

import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

import pact
from pact.cli import main
from pact.core import states
from pact.core.codes import alpha3_hint, is_alpha3
from pact.core.errors import MAX_PROBLEMS
from pact.load.loader import MAX_FILE_BYTES

from .conftest import FIXTURES, ROOT, SCENARIOS

BAD_SCENARIOS = FIXTURES / "invalid" / "scenarios"
BAD_RULES = FIXTURES / "invalid" / "rules"
VALID_RULES = FIXTURES / "valid" / "rules"
VALID_SCENARIO = FIXTURES / "valid" / "scenario.yaml"

# fixture name: (line the message must name, or None when the file as a whole is wrong; words it must contain)
SCENARIO_MISTAKES: dict[str, tuple[int | None, list[str]]] = {
    "malformed_yaml": (6, ["malformed YAML", "flow sequence", "']'"]),
    "malformed_yaml_indentation": (5, ["malformed YAML", "mapping values are not allowed"]),
    "unclosed_quote": (5, ["malformed YAML", "quoted scalar"]),
    "tab_indentation": (4, ["malformed YAML", "'\\t'"]),
    "two_documents": (6, ["malformed YAML", "single document"]),
    "control_character": (2, ["character #x0007 is not allowed"]),
    "not_utf8": (2, ["not UTF-8", "0xe9"]),
    "empty_file": (1, ["the file is empty"]),
    "not_a_mapping": (1, ["expected a mapping of keys to values", "not a list"]),
    "unknown_key": (3, ["evnets: unknown key 'evnets'", "(did you mean 'events'?)"]),
    "unknown_event_key": (6, ["events[0].attackers: unknown key 'attackers'"]),
    "missing_date": (1, ["date: required field is missing"]),
    "missing_events": (1, ["events: required field is missing"]),
    "empty_events": (3, ["events: needs at least 1 item, not 0"]),
    "null_event": (7, ["events[1]: expected a mapping of keys to values", "empty value"]),
    "impossible_date": (2, ["date: 2023-02-30 is not a real date", "day is out of range"]),
    "date_wrong_type": (2, ["date: 'yesterday' is not a date", "YYYY-MM-DD"]),
    "date_as_number": (2, ["date: 1696118400 is not a date", "YYYY-MM-DD"]),
    "unknown_state_code": (5, ["events[0].target", "'NGR'", "(did you mean 'NGA'?)"]),
    "alpha2_instead_of_alpha3": (5, ["events[0].target", "'NE'", "(did you mean 'NER'?)"]),
    "country_name_instead_of_code": (5, ["events[0].target", "'Niger'", "(did you mean 'NER'?)"]),
    "lowercase_code": (5, ["events[0].target", "'ner'", "(did you mean 'NER'?)"]),
    "norway_problem": (5, ["events[0].target", "'NO'", "(did you mean 'NOR'?)"]),
    "unicode_confusable_code": (5, ["events[0].target", "CYRILLIC CAPITAL LETTER IE", "(did you mean 'NER'?)"]),
    "unknown_subdivision": (6, ["events[0].location", "subdivision code 'US-XX'", "(did you mean 'US-TX'?)"]),
    "lowercase_subdivision": (6, ["events[0].location", "'us-hi'", "(did you mean 'US-HI'?)"]),
    "unknown_area_location": (7, ["events[0].location: unknown area 'atlantis-sea'"]),
    "unknown_event_type": (4, ["events[0].type: unknown value 'invasion'", "'armed_attack'"]),
    "misspelt_event_type": (4, ["events[0].type: unknown value 'armed-attack'", "(did you mean 'armed_attack'?)"]),
    "unknown_treaty_in_requested_from": (7, ["events[0].requested_from[0]", "'aes2'", "(did you mean 'aes'?)"]),
    "unknown_treaty_in_expect": (10, ["expect.obligated[1].treaty: unknown treaty 'aess'", "(did you mean 'aes'?)"]),
    "expect_unknown_event": (10, ["expect.obligated[0].event: no event 'strik'"]),
    "territory_as_target": (5, ["events[0].target", "GUM is a territory of USA", "target: USA and location: GUM"]),
    "territory_as_attacker": (6, ["events[0].by[0]: GUM is a territory of USA, not a state"]),
    "territory_without_sovereign_as_target": (5, ["events[0].target: ESH is not a state", "territory"]),
    "target_before_independence": (
        5,
        ["events[0].target: JAM was not a state on 1960-01-01", "became one on 1962-08-06", "under GBR", "'GBR'?"],
    ),
    "territory_before_independence_as_target": (
        5,
        ["events[0].target: BHS was a territory of GBR on 1970-01-01", "use target: GBR and location: BHS"],
    ),
    "target_before_secession": (5, ["events[0].target: SSD was not a state on 1990-01-01", "2011-07-09", "SDN"]),
    "attacker_after_its_state_ceased": (
        6,
        ["events[0].by[1]: SUN was not a state on 1995-01-01", "from 1922-12-30 until it ceased on 1991-12-26"],
    ),
    "successor_before_its_predecessor_ended": (6, ["events[0].by[0]: SVN was not a state", "(did you mean 'YUG'?)"]),
    "republic_of_a_former_state_as_attacker": (
        6,
        ["events[0].by[0]: RUS is a territory of SUN, not a state", "(did you mean 'SUN'?)"],
    ),
    "attacker_during_annexation": (6, ["events[0].by[0]: SYR", "between 1958-02-02 and 1961-09-29", "under EGY"]),
    "withdrawn_iso_code": (5, ["events[0].target", "'HVO'", "(did you mean 'BFA'?)"]),
    # assume: one-line changes to the rules, checked against them
    "assume_unknown_treaty": (6, ["assume[0].treaty: unknown treaty 'aess'", "(did you mean 'aes'?)"]),
    "assume_unknown_state_code": (6, ["assume[0].state: unknown ISO 3166-1 alpha-3 code 'CHD'"]),
    "assume_no_kind_of_change": (
        6,
        ["assume[0]: an assumption needs one of the keys joins, leaves", "(did you mean 'joins'?)"],
    ),
    "assume_two_changes_in_one": (6, ["assume[0].leaves: 'leaves' is a second change in one item"]),
    "assume_not_a_list": (5, ["assume: expected a list, not a mapping"]),
    "assume_impossible_date": (6, ["assume[0].joins: 2025-13-01 is not a real date"]),
    "assume_joins_already_a_party": (6, ["assume[0].state: NER is already a party of aes from 2023-09-16"]),
    "assume_joins_after_the_end": (6, ["assume[0].joins: g5-sahel no longer applies from 2023-12-06"]),
    "assume_leaves_not_a_party": (6, ["assume[0].state: TCD is not a party of aes"]),
    "assume_leaves_before_joining": (6, ["assume[0].leaves: NER joins aes only on 2023-09-16"]),
    "assume_stays_not_a_party": (6, ["assume[0].state: MLI is not a party of ecowas"]),
    "assume_stays_without_an_exit": (6, ["assume[0].stays: NGA has no recorded exit from ecowas to cancel"]),
    "assume_stays_false": (6, ["assume[0].stays: only true is meaningful here"]),
    "assume_suspends_toward_a_non_party": (6, ["assume[0].suspends_toward: JPN is not a party of anzus"]),
    "assume_suspends_toward_itself": (6, ["assume[0].suspends_toward: USA cannot suspend its duties toward itself"]),
    "assume_suspension_ends_before_it_starts": (
        6,
        ["assume[0].until: the suspension ends (2019-01-01) before it starts"],
    ),
    "assume_lifts_no_suspension": (6, ["assume[0].lifts_suspension_toward: AUS has no recorded suspension toward NZL"]),
    "assume_lifts_an_ended_suspension": (
        7,
        ["assume[1].from: AUS's suspension toward NZL has already ended by 2015-01-01"],
    ),
    "assume_ends_before_entry_into_force": (6, ["assume[0].ends: aes applies only from 2023-09-16"]),
    "assume_in_force_before_signature": (6, ["assume[0].in_force: ecowas was signed only on 1981-05-29"]),
    "assume_in_force_after_the_end": (6, ["assume[0].in_force: g5-sahel no longer applies from 2023-12-06"]),
    "assume_unknown_clause": (
        6,
        ["assume[0].clause: nato has no clause 'art4-consultaton'", "(did you mean 'art4-consultation'?)"],
    ),
    "assume_unknown_region": (
        6,
        ["assume[0].region: unknown region 'nato-art6-teritory'", "(did you mean 'nato-art6-territory'?)"],
    ),
    "assume_unknown_area": (6, ["assume[0].adds: unknown area 'atlantis-sea'"]),
    "assume_already_in_the_region": (6, ["assume[0].adds: NER is already included in aes-area"]),
    "self_attack": (6, ["events[0].by[0]: NER cannot attack itself"]),
    "duplicate_attacker": (6, ["events[0].by[2]: 'NGA' is listed twice"]),
    "too_many_attackers": (6, ["events[0].by: has 17 items", "at most 16"]),
    "wrong_type_for_by": (6, ["events[0].by: expected a list, not text 'NGA'", "(did you mean '[NGA]'?)"]),
    "duplicate_event_id": (8, ["events[1].id: event id 'strike' is used twice"]),
    "duplicate_key": (6, ["events[0]: key 'target' appears twice"]),
    "yaml_alias": (8, ["aliases are not allowed"]),
    "python_tag": (5, ["python/object/apply:os.system", "is not allowed"]),
    "deep_nesting": (6, ["nested too deeply", "32 levels"]),
    # suggestions that used to mislead: UK is no ISO code (UKR was offered), nor EL (the EU's code for Greece)
    "uk_instead_of_gbr": (5, ["events[0].target", "'UK'", "(did you mean 'GBR'?)"]),
    "el_instead_of_grc": (8, ["events[1].target", "'EL'", "(did you mean 'GRC'?)"]),
    "location_in_words": (6, ["events[0].location", "neither an ISO code nor a named area", "ISO 3166-2", "'US-HI'?)"]),
    "area_in_words": (7, ["events[0].location", "named area", "(did you mean 'mediterranean-sea'?)"]),
    "armed_group_in_by": (6, ["events[0].by[0]", "'JNIM'", "by_non_state", "(did you mean 'by_non_state: JNIM'?)"]),
    "treaty_in_capitals": (7, ["events[0].requested_from[0]", "'NATO'", "(did you mean 'nato'?)"]),
    "id_with_spaces": (1, ["scenario: 'Niger attacked' is not a valid id", "a space is not allowed", "digits"]),
}

# fixture name: (line, words) for each problem, in order: every problem of a file is told, one line each
SEVERAL_MISTAKES: dict[str, list[tuple[int, list[str]]]] = {
    "several_mistakes": [
        (5, ["events[0].target", "'NE'", "(did you mean 'NER'?)"]),
        (7, ["events[1].type: unknown value 'invasion'"]),
        (12, ["events[2].attackers: unknown key 'attackers'"]),
    ],
}

# fixture directory: (file in it the message must name, or "" for the directory; line; words)
RULE_MISTAKES: dict[str, tuple[str, int | None, list[str]]] = {
    "notice_left_differs": ("treaty.yaml", 14, ["parties[2].left", "left is 2003-01-01", "takes effect on 2002-07-01"]),
    "notice_without_period": ("treaty.yaml", 14, ["parties[2].notice.effect", "no notice_period"]),
    "notice_period_malformed": ("treaty.yaml", 14, ["parties[2].notice.effect", "'2 years' is not a period"]),
    "notice_window_one_day": (
        "treaty.yaml",
        14,
        ["parties[2].notice.received.between", "needs two days", "(it has 1)"],
    ),
    "notice_window_inverted": (
        "treaty.yaml",
        14,
        ["parties[2].notice.received.between", "window ends (2002-01-01) before it starts (2002-03-01)"],
    ),
    "unknown_key_in_clause": ("treaty.yaml", 32, ["obligation.bearer: unknown key 'bearer'", "'bearers'?)"]),
    "unknown_key_in_victim": ("treaty.yaml", 27, ["clauses[0].trigger.victim.regoin: unknown key", "'region'"]),
    "unknown_region_in_scope": ("treaty.yaml", 28, ["scope.regions[0]: PACT121 unknown region: 'sahl'", "'sahel'?)"]),
    "unknown_means": ("treaty.yaml", 31, ["obligation.means: unknown value 'armed_forces'", "'armed_force'"]),
    "unknown_state_in_parties": ("treaty.yaml", 12, ["parties[2].state", "'BFO'", "(did you mean 'BFA'?)"]),
    "unknown_state_in_attacker_list": ("treaty.yaml", 27, ["trigger.attacker[0]", "'NGR'", "(did you mean 'NGA'?)"]),
    "membership_ends_before_it_starts": (
        "treaty.yaml",
        14,
        ["parties[2].left: PACT101 membership ends before it starts"],
    ),
    "overlapping_membership": (
        "treaty.yaml",
        16,
        ["parties[3].joined: PACT102 memberships of one state overlap", "BFA", "parties[2]"],
    ),
    "in_force_before_signed": ("treaty.yaml", 4, ["in_force: PACT104 entry into force before signature"]),
    "duplicate_treaty_id": (
        "treaty.yaml",
        1,
        ["treaty: PACT111 duplicate id: 'tiny' is defined twice", "treaty-copy.yaml:1"],
    ),
    "duplicate_clause_id": (
        "treaty.yaml",
        32,
        ["clauses[1].id: PACT111", "'defence' is defined twice", "also on line 22"],
    ),
    "suspension_of_non_party": ("treaty.yaml", 17, ["suspensions[0].toward: PACT131", "NGA is not a party of tiny"]),
    "bearer_not_a_party": ("treaty.yaml", 32, ["obligation.bearers[1]: PACT132", "TCD is not a party of tiny"]),
    "region_cycle": ("geography.yaml", 13, ["regions[0].include_regions[0]: PACT123", "sahel -> niger-basin -> sahel"]),
    "unknown_area_in_region": ("geography.yaml", 12, ["regions[0].include[3]: PACT122 unknown area", "'inland-sea'"]),
    "not_a_rule_file": ("notes.yaml", 1, ["not a rule file", "'treaty:'", "'geography:'"]),
    "empty_rule_file": ("extra.yaml", 1, ["the file is empty"]),
    "empty_rules_dir": ("", None, ["no *.yaml or *.yml rule files"]),
    "only_geography": ("", None, ["no treaty in these rules", "geography files"]),
}


def one_error_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """Run the CLI in-process; it must exit 2 with exactly one line on stderr, and return that line."""
    code = main(argv)
    _, err = capsys.readouterr()
    assert code == 2, err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


def assert_names(message: str, file: Path, line: int | None, words: list[str]) -> None:
    where = f"{file}:{line}: " if line is not None else f"{file}: "
    assert message.startswith(where), f"expected {where!r} at the start of {message!r}"
    for word in words:
        assert word in message, f"{word!r} missing from {message!r}"


@pytest.mark.parametrize("command", ["validate", "run", "test"])
@pytest.mark.parametrize("name", sorted(SCENARIO_MISTAKES))
def test_bad_scenario_is_one_line_naming_file_line_and_field(
    capsys: pytest.CaptureFixture[str], name: str, command: str
) -> None:
    """GIVEN a scenario file with one mistake WHEN any command reads it THEN one line names where and what."""
    file = BAD_SCENARIOS / f"{name}.yaml"
    line, words = SCENARIO_MISTAKES[name]
    argv = [command, str(file)] if command == "validate" else [command, "--backend", "reference", str(file)]
    assert_names(one_error_line(capsys, argv), file, line, words)


@pytest.mark.parametrize("name", sorted(RULE_MISTAKES))
def test_bad_rules_directory_is_one_line_naming_file_line_and_field(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """GIVEN a rules directory with one mistake WHEN a scenario runs on it THEN one line names where and what."""
    folder = BAD_RULES / name
    file, line, words = RULE_MISTAKES[name]
    argv = ["run", "--backend", "reference", "--no-bundled", "--rules", str(folder), str(VALID_SCENARIO)]
    assert_names(one_error_line(capsys, argv), folder / file if file else folder, line, words)


def test_every_fixture_is_in_a_table() -> None:
    """A fixture without a row in the tables above would be tested by nothing."""
    assert sorted(p.stem for p in BAD_SCENARIOS.glob("*.yaml")) == sorted({*SCENARIO_MISTAKES, *SEVERAL_MISTAKES})
    assert sorted(p.name for p in BAD_RULES.iterdir() if p.is_dir()) == sorted(RULE_MISTAKES)


@pytest.mark.parametrize("command", ["validate", "run", "test"])
@pytest.mark.parametrize("name", sorted(SEVERAL_MISTAKES))
def test_every_problem_of_a_file_is_one_line(capsys: pytest.CaptureFixture[str], name: str, command: str) -> None:
    """GIVEN a scenario file with several mistakes WHEN any command reads it THEN one line for each, in file order."""
    file = BAD_SCENARIOS / f"{name}.yaml"
    argv = [command, str(file)] if command == "validate" else [command, "--backend", "reference", str(file)]
    assert main(argv) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == len(SEVERAL_MISTAKES[name]), lines
    for message, (line, words) in zip(lines, SEVERAL_MISTAKES[name], strict=True):
        assert_names(message, file, line, words)


def test_problems_past_the_cap_are_counted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """GIVEN a file with 25 problems THEN the first MAX_PROBLEMS lines, then how many more there are."""
    file = tmp_path / "many.yaml"
    events = "".join(f"  - {{type: armed_attack, target: X{i:02d}}}\n" for i in range(25))
    file.write_text(f"scenario: many\ndate: 2023-10-01\nevents:\n{events}")
    assert main(["validate", str(file)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == MAX_PROBLEMS + 1
    assert [line.split(": ", 2)[1] for line in lines[:-1]] == [f"events[{i}].target" for i in range(MAX_PROBLEMS)]
    assert lines[-1] == f"… and {25 - MAX_PROBLEMS} more"


def test_the_api_gives_every_problem_too() -> None:
    """GIVEN a file with several mistakes WHEN loaded through the API THEN one ScenarioError carries them all."""
    file = BAD_SCENARIOS / "several_mistakes.yaml"
    with pytest.raises(pact.ScenarioError) as caught:
        pact.load_scenario(file, pact.load_rules())
    assert [(p.line, p.field) for p in caught.value.problems] == [
        (5, "events[0].target"),
        (7, "events[1].type"),
        (12, "events[2].attackers"),
    ]
    assert (caught.value.line, caught.value.field) == (5, "events[0].target")


def test_pact_test_goes_on_past_a_bad_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """GIVEN a directory with a good and a bad scenario WHEN pact test runs it THEN the bad one is told,
    the good one still runs, and the exit code is 2 with the counts of the others."""
    shutil.copy(VALID_SCENARIO, tmp_path / "good.yaml")
    shutil.copy(BAD_SCENARIOS / "unknown_state_code.yaml", tmp_path / "bad.yaml")
    code = main(["test", "--backend", "reference", "--rules", str(VALID_RULES), str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert_names(err.strip(), tmp_path / "bad.yaml", 5, ["events[0].target", "'NGR'"])
    assert out.splitlines()[-2:] == ["(1 scenario file is bad input and did not run)", "1 passed, 0 failed"]


def test_huge_file_is_refused_before_it_is_parsed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    file = tmp_path / "huge_file.yaml"
    notes = "".join(f"  - {'x' * 100}\n" for _ in range(MAX_FILE_BYTES // 100 + 1))
    file.write_text(f"scenario: huge\ndate: 2023-10-01\nevents: [{{type: armed_attack, target: NER}}]\nnotes:\n{notes}")
    assert file.stat().st_size > MAX_FILE_BYTES
    message = one_error_line(capsys, ["validate", str(file)])
    assert_names(message, file, None, ["bytes", f"at most {MAX_FILE_BYTES}"])


def test_missing_file_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    file = tmp_path / "no-such-scenario.yaml"
    assert_names(one_error_line(capsys, ["validate", str(file)]), file, None, ["no such file"])


def test_the_valid_rules_the_rule_fixtures_start_from_pass(capsys: pytest.CaptureFixture[str]) -> None:
    """GIVEN the rules directory every rule fixture mutates THEN it is valid and its scenario passes."""
    code = main(["test", "--backend", "reference", "--rules", str(VALID_RULES), str(VALID_SCENARIO)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "1 passed, 0 failed" in out


def test_a_bundled_scenario_validates(capsys: pytest.CaptureFixture[str]) -> None:
    file = SCENARIOS / "aes-niger-attacked.yaml"
    code = main(["validate", str(file)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.strip() == f"ok {file}" and not err


@pytest.mark.parametrize(
    "file",
    [
        BAD_SCENARIOS / "python_tag.yaml",
        BAD_SCENARIOS / "malformed_yaml.yaml",
        BAD_SCENARIOS / "control_character.yaml",
        BAD_SCENARIOS / "unknown_state_code.yaml",
        BAD_RULES / "bearer_not_a_party" / "treaty.yaml",
    ],
    ids=lambda p: p.stem if p.parent == BAD_SCENARIOS else p.parent.name,
)
def test_console_prints_one_line_and_no_traceback(file: Path) -> None:
    """GIVEN bad input WHEN pact runs as a real process THEN stderr is one line, the exit code 2."""
    done = subprocess.run(
        [sys.executable, "-m", "pact", "validate", str(file)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith(f"{file}:")


def test_console_validates_a_bundled_scenario() -> None:
    file = SCENARIOS / "aes-niger-attacked.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "pact", "validate", str(file)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"ok {file}" and not done.stderr


def test_validating_a_geography_file_runs_the_cross_file_checks(capsys: pytest.CaptureFixture[str]) -> None:
    file = BAD_RULES / "region_cycle" / "geography.yaml"
    assert_names(one_error_line(capsys, ["validate", str(file)]), file, 13, ["cycle"])


def test_problems_are_told_in_the_order_of_the_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A scenario's own problems and those found against the rules came out in two runs (line 8, then 4)."""
    file = tmp_path / "order.yaml"
    file.write_text(
        "scenario: order\ndate: 1970-01-01\ndeterminations:\n"
        "  - {treaty: natoo, date: 1970-01-01, finding: armed_attack}\n"
        "events:\n  - id: e1\n    type: armed_attack\n    target: BHS\n"
    )
    assert main(["validate", str(file)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert [int(line.split(":")[1]) for line in lines] == [4, 8], lines


@pytest.mark.parametrize(("typed", "meant"), [("ZZZ", None), ("NGR", "NGA"), ("XZA", "TZA")])
def test_did_you_mean_offers_only_iso_codes(typed: str, meant: str | None) -> None:
    """'ZZZ' got "did you mean 'XZZ'?" (Zanzibar in 1964, a code of pact's own, no ISO code)."""
    assert alpha3_hint(typed) == meant


def test_no_typo_of_pact_s_own_codes_is_answered_with_one() -> None:
    """Every one-letter slip of every code pact made up itself (X..) is offered an ISO code or nothing."""
    own = {code for code, state in states.registry().items() if state.kind is states.Kind.pact}
    slips = {code[:i] + letter + code[i + 1 :] for code in own for i in range(3) for letter in string.ascii_uppercase}
    offered = {alpha3_hint(slip) for slip in slips if not is_alpha3(slip)}
    assert len(offered) > 10 and not offered & own
