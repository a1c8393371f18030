"""The Neo4j backend against a real Neo4j server: push, re-push, --replace, pull, the named
queries of queries/ and the connection errors.

The server comes from NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE (`.ci/run` starts
one; by hand: `bash .ci/neo4j.sh start; set -a; . .ci/neo4j.env; set +a`). Without NEO4J_URI
the module is skipped, unless CI is set: there a missing server is a failure.

The module DELETES EVERYTHING in that database when it starts. It refuses to do so on a server
that is not on this machine unless RIMOGRAPH_TEST_WIPE_NEO4J=1.
"""

import copy
import inspect
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import networkx as nx
import pytest
from click.testing import CliRunner

from rimograph.backends import neo4j as nb
from rimograph.questions import coverage, entries, mentions, needs, nodes, partners
from rimograph.cli import cli

from .clients import empty_neo4j

ROOT = Path(__file__).resolve().parents[1]
URI = os.environ.get("NEO4J_URI")
CI = bool(os.environ.get("CI"))

pytestmark = pytest.mark.skipif(
    not URI and not CI,
    reason="no Neo4j server configured: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, "
           "NEO4J_DATABASE), e.g. `bash .ci/neo4j.sh start; set -a; . .ci/neo4j.env; set +a`")

# Every named query and the embedded question it must equal, with the parameters to try.
EMBEDDED = {
    "partners-spanning-themes": (partners.partners_spanning_themes,
                                 [{}, {"min_themes": 1}, {"min_themes": 3},
                                  {"min_themes": 1, "include_generic": True}]),
    "municipality-coverage": (coverage.municipality_coverage, [{}]),
    "province-wide": (coverage.province_wide, [{}]),
    "goal-coverage": (coverage.goal_coverage,
                      [{}, {"include_internal": True}, {"municipalities": ["municipality:73107"]},
                       {"municipalities": ["municipality:73022", "municipality:73006"]}]),
    "entries": (entries.entry_list,
                [{}, {"year": 2025}, {"theme": "theme:wonen"},
                 {"goal": "operational-goal:community-building"},
                 {"municipalities": ["municipality:71004"]},
                 {"target_groups": ["target-group:woonwagenbewoners"]},
                 {"municipalities": ["municipality:71022"], "year": 2021}]),
    "need-facts": (needs.need_facts, [{}]),
    "mentions": (mentions.mentions, [{"id": "municipality:71016"}, {"id": "municipality:71002"},
                                     {"id": "municipality:72042"}, {"id": "municipality:73109"}]),
    "municipality-mentions": (mentions.municipality_mentions, [{}]),
    "target-group-entries": (nodes.target_group_entries,
                             [{"id": "target-group:kinderen-en-jongeren"},
                              {"id": "target-group:mensen-in-een-maatschappelijk-"
                                     "kwetsbare-positie"},
                              {"id": "target-group:woonwagenbewoners"}]),
    "indicator-values": (nodes.indicator_values,
                         [{"id": "indicator:activiteitsgraad"},
                          {"id": "indicator:residentieel-woonwagenterrein"},
                          {"id": "indicator:armoederisico"}]),
    "partners-in-municipality": (entries.partners_in_municipality,
                                 [{"municipalities": ["municipality:71004"]},
                                  {"municipalities": ["municipality:71016"],
                                   "include_generic": True},
                                  {"municipalities": ["municipality:73022", "municipality:73006"]}]),
    "stats": (nodes.stats, [{}]),
}
NEIGHBOURHOOD = "node-neighbourhood"  # nodes.neighbours, for every node of the plan


