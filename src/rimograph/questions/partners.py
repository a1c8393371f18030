"""Which partners work across themes."""

from __future__ import annotations

from ..core.model import ENTRY_TYPES, entry_themes, sources_of


def _themes_by_entry(graph) -> dict[str, list]:
    """:func:`entry_themes` of every action and project, computed once per action (a project
    shares its action's list): a partner question then costs a lookup per partnership."""
    themes_of = {}
    for action, node_type in graph.nodes(data="type"):
        if node_type == "StrategicAction":
            themes = themes_of[action] = entry_themes(graph, action)
            for project in sources_of(graph, action, "PART_OF"):
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
        partner_entries = sources_of(graph, partner, "PARTNERS_WITH")
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
