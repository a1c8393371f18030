"""The ``rimograph`` command line: parses options, calls the library, prints the answer."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from .. import __version__
from ..core.errors import DataError, RimographError
from ..outputs.labels import LABELS, TYPE_STYLE
from ..outputs.render import FORMATS, render


class Group(click.Group):
    """A click group that turns rimograph's errors into one clear message and exit code 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DataError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            raise click.ClickException(f"{len(exc.problems)} problem(s) in the tables; "
                                       "fix them and run `rimograph validate`") from None
        except RimographError as exc:
            raise click.ClickException(str(exc)) from None
        except BrokenPipeError:  # output piped into `head`, which has read enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except OSError as exc:  # a file that cannot be read or written: no traceback
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from None


def format_option(func):
    """Add ``--format table|csv|json`` (table by default)."""
    return click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                        show_default=True, help="Output: aligned table, CSV or JSON.")(func)


def graph_option(func):
    """Add ``--graph DIR`` and pass the loaded, validated embedded graph as ``graph``."""

    @click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path),
                  default=None, help="Folder with the curated tables [default: ./graph, "
                  "or $RIMOGRAPH_GRAPH, or the checkout's graph/].")
    @functools.wraps(func)
    def wrapper(graph_dir, **kwargs):
        from ..core.load import load_graph

        if kwargs.get("backend") == "neo4j":  # answered by the server: graph/ is not read
            return func(graph=None, **kwargs)
        graph = load_graph(graph_dir)
        if graph.number_of_edges() >= 100_000:
            # a sector-sized graph lives until the command ends: keep the garbage collector
            # from walking its millions of objects again (about 0.5 s a walk at 1M edges)
            import gc

            gc.freeze()
        return func(graph=graph, **kwargs)

    return wrapper


def neo4j_options(func):
    """Add ``--uri --user --password --database`` (defaults from ``NEO4J_URI``, ``NEO4J_USER``,
    ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``) and pass them as ``neo4j``, a dict for
    :func:`rimograph.backends.neo4j.connect`."""

    @click.option("--uri", envvar="NEO4J_URI", default="bolt://localhost:7687",
                  show_default=True, show_envvar=True, help="Neo4j server.")
    @click.option("--user", envvar="NEO4J_USER", default="neo4j", show_default=True,
                  show_envvar=True, help="Neo4j user.")
    @click.option("--password", envvar="NEO4J_PASSWORD", default=None, show_envvar=True,
                  help="Neo4j password [default: none, no authentication].")
    @click.option("--database", envvar="NEO4J_DATABASE", default="neo4j", show_default=True,
                  show_envvar=True, help="Neo4j database.")
    @functools.wraps(func)
    def wrapper(uri, user, password, database, **kwargs):
        return func(neo4j={"uri": uri, "user": user, "password": password,
                           "database": database}, **kwargs)

    return wrapper


def backend_option(func):
    """Add ``--backend embedded|neo4j`` and the Neo4j connection options (see
    :func:`neo4j_options`); put it above :func:`graph_option`."""
    return click.option(
        "--backend", type=click.Choice(["embedded", "neo4j"]), default="embedded",
        show_default=True, help="Answer from graph/ in-process, or from a Neo4j server that "
        "holds the pushed graph (`rimograph neo4j push`).")(neo4j_options(func))


def answer(graph, backend, neo4j, query_name, question, **params):
    """The rows of a question: ``question(graph, **params)`` on the embedded graph, or the
    named query ``queries/<query_name>.cypher`` on Neo4j (same rows)."""
    if backend == "neo4j":
        from ..backends.neo4j import answer as ask_neo4j

        return ask_neo4j(neo4j, query_name, **params)
    return question(graph, **params)


_GENERIC_HELP = "Include generic partners (categories such as 'lokale besturen', roles)."


def emit(rows, fmt, columns=None):
    click.echo(render(rows, fmt, columns))


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rimograph")
def cli():
    """Ask questions of RIMO Limburg's multi-year plan 2021-2025, as a graph.

    Goals, themes, strategic actions, projects, partners, municipalities, neighbourhoods and
    target groups come from the curated tables in graph/, every fact citing the plan's page
    and lines.

    \b
    Examples:
      rimograph validate
      rimograph partners --min-themes 2
      rimograph coverage municipalities
      rimograph show "CAW Limburg"
      rimograph map --out exports/rimo-limburg.html
    """


