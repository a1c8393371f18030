"""The plan's graph model: validated tables -> one networkx ``MultiDiGraph``.

Nodes are keyed by their id (``partner:caw-limburg``) and carry:

- ``type``: StrategicGoal, Theme, OperationalGoal, StrategicAction, Project, Partner,
  Municipality, Neighbourhood, TargetGroup, Region (Belgium, Flanders, the province) or
  Indicator (a need figure of the environment analysis) or Section (a heading of the table of
  contents) or Priority (a priority of the minister's policy note or a challenge of Sterk
  Sociaal Werk) or SectorGoal (an operational goal of the sector that is not RIMO's own);
- ``name``: as the plan writes it;
- ``page``, ``line_start``, ``line_end``: the citation in the plan text (absent on
  municipalities and target groups, which come from reference data and from several entries);
- every other column of the node's table (``graph/README.md``), booleans as ``bool``,
  dates as ISO strings; Partner nodes also get ``generic`` (kind is generic or role);
  Theme nodes get ``fte`` (FTE from the plan's staffing table) where the plan gives it.

Edges are keyed by their type (at most one edge of a type between two nodes) and carry
``type`` and the citation; some carry ``basis`` (stated / inferred / table), ``reason``,
``certainty`` (CONTRIBUTES_TO), ``mention`` and ``group`` (PARTNERS_WITH: the plan's strings and
the group of the list they stand in, "; "-joined)
and the figure of MEASURED_IN (Indicator -> Municipality|Region, see :func:`_measurements`).
The ties of ``ties.csv`` (REPRESENTED_IN, MEMBER_OF, FOUNDED, ...) carry ``body``,
``together_with``, ``year``, ``summary``, ``basis`` and ``reason`` where the table has them.
RELATED_TO (StrategicAction|Project -> StrategicAction|Project, ``relations.csv``) carries
``kind`` (is-a, becomes, basis-of, grew-out-of, interwoven-with), ``basis`` and ``reason``.
LINKED_TO (Priority -> OperationalGoal|SectorGoal|Theme|StrategicGoal|StrategicAction|Project)
carries ``basis``, ``reason`` and ``as_written`` (the plan's words for the target).
"""

from __future__ import annotations

import re
from datetime import date

import networkx as nx

from .errors import Ambiguous, NotFound
from .i18n import _, language
from .memory import paused_gc
from .text import fold
from .vocabulary import TYPE_LABELS

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
    "regions.csv": "Region",
    "indicator_definitions.csv": "Indicator",
    "sections.csv": "Section",
    "priorities.csv": "Priority",
    "sector_goals.csv": "SectorGoal",
}
ENTRY_TYPES = ("StrategicAction", "Project")
#: Node attributes for staff only: left out of every ``--public`` output (maps, report,
#: exports): staffing (FTE), curators' notes on partners and notes on an entry's timing.
INTERNAL = ("fte", "note", "timing_note")


def _cite(row) -> dict:
    values = row.values
    return {"page": values["page"], "line_start": values["line_start"],
            "line_end": values["line_end"]}


def _municipality_id(nis):
    return f"municipality:{nis}"


