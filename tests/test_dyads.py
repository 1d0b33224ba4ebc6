"""Dyad tables: computed once per change period, they must say what evaluating every day would say."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from random import Random

import pytest

import pact
from pact.analysis import dyads as dyad_module
from pact.analysis.dyads import ALL, Attacker, Baseline, Dyad, Every, dyads, owed_on
from pact.cli import main
from pact.model import EventType
from pact.plan.conditions import AttackerIs, VictimParty

from .dyad_oracle import brute_force, from_table

START, END = date(1949, 1, 1), date(2026, 1, 1)


@pytest.fixture(scope="module")
def table(engine: pact.Engine) -> list[Dyad]:
    return list(dyads(engine, START, END, Every.change))


def sample_days(engine: pact.Engine, treaty: pact.model.Treaty, rng: Random) -> list[date]:
    """The treaty's first day in the window, the eve and the day of two of its parties' changes, a random day."""
    first = max(treaty.in_force, START)
    last = min(treaty.terminated or END, END) - timedelta(days=1)
    changes = sorted({d for p in treaty.parties for d in (p.joined, p.left) if d and first < d <= last})
    picked = rng.sample(changes, min(2, len(changes)))
    days = {first, first + timedelta(days=rng.randint(0, (last - first).days))}
    days |= {d for c in picked for d in (c - timedelta(days=1), c)}
    return sorted(days)


def test_every_change_agrees_with_evaluating_each_sampled_day(
    engine: pact.Engine, rules: pact.Rulebook, table: list[Dyad]
) -> None:
    """GIVEN the dyad table 1949-2025 WHEN each bundled treaty's sampled days are evaluated one by one
    THEN the table holds exactly the duties under the treaty found toward its parties on those days."""
    rng = Random(11)
    checked = 0
    for treaty in rules.treaties:
        for day in sample_days(engine, treaty, rng):
            assert from_table(engine, table, treaty.treaty, day) == brute_force(engine, treaty.treaty, day), (
                treaty.treaty,
                day,
            )
            checked += 1
    assert checked >= 3 * len(rules.treaties)
    assert {c.split("/")[0] for d in table for c in d.clauses} >= {"aes", "nato", "rio", "csto", "ecowas-nap"}


def test_each_row_has_the_kinds_of_its_clauses(engine: pact.Engine, table: list[Dyad]) -> None:
    kind_of = {c.key.split("@")[0]: c.kind for c in engine.plan.clauses}
    assert all(d.kinds == {kind_of[c] for c in d.clauses} for d in table)
    assert all(d.treaties == tuple(sorted({c.split("/")[0] for c in d.clauses})) for d in table)
    assert all(tuple(d.record(every).values()) == d.row(every) for d in table[:50] for every in Every)


BASELINES = [
    Baseline(),
    Baseline(Attacker.adversaries, undetermined=True),
    Baseline(requested=(ALL,), location="US-HI"),
    Baseline(Attacker.none, requested=("nato", "USA"), events=(EventType.armed_attack, EventType.armed_threat)),
]
WINDOWS = [
    (date(1990, 9, 15), date(1990, 11, 1)),
    (date(1991, 9, 1), date(1992, 2, 1)),
    (date(2024, 6, 1), date(2025, 3, 1)),
]
"""German unification and the end of the USSR (states come and go); the Sahel states' exit from ECOWAS."""


