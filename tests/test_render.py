"""Renderers: every bundled scenario in every format and language; tables that fit the width;
graphs with the right structure; CSV for pandas; the JSON contract and its schema."""

from __future__ import annotations

import ast
import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import pact
from pact.cli import main
from pact.evaluation.answers import Answer
from pact.render import Options, formats, register_format, render
from pact.render.data import CSV_COLUMNS
from pact.render.reader import Reader
from pact.words import LANGUAGES

from .conftest import ROOT, SCENARIOS

NIGER_2023 = "ecowas-force-enters-niger-2023"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_bundled_scenario_renders_in_every_format(answers: dict[str, Answer]) -> None:
    """Each format meets every scenario; the languages take turns (each meets half of them)."""
    assert set(formats()) >= {"table", "json", "jsonl", "csv", "markdown", "html", "mermaid", "dot"}
    for i, (name, answer) in enumerate(sorted(answers.items())):
        options = Options(language=LANGUAGES[i % len(LANGUAGES)], width=80)
        shown = {fmt: render(fmt, [answer], options) for fmt in formats()}
        assert all(isinstance(text, str) and text.strip() for text in shown.values()), name
        assert max(len(line) for line in shown["table"].splitlines()) <= 80, name
        assert json.loads(shown["json"])["scenario"] == answer.result.scenario
        assert json.loads(shown["jsonl"])["scenario"] == answer.result.scenario
        assert len(list(csv.DictReader(io.StringIO(shown["csv"])))) == _decisions(answer)
        assert shown["markdown"].startswith("# ") and "```mermaid\nflowchart LR\n" in shown["markdown"]
        assert shown["html"].startswith("<!DOCTYPE html>") and shown["html"].rstrip().endswith("</html>")
        assert shown["mermaid"].startswith("flowchart LR") and shown["dot"].startswith("digraph pact {")


def _decisions(answer: Answer) -> int:
    result = answer.result
    return len(result.obligations) + len(result.undetermined) + len(result.not_obligated) + len(result.conflicts)


def test_several_scenarios_render_together(answers: dict[str, Answer]) -> None:
    both = [answers["aes-niger-attacked"], answers[NIGER_2023]]
    for fmt in formats():
        text = render(fmt, both)
        assert "aes-niger-attacked" in text or "Niger's territory is attacked" in text or "Niger attacked" in text, fmt
    assert render("dot", both).count("subgraph cluster_") == 2
    assert render("mermaid", both).count("  subgraph s") == 2
    ids = re.findall(r'\bid="([^"]+)"', str(render("html", both)))
    assert len(ids) == len(set(ids)) and "aes-niger-attacked-obligations" in ids


# --- the table ---------------------------------------------------------------------------------


