"""The HTML report of the Niger 2023 ECOWAS scenario, opened as a reader opens it: in a browser,
headless Chromium, with no network. The page must not be blank, and its DOM must hold the
obligations table, the conflicts and the graph.

Chromium comes from the distribution's packages (``.ci/run`` installs it where it is missing and
sets ``PACT_REQUIRE_CHROMIUM``, so that CI fails rather than skips without it).
"""

from __future__ import annotations

import html
import json
import re
import struct
import subprocess
import zlib
from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

import pact
import pact.render.worldmap
from pact.cli import main
from pact.render.graph import LINES
from pact.words import state_name

from .conftest import SCENARIOS

SCENARIO = SCENARIOS / "ecowas-force-enters-niger-2023.yaml"
WIDTH, HEIGHT = 1280, 1600
OFFLINE = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # no name resolves and every connection goes to a closed local port: nothing can be fetched
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("report") / "niger-2023.html"
    assert main(["run", str(SCENARIO), "--format", "html", "--out", str(page), "--backend", "reference"]) == 0
    return page


def browse(chromium: str, page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        chromium,
        *OFFLINE,
        f"--user-data-dir={profile}",
        f"--window-size={WIDTH},{HEIGHT}",
        *args,
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def test_the_page_is_drawn(chromium: str, report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "niger-2023.png"
    browse(chromium, report, tmp_path / "profile", f"--screenshot={shot}")
    width, height, pixels = png(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    # A blank page (or one line of text) leaves under 0.1% of the bytes other than white or
    # unchanged-from-the-neighbour; the report's first screen leaves several percent.
    assert inked(pixels) > 0.01


def test_the_dom_holds_the_tables_the_conflicts_and_the_graph(chromium: str, report: Path, tmp_path: Path) -> None:
    dom = Page()
    dom.feed(browse(chromium, report, tmp_path / "profile", "--dump-dom").stdout)
    result = pact.Engine(pact.load_rules(), backend="reference").evaluate(
        pact.load_scenario(SCENARIO, pact.load_rules())
    )
    assert dom.rows["obligations"] == len(result.obligations) == 14
    assert dom.rows["conflicts"] == len(result.conflicts) == 8
    assert dom.rows["not-obligated"] > 0
    assert dom.within["graph"]["svg"] == 1 + len(LINES)  # the graph, and a sample of each line in its legend
    assert {"NER", "NGA", "BFA", "MLI"} <= dom.states
    grouped = " ".join(dom.groups.values())  # many bearers of one clause: one node, its title naming them
    assert all(o.state in dom.states or state_name(o.state, "en") in grouped for o in result.obligations)
    assert "Ghana" in grouped and "GHA" not in dom.states
    assert {"BFA", "MLI"} == dom.conflicted
    assert dom.links["duty"] >= len({(o.treaty, o.clause) for o in result.obligations})
    assert dom.links["attack"] == 4 and dom.links["bound"] > 0
    assert dom.within["explanations"]["details"] > 30


class Page(HTMLParser):
    """What the DOM holds: rows of each table, elements within each section, the graph's parts."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: Counter[str] = Counter()
        self.within: dict[str, Counter[str]] = {}
        self.states: set[str] = set()
        self.groups: dict[str, str] = {}  # a node standing for several states: its title
        self._node: str | None = None
        self.conflicted: set[str] = set()
        self.links: Counter[str] = Counter()
        self._table: str | None = None
        self._section: str | None = None
        self._body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if tag == "section":
            self._section = found.get("id")
            self.within.setdefault(self._section or "", Counter())
        elif self._section:
            self.within[self._section][tag] += 1
        if tag == "table":
            self._table = classes[0] if classes else None
        self._body = (self._body or tag == "tbody") and tag != "thead"
        if tag == "tr" and self._table and self._body:
            self.rows[self._table] += 1
        if tag == "g" and "node" in classes:
            self._node = found.get("data-state") or ""
            self.states.add(self._node)
            if "conflict" in classes:
                self.conflicted.add(found.get("data-state") or "")
        if tag == "g" and "link" in classes:
            self.links[classes[1]] += 1

    def handle_data(self, data: str) -> None:
        if self._node is not None and self.lasttag == "title" and not self._node.isupper():
            self.groups.setdefault(self._node, data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "g":
            self._node = None
        if tag == "table":
            self._table, self._body = None, False
        if tag == "section":
            self._section = None


def png(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the decompressed (still filtered) pixel rows of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, width, height, pixels = 8, 0, 0, b""
    while at < len(data):
        (size,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + size]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            pixels += body
        at += 12 + size
    return width, height, zlib.decompress(pixels)


def inked(pixels: bytes) -> float:
    """The share of bytes that are neither 0 (unchanged from a neighbour, after PNG's filters) nor
    255 (white): near nothing on a blank page."""
    return (len(pixels) - pixels.count(0) - pixels.count(255)) / len(pixels)


# --- what a reader sees: names, no clipped text, the map (issue 20) ------------------------------

READERS = ("aes-niger-attacked", "nato-september-11-2001", "ecowas-force-enters-niger-2023")
"""Three bundled scenarios whose HTML reports are opened in English and in French."""

MEASURE = """<script>
(() => {
  const clipped = [];
  for (const el of document.querySelectorAll("td, th, h1, h2, li, summary, figcaption, .figure span")) {
    const scrolls = getComputedStyle(el).overflowX === "auto";
    if (el.scrollWidth > el.clientWidth + 1 && !scrolls) clipped.push(el.textContent.slice(0, 60));
  }
  for (const text of document.querySelectorAll("svg text")) {
    const box = text.getBoundingClientRect(), frame = text.closest("svg").getBoundingClientRect();
    const out = box.left < frame.left - 1 || box.right > frame.right + 1;
    if (box.width && (out || box.top < frame.top - 1 || box.bottom > frame.bottom + 1))
      clipped.push(text.textContent.slice(0, 60));
  }
  const names = [...document.querySelectorAll("svg.graph text.name, svg.map text.name")].map(t => t.textContent);
  document.body.setAttribute("data-clipped", JSON.stringify(clipped));
  document.body.setAttribute("data-names", JSON.stringify(names));
})();
</script>"""


def measured(chromium: str, page: str, folder: Path) -> tuple[str, list[str], list[str]]:
    """The DOM of ``page`` once laid out, with what overflows its box and the names drawn."""
    file = folder / "page.html"
    file.write_text(page.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    shot = folder / "page.png"
    browse(chromium, file, folder / "profile", f"--screenshot={shot}")
    assert inked(png(shot.read_bytes())[2]) > 0.01
    dom = browse(chromium, file, folder / "profile", "--dump-dom").stdout
    found = {k: json.loads(html.unescape(v)) for k, v in re.findall(r'data-(clipped|names)="([^"]*)"', dom)}
    return dom, found["clipped"], found["names"]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("name", READERS)
def test_a_report_shows_names_and_no_clipped_text(chromium: str, tmp_path: Path, name: str, language: str) -> None:
    page = tmp_path / "report.html"
    argv = ["run", str(SCENARIOS / f"{name}.yaml"), "-f", "html", "--lang", language, "-o", str(page)]
    assert main([*argv, "--backend", "reference"]) == 0
    dom, clipped, names = measured(chromium, page.read_text(encoding="utf-8"), tmp_path)
    assert clipped == []
    assert names and not [n for n in names if re.fullmatch(r"[A-Z]{3}( ⚠)?", n)]  # no code-only label
    victim = {
        "aes-niger-attacked": "Niger",
        "nato-september-11-2001": "États-Unis" if language == "fr" else "United States",
    }
    if name in victim:
        assert victim[name] in names
    assert len(re.findall(r'<path data-state="[A-Z]{3}"', dom)) > 20  # the countries of the map's frame
    attacked = {"aes-niger-attacked": "NER", "nato-september-11-2001": "USA", "ecowas-force-enters-niger-2023": "NER"}
    assert re.search(rf'<path data-state="{attacked[name]}" d="[^"]*" fill="#c62828"', dom)


def test_the_map_has_every_country_and_the_attacked_state_filled(chromium: str, tmp_path: Path) -> None:
    """A world-wide answer (11 September 2001) draws every country of the outlines, one path each; a
    regional one (Niger, 2023) the countries of its frame; the state attacked is filled red in both."""
    world = pact.render.worldmap.world()["states"]
    for name, victim, expected in (
        ("nato-september-11-2001", "USA", {c for c, s in world.items() if s["d"]}),
        ("aes-niger-attacked", "NER", {"NER", "NGA", "MLI", "BFA", "SEN", "GHA", "TCD", "DZA"}),
    ):
        out = tmp_path / f"{name}.svg"
        argv = ["run", str(SCENARIOS / f"{name}.yaml"), "-f", "map", "-o", str(out), "--backend", "reference"]
        assert main(argv) == 0
        document = out.read_text(encoding="utf-8")
        drawn = re.findall(r'<path data-state="([A-Z]{3})"', document)
        assert len(drawn) == len(set(drawn)) and expected <= set(drawn) <= set(world), name
        assert re.search(rf'<path data-state="{victim}" d="[^"]*" fill="#c62828"', document), name
    _, clipped, names = measured(chromium, f"<!DOCTYPE html><html><body>{document}</body></html>", tmp_path)
    assert clipped == [] and {"Niger", "Nigeria", "Mali", "Burkina Faso"} <= set(names)


def test_the_timeline_picture_has_names_and_no_clipped_text(chromium: str, tmp_path: Path) -> None:
    from pact.model.lexicon import RuleWords
    from pact.render.reader import Reader
    from pact.render.timeline import svg

    engine = pact.Engine(pact.load_rules(), backend="reference")
    found = pact.timeline(engine, "NER", date(2015, 1, 1), date(2026, 1, 1))
    document = svg(found, Reader("fr", RuleWords.of(engine.rulebook), names=True))
    dom, clipped, _ = measured(chromium, f"<!DOCTYPE html><html><body>{document}</body></html>", tmp_path)
    assert clipped == []
    assert ">Côte d’Ivoire</text>" in dom and ">NER</text>" not in dom
