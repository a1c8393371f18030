"""The question commands: partners, coverage, show, stats, path, centrality, brokers, communities, overlap, timeline, resources."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.i18n import _, ngettext
from .common import (
    GENERIC_HELP,
    PLAN_YEAR,
    Group,
    answer,
    backend_option,
    emit,
    format_option,
    graph_option,
    lang_option,
    municipalities_of,
    municipality_option,
    names_graph,
    note,
    say,
)


@click.command()
@click.option("--min-themes", type=click.IntRange(min=1), default=None,
              help="Least number of themes a partner must span [default: 2, or 1 with "
              "--theme].")
@click.option("--theme", metavar="NAME", help="Only partners working on this theme "
              "(e.g. Wonen).")
@click.option("--include-generic", is_flag=True,
              help="Also list generic partners (categories such as 'lokale besturen', roles).")
@municipality_option
@format_option
@backend_option
@graph_option
def partners(graph, min_themes, theme, include_generic, municipality, fmt, backend, neo4j):
    """Partners that work across several themes, or on one theme, or in one municipality.

    With --municipality: the partners of the local actions and projects there (active in the
    municipality or one of its neighbourhoods; province-wide work not counted) and the
    partners based there, told apart by based_here. Columns then: partner, name, kind,
    based_here, entries, entry_names.

    A partner works on a theme when it partners in an action or project that certainly
    contributes to an operational goal of that theme (themes: Sociale bescherming, Wonen,
    Onderwijs, Krachtige buurten en steden, Collectief burgerschap).

    \b
    Columns (csv, json): partner (id), name, kind, themes (count), theme_names,
                         entries (actions and projects), entry_names.
    Examples:
      rimograph partners --min-themes 3 --format csv
      rimograph partners --theme wonen
      rimograph partners --municipality Genk
    """
    from ..core.model import normalise
    from ..questions.partners import partners_spanning_themes

    if municipality:
        from ..questions.entries import partners_in_municipality

        if theme or min_themes:
            raise click.UsageError(_("--municipality does not combine with --theme or "
                                     "--min-themes; ask one question at a time"))
        emit(answer(graph, backend, neo4j, "partners-in-municipality", partners_in_municipality,
                    municipalities=municipalities_of(graph, municipality),
                    include_generic=include_generic), fmt,
             ["partner", "name", "kind", "based_here", "entries", "entry_names"])
        return

    if min_themes is None:
        min_themes = 1 if theme else 2
    rows = answer(graph, backend, neo4j, "partners-spanning-themes", partners_spanning_themes,
                  min_themes=min_themes, include_generic=include_generic)
    if theme:
        if graph is None:  # the themes of the graph on the server, not of the answer
            from ..backends.neo4j import theme_names

            themes = theme_names(neo4j)
        else:
            themes = sorted(d["name"] for _, d in graph.nodes(data=True) if d["type"] == "Theme")
        if normalise(theme) not in {normalise(t) for t in themes}:
            raise click.BadParameter(_("{theme!r} is not a theme; choose one of: {themes}")
                                     .format(theme=theme, themes=", ".join(themes)),
                                     param_hint="--theme")
        rows = [r for r in rows if normalise(theme) in map(normalise, r["theme_names"])]
    emit(rows, fmt, ["partner", "name", "kind", "themes", "theme_names", "entries",
                     "entry_names"])


@click.group(cls=Group)
@lang_option
def coverage():
    """Coverage of municipalities and goals by the plan's actions and projects."""


@coverage.command("municipalities")
@click.option("--mentioned", is_flag=True, help="Tell apart the municipalities the plan never "
              "names, names without a local action, and works in.")
