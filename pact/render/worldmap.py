"""A world map as SVG, from the outlines pact ships (``pact/data/world-110m.json``: Natural Earth, public
domain, projected with Equal Earth; its provenance beside it). Standard library only, no network.

``world_map`` colours states, stripes the hatched ones, names the states it is asked to (inside their
shape where the name fits, else beside it with a leader line), frames the region they lie in (or the
whole world when they are spread over it), zooms on a crowd of small states in an inset, and adds a
title, a legend and the credit. Every state of the answer has a ``data-state`` attribute and a tooltip.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from pact.render.fonts import FONT, text_width, wrapped

HATCH = "hatch"
"""A legend colour that stands for the hatching of undetermined states."""
OUTLINE = "outline"
"""A legend colour that stands for the thick outline of states bound to both sides."""
BOTH = "#7b3fa6"

OCEAN, LAND, BORDER, INK = "#dfe9f2", "#e4e2dc", "#ffffff", "#222222"
Box = tuple[float, float, float, float]


@cache
def world() -> dict[str, Any]:
    text = resources.files("pact").joinpath("data", "world-110m.json").read_text(encoding="utf-8")
    return json.loads(text)


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth, as the data file's ``meta`` gives it."""
    c = world()["meta"]["constants"]
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(math.sqrt(3) / 2 * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    den = 3 * (9 * c["A4"] * t6 * t2 + 7 * c["A3"] * t6 + 3 * c["A2"] * t2 + c["A1"])
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / den
    y = theta * (c["A4"] * t6 * t2 + c["A3"] * t6 + c["A2"] * t2 + c["A1"])
    return x * c["scale"], -y * c["scale"]


@dataclass(frozen=True)
class Paint:
    """What the map shows: fills by code, hatched codes, names, and the codes to label, in order."""

    fills: dict[str, str]
    hatched: frozenset[str] = frozenset()
    names: dict[str, str] = field(default_factory=dict)
    labels: tuple[str, ...] = ()
    outlined: frozenset[str] = frozenset()

    @property
    def involved(self) -> set[str]:
        return set(self.fills) | set(self.hatched)

    def paint(self, code: str, pid: str) -> str:
        """A state's fill: its colour, stripes over its colour, or grey stripes (undetermined)."""
        if code not in self.fills:
            return f"url(#{pid}-hatch)"
        if code in self.hatched:
            return f"url(#{pid}-hatch-{_colour_id(self.fills[code])})"
        return self.fills[code]


def _colour_id(colour: str) -> str:
    return "".join(ch for ch in colour if ch.isalnum())


def world_map(
    paint: Paint,
    title: str,
    legend: Sequence[tuple[str, str]],
    *,
    subtitle: str = "",
    credit: str = "",
    width: int = 1200,
    ids: str = "",
) -> str:
    """An SVG map of ``paint`` under ``title``, with a legend of (colour, words) entries below it; ``ids``
    prefixes its element ids, so that several maps can share a page."""
    rows = _legend_rows(legend, width)
    titles = wrapped(title, 22, width - 40, bold=True)
    subtitles = wrapped(subtitle, 15, width - 40) if subtitle else []
    title_h = 20 + 28 * len(titles) + 20 * len(subtitles)
    frame = _frame(paint.involved, width)
    height = title_h + frame.height + 14 + 24 * len(rows) + 18
    labels = " ".join(f"{ids}map-title-{i}" for i in range(len(titles)))  # one id per line of a wrapped title
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}"'
        f' font-family="{FONT}" role="img" aria-labelledby="{labels}" class="map">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    out += [
        f'<text id="{ids}map-title-{i}" class="title" x="20" y="{31 + 28 * i}" font-size="22" font-weight="bold"'
        f' fill="{INK}">{escape(line)}</text>'
        for i, line in enumerate(titles)
    ]
    below = 28 * len(titles) + 27
    out += [
        f'<text class="subtitle" x="20" y="{below + 20 * i}" font-size="15" fill="#555">{escape(line)}</text>'
        for i, line in enumerate(subtitles)
    ]
    out += _panels(paint, frame, title_h, width, ids)
    out += _legend(rows, title_h + frame.height + 14, ids)
    out.append(
        f'<text class="credit" x="{width - 20}" y="{height - 10}" font-size="11" fill="#777" text-anchor="end">'
        f"{escape(credit)}</text>"
    )
    out.append(_hatch(f"{ids}legend-hatch", "#ffffff", "#6b6b6b", 7, 2.4))
    out.append("</svg>")
    return "\n".join(out)


