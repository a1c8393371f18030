"""Staff (FTE: per theme, per year, the expansion request) and budget from the plan's tables."""

from __future__ import annotations




def is_total(label):
    """Whether a row of the staffing table is its TOTAAL line."""
    return label.strip().upper().startswith("TOTAAL")


def fte_by_theme(tables):
    """Staff (FTE, Dutch VTE) per theme from the plan's staffing table (``graph/fte.csv``).

    Parameters
    ----------
    tables : dict
        As returned by :func:`rimograph.core.tables.load_tables` (validated).

    Returns
    -------
    list of dict
        One row per line of the table, in the plan's order, with columns ``label`` (as the
        plan writes it), ``theme`` (id, "" for lines that are no theme: quality and overhead,
        the total), ``theme_name``, ``fte_decretal``, ``fte_non_decretal``, ``fte_total``,
        ``decretal_share_pct`` (as the plan gives them), ``share_of_total_pct`` (this line's
        ``fte_total`` over the sum of all lines but the total, rounded to 1 decimal) and
        ``page``.
    """
    themes = {row["id"]: row["name"] for row in tables["themes.csv"]}
    lines = sorted(tables["fte.csv"], key=lambda r: (r["line_start"], r.row))
    total = sum(r["fte_total"] for r in lines if not is_total(r["strategic_goal_label"]))
    rows = []
    for row in lines:
        rows.append({
            "label": row["strategic_goal_label"], "theme": row["theme"] or "",
            "theme_name": themes.get(row["theme"], ""),
            "fte_decretal": row["fte_decretal"], "fte_non_decretal": row["fte_non_decretal"],
            "fte_total": row["fte_total"], "decretal_share_pct": row["decretal_share_pct"],
            "share_of_total_pct": round(100 * row["fte_total"] / total, 1) if total else 0.0,
            "page": row["page"],
        })
    return rows


def budget_by_year(tables, scope=None):
    """The budget figures of the plan's annex (``graph/budget.csv``), one row per item.

    Parameters
    ----------
    tables : dict
        As returned by :func:`rimograph.core.tables.load_tables` (validated).
    scope : str, optional
        Only the budget of this scope (e.g. ``vzw``, the whole organisation, or
        ``ac-vlaamse-overheid``, the part funded by the Flemish government), when the table has
        a ``scope`` column.

    Returns
    -------
    list of dict
        Columns ``scope``, ``section`` (opbrengsten, kosten, resultaat, ...), ``code`` (account
        code, "" when the table has none), ``item``, then one column per year (``"2021"`` ...,
        amount in euro, ``None`` where the plan gives none), ``pages`` (list). Ordered as the
        plan lists them: scopes in order of appearance, items by their line in the first year.
    """
    lines = sorted(tables["budget.csv"], key=lambda r: (r["line_start"], r.row))
    years = sorted({r["year"] for r in lines})
    pivot: dict[tuple, dict] = {}
    for row in lines:
        row_scope = row.get("scope") or ""
        if scope and row_scope != scope:
            continue
        key = (row_scope, row["section"], row.get("code") or "", row["item"])
        item = pivot.setdefault(key, {"scope": key[0], "section": key[1], "code": key[2],
                                      "item": key[3], **{str(y): None for y in years},
                                      "pages": set(), "_order": (row["year"], row["line_start"])})
        amount = row["amount_eur"]
        item[str(row["year"])] = int(amount) if float(amount).is_integer() else amount
        item["pages"].add(row["page"])
    scopes = list(dict.fromkeys(k[0] for k in pivot))
    rows = sorted(pivot.values(), key=lambda r: (scopes.index(r["scope"]), r["_order"]))
    for row in rows:
        del row["_order"]
        row["pages"] = sorted(row["pages"])
    return rows


def fte_by_year(tables):
    """Staff (FTE) per year of the plan as the budget annex counts it (``graph/fte_years.csv``).

    Returns one row per year, ascending: ``year``, ``fte_vzw`` (the whole organisation),
    ``fte_ac_vlaamse_overheid`` (the part funded by the Flemish government, Maribel included),
    ``pages`` (list). A year or a part the annex does not give is ``None``.
    """
    years: dict[int, dict] = {}
    for row in tables["fte_years.csv"]:
        item = years.setdefault(row["year"], {"year": row["year"], "fte_vzw": None,
                                              "fte_ac_vlaamse_overheid": None, "pages": set()})
        item["fte_" + row["scope"].replace("-", "_")] = row["fte"]
        item["pages"].add(row["page"])
    rows = [years[year] for year in sorted(years)]
    for row in rows:
        row["pages"] = sorted(row["pages"])
    return rows


def expansion_request(tables):
    """The plan's request for extra staff (``graph/expansion.csv``), in the plan's order.

    Returns rows with ``part`` (``total``, ``sector-agreement`` = what the sector's future track
    already foresees, part of the total; ``project-work``, ``scaling-up``, ``coordination`` =
    the items that add up to the total), ``area`` (as the plan writes it: "Wonen",
    "Opschaling"), ``fte``, ``item`` (in our words), ``theme_name``, ``entry_name`` (the action
    the plan names for it), ``theme`` and ``entry`` (their ids, or ""), ``page``.
    """
    themes = {row["id"]: row["name"] for row in tables["themes.csv"]}
    names = {row["id"]: row["name"] for file in ("actions.csv", "projects.csv")
             for row in tables[file]}
    lines = sorted(tables["expansion.csv"], key=lambda r: (r["line_start"], r.row))
    return [{"part": row["part"], "area": row["area_as_written"], "fte": row["fte"],
             "item": row["item"], "theme_name": themes.get(row["theme"], ""),
             "entry_name": names.get(row["entry"], ""), "theme": row["theme"] or "",
             "entry": row["entry"] or "", "page": row["page"]} for row in lines]
