"""The Neo4j backend: push the plan graph to a Neo4j server, pull it back, run named queries.

The embedded graph (:mod:`rimograph.core.model`) maps onto Neo4j one to one:

- a node becomes a node with one label, its ``type`` (PascalCase: ``Partner``), and its
  attributes as properties in camelCase (``line_start`` -> ``lineStart``, ``name_2025`` ->
  ``name2025``), ``id`` included; a uniqueness constraint on ``id`` per label;
- an edge becomes a relationship whose type is the edge key (UPPER_SNAKE: ``PARTNERS_WITH``),
  its attributes as camelCase properties (``page``, ``lineStart``, ``lineEnd``: the citation);
- ``None`` values are left out, lists are stored as lists; the ``type`` attribute is the label
  or relationship type, not a property;
- every node also has ``graphVersion``, the version of the graph it belongs to: a
  ``:RimographStatus`` node points to the current one (``current``) and records the last
  push; ``push --replace`` loads a new version and moves the pointer (see :func:`push`).

:func:`pull` reverses the mapping, so ``pull(push(graph))`` equals ``graph`` (same nodes, same
attributes in snake_case, same edges keyed by type).

Named queries live in ``queries/*.cypher``; each file starts with ``//`` header lines::

    // name: partners-spanning-themes
    // description: what the question answers (may continue on the next // lines)
    // parameters: min_themes: int = 2, include_generic: bool = false
    // order: themes desc, entries desc, name, partner
    // sorted-lists: entry_names

Every query gets ``$version``, the current version (:func:`run_query` reads the pointer in the
same read transaction), and filters the nodes it starts from on ``graphVersion = $version``;
relationships never join two versions, so what it reaches from there is of that version too.

``order`` and ``sorted-lists`` repeat, for Python, the ``ORDER BY`` of the query and the
columns holding lists sorted by a string. Python orders strings by code point; Neo4j 5.26 does
so for strings read from the store, but orders strings that come from parameters or are
computed in the query (``+``, ``toLower``) by UTF-16 code unit (measured): the two disagree when
a character above U+FFFF (an emoji) meets one in U+E000-U+FFFF. So :func:`run_query` re-sorts
the rows (stable) and those lists in Python after fetching them -- in this one place,
:func:`python_order` -- and both backends give exactly the same rows whatever the query does.

The ``neo4j`` driver is imported only inside the functions that talk to a server (it costs
about 0.4 s at start-up); listing and parsing queries does not import it.
"""

from __future__ import annotations

import functools
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..core.errors import BackendUnavailable, RimographError
from ..core.files import deferred_interrupt
from ..core.i18n import _
from ..core.model import NODE_TYPES
from ..core.numbers import format_number

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
QUERIES_ENV_VAR = "RIMOGRAPH_QUERIES"

#: Labels rimograph owns: ``--replace`` and :func:`pull` touch nodes with these labels only.
LABELS = tuple(sorted(set(NODE_TYPES.values())))
#: Rows per transaction of a plain push (``MERGE``) and of the Cypher export.
BATCH_SIZE = 2000
#: Rows per transaction when a new version is written with ``CREATE`` (measured in
#: benchmarks/README.md: 5k, 10k, 50k).
CREATE_BATCH_SIZE = 10000
#: Rows the streamed batches hold at most, of all labels or relationship groups together.
HOLD_ROWS = 50000
_LABEL = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_REL_TYPE = re.compile(r"^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")
# Attribute order of the embedded model: table columns, then ``type``, then the derived ones.
_NODE_EXTRA = ("type", "generic", "fte")
_EDGE_ORDER = ("type", "mention", "certainty", "basis", "reason", "page", "line_start", "line_end")


# --- connection ------------------------------------------------------------------------------

class Connection:
    """An open driver plus the database to use; a context manager that closes the driver and
    turns driver errors raised inside the ``with`` block into :class:`BackendUnavailable`."""

    def __init__(self, driver, uri: str, user: str | None, database: str):
        self.driver, self.uri, self.user, self.database = driver, uri, user, database

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        self.close()
        if exc is not None:
            problem = _translate(exc, self.uri, self.user, self.database)
            if problem is not None:
                raise problem from None
        return False

    def close(self):
        self.driver.close()


def settings(uri=None, user=None, password=None, database=None) -> dict:
    """Connection settings: the arguments given, else ``NEO4J_URI``, ``NEO4J_USER``,
    ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``, else ``bolt://localhost:7687``, ``neo4j``, no
    password (no authentication), ``neo4j``."""
    env = os.environ.get
    return {"uri": uri or env("NEO4J_URI") or DEFAULT_URI,
            "user": user or env("NEO4J_USER") or DEFAULT_USER,
            "password": password if password is not None else env("NEO4J_PASSWORD"),
            "database": database or env("NEO4J_DATABASE") or DEFAULT_DATABASE}


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
#: Seconds the driver keeps retrying a transaction after a transient error or a lost server
#: (its default is 30); then the command stops with one line.
RETRY_SECONDS = 10.0


