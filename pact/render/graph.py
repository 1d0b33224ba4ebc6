"""The obligation graph: states as nodes, duties as edges labelled with treaty and article,
attacks and the treaty ties of states bound to both sides marked. One model, three drawings:
Mermaid (``mermaid``), Graphviz DOT (``dot``) and an SVG pact lays out itself (for the HTML
report: no Graphviz binary, no script, no network)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from html import escape

from pact.evaluation.answers import Answer
from pact.render import Options, register_format
from pact.render.common import title
from pact.render.escape import dot_text, mermaid_text
from pact.words import say


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


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    link: Link
    label: str
    kind: str | None = None  # the kind of duty (defense, consultation, …) of a duty edge


@dataclass(frozen=True)
class Graph:
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


@dataclass
class _Builder:
    roles: dict[str, set[Role]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    edges: dict[tuple[str, str, Link, str | None], list[str]] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)

    def group(self, name: str) -> str:
        """The node id of an attacker that is no state: a number, since its name is free text."""
        return self.groups.setdefault(name, f"ns{len(self.groups) + 1}")

    def node(self, id: str, role: Role, label: str | None = None) -> None:
        self.roles.setdefault(id, set()).add(role)
        self.labels.setdefault(id, label or id)

    def edge(self, source: str, target: str, link: Link, label: str, kind: str | None = None) -> None:
        labels = self.edges.setdefault((source, target, link, kind), [])
        if label not in labels:
            labels.append(label)


def graph(answer: Answer, language: str) -> Graph:
    """Who owes what to whom in one scenario."""
    made = _Builder()
    for event in answer.scenario.events:
        made.node(event.target, Role.victim)
        for attacker in event.by:
            made.node(attacker, Role.attacker)
            made.edge(attacker, event.target, Link.attack, say(language, "graph.attacks"))
        if event.by_non_state:
            name = made.group(event.by_non_state)
            made.node(name, Role.attacker, event.by_non_state)
            made.edge(name, event.target, Link.attack, say(language, "graph.attacks"))
    for o in answer.result.obligations:
        made.node(o.state, Role.bearer)
        made.edge(o.state, o.toward, Link.duty, f"{o.treaty} {o.article}", o.kind.value)
    for c in answer.result.conflicts:
        made.node(c.state, Role.conflict)
        for tie in c.bound_by:
            made.edge(c.state, c.against, Link.bound, f"{tie.treaty} {tie.article}")
    nodes = tuple(Node(id, made.labels[id], frozenset(roles)) for id, roles in made.roles.items())
    edges = tuple(
        Edge(source, target, link, "; ".join(labels), kind)
        for (source, target, link, kind), labels in made.edges.items()
    )
    return Graph(title(answer.scenario, language), nodes, edges)


def _role_words(node: Node, language: str) -> list[str]:
    order = (Role.victim, Role.attacker, Role.conflict)
    return [say(language, f"graph.{role.value}") for role in order if role in node.roles]


# --- Mermaid -----------------------------------------------------------------------------------

_MERMAID_ARROW = {"defense": "==>", "consultation": "-.->", None: "-->"}
_MERMAID_CLASSES = {
    Role.victim: "fill:#fde2e2,stroke:#b91c1c,stroke-width:2px",
    Role.attacker: "fill:#1f2937,color:#ffffff,stroke:#111827",
    Role.conflict: "fill:#fef3c7,stroke:#b45309,stroke-width:3px",
    Role.bearer: "fill:#e0f2fe,stroke:#0369a1",
}


def mermaid(answers: Sequence[Answer], options: Options) -> str:
    """A Mermaid flowchart (one subgraph per scenario when there are several)."""
    lines = ["flowchart LR"]
    links: list[str] = []
    several = len(answers) > 1
    for i, answer in enumerate(answers, start=1):
        drawn = graph(answer, options.language)
        prefix = f"s{i}_" if several else ""
        indent = "    " if several else "  "
        if several:
            lines.append(f'  subgraph s{i}["{mermaid_text(drawn.title)}"]')
        for node in drawn.nodes:
            text = " · ".join([node.label, *_role_words(node, options.language)])
            lines.append(f'{indent}{prefix}{node.id}["{mermaid_text(text)}"]:::{_main_role(node).value}')
        for edge in drawn.edges:
            arrow = "-.->" if edge.link is Link.bound else _MERMAID_ARROW.get(edge.kind, "-->")
            label = mermaid_text(edge.label)
            lines.append(f'{indent}{prefix}{edge.source} {arrow}|"{label}"| {prefix}{edge.target}')
            links.append(edge.link.value)
        if several:
            lines.append("  end")
    lines += [f"  classDef {role.value} {style}" for role, style in _MERMAID_CLASSES.items()]
    colours = {Link.attack.value: "stroke:#b91c1c,stroke-width:2px", Link.bound.value: "stroke:#b45309"}
    lines += [f"  linkStyle {i} {colours[link]}" for i, link in enumerate(links) if link in colours]
    return "\n".join(lines)


def _main_role(node: Node) -> Role:
    return next(r for r in (Role.conflict, Role.victim, Role.attacker, Role.bearer) if r in node.roles)


# --- Graphviz DOT ------------------------------------------------------------------------------

_DOT_NODE = {
    Role.victim: 'fillcolor="#fde2e2", color="#b91c1c", penwidth=2',
    Role.attacker: 'fillcolor="#1f2937", fontcolor="#ffffff", color="#111827"',
    Role.conflict: 'fillcolor="#fef3c7", color="#b45309", penwidth=3',
    Role.bearer: 'fillcolor="#e0f2fe", color="#0369a1"',
}
_DOT_EDGE = {
    Link.attack: 'color="#b91c1c", penwidth=2',
    Link.bound: 'color="#b45309", style=dashed',
}
_DOT_DUTY = {"defense": "style=bold", "consultation": "style=dotted"}


def dot(answers: Sequence[Answer], options: Options) -> str:
    """A Graphviz digraph (one cluster per scenario when there are several)."""
    several = len(answers) > 1
    lines = [
        "digraph pact {",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fontname="sans-serif"];',
        '  edge [fontname="sans-serif", fontsize=10];',
    ]
    for i, answer in enumerate(answers, start=1):
        drawn = graph(answer, options.language)
        prefix = f"s{i}_" if several else ""
        indent = "    " if several else "  "
        if several:
            lines += [f"  subgraph cluster_{i} {{", f"    label={dot_text(drawn.title)};"]
        for node in drawn.nodes:
            label = "\n".join([node.label, *_role_words(node, options.language)])
            role = _main_role(node)
            attributes = f"label={dot_text(label)}, class={role.value}, {_DOT_NODE[role]}"
            lines.append(f"{indent}{dot_text(prefix + node.id)} [{attributes}];")
        for edge in drawn.edges:
            style = _DOT_EDGE.get(edge.link) or _DOT_DUTY.get(edge.kind or "", "style=solid")
            classes = " ".join(filter(None, [edge.link.value, edge.kind]))
            lines.append(
                f"{indent}{dot_text(prefix + edge.source)} -> {dot_text(prefix + edge.target)} "
                f'[label={dot_text(edge.label)}, class="{classes}", {style}];'
            )
        if several:
            lines.append("  }")
    lines.append("}")
    return "\n".join(lines)


# --- SVG ---------------------------------------------------------------------------------------

_ROW, _LINE, _WORDS = 34, 18, 12  # a node's row; each further arrow from it; its role in words
_LEFT_X, _BEND_X, _RIGHT_X = 70, 360, 640  # the columns, and where level arrows start to bend
_BOX_W, _BOX_H, _TOP = 64, 24, 40
_LABEL_CHARS = 44


@dataclass(frozen=True)
class _Box:
    x: float
    y: float
    height: float
    left: bool  # in the left column (the states attacked)

    @property
    def middle(self) -> float:
        return self.y + self.height / 2


def svg(drawn: Graph, language: str, prefix: str = "") -> str:
    """The graph drawn in two columns: the states attacked on the left; on the right the others —
    attackers first, then those bound to both sides, then the other bearers — each with level
    arrows (labelled) to the states it owes a duty to, attacks in red, and the ties of a state
    bound to both sides as dashed arcs to the attacker. ``prefix`` keeps the ids of several
    drawings on one page apart."""
    if not drawn.edges:
        return f'<p class="empty">{escape(say(language, "graph.empty"))}</p>'
    boxes, ports = _layout(drawn, language)
    width = _RIGHT_X + _BOX_W + 20 + max((_bulge(e, boxes) for e in drawn.edges if e not in ports), default=0)
    height = max(b.y + b.height for b in boxes.values()) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height:.0f}" '
        f'width="{width}" height="{height:.0f}" class="graph">',
        f"<title>{escape(drawn.title)}</title>",
        _SVG_DEFS.replace('id="arrow"', f'id="{prefix}arrow"'),
        *(_svg_edge(edge, boxes, ports, f"{prefix}arrow") for edge in drawn.edges),
        *(_svg_node(node, boxes[node.id], language) for node in drawn.nodes),
        "</svg>",
    ]
    return "\n".join(parts)


def _layout(drawn: Graph, language: str) -> tuple[dict[str, _Box], dict[Edge, float]]:
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
        boxes[node.id] = _Box(_RIGHT_X, y, height, left=False)
        ports |= {edge: y + _BOX_H / 2 + i * _LINE for i, edge in enumerate(level)}
        y += height + _ROW - _BOX_H + _WORDS * bool(_role_words(node, language))
    space = max(y - _TOP, _ROW * len(left)) / max(1, len(left))
    for i, node in enumerate(left):
        boxes[node.id] = _Box(_LEFT_X, _TOP + space * (i + 0.5) - _BOX_H / 2, _BOX_H, left=True)
    return boxes, ports


_SVG_DEFS = """<defs>
<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
<path d="M 0 0 L 10 5 L 0 10 z" fill="context-stroke"/></marker>
</defs>
<style>
.graph text { font: 12px sans-serif; fill: #1f2937; }
.graph .node rect { fill: #e0f2fe; stroke: #0369a1; }
.graph .node.victim rect { fill: #fde2e2; stroke: #b91c1c; stroke-width: 2; }
.graph .node.attacker rect { fill: #1f2937; stroke: #111827; }
.graph .node.attacker text { fill: #ffffff; }
.graph .node.conflict rect { fill: #fef3c7; stroke: #b45309; stroke-width: 3; }
.graph .node text.role { font-size: 10px; fill: #6b7280; }
.graph .edge { fill: none; stroke: #0369a1; stroke-width: 1.2; }
.graph .edge.defense { stroke-width: 2.4; }
.graph .edge.consultation { stroke-dasharray: 2 3; }
.graph .edge.non_aggression { stroke: #4b5563; }
.graph .edge.attack { stroke: #b91c1c; stroke-width: 2.4; }
.graph .edge.bound { stroke: #b45309; stroke-dasharray: 6 4; stroke-width: 1.6; }
.graph .label { font-size: 11px; fill: #374151; }
</style>"""


def _svg_edge(edge: Edge, boxes: dict[str, _Box], ports: dict[Edge, float], arrow: str) -> str:
    source, target = boxes[edge.source], boxes[edge.target]
    label = ""
    if edge in ports:  # level from the right column, labelled, then bending to the state attacked
        y, x2, y2 = ports[edge], target.x + _BOX_W, target.middle
        path = f"M {source.x} {y:.1f} H {_BEND_X} " + _curve(_BEND_X, y, _BEND_X - 90, x2 + 90, x2, y2)
        shown = edge.label if len(edge.label) <= _LABEL_CHARS else edge.label[: _LABEL_CHARS - 1] + "…"
        label = f'<text class="label" x="{source.x - 6}" y="{y - 4:.1f}" text-anchor="end">{escape(shown)}</text>'
    elif source.left == target.left:  # an arc outside the column
        x = source.x if source.left else source.x + _BOX_W
        bulge = x - _bulge(edge, boxes) if source.left else x + _bulge(edge, boxes)
        path = _curve(x, source.middle, bulge, bulge, x, target.middle)
    else:  # across, from one column to the other
        x1, x2 = (source.x + _BOX_W, target.x) if source.left else (source.x, target.x + _BOX_W)
        middle = (x1 + x2) / 2
        path = _curve(x1, source.middle, middle, middle, x2, target.middle)
    classes = " ".join(filter(None, ["edge", edge.link.value, edge.kind]))
    return (
        f'<g class="link {edge.link.value}" data-from="{escape(edge.source)}" data-to="{escape(edge.target)}">'
        f"<title>{escape(edge.source)} → {escape(edge.target)}: {escape(edge.label)}</title>"
        f'<path class="{classes}" d="{path}" marker-end="url(#{arrow})"/>{label}</g>'
    )


def _bulge(edge: Edge, boxes: dict[str, _Box]) -> float:
    """How far an arc between two states of one column reaches out of it."""
    source, target = boxes[edge.source], boxes[edge.target]
    if source.left != target.left:
        return 0
    return min(_LEFT_X - 10 if source.left else 220, 30 + abs(source.middle - target.middle) / 2)


def _curve(x1: float, y1: float, c1: float, c2: float, x2: float, y2: float) -> str:
    """A path from (x1, y1) to (x2, y2) leaving level and arriving level (control points at c1, c2)."""
    return f"M {x1:.1f} {y1:.1f} C {c1:.1f} {y1:.1f} {c2:.1f} {y2:.1f} {x2:.1f} {y2:.1f}"


def _svg_node(node: Node, box: _Box, language: str) -> str:
    roles = " ".join(r.value for r in sorted(node.roles))
    words = " · ".join(_role_words(node, language))
    mark = " ⚠" if Role.conflict in node.roles else ""
    middle = box.x + _BOX_W / 2
    below = (
        f'<text class="role" x="{middle}" y="{box.y + box.height + 11:.1f}" text-anchor="middle">{escape(words)}</text>'
    )
    return (
        f'<g class="node {roles}" data-state="{escape(node.id)}">'
        f'<rect x="{box.x}" y="{box.y:.1f}" width="{_BOX_W}" height="{box.height}" rx="5"/>'
        f'<text x="{middle}" y="{box.middle + 4:.1f}" text-anchor="middle">{escape(node.label)}{mark}</text>'
        f"{below if words else ''}</g>"
    )


register_format("mermaid", mermaid)
register_format("dot", dot)
