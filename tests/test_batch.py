"""Many scenarios at once: the batch API and sweeps give exactly what one scenario at a time gives."""

from __future__ import annotations

import json
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import pact
from pact.analysis.sweep import Grid, Interval, Row, count, points_on, scenario, sweep
from pact.backends.reference import ReferenceBackend
from pact.cli import main
from pact.evaluation.engine import evaluate_plan
from pact.model.result import Commitment, Obligation
from pact.plan.compile import compile_rulebook
from pact.testing import scenarios

from .conftest import SCENARIOS


@pytest.fixture(scope="module")
def bundled(rules: pact.Rulebook) -> list[pact.Scenario]:
    return [pact.load_scenario(f, rules) for f in sorted(SCENARIOS.glob("*.yaml"))]


def lean(result: pact.Result) -> pact.Result:
    """A full result as a lean one: no traces, no parties not obligated, no other readings compared."""
    untraced = tuple(_untraced(result.obligations))
    return result.model_copy(update={"not_obligated": (), "obligations": untraced, "readings": ()})


def _untraced(obligations: tuple[Obligation, ...]) -> list[Obligation]:
    return [o.model_copy(update={"trace": ()}) for o in obligations]


def test_values_built_without_validation_equal_validated_ones(engine: pact.Engine, bundled) -> None:
    """GIVEN the lean results of every bundled scenario THEN each obligation, commitment and result
    equals the same value validated by pydantic, and dumps to the same JSON."""
    for result in (engine.evaluate(s, full=False) for s in bundled):
        again = pact.Result.model_validate(result.model_dump())
        assert again == result and again.model_dump_json() == result.model_dump_json()
        for o in result.obligations:
            assert Obligation.model_validate(o.model_dump()) == o
        for c in result.conflicts:
            for bond in (*c.owes, *c.bound_by):
                assert Commitment.model_validate(bond.model_dump()) == bond


def test_full_result_values_built_without_validation_equal_validated_ones(engine: pact.Engine, bundled) -> None:
    """GIVEN the full results of every bundled scenario THEN each conflict, each other reading compared
    (the readings it cites, the reasons that change) and each decisive step equals the same value
    validated by pydantic, and dumps to the same JSON."""
    made: Counter[str] = Counter()
    for result in (engine.evaluate(s, full=True) for s in bundled):
        reasons = [r for d in result.readings for r in d.reasons]
        steps = [n.decisive for n in result.not_obligated if n.decisive is not None]
        for value in (*result.conflicts, *result.readings, *reasons, *steps):
            again = type(value).model_validate(value.model_dump())
            assert again == value and again.model_dump_json() == value.model_dump_json()
            made[type(value).__name__] += 1
    assert set(made) == {"Conflict", "ReadingDifference", "ReasonChange", "Step"}, made


@pytest.mark.parametrize("backend", ["reference", "durable"])
def test_evaluate_many_gives_what_evaluate_gives(rules: pact.Rulebook, bundled, backend: str) -> None:
    """GIVEN every bundled scenario WHEN evaluated as a batch, lean and full THEN each result is the one
    ``evaluate`` gives for it alone, in order; the lean one is the full one without reasons."""
    if backend == "durable":
        pytest.importorskip("pact.backends.durable.backend", reason="durable-rules does not import on this Python")
    engine = pact.Engine(rules, backend=backend)
    alone = [engine.evaluate(s, full=True) for s in bundled]
    assert list(pact.evaluate_many(engine, bundled, full=True)) == alone
    assert list(pact.evaluate_many(engine, bundled)) == [lean(r) for r in alone]


def test_evaluate_many_on_a_process_pool_gives_the_same_results(engine: pact.Engine, bundled) -> None:
    with ProcessPoolExecutor(max_workers=2) as pool:
        spread = list(pact.evaluate_many(engine, bundled * 3, executor=pool))
    assert spread == [engine.evaluate(s, full=False) for s in bundled * 3]


@st.composite
def moved_within_period(draw: st.DrawFn, rules: pact.Rulebook) -> tuple[pact.Scenario, pact.Scenario]:
    """A scenario, and the same events on another day of the same change period."""
    first = draw(scenarios(rules))
    plan = compile_rulebook(rules)
    when = first.date.toordinal()
    period = plan.period_of(when)
    days = plan.change_days
    low = days[period - 1] if period > 0 else when - 400
    high = days[period] - 1 if period < len(days) else when + 400
    other = date.fromordinal(draw(st.integers(low, high)))
    return first, first.model_copy(update={"date": other})