def connect(uri=None, user=None, password=None, database=None, timeout: float = 10.0):
    """Open a driver and check the server answers, accepts the login and has the database.

    Arguments default as in :func:`settings`. Returns a :class:`Connection` (use it in a
    ``with`` block). Raises :class:`BackendUnavailable` with one line saying what is wrong:
    driver not installed, invalid URI or port, server unreachable, TLS refused, login
    refused, database missing. Transactions are retried for at most :data:`RETRY_SECONDS`;
    the driver's own log lines are kept off the terminal.
    """
    import logging
    from urllib.parse import urlsplit

    conf = settings(uri, user, password, database)
    try:
        import neo4j
    except ImportError:
        raise BackendUnavailable(_("the Neo4j driver is not installed: "
                                   "pip install 'rimograph[neo4j]'")) from None
    scheme = conf["uri"].partition("://")[0]
    if scheme not in BOLT_SCHEMES:
        raise BackendUnavailable(_("invalid Neo4j URI {uri}: use the Bolt address, e.g. "
                                   "bolt://localhost:7687 or neo4j://host:7687 (not the "
                                   "Browser's http:// address)").format(uri=repr(conf["uri"])))
    try:
        port = urlsplit(conf["uri"]).port
    except ValueError:
        port = 0
    if port == 0:
        raise BackendUnavailable(_("invalid Neo4j URI {uri}: the port must be a number from 1 "
                                   "to 65535, e.g. bolt://localhost:7687").format(
                                       uri=repr(conf["uri"])))
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    auth = (conf["user"], conf["password"]) if conf["password"] is not None else None
    try:
        driver = neo4j.GraphDatabase.driver(conf["uri"], auth=auth, connection_timeout=timeout,
                                            max_transaction_retry_time=RETRY_SECONDS)
    except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
        raise BackendUnavailable(_("invalid Neo4j URI {uri}: {reason}").format(
            uri=repr(conf["uri"]), reason=str(exc).splitlines()[0])) from None
    conn = Connection(driver, conf["uri"], conf["user"], conf["database"])
    with conn.driver.session(database=conn.database, default_access_mode="READ") as session:
        try:
            # An auto-commit query: unlike execute_read, it is not retried for 30 s when the
            # server is unreachable. It checks the server, the login and the database at once.
            session.run("RETURN 1").consume()
        except Exception as exc:
            problem = _translate(exc, conn.uri, conn.user, conn.database)
            conn.close()
            if problem is not None:
                raise problem from None
            raise
    return conn


def _translate(exc, uri, user, database):
    """The :class:`BackendUnavailable` for a driver exception, or None if it is not one."""
    try:
        from neo4j import exceptions as ne
    except ImportError:  # pragma: no cover - no driver, no driver errors
        return None
    if isinstance(exc, ne.AuthError):
        return BackendUnavailable(_(
            "Neo4j at {uri} refused the login of user {user}: wrong user or password "
            "(set --user/--password or NEO4J_USER/NEO4J_PASSWORD)").format(uri=uri,
                                                                           user=repr(user)))
    if isinstance(exc, ne.Neo4jError) and exc.code == \
            "Neo.ClientError.Security.AuthenticationRateLimit":
        return BackendUnavailable(_(
            "Neo4j at {uri} refused the login of user {user}: too many wrong passwords in a "
            "row, the user is locked for a few seconds (check --password or NEO4J_PASSWORD)")
            .format(uri=uri, user=repr(user)))
    if isinstance(exc, ne.ClientError) and exc.code == "Neo.ClientError.Database.DatabaseNotFound":
        return BackendUnavailable(_(
            "Neo4j at {uri} has no database {database} (set --database or NEO4J_DATABASE; "
            "Neo4j Community has only 'neo4j')").format(uri=uri, database=repr(database)))
    if isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired)):
        if _tls_failed(exc):
            scheme, _sep, rest = uri.partition("://")
            plain = f"{scheme.partition('+')[0]}://{rest}"
            return BackendUnavailable(_(
                "cannot reach Neo4j at {uri}: the TLS handshake failed (the server does not "
                "offer encryption there?); use {plain} for a server without TLS").format(
                    uri=uri, plain=plain))
        reason = re.search(r"reason (.+?)\)?$", str(exc), re.MULTILINE)
        why = f" ({reason.group(1)})" if reason else ""
        return BackendUnavailable(_(
            "cannot reach Neo4j at {uri}{why}: is the server running? (set --uri or NEO4J_URI; "
            "gave up after retrying for {seconds} s)").format(uri=uri, why=why,
                                                             seconds=f"{RETRY_SECONDS:g}"))
    if isinstance(exc, ne.Neo4jError) and "MemoryPoolOutOfMemoryError" in (exc.code or ""):
        return RimographError(_(
            "Neo4j at {uri} ran out of transaction memory: raise db.memory.transaction.max "
            "and dbms.memory.transaction.total.max (or the heap, server.memory.heap.max_size) "
            "in neo4j.conf; rimograph writes in batches of {rows} rows").format(
                uri=uri, rows=CREATE_BATCH_SIZE))
    if isinstance(exc, ne.Neo4jError):
        return RimographError(f"Neo4j: {(exc.message or str(exc)).splitlines()[0]}")
    if isinstance(exc, ne.DriverError):
        return BackendUnavailable(f"Neo4j at {uri}: {str(exc).splitlines()[0]}")
    return None


def _tls_failed(exc):
    """Whether an ``ssl.SSLError`` is among the causes of ``exc`` (its chain, and the members
    of an exception group: a ``neo4j://`` address tries every router)."""
    import ssl

    todo, seen = [exc], set()
    while todo:
        exc = todo.pop()
        if exc is None or id(exc) in seen:
            continue
        seen.add(id(exc))
        if isinstance(exc, ssl.SSLError):
            return True
        todo += [exc.__cause__, exc.__context__, *getattr(exc, "exceptions", ())]
    return False


# --- property names --------------------------------------------------------------------------

