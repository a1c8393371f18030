"""Writing the plan graph in the formats people and their tools open.

==========  ===============================================================  ==========================
format      what is written                                                  opened by (tested in CI)
==========  ===============================================================  ==========================
graphml     GraphML 1.0: unique edge ids, ``relation``, ``label``, Gephi's   Gephi, graphology-graphml,
            ``x``/``y``/``size``/``r``/``g``/``b``; one file                 networkx, xmllint (XSD)
gexf        GEXF 1.3: ``viz`` colour, size and position, typed attributes,   Gephi, graphology-gexf,
            the relation as edge ``kind``; one file                          xmllint (RELAX NG)
json        networkx node-link JSON with the key ``links`` (d3's)            networkx, d3
graphology  graphology's serialisation                                       graphology, Gephi Lite,
                                                                             sigma.js
csv         Gephi's spreadsheet import: a nodes table (``Id``, ``Label``)    Gephi
            and an edges table (``Source``, ``Target``, ``Type``); comma
csv-excel   the nodes and edges for a person in Excel or LibreOffice in a    LibreOffice (Excel)
            Belgian locale: headers, types, relations and yes/no in
            ``lang``; ``;``, UTF-8 with BOM, decimal comma
kumu        Kumu's import workbook (xlsx): Elements and Connections, both    LibreOffice, openpyxl
            with an ``ID`` column so a re-import updates
cypher      a cypher-shell script: constraints, ``:param`` batches with      cypher-shell, Neo4j
            ``UNWIND ... MERGE``; ``replace`` removes what is gone
==========  ===============================================================  ==========================

Every export starts from :func:`prepare`: the graph, without the internal facts
(:data:`rimograph.core.model.INTERNAL`) when ``public``, with the graph attributes ``name``,
``edition`` (``public`` or ``internal``) and ``description`` (in ``lang``, saying which version
it is). Files are rendered in memory and written atomically, a pair of CSV files all or none
(:func:`rimograph.core.files.write_atomic_many`), so an export is never half-written.

Facts the formats cannot hold as they are: GraphML and GEXF refuse lists, dicts and ``None``
(:func:`sanitise` joins lists with ``"; "``, writes dicts as JSON, drops ``None``). The edge
type is written as ``relation`` (and as GEXF's edge ``kind``), because ``type`` means directed
or undirected to Gephi; in the graphology flavour the node type is ``nodeType``, because
sigma.js takes a node's ``type`` for its renderer. Positions are the map's
(:func:`rimograph.outputs.maps.labelled_layout`, y up as in Gephi), colours the map's per type,
sizes are the map's marker radii. :func:`read_graphml`, :func:`read_json` and
:func:`read_csv` read the files back into ``sanitise(prepare(graph))``.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx

from ..core.files import write_atomic, write_atomic_many
from ..core.model import public_graph
from ..core.safe import for_spreadsheet, is_formula_like
from .labels import EXPORT_LABELS, LABELS, RELATIONS, TYPE_STYLE, VALUES, type_label

FORMATS = ("graphml", "gexf", "json", "graphology", "csv", "csv-excel", "kumu", "cypher")
EXTENSIONS = {"graphml": ".graphml", "gexf": ".gexf", "json": ".json",
              "graphology": "-graphology.json", "csv": "", "csv-excel": "-excel",
              "kumu": ".xlsx", "cypher": ".cypher"}
LIST_SEPARATOR = "; "
#: Node attributes the GraphML file adds for Gephi and yEd (removed again by the reader).
STYLE_KEYS = ("label", "x", "y", "size", "r", "g", "b")
GEXF_NAMESPACE = "http://gexf.net/1.3"
GEXF_VIZ_NAMESPACE = "http://gexf.net/1.3/viz"
#: Node attribute renamed in the CSV tables: Gephi takes a table with a ``source`` column for
#: an edges table.
CSV_RENAMED = {"source": "provenance"}
#: Edge attribute renamed in the CSV tables: Gephi reads column names regardless of case, so a
#: ``kind`` (of RELATED_TO) would be taken for its own ``Kind`` column.
CSV_EDGE_RENAMED = {"kind": "relation_kind"}


# --------------------------------------------------------------------------------------------
# the graph to export


def prepare(graph, lang: str = "nl", public: bool = False) -> nx.MultiDiGraph:
    """The graph every export writes: a copy of ``graph`` (without the internal node attributes
    when ``public``, see :func:`rimograph.core.model.public_graph`) whose graph attributes say
    what it is: ``name`` (kept), ``edition`` (``"public"``/``"internal"``) and ``description``
    (a sentence in ``lang`` ending with the version note)."""
    prepared = public_graph(graph) if public else graph.copy()
    prepared.graph["edition"] = "public" if public else "internal"
    prepared.graph["description"] = description(lang, public)
    return prepared


def description(lang: str = "nl", public: bool = False) -> str:
    """What an export is, in ``lang``, ending with the version note (public or internal)."""
    words = EXPORT_LABELS[lang]
    return words["description"] + " " + (LABELS[lang]["public"] if public
                                         else words["internal"])


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


def edge_id(source: str, key: str, target: str) -> str:
    """The id of an edge in every export: ``"action:woonzaak-PARTNERS_WITH-partner:feantsa"``
    (unique, as edges are keyed by type; stable, so Kumu and Neo4j re-imports update)."""
    return f"{source}-{key}-{target}"


def node_style(graph, lang: str = "nl") -> dict[str, dict]:
    """``{node: {"label", "x", "y", "size", "color"}}`` as the map of the whole graph shows
    it: the node's name, the map's position (:func:`rimograph.outputs.maps.labelled_layout`,
    pixels, y pointing up as in Gephi), its marker radius in pixels as size (growing with
    degree, :func:`rimograph.outputs.maps.marker_radius`), the colour of its type
    (``"#2e8b57"``)."""
    from .maps import labelled_layout

    positions, _, radii, _, _ = labelled_layout(graph, lang=lang)
    style = {}
    for node, attrs in graph.nodes(data=True):
        x, y = positions[node]
        style[node] = {"label": str(attrs.get("name", node)), "x": x, "y": -y,
                       "size": round(radii[node], 2),
                       "color": TYPE_STYLE[attrs["type"]]["color"]}
    return style


def _rgb(color: str) -> tuple[int, int, int]:
    return tuple(int(color[i:i + 2], 16) for i in (1, 3, 5))


def _relation_label(key, lang):
    return RELATIONS[lang].get(key, key)


# --------------------------------------------------------------------------------------------
# GraphML


def to_graphml(graph, lang: str = "nl", public: bool = False) -> bytes:
    """GraphML 1.0 (UTF-8) of :func:`prepare`'s graph, valid against the GraphML schema.

    Nodes: ``label`` (the name, which Gephi and yEd show), every attribute with its type
    (``page`` a long, ``generic`` a boolean, ...), and Gephi's style keys ``x``, ``y``,
    ``size`` and ``r``, ``g``, ``b`` (:func:`node_style`). Edges: id :func:`edge_id`,
    ``relation`` (the edge type), ``label`` (the relation in ``lang``) and the other attributes.
    """
    clean = sanitise(prepare(graph, lang, public))
    styles = node_style(clean, lang)
    styled = nx.MultiDiGraph(**clean.graph)
    for node, attrs in clean.nodes(data=True):
        style = styles[node]
        red, green, blue = _rgb(style["color"])
        styled.add_node(node, label=style["label"], **attrs, x=style["x"], y=style["y"],
                        size=style["size"], r=red, g=green, b=blue)
    for u, v, key, attrs in clean.edges(keys=True, data=True):
        attrs = dict(attrs)
        attrs.pop("type", None)
        styled.add_edge(u, v, key=edge_id(u, key, v), relation=key,
                        label=_relation_label(key, lang), **attrs)
    buffer = io.BytesIO()
    nx.write_graphml(styled, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


def read_graphml(path) -> nx.MultiDiGraph:
    """Read a file written by :func:`to_graphml` back: the sanitised prepared graph (style keys
    and labels removed, edges keyed by their relation again)."""
    read = nx.read_graphml(path, force_multigraph=True)
    graph = nx.MultiDiGraph(**{k: v for k, v in read.graph.items()
                               if k not in ("node_default", "edge_default")})
    for node, attrs in read.nodes(data=True):
        graph.add_node(node, **{k: v for k, v in attrs.items() if k not in STYLE_KEYS})
    for u, v, attrs in read.edges(data=True):
        attrs = {k: x for k, x in attrs.items() if k != "label"}
        relation = attrs.pop("relation")
        graph.add_edge(u, v, key=relation, type=relation, **attrs)
    return graph


# --------------------------------------------------------------------------------------------
# GEXF 1.3


def _gexf_type(values) -> str:
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return "boolean"
    if kinds == {int}:
        return "long"
    if kinds <= {int, float}:
        return "double"
    return "string"


def _gexf_value(value, kind) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "double":
        return repr(float(value))
    return str(value)


def _gexf_attributes(parent, klass, records):
    """Declare the attributes of ``records`` (dicts) under ``parent``; returns name -> type."""
    names = sorted({k for attrs in records for k in attrs})
    kinds = {name: _gexf_type([a[name] for a in records if name in a]) for name in names}
    block = ElementTree.SubElement(parent, "attributes", {"class": klass, "mode": "static"})
    for name in names:
        ElementTree.SubElement(block, "attribute", {"id": name, "title": name,
                                                    "type": kinds[name]})
    return kinds


def _gexf_values(element, attrs, kinds):
    if attrs:
        values = ElementTree.SubElement(element, "attvalues")
        for name in sorted(attrs):
            ElementTree.SubElement(values, "attvalue", {
                "for": name, "value": _gexf_value(attrs[name], kinds[name])})


def to_gexf(graph, lang: str = "nl", public: bool = False) -> bytes:
    """GEXF 1.3 (UTF-8) of :func:`prepare`'s graph, static and directed, valid against the
    GEXF 1.3 schema, with no date in it (the same data gives the same file).

    Why 1.3 and a small writer: Gephi 0.10 reads 1.3 and calls 1.2 deprecated, and networkx
    writes only 1.2draft (with a ``lastmodifieddate`` and a ``graph@name`` that 1.2 does not
    allow). ``meta``: creator and description (the version note). Nodes: ``label`` (name),
    ``viz:color``, ``viz:position``, ``viz:size`` (:func:`node_style`), every attribute as a
    typed ``attvalue`` (long, double, boolean or string). Edges: id :func:`edge_id`, ``kind`` =
    the relation (GEXF 1.3's edge kind: Gephi shows it as the edge type, and it keeps
    parallel edges of different relations apart), ``label`` = the relation in ``lang``, and the
    attributes, ``relation`` among them.
    """
    from .. import __version__

    clean = sanitise(prepare(graph, lang, public))
    styles = node_style(clean, lang)
    root = ElementTree.Element("gexf", {"xmlns": GEXF_NAMESPACE, "xmlns:viz": GEXF_VIZ_NAMESPACE,
                                        "version": "1.3"})
    meta = ElementTree.SubElement(root, "meta")
    ElementTree.SubElement(meta, "creator").text = f"rimograph {__version__}"
    name = clean.graph.get("name")
    ElementTree.SubElement(meta, "description").text = (
        f"{name}. " if name else "") + clean.graph["description"]
    body = ElementTree.SubElement(root, "graph", {"mode": "static",
                                                  "defaultedgetype": "directed"})
    nodes = [(n, a) for n, a in clean.nodes(data=True)]
    edges = [(u, v, k, {**{x: y for x, y in a.items() if x != "type"}, "relation": k})
             for u, v, k, a in clean.edges(keys=True, data=True)]
    node_kinds = _gexf_attributes(body, "node", [a for _, a in nodes])
    edge_kinds = _gexf_attributes(body, "edge", [a for *_, a in edges])
    node_block = ElementTree.SubElement(body, "nodes", {"count": str(len(nodes))})
    for node, attrs in nodes:
        style = styles[node]
        element = ElementTree.SubElement(node_block, "node", {"id": node,
                                                              "label": style["label"]})
        _gexf_values(element, attrs, node_kinds)
        red, green, blue = _rgb(style["color"])
        ElementTree.SubElement(element, "viz:color",
                               {"r": str(red), "g": str(green), "b": str(blue)})
        ElementTree.SubElement(element, "viz:position",
                               {"x": repr(float(style["x"])), "y": repr(float(style["y"])),
                                "z": "0.0"})
        ElementTree.SubElement(element, "viz:size", {"value": repr(float(style["size"]))})
    edge_block = ElementTree.SubElement(body, "edges", {"count": str(len(edges))})
    for u, v, key, attrs in edges:
        element = ElementTree.SubElement(edge_block, "edge", {
            "id": edge_id(u, key, v), "source": u, "target": v, "kind": key,
            "label": _relation_label(key, lang)})
        _gexf_values(element, attrs, edge_kinds)
    ElementTree.indent(root, space=" ")
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


# --------------------------------------------------------------------------------------------
# JSON: networkx node-link (d3) and graphology


def to_json(graph, lang: str = "nl", public: bool = False) -> str:
    """networkx node-link JSON of :func:`prepare`'s graph: ``{"directed": true, "multigraph":
    true, "graph": {name, edition, description}, "nodes": [{"id", "type", "name", ...}],
    "links": [{"source", "target", "key", "type", ...}]}``.

    The edges' key is ``links``, d3-force's convention; networkx's default key changed from
    ``links`` to ``edges`` in 3.6, so read it with ``networkx.node_link_graph(data,
    edges="links")``, which works on every networkx rimograph allows (3.4 and later).
    """
    data = nx.node_link_data(prepare(graph, lang, public), edges="links")
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read_json(path) -> nx.MultiDiGraph:
    """Read a file written by :func:`to_json` back (``networkx.node_link_graph``)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="links")


