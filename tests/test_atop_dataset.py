"""The real ATOP 4.01 files: every alliance imports, the files are valid rules, and pact agrees with ATOP.

ATOP has no redistribution licence: its files are never committed. They are read from
../shared/data/atop beside the repository (where CI has them), $PACT_ATOP_DATA, or
/work/shared/data/atop; without them these tests are skipped, saying where they looked. The
figures these tests pin are those of docs/atop.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

import pact
from pact.analysis.atop_agreement import (
    DyadClass,
    MissingDyads,
    Outcome,
    Pledge,
    Sampler,
    Verdict,
    compare_dyad_table,
    compare_dyads,
    compare_triples,
)
from pact.analysis.dyads import Attacker, Baseline, Every, dyads
from pact.cli import main
from pact.importers.atop import ImportedAlliance, import_atop
from pact.importers.atop_data import MemberRow, read_members
from pact.importers.compare import BUNDLED_PAIRS, differences
from pact.importers.writer import write_rules
from pact.model import Bearers, Rulebook, Scenario
from pact.plan.compile import ClausePlan
from pact.plan.conditions import AttackerAmong, Condition, LocationIn, NamedCondition, VictimWithin
from pact.validate.static import check_rulebook

from .conftest import ATOP_DATA, ATOP_MEMBERS, ROOT
from .dyad_oracle import brute_force, from_table

MEMBERS, ALLIANCES = ATOP_MEMBERS, "atop4_01_alliance_level.csv"
DATA = ATOP_DATA

pytestmark = pytest.mark.skipif(
    DATA is None,
    reason="ATOP 4.01 not found (looked in $PACT_ATOP_DATA, ../shared/data/atop, /work/shared/data/atop); "
    "it is not redistributable, see docs/atop.md",
)

SAMPLE = (3180, 3075, 3215, 3895, 4220, 3445, 3375, 3610, 1020, 3330, 1110, 1350, 2130, 3405, 1205, 4070)
"""Alliances for the slower checks: the six with bundled counterparts, asymmetric and multi-phase ones,
parallel phases (3610, 4070), offense (1350), non-aggression by some (2130), guarantees (3405)."""


@pytest.fixture(scope="module")
def rows() -> list[MemberRow]:
    assert DATA is not None
    return read_members(DATA / MEMBERS)


@pytest.fixture(scope="module")
def imported() -> dict[int, ImportedAlliance]:
    assert DATA is not None
    return {i.atopid: i for i in import_atop(DATA / MEMBERS, DATA / ALLIANCES)}


def rulebook_of(alliances: list[ImportedAlliance]) -> Rulebook:
    return Rulebook(
        treaties=tuple(i.treaty for i in alliances), geography=tuple(i.geography for i in alliances if i.geography)
    )


@pytest.fixture(scope="module")
def whole(imported: dict[int, ImportedAlliance]) -> pact.Engine:
    return pact.Engine(rulebook_of(list(imported.values())), backend="reference")


def test_all_745_alliances_import_and_pass_the_static_checks(imported: dict[int, ImportedAlliance]) -> None:
    assert len(imported) == 745
    assert all(i.treaty.treaty == f"atop-{a}" for a, i in imported.items())
    geographies = [i.geography for i in imported.values() if i.geography]
    assert check_rulebook([i.treaty for i in imported.values()], geographies) == []
    adjusted = [a for i in imported.values() for a in i.adjustments]
    assert len(adjusted) == 29, "docs/atop.md counts the memberships cut to pact's statehood"
    assert all("was not a state" in a.what for a in adjusted)


def test_the_files_load_beside_the_bundled_rules_and_validate_alone(
    imported: dict[int, ImportedAlliance], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """GIVEN the 745 imported treaties written as files WHEN loaded over the bundled rules THEN they are the same
    models; WHEN validated alone THEN every file is ok."""
    models = [m for i in imported.values() for m in (i.treaty, i.geography) if m is not None]
    written = write_rules(models, tmp_path)
    loaded = pact.load_rules(tmp_path)
    assert len(loaded.treaties) == 745 + len(pact.load_rules().treaties)
    assert all(loaded.treaty(i.treaty.treaty) == i.treaty for i in imported.values())
    assert main(["validate", "--no-bundled", str(tmp_path)]) == 0
    assert capsys.readouterr().out.count("\nok ") + 1 == len(written)


def test_us_japan_1960_binds_only_the_united_states(imported: dict[int, ImportedAlliance]) -> None:
    engine = pact.Engine(rulebook_of([imported[3375]]), backend="reference")
    events = [{"type": "armed_attack", "target": t, "by": ["CHN"]} for t in ("JPN", "USA")]
    result = engine.evaluate(Scenario.model_validate({"scenario": "us-japan", "date": "1970-01-01", "events": events}))
    assert {(o.state, o.toward) for o in result.obligations if o.kind.value == "defense"} == {("USA", "JPN")}


def test_nato_defense_hinges_on_its_location_condition(imported: dict[int, ImportedAlliance]) -> None:
    """GIVEN ATOP's NATO (defense conditional on location, which ATOP does not detail) WHEN Norway is attacked
    THEN each ally's defense is undetermined, naming the condition; settled, it is owed."""
    engine = pact.Engine(rulebook_of([imported[3180]]), backend="reference")
    event = {"type": "armed_attack", "target": "NOR", "by": ["SUN"]}
    scenario = Scenario.model_validate({"scenario": "n", "date": "1970-01-01", "events": [event]})
    result = engine.evaluate(scenario)
    defense = [u for u in result.undetermined if u.kind.value == "defense"]
    assert len(defense) == 14 and all(u.deciding == ("atop-3180-location",) for u in defense)
    settled = event | {"conditions": {"atop-3180-location": True}}
    again = engine.evaluate(Scenario.model_validate({"scenario": "n", "date": "1970-01-01", "events": [settled]}))
    assert len([o for o in again.obligations if o.kind.value == "defense"]) == 14