@cli.command()
@click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder with the curated tables [default: ./graph].")
def validate(graph_dir):
    """Check the tables in graph/: schema, unique ids, references, dates, municipalities.

    Prints every problem as `file:row: field: what is wrong` (row = spreadsheet row, the header
    is row 1) and exits with code 1 if there is any; prints the node and edge counts if not.
    """
    from ..core.load import graph_folder
    from ..core.model import build_graph
    from ..core.tables import load_tables

    graph_dir = graph_folder(graph_dir)
    graph = build_graph(load_tables(graph_dir))
    click.echo(f"{graph_dir}: OK, {graph.number_of_nodes()} nodes, "
               f"{graph.number_of_edges()} edges")


@cli.command()
@click.option("--min-themes", type=click.IntRange(min=1), default=None,
              help="Least number of themes a partner must span [default: 2, or 1 with "
              "--theme].")
@click.option("--theme", metavar="NAME", help="Only partners working on this theme "
              "(e.g. Wonen).")
@click.option("--include-generic", is_flag=True,
              help="Also list generic partners (categories such as 'lokale besturen', roles).")
@format_option
@backend_option
@graph_option
def partners(graph, min_themes, theme, include_generic, fmt, backend, neo4j):
    """Partners that work across several themes, or on one theme.

    A partner works on a theme when it partners in an action or project that certainly
    contributes to an operational goal of that theme (themes: Sociale bescherming, Wonen,
    Onderwijs, Krachtige buurten en steden, Collectief burgerschap).

    \b
    Columns: partner (id), name, kind, themes (count), theme_names,
             entries (actions and projects), entry_names.
    Examples:
      rimograph partners --min-themes 3 --format csv
      rimograph partners --theme wonen
    """
    from ..core.model import normalise
    from ..questions.partners import partners_spanning_themes

    if min_themes is None:
        min_themes = 1 if theme else 2
    rows = answer(graph, backend, neo4j, "partners-spanning-themes", partners_spanning_themes,
                  min_themes=min_themes, include_generic=include_generic)
    if theme:
        # the themes of the graph (on Neo4j: those the answer names)
        themes = sorted({d["name"] for _, d in graph.nodes(data=True) if d["type"] == "Theme"}
                        if graph is not None else {t for r in rows for t in r["theme_names"]})
        if normalise(theme) not in {normalise(t) for t in themes}:
            raise click.BadParameter(f"{theme!r} is not a theme; choose one of: "
                                     + ", ".join(themes), param_hint="--theme")
        rows = [r for r in rows if normalise(theme) in map(normalise, r["theme_names"])]
    emit(rows, fmt, ["partner", "name", "kind", "themes", "theme_names", "entries",
                     "entry_names"])


@cli.group(cls=Group)
def coverage():
    """Coverage of municipalities and goals by the plan's actions and projects."""


@coverage.command("municipalities")
@format_option
@backend_option
@graph_option
def coverage_municipalities(graph, fmt, backend, neo4j):
    """For each of the 42 municipalities, the actions and projects active there.

    Active directly or through one of its neighbourhoods; municipalities without any are
    listed first. Province-wide actions are not counted as local coverage: in table format they
    are listed below the table; `rimograph coverage province` lists them on their own.

    \b
    Columns: municipality (id), nis, name, name_2025 (after the 2025 mergers),
             entries (count), entry_names.
    """
    from ..questions.coverage import municipality_coverage, province_wide

    rows = answer(graph, backend, neo4j, "municipality-coverage", municipality_coverage)
    emit(rows, fmt, ["municipality", "nis", "name", "name_2025", "entries", "entry_names"])
    if fmt == "table":
        wide = answer(graph, backend, neo4j, "province-wide", province_wide)
        uncovered = sum(1 for r in rows if not r["entries"])
        click.echo(f"\n{uncovered} of {len(rows)} municipalities have no local action or project.")
        click.echo(f"Province-wide or Flemish, not counted above ({len(wide)}): "
                   + "; ".join(r["name"] for r in wide))