def camel(key: str) -> str:
    """``line_start`` -> ``lineStart``; ``name_2025`` -> ``name2025``."""
    head, *rest = key.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def snake(key: str) -> str:
    """``lineStart`` -> ``line_start``; ``name2025`` -> ``name_2025`` (inverse of :func:`camel`
    for the model's names)."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])", "_", key).lower()


@functools.cache
def _property_name(key: str) -> str | None:
    """:func:`camel` of ``key``, or None when :func:`snake` would not give ``key`` back."""
    name = camel(key)
    return name if snake(name) == key else None


def _props(attrs: dict, where: str) -> dict:
    """Attributes -> Neo4j properties: camelCase keys, ``type`` and ``None`` left out."""
    props = {}
    for key, value in attrs.items():
        if key == "type" or value is None:
            continue
        name = _property_name(key)
        if name is None:
            raise RimographError(f"{where}: attribute {key!r} does not survive the camelCase "
                                 f"round trip ({camel(key)!r} -> {snake(camel(key))!r}); "
                                 "rename it")
        if isinstance(value, tuple):
            value = list(value)
        if isinstance(value, list):
            if any(v is None or isinstance(v, (list, dict)) for v in value):
                raise RimographError(f"{where}: attribute {key!r}: a list stored in Neo4j "
                                     "holds plain values only")
        elif not isinstance(value, (str, bool, int, float)):
            raise RimographError(f"{where}: attribute {key!r} has a {type(value).__name__} "
                                 "value; Neo4j stores text, numbers, booleans and lists of them")
        props[name] = value
    return props


def _attrs(props: dict, order) -> dict:
    """Neo4j properties -> attributes in snake_case, in the embedded model's order."""
    attrs = {snake(k): v for k, v in props.items()}
    rank = {k: i for i, k in enumerate(order)}
    return dict(sorted(attrs.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0])))


def _node_order(label: str):
    from ..core.tables import SCHEMA

    files = [f for f, t in NODE_TYPES.items() if t == label]
    columns = [c for c, _ in SCHEMA[files[0]]] if files else []
    return [c for c in columns if c != "id"] + list(_NODE_EXTRA)


# --- push ------------------------------------------------------------------------------------

def check_names(graph):
    """Raise :class:`RimographError` unless every node type is one of :data:`LABELS` and every
    edge key an UPPER_SNAKE relationship type (they are put into queries as names)."""
    for node, data in graph.nodes(data=True):
        if data.get("type") not in LABELS:
            raise RimographError(f"node {node!r}: type {data.get('type')!r} is not one of "
                                 f"{', '.join(LABELS)}")
    for u, v, key in graph.edges(keys=True):
        if not _REL_TYPE.match(str(key)):
            raise RimographError(f"edge {u} -> {v}: key {key!r} is not an UPPER_SNAKE "
                                 "relationship type")


def node_batches(graph, size=BATCH_SIZE, hold=HOLD_ROWS):
    """Yield ``(label, rows)``: the nodes as rows ``{"id", "props"}`` (properties as
    :func:`_props`), in lists of at most ``size`` rows of one label, streamed from the graph
    in its order (see :func:`_batches`: the client holds at most ``max(size, hold)`` rows)."""
    return _batches(((data["type"], {"id": node, "props": {**_props(data, node), "id": node}})
                     for node, data in graph.nodes(data=True)), size, hold)


def rel_batches(graph, size=BATCH_SIZE, hold=HOLD_ROWS):
    """Yield ``((type, source label, target label), rows)``: the edges as rows ``{"source",
    "target", "props"}``, in lists of at most ``size`` rows of one group, streamed as
    :func:`node_batches`."""
    nodes = graph.nodes
    return _batches((((key, nodes[u]["type"], nodes[v]["type"]),
                      {"source": u, "target": v, "props": _props(data, f"{u} -{key}-> {v}")})
                     for u, v, key, data in graph.edges(keys=True, data=True)), size, hold)


def _batches(pairs, size, hold):
    """``(key, row)`` pairs -> ``(key, rows)`` batches of one key and at most ``size`` rows,
    in the pairs' order within a key. Rows wait in one list per key, sent when it has
    ``size`` rows; when ``max(size, hold)`` rows wait in all, the longest list is sent, so
    memory stays bounded whatever the size of the graph (a key with few rows then goes in
    smaller batches), and a small graph gets one batch per key below ``size`` rows."""
    waiting: dict = {}
    held, hold = 0, max(size, hold)
    for key, row in pairs:
        rows = waiting.setdefault(key, [])
        rows.append(row)
        held += 1
        if len(rows) >= size or held >= hold:
            key = key if len(rows) >= size else max(waiting, key=lambda k: len(waiting[k]))
            rows = waiting.pop(key)
            held -= len(rows)
            yield key, rows
    yield from waiting.items()


# Labels and relationship types cannot be query parameters; they are checked against
# _LABEL/_REL_TYPE (and LABELS) before they are put in a query. Values are always parameters.
def merge_nodes_query(label, exact, version="$version"):
    """``UNWIND $rows`` (rows of :func:`node_batches`) ``MERGE`` on label, id and ``version``
    (an expression: the parameter ``$version``, or a variable bound before); properties
    replaced (``exact``) or merged."""
    assert _LABEL.match(label)
    op = "=" if exact else "+="
    return (f"UNWIND $rows AS row MERGE (n:`{label}` {{id: row.id, {VERSION}: {version}}}) "
            f"SET n {op} row.props SET n.{VERSION} = {version}")


def merge_rels_query(rel_type, source, target, exact, version="$version"):
    """``UNWIND $rows`` (rows of :func:`rel_batches`) ``MERGE`` of relationships between the
    nodes of ``version`` (as in :func:`merge_nodes_query`) matched by label and id; returns
    ``merged``, the number of rows whose two ends were found."""
    op = "=" if exact else "+="
    return (_match_ends(rel_type, source, target, version)
            + f"MERGE (a)-[r:`{rel_type}`]->(b) SET r {op} row.props RETURN count(r) AS merged")


def create_nodes_query(label, keys):
    """``UNWIND $rows`` (rows of :func:`columns`: id, then the values of ``keys``) ``CREATE``
    of nodes in ``$version``, a new version (the uniqueness constraint still refuses a second
    node with the same id; a null value sets no property)."""
    assert _LABEL.match(label)
    return (f"UNWIND $rows AS row CREATE (n:`{label}` "
            f"{_row_map(('id', *keys), 0)[:-1]}, {VERSION}: $version}})")


