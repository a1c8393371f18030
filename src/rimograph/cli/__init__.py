"""The ``rimograph`` command line: parses options, calls the library, prints the answer."""

from __future__ import annotations

import sys

import click

from .. import __version__
from . import ask, coverage, data, make, network, server
from .common import Group, exit_keeping_graph, lang_option, large_graph_loaded


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rimograph")
@lang_option
def cli():
    """Ask questions of RIMO Limburg's multi-year plan 2021-2025, as a graph.

    Goals, themes, strategic actions, projects, partners, municipalities, neighbourhoods and
    target groups come from the curated tables in graph/, every fact citing the plan's page
    and lines. Everything is in Dutch; `--lang en` (or RIMOGRAPH_LANG=en) gives English.

    \b
    Examples:
      rimograph validate
      rimograph partners --min-themes 2
      rimograph coverage municipalities
      rimograph show "CAW Limburg"
      rimograph map --out exports/rimo-limburg.html
      rimograph --lang en coverage goals --format xlsx --out goals.xlsx

    \b
    Exit codes, on every command:
      0  the answer (an empty one too), or the file written
      1  no answer could be made: problems in the tables, a file that cannot be
         read or written, the Neo4j server, no path between two nodes
      2  what was typed says no answer: an unknown command or option, a wrong
         value, a name that matches no node or several (the message lists the
         candidates, or how to see every name: rimograph show --list)
    """


for command in (data.validate, data.extract_command, data.check_source_command,
                data.resolve_partners_command, ask.partners, coverage.coverage, ask.show,
                ask.stats, network.path, network.centrality, network.brokers,
                network.communities, network.overlap, ask.timeline, ask.resources,
                ask.entries_command, coverage.needs_command, coverage.mentions_command,
                make.map_command, make.export_command, make.report_command, make.image_command,
                server.neo4j_group, server.query_command):
    cli.add_command(command)


def main():
    """Console entry point. Under a C locale the terminal still gets UTF-8 (not an error on the
    first accented name). After a command on a sector-sized graph the process ends without
    freeing it (:func:`rimograph.cli.common.exit_keeping_graph`)."""
    import codecs

    for stream in (sys.stdout, sys.stderr):
        if codecs.lookup(getattr(stream, "encoding", None) or "ascii").name == "ascii":
            stream.reconfigure(encoding="utf-8")
    try:
        cli()
    except SystemExit as end:
        if large_graph_loaded() and (end.code is None or isinstance(end.code, int)):
            exit_keeping_graph(end.code or 0)
        raise
