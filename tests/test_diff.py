"""``pact diff``: duties gained, lost and changed between two scenarios or two rule sets."""

from __future__ import annotations

import json

import pytest

import pact
from pact.cli import main
from pact.model.lexicon import RuleWords
from pact.render.diff import mermaid, table
from pact.render.reader import Reader

from .conftest import FIXTURES, SCENARIOS

BEFORE = SCENARIOS / "nato-sweden-before-accession.yaml"
AFTER = SCENARIOS / "nato-sweden-after-accession.yaml"
CHAD = SCENARIOS / "aes-chad-joins-hypothetical-2025.yaml"
NATO = FIXTURES / "layers" / "nato-amended"


def result(engine: pact.Engine, file, rules: pact.Rulebook | None = None) -> pact.Result:
    return engine.evaluate(pact.load_scenario(file, rules or engine.rulebook), full=False)


def test_sweden_gains_article_5_on_accession(engine: pact.Engine) -> None:
    d = pact.diff(result(engine, BEFORE), result(engine, AFTER))
    gained = {(x.state, x.treaty, x.clause, x.toward) for x in d.gained}
    assert {("USA", "nato", "art5-territory", "SWE"), ("FIN", "nato", "art5-territory", "SWE")} <= gained
    assert len(gained) == 31  # every other party of the 32
    assert d.lost == () and d.changed == ()
    assert {(x.state, x.treaty) for x in d.kept} >= {("FIN", "eu"), ("DEU", "eu")}


def test_the_reverse_loses_what_was_gained(engine: pact.Engine) -> None:
    forward = pact.diff(result(engine, BEFORE), result(engine, AFTER))
    backward = pact.diff(result(engine, AFTER), result(engine, BEFORE))
    assert backward.lost == forward.gained and backward.gained == () and backward.kept == forward.kept


def test_a_redefined_clause_shows_as_changed_and_dropped_parties_as_lost(engine: pact.Engine) -> None:
    """GIVEN the amended NATO layer (three parties, Article 5 as amended, armed force) THEN on Sweden's
    accession day USA and NOR's duties change their article and means, and every other party's is lost."""
    amended = pact.Engine(pact.load_rules(NATO), backend="reference")
    d = pact.diff(result(engine, AFTER), result(amended, AFTER))
    changed = {
        (c.after.state, c.before.article, c.after.article, c.before.means.value, c.after.means.value) for c in d.changed
    }
    assert changed == {
        (state, "Article 5 (with Article 6(1))", "Article 5 (as amended)", "action_deemed_necessary", "armed_force")
        for state in ("USA", "NOR")
    }
    lost = {(x.state, x.treaty) for x in d.lost}
    assert ("FIN", "nato") in lost and ("TUR", "nato") in lost and len(lost) == 29
    assert d.gained == ()
    assert all(x.treaty == "eu" for x in d.kept)


def test_a_scenario_against_itself_without_assumptions(engine: pact.Engine) -> None:
    chad = pact.load_scenario(CHAD, engine.rulebook)
    d = pact.diff(engine.evaluate(chad.model_copy(update={"assume": ()})), engine.evaluate(chad))
    assert {(x.state, x.toward) for x in d.gained} == {("MLI", "TCD"), ("BFA", "TCD"), ("NER", "TCD"), ("TCD", "NER")}
    assert d.lost == () and d.changed == ()


def test_table_and_mermaid(engine: pact.Engine) -> None:
    amended = pact.Engine(pact.load_rules(NATO), backend="reference")
    d = pact.diff(result(engine, AFTER), result(amended, AFTER))
    who = Reader("en", RuleWords.of(amended.rulebook), names=True)
    text = table(d, who)
    assert "Gained: none" in text and "Lost (29):" in text and "Changed (2):" in text
    assert "defense, action deemed necessary, Article 5 (with Article 6(1))" in text
    graph = mermaid(d, who).splitlines()
    assert graph[0] == "graph LR"
    edges = [line for line in graph if "-->" in line]
    assert '  SWE["Sweden"]' in graph
    styles = [line for line in graph if line.strip().startswith("linkStyle")]
    assert len(edges) == len(styles) == len(d.lost) + len(d.changed) + len(d.kept)
    assert '  USA -->|"NATO Article 5 → Article 5 (changed)"| SWE' in graph
    assert sum("#c62828" in s for s in styles) == 29 and sum("#ef6c00" in s for s in styles) == 2


def test_cli_one_file_diffs_its_assumptions(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["diff", "--backend", "reference", "-f", "json", str(CHAD)])
    out, err = capsys.readouterr()
    assert code == 0, err
    data = json.loads(out)
    assert data["a"].endswith("without its assumptions") and len(data["gained"]) == 4


def test_cli_two_files_and_two_rule_sets(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["diff", "--backend", "reference", str(BEFORE), str(AFTER)])
    out, _ = capsys.readouterr()
    assert code == 0 and "Gained (31):" in out
    code = main(["diff", "--backend", "reference", "-f", "mermaid", "--rules-b", str(NATO), str(AFTER)])
    out, err = capsys.readouterr()
    assert code == 0 and out.startswith("graph LR") and "(changed)" in out
    assert "replaced by" in err  # the note names the amended treaty once


def test_cli_diff_with_nothing_to_compare_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["diff", str(BEFORE)])
    assert code == 2
    assert "nothing to compare" in capsys.readouterr().err


def test_conflicts_gained(engine: pact.Engine) -> None:
    """GIVEN Niger staying in ECOWAS THEN it is bound to both sides when Burkina Faso attacks Benin."""
    stays = pact.load_scenario(SCENARIOS / "ecowas-niger-stays-hypothetical-2025.yaml", engine.rulebook)
    d = pact.diff(engine.evaluate(stays.model_copy(update={"assume": ()})), engine.evaluate(stays))
    assert [(t.state, t.event, t.toward, t.against) for t in d.conflicts_gained] == [("NER", "e1", "BEN", "BFA")]
    assert d.conflicts_lost == ()
    assert "Conflicts gained (1): states bound to both sides" in table(d, Reader("en", names=True))
    assert "Conflits nouveaux (1) : États liés aux deux camps" in table(d, Reader("fr", names=True))
