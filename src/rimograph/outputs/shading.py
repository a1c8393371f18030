"""Municipality nodes coloured by one need indicator of the plan (``rimograph map --indicator``).

The figure of a municipality is its MEASURED_IN edge from the indicator: the plan's figure for
the whole population, of the latest year the plan gives for that place (see
:func:`rimograph.core.model.build_graph`), citing the plan's page. Colours are five steps of
ColorBrewer's YlOrRd scale (light to dark red), darker towards need: higher figures are darker,
unless the indicator's ``need_signal`` is ``lower`` (a low activity rate points to need), then
lower ones are. A municipality on the map without a figure in the plan is grey.
"""

from __future__ import annotations

from ..core.i18n import N_, catalogue
from ..core.numbers import decimals_needed, format_number
from .columns import COLUMN_WORDS

#: ColorBrewer YlOrRd, 5 classes (light = least need, dark = most), and grey for no figure.
STEPS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
NO_FIGURE = "#bdbdbd"


def _figure(value, unit: str, lang: str, decimals: int) -> str:
    """A figure as people read it: "65,3 procent" in Dutch, "65.3 percent" in English (the
    unit in words, :data:`rimograph.outputs.columns.COLUMN_WORDS`), with ``decimals``
    decimals; "ja"/"nee" for yes-no."""
    say = catalogue(lang).gettext
    if unit == "yes-no":
        return say("yes") if value else say("no")
    text = format_number(value, decimals, lang=lang)
    return f"{text} {say(COLUMN_WORDS['unit'][unit])}" if unit in COLUMN_WORDS["unit"] else text


def _classes(values):
    """Class bounds for ``values``, lowest first: each distinct value its own class when there
    are at most five, else five classes of equal width from the lowest to the highest.
    Returns a list of ``(low, high)``."""
    distinct = sorted(set(values))
    if len(distinct) <= len(STEPS):
        return [(v, v) for v in distinct]
    low, width = distinct[0], (distinct[-1] - distinct[0]) / len(STEPS)
    return [(low + i * width, distinct[-1] if i == len(STEPS) - 1 else low + (i + 1) * width)
            for i in range(len(STEPS))]


def shading(graph, indicator: str, nodes, lang: str = "nl") -> dict:
    """The colour and figure of every municipality among ``nodes`` for ``indicator``.

    Parameters
    ----------
    graph : the plan's graph (networkx MultiDiGraph)
    indicator : an Indicator id (``indicator:activiteitsgraad``)
    nodes : the map's node ids
    lang : ``nl`` or ``en``

    Returns
    -------
    dict
        ``colors`` (municipality id -> hex colour; grey without a figure), ``figures``
        (municipality id -> one tooltip line, e.g. "Activiteitsgraad 2017: 65,3 procent
        (p. 24)"), ``values`` (municipality id -> the figure, a number, for scripts and
        tests), and ``legend``: ``title`` (indicator, years, unit), ``steps`` (list of
        ``{"color", "label"}``, least need first), ``none`` (the same for grey, None when every
        municipality has a figure), ``reading``
        (which way is need).
    """
    say = catalogue(lang).gettext
    definition = graph.nodes[indicator]
    unit = definition.get("unit") or ""
    shown = set(nodes)
    edges = {place: keys["MEASURED_IN"] for place, keys in graph._succ[indicator].items()
             if place in shown and "MEASURED_IN" in keys
             and graph.nodes[place]["type"] == "Municipality"}
    signal = definition.get("need_signal") or ""
    classes = _classes([e["value"] for e in edges.values()])
    # one number of decimals on the whole map, as precise as the plan's most precise figure
    decimals = decimals_needed([e["value"] for e in edges.values()])
    if signal == "lower":  # least need first: the highest figures
        classes.reverse()
    last = len(STEPS) - 1
    colours = [STEPS[round(i * last / (len(classes) - 1))] if len(classes) > 1 else STEPS[last]
               for i in range(len(classes))]

    def colour(value):
        return next((c for (low, high), c in zip(classes, colours) if low <= value <= high),
                    colours[-1])

    result = {"colors": {}, "figures": {}, "values": {}}
    for node in sorted(shown):
        if graph.nodes[node]["type"] != "Municipality":
            continue
        edge = edges.get(node)
        if edge is None:
            result["colors"][node] = NO_FIGURE
            result["figures"][node] = say(N_("{indicator}: no figure in the plan")).format(
                indicator=definition["name"])
            continue
        result["colors"][node] = colour(edge["value"])
        result["values"][node] = edge["value"]
        result["figures"][node] = say(N_("{indicator}{year}: {figure} (p. {page})")).format(
            indicator=definition["name"], year=f" {edge['year']}" if edge.get("year") else "",
            figure=_figure(edge["value"], unit, lang, decimals), page=edge.get("page", "?"))
    years = sorted({e["year"] for e in edges.values() if e.get("year")})
    when = (str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}") if years else ""
    unit_words = say(COLUMN_WORDS["unit"][unit]) if unit in COLUMN_WORDS["unit"] else unit
    reading = {"higher": N_("darker: more need (a higher figure)"),
               "lower": N_("darker: more need (a lower figure)")}.get(
                   signal, N_("darker: a higher figure"))
    result["legend"] = {
        "title": ", ".join(part for part in (definition["name"], when, unit_words) if part),
        "steps": [{"color": c, "label": _figure(low, unit, lang, decimals) if low == high else
                   f"{_figure(low, '', lang, decimals)} - {_figure(high, '', lang, decimals)}"}
                  for (low, high), c in zip(classes, colours)],
        "none": {"color": NO_FIGURE, "label": say(N_("grey: no figure in the plan"))}
        if NO_FIGURE in result["colors"].values() else None,
        "reading": say(reading),
    }
    return result
