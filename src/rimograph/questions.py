"""The first questions about the plan, answered on the embedded graph.

Each function takes the graph built by :func:`rimograph.model.build_graph` and returns plain
rows (a list of dicts with the columns its docstring gives), sorted deterministically. Lists in
a row are sorted lists of names. The CLI only formats these rows.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import chain

from .errors import NotFound
from .model import ENTRY_TYPES
from .text import fold


def _name(graph, node):
    return graph.nodes[node]["name"]


def _out(graph, node, edge_type):
    """Targets of ``node``'s outgoing edges of ``edge_type``, sorted, with edge attributes."""
    return sorted((v, d) for _, v, k, d in graph.out_edges(node, keys=True, data=True)
                  if k == edge_type)


def _in(graph, node, edge_type):
    return sorted((u, d) for u, _, k, d in graph.in_edges(node, keys=True, data=True)
                  if k == edge_type)


# Edges are keyed by their type (at most one edge of a type between two nodes), so the
# neighbours through one relation are a key lookup per neighbour in the adjacency. These read
# networkx's adjacency mappings (``_succ``/``_pred``: node -> {neighbour: {key: data}}) the way
# networkx's own algorithms do; the public views wrap every neighbour in a new view object,
# which makes the questions 3-4 times slower on a sector-sized graph. Read only.
def _targets(graph, node, edge_type):
    """Ids of the nodes ``node`` points to with an edge of ``edge_type`` (unsorted)."""
    return [v for v, keys in graph._succ[node].items() if edge_type in keys]


def _sources(graph, node, edge_type):
    """Ids of the nodes that point to ``node`` with an edge of ``edge_type`` (unsorted)."""
    return [u for u, keys in graph._pred[node].items() if edge_type in keys]


def entries(graph):
    """Ids of all strategic actions and projects, sorted."""
    return sorted(n for n, t in graph.nodes(data="type") if t in ENTRY_TYPES)


def parent_action(graph, entry):
    """The strategic action an entry belongs to (itself for an action)."""
    if graph.nodes[entry]["type"] == "Project":
        return min(_targets(graph, entry, "PART_OF"))
    return entry


def entry_themes(graph, entry, certainty=("certain",)):
    """Theme ids of an action or project: the themes of the operational goals its strategic
    action contributes to with the given certainty (projects take their action's)."""
    themes = set()
    for goal, keys in graph._succ[parent_action(graph, entry)].items():
        data = keys.get("CONTRIBUTES_TO")
        if data is not None and data["certainty"] in certainty:
            themes.update(_targets(graph, goal, "HAS_THEME"))
    return sorted(themes)


def entry_municipalities(graph, entry):
    """Municipality ids where an entry is active: directly, or through a neighbourhood."""
    found = set()
    for place in _targets(graph, entry, "ACTIVE_IN"):
        if graph.nodes[place]["type"] == "Municipality":
            found.add(place)
        else:
            found.update(_targets(graph, place, "LOCATED_IN"))
    return sorted(found)


def _themes_by_entry(graph) -> dict[str, list]:
    """:func:`entry_themes` of every action and project, computed once per action (a project
    shares its action's list): a partner question then costs a lookup per partnership."""
    themes_of = {}
    for action, node_type in graph.nodes(data="type"):
        if node_type == "StrategicAction":
            themes = themes_of[action] = entry_themes(graph, action)
            for project in _sources(graph, action, "PART_OF"):
                themes_of[project] = themes
    for entry, node_type in graph.nodes(data="type"):  # projects whose action is not here
        if node_type in ENTRY_TYPES and entry not in themes_of:
            themes_of[entry] = entry_themes(graph, entry)
    return themes_of


