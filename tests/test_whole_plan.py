"""Facts beyond the action chapter (issue 14): staffing per year and the expansion request,
links between entries, partner lists with groups, neighbourhoods and where they are named,
former names of partners. Real values of the plan, each held to its lines by check-source."""

from click.testing import CliRunner

from rimograph.cli import cli
from rimograph.core.load import load_tables_and_graph
from rimograph.core.model import sources_of, targets_of
from rimograph.questions.resources import expansion_request, fte_by_year
from rimograph.source.check import check_source

from .conftest import GRAPH_DIR
from .test_check_source import failures, needs_plan, plan, rewrite  # noqa: F401 (fixture)
from .test_extract import PLAN


def test_fte_per_year_from_the_budget_annex():
    tables, _ = load_tables_and_graph(GRAPH_DIR)
    rows = fte_by_year(tables)
    assert [(r["year"], r["fte_vzw"], r["fte_ac_vlaamse_overheid"]) for r in rows] == [
        (2021, 47.05, 27.75), (2022, 46, 26.6), (2023, 45.5, 26.6), (2024, 45.5, 26.6),
        (2025, 45.5, 26.6)]
    assert rows[0]["pages"] == [113] and rows[-1]["pages"] == [114]


def test_the_expansion_request_adds_up_to_13_fte():
    tables, _ = load_tables_and_graph(GRAPH_DIR)
    rows = expansion_request(tables)
    total = next(r for r in rows if r["part"] == "total")
    assert (total["fte"], total["page"]) == (13, 111)
    assert sum(r["fte"] for r in rows if r["part"] not in ("total", "sector-agreement")) == 13
    assert next(r["fte"] for r in rows if r["part"] == "sector-agreement") == 8.18
    by_theme = {}
    for row in rows:
        if row["theme_name"]:
            by_theme[row["theme_name"]] = by_theme.get(row["theme_name"], 0) + row["fte"]
    assert by_theme == {"Wonen": 2, "Sociale bescherming": 3, "Onderwijs": 2}
    assert [r["entry_name"] for r in rows if r["part"] == "scaling-up"] == [
        "Op weg naar zorgzame buurten"]


def test_validate_refuses_an_expansion_that_does_not_add_up(graph_copy):
    rewrite(graph_copy / "expansion.csv", lambda row: row.update(fte="4", figure="4 vte")
            if row["area_as_written"] == "Bijzondere doelgroepen" else None)
    result = CliRunner().invoke(cli, ["validate", "--graph", str(graph_copy)])
    assert result.exit_code == 1
    assert "expansion.csv:2: fte: 13 is niet de som van de onderdelen (15" in result.output


def test_validate_writes_the_sum_of_the_fte_in_the_language(graph_copy):
    """The plan's total of 45,77 FTE (line 5025), one hundredth off: decimal commas in Dutch."""
    rewrite(graph_copy / "fte.csv", lambda row: row.update(fte_total="45.78")
            if row["strategic_goal_label"] == "TOTAAL VTE" else None)
    dutch = CliRunner().invoke(cli, ["validate", "--graph", str(graph_copy)])
    assert dutch.exit_code == 1
    assert "fte.csv:8: fte_total: 45,78 is niet fte_decretal + fte_non_decretal (45,77)" \
        in dutch.output
    english = CliRunner().invoke(cli, ["validate", "--graph", str(graph_copy), "--lang", "en"])
    assert "fte.csv:8: fte_total: 45.78 is not fte_decretal + fte_non_decretal (45.77)" \
        in english.output


