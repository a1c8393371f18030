"""Analyses and exports on a small graph built by hand, where every answer can be worked out
on paper.

Entries A1 (with project P1), A2, A3; partners X, Y, Z, W and the generic G:

    P1 - X - A1 - Y - A2 - Z        A3 - W        (G: P1, A2)
"""

import networkx as nx
import pytest

from rimograph.questions import network as net, resources
from rimograph.questions import time as timing
from rimograph.core.errors import NoPath, NotFound
from rimograph.core.tables import Row


def _entry(graph, node, node_type, name, start=None, end=None):
    attrs = {"type": node_type, "name": name, "scope": "local", "page": 1, "line_start": 1,
             "line_end": 2}
    if start:
        attrs["start"] = start
    if end:
        attrs["end"] = end
    graph.add_node(node, **attrs)


def _partner(graph, node, name, kind="organisation"):
    graph.add_node(node, type="Partner", name=name, kind=kind,
                   generic=kind in ("generic", "role"), page=2, line_start=3, line_end=3)


def _edge(graph, u, v, edge_type, **attrs):
    graph.add_edge(u, v, key=edge_type, type=edge_type, page=1, line_start=1, line_end=1,
                   **attrs)


@pytest.fixture
def small():
    graph = nx.MultiDiGraph(name="small")
    graph.add_node("strategic-goal:sd1", type="StrategicGoal", name="SD1")
    graph.add_node("theme:wonen", type="Theme", name="Wonen", fte=2.5)
    graph.add_node("theme:onderwijs", type="Theme", name="Onderwijs")
    graph.add_node("operational-goal:o1", type="OperationalGoal", name="O1", scope="external")
    graph.add_node("operational-goal:o2", type="OperationalGoal", name="O2", scope="external")
    _entry(graph, "action:a1", "StrategicAction", "Actie Een", "2016-09-01", "2025-12-31")
    _entry(graph, "action:a2", "StrategicAction", "Actie Twee", "2020-04", "2022-12")
    _entry(graph, "action:a3", "StrategicAction", "Actie Drie", None, "2023")
    _entry(graph, "project:p1", "Project", "Project Een", "2019-12-01", "2022-11-30")
    _partner(graph, "partner:x", "Xenon vzw")
    _partner(graph, "partner:y", "Yvoor")
    _partner(graph, "partner:z", "Zorg Zuid")
    _partner(graph, "partner:w", "Wijkwerking")
    _partner(graph, "partner:g", "lokale besturen", kind="generic")
    _edge(graph, "operational-goal:o1", "theme:wonen", "HAS_THEME")
    _edge(graph, "operational-goal:o2", "theme:onderwijs", "HAS_THEME")
    _edge(graph, "operational-goal:o1", "strategic-goal:sd1", "PART_OF")
    _edge(graph, "operational-goal:o2", "strategic-goal:sd1", "PART_OF")
    _edge(graph, "action:a1", "operational-goal:o1", "CONTRIBUTES_TO", certainty="certain",
          basis="inferred", reason="tekst")
    _edge(graph, "action:a2", "operational-goal:o2", "CONTRIBUTES_TO", certainty="certain",
          basis="inferred", reason="tekst")
    _edge(graph, "action:a3", "operational-goal:o2", "CONTRIBUTES_TO", certainty="possible",
          basis="table", reason="")
    _edge(graph, "project:p1", "action:a1", "PART_OF")
    for entry, partner in [("action:a1", "x"), ("action:a1", "y"), ("action:a2", "y"),
                           ("action:a2", "z"), ("action:a3", "w"), ("project:p1", "x"),
                           ("project:p1", "g"), ("action:a2", "g")]:
        _edge(graph, entry, f"partner:{partner}", "PARTNERS_WITH", mention=partner,
              basis="stated", reason="")
    return graph


def test_partner_network_is_bipartite_without_generic(small):
    network = net.partner_network(small)
    assert nx.is_bipartite(network)
    assert "partner:g" not in network
    assert sorted(network.edges) == sorted([
        ("action:a1", "partner:x"), ("action:a1", "partner:y"), ("action:a2", "partner:y"),
        ("action:a2", "partner:z"), ("action:a3", "partner:w"), ("partner:x", "project:p1")])
    assert "partner:g" in net.partner_network(small, include_generic=True)


def test_shortest_path_reads_as_a_chain(small):
    rows = net.shortest_paths(small, "Zorg Zuid", "xenon")
    assert rows == [{
        "path": 1, "hops": 4,
        "chain": "Zorg Zuid <-PARTNERS_WITH- Actie Twee -PARTNERS_WITH-> Yvoor "
                 "<-PARTNERS_WITH- Actie Een -PARTNERS_WITH-> Xenon vzw",
        "nodes": ["partner:z", "action:a2", "partner:y", "action:a1", "partner:x"]}]


def test_shortest_path_through_generic_only_when_asked(small):
    rows = net.shortest_paths(small, "partner:z", "partner:x", include_generic=True)
    # sorted by the names along the path ("Yvoor" < "lokale besturen": plain string order)
    assert [r["nodes"][2] for r in rows] == ["partner:y", "partner:g"]
    assert net.shortest_paths(small, "partner:z", "partner:x", limit=1,
                                   include_generic=True)[0]["path"] == 1


def test_shortest_path_errors(small, english):
    with pytest.raises(NoPath, match="with --all-relations there is one"):
        net.shortest_paths(small, "partner:w", "partner:x", relations=["PARTNERS_WITH"])
    with pytest.raises(NotFound):
        net.shortest_paths(small, "nergens", "partner:x")


