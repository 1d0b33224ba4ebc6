"""`pact import atop` on small made-up files in ATOP's format: each mapping rule, and bad input.

These files are invented for the tests (ATOP's own files are not redistributable); the real
dataset is tested in tests/test_atop_dataset.py.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import pact
from pact.cli import main
from pact.core.errors import DatasetError
from pact.importers.atop import import_atop, membership
from pact.importers.atop_data import FLAGS, read_members
from pact.importers.writer import write_rules
from pact.model import Bearers, Rulebook, Scenario, Treaty
from pact.validate.static import check_rulebook

MEMBER_COLUMNS = ["atopid", "member", "phase", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit"]
ALLIANCE_COLUMNS = ["atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "ineffect"]


def member(atopid: int, ccode: int, entry: str, exit: str | None = None, phase: int = 0, **coded: Any) -> dict:
    """A member row: dates as 'YYYY-MM-DD' ('YYYY-MM-' for a missing day), variables coded as keywords."""
    y, m, d = entry.split("-")
    row = {"atopid": atopid, "member": ccode, "phase": phase, "yrent": y, "moent": m, "dayent": d}
    if exit:
        ey, em, ed = exit.split("-")
        row |= {"yrexit": ey, "moexit": em, "dayexit": ed, "ineffect": 0}
    else:
        row |= {"yrexit": 0, "moexit": 0, "dayexit": 0, "ineffect": 1}
    return row | {k: int(v) for k, v in coded.items()}


def write_atop(folder: Path, members: list[dict]) -> tuple[Path, Path]:
    """Member- and alliance-level CSV files in ATOP's layout (the alliance rows derived from the members)."""
    folder.mkdir(parents=True, exist_ok=True)
    member_file, alliance_file = folder / "members.csv", folder / "alliances.csv"
    columns = [*MEMBER_COLUMNS, *FLAGS, "statthr1", "statthr2"]
    with member_file.open("w", newline="") as file:
        writer = csv.DictWriter(file, columns, restval=0)
        writer.writeheader()
        writer.writerows(members)
    with alliance_file.open("w", newline="") as file:
        writer = csv.DictWriter(file, ALLIANCE_COLUMNS, restval=0)
        writer.writeheader()
        for atopid in dict.fromkeys(m["atopid"] for m in members):
            rows = [m for m in members if m["atopid"] == atopid]
            first = min(rows, key=lambda m: (int(m["yrent"]), int(m["moent"])))
            writer.writerow(
                {"atopid": atopid, "begyr": first["yrent"], "begmo": first["moent"], "begday": first["dayent"]}
                | {"ineffect": int(any(m.get("ineffect") for m in rows))}
            )
    return member_file, alliance_file


def imported(tmp_path: Path, members: list[dict]) -> dict[int, Any]:
    found = {i.atopid: i for i in import_atop(*write_atop(tmp_path, members))}
    models = [m for i in found.values() for m in (i.treaty, i.geography) if m is not None]
    treaties = [m for m in models if isinstance(m, Treaty)]
    assert check_rulebook(treaties, [m for m in models if not isinstance(m, Treaty)]) == []
    return found


def engine_of(found: dict[int, Any]) -> pact.Engine:
    treaties = tuple(i.treaty for i in found.values())
    geography = tuple(i.geography for i in found.values() if i.geography)
    return pact.Engine(Rulebook(treaties=treaties, geography=geography), backend="reference")


def attack(engine: pact.Engine, day: str, target: str, by: str, **extra: Any) -> pact.Result:
    event = {"type": "armed_attack", "target": target, "by": [by], **extra}
    return engine.evaluate(Scenario.model_validate({"scenario": "t", "date": day, "events": [event]}))


def owed(result: pact.Result, kind: str = "defense") -> set[tuple[str, str]]:
    return {(o.state, o.toward) for o in result.obligations if o.kind.value == kind}


def undetermined(result: pact.Result) -> set[tuple[str, str, tuple[str, ...]]]:
    return {(u.state, u.toward, u.deciding) for u in result.undetermined}


# --- members and dates -------------------------------------------------------------------------------


