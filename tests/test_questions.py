"""The first questions, answered on the real plan."""

import json

import pytest
from click.testing import CliRunner

from rimograph.cli import cli
from rimograph.core.errors import NotFound
from rimograph.core.model import find_node
from rimograph.questions.coverage import goal_coverage, municipality_coverage, province_wide
from rimograph.questions.partners import partners_spanning_themes
from rimograph.questions.nodes import stats


def partners_of(graph, entry):
    return sorted(v for _, v, k in graph.out_edges(entry, keys=True) if k == "PARTNERS_WITH")


def entries_of(graph, partner):
    return sorted(u for u, _, k in graph.in_edges(partner, keys=True) if k == "PARTNERS_WITH")


def test_counts_of_actions_and_projects(graph):
    counts = {r["type"]: r["count"] for r in stats(graph) if r["kind"] == "node"}
    assert counts["StrategicAction"] == 24  # 21 in the overview table + 3 transversal
    assert counts["Project"] == 33
    assert counts["Municipality"] == 42
    assert counts["OperationalGoal"] == 21  # 13 external + 8 internal
    assert counts["Theme"] == 5


def test_partners_of_cafe_anoniem(graph):
    # "Groep Hasselt ( Stad en OCMW Hasselt), Zorggroep Zin, CAW Limburg" + the on-site prose list
    assert partners_of(graph, "action:cafe-anoniem-in-hasselt") == [
        "partner:caw-limburg", "partner:generic-ambulante-drughulpverlening",
        "partner:lokaal-bestuur-hasselt", "partner:role-psycholoog",
        "partner:role-straathoekwerkers", "partner:role-straatverpleegkundige",
        "partner:zorggroep-zin"]


def test_partners_of_de_stek_leopoldsburg(graph):
    # "het OCMW en stedelijke diensten" is two partners; "geestelijke gezondheidszorg" and
    # "GGZ" are one; "'t Kapstokse" is 't Kapstokske
    assert partners_of(graph, "project:de-stek-leopoldsburg") == [
        "partner:caw-limburg", "partner:de-oogst", "partner:generic-geestelijke-gezondheidszorg",
        "partner:generic-mutualiteiten", "partner:kantonnale-bouwmaatschappij",
        "partner:lokaal-bestuur-leopoldsburg", "partner:lop-leopoldsburg",
        "partner:ocmw-leopoldsburg", "partner:sint-vincentius-limburg",
        "partner:sociale-kruidenier-leopoldsburg", "partner:svk-leopoldsburg",
        "partner:t-kapstokske", "partner:vooruitzien"]


def test_partners_of_depot_margo_split_the_joined_items(graph):
    # "Voedselbank Limburg KOMOSIE (...)": a wrap joined two partners without a comma
    partners = partners_of(graph, "action:depot-margo-en-sociale-kruideniers-in-limburg")
    assert "partner:voedselbank-limburg" in partners and "partner:komosie" in partners
    assert "partner:trefpunt-armoede" in partners and "partner:bewel" in partners
    assert len(partners) == 20


def test_partners_of_woonzaak(graph):
    assert partners_of(graph, "action:woonzaak") == [
        "partner:feantsa", "partner:generic-middenveldorganisaties",
        "partner:netwerk-tegen-armoede", "partner:role-academici",
        "partner:samenlevingsopbouw-vlaanderen", "partner:vlaams-huurdersplatform",
        "partner:welzijnszorg"]


def test_partners_of_rekening_houden_met_diversiteit(graph):
    assert partners_of(graph, "action:rekening-houden-met-diversiteit") == [
        "partner:ella-vzw", "partner:generic-lokale-besturen",
        "partner:generic-sociaal-culturele-verenigingen-van-etnisch-culturele-minderheden",
        "partner:generic-verschillende-organisaties", "partner:merhaba", "partner:unia",
        "partner:vormingplus-limburg"]


def test_lokaal_bestuur_in_a_town_project_is_that_towns_government(graph):
    assert "partner:lokaal-bestuur-halen" in partners_of(graph, "project:buurtgerichte-zorg-halen")
    assert "partner:lokaal-bestuur-genk" in partners_of(graph, "project:waterschei-in-genk")


def test_welzijnsschakels_is_in_the_actions_the_plan_says(graph):
    assert entries_of(graph, "partner:welzijnsschakels") == [
        "action:buurtanalyses", "action:ieders-stem-telt-campagne",
        "action:ondersteuning-armoedeverenigingen-in-limburg", "project:buurtanalyse-tongeren"]
    # "Welzijnsschakels Limburg" is the Limburg branch, its own partner (part of the whole),
    # never both at once
    assert entries_of(graph, "partner:welzijnsschakels-limburg") == [
        "action:trefpunt-armoede-in-limburg", "project:het-open-poortje-in-lummen",
        "project:ieders-stem-telt-campagne-limburg"]


def test_caw_limburg_spans_four_themes_and_leads(graph):
    rows = partners_spanning_themes(graph, min_themes=3)
    assert rows[0]["partner"] == "partner:caw-limburg"
    assert rows[0]["themes"] == 4
    assert "Onderwijs" not in rows[0]["theme_names"]
    assert all(not r["partner"].startswith(("partner:generic-", "partner:role-")) for r in rows)


def test_generic_partners_only_on_request(graph):
    plain = {r["partner"] for r in partners_spanning_themes(graph, 2)}
    generic = {r["partner"] for r in partners_spanning_themes(graph, 2, include_generic=True)}
    assert "partner:generic-lokale-besturen" in generic - plain