@pytest.mark.parametrize("baseline", BASELINES, ids=["plain", "adversaries-undetermined", "all-hawaii", "none-asked"])
def test_the_engine_decides_every_question_as_the_table_does(
    engine: pact.Engine, baseline: Baseline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIVEN two windows WHEN the table is made with each clause's tests asked once for what they read, and again
    with every question sent to the engine scenario by scenario (as for a clause with a test ``READS`` does not
    list) THEN the rows are the same."""
    fast = [list(dyads(engine, *window, Every.change, baseline)) for window in WINDOWS]
    monkeypatch.setattr(dyad_module._Tests, "of", classmethod(lambda cls, clause: None))
    assert fast == [list(dyads(engine, *window, Every.change, baseline)) for window in WINDOWS]
    assert all(fast)


@pytest.mark.parametrize("unlisted", [VictimParty, AttackerIs])
def test_a_treaty_with_a_test_reads_does_not_list_goes_to_the_engine(
    engine: pact.Engine, unlisted: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIVEN a kind of test dropped from ``READS`` (as a kind added after it would be) WHEN the table is made THEN the
    treaties using it are asked through the engine, the others as before, and the rows are the same."""
    fast = [list(dyads(engine, *window)) for window in WINDOWS]
    monkeypatch.delitem(dyad_module.READS, unlisted)
    answers = dyad_module.PeriodAnswers(engine)
    engine_asked = {t.treaty for t in answers.treaties if t.tests is None}
    assert engine_asked == {
        c.treaty
        for c in engine.plan.clauses
        if any(isinstance(getattr(t, "inner", t), unlisted) for t in (*c.conditions, *c.bearer_tests))
    }
    assert engine_asked and len(engine_asked) < len(answers.treaties)
    assert [list(dyads(engine, *window)) for window in WINDOWS] == fast


def test_owed_on_a_day_is_what_the_table_holds_that_day(engine: pact.Engine, table: list[Dyad]) -> None:
    """GIVEN the table WHEN a day is asked alone, and days asked in order with the answers carried THEN each
    gives the rows holding that day."""
    days = [date(1949, 1, 1), date(1991, 12, 26), date(2024, 1, 1)]
    answers = dyad_module.PeriodAnswers(engine)
    for day in days:
        expected = {(d.state, d.toward): (d.kinds, set(d.clauses)) for d in table if d.start <= day < d.until}
        for held in (owed_on(engine, day), owed_on(engine, day, answers=answers)):
            assert {pair: (o.kinds, set(o.clauses)) for pair, o in held.items()} == expected


@pytest.fixture(scope="module")
def yearly(engine: pact.Engine) -> list[Dyad]:
    return list(dyads(engine, START, END, Every.year))


@pytest.mark.parametrize("year", [1962, 1986, 2023])
def test_every_year_agrees_with_the_year_computed_alone(engine: pact.Engine, yearly: list[Dyad], year: int) -> None:
    """GIVEN the yearly table over 1949-2025 WHEN one year is computed on its own, period by period
    THEN a dyad holds in the year, with the same kinds and clauses, exactly when it held on some day."""
    rows = {(d.state, d.toward): d for d in yearly if d.start.year == year}
    alone: dict[tuple[str, str], tuple[set, set]] = {}
    for d in dyads(engine, date(year, 1, 1), date(year + 1, 1, 1), Every.change):
        kinds, clauses = alone.setdefault((d.state, d.toward), (set(), set()))
        kinds |= d.kinds
        clauses |= set(d.clauses)
    assert rows.keys() == alone.keys() and rows
    for pair, d in rows.items():
        assert (set(d.kinds), set(d.clauses)) == alone[pair]
        assert d.record(Every.year)["year"] == year


def test_the_table_is_what_the_baseline_says(table: list[Dyad]) -> None:
    """Niger owes Mali defence under the AES from its founding; Burkina Faso owes Mali non-aggression
    (ECOWAS protocol); no state owes itself."""
    aes = [d for d in table if (d.state, d.toward) == ("NER", "MLI") and "aes/collective-defence" in d.clauses]
    assert aes and aes[0].start == date(2023, 9, 16)
    assert any(d.state == "BFA" and d.toward == "MLI" and "non_aggression" in d.kinds for d in table)
    assert all(d.state != d.toward for d in table)


def test_cli_writes_a_yearly_table_shaped_for_joins(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "atop-like.csv"
    argv = ["dyads", "--from", "2023-01-01", "--to", "2025-01-01", "--every", "year", "--out", str(out)]
    assert main([*argv, "--backend", "reference"]) == 0
    with out.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert list(rows[0]) == [
        "state",
        "toward",
        "year",
        "defense",
        "offense",
        "neutrality",
        "non_aggression",
        "consultation",
        "treaties",
        "clauses",
    ]
    assert {"MLI", "NER", "2024", "1"} <= {r["state"] for r in rows} | {r["toward"] for r in rows} | {
        r["year"] for r in rows
    } | {r["defense"] for r in rows}
    assert f"rows written to {out}" in capsys.readouterr().err


def test_cli_parquet_holds_the_same_rows_as_csv(tmp_path) -> None:
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow", reason="needs pact-treaties[parquet]")
    argv = ["dyads", "--from", "2023-09-01", "--to", "2024-03-01", "--backend", "reference", "--out"]
    assert main([*argv, str(tmp_path / "d.csv")]) == 0
    assert main([*argv, str(tmp_path / "d.parquet")]) == 0
    text = pandas.read_csv(tmp_path / "d.csv", keep_default_na=False)
    table = pandas.read_parquet(tmp_path / "d.parquet")
    assert len(text) == len(table) > 0
    assert text["clauses"].tolist() == table["clauses"].tolist()
    assert [str(d) for d in table["from"]] == text["from"].tolist()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "2025-01-01", "--to", "2024-01-01"], "<input>: to: the window ends"),
        (["--from", "2024-01-01", "--to", "2025-01-01", "--location", "atlantis"], "location: unknown area 'atlantis'"),
        (["--from", "2024-01-01", "--to", "2025-01-01", "--requested", "natoo"], "did you mean 'nato'?"),
        (["--from", "2024", "--to", "2025-01-01"], "from: '2024' is not a date"),
        (["--from", "2024-01-01", "--to", "2025-01-01", "--type", "invasion"], "type: 'invasion': event types"),
    ],
)
def test_cli_bad_input_is_one_line(
    tmp_path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert main(["dyads", *extra, "--out", str(tmp_path / "x.csv"), "--backend", "reference"]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_progress_is_told_after_each_period(engine: pact.Engine) -> None:
    """GIVEN a window with change days WHEN the table is made THEN progress hears (1, n), (2, n) … (n, n),
    n being the periods between change days, before the first row comes."""
    told: list[tuple[int, int]] = []
    found = dyads(engine, date(2020, 1, 1), date(2026, 1, 1), progress=lambda done, total: told.append((done, total)))
    first = next(found)
    total = told[-1][1]
    assert total > 1 and told == [(n, total) for n in range(1, total + 1)]
    assert first.start >= date(2020, 1, 1)


def test_cli_counts_named_adversaries_and_undetermined_duties_when_asked(tmp_path) -> None:
    """GIVEN 2024-2025 WHEN the table is made plain and with --attacker adversaries --undetermined THEN the
    second adds the clauses against named attackers (ECOWAS's conflicts between members) and those that
    hinge on conditions pact cannot test (the AES Confederation's entry into force, the US understanding
    to SEATO), and loses nothing."""
    argv = ["dyads", "--from", "2024-01-01", "--to", "2026-01-01", "--backend", "reference", "--no-progress"]
    plain, wide = tmp_path / "plain.csv", tmp_path / "wide.csv"
    assert main([*argv, "--out", str(plain)]) == 0
    assert main([*argv, "--attacker", "adversaries", "--undetermined", "--out", str(wide)]) == 0

    def clauses(path) -> set[str]:
        with path.open(encoding="utf-8") as file:
            return {c for row in csv.DictReader(file) for c in row["clauses"].split(";")}

    assert clauses(plain) < clauses(wide)
    assert clauses(wide) - clauses(plain) == {
        "aes-confederation/non-aggression",
        "ecowas/member-conflict",
        "seato/art-4-1-united-states",
        "seato/us-understanding-consultation",
    }