@format_option
@backend_option
@graph_option
def coverage_municipalities(graph, mentioned, fmt, backend, neo4j):
    """For each of the 42 municipalities, the actions and projects active there.

    Active directly or through one of its neighbourhoods; municipalities without any are
    listed first. Province-wide actions are not counted as local coverage: in table format they
    are listed below the table; `rimograph coverage province` lists them on their own.
    With --mentioned: whether the plan's text names each municipality at all (its 2019 or 2025
    name, a former name or one of its neighbourhoods; `rimograph mentions NAME` gives the
    lines), never mentioned first.

    \b
    Columns: municipality (id), nis, name, name_2025 (after the 2025 mergers),
             entries (count), entry_names.
    With --mentioned: municipality, name, name_2025, status (never-mentioned,
             mentioned-without-action, with-action), sections, section_titles, entries.
    """
    from ..questions.coverage import municipality_coverage, province_wide

    if mentioned:
        from ..questions.mentions import municipality_mentions

        rows = answer(graph, backend, neo4j, "municipality-mentions", municipality_mentions)
        emit(rows, fmt, drop_first=["municipality", "section_titles", "name_2025"])
        if fmt == "table":
            never = sum(1 for r in rows if r["status"] == "never-mentioned")
            click.echo("")
            note(ngettext("The plan never names {n} of the {total} municipalities.",
                          "The plan never names {n} of the {total} municipalities.",
                          never).format(n=never, total=len(rows)))
        return

    rows = answer(graph, backend, neo4j, "municipality-coverage", municipality_coverage)
    emit(rows, fmt, ["municipality", "nis", "name", "name_2025", "entries", "entry_names"])
    if fmt == "table":
        wide = answer(graph, backend, neo4j, "province-wide", province_wide)
        uncovered = sum(1 for r in rows if not r["entries"])
        click.echo("")
        note(ngettext("{n} of {total} municipalities has no local action or project.",
                      "{n} of {total} municipalities have no local action or project.",
                      uncovered).format(n=uncovered, total=len(rows)))
        note(_("Province-wide or Flemish, not counted above ({n}): {names}").format(
            n=len(wide), names="; ".join(r["name"] for r in wide)))


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
@municipality_option
@format_option
@backend_option
@graph_option
def coverage_goals(graph, include_internal, municipality, fmt, backend, neo4j):
    """For each operational goal, the strategic actions that contribute to it.

    Certain contributions (reconstructed from each action's text) and possible ones (the
    overview table's "(x)" marks) are counted apart; the least-covered goals come first.
    With --municipality, only actions active there count (the action or one of its projects,
    directly or through a neighbourhood): the goals with 0 have no action there.

    \b
    Columns: goal (id), name, strategic_goal, theme, certain, possible,
             certain_actions, possible_actions.
    """
    from ..questions.coverage import goal_coverage

    emit(answer(graph, backend, neo4j, "goal-coverage", goal_coverage,
                include_internal=include_internal,
                municipalities=municipalities_of(graph, municipality)), fmt,
         ["goal", "name", "strategic_goal", "theme", "certain", "possible", "certain_actions",
          "possible_actions"])


@click.command()
@click.argument("name")
@format_option
@backend_option
@graph_option
def show(graph, name, fmt, backend, neo4j):
    """Show one node: its attributes, its citation in the plan and its neighbours.

    NAME is an id (partner:caw-limburg) or a name; matching ignores case, accents and
    punctuation, and accepts a part of the name. Also: the plan's spellings, "Stad X",
    "Gemeente X", "Lokaal bestuur X", "OCMW X", and municipality names of 2019 and of 2025 (a
    merged municipality shows its parts). When several nodes match, they are listed, numbered
    (exit code 2).

    \b
    Examples:
      rimograph show woonzaak
      rimograph show "Stad Hasselt"
      rimograph show Tongeren-Borgloon
      rimograph show "caw limburg" --format json
    """
    from ..core.model import find_nodes
    from ..outputs.columns import attribute_label, display_value
    from ..questions.nodes import neighbours, target_group_entries

    if backend == "neo4j":
        from ..backends.neo4j import show_nodes

        shown, told = show_nodes(neo4j, name)
    else:
        nodes, told = find_nodes(graph, name)
        shown = [({"id": node, **graph.nodes[node]}, neighbours(graph, node)) for node in nodes]
    # a target group also lists the entries of its narrower groups, saying through which
    served = [answer(graph, backend, neo4j, "target-group-entries", target_group_entries,
                     id=attrs["id"]) if attrs.get("type") == "TargetGroup" else None
              for attrs, _rows in shown]
    if told:
        say(told, err=True)
    if fmt == "json":
        import json

        from ..core.safe import json_for_terminal

        found = [{"node": attrs, "neighbours": rows,
                  **({"entries": entries} if entries is not None else {})}
                 for (attrs, rows), entries in zip(shown, served)]
        click.echo(json_for_terminal(json.dumps(found[0] if len(found) == 1 else found,
                                                ensure_ascii=False, indent=2)))
        return
    columns = ["relation", "direction", "other_type", "other_name", "other", "certainty",
               "basis", "page"]
    if fmt != "table" or click.get_current_context().meta.get("rimograph.out"):
        emit([row for _attrs, rows in shown for row in rows], fmt,
             None if fmt == "csv" else columns)
        return
    for index, (attrs, rows) in enumerate(shown):
        if index:
            click.echo("")
        emit([{"attribute": attribute_label(k), "value": display_value(k, v)}
              for k, v in attrs.items()], fmt)
        click.echo("")
        emit(rows, fmt, columns, drop_first=["direction", "certainty", "basis"])
        if served[index] is not None:
            click.echo("")
            say(_("Actions and projects for this target group, its narrower groups included:"))
            emit(served[index], fmt, ["name", "type", "via", "page"])