def to_graphology(graph, lang: str = "nl", public: bool = False) -> str:
    """graphology's serialisation of :func:`prepare`'s graph, which ``Graph.from``/``import``,
    Gephi Lite and sigma.js open as it is::

        {"attributes": {name, edition, description},
         "options": {"type": "directed", "multi": true, "allowSelfLoops": true},
         "nodes": [{"key", "attributes": {label, x, y, size, color, nodeType, name, ...}}],
         "edges": [{"key", "source", "target", "attributes": {relation, label, ...}}]}

    ``x``, ``y``, ``size``, ``color`` and ``label`` are what sigma.js draws
    (:func:`node_style`); the node type is ``nodeType`` because sigma.js reads ``type`` as the
    name of a renderer. Edge keys are :func:`edge_id`; the edge label is the relation in
    ``lang``.
    """
    prepared = prepare(graph, lang, public)
    styles = node_style(prepared, lang)
    nodes = []
    for node, attrs in prepared.nodes(data=True):
        attrs = dict(attrs)
        node_type = attrs.pop("type", None)
        nodes.append({"key": str(node),
                      "attributes": {**styles[node], "nodeType": node_type, **attrs}})
    edges = [{"key": edge_id(str(u), str(k), str(v)), "source": str(u), "target": str(v),
              "attributes": {"relation": k, "label": _relation_label(k, lang),
                             **{x: y for x, y in a.items() if x != "type"}}}
             for u, v, k, a in prepared.edges(keys=True, data=True)]
    data = {"attributes": dict(prepared.graph),
            "options": {"type": "directed", "multi": True, "allowSelfLoops": True},
            "nodes": nodes, "edges": edges}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# --------------------------------------------------------------------------------------------