def test_pact_run_fits_80_columns_for_every_bundled_scenario(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [str(f) for f in sorted(SCENARIOS.glob("*.yaml"))]
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = run(capsys, "run", *files, "--backend", "reference")
    assert code == 0, err
    assert max(len(line) for line in out.splitlines()) == 80  # and some line does use the width


def test_the_table_honours_a_wider_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    _, out, _ = run(capsys, "run", str(SCENARIOS / f"{NIGER_2023}.yaml"), "--backend", "reference")
    assert 80 < max(len(line) for line in out.splitlines()) <= 160


def test_identical_non_obligations_are_one_row(answers: dict[str, Answer]) -> None:
    ceuta = answers["nato-canary-islands-and-ceuta"]
    wide = Options(width=400)  # nothing wraps: each row is one line
    table = render("table", [ceuta], wide)
    [row] = [line for line in table.splitlines() if "location Ceuta is outside" in line]
    assert re.match(
        r"NATO +ceuta +Albania, Belgium, Bulgaria, Canada, .* +Article 5 \(with Article 6\(1\)\): location", row
    )
    assert "Türkiye, United Kingdom, United States (31)" in " ".join(table.split())
    french = render("table", [ceuta], Options(language="fr", width=400))
    assert french.count("le lieu Ceuta est hors de la zone d'application de la clause") == 1


def test_a_reason_shared_by_several_states_names_none_of_them(answers: dict[str, Answer]) -> None:
    table = render("table", [answers["aes-niger-attacked"]], Options(width=400))
    assert "Articles 1 and 5: each is not among the attackers, and the clause binds only attacking parties" in table


def test_each_obligation_shows_a_short_because(answers: dict[str, Answer]) -> None:
    rows = render("table", [answers["csto-armenia-2022-with-request"]], Options(width=200)).splitlines()
    [kazakhstan] = [r for r in rows if r.startswith("Kazakhstan ") and "Article 4" in r]
    assert kazakhstan.rstrip().endswith("Armenia asked CSTO; Armenia is a party")
    french = render("table", [answers["csto-armenia-2022-with-request"]], Options(language="fr", width=200))
    assert "Arménie a demandé assistance (traité OTSC) ; Arménie est partie" in french


def test_headers_follow_the_language(answers: dict[str, Answer]) -> None:
    table = render("table", [answers["aes-niger-attacked"]], Options(language="fr", width=120))
    assert "Obligations (14)" in table and "pourquoi pas (le motif décisif)" in table
    assert "Sans obligation (21 parties)" in table and "Article 6 : Niger est la victime" in table


def test_run_filters_by_state_and_treaty(capsys: pytest.CaptureFixture[str]) -> None:
    niger = str(SCENARIOS / f"{NIGER_2023}.yaml")
    _, out, _ = run(capsys, "run", niger, "--state", "BFA", "-f", "json", "--backend", "reference")
    data = json.loads(out)
    assert {o["treaty"] for o in data["obligations"]} == {"aes", "ecowas"}
    assert {o["state"] for o in (*data["obligations"], *data["not_obligated"], *data["conflicts"])} == {"BFA"}
    _, out, _ = run(capsys, "run", niger, "--treaty", "aes", "-f", "json", "--backend", "reference")
    data = json.loads(out)
    assert {o["treaty"] for o in (*data["obligations"], *data["not_obligated"])} == {"aes"}
    assert len(data["conflicts"]) == 8  # each is a conflict of an AES duty


# --- graphs ------------------------------------------------------------------------------------

MERMAID_NODE = re.compile(r'^\s*(\w+)\["([^"]*)"\]:::(\w+)$')
MERMAID_EDGE = re.compile(r'^\s*(\w+) (==>|-\.->|-->|-\.-)(?:\|"([^"]*)"\|)? (\w+)$')


def test_mermaid_has_states_duties_attacks_and_conflicts(answers: dict[str, Answer]) -> None:
    lines = render("mermaid", [answers[NIGER_2023]]).splitlines()
    nodes = {m[1]: m[3] for m in map(MERMAID_NODE.match, lines) if m}
    labels = {m[1]: m[2] for m in map(MERMAID_NODE.match, lines) if m}
    edges = {(m[1], m[2], m[3], m[4]) for m in map(MERMAID_EDGE.match, lines) if m}
    group = "n_ecowas_member_conflict_NER_intervention"  # the seven other ECOWAS parties, one node
    assert nodes["NER"] == "victim" and nodes["NGA"] == "attacker" and nodes[group] == "bearer"
    assert labels["NER"].startswith("Niger<br>") and labels[group] == "7 ECOWAS parties" and "GHA" not in nodes
    assert nodes["BFA"] == nodes["MLI"] == "conflict"
    assert {("MLI", "==>", "AES Article 6", "NER"), ("NGA", "==>", None, "NER")} <= edges  # an attack: red, no label
    assert (group, "-.->", "ECOWAS Article 4(a)", "NER") in edges
    bound = {(a, b) for a, arrow, _, b in edges if arrow == "-.-"}  # dashed, unlabelled: the legend says
    assert bound == {(s, t) for s in ("BFA", "MLI") for t in ("NGA", "SEN", "CIV", "BEN")}
    assert {a for a, *_ in edges} | {b for *_, b in edges} <= set(nodes)
    styled = [line for line in lines if line.lstrip().startswith("linkStyle")]
    assert len(styled) == 4 + len(bound)  # every attack and every tie to an attacker is coloured
    assert any(line.strip().startswith("classDef conflict") for line in lines)


DOT_NODE = re.compile(r'^\s*"(\w+)" \[label="([^"]*)", tooltip="[^"]*", class=(\w+),')
DOT_EDGE = re.compile(
    r'^\s*"(\w+)" -> "(\w+)" \[(?:label="([^"]*)", )?(?:tooltip="[^"]*", )?class="([\w ]+)", ([^\]]*)\];$'
)


def test_dot_has_states_duties_attacks_and_conflicts(answers: dict[str, Answer]) -> None:
    text = render("dot", [answers[NIGER_2023]])
    lines = text.splitlines()
    assert lines[0] == "digraph pact {" and lines[-1] == "}" and text.count("{") == text.count("}")
    nodes = {m[1]: m[3] for m in map(DOT_NODE.match, lines) if m}
    edges = {(m[1], m[2], m[4]): (m[3], m[5]) for m in map(DOT_EDGE.match, lines) if m}
    assert nodes["NER"] == "victim" and nodes["BEN"] == "attacker" and nodes["BFA"] == "conflict"
    assert edges[("MLI", "NER", "duty defense")] == ("AES Article 6", "penwidth=2.4")
    assert edges[("NGA", "NER", "attack")][0] is None  # red and thick, its meaning in the attacker's box
    assert edges[("BFA", "SEN", "bound")][0] is None  # dashed orange, the clauses in its tooltip
    assert edges[("NGA", "NER", "duty non_aggression")][0] == "ECOWAS (non-aggression) Articles 1 and 5"
    assert "style=dashed" in edges[("BFA", "SEN", "bound")][1]
    assert len(edges) == len([line for line in lines if " -> " in line])


def test_graphs_speak_the_language(answers: dict[str, Answer]) -> None:
    text = render("mermaid", [answers[NIGER_2023]], Options(language="fr"))
    assert "Niger<br><i>attaqué</i>" in text and "Burkina Faso<br><i>lié aux deux camps</i>" in text
    assert "CEDEAO Article 4 a)" in text


# --- data formats ------------------------------------------------------------------------------


def test_csv_loads_into_pandas_one_row_per_decision(answers: dict[str, Answer]) -> None:
    pandas = pytest.importorskip("pandas")  # a test dependency (the test extra), never pact's
    chosen = [answers[n] for n in (NIGER_2023, "nato-hawaii-and-alaska", "aes-niger-attacked")]
    frame = pandas.read_csv(io.StringIO(render("csv", chosen)), keep_default_na=False)
    assert tuple(frame.columns) == CSV_COLUMNS
    for answer in chosen:
        mine = frame[frame.scenario == answer.result.scenario]
        assert (mine.record == "obligation").sum() == len(answer.result.obligations)
        assert (mine.record == "not_obligated").sum() == len(answer.result.not_obligated)
        assert (mine.record == "conflict").sum() == len(answer.result.conflicts)
    ceuta = frame[(frame.event == "hawaii") & (frame.state == "USA") & (frame.treaty == "nato")]
    assert list(ceuta.reason) == ["Article 4: USA is the victim"]


def test_json_keeps_because_and_adds_trace_and_decisive(capsys: pytest.CaptureFixture[str]) -> None:
    file = str(SCENARIOS / "ecowas-niger-benin-exit-day.yaml")
    _, out, _ = run(capsys, "run", file, "-f", "json", "--backend", "reference")
    data = json.loads(out)
    duty = data["obligations"][0]
    assert all(isinstance(b, str) for b in duty["because"]) and len(duty["because"]) == len(duty["trace"])
    assert set(duty["trace"][0]) >= {"test", "holds", "article", "values", "source"}
    [bfa] = [n for n in data["not_obligated"] if (n["state"], n["treaty"], n["event"]) == ("BFA", "ecowas", "e2")]
    assert bfa["decisive"]["test"] == "party_on_day" and bfa["decisive"]["source"].startswith("rules/ecowas.yaml:")
    assert bfa["because"][0].endswith("BFA was no longer a party of ecowas on 2025-01-29 (left 2025-01-29)")
    _, out, _ = run(capsys, "run", file, "-f", "json", "--lang", "fr", "--backend", "reference")
    [bfa] = [
        n for n in json.loads(out)["not_obligated"] if (n["state"], n["treaty"], n["event"]) == ("BFA", "ecowas", "e2")
    ]
    assert bfa["because"][0].endswith("BFA n'était plus partie au traité ecowas le 2025-01-29 (sortie le 2025-01-29)")


def test_the_result_schema_documents_because_trace_and_decisive(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "schema", "result")
    schema = json.loads(out)
    obligation, non_obligation = schema["$defs"]["Obligation"], schema["$defs"]["NonObligation"]
    assert {"because", "trace"} <= set(obligation["properties"]) and "because" in obligation["required"]
    assert {"because", "trace", "decisive"} <= set(non_obligation["properties"])
    assert set(schema["$defs"]["Step"]["properties"]) >= {"test", "holds", "article", "values", "source"}


def test_the_html_page_needs_nothing_from_outside(answers: dict[str, Answer]) -> None:
    page = render("html", [answers[NIGER_2023]])
    assert not re.search(r"<script|<link|<img|<iframe|\bsrc=|url\((?!#)|@import", page)  # url(#id): in the page
    assert 'id="obligations"' in page and 'id="conflicts"' in page and "<svg" in page


# --- the CLI and the registry ------------------------------------------------------------------


def test_out_writes_any_format_to_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.md"
    code, out, _ = run(
        capsys, "run", str(SCENARIOS / "aes-niger-attacked.yaml"), "-f", "markdown", "--out", str(target)
    )
    assert code == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("# Niger's territory is attacked")


def test_an_unknown_format_names_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "run", str(SCENARIOS / "aes-niger-attacked.yaml"), "-f", "pdf")
    assert code == 2 and f"'pdf' is not one of {', '.join(formats())}" in " ".join(err.replace("│", " ").split())