@settings(max_examples=100)
@given(st.data())
def test_answers_kept_per_period_equal_answers_worked_out_again(rules: pact.Rulebook, data: st.DataObject) -> None:
    """GIVEN a scenario and the same events on another day of its change period WHEN the engine answers
    both (the second from the answer it kept) THEN each is what a fresh evaluation of it gives."""
    engine = _shared_engine(rules)
    plan = engine.plan
    first, second = data.draw(moved_within_period(rules))
    for s in (first, second):
        if all(pact.core.states.is_state_on(c, s.date) for e in s.events for c in (e.target, *e.attackers)):
            assert engine.evaluate(s, full=False) == evaluate_plan(plan, s, ReferenceBackend(), full=False)


_ENGINES: dict[int, pact.Engine] = {}


def _shared_engine(rules: pact.Rulebook) -> pact.Engine:
    """One engine for every example, so that answers kept for one are used for the next."""
    return _ENGINES.setdefault(id(rules), pact.Engine(rules, backend="reference"))


# --- sweeps ----------------------------------------------------------------------------------

GRID = Grid(date(2023, 9, 1), date(2025, 3, 1), Interval.month, targets=("NER", "MLI", "POL", "USA"), by="non-party")


def test_sweep_rows_equal_pact_run_on_the_same_scenarios(engine: pact.Engine, tmp_path: Path, capsys) -> None:
    """GIVEN a grid WHEN a sample of its points is written as scenario files and run with ``pact run``
    THEN each scenario's obligations and conflicts are the sweep's rows for that point."""
    rows = [row for done in sweep(engine, GRID) for row in done.rows]
    points = [p for day in GRID.days() for p in points_on(engine, GRID, day)]
    assert len(points) == count(engine, GRID) == 18 * 4
    sample = points[::7]
    files = []
    for point in sample:
        file = tmp_path / f"{point.id}.yaml"
        made = scenario(point)
        event = {"type": point.type.value, "target": point.target, "by": list(made.events[0].attackers)}
        file.write_text(yaml.safe_dump({"scenario": point.id, "date": point.day.isoformat(), "events": [event]}))
        files.append(file)
    capsys.readouterr()
    assert main(["run", *map(str, files), "--format", "json", "--backend", "reference"]) == 0
    for point, data in zip(sample, json.loads(capsys.readouterr().out), strict=True):
        expected = {_from_json(point, "obligation", o) for o in data["obligations"]}
        expected |= {_from_json(point, "conflict", c) for c in data["conflicts"]}
        assert {_key(r) for r in rows if (r.date, r.target, r.by) == (point.day, point.target, point.by or "")} == (
            expected
        )


def _key(row: Row) -> tuple:
    return (row.record, row.state, row.treaty, row.clause, row.kind, row.toward, row.against)


def _from_json(point, record: str, item: dict) -> tuple:
    if record == "conflict":
        return (record, item["state"], "", "", "", item["toward"], item["against"])
    return (record, item["state"], item["treaty"], item["clause"], item["kind"], item["toward"], "")


def test_a_sweep_on_worker_processes_gives_the_same_rows(engine: pact.Engine) -> None:
    alone = [row for done in sweep(engine, GRID) for row in done.rows]
    with ProcessPoolExecutor(max_workers=2) as pool:
        spread = [row for done in sweep(engine, GRID, pool) for row in done.rows]
    assert spread == alone and alone


def test_cli_sweep_jobs_2_writes_what_jobs_1_writes(tmp_path: Path) -> None:
    argv = ["sweep", "--from", "2023-01-01", "--to", "2025-01-01", "--every", "1m", "--targets", "parties:nato"]
    argv += ["--backend", "reference"]
    assert main([*argv, "--out", str(tmp_path / "one.csv")]) == 0
    assert main([*argv, "--jobs", "2", "--out", str(tmp_path / "two.csv")]) == 0
    one = (tmp_path / "one.csv").read_text()
    assert one == (tmp_path / "two.csv").read_text() and one.count("\n") > 100


def test_grid_steps_count_from_the_start() -> None:
    days = Grid(date(2024, 1, 31), date(2024, 6, 1), Interval.month).days()
    assert days == [date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30), date(2024, 5, 31)]
    assert Grid(date(2024, 2, 29), date(2026, 1, 1), Interval.year).days() == [date(2024, 2, 29), date(2025, 2, 28)]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--targets", "parties:natoo"], "targets: unknown treaty 'natoo'"),
        (["--by", "NER,XYZ"], "by: 'XYZ' is not a state"),
        (["--to", "2000-01-01"], "to: the window ends"),
        (["--out", "x.xlsx"], "out: write to .csv | .parquet | .jsonl"),
    ],
)
def test_cli_sweep_bad_input_is_one_line(tmp_path: Path, capsys, monkeypatch, extra: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    argv = ["sweep", "--from", "2024-01-01", "--to", "2024-02-01", "--out", "x.csv", "--backend", "reference", *extra]
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1