def size(document: str) -> tuple[int, int]:
    """The width and height a map this module drew declares."""
    head = document[: document.index(">")]
    return int(head.split(' width="')[1].split('"')[0]), int(head.split(' height="')[1].split('"')[0])


# --- framing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    box: Box  # the viewBox: x, y, width, height in projected units
    regional: bool
    height: int  # the map's height in pixels


def _world_box() -> Box:
    x0, _, x1, _ = world()["meta"]["extent"]
    return x0, project(0, 84)[1], x1, project(0, -58)[1]  # Antarctica left out


def _frame(codes: set[str], width: int) -> _Frame:
    """The region around the states' mainlands, or the whole world when they are spread over it."""
    states = world()["states"]
    wx0, wy0, wx1, wy1 = _world_box()
    boxes = [states[c]["main"] for c in codes if c in states] or [[wx0, wy0, wx1, wy1]]
    found = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    regional = found[2] - found[0] < 0.45 * (wx1 - wx0) and found[3] - found[1] < 0.55 * (wy1 - wy0)
    x0, y0, x1, y1 = _widened(found, wx1 - wx0) if regional else (wx0, wy0, wx1, wy1)
    w, h = x1 - x0, y1 - y0
    height = round(min(max(width * h / w, 0.45 * width), 0.75 * width))
    x0, y0, w, h = _fitted((x0, y0, w, h), width / height)
    x0 = min(max(x0, wx0), wx1 - w) if w <= wx1 - wx0 else x0  # slid back onto the world where it can be
    y0 = min(max(y0, wy0), wy1 - h) if h <= wy1 - wy0 else y0
    return _Frame((x0, y0, w, h), regional, height)


def _widened(box: Box, world_width: float) -> Box:
    """A region with a margin, at least 30 degrees of longitude across so that it can be recognised."""
    x0, y0, x1, y1 = box
    margin = max(0.12 * max(x1 - x0, y1 - y0), 120)
    x0, y0, x1, y1 = x0 - margin, y0 - margin, x1 + margin, y1 + margin
    least = 0.085 * world_width
    if x1 - x0 < least:
        middle = (x0 + x1) / 2
        x0, x1 = middle - least / 2, middle + least / 2
    return x0, y0, x1, y1


def _fitted(box: Box, aspect: float) -> Box:
    """The box (x, y, w, h) grown around its middle to the aspect ratio of the picture."""
    x0, y0, w, h = box
    if w / h < aspect:
        return x0 + w / 2 - h * aspect / 2, y0, h * aspect, h
    return x0, y0 + h / 2 - w / aspect / 2, w, w / aspect


# --- the map itself, and its inset ---------------------------------------------------------------


