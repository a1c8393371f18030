"""Network analyses of the plan: paths, brokers, communities, overlap, time and resources.

Like :mod:`rimograph.questions`, every function returns plain rows (a list of dicts with the
columns its docstring gives), sorted deterministically; lists in a row are sorted lists of names.
Graph algorithms come from networkx and run on graphs whose nodes and edges are added in sorted
order, with fixed seeds, so the same tables always give the same answer.

Most analyses look at the **partner network** (:func:`partner_network`): the bipartite, undirected
graph of actions and projects ("entries") on one side and partners on the other, linked by
PARTNERS_WITH. Generic partners (categories such as "lokale besturen", professional roles; node
attribute ``generic``) are left out unless ``include_generic``, because a category links
entries that do not work with the same organisation.
"""

from __future__ import annotations

from itertools import islice

import networkx as nx

from ..core.errors import NoPath, RimographError
from ..core.i18n import _, language, ngettext
from ..core.model import ENTRY_TYPES, entry_themes, find_nodes, node_name
from ..core.vocabulary import RELATIONS


#: At most this many shortest paths are enumerated before sorting (a guard against hubs).
MAX_PATHS = 10_000


def _excluded(data, include_generic):
    return data.get("type") == "Partner" and data.get("generic") and not include_generic


def partner_network(graph, include_generic=False) -> nx.Graph:
    """The partner-action network: an undirected bipartite ``nx.Graph``.

    Nodes are every strategic action and project (attribute ``bipartite=0``) and every partner
    (``bipartite=1``; generic ones only with ``include_generic``), each with ``type`` and
    ``name``; an edge joins an entry and a partner when the entry PARTNERS_WITH the partner.
    Nodes and edges are added in sorted order. Entries without partners and partners without
    entries are kept (as isolated nodes).
    """
    network = nx.Graph()
    nodes = []
    for node, data in graph.nodes(data=True):
        if data["type"] in ENTRY_TYPES:
            nodes.append((node, {"bipartite": 0, "type": data["type"], "name": data["name"]}))
        elif data["type"] == "Partner" and not _excluded(data, include_generic):
            nodes.append((node, {"bipartite": 1, "type": "Partner", "name": data["name"]}))
    network.add_nodes_from(sorted(nodes))
    edges = sorted((u, v) for u, v, k in graph.edges(keys=True)
                   if k == "PARTNERS_WITH" and u in network and v in network)
    network.add_edges_from(edges)
    return network


def _partners(network):
    return sorted(n for n, b in network.nodes(data="bipartite") if b == 1)


def _step(graph, u, v, relations):
    """Text of one step u -> v of a path: ``-TYPE->`` when u has an edge to v, else
    ``<-TYPE-``; several edge types between the pair are joined with ``|``."""
    forward = sorted(k for k in graph.get_edge_data(u, v, default={}) if k in relations)
    if forward:
        return f" -{'|'.join(forward)}-> "
    backward = sorted(k for k in graph.get_edge_data(v, u, default={}) if k in relations)
    return f" <-{'|'.join(backward)}- "


