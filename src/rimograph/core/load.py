"""Finding ``graph/`` and loading it, validated, into the embedded networkx graph.

Validating the tables and building the graph is done once per content of ``graph/``: the
built graph is kept in a cache file named by the SHA-256 of

- the bytes of every table file of :data:`rimograph.core.tables.SCHEMA` (absent ones marked),
- the rimograph, networkx and Python versions and the source of ``tables.py``, ``model.py``
  and ``load.py`` (the code that decides what a valid table is and what graph it gives).

The file holds networkx's own node and adjacency dicts, written with :mod:`marshal` (the
interpreter's format for plain data: dicts, lists, strings, numbers; shared objects stay
shared), after a 16-byte header (magic, CRC-32 of the rest). Unlike pickle, reading it cannot
run code; unlike JSON, it is not parsed into new dicts and then copied into the graph: a
1M-edge graph loads in about 1.4 s instead of 7 s. The marshal format belongs to one Python
version, hence the version in the name.

Any change to a table or to that code gives another name, so a stale graph is never read; a
broken tables folder is never cached (its errors are reported on every run). The cache lives
in the user's cache folder (``platformdirs.user_cache_dir("rimograph")``, e.g.
``~/.cache/rimograph``), or ``$RIMOGRAPH_CACHE_DIR``; ``RIMOGRAPH_NO_CACHE=1`` turns it off.
Files are written atomically (temporary file + rename); a file that cannot be read, fails its
CRC or does not hold a graph of the recorded size is ignored and rewritten; the 4 most recently
used graphs are kept (a 1M-edge graph is about 120 MB).
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import RimographError
from .i18n import _
from .memory import paused_gc
from .model import build_graph
from .tables import load_tables

ENV_VAR = "RIMOGRAPH_GRAPH"
CACHE_DIR_VAR = "RIMOGRAPH_CACHE_DIR"
NO_CACHE_VAR = "RIMOGRAPH_NO_CACHE"
CACHE_FORMAT = 2
CACHE_MAGIC = b"rimograph-g2"  # 12 bytes, then the CRC-32 (4 bytes, big-endian)
CACHE_KEEP = 4


def bundled(name: str) -> Path:
    """The copy of the top-level folder ``name`` (``graph`` or ``queries``) that ships with
    rimograph: ``rimograph/data/<name>`` inside an installed wheel (pyproject's
    ``force-include``), else the folder of the checkout an editable install runs from. The
    checkout's folders are the one source; the wheel carries a copy made at build time."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "data" / name
    return installed if installed.is_dir() else package.parents[1] / name