@pytest.fixture(scope="module")
def conn():
    """An open connection to the test server, its database emptied first."""
    if not URI:
        pytest.fail("CI is set but NEO4J_URI is not: .ci/run must start Neo4j "
                    "(.ci/neo4j.sh start) and export .ci/neo4j.env", pytrace=False)
    try:
        import neo4j  # noqa: F401
    except ImportError:
        if CI:
            pytest.fail("the neo4j driver is not installed (pip install -e '.[test,neo4j]')",
                        pytrace=False)
        pytest.skip("the neo4j driver is not installed (pip install -e '.[test,neo4j]')")
    host = urlparse(URI).hostname
    if host not in ("localhost", "127.0.0.1", "::1") and \
            os.environ.get("RIMOGRAPH_TEST_WIPE_NEO4J") != "1":
        pytest.fail(f"NEO4J_URI points to {host}; these tests empty the database: set "
                    "RIMOGRAPH_TEST_WIPE_NEO4J=1 if that is what you want", pytrace=False)
    connection = nb.connect()
    empty_neo4j(connection)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def pushed(conn, graph):
    """The real plan pushed once into the empty database; the first push's report."""
    return nb.push(graph, conn.driver, conn.database)


def counts_in_neo4j(conn):
    """Node counts by label and relationship counts by type, straight from Cypher (all
    nodes but the one status node of the last push)."""
    def read(tx):
        nodes = {r["label"]: r["n"] for r in tx.run(
            f"MATCH (n) WHERE NOT n:{nb.STATUS} UNWIND labels(n) AS label "
            "RETURN label, count(*) AS n")}
        rels = {r["type"]: r["n"] for r in tx.run(
            "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")}
        return nodes, rels

    with conn.driver.session(database=conn.database) as session:
        return session.execute_read(read)


def counts_in_graph(graph):
    rows = nodes.stats(graph)
    return ({r["type"]: r["count"] for r in rows if r["kind"] == "node"},
            {r["type"]: r["count"] for r in rows if r["kind"] == "edge"})


def assert_same_graph(got, expected):
    assert list(got.nodes(data=True)) == list(expected.nodes(data=True))
    assert sorted(got.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))


def replace_with(conn, graph):
    return nb.push(graph, conn.driver, conn.database, replace=True)


# --- push ------------------------------------------------------------------------------------

def test_push_gives_the_same_counts_by_type(conn, graph, pushed):
    assert counts_in_neo4j(conn) == counts_in_graph(graph)
    assert pushed.counters["nodes_created"] == graph.number_of_nodes()
    assert pushed.counters["relationships_created"] == graph.number_of_edges()
    assert pushed.nodes == counts_in_graph(graph)[0]
    assert pushed.relationships == counts_in_graph(graph)[1]


def test_push_twice_changes_nothing(conn, graph, pushed):
    again = nb.push(graph, conn.driver, conn.database)
    for counter in ("nodes_created", "nodes_deleted", "relationships_created",
                    "relationships_deleted", "constraints_added"):
        assert again.counters[counter] == 0, counter
    assert counts_in_neo4j(conn) == counts_in_graph(graph)
    assert_same_graph(nb.pull(conn.driver, conn.database), graph)


def stored(conn):
    """Everything Neo4j holds of the current version, as stored: (labels, properties) of every
    node and (start id, type, end id, properties) of every relationship, sorted, the version
    property left out."""
    def read(tx):
        version = nb.read_version(tx)
        found = [(sorted(r["labels"]), sorted(r["props"].items())) for r in tx.run(
            "MATCH (n) WHERE n.graphVersion = $v RETURN labels(n) AS labels, "
            "properties(n) AS props", v=version)]
        rels = [(r["a"], r["t"], r["b"], sorted(r["props"].items())) for r in tx.run(
            "MATCH (a)-[r]->(b) WHERE a.graphVersion = $v RETURN a.id AS a, type(r) AS t, "
            "b.id AS b, properties(r) AS props", v=version)]
        return sorted(found, key=repr), sorted(rels, key=repr)

    with conn.driver.session(database=conn.database) as session:
        found, rels = session.execute_read(read)
    return [(labels, [kv for kv in props if kv[0] != nb.VERSION]) for labels, props in found], \
        rels


