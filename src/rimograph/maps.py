"""Interactive HTML network maps that open offline.

The map is one self-contained HTML file: vis-network (the library pyvis ships) is inlined from
pyvis's package, positions are computed here with a fixed seed (physics off, so the same data
gives the same picture at every meeting), and every text from the data travels as JSON inside a
``<script type="application/json">`` block and is put on the page with ``textContent``, never as
HTML. pyvis's own template is not used: it links Bootstrap from a CDN and sets tooltips with
``innerHTML``.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import questions
from .labels import LABELS, RELATIONS, TYPE_STYLE, type_label

PLAN_YEARS = range(2016, 2026)


def entry_years(data) -> list[int]:
    """Years 2016-2025 an action or project runs: from its start (or 2021, the plan's first
    year, when the plan gives none) to its end (or 2025 when open or missing)."""
    first = int(data["start"][:4]) if data.get("start") else 2021
    last = int(data["end"][:4]) if data.get("end") else 2025
    return [y for y in PLAN_YEARS if first <= y <= last]


def facets(graph) -> dict[str, dict]:
    """Per node: the themes, municipalities and years it belongs to, for the map's filters.

    Entries (actions, projects) have their own; every other node takes the union of the entries
    it is linked to; goals and themes that of the actions contributing to them. Values: lists of
    theme names, municipality names, years (ints)."""
    own = {}
    for entry in questions.entries(graph):
        own[entry] = {
            "themes": {graph.nodes[t]["name"] for t in questions.entry_themes(graph, entry)},
            "municipalities": {graph.nodes[m]["name"]
                               for m in questions.entry_municipalities(graph, entry)},
            "years": set(entry_years(graph.nodes[entry])),
        }
    result = {}
    for node in graph.nodes:
        if node in own:
            result[node] = own[node]
            continue
        linked = [own[n] for n in graph.predecessors(node) if n in own]
        linked += [own[n] for n in graph.successors(node) if n in own]
        for goal in graph.predecessors(node):  # a theme: through its goals
            linked += [own[n] for n in graph.predecessors(goal) if n in own]
        result[node] = {key: set().union(*(f[key] for f in linked)) for key in
                        ("themes", "municipalities", "years")}
    return {n: {k: sorted(v) for k, v in f.items()} for n, f in result.items()}


def layout(graph, seed: int = 7, spacing: float = 90.0) -> dict[str, tuple[float, float]]:
    """Node positions in pixels, the same for the same data.

    Each connected component with more than one node gets networkx's spring layout (nodes added
    in sorted order, fixed ``seed``), scaled so that nodes sit about ``spacing`` pixels apart;
    the largest component is drawn first, the smaller ones side by side below it, and single
    nodes (for example municipalities without any action) in rows at the bottom. Without this,
    spring layout flings unconnected nodes to the edge and crushes the network in the middle.
    """
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    simple.add_edges_from(sorted((u, v) for u, v in graph.edges() if u != v))
    components = sorted((sorted(c) for c in nx.connected_components(simple)),
                        key=lambda c: (-len(c), c[0]))
    positions, top, left, row_height = {}, 0.0, 0.0, 0.0
    width = None
    singles = [c[0] for c in components if len(c) == 1]
    for nodes in (c for c in components if len(c) > 1):
        part = simple.subgraph(nodes)
        size = spacing * len(nodes) ** 0.5
        spring = nx.spring_layout(part, seed=seed, k=1.6 / len(nodes) ** 0.5, iterations=150,
                                  scale=size / 2, center=(0, 0))
        if width is None:
            width = 2 * size
        elif left + size > width:
            top, left, row_height = top + row_height + spacing, 0.0, 0.0
        for node, (x, y) in spring.items():
            positions[node] = (float(x) + left + size / 2, float(y) + top + size / 2)
        if left == 0.0 and not row_height and len(positions) == len(nodes):
            top, left = top + size + spacing, 0.0  # the largest component has a row of its own
        else:
            left, row_height = left + size + spacing, max(row_height, size)
    top += row_height + spacing
    per_row = max(int((width or spacing * 10) // (1.5 * spacing)), 1)
    for index, node in enumerate(singles):
        positions[node] = ((index % per_row) * 1.5 * spacing, top + (index // per_row) * spacing)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in positions.items()}


def _tooltip(node, data, lang) -> list[str]:
    """Tooltip lines: name, type, facts, and the plan citation."""
    words = LABELS[lang]
    lines = [data["name"], type_label(data["type"], lang)]
    for key in ("summary", "kind", "timing", "scope", "nis", "name_2025", "fte"):
        if data.get(key) not in (None, ""):
            lines.append(f"{words.get(key, key)}: {data[key]}")
    if data.get("sector"):
        lines.append(words["sector"])
    if data.get("page"):
        lines.append(f"{words['source']}: p. {data['page']}, "
                     f"{words['lines']} {data['line_start']}-{data['line_end']}")
    lines.append(node)
    return lines


def map_data(graph, title: str, lang: str = "nl") -> dict:
    """Everything the page needs, as plain JSON-ready data.

    Keys: ``title``, ``lang``, ``labels`` (UI words), ``legend`` (node types and edge styles
    present), ``nodes`` (id, label, type, x, y, size, color, shape, tooltip lines, facets),
    ``edges`` (from, to, relation, dashed, color), ``options`` (vis-network options built with
    pyvis: physics off, fixed positions).
    """
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    net.toggle_physics(False)
    positions = layout(graph)
    node_facets = facets(graph)
    degrees = dict(graph.degree())
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        style = TYPE_STYLE[data["type"]]
        x, y = positions[node]
        net.add_node(node, label=data["name"], x=x, y=y, shape=style["shape"],
                     color=style["color"], size=10 + 3 * min(degrees[node], 20) ** 0.8,
                     type=data["type"], tooltip=_tooltip(node, data, lang),
                     facets=node_facets[node], generic=bool(data.get("generic")))
    for u, v, key, data in sorted(graph.edges(keys=True, data=True)):
        dashed = data.get("certainty") == "possible"
        net.add_edge(u, v, relation=key, dashed=dashed,
                     title=RELATIONS[lang].get(key, key) + (f" ({LABELS[lang]['possible']})"
                                                            if dashed else ""))
    types = sorted({d["type"] for _, d in graph.nodes(data=True)}, key=list(TYPE_STYLE).index)
    return {
        "title": title,
        "lang": lang,
        "labels": LABELS[lang],
        "legend": [{"type": t, "label": type_label(t, lang), **TYPE_STYLE[t]} for t in types],
        "relations": RELATIONS[lang],
        "nodes": net.nodes,
        "edges": net.edges,
        "options": json.loads(net.options.to_json()),
    }


def _json_for_script(data) -> str:
    """JSON safe inside a <script> element: <, > and & escaped so no data can close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_map(graph, title: str, lang: str = "nl", footer: str = "") -> str:
    """The whole map page as one HTML string (vis-network and our script inlined)."""
    import pyvis
    from jinja2 import Environment, PackageLoader, select_autoescape

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    env = Environment(loader=PackageLoader("rimograph"), autoescape=select_autoescape(["html", "j2"]))
    template = env.get_template("map.html.j2")
    return template.render(
        title=title, lang=lang, footer=footer, labels=LABELS[lang],
        vis_js=(lib / "vis-network.min.js").read_text(encoding="utf-8"),
        vis_css=(lib / "vis-network.css").read_text(encoding="utf-8"),
        data_json=_json_for_script(map_data(graph, title, lang)),
    )


def write_map(graph, out: Path, title: str, lang: str = "nl", footer: str = "") -> Path:
    """Write the map of ``graph`` to ``out`` (UTF-8, atomically). Returns the path."""
    from .output import write_atomic

    write_atomic(out, render_map(graph, title, lang, footer))
    return Path(out)
