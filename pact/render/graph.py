"""The obligation graph: states as nodes, duties as edges labelled with treaty and article,
attacks and the treaty ties of states bound to both sides marked. One model, three drawings:
Mermaid (``mermaid``), Graphviz DOT (``dot``) and an SVG pact lays out itself (for the HTML
report: no Graphviz binary, no script, no network)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from html import escape

from pact.render import Answer, Options, register_format
from pact.render.common import title
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
            name = _non_state_id(event.by_non_state)
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


def _non_state_id(name: str) -> str:
    return "ns_" + re.sub(r"\W+", "_", name).strip("_")


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
            lines.append(f'  subgraph s{i}["{_mermaid_text(drawn.title)}"]')
        for node in drawn.nodes:
            text = " · ".join([node.label, *_role_words(node, options.language)])
            lines.append(f'{indent}{prefix}{node.id}["{_mermaid_text(text)}"]:::{_main_role(node).value}')
        for edge in drawn.edges:
            arrow = "-.->" if edge.link is Link.bound else _MERMAID_ARROW.get(edge.kind, "-->")
            label = _mermaid_text(edge.label)
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


def _mermaid_text(text: str) -> str:
    return text.replace('"', "#quot;")


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
            lines += [f"  subgraph cluster_{i} {{", f"    label={_dot_text(drawn.title)};"]
        for node in drawn.nodes:
            label = "\n".join([node.label, *_role_words(node, options.language)])
            role = _main_role(node)
            attributes = f"label={_dot_text(label)}, class={role.value}, {_DOT_NODE[role]}"
            lines.append(f"{indent}{_dot_text(prefix + node.id)} [{attributes}];")
        for edge in drawn.edges:
            style = _DOT_EDGE.get(edge.link) or _DOT_DUTY.get(edge.kind or "", "style=solid")
            classes = " ".join(filter(None, [edge.link.value, edge.kind]))
            lines.append(
                f"{indent}{_dot_text(prefix + edge.source)} -> {_dot_text(prefix + edge.target)} "
                f'[label={_dot_text(edge.label)}, class="{classes}", {style}];'
            )
        if several:
            lines.append("  }")
    lines.append("}")
    return "\n".join(lines)


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


# --- SVG ---------------------------------------------------------------------------------------

_ROW, _LINE, _WORDS = 34, 18, 12  # a node's row; each further arrow from it; its role in words
_LEFT_X, _BEND_X, _RIGHT_X, _BOX_H = 24, 320, 600, 24  # arrows run level from the right column to the bend
_LABEL_CHARS = 44


def svg(drawn: Graph, language: str) -> str:
    """The graph drawn in two columns: the states attacked on the left; on the right the others —
    attackers first, then those bound to both sides, then the other bearers — each with arrows to
    the states it owes a duty to (labelled), attacks in red, and the ties of a state bound to both
    sides as dashed arcs to the attacker, on the right."""
    if not drawn.edges:
        return f'<p class="empty">{escape(say(language, "graph.empty"))}</p>'
    left = [n for n in drawn.nodes if Role.victim in n.roles]
    right = sorted(
        (n for n in drawn.nodes if Role.victim not in n.roles),
        key=lambda n: (Role.attacker not in n.roles, Role.conflict not in n.roles, n.label),
    )
    outgoing = {n.id: [e for e in drawn.edges if e.source == n.id and e.link is not Link.bound] for n in right}
    y, top = 40, {}
    for node in right:
        top[node.id] = y
        y += _ROW + _LINE * max(0, len(outgoing[node.id]) - 1) + _WORDS * bool(_role_words(node, language))
    height = max(y, 40 + _ROW * len(left)) + 30
    step = (height - 70) / max(1, len(left))
    anchor = {n.id: (_LEFT_X, 40 + step * (i + 0.5)) for i, n in enumerate(left)}
    arcs = max((abs(top[e.source] - top[e.target]) for e in drawn.edges if e.link is Link.bound), default=0)
    width = _RIGHT_X + 90 + min(220, 30 + arcs // 2)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height:.0f}" '
        f'width="{width}" height="{height:.0f}" class="graph">',
        f"<title>{escape(drawn.title)}</title>",
        _SVG_DEFS,
    ]
    for node in right:
        for i, edge in enumerate(outgoing[node.id]):
            parts.append(_svg_edge(edge, top[node.id] + _BOX_H / 2 + i * _LINE, anchor[edge.target]))
    parts += [_svg_arc(e, top) for e in drawn.edges if e.link is Link.bound and e.target in top and e.source in top]
    parts += [_svg_node(n, _LEFT_X, anchor[n.id][1] - _BOX_H / 2, _BOX_H, language) for n in left]
    parts += [
        _svg_node(n, _RIGHT_X, top[n.id], _BOX_H + _LINE * max(0, len(outgoing[n.id]) - 1), language) for n in right
    ]
    parts.append("</svg>")
    return "\n".join(parts)


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


def _svg_edge(edge: Edge, y: float, target: tuple[float, float]) -> str:
    x2, y2 = target[0] + 66, target[1]
    classes = " ".join(filter(None, ["edge", edge.link.value, edge.kind]))
    shown = edge.label if len(edge.label) <= _LABEL_CHARS else edge.label[: _LABEL_CHARS - 1] + "…"
    curve = f"C {_BEND_X - 90} {y:.1f} {x2 + 90} {y2:.1f} {x2} {y2:.1f}"
    return (
        f'<g class="link {edge.link.value}"><title>{escape(edge.source)} → {escape(edge.target)}: '
        f"{escape(edge.label)}</title>"
        f'<path class="{classes}" d="M {_RIGHT_X} {y:.1f} L {_BEND_X} {y:.1f} {curve}" marker-end="url(#arrow)"/>'
        f'<text class="label" x="{_RIGHT_X - 6}" y="{y - 4:.1f}" text-anchor="end">{escape(shown)}</text></g>'
    )


def _svg_arc(edge: Edge, top: dict[str, float]) -> str:
    x = _RIGHT_X + 64
    y1, y2 = top[edge.source] + _BOX_H / 2, top[edge.target] + _BOX_H / 2
    bulge = x + min(220, 30 + abs(y1 - y2) / 2)
    return (
        f'<g class="link bound"><title>{escape(edge.source)} → {escape(edge.target)}: {escape(edge.label)}</title>'
        f'<path class="edge bound" d="M {x} {y1:.1f} C {bulge:.1f} {y1:.1f} {bulge:.1f} {y2:.1f} {x + 2} {y2:.1f}" '
        f'marker-end="url(#arrow)"/></g>'
    )


def _svg_node(node: Node, x: float, y: float, height: float, language: str) -> str:
    roles = " ".join(r.value for r in sorted(node.roles))
    words = " · ".join(_role_words(node, language))
    mark = " ⚠" if Role.conflict in node.roles else ""
    below = f'<text class="role" x="{x + 32}" y="{y + height + 11:.1f}" text-anchor="middle">{escape(words)}</text>'
    return (
        f'<g class="node {roles}" data-state="{escape(node.id)}">'
        f'<rect x="{x}" y="{y:.1f}" width="64" height="{height}" rx="5"/>'
        f'<text x="{x + 32}" y="{y + height / 2 + 4:.1f}" text-anchor="middle">{escape(node.label)}{mark}</text>'
        f"{below if words else ''}</g>"
    )


register_format("mermaid", mermaid)
register_format("dot", dot)
