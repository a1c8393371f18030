"""Interactive HTML network maps that open offline.

The map is one self-contained HTML file: vis-network (the library pyvis ships) is inlined from
pyvis's package, or for maps of more than :data:`WEBGL_NODES` nodes sigma.js and graphology
(WebGL, vendored in ``outputs/vendor``); positions are computed here with a fixed seed (physics off, so the same data
gives the same picture at every meeting), and every text from the data travels as JSON inside a
``<script type="application/json">`` block and is put on the page with ``textContent``, never as
HTML. pyvis's own template is not used: it links Bootstrap from a CDN and sets tooltips with
``innerHTML``; nor is its ``Network`` class (its ``add_edge`` looks nodes up in a list, which
makes a large map quadratic): the node and edge data are built here, in one pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from ..core import model
from ..core.model import ENTRY_TYPES, INTERNAL
from ..core.numbers import FTE_DECIMALS, format_number
from ..core.tables import TIES
from .labels import CONTEXT_TYPES, FOCUS_FONT, LABELS, RELATIONS, TYPE_STYLE, VALUES, type_label

REACHES_EVERY_TOWN = ("province", "flanders")  # entry scopes that reach every municipality


def municipalities_2025(graph) -> list[tuple[str, list[str]]]:
    """The municipalities of 1 January 2025 as ``(name_2025, [ids of 2019-2024])``, sorted by
    name: "Tongeren-Borgloon" holds Borgloon and Tongeren."""
    merged = {}
    for node, data in graph.nodes(data=True):
        if data["type"] == "Municipality":
            merged.setdefault(data.get("name_2025") or data["name"], []).append(node)
    return sorted((name, sorted(ids)) for name, ids in merged.items())


def panel_selections(graph, nodes, options=None) -> dict[str, list[dict]]:
    """The map panel's filter choices, each with the nodes it shows.

    For every theme, municipality of 2025 and year of the plan (2021-2025), the nodes are
    :func:`select`'s answer for the map's own options (``options``: keyword arguments of
    :func:`select`) with that one option set as on the command line (``--theme``,
    ``--municipality``, ``--year``), generic partners included (the panel has its own
    checkbox), limited to ``nodes`` (the map's nodes, in the order of the page's node list).
    So the panel and the command line give the same nodes. Choices that leave nothing are
    left out. The focus's neighbourhood is computed once for all choices, and each
    municipality starts from the entries active there, so the work grows with the map's size
    and the choices' answers, not with their product.

    Returns ``{"theme" | "municipality" | "year": [{"value", "label", "nodes"}]}`` where
    ``nodes`` are the sorted positions in ``nodes`` of the chosen nodes, and a municipality's
    label names the 2019-2024 municipalities merged into it ("Tongeren-Borgloon (Borgloon,
    Tongeren)").
    """
    from ..core.errors import RimographError
    from ..core.model import PLAN_YEARS

    base = {k: v for k, v in (options or {}).items() if k not in ("theme", "municipality",
                                                                   "year")}
    base["include_generic"] = True
    focus, depth = base.pop("focus", None), base.pop("depth", 1)
    around_focus = _ego(graph, focus, depth)
    seen = {"neighbours": {}, "context": {}}  # shared by the choices (see _narrow)
    position = {node: i for i, node in enumerate(nodes)}
    choices = {"theme": [(graph.nodes[t]["name"], graph.nodes[t]["name"], t) for t in sorted(
                   (n for n, t in graph.nodes(data="type") if t == "Theme"),
                   key=lambda n: graph.nodes[n]["name"])],
               "municipality": [(name, name if [graph.nodes[i]["name"] for i in ids] == [name]
                                 else f"{name} ({', '.join(graph.nodes[i]['name'] for i in ids)})",
                                 set(ids)) for name, ids in municipalities_2025(graph)],
               "year": [(str(y), str(y), y) for y in PLAN_YEARS]}
    result = {}
    for kind, values in choices.items():
        result[kind] = []
        for value, label, argument in values:
            try:
                picked = _narrow(graph, around_focus, focus, depth, **base,
                                 **{kind: argument}, seen=seen)[0]
            except RimographError:
                continue
            shown = sorted(position[n] for n in picked if n in position)
            if shown:
                result[kind].append({"value": value, "label": label, "nodes": shown})
    return result


ROW_TYPES = ("StrategicGoal", "Theme", "OperationalGoal")  # drawn as a row above the network
BOTTOM_TYPES = ("TargetGroup",)  # drawn as a row below it


def _spread(positions, width, height):
    """Replace each coordinate by its rank (scaled to ``width`` x ``height``, centred on 0): the
    arrangement stays, but a force layout's dense core is opened up evenly, so labels have
    room."""
    nodes = sorted(positions)
    result = {n: [0.0, 0.0] for n in nodes}
    for axis, size in ((0, width), (1, height)):
        ranked = sorted(nodes, key=lambda n: (positions[n][axis], n))
        for rank, node in enumerate(ranked):
            result[node][axis] = (rank / max(len(nodes) - 1, 1) - 0.5) * size
    return {n: tuple(xy) for n, xy in result.items()}


def _ordered(graph, nodes):
    """The subgraph on ``nodes`` as a new graph with nodes and edges in sorted order. A
    subgraph *view* lists small node sets in set order, which changes with Python's hash seed,
    and spring layout's result depends on the order: with this, the same data gives the same
    positions in every process."""
    keep = sorted(set(nodes))
    inside, adjacency = set(keep), graph._adj
    ordered = nx.Graph()
    ordered.add_nodes_from(keep)
    ordered.add_edges_from((u, v) for u in keep for v in sorted(adjacency[u])
                           if u < v and v in inside)
    return ordered


CORE = 300  # components larger than this: spring layout of this many best-linked nodes


def _spring(graph, nodes, seed):
    """networkx's spring layout of one connected component ``nodes`` of ``graph`` (150
    iterations: the same picture as 300 to the eye, in half the time;
    ``benchmarks/maps.py``). networkx 3.6 lays out 500
    nodes or more with an optimiser that needs scipy and takes minutes for a few thousand, so
    a component larger than :data:`CORE` gets the spring layout of its :data:`CORE`
    best-linked nodes (degree, then id), and every other node is put breadth first on a small
    ring around the neighbour that reached it (read in ``graph`` itself: a sector's largest
    component is most of the map, not worth a copy). Same data, same positions."""
    import math
    from collections import deque

    if len(nodes) <= CORE:
        return nx.spring_layout(_ordered(graph, nodes), seed=seed,
                                k=3.5 / len(nodes) ** 0.5, iterations=150)
    core = sorted(nodes, key=lambda n: (-graph.degree(n), n))[:CORE]
    positions = {n: (float(x), float(y)) for n, (x, y) in nx.spring_layout(
        _ordered(graph, core), seed=seed, k=3.5 / CORE ** 0.5, iterations=150).items()}
    radius = 0.5 / CORE ** 0.5
    queue = deque(sorted(core))
    while queue:
        parent = queue.popleft()
        children = sorted(n for n in graph[parent] if n not in positions)
        x, y = positions[parent]
        for i, child in enumerate(children):
            angle, ring = 2 * math.pi * i / len(children), radius * (1 + i // 12)
            positions[child] = (x + ring * math.cos(angle), y + ring * math.sin(angle))
            queue.append(child)
    return positions


def layout(graph, seed: int = 7, spacing: float = 90.0) -> dict[str, tuple[float, float]]:
    """Node positions in pixels, the same for the same data.

    Goals and themes are hubs that every action links to; target groups nearly so. Left in a
    force layout they pull the whole plan into one knot. So they are laid out in rows: goals
    and themes above the network (in plan order: strategic goal, its themes, its operational
    goals), target groups below it, then nodes that have no link at all (for example
    municipalities without any action), in lines as wide as the network. The rest -- actions, projects, partners, places -- gets
    networkx's spring layout per connected component (nodes added in sorted order, fixed
    ``seed``), opened up by :func:`_spread`, nodes about ``spacing`` pixels apart (more in
    small maps), the largest component first and the smaller ones side by side below it.
    """
    types = dict(graph.nodes(data="type"))
    hubs = ROW_TYPES + BOTTOM_TYPES
    simple = nx.Graph()
    simple.add_nodes_from(sorted(n for n in graph if types[n] not in hubs))
    simple.add_edges_from(sorted((u, v) for u, v in graph.edges()
                                 if u != v and types[u] not in hubs and types[v] not in hubs))
    linked = {n for edge in graph.edges() for n in edge if edge[0] != edge[1]}
    components = sorted((sorted(c) for c in nx.connected_components(simple) if c & linked),
                        key=lambda c: (-len(c), c[0]))
    # small maps get more room per node, so their (large) labels do not run together
    spacing *= min(2.0, max(1.0, (300 / max(len(simple), 1)) ** 0.5))
    positions, top, left, row_height, width = {}, 0.0, 0.0, 0.0, spacing * 6
    for index, nodes in enumerate(components):
        # landscape, wider than a screen: the rows above and below add height
        wide, high = 1.7 * spacing * len(nodes) ** 0.5, spacing * len(nodes) ** 0.5 / 1.7
        if len(nodes) == 1:
            spring = {nodes[0]: (0.0, 0.0)}
        else:
            spring = _spread(_spring(simple, nodes, seed), wide, high)
        if index == 0:
            width = max(width, wide)
        elif left + wide > width:
            top, left, row_height = top + row_height + spacing, 0.0, 0.0
        for node, (x, y) in spring.items():
            positions[node] = (float(x) + left + wide / 2, float(y) + top + high / 2)
        if index == 0:
            top += high + spacing
        else:
            left, row_height = left + wide + spacing, max(row_height, high)
    bottom = top + row_height + spacing
    step, line = 1.5 * spacing, 0.8 * spacing
    per_line = max(int(width // step), 1)

    def rows(nodes, y):
        """Place ``nodes`` in lines of ``per_line`` from height ``y``; every other node a little
        lower, so that long labels do not touch. Returns the height below the last line."""
        for i, node in enumerate(nodes):
            positions[node] = ((i % per_line) * step,
                               y + (i // per_line) * 2 * line + (i % 2) * line * 0.8)
        return y + -(-len(nodes) // per_line) * 2 * line

    order = {t: i for i, t in enumerate(ROW_TYPES)}
    goals = sorted((n for n in graph if types[n] in ROW_TYPES),
                   key=lambda n: (graph.nodes[n].get("strategic_goal") or n, order[types[n]], n))
    rows(goals, -(-(-len(goals) // per_line) * 2 * line) - spacing)
    groups = sorted((n for n in graph if types[n] in BOTTOM_TYPES),
                    key=lambda n: (-graph.degree(n), n))
    bottom = rows(groups, bottom)
    rows(sorted(n for n in graph if n not in positions), bottom + spacing)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in positions.items()}


def display_name(data, lang="nl") -> str:
    """The label of a node on the map: its name, with "SD1", "OD" or "Thema" in front for goals
    and themes (several of them share a name, e.g. SD1 and the OD "Grond- en mensenrechten")."""
    if data["type"] == "StrategicGoal":
        return f"{data['code']} {data['name']}"
    if data["type"] in ("OperationalGoal", "Theme"):
        return f"{LABELS[lang]['prefix_' + data['type']]} {data['name']}"
    return data["name"]


def readable_date(value: str, lang: str = "nl") -> str:
    """An ISO date of the plan as people say it: ``2016-09-01`` and ``2016-09`` ->
    "september 2016" (the day adds nothing on a map), ``2021`` -> "2021"."""
    if len(value) < 7:
        return value
    return f"{LABELS[lang]['months'][int(value[5:7]) - 1]} {value[:4]}"


def period(data, lang: str = "nl") -> str:
    """An entry's period in words: "september 2016 tot december 2025", "sinds januari 2019,
    einde open" (the plan's "- ?"), or "geen timing in het plan"."""
    words = LABELS[lang]
    start, end = data.get("start") or "", data.get("end") or ""
    if not start and not end:
        return words["no_timing"]
    if not end:
        return words["since"].format(start=readable_date(start, lang))
    return words["from_to"].format(start=readable_date(start, lang) if start else "?",
                                   end=readable_date(end, lang))


