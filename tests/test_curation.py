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


def test_certain_contributions_stated_where_the_text_names_the_goal(graph):
    certain = [(a, g, d["basis"]) for a, g, d in graph.edges(data=True)
               if d["type"] == "CONTRIBUTES_TO" and d["certainty"] == "certain"]
    assert len(certain) == 43
    stated = {(a, g) for a, g, basis in certain if basis == "stated"}
    assert len(stated) == 10 and len(certain) - len(stated) == 33
    assert ("action:cafe-anoniem-in-hasselt", "operational-goal:belangenbehartiging") in stated
    assert ("action:brede-school-in-beringen-mijn", "operational-goal:gelijke-onderwijskansen") in stated
    per_action = {}
    for action, _, _ in certain:
        per_action[action] = per_action.get(action, 0) + 1
    assert max(per_action.values()) <= 3


def test_one_partner_one_node(graph):
    def partners(entry):
        return set(targets_of(graph, entry, "PARTNERS_WITH"))

    sector = "partner:samenlevingsopbouw-vlaanderen"
    assert "partner:generic-instituten-samenlevingsopbouw" not in graph
    for entry in ("action:woonzaak", "project:week-van-verbondenheid",
                  "project:ieders-stem-telt-campagne-limburg"):
        assert sector in partners(entry), entry
    assert targets_of(graph, "partner:samenlevingsopbouw-west-vlaanderen", "PART_OF") == [sector]
    # "Open School" without a branch stays without one, except in Tongeren
    assert "partner:open-school" in partners("project:onderwijsopbouwwerk-in-leopoldsburg")
    assert "partner:open-school" in partners("project:buurtanalyse-maasmechelen")
    assert "partner:open-school-limburg-zuid" in partners("project:buurtanalyse-tongeren")
    kinds = dict(graph.nodes(data="kind"))
    assert kinds["partner:politiezone-beringen-ham-tessenderlo"] == "organisation"
    assert kinds["partner:brede-school-de-terrilling"] == "partnership"
    # the prose rule: the local government the text says the analysis is made with
    assert "partner:lokaal-bestuur-tongeren" in partners("project:buurtanalyse-tongeren")
    assert "partner:lokaal-bestuur-maasmechelen" in partners("project:buurtanalyse-maasmechelen")
