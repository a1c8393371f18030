"""Writing the plan graph in the formats people already use, and reading them back.

=========  ==========================================================================  =========
format     what is written                                                             read back
=========  ==========================================================================  =========
graphml    GraphML (Gephi, yEd, Cytoscape); one file                                   yes
gexf       GEXF 1.2 (Gephi); one file                                                  yes
json       node-link JSON (d3, ``networkx.node_link_graph``); one file                 yes
csv        two files, nodes and edges (spreadsheets, pandas); see :func:`csv_paths`    yes
kumu       Kumu's spreadsheet layout as an xlsx (sheets Elements and Connections)      pandas
cypher     a Cypher script that recreates the graph in Neo4j (``cypher-shell -f``)     no
=========  ==========================================================================  =========

Every file is rendered in memory first and then written with
:func:`rimograph.core.files.write_atomic`, so an export is never left half-written.

GraphML and GEXF refuse lists, dicts and ``None`` as attribute values, and turn ids into
strings: :func:`sanitise` makes a copy they accept (string ids and keys, lists joined with
``"; "``, dicts as JSON text, ``None`` dropped); every reader here returns that sanitised graph,
so ``read_X(path) == sanitise(graph)`` (and equals ``graph`` itself when it holds no such
values, as the plan graph does not). For Gephi, GraphML and GEXF nodes get a ``label`` (their
name) and edges a ``label`` (their type); the readers remove them again.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
import json
import math
import re
from pathlib import Path

import networkx as nx

from ..backends.neo4j import camel
from ..core.files import write_atomic, write_atomic_many

FORMATS = ("graphml", "gexf", "json", "csv", "kumu", "cypher")
EXTENSIONS = {"graphml": ".graphml", "gexf": ".gexf", "json": ".json", "csv": "",
              "kumu": ".xlsx", "cypher": ".cypher"}
LIST_SEPARATOR = "; "
#: Node attributes that GEXF reserves (a node's lifetime): renamed in GEXF files.
GEXF_RENAMED = {"start": "period_start", "end": "period_end"}
_GEXF_GRAPH_KEYS = ("mode", "edge_default", "node_default")


# --------------------------------------------------------------------------------------------
# sanitising


def _clean(value):
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return LIST_SEPARATOR.join(str(v) for v in items)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, (str, bool, int, float)):
        return value
    return str(value)


def _clean_attrs(attrs, drop_empty=False):
    return {str(k): _clean(v) for k, v in attrs.items()
            if v is not None and not (drop_empty and v == "")}


def sanitise(graph, drop_empty=False) -> nx.MultiDiGraph:
    """A copy of ``graph`` that GraphML, GEXF and CSV can hold.

    Node ids and edge keys become strings; attribute values that are lists, tuples or sets are
    joined with ``"; "`` (sets sorted), dicts become JSON text, ``None`` is dropped, and so is
    ``""`` when ``drop_empty`` (CSV cannot tell an empty text from a missing one). Nodes and
    edges keep their order. The input graph is not changed.
    """
    clean = nx.MultiDiGraph(**_clean_attrs(graph.graph))
    for node, attrs in graph.nodes(data=True):
        clean.add_node(str(node), **_clean_attrs(attrs, drop_empty))
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        clean.add_edge(str(u), str(v), key=str(key), **_clean_attrs(attrs, drop_empty))
    return clean


def _labelled(graph):
    """The sanitised graph with Gephi labels: node ``label`` = name, edge ``label`` = type."""
    clean = sanitise(graph)
    for node, attrs in clean.nodes(data=True):
        attrs["label"] = str(attrs.get("name", node))
    for _, _, key, attrs in clean.edges(keys=True, data=True):
        attrs["label"] = str(attrs.get("type", key))
    return clean


def _unlabel(graph):
    for _, attrs in graph.nodes(data=True):
        attrs.pop("label", None)
    for _, _, attrs in graph.edges(data=True):
        attrs.pop("label", None)
    return graph


# --------------------------------------------------------------------------------------------
# GraphML, GEXF, node-link JSON


def to_graphml(graph) -> bytes:
    """GraphML (UTF-8) of the sanitised graph, with Gephi labels; edge keys are the edge ids."""
    buffer = io.BytesIO()
    nx.write_graphml(_labelled(graph), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def read_graphml(path) -> nx.MultiDiGraph:
    """Read a file written by :func:`to_graphml` back into the sanitised graph."""
    graph = nx.read_graphml(path, force_multigraph=True)
    for key in ("node_default", "edge_default"):
        graph.graph.pop(key, None)
    return _unlabel(graph)


def to_gexf(graph) -> bytes:
    """GEXF 1.2 (UTF-8) of the sanitised graph, static mode, with Gephi labels.

    GEXF reserves some attribute names: a node's ``start``/``end`` would become its lifetime
    (and the plan's year- or month-precision dates are not GEXF dates), so they are written as
    ``period_start``/``period_end``; an edge's ``type`` is GEXF's directed/undirected flag, so
    the edge type is written as ``relation`` (and as the edge label). The edge key is kept in
    networkx's ``networkx_key`` attribute (see :func:`read_gexf`).
    """
    clean = _labelled(graph)
    for _, attrs in clean.nodes(data=True):
        for old, new in GEXF_RENAMED.items():
            if old in attrs:
                attrs[new] = attrs.pop(old)
    for _, _, attrs in clean.edges(data=True):
        if "type" in attrs:
            attrs["relation"] = attrs.pop("type")
    buffer = io.BytesIO()
    nx.write_gexf(clean, buffer, encoding="utf-8", prettyprint=True, version="1.2draft")
    return buffer.getvalue()


def read_gexf(path) -> nx.MultiDiGraph:
    """Read a file written by :func:`to_gexf` back into the sanitised graph (names restored)."""
    read = nx.read_gexf(path, node_type=str)
    graph = nx.MultiDiGraph(**{k: v for k, v in read.graph.items()
                               if k not in _GEXF_GRAPH_KEYS})
    for node, attrs in read.nodes(data=True):
        for old, new in GEXF_RENAMED.items():
            if new in attrs:
                attrs[old] = attrs.pop(new)
        graph.add_node(node, **attrs)
    # networkx reads the edge keys from the ``networkx_key`` attribute its writer adds, but
    # turns a file without parallel edges into a DiGraph and drops them: then the key is the
    # edge type (as in the plan graph), or the GEXF edge id when there is no type.
    edges = read.edges(keys=True, data=True) if read.is_multigraph() else \
        ((u, v, None, d) for u, v, d in read.edges(data=True))
    for u, v, key, attrs in edges:
        attrs = dict(attrs)
        edge_id = attrs.pop("id", None)
        if "relation" in attrs:
            attrs["type"] = attrs.pop("relation")
        if key is None:
            key = attrs.get("type", edge_id)
        graph.add_edge(u, v, key=key, **attrs)
    return _unlabel(graph)


def to_json(graph) -> str:
    """Node-link JSON: ``{"directed", "multigraph", "graph", "nodes": [{"id", ...}],
    "edges": [{"source", "target", "key", ...}]}`` (``networkx.node_link_data`` with
    ``edges="edges"`` said explicitly: its default changed in networkx 3.6)."""
    data = nx.node_link_data(graph, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read_json(path) -> nx.MultiDiGraph:
    """Read a file written by :func:`to_json` back (``networkx.node_link_graph``)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")


# --------------------------------------------------------------------------------------------
# CSV


def csv_paths(out) -> tuple[Path, Path]:
    """Where the CSV export goes: ``(nodes file, edges file)``.

    ``out`` is a folder when it exists as one or ends with ``/``: then ``out/nodes.csv`` and
    ``out/edges.csv``. Otherwise it is a stem (a trailing ``.csv`` is dropped):
    ``exports/rimo`` gives ``exports/rimo-nodes.csv`` and ``exports/rimo-edges.csv``.
    """
    text = str(out)
    out = Path(out)
    if out.is_dir() or text.endswith(("/", "\\")):
        return out / "nodes.csv", out / "edges.csv"
    if out.suffix.lower() == ".csv":
        out = out.with_suffix("")
    return out.with_name(f"{out.name}-nodes.csv"), out.with_name(f"{out.name}-edges.csv")


def _columns(records, first):
    seen = {k for attrs in records for k in attrs}
    return list(first) + sorted(seen - set(first))


def _cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _csv_text(columns, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c, "")) for c in columns])
    return buffer.getvalue()