def test_a_format_is_one_registered_function(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import pact.render as render_module

    monkeypatch.setattr(render_module, "_FORMATS", dict(formats()))
    register_format("states", lambda answers, options: " ".join(o.state for a in answers for o in a.result.obligations))
    code, out, _ = run(capsys, "run", str(SCENARIOS / "aes-niger-attacked.yaml"), "-f", "states")
    assert code == 0 and out.split()[:2] == ["BFA", "MLI"]


# --- layering ----------------------------------------------------------------------------------

RENDERERS = ("common", "terminal", "data", "graph", "report", "phrasing", "diff", "timeline")
BELOW_RENDER = ("words", "core", "model", "validate", "plan", "load", "backends", "evaluation", "analysis")
"""The packages under pact/render in the pipeline (pyproject's import-linter contract says the same)."""


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    return found | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}


def test_renderers_read_results_and_never_rules() -> None:
    for name in RENDERERS:
        imported = _imports(ROOT / "pact" / "render" / f"{name}.py")
        assert not {
            m
            for m in imported
            if m.startswith(("pact.load.loader", "pact.plan.compile", "pact.evaluation.engine", "yaml"))
        }, name


def test_nothing_below_the_renderers_imports_them() -> None:
    for name in BELOW_RENDER:
        files = sorted((ROOT / "pact" / name).rglob("*.py"))
        assert files, name
        for file in files:
            assert not {m for m in _imports(file) if m.startswith(("pact.render", "pact.cli"))}, file