def _panels(paint: Paint, frame: _Frame, top: int, width: int, ids: str) -> list[str]:
    inset = _inset(paint.involved, frame.box, width, frame.height)
    main = _Panel(paint, frame.box, 0, top, width, frame.height, frame.regional, f"{ids}m")
    if inset is None:
        return main.drawn(paint.labels)
    box, (ix, iy, iw, ih) = inset
    inside = {c for c in paint.involved if c in world()["states"] and _within(world()["states"][c]["label"], box)}
    out = main.drawn(tuple(c for c in paint.labels if c not in inside))
    k = frame.box[2] / width
    x0, y0, w, h = box
    out.append(
        f'<rect x="{(x0 - frame.box[0]) / k:.0f}" y="{top + (y0 - frame.box[1]) / k:.0f}" width="{w / k:.0f}"'
        f' height="{h / k:.0f}" fill="none" stroke="{INK}" stroke-width="1" stroke-dasharray="4 3"/>'
    )
    out.append(
        f'<rect x="{ix - 1}" y="{top + iy - 1}" width="{iw + 2}" height="{ih + 2}" fill="#fff"'
        f' stroke="{INK}" stroke-width="1.5"/>'
    )
    panel = _Panel(paint, box, ix, top + iy, iw, ih, True, f"{ids}i", size=10, context=False)
    return out + panel.drawn(paint.labels)


def _within(point: Sequence[float], box: Box) -> bool:
    x0, y0, w, h = box
    return x0 <= point[0] <= x0 + w and y0 <= point[1] <= y0 + h