def test_pact_agrees_with_atop_on_every_alliance(imported: dict[int, ImportedAlliance], rows: list[MemberRow]) -> None:
    """GIVEN every member of every alliance attacked by a non-ally on sampled days WHEN evaluated on its alliance
    THEN pact gives ATOP's verdict for each other member: 100% on unconditional defense by bearers that were
    states, and every other difference is a member that was not a state in pact's registry that day."""
    engines: dict[int, pact.Engine] = {}

    def own(atopid: int) -> pact.Engine:
        if atopid not in engines:
            engines[atopid] = pact.Engine(rulebook_of([imported[atopid]]), backend="reference")
        return engines[atopid]

    agreement = compare_triples(own, Sampler(rows, inside=0))
    outcomes = Counter(c.outcome for c in agreement.comparisons)
    assert outcomes[Outcome.disagree] == 0, [
        c.render() for c in agreement.comparisons if c.outcome is Outcome.disagree
    ][:5]
    assert agreement.unconditional_rate() == 1.0
    assert len(agreement.comparisons) > 700_000 and len(agreement.unconditional()) > 38_000
    assert outcomes[Outcome.bearer_not_a_state] == 50
    table = agreement.table()
    assert table[(Verdict.undetermined.value, Verdict.undetermined.value)] > 160_000
    assert table[(Verdict.obligated.value, Verdict.obligated.value)] > 38_000


def test_the_whole_rulebook_gives_the_same_answers_as_each_alliance_alone(
    imported: dict[int, ImportedAlliance], rows: list[MemberRow], whole: pact.Engine
) -> None:
    sampled = [r for r in rows if r.atopid in SAMPLE]
    alone = {a: pact.Engine(rulebook_of([imported[a]]), backend="reference") for a in SAMPLE}
    one = compare_triples(lambda a: alone[a], Sampler(sampled, inside=0))
    together = compare_triples(whole, Sampler(sampled, inside=0))
    assert sorted(one.comparisons, key=repr) == sorted(together.comparisons, key=repr)


def test_dyad_years_agree_with_the_member_file(rows: list[MemberRow], whole: pact.Engine) -> None:
    """GIVEN four years (1930 for Locarno) WHEN pact's directed dyads with a defense pledge are compared with the
    member file THEN pact has none that ATOP lacks, and each one it lacks is in a known class."""
    compared = compare_dyads(whole, rows, [1914, 1930, 1960, 2005])
    classes = {}
    for pledge, comparison in compared.items():
        assert comparison.only_pact == frozenset(), pledge
        classes[pledge] = Counter(MissingDyads(rows).explain(d, pledge) for d in comparison.only_reference)
        assert DyadClass.unexplained not in classes[pledge], pledge
    assert classes[Pledge.member] == {DyadClass.not_a_state: 16, DyadClass.own_adversaries: 2}
    assert classes[Pledge.alliance] == {
        DyadClass.not_a_state: 16,
        DyadClass.asymmetric: 13,
        DyadClass.own_adversaries: 2,
    }
    assert len(compared[Pledge.member].both) == 3541


ATOP_LIKE = Baseline(Attacker.adversaries, undetermined=True)
"""ATOP's reading of a pledge: whatever its conditions (``pact dyads --attacker adversaries --undetermined``)."""


ALWAYS_MISSING = {DyadClass.own_adversaries: 20, DyadClass.not_a_state: 4}
"""1925-1934: Locarno's France and Germany (2 a year); a side not yet a state in pact's registry."""