def build_graph(tables) -> nx.MultiDiGraph:
    """Build the plan graph from tables returned by :func:`rimograph.core.tables.load_tables`.

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
    for row in tables["target_groups.csv"]:
        v = row.values
        if v["broader"]:  # the vocabulary of graph/README.md: no citation, a decision of ours
            add((v["id"], v["broader"], "BROADER",
                 {"type": "BROADER", "basis": "inferred",
                  "reason": "target-group vocabulary (graph/README.md)"}))
    for row in tables["targets.csv"]:
        v = row.values
        add((v["entry"], v["target_group"], "TARGETS", {"type": "TARGETS", **_cite(row)}))
    edges.extend(_partnerships(tables))
    edges.extend(_measurements(tables))
    for row in tables["ties.csv"]:
        v = row.values
        attrs = {"type": v["relation"], "body": v["body"], "together_with": v["together_with"],
                 "year": v["year"], "summary": v["summary"], "basis": v["basis"],
                 "reason": v["reason"], **_cite(row)}
        add((v["source"], v["target"], v["relation"],
             {k: value for k, value in attrs.items() if value is not None}))
    for row in tables["relations.csv"]:
        v = row.values
        add((v["source"], v["target"], "RELATED_TO",
             {"type": "RELATED_TO", "kind": v["kind"], "basis": v["basis"],
              "reason": v["reason"] or "", **_cite(row)}))
    for row in tables["priority_links.csv"]:
        v = row.values
        add((v["priority"], v["target"], "LINKED_TO",
             {"type": "LINKED_TO", "as_written": v["target_as_written"], "basis": v["basis"],
              "reason": v["reason"] or "", **_cite(row)}))
    edges.extend(_mentions(tables))
    _add_sorted_edges(graph, edges)
    return graph


def _mentions(tables):
    """MENTIONED_IN edges Municipality -> Section, one per pair, citing the first line, with
    ``mentions`` (how many lines), ``lines`` ("1201; 1354") and ``names`` (the names the plan
    uses there, "; "-joined: "Meeuwen-Gruitrode", "Beverlo")."""
    merged: dict[tuple, dict] = {}
    for row in tables["mentions.csv"]:
        v = row.values
        key = (_municipality_id(v["municipality"]), v["section"])
        edge = merged.get(key)
        if edge is None:
            merged[key] = edge = {"type": "MENTIONED_IN", "mentions": 0, "lines": [],
                                  "names": [], **_cite(row)}
        edge["mentions"] += 1
        edge["lines"].append(str(v["line_start"]))
        if v["name_as_written"] not in edge["names"]:
            edge["names"].append(v["name_as_written"])
    for (u, v), attrs in merged.items():
        attrs["lines"], attrs["names"] = "; ".join(attrs["lines"]), "; ".join(attrs["names"])
        yield u, v, "MENTIONED_IN", attrs


def _add_sorted_edges(graph, edges) -> None:
    """Add ``edges`` ((source, target, key, attributes), every end a node of ``graph``, no
    (source, target, key) twice) in sorted (source, target, key) order, as ``add_edge`` one by
    one in that order would, but written straight into networkx's adjacency dicts (node ->
    neighbour -> key -> attributes, the key dict shared by ``_succ`` and ``_pred``): 2-3 times
    faster at 1M edges. Sources come in node order, which is sorted, so each node's own edges
    are the only thing to sort. ``edges`` is emptied (peak memory)."""
    by_source: dict = {}
    for edge in edges:
        found = by_source.get(edge[0])
        if found is None:
            by_source[edge[0]] = [edge]
        else:
            found.append(edge)
    edges.clear()
    if by_source.keys() - graph._node.keys():
        raise ValueError("an edge starts outside the graph")
    succ, pred = graph._succ, graph._pred
    for u in graph._node:
        own = by_source.pop(u, None)
        if own is None:
            continue
        own.sort()  # by target, then key: unique, so the attribute dicts are never compared
        out = succ[u]
        for _u, v, key, attrs in own:
            keys = out.get(v)
            if keys is None:
                keys = out[v] = {}
                pred[v][u] = keys
            keys[key] = attrs


def resolve_mention(aliases, entry: str, mention: str) -> list:
    """What resolves ``mention`` in ``entry``: the context-specific alias rows if any, else the
    rows valid everywhere (empty context). ``aliases`` maps (alias, context) -> a list (of
    rows, or of what the caller keeps of them)."""
    return aliases.get((mention, entry)) or aliases.get((mention, None), [])


def _partnerships(tables):
    """PARTNERS_WITH edges: each mention resolved through the alias table (by
    :func:`resolve_mention`); one edge per (entry, partner), citing the first mention, with all
    mentions, the weakest basis and, where the list has groups, ``group`` (the plan's words
    for the group: "Samenwerkingsverbanden lokale besturen"; "; "-joined, absent otherwise)."""
    index: dict = {}  # (alias, context) -> [(partner, basis, reason)]: rows read once
    for row in tables["aliases.csv"]:
        a = row.values
        index.setdefault((a["alias"], a["context"]), []).append(
            (a["partner"], a["basis"], a["reason"] or ""))
    # resolve_mention's rule with one string lookup for the mentions no entry has its own
    # alias for (nearly all: 0.3 s less at a million edges)
    everywhere = {alias: found for (alias, context), found in index.items() if context is None}
    contextual = {alias for alias, context in index if context is not None}
    merged: dict[tuple, dict] = {}
    for row in tables["partner_mentions.csv"]:
        v = row.values
        entry, mention, group = v["entry"], v["mention"], v["group"]
        found = index.get((mention, entry)) if mention in contextual else None
        for partner, basis, reason in found or everywhere.get(mention, ()):
            key = (entry, partner)
            edge = merged.get(key)
            if edge is None:
                merged[key] = edge = {"type": "PARTNERS_WITH", "mention": mention,
                                      "basis": basis, "reason": reason, "page": v["page"],
                                      "line_start": v["line_start"], "line_end": v["line_end"]}
            else:
                edge["mention"] += "; " + mention
                if basis == "inferred":
                    edge["basis"], edge["reason"] = "inferred", reason
            if group and group not in edge.get("group", "").split("; "):
                edge["group"] = f"{edge['group']}; {group}" if "group" in edge else group
    return [(u, v, "PARTNERS_WITH", attrs) for (u, v), attrs in merged.items()]


def _measurement_rank(row):
    """Which figure of an (indicator, place) pair its edge shows: a figure for the whole
    population before one for a group, an exact figure before an approximate one, then the latest year (no year counts as oldest)."""
    return (row["population"] is None, not row["approximate"], row["year"] or 0, row["date"] or "")


def _measurements(tables):
    """MEASURED_IN edges Indicator -> Municipality|Region: one per (indicator, place), showing
    the figure :func:`_measurement_rank` puts first (its year, date, value, unit, population,
    approximate, comparison, basis, reason, citation; absent when empty) and, when the plan gives several (years, groups),
    ``measurements`` (their number) and ``series`` ("2012: 11.04; 2017: 14.23", groups named
    in parentheses). ``indicators.csv`` keeps every figure."""
    by_pair: dict[tuple, list] = {}
    for row in tables["indicators.csv"]:
        by_pair.setdefault((row["indicator"], row["place"]), []).append(row)
    for (indicator, place), rows in by_pair.items():
        best = max(rows, key=_measurement_rank)
        v = best.values
        attrs = {"type": "MEASURED_IN", "year": v["year"], "date": v["date"],
                 "value": v["value"], "unit": v["unit"], "population": v["population"],
                 "approximate": v["approximate"], "comparison": v["comparison"],
                 "basis": v["basis"], "reason": v["reason"], "measurements": len(rows)}
        attrs = {key: value for key, value in attrs.items() if value is not None}
        if len(rows) > 1:
            ordered = sorted(rows, key=lambda r: (r["year"] or 0, r["population"] or ""))
            attrs["series"] = "; ".join(
                f"{r['year'] or '?'}{' (' + r['population'] + ')' if r['population'] else ''}: "
                f"{r['value']:g}" for r in ordered)
        attrs.update(_cite(best))
        yield indicator, place, "MEASURED_IN", attrs


PLAN_START = date(2021, 1, 1)


PLAN_END = date(2025, 12, 31)


PLAN_YEARS = tuple(range(PLAN_START.year, PLAN_END.year + 1))


def entry_period(data):
    """The first and last day an action or project runs, and what was assumed.

    Returns ``(first, last, assumed)``: ``first`` is the first day of its ``start`` (an ISO date
    of year, month or day precision, see :func:`rimograph.core.tables.parse_date`), ``last`` the
    last day of its ``end``; a missing start is taken as the plan's first day (2021-01-01) and a
    missing or open end as its last day (2025-12-31), and ``assumed`` lists which
    (``"start"``, ``"end"``, ``"start, end"`` or ``""``).
    """
    from .tables import parse_date

    assumed = []
    if data.get("start"):
        first = parse_date(data["start"])[0]
    else:
        first = PLAN_START
        assumed.append("start")
    if data.get("end"):
        last = parse_date(data["end"])[1]
    else:
        last = PLAN_END
        assumed.append("end")
    return first, last, ", ".join(assumed)


def public_graph(graph) -> nx.MultiDiGraph:
    """A copy of ``graph`` without the :data:`INTERNAL` node attributes (same nodes, edges and
    order; the input is not changed)."""
    public = graph.copy()
    for _node, data in public.nodes(data=True):
        for key in INTERNAL:
            data.pop(key, None)
    return public


def node_name(graph, node):
    return graph.nodes[node]["name"]


def out_edges_of(graph, node, edge_type):
    """Targets of ``node``'s outgoing edges of ``edge_type``, sorted, with edge attributes."""
    return sorted((v, d) for _, v, k, d in graph.out_edges(node, keys=True, data=True)
                  if k == edge_type)