class _Panel:
    """One map: the viewBox ``box`` drawn at (x, y), ``width`` × ``height`` pixels, as a nested <svg>."""

    def __init__(
        self,
        paint: Paint,
        box: Box,
        x: float,
        y: float,
        width: int,
        height: int,
        regional: bool,
        pid: str,
        *,
        size: float = 13,
        context: bool = True,
    ) -> None:
        self.paint, self.box, self.x, self.y = paint, box, x, y
        self.width, self.height, self.regional, self.pid = width, height, regional, pid
        self.size, self.context = size, context
        self.k = box[2] / width  # user units per pixel
        self.labels = _Labels(width, height)
        self.texts: list[str] = []

    def px(self, x: float, y: float) -> tuple[float, float]:
        return (x - self.box[0]) / self.k, (y - self.box[1]) / self.k

    def pbox(self, b: Sequence[float]) -> Box:
        (a, c), (e, f) = self.px(b[0], b[1]), self.px(b[2], b[3])
        return a, c, e, f

    def seen(self, b: Sequence[float]) -> bool:
        x0, y0, x1, y1 = self.pbox(b)
        return x1 > 0 and x0 < self.width and y1 > 0 and y0 < self.height

    def tiny(self, code: str) -> bool:
        state = world()["states"][code]
        b = self.pbox(state["main"])
        return max(b[2] - b[0], b[3] - b[1]) < 9 or state["area"] / (self.k * self.k) < 50

    def drawn(self, labels: Sequence[str]) -> list[str]:
        vx, vy, vw, vh = self.box
        out = [
            f'<svg x="{self.x:.0f}" y="{self.y:.0f}" width="{self.width}" height="{self.height}"'
            f' viewBox="{vx:.0f} {vy:.0f} {vw:.0f} {vh:.0f}" preserveAspectRatio="xMidYMid meet">',
            self._defs(),
            f'<rect x="{vx:.0f}" y="{vy:.0f}" width="{vw:.0f}" height="{vh:.0f}"'
            f' fill="{OCEAN if self.regional else "#fff"}"/>',
            f'<path d="{_outline()}" fill="{OCEAN}"/>',
            f'<path d="{_graticule()}" fill="none" stroke="#ffffff" stroke-width="{0.8 * self.k:.1f}"'
            f' clip-path="url(#{self.pid}-sphere)"/>',
            *self._land(),
        ]
        self._place_labels(labels)
        if self.regional and self.context:
            self._context_names()
        return [*out, *self.texts, "</svg>"]

    def _defs(self) -> str:
        step, stroke = 7 * self.k, 2.4 * self.k
        hatches = [_hatch(f"{self.pid}-hatch", "#ffffff", "#6b6b6b", step, stroke)]
        both = {self.paint.fills[c] for c in self.paint.hatched if c in self.paint.fills}
        hatches += [_hatch(f"{self.pid}-hatch-{_colour_id(c)}", c, "#ffffff", step, stroke) for c in sorted(both)]
        sphere = f'<clipPath id="{self.pid}-sphere"><path d="{_outline()}"/></clipPath>'
        return "".join(hatches) + f"<defs>{sphere}</defs>"

    def _land(self) -> list[str]:
        """Territories in plain land colour, states painted, the answer's borders again on top (so that
        neighbours of one colour stay apart), and a marker on each of its states too small to see."""
        data, involved, k = world(), self.paint.involved, self.k
        out = [f'<g stroke="{BORDER}" stroke-width="{0.7 * k:.2f}" stroke-linejoin="round" fill-rule="evenodd">']
        out += [
            f'<path d="{t["d"]}" fill="{LAND}"><title>{escape(t["name"])}</title></path>'
            for t in data["territories"].values()
            if t["d"] and self.seen(t["bbox"])
        ]
        for code, state in data["states"].items():
            if state["d"] and self.seen(state["bbox"]):
                fill = self.paint.paint(code, self.pid) if code in involved else LAND
                out.append(
                    f'<path data-state="{code}" d="{state["d"]}" fill="{fill}"><title>{self._tip(code)}</title></path>'
                )
        out.append("</g>")
        out.append(f'<g fill="none" stroke="#ffffff" stroke-width="{1.1 * k:.2f}" stroke-linejoin="round">')
        shown = [c for c in sorted(involved) if c in data["states"] and data["states"][c]["d"]]
        out += [f'<path d="{data["states"][c]["d"]}"/>' for c in shown if self.seen(data["states"][c]["bbox"])]
        out.append("</g>")
        ringed = [c for c in sorted(self.paint.outlined) if c in data["states"] and data["states"][c]["d"]]
        out.append(f'<g fill="none" stroke="{BOTH}" stroke-width="{3.2 * k:.2f}" stroke-linejoin="round">')
        out += [f'<path class="both" d="{data["states"][c]["d"]}"/>' for c in ringed]
        out.append("</g>")
        return out + self._markers()

    def _tip(self, code: str) -> str:
        return escape(f"{self.paint.names.get(code, code)} ({code})")

    def _markers(self) -> list[str]:
        states, out = world()["states"], []
        for code in sorted(self.paint.involved):
            if code not in states or not self.seen(states[code]["bbox"]):
                continue
            if self.tiny(code):
                lx, ly = states[code]["label"]
                mx, my = self.px(lx, ly)
                self.labels.avoid[code] = (mx - 6, my - 6, mx + 6, my + 6)
                out.append(
                    f'<circle data-state="{code}" class="marker" cx="{lx}" cy="{ly}" r="{4.5 * self.k:.1f}"'
                    f' fill="{self.paint.paint(code, self.pid)}" stroke="{INK}" stroke-width="{self.k:.2f}">'
                    f"<title>{self._tip(code)}</title></circle>"
                )
            else:
                b = self.pbox(states[code]["main"])
                if max(b[2] - b[0], b[3] - b[1]) < 70:
                    self.labels.avoid[code] = b
            self.labels.anchors[code] = self.px(*states[code]["label"])
        return out

    # --- names -----------------------------------------------------------------------------

    def _fits_inside(self, code: str) -> bool:
        b = self.pbox(world()["states"][code]["main"])
        name = self.paint.names[code]
        return (
            not self.tiny(code)
            and b[2] - b[0] > text_width(name, self.size, True) * 0.85
            and b[3] - b[1] > self.size * 1.6
        )

    def _place_labels(self, labels: Sequence[str]) -> None:
        """Names that fit inside their state first, then the others beside theirs."""
        states = world()["states"]
        known = [c for c in labels if c in states and c in self.paint.names]
        for code in [c for c in known if self._fits_inside(c)] + [c for c in known if not self._fits_inside(c)]:
            lx, ly = self.px(*states[code]["label"])
            if 0 <= lx <= self.width and 0 <= ly <= self.height and not self._inside(code, lx, ly):
                self._beside(code, lx, ly)

    def _inside(self, code: str, lx: float, ly: float) -> bool:
        name, size = self.paint.names[code], self.size
        tw = text_width(name, size, bold=True)
        spot = (lx - tw / 2 - 2, ly - size * 0.8, lx + tw / 2 + 2, ly + size * 0.3)
        if not (self._fits_inside(code) and self.labels.free(spot, own=code)):
            return False
        self.labels.taken.append(spot)
        both = code in self.paint.hatched
        ink = _ink_on(self.paint.fills[code]) if code in self.paint.fills and not both else INK
        self._text(lx, ly, name, ink, "#000000" if ink != INK else "#ffffff", code=code)
        return True

    def _beside(self, code: str, lx: float, ly: float) -> None:
        """A callout: a leader line from a dot on the state to a boxed name beside it, right, left, above,
        below or on a diagonal, further out if need be (left out when no spot is free)."""
        name, size = self.paint.names[code], self.size
        tw, th, r = text_width(name, size, bold=True), size, 6 if self.tiny(code) else 4
        for dist in (r + 4, r + 16, r + 30, r + 50, r + 75):
            for dx, dy in ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1)):
                cx = lx + dx * (dist + tw / 2) if dx else lx
                cy = ly + dy * (dist + th / 2) + th * 0.3 if dy else ly + th * 0.3
                spot = (cx - tw / 2 - 2, cy - th * 0.8, cx + tw / 2 + 2, cy + th * 0.3)
                ex, ey = min(max(lx, spot[0]), spot[2]), min(max(ly, spot[1]), spot[3])
                if self.labels.free(spot, own=code) and not self.labels.crosses(lx, ly, ex, ey):
                    self.labels.taken.append(spot)
                    self._callout(lx, ly, ex, ey, spot)
                    self._text(cx, cy, name, INK, "#ffffff", code=code)
                    return

    def _callout(self, lx: float, ly: float, ex: float, ey: float, spot: Box) -> None:
        vx, vy, k = self.box[0], self.box[1], self.k
        self.texts.append(
            f'<line x1="{vx + lx * k:.0f}" y1="{vy + ly * k:.0f}" x2="{vx + ex * k:.0f}" y2="{vy + ey * k:.0f}"'
            f' stroke="{INK}" stroke-width="{0.9 * k:.2f}"/>'
            f'<circle cx="{vx + lx * k:.0f}" cy="{vy + ly * k:.0f}" r="{1.8 * k:.1f}" fill="{INK}"/>'
            f'<rect x="{vx + spot[0] * k:.0f}" y="{vy + (spot[1] - 1) * k:.0f}" width="{(spot[2] - spot[0]) * k:.0f}"'
            f' height="{(spot[3] - spot[1] + 3) * k:.0f}" rx="{2 * k:.1f}" fill="#ffffff" fill-opacity="0.9"'
            f' stroke="{INK}" stroke-width="{0.6 * k:.2f}"/>'
        )

    def _context_names(self) -> None:
        """Large states not in the answer, named in grey for orientation, where they fit and nothing else is."""
        size = 11
        for code, state in sorted(world()["states"].items(), key=lambda kv: -kv[1]["area"]):
            if code in self.paint.involved or code not in self.paint.names:
                continue
            b, name = self.pbox(state["main"]), self.paint.names[code]
            tw = text_width(name, size)
            if b[2] - b[0] < tw * 1.3 or b[3] - b[1] < size * 3:
                continue
            lx, ly = self.px(*state["label"])
            spot = (lx - tw / 2 - 2, ly - size * 0.8, lx + tw / 2 + 2, ly + size * 0.3)
            if self.labels.free(spot):
                self.labels.taken.append(spot)
                self._text(lx, ly, name, "#8a8a8a", "#ffffff", size=size, bold=False, italic=True)

    def _text(
        self,
        x: float,
        y: float,
        words: str,
        ink: str,
        halo: str,
        *,
        code: str = "",
        size: float | None = None,
        bold: bool = True,
        italic: bool = False,
    ) -> None:
        vx, vy, k = self.box[0], self.box[1], self.k
        style = (' font-weight="bold"' if bold else "") + (' font-style="italic"' if italic else "")
        kind = ' class="name"' + (f' data-state="{code}"' if code else "") if not italic else ' class="context"'
        self.texts.append(
            f'<text{kind} x="{vx + x * k:.0f}" y="{vy + y * k:.0f}" font-size="{(size or self.size) * k:.1f}"'
            f' text-anchor="middle" fill="{ink}" stroke="{halo}" stroke-opacity="0.7" stroke-width="{2.6 * k:.1f}"'
            f' paint-order="stroke"{style}>{escape(words)}</text>'
        )