def test_the_create_path_and_the_merge_path_store_the_same_graph(conn, graph, pushed):
    """A new version is written with CREATE (list rows, batches of CREATE_BATCH_SIZE), a push
    into the current version with MERGE (dict rows): MERGE into an empty current version must
    store exactly what CREATE stores, property for property, and pull back the plan."""
    try:
        created = replace_with(conn, graph)
        assert (created.counters["nodes_created"], created.counters["relationships_created"]) \
            == (graph.number_of_nodes(), graph.number_of_edges())
        by_create = stored(conn)
        replace_with(conn, nx.MultiDiGraph())  # an empty current version
        merged = nb.push(graph, conn.driver, conn.database)
        assert merged.counters["relationships_created"] == graph.number_of_edges()
        assert stored(conn) == by_create
        assert_same_graph(nb.pull(conn.driver, conn.database), graph)
    finally:
        replace_with(conn, graph)
    assert len(by_create[1]) == graph.number_of_edges() == 1175
    caw = [props for labels, props in by_create[0] if ("id", "partner:caw-limburg") in props]
    assert dict(caw[0])["name"] == graph.nodes["partner:caw-limburg"]["name"]


def test_batches_hold_at_most_their_size_and_keep_every_row(graph):
    """The streamed batches of the plan: one key each, at most ``size`` rows, every node and
    edge exactly once; one batch per key when the graph is small; and with a small ``hold``
    the longest waiting list goes early, so at most ``hold`` rows wait at any time."""
    groups = {(k, graph.nodes[u]["type"], graph.nodes[v]["type"])
              for u, v, k in graph.edges(keys=True)}
    for size, hold in ((1, 1), (7, 7), (100, 150), (5000, nb.HOLD_ROWS)):
        nodes = list(nb.node_batches(graph, size, hold))
        rels = list(nb.rel_batches(graph, size, hold))
        assert all(0 < len(rows) <= size for _key, rows in nodes + rels)
        assert sorted(row["id"] for _key, rows in nodes for row in rows) == sorted(graph.nodes)
        assert sorted((row["source"], key[0], row["target"]) for key, rows in rels
                      for row in rows) == sorted((u, k, v) for u, v, k in graph.edges(keys=True))
        assert all(graph.nodes[row["id"]]["type"] == label for label, rows in nodes
                   for row in rows)
        assert {key for key, _rows in rels} == groups
    assert len(list(nb.rel_batches(graph, 5000))) == len(groups) == 39
    # 1175 edges, 100 a batch, 150 waiting at most: more batches than the 1175 / 100 of
    # separate lists, fewer than one per edge
    assert 12 < len(list(nb.rel_batches(graph, 100, 150))) < 100


def test_uniqueness_constraint_on_id_for_every_label(conn, pushed):
    records, _, _ = conn.driver.execute_query(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties",
        database_=conn.database)
    # one graph per version: id is unique within a version
    assert {r["label"]: r["properties"] for r in records} == \
        {label: ["id", nb.VERSION] for label in nb.LABELS}


def test_labels_types_and_properties_follow_neo4j_conventions(conn, pushed):
    records, _, _ = conn.driver.execute_query(
        "MATCH (a:Project {id: 'project:de-stek-leopoldsburg'})-[r:PARTNERS_WITH]->"
        "(p:Partner {id: 'partner:caw-limburg'}) RETURN properties(a) AS a, properties(r) AS r, "
        "properties(p) AS p", database_=conn.database)
    project, rel, partner = records[0]["a"], records[0]["r"], records[0]["p"]
    assert {"page", "lineStart", "lineEnd", "partnersOpenEnded"} <= set(project)
    assert not any("_" in key for key in (*project, *rel, *partner))
    assert "type" not in project and "type" not in rel
    assert {"page", "lineStart", "lineEnd", "mention", "basis"} <= set(rel)
    assert partner["generic"] is False and isinstance(partner["lineStart"], int)
    records, _, _ = conn.driver.execute_query(
        "MATCH (m:Municipality {id: 'municipality:71016'}) RETURN m.name2025 AS name",
        database_=conn.database)
    assert records[0]["name"] == "Genk"


