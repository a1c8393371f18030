"""Where the plan names a municipality, and which municipalities it never names.

Facts: ``graph/sections.csv`` and ``graph/mentions.csv`` (see
:mod:`rimograph.source.mentions` for what counts as a mention), as MENTIONED_IN edges from a
Municipality to a Section.
"""

from __future__ import annotations

from ..core.model import node_name, out_edges_of, select_entries


def mentions(graph, id):
    """The sections of the plan that name node ``id`` (a municipality).

    Returns rows with columns ``section`` (id), ``title``, ``page`` (of the first line),
    ``line`` (the first line), ``lines`` (every line, "; "-joined), ``count`` (lines),
    ``as_written`` (the strings found, "; "-joined), in the plan's order (by first line).
    """
    rows = [{"section": section, "title": node_name(graph, section), "page": edge["page"],
             "line": edge["line_start"], "lines": edge["lines"], "count": edge["mentions"],
             "as_written": edge["names"]}
            for section, edge in out_edges_of(graph, id, "MENTIONED_IN")]
    rows.sort(key=lambda r: (r["line"], r["section"]))
    return rows


def municipality_mentions(graph):
    """Every municipality (2019-2024) by whether the plan names it and works there.

    Returns rows with columns ``municipality`` (id), ``name``, ``name_2025``, ``status``
    (``never-mentioned``; ``mentioned-without-action``: named, but no local action or project;
    ``with-action``), ``sections`` (count of sections naming it), ``section_titles`` (list, in
    the plan's order), ``entries`` (count of local actions and projects), sorted by status in
    that order, then name.
    """
    rows = []
    for node, data in graph.nodes(data=True):
        if data["type"] != "Municipality":
            continue
        named = out_edges_of(graph, node, "MENTIONED_IN")
        named.sort(key=lambda item: item[1]["line_start"])
        local = len(select_entries(graph, municipality=node))
        status = ("with-action" if local else
                  "mentioned-without-action" if named else "never-mentioned")
        rows.append({"municipality": node, "name": data["name"], "name_2025": data["name_2025"],
                     "status": status, "sections": len(named),
                     "section_titles": [node_name(graph, s) for s, _ in named],
                     "entries": local})
    rows.sort(key=lambda r: (r["entries"] > 0, r["sections"] > 0, r["name"], r["municipality"]))
    return rows