class _Labels:
    """Greedy placement in pixels: a label goes in the first candidate spot that is free."""

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self.taken: list[Box] = []
        self.avoid: dict[str, Box] = {}  # small states of the answer (markers, narrow shapes), kept visible
        self.anchors: dict[str, tuple[float, float]] = {}  # the answer's states' points, no other label covers

    def crosses(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        """Whether the segment crosses a label already placed (sampled every 2 px)."""
        n = max(2, int(math.hypot(x1 - x0, y1 - y0) / 2))
        points = ((x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * i / n) for i in range(1, n))
        return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for x, y in points for b in self.taken)

    def free(self, box: Box, own: str = "") -> bool:
        if box[0] < 4 or box[2] > self.width - 4 or box[1] < 4 or box[3] > self.height - 4:
            return False
        m = 7  # a margin round other states' anchors
        if any(
            box[0] - m <= x <= box[2] + m and box[1] - m <= y <= box[3] + m
            for c, (x, y) in self.anchors.items()
            if c != own
        ):
            return False
        others = self.taken + [b for c, b in self.avoid.items() if c != own]
        return all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in others)


def _inset(involved: set[str], box: Box, width: int, height: int) -> tuple[Box, tuple[int, int, int, int]] | None:
    """Where four or more of the answer's states crowd together under 40 pixels across: an inset that
    zooms on them (its viewBox, and its place in the map's pixels), where it hides the fewest of them."""
    states, k = world()["states"], box[2] / width
    small = [c for c in involved if c in states and _span(states[c]["main"]) / k < 40]
    if len(small) < 4:
        return None
    mains = [states[c]["main"] for c in small]
    x0, y0 = min(v[0] for v in mains), min(v[1] for v in mains)
    x1, y1 = max(v[2] for v in mains), max(v[3] for v in mains)
    margin = 0.1 * max(x1 - x0, y1 - y0)
    crowd = (x0 - margin, y0 - margin, x1 + margin, y1 + margin)
    ours = [_shifted(states[c]["main"], box, k) for c in involved if c in states]
    best = None
    for share in (0.34, 0.3, 0.26, 0.22):
        found = _inset_at(crowd, share, box, width, height, ours)
        if found is not None and (best is None or found[0] < best[0]):
            best = found
        if best is not None and best[0] == 0:
            break
    return None if best is None else (best[1], best[2])