def partners_spanning_themes(graph, min_themes=2, include_generic=False):
    """Partners that work across at least ``min_themes`` themes.

    A partner's themes are the themes of the actions and projects it partners in (see
    :func:`entry_themes`; only *certain* contributions count, so a theme is never credited on
    the strength of the overview table's "possibly" marks).

    Returns rows with columns ``partner`` (id), ``name``, ``kind``, ``themes`` (count),
    ``theme_names`` (list), ``entries`` (count), ``entry_names`` (list), sorted by themes
    descending, then entries descending, then name. Generic partners (kind generic or role) are
    left out unless ``include_generic``.
    """
    themes_of = _themes_by_entry(graph)
    names = dict(graph.nodes(data="name"))
    rows = []
    for partner, data in graph.nodes(data=True):
        if data["type"] != "Partner" or (data["generic"] and not include_generic):
            continue
        partner_entries = _sources(graph, partner, "PARTNERS_WITH")
        themes = sorted(set().union(*map(themes_of.__getitem__, partner_entries)))
        if len(themes) < min_themes:
            continue
        rows.append({
            "partner": partner, "name": data["name"], "kind": data["kind"],
            "themes": len(themes), "theme_names": [names[t] for t in themes],
            "entries": len(partner_entries),
            "entry_names": sorted(map(names.__getitem__, partner_entries)),
        })
    rows.sort(key=lambda r: (-r["themes"], -r["entries"], r["name"]))
    return rows


def municipality_coverage(graph):
    """Local coverage of each of the 42 municipalities (2019-2024 borders).

    Returns rows with columns ``municipality`` (id), ``nis``, ``name``, ``name_2025``
    (municipality after the 1 January 2025 mergers), ``entries`` (count of actions and projects
    active there, directly or through one of its neighbourhoods), ``entry_names`` (list),
    sorted with the uncovered municipalities first, then by name. Province-wide actions are not
    counted here: see :func:`province_wide`.
    """
    types = dict(graph.nodes(data="type"))
    names = dict(graph.nodes(data="name"))
    towns_of_place: dict[str, list] = {}  # place -> its municipalities (see entry_municipalities)
    covered: dict[str, set] = {}
    for entry, node_type in types.items():
        if node_type not in ENTRY_TYPES:
            continue
        for place in _targets(graph, entry, "ACTIVE_IN"):
            towns = towns_of_place.get(place)
            if towns is None:
                towns = towns_of_place[place] = (
                    [place] if types[place] == "Municipality"
                    else _targets(graph, place, "LOCATED_IN"))
            for municipality in towns:
                covered.setdefault(municipality, set()).add(entry)
    rows = []
    for node, data in graph.nodes(data=True):
        if data["type"] != "Municipality":
            continue
        here = covered.get(node, set())
        rows.append({"municipality": node, "nis": data["nis"], "name": data["name"],
                     "name_2025": data["name_2025"], "entries": len(here),
                     "entry_names": sorted(names[e] for e in here)})
    rows.sort(key=lambda r: (r["entries"] > 0, r["name"]))
    return rows


def province_wide(graph):
    """Actions and projects whose scope is the province or Flanders, not named towns.

    Returns rows with columns ``entry`` (id), ``name``, ``type``, ``scope``, sorted by name.
    """
    rows = [{"entry": e, "name": _name(graph, e), "type": graph.nodes[e]["type"],
             "scope": graph.nodes[e]["scope"]}
            for e in entries(graph) if graph.nodes[e]["scope"] != "local"]
    return sorted(rows, key=lambda r: r["name"])


def goal_coverage(graph, include_internal=False):
    """For each operational goal, the strategic actions contributing to it.

    Returns rows with columns ``goal`` (id), ``name``, ``strategic_goal`` (name), ``theme``
    (name or ""), ``certain`` and ``possible`` (counts of actions, counted apart),
    ``certain_actions`` and ``possible_actions`` (lists), sorted with the least-covered goals
    first (certain ascending, then possible ascending, then name). Internal goals (SD Interne
    organisatie), which no strategic action serves, only with ``include_internal``.
    """
    rows = []
    for goal, data in graph.nodes(data=True):
        if data["type"] != "OperationalGoal" or (data["scope"] == "internal" and not include_internal):
            continue
        by_certainty = {"certain": [], "possible": []}
        for action, edge in _in(graph, goal, "CONTRIBUTES_TO"):
            by_certainty[edge["certainty"]].append(_name(graph, action))
        theme = _out(graph, goal, "HAS_THEME")
        rows.append({
            "goal": goal, "name": data["name"],
            "strategic_goal": _name(graph, _out(graph, goal, "PART_OF")[0][0]),
            "theme": _name(graph, theme[0][0]) if theme else "",
            "certain": len(by_certainty["certain"]), "possible": len(by_certainty["possible"]),
            "certain_actions": sorted(by_certainty["certain"]),
            "possible_actions": sorted(by_certainty["possible"]),
        })
    rows.sort(key=lambda r: (r["certain"], r["possible"], r["name"]))
    return rows


