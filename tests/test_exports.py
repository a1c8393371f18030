"""Exports of the real plan graph: every format read back into an equal graph."""

import csv
import io
import json
import re
import zipfile

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from rimograph.outputs import exports
from rimograph.backends.neo4j import LABELS, camel
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
    """Rebuild a MultiDiGraph from a script of :func:`rimograph.outputs.exports.to_cypher`:
    each ``:param {rows: [...]}`` line, then the ``UNWIND $rows`` statement that uses it."""
    back = {camel(a): a for a in attribute_names | {"id"}}
    graph = nx.MultiDiGraph()
    rows = None
    for line in script.splitlines():
        if line.startswith(":param "):
            params, end = _literal(line, len(":param "))
            assert end == len(line)
            rows = params.get("rows")
            continue
        if "UNWIND $rows" not in line:  # comments, constraints, the status, deletions
            continue
        node = re.search(r"UNWIND \$rows AS row MERGE \(n:`(\w+)` \{id: row.id, graphVersion: "
                         r"version\}\) SET n \+?= row.props SET n.graphVersion = version;$", line)
        rel = re.search(r"UNWIND \$rows AS row MATCH \(a:`\w+` \{id: row.source, graphVersion: "
                        r"version\}\) MATCH \(b:`\w+` \{id: row.target, graphVersion: version\}\) "
                        r"MERGE \(a\)-\[r:`(\w+)`\]->\(b\) SET r \+?= row.props RETURN count\(r\) "
                        r"AS merged;$", line)
        assert node or rel, line
        for row in rows:
            props = {back[k]: v for k, v in row["props"].items()}
            if node:
                assert props.pop("id") == row["id"]
                graph.add_node(row["id"], type=node.group(1), **props)
            else:
                key = rel.group(1)
                graph.add_edge(row["source"], row["target"], key=key, type=key, **props)
    return graph


def _attribute_names(graph):
    names = {k for _, d in graph.nodes(data=True) for k in d}
    return names | {k for _, _, d in graph.edges(data=True) for k in d}


# -- the real plan --------------------------------------------------------------------------


def prepared(graph, **kwargs):
    return exports.sanitise(exports.prepare(graph, **kwargs))


@pytest.mark.parametrize("fmt, reader", [("graphml", exports.read_graphml),
                                         ("json", exports.read_json)])
def test_round_trip(graph, tmp_path, fmt, reader):
    out = tmp_path / f"plan.{fmt}"
    assert exports.export(graph, fmt, out) == [out]
    back = reader(out)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    assert_same(prepared(graph), back)
    assert back.graph["edition"] == "internal"
    assert back.graph["description"].startswith("Meerjarenplan 2021-2025 van")


def test_graphml_for_gephi_and_yed(graph, tmp_path):
    """Plain readers see unique edge ids, labels, the relation, Gephi's colour and position."""
    out = tmp_path / "plan.graphml"
    exports.export(graph, "graphml", out)
    text = out.read_text(encoding="utf-8")
    ids = re.findall(r'<edge [^>]*id="([^"]+)"', text)
    assert len(ids) == len(set(ids)) == graph.number_of_edges()
    assert 'id="action:woonzaak-PARTNERS_WITH-partner:feantsa"' in text
    plain = nx.read_graphml(out, force_multigraph=True)
    caw = plain.nodes["partner:caw-limburg"]
    assert caw["label"] == "Centrum Algemeen Welzijnswerk Limburg (CAW Limburg)"
    assert (caw["r"], caw["g"], caw["b"]) == (46, 139, 87)
    assert plain.nodes["theme:wonen"]["fte"] == 2.5
    edge = plain.edges["action:woonzaak", "partner:feantsa",
                       "action:woonzaak-PARTNERS_WITH-partner:feantsa"]
    assert (edge["relation"], edge["label"]) == ("PARTNERS_WITH", "werkt samen met")
    assert exports.to_graphml(graph) == out.read_bytes()  # the same data, the same file


