"""Research tables: peacesciencer's dyad-year frame rebuilt from the bundled rules, COW and G&W codes, missing
values outside the coverage, Parquet and CSV with their documented types, provenance, one schema for rows and CSV,
and the notebook displays."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import pact
from pact.analysis import research
from pact.analysis.dyads import Attacker, Baseline, Dyad, Every, dyads
from pact.analysis.research import Request, Shape
from pact.analysis.table import ColumnType, Table
from pact.cli import main
from pact.core.states import Scheme
from pact.evaluation.answers import answer
from pact.io.tables import TableWriter
from pact.render.data import CSV_COLUMNS, csv_rows
from pact.render.notebook import scoped
from pact.render.report import CSS

from .conftest import ATOP_DATA, SCENARIOS

FRAME_WINDOW = (date(1990, 1, 1), date(1992, 1, 1))
COVERED = (date(1990, 1, 1), date(1991, 1, 1))
"""Two years, the second outside the coverage: 1990 holds Germany's and Yemen's unifications."""

FRAME_COLUMNS = [
    "ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul",
    "treaties", "clauses", "state1", "state2",
]  # fmt: skip
ATOP = ["atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"]


WEEK = (date(2023, 9, 14), date(2023, 9, 21))
"""A week in which the rules change once: the AES Charter is signed on 16 September 2023."""


@pytest.fixture(scope="module")
def spans_1990(engine: pact.Engine) -> list[Dyad]:
    return list(dyads(engine, *COVERED, Every.change))


@pytest.fixture(scope="module")
def frame(engine: pact.Engine, spans_1990: list[Dyad]) -> Table:
    request = Request(
        *FRAME_WINDOW, Every.year, codes=Scheme.cow, shape=Shape.peacesciencer, all_dyads=True, coverage=COVERED
    )
    return research.table(engine, request, spans_1990)


@pytest.fixture(scope="module")
def week(engine: pact.Engine) -> list[Dyad]:
    return list(dyads(engine, *WEEK, Every.change))


def _by_key(table: Table) -> dict[tuple[int, int, int], dict]:
    return {(r["ccode1"], r["ccode2"], r["year"]): r for r in table.records()}


# --- peacesciencer's frame --------------------------------------------------------------------------


def test_the_frame_has_peacesciencers_shape_and_keys(frame: Table) -> None:
    """GIVEN the bundled rules, 1990-1991, COW codes, every dyad WHEN the frame is built THEN it has
    add_atop_alliance()'s columns and types, one row per directed dyad of the state system each year, and the
    two Germanys, unified Germany and the three Yemens are all in 1990's system, as in COW's."""
    assert list(frame.names) == FRAME_COLUMNS
    types = dict(frame.columns)
    assert [types[c] for c in ("ccode1", "ccode2", "year")] == [ColumnType.integer] * 3
    assert {types[c] for c in ATOP} == {ColumnType.flag}
    keys = [(r[0], r[1], r[2]) for r in frame.rows]
    assert len(keys) == len(set(keys)) and all(a != b for a, b, _ in keys)
    for year in (1990, 1991):
        system = {a for a, _, y in keys if y == year}
        assert sum(1 for _, _, y in keys if y == year) == len(system) * (len(system) - 1)
    in_1990 = {a for a, _, y in keys if y == 1990}
    assert {255, 260, 265, 678, 679, 680, 365} <= in_1990
    assert {260, 265, 678, 680} & {a for a, _, y in keys if y == 1991} == set()
    assert frame.notes == ("no COW number, so not in the table: PSE, VAT (docs/states.md)",)


def test_the_us_japan_pledge_is_directed(frame: Table) -> None:
    rows = _by_key(frame)
    usa_jpn, jpn_usa = rows[(2, 740, 1990)], rows[(740, 2, 1990)]
    assert (usa_jpn["atop_defense"], usa_jpn["treaties"], usa_jpn["state1"]) == (1, "us-japan", "USA")
    assert [jpn_usa[c] for c in ATOP] == [0, 0, 0, 0, 0] and jpn_usa["treaties"] == ""


def test_zeros_inside_the_coverage_and_missing_values_outside(frame: Table) -> None:
    rows = _by_key(frame)
    afghanistan = rows[(700, 2, 1990)]
    assert [afghanistan[c] for c in ATOP] == [0] * 5 and (afghanistan["treaties"], afghanistan["clauses"]) == ("", "")
    later = [r for k, r in rows.items() if k[2] == 1991]
    assert later and all(r[c] is None for r in later for c in [*ATOP, "treaties", "clauses"])
    assert rows[(2, 740, 1991)]["state2"] == "JPN"  # the keys and pact's codes are there all the same


def test_germany_in_1990_under_both_its_cow_codes(frame: Table) -> None:
    """NATO's pledge to the Federal Republic: COW 260 until 2 October 1990, 255 from the 3rd."""
    rows = _by_key(frame)
    assert rows[(2, 260, 1990)]["atop_defense"] == rows[(2, 255, 1990)]["atop_defense"] == 1
    assert rows[(2, 260, 1990)]["state2"] == rows[(2, 255, 1990)]["state2"] == "DEU"
    assert rows[(2, 265, 1990)]["atop_defense"] == 0