def _span(b: Sequence[float]) -> float:
    return max(b[2] - b[0], b[3] - b[1])


def _shifted(b: Sequence[float], box: Box, k: float) -> Box:
    return (b[0] - box[0]) / k, (b[1] - box[1]) / k, (b[2] - box[0]) / k, (b[3] - box[1]) / k


def _inset_at(
    crowd: Box, share: float, box: Box, width: int, height: int, ours: list[Box]
) -> tuple[int, Box, tuple[int, int, int, int]] | None:
    x0, y0, x1, y1 = crowd
    k = box[2] / width
    iw = round(width * share)
    ih = min(max(round(iw * (y1 - y0) / (x1 - x0)), round(iw * 0.6)), round(height * 0.7))
    fx, fy, w, h = _fitted((x0, y0, x1 - x0, y1 - y0), iw / ih)
    if w / k > iw / 1.8:  # it would not zoom in enough to help
        return None
    zoom = ((fx - box[0]) / k, (fy - box[1]) / k, (fx + w - box[0]) / k, (fy + h - box[1]) / k)

    def overlap(a: Box, cx: float, cy: float) -> float:
        return max(0.0, min(a[2], cx + iw) - max(a[0], cx)) * max(0.0, min(a[3], cy + ih) - max(a[1], cy))

    def hidden(spot: tuple[int, int]) -> float:  # the answer's states it covers; the zoomed region ten times worse
        return sum(overlap(b, *spot) for b in ours) + 10 * overlap(zoom, *spot)

    spots = [(x, y) for x in range(10, width - iw - 9, 20) for y in range(10, height - ih - 9, 20)]
    spots += [(width - iw - 10, height - ih - 10), (10, height - ih - 10), (width - iw - 10, 10), (10, 10)]
    cx, cy = min(spots, key=lambda p: (round(hidden(p)), -p[1]))
    return round(hidden((cx, cy))), (fx, fy, w, h), (cx, cy, iw, ih)