def tooltip(node, data, lang="nl", details=False) -> list[str]:
    """Tooltip lines for an outside audience: full name, type, summary, facts in words, the
    plan's page. With ``details`` also the plan's line range and the node id."""
    words = LABELS[lang]
    lines = [display_name(data, lang), type_label(data["type"], lang)]
    for key in ("summary", "kind", "period", "scope", "name_2025", "fte"):
        value = period(data, lang) if key == "period" and "timing" in data else data.get(key)
        if value in (None, "") or (key == "name_2025" and value == data["name"]):
            continue
        if key == "fte":
            value = format_number(value, FTE_DECIMALS, lang=lang)
        label = words.get(key, key)
        lines.append(value if key == "summary" else f"{label}: {VALUES[lang].get(value, value)}")
    if data.get("sector"):
        lines.append(words["sector"])
    if data.get("page"):
        lines.append(words["page"].format(page=data["page"]))
    if details:
        if data.get("line_start"):
            lines.append(f"{words['lines']} {data['line_start']}-{data['line_end']}")
        lines.append(node)
    return lines


def search_keys(graph, node) -> list[str]:
    """What the map's search matches for ``node``, each :func:`rimograph.core.model.normalise`d:
    its name, its name on the map, its 2025 municipality, and every way the plan writes it in
    a partner list (the ``mention`` of its PARTNERS_WITH edges, e.g. "Lokaal bestuur Stad
    Genk")."""
    from ..core.model import normalise

    data = graph.nodes[node]
    written = {data["name"], display_name(data), data.get("name_2025") or ""}
    for keys in graph._pred[node].values():  # a hub's thousands of mentions: few spellings
        for edge in keys.values():
            written.update((edge.get("mention") or "").split("; "))
    return sorted({normalise(w) for w in written if w} - {""})