@coverage.command("province")
@format_option
@backend_option
@graph_option
def coverage_province(graph, fmt, backend, neo4j):
    """Actions and projects that work province-wide or Flanders-wide (scope not local).

    \b
    Columns: entry (id), name, type, scope.
    """
    from ..questions.coverage import province_wide

    emit(answer(graph, backend, neo4j, "province-wide", province_wide), fmt,
         ["entry", "name", "type", "scope"])


@coverage.command("goals")
@click.option("--include-internal", is_flag=True,
              help="Also list the internal goals (SD Interne organisatie).")
@format_option
@backend_option
@graph_option
def coverage_goals(graph, include_internal, fmt, backend, neo4j):
    """For each operational goal, the strategic actions that contribute to it.

    Certain contributions (reconstructed from each action's text) and possible ones (the
    overview table's "(x)" marks) are counted apart; the least-covered goals come first.

    \b
    Columns: goal (id), name, strategic_goal, theme, certain, possible,
             certain_actions, possible_actions.
    """
    from ..questions.coverage import goal_coverage

    emit(answer(graph, backend, neo4j, "goal-coverage", goal_coverage,
                include_internal=include_internal), fmt,
         ["goal", "name", "strategic_goal", "theme", "certain", "possible", "certain_actions",
          "possible_actions"])