def shortest_paths(graph, source, target, limit=10, include_generic=False, relations=None):
    """The shortest chains of relations between two nodes, in either direction.

    Parameters
    ----------
    graph : nx.MultiDiGraph
        The plan graph (:func:`rimograph.core.model.build_graph`).
    source, target : str
        Node ids or names, resolved with :func:`rimograph.core.model.find_node`.
    limit : int
        At most this many paths are returned (0 = all, up to :data:`MAX_PATHS`).
    include_generic : bool
        Let paths run through generic partners (the endpoints themselves are always allowed).
    relations : iterable of str, optional
        Edge types a path may use (default: all), e.g. ``["PARTNERS_WITH"]``.

    Returns
    -------
    list of dict
        One row per path with columns ``path`` (1-based rank), ``hops`` (number of edges),
        ``chain`` (readable text such as ``"Woonzaak -PARTNERS_WITH-> CAW Limburg
        <-PARTNERS_WITH- Café Anoniem in Hasselt"``) and ``nodes`` (list of ids, in path
        order). Paths are sorted by the names along them.

    Raises
    ------
    NotFound
        When a name matches no node or several.
    NoPath
        When no chain of the allowed relations connects the two nodes.

    Notes
    -----
    Edge direction is ignored for the search (``networkx.all_shortest_paths`` on an undirected
    simple view of the graph, unweighted: every relation counts as one hop) and shown again in
    the chain. At most :data:`MAX_PATHS` paths are enumerated before sorting.
    """
    sources, targets = find_nodes(graph, source)[0], find_nodes(graph, target)[0]
    every = {k for _u, _v, k in graph.edges(keys=True)}
    allowed = set(relations) if relations else every
    found = _shortest(graph, sources, targets, include_generic, allowed)
    if not found:
        names = [" + ".join(node_name(graph, n) for n in ends) for ends in (sources, targets)]
        message = _("no path between {a!r} and {b!r}").format(a=names[0], b=names[1])
        if allowed != every:
            message += " " + _("through {relations}").format(
                relations=", ".join(RELATIONS[language()].get(r, r) for r in sorted(allowed)))
        for options, generic, widened in ((["--include-generic"], True, allowed),
                                          (["--all-relations"], include_generic, every),
                                          (["--all-relations", "--include-generic"], True, every)):
            if (generic, widened) == (include_generic, allowed):
                continue
            paths = _shortest(graph, sources, targets, generic, widened, limit=1)
            if paths:
                message += "; " + ngettext("with {options} there is one ({n} step)",
                                           "with {options} there is one ({n} steps)",
                                           len(paths[0]) - 1).format(
                    options=" ".join(options), n=len(paths[0]) - 1)
                break
        else:
            message += "; " + _("they are not connected at all")
        raise NoPath(message)
    found.sort(key=lambda p: ([node_name(graph, n) for n in p], p))
    if limit:
        found = found[:limit]
    rows = []
    for rank, path in enumerate(found, start=1):
        chain = node_name(graph, path[0])
        for u, v in zip(path, path[1:]):
            chain += _step(graph, u, v, allowed) + node_name(graph, v)
        rows.append({"path": rank, "hops": len(path) - 1, "chain": chain, "nodes": path})
    return rows


def _shortest(graph, sources, targets, include_generic, allowed, limit=MAX_PATHS):
    """All shortest paths (lists of ids) from any of ``sources`` to any of ``targets`` over
    ``allowed`` edge types, direction ignored; ``[]`` when none."""
    ends = set(sources) | set(targets)
    view = nx.Graph()
    view.add_nodes_from(sorted(n for n, d in graph.nodes(data=True)
                               if not _excluded(d, include_generic) or n in ends))
    view.add_edges_from(sorted((u, v) for u, v, k in graph.edges(keys=True)
                               if k in allowed and u in view and v in view))
    best = []
    for source in sources:
        for target in targets:
            try:
                paths = list(islice(nx.all_shortest_paths(view, source, target), limit))
            except (nx.NetworkXNoPath, nx.NodeNotFound):
                continue
            if not best or len(paths[0]) < len(best[0]):
                best = paths
            elif len(paths[0]) == len(best[0]):
                best = (best + paths)[:limit]
    return best