def create_rels_query(rel_type, source, target, keys):
    """``UNWIND $rows`` (rows of :func:`columns`: source id, target id, then the values of
    ``keys``) ``CREATE`` of relationships between the nodes of ``$version``, a new version,
    found through the (id, version) constraint's index; returns ``merged``, the number of
    rows whose two ends were found."""
    return (_match_ends(rel_type, source, target, "$version", "row[0]", "row[1]")
            + f"CREATE (a)-[r:`{rel_type}` {_row_map(keys, 2)}]->(b) "
            f"RETURN count(r) AS merged")


def columns(rows, ends):
    """Rows of :func:`node_batches` (``ends`` ``("id",)``) or :func:`rel_batches` (``("source",
    "target")``) as ``(keys, lists)``: the property names of the batch, sorted (the id of a
    node not among them), and per row its ``ends`` then its values of ``keys`` (None where it
    has none). Lists travel to the server in about half the bytes and time of dicts."""
    keys = sorted({k for row in rows for k in row["props"]} - set(ends))
    return keys, [[*(row[e] for e in ends), *map(row["props"].get, keys)] for row in rows]


_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def _row_map(keys, first):
    """The Cypher map ``{key: row[first], ...}`` of property names checked by :data:`_KEY`."""
    for key in keys:
        if not _KEY.match(key):
            raise RimographError(f"attribute {key!r}: Neo4j property names of rimograph are "
                                 "letters, digits and _; rename it")
    return "{" + ", ".join(f"`{k}`: row[{i}]" for i, k in enumerate(keys, first)) + "}"


def _match_ends(rel_type, source, target, version, start="row.source", end="row.target"):
    assert _REL_TYPE.match(rel_type) and _LABEL.match(source) and _LABEL.match(target)
    return (f"UNWIND $rows AS row "
            f"MATCH (a:`{source}` {{id: {start}, {VERSION}: {version}}}) "
            f"MATCH (b:`{target}` {{id: {end}, {VERSION}: {version}}}) ")


#: The property that says which version of the graph a node belongs to. Relationships join
#: nodes of one version only, so a query that starts from nodes of one version stays in it.
VERSION = "graphVersion"
#: Label of the one node that holds the pointer to the current version (``current``) and
#: records the last push (:func:`status`).
STATUS = "RimographStatus"
#: Seconds a replaced version is kept after the switch, for the reads that started before it.
GRACE_SECONDS = 2.0
DELETE_BATCH = 10_000

_COUNTERS = ("nodes_created", "nodes_deleted", "relationships_created",
             "relationships_deleted", "properties_set", "constraints_added")


@dataclass
class PushReport:
    """What :func:`push` wrote: the data sent and the server's counters."""

    nodes: dict = field(default_factory=dict)          # label -> count sent
    relationships: dict = field(default_factory=dict)  # type -> count sent
    counters: dict = field(default_factory=lambda: dict.fromkeys(_COUNTERS, 0))
    seconds: float = 0.0
    replace: bool = False

    def add(self, summary_counters):
        for name in _COUNTERS:
            self.counters[name] += getattr(summary_counters, name)

    def line(self) -> str:
        """What the push did, in one line in the current language."""
        c = self.counters
        text = (_("replaced with {nodes} nodes and {relationships} relationships in {seconds} s: "
                  "created {created_nodes} nodes and {created_relationships} relationships, "
                  "deleted {deleted_nodes} nodes and {deleted_relationships} relationships")
                if self.replace else
                _("pushed {nodes} nodes and {relationships} relationships in {seconds} s: "
                  "created {created_nodes} nodes and {created_relationships} relationships, "
                  "deleted {deleted_nodes} nodes and {deleted_relationships} relationships"))
        return text.format(
            nodes=sum(self.nodes.values()), relationships=sum(self.relationships.values()),
            seconds=format_number(self.seconds, 2), created_nodes=c["nodes_created"],
            created_relationships=c["relationships_created"], deleted_nodes=c["nodes_deleted"],
            deleted_relationships=c["relationships_deleted"])


def ensure_constraints(driver, database) -> int:
    """Create the uniqueness constraint on (``id``, :data:`VERSION`) for every label rimograph
    owns, if missing (and drop the ``id``-only one of earlier rimograph versions, which would
    refuse a second version). Returns the number of constraints added."""
    added = 0
    with driver.session(database=database) as session:
        for label in LABELS:
            drop, create = constraint_queries(label)
            session.run(drop).consume()
            added += session.execute_write(
                lambda tx, q=create: tx.run(q).consume().counters.constraints_added)
    return added


def constraint_queries(label: str) -> tuple[str, str]:
    """For one of :data:`LABELS`: drop the ``id``-only constraint of earlier rimograph
    versions, create the uniqueness constraint on (``id``, :data:`VERSION`) if missing."""
    assert _LABEL.match(label)
    return (f"DROP CONSTRAINT `rimograph_{label}_id` IF EXISTS",
            f"CREATE CONSTRAINT `rimograph_{label}_id_version` IF NOT EXISTS "
            f"FOR (n:`{label}`) REQUIRE (n.id, n.{VERSION}) IS UNIQUE")


def current_version(tx):
    """The version readers see (the pointer on the status node), or None before any push."""
    record = tx.run(f"MATCH (s:`{STATUS}` {{key: 'push'}}) RETURN s.current AS v").single()
    return None if record is None else record["v"]


