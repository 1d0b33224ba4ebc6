"""Every output format treats rule and scenario text as hostile.

One treaty and one scenario whose every free-text field — titles, notes, source citations and
links, article labels, clause texts, qualifications, the name of a non-state attacker — carries an
injection payload (a spreadsheet formula, HTML with a script and an event handler, a
``javascript:`` link, Markdown links and code fences, Mermaid entity codes, quotes and backslashes,
a terminal escape, a line break) are run through every format and every command that shows them.
Each output must still be what its format says, and show the payload as text, never act on it.
Before: an HTML report linked ``javascript:alert(16)``, Markdown passed ``<script>`` and
``<img onerror>`` through, and a CSV cell began with ``=cmd|``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from pact.cli import main

FORMULA = "=cmd|' /C calc'!A0"
PAYLOAD = (
    f"{FORMULA} <script>alert(1)</script><img src=x onerror=alert(2)> [click](javascript:alert(3)) "
    '<javascript:alert(4)> ``` `code` "quoted" \\ #quot; #lt; | ]]> \x1b[31m\nsecond line'
)
"""What every free-text field holds; it starts with a formula, so that it starts a CSV cell."""

EVIL_URL = "javascript:alert(16)"
GOOD_URL = "https://example.org/treaty?a=1&b=<2>"


def _treaty() -> dict:
    return {
        "treaty": "hostile",
        "title": PAYLOAD,
        "signed": "2000-01-01",
        "in_force": "2000-01-01",
        "source": {"citation": PAYLOAD, "url": EVIL_URL},
        "notes": PAYLOAD,
        "parties": [{"state": s, "joined": "2000-01-01"} for s in ("NER", "MLI", "BFA")],
        "clauses": [
            {
                "id": "defence",
                "article": PAYLOAD,
                "text": PAYLOAD,
                "trigger": {"events": ["armed_attack"], "victim": "party", "attacker": "any"},
                "obligation": {"kind": "defense", "means": "armed_force", "qualification": PAYLOAD},
            }
        ],
    }


def _scenario() -> dict:
    return {
        "scenario": "hostile",
        "title": PAYLOAD,
        "date": "2024-01-01",
        "notes": PAYLOAD,
        "sources": [{"citation": PAYLOAD, "url": EVIL_URL}, {"citation": "a fair source", "url": GOOD_URL}],
        "events": [{"type": "armed_attack", "target": "NER", "by": ["NGA"], "by_non_state": PAYLOAD[:200]}],
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A rules directory holding the hostile treaty, and the hostile scenario."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "rules").mkdir()
    (folder / "rules" / "hostile.yaml").write_text(yaml.safe_dump(_treaty(), allow_unicode=True), encoding="utf-8")
    (folder / "scenario.yaml").write_text(yaml.safe_dump(_scenario(), allow_unicode=True), encoding="utf-8")
    return folder / "rules", folder / "scenario.yaml"


def shown(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def _run(capsys: pytest.CaptureFixture[str], hostile: tuple[Path, Path], form: str) -> str:
    rules, scenario = hostile
    return shown(capsys, "run", "--backend", "reference", "--rules", str(rules), "-f", form, str(scenario))


# --- HTML ---------------------------------------------------------------------------------------

SAFE_TAGS = {
    *("html", "head", "meta", "title", "style", "body", "footer", "article", "section", "h1", "h2", "h3", "p"),
    *("ul", "li", "div", "b", "i", "em", "strong", "span", "code", "pre", "a", "figure", "figcaption", "details"),
    *("summary", "table", "thead", "tbody", "tr", "th", "td", "svg", "defs", "marker", "path", "g", "rect", "text"),
    *("line", "clippath", "pattern", "circle", "cite"),
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def html_is_inert(page: str) -> None:
    """Only the tags pact writes, no event handler, and links only to web addresses."""
    parser = _Tags()
    parser.feed(page)
    tags = {tag for tag, _ in parser.tags}
    assert tags <= SAFE_TAGS, tags - SAFE_TAGS
    assert not [name for _, attrs in parser.tags for name in attrs if name.startswith("on")]
    links = [attrs["href"] for tag, attrs in parser.tags if "href" in attrs]
    assert all(re.match(r"https?://", link or "") for link in links), links
    assert not re.search(r"(?i)javascript:[^<]*</a>", page)


def test_html_escapes_everything_and_links_only_to_the_web(
    capsys: pytest.CaptureFixture[str], hostile: tuple[Path, Path]
) -> None:
    page = _run(capsys, hostile, "html")
    html_is_inert(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text
    assert EVIL_URL in page and f'href="{EVIL_URL}"' not in page  # shown, not linked
    assert 'href="https://example.org/treaty?a=1&amp;b=&lt;2&gt;"' in page


# --- Markdown ------------------------------------------------------------------------------------


def test_markdown_escapes_html_links_and_fences(capsys: pytest.CaptureFixture[str], hostile: tuple[Path, Path]) -> None:
    from markdown_it import MarkdownIt  # rich's Markdown parser: installed with pact

    text = _run(capsys, hostile, "markdown")
    assert "<script" not in text and "<img" not in text and "<javascript:" not in text
    fences = [line for line in text.splitlines() if line.startswith("```")]
    assert fences == ["```mermaid", "```"], fences  # the graph's fence is the only one: no payload opened one
    rendered = MarkdownIt("commonmark").render(text)  # raw HTML allowed, as many renderers do
    html_is_inert(rendered)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert '<a href="https://example.org/treaty?a=1&amp;b=%3C2%3E">' in rendered or "example.org" in rendered


# --- CSV ----------------------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cells_are_inert(text: str) -> list[list[str]]:
    rows = [row for row in csv.reader(io.StringIO(text)) if row]
    assert len(rows) > 1
    assert not [cell for row in rows for cell in row if cell.startswith(FORMULA_START)]
    return rows


def test_run_csv_neutralises_formulas(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    rules, scenario = hostile
    out = tmp_path / "result.csv"
    argv = ["run", "--backend", "reference", "--rules", str(rules), "-f", "csv", str(scenario)]
    assert main([*argv, "--out", str(out)]) == 0
    rows = cells_are_inert(out.read_text(encoding="utf-8"))
    article = rows[0].index("article")
    assert any(row[article] == "'" + PAYLOAD for row in rows)  # kept whole, behind its quote


def test_sweep_tables_neutralise_formulas(hostile: tuple[Path, Path], tmp_path: Path) -> None:
    """The tables of sweep and dyads are written by one writer; a sweep's rows carry article labels."""
    rules, _ = hostile
    out = tmp_path / "table.csv"
    argv = ["sweep", "--from", "2024-01-01", "--to", "2024-01-02", "--targets", "NER", "--rules", str(rules)]
    assert main([*argv, "--backend", "reference", "--no-progress", "--out", str(out)]) == 0
    rows = cells_are_inert(out.read_text(encoding="utf-8"))
    assert any("'" + PAYLOAD in row for row in rows)