@cli.command()
@click.argument("name")
@format_option
@backend_option
@graph_option
def show(graph, name, fmt, backend, neo4j):
    """Show one node: its attributes, its citation in the plan and its neighbours.

    NAME is an id (partner:caw-limburg) or a name; matching ignores case, accents and
    punctuation, and accepts a part of the name. When several nodes match, their ids are
    listed.

    \b
    Examples:
      rimograph show woonzaak
      rimograph show "caw limburg" --format json
    """
    from ..core.model import find_node
    from ..questions.nodes import neighbours

    if backend == "neo4j":
        from ..backends.neo4j import show_node

        attrs, rows = show_node(neo4j, name)
    else:
        node = find_node(graph, name)
        attrs = {"id": node, **graph.nodes[node]}
        rows = neighbours(graph, node)
    if fmt == "json":
        import json

        click.echo(json.dumps({"node": attrs, "neighbours": rows}, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        emit(rows, fmt)
        return
    emit([{"attribute": k, "value": v} for k, v in attrs.items()], fmt)
    click.echo("")
    emit(rows, fmt, ["relation", "direction", "other_type", "other_name", "other", "certainty",
                     "basis", "page"])


@cli.command()
@format_option
@backend_option
@graph_option
def stats(graph, fmt, backend, neo4j):
    """Node and edge counts by type.

    \b
    Columns: kind (node or edge), type, count.
    """
    from ..questions.nodes import stats as count

    emit(answer(graph, backend, neo4j, "stats", count), fmt)


@cli.command("map")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("exports/rimo-limburg.html"), show_default=True,
              help="HTML file to write (folders are created).")
@click.option("--focus", metavar="NAME", help="Show the network around one node "
              "(partner, action, municipality, goal; a name or an id).")
@click.option("--depth", type=click.IntRange(1, 5), default=1, show_default=True,
              help="Steps around --focus.")
@click.option("--theme", metavar="NAME", help="Only actions and projects of this theme.")
@click.option("--goal", metavar="NAME", help="Only actions (and their projects) contributing "
              "to this operational goal.")
@click.option("--municipality", metavar="NAME", help="Only actions and projects active in "
              "this municipality (directly or in one of its neighbourhoods); a 2025 name "
              "such as Bilzen-Hoeselt takes the municipalities merged into it.")
@click.option("--year", type=click.IntRange(2000, 2100), help="Only actions and projects "
              "running in this year.")
@click.option("--type", "types", multiple=True, type=click.Choice(sorted(TYPE_STYLE)),
              help="Node types to include (repeat the option for several).")
@click.option("--include-generic", is_flag=True, help=_GENERIC_HELP)
@click.option("--public", is_flag=True, help="Leave out internal facts (FTE, notes); the "
              "footer says it is the public version.")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the title, legend, panel and tooltips.")
@graph_option
def map_command(graph, out, focus, depth, theme, goal, municipality, year, types,
                include_generic, public, lang):
    """Write an interactive network map as one offline HTML file.

    The file needs no internet (vis-network is inlined) and shows a legend, a filter panel
    (type, theme, municipality, year), search by name, neighbours on click and tooltips that
    cite the plan's page. Positions are computed with a fixed seed, so the same data gives the
    same picture; node size grows with degree; possible contributions are dashed.

    \b
    Examples:
      rimograph map
      rimograph map --focus Woonzaak --depth 2 --year 2023 --out exports/woonzaak.html
      rimograph map --municipality Genk --type StrategicAction --type Project --type Partner
      rimograph map --theme Wonen --public --lang en
    """
    from ..core.errors import NotFound
    from ..outputs.maps import describe, select, write_map
    from ..core.model import find_node, normalise

    def node(name, wanted):
        """The node of type ``wanted`` named ``name`` (suggestions only among that type)."""
        return find_node(graph.subgraph(n for n, t in graph.nodes(data="type") if t == wanted),
                         name)

    def towns(name):
        """A municipality of 2019-2024, or the ones merged into a 2025 municipality."""
        try:
            return node(name, "Municipality")
        except NotFound:
            merged = {n for n, d in graph.nodes(data=True) if d["type"] == "Municipality"
                      and normalise(d["name_2025"]) == normalise(name)}
            if not merged:
                raise
            return merged

    if focus is not None and not focus.strip():
        raise click.BadParameter("give a name or an id", param_hint="--focus")
    nodes, facts = select(graph, focus=find_node(graph, focus) if focus else None,
                          depth=depth, theme=theme and node(theme, "Theme"),
                          goal=goal and node(goal, "OperationalGoal"),
                          municipality=municipality and towns(municipality), year=year,
                          types=set(types), include_generic=include_generic)
    words = LABELS[lang]
    footer = words["footer"] + (" " + words["public"] if public else "")
    write_map(graph, out, describe(facts, lang), lang, footer, nodes, public)
    shown = graph.subgraph(nodes)
    click.echo(f"{out}: {shown.number_of_nodes()} nodes, {shown.number_of_edges()} edges")


RELATION_TYPES = ("ACTIVE_IN", "BASED_IN", "CONTRIBUTES_TO", "HAS_THEME", "LOCATED_IN",
                  "PARTNERS_WITH", "PART_OF", "TARGETS")


@cli.command()
@click.argument("source")
@click.argument("target")
@click.option("--limit", type=click.IntRange(min=0), default=10, show_default=True,
              help="Most paths to print (0 = all).")
@click.option("--relation", "relations", multiple=True, type=click.Choice(RELATION_TYPES),
              help="Relations a path may use (repeat for several) [default: PARTNERS_WITH "
              "and PART_OF, the partner network].")
@click.option("--all-relations", is_flag=True, help="Let paths use every relation (also "
              "shared goals, target groups and places).")
@click.option("--include-generic", is_flag=True, help=_GENERIC_HELP)
@format_option
@graph_option
def path(graph, source, target, limit, relations, all_relations, include_generic, fmt):
    """The shortest connections between two nodes, as chains of relations.

    SOURCE and TARGET are ids or names, matched like `rimograph show` does. Direction is
    ignored for the search and shown on each step (-TYPE-> or <-TYPE-).

    \b
    Columns: path, hops, chain, nodes (ids; json only).
    Examples:
      rimograph path Woonzaak "Lokaal bestuur Genk"
      rimograph path "Vlaams Huurdersplatform" "CAW Limburg"
      rimograph path Woonzaak Genk --all-relations
    """
    from ..questions.network import shortest_paths

    if not relations and not all_relations:
        relations = ("PARTNERS_WITH", "PART_OF")
    rows = shortest_paths(graph, source, target, limit, include_generic,
                          None if all_relations else relations)
    emit(rows, fmt, ["path", "hops", "chain"] + (["nodes"] if fmt == "json" else []))


@cli.command()
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True,
              help="Rows to print (0 = all).")
@click.option("--include-generic", is_flag=True, help=_GENERIC_HELP)
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


@cli.command()
@click.option("--include-generic", is_flag=True, help=_GENERIC_HELP)
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


@cli.command()
@click.option("--seed", type=int, default=42, show_default=True, help="Louvain random seed.")
@click.option("--resolution", type=click.FloatRange(min=0, min_open=True), default=1.0,
              show_default=True, help="Louvain resolution (higher: smaller communities).")
@click.option("--min-size", type=click.IntRange(min=1), default=2, show_default=True,
              help="Smallest community to print.")
