"""The ``rimograph`` command line: parses options, calls the library, prints the answer."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from . import __version__
from .errors import DataError, RimographError
from .output import FORMATS, render


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
        from .load import load_graph

        return func(graph=load_graph(graph_dir), **kwargs)

    return wrapper


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
    from .load import default_graph_dir
    from .model import build_graph
    from .tables import load_tables

    graph_dir = graph_dir or default_graph_dir()
    graph = build_graph(load_tables(graph_dir))
    click.echo(f"{graph_dir}: OK, {graph.number_of_nodes()} nodes, "
               f"{graph.number_of_edges()} edges")


@cli.command()
@click.option("--min-themes", type=click.IntRange(min=1), default=2, show_default=True,
              help="Least number of themes a partner must span.")
@click.option("--include-generic", is_flag=True,
              help="Also list generic partners (categories such as 'lokale besturen', roles).")
@format_option
@graph_option
def partners(graph, min_themes, include_generic, fmt):
    """Partners that work across several themes.

    A partner spans a theme when it partners in an action or project that certainly
    contributes to an operational goal of that theme (themes: Sociale bescherming, Wonen,
    Onderwijs, Krachtige buurten en steden, Collectief burgerschap).

    \b
    Columns: partner (id), name, kind, themes (count), theme_names,
             entries (actions and projects), entry_names.
    Example:
      rimograph partners --min-themes 3 --format csv
    """
    from .questions import partners_spanning_themes

    rows = partners_spanning_themes(graph, min_themes, include_generic)
    emit(rows, fmt, ["partner", "name", "kind", "themes", "theme_names", "entries",
                     "entry_names"])


@cli.group(cls=Group)
def coverage():
    """Coverage of municipalities and goals by the plan's actions and projects."""


@coverage.command("municipalities")
@format_option
@graph_option
def coverage_municipalities(graph, fmt):
    """For each of the 42 municipalities, the actions and projects active there.

    Active directly or through one of its neighbourhoods; municipalities without any are
    listed first. Province-wide actions are not counted as local coverage: in table format they
    are listed below the table; `rimograph coverage province` lists them on their own.

    \b
    Columns: municipality (id), nis, name, name_2025 (after the 2025 mergers),
             entries (count), entry_names.
    """
    from .questions import municipality_coverage, province_wide

    rows = municipality_coverage(graph)
    emit(rows, fmt, ["municipality", "nis", "name", "name_2025", "entries", "entry_names"])
    if fmt == "table":
        wide = province_wide(graph)
        uncovered = sum(1 for r in rows if not r["entries"])
        click.echo(f"\n{uncovered} of {len(rows)} municipalities have no local action or project.")
        click.echo(f"Province-wide or Flemish, not counted above ({len(wide)}): "
                   + "; ".join(r["name"] for r in wide))


@coverage.command("province")
@format_option
@graph_option
def coverage_province(graph, fmt):
    """Actions and projects that work province-wide or Flanders-wide (scope not local).

    \b
    Columns: entry (id), name, type, scope.
    """
    from .questions import province_wide

    emit(province_wide(graph), fmt, ["entry", "name", "type", "scope"])


@coverage.command("goals")
@click.option("--include-internal", is_flag=True,
              help="Also list the internal goals (SD Interne organisatie).")
@format_option
@graph_option
def coverage_goals(graph, include_internal, fmt):
    """For each operational goal, the strategic actions that contribute to it.

    Certain contributions (reconstructed from each action's text) and possible ones (the
    overview table's "(x)" marks) are counted apart; the least-covered goals come first.

    \b
    Columns: goal (id), name, strategic_goal, theme, certain, possible,
             certain_actions, possible_actions.
    """
    from .questions import goal_coverage

    emit(goal_coverage(graph, include_internal), fmt,
         ["goal", "name", "strategic_goal", "theme", "certain", "possible", "certain_actions",
          "possible_actions"])


@cli.command()
@click.argument("name")
@format_option
@graph_option
def show(graph, name, fmt):
    """Show one node: its attributes, its citation in the plan and its neighbours.

    NAME is an id (partner:caw-limburg) or a name; matching ignores case, accents and
    punctuation, and accepts a part of the name. When several nodes match, their ids are
    listed.

    \b
    Examples:
      rimograph show woonzaak
      rimograph show "caw limburg" --format json
    """
    from .questions import find_node, neighbours

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
@graph_option
def stats(graph, fmt):
    """Node and edge counts by type.

    \b
    Columns: kind (node or edge), type, count.
    """
    from .questions import stats as count

    emit(count(graph), fmt)


@cli.command("map")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("exports/rimo-limburg.html"), show_default=True,
              help="HTML file to write (folders are created).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True,
              help="Language of the legend, panel and tooltips.")
@graph_option
def map_command(graph, out, lang):
    """Write an interactive network map of the plan as one offline HTML file.

    The file needs no internet (vis-network is inlined), shows a legend, a filter panel
    (type, theme, municipality, year), search by name and tooltips that cite the plan's page.
    Positions are computed with a fixed seed: the same data gives the same picture.

    \b
    Example:
      rimograph map --out exports/rimo-limburg.html
    """
    from .maps import write_map

    title = "Meerjarenplan 2021-2025 RIMO Limburg" if lang == "nl" else \
        "Multi-year plan 2021-2025 RIMO Limburg"
    write_map(graph, out, title, lang)
    click.echo(f"{out}: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")


def main():
    """Console entry point."""
    sys.exit(cli())