# --- graphs ---------------------------------------------------------------------------------------

MERMAID_LINES = (
    re.compile(r"^flowchart LR$|^graph LR$"),
    re.compile(r'^\s*\w+\["(?:[^"<>`]|<br>|</?i>)*"\](:::\w+)?$'),  # a node: pact's own <br> and <i> only
    re.compile(r'^\s*\w+ (==>|-\.->|-->)\|"[^"<>`|]*"\| \w+$'),  # an edge
    re.compile(r"^\s*\w+ (==>|-\.-) \w+$"),  # an attack or a tie to both sides: no label
    re.compile(r'^\s*subgraph \w+\["[^"<>`]*"\]$|^\s*end$'),
    re.compile(r"^\s*(classDef|linkStyle) [\w ]+ [\w:#,.\- ]+$"),
    re.compile(r"^\s*%% [ab]: [^\n]*$"),
)


def mermaid_is_well_formed(text: str) -> None:
    for line in text.splitlines():
        assert any(p.match(line) for p in MERMAID_LINES), line
    assert "<script" not in text and "```" not in text


def test_mermaid_labels_are_escaped(capsys: pytest.CaptureFixture[str], hostile: tuple[Path, Path]) -> None:
    text = _run(capsys, hostile, "mermaid")
    mermaid_is_well_formed(text)
    assert "#60;script#62;" in text  # the payload, as Mermaid's entity codes