#: The map's drawing area at first view in a 1366 x 768 window (CSS pixels; the page zooms so
#: that this frame fills the canvas, see map.html.j2).
FRAME = (1080.0, 660.0)
#: Maps up to this many nodes name every node at first view; larger ones the nodes of
#: :data:`FIRST_VIEW_TYPES` (and the focus), the others where they fit or when zooming in.
FIRST_VIEW_ALL = 160
FIRST_VIEW_TYPES = ("StrategicGoal", "Theme", "OperationalGoal", "StrategicAction")
#: A partner of this many actions and projects or more is named at first view wherever its
#: name finds room, right after the structure: on the whole plan the eleven partners most of
#: the work runs through, from CAW Limburg (15) to OCMW Genk (4); the other partners are named
#: where there is room beside their actions.
KEY_PARTNER = 4
#: A node beyond :data:`FIRST_VIEW_TYPES` is named at first view where its label finds room
#: this close to its place (CSS px at first view): any further and a partner would be drawn
#: away from its actions (benchmarks/README.md, the whole-plan map).
NAME_REACH = 40.0
#: Maps larger than this keep their layout (no spreading) and draw names only where they fit.
LARGE = 1500
#: Maps of more nodes than this are drawn with sigma.js on WebGL instead of vis-network's 2D
#: canvas, which needs seconds per redraw from a few thousand nodes (benchmarks/README.md).
WEBGL_NODES = 1500
#: A WebGL map of more edges than this draws a node's edges only while it is highlighted:
#: drawing 140k edges in software GL takes seconds per frame, 750k half a minute.
EDGES_ON_SELECT = 50_000


