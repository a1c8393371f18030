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

from datetime import date
from itertools import islice

import networkx as nx

from .errors import NoPath, RimographError
from .model import ENTRY_TYPES
from .questions import _name, entries, entry_themes, find_node

PLAN_START = date(2021, 1, 1)
PLAN_END = date(2025, 12, 31)
PLAN_YEARS = tuple(range(PLAN_START.year, PLAN_END.year + 1))
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


# --------------------------------------------------------------------------------------------
# path


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
        The plan graph (:func:`rimograph.model.build_graph`).
    source, target : str
        Node ids or names, resolved with :func:`rimograph.questions.find_node`.
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
    source, target = find_node(graph, source), find_node(graph, target)
    allowed = set(relations) if relations else {k for _, _, k in graph.edges(keys=True)}
    view = nx.Graph()
    view.add_nodes_from(sorted(n for n, d in graph.nodes(data=True)
                               if not _excluded(d, include_generic) or n in (source, target)))
    view.add_edges_from(sorted((u, v) for u, v, k in graph.edges(keys=True)
                               if k in allowed and u in view and v in view))
    try:
        found = list(islice(nx.all_shortest_paths(view, source, target), MAX_PATHS))
    except nx.NetworkXNoPath:
        hint = "" if include_generic else "; try --include-generic"
        raise NoPath(f"no path between {_name(graph, source)!r} and {_name(graph, target)!r}"
                     f"{hint}") from None
    found.sort(key=lambda p: ([_name(graph, n) for n in p], p))
    if limit:
        found = found[:limit]
    rows = []
    for rank, path in enumerate(found, start=1):
        chain = _name(graph, path[0])
        for u, v in zip(path, path[1:]):
            chain += _step(graph, u, v, allowed) + _name(graph, v)
        rows.append({"path": rank, "hops": len(path) - 1, "chain": chain, "nodes": path})
    return rows


# --------------------------------------------------------------------------------------------
# centrality and brokers


def centrality(graph, include_generic=False):
    """Degree, themes and betweenness of every partner in the partner network.

    Returns
    -------
    list of dict
        Columns ``partner`` (id), ``name``, ``kind``, ``degree`` (number of actions and
        projects it partners in), ``themes`` (number of themes of those entries, see
        :func:`rimograph.questions.entry_themes`: certain contributions only), ``theme_names``
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
            "partner": partner, "name": _name(graph, partner),
            "kind": graph.nodes[partner]["kind"], "degree": len(linked),
            "themes": len(themes), "theme_names": [_name(graph, t) for t in themes],
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
            sole.setdefault(partner, []).append(_name(graph, entry))
    rows = []
    for partner in sorted(cut_points | set(sole)):
        component = nx.node_connected_component(network, partner) - {partner}
        parts = sorted((sorted(c) for c in nx.connected_components(network.subgraph(component))),
                       key=lambda c: (-len(c), c))
        cut_off = sorted(_name(graph, n) for part in parts[1:] for n in part
                         if network.nodes[n]["bipartite"] == 0)
        rows.append({
            "partner": partner, "name": _name(graph, partner),
            "kind": graph.nodes[partner]["kind"], "degree": network.degree(partner),
            "articulation": partner in cut_points, "pieces": len(parts),
            "cut_off": len(cut_off), "cut_off_entries": cut_off,
            "sole_partner_of": sorted(sole.get(partner, [])),
        })
    rows.sort(key=lambda r: (-r["cut_off"], -len(r["sole_partner_of"]), r["name"]))
    return rows


# --------------------------------------------------------------------------------------------
# communities


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
        ranked = sorted(part, key=lambda n: (-network.degree(n), _name(graph, n), n))
        entry_ids = [n for n in part if network.nodes[n]["bipartite"] == 0]
        partner_ids = [n for n in part if network.nodes[n]["bipartite"] == 1]
        rows.append({
            "label": " / ".join(_name(graph, n) for n in ranked[:3]), "size": len(part),
            "entries": len(entry_ids), "partners": len(partner_ids),
            "entry_names": sorted(_name(graph, n) for n in entry_ids),
            "partner_names": sorted(_name(graph, n) for n in partner_ids),
            "members": sorted(part), "modularity": quality,
        })
    rows.sort(key=lambda r: (-r["size"], r["label"]))
    return [{"community": rank, **row} for rank, row in enumerate(rows, start=1)]


# --------------------------------------------------------------------------------------------
# overlap


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
        raise RimographError(f"overlap of {of!r}: use actions or partners")
    network = partner_network(graph, include_generic)
    side = 0 if of == "actions" else 1
    nodes = sorted(n for n, b in network.nodes(data="bipartite") if b == side)
    projected = nx.bipartite.projected_graph(network, nodes)
    rows = []
    for u, v in projected.edges:
        shared = set(network[u]) & set(network[v])
        if len(shared) < min_shared:
            continue
        a, b = sorted((u, v), key=lambda n: (_name(graph, n), n))
        rows.append({
            "a": a, "a_name": _name(graph, a), "b": b, "b_name": _name(graph, b),
            "shared": len(shared), "shared_names": sorted(_name(graph, n) for n in shared),
            "jaccard": round(len(shared) / len(set(network[u]) | set(network[v])), 3),
        })
    rows.sort(key=lambda r: (-r["shared"], r["a_name"], r["b_name"]))
    return rows


# --------------------------------------------------------------------------------------------
# timeline


def entry_period(data):
    """The first and last day an action or project runs, and what was assumed.

    Returns ``(first, last, assumed)``: ``first`` is the first day of its ``start`` (an ISO date
    of year, month or day precision, see :func:`rimograph.tables.parse_date`), ``last`` the
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