def centrality(graph, include_generic=False):
    """Degree, themes and betweenness of every partner in the partner network.

    Returns
    -------
    list of dict
        Columns ``partner`` (id), ``name``, ``kind``, ``degree`` (number of actions and
        projects it partners in), ``themes`` (number of themes of those entries, see
        :func:`rimograph.core.model.entry_themes`: certain contributions only), ``theme_names``
        (list), ``betweenness`` (rounded to 4 decimals). Sorted by degree descending, then
        betweenness descending, then name.

    Notes
    -----
    Betweenness is ``networkx.betweenness_centrality(network, normalized=True)`` on
    :func:`partner_network` (exact, no sampling): for a node v,
    ``c(v) = sum over pairs s != t of sigma(s, t | v) / sigma(s, t)``, where ``sigma(s, t)`` is
    the number of shortest s-t paths and ``sigma(s, t | v)`` those through v, divided by
    ``(n - 1)(n - 2) / 2`` for the n nodes of the network (Brandes 2001). A partner with high
    betweenness links entries that would otherwise be far apart.
    """
    network = partner_network(graph, include_generic)
    between = nx.betweenness_centrality(network, normalized=True)
    rows = []
    for partner in _partners(network):
        linked = sorted(network[partner])
        themes = sorted({t for e in linked for t in entry_themes(graph, e)})
        rows.append({
            "partner": partner, "name": node_name(graph, partner),
            "kind": graph.nodes[partner]["kind"], "degree": len(linked),
            "themes": len(themes), "theme_names": [node_name(graph, t) for t in themes],
            "betweenness": round(between[partner], 4),
        })
    rows.sort(key=lambda r: (-r["degree"], -r["betweenness"], r["name"]))
    return rows


def brokers(graph, include_generic=False):
    """Partners the partner network depends on.

    A partner is listed when it is an articulation point of :func:`partner_network` (removing
    it splits the part of the network it belongs to) or when it is the only partner of some
    action or project (removing it leaves that entry without any named partner).

    Returns
    -------
    list of dict
        Columns ``partner`` (id), ``name``, ``kind``, ``degree`` (entries it partners in),
        ``articulation`` (bool), ``pieces`` (connected parts its own part falls into without
        it), ``cut_off`` (number of entries that lose their connection to the largest remaining
        part), ``cut_off_entries`` (list of their names), ``sole_partner_of`` (list of names of
        entries for which it is the only partner). Sorted by ``cut_off`` descending, then
        number of ``sole_partner_of`` descending, then name.

    Notes
    -----
    Articulation points are ``networkx.articulation_points`` and the sole-partner links are the
    bridges (``networkx.bridges``) whose entry end has degree 1. Pieces are counted with
    ``networkx.connected_components`` on the partner's component without it.
    """
    network = partner_network(graph, include_generic)
    cut_points = {n for n in nx.articulation_points(network)
                  if network.nodes[n]["bipartite"] == 1}
    sole: dict[str, list] = {}
    for u, v in nx.bridges(network):
        entry, partner = (u, v) if network.nodes[u]["bipartite"] == 0 else (v, u)
        if network.degree(entry) == 1:
            sole.setdefault(partner, []).append(node_name(graph, entry))
    rows = []
    for partner in sorted(cut_points | set(sole)):
        component = nx.node_connected_component(network, partner) - {partner}
        parts = sorted((sorted(c) for c in nx.connected_components(network.subgraph(component))),
                       key=lambda c: (-len(c), c))
        cut_off = sorted(node_name(graph, n) for part in parts[1:] for n in part
                         if network.nodes[n]["bipartite"] == 0)
        rows.append({
            "partner": partner, "name": node_name(graph, partner),
            "kind": graph.nodes[partner]["kind"], "degree": network.degree(partner),
            "articulation": partner in cut_points, "pieces": len(parts),
            "cut_off": len(cut_off), "cut_off_entries": cut_off,
            "sole_partner_of": sorted(sole.get(partner, [])),
        })
    rows.sort(key=lambda r: (-r["cut_off"], -len(r["sole_partner_of"]), r["name"]))
    return rows


