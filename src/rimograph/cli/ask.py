"""The plan's own questions: partners, show, stats, timeline, resources, entries."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.i18n import N_, _
from ..core.vocabulary import TYPE_LABELS
from .common import (
    PLAN_YEAR,
    answer,
    backend_option,
    emit,
    format_option,
    graph_option,
    municipalities_of,
    municipality_option,
    names_graph,
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


#: What `show` lists beyond the neighbours, by node type: (named query, JSON key, title,
#: table columns); the embedded twin of each query is in :func:`_show_more`.
SHOW_MORE = {
    # a target group also lists the entries of its narrower groups, saying through which
    "TargetGroup": ("target-group-entries", "entries",
                    N_("Actions and projects for this target group, its narrower groups "
                       "included:"), ["name", "type", "via", "page"]),
    "Indicator": ("indicator-values", "figures", N_("The plan's figures, highest first:"),
                  ["place_name", "year", "value", "unit", "population", "comparison", "page"]),
}


def _show_more(graph, backend, neo4j, attrs):
    """``(JSON key, title, columns, rows)`` of what `show` lists beyond a node's neighbours
    (:data:`SHOW_MORE`), or None for a node type without more."""
    from ..questions.nodes import indicator_values, target_group_entries

    if attrs.get("type") not in SHOW_MORE:
        return None
    query, key, title, columns = SHOW_MORE[attrs["type"]]
    question = {"TargetGroup": target_group_entries, "Indicator": indicator_values}
    return key, title, columns, answer(graph, backend, neo4j, query, question[attrs["type"]],
                                       id=attrs["id"])


@click.command()
@click.argument("name", required=False)
@click.option("--list", "list_names", is_flag=True,
              help="List every name instead (name, type, id), to find what to ask for.")
@click.option("--type", "node_type", type=click.Choice(sorted(TYPE_LABELS["en"])),
              help="With --list: only the nodes of this type.")
@format_option
@backend_option
@graph_option
def show(graph, name, list_names, node_type, fmt, backend, neo4j):
    """Show one node: its attributes, its citation in the plan and its neighbours.

    NAME is an id (partner:caw-limburg) or a name; matching ignores case, accents and
    punctuation, and accepts a part of the name that starts a word. Also: the plan's
    spellings, "Stad X", "Gemeente X", "Lokaal bestuur X", "OCMW X", and municipality names of
    2019 and of 2025 (a merged municipality shows its parts). When several nodes match, they
    are listed, numbered; when none does, the names a misspelling away are suggested, or else
    where to list them (exit code 2 either way, as for any name given to rimograph). A target
    group also lists the actions and projects for it and for its narrower groups; a need
    indicator lists the plan's figures, highest first.

    \b
    Examples:
      rimograph show woonzaak
      rimograph show "Stad Hasselt"
      rimograph show Tongeren-Borgloon
      rimograph show "caw limburg" --format json
      rimograph show --list --type Municipality

    \b
    Columns of --list (csv, json): name, type, id.
    """
    from ..core.model import find_nodes
    from ..outputs.columns import attribute_label, shown_attribute
    from ..questions.nodes import neighbours, node_names

    if list_names:
        emit(node_names(names_graph(graph), node_type), fmt, ["name", "type", "id"])
        return
    if node_type:
        raise click.BadParameter(_("only with --list"), param_hint="--type")
    if not name:
        raise click.UsageError(_("give a NAME, or --list (with --type) to see every name"))
    if backend == "neo4j":
        from ..backends.neo4j import show_nodes

        shown, told = show_nodes(neo4j, name)
    else:
        nodes, told = find_nodes(graph, name)
        shown = [({"id": node, **graph.nodes[node]}, neighbours(graph, node)) for node in nodes]
    extras = [_show_more(graph, backend, neo4j, attrs) for attrs, _rows in shown]
    if told:
        say(told, err=True)
    if fmt == "json":
        import json

        from ..core.safe import json_for_terminal

        found = [{"node": attrs, "neighbours": rows,
                  **({extra[0]: extra[3]} if extra is not None else {})}
                 for (attrs, rows), extra in zip(shown, extras)]
        click.echo(json_for_terminal(json.dumps(found[0] if len(found) == 1 else found,
                                                ensure_ascii=False, indent=2)))
        return
    columns = ["relation", "direction", "other_type", "other_name", "other", "certainty",
               "basis", "detail", "page"]
    if fmt != "table" or click.get_current_context().meta.get("rimograph.out"):
        emit([row for _attrs, rows in shown for row in rows], fmt,
             None if fmt == "csv" else columns)
        return
    named = names_graph(graph)  # the nodes an attribute refers to, named as on either backend
    for index, (attrs, rows) in enumerate(shown):
        if index:
            click.echo("")
        emit([{"attribute": attribute_label(k),
               "value": shown_attribute(attrs, k, named)} for k in attrs], fmt)
        click.echo("")
        emit(rows, fmt, columns, drop_first=["direction", "certainty", "basis"])
        if extras[index] is not None:
            _key, title, more_columns, more_rows = extras[index]
            # a yes-no figure (1 or 0 in the graph) reads as yes or no
            more_rows = [{**row, "value": bool(row["value"])} if row.get("unit") == "yes-no"
                         else row for row in more_rows]
            click.echo("")
            say(_(title))
            emit(more_rows, fmt, more_columns)


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
@click.argument("what", type=click.Choice(["fte", "years", "expansion", "budget"]),
                default="fte")
@click.option("--scope", type=click.Choice(["vzw", "ac-vlaamse-overheid"], case_sensitive=False),
              help="Budget only: vzw (the whole organisation) or ac-vlaamse-overheid (the part "
              "the Flemish government funds) [default: both].")
@click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder with the curated tables [default: ./graph].")
@format_option
def resources(what, scope, graph_dir, fmt):
    """Staff (FTE) and the budget, from the plan's tables.

    `fte` (default): the staffing table of 1/1/2021 (graph/fte.csv), FTE funded by the decree
    and otherwise, per theme. `years`: the FTE of every year in the budget annex
    (graph/fte_years.csv), for the whole organisation and for the part the Flemish government
    funds. `expansion`: the request for extra staff (graph/expansion.csv), item by item with
    its theme or action, and the total. `budget`: the budget annex (graph/budget.csv), one row
    per item with a column per year, in euro.

    \b
    Columns (fte): label, theme, theme_name, fte_decretal, fte_non_decretal, fte_total,
                   decretal_share_pct, share_of_total_pct, page.
    Columns (years): year, fte_vzw, fte_ac_vlaamse_overheid, pages.
    Columns (expansion): part, area, fte, item, theme_name, entry_name, theme, entry, page.
    Columns (budget): scope, section, code, item, 2021 ... 2025, pages.
    Examples:
      rimograph resources
      rimograph resources years
      rimograph resources expansion --format csv-excel --out uitbreiding.csv
      rimograph resources budget --scope vzw --format csv
    """
    from ..questions.resources import (budget_by_year, expansion_request, fte_by_theme,
                                       fte_by_year)
    from ..core.load import graph_folder
    from ..core.tables import load_tables

    graph_dir = graph_folder(graph_dir)
    tables = load_tables(graph_dir)
    if what == "fte":
        emit(fte_by_theme(tables), fmt)
        return
    if what == "years":
        emit(fte_by_year(tables), fmt)
        return
    if what == "expansion":
        emit(expansion_request(tables), fmt,
             drop_first=["theme", "entry", "page", "entry_name", "theme_name"])
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
    groups = None
    if target_group:  # the group and every narrower one
        groups = sorted(narrower_groups(lookup, find_node(lookup, target_group, "TargetGroup")))
    rows = answer(graph, backend, neo4j, "entries", entry_list,
                  theme=theme and find_node(lookup, theme, "Theme"),
                  goal=goal and find_node(lookup, goal, "OperationalGoal"),
                  municipalities=municipalities_of(graph, municipality), year=year,
                  target_groups=groups)
    if fmt == "table":  # a project listed under its action reads as part of it: "– De STEK ..."
        listed = {r["name"] for r in rows if r["type"] == "StrategicAction"}
        rows = [dict(r, name="– " + r["name"]) if r["type"] == "Project" and r["action"] in listed
                else r for r in rows]
    emit(rows, fmt, drop_first=("entry", "page", "partners_open_ended", "transversal", "sector",
                                "target_groups", "start", "end", "municipalities", "action"))
