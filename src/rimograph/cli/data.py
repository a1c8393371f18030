"""Commands on the tables and the plan's text: validate, extract, check-source, resolve-partners."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.i18n import _, language
from .common import (
    PLAN_ARG,
    emit,
    format_only_option,
    format_option,
    keep_until_exit,
    lang_option,
    say,
    warn_unknown_files,
)


@click.command()
@click.option("--graph", "graph_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="Folder with the curated tables [default: ./graph].")
@lang_option
def validate(graph_dir):
    """Check the tables in graph/: schema, unique ids, references, dates, municipalities.

    Prints every problem as `file:row: field: what is wrong` (row = spreadsheet row, the header
    is row 1) and exits with code 1 if there is any; prints the node and edge counts if not.
    Warnings (exit code 0) name files that are not tables, such as a spreadsheet's copy
    "partners (2).csv", and doubtful facts that may be right.

    \b
    Example:
      rimograph validate --graph graph
    """
    from ..core.load import graph_folder
    from ..core.model import build_graph
    from ..core.tables import load_tables

    graph_dir = graph_folder(graph_dir)
    warn_unknown_files(graph_dir)
    warnings = []
    tables = load_tables(graph_dir, warnings)
    graph = build_graph(tables)
    keep_until_exit(graph, tables)
    for warning in warnings:
        say(_("warning: {warning}").format(warning=warning), err=True)
    click.echo(_("{folder}: OK, {nodes} nodes, {edges} edges").format(
        folder=graph_dir, nodes=graph.number_of_nodes(), edges=graph.number_of_edges()))


@click.command("extract")
@click.argument("plan", type=PLAN_ARG)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder for the draft tables (created; existing files are replaced).")
@format_only_option
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

    from ..core.numbers import format_number
    from ..source.extract import parse_plan, write_drafts

    started = time.perf_counter()
    parsed = parse_plan(plan)
    counts = write_drafts(parsed, out)
    elapsed = time.perf_counter() - started
    emit([{"file": str(out / name), "rows": n} for name, n in counts.items()], fmt)
    for warning in parsed.warnings:
        click.echo(_("warning: {warning}").format(warning=warning), err=True)
    click.echo(_("{actions} actions, {projects} projects, {strings} partner strings in "
                 "{seconds} s").format(actions=len(parsed.actions), projects=len(parsed.projects),
                                       strings=len(parsed.partner_strings),
                                       seconds=format_number(round(elapsed, 2))), err=True)


@click.command("check-source")
@click.argument("plan", type=PLAN_ARG)
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
    citations whose lines do not hold the item or whose page cannot be right, the overview
    table's "(x)" marks against basis=table contributions, and text in our own words
    (summaries, notes) that repeats eight or more words of the plan in a row. A difference
    listed in the exceptions file (columns kind, key, reason) is accepted; notes never fail
    unless --strict. Messages are in the language of --lang; kind and key stay as the
    exceptions file names them. The reasons are English: csv-excel and xlsx show them only
    with --lang en, csv and json always.

    \b
    Columns: status (fail, accepted, note), kind, key, line (in the plan), message, reason
    (the table: status, kind, line, message).
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
    elif fmt in ("csv-excel", "xlsx") and language() != "en":
        columns.remove("reason")  # the curators' reasons are English (as in Kumu's workbook)
    if rows:
        emit(rows, fmt, columns)
    failed = sum(d.status == "fail" for d in diffs)
    accepted = sum(d.status == "accepted" for d in diffs)
    notes = sum(d.status == "note" for d in diffs)
    click.echo(_("{failed} difference(s), {accepted} accepted, {notes} note(s)").format(
        failed=failed, accepted=accepted, notes=notes), err=True)
    if failed:
        ctx.exit(1)


@click.command("resolve-partners")
@click.argument("plan", type=PLAN_ARG)
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

    from ..outputs.columns import word
    from ..source.check import pair_entries
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
        ids = {k: row["id"] for k, (_, row) in pair_entries(parsed, tables, []).items()}
    resolutions = resolve_plan(parsed, resolver_for(graph_dir), ids)
    rows = [r for r in resolution_rows(resolutions) if show_all or r["method"] != "exact"]
    emit(rows, fmt, ["entry", "mention", "method", "partners", "via", "suggestions"])
    counts = Counter(r.method for r in resolutions)
    click.echo(_("{counts} of {n} partner strings").format(
        counts=", ".join(f"{counts.get(m, 0)} {word(m)}" for m in
                         ("exact", "normalised", "ambiguous", "fuzzy", "none")),
        n=len(resolutions)), err=True)
    if suggest:
        suggested = suggest_aliases(resolutions)
        write_atomic(suggest, render(suggested, "csv", ["alias", "context", "partner", "basis",
                                                        "reason"]) + "\n")
        click.echo(_("{out}: {n} suggested alias rows to review").format(
            out=suggest, n=len(suggested)), err=True)