def test_gexf_1_3_with_viz_and_typed_attributes(graph, tmp_path):
    from xml.etree import ElementTree

    out = tmp_path / "plan.gexf"
    exports.export(graph, "gexf", out, lang="en")
    assert exports.to_gexf(graph, lang="en") == out.read_bytes()  # no date that changes
    ns = {"g": exports.GEXF_NAMESPACE, "viz": exports.GEXF_VIZ_NAMESPACE}
    root = ElementTree.parse(out).getroot()
    assert root.get("version") == "1.3" and root.find("g:meta", ns).get("lastmodifieddate") is None
    types = {a.get("title"): a.get("type")
             for a in root.findall("g:graph/g:attributes[@class='node']/g:attribute", ns)}
    assert (types["page"], types["fte"], types["generic"], types["name"]) == \
        ("long", "double", "boolean", "string")
    node = root.find("g:graph/g:nodes/g:node[@id='partner:caw-limburg']", ns)
    assert node.get("label") == "Centrum Algemeen Welzijnswerk Limburg (CAW Limburg)"
    assert node.find("viz:color", ns).attrib == {"r": "46", "g": "139", "b": "87"}
    style = exports.node_style(graph, "en")["partner:caw-limburg"]
    position = node.find("viz:position", ns)
    assert (float(position.get("x")), float(position.get("y"))) == (style["x"], style["y"])
    edges = root.findall("g:graph/g:edges/g:edge", ns)
    assert len(edges) == len({e.get("id") for e in edges}) == graph.number_of_edges()
    woonzaak = next(e for e in edges if e.get("source") == "action:woonzaak"
                    and e.get("target") == "partner:feantsa")
    assert (woonzaak.get("kind"), woonzaak.get("label")) == ("PARTNERS_WITH", "partners with")