def test_import_pact_does_not_load_rich() -> None:
    code = "import sys, pact, pact.render; pact.render.formats(); print('rich' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_every_bundled_rules_file_is_cited_as_rules_name(answers: dict[str, Answer]) -> None:
    sources = {
        s.source.split(":")[0] for a in answers.values() for e in a.explanations for c in e.clauses for s in c.steps
    }
    assert sources and all(re.fullmatch(r"rules/[\w.-]+\.yaml", s) for s in sources if s)
    assert sources <= {f"rules/{p.name}" for p in (ROOT / "rules").glob("*.yaml")}
    assert isinstance(pact.load_rules(), pact.Rulebook)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_html_report_lists_the_undetermined_duties_with_what_decides_them(
    language: str, answers: dict[str, Answer]
) -> None:
    answer = answers["csto-armenia-2021-request-unknown"]
    page = str(render("html", [answer], Options(language=language)))
    section = re.search(r'<section id="undetermined">.*?</section>', page, re.DOTALL)
    assert section is not None and answer.result.undetermined
    rows = re.findall(r"<tr><td>([^<]+)</td><td>([^<]+)</td>.*?<td>([^<]*)</td></tr>", section[0])
    who = Reader(language, answer.words, names=True)
    expected = {(who.state(u.state), who.treaty(u.treaty), ", ".join(u.deciding)) for u in answer.result.undetermined}
    assert set(rows) == expected and len(rows) == len(answer.result.undetermined)
    assert "Undetermined (" in page if language == "en" else "Indéterminées (" in page
