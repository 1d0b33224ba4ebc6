"""The HTML report of the Niger 2023 ECOWAS scenario, opened as a reader opens it: in a browser,
headless Chromium, with no network. The page must not be blank, and its DOM must hold the
obligations table, the conflicts and the graph.

Chromium comes from the distribution's packages (``.ci/run`` installs it where it is missing and
sets ``PACT_REQUIRE_CHROMIUM``, so that CI fails rather than skips without it).
"""

from __future__ import annotations

import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

import pact
from pact.cli import main

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
    assert dom.within["graph"]["svg"] == 1
    assert {"NER", "NGA", "BFA", "MLI", "GHA"} <= dom.states
    assert {"BFA", "MLI"} == dom.conflicted
    assert dom.links["duty"] >= len({(o.state, o.treaty) for o in result.obligations})
    assert dom.links["attack"] == 4 and dom.links["bound"] > 0
    assert dom.within["explanations"]["details"] > 30


class Page(HTMLParser):
    """What the DOM holds: rows of each table, elements within each section, the graph's parts."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: Counter[str] = Counter()
        self.within: dict[str, Counter[str]] = {}
        self.states: set[str] = set()
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
            self.states.add(found.get("data-state") or "")
            if "conflict" in classes:
                self.conflicted.add(found.get("data-state") or "")
        if tag == "g" and "link" in classes:
            self.links[classes[1]] += 1

    def handle_endtag(self, tag: str) -> None:
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