def test_a_symmetric_defense_pact_binds_each_member_toward_the_other(tmp_path: Path) -> None:
    """GIVEN two members coding defense WHEN one is attacked THEN the other owes it defense, under other_parties."""
    found = imported(tmp_path, [member(9001, 2, "1950-01-01", defense=1), member(9001, 20, "1950-01-01", defense=1)])
    treaty = found[9001].treaty
    assert treaty.treaty == "atop-9001" and treaty.terminated is None
    assert [c.id for c in treaty.clauses] == ["p0-defense"]
    assert treaty.clauses[0].obligation.bearers is Bearers.other_parties
    assert "defense" in treaty.clauses[0].notes and "line 2" in treaty.clauses[0].notes
    assert owed(attack(engine_of(found), "1960-01-01", "CAN", "MEX")) == {("USA", "CAN")}


def test_missing_days_keep_only_days_surely_inside_the_membership(tmp_path: Path) -> None:
    """GIVEN an entry and an exit with no day WHEN imported THEN the entry counts from the month's last day and
    the exit from its first; GIVEN an exit on the entry day THEN the membership lasts that day."""
    rows = read_members(write_atop(tmp_path, [member(9002, 2, "1950-02-", "1960-06-", defense=1)])[0])
    assert membership(rows[0]) == (date(1950, 2, 28), date(1960, 6, 1))
    rows = read_members(write_atop(tmp_path, [member(9002, 2, "1950-02-10", "1950-02-10", defense=1)])[0])
    assert membership(rows[0]) == (date(1950, 2, 10), date(1950, 2, 11))


def test_the_exit_day_is_the_first_day_out_and_the_treaty_ends_with_its_last_member(tmp_path: Path) -> None:
    rows = [
        member(9003, 2, "1950-01-01", "1960-01-01", defense=1),
        member(9003, 20, "1950-01-01", "1960-01-01", defense=1),
    ]
    found = imported(tmp_path, rows)
    assert found[9003].treaty.terminated == date(1960, 1, 1)
    engine = engine_of(found)
    assert owed(attack(engine, "1959-12-31", "CAN", "MEX")) == {("USA", "CAN")}
    assert owed(attack(engine, "1960-01-01", "CAN", "MEX")) == set()


def test_a_code_that_changes_state_splits_the_membership(tmp_path: Path) -> None:
    """GIVEN COW 365 from 1920 to 1930 WHEN imported THEN Russia (XRU) until 30 Dec 1922, then the USSR (SUN)."""
    found = imported(
        tmp_path,
        [
            member(9004, 365, "1920-01-01", "1930-01-01", defense=1),
            member(9004, 355, "1920-01-01", "1930-01-01", defense=1),
        ],
    )
    parties = {(p.state, p.joined, p.left) for p in found[9004].treaty.parties}
    assert ("XRU", date(1920, 1, 1), date(1922, 12, 30)) in parties
    assert ("SUN", date(1922, 12, 30), date(1930, 1, 1)) in parties


def test_days_before_statehood_are_cut_and_recorded(tmp_path: Path) -> None:
    """GIVEN Ukraine (369) coded from 1990-11-19 WHEN imported THEN its membership starts on 1991-12-26 and the
    cut is an adjustment in the treaty's notes."""
    found = imported(tmp_path, [member(9005, 365, "1990-11-19", defense=1), member(9005, 369, "1990-11-19", defense=1)])
    ukraine = next(p for p in found[9005].treaty.parties if p.state == "UKR")
    assert ukraine.joined == date(1991, 12, 26)
    assert len(found[9005].adjustments) == 1
    assert "UKR was not a state on 1990-11-19" in found[9005].adjustments[0].what
    assert "Adjusted:" in (found[9005].treaty.notes or "")


# --- obligations and conditions ---------------------------------------------------------------------


def test_an_asymmetric_pledge_is_borne_by_its_member_only(tmp_path: Path) -> None:
    """GIVEN only the US coding defense (US-Japan 1960 in ATOP) WHEN Japan is attacked THEN the US owes it
    defense; WHEN the US is attacked THEN Japan owes nothing."""
    found = imported(
        tmp_path, [member(9010, 2, "1960-01-19", defense=1, asymm=1), member(9010, 740, "1960-01-19", asymm=1)]
    )
    clause = found[9010].treaty.clauses[0]
    assert clause.obligation.bearers == ("USA",)
    assert found[9010].geography is not None
    engine = engine_of(found)
    assert owed(attack(engine, "1970-01-01", "JPN", "CHN")) == {("USA", "JPN")}
    assert owed(attack(engine, "1970-01-01", "USA", "CHN")) == set()


