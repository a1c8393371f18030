"""The coverage report: one offline HTML page for directors and stakeholder meetings.

Five sections, each citing the plan pages it comes from:

(a) the action x operational-goal matrix (the plan's overview table, restored),
(b) the 42 municipalities grouped by their 2025 municipality, uncovered first,
(b2) need and coverage: the need signals of the environment analysis beside local work
     (:mod:`rimograph.questions.needs`), with a schematic tile map of Limburg,
(c) partners by number of themes,
(d) a timeline of the actions and their projects over 2016-2025,
(e) staff (FTE) per theme, left out of the public version.

:func:`report_data` gathers everything as plain data (tested on its own); the Jinja2 template
``templates/report.html.j2`` (autoescape on, no JavaScript, no external resources) lays it out.
The same tables always give the same file: no timestamps, everything sorted.
"""

from __future__ import annotations


from datetime import date, timedelta
from pathlib import Path

from .. import __version__
from ..core.model import entry_period, parent_action
from ..core.numbers import FTE_DECIMALS, PERCENT_DECIMALS, format_number
from ..questions.coverage import municipality_coverage, province_wide
from ..questions.needs import need_facts, needs
from ..questions.partners import partners_spanning_themes
from ..questions.resources import fte_by_theme, is_total
from .labels import REPORT_LABELS

TIMELINE_START = date(2016, 1, 1)
TIMELINE_END = date(2025, 12, 31)
TIMELINE_YEARS = list(range(TIMELINE_START.year, TIMELINE_END.year + 1))


def page_ranges(pages) -> str:
    """Pages as a short citation: ``[54, 58, 59, 60, 62]`` -> ``"54, 58-60, 62"``."""
    pages = sorted({int(p) for p in pages if p not in (None, "")})
    parts, start, prev = [], None, None
    for page in pages:
        if start is None:
            start = prev = page
        elif page == prev + 1:
            prev = page
        else:
            parts.append(f"{start}-{prev}" if prev > start else str(start))
            start = prev = page
    if start is not None:
        parts.append(f"{start}-{prev}" if prev > start else str(start))
    return ", ".join(parts)


def _edges(graph, edge_type):
    return [(u, v, d) for u, v, k, d in graph.edges(keys=True, data=True) if k == edge_type]


def _by_line(graph, node_type):
    """Nodes of a type in the plan's order (their first line), then by id."""
    return sorted((n for n, t in graph.nodes(data="type") if t == node_type),
                  key=lambda n: (graph.nodes[n].get("line_start", 0), n))


# --------------------------------------------------------------------------------------------
# (a) matrix