def in_edges_of(graph, node, edge_type):
    return sorted((u, d) for u, _, k, d in graph.in_edges(node, keys=True, data=True)
                  if k == edge_type)


# Edges are keyed by their type (at most one edge of a type between two nodes), so the
# neighbours through one relation are a key lookup per neighbour in the adjacency. These read
# networkx's adjacency mappings (``_succ``/``_pred``: node -> {neighbour: {key: data}}) the way
# networkx's own algorithms do; the public views wrap every neighbour in a new view object,
# which makes the questions 3-4 times slower on a sector-sized graph. Read only.
def targets_of(graph, node, edge_type):
    """Ids of the nodes ``node`` points to with an edge of ``edge_type`` (unsorted)."""
    return [v for v, keys in graph._succ[node].items() if edge_type in keys]


def sources_of(graph, node, edge_type):
    """Ids of the nodes that point to ``node`` with an edge of ``edge_type`` (unsorted)."""
    return [u for u, keys in graph._pred[node].items() if edge_type in keys]


def out_adjacency(graph, node) -> dict:
    """``node``'s outgoing edges as networkx stores them: ``{target: {edge type: attributes}}``
    (read only): one pass over it answers several relations at once."""
    return graph._succ[node]


def in_adjacency(graph, node) -> dict:
    """``node``'s incoming edges: ``{source: {edge type: attributes}}`` (read only)."""
    return graph._pred[node]


