"""Where RIMO works and where the need is: coverage (municipalities, province, goals), needs,
mentions."""

from __future__ import annotations

import click

from ..core.i18n import _, ngettext
from .common import (
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
    from ..core.model import node_name
    from ..questions.coverage import goal_coverage

    towns = municipalities_of(graph, municipality)
    rows = answer(graph, backend, neo4j, "goal-coverage", goal_coverage,
                  include_internal=include_internal, municipalities=towns)
    emit(rows, fmt, ["goal", "name", "strategic_goal", "theme", "certain", "possible",
                     "certain_actions", "possible_actions"])
    if fmt == "table":
        click.echo("")
        if towns:
            none = sum(1 for r in rows if not r["certain"] and not r["possible"])
            note(_("Only the actions active in {place}: {n} of the {total} operational goals "
                   "have none there.").format(place=" + ".join(node_name(graph, t) for t in towns),
                                              n=none, total=len(rows)))
        note(_("certain: the action's text says it contributes; possible: a (x) in the plan's "
               "overview table."))


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

    chosen = indicator and find_node(names_graph(graph), indicator, "Indicator")
    rows = needs(answer(graph, backend, neo4j, "need-facts", need_facts), chosen)
    emit(rows, fmt, drop_first=("nis_2025", "comparisons", "context", "partner_names",
                                "partners_based", "local_names", "parts"))
    if fmt == "table" and not indicator:  # the two groups of the order, told apart
        absent = sum(1 for r in rows if not r["local_entries"])
        click.echo("")
        note(_("First the {absent} municipalities without a local action or project, then the "
               "{present} with one; in each group the most need signals first.").format(
                   absent=absent, present=len(rows) - absent))


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
