"""Coverage: where the plan is active and which goals its actions serve."""

from __future__ import annotations

from ..core.model import (
    ENTRY_TYPES,
    entries,
    in_edges_of,
    node_name,
    out_edges_of,
    parent_action,
    select_entries,
    targets_of,
)


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
        for place in targets_of(graph, entry, "ACTIVE_IN"):
            towns = towns_of_place.get(place)
            if towns is None:
                towns = towns_of_place[place] = (
                    [place] if types[place] == "Municipality"
                    else targets_of(graph, place, "LOCATED_IN"))
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
    rows = [{"entry": e, "name": node_name(graph, e), "type": graph.nodes[e]["type"],
             "scope": graph.nodes[e]["scope"]}
            for e in entries(graph) if graph.nodes[e]["scope"] != "local"]
    return sorted(rows, key=lambda r: r["name"])


def goal_coverage(graph, include_internal=False, municipalities=None):
    """For each operational goal, the strategic actions contributing to it.

    With ``municipalities`` (ids: a municipality, or a 2025 municipality's parts), only the
    actions active there count: the action itself or one of its projects is active in one of
    them, directly or through a neighbourhood (province-wide work is not counted).

    Returns rows with columns ``goal`` (id), ``name``, ``strategic_goal`` (name), ``theme``
    (name or ""), ``certain`` and ``possible`` (counts of actions, counted apart),
    ``certain_actions`` and ``possible_actions`` (lists), sorted with the least-covered goals
    first (certain ascending, then possible ascending, then name). Internal goals (SD Interne
    organisatie), which no strategic action serves, only with ``include_internal``.
    """
    local = None
    if municipalities:
        local = {parent_action(graph, e) for e in select_entries(graph,
                                                                 municipality=municipalities)}
    rows = []
    for goal, data in graph.nodes(data=True):
        if data["type"] != "OperationalGoal" or (data["scope"] == "internal" and not include_internal):
            continue
        by_certainty = {"certain": [], "possible": []}
        for action, edge in in_edges_of(graph, goal, "CONTRIBUTES_TO"):
            if local is not None and action not in local:
                continue
            by_certainty[edge["certainty"]].append(node_name(graph, action))
        theme = out_edges_of(graph, goal, "HAS_THEME")
        rows.append({
            "goal": goal, "name": data["name"],
            "strategic_goal": node_name(graph, out_edges_of(graph, goal, "PART_OF")[0][0]),
            "theme": node_name(graph, theme[0][0]) if theme else "",
            "certain": len(by_certainty["certain"]), "possible": len(by_certainty["possible"]),
            "certain_actions": sorted(by_certainty["certain"]),
            "possible_actions": sorted(by_certainty["possible"]),
        })
    rows.sort(key=lambda r: (r["certain"], r["possible"], r["name"]))
    return rows
