"""The plan beyond its action chapter: need figures (indicators), held to the plan's lines."""

from click.testing import CliRunner

from rimograph.cli import cli
from rimograph.core.model import targets_of
from rimograph.source.check import check_source, dutch_number

from .test_check_source import failures, needs_plan, plan, rewrite  # noqa: F401 (fixture)
from .test_extract import PLAN


def measured(graph, indicator):
    """{place id: edge attributes} of an indicator's MEASURED_IN edges."""
    return {place: graph.edges[indicator, place, "MEASURED_IN"]
            for place in targets_of(graph, indicator, "MEASURED_IN")}


def test_activity_rate_of_genk_in_2017(graph):
    edge = measured(graph, "indicator:activiteitsgraad")["municipality:71016"]
    assert (edge["year"], edge["value"], edge["unit"]) == (2017, 65.3, "percent")
    assert (edge["page"], edge["line_start"]) == (24, 1201)
    limburg = measured(graph, "indicator:activiteitsgraad")["region:limburg"]
    assert limburg["value"] == 71.4
    # the seven municipalities below 70 % and the province
    assert len(measured(graph, "indicator:activiteitsgraad")) == 8


def test_municipalities_with_a_residential_caravan_site(graph):
    sites = measured(graph, "indicator:residentieel-woonwagenterrein")
    names = sorted(graph.nodes[m]["name"] for m, e in sites.items() if e["value"] == 1)
    assert names == ["As", "Bilzen", "Bree", "Genk", "Ham", "Hasselt", "Maaseik",
                     "Maasmechelen", "Oudsbergen", "Sint-Truiden"]
    assert measured(graph, "indicator:standplaatsen-woonwagens")["region:limburg"]["value"] == 191