def test_camel_and_snake_are_inverse_on_the_model(graph):
    keys = {k for _, d in graph.nodes(data=True) for k in d}
    keys |= {k for *_, d in graph.edges(keys=True, data=True) for k in d}
    for key in keys:
        assert nb.snake(nb.camel(key)) == key
    assert nb.camel("line_start") == "lineStart" and nb.camel("name_2025") == "name2025"


# --- pull ------------------------------------------------------------------------------------

def test_pull_gives_back_an_equal_graph(conn, graph, pushed):
    pulled = nb.pull(conn.driver, conn.database)
    assert_same_graph(pulled, graph)
    for node in ("partner:caw-limburg", "theme:wonen", "municipality:71016"):
        assert list(pulled.nodes[node]) == list(graph.nodes[node])  # same attribute order


def test_pull_command_writes_node_link_json(conn, graph, pushed, tmp_path):
    out = tmp_path / "pulled.json"
    result = CliRunner().invoke(cli, ["neo4j", "pull", "--out", str(out), "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == nodes.stats(graph)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert "edges" not in data  # the key the JSON export uses too
    read = nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
    assert sorted(read.edges(keys=True)) == sorted(graph.edges(keys=True))
    assert read.nodes["partner:caw-limburg"] == graph.nodes["partner:caw-limburg"]


# --- replace ---------------------------------------------------------------------------------

def without_partner(graph, partner):
    """A copy of ``graph`` without ``partner`` (and its relationships), with one attribute
    dropped and one relationship property changed, so stale properties are caught too."""
    changed = copy.deepcopy(graph)
    changed.remove_node(partner)
    del changed.nodes["partner:trefpunt-armoede"]["plan_entry"]
    edge = changed.edges["project:de-stek-leopoldsburg", "partner:de-oogst", "PARTNERS_WITH"]
    edge["reason"] = "changed for the test"
    return changed


def test_replace_after_removing_a_partner_leaves_exactly_the_new_data(conn, graph, pushed):
    partner = "partner:caw-limburg"
    changed = without_partner(graph, partner)
    try:
        report = replace_with(conn, changed)
        # the new graph is loaded beside the old one, which is then deleted
        assert report.counters["nodes_created"] == changed.number_of_nodes() \
            == graph.number_of_nodes() - 1
        assert report.counters["relationships_created"] == changed.number_of_edges()
        assert report.counters["nodes_deleted"] == graph.number_of_nodes()
        assert report.counters["relationships_deleted"] == graph.number_of_edges()
        assert counts_in_neo4j(conn) == counts_in_graph(changed)
        assert_same_graph(nb.pull(conn.driver, conn.database), changed)
        rows = nb.run_query(conn.driver, conn.database, nb.get_query("partners-spanning-themes"))
        assert partner not in {r["partner"] for r in rows}
        assert rows == partners.partners_spanning_themes(changed)
    finally:
        back = replace_with(conn, graph)
    assert back.counters["nodes_created"] == graph.number_of_nodes()
    assert_same_graph(nb.pull(conn.driver, conn.database), graph)
    assert nb.status(conn.driver, conn.database)["leftover"] == 0


def test_replace_readers_see_the_old_or_the_new_graph(conn, graph, pushed):
    # Swap between the full plan and the plan without its 226 partners while readers ask
    # questions (stats, municipality coverage): every answer must be exactly the old graph's
    # or the new one's, although each --replace writes in many transactions.
    small = copy.deepcopy(graph)
    small.remove_nodes_from([n for n, t in graph.nodes(data="type") if t == "Partner"])
    questions = {"stats": nodes.stats,
                 "partners-spanning-themes": partners.partners_spanning_themes}
    allowed = {name: [question(graph), question(small)] for name, question in questions.items()}
    seen, failures, done = [], [], threading.Event()

    def reader(name):
        query = nb.get_query(name)
        while not done.is_set():
            try:
                rows = nb.run_query(conn.driver, conn.database, query)
            except Exception as exc:  # noqa: BLE001 - any failure of a reader is a finding
                failures.append(repr(exc))
                return
            seen.append((name, rows in allowed[name]))

    threads = [threading.Thread(target=reader, args=(name,)) for name in questions]
    for thread in threads:
        thread.start()
    try:
        for _ in range(3):
            replace_with(conn, small)
            replace_with(conn, graph)
    finally:
        done.set()
        for thread in threads:
            thread.join()
    assert not failures
    assert len(seen) > 20
    assert all(ok for _, ok in seen), [name for name, ok in seen if not ok]
    assert_same_graph(nb.pull(conn.driver, conn.database), graph)


@pytest.fixture(scope="module")
def big_dir(tmp_path_factory):
    """Tables of a synthetic graph 30 times the plan (25k edges)."""
    out = tmp_path_factory.mktemp("big") / "graph"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), "--edges", "25000",
                    "--out", str(out)], check=True, capture_output=True)
    return out


