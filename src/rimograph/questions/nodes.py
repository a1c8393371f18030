"""One node and the whole graph: its neighbours, counts by type."""

from __future__ import annotations

from collections import Counter
from itertools import chain

from ..core.model import narrower_groups, node_name, out_edges_of, sources_of


def stats(graph):
    """Node and edge counts by type: rows with columns ``kind`` (node/edge), ``type``, ``count``."""
    nodes = Counter(t for _, t in graph.nodes(data="type"))
    # edge keys straight from the adjacency (see _targets): one pass, no edge tuples
    edges = Counter(chain.from_iterable(keys for targets in graph._succ.values()
                                        for keys in targets.values()))
    return ([{"kind": "node", "type": t, "count": c} for t, c in sorted(nodes.items())]
            + [{"kind": "edge", "type": t, "count": c} for t, c in sorted(edges.items())])


def node_names(graph, node_type=None):
    """Every node's name (``node_name``), type and id, or only those of ``node_type``
    ("Municipality"): rows with columns ``name``, ``type``, ``id``, sorted by type, then by
    name; what a name given to show, path or an option can be."""
    rows = [{"name": node_name(graph, n), "type": t, "id": n}
            for n, t in graph.nodes(data="type") if node_type in (None, t)]
    return sorted(rows, key=lambda row: (row["type"], row["name"].casefold(), row["id"]))


def neighbours(graph, node):
    """Rows describing every edge of ``node``: ``direction`` (out/in), ``relation`` (edge type),
    ``other`` (id), ``other_name``, ``other_type``, ``certainty``, ``basis``, ``detail`` (what
    qualifies the edge: the group of a partner list, the kind of a RELATED_TO, the body of a
    tie; "" for none), ``page``; sorted."""
    rows = []
    for direction, edges in (("out", graph.out_edges(node, keys=True, data=True)),
                             ("in", graph.in_edges(node, keys=True, data=True))):
        for u, v, key, data in edges:
            other = v if direction == "out" else u
            rows.append({"direction": direction, "relation": key, "other": other,
                         "other_name": node_name(graph, other),
                         "other_type": graph.nodes[other]["type"],
                         "certainty": data.get("certainty", ""), "basis": data.get("basis", ""),
                         "detail": data.get("group") or data.get("kind") or data.get("body")
                         or "", "page": data.get("page", "")})
    rows.sort(key=lambda r: (r["relation"], r["direction"], r["other_type"], r["other_name"]))
    return rows


def target_group_entries(graph, id):
    """The actions and projects for a target group: those that TARGET it or one of its
    narrower groups (any depth, see :func:`rimograph.core.model.narrower_groups`), saying which.

    Returns rows with columns ``entry`` (id), ``name``, ``type``, ``via`` (the name of the
    group the entry targets: ``id``'s own or a narrower one), ``narrower`` (bool: through a
    narrower group), ``page`` (of the TARGETS fact), sorted by name, then via.
    """
    rows = []
    for group in narrower_groups(graph, id):
        for entry in sources_of(graph, group, "TARGETS"):
            rows.append({"entry": entry, "name": node_name(graph, entry),
                         "type": graph.nodes[entry]["type"], "via": node_name(graph, group),
                         "narrower": group != id,
                         "page": graph.edges[entry, group, "TARGETS"].get("page", "")})
    rows.sort(key=lambda r: (r["name"], r["via"], r["entry"]))
    return rows


def indicator_values(graph, id):
    """The plan's figures of one need indicator (``id``), highest value first.

    Returns rows with columns ``place`` (id of a Municipality or Region), ``place_name``,
    ``place_type``, ``year`` (None when the plan gives none), ``value``, ``unit`` (as in
    ``graph/indicator_definitions.csv``: percent, count, euro, ...), ``approximate`` (bool),
    ``population`` (the group measured, "" = everyone), ``comparison`` (how the plan compares
    it, "" when it does not), ``series`` (every figure the plan gives for that place,
    "2012: 11.04; 2017: 14.23"), ``page``; sorted by value (highest first), then place name
    and id. Source: graph/indicators.csv (one MEASURED_IN edge per place, its latest figure).
    """
    rows = []
    for place, edge in out_edges_of(graph, id, "MEASURED_IN"):
        rows.append({"place": place, "place_name": node_name(graph, place),
                     "place_type": graph.nodes[place]["type"], "year": edge.get("year"),
                     "value": edge["value"], "unit": edge["unit"],
                     "approximate": bool(edge.get("approximate")),
                     "population": edge.get("population") or "",
                     "comparison": edge.get("comparison") or "",
                     "series": edge.get("series") or "", "page": edge.get("page", "")})
    rows.sort(key=lambda r: (-r["value"], r["place_name"], r["place"]))
    return rows