def matrix(graph) -> dict:
    """The action x operational-goal matrix.

    Returns a dict with ``goals`` (the external operational goals in the plan's order: id, name,
    theme, strategic goal, ``certain`` and ``possible`` column totals, ``sd_index`` (1, 2, 3)
    and ``sep`` (first column of a strategic goal)), ``strategic_goals`` and ``themes`` (header
    groups: id, name, code, ``span`` = number of goal columns, ``sd_index``, ``sep``; a strategic
    goal that is its own single theme has ``own_theme`` and that theme ``shown`` false),
    ``groups`` (the
    actions of the overview table, then the transversal actions; each group a dict with
    ``transversal`` and ``rows``; a row has id, name, sector, page, ``cells`` = one of
    ``"certain"``, ``"possible"``, ``""`` per goal, ``certain`` and ``possible`` row totals),
    ``certain`` and ``possible`` (grand totals) and ``pages`` (the pages of every contribution).
    """
    goals = [g for g in _by_line(graph, "OperationalGoal")
             if graph.nodes[g]["scope"] == "external"]
    goal_rows = []
    for goal in goals:
        data = graph.nodes[goal]
        goal_rows.append({"id": goal, "name": data["name"], "theme": data["theme"],
                          "strategic_goal": data["strategic_goal"], "certain": 0, "possible": 0})
    marks: dict[str, dict[str, str]] = {}
    pages = []
    for action, goal, data in _edges(graph, "CONTRIBUTES_TO"):
        marks.setdefault(action, {})[goal] = data["certainty"]
        pages.append(data["page"])
    groups = []
    for transversal in (False, True):
        rows = []
        for action in _by_line(graph, "StrategicAction"):
            data = graph.nodes[action]
            if data["transversal"] != transversal:
                continue
            cells = [marks.get(action, {}).get(g["id"], "") for g in goal_rows]
            for goal, cell in zip(goal_rows, cells):
                if cell:
                    goal[cell] += 1
            rows.append({"id": action, "name": data["name"], "sector": data["sector"],
                         "page": data["page"], "cells": cells,
                         "certain": cells.count("certain"), "possible": cells.count("possible")})
        groups.append({"transversal": transversal, "rows": rows})

    sd_order = list(dict.fromkeys(g["strategic_goal"] for g in goal_rows))
    for i, goal in enumerate(goal_rows):
        goal["sd_index"] = sd_order.index(goal["strategic_goal"]) + 1
        goal["sep"] = i > 0 and goal["strategic_goal"] != goal_rows[i - 1]["strategic_goal"]

    def spans(key):
        result = []
        for goal in goal_rows:
            if result and result[-1]["id"] == goal[key]:
                result[-1]["span"] += 1
            else:
                node = graph.nodes[goal[key]]
                result.append({"id": goal[key], "name": node["name"],
                               "code": node.get("code", ""), "span": 1,
                               "sd_index": goal["sd_index"], "sep": goal["sep"]})
        return result

    strategic_goals, themes = spans("strategic_goal"), spans("theme")
    for sd in strategic_goals:  # SD2 and SD3 are their own theme: one header cell, two rows
        own = [t for t in themes if t["sd_index"] == sd["sd_index"]]
        sd["own_theme"] = len(own) == 1 and own[0]["name"] == sd["name"]
        for theme in own:
            theme["shown"] = not sd["own_theme"]
    return {
        "goals": goal_rows, "strategic_goals": strategic_goals, "themes": themes,
        "groups": groups,
        "certain": sum(g["certain"] for g in goal_rows),
        "possible": sum(g["possible"] for g in goal_rows),
        "pages": page_ranges(pages),
        "goal_pages": page_ranges(graph.nodes[g]["page"] for g in goals),
    }


# --------------------------------------------------------------------------------------------
# (b) municipalities


def municipality_groups(graph) -> dict:
    """The 42 municipalities grouped by their 2025 municipality (see
    :func:`rimograph.questions.coverage.municipality_coverage`).

    Returns a dict with ``groups`` (each: ``name_2025``, ``merged`` (bool), ``covered`` (bool:
    any member has a local entry), ``rows`` = the coverage rows of its members, uncovered
    first), sorted with the wholly uncovered groups first, then by name; ``uncovered`` and
    ``total`` (municipalities 2019-2024), ``uncovered_2025`` and ``total_2025`` (groups),
    ``province_wide`` (rows of :func:`rimograph.questions.coverage.province_wide`) and ``pages`` (of the
    location facts).
    """
    rows = municipality_coverage(graph)
    by_group: dict[str, list] = {}
    for row in rows:
        by_group.setdefault(row["name_2025"], []).append(row)
    groups = [{"name_2025": name, "merged": len(members) > 1 or members[0]["name"] != name,
               "covered": any(r["entries"] for r in members), "rows": members}
              for name, members in by_group.items()]
    groups.sort(key=lambda g: (g["covered"], g["name_2025"]))
    return {
        "groups": groups,
        "uncovered": sum(1 for r in rows if not r["entries"]), "total": len(rows),
        "uncovered_2025": sum(1 for g in groups if not g["covered"]), "total_2025": len(groups),
        "province_wide": province_wide(graph),
        "pages": page_ranges(d["page"] for _, _, d in _edges(graph, "ACTIVE_IN")),
    }


# --------------------------------------------------------------------------------------------
# (b2) need and coverage

#: Schematic places of the 42 municipalities of 2019-2024 on a grid (column, row; north at
#: the top), by NIS code: tiles set roughly where each municipality lies, so that neighbours
#: stay neighbours. No borders and no true distances: the map says it is schematic.
TILES = {
    "72020": (2, 0), "72043": (3, 0), "72037": (4, 0),
    "71069": (1, 1), "71034": (2, 1), "72038": (3, 1), "72030": (4, 1), "72003": (5, 1),
    "72004": (6, 1), "72018": (7, 1),
    "71057": (0, 2), "71004": (1, 2), "71070": (2, 2), "72039": (3, 2), "72042": (5, 2),
    "72021": (7, 2),
    "71037": (1, 3), "71066": (3, 3), "71016": (4, 3), "71002": (5, 3), "72041": (6, 3),
    "71020": (0, 4), "71024": (1, 4), "71022": (2, 4), "71011": (3, 4), "71067": (4, 4),
    "73042": (5, 4), "73107": (6, 4),
    "71045": (1, 5), "73001": (2, 5), "73040": (3, 5), "73006": (4, 5), "73066": (5, 5),
    "71053": (1, 6), "73098": (2, 6), "73009": (3, 6), "73032": (4, 6),
    "71017": (1, 7), "73022": (2, 7), "73083": (4, 7), "73109": (7, 7),
    "73028": (3, 8),
}


