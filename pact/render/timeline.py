"""A timeline for people: a table of spans, and an SVG picture drawn by pact itself (no I/O here).

The picture has one row per state — first the states that owe STATE something, then those STATE
owes something to — with a bar over each span, one lane per treaty, coloured by treaty and
labelled with its articles; a year (or month) scale on top and a legend below.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from xml.sax.saxutils import escape

from pact.analysis.timelines import Span, Timeline

# --- table ---------------------------------------------------------------------------------------


def _rows(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    return ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in (header, *rows)]


def short_article(article: str) -> str:
    """An article without a remark in brackets: ``Article 5 (with Article 6(1))`` → ``Article 5``; a
    bracket that numbers a paragraph (``3(1) and (3)``) is kept."""
    remark = re.search(r"\s\((?=[a-z])", article)
    if remark is None:
        return article
    depth, end = 0, len(article)
    for i in range(remark.start() + 1, len(article)):
        depth += {"(": 1, ")": -1}.get(article[i], 0)
        if depth == 0:
            end = i + 1
            break
    return (article[: remark.start()] + article[end:]).strip()


def _articles(span: Span) -> list[str]:
    return list(dict.fromkeys(map(short_article, span.articles)))


def _until(span: Span, t: Timeline) -> str:
    return f"{span.until} (end)" if span.until == t.end else str(span.until)


def table(t: Timeline) -> str:
    events = ", ".join(e.value for e in t.events)
    out = [
        f"{t.state} from {t.start} to {t.end}: {len(t.periods)} period{'s' if len(t.periods) > 1 else ''}"
        " between the days the rules change",
        f"asked on each: the state attacked on its territory by {_attacker(t)} ({events}), help asked of every treaty",
    ]
    header = ("state", "treaty", "articles", "kinds", "events", "from", "until")
    for title, spans, other in (
        (f"Owed to {t.state}", t.owed_to_state(), lambda s: s.bearer),
        (f"{t.state} owes", t.owed_by_state(), lambda s: s.toward),
    ):
        out += ["", f"{title} ({len(spans)}):" if spans else f"{title}: nothing"]
        rows = [
            (
                other(s),
                s.treaty,
                "; ".join(_articles(s)),
                ", ".join(k.value for k in s.kinds),
                ", ".join(e.value for e in s.events),
                str(s.start),
                _until(s, t),
            )
            for s in sorted(spans, key=lambda s: (other(s), s.treaty, s.start))
        ]
        out += _rows(header, rows) if rows else []
    return "\n".join(out)


# --- picture -------------------------------------------------------------------------------------

WIDTH = 1100
_LEFT, _RIGHT, _TOP = 170, 20, 64
_LANE, _GAP, _ROW_GAP = 18, 3, 8
_TICK_LABEL = 48  # room one label of the scale needs, in pixels
_STEPS = (1, 2, 5, 10, 20, 50, 100)  # years (or months) between two labels
_PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#9467bd",
    "#ff7f0e",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
)


def colours(t: Timeline) -> dict[str, str]:
    """One colour per treaty of the timeline, in treaty order."""
    treaties = sorted({s.treaty for s in t.spans})
    return {treaty: _PALETTE[i % len(_PALETTE)] for i, treaty in enumerate(treaties)}


class _Canvas:
    def __init__(self, t: Timeline) -> None:
        self.t, self.y, self.rows = t, _TOP, 0
        self.back: list[str] = []  # row shading, under the scale's lines
        self.grid: list[str] = []
        self.parts: list[str] = []  # bars and words, on top
        self.plot = WIDTH - _LEFT - _RIGHT
        self.colour = colours(t)

    def x(self, day: date) -> float:
        whole = self.t.end.toordinal() - self.t.start.toordinal()
        return _LEFT + self.plot * (day.toordinal() - self.t.start.toordinal()) / whole

    def text(self, x: float, y: float, words: str, size: int = 11, **attrs: str) -> None:
        extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}"{extra}>{escape(words)}</text>')

    def section(self, title: str, spans: tuple[Span, ...], other_of) -> None:
        self.text(8, self.y + 14, title, size=13, font_weight="bold")
        self.y += 22
        if not spans:
            self.text(_LEFT, self.y + 12, "nothing in this window", fill="#666")
            self.y += 24
            return
        for state in sorted({other_of(s) for s in spans}):
            mine = [s for s in spans if other_of(s) == state]
            lanes = sorted({s.treaty for s in mine})
            height = len(lanes) * (_LANE + _GAP) - _GAP
            self.back.append(
                f'<rect x="0" y="{self.y - _ROW_GAP / 2:.1f}" width="{WIDTH}" height="{height + _ROW_GAP}" '
                f'fill="{"#f3f3f3" if self.rows % 2 else "#ffffff"}"/>'
            )
            self.rows += 1
            self.text(8, self.y + height / 2 + 4, state, size=12, font_weight="bold")
            for span in mine:
                self.bar(span, self.y + lanes.index(span.treaty) * (_LANE + _GAP))
            self.y += height + _ROW_GAP
        self.y += 10

    def bar(self, span: Span, y: float) -> None:
        x0, x1 = self.x(span.start), self.x(span.until)
        label = f"{span.treaty} {', '.join(_articles(span))}"
        clip = f"c{len(self.parts)}"
        tip = f"{label}: {', '.join(k.value for k in span.kinds)} from {span.start} until {span.until}"
        self.parts.append(
            f'<clipPath id="{clip}"><rect x="{x0:.1f}" y="{y:.1f}" width="{max(x1 - x0, 1):.1f}" height="{_LANE}"/>'
            f"</clipPath>"
            f'<rect x="{x0:.1f}" y="{y:.1f}" width="{max(x1 - x0, 1):.1f}" height="{_LANE}" rx="3" '
            f'fill="{self.colour[span.treaty]}"><title>{escape(tip)}</title></rect>'
        )
        self.text(x0 + 4, y + 13, label, fill="#fff", clip_path=f"url(#{clip})")

    def scale(self, bottom: float) -> None:
        start, end = self.t.start, self.t.end
        years = end.year - start.year >= 2
        ticks = [date(y, 1, 1) for y in range(start.year, end.year + 1)] if years else _months(start, end)
        ticks = [d for d in ticks if start <= d <= end]
        step = next((n for n in _STEPS if len(ticks) / n * _TICK_LABEL <= self.plot), len(ticks) or 1)
        for tick in ticks[::step]:
            x = self.x(tick)
            self.grid.append(f'<line x1="{x:.1f}" y1="{_TOP - 12}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="#ccc"/>')
            if x + _TICK_LABEL < WIDTH:
                self.text(x + 2, _TOP - 16, str(tick.year) if years else tick.strftime("%Y-%m"), size=10, fill="#555")

    def legend(self) -> None:
        x = _LEFT
        for treaty, colour in self.colour.items():
            self.parts.append(f'<rect x="{x}" y="{self.y}" width="14" height="14" fill="{colour}"/>')
            self.text(x + 18, self.y + 11, treaty)
            x += 30 + 7 * len(treaty)
        self.y += 24


def _months(start: date, end: date) -> list[date]:
    months, d = [], date(start.year, start.month, 1)
    while d <= end:
        months.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return months


def svg(t: Timeline) -> str:
    """The timeline as a standalone SVG document."""
    canvas = _Canvas(t)
    events = ", ".join(e.value for e in t.events)
    canvas.text(8, 20, f"{t.state}: who owes it what, and what it owes, {t.start} to {t.end}", size=15)
    canvas.text(8, 36, f"each state attacked on its territory by {_attacker(t)} ({events})", size=11, fill="#555")
    canvas.section(f"Owed to {t.state}", t.owed_to_state(), lambda s: s.bearer)
    canvas.section(f"{t.state} owes", t.owed_by_state(), lambda s: s.toward)
    canvas.scale(bottom=canvas.y)
    canvas.legend()
    height = canvas.y + 10
    body = "\n".join([*canvas.back, *canvas.grid, *canvas.parts])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="DejaVu Sans, Arial, sans-serif">\n'
        f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>\n{body}\n</svg>\n'
    )


def size(document: str) -> tuple[int, int]:
    """The width and height an SVG this module drew declares."""
    found = re.search(r'width="(\d+)" height="(\d+)"', document)
    assert found is not None
    return int(found[1]), int(found[2])


def _attacker(timeline: Timeline) -> str:
    return timeline.attacker or "a bystander (the first state bound by no treaty that day)"