def entries(graph):
    """Ids of all strategic actions and projects, sorted."""
    return sorted(n for n, t in graph.nodes(data="type") if t in ENTRY_TYPES)


def parent_action(graph, entry):
    """The strategic action an entry belongs to (itself for an action)."""
    if graph.nodes[entry]["type"] == "Project":
        return min(targets_of(graph, entry, "PART_OF"))
    return entry


def entry_themes(graph, entry, certainty=("certain",)):
    """Theme ids of an action or project: the themes of the operational goals its strategic
    action contributes to with the given certainty (projects take their action's)."""
    themes = set()
    for goal, keys in graph._succ[parent_action(graph, entry)].items():
        data = keys.get("CONTRIBUTES_TO")
        if data is not None and data["certainty"] in certainty:
            themes.update(targets_of(graph, goal, "HAS_THEME"))
    return sorted(themes)


def actions_by_entry(graph) -> dict[str, str]:
    """:func:`parent_action` of every action (itself) and project, ``{entry id: action id}``,
    in one pass over the actions (a project is PART_OF exactly one action)."""
    action_of = {}
    for action, node_type in graph.nodes(data="type"):
        if node_type == "StrategicAction":
            action_of[action] = action
            for project in sources_of(graph, action, "PART_OF"):
                action_of[project] = action
    return action_of


def themes_by_entry(graph, action_of=None) -> dict[str, list]:
    """:func:`entry_themes` of every action and project, ``{entry id: [theme ids]}``, computed
    once per action (its projects share the same list object), so a question over all entries
    or partnerships costs one lookup per entry. ``action_of``: :func:`actions_by_entry`, when
    the caller has it already."""
    by_action = {}
    themes_of = {}
    for entry, action in (action_of or actions_by_entry(graph)).items():
        if action not in by_action:
            by_action[action] = entry_themes(graph, action)
        themes_of[entry] = by_action[action]
    return themes_of


def place_municipalities(graph, place) -> list:
    """The municipality ids of a place an entry is ACTIVE_IN: a municipality itself, else the
    municipalities the place is LOCATED_IN (a neighbourhood's town)."""
    if graph.nodes[place]["type"] == "Municipality":
        return [place]
    return targets_of(graph, place, "LOCATED_IN")


def entry_municipalities(graph, entry):
    """Municipality ids where an entry is active: directly, or through a neighbourhood."""
    found = set()
    for place in targets_of(graph, entry, "ACTIVE_IN"):
        found.update(place_municipalities(graph, place))
    return sorted(found)


