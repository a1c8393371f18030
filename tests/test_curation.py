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


def test_target_group_vocabulary(graph):
    groups = [n for n, t in graph.nodes(data="type") if t == "TargetGroup"]
    assert all(sources_of(graph, g, "TARGETS") or sources_of(graph, g, "BROADER")
               for g in groups)  # no unused group
    assert all(len(targets_of(graph, g, "BROADER")) <= 1 for g in groups)
    assert targets_of(graph, "target-group:daklozen", "BROADER") == [
        "target-group:mensen-in-een-maatschappelijk-kwetsbare-positie"]
    assert targets_of(graph, "target-group:kinderen", "BROADER") == ["target-group:kinderen-en-jongeren"]
    assert "target-group:senioren" not in graph  # one group: ouderen


def test_target_links_follow_the_text(graph):
    def groups(entry):
        return set(targets_of(graph, entry, "TARGETS"))

    # the plan leaves these target groups to be set with the local government
    for town in ("beringen", "herk-de-stad", "sint-truiden", "zutendaal"):
        assert groups(f"project:buurtgerichte-zorg-{town}") == set()
    assert groups("project:buurtgerichte-zorg-lummen") == {
        "target-group:ouderen", "target-group:mensen-in-een-maatschappelijk-kwetsbare-positie"}
    assert groups("project:onderwijsopbouwwerk-in-hasselt") == {"target-group:ouders"}
    assert set(sources_of(graph, "target-group:daklozen", "TARGETS")) == {
        "action:onderdak-in-sint-truiden", "action:woonzaak",
        "action:ondersteuning-armoedeverenigingen-in-limburg"}
    assert "target-group:kinderen" in groups("action:brede-school-in-beringen-mijn")
