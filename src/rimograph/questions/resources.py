"""Staff (FTE) and budget from the plan's tables."""

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