def normalise(text: str) -> str:
    """:func:`rimograph.core.text.fold` with apostrophes dropped and other punctuation read as
    spaces: ``"Kolderbos en D’ierd"`` -> ``"kolderbos en dierd"``."""
    text = fold(text).replace("'", "")
    return " ".join("".join(c if c.isalnum() or c.isspace() else " " for c in text).split())


#: how people name a town's government: "Stad Hasselt", "Gemeente Beringen", "OCMW Genk"
GOVERNMENT_PREFIXES = ("lokaal bestuur", "stad en ocmw", "gemeente en ocmw", "stadsbestuur",
                       "gemeentebestuur", "stad", "gemeente", "ocmw van", "ocmw", "sociaal huis")


def _type_word(graph, node):
    node_type = graph.nodes[node].get("type")
    return TYPE_LABELS[language()].get(node_type, node_type or "?")


def _listing(graph, nodes, numbered=True, limit=20) -> str:
    lines = [f"  {f'{i}. ' if numbered else ''}{node_name(graph, n)}  ({_type_word(graph, n)}, {n})"
             for i, n in enumerate(nodes[:limit], start=1)]
    if len(nodes) > limit:
        lines.append("  " + _("… and {n} more").format(n=len(nodes) - limit))
    return "\n".join(lines)


def find_nodes(graph, query: str, node_type: str | None = None) -> tuple[list[str], str]:
    """Resolve a name or id as people type it to node ids, with a note on how.

    ``node_type`` (e.g. "Theme") looks only among the nodes of that type, so that a theme
    option never finds a partner and suggestions come from that type only.

    Tries, in order, and stops at the first test that some node passes:

    1. the exact id;
    2. the name (after :func:`normalise`: case, accents and punctuation ignored);
    3. the short form in the name's parentheses ("CAW Limburg");
    4. the ways the plan writes a partner (the ``mention`` of its PARTNERS_WITH edges:
       "St.-Vincentius", "Lokaal bestuur Stad Genk");
    5. a municipality's name since 2025 (``name_2025``): a merged municipality answers with
       the municipalities of 2019-2024 merged into it ("Tongeren-Borgloon" -> Tongeren and
       Borgloon), and the note says so;
    6. a town's government ("Stad Hasselt", "Gemeente Beringen", "Lokaal bestuur X",
       "OCMW X", :data:`GOVERNMENT_PREFIXES`): the partner "OCMW X" or "Lokaal bestuur X" of
       that town (2019 or 2025 name), else the municipality itself (the note says so);
    7. names, then the plan's spellings, that contain the query at the start of a word
       ("anoniem" finds Café Anoniem in Hasselt; "gent" does not find Agentschap ...).

    A Section (a heading of the plan) that shares its name with one other node gives way to
    it: "Woonzaak" is the action, ``section:73-woonzaak`` its heading.

    Returns ``(ids, note)``: one id, or the parts of a merged municipality (the note, in the
    current language, then explains; else it is ""). Raises :class:`Ambiguous` when a test
    finds several nodes (numbered, with type and id), :class:`NotFound` when nothing matches
    (with the names a misspelling away, :func:`close_names`, or how to list them).
    """
    if node_type is not None:
        graph = graph.subgraph(n for n, t in graph.nodes(data="type") if t == node_type)
    if query in graph:
        return [query], ""
    wanted = normalise(query)
    if not wanted:
        raise NotFound(_("{query!r} is not a name: give a name or an id").format(query=query))
    names = {n: normalise(d.get("name", n)) for n, d in graph.nodes(data=True)}
    shorts = {n: {normalise(s) for s in re.findall(r"\(([^()]+)\)", d.get("name", ""))}
              for n, d in graph.nodes(data=True)}
    written: dict[str, set] = {}  # partner -> the plan's spellings of it
    for _u, partner, mention in graph.edges(data="mention"):
        if mention:
            written.setdefault(partner, set()).update(normalise(m) for m in mention.split("; "))
    towns_2025: dict[str, list] = {}
    for n, d in graph.nodes(data=True):
        if d.get("type") == "Municipality" and d.get("name_2025"):
            towns_2025.setdefault(normalise(d["name_2025"]), []).append(n)

    def single(hits, what=""):
        hits = sorted(set(hits))
        own = [h for h in hits if graph.nodes[h].get("type") != "Section"]
        if len(hits) > 1 and len(own) == 1:
            return own  # a heading of the plan names the entry it describes: the entry
        if len(hits) > 1:
            raise Ambiguous(_("{query!r} matches {n} nodes{what}; give the id or the full name "
                              "of one of them:").format(query=query, n=len(hits), what=what)
                            + "\n" + _listing(graph, hits))
        return hits

    for forms in ({n: {name} for n, name in names.items()}, shorts, written):
        hits = single([n for n, found in forms.items() if wanted in found])
        if hits:
            return hits, ""
    if wanted in towns_2025:
        parts = sorted(towns_2025[wanted], key=lambda n: names[n])
        if len(parts) == 1:
            return parts, ""
        return parts, _("{name} is the municipality formed in 2025 from {parts}; the answer "
                        "covers them all.").format(name=query.strip(), parts=" + ".join(
                            node_name(graph, n) for n in parts))
    government = _government(graph, wanted, names, towns_2025)
    if government:
        return government
    starts = re.compile(r"\b" + re.escape(wanted))  # a part that starts a word: not "agent"
    for forms in ({n: {name} for n, name in names.items()}, written):
        hits = single([n for n, found in forms.items() if any(starts.search(f) for f in found)])
        if hits:
            return hits, ""
    raise NotFound(_no_such_node(graph, query, node_type))