def test_entries_related_in_the_text(graph):
    related = sorted((u, v, d["kind"]) for u, v, k, d in graph.edges(keys=True, data=True)
                     if k == "RELATED_TO")
    assert related == [
        ("action:onderdak-in-sint-truiden", "project:onderons-in-sint-truiden",
         "interwoven-with"),
        ("action:werken-aan-het-grondrecht-onderwijs-in-tongeren",
         "project:de-nieuwe-volksbond-in-tongeren", "grew-out-of"),
        ("project:onderons-in-sint-truiden", "action:de-stek", "is-a"),
        ("project:ons-centrum-in-leopoldsburg", "project:de-stek-leopoldsburg", "basis-of"),
        ("project:trefpunt-soma-in-maasmechelen", "action:de-stek", "becomes")]
    edge = graph.edges["project:onderons-in-sint-truiden", "action:de-stek", "RELATED_TO"]
    assert (edge["page"], edge["line_start"]) == (64, 3060)


def test_the_learning_network_is_a_group_of_the_pilots_partner_list(graph):
    pilot = "project:pilootproject-buurtgerichte-zorg-pelt-en-hamont-achel"
    groups = {}
    for partner in targets_of(graph, pilot, "PARTNERS_WITH"):
        group = graph.edges[pilot, partner, "PARTNERS_WITH"].get("group", "")
        groups.setdefault(group, []).append(graph.nodes[partner]["name"])
    network = sorted(groups["Samenwerkingsverbanden lokale besturen"])
    assert len(network) == 11 and network[0] == "Lokaal bestuur Beringen"
    assert sorted(groups["Lokale samenwerkingspartners"])[:2] == [
        "Lokaal bestuur Hamont-Achel", "Lokaal bestuur Pelt"]
    assert "Cera" in groups["Project ‘Zorgzame buurten, minder mazen, meer net’"]
    # the learning network's towns are no work places of the pilot
    places = {graph.nodes[p]["name"] for p in targets_of(graph, pilot, "ACTIVE_IN")}
    assert places == {"Pelt", "Hamont-Achel"}


