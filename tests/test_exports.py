"""Exports of the real plan graph: every format read back into an equal graph."""

import re

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from rimograph.outputs import exports
from rimograph.backends.neo4j import camel
from rimograph.cli import cli


def _edges(graph):
    return sorted((u, v, k, sorted(d.items())) for u, v, k, d in graph.edges(keys=True, data=True))


def assert_same(expected, actual, graph_attrs=True):
    """Same nodes with the same attributes, same keyed edges with the same attributes."""
    assert dict(actual.nodes(data=True)) == dict(expected.nodes(data=True))
    assert _edges(actual) == _edges(expected)
    if graph_attrs:
        assert actual.graph == expected.graph
        assert nx.utils.graphs_equal(expected, actual)


# -- a reader for the Cypher script, to check it recreates the graph ------------------------

_UNESCAPE = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "b": "\b",
             "f": "\f"}
_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|`(?:[^`]|``)*`")


def _literal(text, i):
    """Parse one Cypher literal (string, bool, number, list, map) at ``text[i]``."""
    if text[i] == "'":
        out, i = [], i + 1
        while text[i] != "'":
            if text[i] == "\\":
                if text[i + 1] == "u":
                    out.append(chr(int(text[i + 2:i + 6], 16)))
                    i += 6
                    continue
                out.append(_UNESCAPE[text[i + 1]])
                i += 2
            else:
                out.append(text[i])
                i += 1
        return "".join(out), i + 1
    for word, value in (("true", True), ("false", False)):
        if text.startswith(word, i):
            return value, i + len(word)
    if text[i] in "[{":
        close = "]" if text[i] == "[" else "}"
        items, i = [], i + 1
        while text[i] != close:
            if close == "}":
                name = _NAME.match(text, i)
                key = name.group().strip("`").replace("``", "`")
                assert text[name.end():name.end() + 2] == ": "
                value, i = _literal(text, name.end() + 2)
                items.append((key, value))
            else:
                value, i = _literal(text, i)
                items.append(value)
            if text.startswith(", ", i):
                i += 2
        return (dict(items) if close == "}" else items), i + 1
    number = _NUMBER.match(text, i)
    value = number.group()
    return (float(value) if number.group(1) or number.group(2) else int(value)), number.end()


def read_cypher(script, attribute_names):
    """Rebuild a MultiDiGraph from a script of :func:`rimograph.outputs.exports.to_cypher`."""
    back = {camel(a): a for a in attribute_names}
    graph = nx.MultiDiGraph()
    for line in script.splitlines():
        if line.startswith(("//", "CREATE CONSTRAINT")):
            continue
        node = re.match(r"MERGE \(n:(\w+) \{id: ", line)
        if node:
            node_id, i = _literal(line, node.end())
            assert line.startswith("}) SET n = ", i)
            props, i = _literal(line, i + len("}) SET n = "))
            assert line[i:] == ";" and props.pop("id") == node_id
            graph.add_node(node_id, type=node.group(1),
                           **{back[k]: v for k, v in props.items()})
            continue
        edge = re.match(r"MATCH \(a:\w+ \{id: ", line)
        assert edge, line
        source, i = _literal(line, edge.end())
        rest = re.match(r"\}\) MATCH \(b:\w+ \{id: ", line[i:])
        target, i = _literal(line, i + rest.end())
        rel = re.match(r"\}\) MERGE \(a\)-\[r:(\w+)\]->\(b\) SET r = ", line[i:])
        props, i = _literal(line, i + rel.end())
        assert line[i:] == ";"
        key = rel.group(1)
        graph.add_edge(source, target, key=key, type=key,
                       **{back[k]: v for k, v in props.items()})
    return graph


def _attribute_names(graph):
    names = {k for _, d in graph.nodes(data=True) for k in d}
    return names | {k for _, _, d in graph.edges(data=True) for k in d}


# -- the real plan --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt, reader", [("graphml", exports.read_graphml),
                                         ("gexf", exports.read_gexf),
                                         ("json", exports.read_json)])
def test_round_trip(graph, tmp_path, fmt, reader):
    out = tmp_path / f"plan.{fmt}"
    assert exports.export(graph, fmt, out) == [out]
    back = reader(out)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert_same(graph, back)


def test_graphml_and_gexf_load_with_plain_networkx(graph, tmp_path):
    """Gephi-style readers see labels and the plan's attributes, with string ids."""
    exports.export(graph, "graphml", tmp_path / "plan.graphml")
    exports.export(graph, "gexf", tmp_path / "plan.gexf")
    plain = nx.read_graphml(tmp_path / "plan.graphml")
    assert plain.nodes["partner:caw-limburg"]["label"] == \
        "Centrum Algemeen Welzijnswerk Limburg (CAW Limburg)"
    assert plain.nodes["theme:wonen"]["fte"] == 2.5
    gexf = nx.read_gexf(tmp_path / "plan.gexf")
    assert gexf.nodes["action:woonzaak"]["label"] == "Woonzaak"
    assert gexf.nodes["action:woonzaak"]["period_start"] == "2019-01-01"
    assert [d["relation"] for u, v, d in gexf.edges(data=True)
            if (u, v) == ("action:woonzaak", "partner:feantsa")] == ["PARTNERS_WITH"]


def test_csv_round_trip(graph, tmp_path):
    nodes_file, edges_file = exports.export(graph, "csv", tmp_path / "plan")
    assert (nodes_file.name, edges_file.name) == ("plan-nodes.csv", "plan-edges.csv")
    back = exports.read_csv(nodes_file, edges_file)
    assert_same(exports.sanitise(graph, drop_empty=True), back, graph_attrs=False)
    nodes = pd.read_csv(nodes_file, dtype=str)
    assert list(nodes.columns[:3]) == ["id", "type", "name"]
    assert nodes.set_index("id").loc["partner:caw-limburg", "kind"] == "organisation"
    folder = tmp_path / "folder"
    folder.mkdir()
    assert [p.name for p in exports.export(graph, "csv", folder)] == ["nodes.csv", "edges.csv"]


def test_kumu_xlsx_reads_back_with_pandas(graph, tmp_path):
    out = tmp_path / "kumu.xlsx"
    exports.export(graph, "kumu", out)
    sheets = pd.read_excel(out, sheet_name=None, dtype=str, keep_default_na=False)
    assert list(sheets) == ["Elements", "Connections"]
    elements, connections = sheets["Elements"], sheets["Connections"]
    assert list(elements.columns) == ["ID", "Label", "Type", "Description", "Tags"]
    assert list(connections.columns) == ["From", "To", "Type", "Description"]
    assert sorted(elements["ID"]) == sorted(graph.nodes)
    assert len(connections) == graph.number_of_edges()
    assert set(connections["From"]) | set(connections["To"]) <= set(elements["ID"])
    woonzaak = elements.set_index("ID").loc["action:woonzaak"]
    assert (woonzaak["Label"], woonzaak["Type"]) == ("Woonzaak", "Strategische actie")
    assert "Wonen" in woonzaak["Tags"].split("|")
    assert "meerjarenplan p. 73" in woonzaak["Description"]
    expected = pd.DataFrame(exports.kumu_sheets(graph)[1])
    pd.testing.assert_frame_equal(connections, expected)


def test_cypher_script_recreates_the_graph(graph, tmp_path):
    out = tmp_path / "plan.cypher"
    exports.export(graph, "cypher", out)
    script = out.read_text(encoding="utf-8")
    outside_strings = re.sub(r"'(?:[^'\\]|\\.)*'", "''", script)
    assert "$" not in outside_strings  # parameter-free
    assert script.count("CREATE CONSTRAINT") == len({t for _, t in graph.nodes(data="type")})
    assert "MERGE (n:Partner {id: 'partner:caw-limburg'}) SET n = {id: 'partner:caw-limburg'" \
        in script
    assert "lineStart: " in script and "line_start" not in script
    back = read_cypher(script, _attribute_names(graph))
    graph_only = nx.MultiDiGraph(graph)
    graph_only.graph.clear()
    assert_same(graph_only, back, graph_attrs=False)


def test_export_command(graph, tmp_path):
    runner = CliRunner()
    out = tmp_path / "x" / "plan.gexf"
    result = runner.invoke(cli, ["export", "--format", "gexf", "--out", str(out)],
                           catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output == (f"{out}: {graph.number_of_nodes()} knopen, "
                             f"{graph.number_of_edges()} relaties\n")
    assert_same(graph, exports.read_gexf(out))


# -- tricky values ---------------------------------------------------------------------------


@pytest.fixture
def tricky():
    graph = nx.MultiDiGraph(name="tricky")
    graph.add_node("partner:a", type="Partner",
                   name="O'Neill \\ \"Co\"\nline two\ttab é ’ \u2028",
                   tags=["b", "a"], missing=None, generic=False, page=3, fte=0.1)
    graph.add_node("action:b", type="StrategicAction", name="B", start="2021", end="2025-06")
    graph.add_edge("action:b", "partner:a", key="PARTNERS_WITH", type="PARTNERS_WITH",
                   mention="x; y", reason="")
    return graph


def test_sanitise(tricky):
    clean = exports.sanitise(tricky)
    assert clean.nodes["partner:a"]["tags"] == "b; a"
    assert "missing" not in clean.nodes["partner:a"]
    assert tricky.nodes["partner:a"]["tags"] == ["b", "a"]  # input untouched
    assert "reason" not in exports.sanitise(tricky, drop_empty=True).edges[
        "action:b", "partner:a", "PARTNERS_WITH"]


@pytest.mark.parametrize("fmt, reader", [("graphml", exports.read_graphml),
                                         ("gexf", exports.read_gexf)])
def test_tricky_round_trip(tricky, tmp_path, fmt, reader):
    out = tmp_path / f"t.{fmt}"
    exports.export(tricky, fmt, out)
    assert_same(exports.sanitise(tricky), reader(out))


def test_tricky_cypher(tricky):
    script = exports.to_cypher(tricky)
    assert len(script.splitlines()) == 2 + 2 + 3  # comments, constraints, statements
    back = read_cypher(script, _attribute_names(tricky))
    expected = nx.MultiDiGraph(tricky)
    expected.graph.clear()
    del expected.nodes["partner:a"]["missing"]
    assert_same(expected, back, graph_attrs=False)
    assert exports.cypher_string("a'b\\c\nd\x01") == "'a\\'b\\\\c\\nd\\u0001'"
    assert camel("line_start") == "lineStart"
    assert camel("nis_2025") == "nis2025"
    assert exports.cypher_name("odd name") == "`odd name`"


def test_failed_export_leaves_old_file(tricky, tmp_path):
    out = tmp_path / "t.cypher"
    out.write_text("old", encoding="utf-8")
    tricky.nodes["partner:a"]["fte"] = float("nan")
    with pytest.raises(ValueError, match="no literal"):
        exports.export(tricky, "cypher", out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.cypher"]


def test_csv_paths(tmp_path):
    assert exports.csv_paths("exports/rimo") == (
        exports.Path("exports/rimo-nodes.csv"), exports.Path("exports/rimo-edges.csv"))
    assert exports.csv_paths("exports/rimo.csv")[0].name == "rimo-nodes.csv"
    assert exports.csv_paths("out/")[1] == exports.Path("out/edges.csv")
    assert exports.csv_paths(tmp_path) == (tmp_path / "nodes.csv", tmp_path / "edges.csv")


def test_cli_csv_export_into_a_new_folder(tmp_path):
    from click.testing import CliRunner

    from rimograph.cli import cli

    out = tmp_path / "nieuw"
    result = CliRunner().invoke(cli, ["export", "--format", "csv", "--out", f"{out}/"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["edges.csv", "nodes.csv"]
