"""Network analyses on the real plan: values checked against the plan text."""

import networkx as nx
import pytest
from click.testing import CliRunner

from rimograph.questions import network as net, resources
from rimograph.questions import time as timing
from rimograph.cli import cli
from rimograph.core.errors import NoPath
from rimograph.core.load import default_graph_dir
from rimograph.core.tables import load_tables

CAW = "partner:caw-limburg"


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_shortest_path_between_two_organisations(graph):
    # Woonzaak names the Vlaams Huurdersplatform and the Netwerk tegen Armoede (lines
    # 3372-3373); Trefpunt Armoede in Limburg names the Netwerk and CAW Limburg (3149-3150).
    rows = net.shortest_paths(graph, "Vlaams Huurdersplatform", "CAW Limburg",
                                   relations=["PARTNERS_WITH"])
    assert rows == [{
        "path": 1, "hops": 4,
        "chain": "Vlaams Huurdersplatform (VHP) <-PARTNERS_WITH- Woonzaak -PARTNERS_WITH-> "
                 "Netwerk tegen Armoede <-PARTNERS_WITH- Trefpunt Armoede in Limburg "
                 "-PARTNERS_WITH-> Centrum Algemeen Welzijnswerk Limburg (CAW Limburg)",
        "nodes": ["partner:vlaams-huurdersplatform", "action:woonzaak",
                  "partner:netwerk-tegen-armoede", "action:trefpunt-armoede-in-limburg", CAW]}, {
        # the sector Samenlevingsopbouw, co-initiator of Woonzaak (3372) and partner of Ieders
        # Stem Telt Campagne Limburg (4364), is one node
        "path": 2, "hops": 4,
        "chain": "Vlaams Huurdersplatform (VHP) <-PARTNERS_WITH- Woonzaak -PARTNERS_WITH-> "
                 "Samenlevingsopbouw Vlaanderen <-PARTNERS_WITH- Ieders Stem Telt Campagne "
                 "Limburg -PARTNERS_WITH-> Centrum Algemeen Welzijnswerk Limburg (CAW Limburg)",
        "nodes": ["partner:vlaams-huurdersplatform", "action:woonzaak",
                  "partner:samenlevingsopbouw-vlaanderen", "project:ieders-stem-telt-campagne-limburg",
                  CAW]}]


def test_path_command(graph):
    output = run("path", "Vlaams Huurdersplatform", "CAW Limburg", "--relation",
                 "PARTNERS_WITH", "--format", "csv")
    assert output.splitlines()[0] == "path,hops,chain"
    assert output.splitlines()[1].startswith("1,4,Vlaams Huurdersplatform (VHP) <-PARTNERS_WITH")


def test_no_path_says_how_to_widen(graph, english):
    with pytest.raises(NoPath, match="through targets; with --all-relations there is one "
                                     r"\(2 steps\)"):
        net.shortest_paths(graph, "Woonzaak", "theme:wonen", relations=["TARGETS"])


def test_partners_with_the_highest_degree(graph):
    rows = net.centrality(graph)
    top = [(r["partner"], r["degree"]) for r in rows[:3]]
    assert top == [(CAW, 15), ("partner:basiseducatie-limino", 9),
                   ("partner:lokaal-bestuur-beringen", 8)]
    caw = rows[0]
    assert caw["themes"] == 4 and "Wonen" in caw["theme_names"]
    assert caw["betweenness"] == max(r["betweenness"] for r in rows)
    assert all(not graph.nodes[r["partner"]]["generic"] for r in rows)
    assert len(net.centrality(graph, include_generic=True)) > len(rows)


def test_an_articulation_point_really_splits_the_network(graph):
    rows = {r["partner"]: r for r in net.brokers(graph)}
    caw = rows[CAW]
    assert caw["articulation"] and caw["pieces"] >= 2
    assert "Café Anoniem in Hasselt" in caw["cut_off_entries"]
    network = net.partner_network(graph)
    cafe, woonzaak = "action:cafe-anoniem-in-hasselt", "action:woonzaak"
    assert nx.has_path(network, cafe, woonzaak)
    without = network.copy()
    without.remove_node(CAW)
    assert not nx.has_path(without, cafe, woonzaak)
    assert nx.number_connected_components(without) > nx.number_connected_components(network)
    # Buurtgerichte Zorg Halen names only the local government of Halen.
    assert rows["partner:lokaal-bestuur-halen"]["sole_partner_of"] == ["Buurtgerichte Zorg Halen"]