@pytest.mark.parametrize(
    ("baseline", "counted", "conditional", "both"),
    [(Baseline(), False, 366, 16), (ATOP_LIKE, True, 0, 382)],
    ids=["plain", "atop-like"],
)
def test_the_yearly_table_of_pact_dyads_agrees_with_the_member_file(
    rows: list[MemberRow], whole: pact.Engine, baseline: Baseline, counted: bool, conditional: int, both: int
) -> None:
    """GIVEN the yearly table `pact dyads` makes over the imported rules, 1925-1934 (Locarno in force) WHEN its
    defense column is compared with the member file THEN pact has no dyad-year that ATOP lacks, and each one it
    lacks is in a known class: with the plain baseline most are pledges under conditions it does not meet."""
    years = range(1925, 1935)
    table = dyads(whole, date(1925, 1, 1), date(1935, 1, 1), Every.year, baseline)
    missing = MissingDyads(rows, conditional_counted=counted)
    classes = {}
    compared = compare_dyad_table(table, rows, years)
    for pledge, comparison in compared.items():
        assert comparison.only_pact == frozenset(), pledge
        classes[pledge] = Counter(missing.explain(d, pledge) for d in comparison.only_reference)
        assert DyadClass.unexplained not in classes[pledge], pledge
    expected = ALWAYS_MISSING | ({DyadClass.conditional: conditional} if conditional else {})
    assert classes[Pledge.member] == expected
    assert classes[Pledge.alliance] == expected | {DyadClass.asymmetric: 10}
    assert len(compared[Pledge.member].both) == both and len(compared[Pledge.member].reference) == 406


@pytest.mark.parametrize("baseline", [Baseline(), ATOP_LIKE], ids=["plain", "atop-like"])
def test_dyads_over_the_imported_rules_agree_with_each_day_evaluated_alone(
    whole: pact.Engine, baseline: Baseline
) -> None:
    """GIVEN the dyad table of 1960 over the 745 alliances (each asked on rules narrowed to it and the regions
    it names) WHEN the alliances in force with a location condition, those binding attackers
    (non-aggression), those naming adversaries and those with conditions pact cannot test are evaluated on
    the whole rules one question at a time on three days THEN the table holds exactly the duties they give."""
    start, end = date(1960, 1, 1), date(1961, 1, 1)
    table = list(dyads(whole, start, end, Every.change, baseline))
    plan, days = whole.plan, (start, date(1960, 7, 1), date(1960, 12, 31))
    live = [t for t in plan.treaties if any(plan.standing(t, s, days[1].toordinal()) for s in plan.members_ever(t))]

    def picked(test: Callable[[ClausePlan, Condition], bool]) -> list[str]:
        return [t for t in live if any(test(c, t) for c in plan.clauses_of(t) for t in c.conditions)][:5]

    groups = {
        "located": picked(lambda c, t: isinstance(t, VictimWithin | LocationIn)),
        "attacking": picked(lambda c, t: c.bearers is Bearers.attacking_parties),
        "adversaries": picked(lambda c, t: isinstance(t, AttackerAmong)),
        "conditions": picked(lambda c, t: isinstance(t, NamedCondition)),
    }
    owing = set()
    for treaty in {t for group in groups.values() for t in group}:
        for day in days:
            found = from_table(whole, table, treaty, day)
            assert found == brute_force(whole, treaty, day, baseline), (treaty, day)
            owing |= {treaty} if found else set()
    # some duties were compared, not only their absence; with the baseline counting conditions, every group's
    assert owing & set(groups["located"]) and owing & set(groups["attacking"]), owing
    if baseline.undetermined:
        assert all(owing & set(group) for group in groups.values()), (owing, groups)


def test_pact_check_passes_on_a_sample_on_both_backends(
    imported: dict[int, ImportedAlliance], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`pact check` on the full set is too slow for CI (docs/performance.md): 16 alliances, both backends."""
    models = [m for a in SAMPLE for m in (imported[a].treaty, imported[a].geography) if m is not None]
    write_rules(models, tmp_path / "rules")
    backends = ["reference"]
    try:
        import pact.backends.durable.backend  # noqa: F401

        backends.append("durable")
    except ImportError:
        pass
    for backend in backends:
        argv = ["check", "--rules", str(tmp_path / "rules"), "--no-bundled", "--examples", "25"]
        code = main([*argv, "--backend", backend, "--save-failures", str(tmp_path / backend)])
        out = capsys.readouterr().out
        assert code == 0, out
        assert out.strip().splitlines()[-1].startswith("0 static findings;"), out


def test_every_difference_from_the_bundled_rules_is_in_the_docs(imported: dict[int, ImportedAlliance]) -> None:
    """docs/atop.md lists each difference between a bundled treaty and ATOP's record of it, with a judgement."""
    docs = (ROOT / "docs" / "atop.md").read_text(encoding="utf-8")
    bundled = pact.load_rules()
    for ours, atopid in BUNDLED_PAIRS.items():
        for difference in differences(bundled.treaty(ours), imported[atopid].treaty):
            assert f"`{difference.treaty}` {difference.subject}:" in docs, difference.render()