def stats(graph):
    """Node and edge counts by type: rows with columns ``kind`` (node/edge), ``type``, ``count``."""
    nodes = Counter(t for _, t in graph.nodes(data="type"))
    # edge keys straight from the adjacency (see _targets): one pass, no edge tuples
    edges = Counter(chain.from_iterable(keys for targets in graph._succ.values()
                                        for keys in targets.values()))
    return ([{"kind": "node", "type": t, "count": c} for t, c in sorted(nodes.items())]
            + [{"kind": "edge", "type": t, "count": c} for t, c in sorted(edges.items())])


def normalise(text: str) -> str:
    """:func:`rimograph.text.fold` with apostrophes dropped and other punctuation read as
    spaces: ``"Kolderbos en D’ierd"`` -> ``"kolderbos en dierd"``."""
    text = fold(text).replace("'", "")
    return " ".join("".join(c if c.isalnum() or c.isspace() else " " for c in text).split())


def find_node(graph, query: str) -> str:
    """Resolve a name or id to one node id.

    Tries, in order: the exact id; names equal after :func:`normalise`; names containing the
    normalised query; then the same two tests on the ways the plan writes a partner (the
    ``mention`` of its PARTNERS_WITH edges: "St.-Vincentius", "Lokaal bestuur Stad Genk").
    Raises :class:`NotFound` when nothing matches (with the closest names by fuzzy similarity)
    or when several nodes match (listing them, so the user can pick an id).
    """
    if query in graph:
        return query
    wanted = normalise(query)
    if not wanted:
        raise NotFound(f"{query!r} is not a name: give a name or an id")
    names = {n: normalise(d.get("name", n)) for n, d in graph.nodes(data=True)}
    written = {}  # partner -> the plan's spellings of it
    for _, partner, mention in graph.edges(data="mention"):
        if mention:
            written.setdefault(partner, set()).update(normalise(m) for m in mention.split("; "))
    for forms in ({n: {name} for n, name in names.items()}, written):
        for test in (lambda form: form == wanted, lambda form: wanted in form):
            hits = sorted(n for n, found in forms.items() if any(test(f) for f in found))
            if len(hits) == 1:
                return hits[0]
            if hits:
                listed = "\n".join(f"  {h}  ({_name(graph, h)})" for h in hits[:20])
                raise NotFound(f"{query!r} matches {len(hits)} nodes; give one of these ids:"
                               f"\n{listed}")
    from rapidfuzz import fuzz, process

    # candidates: each name, and the short form in its parentheses ("CAW Limburg" in
    # "Centrum Algemeen Welzijnswerk Limburg (CAW Limburg)"); WRatio finds a misspelled part of
    # a long name, plain ratio then ranks whole-name typos first ("gent" -> Genk)
    candidates = [(name, n) for n, name in names.items()]
    candidates += [(normalise(short), n) for n, d in graph.nodes(data=True)
                   for short in re.findall(r"\(([^()]+)\)", d.get("name", ""))]
    close = process.extract(wanted, [c for c, _ in candidates], scorer=fuzz.WRatio, limit=20,
                            score_cutoff=60)
    ranked = sorted(close, key=lambda c: (-fuzz.ratio(wanted, c[0]), -c[1],
                                          candidates[c[2]][1]))
    keys = list(dict.fromkeys(candidates[index][1] for _, _, index in ranked))[:5]
    hint = "".join(f"\n  {key}  ({_name(graph, key)})" for key in keys)
    raise NotFound(f"no node named {query!r}" + (f"; did you mean:{hint}" if hint else ""))


def neighbours(graph, node):
    """Rows describing every edge of ``node``: ``direction`` (out/in), ``relation`` (edge type),
    ``other`` (id), ``other_name``, ``other_type``, ``certainty``, ``basis``, ``page``; sorted."""
    rows = []
    for direction, edges in (("out", graph.out_edges(node, keys=True, data=True)),
                             ("in", graph.in_edges(node, keys=True, data=True))):
        for u, v, key, data in edges:
            other = v if direction == "out" else u
            rows.append({"direction": direction, "relation": key, "other": other,
                         "other_name": _name(graph, other),
                         "other_type": graph.nodes[other]["type"],
                         "certainty": data.get("certainty", ""), "basis": data.get("basis", ""),
                         "page": data.get("page", "")})
    rows.sort(key=lambda r: (r["relation"], r["direction"], r["other_type"], r["other_name"]))
    return rows