# CSV for Gephi and for spreadsheets


def csv_paths(out) -> tuple[Path, Path]:
    """Where a CSV export goes: ``(nodes file, edges file)``.

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


def csv_tables(graph, lang: str = "nl", public: bool = False):
    """The two tables of the CSV exports, as Gephi's spreadsheet import reads them:
    ``((node columns, node rows), (edge columns, edge rows))``, rows as dicts.

    Nodes, sorted by id: ``Id``, ``Label`` (the name), ``type``, then every other attribute
    alphabetically (renamed as :data:`CSV_RENAMED` says, for Gephi). Edges, sorted by source, target, relation: ``Id``
    (:func:`edge_id`), ``Source``, ``Target``, ``Type`` (``Directed``: Gephi's column for the
    direction), ``Kind`` (the edge type as Gephi's edge kind, which keeps two relations
    between the same nodes apart), ``Label`` (the relation in ``lang``), ``relation`` (the
    edge type), then the other attributes (renamed as :data:`CSV_EDGE_RENAMED` says). Empty
    texts are left out (an empty cell means absent).
    """
    clean = sanitise(prepare(graph, lang, public), drop_empty=True)
    nodes = []
    for node, attrs in sorted(clean.nodes(data=True)):
        attrs = {CSV_RENAMED.get(k, k): v for k, v in attrs.items()}
        nodes.append({"Id": node, "Label": attrs.pop("name", node), **attrs})
    edges = []
    for u, v, key, attrs in sorted(clean.edges(keys=True, data=True), key=lambda e: e[:3]):
        attrs = {CSV_EDGE_RENAMED.get(k, k): x for k, x in attrs.items() if k != "type"}
        edges.append({"Id": edge_id(u, key, v), "Source": u, "Target": v, "Type": "Directed",
                      "Kind": key, "Label": _relation_label(key, lang), "relation": key,
                      **attrs})
    return ((_columns(nodes, ("Id", "Label", "type")), nodes),
            (_columns(edges, ("Id", "Source", "Target", "Type", "Kind", "Label", "relation")),
             edges))


def _columns(records, first):
    seen = {k for attrs in records for k in attrs}
    return list(first) + sorted(seen - set(first))


def people_tables(graph, lang: str = "nl", public: bool = False):
    """The two tables of the csv-excel export, for a person in a spreadsheet, in ``lang``:
    ``((node headers, node rows), (edge headers, edge rows))``, rows as dicts keyed by header.

    Headers are the words of the question tables (:func:`rimograph.outputs.columns.header`,
    :func:`~rimograph.outputs.columns.attribute_label`: "naam", "pagina", "eerste regel",
    "VTE"); coded values are words (:func:`~rimograph.outputs.columns.display_value`: node type
    "Strategische actie", relation "werkt samen met", partner kind "organisatie", booleans
    "ja"/"nee"); a reference to another node is its name with its id, as ``rimograph show``
    writes it (:func:`~rimograph.outputs.columns.shown_attribute`: "Genk (71016)"); numbers
    stay numbers. Nodes, sorted by id: id, name, type, then every other
    attribute by header. Edges, sorted as in :func:`csv_tables`: id (:func:`edge_id`), from (id
    and name), relation, to (id and name), then the other attributes by header; the curators'
    reasons, which are English, only in ``en`` (as in Kumu's workbook). Empty texts are left
    out. Gephi reads :func:`csv_tables` instead, whose column names it knows.

    A spreadsheet reads every cell that looks like a number as one, as from any CSV: the
    REFNIS codes of Belgium and the Flemish Region (``01000``, ``02000``) lose their leading
    zero there (LibreOffice shows 1000); the plain csv and the other formats keep them.
    """
    from .columns import attribute_label, display_value, shown_attribute

    clean = sanitise(prepare(graph, lang, public), drop_empty=True)

    def table(records, first):
        keys = list(first) + sorted({k for r in records for k in r} - set(first),
                                    key=lambda k: attribute_label(k, lang).casefold())
        heads = {k: attribute_label(k, lang) for k in keys}

        def cell(record, key):  # a reference to another node by its name, as `show` does; a
            # source in words, its technical provenance in the plain csv export
            if isinstance(record[key], str) and key not in first:
                return shown_attribute(record, key, clean, lang, "rimograph export --format csv")
            return display_value(key, record[key], lang)

        rows = [{heads[k]: cell(r, k) for k in r} for r in records]
        return [heads[k] for k in keys], rows

    nodes = [{"id": node, "name": attrs.get("name", node), **attrs}
             for node, attrs in sorted(clean.nodes(data=True))]
    names = {node: attrs.get("name", node) for node, attrs in clean.nodes(data=True)}
    edges = []
    for u, v, key, attrs in sorted(clean.edges(keys=True, data=True), key=lambda e: e[:3]):
        attrs = {k: x for k, x in attrs.items()
                 if k != "type" and (k != "reason" or lang == "en")}
        edges.append({"id": edge_id(u, key, v), "from": u, "from_name": names[u],
                      "relation": key, "to": v, "to_name": names[v], **attrs})
    return (table(nodes, ("id", "name", "type")),
            table(edges, ("id", "from", "from_name", "relation", "to", "to_name")))


def csv_text(columns, rows, excel: bool = False) -> str:
    """One CSV table (``rows`` are dicts; a missing key is an empty cell).

    Plain (``excel`` false): comma, ``\\n``, booleans ``true``/``false``, numbers as Python
    writes them, values exactly as they are. Excel flavour, for Excel and LibreOffice in a
    Belgian (Dutch or French) locale: ``;``, ``\\r\\n``, a UTF-8 byte order mark (without it
    Excel reads the accents as cp1252), decimal comma (``2,5``), and text a spreadsheet would
    take for a formula written as text (:func:`rimograph.core.safe.for_spreadsheet`).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if excel else ",",
                        lineterminator="\r\n" if excel else "\n")
    writer.writerow([for_spreadsheet(c) for c in columns] if excel else columns)
    for row in rows:
        writer.writerow([_cell(row.get(c, ""), excel) for c in columns])
    return ("\ufeff" if excel else "") + buffer.getvalue()