def test_the_frame_holds_exactly_pacts_own_dyads(spans_1990: list[Dyad], frame: Table) -> None:
    """GIVEN pact's dyads of 1990 under its own codes WHEN the frame's rows with some duty are read back through the
    pact codes behind their COW codes THEN they are the same dyads with the same duties (Germany's two codes
    together)."""
    own: dict[tuple[str, str], set[str]] = {}
    for d in spans_1990:
        if not {d.state, d.toward} & {"PSE", "VAT"}:
            own.setdefault((d.state, d.toward), set()).update(k.value for k in d.kinds)
    names = dict(zip(ATOP, ("defense", "offense", "neutrality", "non_aggression", "consultation"), strict=True))
    held: dict[tuple[str, str], set[str]] = {}
    for r in frame.records():
        if r["year"] == 1990 and any(r[c] for c in ATOP):
            held.setdefault((r["state1"], r["state2"]), set()).update(names[c] for c in ATOP if r[c])
    assert held == own and len(own) > 1000
    assert {(r["ccode2"], r["state2"]) for r in frame.records() if r["ccode1"] == 2 and r["atop_defense"] == 1} >= {
        (260, "DEU"),
        (255, "DEU"),
    }


def test_gw_codes_key_the_frame_as_gleditsch_and_ward_do(engine: pact.Engine, spans_1990: list[Dyad]) -> None:
    """G&W keep 260 for Germany after unification and 678 for unified Yemen."""
    request = Request(*COVERED, Every.year, codes=Scheme.gw, shape=Shape.peacesciencer, all_dyads=True)
    table = research.table(engine, request, spans_1990)
    assert list(table.names[:2]) == ["gwcode1", "gwcode2"]
    rows = {(r["gwcode1"], r["gwcode2"], r["year"]): r for r in table.records()}
    assert rows[(2, 740, 1990)]["atop_defense"] == rows[(2, 260, 1990)]["atop_defense"] == 1
    assert not any(255 in k or 679 in k for k in rows)
    assert rows[(678, 2, 1990)]["state1"] == "XYA;YEM" and rows[(680, 2, 1990)]["state1"] == "YMD"
    assert table.notes == ("no GW number, so not in the table: PSE, VAT (docs/states.md)",)


def test_the_frames_options_are_checked(engine: pact.Engine) -> None:
    with pytest.raises(pact.InputError, match="use --every year"):
        research.dyads(engine, *COVERED, Every.month, shape=Shape.peacesciencer)
    with pytest.raises(pact.InputError, match="peacesciencer's shape only"):
        research.dyads(engine, *COVERED, Every.year, all_dyads=True)
    with pytest.raises(pact.InputError, match="the coverage ends"):
        research.dyads(engine, *COVERED, coverage=(date(1991, 1, 1), date(1990, 1, 1)))
    with pytest.raises(pact.InputError, match="the window ends"):
        research.dyads(engine, date(1991, 1, 1), date(1990, 1, 1))


# --- pact's own shape, through the same path ----------------------------------------------------------