def test_guarantors_protect_each_other_and_the_guaranteed(tmp_path: Path) -> None:
    """GIVEN three members coding defense and one not WHEN the one is attacked THEN the three owe it defense;
    WHEN one of the three is attacked THEN the other two do (a pledge is owed to every other member)."""
    rows = [member(9011, c, "1960-08-16", defense=1) for c in (200, 350, 640)] + [member(9011, 352, "1960-08-16")]
    engine = engine_of(imported(tmp_path, rows))
    assert owed(attack(engine, "1970-01-01", "CYP", "EGY")) == {("GBR", "CYP"), ("GRC", "CYP"), ("TUR", "CYP")}
    assert owed(attack(engine, "1970-01-01", "GRC", "EGY")) == {("GBR", "GRC"), ("TUR", "GRC")}


def test_a_condition_without_terms_leaves_the_duty_undetermined_until_settled(tmp_path: Path) -> None:
    """GIVEN defense conditional on location WHEN a member is attacked THEN the duty is undetermined, naming the
    condition; settled true it is owed, settled false it is not."""
    rows = [member(9012, c, "1950-01-01", defense=1, defcon=1, defcoloc=1) for c in (2, 20)]
    engine = engine_of(imported(tmp_path, rows))
    assert owed(attack(engine, "1960-01-01", "CAN", "MEX")) == set()
    assert undetermined(attack(engine, "1960-01-01", "CAN", "MEX")) == {("USA", "CAN", ("atop-9012-location",))}
    settled = attack(engine, "1960-01-01", "CAN", "MEX", conditions={"atop-9012-location": True})
    assert owed(settled) == {("USA", "CAN")}
    refused = attack(engine, "1960-01-01", "CAN", "MEX", conditions={"atop-9012-location": False})
    assert owed(refused) == set() and undetermined(refused) == set()


def test_non_provocation_is_one_condition_for_every_alliance(tmp_path: Path) -> None:
    rows = [member(9013, c, "1950-01-01", defense=1, defcon=1, defconpr=1) for c in (2, 20)]
    result = attack(engine_of(imported(tmp_path, rows)), "1960-01-01", "CAN", "MEX")
    assert undetermined(result) == {("USA", "CAN", ("atop-non-provocation",))}


def test_a_named_adversary_is_the_attacker_the_pledge_covers(tmp_path: Path) -> None:
    """GIVEN defense conditional on a specific adversary, ATOP naming the USSR (365) WHEN a member is attacked by
    the USSR THEN it is owed defense; by another state, nothing (not undetermined)."""
    rows = [member(9014, c, "1950-01-01", defense=1, defcon=1, defcoadv=1, statthr1=365) for c in (200, 220)]
    engine = engine_of(imported(tmp_path, rows))
    assert owed(attack(engine, "1960-01-01", "FRA", "SUN")) == {("GBR", "FRA")}
    other = attack(engine, "1960-01-01", "FRA", "CHN")
    assert owed(other) == set() and undetermined(other) == set()


def test_an_adversary_that_was_no_state_stays_an_open_condition(tmp_path: Path) -> None:
    """GIVEN the threat named as "Germany" (255) in 1947, when there was no German state WHEN imported THEN the
    adversary is a named condition, not a list of attackers."""
    rows = [member(9015, c, "1947-03-04", defense=1, defcon=1, defcoadv=1, statthr1=255) for c in (200, 220)]
    result = attack(engine_of(imported(tmp_path, rows)), "1960-01-01", "FRA", "DEU")
    assert undetermined(result) == {("GBR", "FRA", ("atop-9015-specific-adversary",))}


def test_an_offense_pledge_is_owed_to_the_member_that_attacks(tmp_path: Path) -> None:
    rows = [member(9016, c, "1900-01-01", "1910-01-01", offense=1) for c in (200, 220)]
    result = attack(engine_of(imported(tmp_path, rows)), "1905-01-01", "ESP", "FRA")
    assert owed(result, "offense") == {("GBR", "FRA")}