def _government(graph, wanted, names, towns_2025):
    """``(ids, note)`` for "Stad X", "OCMW X", ... (see :func:`find_nodes`), or None."""
    for prefix in GOVERNMENT_PREFIXES:
        if not wanted.startswith(prefix + " "):
            continue
        town = wanted[len(prefix) + 1:]
        towns = [n for n, name in names.items()
                 if name == town and graph.nodes[n].get("type") == "Municipality"]
        towns = towns or towns_2025.get(town, [])
        if not towns:
            continue
        by_name = {name: n for n, name in names.items()
                   if graph.nodes[n].get("type") == "Partner"}
        found, missing = [], []
        for place in sorted(towns, key=lambda n: names[n]):
            forms = ([f"ocmw {names[place]}"] if prefix.startswith("ocmw") else []) \
                + [f"lokaal bestuur {names[place]}"]
            hit = next((by_name[f] for f in forms if f in by_name), None)
            found.append(hit or place)
            if hit is None:
                missing.append(node_name(graph, place))
        note = ""
        if missing:
            note = _("The plan names no local government of {towns} as a partner; the answer "
                     "is the municipality.").format(towns=", ".join(missing))
        if len(found) > 1:
            note = (_("{name} is the municipality formed in 2025 from {parts}; the answer "
                      "covers them all.").format(name=town.title(), parts=" + ".join(
                          node_name(graph, n) for n in towns)) + " " + note).strip()
        return found, note
    return None


#: a node type with at most this many nodes is listed whole when a name of it is not found
#: (the five themes), larger ones point to ``rimograph show --list``
LIST_AT_MOST = 10


#: a word this long or longer, misspelt by one letter, is sought inside longer names too
LONG_WORD = 7


def typos(text: str) -> int:
    """How many edits (letters added, dropped or changed) a misspelling of ``text`` may have
    and still be suggested: none under 4 characters, 1 under 6, 2 under 13, else 3."""
    return 0 if len(text) < 4 else 1 if len(text) < 6 else 2 if len(text) < 13 else 3


