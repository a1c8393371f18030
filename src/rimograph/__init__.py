"""rimograph: RIMO Limburg's multi-year plan 2021-2025 as a cited graph.

``from rimograph import Plan`` gives the notebook API (:class:`rimograph.api.Plan`), loaded on
first use so that the command line does not import it.
"""

__version__ = "0.1.0"


def __getattr__(name):
    if name == "Plan":
        from .api import Plan

        return Plan
    raise AttributeError(f"module 'rimograph' has no attribute {name!r}")
