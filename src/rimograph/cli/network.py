"""The network analyses: path, centrality, brokers, communities, overlap."""

from __future__ import annotations

import click

from ..core.i18n import _
from .common import (
    GENERIC_HELP,
    emit,
    format_option,
    graph_option,
    note,
    say,
)


#: the node types of the partner network, where a path keeps to its relations by default
NETWORK_TYPES = ("Partner", "StrategicAction", "Project")
RELATION_TYPES = ("ACTIVE_IN", "BASED_IN", "BROADER", "CONTRIBUTES_TO", "HAS_THEME",
                  "LOCATED_IN", "PARTNERS_WITH", "PART_OF", "TARGETS")


@click.command()
@click.argument("source")
@click.argument("target")
@click.option("--limit", type=click.IntRange(min=0), default=10, show_default=True,
              help="Most paths to print (0 = all).")
@click.option("--relation", "relations", multiple=True, type=click.Choice(RELATION_TYPES),
              help="Relations a path may use (repeat for several) [default: PARTNERS_WITH "
              "and PART_OF, the partner network, between partners, actions and projects; "
              "else every relation].")
@click.option("--all-relations", is_flag=True, help="Let paths use every relation (also "
              "shared goals, target groups and places).")
@click.option("--include-generic", is_flag=True, help=GENERIC_HELP)
@format_option
@graph_option
def path(graph, source, target, limit, relations, all_relations, include_generic, fmt):
    """The shortest connections between two nodes, as chains of relations.

    SOURCE and TARGET are ids or names, matched like `rimograph show` does. Between two
    partners, actions or projects a path runs by default through the partner network (works
    with, part of); when an end is anything else (a municipality, a theme, a goal) through
    every relation. Direction is ignored for the search and shown on each step (-TYPE-> or
    <-TYPE-). When there is no path, the message says which option gives one.

    \b
    Columns: path, hops, chain, nodes (ids; json only).
    Examples:
      rimograph path Woonzaak "Lokaal bestuur Genk"
      rimograph path "Vlaams Huurdersplatform" "CAW Limburg"
      rimograph path "CAW Limburg" Genk
    """
    import re

    from ..core.model import find_nodes
    from ..outputs.columns import word
    from ..questions.network import shortest_paths

    ends = []
    for name in (source, target):
        found, told = find_nodes(graph, name)
        ends.extend(found)
        if told:
            say(told, err=True)
    if not relations and not all_relations:
        if all(graph.nodes[n]["type"] in NETWORK_TYPES for n in ends):
            relations = ("PARTNERS_WITH", "PART_OF")
        else:
            all_relations = True
    rows = shortest_paths(graph, source, target, limit, include_generic,
                          None if all_relations else relations)
    if fmt not in ("csv", "json"):  # the relations in words: "-werkt samen met->"
        for row in rows:
            row["chain"] = re.sub(r"(<?-)([A-Z_|]+)(->?)", lambda m: m[1] + "|".join(
                word(t) for t in m[2].split("|")) + m[3], row["chain"])
    emit(rows, fmt, ["path", "hops", "chain"] + (["nodes"] if fmt == "json" else []))


@click.command()
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True,
              help="Rows to print (0 = all).")
@click.option("--include-generic", is_flag=True, help=GENERIC_HELP)
@format_option
@graph_option
def centrality(graph, top, include_generic, fmt):
    """Partners ranked by degree, themes and betweenness in the partner-action network.

    Degree = number of actions and projects a partner works in; themes = themes of those
    (certain contributions only); betweenness = networkx betweenness_centrality (normalised,
    exact) on the bipartite network of actions/projects and partners.

    \b
    Columns: partner (id), name, kind, degree, themes, theme_names, betweenness.
    Example:
      rimograph centrality --top 10
    """
    from ..questions.network import centrality as rank

    rows = rank(graph, include_generic)
    emit(rows[:top] if top else rows, fmt,
         ["partner", "name", "kind", "degree", "themes", "theme_names", "betweenness"])


@click.command()
@click.option("--include-generic", is_flag=True, help=GENERIC_HELP)
@format_option
@graph_option
def brokers(graph, include_generic, fmt):
    """Partners whose removal would split the partner network or orphan an action.

    Articulation points of the actions/projects-partners network (networkx
    articulation_points) and partners that are the only partner of an action or project
    (a bridge to an entry of degree 1).

    \b
    Columns: partner (id), name, kind, degree, articulation, pieces, cut_off,
             cut_off_entries, sole_partner_of.
    """
    from ..questions.network import brokers as find

    emit(find(graph, include_generic), fmt,
         ["partner", "name", "kind", "degree", "articulation", "pieces", "cut_off",
          "cut_off_entries", "sole_partner_of"])


@click.command()
@click.option("--seed", type=int, default=42, show_default=True, help="Louvain random seed.")
@click.option("--resolution", type=click.FloatRange(min=0, min_open=True), default=1.0,
              show_default=True, help="Louvain resolution (higher: smaller communities).")
@click.option("--min-size", type=click.IntRange(min=1), default=2, show_default=True,
              help="Smallest community to print.")
@click.option("--include-generic", is_flag=True, help=GENERIC_HELP)
@format_option
@graph_option
def communities(graph, seed, resolution, min_size, include_generic, fmt):
    """Clusters of actions, projects and partners that work together.

    networkx louvain_communities with a fixed seed on the partner-action network (nodes
    without any partnership left out); each community is named after its three most
    connected members; the modularity of the partition is reported.

    \b
    Columns: community, label, size, entries, partners, entry_names, partner_names,
             members (ids) and modularity (csv/json).
    Example:
      rimograph communities --resolution 1.5
    """
    from ..questions.network import communities as detect

    rows = detect(graph, include_generic, seed, resolution)
    shown = [r for r in rows if r["size"] >= min_size]
    if fmt != "table":
        emit(shown, fmt)
        return
    emit(shown, fmt, ["community", "label", "size", "entries", "partners", "entry_names",
                      "partner_names"])
    if rows:
        from ..core.numbers import format_number

        click.echo("")
        note(_("{n} communities (Louvain, seed {seed}, resolution {resolution}), modularity "
               "{modularity}; {hidden} smaller than {min_size} not shown.").format(
            n=len(rows), seed=seed, resolution=format_number(resolution),
            modularity=format_number(rows[0]["modularity"]), hidden=len(rows) - len(shown),
            min_size=min_size))


@click.command()
@click.argument("kind", type=click.Choice(["actions", "partners"]), default="actions")
@click.option("--min-shared", type=click.IntRange(min=1), default=2, show_default=True,
              help="Least number of shared partners (or actions) for a pair.")
@click.option("--include-generic", is_flag=True, help=GENERIC_HELP)
@format_option
@graph_option
def overlap(graph, kind, min_shared, include_generic, fmt):
    """Pairs of actions that share partners, or of partners that share actions.

    KIND is `actions` (pairs of actions and projects, with their shared partners; the
    default) or `partners` (pairs of partners, with their shared actions and projects).
    Bipartite projections of the partner-action network.

    \b
    Columns: a, a_name, b, b_name, shared, shared_names, jaccard.
    Examples:
      rimograph overlap actions --min-shared 3
      rimograph overlap partners --format csv
    """
    from ..questions.network import overlap as pairs

    columns = ["a", "a_name", "b", "b_name", "shared", "shared_names", "jaccard"]
    emit(pairs(graph, kind, min_shared, include_generic), fmt,
         ["a_name", "b_name", "shared", "shared_names", "jaccard"] if fmt == "table"
         else columns)