def test_a_partners_list_shows_the_group(graph):
    result = CliRunner().invoke(cli, ["show", "Lokaal bestuur Kinrooi", "--format", "csv"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert ("in,PARTNERS_WITH,project:pilootproject-buurtgerichte-zorg-pelt-en-hamont-achel,"
            "Pilootproject Buurtgerichte Zorg: Pelt en Hamont-Achel,Project,,inferred,"
            "Samenwerkingsverbanden lokale besturen,90") in result.output


def test_neighbourhoods_the_text_names_as_work_areas(graph):
    assert sorted(targets_of(graph, "project:steenveld-in-beringen", "ACTIVE_IN")) == [
        "municipality:71004", "neighbourhood:nieuw-steenveld", "neighbourhood:oud-steenveld",
        "neighbourhood:steenveld"]
    assert "neighbourhood:nieuw-termien" in targets_of(graph, "project:termien-in-genk",
                                                       "ACTIVE_IN")
    assert targets_of(graph, "neighbourhood:nieuw-termien", "LOCATED_IN") == ["municipality:71016"]


def test_a_wijk_named_counts_as_a_mention_of_its_municipality(graph):
    pelt = graph.edges["municipality:72043", "section:93-dorpenbeleid-pelt", "MENTIONED_IN"]
    assert "Overpelt-Fabriek" in pelt["names"].split("; ") and "4221" in pelt["lines"]
    beringen = [d for _, _, k, d in graph.out_edges("municipality:71004", keys=True, data=True)
                if k == "MENTIONED_IN"]
    assert any("Beringen-Mijn" in d["names"] for d in beringen)
    # "tuinwijk" written small is a common noun, not Hasselt's neighbourhood
    assert not any("tuinwijk" in d["names"].split("; ") for _, _, k, d in
                   graph.out_edges("municipality:71022", keys=True, data=True)
                   if k == "MENTIONED_IN")


def test_partners_under_their_current_name_with_the_former_one(graph):
    assert graph.nodes["partner:bindus"]["name"] == \
        "Bindus (voormalige Unie van Turkse Verenigingen)"
    assert "project:ieders-stem-telt-campagne-limburg" in sources_of(graph, "partner:bindus",
                                                                     "PARTNERS_WITH")
    result = CliRunner().invoke(cli, ["show", "Unie van Turkse Verenigingen"],
                                catch_exceptions=False)
    assert "partner:bindus" in result.output
    # one mention naming two organisations resolves to both
    assert {"partner:caw-limburg", "partner:budget-in-zicht"} <= set(
        targets_of(graph, "action:trefpunt-armoede-in-limburg", "PARTNERS_WITH"))


@needs_plan
def test_check_source_gives_the_plan_line_of_each_new_table(plan, graph_copy):  # noqa: F811
    rewrite(graph_copy / "fte_years.csv", lambda row: row.update(fte="47.5")
            if row["year"] == "2021" and row["scope"] == "vzw" else None)
    rewrite(graph_copy / "expansion.csv", lambda row: row.update(area_as_written="Huisvesting")
            if row["item"].startswith("Nieuwe manieren van wonen") else None)
    rewrite(graph_copy / "relations.csv", lambda row: row.update(target_as_written="STEKJE")
            if row["source"] == "project:onderons-in-sint-truiden" else None)
    rewrite(graph_copy / "partner_mentions.csv", lambda row: row.update(group="Onderzoekspartners")
            if row["mention"] == "Kinrooi" else None)
    found = [(d.kind, d.line, d.message) for d in failures(check_source(PLAN, graph_copy,
                                                                         plan=plan))]
    assert [(kind, line) for kind, line, _ in found] == [
        ("relation", 3060), ("mention-group", 4107), ("staffing", 5053), ("staffing", 5169)]
    assert "fte 47.5, maar het plan schrijft '47,05' (regel 5169)" in found[-1][2]


def test_resources_per_year_and_the_expansion_in_dutch():
    result = CliRunner().invoke(cli, ["resources", "years"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "47,05" in result.output and "jaar" in result.output
    result = CliRunner().invoke(cli, ["resources", "expansion"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Opschaling" in result.output and "totaal" in result.output


def test_the_map_tooltip_names_the_group_and_the_kind_of_link(graph):
    from rimograph.outputs.maps import map_data

    pilot = "project:pilootproject-buurtgerichte-zorg-pelt-en-hamont-achel"
    data = map_data(graph, "test", nodes=[pilot, "partner:lokaal-bestuur-kinrooi",
                                          "project:onderons-in-sint-truiden", "action:de-stek"])
    assert sorted(data["notes"]) == ["Samenwerkingsverbanden lokale besturen", "is een"]
    assert all(len(edge) == 5 for edge in data["edges"]
               if data["edge_types"][edge[2]] in ("RELATED_TO", "PARTNERS_WITH"))


@needs_plan
def test_check_source_holds_each_goal_to_its_heading(plan, graph_copy):  # noqa: F811
    rewrite(graph_copy / "operational_goals.csv", lambda row: row.update(
        line_start="2616", line_end="2620", page="53")
        if row["id"] == "operational-goal:solidariteit" else None)
    found = [(d.kind, d.line, d.message) for d in failures(check_source(PLAN, graph_copy,
                                                                         plan=plan))]
    assert found == [("citation", 2616, "operational_goals.csv:19: regels 2616-2620 bevatten "
                      "'Solidariteit' niet")]


def test_paspoel_2_is_the_estate_the_tongeren_project_works_in():
    """The project's heading says "Paspoel in Tongeren"; the estate it works in is Paspoel 2
    (a social housing estate of 459 residents, line 3716; the project starts there, line 3728)."""
    _, graph = load_tables_and_graph(GRAPH_DIR)
    estate = graph.nodes["neighbourhood:paspoel-2"]
    assert (estate["name"], estate["line_start"]) == ("Paspoel 2", 3716)
    assert targets_of(graph, "neighbourhood:paspoel-2", "LOCATED_IN") == ["municipality:73083"]
    edge = graph.edges["project:paspoel-in-tongeren", "neighbourhood:paspoel-2", "ACTIVE_IN"]
    assert (edge["page"], edge["line_start"]) == (81, 3728)
    assert "neighbourhood:paspoel" not in graph