def to_csv(graph) -> tuple[str, str]:
    """The graph as two CSV texts, ``(nodes, edges)``, in the conventions of ``graph/``.

    Nodes: columns ``id``, ``type``, ``name``, then every other attribute in alphabetical
    order, one row per node sorted by id. Edges: ``source``, ``target``, ``type``, then the
    other attributes, sorted by source, target, type. Booleans are ``true``/``false``; an empty
    cell means the attribute is absent (empty texts are therefore not kept); lists are joined
    with ``"; "``.
    """
    clean = sanitise(graph, drop_empty=True)
    nodes = [{"id": n, **a} for n, a in sorted(clean.nodes(data=True))]
    edges = sorted(({"source": u, "target": v, "type": k, **a}
                    for u, v, k, a in clean.edges(keys=True, data=True)),
                   key=lambda e: (e["source"], e["target"], e["type"]))
    return (_csv_text(_columns(nodes, ("id", "type", "name")), nodes),
            _csv_text(_columns(edges, ("source", "target", "type")), edges))


def _column_kinds() -> dict[str, str]:
    """Column -> kind (int, num, bool) for the non-text attributes of the plan graph, from
    :data:`rimograph.core.tables.SCHEMA` and the attributes :mod:`rimograph.core.model` adds."""
    from ..core.tables import SCHEMA

    kinds = {"generic": "bool", "fte": "num", "measurements": "int", "mentions": "int"}
    for columns in SCHEMA.values():
        for column, kind in columns:
            kind = kind.rstrip("?")
            if kind in ("int", "num", "bool"):
                kinds[column] = kind
    return kinds