def push(graph, driver, database, replace=False, batch_size=None) -> PushReport:
    """Write ``graph`` to Neo4j: constraints first, then nodes per label, then relationships
    per type, in batches (``UNWIND $rows ...``), one write transaction each, so a graph of any
    size fits the server's transaction memory. The rows are streamed from ``graph`` batch by
    batch (:func:`node_batches`, :func:`rel_batches`): the client holds one batch at a time.

    Nodes carry the version of the graph they belong to (:data:`VERSION`); the status node
    points to the current one, and every query reads that version only.

    A new version -- the first push into a database without rimograph's graph, or
    ``replace`` -- is written with ``CREATE`` in batches of :data:`CREATE_BATCH_SIZE` rows
    (relationship ends found through the (id, version) constraint), which no reader sees;
    then one tiny transaction moves the pointer to it. With ``replace``, after
    :data:`GRACE_SECONDS` for the reads that started before the switch, the old version is
    deleted in batches, and Neo4j ends up holding exactly ``graph`` for the labels rimograph
    owns (:data:`LABELS`). Readers see the old graph (or none) or the new one, never a mix;
    interrupted before the switch, the next push deletes the unfinished version.

    Plain push into the current version: ``MERGE`` in batches of :data:`BATCH_SIZE` rows, so
    pushing the same graph again creates nothing (MERGE on ``id``, and on the triple start
    id, type, end id for relationships); nodes, relationships and properties no longer in
    ``graph`` stay. Interrupted (server gone, Ctrl-C), it leaves part of the graph; pushing
    again completes it. :func:`status` says whether the last push completed.

    Every batch also raises the status node's ``batches`` count in its transaction, and is
    skipped when an earlier attempt of the driver's retry already committed it, so a retried
    ``CREATE`` never writes twice.

    Returns a :class:`PushReport` (for ``replace``: created = the new graph, deleted = the
    old one). Raises :class:`RimographError` for a node type that is not a model type, an
    attribute Neo4j cannot store, or a relationship whose end is missing.
    """
    from collections import Counter

    started = time.perf_counter()
    check_names(graph)
    report = PushReport(replace=replace)
    report.nodes = dict(sorted(Counter(t for _n, t in graph.nodes(data="type")).items()))
    report.relationships = dict(sorted(Counter(k for _u, _v, k in graph.edges(keys=True))
                                       .items()))
    report.counters["constraints_added"] = ensure_constraints(driver, database)
    with driver.session(database=database) as session:
        current = session.execute_read(current_version)
    new = replace or current is None
    version = (current or 0) + 1 if new else current
    size = batch_size or (CREATE_BATCH_SIZE if new else BATCH_SIZE)
    _record(driver, database, state="running", replace=replace, nodes=graph.number_of_nodes(),
            relationships=graph.number_of_edges(), batches=0,
            **({} if new else {"current": version}))
    _delete_versions(driver, database, keep=current, report=report)  # an unfinished one

    def write(tx, number, query, rows, check):
        done = tx.run(_COUNT_BATCH, number=number).single()["done"]
        if done >= number:  # committed by an attempt whose answer was lost: not again
            return None
        result = tx.run(query, rows=rows, version=version)
        if check:
            merged = result.single()["merged"]
            if merged != len(rows):
                missing = _missing_ends(tx, check, rows, version)
                raise RimographError(f"{check[0]}: {len(rows) - merged} relationship(s) have "
                                     f"an end that is not in Neo4j, e.g. {missing}")
        return result.consume().counters

    def batches():
        for label, rows in node_batches(graph, size):
            if new:
                keys, rows = columns(rows, ("id",))
                yield create_nodes_query(label, keys), rows, None
            else:
                yield merge_nodes_query(label, False), rows, None
        for group, rows in rel_batches(graph, size):
            if new:
                keys, rows = columns(rows, ("source", "target"))
                yield create_rels_query(*group, keys), rows, group
            else:
                yield merge_rels_query(*group, False), rows, group

    try:  # Ctrl-C stops between two batches, never inside one (which would break the session)
        with deferred_interrupt() as interrupted, driver.session(database=database) as session:
            for number, (query, rows, check) in enumerate(batches(), 1):
                if interrupted:
                    break
                counters = session.execute_write(write, number, query, rows, check)
                if counters is not None:
                    report.add(counters)
    except KeyboardInterrupt:
        raise RimographError(
            _("interrupted (Ctrl-C): readers still see the old graph; the next push deletes "
              "the unfinished new version") if replace else
            _("interrupted (Ctrl-C): Neo4j holds no graph of rimograph yet; the next push "
              "deletes the unfinished one and loads it anew") if new else
            _("interrupted (Ctrl-C): Neo4j holds part of the graph; run the same push again "
              "to complete it")) from None
    if new:
        _record(driver, database, current=version)  # the switch: one property of one node
        if current is not None:
            time.sleep(GRACE_SECONDS)
            _delete_versions(driver, database, keep=version, report=report)
    _record(driver, database, state="complete")
    report.seconds = time.perf_counter() - started
    return report


_COUNT_BATCH = (f"MATCH (s:`{STATUS}` {{key: 'push'}}) WITH s, coalesce(s.batches, 0) AS done "
                "SET s.batches = CASE WHEN done < $number THEN $number ELSE done END "
                "RETURN done")


def _delete_versions(driver, database, keep, report):
    """Delete the nodes of rimograph's labels that are not of version ``keep`` (all of them
    when None) with their relationships (:func:`delete_versions_queries`, auto-commit
    queries); counters go into ``report``."""
    with driver.session(database=database) as session:
        for query in delete_versions_queries():
            report.add(session.run(query, keep=keep).consume().counters)