@click.option("--include-generic", is_flag=True, help=_GENERIC_HELP)
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
        click.echo(f"\n{len(rows)} communities (Louvain, seed {seed}, resolution {resolution}), "
                   f"modularity {rows[0]['modularity']}; {len(rows) - len(shown)} smaller "
                   f"than {min_size} not shown.")


@cli.command()
@click.argument("kind", type=click.Choice(["actions", "partners"]), default="actions")
@click.option("--min-shared", type=click.IntRange(min=1), default=2, show_default=True,
              help="Least number of shared partners (or actions) for a pair.")
@click.option("--include-generic", is_flag=True, help=_GENERIC_HELP)
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


@cli.command()
@click.option("--year", type=click.IntRange(1900, 2100),
              help="List the actions and projects running in this year.")
@click.option("--ending", is_flag=True,
              help="List the actions and projects that end before the plan period does.")
@format_option
@graph_option
def timeline(graph, year, ending, fmt):
    """Actions and projects over time.

    Without options: per year of the plan (2021-2025) how many run, start and end. A missing
    start is taken as 2021-01-01 and a missing or open end as 2025-12-31 (column `assumed`);
    dates of month or year precision cover the whole month or year.

    \b
    Columns: year, running, starting, ending, ending_names;
    with --year or --ending: entry (id), name, type, start, end, first_day, last_day,
             assumed, ends_early, timing_note.
    Examples:
      rimograph timeline
      rimograph timeline --year 2024
      rimograph timeline --ending --format csv
    """
    from ..questions.time import timeline as running, timeline_years

    if year is None and not ending:
        emit(timeline_years(graph), fmt)
        return
    columns = ["entry", "name", "type", "start", "end", "first_day", "last_day", "assumed",
               "ends_early", "timing_note"]
    if fmt == "table":
        columns = ["name", "type", "start", "end", "assumed", "ends_early"]
    emit(running(graph, year, ending), fmt, columns)


@cli.command()
@click.argument("what", type=click.Choice(["fte", "budget"]), default="fte")
@click.option("--scope", type=click.Choice(["vzw", "ac-vlaamse-overheid"], case_sensitive=False),
              help="Budget only: vzw (the whole organisation) or ac-vlaamse-overheid (the part "
              "the Flemish government funds) [default: both].")
@click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder with the curated tables [default: ./graph].")
@format_option
def resources(what, scope, graph_dir, fmt):
    """Staff per theme (FTE) and the budget per year, from the plan's tables.

    `fte` (default): the staffing table (graph/fte.csv), FTE funded by the decree and
    otherwise, per theme. `budget`: the budget annex (graph/budget.csv), one row per item with
    a column per year, in euro.

    \b
    Columns (fte): label, theme, theme_name, fte_decretal, fte_non_decretal, fte_total,
                   decretal_share_pct, share_of_total_pct, page.
    Columns (budget): scope, section, code, item, 2021 ... 2025, pages.
    Examples:
      rimograph resources
      rimograph resources budget --scope vzw --format csv
    """
    from ..questions.resources import budget_by_year, fte_by_theme
    from ..core.load import graph_folder
    from ..core.tables import load_tables

    graph_dir = graph_folder(graph_dir)
    tables = load_tables(graph_dir)
    if what == "fte":
        emit(fte_by_theme(tables), fmt)
        return
    rows = budget_by_year(tables, scope)
    if not rows:
        raise click.ClickException(f"no budget lines for scope {scope!r}")
    emit(rows, fmt)


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json", "csv", "kumu",
                                                    "cypher"]),
              default="graphml", show_default=True, help="File format to write.")
@click.option("--out", type=click.Path(), default=None,  # a str: keeps a trailing "/"
              help="File to write [default: exports/rimo-limburg.<ext>]; for csv a folder "
              "(nodes.csv, edges.csv) or a stem (STEM-nodes.csv, STEM-edges.csv).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Kumu only: language of the element and connection types.")