def _typed(column, text, kinds):
    kind = kinds.get(column)
    if kind == "int":
        return int(text)
    if kind == "num":
        return float(text)
    if kind == "bool":
        return text == "true"
    return text


def read_csv(nodes_path, edges_path) -> nx.MultiDiGraph:
    """Read files written by :func:`to_csv` back into ``sanitise(graph, drop_empty=True)``
    (without graph-level attributes, which CSV does not hold). Column types follow the plan's
    schema (``page`` is an int, ``generic`` a bool, ...); other columns stay text."""
    kinds = _column_kinds()
    graph = nx.MultiDiGraph()
    with Path(nodes_path).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            node = row.pop("id")
            graph.add_node(node, **{k: _typed(k, v, kinds) for k, v in row.items() if v != ""})
    with Path(edges_path).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            u, v = row.pop("source"), row.pop("target")
            attrs = {k: _typed(k, x, kinds) for k, x in row.items() if x != ""}
            graph.add_edge(u, v, key=attrs["type"], **attrs)
    return graph


# --------------------------------------------------------------------------------------------
# Kumu


def _citation(attrs):
    if "page" not in attrs:
        return ""
    lines = ""
    if "line_start" in attrs:
        lines = f", r. {attrs['line_start']}-{attrs.get('line_end', attrs['line_start'])}"
    return f"meerjarenplan p. {attrs['page']}{lines}"