def _cell(value, excel):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and excel:
        return repr(value).replace(".", ",")
    return for_spreadsheet(value) if excel else value


def to_csv(graph, lang: str = "nl", public: bool = False, excel: bool = False):
    """The CSV export as two texts, ``(nodes, edges)``: :func:`csv_tables` written by
    :func:`csv_text`, or for ``excel`` :func:`people_tables` in the spreadsheet flavour."""
    tables = people_tables if excel else csv_tables
    return tuple(csv_text(columns, rows, excel) for columns, rows in tables(graph, lang, public))


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
    """Read the plain CSV pair of :func:`to_csv` back into ``sanitise(prepare(graph),
    drop_empty=True)`` without its graph attributes (CSV holds none). Column types follow the
    plan's schema (``page`` an int, ``generic`` a bool, ...); other columns stay text."""
    kinds = _column_kinds()
    renamed = {new: old for old, new in CSV_RENAMED.items()}
    edge_renamed = {new: old for old, new in CSV_EDGE_RENAMED.items()}
    graph = nx.MultiDiGraph()
    with Path(nodes_path).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            node, name = row.pop("Id"), row.pop("Label")
            attrs = {renamed.get(k, k): v for k, v in row.items() if v != ""}
            graph.add_node(node, name=name, **{k: _typed(k, v, kinds) for k, v in attrs.items()})
    with Path(edges_path).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            u, v, relation = row.pop("Source"), row.pop("Target"), row.pop("relation")
            attrs = {edge_renamed.get(k, k): _typed(k, x, kinds) for k, x in row.items()
                     if x != "" and k not in ("Id", "Type", "Kind", "Label")}
            graph.add_edge(u, v, key=relation, type=relation, **attrs)
    return graph


