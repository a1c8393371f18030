"""Display words of the question commands' columns and coded values, for people's formats.

Column keys (``entry_names``) and coded values (``PARTNERS_WITH``, ``organisation``) are the
stable English of the machine formats (``csv``, ``json``); a table, xlsx or csv-excel shows
:func:`header` and :func:`display_value` instead, in the current language
(:mod:`rimograph.core.i18n`). Node types, relations, scopes and partner kinds take the words
the maps use (:mod:`rimograph.outputs.labels`); the other words are in the gettext catalogue.
"""

from __future__ import annotations

import re

from ..core.i18n import N_, catalogue, language
from ..core.numbers import FTE_DECIMALS, PERCENT_DECIMALS, decimals_needed, format_number
from .labels import RELATIONS, TYPE_LABELS, VALUES

HEADERS = {
    # columns of ids are headed "id" (render.people_headers); a table for people drops them
    # first when it is too wide
    "partner": N_("partner"), "municipality": N_("municipality"), "goal": N_("goal"),
    "entry": N_("action or project"), "other": N_("id"), "a": N_("id A"), "b": N_("id B"),
    "members": N_("members (ids)"), "nodes": N_("nodes (ids)"),
    "parts": N_("parts (2019-2024)"), "nis_2025": N_("NIS 2025"),
    "need_signals": N_("need signals"), "signals": N_("signals"), "context": N_("context"),
    "local_entries": N_("local actions"), "local_names": N_("local actions and projects"),
    "partners_based": N_("partners based there"),
    "narrower": N_("through a narrower group"),
    "title": N_("title"), "lines": N_("lines"), "as_written": N_("as written"),
    "sections": N_("sections"), "section_titles": N_("sections (titles)"),
    "municipality_2025": N_("municipality (2025)"), "comparisons": N_("as the plan puts it"),
    "comparison": N_("as the plan puts it"),
    "name": N_("name"), "nis": N_("NIS"), "name_2025": N_("since 2025"),
    "kind": N_("kind"), "type": N_("type"), "scope": N_("scope"),
    "themes": N_("themes"), "theme_names": N_("theme names"),
    "entries": N_("actions"), "entry_names": N_("actions and projects"),
    "strategic_goal": N_("strategic goal"), "theme": N_("theme"), "theme_name": N_("theme"),
    "certain": N_("certain"), "possible": N_("possible"),
    "certain_actions": N_("certainly contributing"),
    "possible_actions": N_("possibly contributing"),
    "attribute": N_("attribute"), "value": N_("value"), "relation": N_("relation"),
    "direction": N_("direction"), "other_type": N_("type"), "other_name": N_("neighbour"),
    "certainty": N_("certainty"), "basis": N_("basis"), "page": N_("page"),
    "detail": N_("detail"),
    "pages": N_("pages"), "count": N_("count"),
    "path": N_("path"), "hops": N_("steps"), "chain": N_("chain"),
    "degree": N_("degree"), "betweenness": N_("betweenness"),
    "articulation": N_("splits the network"), "pieces": N_("pieces"),
    "cut_off": N_("cut off"), "cut_off_entries": N_("actions cut off"),
    "sole_partner_of": N_("only partner of"),
    "community": N_("cluster"), "label": N_("label"), "size": N_("size"),
    "partners": N_("partners"), "partner_names": N_("partner names"),
    "modularity": N_("modularity"),
    "from": N_("from (id)"), "from_name": N_("from"), "to": N_("to (id)"),
    "to_name": N_("to"),
    "a_name": N_("A"), "b_name": N_("B"), "shared": N_("number shared"),
    "shared_names": N_("shared"), "jaccard": N_("Jaccard"),
    "year": N_("year"), "running": N_("running"), "starting": N_("starting"),
    "ending": N_("ending"), "ending_names": N_("ending (names)"),
    "start": N_("start"), "end": N_("end"), "first_day": N_("first day"),
    "last_day": N_("last day"), "assumed": N_("assumed"), "ends_early": N_("ends early"),
    "timing_note": N_("timing note"),
    "fte_decretal": N_("FTE decretal"), "fte_non_decretal": N_("FTE non-decretal"),
    "fte_total": N_("FTE total"), "decretal_share_pct": N_("decretal (%)"),
    "share_of_total_pct": N_("of total (%)"),
    "fte_vzw": N_("FTE vzw"), "fte_ac_vlaamse_overheid": N_("FTE Flemish government"),
    "part": N_("part"), "area": N_("area"), "entry_name": N_("action"),
    "section": N_("section"), "code": N_("code"), "item": N_("item"),
    "status": N_("status"), "key": N_("key"), "line": N_("line"), "message": N_("message"),
    "reason": N_("reason"), "file": N_("file"), "rows": N_("rows"),
    "mention": N_("mention"), "method": N_("method"), "via": N_("via"),
    "suggestions": N_("suggestions"), "parameters": N_("parameters"),
    "description": N_("description"), "action": N_("strategic action"),
    "based_here": N_("based here"), "municipalities": N_("municipalities"),
    "target_groups": N_("target groups"),
    # attributes of a node (`rimograph show`)
    "id": N_("id"), "summary": N_("summary"), "timing": N_("timing"), "sector": N_("sector"),
    "transversal": N_("transversal"), "partners_open_ended": N_("partner list open-ended"),
    "line_start": N_("first line"), "line_end": N_("last line"), "generic": N_("generic"),
    "parent": N_("part of"), "fte": N_("FTE"), "note": N_("note"), "short": N_("short name"),
    # an indicator's figures (`rimograph show` on an indicator)
    "place": N_("place (id)"), "place_name": N_("place"), "place_type": N_("type"),
    "unit": N_("unit"), "approximate": N_("approximate"), "population": N_("group measured"),
    "series": N_("all figures"),
}