def delete_versions_queries(keep="$keep") -> list[str]:
    """The queries that delete the nodes of rimograph's labels that are not of version ``keep``
    (an expression, as the version of :func:`merge_nodes_query`; all of them when it is null):
    first the relationships that start at them, label by label, then the nodes, which then have
    none left; each in transactions of :data:`DELETE_BATCH` rows (``CALL {...} IN
    TRANSACTIONS``, auto-commit queries). Relationships first keeps every transaction small
    whatever a node's degree: a theme or municipality of a sector-sized graph has 10^5 of them,
    which a DETACH DELETE of a batch of nodes holds in one transaction (out of memory on a
    server with a 512 MB heap)."""
    old = f"WHERE {keep} IS NULL OR n.{VERSION} IS NULL OR n.{VERSION} <> {keep}"
    for label in LABELS:
        assert _LABEL.match(label)
    return ([f"MATCH (n:`{label}`)-[r]->() {old} CALL (r) {{ DELETE r }} "
             f"IN TRANSACTIONS OF {DELETE_BATCH} ROWS" for label in LABELS]
            + [f"MATCH (n:`{label}`) {old} CALL (n) {{ DETACH DELETE n }} "
               f"IN TRANSACTIONS OF {DELETE_BATCH} ROWS" for label in LABELS])


def _record(driver, database, **fields):
    """Set properties of the status node (created when missing): ``current`` (the version
    readers see), ``state`` running or complete with the time it was set, and what was sent."""
    import datetime

    from .. import __version__

    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    props = {camel(k): v for k, v in fields.items()}
    if fields.get("state") == "running":
        props.update(started=now, finished=None, rimographVersion=__version__)
    elif fields.get("state") == "complete":
        props["finished"] = now
    driver.execute_query(f"MERGE (s:`{STATUS}` {{key: 'push'}}) SET s += $props",
                         props=props, database_=database)


def status(driver, database) -> dict:
    """The state of the database for rimograph: ``last_push`` (``state`` running or complete,
    ``replace``, ``started``, ``finished`` as UTC ISO times, ``nodes`` and ``relationships``
    sent, ``rimograph_version``, ``current`` version; None when nothing was pushed),
    ``nodes`` and ``relationships`` of the current version, and ``leftover`` nodes of other
    versions (an unfinished or a replaced one) that the next push deletes."""
    records, _summary, _keys = driver.execute_query(
        f"""
        OPTIONAL MATCH (s:`{STATUS}` {{key: 'push'}})
        WITH properties(s) AS push, s.current AS v
        CALL (v) {{ MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels)
                   RETURN sum(CASE WHEN n.{VERSION} = v THEN 1 ELSE 0 END) AS nodes,
                          sum(CASE WHEN n.{VERSION} = v THEN 0 ELSE 1 END) AS leftover }}
        CALL (v) {{ MATCH (a)-[r]->() WHERE a.{VERSION} = v
                     AND any(l IN labels(a) WHERE l IN $labels) RETURN count(r) AS rels }}
        RETURN push, nodes, rels, leftover""",
        labels=list(LABELS), database_=database, routing_="r")
    record = records[0]
    push_props = dict(record["push"] or {})
    push_props.pop("key", None)
    return {"last_push": {snake(k): v for k, v in sorted(push_props.items())} or None,
            "nodes": record["nodes"], "relationships": record["rels"],
            "leftover": record["leftover"]}


def _missing_ends(tx, group, rows, version):
    """The ids of ``rows`` (dicts of :func:`rel_batches` or lists of :func:`columns`) that
    are not in Neo4j, for the error message."""
    _rel, source, target = group
    ends = [(r[0], r[1]) if isinstance(r, list) else (r["source"], r["target"]) for r in rows]
    ids = sorted({i for pair in ends for i in pair})
    found = {rec["id"] for rec in tx.run(
        f"MATCH (n) WHERE (n:`{source}` OR n:`{target}`) AND n.id IN $ids "
        f"AND n.{VERSION} = $version RETURN n.id AS id", ids=ids, version=version)}
    return ", ".join(i for i in ids if i not in found)[:200]


# --- pull ------------------------------------------------------------------------------------

_PULL_NODES = f"""
MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) AND n.{VERSION} = $version
RETURN [l IN labels(n) WHERE l IN $labels][0] AS label, properties(n) AS props
"""
_PULL_RELS = f"""
MATCH (a)-[r]->(b)
WHERE any(l IN labels(a) WHERE l IN $labels) AND any(l IN labels(b) WHERE l IN $labels)
  AND a.{VERSION} = $version
RETURN a.id AS source, type(r) AS type, b.id AS target, properties(r) AS props
"""


def read_version(tx):
    """:func:`current_version`, or :class:`RimographError` when nothing was pushed."""
    version = current_version(tx)
    if version is None:
        raise RimographError(_("Neo4j holds no graph of rimograph yet: run `rimograph neo4j "
                               "push` first"))
    return version


def pull(driver, database):
    """Read the graph back from Neo4j (one read transaction) into the embedded model: a
    ``networkx.MultiDiGraph`` with the nodes of rimograph's labels (attributes in snake_case,
    ``type`` = label) and the relationships between them (edges keyed by type, ``type`` set),
    added in sorted order like :func:`rimograph.core.model.build_graph`."""
    import networkx as nx

    def read(tx):
        version = read_version(tx)
        nodes = [(r["label"], r["props"])
                 for r in tx.run(_PULL_NODES, labels=list(LABELS), version=version)]
        rels = [(r["source"], r["type"], r["target"], r["props"])
                for r in tx.run(_PULL_RELS, labels=list(LABELS), version=version)]
        return nodes, rels

    with driver.session(database=database) as session:
        nodes, rels = session.execute_read(read)
    graph = nx.MultiDiGraph(name=f"neo4j:{database}")
    orders = {label: _node_order(label) for label in LABELS}
    found = []
    for label, props in nodes:
        props = dict(props)
        props.pop(VERSION)
        node = props.pop("id", None)
        if node is None:
            raise RimographError(_("Neo4j holds a {label} node without an id: not "
                                   "rimograph's data (`rimograph neo4j push --replace` "
                                   "removes it)").format(label=label))
        found.append((node, _attrs({**props, "type": label}, orders[label])))
    graph.add_nodes_from(sorted(found, key=lambda n: n[0]))
    for source, rel_type, target, props in sorted(rels, key=lambda r: r[:3]):
        graph.add_edge(source, target, key=rel_type,
                       **_attrs({**props, "type": rel_type}, _EDGE_ORDER))
    return graph