# --------------------------------------------------------------------------------------------
# Kumu


def _citation(attrs, lang):
    if "page" not in attrs:
        return ""
    start = attrs.get("line_start", "")
    return EXPORT_LABELS[lang]["cite"].format(page=attrs["page"], start=start,
                                              end=attrs.get("line_end", start))


def kumu_sheets(graph, lang: str = "nl", public: bool = False) -> tuple[list[dict], list[dict]]:
    """The rows of Kumu's two import sheets, ``(elements, connections)``, in ``lang``.

    Elements: ``ID`` (the node id: Kumu updates the element with that ID on a re-import instead
    of adding one), ``Label`` (name), ``Type`` (the node type in ``lang``), ``Description``
    (summary, or the note unless ``public``, then the citation "meerjarenplan p. 58, r.
    2745-2780"), ``Tags`` (``|``-separated, in ``lang``: for actions and projects their themes
    and scope, for partners their kind). Connections: ``ID`` (:func:`edge_id`), ``From``,
    ``To`` (element IDs), ``Type`` (the relation in ``lang``), ``Description`` (how it is
    known, the plan's own words for a partner, the citation; the curators' reasons, which are
    English, only in ``en``), ``Tags`` (certainty and basis in ``lang``). Sorted by ID.
    """
    from ..core.model import entry_themes

    words, values = EXPORT_LABELS[lang], VALUES[lang]
    prepared = prepare(graph, lang, public)
    elements = []
    for node, attrs in sorted(prepared.nodes(data=True)):
        node_type = attrs["type"]
        cite = _citation(attrs, lang)
        tags = []
        if node_type in ("StrategicAction", "Project"):
            tags = [prepared.nodes[t]["name"] for t in entry_themes(prepared, node)]
            tags.append(attrs.get("scope", ""))
        elif node_type == "Partner":
            tags = [attrs.get("kind", "")]
        text = attrs.get("summary") or attrs.get("note") or ""
        elements.append({
            "ID": node, "Label": attrs.get("name", node), "Type": type_label(node_type, lang),
            "Description": " ".join(p for p in (text, f"({cite})" if cite else "") if p),
            "Tags": "|".join(values.get(t, t) for t in tags if t)})
    connections = []
    for u, v, key, attrs in prepared.edges(keys=True, data=True):
        tags = [LABELS[lang][attrs["certainty"]]] if attrs.get("certainty") else []
        if attrs.get("basis"):
            tags.append(words["basis"].get(attrs["basis"], attrs["basis"]))
        notes = list(tags)
        if attrs.get("mention"):
            notes.append(words["mention"].format(text=attrs["mention"]))
        if attrs.get("reason") and lang == "en":
            notes.append(attrs["reason"])
        notes.append(_citation(attrs, lang))
        connections.append({"ID": edge_id(u, key, v), "From": u, "To": v,
                            "Type": _relation_label(key, lang),
                            "Description": "; ".join(n for n in notes if n),
                            "Tags": "|".join(tags)})
    connections.sort(key=lambda c: c["ID"])
    return elements, connections