DOT_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def test_dot_labels_are_escaped(capsys: pytest.CaptureFixture[str], hostile: tuple[Path, Path]) -> None:
    text = _run(capsys, hostile, "dot")
    outside = DOT_STRING.sub("S", text)  # what is left once every quoted string is taken out
    assert '"' not in outside and "alert" not in outside and "\\" not in outside
    assert outside.count("{") == outside.count("}")
    assert all(line.rstrip().endswith((";", "{", "}")) for line in outside.splitlines()), outside


# --- terminal and data formats --------------------------------------------------------------------


@pytest.mark.parametrize("form", ["table", "json", "jsonl"])
def test_text_and_data_formats_keep_the_payload_as_data(
    form: str, capsys: pytest.CaptureFixture[str], hostile: tuple[Path, Path]
) -> None:
    text = _run(capsys, hostile, form)
    assert "\x1b" not in text  # no terminal escape reaches the terminal (click strips them, rich too)
    if form != "table":
        data = json.loads(text.splitlines()[0] if form == "jsonl" else text)
        assert PAYLOAD in {o["article"] for o in data["obligations"]}  # the data as written


def test_explain_and_diff_and_timeline(
    capsys: pytest.CaptureFixture[str], hostile: tuple[Path, Path], tmp_path
) -> None:
    rules, scenario = hostile
    text = shown(
        capsys, "explain", "--backend", "reference", "--rules", str(rules), "--treaty", "hostile", str(scenario)
    )
    assert "\x1b" not in text and "=cmd" in text
    data = json.loads(
        shown(capsys, "explain", "--rules", str(rules), "-f", "json", "--treaty", "hostile", str(scenario))
    )
    assert data[0]["clauses"][0]["article"] == PAYLOAD
    diff = ["diff", "--backend", "reference", "--rules-b", str(rules), str(scenario)]
    mermaid_is_well_formed(shown(capsys, *diff, "-f", "mermaid"))
    assert "\x1b" not in shown(capsys, *diff)
    picture = tmp_path / "timeline.svg"
    shown(capsys, "timeline", "NER", "--rules", str(rules), "--from", "2023-01-01", "--to", "2024-01-01", "--backend",
          "reference", "--out", str(picture))  # fmt: skip
    svg = picture.read_text(encoding="utf-8")
    html_is_inert(svg)
    assert "&lt;script&gt;" in svg


def test_a_table_shows_brackets_in_a_name_as_written(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """rich reads ``[bold]`` in a string as a style: each cell of a table is given to it as text, so a
    name from a scenario (or a rule's words) keeps its brackets and never styles the table (before,
    a non-state attacker ``[bold]Katiba[/bold]`` was printed ``Katiba``, in bold on a terminal)."""
    scenario = tmp_path / "katiba.yaml"
    named = {"type": "armed_attack", "target": "NER", "by_non_state": "[bold]Katiba[/bold] [red]Macina"}
    scenario.write_text(yaml.safe_dump({"scenario": "k", "date": "2023-10-01", "events": [named]}), encoding="utf-8")
    text = shown(capsys, "run", "--backend", "reference", "--all", str(scenario))
    table = text.split("Not obligated", 1)[1]
    assert "[bold]Katiba[/bold]" in table and "[red]Macina" in table