def _entry_row(graph, entry):
    data = graph.nodes[entry]
    first, last, assumed = entry_period(data)
    return {"entry": entry, "name": data["name"], "type": data["type"],
            "start": data.get("start", ""), "end": data.get("end", ""),
            "first_day": first.isoformat(), "last_day": last.isoformat(), "assumed": assumed,
            "ends_early": last < PLAN_END, "timing_note": data.get("timing_note", "")}


def timeline(graph, year=None, ending=False):
    """Actions and projects by their period.

    Parameters
    ----------
    year : int, optional
        Only the entries running on at least one day of that year.
    ending : bool
        Only the entries that end within the plan period 2021-2025 before its last day
        (``ends_early``), sorted by their end.

    Returns
    -------
    list of dict
        Columns ``entry`` (id), ``name``, ``type``, ``start`` and ``end`` (as the tables give
        them, "" when missing), ``first_day`` and ``last_day`` (ISO dates used, see
        :func:`entry_period`), ``assumed``, ``ends_early`` (bool: ends before 2025-12-31),
        ``timing_note``. Sorted by name (with ``ending``: by last day, then name).

    Raises
    ------
    RimographError
        When the tables hold a date that :func:`rimograph.tables.parse_date` rejects (they are
        validated on loading, so only for a graph built by hand).
    """
    rows = []
    for entry in entries(graph):
        try:
            row = _entry_row(graph, entry)
        except ValueError as exc:
            raise RimographError(f"{entry}: {exc}") from None
        if year is not None and not (row["first_day"] <= f"{year}-12-31"
                                     and row["last_day"] >= f"{year}-01-01"):
            continue
        if ending and not (row["ends_early"] and row["last_day"] >= PLAN_START.isoformat()):
            continue
        rows.append(row)
    if ending:
        rows.sort(key=lambda r: (r["last_day"], r["name"]))
    else:
        rows.sort(key=lambda r: (r["name"], r["entry"]))
    return rows


def timeline_years(graph, years=PLAN_YEARS):
    """How many actions and projects run, start and end in each year.

    Returns
    -------
    list of dict
        One row per year with columns ``year``, ``running`` (entries running on at least one
        day of it), ``starting`` and ``ending`` (entries whose first or last day falls in it;
        assumed starts and ends, see :func:`entry_period`, are not counted), ``ending_names``
        (list). Sorted by year.
    """
    periods = [(e, *entry_period(graph.nodes[e])) for e in entries(graph)]
    rows = []
    for year in years:
        lo, hi = date(year, 1, 1), date(year, 12, 31)
        running = [e for e, first, last, _ in periods if first <= hi and last >= lo]
        starting = [e for e, first, _, assumed in periods
                    if lo <= first <= hi and "start" not in assumed]
        ending = [e for e, _, last, assumed in periods
                  if lo <= last <= hi and "end" not in assumed]
        rows.append({"year": year, "running": len(running), "starting": len(starting),
                     "ending": len(ending),
                     "ending_names": sorted(_name(graph, e) for e in ending)})
    return rows


