"""The curation rules of graph/README.md, each held for every row it governs (a class, not an
example): roll-up of places, target-group vocabulary, entity resolution, contributions."""

from rimograph.core.model import entries, entry_municipalities, sources_of, targets_of


def direct_municipalities(graph, entry):
    return {p for p in targets_of(graph, entry, "ACTIVE_IN")
            if graph.nodes[p]["type"] == "Municipality"}


def test_umbrella_actions_are_active_where_their_projects_are(graph):
    for action in (e for e in entries(graph) if graph.nodes[e]["type"] == "StrategicAction"):
        wanted = {m for p in sources_of(graph, action, "PART_OF")
                  for m in entry_municipalities(graph, p)}
        assert wanted <= direct_municipalities(graph, action), action
    stek = {graph.nodes[m]["name"] for m in direct_municipalities(graph, "action:de-stek")}
    assert stek == {"Beringen", "Leopoldsburg"}
    assert len(direct_municipalities(
        graph, "action:ondersteuning-armoedeverenigingen-in-limburg")) == 5


def test_every_neighbourhood_location_names_its_municipality(graph):
    for entry in entries(graph):
        assert set(entry_municipalities(graph, entry)) == direct_municipalities(graph, entry), entry
    beverlo = direct_municipalities(graph, "action:buurtgericht-netwerk-en-buurtopbouwwerk-in-beverlo")
    assert beverlo == {"municipality:71004"}