def test_communities_are_deterministic_and_named(graph):
    rows = net.communities(graph)
    assert rows == net.communities(graph)
    assert 0.5 < rows[0]["modularity"] < 1
    members = [m for r in rows for m in r["members"]]
    assert len(members) == len(set(members))
    with_caw = next(r for r in rows if CAW in r["members"])
    assert "Centrum Algemeen Welzijnswerk Limburg (CAW Limburg)" in with_caw["label"]


def test_overlap(graph):
    rows = net.overlap(graph, "actions", min_shared=5)
    pairs = {(r["a_name"], r["b_name"]): r["shared_names"] for r in rows}
    assert "Lokaal bestuur Beringen" in pairs[("Buurtgericht netwerk en buurtopbouwwerk in "
                                               "Beverlo", "De STEK Beringen-Mijn")]
    partners = net.overlap(graph, "partners", min_shared=4)
    assert ("Centrum Algemeen Welzijnswerk Limburg (CAW Limburg)",
            "Centrum voor Basiseducatie LIMINO") in {(r["a_name"], r["b_name"]) for r in partners}


def test_actions_running_in_2021_and_2025(graph):
    in_2021 = {r["name"] for r in timing.timeline(graph, 2021)}
    in_2025 = {r["name"] for r in timing.timeline(graph, 2025)}
    # Ons Centrum ends 31/03/2021; De STEK runs April 2020 - December 2022.
    assert {"Ons Centrum in Leopoldsburg", "De STEK", "Café Anoniem in Hasselt"} <= in_2021
    # Ieders Stem Telt Campagne Limburg starts 1/1/2023.
    assert "Ieders Stem Telt Campagne Limburg" not in in_2021
    assert "Ieders Stem Telt Campagne Limburg" in in_2025
    # Brede School ends 30/06/2025; Woonzaak has an open end; OnderDak ends 31/12/2023.
    assert {"Brede School in Beringen-Mijn", "Woonzaak", "Café Anoniem in Hasselt"} <= in_2025
    assert not {"De STEK", "OnderDak in Sint-Truiden", "Ons Centrum in Leopoldsburg"} & in_2025
    woonzaak = next(r for r in timing.timeline(graph, 2025) if r["name"] == "Woonzaak")
    assert (woonzaak["start"], woonzaak["end"], woonzaak["assumed"]) == ("2019-01-01", "", "end")
    ending = [r["name"] for r in timing.timeline(graph, ending=True)]
    assert ending[0] == "Ons Centrum in Leopoldsburg"
    assert "Brede School in Beringen-Mijn" in ending and "Woonzaak" not in ending
    years = {r["year"]: r for r in timing.timeline_years(graph)}
    assert years[2021]["running"] == len(in_2021) and years[2025]["running"] == len(in_2025)


def test_fte_for_wonen():
    rows = resources.fte_by_theme(load_tables(default_graph_dir()))
    wonen = next(r for r in rows if r["theme"] == "theme:wonen")
    assert (wonen["fte_total"], wonen["fte_decretal"], wonen["page"]) == (2.5, 2.5, 111)
    assert rows[-1]["label"] == "TOTAAL VTE" and rows[-1]["fte_total"] == 45.77
    assert sum(r["fte_total"] for r in rows[:-1]) == pytest.approx(45.77)


def test_fte_and_budget_commands():
    output = run("resources", "--format", "csv")
    assert "Wonen,theme:wonen,Wonen,2.5,0.0,2.5,100.0,5.5,111" in output
    output = run("resources", "budget", "--scope", "vzw", "--format", "json")
    assert '"item": "Winst / verlies van het boekjaar (+/-)"' in output
    assert '"2021": 25416' in output

