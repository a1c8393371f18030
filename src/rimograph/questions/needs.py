"""Need against coverage: the plan's own need figures per municipality beside its local work.

The rule (stated in ``rimograph needs --help``) is a transparent count, never a score: a
municipality has a **need signal** for each indicator of the environment analysis that the
plan gives for it and whose figure points to need, by the indicator's ``need_signal`` in
``graph/indicator_definitions.csv`` (our reading of what the figure means, recorded there):

- ``higher`` / ``lower``: the figure is above / below the plan's Limburg figure for the same
  indicator and year (e.g. the preferential health-insurance tariff above Limburg's 15.1 % in
  2017; the activity rate below Limburg's 71.4 % in 2017);
- ``yes``: the plan names the municipality (e.g. among the highest shares of births in
  deprived families, or as having a residential caravan site);
- ``no``: the plan says it lacks something (no winter shelter for homeless people);
- ``present``: the plan counts people there (homeless people, December 2019).

Indicators without a ``need_signal`` (such as the share of residents of foreign origin) are
shown as context and never counted.
"""

from __future__ import annotations

from ..core.i18n import catalogue, language
from ..core.model import in_edges_of, node_name, select_entries, sources_of
from ..core.numbers import format_number


def figure_text(value, unit: str, lang: str | None = None) -> str:
    """A figure of the plan in a need signal, in ``lang`` (default: the current language), as
    precise as the plan gives it: ``65,3 %``, ``1.234``, ``ja``/``nee`` in Dutch; ``65.3%``,
    ``yes``/``no`` in English (:func:`rimograph.core.numbers.format_number`)."""
    if unit == "yes-no":
        return catalogue(lang or language()).gettext("yes" if value else "no")
    text = format_number(value, lang=lang)
    if unit != "percent":
        return text
    return text + (" %" if (lang or language()) == "nl" else "%")


def need_facts(graph):
    """The facts :func:`needs` weighs, per municipality of 2019-2024 (the same rows come from
    Neo4j with ``queries/need-facts.cypher``).

    Returns rows with columns ``municipality`` (id), ``name``, ``name_2025``, ``nis_2025``,
    ``figures`` (list of dicts by indicator id: ``indicator``, ``indicator_name``,
    ``need_signal`` ("" when none), ``value``, ``unit``, ``year`` (None when the plan gives
    none), ``comparison`` ("" when none), ``limburg``: the plan's Limburg figure of the
    indicator in the same year for everyone, None when it gives none), ``local_names``
    (actions and projects active there, directly or through a neighbourhood) and
    ``partner_names`` (partners BASED_IN it), sorted lists; rows sorted by id.
    """
    limburg = {}
    if "region:limburg" in graph:
        for ind, edge in in_edges_of(graph, "region:limburg", "MEASURED_IN"):
            if not edge.get("population") and edge.get("year") is not None:
                limburg[(ind, edge["year"])] = edge["value"]
    rows = []
    for node, data in sorted(graph.nodes(data=True)):
        if data["type"] != "Municipality":
            continue
        figures = []
        for ind, edge in in_edges_of(graph, node, "MEASURED_IN"):
            definition = graph.nodes[ind]
            figures.append({"indicator": ind, "indicator_name": definition["name"],
                            "need_signal": definition.get("need_signal") or "",
                            "value": edge["value"], "unit": edge["unit"],
                            "year": edge.get("year"), "comparison": edge.get("comparison", ""),
                            "limburg": limburg.get((ind, edge.get("year")))})
        rows.append({"municipality": node, "name": data["name"], "name_2025": data["name_2025"],
                     "nis_2025": data["nis_2025"], "figures": figures,
                     "local_names": sorted(node_name(graph, e)
                                           for e in select_entries(graph, municipality=node)),
                     "partner_names": sorted(node_name(graph, p)
                                             for p in sources_of(graph, node, "BASED_IN"))})
    return rows