# --- pieces ----------------------------------------------------------------------------------


@cache
def _outline() -> str:
    """The edge of the projected sphere, as path data."""
    points = [project(180, lat) for lat in range(-90, 91, 5)] + [project(-180, lat) for lat in range(90, -91, -5)]
    return "M" + "L".join(f"{x:.0f} {y:.0f}" for x, y in points) + "Z"


@cache
def _graticule() -> str:
    meridians = [[project(lon, lat) for lat in range(-90, 91, 5)] for lon in range(-180, 181, 30)]
    parallels = [[project(lon, lat) for lon in range(-180, 181, 10)] for lat in range(-60, 61, 30)]
    return "".join("M" + "L".join(f"{x:.0f} {y:.0f}" for x, y in line) for line in (*meridians, *parallels))


def _hatch(id: str, ground: str, stripe: str, step: float, stroke: float) -> str:
    return (
        f'<defs><pattern id="{id}" patternUnits="userSpaceOnUse" width="{step:.1f}" height="{step:.1f}"'
        ' patternTransform="rotate(45)">'
        f'<rect width="{step:.1f}" height="{step:.1f}" fill="{ground}"/>'
        f'<line x1="0" y1="0" x2="0" y2="{step:.1f}" stroke="{stripe}" stroke-width="{stroke:.1f}"/>'
        "</pattern></defs>"
    )


def _ink_on(fill: str) -> str:
    """Black or white text on a fill, by its relative luminance."""
    if not fill.startswith("#") or len(fill) != 7:
        return INK
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return "#ffffff" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45 else INK


def _legend_rows(legend: Sequence[tuple[str, str]], width: int) -> list[list[tuple[str, str, float]]]:
    """The legend's entries in rows, as many in a row as fit the width."""
    rows: list[list[tuple[str, str, float]]] = [[]]
    x = 0.0
    for colour, words in legend:
        w = 16 + 8 + text_width(words, 14) + 26
        if rows[-1] and x + w > width - 40:
            rows.append([])
            x = 0.0
        rows[-1].append((colour, words, x))
        x += w
    return rows


def _legend(rows: list[list[tuple[str, str, float]]], y: float, ids: str) -> list[str]:
    out = []
    for row in rows:
        for colour, words, x in row:
            paint = {HATCH: f"url(#{ids}legend-hatch)", OUTLINE: "#ffffff"}.get(colour, colour)
            stroke = f'stroke="{BOTH}" stroke-width="3"' if colour == OUTLINE else 'stroke="#888" stroke-width="1"'
            out.append(
                f'<rect x="{20 + x:.0f}" y="{y:.0f}" width="16" height="16" fill="{paint}" {stroke}/>'
                f'<text class="legend" x="{44 + x:.0f}" y="{y + 13:.0f}" font-size="14" fill="{INK}">'
                f"{escape(words)}</text>"
            )
        y += 24
    return out