def test_a_pre_2019_name_resolves_to_todays_municipality_and_says_so(graph_copy):
    import csv

    with (graph_copy / "indicators.csv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["former_name"] == "true"]
    assert [(r["place_as_written"], r["place"]) for r in rows] == \
        [("Meeuwen-Gruitrode", "municipality:72042")]
    assert "Oudsbergen" in rows[0]["reason"]


def test_births_in_deprived_families_keep_their_trend(graph):
    edge = measured(graph, "indicator:kansarme-geboorten")["region:limburg"]
    assert (edge["year"], edge["value"]) == (2017, 14.23)
    assert edge["series"] == "2012: 11.04; 2017: 14.23"
    assert measured(graph, "indicator:kansarme-geboorten")["region:vlaanderen"]["value"] == 13.76


def test_homeless_people_counted_per_city_in_december_2019(graph):
    counts = {graph.nodes[m]["name"]: (e["value"], e["date"])
              for m, e in measured(graph, "indicator:daklozen").items()}
    assert counts == {"Genk": (90, "2019-12"), "Hasselt": (110, "2019-12"),
                      "Sint-Truiden": (50, "2019-12")}


def test_dutch_numbers():
    assert dutch_number("1.798.000") == 1798000
    assert dutch_number("14,23 procent") == 14.23
    assert dutch_number("één op tien") is None


def test_validate_names_an_indicator_unit_that_is_not_its_definitions(graph_copy):
    rewrite(graph_copy / "indicators.csv",
            lambda row: row.update(unit="count") if row["indicator"] == "indicator:activiteitsgraad"
            and row["place_as_written"] == "Genk" else None)
    result = CliRunner().invoke(cli, ["validate", "--graph", str(graph_copy)])
    assert result.exit_code == 1
    assert "unit: 'count', maar indicator:activiteitsgraad wordt gemeten in 'percent'" in result.output


@needs_plan
def test_check_source_gives_the_plan_line_of_a_corrupted_figure(plan, graph_copy):  # noqa: F811
    def corrupt(row):
        if row["indicator"] == "indicator:activiteitsgraad" and row["place_as_written"] == "Genk":
            row["value"] = "63.5"
        if row["indicator"] == "indicator:daklozen" and row["place_as_written"] == "Hasselt":
            row["place_as_written"] = "Hasselt-Zuid"

    rewrite(graph_copy / "indicators.csv", corrupt)
    found = [(d.kind, d.line, d.message) for d in failures(check_source(PLAN, graph_copy,
                                                                         plan=plan))]
    assert [(kind, line) for kind, line, _ in found] == [("indicator", 1201), ("indicator", 1455)]
    assert "value 63.5, maar het plan schrijft '65,3 procent' (regel 1201)" in found[0][2]
    assert "place_as_written 'Hasselt-Zuid' staat niet in regels 1455-1456" in found[1][2]


def test_show_an_indicator_lists_the_places_it_measures():
    result = CliRunner().invoke(cli, ["show", "indicator:activiteitsgraad"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "gemeten in" in result.output and "Dilsen-Stokkem" in result.output


# --- the partner analysis and RIMO Limburg's own ties ------------------------------------------

def ties(graph, relation, source=None, target=None):
    return sorted((u, v) for u, v, k in graph.edges(keys=True) if k == relation
                  and (source is None or u == source) and (target is None or v == target))


def test_general_assembly_members(graph):
    members = sorted(graph.nodes[u]["name"] for u, _ in
                     ties(graph, "REPRESENTED_IN", target="partner:rimo-limburg")
                     if graph.edges[u, "partner:rimo-limburg", "REPRESENTED_IN"]["body"]
                     == "algemene vergadering")
    assert members == ["Arktos", "Centrum Algemeen Welzijnswerk Limburg (CAW Limburg)"]
    # the same node as the partner of the actions
    assert ties(graph, "PARTNERS_WITH", target="partner:caw-limburg")


def test_bodies_where_rimo_sits(graph):
    where = {graph.nodes[v]["name"]: graph.edges["partner:rimo-limburg", v, "REPRESENTED_IN"]
             .get("body", "") for _, v in ties(graph, "REPRESENTED_IN", "partner:rimo-limburg")}
    assert where == {"Limburgs Steunpunt Straathoekwerk (LISS)": "stuurgroep",
                     "Limburgse Integratieraad (LIR)": "", "Stebo": "algemene vergadering",
                     "VormingPlus Limburg": "bestuur"}


def test_rimo_founded_trefpunt_armoede_with_the_province_in_2010(graph):
    edge = graph.edges["partner:rimo-limburg", "partner:trefpunt-armoede", "FOUNDED"]
    assert (edge["year"], edge["together_with"], edge["line_start"]) == \
        (2010, "partner:provincie-limburg", 1917)
    assert graph.nodes["partner:trefpunt-armoede"]["plan_entry"] == \
        "action:trefpunt-armoede-in-limburg"


def test_municipalities_with_a_local_integration_service(graph):
    towns = sorted(graph.nodes[u]["name"] for u, _ in
                   ties(graph, "HAS_SERVICE", target="partner:generic-lokale-integratiediensten")
                   if u.startswith("municipality:"))
    assert len(towns) == 12
    assert towns[:3] == ["Beringen", "Dilsen-Stokkem", "Genk"]


def test_validate_refuses_a_partner_in_that_points_to_a_partner(graph_copy):
    from .conftest import append_row

    row = append_row(graph_copy / "ties.csv", "partner:stebo,PARTNER_IN,partner:caw-limburg,,,,"
                     "Stebo,,,stated,,37,1899,1900")
    result = CliRunner().invoke(cli, ["validate", "--graph", str(graph_copy)])
    assert result.exit_code == 1
    assert (f"ties.csv:{row}: target: het doel van PARTNER_IN is een actie of project, niet "
            "'partner:caw-limburg'") in result.output


@needs_plan
def test_check_source_gives_the_plan_line_of_a_corrupted_tie(plan, graph_copy):  # noqa: F811
    rewrite(graph_copy / "ties.csv", lambda row: row.update(source_as_written="Arktoz")
            if row["source"] == "partner:arktos" else None)
    found = [(d.kind, d.line, d.message) for d in failures(check_source(PLAN, graph_copy,
                                                                         plan=plan))]
    assert found == [("tie", 1804, "ties.csv:3: source_as_written 'Arktoz' staat niet in "
                      "regels 1804-1804")]


# --- where the plan names each municipality -----------------------------------------------------

def test_municipalities_never_mentioned(graph):
    never = sorted(d["name"] for n, d in graph.nodes(data=True) if d["type"] == "Municipality"
                   and not targets_of(graph, n, "MENTIONED_IN"))
    assert never == ["Alken", "Bocholt", "Borgloon", "Diepenbeek", "Gingelom", "Herstappe",
                     "Hoeselt", "Kortessem", "Nieuwerkerken", "Peer", "Riemst", "Tessenderlo",
                     "Voeren", "Wellen", "Zonhoven"]


def test_a_former_name_and_a_deelgemeente_count_for_todays_municipality(graph):
    oudsbergen = graph.edges["municipality:72042", "section:27-grondrechten-onder-druk",
                             "MENTIONED_IN"]
    assert (oudsbergen["names"], oudsbergen["lines"]) == ("Meeuwen-Gruitrode", "1461")
    sections = targets_of(graph, "municipality:71004", "MENTIONED_IN")
    assert "section:88-buurtgericht-netwerk-en-buurtopbouwwerk-in-beverlo" in sections
    assert graph.nodes["section:88-buurtgericht-netwerk-en-buurtopbouwwerk-in-beverlo"][
        "line_start"] == 4005


@needs_plan
def test_check_source_names_a_mention_missing_from_the_table(plan, graph_copy):  # noqa: F811
    rewrite(graph_copy / "mentions.csv", lambda row: row.update(line_start="1202", line_end="1202")
            if (row["municipality"], row["line_start"]) == ("71016", "1201") else None)
    found = [(d.kind, d.line) for d in failures(check_source(PLAN, graph_copy, plan=plan))]
    assert found == [("place-mention", 1201), ("place-mention", 1202)]


# --- the minister's priorities and Sterk Sociaal Werk -------------------------------------------

def linked(graph, priority):
    return sorted(targets_of(graph, priority, "LINKED_TO"))


def test_the_goals_linked_to_a_challenge_of_sterk_sociaal_werk(graph):
    assert linked(graph, "priority:vermaatschappelijking-sterk-sociaal-werk") == [
        "operational-goal:community-building", "operational-goal:sociale-bescherming",
        "operational-goal:solidariteit"]
    superdiverse = "priority:superdiverse-context-sterk-sociaal-werk"
    assert linked(graph, superdiverse) == [
        "operational-goal:community-building", "operational-goal:solidariteit",
        "project:solidariteit-in-beeld-projectvoorbereiding",
        "sector-goal:discriminatie-en-racisme"]
    edge = graph.edges[superdiverse, "sector-goal:discriminatie-en-racisme", "LINKED_TO"]
    assert (edge["page"], edge["line_start"], edge["basis"]) == (110, 4936, "stated")
    assert graph.nodes[superdiverse]["number"] == 3


def test_the_minister_has_eight_priorities_and_sterk_sociaal_werk_eight_challenges(graph):
    frameworks = [d["framework"] for _, d in graph.nodes(data=True) if d["type"] == "Priority"]
    assert (frameworks.count("beleidsnota-welzijn"), frameworks.count("sterk-sociaal-werk")) == \
        (8, 8)
    # the policy note's priority on social protection reaches RIMO's own goals and the STEK
    assert linked(graph, "priority:sociale-bescherming-beleidsnota-welzijn") == [
        "action:de-stek", "operational-goal:community-building",
        "operational-goal:kwaliteitsverbetering-op-de-woonmarkt",
        "operational-goal:lokaal-sociaal-beleid", "operational-goal:sociale-bescherming",
        "strategic-goal:sd2", "strategic-goal:sd3", "theme:onderwijs"]


def test_sector_goals_are_not_counted_as_rimos_operational_goals(graph):
    from rimograph.questions.coverage import goal_coverage

    sector = sorted(n for n, t in graph.nodes(data="type") if t == "SectorGoal")
    assert sector == ["sector-goal:discriminatie-en-racisme",
                      "sector-goal:sociaal-rechtvaardig-klimaat-en-milieubeleid"]
    ods = {row["goal"] for row in goal_coverage(graph, include_internal=True)}
    assert len(ods) == 21 and not ods & set(sector)


@needs_plan
def test_check_source_gives_the_plan_line_of_a_corrupted_priority_link(plan, graph_copy):  # noqa: F811
    rewrite(graph_copy / "priority_links.csv", lambda row: row.update(
        target_as_written="OD Solidariteit in actie") if row["target_as_written"] ==
        "OD Solidariteit" and row["line_start"] == "4937" else None)
    rewrite(graph_copy / "priorities.csv", lambda row: row.update(name_as_written="HUISVESTING")
            if row["name_as_written"] == "WONEN" else None)
    rewrite(graph_copy / "sector_goals.csv", lambda row: row.update(line_start="4940",
                                                                    line_end="4940")
            if row["id"] == "sector-goal:discriminatie-en-racisme" else None)
    found = [(d.kind, d.line, d.message) for d in failures(check_source(PLAN, graph_copy,
                                                                         plan=plan))]
    assert [(kind, line) for kind, line, _ in found] == [
        ("priority", 4753), ("priority", 4937), ("priority", 4940)], found
    assert "name_as_written 'HUISVESTING' staat niet in regels 4753-4768" in found[0][2]