def default_graph_dir() -> Path:
    """The tables to use when none are given: ``$RIMOGRAPH_GRAPH``, else ``./graph`` when it
    holds ``actions.csv``, else the plan's tables that ship with rimograph (:func:`bundled`)."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    here = Path("graph")
    if (here / "actions.csv").exists():
        return here
    return bundled("graph")


def graph_folder(graph_dir=None) -> Path:
    """``graph_dir``, or :func:`default_graph_dir` when None, checked to be a folder.

    Raises :class:`~rimograph.core.errors.RimographError` when it is not."""
    graph_dir = Path(graph_dir) if graph_dir else default_graph_dir()
    if not graph_dir.is_dir():
        raise RimographError(_("{folder}: no such folder (give --graph DIR or set {variable})")
                             .format(folder=graph_dir, variable=ENV_VAR))
    return graph_dir


def load_graph(graph_dir: Path | None = None):
    """Validate the tables of ``graph_dir`` and build the graph (see :mod:`rimograph.core.model`).

    Raises :class:`~rimograph.core.errors.DataError` with every problem when a table is broken,
    and :class:`~rimograph.core.errors.RimographError` when the folder does not exist.

    Unchanged tables are not validated again: the graph comes from the cache described in this
    module's docstring (the same graph, attribute for attribute and in the same order).
    """
    graph_dir = graph_folder(graph_dir)
    cached = cache_path(graph_dir)
    graph = _read_cache(cached) if cached else None
    if graph is None:
        graph = load_tables_and_graph(graph_dir)[1]
        if cached:
            _write_cache(cached, graph)
    return graph


def load_tables_and_graph(graph_dir: Path | None = None):
    """Like :func:`load_graph`, but return ``(tables, graph)``: the validated tables too (see
    :func:`rimograph.core.tables.load_tables`), for the tables that are no part of the graph, such as
    the staffing table ``fte.csv`` and the budget.
    """
    graph_dir = graph_folder(graph_dir)
    tables = load_tables(graph_dir)
    return tables, build_graph(tables)


def cache_dir() -> Path | None:
    """The graph cache folder, or None when ``$RIMOGRAPH_NO_CACHE`` is set (not empty or 0)."""
    if os.environ.get(NO_CACHE_VAR, "") not in ("", "0"):
        return None
    if os.environ.get(CACHE_DIR_VAR):
        return Path(os.environ[CACHE_DIR_VAR])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("rimograph", appauthor=False))


def cache_path(graph_dir: Path) -> Path | None:
    """The cache file for the tables of ``graph_dir`` as they are now (see the module
    docstring), or None when the cache is off or the key cannot be computed."""
    import hashlib
    import sys

    import networkx as nx

    from .. import __version__
    from .tables import SCHEMA

    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(f"rimograph {__version__} networkx {nx.__version__} "
                            f"python {sys.version} cache {CACHE_FORMAT}\0".encode())
    try:
        here = Path(__file__).parent
        for module in ("tables.py", "model.py", "load.py"):
            digest.update((here / module).read_bytes())
        for name in SCHEMA:
            try:
                data = (Path(graph_dir) / name).read_bytes()
            except FileNotFoundError:
                digest.update(f"\0{name}\0absent\0".encode())
                continue
            digest.update(f"\0{name}\0{len(data)}\0".encode())
            digest.update(data)
    except OSError:
        return None
    return folder / f"graph-{digest.hexdigest()}.marshal"


def _read_cache(path: Path):
    """The graph stored at ``path``, or None when there is none or it is unreadable."""
    import marshal
    import zlib

    import networkx as nx

    try:
        data = path.read_bytes()
        if data[:12] != CACHE_MAGIC or int.from_bytes(data[12:16], "big") != zlib.crc32(
                memoryview(data)[16:]):
            return None
        with paused_gc():
            payload = marshal.loads(memoryview(data)[16:])
            del data
            key, size, attrs, nodes, succ, pred = payload
            if key != path.stem or not all(isinstance(d, dict) for d in (attrs, nodes, succ, pred)):
                return None
            graph = nx.MultiDiGraph()
            # networkx's own storage (what add_node/add_edge fill): node -> attributes;
            # node -> neighbour -> key -> edge attributes, that last dict shared by succ and pred
            graph.graph, graph._node, graph._succ, graph._adj, graph._pred = (
                attrs, nodes, succ, succ, pred)
        edges = sum(len(keys) for out in succ.values() for keys in out.values())
        if (len(nodes), edges) != tuple(size):  # as number_of_edges counts, 5 times faster
            return None
    except FileNotFoundError:
        return None
    except Exception:  # noqa: BLE001 -- a corrupt or foreign file: ignore it, rebuild
        return None
    try:
        os.utime(path)  # most recently used: kept when old ones are pruned
    except OSError:
        pass
    return graph


def _write_cache(path: Path, graph) -> None:
    """Store ``graph`` at ``path`` (atomically); the cache is an optimisation, so a folder that
    cannot be written is silently skipped. Prunes all but the most recently used graphs."""
    import marshal
    import zlib

    from .files import write_atomic

    payload = marshal.dumps((path.stem, [graph.number_of_nodes(), graph.number_of_edges()],
                             graph.graph, graph._node, graph._succ, graph._pred))
    try:
        write_atomic(path, CACHE_MAGIC + zlib.crc32(payload).to_bytes(4, "big") + payload)
        old = sorted(path.parent.glob("graph-*"), key=lambda p: p.stat().st_mtime,
                     reverse=True)[CACHE_KEEP:]
        for stale in old:
            stale.unlink(missing_ok=True)
    except (OSError, RimographError):  # write_atomic reports a folder it cannot make
        pass