KUMU_COLUMNS = {"Elements": ["ID", "Label", "Type", "Description", "Tags"],
                "Connections": ["ID", "From", "To", "Type", "Description", "Tags"]}


def to_kumu(graph, lang: str = "nl", public: bool = False) -> bytes:
    """Kumu's spreadsheet import as xlsx bytes (openpyxl): sheets ``Elements`` and
    ``Connections`` with the rows of :func:`kumu_sheets`, columns :data:`KUMU_COLUMNS`.

    A text starting with ``=``, ``+``, ``-`` or ``@`` is stored as text, never as a formula.
    The workbook's title and description say which version it is (File > Properties). The same
    data gives the same bytes (the timestamps are fixed to the plan's date).
    """
    from openpyxl import Workbook

    elements, connections = kumu_sheets(graph, lang, public)
    book = Workbook()
    book.remove(book.active)
    for title, rows in (("Elements", elements), ("Connections", connections)):
        sheet = book.create_sheet(title)
        columns = KUMU_COLUMNS[title]
        sheet.append(columns)
        for row_number, row in enumerate(rows, start=2):
            for column_number, column in enumerate(columns, start=1):
                cell = sheet.cell(row_number, column_number, row[column])
                if is_formula_like(row[column]):
                    cell.data_type = "s"
    book.properties.title = graph.graph.get("name", "rimograph")
    book.properties.description = description(lang, public)
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
#: Rows per ``:param`` batch of the Cypher script.
CYPHER_BATCH = 500


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
    """A label, relationship type or map key, backquoted when it is not a plain identifier
    (backquotes doubled)."""
    return name if _IDENTIFIER.match(name) else "`" + name.replace("`", "``") + "`"


