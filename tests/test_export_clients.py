"""The exports of the real plan opened by the programs people open them with (tests/clients.py):
xmllint with the official schemas, Gephi's importers (the Gephi toolkit), graphology (what
Gephi Lite and sigma.js use), d3's node-link convention, LibreOffice, and cypher-shell into the
Neo4j test server. Each must read the whole plan: the counts of ``rimograph stats``."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from rimograph.outputs import exports
from rimograph.outputs.labels import TYPE_STYLE
from rimograph.questions.nodes import stats

from . import clients

PROBE = "partner:caw-limburg"
PROBES = (PROBE, "action:woonzaak", "theme:wonen")
CAW = "Centrum Algemeen Welzijnswerk Limburg (CAW Limburg)"


@pytest.fixture(scope="module")
def files(graph, tmp_path_factory):
    """Every export of the real plan, once: format -> list of files."""
    folder = tmp_path_factory.mktemp("exports")
    written = {fmt: exports.export(graph, fmt, folder / f"plan{exports.EXTENSIONS[fmt]}")
               for fmt in ("graphml", "gexf", "json", "graphology", "kumu", "cypher")}
    written["csv"] = exports.export(graph, "csv", f"{folder}/gephi/")
    written["csv-excel"] = exports.export(graph, "csv-excel", f"{folder}/excel/")
    return written


@pytest.fixture(scope="module")
def expected(graph):
    """``rimograph stats`` of the plan: (node counts by type, edge counts by type)."""
    rows = stats(graph)
    return ({r["type"]: r["count"] for r in rows if r["kind"] == "node"},
            {r["type"]: r["count"] for r in rows if r["kind"] == "edge"})


def run(command, **kwargs):
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, **kwargs)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


# -- schemas ---------------------------------------------------------------------------------


def test_graphml_is_valid_against_the_graphml_1_0_schema(files):
    xmllint = clients.program("xmllint", "libxml2-utils")
    done = run([xmllint, "--noout", "--schema", str(clients.SCHEMAS / "graphml-1.0" /
                                                   "graphml.xsd"), str(files["graphml"][0])])
    assert done.stderr.strip().endswith("validates")


def test_gexf_is_valid_against_the_gexf_1_3_schema(files):
    # the RELAX NG grammar: the specification's source (gexf.rnc, converted by its authors);
    # their XSD, generated from it by trang, puts the viz elements in the wrong namespace and
    # refuses every file with viz:color, Gephi's own included (tests/schemas/README.md)
    xmllint = clients.program("xmllint", "libxml2-utils")
    done = run([xmllint, "--noout", "--relaxng", str(clients.SCHEMAS / "gexf-1.3" / "gexf.rng"),
                str(files["gexf"][0])])
    assert done.stderr.strip().endswith("validates")


# -- Gephi -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gephi(files):
    """What Gephi's importers read: format -> the JSON of tests/gephi/GephiImport.java."""
    names = ("graphml", "gexf", "csv")
    command = clients.java_command("gephi") + [
        str(clients.TESTS / "gephi" / "GephiImport.java")]
    for probe in PROBES:
        command += ["--node", probe]
    for i, name in enumerate(names):
        command += (["+"] if i else []) + [str(f) for f in files[name]]
    lines = run(command).stdout.splitlines()
    return dict(zip(names, (json.loads(line) for line in lines)))


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
def test_gephi_imports_every_node_and_edge(gephi, expected, graph, fmt):
    read = gephi[fmt]
    nodes, edges = expected
    parallel = graph.number_of_edges() - len(set(graph.edges()))
    assert parallel == 2  # RIMO Limburg's ties: two relations to LISS and to Trefpunt Armoede
    if fmt == "graphml":
        # Gephi keeps parallel edges only of different edge kinds, and its GraphML importer
        # reads no kind: it merges the two (GEXF's kind and the CSV's Kind column keep them)
        assert read["edges"] == graph.number_of_edges() - parallel
        assert sum(read["relations"].values()) == read["edges"]
    else:
        assert read["edges"] == graph.number_of_edges()
        assert read["relations"] == edges
        assert read["edge_kinds"] == edges
        assert not [i for i in read["issues"]
                    if not i.startswith(("INFO", "WARNING: Graph attr"))]
    assert (read["nodes"], read["directed"]) == (graph.number_of_nodes(), True)
    assert read["node_types"] == nodes
    assert read["probes"][PROBE]["label"] == CAW


