"""The questions, one module per family; each returns plain rows (lists of dicts)."""
