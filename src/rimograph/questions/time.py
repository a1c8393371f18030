"""What runs when: the timeline of actions and projects."""

from __future__ import annotations

from datetime import date

from ..core.errors import RimographError
from ..core.model import (
    PLAN_END,
    PLAN_START,
    PLAN_YEARS,
    entries,
    entry_period,
    entry_runs_in,
    node_name,
)


def _entry_row(graph, entry):
    data = graph.nodes[entry]
    first, last, assumed = entry_period(data)
    return {"entry": entry, "name": data["name"], "type": data["type"],
            "start": data.get("start", ""), "end": data.get("end", ""),
            "first_day": first.isoformat(), "last_day": last.isoformat(), "assumed": assumed,
            "ends_early": last < PLAN_END, "timing_note": data.get("timing_note", "")}


def timeline(graph, year=None, ending=False):
    """Actions and projects by their period.

    Parameters
    ----------
    year : int, optional
        Only the entries running on at least one day of that year.
    ending : bool
        Only the entries that end within the plan period 2021-2025 before its last day
        (``ends_early``), sorted by their end.

    Returns
    -------
    list of dict
        Columns ``entry`` (id), ``name``, ``type``, ``start`` and ``end`` (as the tables give
        them, "" when missing), ``first_day`` and ``last_day`` (ISO dates used, see
        :func:`entry_period`), ``assumed``, ``ends_early`` (bool: ends before 2025-12-31),
        ``timing_note``. Sorted by name (with ``ending``: by last day, then name).

    Raises
    ------
    RimographError
        When the tables hold a date that :func:`rimograph.core.tables.parse_date` rejects (they are
        validated on loading, so only for a graph built by hand).
    """
    rows = []
    for entry in entries(graph):
        try:
            row = _entry_row(graph, entry)
        except ValueError as exc:
            raise RimographError(f"{entry}: {exc}") from None
        if year is not None and not entry_runs_in(graph.nodes[entry], year):
            continue
        if ending and not (row["ends_early"] and row["last_day"] >= PLAN_START.isoformat()):
            continue
        rows.append(row)
    if ending:
        rows.sort(key=lambda r: (r["last_day"], r["name"]))
    else:
        rows.sort(key=lambda r: (r["name"], r["entry"]))
    return rows


def timeline_years(graph, years=PLAN_YEARS):
    """How many actions and projects run, start and end in each year.

    Returns
    -------
    list of dict
        One row per year with columns ``year``, ``running`` (entries running on at least one
        day of it), ``starting`` and ``ending`` (entries whose first or last day falls in it;
        assumed starts and ends, see :func:`entry_period`, are not counted), ``ending_names``
        (list). Sorted by year.
    """
    periods = [(e, *entry_period(graph.nodes[e])) for e in entries(graph)]
    rows = []
    for year in years:
        lo, hi = date(year, 1, 1), date(year, 12, 31)
        running = [e for e, first, last, _ in periods if first <= hi and last >= lo]
        starting = [e for e, first, _, assumed in periods
                    if lo <= first <= hi and "start" not in assumed]
        ending = [e for e, _, last, assumed in periods
                  if lo <= last <= hi and "end" not in assumed]
        rows.append({"year": year, "running": len(running), "starting": len(starting),
                     "ending": len(ending),
                     "ending_names": sorted(node_name(graph, e) for e in ending)})
    return rows