# --- named queries ---------------------------------------------------------------------------

def _id_list(text: str) -> list:
    """``list`` parameters: ids separated by commas (``municipality:71004,municipality:71069``)."""
    return [item.strip() for item in text.split(",") if item.strip()]


_TYPES = {"int": int, "float": float, "str": str, "bool": bool, "list": _id_list}
_TRUE, _FALSE = ("true", "yes", "1", "on"), ("false", "no", "0", "off")


@dataclass
class Parameter:
    name: str
    type: str
    default: object = None
    required: bool = True

    def parse(self, text: str):
        """Convert a ``--param`` value to this parameter's type."""
        if self.type == "bool":
            if text.lower() in _TRUE:
                return True
            if text.lower() in _FALSE:
                return False
            raise RimographError(_("--param {name}: expected true or false, got {text}")
                                 .format(name=self.name, text=repr(text)))
        try:
            return _TYPES[self.type](text)
        except ValueError:
            raise RimographError(_("--param {name}: expected {type}, got {text}").format(
                name=self.name, type=self.type, text=repr(text))) from None

    def __str__(self):
        return f"{self.name}: {self.type}" + ("" if self.required else
                                               f" = {_show(self.default)}")


def _show(value):
    if value is None:
        return "none"
    return str(value).lower() if isinstance(value, bool) else str(value)


@dataclass
class NamedQuery:
    """A ``queries/*.cypher`` file: header fields and the Cypher text."""

    name: str
    description: str
    parameters: list
    order: list        # [(column, transform or None, descending)]
    sorted_lists: list
    text: str
    path: Path

    def bind(self, given: dict) -> dict:
        """All parameters: ``given`` (already typed) over the defaults. Raises
        :class:`RimographError` for an unknown or a missing parameter."""
        known = {p.name: p for p in self.parameters}
        unknown = sorted(set(given) - set(known))
        if unknown:
            raise RimographError(_("query {name}: unknown parameter(s) {unknown}; it takes: "
                                   "{known}").format(name=self.name, unknown=", ".join(unknown),
                                                     known=self.signature() or _("none")))
        values = {}
        for p in self.parameters:
            if p.name in given:
                values[p.name] = given[p.name]
            elif p.required:
                raise RimographError(_("query {name}: give --param {param}=VALUE ({type})")
                                     .format(name=self.name, param=p.name, type=p.type))
            else:
                values[p.name] = p.default
        return values

    def signature(self) -> str:
        return ", ".join(str(p) for p in self.parameters)


def default_queries_dir() -> Path:
    """``$RIMOGRAPH_QUERIES``, else ``./queries`` when it holds ``.cypher`` files, else the
    named queries that ship with rimograph (:func:`rimograph.core.load.bundled`)."""
    if os.environ.get(QUERIES_ENV_VAR):
        return Path(os.environ[QUERIES_ENV_VAR])
    here = Path("queries")
    if here.is_dir() and any(here.glob("*.cypher")):
        return here
    from ..core.load import bundled

    return bundled("queries")


def _parse_parameters(text: str, path) -> list:
    params = []
    for item in filter(None, (s.strip() for s in text.split(","))):
        match = re.match(r"^(\w+)\s*:\s*(\w+)\s*(?:=\s*(.+))?$", item)
        if not match or match.group(2) not in _TYPES:
            raise RimographError(f"{path}: parameter {item!r}: write 'name: type [= default]' "
                                 f"with type one of {', '.join(_TYPES)}")
        param = Parameter(match.group(1), match.group(2))
        if match.group(3) is not None:
            default = match.group(3).strip()
            # `= none`: no value (null in Cypher), the filter is not applied
            param.default = None if default == "none" else param.parse(default)
            param.required = False
        params.append(param)
    return params


def _parse_order(text: str, path) -> list:
    keys = []
    for item in filter(None, (s.strip() for s in text.split(","))):
        match = re.match(r"^(\w+)(\s*>\s*0)?(?:\s+(asc|desc))?$", item, re.IGNORECASE)
        if not match:
            raise RimographError(f"{path}: order key {item!r}: write 'column [> 0] [asc|desc]'")
        keys.append((match.group(1), bool(match.group(2)),
                     (match.group(3) or "asc").lower() == "desc"))
    return keys


def parse_query(path: Path) -> NamedQuery:
    """Read one ``.cypher`` file and its header (see the module docstring)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    last = None
    for line in text.splitlines():
        if not line.startswith("//"):
            break
        body = line[2:].strip()
        match = re.match(r"^(name|description|parameters|order|sorted-lists):\s*(.*)$", body)
        if match:
            last = match.group(1)
            header[last] = match.group(2)
        elif last == "description" and body and line.startswith("//  "):
            header[last] += " " + body  # an indented line continues the description
        else:
            last = None
    if "name" not in header:
        raise RimographError(f"{path}: the header has no '// name:' line")
    return NamedQuery(
        name=header["name"].strip(), description=header.get("description", "").strip(),
        parameters=_parse_parameters(header.get("parameters", ""), path),
        order=_parse_order(header.get("order", ""), path),
        sorted_lists=[c.strip() for c in header.get("sorted-lists", "").split(",") if c.strip()],
        text=text, path=path)


def load_queries(directory: Path | None = None) -> dict:
    """All named queries of ``directory`` (default :func:`default_queries_dir`), by name."""
    directory = Path(directory) if directory else default_queries_dir()
    if not directory.is_dir():
        raise RimographError(f"{directory}: no such folder of .cypher queries "
                             f"(set {QUERIES_ENV_VAR})")
    queries = {}
    for path in sorted(directory.glob("*.cypher")):
        query = parse_query(path)
        if query.name in queries:
            raise RimographError(f"{path}: query name {query.name!r} is also used by "
                                 f"{queries[query.name].path}")
        queries[query.name] = query
    return queries


def get_query(name: str, directory: Path | None = None) -> NamedQuery:
    queries = load_queries(directory)
    if name not in queries:
        raise RimographError(_("no query named {name}; `rimograph query --list` lists them: "
                               "{names}").format(name=repr(name), names=", ".join(sorted(queries))))
    return queries[name]


def _plain(value):
    """A driver value as plain Python: nodes and relationships as dicts, temporals as ISO."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if hasattr(value, "items") and hasattr(value, "element_id"):  # Node or Relationship
        return {k: _plain(v) for k, v in value.items()}
    return str(value)