def is_signal(kind, value, limburg) -> bool:
    """Whether a figure ``value`` is a need signal of kind ``kind`` (see the module docs);
    ``limburg`` is the Limburg figure for ``higher``/``lower`` (None: no comparison, no
    signal)."""
    if kind == "higher":
        return limburg is not None and value > limburg
    if kind == "lower":
        return limburg is not None and value < limburg
    if kind == "yes":
        return bool(value)
    if kind == "no":
        return not value
    if kind == "present":
        return value > 0
    return False


def needs(facts, indicator=None, lang=None):
    """Need signals and coverage per municipality of 2025 (merged ones grouped), from the rows
    of :func:`need_facts` (either backend).

    Parameters
    ----------
    indicator : str, optional
        An Indicator id: rank by that indicator's figure alone (towards need first: highest
        first unless its signal is ``lower``; municipalities without the figure last).
    lang : str, optional
        The language of the figures in ``signals`` and ``context`` (:func:`figure_text`;
        default: the current language).

    Returns
    -------
    list of dict
        One row per 2025 municipality: ``municipality_2025`` (its name), ``nis_2025``, ``parts``
        (its 2019-2024 municipalities, list), ``need_signals`` (count, see the module rule),
        ``signals`` (list: indicator, figure, year, the Limburg figure where compared, and the
        plan's comparison), ``context`` (list: the other figures the plan gives there),
        ``local_entries`` (count of actions and projects active there), ``local_names``
        (list), ``partners_based`` (count of partners based there), ``partner_names`` (list).
        Every figure cites the plan on its MEASURED_IN edge (``rimograph show INDICATOR``).
        Sorted with the municipalities without local work first, then by need signals (most
        first), then by name; with ``indicator``, by that figure.
    """
    groups: dict[str, list] = {}
    for fact in facts:
        groups.setdefault(fact["name_2025"], []).append(fact)
    rows = []
    for name, parts in groups.items():
        signals, context, comparisons, ranked = [], [], [], None
        for part in parts:
            for f in part["figures"]:
                signal = is_signal(f["need_signal"], f["value"], f["limburg"])
                where = f" [{part['name']}]" if len(parts) > 1 else ""
                if signal and f["unit"] == "yes-no" and f["value"]:
                    text = f["indicator_name"]  # named by the plan: the name says it all
                else:
                    text = f"{f['indicator_name']} {figure_text(f['value'], f['unit'], lang)}"
                details = [str(f["year"])] if f["year"] else []
                if f["limburg"] is not None and f["need_signal"] in ("higher", "lower"):
                    details.append(f"Limburg {figure_text(f['limburg'], f['unit'], lang)}")
                text += (f" ({'; '.join(details)})" if details else "") + where
                (signals if signal else context).append(text)
                if f["comparison"]:
                    comparisons.append(f"{f['indicator_name']}{where}: {f['comparison']}")
                if f["indicator"] == indicator:
                    ranked = f["value"] if ranked is None else max(ranked, f["value"])
        local = sorted({e for part in parts for e in part["local_names"]})
        based = sorted({p for part in parts for p in part["partner_names"]})
        rows.append({
            "municipality_2025": name, "nis_2025": parts[0]["nis_2025"],
            "parts": [part["name"] for part in parts],
            "need_signals": len(signals), "signals": sorted(signals), "context": sorted(context),
            "comparisons": sorted(comparisons),
            "local_entries": len(local), "local_names": local,
            "partners_based": len(based), "partner_names": based, "_rank": ranked,
        })
    if indicator:
        lower = any(f["need_signal"] == "lower" for fact in facts for f in fact["figures"]
                    if f["indicator"] == indicator)
        rows.sort(key=lambda r: (r["_rank"] is None,
                                 0 if r["_rank"] is None else (r["_rank"] if lower
                                                               else -r["_rank"]),
                                 r["municipality_2025"]))
    else:
        rows.sort(key=lambda r: (r["local_entries"] > 0, -r["need_signals"],
                                 r["municipality_2025"]))
    for row in rows:
        del row["_rank"]
    return rows
