"""Commands that write files for people and tools: map, image, report, export."""

from __future__ import annotations

import functools
from pathlib import Path

import click

from ..core.i18n import _, language
from .common import GENERIC_HELP, PLAN_YEAR, graph_option, lang_option, say
from ..outputs.labels import LABELS, TYPE_STYLE


def selection_options(func):
    """Add the options that choose a map's nodes (``--focus --depth --theme --goal
    --municipality --year --type --include-generic --public``), shared by ``map`` and
    ``image``, and pass the chosen nodes as ``selection``: a dict with ``nodes`` (ids),
    ``options`` (keyword arguments of :func:`rimograph.outputs.maps.select`), ``title``,
    ``footer``, ``public`` and ``lang`` (from ``--lang``, see :func:`.common.lang_option`).
    Goes below :func:`.common.graph_option`, which passes the graph."""

    @click.option("--focus", metavar="NAME", help="Show the network around one node "
                  "(partner, action, municipality, goal; a name or an id).")
    @click.option("--depth", type=click.IntRange(1, 5), default=1, show_default=True,
                  help="Steps around --focus.")
    @click.option("--theme", metavar="NAME", help="Only actions and projects of this theme.")
    @click.option("--goal", metavar="NAME", help="Only actions (and their projects) "
                  "contributing to this operational goal.")
    @click.option("--municipality", metavar="NAME", help="Only actions and projects active in "
                  "this municipality (directly or in one of its neighbourhoods); a 2025 name "
                  "such as Bilzen-Hoeselt takes the municipalities merged into it.")
    @click.option("--year", type=PLAN_YEAR, help="Only actions and projects running in this "
                  "year (2021-2025).")
    @click.option("--type", "types", multiple=True, type=click.Choice(sorted(TYPE_STYLE)),
                  help="Node types to include (repeat the option for several).")
    @click.option("--include-generic", is_flag=True, help=GENERIC_HELP)
    @click.option("--public", is_flag=True, help="Leave out internal facts (FTE, notes); the "
                  "footer says it is the public version.")
    @functools.wraps(func)
    def wrapper(graph, focus, depth, theme, goal, municipality, year, types, include_generic,
                public, **kwargs):
        from ..core.model import find_node, find_nodes
        from ..outputs.maps import describe, select

        lang = language()

        def towns(name):
            """A municipality of 2019-2024, or the ones merged into a 2025 municipality."""
            found, told = find_nodes(graph, name, "Municipality")
            if told:
                say(told, err=True)
            return found[0] if len(found) == 1 else set(found)

        if focus is not None and not focus.strip():
            raise click.BadParameter(_("give a name or an id"), param_hint="--focus")
        if focus:
            found, told = find_nodes(graph, focus)
            if len(found) > 1:  # a merged municipality: what is active in its parts
                say(told + " " + _("The map shows what is active there, as --municipality "
                                   "does."), err=True)
                focus, municipality = None, set(found)
            else:
                focus = found[0]
        options = dict(focus=focus, depth=depth,
                       theme=theme and find_node(graph, theme, "Theme"),
                       goal=goal and find_node(graph, goal, "OperationalGoal"),
                       municipality=municipality and (
                           municipality if isinstance(municipality, set)
                           else towns(municipality)),
                       year=year, types=set(types), include_generic=include_generic)
        nodes, facts = select(graph, **options)
        words = LABELS[lang]
        selection = {"nodes": nodes, "options": options, "title": describe(facts, lang),
                     "footer": words["footer"] + (" " + words["public"] if public else ""),
                     "public": public, "lang": lang}
        return func(graph=graph, selection=selection, **kwargs)

    return wrapper


def said(out, shown, public=False):
    """The line a map, image or export command prints: file, nodes, edges (and that it is the
    public version)."""
    line = (_("{out}: {nodes} nodes, {edges} edges (public version)") if public
            else _("{out}: {nodes} nodes, {edges} edges"))
    click.echo(line.format(out=out, nodes=shown.number_of_nodes(),
                           edges=shown.number_of_edges()))


indicator_option = click.option(
    "--indicator", metavar="NAME", help="Colour the municipalities by one need indicator of "
    "the plan (a name or an id, as `rimograph needs --indicator`): darker towards need, grey "
    "where the plan gives no figure.")


@click.command("map")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("exports/rimo-limburg.html"), show_default=True,
              help="HTML file to write (folders are created).")
@click.option("--details", is_flag=True, help="Add the plan's line numbers and the node ids "
              "to the tooltips (for staff checking the data; leave it off for a meeting).")
@indicator_option
@lang_option
@graph_option
@selection_options
def map_command(graph, selection, out, details, indicator):
    """Write an interactive network map as one offline HTML file.

    The file needs no internet (vis-network is inlined) and shows a legend, a filter panel
    (theme, municipality, year: the same nodes as these options), search by name (accents
    and the plan's spellings too), a click that highlights a node's neighbours (Esc goes back)
    and tooltips that cite the plan's page. Every name is readable at first view on a
    1366 x 768 screen for maps up to 160 nodes; on larger maps the goals, themes and actions
    and the partners of four or more actions and projects, the others where there is room or
    when zooming in; partners are drawn beside the actions they work in. Same data, same picture; node size
    grows with degree; possible contributions are dashed. Prints on one A4 landscape page.
    Maps of more than 1,500 nodes (several plans together) are drawn with WebGL (sigma.js,
    inlined too), which stays fluid at 100,000 nodes; from 50,000 edges on, a node's
    relations are drawn when it is clicked or found.

    \b
    Examples:
      rimograph map
      rimograph map --focus Woonzaak --depth 2 --year 2023 --out exports/woonzaak.html
      rimograph map --municipality Genk --type StrategicAction --type Project --type Partner
      rimograph map --municipality Bilzen-Hoeselt --public --out exports/bilzen-hoeselt.html
      rimograph map --theme Wonen --public --lang en
      rimograph map --indicator activiteitsgraad --out exports/activiteitsgraad.html
    """
    from ..core.model import find_node
    from ..outputs.maps import write_map

    indicator = indicator and find_node(graph, indicator, "Indicator")

    shown = write_map(graph, out, selection["title"], selection["lang"], selection["footer"],
                      selection["nodes"], selection["public"], selection["options"], details,
                      indicator)
    said(out, shown)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["graphml", "gexf", "json", "graphology",
                                                    "csv", "csv-excel", "kumu", "cypher"]),
              default="graphml", show_default=True, help="File format to write (see above).")