def marker_radius(degree: int, focus: bool = False) -> float:
    """A node's radius on the map in CSS pixels at first view: grows with degree."""
    return 16.0 if focus else 4.0 + 1.5 * min(degree, 40) ** 0.5


def cluster_order(graph, radii) -> list:
    """The order in which :func:`labelled_layout` spreads a map that names its structure at
    first view: goals and themes (:data:`ROW_TYPES`, largest marker first), then each strategic
    action (largest first) directly followed by the nodes within two steps of it, through its
    projects, that no earlier action claimed -- its projects, partners, places, largest
    first; target groups and the rest come after. So a partner finds room beside its action
    before the next action's name takes it. Returns the ordered nodes of ``graph``."""
    from collections import deque

    types = dict(graph.nodes(data="type"))
    biggest = sorted(graph, key=lambda n: (-radii[n], n))
    order = [n for n in biggest if types[n] in ROW_TYPES]
    claimed = set(order)
    kept_out = (*ROW_TYPES, *BOTTOM_TYPES, "StrategicAction")
    for action in (n for n in biggest if types[n] == "StrategicAction"):
        queue = deque([(action, 0)])
        claimed.add(action)
        while queue:
            node, steps = queue.popleft()
            order.append(node)
            if steps < 2:
                near = set(graph.predecessors(node)) | set(graph.successors(node))
                for other in sorted(near - claimed, key=lambda n: (-radii[n], n)):
                    if types[other] not in kept_out:
                        claimed.add(other)
                        queue.append((other, steps + 1))
    return order + [n for n in biggest if n not in claimed]


