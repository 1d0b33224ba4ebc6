"""Error messages in French (``--lang fr``), worded from the catalogues; PACT codes as a field.

English error lines are pinned by test_bad_input.py and test_check.py; here, the same mistakes in
French, and the checks that every message pact writes has words in every catalogue.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import pact
from pact.cli import main
from pact.core.errors import InputError, RuleError
from pact.core.system import _KINDS, _REASONS
from pact.load.loader import _EXPECTED, _PYDANTIC, read_rules
from pact.validate.static import CODES, WARNINGS
from pact.words import LANGUAGES, Words, catalogue

from .conftest import FIXTURES, ROOT

BAD_SCENARIOS = FIXTURES / "invalid" / "scenarios"
BAD_RULES = FIXTURES / "invalid" / "rules"
VALID_SCENARIO = FIXTURES / "valid" / "scenario.yaml"
DEFECTS = FIXTURES / "check"


def error_lines(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[str]:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err.splitlines()


# fixture: the French line after "FILE:LINE: ", whole
FRENCH_SCENARIO_LINES = {
    # pydantic's own errors, by type
    "unknown_key": "evnets: clé inconnue 'evnets' (vouliez-vous dire 'events' ?)",
    "missing_date": "date: champ obligatoire manquant",
    "empty_events": "events: il faut au moins 1 élément, non 0",
    "wrong_type_for_by": "events[0].by: il faut une liste, non le texte 'NGA' (vouliez-vous dire '[NGA]' ?)",
    "unknown_event_type": (
        "events[0].type: valeur inconnue 'invasion' ; valeurs attendues : "
        "'armed_attack', 'armed_rebellion', 'terrorist_attack' ou 'armed_threat'"
    ),
    # pact's validators
    "unknown_state_code": "events[0].target: code ISO 3166-1 alpha-3 inconnu 'NGR' (vouliez-vous dire 'NGA' ?)",
    "impossible_date": "date: 2023-02-30 n'est pas une date qui existe : ce jour n'existe pas dans ce mois",
    "self_attack": "events[0].by[0]: NER ne peut pas s'attaquer lui-même",
    # the scenario checked against the rules, and its assumptions
    "territory_as_target": "events[0].target: GUM est un territoire de USA : indiquez target: USA et location: GUM",
    "target_before_independence": (
        "events[0].target: JAM n'était pas un État le 1960-01-01 : il l'est devenu le 1962-08-06 ; "
        "auparavant, il relevait de GBR (vouliez-vous dire 'GBR' ?)"
    ),
    "unknown_treaty_in_expect": "expect.obligated[1].treaty: traité inconnu 'aess' (vouliez-vous dire 'aes' ?)",
    "assume_leaves_before_joining": "assume[0].leaves: NER n'adhère au traité aes que le 2023-09-16",
}


@pytest.mark.parametrize("command", ["validate", "run", "test"])
@pytest.mark.parametrize("name", sorted(FRENCH_SCENARIO_LINES))
def test_a_bad_scenario_is_told_in_french(capsys: pytest.CaptureFixture[str], name: str, command: str) -> None:
    file = BAD_SCENARIOS / f"{name}.yaml"
    argv = [command, "--lang", "fr", str(file)]
    [line] = error_lines(capsys, argv if command == "validate" else [*argv, "--backend", "reference"])
    where, _, message = line.partition(": ")
    assert where.startswith(f"{file}:")
    assert message == FRENCH_SCENARIO_LINES[name]


def test_pact_lang_in_the_environment_words_errors_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PACT_LANG", "fr")
    [line] = error_lines(capsys, ["validate", str(BAD_SCENARIOS / "missing_date.yaml")])
    assert line.endswith("date: champ obligatoire manquant")


def test_problems_past_the_cap_are_counted_in_french(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    file = tmp_path / "many.yaml"
    events = "".join(f"  - {{type: armed_attack, target: X{i:02d}}}\n" for i in range(25))
    file.write_text(f"scenario: many\ndate: 2023-10-01\nevents:\n{events}")
    assert error_lines(capsys, ["validate", "--lang", "fr", str(file)])[-1] == "… et 5 autres"


def test_a_static_finding_is_told_in_french_with_its_code(capsys: pytest.CaptureFixture[str]) -> None:
    folder = BAD_RULES / "in_force_before_signed"
    argv = ["run", "--lang", "fr", "--backend", "reference", "--no-bundled", "--rules", str(folder)]
    [line] = error_lines(capsys, [*argv, str(VALID_SCENARIO)])
    assert line == (
        f"{folder / 'treaty.yaml'}:4: in_force: PACT104 entrée en vigueur antérieure à la signature : "
        "entrée en vigueur le 2000-06-01, signature le 2000-07-01"
    )


def test_pact_check_words_findings_in_french(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A finding with a suggestion, in French; the code comes from the field, not from the text."""
    rules = DEFECTS / "bearers_include_victim"
    argv = ["check", "--lang", "fr", "--examples", "5", "--save-failures", str(tmp_path), "--backend", "reference"]
    main([*argv, "--rules", str(rules), "--no-bundled"])
    findings = [line for line in capsys.readouterr().out.splitlines() if ": PACT133 " in line]
    assert findings, "no PACT133 finding"
    assert all(
        "PACT133 un État désigné comme tenu peut être la victime : " in line
        and "pact ne lie jamais une victime envers elle-même" in line
        and line.endswith("(vouliez-vous dire 'bearers: other_parties' ?)")
        for line in findings
    ), findings