@pytest.mark.parametrize("every", list(Every))
def test_pacts_shape_is_the_dyad_table_row_for_row(engine: pact.Engine, week: list[Dyad], every: Every) -> None:
    table = research.table(engine, Request(*WEEK, every), week)
    expected = [tuple(d.record(every).values()) for d in dyads(engine, *WEEK, every)]
    assert len(expected) > 1000
    assert list(table.rows) == expected


def test_cow_codes_in_pacts_shape(engine: pact.Engine, week: list[Dyad]) -> None:
    table = research.table(engine, Request(*WEEK, Every.change, codes=Scheme.cow), week)
    rows = {(r["state"], r["toward"]): r for r in table.records()}
    assert rows[(432, 436)]["defense"] == 1  # Mali owes Niger defence under the AES Charter
    assert dict(table.columns)["state"] is ColumnType.integer


# --- files: Parquet, CSV, provenance ---------------------------------------------------------------


def test_parquet_round_trips_with_the_documented_types(frame: Table, tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow", reason="needs pact-treaties[parquet]")
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "frame.parquet"
    with TableWriter(out, frame.columns, frame.provenance) as table:
        table.write(frame.rows[:5000])
        table.write(frame.rows[5000:])
    read = pq.read_table(out)
    types = {f.name: f.type for f in read.schema}
    assert types["ccode1"] == types["year"] == pa.int32()
    assert {types[c] for c in ATOP} == {pa.int8()}
    assert types["treaties"] == pa.string() and types["state1"] == pa.dictionary(pa.int32(), pa.string())
    assert [tuple(r.values()) for r in read.to_pylist()] == list(frame.rows)
    made = json.loads(read.schema.metadata[b"pact"])
    assert made["rules"] == research.rules_fingerprint(pact.load_rules()) and made["codes"] == "cow"
    dates = pq.read_table(_written(tmp_path / "d.parquet", ["--every", "change"])).schema
    assert dates.field("from").type == pa.date32() and dates.field("state").type == pa.dictionary(
        pa.int32(), pa.string()
    )


def test_pandas_gets_the_same_types(frame: Table) -> None:
    pytest.importorskip("pandas")
    data = frame.to_pandas()
    assert [str(data[c].dtype) for c in ("ccode1", "year", "atop_defense", "state1")] == [
        "Int32",
        "Int32",
        "Int8",
        "category",
    ]
    assert int(data["atop_defense"].isna().sum()) == sum(1 for r in frame.rows if r[2] == 1991)
    assert data.attrs["pact"]["shape"] == "peacesciencer"


def _written(out: Path, extra: list[str]) -> Path:
    argv = ["dyads", "--from", "2023-09-14", "--to", "2023-09-21", "--backend", "reference", "--no-progress"]
    assert main([*argv, *extra, "--out", str(out)]) == 0
    return out


def test_cli_writes_the_frame_as_csv_that_reads_without_options(tmp_path: Path) -> None:
    """``--shape peacesciencer`` is yearly by default; the CSV has a header, empty cells for missing values,
    and the provenance lies beside it."""
    pandas = pytest.importorskip("pandas")
    out = _written(tmp_path / "f.csv", ["--shape", "peacesciencer", "--codes", "cow", "--all-dyads"])
    data = pandas.read_csv(out)
    assert list(data.columns) == FRAME_COLUMNS and set(data["year"]) == {2023}
    assert set(data["atop_defense"].dropna()) == {1} and data["atop_defense"].isna().any()  # a part of 2023: no 0
    assert str(data["ccode1"].dtype) == "int64"
    made = json.loads((tmp_path / "f.csv.provenance.json").read_text())
    assert made["rules"] == research.rules_fingerprint(pact.load_rules()) and made["all_dyads"] is True


def test_cli_provenance_columns_and_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = _written(tmp_path / "p.csv", ["--provenance", "column"])
    with out.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert {r["rules"] for r in rows} == {research.rules_fingerprint(pact.load_rules())}
    assert {r["pact_version"] for r in rows} == {research.pact_version()}
    capsys.readouterr()
    for extra, message in [
        (["--shape", "peacesciencer", "--every", "month"], "every: peacesciencer's frame is a dyad-year frame"),
        (["--all-dyads"], "all-dyads: every dyad of the state system is written in peacesciencer's shape only"),
        (["--coverage", "1990-01-01"], "coverage: '1990-01-01': write the coverage as FROM..TO"),
    ]:
        argv = ["dyads", "--from", "2023-09-14", "--to", "2023-09-21", "--out", str(tmp_path / "x.csv"), *extra]
        assert main(argv) == 2
        err = capsys.readouterr().err.strip()
        assert message in err and len(err.splitlines()) == 1, err


def test_the_fingerprint_names_the_rules_not_their_files(tmp_path: Path) -> None:
    bundled = pact.load_rules()
    shutil.copytree(pact.bundled_rules_dir(), tmp_path / "copy")
    assert research.rules_fingerprint(pact.load_rules(tmp_path / "copy", bundled=False)) == research.rules_fingerprint(
        bundled
    )
    changed = pact.scenario_from_dict(
        {
            "scenario": "chad-joins",
            "date": "2025-06-01",
            "events": [{"type": "armed_attack", "target": "TCD"}],
            "assume": [{"treaty": "aes", "state": "TCD", "joins": "2025-01-01"}],
        },
        bundled,
    )
    assert research.rules_fingerprint(pact.assume(bundled, changed.assume)) != research.rules_fingerprint(bundled)


def test_sweep_returns_a_typed_table(engine: pact.Engine) -> None:
    from pact.analysis.sweep import Grid, Interval

    table = pact.sweep(engine, Grid(date(2024, 1, 1), date(2024, 1, 3), Interval.day, targets="parties:aes"))
    types = dict(table.columns)
    assert (types["date"], types["state"], types["article"]) == (ColumnType.date, ColumnType.category, ColumnType.text)
    assert {r["target"] for r in table.records()} == {"BFA", "MLI", "NER"}
    assert table.provenance["command"] == "sweep"


# --- ATOP's own data: the frame over the imported US-Japan treaty ------------------------------------


@pytest.mark.skipif(
    ATOP_DATA is None, reason="ATOP 4.01 not found ($PACT_ATOP_DATA, ../shared/data/atop); see docs/atop.md"
)
def test_over_atop_the_frame_is_directed_and_missing_past_atops_coverage() -> None:
    """GIVEN ATOP 4.01's US-Japan treaty (atopid 3375: only the US row has defense=1), imported WHEN the frame of
    2015-2017 is built with ATOP's coverage (to the end of 2016) THEN USA->JPN is 1 and JPN->USA 0 in 2015-2016,
    and 2017 is missing, not 0 (peacesciencer's issue #9)."""
    from pact.importers.atop import import_atop

    assert ATOP_DATA is not None
    alliance = next(
        import_atop(ATOP_DATA / "atop4_01_member_level.csv", ATOP_DATA / "atop4_01_alliance_level.csv", [3375])
    )
    geography = (alliance.geography,) if alliance.geography else ()
    engine = pact.Engine(pact.Rulebook(treaties=(alliance.treaty,), geography=geography), backend="reference")
    table = research.dyads(
        engine,
        date(2015, 1, 1),
        date(2018, 1, 1),
        Every.year,
        Baseline(Attacker.adversaries, undetermined=True),
        codes=Scheme.cow,
        shape=Shape.peacesciencer,
        all_dyads=True,
        coverage=(date(1815, 1, 1), date(2017, 1, 1)),
    )
    rows = _by_key(table)
    assert [rows[(2, 740, y)]["atop_defense"] for y in (2015, 2016, 2017)] == [1, 1, None]
    assert [rows[(740, 2, y)]["atop_defense"] for y in (2015, 2016, 2017)] == [0, 0, None]
    assert rows[(2, 740, 2016)]["treaties"] == "atop-3375"


# --- rows and --format csv: one schema --------------------------------------------------------------


def test_rows_and_csv_are_one_schema(rules: pact.Rulebook, engine: pact.Engine) -> None:
    """GIVEN a result with obligations, undetermined duties and parties not obligated WHEN it is given as rows and as
    CSV THEN both have the columns of CSV_COLUMNS, in order, and the same values (None written empty)."""
    scenario = pact.load_scenario(SCENARIOS / "csto-armenia-2021-request-unknown.yaml", rules)
    result = engine.evaluate(scenario)
    rows = pact.rows(result)
    assert {r["record"] for r in rows} == {"obligation", "undetermined", "not_obligated"}
    assert all(tuple(r) == CSV_COLUMNS for r in rows)
    undetermined = next(r for r in rows if r["record"] == "undetermined")
    assert undetermined["deciding"] == "requested_from" and undetermined["date"] == date(2021, 5, 14)
    text = pact.render.render("csv", [answer(engine, scenario)])
    written = list(csv.DictReader(io.StringIO(text)))
    assert written == [{k: "" if v is None else str(v) for k, v in r.items()} for r in rows]
    assert all(tuple(r) == CSV_COLUMNS for r in csv_rows(result, "en"))


def test_to_pandas_of_a_result(engine: pact.Engine, rules: pact.Rulebook) -> None:
    pytest.importorskip("pandas")
    result = engine.evaluate(pact.load_scenario(SCENARIOS / "aes-niger-attacked.yaml", rules))
    data = pact.to_pandas(result)
    assert tuple(data.columns) == CSV_COLUMNS
    assert str(data["state"].dtype) == "category" and str(data["date"].dtype).startswith("datetime64")
    assert len(data) == len(pact.rows(result))


# --- notebooks -----------------------------------------------------------------------------------------


def test_notebook_displays_are_the_reports_html(engine: pact.Engine, rules: pact.Rulebook, week: list[Dyad]) -> None:
    """GIVEN an IPython shell WHEN pact's displays are loaded THEN a result, an explanation, a timeline and a table
    show as HTML in a ``div.pact`` with the report's style, scoped to it."""
    shell_module = pytest.importorskip("IPython.core.interactiveshell")
    shell = shell_module.InteractiveShell.instance()
    pact.load_ipython_extension(shell)
    scenario = pact.load_scenario(SCENARIOS / "aes-niger-attacked.yaml", rules)
    shown = {
        "result": engine.evaluate(scenario),
        "answer": answer(engine, scenario, explained=True),
        "explanation": pact.explain(engine, scenario, state="MLI")[0],
        "timeline": pact.timeline(engine, "NER", date(2023, 1, 1), date(2024, 1, 1)),
        "table": research.table(engine, Request(*WEEK), week),
    }
    html = {name: shell.display_formatter.format(value)[0]["text/html"] for name, value in shown.items()}
    assert all(h.startswith('<div class="pact"><style>.pact {') for h in html.values())
    assert '<table class="obligations">' in html["result"] and "Mali" in html["result"] and "<svg" not in html["result"]
    assert "<svg" in html["answer"] and "<details" in html["answer"]
    assert '<details class="explanation obligated" open>' in html["explanation"]
    assert "<svg" in html["timeline"]
    assert "rows × 11 columns" in html["table"] and "sha256:" in html["table"]


def test_the_notebook_style_applies_inside_pact_only() -> None:
    rules = [r.strip() for r in scoped(CSS).split("}") if r.strip()]
    assert len(rules) == CSS.count("}")
    assert all(s.strip().startswith(".pact") for r in rules for s in r.split("{")[0].split(","))


def test_importing_pact_inside_ipython_registers_the_displays_and_imports_no_renderer() -> None:
    """GIVEN a running IPython shell WHEN pact is imported THEN its types have HTML displays, registered by name,
    and neither the render layer nor the model is imported until something is shown."""
    pytest.importorskip("IPython")
    code = (
        "import sys\n"
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance()\n"
        "import pact\n"
        "html = shell.display_formatter.formatters['text/html']\n"
        "print(sorted(k for k in html.deferred_printers if k[0].startswith('pact.')))\n"
        "print('pact.render' in sys.modules, 'pact.model.result' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    registered, imported = done.stdout.strip().splitlines()
    assert registered == str(sorted(pact._DISPLAYS))
    assert imported == "False False"