def labelled_layout(graph, frame=FRAME, scale=1.0, focus=None, lang="nl", font=None):
    """Positions in ``frame`` with room for every label shown at first view.

    :func:`layout` gives the arrangement; :func:`rimograph.outputs.placement.place` stretches
    it to the frame and spreads nodes apart from their label sizes: the font of
    :data:`~rimograph.outputs.labels.TYPE_STYLE` (or ``font`` for every type, when given) times
    ``scale``, the focus node in :data:`~rimograph.outputs.labels.FOCUS_FONT`, marker radii of
    :func:`marker_radius` times ``scale``.

    Maps up to :data:`FIRST_VIEW_ALL` nodes name every node at first view. Larger ones (up to
    :data:`LARGE`) name the structure (:data:`FIRST_VIEW_TYPES`) and the focus; they are
    spread in :func:`cluster_order`, every other node keeping its place beside its neighbours
    as they move (a partner beside its actions, a municipality beside the entries active
    there) and named where its label fits within :data:`NAME_REACH` of that place, the
    partners of :data:`KEY_PARTNER` entries or more wherever it fits. Returns ``(positions, labels, radii, levels,
    crowded)``: :func:`~rimograph.outputs.placement.place`'s answer with the labels and radii
    used."""
    import math

    from .placement import Label, label_lines, place

    degrees = dict(graph.degree())
    labels, radii = {}, {}
    for node, data in graph.nodes(data=True):
        style = TYPE_STYLE[data["type"]]
        labels[node] = Label(label_lines(display_name(data, lang), 3 if node == focus else 2),
                             (FOCUS_FONT if node == focus else font or style["font"]) * scale,
                             style["bold"] or node == focus)
        radii[node] = marker_radius(degrees[node], node == focus) * scale
    types = dict(graph.nodes(data="type"))
    if len(graph) <= FIRST_VIEW_ALL:
        first = set(graph)
    elif len(graph) <= LARGE:
        first = {n for n, t in types.items() if t in FIRST_VIEW_TYPES or n == focus}
    else:  # too many to spread: markers shrink, the structure's names come first when zooming
        first = set()
        radii = {n: r / 3 for n, r in radii.items()}
    order = sorted(graph, key=lambda n: (types[n] not in FIRST_VIEW_TYPES, -radii[n], n))
    follow, wanted, sequence = None, None, None
    if first and len(first) < len(graph):  # names where they fit, beside their anchors
        follow = {n: sorted((set(graph.predecessors(n)) | set(graph.successors(n))) - {n})
                  for n in graph if types[n] not in FIRST_VIEW_TYPES}
        wanted = {n: math.inf if types[n] == "Partner" and len(
                      model.sources_of(graph, n, "PARTNERS_WITH")) >= KEY_PARTNER
                  else NAME_REACH * scale for n in graph if n not in first}
        sequence = cluster_order(graph, radii)
    positions, levels, crowded = place(layout(graph), radii, labels, first, *frame, order,
                                       follow, wanted, sequence)
    return positions, labels, radii, levels, crowded


def _context_only(graph, node):
    """Whether ``node`` belongs to the plan's context only: a partner that no action or project
    works with (directly, or through a part of it), named only in the partner analysis or the
    organisation's own ties. Stops at the first such edge (a hub has thousands)."""
    if graph._node[node]["type"] != "Partner":
        return False
    return not any("PARTNERS_WITH" in keys or "PART_OF" in keys
                   for keys in graph._pred[node].values())


def _ego(graph, focus, depth):
    """The nodes within ``depth`` steps of ``focus``, edge direction ignored (``None``
    without a focus)."""
    if not focus:
        return None
    return set(nx.ego_graph(graph.to_undirected(as_view=True), focus, radius=depth))


def select(graph, focus=None, depth=1, theme=None, goal=None, municipality=None, year=None,
           types=None, include_generic=False):
    """Choose the nodes a focused map shows; returns ``(nodes, facts)``.

    - ``focus`` (a node id) and ``depth``: the ego network, every node within ``depth`` steps
      of the focus, edge direction ignored (networkx ``ego_graph`` on the undirected view);
    - ``theme`` / ``goal`` (node ids), ``municipality`` (an id or a set of ids, e.g. the
      municipalities merged in 2025) and ``year`` (int): the actions and projects that
      :func:`rimograph.core.model.select_entries` gives for them (the one selection the
      question commands use) -- with their neighbours other than actions and projects that
      were not chosen. A municipality where no action or project works locally gets the
      province-wide and Flemish ones (scope ``province`` or ``flanders``), itself and the
      partners based there, and the fact ``("no_local", None)``;
    - ``types``: node types to keep (the focus node is always kept);
    - generic partners (categories, roles) only with ``include_generic``;
    - the plan's context (:data:`rimograph.outputs.labels.CONTEXT_TYPES`: indicators and the
      areas they measure; partners no entry works with, such as RIMO Limburg itself and the
      platforms it sits on) only around a focus or when ``types`` asks for it.

    ``facts`` is a list of ``(kind, value)`` pairs describing the choice, for the title.
    Raises :class:`~rimograph.core.errors.RimographError` when nothing is left to show.
    """
    return _narrow(graph, _ego(graph, focus, depth), focus, depth, theme, goal, municipality,
                   year, types, include_generic)