def test_gephi_shows_the_maps_colours_positions_and_relations(gephi, graph, expected):
    styles = exports.node_style(graph)
    for fmt in ("graphml", "gexf"):
        read = gephi[fmt]["probes"]
        for node in PROBES:
            colour = TYPE_STYLE[graph.nodes[node]["type"]]["color"]
            assert "#%02x%02x%02x" % tuple(read[node][c] for c in "rgb") == colour
        # Gephi scales a layout on import (one factor for x, y and size): the picture is the
        # map's, y up, if every position and size is the same affine map of ours
        first, second, third = (read[n] for n in PROBES)
        ours = [styles[n] for n in PROBES]
        scale = (first["x"] - second["x"]) / (ours[0]["x"] - ours[1]["x"])
        assert scale > 0
        for key in ("x", "y", "size"):
            for a, b, i, j in ((first, second, 0, 1), (first, third, 0, 2)):
                assert a[key] - b[key] == pytest.approx(scale * (ours[i][key] - ours[j][key]),
                                                        rel=1e-3, abs=0.01)
    # GEXF 1.3's edge kind: Gephi's edge types are the relations
    assert gephi["gexf"]["edge_kinds"] == expected[1]
    columns = dict(c.split(":") for c in gephi["gexf"]["node_columns"])
    assert (columns["page"], columns["generic"], columns["fte"]) == ("Long", "Boolean", "Double")


# -- graphology and d3 -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt, reader", [("graphml", "graphml"), ("gexf", "gexf"),
                                         ("graphology", "graphology")])
def test_graphology_opens_the_whole_graph(files, expected, graph, fmt, reader):
    done = run(clients.node_command() + [reader, str(files[fmt][0]), PROBE],
               env=clients.node_env())
    read = json.loads(done.stdout)
    assert (read["order"], read["size"], read["type"], read["multi"]) == \
        (graph.number_of_nodes(), graph.number_of_edges(), "directed", True)
    assert (read["nodeTypes"], read["relations"]) == expected
    node, style = read["node"], exports.node_style(graph)[PROBE]
    assert node["label"] == CAW and node["page"] == 58
    assert (node["x"], node["y"], node["size"]) == \
        pytest.approx((style["x"], style["y"], style["size"]))


def test_d3_reads_the_node_link_links(files, expected, graph):
    done = run(clients.node_command() + ["d3", str(files["json"][0])], env=clients.node_env())
    read = json.loads(done.stdout)
    assert (read["order"], read["size"]) == (graph.number_of_nodes(), graph.number_of_edges())
    assert (read["nodeTypes"], read["relations"]) == expected


# -- LibreOffice -----------------------------------------------------------------------------


def soffice_to_csv(source: Path, out: Path, infilter=None):
    """LibreOffice headless converts ``source`` to CSV (UTF-8, comma, every sheet: one file
    per sheet, ``NAME-SHEET.csv``) in ``out``; returns the files written."""
    soffice = clients.program("soffice", "libreoffice-calc-nogui")
    command = [soffice, f"-env:UserInstallation=file://{out}/profile", "--headless",
               "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,'
               'false,false,false,-1', "--outdir", str(out), str(source)]
    if infilter:
        command[3:3] = [f"--infilter={infilter}"]
    run(command)
    return sorted(out.glob(f"{source.stem}*.csv"))


def test_libreoffice_reads_the_kumu_workbook(files, tmp_path, graph):
    import csv

    sheets = soffice_to_csv(files["kumu"][0], tmp_path)
    assert [p.name for p in sheets] == ["plan-Connections.csv", "plan-Elements.csv"]
    with sheets[1].open(encoding="utf-8", newline="") as handle:
        elements = {row["ID"]: row for row in csv.DictReader(handle)}
    with sheets[0].open(encoding="utf-8", newline="") as handle:
        connections = list(csv.DictReader(handle))
    assert (len(elements), len(connections)) == (graph.number_of_nodes(), graph.number_of_edges())
    assert elements["action:cafe-anoniem-in-hasselt"]["Label"] == "Café Anoniem in Hasselt"
    assert elements["action:woonzaak"]["Type"] == "Strategische actie"
    assert len({c["ID"] for c in connections}) == graph.number_of_edges()


