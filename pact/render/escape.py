"""Text from rule and scenario files, made inert for each format that shows it.

Every title, note, source, article label and name in a rule or scenario file is someone else's text:
in HTML it is escaped and a link is made only of an ``http`` or ``https`` address; in Markdown it
cannot open HTML, a link, a code fence or a heading; in a Mermaid or Graphviz label it cannot close
the label or start a statement. (CSV cells are neutralised where tables are written:
``pact.core.output.csv_cell``.)
"""

from __future__ import annotations

import re
from html import escape as html_text
from urllib.parse import urlsplit

__all__ = ["dot_text", "html_text", "link", "markdown_code", "markdown_text", "mermaid_text"]

_LINKED = frozenset({"http", "https"})

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """``text`` on one line: runs of white space and control characters become one space."""
    return " ".join(_CONTROLS.sub(" ", text).split())


def link(url: str) -> str | None:
    """``url`` when it is a web address a reader may follow (``http``, ``https``), else None: a
    ``javascript:`` or ``data:`` address is shown as text, never made a link."""
    try:
        scheme = urlsplit(url.strip()).scheme
    except ValueError:
        return None
    return url if scheme.lower() in _LINKED else None


_MARKDOWN = {ch: "\\" + ch for ch in "\\`*_[]#~|!"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def markdown_text(text: str) -> str:
    """Text that Markdown shows as it is, on one line: no HTML, link, emphasis, code or heading."""
    return "".join(_MARKDOWN.get(ch, ch) for ch in one_line(text))


def markdown_code(text: str) -> str:
    """``text`` as an inline code span, fenced by more backticks than it holds in a row."""
    shown = one_line(text)
    fence = "`" * (max((len(run) for run in re.findall(r"`+", shown)), default=0) + 1)
    return f"{fence} {shown} {fence}" if "`" in shown else f"{fence}{shown}{fence}"


_MERMAID = {ch: f"#{ord(ch)};" for ch in "#|<>&`"} | {'"': "#quot;"}


def mermaid_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label, on one line: the characters Mermaid or the HTML it
    makes would read are written as Mermaid's entity codes (``#quot;``, ``#60;``)."""
    return "".join(_MERMAID.get(ch, ch) for ch in one_line(text))


def dot_text(text: str) -> str:
    """A quoted Graphviz string: quotes and backslashes escaped, each line of ``text`` kept as a
    ``\\n`` line break, control characters dropped."""
    lines = (one_line(part).replace("\\", "\\\\").replace('"', '\\"') for part in text.split("\n"))
    return '"' + "\\n".join(lines) + '"'