def test_neutrality_runs_both_ways_unless_conditional_on_attack(tmp_path: Path) -> None:
    """GIVEN neutrality (neucoatt=0) WHEN a member attacks THEN the other owes it neutrality; GIVEN neucoatt=1
    THEN only toward a member attacked."""
    both = [member(9017, c, "1900-01-01", "1910-01-01", neutral=1) for c in (200, 220)]
    found = imported(tmp_path / "a", both)
    assert [c.id for c in found[9017].treaty.clauses] == ["p0-neutrality", "p0-neutrality-when-attacking"]
    assert owed(attack(engine_of(found), "1905-01-01", "ESP", "FRA"), "neutrality") == {("GBR", "FRA")}
    attacked = [member(9018, c, "1900-01-01", "1910-01-01", neutral=1, neucon=1, neucoatt=1) for c in (200, 220)]
    found = imported(tmp_path / "b", attacked)
    assert [c.id for c in found[9018].treaty.clauses] == ["p0-neutrality"]
    assert owed(attack(engine_of(found), "1905-01-01", "ESP", "FRA"), "neutrality") == set()
    assert owed(attack(engine_of(found), "1905-01-01", "FRA", "ESP"), "neutrality") == {("GBR", "FRA")}


def test_consultation_on_request_needs_a_request(tmp_path: Path) -> None:
    rows = [member(9019, c, "1950-01-01", consul=1, concon=1, concoreq=1) for c in (2, 20)]
    engine = engine_of(imported(tmp_path, rows))
    assert owed(attack(engine, "1960-01-01", "CAN", "MEX"), "consultation") == set()
    asked = attack(engine, "1960-01-01", "CAN", "MEX", requested_from=["atop-9019"])
    assert owed(asked, "consultation") == {("USA", "CAN")}


def test_non_aggression_binds_the_member_that_attacks(tmp_path: Path) -> None:
    rows = [member(9020, c, "1950-01-01", nonagg=1) for c in (365, 710)]
    result = attack(engine_of(imported(tmp_path, rows)), "1960-01-01", "CHN", "SUN")
    assert owed(result, "non_aggression") == {("SUN", "CHN")}


def test_phases_give_dated_clauses(tmp_path: Path) -> None:
    """GIVEN phase 1 with unconditional defense and phase 2 conditional on location WHEN attacked in each phase
    THEN obligated in the first, undetermined in the second."""
    rows = [member(9021, c, "1950-01-01", "1960-01-01", phase=1, defense=1) for c in (2, 20)]
    rows += [member(9021, c, "1960-01-01", phase=2, defense=1, defcon=1, defcoloc=1) for c in (2, 20)]
    found = imported(tmp_path, rows)
    assert [c.id for c in found[9021].treaty.clauses] == ["p1-defense", "p2-defense"]
    assert [p.state for p in found[9021].treaty.parties] == ["CAN", "USA"]  # one membership across phases
    engine = engine_of(found)
    assert owed(attack(engine, "1959-12-31", "CAN", "MEX")) == {("USA", "CAN")}
    assert undetermined(attack(engine, "1960-01-01", "CAN", "MEX")) == {("USA", "CAN", ("atop-9021-location",))}


def test_parallel_phases_bind_only_their_own_members(tmp_path: Path) -> None:
    """GIVEN Czechoslovakia's treaty continued separately by Slovakia (phase 2) and the Czech Republic (phase 3)
    with Romania in both WHEN the Czech Republic is attacked THEN Romania owes it defense and Slovakia does not."""
    rows = [member(9022, c, "1968-08-16", "1992-12-31", phase=1, defense=1) for c in (315, 360)]
    rows += [member(9022, c, "1993-01-01", "1993-09-24", phase=2, defense=1) for c in (317, 360)]
    rows += [member(9022, c, "1993-01-01", "1994-06-22", phase=3, defense=1) for c in (316, 360)]
    engine = engine_of(imported(tmp_path, rows))
    assert owed(attack(engine, "1993-05-01", "CZE", "HUN")) == {("ROU", "CZE")}
    assert owed(attack(engine, "1993-05-01", "ROU", "HUN")) == {("SVK", "ROU"), ("CZE", "ROU")}


# --- files and the command line ---------------------------------------------------------------------