def _narrow(graph, around_focus, focus, depth, theme=None, goal=None, municipality=None,
            year=None, types=None, include_generic=False, seen=None):
    """:func:`select` with the focus's neighbourhood ``around_focus`` already computed (see
    :func:`_ego`), so that the panel computes it once for all its choices; ``seen``
    (``{"neighbours": {}, "context": {}}``) keeps each entry's neighbours and each node's
    context test from one choice to the next (an entry is in a theme, several years and a
    municipality)."""
    from ..core.errors import RimographError
    from ..core.i18n import _

    facts = []
    nodes = around_focus  # None: every node
    if focus:
        facts.append(("focus", (graph.nodes[focus]["name"], depth)))
    if theme:
        facts.append(("theme", graph.nodes[theme]["name"]))
    if goal:
        facts.append(("goal", graph.nodes[goal]["name"]))
    places, based = set(), set()
    if theme or goal or municipality or year:
        chosen = model.select_entries(graph, theme, goal, municipality, year)
    if municipality:
        wanted = {municipality} if isinstance(municipality, str) else set(municipality)
        names = sorted(graph.nodes[m]["name"] for m in wanted)
        facts.append(("municipality", " + ".join(names)))
        places = wanted | {n for m in wanted for n in model.sources_of(graph, m, "LOCATED_IN")}
        if not chosen and not model.select_entries(graph, municipality=wanted):
            # no local work: what reaches every town, and the partners based there
            chosen = [e for e in model.select_entries(graph, theme, goal, None, year)
                      if graph.nodes[e].get("scope") in REACHES_EVERY_TOWN]
            based = wanted | {p for m in wanted for p in model.sources_of(graph, m, "BASED_IN")}
            facts.append(("no_local", None))
    if year:
        facts.append(("year", year))
    data = graph._node  # node -> attributes, read directly: this runs for every panel choice
    seen = seen or {"neighbours": {}, "context": {}}
    if theme or goal or municipality or year:
        around, neighbours = set(chosen), seen["neighbours"]
        for entry in chosen:  # through the entries' own edges, not the organisation's ties
            if entry not in neighbours:
                neighbours[entry] = [n for n in graph._succ[entry]
                               if data[n]["type"] not in ENTRY_TYPES] + [
                                   n for n, keys in graph._pred[entry].items()
                                   if data[n]["type"] not in ENTRY_TYPES
                                   and any(k not in TIES for k in keys)]
            around.update(neighbours[entry])
        if places:  # other towns reached through an umbrella action are left out
            around = {n for n in around if n in places or data[n]["type"]
                      not in ("Municipality", "Neighbourhood")}
        nodes = (around | based) if nodes is None else nodes & (around | based)
    if nodes is None:
        nodes = set(graph.nodes)
    if not focus and not types:
        context = seen["context"]
        for n in nodes:
            if n not in context:
                context[n] = data[n]["type"] in CONTEXT_TYPES or _context_only(graph, n)
        nodes = {n for n in nodes if not context[n]}
    if types:
        nodes = {n for n in nodes if data[n]["type"] in types or n == focus}
        facts.append(("types", sorted(types)))
    if not include_generic:
        nodes = {n for n in nodes if not data[n].get("generic") or n == focus}
    if not nodes:
        raise RimographError(_("nothing to show: no node matches these options"))
    return nodes, facts


def ordered_subgraph(graph, nodes, leave_out=()):
    """A copy of ``graph`` on ``nodes`` with nodes and edges added in sorted order (a
    subgraph view would list them in set order, which changes from process to process),
    without the edges whose type is in ``leave_out``. Reads the adjacency directly: linear in
    the edges of ``nodes`` (plus sorting)."""
    keep = sorted(set(nodes))
    inside = set(keep)
    succ = graph._succ
    copy = graph.__class__(**graph.graph)
    copy.add_nodes_from((n, graph.nodes[n]) for n in keep)
    copy.add_edges_from((u, v, k, d) for u in keep for v in sorted(succ[u]) if v in inside
                        for k, d in sorted(succ[u][v].items()) if k not in leave_out)
    return copy


