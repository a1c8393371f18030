"""The Neo4j commands: neo4j push / pull, query."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.i18n import _
from .common import (
    Group,
    emit,
    format_only_option,
    format_option,
    graph_option,
    lang_option,
    neo4j_options,
    say,
)


@click.group("neo4j", cls=Group)
@lang_option
def neo4j_group():
    """Copy the graph to a Neo4j server and back (needs `pip install 'rimograph[neo4j]'`).

    Connection from --uri/--user/--password/--database or NEO4J_URI, NEO4J_USER,
    NEO4J_PASSWORD, NEO4J_DATABASE. Then the question commands take --backend neo4j, and
    `rimograph query` runs the named Cypher queries of queries/.

    \b
    Examples:
      rimograph neo4j push --uri bolt://localhost:7687 --password secret
      rimograph neo4j push --replace
      rimograph neo4j status
      rimograph neo4j pull --out exports/from-neo4j.json
    """


@neo4j_group.command("push")
@click.option("--replace", is_flag=True,
              help="Make Neo4j hold exactly this data: the new graph is loaded beside the old "
              "one and switched in with one short transaction, so readers see the old or the "
              "new graph, at any size; then the old one is deleted.")
@neo4j_options
@lang_option
@graph_option
def neo4j_push(graph, replace, neo4j):
    """Write the validated graph to Neo4j (constraints, then nodes, then relationships).

    Labels are the node types (Partner, StrategicAction, ...), relationship types the edge
    types (PARTNERS_WITH, ...), properties camelCase (lineStart); every node and relationship
    keeps its citation (page, lineStart, lineEnd). The first push into a database without
    rimograph's graph, and --replace, load a new version in batches of 10000 rows that no
    reader sees until one short transaction switches to it: if it stops halfway (server gone,
    Ctrl-C), readers keep what they had and the next push deletes the unfinished version.
    A push into the graph that is there merges in batches of 2000 rows: pushing again changes
    nothing, nothing is deleted, and if it stops halfway Neo4j holds part of the graph; run
    the same push again to complete it (`rimograph neo4j status` tells). A lost server is
    retried for 10 s, then the command stops with one line.
    """
    from ..backends.neo4j import connect, push

    with connect(**neo4j) as conn:
        report = push(graph, conn.driver, conn.database, replace=replace)
    click.echo(f"{conn.uri} ({conn.database}): {report.line()}")


@neo4j_group.command("status")
@neo4j_options
@format_option
def neo4j_status(neo4j, fmt):
    """Say whether the last push completed, and what Neo4j holds of rimograph's graph.

    \b
    Columns (json/csv): item, value; items: nodes, relationships (of rimograph's labels
    now), leftover (nodes of an interrupted --replace, deleted by the next push), and the
    last push's state (running or complete), replace, started, finished (UTC), nodes and
    relationships sent, rimograph_version.
    Example:
      rimograph neo4j status
    """
    from ..backends.neo4j import connect, status

    with connect(**neo4j) as conn:
        found = status(conn.driver, conn.database)
    last = found["last_push"]
    if fmt != "table":
        rows = [{"item": k, "value": found[k]} for k in ("nodes", "relationships", "leftover")]
        emit(rows + [{"item": f"last_push_{k}", "value": v} for k, v in (last or {}).items()],
             fmt)
        return
    say(_("{uri} ({database}): {nodes} nodes and {relationships} relationships of "
          "rimograph's graph").format(uri=conn.uri, database=conn.database, nodes=found["nodes"],
                                      relationships=found["relationships"]))
    if last is None:
        say(_("last push: none recorded (`rimograph neo4j push` writes the graph)"))
    elif last.get("state") == "complete":
        text = (_("last push: complete (--replace), {nodes} nodes and {relationships} "
                  "relationships, finished {finished}") if last.get("replace") else
                _("last push: complete, {nodes} nodes and {relationships} relationships, "
                  "finished {finished}"))
        say(text.format(nodes=last.get("nodes"), relationships=last.get("relationships"),
                        finished=last.get("finished")))
    else:
        say(_("last push: NOT complete (started {started}, still running or interrupted); run "
              "the same `rimograph neo4j push` again to complete it").format(
                  started=last.get("started")))
    if found["leftover"]:
        say(_("{n} nodes of another version (an unfinished push, or the graph a Cypher "
              "--replace script replaced), not read by any query; the next push deletes them")
            .format(n=found["leftover"]))


@neo4j_group.command("pull")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the graph as node-link JSON to this file (edges under "
              "\"links\", as `rimograph export --format json` writes them).")
@neo4j_options
@format_only_option
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

        data = nx.node_link_data(graph, edges="links")
        write_atomic(out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        click.echo(_("{out}: {nodes} nodes, {edges} edges").format(
            out=out, nodes=graph.number_of_nodes(), edges=graph.number_of_edges()), err=True)


@click.command("query")
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
        raise click.UsageError(_("give a query NAME, or --list to see them"))
    named = get_query(name)
    known = {p.name: p for p in named.parameters}
    given = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(_("{item!r}: write KEY=VALUE").format(item=item),
                                     param_hint="--param")
        if key not in known:
            raise click.BadParameter(_("{query} has no parameter {key!r}; it takes: {params}")
                                     .format(query=named.name, key=key,
                                             params=named.signature() or _("none")),
                                     param_hint="--param")
        given[key] = known[key].parse(value)
    with connect(**neo4j) as conn:
        rows = run_query(conn.driver, conn.database, named, given)
    emit(rows, fmt)
