"""rimograph: RIMO Limburg's multi-year plan 2021-2025 as a cited graph."""

__version__ = "0.1.0"
