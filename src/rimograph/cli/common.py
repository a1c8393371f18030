"""What every command shares: the error handler, the --format, --graph and --backend options."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from ..core.errors import DataError, RimographError
from ..core.safe import for_spreadsheet, for_terminal, json_for_terminal
from ..outputs.render import FORMATS, render


class Group(click.Group):
    """A click group that turns rimograph's errors into one clear message and exit code 1.
    Messages quote data, so they go through :func:`rimograph.core.safe.for_terminal`."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DataError as exc:
            for problem in exc.problems:
                click.echo(for_terminal(str(problem)), err=True)
            raise click.ClickException(f"{len(exc.problems)} problem(s) in the tables; "
                                       "fix them and run `rimograph validate`") from None
        except RimographError as exc:
            raise click.ClickException(for_terminal(str(exc))) from None
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
                  "or $RIMOGRAPH_GRAPH, or the plan's tables shipped with rimograph].")
    @functools.wraps(func)
    def wrapper(graph_dir, **kwargs):
        from ..core.load import graph_folder, load_graph

        if kwargs.get("backend") == "neo4j":  # answered by the server: graph/ is not read
            return func(graph=None, **kwargs)
        graph_dir = graph_folder(graph_dir)
        warn_unknown_files(graph_dir)
        graph = load_graph(graph_dir)
        if graph.number_of_edges() >= 100_000:
            # a sector-sized graph lives until the command ends: keep the garbage collector
            # from walking its millions of objects again (about 0.5 s a walk at 1M edges)
            import gc

            gc.freeze()
        return func(graph=graph, **kwargs)

    return wrapper


def warn_unknown_files(graph_dir):
    """Print a warning for every file of ``graph_dir`` that is not one of its tables."""
    from ..core.tables import unknown_files

    for name in unknown_files(graph_dir):
        say(f"warning: {Path(graph_dir) / name}: not a table of graph/ (see graph/README.md), "
            "so it is not read; copy its edits into the table it belongs to", err=True)


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


GENERIC_HELP = "Include generic partners (categories such as 'lokale besturen', roles)."


def say(text: str, err: bool = False):
    """Print one message that quotes data, control characters escaped
    (:func:`rimograph.core.safe.for_terminal`)."""
    click.echo(for_terminal(text), err=err)


def emit(rows, fmt, columns=None):
    """Print rows as :func:`rimograph.outputs.render.render` does, through the sanitising point
    (:mod:`rimograph.core.safe`): control characters from data never reach the terminal, and a
    CSV cell that a spreadsheet would take for a formula (``=1+1``) is written as text."""
    if fmt == "csv":
        rows = [{k: for_spreadsheet(v) for k, v in row.items()} for row in rows]
    text = render(rows, fmt, columns)
    click.echo(json_for_terminal(text) if fmt == "json" else for_terminal(text))


PLAN_ARG = click.Path(exists=True, dir_okay=False, path_type=Path)


def names_graph(graph):
    """The graph that names given on the command line are looked up in: the embedded graph,
    or, when the question goes to Neo4j (``graph`` is None), the tables of ``graph/`` (the
    graph that was pushed)."""
    if graph is not None:
        return graph
    from ..core.load import load_graph

    return load_graph()


def municipality_option(func):
    """Add ``--municipality NAME``: a municipality of 2019-2024 or 2025 (a merged one stands
    for its parts), passed on as a list of ids (``municipalities``) or None."""
    return click.option("--municipality", "municipality", metavar="NAME",
                        help="Only this municipality: a 2019-2024 name or NIS code, or a 2025 "
                        "name (a merged municipality counts for its parts).")(func)


def municipalities_of(graph, name):
    """The municipality ids of ``--municipality NAME`` (see
    :func:`rimograph.core.model.find_municipalities`), or None without the option."""
    if not name:
        return None
    from ..core.model import find_municipalities

    return find_municipalities(names_graph(graph), name)