def communities(graph, include_generic=False, seed=42, resolution=1.0):
    """Clusters of actions, projects and partners that work together.

    Returns
    -------
    list of dict
        One row per community with columns ``community`` (1-based rank), ``label`` (the names
        of its three most connected members, joined with " / "), ``size``, ``entries`` and
        ``partners`` (counts), ``entry_names`` and ``partner_names`` (lists), ``members``
        (list of ids) and ``modularity`` (of the whole partition, the same on every row).
        Sorted by size descending, then label.

    Notes
    -----
    ``networkx.community.louvain_communities(network, seed=seed, resolution=resolution)`` on
    :func:`partner_network` without its isolated nodes (nodes added in sorted order: Louvain
    depends on insertion order). Modularity is ``networkx.community.modularity``:
    ``Q = sum over communities c of (L_c / m - resolution * (d_c / 2m) ** 2)``, with ``L_c`` the
    edges inside c, ``d_c`` the sum of degrees in c and ``m`` the number of edges (Blondel et
    al. 2008). Members are ranked by degree in the network, then name.
    """
    full = partner_network(graph, include_generic)
    network = nx.Graph()
    network.add_nodes_from(sorted((n, d) for n, d in full.nodes(data=True) if full.degree(n)))
    network.add_edges_from(sorted(full.edges))
    if not network.number_of_edges():
        return []
    parts = nx.community.louvain_communities(network, seed=seed, resolution=resolution)
    quality = round(nx.community.modularity(network, parts, resolution=resolution), 4)
    rows = []
    for part in parts:
        ranked = sorted(part, key=lambda n: (-network.degree(n), node_name(graph, n), n))
        entry_ids = [n for n in part if network.nodes[n]["bipartite"] == 0]
        partner_ids = [n for n in part if network.nodes[n]["bipartite"] == 1]
        rows.append({
            "label": " / ".join(node_name(graph, n) for n in ranked[:3]), "size": len(part),
            "entries": len(entry_ids), "partners": len(partner_ids),
            "entry_names": sorted(node_name(graph, n) for n in entry_ids),
            "partner_names": sorted(node_name(graph, n) for n in partner_ids),
            "members": sorted(part), "modularity": quality,
        })
    rows.sort(key=lambda r: (-r["size"], r["label"]))
    return [{"community": rank, **row} for rank, row in enumerate(rows, start=1)]


def overlap(graph, of="actions", min_shared=2, include_generic=False):
    """Pairs of actions that share partners, or pairs of partners that share actions.

    Parameters
    ----------
    of : {"actions", "partners"}
        ``actions``: pairs of actions and projects with their shared partners; ``partners``:
        pairs of partners with their shared actions and projects.
    min_shared : int
        Least number of shared items for a pair to be listed.

    Returns
    -------
    list of dict
        Columns ``a``, ``a_name``, ``b``, ``b_name`` (ids and names of the pair, ``a_name`` <=
        ``b_name``), ``shared`` (count), ``shared_names`` (list), ``jaccard`` (shared items
        over the items of either, rounded to 3 decimals). Sorted by shared descending, then
        names.

    Raises
    ------
    RimographError
        When ``of`` is neither "actions" nor "partners".

    Notes
    -----
    The pairs are the edges of ``networkx.bipartite.projected_graph`` of
    :func:`partner_network` onto one side; the shared items are the common neighbours. A
    project and its own strategic action often share partners: both are listed as entries.
    """
    if of not in ("actions", "partners"):
        raise RimographError(_("overlap of {of}: use actions or partners").format(of=repr(of)))
    network = partner_network(graph, include_generic)
    side = 0 if of == "actions" else 1
    nodes = sorted(n for n, b in network.nodes(data="bipartite") if b == side)
    projected = nx.bipartite.projected_graph(network, nodes)
    rows = []
    for u, v in projected.edges:
        shared = set(network[u]) & set(network[v])
        if len(shared) < min_shared:
            continue
        a, b = sorted((u, v), key=lambda n: (node_name(graph, n), n))
        rows.append({
            "a": a, "a_name": node_name(graph, a), "b": b, "b_name": node_name(graph, b),
            "shared": len(shared), "shared_names": sorted(node_name(graph, n) for n in shared),
            "jaccard": round(len(shared) / len(set(network[u]) | set(network[v])), 3),
        })
    rows.sort(key=lambda r: (-r["shared"], r["a_name"], r["b_name"]))
    return rows
