"""How wide a line of text is drawn, to lay out pictures without a browser: DejaVu Sans's advance
widths (``pact/data/dejavu-widths.json``, read from the font with fontTools; thousandths of an em),
the font every picture asks for first. A character the table lacks counts as a wide one."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

FONT = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif"
"""The font family every picture pact draws asks for."""

_WIDE = 700  # a character the table does not hold (most accented letters are near 600)


@cache
def _advances(weight: str) -> dict[str, int]:
    text = resources.files("pact").joinpath("data", "dejavu-widths.json").read_text(encoding="utf-8")
    characters, widths = json.loads(text)[weight]
    return dict(zip(characters, widths, strict=True))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` set in DejaVu Sans at ``size`` pixels."""
    advances = _advances("bold" if bold else "regular")
    return size * sum(advances.get(ch, _WIDE) for ch in text) / 1000


def wrapped(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (a single word wider than that stands alone)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]