def close_names(graph, wanted: str) -> list:
    """The nodes whose name is a misspelling away from ``wanted`` (normalised), the closest
    ones, at most 5, by name: a name that merely shares a word or a few letters is not close.

    1. the whole name, its short form in parentheses, or the name without it, within
       :func:`typos` edits of ``wanted`` ("genck" -> Genk, "maasijk" -> Maaseik, "vlaams
       huurdersplatvorm" -> Vlaams Huurdersplatform (VHP)), and, with as many words, each
       word within its own typos ("vdab limburg" is not VCLB Limburg);
    2. else, for a query of two or more words, the as many first words of a longer name
       ("cafe anonym" -> Café Anoniem in Hasselt); for one word of :data:`LONG_WORD` letters
       or more, a word inside a name one letter off ("jongerenn" -> kinderen en jongeren; a
       shorter word is never held to the words inside names: "geel" is no "veel");
    3. else a name that has every word of the query, each within its own typos ("brede
       school beringen" -> Brede School in Beringen-Mijn).

    Of the candidates a step finds, only the closest are kept ("jongerenn" is one letter off
    jongeren, two off Tongeren). A heading of the plan that shares its name with another
    candidate gives way to it."""
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    limit = typos(wanted)
    if not limit:
        return []
    forms = []  # (form, node)
    for node, data in graph.nodes(data=True):
        name = data.get("name", node)
        forms += [(normalise(form), node) for form in
                  {name, re.sub(r"\([^()]*\)", " ", name), *re.findall(r"\(([^()]+)\)", name)}]
    size = len(wanted.split())

    def nearest(choices, most):  # node -> its fewest edits, within most
        best = {}
        for form, distance, index in process.extract(
                wanted, [form for form, _node in choices], scorer=Levenshtein.distance,
                score_cutoff=most, limit=None):
            if _word_by_word(wanted, form):
                best[choices[index][1]] = min(distance, best.get(choices[index][1], most))
        return best

    def inner_word():  # a long word one letter off a word inside a name, unless closer whole
        whole = nearest(forms, limit)
        if len(wanted) < LONG_WORD or min(whole.values(), default=limit) <= 1:
            return whole
        return nearest([(w, n) for form, n in forms for w in form.split()[1:]], 1) or whole

    def first_words():
        return nearest([(" ".join(words[:size]), node) for form, node in forms
                        if len(words := form.split()) > size], limit)

    def every_word():
        return {node: 0 for form, node in forms if all(
            any(Levenshtein.distance(part, word) <= typos(part) for word in form.split())
            for part in wanted.split())}

    steps = [inner_word] if size == 1 else [lambda: nearest(forms, limit), first_words,
                                            every_word]
    for step in steps:
        best = step()
        if best:
            closest = min(best.values())  # only the closest: 'jongerenn' is no Tongeren
            named = {normalise(graph.nodes[n].get("name", n)) for n in best
                     if graph.nodes[n].get("type") != "Section"}
            nodes = [n for n, distance in best.items() if distance == closest and (
                graph.nodes[n].get("type") != "Section"
                or normalise(graph.nodes[n].get("name", n)) not in named)]
            return sorted(nodes, key=lambda n: (node_name(graph, n), n))[:5]
    return []


def _word_by_word(wanted, form):
    # as many words: each one within its own typos, one at least ("vdab limburg" is not
    # "vclb limburg"; "ocmw gnk" is "ocmw genk")
    from rapidfuzz.distance import Levenshtein

    pairs = list(zip(wanted.split(), form.split()))
    return len(pairs) != len(wanted.split()) or len(pairs) != len(form.split()) or all(
        Levenshtein.distance(typed, word) <= max(1, typos(typed)) for typed, word in pairs)


def _close_governments(graph, wanted):
    # "Stad Genck": the government of a town a misspelling away ("Stad Genk" -> Lokaal bestuur
    # Genk), as find_nodes resolves it
    prefix = next((p for p in GOVERNMENT_PREFIXES if wanted.startswith(p + " ")), None)
    if prefix is None:
        return []
    towns = graph.subgraph(n for n, t in graph.nodes(data="type") if t == "Municipality")
    found = []
    for town in close_names(towns, wanted[len(prefix) + 1:]):
        found += find_nodes(graph, f"{prefix} {node_name(graph, town)}")[0]
    return list(dict.fromkeys(found))


def _no_such_node(graph, query, node_type=None) -> str:
    """The message of :class:`NotFound` for ``query``: the close names
    (:func:`close_names`), else all the nodes of a small type, else where to list them."""
    what = TYPE_LABELS[language()][node_type].lower() if node_type else _("node")
    message = _("no {what} named {query!r}").format(what=what, query=query)
    close = close_names(graph, normalise(query)) or _close_governments(graph, normalise(query))
    if close:
        return message + _("; did you mean:") + "\n" + _listing(graph, close, numbered=False)
    if node_type and graph.number_of_nodes() <= LIST_AT_MOST:
        return message + _("; choose one of: {names}").format(names=", ".join(
            sorted(node_name(graph, n) for n in graph)))
    return message + _(", and no name like it; `rimograph show --list{type}` lists every name"
                       ).format(type=f" --type {node_type}" if node_type else "")