def need_coverage(graph, lang: str = "nl") -> dict:
    """The need-and-coverage section: ``rows`` (of :func:`rimograph.questions.needs.needs`,
    per 2025 municipality, uncovered need first), ``tiles`` (per 2019-2024 municipality:
    ``name``, ``nis``, ``col``, ``row``, ``local`` (count of local entries), ``signals``
    (need signals of its own figures) and ``name_2025``), ``columns`` and ``rows_count`` of
    the grid, ``flagged`` (2025 municipalities with need signals and no local work) and
    ``pages`` (of the figures)."""
    facts = need_facts(graph)
    tiles = []
    for fact in facts:
        own = needs([fact], lang=lang)[0]
        col, row = TILES[fact["municipality"].split(":")[1]]
        tiles.append({"name": fact["name"], "nis": fact["municipality"].split(":")[1],
                      "name_2025": fact["name_2025"], "col": col, "row": row,
                      "local": own["local_entries"], "signals": own["need_signals"]})
    rows = needs(facts, lang=lang)
    return {
        "rows": rows, "tiles": tiles,
        "columns": 1 + max(c for c, _ in TILES.values()),
        "rows_count": 1 + max(r for _, r in TILES.values()),
        "flagged": [r["municipality_2025"] for r in rows if r["need_signals"] and not r["local_entries"]],
        "pages": page_ranges(d["page"] for _, _, d in _edges(graph, "MEASURED_IN")),
    }


# --------------------------------------------------------------------------------------------
# (c) partners


def partner_spread(graph) -> dict:
    """Partners by number of themes (:func:`rimograph.questions.partners.partners_spanning_themes` with
    ``min_themes=1``, generic partners left out).

    Returns a dict with ``themes`` (the five themes: id, name), ``several`` (rows of partners
    in two or more themes, each with ``marks``: a bool per theme), ``one_theme`` (per theme:
    ``name`` and the sorted ``partners`` names in that theme only), ``spread`` (``themes``,
    ``n`` partners, most themes first), ``total`` and ``pages`` (of the partner lists).
    """
    themes = [{"id": t, "name": graph.nodes[t]["name"]} for t in _by_line(graph, "Theme")]
    rows = partners_spanning_themes(graph, min_themes=1)
    rows.sort(key=lambda r: (-r["themes"], -r["entries"], r["name"].casefold(), r["partner"]))
    several, single = [], {t["name"]: [] for t in themes}
    for row in rows:
        if row["themes"] >= 2:
            several.append({**row, "marks": [t["name"] in row["theme_names"] for t in themes]})
        else:
            single[row["theme_names"][0]].append(row["name"])
    counts: dict[int, int] = {}
    for row in rows:
        counts[row["themes"]] = counts.get(row["themes"], 0) + 1
    return {
        "themes": themes, "several": several,
        "one_theme": [{"name": name, "partners": sorted(names, key=str.casefold)}
                      for name, names in single.items()],
        "spread": [{"themes": k, "n": counts[k]} for k in sorted(counts, reverse=True)],
        "total": len(rows),
        "pages": page_ranges(d["page"] for _, _, d in _edges(graph, "PARTNERS_WITH")),
    }


# --------------------------------------------------------------------------------------------
# (d) timeline


def _percent(day: date) -> float:
    """Where ``day`` (its start) falls on the 2016-2025 axis, in percent."""
    span = (TIMELINE_END - TIMELINE_START).days + 1
    return round(100 * (day - TIMELINE_START).days / span, 2)


