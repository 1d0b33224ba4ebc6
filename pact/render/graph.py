"""The obligation graph: states as nodes, duties as edges labelled with treaty and article,
attacks and the treaty ties of states bound to both sides marked. One model, three drawings:
Mermaid (``mermaid``), Graphviz DOT (``dot``) and an SVG pact lays out itself (for the HTML
report: no Graphviz binary, no script, no network).

States are named in the reader's language (their codes in tooltips). When more than a handful of
states owe the same victim a duty under the same clause, they are one node ("11 ECOWAS parties"),
the states it stands for in its tooltip: a picture of 41 arrows tells less than one of 3.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from html import escape

from pact.evaluation.answers import Answer
from pact.model.result import Obligation
from pact.render import Options
from pact.render.common import reader, short_article, title
from pact.render.escape import dot_text, mermaid_text
from pact.render.fonts import FONT, text_width
from pact.render.reader import Reader
from pact.words import Words

GROUP_FROM = 6
"""Bearers of one clause toward one victim drawn as one node from this many on."""


class Role(StrEnum):
    victim = "victim"
    attacker = "attacker"
    bearer = "bearer"
    conflict = "conflict"


class Link(StrEnum):
    duty = "duty"  # a bearer owes a duty to a victim
    attack = "attack"  # an attacker struck a victim
    bound = "bound"  # a state bound to both sides, toward the attacker it is bound to


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    roles: frozenset[Role]
    tip: str = ""  # the code, or the states a group stands for (a tooltip)


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    link: Link
    label: str
    kind: str | None = None  # the kind of duty (defense, consultation, …) of a duty edge
    tip: str = ""  # the full article(s), for a tooltip


@dataclass(frozen=True)
class Graph:
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


@dataclass
class _Builder:
    who: Reader
    roles: dict[str, set[Role]] = field(default_factory=dict)
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)
    edges: dict[tuple[str, str, Link, str | None], list[tuple[str, str]]] = field(default_factory=dict)

    def node(self, id: str, role: Role, label: str | None = None, tip: str | None = None) -> None:
        self.roles.setdefault(id, set()).add(role)
        self.labels.setdefault(id, (label or self.who.state(id), tip or id))

    def edge(self, source: str, target: str, link: Link, label: str, kind: str | None = None, tip: str = "") -> None:
        labels = self.edges.setdefault((source, target, link, kind), [])
        if (label, tip) not in labels:
            labels.append((label, tip))


def graph(answer: Answer, who: Reader) -> Graph:
    """Who owes what to whom in one scenario."""
    made = _Builder(who)
    for event in answer.scenario.events:
        made.node(event.target, Role.victim)
        for attacker in event.by:
            made.node(attacker, Role.attacker)
            made.edge(attacker, event.target, Link.attack, who.say("graph.attacks"))
        if event.by_non_state:
            name = _id(event.by_non_state)
            made.node(name, Role.attacker, event.by_non_state, event.by_non_state)
            made.edge(name, event.target, Link.attack, who.say("graph.attacks"))
    alone = {c.state for c in answer.result.conflicts} | set(made.roles)
    for bearers in _by_clause(answer.result.obligations):
        _duties(made, bearers, alone)
    for c in answer.result.conflicts:
        made.node(c.state, Role.conflict)
        for tie in c.bound_by:
            made.edge(c.state, c.against, Link.bound, _cited(who, tie.treaty, tie.article), tip=tie.article)
    nodes = tuple(
        Node(id, made.labels[id][0], frozenset(roles), made.labels[id][1]) for id, roles in made.roles.items()
    )
    edges = tuple(
        Edge(source, target, link, "; ".join(dict.fromkeys(t for t, _ in said)), kind, "; ".join(t for _, t in said))
        for (source, target, link, kind), said in made.edges.items()
    )
    return Graph(title(answer.scenario, who), nodes, edges)


def _by_clause(obligations: Sequence[Obligation]) -> list[list[Obligation]]:
    found: dict[tuple[str, str, str, str], list[Obligation]] = {}
    for o in obligations:
        found.setdefault((o.treaty, o.clause, o.toward, o.event), []).append(o)
    return list(found.values())


def _duties(made: _Builder, bearers: list[Obligation], alone: set[str]) -> None:
    """The duties under one clause toward one victim: each bearer apart, or most of them as one node."""
    who, first = made.who, bearers[0]
    label = _cited(who, first.treaty, first.article)
    grouped = [o for o in bearers if o.state not in alone]
    if len(grouped) < GROUP_FROM:
        grouped = []
    for o in bearers:
        if o not in grouped:
            made.node(o.state, Role.bearer)
            made.edge(o.state, o.toward, Link.duty, label, o.kind.value, o.article)
    if grouped:
        id = _id(f"{first.treaty} {first.clause} {first.toward} {first.event}")
        named = who.say("graph.group", count=len(grouped), treaty=who.treaty(first.treaty))
        made.node(id, Role.bearer, named, who.states(o.state for o in grouped))
        made.edge(id, first.toward, Link.duty, label, first.kind.value, first.article)


def _cited(who: Reader, treaty: str, article: str) -> str:
    """A treaty and its article, short (the article without its bracketed remarks)."""
    return f"{who.treaty(treaty)} {short_article(who.article(treaty, article))}"


def _id(name: str) -> str:
    return "n_" + re.sub(r"\W+", "_", name).strip("_")


def _role_words(node: Node, who: Reader) -> list[str]:
    order = (Role.victim, Role.attacker, Role.conflict)
    return [who.say(f"graph.{role.value}") for role in order if role in node.roles]


def _main_role(node: Node) -> Role:
    return next(r for r in (Role.conflict, Role.victim, Role.attacker, Role.bearer) if r in node.roles)


# --- the legend: every line and box a drawing uses ----------------------------------------------

LINES = ("defense", "consultation", "non_aggression", "attack", "bound")
"""The line styles of a drawing, each with its words in the legend (``graph.line.STYLE``)."""


def legend(who: Reader) -> str:
    """The legend in words, one sentence (for text formats)."""
    lines = [who.say("graph.style_line", style=Words(f"graph.style.{s}"), line=Words(f"graph.line.{s}")) for s in LINES]
    return who.say("graph.legend", lines=who.say("sep").join(lines))


def legend_html(who: Reader) -> str:
    """The legend drawn: a short line of each style, and its words."""
    items = "".join(
        f'<span class="legend-item"><svg width="36" height="10" aria-hidden="true">'
        f'<path class="legend-line {style}" d="M 2 5 H 34"/></svg>{escape(who.say(f"graph.line.{style}"))}</span>'
        for style in LINES
    )
    return f'<span class="legend">{items}</span>'


# --- Mermaid -----------------------------------------------------------------------------------

_MERMAID_ARROW = {"defense": "==>", "consultation": "-.->", None: "-->"}
_MERMAID_CLASSES = {
    Role.victim: "fill:#fde2e2,stroke:#b91c1c,stroke-width:2px",
    Role.attacker: "fill:#1f2937,color:#ffffff,stroke:#111827",
    Role.conflict: "fill:#fef3c7,stroke:#b45309,stroke-width:3px",
    Role.bearer: "fill:#e0f2fe,stroke:#0369a1",
}


def mermaid(answers: Sequence[Answer], options: Options) -> str:
    """A Mermaid flowchart (one subgraph per scenario when there are several). Only duties carry a label:
    an attack is a thick red arrow (the attacker's box says "attacker"), a tie of a state bound to both
    sides a dashed orange line (the legend says which); Mermaid draws a label on an arrow into a crowded
    node under the other arrows."""
    lines = ["flowchart LR"]
    links: list[str] = []
    several = len(answers) > 1
    for i, answer in enumerate(answers, start=1):
        who = reader(answer, options)
        drawn = graph(answer, who)
        prefix = f"s{i}_" if several else ""
        indent = "    " if several else "  "
        if several:
            lines.append(f'  subgraph s{i}["{mermaid_text(drawn.title)}"]')
        for node in drawn.nodes:
            roles = (f"<i>{mermaid_text(w)}</i>" for w in _role_words(node, who))
            text = "<br>".join([mermaid_text(node.label), *roles])
            lines.append(f'{indent}{prefix}{_safe(node.id)}["{text}"]:::{_main_role(node).value}')
        for edge in drawn.edges:
            lines.append(f"{indent}{_mermaid_edge(edge, prefix)}")
            links.append(edge.link.value)
        if several:
            lines.append("  end")
    lines += [f"  classDef {role.value} {style}" for role, style in _MERMAID_CLASSES.items()]
    colours = {Link.attack.value: "stroke:#b91c1c,stroke-width:3px", Link.bound.value: "stroke:#b45309"}
    lines += [f"  linkStyle {i} {colours[link]}" for i, link in enumerate(links) if link in colours]
    return "\n".join(lines)


def _mermaid_edge(edge: Edge, prefix: str) -> str:
    source, target = f"{prefix}{_safe(edge.source)}", f"{prefix}{_safe(edge.target)}"
    if edge.link is Link.attack:
        return f"{source} ==> {target}"
    if edge.link is Link.bound:  # dashed orange, as the legend says; its clauses would crowd the others' labels
        return f"{source} -.- {target}"
    arrow = _MERMAID_ARROW.get(edge.kind, "-->")
    return f'{source} {arrow}|"{mermaid_text(edge.label)}"| {target}'


def _safe(id: str) -> str:
    return re.sub(r"\W", "_", id)


# --- Graphviz DOT ------------------------------------------------------------------------------

_DOT_NODE = {
    Role.victim: 'fillcolor="#fde2e2", color="#b91c1c", penwidth=2',
    Role.attacker: 'fillcolor="#1f2937", fontcolor="#ffffff", color="#111827"',
    Role.conflict: 'fillcolor="#fef3c7", color="#b45309", penwidth=3',
    Role.bearer: 'fillcolor="#e0f2fe", color="#0369a1"',
}
_DOT_EDGE = {
    Link.attack: 'color="#b91c1c", penwidth=2.5',
    Link.bound: 'color="#b45309", style=dashed, constraint=false',
}
_DOT_DUTY = {"defense": "penwidth=2.4", "consultation": "style=dotted", "non_aggression": 'color="#4b5563"'}


def dot(answers: Sequence[Answer], options: Options) -> str:
    """A Graphviz digraph (one cluster per scenario when there are several), laid out left to right so
    that many bearers make it taller, not wider. Only duties carry a label (treaty and article, short;
    the full article in the tooltip): an attack is red and thick, a tie of a state bound to both sides
    dashed orange, as the legend says, so that no label crowds another."""
    several = len(answers) > 1
    lines = [
        "digraph pact {",
        "  rankdir=RL; nodesep=0.3; ranksep=1.6; splines=true;",
        f'  node [shape=box, style="rounded,filled", fontname="{_DOT_FONT}", fontsize=11];',
        f'  edge [fontname="{_DOT_FONT}", fontsize=9, fontcolor="#374151"];',
    ]
    for i, answer in enumerate(answers, start=1):
        who = reader(answer, options)
        drawn = graph(answer, who)
        prefix = f"s{i}_" if several else ""
        indent = "    " if several else "  "
        if several:
            lines += [f"  subgraph cluster_{i} {{", f"    label={dot_text(drawn.title)};"]
        lines += [f"{indent}{_dot_node(node, prefix, who)}" for node in drawn.nodes]
        lines += [f"{indent}{_dot_edge(edge, prefix)}" for edge in drawn.edges]
        if several:
            lines.append("  }")
    lines.append("}")
    return "\n".join(lines)


_DOT_FONT = "DejaVu Sans"


def _dot_node(node: Node, prefix: str, who: Reader) -> str:
    label = "\n".join([node.label, *_role_words(node, who)])
    role = _main_role(node)
    attributes = f"label={dot_text(label)}, tooltip={dot_text(node.tip)}, class={role.value}, {_DOT_NODE[role]}"
    return f"{dot_text(prefix + node.id)} [{attributes}];"


def _dot_edge(edge: Edge, prefix: str) -> str:
    style = _DOT_EDGE.get(edge.link) or _DOT_DUTY.get(edge.kind or "", "style=solid")
    classes = " ".join(filter(None, [edge.link.value, edge.kind]))
    label = f"label={dot_text(edge.label)}, " if edge.link is Link.duty else ""
    tip = f"tooltip={dot_text(edge.tip or edge.label)}, " if edge.link is not Link.attack else ""
    return (
        f"{dot_text(prefix + edge.source)} -> {dot_text(prefix + edge.target)} "
        f'[{label}{tip}class="{classes}", {style}];'
    )


# --- SVG ---------------------------------------------------------------------------------------

_ROW, _LINE, _WORDS = 34, 18, 12  # a node's row; each further arrow from it; its role in words
_BOX_H, _TOP, _PAD, _GAP = 24, 40, 10, 36
_NAME, _LABEL = 12, 11  # font sizes: a node's name, an arrow's label


@dataclass(frozen=True)
class _Box:
    x: float
    y: float
    width: float
    height: float
    left: bool  # in the left column (the states attacked)

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


@dataclass(frozen=True)
class _Columns:
    """Where the columns stand: the states attacked, where level arrows bend, the others."""

    left_w: float
    right_w: float
    labels_w: float

    @property
    def left_x(self) -> float:
        return 70

    @property
    def bend_x(self) -> float:
        return self.left_x + self.left_w + 60

    @property
    def right_x(self) -> float:
        return self.bend_x + self.labels_w + 24


def svg(drawn: Graph, who: Reader, prefix: str = "") -> str:
    """The graph drawn in two columns: the states attacked on the left; on the right the others —
    attackers first, then those bound to both sides, then the other bearers — each with level
    arrows (labelled in full) to the states it owes a duty to, attacks in red, and the ties of a state
    bound to both sides as dashed arcs to the attacker. Boxes are as wide as their names. ``prefix``
    keeps the ids of several drawings on one page apart."""
    if not drawn.edges:
        return f'<p class="empty">{escape(who.say("graph.empty"))}</p>'
    columns = _columns(drawn)
    boxes, ports = _layout(drawn, who, columns)
    right = max(b.x + b.width for b in boxes.values())
    width = right + 20 + max((_bulge(e, boxes, columns) for e in drawn.edges if e not in ports), default=0)
    height = max(b.y + b.height for b in boxes.values()) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" class="graph">',
        f"<title>{escape(drawn.title)}</title>",
        _SVG_DEFS.replace('id="arrow"', f'id="{prefix}arrow"'),
        *(_svg_edge(edge, boxes, ports, columns, f"{prefix}arrow") for edge in drawn.edges),
        *(_svg_node(node, boxes[node.id], who) for node in drawn.nodes),
        "</svg>",
    ]
    return "\n".join(parts)


def _box_width(node: Node) -> float:
    return max(64, text_width(node.label, _NAME) + 2 * _PAD)


def _columns(drawn: Graph) -> _Columns:
    victims = [n for n in drawn.nodes if Role.victim in n.roles]
    others = [n for n in drawn.nodes if Role.victim not in n.roles]
    on_left = {n.id for n in victims}
    level = [e for e in drawn.edges if e.link is not Link.bound and e.target in on_left and e.source not in on_left]
    return _Columns(
        left_w=max(map(_box_width, victims), default=64),
        right_w=max(map(_box_width, others), default=64),
        labels_w=max((text_width(e.label, _LABEL) for e in level if e.link is Link.duty), default=40),
    )


def _layout(drawn: Graph, who: Reader, columns: _Columns) -> tuple[dict[str, _Box], dict[Edge, float]]:
    """Where each node's box stands, and at which height each level arrow leaves its box."""
    left = [n for n in drawn.nodes if Role.victim in n.roles]
    duties = {n.id: sorted(e.label for e in drawn.edges if e.source == n.id) for n in drawn.nodes}
    right = sorted(  # attackers, then states bound to both sides, then the others by treaty
        (n for n in drawn.nodes if Role.victim not in n.roles),
        key=lambda n: (Role.attacker not in n.roles, Role.conflict not in n.roles, duties[n.id], n.label),
    )
    on_left = {n.id for n in left}
    boxes: dict[str, _Box] = {}
    ports: dict[Edge, float] = {}
    y = _TOP
    for node in right:
        level = [e for e in drawn.edges if e.source == node.id and e.link is not Link.bound and e.target in on_left]
        height = _BOX_H + _LINE * max(0, len(level) - 1)
        boxes[node.id] = _Box(columns.right_x, y, _box_width(node), height, left=False)
        ports |= {edge: y + _BOX_H / 2 + i * _LINE for i, edge in enumerate(level)}
        y += height + _ROW - _BOX_H + _WORDS * bool(_role_words(node, who))
    space = max(y - _TOP, _ROW * len(left)) / max(1, len(left))
    for i, node in enumerate(left):
        boxes[node.id] = _Box(
            columns.left_x + columns.left_w - _box_width(node),
            _TOP + space * (i + 0.5) - _BOX_H / 2,
            _box_width(node),
            _BOX_H,
            left=True,
        )
    return boxes, ports


_SVG_DEFS = f"""<defs>
<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
<path d="M 0 0 L 10 5 L 0 10 z" fill="context-stroke"/></marker>
</defs>
<style>
.graph text {{ font: {_NAME}px {FONT}; fill: #1f2937; }}
.graph .node rect {{ fill: #e0f2fe; stroke: #0369a1; }}
.graph .node.victim rect {{ fill: #fde2e2; stroke: #b91c1c; stroke-width: 2; }}
.graph .node.attacker rect {{ fill: #1f2937; stroke: #111827; }}
.graph .node.attacker text.name {{ fill: #ffffff; }}
.graph .node.conflict rect {{ fill: #fef3c7; stroke: #b45309; stroke-width: 3; }}
.graph .node text.role {{ font-size: 10px; fill: #6b7280; }}
.graph .edge {{ fill: none; stroke: #0369a1; stroke-width: 1.2; }}
.graph .edge.defense {{ stroke-width: 2.4; }}
.graph .edge.consultation {{ stroke-dasharray: 2 3; }}
.graph .edge.non_aggression {{ stroke: #4b5563; }}
.graph .edge.attack {{ stroke: #b91c1c; stroke-width: 2.4; }}
.graph .edge.bound {{ stroke: #b45309; stroke-dasharray: 6 4; stroke-width: 1.6; }}
.graph .label {{ font-size: {_LABEL}px; fill: #374151; }}
</style>"""


def _svg_edge(edge: Edge, boxes: dict[str, _Box], ports: dict[Edge, float], columns: _Columns, arrow: str) -> str:
    source, target = boxes[edge.source], boxes[edge.target]
    label = ""
    if edge in ports:  # level from the right column, labelled, then bending to the state attacked
        y, x2, y2 = ports[edge], target.x + target.width, target.middle
        bend = columns.bend_x
        path = f"M {source.x} {y:.1f} H {bend} " + _curve(bend, y, bend - 50, x2 + 50, x2, y2)
        label = f'<text class="label" x="{source.x - 6}" y="{y - 4:.1f}" text-anchor="end">{escape(edge.label)}</text>'
    elif source.left == target.left:  # an arc outside the column
        x = source.x if source.left else source.x + source.width
        reach = _bulge(edge, boxes, columns)
        bulge = x - reach if source.left else x + reach
        path = _curve(x, source.middle, bulge, bulge, x, target.middle)
    else:  # across, from one column to the other
        x1, x2 = (source.x + source.width, target.x) if source.left else (source.x, target.x + target.width)
        middle = (x1 + x2) / 2
        path = _curve(x1, source.middle, middle, middle, x2, target.middle)
    classes = " ".join(filter(None, ["edge", edge.link.value, edge.kind]))
    tip = f"{edge.source} → {edge.target}: {edge.tip or edge.label}"
    return (
        f'<g class="link {edge.link.value}" data-from="{escape(edge.source)}" data-to="{escape(edge.target)}">'
        f"<title>{escape(tip)}</title>"
        f'<path class="{classes}" d="{path}" marker-end="url(#{arrow})"/>{label}</g>'
    )


def _bulge(edge: Edge, boxes: dict[str, _Box], columns: _Columns) -> float:
    """How far an arc between two states of one column reaches out of it."""
    source, target = boxes[edge.source], boxes[edge.target]
    if source.left != target.left:
        return 0
    return min(columns.left_x - 10 if source.left else 220, 30 + abs(source.middle - target.middle) / 2)


def _curve(x1: float, y1: float, c1: float, c2: float, x2: float, y2: float) -> str:
    """A path from (x1, y1) to (x2, y2) leaving level and arriving level (control points at c1, c2)."""
    return f"M {x1:.1f} {y1:.1f} C {c1:.1f} {y1:.1f} {c2:.1f} {y2:.1f} {x2:.1f} {y2:.1f}"


def _svg_node(node: Node, box: _Box, who: Reader) -> str:
    roles = " ".join(r.value for r in sorted(node.roles))
    words = " · ".join(_role_words(node, who))
    mark = " ⚠" if Role.conflict in node.roles else ""
    middle = box.x + box.width / 2
    below = (
        f'<text class="role" x="{middle:.1f}" y="{box.y + box.height + 11:.1f}" text-anchor="middle">'
        f"{escape(words)}</text>"
    )
    return (
        f'<g class="node {roles}" data-state="{escape(node.id)}"><title>{escape(node.tip)}</title>'
        f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.width:.1f}" height="{box.height}" rx="5"/>'
        f'<text class="name" x="{middle:.1f}" y="{box.y + _BOX_H / 2 + 4:.1f}" text-anchor="middle">'
        f"{escape(node.label)}{mark}</text>"
        f"{below if words else ''}</g>"
    )