@click.option("--out", type=click.Path(), default=None,  # a str: keeps a trailing "/"
              help="File to write [default: exports/rimo-limburg.<ext>, "
              "exports/rimo-limburg-publiek.<ext> with --public]; for csv and csv-excel a "
              "folder (nodes.csv, edges.csv) or a stem (STEM-nodes.csv, STEM-edges.csv).")
@click.option("--public", is_flag=True, help="Leave out internal facts (FTE, notes), as the "
              "public map and report do; the file says it is the public version.")
@click.option("--replace", is_flag=True, help="cypher only: the script makes Neo4j hold "
              "exactly this graph (removes what the tables no longer have), as "
              "`rimograph neo4j push --replace`.")
@lang_option
@graph_option
def export_command(graph, fmt, out, public, replace):
    """Write the whole graph for other tools; every node and edge keeps its citation.

    --lang sets the language of edge labels, of csv-excel's headers and words, of Kumu's
    types, tags and descriptions and of the note in each file that says what it is.

    \b
    graphml     Gephi, yEd, Cytoscape, graphology: labels, colours and positions
                of the map, the relation of each edge in "relation"
    gexf        Gephi (1.3): colours, sizes and positions of the map, edge kind =
                relation
    json        node-link JSON for networkx and d3 (key "links"):
                networkx.node_link_graph(data, edges="links")
    graphology  graphology's JSON, opens in Gephi Lite and sigma.js
    csv         two tables for Gephi's spreadsheet import (Id, Label; Source,
                Target, Type, relation), comma, UTF-8
    csv-excel   the nodes and relations for Excel/LibreOffice, in words: Dutch
                headers, types and yes/no (--lang en); ';', BOM, decimal comma
    kumu        xlsx with sheets Elements and Connections (ID columns, so a
                re-import in Kumu updates instead of duplicating)
    cypher      a cypher-shell script: constraints, then :param batches with
                UNWIND ... MERGE; loads the plan in seconds
    Every file is written atomically (never half-written; csv: both or none).

    \b
    Examples:
      rimograph export --format gexf --out exports/rimo.gexf
      rimograph export --format csv-excel --public --out exports/publiek
      rimograph export --format kumu --lang en --out exports/kumu.xlsx
      rimograph export --format cypher --replace --out exports/rimo.cypher
      cypher-shell -u neo4j -f exports/rimo.cypher
    """
    from ..outputs.exports import default_out, export

    if replace and fmt != "cypher":
        raise click.BadParameter(_("only with --format cypher"), param_hint="--replace")
    written = export(graph, fmt, out or default_out(fmt, public), language(), public, replace)
    said(", ".join(str(file) for file in written), graph, public)  # csv: one line, both files


@click.command("report")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("exports/dekking.html"), show_default=True,
              help="HTML file to write (folders are created).")
@lang_option
@click.option("--public", is_flag=True, help="Leave out internal facts (the FTE table); the "
              "footer says it is the public version.")
@click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder with the curated tables [default: ./graph, "
              "or $RIMOGRAPH_GRAPH, or the plan's tables shipped with rimograph].")
def report_command(out, public, graph_dir):
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
    write_report(graph, tables, out, language(), public)
    click.echo((_("{out}: coverage report (public version)") if public
                else _("{out}: coverage report")).format(out=out))


@click.command("image")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("exports/rimo-limburg.png"), show_default=True,
              help="Image to write: .png, .svg or .pdf (folders are created).")
@indicator_option
@lang_option
@graph_option
@selection_options
def image_command(graph, selection, out, indicator):
    """Draw a network map as a 16:9 slide: PNG, SVG or PDF.

    The same choice of nodes as `rimograph map` with the same options (generic partners left
    out unless --include-generic), its colours and shapes, a title, the legend and the source.
    Names are placed where they overlap nothing, at 10 pt or more on a 13.33 x 7.5 inch
    slide: every name on maps up to 160 nodes as room allows, the goals, themes and actions
    first on larger ones. SVG keeps its text as text (searchable, editable); the PDF is one
    page with its fonts embedded; PNG at 200 dpi. The same data gives the same file.

    \b
    Examples:
      rimograph image --out exports/rimo-limburg.png
      rimograph image --municipality Beringen --public --out exports/beringen.pdf
      rimograph image --focus "CAW Limburg" --out exports/caw.svg --lang en
      rimograph image --indicator activiteitsgraad --out exports/activiteitsgraad.pdf
    """
    from ..core.model import find_node
    from ..outputs.image import draw_map, image_format
    from ..outputs.maps import drawn_graph
    from ..outputs.shading import shading

    image_format(out)  # a wrong suffix fails before the drawing starts
    focus = selection["options"]["focus"]
    shown = drawn_graph(graph, selection["nodes"], focus)  # as `rimograph map` draws it
    shades = indicator and shading(graph, find_node(graph, indicator, "Indicator"), shown,
                                   selection["lang"])
    draw_map(shown, out, selection["title"], selection["lang"], focus=focus, shades=shades)
    said(out, shown)
