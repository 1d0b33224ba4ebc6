"""A timeline for people: a table of spans, and an SVG picture drawn by pact itself (no I/O here).

The picture has one row per state — first the states that owe STATE something, then those STATE
owes something to — with a bar over each span, one lane per treaty, coloured by treaty: solid for
a duty of defence, light for consultation and the other duties, labelled with its articles where
the label fits (the tooltip has it always); a scale on top, a subtitle that says in words what
was asked on each day, and a legend below. States, treaties, articles and days are named for the
reader (``pact.render.reader``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from xml.sax.saxutils import escape

from pact.analysis.timelines import Span, Timeline
from pact.model import ObligationKind
from pact.render.common import short_article
from pact.render.fonts import FONT, text_width, wrapped
from pact.render.reader import Reader, alphabetical
from pact.words import Words, term

STRONG = frozenset({ObligationKind.defense, ObligationKind.offense})
"""Kinds of duty drawn solid; the others (consultation, neutrality, non-aggression) are drawn light."""

# --- table ---------------------------------------------------------------------------------------


def _rows(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    return ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in (header, *rows)]


def _articles(span: Span, who: Reader) -> list[str]:
    return list(dict.fromkeys(short_article(who.article(span.treaty, a)) for a in span.articles))


def _until(span: Span, t: Timeline, who: Reader) -> str:
    return who.say("timeline.end", date=span.until) if span.until == t.end else who.date(span.until)


def asked(t: Timeline, who: Reader) -> str:
    """What was asked on each day, in words."""
    attacker = who.state(t.attacker) if t.attacker else Words("timeline.bystander")
    events = [term("types", e.value) for e in t.events]
    return who.say("timeline.asked", state=t.state, attacker=attacker, events=events)


def table(t: Timeline, who: Reader) -> str:
    out = [who.say("timeline.head", state=t.state, start=t.start, end=t.end, count=len(t.periods)), asked(t, who)]
    header = tuple(who.say(f"timeline.col.{c}") for c in ("state", "treaty", "articles", "kinds", "events"))
    header += (who.say("timeline.col.from"), who.say("timeline.col.until"))
    for key, spans, other in _sections(t):
        title = who.say(key, state=t.state)
        out += [
            "",
            who.say("timeline.some", title=title, count=len(spans)) if spans else who.say("timeline.none", title=title),
        ]
        rows = [
            (
                who.state(other(s)),
                who.treaty(s.treaty),
                who.say("sep").join(_articles(s, who)),
                ", ".join(who.say(f"kind.{k.value}") for k in s.kinds),
                ", ".join(who.say(f"types.{e.value}") for e in s.events),
                who.date(s.start),
                _until(s, t, who),
            )
            for s in sorted(spans, key=lambda s: (alphabetical(who.state(other(s))), s.treaty, s.start))
        ]
        out += _rows(header, rows) if rows else []
    return "\n".join(out)


def _sections(t: Timeline) -> list[tuple[str, tuple[Span, ...], Callable[[Span], str]]]:
    return [
        ("timeline.owed_to", t.owed_to_state(), lambda s: s.bearer),
        ("timeline.owes", t.owed_by_state(), lambda s: s.toward),
    ]


# --- picture -------------------------------------------------------------------------------------

WIDTH = 1100
_LEFT, _RIGHT, _TOP = 190, 20, 70
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
    def __init__(self, t: Timeline, who: Reader, top: float) -> None:
        self.t, self.who, self.top, self.y, self.rows = t, who, top, top, 0
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

    def section(self, title: str, spans: tuple[Span, ...], other_of: Callable[[Span], str]) -> None:
        self.text(8, self.y + 14, title, size=13, font_weight="bold")
        self.y += 22
        if not spans:
            self.text(_LEFT, self.y + 12, self.who.say("timeline.nothing"), fill="#666")
            self.y += 24
            return
        for state in sorted({other_of(s) for s in spans}, key=lambda code: alphabetical(self.who.state(code))):
            mine = [s for s in spans if other_of(s) == state]
            lanes = sorted({s.treaty for s in mine})
            height = len(lanes) * (_LANE + _GAP) - _GAP
            self.back.append(
                f'<rect x="0" y="{self.y - _ROW_GAP / 2:.1f}" width="{WIDTH}" height="{height + _ROW_GAP}" '
                f'fill="{"#f3f3f3" if self.rows % 2 else "#ffffff"}"/>'
            )
            self.rows += 1
            self.text(8, self.y + height / 2 + 4, self.who.state(state), size=12, font_weight="bold")
            for span in mine:
                self.bar(span, self.y + lanes.index(span.treaty) * (_LANE + _GAP))
            self.y += height + _ROW_GAP
        self.y += 10

    def bar(self, span: Span, y: float) -> None:
        """A span's bar: solid for defence, light for the other duties; its label only where it fits."""
        who = self.who
        x0, x1 = self.x(span.start), self.x(span.until)
        label = f"{who.treaty(span.treaty)} {', '.join(_articles(span, who))}"
        kinds = ", ".join(who.say(f"kind.{k.value}") for k in span.kinds)
        tip = who.say("timeline.tip", label=label, kinds=kinds, start=span.start, until=span.until)
        strong = bool(STRONG & set(span.kinds))
        colour = self.colour[span.treaty]
        style = f'fill="{colour}"' if strong else f'fill="{colour}" fill-opacity="0.3" stroke="{colour}"'
        kind = "strong" if strong else "light"
        self.parts.append(
            f'<rect class="bar {kind}" x="{x0:.1f}" y="{y:.1f}" width="{max(x1 - x0, 1):.1f}" height="{_LANE}" rx="3" '
            f'{style} data-treaty="{escape(span.treaty)}"><title>{escape(tip)}</title></rect>'
        )
        if text_width(label, 11) + 8 <= x1 - x0:
            self.text(x0 + 4, y + 13, label, fill="#fff" if strong else "#1f2937", **{"class": "bar-label"})

    def scale(self, bottom: float) -> None:
        start, end = self.t.start, self.t.end
        years = end.year - start.year >= 2
        ticks = [date(y, 1, 1) for y in range(start.year, end.year + 1)] if years else _months(start, end)
        ticks = [d for d in ticks if start <= d <= end]
        step = next((n for n in _STEPS if len(ticks) / n * _TICK_LABEL <= self.plot), len(ticks) or 1)
        for tick in ticks[::step]:
            x = self.x(tick)
            self.grid.append(f'<line x1="{x:.1f}" y1="{self.top - 12}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="#ccc"/>')
            if x + _TICK_LABEL < WIDTH:
                shown = str(tick.year) if years else f"{tick.year}-{tick.month:02d}"
                self.text(x + 2, self.top - 16, shown, size=10, fill="#555")

    def legend(self) -> None:
        x = 8.0
        for treaty, colour in self.colour.items():
            name = self.who.treaty(treaty)
            self.parts.append(f'<rect x="{x:.0f}" y="{self.y}" width="14" height="14" fill="{colour}"/>')
            self.text(x + 18, self.y + 11, name)
            x += 32 + text_width(name, 11)
        self.y += 22
        self.parts.append(f'<rect x="8" y="{self.y}" width="14" height="14" fill="#555"/>')
        self.text(26, self.y + 11, self.who.say("timeline.strong"))
        x = 40 + text_width(self.who.say("timeline.strong"), 11)
        self.parts.append(
            f'<rect x="{x:.0f}" y="{self.y}" width="14" height="14" fill="#555" fill-opacity="0.3" stroke="#555"/>'
        )
        self.text(x + 18, self.y + 11, self.who.say("timeline.light"))
        self.y += 24


def _months(start: date, end: date) -> list[date]:
    months, d = [], date(start.year, start.month, 1)
    while d <= end:
        months.append(d)
        d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return months


def svg(t: Timeline, who: Reader) -> str:
    """The timeline as a standalone SVG document."""
    lines = wrapped(asked(t, who), 11, WIDTH - 16)
    canvas = _Canvas(t, who, _TOP + 14 * (len(lines) - 1))
    canvas.text(8, 22, who.say("timeline.title", state=t.state, start=t.start, end=t.end), size=15, font_weight="bold")
    for i, line in enumerate(lines):
        canvas.text(8, 40 + 14 * i, line, size=11, fill="#555")
    for key, spans, other in _sections(t):
        canvas.section(who.say(key, state=t.state), spans, other)
    canvas.scale(bottom=canvas.y)
    canvas.legend()
    height = canvas.y + 10
    body = "\n".join([*canvas.back, *canvas.grid, *canvas.parts])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{FONT}" class="timeline">\n'
        f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>\n{body}\n</svg>\n'
    )


def size(document: str) -> tuple[int, int]:
    """The width and height an SVG this module drew declares."""
    found = re.search(r'width="(\d+)" height="(\d+)"', document)
    assert found is not None
    return int(found[1]), int(found[2])