def test_written_files_load_back_to_the_same_models(tmp_path: Path) -> None:
    rows = [member(9030, 2, "1960-01-19", defense=1, asymm=1), member(9030, 740, "1960-01-19", asymm=1)]
    found = imported(tmp_path / "data", rows)
    write_rules([found[9030].treaty, found[9030].geography], tmp_path / "rules")
    loaded = pact.load_rules(tmp_path / "rules", bundled=False)
    assert loaded.treaties == (found[9030].treaty,)
    assert loaded.geography == (found[9030].geography,)


def test_the_command_writes_files_that_pact_reads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [member(9040, c, "1950-01-01", defense=1) for c in (2, 20)] + [
        member(9041, c, "1950-01-01", nonagg=1) for c in (2, 70)
    ]
    members, alliances = write_atop(tmp_path, rows)
    code = main(
        [
            "import",
            "atop",
            "--members",
            str(members),
            "--alliances",
            str(alliances),
            "--out",
            str(tmp_path / "out"),
            "--only",
            "9041",
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert "1 treaties and 0 geography files written" in capsys.readouterr().out
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["atop-9041.yaml"]
    assert main(["validate", str(tmp_path / "out" / "atop-9041.yaml"), "--no-bundled"]) == 0


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        (
            [member(9050, 9999, "1950-01-01", defense=1)],
            "members.csv:2: member: COW country code 9999 on 1950-01-01: not a country code",
        ),
        ([member(9051, 2, "1950-13-01", defense=1)], "members.csv:2: yrent: no usable date (1950-13-1)"),
        ([member(9052, 2, "1950-02-30", defense=1)], "members.csv:2: dayent: 1950-02-30 is not a real date"),
        ([member(9053, 2, "1950-01-01", defense=2)], "members.csv:2: defense: 2 is not 0 or 1"),
        ([member(9054, "x2", "1950-01-01", defense=1)], "members.csv:2: member: 'x2' is not a number"),
    ],
)
def test_a_bad_row_is_one_line_naming_it(
    rows: list[dict], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members, alliances = write_atop(tmp_path, rows)
    code = main(
        ["import", "atop", "--members", str(members), "--alliances", str(alliances), "--out", str(tmp_path / "out")]
    )
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert said in err


def test_unknown_alliances_and_missing_files_are_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    members, alliances = write_atop(tmp_path, [member(9060, 2, "1950-01-01", defense=1)])
    base = ["import", "atop", "--members", str(members), "--alliances", str(alliances), "--out", str(tmp_path / "o")]
    assert main([*base, "--only", "1234"]) == 2
    assert "alliances.csv: --only: no alliance 1234 in the alliance-level file" in capsys.readouterr().err
    assert main([*base, "--only", "abc"]) == 2
    assert (
        main(["import", "atop", "--members", str(tmp_path / "nope.csv"), "--alliances", str(alliances), "--out", "o"])
        == 2
    )
    assert "nope.csv: no such file or directory" in capsys.readouterr().err
    members.write_text("atopid,member\n9060,2\n")
    with pytest.raises(DatasetError, match=r"members.csv:1: column 'phase' is missing \(is this ATOP's file\?\)"):
        list(import_atop(members, alliances))


def test_a_named_adversary_that_ceases_to_be_a_state_becomes_an_open_condition(tmp_path: Path) -> None:
    """GIVEN a 1943 pledge against Germany (XDE, a state until 9 May 1945) running to 1960 WHEN a member is attacked
    in 1944 by Germany THEN defense is owed; WHEN attacked in 1950 by anyone THEN the duty is undetermined, naming
    the adversary (never silently free)."""
    rows = [
        member(9070, c, "1943-12-12", "1960-01-01", defense=1, defcon=1, defcoadv=1, statthr1=255) for c in (315, 365)
    ]
    found = imported(tmp_path, rows)
    versions = found[9070].treaty.clauses[0].versions
    assert [(v.start, v.until) for v in versions] == [
        (date(1943, 12, 12), date(1945, 5, 9)),
        (date(1945, 5, 9), date(1960, 1, 1)),
    ]
    engine = engine_of(found)
    assert owed(attack(engine, "1944-06-01", "CSK", "XDE")) == {("SUN", "CSK")}
    later = attack(engine, "1950-06-01", "CSK", "DEU")
    assert owed(later) == set()
    assert undetermined(later) == {("SUN", "CSK", ("atop-9070-specific-adversary",))}