def drawn_graph(graph, nodes, focus=None):
    """What a map or slide of ``nodes`` draws (:func:`ordered_subgraph`): the organisation's
    ties (:data:`rimograph.core.tables.TIES`) only around a ``focus``, elsewhere the entries'
    own network."""
    return ordered_subgraph(graph, graph if nodes is None else nodes, () if focus else TIES)


def describe(facts, lang="nl") -> str:
    """A map title from :func:`select`'s facts, e.g. "Netwerk rond Woonzaak, 2 stappen, 2023"."""
    words = LABELS[lang]
    if not facts:
        return words["whole_plan"]
    parts = []
    for kind, value in facts:
        if kind == "focus":
            name, depth = value
            parts.append(words["around"].format(name=name, depth=depth,
                                                steps=words["step" if depth == 1 else "steps"]))
        elif kind == "types":
            parts.append(", ".join(type_label(t, lang) for t in value))
        elif kind == "no_local":
            parts[-1] += ": " + words["no_local"]
        else:
            parts.append(f"{words[kind].lower()} {value}")
    title = ", ".join(parts)
    return title[:1].upper() + title[1:]


def edge_note(key, data, lang="nl") -> str:
    """What an edge's tooltip says after its relation, "" for nothing: the group of a partner
    list ("Samenwerkingsverbanden lokale besturen"), how two entries are related ("is gegroeid
    uit")."""
    if data.get("group"):
        return data["group"]
    if key == "RELATED_TO" and data.get("kind"):
        return VALUES[lang].get(data["kind"], data["kind"])
    return ""


def map_data(graph, title: str, lang: str = "nl", nodes=None, public=False, options=None,
             details=False, view=None, indicator=None, renderer=None) -> dict:
    """Everything the page needs, as plain JSON-ready data, built in one pass over the map's
    nodes and edges.

    ``nodes`` limits the map to those nodes (see :func:`select`; ``options`` are the keyword
    arguments that chose them, for the panel, see :func:`panel_selections`). ``public``
    leaves internal facts (FTE) out of the tooltips; ``details`` adds line numbers and ids.
    ``view``: :func:`drawn_graph` of these nodes when the caller has it already.
    ``indicator`` (an Indicator id) colours the municipalities by the plan's figure
    (:func:`rimograph.outputs.shading.shading`). ``renderer``: ``"vis"`` (vis-network) or
    ``"webgl"`` (sigma.js); by default WebGL for maps of more than :data:`WEBGL_NODES` nodes.

    Keys: ``title``, ``lang``, ``labels`` (UI words), ``frame`` (width, height of the first
    view, CSS px), ``legend`` (node types present, with colour and shape), ``relations``
    (display names of edge types), ``selections`` (the panel's filters, nodes as positions in
    ``nodes``), ``nodes`` (sorted by id: id, type, x, y, size = radius in px, ``text`` = label
    lines, ``font`` = px, ``bold``, ``level`` = zoom from which the label is drawn or null,
    ``tooltip`` lines, ``keys`` for search, ``generic``; colour and shape are the legend's for
    the type; with ``indicator`` a municipality has ``shade``, its colour, and ``figure``,
    the plan's number or null, and its tooltip the figure with its year and page),
    ``edge_types`` (the edge types present, sorted) and ``edges``, each ``[from, to, type,
    dashed]``: positions in ``nodes`` and ``edge_types``, dashed 1 for a possible
    contribution (the page words the relation from ``relations``), and a fifth element, the
    position in ``notes`` of the edge's :func:`edge_note`, where it has one; ``indicator``:
    null, or the legend of the colours (title, steps, none, reading); ``renderer`` (``vis`` or
    ``webgl``) and ``edges_on_select`` (true when a WebGL map has more than
    :data:`EDGES_ON_SELECT` edges: it draws a node's edges when the node is highlighted).
    """
    focus = (options or {}).get("focus")
    if view is None:
        view = drawn_graph(graph, nodes, focus)
    positions, labels, radii, levels, _ = labelled_layout(view, focus=focus, lang=lang)
    shades = None
    if indicator:
        from .shading import shading

        shades = shading(graph, indicator, view, lang)
    shown = []
    for node in view:  # sorted by ordered_subgraph
        data = graph.nodes[node]
        if public:
            data = {k: v for k, v in data.items() if k not in INTERNAL}
        x, y = positions[node]
        shown.append({"id": node, "type": data["type"], "x": x, "y": y,
                      "size": round(radii[node], 1), "text": labels[node].lines,
                      "font": labels[node].size,
                      "bold": labels[node].bold, "level": levels[node],
                      "tooltip": tooltip(node, data, lang, details),
                      "keys": search_keys(graph, node), "generic": bool(data.get("generic"))})
        if shades and node in shades["colors"]:
            shown[-1].update(shade=shades["colors"][node], figure=shades["values"].get(node))
            shown[-1]["tooltip"].append(shades["figures"][node])
    position = {node: i for i, node in enumerate(view)}
    relations = sorted({key for _, _, key in view.edges(keys=True)})
    relation = {key: i for i, key in enumerate(relations)}
    # compact: a 100k-node map has some 750k edges; an edge with a note (edge_note) has a
    # fifth element, the note's position in ``notes``
    notes: dict[str, int] = {}
    edges = []
    for u, v, key, data in view.edges(keys=True, data=True):
        edge = [position[u], position[v], relation[key], int(data.get("certainty") == "possible")]
        note = edge_note(key, data, lang)
        if note:
            edge.append(notes.setdefault(note, len(notes)))
        edges.append(edge)
    types = sorted({d["type"] for _, d in view.nodes(data=True)}, key=list(TYPE_STYLE).index)
    return {
        "title": title,
        "lang": lang,
        "labels": LABELS[lang],
        "frame": list(FRAME),
        "legend": [{"type": t, "label": type_label(t, lang), **TYPE_STYLE[t]} for t in types],
        "relations": RELATIONS[lang],
        "selections": panel_selections(graph, list(view), options),
        "nodes": shown,
        "edge_types": relations,
        "edges": edges,
        "notes": list(notes),
        "indicator": shades and shades["legend"],
        "renderer": renderer or ("webgl" if len(view) > WEBGL_NODES else "vis"),
        "edges_on_select": (renderer or ("webgl" if len(view) > WEBGL_NODES else "vis")) == "webgl"
                           and len(edges) > EDGES_ON_SELECT,
    }