@graph_option
def export_command(graph, fmt, out, lang):
    """Write the whole graph for other tools.

    \b
    graphml  Gephi, yEd, Cytoscape (lists joined, None dropped, string ids)
    gexf     Gephi (start/end as period_start/period_end, edge type as relation)
    json     node-link JSON (networkx node_link_data, key "edges")
    csv      a nodes file and an edges file, booleans true/false, empty = absent
    kumu     xlsx with sheets Elements (ID, Label, Type, Description, Tags) and
             Connections (From, To, Type, Description), for Kumu's import
    cypher   a parameter-free Cypher script: constraints, MERGE on id (cypher-shell -f)
    Every file is written atomically (never half-written).
    Examples:
      rimograph export --format gexf --out exports/rimo.gexf
      rimograph export --format csv --out exports/rimo
    """
    from ..outputs.exports import default_out, export

    written = export(graph, fmt, out or default_out(fmt), lang)
    for file in written:
        click.echo(f"{file}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")


_PLAN_ARG = click.Path(exists=True, dir_okay=False, path_type=Path)


@cli.command("extract")
@click.argument("plan", type=_PLAN_ARG)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the draft tables (created; existing files are replaced).")
@format_option
def extract_command(plan, out, fmt):
    """Parse the plan's text and write draft tables in the graph/ schema.

    Reads the table of contents, page headers, every strategic action and project with its
    partner list ("Samenwerkingspartners:"), its "Timing:" line and the "(x)" marks of the
    overview table. Writes actions.csv, projects.csv, partner_mentions.csv, contributions.csv,
    strategic_goals.csv, operational_goals.csv and toc.csv; every draft row says DRAFT in its
    summary or reason, and what the text cannot give (scope, theme) is left empty.

    \b
    Columns: file, rows.
    Example:
      rimograph extract ../shared/plan/meerjarenplan-2021-2025-rimo-limburg.txt --out drafts
    """
    import time

    from ..source.extract import parse_plan, write_drafts

    started = time.perf_counter()
    parsed = parse_plan(plan)
    counts = write_drafts(parsed, out)
    elapsed = time.perf_counter() - started
    emit([{"file": str(out / name), "rows": n} for name, n in counts.items()], fmt)
    for warning in parsed.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"{len(parsed.actions)} actions, {len(parsed.projects)} projects, "
               f"{len(parsed.partner_strings)} partner strings in {elapsed:.2f} s", err=True)


@cli.command("check-source")
@click.argument("plan", type=_PLAN_ARG)
@click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder with the curated tables [default: ./graph].")
@click.option("--exceptions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Reviewed differences (kind,key,reason) "
              "[default: GRAPH/source_exceptions.csv when present].")
@click.option("--strict", is_flag=True,
              help="Also fail on notes (partners cited from outside a partner list).")
@format_option
@click.pass_context
def check_source_command(ctx, plan, graph_dir, exceptions, strict, fmt):
    """Compare graph/ with what the extractor reads in the plan; exit 1 on any difference.

    Reports actions or projects in one but not the other, names, timings (text and ISO
    dates), open-ended lists, partner mentions missing on either side or resolved by no alias,
    citations whose lines do not hold the item or whose page cannot be right, and the overview
    table's "(x)" marks against basis=table contributions. A difference listed in the
    exceptions file (columns kind, key, reason) is accepted; notes never fail unless --strict.

    \b
    Columns: status (fail, accepted, note), kind, key, line (in the plan), message, reason.
    Example:
      rimograph check-source ../shared/plan/meerjarenplan-2021-2025-rimo-limburg.txt
    """
    from ..source.check import check_source
    from ..core.load import graph_folder

    diffs = check_source(plan, graph_folder(graph_dir), exceptions, strict)
    rows = [d.row() for d in diffs]
    columns = ["status", "kind", "key", "line", "message", "reason"]
    if fmt == "table":
        columns = ["status", "kind", "line", "message"]
    if rows:
        emit(rows, fmt, columns)
    failed = sum(d.status == "fail" for d in diffs)
    accepted = sum(d.status == "accepted" for d in diffs)
    notes = sum(d.status == "note" for d in diffs)
    click.echo(f"{failed} difference(s), {accepted} accepted, {notes} note(s)", err=True)
    if failed:
        ctx.exit(1)


