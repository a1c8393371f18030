"""Printing rows as a table, CSV or JSON (the ``--format`` option of every question command)."""

from __future__ import annotations

import csv
import io
import json

from .errors import RimographError

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


def write_atomic(path, data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file in the same folder and
    a rename, so a reader never sees a half-written file and a failure leaves the old file.
    Raises :class:`RimographError` when ``path`` is a folder or its folder cannot be made."""
    import os
    import tempfile
    from pathlib import Path

    path = Path(path)
    if path.is_dir():
        raise RimographError(f"{path}: is a folder; give a file name, e.g. {path / 'kaart.html'}")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise RimographError(f"{path}: cannot write there ({exc.strerror}: "
                             f"{exc.filename})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