def find_node(graph, query: str, node_type: str | None = None) -> str:
    """Resolve a name or id to one node id, like :func:`find_nodes` (``node_type`` too).

    Raises :class:`Ambiguous` also for a merged municipality's 2025 name (listing its parts),
    :class:`NotFound` when nothing matches.
    """
    nodes, note = find_nodes(graph, query, node_type)
    if len(nodes) > 1:
        raise Ambiguous(note + "\n" + _("Give one of them:") + "\n" + _listing(graph, nodes))
    return nodes[0]


def entry_runs_in(data, year: int) -> bool:
    """Whether an action or project (its node attributes) runs on at least one day of
    ``year``, by :func:`entry_period` (missing start 2021-01-01, open end 2025-12-31)."""
    first, last, _ = entry_period(data)
    return first.year <= year <= last.year


def select_entries(graph, theme=None, goal=None, municipality=None, year=None,
                   target_group=None) -> list:
    """The actions and projects that meet every given condition, sorted ids.

    - ``theme`` (Theme id): the entry's themes (:func:`entry_themes`, certain contributions);
    - ``goal`` (OperationalGoal id): its strategic action contributes to the goal (certain or
      possible; a project through its action);
    - ``municipality`` (an id, or a set of ids such as the municipalities merged in 2025):
      active there, directly or through a neighbourhood (:func:`entry_municipalities`);
    - ``year`` (int): runs on a day of that year (:func:`entry_runs_in`);
    - ``target_group`` (TargetGroup id, or a set of ids such as a group and its narrower
      groups): the entry TARGETS one of them.

    This is the one selection that the question commands, the maps and their filter panel use.
    With a municipality it starts from the entries active there (through the places'
    ACTIVE_IN edges), so choosing each of many municipalities in turn costs each one's own
    entries, not all of them.
    """
    if municipality:
        wanted = {municipality} if isinstance(municipality, str) else set(municipality)
        places = wanted | {n for m in wanted for n in sources_of(graph, m, "LOCATED_IN")}
        chosen = sorted({e for place in places for e in sources_of(graph, place, "ACTIVE_IN")
                         if graph.nodes[e]["type"] in ENTRY_TYPES})
    else:
        chosen = entries(graph)
    if theme:
        chosen = [e for e in chosen if theme in entry_themes(graph, e)]
    if goal:
        actions = set(sources_of(graph, goal, "CONTRIBUTES_TO"))
        chosen = [e for e in chosen if parent_action(graph, e) in actions]
    if year is not None:
        chosen = [e for e in chosen if entry_runs_in(graph.nodes[e], year)]
    if target_group:
        wanted = {target_group} if isinstance(target_group, str) else set(target_group)
        chosen = [e for e in chosen if wanted.intersection(targets_of(graph, e, "TARGETS"))]
    return chosen


def find_municipalities(graph, name: str) -> list:
    """The municipality ids a name stands for, sorted: the municipality of 2019-2024 with that
    id, NIS code or exact name; else every municipality merged into the 2025 municipality of
    that name ("Tongeren-Borgloon" -> Tongeren and Borgloon; "Hasselt" stays the 2019
    Hasselt, without Kortessem); else the municipality :func:`find_node` matches among
    municipalities. Raises :class:`NotFound` with suggestions among municipalities."""
    towns = graph.subgraph(n for n, t in graph.nodes(data="type") if t == "Municipality")
    if f"municipality:{name.strip()}" in towns:
        return [f"municipality:{name.strip()}"]
    wanted = normalise(name)
    exact = sorted(n for n, d in towns.nodes(data=True) if normalise(d["name"]) == wanted)
    if exact:
        return exact
    merged = sorted(n for n, d in towns.nodes(data=True)
                    if normalise(d.get("name_2025", "")) == wanted)
    if len(merged) > 1:
        return merged
    return [find_node(towns, name, "Municipality")]


def narrower_groups(graph, group: str) -> dict:
    """A target group and every narrower one (TargetGroup -BROADER-> its wider group, any
    depth): ``{group id: the id of the group it is narrower than, None for ``group``}``, in
    breadth-first order (the group first)."""
    found, todo = {group: None}, [group]
    while todo:
        wider = todo.pop(0)
        for narrower in sorted(sources_of(graph, wider, "BROADER")):
            if narrower not in found:
                found[narrower] = wider
                todo.append(narrower)
    return found