@click.command()
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


RELATION_TYPES = ("ACTIVE_IN", "BASED_IN", "BROADER", "CONTRIBUTES_TO", "HAS_THEME",
                  "LOCATED_IN", "PARTNERS_WITH", "PART_OF", "TARGETS")


@click.command()
@click.argument("source")
@click.argument("target")
@click.option("--limit", type=click.IntRange(min=0), default=10, show_default=True,
              help="Most paths to print (0 = all).")
@click.option("--relation", "relations", multiple=True, type=click.Choice(RELATION_TYPES),
              help="Relations a path may use (repeat for several) [default: PARTNERS_WITH "
              "and PART_OF, the partner network].")
@click.option("--all-relations", is_flag=True, help="Let paths use every relation (also "
              "shared goals, target groups and places).")
@click.option("--include-generic", is_flag=True, help=GENERIC_HELP)
@format_option
@graph_option
def path(graph, source, target, limit, relations, all_relations, include_generic, fmt):
    """The shortest connections between two nodes, as chains of relations.

    SOURCE and TARGET are ids or names, matched like `rimograph show` does. Direction is
    ignored for the search and shown on each step (-TYPE-> or <-TYPE-). When there is no path,
    the message says which option gives one.

    \b
    Columns: path, hops, chain, nodes (ids; json only).
    Examples:
      rimograph path Woonzaak "Lokaal bestuur Genk"
      rimograph path "Vlaams Huurdersplatform" "CAW Limburg"
      rimograph path Woonzaak Genk --all-relations
    """
    import re

    from ..core.model import find_nodes
    from ..outputs.columns import word
    from ..questions.network import shortest_paths

    if not relations and not all_relations:
        relations = ("PARTNERS_WITH", "PART_OF")
    for name in (source, target):
        told = find_nodes(graph, name)[1]
        if told:
            say(told, err=True)
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
        from ..outputs.render import format_number

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


@click.command()
@click.option("--year", type=PLAN_YEAR,
              help="List the actions and projects running in this year (2021-2025).")
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


@click.command()
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
        raise click.ClickException(_("no budget lines for scope {scope!r}").format(scope=scope))
    emit(rows, fmt, money=[c for c in rows[0] if c.isdigit()],
         drop_first=["pages", "code", "scope", "section"])


@click.command("entries")
@click.option("--theme", metavar="NAME", help="Only entries of this theme (certain "
              "contributions), e.g. Wonen.")
@click.option("--goal", metavar="NAME", help="Only entries whose action contributes to this "
              "operational goal (certain or possible).")
@municipality_option
@click.option("--year", type=PLAN_YEAR, help="Only entries running in this year (2021-2025).")
@click.option("--target-group", metavar="NAME", help="Only entries for this target group or "
              "a narrower one.")