def _json_for_script(data) -> str:
    """JSON safe inside a <script> element: <, > and & escaped so no data can close it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_map(graph, title: str, lang: str = "nl", footer: str = "", nodes=None,
               public=False, options=None, details=False, view=None, indicator=None,
               renderer=None) -> str:
    """The whole map page as one HTML string, its drawing library inlined: vis-network (the
    copy pyvis ships) for maps up to :data:`WEBGL_NODES` nodes, else sigma.js and graphology
    (``outputs/vendor``, with their licences in a comment); arguments as for
    :func:`map_data`, ``footer`` is shown below the map."""
    from importlib.util import find_spec

    from jinja2 import Environment, PackageLoader, select_autoescape

    data = map_data(graph, title, lang, nodes, public, options, details, view, indicator,
                    renderer)
    if data["renderer"] == "webgl":
        vendor = Path(__file__).parent / "vendor"
        scripts = [(vendor / f).read_text(encoding="utf-8")
                   for f in ("graphology.umd.min.js", "sigma.min.js")]
        licences = "\n".join((vendor / f).read_text(encoding="utf-8")
                             for f in ("LICENSE-sigma.txt", "LICENSE-graphology.txt"))
        css = ""
    else:
        # pyvis's copy of vis-network, found without importing pyvis (which imports IPython)
        lib = Path(find_spec("pyvis").submodule_search_locations[0]) / "templates" / "lib" / "vis-9.1.2"
        scripts = [(lib / "vis-network.min.js").read_text(encoding="utf-8")]
        licences, css = "", (lib / "vis-network.css").read_text(encoding="utf-8")
    env = Environment(loader=PackageLoader("rimograph.outputs"), autoescape=select_autoescape(["html", "j2"]))
    template = env.get_template("map.html.j2")
    return template.render(
        title=title, lang=lang, footer=footer, labels=LABELS[lang], libraries=scripts,
        library_css=css, licences=licences, renderer_js=f"map_{data['renderer']}.js",
        data_json=_json_for_script(data),
    )


def write_map(graph, out: Path, title: str, lang: str = "nl", footer: str = "", nodes=None,
              public=False, options=None, details=False, indicator=None, renderer=None):
    """Write the map to ``out`` (UTF-8, atomically; arguments as for :func:`render_map`).
    Returns the graph the map draws (:func:`drawn_graph`), for its counts."""
    from ..core.files import write_atomic

    view = drawn_graph(graph, nodes, (options or {}).get("focus"))
    write_atomic(out, render_map(graph, title, lang, footer, nodes, public, options, details,
                                 view, indicator, renderer))
    return view