# a node's or an edge's attributes (`rimograph show`, the csv-excel export) where they differ
# from the column of the same key
ATTRIBUTES = {
    "municipality": N_("municipality"), "partner": N_("partner"), "goal": N_("goal"),
    "entry": N_("action or project"), "action": N_("strategic action"),
    "nis_2025": N_("NIS since 2025"), "merged_2025": N_("merged in 2025"),
    "arrondissement": N_("arrondissement"), "source": N_("source"),
    "plan_entry": N_("also an entry of the plan"), "broader": N_("broader"),
    "measures": N_("measures"), "source_note": N_("source of the figures"),
    "need_signal": N_("need signal"),
    "level": N_("level"),
    "framework": N_("framework"), "number": N_("number in the plan"),
    "name_as_written": N_("as the plan writes it"),
    "body": N_("body or role"), "date": N_("date"), "group": N_("group in the list"),
    "measurements": N_("figures in the plan"), "mentions": N_("mentions"),
    "names": N_("names as written"), "together_with": N_("together with"),
}

# coded values beyond the maps' words (labels.VALUES); booleans are yes/no
WORDS = {
    "node": N_("node"), "edge": N_("relation"), "out": N_("out"), "in": N_("in"),
    "certain": N_("certain"), "possible": N_("possible"), "stated": N_("stated"),
    "inferred": N_("inferred"), "table": N_("overview table"), "fail": N_("fail"),
    "accepted": N_("accepted"), "note": N_("note"), "exact": N_("exact"),
    "normalised": N_("normalised"), "ambiguous": N_("ambiguous"), "fuzzy": N_("fuzzy"),
    "never-mentioned": N_("never mentioned"),
    "mentioned-without-action": N_("mentioned, no local action"),
    "with-action": N_("with local action"),
    "none": N_("none"), "start": N_("start"), "end": N_("end"), "start, end": N_("start, end"),
    "total": N_("total"), "sector-agreement": N_("agreed in the sector (part of the total)"),
    "project-work": N_("project work and innovation"), "scaling-up": N_("scaling up"),
    "coordination": N_("coordination"),
    "country": N_("country"), "region": N_("region"),
}

# coded values of one column (graph/indicator_definitions.csv)
COLUMN_WORDS = {
    "need_signal": {"higher": N_("higher than Limburg's figure"),
                    "lower": N_("lower than Limburg's figure"),
                    "yes": N_("the plan names the place"), "no": N_("the place lacks it"),
                    "present": N_("the plan counts people there")},
    "unit": {"percent": N_("percent"), "count": N_("number"), "euro": N_("euro"),
             "factor": N_("times"), "per-100": N_("per 100"), "years": N_("years"),
             "yes-no": N_("yes or no")},
}

#: columns whose values are codes shown to a person in words
CODED = {"kind", "type", "other_type", "place_type", "relation", "direction", "scope",
         "certainty", "basis", "status", "method", "assumed", "framework", "detail", "part"}


def column_decimals(column: str, values) -> int:
    """How many decimals every number of ``column`` is shown with, so that a column agrees
    with itself: staff figures (``fte``, ``fte_...``) :data:`~rimograph.core.numbers.FTE_DECIMALS`,
    percentages (``..._pct``) :data:`~rimograph.core.numbers.PERCENT_DECIMALS`, any other
    column as many as its most precise number needs (the plan's figures as it gives them:
    ``69,4`` beside ``71,0``)."""
    if column == "fte" or column.startswith("fte_"):
        return FTE_DECIMALS
    if column.endswith("_pct"):
        return PERCENT_DECIMALS
    return decimals_needed(values)


def _translate(message: str, lang: str | None) -> str:
    return catalogue(lang or language()).gettext(message)


def header(column: str, lang: str | None = None) -> str:
    """The header of ``column`` in ``lang`` (default: the current language); the key itself
    when not listed."""
    label = HEADERS.get(column)
    return _translate(label, lang) if label else column