def test_findings_carry_their_code_as_a_field() -> None:
    reading = read_rules([BAD_RULES / "in_force_before_signed"], bundled=False)
    [finding] = reading.problems
    assert isinstance(finding, RuleError)
    assert finding.code == "PACT104"
    assert finding.message == "entry into force before signature: in force 2000-06-01, signed 2000-07-01"
    assert finding.render().endswith(
        "in_force: PACT104 entry into force before signature: in force 2000-06-01, signed 2000-07-01"
    )


def test_warnings_are_told_by_their_code_field() -> None:
    """PACT133 is a warning: the rules still load; the loader tells it by ``code``, not by parsing text."""
    reading = read_rules([DEFECTS / "bearers_include_victim"], bundled=False)
    assert {p.code for p in reading.problems} == {"PACT133"} <= WARNINGS
    assert reading.errors == ()
    reading.rulebook()  # loads


def test_an_error_without_words_keeps_its_english_text() -> None:
    """Text pact does not word (a message from outside pact) falls back to itself, in any language."""
    error = InputError("something odd", file="x.yaml", line=3, field="a", suggestion="b")
    assert error.render("fr") == "x.yaml:3: a: something odd (vouliez-vous dire 'b' ?)"
    assert error.render() == "x.yaml:3: a: something odd (did you mean 'b'?)"


# --- every message pact writes has words -------------------------------------------------------


def _problems_of_every_fixture() -> Iterator[tuple[str, InputError]]:
    rulebook = pact.load_rules()
    for file in sorted(BAD_SCENARIOS.glob("*.yaml")):
        try:
            pact.load_scenario(file, rulebook)
        except InputError as error:
            yield from ((file.stem, p) for p in error.problems)
    for folder in sorted(p for p in BAD_RULES.iterdir() if p.is_dir()):
        yield from ((folder.name, p) for p in read_rules([folder], bundled=False).problems)
    for folder in sorted(p for p in DEFECTS.iterdir() if p.is_dir()):
        yield from ((folder.name, p) for p in read_rules([folder], bundled=False).problems)


def _keys(words: Words) -> Iterator[str]:
    yield words.key
    for value in words.params.values():
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, Words):
                yield from _keys(item)


def test_every_problem_of_every_bad_fixture_is_worded_in_every_language() -> None:
    """Each problem of each bad fixture (scenarios, rules, planted defects) is given as catalogue words,
    every key it uses exists in every catalogue, and its French line differs from its English line."""
    seen = 0
    for name, problem in _problems_of_every_fixture():
        assert problem.words is not None, f"{name}: {problem.message!r} has no catalogue words"
        for language in LANGUAGES:
            assert set(_keys(problem.words)) <= set(catalogue(language)), (name, language)
        assert problem.render("fr") != problem.render("en"), name
        seen += 1
    assert seen > 100


_ERROR_PREFIXES = (
    "error|code|check|state|yaml|value|input|id|pydantic|iso|date|model|rules|scenario|assume|file|os|write|csv|dataset"
)


def _keys_named_in_the_source() -> set[str]:
    """Every string in pact's code shaped like an error message key (``input.missing``), and the keys
    pact builds from a name (``code.PACTnnn``, ``pydantic.TYPE``, ``os.ERRNO``, ``file.KIND``)."""
    shape = re.compile(rf"^({_ERROR_PREFIXES})\.[A-Za-z0-9_]+$")
    found = {
        node.value
        for file in (ROOT / "pact").rglob("*.py")
        if "words" not in file.parts
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and shape.match(node.value)
    }
    check = (ROOT / "pact" / "validate" / "static.py").read_text(encoding="utf-8")
    found |= {f"code.{code}" for code in re.findall(r'"(PACT\d{3})"', check)}
    found |= {f"pydantic.{kind}" for kind in _PYDANTIC} | {f"os.{name}" for name in _REASONS}
    found |= {f"file.{name}" for _, name in _KINDS} | set(_EXPECTED.values())
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_error_key_the_code_names_is_in_the_catalogue(language: str) -> None:
    keys = _keys_named_in_the_source()
    assert len(keys) > 150
    assert sorted(keys - set(catalogue(language))) == []


def test_every_code_has_a_title_in_every_language() -> None:
    assert len(CODES) == 23
    for language in LANGUAGES:
        assert {f"code.{code}" for code in CODES} <= set(catalogue(language))


def test_an_unknown_filter_of_pact_explain_is_told_in_french(capsys: pytest.CaptureFixture[str]) -> None:
    scenario = ROOT / "scenarios" / "ecowas-force-enters-niger-2023.yaml"
    argv = ["explain", "--lang", "fr", "--backend", "reference", "--treaty", "ecowass", str(scenario)]
    assert error_lines(capsys, argv) == [
        "<entrée>: --treaty: aucun traité 'ecowass' dans les règles (vouliez-vous dire 'ecowas' ?)"
    ]