@format_option
@backend_option
@graph_option
def entries_command(graph, theme, goal, municipality, year, target_group, fmt, backend, neo4j):
    """Every strategic action with its projects: scope, timing, flags, partners, places.

    Each action comes first, its projects under it. Filters combine (all must hold); the
    same selection makes the focused maps (`rimograph map --theme/--goal/--municipality/
    --year`). A missing start counts as 2021, an open end as 2025.

    \b
    Columns: entry (id), name, type, action, sector, transversal, scope (local/province/
             flanders), start, end (ISO dates), partners_open_ended, partners (count),
             themes, municipalities, target_groups, page.
    Examples:
      rimograph entries
      rimograph entries --year 2025 --format csv
      rimograph entries --municipality Genk --theme Wonen
      rimograph entries --target-group woonwagenbewoners
    """
    from ..core.model import find_node, narrower_groups
    from ..questions.entries import entry_list

    lookup = names_graph(graph)

    def node(name, wanted):
        return find_node(lookup.subgraph(n for n, t in lookup.nodes(data="type") if t == wanted),
                         name)

    groups = None
    if target_group:  # the group and every narrower one
        groups = sorted(narrower_groups(lookup, node(target_group, "TargetGroup")))
    emit(answer(graph, backend, neo4j, "entries", entry_list,
                theme=theme and node(theme, "Theme"), goal=goal and node(goal, "OperationalGoal"),
                municipalities=municipalities_of(graph, municipality), year=year,
                target_groups=groups), fmt,
         drop_first=("entry", "page", "partners_open_ended", "transversal", "sector",
                     "target_groups", "start", "end", "municipalities", "action"))


@click.command("needs")
@click.option("--indicator", metavar="NAME", help="Rank by this one indicator (a name or "
              "an id, e.g. activiteitsgraad).")
@format_option
@backend_option
@graph_option
def needs_command(graph, indicator, fmt, backend, neo4j):
    """Where the need is high and where RIMO is absent: the plan's need figures beside its
    local work, per municipality (2025 borders; merged ones grouped).

    The rule is a count, not a score. A municipality gets one need signal for each figure of
    the plan's environment analysis that points to need, as graph/indicator_definitions.csv
    records for that indicator (column need_signal): "higher"/"lower" = above/below the
    plan's Limburg figure of the same year (e.g. the preferential health-insurance tariff,
    the activity rate, 2017); "yes" = the plan names the municipality (e.g. among the highest
    shares of births in deprived families, a residential caravan site); "no" = the plan says
    it lacks something (winter shelter for homeless people); "present" = the plan counts
    people there (homeless people, December 2019). Other figures are context, never counted.
    Municipalities without a local action or project come first, then the most signals.
    Province-wide and Flemish work reaches every municipality and is not counted here
    (`rimograph coverage province`).

    \b
    Columns: municipality_2025, nis_2025, parts (2019-2024), need_signals, signals,
             context, comparisons, local_entries, local_names, partners_based,
             partner_names.
    Examples:
      rimograph needs
      rimograph needs --indicator activiteitsgraad
      rimograph needs --indicator "voorkeurtarief in de ziekteverzekering"
      rimograph needs --format json
    """
    from ..core.model import find_node
    from ..questions.needs import need_facts, needs

    chosen = None
    if indicator:
        lookup = names_graph(graph)
        chosen = find_node(lookup.subgraph(n for n, t in lookup.nodes(data="type")
                                           if t == "Indicator"), indicator)
    rows = needs(answer(graph, backend, neo4j, "need-facts", need_facts), chosen)
    emit(rows, fmt, drop_first=("nis_2025", "comparisons", "context", "partner_names",
                                "partners_based", "local_names", "parts"))


@click.command("mentions")
@click.argument("name")
@format_option
@backend_option
@graph_option
def mentions_command(graph, name, fmt, backend, neo4j):
    """Where the plan's text names a municipality: its sections and lines.

    NAME is matched as `rimograph show` matches it; a 2025 municipality formed by a merger
    gives the lines of its parts. A municipality counts as named by its 2019 or 2025 name, a
    name from before the 2019 mergers (Meeuwen-Gruitrode) or one of its deelgemeenten
    (Beverlo); a name broken over two lines is missed.

    \b
    Columns: section (id), title, page, line (the first), lines, count, as_written.
    Examples:
      rimograph mentions Genk
      rimograph mentions Oudsbergen --format csv
      rimograph coverage municipalities --mentioned
    """
    from ..core.model import find_nodes
    from ..questions.mentions import mentions

    nodes, told = find_nodes(names_graph(graph), name)
    if told:
        say(told, err=True)
    rows = [row for node in nodes
            for row in answer(graph, backend, neo4j, "mentions", mentions, id=node)]
    emit(rows, fmt, drop_first=["section", "line", "as_written"])