def cypher_value(value) -> str:
    """A Cypher literal for a string, bool, int, finite float, or a list or dict of those
    (dict keys as map keys, :func:`cypher_name`)."""
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
    if isinstance(value, dict):
        return "{" + ", ".join(f"{cypher_name(str(k))}: {cypher_value(v)}"
                               for k, v in value.items()) + "}"
    return cypher_string(str(value))


def to_cypher(graph, lang: str = "nl", public: bool = False, replace: bool = False) -> str:
    """A cypher-shell script (``cypher-shell -f FILE``) that leaves Neo4j as ``rimograph neo4j
    push`` (``--replace``) does, with the backend's own queries (:mod:`rimograph.backends.neo4j`:
    labels = node types, relationship types = edge types, camelCase properties, ``id`` and
    ``graphVersion`` on every node, the ``RimographStatus`` node pointing to the current
    version), so ``neo4j pull``, ``--backend neo4j`` and ``neo4j status`` read it.

    In order: the constraints; the status node marked running (created with version 1 when
    missing); nodes of unfinished versions deleted; then, per label and per relationship type
    and ends, ``:param {rows: [...]}`` batches of at most :data:`CYPHER_BATCH` rows, each
    followed by its ``UNWIND $rows AS row MERGE ...``, written into the current version (plain)
    or into a new one (``replace``: properties replaced, not merged; then one statement moves
    the pointer, so readers see the old graph or the new one; the old version is left for the
    reads that started before the switch, as ``push --replace`` keeps it for
    :data:`rimograph.backends.neo4j.GRACE_SECONDS`, because cypher-shell cannot pause: the next
    push or script deletes it before it writes); last the status marked complete. Values travel as parameters (literals in the
    ``:param`` lines, strings escaped by :func:`cypher_string`), never inside a query; the
    version is read from the status node in each statement. Running the plain script twice
    leaves the same graph.

    Raises :class:`rimograph.core.errors.RimographError` for a node type or attribute Neo4j
    cannot take, and ``ValueError`` for a NaN or infinite number.
    """
    from .. import __version__
    from ..backends import neo4j as backend

    prepared = prepare(graph, lang, public)
    backend.check_names(prepared)
    status = f"MATCH (s:`{backend.STATUS}` {{key: 'push'}}) "
    target = "next" if replace else "current"
    now = "toString(datetime.truncate('second', datetime()))"
    lines = [f"// {prepared.graph.get('name', 'rimograph graph')}: "
             f"{prepared.number_of_nodes()} nodes, {prepared.number_of_edges()} relationships. "
             f"{prepared.graph['description']}",
             "// Run with: cypher-shell -a bolt://HOST:7687 -u USER -d DATABASE -f FILE"
             + (" (replaces rimograph's graph: readers see the old or the new one)."
                if replace else " (adds to rimograph's graph; running it twice changes nothing).")]
    for label in backend.LABELS:
        lines += [query + ";" for query in backend.constraint_queries(label)]
    lines.append(
        f"MERGE (s:`{backend.STATUS}` {{key: 'push'}}) "
        + ("SET s.next = coalesce(s.current, 0) + 1" if replace
           else "ON CREATE SET s.current = 1 SET s.next = null")
        + f", s.state = 'running', s.replace = {cypher_value(replace)}, s.started = {now}, "
        f"s.finished = null, s.nodes = {prepared.number_of_nodes()}, "
        f"s.relationships = {prepared.number_of_edges()}, "
        f"s.rimographVersion = {cypher_string(__version__)};")

    def delete_others():
        return [status + "WITH s.current AS keep " + query + ";"
                for query in backend.delete_versions_queries("keep")]

    lines += delete_others()
    bind = status + f"WITH s.{target} AS version "
    for label, rows in backend.node_batches(prepared, CYPHER_BATCH):
        lines += [":param " + cypher_value({"rows": rows}),
                  bind + backend.merge_nodes_query(label, replace, "version") + ";"]
    for group, rows in backend.rel_batches(prepared, CYPHER_BATCH):
        lines += [":param " + cypher_value({"rows": rows}),
                  bind + backend.merge_rels_query(*group, replace, "version") + ";"]
    if replace:  # the switch; the old version stays for running reads (see above)
        lines.append(status + "SET s.current = s.next SET s.next = null;")
    lines.append(status + f"SET s.state = 'complete', s.finished = {now};")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# writing