def kumu_sheets(graph, lang="nl") -> tuple[list[dict], list[dict]]:
    """The rows of Kumu's two import sheets, ``(elements, connections)``.

    Elements: ``ID`` (the node id, so a re-import updates instead of duplicating), ``Label``
    (name), ``Type`` (node type in ``lang``), ``Description`` (summary or note, then the
    citation "meerjarenplan p. 58, r. 2745-2780"), ``Tags`` (``|``-separated: for actions and
    projects their themes and scope, for partners their kind). Connections: ``From`` and
    ``To`` (element IDs), ``Type`` (the relation in ``lang``), ``Description`` (certainty,
    basis and citation). Sorted by ID, and by From, To, Type.
    """
    from .labels import RELATIONS, type_label
    from ..core.model import entry_themes

    elements = []
    for node, attrs in sorted(graph.nodes(data=True)):
        node_type = attrs["type"]
        text = attrs.get("summary") or attrs.get("note") or ""
        cite = _citation(attrs)
        tags = []
        if node_type in ("StrategicAction", "Project"):
            tags = [graph.nodes[t]["name"] for t in entry_themes(graph, node)]
            tags.append(attrs.get("scope", ""))
        elif node_type == "Partner":
            tags = [attrs.get("kind", "")]
        elements.append({
            "ID": node, "Label": attrs.get("name", node), "Type": type_label(node_type, lang),
            "Description": " ".join(p for p in (text, f"({cite})" if cite else "") if p),
            "Tags": "|".join(t for t in tags if t),
        })
    connections = []
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        notes = [attrs[k] for k in ("certainty", "basis") if attrs.get(k)]
        if attrs.get("reason"):
            notes.append(attrs["reason"])
        cite = _citation(attrs)
        connections.append({"From": u, "To": v, "Type": RELATIONS[lang].get(key, key),
                            "Description": "; ".join(notes + ([cite] if cite else []))})
    connections.sort(key=lambda c: (c["From"], c["To"], c["Type"]))
    return elements, connections


def to_kumu(graph, lang="nl") -> bytes:
    """Kumu's spreadsheet import as xlsx bytes (openpyxl): sheets ``Elements`` and
    ``Connections`` with the rows of :func:`kumu_sheets`."""
    from openpyxl import Workbook

    elements, connections = kumu_sheets(graph, lang)
    book = Workbook()
    for sheet, rows, columns in (
            (book.active, elements, ["ID", "Label", "Type", "Description", "Tags"]),
            (book.create_sheet(), connections, ["From", "To", "Type", "Description"])):
        sheet.title = "Elements" if rows is elements else "Connections"
        sheet.append(columns)
        for row in rows:
            sheet.append([row[c] for c in columns])
    # openpyxl stamps the workbook ("modified", at save) and each zip entry with the current
    # time: fix both, so the same data gives the same file
    fixed = datetime(2020, 4, 23)  # the plan's date
    book.properties.created = fixed
    buffer = io.BytesIO()
    book.save(buffer)
    stamped = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, \
            zipfile.ZipFile(stamped, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2020-04-23T00:00:00Z",
                              data)
            target.writestr(zipfile.ZipInfo(item.filename, date_time=fixed.timetuple()[:6]),
                            data, zipfile.ZIP_DEFLATED)
    return stamped.getvalue()


# --------------------------------------------------------------------------------------------
# Cypher

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b",
            "\f": "\\f"}


def cypher_string(text: str) -> str:
    """``text`` as a single-quoted Cypher string literal: backslash, quote and control
    characters escaped (``\\n``, ``\\t``, ..., others as ``\\uXXXX``)."""
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 or char in "\u2028\u2029":
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "'" + "".join(out) + "'"


def cypher_name(name: str) -> str:
    """A label, relationship type or property key, backquoted when it is not a plain
    identifier (backquotes doubled)."""
    return name if _IDENTIFIER.match(name) else "`" + name.replace("`", "``") + "`"