def test_municipalities_with_and_without_local_coverage(graph):
    rows = {r["name"]: r for r in municipality_coverage(graph)}
    assert len(rows) == 42
    for name in ("Alken", "As", "Bree", "Lommel", "Voeren", "Heusden-Zolder", "Lanaken"):
        assert rows[name]["entries"] == 0
    assert "Waterschei in Genk" in rows["Genk"]["entry_names"]
    assert "Tuinwijk in Beringen-Mijn" in rows["Beringen"]["entry_names"]  # via neighbourhood
    assert rows["Zutendaal"]["entry_names"] == ["Buurtgerichte Zorg Zutendaal",
                                                "Op weg naar zorgzame buurten"]
    assert rows["Kortessem"]["name_2025"] == "Hasselt"
    ordered = municipality_coverage(graph)
    assert [r["entries"] == 0 for r in ordered] == sorted(
        [r["entries"] == 0 for r in ordered], reverse=True)
    assert sum(1 for r in ordered if r["entries"] == 0) == 27


def test_province_wide_actions_are_apart(graph):
    names = [r["name"] for r in province_wide(graph)]
    assert "Depot Margo en Sociale Kruideniers in Limburg" in names
    assert "Woonzaak" in names
    assert "Café Anoniem in Hasselt" not in names


def test_goal_coverage(graph):
    rows = {r["goal"]: r for r in goal_coverage(graph)}
    assert len(rows) == 13  # external goals only by default
    onderwijs = rows["operational-goal:gelijke-onderwijskansen"]
    # Brede School names "gelijke onderwijskansen" among its aims (l.3920-3923)
    assert onderwijs["certain_actions"] == ["Brede School in Beringen-Mijn",
                                            "Modelontwikkeling sterk onderwijs"]
    assert onderwijs["possible_actions"] == ["Aandachtsbuurten versterken"]
    wonen = rows["operational-goal:regulering-woonmarkt"]
    assert wonen["certain_actions"] == ["OnderDak in Sint-Truiden", "Woonzaak"]
    spg = rows["operational-goal:grond-en-mensenrechten"]
    assert spg["possible_actions"] == ["Noodkoopfonds", "Wonen op maat", "Woonzaak"]
    assert len(goal_coverage(graph, include_internal=True)) == 21


def test_find_node_is_accent_and_case_insensitive(graph, english):
    assert find_node(graph, "cafe anoniem") == "action:cafe-anoniem-in-hasselt"
    assert find_node(graph, "KOLDERBOS EN D'IERD") == "project:kolderbos-en-dierd-in-genk"
    with pytest.raises(NotFound, match="matches"):
        find_node(graph, "stek")
    with pytest.raises(NotFound, match="did you mean"):
        find_node(graph, "woonzaakk")


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def test_cli_partners_json():
    result = run("partners", "--min-themes", "4", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [r["partner"] for r in rows] == ["partner:caw-limburg", "partner:lokaal-bestuur-tongeren",
        "partner:lokaal-bestuur-sint-truiden"]


def test_cli_coverage_municipalities_table_mentions_province_wide():
    result = run("coverage", "municipalities", "--lang", "en")
    assert result.exit_code == 0
    assert "27 of 42 municipalities have no local action or project." in result.output
    assert "Province-wide or Flemish, not counted above" in result.output


def test_cli_coverage_goals_csv_header():
    result = run("coverage", "goals", "--format", "csv")
    assert result.output.splitlines()[0] == ("goal,name,strategic_goal,theme,certain,possible,"
                                             "certain_actions,possible_actions")


def test_cli_show_ambiguous_lists_candidates():
    result = CliRunner().invoke(cli, ["show", "stek"])
    assert result.exit_code == 2
    assert "project:de-stek-beringen-mijn" in result.output
    assert "Traceback" not in result.output


def test_cli_show_cites_the_plan():
    result = run("show", "woonzaak", "--format", "json")
    node = json.loads(result.output)["node"]
    assert node["page"] == 73 and node["type"] == "StrategicAction"


def test_every_command_has_a_docstring():
    def walk(command):
        yield command
        for sub in getattr(command, "commands", {}).values():
            yield from walk(sub)
    for command in walk(cli):
        assert command.help and len(command.help) > 20, command.name


def test_partners_on_one_theme():
    result = run("partners", "--theme", "wonen", "--format", "json")
    rows = json.loads(result.output)
    assert len(rows) == 24
    assert all("Wonen" in r["theme_names"] for r in rows)
    assert {"partner:vlaams-huurdersplatform", "partner:caw-limburg"} <= {r["partner"] for r in rows}
    wrong = CliRunner().invoke(cli, ["partners", "--theme", "huisvesting"])
    assert wrong.exit_code == 2 and "kies een van: Collectief burgerschap, Krachtige buurten en steden, Onderwijs" in wrong.output


def test_misspelled_names_suggest_the_right_node(graph, english):
    with pytest.raises(NotFound) as caw:
        find_node(graph, "caw limbrug")
    assert str(caw.value).splitlines()[1].endswith("(Partner, partner:caw-limburg)")
    municipalities = graph.subgraph(n for n, t in graph.nodes(data="type") if t == "Municipality")
    with pytest.raises(NotFound) as genk:
        find_node(municipalities, "Gent")
    assert str(genk.value).splitlines()[1].endswith(", municipality:71016)")


def test_show_finds_partners_by_the_plans_spelling(graph, english):
    # "Lokaal bestuur Stad Genk" and "St.-Vincentius" are how partner lists write them
    assert find_node(graph, "Stad Genk") == "partner:lokaal-bestuur-genk"
    assert find_node(graph, "St.-Vincentius") == "partner:sint-vincentius-limburg"
    with pytest.raises(NotFound, match="not a name"):
        find_node(graph, "  ")