@cli.command("resolve-partners")
@click.argument("plan", type=_PLAN_ARG)
@click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder with aliases.csv and partners.csv [default: ./graph].")
@click.option("--all", "show_all", is_flag=True, help="Also list the strings that resolve exactly.")
@click.option("--suggest", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write suggested alias rows (aliases.csv columns) to this file for review.")
@format_option
def resolve_partners_command(plan, graph_dir, show_all, suggest, fmt):
    """Resolve every partner string of the plan: exact alias, normalised, fuzzy suggestion.

    Exact: the string is an alias in aliases.csv. Normalised: equal after folding case,
    accents, punctuation, "vzw", "St."/"Sint", "Stad X"/"lokaal bestuur X" and "OCMW van X"
    forms, and only when that names a single partner. Fuzzy: close names are suggested, never
    applied. Nothing is merged: accept a suggestion by copying its row into aliases.csv.

    \b
    Columns: entry, mention, method, partners, via, suggestions.
    Example:
      rimograph resolve-partners PLAN.txt --suggest exports/alias-suggestions.csv
    """
    from collections import Counter

    from ..source.check import _pair_entries
    from ..source.extract import parse_plan
    from ..core.load import graph_folder
    from ..outputs.render import render
    from ..core.files import write_atomic
    from ..source.resolve import (
        read_rows,
        resolution_rows,
        resolve_plan,
        resolver_for,
        suggest_aliases,
    )

    graph_dir = graph_folder(graph_dir)
    parsed = parse_plan(plan)
    ids = {}
    if (Path(graph_dir) / "actions.csv").exists():
        tables = {n: read_rows(Path(graph_dir) / n) for n in ("actions.csv", "projects.csv")}
        ids = {k: row["id"] for k, (_, row) in _pair_entries(parsed, tables, []).items()}
    resolutions = resolve_plan(parsed, resolver_for(graph_dir), ids)
    rows = [r for r in resolution_rows(resolutions) if show_all or r["method"] != "exact"]
    emit(rows, fmt, ["entry", "mention", "method", "partners", "via", "suggestions"])
    counts = Counter(r.method for r in resolutions)
    click.echo(", ".join(f"{counts.get(m, 0)} {m}" for m in
                         ("exact", "normalised", "ambiguous", "fuzzy", "none"))
               + f" of {len(resolutions)} partner strings", err=True)
    if suggest:
        suggested = suggest_aliases(resolutions)
        write_atomic(suggest, render(suggested, "csv", ["alias", "context", "partner", "basis",
                                                        "reason"]) + "\n")
        click.echo(f"{suggest}: {len(suggested)} suggested alias rows to review", err=True)


@cli.group("neo4j", cls=Group)
def neo4j_group():
    """Copy the graph to a Neo4j server and back (needs `pip install 'rimograph[neo4j]'`).

    Connection from --uri/--user/--password/--database or NEO4J_URI, NEO4J_USER,
    NEO4J_PASSWORD, NEO4J_DATABASE. Then the question commands take --backend neo4j, and
    `rimograph query` runs the named Cypher queries of queries/.

    \b
    Examples:
      rimograph neo4j push --uri bolt://localhost:7687 --password secret
      rimograph neo4j push --replace
      rimograph neo4j pull --out exports/from-neo4j.json
    """


@neo4j_group.command("push")
@click.option("--replace", is_flag=True,
              help="Make Neo4j hold exactly this data: delete nodes and relationships that are "
              "no longer in graph/, in one transaction (readers see the old or the new graph).")
@neo4j_options
@graph_option
def neo4j_push(graph, replace, neo4j):
    """Write the validated graph to Neo4j (constraints, then nodes, then relationships).

    Labels are the node types (Partner, StrategicAction, ...), relationship types the edge
    types (PARTNERS_WITH, ...), properties camelCase (lineStart); every node and relationship
    keeps its citation (page, lineStart, lineEnd). Pushing again changes nothing; without
    --replace nothing is deleted.
    """
    from ..backends.neo4j import connect, push

    with connect(**neo4j) as conn:
        report = push(graph, conn.driver, conn.database, replace=replace)
    click.echo(f"{conn.uri} ({conn.database}): {report.line()}")


@neo4j_group.command("pull")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the graph as node-link JSON (networkx) to this file.")
@neo4j_options
@format_option
def neo4j_pull(neo4j, out, fmt):
    """Read the graph back from Neo4j and print its node and edge counts by type.

    \b
    Columns: kind (node or edge), type, count.
    """
    from ..backends.neo4j import connect, pull
    from ..questions.nodes import stats as count

    with connect(**neo4j) as conn:
        graph = pull(conn.driver, conn.database)
    emit(count(graph), fmt)
    if out:
        import json

        import networkx as nx

        from ..core.files import write_atomic

        data = nx.node_link_data(graph, edges="edges")
        write_atomic(out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        click.echo(f"{out}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges",
                   err=True)


@cli.command("query")
@click.argument("name", required=False)
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the query (repeatable); `--list` shows them.")
@click.option("--list", "list_queries", is_flag=True,
              help="List the named queries with their parameters and stop.")
@neo4j_options
@format_option
def query_command(name, params, list_queries, neo4j, fmt):
    """Run a named Cypher query of queries/ on Neo4j, in a read transaction.

    Each queries/*.cypher file is one question; its header gives the name, a description and
    the parameters with their defaults. The rows equal the embedded answers of the question
    commands (partners, coverage municipalities, coverage goals, show).

    \b
    Examples:
      rimograph query --list
      rimograph query partners-spanning-themes --param min_themes=3 --format csv
      rimograph query node-neighbourhood --param id=partner:caw-limburg
    """
    from ..backends.neo4j import connect, get_query, load_queries, run_query

    if list_queries:
        emit([{"name": q.name, "parameters": q.signature(), "description": q.description}
              for q in load_queries().values()], fmt)
        return
    if not name:
        raise click.UsageError("give a query NAME, or --list to see them")
    named = get_query(name)
    known = {p.name: p for p in named.parameters}
    given = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r}: write KEY=VALUE", param_hint="--param")
        if key not in known:
            raise click.BadParameter(f"{named.name} has no parameter {key!r}; it takes: "
                                     f"{named.signature() or 'none'}", param_hint="--param")
        given[key] = known[key].parse(value)
    with connect(**neo4j) as conn:
        rows = run_query(conn.driver, conn.database, named, given)
    emit(rows, fmt)


@cli.command("report")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("exports/dekking.html"), show_default=True,
              help="HTML file to write (folders are created).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the headings and explanations.")
