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

from operator import itemgetter

import networkx as nx

from .tables import paused_gc

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


def _cite(row) -> dict:
    values = row.values
    return {"page": values["page"], "line_start": values["line_start"],
            "line_end": values["line_end"]}


def _municipality_id(nis):
    return f"municipality:{nis}"


def build_graph(tables) -> nx.MultiDiGraph:
    """Build the plan graph from tables returned by :func:`rimograph.tables.load_tables`.

    Nodes are added in sorted id order and edges in sorted order, so the same tables always give
    the same graph (which keeps layouts and community detection reproducible).
    """
    with paused_gc():
        return _build(tables)


def _build(tables) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name="Meerjarenplan 2021-2025 RIMO Limburg")
    nodes = {}
    for file, node_type in NODE_TYPES.items():
        partner = node_type == "Partner"
        for row in tables[file]:
            attrs = {k: v for k, v in row.values.items() if k != "id" and v is not None}
            attrs["type"] = node_type
            if partner:
                attrs["generic"] = row.values["kind"] in ("generic", "role")
            nodes[row.values["id"]] = attrs
    for row in tables["fte.csv"]:
        if row["theme"]:
            nodes[row["theme"]]["fte"] = row["fte_total"]
    graph.add_nodes_from(sorted(nodes.items()))
    del nodes

    # (source, target, type, attributes); attributes in the order type, facts, citation
    edges = []
    add = edges.append
    for row in tables["themes.csv"]:
        v = row.values
        add((v["id"], v["strategic_goal"], "PART_OF", {"type": "PART_OF", **_cite(row)}))
    for row in tables["operational_goals.csv"]:
        v = row.values
        add((v["id"], v["strategic_goal"], "PART_OF", {"type": "PART_OF", **_cite(row)}))
        if v["theme"]:
            add((v["id"], v["theme"], "HAS_THEME", {"type": "HAS_THEME", **_cite(row)}))
    for row in tables["projects.csv"]:
        v = row.values
        add((v["id"], v["action"], "PART_OF", {"type": "PART_OF", **_cite(row)}))
    for row in tables["neighbourhoods.csv"]:
        v = row.values
        add((v["id"], _municipality_id(v["municipality"]), "LOCATED_IN",
             {"type": "LOCATED_IN", **_cite(row)}))
    for row in tables["partners.csv"]:
        v = row.values
        if v["municipality"]:
            add((v["id"], _municipality_id(v["municipality"]), "BASED_IN",
                 {"type": "BASED_IN", **_cite(row)}))
        if v["parent"]:
            add((v["id"], v["parent"], "PART_OF", {"type": "PART_OF", **_cite(row)}))
    for row in tables["contributions.csv"]:
        v = row.values
        add((v["action"], v["goal"], "CONTRIBUTES_TO",
             {"type": "CONTRIBUTES_TO", "certainty": v["certainty"], "basis": v["basis"],
              "reason": v["reason"], "page": v["page"], "line_start": v["line_start"],
              "line_end": v["line_end"]}))
    for row in tables["locations.csv"]:
        v = row.values
        add((v["entry"], v["place"], "ACTIVE_IN",
             {"type": "ACTIVE_IN", "basis": v["basis"], "reason": v["reason"] or "",
              "page": v["page"], "line_start": v["line_start"], "line_end": v["line_end"]}))
    for row in tables["targets.csv"]:
        v = row.values
        add((v["entry"], v["target_group"], "TARGETS", {"type": "TARGETS", **_cite(row)}))
    edges.extend(_partnerships(tables))
    edges.sort(key=itemgetter(0, 1, 2))
    add_edge = graph.add_edge
    for index, (u, v, key, attrs) in enumerate(edges):
        add_edge(u, v, key, **attrs)
        edges[index] = None  # networkx keeps its own copy: free ours as we go (peak memory)
    return graph


def resolve_mention(aliases, entry: str, mention: str) -> list:
    """The alias rows that resolve ``mention`` in ``entry``: context-specific rows first, else
    the rows valid everywhere (empty context). ``aliases`` maps (alias, context) -> rows."""
    return aliases.get((mention, entry)) or aliases.get((mention, None), [])


def alias_index(tables) -> dict:
    """``aliases.csv`` as a dict (alias, context) -> list of rows."""
    index: dict = {}
    for row in tables["aliases.csv"]:
        index.setdefault((row.values["alias"], row.values["context"]), []).append(row)
    return index


def _partnerships(tables):
    """PARTNERS_WITH edges: each mention resolved through the alias table; one edge per
    (entry, partner), citing the first mention, with all mentions and the weakest basis."""
    index = alias_index(tables)
    merged: dict[tuple, dict] = {}
    for row in tables["partner_mentions.csv"]:
        v = row.values
        entry, mention = v["entry"], v["mention"]
        for alias in resolve_mention(index, entry, mention):
            a = alias.values
            key = (entry, a["partner"])
            edge = merged.get(key)
            if edge is None:
                merged[key] = {"type": "PARTNERS_WITH", "mention": mention,
                               "basis": a["basis"], "reason": a["reason"] or "",
                               "page": v["page"], "line_start": v["line_start"],
                               "line_end": v["line_end"]}
            else:
                edge["mention"] += "; " + mention
                if a["basis"] == "inferred":
                    edge["basis"], edge["reason"] = "inferred", a["reason"] or ""
    return [(u, v, "PARTNERS_WITH", attrs) for (u, v), attrs in merged.items()]