def test_centrality(small):
    rows = net.centrality(small)
    assert [(r["name"], r["degree"], r["themes"]) for r in rows] == [
        ("Yvoor", 2, 2), ("Xenon vzw", 2, 1), ("Wijkwerking", 1, 0), ("Zorg Zuid", 1, 1)]
    by_name = {r["name"]: r for r in rows}
    # 8 nodes; Y lies on the one shortest path of each pair in {P1, X, A1} x {A2, Z}: 6 pairs,
    # normalised by (n - 1)(n - 2) / 2 = 21.
    assert by_name["Yvoor"]["betweenness"] == round(6 / 21, 4)
    assert by_name["Wijkwerking"]["betweenness"] == 0


def test_brokers(small):
    rows = net.brokers(small)
    assert [r["name"] for r in rows] == ["Xenon vzw", "Yvoor", "Wijkwerking"]
    xenon, yvoor, wijk = rows
    assert yvoor["articulation"] and yvoor["pieces"] == 2
    assert yvoor["cut_off_entries"] == ["Actie Twee"]
    assert xenon["cut_off_entries"] == xenon["sole_partner_of"] == ["Project Een"]
    assert not wijk["articulation"] and wijk["sole_partner_of"] == ["Actie Drie"]


def test_communities_are_reproducible(small):
    rows = net.communities(small, seed=1)
    assert rows == net.communities(small, seed=1)
    members = [set(r["members"]) for r in rows]
    assert {"action:a3", "partner:w"} in members
    assert sum(r["size"] for r in rows) == 8
    assert 0 < rows[0]["modularity"] < 1


def test_overlap(small):
    assert net.overlap(small, "actions", min_shared=2) == []
    rows = net.overlap(small, "actions", min_shared=1)
    assert [(r["a_name"], r["b_name"], r["shared_names"]) for r in rows] == [
        ("Actie Een", "Actie Twee", ["Yvoor"]), ("Actie Een", "Project Een", ["Xenon vzw"])]
    rows = net.overlap(small, "actions", min_shared=2, include_generic=True)
    assert rows == []
    rows = net.overlap(small, "partners", min_shared=1)
    assert [(r["a_name"], r["b_name"], r["shared"], r["jaccard"]) for r in rows] == [
        ("Xenon vzw", "Yvoor", 1, round(1 / 3, 3)), ("Yvoor", "Zorg Zuid", 1, 0.5)]


def test_timeline(small):
    assert [r["name"] for r in timing.timeline(small, 2021)] == [
        "Actie Drie", "Actie Een", "Actie Twee", "Project Een"]
    assert [r["name"] for r in timing.timeline(small, 2025)] == ["Actie Een"]
    assert [r["name"] for r in timing.timeline(small, 2019)] == ["Actie Een", "Project Een"]
    drie = timing.timeline(small, 2023)[0]
    assert (drie["first_day"], drie["last_day"], drie["assumed"]) == \
        ("2021-01-01", "2023-12-31", "start")
    assert [r["name"] for r in timing.timeline(small, ending=True)] == [
        "Project Een", "Actie Twee", "Actie Drie"]
    years = {r["year"]: r for r in timing.timeline_years(small)}
    assert [years[y]["running"] for y in range(2021, 2026)] == [4, 4, 2, 1, 1]
    assert years[2022]["ending_names"] == ["Actie Twee", "Project Een"]
    assert years[2021]["starting"] == 0  # an assumed start does not count


def _rows(file, records):
    return [Row(file, i, values) for i, values in enumerate(records, start=2)]


def test_resources():
    source = {"page": 111, "line_start": 1, "line_end": 1}
    tables = {
        "themes.csv": _rows("themes.csv", [{"id": "theme:wonen", "name": "Wonen"}]),
        "fte.csv": _rows("fte.csv", [
            {"strategic_goal_label": "Wonen", "theme": "theme:wonen", "fte_decretal": 2.5,
             "fte_non_decretal": 0.0, "fte_total": 2.5, "decretal_share_pct": 100.0, **source},
            {"strategic_goal_label": "Overhead", "theme": None, "fte_decretal": 7.5,
             "fte_non_decretal": 0.0, "fte_total": 7.5, "decretal_share_pct": 100.0,
             **{**source, "line_start": 2}},
            {"strategic_goal_label": "TOTAAL VTE", "theme": None, "fte_decretal": 10.0,
             "fte_non_decretal": 0.0, "fte_total": 10.0, "decretal_share_pct": 100.0,
             **{**source, "line_start": 3}}]),
        "budget.csv": _rows("budget.csv", [
            {"year": 2021, "section": "kosten", "item": "Lonen", "amount_eur": 100.0,
             "scope": "vzw", "code": "62", **source},
            {"year": 2022, "section": "kosten", "item": "Lonen", "amount_eur": 110.5,
             "scope": "vzw", "code": "62", **{**source, "line_start": 9}},
            {"year": 2021, "section": "kosten", "item": "Lonen", "amount_eur": 50.0,
             "scope": "ac", "code": "62", **{**source, "line_start": 5}}]),
    }
    fte = resources.fte_by_theme(tables)
    assert [(r["label"], r["theme_name"], r["fte_total"], r["share_of_total_pct"])
            for r in fte] == [("Wonen", "Wonen", 2.5, 25.0), ("Overhead", "", 7.5, 75.0),
                              ("TOTAAL VTE", "", 10.0, 100.0)]
    budget = resources.budget_by_year(tables)
    assert [(r["scope"], r["2021"], r["2022"]) for r in budget] == [("vzw", 100, 110.5),
                                                                   ("ac", 50, None)]
    assert resources.budget_by_year(tables, scope="ac")[0]["pages"] == [111]