def cypher_value(value) -> str:
    """A Cypher literal for a string, bool, int, finite float or list of those."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"Cypher has no literal for {value!r}")
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_value(v) for v in value) + "]"
    return cypher_string(str(value))


def _cypher_map(attrs) -> str:
    return "{" + ", ".join(f"{cypher_name(camel(k))}: {cypher_value(v)}"
                           for k, v in attrs.items()) + "}"


def to_cypher(graph) -> str:
    """A parameter-free Cypher script that recreates the graph in Neo4j.

    One uniqueness constraint on ``id`` per label, then one ``MERGE`` per node on its label
    (the node ``type``, PascalCase) and ``id``, setting all its properties
    (``SET n = {...}``), then one ``MERGE`` per edge (relationship type = edge type,
    UPPER_SNAKE) between nodes matched by label and id, setting its properties. Property names
    are camelCase (:func:`rimograph.backends.neo4j.camel`, as ``rimograph neo4j push`` names
    them); ``type`` is carried by the label or relationship
    type and not repeated as a property; ``None`` values are left out. Every string is an
    escaped literal (:func:`cypher_string`). Running the script twice leaves the same graph.
    """
    clean = {n: {k: v for k, v in a.items() if v is not None}
             for n, a in graph.nodes(data=True)}
    labels = sorted({a["type"] for a in clean.values()})
    lines = [f"// {graph.graph.get('name', 'rimograph graph')}: {graph.number_of_nodes()} "
             f"nodes, {graph.number_of_edges()} relationships. Written by rimograph export.",
             "// Run with: cypher-shell -f FILE (idempotent: MERGE on id)."]
    for label in labels:
        lines.append(f"CREATE CONSTRAINT `rimograph_{label}_id` IF NOT EXISTS FOR "
                     f"(n:{cypher_name(label)}) REQUIRE n.id IS UNIQUE;")
    for node, attrs in sorted(clean.items()):
        props = {"id": str(node), **{k: v for k, v in attrs.items() if k != "type"}}
        lines.append(f"MERGE (n:{cypher_name(attrs['type'])} {{id: {cypher_string(str(node))}}}) "
                     f"SET n = {_cypher_map(props)};")
    for u, v, key, attrs in sorted(graph.edges(keys=True, data=True),
                                   key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
        props = {k: x for k, x in attrs.items() if k != "type" and x is not None}
        lines.append(f"MATCH (a:{cypher_name(clean[u]['type'])} {{id: {cypher_string(str(u))}}}) "
                     f"MATCH (b:{cypher_name(clean[v]['type'])} {{id: {cypher_string(str(v))}}}) "
                     f"MERGE (a)-[r:{cypher_name(str(key))}]->(b) SET r = {_cypher_map(props)};")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# writing


def default_out(fmt: str) -> Path:
    """The default ``--out`` of a format: ``exports/rimo-limburg`` plus its extension (a stem
    for csv)."""
    return Path("exports") / f"rimo-limburg{EXTENSIONS[fmt]}"


def export(graph, fmt: str, out, lang: str = "nl") -> list[Path]:
    """Write ``graph`` as ``fmt`` (one of :data:`FORMATS`) to ``out`` and return the files
    written (two for csv, see :func:`csv_paths`; one otherwise). Folders are created. Every
    file is rendered in full before it is written atomically; the two csv files are both
    replaced or neither (:func:`rimograph.core.files.write_atomic_many`).

    Raises
    ------
    ValueError
        For an unknown format.
    """
    if fmt == "csv":
        nodes_path, edges_path = csv_paths(out)
        nodes_text, edges_text = to_csv(graph)
        write_atomic_many({nodes_path: nodes_text, edges_path: edges_text})  # both or neither
        return [nodes_path, edges_path]
    render = {"graphml": to_graphml, "gexf": to_gexf, "json": to_json, "cypher": to_cypher,
              "kumu": lambda g: to_kumu(g, lang)}.get(fmt)
    if render is None:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    payload = render(graph)
    write_atomic(Path(out), payload)
    return [Path(out)]