def test_json_works_with_d3_and_networkx_key(graph, tmp_path):
    out = tmp_path / "plan.json"
    exports.export(graph, "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["links"]) == graph.number_of_edges() and "edges" not in data
    assert nx.node_link_graph(data, edges="links").number_of_edges() == graph.number_of_edges()


def test_graphology_serialisation(graph, tmp_path):
    out = tmp_path / "plan.json"
    exports.export(graph, "graphology", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["options"] == {"type": "directed", "multi": True, "allowSelfLoops": True}
    assert data["attributes"]["edition"] == "internal"
    nodes = {n["key"]: n["attributes"] for n in data["nodes"]}
    caw = nodes["partner:caw-limburg"]
    assert (caw["nodeType"], caw["color"], caw["page"]) == ("Partner", "#2e8b57", 58)
    assert "type" not in caw  # sigma.js reads a node's type as its renderer
    edge = next(e for e in data["edges"]
                if e["key"] == "action:woonzaak-PARTNERS_WITH-partner:feantsa")
    assert (edge["source"], edge["target"], edge["attributes"]["relation"]) == \
        ("action:woonzaak", "partner:feantsa", "PARTNERS_WITH")
    assert len({e["key"] for e in data["edges"]}) == graph.number_of_edges()


def test_csv_round_trip(graph, tmp_path):
    nodes_file, edges_file = exports.export(graph, "csv", tmp_path / "plan")
    assert (nodes_file.name, edges_file.name) == ("plan-nodes.csv", "plan-edges.csv")
    back = exports.read_csv(nodes_file, edges_file)
    expected = exports.sanitise(exports.prepare(graph), drop_empty=True)
    expected.graph.clear()
    assert_same(expected, back, graph_attrs=False)
    nodes = pd.read_csv(nodes_file, dtype=str)
    assert list(nodes.columns[:3]) == ["Id", "Label", "type"]
    assert "source" not in nodes.columns and "provenance" in nodes.columns
    assert nodes.set_index("Id").loc["partner:caw-limburg", "kind"] == "organisation"
    edges = pd.read_csv(edges_file, dtype=str)
    assert list(edges.columns[:7]) == \
        ["Id", "Source", "Target", "Type", "Kind", "Label", "relation"]
    assert set(edges["Type"]) == {"Directed"}
    folder = tmp_path / "folder"
    folder.mkdir()
    assert [p.name for p in exports.export(graph, "csv", folder)] == ["nodes.csv", "edges.csv"]


def excel_tables(files):
    """The csv-excel pair read as Belgian Excel opens it on a double click: ``;``-separated,
    UTF-8 after the byte order mark, decimal comma; (nodes by id, edges by id)."""
    raw = files[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    nodes, edges = (pd.read_csv(f, sep=";", decimal=",", encoding="utf-8-sig", dtype={"NIS": str})
                    for f in files)
    return nodes.set_index("id"), edges.set_index("id")


def test_csv_for_belgian_excel_in_dutch(graph, tmp_path):
    files = exports.export(graph, "csv-excel", tmp_path / "plan")
    nodes, edges = excel_tables(files)
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    assert list(nodes.columns[:2]) == ["naam", "type"]
    caw = nodes.loc["partner:caw-limburg"]
    assert (caw["naam"], caw["type"], caw["soort"], caw["algemeen"]) == (
        "Centrum Algemeen Welzijnswerk Limburg (CAW Limburg)", "Partner", "organisatie", "nee")
    assert nodes.loc["theme:wonen", "VTE"] == 2.5  # written 2,5
    woonzaak = nodes.loc["action:woonzaak"]
    assert (woonzaak["type"], woonzaak["bereik"], woonzaak["sector"], woonzaak["pagina"]) == (
        "Strategische actie", "Vlaanderen", "ja", 73)
    assert nodes.loc["municipality:71016", "NIS"] == "71016"
    vlakveld = nodes.loc["partner:acli-vlakveld"]  # references named, as `rimograph show` does
    assert (vlakveld["gemeente"], vlakveld["deel van"]) == (
        "Genk (71016)", "Acli Vlaanderen (partner:acli-vlaanderen)")
    link = edges.loc["action:woonzaak-PARTNERS_WITH-partner:feantsa"]
    assert (link["van"], link["relatie"], link["naar"], link["vermelding"]) == (
        "Woonzaak", "werkt samen met", "Feantsa", "Feantsa")
    share = edges.loc["indicator:aandeel-sociale-woningen-MEASURED_IN-region:vlaanderen"]
    assert (share["waarde"], share["eenheid"], share["bij benadering"]) == (6.0, "procent", "ja")
    assert set(edges["zekerheid"].dropna()) == {"zeker", "mogelijk"}
    assert "reason" not in edges.columns and "StrategicAction" not in set(nodes["type"])
    assert nodes.loc["municipality:71016", "bron"] == (  # Genk: its source in words
        "NIS-code en naam: Statbel REFNIS 2019-2024; in 2025 dezelfde code en naam (details: "
        "rimograph export --format csv)")
    limburg = edges.loc["indicator:alleenwonenden-MEASURED_IN-region:limburg"]
    assert limburg["alle cijfers"] == "2000: 21,5; 2019: 28,3"  # the plan's figures, p. 23


def test_csv_for_belgian_excel_in_english(graph, tmp_path):
    nodes, edges = excel_tables(exports.export(graph, "csv-excel", tmp_path / "plan", "en"))
    woonzaak = nodes.loc["action:woonzaak"]
    assert (woonzaak["type"], woonzaak["scope"], woonzaak["sector"]) == (
        "Strategic action", "Flanders", "yes")
    assert nodes.loc["theme:wonen", "FTE"] == 2.5
    link = edges.loc["action:woonzaak-PARTNERS_WITH-partner:feantsa"]
    assert (link["relation"], link["basis"]) == ("partners with", "stated")
    assert edges["reason"].notna().sum() > 400  # the curators' reasons are English
    assert nodes.loc["region:belgie", "source"] == \
        "REFNIS code of Statbel (details: rimograph export --format csv)"
    assert edges.loc["indicator:alleenwonenden-MEASURED_IN-region:limburg", "all figures"] == \
        "2000: 21.5; 2019: 28.3"


def test_kumu_workbook(graph, tmp_path):
    out = tmp_path / "kumu.xlsx"
    exports.export(graph, "kumu", out)
    sheets = pd.read_excel(out, sheet_name=None, dtype=str, keep_default_na=False)
    assert list(sheets) == ["Elements", "Connections"]
    elements, connections = sheets["Elements"], sheets["Connections"]
    assert list(elements.columns) == exports.KUMU_COLUMNS["Elements"]
    assert list(connections.columns) == exports.KUMU_COLUMNS["Connections"]
    assert sorted(elements["ID"]) == sorted(graph.nodes)
    assert len(connections) == connections["ID"].nunique() == graph.number_of_edges()
    assert set(connections["From"]) | set(connections["To"]) <= set(elements["ID"])
    woonzaak = elements.set_index("ID").loc["action:woonzaak"]
    assert (woonzaak["Label"], woonzaak["Type"]) == ("Woonzaak", "Strategische actie")
    assert woonzaak["Tags"].split("|") == ["Wonen", "Vlaanderen"]
    assert "meerjarenplan p. 73" in woonzaak["Description"]
    caw = elements.set_index("ID").loc["partner:caw-limburg"]
    assert caw["Tags"] == "organisatie"
    link = connections.set_index("ID").loc["action:woonzaak-PARTNERS_WITH-partner:feantsa"]
    assert link["Type"] == "werkt samen met"
    assert link["Tags"] in ("staat in het plan", "afgeleid uit de tekst")
    descriptions = " ".join(connections["Description"])
    assert "project = City of" not in descriptions  # the curators' English reasons: en only
    english = pd.DataFrame(exports.kumu_sheets(graph, "en")[1])
    assert "project = City of" in " ".join(english["Description"])
    expected = pd.DataFrame(exports.kumu_sheets(graph)[1])
    pd.testing.assert_frame_equal(connections, expected)
    assert exports.to_kumu(graph) == out.read_bytes()


def test_cypher_script_recreates_the_graph(graph, tmp_path):
    out = tmp_path / "plan.cypher"
    exports.export(graph, "cypher", out)
    script = out.read_text(encoding="utf-8")
    statements = [line for line in script.splitlines() if not line.startswith((":", "//"))]
    outside_strings = re.sub(r"'(?:[^'\\]|\\.)*'", "''", "\n".join(statements))
    assert set(re.findall(r"'[^']*'", outside_strings)) <= {"'push'", "'running'", "'second'",
                                                            "'complete'", "''"}
    labels = {t for _, t in graph.nodes(data="type")}
    groups = {(k, graph.nodes[u]["type"], graph.nodes[v]["type"])
              for u, v, k in graph.edges(keys=True)}
    owned = len(LABELS)  # every label rimograph owns, whether the graph has it or not
    assert script.count("CREATE CONSTRAINT") == owned and labels <= set(LABELS)
    # constraints (drop the old, create), the status, deletions (relationships, then nodes),
    # one batch each, the status
    assert len(statements) == 2 * owned + 1 + 2 * owned + len(labels) + len(groups) + 1
    assert "lineStart: " in script and "line_start" not in script
    back = read_cypher(script, _attribute_names(graph) | {"edition", "description"})
    graph_only = nx.MultiDiGraph(graph)
    graph_only.graph.clear()
    assert_same(graph_only, back, graph_attrs=False)


def test_cypher_replace_script(graph):
    script = exports.to_cypher(graph, replace=True)
    assert "WITH s.next AS version UNWIND" in script and "s.current AS version" not in script
    switch = script.index("SET s.current = s.next")
    # old versions are deleted before the writes, never right after the switch (reads running)
    assert "delete" not in script[switch:].lower() and "DETACH DELETE" in script[:switch]
    assert "SET n = row.props" in script and "SET n += row.props" not in script


def test_export_command(graph, tmp_path):
    runner = CliRunner()
    out = tmp_path / "x" / "plan.graphml"
    result = runner.invoke(cli, ["export", "--format", "graphml", "--out", str(out)],
                           catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output == (f"{out}: {graph.number_of_nodes()} knopen, "
                             f"{graph.number_of_edges()} relaties\n")
    assert_same(prepared(graph), exports.read_graphml(out))
    result = runner.invoke(cli, ["export", "--format", "json", "--replace"])
    assert result.exit_code == 2 and "alleen met --format cypher" in result.output


# -- --public -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_public_exports_hold_no_internal_fact(graph, tmp_path, fmt):
    """No FTE, no partner note, no timing note, in any format; the file says it is public."""
    from html import escape

    from rimograph.core.model import INTERNAL

    result = CliRunner().invoke(cli, ["export", "--format", fmt, "--public", "--out",
                                      str(tmp_path / "public") + "/"],
                                catch_exceptions=False)
    assert result.exit_code == 0 and "(publieke versie)" in result.output
    text = ""
    for path in sorted((tmp_path / "public").iterdir()) if (tmp_path / "public").is_dir() \
            else [tmp_path / "public"]:
        raw = path.read_bytes()
        if raw.startswith(b"PK"):  # xlsx: the text of all its parts
            with zipfile.ZipFile(io.BytesIO(raw)) as book:
                raw = b"".join(book.read(name) for name in book.namelist())
        text += raw.decode("utf-8-sig")
    values = {v for _, d in graph.nodes(data=True) for k, v in d.items() if k in INTERNAL}
    assert len(values) > 80
    for value in values:
        for form in {str(value), escape(str(value)), json.dumps(value)[1:-1]}:
            if isinstance(value, float):
                form = rf"(?<![\d.]){re.escape(form)}(?![\d])"
                assert not re.search(r"fte\W{1,4}" + form, text)
            else:
                assert form not in text
    assert not re.search(r"(?<![A-Za-z_])(fte|timing_note|timingNote)(?![A-Za-z_])", text)
    if fmt not in ("csv", "csv-excel"):
        assert "Publieke versie" in text


def test_public_is_the_maps_and_reports_definition(graph):
    from rimograph.core.model import INTERNAL, public_graph

    public = public_graph(graph)
    assert INTERNAL == ("fte", "note", "timing_note")
    assert not any(k in d for _, d in public.nodes(data=True) for k in INTERNAL)
    assert "fte" in graph.nodes["theme:wonen"]  # the input is not changed
    assert sorted(public.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))


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


def test_tricky_graphml_round_trip(tricky, tmp_path):
    out = tmp_path / "t.graphml"
    exports.export(tricky, "graphml", out)
    assert_same(prepared(tricky), exports.read_graphml(out))


def test_tricky_cypher(tricky):
    script = exports.to_cypher(tricky)
    # comments, constraints (2 per label), status, deletions (2 per label), batches, status
    assert len(script.splitlines()) == 2 + 4 * len(LABELS) + 1 + 2 * 2 + 2 + 1
    back = read_cypher(script, _attribute_names(tricky))
    expected = nx.MultiDiGraph(tricky)
    expected.graph.clear()
    del expected.nodes["partner:a"]["missing"]
    assert_same(expected, back, graph_attrs=False)
    assert exports.cypher_string("a'b\\c\nd\x01") == "'a\\'b\\\\c\\nd\\u0001'"
    assert exports.cypher_value({"odd key": [1, 2.5, True]}) == "{`odd key`: [1, 2.5, true]}"
    assert camel("line_start") == "lineStart"
    assert camel("nis_2025") == "nis2025"
    assert exports.cypher_name("odd name") == "`odd name`"


def test_formula_like_text_stays_text(tricky, tmp_path):
    from openpyxl import load_workbook

    tricky.nodes["action:b"]["name"] = "=HYPERLINK(\"http://x\")"
    out = tmp_path / "t.xlsx"
    exports.export(tricky, "kumu", out)
    cell = load_workbook(out)["Elements"]["B2"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(\"http://x\")", "s")
    nodes_file, _ = exports.export(tricky, "csv-excel", tmp_path / "t")
    assert "'=HYPERLINK" in nodes_file.read_text(encoding="utf-8-sig")
    nodes_file, _ = exports.export(tricky, "csv", tmp_path / "plain")
    assert ',"=HYPERLINK' in nodes_file.read_text(encoding="utf-8")  # Gephi's: as it is


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
    nodes, edges = out / "nodes.csv", out / "edges.csv"  # one line for the pair, one total
    assert result.output.splitlines() == [f"{nodes}, {edges}: 641 knopen, 1175 relaties"]