@click.option("--public", is_flag=True, help="Leave out internal facts (the FTE table); the "
              "footer says it is the public version.")
@click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder with the curated tables [default: ./graph, "
              "or $RIMOGRAPH_GRAPH, or the checkout's graph/].")
def report_command(out, lang, public, graph_dir):
    """Write the coverage report: one offline, printable HTML page.

    Sections: (a) strategic actions x operational goals (the plan's overview table restored,
    certain and possible contributions marked apart, with totals); (b) the 42 municipalities
    grouped by their 2025 municipality, uncovered first; (c) partners by number of themes;
    (d) a timeline 2016-2025; (e) staff (FTE) per theme, not with --public. Every section cites
    the plan's pages. Prints on A4 landscape. The same tables give the same file.

    \b
    Examples:
      rimograph report
      rimograph report --public --out exports/dekking-publiek.html
      rimograph report --lang en --out exports/coverage.html
    """
    from ..core.load import load_tables_and_graph
    from ..outputs.report import write_report

    tables, graph = load_tables_and_graph(graph_dir)
    write_report(graph, tables, out, lang, public)
    click.echo(f"{out}: coverage report" + (" (public version)" if public else ""))


@cli.command("image")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("exports/rimo-limburg.png"), show_default=True,
              help="Image to write: .png or .svg (folders are created).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the title and legend.")
@graph_option
def image_command(graph, out, lang):
    """Draw the network map of the whole plan as a PNG or SVG image, for slides and print.

    It shows what `rimograph map` shows by default (generic partners left out).

    The same positions, colours and shapes as the HTML map (`rimograph map`), with the legend,
    a title and the source drawn in; names where they do not overlap. 16 x 9 inches (PNG at
    200 dpi). The same data gives the same file.

    \b
    Examples:
      rimograph image --out exports/rimo-limburg.png
      rimograph image --out exports/rimo-limburg.svg --lang en
    """
    from ..outputs.image import draw_map, image_format
    from ..outputs.maps import ordered_subgraph, select

    image_format(out)  # a wrong suffix fails before the drawing starts
    shown = ordered_subgraph(graph, select(graph)[0])  # as `rimograph map`: no generic partners
    draw_map(shown, out, LABELS[lang]["whole_plan"], lang)
    click.echo(f"{out}: {shown.number_of_nodes()} nodes, {shown.number_of_edges()} edges")


def main():
    """Console entry point."""
    sys.exit(cli())

