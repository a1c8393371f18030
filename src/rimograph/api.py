"""The plan for notebooks and scripts: every question as a ``pandas.DataFrame``.

>>> from rimograph import Plan
>>> plan = Plan.load()                      # the plan's tables shipped with rimograph
>>> frame = plan.partners(min_themes=3)
>>> frame.loc[0, "partner"], int(frame.loc[0, "themes"])
('partner:caw-limburg', 4)

Each method returns the rows of the question function it names (same columns as
``rimograph COMMAND --format csv``; lists stay Python lists in their cells), in the same order.
pandas is imported only when a frame is made, so the command line never pays for it. The
embedded networkx graph is :attr:`Plan.graph` (node and edge attributes: ``graph/README.md``).
"""

from __future__ import annotations

from pathlib import Path

from .core.load import load_tables_and_graph
from .core.model import find_node


def _frame(rows: list[dict]):
    import pandas as pd

    return pd.DataFrame.from_records(rows)


class Plan:
    """RIMO Limburg's plan as one graph, with its questions as DataFrames.

    Parameters
    ----------
    tables : dict
        Validated tables (:func:`rimograph.core.tables.load_tables`).
    graph : networkx.MultiDiGraph
        The graph built from them (:func:`rimograph.core.model.build_graph`).

    Use :meth:`load` rather than the constructor.
    """

    def __init__(self, tables, graph):
        self.tables = tables
        self.graph = graph

    @classmethod
    def load(cls, graph_dir: str | Path | None = None) -> "Plan":
        """Validate the tables of ``graph_dir`` (default: ``$RIMOGRAPH_GRAPH``, ``./graph`` or
        the shipped plan) and build the graph. Raises
        :class:`~rimograph.core.errors.DataError` listing every problem (file, row, field)."""
        return cls(*load_tables_and_graph(graph_dir))

    def find(self, name: str) -> str:
        """The id of the node called ``name`` (as ``rimograph show`` matches it). Raises
        :class:`~rimograph.core.errors.NotFound` with the candidates when none or several match."""
        return find_node(self.graph, name)

    def partners(self, min_themes: int = 2, include_generic: bool = False):
        """Partners working across at least ``min_themes`` themes: columns ``partner``, ``name``,
        ``kind``, ``themes``, ``theme_names``, ``entries``, ``entry_names``."""
        from .questions.partners import partners_spanning_themes

        return _frame(partners_spanning_themes(self.graph, min_themes, include_generic))

    def coverage_municipalities(self):
        """The 42 municipalities with their local actions and projects, uncovered first:
        ``municipality``, ``nis``, ``name``, ``name_2025``, ``entries``, ``entry_names``."""
        from .questions.coverage import municipality_coverage

        return _frame(municipality_coverage(self.graph))

    def coverage_province(self):
        """Province-wide and Flemish actions and projects: ``entry``, ``name``, ``type``,
        ``scope``."""
        from .questions.coverage import province_wide

        return _frame(province_wide(self.graph))

    def coverage_goals(self, include_internal: bool = False):
        """Operational goals with the actions contributing, least covered first: ``goal``,
        ``name``, ``strategic_goal``, ``theme``, ``certain``, ``possible``, ``certain_actions``,
        ``possible_actions``."""
        from .questions.coverage import goal_coverage

        return _frame(goal_coverage(self.graph, include_internal))

    def neighbours(self, name: str):
        """Every edge of one node (found by :meth:`find`): ``direction``, ``relation``,
        ``other``, ``other_name``, ``other_type``, ``certainty``, ``basis``, ``page``."""
        from .questions.nodes import neighbours

        return _frame(neighbours(self.graph, self.find(name)))

    def stats(self):
        """Node and edge counts by type: ``kind`` (node/edge), ``type``, ``count``."""
        from .questions.nodes import stats

        return _frame(stats(self.graph))

    def path(self, source: str, target: str, limit: int = 10, include_generic: bool = False,
             relations=None):
        """The shortest chains of relations between two nodes (see
        :func:`rimograph.questions.network.shortest_paths` for columns and errors)."""
        from .questions.network import shortest_paths

        return _frame(shortest_paths(self.graph, source, target, limit, include_generic,
                                     relations))

    def centrality(self, include_generic: bool = False):
        """Partners by degree, themes and betweenness
        (:func:`rimograph.questions.network.centrality`)."""
        from .questions.network import centrality

        return _frame(centrality(self.graph, include_generic))

    def brokers(self, include_generic: bool = False):
        """Partners whose removal splits the partner network
        (:func:`rimograph.questions.network.brokers`)."""
        from .questions.network import brokers

        return _frame(brokers(self.graph, include_generic))

    def communities(self, include_generic: bool = False, seed: int = 42,
                    resolution: float = 1.0):
        """Louvain communities of the partner network
        (:func:`rimograph.questions.network.communities`)."""
        from .questions.network import communities

        return _frame(communities(self.graph, include_generic, seed, resolution))

    def overlap(self, of: str = "actions", min_shared: int = 2, include_generic: bool = False):
        """Pairs of actions (or partners) sharing partners (or actions)
        (:func:`rimograph.questions.network.overlap`)."""
        from .questions.network import overlap

        return _frame(overlap(self.graph, of, min_shared, include_generic))

    def timeline(self, year: int | None = None, ending: bool = False):
        """Actions and projects running in ``year`` (or all), with first and last day
        (ISO dates) and what was assumed (:func:`rimograph.questions.time.timeline`)."""
        from .questions.time import timeline

        return _frame(timeline(self.graph, year, ending))

    def fte(self):
        """Staff per theme in FTE (VTE) from the plan's staffing table
        (:func:`rimograph.questions.resources.fte_by_theme`)."""
        from .questions.resources import fte_by_theme

        return _frame(fte_by_theme(self.tables))

    def budget(self, scope: str | None = None):
        """The budget annex per item, one column per year in euro
        (:func:`rimograph.questions.resources.budget_by_year`)."""
        from .questions.resources import budget_by_year

        return _frame(budget_by_year(self.tables, scope))