def _bar(graph, entry) -> dict:
    data = graph.nodes[entry]
    first, last, assumed = entry_period(data)
    shown_first, shown_last = max(first, TIMELINE_START), min(last, TIMELINE_END)
    left = _percent(shown_first)
    width = max(round(_percent(shown_last + timedelta(days=1)) - left, 2), 0.4)
    return {
        "id": entry, "name": data["name"], "type": data["type"], "page": data["page"],
        "timing": data.get("timing", ""), "first_day": first.isoformat(),
        "last_day": last.isoformat(), "left": left, "width": width,
        "before": first.year if first < TIMELINE_START else None,
        "open_end": "end" in assumed and bool(data.get("timing")),
        "assumed": assumed, "note": data.get("timing_note", ""),
    }


def timeline(graph) -> dict:
    """Bars for every strategic action and, below it, its projects.

    A bar runs from the first day of ``start`` to the last day of ``end`` at the precision the
    plan gives (:func:`rimograph.core.model.entry_period`), clipped to 2016-2025 (``before`` holds
    the start year of entries that began earlier). Returns a dict with ``years``, ``plan_left``
    and ``plan_width`` (the plan period 2021-2025, in percent), ``rows`` (actions in the plan's
    order, each with ``projects``), ``pages``. Positions are percentages of 2016-2025.
    """
    projects: dict[str, list] = {}
    for project in _by_line(graph, "Project"):
        projects.setdefault(parent_action(graph, project), []).append(project)
    rows, pages = [], []
    for action in _by_line(graph, "StrategicAction"):
        row = _bar(graph, action)
        row["projects"] = [_bar(graph, p) for p in projects.get(action, [])]
        pages += [row["page"]] + [p["page"] for p in row["projects"]]
        rows.append(row)
    plan_left = _percent(date(2021, 1, 1))
    return {"years": TIMELINE_YEARS, "plan_left": plan_left,
            "plan_width": round(100 - plan_left, 2), "rows": rows, "pages": page_ranges(pages)}


# --------------------------------------------------------------------------------------------
# (e) staff


def staff(tables, lang="nl") -> dict:
    """The staffing table (:func:`rimograph.questions.resources.fte_by_theme`) with figures formatted for
    ``lang`` as every table writes them (:func:`rimograph.core.numbers.format_number`: FTE with
    two decimals, ``5,90``; shares in percent with one, ``33,3``): ``rows`` (label, theme_name,
    the figures as text and ``fte_total_value``, ``total`` (bool: the TOTAAL line)) and
    ``pages``."""
    def fte(value):
        return format_number(value, FTE_DECIMALS, lang=lang)

    def percent(value):
        return format_number(value, PERCENT_DECIMALS, lang=lang)

    rows = []
    for row in fte_by_theme(tables):
        total = is_total(row["label"])
        rows.append({
            "label": row["label"], "theme_name": row["theme_name"], "total": total,
            "fte_decretal": fte(row["fte_decretal"]),
            "fte_non_decretal": fte(row["fte_non_decretal"]),
            "fte_total": fte(row["fte_total"]), "fte_total_value": row["fte_total"],
            "decretal_share": percent(row["decretal_share_pct"]),
            "share_of_total": "" if total else percent(row["share_of_total_pct"]),
        })
    return {"rows": rows, "pages": page_ranges(r["page"] for r in tables["fte.csv"])}


# --------------------------------------------------------------------------------------------
# the page


def report_data(graph, tables, lang: str = "nl", public: bool = False) -> dict:
    """Everything the report shows, as plain data: ``matrix``, ``municipalities``, ``needs``,
    ``partners``, ``timeline`` and (not with ``public``) ``staff``; see the functions above."""
    words = REPORT_LABELS[lang]
    return {
        "lang": lang, "public": public, "labels": words, "version": __version__,
        "matrix": matrix(graph), "municipalities": municipality_groups(graph),
        "needs": need_coverage(graph, lang),
        "partners": partner_spread(graph), "timeline": timeline(graph),
        "staff": None if public else staff(tables, lang),
        "footer": words["footer"].format(version=__version__),
        "version_note": words["public_footer"] if public else words["internal_footer"],
    }


def render_report(graph, tables, lang: str = "nl", public: bool = False) -> str:
    """The report as one HTML string (CSS inlined, no scripts, no external resources)."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("rimograph.outputs"), undefined=StrictUndefined,
                      autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2").render(**report_data(graph, tables, lang, public))


def write_report(graph, tables, out, lang: str = "nl", public: bool = False) -> Path:
    """Write the report to ``out`` (UTF-8, atomically). Returns the path."""
    from ..core.files import write_atomic

    write_atomic(out, render_report(graph, tables, lang, public))
    return Path(out)
