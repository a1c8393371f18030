"""The plan's actions and projects as one list, filterable like the maps."""

from __future__ import annotations

from ..core.model import (
    actions_by_entry,
    node_name,
    out_adjacency,
    place_municipalities,
    select_entries,
    sources_of,
    targets_of,
    themes_by_entry,
)
from ..core.memory import paused_gc


def entry_list(graph, theme=None, goal=None, municipalities=None, year=None, target_groups=None):
    """Every strategic action with its projects under it, with their main facts.

    The filters are those of :func:`rimograph.core.model.select_entries`: ``theme`` and
    ``goal`` are ids, ``municipalities`` and ``target_groups`` collections of ids (an entry
    qualifies when it is active in one of them / targets one of them), ``year`` an int. Returns rows with columns ``entry`` (id), ``name``,
    ``type`` (StrategicAction/Project), ``action`` (the parent action's name; the action's own
    for an action), ``sector`` and ``transversal`` (bool; for a project its action's),
    ``scope`` (local/province/flanders), ``start`` and ``end`` (ISO dates as the plan gives
    them, "" when missing), ``partners_open_ended`` (bool: the plan's partner list ends in
    "…", "etc."), ``partners`` (count), ``themes``, ``municipalities`` and ``target_groups``
    (lists of names, by id), ``page``. Sorted by action name, each action before its projects,
    projects by name (plain string order, as Neo4j's ``ORDER BY``).
    """
    with paused_gc():  # 65k rows at 1M edges, all kept: the collector would walk them
        return _entry_rows(graph, theme, goal, municipalities, year, target_groups)


def _entry_rows(graph, theme, goal, municipalities, year, target_groups):
    nodes = graph.nodes
    name = nodes.data("name").__getitem__
    action_of = actions_by_entry(graph)
    themes_of = themes_by_entry(graph, action_of)
    theme_names = {}  # one list of names per action (its projects share it)
    towns_of = {}  # place -> its municipalities (a neighbourhood's town)
    rows = []
    for entry in select_entries(graph, theme, goal, municipalities, year, target_groups):
        data = nodes[entry]
        action_data = nodes[action_of[entry]]
        themes = themes_of[entry]
        if id(themes) not in theme_names:  # themes_of keeps every list alive: ids stay unique
            theme_names[id(themes)] = [name(t) for t in themes]
        partners, towns, groups = 0, set(), []
        for neighbour, keys in out_adjacency(graph, entry).items():  # one pass over its edges
            if "PARTNERS_WITH" in keys:  # to a partner: no other relation
                partners += 1
                continue
            if "ACTIVE_IN" in keys:
                if neighbour not in towns_of:
                    towns_of[neighbour] = place_municipalities(graph, neighbour)
                towns.update(towns_of[neighbour])
            if "TARGETS" in keys:
                groups.append(neighbour)
        rows.append({
            "entry": entry, "name": data["name"], "type": data["type"],
            "action": action_data["name"],
            "sector": bool(action_data.get("sector")),
            "transversal": bool(action_data.get("transversal")),
            "scope": data["scope"], "start": data.get("start", ""), "end": data.get("end", ""),
            "partners_open_ended": bool(data.get("partners_open_ended")),
            "partners": partners,
            "themes": list(theme_names[id(themes)]),
            "municipalities": [name(m) for m in sorted(towns)],
            "target_groups": [name(t) for t in sorted(groups)],
            "page": data.get("page", ""),
        })
    rows.sort(key=lambda r: (r["action"], r["type"] != "StrategicAction", r["name"], r["entry"]))
    return rows


def partners_in_municipality(graph, municipalities, include_generic=False):
    """The partners of a municipality: those of the local actions and projects there, and
    those based there, told apart.

    ``municipalities`` is a collection of ids (a municipality, or the ones merged into a 2025
    municipality). An entry counts when it is active there (directly or through a neighbourhood);
    province-wide and Flemish entries are not counted. Returns rows with columns ``partner``
    (id), ``name``, ``kind``, ``based_here`` (bool: BASED_IN the municipality), ``entries``
    (count of local entries that partner with it), ``entry_names`` (list), sorted by entries
    descending, then name (plain string order). Generic partners (categories, roles) only with ``include_generic``.
    """
    wanted = set(municipalities)
    local = select_entries(graph, municipality=wanted)
    partners: dict[str, set] = {}
    for entry in local:
        for partner in targets_of(graph, entry, "PARTNERS_WITH"):
            partners.setdefault(partner, set()).add(entry)
    for town in wanted:
        for partner in sources_of(graph, town, "BASED_IN"):
            partners.setdefault(partner, set())
    rows = []
    for partner, here in partners.items():
        data = graph.nodes[partner]
        if data.get("generic") and not include_generic:
            continue
        rows.append({"partner": partner, "name": data["name"], "kind": data["kind"],
                     "based_here": bool(wanted.intersection(targets_of(graph, partner,
                                                                       "BASED_IN"))),
                     "entries": len(here),
                     "entry_names": sorted(node_name(graph, e) for e in here)})
    rows.sort(key=lambda r: (-r["entries"], r["name"], r["partner"]))
    return rows