def python_order(rows: list, query: NamedQuery) -> list:
    """Sort the ``sorted-lists`` columns and the rows by the ``order`` keys in Python, with
    Python's string collation (code points), so rows equal the embedded answers exactly.
    The one place where the Cypher order is corrected (see the module docstring)."""
    for row in rows:
        for column in query.sorted_lists:
            if isinstance(row.get(column), list):
                row[column] = sorted(row[column])
    for column, positive, descending in reversed(query.order):
        rows.sort(key=(lambda r, c=column: r[c] > 0) if positive else (lambda r, c=column: r[c]),
                  reverse=descending)
    return rows


def run_query(driver, database, query: NamedQuery, params: dict | None = None) -> list:
    """Run a named query in a read transaction, on the current version of the graph (the
    query's ``$version``); returns rows (dicts in the query's column order), re-sorted by
    :func:`python_order`."""
    values = query.bind(params or {})

    def read(tx):
        result = tx.run(query.text, {**values, "version": read_version(tx)})
        keys = result.keys()
        return [dict(zip(keys, (_plain(v) for v in record.values()))) for record in result]

    with driver.session(database=database) as session:
        rows = session.execute_read(read)
    return python_order(rows, query)


def answer(conn_settings: dict, name: str, **params) -> list:
    """Rows of the named query ``name`` on the server given by ``conn_settings`` (the keyword
    arguments of :func:`connect`): what the question commands use with ``--backend neo4j``."""
    query = get_query(name)
    with connect(**conn_settings) as conn:
        return run_query(conn.driver, conn.database, query, params)


def theme_names(conn_settings: dict) -> list:
    """The names of the Theme nodes on the server, sorted (what ``--theme`` may name)."""
    with connect(**conn_settings) as conn:
        records, _summary, _keys = conn.driver.execute_query(
            f"MATCH (s:`{STATUS}` {{key: 'push'}}) MATCH (t:Theme) WHERE t.{VERSION} = s.current "
            "RETURN t.name AS name", database_=conn.database, routing_="r")
    return sorted(r["name"] for r in records if r["name"] is not None)


def show_nodes(conn_settings: dict, name: str):
    """``([(attributes, neighbour rows), ...], note)`` for the nodes named or identified by
    ``name``, read from Neo4j: matched like :func:`rimograph.core.model.find_nodes` (on the
    names, types, 2025 names and the plan's spellings held in Neo4j, so the same names work on
    both backends; a merged municipality gives its parts and the note says so), attributes in
    the embedded model's order, rows from the ``node-neighbourhood`` query."""
    import networkx as nx

    from ..core.model import find_nodes

    query = get_query("node-neighbourhood")
    with connect(**conn_settings) as conn:
        def names(tx):
            version = read_version(tx)
            nodes = [(r["id"], r["name"], r["label"], r["name_2025"]) for r in tx.run(
                f"MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) "
                f"AND n.{VERSION} = $version RETURN n.id AS id, n.name AS name, "
                f"[l IN labels(n) WHERE l IN $labels][0] AS label, "
                f"n.{camel('name_2025')} AS name_2025", labels=list(LABELS), version=version)]
            mentions = [(r["entry"], r["partner"], r["mention"]) for r in tx.run(
                f"MATCH (e)-[r:PARTNERS_WITH]->(p) WHERE e.{VERSION} = $version AND "
                f"p.{VERSION} = $version AND r.mention IS NOT NULL "
                "RETURN e.id AS entry, p.id AS partner, r.mention AS mention",
                version=version)]
            return nodes, mentions

        def node_props(tx, node):
            record = tx.run(f"MATCH (n) WHERE n.id = $id AND n.{VERSION} = $version AND "
                            "any(l IN labels(n) WHERE l IN $labels) RETURN [l IN labels(n) "
                            "WHERE l IN $labels][0] AS label, properties(n) AS props",
                            id=node, labels=list(LABELS), version=read_version(tx)).single()
            props = dict(record["props"])
            props.pop(VERSION)
            return record["label"], props

        with conn.driver.session(database=conn.database) as session:
            nodes, mentions = session.execute_read(names)
            index = nx.MultiDiGraph()
            index.add_nodes_from((n, {k: v for k, v in (("name", n if text is None else text),
                                                         ("type", label),
                                                         ("name_2025", name_2025)) if v})
                                 for n, text, label, name_2025 in sorted(nodes))
            index.add_edges_from(sorted((u, v, "PARTNERS_WITH", {"mention": m})
                                        for u, v, m in mentions))
            found, note = find_nodes(index, name)
            props = {node: session.execute_read(node_props, node) for node in found}
        shown = []
        for node, (label, attrs) in props.items():
            attrs.pop("id")
            shown.append(({"id": node, **_attrs({**attrs, "type": label}, _node_order(label))},
                          run_query(conn.driver, conn.database, query, {"id": node})))
    return shown, note
