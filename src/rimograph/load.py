"""Finding ``graph/`` and loading it, validated, into the embedded networkx graph."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import RimographError
from .model import build_graph
from .tables import load_tables

ENV_VAR = "RIMOGRAPH_GRAPH"


def default_graph_dir() -> Path:
    """The tables to use when none are given: ``$RIMOGRAPH_GRAPH``, else ``./graph`` when it
    holds ``actions.csv``, else the ``graph/`` folder of the checkout rimograph runs from."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    here = Path("graph")
    if (here / "actions.csv").exists():
        return here
    return Path(__file__).resolve().parents[2] / "graph"


def load_graph(graph_dir: Path | None = None):
    """Validate the tables of ``graph_dir`` and build the graph (see :mod:`rimograph.model`).

    Raises :class:`~rimograph.errors.DataError` with every problem when a table is broken,
    and :class:`~rimograph.errors.RimographError` when the folder does not exist.
    """
    return load_tables_and_graph(graph_dir)[1]


def load_tables_and_graph(graph_dir: Path | None = None):
    """Like :func:`load_graph`, but return ``(tables, graph)``: the validated tables too (see
    :func:`rimograph.tables.load_tables`), for the tables that are no part of the graph, such as
    the staffing table ``fte.csv`` and the budget.
    """
    graph_dir = Path(graph_dir) if graph_dir else default_graph_dir()
    if not graph_dir.is_dir():
        raise RimographError(f"{graph_dir}: no such folder (give --graph DIR or set {ENV_VAR})")
    tables = load_tables(graph_dir)
    return tables, build_graph(tables)
