"""Printing rows as a table, CSV or JSON (the ``--format`` option of every question command)."""

from __future__ import annotations

import csv
import io
import json


FORMATS = ("table", "csv", "json")


def _flat(value):
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if value is None:
        return ""
    return value


def render(rows: list[dict], fmt: str = "table", columns: list[str] | None = None) -> str:
    """Render rows (dicts with the same keys) as ``table`` (aligned text), ``csv`` (header row,
    lists joined with ", ") or ``json`` (a list of objects, lists kept as arrays).

    ``columns`` picks and orders the columns (default: the keys of the first row).
    """
    if fmt == "json":
        picked = [{c: r[c] for c in columns} for r in rows] if columns else rows
        return json.dumps(picked, ensure_ascii=False, indent=2)
    if columns is None:
        columns = list(rows[0]) if rows else []
    table = [[_flat(r[c]) for c in columns] for r in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(table)
        return buffer.getvalue().rstrip("\n")
    if fmt == "table":
        from tabulate import tabulate

        if not rows:
            return "(no rows)"
        return tabulate(table, headers=columns, tablefmt="simple", maxcolwidths=60)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