def attribute_label(key: str, lang: str | None = None) -> str:
    """The label of a node or edge attribute in ``lang`` (default: the current language), as
    :func:`header` otherwise."""
    return _translate(ATTRIBUTES[key], lang) if key in ATTRIBUTES else header(key, lang)


def word(code, lang: str | None = None):
    """A coded value in ``lang`` (default: the current language): node type ("Strategische
    actie"), relation ("werkt samen met"), scope, partner kind or one of :data:`WORDS`; other
    values unchanged; ``True``/``False`` as "ja"/"nee"."""
    if isinstance(code, bool):
        return _translate(N_("yes") if code else N_("no"), lang)
    if not isinstance(code, str) or not code:
        return code
    lang = lang or language()
    for words in (TYPE_LABELS[lang], RELATIONS[lang], VALUES[lang]):
        if code in words:
            return words[code]
    return _translate(WORDS[code], lang) if code in WORDS else code


def display_value(column: str, value, lang: str | None = None):
    """``value`` of ``column`` as a person reads it in ``lang`` (default: the current
    language): coded columns in words (lists item by item), booleans as yes/no; anything else
    unchanged."""
    if isinstance(value, bool):
        return word(value, lang)
    if column in COLUMN_WORDS and value in COLUMN_WORDS[column]:
        return _translate(COLUMN_WORDS[column][value], lang)
    if column in CODED:
        return [word(v, lang) for v in value] if isinstance(value, list) else word(value, lang)
    if column == "series" and isinstance(value, str):
        return series_in_words(value, lang)
    return value


#: a figure of a ``series``: after "year: " or "year (group): ", up to the next "; "
_SERIES_FIGURE = re.compile(r"(?<=: )-?\d+(?:\.\d+)?(?=;|$)")


def series_in_words(series: str, lang: str | None = None) -> str:
    """An indicator's ``series`` ("2012: 11.04; 2017 (jongeren): 20", the graph's figures with
    a decimal point) with each figure written by :func:`rimograph.core.numbers.format_number`
    in ``lang``: "2012: 11,04; 2017 (jongeren): 20" in Dutch."""
    return _SERIES_FIGURE.sub(
        lambda m: format_number(float(m[0]) if "." in m[0] else int(m[0]), lang=lang), series)


def source_in_words(attrs: dict, lang: str | None = None, details: str = "--format json"):
    """Where a municipality's or an area's code and name come from (its ``source``), as a
    person reads it: one short sentence in ``lang`` (default: the current language), from the
    node's attributes (``merged_2025``, ``name_2025``, ``nis_2025``): "NIS-code en naam:
    Statbel REFNIS 2019-2024; in 2025 gefusioneerd tot Tongeren-Borgloon (73111) (details:
    --format json)", ``details`` naming where the full technical provenance (datasets,
    versions, commit) is: the machine formats (``--format json``/``csv``; for the exports
    ``rimograph export --format csv``) and ``graph/``. Another node's ``source`` is
    unchanged."""
    if attrs.get("type") == "Region":
        return _translate(N_("REFNIS code of Statbel (details: {details})"), lang).format(
            details=details)
    if attrs.get("type") != "Municipality":
        return attrs.get("source")
    if attrs.get("merged_2025"):
        since = _translate(N_("merged in 2025 into {name} ({nis})"), lang).format(
            name=attrs.get("name_2025"), nis=attrs.get("nis_2025"))
    else:
        since = _translate(N_("the same code and name in 2025"), lang)
    return _translate(N_("NIS code and name: Statbel REFNIS 2019-2024; {since} (details: "
                         "{details})"), lang).format(since=since, details=details)


def attribute_value(key: str, value, lang: str | None = None):
    """A node's attribute as a list of attributes shows it (``rimograph show``), in ``lang``
    (default: the current language): as :func:`display_value`, and a number as text written
    as its own column would write it (:func:`column_decimals`: VTE ``2,50``), since a list of
    attributes is no column of numbers."""
    value = display_value(key, value, lang)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value, column_decimals(key, [value]), lang=lang)
    return value


def shown_attribute(attrs: dict, key: str, graph=None, lang: str | None = None,
                    details: str = "--format json"):
    """Attribute ``key`` of a node (its attributes ``attrs``) as ``rimograph show`` lists it,
    in ``lang`` (default: the current language): its source in words
    (:func:`source_in_words`, pointing to ``details`` for the rest), a reference to another node by that node's name with its id
    ("Collectief burgerschap (theme:collectief-burgerschap)"; a NIS code as the
    municipality's name: "Genk (71016)") when ``graph`` holds it, else
    :func:`attribute_value`."""
    value = attrs[key]
    if key == "source":
        return source_in_words(attrs, lang, details)
    if graph is not None and key not in ("id", "name") and isinstance(value, str):
        other = value if value in graph else f"municipality:{value}"
        if other in graph and other != attrs.get("id"):
            return f"{graph.nodes[other].get('name', other)} ({value})"
    return attribute_value(key, value, lang)
