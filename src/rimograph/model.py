"""The plan's graph model: validated tables -> one networkx ``MultiDiGraph``.

Nodes are keyed by their id (``partner:caw-limburg``) and carry:

- ``type``: StrategicGoal, Theme, OperationalGoal, StrategicAction, Project, Partner,
  Municipality, Neighbourhood or TargetGroup;
- ``name``: as the plan writes it;
- ``page``, ``line_start``, ``line_end``: the citation in the plan text (absent on
  municipalities and target groups, which come from reference data and from several entries);
- every other column of the node's table (``graph/README.md``), booleans as ``bool``,
  dates as ISO strings; Partner nodes also get ``generic`` (kind is generic or role);
  Theme nodes get ``fte`` (FTE from the plan's staffing table) where the plan gives it.

Edges are keyed by their type (at most one edge of a type between two nodes) and carry
``type`` and the citation; some carry ``basis`` (stated / inferred / table), ``reason``,
``certainty`` (CONTRIBUTES_TO) and ``mention`` (PARTNERS_WITH: the plan's strings, "; "-joined).
"""

from __future__ import annotations

import networkx as nx

NODE_TYPES = {
    "strategic_goals.csv": "StrategicGoal",
    "themes.csv": "Theme",
    "operational_goals.csv": "OperationalGoal",
    "actions.csv": "StrategicAction",
    "projects.csv": "Project",
    "partners.csv": "Partner",
    "municipalities.csv": "Municipality",
    "neighbourhoods.csv": "Neighbourhood",
    "target_groups.csv": "TargetGroup",
}
ENTRY_TYPES = ("StrategicAction", "Project")
_SOURCE = ("page", "line_start", "line_end")


def _cite(row) -> dict:
    return {k: row[k] for k in _SOURCE}


def _municipality_id(nis):
    return f"municipality:{nis}"


def build_graph(tables) -> nx.MultiDiGraph:
    """Build the plan graph from tables returned by :func:`rimograph.tables.load_tables`.

    Nodes are added in sorted id order and edges in sorted order, so the same tables always give
    the same graph (which keeps layouts and community detection reproducible).
    """
    graph = nx.MultiDiGraph(name="Meerjarenplan 2021-2025 RIMO Limburg")
    nodes = {}
    for file, node_type in NODE_TYPES.items():
        for row in tables[file]:
            attrs = {k: v for k, v in row.values.items() if k != "id" and v is not None}
            attrs["type"] = node_type
            if node_type == "Partner":
                attrs["generic"] = row["kind"] in ("generic", "role")
            nodes[row["id"]] = attrs
    for row in tables["fte.csv"]:
        if row["theme"]:
            nodes[row["theme"]]["fte"] = row["fte_total"]
    graph.add_nodes_from(sorted(nodes.items()))

    edges = []

    def add(u, v, edge_type, **attrs):
        edges.append((u, v, edge_type, {"type": edge_type, **attrs}))

    for row in tables["themes.csv"]:
        add(row["id"], row["strategic_goal"], "PART_OF", **_cite(row))
    for row in tables["operational_goals.csv"]:
        add(row["id"], row["strategic_goal"], "PART_OF", **_cite(row))
        if row["theme"]:
            add(row["id"], row["theme"], "HAS_THEME", **_cite(row))
    for row in tables["projects.csv"]:
        add(row["id"], row["action"], "PART_OF", **_cite(row))
    for row in tables["neighbourhoods.csv"]:
        add(row["id"], _municipality_id(row["municipality"]), "LOCATED_IN", **_cite(row))
    for row in tables["partners.csv"]:
        if row["municipality"]:
            add(row["id"], _municipality_id(row["municipality"]), "BASED_IN", **_cite(row))
        if row["parent"]:
            add(row["id"], row["parent"], "PART_OF", **_cite(row))
    for row in tables["contributions.csv"]:
        add(row["action"], row["goal"], "CONTRIBUTES_TO", certainty=row["certainty"],
            basis=row["basis"], reason=row["reason"], **_cite(row))
    for row in tables["locations.csv"]:
        add(row["entry"], row["place"], "ACTIVE_IN", basis=row["basis"],
            reason=row["reason"] or "", **_cite(row))
    for row in tables["targets.csv"]:
        add(row["entry"], row["target_group"], "TARGETS", **_cite(row))
    edges.extend(_partnerships(tables))
    for u, v, key, attrs in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        graph.add_edge(u, v, key=key, **attrs)
    return graph


def resolve_mention(aliases, entry: str, mention: str) -> list:
    """The alias rows that resolve ``mention`` in ``entry``: context-specific rows first, else
    the rows valid everywhere (empty context). ``aliases`` maps (alias, context) -> rows."""
    return aliases.get((mention, entry)) or aliases.get((mention, None), [])


def alias_index(tables) -> dict:
    """``aliases.csv`` as a dict (alias, context) -> list of rows."""
    index: dict = {}
    for row in tables["aliases.csv"]:
        index.setdefault((row["alias"], row["context"]), []).append(row)
    return index


def _partnerships(tables):
    """PARTNERS_WITH edges: each mention resolved through the alias table; one edge per
    (entry, partner), citing the first mention, with all mentions and the weakest basis."""
    index = alias_index(tables)
    merged: dict[tuple, dict] = {}
    for row in tables["partner_mentions.csv"]:
        for alias in resolve_mention(index, row["entry"], row["mention"]):
            key = (row["entry"], alias["partner"])
            edge = merged.get(key)
            if edge is None:
                merged[key] = {"type": "PARTNERS_WITH", "mention": row["mention"],
                               "basis": alias["basis"], "reason": alias["reason"] or "",
                               **_cite(row)}
            else:
                edge["mention"] += "; " + row["mention"]
                if alias["basis"] == "inferred":
                    edge["basis"], edge["reason"] = "inferred", alias["reason"] or ""
    return [(u, v, "PARTNERS_WITH", attrs) for (u, v), attrs in merged.items()]