def test_libreoffice_reads_the_excel_csv_in_a_belgian_locale(files, tmp_path, graph):
    import csv

    nodes_file = files["csv-excel"][0]
    # what the import dialog offers for this file: separator ;, UTF-8, language Dutch (Belgium)
    converted = soffice_to_csv(nodes_file, tmp_path, infilter="CSV:59,34,76,1,,2067")
    with converted[0].open(encoding="utf-8", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    assert len(rows) == graph.number_of_nodes()
    cafe = rows["action:cafe-anoniem-in-hasselt"]
    assert (cafe["naam"], cafe["type"], cafe["sector"]) == (
        "Café Anoniem in Hasselt", "Strategische actie", "nee")
    assert rows["theme:wonen"]["VTE"] == "2.5"  # read as the number 2,5, written back in en-US


# -- cypher-shell into Neo4j -----------------------------------------------------------------


@pytest.fixture(scope="module")
def neo4j():
    """A connection to the Neo4j test server (as tests/test_neo4j.py: NEO4J_URI, emptied)."""
    from rimograph.backends import neo4j as backend

    if not os.environ.get("NEO4J_URI"):
        clients.missing("a Neo4j test server (bash .ci/neo4j.sh start; NEO4J_URI)")
    connection = backend.connect()
    yield connection
    connection.close()


def cypher_shell(*args) -> None:
    """Run cypher-shell against the test server with ``args`` (``-f FILE`` or a statement)."""
    command = clients.java_command("cypher-shell") + [
        "org.neo4j.shell.Main", "-a", os.environ["NEO4J_URI"],
        "-u", os.environ.get("NEO4J_USER", "neo4j"), "-p", os.environ.get("NEO4J_PASSWORD", ""),
        "-d", os.environ.get("NEO4J_DATABASE", "neo4j"), "--format", "plain", *args]
    run(command)


def test_cypher_script_loads_what_push_loads(neo4j, graph, files):
    """cypher-shell runs the exported script into an empty database: the same nodes and
    relationships, attribute for attribute, as `rimograph neo4j push` (how long it takes is a
    benchmark, not a test: the script's batching is held by test_exports' statement counts)."""
    from rimograph.backends import neo4j as backend

    clients.empty_neo4j(neo4j)
    backend.push(graph, neo4j.driver, neo4j.database)
    pushed = backend.pull(neo4j.driver, neo4j.database)
    clients.empty_neo4j(neo4j)
    cypher_shell("-f", str(files["cypher"][0]))
    loaded = backend.pull(neo4j.driver, neo4j.database)
    assert list(loaded.nodes(data=True)) == list(pushed.nodes(data=True))
    assert sorted(loaded.edges(keys=True, data=True)) == sorted(pushed.edges(keys=True, data=True))
    assert (loaded.number_of_nodes(), loaded.number_of_edges()) == \
        (graph.number_of_nodes(), graph.number_of_edges())
    assert backend.status(neo4j.driver, neo4j.database)["last_push"]["state"] == "complete"


def test_cypher_replace_script_removes_what_the_tables_no_longer_have(neo4j, graph, tmp_path):
    import copy

    from rimograph.backends import neo4j as backend

    changed = copy.deepcopy(graph)
    changed.remove_node("partner:de-oogst")
    del changed.nodes["partner:trefpunt-armoede"]["plan_entry"]
    script = tmp_path / "replace.cypher"
    exports.export(changed, "cypher", script, replace=True)
    cypher_shell("-f", str(script))
    loaded = backend.pull(neo4j.driver, neo4j.database)
    with neo4j.driver.session(database=neo4j.database) as session:  # kept for running reads
        old = session.run("MATCH (s:RimographStatus {key: 'push'}) MATCH (n:Partner {id: "
                          "'partner:de-oogst'}) WHERE n.graphVersion <> s.current "
                          "RETURN count(n)").single()[0]
    assert old == 1
    backend.push(changed, neo4j.driver, neo4j.database, replace=True)
    expected = backend.pull(neo4j.driver, neo4j.database)
    assert "partner:de-oogst" not in loaded
    assert "plan_entry" not in loaded.nodes["partner:trefpunt-armoede"]
    assert list(loaded.nodes(data=True)) == list(expected.nodes(data=True))
    assert sorted(loaded.edges(keys=True, data=True)) == \
        sorted(expected.edges(keys=True, data=True))
    clients.empty_neo4j(neo4j)