def interrupted_push(conn, folder, under_way):
    """Run `rimograph neo4j push --graph folder` in a process, send it Ctrl-C as soon as
    ``under_way(status)`` holds; assert it exits with 1 and return its stderr."""
    push = subprocess.Popen([sys.executable, "-m", "rimograph.cli", "neo4j", "push", "--graph",
                             str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 60
    while not under_way(nb.status(conn.driver, conn.database)):
        assert push.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    push.send_signal(signal.SIGINT)
    _, err = push.communicate(timeout=60)
    assert push.returncode == 1
    return err


def test_an_interrupted_push_says_so_and_pushing_again_completes_it(conn, graph, pushed,
                                                                    big_dir):
    from rimograph.core.load import load_graph

    big = load_graph(big_dir)
    replace_with(conn, graph)
    try:
        err = interrupted_push(conn, big_dir,
                               lambda found: found["nodes"] > graph.number_of_nodes())
        assert err == ("Fout: onderbroken (Ctrl-C): Neo4j bevat een deel van de graaf; voer "
                       "dezelfde push opnieuw uit om hem te vervolledigen\n")
        result = CliRunner().invoke(cli, ["neo4j", "status"], catch_exceptions=False)
        assert "laatste push: NIET volledig (gestart om 20" in result.stdout
        assert "voer dezelfde `rimograph neo4j push` opnieuw uit om hem af te maken" \
            in result.stdout
        nb.push(big, conn.driver, conn.database)
        found = nb.status(conn.driver, conn.database)
        assert found["last_push"]["state"] == "complete"
        assert found["nodes"] == len(set(graph.nodes) | set(big.nodes))
        assert found["relationships"] == len(set(graph.edges(keys=True))
                                             | set(big.edges(keys=True)))
    finally:
        replace_with(conn, graph)


def test_an_interrupted_first_push_shows_no_graph_and_the_next_push_loads_it(conn, graph,
                                                                            pushed, big_dir):
    """A first push into a database without rimograph's graph writes a new version with
    CREATE: stopped by Ctrl-C, readers see no graph (not half of one), status tells, and the
    next push deletes the unfinished version and loads the whole graph."""
    from rimograph.core.load import load_graph

    big = load_graph(big_dir)
    try:
        empty_neo4j(conn)
        err = interrupted_push(conn, big_dir, lambda found: found["leftover"] >= 1000)
        assert err == ("Fout: onderbroken (Ctrl-C): Neo4j bevat nog geen graaf van rimograph; "
                       "de volgende push wist de onafgewerkte en laadt hem opnieuw\n")
        found = nb.status(conn.driver, conn.database)
        assert found["nodes"] == 0 and found["leftover"] >= 1000
        assert found["last_push"]["state"] == "running" and "current" not in found["last_push"]
        result = CliRunner().invoke(cli, ["stats", "--backend", "neo4j"])
        assert result.exit_code == 1 and "nog geen graaf van rimograph" in result.output
        nb.push(big, conn.driver, conn.database)
        found = nb.status(conn.driver, conn.database)
        assert (found["nodes"], found["relationships"], found["leftover"]) == \
            (big.number_of_nodes(), big.number_of_edges(), 0)
    finally:
        replace_with(conn, graph)


def test_replace_of_a_big_graph_by_the_small_plan(conn, graph, pushed, big_dir):
    """A database holding a graph 30 times the plan (25k edges), replaced by the plan: every
    write and delete runs in batches (at most 2000 rows, 1000 deleted nodes per transaction),
    and the pointer switch is one property; readers see the big graph until then."""
    from rimograph.core.load import load_graph

    big = load_graph(big_dir)
    assert big.number_of_edges() >= 24000
    try:
        nb.push(big, conn.driver, conn.database, replace=True)
        assert nb.status(conn.driver, conn.database)["relationships"] == big.number_of_edges()
    finally:
        report = replace_with(conn, graph)
    assert report.counters["nodes_deleted"] == big.number_of_nodes()
    assert report.counters["relationships_deleted"] == big.number_of_edges()
    assert_same_graph(nb.pull(conn.driver, conn.database), graph)
    found = nb.status(conn.driver, conn.database)
    assert (found["nodes"], found["relationships"], found["leftover"]) == \
        (graph.number_of_nodes(), graph.number_of_edges(), 0)
    assert found["last_push"]["state"] == "complete" and found["last_push"]["replace"] is True


# --- named queries ---------------------------------------------------------------------------

def test_every_query_has_a_header_and_an_embedded_twin():
    queries = nb.load_queries()
    assert set(queries) == set(EMBEDDED) | {NEIGHBOURHOOD}
    for name, query in queries.items():
        assert query.path.name == f"{name}.cypher"
        assert query.description
        if name in EMBEDDED:  # the header's defaults are the Python function's defaults
            signature = inspect.signature(EMBEDDED[name][0]).parameters
            for param in query.parameters:
                default = signature[param.name].default
                if param.required:
                    assert default is inspect.Parameter.empty, (name, param.name)
                else:
                    assert default == param.default, (name, param.name)


@pytest.mark.parametrize("name", sorted(EMBEDDED))
def test_query_returns_exactly_the_embedded_answer(conn, graph, pushed, name):
    question, param_sets = EMBEDDED[name]
    query = nb.get_query(name)
    for params in param_sets:
        rows = nb.run_query(conn.driver, conn.database, query, params)
        expected = question(graph, **params)
        assert rows == expected, params
        if expected:
            assert list(rows[0]) == list(expected[0])  # same columns, same order


def test_node_neighbourhood_equals_neighbours_for_every_node(conn, graph, pushed):
    query = nb.get_query(NEIGHBOURHOOD)
    for node in graph.nodes:
        assert nb.run_query(conn.driver, conn.database, query, {"id": node}) == \
            nodes.neighbours(graph, node), node


def test_rows_are_sorted_like_python_beyond_the_basic_plane(conn, graph, pushed):
    # Names with a character above U+FFFF and one in the private-use area U+E000-U+F8FF.
    odd = copy.deepcopy(graph)
    odd.nodes["project:de-stek-leopoldsburg"]["name"] = "\U0001F600 De STEK Leopoldsburg"
    odd.nodes["project:de-stek-beringen-mijn"]["name"] = "\uE000 De STEK Beringen-Mijn"
    odd.nodes["municipality:71016"]["name"] = "\U0001F600 Genk"
    odd.nodes["municipality:71022"]["name"] = "\uE000 Hasselt"
    try:
        replace_with(conn, odd)
        for name in ("partners-spanning-themes", "municipality-coverage", "goal-coverage"):
            question, param_sets = EMBEDDED[name]
            for params in param_sets:
                assert nb.run_query(conn.driver, conn.database, nb.get_query(name), params) == \
                    question(odd, **params), (name, params)
    finally:
        replace_with(conn, graph)


def test_python_order_corrects_neo4j_collation(conn):
    # Neo4j orders strings from parameters (and computed strings) by UTF-16 code unit, so
    # U+1F600 (a surrogate pair, D83D DE00) before U+E000; Python by code point: after.
    words = ["\uE000 b", "z", "\U0001F600 a", "a"]
    query = nb.NamedQuery(
        name="words", description="", parameters=[nb.Parameter("words", "str")],
        order=[("w", False, False)], sorted_lists=["all"], path=None,
        text="UNWIND $words AS w WITH w ORDER BY w "
             "RETURN w, COLLECT { UNWIND $words AS x RETURN x ORDER BY x } AS all")
    raw, _, _ = conn.driver.execute_query(query.text, words=words, database_=conn.database)
    assert [r["w"] for r in raw] != sorted(words)  # the server alone orders them differently
    rows = nb.run_query(conn.driver, conn.database, query, {"words": words})
    assert [r["w"] for r in rows] == sorted(words)
    assert all(r["all"] == sorted(words) for r in rows)


def test_query_command_lists_and_runs_named_queries(pushed):
    runner = CliRunner()
    listed = runner.invoke(cli, ["query", "--list", "--format", "json"], catch_exceptions=False)
    assert listed.exit_code == 0
    names = {q["name"]: q["parameters"] for q in json.loads(listed.stdout)}
    assert names["partners-spanning-themes"] == "min_themes: int = 2, include_generic: bool = false"
    result = runner.invoke(cli, ["query", "partners-spanning-themes", "--param", "min_themes=4",
                                 "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert [r["partner"] for r in json.loads(result.stdout)] == ["partner:caw-limburg", "partner:lokaal-bestuur-tongeren",
        "partner:lokaal-bestuur-sint-truiden"]
    bad = runner.invoke(cli, ["query", "partners-spanning-themes", "--param", "themes=4"])
    assert bad.exit_code == 2 and "min_themes: int = 2" in bad.output


@pytest.mark.parametrize("args", [
    ["partners"], ["partners", "--min-themes", "1", "--include-generic"],
    ["coverage", "municipalities"], ["coverage", "province"],
    ["coverage", "goals", "--include-internal"], ["stats"],
    ["show", "caw limburg"], ["show", "woonzaak"], ["show", "municipality:71016"],
    ["show", "Stad Hasselt"], ["show", "Tongeren-Borgloon"], ["show", "St.-Vincentius"],
    ["show", "OCMW Hasselt"],
])
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_question_commands_print_the_same_on_both_backends(pushed, args, fmt):
    runner = CliRunner()
    embedded = runner.invoke(cli, [*args, "--format", fmt], catch_exceptions=False)
    on_neo4j = runner.invoke(cli, [*args, "--format", fmt, "--backend", "neo4j"],
                             catch_exceptions=False)
    assert embedded.exit_code == on_neo4j.exit_code == 0, on_neo4j.output
    assert on_neo4j.stdout == embedded.stdout


def test_push_command_reports_what_it_did(conn, graph, pushed):
    counts = f"{graph.number_of_nodes()} knopen en {graph.number_of_edges()} relaties"
    result = CliRunner().invoke(cli, ["neo4j", "push"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert f": {counts} geschreven in " in result.stdout
    assert " s: 0 knopen en 0 relaties gemaakt, 0 knopen en 0 relaties gewist" in result.stdout
    result = CliRunner().invoke(cli, ["--lang", "en", "neo4j", "push"], catch_exceptions=False)
    assert "created 0 nodes and 0 relationships, deleted 0 nodes" in result.stdout
    result = CliRunner().invoke(cli, ["neo4j", "push", "--replace"], catch_exceptions=False)
    assert f"vervangen door {counts} in " in result.stdout
    # a new version, the old deleted
    assert f"{counts} gemaakt, {counts} gewist" in result.stdout
    result = CliRunner().invoke(cli, ["neo4j", "status"], catch_exceptions=False)
    lines = result.stdout.splitlines()
    dutch = f"{graph.number_of_nodes()} knopen en {graph.number_of_edges()} relaties"
    assert lines[0].endswith(f": {dutch} van de graaf van rimograph")
    assert lines[1].startswith(f"laatste push: volledig (--replace), {dutch}, klaar om 20")
    assert len(lines) == 2


# --- connection errors -----------------------------------------------------------------------

def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


COMMANDS = [["neo4j", "push"], ["neo4j", "pull"], ["query", "stats"],
            ["partners", "--backend", "neo4j"]]


def assert_one_clear_line(args, expected):
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Fout: ") and expected in lines[0], lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_unreachable_server_is_one_clear_line(conn, command):
    port = free_port()
    assert_one_clear_line([*command, "--uri", f"bolt://127.0.0.1:{port}"],
                          f"kan Neo4j op bolt://127.0.0.1:{port}")


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_database_is_one_clear_line(conn, command):
    assert_one_clear_line([*command, "--database", "no-such-db"],
                          "heeft geen database 'no-such-db'")


# Two wrong logins only: after three in a row Neo4j locks the user for 5 s (and then refuses
# even the right password; connect() says so too).
@pytest.mark.parametrize("command", [COMMANDS[0], COMMANDS[3]])
def test_wrong_password_is_one_clear_line(conn, command):
    assert_one_clear_line([*command, "--password", "not-the-password"],
                          "weigerde de aanmelding van gebruiker 'neo4j': verkeerde gebruiker of "
                          "wachtwoord")


@pytest.mark.parametrize("port", ["notaport", "99999", "0"])
def test_a_bad_port_is_one_clear_line(port):
    assert_one_clear_line(["stats", "--backend", "neo4j", "--uri", f"bolt://127.0.0.1:{port}"],
                          f"ongeldige Neo4j-URI 'bolt://127.0.0.1:{port}': de poort moet een "
                          "getal van 1 tot 65535 zijn, bv. bolt://localhost:7687")


@pytest.mark.parametrize("scheme", ["bolt+s", "neo4j+ssc"])
def test_tls_against_a_plain_server_says_so(conn, scheme):
    address = URI.partition("://")[2]
    plain = scheme.partition("+")[0]
    assert_one_clear_line(["stats", "--backend", "neo4j", "--uri", f"{scheme}://{address}"],
                          f"kan Neo4j op {scheme}://{address} niet bereiken: de TLS-handdruk "
                          "mislukte (biedt de server daar geen versleuteling aan?); gebruik "
                          f"{plain}://{address} voor een server zonder TLS")


def test_themes_of_partners_come_from_the_graph_on_both_backends(pushed):
    # of the partners spanning four themes only Lokaal bestuur Tongeren works in Onderwijs
    runner = CliRunner()
    for backend in ("embedded", "neo4j"):
        result = runner.invoke(cli, ["partners", "--theme", "Onderwijs", "--min-themes", "4",
                                     "--format", "json", "--backend", backend])
        assert result.exit_code == 0, result.output
        assert [r["partner"] for r in json.loads(result.stdout)] == ["partner:lokaal-bestuur-tongeren"]
    bad = runner.invoke(cli, ["partners", "--theme", "Nergens", "--backend", "neo4j"])
    assert bad.exit_code == 2
    assert ("'Nergens' is geen thema; kies een van: Collectief burgerschap, Krachtige buurten "
            "en steden, Onderwijs, Sociale bescherming, Wonen") in bad.output