# --------------------------------------------------------------------------------------------
# resources


def is_total(label):
    """Whether a row of the staffing table is its TOTAAL line."""
    return label.strip().upper().startswith("TOTAAL")


def fte_by_theme(tables):
    """Staff (FTE, Dutch VTE) per theme from the plan's staffing table (``graph/fte.csv``).

    Parameters
    ----------
    tables : dict
        As returned by :func:`rimograph.tables.load_tables` (validated).

    Returns
    -------
    list of dict
        One row per line of the table, in the plan's order, with columns ``label`` (as the
        plan writes it), ``theme`` (id, "" for lines that are no theme: quality and overhead,
        the total), ``theme_name``, ``fte_decretal``, ``fte_non_decretal``, ``fte_total``,
        ``decretal_share_pct`` (as the plan gives them), ``share_of_total_pct`` (this line's
        ``fte_total`` over the sum of all lines but the total, rounded to 1 decimal) and
        ``page``.
    """
    themes = {row["id"]: row["name"] for row in tables["themes.csv"]}
    lines = sorted(tables["fte.csv"], key=lambda r: (r["line_start"], r.row))
    total = sum(r["fte_total"] for r in lines if not is_total(r["strategic_goal_label"]))
    rows = []
    for row in lines:
        rows.append({
            "label": row["strategic_goal_label"], "theme": row["theme"] or "",
            "theme_name": themes.get(row["theme"], ""),
            "fte_decretal": row["fte_decretal"], "fte_non_decretal": row["fte_non_decretal"],
            "fte_total": row["fte_total"], "decretal_share_pct": row["decretal_share_pct"],
            "share_of_total_pct": round(100 * row["fte_total"] / total, 1) if total else 0.0,
            "page": row["page"],
        })
    return rows


def budget_by_year(tables, scope=None):
    """The budget figures of the plan's annex (``graph/budget.csv``), one row per item.

    Parameters
    ----------
    tables : dict
        As returned by :func:`rimograph.tables.load_tables` (validated).
    scope : str, optional
        Only the budget of this scope (e.g. ``vzw``, the whole organisation, or
        ``ac-vlaamse-overheid``, the part funded by the Flemish government), when the table has
        a ``scope`` column.

    Returns
    -------
    list of dict
        Columns ``scope``, ``section`` (opbrengsten, kosten, resultaat, ...), ``code`` (account
        code, "" when the table has none), ``item``, then one column per year (``"2021"`` ...,
        amount in euro, ``None`` where the plan gives none), ``pages`` (list). Ordered as the
        plan lists them: scopes in order of appearance, items by their line in the first year.
    """
    lines = sorted(tables["budget.csv"], key=lambda r: (r["line_start"], r.row))
    years = sorted({r["year"] for r in lines})
    pivot: dict[tuple, dict] = {}
    for row in lines:
        row_scope = row.get("scope") or ""
        if scope and row_scope != scope:
            continue
        key = (row_scope, row["section"], row.get("code") or "", row["item"])
        item = pivot.setdefault(key, {"scope": key[0], "section": key[1], "code": key[2],
                                      "item": key[3], **{str(y): None for y in years},
                                      "pages": set(), "_order": (row["year"], row["line_start"])})
        amount = row["amount_eur"]
        item[str(row["year"])] = int(amount) if float(amount).is_integer() else amount
        item["pages"].add(row["page"])
    scopes = list(dict.fromkeys(k[0] for k in pivot))
    rows = sorted(pivot.values(), key=lambda r: (scopes.index(r["scope"]), r["_order"]))
    for row in rows:
        del row["_order"]
        row["pages"] = sorted(row["pages"])
    return rows