def default_out(fmt: str, public: bool = False) -> Path:
    """The default ``--out`` of a format: ``exports/rimo-limburg`` (``-publiek`` for the
    public version) plus the format's extension (a stem for the CSV pairs)."""
    return Path("exports") / f"rimo-limburg{'-publiek' if public else ''}{EXTENSIONS[fmt]}"


def export(graph, fmt: str, out, lang: str = "nl", public: bool = False,
           replace: bool = False) -> list[Path]:
    """Write ``graph`` as ``fmt`` (one of :data:`FORMATS`) to ``out``, in ``lang``, without
    the internal facts when ``public``; ``replace`` for the Cypher script (see
    :func:`to_cypher`). Returns the files written: two for csv and csv-excel (see
    :func:`csv_paths`), one otherwise. Folders are created; every file is rendered in full
    first and then written atomically (both CSV files or neither).

    Raises
    ------
    ValueError
        For an unknown format, or ``replace`` with another format than cypher.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if replace and fmt != "cypher":
        raise ValueError("--replace is for the cypher format only")
    if fmt in ("csv", "csv-excel"):
        paths = csv_paths(out)
        texts = to_csv(graph, lang, public, excel=fmt == "csv-excel")
        write_atomic_many(dict(zip(paths, texts)))
        return list(paths)
    if fmt == "cypher":
        payload = to_cypher(graph, lang, public, replace)
    else:
        render = {"graphml": to_graphml, "gexf": to_gexf, "json": to_json,
                  "graphology": to_graphology, "kumu": to_kumu}[fmt]
        payload = render(graph, lang, public)
    write_atomic(Path(out), payload)
    return [Path(out)]
